#include "storage/tenantrepository.h"

#include "storage/auditlog.h"
#include "storage/expiringcache.h"
#include "storage/sql.h"

#include <QJsonObject>

namespace puente {

namespace {
const QString kColumns = QStringLiteral("id, slug, name, plan, status, created_at, suspended_reason");

Tenant readTenant(const Sql &q)
{
    Tenant t;
    t.id = TenantId(q.int64(0));
    t.slug = q.text(1);
    t.name = q.text(2);
    t.plan = planFromString(q.text(3)).value_or(Plan::Basic);
    t.status = tenantStatusFromString(q.text(4)).value_or(TenantStatus::Active);
    t.createdAt = q.int64(5);
    t.suspendedReason = q.text(6);
    return t;
}

// Tenants as the request path last read them (findRecent): one read of the
// tenants row per request was 4 % of an accepted notification's processor
// time on SQLite. update() through this process drops its tenant at once;
// another node sees a change within 2 seconds.
ExpiringCache<Tenant> &recentTenants()
{
    static ExpiringCache<Tenant> cache(2'000);
    return cache;
}
} // namespace

Result<Tenant> TenantRepository::create(const QString &slug, const QString &name, Plan plan, const Actor &actor)
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
    if (auto s = AuditLog::append(tx.connection(), actor, t.id, QStringLiteral("tenant.created"), QStringLiteral("tenant"),
                                  QString::number(t.id.value), {{QStringLiteral("slug"), slug}, {QStringLiteral("plan"), toString(plan)}});
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

Result<std::optional<Tenant>> TenantRepository::findRecent(TenantId id)
{
    const QString key = ExpiringCache<Tenant>::scope(m_db.url()) + QString::number(id.value);
    const qint64 now = nowMs();
    quint64 generation = 0;
    if (auto hit = recentTenants().find(key, now, &generation))
        return std::optional<Tenant>(*hit);
    auto found = find(id);
    if (found && found.value())
        recentTenants().store(key, *found.value(), now, generation);
    return found;
}

Result<std::optional<Tenant>> TenantRepository::findByIdOrSlug(const QString &named)
{
    bool isId = false;
    const qint64 id = named.toLongLong(&isId);
    return isId ? find(TenantId(id)) : findBySlug(named);
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
    TenantChanges c;
    c.status = status;
    c.suspendedReason = reason;
    auto r = update(id, c, Actor(QStringLiteral("system")));
    return r ? Status() : Status(r.error());
}

Result<Tenant> TenantRepository::update(TenantId id, const TenantChanges &c, const Actor &actor, QList<Event> *events)
{
    QString name;
    if (c.name) {
        name = c.name->trimmed();
        if (name.isEmpty() || name.size() > 200)
            return makeError("invalid_name", QStringLiteral("a tenant needs a name of 1-200 characters"));
    }
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    Sql current(tx.connection(), QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM tenants WHERE id = ?"));
    current.bind(id.value);
    if (auto s = current.exec(); !s)
        return s.error();
    if (!current.next())
        return makeError("not_found", QStringLiteral("no tenant with id %1").arg(id.value));
    const Tenant before = readTenant(current);
    current.finish();
    Tenant after = before;
    if (c.name)
        after.name = name;
    if (c.plan)
        after.plan = *c.plan;
    if (c.status) {
        after.status = *c.status;
        after.suspendedReason = after.status == TenantStatus::Suspended ? c.suspendedReason.value_or(before.suspendedReason).trimmed()
                                                                        : QString();
    } else if (c.suspendedReason && before.status == TenantStatus::Suspended) {
        after.suspendedReason = c.suspendedReason->trimmed();
    }
    Sql q(tx.connection(), QStringLiteral("UPDATE tenants SET name = ?, plan = ?, status = ?, suspended_reason = ?, updated_at = ? WHERE id = ?"));
    q.bind(after.name).bind(toString(after.plan)).bind(toString(after.status)).bind(nullIfEmpty(after.suspendedReason)).bind(nowMs()).bind(id.value);
    if (auto s = q.exec(); !s)
        return s.error();

    auto audit = [&](const QString &action, const QJsonObject &details) {
        return AuditLog::append(tx.connection(), actor, id, action, QStringLiteral("tenant"), QString::number(id.value), details);
    };
    if (after.status != before.status) {
        if (auto s = audit(after.status == TenantStatus::Active ? QStringLiteral("tenant.resumed") : QStringLiteral("tenant.suspended"),
                           {{QStringLiteral("reason"), after.suspendedReason}});
            !s)
            return s.error();
        // The tenant's consoles hear it on their event stream (and the
        // hub closes them when it is a suspension).
        auto e = EventLog::append(tx.connection(), id, after.status == TenantStatus::Active ? QStringLiteral("tenant.resumed")
                                                                                              : QStringLiteral("tenant.suspended"),
                                  {{QStringLiteral("name"), after.name}, {QStringLiteral("reason"), after.suspendedReason}});
        if (!e)
            return e.error();
        if (events)
            events->append(e.value());
    }
    QJsonObject changed;
    if (after.name != before.name)
        changed.insert(QStringLiteral("name"), after.name);
    if (after.plan != before.plan)
        changed.insert(QStringLiteral("plan"), toString(after.plan));
    if (!changed.isEmpty()) {
        if (auto s = audit(QStringLiteral("tenant.updated"), changed); !s)
            return s.error();
    }
    if (auto s = tx.commit(); !s)
        return s.error();
    recentTenants().forget([id](const Tenant &t) { return t.id == id; });
    return after;
}

Result<bool> TenantRepository::installationIsEmpty()
{
    Sql q(m_db.connection(), QStringLiteral("SELECT (SELECT COUNT(*) FROM tenants) + (SELECT COUNT(*) FROM users)"));
    if (auto s = q.exec(); !s)
        return s.error();
    return q.next() && q.int64(0) == 0;
}

} // namespace puente
