#include "crypto/passwordhash.h"
#include "crypto/crypto.h"
#include "secrets/sealedcolumns.h"
#include "storage/groupcommit.h"
#include "storage/sql.h"
#include "storage/migrations.h"
#include "storage/tenantrepository.h"
#include "storage/userrepository.h"
#include "storage/whatsappconfigrepository.h"
#include "testsupport.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

#include <atomic>
#include <thread>

using namespace puente;
using namespace puente::test;

// Runs against SQLite and PostgreSQL (see tests/CMakeLists.txt).
class TestStorage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void migratesFreshDatabaseAndIsIdempotent();
    void refusesNewerSchema();
    void twoSpellingsOfOneNumberAreMergedOnUpgrade();
    void previousReleaseConfigurationMigrates();
    void concurrentMigrators();
    void transactionRollsBackUnlessCommitted();
    void connectionPerThread();
    void sqlitePragmas();
    void valuesRoundTrip();
    void walIsCheckpointedOffTheCommittingThread();
    void threadConnectionsCloseCleanly();
    void concurrentWriters();
    void groupCommitSharesTransactionsAndIsolatesJobs();
    void transactionSeesAWaitingWriter();
    void unreachablePostgres();
    void reconnectsAfterLostConnection();
    void tenants();
    void users();
    void whatsAppConfigSealedAtRest();
    void whatsAppConfigRoutingAndIsolation();
    void seedSchemaConstraints();

private:
    Database &db() { return *m_db; }
    std::unique_ptr<TestDatabase> m_test;
    std::unique_ptr<Database> m_db;
};

void TestStorage::initTestCase()
{
    QVERIFY(checkBackendAvailable());
    qInfo("backend: %s", qPrintable(backendName()));
}

void TestStorage::init()
{
    auto opened = TestDatabase::createOpened(false);
    PUENTE_VERIFY_OK(opened);
    std::tie(m_test, m_db) = std::move(opened).value();
}

void TestStorage::cleanup()
{
    m_db.reset();
    m_test.reset();
}


static qint64 count(Database &db, const QString &sql)
{
    Sql q(db.connection(), sql);
    if (!q.exec() || !q.next())
        return -1;
    return q.int64(0);
}

void TestStorage::migratesFreshDatabaseAndIsIdempotent()
{
    auto before = migrations::currentVersion(db());
    PUENTE_VERIFY_OK(before);
    QCOMPARE(before.value(), 0);
    auto applied = migrations::migrate(db());
    PUENTE_VERIFY_OK(applied);
    QCOMPARE(applied.value(), migrations::latestVersion());
    QCOMPARE(migrations::currentVersion(db()).value(), migrations::latestVersion());

    for (const char *table : {"tenants", "users", "sessions", "api_keys", "audit_log", "whatsapp_config",
                              "whatsapp_conversations", "whatsapp_messages", "system_settings"})
        QVERIFY2(count(db(), QStringLiteral("SELECT COUNT(*) FROM ") + QString::fromLatin1(table)) == 0, table);

    auto again = migrations::migrate(db());
    PUENTE_VERIFY_OK(again);
    QCOMPARE(again.value(), 0);
    QCOMPARE(count(db(), QStringLiteral("SELECT COUNT(*) FROM schema_migrations")), qint64(migrations::latestVersion()));
}

// Issue 25: a database of the previous release (schema 14) keeps its
// WhatsApp configuration through migration 15 (the token watch's columns):
// the sealed token opens, nothing is inspected yet, and the new fields
// can be written.
void TestStorage::previousReleaseConfigurationMigrates()
{
    PUENTE_VERIFY_OK(migrations::migrate(db(), 14));
    QCOMPARE(migrations::currentVersion(db()).value(), 14);
    auto ring = crypto::Keyring::create({crypto::randomBytes(32)});
    PUENTE_VERIFY_OK(ring);
    Sql tenant(db().connection(), QStringLiteral("INSERT INTO tenants (slug, name, status, created_at, updated_at) "
                                                 "VALUES ('acme', 'Acme', 'active', 0, 0) RETURNING id"));
    PUENTE_VERIFY_OK(tenant.exec());
    QVERIFY(tenant.next());
    const TenantId acme(tenant.int64(0));
    tenant.finish();
    // The row as release 14's repository wrote it.
    const QString token = QStringLiteral("EAABsbCS1iHgBAKZCZB3Xw0ZDsecret");
    Sql config(db().connection(),
               QStringLiteral("INSERT INTO whatsapp_config (tenant_id, api_type, business_api_token, phone_number_id, business_account_id, "
                              "webhook_verify_token, connection_status, created_at, updated_at, throughput_per_second, display_phone_number, "
                              "checked_at) VALUES (?, 'business_api', ?, '106540352242922', '102290129340398', 'verify-me-please', 'connected', "
                              "1, 2, 80, '+34 612 34 56 78', 3)"));
    config.bind(acme.value).bind(ring.value()->seal(token.toUtf8(), secrets::sealingContext(QStringLiteral("whatsapp_config"),
                                                                                          QString::number(acme.value),
                                                                                          QStringLiteral("business_api_token"))));
    PUENTE_VERIFY_OK(config.exec());

    auto applied = migrations::migrate(db());
    PUENTE_VERIFY_OK(applied);
    QCOMPARE(applied.value(), migrations::latestVersion() - 14);
    WhatsAppConfigRepository repo(db(), ring.value());
    auto found = repo.find(acme, ApiType::BusinessApi);
    PUENTE_VERIFY_OK(found);
    QVERIFY(found->has_value());
    const WhatsAppConfig c = **found;
    QCOMPARE(c.businessApiToken, token);
    QCOMPARE(c.connectionStatus, QStringLiteral("connected"));
    QCOMPARE(c.displayPhoneNumber, QStringLiteral("+34 612 34 56 78"));
    QCOMPARE(c.checkedAt, 3);
    QVERIFY(c.appId.isEmpty());
    QCOMPARE(c.token.checkedAt, 0);  // never inspected: the watch's first round does it
    QCOMPARE(c.token.expiresAt, -1); // not known
    TokenState state;
    state.type = QStringLiteral("SYSTEM_USER");
    state.expiresAt = 0;
    state.checkedAt = 10;
    auto recorded = repo.recordTokenInspection(acme, token, state);
    PUENTE_VERIFY_OK(recorded);
    QVERIFY(recorded.value());
    QCOMPARE(repo.find(acme, ApiType::BusinessApi).value()->token.type, QStringLiteral("SYSTEM_USER"));
    QCOMPARE(repo.tokenCheckTimes().value().size(), 1);
}

// Migration 13 (issue 23, bug 3): a database from before it holds a
// Mexican candidate twice (521… from WhatsApp, 52… typed by a recruiter) and
// an Argentine one twice (549…, 54…); after it, one conversation each, with
// every message, notification and campaign row, the activity, unread counts
// added up, the wa_id WhatsApp writes from, and the opt-out.
void TestStorage::twoSpellingsOfOneNumberAreMergedOnUpgrade()
{
    PUENTE_VERIFY_OK(migrations::migrate(db(), 12));
    QCOMPARE(migrations::currentVersion(db()).value(), 12);
    auto run = [&](const QString &sql, const QVariantList &binds = {}) {
        Sql q(db().connection(), sql);
        for (const QVariant &b : binds)
            q.bind(b);
        const bool ok = bool(q.exec());
        qint64 id = 0;
        if (ok && q.next())
            id = q.int64(0);
        return ok ? id : qint64(-1);
    };
    const qint64 tenant = run(QStringLiteral("INSERT INTO tenants (slug, name, status, created_at, updated_at) VALUES ('acme', 'Acme', 'active', 0, 0) RETURNING id"));
    QVERIFY(tenant > 0);
    // id, wa_id, name, unread, last_message_at, last_inbound_at, opted_out_at, status
    struct Row { QString waId; QVariant name; int unread; qint64 lastMessage; QVariant lastInbound; QVariant optedOut; QString status; };
    const QList<Row> seeded = {
        {QStringLiteral("528154254667"), QStringLiteral("Juan"), 0, 100, QVariant(), 50, QStringLiteral("active")},       // typed by a recruiter, opted out
        {QStringLiteral("5218154254667"), QVariant(), 2, 300, 300, QVariant(), QStringLiteral("active")},                   // written from WhatsApp
        {QStringLiteral("541123456789"), QVariant(), 0, 200, QVariant(), QVariant(), QStringLiteral("archived")},           // typed
        {QStringLiteral("5491123456789"), QStringLiteral("Sofía"), 1, 150, 150, QVariant(), QStringLiteral("blocked")},    // from WhatsApp
        {QStringLiteral("34612345678"), QStringLiteral("Ana"), 4, 400, 400, QVariant(), QStringLiteral("active")},          // nobody else
    };
    QList<qint64> ids;
    for (const Row &r : seeded) {
        const qint64 id = run(QStringLiteral("INSERT INTO whatsapp_conversations (tenant_id, conversation_id, contact_wa_id, contact_phone, contact_name, "
                                             "status, unread_count, last_message_at, last_inbound_at, last_message_preview, opted_out_at, created_at, updated_at) "
                                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0) RETURNING id"),
                              {tenant, r.waId, r.waId, QStringLiteral("+") + r.waId, r.name, r.status, r.unread, r.lastMessage,
                               r.lastInbound.isValid() ? r.lastInbound : QVariant(QMetaType(QMetaType::LongLong)), QStringLiteral("at %1").arg(r.lastMessage),
                               r.optedOut.isValid() ? r.optedOut : QVariant(QMetaType(QMetaType::LongLong))});
        QVERIFY(id > 0);
        ids.append(id);
        QVERIFY(run(QStringLiteral("INSERT INTO whatsapp_messages (tenant_id, conversation_id, direction, type, content, status, timestamp, created_at, updated_at) "
                                   "VALUES (?, ?, 'inbound', 'text', ?, 'received', ?, 0, 0) RETURNING id"),
                    {tenant, id, r.waId, r.lastMessage}) > 0);
    }
    QVERIFY(run(QStringLiteral("INSERT INTO notifications (tenant_id, event, phone, data, status, due_at, conversation_id, created_at, updated_at) "
                               "VALUES (?, 'entrevista', '+528154254667', '{}', 'sent', 0, ?, 0, 0) RETURNING id"), {tenant, ids[1]}) > 0);

    PUENTE_VERIFY_OK(migrations::migrate(db()));
    QCOMPARE(migrations::currentVersion(db()).value(), migrations::latestVersion());
    QCOMPARE(count(db(), QStringLiteral("SELECT COUNT(*) FROM whatsapp_conversations")), qint64(3));
    QCOMPARE(count(db(), QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages")), qint64(5));
    auto text = [&](const QString &sql, qint64 id) {
        Sql q(db().connection(), sql);
        q.bind(id);
        return q.exec() && q.next() ? q.value(0).toString() : QStringLiteral("<none>");
    };
    const QString columns = QStringLiteral("SELECT contact_key || '|' || contact_wa_id || '|' || contact_phone || '|' || COALESCE(contact_name, '') || '|' || "
                                           "status || '|' || unread_count || '|' || last_message_at || '|' || COALESCE(last_inbound_at, 0) || '|' || "
                                           "COALESCE(opted_out_at, 0) || '|' || last_message_preview FROM whatsapp_conversations WHERE id = ?");
    // Mexico: the older row stays, with the WhatsApp wa_id, the name, the
    // latest activity and preview, 0 + 2 unread, the opt-out.
    QCOMPARE(text(columns, ids[0]), QStringLiteral("528154254667|5218154254667|+5218154254667|Juan|active|2|300|300|50|at 300"));
    QCOMPARE(count(db(), QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE conversation_id = %1").arg(ids[0])), qint64(2));
    QCOMPARE(count(db(), QStringLiteral("SELECT conversation_id FROM notifications")), ids[0]);
    // Argentina: blocked wins over archived; the name from the other row.
    QCOMPARE(text(columns, ids[2]), QStringLiteral("5491123456789|5491123456789|+5491123456789|Sofía|blocked|1|200|150|0|at 200"));
    QCOMPARE(count(db(), QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE conversation_id = %1").arg(ids[2])), qint64(2));
    // Nobody else is touched.
    QCOMPARE(text(columns, ids[4]), QStringLiteral("34612345678|34612345678|+34612345678|Ana|active|4|400|400|0|at 400"));
}

void TestStorage::refusesNewerSchema()
{
    PUENTE_VERIFY_OK(migrations::migrate(db()));
    const int future = migrations::latestVersion() + 5;
    Sql q(db().connection(), QStringLiteral("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'from the future', 0)"));
    q.bind(future);
    PUENTE_VERIFY_OK(q.exec());
    auto result = migrations::migrate(db());
    PUENTE_VERIFY_ERROR(result, "schema_too_new");
    QVERIFY2(result.error().message.contains(QString::number(future)), qPrintable(result.error().message));
    QCOMPARE(migrations::currentVersion(db()).value(), future);
    QCOMPARE(count(db(), QStringLiteral("SELECT COUNT(*) FROM schema_migrations")), qint64(migrations::latestVersion() + 1));
}

void TestStorage::concurrentMigrators()
{
    // Several nodes start at once against one empty database.
    constexpr int kNodes = 4;
    std::atomic<int> failures{0};
    std::atomic<int> appliedTotal{0};
    QStringList errors;
    QMutex errorsLock;
    std::vector<std::thread> nodes;
    const QString url = m_test->url();
    for (int i = 0; i < kNodes; ++i) {
        nodes.emplace_back([&, url] {
            auto node = Database::open(url);
            Result<int> r = node ? migrations::migrate(*node.value()) : Result<int>(node.error());
            if (!r) {
                ++failures;
                QMutexLocker l(&errorsLock);
                errors.append(r.error().message);
            } else {
                appliedTotal += r.value();
            }
        });
    }
    for (auto &t : nodes)
        t.join();
    QVERIFY2(failures == 0, qPrintable(errors.join(QLatin1Char('\n'))));
    QCOMPARE(appliedTotal.load(), migrations::latestVersion()); // each step applied exactly once
    QCOMPARE(count(db(), QStringLiteral("SELECT COUNT(*) FROM schema_migrations")), qint64(migrations::latestVersion()));
}

void TestStorage::transactionRollsBackUnlessCommitted()
{
    PUENTE_VERIFY_OK(migrations::migrate(db()));
    {
        Transaction tx(db());
        PUENTE_VERIFY_OK(tx.begun());
        Sql q(tx.connection(), QStringLiteral("INSERT INTO tenants (slug, name, plan, status, created_at, updated_at) "
                                              "VALUES ('gone', 'Gone', 'basic', 'active', 0, 0)"));
        PUENTE_VERIFY_OK(q.exec());
    } // no commit
    QCOMPARE(count(db(), QStringLiteral("SELECT COUNT(*) FROM tenants")), qint64(0));
    {
        Transaction tx(db());
        PUENTE_VERIFY_OK(tx.begun());
        Sql q(tx.connection(), QStringLiteral("INSERT INTO tenants (slug, name, plan, status, created_at, updated_at) "
                                              "VALUES ('kept', 'Kept', 'basic', 'active', 0, 0)"));
        PUENTE_VERIFY_OK(q.exec());
        PUENTE_VERIFY_OK(tx.commit());
    }
    QCOMPARE(count(db(), QStringLiteral("SELECT COUNT(*) FROM tenants")), qint64(1));
}

void TestStorage::connectionPerThread()
{
    PUENTE_VERIFY_OK(migrations::migrate(db()));
    const QString mainName = db().connection().connectionName();
    QString workerName;
    qint64 workerCount = -1;
    QThread *worker = QThread::create([&] {
        workerName = db().connection().connectionName();
        workerCount = count(db(), QStringLiteral("SELECT COUNT(*) FROM tenants"));
    });
    worker->start();
    QVERIFY(worker->wait(30000));
    delete worker;
    QCOMPARE(workerCount, qint64(0));
    QVERIFY(!workerName.isEmpty());
    QVERIFY(workerName != mainName);
    // The worker's connection goes away with its thread (thread-local
    // destructors run just after QThread reports it finished).
    QTRY_VERIFY_WITH_TIMEOUT(!QSqlDatabase::connectionNames().contains(workerName), 5000);
    QVERIFY(QSqlDatabase::connectionNames().contains(mainName));
}

void TestStorage::sqlitePragmas()
{
    if (backend() != Backend::Sqlite) {
        // PostgreSQL has no pragmas; its run checks the session it opened instead.
        Sql q(db().connection(), QStringLiteral("SELECT current_setting('application_name')"));
        PUENTE_VERIFY_OK(q.exec());
        QVERIFY(q.next());
        QCOMPARE(q.text(0), QStringLiteral("puente"));
        return;
    }
    Sql mode(db().connection(), QStringLiteral("PRAGMA journal_mode"));
    PUENTE_VERIFY_OK(mode.exec());
    QVERIFY(mode.next());
    QCOMPARE(mode.text(0), QStringLiteral("wal"));
    Sql fk(db().connection(), QStringLiteral("PRAGMA foreign_keys"));
    PUENTE_VERIFY_OK(fk.exec());
    QVERIFY(fk.next());
    QCOMPARE(fk.int64(0), qint64(1));
    // Neither file is memory-mapped: both change too often (each change
    // unmaps the whole map of every other connection).
    auto mmapSize = [](Database &d) {
        Sql q(d.connection(), QStringLiteral("PRAGMA mmap_size"));
        return q.exec() && q.next() ? q.int64(0) : -1;
    };
    QCOMPARE(mmapSize(db()), qint64(0));
    QCOMPARE(mmapSize(db().inbox()), qint64(0));
}

void TestStorage::valuesRoundTrip()
{
    // What Sql binds comes back the same, on SQLite through SQLite's own API.
    PUENTE_VERIFY_OK(Sql::run(db().connection(), QStringLiteral("CREATE TABLE round_trip (i BIGINT, d DOUBLE PRECISION, t TEXT, b %1, n TEXT)")
                                                     .arg(backend() == Backend::Sqlite ? QStringLiteral("BLOB") : QStringLiteral("BYTEA"))));
    const QString text = QStringLiteral("¿Sigue abierta la vacante? 👍 \"comillas\" y 'apóstrofos'");
    const QByteArray blob("\x00\x01\xff binary\x00", 12);
    {
        Sql insert(db().connection(), QStringLiteral("INSERT INTO round_trip (i, d, t, b, n) VALUES (?, ?, ?, ?, ?)"));
        insert.bind(qint64(9007199254740993)).bind(2.5).bind(text).bind(blob).bind(nullIfEmpty(QString()));
        PUENTE_VERIFY_OK(insert.exec());
        QCOMPARE(insert.rowsAffected(), 1);
    }
    Sql q(db().connection(), QStringLiteral("SELECT i, d, t, b, n FROM round_trip WHERE i = ? AND t = ?"));
    q.bind(qint64(9007199254740993)).bind(text);
    PUENTE_VERIFY_OK(q.exec());
    QVERIFY(q.next());
    QCOMPARE(q.int64(0), qint64(9007199254740993));
    QCOMPARE(q.value(1).toDouble(), 2.5);
    QCOMPARE(q.text(2), text);
    QCOMPARE(q.value(3).toByteArray(), blob);
    QVERIFY(q.isNull(4));
    QVERIFY(!q.isNull(0));
    QVERIFY(!q.next());
    q.finish();
    // Too few values bound is an error, not a stale value from the last use.
    Sql few(db().connection(), QStringLiteral("SELECT i FROM round_trip WHERE i = ? AND t = ?"));
    few.bind(qint64(1));
    PUENTE_VERIFY_ERROR(few.exec(), "storage_error");
    // Constraint failures keep their classes.
    PUENTE_VERIFY_OK(Sql::run(db().connection(), QStringLiteral("CREATE UNIQUE INDEX round_trip_i ON round_trip (i)")));
    Sql again(db().connection(), QStringLiteral("INSERT INTO round_trip (i) VALUES (?)"));
    again.bind(qint64(9007199254740993));
    PUENTE_VERIFY_ERROR(again.exec(), "unique_violation");
    // A statement in use higher up the stack: the same text again gets its own.
    Sql outer(db().connection(), QStringLiteral("SELECT t FROM round_trip"));
    PUENTE_VERIFY_OK(outer.exec());
    QVERIFY(outer.next());
    Sql inner(db().connection(), QStringLiteral("SELECT t FROM round_trip"));
    PUENTE_VERIFY_OK(inner.exec());
    QVERIFY(inner.next());
    QCOMPARE(inner.text(0), outer.text(0));
}

void TestStorage::walIsCheckpointedOffTheCommittingThread()
{
    if (backend() != Backend::Sqlite)
        return; // SQLite's write-ahead log only
    // SQLite's automatic checkpoint would copy the WAL back into the file
    // inside the COMMIT that crosses 1,000 pages. Here commits only write
    // the WAL; past 8,000 pages the checkpoint thread copies it back.
    PUENTE_VERIFY_OK(Sql::run(db().connection(), QStringLiteral("CREATE TABLE filler (b BLOB)")));
    const QString path = db().url().path;
    auto fill = [&](int pages) {
        const QByteArray page(3900, 'x');
        for (int done = 0; done < pages; done += 500) {
            Transaction tx(db());
            PUENTE_VERIFY_OK(tx.begun());
            for (int i = 0; i < 500; ++i) {
                Sql q(tx.connection(), QStringLiteral("INSERT INTO filler (b) VALUES (?)"));
                q.bind(page);
                PUENTE_VERIFY_OK(q.exec());
            }
            PUENTE_VERIFY_OK(tx.commit());
        }
    };
    fill(6000);
    QVERIFY2(QFileInfo(path).size() < 4 * 1024 * 1024, qPrintable(QString::number(QFileInfo(path).size())));
    fill(3000);
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(path).size() > 32 * 1024 * 1024, 20000);
}

void TestStorage::threadConnectionsCloseCleanly()
{
    if (backend() != Backend::Sqlite)
        return; // the WAL file tells whether every SQLite connection closed
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("threads.db"));
    auto opened = Database::open(QStringLiteral("sqlite://") + path);
    PUENTE_VERIFY_OK(opened);
    std::unique_ptr<Database> d = std::move(opened).value();
    PUENTE_VERIFY_OK(Sql::run(d->connection(), QStringLiteral("CREATE TABLE t (x INTEGER)")));
    std::thread worker([&] {
        // A cached statement, still prepared when the thread ends.
        Sql q(d->connection(), QStringLiteral("SELECT COUNT(*) FROM t"));
        if (q.exec())
            q.next();
    });
    worker.join();
    {
        Sql q(d->connection(), QStringLiteral("SELECT COUNT(*) FROM t"));
        PUENTE_VERIFY_OK(q.exec());
    }
    QVERIFY(QFile::exists(path + QStringLiteral("-wal")));
    d.reset();
    // The last connection to close removes the WAL: none was left open
    // with a statement SQLite would not let it close with.
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
}

void TestStorage::transactionSeesAWaitingWriter()
{
    PUENTE_VERIFY_OK(migrations::migrate(db()));
    Transaction tx(db());
    PUENTE_VERIFY_OK(tx.begun());
    QVERIFY(!tx.othersWaiting());
    if (db().dialect() != Dialect::Sqlite)
        return; // PostgreSQL writers do not queue for one lock
    std::atomic<bool> wrote{false};
    std::thread other([&] {
        Transaction second(db());
        wrote = second.begun().ok() && second.commit().ok();
    });
    // Background work (the inbound processor) commits early on this.
    QTRY_VERIFY(tx.othersWaiting());
    QVERIFY(!wrote.load());
    PUENTE_VERIFY_OK(tx.commit());
    other.join();
    QVERIFY(wrote.load());
    Transaction again(db());
    QVERIFY(!again.othersWaiting());
}

void TestStorage::concurrentWriters()
{
    PUENTE_VERIFY_OK(migrations::migrate(db()));
    constexpr int kThreads = 3;
    constexpr int kPerThread = 30;
    std::atomic<int> failures{0};
    QString firstError;
    QMutex lock;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            TenantRepository repo(db());
            for (int i = 0; i < kPerThread; ++i) {
                auto r = repo.create(QStringLiteral("t%1-%2").arg(t).arg(i), QStringLiteral("Tenant"), Plan::Basic);
                if (!r) {
                    ++failures;
                    QMutexLocker l(&lock);
                    if (firstError.isEmpty())
                        firstError = r.error().message;
                }
            }
        });
    }
    for (auto &t : threads)
        t.join();
    QVERIFY2(failures == 0, qPrintable(firstError));
    QCOMPARE(count(db(), QStringLiteral("SELECT COUNT(*) FROM tenants")), qint64(kThreads * kPerThread));
    QCOMPARE(count(db(), QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'tenant.created'")),
             qint64(kThreads * kPerThread));
}

void TestStorage::groupCommitSharesTransactionsAndIsolatesJobs()
{
    PUENTE_VERIFY_OK(migrations::migrate(db()));
    auto tenant = TenantRepository(db()).create(QStringLiteral("gc"), QStringLiteral("Group commit"), Plan::Basic);
    PUENTE_VERIFY_OK(tenant);
    const TenantId t = tenant->id;
    PUENTE_VERIFY_OK(Sql::run(db().connection(), QStringLiteral("CREATE TABLE gc_rows (id BIGINT PRIMARY KEY, worker INTEGER NOT NULL)")));
    PUENTE_VERIFY_OK(Sql::run(db().connection(), QStringLiteral("INSERT INTO gc_rows (id, worker) VALUES (-1, -1)")));
    EventBus bus;
    QMutex seenLock;
    QList<Event> seen;
    connect(&bus, &EventBus::published, &bus, [&](const QList<Event> &events) {
        QMutexLocker l(&seenLock);
        seen += events;
    }, Qt::DirectConnection);

    // Jobs from 8 threads at once: most write a row and an event; every
    // tenth refuses after writing (its row and event must vanish, alone);
    // two run a statement that fails (a duplicate key), which ends the
    // shared transaction: their batches run again job by job.
    constexpr int kThreads = 8, kJobs = 25;
    enum class Outcome { Stored, Refused, Broken };
    auto outcome = [](int worker, int i) {
        if (i % 10 == 3)
            return Outcome::Refused;
        if (worker < 2 && i == 7)
            return Outcome::Broken;
        return Outcome::Stored;
    };
    std::vector<std::vector<Status>> results(kThreads, std::vector<Status>(kJobs));
    std::vector<std::thread> threads;
    QSet<Qt::HANDLE> jobThreads; // under seenLock
    const quint64 transactionsBefore = db().groupCommit().transactions();
    for (int w = 0; w < kThreads; ++w) {
        threads.emplace_back([&, w] {
            for (int i = 0; i < kJobs; ++i) {
                const qint64 id = w * 1000 + i;
                results[std::size_t(w)][std::size_t(i)] = db().groupCommit().run([&](QSqlDatabase tx, EventBatch &events) -> Status {
                    {
                        QMutexLocker l(&seenLock);
                        jobThreads.insert(QThread::currentThreadId());
                    }
                    Sql insert(tx, QStringLiteral("INSERT INTO gc_rows (id, worker) VALUES (?, ?)"));
                    insert.bind(outcome(w, i) == Outcome::Broken ? -1 : id).bind(w);
                    if (auto st = insert.exec(); !st)
                        return st;
                    events.append(t, QStringLiteral("test.row"), {{QStringLiteral("id"), id}});
                    QThread::usleep(200); // others queue meanwhile
                    if (outcome(w, i) == Outcome::Refused)
                        return makeError("refused", QStringLiteral("refused after writing"));
                    return {};
                }, &bus);
            }
        });
    }
    for (auto &th : threads)
        th.join();

    QSet<qint64> stored;
    for (int w = 0; w < kThreads; ++w) {
        for (int i = 0; i < kJobs; ++i) {
            const Status &r = results[std::size_t(w)][std::size_t(i)];
            switch (outcome(w, i)) {
            case Outcome::Stored:
                QVERIFY2(r.ok(), qPrintable(r.error().message));
                stored.insert(w * 1000 + i);
                break;
            case Outcome::Refused:
                QCOMPARE(r.error().code, QStringLiteral("refused"));
                break;
            case Outcome::Broken:
                QCOMPARE(r.error().code, QStringLiteral("unique_violation"));
                break;
            }
        }
    }
    QCOMPARE(count(db(), QStringLiteral("SELECT COUNT(*) FROM gc_rows WHERE id >= 0")), qint64(stored.size()));
    Sql rows(db().connection(), QStringLiteral("SELECT id FROM gc_rows WHERE id >= 0"));
    PUENTE_VERIFY_OK(rows.exec());
    while (rows.next())
        QVERIFY(stored.contains(rows.int64(0)));
    // Every stored row's event, once, with no gaps in the seqs; none of the
    // refused or broken ones. On SQLite in seq order (one batch at a time);
    // PostgreSQL's committers publish side by side.
    QCOMPARE(seen.size(), stored.size());
    QSet<qint64> announced;
    QList<qint64> seqs;
    for (const Event &e : std::as_const(seen)) {
        announced.insert(e.data.value(QStringLiteral("id")).toInteger());
        seqs.append(e.seq);
    }
    if (backend() != Backend::Sqlite)
        std::sort(seqs.begin(), seqs.end());
    for (qsizetype i = 1; i < seqs.size(); ++i)
        QCOMPARE(seqs[i], seqs[i - 1] + 1);
    QCOMPARE(announced, stored);
    QCOMPARE(count(db(), QStringLiteral("SELECT COUNT(*) FROM events WHERE type = 'test.row'")), qint64(stored.size()));
    const quint64 transactions = db().groupCommit().transactions() - transactionsBefore;
    if (backend() == Backend::Sqlite) {
        QVERIFY2(transactions < quint64(kThreads * kJobs) / 2, qPrintable(QString::number(transactions))); // shared
        QCOMPARE(jobThreads.size(), 1); // the writer's, never a caller's
        QVERIFY(!jobThreads.contains(QThread::currentThreadId()));
    } else {
        QCOMPARE(transactions, quint64(kThreads * kJobs)); // side by side, one each
        QCOMPARE(jobThreads.size(), kThreads); // on their callers' threads
    }

    // Stopped (the Database closing), it still runs a job: alone, on its
    // caller's thread.
    db().groupCommit().stop();
    Qt::HANDLE ranOn = nullptr;
    PUENTE_VERIFY_OK(db().groupCommit().run([&](QSqlDatabase tx, EventBatch &) -> Status {
        ranOn = QThread::currentThreadId();
        return Sql::run(tx, QStringLiteral("INSERT INTO gc_rows (id, worker) VALUES (99999, 0)"));
    }, nullptr));
    QCOMPARE(ranOn, QThread::currentThreadId());
    QCOMPARE(count(db(), QStringLiteral("SELECT COUNT(*) FROM gc_rows WHERE id = 99999")), qint64(1));
}

void TestStorage::unreachablePostgres()
{
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    auto d = Database::open(QStringLiteral("postgres://puente:secret-pass@127.0.0.1:1/puente"));
    PUENTE_VERIFY_ERROR(d, "database_unavailable");
    QVERIFY2(d.error().message.contains(QLatin1String("127.0.0.1:1")), qPrintable(d.error().message));
    QVERIFY2(!d.error().message.contains(QLatin1String("secret-pass")), qPrintable(d.error().message));
}

void TestStorage::reconnectsAfterLostConnection()
{
    PUENTE_VERIFY_OK(migrations::migrate(db()));
    TenantRepository repo(db());
    PUENTE_VERIFY_OK(repo.create(QStringLiteral("before"), QStringLiteral("Before"), Plan::Basic));
    PUENTE_VERIFY_OK(repo.list()); // a cached statement on this connection
    if (backend() == Backend::Postgres) {
        // The server drops this connection (as a restart or a network cut would).
        auto admin = Database::open(qEnvironmentVariable("PUENTE_TEST_PG_URL"));
        PUENTE_VERIFY_OK(admin);
        Sql pid(db().connection(), QStringLiteral("SELECT pg_backend_pid()"));
        PUENTE_VERIFY_OK(pid.exec());
        QVERIFY(pid.next());
        const qint64 backendPid = pid.int64(0);
        pid.finish();
        Sql kill(admin.value()->connection(), QStringLiteral("SELECT pg_terminate_backend(?)"));
        kill.bind(backendPid);
        PUENTE_VERIFY_OK(kill.exec());
        QTest::qWait(200);
        // The first use after the loss may fail; the connection then comes back.
        (void)repo.list();
    }
    auto list = repo.list();
    PUENTE_VERIFY_OK(list);
    QCOMPARE(list->size(), 1);
    // A transaction on a freshly lost connection reconnects by itself.
    if (backend() == Backend::Postgres) {
        Sql pid(db().connection(), QStringLiteral("SELECT pg_backend_pid()"));
        PUENTE_VERIFY_OK(pid.exec());
        QVERIFY(pid.next());
        const qint64 backendPid = pid.int64(0);
        pid.finish();
        auto admin = Database::open(qEnvironmentVariable("PUENTE_TEST_PG_URL"));
        Sql kill(admin.value()->connection(), QStringLiteral("SELECT pg_terminate_backend(?)"));
        kill.bind(backendPid);
        PUENTE_VERIFY_OK(kill.exec());
        QTest::qWait(200);
    }
    PUENTE_VERIFY_OK(repo.create(QStringLiteral("after"), QStringLiteral("After"), Plan::Basic));
    QCOMPARE(repo.list()->size(), 2);
}

void TestStorage::tenants()
{
    PUENTE_VERIFY_OK(migrations::migrate(db()));
    TenantRepository repo(db());
    auto acme = repo.create(QStringLiteral("acme"), QStringLiteral("  Acme Reclutamiento  "), Plan::Pro);
    PUENTE_VERIFY_OK(acme);
    QVERIFY(acme->id.isValid());
    QCOMPARE(acme->name, QStringLiteral("Acme Reclutamiento"));
    QVERIFY(acme->plan == Plan::Pro);
    QVERIFY(acme->status == TenantStatus::Active);

    PUENTE_VERIFY_ERROR(repo.create(QStringLiteral("acme"), QStringLiteral("Other"), Plan::Basic), "slug_taken");
    PUENTE_VERIFY_ERROR(repo.create(QStringLiteral("Bad Slug"), QStringLiteral("X"), Plan::Basic), "invalid_slug");
    PUENTE_VERIFY_ERROR(repo.create(QStringLiteral("empty-name"), QStringLiteral("   "), Plan::Basic), "invalid_name");
    auto beta = repo.create(QStringLiteral("beta"), QStringLiteral("Beta"), Plan::Basic);
    PUENTE_VERIFY_OK(beta);

    auto list = repo.list();
    PUENTE_VERIFY_OK(list);
    QCOMPARE(list->size(), 2);
    QCOMPARE(list->at(0).slug, QStringLiteral("acme"));
    QCOMPARE(list->at(1).slug, QStringLiteral("beta"));

    auto bySlug = repo.findBySlug(QStringLiteral("beta"));
    PUENTE_VERIFY_OK(bySlug);
    QVERIFY(bySlug.value().has_value());
    QCOMPARE(bySlug.value()->id, beta->id);
    auto missing = repo.findBySlug(QStringLiteral("nobody"));
    PUENTE_VERIFY_OK(missing);
    QVERIFY(!missing.value().has_value());

    PUENTE_VERIFY_OK(repo.setStatus(acme->id, TenantStatus::Suspended, QStringLiteral("unpaid")));
    QVERIFY(repo.find(acme->id).value()->status == TenantStatus::Suspended);
    PUENTE_VERIFY_ERROR(repo.setStatus(TenantId(999999), TenantStatus::Active), "not_found");

    Sql audit(db().connection(), QStringLiteral("SELECT action, details FROM audit_log WHERE tenant_id = ? ORDER BY id"));
    audit.bind(acme->id.value);
    PUENTE_VERIFY_OK(audit.exec());
    QVERIFY(audit.next());
    QCOMPARE(audit.text(0), QStringLiteral("tenant.created"));
    QCOMPARE(QJsonDocument::fromJson(audit.text(1).toUtf8()).object().value(QStringLiteral("plan")).toString(),
             QStringLiteral("pro"));
    QVERIFY(audit.next());
    QCOMPARE(audit.text(0), QStringLiteral("tenant.suspended"));
}

void TestStorage::users()
{
    PUENTE_VERIFY_OK(migrations::migrate(db()));
    TenantRepository tenants(db());
    const TenantId acme = tenants.create(QStringLiteral("acme"), QStringLiteral("Acme"), Plan::Basic).value().id;
    const TenantId beta = tenants.create(QStringLiteral("beta"), QStringLiteral("Beta"), Plan::Basic).value().id;
    UserRepository users(db(), crypto::ScryptParams{10, 8, 1});
    const QString password = QStringLiteral("reclutar candidatos 2026");

    auto ana = users.create({acme, QStringLiteral("Ana@Acme.example"), QStringLiteral("Ana"), Role::TenantAdmin, password},
                            QStringLiteral("test"));
    PUENTE_VERIFY_OK(ana);
    QCOMPARE(ana->email, QStringLiteral("ana@acme.example"));
    QCOMPARE(ana->tenantId, acme);

    PUENTE_VERIFY_ERROR(users.create({acme, QStringLiteral("ana@acme.example"), QStringLiteral("Ana 2"), Role::Agent, password},
                                     QStringLiteral("test")),
                        "email_taken");
    // The same address may exist in another tenant.
    PUENTE_VERIFY_OK(users.create({beta, QStringLiteral("ana@acme.example"), QStringLiteral("Ana B"), Role::Agent, password},
                                  QStringLiteral("test")));
    PUENTE_VERIFY_ERROR(users.create({acme, QStringLiteral("bob@acme.example"), QStringLiteral("Bob"), Role::Agent,
                                      QStringLiteral("short")},
                                     QStringLiteral("test")),
                        "weak_password");
    PUENTE_VERIFY_ERROR(users.create({acme, QStringLiteral("root@acme.example"), QStringLiteral("Root"),
                                      Role::PlatformAdmin, password},
                                     QStringLiteral("test")),
                        "invalid_role");
    PUENTE_VERIFY_ERROR(users.create({TenantId(424242), QStringLiteral("x@y.example"), QStringLiteral("X"), Role::Agent, password},
                                     QStringLiteral("test")),
                        "not_found");

    auto admin = users.create({TenantId(), QStringLiteral("ops@puente.example"), QStringLiteral("Ops"), Role::PlatformAdmin, password},
                              QStringLiteral("test"));
    PUENTE_VERIFY_OK(admin);
    PUENTE_VERIFY_ERROR(users.create({TenantId(), QStringLiteral("OPS@puente.example"), QStringLiteral("Ops 2"),
                                      Role::PlatformAdmin, password},
                                     QStringLiteral("test")),
                        "email_taken");

    // Only a hash is stored, and it verifies.
    auto hash = users.passwordHash(ana->id);
    PUENTE_VERIFY_OK(hash);
    QVERIFY(!hash.value().contains(password));
    QVERIFY(crypto::verifyPassword(password, hash.value()));
    QVERIFY(!crypto::verifyPassword(QStringLiteral("wrong password!"), hash.value()));

    // Tenant-scoped lookup: Acme's Ana is not found through Beta.
    auto inAcme = users.findByEmail(acme, QStringLiteral("ANA@acme.example"));
    PUENTE_VERIFY_OK(inAcme);
    QCOMPARE(inAcme.value()->name, QStringLiteral("Ana"));
    auto inBeta = users.findByEmail(beta, QStringLiteral("ana@acme.example"));
    PUENTE_VERIFY_OK(inBeta);
    QCOMPARE(inBeta.value()->name, QStringLiteral("Ana B"));
    QVERIFY(users.findPlatformAdmin(QStringLiteral("ops@puente.example")).value().has_value());
    QVERIFY(!users.findPlatformAdmin(QStringLiteral("ana@acme.example")).value().has_value());
}

static WhatsAppConfig sampleConfig(const QString &phoneNumberId)
{
    WhatsAppConfig c;
    c.apiType = ApiType::BusinessApi;
    c.businessApiToken = QStringLiteral("EAABsbCS1iHgBAKZCZB3Xw0ZDsecret");
    c.phoneNumberId = phoneNumberId;
    c.businessAccountId = QStringLiteral("102290129340398");
    c.webhookVerifyToken = QStringLiteral("verify-me");
    c.appSecret = QStringLiteral("0123456789abcdef0123456789abcdef");
    c.fallbackEnabled = true;
    return c;
}

void TestStorage::whatsAppConfigSealedAtRest()
{
    PUENTE_VERIFY_OK(migrations::migrate(db()));
    auto ring = crypto::Keyring::create({crypto::randomBytes(32)});
    PUENTE_VERIFY_OK(ring);
    TenantRepository tenants(db());
    const TenantId acme = tenants.create(QStringLiteral("acme"), QStringLiteral("Acme"), Plan::Basic).value().id;
    WhatsAppConfigRepository repo(db(), ring.value());

    auto saved = repo.save(acme, sampleConfig(QStringLiteral("106540352242922")), QStringLiteral("ana@acme.example"));
    PUENTE_VERIFY_OK(saved);
    QCOMPARE(saved->businessApiToken, QStringLiteral("EAABsbCS1iHgBAKZCZB3Xw0ZDsecret"));
    QCOMPARE(saved->appSecret, QStringLiteral("0123456789abcdef0123456789abcdef"));
    QCOMPARE(saved->phoneNumberId, QStringLiteral("106540352242922"));
    QVERIFY(saved->fallbackEnabled);

    Sql raw(db().connection(), QStringLiteral("SELECT business_api_token, app_secret FROM whatsapp_config WHERE tenant_id = ?"));
    raw.bind(acme.value);
    PUENTE_VERIFY_OK(raw.exec());
    QVERIFY(raw.next());
    QVERIFY(raw.text(0).startsWith(QLatin1String("v1.")));
    QVERIFY(!raw.text(0).contains(QLatin1String("EAAB")));
    QVERIFY(raw.text(1).startsWith(QLatin1String("v1.")));
    QVERIFY(!raw.text(1).contains(QLatin1String("0123456789abcdef")));

    // A wrong master key is an error, never garbage.
    auto otherRing = crypto::Keyring::create({crypto::randomBytes(32)});
    WhatsAppConfigRepository wrongKey(db(), otherRing.value());
    PUENTE_VERIFY_ERROR(wrongKey.find(acme, ApiType::BusinessApi), "unknown_master_key");

    // Update: the audit log names the changed fields, never their values.
    WhatsAppConfig changed = saved.value();
    changed.businessApiToken = QStringLiteral("EAABnewtokenvalue1234567890");
    PUENTE_VERIFY_OK(repo.save(acme, changed, QStringLiteral("ana@acme.example")));
    QCOMPARE(repo.find(acme, ApiType::BusinessApi).value()->businessApiToken, QStringLiteral("EAABnewtokenvalue1234567890"));
    Sql audit(db().connection(), QStringLiteral("SELECT action, details, actor_label FROM audit_log WHERE target_type = 'whatsapp_config' ORDER BY id"));
    PUENTE_VERIFY_OK(audit.exec());
    QVERIFY(audit.next());
    QCOMPARE(audit.text(0), QStringLiteral("whatsapp_config.created"));
    QVERIFY(audit.next());
    QCOMPARE(audit.text(0), QStringLiteral("whatsapp_config.updated"));
    QCOMPARE(audit.text(1), QStringLiteral(R"({"changed":["business_api_token"]})"));
    QCOMPARE(audit.text(2), QStringLiteral("ana@acme.example"));
    QCOMPARE(count(db(), QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE details LIKE '%EAAB%'")), qint64(0));

    PUENTE_VERIFY_ERROR(repo.save(acme, sampleConfig(QStringLiteral("+34 600")), QStringLiteral("x")), "invalid_phone_number_id");
}

void TestStorage::whatsAppConfigRoutingAndIsolation()
{
    PUENTE_VERIFY_OK(migrations::migrate(db()));
    auto ring = crypto::Keyring::create({crypto::randomBytes(32)});
    TenantRepository tenants(db());
    const TenantId acme = tenants.create(QStringLiteral("acme"), QStringLiteral("Acme"), Plan::Basic).value().id;
    const TenantId beta = tenants.create(QStringLiteral("beta"), QStringLiteral("Beta"), Plan::Basic).value().id;
    WhatsAppConfigRepository repo(db(), ring.value());
    PUENTE_VERIFY_OK(repo.save(acme, sampleConfig(QStringLiteral("111111")), QStringLiteral("t")));

    // Beta sees nothing of Acme's.
    auto betaConfig = repo.find(beta, ApiType::BusinessApi);
    PUENTE_VERIFY_OK(betaConfig);
    QVERIFY(!betaConfig.value().has_value());

    // The routing key belongs to one tenant only.
    PUENTE_VERIFY_ERROR(repo.save(beta, sampleConfig(QStringLiteral("111111")), QStringLiteral("t")), "phone_number_taken");
    // Nor may two tenants claim one WhatsApp Business account.
    PUENTE_VERIFY_ERROR(repo.save(beta, sampleConfig(QStringLiteral("222222")), QStringLiteral("t")), "business_account_taken");
    WhatsAppConfig betaOwn = sampleConfig(QStringLiteral("222222"));
    betaOwn.businessAccountId = QStringLiteral("987654321");
    PUENTE_VERIFY_OK(repo.save(beta, betaOwn, QStringLiteral("t")));
    QCOMPARE(*repo.tenantForPhoneNumberId(QStringLiteral("111111")).value(), acme);
    QCOMPARE(*repo.tenantForPhoneNumberId(QStringLiteral("222222")).value(), beta);
    QVERIFY(!repo.tenantForPhoneNumberId(QStringLiteral("333333")).value().has_value());
    auto byWaba = repo.tenantsForBusinessAccountId(QStringLiteral("102290129340398"));
    PUENTE_VERIFY_OK(byWaba);
    QCOMPARE(byWaba->size(), 1);
    QCOMPARE(byWaba->first(), acme);

    // Moving a number: once Acme lets go of it, Beta may take it.
    WhatsAppConfig acmeConfig = *repo.find(acme, ApiType::BusinessApi).value();
    acmeConfig.phoneNumberId = QStringLiteral("444444");
    PUENTE_VERIFY_OK(repo.save(acme, acmeConfig, QStringLiteral("t")));
    WhatsAppConfig betaNew = betaOwn;
    betaNew.phoneNumberId = QStringLiteral("111111");
    PUENTE_VERIFY_OK(repo.save(beta, betaNew, QStringLiteral("t")));
    QCOMPARE(*repo.tenantForPhoneNumberId(QStringLiteral("111111")).value(), beta);
}

void TestStorage::seedSchemaConstraints()
{
    PUENTE_VERIFY_OK(migrations::migrate(db()));
    TenantRepository tenants(db());
    const TenantId acme = tenants.create(QStringLiteral("acme"), QStringLiteral("Acme"), Plan::Basic).value().id;
    const TenantId beta = tenants.create(QStringLiteral("beta"), QStringLiteral("Beta"), Plan::Basic).value().id;

    auto insertConversation = [&](TenantId t, const QString &key, const QString &status) -> Result<qint64> {
        Sql q(db().connection(), QStringLiteral("INSERT INTO whatsapp_conversations (tenant_id, conversation_id, status, "
                                                "created_at, updated_at) VALUES (?, ?, ?, 0, 0) RETURNING id"));
        q.bind(t.value).bind(key).bind(status);
        if (auto s = q.exec(); !s)
            return s.error();
        q.next();
        return q.int64(0);
    };
    auto c1 = insertConversation(acme, QStringLiteral("34600111222"), QStringLiteral("active"));
    PUENTE_VERIFY_OK(c1);
    PUENTE_VERIFY_ERROR(insertConversation(acme, QStringLiteral("34600111222"), QStringLiteral("active")), "unique_violation");
    auto c2 = insertConversation(beta, QStringLiteral("34600111222"), QStringLiteral("active"));
    PUENTE_VERIFY_OK(c2);
    QVERIFY(!insertConversation(acme, QStringLiteral("other"), QStringLiteral("deleted")).ok()); // CHECK

    auto insertMessage = [&](TenantId t, qint64 conversation, const QVariant &wamid, const QString &status) {
        Sql q(db().connection(), QStringLiteral("INSERT INTO whatsapp_messages (tenant_id, conversation_id, provider_message_id, "
                                                "direction, type, content, status, timestamp, created_at, updated_at) "
                                                "VALUES (?, ?, ?, 'inbound', 'text', 'Hola', ?, 1, 0, 0)"));
        q.bind(t.value).bind(conversation).bind(wamid).bind(status);
        return q.exec();
    };
    const QString wamid = QStringLiteral("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=");
    PUENTE_VERIFY_OK(insertMessage(acme, c1.value(), wamid, QStringLiteral("received")));
    PUENTE_VERIFY_ERROR(insertMessage(acme, c1.value(), wamid, QStringLiteral("received")), "unique_violation");
    PUENTE_VERIFY_OK(insertMessage(beta, c2.value(), wamid, QStringLiteral("received"))); // per tenant
    // Queued outbound messages have no provider id yet; many may wait at once.
    PUENTE_VERIFY_OK(insertMessage(acme, c1.value(), QVariant(QMetaType(QMetaType::QString)), QStringLiteral("queued")));
    PUENTE_VERIFY_OK(insertMessage(acme, c1.value(), QVariant(QMetaType(QMetaType::QString)), QStringLiteral("queued")));
    QVERIFY(!insertMessage(acme, c1.value(), QStringLiteral("wamid.x"), QStringLiteral("bogus")).ok());
    PUENTE_VERIFY_ERROR(insertMessage(acme, 987654, QStringLiteral("wamid.y"), QStringLiteral("received")),
                        "foreign_key_violation");
}

QTEST_GUILESS_MAIN(TestStorage)
#include "tst_storage.moc"
