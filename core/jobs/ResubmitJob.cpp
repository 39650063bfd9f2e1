#include "core/jobs/ResubmitJob.h"

#include "core/servicebus/WhenFinished.h"

#include <QUuid>

#include <algorithm>
#include <utility>

namespace busbar {

namespace {

constexpr int kPeekPage = 250;

void removeApplicationProperty(AmqpMap& map, const QString& key) {
    map.entries.removeIf(
        [&key](const QPair<QVariant, QVariant>& entry) { return entry.first.toString() == key; });
}

} // namespace

ResubmitJob::ResubmitJob(ServiceBusClient* source, ServiceBusClient* target,
                         ResubmitOptions options, QString journalPath, QObject* parent)
    : Job(parent)
    , m_source(source)
    , m_target(target)
    , m_options(std::move(options))
    , m_journalPath(std::move(journalPath)) {}

void ResubmitJob::prepare() {
    if (auto opened = m_journal.open(m_journalPath); !opened) {
        failJob(opened.error());
        return;
    }
    const QJsonObject definition = m_journal.definition();
    if (definition.isEmpty()) {
        if (auto written = m_journal.writeDefinition(m_options.toJson()); !written) {
            failJob(written.error());
            return;
        }
    } else {
        m_options = ResubmitOptions::fromJson(definition);
    }
    Result<MessageMatcher> matcher = MessageMatcher::create(m_options.selection);
    if (!matcher) {
        failJob(matcher.error());
        return;
    }
    m_matcher = std::move(*matcher);
    replayJournal();
    m_phase = Phase::Verify;
    if (m_sending.isEmpty()) {
        startVerify();
    } else {
        reconcileFrom(0);
    }
}

// Counts what is left to do, for the progress total.
void ResubmitJob::countFrom(qint64 fromSequenceNumber) {
    whenFinished(m_source->peek(m_options.sourceEntity, m_options.sourceSubQueue,
                                fromSequenceNumber, kPeekPage),
                 this, [this](const Result<ServiceBusClient::Messages>& peeked) {
                     if (!peeked) {
                         failJob(peeked.error());
                         return;
                     }
                     if (peeked->isEmpty()) {
                         m_phase = Phase::Scan;
                         stepFinished();
                         return;
                     }
                     qint64 found = 0;
                     for (const ServiceBusMessage& m : *peeked) {
                         if (m.state == MessageState::Active && selected(m)) {
                             ++found;
                         } else if (m.state == MessageState::Deferred && selected(m)) {
                             // Out of the scan's reach: fetched by number at the end.
                             m_deferredSelected.append(m.sequenceNumber);
                             ++found;
                         }
                     }
                     addTotal(found);
                     countFrom(peeked->last().sequenceNumber + 1);
                 });
}

void ResubmitJob::step() {
    switch (m_phase) {
    case Phase::Verify:
    case Phase::Count:
    case Phase::Scan:
        scan();
        return;
    case Phase::Restore:
        if (!m_deferredSelected.isEmpty()) {
            resubmitDeferred();
        } else {
            releaseHeld();
        }
        return;
    case Phase::Done:
        break;
    }
    completeJob();
}

bool ResubmitJob::selected(const ServiceBusMessage& message) const {
    if (m_failedSeqs.contains(message.sequenceNumber) ||
        m_completed.contains(message.sequenceNumber)) {
        return false;
    }
    return m_sent.contains(message.sequenceNumber) || m_matcher->matches(message);
}

void ResubmitJob::scan() {
    if (m_matcher->isExplicit()) {
        const bool allDone = std::all_of(
            m_matcher->sequenceNumbers().cbegin(), m_matcher->sequenceNumbers().cend(),
            [this](qint64 seq) { return m_completed.contains(seq) || m_failedSeqs.contains(seq); });
        if (allDone) {
            m_phase = Phase::Restore;
            stepFinished();
            return;
        }
    }
    if (heldLocksExpireSoon()) {
        renewHeld(); // a step of its own; the scan goes on with the next one
        return;
    }
    if (m_probablyDrained && !m_prefetched) {
        // A receive would wait receiveWait for nothing: a peek tells at once (and sends the
        // scan back to receiving when selected messages are left after all).
        checkLeftovers(0, 0);
        return;
    }
    QFuture<Result<ServiceBusClient::Messages>> batch =
        m_prefetched ? *std::exchange(m_prefetched, std::nullopt) : receiveBatch();
    whenFinished(batch, this, [this](const Result<ServiceBusClient::Messages>& got) {
        if (!got) {
            failJob(got.error());
            return;
        }
        if (got->isEmpty()) {
            checkLeftovers(0, 0);
            return;
        }
        // As many done as the count found: the queue is probably empty now. (Not a short batch:
        // the service answers with fewer than asked while more are there.)
        const JobProgress p = progress();
        m_probablyDrained = p.total >= 0 && p.done + p.failed + got->size() >= p.total;
        // The next batch is locked while this one is sent and completed, so the receive's
        // round trip hides behind them. Not for an explicit selection: its end is known by
        // number, and a batch locked past it would stay locked instead of being returned.
        // (A job cancelled or failed with a batch prefetched leaves those locks to run out.)
        if (!m_matcher->isExplicit() && !m_probablyDrained) {
            m_prefetched = receiveBatch();
        }
        processBatch(*got);
    });
}

QFuture<Result<ServiceBusClient::Messages>> ResubmitJob::receiveBatch() {
    return m_source->receive(m_options.sourceEntity, m_options.sourceSubQueue,
                             ReceiveMode::PeekLock, m_options.batchSize, m_options.receiveWait);
}

// Nothing came: done, unless selected messages are still there but locked (by a job that
// was interrupted, say): then scan again until their locks run out.
void ResubmitJob::checkLeftovers(qint64 fromSequenceNumber, qint64 found) {
    whenFinished(m_source->peek(m_options.sourceEntity, m_options.sourceSubQueue,
                                fromSequenceNumber, kPeekPage),
                 this, [this, found](const Result<ServiceBusClient::Messages>& peeked) {
                     if (!peeked) {
                         failJob(peeked.error());
                         return;
                     }
                     qint64 left = found;
                     for (const ServiceBusMessage& m : *peeked) {
                         if (m.state == MessageState::Active && selected(m)) {
                             ++left;
                         }
                     }
                     if (left > 0) {
                         m_probablyDrained = false;
                         stepFinished(); // scan again
                     } else if (peeked->isEmpty()) {
                         m_phase = Phase::Restore;
                         stepFinished();
                     } else {
                         checkLeftovers(peeked->last().sequenceNumber + 1, left);
                     }
                 });
}

OutgoingMessage ResubmitJob::copyOf(const ServiceBusMessage& message) const {
    OutgoingMessage copy = OutgoingMessage::fromAmqp(message.amqp);
    if (m_options.stripDeadLetterProperties) {
        removeApplicationProperty(copy.raw->applicationProperties,
                                  QStringLiteral("DeadLetterReason"));
        removeApplicationProperty(copy.raw->applicationProperties,
                                  QStringLiteral("DeadLetterErrorDescription"));
        copy.raw->hasApplicationProperties = !copy.raw->applicationProperties.entries.isEmpty();
    }
    if (m_options.regenerateMessageIds) {
        copy.messageId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        copy.raw->properties.messageId = copy.messageId;
        copy.raw->properties.present = true;
    }
    if (m_editHook) {
        m_editHook(copy);
    }
    return copy;
}

void ResubmitJob::processBatch(const QList<ServiceBusMessage>& messages) {
    m_pending = 1; // held until every operation of the batch is issued
    m_fatal.reset();
    const QString& entity = m_options.sourceEntity;
    const SubQueue subQueue = m_options.sourceSubQueue;

    const auto completeSource = [this, entity, subQueue](const ServiceBusMessage& message,
                                                         const QString& sentId) {
        ++m_pending;
        const qint64 seq = message.sequenceNumber;
        whenFinished(m_source->complete(entity, subQueue, message), this,
                     [this, seq, sentId](const VoidResult& done) {
                         if (done) {
                             markCompleted(seq, sentId);
                         } else if (done.error().code != ErrorCode::LockLost) {
                             // A lost lock brings it back; the scan completes it then.
                             noteFatal(done.error());
                         }
                         batchPartDone();
                     });
    };

    QList<ServiceBusMessage> toSend;
    for (const ServiceBusMessage& message : messages) {
        const qint64 seq = message.sequenceNumber;
        if (m_sent.contains(seq)) {
            completeSource(message, m_sent.value(seq)); // already at the target: no resend
        } else if (selected(message)) {
            toSend.append(message);
        } else {
            holdOrDefer(message);
        }
    }

    for (qsizetype i = 0; i < toSend.size(); i += m_options.sendChunk) {
        const QList<ServiceBusMessage> chunk = toSend.mid(i, m_options.sendChunk);
        QList<OutgoingMessage> copies;
        QStringList ids;
        for (const ServiceBusMessage& message : chunk) {
            copies.append(copyOf(message));
            const OutgoingMessage& copy = copies.last();
            // What toAmqp() will send, without building the whole message for it.
            ids.append(copy.raw ? amqpIdToText(copy.raw->properties.messageId) : copy.messageId);
        }
        journalSending(chunk, ids);
        ++m_pending;
        whenFinished(m_target->send(m_options.target(), copies), this,
                     [this, chunk, ids, completeSource, entity, subQueue](const VoidResult& sent) {
                         if (sent) {
                             for (qsizetype k = 0; k < chunk.size(); ++k) {
                                 const qint64 seq = chunk[k].sequenceNumber;
                                 const QString& id = ids[k];
                                 m_sent.insert(seq, id);
                                 journal(QStringLiteral("sent"), seq, id);
                                 completeSource(chunk[k], id);
                             }
                         } else if (stopsTheJob(sent.error())) {
                             noteFatal(sent.error()); // locks run out; a resumed job retries
                         } else {
                             for (const ServiceBusMessage& message : chunk) {
                                 m_failedSeqs.insert(message.sequenceNumber);
                                 journal(QStringLiteral("failed"), message.sequenceNumber);
                                 record(message.sequenceNumber, message.messageId(),
                                        JobOutcome::Failed, sent.error().toString());
                                 ++m_pending;
                                 whenFinished(m_source->abandon(entity, subQueue, message), this,
                                              [this](const VoidResult&) { batchPartDone(); });
                             }
                         }
                         batchPartDone();
                     });
    }
    batchPartDone();
}

void ResubmitJob::noteFatal(const Error& error) {
    if (!m_fatal) {
        m_fatal = error;
    }
}

void ResubmitJob::batchPartDone() {
    if (--m_pending > 0) {
        return;
    }
    if (m_fatal) {
        failJob(*m_fatal);
    } else {
        stepFinished();
    }
}

// The source's copy is gone and the target has it: the message moved.
void ResubmitJob::markCompleted(qint64 sequenceNumber, const QString& id) {
    m_sent.remove(sequenceNumber);
    m_completed.insert(sequenceNumber);
    journal(QStringLiteral("completed"), sequenceNumber);
    record(sequenceNumber, id, JobOutcome::Moved);
}

void ResubmitJob::journal(const QString& step, qint64 sequenceNumber, const QString& id) {
    if (auto written = m_journal.writeStep(step, sequenceNumber, id); !written) {
        noteFatal(written.error());
    }
}

} // namespace busbar
