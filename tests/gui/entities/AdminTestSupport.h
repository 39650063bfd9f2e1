#pragma once

#include "core/admin/AtomAdminClient.h"
#include "core/auth/ConnectionString.h"
#include "emulator/server/InProcessEmulator.h"
#include "tests/integration/client/ClientTestSupport.h"

#include <QTest>

#include <memory>

namespace busbar::test {

// An in-process emulator with its admin endpoint and an AtomAdminClient talking to it.
struct AdminFixture {
    emulator::InProcessEmulator emulator;
    std::unique_ptr<AtomAdminClient> admin;

    bool start(const emulator::EmulatorConfig& config = clientTestConfig()) {
        emulator::EmulatorOptions options = emulator::InProcessEmulator::ephemeralOptions();
        options.config = config;
        const auto endpoints = emulator.start(options);
        if (!endpoints || endpoints->adminUrl.isEmpty()) {
            qWarning() << "emulator did not start"
                       << (endpoints ? QString() : describe(endpoints.error()));
            return false;
        }
        auto connection = ConnectionString::parse(endpoints->connectionString);
        if (!connection) {
            return false;
        }
        connection->setAdminBaseUrl(endpoints->adminUrl);
        AdminClientOptions adminOptions = AdminClientOptions::fromConnectionString(*connection);
        adminOptions.timeout = std::chrono::seconds(10);
        admin = std::make_unique<AtomAdminClient>(adminOptions);
        return true;
    }
};

} // namespace busbar::test
