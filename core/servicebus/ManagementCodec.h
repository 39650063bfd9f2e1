#pragma once

#include "core/amqp/AmqpTypes.h"
#include "core/common/Result.h"

#include <QList>
#include <QString>
#include <QUuid>
#include <QVariant>

#include <initializer_list>
#include <utility>

namespace busbar {

struct ManagementReply;

// Building and reading $management bodies (servicebus-amqp.md §8): maps with string keys,
// arrays of one element type, and the statusCode / errorCondition convention.
namespace mgmt {

// A map with string keys; entries whose value is invalid (null) are left out.
[[nodiscard]] AmqpMap map(std::initializer_list<std::pair<QString, QVariant>> entries);
[[nodiscard]] QVariant value(const AmqpMap& map);
// The value under `key` (a string or symbol key) in a map value; invalid when missing.
[[nodiscard]] QVariant get(const QVariant& mapValue, const QString& key);
[[nodiscard]] AmqpArray uuidArray(const QList<QUuid>& tokens);
[[nodiscard]] AmqpArray longArray(const QList<qint64>& numbers);
// The elements of an array or a list value.
[[nodiscard]] QVariantList elements(const QVariant& value);
// The same map with every key a symbol (for outcome annotations and error info).
[[nodiscard]] AmqpMap withSymbolKeys(const AmqpMap& map);
// 2xx -> success; anything else mapped with errorFromStatusCode.
[[nodiscard]] VoidResult status(const ManagementReply& reply);
// Whether the reply means "nothing there" (204, or 404 with message-not-found).
[[nodiscard]] bool isEmptyReply(const ManagementReply& reply);

} // namespace mgmt
} // namespace busbar
