// ResubmitJob: resuming from the journal. The journal is replayed; sends whose outcome was
// never known (journalled "sending", never "sent") are looked for at the target, so they are
// not sent a second time; messages sent but not completed are looked for at the source and
// completed without being sent again.
#include "core/jobs/ResubmitJob.h"
#include "core/servicebus/WhenFinished.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

namespace busbar {

namespace {
constexpr int kTargetPeekPage = 250;
// A copy counts as ours only if the target enqueued it at most this long before the send
// started: room for the clock of a remote namespace, yet an older message with the same id
// (one the producer sent itself) is not mistaken for it. Missing a copy through a larger skew
// costs a duplicate; mistaking a stranger for it would lose the dead letter.
constexpr qint64 kClockSkewMs = 60'000;
} // namespace

Result<ResubmitOptions> ResubmitJob::optionsFromJournal(const QString& journalPath) {
    JobJournal journal;
    if (auto opened = journal.open(journalPath); !opened) {
        return fail(opened.error());
    }
    const QJsonObject definition = journal.definition();
    if (definition.value(QLatin1String("kind")).toString() != QLatin1String("resubmit")) {
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("%1 is not the journal of a resubmit job.").arg(journalPath));
    }
    return ResubmitOptions::fromJson(definition);
}

void ResubmitJob::replayJournal() {
    for (const QJsonObject& entry : m_journal.entries()) {
        const QString step = entry.value(QLatin1String("step")).toString();
        const qint64 seq = entry.value(QLatin1String("seq")).toInteger(-1);
        if (step == QLatin1String("sending")) { // one line per send call
            const QJsonArray seqs = entry.value(QLatin1String("seqs")).toArray();
            const QJsonArray ids = entry.value(QLatin1String("ids")).toArray();
            const qint64 at = entry.value(QLatin1String("at")).toInteger();
            for (qsizetype k = 0; k < std::min(seqs.size(), ids.size()); ++k) {
                m_sending.insert(seqs[k].toInteger(), Sending{ids[k].toString(), at});
            }
        } else if (step == QLatin1String("sent")) {
            m_sending.remove(seq);
            m_sent.insert(seq, entry.value(QLatin1String("id")).toString());
        } else if (step == QLatin1String("completed")) {
            m_sending.remove(seq);
            m_sent.remove(seq);
            m_completed.insert(seq);
        } else if (step == QLatin1String("failed")) {
            m_sending.remove(seq);
            m_failedSeqs.insert(seq);
        }
    }
}

void ResubmitJob::startVerify() {
    m_toVerify = m_sent.keys();
    std::sort(m_toVerify.begin(), m_toVerify.end());
    verifyNext();
}

// Finds out what became of each message the journal left half done: one peek each.
void ResubmitJob::verifyNext() {
    if (m_toVerify.isEmpty()) {
        m_phase = Phase::Count;
        countFrom(0);
        return;
    }
    const qint64 seq = m_toVerify.takeFirst();
    whenFinished(
        m_source->peek(m_options.sourceEntity, m_options.sourceSubQueue, seq, 1), this,
        [this, seq](const Result<ServiceBusClient::Messages>& peeked) {
            if (!peeked) {
                failJob(peeked.error());
                return;
            }
            const bool present = !peeked->isEmpty() && peeked->first().sequenceNumber == seq;
            const bool deferredNow = present && peeked->first().state == MessageState::Deferred;
            const QString id = m_sent.value(seq);
            if (!present) { // sent, and the completion went through before the line was written
                markCompleted(seq, id);
                verifyNext();
                return;
            }
            if (!deferredNow) { // active again: the scan completes it when it locks it
                verifyNext();
                return;
            }
            whenFinished(
                m_source->receiveDeferred(m_options.sourceEntity, m_options.sourceSubQueue, {seq},
                                          ReceiveMode::PeekLock),
                this, [this, seq, id](const Result<ServiceBusClient::Messages>& got) {
                    if (!got || got->isEmpty()) {
                        failJob(got ? Error::make(ErrorCode::MessageNotFound,
                                                  QStringLiteral("Message %1 vanished.").arg(seq))
                                    : got.error());
                        return;
                    }
                    whenFinished(m_source->complete(m_options.sourceEntity,
                                                    m_options.sourceSubQueue, got->first()),
                                 this, [this, seq, id](const VoidResult& done) {
                                     if (!done) {
                                         failJob(done.error());
                                         return;
                                     }
                                     markCompleted(seq, id);
                                     verifyNext();
                                 });
                });
        });
}

// One line per send call (not per message: a flushed line each would cost more than the
// send): {"step":"sending","at":ms,"seqs":[...],"ids":[...]}.
void ResubmitJob::journalSending(const QList<ServiceBusMessage>& chunk, const QStringList& ids) {
    QJsonArray seqs;
    for (const ServiceBusMessage& message : chunk) {
        seqs.append(message.sequenceNumber);
    }
    const QJsonObject line{{QStringLiteral("step"), QStringLiteral("sending")},
                           {QStringLiteral("at"), QDateTime::currentMSecsSinceEpoch()},
                           {QStringLiteral("seqs"), seqs},
                           {QStringLiteral("ids"), QJsonArray::fromStringList(ids)}};
    if (auto written = m_journal.append(line); !written) {
        noteFatal(written.error());
    }
}

// Pages through the target once, from the start (its sequence numbers say nothing about when
// we sent), and takes every uncertain copy found there as sent; the rest is sent again by the
// scan. Rare (only after an interruption), so its cost, one peek of the target, is acceptable.
void ResubmitJob::reconcileFrom(qint64 fromSequenceNumber) {
    whenFinished(
        m_target->peek(m_options.target(), SubQueue::None, fromSequenceNumber, kTargetPeekPage),
        this, [this](const Result<ServiceBusClient::Messages>& peeked) {
            if (!peeked) {
                if (peeked.error().isRetryable()) {
                    failJob(peeked.error()); // resume later: the journal still says "sending"
                    return;
                }
                // A topic, or no Listen right at the target: it cannot be looked at. Sent again;
                // duplicate detection at the target is then the only guard.
                m_sending.clear();
                startVerify();
                return;
            }
            QHash<QString, qint64> byId;
            for (auto it = m_sending.cbegin(); it != m_sending.cend(); ++it) {
                byId.insert(it->id, it.key());
            }
            for (const ServiceBusMessage& m : *peeked) {
                const auto found = byId.constFind(m.messageId());
                if (found == byId.cend()) {
                    continue;
                }
                const qint64 seq = *found;
                const Sending sending = m_sending.value(seq);
                if (!m.enqueuedTime ||
                    m.enqueuedTime->toMSecsSinceEpoch() < sending.atMs - kClockSkewMs) {
                    continue; // there before we sent: not our copy
                }
                m_sending.remove(seq);
                byId.remove(m.messageId());
                m_sent.insert(seq, sending.id);
                journal(QStringLiteral("sent"), seq, sending.id);
            }
            if (peeked->isEmpty() || m_sending.isEmpty()) {
                m_sending.clear();
                startVerify();
                return;
            }
            reconcileFrom(peeked->last().sequenceNumber + 1);
        });
}

} // namespace busbar
