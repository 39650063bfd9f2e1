#pragma once

#include "core/settings/SavedConnection.h"

#include <QAbstractItemModel>
#include <QList>

namespace busbar {

class Settings;

// The namespace tree: one root per saved connection, in the order they were saved, with its
// colour tag as decoration. Entities under each namespace arrive with the messaging core
// (lazily, through canFetchMore/fetchMore); until then roots have no children.
class NamespaceTreeModel final : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Role {
        ConnectionIdRole = Qt::UserRole + 1,
        ColourTagRole,
    };

    explicit NamespaceTreeModel(Settings& settings, QObject* parent = nullptr);

    [[nodiscard]] QModelIndex index(int row, int column,
                                    const QModelIndex& parent = {}) const override;
    [[nodiscard]] QModelIndex parent(const QModelIndex& child) const override;
    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;

    [[nodiscard]] QModelIndex indexOfConnection(const QString& connectionId) const;

private:
    void reload();

    Settings& m_settings;
    QList<SavedConnection> m_connections;
};

} // namespace busbar
