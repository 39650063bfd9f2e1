#pragma once

#include "core/common/Result.h"

#include <QFile>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace busbar {

// The on-disk record of a job, so an interrupted job resumes without losing or duplicating
// a message: an append-only JSON Lines file, one object per line, flushed after every line.
// The first line is the job definition ({"step":"definition", ...}); each later line is one
// step ({"step":"sent","seq":12,"id":"m-1"}). A torn last line (the process died while
// writing it) is ignored on reading: the step it described is treated as not done.
class JobJournal final {
public:
    JobJournal() = default;
    JobJournal(const JobJournal&) = delete;
    JobJournal& operator=(const JobJournal&) = delete;

    // Reads what `path` already holds (nothing for a new file) and opens it for appending.
    VoidResult open(const QString& path);
    [[nodiscard]] bool isOpen() const { return m_file.isOpen(); }
    [[nodiscard]] QString path() const { return m_file.fileName(); }

    // Lines read by open(), definition included.
    [[nodiscard]] const QList<QJsonObject>& entries() const { return m_entries; }
    // The definition line, or an empty object when the journal is new.
    [[nodiscard]] QJsonObject definition() const;

    VoidResult writeDefinition(QJsonObject definition);
    // Appends {"step": step, "seq": seq, "id": id (when not empty)} and flushes.
    VoidResult writeStep(const QString& step, qint64 sequenceNumber, const QString& messageId = {});
    VoidResult append(const QJsonObject& line);

private:
    QFile m_file;
    QList<QJsonObject> m_entries;
};

} // namespace busbar
