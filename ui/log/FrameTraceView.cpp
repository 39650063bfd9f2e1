#include "ui/log/FrameTraceView.h"

#include "core/diagnostics/FrameTrace.h"

#include <QCheckBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSaveFile>
#include <QScrollBar>
#include <QVBoxLayout>

namespace busbar {

FrameTraceView::FrameTraceView(QWidget* parent)
    : QWidget(parent)
    , m_trace(FrameTrace::shared())
    , m_toggle(new QCheckBox(tr("&Trace AMQP frames"), this))
    , m_note(new QLabel(this))
    , m_text(new QPlainTextEdit(this)) {
    setObjectName(QStringLiteral("frameTraceView"));
    m_toggle->setObjectName(QStringLiteral("frameTraceToggle"));
    m_toggle->setToolTip(tr("Record every AMQP frame of the open namespaces (message bodies, "
                            "tokens and keys are never shown)"));
    m_note->setObjectName(QStringLiteral("frameTraceNote"));
    m_note->setText(tr("Performatives and their fields; transfers show their size, not "
                       "their body."));
    m_note->setWordWrap(true);
    m_text->setObjectName(QStringLiteral("frameTraceText"));
    m_text->setAccessibleName(tr("AMQP frame trace"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setMaximumBlockCount(FrameTrace::kDefaultCapacity);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto* top = new QHBoxLayout;
    top->addWidget(m_toggle);
    top->addWidget(m_note, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_text, 1);

    m_timer.setInterval(kPollMs);
    connect(&m_timer, &QTimer::timeout, this, &FrameTraceView::poll);
    connect(m_toggle, &QCheckBox::toggled, this, &FrameTraceView::setTracing);
    m_toggle->setChecked(m_trace->isEnabled());
    if (m_trace->isEnabled()) {
        m_timer.start();
    }
}

FrameTraceView::~FrameTraceView() = default;

void FrameTraceView::setTrace(std::shared_ptr<FrameTrace> trace) {
    if (!trace) {
        return;
    }
    m_trace = std::move(trace);
    m_shown = 0;
    m_text->clear();
    m_toggle->setChecked(m_trace->isEnabled());
    poll();
}

void FrameTraceView::setTracing(bool on) {
    m_trace->setEnabled(on);
    if (m_toggle->isChecked() != on) {
        m_toggle->setChecked(on); // comes back here once, with nothing left to do
    }
    if (on) {
        m_timer.start();
    } else {
        poll(); // what was traced before the switch went off
        m_timer.stop();
    }
}

bool FrameTraceView::isTracing() const {
    return m_trace->isEnabled();
}

void FrameTraceView::poll() {
    const QList<FrameTrace::Line> lines = m_trace->linesAfter(m_shown);
    if (lines.isEmpty()) {
        return;
    }
    m_shown = lines.last().sequence;
    QStringList texts;
    texts.reserve(lines.size());
    for (const FrameTrace::Line& line : lines) {
        texts.append(line.text);
    }
    QScrollBar* bar = m_text->verticalScrollBar();
    const bool atEnd = bar->value() == bar->maximum();
    m_text->appendPlainText(texts.join(QLatin1Char('\n')));
    if (atEnd) {
        bar->setValue(bar->maximum());
    }
}

int FrameTraceView::lineCount() const {
    return m_text->toPlainText().isEmpty() ? 0 : m_text->blockCount();
}

QString FrameTraceView::selectedText() const {
    const QString selected = m_text->textCursor().selectedText();
    if (selected.isEmpty()) {
        return allText();
    }
    // QTextCursor separates paragraphs with U+2029.
    return QString(selected).replace(QChar::ParagraphSeparator, QLatin1Char('\n'));
}

QString FrameTraceView::allText() const {
    return m_text->toPlainText();
}

VoidResult FrameTraceView::saveTo(const QString& filePath) const {
    QSaveFile file(filePath);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        return fail(ErrorCode::Internal,
                    tr("Cannot write %1: %2").arg(filePath, file.errorString()));
    }
    QByteArray contents = allText().toUtf8();
    contents.append('\n');
    file.write(contents);
    if (!file.commit()) {
        return fail(ErrorCode::Internal,
                    tr("Cannot write %1: %2").arg(filePath, file.errorString()));
    }
    return {};
}

void FrameTraceView::clear() {
    m_trace->clear();
    m_shown = m_trace->lastSequence();
    m_text->clear();
}

} // namespace busbar
