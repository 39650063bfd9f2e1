#include "ui/sessions/SessionStateEditor.h"

#include "core/servicebus/ServiceBusClient.h"
#include "core/servicebus/WhenFinished.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace busbar {

SessionStateEditor::SessionStateEditor(ServiceBusClient* client, const QString& entityPath,
                                       const QString& sessionId, QWidget* parent)
    : QWidget(parent)
    , m_client(client)
    , m_entityPath(entityPath)
    , m_sessionId(sessionId) {
    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("stateFormat"));
    m_format->addItem(tr("Text"));
    m_format->addItem(tr("JSON"));
    m_format->addItem(tr("Hex"));
    m_editor = new QPlainTextEdit(this);
    m_editor->setObjectName(QStringLiteral("stateText"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("stateStatus"));
    m_status->setWordWrap(true);
    m_load = new QPushButton(tr("Reload"), this);
    m_save = new QPushButton(tr("Save"), this);
    m_save->setObjectName(QStringLiteral("saveState"));
    m_clear = new QPushButton(tr("Clear state"), this);
    m_clear->setObjectName(QStringLiteral("clearState"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(new QLabel(tr("Session state as"), this));
    buttons->addWidget(m_format);
    buttons->addStretch(1);
    buttons->addWidget(m_load);
    buttons->addWidget(m_clear);
    buttons->addWidget(m_save);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_status);
    connect(m_format, &QComboBox::currentIndexChanged, this, [this] { render(); });
    connect(m_editor, &QPlainTextEdit::textChanged, this, &SessionStateEditor::validate);
    connect(m_load, &QPushButton::clicked, this, &SessionStateEditor::load);
    connect(m_save, &QPushButton::clicked, this, &SessionStateEditor::save);
    connect(m_clear, &QPushButton::clicked, this, &SessionStateEditor::clearState);
    validate();
}

SessionStateEditor::Format SessionStateEditor::format() const {
    return static_cast<Format>(m_format->currentIndex());
}

void SessionStateEditor::setFormat(Format format) {
    m_format->setCurrentIndex(static_cast<int>(format));
}

QString SessionStateEditor::text() const {
    return m_editor->toPlainText();
}

void SessionStateEditor::setText(const QString& text) {
    m_editor->setPlainText(text);
}

Result<QByteArray> SessionStateEditor::encoded() const {
    return encode(format(), text());
}

Result<QByteArray> SessionStateEditor::encode(Format format, const QString& text) {
    switch (format) {
    case Format::Text:
        return text.toUtf8();
    case Format::Json: {
        QJsonParseError error{};
        const QByteArray bytes = text.toUtf8();
        QJsonDocument::fromJson(bytes, &error);
        if (error.error != QJsonParseError::NoError) {
            return fail(ErrorCode::InvalidInput, tr("Not valid JSON at character %1: %2")
                                                     .arg(error.offset)
                                                     .arg(error.errorString()));
        }
        return bytes;
    }
    case Format::Hex: {
        QString digits;
        for (const QChar c : text) {
            if (c.isSpace()) {
                continue;
            }
            const char16_t u = c.unicode();
            const bool hex =
                (u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'f') || (u >= u'A' && u <= u'F');
            if (!hex) {
                return fail(ErrorCode::InvalidInput, tr("Not a hex digit: '%1'").arg(c));
            }
            digits.append(c);
        }
        if (digits.size() % 2 != 0) {
            return fail(ErrorCode::InvalidInput, tr("Hex needs an even number of digits."));
        }
        return QByteArray::fromHex(digits.toLatin1());
    }
    }
    return fail(ErrorCode::InvalidInput, tr("Unknown format."));
}

QString SessionStateEditor::decode(Format format, const QByteArray& bytes) {
    switch (format) {
    case Format::Text:
        return QString::fromUtf8(bytes);
    case Format::Json: {
        const QJsonDocument document = QJsonDocument::fromJson(bytes);
        return document.isNull() ? QString::fromUtf8(bytes)
                                 : QString::fromUtf8(document.toJson(QJsonDocument::Indented));
    }
    case Format::Hex:
        return QString::fromLatin1(bytes.toHex(' '));
    }
    return {};
}

void SessionStateEditor::render() {
    // Convert what is being edited, if it is valid in the format it was written in.
    const Result<QByteArray> current = encode(m_shownFormat, text());
    m_shownFormat = format();
    if (current) {
        m_editor->setPlainText(decode(m_shownFormat, *current));
    }
    validate();
}

void SessionStateEditor::validate() {
    const Result<QByteArray> bytes = encoded();
    m_save->setEnabled(bytes.has_value());
    m_status->setText(
        bytes ? (m_state ? tr("%n byte(s) stored", nullptr, static_cast<int>(m_state->size()))
                         : tr("No state stored"))
              : bytes.error().message);
}

void SessionStateEditor::load() {
    whenFinished(m_client->sessionState(m_entityPath, m_sessionId), this,
                 [this](const Result<std::optional<QByteArray>>& state) {
                     if (!state) {
                         m_status->setText(tr("Loading failed: %1").arg(state.error().message));
                         Q_EMIT loaded(state.error().message);
                         return;
                     }
                     m_state = *state;
                     m_shownFormat = format();
                     m_editor->setPlainText(m_state ? decode(format(), *m_state) : QString());
                     validate();
                     Q_EMIT loaded({});
                 });
}

void SessionStateEditor::save() {
    const Result<QByteArray> bytes = encoded();
    if (!bytes) {
        Q_EMIT saved(bytes.error().message);
        return;
    }
    const QByteArray value = *bytes;
    whenFinished(m_client->setSessionState(m_entityPath, m_sessionId, value), this,
                 [this, value](const VoidResult& done) {
                     if (!done) {
                         m_status->setText(tr("Saving failed: %1").arg(done.error().message));
                         Q_EMIT saved(done.error().message);
                         return;
                     }
                     m_state = value;
                     validate();
                     Q_EMIT saved({});
                 });
}

void SessionStateEditor::clearState() {
    whenFinished(m_client->setSessionState(m_entityPath, m_sessionId, std::nullopt), this,
                 [this](const VoidResult& done) {
                     if (!done) {
                         m_status->setText(tr("Clearing failed: %1").arg(done.error().message));
                         Q_EMIT saved(done.error().message);
                         return;
                     }
                     m_state.reset();
                     m_editor->clear();
                     validate();
                     Q_EMIT saved({});
                 });
}

} // namespace busbar
