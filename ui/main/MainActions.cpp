#include "ui/main/MainActions.h"

#include <QAction>
#include <QIcon>
#include <QKeySequence>

namespace busbar {

namespace {

struct ActionSpec {
    MainAction id;
    const char* objectName;
    const char* text;
    const char* toolTip;
    QKeySequence shortcut;
    const char* icon; // resource path or nullptr
    bool availableNow;
};

} // namespace

MainActions::MainActions(QObject* parent)
    : QObject(parent) {
    setObjectName(QStringLiteral("mainActions"));
    // Keys follow ux.md: F5 refresh, Ctrl+N send, Ctrl+R resubmit, Ctrl+L receive locked,
    // Ctrl+Enter complete, Alt+A abandon, Alt+D dead-letter, Alt+F defer (which is why the
    // File menu's mnemonic is L), Delete, Ctrl+Shift+C copy as JSON.
    const ActionSpec specs[] = {
        {MainAction::OpenLocal,
         "actionOpenLocal",
         QT_TR_NOOP("Open &Local Namespace"),
         QT_TR_NOOP("Explore the built-in local namespace with demo data"),
         {},
         nullptr,
         false},
        {MainAction::Connect, "actionConnect", QT_TR_NOOP("&Connect…"),
         QT_TR_NOOP("Connect to a namespace with a connection string"), QKeySequence::Open,
         ":/icons/connect.svg", false},
        {MainAction::SignInAzureCli,
         "actionSignInAzureCli",
         QT_TR_NOOP("Sign In with &Azure CLI…"),
         QT_TR_NOOP("Use the Azure CLI's signed-in account"),
         {},
         nullptr,
         false},
        {MainAction::Disconnect,
         "actionDisconnect",
         QT_TR_NOOP("&Disconnect"),
         QT_TR_NOOP("Close the selected namespace's connection"),
         {},
         nullptr,
         false},
        {MainAction::RemoveConnection,
         "actionRemoveConnection",
         QT_TR_NOOP("Re&move Connection…"),
         QT_TR_NOOP("Forget the selected connection and its key"),
         {},
         nullptr,
         false},
        {MainAction::Refresh, "actionRefresh", QT_TR_NOOP("&Refresh"),
         QT_TR_NOOP("Reload entities and counts"), QKeySequence(Qt::Key_F5), ":/icons/refresh.svg",
         false},
        {MainAction::Send, "actionSend", QT_TR_NOOP("&Send…"),
         QT_TR_NOOP("Compose and send a message"), QKeySequence::New, ":/icons/send.svg", false},
        {MainAction::Receive, "actionReceive", QT_TR_NOOP("Rece&ive…"),
         QT_TR_NOOP("Receive and lock messages"), QKeySequence(Qt::CTRL | Qt::Key_L),
         ":/icons/receive.svg", false},
        {MainAction::Resubmit, "actionResubmit", QT_TR_NOOP("Res&ubmit…"),
         QT_TR_NOOP("Fix and resubmit the selected messages"), QKeySequence(Qt::CTRL | Qt::Key_R),
         ":/icons/resubmit.svg", false},
        {MainAction::Purge,
         "actionPurge",
         QT_TR_NOOP("&Purge…"),
         QT_TR_NOOP("Delete every message in an entity"),
         {},
         ":/icons/purge.svg",
         false},
        {MainAction::Complete, "actionComplete", QT_TR_NOOP("&Complete"),
         QT_TR_NOOP("Settle the locked messages as done"), QKeySequence(Qt::CTRL | Qt::Key_Return),
         nullptr, false},
        {MainAction::Abandon, "actionAbandon", QT_TR_NOOP("&Abandon"),
         QT_TR_NOOP("Release the locks so the messages are delivered again"),
         QKeySequence(Qt::ALT | Qt::Key_A), nullptr, false},
        {MainAction::DeadLetter, "actionDeadLetter", QT_TR_NOOP("&Dead-letter…"),
         QT_TR_NOOP("Move the locked messages to the dead-letter queue"),
         QKeySequence(Qt::ALT | Qt::Key_D), nullptr, false},
        {MainAction::Defer, "actionDefer", QT_TR_NOOP("De&fer"),
         QT_TR_NOOP("Set the locked messages aside until received by sequence number"),
         QKeySequence(Qt::ALT | Qt::Key_F), nullptr, false},
        {MainAction::DeleteMessages, "actionDeleteMessages", QT_TR_NOOP("De&lete…"),
         QT_TR_NOOP("Delete the selected messages"), QKeySequence::Delete, nullptr, false},
        {MainAction::CopyAsJson, "actionCopyAsJson", QT_TR_NOOP("Copy as &JSON"),
         QT_TR_NOOP("Copy the selected message, with its properties, as JSON"),
         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), nullptr, false},
        {MainAction::Export,
         "actionExport",
         QT_TR_NOOP("&Export Messages…"),
         QT_TR_NOOP("Save messages to files"),
         {},
         nullptr,
         false},
        {MainAction::Import,
         "actionImport",
         QT_TR_NOOP("&Import Messages…"),
         QT_TR_NOOP("Send messages from files"),
         {},
         nullptr,
         false},
        {MainAction::Copy, "actionCopy", QT_TR_NOOP("&Copy"),
         QT_TR_NOOP("Copy the selected message body"), QKeySequence::Copy, nullptr, false},
        {MainAction::Filter, "actionFilter", QT_TR_NOOP("&Filter"),
         QT_TR_NOOP("Filter the namespace tree"), QKeySequence::Find, nullptr, true},
        {MainAction::Settings, "actionSettings", QT_TR_NOOP("&Settings…"),
         QT_TR_NOOP("Change Busbar's preferences"), QKeySequence::Preferences, nullptr, false},
        {MainAction::About,
         "actionAbout",
         QT_TR_NOOP("&About Busbar"),
         QT_TR_NOOP("Version and licence"),
         {},
         nullptr,
         true},
        {MainAction::AboutQt,
         "actionAboutQt",
         QT_TR_NOOP("About &Qt"),
         QT_TR_NOOP("Qt's version and licence"),
         {},
         nullptr,
         true},
        {MainAction::Quit, "actionQuit", QT_TR_NOOP("&Quit"), QT_TR_NOOP("Quit Busbar"),
         QKeySequence::Quit, nullptr, true},
    };

    for (const ActionSpec& spec : specs) {
        auto* action = new QAction(tr(spec.text), this);
        action->setObjectName(QString::fromLatin1(spec.objectName));
        if (!spec.shortcut.isEmpty()) {
            action->setShortcut(spec.shortcut);
        }
        if (spec.icon != nullptr) {
            action->setIcon(QIcon(QString::fromLatin1(spec.icon)));
        }
        m_entries.insert(spec.id, Entry{action, tr(spec.toolTip)});
        setAvailable(spec.id, spec.availableNow);
    }
    action(MainAction::Quit)->setMenuRole(QAction::QuitRole);
    action(MainAction::About)->setMenuRole(QAction::AboutRole);
    action(MainAction::AboutQt)->setMenuRole(QAction::AboutQtRole);
    action(MainAction::Settings)->setMenuRole(QAction::PreferencesRole);
}

QAction* MainActions::action(MainAction id) const {
    return m_entries.value(id).action;
}

void MainActions::setAvailable(MainAction id, bool available) {
    const Entry entry = m_entries.value(id);
    if (entry.action == nullptr) {
        return;
    }
    entry.action->setEnabled(available);
    const QString tip = available ? entry.toolTip : notAvailableText();
    entry.action->setToolTip(tip);
    entry.action->setStatusTip(tip);
}

QString MainActions::notAvailableText() {
    return tr("Not available yet");
}

} // namespace busbar
