#include "ui/messages/BodyFormatter.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QStringDecoder>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

namespace busbar {

namespace {

// A content sniff looks at the start only: a 10 MB body must not be scanned twice.
constexpr qsizetype kSniffBytes = 4096;

QByteArray firstNonSpace(const QByteArray& body) {
    const QByteArray head = body.left(kSniffBytes).trimmed();
    // A UTF-8 byte order mark is not content.
    if (head.startsWith("\xEF\xBB\xBF")) {
        return head.mid(3).trimmed();
    }
    return head;
}

QString prettyXml(const QByteArray& body, bool* ok) {
    QXmlStreamReader reader(body);
    QString out;
    QXmlStreamWriter writer(&out);
    writer.setAutoFormatting(true);
    writer.setAutoFormattingIndent(2);
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isWhitespace()) {
            continue;
        }
        if (reader.tokenType() == QXmlStreamReader::StartDocument) {
            writer.writeStartDocument(reader.documentVersion().toString());
            continue;
        }
        if (reader.tokenType() != QXmlStreamReader::Invalid) {
            writer.writeCurrentToken(reader);
        }
    }
    *ok = !reader.hasError();
    return out.trimmed();
}

} // namespace

bool BodyFormatter::looksLikeText(const QByteArray& body) {
    const QByteArray head = body.left(kSniffBytes);
    for (const char c : head) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 && u != '\n' && u != '\r' && u != '\t') {
            return false;
        }
    }
    QStringDecoder decoder(QStringDecoder::Utf8);
    // A multi-byte character cut at the sniff boundary is not an error.
    const QString decoded = decoder.decode(head);
    Q_UNUSED(decoded);
    return !decoder.hasError();
}

BodyKind BodyFormatter::detect(const QByteArray& body, const QString& contentType) {
    if (body.isEmpty()) {
        return BodyKind::Empty;
    }
    const QString type = contentType.toLower();
    if (type.contains(QLatin1String("json"))) {
        return BodyKind::Json;
    }
    if (type.contains(QLatin1String("xml"))) {
        return BodyKind::Xml;
    }
    if (!looksLikeText(body)) {
        return BodyKind::Binary;
    }
    const QByteArray head = firstNonSpace(body);
    if (head.startsWith('{') || head.startsWith('[')) {
        QJsonParseError error{};
        QJsonDocument::fromJson(body, &error);
        if (error.error == QJsonParseError::NoError) {
            return BodyKind::Json;
        }
    }
    if (head.startsWith('<')) {
        QXmlStreamReader reader(body);
        while (!reader.atEnd()) {
            reader.readNext();
        }
        if (!reader.hasError()) {
            return BodyKind::Xml;
        }
    }
    return BodyKind::Text;
}

QString BodyFormatter::pretty(const QByteArray& body, BodyKind kind) {
    switch (kind) {
    case BodyKind::Json: {
        QJsonParseError error{};
        const QJsonDocument document = QJsonDocument::fromJson(body, &error);
        if (error.error == QJsonParseError::NoError) {
            return QString::fromUtf8(document.toJson(QJsonDocument::Indented)).trimmed();
        }
        return QString::fromUtf8(body);
    }
    case BodyKind::Xml: {
        bool ok = false;
        const QString formatted = prettyXml(body, &ok);
        return ok ? formatted : QString::fromUtf8(body);
    }
    case BodyKind::Text:
        return QString::fromUtf8(body);
    case BodyKind::Empty:
    case BodyKind::Binary:
        break;
    }
    return {};
}

QString BodyFormatter::kindName(BodyKind kind) {
    switch (kind) {
    case BodyKind::Empty:
        return QCoreApplication::translate("BodyFormatter", "Empty");
    case BodyKind::Json:
        return QCoreApplication::translate("BodyFormatter", "JSON");
    case BodyKind::Xml:
        return QCoreApplication::translate("BodyFormatter", "XML");
    case BodyKind::Text:
        return QCoreApplication::translate("BodyFormatter", "Text");
    case BodyKind::Binary:
        break;
    }
    return QCoreApplication::translate("BodyFormatter", "Binary");
}

} // namespace busbar
