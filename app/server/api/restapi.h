#pragma once

#include <functional>

#include "api.h"
#include "http/server.h"
#include "common/ratelimiter.h"
#include "crypto/secretbox.h"
#include "accounts/apikeys.h"
#include "domain/tenant.h"
#include "meta/graphclient.h"

#include <QMutex>
#include <QThreadPool>
#include <QSet>

#include <memory>

namespace puente {
class AuthService;
class ChatImportJobs;
class Database;
class EventBus;
class NotificationWorker;
class TokenWatch;
class Settings;
}

namespace puente::server {
class Metrics;
class ServerContext;
}

namespace puente::server::api {

// What route handlers work with.
struct Environment {
    Database &db;
    crypto::KeyringPtr keyring;
    EventBus &bus;
    const Settings &settings;
    Metrics &metrics;
    AuthService &auth;
    meta::GraphClient &graph; // asynchronous: handlers continue on `pool`
    QThreadPool *pool;        // where REST handlers (and their continuations) run
    QString mediaRoot;     // <data_dir>/media
    QString publicUrl;     // "https://puente.example.com": the webhook URL shown to admins
    QString defaultRegion; // for phone numbers written without a country code
    RateLimiter &limiter;
    std::function<void()> wakeInbound = {}; // replayed dead letters wait in the inbox
    bool trustProxy = false;                // X-Forwarded-* from a proxy on this host are believed
    std::shared_ptr<PoolGate> gate = {};    // continuations of Meta calls go back to `pool` through it
    NotificationWorker *notifications = nullptr; // test callbacks (null when the worker is off)
    bool callbackPrivateNetwork = false;         // callbacks may go to private addresses
    ChatImportJobs *chatImports = nullptr;
    TokenWatch *tokenWatch = nullptr; // null when the watch is off
};

// The REST API: routing, authentication, roles and scopes, tenant selection,
// rate limits, request body rules, metrics. Handlers live in routes_*.cpp.
// handle() runs on a worker thread.
class RestApi {
public:
    // Raw bodies up to this size may reach the disk before the token is
    // checked (the handler checks it); larger ones need a session first.
    static constexpr qint64 kMaxUnauthenticatedBody = 100LL * 1024 * 1024;

    // `pool`: the HTTP front's, where handlers run.
    RestApi(ServerContext &context, QThreadPool *pool);
    ~RestApi();

    // Runs the route (on the calling thread; a route waiting for Meta
    // continues on the pool): the future has the answer.
    QFuture<Reply> handle(Request request);
    // How the HTTP front reads a request's body, from its method and path:
    // the route's limit, and raw bodies (uploads) into a file.
    // Uploads without a bearer token are refused before their body is read.
    http::BodyPolicy bodyPolicy(const http::RequestHead &head) const;
    const Router &router() const { return m_router; }
    // Routes served elsewhere, listed for 405 answers and the OpenAPI check.
    void addExternal(Method method, const QString &pattern) { m_router.addExternal(method, pattern); }

private:
    // After the handler: audit, metrics, logs.
    void finish(const Request &request, const Reply &reply);
    void auditLimitReached(const Request &request, const Reply &reply);
    std::optional<Reply> authenticate(Request &request, const Router::Route &route);
    std::optional<Reply> rateLimit(const Request &request);
    void auditPlatformAdmin(const Request &request);

    std::unique_ptr<AuthService> m_auth;
    RateLimiter m_limiter;
    std::unique_ptr<Environment> m_env;
    Router m_router;
    double m_tenantRate, m_tenantBurst, m_callerRate, m_callerBurst;
    qint64 m_maxBody;
    QString m_uploadDir;
    QMutex m_enteredMutex;
    QSet<QString> m_entered; // session:tenant pairs already audited
};

void registerAccountRoutes(Router &router, Environment &env);
void registerWhatsAppRoutes(Router &router, Environment &env);
void registerConversationRoutes(Router &router, Environment &env);
void registerAdminRoutes(Router &router, Environment &env);
void registerNotificationRoutes(Router &router, Environment &env);
void registerCampaignRoutes(Router &router, Environment &env);
void registerImportRoutes(Router &router, Environment &env);

// Domain records as the API carries them.
protocol::User toProtocol(const User &user);
protocol::Tenant toProtocol(const Tenant &tenant);
protocol::TenantRef tenantRef(const Tenant &tenant);
protocol::ApiKey toProtocol(const ApiKey &key);

} // namespace puente::server::api
