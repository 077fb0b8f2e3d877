#pragma once

#include "api/api.h"

#include <QAbstractHttpServer>
#include <QHash>
#include <QString>

#include <deque>
#include <functional>
#include <memory>

class QTcpSocket;

namespace puente::server {

namespace detail {
struct Slot;
struct Mailbox;
} // namespace detail

// The answer to one request. Send it once, from any thread, at any time;
// it reaches the client in the order the client asked (pipelined requests
// are answered in turn), or is dropped if the client has gone.
class Answer {
public:
    void send(api::Reply reply) const;

private:
    friend class HttpServer;
    Answer(std::shared_ptr<detail::Slot> slot, std::shared_ptr<detail::Mailbox> mailbox)
        : m_slot(std::move(slot)), m_mailbox(std::move(mailbox))
    {
    }
    std::shared_ptr<detail::Slot> m_slot;
    std::shared_ptr<detail::Mailbox> m_mailbox;
};

// HTTP/1.1 on QtHttpServer 6.4's connection handling, without its router or
// its QFuture responses. Those keep a raw socket pointer while a future runs
// (a client that leaves meanwhile crashes the server) and mix up answers
// when a client pipelines (QTBUG-105202). Here a handler gets an Answer; the
// server keeps, per connection, the requests waiting for theirs, writes
// each one in order once it is ready, and forgets them when the connection
// closes. Answers from other threads come back in one queued call per burst,
// not one per answer.
class HttpServer final : public QAbstractHttpServer {
public:
    using Handler = std::function<void(const QHttpServerRequest &request, Answer answer)>;

    explicit HttpServer(QObject *parent = nullptr);
    ~HttpServer() override;

    // A handler for one exact path and method.
    void route(api::Method method, const QString &path, Handler handler);
    // Every request no route takes.
    void setFallback(Handler handler) { m_fallback = std::move(handler); }
    // GET `path` with "Upgrade: websocket" becomes a WebSocket connection
    // (newWebSocketConnection); the same path without the upgrade gets 426.
    void acceptWebSockets(const QString &path) { m_webSocketPath = path; }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    friend struct detail::Mailbox;
    struct Connection {
        std::deque<std::shared_ptr<detail::Slot>> waiting;
    };
    void complete(const std::shared_ptr<detail::Slot> &slot, api::Reply &&reply);
    void drain();
    void flush(QTcpSocket *socket, Connection &connection);
    static void write(QTcpSocket *socket, const QHttpServerRequest &request, const api::Reply &reply);

    QHash<QString, QList<std::pair<api::Method, Handler>>> m_routes;
    Handler m_fallback;
    QString m_webSocketPath;
    QHash<QTcpSocket *, Connection> m_connections;
    std::shared_ptr<detail::Mailbox> m_mailbox;
};

} // namespace puente::server
