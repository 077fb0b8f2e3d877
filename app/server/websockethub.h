#pragma once

#include "domain/ids.h"
#include "events/eventlog.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <memory>

class QThreadPool;
class QWebSocket;

namespace puente {
class Database;
}

namespace puente::server {

struct Metrics;

// GET /api/ws: live events for a tenant's consoles.
//
// A client authenticates with its session token (Authorization: Bearer,
// ?access_token=, or a first frame {"type":"auth","token":"..."}) and then
// only ever sees its own tenant's events, as frames {"seq","type","data"}.
// {"type":"resume","after_seq":N} replays what it missed from the event log
// (live events are held back meanwhile, so nothing is lost or doubled); when
// it is too far behind it gets {"type":"resync"} and should reload. Pings go
// out every 30 s; a client silent for 75 s is dropped.
class WebSocketHub : public QObject {
    Q_OBJECT
public:
    // The largest frame or message a client may send (JSON control frames).
    static constexpr qint64 kMaxFrameBytes = 16 * 1024;
    static constexpr int kMaxReplay = 1000;

    // Database lookups run on `pool`, which must outlive the hub's use of it.
    WebSocketHub(Database &db, EventBus &bus, Metrics &metrics, QThreadPool *pool, QObject *parent = nullptr);
    ~WebSocketHub() override;

    void addConnection(std::unique_ptr<QWebSocket> socket);
    int clientCount() const { return int(m_clients.size()); }

private:
    struct Client;
    // `tenant`: for platform admins, the tenant to follow (id or slug), as
    // X-Puente-Tenant names it on the REST API.
    void authenticate(Client *client, const QString &token, const QString &tenant);
    void onText(Client *client, const QString &text);
    void resume(Client *client, qint64 afterSeq);
    void deliver(const QList<Event> &events);
    void send(Client *client, const Event &event);
    void sendJson(Client *client, const QJsonObject &frame);
    void drop(Client *client);
    void pingAll();

    Database &m_db;
    Metrics &m_metrics;
    QThreadPool *m_pool;
    QHash<QWebSocket *, Client *> m_clients;
    QTimer m_pingTimer;
};

} // namespace puente::server
