#pragma once

// The real main window against the emulator in-process, for the jobs GUI tests: an emulator
// with the test's queues, a client of its own, a fresh settings file (so a fresh jobs
// directory beside it) per test function, a saved connection whose key sits in the secret
// store, and descriptions written as an earlier session would leave them.
#include "app/EmbeddedLocalNamespace.h"
#include "core/jobs/JobManager.h"
#include "core/jobs/ResubmitJob.h"
#include "core/settings/InMemorySecretStore.h"
#include "core/settings/Settings.h"
#include "emulator/server/InProcessEmulator.h"
#include "tests/integration/jobs/JobsTestSupport.h"
#include "ui/explorer/ExplorerController.h"
#include "ui/main/MainWindow.h"
#include "ui/widgets/ScriptedConfirmationPrompt.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace busbar::test {

inline const QString kConnectionId = QStringLiteral("saved-emu");

class JobsWindowFixture {
public:
    void startEmulator(const QStringList& queues) {
        QVERIFY(m_dir.isValid());
        QApplication::setQuitOnLastWindowClosed(false);
        emulator::EmulatorOptions options = emulator::InProcessEmulator::ephemeralOptions();
        emulator::NamespaceConfig ns;
        for (const QString& name : queues) {
            ns.queues.append(queueNamed(name));
        }
        options.config.namespaces.append(ns);
        auto started = m_emulator.start(options);
        QVERIFY2(started.has_value(), started ? "" : qPrintable(started.error().message));
        m_endpoints = *started;
        m_client = clientFor(m_endpoints.connectionString);
        QVERIFY(m_client);
    }

    void stopEmulator() {
        m_client.reset();
        m_emulator.stop();
    }

    void newSettings() {
        m_settingsPath = m_dir.filePath(QStringLiteral("settings-%1.ini").arg(++m_counter));
        m_settings = std::make_unique<Settings>(m_settingsPath);
        m_settings->setAutoRefreshInterval(std::chrono::seconds(0));
        m_secrets = std::make_unique<InMemorySecretStore>();
        m_prompt = std::make_unique<ScriptedConfirmationPrompt>();
    }

    void closeWindow() {
        m_window.reset();
        m_local.reset();
        m_settings.reset();
    }

    void openWindow() {
        UiServices services;
        services.settings = m_settings.get();
        services.secrets = m_secrets.get();
        services.confirmation = m_prompt.get();
        services.localNamespace = m_local.get();
        m_window = std::make_unique<MainWindow>(services);
        m_window->explorer()->setEmulatorAdminUrl(
            QStringLiteral("localhost:%1").arg(m_endpoints.amqpPort), m_endpoints.adminUrl);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void saveConnection() {
        auto parsed = ConnectionString::parse(m_endpoints.connectionString);
        QVERIFY(parsed.has_value());
        QVERIFY(m_settings->saveConnection(
            savedConnectionFor(*parsed, kConnectionId, QStringLiteral("emulator"))));
        auto written = m_secrets->writeSecret(kConnectionId, parsed->toString());
        QTRY_VERIFY(written.isFinished());
    }

    // Beside the settings file: what MainWindow picks for an explicit settings file.
    [[nodiscard]] QString jobsDirectory() const {
        const QFileInfo info(m_settingsPath);
        return info.dir().filePath(info.completeBaseName() + QStringLiteral(".jobs"));
    }

    void writeDescription(const QString& id, const QString& kind, const QString& journalPath,
                          const QJsonObject& options = {},
                          const QString& connectionId = kConnectionId) {
        JobDescription d;
        d.id = id;
        d.kind = kind;
        d.title = QStringLiteral("%1 from before").arg(kind);
        d.sourceConnectionId = connectionId;
        d.journalPath = journalPath;
        d.options = options;
        QFile file(QDir(jobsDirectory()).filePath(id + QStringLiteral(".job.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(d.toJson()).toJson());
    }

    QString startResubmit(const QString& source, const QString& target) {
        JobManager* manager = m_window->jobManager();
        ResubmitOptions options;
        options.sourceEntity = source;
        options.targetEntity = target;
        options.batchSize = 20;
        JobDescription d;
        d.kind = QStringLiteral("resubmit");
        d.title = QStringLiteral("Resubmit %1 to %2").arg(source, target);
        d.sourceConnectionId = kConnectionId;
        d.options = options.toJson();
        d.journalPath = manager->newJournalPath(d.kind);
        return manager->start(
            new ResubmitJob(m_client.get(), m_client.get(), options, d.journalPath), d);
    }

    QTemporaryDir m_dir;
    emulator::InProcessEmulator m_emulator;
    emulator::InProcessEmulator::Endpoints m_endpoints;
    std::unique_ptr<AmqpServiceBusClient> m_client;
    int m_counter = 0;
    QString m_settingsPath;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<InMemorySecretStore> m_secrets;
    std::unique_ptr<ScriptedConfirmationPrompt> m_prompt;
    std::unique_ptr<EmbeddedLocalNamespace> m_local;
    std::unique_ptr<MainWindow> m_window; // last: goes first
};

} // namespace busbar::test
