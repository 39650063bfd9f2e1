#include "ui/send/BodyValidator.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QXmlStreamReader>

namespace busbar {

namespace {

// Line and column (1-based) of a byte offset in UTF-8 text.
std::pair<int, int> lineAndColumn(const QByteArray& text, qsizetype offset) {
    offset = std::clamp<qsizetype>(offset, 0, text.size());
    const QByteArray before = text.left(offset);
    const int line = int(before.count('\n')) + 1;
    const qsizetype lastBreak = before.lastIndexOf('\n');
    return {line, int(offset - lastBreak)};
}

} // namespace

BodyProblem BodyValidator::check(BodyMode mode, const QByteArray& body) {
    BodyProblem problem;
    if (mode == BodyMode::Json) {
        QJsonParseError error;
        QJsonDocument::fromJson(body, &error);
        if (error.error != QJsonParseError::NoError) {
            const auto [line, column] = lineAndColumn(body, error.offset);
            problem.line = line;
            problem.column = column;
            problem.message = QStringLiteral("JSON error on line %1, column %2: %3")
                                  .arg(line)
                                  .arg(column)
                                  .arg(error.errorString());
        }
    } else if (mode == BodyMode::Xml) {
        QXmlStreamReader reader(body);
        while (!reader.atEnd()) {
            reader.readNext();
        }
        if (reader.hasError()) {
            problem.line = int(reader.lineNumber());
            problem.column = int(reader.columnNumber());
            problem.message = QStringLiteral("XML error on line %1, column %2: %3")
                                  .arg(problem.line)
                                  .arg(problem.column)
                                  .arg(reader.errorString());
        }
    }
    return problem;
}

QString BodyValidator::suggestedContentType(BodyMode mode) {
    switch (mode) {
    case BodyMode::Json:
        return QStringLiteral("application/json");
    case BodyMode::Xml:
        return QStringLiteral("application/xml");
    case BodyMode::Text:
    case BodyMode::BinaryFile:
        break;
    }
    return {};
}

} // namespace busbar
