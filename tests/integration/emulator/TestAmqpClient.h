#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

#include <memory>

namespace proton {
class message;
}

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
    };

    explicit TestAmqpClient(std::unique_ptr<ByteTransport> transport, QObject* parent = nullptr);
    ~TestAmqpClient() override;

    void open(const QString& hostname = QStringLiteral("localhost"));
    void close();

    // Attaches the $cbs pair on first use, then sends put-token; the status code lands in
    // cbsStatusCodes().
    void putToken(const QString& audience, const QString& token);
    void openSender(const QString& name, const QString& address);
    void openReceiver(const QString& name, const QString& address, int credit,
                      bool receiveAndDelete = false);
    void send(const QString& linkName, const QByteArray& body, const QString& messageId = {});
    void accept(const QString& linkName, int index);

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
};

} // namespace busbar::test
