#pragma once

#include <QString>

class QWidget;

namespace busbar {

// What a destructive action asks the user before it runs.
struct ConfirmationRequest {
    QString title;        // "Purge orders?"
    QString text;         // what will happen, with counts
    QString details;      // optional: what cannot be undone, which subqueues
    QString confirmLabel; // the verb on the button: "Purge", "Delete"
    // When set, the user must type this exactly (the entity name) to confirm.
    QString typedConfirmation;
};

// The seam between destructive actions and the modal box that confirms them, so GUI tests
// can pre-answer instead of driving a nested event loop.
class ConfirmationPrompt {
public:
    ConfirmationPrompt() = default;
    virtual ~ConfirmationPrompt() = default;
    ConfirmationPrompt(const ConfirmationPrompt&) = delete;
    ConfirmationPrompt& operator=(const ConfirmationPrompt&) = delete;

    // True only when the user confirmed; blocks in a modal dialog in the real implementation.
    [[nodiscard]] virtual bool confirm(QWidget* parent, const ConfirmationRequest& request) = 0;
};

} // namespace busbar
