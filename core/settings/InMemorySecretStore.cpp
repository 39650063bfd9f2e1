#include "core/settings/InMemorySecretStore.h"

#include <QMutexLocker>
#include <QPromise>

namespace busbar {

namespace {

template <typename T>
QFuture<T> finished(T value) {
    QPromise<T> promise;
    promise.start();
    promise.addResult(std::move(value));
    promise.finish();
    return promise.future();
}

Error unavailable() {
    return Error::make(ErrorCode::NotSupported,
                       QStringLiteral("No secret store is available in this session."));
}

Error emptyId() {
    return Error::make(ErrorCode::InvalidInput, QStringLiteral("A secret needs an id."));
}

} // namespace

bool InMemorySecretStore::isAvailable() const {
    const QMutexLocker lock(&m_mutex);
    return m_available;
}

void InMemorySecretStore::setAvailable(bool available) {
    const QMutexLocker lock(&m_mutex);
    m_available = available;
}

qsizetype InMemorySecretStore::size() const {
    const QMutexLocker lock(&m_mutex);
    return m_secrets.size();
}

QFuture<Result<QString>> InMemorySecretStore::readSecret(const QString& id) {
    const QMutexLocker lock(&m_mutex);
    if (!m_available) {
        return finished<Result<QString>>(fail(unavailable()));
    }
    const auto it = m_secrets.constFind(id);
    if (it == m_secrets.cend()) {
        return finished<Result<QString>>(
            fail(ErrorCode::EntityNotFound, QStringLiteral("No secret is stored for this "
                                                           "connection.")));
    }
    return finished<Result<QString>>(*it);
}

QFuture<VoidResult> InMemorySecretStore::writeSecret(const QString& id, const QString& secret) {
    const QMutexLocker lock(&m_mutex);
    if (!m_available) {
        return finished<VoidResult>(fail(unavailable()));
    }
    if (id.isEmpty()) {
        return finished<VoidResult>(fail(emptyId()));
    }
    m_secrets.insert(id, secret);
    return finished<VoidResult>({});
}

QFuture<VoidResult> InMemorySecretStore::removeSecret(const QString& id) {
    const QMutexLocker lock(&m_mutex);
    if (!m_available) {
        return finished<VoidResult>(fail(unavailable()));
    }
    m_secrets.remove(id);
    return finished<VoidResult>({});
}

} // namespace busbar
