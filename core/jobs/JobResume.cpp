#include "core/jobs/JobResume.h"

#include "core/jobs/ExportJob.h"
#include "core/jobs/ImportJob.h"
#include "core/jobs/JobOptionsJson.h"
#include "core/jobs/PurgeJob.h"
#include "core/jobs/ResubmitJob.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace busbar {

namespace {

QString tr(const char* text, const char* disambiguation = nullptr, int n = -1) {
    return QCoreApplication::translate("busbar::JobResume", text, disambiguation, n);
}

// Counts the steps of a JSON Lines journal; a torn last line is not counted.
void countJournal(const QString& path, JobResumePoint& point) {
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly)) {
        return;
    }
    point.journalFound = true;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine();
        const QJsonDocument doc = QJsonDocument::fromJson(line);
        if (!doc.isObject()) {
            continue;
        }
        const QString step = doc.object().value(QLatin1String("step")).toString();
        if (step == QLatin1String("sent")) {
            ++point.sent;
        } else if (step == QLatin1String("completed")) {
            ++point.completed;
        } else if (step == QLatin1String("failed")) {
            ++point.failed;
        }
    }
}

void countExported(const QString& path, JobResumePoint& point) {
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly)) {
        return;
    }
    point.journalFound = true;
    while (!file.atEnd()) {
        if (file.readLine().endsWith('\n')) {
            ++point.exported;
        }
    }
}

} // namespace

QString JobResumePoint::text(const QString& kind) const {
    if (kind == QLatin1String("purge")) {
        return tr("Purging deletes whatever is left.");
    }
    if (!journalFound) {
        return kind == QLatin1String("export") ? tr("The output file is missing; it starts over.")
                                               : tr("The journal is missing.");
    }
    if (kind == QLatin1String("export")) {
        return tr("%n message(s) written so far.", nullptr, int(exported));
    }
    if (kind == QLatin1String("import")) {
        return tr("%n message(s) sent so far.", nullptr, int(sent));
    }
    QString text = tr("%n message(s) sent", nullptr, int(sent)) + QStringLiteral(", ") +
                   tr("%n removed from the source", nullptr, int(completed));
    if (failed > 0) {
        text += QStringLiteral(", ") + tr("%n failed", nullptr, int(failed));
    }
    return text + QLatin1Char('.');
}

JobResumePoint readResumePoint(const JobDescription& description) {
    JobResumePoint point;
    if (description.kind == QLatin1String("export")) {
        const QString output = !description.outputPath.isEmpty()
                                   ? description.outputPath
                                   : exportOptionsFromJson(description.options).outputPath;
        countExported(output, point);
    } else {
        countJournal(description.journalPath, point);
    }
    return point;
}

Result<Job*> recreateJob(const JobDescription& description, ServiceBusClient* source,
                         ServiceBusClient* target) {
    if (source == nullptr) {
        return fail(ErrorCode::InvalidInput, tr("The job's namespace is not open."));
    }
    const QString& kind = description.kind;
    if (kind == QLatin1String("resubmit")) {
        if (!QFileInfo::exists(description.journalPath)) {
            return fail(ErrorCode::InvalidInput,
                        tr("The journal of this job is missing, so it cannot be resumed "
                           "without risking duplicates."));
        }
        // The journal's definition wins over the options given (ResubmitJob resumes).
        Result<ResubmitOptions> options = ResubmitJob::optionsFromJournal(description.journalPath);
        if (!options) {
            return std::unexpected(options.error());
        }
        return new ResubmitJob(source, target != nullptr ? target : source, *options,
                               description.journalPath);
    }
    if (kind == QLatin1String("import")) {
        ImportOptions options = importOptionsFromJson(description.options);
        if (options.inputPath.isEmpty()) {
            options.inputPath = description.outputPath;
        }
        return new ImportJob(source, options, description.journalPath);
    }
    if (kind == QLatin1String("export")) {
        ExportOptions options = exportOptionsFromJson(description.options);
        if (!description.outputPath.isEmpty()) {
            options.outputPath = description.outputPath;
        }
        return new ExportJob(source, options);
    }
    if (kind == QLatin1String("purge")) {
        return new PurgeJob(source, purgeOptionsFromJson(description.options));
    }
    return fail(ErrorCode::InvalidInput, tr("Busbar does not know jobs of kind \"%1\".").arg(kind));
}

} // namespace busbar
