#include "meta/accesstoken.h"

#include <QJsonArray>

namespace puente::meta {

namespace {
QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &item : v.toArray())
        if (item.isString())
            out.append(item.toString());
        else if (item.isDouble())
            out.append(QString::number(qint64(item.toDouble())));
    return out;
}
} // namespace

TokenInspection parseDebugToken(const QJsonObject &body)
{
    TokenInspection t;
    const QJsonObject data = body.value(QStringLiteral("data")).toObject();
    t.valid = data.value(QStringLiteral("is_valid")).toBool(false);
    t.type = data.value(QStringLiteral("type")).toString();
    t.appId = data.value(QStringLiteral("app_id")).toVariant().toString();
    t.expiresAt = data.value(QStringLiteral("expires_at")).toVariant().toLongLong();
    t.scopes = strings(data.value(QStringLiteral("scopes")));
    for (const QJsonValue &g : data.value(QStringLiteral("granular_scopes")).toArray()) {
        const QJsonObject grant = g.toObject();
        const QString scope = grant.value(QStringLiteral("scope")).toString();
        if (!scope.startsWith(QLatin1String("whatsapp_business_")))
            continue;
        for (const QString &id : strings(grant.value(QStringLiteral("target_ids"))))
            if (!t.grantedWabaIds.contains(id))
                t.grantedWabaIds.append(id);
    }
    const QJsonObject error = data.value(QStringLiteral("error")).toObject();
    t.error = error.value(QStringLiteral("message")).toString();
    t.errorCode = error.value(QStringLiteral("code")).toInt();
    t.errorSubcode = error.value(QStringLiteral("subcode")).toInt();
    return t;
}

QStringList requiredTokenScopes()
{
    return {QStringLiteral("whatsapp_business_messaging"), QStringLiteral("whatsapp_business_management")};
}

Status checkTokenFor(const TokenInspection &token, const QString &wabaId, qint64 nowSecs)
{
    const bool expired = (token.expiresAt > 0 && token.expiresAt <= nowSecs) || token.errorSubcode == 463;
    if (expired)
        return makeError("token_expired", QStringLiteral("this access token has expired; make a new one in Meta Business Suite "
                                                         "(a System User token does not expire)"));
    if (!token.valid)
        return makeError("token_invalid", token.error.isEmpty()
                                              ? QStringLiteral("Meta says this access token is not valid; copy it again from Meta")
                                              : QStringLiteral("Meta says this access token is not valid (%1); copy it again from Meta")
                                                    .arg(token.error));
    QStringList missing;
    for (const QString &scope : requiredTokenScopes())
        if (!token.scopes.contains(scope))
            missing.append(scope);
    if (!missing.isEmpty())
        return makeError("token_missing_scope", QStringLiteral("this access token lacks the permission %1; make the token again with "
                                                               "whatsapp_business_messaging and whatsapp_business_management")
                                                    .arg(missing.join(QStringLiteral(" and "))));
    if (!wabaId.isEmpty() && !token.grantedWabaIds.isEmpty() && !token.grantedWabaIds.contains(wabaId))
        return makeError("token_not_granted", QStringLiteral("this access token is not granted for WhatsApp Business account %1 (it is for %2); "
                                                             "assign the account to the token's system user in Meta Business Suite")
                                                  .arg(wabaId, token.grantedWabaIds.join(QStringLiteral(", "))));
    return {};
}

QString appAccessToken(const QString &appId, const QString &appSecret)
{
    if (appId.trimmed().isEmpty() || appSecret.trimmed().isEmpty())
        return {};
    return appId.trimmed() + QLatin1Char('|') + appSecret.trimmed();
}

QFuture<std::variant<TokenInspection, GraphError>> debugToken(GraphClient &graph, const QString &inputToken, const QString &accessToken)
{
    using R = std::variant<TokenInspection, GraphError>;
    return graph.get(QStringLiteral("debug_token"), QUrlQuery{{QStringLiteral("input_token"), inputToken}}, accessToken)
        .then([](const GraphResult &r) -> R {
            if (const auto *e = std::get_if<GraphError>(&r))
                return *e;
            return parseDebugToken(std::get<QJsonObject>(r));
        });
}

QFuture<std::variant<ExchangedToken, GraphError>> exchangeToken(GraphClient &graph, const QString &appId, const QString &appSecret,
                                                                const QString &token)
{
    using R = std::variant<ExchangedToken, GraphError>;
    const QUrlQuery query{{QStringLiteral("grant_type"), QStringLiteral("fb_exchange_token")},
                          {QStringLiteral("client_id"), appId},
                          {QStringLiteral("client_secret"), appSecret},
                          {QStringLiteral("fb_exchange_token"), token}};
    return graph.get(QStringLiteral("oauth/access_token"), query, token).then([](const GraphResult &r) -> R {
        if (const auto *e = std::get_if<GraphError>(&r))
            return *e;
        const QJsonObject o = std::get<QJsonObject>(r);
        ExchangedToken t;
        t.accessToken = o.value(QStringLiteral("access_token")).toString();
        t.expiresIn = o.value(QStringLiteral("expires_in")).toVariant().toLongLong();
        if (t.accessToken.isEmpty()) {
            GraphError e;
            e.httpStatus = 200;
            e.message = QStringLiteral("Meta answered the token exchange without a token");
            return e;
        }
        return t;
    });
}

} // namespace puente::meta
