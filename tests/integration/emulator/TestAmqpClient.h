#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

#include <proton/message.hpp>
#include <proton/value.hpp>

#include <memory>
#include <optional>

namespace busbar {
class AmqpDriver;
class ByteTransport;
} // namespace busbar

namespace busbar::test {

// A tiny Proton-C++ client for the emulator's integration tests: SASL ANONYMOUS, $cbs
// put-token, sender and receiver links by name. Everything is recorded for QTRY_* checks.
class TestAmqpClient final : public QObject {
    Q_OBJECT
public:
    struct Received {
        QByteArray body; // the data/value payload as bytes
        QByteArray tag;
        QString messageId;
        quint32 deliveryCount = 0;
    };
    struct Link {
        bool opened = false;    // the emulator's attach arrived
        bool closed = false;    // the emulator detached it
        QString errorCondition; // of the detach
        QString errorDescription;
        quint64 remoteMaxMessageSize = 0;
        QStringList outcomes; // per sent message: "accepted", "rejected:<condition>", ...
        QList<Received> received;
        // Receive links: the emulator's echo of the session filter and locked-until (ticks).
        std::optional<QString> echoedSessionFilter;
        qint64 lockedUntilTicks = 0;
        bool drained = false; // a drain we asked for completed
    };
    // A $management response.
    struct Response {
        int statusCode = 0;
        QString statusDescription;
        QString errorCondition;
        proton::message message;
    };

    explicit TestAmqpClient(std::unique_ptr<ByteTransport> transport, QObject* parent = nullptr);
    ~TestAmqpClient() override;

    void open(const QString& hostname = QStringLiteral("localhost"));
    void close();

    // Attaches the $cbs pair on first use, then sends put-token; the status code lands in
    // cbsStatusCodes().
    void putToken(const QString& audience, const QString& token);
    void openSender(const QString& name, const QString& address);
    // sessionFilter: nullopt = no filter; a null QString = next available session.
    void openReceiver(const QString& name, const QString& address, int credit,
                      bool receiveAndDelete = false,
                      std::optional<QString> sessionFilter = std::nullopt);
    void send(const QString& linkName, const QByteArray& body, const QString& messageId = {},
              const QString& sessionId = {});
    // Attaches the request/response pair for `entity`/$management on first use, then sends
    // `operation` with `body`; responses land in responses(entity) in arrival order.
    void request(const QString& entity, const QString& operation, const proton::value& body,
                 const proton::message_id& id);
    [[nodiscard]] QList<Response> responses(const QString& entity) const {
        return m_responses.value(entity);
    }
    void accept(const QString& linkName, int index);
    // Grants 5 credits with drain=true: the emulator sends what it has, then uses up the rest.
    void drain(const QString& linkName);

    [[nodiscard]] bool isOpen() const { return m_open; }
    [[nodiscard]] bool isFinished() const { return m_finished; }
    [[nodiscard]] const QList<int>& cbsStatusCodes() const { return m_cbsStatus; }
    [[nodiscard]] Link link(const QString& name) const { return m_links.value(name); }

private:
    class Handler;
    friend class Handler;

    AmqpDriver* m_driver = nullptr;
    std::unique_ptr<Handler> m_handler;
    bool m_open = false;
    bool m_finished = false;
    QList<int> m_cbsStatus;
    QHash<QString, Link> m_links;
    QHash<QString, QList<Response>> m_responses;
};

} // namespace busbar::test
