#include "storage/groupcommit.h"

#include "storage/sql.h"

namespace puente {

GroupCommit::GroupCommit(Database &db, int maxJobs)
    : m_db(db)
    , m_maxJobs(std::max(1, maxJobs))
    , m_batching(db.dialect() == Dialect::Sqlite)
{
}

GroupCommit::~GroupCommit()
{
    stop();
}

void GroupCommit::stop()
{
    std::unique_ptr<QThread> writer;
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        writer = std::move(m_writer);
    }
    m_work.notify_one();
    if (writer)
        writer->wait();
}

Status GroupCommit::run(const Job &job, EventBus *bus)
{
    Pending own;
    own.job = &job;
    own.bus = bus;
    if (!m_batching)
        return runAlone(own);
    std::unique_lock lock(m_mutex);
    if (m_stopping) {
        lock.unlock();
        return runAlone(own);
    }
    if (!m_writer) {
        m_writer.reset(QThread::create([this] { writerLoop(); }));
        m_writer->setObjectName(QStringLiteral("writer"));
        m_writer->start();
    }
    m_waiting.push_back(&own);
    if (m_waiting.size() == 1)
        m_work.notify_one();
    own.wake.wait(lock, [&] { return own.done; });
    return own.result;
}

void GroupCommit::writerLoop()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_work.wait(lock, [&] { return m_stopping || !m_waiting.empty(); });
        if (m_waiting.empty())
            return; // stopping, and nothing left to run
        std::vector<Pending *> batch;
        while (!m_waiting.empty() && int(batch.size()) < m_maxJobs) {
            batch.push_back(m_waiting.front());
            m_waiting.pop_front();
        }
        lock.unlock();
        runBatch(batch);
        lock.lock();
        for (Pending *p : batch) {
            p->done = true;
            p->wake.notify_one(); // its thread needs the lock to return: p lives until we release it
        }
    }
}

Status GroupCommit::runAlone(const Pending &pending)
{
    m_transactions.fetch_add(1, std::memory_order_relaxed);
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun();
    EventBatch events(tx.connection());
    if (auto s = (*pending.job)(tx.connection(), events); !s)
        return s; // rolled back
    if (auto s = events.write(); !s)
        return s;
    if (auto s = tx.commit(); !s)
        return s;
    if (pending.bus)
        pending.bus->publish(events.events());
    return {};
}

void GroupCommit::runBatch(const std::vector<Pending *> &batch)
{
    if (batch.size() == 1) {
        batch.front()->result = runAlone(*batch.front());
        return;
    }
    bool whole = [&] {
        m_transactions.fetch_add(1, std::memory_order_relaxed);
        Transaction tx(m_db);
        if (!tx.begun())
            return false;
        QSqlDatabase c = tx.connection();
        EventBatch events(c);
        std::vector<qsizetype> counts(batch.size(), 0); // each job's events, in order
        // Prepared once per connection, as every statement (Sql's cache).
        auto control = [&](const QString &statement) {
            Sql q(c, statement);
            return q.exec().ok();
        };
        for (std::size_t i = 0; i < batch.size(); ++i) {
            Pending *p = batch[i];
            if (!control(QStringLiteral("SAVEPOINT job")))
                return false;
            EventBatch own(c);
            p->result = (*p->job)(c, own);
            if (!tx.open())
                return false; // a statement failed: the transaction is gone
            if (p->result) {
                for (const Event &e : own.events())
                    events.append(e);
                counts[i] = own.events().size();
            } else if (!control(QStringLiteral("ROLLBACK TO job"))) {
                return false;
            }
            if (!control(QStringLiteral("RELEASE job")))
                return false;
        }
        if (!events.write() || !tx.commit())
            return false;
        // Together, in order: one signal per run of jobs with the same bus
        // (there is one bus in practice).
        QList<Event> published;
        for (std::size_t i = 0, k = 0; i < batch.size(); ++i) {
            for (qsizetype n = 0; n < counts[i]; ++n)
                published.append(events.events()[qsizetype(k++)]);
            if (i + 1 == batch.size() || batch[i + 1]->bus != batch[i]->bus) {
                if (batch[i]->bus)
                    batch[i]->bus->publish(published);
                published.clear();
            }
        }
        return true;
    }();
    if (whole)
        return;
    for (Pending *p : batch)
        p->result = runAlone(*p);
}

} // namespace puente
