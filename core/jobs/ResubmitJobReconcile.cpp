// ResubmitJob: sends whose outcome was never known (journalled "sending", never "sent"),
// looked for at the target when a job resumes, so they are not sent a second time.
#include "core/jobs/ResubmitJob.h"
#include "core/servicebus/WhenFinished.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>

namespace busbar {

namespace {
constexpr int kTargetPeekPage = 250;
// A copy counts as ours only if the target enqueued it at most this long before the send
// started: room for the clock of a remote namespace, yet an older message with the same id
// (one the producer sent itself) is not mistaken for it. Missing a copy through a larger skew
// costs a duplicate; mistaking a stranger for it would lose the dead letter.
constexpr qint64 kClockSkewMs = 60'000;
} // namespace

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
