#pragma once

#include "common/result.h"
#include "domain/tenant.h"
#include "protocol/types.h"

#include <QSqlDatabase>

#include <optional>

namespace puente {

class Database;

// What a plan allows. An empty optional is "no limit".
struct PlanLimits {
    std::optional<int> users;                  // active users (administrators and agents)
    std::optional<int> businessConversations;  // conversations the business opens with a template, per calendar month (UTC)
    std::optional<int> campaignRecipients;     // recipients of one campaign
};

PlanLimits limitsFor(Plan plan);
protocol::PlanLimits toProtocol(const PlanLimits &limits);

// A tenant's consumption in the current calendar month (UTC).
struct PlanUsage {
    Plan plan = Plan::Basic;
    PlanLimits limits;
    qint64 users = 0;
    qint64 businessConversations = 0;
    qint64 messages = 0; // inbound and outbound, this month
    qint64 periodStart = 0;
    qint64 periodEnd = 0; // first millisecond of next month

    protocol::Usage toProtocol() const;
};

namespace PlanUsageQuery {
// The first millisecond of `nowMs`'s month and of the next one (UTC).
std::pair<qint64, qint64> monthOf(qint64 nowMs);
Result<PlanUsage> of(QSqlDatabase c, TenantId tenant, qint64 nowMs);
Result<PlanUsage> of(Database &db, TenantId tenant, qint64 nowMs);

// Inside the caller's write transaction (locks the tenant row on
// PostgreSQL so concurrent callers cannot both take the last unit):
// plan_limit_reached when one more active user would pass the plan's limit.
Status checkUserSeat(QSqlDatabase tx, bool postgres, TenantId tenant);
// plan_limit_reached when the month's business-initiated conversations are used up.
Status checkBusinessConversation(QSqlDatabase tx, bool postgres, TenantId tenant, qint64 nowMs);
} // namespace PlanUsageQuery

} // namespace puente
