#pragma once

#include "core/admin/DescriptionExtras.h"
#include "core/admin/EntityDescriptions.h"
#include "ui/entities/EntityEditorBase.h"

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;

namespace busbar {

// Create or edit a queue: every property of QueueDescription, grouped, with the service's
// defaults and limits. Properties the service fixes at creation (sessions, partitioning,
// duplicate detection) are read-only when editing.
class QueueEditor final : public EntityEditorBase {
    Q_OBJECT
public:
    // The dialogs delete themselves on close (WA_DeleteOnClose); show() them.
    static QueueEditor* createNew(AdminClient* admin, QWidget* parent = nullptr);
    // Loads the queue first; fields are disabled and Save is off until it came (loaded() or
    // failed()).
    static QueueEditor* edit(AdminClient* admin, const QString& name, QWidget* parent = nullptr);

    QueueEditor(AdminClient* admin, Mode mode, QWidget* parent = nullptr);

    [[nodiscard]] QueueDescription description() const;
    void setDescription(const QueueDescription& queue);
    void load(const QString& name);

protected:
    [[nodiscard]] QStringList collectProblems() const override;
    void submit() override;
    void removeEntity() override;
    [[nodiscard]] QString entityName() const override;
    [[nodiscard]] QString entityKind() const override { return tr("queue"); }

private:
    [[nodiscard]] QueueDescription read(QStringList* problems) const;

    DescriptionExtras m_extras;
    QComboBox* m_status = nullptr;
    QLineEdit* m_userMetadata = nullptr;
    QLineEdit* m_ttl = nullptr;
    QSpinBox* m_maxSize = nullptr;
    QSpinBox* m_maxMessageSize = nullptr;
    QCheckBox* m_deadLetterOnExpiry = nullptr;
    QCheckBox* m_duplicateDetection = nullptr;
    QLineEdit* m_duplicateWindow = nullptr;
    QLineEdit* m_lockDuration = nullptr;
    QSpinBox* m_maxDeliveryCount = nullptr;
    QCheckBox* m_requiresSession = nullptr;
    QLineEdit* m_forwardTo = nullptr;
    QLineEdit* m_forwardDeadLetteredTo = nullptr;
    QLineEdit* m_autoDeleteOnIdle = nullptr;
    QCheckBox* m_batched = nullptr;
    QCheckBox* m_partitioning = nullptr;
    QCheckBox* m_express = nullptr;
};

} // namespace busbar
