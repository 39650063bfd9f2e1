#pragma once

#include <QStatusBar>

class QLabel;

namespace busbar {

// The status bar of ux.md: connection state, locks held, jobs running.
class MainStatusBar final : public QStatusBar {
    Q_OBJECT
public:
    explicit MainStatusBar(QWidget* parent = nullptr);

    void setConnectionState(const QString& text);
    void setLocksHeld(int count);
    void setJobsRunning(int count);

    [[nodiscard]] QLabel* connectionStateLabel() const { return m_connection; }
    [[nodiscard]] QLabel* locksHeldLabel() const { return m_locks; }
    [[nodiscard]] QLabel* jobsRunningLabel() const { return m_jobs; }

private:
    QLabel* m_connection = nullptr;
    QLabel* m_locks = nullptr;
    QLabel* m_jobs = nullptr;
};

} // namespace busbar
