// EntityMessagesView: the bulk actions (resubmit, replay, export, purge) the view offers on
// its entity; a host that can run jobs connects the request signals.
#include "ui/messages/EntityMessagesView.h"
#include "ui/messages/MessageTableView.h"
#include "ui/messages/PeekPager.h"

#include <QAction>
#include <QItemSelectionModel>
#include <QMenu>
#include <QToolBar>

namespace busbar {

QToolBar* EntityMessagesView::buildBulkActions() {
    m_bulkBar = new QToolBar(this);
    m_bulkBar->setObjectName(QStringLiteral("bulkActionsBar"));
    m_bulkBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    const auto add = [this](BulkAction which, const QString& text, const QString& objectName,
                            const QString& tip) {
        auto* action = new QAction(text, this);
        action->setObjectName(objectName);
        action->setToolTip(tip);
        m_bulkBar->addAction(action);
        m_bulk[which] = action;
    };
    add(Resubmit, tr("Re&submit…"), QStringLiteral("resubmitAction"),
        tr("Send the selected dead letters back (optionally edited) and remove them here"));
    add(Replay, tr("Re&play…"), QStringLiteral("replayAction"),
        tr("Resubmit every dead letter, or those matching a filter"));
    add(ExportSelected, tr("E&xport selected…"), QStringLiteral("exportSelectedAction"),
        tr("Write the selected messages to a JSON Lines file"));
    add(Purge, tr("P&urge…"), QStringLiteral("purgeAction"),
        tr("Delete the messages of this queue (asks first)"));

    connect(m_bulk[Resubmit], &QAction::triggered, this,
            [this] { Q_EMIT resubmitRequested(currentSubQueue(), selectedSequenceNumbers()); });
    connect(m_bulk[Replay], &QAction::triggered, this,
            [this] { Q_EMIT replayRequested(currentSubQueue()); });
    connect(m_bulk[ExportSelected], &QAction::triggered, this, [this] {
        Q_EMIT exportSelectedRequested(currentSubQueue(), selectedSequenceNumbers());
    });
    connect(m_bulk[Purge], &QAction::triggered, this,
            [this] { Q_EMIT purgeRequested(currentSubQueue()); });
    m_bulkBar->setVisible(false);
    return m_bulkBar;
}

void EntityMessagesView::setBulkActionsEnabled(bool enabled) {
    m_bulkEnabled = enabled;
    m_bulkBar->setVisible(enabled);
    updateBulkActions();
}

void EntityMessagesView::updateBulkActions() {
    if (m_bulk[Resubmit] == nullptr || m_table == nullptr) {
        return;
    }
    const bool deadLetters = currentSubQueue() != SubQueue::None;
    const bool selection =
        m_table->selectionModel() != nullptr && m_table->selectionModel()->hasSelection();
    m_bulk[Resubmit]->setVisible(m_bulkEnabled && deadLetters);
    m_bulk[Resubmit]->setEnabled(m_bulkEnabled && deadLetters && selection);
    m_bulk[Replay]->setVisible(m_bulkEnabled && deadLetters);
    m_bulk[Replay]->setEnabled(m_bulkEnabled && deadLetters);
    m_bulk[ExportSelected]->setVisible(m_bulkEnabled);
    m_bulk[ExportSelected]->setEnabled(m_bulkEnabled && selection);
    m_bulk[Purge]->setVisible(m_bulkEnabled);
    m_bulk[Purge]->setEnabled(m_bulkEnabled);
}

void EntityMessagesView::reload() {
    if (!m_started) {
        return;
    }
    for (const Source& source : m_sources) {
        source.pager->start(0);
    }
}

void EntityMessagesView::showTableMenu(const QPoint& position) {
    if (!m_bulkEnabled) {
        return;
    }
    updateBulkActions();
    auto* menu = new QMenu(m_table);
    menu->setObjectName(QStringLiteral("messageTableMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    for (QAction* action : m_bulk) {
        if (action->isVisible()) {
            menu->addAction(action);
        }
    }
    menu->popup(m_table->viewport()->mapToGlobal(position));
}

} // namespace busbar
