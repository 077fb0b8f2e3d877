#include "httpfront.h"

#include "crypto/crypto.h"
#include "logging/logging.h"
#include "platform/platform.h"
#include "messaging/dispatcher.h"
#include "servercontext.h"
#include "storage/migrations.h"
#include "http/server.h"
#include "webhookendpoint.h"
#include "websockethub.h"
#include "api/restapi.h"

#include <QFile>
#include <QJsonObject>
#include <QWebSocket>

namespace puente::server {

template<typename Handler>
void HttpFront::addRoute(http::Method method, const QString &path, Handler &&handler)
{
    m_api->addExternal(method, path);
    m_http->route(method, path, std::forward<Handler>(handler));
}

QStringList HttpFront::routes() const
{
    return m_api->router().routes();
}


namespace {
double seconds(const Settings &s, const char *key, double fallback)
{
    bool ok = false;
    const double v = s.value(QString::fromLatin1(key)).toDouble(&ok);
    return ok && v > 0 ? v : fallback;
}

http::ServerLimits serverLimits(const Settings &s)
{
    http::ServerLimits l;
    l.headerTimeoutMs = int(seconds(s, "http_header_timeout_seconds", 30) * 1000);
    l.bodyTimeoutMs = int(seconds(s, "http_body_timeout_seconds", 30) * 1000);
    l.idleTimeoutMs = int(seconds(s, "http_idle_timeout_seconds", 60) * 1000);
    l.writeTimeoutMs = int(seconds(s, "http_write_timeout_seconds", 60) * 1000);
    // Each connection holds a file descriptor: by default the cap leaves
    // room for the database, media files and outgoing connections. A cap the
    // installation sets is taken as it is.
    const int fds = platform::raiseFileLimit();
    l.maxConnections = int(seconds(s, "http_max_connections", std::clamp(fds - 256, 64, 10'000)));
    return l;
}
} // namespace

HttpFront::HttpFront(ServerContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_http(std::make_unique<http::Server>())
    , m_webhook(std::make_unique<WebhookEndpoint>(context.database(), context.keyring(), context.webhookInbox(), context.metrics(),
                                                  context.settings().value(QStringLiteral("verify_token")),
                                                  context.settings().value(QStringLiteral("app_secret")), &m_pool))
    , m_hub(std::make_unique<WebSocketHub>(context.database(), context.eventBus(), context.metrics(), &m_pool))
    , m_api(std::make_unique<api::RestApi>(context, &m_pool))
{
    const Settings &settings = context.settings();
    bool rateOk = false, burstOk = false;
    const double rate = settings.value(QStringLiteral("webhook_rate_limit_per_second")).toDouble(&rateOk);
    const double burst = settings.value(QStringLiteral("webhook_rate_limit_burst")).toDouble(&burstOk);
    m_webhook->setGuard(rateOk ? rate : 10'000, burstOk ? burst : 20'000);
    // API handlers may wait on scrypt or a Graph call: more threads than cores.
    m_pool.setMaxThreadCount(16);
    m_metricsToken = settings.value(QStringLiteral("metrics_token")).toUtf8();
    m_http->setLimits(serverLimits(settings));
    m_http->setTrustProxy(settings.value(QStringLiteral("trust_proxy")) == QLatin1String("true"));
    api::RestApi *restApi = m_api.get();
    Metrics *metrics = &context.metrics();
    m_http->setBodyPolicy([restApi, metrics](const http::RequestHead &head) {
        if (head.path == QLatin1String("/api/whatsapp/webhook") && head.method == http::Method::Post) {
            ++metrics->webhooksReceived;
            return http::BodyPolicy{WebhookEndpoint::kMaxBody, {}, [metrics](qint64) {
                                        ++metrics->webhooksTooLarge;
                                        return api::problem(api::ErrorCode::PayloadTooLarge,
                                                                 QStringLiteral("webhook bodies are limited to 3 MiB"));
                                    }, std::nullopt};
        }
        return restApi->bodyPolicy(head);
    });
    m_http->setRefusalObserver([metrics](int, const QString &code) { metrics->countRefusal(code); });
    registerRoutes();
    connect(m_http.get(), &http::Server::webSocketConnected, this,
            [this](QWebSocket *socket) { m_hub->addConnection(std::unique_ptr<QWebSocket>(socket)); });
}

HttpFront::~HttpFront()
{
    m_pool.waitForDone();
}

bool HttpFront::mayReadOperations(const http::Request &request, bool ownListener) const
{
    if (!m_metricsToken.isEmpty()) {
        const QByteArray authorization = request.header("authorization");
        return authorization.startsWith("Bearer ") && crypto::constantTimeEquals(authorization.mid(7).trimmed(), m_metricsToken);
    }
    if (ownListener)
        return true;
    if (m_metricsServer)
        return false; // served on the operations address only
    // Without a token or an address of their own: only a client on this
    // host, directly (a proxy on this host passes forwarded headers).
    return request.peerIsLoopback && request.header("x-forwarded-for").isEmpty() && request.header("x-real-ip").isEmpty()
           && request.header("forwarded").isEmpty();
}

void HttpFront::registerRoutes()
{
    using api::Reply;
    addRoute(http::Method::Get, QStringLiteral("/healthz"), [](http::Request, http::Answer answer) {
        answer.send(Reply::json(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}}));
    });
    m_api->addExternal(http::Method::Get, QStringLiteral("/readyz"));
    m_api->addExternal(http::Method::Get, QStringLiteral("/metrics"));
    addOperationRoutes(*m_http, false);

    WebhookEndpoint *webhook = m_webhook.get();
    addRoute(http::Method::Get, QStringLiteral("/api/whatsapp/webhook"),
             [webhook](http::Request request, http::Answer answer) { webhook->verify(request, std::move(answer)); });
    addRoute(http::Method::Post, QStringLiteral("/api/whatsapp/webhook"),
             [webhook](http::Request request, http::Answer answer) { webhook->receive(request, std::move(answer)); });

    // The WebSocket upgrade: http::Server hands the socket to Qt's WebSocket
    // handshake; WebSocketHub then checks the token on the new connection.
    m_api->addExternal(http::Method::Get, QStringLiteral("/api/ws"));
    m_http->acceptWebSockets(QStringLiteral("/api/ws"));

    addRoute(http::Method::Get, QStringLiteral("/api/openapi.yaml"), [](http::Request, http::Answer answer) {
        QFile f(QStringLiteral(":/puente/openapi.yaml"));
        f.open(QIODevice::ReadOnly);
        answer.send(Reply{200, QByteArrayLiteral("application/yaml"), f.readAll(), {}});
    });

    // Everything else goes to the REST API's router, which answers 404 and
    // 405 itself.
    api::RestApi *restApi = m_api.get();
    QThreadPool *pool = &m_pool;
    m_http->setFallback([restApi, pool](http::Request request, http::Answer answer) {
        pool->start([restApi, answer, r = api::Request(std::move(request))]() mutable {
            restApi->handle(std::move(r)).then(QtFuture::Launch::Sync, [answer](http::Reply reply) {
                // Nothing the API answers belongs in a shared cache (tokens,
                // messages); media files say for themselves.
                if (std::none_of(reply.headers.cbegin(), reply.headers.cend(),
                                 [](const auto &h) { return h.first.compare("Cache-Control", Qt::CaseInsensitive) == 0; }))
                    reply.headers.append({QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")});
                answer.send(std::move(reply));
            });
        });
    });
}

// /readyz and /metrics: on the main listener, or on an address of their own.
void HttpFront::addOperationRoutes(http::Server &server, bool ownListener)
{
    using api::Reply;
    Database *db = &m_context.database();
    QThreadPool *pool = &m_pool;
    const auto hidden = [] { return api::problem(api::ErrorCode::NotFound, QStringLiteral("no such endpoint")); };
    server.route(http::Method::Get, QStringLiteral("/readyz"), [this, db, pool, ownListener, hidden](http::Request request, http::Answer answer) {
        if (!mayReadOperations(request, ownListener))
            return answer.send(hidden());
        pool->start([db, answer] {
            auto version = migrations::currentVersion(*db);
            if (!version || version.value() != migrations::latestVersion()) {
                const QString why = version ? QStringLiteral("schema version %1, expected %2")
                                                  .arg(version.value())
                                                  .arg(migrations::latestVersion())
                                            : version.error().message;
                qCWarning(lcHttp).noquote() << "not ready:" << why;
                answer.send(Reply::json(QJsonObject{{QStringLiteral("status"), QStringLiteral("unavailable")},
                                                    {QStringLiteral("database"), why}},
                                        503));
                return;
            }
            answer.send(Reply::json(QJsonObject{{QStringLiteral("status"), QStringLiteral("ready")},
                                                {QStringLiteral("database"), QStringLiteral("ok")},
                                                {QStringLiteral("schema_version"), version.value()}}));
        });
    });

    Metrics *metrics = &m_context.metrics();
    OutboxDispatcher *dispatcher = m_context.dispatcher();
    http::Server *front = m_http.get();
    server.route(http::Method::Get, QStringLiteral("/metrics"),
                 [this, metrics, db, pool, dispatcher, front, ownListener, hidden](http::Request request, http::Answer answer) {
        if (!mayReadOperations(request, ownListener))
            return answer.send(hidden());
        const int connections = front->connectionCount();
        pool->start([metrics, db, dispatcher, answer, connections] {
            const qint64 depth = OutboxDispatcher::waiting(*db).valueOr(-1);
            QByteArray text = metrics->toPrometheus(depth);
            text += "# HELP puente_http_connections Open client connections (WebSockets included).\n"
                    "# TYPE puente_http_connections gauge\npuente_http_connections "
                    + QByteArray::number(connections) + '\n';
            if (dispatcher) {
                const OutboxDispatcher::Counters &c = dispatcher->counters();
                text += "# HELP puente_sends_total Send attempts by result (accepted by Meta, failed for good, retried later, "
                        "interrupted and flagged, refused for throughput).\n# TYPE puente_sends_total counter\n";
                for (const auto &[result, value] : {std::pair{"accepted", c.accepted.load()}, std::pair{"failed", c.failed.load()},
                                                    std::pair{"retried", c.retried.load()}, std::pair{"flagged", c.flagged.load()},
                                                    std::pair{"rate_limited", c.rateLimited.load()}})
                    text += QByteArray("puente_sends_total{result=\"") + result + "\"} " + QByteArray::number(value) + '\n';
            }
            answer.send(Reply{200, QByteArrayLiteral("text/plain; version=0.0.4"), std::move(text), {}});
        });
    });
}

Result<quint16> HttpFront::listen(const QHostAddress &address, quint16 port)
{
    return m_http->listen(address, port);
}

Result<quint16> HttpFront::listenOperations(const QHostAddress &address, quint16 port)
{
    if (!m_metricsServer) {
        m_metricsServer = std::make_unique<http::Server>();
        m_metricsServer->setLimits(m_http->limits());
        m_metricsServer->route(http::Method::Get, QStringLiteral("/healthz"), [](http::Request, http::Answer answer) {
            answer.send(api::Reply::json(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}}));
        });
        addOperationRoutes(*m_metricsServer, true);
    }
    return m_metricsServer->listen(address, port);
}

Result<std::pair<QHostAddress, quint16>> parseListenAddress(const QString &text)
{
    const int colon = text.lastIndexOf(QLatin1Char(':'));
    bool ok = false;
    const uint port = colon >= 0 ? text.mid(colon + 1).toUInt(&ok) : 0;
    if (colon < 0 || !ok || port > 65535)
        return makeError("bad_listen", QStringLiteral("--listen wants HOST:PORT, for example 127.0.0.1:8080; got \"%1\"").arg(text));
    QString host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    QHostAddress address;
    if (host.isEmpty() || host == QLatin1String("*"))
        address = QHostAddress::Any;
    else if (host == QLatin1String("localhost"))
        address = QHostAddress::LocalHost;
    else if (!address.setAddress(host))
        return makeError("bad_listen", QStringLiteral("\"%1\" is not an IP address").arg(host));
    return std::pair{address, quint16(port)};
}

} // namespace puente::server
