// ResubmitJob: the messages the scan holds locked (renewed, then returned), and the
// selected messages that were deferred before the job.
#include "core/jobs/ResubmitJob.h"
#include "core/servicebus/WhenFinished.h"

#include <algorithm>
#include <memory>

namespace busbar {

namespace {
constexpr int kRenewChunk = 200;
constexpr int kReleaseChunk = 200;
} // namespace

// Errors after which the job stops and waits to be resumed (on a new connection, perhaps);
// anything else is about one message and is reported against it.
bool ResubmitJob::stopsTheJob(const Error& error) {
    return error.isRetryable() || error.code == ErrorCode::OutcomeUnknown ||
           error.code == ErrorCode::Connection || error.code == ErrorCode::Cancelled ||
           error.code == ErrorCode::Authentication || error.code == ErrorCode::Authorization ||
           error.code == ErrorCode::EntityNotFound;
}

void ResubmitJob::holdOrDefer(const ServiceBusMessage& message) {
    if (!m_options.leaveUnselectedDeferred) {
        // Kept locked (renewed as needed) so the scan moves past it, returned at the end.
        m_held.append(message);
        if (message.lockedUntil &&
            (!m_earliestLock.isValid() || *message.lockedUntil < m_earliestLock)) {
            m_earliestLock = *message.lockedUntil;
        }
        return;
    }
    ++m_pending;
    whenFinished(m_source->defer(m_options.sourceEntity, m_options.sourceSubQueue, message), this,
                 [this](const VoidResult& done) {
                     if (!done && done.error().code != ErrorCode::LockLost) {
                         noteFatal(done.error());
                     }
                     batchPartDone();
                 });
}

bool ResubmitJob::heldLocksExpireSoon() const {
    if (m_held.isEmpty() || !m_earliestLock.isValid()) {
        return false;
    }
    const qint64 marginMs = std::max<qint64>(2000, 2 * m_options.receiveWait.count());
    return QDateTime::currentDateTimeUtc().addMSecs(marginMs) >= m_earliestLock;
}

// Renews every held lock; a lock that cannot be renewed is let go (the message becomes
// available again and the scan will hold it once more).
void ResubmitJob::renewHeld() {
    m_pending = 1;
    m_fatal.reset();
    m_earliestLock = {};
    const auto held = std::make_shared<QList<ServiceBusMessage>>(std::move(m_held));
    m_held.clear();
    for (qsizetype i = 0; i < held->size(); i += kRenewChunk) {
        const qsizetype from = i;
        const qsizetype count = std::min<qsizetype>(kRenewChunk, held->size() - i);
        QList<QUuid> tokens;
        for (qsizetype k = from; k < from + count; ++k) {
            tokens.append(held->at(k).lockToken);
        }
        ++m_pending;
        whenFinished(m_source->renewLock(m_options.sourceEntity, m_options.sourceSubQueue, tokens),
                     this, [this, held, from, count](const Result<QList<QDateTime>>& renewed) {
                         if (renewed && renewed->size() == count) {
                             for (qsizetype k = 0; k < count; ++k) {
                                 ServiceBusMessage message = held->at(from + k);
                                 message.lockedUntil = renewed->at(k);
                                 holdOrDefer(message);
                             }
                         } else if (!renewed && stopsTheJob(renewed.error()) &&
                                    renewed.error().code != ErrorCode::LockLost) {
                             noteFatal(renewed.error());
                         }
                         batchPartDone();
                     });
    }
    batchPartDone();
}

// Selected messages that were deferred before the job: locked by sequence number, then
// handled like any other (send, accepted, complete through update-disposition).
void ResubmitJob::resubmitDeferred() {
    const QList<qint64> chunk = m_deferredSelected.mid(0, m_options.batchSize);
    m_deferredSelected.remove(0, chunk.size());
    whenFinished(m_source->receiveDeferred(m_options.sourceEntity, m_options.sourceSubQueue, chunk,
                                           ReceiveMode::PeekLock),
                 this, [this, chunk](const Result<ServiceBusClient::Messages>& got) {
                     if (!got && got.error().code == ErrorCode::MessageNotFound) {
                         // One of them went meanwhile: take the others one at a time.
                         if (chunk.size() > 1) {
                             m_deferredSelected = chunk + m_deferredSelected;
                             m_options.batchSize = 1;
                         }
                         stepFinished();
                     } else if (!got) {
                         failJob(got.error());
                     } else if (got->isEmpty()) {
                         stepFinished();
                     } else {
                         processBatch(*got);
                     }
                 });
}

// Returns the held messages to the queue, a chunk per step.
void ResubmitJob::releaseHeld() {
    if (m_held.isEmpty()) {
        m_phase = Phase::Done;
        completeJob();
        return;
    }
    const QList<ServiceBusMessage> chunk = m_held.mid(0, kReleaseChunk);
    m_held.remove(0, chunk.size());
    m_pending = 1;
    m_fatal.reset();
    for (const ServiceBusMessage& message : chunk) {
        ++m_pending;
        whenFinished(m_source->abandon(m_options.sourceEntity, m_options.sourceSubQueue, message),
                     this, [this](const VoidResult& done) {
                         // A lost lock already returned the message: the same end result.
                         if (!done && done.error().code != ErrorCode::LockLost) {
                             noteFatal(done.error());
                         }
                         batchPartDone();
                     });
    }
    batchPartDone();
}

} // namespace busbar
