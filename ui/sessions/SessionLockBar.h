#pragma once

#include "core/servicebus/LockTracker.h"

#include <QWidget>

#include <optional>

namespace busbar {

// The accepted session's lock as one countdown bar, painted like a Locked view's row
// (LockCountdownDelegate's tones: green, amber near expiry, red under 5 s, grey when gone)
// with "Session s1 · 42.0 s · renewing" on it. The owner feeds it on its repaint timer.
class SessionLockBar final : public QWidget {
    Q_OBJECT
public:
    explicit SessionLockBar(QWidget* parent = nullptr);

    // No lock (nothing accepted, or the lock is gone): `state` empty; the bar goes grey.
    void setLock(std::optional<LockState> state, qint64 remainingMs, double fraction,
                 const QString& text);

    [[nodiscard]] const QString& text() const { return m_text; }
    [[nodiscard]] std::optional<LockState> state() const { return m_state; }
    [[nodiscard]] double fraction() const { return m_fraction; }
    [[nodiscard]] QColor colour() const;

    [[nodiscard]] QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    std::optional<LockState> m_state;
    qint64 m_remainingMs = 0;
    double m_fraction = 0.0;
    QString m_text;
};

} // namespace busbar
