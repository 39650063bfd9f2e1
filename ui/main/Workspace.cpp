#include "ui/main/Workspace.h"

#include "ui/main/WelcomePage.h"

#include <QTabWidget>

namespace busbar {

Workspace::Workspace(WelcomePage* welcome, QWidget* parent)
    : QStackedWidget(parent)
    , m_welcome(welcome)
    , m_tabs(new QTabWidget(this)) {
    setObjectName(QStringLiteral("workspace"));
    m_tabs->setObjectName(QStringLiteral("entityTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    addWidget(m_welcome);
    addWidget(m_tabs);
    setCurrentWidget(m_welcome);

    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &Workspace::closeTab);
}

int Workspace::openTab(QWidget* page, const QString& title) {
    const int index = m_tabs->addTab(page, title);
    m_tabs->setCurrentIndex(index);
    setCurrentWidget(m_tabs);
    return index;
}

bool Workspace::isShowingWelcome() const {
    return currentWidget() == m_welcome;
}

void Workspace::closeTab(int index) {
    QWidget* page = m_tabs->widget(index);
    m_tabs->removeTab(index);
    if (page != nullptr) {
        page->deleteLater();
    }
    showWelcomeIfEmpty();
}

void Workspace::showWelcomeIfEmpty() {
    if (m_tabs->count() == 0) {
        setCurrentWidget(m_welcome);
    }
}

} // namespace busbar
