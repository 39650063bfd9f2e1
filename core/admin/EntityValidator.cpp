#include "core/admin/EntityValidator.h"

#include "core/admin/XsdDuration.h"

#include <QUrl>

namespace busbar {

namespace {

using namespace std::chrono_literals;

constexpr Milliseconds kMinLock = 5s;
constexpr Milliseconds kMaxLock = 5min;
constexpr Milliseconds kMinTtl = 1s;
constexpr Milliseconds kMinDuplicateWindow = 20s;
constexpr Milliseconds kMaxDuplicateWindow = std::chrono::days{7};
constexpr Milliseconds kMinAutoDelete = 5min;
constexpr int kMaxUserMetadata = 1024;
constexpr int kMaxSqlExpression = 1024;

void checkRange(QList<FieldProblem>& problems, const QString& field, Milliseconds value,
                Milliseconds min, std::optional<Milliseconds> max) {
    if (value < min || (max && value > *max)) {
        problems.append(
            {field, XsdDuration::format(value),
             max ? QStringLiteral("it must be between %1 and %2")
                       .arg(XsdDuration::format(min), XsdDuration::format(*max))
                 : QStringLiteral("it must be at least %1").arg(XsdDuration::format(min))});
    }
}

void checkMinimum(QList<FieldProblem>& problems, const QString& field, qint64 value, qint64 min,
                  qint64 max) {
    if (value < min || value > max) {
        problems.append({field, QString::number(value),
                         QStringLiteral("it must be between %1 and %2").arg(min).arg(max)});
    }
}

void checkMetadata(QList<FieldProblem>& problems, const QString& metadata) {
    if (metadata.size() > kMaxUserMetadata) {
        problems.append({QStringLiteral("UserMetadata"),
                         QStringLiteral("%1 characters").arg(metadata.size()),
                         QStringLiteral("it must be at most %1 characters").arg(kMaxUserMetadata)});
    }
}

void checkForward(QList<FieldProblem>& problems, const QString& field, const QString& target) {
    if (target.isEmpty()) {
        return;
    }
    // An absolute URI (what the SDKs send, §1.7) names the entity by its path.
    QString path = target;
    if (target.contains(QStringLiteral("://"))) {
        path = QUrl(target).path(QUrl::FullyDecoded);
        while (path.startsWith(u'/')) {
            path.remove(0, 1);
        }
    }
    const QString problem = EntityValidator::checkEntityPath(path);
    if (!problem.isEmpty()) {
        problems.append({field, target, problem});
    }
}

VoidResult firstProblem(const QList<FieldProblem>& problems) {
    if (problems.isEmpty()) {
        return {};
    }
    return fail(Error::invalidInput(problems.first().message()));
}

} // namespace

QString FieldProblem::message() const {
    return QStringLiteral("%1 '%2' is out of range: %3").arg(field, value, rule);
}

QString FieldProblem::messageAt(const QString& pathPrefix) const {
    return QStringLiteral("%1.%2: '%3' is out of range: %4").arg(pathPrefix, field, value, rule);
}

QString EntityValidator::checkEntityPath(const QString& path) {
    if (path.isEmpty()) {
        return QStringLiteral("the name must not be empty");
    }
    if (path.size() > 260) {
        return QStringLiteral("the name must be at most 260 characters");
    }
    for (const QChar c : {u'@', u'?', u'#', u'*', u'\\'}) {
        if (path.contains(c)) {
            return QStringLiteral("the name must not contain '%1'").arg(c);
        }
    }
    if (path.startsWith(u'/') || path.endsWith(u'/') || path.contains(u"//")) {
        return QStringLiteral("the name must not start or end with '/' or contain '//'");
    }
    return {};
}

QString EntityValidator::checkChildName(const QString& name, const QString& what) {
    if (name.isEmpty()) {
        return QStringLiteral("the %1 name must not be empty").arg(what);
    }
    if (name.size() > 50) {
        return QStringLiteral("the %1 name must be at most 50 characters").arg(what);
    }
    for (const QChar c : {u'/', u'\\', u'@', u'?', u'#', u'*'}) {
        if (name.contains(c)) {
            return QStringLiteral("the %1 name must not contain '%2'").arg(what, c);
        }
    }
    return {};
}

QList<FieldProblem> EntityValidator::check(const QueueDescription& queue) {
    QList<FieldProblem> problems;
    checkRange(problems, QStringLiteral("LockDuration"), queue.lockDuration, kMinLock, kMaxLock);
    checkMinimum(problems, QStringLiteral("MaxSizeInMegabytes"), queue.maxSizeInMegabytes, 1,
                 81920);
    checkRange(problems, QStringLiteral("DefaultMessageTimeToLive"), queue.defaultMessageTimeToLive,
               kMinTtl, std::nullopt);
    checkRange(problems, QStringLiteral("DuplicateDetectionHistoryTimeWindow"),
               queue.duplicateDetectionHistoryTimeWindow, kMinDuplicateWindow, kMaxDuplicateWindow);
    checkMinimum(problems, QStringLiteral("MaxDeliveryCount"), queue.maxDeliveryCount, 1,
                 std::numeric_limits<int>::max());
    checkMetadata(problems, queue.userMetadata);
    checkRange(problems, QStringLiteral("AutoDeleteOnIdle"), queue.autoDeleteOnIdle, kMinAutoDelete,
               std::nullopt);
    checkForward(problems, QStringLiteral("ForwardTo"), queue.forwardTo);
    checkForward(problems, QStringLiteral("ForwardDeadLetteredMessagesTo"),
                 queue.forwardDeadLetteredMessagesTo);
    checkMinimum(problems, QStringLiteral("MaxMessageSizeInKilobytes"),
                 queue.maxMessageSizeInKilobytes, 1, 102400);
    return problems;
}

QList<FieldProblem> EntityValidator::check(const TopicDescription& topic) {
    QList<FieldProblem> problems;
    checkRange(problems, QStringLiteral("DefaultMessageTimeToLive"), topic.defaultMessageTimeToLive,
               kMinTtl, std::nullopt);
    checkMinimum(problems, QStringLiteral("MaxSizeInMegabytes"), topic.maxSizeInMegabytes, 1,
                 81920);
    checkRange(problems, QStringLiteral("DuplicateDetectionHistoryTimeWindow"),
               topic.duplicateDetectionHistoryTimeWindow, kMinDuplicateWindow, kMaxDuplicateWindow);
    checkMetadata(problems, topic.userMetadata);
    checkRange(problems, QStringLiteral("AutoDeleteOnIdle"), topic.autoDeleteOnIdle, kMinAutoDelete,
               std::nullopt);
    checkMinimum(problems, QStringLiteral("MaxMessageSizeInKilobytes"),
                 topic.maxMessageSizeInKilobytes, 1, 102400);
    return problems;
}

QList<FieldProblem> EntityValidator::check(const SubscriptionDescription& subscription) {
    QList<FieldProblem> problems;
    checkRange(problems, QStringLiteral("LockDuration"), subscription.lockDuration, kMinLock,
               kMaxLock);
    checkRange(problems, QStringLiteral("DefaultMessageTimeToLive"),
               subscription.defaultMessageTimeToLive, kMinTtl, std::nullopt);
    checkMinimum(problems, QStringLiteral("MaxDeliveryCount"), subscription.maxDeliveryCount, 1,
                 std::numeric_limits<int>::max());
    checkMetadata(problems, subscription.userMetadata);
    checkForward(problems, QStringLiteral("ForwardTo"), subscription.forwardTo);
    checkForward(problems, QStringLiteral("ForwardDeadLetteredMessagesTo"),
                 subscription.forwardDeadLetteredMessagesTo);
    checkRange(problems, QStringLiteral("AutoDeleteOnIdle"), subscription.autoDeleteOnIdle,
               kMinAutoDelete, std::nullopt);
    return problems;
}

QList<FieldProblem> EntityValidator::check(const RuleDescription& rule) {
    QList<FieldProblem> problems;
    if (rule.filterKind == FilterKind::Sql && rule.sqlExpression.trimmed().isEmpty()) {
        problems.append({QStringLiteral("SqlExpression"), QString(),
                         QStringLiteral("a SQL filter needs an expression")});
    }
    if (rule.sqlExpression.size() > kMaxSqlExpression) {
        problems.append(
            {QStringLiteral("SqlExpression"),
             QStringLiteral("%1 characters").arg(rule.sqlExpression.size()),
             QStringLiteral("it must be at most %1 characters").arg(kMaxSqlExpression)});
    }
    if (rule.actionExpression.size() > kMaxSqlExpression) {
        problems.append(
            {QStringLiteral("Action"),
             QStringLiteral("%1 characters").arg(rule.actionExpression.size()),
             QStringLiteral("it must be at most %1 characters").arg(kMaxSqlExpression)});
    }
    if (rule.filterKind == FilterKind::Correlation) {
        const auto& c = rule.correlation;
        const bool empty = c.correlationId.isEmpty() && c.messageId.isEmpty() && c.to.isEmpty() &&
                           c.replyTo.isEmpty() && c.label.isEmpty() && c.sessionId.isEmpty() &&
                           c.replyToSessionId.isEmpty() && c.contentType.isEmpty() &&
                           c.properties.isEmpty();
        if (empty) {
            problems.append({QStringLiteral("CorrelationFilter"), QString(),
                             QStringLiteral("a correlation filter needs at least one field")});
        }
    }
    return problems;
}

VoidResult EntityValidator::validate(const QueueDescription& queue) {
    return firstProblem(check(queue));
}
VoidResult EntityValidator::validate(const TopicDescription& topic) {
    return firstProblem(check(topic));
}
VoidResult EntityValidator::validate(const SubscriptionDescription& subscription) {
    return firstProblem(check(subscription));
}
VoidResult EntityValidator::validate(const RuleDescription& rule) {
    return firstProblem(check(rule));
}

} // namespace busbar
