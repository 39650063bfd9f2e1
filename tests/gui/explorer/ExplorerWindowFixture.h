#pragma once

// The real main window against the emulator in-process, for the explorer's GUI tests: an
// emulator with the test's entities, a fresh settings file per window, and the namespace
// opened straight from its connection string (as the Connect dialog does).
#include "core/settings/InMemorySecretStore.h"
#include "core/settings/Settings.h"
#include "emulator/server/InProcessEmulator.h"
#include "ui/explorer/ExplorerController.h"
#include "ui/explorer/NamespaceTreeModel.h"
#include "ui/main/MainWindow.h"
#include "ui/widgets/ScriptedConfirmationPrompt.h"

#include <QApplication>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <memory>

namespace busbar::test {

inline const QString kEmulatorId = QStringLiteral("emu");

class ExplorerWindowFixture {
public:
    void startEmulator(const emulator::NamespaceConfig& ns) {
        QVERIFY(m_dir.isValid());
        QApplication::setQuitOnLastWindowClosed(false);
        emulator::EmulatorOptions options = emulator::InProcessEmulator::ephemeralOptions();
        options.config.namespaces.append(ns);
        auto started = m_emulator.start(options);
        QVERIFY2(started.has_value(), started ? "" : qPrintable(started.error().message));
        m_endpoints = *started;
    }

    void openWindow() {
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
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void openEmulator() {
        auto parsed = ConnectionString::parse(m_endpoints.connectionString);
        QVERIFY(parsed.has_value());
        parsed->setAdminBaseUrl(m_endpoints.adminUrl);
        QVERIFY(m_window->explorer()->openNamespace(kEmulatorId, QStringLiteral("emulator"),
                                                    *parsed) != nullptr);
    }

    void closeWindow() {
        m_window.reset();
        m_settings.reset();
    }

    [[nodiscard]] QModelIndex entity(const QString& path) const {
        return m_window->explorer()->model()->indexOfEntity(kEmulatorId, path);
    }

    // The names of the rows the tree shows, depth first (expanded rows only).
    [[nodiscard]] static QStringList visibleNames(const QTreeView* tree,
                                                  const QModelIndex& parent = {}) {
        QStringList names;
        const QAbstractItemModel* model = tree->model();
        for (int row = 0; row < model->rowCount(parent); ++row) {
            const QModelIndex index = model->index(row, 0, parent);
            names.append(index.data(NamespaceTreeModel::NameRole).toString());
            if (tree->isExpanded(index)) {
                names += visibleNames(tree, index);
            }
        }
        return names;
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
