#pragma once

#include "common/result.h"
#include "common/workerthread.h"
#include "domain/ids.h"

#include <QByteArray>
#include <QList>
#include <QSqlDatabase>

#include <atomic>
#include <functional>
#include <limits>
#include <mutex>

namespace puente {

class Database;

// The durable front door for webhook bodies. submit() hands a raw body to
// one writer thread, which commits everything queued in one transaction
// (group commit) and then calls each body's callback:
// the HTTP answer waits for the commit, never for processing, and a crash
// after the answer loses nothing.
class WebhookInbox {
public:
    using CommittedCallback = std::function<void()>;
    using StoredCallback = std::function<void(const Status &stored)>;

    // `powerSafe`: on SQLite, make every commit survive a power cut too
    // (synchronous=FULL: an fsync per group commit).
    // `db`: the main database; bodies go to its inbox (Database::inbox()).
    WebhookInbox(Database &db, CommittedCallback onCommitted, bool powerSafe = false);
    ~WebhookInbox();
    WebhookInbox(const WebhookInbox &) = delete;
    WebhookInbox &operator=(const WebhookInbox &) = delete;

    // `signedBy`: the tenant whose own app secret signed the body (invalid
    // when the platform's secret did); the processor then accepts only that
    // tenant's changes from it. `stored` runs on the writer thread after the
    // commit (or with the error); keep it short.
    // With `wakeNow` false the writer is not woken: the caller calls wake()
    // soon (the HTTP thread, once per event-loop pass: one wake-up for all
    // the bodies it read, and one group commit for them).
    void submit(const QByteArray &body, TenantId signedBy, StoredCallback stored, bool wakeNow = true);
    void wake() { m_worker.wake(); }

    // How many bodies this inbox has committed since it started (any
    // thread): the arrival rate the processor compares its pace with.
    qint64 storedBodies() const { return m_stored.load(std::memory_order_relaxed); }

    // Marks processed rows done in the writer's next transaction, so that
    // the processor never waits for (or holds) the inbox's writer lock.
    // `marked` runs on the writer thread after the commit (or with the
    // error: the rows then stay pending and are processed again).
    void markDone(const QList<qint64> &ids, StoredCallback marked);

    // Appends one pending body inside the caller's transaction (of
    // Database::inbox()), or in a transaction of its own.
    static Result<qint64> insert(QSqlDatabase tx, const QByteArray &body, TenantId signedBy = {});
    static Result<qint64> insertAlone(Database &inbox, const QByteArray &body, TenantId signedBy = {});
    // Marks rows processed inside the caller's transaction (of the inbox).
    static Status markRows(QSqlDatabase tx, const QList<qint64> &ids);
    // Deletes processed rows received more than `maxAgeMs` ago (see
    // deleteOlderThan: a few hundred per transaction, at most `maxChunks`
    // transactions, never the newest row, which on SQLite keeps ids from
    // being handed out again). Pending rows stay whatever their age.
    static Result<qint64> prune(Database &inbox, qint64 maxAgeMs, int maxChunks = std::numeric_limits<int>::max());

private:
    struct Item;
    struct Mark {
        QList<qint64> ids;
        StoredCallback marked;
    };
    void run();

    Database &m_db;
    CommittedCallback m_onCommitted;
    bool m_powerSafe;
    std::mutex m_mutex; // the queues and m_stopping
    QList<Item *> m_queue;
    QList<Mark> m_marks;
    bool m_stopping = false;
    std::atomic<qint64> m_stored{0};
    WorkerThread m_worker{{"inbox-writer"}};
};

} // namespace puente
