#pragma once

#include "protocol/types.h"

#include "common/result.h"
#include "common/workerthread.h"
#include "events/eventlog.h"
#include "storage/auditlog.h"

#include <QByteArray>
#include <QHash>
#include <QSet>
#include <QSqlDatabase>

#include <mutex>

namespace puente {
namespace meta {
struct ParsedWebhook;
}

class BurstGate;
class Database;
class WebhookInbox;

// Turns stored webhook bodies into messages, statuses and events, on its own
// thread, in batches, after the HTTP answer. It starts from whatever is still
// pending (so a restart resumes where the last run stopped). On PostgreSQL
// each inbox row is marked done in the same transaction as its effects; on
// SQLite the inbox is another file, marked after the main commit, so a crash
// in between processes the row again (storing is idempotent). Each change is
// routed to its tenant by metadata.phone_number_id, or by WABA id for fields
// without one; what cannot be routed or parsed becomes a dead letter with the
// reason.
class InboundProcessor {
public:
    InboundProcessor(Database &db, EventBus *bus);
    ~InboundProcessor();

    // SQLite: rows are marked done by the inbox's writer thread (see
    // WebhookInbox::markDone) instead of in a transaction of the processor's.
    void markThrough(WebhookInbox *inbox) { m_inbox = inbox; }

    // The worker pauses while webhooks arrive at `inbox` faster than it
    // processes them (see BurstGate).
    void watchArrivals(const WebhookInbox *inbox) { m_arrivals = inbox; }

    void start();  // the worker thread
    void stop();
    void wake();   // new rows are waiting (thread-safe)

    // Processes up to `maxRows` pending rows on the calling thread; returns
    // how many were handled. Used by the worker and by tests.
    // Small batches keep the SQLite writer free for the inbox most of the
    // time; on SQLite the bodies are read and parsed before the batch takes it.
    static constexpr int kBatchRows = 32;
    Result<int> processPending(int maxRows = kBatchRows);

private:
    Status processParsed(QSqlDatabase tx, qint64 inboxId, const QByteArray &body, const meta::ParsedWebhook &parsed,
                         TenantId signedBy, EventBatch &events, bool *pendingStatuses);
    Status recordFailure(qint64 inboxId, const QString &error);
    // Marks inbox rows processed in a transaction of the inbox's own.
    Status markDoneAlone(const QList<qint64> &ids);
    // After the main commit (SQLite): a failure only means processing again.
    void markDoneLater(const QList<qint64> &ids);
    // Notes the time of the last webhook for the tenants touched since the
    // last call (unless noted in the last few seconds).
    Status touchTenants(QSqlDatabase tx);
    void committed(); // after a commit: what touchTenants wrote is noted

    void run();
    // Pauses while the gate says a burst is on; true if stopping meanwhile.
    bool deferDuringBurst(BurstGate &gate);

    Database &m_db;
    EventBus *m_bus;
    WebhookInbox *m_inbox = nullptr;
    const WebhookInbox *m_arrivals = nullptr;
    qint64 m_lastReceivedAt = 0; // of the last row processed (the worker's thread)
    // Processed rows whose mark is queued in the inbox writer, not yet
    // committed: the next batches must not take them again.
    std::mutex m_marksMutex;
    QSet<qint64> m_unmarked;
    qint64 m_markedSinceCheckpoint = 0; // the processor's thread only
    // Acknowledging webhooks comes first: during a burst the processor gives
    // way to the HTTP and inbox threads and catches up afterwards. Not the
    // idle scheduling class: a starved idle-class thread holding the main
    // writer lock would hold the API's writes for as long as the machine is
    // busy (performance.md, session 6). A batch commits early when another
    // writer waits (see processPending).
    WorkerThread m_worker{{"inbound", 10}};
    QSet<qint64> m_touched; // tenants whose changes the current transaction stored
    QHash<qint64, qint64> m_noted;  // tenant -> when its last_webhook_at was written
    QHash<qint64, qint64> m_noting; // ... by the current transaction
};

namespace DeadLetters {
// Puts a dead letter's change back into the inbox as a fresh webhook body
// (after the tenant's number was connected, say). Returns the new inbox id.
// With `onlyTenant`, a dead letter of another tenant (or of none) is
// not_found; with an actor, the replay is audited (dead_letter.replayed).
Result<qint64> replay(Database &db, qint64 deadLetterId, TenantId onlyTenant = {}, const Actor *actor = nullptr);
// A page of dead letters, newest first (all tenants' and the unroutable
// ones when `tenant` is invalid; only those no tenant owns with
// `unroutableOnly`), each with its payload.
Result<QList<protocol::DeadLetter>> list(Database &db, TenantId tenant, qint64 beforeId, int limit, bool unroutableOnly = false);
} // namespace DeadLetters

} // namespace puente
