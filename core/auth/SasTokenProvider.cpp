#include "core/auth/SasTokenProvider.h"

#include "core/auth/SasToken.h"

#include <QDateTime>

namespace busbar {

SasTokenProvider::SasTokenProvider(QString sharedAccessSignature)
    : m_token(std::move(sharedAccessSignature).trimmed())
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); }) {}

QFuture<Result<AccessToken>> SasTokenProvider::token(const QString& /*audience*/) {
    const Result<SasToken> parsed = SasToken::parse(m_token);
    if (!parsed) {
        // The parser's message never quotes the signature.
        return QtFuture::makeReadyFuture<Result<AccessToken>>(fail(parsed.error()));
    }
    if (m_clock() / 1000 >= parsed->expiry()) {
        const QString when =
            QDateTime::fromSecsSinceEpoch(parsed->expiry(), Qt::UTC).toString(Qt::ISODate);
        Error error = Error::make(
            ErrorCode::Authentication,
            QStringLiteral("The shared access signature expired at %1: create a new one or use a "
                           "connection string with a key.")
                .arg(when));
        return QtFuture::makeReadyFuture<Result<AccessToken>>(fail(std::move(error)));
    }
    // The text as given: re-encoding could change what the signature was computed over.
    QString text = m_token;
    if (!text.startsWith(QLatin1String("SharedAccessSignature "))) {
        text.prepend(QStringLiteral("SharedAccessSignature "));
    }
    return QtFuture::makeReadyFuture<Result<AccessToken>>(
        AccessToken{text, QString(kSasTokenType), parsed->expiry()});
}

} // namespace busbar
