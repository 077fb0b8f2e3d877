// Sign-in, sign-out, the caller, and API keys.
#include "accounts/apikeys.h"
#include "accounts/authservice.h"
#include "restapi.h"
#include "storage/sessionrepository.h"
#include "storage/tenantrepository.h"

namespace puente::server::api {

void registerAccountRoutes(Router &router, Environment &env)
{
    router.add<route::Login>(Access::publicRoute(), [&env](Request &r, const protocol::LoginRequest &login) {
        // Sign-in attempts per address are limited before any password work.
        const auto d = env.limiter.take(QStringLiteral("login:") + r.clientAddress, 2, 10, nowMs());
        if (!d.allowed) {
            Reply reply = problem(ErrorCode::TooManyAttempts, QStringLiteral("too many sign-in attempts; wait a moment"));
            reply.headers.append({"Retry-After", QByteArray::number(std::max<qint64>(1, (d.retryAfterMs + 999) / 1000))});
            return reply;
        }
        qint64 retryAfter = 0;
        auto result = env.auth.login({login.email, login.password, login.tenant, r.clientAddress,
                                      QString::fromUtf8(r.header("user-agent"))},
                                     &retryAfter);
        if (!result) {
            Reply reply = fromError(result.error());
            if (retryAfter > 0)
                reply.headers.append({"Retry-After", QByteArray::number((retryAfter + 999) / 1000)});
            return reply;
        }
        const LoginResult &l = result.value();
        const protocol::User u = toProtocol(l.user);
        protocol::LoginResult out{l.token, l.session.expiresAt, l.session.absoluteExpiresAt,
                                  {u.id, u.email, u.name, u.role, u.active, u.createdAt, u.lastLoginAt, {}}};
        if (l.tenant)
            out.user.tenant = tenantRef(*l.tenant);
        return answer<route::Login>(out);
    });

    router.add<route::Logout>(Access::anyUser(), [&env](Request &r) {
        if (auto s = SessionRepository(env.db).revoke(r.principal.token); !s)
            return fromError(s.error());
        (void)AuditLog::record(env.db, r.actor(), r.principal.homeTenant, QStringLiteral("auth.logout"), QStringLiteral("user"),
                               QString::number(r.principal.userId.value));
        return Reply::noContent();
    });

    router.add<route::GetMe>(Access::anyUser(), [&env](Request &r) {
        const Principal &p = r.principal;
        protocol::MeResult me{{p.userId.value, p.email, p.name, p.role, true, {}}, p.expiresAt};
        if (p.homeTenant.isValid()) {
            auto t = TenantRepository(env.db).find(p.homeTenant);
            if (!t)
                return fromError(t.error());
            if (t.value())
                me.user.tenant = tenantRef(*t.value());
        }
        return answer<route::GetMe>(me);
    });

    router.add<route::ListApiKeys>(Access::tenantAdmins(), [&env](Request &r) {
        auto keys = ApiKeyRepository(env.db).list(r.principal.tenant);
        if (!keys)
            return fromError(keys.error());
        protocol::ApiKeyList list;
        for (const ApiKey &k : keys.value())
            list.items.append(toProtocol(k));
        return answer<route::ListApiKeys>(list);
    });

    router.add<route::CreateApiKey>(Access::tenantAdmins(), [&env](Request &r, const protocol::CreateApiKey &create) {
        // Left out: every scope. Unknown ones are refused by the repository.
        const QStringList scopes = create.scopes.value_or(ApiScope::all());
        auto created = ApiKeyRepository(env.db).create(r.principal.tenant, create.name, scopes, r.actor());
        if (!created)
            return fromError(created.error());
        return answer<route::CreateApiKey>({created->key, toProtocol(created->apiKey)});
    });

    router.add<route::RevokeApiKey>(Access::tenantAdmins(), [&env](Request &r) {
        const auto id = r.id();
        if (!id)
            return problem(ErrorCode::NotFound, QStringLiteral("no such API key"));
        if (auto s = ApiKeyRepository(env.db).revoke(r.principal.tenant, *id, r.actor()); !s)
            return fromError(s.error());
        return Reply::noContent();
    });
}

} // namespace puente::server::api
