#include "core/filter/SqlValue.h"

#include "core/amqp/AmqpTypes.h"

#include <QDateTime>
#include <QUuid>

#include <limits>

namespace busbar::sql {

Value Value::fromBool(bool b) {
    Value v;
    v.kind = Kind::Bool;
    v.boolean = b;
    return v;
}

Value Value::fromInt(qint64 i) {
    Value v;
    v.kind = Kind::Int;
    v.integer = i;
    return v;
}

Value Value::fromDouble(double d) {
    Value v;
    v.kind = Kind::Double;
    v.real = d;
    return v;
}

Value Value::fromString(QString s) {
    Value v;
    v.kind = Kind::String;
    v.string = std::move(s);
    return v;
}

Value Value::fromVariant(const QVariant& variant) {
    if (!variant.isValid())
        return null();
    switch (variant.metaType().id()) {
    case QMetaType::Bool:
        return fromBool(variant.toBool());
    case QMetaType::Char:
    case QMetaType::SChar:
    case QMetaType::UChar:
    case QMetaType::Short:
    case QMetaType::UShort:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::Long:
    case QMetaType::LongLong:
        return fromInt(variant.toLongLong());
    case QMetaType::ULong:
    case QMetaType::ULongLong: {
        const quint64 u = variant.toULongLong();
        // C# compares ulong with long by widening; past Int64 a double keeps the order.
        if (u <= quint64(std::numeric_limits<qint64>::max()))
            return fromInt(qint64(u));
        return fromDouble(double(u));
    }
    case QMetaType::Float:
    case QMetaType::Double:
        return fromDouble(variant.toDouble());
    case QMetaType::QString:
        return fromString(variant.toString());
    case QMetaType::QChar:
        return fromString(QString(variant.toChar()));
    case QMetaType::Nullptr:
    case QMetaType::UnknownType:
        return null();
    default:
        break;
    }
    if (variant.metaType() == QMetaType::fromType<AmqpSymbol>())
        return fromString(QString::fromUtf8(variant.value<AmqpSymbol>().name));
    if (variant.metaType() == QMetaType::fromType<AmqpChar>()) {
        const char32_t c = variant.value<AmqpChar>().value;
        return fromString(QString::fromUcs4(&c, 1));
    }
    Value v;
    v.kind = Kind::Other;
    v.other = variant;
    return v;
}

QVariant Value::toVariant() const {
    switch (kind) {
    case Kind::Null:
        return {};
    case Kind::Bool:
        return QVariant(boolean);
    case Kind::Int:
        return QVariant(integer);
    case Kind::Double:
        return QVariant(real);
    case Kind::String:
        return QVariant(string);
    case Kind::Other:
        return other;
    }
    return {};
}

QString Value::describe() const {
    switch (kind) {
    case Kind::Null:
        return QStringLiteral("NULL");
    case Kind::Bool:
        return boolean ? QStringLiteral("boolean TRUE") : QStringLiteral("boolean FALSE");
    case Kind::Int:
        return QStringLiteral("integer ") + QString::number(integer);
    case Kind::Double:
        return QStringLiteral("number ") + QString::number(real);
    case Kind::String:
        return QStringLiteral("string '") + string + QLatin1Char('\'');
    case Kind::Other:
        return QStringLiteral("value of type ") + QString::fromLatin1(other.typeName());
    }
    return {};
}

namespace {

template <typename T>
bool applyOrder(const T& a, CompareOp op, const T& b) {
    switch (op) {
    case CompareOp::Equal:
        return a == b;
    case CompareOp::NotEqual:
        return a != b;
    case CompareOp::Less:
        return a < b;
    case CompareOp::LessOrEqual:
        return a <= b;
    case CompareOp::Greater:
        return a > b;
    case CompareOp::GreaterOrEqual:
        return a >= b;
    }
    return false;
}

bool isEqualityOp(CompareOp op) {
    return op == CompareOp::Equal || op == CompareOp::NotEqual;
}

} // namespace

bool compareValues(const Value& a, CompareOp op, const Value& b) {
    using Kind = Value::Kind;
    if (a.kind == Kind::Int && b.kind == Kind::Int)
        return applyOrder(a.integer, op, b.integer);
    if (a.isNumeric() && b.isNumeric())
        return applyOrder(a.asDouble(), op, b.asDouble());
    if (a.kind != b.kind)
        return false;
    switch (a.kind) {
    case Kind::String:
        // Ordinal on UTF-16 code units, like C#'s string.CompareOrdinal.
        return applyOrder(QString::compare(a.string, b.string, Qt::CaseSensitive), op, 0);
    case Kind::Bool:
        return isEqualityOp(op) && applyOrder(a.boolean, op, b.boolean);
    case Kind::Other: {
        if (a.other.metaType() != b.other.metaType())
            return false;
        if (isEqualityOp(op))
            return (a.other == b.other) == (op == CompareOp::Equal);
        const QPartialOrdering order = QVariant::compare(a.other, b.other);
        if (order == QPartialOrdering::Unordered)
            return false;
        const int sign = order == QPartialOrdering::Less      ? -1
                         : order == QPartialOrdering::Greater ? 1
                                                              : 0;
        return applyOrder(sign, op, 0);
    }
    case Kind::Null:
    case Kind::Int:
    case Kind::Double:
        break;
    }
    return false;
}

bool valuesEqual(const Value& a, const Value& b) {
    if (a.isNull() || b.isNull())
        return false;
    return compareValues(a, CompareOp::Equal, b);
}

} // namespace busbar::sql
