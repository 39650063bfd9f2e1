#pragma once

#include "core/admin/AtomSerializer.h"
#include "core/auth/SasTokenValidator.h"
#include "emulator/config/NamespaceConfig.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include <functional>

namespace busbar::emulator {

class Broker;

// One management request, as any transport delivers it. Header names compare
// case-insensitively.
struct AdminRequest {
    enum class Method { Get, Put, Delete, Other };
    Method method = Method::Get;
    QUrl url; // path and query; the host comes from the Host header
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    bool secure = false; // arrived over HTTPS: links in the answer say https://

    [[nodiscard]] QByteArray header(const QByteArray& name) const;
};

struct AdminResponse {
    int status = 200;
    QByteArray contentType;
    QByteArray body;
};

// The ATOM/XML management API of one namespace (servicebus-management.md §1–§4) on top of
// the Broker: routing, SAS checks (Manage right), paging, error bodies. Transport-free so it
// is testable without sockets; AdminHttpServer feeds it from Qt HttpServer.
class AdminRequestHandler final {
public:
    using Clock = std::function<qint64()>; // Unix seconds, for token expiry

    AdminRequestHandler(Broker* broker, QString namespaceName, QList<SasRule> sasRules);

    // Off: every request is accepted without a token (the Microsoft emulator's behaviour).
    void setRequireAuthorization(bool required) { m_requireAuthorization = required; }
    void setClock(Clock clock) { m_clock = std::move(clock); }

    [[nodiscard]] AdminResponse handle(const AdminRequest& request) const;

    // The XML error body of §1.5 with a tracking suffix like the service's.
    static AdminResponse errorResponse(int status, const QString& detail, const QString& path);
    static AdminResponse fromError(const Error& error, const QString& path);

private:
    struct Context;

    [[nodiscard]] AdminResponse route(const Context& context) const;
    [[nodiscard]] AdminResponse checkAuthorization(const Context& context) const;
    [[nodiscard]] AdminResponse checkSupplementary(const Context& context, const QByteArray& header,
                                                   const QString& target) const;

    [[nodiscard]] AdminResponse namespaceInfo(const Context& context) const;
    [[nodiscard]] AdminResponse listQueues(const Context& context) const;
    [[nodiscard]] AdminResponse listTopics(const Context& context) const;
    [[nodiscard]] AdminResponse listSubscriptions(const Context& context,
                                                  const QString& topic) const;
    [[nodiscard]] AdminResponse listRules(const Context& context, const QString& topic,
                                          const QString& subscription) const;

    [[nodiscard]] AdminResponse getEntity(const Context& context, const QString& path) const;
    [[nodiscard]] AdminResponse putEntity(const Context& context, const QString& path) const;
    [[nodiscard]] AdminResponse putQueue(const Context& context, const QString& path) const;
    [[nodiscard]] AdminResponse putTopic(const Context& context, const QString& path) const;
    [[nodiscard]] AdminResponse getSubscription(const Context& context, const QString& topic,
                                                const QString& name) const;
    [[nodiscard]] AdminResponse putSubscription(const Context& context, const QString& topic,
                                                const QString& name) const;
    [[nodiscard]] AdminResponse getRule(const Context& context, const QString& topic,
                                        const QString& subscription, const QString& name) const;
    [[nodiscard]] AdminResponse putRule(const Context& context, const QString& topic,
                                        const QString& subscription, const QString& name) const;

    [[nodiscard]] AtomEntry queueEntry(const Context& context, const QueueDescription& queue) const;
    [[nodiscard]] AtomEntry topicEntry(const Context& context, const TopicDescription& topic) const;
    [[nodiscard]] AtomEntry subscriptionEntry(const Context& context,
                                              const SubscriptionDescription& subscription) const;
    [[nodiscard]] AtomEntry ruleEntry(const Context& context, const QString& subscriptionPath,
                                      const RuleDescription& rule) const;
    [[nodiscard]] AtomEntryMeta meta(const Context& context, const QString& path,
                                     const QString& title, const EntityRuntimeInfo& runtime) const;
    [[nodiscard]] AdminResponse feed(const Context& context, const QString& title,
                                     QList<AtomEntry> entries) const;

    Broker* m_broker;
    QString m_namespaceName;
    QList<SasRule> m_sasRules;
    SasTokenValidator m_validator;
    bool m_requireAuthorization = true;
    Clock m_clock;
    QDateTime m_startedAt = QDateTime::currentDateTimeUtc();
};

} // namespace busbar::emulator
