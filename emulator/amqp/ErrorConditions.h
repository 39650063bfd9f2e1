#pragma once

#include "core/common/Error.h"

#include <QString>

namespace busbar::emulator {

// What the service puts on the wire for a broker Error (servicebus-amqp.md §7.1): the AMQP
// condition symbol for a rejected outcome or a detach, and the management statusCode.
[[nodiscard]] QString amqpConditionFor(const Error& error);
[[nodiscard]] int managementStatusFor(const Error& error);
// The description text sent with the condition: the broker's words, never a secret.
[[nodiscard]] QString amqpDescriptionFor(const Error& error);

} // namespace busbar::emulator
