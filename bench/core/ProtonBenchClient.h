#pragma once

#include <string>
#include <utility>
#include <vector>

namespace busbar::bench {

// What one minimal Proton-C++ client run measured, in messages per second.
struct ProtonBenchResult {
    double peekRate = 0;
    double receiveAndDeleteRate = 0;
    double sendRate = 0;
    std::string error; // empty when every phase finished
};

struct ProtonBenchPlan {
    std::string url; // amqp://127.0.0.1:port
    // CBS put-token before each attach (the emulator offers SASL ANONYMOUS only): audience and
    // SAS token text for every queue below.
    std::vector<std::pair<std::string, std::string>> tokens;
    std::string peekQueue;
    std::string receiveQueue;
    std::string sendQueue;
    int count = 0;
    int bodySize = 0;
};

// The baseline a careful programmer writes in an afternoon: one proton::container, a plain
// messaging_handler, SASL ANONYMOUS and one CBS put-token per queue, peek through $management in
// pages of 250, a receive-and-delete link with a credit window, and pipelined sends. Blocks until
// done.
ProtonBenchResult runProtonBench(const ProtonBenchPlan& plan);

} // namespace busbar::bench
