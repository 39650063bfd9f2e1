#include "core/filter/SqlFilter.h"
#include "tests/unit/filter/FilterTestMessage.h"

#include <QRandomGenerator>
#include <QTest>

using namespace busbar;

namespace {

// A generated expression as tokens, so one tree can be written in several spellings.
struct Piece {
    enum class Kind { Keyword, Name, Other };
    Kind kind = Kind::Other;
    QString text;
};
using Pieces = QList<Piece>;

// Seeded generator of grammatical filters over message M (§5.5) and its properties.
class ExpressionGenerator final {
public:
    explicit ExpressionGenerator(quint32 seed)
        : m_random(seed) {}

    Pieces predicate(int depth) {
        Pieces out;
        const int choice = int(m_random.bounded(depth <= 0 ? 5 : 9));
        switch (choice) {
        case 0:
            append(out, value(depth - 1));
            out.append(other(pick({"=", "<>", "!=", "<", "<=", ">", ">="})));
            append(out, value(depth - 1));
            break;
        case 1:
            out.append(
                name(pick({"color", "qty", "missing", "sys.SessionId", "sys.Label", "[note]"})));
            out.append(keyword(QStringLiteral("IS")));
            if (m_random.bounded(2))
                out.append(keyword(QStringLiteral("NOT")));
            out.append(keyword(QStringLiteral("NULL")));
            break;
        case 2:
            out.append(name(pick({"color", "region", "note", "sys.Label", "missing", "qty"})));
            if (m_random.bounded(2))
                out.append(keyword(QStringLiteral("NOT")));
            out.append(keyword(QStringLiteral("LIKE")));
            out.append(
                other(pick({"'r%'", "'%e%'", "'EU_West'", "'order.%'", "'50!%%'", "'%'", "''"})));
            if (m_random.bounded(2)) {
                out.append(keyword(QStringLiteral("ESCAPE")));
                out.append(other(QStringLiteral("'!'")));
            }
            break;
        case 3: {
            append(out, value(depth - 1));
            if (m_random.bounded(2))
                out.append(keyword(QStringLiteral("NOT")));
            out.append(keyword(QStringLiteral("IN")));
            out.append(other(QStringLiteral("(")));
            const int items = 1 + int(m_random.bounded(3));
            for (int i = 0; i < items; ++i) {
                if (i > 0)
                    out.append(other(QStringLiteral(",")));
                append(out, value(0));
            }
            out.append(other(QStringLiteral(")")));
            break;
        }
        case 4:
            out.append(keyword(QStringLiteral("EXISTS")));
            out.append(other(QStringLiteral("(")));
            out.append(
                name(pick({"color", "missing", "sys.MessageId", "sys.SessionId", "user.qty"})));
            out.append(other(QStringLiteral(")")));
            break;
        case 5:
        case 6:
            out.append(other(QStringLiteral("(")));
            append(out, predicate(depth - 1));
            out.append(keyword(choice == 5 ? QStringLiteral("AND") : QStringLiteral("OR")));
            append(out, predicate(depth - 1));
            out.append(other(QStringLiteral(")")));
            break;
        case 7:
            out.append(keyword(QStringLiteral("NOT")));
            out.append(other(QStringLiteral("(")));
            append(out, predicate(depth - 1));
            out.append(other(QStringLiteral(")")));
            break;
        default:
            append(out, predicate(depth - 1));
            out.append(keyword(m_random.bounded(2) ? QStringLiteral("AND") : QStringLiteral("OR")));
            append(out, predicate(depth - 1));
            break;
        }
        return out;
    }

    Pieces value(int depth) {
        Pieces out;
        switch (m_random.bounded(depth <= 0 ? 3 : 6)) {
        case 0:
            out.append(name(pick({"color", "qty", "price", "vip", "region", "note", "missing",
                                  "sys.Label", "sys.To", "sys.SessionId", "[color]", "\"qty\"",
                                  "user.qty", "sys.MessageId"})));
            break;
        case 1:
            out.append(other(pick({"0", "1", "5", "-3", "2.5", "9.99", "1E1", "'red'", "'EU-West'",
                                   "''", "'it''s'"})));
            break;
        case 2:
            out.append(keyword(pick({"TRUE", "FALSE", "NULL"})));
            break;
        case 3:
            append(out, value(depth - 1));
            out.append(other(pick({"+", "-", "*", "/", "%"})));
            append(out, value(depth - 1));
            break;
        case 4:
            out.append(other(QStringLiteral("-")));
            append(out, value(depth - 1));
            break;
        default:
            out.append(other(QStringLiteral("(")));
            append(out, value(depth - 1));
            out.append(other(QStringLiteral(")")));
            break;
        }
        return out;
    }

    // Canonical spelling: upper-case keywords, single spaces.
    static QString plain(const Pieces& pieces) {
        QStringList words;
        for (const Piece& piece : pieces)
            words.append(piece.kind == Piece::Kind::Keyword ? piece.text.toUpper() : piece.text);
        return words.join(QLatin1Char(' '));
    }

    // The same tree with random keyword and name case and random whitespace.
    QString respelled(const Pieces& pieces) {
        static const QStringList spaces{QStringLiteral(" "), QStringLiteral("  "),
                                        QStringLiteral("\n"), QStringLiteral("\t ")};
        QString out;
        for (const Piece& piece : pieces) {
            QString text = piece.text;
            if (piece.kind != Piece::Kind::Other && !text.startsWith(QLatin1Char('[')) &&
                !text.startsWith(QLatin1Char('"')))
                text = randomCase(text);
            out += spaces[int(m_random.bounded(spaces.size()))] + text;
        }
        return out;
    }

    QRandomGenerator& random() { return m_random; }

private:
    static void append(Pieces& out, const Pieces& more) { out.append(more); }
    static Piece keyword(const QString& text) { return {Piece::Kind::Keyword, text}; }
    static Piece name(const QString& text) { return {Piece::Kind::Name, text}; }
    static Piece other(const QString& text) { return {Piece::Kind::Other, text}; }

    QString pick(std::initializer_list<const char*> options) {
        const auto index = m_random.bounded(quint32(options.size()));
        return QString::fromUtf8(*(options.begin() + index));
    }

    QString randomCase(const QString& text) {
        QString out = text;
        for (QChar& c : out)
            c = m_random.bounded(2) ? c.toUpper() : c.toLower();
        return out;
    }

    QRandomGenerator m_random;
};

QString outcomeName(FilterOutcome outcome) {
    switch (outcome) {
    case FilterOutcome::Match:
        return QStringLiteral("match");
    case FilterOutcome::NoMatch:
        return QStringLiteral("no match");
    case FilterOutcome::Error:
        return QStringLiteral("error");
    }
    return {};
}

constexpr int kRounds = 3000;

} // namespace

class tst_SqlFilterFuzz final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void generatedFiltersParseAndNegateConsistently();
    void spellingDoesNotChangeTheOutcome();
    void mutatedTextNeverCrashesAndErrorsNamePositions();
    void actionsApplyAllOrNothing();
};

void tst_SqlFilterFuzz::generatedFiltersParseAndNegateConsistently() {
    ExpressionGenerator generator(20261129);
    const FilterContext m = test::conformanceMessage();
    QHash<QString, int> seen;
    for (int i = 0; i < kRounds; ++i) {
        const QString text = ExpressionGenerator::plain(generator.predicate(4));
        const auto filter = SqlFilter::parse(text);
        QVERIFY2(filter, qPrintable(text + QLatin1String(" -> ") +
                                    (filter ? QString() : filter.error().message)));
        const auto negated = SqlFilter::parse(QStringLiteral("NOT (") + text + QLatin1Char(')'));
        QVERIFY2(negated, qPrintable(text));
        const FilterOutcome p = filter->evaluate(m);
        const FilterOutcome notP = negated->evaluate(m);
        ++seen[outcomeName(p)];
        // TRUE and NOT TRUE never both match; an error is an error either way (§5.3).
        QVERIFY2(!(p == FilterOutcome::Match && notP == FilterOutcome::Match), qPrintable(text));
        QVERIFY2((p == FilterOutcome::Error) == (notP == FilterOutcome::Error), qPrintable(text));
    }
    // The generator must exercise every outcome, or the checks above prove little.
    QVERIFY(seen.value(QStringLiteral("match")) > kRounds / 20);
    QVERIFY(seen.value(QStringLiteral("no match")) > kRounds / 20);
    QVERIFY(seen.value(QStringLiteral("error")) > 0);
}

void tst_SqlFilterFuzz::spellingDoesNotChangeTheOutcome() {
    ExpressionGenerator generator(7);
    const FilterContext m = test::conformanceMessage();
    for (int i = 0; i < kRounds; ++i) {
        const Pieces pieces = generator.predicate(3);
        const QString plain = ExpressionGenerator::plain(pieces);
        const QString respelled = generator.respelled(pieces);
        const auto a = SqlFilter::parse(plain);
        const auto b = SqlFilter::parse(respelled);
        QVERIFY2(a && b, qPrintable(respelled));
        QVERIFY2(a->evaluate(m) == b->evaluate(m),
                 qPrintable(plain + QLatin1String(" vs ") + respelled));
    }
}

void tst_SqlFilterFuzz::mutatedTextNeverCrashesAndErrorsNamePositions() {
    ExpressionGenerator generator(99);
    const FilterContext m = test::conformanceMessage();
    static const QString alphabet = QStringLiteral("()[]'\"@.,;=<>!+-*/% _aZ09eE\\");
    int rejected = 0;
    for (int i = 0; i < kRounds; ++i) {
        QString text = ExpressionGenerator::plain(generator.predicate(3));
        const int edits = 1 + int(generator.random().bounded(4));
        for (int e = 0; e < edits && !text.isEmpty(); ++e) {
            const auto at = qsizetype(generator.random().bounded(quint32(text.size())));
            const QChar c = alphabet[int(generator.random().bounded(alphabet.size()))];
            switch (generator.random().bounded(3)) {
            case 0:
                text.remove(at, 1);
                break;
            case 1:
                text.insert(at, c);
                break;
            default:
                text[at] = c;
                break;
            }
        }
        const auto filter = SqlFilter::parse(text);
        if (!filter) {
            ++rejected;
            QCOMPARE(filter.error().code, ErrorCode::InvalidInput);
            QVERIFY2(filter.error().message.contains(QLatin1String("position")) ||
                         filter.error().message.contains(QLatin1String("ESCAPE")) ||
                         filter.error().message.contains(QLatin1String("escape character")),
                     qPrintable(text + QLatin1String(" -> ") + filter.error().message));
            continue;
        }
        QString error;
        if (filter->evaluate(m, &error) == FilterOutcome::Error)
            QVERIFY2(!error.isEmpty(), qPrintable(text));
    }
    QVERIFY(rejected > kRounds / 4);
}

void tst_SqlFilterFuzz::actionsApplyAllOrNothing() {
    ExpressionGenerator generator(4242);
    const FilterContext original = test::conformanceMessage();
    int applied = 0;
    int failed = 0;
    for (int i = 0; i < kRounds; ++i) {
        const QString text = QStringLiteral("SET a = ") +
                             ExpressionGenerator::plain(generator.value(3)) +
                             QStringLiteral("; REMOVE color; SET sys.Label = ") +
                             ExpressionGenerator::plain(generator.value(2));
        const auto action = SqlRuleAction::parse(text);
        QVERIFY2(action, qPrintable(text + QLatin1String(" -> ") +
                                    (action ? QString() : action.error().message)));
        FilterContext message = original;
        if (action->apply(message)) {
            ++applied;
            QVERIFY(message.userProperties.contains(QStringLiteral("a")));
            QVERIFY(!message.userProperties.contains(QStringLiteral("color")));
        } else {
            ++failed;
            QCOMPARE(message.userProperties, original.userProperties);
            QCOMPARE(message.systemProperties, original.systemProperties);
        }
    }
    QVERIFY(applied > 0);
    QVERIFY(failed > 0);
}

QTEST_GUILESS_MAIN(tst_SqlFilterFuzz)
#include "tst_SqlFilterFuzz.moc"
