#pragma once

#include "ui/send/ComposeForm.h"
#include "ui/send/ComposeTemplates.h"

#include <QWidget>

#include <functional>

class QComboBox;

namespace busbar {

// The compose dialog's template row: pick or type a name, load it, save the current form
// under it, delete it. Errors and confirmations go out as signals for the dialog to show
// inline.
class ComposeTemplatesBar final : public QWidget {
    Q_OBJECT
public:
    // `currentForm` gives what Save stores.
    ComposeTemplatesBar(std::function<ComposeForm()> currentForm, QWidget* parent = nullptr);

    void setTemplates(const ComposeTemplates& templates);
    void reload();

Q_SIGNALS:
    void loadRequested(const busbar::ComposeForm& form, const QString& name);
    void saved(const QString& name);
    void problem(const QString& message);

private:
    void load();
    void save();
    void remove();

    std::function<ComposeForm()> m_currentForm;
    ComposeTemplates m_templates;
    QComboBox* m_names = nullptr;
};

} // namespace busbar
