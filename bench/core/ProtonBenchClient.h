#pragma once

#include <string>

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
    std::string keyName;
    std::string key;
    std::string peekQueue;
    std::string receiveQueue;
    std::string sendQueue;
    int count = 0;
    int bodySize = 0;
};

// The baseline a careful programmer writes in an afternoon: one proton::container, a plain
// messaging_handler, SASL PLAIN (no CBS), peek through $management in pages of 250, a
// receive-and-delete link with a credit window, and pipelined sends. Blocks until done.
ProtonBenchResult runProtonBench(const ProtonBenchPlan& plan);

} // namespace busbar::bench
