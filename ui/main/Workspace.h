#pragma once

#include <QStackedWidget>

class QTabWidget;

namespace busbar {

class WelcomePage;

// The centre of the main window: one closable tab per opened entity, and the welcome page
// whenever no tab is open.
class Workspace final : public QStackedWidget {
    Q_OBJECT
public:
    Workspace(WelcomePage* welcome, QWidget* parent = nullptr);

    // Takes ownership of `page`, shows and returns its tab index.
    int openTab(QWidget* page, const QString& title);
    [[nodiscard]] QTabWidget* tabs() const { return m_tabs; }
    [[nodiscard]] bool isShowingWelcome() const;
    // Removes the tab and deletes its page later (the welcome page shows when none is left).
    void closeTab(int index);

private:
    void showWelcomeIfEmpty();

    WelcomePage* m_welcome = nullptr;
    QTabWidget* m_tabs = nullptr;
};

} // namespace busbar
