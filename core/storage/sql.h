#pragma once

// The SQL layer, private to core: statements, transactions and the helpers
// repositories use. Code outside core (app/, ui/) works through
// repositories and services and never includes this.
#include "storage/database.h"
#include "common/workerthread.h"

#include <QMutex>
#include <QSqlQuery>
#include <QVariant>

#include <limits>

struct sqlite3;
struct sqlite3_stmt;

namespace puente {

struct CachedStatement;

// The in-process writer lock of one SQLite file. Urgent writers (the webhook
// inbox, whose commit an HTTP answer waits for) go before background ones
// (the inbound processor), which step aside while an urgent one waits.
struct WriterLock {
    QMutex mutex;
    std::atomic<int> urgentWaiting{0};
    std::atomic<int> waiting{0}; // every writer waiting for the mutex
};

// Checkpoints of a SQLite file's write-ahead log, on a thread of their own
// (Database runs it): a commit only notes that one is due. SQLite's own
// automatic checkpoint runs inside the COMMIT that crosses 1,000 pages,
// which stalled the inbound processor (and the events it publishes) and
// copied hot pages back to the file over and over (performance.md, session 7).
struct WalCheckpoints {
    std::atomic<bool> due{false};
    // The processor's priority: it copies back what the processor wrote.
    WorkerThread worker{{"wal-checkpoint", 10}};
};

// A write transaction on this thread's connection. Rolls back unless
// committed, and at once when one of its statements fails (so the caller
// only has to return the error). Not nestable.
class Transaction {
public:
    enum class Priority { Normal, Urgent, Background };
    explicit Transaction(Database &db, Priority priority = Priority::Normal);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    // Whether BEGIN succeeded; check before using the transaction.
    const Status &begun() const { return m_begun; }
    QSqlDatabase connection() const { return m_db; }
    // Begun and not yet committed or rolled back.
    bool open() const { return m_open; }
    Status commit();
    // Whether another writer waits for this one (SQLite: the writer lock);
    // long background work commits early then.
    bool othersWaiting() const { return m_lock && m_lock->waiting.load(std::memory_order_relaxed) > 0; }
    // Ends the transaction now. Also happens when a statement in it fails.
    void rollbackNow();

private:
    Status m_begun; // before m_db: the constructor fills it while opening
    QSqlDatabase m_db;
    std::shared_ptr<WriterLock> m_lock;
    bool m_open = false;
};

// One prepared statement with positional `?` parameters. Failures come back
// as an Error whose code is "unique_violation", "foreign_key_violation" or
// "storage_error"; bound values never appear in messages.
// On SQLite the statement runs through SQLite's own API on the connection
// Qt opened: Qt's driver rebuilds a record of every result column and a
// cache of QVariants on each exec, a quarter of the inbound processor's
// time (performance.md, session 7).
// Multi-row statements: at most this many rows each (one prepared
// statement per row count), and the "?, ?, …" (or "(?, ?), …") list for n.
constexpr qsizetype kRowsPerStatement = 32;
inline QString placeholders(qsizetype n, const QString &one = QStringLiteral("?"))
{
    QString out = one;
    for (qsizetype i = 1; i < n; ++i)
        out += QStringLiteral(", ") + one;
    return out;
}

class Sql {
public:
    Sql(QSqlDatabase db, const QString &statement);
    ~Sql();
    Sql(const Sql &) = delete;
    Sql &operator=(const Sql &) = delete;

    Sql &bind(const QVariant &value);
    Status exec();
    bool next();
    QVariant value(int i) const;
    qint64 int64(int i) const;
    QString text(int i) const;
    bool isNull(int i) const;
    int rowsAffected() const;
    // Releases the statement's result set. SQLite cannot COMMIT while a
    // statement (such as INSERT ... RETURNING) is still being read.
    void finish();

    // Run a statement with no parameters and no result.
    static Status run(QSqlDatabase db, const QString &statement);

private:
    Status failed(const Error &error);

    // Statements are prepared once per connection and reused (a statement
    // cache: a PostgreSQL prepare costs two extra round trips); a statement
    // already in use higher up the stack gets its own query. PostgreSQL keeps
    // prepared statements across ROLLBACK.
    QSqlQuery *m_query = nullptr; // PostgreSQL
    std::unique_ptr<QSqlQuery> m_own;
    CachedStatement *m_cached = nullptr;
    sqlite3 *m_sqlite = nullptr; // SQLite
    sqlite3_stmt *m_stmt = nullptr;
    bool m_ownStmt = false;
    int m_bound = 0;
    enum class Row { None, Pending, On, Done } m_row = Row::None;
    bool m_reconnect = false;
    QString m_statement;
    QString m_connectionName;
    bool m_prepared = false;
    Error m_prepareError;
};

// NULL for an empty string, the string otherwise.
QVariant nullIfEmpty(const QString &s);
// A NULL for an integer column (a bound QVariant() has no type on PostgreSQL).
QVariant nullInt();

// Deletes the rows of `table` whose `timeColumn` (Unix ms) is before
// `cutoffMs`, and that `condition` (SQL, may be empty) selects: oldest
// first, kDeleteChunk rows per transaction at background priority (other
// writers wait for one chunk at most), at most `maxChunks` transactions.
// Ids must grow with time: the first row at or after the cutoff bounds the
// deletion, so the rows kept are never read. The newest row is always kept
// (a table without AUTOINCREMENT hands out its id again otherwise).
// Returns how many rows went.
constexpr int kDeleteChunk = 500;
Result<qint64> deleteOlderThan(Database &db, const QString &table, const QString &timeColumn, qint64 cutoffMs,
                               const QString &condition = {}, int maxChunks = std::numeric_limits<int>::max());

} // namespace puente
