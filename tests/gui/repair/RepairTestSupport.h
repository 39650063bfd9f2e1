#pragma once

#include "core/jobs/Job.h"
#include "core/jobs/JobManager.h"
#include "tests/common/DeadLetterFixtures.h"
#include "tests/gui/common/MainWindowFixture.h"
#include "ui/repair/RepairActions.h"

#include <memory>

namespace busbar::test {

using namespace std::chrono_literals;

inline constexpr int kRepairAwaitMs = kFixtureAwaitMs;

// Dead letters made by fillDeadLetterQueue (application property "n" = index), as the
// dead-letter queue then holds them; empty when seeding failed.
inline QList<ServiceBusMessage> seedDeadLetters(ServiceBusClient& client, const QString& queue,
                                                const QString& prefix, int count) {
    if (!fillDeadLetterQueue(client, queue, prefix, count, QStringLiteral("n"))) {
        return {};
    }
    return peekAll(client, queue, SubQueue::DeadLetter);
}

inline QStringList idsOf(const QList<ServiceBusMessage>& messages) {
    QStringList ids;
    for (const ServiceBusMessage& m : messages) {
        ids.append(m.messageId());
    }
    ids.sort();
    return ids;
}

// The real main window connected to an in-process emulator (MainWindowFixture), with a
// JobManager of the test's own and RepairActions over the window's open namespaces.
class RepairFixture {
public:
    QString start(const emulator::NamespaceConfig& ns) { return m_main.start(ns); }

    // A fresh window, job manager and prompt; the emulator's namespace opened as "emu".
    NamespaceSession* openWindow() {
        closeWindow();
        if (!m_main.showWindow()) {
            return nullptr;
        }
        m_jobs = std::make_unique<JobManager>(
            m_main.m_dir.filePath(QStringLiteral("jobs-%1").arg(m_main.m_counter)));
        ExplorerController* explorer = m_main.m_window->explorer();
        m_actions = std::make_unique<RepairActions>(
            m_jobs.get(), m_main.m_prompt.get(), [explorer] { return explorer->sessions(); },
            m_main.m_window.get());
        return openNamespace(QStringLiteral("emu"), QStringLiteral("emulator"));
    }

    // The emulator opened as namespace `id` called `name`, once connected; under a second id
    // it is another namespace as far as the window knows.
    NamespaceSession* openNamespace(const QString& id, const QString& name) {
        NamespaceSession* session = m_main.openNamespace(id, name);
        if (session == nullptr ||
            !QTest::qWaitFor(
                [session] { return session->state() == NamespaceSession::State::Connected; },
                kRepairAwaitMs)) {
            return nullptr;
        }
        return session;
    }

    void closeWindow() {
        m_jobs.reset(); // its jobs use the window's clients
        m_main.closeWindow();
        m_actions.reset();
    }

    [[nodiscard]] MainWindow* window() const { return m_main.m_window.get(); }
    [[nodiscard]] JobManager* jobs() const { return m_jobs.get(); }
    [[nodiscard]] RepairActions* actions() const { return m_actions.get(); }
    [[nodiscard]] ScriptedConfirmationPrompt* prompt() const { return m_main.m_prompt.get(); }

private:
    MainWindowFixture m_main;
    std::unique_ptr<JobManager> m_jobs;
    std::unique_ptr<RepairActions> m_actions;
};

inline bool waitFinished(const Job* job, int ms = kRepairAwaitMs) {
    return job != nullptr && QTest::qWaitFor([job] { return job->isFinished(); }, ms);
}

} // namespace busbar::test
