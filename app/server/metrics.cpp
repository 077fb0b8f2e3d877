#include "metrics.h"

namespace puente::server {

QByteArray Metrics::toPrometheus() const
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
    return out;
}

} // namespace puente::server
