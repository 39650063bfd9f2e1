#include "core/jobs/JobManager.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QUuid>

#include <algorithm>

Q_DECLARE_LOGGING_CATEGORY(lcJobManager)
Q_LOGGING_CATEGORY(lcJobManager, "busbar.jobs.manager")

namespace busbar {

namespace {

const QLatin1String kDescriptionSuffix(".job.json");
const QLatin1String kDoneFolder("done");
// Archived jobs kept in done/ (descriptions with their journals); older ones are deleted.
constexpr int kKeepArchived = 50;

QString shortUuid() {
    return QUuid::createUuid().toString(QUuid::WithoutBraces).left(8);
}

QString timestamp() {
    return QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
}

bool endedForGood(JobState state) {
    return state == JobState::Completed || state == JobState::Cancelled;
}

void pruneArchive(const QDir& done) {
    const QFileInfoList archived =
        done.entryInfoList({QLatin1Char('*') + kDescriptionSuffix}, QDir::Files, QDir::Time);
    for (qsizetype i = kKeepArchived; i < archived.size(); ++i) {
        const QString id = archived.at(i).fileName().chopped(kDescriptionSuffix.size());
        QFile::remove(archived.at(i).filePath());
        QFile::remove(done.filePath(id + QStringLiteral(".journal.jsonl")));
    }
}

} // namespace

QJsonObject JobDescription::toJson() const {
    QJsonObject json;
    json.insert(QStringLiteral("id"), id);
    json.insert(QStringLiteral("kind"), kind);
    json.insert(QStringLiteral("title"), title);
    json.insert(QStringLiteral("sourceConnectionId"), sourceConnectionId);
    json.insert(QStringLiteral("targetConnectionId"), targetConnectionId);
    json.insert(QStringLiteral("options"), options);
    json.insert(QStringLiteral("journalPath"), journalPath);
    json.insert(QStringLiteral("outputPath"), outputPath);
    return json;
}

JobDescription JobDescription::fromJson(const QJsonObject& json) {
    JobDescription d;
    d.id = json.value(QStringLiteral("id")).toString();
    d.kind = json.value(QStringLiteral("kind")).toString();
    d.title = json.value(QStringLiteral("title")).toString();
    d.sourceConnectionId = json.value(QStringLiteral("sourceConnectionId")).toString();
    d.targetConnectionId = json.value(QStringLiteral("targetConnectionId")).toString();
    d.options = json.value(QStringLiteral("options")).toObject();
    d.journalPath = json.value(QStringLiteral("journalPath")).toString();
    d.outputPath = json.value(QStringLiteral("outputPath")).toString();
    return d;
}

JobManager::JobManager(QString directory, QObject* parent)
    : QObject(parent)
    , m_directory(std::move(directory)) {
    if (!QDir().mkpath(m_directory)) {
        qCWarning(lcJobManager) << "cannot create the jobs directory" << m_directory;
    }
}

JobManager::~JobManager() {
    // The jobs are children; they must not call back into a manager being destroyed.
    for (Job* job : std::as_const(m_jobs)) {
        disconnect(job, nullptr, this, nullptr);
    }
}

QString JobManager::newJournalPath(const QString& kind) const {
    const QDir dir(m_directory);
    for (;;) {
        const QString path = dir.filePath(
            QStringLiteral("%1-%2-%3.journal.jsonl").arg(kind, timestamp(), shortUuid()));
        if (!QFileInfo::exists(path)) {
            return path;
        }
    }
}

QString JobManager::start(Job* job, JobDescription description) {
    Q_ASSERT(job);
    QString id;
    do {
        id = QStringLiteral("%1-%2-%3")
                 .arg(description.kind.isEmpty() ? QStringLiteral("job") : description.kind,
                      timestamp(), shortUuid());
    } while (m_jobs.contains(id) || QFileInfo::exists(descriptionPath(id)));
    description.id = id;
    return adopt(job, description);
}

QString JobManager::resume(Job* job, const JobDescription& earlier) {
    if (earlier.id.isEmpty()) {
        return start(job, earlier);
    }
    if (Job* failed = m_jobs.value(earlier.id); failed != nullptr) {
        if (failed->state() != JobState::Failed) {
            return start(job, earlier); // still running, or done for good: never two on a journal
        }
        // A job of this run that failed is retried: same id and files; its row moves to the end.
        disconnect(failed, nullptr, this, nullptr);
        failed->deleteLater();
        m_order.removeAll(earlier.id);
        m_jobs.remove(earlier.id);
        Q_EMIT jobRemoved(earlier.id);
    }
    return adopt(job, earlier);
}

QString JobManager::adopt(Job* job, const JobDescription& description) {
    const QString id = description.id;

    // Written before the job starts, so a crash in its first step still leaves it resumable.
    QSaveFile file(descriptionPath(id));
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(QJsonDocument(description.toJson()).toJson()) < 0 || !file.commit()) {
        qCWarning(lcJobManager) << "cannot write the job description" << file.fileName()
                                << file.errorString();
    }

    job->setParent(this);
    m_order.append(id);
    m_jobs.insert(id, job);
    m_descriptions.insert(id, description);
    m_started.insert(id, QDateTime::currentDateTime());

    connect(job, &Job::progressChanged, this, [this, id] { Q_EMIT jobChanged(id); });
    connect(job, &Job::stateChanged, this, [this, id] {
        Q_EMIT jobChanged(id);
        Q_EMIT runningCountChanged(runningCount());
    });
    connect(job, &Job::finished, this, [this, id](JobState state) {
        if (endedForGood(state)) {
            archive(m_descriptions.value(id));
        }
        Q_EMIT jobFinished(id, state);
    });

    Q_EMIT jobAdded(id);
    job->start();
    // A job that started and ended synchronously emitted its state changes already.
    Q_EMIT runningCountChanged(runningCount());
    return id;
}

JobDescription JobManager::description(const QString& id) const {
    return m_descriptions.value(id);
}

int JobManager::runningCount() const {
    return int(std::count_if(m_jobs.cbegin(), m_jobs.cend(),
                             [](const Job* job) { return !job->isFinished(); }));
}

void JobManager::forget(const QString& id) {
    Job* job = m_jobs.value(id);
    if (!job || !job->isFinished()) {
        return;
    }
    if (!endedForGood(job->state())) {
        archive(m_descriptions.value(id));
    }
    m_order.removeAll(id);
    m_jobs.remove(id);
    m_descriptions.remove(id);
    m_started.remove(id);
    disconnect(job, nullptr, this, nullptr);
    job->deleteLater();
    Q_EMIT jobRemoved(id);
}

QList<JobDescription> JobManager::unfinished() const {
    QList<JobDescription> result;
    const QDir dir(m_directory);
    const QFileInfoList files =
        dir.entryInfoList({QLatin1Char('*') + kDescriptionSuffix}, QDir::Files, QDir::Time);
    for (const QFileInfo& info : files) {
        QFile file(info.filePath());
        if (!file.open(QIODevice::ReadOnly)) {
            continue;
        }
        const QJsonDocument doc = QJsonDocument::fromJson(file.readAll());
        if (!doc.isObject()) {
            qCWarning(lcJobManager) << "unreadable job description" << info.fileName();
            continue;
        }
        JobDescription d = JobDescription::fromJson(doc.object());
        // The file name is the authority: a copied or edited file keeps its place.
        d.id = info.fileName().chopped(kDescriptionSuffix.size());
        if (m_jobs.contains(d.id)) {
            continue; // a job of this run: it is in the list already
        }
        result.append(d);
    }
    // Oldest first, the order they were started in.
    std::reverse(result.begin(), result.end());
    return result;
}

void JobManager::discard(const JobDescription& description) {
    archive(description);
}

QString JobManager::descriptionPath(const QString& id) const {
    return QDir(m_directory).filePath(id + kDescriptionSuffix);
}

void JobManager::archive(const JobDescription& description) {
    if (description.id.isEmpty()) {
        return;
    }
    QDir dir(m_directory);
    if (!dir.mkpath(kDoneFolder)) {
        qCWarning(lcJobManager) << "cannot create" << dir.filePath(kDoneFolder);
        return;
    }
    const QDir done(dir.filePath(kDoneFolder));
    const auto moveInto = [&done](const QString& from, const QString& name) {
        const QString to = done.filePath(name);
        QFile::remove(to);
        if (QFile::exists(from) && !QFile::rename(from, to)) {
            qCWarning(lcJobManager) << "cannot archive" << from;
            QFile::remove(from); // never offer it again
        }
    };
    moveInto(descriptionPath(description.id), description.id + kDescriptionSuffix);
    // Only journals the manager keeps; an export's output file belongs to the user.
    const QFileInfo journal(description.journalPath);
    if (!description.journalPath.isEmpty() &&
        journal.absoluteDir() == QDir(QFileInfo(m_directory).absoluteFilePath())) {
        moveInto(journal.absoluteFilePath(), description.id + QStringLiteral(".journal.jsonl"));
    }
    pruneArchive(done);
}

} // namespace busbar
