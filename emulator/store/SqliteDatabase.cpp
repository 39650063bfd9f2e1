#include "emulator/store/SqliteDatabase.h"

#include <sqlite3.h>

namespace busbar::emulator {

namespace {

const char* const kSchema = R"sql(
CREATE TABLE IF NOT EXISTS entities(path TEXT PRIMARY KEY, kind INTEGER NOT NULL, document BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS messages(
  entity TEXT NOT NULL, subqueue INTEGER NOT NULL, seq INTEGER NOT NULL,
  state INTEGER NOT NULL, enqueued INTEGER NOT NULL, expires INTEGER NOT NULL, scheduled INTEGER NOT NULL,
  delivery_count INTEGER NOT NULL, size INTEGER NOT NULL, session_id TEXT, message_id TEXT,
  enqueue_seq INTEGER NOT NULL, dl_source TEXT, body BLOB NOT NULL,
  PRIMARY KEY(entity, subqueue, seq));
CREATE TABLE IF NOT EXISTS session_states(entity TEXT NOT NULL, session_id TEXT NOT NULL, state BLOB NOT NULL,
  PRIMARY KEY(entity, session_id));
CREATE TABLE IF NOT EXISTS counters(key TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS duplicates(entity TEXT NOT NULL, message_id TEXT NOT NULL, seen INTEGER NOT NULL,
  PRIMARY KEY(entity, message_id));
)sql";

// Sub-entities of a topic are "<topic>/Subscriptions/<name>": matched by prefix with substr,
// not LIKE, whose wildcards and case folding would catch unrelated names.
const char* const kSql[] = {
    "BEGIN",
    "COMMIT",
    "ROLLBACK",
    "INSERT OR REPLACE INTO entities(path, kind, document) VALUES(?1, ?2, ?3)",
    "DELETE FROM entities WHERE path = ?1 OR substr(path, 1, length(?2)) = ?2",
    "DELETE FROM messages WHERE entity = ?1 OR substr(entity, 1, length(?2)) = ?2",
    "DELETE FROM session_states WHERE entity = ?1 OR substr(entity, 1, length(?2)) = ?2",
    "DELETE FROM duplicates WHERE entity = ?1 OR substr(entity, 1, length(?2)) = ?2",
    "DELETE FROM counters WHERE substr(key, 1, length(?1)) = ?1 OR substr(key, 1, length(?2)) = ?2",
    "INSERT OR REPLACE INTO messages(entity, subqueue, seq, state, enqueued, expires, scheduled, "
    "delivery_count, "
    "size, session_id, message_id, enqueue_seq, dl_source, body) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    "UPDATE messages SET state = ?4, enqueued = ?5, expires = ?6, scheduled = ?7, delivery_count = "
    "?8 "
    "WHERE entity = ?1 AND subqueue = ?2 AND seq = ?3",
    "DELETE FROM messages WHERE entity = ?1 AND subqueue = ?2 AND seq = ?3",
    "INSERT OR REPLACE INTO session_states(entity, session_id, state) VALUES(?1, ?2, ?3)",
    "DELETE FROM session_states WHERE entity = ?1 AND session_id = ?2",
    "INSERT OR REPLACE INTO counters(key, value) VALUES(?1, ?2)",
    "INSERT OR REPLACE INTO duplicates(entity, message_id, seen) VALUES(?1, ?2, ?3)",
    "DELETE FROM duplicates WHERE entity = ?1 AND seen < ?2",
};

void bindText(sqlite3_stmt* stmt, int index, const QString& text) {
    if (text.isNull()) {
        sqlite3_bind_null(stmt, index);
        return;
    }
    const QByteArray utf8 = text.toUtf8();
    sqlite3_bind_text(stmt, index, utf8.constData(), static_cast<int>(utf8.size()),
                      SQLITE_TRANSIENT);
}

void bindBlob(sqlite3_stmt* stmt, int index, const QByteArray& bytes) {
    // A zero-length blob, not NULL, for empty bytes (NOT NULL columns).
    sqlite3_bind_blob(stmt, index, bytes.isEmpty() ? "" : bytes.constData(),
                      static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
}

QString columnText(sqlite3_stmt* stmt, int column) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, column));
    return text ? QString::fromUtf8(text, sqlite3_column_bytes(stmt, column)) : QString();
}

QByteArray columnBlob(sqlite3_stmt* stmt, int column) {
    const void* data = sqlite3_column_blob(stmt, column);
    return data ? QByteArray(static_cast<const char*>(data), sqlite3_column_bytes(stmt, column))
                : QByteArray();
}

QString subEntityPrefix(const QString& path) {
    return path + QStringLiteral("/Subscriptions/");
}

} // namespace

MessageRow MessageRow::from(const StoredMessage& m) {
    MessageRow row;
    row.sequenceNumber = m.sequenceNumber;
    row.enqueueSequenceNumber = m.enqueueSequenceNumber;
    row.enqueuedTimeMs = m.enqueuedTimeMs;
    row.expiresAtMs = m.expiresAtMs;
    row.scheduledEnqueueTimeMs = m.scheduledEnqueueTimeMs;
    row.deliveryCount = m.deliveryCount;
    row.sizeInBytes = m.sizeInBytes;
    row.state = static_cast<int>(m.state);
    row.sessionId = m.sessionId;
    row.messageId = m.messageIdText;
    row.deadLetterSource = m.deadLetterSource;
    return row;
}

SqliteDatabase::~SqliteDatabase() {
    for (sqlite3_stmt* stmt : m_statements) {
        sqlite3_finalize(stmt);
    }
    if (m_db) {
        sqlite3_close(m_db);
    }
}

Error SqliteDatabase::lastError(const QString& what) const {
    Error e =
        Error::make(ErrorCode::Internal,
                    QStringLiteral("The message store failed to %1: %2")
                        .arg(what, QString::fromUtf8(m_db ? sqlite3_errmsg(m_db) : "no database")));
    e.condition = QStringLiteral("amqp:internal-error");
    return e;
}

VoidResult SqliteDatabase::exec(const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        Error e = lastError(QStringLiteral("run \"%1\"").arg(QString::fromUtf8(sql).left(60)));
        sqlite3_free(message);
        return fail(e);
    }
    return {};
}

VoidResult SqliteDatabase::open(const QString& path, bool fullSync) {
    const QByteArray file = path.toUtf8();
    if (sqlite3_open_v2(file.constData(), &m_db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        nullptr) != SQLITE_OK) {
        return fail(lastError(QStringLiteral("open %1").arg(path)));
    }
    sqlite3_busy_timeout(m_db, 5000);
    for (const char* pragma : {"PRAGMA journal_mode=WAL",
                               fullSync ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL",
                               "PRAGMA foreign_keys=OFF"}) {
        if (auto ok = exec(pragma); !ok) {
            return ok;
        }
    }
    return exec(kSchema);
}

Result<sqlite3_stmt*> SqliteDatabase::statement(Statement which) {
    sqlite3_stmt*& stmt = m_statements[which];
    if (!stmt && sqlite3_prepare_v3(m_db, kSql[which], -1, SQLITE_PREPARE_PERSISTENT, &stmt,
                                    nullptr) != SQLITE_OK) {
        return fail(lastError(QStringLiteral("prepare a statement")));
    }
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    return stmt;
}

VoidResult SqliteDatabase::step(sqlite3_stmt* stmt) {
    const int rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        return fail(lastError(QStringLiteral("write")));
    }
    return {};
}

VoidResult SqliteDatabase::begin() {
    auto stmt = statement(Begin);
    return stmt ? step(*stmt) : VoidResult(fail(stmt.error()));
}

VoidResult SqliteDatabase::commit() {
    auto stmt = statement(Commit);
    return stmt ? step(*stmt) : VoidResult(fail(stmt.error()));
}

void SqliteDatabase::rollback() {
    if (auto stmt = statement(Rollback)) {
        (void)step(*stmt);
    }
}

VoidResult SqliteDatabase::saveEntity(const QString& path, int kind, const QByteArray& document) {
    auto stmt = statement(SaveEntity);
    if (!stmt) {
        return fail(stmt.error());
    }
    bindText(*stmt, 1, path);
    sqlite3_bind_int(*stmt, 2, kind);
    bindBlob(*stmt, 3, document);
    return step(*stmt);
}

VoidResult SqliteDatabase::removeEntity(const QString& path) {
    for (Statement which :
         {RemoveEntityRows, RemoveEntityMessages, RemoveEntityStates, RemoveEntityDuplicates}) {
        auto stmt = statement(which);
        if (!stmt) {
            return fail(stmt.error());
        }
        bindText(*stmt, 1, path);
        bindText(*stmt, 2, subEntityPrefix(path));
        if (auto ok = step(*stmt); !ok) {
            return ok;
        }
    }
    auto stmt = statement(RemoveEntityCounters);
    if (!stmt) {
        return fail(stmt.error());
    }
    bindText(*stmt, 1, path.toLower() + QLatin1Char('|'));
    bindText(*stmt, 2, subEntityPrefix(path).toLower());
    return step(*stmt);
}

VoidResult SqliteDatabase::insertMessage(const QString& entity, int subQueue, const MessageRow& row,
                                         const QByteArray& encoded) {
    auto stmt = statement(InsertMessage);
    if (!stmt) {
        return fail(stmt.error());
    }
    sqlite3_stmt* s = *stmt;
    bindText(s, 1, entity);
    sqlite3_bind_int(s, 2, subQueue);
    sqlite3_bind_int64(s, 3, row.sequenceNumber);
    sqlite3_bind_int(s, 4, row.state);
    sqlite3_bind_int64(s, 5, row.enqueuedTimeMs);
    sqlite3_bind_int64(s, 6, row.expiresAtMs);
    sqlite3_bind_int64(s, 7, row.scheduledEnqueueTimeMs);
    sqlite3_bind_int64(s, 8, row.deliveryCount);
    sqlite3_bind_int64(s, 9, row.sizeInBytes);
    bindText(s, 10, row.sessionId);
    bindText(s, 11, row.messageId);
    sqlite3_bind_int64(s, 12, row.enqueueSequenceNumber);
    bindText(s, 13, row.deadLetterSource);
    bindBlob(s, 14, encoded);
    return step(s);
}

VoidResult SqliteDatabase::updateMessage(const QString& entity, int subQueue,
                                         const MessageRow& row) {
    auto stmt = statement(UpdateMessage);
    if (!stmt) {
        return fail(stmt.error());
    }
    sqlite3_stmt* s = *stmt;
    bindText(s, 1, entity);
    sqlite3_bind_int(s, 2, subQueue);
    sqlite3_bind_int64(s, 3, row.sequenceNumber);
    sqlite3_bind_int(s, 4, row.state);
    sqlite3_bind_int64(s, 5, row.enqueuedTimeMs);
    sqlite3_bind_int64(s, 6, row.expiresAtMs);
    sqlite3_bind_int64(s, 7, row.scheduledEnqueueTimeMs);
    sqlite3_bind_int64(s, 8, row.deliveryCount);
    return step(s);
}

VoidResult SqliteDatabase::removeMessage(const QString& entity, int subQueue,
                                         qint64 sequenceNumber) {
    auto stmt = statement(RemoveMessage);
    if (!stmt) {
        return fail(stmt.error());
    }
    bindText(*stmt, 1, entity);
    sqlite3_bind_int(*stmt, 2, subQueue);
    sqlite3_bind_int64(*stmt, 3, sequenceNumber);
    return step(*stmt);
}

VoidResult SqliteDatabase::saveSessionState(const QString& entity, const QString& sessionId,
                                            const QByteArray& state) {
    auto stmt = statement(state.isEmpty() ? RemoveSessionState : SaveSessionState);
    if (!stmt) {
        return fail(stmt.error());
    }
    bindText(*stmt, 1, entity);
    bindText(*stmt, 2, sessionId);
    if (!state.isEmpty()) {
        bindBlob(*stmt, 3, state);
    }
    return step(*stmt);
}

VoidResult SqliteDatabase::saveCounter(const QString& key, qint64 value) {
    auto stmt = statement(SaveCounter);
    if (!stmt) {
        return fail(stmt.error());
    }
    bindText(*stmt, 1, key);
    sqlite3_bind_int64(*stmt, 2, value);
    return step(*stmt);
}

VoidResult SqliteDatabase::saveDuplicate(const QString& entity, const QString& messageId,
                                         qint64 seenAtMs) {
    auto stmt = statement(SaveDuplicate);
    if (!stmt) {
        return fail(stmt.error());
    }
    bindText(*stmt, 1, entity);
    bindText(*stmt, 2, messageId);
    sqlite3_bind_int64(*stmt, 3, seenAtMs);
    return step(*stmt);
}

VoidResult SqliteDatabase::pruneDuplicates(const QString& entity, qint64 olderThanMs) {
    auto stmt = statement(PruneDuplicates);
    if (!stmt) {
        return fail(stmt.error());
    }
    bindText(*stmt, 1, entity);
    sqlite3_bind_int64(*stmt, 2, olderThanMs);
    return step(*stmt);
}

Result<StoreSnapshot> SqliteDatabase::loadAll() {
    StoreSnapshot snapshot;
    auto query = [this](const char* sql,
                        const std::function<void(sqlite3_stmt*)>& row) -> VoidResult {
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(m_db, sql, -1, &stmt, nullptr) != SQLITE_OK) {
            return fail(lastError(QStringLiteral("read")));
        }
        int rc = SQLITE_ROW;
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
            row(stmt);
        }
        sqlite3_finalize(stmt);
        if (rc != SQLITE_DONE) {
            return fail(lastError(QStringLiteral("read")));
        }
        return {};
    };
    VoidResult ok = query("SELECT path, kind, document FROM entities", [&](sqlite3_stmt* s) {
        StoredEntity entity;
        entity.path = columnText(s, 0);
        entity.kind = static_cast<StoredEntity::Kind>(sqlite3_column_int(s, 1));
        entity.document = columnBlob(s, 2);
        snapshot.entities.append(entity);
    });
    if (ok) {
        ok = query("SELECT entity, subqueue, seq, state, enqueued, expires, scheduled, "
                   "delivery_count, size, "
                   "session_id, message_id, enqueue_seq, dl_source, body FROM messages ORDER BY "
                   "entity, subqueue, seq",
                   [&](sqlite3_stmt* s) {
                       RecoveredMessage m;
                       m.entityPath = columnText(s, 0);
                       m.subQueue = static_cast<SubQueue>(sqlite3_column_int(s, 1));
                       StoredMessage& stored = m.message;
                       stored.sequenceNumber = sqlite3_column_int64(s, 2);
                       stored.state = static_cast<MessageState>(sqlite3_column_int(s, 3));
                       stored.enqueuedTimeMs = sqlite3_column_int64(s, 4);
                       stored.expiresAtMs = sqlite3_column_int64(s, 5);
                       stored.scheduledEnqueueTimeMs = sqlite3_column_int64(s, 6);
                       stored.deliveryCount = static_cast<quint32>(sqlite3_column_int64(s, 7));
                       stored.sizeInBytes = sqlite3_column_int64(s, 8);
                       stored.sessionId = columnText(s, 9);
                       stored.messageIdText = columnText(s, 10);
                       stored.enqueueSequenceNumber = sqlite3_column_int64(s, 11);
                       stored.deadLetterSource = columnText(s, 12);
                       m.encoded = columnBlob(s, 13);
                       snapshot.messages.append(std::move(m));
                   });
    }
    if (ok) {
        ok = query("SELECT entity, session_id, state FROM session_states", [&](sqlite3_stmt* s) {
            snapshot.sessionStates.append(
                StoredSessionState{columnText(s, 0), columnText(s, 1), columnBlob(s, 2)});
        });
    }
    if (ok) {
        ok = query("SELECT key, value FROM counters", [&](sqlite3_stmt* s) {
            snapshot.sequenceCounters.insert(columnText(s, 0), sqlite3_column_int64(s, 1));
        });
    }
    if (ok) {
        ok = query("SELECT entity, message_id, seen FROM duplicates", [&](sqlite3_stmt* s) {
            snapshot.duplicateIds.append(
                StoredDuplicateId{columnText(s, 0), columnText(s, 1), sqlite3_column_int64(s, 2)});
        });
    }
    if (!ok) {
        return fail(ok.error());
    }
    return snapshot;
}

} // namespace busbar::emulator
