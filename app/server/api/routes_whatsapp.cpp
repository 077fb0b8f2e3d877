// The tenant's WhatsApp configuration and its connection test.
#include "accounts/apikeys.h"
#include "crypto/crypto.h"
#include "messaging/templates.h"
#include "messaging/tokenwatch.h"
#include "meta/accesstoken.h"
#include "domain/phonenumber.h"
#include "config/settings.h"
#include "servercontext.h"
#include "http/requestparser.h"
#include "restapi.h"
#include "storage/whatsappconfigrepository.h"

#include <QHash>
#include <QMutex>
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

// The last test of values typed but not saved yet, per company: saving
// exactly those values keeps what that test found (the page then shows the
// number Meta described, not "not checked yet"). Kept 30 minutes, in this
// process (a test and its save go to the same node behind nginx's
// keepalive; another node just shows "not checked yet", as before).
class TypedValueTests {
public:
    struct Outcome {
        bool ok = false;
        ConnectionCheck found;
        QString reason;
    };
    void remember(TenantId tenant, const QString &token, const QString &number, const Outcome &outcome)
    {
        QMutexLocker lock(&m_mutex);
        if (m_entries.size() > 1000)
            m_entries.clear();
        m_entries.insert(key(tenant, token, number), {outcome, nowMs()});
    }
    std::optional<Outcome> take(TenantId tenant, const QString &token, const QString &number)
    {
        QMutexLocker lock(&m_mutex);
        const auto entry = m_entries.take(key(tenant, token, number));
        if (entry.at == 0 || nowMs() - entry.at > 30 * 60 * 1000)
            return std::nullopt;
        return entry.outcome;
    }

private:
    static QString key(TenantId tenant, const QString &token, const QString &number)
    {
        // The token itself is not kept, only a digest of it.
        return QString::number(tenant.value) + QLatin1Char(':')
               + QString::fromLatin1(crypto::sha256((token + QLatin1Char('\x1f') + number).toUtf8()).toHex());
    }
    struct Entry {
        Outcome outcome;
        qint64 at = 0;
    };
    QMutex m_mutex;
    QHash<QString, Entry> m_entries;
};

TypedValueTests &typedValueTests()
{
    static TypedValueTests tests;
    return tests;
}

protocol::WhatsAppConfig configView(const WhatsAppConfig &c, bool admin, const QString &webhookUrl)
{
    const auto orNull = [](const QString &s) { return s.isEmpty() ? std::nullopt : std::optional<QString>(s); };
    protocol::WhatsAppConfig out;
    out.configured = true;
    out.apiType = protocol::ApiType::BusinessApi;
    out.businessApiToken = maskSecret(c.businessApiToken);
    out.hasToken = !c.businessApiToken.isEmpty();
    out.phoneNumberId = c.phoneNumberId;
    out.businessAccountId = c.businessAccountId;
    // Admins paste the verify token into Meta's dashboard.
    out.webhookVerifyToken = admin ? c.webhookVerifyToken : maskSecret(c.webhookVerifyToken);
    out.appSecret = maskSecret(c.appSecret);
    out.hasAppSecret = !c.appSecret.isEmpty();
    out.fallbackEnabled = c.fallbackEnabled;
    out.throughputPerSecond = c.throughputPerSecond;
    out.connectionStatus = protocol::enumFromName<protocol::ConnectionStatus>(c.connectionStatus).value_or(protocol::ConnectionStatus::Unknown);
    out.lastError = orNull(c.lastError);
    out.updatedAt = c.updatedAt;
    // What the last successful test of this configuration found (null
    // until one succeeds, and again after the number changes).
    out.displayPhoneNumber = orNull(c.displayPhoneNumber);
    out.verifiedName = orNull(c.verifiedName);
    out.qualityRating = orNull(c.qualityRating);
    out.messagingLimit = orNull(c.messagingLimit);
    if (c.checkedAt)
        out.checkedAt = c.checkedAt;
    out.webhookUrl = webhookUrl;
    if (!c.appId.isEmpty())
        out.appId = c.appId;
    out.token = accessTokenInfo(c);
    return out;
}
} // namespace

void registerWhatsAppRoutes(Router &router, Environment &env)
{
    router.add<route::GetWhatsAppConfig>(Access::agents(), [&env](Request &r) {
        auto config = WhatsAppConfigRepository(env.db, env.keyring).find(r.principal.tenant, ApiType::BusinessApi);
        if (!config)
            return fromError(config.error());
        if (!config.value()) // only configured, connection_status and webhook_url
            return Reply::json(protocol::toJson(protocol::UnconfiguredWhatsApp{false, protocol::ConnectionStatus::NotConfigured, webhookUrl(env, r)}));
        return answer<route::GetWhatsAppConfig>(configView(*config.value(), r.principal.role != Role::Agent, webhookUrl(env, r)));
    });

    router.addAsync<route::SaveWhatsAppConfig>(Access::tenantAdmins(), [&env](Request &r, const protocol::WhatsAppConfigInput &input) -> QFuture<Reply> {
        const auto now = [](Reply reply) { return QtFuture::makeReadyFuture(std::move(reply)); };
        const QString apiType = input.apiType.isEmpty() ? QStringLiteral("business_api") : input.apiType;
        const auto &token = input.businessApiToken;
        const QString phoneNumberId = input.phoneNumberId.trimmed();
        const QString wabaId = input.businessAccountId.trimmed();
        const auto &verifyToken = input.webhookVerifyToken;
        const auto &appSecret = input.appSecret;
        const auto &fallback = input.fallbackEnabled;
        const auto &throughput = input.throughputPerSecond;
        if (apiType != QLatin1String("business_api"))
            return now(problem(ErrorCode::InvalidField,
                                apiType == QLatin1String("whatsapp_web")
                                    ? QStringLiteral("the WhatsApp Web connection is not available yet; use business_api")
                                    : QStringLiteral("api_type must be business_api"),
                                QStringLiteral("api_type")));
        if (fallback.value_or(false))
            return now(problem(ErrorCode::InvalidField,
                                QStringLiteral("there is no fallback connection to enable yet (the WhatsApp Web gateway is not available)"),
                                QStringLiteral("fallback_enabled")));
        if (throughput && (*throughput < 1 || *throughput > 1000))
            return now(problem(ErrorCode::InvalidField,
                                QStringLiteral("throughput_per_second is Meta's limit for this number: 80 by default, at most 1,000"),
                                QStringLiteral("throughput_per_second")));
        if (!digitsOnly(phoneNumberId))
            return now(problem(ErrorCode::InvalidPhoneNumberId,
                                QStringLiteral("the phone number ID is the number's ID from WhatsApp Manager: digits only, not the phone number"),
                                QStringLiteral("phone_number_id")));
        if (!digitsOnly(wabaId))
            return now(problem(ErrorCode::InvalidBusinessAccountId,
                                QStringLiteral("the WhatsApp Business account ID is digits only"), QStringLiteral("business_account_id")));
        if (input.appId && !input.appId->trimmed().isEmpty() && !digitsOnly(input.appId->trimmed()))
            return now(problem(ErrorCode::InvalidField, QStringLiteral("the Meta app ID is digits only (App settings → Basic)"),
                               QStringLiteral("app_id")));

        WhatsAppConfigRepository repo(env.db, env.keyring);
        auto previous = repo.find(r.principal.tenant, ApiType::BusinessApi);
        if (!previous)
            return now(fromError(previous.error()));
        WhatsAppConfig c = previous.value().value_or(WhatsAppConfig());
        // Secrets left out keep their stored value (the console shows them
        // masked and sends them only when changed).
        if (token)
            c.businessApiToken = token->trimmed();
        if (c.businessApiToken.isEmpty())
            return now(problem(ErrorCode::MissingField, QStringLiteral("paste the access token from Meta"), QStringLiteral("business_api_token")));
        if (appSecret)
            c.appSecret = appSecret->trimmed();
        if (input.appId)
            c.appId = input.appId->trimmed();
        c.phoneNumberId = phoneNumberId;
        c.businessAccountId = wabaId;
        if (verifyToken)
            c.webhookVerifyToken = verifyToken->trimmed();
        if (c.webhookVerifyToken.isEmpty())
            c.webhookVerifyToken = crypto::randomToken(24);
        c.fallbackEnabled = false;
        if (throughput)
            c.throughputPerSecond = int(*throughput);
        c.apiType = ApiType::BusinessApi;
        c.active = true;

        const TenantId tenant = r.principal.tenant;
        const Actor actor = r.actor();
        const bool created = !previous.value();
        const QString url = webhookUrl(env, r);
        auto store = [&env, tenant, actor, created, url](const WhatsAppConfig &config) {
            WhatsAppConfigRepository configs(env.db, env.keyring);
            auto saved = configs.save(tenant, config, actor);
            if (!saved)
                return fromError(saved.error());
            // The values just tested in the form keep that test's result.
            if (const auto tested = typedValueTests().take(tenant, config.businessApiToken, config.phoneNumberId)) {
                if (tested->ok)
                    (void)configs.recordSuccessfulTest(tenant, ApiType::BusinessApi, config.phoneNumberId, tested->found);
                else
                    (void)configs.setConnectionStatus(tenant, ApiType::BusinessApi, QStringLiteral("failing"), tested->reason);
                if (auto again = configs.find(tenant, ApiType::BusinessApi); again && again.value())
                    saved = *again.value();
            }
            // Warnings and renewal are the watch's: a token that expires
            // within two weeks is looked at again now.
            const TokenState &t = saved.value().token;
            if (env.tokenWatch && (t.checkedAt == 0 || (t.expiresAt > 0 && t.expiresAt - nowMs() < TokenWatchSettings().renewWithinMs)))
                env.tokenWatch->checkSoon(tenant);
            return answer<route::SaveWhatsAppConfig>(configView(saved.value(), true, url), created ? 201 : 200);
        };
        // An unchanged token for the same account keeps its inspection.
        const bool inspect = created || previous.value()->businessApiToken != c.businessApiToken
                             || previous.value()->businessAccountId != c.businessAccountId || previous.value()->appId != c.appId
                             || previous.value()->appSecret != c.appSecret || previous.value()->token.checkedAt == 0;
        if (!inspect)
            return now(store(c));
        const QString inspector = TokenWatch::inspectorFor(c, c.businessApiToken, tokenWatchSettings(env.settings));
        // Meta is asked what the token is before it is stored: one that is
        // not valid, has expired, lacks a permission or is not granted for
        // this account is refused, saying which.
        // The same token keeps its warnings and renewal history.
        const std::optional<TokenState> kept = !created && previous.value()->businessApiToken == c.businessApiToken
                                                   ? std::optional<TokenState>(previous.value()->token)
                                                   : std::nullopt;
        const bool ownApp = !meta::appAccessToken(c.appId, c.appSecret).isEmpty();
        return PoolGate::after(env.gate, meta::debugToken(env.graph, c.businessApiToken, inspector),
                               [c, store, inspector, kept, ownApp](const std::variant<meta::TokenInspection, meta::GraphError> &result) mutable {
            if (const auto *e = std::get_if<meta::GraphError>(&result)) {
                if (inspector == c.businessApiToken && e->kind == meta::GraphError::Kind::Unauthorized)
                    return problem(ErrorCode::TokenInvalid, QStringLiteral("Meta refused this access token: %1").arg(e->explain()),
                                   QStringLiteral("business_api_token"));
                // The company's own app token refused: its app id or secret is wrong.
                if (ownApp && e->kind == meta::GraphError::Kind::Unauthorized)
                    return problem(ErrorCode::InvalidField,
                                   QStringLiteral("Meta refused this app ID and app secret (%1); copy both from App settings → Basic")
                                       .arg(e->message),
                                   QStringLiteral("app_secret"));
                // Meta could not be asked: saved, inspected by the watch later.
                c.token = TokenState();
                return store(c);
            }
            const auto &inspection = std::get<meta::TokenInspection>(result);
            if (auto ok = meta::checkTokenFor(inspection, c.businessAccountId, nowMs() / 1000); !ok)
                return fromError(ok.error());
            c.token = TokenWatch::stateFrom(inspection, c.businessAccountId, nowMs());
            if (kept) {
                c.token.warnedDays = kept->warnedDays;
                c.token.renewedAt = kept->renewedAt;
                c.token.renewalError = kept->renewalError;
            }
            return store(c);
        });
    });

    router.addAsync<route::TestConnection>(Access::tenantAdmins(), [&env](Request &r, const protocol::TestConnection &body) -> QFuture<Reply> {
        const auto now = [](Reply reply) { return QtFuture::makeReadyFuture(std::move(reply)); };
        const auto &token = body.businessApiToken;
        const auto &phoneNumberId = body.phoneNumberId;
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
            return now(problem(ErrorCode::MissingField, QStringLiteral("paste the access token from Meta"),
                                    QStringLiteral("business_api_token")));
        if (!digitsOnly(useNumber))
            return now(problem(ErrorCode::InvalidPhoneNumberId,
                                    QStringLiteral("the phone number ID is the number's ID from WhatsApp Manager: digits only"),
                                    QStringLiteral("phone_number_id")));
        const bool testsSaved = saved.value() && useToken == saved.value()->businessApiToken && useNumber == saved.value()->phoneNumberId;
        const TenantId tenant = r.principal.tenant;
        // Meta answers on the Graph thread; the rest runs on the pool.
        return PoolGate::after(env.gate, env.graph.phoneNumber(useNumber, useToken),
                               [&env, tenant, testsSaved, useNumber, useToken](const std::variant<meta::PhoneNumberInfo, meta::GraphError> &result) {
            WhatsAppConfigRepository configs(env.db, env.keyring);
            if (const auto *e = std::get_if<meta::GraphError>(&result)) {
                if (testsSaved)
                    (void)configs.setConnectionStatus(tenant, ApiType::BusinessApi, QStringLiteral("failing"), e->explain());
                else
                    typedValueTests().remember(tenant, useToken, useNumber, {false, {}, e->explain()});
                return answer<route::TestConnection>(
                    {false, {}, protocol::TestFailure{e->kindName(), e->code, e->subcode, e->message, e->explain(), e->fbtraceId}});
            }
            const auto &info = std::get<meta::PhoneNumberInfo>(result);
            QString digits = info.displayPhoneNumber;
            digits.remove(QRegularExpression(QStringLiteral("[^0-9]")));
            const QString displayNumber = formatPhoneNumberForDisplay(QLatin1Char('+') + digits);
            // Only a test of the stored values describes the stored number.
            const ConnectionCheck found{displayNumber, info.verifiedName, info.qualityRating, info.messagingLimit};
            if (testsSaved)
                (void)configs.recordSuccessfulTest(tenant, ApiType::BusinessApi, useNumber, found);
            else
                typedValueTests().remember(tenant, useToken, useNumber, {true, found, {}});
            return answer<route::TestConnection>({true,
                                                  protocol::TestedNumber{info.id, displayNumber, info.verifiedName, info.qualityRating, info.status,
                                                                         info.messagingLimit, info.throughputLevel, info.codeVerificationStatus},
                                                  {}});
        });
    });

    router.add<route::ListTemplates>(Access::agents(ApiScope::ConversationsRead), [&env](Request &r) {
        auto list = TemplateService(env.db, env.keyring).list(r.principal.tenant);
        if (!list)
            return fromError(list.error());
        return answer<route::ListTemplates>({list.value()});
    });

    router.addAsync<route::SyncTemplates>(Access::tenantAdmins(), [&env](Request &r) -> QFuture<Reply> {
        auto channel = WhatsAppConfigRepository(env.db, env.keyring).channel(r.principal.tenant);
        if (!channel)
            return QtFuture::makeReadyFuture(fromError(channel.error()));
        if (!channel.value() || channel.value()->wabaId.isEmpty())
            return QtFuture::makeReadyFuture(problem(ErrorCode::WhatsAppNotConfigured,
                                                          QStringLiteral("WhatsApp is not connected for this company yet")));
        const TenantId tenant = r.principal.tenant;
        const QString waba = channel.value()->wabaId;
        const Actor actor = r.actor();
        return PoolGate::after(env.gate, env.graph.templates(waba, channel.value()->token),
                               [&env, tenant, waba, actor](const std::variant<QList<meta::Template>, meta::GraphError> &listed) {
            TemplateService templates(env.db, env.keyring);
            auto synced = templates.store(tenant, waba, listed);
            if (!synced)
                return fromError(synced.error()); // graph_<kind>: 502
            auto list = templates.list(tenant);
            if (!list)
                return fromError(list.error());
            (void)AuditLog::record(env.db, actor, tenant, QStringLiteral("templates.synced"), QStringLiteral("templates"), {},
                                   {{QStringLiteral("count"), synced.value()}});
            return answer<route::SyncTemplates>({synced.value(), list.value()});
        });
    });
}

} // namespace puente::server::api
