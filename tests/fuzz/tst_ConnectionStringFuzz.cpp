#include "core/auth/ConnectionString.h"
#include "core/auth/SasToken.h"
#include "tests/fuzz/AuthFuzzChecks.h"
#include "tests/fuzz/FuzzInputGenerator.h"

#include <QTest>

using namespace busbar;

// A bounded, seeded stand-in for coverage-guided fuzzing that runs with any compiler:
// 200,000 generated connection strings, each checked against the parser's invariants.
class tst_ConnectionStringFuzz final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void seededInputsKeepInvariants_data();
    void seededInputsKeepInvariants();
};

namespace {

FuzzInputGenerator::Grammar connectionStringGrammar() {
    const QString token = SasToken::sign(QStringLiteral("sb://h/q"), QStringLiteral("n"),
                                         QStringLiteral("k"), 1700000000);
    FuzzInputGenerator::Grammar grammar;
    grammar.seeds = {
        QStringLiteral("Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName="
                       "RootManageSharedAccessKey;SharedAccessKey=MTIzNDU2Nzg5MGFiY2RlZg=="),
        QStringLiteral("Endpoint=sb://localhost;SharedAccessKeyName=RootManageSharedAccessKey;"
                       "SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;"),
        QStringLiteral("Endpoint=sb://[::1]:5672/;SharedAccessKeyName=n;SharedAccessKey=k;"
                       "EntityPath=orders/subscriptions/audit;TransportType=AmqpWebSockets"),
        QStringLiteral("Endpoint=sb://h:1234/;SharedAccessSignature=") + token +
            QStringLiteral(";EntityPath=q"),
    };
    grammar.keys = {
        QStringLiteral("Endpoint"),        QStringLiteral("SharedAccessKeyName"),
        QStringLiteral("SharedAccessKey"), QStringLiteral("SharedAccessSignature"),
        QStringLiteral("EntityPath"),      QStringLiteral("UseDevelopmentEmulator"),
        QStringLiteral("TransportType"),   QStringLiteral("OperationTimeout"),
        QStringLiteral("endpoint"),        QStringLiteral("Hostname"),
    };
    grammar.values = {
        QStringLiteral("sb://h/"),
        QStringLiteral("sb://localhost:5672"),
        QStringLiteral("sb://[::1]:5672"),
        QStringLiteral("sb://h:0"),
        QStringLiteral("sb://"),
        QStringLiteral("sb://b\u00fccher.example/"),
        QStringLiteral("sb://xn--bcher-kva.example"),
        QStringLiteral("sb://user@h:99999/"),
        QStringLiteral("https://h/"),
        QStringLiteral("true"),
        QStringLiteral("FALSE"),
        QStringLiteral("Amqp"),
        QStringLiteral("AmqpWebSockets"),
        QStringLiteral("MTIzNDU2Nzg5MGFiY2RlZg=="),
        QStringLiteral("***"),
        token,
        QStringLiteral("q/$management"),
    };
    grammar.pairSeparator = QStringLiteral(";");
    return grammar;
}

} // namespace

void tst_ConnectionStringFuzz::seededInputsKeepInvariants_data() {
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<int>("count");
    // Four fixed seeds, 50,000 inputs each: 200,000 in all.
    QTest::newRow("seed 1") << quint32(1) << 50000;
    QTest::newRow("seed 2") << quint32(20261129) << 50000;
    QTest::newRow("seed 3") << quint32(0xB05BA5) << 50000;
    QTest::newRow("seed 4") << quint32(0xFFFFFFFF) << 50000;
}

void tst_ConnectionStringFuzz::seededInputsKeepInvariants() {
    QFETCH(quint32, seed);
    QFETCH(int, count);
    FuzzInputGenerator generator(seed, connectionStringGrammar());
    int accepted = 0;
    for (int i = 0; i < count; ++i) {
        const QString input = generator.next();
        const QString broken = checkConnectionStringInvariants(input);
        if (!broken.isEmpty()) {
            QFAIL(qPrintable(QStringLiteral("input #%1 %2: %3")
                                 .arg(QString::number(i), escapedForReport(input), broken)));
        }
        if (ConnectionString::parse(input))
            ++accepted;
    }
    // The generator must reach both outcomes, or the invariants were never exercised.
    QVERIFY2(accepted > count / 50, qPrintable(QStringLiteral("accepted %1").arg(accepted)));
    QVERIFY(accepted < count);
}

QTEST_GUILESS_MAIN(tst_ConnectionStringFuzz)
#include "tst_ConnectionStringFuzz.moc"
