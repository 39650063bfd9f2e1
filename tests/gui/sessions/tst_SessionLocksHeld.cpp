// The real main window's "Locks held" with a Sessions tab: an accepted session counts as one
// lock (its messages are held by it), and releasing it takes the count back to zero.
#include "core/auth/ConnectionString.h"
#include "core/servicebus/ServiceBusClient.h"
#include "core/settings/InMemorySecretStore.h"
#include "core/settings/Settings.h"
#include "emulator/server/InProcessEmulator.h"
#include "ui/explorer/ExplorerController.h"
#include "ui/explorer/NamespaceSession.h"
#include "ui/locks/LockedMessagesModel.h"
#include "ui/locks/LockedMessagesView.h"
#include "ui/main/MainStatusBar.h"
#include "ui/main/MainWindow.h"
#include "ui/sessions/SessionLockBar.h"
#include "ui/sessions/SessionsView.h"
#include "ui/widgets/ScriptedConfirmationPrompt.h"

#include <QApplication>
#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace busbar;

class tst_SessionLocksHeld : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QApplication::setQuitOnLastWindowClosed(false);
        emulator::EmulatorOptions options = emulator::InProcessEmulator::ephemeralOptions();
        emulator::NamespaceConfig ns;
        QueueDescription tickets;
        tickets.name = QStringLiteral("tickets");
        tickets.requiresSession = true;
        ns.queues.append(tickets);
        options.config.namespaces.append(ns);
        auto started = m_emulator.start(options);
        QVERIFY2(started.has_value(), started ? "" : qPrintable(started.error().message));
        m_endpoints = *started;
    }

    void anAcceptedSessionCountsOnceUntilReleased() {
        Settings settings(m_dir.filePath(QStringLiteral("settings.ini")));
        settings.setAutoRefreshInterval(std::chrono::seconds(0));
        InMemorySecretStore secrets;
        ScriptedConfirmationPrompt prompt;
        UiServices services;
        services.settings = &settings;
        services.secrets = &secrets;
        services.confirmation = &prompt;
        MainWindow window(services);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto parsed = ConnectionString::parse(m_endpoints.connectionString);
        QVERIFY(parsed.has_value());
        parsed->setAdminBaseUrl(m_endpoints.adminUrl);
        ExplorerController* explorer = window.explorer();
        explorer->openNamespace(QStringLiteral("emu"), QStringLiteral("emulator"), *parsed);
        QTRY_COMPARE(explorer->sessions().size(), 1);
        ServiceBusClient* client = explorer->sessions().constFirst()->client();
        QVERIFY(client != nullptr);

        OutgoingMessage message;
        message.messageId = QStringLiteral("t1");
        message.sessionId = QStringLiteral("ticket-1");
        message.body = QByteArrayLiteral("t1");
        auto sent = client->send(QStringLiteral("tickets"), {message});
        QTRY_VERIFY_WITH_TIMEOUT(sent.isFinished(), 20000);
        QVERIFY(sent.result().has_value());

        auto* view = qobject_cast<SessionsView*>(
            explorer->openSessions(QStringLiteral("emu"), QStringLiteral("tickets")));
        QVERIFY(view != nullptr);
        QLabel* locks = window.mainStatusBar()->locksHeldLabel();
        QCOMPARE(locks->text(), QStringLiteral("Locks held: 0"));
        QVERIFY(locks->toolTip().contains(QStringLiteral("one per accepted session")));

        QSignalSpy accepted(view, &SessionsView::sessionAccepted);
        view->accept(QStringLiteral("ticket-1"));
        QVERIFY(accepted.wait(20000));
        QTRY_COMPARE(locks->text(), QStringLiteral("Locks held: 1"));
        QVERIFY(view->lockBar()->state().has_value());

        // Its message is held by the session lock: shown with it, not counted again.
        QSignalSpy received(view, &SessionsView::receiveFinished);
        view->receive(1);
        QVERIFY(received.wait(20000));
        QCOMPARE(received.at(0).at(0).toInt(), 1);
        const LockedMessagesModel* model = view->messagesView()->model();
        QCOMPARE(model->rowCount(), 1);
        QVERIFY(model->index(0, LockedMessagesModel::CountdownColumn)
                    .data(LockedMessagesModel::RemainingMsRole)
                    .toLongLong() > 0);
        QCOMPARE(locks->text(), QStringLiteral("Locks held: 1"));

        QSignalSpy closed(view, &SessionsView::sessionClosed);
        view->closeSession();
        QVERIFY(closed.wait(20000));
        QTRY_COMPARE(locks->text(), QStringLiteral("Locks held: 0"));
        QTRY_COMPARE(model->index(0, LockedMessagesModel::CountdownColumn).data().toString(),
                     QStringLiteral("released"));
    }

private:
    emulator::InProcessEmulator m_emulator;
    emulator::InProcessEmulator::Endpoints m_endpoints;
    QTemporaryDir m_dir;
};

QTEST_MAIN(tst_SessionLocksHeld)
#include "tst_SessionLocksHeld.moc"
