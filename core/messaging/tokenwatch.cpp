#include "messaging/tokenwatch.h"

#include "logging/logging.h"
#include "storage/auditlog.h"
#include "storage/database.h"
#include "storage/sql.h"
#include "storage/whatsappconfigrepository.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTimeZone>

namespace puente {

namespace {
constexpr qint64 kDayMs = 24LL * 3600 * 1000;
const Actor kSystem{QStringLiteral("system")};

template<typename T>
T waitFor(QFuture<T> future)
{
    future.waitForFinished();
    return future.result();
}
} // namespace

TokenWatch::TokenWatch(Database &db, crypto::KeyringPtr keyring, EventBus *bus, meta::GraphClient &graph, TokenWatchSettings settings)
    : m_db(db)
    , m_keyring(std::move(keyring))
    , m_bus(bus)
    , m_graph(graph)
    , m_settings(std::move(settings))
{
}

TokenWatch::~TokenWatch()
{
    stop();
}

void TokenWatch::start()
{
    if (m_worker.running())
        return;
    m_worker.start([this] {
        // The first round a little after start, then every minute.
        if (!m_worker.sleepFor(std::chrono::seconds(5)))
            return;
        do
            checkDue();
        while (m_worker.waitForWork(std::chrono::minutes(1)));
    });
}

void TokenWatch::stop()
{
    m_worker.stop();
}

qint64 TokenWatch::now() const
{
    return m_settings.clock ? m_settings.clock() : nowMs();
}

TokenState TokenWatch::stateFrom(const meta::TokenInspection &inspection, const QString &wabaId, qint64 nowMs)
{
    TokenState t;
    t.type = inspection.type;
    t.expiresAt = inspection.expiresAt > 0 ? inspection.expiresAt * 1000 : inspection.valid ? 0 : -1;
    t.scopes = inspection.scopes;
    t.checkedAt = nowMs;
    if (auto ok = meta::checkTokenFor(inspection, wabaId, nowMs / 1000); !ok)
        t.problem = ok.error().message;
    return t;
}

QString TokenWatch::inspectorFor(const WhatsAppConfig &config, const QString &inputToken, const TokenWatchSettings &settings)
{
    if (const QString own = meta::appAccessToken(config.appId, config.appSecret); !own.isEmpty())
        return own;
    if (config.appSecret.isEmpty())
        if (const QString platform = meta::appAccessToken(settings.platformAppId, settings.platformAppSecret); !platform.isEmpty())
            return platform;
    return inputToken;
}

int TokenWatch::warningDue(qint64 msLeft, int warnedDays)
{
    for (int days : {1, 7, 14})
        if (msLeft <= days * kDayMs)
            return warnedDays > 0 && warnedDays <= days ? 0 : days;
    return 0;
}

void TokenWatch::checkSoon(TenantId tenant)
{
    {
        std::lock_guard lock(m_soonMutex);
        m_soon.insert(tenant.value);
    }
    m_worker.wake();
}

int TokenWatch::checkDue()
{
    QSet<qint64> soon;
    {
        std::lock_guard lock(m_soonMutex);
        soon.swap(m_soon);
    }
    auto due = WhatsAppConfigRepository(m_db, m_keyring).tokenCheckTimes();
    if (!due) {
        qCWarning(lcStorage).noquote() << "token watch:" << due.error().message;
        return 0;
    }
    const qint64 at = now();
    int checked = 0;
    for (const auto &[tenant, checkedAt] : std::as_const(due.value())) {
        if (m_worker.stopping())
            break;
        // Meta unreachable: try again in an hour, not every minute.
        if (!soon.contains(tenant.value) && (at - checkedAt < m_settings.checkEveryMs || at - m_triedAt.value(tenant.value) < 3600 * 1000))
            continue;
        if (auto s = check(tenant); !s) {
            m_triedAt.insert(tenant.value, at);
            qCInfo(lcHttp).noquote() << "access token of tenant" << tenant.value << "not inspected:" << s.error().message;
            continue;
        }
        m_triedAt.remove(tenant.value);
        ++checked;
    }
    return checked;
}

Status TokenWatch::announce(TenantId tenant, const protocol::TokenNotice &notice, const QString &auditAction)
{
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    QJsonObject data = protocol::toJson(notice);
    if (!auditAction.isEmpty())
        if (auto s = AuditLog::append(tx.connection(), kSystem, tenant, auditAction, QStringLiteral("whatsapp_config"),
                                      QStringLiteral("business_api"), data);
            !s)
            return s.error();
    auto event = EventLog::append(tx.connection(), tenant, QStringLiteral("whatsapp.token"), data);
    if (!event)
        return event.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    if (m_bus)
        m_bus->publish(QList<Event>{event.value()});
    return {};
}

Result<TokenState> TokenWatch::check(TenantId tenant)
{
    WhatsAppConfigRepository configs(m_db, m_keyring);
    auto found = configs.find(tenant, ApiType::BusinessApi);
    if (!found)
        return found.error();
    if (!found.value() || found.value()->businessApiToken.isEmpty())
        return makeError("whatsapp_not_configured", QStringLiteral("no access token is stored for this company"));
    const WhatsAppConfig config = *found.value();
    const QString token = config.businessApiToken;
    const qint64 at = now();

    auto inspected = waitFor(meta::debugToken(m_graph, token, inspectorFor(config, token, m_settings)));
    meta::TokenInspection inspection;
    if (const auto *e = std::get_if<meta::GraphError>(&inspected)) {
        // Meta refusing the token that inspects itself is an answer about
        // the token; anything else (network, Meta down) is no answer.
        const bool selfInspected = inspectorFor(config, token, m_settings) == token;
        if (!(selfInspected && e->kind == meta::GraphError::Kind::Unauthorized)) {
            if (e->kind == meta::GraphError::Kind::Unauthorized)
                qCWarning(lcHttp).noquote() << "the access token of tenant" << tenant.value
                                            << "cannot be inspected: Meta refused the app's ID and secret:" << e->explain();
            return Error{QStringLiteral("graph_") + e->kindName(), e->explain()};
        }
        inspection.error = e->message;
        inspection.errorCode = e->code;
        inspection.errorSubcode = e->subcode;
    } else {
        inspection = std::get<meta::TokenInspection>(inspected);
    }
    TokenState state = stateFrom(inspection, config.businessAccountId, at);
    const bool expired = meta::checkTokenFor(inspection, config.businessAccountId, at / 1000).error().code == QLatin1String("token_expired");
    if (state.expiresAt < 0 && config.token.expiresAt > 0)
        state.expiresAt = config.token.expiresAt; // a refusal says no date: the one known stands
    state.warnedDays = config.token.warnedDays;
    state.renewedAt = config.token.renewedAt;
    state.renewalError = config.token.renewalError;

    // Renewal: a user token of the company's own app with less than two
    // weeks left is exchanged for a long-lived one.
    const bool renewable = !config.appId.isEmpty() && !config.appSecret.isEmpty() && state.type == QLatin1String("USER");
    if (renewable && state.problem.isEmpty() && state.expiresAt > 0 && state.expiresAt - at < m_settings.renewWithinMs) {
        auto exchanged = waitFor(meta::exchangeToken(m_graph, config.appId, config.appSecret, token));
        QString failure;
        if (const auto *e = std::get_if<meta::GraphError>(&exchanged)) {
            failure = e->explain();
        } else {
            const QString renewed = std::get<meta::ExchangedToken>(exchanged).accessToken;
            auto again = waitFor(meta::debugToken(m_graph, renewed, inspectorFor(config, renewed, m_settings)));
            if (const auto *refused = std::get_if<meta::GraphError>(&again)) {
                failure = refused->explain();
            } else {
                TokenState fresh = stateFrom(std::get<meta::TokenInspection>(again), config.businessAccountId, at);
                if (!fresh.problem.isEmpty()) {
                    failure = fresh.problem;
                } else if (fresh.expiresAt > 0 && fresh.expiresAt - at < m_settings.renewWithinMs) {
                    // Not a renewal (the same expiry, or barely later): the
                    // warnings must go on.
                    failure = QStringLiteral("Meta's new token expires too soon, at %1")
                                  .arg(QDateTime::fromMSecsSinceEpoch(fresh.expiresAt, QTimeZone::utc()).toString(Qt::ISODate));
                } else {
                    fresh.renewedAt = at;
                    const QJsonObject details{{QStringLiteral("previous_expires_at"), state.expiresAt},
                                              {QStringLiteral("expires_at"), fresh.expiresAt}};
                    auto replaced = configs.replaceToken(tenant, token, renewed, fresh, kSystem, details);
                    if (!replaced)
                        return replaced.error();
                    if (!replaced.value()) { // an admin saved another token meanwhile: theirs stands
                        auto now = configs.find(tenant, ApiType::BusinessApi);
                        if (!now)
                            return now.error();
                        return now.value() ? now.value()->token : TokenState();
                    }
                    qCInfo(lcHttp).noquote() << "access token of tenant" << tenant.value << "renewed; it now expires at" << fresh.expiresAt;
                    // The audit entry is replaceToken's; the consoles hear it too.
                    if (auto s = announce(tenant, {protocol::TokenNoticeKind::Renewed, std::nullopt, fresh.expiresAt, std::nullopt}, {}); !s)
                        qCWarning(lcHttp).noquote() << "the renewal of tenant" << tenant.value << "was not announced:" << s.error().message;
                    return fresh;
                }
            }
        }
        qCWarning(lcHttp).noquote() << "access token of tenant" << tenant.value << "could not be renewed:" << failure;
        const bool sameFailure = config.token.renewalError == failure;
        state.renewalError = failure;
        if (sameFailure) {
            // Said already; tried again each day.
        } else if (auto s = announce(tenant, {protocol::TokenNoticeKind::RenewalFailed, std::nullopt, state.expiresAt,
                                       QStringLiteral("the access token could not be renewed: %1").arg(failure)},
                              QStringLiteral("whatsapp_config.token_renewal_failed"));
            !s)
            return s.error();
    }

    // Warnings, each once per token.
    if (!state.problem.isEmpty()) {
        if (config.token.problem != state.problem) {
            if (auto s = announce(tenant, {expired ? protocol::TokenNoticeKind::Expired : protocol::TokenNoticeKind::Refused, std::nullopt,
                                           state.expiresAt > 0 ? std::optional<qint64>(state.expiresAt) : std::nullopt, state.problem},
                                  expired ? QStringLiteral("whatsapp_config.token_expired") : QStringLiteral("whatsapp_config.token_refused"));
                !s)
                return s.error();
        }
    } else if (state.expiresAt > 0) {
        if (const int days = warningDue(state.expiresAt - at, state.warnedDays); days > 0) {
            const qint64 left = (state.expiresAt - at + kDayMs - 1) / kDayMs;
            if (auto s = announce(tenant, {protocol::TokenNoticeKind::Expiring, left, state.expiresAt, std::nullopt},
                                  QStringLiteral("whatsapp_config.token_expiring"));
                !s)
                return s.error();
            state.warnedDays = days;
        }
    }
    if (auto s = configs.recordTokenInspection(tenant, token, state); !s)
        return s.error();
    return state;
}

} // namespace puente
