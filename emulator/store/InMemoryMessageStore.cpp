#include "emulator/store/InMemoryMessageStore.h"

#include <QMetaObject>

namespace busbar::emulator {

InMemoryMessageStore::InMemoryMessageStore(QObject* parent)
    : QObject(parent) {}

InMemoryMessageStore::~InMemoryMessageStore() = default;

Result<StoreSnapshot> InMemoryMessageStore::load() {
    return StoreSnapshot{};
}

void InMemoryMessageStore::whenDurable(std::function<void(VoidResult)> done) {
    m_pending.push_back(std::move(done));
    if (!m_flushScheduled) {
        m_flushScheduled = true;
        QMetaObject::invokeMethod(this, &InMemoryMessageStore::flush, Qt::QueuedConnection);
    }
}

void InMemoryMessageStore::flush() {
    m_flushScheduled = false;
    auto callbacks = std::move(m_pending);
    m_pending.clear();
    for (auto& callback : callbacks) {
        callback(VoidResult{});
    }
}

} // namespace busbar::emulator
