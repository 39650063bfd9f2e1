#include "TestAmqpClient.h"

#include "core/amqp/AmqpDriver.h"
#include "core/amqp/ProtonAccess.h"

#include <QUuid>

#include <proton/connection_options.hpp>
#include <proton/message.hpp>
#include <proton/message_id.hpp>
#include <proton/messaging_handler.hpp>
#include <proton/receiver_options.hpp>
#include <proton/sender_options.hpp>
#include <proton/source_options.hpp>
#include <proton/target_options.hpp>
#include <proton/types.hpp>

#include <deque>
#include <map>

namespace busbar::test {

class TestAmqpClient::Handler final : public proton::messaging_handler {
public:
    explicit Handler(TestAmqpClient* owner)
        : m_owner(owner) {}

    void on_connection_open(proton::connection&) override { m_owner->m_open = true; }
    void on_connection_close(proton::connection&) override { m_owner->m_open = false; }
    void on_sender_open(proton::sender& s) override {
        Link& link = m_owner->m_links[QString::fromStdString(s.name())];
        link.opened = true;
        link.remoteMaxMessageSize = pn_link_remote_max_message_size(cLink(s));
    }
    void on_receiver_open(proton::receiver& r) override {
        Link& link = m_owner->m_links[QString::fromStdString(r.name())];
        link.opened = true;
        const proton::source::filter_map filters = r.source().filters();
        const proton::symbol key("com.microsoft:session-filter");
        if (filters.exists(key)) {
            const proton::value v = filters.get(key);
            link.echoedSessionFilter =
                v.empty() ? QString() : QString::fromStdString(proton::get<std::string>(v));
        }
        const auto properties = r.properties();
        const proton::symbol lockedUntil("com.microsoft:locked-until-utc");
        if (const auto it = properties.find(lockedUntil); it != properties.end()) {
            link.lockedUntilTicks = proton::coerce<int64_t>(it->second);
        }
    }
    void on_sender_close(proton::sender& s) override { closed(s); }
    void on_receiver_drain_finish(proton::receiver& r) override {
        m_owner->m_links[QString::fromStdString(r.name())].drained = true;
    }
    void on_receiver_close(proton::receiver& r) override { closed(r); }
    void on_sendable(proton::sender& s) override {
        auto& queue = m_pending[s.name()];
        while (!queue.empty() && s.credit() > 0) {
            s.send(queue.front());
            queue.pop_front();
        }
    }
    void on_tracker_accept(proton::tracker& t) override { outcome(t, QStringLiteral("accepted")); }
    void on_tracker_reject(proton::tracker& t) override {
        pn_condition_t* condition = pn_disposition_condition(pn_delivery_remote(cDelivery(t)));
        outcome(t, QStringLiteral("rejected:") + toQString(pn_condition_get_name(condition)));
    }
    void on_tracker_release(proton::tracker& t) override { outcome(t, QStringLiteral("released")); }
    void on_message(proton::delivery& d, proton::message& m) override {
        const QString name = QString::fromStdString(d.receiver().name());
        if (name.endsWith(QLatin1String("-mgmt-reply"))) {
            Response response;
            const proton::value code = m.properties().get("statusCode");
            response.statusCode = code.empty() ? -1 : proton::coerce<int>(code);
            const proton::value description = m.properties().get("statusDescription");
            if (!description.empty()) {
                response.statusDescription =
                    QString::fromStdString(proton::get<std::string>(description));
            }
            const proton::value condition = m.properties().get("errorCondition");
            if (!condition.empty()) {
                response.errorCondition =
                    QString::fromStdString(proton::get<proton::symbol>(condition));
            }
            response.message = m;
            m_owner->m_responses[name.chopped(int(sizeof("-mgmt-reply")) - 1)].append(response);
            d.accept();
            return;
        }
        if (name == QLatin1String("cbs-reply")) {
            const proton::value code = m.properties().get("status-code");
            m_owner->m_cbsStatus.append(code.empty() ? -1 : proton::coerce<int>(code));
            return;
        }
        Received received;
        const proton::value& body = m.body();
        if (body.type() == proton::BINARY) {
            const auto bytes = proton::get<proton::binary>(body);
            received.body =
                QByteArray(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size()));
        } else if (body.type() == proton::STRING) {
            received.body = QByteArray::fromStdString(proton::get<std::string>(body));
        }
        const auto tag = d.tag();
        received.tag = QByteArray(reinterpret_cast<const char*>(tag.data()), qsizetype(tag.size()));
        received.messageId = QString::fromStdString(proton::to_string(m.id()));
        received.deliveryCount = m.delivery_count();
        m_owner->m_links[name].received.append(received);
        m_deliveries[name].push_back(d);
    }
    void on_error(const proton::error_condition&) override {}

    proton::connection connection() { return m_owner->m_driver->driver().connection(); }

    std::map<std::string, std::deque<proton::message>> m_pending;
    std::map<std::string, proton::sender> m_senders;
    std::map<std::string, proton::receiver> m_receivers;
    std::map<QString, std::vector<proton::delivery>> m_deliveries;
    int m_nextRequest = 0;

private:
    template <typename L>
    void closed(L& l) {
        Link& link = m_owner->m_links[QString::fromStdString(l.name())];
        link.closed = true;
        link.errorCondition = QString::fromStdString(l.error().name());
        link.errorDescription = QString::fromStdString(l.error().description());
    }
    void outcome(proton::tracker& t, const QString& what) {
        m_owner->m_links[QString::fromStdString(t.sender().name())].outcomes.append(what);
        t.settle();
    }

    TestAmqpClient* m_owner;
};

TestAmqpClient::TestAmqpClient(std::unique_ptr<ByteTransport> transport, QObject* parent)
    : QObject(parent)
    , m_handler(std::make_unique<Handler>(this)) {
    m_driver = new AmqpDriver(std::move(transport), QStringLiteral("test-client"), this);
    connect(m_driver, &AmqpDriver::finished, this, [this] {
        m_finished = true;
        m_open = false;
    });
}

TestAmqpClient::~TestAmqpClient() {
    delete m_driver; // before the handler it calls into
    m_driver = nullptr;
}

void TestAmqpClient::open(const QString& hostname) {
    m_driver->connect(proton::connection_options()
                          .handler(*m_handler)
                          .sasl_enabled(true)
                          .sasl_allowed_mechs("ANONYMOUS")
                          .virtual_host(hostname.toStdString())
                          .idle_timeout(proton::duration(60000)));
}

void TestAmqpClient::close() {
    m_handler->connection().close();
    m_driver->process();
}

void TestAmqpClient::putToken(const QString& audience, const QString& token) {
    proton::connection c = m_handler->connection();
    if (!m_handler->m_senders.count("cbs")) {
        m_handler->m_senders["cbs"] = c.open_sender("$cbs", proton::sender_options().name("cbs"));
        m_handler->m_receivers["cbs-reply"] =
            c.open_receiver("$cbs", proton::receiver_options()
                                        .name("cbs-reply")
                                        .target(proton::target_options().address("cbs-reply")));
    }
    proton::message request;
    request.id(proton::message_id("req-" + std::to_string(m_handler->m_nextRequest++)));
    request.reply_to("cbs-reply");
    request.properties().put("operation", "put-token");
    request.properties().put("type", "servicebus.windows.net:sastoken");
    request.properties().put("name", audience.toStdString());
    request.body(token.toStdString());
    m_handler->m_pending["cbs"].push_back(request);
    m_driver->process();
}

void TestAmqpClient::openSender(const QString& name, const QString& address) {
    m_handler->m_senders[name.toStdString()] = m_handler->connection().open_sender(
        address.toStdString(), proton::sender_options().name(name.toStdString()));
    m_driver->process();
}

void TestAmqpClient::openReceiver(const QString& name, const QString& address, int credit,
                                  bool receiveAndDelete, std::optional<QString> sessionFilter) {
    proton::receiver_options options;
    options.name(name.toStdString()).credit_window(credit).auto_accept(false);
    if (receiveAndDelete) {
        options.delivery_mode(proton::delivery_mode::AT_MOST_ONCE);
    }
    if (sessionFilter) {
        proton::source::filter_map filters;
        filters.put(proton::symbol("com.microsoft:session-filter"),
                    sessionFilter->isNull() ? proton::value()
                                            : proton::value(sessionFilter->toStdString()));
        options.source(proton::source_options().filters(filters));
    }
    m_handler->m_receivers[name.toStdString()] =
        m_handler->connection().open_receiver(address.toStdString(), options);
    m_driver->process();
}

void TestAmqpClient::send(const QString& linkName, const QByteArray& body, const QString& messageId,
                          const QString& sessionId) {
    proton::message message;
    if (!sessionId.isEmpty()) {
        message.group_id(sessionId.toStdString());
    }
    message.body(proton::binary(body.toStdString()));
    message.inferred(true);
    if (!messageId.isEmpty()) {
        message.id(proton::message_id(messageId.toStdString()));
    }
    m_handler->m_pending[linkName.toStdString()].push_back(message);
    if (auto it = m_handler->m_senders.find(linkName.toStdString());
        it != m_handler->m_senders.end()) {
        m_handler->on_sendable(it->second);
    }
    m_driver->process();
}

void TestAmqpClient::request(const QString& entity, const QString& operation,
                             const proton::value& body, const proton::message_id& id) {
    const std::string sender = entity.toStdString() + "-mgmt";
    const std::string reply = sender + "-reply";
    const std::string node = entity.toStdString() + "/$management";
    proton::connection c = m_handler->connection();
    if (!m_handler->m_senders.count(sender)) {
        m_handler->m_senders[sender] = c.open_sender(node, proton::sender_options().name(sender));
        m_handler->m_receivers[reply] =
            c.open_receiver(node, proton::receiver_options().name(reply).credit_window(10).target(
                                      proton::target_options().address(reply)));
    }
    proton::message message;
    message.id(id);
    message.reply_to(reply);
    message.properties().put("operation", operation.toStdString());
    message.body(body);
    m_handler->m_pending[sender].push_back(message);
    m_handler->on_sendable(m_handler->m_senders[sender]);
    m_driver->process();
}

void TestAmqpClient::drain(const QString& linkName) {
    proton::receiver& receiver = m_handler->m_receivers[linkName.toStdString()];
    receiver.add_credit(5);
    receiver.drain();
    m_driver->process();
}

void TestAmqpClient::accept(const QString& linkName, int index) {
    m_handler->m_deliveries[linkName].at(size_t(index)).accept();
    m_driver->process();
}

} // namespace busbar::test
