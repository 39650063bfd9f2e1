#include "core/auth/SasToken.h"
#include "tests/fuzz/AuthFuzzChecks.h"
#include "tests/fuzz/FuzzInputGenerator.h"

#include <QTest>

using namespace busbar;

// Bounded, seeded fuzzing of SAS token parsing, scope checks and validation: what the
// emulator's CBS feeds from the network.
class tst_SasTokenFuzz final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void seededInputsKeepInvariants_data();
    void seededInputsKeepInvariants();
};

namespace {

FuzzInputGenerator::Grammar sasTokenGrammar() {
    FuzzInputGenerator::Grammar grammar;
    grammar.seeds = {
        SasToken::sign(QStringLiteral("sb://localhost/queue.1"),
                       QStringLiteral("RootManageSharedAccessKey"), QStringLiteral("SAS_KEY_VALUE"),
                       1700000000),
        SasToken::sign(QStringLiteral("https://contoso.servicebus.windows.net/t/subscriptions/s"),
                       QStringLiteral("send"), QStringLiteral("k"), 4102444800),
        QStringLiteral("SharedAccessSignature se=5&sr=sb%3a%2f%2fh&sig=abc%3D"),
        QStringLiteral("sr=sb://h/q&sig=x&se=1&skn="),
    };
    grammar.keys = {
        QStringLiteral("sr"),  QStringLiteral("sig"), QStringLiteral("se"),
        QStringLiteral("skn"), QStringLiteral("SR"),  QStringLiteral("SharedAccessSignature sr"),
    };
    grammar.values = {
        QStringLiteral("sb%3A%2F%2Fh%2Fq"),
        QStringLiteral("sb://h/"),
        QStringLiteral("%"),
        QStringLiteral("%zz"),
        QStringLiteral("%C3%A9"),
        QStringLiteral("%ED%A0%80"),
        QStringLiteral("abc%2B%2F%3D"),
        QStringLiteral("0"),
        QStringLiteral("1700000000"),
        QStringLiteral("-1"),
        QStringLiteral("9223372036854775807"),
        QStringLiteral("99999999999999999999"),
        QStringLiteral("a+b"),
        QStringLiteral("[::1]:5672"),
    };
    grammar.pairSeparator = QStringLiteral("&");
    return grammar;
}

} // namespace

void tst_SasTokenFuzz::seededInputsKeepInvariants_data() {
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<int>("count");
    QTest::newRow("seed 1") << quint32(7) << 50000;
    QTest::newRow("seed 2") << quint32(0x5A5) << 50000;
}

void tst_SasTokenFuzz::seededInputsKeepInvariants() {
    QFETCH(quint32, seed);
    QFETCH(int, count);
    FuzzInputGenerator generator(seed, sasTokenGrammar());
    int accepted = 0;
    for (int i = 0; i < count; ++i) {
        const QString input = generator.next();
        const QString broken = checkSasTokenInvariants(input);
        if (!broken.isEmpty()) {
            QFAIL(qPrintable(QStringLiteral("input #%1 %2: %3")
                                 .arg(QString::number(i), escapedForReport(input), broken)));
        }
        if (SasToken::parse(input))
            ++accepted;
    }
    QVERIFY2(accepted > count / 50, qPrintable(QStringLiteral("accepted %1").arg(accepted)));
    QVERIFY(accepted < count);
}

QTEST_GUILESS_MAIN(tst_SasTokenFuzz)
#include "tst_SasTokenFuzz.moc"
