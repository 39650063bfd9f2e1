#pragma once

// The real main window against the emulator in-process, for GUI tests: an emulator with the
// test's entities, a fresh settings file (and secret store and scripted prompt) per window,
// and the emulator's namespace opened straight from its connection string, as the Connect
// dialog does. Header-only; the areas' fixtures (ExplorerWindowFixture, RepairFixture) add
// their own checks and services on top.

#include "core/auth/ConnectionString.h"
#include "core/settings/InMemorySecretStore.h"
#include "core/settings/Settings.h"
#include "emulator/server/InProcessEmulator.h"
#include "ui/explorer/ExplorerController.h"
#include "ui/explorer/NamespaceSession.h"
#include "ui/main/MainWindow.h"
#include "ui/widgets/ScriptedConfirmationPrompt.h"

#include <QApplication>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace busbar::test {

class MainWindowFixture {
public:
    // "" once the emulator serves `ns` on ephemeral ports, else why not.
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

    // A fresh window shown, with settings, secrets and prompt of its own (the previous window
    // goes first, before the settings it used); false when it was never exposed.
    bool showWindow() {
        m_window.reset();
        m_settings = std::make_unique<Settings>(
            m_dir.filePath(QStringLiteral("settings-%1.ini").arg(++m_counter)));
        m_settings->setAutoRefreshInterval(std::chrono::seconds(0));
        m_secrets = std::make_unique<InMemorySecretStore>();
        m_prompt = std::make_unique<ScriptedConfirmationPrompt>();
        UiServices services;
        services.settings = m_settings.get();
        services.secrets = m_secrets.get();
        services.confirmation = m_prompt.get();
        m_window = std::make_unique<MainWindow>(services);
        m_window->show();
        return QTest::qWaitForWindowExposed(m_window.get());
    }

    // The emulator opened in the window as namespace `id` called `name` (under a second id it
    // is another namespace as far as the window knows); null without a window. It connects
    // in the background.
    NamespaceSession* openNamespace(const QString& id, const QString& name) {
        auto parsed = ConnectionString::parse(m_endpoints.connectionString);
        if (!parsed || m_window == nullptr) {
            return nullptr;
        }
        parsed->setAdminBaseUrl(m_endpoints.adminUrl);
        return m_window->explorer()->openNamespace(id, name, *parsed);
    }

    void closeWindow() {
        m_window.reset();
        m_settings.reset();
    }

    QTemporaryDir m_dir;
    emulator::InProcessEmulator m_emulator;
    emulator::InProcessEmulator::Endpoints m_endpoints;
    int m_counter = 0;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<InMemorySecretStore> m_secrets;
    std::unique_ptr<ScriptedConfirmationPrompt> m_prompt;
    std::unique_ptr<MainWindow> m_window; // last: goes first
};

} // namespace busbar::test
