#include "ui/jobs/JobsModel.h"

#include "core/jobs/JobManager.h"

#include <QLocale>

#include <algorithm>

namespace busbar {

namespace {

constexpr std::chrono::milliseconds kFlushInterval{150};

QString durationText(std::chrono::seconds left) {
    const qint64 s = left.count();
    if (s < 60) {
        return JobsModel::tr("%1 s").arg(s);
    }
    if (s < 3600) {
        return JobsModel::tr("%1 min %2 s").arg(s / 60).arg(s % 60);
    }
    return JobsModel::tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

QString progressText(const JobProgress& p) {
    const QLocale locale;
    QString text =
        p.total >= 0
            ? JobsModel::tr("%1 of %2").arg(locale.toString(p.done), locale.toString(p.total))
            : locale.toString(p.done);
    if (p.failed > 0) {
        text += JobsModel::tr(" (%1 failed)").arg(locale.toString(p.failed));
    }
    return text;
}

} // namespace

JobsModel::JobsModel(JobManager* manager, QObject* parent)
    : QAbstractTableModel(parent)
    , m_manager(manager) {
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(kFlushInterval);
    connect(&m_flushTimer, &QTimer::timeout, this, &JobsModel::flush);
    if (manager == nullptr) {
        return;
    }
    m_ids = manager->jobIds();
    connect(manager, &JobManager::jobAdded, this, [this](const QString& id) {
        const int row = int(m_ids.size());
        beginInsertRows({}, row, row);
        m_ids.append(id);
        endInsertRows();
    });
    connect(manager, &JobManager::jobRemoved, this, [this](const QString& id) {
        const int row = rowOf(id);
        if (row < 0) {
            return;
        }
        beginRemoveRows({}, row, row);
        m_ids.removeAt(row);
        m_changed.remove(id);
        endRemoveRows();
    });
    connect(manager, &JobManager::jobChanged, this, &JobsModel::markChanged);
    connect(manager, &JobManager::jobFinished, this,
            [this](const QString& id) { markChanged(id); });
}

int JobsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_ids.size());
}

int JobsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString JobsModel::jobId(int row) const {
    return row >= 0 && row < m_ids.size() ? m_ids.at(row) : QString();
}

QVariant JobsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case TitleColumn:
        return tr("Job");
    case StateColumn:
        return tr("State");
    case ProgressColumn:
        return tr("Progress");
    case RateColumn:
        return tr("Rate");
    case RemainingColumn:
        return tr("Time left");
    case StartedColumn:
        return tr("Started");
    default:
        return {};
    }
}

QVariant JobsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    // The guard is read once: each read of a QPointer may answer null, so checking one read
    // and dereferencing another lets a null manager through (the release build says so).
    const JobManager* manager = m_manager.data();
    if (manager == nullptr) {
        return {};
    }
    const QString id = m_ids.at(index.row());
    const Job* job = manager->job(id);
    if (job == nullptr) {
        return {};
    }
    switch (role) {
    case Qt::DisplayRole:
        return display(*manager, id, *job, index.column());
    case Qt::ToolTipRole:
        if (index.column() == TitleColumn) {
            return manager->description(id).title;
        }
        if (index.column() == StateColumn && job->state() == JobState::Failed) {
            return job->error().message;
        }
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == RateColumn || index.column() == RemainingColumn
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant();
    case IdRole:
        return id;
    case StateRole:
        return int(job->state());
    case ProgressFractionRole: {
        const JobProgress p = job->progress();
        if (p.total < 0) {
            return job->state() == JobState::Completed ? 1.0 : -1.0;
        }
        return p.total == 0 ? 1.0 : std::clamp(double(p.done) / double(p.total), 0.0, 1.0);
    }
    case FailedCountRole:
        return job->progress().failed;
    case ErrorRole:
        return job->state() == JobState::Failed ? job->error().message : QString();
    default:
        return {};
    }
}

QVariant JobsModel::display(const JobManager& manager, const QString& id, const Job& job,
                            int column) const {
    const JobProgress progress = job.progress();
    switch (column) {
    case TitleColumn:
        return manager.description(id).title;
    case StateColumn:
        return job.state() == JobState::Failed ? tr("Failed: %1").arg(job.error().message)
                                               : jobStateName(job.state());
    case ProgressColumn:
        return progressText(progress);
    case RateColumn:
        if (job.state() != JobState::Running) {
            return QString();
        }
        return tr("%1 msg/s")
            .arg(QLocale().toString(progress.ratePerSecond, 'f',
                                    progress.ratePerSecond < 10 ? 1 : 0));
    case RemainingColumn:
        if (job.state() != JobState::Running || !progress.eta) {
            return QString();
        }
        return durationText(*progress.eta);
    case StartedColumn:
        return QLocale().toString(manager.startedAt(id).time(), QLocale::ShortFormat);
    default:
        return {};
    }
}

void JobsModel::markChanged(const QString& id) {
    m_changed.insert(id);
    if (!m_flushTimer.isActive()) {
        m_flushTimer.start();
    }
}

void JobsModel::flush() {
    m_flushTimer.stop();
    if (m_changed.isEmpty()) {
        return;
    }
    int first = int(m_ids.size());
    int last = -1;
    for (const QString& id : std::as_const(m_changed)) {
        const int row = rowOf(id);
        if (row >= 0) {
            first = std::min(first, row);
            last = std::max(last, row);
        }
    }
    m_changed.clear();
    if (last >= 0) {
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
    }
}

} // namespace busbar
