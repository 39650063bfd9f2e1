#include "emulator/seed/DemoSeeder.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <memory>
#include <utility>

namespace busbar::emulator {

namespace {

EntityAddress addressOf(const QString& path) {
    EntityAddress address;
    address.entityPath = path;
    return address;
}

// Keeps a step chain going only when the previous broker call succeeded.
template <typename T>
bool failed(const Result<T>& result, const VoidCompletion& done) {
    if (result)
        return false;
    done(fail(result.error()));
    return true;
}

} // namespace

DemoSeeder::DemoSeeder(Broker& broker, DemoSeedOptions options, QObject* parent)
    : QObject(parent)
    , m_broker(broker)
    , m_options(std::move(options))
    , m_messages(m_options.seed) {}

DemoSeeder::~DemoSeeder() = default;

void DemoSeeder::start(std::function<void(VoidResult)> done) {
    m_done = std::move(done);
    resolveEntities();
    // A durable namespace keeps the demo across restarts: seeding it again on every start
    // would pile up copies, so only a namespace whose demo queues are empty is filled.
    if (alreadyHasMessages()) {
        m_skipped = true;
        finish({});
        return;
    }
    if (!m_orders.isEmpty()) {
        m_steps << [this](VoidCompletion next) {
            seedPoisonOrder(std::move(next));
        } << [this](VoidCompletion next) {
            seedRejectedAndDeferredOrders(std::move(next));
        } << [this](VoidCompletion next) {
            seedActiveOrders(std::move(next));
        } << [this](VoidCompletion next) {
            seedScheduledOrders(std::move(next));
        };
    }
    if (!m_invoices.isEmpty())
        m_steps << [this](VoidCompletion next) {
            seedInvoices(std::move(next));
        };
    if (!m_sessions.isEmpty())
        m_steps << [this](VoidCompletion next) {
            seedSupportSessions(std::move(next));
        };
    if (!m_topic.isEmpty())
        m_steps << [this](VoidCompletion next) {
            seedEvents(std::move(next));
        };
    runNext();
}

void DemoSeeder::resolveEntities() {
    const QList<QueueDescription> queues = m_broker.queues();
    auto find = [&](const QString& wanted, bool sessions) -> QString {
        for (const QueueDescription& q : queues) {
            if (q.name.compare(wanted, Qt::CaseInsensitive) == 0 && q.requiresSession == sessions)
                return q.name;
        }
        return {};
    };
    auto firstOther = [&](bool sessions, const QStringList& taken) -> QString {
        for (const QueueDescription& q : queues) {
            if (q.requiresSession == sessions && !taken.contains(q.name))
                return q.name;
        }
        return {};
    };
    m_orders = find(m_options.ordersQueue, false);
    if (m_orders.isEmpty())
        m_orders = firstOther(false, {});
    m_invoices = find(m_options.invoicesQueue, false);
    if (m_invoices.isEmpty())
        m_invoices = firstOther(false, {m_orders});
    if (m_invoices.isEmpty())
        m_invoices = m_orders; // a one-queue namespace gets both kinds
    m_sessions = find(m_options.sessionQueue, true);
    if (m_sessions.isEmpty())
        m_sessions = firstOther(true, {});

    const QList<TopicDescription> topics = m_broker.topics();
    for (const TopicDescription& t : topics) {
        if (t.name.compare(m_options.eventsTopic, Qt::CaseInsensitive) == 0)
            m_topic = t.name;
    }
    if (m_topic.isEmpty() && !topics.isEmpty())
        m_topic = topics.first().name;
}

bool DemoSeeder::alreadyHasMessages() const {
    for (const QString& path : {m_orders, m_invoices, m_sessions}) {
        if (path.isEmpty())
            continue;
        for (SubQueue part : {SubQueue::Main, SubQueue::DeadLetter}) {
            EntityAddress address = addressOf(path);
            address.subQueue = part;
            const Result<QList<StoredMessage>> peeked = m_broker.peek(address, 0, 1, std::nullopt);
            if (peeked && !peeked->isEmpty())
                return true;
        }
    }
    return false;
}

void DemoSeeder::runNext() {
    if (m_nextStep >= m_steps.size()) {
        finish({});
        return;
    }
    const Step step = m_steps.at(m_nextStep++);
    step([this](VoidResult result) {
        if (!result) {
            finish(std::move(result));
            return;
        }
        runNext();
    });
}

void DemoSeeder::finish(VoidResult result) {
    m_steps.clear();
    if (auto done = std::exchange(m_done, {}))
        done(std::move(result));
}

// One order abandoned until the broker dead-letters it with MaxDeliveryCountExceeded, the way
// a consumer that keeps crashing on a message would.
void DemoSeeder::seedPoisonOrder(VoidCompletion done) {
    AmqpMessage poison = m_messages.order(m_orderIndex++);
    poison.setApplicationProperty(QStringLiteral("total"), -1.0); // what makes it poison
    m_broker.send(addressOf(m_orders), {poison}, [this, done](VoidResult sent) {
        if (failed(sent, done))
            return;
        Broker::ConsumerOptions options;
        options.source = addressOf(m_orders);
        const Result<Broker::ConsumerInfo> consumer = m_broker.attachConsumer(options);
        if (failed(consumer, done))
            return;
        const Result<QueueDescription> queue = m_broker.queue(m_orders);
        const int limit = queue ? queue->maxDeliveryCount : 10;
        // One extra attempt: a broker may dead-letter on the abandon that reaches the limit or
        // on the next delivery attempt after it.
        abandonUntilDeadLettered(consumer->id, limit + 1, done);
    });
}

void DemoSeeder::abandonUntilDeadLettered(Broker::ConsumerId consumer, int attemptsLeft,
                                          VoidCompletion done) {
    const QList<LockedMessage> locked =
        attemptsLeft > 0 ? m_broker.receive(consumer, 1) : QList<LockedMessage>{};
    if (locked.isEmpty()) {
        m_broker.detachConsumer(consumer);
        done({});
        return;
    }
    Disposition abandon;
    abandon.kind = Disposition::Kind::Abandon;
    m_broker.settle(consumer, locked.first().lockToken, abandon,
                    [this, consumer, attemptsLeft, done](VoidResult settled) {
                        if (!settled) {
                            m_broker.detachConsumer(consumer);
                            done(std::move(settled));
                            return;
                        }
                        abandonUntilDeadLettered(consumer, attemptsLeft - 1, done);
                    });
}

// Two orders a validator rejected (dead-lettered with reason, description and a modified
// property) and two deferred for later processing.
void DemoSeeder::seedRejectedAndDeferredOrders(VoidCompletion done) {
    QList<AmqpMessage> batch;
    for (int i = 0; i < DemoSeedPlan::kValidationFailedOrders + DemoSeedPlan::kDeferredOrders; ++i)
        batch << m_messages.order(m_orderIndex++);
    const auto count = int(batch.size());
    m_broker.send(addressOf(m_orders), batch, [this, done, count](VoidResult sent) {
        if (failed(sent, done))
            return;
        Broker::ConsumerOptions options;
        options.source = addressOf(m_orders);
        const Result<Broker::ConsumerInfo> consumer = m_broker.attachConsumer(options);
        if (failed(consumer, done))
            return;
        const QList<LockedMessage> locked = m_broker.receive(consumer->id, count);
        if (locked.size() != count) {
            m_broker.detachConsumer(consumer->id);
            done(fail(ErrorCode::Internal,
                      QStringLiteral("Demo seeding expected %1 orders to settle, got %2.")
                          .arg(count)
                          .arg(locked.size())));
            return;
        }
        auto remaining = std::make_shared<int>(count);
        auto firstError = std::make_shared<VoidResult>();
        const Broker::ConsumerId id = consumer->id;
        for (int i = 0; i < count; ++i) {
            Disposition disposition;
            if (i < DemoSeedPlan::kValidationFailedOrders) {
                disposition.kind = Disposition::Kind::DeadLetter;
                disposition.deadLetterReason = QStringLiteral("ValidationFailed");
                disposition.deadLetterDescription =
                    i == 0
                        ? QStringLiteral("Field 'customer.id' does not match any known customer.")
                        : QStringLiteral("Order total does not equal the sum of its lines.");
                disposition.propertiesToModify.entries.append(
                    {QStringLiteral("validatedBy"), QStringLiteral("order-validator/2.3")});
            } else {
                disposition.kind = Disposition::Kind::Defer;
                disposition.propertiesToModify.entries.append(
                    {QStringLiteral("deferredReason"), QStringLiteral("awaiting stock")});
            }
            m_broker.settle(id, locked.at(i).lockToken, disposition,
                            [this, id, remaining, firstError, done](VoidResult r) {
                                if (!r && *firstError)
                                    *firstError = std::move(r);
                                if (--*remaining == 0) {
                                    m_broker.detachConsumer(id);
                                    done(*firstError);
                                }
                            });
        }
    });
}

void DemoSeeder::seedActiveOrders(VoidCompletion done) {
    QList<AmqpMessage> batch;
    for (int i = 0; i < DemoSeedPlan::kActiveOrders; ++i)
        batch << m_messages.order(m_orderIndex++);
    m_broker.send(addressOf(m_orders), batch, std::move(done));
}

void DemoSeeder::seedScheduledOrders(VoidCompletion done) {
    QList<AmqpMessage> batch;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < DemoSeedPlan::kScheduledOrders; ++i) {
        AmqpMessage message = m_messages.order(m_orderIndex++);
        // Whole seconds, like the SDKs' scheduling; relative to now so they stay in the future.
        const QDateTime at =
            QDateTime::fromSecsSinceEpoch(now.toSecsSinceEpoch() + (i + 1) * 3600, Qt::UTC);
        message.setAnnotation(QByteArrayLiteral("x-opt-scheduled-enqueue-time"), at);
        batch << message;
    }
    m_broker.scheduleMessages(addressOf(m_orders), batch, [done](Result<QList<qint64>> scheduled) {
        if (failed(scheduled, done))
            return;
        done({});
    });
}

void DemoSeeder::seedInvoices(VoidCompletion done) {
    QList<AmqpMessage> batch;
    for (int i = 0; i < DemoSeedPlan::kInvoices; ++i)
        batch << m_messages.invoice(i);
    for (int i = 0; i < DemoSeedPlan::kScans; ++i)
        batch << m_messages.scannedDocument(i);
    m_broker.send(addressOf(m_invoices), batch, std::move(done));
}

void DemoSeeder::seedSupportSessions(VoidCompletion done) {
    QList<AmqpMessage> batch;
    QStringList sessionIds;
    for (int s = 0; s < DemoSeedPlan::kSupportSessions; ++s) {
        sessionIds << QStringLiteral("ticket-%1").arg(4711 + s);
        for (int turn = 0; turn < DemoSeedPlan::kTurnsPerSession; ++turn)
            batch << m_messages.supportMessage(sessionIds.last(), turn);
    }
    const QString first = sessionIds.first();
    m_broker.send(addressOf(m_sessions), batch, [this, first, done](VoidResult sent) {
        if (failed(sent, done))
            return;
        const QByteArray state =
            QJsonDocument(QJsonObject{{QStringLiteral("step"), QStringLiteral("awaiting-customer")},
                                      {QStringLiteral("agent"), QStringLiteral("Support")},
                                      {QStringLiteral("turnsSeen"), 2}})
                .toJson(QJsonDocument::Compact);
        // Like a client, set the state while holding the session's lock, then let it go.
        Broker::ConsumerOptions options;
        options.source = addressOf(m_sessions);
        options.sessionFilter = first;
        const Result<Broker::ConsumerInfo> consumer = m_broker.attachConsumer(options);
        if (failed(consumer, done))
            return;
        const Broker::ConsumerId id = consumer->id;
        m_broker.setSessionState(addressOf(m_sessions), first, state,
                                 [this, id, done](VoidResult set) {
                                     m_broker.detachConsumer(id);
                                     done(std::move(set));
                                 });
    });
}

void DemoSeeder::seedEvents(VoidCompletion done) {
    QList<AmqpMessage> batch;
    for (int i = 0; i < DemoSeedPlan::kEvents; ++i)
        batch << m_messages.event(i);
    m_broker.send(addressOf(m_topic), batch, std::move(done));
}

void seedDemoNamespace(Broker& broker, std::function<void(VoidResult)> done) {
    auto* seeder = new DemoSeeder(broker, DemoSeedOptions{}, &broker);
    seeder->start([seeder, done = std::move(done)](VoidResult result) {
        seeder->deleteLater();
        if (done)
            done(std::move(result));
    });
}

} // namespace busbar::emulator
