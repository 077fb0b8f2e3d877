#pragma once

// Private to core, like sql.h.
#include "common/result.h"
#include "events/eventlog.h"

#include <QSqlDatabase>
#include <QThread>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>

namespace puente {

class Database;

// Write transactions shared by callers on many threads (group commit); one
// per Database. A job must not call run() itself.
//
// SQLite lets one writer at a time in, so requests that each write a few
// rows spend most of their time on BEGIN, COMMIT (the WAL frames of every
// page they touched) and handing the writer lock over. Here callers queue
// their jobs for one writer thread with a connection of its own. It takes
// the jobs waiting (up to a batch), runs each inside a SAVEPOINT, so that a
// job's error undoes only its own writes, writes all their events, commits
// once, publishes the events together and hands each caller its job's
// result. A batch whose transaction ends early (a failed statement ends it,
// see Transaction) runs its jobs again one by one, each in a transaction of
// its own, so one broken job cannot fail the others.
//
// One thread and one connection, rather than whichever caller came first
// leading the batch on its own: SQLite empties a connection's page cache
// whenever another connection has written since its last transaction, so
// a writer that changed hands every batch read its pages from the file
// every time. The writer's connection keeps them.
//
// PostgreSQL runs writers side by side: each job gets its own transaction
// there, on its caller's thread.
class GroupCommit {
public:
    // The job writes in `tx` and appends its events to `events` (written
    // and published by GroupCommit after the commit succeeds). It may run
    // more than once (again alone when its batch failed) and on another
    // caller's thread: it must start from its inputs each time.
    using Job = std::function<Status(QSqlDatabase tx, EventBatch &events)>;

    explicit GroupCommit(Database &db, int maxJobs = 32);
    ~GroupCommit();
    GroupCommit(const GroupCommit &) = delete;
    GroupCommit &operator=(const GroupCommit &) = delete;

    // The job's own result, or the commit's error. After the commit the
    // job's events are published on `bus` (may be null), with the rest of
    // its batch's, in their order.
    Status run(const Job &job, EventBus *bus);
    // Transactions begun so far (tests: jobs per transaction).
    quint64 transactions() const { return m_transactions.load(std::memory_order_relaxed); }
    // Ends the writer thread after the jobs queued (their callers get their
    // results); later jobs run alone on their callers' threads. The
    // Database calls it before it closes.
    void stop();

private:
    // A caller waits on its own condition until its job is done (waking
    // every caller after each batch made them all fight for the mutex).
    struct Pending {
        const Job *job = nullptr;
        EventBus *bus = nullptr;
        Status result;
        bool done = false;
        std::condition_variable wake;
    };
    Status runAlone(const Pending &pending);
    void runBatch(const std::vector<Pending *> &batch);
    void writerLoop();

    Database &m_db;
    const int m_maxJobs;
    const bool m_batching;
    std::mutex m_mutex;
    std::condition_variable m_work; // the writer's: jobs queued, or stop
    std::deque<Pending *> m_waiting;
    std::unique_ptr<QThread> m_writer; // started by the first job
    bool m_stopping = false;
    std::atomic<quint64> m_transactions{0};
};

} // namespace puente
