#include "ui/messages/MessageSearchBar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace busbar {

namespace {
const QLatin1String kSqlPrefix("sql:");
constexpr int kDebounceMs = 250;
} // namespace

MessageSearchBar::MessageSearchBar(QWidget* parent)
    : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* row = new QHBoxLayout;
    m_edit = new QLineEdit(this);
    m_edit->setObjectName(QStringLiteral("messageSearch"));
    m_edit->setPlaceholderText(tr("Filter: text, or sql: DeadLetterReason = 'x' AND ..."));
    m_edit->setAccessibleName(tr("Filter messages"));
    m_edit->setClearButtonEnabled(true);
    row->addWidget(m_edit);
    m_sqlToggle = new QToolButton(this);
    m_sqlToggle->setObjectName(QStringLiteral("sqlToggle"));
    m_sqlToggle->setText(tr("SQL"));
    m_sqlToggle->setAccessibleName(tr("Filter with a SQL expression"));
    m_sqlToggle->setToolTip(tr("Treat the filter as a Service Bus SQL filter expression"));
    m_sqlToggle->setCheckable(true);
    row->addWidget(m_sqlToggle);
    layout->addLayout(row);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("searchError"));
    m_error->setWordWrap(true);
    m_error->setForegroundRole(QPalette::BrightText);
    m_error->setBackgroundRole(QPalette::ToolTipBase);
    m_error->setAutoFillBackground(true);
    m_error->hide();
    layout->addWidget(m_error);
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("searchNote"));
    m_note->setWordWrap(true);
    m_note->setForegroundRole(QPalette::PlaceholderText);
    m_note->hide();
    layout->addWidget(m_note);

    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kDebounceMs);
    connect(m_debounce, &QTimer::timeout, this, &MessageSearchBar::emitSearch);
    connect(m_edit, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_edit, &QLineEdit::returnPressed, this, &MessageSearchBar::emitSearch);
    connect(m_sqlToggle, &QToolButton::toggled, this, &MessageSearchBar::emitSearch);
}

bool MessageSearchBar::isSqlMode() const {
    return m_sqlToggle->isChecked() ||
           m_edit->text().trimmed().startsWith(kSqlPrefix, Qt::CaseInsensitive);
}

QString MessageSearchBar::query() const {
    const QString text = m_edit->text().trimmed();
    if (text.startsWith(kSqlPrefix, Qt::CaseInsensitive)) {
        return text.mid(kSqlPrefix.size()).trimmed();
    }
    return text;
}

QString MessageSearchBar::errorText() const {
    return m_error->isVisible() || !m_error->isHidden() ? m_error->text() : QString();
}

void MessageSearchBar::setSqlMode(bool sql) {
    m_sqlToggle->setChecked(sql);
}

void MessageSearchBar::setError(const QString& message) {
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void MessageSearchBar::setNote(const QString& note) {
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
}

QString MessageSearchBar::noteText() const {
    return m_note->isHidden() ? QString() : m_note->text();
}

void MessageSearchBar::focusSearch() {
    m_edit->setFocus(Qt::ShortcutFocusReason);
    m_edit->selectAll();
}

void MessageSearchBar::emitSearch() {
    m_debounce->stop();
    Q_EMIT searchRequested(query(), isSqlMode());
}

} // namespace busbar
