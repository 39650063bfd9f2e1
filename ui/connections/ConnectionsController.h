#pragma once

#include "ui/connections/ConnectDialog.h"
#include "ui/log/LogPanel.h"
#include "ui/main/UiServices.h"

#include <QObject>
#include <QPointer>

class QWidget;

namespace busbar {

// Adds and removes saved connections: the dialog, Settings for what is remembered, the
// SecretStore for the key, and a confirmation before anything is forgotten. Opening the
// namespace is the explorer's job: connectRequested hands it the accepted string.
class ConnectionsController final : public QObject {
    Q_OBJECT
public:
    // `dialogParent` parents the dialogs; services must all be set.
    ConnectionsController(const UiServices& services, QWidget* dialogParent,
                          QObject* parent = nullptr);

    // Opens the connect dialog (non-modal); saving happens when it is accepted.
    void addConnection();
    // Asks first; returns whether the connection was removed.
    bool removeConnection(const QString& connectionId);

    [[nodiscard]] ConnectDialog* openDialog() const { return m_dialog; }
    // Given to every connect dialog it opens ("Test Connection").
    void setTester(ConnectDialog::Tester tester) { m_tester = std::move(tester); }
    // The same, reporting the connection test's steps as they run (preferred when set).
    void setStepTester(ConnectDialog::StepTester tester) { m_stepTester = std::move(tester); }

Q_SIGNALS:
    // Outcomes for the log panel, in words for the user.
    void report(busbar::LogLevel level, const QString& text);
    void connectionSaved(const QString& connectionId);
    // The dialog was accepted with a valid string: open the namespace now, saved or not.
    // `connection` carries the key; keep it in memory only.
    void connectRequested(const busbar::SavedConnection& saved,
                          const busbar::ConnectionString& connection);

private:
    // Remembers `saved` and its key; `connection` empty: the user chose not to remember it.
    void save(const SavedConnection& saved, const std::optional<ConnectionString>& connection);

    UiServices m_services;
    QWidget* m_dialogParent = nullptr;
    QPointer<ConnectDialog> m_dialog;
    ConnectDialog::Tester m_tester;
    ConnectDialog::StepTester m_stepTester;
};

} // namespace busbar
