#pragma once

#include "core/admin/EntityDescriptions.h"
#include "core/common/Result.h"

#include <QList>
#include <QString>

namespace busbar {

// One property that breaks a limit of the cloud service (servicebus-management.md §3).
struct FieldProblem {
    QString field; // element name, e.g. "LockDuration"
    QString value; // as the user would write it, e.g. "PT10M"
    QString rule;  // "it must be between PT5S and PT5M"

    // "LockDuration 'PT10M' is out of range: it must be between PT5S and PT5M"
    [[nodiscard]] QString message() const;
    // "<prefix>.LockDuration: 'PT10M' is out of range: ..." (Config.json paths)
    [[nodiscard]] QString messageAt(const QString& pathPrefix) const;
};

// The cloud service's limits, shared by the admin API (400 on violation), Config.json and
// the UI's entity editor. The Microsoft emulator's narrower quotas are deliberately not
// applied: tests need a 2 s TTL and a 5 s lock.
class EntityValidator final {
public:
    static QList<FieldProblem> check(const QueueDescription& queue);
    static QList<FieldProblem> check(const TopicDescription& topic);
    static QList<FieldProblem> check(const SubscriptionDescription& subscription);
    static QList<FieldProblem> check(const RuleDescription& rule);

    // The first problem as an InvalidInput error, or success.
    static VoidResult validate(const QueueDescription& queue);
    static VoidResult validate(const TopicDescription& topic);
    static VoidResult validate(const SubscriptionDescription& subscription);
    static VoidResult validate(const RuleDescription& rule);

    // Entity names: a queue/topic path up to 260 chars (may contain '/'), a subscription or
    // rule name up to 50 chars without '/'. An empty string means the name is valid.
    static QString checkEntityPath(const QString& path);
    static QString checkChildName(const QString& name, const QString& what);
};

} // namespace busbar
