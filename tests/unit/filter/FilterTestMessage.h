#pragma once

#include "core/filter/FilterContext.h"

#include <QString>
#include <QVariant>

namespace busbar::test {

// Message M of servicebus-management.md §5.5, used by every conformance row.
inline FilterContext conformanceMessage() {
    FilterContext m;
    m.systemProperties.insert(QStringLiteral("MessageId"), QStringLiteral("m-1"));
    m.systemProperties.insert(QStringLiteral("CorrelationId"), QStringLiteral("c-42"));
    m.systemProperties.insert(QStringLiteral("Label"), QStringLiteral("order.created"));
    m.systemProperties.insert(QStringLiteral("To"), QStringLiteral("store1"));
    m.systemProperties.insert(QStringLiteral("ReplyTo"), QStringLiteral("replies"));
    m.systemProperties.insert(QStringLiteral("ContentType"), QStringLiteral("application/json"));
    m.userProperties.insert(QStringLiteral("color"), QStringLiteral("red"));
    m.userProperties.insert(QStringLiteral("qty"), QVariant(qint32(5)));
    m.userProperties.insert(QStringLiteral("price"), QVariant(9.99));
    m.userProperties.insert(QStringLiteral("vip"), QVariant(true));
    m.userProperties.insert(QStringLiteral("region"), QStringLiteral("EU-West"));
    m.userProperties.insert(QStringLiteral("note"), QStringLiteral("50% off"));
    return m;
}

} // namespace busbar::test
