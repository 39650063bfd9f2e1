#include "emulator/store/SqliteMessageStore.h"

#include "emulator/store/SqliteDatabase.h"

#include <QDir>
#include <QFileInfo>
#include <QMetaObject>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

namespace busbar::emulator {

struct SqliteMessageStore::Op {
    enum class Kind {
        SaveEntity,
        RemoveEntity,
        InsertMessage,
        UpdateMessage,
        RemoveMessage,
        SaveSessionState,
        SaveCounter,
        SaveDuplicate,
        PruneDuplicates
    };
    Kind kind = Kind::SaveEntity;
    QString path;
    int subQueue = 0;
    qint64 number = 0; // sequence number, counter value, time
    int entityKind = 0;
    QString text; // session id, message id
    QByteArray bytes;
    MessageRow row;
};

// Owns the connection and the thread that writes through it.
class SqliteMessageStore::Writer {
public:
    Writer(SqliteMessageStore* front, const QString& path, bool fullSync)
        : m_front(front) {
        m_open = m_db.open(path, fullSync);
        if (m_open) {
            m_thread = std::thread([this] { run(); });
        }
    }

    ~Writer() {
        {
            std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_wake.notify_one();
        if (m_thread.joinable()) {
            m_thread.join();
        }
    }

    void submit(quint64 batchId, std::vector<Op> ops) {
        {
            std::lock_guard lock(m_mutex);
            m_queue.push_back(Job{batchId, std::move(ops)});
        }
        m_wake.notify_one();
    }

    SqliteDatabase& database() { return m_db; }
    [[nodiscard]] const VoidResult& openResult() const { return m_open; }
    std::atomic<qint64> commits{0};
    std::unordered_map<quint64, std::vector<std::function<void(VoidResult)>>>
        callbacks;                                                 // broker thread only
    std::vector<Op> pending;                                       // broker thread only
    std::vector<std::function<void(VoidResult)>> pendingCallbacks; // broker thread only
    quint64 nextBatchId = 1;
    bool flushScheduled = false;

private:
    struct Job {
        quint64 id = 0;
        std::vector<Op> ops;
    };

    void run() {
        for (;;) {
            std::deque<Job> jobs;
            {
                std::unique_lock lock(m_mutex);
                m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
                if (m_queue.empty()) {
                    return; // stopping, and everything is written
                }
                jobs.swap(m_queue);
            }
            // Every batch that queued up while the last commit ran goes into one transaction.
            const VoidResult result = apply(jobs);
            commits.fetch_add(1);
            for (const Job& job : jobs) {
                const quint64 id = job.id;
                QMetaObject::invokeMethod(
                    m_front, [front = m_front, id, result] { front->completed(id, result); },
                    Qt::QueuedConnection);
            }
        }
    }

    VoidResult apply(const std::deque<Job>& jobs) {
        if (auto begun = m_db.begin(); !begun) {
            return begun;
        }
        for (const Job& job : jobs) {
            for (const Op& op : job.ops) {
                if (auto done = applyOne(op); !done) {
                    m_db.rollback();
                    return done;
                }
            }
        }
        return m_db.commit();
    }

    VoidResult applyOne(const Op& op) {
        switch (op.kind) {
        case Op::Kind::SaveEntity:
            return m_db.saveEntity(op.path, op.entityKind, op.bytes);
        case Op::Kind::RemoveEntity:
            return m_db.removeEntity(op.path);
        case Op::Kind::InsertMessage:
            return m_db.insertMessage(op.path, op.subQueue, op.row, op.bytes);
        case Op::Kind::UpdateMessage:
            return m_db.updateMessage(op.path, op.subQueue, op.row);
        case Op::Kind::RemoveMessage:
            return m_db.removeMessage(op.path, op.subQueue, op.number);
        case Op::Kind::SaveSessionState:
            return m_db.saveSessionState(op.path, op.text, op.bytes);
        case Op::Kind::SaveCounter:
            return m_db.saveCounter(op.text, op.number);
        case Op::Kind::SaveDuplicate:
            return m_db.saveDuplicate(op.path, op.text, op.number);
        case Op::Kind::PruneDuplicates:
            return m_db.pruneDuplicates(op.path, op.number);
        }
        return {};
    }

    SqliteMessageStore* m_front;
    SqliteDatabase m_db;
    VoidResult m_open;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Job> m_queue;
    bool m_stopping = false;
};

SqliteMessageStore::SqliteMessageStore(const QString& path, QObject* parent)
    : SqliteMessageStore(path, Options{}, parent) {}

SqliteMessageStore::SqliteMessageStore(const QString& path, Options options, QObject* parent)
    : QObject(parent)
    , m_writer(std::make_unique<Writer>(this, path, options.fullSync)) {}

SqliteMessageStore::~SqliteMessageStore() {
    flush();
    m_writer.reset(); // drains the queue, then joins
}

Result<std::unique_ptr<SqliteMessageStore>> SqliteMessageStore::open(const QString& path,
                                                                     Options options) {
    const QString directory = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(directory)) {
        return fail(ErrorCode::Internal,
                    QStringLiteral("Could not create the store directory %1.").arg(directory));
    }
    auto store = std::make_unique<SqliteMessageStore>(path, options);
    if (!store->isOpen()) {
        return fail(store->openError());
    }
    return store;
}

bool SqliteMessageStore::isOpen() const {
    return m_writer->openResult().has_value();
}

Error SqliteMessageStore::openError() const {
    return isOpen() ? Error{} : m_writer->openResult().error();
}

qint64 SqliteMessageStore::commitCount() const {
    return m_writer->commits.load();
}

Result<StoreSnapshot> SqliteMessageStore::load() {
    if (!isOpen()) {
        return fail(openError());
    }
    // The writer is idle until the first write, which comes after loading.
    return m_writer->database().loadAll();
}

void SqliteMessageStore::enqueue(Op op) {
    m_writer->pending.push_back(std::move(op));
    scheduleFlush();
}

void SqliteMessageStore::scheduleFlush() {
    if (!m_writer->flushScheduled) {
        m_writer->flushScheduled = true;
        QMetaObject::invokeMethod(this, &SqliteMessageStore::flush, Qt::QueuedConnection);
    }
}

void SqliteMessageStore::flush() {
    m_writer->flushScheduled = false;
    if (m_writer->pending.empty() && m_writer->pendingCallbacks.empty()) {
        return;
    }
    const quint64 id = m_writer->nextBatchId++;
    if (!m_writer->pendingCallbacks.empty()) {
        m_writer->callbacks[id] = std::move(m_writer->pendingCallbacks);
        m_writer->pendingCallbacks.clear();
    }
    if (!isOpen()) {
        const VoidResult failed = fail(openError());
        QMetaObject::invokeMethod(
            this, [this, id, failed] { completed(id, failed); }, Qt::QueuedConnection);
        m_writer->pending.clear();
        return;
    }
    m_writer->submit(id, std::move(m_writer->pending));
    m_writer->pending.clear();
}

void SqliteMessageStore::completed(quint64 batchId, VoidResult result) {
    const auto it = m_writer->callbacks.find(batchId);
    if (it == m_writer->callbacks.end()) {
        return;
    }
    auto callbacks = std::move(it->second);
    m_writer->callbacks.erase(it);
    for (auto& callback : callbacks) {
        callback(result);
    }
}

void SqliteMessageStore::whenDurable(std::function<void(VoidResult)> done) {
    m_writer->pendingCallbacks.push_back(std::move(done));
    scheduleFlush();
}

void SqliteMessageStore::saveEntity(const StoredEntity& entity) {
    Op op;
    op.kind = Op::Kind::SaveEntity;
    op.path = entity.path;
    op.entityKind = static_cast<int>(entity.kind);
    op.bytes = entity.document;
    enqueue(std::move(op));
}

void SqliteMessageStore::removeEntity(const QString& path) {
    Op op;
    op.kind = Op::Kind::RemoveEntity;
    op.path = path;
    enqueue(std::move(op));
}

void SqliteMessageStore::insertMessage(const QString& entityPath, SubQueue subQueue,
                                       const StoredMessage& message, const QByteArray& encoded) {
    Op op;
    op.kind = Op::Kind::InsertMessage;
    op.path = entityPath;
    op.subQueue = static_cast<int>(subQueue);
    op.row = MessageRow::from(message);
    op.bytes = encoded;
    enqueue(std::move(op));
}

void SqliteMessageStore::updateMessage(const QString& entityPath, SubQueue subQueue,
                                       const StoredMessage& message) {
    Op op;
    op.kind = Op::Kind::UpdateMessage;
    op.path = entityPath;
    op.subQueue = static_cast<int>(subQueue);
    op.row = MessageRow::from(message);
    enqueue(std::move(op));
}

void SqliteMessageStore::removeMessage(const QString& entityPath, SubQueue subQueue,
                                       qint64 sequenceNumber) {
    Op op;
    op.kind = Op::Kind::RemoveMessage;
    op.path = entityPath;
    op.subQueue = static_cast<int>(subQueue);
    op.number = sequenceNumber;
    enqueue(std::move(op));
}

void SqliteMessageStore::saveSessionState(const QString& entityPath, const QString& sessionId,
                                          const QByteArray& state) {
    Op op;
    op.kind = Op::Kind::SaveSessionState;
    op.path = entityPath;
    op.text = sessionId;
    op.bytes = state;
    enqueue(std::move(op));
}

void SqliteMessageStore::saveSequenceCounter(const QString& entityPath, SubQueue subQueue,
                                             qint64 reservedUpTo) {
    Op op;
    op.kind = Op::Kind::SaveCounter;
    op.text = sequenceCounterKey(entityPath, subQueue);
    op.number = reservedUpTo;
    enqueue(std::move(op));
}

void SqliteMessageStore::saveDuplicateId(const QString& entityPath, const QString& messageId,
                                         qint64 seenAtMs) {
    Op op;
    op.kind = Op::Kind::SaveDuplicate;
    op.path = entityPath;
    op.text = messageId;
    op.number = seenAtMs;
    enqueue(std::move(op));
}

void SqliteMessageStore::pruneDuplicateIds(const QString& entityPath, qint64 olderThanMs) {
    Op op;
    op.kind = Op::Kind::PruneDuplicates;
    op.path = entityPath;
    op.number = olderThanMs;
    enqueue(std::move(op));
}

} // namespace busbar::emulator
