#pragma once

#include <QHashFunctions>
#include <QString>
#include <QUuid>

namespace busbar {

// Identifies a lock the client holds: a message lock by its lock token, or a session lock by
// its session id, each within an entity path ("orders", "events/Subscriptions/audit").
struct LockKey {
    enum class Kind { Message, Session };

    Kind kind = Kind::Message;
    QUuid lockToken;   // Kind::Message
    QString sessionId; // Kind::Session
    QString entityPath;

    [[nodiscard]] static LockKey message(const QUuid& lockToken, const QString& entityPath) {
        return LockKey{Kind::Message, lockToken, {}, entityPath};
    }
    [[nodiscard]] static LockKey session(const QString& sessionId, const QString& entityPath) {
        return LockKey{Kind::Session, {}, sessionId, entityPath};
    }

    friend bool operator==(const LockKey&, const LockKey&) = default;
};

inline size_t qHash(const LockKey& key, size_t seed = 0) noexcept {
    return qHashMulti(seed, static_cast<int>(key.kind), key.lockToken, key.sessionId,
                      key.entityPath);
}

} // namespace busbar
