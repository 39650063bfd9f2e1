#include "core/servicebus/NamespaceConnection.h"

namespace busbar {

NamespaceConnection::NamespaceConnection(NamespaceConnectionOptions options)
    : m_host(options.connectionString.host()) {
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("amqp:") + m_host);
    m_engine = new ConnectionEngine(std::move(options));
    m_engine->moveToThread(m_thread);
    QObject::connect(m_thread, &QThread::finished, m_engine, &QObject::deleteLater);
    m_thread->start();
}

NamespaceConnection::~NamespaceConnection() {
    if (QThread::currentThread() == m_thread) {
        // Destroyed by a continuation running on the connection's own thread, maybe deep in
        // the driver's loop: it cannot join itself, so the engine is deleted (and shut down)
        // once the thread's loop has ended, and the thread object after it finished.
        QObject::connect(m_thread, &QThread::finished, m_thread, &QObject::deleteLater);
        m_thread->quit();
        return;
    }
    close();
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
}

template <typename F>
void NamespaceConnection::post(F&& work) {
    QMetaObject::invokeMethod(m_engine, std::forward<F>(work), Qt::QueuedConnection);
}

QFuture<VoidResult> NamespaceConnection::open() {
    auto pending = makePending<void>();
    post([engine = m_engine, pending] { engine->open(pending); });
    return pending->future();
}

QFuture<Result<ManagementReply>> NamespaceConnection::request(const QString& address,
                                                              const QString& operation,
                                                              const AmqpMap& body, Ms timeout) {
    auto pending = makePending<ManagementReply>();
    post([engine = m_engine, pending, address, operation, body, timeout] {
        engine->request(address, operation, body, timeout, pending);
    });
    return pending->future();
}

QFuture<VoidResult> NamespaceConnection::send(const QString& address,
                                              const QList<AmqpMessage>& messages, Ms timeout) {
    auto pending = makePending<void>();
    QList<QByteArray> encoded;
    encoded.reserve(messages.size());
    for (const AmqpMessage& m : messages) {
        encoded.append(m.encode());
    }
    post([engine = m_engine, pending, address, encoded, timeout] {
        engine->send(address, encoded, timeout, pending);
    });
    return pending->future();
}

QFuture<Result<QList<ServiceBusMessage>>>
NamespaceConnection::receive(const QString& address, ReceiveMode mode,
                             const std::optional<QString>& sessionId, int maxCount, Ms timeout) {
    auto pending = makePending<QList<ServiceBusMessage>>();
    post([engine = m_engine, pending, address, mode, sessionId, maxCount, timeout] {
        engine->receive(address, mode, sessionId, maxCount, timeout, pending);
    });
    return pending->future();
}

QFuture<VoidResult> NamespaceConnection::settle(const QString& address, const QUuid& lockToken,
                                                const SettleRequest& request,
                                                const std::optional<QString>& sessionId,
                                                Ms timeout) {
    auto pending = makePending<void>();
    post([engine = m_engine, pending, address, lockToken, request, sessionId, timeout] {
        engine->settle(address, lockToken, request, sessionId, timeout, pending);
    });
    return pending->future();
}

QFuture<Result<AcceptedSession>>
NamespaceConnection::acceptSession(const QString& address, ReceiveMode mode,
                                   const std::optional<QString>& sessionId, Ms timeout) {
    auto pending = makePending<AcceptedSession>();
    post([engine = m_engine, pending, address, mode, sessionId, timeout] {
        engine->acceptSession(address, mode, sessionId, timeout, pending);
    });
    return pending->future();
}

QFuture<VoidResult> NamespaceConnection::closeReceiver(const QString& address,
                                                       const std::optional<QString>& sessionId) {
    auto pending = makePending<void>();
    post([engine = m_engine, address, sessionId, pending] {
        engine->closeReceiver(address, sessionId, pending);
    });
    return pending->future();
}

QFuture<VoidResult> NamespaceConnection::setPrefetch(ReceiveMode mode, int messages) {
    auto pending = makePending<void>();
    post([engine = m_engine, mode, messages, pending] {
        engine->setPrefetch(mode, messages, pending);
    });
    return pending->future();
}

void NamespaceConnection::close() {
    if (QThread::currentThread() == m_thread) {
        post([engine = m_engine] { engine->shutdown(); }); // not from inside the driver's loop
    } else if (m_thread->isRunning()) {
        QMetaObject::invokeMethod(
            m_engine, [engine = m_engine] { engine->shutdown(); }, Qt::BlockingQueuedConnection);
    }
}

} // namespace busbar
