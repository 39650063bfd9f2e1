#pragma once

#include "core/auth/ConnectionString.h"
#include "core/jobs/Job.h"
#include "core/jobs/JobManager.h"
#include "core/settings/InMemorySecretStore.h"
#include "core/settings/Settings.h"
#include "emulator/server/InProcessEmulator.h"
#include "tests/common/DeadLetterFixtures.h"
#include "ui/explorer/ExplorerController.h"
#include "ui/explorer/NamespaceSession.h"
#include "ui/main/MainWindow.h"
#include "ui/repair/RepairActions.h"
#include "ui/widgets/ScriptedConfirmationPrompt.h"

#include <QApplication>
#include <QTemporaryDir>
#include <QTest>

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

// The real main window connected to an in-process emulator, with a JobManager of the test's
// own and RepairActions over the window's open namespaces.
class RepairFixture {
public:
    QString start(const emulator::NamespaceConfig& ns) {
        if (!m_dir.isValid()) {
            return QStringLiteral("no temporary directory");
        }
        QApplication::setQuitOnLastWindowClosed(false);
        emulator::EmulatorOptions options = emulator::InProcessEmulator::ephemeralOptions();
        options.config.namespaces.append(ns);
        auto started = m_emulator.start(options);
        if (!started) {
            return started.error().toString();
        }
        m_endpoints = *started;
        return {};
    }

    // A fresh window, job manager and prompt; the emulator's namespace opened as "emu".
    NamespaceSession* openWindow() {
        closeWindow();
        ++m_round;
        m_settings = std::make_unique<Settings>(
            m_dir.filePath(QStringLiteral("settings-%1.ini").arg(m_round)));
        m_settings->setAutoRefreshInterval(std::chrono::seconds(0));
        m_secrets = std::make_unique<InMemorySecretStore>();
        m_prompt = std::make_unique<ScriptedConfirmationPrompt>();
        UiServices services;
        services.settings = m_settings.get();
        services.secrets = m_secrets.get();
        services.confirmation = m_prompt.get();
        m_window = std::make_unique<MainWindow>(services);
        m_window->show();
        m_jobs =
            std::make_unique<JobManager>(m_dir.filePath(QStringLiteral("jobs-%1").arg(m_round)));
        ExplorerController* explorer = m_window->explorer();
        m_actions = std::make_unique<RepairActions>(
            m_jobs.get(), m_prompt.get(), [explorer] { return explorer->sessions(); },
            m_window.get());
        return openNamespace(QStringLiteral("emu"), QStringLiteral("emulator"));
    }

    // The emulator opened as namespace `id` called `name`; under a second id it is another
    // namespace as far as the window knows.
    NamespaceSession* openNamespace(const QString& id, const QString& name) {
        auto parsed = ConnectionString::parse(m_endpoints.connectionString);
        if (!parsed || m_window == nullptr) {
            return nullptr;
        }
        parsed->setAdminBaseUrl(m_endpoints.adminUrl);
        NamespaceSession* session = m_window->explorer()->openNamespace(id, name, *parsed);
        if (!QTest::qWaitFor(
                [session] { return session->state() == NamespaceSession::State::Connected; },
                kRepairAwaitMs)) {
            return nullptr;
        }
        return session;
    }

    void closeWindow() {
        m_jobs.reset(); // its jobs use the window's clients
        m_window.reset();
        m_actions.reset();
    }

    [[nodiscard]] MainWindow* window() const { return m_window.get(); }
    [[nodiscard]] JobManager* jobs() const { return m_jobs.get(); }
    [[nodiscard]] RepairActions* actions() const { return m_actions.get(); }
    [[nodiscard]] ScriptedConfirmationPrompt* prompt() const { return m_prompt.get(); }

private:
    QTemporaryDir m_dir;
    emulator::InProcessEmulator m_emulator;
    emulator::InProcessEmulator::Endpoints m_endpoints;
    int m_round = 0;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<InMemorySecretStore> m_secrets;
    std::unique_ptr<ScriptedConfirmationPrompt> m_prompt;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<JobManager> m_jobs;
    std::unique_ptr<RepairActions> m_actions;
};

inline bool waitFinished(const Job* job, int ms = kRepairAwaitMs) {
    return job != nullptr && QTest::qWaitFor([job] { return job->isFinished(); }, ms);
}

} // namespace busbar::test
