#include "bench/jobs/BenchProbes.h"

#include <QDir>
#include <QFile>
#include <QStringList>

namespace busbar::bench {

QHash<QString, double> cpuByThread() {
    QHash<QString, double> cpu;
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString& tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(tid + QStringLiteral("/comm")));
        QFile stat(tasks.filePath(tid + QStringLiteral("/stat")));
        if (!comm.open(QIODevice::ReadOnly) || !stat.open(QIODevice::ReadOnly)) {
            continue;
        }
        const QByteArray line = stat.readAll();
        // Fields after the ")" that ends the name: state is field 3, utime 14, stime 15.
        const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 12) {
            cpu[QString::fromUtf8(comm.readAll().trimmed())] +=
                double(fields[11].toLongLong() + fields[12].toLongLong()) / 100.0;
        }
    }
    return cpu;
}

QString cpuDelta(const QHash<QString, double>& before, const QHash<QString, double>& after) {
    QStringList parts;
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        const double used = it.value() - before.value(it.key());
        if (used >= 0.05) {
            parts.append(QStringLiteral("%1 %2 s").arg(it.key()).arg(used, 0, 'f', 2));
        }
    }
    parts.sort();
    return parts.join(QLatin1String(", "));
}

} // namespace busbar::bench
