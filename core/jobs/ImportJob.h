#pragma once

#include "core/jobs/Job.h"
#include "core/jobs/JobJournal.h"
#include "core/servicebus/ServiceBusClient.h"

#include <QFile>
#include <QSet>

namespace busbar {

struct ImportOptions {
    QString inputPath; // JSON Lines written by ExportJob (MessageJsonCodec)
    QString targetEntity;
    int sendChunk = 10;
};

// Sends the messages of an export file to an entity, exactly as exported (body sections,
// properties, application properties and annotations; the broker's stamps are left out).
// The journal records each line sent after the broker accepted it ({"step":"sent",
// "seq": line number, "id": message id}); a job started again on the same journal skips
// those lines. The message ids are kept, so a target with duplicate detection also absorbs
// a chunk whose "accepted" came but was not journalled.
class ImportJob final : public Job {
    Q_OBJECT

public:
    ImportJob(ServiceBusClient* client, ImportOptions options, QString journalPath,
              QObject* parent = nullptr);

protected:
    void prepare() override;
    void step() override;

private:
    ServiceBusClient* m_client;
    ImportOptions m_options;
    QString m_journalPath;
    JobJournal m_journal;
    QFile m_input;
    qint64 m_lineNumber = 0;
    QSet<qint64> m_sentLines;
};

} // namespace busbar
