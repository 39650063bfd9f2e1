#pragma once

// The real main window against the emulator in-process, for the explorer's GUI tests
// (MainWindowFixture, each step checked with QVERIFY), and what they read from the tree.
#include "core/servicebus/ServiceBusClient.h"
#include "emulator/config/NamespaceConfig.h"
#include "tests/gui/common/MainWindowFixture.h"
#include "ui/explorer/NamespaceTreeModel.h"

#include <QTreeView>

#include <utility>

namespace busbar::test {

inline const QString kEmulatorId = QStringLiteral("emu");
// The Listen-only key startWithListenOnlyKey adds beside the emulator's root key.
inline const QString kListenKeyName = QStringLiteral("listen-only");
inline const QString kListenKey = QStringLiteral("LISTEN_KEY_VALUE");

class ExplorerWindowFixture : public MainWindowFixture {
public:
    void startEmulator(const emulator::NamespaceConfig& ns) {
        const QString error = start(ns);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void openWindow() { QVERIFY(showWindow()); }

    void openEmulator() {
        QVERIFY(openNamespace(kEmulatorId, QStringLiteral("emulator")) != nullptr);
    }

    // `ns` with a Listen-only key (kListenKeyName) started; then, through the window with the
    // root key (which may send), each entity of `messages` gets its ids, each id its own body.
    void startWithListenOnlyKey(emulator::NamespaceConfig ns,
                                const QList<std::pair<QString, QStringList>>& messages) {
        ns.sasRules.append(emulator::SasRule{kListenKeyName, kListenKey, true, false, false});
        startEmulator(ns);
        openWindow();
        openEmulator();
        NamespaceSession* root = m_window->explorer()->session(kEmulatorId);
        QVERIFY(root != nullptr);
        for (const auto& [entity, ids] : messages) {
            QList<OutgoingMessage> batch;
            for (const QString& id : ids) {
                OutgoingMessage message;
                message.messageId = id;
                message.body = id.toUtf8();
                batch.append(message);
            }
            auto sent = root->client()->send(entity, batch);
            QTRY_VERIFY(sent.isFinished());
            QVERIFY(sent.result().has_value());
        }
        closeWindow();
    }

    // A connection string with the Listen-only key, scoped to `entityPath` unless it is empty.
    [[nodiscard]] QString listenOnlyString(const QString& entityPath) const {
        QString text = QStringLiteral("Endpoint=sb://localhost:%1;SharedAccessKeyName=%2;"
                                      "SharedAccessKey=%3;UseDevelopmentEmulator=true")
                           .arg(m_endpoints.amqpPort)
                           .arg(kListenKeyName, kListenKey);
        if (!entityPath.isEmpty()) {
            text += QStringLiteral(";EntityPath=") + entityPath;
        }
        return text;
    }

    // The emulator opened as kEmulatorId, named `name`, with the Listen-only key.
    void openListenOnly(const QString& entityPath, const QString& name) {
        auto parsed = ConnectionString::parse(listenOnlyString(entityPath));
        QVERIFY(parsed.has_value());
        parsed->setAdminBaseUrl(m_endpoints.adminUrl);
        QVERIFY(m_window->explorer()->openNamespace(kEmulatorId, name, *parsed) != nullptr);
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
};

} // namespace busbar::test
