#pragma once

#include "core/admin/DescriptionExtras.h"
#include "core/admin/EntityDescriptions.h"
#include "ui/entities/EntityEditorBase.h"

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;

namespace busbar {

// Create or edit a topic: every property of TopicDescription, grouped, with defaults and
// limits; partitioning and duplicate detection are read-only when editing.
class TopicEditor final : public EntityEditorBase {
    Q_OBJECT
public:
    static TopicEditor* createNew(AdminClient* admin, QWidget* parent = nullptr);
    static TopicEditor* edit(AdminClient* admin, const QString& name, QWidget* parent = nullptr);

    TopicEditor(AdminClient* admin, Mode mode, QWidget* parent = nullptr);

    [[nodiscard]] TopicDescription description() const;
    void setDescription(const TopicDescription& topic);
    void load(const QString& name);

protected:
    [[nodiscard]] QStringList collectProblems() const override;
    void submit() override;
    void removeEntity() override;
    [[nodiscard]] QString entityName() const override;
    [[nodiscard]] QString entityKind() const override { return tr("topic"); }

private:
    [[nodiscard]] TopicDescription read(QStringList* problems) const;

    DescriptionExtras m_extras;
    QComboBox* m_status = nullptr;
    QLineEdit* m_userMetadata = nullptr;
    QLineEdit* m_ttl = nullptr;
    QSpinBox* m_maxSize = nullptr;
    QSpinBox* m_maxMessageSize = nullptr;
    QCheckBox* m_duplicateDetection = nullptr;
    QLineEdit* m_duplicateWindow = nullptr;
    QCheckBox* m_ordering = nullptr;
    QLineEdit* m_autoDeleteOnIdle = nullptr;
    QCheckBox* m_batched = nullptr;
    QCheckBox* m_partitioning = nullptr;
    QCheckBox* m_express = nullptr;
};

} // namespace busbar
