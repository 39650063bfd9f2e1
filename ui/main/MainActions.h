#pragma once

#include <QMap>
#include <QObject>

class QAction;

namespace busbar {

// Every command the main window offers, in one place so menus, the toolbar, the welcome
// page and shortcuts share the same QAction (one enabled state, one shortcut).
enum class MainAction {
    OpenLocal,
    Connect,
    SignInAzureCli,
    Disconnect,
    RemoveConnection,
    Refresh,
    Send,
    Receive,
    Resubmit,
    Purge,
    Complete,
    Abandon,
    DeadLetter,
    Defer,
    DeleteMessages,
    CopyAsJson,
    Export,
    Import,
    Copy,
    Filter,
    Settings,
    About,
    AboutQt,
    Quit, // stays last: tests iterate up to it
};

// Creates the actions with object names, shortcuts, icons and accessible texts. Commands
// whose feature has not landed start disabled with the tooltip "Not available yet";
// setAvailable() turns them on when the feature arrives.
class MainActions final : public QObject {
    Q_OBJECT
public:
    explicit MainActions(QObject* parent);

    [[nodiscard]] QAction* action(MainAction id) const;
    void setAvailable(MainAction id, bool available);
    [[nodiscard]] static QString notAvailableText();

private:
    struct Entry {
        QAction* action = nullptr;
        QString toolTip; // shown when available
    };
    QMap<MainAction, Entry> m_entries;
};

} // namespace busbar
