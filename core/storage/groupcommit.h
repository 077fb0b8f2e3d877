#pragma once

// Private to core, like sql.h.
#include "common/result.h"
#include "events/eventlog.h"

#include <QSqlDatabase>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>

namespace puente {

class Database;

// Write transactions shared by callers on many threads (group commit); one
// per Database. A job must not call run() itself.
//
// SQLite lets one writer at a time in, so requests that each write a few
// rows spend most of their time on BEGIN, COMMIT (the WAL frames of every
// page they touched) and handing the writer lock over. Here the first caller
// that finds no batch running becomes its leader: it takes the jobs waiting
// (its own first in line), runs each inside a SAVEPOINT, so that a job's
// error undoes only its own writes, writes all their events, commits once,
// publishes the events together and hands each caller its job's result. A
// batch whose transaction ends early (a failed statement ends it, see
// Transaction) runs its jobs again one by one, each in a transaction of its
// own, so one broken job cannot fail the others.
//
// PostgreSQL runs writers side by side: each job gets its own transaction
// there, and so does a job that finds nobody else waiting.
class GroupCommit {
public:
    // The job writes in `tx` and appends its events to `events` (written
    // and published by GroupCommit after the commit succeeds). It may run
    // more than once (again alone when its batch failed) and on another
    // caller's thread: it must start from its inputs each time.
    using Job = std::function<Status(QSqlDatabase tx, EventBatch &events)>;

    explicit GroupCommit(Database &db, int maxJobs = 32);

    // The job's own result, or the commit's error. After the commit the
    // job's events are published on `bus` (may be null), with the rest of
    // its batch's, in their order.
    Status run(const Job &job, EventBus *bus);
    // Transactions begun so far (tests: jobs per transaction).
    quint64 transactions() const { return m_transactions.load(std::memory_order_relaxed); }

private:
    // A caller waits on its own condition: woken when its job is done or
    // when it is handed the lead (waking every waiter after each batch made
    // them all fight for the mutex).
    struct Pending {
        const Job *job = nullptr;
        EventBus *bus = nullptr;
        Status result;
        bool done = false;
        bool lead = false;
        std::condition_variable wake;
    };
    Status runAlone(const Pending &pending);
    void runBatch(const std::vector<Pending *> &batch);
    // With the lock held and m_running set: runs the next batch, then hands
    // the lead to the oldest waiter (or clears m_running).
    void lead(std::unique_lock<std::mutex> &lock);

    Database &m_db;
    const int m_maxJobs;
    const bool m_batching;
    std::mutex m_mutex;
    std::deque<Pending *> m_waiting;
    bool m_running = false;
    std::atomic<quint64> m_transactions{0};
};

} // namespace puente
