#pragma once

// The nodes behind NamespaceTreeModel, shared by its files (model and loading); not for use
// outside ui/explorer.

#include "ui/explorer/NamespaceSession.h"
#include "ui/explorer/NamespaceTreeModel.h"

namespace busbar {

// Lookup keys of the two folders under a namespace.
inline const QString kQueuesFolderKey = QStringLiteral("$queues");
inline const QString kTopicsFolderKey = QStringLiteral("$topics");

struct NamespaceTreeModel::Node {
    NodeKind kind = NodeKind::Namespace;
    QString name;
    QString path; // entity path; the lookup key of folders too ("$queues", "$topics")
    Node* parent = nullptr;
    std::vector<std::unique_ptr<Node>> children;
    EntityRuntimeInfo runtime;
    EntityStatus status = EntityStatus::Active;
    bool requiresSession = false;
    QString ruleText;
    bool fetched = false;
    bool loading = false;
    // Namespace roots only.
    QString connectionId;
    SavedConnection saved;
    bool transient = false; // opened without being saved (the Local namespace)
    QString colourTag;
    QPointer<NamespaceSession> session;
    int outstanding = 0; // lists being read or inserted
    int generation = 0;  // bumped on detach: late answers for the old session are ignored
    QString error;
    bool adminDenied = false;   // listing refused for want of Manage (401/403)
    bool countsUnknown = false; // an entity added from EntityPath: never read by an admin call

    [[nodiscard]] int row() const {
        if (parent == nullptr) {
            return -1;
        }
        for (size_t i = 0; i < parent->children.size(); ++i) {
            if (parent->children[i].get() == this) {
                return static_cast<int>(i);
            }
        }
        return -1;
    }
};

struct NamespaceTreeModel::Pending {
    QString connectionId;
    NodeKind parentKind;
    QString parentPath;
    std::vector<std::unique_ptr<Node>> nodes; // inserted from the front
    size_t next = 0;
};

} // namespace busbar
