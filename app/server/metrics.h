#pragma once

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QString>

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
    std::atomic<quint64> rateLimited{0};       // API requests answered 429
    std::atomic<quint64> webhooksThrottled{0}; // webhook POSTs over the global guard

    // API requests by route pattern and status.
    void countRequest(const QString &route, int status);
    // Requests the HTTP server refused before any route saw them, by code
    // (bad_request, too_large, request_timeout, ...).
    void countRefusal(const QString &code);

    // `outboxDepth`: messages waiting to be sent (read from the database by
    // the /metrics handler; -1 when unknown).
    QByteArray toPrometheus(qint64 outboxDepth = -1) const;

private:
    mutable QMutex m_mutex;
    QHash<std::pair<QString, int>, quint64> m_requests;
    QHash<QString, quint64> m_refusals;
};

} // namespace puente::server
