// The tenant's WhatsApp configuration and its connection test.
#include "accounts/apikeys.h"
#include "crypto/crypto.h"
#include "messaging/templates.h"
#include "domain/phonenumber.h"
#include "http/requestparser.h"
#include "restapi.h"
#include "storage/whatsappconfigrepository.h"

#include <QRegularExpression>

namespace puente::server::api {

namespace {
// The URL admins paste into Meta's app settings. public_url when the
// installation sets it; otherwise the Host the request came to (validated
// by the HTTP front), or what a trusted proxy on this host forwards.
QString webhookUrl(const Environment &env, const Request &r)
{
    QString base = env.publicUrl;
    if (base.isEmpty()) {
        QByteArray host = r.header("host");
        QByteArray scheme = "http";
        if (env.trustProxy && r.peerIsLoopback) {
            if (const QByteArray forwarded = r.header("x-forwarded-host"); http::isValidHost(forwarded))
                host = forwarded;
            if (const QByteArray proto = r.header("x-forwarded-proto").toLower(); proto == "https" || proto == "http")
                scheme = proto;
        }
        if (!http::isValidHost(host))
            host = "localhost";
        base = QString::fromLatin1(scheme + "://" + host);
    }
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return base + QStringLiteral("/api/whatsapp/webhook");
}

bool digitsOnly(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("^[0-9]{1,32}$"));
    return re.match(s).hasMatch();
}

QJsonValue orNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue() : QJsonValue(s);
}

QJsonObject configJson(const WhatsAppConfig &c, bool admin)
{
    return {{QStringLiteral("configured"), true},
            {QStringLiteral("api_type"), toString(c.apiType)},
            {QStringLiteral("business_api_token"), maskSecret(c.businessApiToken)},
            {QStringLiteral("has_token"), !c.businessApiToken.isEmpty()},
            {QStringLiteral("phone_number_id"), c.phoneNumberId},
            {QStringLiteral("business_account_id"), c.businessAccountId},
            // Admins paste the verify token into Meta's dashboard.
            {QStringLiteral("webhook_verify_token"), admin ? c.webhookVerifyToken : maskSecret(c.webhookVerifyToken)},
            {QStringLiteral("app_secret"), maskSecret(c.appSecret)},
            {QStringLiteral("has_app_secret"), !c.appSecret.isEmpty()},
            {QStringLiteral("fallback_enabled"), c.fallbackEnabled},
            {QStringLiteral("throughput_per_second"), c.throughputPerSecond},
            {QStringLiteral("connection_status"), c.connectionStatus},
            {QStringLiteral("last_error"), c.lastError.isEmpty() ? QJsonValue() : QJsonValue(c.lastError)},
            {QStringLiteral("updated_at"), c.updatedAt},
            // What the last successful test of this configuration found
            // (null until one succeeds, and again after the number changes).
            {QStringLiteral("display_phone_number"), orNull(c.displayPhoneNumber)},
            {QStringLiteral("verified_name"), orNull(c.verifiedName)},
            {QStringLiteral("quality_rating"), orNull(c.qualityRating)},
            {QStringLiteral("messaging_limit"), orNull(c.messagingLimit)},
            {QStringLiteral("checked_at"), c.checkedAt ? QJsonValue(c.checkedAt) : QJsonValue()}};
}
} // namespace

void registerWhatsAppRoutes(Router &router, Environment &env)
{
    router.add(Method::Get, QStringLiteral("/api/whatsapp/config"), Access::agents(), [&env](Request &r) {
        auto config = WhatsAppConfigRepository(env.db, env.keyring).find(r.principal.tenant, ApiType::BusinessApi);
        if (!config)
            return fromError(config.error());
        const bool admin = r.principal.role != Role::Agent;
        QJsonObject out = config.value() ? configJson(*config.value(), admin)
                                         : QJsonObject{{QStringLiteral("configured"), false}, {QStringLiteral("connection_status"), QStringLiteral("not_configured")}};
        out.insert(QStringLiteral("webhook_url"), webhookUrl(env, r));
        return Reply::json(out);
    });

    router.add(Method::Post, QStringLiteral("/api/whatsapp/config"), Access::tenantAdmins(), [&env](Request &r) {
        BodyReader body{r.json, {}};
        const QString apiType = body.string(QStringLiteral("api_type")).value_or(QStringLiteral("business_api"));
        const auto token = body.string(QStringLiteral("business_api_token"), false, 4096);
        const auto phoneNumberId = body.string(QStringLiteral("phone_number_id"), true, 32);
        const auto wabaId = body.string(QStringLiteral("business_account_id"), true, 32);
        const auto verifyToken = body.string(QStringLiteral("webhook_verify_token"), false, 200);
        const auto appSecret = body.string(QStringLiteral("app_secret"), false, 200);
        const auto fallback = body.boolean(QStringLiteral("fallback_enabled"));
        const auto throughput = body.integer(QStringLiteral("throughput_per_second"));
        if (body.error)
            return *body.error;
        if (apiType != QLatin1String("business_api"))
            return Reply::error(422, QStringLiteral("invalid_field"),
                                apiType == QLatin1String("whatsapp_web")
                                    ? QStringLiteral("the WhatsApp Web connection is not available yet; use business_api")
                                    : QStringLiteral("api_type must be business_api"),
                                QStringLiteral("api_type"));
        if (fallback.value_or(false))
            return Reply::error(422, QStringLiteral("invalid_field"),
                                QStringLiteral("there is no fallback connection to enable yet (the WhatsApp Web gateway is not available)"),
                                QStringLiteral("fallback_enabled"));
        if (throughput && (*throughput < 1 || *throughput > 1000))
            return Reply::error(422, QStringLiteral("invalid_field"),
                                QStringLiteral("throughput_per_second is Meta's limit for this number: 80 by default, at most 1,000"),
                                QStringLiteral("throughput_per_second"));
        if (!digitsOnly(phoneNumberId->trimmed()))
            return Reply::error(422, QStringLiteral("invalid_phone_number_id"),
                                QStringLiteral("the phone number ID is the number's ID from WhatsApp Manager: digits only, not the phone number"),
                                QStringLiteral("phone_number_id"));
        if (!digitsOnly(wabaId->trimmed()))
            return Reply::error(422, QStringLiteral("invalid_business_account_id"),
                                QStringLiteral("the WhatsApp Business account ID is digits only"), QStringLiteral("business_account_id"));

        WhatsAppConfigRepository repo(env.db, env.keyring);
        auto previous = repo.find(r.principal.tenant, ApiType::BusinessApi);
        if (!previous)
            return fromError(previous.error());
        WhatsAppConfig c = previous.value().value_or(WhatsAppConfig());
        // Secrets left out keep their stored value (the console shows them
        // masked and sends them only when changed).
        if (token)
            c.businessApiToken = token->trimmed();
        if (c.businessApiToken.isEmpty())
            return Reply::error(422, QStringLiteral("missing_field"), QStringLiteral("paste the access token from Meta"), QStringLiteral("business_api_token"));
        if (appSecret)
            c.appSecret = appSecret->trimmed();
        c.phoneNumberId = phoneNumberId->trimmed();
        c.businessAccountId = wabaId->trimmed();
        if (verifyToken)
            c.webhookVerifyToken = verifyToken->trimmed();
        if (c.webhookVerifyToken.isEmpty())
            c.webhookVerifyToken = crypto::randomToken(24);
        c.fallbackEnabled = false;
        if (throughput)
            c.throughputPerSecond = int(*throughput);
        c.apiType = ApiType::BusinessApi;
        c.active = true;
        auto saved = repo.save(r.principal.tenant, c, r.actor());
        if (!saved)
            return fromError(saved.error());
        QJsonObject out = configJson(saved.value(), true);
        out.insert(QStringLiteral("webhook_url"), webhookUrl(env, r));
        return Reply::json(out, previous.value() ? 200 : 201);
    });

    router.add(Method::Post, QStringLiteral("/api/whatsapp/test-connection"), Access::tenantAdmins(), AsyncHandler([&env](Request &r) -> QFuture<Reply> {
        const auto now = [](Reply reply) { return QtFuture::makeReadyFuture(std::move(reply)); };
        BodyReader body{r.json, {}};
        const auto token = body.string(QStringLiteral("business_api_token"), false, 4096);
        const auto phoneNumberId = body.string(QStringLiteral("phone_number_id"), false, 32);
        if (body.error)
            return now(*body.error);
        WhatsAppConfigRepository repo(env.db, env.keyring);
        auto saved = repo.find(r.principal.tenant, ApiType::BusinessApi);
        if (!saved)
            return now(fromError(saved.error()));
        // Values from the body test what the admin typed before saving it.
        QString useToken = token ? token->trimmed() : QString();
        QString useNumber = phoneNumberId ? phoneNumberId->trimmed() : QString();
        if (useToken.isEmpty() && saved.value())
            useToken = saved.value()->businessApiToken;
        if (useNumber.isEmpty() && saved.value())
            useNumber = saved.value()->phoneNumberId;
        if (useToken.isEmpty())
            return now(Reply::error(422, QStringLiteral("missing_field"), QStringLiteral("paste the access token from Meta"),
                                    QStringLiteral("business_api_token")));
        if (!digitsOnly(useNumber))
            return now(Reply::error(422, QStringLiteral("invalid_phone_number_id"),
                                    QStringLiteral("the phone number ID is the number's ID from WhatsApp Manager: digits only"),
                                    QStringLiteral("phone_number_id")));
        const bool testsSaved = saved.value() && useToken == saved.value()->businessApiToken && useNumber == saved.value()->phoneNumberId;
        const TenantId tenant = r.principal.tenant;
        // Meta answers on the Graph thread; the rest runs on the pool.
        return PoolGate::after(env.gate, env.graph.phoneNumber(useNumber, useToken),
                               [&env, tenant, testsSaved, useNumber](const std::variant<meta::PhoneNumberInfo, meta::GraphError> &result) {
            WhatsAppConfigRepository configs(env.db, env.keyring);
            if (const auto *e = std::get_if<meta::GraphError>(&result)) {
                if (testsSaved)
                    (void)configs.setConnectionStatus(tenant, ApiType::BusinessApi, QStringLiteral("failing"), e->explain());
                return Reply::json(QJsonObject{{QStringLiteral("ok"), false},
                                               {QStringLiteral("error"), QJsonObject{{QStringLiteral("kind"), e->kindName()},
                                                                                     {QStringLiteral("code"), e->code},
                                                                                     {QStringLiteral("subcode"), e->subcode},
                                                                                     {QStringLiteral("message"), e->message},
                                                                                     {QStringLiteral("explanation"), e->explain()},
                                                                                     {QStringLiteral("fbtrace_id"), e->fbtraceId}}}});
            }
            const auto &info = std::get<meta::PhoneNumberInfo>(result);
            QString digits = info.displayPhoneNumber;
            digits.remove(QRegularExpression(QStringLiteral("[^0-9]")));
            const QString displayNumber = formatPhoneNumberForDisplay(QLatin1Char('+') + digits);
            // Only a test of the stored values describes the stored number.
            if (testsSaved)
                (void)configs.recordSuccessfulTest(tenant, ApiType::BusinessApi, useNumber,
                                                {displayNumber, info.verifiedName, info.qualityRating, info.messagingLimit});
            return Reply::json(QJsonObject{{QStringLiteral("ok"), true},
                                           {QStringLiteral("phone_number"), QJsonObject{
                                                {QStringLiteral("id"), info.id},
                                                {QStringLiteral("display_phone_number"), displayNumber},
                                                {QStringLiteral("verified_name"), info.verifiedName},
                                                {QStringLiteral("quality_rating"), info.qualityRating},
                                                {QStringLiteral("status"), info.status},
                                                {QStringLiteral("messaging_limit"), info.messagingLimit},
                                                {QStringLiteral("throughput"), info.throughputLevel},
                                                {QStringLiteral("code_verification_status"), info.codeVerificationStatus}}}});
        });
    }));

    router.add(Method::Get, QStringLiteral("/api/whatsapp/templates"), Access::agents(ApiScope::ConversationsRead), [&env](Request &r) {
        auto list = TemplateService(env.db, env.keyring).list(r.principal.tenant);
        if (!list)
            return fromError(list.error());
        return Reply::json(QJsonObject{{QStringLiteral("items"), list.value()}});
    });

    router.add(Method::Post, QStringLiteral("/api/whatsapp/templates/sync"), Access::tenantAdmins(), AsyncHandler([&env](Request &r) -> QFuture<Reply> {
        auto channel = WhatsAppConfigRepository(env.db, env.keyring).channel(r.principal.tenant);
        if (!channel)
            return QtFuture::makeReadyFuture(fromError(channel.error()));
        if (!channel.value() || channel.value()->wabaId.isEmpty())
            return QtFuture::makeReadyFuture(Reply::error(409, QStringLiteral("whatsapp_not_configured"),
                                                          QStringLiteral("WhatsApp is not connected for this company yet")));
        const TenantId tenant = r.principal.tenant;
        const QString waba = channel.value()->wabaId;
        const Actor actor = r.actor();
        return PoolGate::after(env.gate, env.graph.templates(waba, channel.value()->token),
                               [&env, tenant, waba, actor](const std::variant<QList<meta::Template>, meta::GraphError> &listed) {
            TemplateService templates(env.db, env.keyring);
            auto synced = templates.store(tenant, waba, listed);
            if (!synced) {
                if (synced.error().code.startsWith(QLatin1String("graph_")))
                    return Reply::error(502, synced.error().code, synced.error().message);
                return fromError(synced.error());
            }
            auto list = templates.list(tenant);
            if (!list)
                return fromError(list.error());
            (void)AuditLog::record(env.db, actor, tenant, QStringLiteral("templates.synced"), QStringLiteral("templates"), {},
                                   {{QStringLiteral("count"), synced.value()}});
            return Reply::json(QJsonObject{{QStringLiteral("synced"), synced.value()}, {QStringLiteral("items"), list.value()}});
        });
    }));
}

} // namespace puente::server::api
