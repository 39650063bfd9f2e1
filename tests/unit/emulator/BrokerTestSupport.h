#pragma once

#include "emulator/broker/Broker.h"
#include "emulator/config/NamespaceConfig.h"

#include <QTest>

#include <optional>

namespace busbar::emulator::testing {

inline EntityAddress address(const QString& text) {
    return EntityAddress::parse(text).value();
}

inline AmqpMessage message(const QByteArray& body, const QString& messageId = {},
                           const QString& sessionId = {}) {
    AmqpMessage m;
    m.setDataBody(body);
    if (!messageId.isEmpty()) {
        m.properties.messageId = messageId;
        m.properties.present = true;
    }
    if (!sessionId.isEmpty()) {
        m.properties.groupId = sessionId;
        m.properties.present = true;
    }
    return m;
}

inline QueueDescription queueNamed(const QString& name) {
    QueueDescription q;
    q.name = name;
    return q;
}

// Runs an asynchronous broker call and waits (event loop, no sleep) for its completion.
template <typename T, typename Call>
std::optional<Result<T>> await(Call call) {
    std::optional<Result<T>> result;
    call([&result](Result<T> r) { result = std::move(r); });
    (void)QTest::qWaitFor([&result] { return result.has_value(); }, 5000);
    return result;
}

template <typename Call>
std::optional<VoidResult> awaitVoid(Call call) {
    std::optional<VoidResult> result;
    call([&result](VoidResult r) { result = std::move(r); });
    (void)QTest::qWaitFor([&result] { return result.has_value(); }, 5000);
    return result;
}

inline bool sendNow(Broker& broker, const QString& to, QList<AmqpMessage> messages) {
    auto r = awaitVoid([&](VoidCompletion done) {
        broker.send(address(to), std::move(messages), std::move(done));
    });
    return r && r->has_value();
}

inline VoidResult settleNow(Broker& broker, Broker::ConsumerId consumer, const QUuid& token,
                            Disposition disposition) {
    auto r = awaitVoid(
        [&](VoidCompletion done) { broker.settle(consumer, token, disposition, std::move(done)); });
    return r ? *r : VoidResult(fail(ErrorCode::Timeout, QStringLiteral("no completion")));
}

inline Broker::ConsumerId attach(Broker& broker, const QString& source,
                                 ReceiveMode mode = ReceiveMode::PeekLock) {
    Broker::ConsumerOptions options;
    options.source = address(source);
    options.mode = mode;
    auto info = broker.attachConsumer(options);
    return info ? info->id : 0;
}

inline QString bodyOf(const StoredMessage& m) {
    return QString::fromUtf8(m.message.dataPayload());
}

inline Disposition disposition(Disposition::Kind kind) {
    Disposition d;
    d.kind = kind;
    return d;
}

} // namespace busbar::emulator::testing
