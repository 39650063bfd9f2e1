#pragma once

#include <QString>
#include <QVariant>

namespace busbar::sql {

// The evaluator's value: the handful of kinds the SQL rules distinguish (§5.4), so that
// comparisons and arithmetic switch on a small enum instead of QMetaType ids. Types the
// language only compares for equality with their own kind (QDateTime, QUuid, QByteArray,
// durations, ...) are kept as they came, in `other`.
struct Value {
    enum class Kind { Null, Bool, Int, Double, String, Other };

    Kind kind = Kind::Null;
    bool boolean = false;
    qint64 integer = 0;
    double real = 0.0;
    QString string;
    QVariant other;

    static Value null() { return {}; }
    static Value fromBool(bool b);
    static Value fromInt(qint64 i);
    static Value fromDouble(double d);
    static Value fromString(QString s);

    // Maps a typed property value (AmqpTypes.h) to its SQL kind; invalid -> Null.
    static Value fromVariant(const QVariant& v);
    [[nodiscard]] QVariant toVariant() const;

    [[nodiscard]] bool isNull() const { return kind == Kind::Null; }
    [[nodiscard]] bool isNumeric() const { return kind == Kind::Int || kind == Kind::Double; }
    [[nodiscard]] double asDouble() const { return kind == Kind::Int ? double(integer) : real; }
    // For error messages: "string 'abc'", "integer 5".
    [[nodiscard]] QString describe() const;
};

enum class CompareOp { Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual };

// Compares two non-null values: numbers by value (Int64 widened to double when mixed),
// strings ordinally, booleans for (in)equality only, other types only with their own type.
// Incomparable kinds (string vs number, ...) are FALSE for every operator (§5.4).
[[nodiscard]] bool compareValues(const Value& a, CompareOp op, const Value& b);

// Equality as IN and correlation filters use it: comparable kinds with equal values.
[[nodiscard]] bool valuesEqual(const Value& a, const Value& b);

} // namespace busbar::sql
