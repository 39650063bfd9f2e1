#pragma once

#include "emulator/config/NamespaceConfig.h"

#include <QByteArray>
#include <QString>

namespace busbar::emulator {

// Reads a Config.json in the Microsoft Service Bus emulator's format
// (servicebus-management.md §7.6). Differences, on purpose:
//  * // and /* */ comments are allowed (the stock sample file has them);
//  * values are checked against the cloud service's limits, not the Microsoft emulator's
//    quotas, so a 2 s TTL or a 5 s lock duration loads (tests need them);
//  * several namespaces may be listed, each with its own keys;
//  * extra properties of the cloud descriptions are accepted (AutoDeleteOnIdle, Status,
//    UserMetadata, MaxSizeInMegabytes, EnableBatchedOperations, ...), FilterType may also be
//    "True" or "False", and a namespace may list "SharedAccessPolicies"
//    ([{"Name", "Key", "Rights": ["Listen","Send","Manage"]}]) to replace the default
//    RootManageSharedAccessKey / SAS_KEY_VALUE rule.
// Unspecified properties take the Microsoft emulator's defaults (TTL PT1H, MaxDeliveryCount
// 3, duplicate detection window PT20S). Every problem is reported, each with its JSON path:
// "UserConfig.Namespaces[0].Queues[2].Properties.LockDuration: 'PT10M' is out of range: ...".
Result<EmulatorConfig> loadEmulatorConfig(const QString& path);
Result<EmulatorConfig> loadEmulatorConfigFromBytes(const QByteArray& json);

// Removes // and /* */ comments outside strings, keeping line breaks so JSON errors still
// point at the right line.
QByteArray stripJsonComments(const QByteArray& json);

} // namespace busbar::emulator
