#include "core/amqp/PnDataCodec.h"

#include "core/amqp/AmqpDecoder.h"
#include "core/amqp/AmqpEncoder.h"

#include <QByteArray>

#include <proton/codec.h>

namespace busbar {

Result<QVariantList> PnDataCodec::readAll(pn_data_t* data) {
    if (!data)
        return QVariantList();
    const ssize_t size = pn_data_encoded_size(data);
    if (size < 0)
        return fail(ErrorCode::Internal,
                    QStringLiteral("Proton could not size its data (%1)").arg(qint64(size)));
    QByteArray bytes(qsizetype(size), '\0');
    if (size > 0 && pn_data_encode(data, bytes.data(), size_t(size)) != size)
        return fail(ErrorCode::Internal, QStringLiteral("Proton could not encode its data"));
    QVariantList values;
    AmqpDecoder decoder(bytes);
    while (!decoder.atEnd()) {
        auto value = decoder.readValue();
        if (!value)
            return fail(value.error());
        values.append(std::move(*value));
    }
    return values;
}

Result<QVariant> PnDataCodec::read(pn_data_t* data) {
    auto values = readAll(data);
    if (!values)
        return fail(values.error());
    return values->isEmpty() ? QVariant() : values->first();
}

Result<AmqpMap> PnDataCodec::readMap(pn_data_t* data) {
    auto value = read(data);
    if (!value)
        return fail(value.error());
    if (!value->isValid())
        return AmqpMap{};
    if (value->typeId() != qMetaTypeId<AmqpMap>())
        return fail(ErrorCode::Protocol, QStringLiteral("expected an AMQP map, found a %1")
                                             .arg(QLatin1String(value->metaType().name())));
    return value->value<AmqpMap>();
}

VoidResult PnDataCodec::write(pn_data_t* data, const QVariant& value) {
    if (!data)
        return fail(ErrorCode::Internal, QStringLiteral("no Proton data to write to"));
    pn_data_clear(data);
    if (!value.isValid())
        return {};
    auto bytes = AmqpEncoder::encode(value);
    if (!bytes)
        return fail(bytes.error());
    const ssize_t used = pn_data_decode(data, bytes->constData(), size_t(bytes->size()));
    if (used != ssize_t(bytes->size())) {
        pn_data_clear(data);
        return fail(
            ErrorCode::Internal,
            QStringLiteral("Proton did not accept the encoded value (%1)").arg(qint64(used)));
    }
    return {};
}

} // namespace busbar
