#pragma once

#include "emulator/broker/Broker.h"
#include "emulator/seed/DemoMessages.h"

#include <QObject>
#include <QString>

#include <functional>

namespace busbar::emulator {

// Which entities the demo content goes to. Names missing from the broker fall back to what
// exists (first non-session queue, first session queue, first topic); an entity kind the
// namespace lacks is skipped.
struct DemoSeedOptions {
    quint32 seed = 20260112;
    QString ordersQueue = QStringLiteral("orders");
    QString invoicesQueue = QStringLiteral("invoices");
    QString sessionQueue = QStringLiteral("support-sessions");
    QString eventsTopic = QStringLiteral("events");
};

// What one seeding run puts where (the fixed plan, so tests and docs can state the numbers):
//   orders:   15 active JSON orders, 2 deferred, 3 scheduled (1 h, 2 h, 3 h ahead), and 3
//             dead-lettered: 1 MaxDeliveryCountExceeded (abandoned to the limit), 2
//             "ValidationFailed" with a description and a modified property;
//   invoices: 8 XML invoices and 1 binary scanned document;
//   sessions: 3 support conversations of 4 messages each; the first has session state;
//   topic:    12 events whose `region` cycles eu/us/apac (4 each).
struct DemoSeedPlan {
    static constexpr int kActiveOrders = 15;
    static constexpr int kDeferredOrders = 2;
    static constexpr int kScheduledOrders = 3;
    static constexpr int kValidationFailedOrders = 2;
    static constexpr int kPoisonOrders = 1;
    static constexpr int kInvoices = 8;
    static constexpr int kScans = 1;
    static constexpr int kSupportSessions = 3;
    static constexpr int kTurnsPerSession = 4;
    static constexpr int kEvents = 12;
};

// Fills a namespace with realistic, deterministic demo messages through the Broker API only
// (send, scheduleMessages, attachConsumer/receive/settle, setSessionState), so what the demo
// shows is exactly what a client could have produced. Runs asynchronously on the broker's
// thread; deletes itself after calling `done` when started through seedDemoNamespace().
class DemoSeeder final : public QObject {
    Q_OBJECT
public:
    DemoSeeder(Broker& broker, DemoSeedOptions options, QObject* parent = nullptr);
    ~DemoSeeder() override;

    // Starts seeding; `done` runs once, after everything is durable, or with the first error.
    // A namespace whose demo queues already hold messages is left alone (skipped() is then true).
    void start(std::function<void(VoidResult)> done);
    [[nodiscard]] bool skipped() const { return m_skipped; }

private:
    using Step = std::function<void(VoidCompletion)>;

    void resolveEntities();
    [[nodiscard]] bool alreadyHasMessages() const;
    void runNext();
    void finish(VoidResult result);

    // Steps; each calls its completion exactly once.
    void seedPoisonOrder(VoidCompletion done);
    void abandonUntilDeadLettered(Broker::ConsumerId consumer, int attemptsLeft,
                                  VoidCompletion done);
    void seedRejectedAndDeferredOrders(VoidCompletion done);
    void seedActiveOrders(VoidCompletion done);
    void seedScheduledOrders(VoidCompletion done);
    void seedInvoices(VoidCompletion done);
    void seedSupportSessions(VoidCompletion done);
    void seedEvents(VoidCompletion done);

    Broker& m_broker;
    DemoSeedOptions m_options;
    DemoMessages m_messages;
    QString m_orders;
    QString m_invoices;
    QString m_sessions;
    QString m_topic;
    QList<Step> m_steps;
    int m_nextStep = 0;
    int m_orderIndex = 0;
    bool m_skipped = false;
    std::function<void(VoidResult)> m_done;
};

// The hook busbar-emulator's main.cpp calls for `--seed-demo` (or the app's "Local namespace"):
// seeds with the default options and reports when done. Call on the broker's thread.
void seedDemoNamespace(Broker& broker, std::function<void(VoidResult)> done);

} // namespace busbar::emulator
