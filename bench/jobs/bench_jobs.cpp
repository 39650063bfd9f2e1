// Dead-letter repair benchmark: Busbar's ResubmitJob and PurgeJob beside the scripts a user
// would write with @azure/service-bus, against one in-process emulator (in memory). Replays
// N dead letters (job vs. peek-lock/send/complete script) and purges M messages (batch delete,
// the receive-and-delete fallback, the SDK's receive-and-delete loop). While Busbar's jobs run,
// a timer on the main thread (the GUI thread in the app, where jobs live) measures the longest
// event-loop stall. Prints a table; not part of ctest (bench/jobs/run.sh builds and runs it).
#include "bench/common/BenchSeeding.h"
#include "bench/jobs/BenchProbes.h"
#include "core/auth/ConnectionString.h"
#include "core/jobs/PurgeJob.h"
#include "core/jobs/ResubmitJob.h"
#include "core/servicebus/AmqpServiceBusClient.h"
#include "emulator/config/NamespaceConfig.h"
#include "emulator/server/InProcessEmulator.h"
#include "tests/integration/jobs/NoBatchDeleteClient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <functional>
#include <optional>

using namespace busbar;
using namespace busbar::bench;
using namespace std::chrono_literals;

namespace {

struct Run {
    QString tool;
    qint64 count = 0;
    double seconds = 0;
    std::optional<qint64> longestStallMs; // Busbar's runs only
    QString error;

    [[nodiscard]] double rate() const { return seconds > 0 ? double(count) / seconds : 0; }
};

VoidResult seedDeadLetters(ServiceBusClient& client, const QString& queue, int count, int size) {
    if (auto r = seed(client, queue, count, size); !r) {
        return r;
    }
    for (int moved = 0; moved < count;) {
        auto got = wait(client.receive(queue, SubQueue::None, ReceiveMode::PeekLock,
                                       std::min(500, count - moved), 5s));
        if (!got) {
            return fail(got.error());
        }
        if (got->isEmpty()) {
            return fail(ErrorCode::Internal, QStringLiteral("the queue ran dry while seeding"));
        }
        QList<QFuture<VoidResult>> pending;
        for (const ServiceBusMessage& m : *got) {
            pending.append(client.deadLetter(queue, SubQueue::None, m, QStringLiteral("Bench"),
                                             QStringLiteral("seeded by bench_jobs")));
        }
        for (const auto& p : pending) {
            if (auto r = wait(p); !r) {
                return r;
            }
        }
        moved += int(got->size());
    }
    return {};
}

qint64 countMessages(ServiceBusClient& client, const QString& queue, SubQueue subQueue) {
    qint64 count = 0;
    qint64 from = 0;
    for (;;) {
        auto page = wait(client.peek(queue, subQueue, from, 250));
        if (!page || page->isEmpty()) {
            return count;
        }
        count += page->size();
        from = page->last().sequenceNumber + 1;
    }
}

Run runJob(const QString& tool, Job& job) {
    Run run;
    run.tool = tool;
    StallMeter meter;
    QEventLoop loop;
    QObject::connect(&job, &Job::finished, &loop, &QEventLoop::quit);
    QElapsedTimer clock;
    const QHash<QString, double> cpuBefore = cpuByThread();
    meter.start();
    clock.start();
    job.start();
    loop.exec();
    std::fprintf(stderr, "  %s: CPU %s\n", qPrintable(tool),
                 qPrintable(cpuDelta(cpuBefore, cpuByThread())));
    run.seconds = double(clock.nsecsElapsed()) / 1e9;
    run.longestStallMs = meter.stop();
    run.count = job.progress().done;
    if (job.state() != JobState::Completed) {
        run.error = job.error().toString();
    }
    return run;
}

Run runSdk(const QString& tool, const QString& script, const QStringList& args) {
    Run run;
    run.tool = tool;
    QProcess node;
    node.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    const QHash<QString, double> cpuBefore = cpuByThread();
    node.start(QStringLiteral("node"), QStringList{script} + args);
    const bool finished = node.waitForFinished(-1);
    std::fprintf(stderr, "  %s: CPU %s\n", qPrintable(tool),
                 qPrintable(cpuDelta(cpuBefore, cpuByThread())));
    if (!finished || node.exitCode() != 0) {
        run.error = QStringLiteral("node failed (exit %1)").arg(node.exitCode());
        return run;
    }
    const QJsonObject json = QJsonDocument::fromJson(node.readAllStandardOutput()).object();
    run.count = json.value(QStringLiteral("count")).toInteger();
    run.seconds = json.value(QStringLiteral("seconds")).toDouble();
    run.error = json.value(QStringLiteral("error")).toString();
    std::fprintf(stderr, "  %s: node CPU %.2f s (whole process, start-up included)\n",
                 qPrintable(tool), json.value(QStringLiteral("cpuSeconds")).toDouble());
    return run;
}

void check(Run& run, qint64 expected, qint64 left, const QString& what) {
    if (run.error.isEmpty() && (run.count != expected || left != 0)) {
        run.error = QStringLiteral("%1 of %2 done, %3 left in %4")
                        .arg(run.count)
                        .arg(expected)
                        .arg(left)
                        .arg(what);
    }
}

QString ratio(double value, double baseline) {
    return baseline > 0 && value > 0 ? QStringLiteral("%1x").arg(value / baseline, 0, 'f', 2)
                                     : QStringLiteral("-");
}

void printRow(const QString& phase, const Run& run, double baseline) {
    const QString stall =
        run.longestStallMs ? QStringLiteral("%1 ms").arg(*run.longestStallMs) : QStringLiteral("-");
    std::printf("| %-21s | %-34s | %7lld | %8.2f | %8.0f | %6s | %11s |\n", qPrintable(phase),
                qPrintable(run.tool), run.count, run.seconds, run.rate(),
                qPrintable(ratio(run.rate(), baseline)), qPrintable(stall));
}

emulator::EmulatorConfig benchConfig() {
    emulator::NamespaceConfig ns;
    for (const char* name :
         {"replay-busbar", "replay-busbar-target", "replay-sdk", "replay-sdk-target", "replay-sdkb",
          "replay-sdkb-target", "purge-batch", "purge-fallback", "purge-sdk"}) {
        QueueDescription queue;
        queue.name = QString::fromLatin1(name);
        queue.maxSizeInMegabytes = 5120;
        ns.queues.append(queue);
    }
    emulator::EmulatorConfig config;
    config.namespaces = {ns};
    return config;
}

int fatal(const char* what, const Error& error) {
    std::fprintf(stderr, "%s: %s\n", what, qPrintable(error.toString()));
    return 1;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption replayOption(QStringLiteral("replay"),
                                          QStringLiteral("Dead letters to replay."),
                                          QStringLiteral("n"), QStringLiteral("10000"));
    const QCommandLineOption purgeOption(QStringLiteral("purge"),
                                         QStringLiteral("Messages to purge."), QStringLiteral("n"),
                                         QStringLiteral("100000"));
    const QCommandLineOption sizeOption(QStringLiteral("size"), QStringLiteral("Body bytes."),
                                        QStringLiteral("bytes"), QStringLiteral("1024"));
    const QCommandLineOption scriptOption(
        QStringLiteral("sdk-script"),
        QStringLiteral("The @azure/service-bus bench script; none: skip."), QStringLiteral("path"));
    const QCommandLineOption batchOption(
        QStringLiteral("resubmit-batch"),
        QStringLiteral("ResubmitJob's batch size (default: ResubmitOptions')."),
        QStringLiteral("n"));
    const QCommandLineOption chunkOption(
        QStringLiteral("send-chunk"),
        QStringLiteral("ResubmitJob's send chunk (default: ResubmitOptions')."),
        QStringLiteral("n"));
    parser.addOptions(
        {replayOption, purgeOption, sizeOption, scriptOption, batchOption, chunkOption});
    parser.process(app);
    const int replayCount = parser.value(replayOption).toInt();
    const int purgeCount = parser.value(purgeOption).toInt();
    const int size = parser.value(sizeOption).toInt();
    const QString script = parser.value(scriptOption);

    emulator::EmulatorOptions options = emulator::InProcessEmulator::ephemeralOptions();
    options.config = benchConfig();
    options.httpPort = -1;
    emulator::InProcessEmulator emulator;
    auto endpoints = emulator.start(options);
    if (!endpoints) {
        return fatal("emulator", endpoints.error());
    }
    const Result<ConnectionString> cs = ConnectionString::parse(endpoints->connectionString);
    if (!cs) {
        return fatal("connection string", cs.error());
    }
    NamespaceConnectionOptions connection;
    connection.connectionString = *cs;
    AmqpServiceBusClient client(connection);
    QTemporaryDir journals;

    // A control for the stall column: the same meter over an idle event loop. On a machine
    // busy with other work the scheduler alone makes gaps; this shows how large.
    qint64 idleStallMs = 0;
    {
        StallMeter meter;
        QEventLoop loop;
        QTimer::singleShot(2000, &loop, &QEventLoop::quit);
        meter.start();
        loop.exec();
        idleStallMs = meter.stop();
    }

    // Replay: each tool gets its own dead letters, seeded just before its run; afterwards its
    // queues are emptied, so every run finds the emulator in the same state.
    QList<Run> replay;
    const auto replayWith = [&](const QString& tool, const QString& source,
                                const std::function<Run()>& body) {
        std::fprintf(stderr, "replay: seeding %d dead letters, then %s...\n", replayCount,
                     qPrintable(tool));
        if (auto r = seedDeadLetters(client, source, replayCount, size); !r) {
            return fatal("seed", r.error());
        }
        const QString target = source + QStringLiteral("-target");
        Run run = body();
        check(run, replayCount,
              countMessages(client, source, SubQueue::DeadLetter) +
                  (replayCount - countMessages(client, target, SubQueue::None)),
              QStringLiteral("the DLQ / missing at the target"));
        replay.append(run);
        for (const auto& [entity, subQueue] :
             {std::pair{target, SubQueue::None}, std::pair{source, SubQueue::DeadLetter}}) {
            while (true) {
                auto deleted = wait(client.batchDelete(entity, subQueue, 500,
                                                       QDateTime::currentDateTimeUtc().addDays(1)));
                if (!deleted) {
                    return fatal("clean up", deleted.error());
                }
                if (*deleted == 0) {
                    break;
                }
            }
        }
        return 0;
    };
    const int replayed =
        replayWith(QStringLiteral("Busbar ResubmitJob"), QStringLiteral("replay-busbar"), [&] {
            ResubmitOptions resubmit;
            resubmit.sourceEntity = QStringLiteral("replay-busbar");
            resubmit.targetEntity = QStringLiteral("replay-busbar-target");
            if (parser.isSet(batchOption)) {
                resubmit.batchSize = parser.value(batchOption).toInt();
            }
            if (parser.isSet(chunkOption)) {
                resubmit.sendChunk = parser.value(chunkOption).toInt();
            }
            ResubmitJob job(&client, &client, resubmit,
                            journals.filePath(QStringLiteral("replay.journal")));
            return runJob(QStringLiteral("Busbar ResubmitJob"), job);
        });
    if (replayed != 0) {
        return replayed;
    }
    if (!script.isEmpty()) {
        for (const auto& [mode, queue, tool] :
             {std::tuple{"replay", "replay-sdk", "SDK script, one at a time"},
              std::tuple{"replay-batched", "replay-sdkb", "SDK script, batched"}}) {
            const QString source = QString::fromLatin1(queue);
            const QString name = QString::fromLatin1(tool);
            const QStringList args{endpoints->connectionString, QString::fromLatin1(mode), source,
                                   source + QStringLiteral("-target"),
                                   QString::number(replayCount)};
            if (const int r = replayWith(name, source, [&] { return runSdk(name, script, args); });
                r != 0) {
                return r;
            }
        }
    }

    // Purge: one 100k queue at a time, so the emulator holds only one in memory.
    QList<Run> purge;
    const auto purgeWithJob = [&](const QString& tool, const QString& queue,
                                  ServiceBusClient& through) {
        std::fprintf(stderr, "purge: seeding %d messages, then %s...\n", purgeCount,
                     qPrintable(tool));
        if (auto r = seed(client, queue, purgeCount, size); !r) {
            return fatal("seed", r.error());
        }
        PurgeOptions purgeOptions;
        purgeOptions.entity = queue;
        PurgeJob job(&through, purgeOptions);
        Run run = runJob(tool, job);
        check(run, purgeCount, countMessages(client, queue, SubQueue::None), queue);
        purge.append(run);
        return 0;
    };
    if (purgeWithJob(QStringLiteral("Busbar PurgeJob, batch delete"), QStringLiteral("purge-batch"),
                     client) != 0) {
        return 1;
    }
    test::NoBatchDeleteClient noBatchDelete(client);
    if (purgeWithJob(QStringLiteral("Busbar PurgeJob, fallback"), QStringLiteral("purge-fallback"),
                     noBatchDelete) != 0) {
        return 1;
    }
    if (!script.isEmpty()) {
        std::fprintf(stderr, "purge: seeding %d messages, then the SDK loop...\n", purgeCount);
        if (auto r = seed(client, QStringLiteral("purge-sdk"), purgeCount, size); !r) {
            return fatal("seed", r.error());
        }
        Run run = runSdk(
            QStringLiteral("SDK receive-and-delete loop"), script,
            {endpoints->connectionString, QStringLiteral("purge"), QStringLiteral("purge-sdk")});
        check(run, purgeCount, countMessages(client, QStringLiteral("purge-sdk"), SubQueue::None),
              QStringLiteral("purge-sdk"));
        purge.append(run);
    }

    const double replayBaseline = replay.size() > 1 ? replay[1].rate() : 0;
    const double purgeBaseline = purge.size() > 2 ? purge[2].rate() : 0;
    std::printf("\nmsgs/s; ratio to the SDK script a user would write (replay: one at a time; "
                "purge: the receive-and-delete loop)\n\n");
    std::printf("| %-21s | %-34s | %7s | %8s | %8s | %6s | %11s |\n", "phase", "tool", "msgs",
                "seconds", "msgs/s", "ratio", "GUI stall");
    std::printf("|-----------------------|------------------------------------|--------:|"
                "---------:|---------:|-------:|------------:|\n");
    const QString replayPhase = QStringLiteral("replay %1 x %2 B").arg(replayCount).arg(size);
    const QString purgePhase = QStringLiteral("purge %1 x %2 B").arg(purgeCount).arg(size);
    for (const Run& run : std::as_const(replay)) {
        printRow(replayPhase, run, replayBaseline);
    }
    for (const Run& run : std::as_const(purge)) {
        printRow(purgePhase, run, purgeBaseline);
    }
    qint64 longestStall = 0;
    for (const Run& run : replay + purge) {
        longestStall = std::max(longestStall, run.longestStallMs.value_or(0));
    }
    std::printf("\nGUI stall: the longest gap between ticks of a 5 ms timer on the thread that "
                "owns the job, over each Busbar run (over 2 s of an idle loop: %lld ms).\n",
                idleStallMs);
    if (replayBaseline > 0 && purgeBaseline > 0) {
        std::printf("targets: replay >= 2x the SDK script: %.2fx; purge (batch delete) >= 10x the "
                    "SDK loop: %.2fx; GUI stall <= 50 ms: %lld ms\n",
                    replay[0].rate() / replayBaseline, purge[0].rate() / purgeBaseline,
                    longestStall);
    }
    int failed = 0;
    for (const Run& run : replay + purge) {
        if (!run.error.isEmpty()) {
            std::fprintf(stderr, "%s: %s\n", qPrintable(run.tool), qPrintable(run.error));
            ++failed;
        }
    }
    return failed == 0 ? 0 : 2;
}
