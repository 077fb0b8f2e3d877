#pragma once

#include "common/clock.h"
#include "common/result.h"
#include "storage/databaseurl.h"

#include <QSqlDatabase>

#include <atomic>
#include <memory>
#include <mutex>

namespace puente {

struct WriterLock;
struct WalCheckpoints;
class GroupCommit;

// The connection factory: one QSqlDatabase per thread (a QSqlDatabase belongs
// to the thread that opened it), opened on first use and re-opened after a
// lost connection. SQLite connections run in WAL mode with foreign keys on;
// writes are serialised in-process by one writer lock and `BEGIN IMMEDIATE`
// (a deferred transaction can fail at once with SQLITE_BUSY when it upgrades).
class Database {
public:
    static Result<std::unique_ptr<Database>> open(const DatabaseUrl &url);
    static Result<std::unique_ptr<Database>> open(const QString &url);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    Dialect dialect() const { return m_url.dialect; }
    const DatabaseUrl &url() const { return m_url; }

    // This thread's connection; opened (again) if it is not open.
    QSqlDatabase connection();
    // A cheap round trip: is the database reachable right now?
    Status ping();

    // Where webhook bodies wait for processing. SQLite: a second file beside
    // this one ("puente-inbox.db" next to "puente.db") with its own writer
    // lock, so that acknowledging webhooks never waits for processing and
    // inbox commits do not empty the processing connection's page cache.
    // PostgreSQL: this database.
    Database &inbox();

    // Write transactions shared by concurrent requests (storage/groupcommit.h).
    GroupCommit &groupCommit() { return *m_groupCommit; }

private:
    friend class Transaction;
    explicit Database(const DatabaseUrl &url);
    QSqlDatabase connection(Status *openStatus);
    Status openConnection(QSqlDatabase &db);

    DatabaseUrl m_url;
    quint64 m_instance;
    QString m_namePrefix;
    std::shared_ptr<std::atomic<bool>> m_alive;
    std::shared_ptr<WriterLock> m_writerLock; // SQLite only
    std::once_flag m_inboxOnce;
    std::unique_ptr<Database> m_inbox; // SQLite only
    std::shared_ptr<WalCheckpoints> m_checkpoints; // SQLite main file only
    std::unique_ptr<GroupCommit> m_groupCommit;
    void runCheckpoints();
};

} // namespace puente
