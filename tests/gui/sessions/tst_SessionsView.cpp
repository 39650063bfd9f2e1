#include "core/servicebus/LockTracker.h"
#include "ui/locks/LockedMessagesModel.h"
#include "ui/locks/LockedMessagesView.h"
#include "ui/sessions/SessionStateEditor.h"
#include "ui/sessions/SessionsView.h"
#include "ui/widgets/ScriptedConfirmationPrompt.h"

#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

#include "../locks/LocksTestSupport.h"

using namespace busbar;
using namespace busbar::test;

class tst_SessionsView : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        const QString error = m_emulator.start({}, {QStringLiteral("sq"), QStringLiteral("next")});
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(m_emulator.sendIds(QStringLiteral("sq"),
                                   {QStringLiteral("a1"), QStringLiteral("a2")},
                                   QStringLiteral("alpha")));
        QVERIFY(m_emulator.sendIds(QStringLiteral("sq"), {QStringLiteral("b1")},
                                   QStringLiteral("beta")));
        QVERIFY(m_emulator.sendIds(QStringLiteral("next"), {QStringLiteral("n1")},
                                   QStringLiteral("gamma")));
    }

    void listsTheSessions() {
        SessionsView view(m_emulator.client(), &m_prompt, QStringLiteral("sq"));
        QSignalSpy listed(&view, &SessionsView::sessionsListed);
        view.refresh();
        QVERIFY(listed.wait(kAwaitMs));
        QCOMPARE(listed.at(0).at(0).toString(), QString());
        QStringList sessions = view.sessions();
        sessions.sort();
        QCOMPARE(sessions, (QStringList{QStringLiteral("alpha"), QStringLiteral("beta")}));
    }

    void acceptNextAvailable() {
        SessionsView view(m_emulator.client(), &m_prompt, QStringLiteral("next"));
        QSignalSpy accepted(&view, &SessionsView::sessionAccepted);
        view.accept({});
        QVERIFY(accepted.wait(kAwaitMs));
        QCOMPARE(view.acceptedSession(), QStringLiteral("gamma"));
        QVERIFY(view.stateEditor());
        QSignalSpy closed(&view, &SessionsView::sessionClosed);
        view.closeSession();
        QVERIFY(closed.wait(kAwaitMs));
        QTRY_VERIFY(view.lockText().contains(QStringLiteral("No session")));
    }

    // A 5 s session lock stays ours for 12 s (renewed by the tracker), and its messages can
    // be received into the locked view and completed.
    void sessionLockIsRenewedAndMessagesSettle() {
        SessionsView view(m_emulator.client(), &m_prompt, QStringLiteral("sq"));
        view.setMaxWait(std::chrono::seconds(3));
        view.resize(900, 500);
        view.show();
        QSignalSpy accepted(&view, &SessionsView::sessionAccepted);
        view.accept(QStringLiteral("alpha"));
        QVERIFY(accepted.wait(kAwaitMs));
        QTRY_VERIFY(view.lockText().contains(QStringLiteral("Session alpha")));
        QVERIFY2(view.lockText().contains(QStringLiteral(" s · ")), qPrintable(view.lockText()));
        int renewals = 0;
        bool lost = false;
        connect(view.tracker(), &LockTracker::locksChanged, this,
                [&](const QList<LockSnapshot>& changes) {
                    for (const LockSnapshot& change : changes) {
                        renewals = std::max(renewals, change.renewals);
                        lost = lost || change.state == LockState::Lost;
                    }
                });
        QTRY_VERIFY_WITH_TIMEOUT(lost || renewals >= 3, 25000);
        QVERIFY(!lost);
        QVERIFY(!view.lockText().contains(QStringLiteral("lost")));

        QSignalSpy received(&view, &SessionsView::receiveFinished);
        view.receive(2);
        QVERIFY(received.wait(kAwaitMs));
        QCOMPARE(received.at(0).at(1).toString(), QString());
        LockedMessagesView* messages = view.messagesView();
        QVERIFY(!messages->findChild<QWidget*>(QStringLiteral("receive"))->isVisible());
        QTRY_VERIFY(messages->model()->rowCount() >= 1);
        QCOMPARE(messages->model()->index(0, LockedMessagesModel::StateColumn).data().toString(),
                 QStringLiteral("session alpha"));
        messages->table()->selectionModel()->select(messages->model()->index(0, 0),
                                                    QItemSelectionModel::ClearAndSelect |
                                                        QItemSelectionModel::Rows);
        const QString completedId = messages->model()->row(0).message.messageId();
        messages->completeSelected();
        QTRY_COMPARE_WITH_TIMEOUT(
            messages->model()->index(0, LockedMessagesModel::ResultColumn).data().toString(),
            QStringLiteral("Completed"), kAwaitMs);
        const auto left = await(m_emulator.client()->peek(QStringLiteral("sq"), SubQueue::None, 0,
                                                          10, QStringLiteral("alpha")));
        QVERIFY(left);
        for (const ServiceBusMessage& message : *left) {
            QVERIFY(message.messageId() != completedId);
        }
        QCOMPARE(left->size(), 1);
    }

private:
    LockEmulator m_emulator;
    ScriptedConfirmationPrompt m_prompt;
};

QTEST_MAIN(tst_SessionsView)
#include "tst_SessionsView.moc"
