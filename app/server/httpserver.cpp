#include "httpserver.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QTcpSocket>
#include <QThread>

#include <mutex>
#include <optional>

namespace puente::server {

namespace detail {

// One request waiting for its answer. Only the server's thread reads or
// writes it after creation.
struct Slot {
    QTcpSocket *socket = nullptr;
    // The connection's request object: QtHttpServer keeps one per
    // connection and deletes it with the socket. The responder needs it.
    const QHttpServerRequest *request = nullptr;
    std::optional<api::Reply> reply;
    bool orphaned = false; // the connection closed before the answer
};

// Where answers from other threads wait for the server's thread.
struct Mailbox {
    std::mutex mutex;
    HttpServer *server = nullptr; // null once the server is gone
    QThread *thread = nullptr;
    std::vector<std::pair<std::shared_ptr<Slot>, api::Reply>> done;

    void post(const std::shared_ptr<Slot> &slot, api::Reply &&reply)
    {
        if (QThread::currentThread() == thread) {
            if (server)
                server->complete(slot, std::move(reply));
            return;
        }
        std::lock_guard lock(mutex);
        if (!server)
            return;
        done.emplace_back(slot, std::move(reply));
        // One queued call drains every answer that arrives before it runs.
        if (done.size() == 1)
            QMetaObject::invokeMethod(server, [s = server] { s->drain(); }, Qt::QueuedConnection);
    }
};

} // namespace detail

void Answer::send(api::Reply reply) const
{
    m_mailbox->post(m_slot, std::move(reply));
}

HttpServer::HttpServer(QObject *parent)
    : QAbstractHttpServer(parent)
    , m_mailbox(std::make_shared<detail::Mailbox>())
{
    m_mailbox->server = this;
    m_mailbox->thread = thread();
}

HttpServer::~HttpServer()
{
    std::lock_guard lock(m_mailbox->mutex);
    m_mailbox->server = nullptr;
}

void HttpServer::route(api::Method method, const QString &path, Handler handler)
{
    m_routes[path].append({method, std::move(handler)});
}

bool HttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const QString path = request.url().path();
    if (request.value(QByteArrayLiteral("upgrade")).compare(QByteArrayLiteral("websocket"), Qt::CaseInsensitive) == 0)
        // QAbstractHttpServer completes the handshake when this returns true
        // and nothing was written; the hub then checks the token.
        return request.method() == api::Method::Get && !m_webSocketPath.isEmpty() && path == m_webSocketPath;

    auto it = m_connections.find(socket);
    if (it == m_connections.end()) {
        it = m_connections.insert(socket, {});
        connect(socket, &QObject::destroyed, this, [this, socket] {
            const auto gone = m_connections.find(socket);
            if (gone == m_connections.end())
                return;
            for (const auto &slot : gone->waiting)
                slot->orphaned = true;
            m_connections.erase(gone);
        });
    }
    auto slot = std::make_shared<detail::Slot>();
    slot->socket = socket;
    slot->request = &request;
    it->waiting.push_back(slot);
    Answer answer(slot, m_mailbox);

    if (!m_webSocketPath.isEmpty() && path == m_webSocketPath && request.method() == api::Method::Get) {
        api::Reply r = api::Reply::error(426, QStringLiteral("upgrade_required"),
                                         QStringLiteral("%1 is a WebSocket endpoint").arg(path));
        r.headers.append({QByteArrayLiteral("Upgrade"), QByteArrayLiteral("websocket")});
        answer.send(std::move(r));
        return true;
    }
    if (const auto route = m_routes.constFind(path); route != m_routes.cend()) {
        for (const auto &[method, handler] : *route) {
            if (method == request.method()) {
                handler(request, std::move(answer));
                return true;
            }
        }
    }
    if (m_fallback)
        m_fallback(request, std::move(answer));
    else
        answer.send(api::Reply::error(404, QStringLiteral("not_found"), QStringLiteral("no such endpoint: %1").arg(path)));
    return true;
}

void HttpServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // Only a WebSocket upgrade on another path gets here.
    write(socket, request,
          api::Reply::error(404, QStringLiteral("not_found"), QStringLiteral("no WebSocket endpoint at %1").arg(request.url().path())));
}

void HttpServer::complete(const std::shared_ptr<detail::Slot> &slot, api::Reply &&reply)
{
    if (slot->orphaned || slot->reply)
        return;
    slot->reply = std::move(reply);
    const auto it = m_connections.find(slot->socket);
    if (it != m_connections.end())
        flush(slot->socket, *it);
}

void HttpServer::drain()
{
    std::vector<std::pair<std::shared_ptr<detail::Slot>, api::Reply>> done;
    {
        std::lock_guard lock(m_mailbox->mutex);
        done.swap(m_mailbox->done);
    }
    for (auto &[slot, reply] : done)
        complete(slot, std::move(reply));
}

void HttpServer::flush(QTcpSocket *socket, Connection &connection)
{
    while (!connection.waiting.empty() && connection.waiting.front()->reply) {
        const auto slot = std::move(connection.waiting.front());
        connection.waiting.pop_front();
        write(socket, *slot->request, *slot->reply);
    }
}

void HttpServer::write(QTcpSocket *socket, const QHttpServerRequest &request, const api::Reply &reply)
{
    if (socket->state() != QAbstractSocket::ConnectedState)
        return;
    QHttpServerResponder responder = makeResponder(request, socket);
    responder.writeStatusLine(QHttpServerResponder::StatusCode(reply.status));
    if (!reply.contentType.isEmpty())
        responder.writeHeader(QByteArrayLiteral("Content-Type"), reply.contentType);
    for (const auto &[name, value] : reply.headers)
        responder.writeHeader(name, value);
    // A 204 has no body and must not announce one.
    if (reply.status != 204)
        responder.writeHeader(QByteArrayLiteral("Content-Length"), QByteArray::number(reply.body.size()));
    responder.writeBody(reply.body);
}

} // namespace puente::server
