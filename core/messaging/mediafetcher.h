#pragma once

#include "common/result.h"
#include "common/workerthread.h"
#include "crypto/secretbox.h"
#include "events/eventlog.h"
#include "meta/graphclient.h"

#include <QHash>

#include <memory>

namespace puente {

class Database;

// Also keeps each tenant's template list fresh (every six hours).
// Brings inbound media home soon after it arrives (Meta's download URLs live
// minutes, media ids 7 days): for each inbound message with a media id and no
// stored file it asks Graph for the URL, downloads with the tenant's token,
// checks the bytes against Meta's sha256, and stores them content-addressed
// under <mediaRoot>/ab/<sha256>. Failures are retried with growing delays
// (30 s, 2 min, 10 min...), six times. A worker thread of its own, which
// waits for the process's Graph client (never the dispatcher or a REST thread).
class MediaFetcher {
public:
    // `graph`: the process's Graph client (outlives the fetcher).
    MediaFetcher(Database &db, crypto::KeyringPtr keyring, EventBus *bus, meta::GraphClient &graph, QString mediaRoot);
    ~MediaFetcher();

    void start();
    void stop();
    void wake();

    // Fetches what is due now, on the calling thread; returns how many files
    // were stored. The worker calls it; tests too.
    Result<int> fetchDue(int max = 10);
    // Syncs the templates of tenants whose list is older than six hours (or
    // was never read). The worker calls it every minute.
    void syncTemplatesDue();

    static constexpr int kMaxAttempts = 6;
    // The query for due media (binds: now, limit), public for EXPLAIN in tests.
    static QString dueQuery();
    static constexpr qint64 kMaxBytes = 100LL * 1024 * 1024;
    // The stored name of a file: hex SHA-256 (also the path under mediaRoot).
    static QString pathFor(const QString &mediaRoot, const QString &sha256Hex);

private:
    Database &m_db;
    crypto::KeyringPtr m_keyring;
    EventBus *m_bus;
    meta::GraphClient &m_graph;
    QString m_root;
    WorkerThread m_worker{{"media-fetcher"}};
    QHash<qint64, qint64> m_templatesTriedAt; // tenant → last attempt (worker thread only)
    qint64 m_templatesCheckedAt = 0;
};

} // namespace puente
