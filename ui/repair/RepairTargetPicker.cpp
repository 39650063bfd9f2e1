#include "ui/repair/RepairTargetPicker.h"

#include "core/admin/AdminClient.h"
#include "core/servicebus/WhenFinished.h"
#include "ui/explorer/NamespaceSession.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLineEdit>

namespace busbar {

RepairTargetPicker::RepairTargetPicker(const QList<NamespaceSession*>& sessions,
                                       NamespaceSession* source, const QString& defaultEntity,
                                       QWidget* parent)
    : QWidget(parent)
    , m_source(source)
    , m_defaultEntity(defaultEntity) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_namespace = new QComboBox(this);
    m_namespace->setObjectName(QStringLiteral("repairTargetNamespace"));
    m_namespace->setAccessibleName(tr("Target namespace"));
    m_entity = new QComboBox(this);
    m_entity->setObjectName(QStringLiteral("repairTargetEntity"));
    m_entity->setAccessibleName(tr("Target queue or topic"));
    m_entity->setEditable(true);
    m_entity->setInsertPolicy(QComboBox::NoInsert);
    m_entity->setMinimumContentsLength(24);
    layout->addWidget(m_namespace);
    layout->addWidget(m_entity, 1);

    // The source first: repairing into the namespace the messages came from is the usual case.
    if (source != nullptr) {
        m_sessions.append(source);
    }
    for (NamespaceSession* session : sessions) {
        if (session != nullptr && session != source) {
            m_sessions.append(session);
        }
    }
    for (const QPointer<NamespaceSession>& session : std::as_const(m_sessions)) {
        m_namespace->addItem(session->name());
    }
    m_entity->setEditText(defaultEntity);

    connect(m_namespace, &QComboBox::currentIndexChanged, this, [this] {
        listEntities();
        Q_EMIT changed();
    });
    connect(m_entity, &QComboBox::editTextChanged, this, &RepairTargetPicker::changed);
    listEntities();
}

NamespaceSession* RepairTargetPicker::targetSession() const {
    return m_sessions.value(m_namespace->currentIndex());
}

QString RepairTargetPicker::targetEntity() const {
    return m_entity->currentText().trimmed();
}

QString RepairTargetPicker::describe() const {
    const NamespaceSession* target = targetSession();
    if (target == nullptr || target == m_source) {
        return targetEntity();
    }
    return tr("%1 in %2").arg(targetEntity(), target->name());
}

void RepairTargetPicker::setTarget(NamespaceSession* session, const QString& entity) {
    for (qsizetype i = 0; i < m_sessions.size(); ++i) {
        if (m_sessions[i] == session) {
            m_namespace->setCurrentIndex(int(i));
        }
    }
    m_entity->setEditText(entity);
}

void RepairTargetPicker::listEntities() {
    NamespaceSession* session = targetSession();
    const QString typed = m_entity->currentText();
    {
        const QSignalBlocker blocker(m_entity);
        m_entity->clear();
        m_entity->setEditText(typed);
    }
    if (session == nullptr || session->admin() == nullptr) {
        return;
    }
    const QPointer<NamespaceSession> asked(session);
    const auto add = [this, asked](const QStringList& names) {
        if (asked != targetSession()) {
            return; // the user picked another namespace meanwhile
        }
        const QSignalBlocker blocker(m_entity);
        const QString keep = m_entity->currentText();
        for (const QString& name : names) {
            if (m_entity->findText(name) < 0) {
                m_entity->addItem(name);
            }
        }
        m_entity->setEditText(keep);
    };
    whenFinished(session->admin()->listQueues(), this,
                 [add](const Result<QList<AtomItem<QueueDescription>>>& queues) {
                     QStringList names;
                     for (const auto& queue :
                          queues.value_or(QList<AtomItem<QueueDescription>>{})) {
                         names.append(queue.title.isEmpty() ? queue.description.name : queue.title);
                     }
                     add(names);
                 });
    whenFinished(session->admin()->listTopics(), this,
                 [add](const Result<QList<AtomItem<TopicDescription>>>& topics) {
                     QStringList names;
                     for (const auto& topic :
                          topics.value_or(QList<AtomItem<TopicDescription>>{})) {
                         names.append(topic.title.isEmpty() ? topic.description.name : topic.title);
                     }
                     add(names);
                 });
}

} // namespace busbar
