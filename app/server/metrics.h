#pragma once

#include <QByteArray>

#include <atomic>

namespace puente::server {

// Process-wide counters, served as Prometheus text at GET /metrics.
struct Metrics {
    std::atomic<quint64> webhooksReceived{0};
    std::atomic<quint64> webhooksStored{0};
    std::atomic<quint64> webhooksRejectedSignature{0}; // security events
    std::atomic<quint64> webhooksTooLarge{0};
    std::atomic<quint64> webhookStoreFailures{0};
    std::atomic<quint64> websocketClients{0};
    std::atomic<quint64> websocketAuthFailures{0};

    QByteArray toPrometheus() const;
};

} // namespace puente::server
