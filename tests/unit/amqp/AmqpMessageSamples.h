#pragma once

#include "core/amqp/AmqpMessage.h"
#include "tests/unit/amqp/AmqpTestUtil.h"

#include <QDateTime>
#include <QTest>

// A message with every section and property type set, and a field-by-field comparison that
// keeps AMQP types: shared by the codec's own tests and its Proton/rhea interop tests.
namespace busbar::test {

inline constexpr qint64 kCreated = 1704067200000; // 2024-01-01T00:00:00Z
inline constexpr qint64 kExpires = 1704067260000; // one minute later

inline QDateTime utc(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

inline AmqpMessage fullMessage() {
    AmqpMessage m;
    m.header.present = true;
    m.header.durable = true;
    m.header.priority = 7;
    m.header.ttlMs = 60000;
    m.header.firstAcquirer = true;
    m.header.deliveryCount = 3;
    m.deliveryAnnotations.entries.append(
        {sym("x-opt-lock-token"), QUuid(QStringLiteral("01020304-0506-0708-090a-0b0c0d0e0f10"))});
    m.setAnnotation("x-opt-sequence-number", qint64(42));
    m.setAnnotation("x-opt-enqueued-time", utc(kCreated));
    m.setAnnotation("x-opt-partition-id", QVariant::fromValue(qint16(3)));
    m.setAnnotation("x-opt-message-state", qint32(2));
    auto& p = m.properties;
    p.messageId = QStringLiteral("msg-1");
    p.userId = QByteArray("user");
    p.to = QStringLiteral("queue-a");
    p.subject = QStringLiteral("label");
    p.replyTo = QStringLiteral("reply-queue");
    p.correlationId = QVariant::fromValue(quint64(99));
    p.contentType = QByteArray("application/json");
    p.contentEncoding = QByteArray("utf-8");
    p.absoluteExpiryTime = utc(kExpires);
    p.creationTime = utc(kCreated);
    p.groupId = QStringLiteral("session-1");
    p.groupSequence = 5;
    p.replyToGroupId = QStringLiteral("reply-session");
    m.setApplicationProperty(QStringLiteral("string"), QStringLiteral("v"));
    m.setApplicationProperty(QStringLiteral("int"), qint32(-5));
    m.setApplicationProperty(QStringLiteral("long"), qint64(1) << 40);
    m.setApplicationProperty(QStringLiteral("bool"), true);
    m.setApplicationProperty(QStringLiteral("double"), 2.5);
    m.setApplicationProperty(QStringLiteral("uuid"), QUuid::createUuid());
    m.setApplicationProperty(QStringLiteral("time"), utc(kCreated));
    m.setApplicationProperty(QStringLiteral("binary"), QByteArray("\x00\x01", 2));
    m.setApplicationProperty(QStringLiteral("null"), QVariant());
    m.setApplicationProperty(
        QStringLiteral("dotnet-timespan"),
        QVariant::fromValue(AmqpDescribed{sym("com.microsoft:timespan"), qint64(600000000)}));
    m.setDataBody(QByteArray("hello, world"));
    return m;
}

inline void compareMessages(const AmqpMessage& a, const AmqpMessage& b) {
    QCOMPARE(a.header.present, b.header.present);
    QCOMPARE(a.header.durable, b.header.durable);
    QCOMPARE(a.header.priority, b.header.priority);
    QCOMPARE(a.header.ttlMs, b.header.ttlMs);
    QCOMPARE(a.header.firstAcquirer, b.header.firstAcquirer);
    QCOMPARE(a.header.deliveryCount, b.header.deliveryCount);
    QVERIFY(sameAmqpValue(QVariant::fromValue(a.deliveryAnnotations),
                          QVariant::fromValue(b.deliveryAnnotations)));
    QVERIFY(sameAmqpValue(QVariant::fromValue(a.messageAnnotations),
                          QVariant::fromValue(b.messageAnnotations)));
    QVERIFY(sameAmqpValue(a.properties.messageId, b.properties.messageId));
    QCOMPARE(a.properties.userId, b.properties.userId);
    QCOMPARE(a.properties.to, b.properties.to);
    QCOMPARE(a.properties.subject, b.properties.subject);
    QCOMPARE(a.properties.replyTo, b.properties.replyTo);
    QVERIFY(sameAmqpValue(a.properties.correlationId, b.properties.correlationId));
    QCOMPARE(a.properties.contentType, b.properties.contentType);
    QCOMPARE(a.properties.contentEncoding, b.properties.contentEncoding);
    QCOMPARE(a.properties.absoluteExpiryTime, b.properties.absoluteExpiryTime);
    QCOMPARE(a.properties.creationTime, b.properties.creationTime);
    QCOMPARE(a.properties.groupId, b.properties.groupId);
    QCOMPARE(a.properties.groupSequence, b.properties.groupSequence);
    QCOMPARE(a.properties.replyToGroupId, b.properties.replyToGroupId);
    QCOMPARE(a.hasApplicationProperties, b.hasApplicationProperties);
    QVERIFY(sameAmqpValue(QVariant::fromValue(a.applicationProperties),
                          QVariant::fromValue(b.applicationProperties)));
    QCOMPARE(a.bodyKind, b.bodyKind);
    QCOMPARE(a.bodyBytes, b.bodyBytes);
    QCOMPARE(a.footerBytes, b.footerBytes);
}

} // namespace busbar::test
