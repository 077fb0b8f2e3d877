#pragma once

#include "common/result.h"
#include "meta/graphclient.h"

#include <QFuture>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <variant>

namespace puente::meta {

// What Graph's GET /debug_token says about an access token:
// {"data":{"app_id","type","is_valid","expires_at" (0: never),
// "data_access_expires_at","scopes":[...],"granular_scopes":[{"scope",
// "target_ids":[...]}],"error":{"code","subcode","message"}}}.
struct TokenInspection {
    bool valid = false;
    QString type;  // SYSTEM_USER, USER, PAGE, APP (empty when Meta did not say)
    QString appId; // the app the token was made for
    qint64 expiresAt = 0; // Unix seconds; 0: never expires
    QStringList scopes;
    // The WhatsApp Business accounts the WhatsApp scopes are granted for
    // (granular_scopes' target_ids); empty: not limited to some accounts.
    QStringList grantedWabaIds;
    QString error; // why it is not valid, as Meta words it
    int errorCode = 0;
    int errorSubcode = 0;
};
// Tolerant: a body without "data" is an invalid token with no reason.
TokenInspection parseDebugToken(const QJsonObject &body);

// The two permissions a token needs to send and to read templates.
QStringList requiredTokenScopes();

// Whether the token can serve this WhatsApp Business account at `nowSecs`.
// Errors, each naming what to fix: token_invalid, token_expired,
// token_missing_scope (which scopes), token_not_granted (which account).
Status checkTokenFor(const TokenInspection &token, const QString &wabaId, qint64 nowSecs);

// A long-lived token from GET /oauth/access_token?grant_type=fb_exchange_token:
// {"access_token","token_type":"bearer","expires_in" (seconds)}.
struct ExchangedToken {
    QString accessToken;
    qint64 expiresIn = 0; // seconds; 0 when Meta did not say
};

// The app access token ("APP_ID|APP_SECRET") that may inspect any token of
// that app; empty when either part is missing.
QString appAccessToken(const QString &appId, const QString &appSecret);

// GET /debug_token?input_token=…, authorised by `accessToken` (an app
// access token, or the token itself when no app secret is known: Meta lets
// a token inspect itself).
QFuture<std::variant<TokenInspection, GraphError>> debugToken(GraphClient &graph, const QString &inputToken, const QString &accessToken);
// Exchanges a user token for a long-lived one. The app secret and both
// tokens travel in the query as Meta requires; none of them is ever logged.
QFuture<std::variant<ExchangedToken, GraphError>> exchangeToken(GraphClient &graph, const QString &appId, const QString &appSecret,
                                                                const QString &token);

} // namespace puente::meta
