// The real main window driving the explorer against the emulator in-process: connecting with
// a connection string, the tree with counts, the filter, entity tabs, and the Local namespace.
#include "app/EmbeddedLocalNamespace.h"
#include "core/servicebus/ServiceBusClient.h"
#include "core/settings/InMemorySecretStore.h"
#include "core/settings/Settings.h"
#include "emulator/seed/DemoSeeder.h"
#include "emulator/server/InProcessEmulator.h"
#include "ui/explorer/ExplorerController.h"
#include "ui/explorer/NamespaceDock.h"
#include "ui/explorer/NamespaceSession.h"
#include "ui/explorer/NamespaceTreeModel.h"
#include "ui/locks/LockedMessagesModel.h"
#include "ui/locks/LockedMessagesView.h"
#include "ui/main/MainActions.h"
#include "ui/main/MainStatusBar.h"
#include "ui/main/MainWindow.h"
#include "ui/main/Workspace.h"
#include "ui/messages/EntityMessagesView.h"
#include "ui/send/ComposeDialog.h"
#include "ui/sessions/SessionsView.h"
#include "ui/widgets/ScriptedConfirmationPrompt.h"

#include <QAction>
#include <QApplication>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <memory>

using namespace busbar;

namespace {

using Role = NamespaceTreeModel::Role;

emulator::EmulatorConfig twoQueues() {
    emulator::NamespaceConfig ns;
    for (const char* name : {"orders", "invoices"}) {
        QueueDescription queue;
        queue.name = QString::fromLatin1(name);
        ns.queues.append(queue);
    }
    QueueDescription tickets;
    tickets.name = QStringLiteral("tickets");
    tickets.requiresSession = true;
    ns.queues.append(tickets);
    emulator::TopicConfig topic;
    topic.description.name = QStringLiteral("events");
    ns.topics.append(topic);
    emulator::EmulatorConfig config;
    config.namespaces.append(ns);
    return config;
}

// The names of the rows the tree currently shows, depth first (expanded rows only).
QStringList visibleNames(const QTreeView* tree, const QModelIndex& parent = {}) {
    QStringList names;
    const QAbstractItemModel* model = tree->model();
    for (int row = 0; row < model->rowCount(parent); ++row) {
        const QModelIndex index = model->index(row, 0, parent);
        names.append(index.data(Role::NameRole).toString());
        if (tree->isExpanded(index)) {
            names += visibleNames(tree, index);
        }
    }
    return names;
}

} // namespace

class tst_ExplorerWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QApplication::setQuitOnLastWindowClosed(false);
        emulator::EmulatorOptions options = emulator::InProcessEmulator::ephemeralOptions();
        options.config = twoQueues();
        auto started = m_emulator.start(options);
        QVERIFY2(started.has_value(), started ? "" : qPrintable(started.error().message));
        m_endpoints = *started;
    }

    void init() {
        m_settings = std::make_unique<Settings>(
            m_dir.filePath(QStringLiteral("settings-%1.ini").arg(++m_counter)));
        m_settings->setAutoRefreshInterval(std::chrono::seconds(0));
        m_secrets = std::make_unique<InMemorySecretStore>();
        m_prompt = std::make_unique<ScriptedConfirmationPrompt>();
    }

    void cleanup() {
        m_window.reset();
        m_local.reset();
    }

    void connectingWithAConnectionStringListsQueuesWithCounts() {
        openWindow();
        ExplorerController* explorer = m_window->explorer();
        explorer->setEmulatorAdminUrl(QStringLiteral("localhost:%1").arg(m_endpoints.amqpPort),
                                      m_endpoints.adminUrl);
        m_window->actions()->action(MainAction::Connect)->trigger();
        auto* edit = m_window->findChild<QLineEdit*>(QStringLiteral("connectionStringEdit"));
        QVERIFY(edit != nullptr);
        edit->setText(m_endpoints.connectionString);
        auto* name = m_window->findChild<QLineEdit*>(QStringLiteral("connectionNameEdit"));
        name->setText(QStringLiteral("emulator"));
        auto* ok = m_window->findChild<QPushButton*>(QStringLiteral("connectOkButton"));
        QVERIFY(ok->isEnabled());
        ok->click();

        QTreeView* tree = m_window->namespaceDock()->treeView();
        QTRY_VERIFY(visibleNames(tree).contains(QStringLiteral("orders")));
        QCOMPARE(visibleNames(tree),
                 (QStringList{QStringLiteral("emulator"), QStringLiteral("Queues"),
                              QStringLiteral("invoices"), QStringLiteral("orders"),
                              QStringLiteral("tickets"), QStringLiteral("Topics"),
                              QStringLiteral("events")}));
        QTRY_VERIFY(m_window->mainStatusBar()->connectionStateLabel()->text().contains(
            QStringLiteral("connected")));

        // Counts: send to orders, refresh from the toolbar, see the number after the name.
        NamespaceSession* session = explorer->sessions().constFirst();
        QList<OutgoingMessage> batch;
        for (int i = 0; i < 4; ++i) {
            OutgoingMessage message;
            message.body = QByteArray::number(i);
            batch.append(message);
        }
        auto sent = session->client()->send(QStringLiteral("orders"), batch);
        QTRY_VERIFY(sent.isFinished());
        QVERIFY(sent.result().has_value());
        m_window->actions()->action(MainAction::Refresh)->trigger();
        QTRY_COMPARE(
            entity(session->id(), QStringLiteral("orders")).data(Role::CountsTextRole).toString(),
            QStringLiteral("4"));
        QCOMPARE(entity(session->id(), QStringLiteral("invoices"))
                     .data(Role::ActiveCountRole)
                     .toLongLong(),
                 0);
        session->client()->receive(QStringLiteral("orders"), SubQueue::None,
                                   ReceiveMode::ReceiveAndDelete, 4, std::chrono::seconds(5));
    }

    void activatingASavedConnectionReadsItsKeyAndConnects() {
        auto parsed = ConnectionString::parse(m_endpoints.connectionString);
        QVERIFY(parsed.has_value());
        QVERIFY(m_settings->saveConnection(
            savedConnectionFor(*parsed, QStringLiteral("saved-emu"), QStringLiteral("kept"))));
        auto written = m_secrets->writeSecret(QStringLiteral("saved-emu"), parsed->toString());
        QTRY_VERIFY(written.isFinished());
        openWindow();
        m_window->explorer()->setEmulatorAdminUrl(
            QStringLiteral("localhost:%1").arg(m_endpoints.amqpPort), m_endpoints.adminUrl);
        QTreeView* tree = m_window->namespaceDock()->treeView();
        QCOMPARE(visibleNames(tree), QStringList{QStringLiteral("kept")});
        Q_EMIT tree->activated(tree->model()->index(0, 0));
        QTRY_VERIFY(visibleNames(tree).contains(QStringLiteral("orders")));
        NamespaceSession* session = m_window->explorer()->session(QStringLiteral("saved-emu"));
        QVERIFY(session != nullptr);
        QTRY_COMPARE(session->state(), NamespaceSession::State::Connected);
        // Disconnecting keeps the saved root, without its entities.
        m_window->explorer()->disconnectNamespace(QStringLiteral("saved-emu"));
        QCOMPARE(visibleNames(tree), QStringList{QStringLiteral("kept")});
    }

    void withoutAKeychainTheKeyIsAskedForAndSaysWhy() {
        auto parsed = ConnectionString::parse(m_endpoints.connectionString);
        QVERIFY(parsed.has_value());
        QVERIFY(m_settings->saveConnection(
            savedConnectionFor(*parsed, QStringLiteral("no-keychain"), QStringLiteral("kept"))));
        m_secrets->setAvailable(false);
        openWindow();
        m_window->explorer()->setEmulatorAdminUrl(
            QStringLiteral("localhost:%1").arg(m_endpoints.amqpPort), m_endpoints.adminUrl);
        QTreeView* tree = m_window->namespaceDock()->treeView();
        Q_EMIT tree->activated(tree->model()->index(0, 0));
        auto* ask = m_window->findChild<QInputDialog*>(QStringLiteral("askConnectionStringDialog"));
        QVERIFY(ask != nullptr);
        QVERIFY(ask->labelText().contains(QStringLiteral("keychain is not available")));
        QCOMPARE(ask->textEchoMode(), QLineEdit::Password);
        Q_EMIT ask->textValueSelected(m_endpoints.connectionString);
        ask->close();
        QTRY_VERIFY(visibleNames(tree).contains(QStringLiteral("orders")));
        QCOMPARE(visibleNames(tree).constFirst(), QStringLiteral("kept"));
    }

    void signInWithAzureCliOpensTheNamedNamespace() {
        openWindow();
        m_window->actions()->action(MainAction::SignInAzureCli)->trigger();
        auto* dialog =
            m_window->findChild<QInputDialog*>(QStringLiteral("azureCliNamespaceDialog"));
        QVERIFY(dialog != nullptr);
        // az is not signed in here: the session only has to aim at the right namespace.
        Q_EMIT dialog->textValueSelected(QStringLiteral("contoso"));
        dialog->close();
        const QList<NamespaceSession*> sessions = m_window->explorer()->sessions();
        QCOMPARE(sessions.size(), 1);
        QCOMPARE(sessions.constFirst()->host(), QStringLiteral("contoso.servicebus.windows.net"));
        QCOMPARE(sessions.constFirst()->name(), QStringLiteral("contoso (Azure CLI)"));
        QCOMPARE(m_window->namespaceDock()->treeView()->model()->index(0, 0).data().toString(),
                 QStringLiteral("contoso (Azure CLI)"));
        m_window->explorer()->disconnectNamespace(sessions.constFirst()->id());
    }

    void testConnectionSaysWhetherTheKeyWorks() {
        openWindow();
        m_window->explorer()->setEmulatorAdminUrl(
            QStringLiteral("localhost:%1").arg(m_endpoints.amqpPort), m_endpoints.adminUrl);
        m_window->actions()->action(MainAction::Connect)->trigger();
        auto* edit = m_window->findChild<QLineEdit*>(QStringLiteral("connectionStringEdit"));
        auto* test = m_window->findChild<QPushButton*>(QStringLiteral("connectTestButton"));
        auto* result = m_window->findChild<QLabel*>(QStringLiteral("connectTestResultLabel"));
        QVERIFY(edit != nullptr && test != nullptr && result != nullptr);
        QVERIFY(test->isVisible());
        QVERIFY(!test->isEnabled()); // nothing to test yet
        edit->setText(m_endpoints.connectionString);
        QVERIFY(test->isEnabled());
        test->click();
        QTRY_VERIFY(result->text().startsWith(QStringLiteral("✓")));
        edit->setText(QString(m_endpoints.connectionString)
                          .replace(QStringLiteral("SAS_KEY_VALUE"), QStringLiteral("wrong")));
        QVERIFY(result->text().isEmpty()); // the old answer no longer applies
        test->click();
        QTRY_VERIFY(result->text().startsWith(QStringLiteral("✗")));
        QVERIFY(!result->text().contains(QStringLiteral("wrong")));
        QCOMPARE(m_window->explorer()->sessions().size(), 0); // testing opens nothing
    }

    void aBadConnectionStringIsExplainedInline() {
        openWindow();
        m_window->actions()->action(MainAction::Connect)->trigger();
        auto* edit = m_window->findChild<QLineEdit*>(QStringLiteral("connectionStringEdit"));
        QVERIFY(edit != nullptr);
        edit->setText(QStringLiteral("Endpoint=not a url;SharedAccessKey"));
        auto* ok = m_window->findChild<QPushButton*>(QStringLiteral("connectOkButton"));
        QVERIFY(!ok->isEnabled());
        auto* summary = m_window->findChild<QLabel*>(QStringLiteral("connectionSummaryLabel"));
        QVERIFY(!summary->text().isEmpty());
        QVERIFY(!summary->text().contains(QStringLiteral("Paste a connection string")));
        QCOMPARE(m_window->explorer()->sessions().size(), 0);
    }

    void aWrongKeyShowsTheFailureOnTheNamespace() {
        openWindow();
        auto parsed = ConnectionString::parse(
            QString(m_endpoints.connectionString)
                .replace(QStringLiteral("SAS_KEY_VALUE"), QStringLiteral("wrong")));
        QVERIFY(parsed.has_value());
        NamespaceSession* session = m_window->explorer()->openNamespace(
            QStringLiteral("bad"), QStringLiteral("wrong key"), *parsed);
        QTRY_COMPARE(session->state(), NamespaceSession::State::Failed);
        QVERIFY(!session->errorText().contains(QStringLiteral("wrong")) ||
                !session->errorText().contains(QStringLiteral("SharedAccessKey=")));
        const QModelIndex root =
            m_window->explorer()->model()->indexOfConnection(QStringLiteral("bad"));
        QCOMPARE(root.data(Role::CountsTextRole).toString(),
                 NamespaceSession::stateText(NamespaceSession::State::Failed));
        QVERIFY(m_window->mainStatusBar()->connectionStateLabel()->text().contains(
            QStringLiteral("failed")));
    }

    void filterNarrowsTheTreeBySubstringAndRegex() {
        openWindow();
        openEmulator();
        QTreeView* tree = m_window->namespaceDock()->treeView();
        QTRY_VERIFY(visibleNames(tree).contains(QStringLiteral("events")));
        QLineEdit* filter = m_window->namespaceDock()->filterEdit();
        filter->setText(QStringLiteral("VOICE"));
        QCOMPARE(visibleNames(tree),
                 (QStringList{QStringLiteral("emulator"), QStringLiteral("Queues"),
                              QStringLiteral("invoices")}));
        filter->setText(QStringLiteral("/^(orders|events)$/"));
        QCOMPARE(visibleNames(tree),
                 (QStringList{QStringLiteral("emulator"), QStringLiteral("Queues"),
                              QStringLiteral("orders"), QStringLiteral("Topics"),
                              QStringLiteral("events")}));
        // An unfinished pattern keeps the last good filter and says why in the tooltip.
        filter->setText(QStringLiteral("/(orders/"));
        QVERIFY(filter->toolTip().contains(QStringLiteral("regular expression")));
        QCOMPARE(visibleNames(tree).size(), 5);
        filter->clear();
        QCOMPARE(visibleNames(tree).size(), 7);
    }

    void activatingAQueueOpensItsTabOnce() {
        openWindow();
        openEmulator();
        QTreeView* tree = m_window->namespaceDock()->treeView();
        QTRY_VERIFY(visibleNames(tree).contains(QStringLiteral("orders")));
        const QModelIndex orders = m_window->namespaceDock()->filterModel()->mapFromSource(
            entity(QStringLiteral("emu"), QStringLiteral("orders")));
        tree->setCurrentIndex(orders);
        QVERIFY(m_window->actions()->action(MainAction::Send)->isEnabled());
        QVERIFY(m_window->actions()->action(MainAction::Disconnect)->isEnabled());
        Q_EMIT tree->activated(orders);
        QTabWidget* tabs = m_window->workspace()->tabs();
        QCOMPARE(tabs->count(), 1);
        QCOMPARE(tabs->tabText(0), QStringLiteral("orders"));
        auto* view = qobject_cast<EntityMessagesView*>(tabs->widget(0));
        QVERIFY(view != nullptr);
        QCOMPARE(view->entityPath(), QStringLiteral("orders"));
        QVERIFY(!m_window->workspace()->isShowingWelcome());
        Q_EMIT tree->activated(orders); // the same entity focuses its tab
        QCOMPARE(tabs->count(), 1);
        // A folder or a topic opens nothing.
        Q_EMIT tree->activated(orders.parent());
        QCOMPARE(tabs->count(), 1);

        // Send… opens the compose dialog aimed at the current queue.
        m_window->actions()->action(MainAction::Send)->trigger();
        auto* compose = m_window->findChild<ComposeDialog*>();
        QVERIFY(compose != nullptr);
        QTRY_VERIFY(compose->isVisible());
        QCOMPARE(compose->target(), QStringLiteral("orders"));
        compose->close();

        m_window->actions()->action(MainAction::Disconnect)->trigger();
        QCOMPARE(m_window->explorer()->sessions().size(), 0);
        QCOMPARE(tree->model()->rowCount(), 0); // an unsaved namespace leaves the tree
    }

    void contextMenuOffersWhatAppliesToTheRow() {
        openWindow();
        openEmulator();
        QTreeView* tree = m_window->namespaceDock()->treeView();
        QTRY_VERIFY(visibleNames(tree).contains(QStringLiteral("events")));
        const auto menuFor = [this, tree](const QString& path) {
            const QModelIndex source =
                path.isEmpty()
                    ? m_window->explorer()->model()->indexOfConnection(QStringLiteral("emu"))
                    : entity(QStringLiteral("emu"), path);
            const QModelIndex proxy =
                m_window->namespaceDock()->filterModel()->mapFromSource(source);
            tree->scrollTo(proxy);
            Q_EMIT tree->customContextMenuRequested(tree->visualRect(proxy).center());
            auto* menu = tree->findChild<QMenu*>(QStringLiteral("namespaceTreeMenu"));
            QStringList names;
            if (menu != nullptr) {
                for (const QAction* action : menu->actions()) {
                    if (!action->isSeparator()) {
                        names.append(action->objectName());
                    }
                }
                delete menu;
            }
            return names;
        };
        // The window has a JobManager, so the bulk jobs are offered too.
        QCOMPARE(menuFor(QStringLiteral("orders")),
                 (QStringList{QStringLiteral("menuOpenEntity"), QStringLiteral("menuReceive"),
                              QStringLiteral("menuSend"), QStringLiteral("menuReplayDeadLetters"),
                              QStringLiteral("menuPurge"), QStringLiteral("menuExport"),
                              QStringLiteral("menuImport"), QStringLiteral("menuEdit"),
                              QStringLiteral("menuDelete"), QStringLiteral("menuRefresh")}));
        QCOMPARE(menuFor(QStringLiteral("events")),
                 (QStringList{QStringLiteral("menuSend"), QStringLiteral("menuImport"),
                              QStringLiteral("menuNewSubscription"), QStringLiteral("menuEdit"),
                              QStringLiteral("menuDelete"), QStringLiteral("menuRefresh")}));
        QCOMPARE(menuFor(QString()),
                 (QStringList{QStringLiteral("menuNewQueue"), QStringLiteral("menuNewTopic"),
                              QStringLiteral("menuOpenEntityByPath"), QStringLiteral("menuRefresh"),
                              QStringLiteral("menuDisconnect")}));
    }

    void receiveOpensTheLockedTabAndTheStatusBarCountsHeldLocks() {
        openWindow();
        openEmulator();
        QTreeView* tree = m_window->namespaceDock()->treeView();
        QTRY_VERIFY(visibleNames(tree).contains(QStringLiteral("orders")));
        NamespaceSession* session = m_window->explorer()->session(QStringLiteral("emu"));
        QList<OutgoingMessage> batch;
        for (int i = 0; i < 3; ++i) {
            OutgoingMessage message;
            message.body = QByteArray::number(i);
            batch.append(message);
        }
        auto sent = session->client()->send(QStringLiteral("orders"), batch);
        QTRY_VERIFY(sent.isFinished());
        QVERIFY(sent.result().has_value());

        tree->setCurrentIndex(m_window->namespaceDock()->filterModel()->mapFromSource(
            entity(QStringLiteral("emu"), QStringLiteral("orders"))));
        QAction* receive = m_window->actions()->action(MainAction::Receive);
        QVERIFY(receive->isEnabled());
        receive->trigger();
        QTabWidget* tabs = m_window->workspace()->tabs();
        QCOMPARE(tabs->count(), 1);
        QCOMPARE(tabs->tabText(0), QStringLiteral("Locked: orders"));
        auto* view = qobject_cast<LockedMessagesView*>(tabs->widget(0));
        QVERIFY(view != nullptr);
        QCOMPARE(view->entityPath(), QStringLiteral("orders"));
        QLabel* locks = m_window->mainStatusBar()->locksHeldLabel();
        QCOMPARE(locks->text(), QStringLiteral("Locks held: 0"));

        // The view's own controls; the broker may hand out fewer than asked in one go.
        auto* count = view->findChild<QSpinBox*>(QStringLiteral("receiveCount"));
        auto* button = view->findChild<QPushButton*>(QStringLiteral("receive"));
        QVERIFY(count != nullptr && button != nullptr);
        QSignalSpy received(view, &LockedMessagesView::receiveFinished);
        for (int attempt = 0; attempt < 5 && view->model()->rowCount() < 3; ++attempt) {
            received.clear();
            count->setValue(3 - view->model()->rowCount());
            QTRY_VERIFY(button->isEnabled());
            button->click();
            QTRY_COMPARE_WITH_TIMEOUT(received.count(), 1, 15000);
            QCOMPARE(received.at(0).at(1).toString(), QString());
        }
        QCOMPARE(view->model()->rowCount(), 3);
        QTRY_COMPARE(locks->text(), QStringLiteral("Locks held: 3"));

        // Receive… again focuses the same tab rather than opening another.
        receive->trigger();
        QCOMPARE(tabs->count(), 1);

        // Completing them leaves orders empty and the count at zero.
        QSignalSpy settled(view, &LockedMessagesView::actionFinished);
        view->table()->selectAll();
        view->completeSelected();
        QTRY_COMPARE_WITH_TIMEOUT(settled.count(), 1, 15000);
        QTRY_COMPARE(locks->text(), QStringLiteral("Locks held: 0"));
    }

    void receiveOnTheDeadLetterSubViewLocksTheDeadLetterQueue() {
        openWindow();
        openEmulator();
        QTreeView* tree = m_window->namespaceDock()->treeView();
        QTRY_VERIFY(visibleNames(tree).contains(QStringLiteral("invoices")));
        const QModelIndex invoices = m_window->namespaceDock()->filterModel()->mapFromSource(
            entity(QStringLiteral("emu"), QStringLiteral("invoices")));
        tree->setCurrentIndex(invoices);
        Q_EMIT tree->activated(invoices);
        QTabWidget* tabs = m_window->workspace()->tabs();
        auto* messages = qobject_cast<EntityMessagesView*>(tabs->currentWidget());
        QVERIFY(messages != nullptr);
        messages->setSubView(EntityMessagesView::DeadLetter);
        m_window->actions()->action(MainAction::Receive)->trigger();
        QCOMPARE(tabs->count(), 2);
        QCOMPARE(tabs->tabText(1), QStringLiteral("Locked: invoices/$DeadLetterQueue"));
        auto* locked = qobject_cast<LockedMessagesView*>(tabs->currentWidget());
        QVERIFY(locked != nullptr);
        QCOMPARE(locked->subQueue(), SubQueue::DeadLetter);
        // Closing the Locked tab leaves the count at zero.
        Q_EMIT tabs->tabCloseRequested(1);
        QTRY_COMPARE(tabs->count(), 1);
        QTRY_COMPARE(m_window->mainStatusBar()->locksHeldLabel()->text(),
                     QStringLiteral("Locks held: 0"));
    }

    void aSessionEnabledQueueOpensItsSessions() {
        openWindow();
        openEmulator();
        QTreeView* tree = m_window->namespaceDock()->treeView();
        QTRY_VERIFY(visibleNames(tree).contains(QStringLiteral("tickets")));
        const QModelIndex source = entity(QStringLiteral("emu"), QStringLiteral("tickets"));
        QVERIFY(source.data(Role::RequiresSessionRole).toBool());
        QVERIFY(!entity(QStringLiteral("emu"), QStringLiteral("orders"))
                     .data(Role::RequiresSessionRole)
                     .toBool());
        const QModelIndex proxy = m_window->namespaceDock()->filterModel()->mapFromSource(source);
        Q_EMIT tree->activated(proxy);
        QTabWidget* tabs = m_window->workspace()->tabs();
        QCOMPARE(tabs->count(), 1);
        QCOMPARE(tabs->tabText(0), QStringLiteral("Sessions: tickets"));
        auto* view = qobject_cast<SessionsView*>(tabs->widget(0));
        QVERIFY(view != nullptr);
        QCOMPARE(view->entityPath(), QStringLiteral("tickets"));
        // Receive… on it goes to the same sessions tab: its messages come through a session.
        tree->setCurrentIndex(proxy);
        m_window->actions()->action(MainAction::Receive)->trigger();
        QCOMPARE(tabs->count(), 1);
        QCOMPARE(tabs->currentWidget(), view);
    }

    void localNamespaceStartsWithTheDemoEntities() {
        m_local = std::make_unique<EmbeddedLocalNamespace>(QString()); // in memory
        openWindow();
        QAction* openLocal = m_window->actions()->action(MainAction::OpenLocal);
        QVERIFY(openLocal->isEnabled());
        openLocal->trigger();
        QTreeView* tree = m_window->namespaceDock()->treeView();
        QTRY_VERIFY_WITH_TIMEOUT(visibleNames(tree).contains(QStringLiteral("orders")), 30000);
        QCOMPARE(visibleNames(tree).constFirst(), QStringLiteral("local (demo)"));
        for (const char* name : {"invoices", "support-sessions", "events"}) {
            QVERIFY2(visibleNames(tree).contains(QString::fromLatin1(name)), name);
        }
        // The demo plan: 15 active, 3 scheduled and 3 dead-lettered orders.
        const QModelIndex orders = entity(ExplorerController::kLocalId, QStringLiteral("orders"));
        QTRY_COMPARE(orders.data(Role::ActiveCountRole).toLongLong(),
                     emulator::DemoSeedPlan::kActiveOrders);
        QCOMPARE(orders.data(Role::ScheduledCountRole).toLongLong(),
                 emulator::DemoSeedPlan::kScheduledOrders);
        QCOMPARE(orders.data(Role::DeadLetterCountRole).toLongLong(),
                 emulator::DemoSeedPlan::kPoisonOrders +
                     emulator::DemoSeedPlan::kValidationFailedOrders);
        // Asking again while it runs shows the same namespace, not a second one.
        openLocal->trigger();
        QCOMPARE(m_window->explorer()->sessions().size(), 1);
    }

private:
    void openWindow() {
        UiServices services;
        services.settings = m_settings.get();
        services.secrets = m_secrets.get();
        services.confirmation = m_prompt.get();
        services.localNamespace = m_local.get();
        m_window = std::make_unique<MainWindow>(services);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void openEmulator() {
        auto parsed = ConnectionString::parse(m_endpoints.connectionString);
        QVERIFY(parsed.has_value());
        parsed->setAdminBaseUrl(m_endpoints.adminUrl);
        m_window->explorer()->openNamespace(QStringLiteral("emu"), QStringLiteral("emulator"),
                                            *parsed);
    }

    QModelIndex entity(const QString& connectionId, const QString& path) const {
        return m_window->explorer()->model()->indexOfEntity(connectionId, path);
    }

    emulator::InProcessEmulator m_emulator;
    emulator::InProcessEmulator::Endpoints m_endpoints;
    QTemporaryDir m_dir;
    int m_counter = 0;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<InMemorySecretStore> m_secrets;
    std::unique_ptr<ScriptedConfirmationPrompt> m_prompt;
    std::unique_ptr<EmbeddedLocalNamespace> m_local;
    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(tst_ExplorerWindow)
#include "tst_ExplorerWindow.moc"
