#include "core/settings/KeychainSecretStore.h"

#include <QTest>
#include <QUuid>

using namespace busbar;

namespace {

constexpr int kTimeoutMs = 60000;

// Failures a keychain may legitimately report on a machine without one (CI containers) or
// with a locked one.
bool isEnvironmentalFailure(const Error& error) {
    return error.code == ErrorCode::NotSupported || error.code == ErrorCode::Internal ||
           error.code == ErrorCode::Cancelled || error.code == ErrorCode::Authorization;
}

} // namespace

// Runs against whatever keychain this machine has, under a throwaway service name. Where
// there is none, every call must still finish with an error that names no secret; where
// there is one, a secret must round-trip and be removed.
class tst_KeychainSecretStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTripsOrFailsCleanly() {
        KeychainSecretStore store(QStringLiteral("busbar-test-") +
                                  QUuid::createUuid().toString(QUuid::WithoutBraces));
        const QString id = QStringLiteral("connection-1");
        const QString secret = QStringLiteral("test-secret-") + QUuid::createUuid().toString();
        QVERIFY(store.isAvailable()); // optimistic until a call says otherwise

        auto written = store.writeSecret(id, secret);
        QTRY_VERIFY_WITH_TIMEOUT(written.isFinished(), kTimeoutMs);
        if (!written.result()) {
            const Error error = written.result().error();
            qInfo("No usable keychain here: %s", qPrintable(error.toString()));
            QVERIFY2(isEnvironmentalFailure(error), qPrintable(error.toString()));
            QVERIFY(!error.toString().contains(secret));
            QVERIFY(!store.isAvailable());
            auto read = store.readSecret(id);
            QTRY_VERIFY_WITH_TIMEOUT(read.isFinished(), kTimeoutMs);
            QVERIFY(!read.result());
            return;
        }

        auto read = store.readSecret(id);
        QTRY_VERIFY_WITH_TIMEOUT(read.isFinished(), kTimeoutMs);
        QCOMPARE(read.result().value(), secret);

        auto removed = store.removeSecret(id);
        QTRY_VERIFY_WITH_TIMEOUT(removed.isFinished(), kTimeoutMs);
        QVERIFY(removed.result());

        auto gone = store.readSecret(id);
        QTRY_VERIFY_WITH_TIMEOUT(gone.isFinished(), kTimeoutMs);
        QCOMPARE(gone.result().error().code, ErrorCode::EntityNotFound);
    }

    void emptyIdIsRefusedWithoutTouchingTheKeychain() {
        KeychainSecretStore store;
        const auto written = store.writeSecret(QString(), QStringLiteral("s"));
        QVERIFY(written.isFinished());
        QCOMPARE(written.result().error().code, ErrorCode::InvalidInput);
    }
};

QTEST_GUILESS_MAIN(tst_KeychainSecretStore)
#include "tst_KeychainSecretStore.moc"
