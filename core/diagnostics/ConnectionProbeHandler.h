#pragma once

#include "core/diagnostics/ConnectionProbe.h"

#include <proton/message.hpp>
#include <proton/messaging_handler.hpp>
#include <proton/sender.hpp>

#include <optional>
#include <string>

namespace busbar {

// Proton's events for a probe's AMQP connection: open, errors, and the one CBS exchange.
// Exceptions never leave a callback (they would unwind through the driver).
class ConnectionProbe::Handler final : public proton::messaging_handler {
public:
    explicit Handler(ConnectionProbe* probe)
        : m_probe(probe) {}

    // The pending request (CBS put-token, then a $management peek), sent as soon as the
    // sender to `requestTarget` has credit; its reply is matched by `requestId`.
    std::optional<proton::message> request;
    std::string requestTarget;
    std::string requestId;

    // Opens a reply receiver and a sender on `node` and queues `message` to it.
    void sendRequest(proton::connection connection, const std::string& node,
                     proton::message message);

    void on_connection_open(proton::connection& connection) override;
    void on_sendable(proton::sender& sender) override;
    void on_message(proton::delivery& delivery, proton::message& message) override;
    void on_transport_error(proton::transport& transport) override;
    void on_connection_error(proton::connection& connection) override;
    void on_sender_error(proton::sender& sender) override;
    void on_receiver_error(proton::receiver& receiver) override;
    void on_session_error(proton::session&) override {}
    void on_error(const proton::error_condition&) override {}

private:
    ConnectionProbe* m_probe;
};

} // namespace busbar
