#include "ui/messages/MessageInspector.h"

#include "ui/messages/AmqpValueText.h"
#include "ui/messages/HexView.h"
#include "ui/messages/JsonHighlighter.h"
#include "ui/messages/MessageJson.h"
#include "ui/messages/MessagePropertyTable.h"
#include "ui/messages/XmlHighlighter.h"

#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSaveFile>
#include <QStackedWidget>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace busbar {

namespace {

// The bytes a user thinks of as "the body": data sections concatenated; an amqp-value
// string or binary as is; any other value as its JSON form.
QByteArray bodyOf(const AmqpMessage& amqp) {
    switch (amqp.bodyKind) {
    case AmqpMessage::BodyKind::Data:
        return amqp.dataPayload();
    case AmqpMessage::BodyKind::Value:
    case AmqpMessage::BodyKind::Sequence: {
        const QVariant value = amqp.bodyValue();
        if (value.metaType().id() == QMetaType::QByteArray) {
            return value.toByteArray();
        }
        if (value.metaType().id() == QMetaType::QString) {
            return value.toString().toUtf8();
        }
        return AmqpValueText::text(value).toUtf8();
    }
    case AmqpMessage::BodyKind::None:
        break;
    }
    return {};
}

QToolButton* toolButton(const QString& objectName, const QString& text, QWidget* parent) {
    auto* button = new QToolButton(parent);
    button->setObjectName(objectName);
    button->setText(text);
    button->setAccessibleName(text);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return button;
}

} // namespace

MessageInspector::MessageInspector(QWidget* parent)
    : QWidget(parent) {
    setObjectName(QStringLiteral("messageInspector"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_header = new QLabel(this);
    m_header->setObjectName(QStringLiteral("inspectorHeader"));
    m_header->setWordWrap(true);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_header->hide();
    layout->addWidget(m_header);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("inspectorTabs"));
    auto* bodyPage = new QWidget(m_tabs);
    buildBodyTab(bodyPage);
    m_tabs->addTab(bodyPage, tr("&Body"));
    m_system = new MessagePropertyTable(m_tabs);
    m_system->setObjectName(QStringLiteral("systemProperties"));
    m_tabs->addTab(m_system, tr("&Properties"));
    m_application = new MessagePropertyTable(m_tabs);
    m_application->setObjectName(QStringLiteral("applicationProperties"));
    m_tabs->addTab(m_application, tr("A&pplication"));
    m_annotations = new MessagePropertyTable(m_tabs);
    m_annotations->setObjectName(QStringLiteral("annotations"));
    m_tabs->addTab(m_annotations, tr("A&nnotations"));
    layout->addWidget(m_tabs);
    clear();
}

void MessageInspector::buildBodyTab(QWidget* page) {
    auto* layout = new QVBoxLayout(page);
    auto* bar = new QHBoxLayout;
    m_kindLabel = new QLabel(page);
    m_kindLabel->setObjectName(QStringLiteral("bodyKind"));
    bar->addWidget(m_kindLabel);
    m_raw = toolButton(QStringLiteral("rawToggle"), tr("Raw"), page);
    m_raw->setCheckable(true);
    connect(m_raw, &QToolButton::toggled, this, &MessageInspector::setRaw);
    bar->addWidget(m_raw);
    m_hexToggle = toolButton(QStringLiteral("hexToggle"), tr("Hex"), page);
    m_hexToggle->setCheckable(true);
    connect(m_hexToggle, &QToolButton::toggled, this, &MessageInspector::setHex);
    bar->addWidget(m_hexToggle);
    m_truncatedLabel = new QLabel(page);
    m_truncatedLabel->setObjectName(QStringLiteral("truncatedNote"));
    bar->addWidget(m_truncatedLabel);
    m_showAllButton = toolButton(QStringLiteral("showAllBody"), tr("Show all"), page);
    connect(m_showAllButton, &QToolButton::clicked, this, &MessageInspector::showAll);
    bar->addWidget(m_showAllButton);
    bar->addStretch();
    auto* copy = toolButton(QStringLiteral("copyBody"), tr("Copy"), page);
    connect(copy, &QToolButton::clicked, this, &MessageInspector::copyBody);
    bar->addWidget(copy);
    auto* copyJson = toolButton(QStringLiteral("copyJson"), tr("Copy as JSON"), page);
    connect(copyJson, &QToolButton::clicked, this, &MessageInspector::copyAsJson);
    bar->addWidget(copyJson);
    auto* save = toolButton(QStringLiteral("saveBody"), tr("Save body…"), page);
    connect(save, &QToolButton::clicked, this, &MessageInspector::saveBodyInteractively);
    bar->addWidget(save);
    auto* saveJson = toolButton(QStringLiteral("saveJson"), tr("Save as JSON…"), page);
    connect(saveJson, &QToolButton::clicked, this, &MessageInspector::saveJsonInteractively);
    bar->addWidget(saveJson);
    layout->addLayout(bar);

    m_bodyStack = new QStackedWidget(page);
    m_text = new QPlainTextEdit(m_bodyStack);
    m_text->setObjectName(QStringLiteral("bodyText"));
    m_text->setReadOnly(true);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_hex = new HexView(m_bodyStack);
    m_hex->setObjectName(QStringLiteral("hexView"));
    m_bodyStack->addWidget(m_text);
    m_bodyStack->addWidget(m_hex);
    layout->addWidget(m_bodyStack);
}

void MessageInspector::clear() {
    m_message.reset();
    m_body.clear();
    m_kind = BodyKind::Empty;
    m_header->hide();
    m_system->setRows({});
    m_application->setRows({});
    m_annotations->setRows({});
    showPlaceholder(tr("Select a message to see its body and properties."));
}

void MessageInspector::showPlaceholder(const QString& text) {
    delete m_highlighter;
    m_highlighter = nullptr;
    m_kindLabel->clear();
    m_truncatedLabel->hide();
    m_showAllButton->hide();
    m_hex->setData({});
    m_bodyStack->setCurrentWidget(m_text);
    m_text->setPlainText(text);
}

void MessageInspector::setMessage(const ServiceBusMessage& message) {
    m_message = message;
    m_body = bodyOf(message.amqp);
    m_kind = BodyFormatter::detect(m_body, QString::fromUtf8(message.amqp.properties.contentType));
    m_showAll = false;
    if (!message.deadLetterReason.isEmpty() || !message.deadLetterDescription.isEmpty()) {
        m_header->setText(tr("<b>Dead-lettered:</b> %1<br>%2")
                              .arg(message.deadLetterReason.toHtmlEscaped(),
                                   message.deadLetterDescription.toHtmlEscaped()));
        m_header->show();
    } else {
        m_header->hide();
    }
    m_system->setRows(MessagePropertyTable::systemRows(message));
    m_application->setRows(MessagePropertyTable::mapRows(message.amqp.applicationProperties));
    m_annotations->setRows(MessagePropertyTable::mapRows(message.amqp.messageAnnotations));
    m_hex->setData(m_body);
    // Binary opens in hex; everything else as text unless the user asked for hex.
    const QSignalBlocker blocker(m_hexToggle);
    m_hexToggle->setChecked(m_kind == BodyKind::Binary);
    renderBody();
}

bool MessageInspector::isTruncated() const {
    return !m_showAll && m_body.size() > kPreviewBytes;
}

void MessageInspector::renderBody() {
    delete m_highlighter;
    m_highlighter = nullptr;
    if (!m_message) {
        return;
    }
    m_kindLabel->setText(tr("%1 · %2").arg(
        BodyFormatter::kindName(m_kind),
        QLocale().formattedDataSize(m_body.size(), 1, QLocale::DataSizeTraditionalFormat)));
    const bool truncated = isTruncated();
    m_truncatedLabel->setVisible(truncated);
    m_showAllButton->setVisible(truncated);
    if (truncated) {
        m_truncatedLabel->setText(tr("Showing the first %1 of %2")
                                      .arg(QLocale().formattedDataSize(kPreviewBytes),
                                           QLocale().formattedDataSize(m_body.size())));
    }
    if (m_hexToggle->isChecked() || m_kind == BodyKind::Binary) {
        m_bodyStack->setCurrentWidget(m_hex);
        return;
    }
    m_bodyStack->setCurrentWidget(m_text);
    const QByteArray shown = truncated ? m_body.left(kPreviewBytes) : m_body;
    // A cut-off document does not parse: the preview of a large body is shown raw.
    const bool pretty = !m_raw->isChecked() && !truncated;
    const QString text = pretty ? BodyFormatter::pretty(shown, m_kind) : QString::fromUtf8(shown);
    m_text->clear();
    // Attached before the text goes in, so it highlights as the text is laid out rather than
    // on a later turn of the event loop.
    if (m_kind == BodyKind::Json) {
        m_highlighter = new JsonHighlighter(m_text->document());
    } else if (m_kind == BodyKind::Xml) {
        m_highlighter = new XmlHighlighter(m_text->document());
    }
    m_text->setPlainText(text);
}

QString MessageInspector::displayedText() const {
    return m_text->toPlainText();
}

void MessageInspector::setRaw(bool raw) {
    if (m_raw->isChecked() != raw) {
        m_raw->setChecked(raw); // re-enters through toggled
        return;
    }
    renderBody();
}

void MessageInspector::setHex(bool hex) {
    if (m_hexToggle->isChecked() != hex) {
        m_hexToggle->setChecked(hex);
        return;
    }
    renderBody();
}

void MessageInspector::showAll() {
    m_showAll = true;
    renderBody();
}

void MessageInspector::copyBody() const {
    if (!m_message) {
        return;
    }
    QApplication::clipboard()->setText(m_kind == BodyKind::Binary
                                           ? QString::fromLatin1(m_body.toBase64())
                                           : QString::fromUtf8(m_body));
}

void MessageInspector::copyAsJson() const {
    if (!m_message) {
        return;
    }
    QApplication::clipboard()->setText(
        QString::fromUtf8(QJsonDocument(MessageJson::toJson(*m_message)).toJson()));
}

bool MessageInspector::saveBodyTo(const QString& path) const {
    QSaveFile file(path);
    if (!m_message || !file.open(QIODevice::WriteOnly)) {
        return false;
    }
    file.write(m_body);
    return file.commit();
}

bool MessageInspector::saveJsonTo(const QString& path) const {
    QSaveFile file(path);
    if (!m_message || !file.open(QIODevice::WriteOnly)) {
        return false;
    }
    file.write(QJsonDocument(MessageJson::toJson(*m_message)).toJson());
    return file.commit();
}

void MessageInspector::saveBodyInteractively() {
    if (!m_message) {
        return;
    }
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save body"), QStringLiteral("message-%1.bin").arg(m_message->sequenceNumber));
    if (!path.isEmpty()) {
        Q_EMIT statusMessage(saveBodyTo(path) ? tr("Body saved to %1").arg(path)
                                              : tr("Could not write %1").arg(path));
    }
}

void MessageInspector::saveJsonInteractively() {
    if (!m_message) {
        return;
    }
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save message as JSON"),
        QStringLiteral("message-%1.json").arg(m_message->sequenceNumber));
    if (!path.isEmpty()) {
        Q_EMIT statusMessage(saveJsonTo(path) ? tr("Message saved to %1").arg(path)
                                              : tr("Could not write %1").arg(path));
    }
}

} // namespace busbar
