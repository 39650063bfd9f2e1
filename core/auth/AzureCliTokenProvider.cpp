#include "core/auth/AzureCliTokenProvider.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QThread>
#include <QTimer>

namespace busbar {

namespace {

Error cliError(ErrorCode code, QString message) {
    Error error = Error::make(code, std::move(message));
    error.condition = QStringLiteral("azure-cli");
    return error;
}

// The first meaningful line of az's stderr, short: it names the problem without the noise.
QString firstLine(const QByteArray& text) {
    const QStringList lines = QString::fromUtf8(text).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString& line : lines) {
        const QString trimmed = line.trimmed();
        if (!trimmed.isEmpty()) {
            return trimmed.left(300);
        }
    }
    return {};
}

} // namespace

AzureCliTokenProvider::AzureCliTokenProvider(QObject* parent)
    : QObject(parent)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); }) {}

AzureCliTokenProvider::~AzureCliTokenProvider() {
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(1000);
    }
    finish(
        fail(ErrorCode::Cancelled, QStringLiteral("The Azure CLI token request was cancelled.")));
}

QStringList AzureCliTokenProvider::arguments() {
    return {QStringLiteral("account"),    QStringLiteral("get-access-token"),
            QStringLiteral("--resource"), QStringLiteral("https://servicebus.azure.net"),
            QStringLiteral("--output"),   QStringLiteral("json")};
}

QFuture<Result<AccessToken>> AzureCliTokenProvider::token(const QString& /*audience*/) {
    auto promise = std::make_shared<Promise>();
    promise->start();
    QFuture<Result<AccessToken>> future = promise->future();
    if (QThread::currentThread() == thread()) {
        serve(std::move(promise));
    } else {
        // The process and the cache belong to this object's thread. Should the provider die
        // first, the dropped promise cancels the caller's future.
        QMetaObject::invokeMethod(
            this, [this, promise]() mutable { serve(std::move(promise)); }, Qt::QueuedConnection);
    }
    return future;
}

void AzureCliTokenProvider::serve(std::shared_ptr<Promise> promise) {
    if (m_cached && m_clock() < m_refreshAtMs) {
        promise->addResult(*m_cached);
        promise->finish();
        return;
    }
    m_waiting.append(std::move(promise));
    if (!m_process) {
        start();
    }
}

void AzureCliTokenProvider::start() {
    m_process = new QProcess(this);
    QProcess* process = m_process;
    auto* timer = new QTimer(process);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, this, [this, process] {
        if (m_process != process) {
            return;
        }
        m_process = nullptr;
        process->disconnect(this);
        process->kill();
        process->deleteLater();
        finish(fail(cliError(ErrorCode::Timeout,
                             QStringLiteral("The Azure CLI did not answer within %1 s.")
                                 .arg(static_cast<double>(m_timeout.count()) / 1000.0))));
    });
    connect(process, &QProcess::errorOccurred, this, [this, process](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart || m_process != process) {
            return; // crashes and exits are reported by finished()
        }
        m_process = nullptr;
        process->deleteLater();
        finish(fail(cliError(
            ErrorCode::Authentication,
            QStringLiteral("The Azure CLI (az) is not installed: install it or use a connection "
                           "string"))));
    });
    connect(process, &QProcess::finished, this,
            [this, process](int exitCode, QProcess::ExitStatus status) {
                if (m_process != process) {
                    return;
                }
                m_process = nullptr;
                process->deleteLater();
                const QByteArray output = process->readAllStandardOutput();
                const QByteArray errors = process->readAllStandardError();
                if (status != QProcess::NormalExit || exitCode != 0) {
                    const QString detail = firstLine(errors);
                    if (detail.contains(QLatin1String("az login"), Qt::CaseInsensitive)) {
                        finish(fail(cliError(
                            ErrorCode::Authentication,
                            QStringLiteral("The Azure CLI is not logged in: run `az login`"))));
                        return;
                    }
                    Error error = cliError(
                        ErrorCode::Authentication,
                        QStringLiteral("The Azure CLI could not get a token (exit code %1)%2")
                            .arg(exitCode)
                            .arg(detail.isEmpty() ? QString() : QStringLiteral(": ") + detail));
                    error.description = detail;
                    finish(fail(std::move(error)));
                    return;
                }
                const Result<AccessToken> token = parseOutput(output);
                if (token) {
                    const qint64 now = m_clock();
                    const qint64 lifetimeMs =
                        std::max<qint64>(0, token->expiresAtEpochSeconds * 1000 - now);
                    m_cached = *token;
                    m_refreshAtMs =
                        now + renewalDelay(std::chrono::milliseconds(lifetimeMs)).count();
                }
                finish(token);
            });
    timer->start(m_timeout);
    process->start(m_program, arguments(), QIODevice::ReadOnly);
}

void AzureCliTokenProvider::finish(const Result<AccessToken>& result) {
    const QList<std::shared_ptr<Promise>> waiting = std::exchange(m_waiting, {});
    for (const auto& promise : waiting) {
        promise->addResult(result);
        promise->finish();
    }
}

Result<AccessToken> AzureCliTokenProvider::parseOutput(const QByteArray& json) {
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        return fail(cliError(ErrorCode::Authentication,
                             QStringLiteral("The Azure CLI's answer is not the JSON expected "
                                            "from `az account get-access-token`.")));
    }
    const QJsonObject object = document.object();
    const QString accessToken = object.value(QLatin1String("accessToken")).toString();
    if (accessToken.isEmpty()) {
        return fail(cliError(ErrorCode::Authentication,
                             QStringLiteral("The Azure CLI's answer has no accessToken.")));
    }
    qint64 expiresAt = 0;
    const QJsonValue epoch = object.value(QLatin1String("expires_on"));
    if (epoch.isDouble()) {
        expiresAt = static_cast<qint64>(epoch.toDouble());
    } else if (epoch.isString()) {
        expiresAt = epoch.toString().toLongLong();
    }
    if (expiresAt <= 0) {
        // Older az versions: local time without a zone.
        QString text = object.value(QLatin1String("expiresOn")).toString();
        const qsizetype dot = text.indexOf(QLatin1Char('.'));
        if (dot >= 0) {
            text.truncate(dot);
        }
        const QDateTime local = QDateTime::fromString(text, QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        if (local.isValid()) {
            expiresAt = local.toSecsSinceEpoch();
        }
    }
    if (expiresAt <= 0) {
        return fail(cliError(ErrorCode::Authentication,
                             QStringLiteral("The Azure CLI's answer does not say when the token "
                                            "expires (expires_on or expiresOn).")));
    }
    return AccessToken{accessToken, QString(kJwtTokenType), expiresAt};
}

} // namespace busbar
