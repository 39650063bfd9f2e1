#pragma once

#include "core/servicebus/ServiceBusClient.h"

#include <QPromise>

namespace busbar::test {

// A client whose namespace does not support batch delete (NotSupported), like an older
// service; everything else goes to the real client.
class NoBatchDeleteClient final : public ServiceBusClient {
public:
    explicit NoBatchDeleteClient(ServiceBusClient& inner)
        : m_inner(inner) {}

    int batchDeleteCalls = 0;

    QFuture<Result<int>> batchDelete(const QString&, SubQueue, int, const QDateTime&,
                                     const std::optional<QString>&) override {
        ++batchDeleteCalls;
        QPromise<Result<int>> promise;
        QFuture<Result<int>> future = promise.future();
        promise.start();
        promise.addResult(Result<int>(
            fail(ErrorCode::NotSupported, QStringLiteral("Batch delete is not supported."))));
        promise.finish();
        return future;
    }

    QFuture<VoidResult> connect() override { return m_inner.connect(); }
    QFuture<Result<Messages>> peek(const QString& e, SubQueue q, qint64 from, int n,
                                   const std::optional<QString>& s) override {
        return m_inner.peek(e, q, from, n, s);
    }
    QFuture<VoidResult> send(const QString& e, const QList<OutgoingMessage>& m) override {
        return m_inner.send(e, m);
    }
    QFuture<Result<Messages>> receive(const QString& e, SubQueue q, ReceiveMode mode, int n,
                                      std::chrono::milliseconds wait) override {
        return m_inner.receive(e, q, mode, n, wait);
    }
    QFuture<VoidResult> settle(const QString& e, SubQueue q, const ServiceBusMessage& m,
                               const SettleRequest& r) override {
        return m_inner.settle(e, q, m, r);
    }
    QFuture<Result<QList<QDateTime>>> renewLock(const QString& e, SubQueue q,
                                                const QList<QUuid>& t) override {
        return m_inner.renewLock(e, q, t);
    }
    QFuture<Result<Messages>> receiveDeferred(const QString& e, SubQueue q, const QList<qint64>& n,
                                              ReceiveMode mode,
                                              const std::optional<QString>& s) override {
        return m_inner.receiveDeferred(e, q, n, mode, s);
    }
    QFuture<Result<QList<qint64>>> schedule(const QString& e, const QList<OutgoingMessage>& m,
                                            const QDateTime& t) override {
        return m_inner.schedule(e, m, t);
    }
    QFuture<VoidResult> cancelScheduled(const QString& e, const QList<qint64>& n) override {
        return m_inner.cancelScheduled(e, n);
    }
    QFuture<Result<AcceptedSession>>
    acceptSession(const QString& e, const std::optional<QString>& s, ReceiveMode mode) override {
        return m_inner.acceptSession(e, s, mode);
    }
    QFuture<Result<Messages>> receiveFromSession(const QString& e, const QString& s, int n,
                                                 std::chrono::milliseconds wait) override {
        return m_inner.receiveFromSession(e, s, n, wait);
    }
    QFuture<VoidResult> closeSession(const QString& e, const QString& s) override {
        return m_inner.closeSession(e, s);
    }
    QFuture<Result<QDateTime>> renewSessionLock(const QString& e, const QString& s) override {
        return m_inner.renewSessionLock(e, s);
    }
    QFuture<Result<std::optional<QByteArray>>> sessionState(const QString& e,
                                                            const QString& s) override {
        return m_inner.sessionState(e, s);
    }
    QFuture<VoidResult> setSessionState(const QString& e, const QString& s,
                                        const std::optional<QByteArray>& st) override {
        return m_inner.setSessionState(e, s, st);
    }
    QFuture<Result<QStringList>> listSessions(const QString& e, const QDateTime& since, int skip,
                                              int top) override {
        return m_inner.listSessions(e, since, skip, top);
    }
    QFuture<Result<QList<RuleInfo>>> rules(const QString& s, int skip, int top) override {
        return m_inner.rules(s, skip, top);
    }
    QFuture<VoidResult> addRule(const QString& s, const RuleInfo& r) override {
        return m_inner.addRule(s, r);
    }
    QFuture<VoidResult> removeRule(const QString& s, const QString& r) override {
        return m_inner.removeRule(s, r);
    }

private:
    ServiceBusClient& m_inner;
};

} // namespace busbar::test
