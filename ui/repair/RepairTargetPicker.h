#pragma once

#include <QList>
#include <QPointer>
#include <QWidget>

class QComboBox;

namespace busbar {

class NamespaceSession;

// Where repaired messages go: a namespace among the open ones (the source's first) and a
// queue or topic in it. The entity box is editable and starts on the default target; the
// namespace's queues and topics fill its list once the management client has read them.
class RepairTargetPicker final : public QWidget {
    Q_OBJECT
public:
    RepairTargetPicker(const QList<NamespaceSession*>& sessions, NamespaceSession* source,
                       const QString& defaultEntity, QWidget* parent = nullptr);

    // Null when the chosen namespace was closed meanwhile.
    [[nodiscard]] NamespaceSession* targetSession() const;
    [[nodiscard]] QString targetEntity() const;
    [[nodiscard]] QString describe() const; // "orders" or "orders in prod"
    void setTarget(NamespaceSession* session, const QString& entity);

Q_SIGNALS:
    void changed();

private:
    void listEntities();

    QList<QPointer<NamespaceSession>> m_sessions;
    QPointer<NamespaceSession> m_source;
    QString m_defaultEntity;
    QComboBox* m_namespace = nullptr;
    QComboBox* m_entity = nullptr;
};

} // namespace busbar
