#pragma once

#include "core/common/Error.h"

#include <expected>

namespace busbar {

// Every fallible core call returns a Result: the value, or an Error that says what went
// wrong and what to do. Exceptions never cross the core's API.
template <typename T>
using Result = std::expected<T, Error>;

using VoidResult = std::expected<void, Error>;

inline std::unexpected<Error> fail(Error error) { return std::unexpected<Error>(std::move(error)); }

inline std::unexpected<Error> fail(ErrorCode code, QString message) {
    return std::unexpected<Error>(Error::make(code, std::move(message)));
}

} // namespace busbar
