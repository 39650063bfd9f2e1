#pragma once

#include <QStyledItemDelegate>

namespace busbar {

// Draws the namespace tree's counts as ux.md shows them: small numbers after the name, and a
// warning mark with the dead-letter count when that queue is not empty.
class NamespaceItemDelegate final : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    [[nodiscard]] QSize sizeHint(const QStyleOptionViewItem& option,
                                 const QModelIndex& index) const override;

    // "⚠ 3" for a non-empty dead-letter queue, else empty.
    [[nodiscard]] static QString deadLetterText(const QModelIndex& index);
};

} // namespace busbar
