#pragma once

#include "core/amqp/AmqpTypes.h"
#include "core/common/Result.h"

#include <QVariant>
#include <QVariantList>

// Proton-C's value container; only its address crosses this header.
struct pn_data_t;

namespace busbar {

// Moves AMQP values between Proton-C's pn_data_t (link properties, source filters, error
// info, disposition annotations: wherever Proton hands out a pn_data_t) and the AmqpTypes.h
// mapping. It goes through the encoded bytes, so every type the codec knows (described
// values, arrays, decimals, ...) crosses both ways with its AMQP type kept, with no second
// type switch to keep in step.
struct PnDataCodec {
    // Every top-level value `data` holds (empty when it holds nothing).
    static Result<QVariantList> readAll(pn_data_t* data);
    // The first value `data` holds; null when it holds nothing.
    static Result<QVariant> read(pn_data_t* data);
    // The map `data` holds; empty when it holds nothing; an error for anything else.
    static Result<AmqpMap> readMap(pn_data_t* data);
    // Replaces the contents of `data` with `value`. An invalid QVariant leaves it empty.
    static VoidResult write(pn_data_t* data, const QVariant& value);
};

} // namespace busbar
