#pragma once

#include "core/amqp/AmqpMessage.h"
#include "emulator/broker/BrokerTypes.h"

#include <QObject>
#include <QPointer>
#include <QUuid>

#include <functional>

namespace busbar::emulator {

class Broker;

// The request/response operations of {entity}/$management (servicebus-amqp.md §8), mapped
// to the Broker API. One instance per management request link, bound to that entity.
class ManagementOperations final : public QObject {
    Q_OBJECT
public:
    using Authorizer = std::function<bool(Right)>;
    // Receives the encoded response message; may run now or later (broker completions).
    using Responder = std::function<void(const QByteArray& encodedResponse)>;

    ManagementOperations(Broker& broker, EntityAddress entity, Authorizer authorize,
                         QObject* parent = nullptr);

    void handle(const AmqpMessage& request, Responder respond);

    // The response envelope: correlation-id from the request's message-id (type kept),
    // statusCode/statusDescription/errorCondition, tracking-id echoed, an amqp-value body.
    static QByteArray response(const AmqpMessage& request, int statusCode,
                               const QString& description, const QString& errorCondition,
                               const QVariant& body);
    static QByteArray errorResponse(const AmqpMessage& request, const Error& error);

private:
    // The amqp-value body section's descriptor.
    static constexpr quint64 kAmqpValueSection = 0x77;
    // The response's sections before its body (the body section is appended after them).
    static QByteArray responseHead(const AmqpMessage& request, int statusCode,
                                   const QString& description, const QString& errorCondition);

    struct Call {
        AmqpMessage request;
        AmqpMap body;
        Responder respond;
    };
    void ok(const Call& call, const QVariant& body = {}, int status = 200) const;
    void failed(const Call& call, const Error& error) const;
    // Broker completions run later: they must not reach an instance already deleted.
    template <typename T>
    std::function<void(Result<T>)> guarded(std::function<void(Result<T>)> next) {
        QPointer<ManagementOperations> self(this);
        return [self, next = std::move(next)](Result<T> result) {
            if (self) {
                next(std::move(result));
            }
        };
    }

    void renewLock(const Call& call);
    void peekMessage(const Call& call);
    void scheduleMessage(const Call& call);
    void cancelScheduledMessage(const Call& call);
    void receiveBySequenceNumber(const Call& call);
    void updateDisposition(const Call& call);
    void renewSessionLock(const Call& call);
    void getSessionState(const Call& call);
    void setSessionState(const Call& call);
    void getMessageSessions(const Call& call);
    void addRule(const Call& call);
    void removeRule(const Call& call);
    void enumerateRules(const Call& call);
    void batchDeleteMessages(const Call& call);

    Broker& m_broker;
    EntityAddress m_entity;
    Authorizer m_authorize;
};

// Rule descriptions as $management carries them (§8.4).
Result<RuleDescription> ruleFromManagementMap(const QString& name, const AmqpMap& description);
QVariant ruleToDescribedValue(const RuleDescription& rule);

// Tolerant readers for management body values: any integer width, array or list.
namespace mgmt {
[[nodiscard]] const QVariant* value(const AmqpMap& map, QByteArrayView key);
[[nodiscard]] QVariantList list(const QVariant& value);
[[nodiscard]] AmqpMap map(const QVariant& value);
[[nodiscard]] std::optional<QString> optionalString(const AmqpMap& map, QByteArrayView key);
[[nodiscard]] qint64 toMs(const QVariant& v);
[[nodiscard]] QUuid toUuid(const QVariant& v);
[[nodiscard]] QList<QUuid> toUuids(const QVariant& v);
[[nodiscard]] QList<qint64> toLongs(const QVariant& v);
[[nodiscard]] QVariant array(int elementType, QVariantList elements);
[[nodiscard]] QVariant timestamp(qint64 ms);
[[nodiscard]] std::optional<QString> sessionIdOf(const AmqpMap& body);
[[nodiscard]] Error missing(const char* key);
// Strict readers for the operations where a lenient conversion would turn a malformed value
// into a plausible one: those answer 400 naming the key.
[[nodiscard]] bool isInteger(const QVariant& v);
[[nodiscard]] bool isArrayOrList(const QVariant& v);
[[nodiscard]] Error wrongType(const char* key, const char* expected);
[[nodiscard]] std::optional<QList<qint64>> strictLongs(const QVariant& v);
[[nodiscard]] std::optional<QList<QUuid>> strictUuids(const QVariant& v);
} // namespace mgmt

} // namespace busbar::emulator
