#include "core/jobs/ExportJob.h"

#include "core/jobs/MessageJsonCodec.h"
#include "core/servicebus/WhenFinished.h"

#include <QJsonDocument>

namespace busbar {

ExportJob::ExportJob(ServiceBusClient* client, ExportOptions options, QObject* parent)
    : Job(parent)
    , m_client(client)
    , m_options(std::move(options)) {}

void ExportJob::prepare() {
    Result<MessageMatcher> matcher = MessageMatcher::create(m_options.selection);
    if (!matcher) {
        failJob(matcher.error());
        return;
    }
    m_matcher = std::move(*matcher);
    setTotal(m_matcher->knownCount());

    // Keep the complete lines of an earlier run; continue after the last one.
    QByteArray kept;
    qint64 lines = 0;
    m_file.setFileName(m_options.outputPath);
    if (m_file.exists() && m_file.open(QIODevice::ReadOnly)) {
        while (!m_file.atEnd()) {
            const QByteArray line = m_file.readLine();
            const QJsonDocument doc = QJsonDocument::fromJson(line);
            if (!line.endsWith('\n') || !doc.isObject()) {
                break;
            }
            kept += line;
            ++lines;
            m_next = std::max(m_next,
                              doc.object().value(QLatin1String("sequenceNumber")).toInteger() + 1);
        }
        m_file.close();
    }
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        m_file.write(kept) != kept.size() || !m_file.flush()) {
        failJob(Error::make(
            ErrorCode::InvalidInput,
            QStringLiteral("Cannot write %1: %2").arg(m_options.outputPath, m_file.errorString())));
        return;
    }
    if (lines > 0 && m_matcher->isExplicit()) {
        setTotal(m_matcher->knownCount() - lines);
    }
    stepFinished();
}

void ExportJob::step() {
    whenFinished(
        m_client->peek(m_options.entity, m_options.subQueue, m_next,
                       std::max(1, m_options.pageSize)),
        this, [this](const Result<ServiceBusClient::Messages>& page) {
            if (!page) {
                failJob(page.error());
                return;
            }
            if (page->isEmpty()) {
                m_file.close();
                setTotal(progress().done);
                completeJob();
                return;
            }
            QByteArray lines;
            QList<const ServiceBusMessage*> written;
            for (const ServiceBusMessage& m : *page) {
                if (m_matcher->matches(m)) {
                    lines +=
                        QJsonDocument(MessageJsonCodec::encode(m)).toJson(QJsonDocument::Compact);
                    lines += '\n';
                    written.append(&m);
                }
            }
            if (m_file.write(lines) != lines.size() || !m_file.flush()) {
                failJob(Error::make(ErrorCode::Internal,
                                    QStringLiteral("Cannot write %1: %2")
                                        .arg(m_options.outputPath, m_file.errorString())));
                return;
            }
            for (const ServiceBusMessage* m : written) {
                record(m->sequenceNumber, m->messageId(), JobOutcome::Exported);
            }
            m_next = page->last().sequenceNumber + 1;
            stepFinished();
        });
}

} // namespace busbar
