#pragma once

#include "domain/ids.h"
#include "domain/whatsappconfig.h"
#include "meta/graphclient.h"

#include <QNetworkAccessManager>

#include <functional>

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
// requests in flight on the dispatcher's thread. Its own network manager,
// apart from the process's GraphClient: sends keep their connections to
// Meta (and their throughput) whatever uploads and downloads are doing.
class CloudApiTransport : public Transport {
public:
    explicit CloudApiTransport(meta::GraphSettings settings) : m_settings(std::move(settings)) {}
    QString name() const override { return QStringLiteral("cloud_api"); }
    void send(const Channel &channel, const QJsonObject &body, std::function<void(Outcome)> done) override;

private:
    meta::GraphSettings m_settings;
    QNetworkAccessManager m_network;
};

// Whether a failed send may go to the tenant's fallback transport: only when
// the primary is unavailable (network, timeout, Meta 5xx, invalid token),
// never to get round a policy error such as the 24-hour window.
bool fallbackAllowed(const meta::GraphError &error);

} // namespace puente
