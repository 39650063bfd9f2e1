#include "core/settings/InMemorySecretStore.h"
#include "core/settings/Settings.h"
#include "ui/connections/ConnectDialog.h"
#include "ui/explorer/NamespaceDock.h"
#include "ui/log/LogPanel.h"
#include "ui/main/MainActions.h"
#include "ui/main/MainWindow.h"
#include "ui/main/Workspace.h"
#include "ui/settings/SettingsDialog.h"
#include "ui/widgets/ScriptedConfirmationPrompt.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QTreeView>

#include <memory>

using namespace busbar;

namespace {
const QString kKey = QStringLiteral("q1Xk0mDq8V9ZpJ3cFh2l5YtW7uN4rB6sE0aG/I+oKxM=");
} // namespace

class tst_MainWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        // Closing the last window must not end the test run.
        QApplication::setQuitOnLastWindowClosed(false);
    }

    void init() {
        m_settingsPath = m_dir.filePath(QStringLiteral("settings-%1.ini").arg(++m_counter));
        m_settings = std::make_unique<Settings>(m_settingsPath);
        m_secretStore = std::make_unique<InMemorySecretStore>();
        m_prompt = std::make_unique<ScriptedConfirmationPrompt>();
        m_window = std::make_unique<MainWindow>(services());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanup() {
        m_window.reset();
        m_settings.reset();
        m_prompt.reset();
        m_secretStore.reset();
    }

    void theWindowShows() {
        QVERIFY(m_window->isVisible());
        QCOMPARE(m_window->windowTitle(), QStringLiteral("Busbar"));
        QVERIFY(!m_window->windowIcon().isNull());
    }

    void partsExistByObjectName_data() {
        QTest::addColumn<QString>("name");
        for (const char* name : {"namespaceDock",
                                 "namespaceTree",
                                 "namespaceFilter",
                                 "workspace",
                                 "entityTabs",
                                 "welcomePage",
                                 "welcomeOpenLocalButton",
                                 "welcomeConnectionStringButton",
                                 "welcomeAzureCliButton",
                                 "jobsDock",
                                 "jobsPanel",
                                 "jobsView",
                                 "logDock",
                                 "logPanel",
                                 "logList",
                                 "logCopyButton",
                                 "logSaveButton",
                                 "mainToolBar",
                                 "statusBar",
                                 "connectionStateLabel",
                                 "locksHeldLabel",
                                 "jobsRunningLabel",
                                 "fileMenu",
                                 "editMenu",
                                 "viewMenu",
                                 "namespaceMenu",
                                 "messagesMenu",
                                 "toolsMenu",
                                 "helpMenu",
                                 "actionConnectButton",
                                 "actionPurgeButton"}) {
            QTest::newRow(name) << QString::fromLatin1(name);
        }
    }
    void partsExistByObjectName() {
        QFETCH(QString, name);
        QVERIFY2(m_window->findChild<QObject*>(name) != nullptr, qPrintable(name));
    }

    void docksAreDocked() {
        QCOMPARE(m_window->dockWidgetArea(m_window->namespaceDock()), Qt::LeftDockWidgetArea);
        QCOMPARE(m_window->dockWidgetArea(dock("jobsDock")), Qt::BottomDockWidgetArea);
        QCOMPARE(m_window->dockWidgetArea(dock("logDock")), Qt::BottomDockWidgetArea);
    }

    void menusAreInOrder() {
        QStringList names;
        for (QAction* action : m_window->menuBar()->actions()) {
            names.append(action->menu()->objectName());
        }
        QCOMPARE(names, (QStringList{QStringLiteral("fileMenu"), QStringLiteral("editMenu"),
                                     QStringLiteral("viewMenu"), QStringLiteral("namespaceMenu"),
                                     QStringLiteral("messagesMenu"), QStringLiteral("toolsMenu"),
                                     QStringLiteral("helpMenu")}));
    }

    void comingActionsAreDisabledAndSaySo_data() {
        QTest::addColumn<QString>("name");
        for (const char* name :
             {"actionOpenLocal", "actionCopy", "actionComplete", "actionAbandon",
              "actionDeadLetter", "actionDefer", "actionDeleteMessages", "actionCopyAsJson"}) {
            QTest::newRow(name) << QString::fromLatin1(name);
        }
    }
    void comingActionsAreDisabledAndSaySo() {
        QFETCH(QString, name);
        auto* action = m_window->findChild<QAction*>(name);
        QVERIFY(action != nullptr);
        QVERIFY(!action->isEnabled());
        QCOMPARE(action->toolTip(), QStringLiteral("Not available yet"));
    }

    // Available once the explorer is wired, enabled only when the current row allows them.
    void explorerActionsWaitForASelection() {
        // The bulk jobs (the window has a JobManager) wait for an open namespace.
        for (const char* name : {"actionDisconnect", "actionSend", "actionReceive",
                                 "actionResubmit", "actionPurge", "actionExport", "actionImport"}) {
            auto* action = m_window->findChild<QAction*>(QString::fromLatin1(name));
            QVERIFY(action != nullptr);
            QVERIFY2(!action->isEnabled(), name);
            QVERIFY(action->toolTip() != QStringLiteral("Not available yet"));
        }
        QVERIFY(m_window->findChild<QAction*>(QStringLiteral("actionRefresh"))->isEnabled());
    }

    void workingActionsAreEnabled_data() {
        QTest::addColumn<QString>("name");
        for (const char* name : {"actionAbout", "actionAboutQt", "actionQuit", "actionFilter",
                                 "actionViewNamespaces", "actionViewJobs", "actionViewLog",
                                 "actionViewToolBar", "actionSettings", "actionConnect"}) {
            QTest::newRow(name) << QString::fromLatin1(name);
        }
    }
    void workingActionsAreEnabled() {
        QFETCH(QString, name);
        auto* action = m_window->findChild<QAction*>(name);
        QVERIFY(action != nullptr);
        QVERIFY(action->isEnabled());
        QVERIFY(action->toolTip() != MainActions::notAvailableText());
    }

    void becomingAvailableRestoresTheRealTooltip() {
        QAction* send = m_window->actions()->action(MainAction::Send);
        m_window->actions()->setAvailable(MainAction::Send, true);
        QVERIFY(send->isEnabled());
        QVERIFY(send->toolTip() != MainActions::notAvailableText());
        // The toolbar button follows its action.
        auto* button = m_window->findChild<QAbstractButton*>(QStringLiteral("actionSendButton"));
        QVERIFY(button != nullptr);
        QVERIFY(button->isEnabled());
    }

    void noTwoActionsShareAShortcutOrMnemonic() {
        // Mnemonics of the menu bar are Alt shortcuts too; a clash silences both.
        QList<QKeySequence> keys;
        for (const QAction* action : m_window->findChildren<QAction*>()) {
            if (!action->shortcut().isEmpty() && !action->objectName().isEmpty()) {
                keys.append(action->shortcut());
            }
        }
        for (const QAction* menu : m_window->menuBar()->actions()) {
            const QString text = menu->text();
            const qsizetype amp = text.indexOf(QLatin1Char('&'));
            QVERIFY(amp >= 0 && amp + 1 < text.size());
            keys.append(QKeySequence(QStringLiteral("Alt+") + text.at(amp + 1).toUpper()));
        }
        for (qsizetype i = 0; i < keys.size(); ++i) {
            QVERIFY2(keys.count(keys.at(i)) == 1, qPrintable(keys.at(i).toString()));
        }
    }

    void everyActionAndInteractiveWidgetHasAnObjectName() {
        QStringList unnamed;
        const auto check = [&unnamed](const QObject* object) {
            if (object->objectName().isEmpty()) {
                unnamed.append(QString::fromLatin1(object->metaObject()->className()));
            }
        };
        for (const QMenu* menu : m_window->findChildren<QMenu*>()) {
            for (const QAction* action : menu->actions()) {
                if (!action->isSeparator() && action->menu() == nullptr) {
                    check(action);
                }
            }
        }
        for (const QAction* action : m_window->findChild<QToolBar*>()->actions()) {
            check(action);
        }
        for (const QWidget* widget : m_window->findChildren<QWidget*>()) {
            // Qt's own parts of a widget (a line edit's clear button, a view's header) belong
            // to the named widget that owns them.
            if (qobject_cast<const QLineEdit*>(widget->parentWidget()) ||
                qobject_cast<const QHeaderView*>(widget)) {
                continue;
            }
            if (qobject_cast<const QAbstractButton*>(widget) ||
                qobject_cast<const QLineEdit*>(widget) ||
                qobject_cast<const QAbstractItemView*>(widget) ||
                qobject_cast<const QTabWidget*>(widget)) {
                check(widget);
            }
        }
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
    }

    void viewActionsToggleTheirDocks_data() {
        QTest::addColumn<QString>("actionName");
        QTest::addColumn<QString>("widgetName");
        QTest::newRow("namespaces")
            << QStringLiteral("actionViewNamespaces") << QStringLiteral("namespaceDock");
        QTest::newRow("jobs") << QStringLiteral("actionViewJobs") << QStringLiteral("jobsDock");
        QTest::newRow("log") << QStringLiteral("actionViewLog") << QStringLiteral("logDock");
        QTest::newRow("toolbar") << QStringLiteral("actionViewToolBar")
                                 << QStringLiteral("mainToolBar");
    }
    void viewActionsToggleTheirDocks() {
        QFETCH(QString, actionName);
        QFETCH(QString, widgetName);
        auto* action = m_window->findChild<QAction*>(actionName);
        auto* widget = m_window->findChild<QWidget*>(widgetName);
        QVERIFY(action != nullptr && widget != nullptr);
        QVERIFY(action->isChecked());
        QVERIFY(!widget->isHidden());
        action->trigger();
        QTRY_VERIFY(widget->isHidden());
        QVERIFY(!action->isChecked());
        action->trigger();
        QTRY_VERIFY(!widget->isHidden());
        QVERIFY(action->isChecked());
    }

    void welcomePageShowsOnlyWithoutTabs() {
        Workspace* workspace = m_window->workspace();
        QVERIFY(workspace->isShowingWelcome());
        auto* page = new QLabel(QStringLiteral("orders"));
        const int index = workspace->openTab(page, QStringLiteral("orders"));
        QVERIFY(!workspace->isShowingWelcome());
        QCOMPARE(workspace->tabs()->count(), 1);
        Q_EMIT workspace->tabs()->tabCloseRequested(index);
        QVERIFY(workspace->isShowingWelcome());
        QCOMPARE(workspace->tabs()->count(), 0);
    }

    void filterActionFocusesTheNamespaceFilter() {
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        m_window->namespaceDock()->hide();
        m_window->findChild<QAction*>(QStringLiteral("actionFilter"))->trigger();
        QVERIFY(!m_window->namespaceDock()->isHidden());
        QTRY_VERIFY(m_window->namespaceDock()->filterEdit()->hasFocus());
    }

    void aboutOpensWithoutBlocking() {
        m_window->findChild<QAction*>(QStringLiteral("actionAbout"))->trigger();
        QMessageBox* about = nullptr;
        QTRY_VERIFY((about = m_window->findChild<QMessageBox*>(QStringLiteral("aboutDialog"))) &&
                    about->isVisible());
        QVERIFY(about->text().contains(QStringLiteral(BUSBAR_VERSION)));
        about->close();
        QTRY_VERIFY(m_window->findChild<QMessageBox*>(QStringLiteral("aboutDialog")) == nullptr);
    }

    void settingsOpensOneDialog() {
        QAction* action = m_window->findChild<QAction*>(QStringLiteral("actionSettings"));
        action->trigger();
        action->trigger();
        QTRY_VERIFY(m_window->findChild<SettingsDialog*>() != nullptr &&
                    m_window->findChild<SettingsDialog*>()->isVisible());
        QCOMPARE(m_window->findChildren<SettingsDialog*>().size(), 1);
        m_window->findChild<SettingsDialog*>()->reject();
        QTRY_VERIFY(m_window->findChild<SettingsDialog*>() == nullptr);
    }

    void aThemeChangeRestylesTheApplication() {
        const QColor systemWindow = QApplication::palette().color(QPalette::Window);
        m_settings->setTheme(Theme::Dark);
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 100);
        m_settings->setTheme(Theme::System);
        QCOMPARE(QApplication::palette().color(QPalette::Window), systemWindow);
    }

    void connectSavesTheConnectionAndItsKey() {
        m_window->findChild<QAction*>(QStringLiteral("actionConnect"))->trigger();
        ConnectDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = m_window->findChild<ConnectDialog*>()) && dialog->isVisible());
        dialog->findChild<QLineEdit*>(QStringLiteral("connectionStringEdit"))
            ->setText(QStringLiteral("Endpoint=sb://contoso.servicebus.windows.net/;"
                                     "SharedAccessKeyName=Root;SharedAccessKey=") +
                      kKey);
        dialog->findChild<QPushButton*>(QStringLiteral("connectOkButton"))->click();
        QTRY_VERIFY(m_window->findChild<ConnectDialog*>() == nullptr);

        const auto saved = m_settings->savedConnections();
        QCOMPARE(saved.size(), 1);
        QCOMPARE(saved.first().name, QStringLiteral("contoso"));
        QTRY_COMPARE(m_secretStore->size(), 1);
        QVERIFY(m_secretStore->readSecret(saved.first().id).result().value().contains(kKey));
        const QAbstractItemModel* tree = m_window->namespaceDock()->treeView()->model();
        QCOMPARE(tree->rowCount(), 1);
        QCOMPARE(tree->index(0, 0).data().toString(), QStringLiteral("contoso"));
        QVERIFY(!m_window->logPanel()->allText().contains(kKey));
    }

    void removeConnectionAsksFirst() {
        SavedConnection connection;
        connection.id = QStringLiteral("c1");
        connection.name = QStringLiteral("staging");
        connection.endpointHost = QStringLiteral("staging.servicebus.windows.net");
        QVERIFY(m_settings->saveConnection(connection));
        QVERIFY(m_secretStore->writeSecret(connection.id, QStringLiteral("secret")).result());
        QAction* remove = m_window->findChild<QAction*>(QStringLiteral("actionRemoveConnection"));
        QVERIFY(!remove->isEnabled());

        QTreeView* tree = m_window->namespaceDock()->treeView();
        tree->setCurrentIndex(tree->model()->index(0, 0));
        QVERIFY(remove->isEnabled());

        m_prompt->enqueueAnswer(false);
        remove->trigger();
        QCOMPARE(m_prompt->requests().size(), 1);
        QVERIFY(m_prompt->requests().last().title.contains(QStringLiteral("staging")));
        QCOMPARE(m_settings->savedConnections().size(), 1);

        m_prompt->enqueueAnswer(true);
        remove->trigger();
        QVERIFY(m_settings->savedConnections().isEmpty());
        QTRY_COMPARE(m_secretStore->size(), 0);
        QCOMPARE(tree->model()->rowCount(), 0);
        QVERIFY(!remove->isEnabled());
    }

    void quitClosesTheWindow() {
        m_window->findChild<QAction*>(QStringLiteral("actionQuit"))->trigger();
        QTRY_VERIFY(!m_window->isVisible());
    }

    void layoutPersistsAcrossRuns() {
        m_window->resize(900, 640);
        QTRY_COMPARE(m_window->size(), QSize(900, 640));
        m_window->findChild<QAction*>(QStringLiteral("actionViewLog"))->trigger();
        QTRY_VERIFY(dock("logDock")->isHidden());
        QVERIFY(m_window->close());
        QVERIFY(!m_settings->windowGeometry().isEmpty());
        m_window.reset();
        m_settings.reset(); // written to disk

        m_settings = std::make_unique<Settings>(m_settingsPath);
        QVERIFY(!m_settings->windowState().isEmpty());
        m_window = std::make_unique<MainWindow>(services());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QTRY_COMPARE(m_window->size(), QSize(900, 640));
        QVERIFY(dock("logDock")->isHidden());
        QVERIFY(!dock("jobsDock")->isHidden());
        QVERIFY(!m_window->findChild<QAction*>(QStringLiteral("actionViewLog"))->isChecked());
    }

    void firstRunUsesADefaultSize() {
        QVERIFY(m_window->width() >= 800);
        QVERIFY(m_window->height() >= 600);
    }

private:
    UiServices services() { return {m_settings.get(), m_secretStore.get(), m_prompt.get()}; }
    QDockWidget* dock(const char* name) const {
        return m_window->findChild<QDockWidget*>(QString::fromLatin1(name));
    }

    QTemporaryDir m_dir;
    QString m_settingsPath;
    int m_counter = 0;
    std::unique_ptr<InMemorySecretStore> m_secretStore;
    std::unique_ptr<ScriptedConfirmationPrompt> m_prompt;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(tst_MainWindow)
#include "tst_MainWindow.moc"
