#pragma once

#include "core/admin/EntityDescriptions.h"
#include "ui/entities/DescriptionEditorBase.h"

namespace busbar {

// Create or edit a queue: every property of QueueDescription, grouped, with the service's
// defaults and limits. Properties the service fixes at creation (sessions, partitioning,
// duplicate detection) are read-only when editing.
class QueueEditor final : public DescriptionEditorBase {
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
};

} // namespace busbar
