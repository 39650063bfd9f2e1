#pragma once

#include "ui/main/UiServices.h"

#include <QMainWindow>

#include <memory>

class QDockWidget;
class QToolBar;

namespace busbar {

class ConnectionsController;
class ExplorerController;
class JobManager;
class JobsPanel;
class LogPanel;
class MainActions;
class MainStatusBar;
class NamespaceDock;
class ThemeApplier;
class Workspace;

// Composes the window of ux.md: namespace dock, workspace tabs, jobs and log docks, toolbar,
// menus and status bar. Behaviour lives in those parts; this class only wires them and
// remembers the layout through Settings.
class MainWindow final : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(const UiServices& services, QWidget* parent = nullptr);
    ~MainWindow() override;

    [[nodiscard]] MainActions* actions() const { return m_actions; }
    [[nodiscard]] NamespaceDock* namespaceDock() const { return m_namespaceDock; }
    [[nodiscard]] Workspace* workspace() const { return m_workspace; }
    [[nodiscard]] JobsPanel* jobsPanel() const { return m_jobsPanel; }
    [[nodiscard]] LogPanel* logPanel() const { return m_logPanel; }
    [[nodiscard]] MainStatusBar* mainStatusBar() const { return m_statusBar; }
    [[nodiscard]] const UiServices& services() const { return m_services; }
    // Null unless settings, secrets and confirmation were all given.
    [[nodiscard]] ConnectionsController* connections() const { return m_connections; }
    // Null unless settings were given.
    [[nodiscard]] ExplorerController* explorer() const { return m_explorer; }
    // The bulk jobs of this window; null unless settings were given. Its directory is the
    // per-user data folder's "jobs", or "<settings file name>.jobs" beside an explicit
    // settings file (tests, portable installs).
    [[nodiscard]] JobManager* jobManager() const { return m_jobManager; }

    // Writes geometry and dock layout to Settings; also done when the window closes.
    void saveLayout();

public Q_SLOTS:
    void showAbout();
    // Tools ▸ Settings…: non-modal, changes apply on OK.
    void showSettings();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    QDockWidget* addPanelDock(QWidget* panel, const QString& title, const QString& objectName);
    void createToolBar();
    void createMenus();
    void restoreLayout();
    void connectSettings();
    void connectConnections();
    void createJobManager();
    void connectJobs();

    UiServices m_services;
    MainActions* m_actions = nullptr;
    NamespaceDock* m_namespaceDock = nullptr;
    Workspace* m_workspace = nullptr;
    JobsPanel* m_jobsPanel = nullptr;
    LogPanel* m_logPanel = nullptr;
    QDockWidget* m_jobsDock = nullptr;
    QDockWidget* m_logDock = nullptr;
    QToolBar* m_toolBar = nullptr;
    MainStatusBar* m_statusBar = nullptr;
    std::unique_ptr<ThemeApplier> m_themeApplier;
    ConnectionsController* m_connections = nullptr;
    ExplorerController* m_explorer = nullptr;
    JobManager* m_jobManager = nullptr;
};

} // namespace busbar
