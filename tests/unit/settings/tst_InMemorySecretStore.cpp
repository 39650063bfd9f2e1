#include "core/settings/InMemorySecretStore.h"

#include <QTest>

using namespace busbar;

class tst_InMemorySecretStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void writtenSecretsReadBack() {
        InMemorySecretStore store;
        QVERIFY(store.isAvailable());
        const auto written = store.writeSecret(QStringLiteral("a"), QStringLiteral("s3cret"));
        QVERIFY(written.isFinished());
        QVERIFY(written.result());
        const auto read = store.readSecret(QStringLiteral("a"));
        QVERIFY(read.isFinished());
        QCOMPARE(read.result().value(), QStringLiteral("s3cret"));
    }

    void writingAgainReplaces() {
        InMemorySecretStore store;
        QVERIFY(store.writeSecret(QStringLiteral("a"), QStringLiteral("one")).result());
        QVERIFY(store.writeSecret(QStringLiteral("a"), QStringLiteral("two")).result());
        QCOMPARE(store.size(), 1);
        QCOMPARE(store.readSecret(QStringLiteral("a")).result().value(), QStringLiteral("two"));
    }

    void missingSecretIsNotFound() {
        InMemorySecretStore store;
        const auto read = store.readSecret(QStringLiteral("nope")).result();
        QVERIFY(!read);
        QCOMPARE(read.error().code, ErrorCode::EntityNotFound);
    }

    void removeForgetsAndIsIdempotent() {
        InMemorySecretStore store;
        QVERIFY(store.writeSecret(QStringLiteral("a"), QStringLiteral("s")).result());
        QVERIFY(store.writeSecret(QStringLiteral("b"), QStringLiteral("t")).result());
        QVERIFY(store.removeSecret(QStringLiteral("a")).result());
        QVERIFY(store.removeSecret(QStringLiteral("a")).result());
        QCOMPARE(store.readSecret(QStringLiteral("a")).result().error().code,
                 ErrorCode::EntityNotFound);
        QCOMPARE(store.readSecret(QStringLiteral("b")).result().value(), QStringLiteral("t"));
    }

    void emptyIdIsRefused() {
        InMemorySecretStore store;
        const auto written = store.writeSecret(QString(), QStringLiteral("s")).result();
        QVERIFY(!written);
        QCOMPARE(written.error().code, ErrorCode::InvalidInput);
        QCOMPARE(store.size(), 0);
    }

    void unavailableStoreFailsEveryCallWithoutLeakingTheSecret() {
        InMemorySecretStore store;
        QVERIFY(store.writeSecret(QStringLiteral("a"), QStringLiteral("kept")).result());
        store.setAvailable(false);
        QVERIFY(!store.isAvailable());
        const auto written = store.writeSecret(QStringLiteral("a"), QStringLiteral("new-secret"));
        QCOMPARE(written.result().error().code, ErrorCode::NotSupported);
        QVERIFY(!written.result().error().toString().contains(QStringLiteral("new-secret")));
        QCOMPARE(store.readSecret(QStringLiteral("a")).result().error().code,
                 ErrorCode::NotSupported);
        QCOMPARE(store.removeSecret(QStringLiteral("a")).result().error().code,
                 ErrorCode::NotSupported);
        store.setAvailable(true);
        QCOMPARE(store.readSecret(QStringLiteral("a")).result().value(), QStringLiteral("kept"));
    }

    void usableThroughTheInterface() {
        InMemorySecretStore concrete;
        SecretStore& store = concrete;
        QVERIFY(store.writeSecret(QStringLiteral("x"), QStringLiteral("y")).result());
        QCOMPARE(store.readSecret(QStringLiteral("x")).result().value(), QStringLiteral("y"));
    }
};

QTEST_GUILESS_MAIN(tst_InMemorySecretStore)
#include "tst_InMemorySecretStore.moc"
