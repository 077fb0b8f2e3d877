#include "websockethub.h"

#include "logging/logging.h"
#include "metrics.h"
#include "storage/auditlog.h"
#include "storage/sessionrepository.h"
#include "storage/tenantrepository.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QPointer>
#include <QSet>
#include <QUrlQuery>
#include <QWebSocket>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace puente::server {

namespace {
constexpr int kPingIntervalMs = 30000;
constexpr qint64 kDeadAfterMs = 75000;
constexpr int kAuthTimeoutMs = 10000;
} // namespace

struct WebSocketHub::Client {
    std::unique_ptr<QWebSocket> socket;
    TenantId tenant;       // invalid until authenticated
    bool authenticating = false;
    bool resuming = false;
    // Every seq up to sentThrough was sent (or came before the client's
    // "ready"); sentAbove holds those sent beyond it. Events of one tenant
    // can reach the hub out of seq order (two threads commit one after the
    // other and publish the other way round): the older one must still go.
    qint64 sentThrough = -1;
    QSet<qint64> sentAbove;
    qint64 readySeq = -1; // the last seq when it was told "ready": none up to it went live
    bool wasSent(qint64 seq) const { return seq <= sentThrough || sentAbove.contains(seq); }
    void markSent(qint64 seq)
    {
        if (seq <= sentThrough)
            return;
        sentAbove.insert(seq);
        while (sentAbove.remove(sentThrough + 1))
            ++sentThrough;
        if (sentAbove.size() > kMaxReplay) // a hole that never fills: give it up
            markAllSentThrough(*std::max_element(sentAbove.cbegin(), sentAbove.cend()));
    }
    void markAllSentThrough(qint64 seq)
    {
        sentThrough = std::max(sentThrough, seq);
        sentAbove.removeIf([this](qint64 s) { return s <= sentThrough; });
        while (sentAbove.remove(sentThrough + 1))
            ++sentThrough;
    }
    QList<Event> heldBack; // live events that arrived during a resume
    qint64 lastHeard = 0;
    bool platformAdmin = false; // follows a tenant; stays when it is suspended
};

WebSocketHub::WebSocketHub(Database &db, EventBus &bus, Metrics &metrics, QThreadPool *pool, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_metrics(metrics)
    , m_pool(pool)
{
    qRegisterMetaType<QList<puente::Event>>();
    connect(&bus, &EventBus::published, this, &WebSocketHub::deliver, Qt::QueuedConnection);
    m_pingTimer.setInterval(kPingIntervalMs);
    connect(&m_pingTimer, &QTimer::timeout, this, &WebSocketHub::pingAll);
    m_pingTimer.start();
}

WebSocketHub::~WebSocketHub()
{
    const auto clients = m_clients.values();
    for (Client *c : clients) {
        c->socket->disconnect(this);
        c->socket->abort();
        delete c;
    }
    m_clients.clear();
}

void WebSocketHub::addConnection(std::unique_ptr<QWebSocket> socket)
{
    auto *client = new Client;
    client->socket = std::move(socket);
    client->lastHeard = QDateTime::currentMSecsSinceEpoch();
    QWebSocket *ws = client->socket.get();
    // Consoles send only small control frames (auth, resume, ping): anything
    // bigger is refused by Qt before it is buffered, signed in or not.
    ws->setMaxAllowedIncomingFrameSize(kMaxFrameBytes);
    ws->setMaxAllowedIncomingMessageSize(kMaxFrameBytes);
    m_clients.insert(ws, client);
    ++m_metrics.websocketClients;

    connect(ws, &QWebSocket::textMessageReceived, this, [this, ws](const QString &text) {
        if (Client *c = m_clients.value(ws))
            onText(c, text);
    });
    connect(ws, &QWebSocket::pong, this, [this, ws] {
        if (Client *c = m_clients.value(ws))
            c->lastHeard = QDateTime::currentMSecsSinceEpoch();
    });
    connect(ws, &QWebSocket::disconnected, this, [this, ws] {
        if (Client *c = m_clients.value(ws))
            drop(c);
    });

    // The token is checked here, on the upgraded connection: the HTTP route
    // that let the upgrade through did not look at it.
    QString token;
    const QByteArray auth = ws->request().rawHeader("Authorization");
    if (auth.startsWith("Bearer "))
        token = QString::fromLatin1(auth.mid(7)).trimmed();
    if (token.isEmpty())
        token = QUrlQuery(ws->request().url()).queryItemValue(QStringLiteral("access_token"));
    if (!token.isEmpty()) {
        authenticate(client, token, QString::fromUtf8(ws->request().rawHeader("X-Puente-Tenant")).trimmed());
    } else {
        QTimer::singleShot(kAuthTimeoutMs, this, [this, ws] {
            Client *c = m_clients.value(ws);
            if (c && !c->tenant.isValid()) {
                sendJson(c, {{QStringLiteral("type"), QStringLiteral("error")}, {QStringLiteral("code"), QStringLiteral("auth_timeout")}});
                c->socket->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("authenticate first"));
            }
        });
    }
}

void WebSocketHub::authenticate(Client *client, const QString &token, const QString &namedTenant)
{
    if (token.startsWith(QLatin1String("pk_"))) {
        // A CRM's API key: it reads through the REST API; the event stream
        // belongs to people signed in.
        ++m_metrics.websocketAuthFailures;
        sendJson(client, {{QStringLiteral("type"), QStringLiteral("error")},
                          {QStringLiteral("code"), QStringLiteral("api_key_not_accepted")},
                          {QStringLiteral("message"), QStringLiteral("API keys cannot open the event stream; sign in as a user and use the session token")}});
        client->socket->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("api_key_not_accepted"));
        return;
    }
    client->authenticating = true;
    // A QPointer, not the raw address: if this socket goes away meanwhile, a
    // new one may be allocated at the same address and must not inherit
    // this lookup's tenant.
    QPointer<QWebSocket> ws = client->socket.get();
    Database *db = &m_db;
    struct Lookup {
        Result<std::optional<Session>> session = std::optional<Session>();
        qint64 lastSeq = 0;
        QString suspended; // the tenant is suspended: why
    };
    QtConcurrent::run(m_pool, [db, token, namedTenant] {
        Lookup l;
        l.session = SessionRepository(*db).findByToken(token);
        // Platform admins belong to no tenant: they follow the one they name.
        if (l.session && l.session.value() && l.session.value()->role == Role::PlatformAdmin && !namedTenant.isEmpty()) {
            auto t = TenantRepository(*db).findByIdOrSlug(namedTenant);
            l.session.value()->tenantId = t && t.value() ? t.value()->id : TenantId();
            // Following a tenant's events reads its messages: audited like
            // the REST API's first read (here once per connection).
            if (l.session.value()->tenantId.isValid())
                (void)AuditLog::record(*db, Actor(l.session.value()->userId, l.session.value()->email), l.session.value()->tenantId,
                                       QStringLiteral("platform_admin.entered_tenant"), QStringLiteral("tenant"),
                                       QString::number(l.session.value()->tenantId.value),
                                       {{QStringLiteral("method"), QStringLiteral("GET")}, {QStringLiteral("route"), QStringLiteral("/api/ws")}});
        }
        if (l.session && l.session.value() && l.session.value()->tenantId.isValid() && l.session.value()->role != Role::PlatformAdmin) {
            auto t = TenantRepository(*db).findByIdOrSlug(QString::number(l.session.value()->tenantId.value));
            if (!t)
                l.session = t.error();
            else if (t.value() && t.value()->status == TenantStatus::Suspended)
                l.suspended = t.value()->suspendedReason.isEmpty()
                                  ? QStringLiteral("%1 is suspended; contact the platform operator").arg(t.value()->name)
                                  : QStringLiteral("%1 is suspended: %2").arg(t.value()->name, t.value()->suspendedReason);
        }
        if (l.session && l.session.value() && l.session.value()->tenantId.isValid())
            l.lastSeq = EventLog::lastSeq(*db, l.session.value()->tenantId).valueOr(0);
        return l;
    })
        .then(this, [this, ws](const Lookup &lookup) {
            const auto &session = lookup.session;
            Client *c = ws ? m_clients.value(ws.data()) : nullptr;
            if (!c)
                return;
            c->authenticating = false;
            if (!session) {
                // The database could not answer: not the client's fault, it
                // should try again (and keep its session).
                sendJson(c, {{QStringLiteral("type"), QStringLiteral("error")},
                             {QStringLiteral("code"), QStringLiteral("unavailable")},
                             {QStringLiteral("message"), QStringLiteral("the server cannot check the session right now; try again shortly")}});
                c->socket->close(QWebSocketProtocol::CloseCodeBadOperation, QStringLiteral("unavailable"));
                return;
            }
            if (!session.value() || !session.value()->tenantId.isValid()) {
                ++m_metrics.websocketAuthFailures;
                sendJson(c, {{QStringLiteral("type"), QStringLiteral("error")},
                             {QStringLiteral("code"), QStringLiteral("unauthorized")},
                             {QStringLiteral("message"), QStringLiteral("the session token is unknown or expired: sign in again")}});
                c->socket->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("unauthorized"));
                return;
            }
            if (!lookup.suspended.isEmpty()) {
                sendJson(c, {{QStringLiteral("type"), QStringLiteral("error")},
                             {QStringLiteral("code"), QStringLiteral("tenant_suspended")},
                             {QStringLiteral("message"), lookup.suspended}});
                c->socket->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("tenant_suspended"));
                return;
            }
            c->tenant = session.value()->tenantId;
            c->sentThrough = lookup.lastSeq;
            c->readySeq = lookup.lastSeq;
            c->platformAdmin = session.value()->role == Role::PlatformAdmin;
            sendJson(c, {{QStringLiteral("type"), QStringLiteral("ready")}, {QStringLiteral("last_seq"), lookup.lastSeq}});
        });
}

void WebSocketHub::onText(Client *client, const QString &text)
{
    client->lastHeard = QDateTime::currentMSecsSinceEpoch();
    const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
    const QString type = frame.value(QStringLiteral("type")).toString();
    if (type == QLatin1String("auth") && !client->tenant.isValid() && !client->authenticating) {
        authenticate(client, frame.value(QStringLiteral("token")).toString(), frame.value(QStringLiteral("tenant")).toString().trimmed());
    } else if (type == QLatin1String("resume") && client->tenant.isValid()) {
        resume(client, qint64(frame.value(QStringLiteral("after_seq")).toDouble()));
    } else if (type == QLatin1String("ping")) {
        sendJson(client, {{QStringLiteral("type"), QStringLiteral("pong")}});
    } else {
        sendJson(client, {{QStringLiteral("type"), QStringLiteral("error")},
                          {QStringLiteral("code"), client->tenant.isValid() ? QStringLiteral("bad_frame") : QStringLiteral("unauthorized")}});
    }
}

void WebSocketHub::resume(Client *client, qint64 afterSeq)
{
    client->resuming = true;
    client->heldBack.clear();
    QPointer<QWebSocket> ws = client->socket.get();
    Database *db = &m_db;
    const TenantId tenant = client->tenant;
    struct Replay {
        Result<QList<Event>> missed = QList<Event>();
        qint64 lastSeq = 0;
    };
    QtConcurrent::run(m_pool, [db, tenant, afterSeq] {
        return Replay{EventLog::since(*db, tenant, afterSeq, kMaxReplay + 1), EventLog::lastSeq(*db, tenant).valueOr(0)};
    })
        .then(this, [this, ws, tenant, afterSeq](const Replay &replay) {
            Client *c = ws ? m_clients.value(ws.data()) : nullptr;
            if (c && c->tenant != tenant)
                c = nullptr;
            if (!c)
                return;
            c->resuming = false;
            const auto &missed = replay.missed;
            // Too far behind (or the log was pruned past it): start over.
            const bool gap = missed && (missed->isEmpty() ? replay.lastSeq > afterSeq : missed->first().seq != afterSeq + 1);
            if (!missed || missed->size() > kMaxReplay || gap) {
                c->markAllSentThrough(replay.lastSeq);
                sendJson(c, {{QStringLiteral("type"), QStringLiteral("resync")}, {QStringLiteral("last_seq"), replay.lastSeq}});
            } else {
                // What the client lacks, except what it got live meanwhile
                // (seqs past "ready" that are counted as sent).
                for (const Event &e : missed.value())
                    if (!(e.seq > c->readySeq && c->wasSent(e.seq))) {
                        sendJson(c, e.toFrame());
                        c->markSent(e.seq);
                    }
            }
            const QList<Event> held = std::exchange(c->heldBack, {});
            for (const Event &e : held)
                send(c, e);
        });
}

void WebSocketHub::deliver(const QList<Event> &events)
{
    for (Client *c : std::as_const(m_clients)) {
        if (!c->tenant.isValid())
            continue;
        for (const Event &e : events) {
            if (e.tenantId != c->tenant)
                continue;
            if (c->resuming)
                c->heldBack.append(e);
            else
                send(c, e);
            // A suspended tenant's consoles are told (the event says why)
            // and let go; they are refused until it is resumed.
            if (e.type == QLatin1String("tenant.suspended") && !c->platformAdmin) {
                // Queued: closing may drop the client from m_clients.
                QMetaObject::invokeMethod(c->socket.get(), [ws = QPointer<QWebSocket>(c->socket.get())] {
                    if (ws)
                        ws->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("tenant_suspended"));
                }, Qt::QueuedConnection);
                break;
            }
        }
    }
}

void WebSocketHub::send(Client *client, const Event &event)
{
    if (client->wasSent(event.seq))
        return; // already sent (replayed and live at once)
    client->markSent(event.seq);
    sendJson(client, event.toFrame());
}

void WebSocketHub::sendJson(Client *client, const QJsonObject &frame)
{
    client->socket->sendTextMessage(QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
}

void WebSocketHub::drop(Client *client)
{
    QWebSocket *ws = client->socket.get();
    m_clients.remove(ws);
    --m_metrics.websocketClients;
    ws->disconnect(this);
    client->socket.release()->deleteLater();
    delete client;
}

void WebSocketHub::pingAll()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const auto clients = m_clients.values();
    for (Client *c : clients) {
        if (now - c->lastHeard > kDeadAfterMs) {
            qCInfo(lcHttp) << "dropping a silent WebSocket client";
            // abort() may emit disconnected() at once, which drops (deletes) c.
            QWebSocket *ws = c->socket.get();
            ws->abort();
            if (Client *still = m_clients.value(ws))
                drop(still);
            continue;
        }
        c->socket->ping();
    }
}

} // namespace puente::server
