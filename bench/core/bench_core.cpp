// Messaging-core benchmark: Busbar's core, the @azure/service-bus SDK and a minimal
// Proton-C++ client against one in-process emulator, same queues, same message sizes.
// Prints a table of msgs/s per tool with ratios to Busbar, and Busbar's RSS per peeked message.
// Not part of ctest; bench/core/run.sh builds and runs it.
#include "bench/common/BenchSeeding.h"
#include "bench/core/ProtonBenchClient.h"
#include "core/auth/ConnectionString.h"
#include "core/auth/SasToken.h"
#include "core/servicebus/AmqpServiceBusClient.h"
#include "core/servicebus/NamespaceConnection.h"
#include "emulator/config/NamespaceConfig.h"
#include "emulator/server/InProcessEmulator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <algorithm>
#include <cstdio>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <optional>

using namespace busbar;
using namespace busbar::bench;
using namespace std::chrono_literals;

namespace {

constexpr int kPage = 250;

qint64 rssKb() {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return 0;
    }
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:")) {
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
        }
    }
    return 0;
}

// CPU time (ns) a thread has run so far, from /proc/self/task/<tid>/schedstat (first field:
// time on a CPU). Wall-clock rates move with the machine's load; the client's CPU per message
// much less, so that is what compares builds.
qint64 taskCpuNs(const QString& tid) {
    QFile stat(QStringLiteral("/proc/self/task/%1/schedstat").arg(tid));
    return stat.open(QIODevice::ReadOnly) ? stat.readAll().split(' ').value(0).toLongLong() : 0;
}

// The threads named `name` (the connection's AMQP thread is "amqp:<host>").
qint64 threadCpuNs(const QByteArray& name) {
    qint64 total = 0;
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString& tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(tid + QStringLiteral("/comm")));
        if (comm.open(QIODevice::ReadOnly) && comm.readAll().trimmed() == name) {
            total += taskCpuNs(tid);
        }
    }
    return total;
}

// The client's CPU during one phase: its AMQP thread and the calling (main) thread.
struct ClientCpu {
    qint64 amqpNs = 0;
    qint64 callerNs = 0;
    static ClientCpu now() {
        return ClientCpu{threadCpuNs("amqp:localhost"),
                         taskCpuNs(QString::number(QCoreApplication::applicationPid()))};
    }
    ClientCpu operator-(const ClientCpu& o) const {
        return ClientCpu{amqpNs - o.amqpNs, callerNs - o.callerNs};
    }
};

void printCpu(const char* phase, const ClientCpu& cpu, qint64 count) {
    if (count <= 0) {
        return;
    }
    std::printf("Busbar core, %s: client CPU per message %.2f us on the AMQP thread, %.2f us on "
                "the caller's\n",
                phase, double(cpu.amqpNs) / 1000.0 / double(count),
                double(cpu.callerNs) / 1000.0 / double(count));
}

struct Rates {
    double peek = 0;
    double receiveAndDelete = 0;
    double send = 0;
    QString error;
    ClientCpu peekCpu;    // Busbar only
    ClientCpu receiveCpu; // Busbar only
};

double perSecond(qint64 count, const QElapsedTimer& clock) {
    const qint64 ms = std::max<qint64>(1, clock.elapsed());
    return double(count) * 1000.0 / double(ms);
}

// Peeks every page and drops it (what a pager without a model does): the RSS that stays is
// what the peek path retains, not what the caller keeps.
double peekDroppedBytesPerMessage(AmqpServiceBusClient& client, int count, double& afterTrim,
                                  ClientCpu& cpu) {
    const qint64 before = rssKb();
    const ClientCpu cpuBefore = ClientCpu::now();
    qint64 from = 0;
    qint64 seen = 0;
    while (seen < count) {
        auto page = wait(client.peek(QStringLiteral("peek"), SubQueue::None, from, kPage));
        if (!page || page->isEmpty()) {
            break;
        }
        from = page->last().sequenceNumber + 1;
        seen += page->size();
    }
    cpu = ClientCpu::now() - cpuBefore;
    const double perMessage = seen == 0 ? 0 : double(rssKb() - before) * 1024.0 / double(seen);
#ifdef __GLIBC__
    malloc_trim(0);
#endif
    afterTrim = seen == 0 ? 0 : double(rssKb() - before) * 1024.0 / double(seen);
    return perMessage;
}

double receiveAndDeleteRate(AmqpServiceBusClient& client, const QString& queue, int count,
                            QString& error, ClientCpu* cpu = nullptr) {
    const ClientCpu cpuBefore = ClientCpu::now();
    QElapsedTimer clock;
    clock.start();
    qint64 received = 0;
    qint64 calls = 0;
    while (received < count) {
        auto got = wait(client.receive(queue, SubQueue::None, ReceiveMode::ReceiveAndDelete,
                                       int(std::min<qint64>(kPage * 2, count - received)), 5s));
        if (!got || got->isEmpty()) {
            error = got ? QStringLiteral("receive ran dry") : got.error().toString();
            return 0;
        }
        received += got->size();
        ++calls;
    }
    if (cpu) {
        *cpu = ClientCpu::now() - cpuBefore;
    }
    std::fprintf(stderr, "  %s: %lld calls, %.0f messages per call\n", qPrintable(queue),
                 static_cast<long long>(calls),
                 double(received) / double(std::max<qint64>(1, calls)));
    return perSecond(received, clock);
}

Rates runBusbar(AmqpServiceBusClient& client, int count, int size, double& bytesPerMessage) {
    Rates rates;
    {
        // Every page is kept, as the explorer's message list keeps it: the RSS it costs.
        QList<ServiceBusMessage> kept;
        kept.reserve(count);
        const qint64 before = rssKb();
        const ClientCpu cpuBefore = ClientCpu::now();
        QElapsedTimer clock;
        clock.start();
        qint64 from = 0;
        while (kept.size() < count) {
            auto page = wait(client.peek(QStringLiteral("peek"), SubQueue::None, from, kPage));
            if (!page) {
                rates.error = page.error().toString();
                return rates;
            }
            if (page->isEmpty()) {
                break;
            }
            from = page->last().sequenceNumber + 1;
            // Moved, not copied: the caller's side of the loop costs a list append per page.
            kept.append(std::move(*page));
        }
        rates.peek = perSecond(kept.size(), clock);
        rates.peekCpu = ClientCpu::now() - cpuBefore;
        bytesPerMessage =
            kept.isEmpty() ? 0 : double(rssKb() - before) * 1024.0 / double(kept.size());
    }
    rates.receiveAndDelete =
        receiveAndDeleteRate(client, QStringLiteral("rnd"), count, rates.error, &rates.receiveCpu);
    if (!rates.error.isEmpty()) {
        return rates;
    }
    {
        QElapsedTimer clock;
        clock.start();
        for (int sent = 0; sent < count; sent += kPage) {
            const int n = std::min(kPage, count - sent);
            auto r = wait(client.send(QStringLiteral("send-busbar"),
                                      batchOf(n, size, QStringLiteral("b-"), sent)));
            if (!r) {
                rates.error = r.error().toString();
                return rates;
            }
        }
        rates.send = perSecond(count, clock);
    }
    return rates;
}

Rates runSdk(const QString& script, const QString& connectionString, int count, int size) {
    Rates rates;
    QProcess node;
    node.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    node.start(QStringLiteral("node"),
               {script, connectionString, QStringLiteral("peek"), QStringLiteral("rnd"),
                QStringLiteral("send-sdk"), QString::number(count), QString::number(size)});
    if (!node.waitForFinished(-1) || node.exitCode() != 0) {
        rates.error = QStringLiteral("node failed (exit %1)").arg(node.exitCode());
        return rates;
    }
    const QJsonObject json = QJsonDocument::fromJson(node.readAllStandardOutput()).object();
    rates.peek = json.value(QStringLiteral("peek")).toDouble();
    rates.receiveAndDelete = json.value(QStringLiteral("receiveAndDelete")).toDouble();
    rates.send = json.value(QStringLiteral("send")).toDouble();
    rates.error = json.value(QStringLiteral("error")).toString();
    return rates;
}

Rates runProton(const ConnectionString& cs, quint16 port, int count, int size) {
    bench::ProtonBenchPlan plan;
    plan.url = "amqp://127.0.0.1:" + std::to_string(port);
    const qint64 expiry = QDateTime::currentSecsSinceEpoch() + 3600;
    for (const char* queue : {"peek", "rnd", "send-proton"}) {
        const QString audience = QStringLiteral("sb://localhost/") + QString::fromLatin1(queue);
        plan.tokens.emplace_back(
            audience.toStdString(),
            SasToken::sign(audience, cs.keyName(), cs.key(), expiry).toStdString());
    }
    plan.peekQueue = "peek";
    plan.receiveQueue = "rnd";
    plan.sendQueue = "send-proton";
    plan.count = count;
    plan.bodySize = size;
    const bench::ProtonBenchResult r = bench::runProtonBench(plan);
    Rates rates;
    rates.peek = r.peekRate;
    rates.receiveAndDelete = r.receiveAndDeleteRate;
    rates.send = r.sendRate;
    rates.error = QString::fromStdString(r.error);
    return rates;
}

double medianOf(QList<double> values) {
    if (values.isEmpty()) {
        return 0;
    }
    std::sort(values.begin(), values.end());
    const qsizetype mid = values.size() / 2;
    return values.size() % 2 == 1 ? values.at(mid) : (values.at(mid - 1) + values.at(mid)) / 2;
}

// Each figure's median over the runs; the first error, if any run failed.
Rates median(const QList<Rates>& runs) {
    Rates out;
    const auto field = [&](auto get) {
        QList<double> values;
        for (const Rates& r : runs) {
            values.append(double(get(r)));
        }
        return medianOf(values);
    };
    out.peek = field([](const Rates& r) { return r.peek; });
    out.receiveAndDelete = field([](const Rates& r) { return r.receiveAndDelete; });
    out.send = field([](const Rates& r) { return r.send; });
    out.peekCpu.amqpNs = qint64(field([](const Rates& r) { return r.peekCpu.amqpNs; }));
    out.peekCpu.callerNs = qint64(field([](const Rates& r) { return r.peekCpu.callerNs; }));
    out.receiveCpu.amqpNs = qint64(field([](const Rates& r) { return r.receiveCpu.amqpNs; }));
    out.receiveCpu.callerNs = qint64(field([](const Rates& r) { return r.receiveCpu.callerNs; }));
    for (const Rates& r : runs) {
        if (!r.error.isEmpty()) {
            out.error = r.error;
            break;
        }
    }
    return out;
}

QString rate(double value) {
    return value > 0 ? QString::number(value, 'f', 0) : QStringLiteral("-");
}

QString ratio(double value, double busbar) {
    return busbar > 0 && value > 0 ? QStringLiteral("%1x").arg(value / busbar, 0, 'f', 2)
                                   : QStringLiteral("-");
}

void printRow(const QString& tool, const Rates& r, const Rates& busbar) {
    std::printf("| %-26s | %10s | %6s | %10s | %6s | %10s | %6s |\n", qPrintable(tool),
                qPrintable(rate(r.peek)), qPrintable(ratio(r.peek, busbar.peek)),
                qPrintable(rate(r.receiveAndDelete)),
                qPrintable(ratio(r.receiveAndDelete, busbar.receiveAndDelete)),
                qPrintable(rate(r.send)), qPrintable(ratio(r.send, busbar.send)));
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption countOption(QStringLiteral("count"),
                                         QStringLiteral("Messages per phase."), QStringLiteral("n"),
                                         QStringLiteral("100000"));
    const QCommandLineOption sizeOption(QStringLiteral("size"), QStringLiteral("Body bytes."),
                                        QStringLiteral("bytes"), QStringLiteral("1024"));
    const QCommandLineOption scriptOption(
        QStringLiteral("sdk-script"),
        QStringLiteral("The @azure/service-bus bench script; none: skip."), QStringLiteral("path"));
    const QCommandLineOption noProton(QStringLiteral("no-proton"),
                                      QStringLiteral("Skip the Proton client."));
    const QCommandLineOption prefetchOption(
        QStringLiteral("prefetch"),
        QStringLiteral("Busbar receive-and-delete again with this standing window; 0: skip."),
        QStringLiteral("n"), QStringLiteral("1000"));
    const QCommandLineOption roundsOption(
        QStringLiteral("rounds"),
        QStringLiteral("Run every tool this many times, interleaved, and print the medians."),
        QStringLiteral("n"), QStringLiteral("1"));
    parser.addOptions(
        {countOption, sizeOption, scriptOption, noProton, prefetchOption, roundsOption});
    parser.process(app);
    const int rounds = std::max(1, parser.value(roundsOption).toInt());
    const int prefetch = parser.value(prefetchOption).toInt();
    const int count = parser.value(countOption).toInt();
    const int size = parser.value(sizeOption).toInt();

    emulator::NamespaceConfig ns;
    for (const char* name : {"peek", "rnd", "send-busbar", "send-sdk", "send-proton"}) {
        QueueDescription queue;
        queue.name = QString::fromLatin1(name);
        queue.maxSizeInMegabytes = 5120;
        ns.queues.append(queue);
    }
    emulator::EmulatorOptions options = emulator::InProcessEmulator::ephemeralOptions();
    options.config.namespaces = {ns};
    options.httpPort = -1;
    emulator::InProcessEmulator emulator;
    auto endpoints = emulator.start(options);
    if (!endpoints) {
        std::fprintf(stderr, "emulator: %s\n", qPrintable(endpoints.error().toString()));
        return 1;
    }
    const Result<ConnectionString> cs = ConnectionString::parse(endpoints->connectionString);
    if (!cs) {
        return 1;
    }
    NamespaceConnectionOptions connectionOptions;
    connectionOptions.connectionString = *cs;
    const auto connection = std::make_shared<NamespaceConnection>(connectionOptions);
    AmqpServiceBusClient client(connection);
    client.setOperationTimeout(120s);

    std::fprintf(stderr, "seeding %d messages of %d bytes...\n", count, size);
    if (auto r = seed(client, QStringLiteral("peek"), count, size); !r) {
        std::fprintf(stderr, "seed: %s\n", qPrintable(r.error().toString()));
        return 1;
    }
    const auto seedReceive = [&] {
        if (auto r = seed(client, QStringLiteral("rnd"), count, size); !r) {
            std::fprintf(stderr, "seed: %s\n", qPrintable(r.error().toString()));
            std::exit(1);
        }
    };

    // First, before anything big was allocated and freed: what the peek path itself keeps.
    double droppedAfterTrim = 0;
    ClientCpu droppedCpu;
    const double droppedPerMessage =
        peekDroppedBytesPerMessage(client, count, droppedAfterTrim, droppedCpu);
    if (qEnvironmentVariableIsSet("BENCH_PEEK_ONLY")) {
        std::printf("Busbar core, peek with pages dropped: %.0f bytes of RSS per peeked message "
                    "(%.0f after malloc_trim; %d messages)\n",
                    droppedPerMessage, droppedAfterTrim, count);
        printCpu("peek, pages dropped", droppedCpu, count);
        return 0;
    }

    // Interleaved rounds: every tool once per round, so a load spike on the shared machine
    // hits all of them; each figure printed is the tool's median over the rounds.
    QList<Rates> busbarRuns;
    QList<Rates> prefetchedRuns;
    QList<Rates> sdkRuns;
    QList<Rates> protonRuns;
    double bytesPerMessage = 0;
    for (int round = 1; round <= rounds; ++round) {
        if (rounds > 1) {
            std::fprintf(stderr, "round %d of %d\n", round, rounds);
        }
        seedReceive();
        std::fprintf(stderr, "busbar core...\n");
        double keptBytes = 0;
        busbarRuns.append(runBusbar(client, count, size, keptBytes));
        if (round == 1) {
            bytesPerMessage = keptBytes; // later rounds start with a used heap
        }
        if (!busbarRuns.last().error.isEmpty()) {
            break;
        }
        if (prefetch > 0) {
            seedReceive();
            std::fprintf(stderr, "busbar core, prefetch %d...\n", prefetch);
            connection->setPrefetch(ReceiveMode::ReceiveAndDelete, prefetch);
            Rates prefetched;
            prefetched.receiveAndDelete =
                receiveAndDeleteRate(client, QStringLiteral("rnd"), count, prefetched.error);
            prefetchedRuns.append(prefetched);
            // Back to no window before the next tool drains the same queue.
            wait(connection->setPrefetch(ReceiveMode::ReceiveAndDelete, 0));
        }
        if (parser.isSet(scriptOption)) {
            seedReceive();
            std::fprintf(stderr, "@azure/service-bus...\n");
            sdkRuns.append(
                runSdk(parser.value(scriptOption), endpoints->connectionString, count, size));
        }
        if (!parser.isSet(noProton)) {
            seedReceive();
            std::fprintf(stderr, "proton-c++ minimal...\n");
            protonRuns.append(runProton(*cs, endpoints->amqpPort, count, size));
        }
    }
    const Rates busbar = median(busbarRuns);
    const Rates prefetched = median(prefetchedRuns);
    const std::optional<Rates> sdk =
        sdkRuns.isEmpty() ? std::nullopt : std::optional(median(sdkRuns));
    const std::optional<Rates> proton =
        protonRuns.isEmpty() ? std::nullopt : std::optional(median(protonRuns));

    std::printf("\n%d messages of %d bytes per phase; msgs/s (ratio to Busbar core)%s\n\n", count,
                size,
                rounds > 1 ? qPrintable(QStringLiteral("; median of %1 rounds").arg(rounds)) : "");
    std::printf("| %-26s | %10s | %6s | %10s | %6s | %10s | %6s |\n", "tool", "peek", "ratio",
                "recv+del", "ratio", "send", "ratio");
    std::printf(
        "|----------------------------|-----------:|-------:|-----------:|-------:|-----------:"
        "|-------:|\n");
    printRow(QStringLiteral("Busbar core"), busbar, busbar);
    if (prefetch > 0) {
        printRow(QStringLiteral("Busbar core, prefetch %1").arg(prefetch), prefetched, busbar);
    }
    if (sdk) {
        printRow(QStringLiteral("@azure/service-bus 7.9"), *sdk, busbar);
    }
    if (proton) {
        printRow(QStringLiteral("Proton-C++ minimal"), *proton, busbar);
    }
    std::printf("\nBusbar core, peek: %.0f bytes of RSS per peeked message kept (%d messages, "
                "RSS delta / count)\n",
                bytesPerMessage, count);
    std::printf("Busbar core, peek with pages dropped: %.0f bytes of RSS per peeked message "
                "(%.0f after malloc_trim)\n",
                droppedPerMessage, droppedAfterTrim);
    printCpu("peek, pages dropped", droppedCpu, count);
    printCpu(rounds > 1 ? "peek, pages kept (median)" : "peek, pages kept", busbar.peekCpu, count);
    printCpu(rounds > 1 ? "receive-and-delete (median)" : "receive-and-delete", busbar.receiveCpu,
             count);
    int failed = 0;
    for (const auto& [tool, rates] : {std::pair{"busbar", std::optional(busbar)},
                                      std::pair{"busbar prefetch", std::optional(prefetched)},
                                      std::pair{"sdk", sdk}, std::pair{"proton", proton}}) {
        if (rates && !rates->error.isEmpty()) {
            std::fprintf(stderr, "%s: %s\n", tool, qPrintable(rates->error));
            ++failed;
        }
    }
    return failed == 0 ? 0 : 2;
}
