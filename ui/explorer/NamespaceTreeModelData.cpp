// NamespaceTreeModel: what each row shows (names, counts, tooltips, roles).
#include "ui/explorer/NamespaceSession.h"
#include "ui/explorer/NamespaceTreeModel.h"
#include "ui/explorer/NamespaceTreeModelPrivate.h"

#include <QColor>
#include <QIcon>
#include <QPainter>
#include <QPalette>
#include <QPixmap>

namespace busbar {

namespace {

using NodeKind = NamespaceTreeModel::NodeKind;

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

bool isEntity(NodeKind kind) {
    return kind == NodeKind::Queue || kind == NodeKind::Topic || kind == NodeKind::Subscription;
}

QString statusLabel(EntityStatus status) {
    switch (status) {
    case EntityStatus::Active:
        return NamespaceTreeModel::tr("active");
    case EntityStatus::Disabled:
        return NamespaceTreeModel::tr("disabled");
    case EntityStatus::SendDisabled:
        return NamespaceTreeModel::tr("send disabled");
    case EntityStatus::ReceiveDisabled:
        return NamespaceTreeModel::tr("receive disabled");
    }
    return {};
}

} // namespace

QVariant NamespaceTreeModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const Node* node = nodeOf(index);
    const MessageCountDetails& counts = node->runtime.counts;
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return node->name;
    case Qt::DecorationRole:
        if (node->kind == NodeKind::Namespace) {
            return colourSwatch(node->colourTag);
        }
        return {};
    case Qt::ForegroundRole:
        if (isEntity(node->kind) && node->status == EntityStatus::Disabled) {
            return QPalette().brush(QPalette::Disabled, QPalette::Text);
        }
        return {};
    case Qt::ToolTipRole: {
        if (node->kind == NodeKind::Namespace) {
            QStringList lines{node->saved.endpointHost.isEmpty() && node->session != nullptr
                                  ? node->session->host()
                                  : node->saved.endpointHost};
            if (!node->saved.entityPath.isEmpty()) {
                lines.append(tr("Entity: %1").arg(node->saved.entityPath));
            }
            if (!node->transient) {
                lines.append(tr("Signs in with: %1").arg(authKindLabel(node->saved.authKind)));
            }
            if (node->session != nullptr) {
                lines.append(NamespaceSession::stateText(node->session->state()));
            }
            if (!node->error.isEmpty()) {
                lines.append(node->error);
            }
            return lines.join(QLatin1Char('\n'));
        }
        if (node->kind == NodeKind::Rule) {
            return node->ruleText;
        }
        if (!isEntity(node->kind)) {
            return {};
        }
        if (node->countsUnknown) {
            return tr("%1\nCounts unknown: reading them needs the Manage right").arg(node->path);
        }
        return tr("%1 (%2)\nActive %3, dead-letter %4, scheduled %5, transfer %6, "
                  "transfer dead-letter %7, deferred %8")
            .arg(node->path, statusLabel(node->status))
            .arg(counts.activeMessageCount)
            .arg(counts.deadLetterMessageCount)
            .arg(counts.scheduledMessageCount)
            .arg(counts.transferMessageCount)
            .arg(counts.transferDeadLetterMessageCount)
            .arg(counts.deferredMessageCount);
    }
    case ConnectionIdRole: {
        const Node* root = node;
        while (root->parent != nullptr) {
            root = root->parent;
        }
        return root->connectionId;
    }
    case ColourTagRole:
        return node->kind == NodeKind::Namespace ? QVariant(node->colourTag) : QVariant();
    case KindRole:
        return static_cast<int>(node->kind);
    case EntityPathRole:
        return isEntity(node->kind) || node->kind == NodeKind::Rule ? node->path : QString();
    case ActiveCountRole:
        return counts.activeMessageCount;
    case DeadLetterCountRole:
        return counts.deadLetterMessageCount;
    case ScheduledCountRole:
        return counts.scheduledMessageCount;
    case TransferCountRole:
        return counts.transferMessageCount;
    case TransferDeadLetterCountRole:
        return counts.transferDeadLetterMessageCount;
    case DeferredCountRole:
        return counts.deferredMessageCount;
    case CountsTextRole: {
        if (node->kind == NodeKind::Namespace) {
            if (node->session == nullptr) {
                return {};
            }
            // The session proves its key with a management read, so credentials without
            // Manage end "failed" there although AMQP works; say what still works instead.
            const NamespaceSession::State state = node->session->state();
            if (state == NamespaceSession::State::Connected ||
                state == NamespaceSession::State::Failed) {
                if (!node->session->entityPath().isEmpty()) {
                    return tr("only %1 (EntityPath)").arg(node->session->entityPath());
                }
                if (node->adminDenied) {
                    return node->error;
                }
            }
            return node->session->state() == NamespaceSession::State::Connected
                       ? QString()
                       : NamespaceSession::stateText(node->session->state());
        }
        if (node->kind == NodeKind::QueuesFolder || node->kind == NodeKind::TopicsFolder) {
            return node->loading ? tr("loading…") : QString::number(node->children.size());
        }
        if (!isEntity(node->kind)) {
            return {};
        }
        if (node->countsUnknown) {
            return node->kind == NodeKind::Topic ? QString() : QStringLiteral("?");
        }
        QStringList parts;
        if (node->kind != NodeKind::Topic) {
            parts.append(QString::number(counts.activeMessageCount));
        }
        if (counts.scheduledMessageCount > 0) {
            parts.append(tr("sched %1").arg(counts.scheduledMessageCount));
        }
        if (counts.transferMessageCount > 0) {
            parts.append(tr("xfer %1").arg(counts.transferMessageCount));
        }
        return parts.join(QStringLiteral(" · "));
    }
    case StatusRole:
        return static_cast<int>(node->status);
    case LoadingRole:
        return node->loading;
    case RequiresSessionRole:
        return node->requiresSession;
    case AdminDeniedRole: {
        const Node* root = node;
        while (root->parent != nullptr) {
            root = root->parent;
        }
        return root->adminDenied ||
               (root->session != nullptr && !root->session->entityPath().isEmpty());
    }
    default:
        return {};
    }
}

} // namespace busbar
