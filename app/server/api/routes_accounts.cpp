// Sign-in, sign-out, the caller, and API keys.
#include "accounts/apikeys.h"
#include "accounts/authservice.h"
#include "restapi.h"
#include "storage/sessionrepository.h"
#include "storage/tenantrepository.h"

namespace puente::server::api {

namespace {
QJsonObject keyJson(const ApiKey &k)
{
    return {{QStringLiteral("id"), k.id},
            {QStringLiteral("name"), k.name},
            {QStringLiteral("prefix"), k.prefix},
            {QStringLiteral("scopes"), QJsonArray::fromStringList(k.scopes)},
            {QStringLiteral("created_by_user_id"), k.createdBy.isValid() ? QJsonValue(k.createdBy.value) : QJsonValue()},
            {QStringLiteral("created_at"), k.createdAt},
            {QStringLiteral("last_used_at"), k.lastUsedAt ? QJsonValue(k.lastUsedAt) : QJsonValue()},
            {QStringLiteral("revoked_at"), k.revokedAt ? QJsonValue(k.revokedAt) : QJsonValue()}};
}
} // namespace

void registerAccountRoutes(Router &router, Environment &env)
{
    router.add(Method::Post, QStringLiteral("/api/auth/login"), Access::publicRoute(), [&env](Request &r) {
        BodyReader body{r.json, {}};
        const auto email = body.string(QStringLiteral("email"), true, 254);
        const auto password = body.string(QStringLiteral("password"), true, 1024);
        const auto tenant = body.string(QStringLiteral("tenant"), false, 63);
        if (body.error)
            return *body.error;
        // Sign-in attempts per address are limited before any password work.
        const auto d = env.limiter.take(QStringLiteral("login:") + r.clientAddress, 2, 10, nowMs());
        if (!d.allowed) {
            Reply reply = Reply::error(429, QStringLiteral("too_many_attempts"), QStringLiteral("too many sign-in attempts; wait a moment"));
            reply.headers.append({"Retry-After", QByteArray::number(std::max<qint64>(1, (d.retryAfterMs + 999) / 1000))});
            return reply;
        }
        qint64 retryAfter = 0;
        auto result = env.auth.login({*email, *password, tenant.value_or(QString()), r.clientAddress,
                                      QString::fromUtf8(r.header("user-agent"))},
                                     &retryAfter);
        if (!result) {
            Reply reply = fromError(result.error());
            if (retryAfter > 0)
                reply.headers.append({"Retry-After", QByteArray::number((retryAfter + 999) / 1000)});
            return reply;
        }
        const LoginResult &l = result.value();
        QJsonObject user = userJson(l.user);
        user.insert(QStringLiteral("tenant"), l.tenant ? QJsonValue(tenantJson(*l.tenant)) : QJsonValue());
        return Reply::json(QJsonObject{{QStringLiteral("token"), l.token},
                                       {QStringLiteral("expires_at"), l.session.expiresAt},
                                       {QStringLiteral("absolute_expires_at"), l.session.absoluteExpiresAt},
                                       {QStringLiteral("user"), user}});
    });

    router.add(Method::Post, QStringLiteral("/api/auth/logout"), Access::anyUser(), [&env](Request &r) {
        if (auto s = SessionRepository(env.db).revoke(r.principal.token); !s)
            return fromError(s.error());
        (void)AuditLog::record(env.db, r.actor(), r.principal.homeTenant, QStringLiteral("auth.logout"), QStringLiteral("user"),
                               QString::number(r.principal.userId.value));
        return Reply::noContent();
    });

    router.add(Method::Get, QStringLiteral("/api/me"), Access::anyUser(), [&env](Request &r) {
        const Principal &p = r.principal;
        User u;
        u.id = p.userId;
        u.email = p.email;
        u.name = p.name;
        u.role = p.role;
        QJsonObject user = userJson(u);
        user.remove(QStringLiteral("created_at"));
        user.remove(QStringLiteral("last_login_at"));
        user.insert(QStringLiteral("tenant"), QJsonValue());
        if (p.homeTenant.isValid()) {
            auto t = TenantRepository(env.db).find(p.homeTenant);
            if (!t)
                return fromError(t.error());
            if (t.value()) {
                user.insert(QStringLiteral("tenant"), tenantJson(*t.value()));
            }
        }
        return Reply::json(QJsonObject{{QStringLiteral("user"), user}, {QStringLiteral("expires_at"), p.expiresAt}});
    });

    router.add(Method::Get, QStringLiteral("/api/api-keys"), Access::tenantAdmins(), [&env](Request &r) {
        auto keys = ApiKeyRepository(env.db).list(r.principal.tenant);
        if (!keys)
            return fromError(keys.error());
        QJsonArray items;
        for (const ApiKey &k : keys.value())
            items.append(keyJson(k));
        return Reply::json(QJsonObject{{QStringLiteral("items"), items}});
    });

    router.add(Method::Post, QStringLiteral("/api/api-keys"), Access::tenantAdmins(), [&env](Request &r) {
        BodyReader body{r.json, {}};
        const auto name = body.string(QStringLiteral("name"), true, 100);
        if (body.error)
            return *body.error;
        QStringList scopes = ApiScope::all();
        if (body.has(QStringLiteral("scopes"))) {
            if (!r.json.value(QStringLiteral("scopes")).isArray())
                return Reply::error(422, QStringLiteral("invalid_field"), QStringLiteral("scopes must be a list"), QStringLiteral("scopes"));
            scopes.clear();
            for (const QJsonValue &v : r.json.value(QStringLiteral("scopes")).toArray())
                scopes.append(v.toString());
        }
        auto created = ApiKeyRepository(env.db).create(r.principal.tenant, *name, scopes, r.actor());
        if (!created)
            return fromError(created.error());
        return Reply::json(QJsonObject{{QStringLiteral("key"), created->key}, {QStringLiteral("api_key"), keyJson(created->apiKey)}}, 201);
    });

    router.add(Method::Delete, QStringLiteral("/api/api-keys/{id}"), Access::tenantAdmins(), [&env](Request &r) {
        const auto id = r.id();
        if (!id)
            return Reply::error(404, QStringLiteral("not_found"), QStringLiteral("no such API key"));
        if (auto s = ApiKeyRepository(env.db).revoke(r.principal.tenant, *id, r.actor()); !s)
            return fromError(s.error());
        return Reply::noContent();
    });
}

} // namespace puente::server::api
