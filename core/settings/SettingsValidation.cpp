// What Settings lets into the settings file: well-formed ids and names, and no value that
// looks like a credential.
#include "core/settings/SettingsValidation.h"

#include "core/settings/Settings.h"

#include <QRegularExpression>

namespace busbar {

namespace settings {

bool isValidId(const QString& id) {
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
    return pattern.match(id).hasMatch();
}

bool isValidViewName(const QString& name) {
    static const QRegularExpression pattern(
        QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}(/[A-Za-z0-9][A-Za-z0-9._-]{0,63}){0,3}$"));
    return pattern.match(name).hasMatch();
}

namespace {

bool isValidColourTag(const QString& tag) {
    static const QRegularExpression pattern(QStringLiteral("^#[0-9A-Fa-f]{6}$"));
    return tag.isEmpty() || pattern.match(tag).hasMatch();
}

// A bare host, optionally with a port: no scheme, no path, nothing a connection string adds.
bool isValidHost(const QString& host) {
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9.\\-\\[\\]:]{1,255}$"));
    return pattern.match(host).hasMatch();
}

} // namespace

VoidResult screen(const QString& value, const QString& what) {
    if (Settings::looksLikeSecret(value)) {
        // The value is never echoed: it may be the very secret we refuse to store.
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("The %1 looks like a key or connection string. Keys are "
                                   "kept in the system keychain, never in the settings file.")
                        .arg(what));
    }
    return {};
}

VoidResult validate(const SavedConnection& connection) {
    if (!isValidId(connection.id)) {
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("A saved connection needs an id of letters, digits, '-' or "
                                   "'_' (at most 64)."));
    }
    if (connection.name.trimmed().isEmpty()) {
        return fail(ErrorCode::InvalidInput, QStringLiteral("A saved connection needs a name."));
    }
    if (!isValidColourTag(connection.colourTag)) {
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("The colour tag must be empty or #rrggbb."));
    }
    for (const auto& [value, what] :
         {std::pair{connection.name, QStringLiteral("connection name")},
          std::pair{connection.endpointHost, QStringLiteral("endpoint host")},
          std::pair{connection.entityPath, QStringLiteral("entity path")},
          std::pair{connection.keyName, QStringLiteral("key name")}}) {
        if (auto screened = screen(value, what); !screened) {
            return screened;
        }
    }
    if (!isValidHost(connection.endpointHost)) {
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("The endpoint must be a host name, optionally with a port "
                                   "(\"contoso.servicebus.windows.net\", \"localhost:5672\")."));
    }
    return {};
}

} // namespace settings

bool Settings::looksLikeSecret(const QString& text) {
    // Connection-string credential fields and the SAS token's signature parameter.
    static const QRegularExpression credentialField(
        QStringLiteral("SharedAccessKey\\s*=|SharedAccessSignature|[?&;\\s]sig=|^sig=|"
                       "AccountKey\\s*=|Password\\s*="),
        QRegularExpression::CaseInsensitiveOption);
    // A JWT (Entra ID access token): base64url header starting {" then two dots.
    static const QRegularExpression jwt(
        QStringLiteral("eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*"));
    // A padded base64 run the length of a SAS key (32 bytes encode to 44 characters).
    static const QRegularExpression base64Key(QStringLiteral("[A-Za-z0-9+/]{40,}={1,2}"));
    return credentialField.match(text).hasMatch() || jwt.match(text).hasMatch() ||
           base64Key.match(text).hasMatch();
}

} // namespace busbar
