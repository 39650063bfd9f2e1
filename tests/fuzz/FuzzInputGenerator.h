#pragma once

#include <QRandomGenerator>
#include <QString>
#include <QStringList>

namespace busbar {

// Deterministic inputs for the bounded fuzz tests: a fixed seed gives the same sequence on
// every machine, so a failure reproduces from its index alone. Three kinds, mixed:
// random code units (including lone surrogates and NUL), valid seeds with a few mutations
// (dictionary tokens inserted, ranges deleted, duplicated or case-flipped), and strings
// assembled from dictionary keys and values joined by the format's separators.
class FuzzInputGenerator final {
public:
    struct Grammar {
        QStringList seeds;     // valid inputs to mutate
        QStringList keys;      // "Endpoint", "sr", ...
        QStringList values;    // interesting values for those keys
        QString pairSeparator; // ";" or "&"
        QString keyValueSeparator = QStringLiteral("=");
    };

    FuzzInputGenerator(quint32 seed, Grammar grammar);

    [[nodiscard]] QString next();

private:
    [[nodiscard]] QString randomCodeUnits();
    [[nodiscard]] QString randomUtf8Bytes();
    [[nodiscard]] QString mutatedSeed();
    [[nodiscard]] QString assembled();
    [[nodiscard]] QString randomToken();
    [[nodiscard]] int below(int bound) { return int(m_random.bounded(quint32(bound))); }

    QRandomGenerator m_random;
    Grammar m_grammar;
};

// `input` with every code unit outside printable ASCII written as \uXXXX, so a failing
// input can be pasted back into a test exactly (lone surrogates included).
[[nodiscard]] QString escapedForReport(const QString& input);

} // namespace busbar
