#pragma once

#include "message.h"
#include "requestparser.h"

#include "common/result.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QString>

#include <deque>
#include <optional>
#include <functional>
#include <memory>

class QSocketNotifier;
class QTcpServer;
class QTimer;
class QWebSocket;
class QWebSocketServer;

namespace puente::http {

namespace detail {
struct Slot;
struct Mailbox;
class Connection;
} // namespace detail

// The answer to one request. Send it once, from any thread, at any time;
// it reaches the client in the order the client asked (pipelined requests
// are answered in turn), or is dropped if the client has gone.
class Answer {
public:
    void send(Reply reply) const;

private:
    friend class Server;
    Answer(std::shared_ptr<detail::Slot> slot, std::shared_ptr<detail::Mailbox> mailbox)
        : m_slot(std::move(slot)), m_mailbox(std::move(mailbox))
    {
    }
    std::shared_ptr<detail::Slot> m_slot;
    std::shared_ptr<detail::Mailbox> m_mailbox;
};

// How long a client may take, and how much of the server it may hold.
struct ServerLimits {
    ParserLimits parser;
    int headerTimeoutMs = 30'000; // from a request's first byte to the end of its head (a new connection: from accept)
    int bodyTimeoutMs = 30'000;   // without a byte of body
    int idleTimeoutMs = 60'000;   // kept alive between requests
    int writeTimeoutMs = 60'000;  // an answer the client does not read
    int maxConnections = 4096;    // beyond it the oldest idle connection is closed, or the new one refused
    int maxPipelined = 32;        // requests read ahead of their answers; then reading pauses
    int maxStreamedBodies = 8;    // bodies being written to disk at once (uploads); 503 beyond
};

// What the server does with a request's body, decided from its head before
// a byte of the body is read.
struct BodyPolicy {
    qint64 maxBytes = 1 << 20; // larger: 413 before the body is read (or as a chunked one grows)
    QString fileDir;           // not empty: stream the body into a file there (Request::bodyFile)
    std::function<Reply(qint64 maxBytes)> tooLarge; // the 413 answer, when the route has its own
    std::optional<Reply> refuse;                     // answer this at once, without reading the body (then close)
};

// HTTP/1.1 on QTcpServer, written for a server on the internet (behind a
// proxy or not): the parser refuses ambiguous requests (request smuggling)
// and bodies over the route's limit before reading them; every phase of a
// connection has a timeout; connections are capped (the oldest idle one
// goes first) and accept() backs off when file descriptors run out.
// Handlers get a Request (a value they may take to another thread) and an
// Answer; answers go out in request order. A GET with "Upgrade: websocket"
// on the WebSocket path becomes a QWebSocket (webSocketConnected).
class Server final : public QObject {
    Q_OBJECT
public:
    using Handler = std::function<void(Request request, Answer answer)>;
    using Policy = std::function<BodyPolicy(const RequestHead &head)>;

    explicit Server(QObject *parent = nullptr);
    ~Server() override;

    void setLimits(const ServerLimits &limits);
    const ServerLimits &limits() const { return m_limits; }
    // Behind a proxy on this host: X-Real-IP from a loopback peer names the client.
    void setTrustProxy(bool trust) { m_trustProxy = trust; }
    void setBodyPolicy(Policy policy) { m_policy = std::move(policy); }
    // Told of every request the server refuses itself (malformed, too large,
    // too slow, too many connections), for the metrics.
    void setRefusalObserver(std::function<void(int status, const QString &code)> observer) { m_refused = std::move(observer); }

    // A handler for one exact path and method (HEAD finds the GET handler).
    void route(Method method, const QString &path, Handler handler);
    // Every request no route takes.
    void setFallback(Handler handler) { m_fallback = std::move(handler); }
    // GET `path` with "Upgrade: websocket" becomes a WebSocket connection;
    // the same path without the upgrade gets 426.
    void acceptWebSockets(const QString &path);

    // Listens and returns the bound port (useful with port 0).
    Result<quint16> listen(const QHostAddress &address, quint16 port);
    quint16 port() const;
    void close();

    // Open HTTP connections (WebSockets included until they close).
    int connectionCount() const;

Q_SIGNALS:
    // A WebSocket whose handshake completed; the receiver owns it.
    void webSocketConnected(QWebSocket *socket);

private:
    friend struct detail::Mailbox;
    friend class detail::Connection;

    void accept();
    void acceptFailed(bool outOfDescriptors);
    void sweep();
    // The connection is full: make room by closing the oldest idle one.
    bool evictIdle();
    void dispatch(detail::Connection *connection, Request &&request, bool head, bool keepAlive, int minorVersion);
    void complete(const std::shared_ptr<detail::Slot> &slot, Reply &&reply);
    void drain();
    void forget(detail::Connection *connection);
    void upgrade(detail::Connection *connection);

    ServerLimits m_limits;
    bool m_trustProxy = false;
    Policy m_policy;
    std::function<void(int status, const QString &code)> m_refused;
    QHash<QString, QList<std::pair<Method, Handler>>> m_routes;
    Handler m_fallback;
    QString m_webSocketPath;
    std::unique_ptr<QTcpServer> m_listener;
    std::unique_ptr<QSocketNotifier> m_acceptNotifier;
    std::unique_ptr<QWebSocketServer> m_webSockets;
    std::unique_ptr<QTimer> m_sweep;
    QHash<detail::Connection *, qint64> m_connections; // → accepted at
    int m_upgraded = 0;                                 // WebSockets still open
    int m_streaming = 0;                                // bodies being written to files
    int m_acceptBackoffMs = 0;
    int m_acceptFailures = 0;
    qint64 m_acceptFailureLoggedAt = -1'000'000;
    std::shared_ptr<detail::Mailbox> m_mailbox;
};

} // namespace puente::http
