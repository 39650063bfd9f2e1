#pragma once

#include "core/servicebus/LockTracker.h"

#include <QColor>
#include <QPointer>
#include <QStyledItemDelegate>
#include <QTimer>

#include <optional>

class QAbstractItemView;

namespace busbar {

// Paints a lock's countdown as a shrinking bar with the seconds left and the renewal state
// (data from LockedMessagesModel's roles). attach() starts the one repaint timer, which
// updates only the countdown column's visible rectangle, so thousands of locks cost nothing
// when scrolled out of sight.
class LockCountdownDelegate final : public QStyledItemDelegate {
    Q_OBJECT
public:
    enum class Tone { Healthy, Warning, Critical, Gone };

    explicit LockCountdownDelegate(QObject* parent = nullptr);

    // Repaints `column` of `view` every `intervalMs` (100–250 ms reads as smooth).
    void attach(QAbstractItemView* view, int column, int intervalMs = 200);
    [[nodiscard]] const QTimer& repaintTimer() const { return m_timer; }
    [[nodiscard]] int repaints() const { return m_repaints; }

    // Green, then amber under 20% of the lock's duration, red under 5 s, grey when gone.
    [[nodiscard]] static Tone toneFor(std::optional<LockState> state, qint64 remainingMs,
                                      double fraction);
    // The tone a row of a LockedMessagesModel is painted in (Gone for rows without a lock).
    [[nodiscard]] static Tone toneFor(const QModelIndex& index);
    [[nodiscard]] static QColor colourFor(Tone tone);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    [[nodiscard]] QSize sizeHint(const QStyleOptionViewItem& option,
                                 const QModelIndex& index) const override;

private:
    void repaintVisible();

    QTimer m_timer;
    QPointer<QAbstractItemView> m_view;
    int m_column = -1;
    int m_repaints = 0;
};

} // namespace busbar
