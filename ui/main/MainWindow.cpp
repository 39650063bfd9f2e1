#include "ui/main/MainWindow.h"

#include "core/jobs/JobManager.h"
#include "core/settings/Settings.h"
#include "ui/connections/ConnectionsController.h"
#include "ui/explorer/ExplorerController.h"
#include "ui/explorer/NamespaceDock.h"
#include "ui/explorer/NamespaceTreeModel.h"
#include "ui/jobs/JobsPanel.h"
#include "ui/jobs/ResumeBanner.h"
#include "ui/log/LogPanel.h"
#include "ui/main/MainActions.h"
#include "ui/main/MainStatusBar.h"
#include "ui/main/WelcomePage.h"
#include "ui/main/Workspace.h"
#include "ui/settings/SettingsDialog.h"
#include "ui/settings/ThemeApplier.h"
#include "ui/widgets/ConfirmationPrompt.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QIcon>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QToolBar>
#include <QTreeView>

// Q_INIT_RESOURCE must be used outside any namespace. busbar_ui is a static library, so
// without this call the linker would drop the compiled resources.
static void initBusbarResources() {
    Q_INIT_RESOURCE(busbar);
}

namespace busbar {

namespace {

constexpr QSize kDefaultSize(1280, 800);
constexpr int kDefaultTreeWidth = 300;
constexpr int kDefaultPanelHeight = 160;

// The app's own per-user settings keep their jobs in the per-user data folder; an explicit
// settings file (tests, portable installs) keeps them beside it, so a test never touches the
// real home and two settings files never share jobs.
QString jobsDirectory(const Settings& settings) {
    const QString file = settings.fileName();
    const QString perUser =
        QSettings(QApplication::organizationName(), QApplication::applicationName()).fileName();
    if (!file.isEmpty() && file != perUser) {
        const QFileInfo info(file);
        return info.dir().filePath(info.completeBaseName() + QStringLiteral(".jobs"));
    }
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("jobs"));
}

} // namespace

MainWindow::MainWindow(const UiServices& services, QWidget* parent)
    : QMainWindow(parent)
    , m_services(services) {
    initBusbarResources();
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QStringLiteral("Busbar"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/busbar.svg")));
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);

    m_actions = new MainActions(this);
    addActions(findChildren<QAction*>()); // shortcuts work even with the toolbar hidden

    m_namespaceDock = new NamespaceDock(this);
    addDockWidget(Qt::LeftDockWidgetArea, m_namespaceDock);

    auto* welcome = new WelcomePage(m_actions->action(MainAction::OpenLocal),
                                    m_actions->action(MainAction::Connect),
                                    m_actions->action(MainAction::SignInAzureCli));
    m_workspace = new Workspace(welcome, this);
    setCentralWidget(m_workspace);

    m_jobsPanel = new JobsPanel;
    m_jobsDock = addPanelDock(m_jobsPanel, tr("Jobs"), QStringLiteral("jobsDock"));
    m_logPanel = new LogPanel;
    m_logDock = addPanelDock(m_logPanel, tr("Log"), QStringLiteral("logDock"));
    tabifyDockWidget(m_jobsDock, m_logDock);
    m_jobsDock->raise();

    m_statusBar = new MainStatusBar(this);
    setStatusBar(m_statusBar);

    createToolBar();
    createMenus();

    connect(m_actions->action(MainAction::Quit), &QAction::triggered, this, &QWidget::close);
    connect(m_actions->action(MainAction::About), &QAction::triggered, this,
            &MainWindow::showAbout);
    connect(m_actions->action(MainAction::AboutQt), &QAction::triggered, qApp,
            &QApplication::aboutQt);
    connect(m_actions->action(MainAction::Filter), &QAction::triggered, m_namespaceDock,
            &NamespaceDock::focusFilter);
    connect(m_jobsPanel, &JobsPanel::runningJobsChanged, m_statusBar,
            &MainStatusBar::setJobsRunning);

    connectSettings();
    createJobManager();
    connectConnections();
    connectJobs();
    restoreLayout();
    m_logPanel->append(LogLevel::Info,
                       tr("Busbar %1 started.").arg(QStringLiteral(BUSBAR_VERSION)));
}

MainWindow::~MainWindow() = default;

void MainWindow::connectSettings() {
    Settings* settings = m_services.settings;
    if (settings == nullptr) {
        return;
    }
    m_actions->setAvailable(MainAction::Settings, true);
    connect(m_actions->action(MainAction::Settings), &QAction::triggered, this,
            &MainWindow::showSettings);

    m_themeApplier = std::make_unique<ThemeApplier>();
    // Restyling every widget costs time; the platform's own look needs no work at start-up.
    if (settings->theme() != Theme::System) {
        m_themeApplier->apply(settings->theme());
    }
    connect(settings, &Settings::themeChanged, this,
            [this](Theme theme) { m_themeApplier->apply(theme); });
}

void MainWindow::connectConnections() {
    if (m_services.settings == nullptr) {
        return;
    }
    m_explorer = new ExplorerController(
        m_services, {m_namespaceDock, m_workspace, m_actions, m_statusBar, this, m_jobManager},
        this);
    connect(m_explorer, &ExplorerController::report, m_logPanel,
            [this](LogLevel level, const QString& text) { m_logPanel->append(level, text); });
    if (m_services.secrets == nullptr || m_services.confirmation == nullptr) {
        return;
    }
    m_connections = new ConnectionsController(m_services, this, this);
    connect(m_connections, &ConnectionsController::report, m_logPanel,
            [this](LogLevel level, const QString& text) { m_logPanel->append(level, text); });
    m_connections->setStepTester([this](const ConnectionString& connection, QObject* context,
                                        ConnectDialog::StepCallback step,
                                        std::function<void(bool, const QString&)> done) {
        m_explorer->testConnection(connection, context, done, step);
    });
    connect(m_connections, &ConnectionsController::connectRequested, m_explorer,
            [this](const SavedConnection& saved, const ConnectionString& connection) {
                m_explorer->openConnection(saved, connection);
            });

    m_actions->setAvailable(MainAction::Connect, true);
    connect(m_actions->action(MainAction::Connect), &QAction::triggered, m_connections,
            &ConnectionsController::addConnection);

    QAction* remove = m_actions->action(MainAction::RemoveConnection);
    connect(remove, &QAction::triggered, this, [this] {
        const QString id = m_namespaceDock->currentConnectionId();
        if (m_connections->removeConnection(id)) {
            m_explorer->disconnectNamespace(id);
        }
    });
    // Available from now on, enabled only while a connection is selected.
    m_actions->setAvailable(MainAction::RemoveConnection, true);
    remove->setEnabled(false);
    connect(m_namespaceDock, &NamespaceDock::currentConnectionChanged, remove,
            [remove](const QString& id) { remove->setEnabled(!id.isEmpty()); });
}

void MainWindow::createJobManager() {
    if (m_services.settings == nullptr) {
        return;
    }
    m_jobManager = new JobManager(jobsDirectory(*m_services.settings), this);
}

void MainWindow::connectJobs() {
    connect(m_jobsPanel, &JobsPanel::report, m_logPanel,
            [this](LogLevel level, const QString& text) { m_logPanel->append(level, text); });
    if (m_jobManager == nullptr) {
        return;
    }
    m_jobsPanel->setConfirmationPrompt(m_services.confirmation);
    m_jobsPanel->setJobManager(m_jobManager);
    if (m_explorer != nullptr) {
        m_jobsPanel->setConnector(
            [this](const QString& id, QObject* context,
                   std::function<void(NamespaceSession*, const QString&)> done) {
                m_explorer->whenConnected(id, context, std::move(done));
            });
    }
    // A job just handed over (from a dialog, or resumed) is shown where it runs.
    connect(m_jobManager, &JobManager::jobAdded, this, [this] {
        m_jobsDock->show();
        m_jobsDock->raise();
    });
    connect(m_jobManager, &JobManager::jobFinished, this,
            [this](const QString& id, JobState state) {
                const Job* job = m_jobManager->job(id);
                const QString title = m_jobManager->description(id).title;
                if (job == nullptr) {
                    return;
                }
                switch (state) {
                case JobState::Failed:
                    m_logPanel->append(LogLevel::Error,
                                       tr("Job failed: %1: %2").arg(title, job->error().message));
                    break;
                case JobState::Cancelled:
                    m_logPanel->append(LogLevel::Info, tr("Job cancelled: %1").arg(title));
                    break;
                default:
                    m_logPanel->append(LogLevel::Info, tr("Job finished: %1 (%2 done, %3 failed)")
                                                           .arg(title)
                                                           .arg(job->progress().done)
                                                           .arg(job->progress().failed));
                    break;
                }
            });
    // Jobs an earlier session left unfinished: offered, never started on their own.
    m_jobsPanel->offerUnfinished();
    if (m_jobsPanel->resumeBanner()->offerCount() > 0) {
        m_jobsDock->raise();
    }
}

QDockWidget* MainWindow::addPanelDock(QWidget* panel, const QString& title,
                                      const QString& objectName) {
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setWidget(panel);
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    return dock;
}

void MainWindow::createToolBar() {
    m_toolBar = addToolBar(tr("Main"));
    m_toolBar->setObjectName(QStringLiteral("mainToolBar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    for (const MainAction id : {MainAction::Connect, MainAction::Refresh, MainAction::Send,
                                MainAction::Receive, MainAction::Resubmit, MainAction::Purge}) {
        m_toolBar->addAction(m_actions->action(id));
    }
    // Toolbar buttons get object names from their actions, for tests and accessibility.
    for (QAction* action : m_toolBar->actions()) {
        if (QWidget* button = m_toolBar->widgetForAction(action)) {
            button->setObjectName(action->objectName() + QStringLiteral("Button"));
        }
    }
}

void MainWindow::createMenus() {
    const auto addMenu = [this](const QString& title, const QString& objectName,
                                std::initializer_list<MainAction> ids) {
        QMenu* menu = menuBar()->addMenu(title);
        menu->setObjectName(objectName);
        menu->setToolTipsVisible(true); // says why a disabled command is disabled
        for (const MainAction id : ids) {
            menu->addAction(m_actions->action(id));
        }
        return menu;
    };
    menuBar()->setObjectName(QStringLiteral("menuBar"));

    QMenu* file =
        addMenu(tr("Fi&le"), QStringLiteral("fileMenu"), {MainAction::Export, MainAction::Import});
    file->addSeparator();
    file->addAction(m_actions->action(MainAction::Quit));

    addMenu(tr("&Edit"), QStringLiteral("editMenu"),
            {MainAction::Copy, MainAction::CopyAsJson, MainAction::Filter});

    QMenu* view = addMenu(tr("&View"), QStringLiteral("viewMenu"), {MainAction::Refresh});
    view->addSeparator();
    const std::pair<QAction*, QString> toggles[] = {
        {m_namespaceDock->toggleViewAction(), QStringLiteral("actionViewNamespaces")},
        {m_jobsDock->toggleViewAction(), QStringLiteral("actionViewJobs")},
        {m_logDock->toggleViewAction(), QStringLiteral("actionViewLog")},
        {m_toolBar->toggleViewAction(), QStringLiteral("actionViewToolBar")},
    };
    for (const auto& [action, name] : toggles) {
        action->setObjectName(name);
        view->addAction(action);
    }

    addMenu(tr("&Namespace"), QStringLiteral("namespaceMenu"),
            {MainAction::OpenLocal, MainAction::Connect, MainAction::SignInAzureCli,
             MainAction::Disconnect, MainAction::RemoveConnection});
    QMenu* messages =
        addMenu(tr("&Messages"), QStringLiteral("messagesMenu"),
                {MainAction::Send, MainAction::Receive, MainAction::Resubmit, MainAction::Purge});
    messages->addSeparator();
    for (const MainAction id : {MainAction::Complete, MainAction::Abandon, MainAction::DeadLetter,
                                MainAction::Defer, MainAction::DeleteMessages}) {
        messages->addAction(m_actions->action(id));
    }
    addMenu(tr("&Tools"), QStringLiteral("toolsMenu"), {MainAction::Settings});
    addMenu(tr("&Help"), QStringLiteral("helpMenu"), {MainAction::About, MainAction::AboutQt});
}

void MainWindow::restoreLayout() {
    const QByteArray geometry =
        m_services.settings != nullptr ? m_services.settings->windowGeometry() : QByteArray();
    if (geometry.isEmpty() || !restoreGeometry(geometry)) {
        resize(kDefaultSize);
    }
    const QByteArray state =
        m_services.settings != nullptr ? m_services.settings->windowState() : QByteArray();
    if (state.isEmpty() || !restoreState(state)) {
        // First run: the messages deserve the space; the bottom panels start short.
        resizeDocks({m_namespaceDock}, {kDefaultTreeWidth}, Qt::Horizontal);
        resizeDocks({m_jobsDock}, {kDefaultPanelHeight}, Qt::Vertical);
    }
}

void MainWindow::saveLayout() {
    if (m_services.settings == nullptr) {
        return;
    }
    m_services.settings->setWindowGeometry(saveGeometry());
    m_services.settings->setWindowState(saveState());
    // A failed write is not worth stopping a close for; the log says it happened.
    if (auto synced = m_services.settings->sync(); !synced) {
        m_logPanel->append(LogLevel::Warning, synced.error().message);
    }
}

void MainWindow::showAbout() {
    // Non-modal so it never blocks the event loop (and tests can find and close it).
    auto* box =
        new QMessageBox(QMessageBox::NoIcon, tr("About Busbar"),
                        tr("<h3>Busbar %1</h3>"
                           "<p>A desktop explorer for Azure Service Bus.</p>"
                           "<p>Built with Qt %2 and Qpid Proton.</p>")
                            .arg(QStringLiteral(BUSBAR_VERSION), QString::fromLatin1(qVersion())),
                        QMessageBox::Close, this);
    box->setObjectName(QStringLiteral("aboutDialog"));
    box->setIconPixmap(windowIcon().pixmap(64, 64));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::showSettings() {
    if (m_services.settings == nullptr) {
        return;
    }
    if (auto* open = findChild<SettingsDialog*>(); open != nullptr) {
        open->raise();
        open->activateWindow();
        return;
    }
    auto* dialog = new SettingsDialog(*m_services.settings, m_services.secrets, this);
    if (m_explorer != nullptr) {
        dialog->setProxyTester([this](const QNetworkProxy& proxy, QObject* context,
                                      ProxyTestPanel::StepCallback step,
                                      ProxyTestPanel::Done done) {
            m_explorer->testProxy(proxy, context, done, step);
        });
    }
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::closeEvent(QCloseEvent* event) {
    // Running jobs keep their journals, so quitting loses nothing; still, it stops them, so
    // ask (through the prompt, so tests can answer).
    const int running = m_jobManager != nullptr ? m_jobManager->runningCount() : 0;
    if (running > 0 && m_services.confirmation != nullptr) {
        ConfirmationRequest request;
        request.title = tr("Quit while jobs run?");
        request.text =
            running == 1
                ? tr("1 job is running; it will be offered for resume at next start.")
                : tr("%1 jobs are running; they will be offered for resume at next start.")
                      .arg(QLocale().toString(running));
        request.confirmLabel = tr("Quit");
        if (!m_services.confirmation->confirm(this, request)) {
            event->ignore();
            return;
        }
    }
    saveLayout();
    QMainWindow::closeEvent(event);
}

} // namespace busbar
