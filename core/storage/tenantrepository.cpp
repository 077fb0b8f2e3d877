#include "storage/tenantrepository.h"

#include "storage/auditlog.h"
#include "storage/database.h"

namespace puente {

namespace {
const QString kColumns = QStringLiteral("id, slug, name, plan, status, created_at");

Tenant readTenant(const Sql &q)
{
    Tenant t;
    t.id = TenantId(q.int64(0));
    t.slug = q.text(1);
    t.name = q.text(2);
    t.plan = planFromString(q.text(3)).value_or(Plan::Basic);
    t.status = tenantStatusFromString(q.text(4)).value_or(TenantStatus::Active);
    t.createdAt = q.int64(5);
    return t;
}
} // namespace

Result<Tenant> TenantRepository::create(const QString &slug, const QString &name, Plan plan)
{
    if (!isValidSlug(slug))
        return makeError("invalid_slug", QStringLiteral("\"%1\" is not a valid tenant slug: use 2-63 lower-case "
                                                        "letters, digits and inner hyphens")
                                             .arg(slug));
    const QString cleanName = name.trimmed();
    if (cleanName.isEmpty() || cleanName.size() > 200)
        return makeError("invalid_name", QStringLiteral("a tenant needs a name of 1-200 characters"));

    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    const qint64 now = nowMs();
    Sql q(tx.connection(), QStringLiteral("INSERT INTO tenants (slug, name, plan, status, created_at, updated_at) "
                                          "VALUES (?, ?, ?, 'active', ?, ?) RETURNING ") + kColumns);
    q.bind(slug).bind(cleanName).bind(toString(plan)).bind(now).bind(now);
    if (auto s = q.exec(); !s) {
        if (s.error().code == QLatin1String("unique_violation"))
            return makeError("slug_taken", QStringLiteral("a tenant with slug \"%1\" already exists").arg(slug));
        return s.error();
    }
    if (!q.next())
        return makeError("storage_error", QStringLiteral("insert returned no row"));
    Tenant t = readTenant(q);
    q.finish();
    if (auto s = AuditLog::append(tx.connection(), {t.id, {}, QStringLiteral("system"), QStringLiteral("tenant.created"),
                                                   QStringLiteral("tenant"), QString::number(t.id.value),
                                                   {{QStringLiteral("slug"), slug}, {QStringLiteral("plan"), toString(plan)}}});
        !s)
        return s.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    return t;
}

Result<std::optional<Tenant>> TenantRepository::find(TenantId id)
{
    Sql q(m_db.connection(), QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM tenants WHERE id = ?"));
    q.bind(id.value);
    if (auto s = q.exec(); !s)
        return s.error();
    return q.next() ? std::optional<Tenant>(readTenant(q)) : std::nullopt;
}

Result<std::optional<Tenant>> TenantRepository::findBySlug(const QString &slug)
{
    Sql q(m_db.connection(), QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM tenants WHERE slug = ?"));
    q.bind(slug);
    if (auto s = q.exec(); !s)
        return s.error();
    return q.next() ? std::optional<Tenant>(readTenant(q)) : std::nullopt;
}

Result<QList<Tenant>> TenantRepository::list()
{
    Sql q(m_db.connection(), QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM tenants ORDER BY slug"));
    if (auto s = q.exec(); !s)
        return s.error();
    QList<Tenant> out;
    while (q.next())
        out.append(readTenant(q));
    return out;
}

Status TenantRepository::setStatus(TenantId id, TenantStatus status, const QString &reason)
{
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun();
    Sql q(tx.connection(), QStringLiteral("UPDATE tenants SET status = ?, suspended_reason = ?, updated_at = ? WHERE id = ?"));
    q.bind(toString(status)).bind(nullIfEmpty(reason)).bind(nowMs()).bind(id.value);
    if (auto s = q.exec(); !s)
        return s;
    if (q.rowsAffected() != 1)
        return makeError("not_found", QStringLiteral("no tenant with id %1").arg(id.value));
    if (auto s = AuditLog::append(tx.connection(),
                                  {id, {}, QStringLiteral("system"),
                                   status == TenantStatus::Active ? QStringLiteral("tenant.resumed")
                                                                  : QStringLiteral("tenant.suspended"),
                                   QStringLiteral("tenant"), QString::number(id.value), {}});
        !s)
        return s;
    return tx.commit();
}

} // namespace puente
