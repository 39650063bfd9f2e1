#include "tests/fuzz/FuzzInputGenerator.h"

#include <algorithm>

namespace busbar {

namespace {

// Characters every parser here treats specially, plus whitespace and escapes.
const QString kSpecials = QStringLiteral(";=&:/[]%@?# \t+*~\"'<>,");

} // namespace

// The input with every code unit outside printable ASCII as \uXXXX, so a failing input can
// be pasted back into a test exactly (lone surrogates included).
QString escapedForReport(const QString& input) {
    QString out;
    for (const QChar c : input) {
        if (c.unicode() >= 0x20 && c.unicode() < 0x7F && c != QLatin1Char('\\'))
            out += c;
        else
            out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
    }
    return out;
}

FuzzInputGenerator::FuzzInputGenerator(quint32 seed, Grammar grammar)
    : m_random(seed)
    , m_grammar(std::move(grammar)) {}

QString FuzzInputGenerator::next() {
    const int kind = below(10);
    if (kind == 0)
        return randomCodeUnits();
    if (kind == 1)
        return randomUtf8Bytes();
    if (kind < 7)
        return mutatedSeed();
    return assembled();
}

QString FuzzInputGenerator::randomCodeUnits() {
    QString text;
    const int length = below(64);
    for (int i = 0; i < length; ++i) {
        // Mostly ASCII so separators show up, sometimes anything (surrogates included).
        text.append(below(4) == 0 ? QChar(char16_t(below(0x10000))) : QChar(char16_t(below(0x80))));
    }
    return text;
}

QString FuzzInputGenerator::randomUtf8Bytes() {
    QByteArray bytes;
    const int length = below(64);
    for (int i = 0; i < length; ++i)
        bytes.append(char(below(256)));
    return QString::fromUtf8(bytes);
}

QString FuzzInputGenerator::randomToken() {
    switch (below(4)) {
    case 0:
        return m_grammar.keys.at(below(int(m_grammar.keys.size())));
    case 1:
        return m_grammar.values.at(below(int(m_grammar.values.size())));
    case 2:
        return QString(kSpecials.at(below(int(kSpecials.size()))));
    default:
        return QString(QChar(char16_t(below(0x10000))));
    }
}

QString FuzzInputGenerator::mutatedSeed() {
    QString text = m_grammar.seeds.at(below(int(m_grammar.seeds.size())));
    const int mutations = 1 + below(5);
    for (int m = 0; m < mutations; ++m) {
        const int size = int(text.size());
        const int at = below(size + 1);
        const int span = size == at ? 0 : 1 + below(std::min(8, size - at));
        switch (below(6)) {
        case 0:
            text.insert(at, randomToken());
            break;
        case 1:
            text.remove(at, span);
            break;
        case 2:
            text.insert(at, text.mid(at, span));
            break;
        case 3: {
            const QString part = text.mid(at, span);
            text.replace(at, span, below(2) == 0 ? part.toUpper() : part.toLower());
            break;
        }
        case 4:
            if (span > 0)
                text[at] = kSpecials.at(below(int(kSpecials.size())));
            break;
        default:
            text.truncate(at);
            break;
        }
    }
    return text;
}

QString FuzzInputGenerator::assembled() {
    QStringList pairs;
    const int count = below(8);
    for (int i = 0; i < count; ++i) {
        QString pair = m_grammar.keys.at(below(int(m_grammar.keys.size())));
        if (below(8) != 0)
            pair += m_grammar.keyValueSeparator;
        if (below(8) != 0)
            pair += m_grammar.values.at(below(int(m_grammar.values.size())));
        if (below(6) == 0)
            pair = QStringLiteral(" ") + pair + QStringLiteral(" ");
        pairs << pair;
    }
    QString text = pairs.join(m_grammar.pairSeparator);
    if (below(4) == 0)
        text += m_grammar.pairSeparator;
    return text;
}

} // namespace busbar
