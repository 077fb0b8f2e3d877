#pragma once

#include "domain/ids.h"
#include "domain/whatsappconfig.h"
#include "meta/graphclient.h"

#include <QNetworkAccessManager>

#include <functional>
#include <memory>
#include <vector>

namespace puente {

// One tenant channel as a transport sees it (secrets opened, in memory only).
// A way to deliver a message. The dispatcher calls send() on its own thread
// and gets `done` there.
class Transport {
public:
    virtual ~Transport() = default;
    virtual QString name() const = 0;

    struct Outcome {
        bool accepted = false;
        bool unconfirmed = false; // 2xx without a readable message id: maybe sent
        meta::SendAccepted sent;
        meta::GraphError error;
    };
    // `body` is Meta's message body (meta::buildMessageBody).
    virtual void send(const Channel &channel, const QJsonObject &body, std::function<void(Outcome)> done) = 0;
};

// The official WhatsApp Cloud API (or the Sandbox), asynchronously: many
// requests in flight on the dispatcher's thread. Its own network managers,
// apart from the process's GraphClient: sends keep their connections to
// Meta (and their throughput) whatever uploads and downloads are doing.
// `sendConnections` managers, each with its own connection (HTTP/2 over
// TLS: one multiplexed connection each), each phone number's sends on one
// of them (in order): a single HTTP/2 connection stops at the server's
// stream limit, and Qt opens only six HTTP/1.1 connections per host and
// manager.
class CloudApiTransport : public Transport {
public:
    explicit CloudApiTransport(meta::GraphSettings settings);
    ~CloudApiTransport() override;
    QString name() const override { return QStringLiteral("cloud_api"); }
    void send(const Channel &channel, const QJsonObject &body, std::function<void(Outcome)> done) override;

    // Sends whose answer came over HTTP/2, and all answered (benchmarks).
    quint64 http2Answers() const { return m_http2Answers; }
    quint64 answers() const { return m_answers; }

private:
    meta::GraphSettings m_settings;
    std::vector<std::unique_ptr<QNetworkAccessManager>> m_networks;
    quint64 m_http2Answers = 0;
    quint64 m_answers = 0;
    // Receives the replies' answers; gone before the managers (declared
    // after them), so a reply aborted by their destruction calls nobody.
    QObject m_receiver;
};

// Whether a failed send may go to the tenant's fallback transport: only when
// the primary is unavailable (network, timeout, Meta 5xx, invalid token),
// never to get round a policy error such as the 24-hour window.
bool fallbackAllowed(const meta::GraphError &error);

} // namespace puente
