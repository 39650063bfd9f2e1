#include "ui/messages/PeekPager.h"

#include "core/servicebus/ServiceBusClient.h"
#include "core/servicebus/WhenFinished.h"
#include "ui/messages/MessageListModel.h"

#include <utility>

namespace busbar {

PeekPager::PeekPager(ServiceBusClient* client, QString entityPath, SubQueue subQueue,
                     MessageListModel* model, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_entityPath(std::move(entityPath))
    , m_subQueue(subQueue)
    , m_model(model) {
    if (m_model) {
        connect(m_model, &MessageListModel::fetchMoreRequested, this, &PeekPager::fetchNextPage);
    }
}

void PeekPager::setLoading(bool loading) {
    if (m_loading == loading) {
        return;
    }
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}

void PeekPager::start(qint64 fromSequenceNumber) {
    ++m_generation;
    if (std::exchange(m_loadingAll, false)) {
        Q_EMIT loadAllFinished(true); // a restart ends a running load-all
    }
    m_jump.reset();
    setLoading(false);
    m_nextSequence = qMax<qint64>(0, fromSequenceNumber);
    m_loaded = 0;
    m_atEnd = false;
    if (m_model) {
        m_model->clear();
        m_model->setMoreAvailable(true);
    }
    fetchNextPage();
}

void PeekPager::fetchNextPage() {
    if (m_loading || m_atEnd) {
        return;
    }
    requestPage(m_pageSize);
}

void PeekPager::loadAll() {
    if (m_atEnd) {
        Q_EMIT loadAllFinished(false);
        return;
    }
    m_loadingAll = true;
    Q_EMIT loadAllProgress(m_loaded);
    if (m_loadingAll && !m_loading) {
        requestPage(m_loadAllPageSize);
    }
}

void PeekPager::cancel() {
    const bool wasLoadingAll = m_loadingAll;
    const bool wasJumping = m_jump.has_value();
    ++m_generation;
    m_jump.reset();
    m_loadingAll = false;
    setLoading(false);
    if (wasLoadingAll) {
        Q_EMIT loadAllFinished(true);
    }
    if (wasJumping) {
        Q_EMIT jumpResolved(-1);
    }
}

void PeekPager::requestPage(int maxCount) {
    setLoading(true);
    const quint64 generation = m_generation;
    whenFinished(m_client->peek(m_entityPath, m_subQueue, m_nextSequence, maxCount), this,
                 [this, generation](Result<QList<ServiceBusMessage>> page) {
                     onPage(generation, std::move(page));
                 });
}

void PeekPager::onPage(quint64 generation, Result<QList<ServiceBusMessage>> page) {
    if (generation != m_generation) {
        return; // asked before a restart or cancel
    }
    setLoading(false);
    if (!page) {
        if (m_loadingAll) {
            finishLoadAll(true);
        }
        Q_EMIT errorOccurred(page.error().message);
        return;
    }
    if (page->isEmpty()) {
        m_atEnd = true;
        if (m_model) {
            m_model->setMoreAvailable(false);
        }
        Q_EMIT pageLoaded(0);
        Q_EMIT atEndReached();
        if (m_loadingAll) {
            finishLoadAll(false);
        }
        return;
    }
    m_nextSequence = page->last().sequenceNumber + 1;
    m_loaded += page->size();
    if (m_model) {
        m_model->appendMessages(*page);
    }
    Q_EMIT pageLoaded(int(page->size()));
    if (m_loadingAll) {
        Q_EMIT loadAllProgress(m_loaded);
        // A slot of loadAllProgress may have cancelled or restarted.
        if (m_loadingAll && generation == m_generation && !m_loading) {
            requestPage(m_loadAllPageSize);
        }
    }
}

void PeekPager::finishLoadAll(bool cancelled) {
    m_loadingAll = false;
    Q_EMIT loadAllFinished(cancelled);
}

void PeekPager::fetchMessage(qint64 sequenceNumber, QObject* context, MessageCallback callback) {
    whenFinished(
        m_client->peek(m_entityPath, m_subQueue, sequenceNumber, 1), context,
        [sequenceNumber, callback = std::move(callback)](Result<QList<ServiceBusMessage>> page) {
            if (!page) {
                callback(fail(page.error()));
                return;
            }
            if (page->isEmpty() || page->first().sequenceNumber != sequenceNumber) {
                callback(fail(ErrorCode::MessageNotFound,
                              tr("Message %1 is no longer in the queue.").arg(sequenceNumber)));
                return;
            }
            callback(page->first());
        });
}

// --- jumpToTime ------------------------------------------------------------------------

void PeekPager::jumpToTime(const QDateTime& time) {
    cancel();
    Jump jump;
    jump.targetMs = time.toMSecsSinceEpoch();
    jump.step = m_pageSize;
    m_jump = jump;
    setLoading(true);
    probe(0, [this](std::optional<ServiceBusMessage> first) {
        if (!first) {
            finishJump(std::nullopt);
            return;
        }
        const qint64 enqueued = first->enqueuedTime ? first->enqueuedTime->toMSecsSinceEpoch() : 0;
        if (enqueued >= m_jump->targetMs) {
            finishJump(first->sequenceNumber);
            return;
        }
        m_jump->low = first->sequenceNumber;
        jumpStep();
    });
}

void PeekPager::probe(qint64 fromSequenceNumber, ProbeCallback callback) {
    const quint64 generation = m_generation;
    whenFinished(
        m_client->peek(m_entityPath, m_subQueue, fromSequenceNumber, 1), this,
        [this, generation, callback = std::move(callback)](Result<QList<ServiceBusMessage>> page) {
            if (generation != m_generation || !m_jump) {
                return;
            }
            if (!page) {
                m_jump.reset();
                setLoading(false);
                Q_EMIT errorOccurred(page.error().message);
                Q_EMIT jumpResolved(-1);
                return;
            }
            callback(page->isEmpty() ? std::nullopt
                                     : std::optional<ServiceBusMessage>(page->first()));
        });
}

// Sequence numbers grow with enqueue time, so the first message at or after the target is
// found by doubling the stride until a probe lands past it, then halving the gap.
void PeekPager::jumpStep() {
    Jump& jump = *m_jump;
    if (jump.high >= 0 && jump.low + 1 >= jump.high) {
        finishJump(jump.candidate);
        return;
    }
    const bool galloping = jump.high < 0;
    const qint64 at = galloping ? jump.low + jump.step : jump.low + (jump.high - jump.low) / 2;
    probe(at, [this, at, galloping](std::optional<ServiceBusMessage> found) {
        Jump& j = *m_jump;
        if (!found) {
            j.high = at; // nothing at or after `at`
        } else {
            const qint64 enqueued =
                found->enqueuedTime ? found->enqueuedTime->toMSecsSinceEpoch() : 0;
            if (enqueued >= j.targetMs) {
                j.candidate = found->sequenceNumber;
                j.high = at;
            } else {
                j.low = found->sequenceNumber;
                if (galloping) {
                    j.step *= 2;
                }
            }
        }
        jumpStep();
    });
}

void PeekPager::finishJump(std::optional<qint64> found) {
    m_jump.reset();
    setLoading(false);
    Q_EMIT jumpResolved(found.value_or(-1));
    if (found) {
        start(*found);
    }
}

} // namespace busbar
