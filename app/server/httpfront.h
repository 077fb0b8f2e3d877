#pragma once

#include "common/result.h"

#include <QHostAddress>
#include <QObject>

#include <memory>

class QHttpServer;

namespace puente::server {

class ServerContext;
class WebhookEndpoint;
class WebSocketHub;

// The only code that touches QHttpServer (its API changes a lot between 6.4
// and 6.8). Handlers stay short: anything that waits on the database runs on
// the thread pool and answers through a QFuture.
class HttpFront : public QObject {
    Q_OBJECT
public:
    explicit HttpFront(ServerContext &context, QObject *parent = nullptr);
    ~HttpFront() override;

    // Listens and returns the bound port (useful with port 0).
    Result<quint16> listen(const QHostAddress &address, quint16 port);

private:
    void registerRoutes();

    ServerContext &m_context;
    std::unique_ptr<QHttpServer> m_http;
    std::unique_ptr<WebhookEndpoint> m_webhook;
    std::unique_ptr<WebSocketHub> m_hub;
};

// "127.0.0.1:8080", "[::1]:8080", ":8080" → address and port.
Result<std::pair<QHostAddress, quint16>> parseListenAddress(const QString &text);

} // namespace puente::server
