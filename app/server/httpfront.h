#pragma once

#include "common/result.h"

#include <QHostAddress>
#include "http/message.h"
#include <QObject>
#include <QStringList>
#include <QThreadPool>

#include <memory>


namespace puente::http {
class Server;
}

namespace puente::server {

class ServerContext;
class WebhookEndpoint;
namespace api {
class RestApi;
}
class WebSocketHub;

// The server's HTTP routes on the project's own HTTP server (http::Server).
// Handlers stay short: anything that waits on the database runs on the
// thread pool and answers from there.
class HttpFront : public QObject {
    Q_OBJECT
public:
    explicit HttpFront(ServerContext &context, QObject *parent = nullptr);
    ~HttpFront() override;

    // "METHOD /path" of every registered route, for the OpenAPI check.
    QStringList routes() const;

    // Listens and returns the bound port (useful with port 0).
    Result<quint16> listen(const QHostAddress &address, quint16 port);
    // /metrics, /readyz and /healthz on an address of their own (metrics_listen);
    // the main listener then no longer serves the first two.
    Result<quint16> listenOperations(const QHostAddress &address, quint16 port);

private:
    void registerRoutes();
    void addOperationRoutes(http::Server &server, bool ownListener);
    // /metrics and /readyz: with metrics_token, for its bearer; else on the
    // operations listener, or (without one) for direct loopback clients.
    bool mayReadOperations(const http::Request &request, bool ownListener) const;
    // A route served directly (not through the REST API's router); it is
    // still listed there for 405 answers and the OpenAPI check.
    template<typename Handler>
    void addRoute(http::Method method, const QString &path, Handler &&handler);

    ServerContext &m_context;
    // Database work of the routes and the hub runs here, not on the global
    // pool, so that it is finished before the database goes away.
    QThreadPool m_pool;
    std::unique_ptr<http::Server> m_http;
    std::unique_ptr<WebhookEndpoint> m_webhook;
    std::unique_ptr<WebSocketHub> m_hub;
    std::unique_ptr<api::RestApi> m_api;
    std::unique_ptr<http::Server> m_metricsServer;
    QByteArray m_metricsToken;
};

// "127.0.0.1:8080", "[::1]:8080", ":8080" → address and port.
Result<std::pair<QHostAddress, quint16>> parseListenAddress(const QString &text);

} // namespace puente::server
