#include "messaging/transport.h"

#include <QJsonDocument>
#include <QNetworkReply>

namespace puente {

void CloudApiTransport::send(const Channel &channel, const QJsonObject &body, std::function<void(Outcome)> done)
{
    QNetworkRequest request = meta::GraphClient::request(m_settings, channel.phoneNumberId + QStringLiteral("/messages"), channel.token);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = m_network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    const bool receipt = body.value(QStringLiteral("status")).toString() == QLatin1String("read");
    QObject::connect(reply, &QNetworkReply::finished, reply, [reply, receipt, done = std::move(done)] {
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
