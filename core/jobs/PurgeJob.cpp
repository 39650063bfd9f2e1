#include "core/jobs/PurgeJob.h"

#include "core/servicebus/WhenFinished.h"

#include <memory>
#include <optional>

namespace busbar {

namespace {
constexpr int kPeekPage = 250;
constexpr int kDeferredChunk = 100;
constexpr int kParallelBatchDeletes = 4;
} // namespace

PurgeJob::PurgeJob(ServiceBusClient* client, PurgeOptions options, QObject* parent)
    : Job(parent)
    , m_client(client)
    , m_options(std::move(options)) {
    if (m_options.active) {
        m_subQueues.append(SubQueue::None);
    }
    if (m_options.deadLetter) {
        m_subQueues.append(SubQueue::DeadLetter);
    }
}

QDateTime PurgeJob::cutoff() const {
    // Without a bound: everything enqueued until now, with room for clock skew.
    return m_options.enqueuedBefore ? m_options.enqueuedBefore->toUTC()
                                    : QDateTime::currentDateTimeUtc().addDays(1);
}

void PurgeJob::step() {
    if (m_subQueues.isEmpty()) {
        setTotal(progress().done);
        completeJob();
        return;
    }
    switch (m_phase) {
    case Phase::BatchDelete:
        batchDelete();
        return;
    case Phase::Receive:
        if (m_options.enqueuedBefore) {
            receiveOlder();
        } else {
            receiveAndDelete();
        }
        return;
    case Phase::Deferred:
        purgeDeferred();
        return;
    }
}

void PurgeJob::nextSubQueue() {
    m_subQueues.removeFirst();
    m_phase = m_fallback ? Phase::Receive : Phase::BatchDelete;
}

void PurgeJob::recordMessages(const QList<ServiceBusMessage>& messages) {
    for (const ServiceBusMessage& m : messages) {
        record(m.sequenceNumber, m.messageId(), JobOutcome::Deleted);
    }
}

// Once batch delete has worked, several calls at once: each deletes up to its count of the
// oldest, so they never overlap, and a call's round trip no longer paces the purge. The first
// call goes alone, so a service without batch delete answers NotSupported once.
void PurgeJob::batchDelete() {
    const int calls = report().deletedWithoutDetail > 0 ? kParallelBatchDeletes : 1;
    auto pending = std::make_shared<int>(calls);
    auto deletedSum = std::make_shared<qint64>(0);
    auto failure = std::make_shared<std::optional<Error>>();
    auto unknown = std::make_shared<std::optional<Error>>();
    auto unknownCalls = std::make_shared<int>(0);
    for (int i = 0; i < calls; ++i) {
        whenFinished(m_client->batchDelete(m_options.entity, m_subQueues.first(),
                                           m_options.batchDeleteCount, cutoff()),
                     this,
                     [this, pending, deletedSum, failure, unknown,
                      unknownCalls](const Result<int>& deleted) {
                         if (!deleted && deleted.error().code == ErrorCode::OutcomeUnknown) {
                             ++*unknownCalls;
                             if (!*unknown) {
                                 *unknown = deleted.error();
                             }
                         } else if (!deleted) {
                             if (!*failure) {
                                 *failure = deleted.error();
                             }
                         } else {
                             *deletedSum += *deleted;
                         }
                         if (--*pending > 0) {
                             return;
                         }
                         if (*deletedSum > 0) {
                             recordDeleted(*deletedSum);
                         }
                         if (*unknown) {
                             failJob(outcomeUnknown(**unknown, *unknownCalls));
                             return;
                         }
                         if (*failure) {
                             if ((*failure)->code != ErrorCode::NotSupported) {
                                 failJob(**failure);
                                 return;
                             }
                             m_fallback = true;
                             m_phase = Phase::Receive;
                         } else if (*deletedSum == 0) {
                             m_phase = Phase::Deferred;
                         }
                         stepFinished();
                     });
    }
}

// A batch delete that went out and got no answer may have deleted its messages or not; the
// service says how many only in the answer. The job stops and says so (its count holds only
// what the broker confirmed) instead of retrying, which would delete another batch on top, or
// calling them not deleted. Starting the purge again deletes what is left either way.
Error PurgeJob::outcomeUnknown(const Error& cause, int calls) const {
    Error error = cause;
    error.code = ErrorCode::OutcomeUnknown;
    error.message = QStringLiteral("The outcome of %1 batch delete(s) of up to %2 messages each "
                                   "is unknown (sent, no answer): up to %3 more messages may or "
                                   "may not have been deleted, and are not counted. Start the "
                                   "purge again to delete what is left. (%4)")
                        .arg(calls)
                        .arg(m_options.batchDeleteCount)
                        .arg(qint64(calls) * m_options.batchDeleteCount)
                        .arg(cause.message);
    return error;
}

// Several receivers at once; the queue is empty when every one of them came back empty.
void PurgeJob::receiveAndDelete() {
    const int receivers = std::max(1, m_options.receivers);
    auto pending = std::make_shared<int>(receivers);
    auto anything = std::make_shared<bool>(false);
    auto failure = std::make_shared<std::optional<Error>>();
    for (int i = 0; i < receivers; ++i) {
        whenFinished(
            m_client->receive(m_options.entity, m_subQueues.first(), ReceiveMode::ReceiveAndDelete,
                              m_options.receiveCount, m_options.receiveWait),
            this,
            [this, pending, anything, failure](const Result<ServiceBusClient::Messages>& got) {
                if (!got) {
                    *failure = got.error();
                } else if (!got->isEmpty()) {
                    *anything = true;
                    recordMessages(*got);
                }
                if (--*pending > 0) {
                    return;
                }
                if (*failure) {
                    failJob(**failure);
                    return;
                }
                if (!*anything) {
                    m_phase = Phase::Deferred;
                }
                stepFinished();
            });
    }
}

// With a time bound, receive-and-delete would take newer messages too: lock instead, delete
// what is older, and stop at the first newer one (the queue hands them out in order).
void PurgeJob::receiveOlder() {
    whenFinished(m_client->receive(m_options.entity, m_subQueues.first(), ReceiveMode::PeekLock,
                                   m_options.receiveCount, m_options.receiveWait),
                 this, [this](const Result<ServiceBusClient::Messages>& got) {
                     if (!got) {
                         failJob(got.error());
                         return;
                     }
                     if (got->isEmpty()) {
                         m_phase = Phase::Deferred;
                         stepFinished();
                         return;
                     }
                     auto pending = std::make_shared<int>(int(got->size()));
                     auto failure = std::make_shared<std::optional<Error>>();
                     auto sawNewer = std::make_shared<bool>(false);
                     const QDateTime bound = cutoff();
                     const SubQueue subQueue = m_subQueues.first();
                     for (const ServiceBusMessage& m : *got) {
                         const bool older = m.enqueuedTime && *m.enqueuedTime < bound;
                         *sawNewer = *sawNewer || !older;
                         auto settled = older ? m_client->complete(m_options.entity, subQueue, m)
                                              : m_client->abandon(m_options.entity, subQueue, m);
                         whenFinished(
                             settled, this,
                             [this, m, older, pending, failure, sawNewer](const VoidResult& r) {
                                 if (r && older) {
                                     record(m.sequenceNumber, m.messageId(), JobOutcome::Deleted);
                                 } else if (!r && r.error().code != ErrorCode::LockLost) {
                                     *failure = r.error();
                                 }
                                 if (--*pending > 0) {
                                     return;
                                 }
                                 if (*failure) {
                                     failJob(**failure);
                                     return;
                                 }
                                 if (*sawNewer) {
                                     m_phase = Phase::Deferred;
                                 }
                                 stepFinished();
                             });
                     }
                 });
}

// Deferred messages are reachable only by sequence number: peek for them, then take them
// by number in receive-and-delete mode, a chunk per step.
void PurgeJob::purgeDeferred() {
    m_deferredFound.clear();
    findDeferred(0);
}

void PurgeJob::findDeferred(qint64 fromSequenceNumber) {
    const SubQueue subQueue = m_subQueues.first();
    whenFinished(m_client->peek(m_options.entity, subQueue, fromSequenceNumber, kPeekPage), this,
                 [this, subQueue](const Result<ServiceBusClient::Messages>& peeked) {
                     if (!peeked) {
                         failJob(peeked.error());
                         return;
                     }
                     const QDateTime bound = cutoff();
                     for (const ServiceBusMessage& m : *peeked) {
                         if (m.state == MessageState::Deferred && m.enqueuedTime &&
                             *m.enqueuedTime < bound) {
                             m_deferredFound.append(m.sequenceNumber);
                         }
                     }
                     if (!peeked->isEmpty() && m_deferredFound.size() < kDeferredChunk) {
                         findDeferred(peeked->last().sequenceNumber + 1);
                         return;
                     }
                     if (m_deferredFound.isEmpty()) {
                         nextSubQueue();
                         stepFinished();
                         return;
                     }
                     whenFinished(m_client->receiveDeferred(m_options.entity, subQueue,
                                                            m_deferredFound.mid(0, kDeferredChunk),
                                                            ReceiveMode::ReceiveAndDelete),
                                  this, [this](const Result<ServiceBusClient::Messages>& got) {
                                      if (!got) {
                                          failJob(got.error());
                                          return;
                                      }
                                      recordMessages(*got);
                                      stepFinished(); // peek again for the rest
                                  });
                 });
}

} // namespace busbar
