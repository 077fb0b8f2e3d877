#pragma once

#include "common/result.h"
#include "domain/ids.h"
#include "protocol/types.h"

#include <QSqlDatabase>

#include <limits>

namespace puente {

class Database;

// What went wrong for a tenant that an admin should see on the health
// panel and that is not kept anywhere else: Meta throttling the number and
// Meta refusing the access token while sending. Kept a week.
namespace Health {
enum class Kind { RateLimited, TokenRefused };

// Inside the caller's transaction.
Status record(QSqlDatabase tx, TenantId tenant, Kind kind, int code, const QString &detail);
// Deletes events older than `maxAgeMs` (see deleteOlderThan).
Result<qint64> prune(Database &db, qint64 maxAgeMs, int maxChunks = std::numeric_limits<int>::max());

// The tenant's health over the last `hours` (GET /api/whatsapp/health):
// WhatsApp connection (status, quality, messaging limit, last webhook),
// failed sends grouped by Meta's error code, rate-limit hits, token
// problems, and the dead letters waiting for a replay.
Result<protocol::Health> report(QSqlDatabase c, TenantId tenant, qint64 nowMs, int hours = 24);
Result<protocol::Health> report(Database &db, TenantId tenant, qint64 nowMs, int hours = 24);
} // namespace Health

} // namespace puente
