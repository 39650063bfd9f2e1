#include "core/diagnostics/FrameTrace.h"
#include "core/servicebus/ServiceBusClient.h"
#include "tests/gui/common/MainWindowFixture.h"
#include "ui/connections/ConnectDialog.h"
#include "ui/explorer/ExplorerController.h"
#include "ui/explorer/NamespaceSession.h"
#include "ui/log/FrameTraceView.h"
#include "ui/log/LogPanel.h"
#include "ui/main/MainActions.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTest>

using namespace busbar;
using namespace busbar::test;

namespace {

QStringList rowsOf(const QListWidget* list) {
    QStringList rows;
    for (int row = 0; row < list->count(); ++row) {
        rows.append(list->item(row)->text());
    }
    return rows;
}

} // namespace

class tst_DiagnosticsUi : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        emulator::NamespaceConfig ns;
        QueueDescription queue;
        queue.name = QStringLiteral("orders");
        ns.queues.append(queue);
        const QString error = m_fixture.start(ns);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void init() {
        QVERIFY(m_fixture.showWindow());
        m_fixture.m_window->explorer()->setEmulatorAdminUrl(
            QStringLiteral("localhost:%1").arg(m_fixture.m_endpoints.amqpPort),
            m_fixture.m_endpoints.adminUrl);
    }

    void cleanup() {
        m_fixture.closeWindow();
        FrameTrace::shared()->setEnabled(false);
        FrameTrace::shared()->clear();
    }

    void testConnectionListsEveryStepWithTicksAndTimes() {
        m_fixture.m_window->actions()->action(MainAction::Connect)->trigger();
        auto* edit =
            m_fixture.m_window->findChild<QLineEdit*>(QStringLiteral("connectionStringEdit"));
        auto* test =
            m_fixture.m_window->findChild<QPushButton*>(QStringLiteral("connectTestButton"));
        auto* steps =
            m_fixture.m_window->findChild<QListWidget*>(QStringLiteral("connectTestStepsList"));
        auto* result =
            m_fixture.m_window->findChild<QLabel*>(QStringLiteral("connectTestResultLabel"));
        QVERIFY(edit && test && steps && result);
        QVERIFY(!steps->isVisible()); // nothing tested yet
        edit->setText(m_fixture.m_endpoints.connectionString);
        test->click();
        QVERIFY(steps->isVisible());
        QTRY_VERIFY(result->text().startsWith(QStringLiteral("✓")));
        const QStringList rows = rowsOf(steps);
        QCOMPARE(rows.size(), 7);
        const QStringList names{QStringLiteral("DNS lookup"),     QStringLiteral("TCP connect"),
                                QStringLiteral("TLS handshake"),  QStringLiteral("SASL"),
                                QStringLiteral("AMQP open"),      QStringLiteral("CBS put-token"),
                                QStringLiteral("Management read")};
        for (int i = 0; i < rows.size(); ++i) {
            const bool skipped = names.at(i) == QStringLiteral("TLS handshake");
            QVERIFY2(rows.at(i).startsWith((skipped ? QStringLiteral("– ") : QStringLiteral("✓ ")) +
                                           names.at(i)),
                     qPrintable(rows.at(i)));
            if (!skipped) {
                QVERIFY2(rows.at(i).contains(QRegularExpression(QStringLiteral(" · \\d+ ms · "))),
                         qPrintable(rows.at(i)));
            }
        }
        QVERIFY(rows.at(5).contains(QStringLiteral("202")));

        // A wrong key: the list stops at CBS with a cross and the broker's 401.
        edit->setText(QString(m_fixture.m_endpoints.connectionString)
                          .replace(QStringLiteral("SAS_KEY_VALUE"), QStringLiteral("NotTheKey9")));
        QVERIFY(!steps->isVisible()); // the old steps no longer apply
        test->click();
        QTRY_VERIFY(result->text().startsWith(QStringLiteral("✗")));
        const QStringList failed = rowsOf(steps);
        QCOMPARE(failed.size(), 6);
        QVERIFY2(failed.last().startsWith(QStringLiteral("✗ CBS put-token")),
                 qPrintable(failed.last()));
        QVERIFY(failed.last().contains(QStringLiteral("401")));
        QVERIFY(result->text().contains(QStringLiteral("401")));
        for (const QString& row : failed) {
            QVERIFY2(!row.contains(QStringLiteral("NotTheKey9")), qPrintable(row));
        }
        QCOMPARE(m_fixture.m_window->explorer()->sessions().size(), 0); // testing opens nothing
    }

    void stepRowsAreRewrittenInPlaceAndStaleRunsIgnored() {
        ConnectDialog dialog(true);
        ConnectDialog::StepCallback lastStep;
        std::function<void(bool, const QString&)> lastDone;
        dialog.setStepTester([&](const ConnectionString&, QObject*,
                                 ConnectDialog::StepCallback step,
                                 std::function<void(bool, const QString&)> done) {
            lastStep = std::move(step);
            lastDone = std::move(done);
        });
        auto* edit = dialog.findChild<QLineEdit*>(QStringLiteral("connectionStringEdit"));
        auto* test = dialog.findChild<QPushButton*>(QStringLiteral("connectTestButton"));
        edit->setText(m_fixture.m_endpoints.connectionString);
        test->click();
        QVERIFY(lastStep && lastDone);
        ProbeStep step;
        step.kind = ProbeStepKind::Dns;
        lastStep(step);
        QCOMPARE(rowsOf(dialog.testStepsList()), QStringList{QStringLiteral("… DNS lookup")});
        step.status = ProbeStepStatus::Ok;
        step.elapsedMs = 12;
        step.detail = QStringLiteral("127.0.0.1");
        lastStep(step);
        step.kind = ProbeStepKind::Tcp;
        step.status = ProbeStepStatus::Failed;
        step.detail = QStringLiteral("TCP: refused, SharedAccessKey=leaked");
        lastStep(step);
        const QStringList rows = rowsOf(dialog.testStepsList());
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0), QStringLiteral("✓ DNS lookup · 12 ms · 127.0.0.1"));
        QVERIFY2(rows.at(1).startsWith(QStringLiteral("✗ TCP connect · 12 ms · TCP: refused")),
                 qPrintable(rows.at(1)));
        QVERIFY(!rows.at(1).contains(QStringLiteral("leaked")));

        // The string changes: what the old run reports now is dropped.
        const auto staleStep = lastStep;
        const auto staleDone = lastDone;
        edit->setText(m_fixture.m_endpoints.connectionString + QLatin1Char(';'));
        QCOMPARE(dialog.testStepsList()->count(), 0);
        staleStep(step);
        staleDone(false, QStringLiteral("old"));
        QCOMPARE(dialog.testStepsList()->count(), 0);
        QVERIFY(dialog.testResultLabel()->text().isEmpty());
    }

    void theFrameTraceTabShowsRedactedFramesOfOpenNamespaces() {
        LogPanel* log = m_fixture.m_window->logPanel();
        FrameTraceView* frames = log->frameTraceView();
        QVERIFY(frames != nullptr);
        QVERIFY(!frames->isTracing()); // off by default
        log->showFrameTrace(true);
        QVERIFY(log->isShowingFrameTrace());
        frames->toggle()->click();
        QVERIFY(frames->isTracing());
        QVERIFY(FrameTrace::shared()->isEnabled());

        NamespaceSession* session =
            m_fixture.openNamespace(QStringLiteral("emu"), QStringLiteral("emulator"));
        QVERIFY(session != nullptr);
        QTRY_COMPARE(session->state(), NamespaceSession::State::Connected);
        QTRY_VERIFY(frames->allText().contains(QStringLiteral("@open(16)")));
        // A peek: CBS put-token, then a $management request, both transfers.
        const auto peeked = session->client()->peek(QStringLiteral("orders"), SubQueue::None, 1, 1);
        QTRY_VERIFY(peeked.isFinished());
        QVERIFY(peeked.result().has_value());
        QTRY_VERIFY(frames->allText().contains(QStringLiteral("@transfer(20)")));
        const QString text = frames->allText();
        QVERIFY(text.contains(QStringLiteral("localhost")));
        QVERIFY(!text.contains(QStringLiteral("SAS_KEY_VALUE")));
        QVERIFY(!text.contains(QStringLiteral("SharedAccessSignature sr")));
        QVERIFY(!text.contains(QStringLiteral("sig=")));

        // Copy and Save act on the tab in front.
        m_fixture.m_window->findChild<QPushButton*>(QStringLiteral("logCopyButton"))->click();
        QCOMPARE(QApplication::clipboard()->text(), frames->allText());
        const QString path = m_fixture.m_dir.filePath(QStringLiteral("frames.log"));
        QVERIFY(frames->saveTo(path));
        QFile saved(path);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QVERIFY(QString::fromUtf8(saved.readAll()).contains(QStringLiteral("@open(16)")));

        frames->toggle()->click();
        QVERIFY(!FrameTrace::shared()->isEnabled());
        m_fixture.m_window->findChild<QPushButton*>(QStringLiteral("logClearButton"))->click();
        QCOMPARE(frames->lineCount(), 0);
        QVERIFY(log->entryCount() > 0); // Clear emptied the trace, not the operations log
        m_fixture.m_window->explorer()->disconnectNamespace(QStringLiteral("emu"));
    }

private:
    MainWindowFixture m_fixture;
};

QTEST_MAIN(tst_DiagnosticsUi)
#include "tst_DiagnosticsUi.moc"
