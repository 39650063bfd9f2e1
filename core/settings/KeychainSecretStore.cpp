#include "core/settings/KeychainSecretStore.h"

#include <QPromise>
#include <qt6keychain/keychain.h>

#include <memory>

namespace busbar {

namespace {

// Keychain error strings name the backend and the failure, never the stored data.
Error toError(const QKeychain::Job& job) {
    switch (job.error()) {
    case QKeychain::NoError:
        break;
    case QKeychain::EntryNotFound:
        return Error::make(ErrorCode::EntityNotFound,
                           QStringLiteral("No secret is stored for this connection."));
    case QKeychain::AccessDeniedByUser:
        return Error::make(ErrorCode::Cancelled,
                           QStringLiteral("Access to the system keychain was declined."));
    case QKeychain::AccessDenied:
        return Error::make(
            ErrorCode::Authorization,
            QStringLiteral("The system keychain denied access: %1").arg(job.errorString()));
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return Error::make(
            ErrorCode::NotSupported,
            QStringLiteral("No system keychain is available: %1").arg(job.errorString()));
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
        break;
    }
    return Error::make(ErrorCode::Internal,
                       QStringLiteral("The system keychain failed (%1). On Linux a Secret Service "
                                      "such as GNOME Keyring or KWallet must be running.")
                           .arg(job.errorString()));
}

// Whether the outcome shows that secrets cannot be stored here. A write failing for any reason
// but the user's refusal counts: on Linux without a Secret Service, QtKeychain 0.13 reports a
// bare OtherError rather than NoBackendAvailable.
bool showsNoUsableKeychain(const QKeychain::Job& job) {
    switch (job.error()) {
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return true;
    case QKeychain::OtherError:
    case QKeychain::AccessDenied:
        return qobject_cast<const QKeychain::WritePasswordJob*>(&job) != nullptr;
    case QKeychain::NoError:
    case QKeychain::EntryNotFound:
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::AccessDeniedByUser:
        return false;
    }
    return false;
}

// Runs `job`, resolving the returned future with `onFinished(job)` when it ends.
template <typename T, typename Job, typename OnFinished>
QFuture<T> run(Job* job, const QString& id, std::shared_ptr<std::atomic<bool>> backendMissing,
               OnFinished onFinished) {
    auto promise = std::make_shared<QPromise<T>>();
    promise->start();
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(id);
    QObject::connect(job, &QKeychain::Job::finished, job,
                     [promise, backendMissing, onFinished](QKeychain::Job* finishedJob) {
                         if (showsNoUsableKeychain(*finishedJob)) {
                             backendMissing->store(true);
                         }
                         promise->addResult(onFinished(*static_cast<Job*>(finishedJob)));
                         promise->finish();
                     });
    job->start();
    return promise->future();
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QString service)
    : m_service(std::move(service))
    , m_backendMissing(std::make_shared<std::atomic<bool>>(false)) {}

bool KeychainSecretStore::isAvailable() const {
    return !m_backendMissing->load();
}

QFuture<Result<QString>> KeychainSecretStore::readSecret(const QString& id) {
    auto* job = new QKeychain::ReadPasswordJob(m_service);
    return run<Result<QString>>(job, id, m_backendMissing,
                                [](const QKeychain::ReadPasswordJob& done) -> Result<QString> {
                                    if (done.error() != QKeychain::NoError) {
                                        return fail(toError(done));
                                    }
                                    return done.textData();
                                });
}

QFuture<VoidResult> KeychainSecretStore::writeSecret(const QString& id, const QString& secret) {
    if (id.isEmpty()) {
        QPromise<VoidResult> promise;
        promise.start();
        promise.addResult(fail(ErrorCode::InvalidInput, QStringLiteral("A secret needs an id.")));
        promise.finish();
        return promise.future();
    }
    auto* job = new QKeychain::WritePasswordJob(m_service);
    job->setTextData(secret);
    return run<VoidResult>(job, id, m_backendMissing,
                           [](const QKeychain::WritePasswordJob& done) -> VoidResult {
                               if (done.error() != QKeychain::NoError) {
                                   return fail(toError(done));
                               }
                               return {};
                           });
}

QFuture<VoidResult> KeychainSecretStore::removeSecret(const QString& id) {
    auto* job = new QKeychain::DeletePasswordJob(m_service);
    return run<VoidResult>(
        job, id, m_backendMissing, [](const QKeychain::DeletePasswordJob& done) -> VoidResult {
            // Nothing to remove is what the caller wanted.
            if (done.error() != QKeychain::NoError && done.error() != QKeychain::EntryNotFound) {
                return fail(toError(done));
            }
            return {};
        });
}

} // namespace busbar
