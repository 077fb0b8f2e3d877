#include "storage/sql.h"
#include "storage/groupcommit.h"

#include "logging/logging.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSqlDriver>
#include <QSqlError>
#include <QThread>
#include <QThreadStorage>

#include <sqlite3.h>

#include <atomic>
#include <unordered_map>

namespace puente {

namespace {
QAtomicInteger<quint64> s_nextInstance{1};
// The open transaction of each of this thread's connections.
thread_local QHash<QString, Transaction *> s_activeTransactions;

std::shared_ptr<WriterLock> writerLockFor(const QString &path)
{
    static QMutex registryLock;
    static QHash<QString, std::weak_ptr<WriterLock>> registry;
    const QString key = QFileInfo(path).absoluteFilePath();
    QMutexLocker locker(&registryLock);
    if (auto existing = registry.value(key).lock())
        return existing;
    auto lock = std::make_shared<WriterLock>();
    registry.insert(key, lock);
    return lock;
}

Error classify(const QSqlError &e, const QString &what)
{
    const QString native = e.nativeErrorCode();
    const QString text = e.databaseText().isEmpty() ? e.text() : e.databaseText();
    if (native == QLatin1String("23505") || native == QLatin1String("2067") || native == QLatin1String("1555")
        || text.contains(QLatin1String("UNIQUE constraint failed")))
        return makeError("unique_violation", text);
    if (native == QLatin1String("23503") || native == QLatin1String("787")
        || text.contains(QLatin1String("FOREIGN KEY constraint failed")))
        return makeError("foreign_key_violation", text);
    return makeError("storage_error", QStringLiteral("%1: %2").arg(what, text.trimmed()));
}

// The same classes for an error of SQLite's own API.
Error classifySqlite(sqlite3 *db, const QString &what)
{
    const int code = sqlite3_extended_errcode(db);
    const QString text = QString::fromUtf8(sqlite3_errmsg(db));
    if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY)
        return makeError("unique_violation", text);
    if (code == SQLITE_CONSTRAINT_FOREIGNKEY)
        return makeError("foreign_key_violation", text);
    return makeError("storage_error", QStringLiteral("%1: %2").arg(what, text));
}

// The sqlite3 handle of an open QSQLITE connection, else null.
sqlite3 *sqliteHandle(const QSqlDatabase &db)
{
    const QVariant handle = db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}
} // namespace

// Prepared statements of this thread, per connection name: a QSqlQuery on
// PostgreSQL, SQLite's own statement on SQLite.
struct CachedStatement {
    QSqlQuery query;
    QString statement;
    sqlite3_stmt *stmt = nullptr;
    bool inUse = false;
    bool stale = false; // its connection was lost: delete when released
    ~CachedStatement() { sqlite3_finalize(stmt); }
};
struct ThreadConnection;
using StatementCache = QHash<QString, QHash<QString, CachedStatement *>>; // by connection, then statement

// This thread's statements and connections (by Database instance id: ids are
// never reused). Held by QThreadStorage, not thread_local: Qt deletes a
// QThread's storage before QThread::wait() returns, so when a thread pool is
// gone its threads have closed their connections. thread_local destructors
// run later, as the thread's last act, and raced the process's exit: libpq
// finishing a connection while exit() tore OpenSSL down crashed
// puente-server on SIGTERM about one time in ten. Members die in reverse
// order: the connections (which drop their statements) before the cache.
struct ThreadState {
    StatementCache statements;
    std::unordered_map<quint64, std::unique_ptr<ThreadConnection>> connections;
};

namespace {
QThreadStorage<ThreadState *> s_threadState;

ThreadState &threadState()
{
    if (!s_threadState.hasLocalData())
        s_threadState.setLocalData(new ThreadState);
    return *s_threadState.localData();
}

void dropStatements(StatementCache &cache, const QString &connection)
{
    const auto statements = cache.take(connection);
    qDeleteAll(statements);
}

// The connection is gone (PostgreSQL restarted, network cut): forget its
// statements (those still in use go when released) and close it, so the
// next use on this thread reconnects.
void markConnectionBroken(const QString &connection)
{
    qCWarning(lcStorage) << "database connection lost; reconnecting on next use";
    auto statements = threadState().statements.take(connection);
    for (CachedStatement *c : std::as_const(statements)) {
        if (c->inUse)
            c->stale = true;
        else
            delete c;
    }
    QSqlDatabase::database(connection, false).close();
}

// After a failure: is a QPSQL connection still alive? (Qt keeps reporting a
// dead one as open.)
bool postgresConnectionLost(QSqlDatabase db)
{
    return db.driverName() == QLatin1String("QPSQL") && !QSqlQuery(db).exec(QStringLiteral("SELECT 1"));
}
} // namespace

namespace {
// Past this many pages in the WAL, a checkpoint is due (32 MiB of 4 KiB
// pages): a page changed many times in between is copied back once.
constexpr int kWalCheckpointPages = 8000;

// After every commit on the main SQLite file (SQLite's wal hook, which
// replaces its automatic checkpoint).
int walCommitted(void *data, sqlite3 *db, const char *, int pages)
{
    if (pages < kWalCheckpointPages)
        return SQLITE_OK;
    auto *checkpoints = static_cast<WalCheckpoints *>(data);
    if (!checkpoints->due.exchange(true))
        checkpoints->worker.wake();
    // The checkpointer fell far behind (a starved machine): as SQLite would.
    if (pages >= 8 * kWalCheckpointPages)
        sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    return SQLITE_OK;
}
} // namespace

// One of a thread's connections. It closes and removes its connection when
// the thread ends, or on the thread's next use after its Database died.
struct ThreadConnection {
    ThreadState *state = nullptr; // the thread's, which owns it
    QString name;
    std::shared_ptr<std::atomic<bool>> alive;
    std::shared_ptr<WalCheckpoints> checkpoints; // its wal hook's: alive while the connection is
    ThreadConnection() = default;
    ThreadConnection(const ThreadConnection &) = delete;
    ThreadConnection &operator=(const ThreadConnection &) = delete;
    ~ThreadConnection()
    {
        // Pool threads may only end during static destruction, after Qt's
        // connection registry is gone: then the process is exiting anyway.
        if (!QCoreApplication::instance())
            return;
        dropStatements(state->statements, name);
        {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
};


namespace {
// Before SQLite initialises (first open): no memory statistics. With them on,
// every allocation inside SQLite takes one process-wide mutex, which the
// threads writing and reading in parallel queued on.
[[maybe_unused]] const bool s_sqliteConfigured = [] {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
}();
} // namespace

Database::Database(const DatabaseUrl &url)
    : m_url(url)
    , m_instance(s_nextInstance.fetchAndAddRelaxed(1))
    , m_namePrefix(QStringLiteral("puente-%1-").arg(m_instance))
    , m_alive(std::make_shared<std::atomic<bool>>(true))
{
    if (url.dialect == Dialect::Sqlite)
        m_writerLock = writerLockFor(url.path);
    m_groupCommit = std::make_unique<GroupCommit>(*this);
}

Database::~Database()
{
    m_groupCommit->stop(); // its thread closes its connection while we are alive
    if (m_checkpoints)
        m_checkpoints->worker.stop();
    // Other threads close theirs when they end or next touch the database.
    m_alive->store(false);
    threadState().connections.erase(m_instance);
}

namespace {
// Messages, contacts and sealed secrets live in these files: readable by the
// server's user only. SQLite gives its -wal and -shm files the main file's
// mode, so the main file is created 0600 before SQLite first opens it.
void restrictSqliteFiles(const QString &path)
{
    if (!QFileInfo::exists(path)) {
        QFile create(path);
        if (create.open(QIODevice::WriteOnly))
            create.close();
    }
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        if (QFileInfo::exists(path + suffix))
            QFile::setPermissions(path + suffix, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}
} // namespace

Database &Database::inbox()
{
    if (m_url.dialect != Dialect::Sqlite)
        return *this;
    std::call_once(m_inboxOnce, [this] {
        DatabaseUrl url = m_url;
        const QFileInfo info(m_url.path);
        url.path = info.dir().filePath(info.completeBaseName() + QStringLiteral("-inbox")
                                       + (info.suffix().isEmpty() ? QString() : QLatin1Char('.') + info.suffix()));
        restrictSqliteFiles(url.path);
        m_inbox.reset(new Database(url));
    });
    return *m_inbox;
}

Result<std::unique_ptr<Database>> Database::open(const QString &url)
{
    auto parsed = DatabaseUrl::parse(url);
    if (!parsed)
        return parsed.error();
    return open(parsed.value());
}

Result<std::unique_ptr<Database>> Database::open(const DatabaseUrl &url)
{
    if (url.dialect == Dialect::Sqlite) {
        const QFileInfo info(url.path);
        if (!QDir().mkpath(info.absolutePath()))
            return makeError("database_unavailable",
                             QStringLiteral("cannot create folder %1 for the SQLite database").arg(info.absolutePath()));
        restrictSqliteFiles(url.path);
    }
    std::unique_ptr<Database> db(new Database(url));
    if (url.dialect == Dialect::Sqlite) {
        db->m_checkpoints = std::make_shared<WalCheckpoints>();
        db->m_checkpoints->worker.start([d = db.get()] { d->runCheckpoints(); });
    }
    Status opened;
    db->connection(&opened);
    if (!opened)
        return opened.error();
    return db;
}

QSqlDatabase Database::connection()
{
    return connection(nullptr);
}

void Database::runCheckpoints()
{
    WalCheckpoints &c = *m_checkpoints;
    while (c.worker.waitForWork()) {
        if (!c.due.exchange(false))
            continue;
        // Passive: waits for no lock; pages a reader still needs are left
        // for the next one.
        if (auto s = Sql::run(connection(), QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)")); !s)
            qCWarning(lcStorage).noquote() << "checkpoint failed:" << s.error().message;
        // Readers can keep a checkpoint from finishing: do not spin.
        if (!c.worker.sleepFor(std::chrono::milliseconds(100)))
            return;
    }
}

QSqlDatabase Database::connection(Status *openStatus)
{
    ThreadState &state = threadState();
    auto &connections = state.connections;
    auto it = connections.find(m_instance);
    if (it == connections.end()) {
        std::erase_if(connections, [](const auto &entry) { return !entry.second->alive->load(); });
        const QString connName = m_namePrefix + QString::number(quintptr(QThread::currentThreadId()), 16);
        const QString driver = m_url.dialect == Dialect::Sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL");
        QSqlDatabase::addDatabase(driver, connName);
        auto conn = std::make_unique<ThreadConnection>();
        conn->state = &state;
        conn->name = connName;
        conn->alive = m_alive;
        conn->checkpoints = m_checkpoints;
        it = connections.emplace(m_instance, std::move(conn)).first;
    }
    QSqlDatabase db = QSqlDatabase::database(it->second->name, false);
    if (!db.isOpen()) {
        Status s = openConnection(db);
        if (openStatus)
            *openStatus = s;
    }
    return db;
}

Status Database::openConnection(QSqlDatabase &db)
{
    if (m_url.dialect == Dialect::Sqlite) {
        db.setDatabaseName(m_url.path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
        if (!db.open())
            return classify(db.lastError(), QStringLiteral("open"));
        // No memory map: in WAL mode a connection that finds the file
        // changed by another one unmaps all of it at its next read (a TLB
        // flush on every core). That was 12 % of the processor's time at
        // 1,000 webhooks/s on the inbox file, and 5 % of an accepted
        // notification's on the main one, where every request writes.
        for (const char *pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON",
                                   "PRAGMA cache_size=-16000", "PRAGMA mmap_size=0", "PRAGMA temp_store=MEMORY"}) {
            if (auto s = Sql::run(db, QString::fromLatin1(pragma)); !s) {
                dropStatements(threadState().statements, db.connectionName());
                db.close();
                return s;
            }
        }
        if (m_checkpoints)
            if (sqlite3 *handle = sqliteHandle(db))
                sqlite3_wal_hook(handle, walCommitted, m_checkpoints.get());
        return {};
    }
    db.setHostName(m_url.host);
    db.setPort(m_url.port);
    db.setUserName(m_url.user);
    db.setPassword(m_url.password);
    db.setDatabaseName(m_url.database);
    QString options = QStringLiteral("connect_timeout=5;application_name=puente");
    if (!m_url.options.isEmpty())
        options += QLatin1Char(';') + m_url.options;
    db.setConnectOptions(options);
    if (!db.open()) {
        // libpq's message is several lines; the first says what happened.
        const QString why = db.lastError().databaseText().trimmed().section(QLatin1Char('\n'), 0, 0);
        return makeError("database_unavailable", QStringLiteral("cannot connect to %1: %2").arg(m_url.redacted(), why));
    }
    return Sql::run(db, QStringLiteral("SET client_min_messages TO WARNING"));
}

Status Database::ping()
{
    Status opened;
    QSqlDatabase db = connection(&opened);
    if (!opened)
        return opened;
    Status s = Sql(db, QStringLiteral("SELECT 1")).exec();
    if (!s) {
        dropStatements(threadState().statements, db.connectionName());
        db.close(); // reconnect on the next use
    }
    return s;
}

namespace {
// BEGIN, COMMIT and ROLLBACK: SQLite runs them as statements prepared once
// per connection (sqlite3_exec would parse each one every time).
Status control(QSqlDatabase db, const QString &statement)
{
    if (db.driverName() == QLatin1String("QSQLITE"))
        return Sql(db, statement).exec();
    return Sql::run(db, statement);
}
} // namespace

Transaction::Transaction(Database &db, Priority priority)
    : m_db(db.connection(&m_begun))
    , m_lock(db.m_writerLock)
{
    if (!m_begun)
        return;
    if (m_lock) {
        if (priority == Priority::Background) {
            for (int i = 0; i < 2000 && m_lock->urgentWaiting.load() > 0; ++i)
                QThread::usleep(50);
        }
        if (!m_lock->mutex.tryLock()) {
            const bool urgent = priority == Priority::Urgent;
            ++m_lock->waiting;
            if (urgent)
                ++m_lock->urgentWaiting;
            m_lock->mutex.lock();
            if (urgent)
                --m_lock->urgentWaiting;
            --m_lock->waiting;
        }
    }
    const QString begin = db.dialect() == Dialect::Sqlite ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN");
    m_begun = control(m_db, begin);
    if (!m_begun && postgresConnectionLost(m_db)) {
        markConnectionBroken(m_db.connectionName());
        m_db = db.connection(&m_begun);
        if (m_begun)
            m_begun = control(m_db, begin);
    }
    m_open = m_begun.ok();
    if (!m_open && m_lock)
        m_lock->mutex.unlock();
    if (m_open)
        s_activeTransactions.insert(m_db.connectionName(), this);
}

Transaction::~Transaction()
{
    rollbackNow();
}

void Transaction::rollbackNow()
{
    if (!m_open)
        return;
    m_open = false;
    s_activeTransactions.remove(m_db.connectionName());
    (void)control(m_db, QStringLiteral("ROLLBACK"));
    if (m_lock)
        m_lock->mutex.unlock();
}

Status Transaction::commit()
{
    if (!m_open)
        return m_begun.ok() ? makeError("storage_error", QStringLiteral("transaction already finished")) : m_begun;
    Status s = control(m_db, QStringLiteral("COMMIT"));
    if (!s) {
        rollbackNow();
        return s;
    }
    m_open = false;
    s_activeTransactions.remove(m_db.connectionName());
    if (m_lock)
        m_lock->mutex.unlock();
    return {};
}

Sql::Sql(QSqlDatabase db, const QString &statement)
    : m_statement(statement)
    , m_connectionName(db.connectionName())
{
    if (!db.isOpen()) {
        m_own = std::make_unique<QSqlQuery>(db);
        m_query = m_own.get();
        m_prepareError = makeError("storage_error", QStringLiteral("prepare: the database connection is not open"));
        return;
    }
    m_sqlite = sqliteHandle(db);
    auto &cache = threadState().statements[m_connectionName];
    CachedStatement *&cached = cache[statement];
    if (!cached) {
        auto fresh = std::make_unique<CachedStatement>();
        fresh->statement = statement;
        if (!m_sqlite)
            fresh->query = QSqlQuery(db);
        const bool prepared = m_sqlite
            ? sqlite3_prepare_v3(m_sqlite, statement.toUtf8().constData(), -1, SQLITE_PREPARE_PERSISTENT, &fresh->stmt, nullptr) == SQLITE_OK
            : fresh->query.prepare(statement);
        if (!prepared) {
            m_prepareError = m_sqlite ? classifySqlite(m_sqlite, QStringLiteral("prepare"))
                                      : classify(fresh->query.lastError(), QStringLiteral("prepare"));
            cache.remove(statement);
            if (!m_sqlite) {
                m_own = std::make_unique<QSqlQuery>(db);
                m_query = m_own.get();
            }
            return;
        }
        cached = fresh.release();
    }
    if (!cached->inUse) {
        cached->inUse = true;
        m_cached = cached;
        m_query = &cached->query;
        m_stmt = cached->stmt;
        m_prepared = true;
        return;
    }
    // In use higher up the stack: a statement of its own.
    if (m_sqlite) {
        m_prepared = sqlite3_prepare_v2(m_sqlite, statement.toUtf8().constData(), -1, &m_stmt, nullptr) == SQLITE_OK;
        m_ownStmt = true;
        if (!m_prepared)
            m_prepareError = classifySqlite(m_sqlite, QStringLiteral("prepare"));
        return;
    }
    m_own = std::make_unique<QSqlQuery>(db);
    m_query = m_own.get();
    m_prepared = m_query->prepare(statement);
    if (!m_prepared)
        m_prepareError = classify(m_query->lastError(), QStringLiteral("prepare"));
}

Sql::~Sql()
{
    if (m_ownStmt)
        sqlite3_finalize(m_stmt);
    if (m_cached) {
        finish(); // reset: a live statement would block COMMIT
        m_cached->inUse = false;
        if (m_cached->stale)
            delete m_cached;
    }
    m_own.reset();
    if (m_reconnect)
        markConnectionBroken(m_connectionName);
}

Sql &Sql::bind(const QVariant &value)
{
    if (!m_sqlite) {
        m_query->addBindValue(value);
        return *this;
    }
    if (!m_prepared)
        return *this;
    const int i = ++m_bound;
    if (value.isNull()) {
        sqlite3_bind_null(m_stmt, i);
        return *this;
    }
    switch (value.typeId()) {
    case QMetaType::Bool:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::Long:
    case QMetaType::ULong:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Short:
    case QMetaType::UShort:
        sqlite3_bind_int64(m_stmt, i, value.toLongLong());
        break;
    case QMetaType::Double:
    case QMetaType::Float:
        sqlite3_bind_double(m_stmt, i, value.toDouble());
        break;
    case QMetaType::QByteArray: {
        const QByteArray bytes = value.toByteArray();
        sqlite3_bind_blob64(m_stmt, i, bytes.constData(), sqlite3_uint64(bytes.size()), SQLITE_TRANSIENT);
        break;
    }
    default: {
        const QByteArray text = value.toString().toUtf8();
        sqlite3_bind_text64(m_stmt, i, text.constData(), sqlite3_uint64(text.size()), SQLITE_TRANSIENT, SQLITE_UTF8);
        break;
    }
    }
    return *this;
}

Status Sql::failed(const Error &error)
{
    // A failed statement ends its transaction at once: PostgreSQL has
    // aborted it anyway, and statements released later (QPSQL deallocates
    // on destruction) must not run inside an aborted transaction.
    if (Transaction *tx = s_activeTransactions.value(m_connectionName))
        tx->rollbackNow();
    qCDebug(lcStorage).noquote() << "statement failed:" << m_statement.simplified() << "--" << error.message;
    return error;
}

Status Sql::exec()
{
    if (!m_prepared)
        return m_prepareError;
    if (m_sqlite) {
        if (m_bound != sqlite3_bind_parameter_count(m_stmt))
            return failed(makeError("storage_error", QStringLiteral("query failed: %1 values bound for %2 parameters")
                                                         .arg(m_bound).arg(sqlite3_bind_parameter_count(m_stmt))));
        const int rc = sqlite3_step(m_stmt);
        if (rc == SQLITE_ROW) {
            m_row = Row::Pending;
            return {};
        }
        if (rc == SQLITE_DONE) {
            sqlite3_reset(m_stmt); // as Qt does: no longer active
            m_row = Row::Done;
            return {};
        }
        const Error error = classifySqlite(m_sqlite, QStringLiteral("query failed"));
        sqlite3_reset(m_stmt);
        m_row = Row::Done;
        return failed(error);
    }
    if (!m_query->exec()) {
        const QSqlError e = m_query->lastError();
        // A lost PostgreSQL connection still looks open to Qt: if even a
        // trivial query fails now, reconnect on the next use.
        const Error error = classify(e, QStringLiteral("query failed"));
        Status s = failed(error);
        m_reconnect = postgresConnectionLost(QSqlDatabase::database(m_connectionName, false));
        return s;
    }
    return {};
}

bool Sql::next()
{
    if (!m_sqlite)
        return m_query->next();
    switch (m_row) {
    case Row::Pending:
        m_row = Row::On;
        return true;
    case Row::On:
        if (sqlite3_step(m_stmt) == SQLITE_ROW)
            return true;
        sqlite3_reset(m_stmt);
        m_row = Row::Done;
        return false;
    default:
        return false;
    }
}

QVariant Sql::value(int i) const
{
    if (!m_sqlite)
        return m_query->value(i);
    if (m_row != Row::On)
        return {};
    switch (sqlite3_column_type(m_stmt, i)) {
    case SQLITE_INTEGER:
        return qint64(sqlite3_column_int64(m_stmt, i));
    case SQLITE_FLOAT:
        return sqlite3_column_double(m_stmt, i);
    case SQLITE_BLOB:
        return QByteArray(static_cast<const char *>(sqlite3_column_blob(m_stmt, i)), sqlite3_column_bytes(m_stmt, i));
    case SQLITE_NULL:
        return {};
    default:
        return text(i);
    }
}

qint64 Sql::int64(int i) const
{
    if (!m_sqlite)
        return m_query->value(i).toLongLong();
    return m_row == Row::On ? sqlite3_column_int64(m_stmt, i) : 0;
}

QString Sql::text(int i) const
{
    if (!m_sqlite)
        return m_query->value(i).toString();
    if (m_row != Row::On)
        return {};
    const auto *utf8 = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, i));
    return utf8 ? QString::fromUtf8(utf8, sqlite3_column_bytes(m_stmt, i)) : QString();
}

bool Sql::isNull(int i) const
{
    if (!m_sqlite)
        return m_query->isNull(i);
    return m_row != Row::On || sqlite3_column_type(m_stmt, i) == SQLITE_NULL;
}

int Sql::rowsAffected() const
{
    return m_sqlite ? sqlite3_changes(m_sqlite) : m_query->numRowsAffected();
}

void Sql::finish()
{
    if (!m_sqlite) {
        m_query->finish();
        return;
    }
    if (m_stmt)
        sqlite3_reset(m_stmt);
    m_row = Row::None;
}

Status Sql::run(QSqlDatabase db, const QString &statement)
{
    if (sqlite3 *handle = db.isOpen() ? sqliteHandle(db) : nullptr) {
        if (sqlite3_exec(handle, statement.toUtf8().constData(), nullptr, nullptr, nullptr) != SQLITE_OK)
            return classifySqlite(handle, QStringLiteral("query failed"));
        return {};
    }
    QSqlQuery q(db);
    if (!q.exec(statement))
        return classify(q.lastError(), QStringLiteral("query failed"));
    return {};
}

QVariant nullIfEmpty(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s);
}

QVariant nullInt()
{
    return QVariant(QMetaType(QMetaType::LongLong));
}

Result<qint64> deleteOlderThan(Database &db, const QString &table, const QString &timeColumn, qint64 cutoffMs,
                               const QString &condition, int maxChunks)
{
    qint64 below = 0;
    {
        // The first row young enough to stay (reading only the old ones
        // before it), else the newest row.
        Sql first(db.connection(), QStringLiteral("SELECT COALESCE((SELECT id FROM %1 WHERE %2 >= ? ORDER BY id LIMIT 1), "
                                                  "(SELECT MAX(id) FROM %1), 0)")
                                       .arg(table, timeColumn));
        first.bind(cutoffMs);
        if (auto s = first.exec(); !s)
            return s.error();
        if (first.next())
            below = first.int64(0);
    }
    const QString sql = QStringLiteral("DELETE FROM %1 WHERE id IN (SELECT id FROM %1 WHERE id < ?%2 ORDER BY id LIMIT ?)")
                            .arg(table, condition.isEmpty() ? QString() : QStringLiteral(" AND ") + condition);
    qint64 deleted = 0;
    for (int chunk = 0; chunk < maxChunks; ++chunk) {
        Transaction tx(db, Transaction::Priority::Background);
        if (!tx.begun())
            return tx.begun().error();
        Sql q(tx.connection(), sql);
        q.bind(below).bind(kDeleteChunk);
        if (auto s = q.exec(); !s)
            return s.error();
        const int n = q.rowsAffected();
        if (auto s = tx.commit(); !s)
            return s.error();
        deleted += n;
        if (n < kDeleteChunk)
            break;
    }
    return deleted;
}

} // namespace puente
