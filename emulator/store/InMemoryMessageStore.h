#pragma once

#include "emulator/store/MessageStore.h"

#include <QObject>

#include <vector>

namespace busbar::emulator {

// `--in-memory`: nothing is written anywhere; the broker's memory is the only copy. Durability
// callbacks still arrive on a later event-loop turn, batched, as with a persistent store, so the
// broker behaves the same whichever store it runs on.
class InMemoryMessageStore final : public QObject, public MessageStore {
    Q_OBJECT
public:
    explicit InMemoryMessageStore(QObject* parent = nullptr);
    ~InMemoryMessageStore() override;

    Result<StoreSnapshot> load() override;
    [[nodiscard]] bool isPersistent() const override { return false; }

    void saveEntity(const StoredEntity&) override {}
    void removeEntity(const QString&) override {}
    void insertMessage(const QString&, SubQueue, const StoredMessage&, const QByteArray&) override {
    }
    void updateMessage(const QString&, SubQueue, const StoredMessage&) override {}
    void removeMessage(const QString&, SubQueue, qint64) override {}
    void saveSessionState(const QString&, const QString&, const QByteArray&) override {}
    void saveSequenceCounter(const QString&, SubQueue, qint64) override {}
    void saveDuplicateId(const QString&, const QString&, qint64) override {}
    void pruneDuplicateIds(const QString&, qint64) override {}

    void whenDurable(std::function<void(VoidResult)> done) override;

private:
    void flush();

    std::vector<std::function<void(VoidResult)>> m_pending;
    bool m_flushScheduled = false;
};

} // namespace busbar::emulator
