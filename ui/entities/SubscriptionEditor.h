#pragma once

#include "core/admin/EntityDescriptions.h"
#include "ui/entities/DescriptionEditorBase.h"

namespace busbar {

// Create or edit a subscription of a topic: every property of SubscriptionDescription,
// grouped, with defaults and limits; sessions are read-only when editing. A new
// subscription gets the service's $Default (1=1) rule; edit rules with RuleEditor.
class SubscriptionEditor final : public DescriptionEditorBase {
    Q_OBJECT
public:
    static SubscriptionEditor* createNew(AdminClient* admin, const QString& topic,
                                         QWidget* parent = nullptr);
    static SubscriptionEditor* edit(AdminClient* admin, const QString& topic, const QString& name,
                                    QWidget* parent = nullptr);

    SubscriptionEditor(AdminClient* admin, Mode mode, const QString& topic,
                       QWidget* parent = nullptr);

    [[nodiscard]] SubscriptionDescription description() const;
    void setDescription(const SubscriptionDescription& subscription);
    void load(const QString& name);

protected:
    [[nodiscard]] QStringList collectProblems() const override;
    void submit() override;
    void removeEntity() override;
    [[nodiscard]] QString entityName() const override;
    [[nodiscard]] QString entityKind() const override { return tr("subscription"); }

private:
    [[nodiscard]] SubscriptionDescription read(QStringList* problems) const;

    QString m_topic;
    QCheckBox* m_deadLetterOnFilterErrors = nullptr;
};

} // namespace busbar
