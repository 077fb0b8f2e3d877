// Secrets at rest and in transit (issue 25, part 3): one full run of a
// server with the Sandbox as Meta. Through the REST API as the demo's admin:
// a WhatsApp configuration with a new user access token, the company's own
// app id and app secret and a verify token, a token Meta refuses, a
// connection test, an API key (used once), a user with a password (signed
// in, a wrong password tried, the password changed), a callback URL with
// its signing secret and a signed test callback; then the token watch renews
// the access token and the master key is rotated while the server runs.
// Afterwards every column of every row of every table, every log line the
// process wrote (as the server's handler writes it, after its masking),
// every audit entry, every API answer, the callback the CRM received and
// every file in the data folder are searched for each secret: whole, in
// pieces, in hex and in base64.
#include "crypto/crypto.h"
#include "fakeserver.h"
#include "http/message.h"
#include "logging/logging.h"
#include "messaging/tokenwatch.h"
#include "meta/accesstoken.h"
#include "runningserver.h"
#include "sandbox/sandbox.h"
#include "sandboxdemo.h"
#include "secrets/keyrotation.h"
#include "secrets/masterkeystore.h"
#include "storage/database.h"
#include "storage/whatsappconfigrepository.h"
#include "testsupport.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QtConcurrent/QtConcurrentRun>

using namespace puente;
using namespace puente::server;
using namespace puente::sandbox;
using namespace puente::test;

namespace {
const QString kWaba = QStringLiteral("200000000000001");

// Every message the process logs, as the server's handler would write it in
// either format (logging::formatLine: after the masking of tokens), then
// handed on to Qt Test's own handler.
QMutex s_logMutex;
QList<QByteArray> s_log;
QtMessageHandler s_testHandler = nullptr;

void recordLog(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&s_logMutex);
        s_log.append(logging::formatLine(logging::Format::Human, type, context, message));
        s_log.append(logging::formatLine(logging::Format::Json, type, context, message));
    }
    if (s_testHandler)
        s_testHandler(type, context, message);
}

// The Sandbox answers on this thread: work that waits on Graph runs on
// another while this one turns the event loop.
template<typename F>
auto offThread(F f)
{
    auto future = QtConcurrent::run(std::move(f));
    while (!future.isFinished())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    return future.result();
}

QString randomHex(int bytes)
{
    return QString::fromLatin1(crypto::randomBytes(bytes).toHex());
}

// One secret and the forms it must not take anywhere: as it is, in hex and
// in base64 (standard and URL-safe, without the padding, which depends on
// what follows).
struct Needle {
    QString what;
    QByteArray bytes;
};

QList<Needle> needlesFor(const QString &name, const QByteArray &secret)
{
    return {{name, secret},
            {name + QStringLiteral(" in hex"), secret.toHex()},
            {name + QStringLiteral(" in upper-case hex"), secret.toHex().toUpper()},
            {name + QStringLiteral(" in base64"), secret.toBase64(QByteArray::OmitTrailingEquals)},
            {name + QStringLiteral(" in base64url"), secret.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)}};
}
} // namespace

class TestSecretScan : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void fullRunLeavesNoSecretInClear();

private:
    struct Answer {
        QString request;
        QByteArray raw;
        QStringList mayShow; // the secrets this answer exists to show once
    };
    // A request with the admin's session; `mayShow`: the secrets this answer
    // exists to show once.
    HttpReply call(const QByteArray &method, const QString &path, const QJsonObject &body = {}, const QStringList &mayShow = {});
    // The same with another bearer (none when empty).
    HttpReply callAs(const QString &bearer, const QByteArray &method, const QString &path, const QJsonObject &body = {},
                     const QStringList &mayShow = {});
    void addSecret(const QString &name, const QByteArray &value);
    WhatsAppConfig stored();
    // Records in m_leaks, as "<where>: <secrets>", the needles `haystack` holds
    // (but those of the secrets `allowed` there).
    void scan(const QString &where, const QByteArray &haystack, const QStringList &allowed = {});
    // Every column of every row of every table on this connection; adds
    // each table's row count to `rows`.
    void scanTables(QSqlDatabase connection, Dialect dialect, const QString &label, QMap<QString, int> *rows);

    std::unique_ptr<TestDatabase> m_test;
    DemoServer m_server;
    QString m_session;
    TenantId m_tenant;
    QNetworkAccessManager m_network;
    QList<Needle> m_needles;
    QList<Answer> m_answers;
    QStringList m_leaks;
};

void TestSecretScan::initTestCase()
{
    QVERIFY(checkBackendAvailable());
    s_testHandler = qInstallMessageHandler(recordLog);
}

void TestSecretScan::cleanupTestCase()
{
    qInstallMessageHandler(s_testHandler);
}

void TestSecretScan::init()
{
    {
        QMutexLocker lock(&s_logMutex);
        s_log.clear();
    }
    m_needles.clear();
    m_answers.clear();
    m_leaks.clear();
    auto t = TestDatabase::create();
    PUENTE_VERIFY_OK(t);
    m_test = std::move(t).value();
    // The token watch off: the test drives its own, with a fake clock.
    Settings settings = RunningServer::quietSettings(m_test->url(), m_test->dir());
    settings.setOverride(QStringLiteral("callback_private_network"), QStringLiteral("true")); // the CRM is on loopback
    auto started = DemoServer::start(settings);
    PUENTE_VERIFY_OK(started);
    m_server = std::move(started).value();
    m_tenant = m_server.tenant;
    const auto &accounts = m_server.accounts;
    const HttpReply login = callAs({}, "POST", QStringLiteral("/api/auth/login"),
                                   {{QStringLiteral("email"), accounts.adminEmail}, {QStringLiteral("password"), accounts.password}},
                                   {QStringLiteral("the admin's session token")});
    QCOMPARE(login.status, 200);
    m_session = login.body.value(QStringLiteral("token")).toString();
    addSecret(QStringLiteral("the admin's session token"), m_session.toUtf8());
}

void TestSecretScan::cleanup()
{
    m_server.stop();
    m_test.reset();
}

HttpReply TestSecretScan::call(const QByteArray &method, const QString &path, const QJsonObject &body, const QStringList &mayShow)
{
    return callAs(m_session, method, path, body, mayShow);
}

HttpReply TestSecretScan::callAs(const QString &bearer, const QByteArray &method, const QString &path, const QJsonObject &body,
                                 const QStringList &mayShow)
{
    HttpReply r = waitForReply(sendRequest(m_network, m_server.port, method, path, bearer,
                                           body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact)));
    m_answers.append({QString::fromLatin1(method) + QLatin1Char(' ') + path, r.raw, mayShow});
    return r;
}

void TestSecretScan::addSecret(const QString &name, const QByteArray &value)
{
    // Pieces as well: a masking that stops at an unexpected character, or a
    // message that quotes the start of a value, leaves one. Any run of 23
    // characters or more of the secret holds one of these 16-character
    // pieces, and 16 characters of a random value turn up nowhere by chance.
    constexpr int kPiece = 16;
    QVERIFY2(value.size() >= kPiece, qPrintable(name + QStringLiteral(" is too short to look for")));
    m_needles += needlesFor(name, value);
    for (int at = 0; at + kPiece <= value.size(); at += kPiece / 2)
        m_needles.append({QStringLiteral("%1 (characters %2-%3)").arg(name).arg(at + 1).arg(at + kPiece), value.mid(at, kPiece)});
}

WhatsAppConfig TestSecretScan::stored()
{
    auto found = WhatsAppConfigRepository(m_server.context->database(), m_server.context->keyring()).find(m_tenant, ApiType::BusinessApi);
    return found && found.value() ? *found.value() : WhatsAppConfig();
}

void TestSecretScan::scan(const QString &where, const QByteArray &haystack, const QStringList &allowed)
{
    // One line per place, each secret named once (not each piece of it).
    QStringList found;
    for (const Needle &n : std::as_const(m_needles)) {
        if (!haystack.contains(n.bytes) || std::any_of(allowed.cbegin(), allowed.cend(), [&](const QString &a) { return n.what.startsWith(a); }))
            continue;
        const QString what = n.what.left(n.what.indexOf(QLatin1String(" (characters ")));
        if (!found.contains(what))
            found.append(what);
    }
    if (!found.isEmpty())
        m_leaks.append(where + QStringLiteral(": ") + found.join(QStringLiteral(", ")));
}

void TestSecretScan::scanTables(QSqlDatabase connection, Dialect dialect, const QString &label, QMap<QString, int> *rowCounts)
{
    QSqlQuery list(connection);
    if (!list.exec(dialect == Dialect::Sqlite ? QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
                                              : QStringLiteral("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                                                               "AND table_type = 'BASE TABLE' ORDER BY table_name"))) {
        m_leaks.append(label + QStringLiteral(": cannot list the tables: ") + list.lastError().text());
        return;
    }
    QStringList names;
    while (list.next())
        names.append(list.value(0).toString());
    for (const QString &table : std::as_const(names)) {
        QSqlQuery rows(connection);
        rows.setForwardOnly(true);
        if (!rows.exec(QStringLiteral("SELECT * FROM %1").arg(table))) {
            m_leaks.append(label + QLatin1Char('.') + table + QStringLiteral(": cannot read: ") + rows.lastError().text());
            continue;
        }
        const QSqlRecord columns = rows.record();
        int row = 0;
        while (rows.next()) {
            ++row;
            for (int c = 0; c < columns.count(); ++c) {
                const QVariant v = rows.value(c);
                // BLOB and BYTEA as their raw bytes, everything else as text.
                const QByteArray bytes = v.typeId() == QMetaType::QByteArray ? v.toByteArray() : v.toString().toUtf8();
                scan(QStringLiteral("%1 table %2, row %3, column %4").arg(label, table).arg(row).arg(columns.fieldName(c)), bytes);
            }
        }
        (*rowCounts)[table] += row;
    }
}

void TestSecretScan::fullRunLeavesNoSecretInClear()
{
    const QString keyFile = m_test->dir() + QStringLiteral("/master.key");
    const auto store = secrets::MasterKeyStore::fromFile(keyFile);
    auto oldKeys = store.readKeys();
    PUENTE_VERIFY_OK(oldKeys);
    QCOMPARE(oldKeys->size(), 1);
    // Master keys as the key file writes them (base64), and as bytes.
    addSecret(QStringLiteral("the master key before the rotation"), oldKeys->first().toBase64());
    m_needles += needlesFor(QStringLiteral("the master key before the rotation, as bytes"), oldKeys->first());
    const QString demoToken = stored().businessApiToken;
    QVERIFY(demoToken.startsWith(QLatin1String("EAA")));
    // A constant of the demo with a run of zeros: whole only, not in pieces.
    m_needles += needlesFor(QStringLiteral("the demo's access token"), demoToken.toUtf8());

    // The WhatsApp configuration: a user token of the company's own app,
    // ten days from expiry, the app's id and secret, a verify token.
    const QString appSecret = m_server.context->settings().value(QStringLiteral("app_secret"));
    addSecret(QStringLiteral("the app secret"), appSecret.toUtf8());
    const QString oldToken = QStringLiteral("EAAUserScanToken") + randomHex(20);
    addSecret(QStringLiteral("the saved access token"), oldToken.toUtf8());
    const QString refusedToken = QStringLiteral("EAARefusedScanToken") + randomHex(20);
    addSecret(QStringLiteral("the access token Meta refused"), refusedToken.toUtf8());
    const QString verifyToken = QStringLiteral("verify-") + randomHex(12);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_server.demo->sandbox().setToken(oldToken, {kWaba, QStringLiteral("USER"), now / 1000 + 10 * 86400, meta::requiredTokenScopes()});
    const auto config = [&](const QString &token) {
        return QJsonObject{{QStringLiteral("business_api_token"), token},
                           {QStringLiteral("phone_number_id"), SandboxDemo::phoneNumberId()},
                           {QStringLiteral("business_account_id"), kWaba},
                           {QStringLiteral("app_id"), QStringLiteral("1234567890")},
                           {QStringLiteral("app_secret"), appSecret},
                           {QStringLiteral("webhook_verify_token"), verifyToken}};
    };
    const HttpReply refused = call("POST", QStringLiteral("/api/whatsapp/config"), config(refusedToken));
    QCOMPARE(refused.status, 422);
    QCOMPARE(refused.code(), QStringLiteral("token_invalid"));
    const HttpReply saved = call("POST", QStringLiteral("/api/whatsapp/config"), config(oldToken));
    QCOMPARE(saved.status, 200);
    QCOMPARE(saved.body.value(QStringLiteral("token")).toObject().value(QStringLiteral("renewable")).toBool(), true);
    QCOMPARE(stored().businessApiToken, oldToken);
    const HttpReply tested = call("POST", QStringLiteral("/api/whatsapp/test-connection"),
                                  {{QStringLiteral("business_api_token"), oldToken}, {QStringLiteral("phone_number_id"), SandboxDemo::phoneNumberId()}});
    QCOMPARE(tested.status, 200);

    // A candidate writes (signed with the app secret): the webhook's body is
    // kept as a BLOB / BYTEA, which the scan reads as raw bytes.
    const QString marker = QStringLiteral("scan-marker-") + randomHex(8);
    const QJsonObject value{
        {QStringLiteral("messaging_product"), QStringLiteral("whatsapp")},
        {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("display_phone_number"), QStringLiteral("15550100001")},
                                                 {QStringLiteral("phone_number_id"), SandboxDemo::phoneNumberId()}}},
        {QStringLiteral("contacts"), QJsonArray{QJsonObject{{QStringLiteral("profile"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Lucía")}}},
                                                            {QStringLiteral("wa_id"), QStringLiteral("34612000077")}}}},
        {QStringLiteral("messages"), QJsonArray{QJsonObject{{QStringLiteral("from"), QStringLiteral("34612000077")},
                                                            {QStringLiteral("id"), QStringLiteral("wamid.scan.1")},
                                                            {QStringLiteral("timestamp"), QString::number(now / 1000)},
                                                            {QStringLiteral("type"), QStringLiteral("text")},
                                                            {QStringLiteral("text"), QJsonObject{{QStringLiteral("body"), marker}}}}}}};
    QCOMPARE(postWebhook(m_network, m_server.port, appSecret.toUtf8(), kWaba, QStringLiteral("messages"), value).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(queryCount(m_server.context->database(), QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE provider_message_id = ?"),
                                         {QStringLiteral("wamid.scan.1")}),
                              qint64(1), 15000);

    // An API key, shown once, then used by "the CRM".
    const HttpReply key = call("POST", QStringLiteral("/api/api-keys"),
                               {{QStringLiteral("name"), QStringLiteral("CRM")}, {QStringLiteral("scopes"), QJsonArray{QStringLiteral("notifications")}}},
                               {QStringLiteral("the API key")});
    QCOMPARE(key.status, 201);
    const QString apiKey = key.body.value(QStringLiteral("key")).toString();
    addSecret(QStringLiteral("the API key"), apiKey.toUtf8());
    QCOMPARE(callAs(apiKey, "GET", QStringLiteral("/api/notifications")).status, 200);

    // A user with a password: signed in, a wrong password tried, the
    // password changed by the admin and signed in with again.
    const QString email = QStringLiteral("reclutadora@demo.puente");
    const QString password = QStringLiteral("clave-") + randomHex(10);
    const QString mistyped = password + QStringLiteral("-typo");
    const QString newPassword = QStringLiteral("nueva-clave-") + randomHex(10);
    addSecret(QStringLiteral("the user's password"), password.toUtf8());
    addSecret(QStringLiteral("the mistyped password"), mistyped.toUtf8());
    addSecret(QStringLiteral("the user's new password"), newPassword.toUtf8());
    const HttpReply user = call("POST", QStringLiteral("/api/users"),
                                {{QStringLiteral("email"), email}, {QStringLiteral("name"), QStringLiteral("Marta Reclutadora")},
                                 {QStringLiteral("role"), QStringLiteral("agent")}, {QStringLiteral("password"), password}});
    QCOMPARE(user.status, 201);
    const auto signIn = [&](const QString &with, const QStringList &mayShow) {
        return callAs({}, "POST", QStringLiteral("/api/auth/login"), {{QStringLiteral("email"), email}, {QStringLiteral("password"), with}},
                      mayShow);
    };
    const HttpReply first = signIn(password, {QStringLiteral("the user's session token")});
    QCOMPARE(first.status, 200);
    addSecret(QStringLiteral("the user's session token"), first.body.value(QStringLiteral("token")).toString().toUtf8());
    QCOMPARE(signIn(mistyped, {}).status, 401);
    QCOMPARE(call("PATCH", QStringLiteral("/api/users/%1").arg(user.body.value(QStringLiteral("id")).toInteger()),
                  {{QStringLiteral("password"), newPassword}})
                 .status,
             200);
    const HttpReply second = signIn(newPassword, {QStringLiteral("the user's second session token")});
    QCOMPARE(second.status, 200);
    addSecret(QStringLiteral("the user's second session token"), second.body.value(QStringLiteral("token")).toString().toUtf8());

    // The CRM's callback URL and its signing secret (shown once), and a
    // test callback signed with it.
    QMutex crmMutex;
    QList<http::Request> received;
    FakeServer crm;
    crm.route(QStringLiteral("/hooks/"), [&](const QString &, const http::Request &request) {
        QMutexLocker lock(&crmMutex);
        received.append(request);
        return http::Reply::json(QJsonObject{{QStringLiteral("ok"), true}});
    });
    const quint16 crmPort = crm.listen();
    QVERIFY(crmPort);
    const HttpReply callback = call("PATCH", QStringLiteral("/api/tenant-settings"),
                                    {{QStringLiteral("callback_url"), QStringLiteral("http://127.0.0.1:%1/hooks/puente").arg(crmPort)},
                                     {QStringLiteral("rotate_callback_secret"), true}},
                                    {QStringLiteral("the callback secret")});
    QCOMPARE(callback.status, 200);
    const QByteArray callbackSecret = callback.body.value(QStringLiteral("callback_secret")).toString().toUtf8();
    QVERIFY(callbackSecret.startsWith("whsec_"));
    addSecret(QStringLiteral("the callback secret"), callbackSecret);
    const auto testCallback = [&] {
        const HttpReply delivered = call("POST", QStringLiteral("/api/tenant-settings/test-callback"));
        QCOMPARE(delivered.status, 200);
        QCOMPARE(delivered.body.value(QStringLiteral("state")).toString(), QStringLiteral("delivered"));
        QMutexLocker lock(&crmMutex);
        QVERIFY(!received.isEmpty());
        QCOMPARE(received.last().header("x-puente-signature"), "sha256=" + crypto::hmacSha256(callbackSecret, received.last().body).toHex());
    };
    testCallback();
    if (QTest::currentTestFailed())
        return;

    // The token watch, ten days before expiry by its clock, renews the
    // token through the company's app; the Sandbox gives a new one.
    {
        TokenWatchSettings watchSettings;
        watchSettings.platformAppId = m_server.context->settings().value(QStringLiteral("app_id"));
        watchSettings.platformAppSecret = appSecret;
        watchSettings.clock = [now] { return now; };
        TokenWatch watch(m_server.context->database(), m_server.context->keyring(), &m_server.context->eventBus(), m_server.context->graph(), watchSettings);
        PUENTE_VERIFY_OK(offThread([&] { return watch.check(m_tenant); }));
    }
    QCOMPARE(m_server.demo->sandbox().tokenExchanges(), 1);
    const QString newToken = stored().businessApiToken;
    QVERIFY(newToken.startsWith(QLatin1String("EAA")));
    QVERIFY(newToken != oldToken);
    addSecret(QStringLiteral("the renewed access token"), newToken.toUtf8());

    // The master key rotated as `puente-server rotate-master-key` does, on
    // a connection of its own, while the server runs.
    {
        auto db = Database::open(m_test->url());
        PUENTE_VERIFY_OK(db);
        auto report = secrets::rotateMasterKey(*db.value(), store, std::chrono::milliseconds(0));
        PUENTE_VERIFY_OK(report);
        QVERIFY(report->finished);
        QVERIFY2(report->resealed >= 4, qPrintable(QString::number(report->resealed))); // token, app secret, callback secret, check value
    }
    auto newKeys = store.readKeys();
    PUENTE_VERIFY_OK(newKeys);
    QCOMPARE(newKeys->size(), 1);
    QVERIFY(newKeys->first() != oldKeys->first());
    addSecret(QStringLiteral("the master key after the rotation"), newKeys->first().toBase64());
    m_needles += needlesFor(QStringLiteral("the master key after the rotation, as bytes"), newKeys->first());
    // The running server opens what was re-sealed (it reloads the key file).
    QCOMPARE(stored().businessApiToken, newToken);
    testCallback();
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(call("GET", QStringLiteral("/api/whatsapp/config")).status, 200);

    // The server stops (its last log lines are part of the run).
    m_server.front.reset();
    m_server.context.reset();

    // --- the scan ---------------------------------------------------------------
    // The database: every table (on SQLite also the inbox file's).
    auto db = Database::open(m_test->url());
    PUENTE_VERIFY_OK(db);
    QMap<QString, int> rows;
    scanTables(db.value()->connection(), db.value()->dialect(), QStringLiteral("database"), &rows);
    if (db.value()->dialect() == Dialect::Sqlite)
        scanTables(db.value()->inbox().connection(), Dialect::Sqlite, QStringLiteral("inbox"), &rows);
    // The rows the run wrote were read.
    for (const auto &[table, atLeast] : {std::pair{"whatsapp_config", 1}, {"system_settings", 1}, {"tenant_settings", 1}, {"users", 3},
                                         {"sessions", 3}, {"api_keys", 1}, {"audit_log", 8}, {"events", 1}, {"callback_deliveries", 2},
                                         {"webhook_inbox", 1}, {"whatsapp_messages", 1}})
        QVERIFY2(rows.value(QLatin1String(table)) >= atLeast,
                 qPrintable(QStringLiteral("%1: %2 row(s)").arg(QLatin1String(table)).arg(rows.value(QLatin1String(table)))));

    // The audit log on its own: the entries the run made are there, and
    // none of their details holds a secret.
    QSqlQuery audit(db.value()->connection());
    QVERIFY(audit.exec(QStringLiteral("SELECT action, details FROM audit_log ORDER BY id")));
    QStringList actions;
    while (audit.next()) {
        actions.append(audit.value(0).toString());
        scan(QStringLiteral("audit_log.details of %1").arg(actions.last()), audit.value(1).toString().toUtf8());
    }
    for (const char *action : {"whatsapp_config.updated", "api_key.created", "user.created", "user.password_reset",
                               "tenant_settings.updated", "whatsapp_config.token_renewed"})
        QVERIFY2(actions.contains(QLatin1String(action)), qPrintable(QLatin1String(action) + QStringLiteral(" not in ") + actions.join(QLatin1Char(' '))));

    // Every log line.
    QList<QByteArray> log;
    {
        QMutexLocker lock(&s_logMutex);
        log = s_log;
    }
    for (const QByteArray &line : std::as_const(log))
        scan(QStringLiteral("log line \"%1\"").arg(QString::fromUtf8(line.trimmed().left(100))), line);
    const QByteArray wholeLog = log.join();
    for (const char *expected : {"signed in: reclutadora@demo.puente", "renewed; it now expires at", "master key rotation finished"})
        QVERIFY2(wholeLog.contains(expected), expected);

    // Every API answer, but for the one that shows a secret once.
    for (const Answer &a : std::as_const(m_answers))
        scan(QStringLiteral("the answer to %1").arg(a.request), a.raw, a.mayShow);
    // What the CRM received: signed, never the secret itself.
    for (const http::Request &r : std::as_const(received)) {
        QByteArray all = r.body;
        for (auto it = r.headers.cbegin(); it != r.headers.cend(); ++it)
            all += '\n' + it.key() + ": " + it.value();
        scan(QStringLiteral("the callback to the CRM"), all);
    }
    // Every file in the data folder but the key file itself (SQLite's
    // pages, freed ones included, and its WAL).
    QDirIterator files(m_test->dir(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    int fileCount = 0;
    while (files.hasNext()) {
        const QString path = files.next();
        if (path == keyFile)
            continue;
        QFile f(path);
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(path));
        scan(QStringLiteral("the file %1").arg(path), f.readAll());
        ++fileCount;
    }
    QVERIFY(db.value()->dialect() != Dialect::Sqlite || fileCount >= 2);

    QVERIFY2(m_leaks.isEmpty(), qPrintable(QStringLiteral("%1 secret(s) found in clear:\n  ").arg(m_leaks.size())
                                           + m_leaks.join(QStringLiteral("\n  "))));

    // The scan sees what is there: values kept in clear on purpose are
    // found by the same search, in a column, in a BLOB / BYTEA, in the log.
    m_needles = needlesFor(QStringLiteral("the verify token (not a secret: admins see it)"), verifyToken.toUtf8())
                + needlesFor(QStringLiteral("a candidate's message"), marker.toUtf8())
                + needlesFor(QStringLiteral("the user's email"), email.toUtf8());
    rows.clear();
    scanTables(db.value()->connection(), db.value()->dialect(), QStringLiteral("database"), &rows);
    if (db.value()->dialect() == Dialect::Sqlite)
        scanTables(db.value()->inbox().connection(), Dialect::Sqlite, QStringLiteral("inbox"), &rows);
    const auto foundIn = [&](const QString &table, const QString &column, const QString &what) {
        return std::any_of(m_leaks.cbegin(), m_leaks.cend(), [&](const QString &hit) {
            return hit.contains(QStringLiteral(" table %1, row ").arg(table)) && hit.contains(QStringLiteral(", column %1: %2").arg(column, what));
        });
    };
    const QString hits = m_leaks.join(QLatin1Char('\n'));
    QVERIFY2(foundIn(QStringLiteral("whatsapp_config"), QStringLiteral("webhook_verify_token"), QStringLiteral("the verify token (not")), qPrintable(hits));
    QVERIFY2(foundIn(QStringLiteral("webhook_inbox"), QStringLiteral("body"), QStringLiteral("a candidate's message")), qPrintable(hits));
    m_leaks.clear();
    for (const QByteArray &line : std::as_const(log))
        scan(QStringLiteral("log"), line);
    QVERIFY2(m_leaks.join(QLatin1Char('\n')).contains(QStringLiteral("log: the user's email")), qPrintable(m_leaks.join(QLatin1Char('\n'))));
}

QTEST_MAIN(TestSecretScan)
#include "tst_secretscan.moc"
