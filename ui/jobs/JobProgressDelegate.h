#pragma once

#include <QStyledItemDelegate>

namespace busbar {

// Draws JobsModel's progress column as a progress bar with the "done of total (failed)" text
// on it; a job whose total is not known yet shows the text alone.
class JobProgressDelegate final : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
};

} // namespace busbar
