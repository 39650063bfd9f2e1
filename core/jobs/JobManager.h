#pragma once

#include "core/jobs/Job.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

namespace busbar {

// What the jobs panel and the resume offer know of a job beyond the Job object: enough to
// show it to people and to re-create it after a crash. Written as `<id>.job.json` in the
// manager's directory when the job starts; its journal (when the kind keeps one) sits beside it.
struct JobDescription {
    QString id;                 // set by JobManager::start
    QString kind;               // "resubmit", "purge", "export", "import"
    QString title;              // "Resubmit 120 messages from orders (dead-letter) to orders"
    QString sourceConnectionId; // the namespace the job reads (or, for import, writes)
    QString targetConnectionId; // resubmit to another namespace; empty: the source
    QJsonObject options;        // the job's options (ResubmitOptions::toJson, ...), plus edits
    QString journalPath;        // empty for kinds without a journal (purge)
    QString outputPath;         // export file, import input file

    [[nodiscard]] QJsonObject toJson() const;
    static JobDescription fromJson(const QJsonObject& json);
};

// Owns the running and finished jobs of this run of the app and remembers, on disk, those
// that did not finish, so the app can offer to resume them at start-up. Lives on the GUI
// thread (jobs run there, their network work on the connection threads). core/: no widgets.
class JobManager final : public QObject {
    Q_OBJECT

public:
    // `directory` holds descriptions and journals (created when missing).
    explicit JobManager(QString directory, QObject* parent = nullptr);
    ~JobManager() override;

    [[nodiscard]] const QString& directory() const { return m_directory; }
    // A fresh, unique journal path in directory() for a job of `kind`.
    [[nodiscard]] QString newJournalPath(const QString& kind) const;

    // Takes ownership of `job`, writes its description, starts it and returns its id.
    QString start(Job* job, JobDescription description);
    [[nodiscard]] QStringList jobIds() const { return m_order; }
    [[nodiscard]] Job* job(const QString& id) const { return m_jobs.value(id); }
    [[nodiscard]] JobDescription description(const QString& id) const;
    // When the job was handed to the manager (this run); invalid for an unknown id.
    [[nodiscard]] QDateTime startedAt(const QString& id) const { return m_started.value(id); }
    [[nodiscard]] int runningCount() const;
    // A finished job leaves the list (and its files are archived).
    void forget(const QString& id);

    // Jobs of earlier runs that neither completed nor were cancelled (crash, lost
    // connection, failure): their descriptions, journals still in place.
    [[nodiscard]] QList<JobDescription> unfinished() const;
    // The user declined to resume: archive its files so it is not offered again.
    void discard(const JobDescription& description);
    // The user chose to resume: `job` was re-created from `earlier` (one of unfinished(), or
    // the description of a job of this run that failed, which it replaces) and picks up its
    // journal. Keeps the id and files; returns the id.
    QString resume(Job* job, const JobDescription& earlier);

Q_SIGNALS:
    void jobAdded(const QString& id);
    // Batched like Job::progressChanged; also on state changes.
    void jobChanged(const QString& id);
    void jobFinished(const QString& id, busbar::JobState state);
    void runningCountChanged(int count);
    // forget() took the job out of the list (after the fact: job(id) is null by now).
    void jobRemoved(const QString& id);

private:
    [[nodiscard]] QString descriptionPath(const QString& id) const;
    // Moves the description (and a journal kept in directory()) into directory()/done/.
    void archive(const JobDescription& description);
    QString adopt(Job* job, const JobDescription& description);

    QString m_directory;
    QStringList m_order;
    QHash<QString, Job*> m_jobs; // children
    QHash<QString, JobDescription> m_descriptions;
    QHash<QString, QDateTime> m_started;
};

} // namespace busbar
