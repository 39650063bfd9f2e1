#include "core/settings/Settings.h"

#include "core/settings/SettingsValidation.h"

#include <QSettings>
#include <QUuid>

#include <algorithm>

namespace busbar {

using settings::isValidId;
using settings::isValidViewName;
using settings::screen;
using settings::validate;

namespace {

// Keys in one place so a rename cannot leave readers and writers disagreeing.
const QString kConnectionsArray = QStringLiteral("connections");
const QString kRecentArray = QStringLiteral("recentEntities");
const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kStateKey = QStringLiteral("window/state");
const QString kAutoRefreshKey = QStringLiteral("view/autoRefreshSeconds");
const QString kThemeKey = QStringLiteral("view/theme");
const QString kProxyModeKey = QStringLiteral("network/proxyMode");
const QString kProxyHostKey = QStringLiteral("network/proxyHost");
const QString kProxyPortKey = QStringLiteral("network/proxyPort");
const QString kProxyUserKey = QStringLiteral("network/proxyUser");
const QString kViewStateGroup = QStringLiteral("views/");
const QString kVersionKey = QStringLiteral("meta/settingsVersion");
constexpr int kSettingsVersion = 1;

} // namespace

Settings::Settings(const QString& iniFilePath, QObject* parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(iniFilePath, QSettings::IniFormat)) {
    m_settings->setValue(kVersionKey, kSettingsVersion);
}

Settings::Settings(const QString& organisation, const QString& application, QObject* parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(organisation, application)) {
    m_settings->setValue(kVersionKey, kSettingsVersion);
}

Settings::~Settings() = default;

QString Settings::fileName() const {
    return m_settings->fileName();
}

VoidResult Settings::sync() {
    m_settings->sync();
    switch (m_settings->status()) {
    case QSettings::NoError:
        return {};
    case QSettings::AccessError:
        return fail(ErrorCode::Internal,
                    QStringLiteral("Cannot write the settings file %1.").arg(fileName()));
    case QSettings::FormatError:
        return fail(ErrorCode::Internal,
                    QStringLiteral("The settings file %1 is malformed.").arg(fileName()));
    }
    return {};
}

QList<SavedConnection> Settings::savedConnections() const {
    QList<SavedConnection> connections;
    const int size = m_settings->beginReadArray(kConnectionsArray);
    connections.reserve(size);
    for (int i = 0; i < size; ++i) {
        m_settings->setArrayIndex(i);
        SavedConnection connection;
        connection.id = m_settings->value(QStringLiteral("id")).toString();
        connection.name = m_settings->value(QStringLiteral("name")).toString();
        connection.colourTag = m_settings->value(QStringLiteral("colourTag")).toString();
        connection.endpointHost = m_settings->value(QStringLiteral("endpointHost")).toString();
        connection.entityPath = m_settings->value(QStringLiteral("entityPath")).toString();
        connection.keyName = m_settings->value(QStringLiteral("keyName")).toString();
        connection.authKind =
            authKindFromString(m_settings->value(QStringLiteral("authKind")).toString());
        // Absent from files written before entities could be opened by path: none.
        for (const QString& path :
             m_settings->value(QStringLiteral("openedEntities")).toStringList()) {
            if (!path.isEmpty() && !looksLikeSecret(path)) {
                connection.openedEntities.append(path);
            }
        }
        // A hand-edited file is screened on the way in too.
        if (validate(connection)) {
            connections.append(connection);
        }
    }
    m_settings->endArray();
    return connections;
}

std::optional<SavedConnection> Settings::savedConnection(const QString& id) const {
    const auto connections = savedConnections();
    const auto it = std::ranges::find(connections, id, &SavedConnection::id);
    if (it == connections.end()) {
        return std::nullopt;
    }
    return *it;
}

VoidResult Settings::saveConnection(const SavedConnection& connection) {
    if (auto valid = validate(connection); !valid) {
        return valid;
    }
    auto connections = savedConnections();
    const auto it = std::ranges::find(connections, connection.id, &SavedConnection::id);
    if (it != connections.end()) {
        *it = connection;
    } else {
        connections.append(connection);
    }
    writeConnections(connections);
    Q_EMIT connectionsChanged();
    return {};
}

bool Settings::removeConnection(const QString& id) {
    auto connections = savedConnections();
    const auto removed = connections.removeIf(
        [&id](const SavedConnection& connection) { return connection.id == id; });
    if (removed == 0) {
        return false;
    }
    writeConnections(connections);
    Q_EMIT connectionsChanged();
    return true;
}

QString Settings::newConnectionId() {
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

void Settings::writeConnections(const QList<SavedConnection>& connections) {
    // Rewriting the whole array keeps indices dense after a removal.
    m_settings->remove(kConnectionsArray);
    m_settings->beginWriteArray(kConnectionsArray, static_cast<int>(connections.size()));
    for (int i = 0; i < connections.size(); ++i) {
        const SavedConnection& connection = connections.at(i);
        m_settings->setArrayIndex(i);
        m_settings->setValue(QStringLiteral("id"), connection.id);
        m_settings->setValue(QStringLiteral("name"), connection.name);
        m_settings->setValue(QStringLiteral("colourTag"), connection.colourTag);
        m_settings->setValue(QStringLiteral("endpointHost"), connection.endpointHost);
        m_settings->setValue(QStringLiteral("entityPath"), connection.entityPath);
        m_settings->setValue(QStringLiteral("keyName"), connection.keyName);
        m_settings->setValue(QStringLiteral("authKind"), authKindToString(connection.authKind));
        QStringList opened;
        for (const QString& path : connection.openedEntities) {
            if (!path.isEmpty() && !looksLikeSecret(path)) {
                opened.append(path);
            }
        }
        if (!opened.isEmpty()) {
            m_settings->setValue(QStringLiteral("openedEntities"), opened);
        }
    }
    m_settings->endArray();
}

QByteArray Settings::windowGeometry() const {
    return m_settings->value(kGeometryKey).toByteArray();
}

bool Settings::setWindowGeometry(const QByteArray& geometry) {
    if (looksLikeSecret(QString::fromLatin1(geometry))) {
        return false;
    }
    m_settings->setValue(kGeometryKey, geometry);
    return true;
}

QByteArray Settings::windowState() const {
    return m_settings->value(kStateKey).toByteArray();
}

bool Settings::setWindowState(const QByteArray& state) {
    if (looksLikeSecret(QString::fromLatin1(state))) {
        return false;
    }
    m_settings->setValue(kStateKey, state);
    return true;
}

QByteArray Settings::viewState(const QString& viewName) const {
    if (!isValidViewName(viewName)) {
        return {};
    }
    return m_settings->value(kViewStateGroup + viewName).toByteArray();
}

bool Settings::setViewState(const QString& viewName, const QByteArray& state) {
    if (!isValidViewName(viewName) || looksLikeSecret(QString::fromLatin1(state))) {
        return false;
    }
    m_settings->setValue(kViewStateGroup + viewName, state);
    return true;
}

QList<RecentEntity> Settings::recentEntities() const {
    QList<RecentEntity> entities;
    const int size = m_settings->beginReadArray(kRecentArray);
    for (int i = 0; i < size && entities.size() < kMaxRecentEntities; ++i) {
        m_settings->setArrayIndex(i);
        RecentEntity entity{m_settings->value(QStringLiteral("connectionId")).toString(),
                            m_settings->value(QStringLiteral("entityPath")).toString()};
        if (isValidId(entity.connectionId) && !entity.entityPath.isEmpty() &&
            !looksLikeSecret(entity.entityPath)) {
            entities.append(entity);
        }
    }
    m_settings->endArray();
    return entities;
}

VoidResult Settings::addRecentEntity(const RecentEntity& entity) {
    if (!isValidId(entity.connectionId) || entity.entityPath.isEmpty()) {
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("A recent entity needs a connection id and an entity path."));
    }
    if (auto screened = screen(entity.entityPath, QStringLiteral("entity path")); !screened) {
        return screened;
    }
    auto entities = recentEntities();
    entities.removeAll(entity);
    entities.prepend(entity);
    while (entities.size() > kMaxRecentEntities) {
        entities.removeLast();
    }
    writeRecentEntities(entities);
    Q_EMIT recentEntitiesChanged();
    return {};
}

void Settings::clearRecentEntities() {
    writeRecentEntities({});
    Q_EMIT recentEntitiesChanged();
}

void Settings::writeRecentEntities(const QList<RecentEntity>& entities) {
    m_settings->remove(kRecentArray);
    m_settings->beginWriteArray(kRecentArray, static_cast<int>(entities.size()));
    for (int i = 0; i < entities.size(); ++i) {
        m_settings->setArrayIndex(i);
        m_settings->setValue(QStringLiteral("connectionId"), entities.at(i).connectionId);
        m_settings->setValue(QStringLiteral("entityPath"), entities.at(i).entityPath);
    }
    m_settings->endArray();
}

std::chrono::seconds Settings::autoRefreshInterval() const {
    bool ok = false;
    const qlonglong seconds = m_settings->value(kAutoRefreshKey).toLongLong(&ok);
    if (!ok || seconds < 0) {
        return kDefaultAutoRefresh;
    }
    if (seconds == 0) {
        return std::chrono::seconds{0};
    }
    return std::clamp(std::chrono::seconds{seconds}, kMinAutoRefresh, kMaxAutoRefresh);
}

void Settings::setAutoRefreshInterval(std::chrono::seconds interval) {
    const auto stored = interval <= std::chrono::seconds{0}
                            ? std::chrono::seconds{0}
                            : std::clamp(interval, kMinAutoRefresh, kMaxAutoRefresh);
    if (m_settings->contains(kAutoRefreshKey) && autoRefreshInterval() == stored) {
        return;
    }
    m_settings->setValue(kAutoRefreshKey, static_cast<qlonglong>(stored.count()));
    Q_EMIT autoRefreshIntervalChanged(stored);
}

Theme Settings::theme() const {
    return themeFromString(m_settings->value(kThemeKey).toString());
}

void Settings::setTheme(Theme theme) {
    if (m_settings->contains(kThemeKey) && this->theme() == theme) {
        return;
    }
    m_settings->setValue(kThemeKey, themeToString(theme));
    Q_EMIT themeChanged(theme);
}

ProxyChoice Settings::proxyChoice() const {
    ProxyChoice choice;
    choice.mode = proxyModeFromString(m_settings->value(kProxyModeKey).toString());
    if (!choice.namesServer()) {
        return choice;
    }
    choice.host = m_settings->value(kProxyHostKey).toString();
    bool ok = false;
    const int port = m_settings->value(kProxyPortKey).toInt(&ok);
    choice.port = ok && port > 0 && port <= 65535 ? quint16(port) : quint16(0);
    choice.userName = m_settings->value(kProxyUserKey).toString();
    if (!validateProxyChoice(choice)) {
        return {};
    }
    return choice;
}

VoidResult Settings::setProxyChoice(const ProxyChoice& choice) {
    if (auto valid = validateProxyChoice(choice); !valid) {
        return valid;
    }
    ProxyChoice stored = choice;
    if (!stored.namesServer()) {
        stored.host.clear();
        stored.port = 0;
        stored.userName.clear();
    }
    if (m_settings->contains(kProxyModeKey) && proxyChoice() == stored) {
        return {};
    }
    m_settings->setValue(kProxyModeKey, proxyModeToString(stored.mode));
    if (stored.namesServer()) {
        m_settings->setValue(kProxyHostKey, stored.host);
        m_settings->setValue(kProxyPortKey, int(stored.port));
        m_settings->setValue(kProxyUserKey, stored.userName);
    } else {
        m_settings->remove(kProxyHostKey);
        m_settings->remove(kProxyPortKey);
        m_settings->remove(kProxyUserKey);
    }
    Q_EMIT proxyChoiceChanged(stored);
    return {};
}

void Settings::announceProxyPasswordChange() {
    Q_EMIT proxyChoiceChanged(proxyChoice());
}

QString themeToString(Theme theme) {
    switch (theme) {
    case Theme::System:
        return QStringLiteral("system");
    case Theme::Light:
        return QStringLiteral("light");
    case Theme::Dark:
        return QStringLiteral("dark");
    }
    return QStringLiteral("system");
}

Theme themeFromString(const QString& name) {
    if (name == QLatin1String("light")) {
        return Theme::Light;
    }
    if (name == QLatin1String("dark")) {
        return Theme::Dark;
    }
    return Theme::System;
}

} // namespace busbar
