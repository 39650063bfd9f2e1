#include "ui/main/MainStatusBar.h"

#include <QLabel>
#include <QLocale>

namespace busbar {

MainStatusBar::MainStatusBar(QWidget* parent)
    : QStatusBar(parent)
    , m_connection(new QLabel(this))
    , m_locks(new QLabel(this))
    , m_jobs(new QLabel(this)) {
    setObjectName(QStringLiteral("statusBar"));
    m_connection->setObjectName(QStringLiteral("connectionStateLabel"));
    m_locks->setObjectName(QStringLiteral("locksHeldLabel"));
    m_jobs->setObjectName(QStringLiteral("jobsRunningLabel"));
    for (QLabel* label : {m_connection, m_locks, m_jobs}) {
        label->setContentsMargins(8, 0, 8, 0);
        addPermanentWidget(label);
    }
    setConnectionState(tr("Not connected"));
    setLocksHeld(0);
    setJobsRunning(0);
}

void MainStatusBar::setConnectionState(const QString& text) {
    m_connection->setText(text);
    m_connection->setAccessibleName(tr("Connection: %1").arg(text));
}

void MainStatusBar::setLocksHeld(int count) {
    m_locks->setText(tr("Locks held: %1").arg(QLocale().toString(count)));
}

void MainStatusBar::setJobsRunning(int count) {
    m_jobs->setText(count == 0 ? tr("No jobs running")
                               : tr("Jobs running: %1").arg(QLocale().toString(count)));
}

} // namespace busbar
