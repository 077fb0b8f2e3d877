#include "server.h"

#include "logging/logging.h"
#include "platform/platform.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryFile>
#include <QThread>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

#include <mutex>
#include <optional>

namespace puente::http {

namespace {

qint64 monotonicMs()
{
    static QElapsedTimer clock = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return clock.elapsed();
}

// "Sun, 06 Nov 1994 08:49:37 GMT", formatted once a second.
QByteArray httpDate()
{
    thread_local qint64 second = -1;
    thread_local QByteArray text;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    if (now != second) {
        second = now;
        static const char *days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
        static const char *months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        const QDateTime t = QDateTime::fromSecsSinceEpoch(now, Qt::UTC);
        const QDate d = t.date();
        const QTime tm = t.time();
        text = QByteArray(days[d.dayOfWeek() - 1]) + ", " + QByteArray::number(d.day()).rightJustified(2, '0') + ' ' + months[d.month() - 1]
               + ' ' + QByteArray::number(d.year()) + ' ' + QByteArray::number(tm.hour()).rightJustified(2, '0') + ':'
               + QByteArray::number(tm.minute()).rightJustified(2, '0') + ':' + QByteArray::number(tm.second()).rightJustified(2, '0')
               + " GMT";
    }
    return text;
}

// A header value as it may go on the wire: no CR, LF or NUL (a value built
// from user input must not start a header of its own).
QByteArray headerSafe(const QByteArray &value)
{
    if (!value.contains('\r') && !value.contains('\n') && !value.contains('\0'))
        return value;
    QByteArray out = value;
    out.replace('\r', ' ').replace('\n', ' ').replace('\0', ' ');
    return out;
}

} // namespace

namespace detail {

// One request waiting for its answer. Only the server's thread reads or
// writes it after creation.
struct Slot {
    QPointer<Connection> connection;
    bool head = false;      // HEAD: the answer goes without its body
    bool keepAlive = true;  // the client keeps the connection after this answer
    int minorVersion = 1;
    std::optional<Reply> reply;
};

// Where answers from other threads wait for the server's thread.
struct Mailbox {
    std::mutex mutex;
    Server *server = nullptr; // null once the server is gone
    QThread *thread = nullptr;
    std::vector<std::pair<std::shared_ptr<Slot>, Reply>> done;

    void post(const std::shared_ptr<Slot> &slot, Reply &&reply)
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

// One client connection: reads requests, hands them to the server, writes
// their answers in order, and knows how long it has been in each phase.
class Connection final : public QObject {
public:
    enum class Phase { Head, Body, Waiting, Idle, Closing };

    Connection(Server *server, QTcpSocket *socket)
        : QObject(server)
        , m_server(server)
        , m_socket(socket)
        , m_parser(server->limits().parser)
        , m_phaseSince(monotonicMs())
    {
        m_socket->setParent(this);
        // Reading pauses while too many answers are owed; then the kernel's
        // buffer, not this process, holds what the client keeps sending.
        m_socket->setReadBufferSize(256 * 1024);
        connect(m_socket, &QTcpSocket::readyRead, this, &Connection::read);
        connect(m_socket, &QTcpSocket::bytesWritten, this, [this] { m_writeProgressAt = monotonicMs(); });
        connect(m_socket, &QTcpSocket::disconnected, this, &Connection::closed);
        m_peerIsLoopback = socket->peerAddress().isLoopback();
        m_peer = socket->peerAddress().toString();
        m_peer.remove(QLatin1String("::ffff:"));
    }

    Phase phase() const { return m_phase; }
    qint64 phaseSince() const { return m_phaseSince; }
    bool idle() const { return m_phase == Phase::Idle || (m_phase == Phase::Head && !m_parser.started() && m_waiting.empty()); }
    QTcpSocket *socket() const { return m_socket; }
    std::deque<std::shared_ptr<Slot>> &waiting() { return m_waiting; }

    // Checks this connection's clock; returns false when it was closed.
    bool checkTimeouts(qint64 now)
    {
        const ServerLimits &l = m_server->limits();
        if (m_socket->bytesToWrite() > 0 && now - m_writeProgressAt > l.writeTimeoutMs) {
            qCInfo(lcHttp).noquote() << "closing" << m_peer << ": it does not read its answers";
            abort();
            return false;
        }
        switch (m_phase) {
        case Phase::Head:
            if (now - m_phaseSince > (m_parser.started() || m_fresh ? l.headerTimeoutMs : l.idleTimeoutMs)) {
                if (m_parser.started())
                    refuse(408, QStringLiteral("request_timeout"), QStringLiteral("the request's header took too long to arrive"));
                else
                    abort();
                return false;
            }
            break;
        case Phase::Body:
            if (now - m_phaseSince > l.bodyTimeoutMs) {
                refuse(408, QStringLiteral("request_timeout"), QStringLiteral("the request's body stopped arriving"));
                return false;
            }
            break;
        case Phase::Idle:
            if (now - m_phaseSince > l.idleTimeoutMs) {
                abort();
                return false;
            }
            break;
        case Phase::Closing:
            if (m_lingerUntil && now > m_lingerUntil) {
                abort();
                return false;
            }
            break;
        case Phase::Waiting:
            break;
        }
        return true;
    }

    // Answers a request that will not be handled (malformed, too large, too
    // slow) once the answers before it are out, then closes.
    void refuse(int status, const QString &code, const QString &message) { refuse(Reply::error(status, code, message), code); }
    void refuse(Reply reply, const QString &code)
    {
        qCInfo(lcHttp).noquote() << "refused a request from" << m_peer << "with" << reply.status << code;
        if (m_server->m_refused)
            m_server->m_refused(reply.status, code);
        if (m_socket->isTransactionStarted())
            m_socket->commitTransaction();
        closeFile();
        m_bodyFile.reset();
        m_phase = Phase::Closing;
        auto slot = std::make_shared<Slot>();
        slot->connection = this;
        slot->keepAlive = false;
        slot->reply = std::move(reply);
        m_waiting.push_back(slot);
        // What the client still sends (the body of a refused upload) is read
        // and dropped until the answer is out and a little longer: closing
        // with unread data would reset the connection and lose the answer.
        stopReading();
        m_lingering = true;
        connect(m_socket, &QTcpSocket::readyRead, this, &Connection::discard);
        flush();
    }

    void abort()
    {
        m_phase = Phase::Closing;
        m_socket->abort();
        closed();
    }

    // Writes every answer that is ready, in order.
    void flush()
    {
        while (!m_waiting.empty() && m_waiting.front()->reply) {
            const std::shared_ptr<Slot> slot = std::move(m_waiting.front());
            m_waiting.pop_front();
            if (slot->reply->dropConnection) {
                abort();
                return;
            }
            write(*slot);
            if (!slot->keepAlive) {
                m_phase = Phase::Closing;
                for (const auto &rest : m_waiting)
                    rest->connection = nullptr;
                m_waiting.clear();
                if (!m_lingering) {
                    m_socket->disconnectFromHost();
                } else if (m_socket->bytesToWrite() == 0) {
                    halfClose();
                } else {
                    connect(m_socket, &QTcpSocket::bytesWritten, this, [this] {
                        if (m_socket->bytesToWrite() == 0 && !m_lingerUntil)
                            halfClose();
                    });
                }
                return;
            }
        }
        if (m_phase == Phase::Waiting && m_waiting.empty())
            enter(Phase::Idle);
        if (m_paused && int(m_waiting.size()) < m_server->limits().maxPipelined) {
            m_paused = false;
            QMetaObject::invokeMethod(this, &Connection::read, Qt::QueuedConnection);
        }
    }

    void read()
    {
        if (m_phase == Phase::Closing)
            return;
        const ServerLimits &l = m_server->limits();
        while (true) {
            if (int(m_waiting.size()) >= l.maxPipelined) {
                m_paused = true;
                return;
            }
            if (m_in.size() == m_offset) {
                m_in.clear();
                m_offset = 0;
                // At a request's start, keep what is read in the socket's
                // buffer until the head is known: a WebSocket handshake is
                // handed over unread.
                if (m_parser.state() == RequestParser::State::Head && !m_parser.started() && !m_socket->isTransactionStarted())
                    m_socket->startTransaction();
                const QByteArray more = m_socket->read(64 * 1024);
                if (more.isEmpty())
                    return;
                m_in = more;
            }
            if (!process())
                return;
        }
    }

    // Mid-way through a request's head: a slow client (evicted after the idle ones).
    bool readingHead() const { return m_phase == Phase::Head && m_parser.started(); }

private:
    // The answer is out: the client reads it, then an end of file.
    void halfClose()
    {
        m_lingerUntil = monotonicMs() + 2000;
        if (!platform::shutdownWrite(m_socket->socketDescriptor()))
            m_socket->disconnectFromHost();
    }

    void discard()
    {
        m_discarded += m_socket->skip(m_socket->bytesAvailable());
        if (m_discarded > 4 * 1024 * 1024)
            abort();
    }

    void stopReading() { disconnect(m_socket, &QTcpSocket::readyRead, this, &Connection::read); }

    void enter(Phase phase)
    {
        m_phase = phase;
        m_phaseSince = monotonicMs();
    }

    // Runs the parser over what is buffered; false when the connection
    // stopped reading (closed, handed over, or paused).
    bool process()
    {
        while (true) {
            if (m_offset == m_in.size() && (m_parser.state() == RequestParser::State::Head || m_parser.state() == RequestParser::State::Body))
                return true; // needs more
            const QByteArrayView view = QByteArrayView(m_in).sliced(m_offset);
            switch (m_parser.state()) {
            case RequestParser::State::Head: {
                const bool wasStarted = m_parser.started();
                m_offset += m_parser.feedHead(view);
                if (!wasStarted && m_parser.started()) {
                    m_fresh = false;
                    enter(Phase::Head);
                }
                if (m_parser.state() == RequestParser::State::Head)
                    return true; // needs more
                break;
            }
            case RequestParser::State::HeadDone:
                if (!startBody())
                    return false;
                break;
            case RequestParser::State::Body: {
                const qint64 before = m_parser.bodyReceived();
                m_offset += m_parser.feedBody(view, [this](QByteArrayView data) { return keep(data); });
                if (m_parser.bodyReceived() != before)
                    m_phaseSince = monotonicMs();
                if (m_parser.state() == RequestParser::State::Body)
                    return true;
                break;
            }
            case RequestParser::State::Done:
                finishRequest();
                if (m_phase == Phase::Closing)
                    return false;
                if (int(m_waiting.size()) >= m_server->limits().maxPipelined) {
                    m_paused = true;
                    return false;
                }
                break;
            case RequestParser::State::Failed:
                refuseParsed();
                return false;
            }
        }
    }

    void refuseParsed()
    {
        const ParseError &e = m_parser.error();
        if (e.status == 413 && m_tooLarge)
            refuse(m_tooLarge(m_maxBody), e.code);
        else
            refuse(e.status, e.code, e.message);
    }

    bool startBody()
    {
        const RequestHead &head = m_parser.head();
        if (m_socket->isTransactionStarted()) {
            if (head.upgradeWebSocket && head.path == m_server->m_webSocketPath && !m_server->m_webSocketPath.isEmpty()
                && m_offset == m_in.size()) {
                m_socket->rollbackTransaction();
                m_server->upgrade(this);
                return false;
            }
            m_socket->commitTransaction();
        }
        BodyPolicy policy = m_server->m_policy ? m_server->m_policy(head) : BodyPolicy{};
        if (policy.refuse) {
            const QString code = QJsonDocument::fromJson(policy.refuse->body).object().value(QStringLiteral("error")).toObject()
                                     .value(QStringLiteral("code")).toString();
            refuse(*policy.refuse, code.isEmpty() ? QStringLiteral("refused") : code);
            return false;
        }
        m_tooLarge = policy.tooLarge;
        m_maxBody = policy.maxBytes;
        if (!m_parser.beginBody(policy.maxBytes)) {
            refuseParsed();
            return false;
        }
        m_body.clear();
        m_bodyFile.reset();
        if (m_parser.state() == RequestParser::State::Body) {
            if (!policy.fileDir.isEmpty()) {
                if (m_server->m_streaming >= m_server->limits().maxStreamedBodies) {
                    refuse(503, QStringLiteral("unavailable"), QStringLiteral("too many uploads at once; try again in a moment"));
                    return false;
                }
                QDir().mkpath(policy.fileDir);
                QTemporaryFile temp(policy.fileDir + QStringLiteral("/upload-XXXXXX"));
                temp.setAutoRemove(false);
                if (!temp.open()) {
                    refuse(503, QStringLiteral("unavailable"), QStringLiteral("the server cannot store uploads right now"));
                    return false;
                }
                m_bodyFile = std::make_shared<BodyFile>(temp.fileName());
                temp.close();
                m_file = std::make_unique<QFile>(m_bodyFile->path());
                if (!m_file->open(QIODevice::WriteOnly)) {
                    m_file.reset();
                    refuse(503, QStringLiteral("unavailable"), QStringLiteral("the server cannot store uploads right now"));
                    return false;
                }
                ++m_server->m_streaming;
            } else if (!head.chunked) {
                m_body.reserve(qsizetype(head.contentLength));
            }
            // The client waits for this before it sends a large body.
            if (head.expectContinue && m_waiting.empty())
                m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
            enter(Phase::Body);
        }
        return true;
    }

    bool keep(QByteArrayView data)
    {
        if (m_file)
            return m_file->write(data.data(), data.size()) == data.size();
        m_body.append(data);
        return true;
    }

    void finishRequest()
    {
        const RequestHead &head = m_parser.head();
        Request request;
        request.method = head.method == Method::Head ? Method::Get : head.method;
        request.path = head.path;
        if (!head.query.isEmpty())
            request.query = QUrlQuery(QString::fromLatin1(head.query));
        request.headers.reserve(head.fields.size());
        for (const auto &[name, value] : head.fields) {
            auto it = request.headers.find(name);
            if (it == request.headers.end())
                request.headers.insert(name, value);
            else
                *it += ", " + value; // a list field repeated (RFC 9110 §5.3)
        }
        request.bodySize = m_parser.bodyReceived();
        if (m_file) {
            closeFile();
            request.bodyFile = std::move(m_bodyFile);
        } else {
            request.body = std::move(m_body);
        }
        m_body = {};
        request.peerIsLoopback = m_peerIsLoopback;
        request.clientAddress = m_peer;
        if (m_server->m_trustProxy && m_peerIsLoopback) {
            const QByteArray realIp = request.headers.value("x-real-ip").trimmed();
            if (!realIp.isEmpty())
                request.clientAddress = QString::fromLatin1(realIp);
        }
        const bool keepAlive = head.keepAlive;
        const bool isHead = head.method == Method::Head;
        const int minor = head.minorVersion;
        m_parser.reset();
        enter(Phase::Waiting);
        if (!keepAlive) {
            // Nothing after this request is read.
            m_phase = Phase::Closing;
            stopReading();
        }
        m_server->dispatch(this, std::move(request), isHead, keepAlive, minor);
    }

    void write(const Slot &slot)
    {
        if (m_socket->state() != QAbstractSocket::ConnectedState)
            return;
        const Reply &reply = *slot.reply;
        const bool noBody = reply.status == 204 || reply.status == 304 || reply.status < 200;
        QByteArray out;
        out.reserve(256 + (slot.head ? 0 : reply.body.size()));
        out += "HTTP/1.1 ";
        out += QByteArray::number(reply.status);
        out += ' ';
        out += reasonPhrase(reply.status);
        out += "\r\nDate: ";
        out += httpDate();
        out += "\r\nX-Content-Type-Options: nosniff\r\n";
        if (!reply.contentType.isEmpty() && !noBody) {
            out += "Content-Type: ";
            out += headerSafe(reply.contentType);
            out += "\r\n";
        }
        if (!noBody) {
            out += "Content-Length: ";
            out += QByteArray::number(reply.body.size());
            out += "\r\n";
        }
        for (const auto &[name, value] : reply.headers) {
            out += headerSafe(name);
            out += ": ";
            out += headerSafe(value);
            out += "\r\n";
        }
        if (!slot.keepAlive)
            out += "Connection: close\r\n";
        else if (slot.minorVersion == 0)
            out += "Connection: keep-alive\r\n";
        out += "\r\n";
        if (!slot.head && !noBody)
            out += reply.body;
        if (m_socket->bytesToWrite() == 0)
            m_writeProgressAt = monotonicMs();
        m_socket->write(out);
    }

    // The upload's file is complete (or abandoned).
    void closeFile()
    {
        if (!m_file)
            return;
        m_file->close();
        m_file.reset();
        --m_server->m_streaming;
    }

    void closed()
    {
        if (m_gone)
            return;
        m_gone = true;
        closeFile();
        m_bodyFile.reset();
        m_phase = Phase::Closing;
        for (const auto &slot : m_waiting)
            slot->connection = nullptr;
        m_waiting.clear();
        m_server->forget(this);
        deleteLater();
    }

    Server *m_server;
    QTcpSocket *m_socket;
    RequestParser m_parser;
    Phase m_phase = Phase::Head;
    qint64 m_phaseSince;
    qint64 m_writeProgressAt = 0;
    bool m_fresh = true; // no request yet: the header timeout runs from accept
    bool m_paused = false;
    bool m_gone = false;
    bool m_lingering = false;  // refused: reading and dropping the rest
    qint64 m_lingerUntil = 0;
    qint64 m_discarded = 0;
    bool m_peerIsLoopback = false;
    QString m_peer;
    QByteArray m_in;
    qsizetype m_offset = 0;
    QByteArray m_body;
    std::shared_ptr<BodyFile> m_bodyFile;
    std::unique_ptr<QFile> m_file;
    std::function<Reply(qint64)> m_tooLarge;
    qint64 m_maxBody = 0;
    std::deque<std::shared_ptr<Slot>> m_waiting;

    friend class puente::http::Server;
};

} // namespace detail

void Answer::send(Reply reply) const
{
    m_mailbox->post(m_slot, std::move(reply));
}

Server::Server(QObject *parent)
    : QObject(parent)
    , m_listener(std::make_unique<QTcpServer>())
    , m_sweep(std::make_unique<QTimer>())
    , m_mailbox(std::make_shared<detail::Mailbox>())
{
    m_mailbox->server = this;
    m_mailbox->thread = thread();
    connect(m_sweep.get(), &QTimer::timeout, this, &Server::sweep);
    setLimits(m_limits);
}

Server::~Server()
{
    {
        std::lock_guard lock(m_mailbox->mutex);
        m_mailbox->server = nullptr;
    }
    m_acceptNotifier.reset();
    m_listener->close();
    // Connections are children: they go with the server, quietly.
    for (auto it = m_connections.cbegin(); it != m_connections.cend(); ++it)
        it.key()->m_socket->disconnect();
}

void Server::setLimits(const ServerLimits &limits)
{
    m_limits = limits;
    const int shortest = std::min({m_limits.headerTimeoutMs, m_limits.bodyTimeoutMs, m_limits.idleTimeoutMs, m_limits.writeTimeoutMs});
    m_sweep->start(std::clamp(shortest / 4, 50, 1000));
}

void Server::route(Method method, const QString &path, Handler handler)
{
    m_routes[path].append({method, std::move(handler)});
}

void Server::acceptWebSockets(const QString &path)
{
    m_webSocketPath = path;
    if (m_webSockets)
        return;
    m_webSockets = std::make_unique<QWebSocketServer>(QStringLiteral("puente"), QWebSocketServer::NonSecureMode);
    m_webSockets->setHandshakeTimeout(std::chrono::milliseconds(m_limits.headerTimeoutMs));
    connect(m_webSockets.get(), &QWebSocketServer::newConnection, this, [this] {
        while (m_webSockets->hasPendingConnections()) {
            QWebSocket *socket = m_webSockets->nextPendingConnection();
            ++m_upgraded;
            connect(socket, &QObject::destroyed, this, [this] { --m_upgraded; });
            Q_EMIT webSocketConnected(socket);
        }
    });
}

Result<quint16> Server::listen(const QHostAddress &address, quint16 port)
{
    // Qt's default backlog is 50: a proxy opening hundreds of upstream
    // connections at once (nginx under load) overflowed it, and each
    // dropped SYN cost that connection a 1 s, then 3 s retransmission.
    // The kernel caps it at net.core.somaxconn (4096 on Debian 12).
    m_listener->setListenBacklogSize(4096);
    if (!m_listener->listen(address, port))
        return makeError("listen_failed", QStringLiteral("cannot listen on %1:%2: %3")
                                              .arg(address.toString())
                                              .arg(port)
                                              .arg(m_listener->errorString()));
    // QTcpServer binds and listens; this server accepts (see
    // platform::acceptConnection for why).
    m_listener->pauseAccepting();
    m_acceptNotifier = std::make_unique<QSocketNotifier>(m_listener->socketDescriptor(), QSocketNotifier::Read);
    connect(m_acceptNotifier.get(), &QSocketNotifier::activated, this, &Server::accept);
    return m_listener->serverPort();
}

quint16 Server::port() const
{
    return m_listener->serverPort();
}

void Server::close()
{
    m_acceptNotifier.reset();
    m_listener->close();
}

int Server::connectionCount() const
{
    return int(m_connections.size()) + m_upgraded;
}

void Server::accept()
{
    while (true) {
        const platform::Accepted accepted = platform::acceptConnection(m_listener->socketDescriptor());
        if (accepted.error == platform::Accepted::Error::WouldBlock)
            break;
        if (accepted.error != platform::Accepted::Error::None) {
            acceptFailed(accepted.error == platform::Accepted::Error::OutOfDescriptors);
            return;
        }
        m_acceptBackoffMs = 0;
        auto *socket = new QTcpSocket;
        if (!socket->setSocketDescriptor(qintptr(accepted.descriptor))) {
            platform::closeDescriptor(accepted.descriptor);
            delete socket;
            continue;
        }
        if (connectionCount() >= m_limits.maxConnections && !evictIdle()) {
            qCWarning(lcHttp) << "refusing a connection: all" << m_limits.maxConnections << "are busy";
            socket->write("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: 82\r\n"
                          "Retry-After: 1\r\nConnection: close\r\n\r\n"
                          "{\"error\":{\"code\":\"unavailable\",\"message\":\"too many connections; retry shortly\"}}");
            socket->disconnectFromHost();
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            QTimer::singleShot(1000, socket, &QObject::deleteLater);
            continue;
        }
        auto *connection = new detail::Connection(this, socket);
        m_connections.insert(connection, monotonicMs());
        connection->read(); // bytes may have come with the connection
    }
}

void Server::acceptFailed(bool outOfDescriptors)
{
    // Out of file descriptors: accept() would fail again at once, forever.
    // Stop listening for a moment, free what can be freed, then try again.
    m_acceptNotifier->setEnabled(false);
    m_acceptBackoffMs = std::clamp(m_acceptBackoffMs * 2, 50, 1000);
    // Said once every ten seconds, however often it happens meanwhile.
    ++m_acceptFailures;
    if (const qint64 now = monotonicMs(); now - m_acceptFailureLoggedAt > 10'000) {
        qCWarning(lcHttp).noquote() << (outOfDescriptors ? "cannot accept connections: out of file descriptors"
                                                         : "cannot accept connections")
                                    << "(" << m_acceptFailures << "times); closing idle connections and retrying; raise the open-file "
                                       "limit (LimitNOFILE) or lower http_max_connections";
        m_acceptFailureLoggedAt = now;
        m_acceptFailures = 0;
    }
    evictIdle();
    QTimer::singleShot(m_acceptBackoffMs, this, [this] {
        if (m_acceptNotifier)
            m_acceptNotifier->setEnabled(true);
    });
}

bool Server::evictIdle()
{
    // Idle ones first, then those still sending a request's head (slowly,
    // or never finishing); never one whose request is being answered.
    detail::Connection *oldest = nullptr;
    for (const bool idle : {true, false}) {
        for (auto it = m_connections.cbegin(); it != m_connections.cend(); ++it) {
            detail::Connection *c = it.key();
            if ((idle ? c->idle() : c->readingHead()) && (!oldest || c->phaseSince() < oldest->phaseSince()))
                oldest = c;
        }
        if (oldest)
            break;
    }
    if (!oldest)
        return false;
    oldest->abort();
    return true;
}

void Server::sweep()
{
    const qint64 now = monotonicMs();
    const QList<detail::Connection *> all = m_connections.keys();
    for (detail::Connection *c : all)
        if (m_connections.contains(c))
            c->checkTimeouts(now);
}

void Server::dispatch(detail::Connection *connection, Request &&request, bool head, bool keepAlive, int minorVersion)
{
    auto slot = std::make_shared<detail::Slot>();
    slot->connection = connection;
    slot->head = head;
    slot->keepAlive = keepAlive;
    slot->minorVersion = minorVersion;
    connection->waiting().push_back(slot);
    Answer answer(slot, m_mailbox);

    const QString &path = request.path;
    if (!m_webSocketPath.isEmpty() && path == m_webSocketPath && request.method == Method::Get) {
        Reply r = Reply::error(426, QStringLiteral("upgrade_required"), QStringLiteral("%1 is a WebSocket endpoint").arg(path));
        r.headers.append({QByteArrayLiteral("Upgrade"), QByteArrayLiteral("websocket")});
        return answer.send(std::move(r));
    }
    if (const auto route = m_routes.constFind(path); route != m_routes.cend()) {
        for (const auto &[method, handler] : *route) {
            if (method == request.method) {
                handler(std::move(request), std::move(answer));
                return;
            }
        }
    }
    if (m_fallback)
        m_fallback(std::move(request), std::move(answer));
    else
        answer.send(Reply::error(404, QStringLiteral("not_found"), QStringLiteral("no such endpoint: %1").arg(path)));
}

void Server::complete(const std::shared_ptr<detail::Slot> &slot, Reply &&reply)
{
    if (!slot->connection || slot->reply)
        return;
    slot->reply = std::move(reply);
    slot->connection->flush();
}

void Server::drain()
{
    std::vector<std::pair<std::shared_ptr<detail::Slot>, Reply>> done;
    {
        std::lock_guard lock(m_mailbox->mutex);
        done.swap(m_mailbox->done);
    }
    for (auto &[slot, reply] : done)
        complete(slot, std::move(reply));
}

void Server::forget(detail::Connection *connection)
{
    m_connections.remove(connection);
}

void Server::upgrade(detail::Connection *connection)
{
    QTcpSocket *socket = connection->m_socket;
    socket->disconnect(connection);
    socket->setReadBufferSize(0);
    socket->setParent(nullptr);
    connection->m_socket = nullptr;
    connection->m_gone = true;
    m_connections.remove(connection);
    connection->deleteLater();
    // QWebSocketServer reads the handshake, answers it and owns the socket.
    m_webSockets->handleConnection(socket);
}

} // namespace puente::http
