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
    router.add(Method::Get, QStringLiteral("/api/users"), Access::tenantAdmins(), [&env](Request &r) {
        auto users = UserRepository(env.db).list(r.principal.tenant);
        if (!users)
            return fromError(users.error());
        QJsonArray items;
        for (const User &u : users.value())
            items.append(userJson(u));
        return Reply::json(QJsonObject{{QStringLiteral("items"), items}});
    });

    router.add(Method::Post, QStringLiteral("/api/users"), Access::tenantAdmins(), [&env](Request &r) {
        BodyReader body{r.json, {}};
        const auto email = body.string(QStringLiteral("email"), true, 254);
        const auto name = body.string(QStringLiteral("name"), true, 200);
        const auto role = body.string(QStringLiteral("role"), true, 30);
        const auto password = body.string(QStringLiteral("password"), true, 1024);
        if (body.error)
            return *body.error;
        const auto parsedRole = tenantRole(*role);
        if (!parsedRole)
            return Reply::error(422, QStringLiteral("invalid_role"), QStringLiteral("role must be tenant_admin or agent"), QStringLiteral("role"));
        auto created = UserRepository(env.db, env.auth.policy().scrypt)
                           .create({r.principal.tenant, *email, *name, *parsedRole, *password}, r.actor());
        if (!created)
            return fromError(created.error());
        return Reply::json(userJson(created.value()), 201);
    });

    router.add(Method::Patch, QStringLiteral("/api/users/{id}"), Access::tenantAdmins(), [&env](Request &r) {
        const auto id = r.id();
        if (!id)
            return Reply::error(404, QStringLiteral("not_found"), QStringLiteral("no such user"));
        BodyReader body{r.json, {}};
        UserChanges c;
        c.name = body.string(QStringLiteral("name"), false, 200);
        const auto role = body.string(QStringLiteral("role"), false, 30);
        c.active = body.boolean(QStringLiteral("active"));
        c.password = body.string(QStringLiteral("password"), false, 1024);
        if (body.error)
            return *body.error;
        if (role) {
            c.role = tenantRole(*role);
            if (!c.role)
                return Reply::error(422, QStringLiteral("invalid_role"), QStringLiteral("role must be tenant_admin or agent"), QStringLiteral("role"));
        }
        auto updated = UserRepository(env.db, env.auth.policy().scrypt).update(r.principal.tenant, UserId(*id), c, r.actor());
        if (!updated)
            return fromError(updated.error());
        return Reply::json(userJson(updated.value()));
    });

    // Users are deactivated, not deleted: their messages and audit entries
    // keep naming them.
    router.add(Method::Delete, QStringLiteral("/api/users/{id}"), Access::tenantAdmins(), [&env](Request &r) {
        const auto id = r.id();
        if (!id)
            return Reply::error(404, QStringLiteral("not_found"), QStringLiteral("no such user"));
        UserChanges c;
        c.active = false;
        auto updated = UserRepository(env.db).update(r.principal.tenant, UserId(*id), c, r.actor());
        if (!updated)
            return fromError(updated.error());
        return Reply::json(userJson(updated.value()));
    });

    // --- tenants (platform admins) ---
    router.add(Method::Get, QStringLiteral("/api/admin/tenants"), Access::platformAdmins(), [&env](Request &) {
        auto tenants = TenantRepository(env.db).list();
        if (!tenants)
            return fromError(tenants.error());
        // One query for the WhatsApp figures the list shows, then each
        // tenant's usage of its plan this month.
        auto channels = WhatsAppConfigRepository(env.db, env.keyring).summaries();
        if (!channels)
            return fromError(channels.error());
        QHash<qint64, QJsonObject> extra;
        const auto orNull = [](const QString &s) { return s.isEmpty() ? QJsonValue() : QJsonValue(s); };
        for (auto it = channels->cbegin(); it != channels->cend(); ++it)
            extra.insert(it.key(), {{QStringLiteral("phone_number_id"), orNull(it->phoneNumberId)},
                                    {QStringLiteral("connection_status"), it->connectionStatus},
                                    {QStringLiteral("display_phone_number"), orNull(it->displayPhoneNumber)},
                                    {QStringLiteral("last_webhook_at"), it->lastWebhookAt ? QJsonValue(it->lastWebhookAt) : QJsonValue()},
                                    {QStringLiteral("quality_rating"), orNull(it->qualityRating)}});
        const qint64 now = nowMs();
        QJsonArray items;
        for (const Tenant &t : tenants.value()) {
            QJsonObject o = tenantJson(t);
            const QJsonObject e = extra.value(t.id.value, QJsonObject{{QStringLiteral("phone_number_id"), QJsonValue()},
                                                                     {QStringLiteral("connection_status"), QStringLiteral("not_configured")},
                                                                     {QStringLiteral("display_phone_number"), QJsonValue()},
                                                                     {QStringLiteral("last_webhook_at"), QJsonValue()},
                                                                     {QStringLiteral("quality_rating"), QJsonValue()}});
            for (auto it = e.begin(); it != e.end(); ++it)
                o.insert(it.key(), it.value());
            auto usage = PlanUsageQuery::of(env.db, t.id, now);
            if (!usage)
                return fromError(usage.error());
            const QJsonObject u = usage->toJson();
            o.insert(QStringLiteral("limits"), u.value(QStringLiteral("limits")));
            o.insert(QStringLiteral("usage"), u.value(QStringLiteral("usage")));
            o.insert(QStringLiteral("active_users"), usage->users);
            o.insert(QStringLiteral("messages_this_month"), usage->messages);
            items.append(o);
        }
        return Reply::json(QJsonObject{{QStringLiteral("items"), items}});
    });

    router.add(Method::Post, QStringLiteral("/api/admin/tenants"), Access::platformAdmins(), [&env](Request &r) {
        BodyReader body{r.json, {}};
        const auto slug = body.string(QStringLiteral("slug"), true, 63);
        const auto name = body.string(QStringLiteral("name"), true, 200);
        const QString planName = body.string(QStringLiteral("plan"), false, 20).value_or(QStringLiteral("basic"));
        if (body.error)
            return *body.error;
        const auto plan = planFromString(planName);
        if (!plan)
            return Reply::error(422, QStringLiteral("invalid_plan"), QStringLiteral("plan must be basic, pro or enterprise"), QStringLiteral("plan"));
        // The first admin is checked before the tenant exists, so a weak
        // password does not leave a tenant nobody can sign in to.
        std::optional<NewUser> admin;
        if (body.has(QStringLiteral("admin"))) {
            const QJsonObject a = r.json.value(QStringLiteral("admin")).toObject();
            admin = NewUser{TenantId(), a.value(QStringLiteral("email")).toString(), a.value(QStringLiteral("name")).toString(), Role::TenantAdmin,
                            a.value(QStringLiteral("password")).toString()};
            if (auto e = normalizeEmail(admin->email); !e)
                return fromError(e.error(), QStringLiteral("admin.email"));
            if (admin->name.trimmed().isEmpty() || admin->name.trimmed().size() > 200)
                return Reply::error(422, QStringLiteral("invalid_name"), QStringLiteral("the first admin needs a name of 1-200 characters"),
                                    QStringLiteral("admin.name"));
            if (auto s = checkPasswordPolicy(admin->password); !s)
                return fromError(s.error(), QStringLiteral("admin.password"));
        }
        auto tenant = TenantRepository(env.db).create(*slug, *name, *plan, r.actor());
        if (!tenant)
            return fromError(tenant.error());
        QJsonObject out{{QStringLiteral("tenant"), tenantJson(tenant.value())}};
        if (admin) {
            admin->tenantId = tenant->id;
            auto user = UserRepository(env.db, env.auth.policy().scrypt).create(*admin, r.actor());
            if (!user)
                return fromError(user.error(), QStringLiteral("admin.email"));
            out.insert(QStringLiteral("admin"), userJson(user.value()));
        }
        return Reply::json(out, 201);
    });

    router.add(Method::Patch, QStringLiteral("/api/admin/tenants/{id}"), Access::platformAdmins(), [&env](Request &r) {
        const auto id = r.id();
        if (!id)
            return Reply::error(404, QStringLiteral("not_found"), QStringLiteral("no such tenant"));
        BodyReader body{r.json, {}};
        TenantChanges c;
        c.name = body.string(QStringLiteral("name"), false, 200);
        const auto plan = body.string(QStringLiteral("plan"), false, 20);
        const auto status = body.string(QStringLiteral("status"), false, 20);
        c.suspendedReason = body.string(QStringLiteral("suspended_reason"), false, 500);
        if (body.error)
            return *body.error;
        if (plan) {
            c.plan = planFromString(*plan);
            if (!c.plan)
                return Reply::error(422, QStringLiteral("invalid_plan"), QStringLiteral("plan must be basic, pro or enterprise"), QStringLiteral("plan"));
        }
        if (status) {
            c.status = tenantStatusFromString(*status);
            if (!c.status)
                return Reply::error(422, QStringLiteral("invalid_status"), QStringLiteral("status must be active or suspended"), QStringLiteral("status"));
        }
        QList<Event> events;
        auto updated = TenantRepository(env.db).update(TenantId(*id), c, r.actor(), &events);
        if (!updated)
            return fromError(updated.error());
        env.bus.publish(events);
        return Reply::json(tenantJson(updated.value()));
    });

    // --- plans and usage ---
    router.add(Method::Get, QStringLiteral("/api/admin/plans"), Access::anyUser(), [](Request &) {
        QJsonArray items;
        for (Plan p : {Plan::Basic, Plan::Pro, Plan::Enterprise})
            items.append(QJsonObject{{QStringLiteral("plan"), toString(p)}, {QStringLiteral("limits"), limitsJson(limitsFor(p))}});
        return Reply::json(QJsonObject{{QStringLiteral("items"), items}});
    });

    router.add(Method::Get, QStringLiteral("/api/usage"), Access::tenantAdmins(), [&env](Request &r) {
        auto usage = PlanUsageQuery::of(env.db, r.principal.tenant, nowMs());
        if (!usage)
            return fromError(usage.error());
        return Reply::json(usage->toJson());
    });

    // --- health ---
    router.add(Method::Get, QStringLiteral("/api/whatsapp/health"), Access::tenantAdmins(), [&env](Request &r) {
        auto report = Health::report(env.db, r.principal.tenant, nowMs());
        if (!report)
            return fromError(report.error());
        return Reply::json(report.value());
    });

    // Tenant admins see and replay their tenant's dead letters; platform
    // admins one tenant's (X-Puente-Tenant) or all, the unroutable ones too.
    Access deadLetterAccess{false, {Role::TenantAdmin, Role::PlatformAdmin}, {}, Access::Tenant::Optional, false};
    router.add(Method::Get, QStringLiteral("/api/dead-letters"), deadLetterAccess, [&env](Request &r) {
        qint64 before = 0;
        if (const QString b = r.queryValue(QStringLiteral("before")); !b.isEmpty()) {
            bool ok = false;
            before = b.toLongLong(&ok);
            if (!ok || before <= 0)
                return Reply::error(400, QStringLiteral("invalid_cursor"), QStringLiteral("before must be the next_cursor of a previous page"),
                                    QStringLiteral("before"));
        }
        // The ones no tenant owns are the platform operator's to fix.
        const bool unroutable = r.queryValue(QStringLiteral("unroutable")) == QLatin1String("true");
        if (unroutable && !r.principal.isPlatformAdmin())
            return Reply::error(403, QStringLiteral("forbidden"), QStringLiteral("only platform admins see dead letters that belong to no tenant"));
        bool ok = false;
        const int limit = qBound(1, r.queryValue(QStringLiteral("limit")).toInt(&ok), 200);
        auto items = DeadLetters::list(env.db, r.principal.tenant, before, ok ? limit : 50, unroutable);
        if (!items)
            return fromError(items.error());
        const bool more = items->size() == (ok ? limit : 50);
        return Reply::json(QJsonObject{
            {QStringLiteral("items"), items.value()},
            {QStringLiteral("next_cursor"), more ? QJsonValue(QString::number(items->last().toObject().value(QStringLiteral("id")).toInteger()))
                                                 : QJsonValue()}});
    });

    router.add(Method::Post, QStringLiteral("/api/dead-letters/{id}/replay"), deadLetterAccess, [&env](Request &r) {
        const auto id = r.id();
        if (!id)
            return Reply::error(404, QStringLiteral("not_found"), QStringLiteral("no such dead letter"));
        const Actor actor = r.actor();
        auto inboxId = DeadLetters::replay(env.db, *id, r.principal.tenant, &actor);
        if (!inboxId)
            return fromError(inboxId.error());
        if (env.wakeInbound)
            env.wakeInbound();
        return Reply::json(QJsonObject{{QStringLiteral("id"), *id}, {QStringLiteral("inbox_id"), inboxId.value()}}, 202);
    });

    // --- audit log ---
    Access auditAccess{false, {Role::TenantAdmin, Role::PlatformAdmin}, {}, Access::Tenant::Optional, false};
    router.add(Method::Get, QStringLiteral("/api/audit-log"), auditAccess, [&env](Request &r) {
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
            return Reply::error(400, QStringLiteral("invalid_parameter"), QStringLiteral("from and to are Unix milliseconds or ISO 8601 times"),
                                !from ? QStringLiteral("from") : QStringLiteral("to"));
        q.fromMs = *from;
        q.toMs = *to;
        if (const QString before = r.queryValue(QStringLiteral("before")); !before.isEmpty()) {
            bool okBefore = false;
            q.beforeId = before.toLongLong(&okBefore);
            if (!okBefore || q.beforeId <= 0)
                return Reply::error(400, QStringLiteral("invalid_cursor"), QStringLiteral("before must be the next_cursor of a previous page"),
                                    QStringLiteral("before"));
        }
        bool ok = false;
        const int limit = r.queryValue(QStringLiteral("limit")).toInt(&ok);
        q.limit = ok ? qBound(1, limit, 500) : 50;
        auto entries = AuditLog::query(env.db, q);
        if (!entries)
            return fromError(entries.error());
        QJsonArray items;
        for (const AuditRecord &e : entries.value())
            items.append(QJsonObject{{QStringLiteral("id"), e.id},
                                     {QStringLiteral("tenant_id"), e.tenantId.isValid() ? QJsonValue(e.tenantId.value) : QJsonValue()},
                                     {QStringLiteral("actor_user_id"), e.actorUserId.isValid() ? QJsonValue(e.actorUserId.value) : QJsonValue()},
                                     {QStringLiteral("actor"), e.actorLabel},
                                     {QStringLiteral("action"), e.action},
                                     {QStringLiteral("target_type"), e.targetType},
                                     {QStringLiteral("target_id"), e.targetId},
                                     {QStringLiteral("details"), e.details},
                                     {QStringLiteral("client_address"), e.clientAddress},
                                     {QStringLiteral("created_at"), e.createdAt}});
        const bool more = entries->size() == q.limit;
        return Reply::json(QJsonObject{{QStringLiteral("items"), items},
                                       {QStringLiteral("next_cursor"), more ? QJsonValue(QString::number(entries->last().id)) : QJsonValue()}});
    });
}

} // namespace puente::server::api
