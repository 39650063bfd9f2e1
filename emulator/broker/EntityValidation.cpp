#include "emulator/broker/EntityValidation.h"

namespace busbar::emulator {

namespace {

using namespace std::chrono_literals;

constexpr int kMaxPathLength = 260;
constexpr int kMaxSubscriptionOrRuleNameLength = 50;
constexpr int kMaxUserMetadataLength = 1024;
constexpr int kMaxExpressionLength = 1024;

std::unexpected<Error> invalid(const QString& message) {
    Error e = Error::make(ErrorCode::InvalidInput, message);
    e.condition = QStringLiteral("com.microsoft:argument-out-of-range");
    e.description = message;
    e.statusCode = 400;
    return std::unexpected<Error>(std::move(e));
}

VoidResult checkLockDuration(Milliseconds value) {
    if (value < 5s || value > 5min) {
        return invalid(QStringLiteral("LockDuration must be between 5 seconds and 5 minutes."));
    }
    return {};
}

VoidResult checkTtl(Milliseconds value) {
    if (value < 1s) {
        return invalid(QStringLiteral("DefaultMessageTimeToLive must be at least 1 second."));
    }
    return {};
}

VoidResult checkAutoDelete(Milliseconds value) {
    if (value < 5min) {
        return invalid(QStringLiteral("AutoDeleteOnIdle must be at least 5 minutes."));
    }
    return {};
}

VoidResult checkDuplicateWindow(Milliseconds value) {
    if (value < 20s || value > Milliseconds(7LL * 24 * 3600 * 1000)) {
        return invalid(QStringLiteral(
            "DuplicateDetectionHistoryTimeWindow must be between 20 seconds and 7 days."));
    }
    return {};
}

VoidResult checkMaxDeliveryCount(int value) {
    if (value < 1) {
        return invalid(QStringLiteral("MaxDeliveryCount must be at least 1."));
    }
    return {};
}

VoidResult checkSizes(int maxSizeInMegabytes, qint64 maxMessageSizeInKilobytes) {
    if (maxSizeInMegabytes < 1 || maxSizeInMegabytes > 81920) {
        return invalid(QStringLiteral("MaxSizeInMegabytes must be between 1 and 81920."));
    }
    if (maxMessageSizeInKilobytes < 1 || maxMessageSizeInKilobytes > 102400) {
        return invalid(QStringLiteral("MaxMessageSizeInKilobytes must be between 1 and 102400."));
    }
    return {};
}

VoidResult checkMetadata(const QString& metadata) {
    if (metadata.size() > kMaxUserMetadataLength) {
        return invalid(QStringLiteral("UserMetadata is limited to 1024 characters."));
    }
    return {};
}

} // namespace

VoidResult validateEntityName(const QString& name, bool isSubscription) {
    if (name.isEmpty()) {
        return invalid(QStringLiteral("The entity name must not be empty."));
    }
    const int limit = isSubscription ? kMaxSubscriptionOrRuleNameLength : kMaxPathLength;
    if (name.size() > limit) {
        return invalid(
            QStringLiteral("The name '%1' is longer than %2 characters.").arg(name).arg(limit));
    }
    if (name.startsWith(QLatin1Char('/')) || name.endsWith(QLatin1Char('/')) ||
        name.contains(QStringLiteral("//"))) {
        return invalid(
            QStringLiteral("The name '%1' must not start or end with '/' or contain '//'.")
                .arg(name));
    }
    for (const QChar c : name) {
        const bool ok = c.isLetterOrNumber() || c == QLatin1Char('.') || c == QLatin1Char('-') ||
                        c == QLatin1Char('_') || (!isSubscription && c == QLatin1Char('/'));
        if (!ok) {
            return invalid(
                QStringLiteral("The name '%1' contains the character '%2', which is not allowed.")
                    .arg(name, QString(c)));
        }
    }
    return {};
}

VoidResult validateQueue(const QueueDescription& q) {
    for (const VoidResult& check :
         {validateEntityName(q.name, false), checkLockDuration(q.lockDuration),
          checkTtl(q.defaultMessageTimeToLive), checkMaxDeliveryCount(q.maxDeliveryCount),
          checkAutoDelete(q.autoDeleteOnIdle),
          checkSizes(q.maxSizeInMegabytes, q.maxMessageSizeInKilobytes),
          checkMetadata(q.userMetadata)}) {
        if (!check) {
            return check;
        }
    }
    if (q.requiresDuplicateDetection) {
        return checkDuplicateWindow(q.duplicateDetectionHistoryTimeWindow);
    }
    return {};
}

VoidResult validateTopic(const TopicDescription& t) {
    for (const VoidResult& check :
         {validateEntityName(t.name, false), checkTtl(t.defaultMessageTimeToLive),
          checkAutoDelete(t.autoDeleteOnIdle),
          checkSizes(t.maxSizeInMegabytes, t.maxMessageSizeInKilobytes),
          checkMetadata(t.userMetadata)}) {
        if (!check) {
            return check;
        }
    }
    if (t.requiresDuplicateDetection) {
        return checkDuplicateWindow(t.duplicateDetectionHistoryTimeWindow);
    }
    return {};
}

VoidResult validateSubscription(const SubscriptionDescription& s) {
    for (const VoidResult& check :
         {validateEntityName(s.name, true), checkLockDuration(s.lockDuration),
          checkTtl(s.defaultMessageTimeToLive), checkMaxDeliveryCount(s.maxDeliveryCount),
          checkAutoDelete(s.autoDeleteOnIdle), checkMetadata(s.userMetadata)}) {
        if (!check) {
            return check;
        }
    }
    return {};
}

VoidResult validateRule(const RuleDescription& rule) {
    if (rule.name.isEmpty() || rule.name.size() > kMaxSubscriptionOrRuleNameLength) {
        return invalid(QStringLiteral("A rule name must have 1 to 50 characters."));
    }
    if (rule.sqlExpression.size() > kMaxExpressionLength ||
        rule.actionExpression.size() > kMaxExpressionLength) {
        return invalid(
            QStringLiteral("Filter and action expressions are limited to 1024 characters."));
    }
    if (rule.filterKind == FilterKind::Sql && rule.sqlExpression.trimmed().isEmpty()) {
        return invalid(QStringLiteral("A SQL filter needs an expression."));
    }
    if (rule.filterKind == FilterKind::Correlation) {
        const CorrelationFilterDescription& c = rule.correlation;
        const bool any = !c.correlationId.isEmpty() || !c.messageId.isEmpty() || !c.to.isEmpty() ||
                         !c.replyTo.isEmpty() || !c.label.isEmpty() || !c.sessionId.isEmpty() ||
                         !c.replyToSessionId.isEmpty() || !c.contentType.isEmpty() ||
                         !c.properties.isEmpty();
        if (!any) {
            return invalid(QStringLiteral("A correlation filter needs at least one property."));
        }
    }
    return {};
}

} // namespace busbar::emulator
