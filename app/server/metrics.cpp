#include "metrics.h"

#include "messaging/campaigns.h"
#include "messaging/notifications.h"

namespace puente::server {

void Metrics::countRequest(const QString &route, int status)
{
    QMutexLocker lock(&m_mutex);
    ++m_requests[{route, status}];
}

void Metrics::countRefusal(const QString &code)
{
    QMutexLocker lock(&m_mutex);
    ++m_refusals[code];
}

QByteArray Metrics::toPrometheus(qint64 outboxDepth) const
{
    QByteArray out;
    auto line = [&out](const char *name, const char *help, const char *type, quint64 value) {
        out += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n' + name + ' '
            + QByteArray::number(value) + '\n';
    };
    line("puente_webhooks_received_total", "Webhook POSTs received.", "counter", webhooksReceived);
    line("puente_webhooks_stored_total", "Webhook bodies committed to the inbox.", "counter", webhooksStored);
    line("puente_webhooks_rejected_signature_total", "Webhook POSTs refused for a missing or wrong signature.", "counter",
         webhooksRejectedSignature);
    line("puente_webhooks_too_large_total", "Webhook POSTs refused for their size.", "counter", webhooksTooLarge);
    line("puente_webhook_store_failures_total", "Webhook bodies that could not be stored (answered 503).", "counter",
         webhookStoreFailures);
    line("puente_websocket_clients", "Connected WebSocket clients.", "gauge", websocketClients);
    line("puente_websocket_auth_failures_total", "WebSocket connections refused for a bad token.", "counter",
         websocketAuthFailures);
    line("puente_api_rate_limited_total", "API requests refused by a rate limit (429).", "counter", rateLimited);
    line("puente_webhooks_throttled_total", "Webhook POSTs refused by the global webhook guard (429).", "counter", webhooksThrottled);
    if (outboxDepth >= 0)
        line("puente_outbox_depth", "Messages waiting in the outbox to be sent.", "gauge", quint64(outboxDepth));
    out += "# HELP puente_notifications_total Notifications that reached each status.\n# TYPE puente_notifications_total counter\n";
    for (std::size_t i = 0; i < notify::counters().size(); ++i)
        out += "puente_notifications_total{status=\"" + protocol::enumName(protocol::NotificationStatus(i)).toUtf8() + "\"} "
            + QByteArray::number(notify::counters()[i].load(std::memory_order_relaxed)) + '\n';
    const CampaignCounters &campaigns = campaignCounters();
    line("puente_campaign_recipients_queued_total", "Campaign recipients whose message was handed to the outbox.", "counter",
         campaigns.queued.load(std::memory_order_relaxed));
    line("puente_campaign_recipients_skipped_total", "Campaign recipients skipped at the send (opted out, blocked, missing data).", "counter",
         campaigns.skipped.load(std::memory_order_relaxed));
    line("puente_campaigns_paused_automatically_total", "Campaigns paused by Puente (quality, Meta's refusals, a broken template, the plan).",
         "counter", campaigns.pausedAutomatically.load(std::memory_order_relaxed));
    out += "# HELP puente_http_requests_total API requests by route and status.\n# TYPE puente_http_requests_total counter\n";
    QMutexLocker lock(&m_mutex);
    for (auto it = m_requests.constBegin(); it != m_requests.constEnd(); ++it) {
        QByteArray route = it.key().first.toUtf8();
        route.replace('\\', "\\\\").replace('"', "\\\"");
        out += "puente_http_requests_total{route=\"" + route + "\",status=\"" + QByteArray::number(it.key().second) + "\"} "
            + QByteArray::number(it.value()) + '\n';
    }
    out += "# HELP puente_http_refused_total Requests the HTTP server refused before routing (malformed, too large, too slow, "
           "too many connections), by code.\n# TYPE puente_http_refused_total counter\n";
    for (auto it = m_refusals.constBegin(); it != m_refusals.constEnd(); ++it)
        out += "puente_http_refused_total{code=\"" + it.key().toUtf8() + "\"} " + QByteArray::number(it.value()) + '\n';
    return out;
}

} // namespace puente::server
