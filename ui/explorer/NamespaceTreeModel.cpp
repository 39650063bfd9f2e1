#include "ui/explorer/NamespaceTreeModel.h"

#include "core/settings/Settings.h"

#include <QColor>
#include <QIcon>
#include <QPainter>
#include <QPixmap>

namespace busbar {

namespace {

QIcon colourSwatch(const QString& tag) {
    QPixmap pixmap(16, 16);
    pixmap.fill(Qt::transparent);
    if (const QColor colour = QColor::fromString(tag); colour.isValid()) {
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(colour);
        painter.drawEllipse(QRectF(3, 3, 10, 10));
    }
    return QIcon(pixmap);
}

QString authKindLabel(AuthKind kind) {
    switch (kind) {
    case AuthKind::SharedAccessKey:
        return NamespaceTreeModel::tr("shared access key");
    case AuthKind::SharedAccessSignature:
        return NamespaceTreeModel::tr("shared access signature");
    case AuthKind::AzureCli:
        return NamespaceTreeModel::tr("Azure CLI sign-in");
    case AuthKind::DevelopmentEmulator:
        return NamespaceTreeModel::tr("local emulator");
    }
    return {};
}

} // namespace

NamespaceTreeModel::NamespaceTreeModel(Settings& settings, QObject* parent)
    : QAbstractItemModel(parent)
    , m_settings(settings)
    , m_connections(settings.savedConnections()) {
    connect(&m_settings, &Settings::connectionsChanged, this, &NamespaceTreeModel::reload);
}

QModelIndex NamespaceTreeModel::index(int row, int column, const QModelIndex& parent) const {
    if (parent.isValid() || column != 0 || row < 0 || row >= m_connections.size()) {
        return {};
    }
    return createIndex(row, column);
}

QModelIndex NamespaceTreeModel::parent(const QModelIndex& /*child*/) const {
    return {};
}

int NamespaceTreeModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_connections.size());
}

int NamespaceTreeModel::columnCount(const QModelIndex& /*parent*/) const {
    return 1;
}

QVariant NamespaceTreeModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const SavedConnection& connection = m_connections.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return connection.name;
    case Qt::DecorationRole:
        return colourSwatch(connection.colourTag);
    case Qt::ToolTipRole: {
        QStringList lines{connection.endpointHost};
        if (!connection.entityPath.isEmpty()) {
            lines.append(tr("Entity: %1").arg(connection.entityPath));
        }
        lines.append(tr("Signs in with: %1").arg(authKindLabel(connection.authKind)));
        return lines.join(QLatin1Char('\n'));
    }
    case ConnectionIdRole:
        return connection.id;
    case ColourTagRole:
        return connection.colourTag;
    default:
        return {};
    }
}

QModelIndex NamespaceTreeModel::indexOfConnection(const QString& connectionId) const {
    for (int row = 0; row < m_connections.size(); ++row) {
        if (m_connections.at(row).id == connectionId) {
            return index(row, 0);
        }
    }
    return {};
}

void NamespaceTreeModel::reload() {
    // Connections change rarely and by hand; a reset keeps this simple and correct.
    beginResetModel();
    m_connections = m_settings.savedConnections();
    endResetModel();
}

} // namespace busbar
