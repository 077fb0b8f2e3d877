// The CRM's notifications: tenant settings, rules, the event API, history
// and callbacks.
#include "accounts/apikeys.h"
#include "crypto/crypto.h"
#include "messaging/notifications.h"
#include "messaging/notificationworker.h"
#include "restapi.h"

#include <QJsonDocument>

namespace puente::server::api {

namespace {
NotificationService service(Environment &env)
{
    NotificationService s(env.db, env.keyring, &env.bus);
    s.setDefaults(env.defaultRegion, env.callbackPrivateNetwork);
    return s;
}

// Tenant admins, and the CRM with a key of the notifications scope.
Access adminsAndCrm()
{
    Access a = Access::tenantAdmins();
    a.scope = ApiScope::Notifications;
    return a;
}

} // namespace

void registerNotificationRoutes(Router &router, Environment &env)
{
    router.add<route::GetTenantSettings>(Access::tenantAdmins(), [&env](Request &r) {
        auto s = service(env).settings(r.principal.tenant);
        if (!s)
            return fromError(s.error());
        return answer<route::GetTenantSettings>(s.value());
    });

    router.add<route::UpdateTenantSettings>(Access::tenantAdmins(), [&env](Request &r, const protocol::UpdateTenantSettings &in) {
        QString field;
        auto s = service(env).updateSettings(r.principal.tenant, in, r.actor(), &field);
        if (!s)
            return fromError(s.error(), field);
        return answer<route::UpdateTenantSettings>(s.value());
    });

    router.addAsync<route::TestCallback>(Access::tenantAdmins(), [&env](Request &r) {
        if (!env.notifications)
            return QtFuture::makeReadyFuture(problem(ErrorCode::Unavailable, QStringLiteral("notifications are not running on this server")));
        return PoolGate::after(env.gate, env.notifications->testCallback(r.principal.tenant), [](const Result<protocol::CallbackDelivery> &d) {
            if (!d)
                return fromError(d.error(), QStringLiteral("callback_url"));
            return answer<route::TestCallback>(d.value());
        });
    });

    router.add<route::ListCallbackDeliveries>(Access::tenantAdmins(), [&env](Request &r) {
        auto list = service(env).deliveries(r.principal.tenant);
        if (!list)
            return fromError(list.error());
        return answer<route::ListCallbackDeliveries>(list.value());
    });

    router.add<route::ListNotificationRules>(Access::tenantAdmins(), [&env](Request &r) {
        auto rules = service(env).rules(r.principal.tenant);
        if (!rules)
            return fromError(rules.error());
        return answer<route::ListNotificationRules>(protocol::NotificationRuleList{rules.value()});
    });

    router.add<route::CreateNotificationRule>(Access::tenantAdmins(), [&env](Request &r, const protocol::CreateNotificationRule &in) {
        QString field;
        auto rule = service(env).createRule(r.principal.tenant, in, r.actor(), &field);
        if (!rule)
            return fromError(rule.error(), field);
        return answer<route::CreateNotificationRule>(rule.value());
    });

    router.add<route::UpdateNotificationRule>(Access::tenantAdmins(), [&env](Request &r) {
        const auto id = r.id();
        if (!id)
            return notFound(QStringLiteral("notification rule"));
        auto body = decode<protocol::UpdateNotificationRule>(r.json);
        if (auto *refused = std::get_if<Reply>(&body))
            return *refused;
        QString field;
        auto rule = service(env).updateRule(r.principal.tenant, *id, std::get<protocol::UpdateNotificationRule>(body), r.actor(), &field);
        if (!rule)
            return fromError(rule.error(), field);
        return answer<route::UpdateNotificationRule>(rule.value());
    });

    router.add<route::DeleteNotificationRule>(Access::tenantAdmins(), [&env](Request &r) {
        const auto id = r.id();
        if (!id)
            return notFound(QStringLiteral("notification rule"));
        if (auto s = service(env).deleteRule(r.principal.tenant, *id, r.actor()); !s)
            return fromError(s.error());
        return Reply::noContent();
    });

    router.add<route::PreviewNotificationRule>(Access::tenantAdmins(), [&env](Request &r, const protocol::PreviewNotificationRule &in) {
        auto preview = service(env).preview(r.principal.tenant, in);
        if (!preview)
            return fromError(preview.error());
        return answer<route::PreviewNotificationRule>(preview.value());
    });

    router.add<route::SendNotification>(adminsAndCrm(), [&env](Request &r, const protocol::SendNotification &in) {
        // The same request is the same JSON whatever its key order or spacing.
        const QByteArray hash = crypto::sha256(QJsonDocument(r.json).toJson(QJsonDocument::Compact));
        const QString key = QString::fromUtf8(r.header("idempotency-key")).trimmed();
        QString field;
        auto submitted = service(env).submit(r.principal.tenant, in, key, hash, &field);
        if (!submitted)
            return fromError(submitted.error(), field);
        Reply reply = Reply::json(QJsonDocument::fromJson(submitted->answer).object(), route::SendNotification::status);
        if (submitted->replayed)
            reply.headers.append({QByteArrayLiteral("Idempotent-Replayed"), QByteArrayLiteral("true")});
        return reply;
    });

    router.add<route::ListNotifications>(adminsAndCrm(), [&env](Request &r) {
        protocol::NotificationQuery q;
        q.event = r.queryValue(QStringLiteral("event"));
        q.status = r.queryValue(QStringLiteral("status"));
        q.phone = r.queryValue(QStringLiteral("phone"));
        q.reference = r.queryValue(QStringLiteral("reference"));
        q.from = r.queryValue(QStringLiteral("from"));
        q.to = r.queryValue(QStringLiteral("to"));
        q.cursor = r.queryValue(QStringLiteral("cursor"));
        if (const QString limit = r.queryValue(QStringLiteral("limit")); !limit.isEmpty()) {
            bool ok = false;
            q.limit = limit.toLongLong(&ok);
            if (!ok || q.limit <= 0)
                return problem(ErrorCode::InvalidParameter, QStringLiteral("limit is a positive number (at most 200)"), QStringLiteral("limit"));
        }
        QString field;
        auto page = service(env).list(r.principal.tenant, q, &field);
        if (!page)
            return fromError(page.error(), field);
        return answer<route::ListNotifications>(page.value());
    });

    router.add<route::GetNotification>(adminsAndCrm(), [&env](Request &r) {
        const auto id = r.id();
        if (!id)
            return notFound(QStringLiteral("notification"));
        auto n = service(env).get(r.principal.tenant, *id);
        if (!n)
            return fromError(n.error());
        return answer<route::GetNotification>(n.value());
    });

    router.add<route::CancelNotification>(adminsAndCrm(), [&env](Request &r) {
        const auto id = r.id();
        if (!id)
            return notFound(QStringLiteral("notification"));
        auto n = service(env).cancel(r.principal.tenant, *id, r.actor());
        if (!n)
            return fromError(n.error());
        return answer<route::CancelNotification>(n.value());
    });
}

} // namespace puente::server::api
