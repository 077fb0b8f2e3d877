#pragma once

#include "common/result.h"

#include <QHostAddress>
#include <QHttpServerRequest>
#include <QObject>
#include <QStringList>
#include <QThreadPool>

#include <memory>


namespace puente::server {

class ServerContext;
class WebhookEndpoint;
namespace api {
class RestApi;
}
class WebSocketHub;
class HttpServer;

// The server's HTTP routes (with HttpServer the only code that touches
// QtHttpServer, whose API changes a lot between 6.4 and 6.8). Handlers stay
// short: anything that waits on the database runs on the thread pool and
// answers from there.
class HttpFront : public QObject {
    Q_OBJECT
public:
    explicit HttpFront(ServerContext &context, QObject *parent = nullptr);
    ~HttpFront() override;

    // "METHOD /path" of every registered route, for the OpenAPI check.
    QStringList routes() const;

    // Listens and returns the bound port (useful with port 0).
    Result<quint16> listen(const QHostAddress &address, quint16 port);

private:
    void registerRoutes();
    // A route served directly (not through the REST API's router); it is
    // still listed there for 405 answers and the OpenAPI check.
    template<typename Handler>
    void addRoute(QHttpServerRequest::Method method, const QString &path, Handler &&handler);

    ServerContext &m_context;
    // Database work of the routes and the hub runs here, not on the global
    // pool, so that it is finished before the database goes away.
    QThreadPool m_pool;
    std::unique_ptr<HttpServer> m_http;
    std::unique_ptr<WebhookEndpoint> m_webhook;
    std::unique_ptr<WebSocketHub> m_hub;
    std::unique_ptr<api::RestApi> m_api;
};

// "127.0.0.1:8080", "[::1]:8080", ":8080" → address and port.
Result<std::pair<QHostAddress, quint16>> parseListenAddress(const QString &text);

} // namespace puente::server
