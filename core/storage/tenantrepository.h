#pragma once

#include "common/result.h"
#include "domain/tenant.h"
#include "events/eventlog.h"
#include "storage/auditlog.h"

#include <QList>

#include <optional>

namespace puente {

class Database;

struct TenantChanges {
    std::optional<QString> name;
    std::optional<Plan> plan;
    std::optional<TenantStatus> status;
    std::optional<QString> suspendedReason; // shown to the tenant's users
};

class TenantRepository {
public:
    explicit TenantRepository(Database &db) : m_db(db) {}

    // Errors: invalid_slug, invalid_name, slug_taken.
    Result<Tenant> create(const QString &slug, const QString &name, Plan plan, const Actor &actor = Actor(QStringLiteral("system")));
    Result<std::optional<Tenant>> find(TenantId id);
    // find() as read at most 2 seconds ago (the request path's suspension
    // check); a change through update() in this process is seen at once.
    Result<std::optional<Tenant>> findRecent(TenantId id);
    Result<std::optional<Tenant>> findBySlug(const QString &slug);
    // As X-Puente-Tenant names a tenant: all digits is an id, else a slug.
    Result<std::optional<Tenant>> findByIdOrSlug(const QString &named);
    Result<QList<Tenant>> list();
    // A new installation: no tenant and no user yet (the console's first start).
    Result<bool> installationIsEmpty();
    Status setStatus(TenantId id, TenantStatus status, const QString &reason = {});
    // Errors: not_found, invalid_name. Audited: tenant.updated (name, plan),
    // tenant.suspended / tenant.resumed (with the reason).
    Result<Tenant> update(TenantId id, const TenantChanges &changes, const Actor &actor, QList<Event> *events = nullptr);

private:
    Database &m_db;
};

} // namespace puente
