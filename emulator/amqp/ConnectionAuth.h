#pragma once

#include "core/auth/SasToken.h"
#include "emulator/broker/BrokerTypes.h"
#include "emulator/config/NamespaceConfig.h"

#include <QList>
#include <QString>

namespace busbar::emulator {

// The claims one AMQP connection holds, from CBS put-token (servicebus-amqp.md §4): per
// audience, the rights of the SAS rule that signed the token and its expiry. A new token for
// the same audience replaces the old one.
class ConnectionAuth final {
public:
    explicit ConnectionAuth(QList<SasRule> rules);

    struct Reply {
        int statusCode = 0;
        QString description; // never contains the token or a key
    };
    // `type` is the put-token "type" property; `audience` its "name".
    Reply putToken(const QString& tokenText, const QString& type, const QString& audience,
                   qint64 nowSeconds);

    // Whether a valid, unexpired token covers `entityPath` (or a prefix) with `right`.
    [[nodiscard]] bool isAuthorized(const QString& entityPath, Right right,
                                    qint64 nowSeconds) const;
    // The earliest expiry (epoch seconds) of a token still valid at `nowSeconds`; 0 if none.
    [[nodiscard]] qint64 nextExpiry(qint64 nowSeconds) const;
    // Whether any right at all is held for the path (management attach).
    [[nodiscard]] bool hasAnyRight(const QString& entityPath, qint64 nowSeconds) const;

private:
    struct Grant {
        QString audienceKey; // the audience as normalised by the host/path check
        SasToken token;
        QString host;
        bool listen = false;
        bool send = false;
        bool manage = false;
    };
    [[nodiscard]] bool covers(const Grant& grant, const QString& entityPath) const;

    QList<SasRule> m_rules;
    QList<Grant> m_grants;
};

} // namespace busbar::emulator
