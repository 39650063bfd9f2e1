// Fills the dead-letter queue of an in-process emulator with N messages (seeded through its
// Broker, not timed), opens an EntityMessagesView on it and prints: time to the first page,
// time to load everything, the longest GUI event-loop stall (a 10 ms heartbeat timer), and
// the process RSS before and after (the difference is what the view holds), then how long
// sorting and filtering all loaded rows block the GUI thread.
//   bench_messages_view [--count N] [--size BYTES] [--cache-mb MB] [--page N]
// defaults: 1,000,000 × 1 KB, 64 MB of bodies cached
// BENCH_PEEK_ONLY=1: the baseline, the same pages peeked with no model (what the peek path
// itself keeps).
#include "tests/gui/messages/MessagesTestSupport.h"
#include "ui/messages/EntityMessagesView.h"
#include "ui/messages/MessageFilterProxy.h"
#include "ui/messages/MessageListModel.h"
#include "ui/messages/MessageTableView.h"
#include "ui/messages/PeekPager.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <tuple>
#include <utility>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <time.h>

using namespace busbar;

namespace {

// Resident set size in MB (Linux /proc); -1 where that is not available.
double rssMb() {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:")) {
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
        }
    }
    return -1;
}

// CPU time this thread has used, in ms: tells a stall the GUI thread spent working from one
// it spent waiting for a core (the machine has 2, shared with the emulator and the client).
double threadCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1000.0 + double(ts.tv_nsec) / 1e6;
}

// Runs an event loop (blocking between events, as the app's does) until `done` or the timeout;
// a 5 ms poll checks `done`, which other threads may set without posting an event.
bool spinUntil(const std::function<bool()>& done, int timeoutMs) {
    if (done()) {
        return true;
    }
    QElapsedTimer timer;
    timer.start();
    QEventLoop loop;
    QTimer poll;
    poll.setInterval(5);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done() || timer.elapsed() > timeoutMs) {
            loop.quit();
        }
    });
    poll.start();
    loop.exec();
    return done();
}

} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Message view benchmark"));
    parser.addHelpOption();
    const QCommandLineOption countOption(QStringLiteral("count"), QStringLiteral("Messages."),
                                         QStringLiteral("N"), QStringLiteral("1000000"));
    const QCommandLineOption sizeOption(QStringLiteral("size"), QStringLiteral("Body bytes."),
                                        QStringLiteral("BYTES"), QStringLiteral("1024"));
    const QCommandLineOption cacheOption(QStringLiteral("cache-mb"),
                                         QStringLiteral("Body cache budget per queue (MB)."),
                                         QStringLiteral("MB"), QStringLiteral("64"));
    parser.addOption(cacheOption);
    const QCommandLineOption pageOption(QStringLiteral("page"),
                                        QStringLiteral("Load-all page size."), QStringLiteral("N"),
                                        QStringLiteral("1000"));
    parser.addOption(pageOption);
    parser.addOption(countOption);
    parser.addOption(sizeOption);
    parser.process(app);
    const int count = parser.value(countOption).toInt();
    const int size = parser.value(sizeOption).toInt();

    test::SeededEmulator emulator;
    // Room for a million 1 KB messages (the default 1 GB quota is not): 5 GB, a standard-tier
    // maximum.
    const QString error = emulator.start({QStringLiteral("bench")}, 5 * 1024);
    if (!error.isEmpty()) {
        std::fprintf(stderr, "emulator: %s\n", qPrintable(error));
        return 1;
    }
    QElapsedTimer seeding;
    seeding.start();
    const QByteArray body = QByteArray("{\"pad\":\"") + QByteArray(qMax(0, size - 11), 'x') + "\"}";
    constexpr int kChunk = 10000; // bounds the seeding's temporary copies
    for (int done = 0; done < count; done += kChunk) {
        const int n = qMin(kChunk, count - done);
        const auto progress = emulator.seed(
            QStringLiteral("bench"), n,
            [&](int i) {
                OutgoingMessage m;
                m.messageId = QStringLiteral("bench-%1").arg(done + i);
                m.contentType = QStringLiteral("application/json");
                m.body = body;
                return m;
            },
            [](int i) {
                return i % 10 == 0 ? QStringLiteral("ValidationFailed")
                                   : QStringLiteral("MaxDeliveryCountExceeded");
            });
        if (!spinUntil([&] { return progress->done.load(); }, 600000) || progress->failed) {
            std::fprintf(stderr, "seeding failed at %d\n", done);
            return 1;
        }
    }
    std::fprintf(stderr, "seeded %d messages in %.1f s\n", count, seeding.elapsed() / 1000.0);

    auto client = emulator.client();
    if (!client || !test::authorizeEntity(*client, QStringLiteral("bench"))) {
        std::fprintf(stderr, "client could not connect\n");
        return 1;
    }
    const double rssBefore = rssMb();
    if (qEnvironmentVariableIsSet("BENCH_PEEK_ONLY")) {
        // Where the memory goes: the same pages peeked with no model at all.
        PeekPager bare(client.get(), QStringLiteral("bench"), SubQueue::DeadLetter, nullptr);
        bare.start();
        bare.loadAll();
        spinUntil([&] { return bare.atEnd(); }, 3600000);
        std::printf("| RSS after peeking all, no model | %.0f MB (before %.0f MB) |\n", rssMb(),
                    rssBefore);
#ifdef __GLIBC__
        malloc_trim(0);
        std::printf("| ... after malloc_trim | %.0f MB |\n", rssMb());
#endif
        return 0;
    }

    qint64 longestStallMs = 0;
    QElapsedTimer sinceTick;
    QTimer heartbeat;
    heartbeat.setInterval(10);
    // Stalls over 30 ms, with the rows loaded at the time: where in the load they happen.
    QList<std::tuple<qint64, int, int>> stalls; // (ms, GUI-thread CPU ms, rows)
    const MessageListModel* watched = nullptr;
    double cpuAtTick = 0;
    double longestCpuMs = 0; // most GUI-thread CPU time between two ticks
    QObject::connect(&heartbeat, &QTimer::timeout, [&] {
        const double cpu = threadCpuMs();
        if (sinceTick.isValid()) {
            const qint64 stall = sinceTick.elapsed() - 10;
            longestStallMs = qMax(longestStallMs, stall);
            longestCpuMs = qMax(longestCpuMs, cpu - cpuAtTick);
            if (stall > 30 && watched) {
                stalls.append({stall, int(cpu - cpuAtTick), watched->rowCount()});
            }
        }
        cpuAtTick = cpu;
        sinceTick.restart();
    });

    EntityMessagesView view(client.get(), QStringLiteral("bench"));
    view.resize(1400, 900);
    view.setSubView(EntityMessagesView::DeadLetter);
    MessageListModel* model = view.model(EntityMessagesView::DeadLetter);
    watched = model;
    PeekPager* pager = view.pager(EntityMessagesView::DeadLetter);
    pager->setLoadAllPageSize(parser.value(pageOption).toInt());
    model->cache().setBudget(parser.value(cacheOption).toLongLong() * 1024 * 1024);

    QElapsedTimer clock;
    clock.start();
    heartbeat.start();
    view.show();
    const bool firstPage = spinUntil([&] { return model->rowCount() > 0; }, 60000);
    const qint64 firstPageMs = clock.elapsed();

    clock.restart();
    pager->loadAll();
    const bool all =
        spinUntil([&] { return pager->atEnd() && model->pendingCount() == 0; }, 3600000);
    const qint64 loadAllMs = clock.elapsed();
    const qint64 loadStallMs = longestStallMs;
    heartbeat.stop();
    const double loadCpuMs = longestCpuMs;
    QList<std::tuple<qint64, int, int>> loadStalls = std::exchange(stalls, {});
    std::sort(loadStalls.begin(), loadStalls.end(), std::greater<>());
    QStringList worstStalls;
    for (const auto& [ms, cpu, rows] : loadStalls.mid(0, 5)) {
        worstStalls.append(
            QStringLiteral("%1 ms (%2 ms CPU) at %3 rows").arg(ms).arg(cpu).arg(rows));
    }
    const double rssAfter = rssMb();
#ifdef __GLIBC__
    malloc_trim(0);
#endif
    const double rssTrimmed = rssMb();

    // Sorting and filtering: above its threshold the proxy computes on a worker; timed until
    // the new rows are shown, with the longest GUI stall meanwhile (the heartbeat again).
    MessageFilterProxy* proxy = view.proxy();
    const int initialSort = proxy->sortColumn();
    struct Timing {
        qint64 doneMs = 0;
        qint64 stallMs = 0;
    };
    const auto timed = [&](const std::function<void()>& action) {
        longestStallMs = 0;
        sinceTick.invalidate();
        heartbeat.start();
        QElapsedTimer t;
        t.start();
        const qint64 before = t.elapsed();
        action();
        const qint64 blocked = t.elapsed() - before; // the call itself blocks the GUI
        spinUntil([&] { return !proxy->isBusy(); }, 600000);
        Timing timing{t.elapsed(), qMax(blocked, longestStallMs)};
        heartbeat.stop();
        return timing;
    };
    const Timing sortId =
        timed([&] { view.table()->sortByColumn(MessageListModel::MessageId, Qt::AscendingOrder); });
    const Timing sortTime = timed(
        [&] { view.table()->sortByColumn(MessageListModel::EnqueuedTime, Qt::DescendingOrder); });
    const Timing sortSeq = timed(
        [&] { view.table()->sortByColumn(MessageListModel::SequenceNumber, Qt::AscendingOrder); });
    const QString needle = QStringLiteral("bench-%1").arg(count / 2);
    const Timing filter = timed([&] { proxy->setTextFilter(needle); });
    const int matches = proxy->rowCount();
    const Timing unfilter = timed([&] { proxy->setTextFilter({}); });
    const Timing reason =
        timed([&] { proxy->setReasonFilter(QStringLiteral("ValidationFailed")); });
    const int reasonMatches = proxy->rowCount();
    const auto timingText = [](const Timing& timing) {
        return QStringLiteral("%1 ms to result, longest GUI stall %2 ms")
            .arg(timing.doneMs)
            .arg(timing.stallMs);
    };

    std::printf("| metric | value |\n|---|---|\n");
    std::printf("| messages | %d × %d B |\n", count, size);
    std::printf("| time to first page | %s |\n",
                firstPage ? qPrintable(QStringLiteral("%1 ms").arg(firstPageMs)) : "timed out");
    std::printf("| time to load all | %s |\n",
                all ? qPrintable(QStringLiteral("%1 s").arg(loadAllMs / 1000.0, 0, 'f', 1))
                    : "timed out");
    std::printf("| rows loaded | %d |\n", model->rowCount());
    std::printf("| load rate | %.0f msg/s |\n",
                loadAllMs > 0 ? model->rowCount() * 1000.0 / double(loadAllMs) : 0.0);
    std::printf("| longest GUI stall while loading | %lld ms |\n",
                static_cast<long long>(loadStallMs));
    std::printf("| most GUI-thread CPU between two 10 ms ticks while loading | %.1f ms |\n",
                loadCpuMs);
    std::printf("| GUI stalls over 30 ms while loading | %d%s%s |\n", int(loadStalls.size()),
                loadStalls.isEmpty() ? "" : ": ",
                qPrintable(worstStalls.join(QStringLiteral(", "))));
    std::printf("| RSS before view (emulator + seed) | %.0f MB |\n", rssBefore);
    std::printf("| RSS all loaded | %.0f MB |\n", rssAfter);
    std::printf("| RSS held by the view | %.0f MB (%.0f B/row, body cache %.0f MB) |\n",
                rssAfter - rssBefore,
                model->rowCount() > 0 ? (rssAfter - rssBefore) * 1024 * 1024 / model->rowCount()
                                      : 0.0,
                model->cache().bytesUsed() / (1024.0 * 1024.0));
    std::printf("| RSS all loaded, after malloc_trim | %.0f MB |\n", rssTrimmed);
    std::printf("| model's own count: rows + texts | %.1f MB (%d B a row + arena) |\n",
                model->rows().bytesHeld() / (1024.0 * 1024.0), int(sizeof(MessageRow)));
    std::printf("| initial sort column | %d |\n", initialSort);
    std::printf("| sort by message id | %s |\n", qPrintable(timingText(sortId)));
    std::printf("| sort by enqueued time, descending | %s |\n", qPrintable(timingText(sortTime)));
    std::printf("| sort by sequence number | %s |\n", qPrintable(timingText(sortSeq)));
    std::printf("| text filter \"%s\" (%d match) | %s |\n", qPrintable(needle), matches,
                qPrintable(timingText(filter)));
    std::printf("| clear the text filter | %s |\n", qPrintable(timingText(unfilter)));
    std::printf("| reason filter (%d match) | %s |\n", reasonMatches,
                qPrintable(timingText(reason)));
    client.reset();
    emulator.stop();
    return all && firstPage ? 0 : 1;
}
