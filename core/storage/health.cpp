#include "storage/health.h"

#include "storage/sql.h"

#include <QJsonArray>

namespace puente::Health {

namespace {
QJsonValue nullable(const Sql &q, int i, bool number = false)
{
    if (q.isNull(i))
        return QJsonValue();
    return number ? QJsonValue(q.int64(i)) : QJsonValue(q.text(i));
}

// {"count": N, "last_at": ms|null, "last_error": "..."|null} of one kind.
Result<QJsonObject> incidents(QSqlDatabase c, TenantId tenant, const QString &kind, qint64 since)
{
    Sql q(c, QStringLiteral("SELECT COUNT(*), MAX(created_at) FROM health_events WHERE tenant_id = ? AND kind = ? AND created_at >= ?"));
    q.bind(tenant.value).bind(kind).bind(since);
    if (auto s = q.exec(); !s)
        return s.error();
    QJsonObject out{{QStringLiteral("count"), 0}, {QStringLiteral("last_at"), QJsonValue()}, {QStringLiteral("last_error"), QJsonValue()}};
    if (!q.next() || q.int64(0) == 0)
        return out;
    out.insert(QStringLiteral("count"), q.int64(0));
    out.insert(QStringLiteral("last_at"), q.int64(1));
    q.finish();
    Sql last(c, QStringLiteral("SELECT code, detail FROM health_events WHERE tenant_id = ? AND kind = ? AND created_at >= ? "
                               "ORDER BY created_at DESC, id DESC LIMIT 1"));
    last.bind(tenant.value).bind(kind).bind(since);
    if (auto s = last.exec(); !s)
        return s.error();
    if (last.next()) {
        out.insert(QStringLiteral("last_code"), nullable(last, 0, true));
        out.insert(QStringLiteral("last_error"), nullable(last, 1));
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

Result<QJsonObject> report(QSqlDatabase c, TenantId tenant, qint64 nowMs, int hours)
{
    const qint64 since = nowMs - qint64(hours) * 3600 * 1000;
    QJsonObject whatsapp{{QStringLiteral("configured"), false}, {QStringLiteral("connection_status"), QStringLiteral("not_configured")}};
    {
        Sql q(c, QStringLiteral("SELECT connection_status, last_error, display_phone_number, verified_name, quality_rating, messaging_limit, "
                                "checked_at, last_webhook_at, phone_number_id, is_active FROM whatsapp_config "
                                "WHERE tenant_id = ? AND api_type = 'business_api'"));
        q.bind(tenant.value);
        if (auto s = q.exec(); !s)
            return s.error();
        if (q.next()) {
            whatsapp = {{QStringLiteral("configured"), true},
                        {QStringLiteral("active"), q.int64(9) == 1},
                        {QStringLiteral("connection_status"), q.text(0)},
                        {QStringLiteral("last_error"), nullable(q, 1)},
                        {QStringLiteral("display_phone_number"), nullable(q, 2)},
                        {QStringLiteral("verified_name"), nullable(q, 3)},
                        {QStringLiteral("quality_rating"), nullable(q, 4)},
                        {QStringLiteral("messaging_limit"), nullable(q, 5)},
                        {QStringLiteral("checked_at"), nullable(q, 6, true)},
                        {QStringLiteral("last_webhook_at"), nullable(q, 7, true)},
                        {QStringLiteral("phone_number_id"), nullable(q, 8)}};
        }
    }
    // Failed sends by Meta's code. Bounded by creation time (a send fails
    // within hours of being written) so the tenant/time index does the work.
    QJsonArray failed;
    {
        Sql q(c, QStringLiteral("SELECT COALESCE(error_code, 0), MAX(error_title), MAX(error_message), COUNT(*), MAX(COALESCE(status_at, updated_at)) "
                                "FROM whatsapp_messages WHERE tenant_id = ? AND created_at >= ? AND direction = 'outbound' "
                                "AND status = 'failed' AND COALESCE(status_at, updated_at) >= ? "
                                "GROUP BY COALESCE(error_code, 0) ORDER BY COUNT(*) DESC"));
        q.bind(tenant.value).bind(since - 7LL * 24 * 3600 * 1000).bind(since);
        if (auto s = q.exec(); !s)
            return s.error();
        while (q.next())
            failed.append(QJsonObject{{QStringLiteral("code"), q.int64(0)},
                                      {QStringLiteral("title"), nullable(q, 1)},
                                      {QStringLiteral("message"), nullable(q, 2)},
                                      {QStringLiteral("count"), q.int64(3)},
                                      {QStringLiteral("last_at"), q.int64(4)}});
    }
    auto rateLimited = incidents(c, tenant, QStringLiteral("rate_limited"), since);
    if (!rateLimited)
        return rateLimited.error();
    auto token = incidents(c, tenant, QStringLiteral("token_refused"), since);
    if (!token)
        return token.error();
    QJsonObject deadLetters;
    {
        Sql q(c, QStringLiteral("SELECT COUNT(*), MAX(created_at) FROM dead_letters WHERE tenant_id = ? AND replayed_at IS NULL"));
        q.bind(tenant.value);
        if (auto s = q.exec(); !s)
            return s.error();
        q.next();
        deadLetters = {{QStringLiteral("waiting"), q.int64(0)}, {QStringLiteral("last_at"), nullable(q, 1, true)}};
    }
    return QJsonObject{{QStringLiteral("period_hours"), hours},
                       {QStringLiteral("whatsapp"), whatsapp},
                       {QStringLiteral("failed_sends"), failed},
                       {QStringLiteral("rate_limit_hits"), rateLimited.value()},
                       {QStringLiteral("token_problems"), token.value()},
                       {QStringLiteral("dead_letters"), deadLetters}};
}

Result<QJsonObject> report(Database &db, TenantId tenant, qint64 nowMs, int hours)
{
    return report(db.connection(), tenant, nowMs, hours);
}

} // namespace puente::Health
