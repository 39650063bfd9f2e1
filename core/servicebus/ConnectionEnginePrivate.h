#pragma once

// Internal to ConnectionEngine*.cpp: the link records and the Proton handler.

#include "core/servicebus/ConnectionEngine.h"

#include <QLoggingCategory>

#include <optional>

struct pn_delivery_t;

namespace busbar {

Q_DECLARE_LOGGING_CATEGORY(lcAmqp)

struct ConnectionEngine::SendBatch {
    Pending<void> pending;
    OperationDeadlines::Key deadline;
    int outstanding = 0;        // transfers sent and not yet settled by the broker
    int queued = 0;             // transfers still waiting for credit
    std::optional<Error> error; // the first rejection
    bool anyTransferred = false;
};

struct ConnectionEngine::ReceiveWaiter {
    Pending<QList<ServiceBusMessage>> pending;
    int maxCount = 1;
    OperationDeadlines::Key deadline;
};

// A $management request still owed an answer.
struct ConnectionEngine::OpenRequest {
    Pending<ManagementReply> pending;
    QString operation;
    // Handed to Proton for the wire: from here on the broker may carry it out even if no
    // answer ever comes back.
    bool written = false;
    OperationDeadlines::Key deadline;
};

// An encoded request waiting for link credit; `id` names its OpenRequest (empty for CBS).
struct ConnectionEngine::OutgoingRequest {
    QString id;
    QByteArray bytes;
};

// A disposition sent unsettled, waiting for the broker's final outcome.
struct ConnectionEngine::Settling {
    Pending<void> pending;
    OperationDeadlines::Key deadline;
};

struct ConnectionEngine::Authorization {
    enum class State { None, InFlight, Valid, Failed };
    State state = State::None;
    qint64 expiresAtSeconds = 0;
    QList<Done> waiters;
    QTimer* refreshTimer = nullptr;
};

struct ConnectionEngine::Link {
    enum class Kind {
        CbsSender,
        CbsReceiver,
        RequestSender,
        ReplyReceiver,
        EntitySender,
        EntityReceiver
    };
    Kind kind = Kind::EntitySender;
    quint64 serial = 0; // tells a live record from a new one at a reused address
    QString address;    // the entity (or sub-queue); "$cbs" for CBS
    QString name;
    pn_link_t* link = nullptr;
    bool attached = false; // the broker's attach arrived
    QList<Done> attachWaiters;
    Link* partner = nullptr; // request sender <-> reply receiver; CBS sender <-> receiver
    QString replyTo;

    // Request senders (management and CBS): encoded requests waiting for credit, and the
    // replies still owed, by message-id.
    QList<OutgoingRequest> outbox;
    QHash<QString, OpenRequest> requests;

    // Entity senders.
    quint64 maxMessageSize = 0; // the broker's max-message-size; 0 = no limit announced
    QList<std::pair<QByteArray, std::shared_ptr<SendBatch>>> sendQueue;
    QHash<pn_delivery_t*, std::shared_ptr<SendBatch>> inflight;

    // Entity receivers.
    ReceiveMode mode = ReceiveMode::PeekLock;
    bool sessionReceiver = false;
    std::optional<QString> sessionId; // the requested id; nullopt = next available
    QString lockedSessionId;          // what the broker locked
    QDateTime sessionLockedUntil;
    Pending<AcceptedSession> accept;
    OperationDeadlines::Key acceptDeadline;
    QList<ServiceBusMessage> buffer;
    QList<std::shared_ptr<ReceiveWaiter>> waiters;
    bool draining = false;     // a drain is out: no new credit until the broker answered
    QList<Done> drainWaiters;  // told when that drain is answered
    bool servePending = false; // a serveReceivers() is queued
    QHash<QUuid, pn_delivery_t*> unsettled;
    // Dispositions sent unsettled, waiting for the broker's final outcome (a lock may have
    // been lost in the meantime, and only the broker knows).
    QHash<pn_delivery_t*, Settling> settling;

    [[nodiscard]] bool isReceiving() const {
        return kind == Kind::CbsReceiver || kind == Kind::ReplyReceiver ||
               kind == Kind::EntityReceiver;
    }
};

[[nodiscard]] Error connectionError(const QString& message);

} // namespace busbar
