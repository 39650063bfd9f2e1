#include "ui/connections/ConnectionsController.h"

#include "core/servicebus/WhenFinished.h"
#include "core/settings/SecretStore.h"
#include "core/settings/Settings.h"
#include "ui/connections/ConnectDialog.h"
#include "ui/widgets/ConfirmationPrompt.h"

#include <QWidget>

namespace busbar {

ConnectionsController::ConnectionsController(const UiServices& services, QWidget* dialogParent,
                                             QObject* parent)
    : QObject(parent)
    , m_services(services)
    , m_dialogParent(dialogParent) {
    Q_ASSERT(services.settings != nullptr && services.secrets != nullptr &&
             services.confirmation != nullptr);
    setObjectName(QStringLiteral("connectionsController"));
}

void ConnectionsController::addConnection() {
    if (m_dialog != nullptr) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return;
    }
    auto* dialog = new ConnectDialog(m_services.secrets->isAvailable(), m_dialogParent);
    m_dialog = dialog;
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (m_tester) {
        dialog->setTester(m_tester);
    }
    if (m_stepTester) {
        dialog->setStepTester(m_stepTester);
    }
    // Qt drops this slot with the dialog, so `dialog` (the pointer itself, not the guard, which
    // a release build rightly sees may read null) is alive whenever it runs. Everything is read
    // from it before the first emit: save()'s signals run other slots, which may close it.
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const SavedConnection saved = dialog->savedConnection();
        const std::optional<ConnectionString> connection = dialog->connectionString();
        save(saved, dialog->rememberConnection() ? connection : std::nullopt);
        if (connection) {
            Q_EMIT connectRequested(saved, *connection);
        }
    });
    dialog->open();
}

void ConnectionsController::save(const SavedConnection& saved,
                                 const std::optional<ConnectionString>& connection) {
    if (!connection) {
        Q_EMIT report(LogLevel::Info, tr("Connection %1 was not saved.").arg(saved.name));
        return;
    }
    if (auto stored = m_services.settings->saveConnection(saved); !stored) {
        Q_EMIT report(LogLevel::Error, stored.error().message);
        return;
    }
    Q_EMIT report(LogLevel::Info,
                  tr("Saved connection %1 (%2).").arg(saved.name, saved.endpointHost));
    Q_EMIT connectionSaved(saved.id);

    const QString name = saved.name;
    whenFinished(m_services.secrets->writeSecret(saved.id, connection->toString()), this,
                 [this, name](const VoidResult& written) {
                     if (!written) {
                         Q_EMIT report(LogLevel::Warning,
                                       tr("The key of %1 could not be kept: %2 It will be asked "
                                          "for when connecting.")
                                           .arg(name, written.error().message));
                     }
                 });
}

bool ConnectionsController::removeConnection(const QString& connectionId) {
    const auto connection = m_services.settings->savedConnection(connectionId);
    if (!connection) {
        return false;
    }
    ConfirmationRequest request;
    request.title = tr("Remove %1?").arg(connection->name);
    request.text = tr("Busbar will forget the connection %1 (%2) and delete its key from the "
                      "system keychain.")
                       .arg(connection->name, connection->endpointHost);
    request.details = tr("The namespace and its messages are not touched.");
    request.confirmLabel = tr("Remove");
    if (!m_services.confirmation->confirm(m_dialogParent, request)) {
        return false;
    }
    m_services.settings->removeConnection(connectionId);
    const QString name = connection->name;
    whenFinished(m_services.secrets->removeSecret(connectionId), this,
                 [this, name](const VoidResult& removed) {
                     if (!removed) {
                         Q_EMIT report(LogLevel::Warning,
                                       tr("The key of %1 could not be deleted from the keychain: "
                                          "%2")
                                           .arg(name, removed.error().message));
                     }
                 });
    Q_EMIT report(LogLevel::Info, tr("Removed connection %1.").arg(name));
    return true;
}

} // namespace busbar
