#include "ui/jobs/JobsPanel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace busbar {

JobsPanel::JobsPanel(QWidget* parent)
    : QWidget(parent)
    , m_placeholder(
          new QLabel(tr("No jobs yet. Purge, resubmit, export and import run here."), this))
    , m_view(new QTreeWidget(this))
    , m_cancel(new QPushButton(tr("&Cancel job"), this)) {
    setObjectName(QStringLiteral("jobsPanel"));

    m_placeholder->setObjectName(QStringLiteral("jobsPlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setEnabled(false); // drawn in the palette's disabled text colour

    m_view->setObjectName(QStringLiteral("jobsView"));
    m_view->setAccessibleName(tr("Jobs"));
    m_view->setHeaderLabels({tr("Job"), tr("Progress"), tr("Rate"), tr("Remaining"), tr("Status")});
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->header()->setStretchLastSection(true);

    m_cancel->setObjectName(QStringLiteral("jobsCancelButton"));
    m_cancel->setEnabled(false);
    m_cancel->setToolTip(tr("Not available yet"));

    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_cancel);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_placeholder);
    layout->addWidget(m_view);
    layout->addLayout(buttons);
    updatePlaceholder();
}

void JobsPanel::updatePlaceholder() {
    const bool empty = m_view->topLevelItemCount() == 0;
    m_placeholder->setVisible(empty);
    m_view->setVisible(!empty);
}

} // namespace busbar
