#pragma once

#include "core/auth/ConnectionString.h"
#include "core/jobs/Job.h"
#include "core/servicebus/AmqpServiceBusClient.h"
#include "emulator/config/NamespaceConfig.h"
#include "tests/common/ClientFixtures.h"
#include "tests/common/DeadLetterFixtures.h"

#include <QSet>
#include <QTest>

#include <memory>

namespace busbar::test {

using namespace std::chrono_literals;

inline constexpr int kJobAwaitMs = kFixtureAwaitMs;

inline QSet<QString> idsOf(const QList<ServiceBusMessage>& messages, int* duplicates = nullptr) {
    QSet<QString> ids;
    for (const ServiceBusMessage& m : messages) {
        if (ids.contains(m.messageId()) && duplicates) {
            ++*duplicates;
        }
        ids.insert(m.messageId());
    }
    return ids;
}

inline bool waitFinished(const Job& job, int ms = kJobAwaitMs) {
    return QTest::qWaitFor([&job] { return job.isFinished(); }, ms);
}

} // namespace busbar::test
