#pragma once

#include "core/common/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

class QXmlStreamWriter;

namespace busbar {

// A small read-only XML tree. The management API's bodies are tiny, and parsing them by
// element name in any order (what the emulator must do) is far simpler on a tree than on
// a stream. Prefixes are resolved while reading, so nothing downstream depends on them.
struct XmlElement {
    QString namespaceUri;
    QString name; // local name
    QString text; // concatenated character data directly inside this element
    QList<QPair<QString, QString>> attributes; // local name -> value (namespace dropped)
    // i:type resolved to {namespace, local name}, e.g. {XSD, "string"} for "l28:string".
    QString typeNamespace;
    QString typeName;
    bool isNil = false; // i:nil="true"
    QList<XmlElement> children;

    // Parses a whole document; the error names the line and column of the problem.
    static Result<XmlElement> parse(const QByteArray& document);

    // First direct child with this local name (any namespace), or nullptr.
    [[nodiscard]] const XmlElement* child(QLatin1StringView localName) const;
    [[nodiscard]] QString attribute(QLatin1StringView localName) const;
    [[nodiscard]] QString trimmedText() const { return text.trimmed(); }

    // Writes the element back (namespace, attributes, i:type, i:nil, text, children), so a
    // client can re-send what it did not understand. An i:type QName gets its own prefix.
    void write(QXmlStreamWriter& writer) const;
};

} // namespace busbar
