#pragma once

#include "core/amqp/AmqpTypes.h"
#include "core/common/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QVariant>

#include <optional>

namespace busbar {

// An AMQP 1.0 message split into its sections (servicebus-amqp.md §6). Header, annotations,
// properties and application properties are decoded with their AMQP types kept; the body
// sections (data / amqp-sequence / amqp-value, and the footer) are kept as the exact bytes
// received, so a body is never re-encoded and binary payloads stay byte-exact.
struct AmqpMessage {
    enum class BodyKind { None, Data, Sequence, Value };

    struct Header {
        bool present = false;
        bool durable = false;
        quint8 priority = 4;
        std::optional<quint32> ttlMs;
        bool firstAcquirer = false;
        quint32 deliveryCount = 0;
    };

    // Every field optional: an invalid QVariant means "not set". Ids keep their AMQP type
    // (string, ulong, uuid or binary).
    struct Properties {
        QVariant messageId;
        QByteArray userId;
        QString to;
        QString subject;
        QString replyTo;
        QVariant correlationId;
        QByteArray contentType;     // symbol
        QByteArray contentEncoding; // symbol
        std::optional<QDateTime> absoluteExpiryTime;
        std::optional<QDateTime> creationTime;
        QString groupId;
        std::optional<quint32> groupSequence;
        QString replyToGroupId;
        bool present = false;
    };

    Header header;
    AmqpMap deliveryAnnotations;  // symbol keys
    AmqpMap messageAnnotations;   // symbol keys
    Properties properties;
    AmqpMap applicationProperties; // string keys
    bool hasApplicationProperties = false;

    BodyKind bodyKind = BodyKind::None;
    QByteArray bodyBytes;   // every body section, encoded, exactly as received
    QByteArray footerBytes; // the footer section, encoded, exactly as received

    // Convenience accessors for the body as the SDKs see it.
    // Data: the concatenated payloads of the data sections. Value: the decoded value.
    [[nodiscard]] QByteArray dataPayload() const;
    [[nodiscard]] QVariant bodyValue() const;
    void setDataBody(const QByteArray& payload);   // one data section
    void setValueBody(const QVariant& value);      // one amqp-value section

    // Annotation helpers (keys are symbols).
    [[nodiscard]] QVariant annotation(const QByteArray& key) const;
    void setAnnotation(const QByteArray& key, const QVariant& value);
    void removeAnnotation(const QByteArray& key);
    [[nodiscard]] QVariant applicationProperty(const QString& key) const;
    void setApplicationProperty(const QString& key, const QVariant& value);

    // Bare message = header + delivery annotations + the rest; decode accepts any subset of
    // sections in the AMQP order, and rejects unknown sections or bad encodings with a
    // clear error. encode() writes the sections that are present; a header is written when
    // header.present or any header field differs from its default, delivery-count 0
    // explicitly when `explicitDeliveryCount` is set.
    static Result<AmqpMessage> decode(const QByteArray& encoded);
    [[nodiscard]] QByteArray encode(bool explicitDeliveryCount = false) const;

    // Splits a Service Bus batch (message-format 0x80013700: a series of data sections,
    // each holding one encoded message) into its messages.
    static Result<QList<AmqpMessage>> decodeBatch(const QByteArray& encodedEnvelope);
    // Whether `encoded` looks like a batch envelope by content: every body section is a data
    // section whose payload itself starts with an AMQP section descriptor.
    static bool looksLikeBatch(const QByteArray& encoded);
};

// Canonical text of a message-id or correlation-id of any AMQP type (for duplicate detection,
// filters and display): strings as they are, uuids in lower-case 8-4-4-4-12, ulongs in
// decimal, binary in lower-case hex.
QString amqpIdToText(const QVariant& id);

} // namespace busbar
