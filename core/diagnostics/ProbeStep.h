#pragma once

#include "core/common/Error.h"

#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace busbar {

// The steps of a connection test, in the order they run.
enum class ProbeStepKind {
    Dns,        // host name lookup (skipped through a proxy, which resolves it)
    Tcp,        // TCP connect (through the proxy when there is one)
    Tls,        // TLS handshake, or TLS + WebSocket upgrade for AMQP over WebSockets
    Sasl,       // SASL exchange (ANONYMOUS: tokens go over CBS)
    AmqpOpen,   // AMQP open
    Cbs,        // CBS put-token with the connection's credential
    Management, // one read through the management API (namespace info)
};

enum class ProbeStepStatus { Running, Ok, Failed, Skipped };

struct ProbeStep {
    ProbeStepKind kind = ProbeStepKind::Dns;
    ProbeStepStatus status = ProbeStepStatus::Running;
    qint64 elapsedMs = 0;
    // What was found ("127.0.0.1", "TLSv1.3, CN=localhost issued by CN=Test CA, verified"), or
    // why it failed ("TLS: the certificate for localhost does not match the host 127.0.0.1").
    // Never holds a key, signature or token.
    QString detail;
    ErrorCode errorCode = ErrorCode::Connection; // when Failed

    [[nodiscard]] bool finished() const { return status != ProbeStepStatus::Running; }
};

struct ProbeReport {
    QList<ProbeStep> steps;

    [[nodiscard]] bool ok() const { return !failedStep().has_value() && !steps.isEmpty(); }
    [[nodiscard]] std::optional<ProbeStep> failedStep() const {
        for (const ProbeStep& step : steps) {
            if (step.status == ProbeStepStatus::Failed) {
                return step;
            }
        }
        return std::nullopt;
    }
    [[nodiscard]] std::optional<ProbeStep> step(ProbeStepKind kind) const {
        for (const ProbeStep& step : steps) {
            if (step.kind == kind) {
                return step;
            }
        }
        return std::nullopt;
    }
};

// "DNS lookup", "TCP connect", ... for people.
[[nodiscard]] QString probeStepName(ProbeStepKind kind);

} // namespace busbar

Q_DECLARE_METATYPE(busbar::ProbeStep)
Q_DECLARE_METATYPE(busbar::ProbeReport)
