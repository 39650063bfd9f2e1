#pragma once

#include "core/admin/EntityDescriptions.h"
#include "core/common/Result.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

namespace busbar {

class AdminClient;

// The queues, topics, subscriptions and rules of a namespace, as definitions only (no
// messages, no runtime counts).
struct NamespaceDefinitions {
    struct Rule {
        QString topic;
        QString subscription;
        RuleDescription rule;
    };
    QList<QueueDescription> queues;
    QList<TopicDescription> topics;
    QList<SubscriptionDescription> subscriptions; // topicName says whose
    QList<Rule> rules;
};

// What import did with one entity.
struct ImportOutcome {
    enum class Kind { Created, AlreadyExists, Failed };
    QString entity; // "queue 'orders'", "rule 'big' of events/audit"
    Kind kind = Kind::Failed;
    QString message; // why it failed (empty otherwise)
};

// Export and import of entity definitions as a JSON file: export reads everything through
// the admin client; import creates what is missing (in dependency order: queues, topics,
// subscriptions, rules), leaves what exists alone, and reports per entity what happened.
// Durations are written as xs:duration so the file reads like the management API.
class EntityDefinitionsJson final : public QObject {
    Q_OBJECT
public:
    explicit EntityDefinitionsJson(AdminClient* admin, QObject* parent = nullptr);

    using ExportDone = std::function<void(const Result<NamespaceDefinitions>&)>;
    using ImportDone = std::function<void(const QList<ImportOutcome>&)>;

    // Calls `done` on this object's thread; nothing is called if this object dies first.
    void exportAll(ExportDone done);
    void importAll(const NamespaceDefinitions& definitions, ImportDone done);

    // "2 created, 1 already existed, 1 failed" and a line per failure, for the report.
    static QString summary(const QList<ImportOutcome>& outcomes);

    static QByteArray toJson(const NamespaceDefinitions& definitions);
    static Result<NamespaceDefinitions> fromJson(const QByteArray& json);
    static VoidResult saveFile(const QString& path, const NamespaceDefinitions& definitions);
    static Result<NamespaceDefinitions> loadFile(const QString& path);

private:
    struct ExportState;
    struct ImportState;
    void exportSubscriptions(const std::shared_ptr<ExportState>& state, qsizetype topicIndex);
    void exportRules(const std::shared_ptr<ExportState>& state, qsizetype subscriptionIndex);
    void importNext(const std::shared_ptr<ImportState>& state);

    AdminClient* m_admin = nullptr;
};

} // namespace busbar
