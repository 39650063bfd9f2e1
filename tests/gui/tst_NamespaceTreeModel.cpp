#include "core/settings/Settings.h"
#include "ui/explorer/NamespaceTreeModel.h"

#include <QAbstractItemModelTester>
#include <QIcon>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace busbar;

namespace {

SavedConnection connection(const QString& id, const QString& name, const QString& colour) {
    SavedConnection saved;
    saved.id = id;
    saved.name = name;
    saved.colourTag = colour;
    saved.endpointHost = name + QStringLiteral(".servicebus.windows.net");
    saved.entityPath = QStringLiteral("orders");
    saved.authKind = AuthKind::AzureCli;
    return saved;
}

} // namespace

class tst_NamespaceTreeModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() {
        QVERIFY(m_dir.isValid());
        m_settings =
            std::make_unique<Settings>(m_dir.filePath(QStringLiteral("s%1.ini").arg(++m_counter)));
    }

    void rootsAreSavedConnectionsInOrder() {
        QVERIFY(m_settings->saveConnection(
            connection(QStringLiteral("a"), QStringLiteral("prod"), QStringLiteral("#d32f2f"))));
        QVERIFY(m_settings->saveConnection(
            connection(QStringLiteral("b"), QStringLiteral("local"), QString())));
        NamespaceTreeModel model(*m_settings);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), 1);
        const QModelIndex prod = model.index(0, 0);
        QCOMPARE(prod.data().toString(), QStringLiteral("prod"));
        QCOMPARE(prod.data(NamespaceTreeModel::ConnectionIdRole).toString(), QStringLiteral("a"));
        QCOMPARE(prod.data(NamespaceTreeModel::ColourTagRole).toString(),
                 QStringLiteral("#d32f2f"));
        QVERIFY(!prod.data(Qt::DecorationRole).value<QIcon>().isNull());
        const QString tip = prod.data(Qt::ToolTipRole).toString();
        QVERIFY(tip.contains(QStringLiteral("prod.servicebus.windows.net")));
        QVERIFY(tip.contains(QStringLiteral("orders")));
        QVERIFY(tip.contains(QStringLiteral("Azure CLI")));
        QCOMPARE(model.rowCount(prod), 0);
        QCOMPARE(model.indexOfConnection(QStringLiteral("b")).row(), 1);
        QVERIFY(!model.indexOfConnection(QStringLiteral("zzz")).isValid());
    }

    void followsSettingsChanges() {
        NamespaceTreeModel model(*m_settings);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(m_settings->saveConnection(
            connection(QStringLiteral("a"), QStringLiteral("prod"), QString())));
        QCOMPARE(model.rowCount(), 1);
        auto renamed = connection(QStringLiteral("a"), QStringLiteral("production"), QString());
        QVERIFY(m_settings->saveConnection(renamed));
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("production"));
        QVERIFY(m_settings->removeConnection(QStringLiteral("a")));
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(reset.count(), 3);
    }

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    std::unique_ptr<Settings> m_settings;
};

QTEST_MAIN(tst_NamespaceTreeModel)
#include "tst_NamespaceTreeModel.moc"
