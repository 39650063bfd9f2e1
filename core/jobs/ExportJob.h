#pragma once

#include "core/jobs/Job.h"
#include "core/jobs/MessageSelection.h"
#include "core/servicebus/ServiceBusClient.h"

#include <QFile>
#include <QSet>

#include <optional>

namespace busbar {

struct ExportOptions {
    QString entity;
    SubQueue subQueue = SubQueue::None;
    MessageSelection selection;
    QString outputPath; // JSON Lines (MessageJsonCodec)
    int pageSize = 100;
};

// Writes the selected messages of a (sub-)queue to a JSON Lines file by peeking page after
// page: nothing is locked or removed. The file is its own journal: started on a file that
// holds lines already, the job drops a torn last line and carries on after the highest
// sequence number written, so nothing is written twice.
class ExportJob final : public Job {
    Q_OBJECT

public:
    ExportJob(ServiceBusClient* client, ExportOptions options, QObject* parent = nullptr);

protected:
    void prepare() override;
    void step() override;

private:
    ServiceBusClient* m_client;
    ExportOptions m_options;
    std::optional<MessageMatcher> m_matcher;
    QFile m_file;
    qint64 m_next = 0; // next sequence number to peek from
};

} // namespace busbar
