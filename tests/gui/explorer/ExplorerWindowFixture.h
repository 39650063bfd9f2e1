#pragma once

// The real main window against the emulator in-process, for the explorer's GUI tests
// (MainWindowFixture, each step checked with QVERIFY), and what they read from the tree.
#include "tests/gui/common/MainWindowFixture.h"
#include "ui/explorer/NamespaceTreeModel.h"

#include <QTreeView>

namespace busbar::test {

inline const QString kEmulatorId = QStringLiteral("emu");

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
