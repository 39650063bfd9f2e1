#include "ui/widgets/MessageBoxConfirmationPrompt.h"

#include <QInputDialog>
#include <QMessageBox>
#include <QPushButton>

namespace busbar {

bool MessageBoxConfirmationPrompt::confirm(QWidget* parent, const ConfirmationRequest& request) {
    if (!request.typedConfirmation.isEmpty()) {
        bool accepted = false;
        const QString typed =
            QInputDialog::getText(parent, request.title,
                                  request.text + QStringLiteral("\n\n") +
                                      tr("Type %1 to confirm.").arg(request.typedConfirmation),
                                  QLineEdit::Normal, QString(), &accepted);
        return accepted && typed == request.typedConfirmation;
    }

    QMessageBox box(QMessageBox::Warning, request.title, request.text, QMessageBox::NoButton,
                    parent);
    box.setObjectName(QStringLiteral("confirmationBox"));
    box.setInformativeText(request.details);
    const QString label = request.confirmLabel.isEmpty() ? tr("Continue") : request.confirmLabel;
    QPushButton* confirmButton = box.addButton(label, QMessageBox::DestructiveRole);
    confirmButton->setObjectName(QStringLiteral("confirmButton"));
    QPushButton* cancelButton = box.addButton(QMessageBox::Cancel);
    cancelButton->setObjectName(QStringLiteral("cancelButton"));
    // Enter must never destroy data by accident.
    box.setDefaultButton(cancelButton);
    box.setEscapeButton(cancelButton);
    box.exec();
    return box.clickedButton() == confirmButton;
}

} // namespace busbar
