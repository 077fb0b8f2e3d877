#include "eventstream.h"

#include "apiclient.h"

#include <QJsonDocument>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QWebSocket>

namespace puente::client {

EventStream::EventStream(ApiClient *api, QObject *parent)
    : QObject(parent), m_api(api), m_reconnect(this), m_ping(this), m_connectTimeout(this)
{
    m_connectTimeout.setSingleShot(true);
    m_connectTimeout.setInterval(15000);
    connect(&m_connectTimeout, &QTimer::timeout, this, [this] {
        if (m_socket && !m_ready)
            m_socket->abort(); // a host that drops packets, a proxy that never answers
    });
    m_reconnect.setSingleShot(true);
    connect(&m_reconnect, &QTimer::timeout, this, &EventStream::open);
    m_ping.setInterval(25000);
    connect(&m_ping, &QTimer::timeout, this, [this] {
        if (!m_socket)
            return;
        if (m_pongPending) { // the last ping went unanswered: the link is dead
            m_socket->abort();
            return;
        }
        m_pongPending = true;
        m_socket->sendTextMessage(QStringLiteral("{\"type\":\"ping\"}"));
    });
}

EventStream::~EventStream()
{
    stop();
}

void EventStream::setReconnectDelays(int firstMs, int maxMs)
{
    m_firstDelayMs = firstMs;
    m_maxDelayMs = maxMs;
}

void EventStream::setPingInterval(int ms)
{
    m_ping.setInterval(ms);
}

void EventStream::start()
{
    if (m_state != State::Stopped)
        return;
    m_attempt = 0;
    setState(State::Connecting);
    open();
}

void EventStream::stop()
{
    m_reconnect.stop();
    m_ping.stop();
    m_connectTimeout.stop();
    if (m_socket) {
        QWebSocket *socket = m_socket;
        m_socket = nullptr;
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
    setState(State::Stopped);
}

void EventStream::dropConnection()
{
    if (m_socket)
        m_socket->abort();
}

void EventStream::open()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->deleteLater();
    }
    m_ready = false;
    m_pongPending = false;
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    connect(m_socket, &QWebSocket::connected, this, &EventStream::onConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &EventStream::onDisconnected);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &EventStream::onText);
    // Qt 6.4 has no errorOccurred; a failed handshake may not disconnect.
    connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this, [this](QAbstractSocket::SocketError) {
        if (m_socket && m_socket->state() != QAbstractSocket::UnconnectedState)
            m_socket->abort();
    });
    m_connectTimeout.start();
    QNetworkRequest request(m_api->webSocketUrl());
    request.setRawHeader("Authorization", "Bearer " + m_api->token().toUtf8());
    if (!m_api->actingTenant().isEmpty())
        request.setRawHeader("X-Puente-Tenant", m_api->actingTenant().toUtf8());
    m_socket->open(request);
}

void EventStream::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void EventStream::onConnected()
{
    m_ping.start();
}

void EventStream::onDisconnected()
{
    m_ping.stop();
    m_connectTimeout.stop();
    if (m_state == State::Stopped)
        return;
    setState(State::Reconnecting);
    scheduleReconnect();
}

void EventStream::scheduleReconnect()
{
    // 0.5, 1, 2, 4... s up to the maximum, with jitter so that a restarted
    // server is not hit by every console in the same millisecond.
    const int base = std::min(m_maxDelayMs, m_firstDelayMs << std::min(m_attempt, 10));
    ++m_attempt;
    const int jitter = base > 4 ? int(QRandomGenerator::global()->bounded(base / 4)) : 0;
    m_reconnect.start(base - jitter);
}

void EventStream::deliver(const QString &type, const QJsonObject &data)
{
    if (type == QLatin1String("message.created"))
        Q_EMIT messageCreated(protocol::fromJson<protocol::Message>(data));
    else if (type == QLatin1String("message.updated"))
        Q_EMIT messageUpdated(protocol::fromJson<protocol::Message>(data));
    else if (type == QLatin1String("conversation.updated"))
        Q_EMIT conversationUpdated(protocol::fromJson<protocol::Conversation>(data));
    else if (type == QLatin1String("tenant.suspended"))
        Q_EMIT tenantSuspended(protocol::fromJson<protocol::TenantNotice>(data));
    else if (type == QLatin1String("account.event"))
        Q_EMIT accountChanged(protocol::fromJson<protocol::AccountChange>(data));
    else if (type == QLatin1String("whatsapp.token"))
        Q_EMIT tokenNotice(protocol::fromJson<protocol::TokenNotice>(data));
    // Others (tenant.resumed, types of newer servers) need nothing here.
}

void EventStream::onText(const QString &text)
{
    const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
    const QString type = frame.value(QStringLiteral("type")).toString();
    if (frame.contains(QStringLiteral("seq"))) {
        const qint64 seq = qint64(frame.value(QStringLiteral("seq")).toDouble());
        if (seq <= m_lastSeq || m_seen.contains(seq))
            return; // replayed and live at once
        // A live event can overtake the replay of a resume: deliver it, but
        // only count seqs as done while they are contiguous, so the replay's
        // older ones still get through.
        m_seen.insert(seq);
        while (m_seen.remove(m_lastSeq + 1))
            ++m_lastSeq;
        if (m_seen.size() > 10000) { // a gap that never fills (seqs need not be dense)
            for (qint64 s : std::as_const(m_seen))
                m_lastSeq = std::max(m_lastSeq, s);
            m_seen.clear();
        }
        deliver(type, frame.value(QStringLiteral("data")).toObject());
        return;
    }
    if (type == QLatin1String("ready")) {
        const qint64 serverSeq = qint64(frame.value(QStringLiteral("last_seq")).toDouble());
        m_ready = true;
        m_attempt = 0;
        m_connectTimeout.stop();
        if (m_lastSeq < 0)
            m_lastSeq = serverSeq;
        else if (serverSeq > m_lastSeq)
            m_socket->sendTextMessage(QString::fromUtf8(QJsonDocument(QJsonObject{
                {QStringLiteral("type"), QStringLiteral("resume")}, {QStringLiteral("after_seq"), m_lastSeq}}).toJson(QJsonDocument::Compact)));
        else if (serverSeq < m_lastSeq) { // a different server (or a reset one): start over
            m_lastSeq = serverSeq;
            m_seen.clear();
            Q_EMIT resyncRequired();
        }
        setState(State::Connected);
    } else if (type == QLatin1String("resync")) {
        m_lastSeq = qint64(frame.value(QStringLiteral("last_seq")).toDouble());
        m_seen.clear();
        Q_EMIT resyncRequired();
    } else if (type == QLatin1String("pong")) {
        m_pongPending = false;
    } else if (type == QLatin1String("error")) {
        const QString code = frame.value(QStringLiteral("code")).toString();
        const auto ended = code == QLatin1String("unauthorized")       ? std::optional(protocol::ErrorCode::InvalidToken)
                           : code == QLatin1String("auth_timeout")     ? std::optional(protocol::ErrorCode::Unauthenticated)
                           : code == QLatin1String("tenant_suspended") ? std::optional(protocol::ErrorCode::TenantSuspended)
                                                                       : std::nullopt;
        if (ended) {
            stop();
            Q_EMIT authenticationFailed(*ended, frame.value(QStringLiteral("message")).toString());
        }
    }
}

} // namespace puente::client
