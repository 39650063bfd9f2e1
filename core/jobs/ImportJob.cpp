#include "core/jobs/ImportJob.h"

#include "core/jobs/MessageJsonCodec.h"
#include "core/servicebus/WhenFinished.h"

#include <QJsonDocument>

namespace busbar {

ImportJob::ImportJob(ServiceBusClient* client, ImportOptions options, QString journalPath,
                     QObject* parent)
    : Job(parent)
    , m_client(client)
    , m_options(std::move(options))
    , m_journalPath(std::move(journalPath)) {}

void ImportJob::prepare() {
    if (auto opened = m_journal.open(m_journalPath); !opened) {
        failJob(opened.error());
        return;
    }
    if (m_journal.definition().isEmpty()) {
        const QJsonObject definition{{QStringLiteral("kind"), QStringLiteral("import")},
                                     {QStringLiteral("inputPath"), m_options.inputPath},
                                     {QStringLiteral("targetEntity"), m_options.targetEntity}};
        if (auto written = m_journal.writeDefinition(definition); !written) {
            failJob(written.error());
            return;
        }
    } else {
        m_options.inputPath = m_journal.definition().value(QLatin1String("inputPath")).toString();
        m_options.targetEntity =
            m_journal.definition().value(QLatin1String("targetEntity")).toString();
    }
    for (const QJsonObject& entry : m_journal.entries()) {
        if (entry.value(QLatin1String("step")).toString() == QLatin1String("sent")) {
            m_sentLines.insert(entry.value(QLatin1String("seq")).toInteger());
        }
    }
    m_input.setFileName(m_options.inputPath);
    if (!m_input.open(QIODevice::ReadOnly)) {
        failJob(Error::make(
            ErrorCode::InvalidInput,
            QStringLiteral("Cannot read %1: %2").arg(m_options.inputPath, m_input.errorString())));
        return;
    }
    qint64 lines = 0;
    while (!m_input.atEnd()) {
        if (!m_input.readLine().trimmed().isEmpty()) {
            ++lines;
        }
    }
    m_input.seek(0);
    setTotal(lines - m_sentLines.size());
    stepFinished();
}

void ImportJob::step() {
    QList<OutgoingMessage> chunk;
    QList<qint64> lineNumbers;
    while (chunk.size() < std::max(1, m_options.sendChunk) && !m_input.atEnd()) {
        const QByteArray line = m_input.readLine().trimmed();
        if (line.isEmpty()) {
            continue;
        }
        const qint64 number = ++m_lineNumber;
        if (m_sentLines.contains(number)) {
            continue;
        }
        QJsonParseError parseError{};
        const QJsonDocument doc = QJsonDocument::fromJson(line, &parseError);
        Result<AmqpMessage> message =
            doc.isObject()
                ? MessageJsonCodec::decode(doc.object())
                : Result<AmqpMessage>(fail(ErrorCode::InvalidInput, parseError.errorString()));
        if (!message) {
            record(number, {}, JobOutcome::Failed,
                   QStringLiteral("Line %1: %2").arg(number).arg(message.error().message));
            continue;
        }
        chunk.append(OutgoingMessage::fromAmqp(*message));
        lineNumbers.append(number);
    }
    if (chunk.isEmpty()) {
        completeJob();
        return;
    }
    whenFinished(m_client->send(m_options.targetEntity, chunk), this,
                 [this, chunk, lineNumbers](const VoidResult& sent) {
                     if (!sent) {
                         failJob(sent.error()); // resumable: the journal has what went
                         return;
                     }
                     for (qsizetype i = 0; i < chunk.size(); ++i) {
                         if (auto written = m_journal.writeStep(QStringLiteral("sent"),
                                                                lineNumbers[i], chunk[i].messageId);
                             !written) {
                             failJob(written.error());
                             return;
                         }
                         m_sentLines.insert(lineNumbers[i]);
                         record(lineNumbers[i], chunk[i].messageId, JobOutcome::Imported);
                     }
                     stepFinished();
                 });
}

} // namespace busbar
