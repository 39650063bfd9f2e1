#pragma once

#include "emulator/store/MessageStore.h"

#include <QObject>

#include <memory>

namespace busbar::emulator {

// The durable store: one SQLite database in WAL mode.
//
// Writes are queued on the broker's thread and handed, once per event-loop turn, to a
// dedicated writer thread, which applies every batch waiting for it in one transaction (group
// commit) and then reports durability back on the broker's thread. The broker never waits on
// the disk.
//
// synchronous=NORMAL: in WAL mode a COMMIT is in the operating system's hands when it returns,
// so a message reported durable survives the process being killed (kill -9, crash). Only a
// power loss or kernel crash can lose the last transactions before a checkpoint; FULL would
// close that gap at the price of an fsync per commit. Set `fullSync` to get it.
class SqliteMessageStore final : public QObject, public MessageStore {
    Q_OBJECT
public:
    struct Options {
        bool fullSync = false;
    };

    // Creates the parent directory and the database when missing; fails with a clear error
    // (permissions, not a database, ...). What the emulator's store factory should call.
    static Result<std::unique_ptr<SqliteMessageStore>> open(const QString& path, Options options);
    static Result<std::unique_ptr<SqliteMessageStore>> open(const QString& path) {
        return open(path, Options{});
    }

    // Opens (creating if needed) the database; check isOpen()/openError().
    explicit SqliteMessageStore(const QString& path, QObject* parent = nullptr);
    SqliteMessageStore(const QString& path, Options options, QObject* parent = nullptr);
    // Finishes every queued write before returning.
    ~SqliteMessageStore() override;

    [[nodiscard]] bool isOpen() const;
    [[nodiscard]] Error openError() const;

    Result<StoreSnapshot> load() override;
    [[nodiscard]] bool isPersistent() const override { return true; }

    void saveEntity(const StoredEntity& entity) override;
    void removeEntity(const QString& path) override;
    void insertMessage(const QString& entityPath, SubQueue subQueue, const StoredMessage& message,
                       const QByteArray& encoded) override;
    void updateMessage(const QString& entityPath, SubQueue subQueue,
                       const StoredMessage& message) override;
    void removeMessage(const QString& entityPath, SubQueue subQueue,
                       qint64 sequenceNumber) override;
    void saveSessionState(const QString& entityPath, const QString& sessionId,
                          const QByteArray& state) override;
    void saveSequenceCounter(const QString& entityPath, SubQueue subQueue,
                             qint64 reservedUpTo) override;
    void saveDuplicateId(const QString& entityPath, const QString& messageId,
                         qint64 seenAtMs) override;
    void pruneDuplicateIds(const QString& entityPath, qint64 olderThanMs) override;

    void whenDurable(std::function<void(VoidResult)> done) override;

    // How many transactions the writer committed (group commit: far fewer than writes).
    [[nodiscard]] qint64 commitCount() const;

private:
    class Writer;
    struct Op;
    void enqueue(Op op);
    void scheduleFlush();
    void flush();
    void completed(quint64 batchId, VoidResult result);

    std::unique_ptr<Writer> m_writer;
};

} // namespace busbar::emulator
