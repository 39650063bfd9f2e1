#include "core/jobs/JobJournal.h"

#include <QJsonDocument>

namespace busbar {

VoidResult JobJournal::open(const QString& path) {
    m_entries.clear();
    m_file.setFileName(path);
    if (m_file.exists()) {
        if (!m_file.open(QIODevice::ReadOnly)) {
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("Cannot read the job journal %1: %2")
                            .arg(path, m_file.errorString()));
        }
        while (!m_file.atEnd()) {
            const QByteArray line = m_file.readLine().trimmed();
            if (line.isEmpty()) {
                continue;
            }
            const QJsonDocument doc = QJsonDocument::fromJson(line);
            if (doc.isObject()) {
                m_entries.append(doc.object());
            }
        }
        m_file.close();
    }
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append)) {
        return fail(
            ErrorCode::InvalidInput,
            QStringLiteral("Cannot write the job journal %1: %2").arg(path, m_file.errorString()));
    }
    // A torn last line has no newline: start ours on a fresh line so it stays readable.
    if (m_file.size() > 0) {
        QFile reader(path);
        if (reader.open(QIODevice::ReadOnly) && reader.seek(reader.size() - 1) &&
            reader.read(1) != "\n") {
            m_file.write("\n");
            m_file.flush();
        }
    }
    return {};
}

QJsonObject JobJournal::definition() const {
    for (const QJsonObject& entry : m_entries) {
        if (entry.value(QLatin1String("step")).toString() == QLatin1String("definition")) {
            return entry;
        }
    }
    return {};
}

VoidResult JobJournal::writeDefinition(QJsonObject definition) {
    definition.insert(QStringLiteral("step"), QStringLiteral("definition"));
    if (auto written = append(definition); !written) {
        return written;
    }
    m_entries.append(definition);
    return {};
}

VoidResult JobJournal::writeStep(const QString& step, qint64 sequenceNumber,
                                 const QString& messageId) {
    QJsonObject line{{QStringLiteral("step"), step}, {QStringLiteral("seq"), sequenceNumber}};
    if (!messageId.isEmpty()) {
        line.insert(QStringLiteral("id"), messageId);
    }
    return append(line);
}

VoidResult JobJournal::append(const QJsonObject& line) {
    if (!m_file.isOpen()) {
        return fail(ErrorCode::Internal, QStringLiteral("The job journal is not open."));
    }
    QByteArray bytes = QJsonDocument(line).toJson(QJsonDocument::Compact);
    bytes.append('\n');
    if (m_file.write(bytes) != bytes.size() || !m_file.flush()) {
        return fail(ErrorCode::Internal, QStringLiteral("Cannot write the job journal %1: %2")
                                             .arg(m_file.fileName(), m_file.errorString()));
    }
    return {};
}

} // namespace busbar
