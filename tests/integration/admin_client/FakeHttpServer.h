#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QTcpServer>
#include <QTcpSocket>

#include <functional>
#include <memory>

namespace busbar::test {

// A loopback HTTP/1.1 server with canned answers, for what the emulator never does: the
// service's "200 with an empty feed" for a missing entity, a 403 quota, silence (timeouts).
// Records every request so tests can check headers.
class FakeHttpServer final {
public:
    struct Request {
        QByteArray verb;
        QByteArray target;                     // path and query as sent
        QHash<QByteArray, QByteArray> headers; // names lower-cased
        QByteArray body;
    };
    struct Response {
        int status = 200;
        QByteArray body;
        bool silent = false; // never answer
    };
    using Responder = std::function<Response(const Request&)>;

    FakeHttpServer() {
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                auto buffer = std::make_shared<QByteArray>();
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
                    buffer->append(socket->readAll());
                    serve(socket, *buffer);
                });
                QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

    quint16 listen() {
        m_server.listen(QHostAddress::LocalHost, 0);
        return m_server.serverPort();
    }
    void setResponder(Responder responder) { m_responder = std::move(responder); }
    [[nodiscard]] const QList<Request>& requests() const { return m_requests; }

private:
    void serve(QTcpSocket* socket, QByteArray& buffer) {
        for (;;) {
            const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
            if (headerEnd < 0) {
                return;
            }
            Request request;
            const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
            const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
            request.verb = requestLine.value(0);
            request.target = requestLine.value(1);
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(':');
                if (colon > 0) {
                    request.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                           lines[i].mid(colon + 1).trimmed());
                }
            }
            const qsizetype length = request.headers.value("content-length").toLongLong();
            if (buffer.size() < headerEnd + 4 + length) {
                return;
            }
            request.body = buffer.mid(headerEnd + 4, length);
            buffer.remove(0, headerEnd + 4 + length);
            m_requests.append(request);
            const Response response = m_responder ? m_responder(request) : Response{};
            if (response.silent) {
                continue;
            }
            QByteArray reply = "HTTP/1.1 " + QByteArray::number(response.status) + " Status\r\n";
            reply += "Content-Type: application/xml\r\nContent-Length: " +
                     QByteArray::number(response.body.size()) + "\r\n\r\n" + response.body;
            socket->write(reply);
        }
    }

    QTcpServer m_server;
    Responder m_responder;
    QList<Request> m_requests;
};

} // namespace busbar::test
