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
}

void MessageTableView::applyDefaultColumns() {
    for (int column = 0; column < MessageListModel::ColumnCount; ++column) {
        const bool hidden = column == MessageListModel::DeadLetterDescription ||
                            column == MessageListModel::SessionId ||
                            column == MessageListModel::ContentType;
        setColumnHidden(column, hidden);
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
        connect(action, &QAction::toggled, this,
                [this, column](bool shown) { setColumnHidden(column, !shown); });
    }
    menu.exec(horizontalHeader()->mapToGlobal(position));
}

} // namespace busbar
