// libFuzzer target for the whole HTTP front: the server, its connections
// and Qt's WebSocket frames behind the upgrade, over a real loopback
// socket. Each input is one client connection: plain HTTP (requests,
// pipelined, malformed, cut short), or, when its first byte is odd, a
// WebSocket handshake followed by the input as raw frames. Beyond "no
// crash, no memory error": every connection is forgotten once its client
// has gone (no connection leaks), and the server keeps answering.
#include "http/server.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTcpSocket>
#include <QWebSocket>

#include <cstdint>
#include <cstdlib>

using namespace puente::http;

namespace {
QCoreApplication *app = nullptr;
Server *server = nullptr;
quint16 port = 0;

void spin(int ms)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms)
        app->processEvents(QEventLoop::AllEvents, 1);
}

// Runs the event loop until `done` or `ms` pass.
template<typename Done>
bool spinUntil(Done &&done, int ms)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < ms)
        app->processEvents(QEventLoop::AllEvents, 1);
    return done();
}
} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    app = new QCoreApplication(*argc, *argv);
    server = new Server;
    ServerLimits limits;
    limits.headerTimeoutMs = 300;
    limits.bodyTimeoutMs = 300;
    limits.idleTimeoutMs = 300;
    limits.writeTimeoutMs = 300;
    limits.maxConnections = 64;
    limits.maxPipelined = 4;
    limits.parser.maxHead = 4096;
    server->setLimits(limits);
    server->setBodyPolicy([](const RequestHead &head) {
        BodyPolicy p;
        p.maxBytes = 8192;
        if (head.path == QLatin1String("/upload")) {
            p.maxBytes = 65536;
            p.fileDir = QStringLiteral("/tmp/puente-fuzz-uploads");
        }
        if (head.path == QLatin1String("/refuse"))
            p.refuse = Reply::error(401, QStringLiteral("unauthenticated"), QStringLiteral("no"));
        return p;
    });
    server->route(Method::Get, QStringLiteral("/healthz"), [](Request, Answer a) { a.send(Reply::json(QJsonObject{{QStringLiteral("ok"), true}})); });
    server->route(Method::Post, QStringLiteral("/echo"), [](Request r, Answer a) { a.send(Reply{200, "text/plain", r.body, {}}); });
    server->route(Method::Post, QStringLiteral("/upload"), [](Request r, Answer a) {
        a.send(Reply{201, "text/plain", QByteArray::number(r.bodySize), {}});
    });
    // Answered later, from the event loop: pipelined answers wait in order.
    server->setFallback([](Request r, Answer a) {
        QMetaObject::invokeMethod(server, [a, path = r.path] { a.send(Reply::error(404, QStringLiteral("not_found"), path)); }, Qt::QueuedConnection);
    });
    server->acceptWebSockets(QStringLiteral("/ws"));
    QObject::connect(server, &Server::webSocketConnected, server, [](QWebSocket *ws) {
        ws->setMaxAllowedIncomingFrameSize(16 * 1024);
        ws->setMaxAllowedIncomingMessageSize(16 * 1024);
        QObject::connect(ws, &QWebSocket::textMessageReceived, ws, [ws](const QString &t) { ws->sendTextMessage(t.left(64)); });
        QObject::connect(ws, &QWebSocket::binaryMessageReceived, ws, [ws](const QByteArray &b) { ws->sendBinaryMessage(b.left(64)); });
        QObject::connect(ws, &QWebSocket::disconnected, ws, &QObject::deleteLater);
    });
    auto bound = server->listen(QHostAddress::LocalHost, 0);
    if (!bound)
        std::abort();
    port = bound.value();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const bool webSocket = data[0] & 1;
    const QByteArray input(reinterpret_cast<const char *>(data) + 1, qsizetype(size) - 1);
    {
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, port);
        if (!spinUntil([&] { return client.state() == QAbstractSocket::ConnectedState; }, 2000))
            std::abort(); // the server stopped accepting
        if (webSocket) {
            client.write("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                         "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
            QByteArray answer;
            spinUntil([&] {
                answer += client.readAll();
                return answer.contains("\r\n\r\n");
            }, 2000);
            if (!answer.startsWith("HTTP/1.1 101"))
                std::abort(); // a valid handshake must be accepted
        }
        client.write(input);
        // Long enough for the server to read, answer and close what it will.
        spinUntil([&] {
            client.readAll();
            return client.state() != QAbstractSocket::ConnectedState;
        }, 5);
        client.abort();
    }
    // The client has gone: so must every trace of it on the server.
    if (!spinUntil([] { return server->connectionCount() == 0; }, 2000))
        std::abort();
    return 0;
}
