#pragma once

#include "core/common/Result.h"
#include "emulator/config/NamespaceConfig.h"
#include "tests/common/Await.h"

#include <QPointer>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

namespace busbar::test {

// How long a QTRY in these tests waits for the client (await() has its own, longer, patience).
inline constexpr int kAwaitMs = 20000;

inline QString describe(const Error& error) {
    return error.toString();
}

inline bool runOpenssl(const QString& directory, const QStringList& arguments) {
    QProcess process;
    process.setWorkingDirectory(directory);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral("openssl"), arguments);
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
        qWarning() << "openssl" << arguments << "failed:" << process.readAll();
        return false;
    }
    return true;
}

// A test CA and a server certificate for DNS:localhost only, so 127.0.0.1 is a wrong name.
inline bool makeTestCertificates(const QString& d) {
    const auto s = [](const char* text) {
        return QString::fromLatin1(text);
    };
    if (!runOpenssl(d, {s("req"), s("-x509"), s("-newkey"), s("rsa:2048"), s("-nodes"),
                        s("-keyout"), s("ca.key"), s("-out"), s("ca.pem"), s("-days"), s("1"),
                        s("-subj"), s("/CN=Busbar Client Test CA"), s("-addext"),
                        s("basicConstraints=critical,CA:TRUE"), s("-addext"),
                        s("keyUsage=critical,keyCertSign,cRLSign")})) {
        return false;
    }
    if (!runOpenssl(d, {s("req"), s("-newkey"), s("rsa:2048"), s("-nodes"), s("-keyout"),
                        s("server.key"), s("-out"), s("server.csr"), s("-subj"),
                        s("/CN=localhost")})) {
        return false;
    }
    QFile extensions(d + QStringLiteral("/ext.cnf"));
    if (!extensions.open(QIODevice::WriteOnly)) {
        return false;
    }
    extensions.write("subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\n"
                     "extendedKeyUsage=serverAuth\n");
    extensions.close();
    return runOpenssl(d, {s("x509"), s("-req"), s("-in"), s("server.csr"), s("-CA"), s("ca.pem"),
                          s("-CAkey"), s("ca.key"), s("-CAcreateserial"), s("-out"),
                          s("server.pem"), s("-days"), s("1"), s("-extfile"), s("ext.cnf")});
}

// A loopback TCP relay between the client and the emulator that can swallow the broker's
// replies or cut every connection: enough to make an outcome go missing on purpose.
class TcpRelay final {
public:
    bool listen(quint16 targetPort) {
        m_target = targetPort;
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket* client = m_server.nextPendingConnection()) {
                auto* upstream = new QTcpSocket(client);
                QObject::connect(client, &QTcpSocket::readyRead, upstream,
                                 [this, client, upstream] {
                                     const QByteArray bytes = client->readAll();
                                     m_clientBytes += bytes.size();
                                     upstream->write(bytes);
                                 });
                QObject::connect(upstream, &QTcpSocket::readyRead, client,
                                 [this, client, upstream] {
                                     const QByteArray bytes = upstream->readAll();
                                     if (!m_dropReplies) {
                                         client->write(bytes);
                                     }
                                 });
                QObject::connect(upstream, &QTcpSocket::disconnected, client, &QTcpSocket::abort);
                QObject::connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
                upstream->connectToHost(QHostAddress::LocalHost, m_target);
                m_clients.append(client);
            }
        });
        return m_server.listen(QHostAddress::LocalHost, 0);
    }
    [[nodiscard]] quint16 port() const { return m_server.serverPort(); }
    void setDropReplies(bool drop) { m_dropReplies = drop; }
    [[nodiscard]] qint64 clientBytes() const { return m_clientBytes; }
    void cutAll() {
        for (const QPointer<QTcpSocket>& client : std::as_const(m_clients)) {
            if (client) {
                client->abort();
            }
        }
    }

private:
    QTcpServer m_server;
    quint16 m_target = 0;
    bool m_dropReplies = false;
    qint64 m_clientBytes = 0;
    QList<QPointer<QTcpSocket>> m_clients;
};

inline emulator::EmulatorConfig clientTestConfig() {
    emulator::NamespaceConfig ns;
    for (const char* name :
         {"basic", "props", "complete", "abandon", "defer", "deadletter", "rad", "schedule",
          "renew", "batch", "ws", "tls", "large", "tokens", "cancel", "unknown"}) {
        QueueDescription queue;
        queue.name = QString::fromLatin1(name);
        ns.queues.append(queue);
    }
    QueueDescription sessions;
    sessions.name = QStringLiteral("sessions");
    sessions.requiresSession = true;
    ns.queues.append(sessions);
    emulator::TopicConfig topic;
    topic.description.name = QStringLiteral("t1");
    emulator::SubscriptionConfig sub;
    sub.description.topicName = QStringLiteral("t1");
    sub.description.name = QStringLiteral("s1");
    topic.subscriptions.append(sub);
    ns.topics.append(topic);
    emulator::EmulatorConfig config;
    config.namespaces.append(ns);
    return config;
}

} // namespace busbar::test
