#pragma once

// The fixture of the maintenance dialog tests: the real MainWindow with the in-process
// emulator open as a namespace, and MaintenanceActions over a JobManager of the test's own,
// with a ScriptedConfirmationPrompt answering its confirmations.

#include "core/jobs/JobManager.h"
#include "core/settings/InMemorySecretStore.h"
#include "core/settings/Settings.h"
#include "emulator/server/InProcessEmulator.h"
#include "ui/explorer/ExplorerController.h"
#include "ui/explorer/NamespaceSession.h"
#include "ui/main/MainWindow.h"
#include "ui/repair/MaintenanceActions.h"
#include "ui/widgets/ScriptedConfirmationPrompt.h"

#include <QApplication>
#include <QDialog>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include "../../integration/jobs/JobsTestSupport.h"

namespace busbar::test {

class MaintenanceFixture {
public:
    // Starts the emulator with `queues` (plain queues, 5 s locks) and the topic "events"
    // with the subscription "audit", and opens it in a window.
    [[nodiscard]] bool start(const QStringList& queues) {
        if (!m_dir.isValid()) {
            return false;
        }
        QApplication::setQuitOnLastWindowClosed(false);
        emulator::EmulatorOptions options = emulator::InProcessEmulator::ephemeralOptions();
        emulator::NamespaceConfig ns;
        for (const QString& name : queues) {
            ns.queues.append(queueNamed(name));
        }
        // Every fixture also has a topic with one subscription: "events/Subscriptions/audit".
        emulator::TopicConfig topic;
        topic.description.name = QStringLiteral("events");
        emulator::SubscriptionConfig subscription;
        subscription.description.topicName = topic.description.name;
        subscription.description.name = QStringLiteral("audit");
        subscription.description.lockDuration = std::chrono::milliseconds(5000);
        topic.subscriptions.append(subscription);
        ns.topics.append(topic);
        options.config.namespaces.append(ns);
        auto endpoints = m_emulator.start(options);
        if (!endpoints) {
            qWarning("emulator: %s", qPrintable(endpoints.error().message));
            return false;
        }
        m_settings = std::make_unique<Settings>(m_dir.filePath(QStringLiteral("settings.ini")));
        m_settings->setAutoRefreshInterval(std::chrono::seconds(0));
        UiServices services;
        services.settings = m_settings.get();
        services.secrets = &m_secrets;
        services.confirmation = &m_windowPrompt;
        m_window = std::make_unique<MainWindow>(services);
        m_window->show();
        if (!QTest::qWaitForWindowExposed(m_window.get())) {
            return false;
        }
        auto parsed = ConnectionString::parse(endpoints->connectionString);
        if (!parsed) {
            return false;
        }
        parsed->setAdminBaseUrl(endpoints->adminUrl);
        m_session = m_window->explorer()->openNamespace(QStringLiteral("emu"),
                                                        QStringLiteral("emulator"), *parsed);
        return m_session != nullptr &&
               QTest::qWaitFor(
                   [this] { return m_session->state() == NamespaceSession::State::Connected; },
                   kJobAwaitMs);
    }

    // A fresh JobManager, prompt and MaintenanceActions for one test function.
    void init() {
        m_actions.reset();
        m_jobs =
            std::make_unique<JobManager>(m_dir.filePath(QStringLiteral("jobs-%1").arg(++m_round)));
        m_prompt = std::make_unique<ScriptedConfirmationPrompt>();
        m_actions =
            std::make_unique<MaintenanceActions>(m_jobs.get(), m_prompt.get(), m_window.get());
    }

    void cleanup() {
        // Direct children only: deleting one deletes its own dialogs (a file dialog).
        const auto dialogs = m_window->findChildren<QDialog*>(Qt::FindDirectChildrenOnly);
        for (QDialog* dialog : dialogs) {
            delete dialog;
        }
        m_actions.reset();
        m_jobs.reset();
        m_prompt.reset();
    }

    void stop() {
        cleanup();
        m_window.reset();
        m_emulator.stop();
    }

    [[nodiscard]] NamespaceSession* session() const { return m_session; }
    [[nodiscard]] ServiceBusClient& client() const { return *m_session->client(); }
    [[nodiscard]] MaintenanceActions* actions() const { return m_actions.get(); }
    [[nodiscard]] JobManager* jobs() const { return m_jobs.get(); }
    [[nodiscard]] ScriptedConfirmationPrompt* prompt() const { return m_prompt.get(); }
    [[nodiscard]] QString path(const QString& name) const { return m_dir.filePath(name); }

private:
    QTemporaryDir m_dir;
    emulator::InProcessEmulator m_emulator;
    std::unique_ptr<Settings> m_settings;
    InMemorySecretStore m_secrets;
    ScriptedConfirmationPrompt m_windowPrompt;
    std::unique_ptr<MainWindow> m_window;
    NamespaceSession* m_session = nullptr; // owned by the window's explorer
    std::unique_ptr<JobManager> m_jobs;
    std::unique_ptr<ScriptedConfirmationPrompt> m_prompt;
    std::unique_ptr<MaintenanceActions> m_actions;
    int m_round = 0;
};

// The child of `dialog` named `name`, of type T; null (and a warning) when there is none.
template <typename T>
T* child(QWidget* dialog, const char* name) {
    T* found = dialog ? dialog->findChild<T*>(QLatin1String(name)) : nullptr;
    if (found == nullptr) {
        qWarning("no child named %s", name);
    }
    return found;
}

// The job the last jobStarted() named, once it finished.
inline Job* finishedJob(const QSignalSpy& started, JobManager* jobs) {
    if (started.isEmpty()) {
        return nullptr;
    }
    Job* job = jobs->job(started.last().at(0).toString());
    return job != nullptr && waitFinished(*job) ? job : nullptr;
}

} // namespace busbar::test
