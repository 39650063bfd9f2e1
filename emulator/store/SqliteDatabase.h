#pragma once

#include "emulator/store/MessageStore.h"

#include <QByteArray>
#include <QString>

#include <array>

struct sqlite3;
struct sqlite3_stmt;

namespace busbar::emulator {

// The broker fields of a message row; the AMQP message itself travels as encoded bytes.
struct MessageRow {
    qint64 sequenceNumber = 0;
    qint64 enqueueSequenceNumber = 0;
    qint64 enqueuedTimeMs = 0;
    qint64 expiresAtMs = 0;
    qint64 scheduledEnqueueTimeMs = 0;
    qint64 deliveryCount = 0;
    qint64 sizeInBytes = 0;
    int state = 0;
    QString sessionId;
    QString messageId;
    QString deadLetterSource;

    static MessageRow from(const StoredMessage& message);
};

// A thin layer over the SQLite C API: schema, pragmas and one prepared statement per write.
// Not thread-safe by itself: the store's writer thread is its only user after loading.
class SqliteDatabase {
public:
    SqliteDatabase() = default;
    ~SqliteDatabase();
    SqliteDatabase(const SqliteDatabase&) = delete;
    SqliteDatabase& operator=(const SqliteDatabase&) = delete;

    VoidResult open(const QString& path, bool fullSync);
    Result<StoreSnapshot> loadAll();

    VoidResult begin();
    VoidResult commit();
    void rollback();

    VoidResult saveEntity(const QString& path, int kind, const QByteArray& document);
    VoidResult removeEntity(const QString& path);
    VoidResult insertMessage(const QString& entity, int subQueue, const MessageRow& row,
                             const QByteArray& encoded);
    VoidResult updateMessage(const QString& entity, int subQueue, const MessageRow& row);
    VoidResult removeMessage(const QString& entity, int subQueue, qint64 sequenceNumber);
    VoidResult saveSessionState(const QString& entity, const QString& sessionId,
                                const QByteArray& state);
    VoidResult saveCounter(const QString& key, qint64 value);
    VoidResult saveDuplicate(const QString& entity, const QString& messageId, qint64 seenAtMs);
    VoidResult pruneDuplicates(const QString& entity, qint64 olderThanMs);

private:
    enum Statement {
        Begin,
        Commit,
        Rollback,
        SaveEntity,
        RemoveEntityRows,
        RemoveEntityMessages,
        RemoveEntityStates,
        RemoveEntityDuplicates,
        RemoveEntityCounters,
        InsertMessage,
        UpdateMessage,
        RemoveMessage,
        SaveSessionState,
        RemoveSessionState,
        SaveCounter,
        SaveDuplicate,
        PruneDuplicates,
        StatementCount
    };
    VoidResult exec(const char* sql);
    Result<sqlite3_stmt*> statement(Statement which);
    VoidResult step(sqlite3_stmt* stmt);
    [[nodiscard]] Error lastError(const QString& what) const;

    sqlite3* m_db = nullptr;
    std::array<sqlite3_stmt*, StatementCount> m_statements{};
};

} // namespace busbar::emulator
