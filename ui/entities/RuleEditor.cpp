#include "ui/entities/RuleEditor.h"

#include "core/admin/AdminClient.h"
#include "core/admin/EntityValidator.h"
#include "core/filter/SqlFilter.h"
#include "ui/send/ApplicationPropertiesTable.h"

#include <QComboBox>
#include <QDateTime>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QStackedWidget>
#include <QUuid>
#include <QVBoxLayout>

namespace busbar {

namespace {

// Correlation filter properties keep their types; the table edits them as typed text.
TypedProperty toTyped(const QString& name, const QVariant& value) {
    switch (value.metaType().id()) {
    case QMetaType::Int:
        return {name, PropertyType::Int, value.toString()};
    case QMetaType::LongLong:
        return {name, PropertyType::Long, value.toString()};
    case QMetaType::Double:
        return {name, PropertyType::Double, value.toString()};
    case QMetaType::Bool:
        return {name, PropertyType::Bool,
                value.toBool() ? QStringLiteral("true") : QStringLiteral("false")};
    case QMetaType::QDateTime:
        return {name, PropertyType::DateTime, value.toDateTime().toString(Qt::ISODateWithMs)};
    case QMetaType::QUuid:
        return {name, PropertyType::Uuid, value.toUuid().toString(QUuid::WithoutBraces)};
    default:
        return {name, PropertyType::String, value.toString()};
    }
}

} // namespace

RuleEditor* RuleEditor::createNew(AdminClient* admin, const QString& topic,
                                  const QString& subscription, QWidget* parent) {
    auto* editor = new RuleEditor(admin, Mode::Create, topic, subscription, parent);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    return editor;
}

RuleEditor* RuleEditor::edit(AdminClient* admin, const QString& topic, const QString& subscription,
                             const QString& name, QWidget* parent) {
    auto* editor = new RuleEditor(admin, Mode::Edit, topic, subscription, parent);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    editor->load(name);
    return editor;
}

RuleEditor::RuleEditor(AdminClient* admin, Mode mode, const QString& topic,
                       const QString& subscription, QWidget* parent)
    : EntityEditorBase(admin, mode, parent)
    , m_topic(topic)
    , m_subscription(subscription) {
    setObjectName(QStringLiteral("ruleEditor"));
    setWindowTitle(mode == Mode::Create ? tr("New Rule of %1/%2").arg(topic, subscription)
                                        : tr("Edit Rule of %1/%2").arg(topic, subscription));
    m_name->setPlaceholderText(tr("up to 50 characters, no '/'"));

    auto* filter = group(tr("Filter"));
    m_filterKind = new QComboBox(this);
    m_filterKind->setObjectName(QStringLiteral("filterKind"));
    m_filterKind->setAccessibleName(tr("Filter kind"));
    m_filterKind->addItems({tr("SQL filter"), tr("Correlation filter"), tr("True (every message)"),
                            tr("False (no message)")});
    filter->addRow(tr("&Kind:"), m_filterKind);
    m_filterPages = new QStackedWidget(this);

    auto* sqlPage = new QWidget(m_filterPages);
    auto* sqlLayout = new QVBoxLayout(sqlPage);
    m_sql = new QPlainTextEdit(sqlPage);
    m_sql->setObjectName(QStringLiteral("sqlExpression"));
    m_sql->setAccessibleName(tr("SQL filter expression"));
    m_sql->setPlaceholderText(tr("e.g. sys.Label = 'created' AND amount > 100"));
    m_sqlError = new QLabel(sqlPage);
    m_sqlError->setObjectName(QStringLiteral("sqlError"));
    m_sqlError->setWordWrap(true);
    m_sqlError->hide();
    sqlLayout->addWidget(m_sql);
    sqlLayout->addWidget(m_sqlError);
    m_filterPages->addWidget(sqlPage);

    auto* correlationPage = new QWidget(m_filterPages);
    auto* correlation = new QFormLayout(correlationPage);
    m_correlationId = addText(correlation, "correlationId", tr("&Correlation id:"));
    m_messageId = addText(correlation, "messageId", tr("&Message id:"));
    m_to = addText(correlation, "to", tr("&To:"));
    m_replyTo = addText(correlation, "replyTo", tr("&Reply to:"));
    m_label = addText(correlation, "label", tr("S&ubject (label):"));
    m_sessionId = addText(correlation, "sessionId", tr("&Session id:"));
    m_replyToSessionId = addText(correlation, "replyToSessionId", tr("Reply to sess&ion id:"));
    m_contentType = addText(correlation, "contentType", tr("Content t&ype:"));
    m_properties = new ApplicationPropertiesTable(correlationPage);
    m_properties->setObjectName(QStringLiteral("correlationProperties"));
    correlation->addRow(tr("Properties:"), m_properties);
    m_filterPages->addWidget(correlationPage);
    m_filterPages->addWidget(new QWidget(m_filterPages)); // true
    m_filterPages->addWidget(new QWidget(m_filterPages)); // false
    filter->addRow(m_filterPages);

    auto* action = group(tr("Action"));
    m_action = new QPlainTextEdit(this);
    m_action->setObjectName(QStringLiteral("actionExpression"));
    m_action->setAccessibleName(tr("SQL action"));
    m_action->setPlaceholderText(tr("optional, e.g. SET sys.Label = 'routed'; REMOVE tmp"));
    m_actionError = new QLabel(this);
    m_actionError->setObjectName(QStringLiteral("actionError"));
    m_actionError->setWordWrap(true);
    m_actionError->hide();
    action->addRow(m_action);
    action->addRow(m_actionError);

    connect(m_filterKind, &QComboBox::currentIndexChanged, m_filterPages,
            &QStackedWidget::setCurrentIndex);
    connect(m_properties, &ApplicationPropertiesTable::propertiesChanged, this,
            &RuleEditor::revalidate);
    if (mode == Mode::Edit) {
        setNameEditable(false);
    }
    watchFields();
}

RuleDescription RuleEditor::read(QStringList* problems) const {
    RuleDescription rule;
    rule.name = m_name->text().trimmed();
    rule.filterParameters = m_filterParameters;
    rule.actionParameters = m_actionParameters;
    rule.filterKind = FilterKind(m_filterKind->currentIndex());
    switch (rule.filterKind) {
    case FilterKind::Sql:
        rule.sqlExpression = m_sql->toPlainText().trimmed();
        break;
    case FilterKind::True:
        rule.sqlExpression = QStringLiteral("1=1");
        break;
    case FilterKind::False:
        rule.sqlExpression = QStringLiteral("1=0");
        break;
    case FilterKind::Correlation: {
        CorrelationFilterDescription& c = rule.correlation;
        c.correlationId = m_correlationId->text();
        c.messageId = m_messageId->text();
        c.to = m_to->text();
        c.replyTo = m_replyTo->text();
        c.label = m_label->text();
        c.sessionId = m_sessionId->text();
        c.replyToSessionId = m_replyToSessionId->text();
        c.contentType = m_contentType->text();
        for (const TypedProperty& property : m_properties->properties()) {
            auto value = property.typedValue();
            if (property.name.trimmed().isEmpty()) {
                problems->append(tr("A correlation filter property has no name."));
            } else if (!value) {
                problems->append(value.error().message);
            } else {
                c.properties.insert(property.name.trimmed(), *value);
            }
        }
        break;
    }
    }
    rule.actionExpression = m_action->toPlainText().trimmed();
    return rule;
}

RuleDescription RuleEditor::description() const {
    QStringList ignored;
    return read(&ignored);
}

void RuleEditor::setDescription(const RuleDescription& rule) {
    m_filterParameters = rule.filterParameters;
    m_actionParameters = rule.actionParameters;
    m_name->setText(rule.name);
    m_filterKind->setCurrentIndex(int(rule.filterKind));
    m_sql->setPlainText(rule.filterKind == FilterKind::Sql ? rule.sqlExpression : QString());
    const CorrelationFilterDescription& c = rule.correlation;
    m_correlationId->setText(c.correlationId);
    m_messageId->setText(c.messageId);
    m_to->setText(c.to);
    m_replyTo->setText(c.replyTo);
    m_label->setText(c.label);
    m_sessionId->setText(c.sessionId);
    m_replyToSessionId->setText(c.replyToSessionId);
    m_contentType->setText(c.contentType);
    QList<TypedProperty> properties;
    for (auto it = c.properties.cbegin(); it != c.properties.cend(); ++it) {
        properties.append(toTyped(it.key(), it.value()));
    }
    m_properties->setProperties(properties);
    m_action->setPlainText(rule.actionExpression);
    revalidate();
}

void RuleEditor::load(const QString& name) {
    m_name->setText(name);
    track<AtomItem<RuleDescription>>(m_admin->getRule(m_topic, m_subscription, name),
                                     tr("Loading rule '%1'…").arg(name),
                                     [this](const Result<AtomItem<RuleDescription>>& item) {
                                         setDescription(item->description);
                                         showStatus(tr("Loaded."));
                                         markLoaded();
                                         Q_EMIT loaded();
                                     });
}

QStringList RuleEditor::collectProblems() const {
    QStringList problems;
    const RuleDescription rule = read(&problems);
    if (const QString bad = EntityValidator::checkChildName(rule.name, tr("rule"));
        !bad.isEmpty()) {
        problems.append(bad);
    }
    if (rule.filterKind == FilterKind::Sql) {
        if (rule.sqlExpression.isEmpty()) {
            problems.append(tr("Write the SQL filter, or choose another kind of filter."));
        } else if (auto parsed = SqlFilter::parse(rule.sqlExpression, rule.filterParameters);
                   !parsed) {
            problems.append(tr("SQL filter: %1").arg(parsed.error().message));
        }
    }
    if (!rule.actionExpression.isEmpty()) {
        if (auto parsed = SqlRuleAction::parse(rule.actionExpression, rule.actionParameters);
            !parsed) {
            problems.append(tr("SQL action: %1").arg(parsed.error().message));
        }
    }
    for (const FieldProblem& problem : EntityValidator::check(rule)) {
        problems.append(problem.message());
    }
    return problems;
}

void RuleEditor::refreshInlineErrors() {
    QString sqlError;
    const QString sql = m_sql->toPlainText().trimmed();
    if (m_filterKind->currentIndex() == int(FilterKind::Sql) && !sql.isEmpty()) {
        if (auto parsed = SqlFilter::parse(sql, m_filterParameters); !parsed) {
            sqlError = parsed.error().message;
        }
    }
    m_sqlError->setText(sqlError);
    m_sqlError->setVisible(!sqlError.isEmpty());
    QString actionError;
    if (const QString action = m_action->toPlainText().trimmed(); !action.isEmpty()) {
        if (auto parsed = SqlRuleAction::parse(action, m_actionParameters); !parsed) {
            actionError = parsed.error().message;
        }
    }
    m_actionError->setText(actionError);
    m_actionError->setVisible(!actionError.isEmpty());
}

void RuleEditor::submit() {
    const RuleDescription rule = description();
    auto future = mode() == Mode::Create ? m_admin->createRule(m_topic, m_subscription, rule)
                                         : m_admin->updateRule(m_topic, m_subscription, rule);
    track<AtomItem<RuleDescription>>(future, tr("Saving rule '%1'…").arg(rule.name),
                                     [this](const Result<AtomItem<RuleDescription>>& item) {
                                         showStatus(
                                             tr("Saved rule '%1'.").arg(item->description.name));
                                         Q_EMIT saved(item->description.name);
                                     });
}

void RuleEditor::removeEntity() {
    const QString name = entityName();
    track<void>(m_admin->deleteRule(m_topic, m_subscription, name),
                tr("Deleting rule '%1'…").arg(name), [this, name](const VoidResult&) {
                    showStatus(tr("Deleted rule '%1'.").arg(name));
                    Q_EMIT deleted(name);
                });
}

QString RuleEditor::entityName() const {
    return m_name->text().trimmed();
}

} // namespace busbar
