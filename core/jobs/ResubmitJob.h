#pragma once

#include "core/jobs/Job.h"
#include "core/jobs/JobJournal.h"
#include "core/jobs/MessageSelection.h"
#include "core/jobs/ResubmitOptions.h"
#include "core/servicebus/ServiceBusClient.h"

#include <QHash>
#include <QSet>

#include <chrono>
#include <functional>
#include <optional>

namespace busbar {

// Resubmits (replays) messages of a sub-queue, usually the DLQ, to their entity or another
// one, possibly on another namespace. Per message: send a copy → the target accepted →
// journal "sent" → complete the source → journal "completed". Non-selected messages the scan
// locks stay locked, their locks renewed before they run out, and are abandoned (returned) at
// the end, so a selection deep in a large DLQ never runs into the lock duration. (Deferring
// them is no way back: a deferred message stays deferred when abandoned; only when the user
// asks for it, leaveUnselectedDeferred, are they deferred.) An interrupted job's held locks
// simply run out.
//
// Resume: a new job on the same journal path takes the definition from the journal (the
// options given are ignored), removes messages journalled as sent but not completed WITHOUT
// sending them again (peek to see where each is; a deferred one is locked by sequence
// number), and processes the rest normally. Before each send the journal says "sending"; a
// send whose outcome never came (the connection dropped, the process died) is looked for at
// the target on resume (by message id, enqueued since the send), so it is not sent twice even
// without duplicate detection. When the target cannot be peeked (a topic), or a consumer took
// the copy already, it is sent again: the message id is kept by default, so a target with
// duplicate detection absorbs that retry.
class ResubmitJob final : public Job {
    Q_OBJECT

public:
    using EditHook = std::function<void(OutgoingMessage&)>;

    // The clients must outlive the job; source and target may be the same client.
    ResubmitJob(ServiceBusClient* source, ServiceBusClient* target, ResubmitOptions options,
                QString journalPath, QObject* parent = nullptr);

    // The options a journal was started with (to resume it, e.g. with new clients).
    static Result<ResubmitOptions> optionsFromJournal(const QString& journalPath);

    void setEditHook(EditHook hook) { m_editHook = std::move(hook); }
    [[nodiscard]] const ResubmitOptions& options() const { return m_options; }

protected:
    void prepare() override;
    void step() override;

private:
    enum class Phase { Verify, Count, Scan, Restore, Done };

    void replayJournal();
    void reconcileFrom(qint64 fromSequenceNumber);
    void startVerify();
    void verifyNext();
    void countFrom(qint64 fromSequenceNumber);
    void scan();
    QFuture<Result<ServiceBusClient::Messages>> receiveBatch();
    void processBatch(const QList<ServiceBusMessage>& messages);
    void checkLeftovers(qint64 fromSequenceNumber, qint64 found);
    void holdOrDefer(const ServiceBusMessage& message);
    [[nodiscard]] bool heldLocksExpireSoon() const;
    void renewHeld();
    void releaseHeld();
    void resubmitDeferred();
    [[nodiscard]] OutgoingMessage copyOf(const ServiceBusMessage& message) const;
    [[nodiscard]] bool selected(const ServiceBusMessage& message) const;
    static bool stopsTheJob(const Error& error);
    void markCompleted(qint64 sequenceNumber, const QString& id);
    void journal(const QString& step, qint64 sequenceNumber, const QString& id = {});
    void journalSending(const QList<ServiceBusMessage>& chunk, const QStringList& ids);
    void noteFatal(const Error& error);
    void batchPartDone();

    ServiceBusClient* m_source;
    ServiceBusClient* m_target;
    ResubmitOptions m_options;
    QString m_journalPath;
    JobJournal m_journal;
    std::optional<MessageMatcher> m_matcher;
    EditHook m_editHook;
    Phase m_phase = Phase::Verify;

    QHash<qint64, QString> m_sent; // journalled as sent, not yet completed
    struct Sending {
        QString id;
        qint64 atMs = 0; // when the send started (ms since the epoch)
    };
    QHash<qint64, Sending> m_sending; // journalled as sending, outcome unknown (resume only)
    QSet<qint64> m_completed;
    QSet<qint64> m_failedSeqs; // failed for good: treated as non-selected from then on
    QList<qint64> m_toVerify;
    QList<qint64> m_deferredSelected; // selected, but deferred before the job started
    QList<ServiceBusMessage> m_held;  // non-selected, locked by the scan, returned at the end
    QDateTime m_earliestLock;         // of m_held
    std::optional<QFuture<Result<ServiceBusClient::Messages>>> m_prefetched; // the next batch
    bool m_probablyDrained = false; // as many done as counted: peek before receiving again
    int m_pending = 0;              // operations of the current batch still running
    std::optional<Error> m_fatal;
};

} // namespace busbar
