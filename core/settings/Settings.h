#pragma once

#include "core/common/Result.h"
#include "core/settings/ProxySettings.h"
#include "core/settings/RecentEntity.h"
#include "core/settings/SavedConnection.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

#include <chrono>
#include <memory>
#include <optional>

class QSettings;

namespace busbar {

enum class Theme { System, Light, Dark };

// The app's persistent, non-secret preferences, with one typed accessor per setting.
//
// Why no secret can get in: there is no generic setValue(), no field of any accepted type
// holds a key, a signature or a connection string, and every free-text value (and the layout
// blobs) is screened by looksLikeSecret() before it is written, so a key pasted into a name
// field is refused instead of landing in a plain-text file. Credentials go to a SecretStore
// (the OS keychain).
class Settings final : public QObject {
    Q_OBJECT
public:
    static constexpr int kMaxRecentEntities = 10;
    static constexpr std::chrono::seconds kMinAutoRefresh{5};
    static constexpr std::chrono::seconds kMaxAutoRefresh{3600};
    static constexpr std::chrono::seconds kDefaultAutoRefresh{30};

    // An INI file at an explicit path: tests and portable installs.
    explicit Settings(const QString& iniFilePath, QObject* parent = nullptr);
    // The platform's per-user location for `organisation`/`application`.
    Settings(const QString& organisation, const QString& application, QObject* parent = nullptr);
    ~Settings() override;

    Settings(const Settings&) = delete;
    Settings& operator=(const Settings&) = delete;

    [[nodiscard]] QString fileName() const;
    // Writes pending changes now (they are also written on destruction).
    [[nodiscard]] VoidResult sync();

    // Saved connections, in the order they were first saved.
    [[nodiscard]] QList<SavedConnection> savedConnections() const;
    [[nodiscard]] std::optional<SavedConnection> savedConnection(const QString& id) const;
    // Adds `connection`, or replaces the one with the same id. Refuses invalid fields and any
    // field that looks like a credential (InvalidInput; the message never echoes the value).
    [[nodiscard]] VoidResult saveConnection(const SavedConnection& connection);
    bool removeConnection(const QString& id);
    // A fresh id suitable for SavedConnection::id (and the SecretStore).
    [[nodiscard]] static QString newConnectionId();

    // Opaque blobs from QWidget::saveGeometry() and QMainWindow::saveState(). The setters
    // return false, and store nothing, for a blob that carries something like a credential.
    [[nodiscard]] QByteArray windowGeometry() const;
    bool setWindowGeometry(const QByteArray& geometry);
    [[nodiscard]] QByteArray windowState() const;
    bool setWindowState(const QByteArray& state);

    // Layout of one view (header columns, splitter positions) under a stable name such as
    // "messages/header": up to four '/'-separated parts of letters, digits, '.', '_' and '-',
    // each starting with a letter or digit. Screened like the window blobs; an invalid name
    // or a blob carrying a credential stores nothing and returns false.
    [[nodiscard]] QByteArray viewState(const QString& viewName) const;
    bool setViewState(const QString& viewName, const QByteArray& state);

    // Most recent first, at most kMaxRecentEntities.
    [[nodiscard]] QList<RecentEntity> recentEntities() const;
    [[nodiscard]] VoidResult addRecentEntity(const RecentEntity& entity);
    void clearRecentEntities();

    // Zero means off; other values are clamped to [kMinAutoRefresh, kMaxAutoRefresh].
    [[nodiscard]] std::chrono::seconds autoRefreshInterval() const;
    void setAutoRefreshInterval(std::chrono::seconds interval);

    [[nodiscard]] Theme theme() const;
    void setTheme(Theme theme);

    // Settings ▸ Network. A stored choice that no longer validates (a hand-edited file) reads
    // as the default, System. The password is not here: it is a secret (SecretStore,
    // kProxyPasswordSecretId).
    [[nodiscard]] ProxyChoice proxyChoice() const;
    // Refuses an invalid choice (InvalidInput, the message says which field); host, port and
    // user name are kept only for Http and Socks5.
    [[nodiscard]] VoidResult setProxyChoice(const ProxyChoice& choice);
    // Whoever stored a new proxy password in the SecretStore calls this so that listeners
    // (ProxyApplier) read it again: emits proxyChoiceChanged with the unchanged choice.
    void announceProxyPasswordChange();

    // True for text containing a connection-string credential, a SAS signature, a JWT or a
    // padded base64 run as long as a SAS key.
    [[nodiscard]] static bool looksLikeSecret(const QString& text);

Q_SIGNALS:
    void connectionsChanged();
    void recentEntitiesChanged();
    void themeChanged(busbar::Theme theme);
    void autoRefreshIntervalChanged(std::chrono::seconds interval);
    void proxyChoiceChanged(const busbar::ProxyChoice& choice);

private:
    void writeConnections(const QList<SavedConnection>& connections);
    void writeRecentEntities(const QList<RecentEntity>& entities);

    std::unique_ptr<QSettings> m_settings;
};

[[nodiscard]] QString themeToString(Theme theme);
[[nodiscard]] Theme themeFromString(const QString& name);

} // namespace busbar
