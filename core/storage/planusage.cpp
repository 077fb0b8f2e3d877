#include "storage/planusage.h"

#include "storage/sql.h"

#include <QDateTime>
#include <QTimeZone>

namespace puente {

PlanLimits limitsFor(Plan plan)
{
    switch (plan) {
    case Plan::Basic: return {5, 1'000, 1'000};
    case Plan::Pro: return {25, 10'000, 10'000};
    case Plan::Enterprise: return {};
    }
    return {};
}

namespace {
Result<Plan> lockedPlan(QSqlDatabase tx, bool postgres, TenantId tenant)
{
    // NO KEY UPDATE: rows the transaction inserted before (a conversation,
    // a notification) hold KEY SHARE locks on the tenant through their
    // foreign keys; two writers upgrading those to FOR UPDATE deadlocked
    // (bench_notifications, new contacts on PostgreSQL).
    Sql q(tx, QStringLiteral("SELECT plan FROM tenants WHERE id = ?") + (postgres ? QStringLiteral(" FOR NO KEY UPDATE") : QString()));
    q.bind(tenant.value);
    if (auto s = q.exec(); !s)
        return s.error();
    if (!q.next())
        return makeError("not_found", QStringLiteral("no tenant with id %1").arg(tenant.value));
    return planFromString(q.text(0)).value_or(Plan::Basic);
}

Result<qint64> count(QSqlDatabase c, const QString &sql, const QVariantList &values)
{
    Sql q(c, sql);
    for (const QVariant &v : values)
        q.bind(v);
    if (auto s = q.exec(); !s)
        return s.error();
    return q.next() ? q.int64(0) : 0;
}

const QString kUsers = QStringLiteral("SELECT COUNT(*) FROM users WHERE tenant_id = ? AND active = 1");
// Failed sends opened nothing on WhatsApp's side: they do not count.
const QString kBusinessConversations = QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE tenant_id = ? AND created_at >= ? "
                                                      "AND opens_conversation = 1 AND status <> 'failed'");
const QString kMessages = QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE tenant_id = ? AND created_at >= ?");
} // namespace

protocol::PlanLimits toProtocol(const PlanLimits &limits)
{
    const auto limit = [](std::optional<int> v) { return v ? std::optional<qint64>(*v) : std::nullopt; };
    return {limit(limits.users), limit(limits.businessConversations), limit(limits.campaignRecipients)};
}

protocol::Usage PlanUsage::toProtocol() const
{
    return {plan, periodStart, periodEnd, puente::toProtocol(limits), {users, businessConversations, messages}};
}

namespace PlanUsageQuery {

std::pair<qint64, qint64> monthOf(qint64 nowMs)
{
    const QDate d = QDateTime::fromMSecsSinceEpoch(nowMs, QTimeZone::utc()).date();
    const QDateTime start(QDate(d.year(), d.month(), 1), QTime(0, 0), QTimeZone::utc());
    return {start.toMSecsSinceEpoch(), start.addMonths(1).toMSecsSinceEpoch()};
}

Result<PlanUsage> of(QSqlDatabase c, TenantId tenant, qint64 nowMs)
{
    auto plan = lockedPlan(c, false, tenant);
    if (!plan)
        return plan.error();
    PlanUsage u;
    u.plan = plan.value();
    u.limits = limitsFor(u.plan);
    std::tie(u.periodStart, u.periodEnd) = monthOf(nowMs);
    auto users = count(c, kUsers, {tenant.value});
    auto conversations = count(c, kBusinessConversations, {tenant.value, u.periodStart});
    auto messages = count(c, kMessages, {tenant.value, u.periodStart});
    for (const auto *r : {&users, &conversations, &messages})
        if (!*r)
            return r->error();
    u.users = users.value();
    u.businessConversations = conversations.value();
    u.messages = messages.value();
    return u;
}

Status checkUserSeat(QSqlDatabase tx, bool postgres, TenantId tenant)
{
    auto plan = lockedPlan(tx, postgres, tenant);
    if (!plan)
        return plan.error();
    const auto limit = limitsFor(plan.value()).users;
    if (!limit)
        return {};
    auto users = count(tx, kUsers, {tenant.value});
    if (!users)
        return users.error();
    if (users.value() < *limit)
        return {};
    return makeError("plan_limit_reached", QStringLiteral("the %1 plan allows %2 active users and this company has %3; deactivate a user "
                                                          "or ask the platform operator for a bigger plan")
                                               .arg(toString(plan.value()))
                                               .arg(*limit)
                                               .arg(users.value()));
}

Status checkBusinessConversation(QSqlDatabase tx, bool postgres, TenantId tenant, qint64 nowMs)
{
    auto plan = lockedPlan(tx, postgres, tenant);
    if (!plan)
        return plan.error();
    const auto limit = limitsFor(plan.value()).businessConversations;
    if (!limit)
        return {};
    const auto [start, end] = monthOf(nowMs);
    auto used = count(tx, kBusinessConversations, {tenant.value, start});
    if (!used)
        return used.error();
    if (used.value() < *limit)
        return {};
    return makeError("plan_limit_reached",
                     QStringLiteral("the %1 plan allows %2 conversations started by the company per month and they are used up until %3; "
                                    "ask the platform operator for a bigger plan")
                         .arg(toString(plan.value()))
                         .arg(*limit)
                         .arg(QDateTime::fromMSecsSinceEpoch(end, QTimeZone::utc()).toString(Qt::ISODate)));
}

Result<PlanUsage> of(Database &db, TenantId tenant, qint64 nowMs)
{
    return of(db.connection(), tenant, nowMs);
}

} // namespace PlanUsageQuery
} // namespace puente
