#include "ui/locks/LockCountdownDelegate.h"

#include "ui/locks/LockedMessagesModel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QHeaderView>
#include <QPainter>
#include <QTableView>

namespace busbar {

LockCountdownDelegate::LockCountdownDelegate(QObject* parent)
    : QStyledItemDelegate(parent) {
    connect(&m_timer, &QTimer::timeout, this, &LockCountdownDelegate::repaintVisible);
}

void LockCountdownDelegate::attach(QAbstractItemView* view, int column, int intervalMs) {
    m_view = view;
    m_column = column;
    view->setItemDelegateForColumn(column, this);
    m_timer.start(intervalMs);
}

void LockCountdownDelegate::repaintVisible() {
    // One read of the guard: a second read of a QPointer is not covered by this check.
    QAbstractItemView* view = m_view.data();
    if (view == nullptr || !view->isVisible() || view->model() == nullptr ||
        view->model()->rowCount() == 0) {
        return;
    }
    // Only the column's strip of the viewport: the rows outside it are not painted at all.
    const QModelIndex first = view->model()->index(0, m_column);
    QRect strip = view->visualRect(first);
    if (auto* table = qobject_cast<QTableView*>(view)) {
        strip = QRect(table->columnViewportPosition(m_column), 0, table->columnWidth(m_column),
                      table->viewport()->height());
    } else {
        strip = QRect(strip.left(), 0, strip.width(), view->viewport()->height());
    }
    if (strip.width() <= 0) {
        return;
    }
    ++m_repaints;
    view->viewport()->update(strip);
}

LockCountdownDelegate::Tone LockCountdownDelegate::toneFor(std::optional<LockState> state,
                                                           qint64 remainingMs, double fraction) {
    if (!state || *state == LockState::Lost || *state == LockState::Released || remainingMs <= 0) {
        return Tone::Gone;
    }
    if (remainingMs < 5000) {
        return Tone::Critical;
    }
    if (fraction < 0.2) {
        return Tone::Warning;
    }
    return Tone::Healthy;
}

LockCountdownDelegate::Tone LockCountdownDelegate::toneFor(const QModelIndex& index) {
    const QVariant state = index.data(LockedMessagesModel::LockStateRole);
    return toneFor(state.isValid() ? std::optional(static_cast<LockState>(state.toInt()))
                                   : std::nullopt,
                   index.data(LockedMessagesModel::RemainingMsRole).toLongLong(),
                   index.data(LockedMessagesModel::FractionRole).toDouble());
}

QColor LockCountdownDelegate::colourFor(Tone tone) {
    switch (tone) {
    case Tone::Healthy:
        return QColor(0x2e, 0xa0, 0x43);
    case Tone::Warning:
        return QColor(0xe0, 0x9b, 0x1a);
    case Tone::Critical:
        return QColor(0xd1, 0x34, 0x38);
    case Tone::Gone:
        break;
    }
    return QColor(0x8a, 0x8a, 0x8a);
}

void LockCountdownDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                  const QModelIndex& index) const {
    if (!index.data(LockedMessagesModel::HasLockRole).toBool()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    const QWidget* widget = opt.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const double fraction = index.data(LockedMessagesModel::FractionRole).toDouble();
    const Tone tone = toneFor(index);
    const QColor colour = colourFor(tone);

    painter->save();
    const QRect area = opt.rect.adjusted(3, 3, -3, -3);
    QColor track = colour;
    track.setAlpha(40);
    painter->fillRect(area, track);
    if (tone != Tone::Gone) {
        QRect bar = area;
        bar.setWidth(static_cast<int>(area.width() * fraction));
        painter->fillRect(bar, colour);
    }
    QString text = index.data(Qt::DisplayRole).toString();
    if (const QVariant stateValue = index.data(LockedMessagesModel::LockStateRole);
        stateValue.isValid()) {
        const auto state = static_cast<LockState>(stateValue.toInt());
        if (state == LockState::Renewing || state == LockState::AutoRenewTimeout ||
            state == LockState::ExpiringSoon) {
            text += QStringLiteral(" · ") + LockedMessagesModel::stateText(state);
        }
    }
    painter->setPen(opt.palette.color(QPalette::Text));
    painter->drawText(area.adjusted(4, 0, -4, 0), Qt::AlignVCenter | Qt::AlignLeft, text);
    painter->restore();
}

QSize LockCountdownDelegate::sizeHint(const QStyleOptionViewItem& option,
                                      const QModelIndex& index) const {
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(std::max(size.width(), 140));
    return size;
}

} // namespace busbar
