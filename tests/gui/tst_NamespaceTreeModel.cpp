#include "core/servicebus/ServiceBusClient.h"
#include "core/settings/Settings.h"
#include "emulator/server/InProcessEmulator.h"
#include "ui/explorer/NamespaceSession.h"
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

using Kind = NamespaceTreeModel::NodeKind;

// A namespace with `queueCount` queues q0000.., a disabled queue "paused", and a topic
// "events" with subscriptions "audit" (a SQL rule) and "billing".
emulator::EmulatorConfig config(int queueCount) {
    emulator::NamespaceConfig ns;
    for (int i = 0; i < queueCount; ++i) {
        QueueDescription queue;
        queue.name = QStringLiteral("q%1").arg(i, 4, 10, QLatin1Char('0'));
        ns.queues.append(queue);
    }
    QueueDescription paused;
    paused.name = QStringLiteral("paused");
    paused.status = EntityStatus::Disabled;
    ns.queues.append(paused);
    emulator::TopicConfig topic;
    topic.description.name = QStringLiteral("events");
    emulator::SubscriptionConfig audit;
    audit.description.topicName = QStringLiteral("events");
    audit.description.name = QStringLiteral("audit");
    RuleDescription rule;
    rule.name = QStringLiteral("eu-only");
    rule.filterKind = FilterKind::Sql;
    rule.sqlExpression = QStringLiteral("region = 'eu'");
    audit.rules.append(rule);
    emulator::SubscriptionConfig billing;
    billing.description.topicName = QStringLiteral("events");
    billing.description.name = QStringLiteral("billing");
    topic.subscriptions = {audit, billing};
    ns.topics.append(topic);
    emulator::EmulatorConfig config;
    config.namespaces.append(ns);
    return config;
}

OutgoingMessage text(const QString& body) {
    OutgoingMessage message;
    message.body = body.toUtf8();
    return message;
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

    void sessionRowsLoadLazilyWithCounts() {
        auto endpoints = startEmulator(2);
        QVERIFY(endpoints);
        NamespaceTreeModel model(*m_settings);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        NamespaceSession session(QStringLiteral("emu"), QStringLiteral("emulator"), *endpoints);
        QSignalSpy finished(&model, &NamespaceTreeModel::loadingFinished);
        model.attachSession(&session, QStringLiteral("#2e7d32"));
        const QModelIndex root = model.indexOfConnection(QStringLiteral("emu"));
        QVERIFY(root.isValid());
        QCOMPARE(root.data().toString(), QStringLiteral("emulator"));
        QVERIFY(model.hasChildren(root));
        // (The tester may already have fetched: it walks the model on every change.)
        if (model.canFetchMore(root)) {
            model.fetchMore(root);
        }
        QVERIFY(!model.canFetchMore(root));
        QCOMPARE(model.rowCount(root), 2); // the folders come at once
        const QModelIndex queues = model.index(0, 0, root);
        const QModelIndex topics = model.index(1, 0, root);
        QCOMPARE(queues.data(NamespaceTreeModel::KindRole).toInt(),
                 static_cast<int>(Kind::QueuesFolder));
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(model.rowCount(queues), 3);
        QCOMPARE(model.rowCount(topics), 1);

        const QModelIndex first =
            model.indexOfEntity(QStringLiteral("emu"), QStringLiteral("q0000"));
        QVERIFY(first.isValid());
        QCOMPARE(first.parent(), queues);
        QCOMPARE(first.data(NamespaceTreeModel::ActiveCountRole).toLongLong(), 0);
        const QModelIndex paused =
            model.indexOfEntity(QStringLiteral("emu"), QStringLiteral("paused"));
        QCOMPARE(paused.data(NamespaceTreeModel::StatusRole).toInt(),
                 static_cast<int>(EntityStatus::Disabled));
        QVERIFY(paused.data(Qt::ForegroundRole).isValid()); // greyed
        QVERIFY(!first.data(Qt::ForegroundRole).isValid());

        // Counts follow a refresh after sends.
        auto sent = session.client()->send(
            QStringLiteral("q0000"),
            {text(QStringLiteral("a")), text(QStringLiteral("b")), text(QStringLiteral("c"))});
        QTRY_VERIFY(sent.isFinished());
        QVERIFY(sent.result().has_value());
        model.refresh(root);
        QTRY_COMPARE(model.indexOfEntity(QStringLiteral("emu"), QStringLiteral("q0000"))
                         .data(NamespaceTreeModel::ActiveCountRole)
                         .toLongLong(),
                     3);
        QTRY_COMPARE(finished.count(), 2);
        QCOMPARE(model.rowCount(queues), 3); // updated in place, not duplicated
        QCOMPARE(model.indexOfEntity(QStringLiteral("emu"), QStringLiteral("q0000"))
                     .data(NamespaceTreeModel::CountsTextRole)
                     .toString(),
                 QStringLiteral("3"));

        // Subscriptions under a topic, rules under a subscription, each on demand.
        const QModelIndex events = model.index(0, 0, topics);
        QCOMPARE(events.data(NamespaceTreeModel::EntityPathRole).toString(),
                 QStringLiteral("events"));
        if (model.canFetchMore(events)) {
            model.fetchMore(events);
        }
        QTRY_COMPARE(model.rowCount(events), 2);
        const QModelIndex audit = model.indexOfEntity(QStringLiteral("emu"),
                                                      QStringLiteral("events/Subscriptions/audit"));
        QVERIFY(audit.isValid());
        QCOMPARE(audit.parent(), events);
        if (model.canFetchMore(audit)) {
            model.fetchMore(audit);
        }
        QTRY_COMPARE(model.rowCount(audit), 1);
        const QModelIndex rule = model.index(0, 0, audit);
        QCOMPARE(rule.data().toString(), QStringLiteral("eu-only"));
        QCOMPARE(rule.data(Qt::ToolTipRole).toString(), QStringLiteral("region = 'eu'"));
        QVERIFY(!model.hasChildren(rule));

        // Disconnecting an unsaved namespace removes its root.
        model.detachSession(QStringLiteral("emu"));
        QCOMPARE(model.rowCount(), 0);
    }

    void deadLettersShowAsAWarningCount() {
        auto endpoints = startEmulator(1);
        QVERIFY(endpoints);
        NamespaceSession session(QStringLiteral("emu"), QStringLiteral("emulator"), *endpoints);
        auto sent = session.client()->send(QStringLiteral("q0000"), {text(QStringLiteral("x"))});
        QTRY_VERIFY(sent.isFinished());
        auto received =
            session.client()->receive(QStringLiteral("q0000"), SubQueue::None,
                                      ReceiveMode::PeekLock, 1, std::chrono::seconds(10));
        QTRY_VERIFY(received.isFinished());
        QVERIFY(received.result().has_value());
        QCOMPARE(received.result()->size(), 1);
        auto dead = session.client()->deadLetter(QStringLiteral("q0000"), SubQueue::None,
                                                 received.result()->first(), QStringLiteral("Bad"),
                                                 QStringLiteral("test"));
        QTRY_VERIFY(dead.isFinished());
        QVERIFY(dead.result().has_value());

        NamespaceTreeModel model(*m_settings);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy finished(&model, &NamespaceTreeModel::loadingFinished);
        model.attachSession(&session);
        model.fetchMore(model.indexOfConnection(QStringLiteral("emu")));
        QTRY_COMPARE(finished.count(), 1);
        const QModelIndex queue =
            model.indexOfEntity(QStringLiteral("emu"), QStringLiteral("q0000"));
        QCOMPARE(queue.data(NamespaceTreeModel::DeadLetterCountRole).toLongLong(), 1);
        QCOMPARE(queue.data(NamespaceTreeModel::ActiveCountRole).toLongLong(), 0);
        QVERIFY(queue.data(Qt::ToolTipRole).toString().contains(QStringLiteral("dead-letter 1")));
    }

    // Thousands of entities arrive in batches of kBatchSize rows, one batch per event-loop turn.
    void manyEntitiesArriveInBatches() {
        auto endpoints = startEmulator(600);
        QVERIFY(endpoints);
        NamespaceTreeModel model(*m_settings);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        NamespaceSession session(QStringLiteral("emu"), QStringLiteral("emulator"), *endpoints);
        model.attachSession(&session);
        const QModelIndex root = model.indexOfConnection(QStringLiteral("emu"));
        model.fetchMore(root);
        const QModelIndex queues = model.index(0, 0, root);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy finished(&model, &NamespaceTreeModel::loadingFinished);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QCOMPARE(model.rowCount(queues), 601);
        int batches = 0;
        for (const auto& args : inserted) {
            if (args.at(0).value<QModelIndex>() == queues) {
                ++batches;
                const int rows = args.at(2).toInt() - args.at(1).toInt() + 1;
                QVERIFY(rows <= NamespaceTreeModel::kBatchSize);
            }
        }
        QCOMPARE(batches, 3);
    }

    void sessionOfASavedConnectionKeepsItsRoot() {
        QVERIFY(m_settings->saveConnection(
            connection(QStringLiteral("emu"), QStringLiteral("saved"), QStringLiteral("#d32f2f"))));
        auto endpoints = startEmulator(1);
        QVERIFY(endpoints);
        NamespaceTreeModel model(*m_settings);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(!model.hasChildren(model.index(0, 0)));
        auto session = std::make_unique<NamespaceSession>(QStringLiteral("emu"),
                                                          QStringLiteral("saved"), *endpoints);
        model.attachSession(session.get());
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.session(QStringLiteral("emu")), session.get());
        model.fetchMore(model.index(0, 0));
        QTRY_VERIFY(model.indexOfEntity(QStringLiteral("emu"), QStringLiteral("q0000")).isValid());
        session.reset(); // the model lets go of a destroyed session
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.rowCount(model.index(0, 0)), 0);
        QVERIFY(!model.canFetchMore(model.index(0, 0)));
        QCOMPARE(model.session(QStringLiteral("emu")), nullptr);
    }

private:
    std::optional<ConnectionString> startEmulator(int queueCount) {
        emulator::EmulatorOptions options = emulator::InProcessEmulator::ephemeralOptions();
        options.config = config(queueCount);
        auto started = m_emulator.start(options);
        if (!started) {
            qWarning() << started.error().message;
            return std::nullopt;
        }
        auto parsed = ConnectionString::parse(started->connectionString);
        if (!parsed) {
            return std::nullopt;
        }
        parsed->setAdminBaseUrl(started->adminUrl);
        return *parsed;
    }

    emulator::InProcessEmulator m_emulator;
    QTemporaryDir m_dir;
    int m_counter = 0;
    std::unique_ptr<Settings> m_settings;
};

QTEST_MAIN(tst_NamespaceTreeModel)
#include "tst_NamespaceTreeModel.moc"
