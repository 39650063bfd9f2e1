// Helper for tst_MessageStore::acceptedMessagesSurviveSigkill: a broker on a SQLite store that
// sends and completes messages as fast as it can, printing every acknowledgement, until the
// test kills it with SIGKILL.
//   store_kill_child <database file>
// Output lines: "sent <n>" once message n is durable; "completing <n>" before its completion is
// asked for; "completed <n>" once that completion is durable.
#include "emulator/broker/Broker.h"
#include "emulator/config/NamespaceConfig.h"
#include "emulator/store/SqliteMessageStore.h"

#include <QCoreApplication>

#include <cstdio>
#include <functional>

using namespace busbar;
using namespace busbar::emulator;

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        return 2;
    }
    SqliteMessageStore store(QString::fromLocal8Bit(argv[1]));
    NamespaceConfig config;
    QueueDescription queue;
    queue.name = QStringLiteral("q");
    config.queues = {queue};
    Broker broker(config, &store);
    Broker::ConsumerOptions options;
    options.source = EntityAddress::parse(QStringLiteral("q")).value();
    const Broker::ConsumerId consumer = broker.attachConsumer(options).value().id;

    int next = 0;
    std::function<void()> round = [&] {
        // Ten sends; then complete the even ones and defer the odd ones.
        QList<AmqpMessage> batch;
        const int first = next;
        for (int i = 0; i < 10; ++i) {
            AmqpMessage m;
            m.setDataBody(QByteArray::number(next++));
            batch.append(m);
        }
        broker.send(options.source, batch, [first](VoidResult r) {
            if (r) {
                std::printf("sent %d\n", first + 9);
                std::fflush(stdout);
            }
        });
        for (const LockedMessage& locked : broker.receive(consumer, 10)) {
            const int n = locked.message.message.dataPayload().toInt();
            Disposition disposition;
            disposition.kind = n % 2 == 0 ? Disposition::Kind::Complete : Disposition::Kind::Defer;
            if (disposition.kind == Disposition::Kind::Complete) {
                // Said before asking: the kill can land after the completion is durable but
                // before "completed" is printed, and then the message is rightly gone.
                std::printf("completing %d\n", n);
                std::fflush(stdout);
            }
            broker.settle(consumer, locked.lockToken, disposition, [n, disposition](VoidResult r) {
                if (r && disposition.kind == Disposition::Kind::Complete) {
                    std::printf("completed %d\n", n);
                    std::fflush(stdout);
                }
            });
        }
        QMetaObject::invokeMethod(&app, round, Qt::QueuedConnection);
    };
    QMetaObject::invokeMethod(&app, round, Qt::QueuedConnection);
    return app.exec();
}
