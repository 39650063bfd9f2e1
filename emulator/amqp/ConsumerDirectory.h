#pragma once

#include "emulator/broker/Broker.h"

#include <QHash>
#include <QObject>
#include <QPointer>

namespace busbar::emulator {

class EntityReceiveLink;

// Routes one broker's consumer signals to the receive links that registered the consumers,
// so a signal costs a hash lookup per consumer, not a scan of every connection.
class ConsumerDirectory final : public QObject {
    Q_OBJECT
public:
    explicit ConsumerDirectory(Broker* broker, QObject* parent = nullptr);

    void add(Broker::ConsumerId id, EntityReceiveLink* link);
    void remove(Broker::ConsumerId id);

private:
    void onMessagesAvailable(const QList<Broker::ConsumerId>& consumers);
    void onSessionLockLost(Broker::ConsumerId consumer);
    void onEntityDeleted(const QString& entityPath);

    QHash<Broker::ConsumerId, QPointer<EntityReceiveLink>> m_links;
};

} // namespace busbar::emulator
