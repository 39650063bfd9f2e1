#include "core/diagnostics/FrameTrace.h"

#include "core/auth/ConnectionString.h"

#include <QMutexLocker>
#include <QRegularExpression>

namespace busbar {

Q_LOGGING_CATEGORY(lcAmqpFrames, "busbar.amqp.frames", QtWarningMsg)

namespace {

const QString kMask = QStringLiteral("***");

// Index just past the ']' that closes the '[' at `open`, skipping quoted strings (Proton
// quotes strings and binaries with backslash escapes); -1 when the brackets never balance.
qsizetype closingBracket(const QString& text, qsizetype open) {
    int depth = 0;
    bool quoted = false;
    for (qsizetype i = open; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('\\')) {
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            }
            continue;
        }
        if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char('[')) {
            ++depth;
        } else if (c == QLatin1Char(']') && --depth == 0) {
            return i + 1;
        }
    }
    return -1;
}

// Cuts whatever follows the performative's field list (a transfer's payload, shown by Proton
// as " (98) \x00Sp..."), keeping only its size.
QString withoutPayload(const QString& text) {
    const qsizetype open = text.indexOf(QLatin1Char('['));
    if (open < 0) {
        return text; // "  -> SASL", "  <- AMQP": protocol headers, no fields
    }
    const qsizetype end = closingBracket(text, open);
    if (end < 0) {
        // Cannot tell the fields from the payload: keep the performative only.
        return text.left(open) + QStringLiteral("[fields not shown]");
    }
    const QString rest = text.mid(end);
    if (rest.trimmed().isEmpty()) {
        return text.left(end);
    }
    static const QRegularExpression size(QStringLiteral(R"(^\s*\((\d+)\))"));
    const QRegularExpressionMatch match = size.match(rest);
    return text.left(end) + (match.hasMatch() ? QStringLiteral(" (%1 bytes)").arg(match.captured(1))
                                              : QStringLiteral(" (payload not shown)"));
}

} // namespace

FrameTrace::FrameTrace(int capacity)
    : m_capacity(std::max(1, capacity)) {}

std::shared_ptr<FrameTrace> FrameTrace::shared() {
    static const std::shared_ptr<FrameTrace> trace = std::make_shared<FrameTrace>();
    return trace;
}

QString FrameTrace::redactFrame(const QString& protonText) {
    QString text = withoutPayload(protonText);
    // SASL PLAIN would carry a password here; ANONYMOUS carries nothing worth showing.
    static const QRegularExpression initialResponse(
        QStringLiteral(R"((initial-response=)(?:b?"(?:[^"\\]|\\.)*"|[^,\]\s]+))"));
    text.replace(initialResponse, QStringLiteral("\\1") + kMask);
    // A token outside a payload (an error description quoting one, a link property).
    static const QRegularExpression token(QStringLiteral(R"((SharedAccessSignature\s+)[^"\s,\]]+)"),
                                          QRegularExpression::CaseInsensitiveOption);
    text.replace(token, QStringLiteral("\\1") + kMask);
    static const QRegularExpression authorization(
        QStringLiteral(R"((\bAuthorization"?\s*[=:]\s*"?)(?:Bearer\s+|SharedAccessSignature\s+)?)"
                       R"([^"\s,\]]+)"),
        QRegularExpression::CaseInsensitiveOption);
    text.replace(authorization, QStringLiteral("\\1") + kMask);
    return redactSecrets(text);
}

QString FrameTrace::formatLine(const QDateTime& time, const QString& label,
                               const QString& protonText) {
    return time.toString(QStringLiteral("HH:mm:ss.zzz")) + QLatin1Char(' ') + label +
           QLatin1Char(' ') + redactFrame(protonText.trimmed());
}

void FrameTrace::appendFrame(const QString& label, const QString& protonText) {
    if (!isEnabled()) {
        return;
    }
    Line line;
    line.time = QDateTime::currentDateTime();
    line.text = formatLine(line.time, label, protonText);
    const QMutexLocker lock(&m_mutex);
    line.sequence = ++m_sequence;
    m_lines.push_back(std::move(line));
    while (m_lines.size() > size_t(m_capacity)) {
        m_lines.pop_front();
    }
}

QList<FrameTrace::Line> FrameTrace::linesAfter(quint64 after) const {
    const QMutexLocker lock(&m_mutex);
    QList<Line> lines;
    // Sequence numbers are consecutive, so the first wanted line is found by arithmetic.
    if (m_lines.empty() || m_lines.back().sequence <= after) {
        return lines;
    }
    const quint64 first = m_lines.front().sequence;
    const size_t start = after < first ? 0 : size_t(after - first + 1);
    lines.reserve(qsizetype(m_lines.size() - start));
    for (size_t i = start; i < m_lines.size(); ++i) {
        lines.append(m_lines[i]);
    }
    return lines;
}

QStringList FrameTrace::texts() const {
    QStringList texts;
    for (const Line& line : linesAfter(0)) {
        texts.append(line.text);
    }
    return texts;
}

quint64 FrameTrace::lastSequence() const {
    const QMutexLocker lock(&m_mutex);
    return m_sequence;
}

void FrameTrace::clear() {
    const QMutexLocker lock(&m_mutex);
    m_lines.clear();
}

} // namespace busbar
