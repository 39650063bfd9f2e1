#pragma once

// A messaging client for a test that drives the broker directly (seeding, reading back),
// shared by the jobs' integration and fault tests.

#include "core/auth/ConnectionString.h"
#include "core/servicebus/AmqpServiceBusClient.h"

#include <chrono>
#include <memory>

namespace busbar::test {

// A client on `connectionString`, or null when it does not parse. Its operations give up
// after 10 s, well inside a test's await, so an unanswered request fails as Timeout.
inline std::unique_ptr<AmqpServiceBusClient> clientFor(const QString& connectionString) {
    Result<ConnectionString> cs = ConnectionString::parse(connectionString);
    if (!cs) {
        return nullptr;
    }
    NamespaceConnectionOptions options;
    options.connectionString = *cs;
    auto client = std::make_unique<AmqpServiceBusClient>(options);
    client->setOperationTimeout(std::chrono::seconds(10));
    return client;
}

} // namespace busbar::test
