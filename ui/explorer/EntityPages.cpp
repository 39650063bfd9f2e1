#include "ui/explorer/EntityPages.h"

#include "ui/entities/QueueEditor.h"
#include "ui/entities/RuleEditor.h"
#include "ui/entities/SubscriptionEditor.h"
#include "ui/entities/TopicEditor.h"
#include "ui/messages/EntityMessagesView.h"
#include "ui/send/ComposeDialog.h"

namespace busbar {

QWidget* createEntityPage(ServiceBusClient* client, const QString& entityPath, QWidget* parent) {
    return new EntityMessagesView(client, entityPath, parent);
}

QDialog* createComposeDialog(ServiceBusClient* client, const QStringList& targets,
                             const QString& target, QWidget* parent) {
    auto* dialog = new ComposeDialog(client, targets, parent);
    if (!target.isEmpty()) {
        dialog->setTarget(target);
    }
    return dialog;
}

EntityEditorBase* createEntityEditor(AdminClient* admin, const EditorRequest& request,
                                     ConfirmationPrompt* confirmation, QWidget* parent) {
    using Kind = NamespaceTreeModel::NodeKind;
    EntityEditorBase* editor = nullptr;
    switch (request.kind) {
    case Kind::Queue:
        editor = request.create ? QueueEditor::createNew(admin, parent)
                                : QueueEditor::edit(admin, request.name, parent);
        break;
    case Kind::Topic:
        editor = request.create ? TopicEditor::createNew(admin, parent)
                                : TopicEditor::edit(admin, request.name, parent);
        break;
    case Kind::Subscription:
        editor = request.create
                     ? SubscriptionEditor::createNew(admin, request.topic, parent)
                     : SubscriptionEditor::edit(admin, request.topic, request.name, parent);
        break;
    case Kind::Rule:
        editor = request.create
                     ? RuleEditor::createNew(admin, request.topic, request.subscription, parent)
                     : RuleEditor::edit(admin, request.topic, request.subscription, request.name,
                                        parent);
        break;
    default:
        return nullptr;
    }
    editor->setConfirmationPrompt(confirmation);
    return editor;
}

} // namespace busbar
