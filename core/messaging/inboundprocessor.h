#pragma once

#include "common/result.h"
#include "events/eventlog.h"

#include <QByteArray>
#include <QSqlDatabase>

#include <condition_variable>
#include <mutex>
#include <thread>

namespace puente {

class Database;

// Turns stored webhook bodies into messages, statuses and events, on its own
// thread, in batches, after the HTTP answer. It starts from whatever is still
// pending (so a restart resumes where the last run stopped) and marks each
// inbox row done in the same transaction as its effects: every body is
// applied exactly once. Each change is routed to its tenant by
// metadata.phone_number_id, or by WABA id for fields without one; what cannot
// be routed or parsed becomes a dead letter with the reason.
class InboundProcessor {
public:
    InboundProcessor(Database &db, EventBus *bus);
    ~InboundProcessor();

    void start();  // the worker thread
    void stop();
    void wake();   // new rows are waiting (thread-safe)

    // Processes up to `maxRows` pending rows on the calling thread; returns
    // how many were handled. Used by the worker and by tests.
    // Small batches keep the SQLite writer free for the inbox most of the time.
    Result<int> processPending(int maxRows = 32);

private:
    Status processOne(QSqlDatabase tx, qint64 inboxId, const QByteArray &body, TenantId signedBy, QList<Event> *events,
                      bool *pendingStatuses);
    Status recordFailure(qint64 inboxId, const QString &error);
    void run();

    Database &m_db;
    EventBus *m_bus;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_pending = false;
    bool m_stopping = false;
    std::thread m_thread;
};

namespace DeadLetters {
// Puts a dead letter's change back into the inbox as a fresh webhook body
// (after the tenant's number was connected, say). Returns the new inbox id.
Result<qint64> replay(Database &db, qint64 deadLetterId);
} // namespace DeadLetters

} // namespace puente
