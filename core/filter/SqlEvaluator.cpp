#include "core/filter/SqlEvaluator.h"

#include <QUuid>

#include <cmath>
#include <limits>

namespace busbar::sql {

namespace {

using namespace Qt::StringLiterals;

Truth fromBool(bool b) {
    return b ? Truth::True : Truth::False;
}

Truth negateTruth(Truth t) {
    switch (t) {
    case Truth::True:
        return Truth::False;
    case Truth::False:
        return Truth::True;
    case Truth::Unknown:
        break;
    }
    return Truth::Unknown;
}

// C# unchecked arithmetic: Int64 wraps around instead of trapping.
qint64 wrapAdd(qint64 a, qint64 b) {
    return qint64(quint64(a) + quint64(b));
}
qint64 wrapSubtract(qint64 a, qint64 b) {
    return qint64(quint64(a) - quint64(b));
}
qint64 wrapMultiply(qint64 a, qint64 b) {
    return qint64(quint64(a) * quint64(b));
}

} // namespace

Value Evaluator::raise(const QString& message) {
    if (!m_failed) {
        m_failed = true;
        m_error = message;
    }
    return Value::null();
}

Truth Evaluator::predicate(const Node& node) {
    if (m_failed)
        return Truth::Unknown;
    switch (node.kind) {
    case Node::Kind::Compare:
        return compare(node);
    case Node::Kind::And: {
        const Truth left = predicate(*node.children[0]);
        if (left == Truth::False || m_failed)
            return Truth::False;
        const Truth right = predicate(*node.children[1]);
        if (right == Truth::False)
            return Truth::False;
        return left == Truth::True && right == Truth::True ? Truth::True : Truth::Unknown;
    }
    case Node::Kind::Or: {
        const Truth left = predicate(*node.children[0]);
        if (left == Truth::True || m_failed)
            return left;
        const Truth right = predicate(*node.children[1]);
        if (right == Truth::True)
            return Truth::True;
        return left == Truth::False && right == Truth::False ? Truth::False : Truth::Unknown;
    }
    case Node::Kind::Not:
        return negateTruth(predicate(*node.children[0]));
    case Node::Kind::IsNull: {
        const bool isNull = value(*node.children[0]).isNull();
        return fromBool(isNull != node.negated);
    }
    case Node::Kind::Like:
        return like(node);
    case Node::Kind::In:
        return in(node);
    case Node::Kind::Exists:
        return exists(node);
    default:
        break;
    }
    // The parser admits only conditions here; reaching this is a bug, not bad input.
    raise(u"Internal error: a value was evaluated as a condition"_s);
    return Truth::Unknown;
}

Value Evaluator::value(const Node& node) {
    if (m_failed)
        return Value::null();
    switch (node.kind) {
    case Node::Kind::Constant:
        return node.constant;
    case Node::Kind::Property:
        return property(node);
    case Node::Kind::DynamicProperty:
        return dynamicProperty(node);
    case Node::Kind::NewId:
        return Value::fromVariant(QVariant::fromValue(QUuid::createUuid()));
    case Node::Kind::Negate:
        return negate(node);
    case Node::Kind::UnaryPlus: {
        Value operand = value(*node.children[0]);
        if (operand.isNull() || operand.isNumeric())
            return operand;
        return raise(u"Unary '+' needs a number, not a "_s + operand.describe());
    }
    case Node::Kind::Arithmetic:
        return arithmetic(node);
    default:
        break;
    }
    return raise(u"Internal error: a condition was evaluated as a value"_s);
}

Value Evaluator::lookup(Scope scope, const QString& name, const SystemProperty* system,
                        bool* exists) {
    if (scope == Scope::System && !system) {
        if (exists) {
            *exists = false;
            return Value::null();
        }
        return raise(u"sys."_s + name + u" is not a system property"_s);
    }
    const QVariantMap& map =
        scope == Scope::System ? m_message.systemProperties : m_message.userProperties;
    const auto it = findProperty(map, name, system ? system->alias : QLatin1String());
    if (it == map.cend()) {
        if (exists)
            *exists = false;
        return Value::null();
    }
    // A system property without a value counts as absent; a user property set to null exists.
    if (exists)
        *exists = scope == Scope::User || it->isValid();
    // Text system properties may arrive as the AMQP symbol's bytes (content-type).
    if (system && system->isString && it->metaType().id() == QMetaType::QByteArray)
        return Value::fromString(QString::fromUtf8(it->toByteArray()));
    return Value::fromVariant(*it);
}

Value Evaluator::property(const Node& node, bool* exists) {
    return lookup(node.scope, node.name, node.system, exists);
}

Value Evaluator::dynamicProperty(const Node& node, bool* exists) {
    const Value name = value(*node.children[0]);
    if (m_failed)
        return Value::null();
    if (name.kind != Value::Kind::String)
        return raise(u"property() needs a string name, not a "_s + name.describe());
    // "sys.Label" and "user.x" choose a scope, as in the written form.
    Scope scope = Scope::User;
    QString propertyName = name.string;
    if (propertyName.startsWith("sys."_L1, Qt::CaseInsensitive)) {
        scope = Scope::System;
        propertyName = propertyName.mid(4);
    } else if (propertyName.startsWith("user."_L1, Qt::CaseInsensitive)) {
        propertyName = propertyName.mid(5);
    }
    const SystemProperty* system =
        scope == Scope::System ? findSystemProperty(propertyName) : nullptr;
    if (system)
        propertyName = QString(system->name);
    return lookup(scope, propertyName, system, exists);
}

Value Evaluator::negate(const Node& node) {
    const Value operand = value(*node.children[0]);
    switch (operand.kind) {
    case Value::Kind::Null:
        return operand;
    case Value::Kind::Int:
        return Value::fromInt(wrapSubtract(0, operand.integer));
    case Value::Kind::Double:
        return Value::fromDouble(-operand.real);
    default:
        break;
    }
    return raise(u"Unary '-' needs a number, not a "_s + operand.describe());
}

Value Evaluator::arithmetic(const Node& node) {
    const Value left = value(*node.children[0]);
    const Value right = value(*node.children[1]);
    if (m_failed || left.isNull() || right.isNull())
        return Value::null();
    const ArithmeticOp op = node.arithmetic;
    if (op == ArithmeticOp::Add && left.kind == Value::Kind::String &&
        right.kind == Value::Kind::String)
        return Value::fromString(left.string + right.string);
    if (!left.isNumeric() || !right.isNumeric())
        return raise(u"Cannot apply arithmetic to "_s + left.describe() + u" and "_s +
                     right.describe());
    if ((op == ArithmeticOp::Divide || op == ArithmeticOp::Modulo) && right.asDouble() == 0.0)
        return raise(u"Division by zero"_s);
    if (left.kind == Value::Kind::Int && right.kind == Value::Kind::Int) {
        const qint64 a = left.integer;
        const qint64 b = right.integer;
        switch (op) {
        case ArithmeticOp::Add:
            return Value::fromInt(wrapAdd(a, b));
        case ArithmeticOp::Subtract:
            return Value::fromInt(wrapSubtract(a, b));
        case ArithmeticOp::Multiply:
            return Value::fromInt(wrapMultiply(a, b));
        case ArithmeticOp::Divide:
            // The one quotient that does not fit; wrap like the other operators.
            if (a == std::numeric_limits<qint64>::min() && b == -1)
                return Value::fromInt(a);
            return Value::fromInt(a / b); // truncates toward zero, as C# does
        case ArithmeticOp::Modulo:
            if (b == -1)
                return Value::fromInt(0);
            return Value::fromInt(a % b);
        }
    }
    const double a = left.asDouble();
    const double b = right.asDouble();
    switch (op) {
    case ArithmeticOp::Add:
        return Value::fromDouble(a + b);
    case ArithmeticOp::Subtract:
        return Value::fromDouble(a - b);
    case ArithmeticOp::Multiply:
        return Value::fromDouble(a * b);
    case ArithmeticOp::Divide:
        return Value::fromDouble(a / b);
    case ArithmeticOp::Modulo:
        return Value::fromDouble(std::fmod(a, b));
    }
    return Value::null();
}

Truth Evaluator::compare(const Node& node) {
    const Value left = value(*node.children[0]);
    const Value right = value(*node.children[1]);
    if (m_failed || left.isNull() || right.isNull())
        return Truth::Unknown;
    return fromBool(compareValues(left, node.compare, right));
}

Truth Evaluator::like(const Node& node) {
    const Value text = value(*node.children[0]);
    if (m_failed)
        return Truth::Unknown;
    if (node.like) {
        if (text.isNull())
            return Truth::Unknown;
        // A non-string operand is a type mismatch: FALSE for LIKE and NOT LIKE alike (§5.4).
        if (text.kind != Value::Kind::String)
            return Truth::False;
        return fromBool(node.like->matches(text.string) != node.negated);
    }
    // A computed pattern compiles per evaluation; rare, and correct rather than fast.
    const Value pattern = value(*node.children[1]);
    const Value escape = node.children.size() > 2 ? value(*node.children[2]) : Value();
    if (m_failed || text.isNull() || pattern.isNull())
        return Truth::Unknown;
    if (pattern.kind != Value::Kind::String) {
        raise(u"The LIKE pattern must be a string, not a "_s + pattern.describe());
        return Truth::Unknown;
    }
    std::optional<QChar> escapeChar;
    if (node.children.size() > 2) {
        if (escape.kind != Value::Kind::String || escape.string.size() != 1) {
            raise(u"The ESCAPE value must be one character, not a "_s + escape.describe());
            return Truth::Unknown;
        }
        escapeChar = escape.string.front();
    }
    auto compiled = LikePattern::compile(pattern.string, escapeChar);
    if (!compiled) {
        raise(compiled.error().message);
        return Truth::Unknown;
    }
    if (text.kind != Value::Kind::String)
        return Truth::False;
    return fromBool(compiled->matches(text.string) != node.negated);
}

Truth Evaluator::in(const Node& node) {
    const Value left = value(*node.children[0]);
    if (m_failed || left.isNull())
        return Truth::Unknown;
    for (std::size_t i = 1; i < node.children.size(); ++i) {
        const Value item = value(*node.children[i]);
        if (m_failed)
            return Truth::Unknown;
        if (valuesEqual(left, item))
            return fromBool(!node.negated);
    }
    return fromBool(node.negated);
}

Truth Evaluator::exists(const Node& node) {
    const Node& target = *node.children[0];
    bool present = false;
    if (target.kind == Node::Kind::DynamicProperty)
        (void)dynamicProperty(target, &present);
    else
        (void)property(target, &present);
    return m_failed ? Truth::Unknown : fromBool(present);
}

} // namespace busbar::sql
