#include "bench/core/ProtonBenchClient.h"

#include <proton/binary.hpp>
#include <proton/connection.hpp>
#include <proton/connection_options.hpp>
#include <proton/container.hpp>
#include <proton/delivery.hpp>
#include <proton/error_condition.hpp>
#include <proton/message.hpp>
#include <proton/messaging_handler.hpp>
#include <proton/receiver.hpp>
#include <proton/receiver_options.hpp>
#include <proton/scalar.hpp>
#include <proton/sender.hpp>
#include <proton/target_options.hpp>
#include <proton/tracker.hpp>
#include <proton/transport.hpp>
#include <proton/types.hpp>
#include <proton/value.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <vector>

namespace busbar::bench {

namespace {

using Clock = std::chrono::steady_clock;
constexpr int kPageSize = 250;
constexpr const char* kReplyTo = "bench-reply";

double rate(int count, Clock::time_point start) {
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return seconds > 0 ? count / seconds : 0;
}

class Handler final : public proton::messaging_handler {
public:
    explicit Handler(const ProtonBenchPlan& plan)
        : m_plan(plan)
        , m_payload(std::size_t(plan.bodySize), 'x') {}

    ProtonBenchResult result;

    void on_container_start(proton::container& container) override {
        proton::connection_options options;
        options.sasl_enabled(true).sasl_allowed_mechs("ANONYMOUS").virtual_host("localhost");
        m_connection = container.connect(m_plan.url, options);
        // Reply links first, so they are attached before the first request arrives.
        m_cbsReplies = m_connection.open_receiver(
            "$cbs", proton::receiver_options().target(proton::target_options().address(kReplyTo)));
        m_cbs = m_connection.open_sender("$cbs");
    }

    void on_sendable(proton::sender& sender) override {
        if (m_phase == Phase::Cbs && sender == m_cbs && !m_tokensSent) {
            m_tokensSent = true;
            for (const auto& [audience, token] : m_plan.tokens) {
                proton::message request;
                request.properties().put("operation", "put-token");
                request.properties().put("type", "servicebus.windows.net:sastoken");
                request.properties().put("name", audience);
                request.reply_to(kReplyTo);
                request.id(uint64_t(++m_requestId));
                request.body(token);
                sender.send(request);
            }
        } else if (m_phase == Phase::Peek && sender == m_requests && !m_requestOut) {
            requestPage();
        } else if (m_phase == Phase::Send && sender == m_sender) {
            while (sender.credit() > 0 && m_sent < m_plan.count) {
                proton::message message;
                message.body(m_payload);
                sender.send(message);
                ++m_sent;
            }
        }
    }

    void on_tracker_accept(proton::tracker&) override {
        if (m_phase == Phase::Send && ++m_accepted == m_plan.count) {
            result.sendRate = rate(m_plan.count, m_phaseStart);
            m_connection.close();
        }
    }

    void on_tracker_reject(proton::tracker&) override { failWith("a send was rejected"); }

    void on_message(proton::delivery&, proton::message& message) override {
        if (m_phase == Phase::Cbs) {
            const auto status = proton::coerce<int64_t>(message.properties().get("status-code"));
            if (status != 200 && status != 202) {
                failWith("put-token answered " + std::to_string(status));
            } else if (++m_authorized == int(m_plan.tokens.size())) {
                startPeek();
            }
        } else if (m_phase == Phase::Peek) {
            onPeekReply(message);
        } else if (m_phase == Phase::Receive && ++m_received == m_plan.count) {
            result.receiveAndDeleteRate = rate(m_plan.count, m_phaseStart);
            m_receiver.close();
            m_phase = Phase::Send;
            m_phaseStart = Clock::now();
            m_sender = m_connection.open_sender(m_plan.sendQueue);
        }
    }

    void on_transport_error(proton::transport& transport) override {
        failWith(transport.error().what());
    }
    void on_connection_error(proton::connection& connection) override {
        failWith(connection.error().what());
    }

private:
    enum class Phase { Cbs, Peek, Receive, Send };

    void startPeek() {
        m_cbs.close();
        m_cbsReplies.close();
        m_phase = Phase::Peek;
        const std::string management = m_plan.peekQueue + "/$management";
        m_replies = m_connection.open_receiver(
            management,
            proton::receiver_options().target(proton::target_options().address(kReplyTo)));
        m_requests = m_connection.open_sender(management);
        m_phaseStart = Clock::now();
    }

    void requestPage() {
        proton::message request;
        request.properties().put("operation", "com.microsoft:peek-message");
        request.reply_to(kReplyTo);
        request.id(uint64_t(++m_requestId));
        std::map<std::string, proton::value> body;
        body["from-sequence-number"] = int64_t(m_from);
        body["message-count"] = int32_t(kPageSize);
        request.body(body);
        m_requests.send(request);
        m_requestOut = true;
    }

    void onPeekReply(proton::message& reply) {
        m_requestOut = false;
        const int status = int(proton::coerce<int64_t>(reply.properties().get("statusCode")));
        int got = 0;
        if (status == 200) {
            std::map<std::string, proton::value> body;
            proton::get(reply.body(), body);
            std::vector<proton::value> messages;
            proton::get(body["messages"], messages);
            for (const proton::value& entry : messages) {
                std::map<std::string, proton::value> wrapper;
                proton::get(entry, wrapper);
                const auto bytes = proton::get<proton::binary>(wrapper["message"]);
                proton::message peeked;
                peeked.decode(std::vector<char>(bytes.begin(), bytes.end()));
                const proton::value sequence =
                    peeked.message_annotations().get(proton::symbol("x-opt-sequence-number"));
                m_from = proton::coerce<int64_t>(sequence) + 1;
                ++got;
            }
        } else if (status != 204) {
            failWith("peek answered " + std::to_string(status));
            return;
        }
        m_peeked += got;
        if (got == 0 || m_peeked >= m_plan.count) {
            result.peekRate = rate(m_peeked, m_phaseStart);
            m_replies.close();
            m_requests.close();
            m_phase = Phase::Receive;
            m_phaseStart = Clock::now();
            m_receiver = m_connection.open_receiver(
                m_plan.receiveQueue, proton::receiver_options()
                                         .delivery_mode(proton::delivery_mode::AT_MOST_ONCE)
                                         .credit_window(500));
            return;
        }
        if (m_requests.credit() > 0) {
            requestPage();
        }
    }

    void failWith(const std::string& what) {
        if (result.error.empty()) {
            result.error = what;
        }
        if (m_connection) {
            m_connection.close();
        }
    }

    ProtonBenchPlan m_plan;
    proton::binary m_payload;
    proton::connection m_connection;
    proton::sender m_cbs;
    proton::receiver m_cbsReplies;
    proton::sender m_requests;
    proton::receiver m_replies;
    proton::receiver m_receiver;
    proton::sender m_sender;
    Phase m_phase = Phase::Cbs;
    bool m_tokensSent = false;
    int m_authorized = 0;
    Clock::time_point m_phaseStart;
    bool m_requestOut = false;
    uint64_t m_requestId = 0;
    int64_t m_from = 0;
    int m_peeked = 0;
    int m_received = 0;
    int m_sent = 0;
    int m_accepted = 0;
};

} // namespace

ProtonBenchResult runProtonBench(const ProtonBenchPlan& plan) {
    Handler handler(plan);
    proton::container container(handler);
    try {
        container.run();
    } catch (const std::exception& e) {
        handler.result.error = e.what();
    }
    return handler.result;
}

} // namespace busbar::bench
