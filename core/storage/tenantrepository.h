#pragma once

#include "common/result.h"
#include "domain/tenant.h"

#include <QList>

#include <optional>

namespace puente {

class Database;

class TenantRepository {
public:
    explicit TenantRepository(Database &db) : m_db(db) {}

    // Errors: invalid_slug, invalid_name, slug_taken.
    Result<Tenant> create(const QString &slug, const QString &name, Plan plan);
    Result<std::optional<Tenant>> find(TenantId id);
    Result<std::optional<Tenant>> findBySlug(const QString &slug);
    Result<QList<Tenant>> list();
    Status setStatus(TenantId id, TenantStatus status, const QString &reason = {});

private:
    Database &m_db;
};

} // namespace puente
