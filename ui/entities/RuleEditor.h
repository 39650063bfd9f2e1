#pragma once

#include "core/admin/EntityDescriptions.h"
#include "ui/entities/EntityEditorBase.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QStackedWidget;

namespace busbar {

class ApplicationPropertiesTable;

// Create or edit a rule of a subscription: a SQL filter, a correlation filter (every field
// and typed properties), true or false, and an optional SQL action. SQL is parsed with the
// core's parser as it is typed, and the error (with its position) shows under the editor.
class RuleEditor final : public EntityEditorBase {
    Q_OBJECT
public:
    static RuleEditor* createNew(AdminClient* admin, const QString& topic,
                                 const QString& subscription, QWidget* parent = nullptr);
    static RuleEditor* edit(AdminClient* admin, const QString& topic, const QString& subscription,
                            const QString& name, QWidget* parent = nullptr);

    RuleEditor(AdminClient* admin, Mode mode, const QString& topic, const QString& subscription,
               QWidget* parent = nullptr);

    [[nodiscard]] RuleDescription description() const;
    void setDescription(const RuleDescription& rule);
    void load(const QString& name);

protected:
    [[nodiscard]] QStringList collectProblems() const override;
    void submit() override;
    void removeEntity() override;
    [[nodiscard]] QString entityName() const override;
    [[nodiscard]] QString entityKind() const override { return tr("rule"); }
    // The SQL errors, with their position, under the filter and action editors.
    void refreshInlineErrors() override;

private:
    [[nodiscard]] RuleDescription read(QStringList* problems) const;

    QString m_topic;
    QString m_subscription;
    // @parameters of a loaded rule: not edited here, but kept so an update does not drop them.
    QVariantMap m_filterParameters;
    QVariantMap m_actionParameters;
    QComboBox* m_filterKind = nullptr;
    QStackedWidget* m_filterPages = nullptr;
    QPlainTextEdit* m_sql = nullptr;
    QLabel* m_sqlError = nullptr;
    QLineEdit* m_correlationId = nullptr;
    QLineEdit* m_messageId = nullptr;
    QLineEdit* m_to = nullptr;
    QLineEdit* m_replyTo = nullptr;
    QLineEdit* m_label = nullptr;
    QLineEdit* m_sessionId = nullptr;
    QLineEdit* m_replyToSessionId = nullptr;
    QLineEdit* m_contentType = nullptr;
    ApplicationPropertiesTable* m_properties = nullptr;
    QPlainTextEdit* m_action = nullptr;
    QLabel* m_actionError = nullptr;
};

} // namespace busbar
