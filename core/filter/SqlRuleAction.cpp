#include "core/filter/SqlRuleAction.h"

#include "core/filter/SqlEvaluator.h"
#include "core/filter/SqlParser.h"

#include <QUuid>

namespace busbar {

using namespace Qt::StringLiterals;

struct SqlRuleAction::Statements {
    std::vector<sql::ActionStatement> list;
};

namespace {

bool isIntegral(int typeId) {
    switch (typeId) {
    case QMetaType::Char:
    case QMetaType::SChar:
    case QMetaType::UChar:
    case QMetaType::Short:
    case QMetaType::UShort:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::Long:
    case QMetaType::ULong:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
        return true;
    default:
        return false;
    }
}

bool isFloating(int typeId) {
    return typeId == QMetaType::Float || typeId == QMetaType::Double;
}

// C#-style implicit conversion into the type the property already has (qty stays an int
// after SET qty = qty * 2), only when no value is lost; otherwise the new type wins.
QVariant convertLike(const QVariant& value, const QVariant& existing) {
    const int from = value.metaType().id();
    const int to = existing.metaType().id();
    if (!existing.isValid() || from == to)
        return value;
    if (!(isIntegral(from) || isFloating(from)) || !(isIntegral(to) || isFloating(to)))
        return value;
    QVariant converted = value;
    if (!converted.convert(existing.metaType()))
        return value;
    // The round trip proves nothing was truncated or wrapped.
    QVariant back = converted;
    if (!back.convert(value.metaType()) || back != value)
        return value;
    return converted;
}

// Text-valued sys. properties take the text of numbers and ids.
QVariant toSystemText(const QVariant& value) {
    if (!value.isValid() || value.metaType().id() == QMetaType::QString)
        return value;
    if (value.metaType() == QMetaType::fromType<QUuid>())
        return value.value<QUuid>().toString(QUuid::WithoutBraces);
    if (value.canConvert<QString>())
        return value.toString();
    return value;
}

} // namespace

Result<SqlRuleAction> SqlRuleAction::parse(const QString& expression,
                                           const QVariantMap& parameters) {
    auto statements = sql::parseActionStatements(expression, parameters);
    if (!statements)
        return std::unexpected(statements.error());
    auto shared = std::make_shared<Statements>();
    shared->list = std::move(*statements);
    SqlRuleAction action;
    action.m_expression = expression;
    action.m_statements = std::move(shared);
    return action;
}

VoidResult SqlRuleAction::apply(FilterContext& message) const {
    if (!m_statements)
        return {};
    // Work on a copy: a failing statement must not leave half an action applied.
    FilterContext result = message;
    for (const sql::ActionStatement& statement : m_statements->list) {
        const sql::Node& target = *statement.target;
        const bool system = target.scope == sql::Scope::System;
        QVariantMap& map = system ? result.systemProperties : result.userProperties;
        const QLatin1String alias = target.system ? target.system->alias : QLatin1String();
        const QString key = sql::existingKey(map, target.name, alias);
        if (statement.kind == sql::ActionStatement::Kind::Remove) {
            if (system)
                map.insert(key, QVariant());
            else
                map.remove(key);
            continue;
        }
        // Each statement sees the effects of the ones before it.
        sql::Evaluator evaluator(result);
        const sql::Value value = evaluator.value(*statement.value);
        if (evaluator.failed())
            return fail(ErrorCode::InvalidInput, u"The rule action failed: "_s + evaluator.error());
        QVariant stored = convertLike(value.toVariant(), map.value(key));
        if (target.system && target.system->isString)
            stored = toSystemText(stored);
        map.insert(key, stored);
    }
    message = std::move(result);
    return {};
}

} // namespace busbar
