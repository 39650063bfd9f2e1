#pragma once

#include "ui/widgets/ConfirmationPrompt.h"

#include <QCoreApplication>

namespace busbar {

// Asks with a warning QMessageBox whose default button is Cancel, or with a text prompt when
// the request names a word the user must type.
class MessageBoxConfirmationPrompt final : public ConfirmationPrompt {
    Q_DECLARE_TR_FUNCTIONS(MessageBoxConfirmationPrompt)
public:
    [[nodiscard]] bool confirm(QWidget* parent, const ConfirmationRequest& request) override;
};

} // namespace busbar
