#pragma once

#include <QByteArray>
#include <QString>

namespace busbar {

enum class BodyMode { Text, Json, Xml, BinaryFile };

// What is wrong with a body the user typed, with the line the problem is on, so the dialog
// can say it as they type. Text and binary bodies are always valid.
struct BodyProblem {
    int line = 0;    // 1-based; 0 when there is no problem
    int column = 0;  // 1-based
    QString message; // empty when the body is valid

    [[nodiscard]] bool isValid() const { return message.isEmpty(); }
};

class BodyValidator final {
public:
    static BodyProblem check(BodyMode mode, const QByteArray& body);
    // The content type a mode suggests ("application/json", ...); empty for text/binary.
    static QString suggestedContentType(BodyMode mode);
};

} // namespace busbar
