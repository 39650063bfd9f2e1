#pragma once

#include <QByteArray>
#include <QString>

namespace busbar {

// How the inspector shows a body: recognised by content type first, then by content.
enum class BodyKind { Empty, Json, Xml, Text, Binary };

class BodyFormatter final {
public:
    [[nodiscard]] static BodyKind detect(const QByteArray& body, const QString& contentType = {});
    // Indented JSON / XML; text as is (UTF-8); empty for binary (use the hex view). Falls back
    // to the raw text when the body claims a kind but does not parse.
    [[nodiscard]] static QString pretty(const QByteArray& body, BodyKind kind);
    [[nodiscard]] static QString kindName(BodyKind kind);
    // Whether `body` is valid UTF-8 without control characters other than whitespace.
    [[nodiscard]] static bool looksLikeText(const QByteArray& body);
};

} // namespace busbar
