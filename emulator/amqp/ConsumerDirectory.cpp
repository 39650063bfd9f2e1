#include "emulator/amqp/ConsumerDirectory.h"

#include "emulator/amqp/EntityReceiveLink.h"

namespace busbar::emulator {

ConsumerDirectory::ConsumerDirectory(Broker* broker, QObject* parent)
    : QObject(parent) {
    connect(broker, &Broker::messagesAvailable, this, &ConsumerDirectory::onMessagesAvailable);
    connect(broker, &Broker::sessionLockLost, this, &ConsumerDirectory::onSessionLockLost);
    connect(broker, &Broker::entityDeleted, this, &ConsumerDirectory::onEntityDeleted);
}

void ConsumerDirectory::add(Broker::ConsumerId id, EntityReceiveLink* link) {
    m_links.insert(id, link);
}

void ConsumerDirectory::remove(Broker::ConsumerId id) {
    m_links.remove(id);
}

void ConsumerDirectory::onMessagesAvailable(const QList<Broker::ConsumerId>& consumers) {
    for (Broker::ConsumerId id : consumers) {
        if (EntityReceiveLink* link = m_links.value(id)) {
            link->pump();
        }
    }
}

void ConsumerDirectory::onSessionLockLost(Broker::ConsumerId consumer) {
    if (EntityReceiveLink* link = m_links.value(consumer)) {
        link->detachWithError(
            QStringLiteral("com.microsoft:session-lock-lost"),
            QStringLiteral("The session lock has expired on the MessageSession. Accept a new "
                           "MessageSession."));
    }
}

void ConsumerDirectory::onEntityDeleted(const QString& entityPath) {
    const auto links = m_links.values();
    for (const QPointer<EntityReceiveLink>& link : links) {
        if (link && (link->entity().entityPath.compare(entityPath, Qt::CaseInsensitive) == 0 ||
                     link->entity().entityPath.startsWith(entityPath + QLatin1Char('/'),
                                                          Qt::CaseInsensitive))) {
            link->detachWithError(
                QStringLiteral("amqp:not-found"),
                QStringLiteral("The messaging entity '%1' could not be found.").arg(entityPath));
        }
    }
}

} // namespace busbar::emulator
