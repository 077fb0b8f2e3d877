#include "restapi.h"

#include "accounts/apikeys.h"
#include "accounts/authservice.h"
#include "common/jsonscan.h"
#include "config/settings.h"
#include "protocol/text.h"
#include "logging/logging.h"
#include "metrics.h"
#include "servercontext.h"
#include "storage/auditlog.h"
#include "storage/sessionrepository.h"
#include "storage/tenantrepository.h"
#include "storage/userrepository.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

namespace puente::server::api {

namespace {
double number(const Settings &s, const char *key, double fallback)
{
    bool ok = false;
    const double v = s.value(QString::fromLatin1(key)).toDouble(&ok);
    return ok && v >= 0 ? v : fallback;
}

AuthPolicy authPolicy(const Settings &s)
{
    AuthPolicy p;
    p.sessionIdleMs = qint64(number(s, "session_idle_minutes", 12 * 60) * 60'000);
    p.sessionAbsoluteMs = qint64(number(s, "session_max_hours", 7 * 24) * 3'600'000);
    p.scrypt.logN = int(number(s, "password_hash_log_n", 15));
    return p;
}

bool hasBody(Method m)
{
    return m == Method::Post || m == Method::Patch || m == Method::Put;
}

// The first string (or key) anywhere in a body that holds what no text
// from a client may: NUL, control characters but line breaks and tabs,
// direction overrides. (field path, what is wrong)
std::optional<std::pair<QString, QString>> badText(const QJsonValue &value, const QString &path)
{
    if (value.isString()) {
        if (const QString p = text::problem(value.toString(), text::Kind::Multiline); !p.isEmpty())
            return std::pair{path.isEmpty() ? QStringLiteral("body") : path, p};
    } else if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            const QString at = path.isEmpty() ? it.key() : path + QLatin1Char('.') + it.key();
            if (const QString p = text::problem(it.key(), text::Kind::Line); !p.isEmpty())
                return std::pair{QStringLiteral("a key in %1").arg(path.isEmpty() ? QStringLiteral("the body") : path), p};
            if (auto bad = badText(it.value(), at))
                return bad;
        }
    } else if (value.isArray()) {
        const QJsonArray a = value.toArray();
        for (qsizetype i = 0; i < a.size(); ++i)
            if (auto bad = badText(a.at(i), QStringLiteral("%1[%2]").arg(path).arg(i)))
                return bad;
    }
    return std::nullopt;
}
} // namespace

protocol::User toProtocol(const User &u)
{
    protocol::User out{u.id.value, u.email, u.name, u.role, u.active, u.createdAt, {}};
    if (u.lastLoginAt)
        out.lastLoginAt = u.lastLoginAt;
    return out;
}

protocol::Tenant toProtocol(const Tenant &t)
{
    protocol::Tenant out{t.id.value, t.slug, t.name, t.plan, t.status, {}, t.createdAt};
    if (!t.suspendedReason.isEmpty())
        out.suspendedReason = t.suspendedReason;
    return out;
}

protocol::TenantRef tenantRef(const Tenant &t)
{
    return {t.id.value, t.slug, t.name, t.status, t.status == TenantStatus::Suspended ? t.suspendedReason : QString()};
}

protocol::ApiKey toProtocol(const ApiKey &k)
{
    protocol::ApiKey out;
    out.id = k.id;
    out.name = k.name;
    out.prefix = k.prefix;
    for (const QString &scope : k.scopes)
        if (const auto s = protocol::enumFromName<protocol::ApiScope>(scope))
            out.scopes.append(*s);
    if (k.createdBy.isValid())
        out.createdByUserId = k.createdBy.value;
    out.createdAt = k.createdAt;
    if (k.lastUsedAt)
        out.lastUsedAt = k.lastUsedAt;
    if (k.revokedAt)
        out.revokedAt = k.revokedAt;
    return out;
}

RestApi::RestApi(ServerContext &context, QThreadPool *pool)
    : m_auth(std::make_unique<AuthService>(context.database(), authPolicy(context.settings())))
{
    const Settings &s = context.settings();
    m_env.reset(new Environment{context.database(), context.keyring(), context.eventBus(), context.settings(), context.metrics(), *m_auth,
                                context.graph(), pool, mediaRoot(s), s.value(QStringLiteral("public_url")),
                                s.value(QStringLiteral("default_phone_region")), m_limiter});
    m_env->wakeInbound = [&context] { context.wakeInbound(); };
    m_env->gate = std::make_shared<PoolGate>(pool);
    m_env->trustProxy = s.value(QStringLiteral("trust_proxy")) == QLatin1String("true");
    m_env->notifications = context.notifications();
    m_env->chatImports = &context.chatImports();
    m_env->tokenWatch = context.tokenWatch();
    m_env->callbackPrivateNetwork = s.value(QStringLiteral("callback_private_network")) == QLatin1String("true");
    m_tenantRate = number(s, "rate_limit_tenant_per_second", 50);
    m_tenantBurst = number(s, "rate_limit_tenant_burst", 200);
    m_callerRate = number(s, "rate_limit_user_per_second", 10);
    m_callerBurst = number(s, "rate_limit_user_burst", 60);
    m_maxBody = qint64(number(s, "api_max_body_bytes", 1 << 20));
    m_uploadDir = m_env->mediaRoot + QStringLiteral("/.incoming");
    registerAccountRoutes(m_router, *m_env);
    registerWhatsAppRoutes(m_router, *m_env);
    registerConversationRoutes(m_router, *m_env);
    registerAdminRoutes(m_router, *m_env);
    registerNotificationRoutes(m_router, *m_env);
    registerCampaignRoutes(m_router, *m_env);
    registerImportRoutes(m_router, *m_env);
}

RestApi::~RestApi()
{
    m_env->gate->close();
}

http::BodyPolicy RestApi::bodyPolicy(const http::RequestHead &head) const
{
    const auto match = m_router.match(head.method, head.path);
    http::BodyPolicy policy;
    policy.maxBytes = m_maxBody;
    if (match.route && !match.route->external) {
        if (match.route->access.maxBody > 0)
            policy.maxBytes = match.route->access.maxBody;
        if (match.route->access.rawBody) {
            policy.fileDir = m_uploadDir;
            // Up to 100 MB go to disk before the handler checks the token:
            // without one at all, nothing is read. Larger bodies (chat
            // exports, up to 2 GB) need a live session before a byte is kept.
            const QByteArray authorization = head.field("authorization");
            if (!match.route->access.anonymous && !authorization.startsWith("Bearer ")) {
                policy.refuse = problem(ErrorCode::Unauthenticated, QStringLiteral("sign in first (send Authorization: Bearer <token>)"));
            } else if (!match.route->access.anonymous && policy.maxBytes > kMaxUnauthenticatedBody) {
                const QString token = QString::fromUtf8(authorization.mid(7).trimmed());
                if (token.startsWith(QLatin1String("pk_"))) {
                    policy.refuse = problem(ErrorCode::Forbidden, QStringLiteral("API keys cannot use this endpoint; sign in as a user"));
                } else {
                    auto session = SessionRepository(m_env->db).findByToken(token);
                    if (!session || !session.value())
                        policy.refuse = problem(ErrorCode::InvalidToken, QStringLiteral("your session has expired or you signed out; sign in again"));
                }
            }
        }
    }
    return policy;
}

QFuture<Reply> RestApi::handle(Request request)
{
    const auto match = m_router.match(request.method, request.path);
    Reply reply;
    if (!match.route) {
        request.routePattern = QStringLiteral("unmatched");
        if (!match.allowed.isEmpty()) {
            reply = problem(ErrorCode::MethodNotAllowed,
                                 QStringLiteral("%1 is not allowed here; use %2").arg(methodName(request.method), match.allowed.join(QStringLiteral(", "))));
            reply.headers.append({"Allow", match.allowed.join(QStringLiteral(", ")).toLatin1()});
        } else {
            reply = problem(ErrorCode::NotFound, QStringLiteral("no such endpoint: %1").arg(request.path));
        }
    } else if (match.route->external) {
        // Served by its own HTTP front route; reaching here means the
        // method matched nothing there (HEAD, say).
        request.routePattern = match.route->pattern;
        QStringList allowed;
        for (const Router::Route &r : m_router.all())
            if (r.pattern == match.route->pattern)
                allowed.append(methodName(r.method));
        reply = problem(ErrorCode::MethodNotAllowed,
                             QStringLiteral("%1 is not allowed here; use %2").arg(methodName(request.method), allowed.join(QStringLiteral(", "))));
        reply.headers.append({"Allow", allowed.join(QStringLiteral(", ")).toLatin1()});
    } else {
        const Router::Route &route = *match.route;
        request.params = match.params;
        request.routePattern = route.pattern;
        std::optional<Reply> refused;
        for (const auto &[name, value] : request.query.queryItems(QUrl::FullyDecoded)) {
            const QString nameProblem = text::problem(name, text::Kind::Line);
            const QString what = nameProblem.isEmpty() ? text::problem(value, text::Kind::Line) : nameProblem;
            if (!what.isEmpty()) {
                const QString which = nameProblem.isEmpty() ? name : QStringLiteral("name");
                refused = problem(ErrorCode::InvalidParameter, QStringLiteral("the parameter %1 %2").arg(which, what), which);
                break;
            }
        }
        if (!refused && hasBody(request.method)) {
            const qint64 maxBody = route.access.maxBody > 0 ? route.access.maxBody : m_maxBody;
            if (request.bodySize > maxBody) {
                refused = problem(ErrorCode::TooLarge, QStringLiteral("the request body is larger than %1 bytes").arg(maxBody));
            } else if (!route.access.rawBody && !request.body.trimmed().isEmpty()) {
                const QByteArray type = request.header("content-type").split(';').first().trimmed().toLower();
                if (type != "application/json") {
                    refused = problem(ErrorCode::UnsupportedMediaType,
                                           QStringLiteral("send the body as JSON with Content-Type: application/json"));
                } else {
                    QJsonParseError error{};
                    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &error);
                    if (error.error != QJsonParseError::NoError)
                        refused = problem(ErrorCode::MalformedJson,
                                               QStringLiteral("the body is not valid JSON: %1 at byte %2").arg(error.errorString()).arg(error.offset));
                    else if (!doc.isObject())
                        refused = problem(ErrorCode::MalformedJson, QStringLiteral("the body must be a JSON object"));
                    else if (const auto twice = json::duplicateKey(request.body))
                        refused = problem(ErrorCode::MalformedJson,
                                               QStringLiteral("the key %1 appears twice in one object").arg(*twice), *twice);
                    else if (const auto bad = badText(doc.object(), {}))
                        refused = problem(ErrorCode::InvalidField, QStringLiteral("%1 %2").arg(bad->first, bad->second),
                                               bad->first);
                    else
                        request.json = doc.object();
                }
            }
        }
        // Failed authentications cost a database lookup each: an address
        // that keeps presenting bad tokens is slowed down before that.
        const QString badAuthKey = QStringLiteral("bad-auth:") + request.clientAddress;
        if (!refused && !route.access.anonymous) {
            if (const auto d = m_limiter.peek(badAuthKey, 1, 20, nowMs()); !d.allowed) {
                refused = problem(ErrorCode::RateLimited, QStringLiteral("too many requests with invalid tokens; retry later"));
                refused->headers.append({"Retry-After", QByteArray::number(std::max<qint64>(1, (d.retryAfterMs + 999) / 1000))});
            }
        }
        if (!refused) {
            refused = authenticate(request, route);
            if (refused && refused->status == 401)
                (void)m_limiter.take(badAuthKey, 1, 20, nowMs());
        }
        if (!refused)
            refused = rateLimit(request);
        if (refused) {
            reply = *refused;
        } else {
            if (request.principal.isPlatformAdmin() && request.principal.tenant.isValid())
                auditPlatformAdmin(request);
            if (route.asyncHandler)
                return route.asyncHandler(request).then(QtFuture::Launch::Sync, [this, request](Reply answered) {
                    finish(request, answered);
                    return answered;
                });
            reply = route.handler(request);
        }
    }
    finish(request, reply);
    return QtFuture::makeReadyFuture(reply);
}

void RestApi::finish(const Request &request, const Reply &reply)
{
    if (reply.status == 409 && reply.body.contains("\"plan_limit_reached\""))
        auditLimitReached(request, reply);
    m_env->metrics.countRequest(request.routePattern, reply.status);
    // Every refusal counts, whichever limit made it (callers, tenants, bad
    // tokens, sign-in throttling).
    if (reply.status == 429)
        m_env->metrics.rateLimited.fetch_add(1, std::memory_order_relaxed);
    if (reply.status >= 500)
        qCWarning(lcHttp).noquote() << methodName(request.method) << request.routePattern << "answered" << reply.status;
}

// Operators see how often a company runs into its plan (a refusal writes
// nothing else).
void RestApi::auditLimitReached(const Request &request, const Reply &reply)
{
    const QJsonObject error = QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("error")).toObject();
    (void)AuditLog::record(m_env->db, request.actor(), request.principal.tenant, QStringLiteral("plan.limit_reached"), QStringLiteral("route"),
                           methodName(request.method) + QLatin1Char(' ') + request.routePattern,
                           {{QStringLiteral("limit"), request.routePattern.contains(QLatin1String("messages")) || request.routePattern.contains(QLatin1String("notifications"))
                                                                ? QStringLiteral("business_conversations")
                                                                                                                 : QStringLiteral("users")},
                            {QStringLiteral("message"), error.value(QStringLiteral("message"))}});
}

std::optional<Reply> RestApi::authenticate(Request &request, const Router::Route &route)
{
    const Access &access = route.access;
    const QByteArray authorization = request.header("authorization");
    QString token;
    if (authorization.startsWith("Bearer ") || authorization.startsWith("bearer "))
        token = QString::fromUtf8(authorization.mid(7).trimmed());
    if (access.anonymous)
        return std::nullopt;
    if (token.isEmpty())
        return problem(ErrorCode::Unauthenticated, QStringLiteral("sign in first (send Authorization: Bearer <token>)"));

    Principal &p = request.principal;
    p.token = token;
    static const QRegularExpression apiKeyShape(QStringLiteral("^pk_[0-9a-f]{8}_"));
    if (apiKeyShape.match(token).hasMatch()) {
        auto key = ApiKeyRepository(m_env->db).authenticate(token);
        if (!key)
            return fromError(key.error());
        if (!key.value())
            return problem(ErrorCode::InvalidToken, QStringLiteral("this API key is unknown or has been revoked"));
        p.kind = Principal::Kind::ApiKey;
        p.apiKeyId = key.value()->id;
        p.apiKeyName = key.value()->name;
        p.scopes = key.value()->scopes;
        p.homeTenant = p.tenant = key.value()->tenantId;
        if (access.scope.isEmpty() || !p.scopes.contains(access.scope))
            return problem(ErrorCode::Forbidden, access.scope.isEmpty()
                                                                      ? QStringLiteral("API keys cannot use this endpoint; sign in as a user")
                                                                      : QStringLiteral("this API key lacks the %1 scope").arg(access.scope));
    } else {
        auto session = SessionRepository(m_env->db).findByToken(token, m_auth->policy().sessionIdleMs);
        if (!session)
            return fromError(session.error());
        if (!session.value())
            return problem(ErrorCode::InvalidToken, QStringLiteral("your session has expired or you signed out; sign in again"));
        const Session &s = *session.value();
        p.kind = Principal::Kind::Session;
        p.sessionId = s.id;
        p.userId = s.userId;
        p.role = s.role;
        p.expiresAt = s.expiresAt;
        p.homeTenant = s.tenantId;
        p.tenant = s.tenantId;
        p.email = s.email;
        p.name = s.name;
        const bool roleAllowed = access.roles.contains(p.role)
                                 || (p.role == Role::PlatformAdmin && access.tenant == Access::Tenant::Required);
        if (!roleAllowed)
            return problem(ErrorCode::Forbidden, QStringLiteral("your role (%1) cannot do this").arg(toString(p.role)));
        if (p.role == Role::PlatformAdmin && access.tenant != Access::Tenant::None) {
            const QString named = QString::fromUtf8(request.header("x-puente-tenant")).trimmed();
            if (named.isEmpty() && access.tenant == Access::Tenant::Required)
                return problem(ErrorCode::TenantHeaderNeeded,
                                    QStringLiteral("platform admins name the tenant to act in with the X-Puente-Tenant header (id or slug)"));
            if (!named.isEmpty()) {
                auto t = TenantRepository(m_env->db).findByIdOrSlug(named);
                if (!t)
                    return fromError(t.error());
                if (!t.value())
                    return problem(ErrorCode::TenantNotFound, QStringLiteral("no tenant %1").arg(named));
                p.tenant = t.value()->id;
            }
        }
    }
    // A suspended tenant's users and keys are told why; platform admins may
    // still act inside it.
    if (p.tenant.isValid() && !p.isPlatformAdmin() && !access.allowSuspended) {
        auto t = TenantRepository(m_env->db).findRecent(p.tenant);
        if (!t)
            return fromError(t.error());
        if (t.value() && t.value()->status == TenantStatus::Suspended)
            return problem(ErrorCode::TenantSuspended,
                                t.value()->suspendedReason.isEmpty()
                                    ? QStringLiteral("%1 is suspended; contact the platform operator").arg(t.value()->name)
                                    : QStringLiteral("%1 is suspended: %2").arg(t.value()->name, t.value()->suspendedReason));
    }
    return std::nullopt;
}

std::optional<Reply> RestApi::rateLimit(const Request &request)
{
    const Principal &p = request.principal;
    const qint64 now = nowMs();
    QList<std::tuple<QString, double, double>> buckets;
    if (p.kind == Principal::Kind::Anonymous)
        buckets.append({QStringLiteral("address:") + request.clientAddress, m_callerRate, m_callerBurst});
    else if (p.kind == Principal::Kind::ApiKey)
        buckets.append({QStringLiteral("key:%1").arg(p.apiKeyId), m_callerRate, m_callerBurst});
    else
        buckets.append({QStringLiteral("user:%1").arg(p.userId.value), m_callerRate, m_callerBurst});
    if (p.tenant.isValid())
        buckets.append({QStringLiteral("tenant:%1").arg(p.tenant.value), m_tenantRate, m_tenantBurst});
    for (const auto &[key, rate, burst] : buckets) {
        const auto d = m_limiter.take(key, rate, burst, now);
        if (!d.allowed) {
            const qint64 seconds = std::max<qint64>(1, (d.retryAfterMs + 999) / 1000);
            Reply r = problem(ErrorCode::RateLimited,
                                   key.startsWith(QLatin1String("tenant:"))
                                       ? QStringLiteral("your company is sending too many requests; retry in %1 s").arg(seconds)
                                       : QStringLiteral("too many requests; retry in %1 s").arg(seconds));
            r.headers.append({"Retry-After", QByteArray::number(seconds)});
            return r;
        }
    }
    return std::nullopt;
}

void RestApi::auditPlatformAdmin(const Request &request)
{
    const Principal &p = request.principal;
    const bool reads = request.method == Method::Get;
    // Reading inside a tenant is audited once per session and tenant (per
    // node); every change each time.
    const QString key = QStringLiteral("%1:%2").arg(p.sessionId).arg(p.tenant.value);
    if (reads) {
        QMutexLocker lock(&m_enteredMutex);
        if (m_entered.contains(key))
            return;
    }
    if (!AuditLog::record(m_env->db, request.actor(), p.tenant,
                          reads ? QStringLiteral("platform_admin.entered_tenant") : QStringLiteral("platform_admin.acted_in_tenant"),
                          QStringLiteral("tenant"), QString::number(p.tenant.value),
                          {{QStringLiteral("method"), methodName(request.method)}, {QStringLiteral("route"), request.routePattern}})
        || !reads)
        return;
    QMutexLocker lock(&m_enteredMutex);
    if (m_entered.size() > 10'000)
        m_entered.clear(); // at worst an admin's reading is audited again
    m_entered.insert(key);
}

} // namespace puente::server::api
