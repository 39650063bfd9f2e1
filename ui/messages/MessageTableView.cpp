#include "ui/messages/MessageTableView.h"

#include "ui/messages/MessageListModel.h"

#include <QHeaderView>
#include <QMenu>

namespace busbar {

MessageTableView::MessageTableView(QWidget* parent)
    : QTableView(parent) {
    setObjectName(QStringLiteral("messageTable"));
    setAccessibleName(tr("Messages"));
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setSortingEnabled(true);
    setWordWrap(false);
    setAlternatingRowColors(true);
    verticalHeader()->hide();
    // Fixed row heights: the view never measures a million rows.
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    horizontalHeader()->setSectionsMovable(true);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(horizontalHeader(), &QHeaderView::customContextMenuRequested, this,
            &MessageTableView::showHeaderMenu);
}

void MessageTableView::setModel(QAbstractItemModel* model) {
    QTableView::setModel(model);
    if (selectionModel()) {
        connect(selectionModel(), &QItemSelectionModel::currentRowChanged, this,
                [this](const QModelIndex& current) {
                    Q_EMIT currentMessageChanged(
                        current.isValid()
                            ? current.data(MessageListModel::SequenceNumberRole).toLongLong()
                            : -1);
                });
    }
    if (model) {
        // The header forgets hidden sections on a reset; connected after it, so this runs last.
        connect(model, &QAbstractItemModel::modelReset, this,
                &MessageTableView::applyHiddenColumns);
    }
    applyHiddenColumns();
}

void MessageTableView::applyDefaultColumns() {
    setHiddenColumns({MessageListModel::DeadLetterDescription, MessageListModel::SessionId,
                      MessageListModel::ContentType});
}

void MessageTableView::setHiddenColumns(const QSet<int>& columns) {
    m_hidden = columns;
    applyHiddenColumns();
}

void MessageTableView::applyHiddenColumns() {
    for (int column = 0; column < MessageListModel::ColumnCount; ++column) {
        setColumnHidden(column, m_hidden.contains(column));
    }
}

qint64 MessageTableView::currentSequenceNumber() const {
    const QModelIndex current = currentIndex();
    return current.isValid() ? current.data(MessageListModel::SequenceNumberRole).toLongLong() : -1;
}

void MessageTableView::showHeaderMenu(const QPoint& position) {
    if (!model()) {
        return;
    }
    QMenu menu(this);
    menu.setObjectName(QStringLiteral("columnMenu"));
    for (int column = 0; column < model()->columnCount(); ++column) {
        QAction* action =
            menu.addAction(model()->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString());
        action->setCheckable(true);
        action->setChecked(!isColumnHidden(column));
        connect(action, &QAction::toggled, this, [this, column](bool shown) {
            if (shown) {
                m_hidden.remove(column);
            } else {
                m_hidden.insert(column);
            }
            setColumnHidden(column, !shown);
        });
    }
    menu.exec(horizontalHeader()->mapToGlobal(position));
}

} // namespace busbar
