#pragma once

#include "core/admin/AdminClient.h"
#include "core/admin/AdminClientOptions.h"

#include <QByteArray>
#include <QObject>
#include <QSslConfiguration>
#include <QUrlQuery>

#include <functional>
#include <optional>

class QNetworkAccessManager;

namespace busbar {

// The ATOM/XML management client over QNetworkAccessManager. It lives on the thread that
// owns it: call it there; results resolve there. Bodies are written in the service's request
// order by AtomSerializer; the Authorization header is never logged.
class AtomAdminClient final : public QObject, public AdminClient {
    Q_OBJECT
public:
    explicit AtomAdminClient(AdminClientOptions options, QObject* parent = nullptr);
    ~AtomAdminClient() override;

    [[nodiscard]] const AdminClientOptions& options() const { return m_options; }

    QFuture<Result<NamespaceInfo>> namespaceInfo() override;

    QFuture<Result<QList<AtomItem<QueueDescription>>>> listQueues() override;
    QFuture<Result<AtomItem<QueueDescription>>> getQueue(const QString& name) override;
    QFuture<Result<AtomItem<QueueDescription>>> createQueue(const QueueDescription& queue) override;
    QFuture<Result<AtomItem<QueueDescription>>>
    updateQueue(const QueueDescription& queue, const DescriptionExtras& extras = {}) override;
    QFuture<VoidResult> deleteQueue(const QString& name) override;

    QFuture<Result<QList<AtomItem<TopicDescription>>>> listTopics() override;
    QFuture<Result<AtomItem<TopicDescription>>> getTopic(const QString& name) override;
    QFuture<Result<AtomItem<TopicDescription>>> createTopic(const TopicDescription& topic) override;
    QFuture<Result<AtomItem<TopicDescription>>>
    updateTopic(const TopicDescription& topic, const DescriptionExtras& extras = {}) override;
    QFuture<VoidResult> deleteTopic(const QString& name) override;

    QFuture<Result<QList<AtomItem<SubscriptionDescription>>>>
    listSubscriptions(const QString& topic) override;
    QFuture<Result<AtomItem<SubscriptionDescription>>>
    getSubscription(const QString& topic, const QString& name) override;
    QFuture<Result<AtomItem<SubscriptionDescription>>>
    createSubscription(const SubscriptionDescription& subscription,
                       const std::optional<RuleDescription>& defaultRule = std::nullopt) override;
    QFuture<Result<AtomItem<SubscriptionDescription>>>
    updateSubscription(const SubscriptionDescription& subscription,
                       const DescriptionExtras& extras = {}) override;
    QFuture<VoidResult> deleteSubscription(const QString& topic, const QString& name) override;

    QFuture<Result<QList<AtomItem<RuleDescription>>>>
    listRules(const QString& topic, const QString& subscription) override;
    QFuture<Result<AtomItem<RuleDescription>>>
    getRule(const QString& topic, const QString& subscription, const QString& name) override;
    QFuture<Result<AtomItem<RuleDescription>>> createRule(const QString& topic,
                                                          const QString& subscription,
                                                          const RuleDescription& rule) override;
    QFuture<Result<AtomItem<RuleDescription>>> updateRule(const QString& topic,
                                                          const QString& subscription,
                                                          const RuleDescription& rule) override;
    QFuture<VoidResult> deleteRule(const QString& topic, const QString& subscription,
                                   const QString& name) override;

    // The URL of a request for `path` (relative to the base), with api-version and `query`.
    [[nodiscard]] QUrl requestUrl(const QString& path, const QUrlQuery& query = {}) const;

private:
    struct Request {
        QByteArray verb;
        QString path;
        QUrlQuery query;
        QByteArray body;
        bool ifMatch = false;
        QStringList forwardTargets; // ForwardTo, ForwardDeadLetteredMessagesTo (§1.7)
        QString subject;            // "the queue 'orders'", for error messages
    };
    struct HttpReply {
        int status = 0;
        QByteArray body;
    };
    using ReplyHandler = std::function<void(Result<HttpReply>)>;
    using AuthorizationHandler = std::function<void(Result<QString>)>;

    template <typename T>
    QFuture<Result<T>> call(Request request, std::function<Result<T>(const HttpReply&)> parse);
    template <typename Description>
    QFuture<Result<QList<AtomItem<Description>>>>
    listAll(const QString& path, const QString& subject,
            std::function<Result<AtomPage<Description>>(const QByteArray&)> parse,
            std::function<void(AtomItem<Description>&)> complete);
    QFuture<VoidResult> remove(const QString& path, const QString& subject);
    // One entity's GET and PUT (create, or update with If-Match: *); `complete` fills the
    // names the service leaves out. Defined where the entity operations are.
    template <typename Description>
    using ItemParser = Result<AtomItem<Description>> (*)(const QByteArray&);
    template <typename Description>
    QFuture<Result<AtomItem<Description>>>
    getItem(const QString& path, const QString& subject, ItemParser<Description> parse,
            std::function<void(AtomItem<Description>&)> complete);
    template <typename Description>
    QFuture<Result<AtomItem<Description>>>
    putItem(Request request, const Description& sent, ItemParser<Description> parse,
            std::function<void(AtomItem<Description>&)> complete);

    void send(Request request, ReplyHandler done, int attempt = 0);
    [[nodiscard]] std::chrono::milliseconds retryDelay(int attempt) const;
    void authorize(const QUrl& url, AuthorizationHandler done);
    void dispatch(const Request& request, const QUrl& url, const QString& authorization,
                  ReplyHandler done);
    [[nodiscard]] QString supplementaryAuthorization(const QString& target,
                                                     const QString& authorization) const;

    AdminClientOptions m_options;
    QNetworkAccessManager* m_network = nullptr;
    std::optional<QSslConfiguration> m_ssl;
    std::optional<Error> m_setupError; // e.g. an unreadable CA file: every request reports it
};

} // namespace busbar
