#pragma once

// The tenants the ingest benchmarks share: "bench-N" on plan Pro, with
// phone number id 7000N and WABA 47000N (the ids their webhook bodies use).
#include "storage/database.h"
#include "storage/tenantrepository.h"
#include "storage/whatsappconfigrepository.h"

#include <QList>

namespace puente::bench {

inline Result<QList<TenantId>> seedTenants(Database &db, const crypto::KeyringPtr &ring, int count)
{
    QList<TenantId> ids;
    for (int t = 0; t < count; ++t) {
        auto tenant = TenantRepository(db).create(QStringLiteral("bench-%1").arg(t), QStringLiteral("Bench %1").arg(t), Plan::Pro);
        if (!tenant)
            return makeError("seed_failed", QStringLiteral("it must be an empty database: ") + tenant.error().message);
        WhatsAppConfig c;
        c.businessApiToken = QStringLiteral("EAAbench");
        c.phoneNumberId = QStringLiteral("7000%1").arg(t);
        c.businessAccountId = QStringLiteral("47000%1").arg(t);
        if (auto saved = WhatsAppConfigRepository(db, ring).save(tenant->id, c, QStringLiteral("bench")); !saved)
            return saved.error();
        ids.append(tenant->id);
    }
    return ids;
}

} // namespace puente::bench
