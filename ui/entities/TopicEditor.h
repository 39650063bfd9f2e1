#pragma once

#include "core/admin/EntityDescriptions.h"
#include "ui/entities/DescriptionEditorBase.h"

namespace busbar {

// Create or edit a topic: every property of TopicDescription, grouped, with defaults and
// limits; partitioning and duplicate detection are read-only when editing.
class TopicEditor final : public DescriptionEditorBase {
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

    QCheckBox* m_ordering = nullptr;
};

} // namespace busbar
