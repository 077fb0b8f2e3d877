#include "storage/health.h"

#include "storage/sql.h"
#include "storage/whatsappconfigrepository.h"

#include <QJsonArray>

namespace puente::Health {

namespace {
std::optional<QString> text(const Sql &q, int i)
{
    return q.isNull(i) ? std::nullopt : std::optional<QString>(q.text(i));
}

std::optional<qint64> number(const Sql &q, int i)
{
    return q.isNull(i) ? std::nullopt : std::optional<qint64>(q.int64(i));
}

// How many of one kind, when the last was and what it said.
Result<protocol::Incidents> incidents(QSqlDatabase c, TenantId tenant, const QString &kind, qint64 since)
{
    Sql q(c, QStringLiteral("SELECT COUNT(*), MAX(created_at) FROM health_events WHERE tenant_id = ? AND kind = ? AND created_at >= ?"));
    q.bind(tenant.value).bind(kind).bind(since);
    if (auto s = q.exec(); !s)
        return s.error();
    protocol::Incidents out;
    if (!q.next() || q.int64(0) == 0)
        return out;
    out.count = q.int64(0);
    out.lastAt = q.int64(1);
    q.finish();
    Sql last(c, QStringLiteral("SELECT code, detail FROM health_events WHERE tenant_id = ? AND kind = ? AND created_at >= ? "
                               "ORDER BY created_at DESC, id DESC LIMIT 1"));
    last.bind(tenant.value).bind(kind).bind(since);
    if (auto s = last.exec(); !s)
        return s.error();
    if (last.next()) {
        out.lastCode = number(last, 0);
        out.lastError = text(last, 1);
    }
    return out;
}
} // namespace

Status record(QSqlDatabase tx, TenantId tenant, Kind kind, int code, const QString &detail)
{
    Sql q(tx, QStringLiteral("INSERT INTO health_events (tenant_id, kind, code, detail, created_at) VALUES (?, ?, ?, ?, ?)"));
    q.bind(tenant.value)
        .bind(kind == Kind::RateLimited ? QStringLiteral("rate_limited") : QStringLiteral("token_refused"))
        .bind(code)
        .bind(detail.left(500))
        .bind(nowMs());
    return q.exec();
}

Result<qint64> prune(Database &db, qint64 maxAgeMs, int maxChunks)
{
    return deleteOlderThan(db, QStringLiteral("health_events"), QStringLiteral("created_at"), nowMs() - maxAgeMs, {}, maxChunks);
}

Result<protocol::Health> report(QSqlDatabase c, TenantId tenant, qint64 nowMs, int hours)
{
    const qint64 since = nowMs - qint64(hours) * 3600 * 1000;
    protocol::Health out;
    out.periodHours = hours;
    {
        Sql q(c, QStringLiteral("SELECT connection_status, last_error, display_phone_number, verified_name, quality_rating, messaging_limit, "
                                "checked_at, last_webhook_at, phone_number_id, is_active, token_type, token_expires_at, token_scopes, "
                                "token_checked_at, token_problem, token_warned_days, token_renewed_at, token_renewal_error, "
                                "app_id IS NOT NULL AND app_secret IS NOT NULL FROM whatsapp_config "
                                "WHERE tenant_id = ? AND api_type = 'business_api'"));
        q.bind(tenant.value);
        if (auto s = q.exec(); !s)
            return s.error();
        if (q.next()) {
            protocol::HealthWhatsApp &w = out.whatsapp;
            w.configured = true;
            w.active = q.int64(9) == 1;
            w.connectionStatus = protocol::enumFromName<protocol::ConnectionStatus>(q.text(0)).value_or(protocol::ConnectionStatus::Unknown);
            w.lastError = text(q, 1);
            w.displayPhoneNumber = text(q, 2);
            w.verifiedName = text(q, 3);
            w.qualityRating = text(q, 4);
            w.messagingLimit = text(q, 5);
            w.checkedAt = number(q, 6);
            w.lastWebhookAt = number(q, 7);
            w.phoneNumberId = text(q, 8);
            w.token = accessTokenInfo(WhatsAppConfigRepository::tokenState(q, 10), q.int64(18) != 0);
        }
    }
    // Failed sends by Meta's code. Bounded by creation time (a send fails
    // within hours of being written) so the tenant/time index does the work.
    {
        Sql q(c, QStringLiteral("SELECT COALESCE(error_code, 0), MAX(error_title), MAX(error_message), COUNT(*), MAX(COALESCE(status_at, updated_at)) "
                                "FROM whatsapp_messages WHERE tenant_id = ? AND created_at >= ? AND direction = 'outbound' "
                                "AND status = 'failed' AND COALESCE(status_at, updated_at) >= ? "
                                "GROUP BY COALESCE(error_code, 0) ORDER BY COUNT(*) DESC"));
        q.bind(tenant.value).bind(since - 7LL * 24 * 3600 * 1000).bind(since);
        if (auto s = q.exec(); !s)
            return s.error();
        while (q.next())
            out.failedSends.append({q.int64(0), text(q, 1), text(q, 2), q.int64(3), q.int64(4)});
    }
    auto rateLimited = incidents(c, tenant, QStringLiteral("rate_limited"), since);
    if (!rateLimited)
        return rateLimited.error();
    out.rateLimitHits = rateLimited.value();
    auto token = incidents(c, tenant, QStringLiteral("token_refused"), since);
    if (!token)
        return token.error();
    out.tokenProblems = token.value();
    {
        Sql q(c, QStringLiteral("SELECT COUNT(*), MAX(created_at) FROM dead_letters WHERE tenant_id = ? AND replayed_at IS NULL"));
        q.bind(tenant.value);
        if (auto s = q.exec(); !s)
            return s.error();
        q.next();
        out.deadLetters = {q.int64(0), number(q, 1)};
    }
    return out;
}

Result<protocol::Health> report(Database &db, TenantId tenant, qint64 nowMs, int hours)
{
    return report(db.connection(), tenant, nowMs, hours);
}

} // namespace puente::Health
