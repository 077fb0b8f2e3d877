#pragma once

#include "protocol/errorcode.h"
#include "protocol/types.h"

#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QTimer>

class QWebSocket;

namespace puente::client {

class ApiClient;

// The live events of the signed-in tenant (GET /api/ws): connects with the
// session token, reconnects with backoff, and on every reconnect asks for
// what it missed ({"type":"resume","after_seq":N}) so no event is lost and
// none is delivered twice. When the server's history no longer reaches back
// far enough it says so (`resyncRequired`): reload everything.
class EventStream : public QObject {
    Q_OBJECT
public:
    enum class State { Stopped, Connecting, Connected, Reconnecting };
    Q_ENUM(State)

    explicit EventStream(ApiClient *api, QObject *parent = nullptr);
    ~EventStream() override;

    void start();
    void stop();
    State state() const { return m_state; }
    qint64 lastSeq() const { return m_lastSeq; }
    // Drops the connection as a network failure would (tests, "reconnect now").
    void dropConnection();
    // Backoff bounds, milliseconds (tests shorten them).
    void setReconnectDelays(int firstMs, int maxMs);
    // A ping every `ms`; no pong within the next ping: the connection is dead.
    void setPingInterval(int ms);

Q_SIGNALS:
    void stateChanged(puente::client::EventStream::State state);
    // The events, each as its protocol type.
    void messageCreated(const puente::protocol::Message &message);
    void messageUpdated(const puente::protocol::Message &message);
    void conversationUpdated(const puente::protocol::Conversation &conversation);
    void tenantSuspended(const puente::protocol::TenantNotice &notice);
    void accountChanged(const puente::protocol::AccountChange &change);
    // whatsapp.token: the company's Meta access token expires soon, has
    // expired, was renewed or could not be.
    void tokenNotice(const puente::protocol::TokenNotice &notice);
    // Events were missed and cannot be replayed: reload from the REST API.
    void resyncRequired();
    // The server refused the token (InvalidToken; Unauthenticated when it
    // was not presented in time), or the company is suspended
    // (TenantSuspended, with the reason in `message`): the session is over;
    // no reconnect.
    void authenticationFailed(puente::protocol::ErrorCode code, const QString &message = {});

private:
    void open();
    void setState(State state);
    void onConnected();
    void onDisconnected();
    void onText(const QString &text);
    void deliver(const QString &type, const QJsonObject &data);
    void scheduleReconnect();

    ApiClient *m_api;
    QWebSocket *m_socket = nullptr;
    QTimer m_reconnect;
    QTimer m_ping;
    QTimer m_connectTimeout; // a connection that never becomes ready is given up
    QSet<qint64> m_seen;     // seqs above m_lastSeq already delivered (live ones may overtake a replay)
    State m_state = State::Stopped;
    qint64 m_lastSeq = -1; // every seq up to here was delivered; -1: never connected
    bool m_ready = false;
    bool m_pongPending = false;
    int m_attempt = 0;
    int m_firstDelayMs = 500;
    int m_maxDelayMs = 15000;
};

} // namespace puente::client
