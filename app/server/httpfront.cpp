#include "httpfront.h"

#include "logging/logging.h"
#include "messaging/dispatcher.h"
#include "servercontext.h"
#include "storage/migrations.h"
#include "httpserver.h"
#include "webhookendpoint.h"
#include "websockethub.h"
#include "api/restapi.h"

#include <QFile>
#include <QJsonObject>

namespace puente::server {

template<typename Handler>
void HttpFront::addRoute(QHttpServerRequest::Method method, const QString &path, Handler &&handler)
{
    m_api->addExternal(method, path);
    m_http->route(method, path, std::forward<Handler>(handler));
}

QStringList HttpFront::routes() const
{
    return m_api->router().routes();
}

namespace {
// The request's parts the API needs, copied: the handler runs on a worker
// after QtHttpServer has moved on.
api::Request copyRequest(const QHttpServerRequest &request, bool trustProxy)
{
    api::Request r;
    r.method = request.method();
    r.path = request.url().path();
    r.query = request.query();
    for (const auto &[name, value] : request.headers())
        r.headers.insert(name.toLower(), value);
    r.body = request.body();
    r.clientAddress = request.remoteAddress().toString();
    // Behind the bundled nginx (on this host, trust_proxy=true) the client
    // is in X-Real-IP; without that setting the header is ignored.
    if (trustProxy && request.remoteAddress().isLoopback() && r.headers.contains("x-real-ip"))
        r.clientAddress = QString::fromLatin1(r.headers.value("x-real-ip")).trimmed();
    return r;
}
} // namespace

HttpFront::HttpFront(ServerContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_http(std::make_unique<HttpServer>())
    , m_webhook(std::make_unique<WebhookEndpoint>(context.database(), context.keyring(), context.webhookInbox(), context.metrics(),
                                                  context.settings().value(QStringLiteral("verify_token")),
                                                  context.settings().value(QStringLiteral("app_secret")), &m_pool))
    , m_hub(std::make_unique<WebSocketHub>(context.database(), context.eventBus(), context.metrics(), &m_pool))
    , m_api(std::make_unique<api::RestApi>(context))
{
    bool rateOk = false, burstOk = false;
    const double rate = context.settings().value(QStringLiteral("webhook_rate_limit_per_second")).toDouble(&rateOk);
    const double burst = context.settings().value(QStringLiteral("webhook_rate_limit_burst")).toDouble(&burstOk);
    m_webhook->setGuard(rateOk ? rate : 10'000, burstOk ? burst : 20'000);
    // API handlers may wait on scrypt or a Graph call: more threads than cores.
    m_pool.setMaxThreadCount(16);
    registerRoutes();
    connect(m_http.get(), &QAbstractHttpServer::newWebSocketConnection, this, [this] {
        while (m_http->hasPendingWebSocketConnections())
            m_hub->addConnection(m_http->nextPendingWebSocketConnection());
    });
}

HttpFront::~HttpFront()
{
    m_pool.waitForDone();
}

void HttpFront::registerRoutes()
{
    using api::Reply;
    addRoute(QHttpServerRequest::Method::Get, QStringLiteral("/healthz"), [](const QHttpServerRequest &, Answer answer) {
        answer.send(Reply::json(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}}));
    });

    Database *db = &m_context.database();
    QThreadPool *pool = &m_pool;
    addRoute(QHttpServerRequest::Method::Get, QStringLiteral("/readyz"), [db, pool](const QHttpServerRequest &, Answer answer) {
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

    WebhookEndpoint *webhook = m_webhook.get();
    addRoute(QHttpServerRequest::Method::Get, QStringLiteral("/api/whatsapp/webhook"),
             [webhook](const QHttpServerRequest &request, Answer answer) { webhook->verify(request, std::move(answer)); });
    addRoute(QHttpServerRequest::Method::Post, QStringLiteral("/api/whatsapp/webhook"),
             [webhook](const QHttpServerRequest &request, Answer answer) { webhook->receive(request, std::move(answer)); });

    // The WebSocket upgrade: HttpServer lets QAbstractHttpServer complete the
    // handshake; WebSocketHub then checks the token on the new connection.
    m_api->addExternal(QHttpServerRequest::Method::Get, QStringLiteral("/api/ws"));
    m_http->acceptWebSockets(QStringLiteral("/api/ws"));

    addRoute(QHttpServerRequest::Method::Get, QStringLiteral("/api/openapi.yaml"), [](const QHttpServerRequest &, Answer answer) {
        QFile f(QStringLiteral(":/puente/openapi.yaml"));
        f.open(QIODevice::ReadOnly);
        answer.send(Reply{200, QByteArrayLiteral("application/yaml"), f.readAll(), {}});
    });

    Metrics *metrics = &m_context.metrics();
    OutboxDispatcher *dispatcher = m_context.dispatcher();
    addRoute(QHttpServerRequest::Method::Get, QStringLiteral("/metrics"), [metrics, db, pool, dispatcher](const QHttpServerRequest &, Answer answer) {
        pool->start([metrics, db, dispatcher, answer] {
            qint64 depth = -1;
            Sql q(db->connection(), QStringLiteral("SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'in_flight')"));
            if (q.exec() && q.next())
                depth = q.int64(0);
            QByteArray text = metrics->toPrometheus(depth);
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

    // Everything else goes to the REST API's router, which answers 404 and
    // 405 itself.
    api::RestApi *restApi = m_api.get();
    const bool trustProxy = m_context.settings().value(QStringLiteral("trust_proxy")) == QLatin1String("true");
    m_http->setFallback([restApi, pool, trustProxy](const QHttpServerRequest &request, Answer answer) {
        pool->start([restApi, answer, r = copyRequest(request, trustProxy)]() mutable { answer.send(restApi->handle(r)); });
    });
}

Result<quint16> HttpFront::listen(const QHostAddress &address, quint16 port)
{
    const quint16 bound = m_http->listen(address, port);
    if (bound == 0)
        return makeError("listen_failed", QStringLiteral("cannot listen on %1:%2 (in use, or not allowed)")
                                              .arg(address.toString())
                                              .arg(port));
    return bound;
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
