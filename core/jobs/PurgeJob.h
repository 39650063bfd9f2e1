#pragma once

#include "core/jobs/Job.h"
#include "core/servicebus/ServiceBusClient.h"

#include <QDateTime>
#include <QList>

#include <chrono>
#include <optional>

namespace busbar {

struct PurgeOptions {
    QString entity;
    bool active = true;
    bool deadLetter = false;
    std::optional<QDateTime> enqueuedBefore; // only older messages; all when unset
    int batchDeleteCount = 500;
    int receivers = 4; // parallel receive-and-delete when batch delete is not supported
    int receiveCount = 100;
    std::chrono::milliseconds receiveWait{1000};
};

// Empties an entity's active queue, its DLQ, or both: batch delete (500 a call) until it
// deletes nothing; when the service does not support it (NotSupported), parallel
// receive-and-delete until every receiver comes back empty. Deferred messages are purged
// too, by their peeked sequence numbers. Nothing is resent, so no journal is needed: a
// purge interrupted and started again just deletes what is left. A batch delete whose answer
// was lost stops the job with OutcomeUnknown: its messages are neither counted as deleted nor
// deleted again by a retry.
class PurgeJob final : public Job {
    Q_OBJECT

public:
    // The client must outlive the job.
    PurgeJob(ServiceBusClient* client, PurgeOptions options, QObject* parent = nullptr);

    // Whether the job fell back to receive-and-delete.
    [[nodiscard]] bool usedFallback() const { return m_fallback; }

protected:
    void step() override;

private:
    enum class Phase { BatchDelete, Receive, Deferred };

    void batchDelete();
    void receiveAndDelete();
    void receiveOlder();
    void purgeDeferred();
    void findDeferred(qint64 fromSequenceNumber);
    void nextSubQueue();
    void recordMessages(const QList<ServiceBusMessage>& messages);
    [[nodiscard]] QDateTime cutoff() const;
    [[nodiscard]] Error outcomeUnknown(const Error& cause, int calls) const;

    ServiceBusClient* m_client;
    PurgeOptions m_options;
    QList<SubQueue> m_subQueues;
    Phase m_phase = Phase::BatchDelete;
    bool m_fallback = false;
    QList<qint64> m_deferredFound;
};

} // namespace busbar
