#include "messaging/transport.h"

#include <QJsonDocument>
#include <QNetworkReply>

namespace puente {

CloudApiTransport::CloudApiTransport(meta::GraphSettings settings)
    : m_settings(std::move(settings))
{
    for (int i = 0; i < std::max(1, m_settings.sendConnections); ++i)
        m_networks.push_back(std::make_unique<QNetworkAccessManager>());
}

CloudApiTransport::~CloudApiTransport() = default;

void CloudApiTransport::send(const Channel &channel, const QJsonObject &body, std::function<void(Outcome)> done)
{
    QNetworkRequest request = meta::GraphClient::request(m_settings, channel.phoneNumberId + QStringLiteral("/messages"), channel.token);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, true);
    // A number's sends share one manager, so they leave in the order they
    // were sent (one HTTP/2 connection; over HTTP/1.1 one manager's queue):
    // two messages to a candidate must not overtake each other on the way.
    QNetworkAccessManager &network = *m_networks[size_t(qHash(channel.phoneNumberId) % m_networks.size())];
    QNetworkReply *reply = network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    const bool receipt = body.value(QStringLiteral("status")).toString() == QLatin1String("read");
    QObject::connect(reply, &QNetworkReply::finished, &m_receiver, [this, reply, receipt, done = std::move(done)] {
        ++m_answers;
        if (reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool())
            ++m_http2Answers;
        const meta::GraphResult r = meta::GraphClient::readReply(reply);
        reply->deleteLater();
        Outcome o;
        if (const auto *e = std::get_if<meta::GraphError>(&r)) {
            o.error = *e;
            o.unconfirmed = e->httpStatus >= 200 && e->httpStatus < 300; // 2xx that was not JSON
        } else if (receipt) {
            // {"success": true}: nothing else to keep.
            o.accepted = std::get<QJsonObject>(r).value(QStringLiteral("success")).toBool();
            if (!o.accepted)
                o.error.message = QStringLiteral("Meta did not confirm the read receipt");
        } else {
            o.sent = meta::parseSendAccepted(std::get<QJsonObject>(r));
            o.accepted = !o.sent.wamid.isEmpty();
            if (!o.accepted) {
                o.unconfirmed = true;
                o.error.httpStatus = 200;
                o.error.message = QStringLiteral("Meta accepted the message but returned no message id");
            }
        }
        done(o);
    });
}

bool fallbackAllowed(const meta::GraphError &e)
{
    using K = meta::GraphError::Kind;
    return e.kind == K::Network || e.kind == K::Timeout || e.kind == K::Unauthorized || (e.kind == K::MetaError && e.httpStatus >= 500);
}

} // namespace puente
