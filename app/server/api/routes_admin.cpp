// Users of a tenant, tenants of the platform, and the audit log.
#include "accounts/authservice.h"
#include "restapi.h"
#include "messaging/inboundprocessor.h"
#include "common/clock.h"
#include "storage/whatsappconfigrepository.h"
#include "storage/health.h"
#include "storage/planusage.h"
#include "storage/tenantrepository.h"
#include "storage/userrepository.h"

#include <QDateTime>

namespace puente::server::api {

namespace {
std::optional<Role> tenantRole(const QString &s)
{
    const auto role = roleFromString(s);
    return role && *role != Role::PlatformAdmin ? role : std::nullopt;
}

// Unix milliseconds or an ISO 8601 date/time; nullopt when neither.
std::optional<qint64> timeParam(const QString &s)
{
    if (s.isEmpty())
        return qint64(0);
    bool ok = false;
    const qint64 ms = s.toLongLong(&ok);
    if (ok)
        return ms;
    QDateTime t = QDateTime::fromString(s, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(s, Qt::ISODate);
    return t.isValid() ? std::optional<qint64>(t.toMSecsSinceEpoch()) : std::nullopt;
}

} // namespace

void registerAdminRoutes(Router &router, Environment &env)
{
    // --- users (tenant admins) ---
    router.add<route::ListUsers>(Access::tenantAdmins(), [&env](Request &r) {
        auto users = UserRepository(env.db).list(r.principal.tenant);
        if (!users)
            return fromError(users.error());
        protocol::UserList list;
        for (const User &u : users.value())
            list.items.append(toProtocol(u));
        return answer<route::ListUsers>(list);
    });

    router.add<route::CreateUser>(Access::tenantAdmins(), [&env](Request &r, const protocol::CreateUser &create) {
        const auto parsedRole = tenantRole(create.role);
        if (!parsedRole)
            return problem(ErrorCode::InvalidRole, QStringLiteral("role must be tenant_admin or agent"), QStringLiteral("role"));
        auto created = UserRepository(env.db, env.auth.policy().scrypt)
                           .create({r.principal.tenant, create.email, create.name, *parsedRole, create.password}, r.actor());
        if (!created)
            return fromError(created.error());
        return answer<route::CreateUser>(toProtocol(created.value()));
    });

    router.add<route::UpdateUser>(Access::tenantAdmins(), [&env](Request &r) {
        const auto id = r.id();
        if (!id)
            return problem(ErrorCode::NotFound, QStringLiteral("no such user"));
        auto body = decode<protocol::UpdateUser>(r.json);
        if (auto *refused = std::get_if<Reply>(&body))
            return *refused;
        const auto &update = std::get<protocol::UpdateUser>(body);
        UserChanges c;
        c.name = update.name;
        c.active = update.active;
        c.password = update.password;
        if (update.role) {
            c.role = tenantRole(*update.role);
            if (!c.role)
                return problem(ErrorCode::InvalidRole, QStringLiteral("role must be tenant_admin or agent"), QStringLiteral("role"));
        }
        auto updated = UserRepository(env.db, env.auth.policy().scrypt).update(r.principal.tenant, UserId(*id), c, r.actor());
        if (!updated)
            return fromError(updated.error());
        return answer<route::UpdateUser>(toProtocol(updated.value()));
    });

    // Users are deactivated, not deleted: their messages and audit entries
    // keep naming them.
    router.add<route::DeactivateUser>(Access::tenantAdmins(), [&env](Request &r) {
        const auto id = r.id();
        if (!id)
            return problem(ErrorCode::NotFound, QStringLiteral("no such user"));
        UserChanges c;
        c.active = false;
        auto updated = UserRepository(env.db).update(r.principal.tenant, UserId(*id), c, r.actor());
        if (!updated)
            return fromError(updated.error());
        return answer<route::DeactivateUser>(toProtocol(updated.value()));
    });

    // --- tenants (platform admins) ---
    router.add<route::ListTenants>(Access::platformAdmins(), [&env](Request &) {
        auto tenants = TenantRepository(env.db).list();
        if (!tenants)
            return fromError(tenants.error());
        // One query for the WhatsApp figures the list shows, then each
        // tenant's usage of its plan this month.
        auto channels = WhatsAppConfigRepository(env.db, env.keyring).summaries();
        if (!channels)
            return fromError(channels.error());
        const auto orNull = [](const QString &s) { return s.isEmpty() ? std::nullopt : std::optional<QString>(s); };
        const qint64 now = nowMs();
        protocol::TenantSummaryList list;
        for (const Tenant &t : tenants.value()) {
            protocol::TenantSummary o;
            static_cast<protocol::Tenant &>(o) = toProtocol(t);
            if (const auto it = channels->constFind(t.id.value); it != channels->cend()) {
                o.phoneNumberId = orNull(it->phoneNumberId);
                o.connectionStatus = protocol::enumFromName<protocol::ConnectionStatus>(it->connectionStatus).value_or(protocol::ConnectionStatus::Unknown);
                o.displayPhoneNumber = orNull(it->displayPhoneNumber);
                if (it->lastWebhookAt)
                    o.lastWebhookAt = it->lastWebhookAt;
                o.qualityRating = orNull(it->qualityRating);
            }
            auto usage = PlanUsageQuery::of(env.db, t.id, now);
            if (!usage)
                return fromError(usage.error());
            const protocol::Usage u = usage->toProtocol();
            o.limits = u.limits;
            o.usage = u.usage;
            o.activeUsers = usage->users;
            o.messagesThisMonth = usage->messages;
            list.items.append(o);
        }
        return answer<route::ListTenants>(list);
    });

    router.add<route::CreateTenant>(Access::platformAdmins(), [&env](Request &r, const protocol::CreateTenant &create) {
        const auto plan = planFromString(create.plan.isEmpty() ? QStringLiteral("basic") : create.plan);
        if (!plan)
            return problem(ErrorCode::InvalidPlan, QStringLiteral("plan must be basic, pro or enterprise"), QStringLiteral("plan"));
        // The first admin is checked before the tenant exists, so a weak
        // password does not leave a tenant nobody can sign in to.
        std::optional<NewUser> admin;
        if (create.admin) {
            admin = NewUser{TenantId(), create.admin->email, create.admin->name, Role::TenantAdmin, create.admin->password};
            if (auto e = normalizeEmail(admin->email); !e)
                return fromError(e.error(), QStringLiteral("admin.email"));
            if (admin->name.trimmed().isEmpty() || admin->name.trimmed().size() > 200)
                return problem(ErrorCode::InvalidName, QStringLiteral("the first admin needs a name of 1-200 characters"),
                                    QStringLiteral("admin.name"));
            if (auto s = checkPasswordPolicy(admin->password); !s)
                return fromError(s.error(), QStringLiteral("admin.password"));
        }
        auto tenant = TenantRepository(env.db).create(create.slug, create.name, *plan, r.actor());
        if (!tenant)
            return fromError(tenant.error());
        protocol::CreatedTenant out{toProtocol(tenant.value()), {}};
        if (admin) {
            admin->tenantId = tenant->id;
            auto user = UserRepository(env.db, env.auth.policy().scrypt).create(*admin, r.actor());
            if (!user)
                return fromError(user.error(), QStringLiteral("admin.email"));
            out.admin = toProtocol(user.value());
        }
        return answer<route::CreateTenant>(out);
    });

    router.add<route::UpdateTenant>(Access::platformAdmins(), [&env](Request &r) {
        const auto id = r.id();
        if (!id)
            return problem(ErrorCode::NotFound, QStringLiteral("no such tenant"));
        auto body = decode<protocol::UpdateTenant>(r.json);
        if (auto *refused = std::get_if<Reply>(&body))
            return *refused;
        const auto &update = std::get<protocol::UpdateTenant>(body);
        TenantChanges c;
        c.name = update.name;
        c.suspendedReason = update.suspendedReason;
        const auto &plan = update.plan;
        const auto &status = update.status;
        if (plan) {
            c.plan = planFromString(*plan);
            if (!c.plan)
                return problem(ErrorCode::InvalidPlan, QStringLiteral("plan must be basic, pro or enterprise"), QStringLiteral("plan"));
        }
        if (status) {
            c.status = tenantStatusFromString(*status);
            if (!c.status)
                return problem(ErrorCode::InvalidStatus, QStringLiteral("status must be active or suspended"), QStringLiteral("status"));
        }
        QList<Event> events;
        auto updated = TenantRepository(env.db).update(TenantId(*id), c, r.actor(), &events);
        if (!updated)
            return fromError(updated.error());
        env.bus.publish(events);
        return answer<route::UpdateTenant>(toProtocol(updated.value()));
    });

    // --- plans and usage ---
    router.add<route::ListPlans>(Access::anyUser(), [](Request &) {
        protocol::PlanList list;
        for (Plan p : {Plan::Basic, Plan::Pro, Plan::Enterprise})
            list.items.append({p, toProtocol(limitsFor(p))});
        return answer<route::ListPlans>(list);
    });

    router.add<route::GetUsage>(Access::tenantAdmins(), [&env](Request &r) {
        auto usage = PlanUsageQuery::of(env.db, r.principal.tenant, nowMs());
        if (!usage)
            return fromError(usage.error());
        return answer<route::GetUsage>(usage->toProtocol());
    });

    // --- health ---
    router.add<route::GetHealth>(Access::tenantAdmins(), [&env](Request &r) {
        auto report = Health::report(env.db, r.principal.tenant, nowMs());
        if (!report)
            return fromError(report.error());
        return answer<route::GetHealth>(report.value());
    });

    // Tenant admins see and replay their tenant's dead letters; platform
    // admins one tenant's (X-Puente-Tenant) or all, the unroutable ones too.
    Access deadLetterAccess{false, {Role::TenantAdmin, Role::PlatformAdmin}, {}, Access::Tenant::Optional, false};
    router.add<route::ListDeadLetters>(deadLetterAccess, [&env](Request &r) {
        qint64 before = 0;
        if (const QString b = r.queryValue(QStringLiteral("before")); !b.isEmpty()) {
            bool ok = false;
            before = b.toLongLong(&ok);
            if (!ok || before <= 0)
                return problem(ErrorCode::InvalidCursor, QStringLiteral("before must be the next_cursor of a previous page"),
                                    QStringLiteral("before"));
        }
        // The ones no tenant owns are the platform operator's to fix.
        const bool unroutable = r.queryValue(QStringLiteral("unroutable")) == QLatin1String("true");
        if (unroutable && !r.principal.isPlatformAdmin())
            return problem(ErrorCode::Forbidden, QStringLiteral("only platform admins see dead letters that belong to no tenant"));
        bool ok = false;
        const int limit = qBound(1, r.queryValue(QStringLiteral("limit")).toInt(&ok), 200);
        auto items = DeadLetters::list(env.db, r.principal.tenant, before, ok ? limit : 50, unroutable);
        if (!items)
            return fromError(items.error());
        protocol::DeadLetterPage page{items.value(), {}};
        if (page.items.size() == (ok ? limit : 50))
            page.nextCursor = QString::number(page.items.last().id);
        return answer<route::ListDeadLetters>(page);
    });

    router.add<route::ReplayDeadLetter>(deadLetterAccess, [&env](Request &r) {
        const auto id = r.id();
        if (!id)
            return problem(ErrorCode::NotFound, QStringLiteral("no such dead letter"));
        const Actor actor = r.actor();
        auto inboxId = DeadLetters::replay(env.db, *id, r.principal.tenant, &actor);
        if (!inboxId)
            return fromError(inboxId.error());
        if (env.wakeInbound)
            env.wakeInbound();
        return answer<route::ReplayDeadLetter>({*id, inboxId.value()});
    });

    // --- audit log ---
    Access auditAccess{false, {Role::TenantAdmin, Role::PlatformAdmin}, {}, Access::Tenant::Optional, false};
    router.add<route::ListAuditLog>(auditAccess, [&env](Request &r) {
        AuditQuery q;
        // Tenant admins see their tenant; platform admins one tenant (named
        // with X-Puente-Tenant) or everything.
        if (r.principal.tenant.isValid())
            q.tenant = r.principal.tenant;
        const QString actor = r.queryValue(QStringLiteral("actor"));
        bool numeric = false;
        const qint64 actorId = actor.toLongLong(&numeric);
        if (numeric)
            q.actor = UserId(actorId);
        else
            q.actorLabel = actor.trimmed();
        q.actionPrefix = r.queryValue(QStringLiteral("action"));
        const auto from = timeParam(r.queryValue(QStringLiteral("from")));
        const auto to = timeParam(r.queryValue(QStringLiteral("to")));
        if (!from || !to)
            return problem(ErrorCode::InvalidParameter, QStringLiteral("from and to are Unix milliseconds or ISO 8601 times"),
                                !from ? QStringLiteral("from") : QStringLiteral("to"));
        q.fromMs = *from;
        q.toMs = *to;
        if (const QString before = r.queryValue(QStringLiteral("before")); !before.isEmpty()) {
            bool okBefore = false;
            q.beforeId = before.toLongLong(&okBefore);
            if (!okBefore || q.beforeId <= 0)
                return problem(ErrorCode::InvalidCursor, QStringLiteral("before must be the next_cursor of a previous page"),
                                    QStringLiteral("before"));
        }
        bool ok = false;
        const int limit = r.queryValue(QStringLiteral("limit")).toInt(&ok);
        q.limit = ok ? qBound(1, limit, 500) : 50;
        auto entries = AuditLog::query(env.db, q);
        if (!entries)
            return fromError(entries.error());
        protocol::AuditPage page;
        page.items = entries.value();
        if (entries->size() == q.limit)
            page.nextCursor = QString::number(entries->last().id);
        return answer<route::ListAuditLog>(page);
    });
}

} // namespace puente::server::api
