#pragma once

#include "core/amqp/AmqpTypes.h"

#include <QByteArray>
#include <QVariant>

#include <proton/codec.h>

namespace busbar {

// Reads the value at the current position of a pn_data_t into the AmqpTypes.h mapping.
// Covers what clients put in filters, link properties, error info and modified annotations.
[[nodiscard]] QVariant readPnValue(pn_data_t* data);
// Reads the whole of a pn_data_t holding one map (or nothing) into an AmqpMap.
[[nodiscard]] AmqpMap readPnMap(pn_data_t* data);
// Looks a symbol (or string) key up in an AmqpMap.
[[nodiscard]] const QVariant* findKey(const AmqpMap& map, QByteArrayView key,
                                      bool* found = nullptr);
// Writes a simple value (string, symbol, long, int, uint, bool, null) at the current position.
void writePnValue(pn_data_t* data, const QVariant& value);
// Replaces the contents of a pn_data_t with a map of symbol keys.
void writePnSymbolMap(pn_data_t* data, const AmqpMap& map);

} // namespace busbar
