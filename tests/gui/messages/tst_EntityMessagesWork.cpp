// The messages view's "Sorting…" / "Filtering…" line: shown while the filter proxy's worker
// computes a new order or filter (above its 20,000-row threshold), cleared when the pass lands
// or is superseded, never shown for the synchronous small case.
#include "core/servicebus/OutgoingMessage.h"
#include "ui/messages/EntityMessagesView.h"
#include "ui/messages/MessageFilterProxy.h"
#include "ui/messages/MessageListModel.h"
#include "ui/messages/MessageSearchBar.h"
#include "ui/messages/MessageTableView.h"
#include "ui/messages/PeekPager.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>
#include <QToolButton>

#include "MessagesTestSupport.h"

using namespace busbar;
using namespace busbar::test;

namespace {

constexpr int kBig = 25000; // above the proxy's default threshold of 20,000 rows
constexpr int kSmall = 300;
constexpr int kWaitMs = 60000;

// Ids run against sequence numbers ("m-<kBig - i>"), so an id sort reverses the rows; every
// tenth subject is "rare", for a filter that keeps a known tenth.
OutgoingMessage numbered(int i) {
    OutgoingMessage out;
    out.messageId = QStringLiteral("m-%1").arg(kBig - i, 6, 10, QLatin1Char('0'));
    out.subject = i % 10 == 0 ? QStringLiteral("rare") : QStringLiteral("common");
    out.body = QByteArrayLiteral("{}");
    return out;
}

QString firstId(const EntityMessagesView& view) {
    return view.proxy()->index(0, MessageListModel::MessageId).data().toString();
}

} // namespace

class tst_EntityMessagesWork : public QObject {
    Q_OBJECT

private:
    SeededEmulator m_emulator;
    std::unique_ptr<AmqpServiceBusClient> m_client;

    // A shown view of `queue` with every message loaded (source order, no worker pass left).
    std::unique_ptr<EntityMessagesView> loadedView(const QString& queue, int count) {
        auto view = std::make_unique<EntityMessagesView>(m_client.get(), queue);
        view->resize(1200, 900);
        view->show();
        if (!QTest::qWaitForWindowExposed(view.get())) {
            return nullptr;
        }
        view->findChild<QToolButton*>(QStringLiteral("loadAll"))->click();
        if (!QTest::qWaitFor(
                [&] {
                    return view->pager(EntityMessagesView::Active)->atEnd() &&
                           view->model(EntityMessagesView::Active)->rowCount() == count &&
                           !view->proxy()->isBusy();
                },
                kWaitMs)) {
            return nullptr;
        }
        return view;
    }

    void search(EntityMessagesView& view, const QString& text) {
        QLineEdit* edit = view.searchBar()->lineEdit();
        edit->setText(text);
        QTest::keyClick(edit, Qt::Key_Return);
    }

private Q_SLOTS:
    void initTestCase() {
        const QString error = m_emulator.start({QStringLiteral("big"), QStringLiteral("small")});
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const auto big = m_emulator.seed(QStringLiteral("big"), kBig, numbered);
        const auto small = m_emulator.seed(QStringLiteral("small"), kSmall, numbered);
        QTRY_VERIFY_WITH_TIMEOUT(big->done && small->done, kWaitMs);
        QVERIFY(!big->failed && !small->failed);
        m_client = m_emulator.client();
        QVERIFY(m_client);
    }

    void cleanupTestCase() {
        m_client.reset();
        m_emulator.stop();
    }

    // A header click on 25,000 rows: the line says "Sorting…" at once, the table keeps its
    // rows meanwhile (the GUI thread does not wait), and the line goes when the order lands.
    void aWorkerSortShowsSortingUntilItLands() {
        auto view = loadedView(QStringLiteral("big"), kBig);
        QVERIFY(view);
        QWidget* indicator = view->workIndicator();
        QVERIFY(!indicator->isVisible());
        QCOMPARE(view->workText(), QString());
        QCOMPARE(view->proxy()->rowCount(), kBig);
        const QString before = firstId(*view);
        QCOMPARE(before, QStringLiteral("m-%1").arg(kBig, 6, 10, QLatin1Char('0')));

        QSignalSpy busy(view->proxy(), &MessageFilterProxy::busyChanged);
        view->table()->horizontalHeader()->setSortIndicator(MessageListModel::MessageId,
                                                            Qt::AscendingOrder);
        QVERIFY(indicator->isVisible());
        QCOMPARE(view->workText(), QStringLiteral("Sorting…"));
        QCOMPARE(indicator->accessibleName(), QStringLiteral("Sorting…"));
        QVERIFY(indicator->toolTip().contains(QStringLiteral("25,000")));
        QCOMPARE(firstId(*view), before); // the previous order until the new one lands

        QTRY_VERIFY_WITH_TIMEOUT(!indicator->isVisible(), kWaitMs);
        QCOMPARE(view->workText(), QString());
        QCOMPARE(busy.count(), 2);
        QCOMPARE(busy.at(0).at(0).toBool(), true);
        QCOMPARE(busy.at(1).at(0).toBool(), false);
        QCOMPARE(view->proxy()->rowCount(), kBig);
        QCOMPARE(firstId(*view), QStringLiteral("m-000001"));
    }

    // A search on 25,000 rows says "Filtering…"; a sort asked for while it runs supersedes
    // it (the line stays, saying what the running pass does) and the line goes only when the
    // last pass lands, with both the filter and the order applied.
    void aSupersededPassKeepsTheLineUntilTheLastLands() {
        auto view = loadedView(QStringLiteral("big"), kBig);
        QVERIFY(view);
        QWidget* indicator = view->workIndicator();
        QSignalSpy work(view->proxy(), &MessageFilterProxy::workChanged);
        QSignalSpy busy(view->proxy(), &MessageFilterProxy::busyChanged);

        search(*view, QStringLiteral("rare"));
        QVERIFY(indicator->isVisible());
        QCOMPARE(view->workText(), QStringLiteral("Filtering…"));
        view->table()->horizontalHeader()->setSortIndicator(MessageListModel::MessageId,
                                                            Qt::DescendingOrder);
        QVERIFY(indicator->isVisible());
        // The filter has not landed yet, so the pass under way still filters.
        QCOMPARE(view->workText(), QStringLiteral("Filtering…"));

        QTRY_VERIFY_WITH_TIMEOUT(!indicator->isVisible(), kWaitMs);
        QCOMPARE(view->workText(), QString());
        QCOMPARE(busy.count(), 2); // shown once, cleared once: never flickered between passes
        QCOMPARE(work.last().at(0).value<MessageFilterProxy::Work>(),
                 MessageFilterProxy::Work::None);
        QCOMPARE(view->proxy()->rowCount(), kBig / 10);
        // Descending ids: the highest id among the "rare" rows (i = 0) first.
        QCOMPARE(firstId(*view), QStringLiteral("m-%1").arg(kBig, 6, 10, QLatin1Char('0')));

        // Now only the order changes: "Sorting…".
        view->table()->horizontalHeader()->setSortIndicator(MessageListModel::MessageId,
                                                            Qt::AscendingOrder);
        QCOMPARE(view->workText(), QStringLiteral("Sorting…"));
        QTRY_VERIFY_WITH_TIMEOUT(!indicator->isVisible(), kWaitMs);
        QCOMPARE(firstId(*view), QStringLiteral("m-000010"));
    }

    // Switching to a small sub-view supersedes a worker pass with a synchronous one: the line
    // goes at once, and nothing the old pass computes lands afterwards.
    void aSynchronousPassClearsTheLineAtOnce() {
        auto view = loadedView(QStringLiteral("big"), kBig);
        QVERIFY(view);
        QWidget* indicator = view->workIndicator();
        view->table()->horizontalHeader()->setSortIndicator(MessageListModel::Subject,
                                                            Qt::AscendingOrder);
        QVERIFY(indicator->isVisible());
        view->setSubView(EntityMessagesView::DeadLetter);
        QVERIFY(!indicator->isVisible());
        QCOMPARE(view->workText(), QString());
        QCOMPARE(view->proxy()->rowCount(), 0);
        // Whatever of the dropped pass was still queued or running changes nothing.
        QSignalSpy work(view->proxy(), &MessageFilterProxy::workChanged);
        QCoreApplication::processEvents();
        QThreadPool::globalInstance()->waitForDone();
        QCoreApplication::processEvents();
        QCOMPARE(work.count(), 0);
        QVERIFY(!indicator->isVisible());

        // Back to the 25,000 rows: a worker pass again, announced and cleared.
        view->setSubView(EntityMessagesView::Active);
        QVERIFY(indicator->isVisible());
        QCOMPARE(view->workText(), QStringLiteral("Filtering…"));
        QTRY_VERIFY_WITH_TIMEOUT(!indicator->isVisible(), kWaitMs);
        QCOMPARE(view->proxy()->rowCount(), kBig);
    }

    // Below the threshold sorting and filtering happen at once: no line, not even briefly.
    void theSmallCaseShowsNothing() {
        auto view = loadedView(QStringLiteral("small"), kSmall);
        QVERIFY(view);
        QSignalSpy work(view->proxy(), &MessageFilterProxy::workChanged);
        view->table()->horizontalHeader()->setSortIndicator(MessageListModel::MessageId,
                                                            Qt::AscendingOrder);
        QCOMPARE(firstId(*view),
                 QStringLiteral("m-%1").arg(kBig - kSmall + 1, 6, 10, QLatin1Char('0')));
        search(*view, QStringLiteral("rare"));
        QCOMPARE(view->proxy()->rowCount(), kSmall / 10);
        QCoreApplication::processEvents();
        QCOMPARE(work.count(), 0);
        QVERIFY(!view->workIndicator()->isVisible());
        QCOMPARE(view->workText(), QString());
    }
};

QTEST_MAIN(tst_EntityMessagesWork)
#include "tst_EntityMessagesWork.moc"
