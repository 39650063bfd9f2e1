// ConnectionProbe's AMQP steps: SASL, open and CBS put-token over its own AmqpDriver.
#include "core/amqp/AmqpDriver.h"
#include "core/amqp/ProtonAccess.h"
#include "core/auth/TokenProvider.h"
#include "core/diagnostics/ConnectionProbeHandler.h"
#include "core/diagnostics/FrameTrace.h"
#include "core/servicebus/WhenFinished.h"

#include <QUuid>

#include <proton/codec/map.hpp>
#include <proton/connection.hpp>
#include <proton/connection_options.hpp>
#include <proton/delivery.hpp>
#include <proton/error_condition.hpp>
#include <proton/message_id.hpp>
#include <proton/receiver.hpp>
#include <proton/receiver_options.hpp>
#include <proton/sasl.h>
#include <proton/target_options.hpp>
#include <proton/timestamp.hpp>
#include <proton/transport.hpp>

#include <map>

namespace busbar {

namespace {

QString textOf(const proton::error_condition& error) {
    return QString::fromStdString(error.what());
}

std::optional<int> intOf(const proton::value& value) {
    try {
        return int(proton::coerce<int64_t>(value));
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

QString stringOf(const proton::value& value) {
    if (value.type() == proton::STRING) {
        return QString::fromStdString(proton::get<std::string>(value));
    }
    return {};
}

} // namespace

void ConnectionProbe::Handler::on_connection_open(proton::connection& connection) {
    pn_connection_t* c = cConnection(connection);
    pn_transport_t* t = cTransport(connection.transport());
    m_probe->onAmqpOpened(QObject::tr("container %1, max frame %2 bytes, idle time-out %3 ms")
                              .arg(toQString(pn_connection_remote_container(c)))
                              .arg(pn_transport_get_remote_max_frame(t))
                              .arg(pn_transport_get_remote_idle_timeout(t)));
}

void ConnectionProbe::Handler::on_sendable(proton::sender& sender) {
    if (request && sender.target().address() == requestTarget && sender.credit() > 0) {
        sender.send(*request);
        request.reset();
    }
}

void ConnectionProbe::Handler::on_message(proton::delivery&, proton::message& message) {
    try {
        if (proton::coerce<std::string>(message.correlation_id()) != requestId) {
            return;
        }
    } catch (const std::exception&) {
        return;
    }
    const auto& properties = message.properties();
    std::optional<int> status;
    QString description;
    for (const char* key : {"status-code", "statusCode"}) {
        if (!status && properties.exists(key)) {
            status = intOf(properties.get(key));
        }
    }
    for (const char* key : {"status-description", "statusDescription"}) {
        if (description.isEmpty() && properties.exists(key)) {
            description = stringOf(properties.get(key));
        }
    }
    m_probe->onReply(status.value_or(0), description);
}

void ConnectionProbe::Handler::sendRequest(proton::connection connection, const std::string& node,
                                           proton::message message) {
    const std::string replyTo =
        "probe-" + QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
    connection.open_receiver(
        node, proton::receiver_options().target(proton::target_options().address(replyTo)));
    connection.open_sender(node);
    requestId = QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
    requestTarget = node;
    message.id(proton::message_id(requestId));
    message.reply_to(replyTo);
    message.to(node);
    request = std::move(message);
}

void ConnectionProbe::Handler::on_transport_error(proton::transport& transport) {
    m_probe->onAmqpError(textOf(transport.error()));
}

void ConnectionProbe::Handler::on_connection_error(proton::connection& connection) {
    m_probe->onAmqpError(textOf(connection.error()));
}

void ConnectionProbe::Handler::on_sender_error(proton::sender& sender) {
    m_probe->onAmqpError(textOf(sender.error()));
}

void ConnectionProbe::Handler::on_receiver_error(proton::receiver& receiver) {
    m_probe->onAmqpError(textOf(receiver.error()));
}

void ConnectionProbe::startAmqp(std::unique_ptr<ByteTransport> transport) {
    begin(ProbeStepKind::Sasl);
    m_handler = std::make_unique<Handler>(this);
    m_driver = new AmqpDriver(std::move(transport),
                              QStringLiteral("busbar-probe-") +
                                  QUuid::createUuid().toString(QUuid::WithoutBraces).left(8),
                              this);
    m_driver->setFrameTrace(m_options.frameTrace ? m_options.frameTrace : FrameTrace::shared(),
                            m_host);
    m_driver->setBeforeDispatch([this] { checkSasl(); });
    connect(m_driver, &AmqpDriver::finished, this, &ConnectionProbe::onAmqpFinished);
    // As ConnectionEngine::startConnecting, so the probe opens what the app would.
    proton::connection_options options;
    options.handler(*m_handler)
        .virtual_host(m_host.toStdString())
        .idle_timeout(proton::duration(2 * m_options.idleTimeout.count()))
        .sasl_enabled(true)
        .sasl_allowed_mechs("ANONYMOUS");
    m_driver->connect(options);
}

void ConnectionProbe::checkSasl() {
    if (!isRunning(ProbeStepKind::Sasl) || !m_driver) {
        return;
    }
    pn_sasl_t* sasl = pn_sasl(cTransport(m_driver->driver().transport()));
    const pn_sasl_outcome_t outcome = pn_sasl_outcome(sasl);
    if (outcome == PN_SASL_NONE) {
        return;
    }
    const QString mechanism = toQString(pn_sasl_get_mech(sasl));
    if (outcome != PN_SASL_OK) {
        failStep(tr("SASL: the broker refused %1 (outcome %2)").arg(mechanism).arg(int(outcome)),
                 ErrorCode::Authentication);
        return;
    }
    succeed(tr("mechanism %1 accepted").arg(mechanism));
    begin(ProbeStepKind::AmqpOpen);
}

void ConnectionProbe::onAmqpOpened(const QString& detail) {
    if (isRunning(ProbeStepKind::Sasl)) {
        checkSasl(); // the outcome and the open arrived in one read
    }
    if (!isRunning(ProbeStepKind::AmqpOpen)) {
        return;
    }
    succeed(detail);
    putToken();
}

void ConnectionProbe::onAmqpError(const QString& text) {
    if (m_amqpClosing || m_report.steps.isEmpty() || m_report.steps.last().finished()) {
        return; // what follows our own close is not a finding
    }
    const ProbeStepKind kind = m_report.steps.last().kind;
    const bool unauthorized = text.contains(QStringLiteral("unauthorized"));
    ErrorCode code = unauthorized ? ErrorCode::Authentication : ErrorCode::Connection;
    if (text.contains(QStringLiteral("not-found"))) {
        code = ErrorCode::EntityNotFound;
    }
    if (kind == ProbeStepKind::Sasl) {
        failStep(tr("SASL: %1").arg(text), code);
    } else if (kind == ProbeStepKind::AmqpOpen) {
        failStep(tr("AMQP: %1").arg(text), code);
    } else if (kind == ProbeStepKind::Cbs) {
        failStep(tr("CBS: %1").arg(text), code);
    } else if (kind == ProbeStepKind::Management) {
        failStep(tr("Management: %1").arg(text), code);
    }
}

void ConnectionProbe::onAmqpFinished() {
    const QString reason =
        m_driver && m_driver->transport() ? m_driver->transport()->errorString() : QString();
    onAmqpError(reason.isEmpty() ? tr("the connection closed")
                                 : tr("the connection closed: %1").arg(reason));
    if (m_driver) {
        AmqpDriver* driver = std::exchange(m_driver, nullptr);
        driver->disconnect(this);
        driver->deleteLater();
    }
}

void ConnectionProbe::putToken() {
    begin(ProbeStepKind::Cbs);
    whenFinished(m_tokens->token(m_audience), this, [this](const Result<AccessToken>& token) {
        if (!isRunning(ProbeStepKind::Cbs) || !m_driver) {
            return;
        }
        if (!token) {
            failStep(tr("CBS: no token for %1: %2").arg(m_audience, token.error().message),
                     token.error().code);
            return;
        }
        proton::message request;
        request.properties().put("operation", "put-token");
        request.properties().put("type", token->type.toStdString());
        request.properties().put("name", m_audience.toStdString());
        request.properties().put("expiration",
                                 proton::timestamp(token->expiresAtEpochSeconds * 1000));
        request.body(token->token.toStdString());
        m_handler->sendRequest(m_driver->driver().connection(), "$cbs", std::move(request));
        m_tokenType = token->type;
        m_driver->scheduleProcess();
    });
}

void ConnectionProbe::onReply(int status, const QString& description) {
    const QString answer = QStringLiteral("%1 %2")
                               .arg(status)
                               .arg(description.isEmpty() ? QString() : description)
                               .trimmed();
    if (isRunning(ProbeStepKind::Management)) {
        const QString where =
            tr("peek on %1/$management").arg(m_options.connectionString.entityPath());
        if (status == 200 || status == 204) {
            succeed(tr("%1: %2").arg(where, status == 204 ? tr("204, the entity is empty")
                                                          : tr("200, a message was peeked")));
            finish();
        } else {
            const Error error = errorFromStatusCode(status, QString(), description);
            failStep(tr("Management: %1 failed: %2").arg(where, answer), error.code);
        }
        return;
    }
    if (!isRunning(ProbeStepKind::Cbs)) {
        return;
    }
    if (status >= 200 && status < 300) {
        succeed(tr("audience %1, %2: %3").arg(m_audience, m_tokenType, answer));
        readManagement();
        return;
    }
    failStep(tr("CBS: the broker refused the token for %1: %2").arg(m_audience, answer),
             status == 401 ? ErrorCode::Authentication : ErrorCode::Authorization);
}

void ConnectionProbe::peekEntity() {
    begin(ProbeStepKind::Management);
    proton::message request;
    request.properties().put("operation", "com.microsoft:peek-message");
    std::map<std::string, proton::value> body;
    body["from-sequence-number"] = int64_t(0);
    body["message-count"] = int32_t(1);
    request.body(proton::value(body));
    const std::string node = m_options.connectionString.entityPath().toStdString() + "/$management";
    m_handler->sendRequest(m_driver->driver().connection(), node, std::move(request));
    m_driver->scheduleProcess();
}

void ConnectionProbe::closeAmqp() {
    if (!m_driver || m_driver->isFinished() || m_amqpClosing) {
        return;
    }
    m_amqpClosing = true;
    m_driver->driver().connection().close();
    m_driver->scheduleProcess();
}

} // namespace busbar
