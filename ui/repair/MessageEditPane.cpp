#include "ui/repair/MessageEditPane.h"

#include "ui/messages/AmqpValueText.h"
#include "ui/send/ApplicationPropertiesTable.h"
#include "ui/send/BodyValidator.h"

#include <QComboBox>
#include <QDateTime>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QUuid>
#include <QVBoxLayout>

namespace busbar {

namespace {

enum BodyModeIndex { TextMode, JsonMode };

// The form's view of a property value: its type when the form has one, else its text as a
// string (left alone unless the user changes it).
TypedProperty typedPropertyOf(const QString& name, const QVariant& value) {
    TypedProperty p;
    p.name = name;
    switch (value.metaType().id()) {
    case QMetaType::Int:
        p.type = PropertyType::Int;
        p.value = QString::number(value.toInt());
        return p;
    case QMetaType::LongLong:
        p.type = PropertyType::Long;
        p.value = QString::number(value.toLongLong());
        return p;
    case QMetaType::Double:
        p.type = PropertyType::Double;
        p.value = QString::number(value.toDouble(), 'g', 17);
        return p;
    case QMetaType::Bool:
        p.type = PropertyType::Bool;
        p.value = value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        return p;
    case QMetaType::QDateTime:
        p.type = PropertyType::DateTime;
        p.value = value.toDateTime().toUTC().toString(Qt::ISODateWithMs);
        return p;
    case QMetaType::QUuid:
        p.type = PropertyType::Uuid;
        p.value = value.toUuid().toString(QUuid::WithoutBraces);
        return p;
    default:
        break;
    }
    p.type = PropertyType::String;
    p.value =
        value.metaType().id() == QMetaType::QString ? value.toString() : AmqpValueText::text(value);
    return p;
}

bool sameProperty(const TypedProperty& a, const TypedProperty& b) {
    return a.name == b.name && a.type == b.type && a.value == b.value;
}

} // namespace

MessageEditPane::MessageEditPane(QWidget* parent)
    : QWidget(parent) {
    setObjectName(QStringLiteral("messageEditPane"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* tabs = new QTabWidget(this);
    tabs->setObjectName(QStringLiteral("messageEditTabs"));
    layout->addWidget(tabs);

    auto* bodyPage = new QWidget(tabs);
    auto* bodyLayout = new QVBoxLayout(bodyPage);
    m_bodyMode = new QComboBox(bodyPage);
    m_bodyMode->setObjectName(QStringLiteral("resubmitBodyMode"));
    m_bodyMode->setAccessibleName(tr("Body format"));
    m_bodyMode->addItems({tr("Text"), tr("JSON")});
    bodyLayout->addWidget(m_bodyMode);
    m_body = new QPlainTextEdit(bodyPage);
    m_body->setObjectName(QStringLiteral("resubmitBodyEdit"));
    m_body->setAccessibleName(tr("Body"));
    bodyLayout->addWidget(m_body, 1);
    m_bodyError = new QLabel(bodyPage);
    m_bodyError->setObjectName(QStringLiteral("resubmitBodyError"));
    m_bodyError->setWordWrap(true);
    m_bodyError->hide();
    bodyLayout->addWidget(m_bodyError);
    tabs->addTab(bodyPage, tr("&Body"));

    auto* systemPage = new QWidget(tabs);
    auto* form = new QFormLayout(systemPage);
    const QHash<QString, QString> labels{
        {QStringLiteral("subject"), tr("Subject (label):")},
        {QStringLiteral("contentType"), tr("Content type:")},
        {QStringLiteral("correlationId"), tr("Correlation id:")},
        {QStringLiteral("to"), tr("To:")},
        {QStringLiteral("replyTo"), tr("Reply to:")},
        {QStringLiteral("replyToSessionId"), tr("Reply to session:")},
        {QStringLiteral("sessionId"), tr("Session id:")},
        {QStringLiteral("timeToLive"), tr("Time to live (ms):")}};
    for (const QString& name : ResubmitEdits::systemPropertyNames()) {
        auto* edit = new QLineEdit(systemPage);
        edit->setObjectName(QStringLiteral("resubmitSystem_") + name);
        connect(edit, &QLineEdit::textChanged, this, &MessageEditPane::changed);
        m_system.insert(name, edit);
        form->addRow(labels.value(name), edit);
    }
    tabs->addTab(systemPage, tr("&System properties"));

    auto* propertiesPage = new QWidget(tabs);
    auto* propertiesLayout = new QVBoxLayout(propertiesPage);
    m_properties = new ApplicationPropertiesTable(propertiesPage);
    m_properties->setObjectName(QStringLiteral("resubmitPropertiesTable"));
    propertiesLayout->addWidget(m_properties, 1);
    auto* buttons = new QHBoxLayout;
    auto* add = new QPushButton(tr("&Add"), propertiesPage);
    add->setObjectName(QStringLiteral("resubmitAddProperty"));
    auto* remove = new QPushButton(tr("&Remove"), propertiesPage);
    remove->setObjectName(QStringLiteral("resubmitRemoveProperty"));
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    propertiesLayout->addLayout(buttons);
    tabs->addTab(propertiesPage, tr("&Application properties"));

    connect(add, &QPushButton::clicked, m_properties, [this] { m_properties->addProperty(); });
    connect(remove, &QPushButton::clicked, m_properties,
            &ApplicationPropertiesTable::removeSelected);
    connect(m_properties, &ApplicationPropertiesTable::propertiesChanged, this,
            &MessageEditPane::changed);
    connect(m_bodyMode, &QComboBox::currentIndexChanged, this, &MessageEditPane::checkBody);
    connect(m_body, &QPlainTextEdit::textChanged, this, &MessageEditPane::checkBody);
    setEnabled(false);
}

void MessageEditPane::setMessage(const ServiceBusMessage& message) {
    const AmqpMessage& amqp = message.amqp;
    m_valueBody = amqp.bodyKind == AmqpMessage::BodyKind::Value &&
                  amqp.bodyValue().metaType().id() == QMetaType::QString;
    if (m_valueBody) {
        m_originalBody = amqp.bodyValue().toString();
        m_binary = false;
    } else {
        const QByteArray payload = amqp.dataPayload();
        m_originalBody = QString::fromUtf8(payload);
        // Only a body that survives the round trip to text is offered for editing.
        m_binary = amqp.bodyKind == AmqpMessage::BodyKind::Sequence ||
                   (amqp.bodyKind == AmqpMessage::BodyKind::Value) ||
                   m_originalBody.toUtf8() != payload;
    }
    {
        const QSignalBlocker blocker(m_body);
        m_body->setPlainText(m_binary ? QString() : m_originalBody);
    }
    m_body->setReadOnly(m_binary);
    m_body->setPlaceholderText(
        m_binary ? tr("The body is binary (%1 bytes); it is resubmitted as it is.")
                       .arg(amqp.bodyBytes.size())
                 : QString());
    m_bodyMode->setEnabled(!m_binary);
    {
        const QSignalBlocker blocker(m_bodyMode);
        const bool json = !m_binary && !m_originalBody.isEmpty() &&
                          !QJsonDocument::fromJson(m_originalBody.toUtf8()).isNull();
        m_bodyMode->setCurrentIndex(json ? JsonMode : TextMode);
    }

    const AmqpMessage::Properties& p = amqp.properties;
    m_originalSystem = {{QStringLiteral("subject"), p.subject},
                        {QStringLiteral("contentType"), QString::fromUtf8(p.contentType)},
                        {QStringLiteral("correlationId"), amqpIdToText(p.correlationId)},
                        {QStringLiteral("to"), p.to},
                        {QStringLiteral("replyTo"), p.replyTo},
                        {QStringLiteral("replyToSessionId"), p.replyToGroupId},
                        {QStringLiteral("sessionId"), p.groupId},
                        {QStringLiteral("timeToLive"),
                         amqp.header.ttlMs ? QString::number(*amqp.header.ttlMs) : QString()}};
    for (auto it = m_system.cbegin(); it != m_system.cend(); ++it) {
        const QSignalBlocker blocker(it.value());
        it.value()->setText(m_originalSystem.value(it.key()));
    }

    m_originalProperties.clear();
    for (const auto& [key, value] : amqp.applicationProperties.entries) {
        m_originalProperties.append(typedPropertyOf(key.toString(), value));
    }
    {
        const QSignalBlocker blocker(m_properties);
        m_properties->setProperties(m_originalProperties);
    }
    m_loaded = true;
    setEnabled(true);
    checkBody();
}

void MessageEditPane::checkBody() {
    if (m_binary) {
        m_bodyError->hide();
    } else {
        const BodyMode mode =
            m_bodyMode->currentIndex() == JsonMode ? BodyMode::Json : BodyMode::Text;
        const BodyProblem problem = BodyValidator::check(mode, m_body->toPlainText().toUtf8());
        m_bodyError->setText(problem.isValid() ? QString()
                                               : tr("Line %1, column %2: %3")
                                                     .arg(problem.line)
                                                     .arg(problem.column)
                                                     .arg(problem.message));
        m_bodyError->setVisible(!problem.isValid());
    }
    Q_EMIT changed();
}

Result<ResubmitEdits> MessageEditPane::edits() const {
    ResubmitEdits edits;
    if (!m_loaded) {
        return fail(ErrorCode::InvalidInput, tr("The message is still being read."));
    }
    if (!m_binary) {
        if (!m_bodyError->text().isEmpty()) {
            return fail(ErrorCode::InvalidInput, tr("Body: %1").arg(m_bodyError->text()));
        }
        if (const QString body = m_body->toPlainText(); body != m_originalBody) {
            edits.body = body.toUtf8();
            edits.bodyAsValue = m_valueBody;
        }
    }
    for (auto it = m_system.cbegin(); it != m_system.cend(); ++it) {
        if (it.value()->text() != m_originalSystem.value(it.key())) {
            edits.systemProperties.insert(it.key(), it.value()->text());
        }
    }
    const QList<TypedProperty> now = m_properties->properties();
    QStringList kept;
    for (const TypedProperty& property : now) {
        if (property.name.trimmed().isEmpty() && property.value.isEmpty()) {
            continue; // a blank row just added
        }
        kept.append(property.name.trimmed());
        const bool unchanged =
            std::any_of(m_originalProperties.cbegin(), m_originalProperties.cend(),
                        [&property](const TypedProperty& o) { return sameProperty(o, property); });
        if (!unchanged) {
            edits.setProperties.append(property);
        }
    }
    for (const TypedProperty& original : m_originalProperties) {
        if (!kept.contains(original.name)) {
            edits.removeProperties.append(original.name);
        }
    }
    if (auto valid = edits.validate(); !valid) {
        return fail(valid.error());
    }
    return edits;
}

} // namespace busbar
