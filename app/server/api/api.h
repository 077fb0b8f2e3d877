#pragma once

#include "common/clock.h"
#include "common/result.h"
#include "http/message.h"
#include "protocol/errorcode.h"
#include "protocol/request.h"
#include "protocol/routes.h"
#include "domain/user.h"
#include "storage/auditlog.h"

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <QFuture>
#include <QPromise>
#include <QThreadPool>
#include <QUrlQuery>

#include <functional>
#include <memory>
#include <mutex>
#include <optional>

namespace puente::server::api {

using Method = http::Method;
using Reply = http::Reply;
using http::methodName;

// Who is calling. A session belongs to a user; an API key to a tenant.
struct Principal {
    enum class Kind { Anonymous, Session, ApiKey };
    Kind kind = Kind::Anonymous;
    UserId userId;
    Role role = Role::Agent;
    QString email;
    QString name;
    TenantId homeTenant; // the user's own tenant (none for a platform admin)
    TenantId tenant;     // where this request acts: home, or the one a platform admin names
    qint64 sessionId = 0;
    qint64 expiresAt = 0;
    QString token;       // as presented (sign-out needs it)
    qint64 apiKeyId = 0;
    QString apiKeyName;
    QStringList scopes;

    bool isPlatformAdmin() const { return kind == Kind::Session && role == Role::PlatformAdmin; }
    // The audit log's idea of this caller.
    Actor actor(const QString &clientAddress) const;
};

// One HTTP request as the API sees it: what the HTTP front read, and what
// dispatching found out about it.
struct Request : http::Request {
    Request() = default;
    explicit Request(http::Request &&r) : http::Request(std::move(r)) {}

    // Filled while dispatching:
    QStringList params;   // path parameters, in order ("{id}" segments)
    QString routePattern; // "/api/users/{id}": for metrics and logs
    Principal principal;
    QJsonObject json;     // the body, for requests that carry JSON

    // The i-th path parameter as a positive id; nullopt (→ 404) otherwise.
    std::optional<qint64> id(int i = 0) const;
    Actor actor() const { return principal.actor(clientAddress); }
};

using protocol::ErrorCode;
namespace route = protocol::route;

// A refusal: the code's status, its name, the message and the field (the
// code's usual field when none is given).
Reply problem(ErrorCode code, const QString &message, const QString &field = {});
Reply problem(const protocol::ApiProblem &p);
// 404 not_found: "no such <what>".
Reply notFound(const QString &what);
// A repository error with the status its code implies (protocol/errorcode.h:
// not_found → 404, *_taken → 409, invalid_* → 422...; storage → 503; a code
// the table does not know is a bug → 500).
Reply fromError(const Error &error, const QString &field = {});

// A route's answer, from its protocol type (protocol/routes.h).
template<typename R>
Reply answer(const typename R::Response &value, int status = R::status)
{
    return Reply::json(protocol::toJson(value), status);
}

// The request body as the route's request type, or the 422 that names the
// field at fault.
template<typename T>
std::variant<T, Reply> decode(const QJsonObject &json)
{
    auto decoded = protocol::decodeRequest<T>(json);
    if (auto *p = std::get_if<protocol::ApiProblem>(&decoded))
        return problem(*p);
    return std::get<T>(std::move(decoded));
}

using Handler = std::function<Reply(Request &)>;
// A handler that waits for something (Meta) without holding a REST thread:
// it answers with a future (see PoolGate::after).
using AsyncHandler = std::function<QFuture<Reply>(Request &)>;

// Work handed back to the REST pool after a wait (a Graph call's
// continuation), while the API lives: once closed (the server stopping),
// nothing more is started.
class PoolGate {
public:
    explicit PoolGate(QThreadPool *pool) : m_pool(pool) {}
    bool start(std::function<void()> work);
    void close();

    // The reply `f(value)` computes on the pool once `future` has its value.
    template<typename T, typename F>
    static QFuture<Reply> after(const std::shared_ptr<PoolGate> &gate, QFuture<T> future, F &&f)
    {
        auto promise = std::make_shared<QPromise<Reply>>();
        promise->start();
        QFuture<Reply> reply = promise->future();
        future.then(QtFuture::Launch::Sync, [gate, promise, f = std::forward<F>(f)](T value) mutable {
            const bool started = gate->start([promise, f = std::move(f), value = std::move(value)]() mutable {
                promise->addResult(f(value));
                promise->finish();
            });
            if (!started) {
                promise->addResult(problem(ErrorCode::Unavailable, QStringLiteral("the server is stopping")));
                promise->finish();
            }
        });
        return reply;
    }

private:
    std::mutex m_mutex;
    QThreadPool *m_pool;
};

// Who may call a route.
struct Access {
    enum class Tenant {
        Required, // acts inside one tenant (a platform admin names it with X-Puente-Tenant)
        Optional, // a platform admin may name one or not
        None,     // not tenant-scoped
    };
    bool anonymous = false;
    QList<Role> roles; // session users with these roles (a platform admin passes every Required route)
    QString scope;     // API keys with this scope; empty: no API key
    Tenant tenant = Tenant::Required;
    bool allowSuspended = false; // reachable while the tenant is suspended
    qint64 maxBody = 0;          // 0: the API's default (1 MiB)
    bool rawBody = false;        // the body is a file, not JSON: it is streamed to disk (Request::bodyFile)

    static Access publicRoute() { return {true, {}, {}, Tenant::None, true}; }
    static Access agents(const QString &scope = {}) { return {false, {Role::Agent, Role::TenantAdmin}, scope, Tenant::Required, false}; }
    static Access tenantAdmins() { return {false, {Role::TenantAdmin}, {}, Tenant::Required, false}; }
    static Access platformAdmins() { return {false, {Role::PlatformAdmin}, {}, Tenant::None, true}; }
    static Access anyUser() { return {false, {Role::Agent, Role::TenantAdmin, Role::PlatformAdmin}, {}, Tenant::None, true}; }
};

// Routes by method and path template ("/api/users/{id}"). Knows which paths
// exist, so a wrong method is a 405 with Allow, not a 404.
class Router {
public:
    void add(Method method, const QString &pattern, Access access, Handler handler);
    void add(Method method, const QString &pattern, Access access, AsyncHandler handler);
    // A route of the catalogue (protocol/routes.h): its method and path.
    template<typename R>
    void add(Access access, Handler handler)
    {
        add(method(R::verb), QString::fromLatin1(R::path), std::move(access), std::move(handler));
    }
    template<typename R>
    void addAsync(Access access, AsyncHandler handler)
    {
        add(method(R::verb), QString::fromLatin1(R::path), std::move(access), std::move(handler));
    }
    // The same for routes with a JSON body: the handler gets it decoded
    // into the route's request type; a body that does not decode is
    // answered 422, naming the field, and the handler never runs. (Routes
    // that answer 404 for a malformed {id} before looking at the body
    // decode it themselves, with decode<T>.)
    template<typename R>
    void add(Access access, std::function<Reply(Request &, const typename R::Request &)> handler)
    {
        add<R>(std::move(access), Handler([handler = std::move(handler)](Request &r) {
                   auto body = decode<typename R::Request>(r.json);
                   if (auto *refused = std::get_if<Reply>(&body))
                       return *refused;
                   return handler(r, std::get<typename R::Request>(body));
               }));
    }
    template<typename R>
    void addAsync(Access access, std::function<QFuture<Reply>(Request &, const typename R::Request &)> handler)
    {
        addAsync<R>(std::move(access), AsyncHandler([handler = std::move(handler)](Request &r) {
                        auto body = decode<typename R::Request>(r.json);
                        if (auto *refused = std::get_if<Reply>(&body))
                            return QtFuture::makeReadyFuture(*refused);
                        return handler(r, std::get<typename R::Request>(body));
                    }));
    }
    static Method method(protocol::Verb verb);
    // A route another component serves (webhook, WebSocket, OpenAPI):
    // listed for the OpenAPI check and the 405 answer.
    void addExternal(Method method, const QString &pattern);

    struct Route {
        Method method;
        QString pattern;
        QStringList segments;
        Access access;
        Handler handler;
        bool external = false;
        AsyncHandler asyncHandler = {};
    };
    struct Match {
        const Route *route = nullptr;
        QStringList params;
        QStringList allowed; // methods of the path when the method did not match
    };
    Match match(Method method, const QString &path) const;
    // "METHOD /path/{id}" for every route.
    QStringList routes() const;
    const QList<Route> &all() const { return m_routes; }

private:
    QList<Route> m_routes;
};


} // namespace puente::server::api
