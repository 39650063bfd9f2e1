#include "ui/sessions/SessionLockBar.h"

#include "ui/locks/LockCountdownDelegate.h"

#include <QPainter>

#include <algorithm>

namespace busbar {

SessionLockBar::SessionLockBar(QWidget* parent)
    : QWidget(parent) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void SessionLockBar::setLock(std::optional<LockState> state, qint64 remainingMs, double fraction,
                             const QString& text) {
    m_state = state;
    m_remainingMs = remainingMs;
    m_fraction = std::clamp(fraction, 0.0, 1.0);
    if (m_text != text) {
        m_text = text;
        setAccessibleName(text);
    }
    update();
}

QColor SessionLockBar::colour() const {
    return LockCountdownDelegate::colourFor(
        LockCountdownDelegate::toneFor(m_state, m_remainingMs, m_fraction));
}

QSize SessionLockBar::sizeHint() const {
    return {240, fontMetrics().height() + 10};
}

void SessionLockBar::paintEvent(QPaintEvent* /*event*/) {
    QPainter painter(this);
    const LockCountdownDelegate::Tone tone =
        LockCountdownDelegate::toneFor(m_state, m_remainingMs, m_fraction);
    const QColor fill = LockCountdownDelegate::colourFor(tone);
    const QRect area = rect().adjusted(1, 1, -1, -1);
    QColor track = fill;
    track.setAlpha(40);
    painter.fillRect(area, track);
    if (tone != LockCountdownDelegate::Tone::Gone) {
        QRect bar = area;
        bar.setWidth(static_cast<int>(area.width() * m_fraction));
        painter.fillRect(bar, fill);
    }
    painter.setPen(palette().color(QPalette::WindowText));
    painter.drawText(area.adjusted(6, 0, -6, 0), Qt::AlignVCenter | Qt::AlignLeft, m_text);
}

} // namespace busbar
