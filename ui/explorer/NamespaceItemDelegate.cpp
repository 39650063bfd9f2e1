#include "ui/explorer/NamespaceItemDelegate.h"

#include "ui/explorer/NamespaceTreeModel.h"

#include <QApplication>
#include <QPainter>

namespace busbar {

namespace {

constexpr int kGap = 6;

QFont smallFont(const QFont& base) {
    QFont font = base;
    font.setPointSizeF(base.pointSizeF() > 0 ? base.pointSizeF() * 0.85 : 8.0);
    return font;
}

} // namespace

QString NamespaceItemDelegate::deadLetterText(const QModelIndex& index) {
    const qint64 dlq = index.data(NamespaceTreeModel::DeadLetterCountRole).toLongLong();
    return dlq > 0 ? QStringLiteral("⚠ %1").arg(dlq) : QString();
}

void NamespaceItemDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                  const QModelIndex& index) const {
    QStyledItemDelegate::paint(painter, option, index);
    const QString counts = index.data(NamespaceTreeModel::CountsTextRole).toString();
    const QString dlq = deadLetterText(index);
    if (counts.isEmpty() && dlq.isEmpty()) {
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QWidget* widget = option.widget;
    const QStyle* style = widget != nullptr ? widget->style() : QApplication::style();
    const QRect textRect = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget);
    const int nameWidth = opt.fontMetrics.horizontalAdvance(opt.text);
    const QFont font = smallFont(opt.font);
    const QFontMetrics metrics(font);
    QRect rest = textRect.adjusted(nameWidth + kGap, 0, 0, 0);
    if (rest.width() <= 0) {
        return;
    }
    painter->save();
    painter->setFont(font);
    const bool selected = (option.state & QStyle::State_Selected) != 0;
    const QPalette& palette = option.palette;
    if (!counts.isEmpty()) {
        painter->setPen(selected ? palette.color(QPalette::HighlightedText)
                                 : palette.color(QPalette::Disabled, QPalette::Text));
        painter->drawText(rest, Qt::AlignVCenter | Qt::AlignLeft, counts);
        rest.adjust(metrics.horizontalAdvance(counts) + kGap, 0, 0, 0);
    }
    if (!dlq.isEmpty() && rest.width() > 0) {
        painter->setPen(selected ? palette.color(QPalette::HighlightedText)
                                 : QColor(0xc6, 0x28, 0x28));
        painter->drawText(rest, Qt::AlignVCenter | Qt::AlignLeft, dlq);
    }
    painter->restore();
}

QSize NamespaceItemDelegate::sizeHint(const QStyleOptionViewItem& option,
                                      const QModelIndex& index) const {
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const QString counts = index.data(NamespaceTreeModel::CountsTextRole).toString();
    const QString dlq = deadLetterText(index);
    const QFontMetrics metrics(smallFont(option.font));
    if (!counts.isEmpty()) {
        size.rwidth() += kGap + metrics.horizontalAdvance(counts);
    }
    if (!dlq.isEmpty()) {
        size.rwidth() += kGap + metrics.horizontalAdvance(dlq);
    }
    return size;
}

} // namespace busbar
