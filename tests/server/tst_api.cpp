// The REST API end to end: a real server on a loopback port, driven over
// HTTP, on SQLite and PostgreSQL.
#include "accounts/apikeys.h"
#include "accounts/authservice.h"
#include "crypto/crypto.h"
#include "httpfront.h"
#include "messaging/rows.h"
#include "protocol/routes.h"
#include "servercontext.h"
#include "storage/sql.h"
#include "storage/health.h"
#include "storage/sessionrepository.h"
#include "storage/tenantrepository.h"
#include "storage/userrepository.h"
#include "storage/whatsappconfigrepository.h"
#include "fakeserver.h"
#include "runningserver.h"
#include "testsupport.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QUrlQuery>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

using namespace puente;
using namespace puente::server;
using namespace puente::test;

namespace {
const QString kPassword = QStringLiteral("reclutar candidatos 2026");
const crypto::ScryptParams kFast{10, 8, 1};

QJsonObject readFixture(const QString &name)
{
    QFile f(QStringLiteral(PUENTE_FIXTURES_DIR "/graph-responses/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture");
    return QJsonDocument::fromJson(f.readAll()).object();
}
} // namespace

class TestApi : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void loginMeLogout();
    void wrongPasswordAndUnknownEmailLookTheSame();
    void loginThrottlingSlowsDown();
    void loginLockout();
    void emailInTwoTenantsNeedsTenant();
    void tokenExpiryIdleSlidingAndAbsolute();
    void requestRulesAndErrorStatuses();
    void rateLimitsAnswer429WithRetryAfter();
    void roleMatrix();
    void routesAreTheProtocolCatalogue();
    void isolationWalk();
    void whatsappConfig();
    void testConnectionAgainstGraph();
    void slowMetaHoldsNoRestThread();
    void conversationsListSearchFilterPage();
    void startConversationByPhone();
    void patchAndReadConversation();
    void sendMessages();
    void messagesPaging();
    void retryAndDismissFailedMessages();
    void mediaIsServedToItsTenantOnly();
    void apiKeys();
    void usersAdministration();
    void tenantsAdministration();
    void suspendedTenant();
    void auditLogFilters();
    void planLimitsAndUsage();
    void healthAndDeadLetters();
    void secretsNeverInResponsesOrLogs();
    void metricsCountRequests();

private:
    using Reply = test::HttpReply;
    void startServer(const QHash<QString, QString> &extraSettings = {});
    Reply call(const QByteArray &method, const QString &path, const QString &token = {}, const QJsonObject &body = {},
               const QList<std::pair<QByteArray, QByteArray>> &headers = {}, const QByteArray &rawBody = {});
    QString login(const QString &email, const QString &tenant = {});

    struct Seeded {
        TenantId tenant;
        QString slug;
        UserId adminId, agentId;
        QString adminToken, agentToken;
        qint64 conversationId = 0;
        qint64 messageId = 0;      // inbound text message
        qint64 mediaMessageId = 0; // inbound image with a stored file
        qint64 failedMessageId = 0; // outbound text that failed (retry / dismiss)
        qint64 apiKeyId = 0;
        QString apiKey;
    };
    Seeded seed(const QString &slug, const QString &phoneNumberId);
    UserId platformAdmin();
    qint64 count(const QString &sql, const QVariantList &binds = {});
    void openWindow(qint64 conversationId);
    // Every row of every tenant-scoped table that belongs to the tenant, as text.
    QString snapshot(TenantId tenant);

    Database &db() { return m_context->database(); }

    std::unique_ptr<TestDatabase> m_test;
    std::unique_ptr<ServerContext> m_context;
    std::unique_ptr<HttpFront> m_front;
    quint16 m_port = 0;
    QNetworkAccessManager m_network;
};

void TestApi::initTestCase()
{
    QVERIFY(checkBackendAvailable());
}

void TestApi::init()
{
    auto t = TestDatabase::create();
    PUENTE_VERIFY_OK(t);
    m_test = std::move(t).value();
    startServer();
}

void TestApi::startServer(const QHash<QString, QString> &extra)
{
    m_front.reset();
    m_context.reset();
    Settings settings;
    settings.setOverride(QStringLiteral("database"), m_test->url());
    settings.setOverride(QStringLiteral("data_dir"), m_test->dir());
    settings.setOverride(QStringLiteral("password_hash_log_n"), QStringLiteral("10"));
    settings.setOverride(QStringLiteral("default_phone_region"), QStringLiteral("ES"));
    settings.setOverride(QStringLiteral("graph_base_url"), QStringLiteral("http://127.0.0.1:1")); // never the real Meta
    settings.setOverride(QStringLiteral("dispatcher"), QStringLiteral("off")); // queued messages stay queued here
    settings.setOverride(QStringLiteral("media_fetcher"), QStringLiteral("off"));
    for (auto it = extra.begin(); it != extra.end(); ++it)
        settings.setOverride(it.key(), it.value());
    auto running = RunningServer::start(settings);
    PUENTE_VERIFY_OK(running);
    m_context = std::move(running.value().context);
    m_front = std::move(running.value().front);
    m_port = running->port;
}

void TestApi::cleanup()
{
    m_front.reset();
    m_context.reset();
    m_test.reset();
}

TestApi::Reply TestApi::call(const QByteArray &method, const QString &path, const QString &token, const QJsonObject &body,
                             const QList<std::pair<QByteArray, QByteArray>> &headers, const QByteArray &rawBody)
{
    QByteArray payload = rawBody;
    if (payload.isEmpty() && !body.isEmpty())
        payload = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return waitForReply(sendRequest(m_network, m_port, method, path, token, payload, headers));
}

QString TestApi::login(const QString &email, const QString &tenant)
{
    QJsonObject body{{QStringLiteral("email"), email}, {QStringLiteral("password"), kPassword}};
    if (!tenant.isEmpty())
        body.insert(QStringLiteral("tenant"), tenant);
    const Reply r = call("POST", QStringLiteral("/api/auth/login"), {}, body);
    if (r.status != 200)
        qWarning() << "login failed" << r.status << r.raw;
    return r.body.value(QStringLiteral("token")).toString();
}

qint64 TestApi::count(const QString &sql, const QVariantList &binds)
{
    return test::queryCount(db(), sql, binds);
}

void TestApi::openWindow(qint64 conversationId)
{
    Transaction tx(db());
    Sql q(tx.connection(), QStringLiteral("UPDATE whatsapp_conversations SET last_inbound_at = ? WHERE id = ?"));
    q.bind(nowMs() - 60'000).bind(conversationId);
    QVERIFY(q.exec());
    QVERIFY(tx.commit());
}

TestApi::Seeded TestApi::seed(const QString &slug, const QString &phoneNumberId)
{
    Seeded s;
    s.slug = slug;
    auto tenant = TenantRepository(db()).create(slug, QStringLiteral("Empresa ") + slug, Plan::Pro);
    if (!tenant)
        qFatal("seed tenant");
    s.tenant = tenant->id;
    WhatsAppConfig c;
    c.businessApiToken = QStringLiteral("EAAB-token-of-") + slug;
    c.phoneNumberId = phoneNumberId;
    c.businessAccountId = QStringLiteral("9") + phoneNumberId;
    c.webhookVerifyToken = slug + QStringLiteral("-verify");
    c.appSecret = QStringLiteral("app-secret-of-") + slug;
    if (!WhatsAppConfigRepository(db(), m_context->keyring()).save(s.tenant, c, QStringLiteral("test")))
        qFatal("seed config");
    UserRepository users(db(), kFast);
    auto admin = users.create({s.tenant, QStringLiteral("admin@%1.example").arg(slug), QStringLiteral("Admin %1").arg(slug), Role::TenantAdmin, kPassword},
                              QStringLiteral("test"));
    auto agent = users.create({s.tenant, QStringLiteral("agent@%1.example").arg(slug), QStringLiteral("Agent %1").arg(slug), Role::Agent, kPassword},
                              QStringLiteral("test"));
    if (!admin || !agent)
        qFatal("seed users");
    s.adminId = admin->id;
    s.agentId = agent->id;
    s.adminToken = SessionRepository(db()).create(s.adminId, 3'600'000)->token;
    s.agentToken = SessionRepository(db()).create(s.agentId, 3'600'000)->token;

    // A conversation with an inbound text and an inbound image whose file is stored.
    Transaction tx(db());
    const qint64 now = nowMs();
    Sql conv(tx.connection(), QStringLiteral("INSERT INTO whatsapp_conversations (tenant_id, conversation_id, contact_wa_id, contact_phone, "
                                             "contact_name, status, last_message_at, last_inbound_at, last_message_preview, unread_count, created_at, updated_at) "
                                             "VALUES (?, ?, ?, ?, ?, 'active', ?, ?, ?, 2, ?, ?) RETURNING id"));
    const QString wa = QStringLiteral("3461%1").arg(qHash(slug) % 10000000, 7, 10, QLatin1Char('0'));
    conv.bind(s.tenant.value).bind(wa).bind(wa).bind(QLatin1Char('+') + wa).bind(QStringLiteral("Candidata ") + slug).bind(now).bind(now)
        .bind(QStringLiteral("hola")).bind(now).bind(now);
    if (!conv.exec() || !conv.next())
        qFatal("seed conversation");
    s.conversationId = conv.int64(0);
    conv.finish();
    const QByteArray file = "image bytes of " + slug.toUtf8();
    const QString sha = QString::fromLatin1(crypto::sha256(file).toHex());
    QDir().mkpath(m_test->dir() + QStringLiteral("/media/") + sha.left(2));
    QFile f(m_test->dir() + QStringLiteral("/media/") + sha.left(2) + QLatin1Char('/') + sha);
    if (!f.open(QIODevice::WriteOnly) || f.write(file) != file.size())
        qFatal("seed media");
    f.close();
    for (int i = 0; i < 2; ++i) {
        Sql m(tx.connection(), QStringLiteral("INSERT INTO whatsapp_messages (tenant_id, conversation_id, provider_message_id, direction, type, content, "
                                              "status, timestamp, media_id, media_mime_type, media_file, created_at, updated_at) "
                                              "VALUES (?, ?, ?, 'inbound', ?, ?, 'received', ?, ?, ?, ?, ?, ?) RETURNING id"));
        m.bind(s.tenant.value).bind(s.conversationId).bind(QStringLiteral("wamid.%1.%2").arg(slug).arg(i))
            .bind(i == 0 ? QStringLiteral("text") : QStringLiteral("image"))
            .bind(i == 0 ? QStringLiteral("hola, busco trabajo de %1").arg(slug) : QString())
            .bind(now - 1000 + i)
            .bind(i == 0 ? QVariant(QMetaType(QMetaType::QString)) : QVariant(QStringLiteral("media-") + slug))
            .bind(i == 0 ? QVariant(QMetaType(QMetaType::QString)) : QVariant(QStringLiteral("image/jpeg")))
            .bind(i == 0 ? QVariant(QMetaType(QMetaType::QString)) : QVariant(sha))
            .bind(now).bind(now);
        if (!m.exec() || !m.next())
            qFatal("seed message");
        (i == 0 ? s.messageId : s.mediaMessageId) = m.int64(0);
    }
    {
        Sql m(tx.connection(), QStringLiteral("INSERT INTO whatsapp_messages (tenant_id, conversation_id, direction, type, content, status, timestamp, "
                                              "error_code, error_title, created_at, updated_at) VALUES (?, ?, 'outbound', 'text', 'hola', 'failed', ?, "
                                              "131026, 'Message undeliverable', ?, ?) RETURNING id"));
        m.bind(s.tenant.value).bind(s.conversationId).bind(now - 500).bind(now).bind(now);
        if (!m.exec() || !m.next())
            qFatal("seed failed message");
        s.failedMessageId = m.int64(0);
        m.finish();
        Sql o(tx.connection(), QStringLiteral("INSERT INTO outbox (tenant_id, message_id, request, state, attempts, next_attempt_at, created_at, updated_at) "
                                              "VALUES (?, ?, '{}', 'failed', 1, ?, ?, ?)"));
        o.bind(s.tenant.value).bind(s.failedMessageId).bind(now).bind(now).bind(now);
        if (!o.exec())
            qFatal("seed outbox");
    }
    if (!tx.commit())
        qFatal("seed commit");
    auto key = ApiKeyRepository(db()).create(s.tenant, QStringLiteral("CRM"), ApiScope::all(), QStringLiteral("test"));
    if (!key)
        qFatal("seed key");
    s.apiKeyId = key->apiKey.id;
    s.apiKey = key->key;
    return s;
}

UserId TestApi::platformAdmin()
{
    auto u = UserRepository(db(), kFast).create({TenantId(), QStringLiteral("ops@puente.example"), QStringLiteral("Ops"), Role::PlatformAdmin, kPassword},
                                                QStringLiteral("test"));
    return u ? u->id : UserId();
}

QString TestApi::snapshot(TenantId tenant)
{
    QString out;
    const QStringList tables = {QStringLiteral("tenants"), QStringLiteral("users"), QStringLiteral("api_keys"), QStringLiteral("whatsapp_config"),
                                QStringLiteral("whatsapp_conversations"), QStringLiteral("whatsapp_messages"), QStringLiteral("outbox"),
                                QStringLiteral("sessions"), QStringLiteral("audit_log"), QStringLiteral("events"),
                                QStringLiteral("notification_rules"), QStringLiteral("notifications"), QStringLiteral("callback_deliveries")};
    for (const QString &table : tables) {
        Sql q(db().connection(), QStringLiteral("SELECT * FROM %1 WHERE %2 = ? ORDER BY id").arg(table, table == QLatin1String("tenants") ? QStringLiteral("id") : QStringLiteral("tenant_id")));
        q.bind(tenant.value);
        if (!q.exec())
            return QStringLiteral("query failed on ") + table;
        out += table + QLatin1Char('\n');
        while (q.next()) {
            for (int i = 0; i < 40; ++i) {
                const QVariant v = q.value(i);
                if (!v.isValid())
                    break;
                out += v.toString() + QLatin1Char('|');
            }
            out += QLatin1Char('\n');
        }
    }
    return out;
}

// ---------------------------------------------------------------- accounts

void TestApi::loginMeLogout()
{
    const Seeded a = seed(QStringLiteral("acme"), QStringLiteral("1001"));
    const Reply r = call("POST", QStringLiteral("/api/auth/login"), {},
                         {{QStringLiteral("email"), QStringLiteral("  Admin@ACME.example ")}, {QStringLiteral("password"), kPassword}});
    QCOMPARE(r.status, 200);
    const QString token = r.body.value(QStringLiteral("token")).toString();
    QVERIFY(token.size() >= 40);
    QVERIFY(r.body.value(QStringLiteral("expires_at")).toInteger() > nowMs());
    const QJsonObject user = r.body.value(QStringLiteral("user")).toObject();
    QCOMPARE(user.value(QStringLiteral("email")).toString(), QStringLiteral("admin@acme.example"));
    QCOMPARE(user.value(QStringLiteral("role")).toString(), QStringLiteral("tenant_admin"));
    QCOMPARE(user.value(QStringLiteral("tenant")).toObject().value(QStringLiteral("slug")).toString(), QStringLiteral("acme"));
    QCOMPARE(user.value(QStringLiteral("tenant")).toObject().value(QStringLiteral("id")).toInteger(), a.tenant.value);
    // Stored hashed, never in clear.
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM sessions WHERE token_hash = ?"), {token}), qint64(0));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM sessions WHERE token_hash = ?"), {SessionRepository::hashToken(token)}), qint64(1));

    Reply me = call("GET", QStringLiteral("/api/me"), token);
    QCOMPARE(me.status, 200);
    QCOMPARE(me.body.value(QStringLiteral("user")).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("Admin acme"));
    QCOMPARE(call("GET", QStringLiteral("/api/me")).status, 401);
    QCOMPARE(call("GET", QStringLiteral("/api/me")).code(), QStringLiteral("unauthenticated"));

    QCOMPARE(call("POST", QStringLiteral("/api/auth/logout"), token).status, 204);
    me = call("GET", QStringLiteral("/api/me"), token);
    QCOMPARE(me.status, 401);
    QCOMPARE(me.code(), QStringLiteral("invalid_token"));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.login' AND actor_user_id = ?"), {a.adminId.value}), qint64(1));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.logout' AND actor_user_id = ?"), {a.adminId.value}), qint64(1));
    QVERIFY(count(QStringLiteral("SELECT COUNT(*) FROM users WHERE id = ? AND last_login_at IS NOT NULL"), {a.adminId.value}) == 1);
}

void TestApi::wrongPasswordAndUnknownEmailLookTheSame()
{
    seed(QStringLiteral("acme"), QStringLiteral("1001"));
    const Reply wrong = call("POST", QStringLiteral("/api/auth/login"), {},
                             {{QStringLiteral("email"), QStringLiteral("admin@acme.example")}, {QStringLiteral("password"), QStringLiteral("not the password")}});
    const Reply unknown = call("POST", QStringLiteral("/api/auth/login"), {},
                               {{QStringLiteral("email"), QStringLiteral("nobody@acme.example")}, {QStringLiteral("password"), QStringLiteral("not the password")}});
    QCOMPARE(wrong.status, 401);
    QCOMPARE(unknown.status, 401);
    QCOMPARE(wrong.raw, unknown.raw);
    QCOMPARE(wrong.code(), QStringLiteral("invalid_credentials"));
    // Both audited; the attacked account's tenant sees its failure.
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.login_failed' AND tenant_id IS NOT NULL")), qint64(1));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.login_failed' AND tenant_id IS NULL")), qint64(1));
    // Missing fields are 422, not a crash or a 500.
    const Reply missing = call("POST", QStringLiteral("/api/auth/login"), {}, {{QStringLiteral("email"), QStringLiteral("a@b.example")}});
    QCOMPARE(missing.status, 422);
    QCOMPARE(missing.field(), QStringLiteral("password"));
}

void TestApi::loginThrottlingSlowsDown()
{
    seed(QStringLiteral("acme"), QStringLiteral("1001"));
    const QJsonObject bad{{QStringLiteral("email"), QStringLiteral("agent@acme.example")}, {QStringLiteral("password"), QStringLiteral("wrong password!")}};
    for (int i = 0; i < 5; ++i)
        QCOMPARE(call("POST", QStringLiteral("/api/auth/login"), {}, bad).status, 401);
    // Five failures: the next attempt must wait, even with the right password.
    const Reply slowed = call("POST", QStringLiteral("/api/auth/login"), {},
                              {{QStringLiteral("email"), QStringLiteral("agent@acme.example")}, {QStringLiteral("password"), kPassword}});
    QCOMPARE(slowed.status, 429);
    QCOMPARE(slowed.code(), QStringLiteral("too_many_attempts"));
    QVERIFY(slowed.header("Retry-After").toInt() >= 1);
    // Another account from the same address is not affected yet.
    QVERIFY(!login(QStringLiteral("admin@acme.example")).isEmpty());
    // After the wait, the right password works and clears the count.
    QTest::qWait(1100);
    QVERIFY(!login(QStringLiteral("agent@acme.example")).isEmpty());
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM login_throttle WHERE throttle_key = 'email:agent@acme.example'")), qint64(0));
}

void TestApi::loginLockout()
{
    // The lock, with a policy that locks at once (no waiting in the test).
    seed(QStringLiteral("acme"), QStringLiteral("1001"));
    AuthPolicy policy;
    policy.emailSlowAfter = 100;
    policy.emailLockAfter = 3;
    policy.scrypt = kFast;
    AuthService auth(db(), policy);
    for (int i = 0; i < 3; ++i)
        PUENTE_VERIFY_ERROR(auth.login({QStringLiteral("agent@acme.example"), QStringLiteral("wrong password!"), {}, QStringLiteral("10.0.0.9"), {}}),
                            "invalid_credentials");
    qint64 retry = 0;
    auto locked = auth.login({QStringLiteral("agent@acme.example"), kPassword, {}, QStringLiteral("10.0.0.10"), {}}, &retry);
    PUENTE_VERIFY_ERROR(locked, "too_many_attempts");
    QVERIFY2(retry > 14 * 60'000 && retry <= 15 * 60'000, qPrintable(QString::number(retry)));
    // An unknown email is throttled the same way (no hint that it does not exist).
    for (int i = 0; i < 3; ++i)
        PUENTE_VERIFY_ERROR(auth.login({QStringLiteral("ghost@acme.example"), QStringLiteral("wrong password!"), {}, QStringLiteral("10.0.0.11"), {}}),
                            "invalid_credentials");
    PUENTE_VERIFY_ERROR(auth.login({QStringLiteral("ghost@acme.example"), QStringLiteral("wrong password!"), {}, QStringLiteral("10.0.0.11"), {}}),
                        "too_many_attempts");
    // Failures arriving at once all count, and none lifts the lock.
    {
        QList<QFuture<void>> running;
        for (int i = 0; i < 12; ++i)
            running.append(QtConcurrent::run([&auth] {
                (void)auth.login({QStringLiteral("admin@acme.example"), QStringLiteral("wrong password!"), {}, QStringLiteral("10.0.0.12"), {}});
            }));
        for (auto &f : running)
            f.waitForFinished();
        PUENTE_VERIFY_ERROR(auth.login({QStringLiteral("admin@acme.example"), kPassword, {}, QStringLiteral("10.0.0.13"), {}}), "too_many_attempts");
    }
    // When the lock has passed, the right password works again.
    {
        Transaction tx(db());
        QVERIFY(Sql::run(tx.connection(), QStringLiteral("UPDATE login_throttle SET locked_until = 1")));
        QVERIFY(tx.commit());
    }
    PUENTE_VERIFY_OK(auth.login({QStringLiteral("agent@acme.example"), kPassword, {}, QStringLiteral("10.0.0.10"), {}}));
}

void TestApi::emailInTwoTenantsNeedsTenant()
{
    const Seeded a = seed(QStringLiteral("acme"), QStringLiteral("1001"));
    const Seeded b = seed(QStringLiteral("bravo"), QStringLiteral("2002"));
    PUENTE_VERIFY_OK(UserRepository(db(), kFast).create({a.tenant, QStringLiteral("sam@both.example"), QStringLiteral("Sam"), Role::Agent, kPassword}, QStringLiteral("t")));
    PUENTE_VERIFY_OK(UserRepository(db(), kFast).create({b.tenant, QStringLiteral("sam@both.example"), QStringLiteral("Sam"), Role::Agent, kPassword}, QStringLiteral("t")));
    const Reply ambiguous = call("POST", QStringLiteral("/api/auth/login"), {},
                                 {{QStringLiteral("email"), QStringLiteral("sam@both.example")}, {QStringLiteral("password"), kPassword}});
    QCOMPARE(ambiguous.status, 422);
    QCOMPARE(ambiguous.code(), QStringLiteral("tenant_required"));
    QCOMPARE(ambiguous.field(), QStringLiteral("tenant"));
    const QString token = login(QStringLiteral("sam@both.example"), QStringLiteral("bravo"));
    QVERIFY(!token.isEmpty());
    const Reply me = call("GET", QStringLiteral("/api/me"), token);
    QCOMPARE(me.body.value(QStringLiteral("user")).toObject().value(QStringLiteral("tenant")).toObject().value(QStringLiteral("slug")).toString(),
             QStringLiteral("bravo"));
    // A wrong password with a tenant is a plain failure.
    QCOMPARE(call("POST", QStringLiteral("/api/auth/login"), {},
                  {{QStringLiteral("email"), QStringLiteral("sam@both.example")}, {QStringLiteral("password"), QStringLiteral("nope nope nope")},
                   {QStringLiteral("tenant"), QStringLiteral("acme")}}).status,
             401);
}

void TestApi::tokenExpiryIdleSlidingAndAbsolute()
{
    const Seeded a = seed(QStringLiteral("acme"), QStringLiteral("1001"));
    const QString token = login(QStringLiteral("agent@acme.example"));
    QVERIFY(!token.isEmpty());
    const QString hash = SessionRepository::hashToken(token);
    auto setColumns = [&](const QString &set) {
        Transaction tx(db());
        Sql q(tx.connection(), QStringLiteral("UPDATE sessions SET %1 WHERE token_hash = ?").arg(set));
        q.bind(hash);
        QVERIFY(q.exec());
        QVERIFY(tx.commit());
    };
    // Sliding: a session used after a while moves its idle expiry forward.
    setColumns(QStringLiteral("last_seen_at = %1, expires_at = %2").arg(nowMs() - 120'000).arg(nowMs() + 30'000));
    QCOMPARE(call("GET", QStringLiteral("/api/me"), token).status, 200);
    QVERIFY(count(QStringLiteral("SELECT expires_at FROM sessions WHERE token_hash = ?"), {hash}) > nowMs() + 11 * 3'600'000);
    // Idle too long: gone.
    setColumns(QStringLiteral("expires_at = %1").arg(nowMs() - 1));
    Reply r = call("GET", QStringLiteral("/api/whatsapp/conversations"), token);
    QCOMPARE(r.status, 401);
    QCOMPARE(r.code(), QStringLiteral("invalid_token"));
    // The absolute limit holds however recently the session was used.
    setColumns(QStringLiteral("expires_at = %1, absolute_expires_at = %2").arg(nowMs() + 3'600'000).arg(nowMs() - 1));
    QCOMPARE(call("GET", QStringLiteral("/api/me"), token).status, 401);
    // And the sliding never passes the absolute limit.
    const QString second = login(QStringLiteral("admin@acme.example"));
    {
        Transaction tx(db());
        Sql q(tx.connection(), QStringLiteral("UPDATE sessions SET last_seen_at = ?, absolute_expires_at = ? WHERE token_hash = ?"));
        q.bind(nowMs() - 120'000).bind(nowMs() + 600'000).bind(SessionRepository::hashToken(second));
        QVERIFY(q.exec());
        QVERIFY(tx.commit());
    }
    QCOMPARE(call("GET", QStringLiteral("/api/me"), second).status, 200);
    QVERIFY(count(QStringLiteral("SELECT expires_at - absolute_expires_at FROM sessions WHERE token_hash = ?"), {SessionRepository::hashToken(second)}) <= 0);
    Q_UNUSED(a);
}

// ---------------------------------------------------------------- rules

void TestApi::requestRulesAndErrorStatuses()
{
    const Seeded a = seed(QStringLiteral("acme"), QStringLiteral("1001"));
    // 400 malformed JSON, with where.
    Reply r = call("POST", QStringLiteral("/api/users"), a.adminToken, {}, {}, QByteArrayLiteral("{\"email\": "));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.code(), QStringLiteral("malformed_json"));
    r = call("POST", QStringLiteral("/api/users"), a.adminToken, {}, {}, QByteArrayLiteral("[1,2]"));
    QCOMPARE(r.status, 400);
    // 415 not JSON.
    r = call("POST", QStringLiteral("/api/users"), a.adminToken, {}, {{"Content-Type", "text/plain"}}, QByteArrayLiteral("email=x"));
    QCOMPARE(r.status, 415);
    QCOMPARE(r.code(), QStringLiteral("unsupported_media_type"));
    // 413 too large.
    r = call("POST", QStringLiteral("/api/users"), a.adminToken, {}, {}, "{\"name\":\"" + QByteArray(1100 * 1024, 'x') + "\"}");
    QCOMPARE(r.status, 413);
    QCOMPARE(r.code(), QStringLiteral("too_large"));
    // 405 with Allow, for API routes and the webhook alike.
    r = call("PUT", QStringLiteral("/api/users"), a.adminToken);
    QCOMPARE(r.status, 405);
    QCOMPARE(r.header("Allow"), QByteArrayLiteral("GET, POST"));
    QCOMPARE(r.code(), QStringLiteral("method_not_allowed"));
    QCOMPARE(call("DELETE", QStringLiteral("/api/whatsapp/webhook")).status, 405);
    QCOMPARE(call("POST", QStringLiteral("/api/me"), a.adminToken).status, 405);
    // 404: unknown path, unknown id, non-numeric id.
    QCOMPARE(call("GET", QStringLiteral("/api/nothing-here"), a.adminToken).status, 404);
    QCOMPARE(call("GET", QStringLiteral("/api/whatsapp/conversations/999999"), a.adminToken).status, 404);
    QCOMPARE(call("GET", QStringLiteral("/api/whatsapp/conversations/abc"), a.adminToken).status, 404);
    // An all-digit slug would read as a tenant id.
    platformAdmin();
    QCOMPARE(call("POST", QStringLiteral("/api/admin/tenants"), login(QStringLiteral("ops@puente.example")),
                  {{QStringLiteral("slug"), QStringLiteral("2024")}, {QStringLiteral("name"), QStringLiteral("x")}}).field(),
             QStringLiteral("slug"));
    // 401 without or with a bad token; 403 for a role.
    QCOMPARE(call("GET", QStringLiteral("/api/users")).status, 401);
    QCOMPARE(call("GET", QStringLiteral("/api/users"), QStringLiteral("made-up-token")).status, 401);
    r = call("GET", QStringLiteral("/api/users"), a.agentToken);
    QCOMPARE(r.status, 403);
    QCOMPARE(r.code(), QStringLiteral("forbidden"));
    // 422 with the field; 409 for a conflict.
    r = call("POST", QStringLiteral("/api/users"), a.adminToken,
             {{QStringLiteral("email"), QStringLiteral("new@acme.example")}, {QStringLiteral("name"), QStringLiteral("New")},
              {QStringLiteral("role"), QStringLiteral("agent")}, {QStringLiteral("password"), QStringLiteral("short")}});
    QCOMPARE(r.status, 422);
    QCOMPARE(r.code(), QStringLiteral("weak_password"));
    QCOMPARE(r.field(), QStringLiteral("password"));
    r = call("POST", QStringLiteral("/api/users"), a.adminToken,
             {{QStringLiteral("email"), 42}, {QStringLiteral("name"), QStringLiteral("New")}, {QStringLiteral("role"), QStringLiteral("agent")},
              {QStringLiteral("password"), kPassword}});
    QCOMPARE(r.status, 422);
    QCOMPARE(r.field(), QStringLiteral("email"));
    r = call("POST", QStringLiteral("/api/users"), a.adminToken,
             {{QStringLiteral("email"), QStringLiteral("agent@acme.example")}, {QStringLiteral("name"), QStringLiteral("Dup")},
              {QStringLiteral("role"), QStringLiteral("agent")}, {QStringLiteral("password"), kPassword}});
    QCOMPARE(r.status, 409);
    QCOMPARE(r.code(), QStringLiteral("email_taken"));
    // Nothing was created by any of the refused requests.
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM users WHERE tenant_id = ?"), {a.tenant.value}), qint64(2));
    // Every error body has the same shape.
    QVERIFY(r.body.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString().size() > 5);
}

void TestApi::rateLimitsAnswer429WithRetryAfter()
{
    // Buckets that refill too slowly to matter during the test.
    startServer({{QStringLiteral("rate_limit_user_per_second"), QStringLiteral("0.001")},
                 {QStringLiteral("rate_limit_user_burst"), QStringLiteral("3")},
                 {QStringLiteral("rate_limit_tenant_per_second"), QStringLiteral("0.001")},
                 {QStringLiteral("rate_limit_tenant_burst"), QStringLiteral("5")}});
    const Seeded a = seed(QStringLiteral("acme"), QStringLiteral("1001"));
    const Seeded b = seed(QStringLiteral("bravo"), QStringLiteral("2002"));
    for (int i = 0; i < 3; ++i)
        QCOMPARE(call("GET", QStringLiteral("/api/whatsapp/conversations"), a.agentToken).status, 200);
    Reply r = call("GET", QStringLiteral("/api/whatsapp/conversations"), a.agentToken);
    QCOMPARE(r.status, 429);
    QCOMPARE(r.code(), QStringLiteral("rate_limited"));
    QVERIFY(r.header("Retry-After").toInt() >= 1);
    // Another user of the same tenant still has the tenant's remaining budget...
    QCOMPARE(call("GET", QStringLiteral("/api/whatsapp/conversations"), a.adminToken).status, 200);
    QCOMPARE(call("GET", QStringLiteral("/api/whatsapp/conversations"), a.adminToken).status, 200);
    QCOMPARE(call("GET", QStringLiteral("/api/whatsapp/conversations"), a.adminToken).status, 429); // tenant bucket (5) spent
    // ...and another tenant is not affected at all.
    QCOMPARE(call("GET", QStringLiteral("/api/whatsapp/conversations"), b.agentToken).status, 200);
    QVERIFY(m_context->metrics().rateLimited.load() >= 2);
    // Guessing tokens from one address is slowed down before any lookup.
    int refused = 0;
    for (int i = 0; i < 25; ++i) {
        const Reply guess = call("GET", QStringLiteral("/api/me"), QStringLiteral("guess-%1").arg(i));
        if (guess.status == 429) {
            ++refused;
            QVERIFY(guess.header("Retry-After").toInt() >= 1);
        } else {
            QCOMPARE(guess.status, 401);
        }
    }
    QVERIFY2(refused >= 4, qPrintable(QString::number(refused)));
}

// Which roles may call which route. Every API route must be listed here.
void TestApi::roleMatrix()
{
    const Seeded a = seed(QStringLiteral("acme"), QStringLiteral("1001"));
    platformAdmin();
    const QString ops = login(QStringLiteral("ops@puente.example"));
    QVERIFY(!ops.isEmpty());
    struct Rule {
        QByteArray method;
        QString path;
        bool agent, admin, platform, apiKey;
    };
    const QString c = QString::number(a.conversationId);
    const QList<Rule> rules = {
        {"POST", QStringLiteral("/api/auth/logout"), true, true, true, false},
        {"GET", QStringLiteral("/api/me"), true, true, true, false},
        {"GET", QStringLiteral("/api/api-keys"), false, true, true, false},
        {"POST", QStringLiteral("/api/api-keys"), false, true, true, false},
        {"DELETE", QStringLiteral("/api/api-keys/{id}"), false, true, true, false},
        {"GET", QStringLiteral("/api/whatsapp/config"), true, true, true, false},
        {"POST", QStringLiteral("/api/whatsapp/config"), false, true, true, false},
        {"POST", QStringLiteral("/api/whatsapp/test-connection"), false, true, true, false},
        {"GET", QStringLiteral("/api/whatsapp/conversations"), true, true, true, true},
        {"POST", QStringLiteral("/api/whatsapp/conversations"), true, true, true, true},
        {"GET", QStringLiteral("/api/whatsapp/conversations/{id}"), true, true, true, true},
        {"PATCH", QStringLiteral("/api/whatsapp/conversations/{id}"), true, true, true, true},
        {"POST", QStringLiteral("/api/whatsapp/conversations/{id}/read"), true, true, true, true},
        {"GET", QStringLiteral("/api/whatsapp/conversations/{id}/messages"), true, true, true, true},
        {"POST", QStringLiteral("/api/whatsapp/conversations/{id}/messages"), true, true, true, true},
        {"GET", QStringLiteral("/api/whatsapp/media/{id}"), true, true, true, true},
        {"POST", QStringLiteral("/api/whatsapp/messages/{id}/retry"), true, true, true, true},
        {"POST", QStringLiteral("/api/whatsapp/messages/{id}/dismiss"), true, true, true, true},
        {"GET", QStringLiteral("/api/whatsapp/templates"), true, true, true, true},
        {"POST", QStringLiteral("/api/whatsapp/templates/sync"), false, true, true, false},
        {"POST", QStringLiteral("/api/whatsapp/media"), true, true, true, true},
        {"GET", QStringLiteral("/api/users"), false, true, true, false},
        {"POST", QStringLiteral("/api/users"), false, true, true, false},
        {"PATCH", QStringLiteral("/api/users/{id}"), false, true, true, false},
        {"DELETE", QStringLiteral("/api/users/{id}"), false, true, true, false},
        {"GET", QStringLiteral("/api/admin/tenants"), false, false, true, false},
        {"POST", QStringLiteral("/api/admin/tenants"), false, false, true, false},
        {"PATCH", QStringLiteral("/api/admin/tenants/{id}"), false, false, true, false},
        {"GET", QStringLiteral("/api/audit-log"), false, true, true, false},
        {"GET", QStringLiteral("/api/admin/plans"), true, true, true, false},
        {"GET", QStringLiteral("/api/usage"), false, true, true, false},
        {"GET", QStringLiteral("/api/whatsapp/health"), false, true, true, false},
        {"GET", QStringLiteral("/api/dead-letters"), false, true, true, false},
        {"POST", QStringLiteral("/api/dead-letters/{id}/replay"), false, true, true, false},
        {"GET", QStringLiteral("/api/tenant-settings"), false, true, true, false},
        {"PATCH", QStringLiteral("/api/tenant-settings"), false, true, true, false},
        {"POST", QStringLiteral("/api/tenant-settings/test-callback"), false, true, true, false},
        {"GET", QStringLiteral("/api/callback-deliveries"), false, true, true, false},
        {"GET", QStringLiteral("/api/notification-rules"), false, true, true, false},
        {"POST", QStringLiteral("/api/notification-rules"), false, true, true, false},
        {"PATCH", QStringLiteral("/api/notification-rules/{id}"), false, true, true, false},
        {"DELETE", QStringLiteral("/api/notification-rules/{id}"), false, true, true, false},
        {"POST", QStringLiteral("/api/notification-rules/preview"), false, true, true, false},
        {"POST", QStringLiteral("/api/notifications"), false, true, true, true},
        {"GET", QStringLiteral("/api/notifications"), false, true, true, true},
        {"GET", QStringLiteral("/api/notifications/{id}"), false, true, true, true},
        {"DELETE", QStringLiteral("/api/notifications/{id}"), false, true, true, true},
        {"GET", QStringLiteral("/api/campaigns"), false, true, true, true},
        {"POST", QStringLiteral("/api/campaigns"), false, true, true, true},
        {"GET", QStringLiteral("/api/campaigns/{id}"), false, true, true, true},
        {"PATCH", QStringLiteral("/api/campaigns/{id}"), false, true, true, true},
        {"DELETE", QStringLiteral("/api/campaigns/{id}"), false, true, true, true},
        {"POST", QStringLiteral("/api/campaigns/{id}/audience"), false, true, true, true},
        {"GET", QStringLiteral("/api/campaigns/{id}/audience"), false, true, true, true},
        {"GET", QStringLiteral("/api/campaigns/{id}/audience/issues.csv"), false, true, true, true},
        {"POST", QStringLiteral("/api/campaigns/{id}/start"), false, true, true, true},
        {"POST", QStringLiteral("/api/campaigns/{id}/pause"), false, true, true, true},
        {"POST", QStringLiteral("/api/campaigns/{id}/resume"), false, true, true, true},
        {"POST", QStringLiteral("/api/campaigns/{id}/cancel"), false, true, true, true},
        {"GET", QStringLiteral("/api/campaigns/{id}/recipients"), false, true, true, true},
        {"GET", QStringLiteral("/api/campaigns/{id}/results.csv"), false, true, true, true},
        {"POST", QStringLiteral("/api/whatsapp/imports"), false, true, true, false},
        {"GET", QStringLiteral("/api/whatsapp/imports"), false, true, true, false},
        {"GET", QStringLiteral("/api/whatsapp/imports/{id}"), false, true, true, false},
    };
    // The matrix covers every route the API registers (public ones aside).
    QStringList covered;
    for (const Rule &rule : rules)
        covered.append(QString::fromLatin1(rule.method) + QLatin1Char(' ') + rule.path);
    const QStringList publicRoutes = {QStringLiteral("POST /api/auth/login"), QStringLiteral("GET /healthz"), QStringLiteral("GET /readyz"),
                                      QStringLiteral("GET /metrics"), QStringLiteral("GET /api/openapi.yaml"), QStringLiteral("GET /api/whatsapp/webhook"),
                                      QStringLiteral("POST /api/whatsapp/webhook"), QStringLiteral("GET /api/ws")};
    for (const QString &route : m_front->routes())
        QVERIFY2(covered.contains(route) || publicRoutes.contains(route), qPrintable(QStringLiteral("route not in the role matrix: ") + route));

    for (const Rule &rule : rules) {
        // Ids that exist but whose use is harmless; the body is deliberately
        // empty, so an allowed call ends in 4xx validation, never 403.
        QString path = rule.path;
        path.replace(QStringLiteral("/api/whatsapp/conversations/{id}"), QStringLiteral("/api/whatsapp/conversations/") + c);
        path.replace(QStringLiteral("/api/whatsapp/media/{id}"), QStringLiteral("/api/whatsapp/media/%1").arg(a.mediaMessageId));
        path.replace(QStringLiteral("{id}"), QStringLiteral("987654"));
        const bool safeToRun = rule.path != QLatin1String("/api/auth/logout");
        if (!safeToRun)
            continue;
        const QList<std::pair<QString, std::pair<QString, bool>>> callers = {
            {QStringLiteral("agent"), {a.agentToken, rule.agent}},
            {QStringLiteral("tenant_admin"), {a.adminToken, rule.admin}},
            {QStringLiteral("platform_admin"), {ops, rule.platform}},
            {QStringLiteral("api_key"), {a.apiKey, rule.apiKey}},
        };
        for (const auto &[who, tokenAndAllowed] : callers) {
            const QJsonObject body = rule.method == "GET" || rule.method == "DELETE" ? QJsonObject() : QJsonObject{{QStringLiteral("x"), 1}};
            const Reply r = call(rule.method, path, tokenAndAllowed.first, body, {{"X-Puente-Tenant", "acme"}});
            const QString what = QStringLiteral("%1 %2 as %3 → %4 %5").arg(QString::fromLatin1(rule.method), rule.path, who).arg(r.status).arg(QString::fromUtf8(r.raw.left(200)));
            if (tokenAndAllowed.second)
                QVERIFY2(r.status != 403 && r.status != 401 && (r.status < 500 || r.status == 502), qPrintable(what)); // 502: Meta unreachable here
            else
                QVERIFY2(r.status == 403, qPrintable(what));
        }
    }
    // A platform admin acting inside a tenant without naming it is told how.
    const Reply noTenant = call("GET", QStringLiteral("/api/whatsapp/conversations"), ops);
    QCOMPARE(noTenant.status, 400);
    QCOMPARE(noTenant.code(), QStringLiteral("tenant_required"));
    QCOMPARE(call("GET", QStringLiteral("/api/whatsapp/conversations"), ops, {}, {{"X-Puente-Tenant", "no-such-tenant"}}).status, 404);
    // Acting inside a tenant is audited in that tenant.
    QVERIFY(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE tenant_id = ? AND action LIKE 'platform_admin.%'"), {a.tenant.value}) >= 2);
}

// Tenant A's admin (the strongest tenant role) against every route with an
// id, using tenant B's ids: always 404, and nothing of B changes.
void TestApi::isolationWalk()
{
    const Seeded a = seed(QStringLiteral("acme"), QStringLiteral("1001"));
    const Seeded b = seed(QStringLiteral("bravo"), QStringLiteral("2002"));
    openWindow(b.conversationId);
    qint64 bDeadLetter = 0;
    {
        Transaction tx(db());
        Sql q(tx.connection(), QStringLiteral("INSERT INTO dead_letters (tenant_id, reason, payload, created_at) VALUES (?, 'bravo reason', "
                                              "'{\"bravo\":\"2002\"}', ?) RETURNING id"));
        q.bind(b.tenant.value).bind(nowMs());
        QVERIFY(q.exec() && q.next());
        bDeadLetter = q.int64(0);
        q.finish();
        QVERIFY(tx.commit());
    }
    // B's notification rule and a scheduled notification (A's walk must not
    // edit, delete, read or cancel them).
    qint64 bRule = 0, bNotification = 0;
    {
        Transaction tx(db());
        Sql r(tx.connection(), QStringLiteral("INSERT INTO notification_rules (tenant_id, event, template_name, language, created_at, updated_at) "
                                              "VALUES (?, 'application_received', 'bravo_tpl', 'es', ?, ?) RETURNING id"));
        r.bind(b.tenant.value).bind(nowMs()).bind(nowMs());
        QVERIFY(r.exec() && r.next());
        bRule = r.int64(0);
        r.finish();
        Sql n(tx.connection(), QStringLiteral("INSERT INTO notifications (tenant_id, rule_id, event, phone, data, status, due_at, created_at, updated_at) "
                                              "VALUES (?, ?, 'application_received', '+34612000002', '{\"bravo\":1}', 'scheduled', ?, ?, ?) RETURNING id"));
        n.bind(b.tenant.value).bind(bRule).bind(nowMs() + 3'600'000).bind(nowMs()).bind(nowMs());
        QVERIFY(n.exec() && n.next());
        bNotification = n.int64(0);
        n.finish();
        QVERIFY(tx.commit());
    }
    // And a campaign of B's, a draft (A's walk must not see, change, start or delete it).
    qint64 bCampaign = 0;
    {
        Transaction tx(db());
        Sql q(tx.connection(), QStringLiteral("INSERT INTO campaigns (tenant_id, name, template_name, language, created_at, updated_at) "
                                              "VALUES (?, 'bravo campaign', 'bravo_tpl', 'es', ?, ?) RETURNING id"));
        q.bind(b.tenant.value).bind(nowMs()).bind(nowMs());
        QVERIFY(q.exec() && q.next());
        bCampaign = q.int64(0);
        q.finish();
        QVERIFY(tx.commit());
    }
    // And an import of B's (a finished job).
    qint64 bImport = 0;
    {
        Transaction tx(db());
        Sql q(tx.connection(), QStringLiteral("INSERT INTO chat_imports (tenant_id, status, file_name, options, created_at, updated_at) "
                                              "VALUES (?, 'done', 'bravo.txt', '{}', ?, ?) RETURNING id"));
        q.bind(b.tenant.value).bind(nowMs()).bind(nowMs());
        QVERIFY(q.exec() && q.next());
        bImport = q.int64(0);
        q.finish();
        QVERIFY(tx.commit());
    }
    const QString before = snapshot(b.tenant);

    // B's id for each kind of path parameter.
    QHash<QString, qint64> idFor = {
        {QStringLiteral("/api/api-keys/{id}"), b.apiKeyId},
        {QStringLiteral("/api/whatsapp/conversations/{id}"), b.conversationId},
        {QStringLiteral("/api/whatsapp/conversations/{id}/read"), b.conversationId},
        {QStringLiteral("/api/whatsapp/conversations/{id}/messages"), b.conversationId},
        {QStringLiteral("/api/whatsapp/media/{id}"), b.mediaMessageId},
        {QStringLiteral("/api/whatsapp/messages/{id}/retry"), b.failedMessageId},
        {QStringLiteral("/api/whatsapp/messages/{id}/dismiss"), b.failedMessageId},
        {QStringLiteral("/api/users/{id}"), b.agentId.value},
        {QStringLiteral("/api/dead-letters/{id}/replay"), bDeadLetter},
        {QStringLiteral("/api/notification-rules/{id}"), bRule},
        {QStringLiteral("/api/notifications/{id}"), bNotification},
        {QStringLiteral("/api/whatsapp/imports/{id}"), bImport},
    };
    for (const char *campaignRoute : {"/api/campaigns/{id}", "/api/campaigns/{id}/audience", "/api/campaigns/{id}/audience/issues.csv",
                                      "/api/campaigns/{id}/start", "/api/campaigns/{id}/pause", "/api/campaigns/{id}/resume",
                                      "/api/campaigns/{id}/cancel", "/api/campaigns/{id}/recipients", "/api/campaigns/{id}/results.csv"})
        idFor.insert(QString::fromLatin1(campaignRoute), bCampaign);
    // Plausible bodies: each would succeed against A's own ids.
    const QHash<QString, QJsonObject> bodyFor = {
        {QStringLiteral("PATCH /api/whatsapp/conversations/{id}"), {{QStringLiteral("status"), QStringLiteral("archived")}}},
        {QStringLiteral("POST /api/whatsapp/conversations/{id}/messages"), {{QStringLiteral("message"), QStringLiteral("hola")}, {QStringLiteral("type"), QStringLiteral("text")}}},
        {QStringLiteral("PATCH /api/users/{id}"), {{QStringLiteral("name"), QStringLiteral("Hijacked")}}},
        {QStringLiteral("PATCH /api/notification-rules/{id}"), {{QStringLiteral("enabled"), false}}},
        {QStringLiteral("PATCH /api/campaigns/{id}"), {{QStringLiteral("name"), QStringLiteral("hijacked")}}},
    };
    const QStringList platformOnly = {QStringLiteral("PATCH /api/admin/tenants/{id}")}; // no tenant role reaches it (role matrix)
    int walked = 0;
    for (const auto &route : m_front->routes()) {
        if (!route.contains(QLatin1Char('{')) || platformOnly.contains(route))
            continue;
        const QString method = route.section(QLatin1Char(' '), 0, 0);
        const QString pattern = route.section(QLatin1Char(' '), 1);
        QVERIFY2(idFor.contains(pattern), qPrintable(QStringLiteral("the isolation walk does not know route ") + route));
        QString path = pattern;
        path.replace(QStringLiteral("{id}"), QString::number(idFor.value(pattern)));
        const QJsonObject body = bodyFor.value(route);
        for (const QString &token : {a.adminToken, a.agentToken, a.apiKey}) {
            const Reply r = call(method.toLatin1(), path, token, body);
            const bool adminRoute = pattern.startsWith(QLatin1String("/api/users")) || pattern.startsWith(QLatin1String("/api/api-keys"))
                                    || pattern.startsWith(QLatin1String("/api/dead-letters"))
                                    || pattern.startsWith(QLatin1String("/api/notification-rules"))
                                    || pattern.startsWith(QLatin1String("/api/whatsapp/imports"));
            const bool crmRoute = pattern.startsWith(QLatin1String("/api/notifications/"))
                                  || pattern.startsWith(QLatin1String("/api/campaigns/")); // admins and keys
            if ((token == a.agentToken && crmRoute) || ((token == a.agentToken || token == a.apiKey) && adminRoute))
                QCOMPARE(r.status, 403); // agents and keys cannot reach admin routes at all
            else
                QVERIFY2(r.status == 404, qPrintable(route + QStringLiteral(" → %1 %2").arg(r.status).arg(QString::fromUtf8(r.raw))));
        }
        ++walked;
    }
    QCOMPARE(walked, 29);
    // The same bodies do work on A's own ids (the walk is not vacuous).
    openWindow(a.conversationId);
    QCOMPARE(call("PATCH", QStringLiteral("/api/users/%1").arg(a.agentId.value), a.adminToken, bodyFor.value(QStringLiteral("PATCH /api/users/{id}"))).status, 200);
    QCOMPARE(call("POST", QStringLiteral("/api/whatsapp/conversations/%1/messages").arg(a.conversationId), a.adminToken,
                  bodyFor.value(QStringLiteral("POST /api/whatsapp/conversations/{id}/messages"))).status, 202);
    QCOMPARE(call("GET", QStringLiteral("/api/whatsapp/media/%1").arg(a.mediaMessageId), a.adminToken).status, 200);

    // Lists and the configuration show only A's own rows.
    for (const QString &path : {QStringLiteral("/api/whatsapp/conversations"), QStringLiteral("/api/users"), QStringLiteral("/api/api-keys"),
                                QStringLiteral("/api/audit-log"), QStringLiteral("/api/whatsapp/config"), QStringLiteral("/api/dead-letters"),
                                QStringLiteral("/api/whatsapp/health"), QStringLiteral("/api/usage"),
                                QStringLiteral("/api/whatsapp/conversations?q=bravo"), QStringLiteral("/api/notifications"),
                                QStringLiteral("/api/notification-rules"), QStringLiteral("/api/callback-deliveries"),
                                QStringLiteral("/api/tenant-settings"), QStringLiteral("/api/campaigns"), QStringLiteral("/api/whatsapp/imports")}) {
        const Reply r = call("GET", path, a.adminToken);
        QCOMPARE(r.status, 200);
        QVERIFY2(!r.raw.contains("bravo") && !r.raw.contains("\"2002\""), qPrintable(path + QStringLiteral(": ") + QString::fromUtf8(r.raw)));
    }
    // Only platform admins choose a tenant: for everyone else the header changes nothing.
    for (const QString &token : {a.adminToken, a.agentToken, a.apiKey}) {
        const Reply r = call("GET", QStringLiteral("/api/whatsapp/conversations"), token, {}, {{"X-Puente-Tenant", "bravo"}});
        QCOMPARE(r.status, 200);
        QVERIFY(!r.raw.contains("bravo"));
        QCOMPARE(call("GET", QStringLiteral("/api/whatsapp/conversations/%1").arg(b.conversationId), token, {},
                      {{"X-Puente-Tenant", QByteArray::number(b.tenant.value)}}).status, 404);
    }
    // Starting a conversation with B's contact's number makes A's own.
    const Reply started = call("POST", QStringLiteral("/api/whatsapp/conversations"), a.adminToken,
                               {{QStringLiteral("phone"), QStringLiteral("+34 612 34 56 78")}});
    QCOMPARE(started.status, 201);
    QVERIFY(started.body.value(QStringLiteral("id")).toInteger() != b.conversationId);

    QCOMPARE(snapshot(b.tenant), before);
}

// ---------------------------------------------------------------- whatsapp config

void TestApi::whatsappConfig()
{
    const Seeded a = seed(QStringLiteral("acme"), QStringLiteral("1001"));
    const Seeded b = seed(QStringLiteral("bravo"), QStringLiteral("2002"));
    Reply r = call("GET", QStringLiteral("/api/whatsapp/config"), a.adminToken, {}, {{"Host", "puente.example.com"}, {"X-Forwarded-Proto", "https"}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body.value(QStringLiteral("business_api_token")).toString(), QStringLiteral("EAA…cme")); // a sixth at each end at most
    QCOMPARE(r.body.value(QStringLiteral("has_token")).toBool(), true);
    QCOMPARE(r.body.value(QStringLiteral("phone_number_id")).toString(), QStringLiteral("1001"));
    // Forwarded headers count only from a trusted proxy (trust_proxy), so
    // here the scheme is the connection's own.
    QCOMPARE(r.body.value(QStringLiteral("webhook_url")).toString(), QStringLiteral("http://puente.example.com/api/whatsapp/webhook"));
    QCOMPARE(r.body.value(QStringLiteral("webhook_verify_token")).toString(), QStringLiteral("acme-verify"));
    QVERIFY(!r.raw.contains("EAAB-token-of-acme") && !r.raw.contains("app-secret-of-acme"));
    // Agents see the status, never a secret (the verify token masked too).
    r = call("GET", QStringLiteral("/api/whatsapp/config"), a.agentToken);
    QCOMPARE(r.status, 200);
    QVERIFY(!r.raw.contains("acme-verify"));

    const QJsonObject good{{QStringLiteral("api_type"), QStringLiteral("business_api")},
                           {QStringLiteral("business_api_token"), QStringLiteral("EAAGnewtokenvalue1234")},
                           {QStringLiteral("phone_number_id"), QStringLiteral("3003")},
                           {QStringLiteral("business_account_id"), QStringLiteral("4004")},
                           {QStringLiteral("webhook_verify_token"), QStringLiteral("new-verify")},
                           {QStringLiteral("app_secret"), QStringLiteral("new-app-secret")},
                           {QStringLiteral("fallback_enabled"), false}};
    auto with = [&](const QString &field, const QJsonValue &value) {
        QJsonObject o = good;
        o.insert(field, value);
        return o;
    };
    // Validation: 422 with the field, nothing saved.
    r = call("POST", QStringLiteral("/api/whatsapp/config"), a.adminToken, with(QStringLiteral("phone_number_id"), QStringLiteral("+34 600")));
    QCOMPARE(r.status, 422);
    QCOMPARE(r.field(), QStringLiteral("phone_number_id"));
    r = call("POST", QStringLiteral("/api/whatsapp/config"), a.adminToken, with(QStringLiteral("business_account_id"), QStringLiteral("abc")));
    QCOMPARE(r.field(), QStringLiteral("business_account_id"));
    r = call("POST", QStringLiteral("/api/whatsapp/config"), a.adminToken, with(QStringLiteral("api_type"), QStringLiteral("whatsapp_web")));
    QCOMPARE(r.status, 422);
    QCOMPARE(r.field(), QStringLiteral("api_type"));
    r = call("POST", QStringLiteral("/api/whatsapp/config"), a.adminToken, with(QStringLiteral("fallback_enabled"), true));
    QCOMPARE(r.field(), QStringLiteral("fallback_enabled"));
    // Another tenant's number: 409.
    r = call("POST", QStringLiteral("/api/whatsapp/config"), a.adminToken, with(QStringLiteral("phone_number_id"), QStringLiteral("2002")));
    QCOMPARE(r.status, 409);
    QCOMPARE(r.code(), QStringLiteral("phone_number_taken"));
    QCOMPARE(r.field(), QStringLiteral("phone_number_id"));
    QCOMPARE(call("GET", QStringLiteral("/api/whatsapp/config"), a.adminToken).body.value(QStringLiteral("phone_number_id")).toString(), QStringLiteral("1001"));

    r = call("POST", QStringLiteral("/api/whatsapp/config"), a.adminToken, good);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body.value(QStringLiteral("business_api_token")).toString(), QStringLiteral("EAA…234"));
    QVERIFY(!r.raw.contains("EAAGnewtokenvalue1234") && !r.raw.contains("new-app-secret"));
    // Stored sealed.
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_config WHERE business_api_token LIKE '%newtoken%' OR app_secret LIKE '%new-app%'")), qint64(0));
    // Saving again without the secrets keeps them.
    QJsonObject noSecrets = good;
    noSecrets.remove(QStringLiteral("business_api_token"));
    noSecrets.remove(QStringLiteral("app_secret"));
    QCOMPARE(call("POST", QStringLiteral("/api/whatsapp/config"), a.adminToken, noSecrets).status, 200);
    auto stored = WhatsAppConfigRepository(db(), m_context->keyring()).find(a.tenant, ApiType::BusinessApi);
    PUENTE_VERIFY_OK(stored);
    QCOMPARE(stored.value()->businessApiToken, QStringLiteral("EAAGnewtokenvalue1234"));
    QCOMPARE(stored.value()->appSecret, QStringLiteral("new-app-secret"));
    // The audit names fields, never values.
    const Reply audit = call("GET", QStringLiteral("/api/audit-log?action=whatsapp_config."), a.adminToken);
    QVERIFY(audit.raw.contains("business_api_token"));
    QVERIFY(!audit.raw.contains("EAAGnewtokenvalue1234") && !audit.raw.contains("new-app-secret"));
    // A tenant with no configuration gets a clear answer.
    const Seeded c = seed(QStringLiteral("charlie"), QStringLiteral("5005"));
    Transaction tx(db());
    Sql del(tx.connection(), QStringLiteral("DELETE FROM whatsapp_config WHERE tenant_id = ?"));
    del.bind(c.tenant.value);
    QVERIFY(del.exec());
    QVERIFY(tx.commit());
    r = call("GET", QStringLiteral("/api/whatsapp/config"), c.adminToken);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body.value(QStringLiteral("configured")).toBool(), false);
    r = call("POST", QStringLiteral("/api/whatsapp/config"), c.adminToken, noSecrets);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.field(), QStringLiteral("business_api_token"));
    Q_UNUSED(b);
}

void TestApi::testConnectionAgainstGraph()
{
    // A stand-in for graph.facebook.com serving Meta's documented bodies.
    auto graph = std::make_unique<FakeServer>();
    QStringList seenAuth;
    bool goodTokenExpired = false;
    graph->route(QStringLiteral("/v23.0/"), [&](const QString &id, const http::Request &request) {
        const QString auth = QString::fromUtf8(request.header("authorization"));
        seenAuth.append(auth);
        if (auth != QLatin1String("Bearer good-token") || goodTokenExpired)
            return http::Reply::json(readFixture(QStringLiteral("error-190-463-session-expired__issue-chatwoot-9708.json")), 401);
        if (id != QLatin1String("106540352242922"))
            return http::Reply::json(QJsonObject{{QStringLiteral("error"), QJsonObject{{QStringLiteral("message"), QStringLiteral("Unsupported get request.")},
                                                                                      {QStringLiteral("code"), 100}, {QStringLiteral("error_subcode"), 33}}}},
                                     400);
        const QString fields = request.queryValue(QStringLiteral("fields"));
        if (fields == QLatin1String("whatsapp_business_manager_messaging_limit"))
            return http::Reply::json(readFixture(QStringLiteral("phone-number-messaging-limit__200__metadocs.json")));
        QJsonObject body = readFixture(QStringLiteral("phone-number-get__200__metadocs.json"));
        body.insert(QStringLiteral("status"), readFixture(QStringLiteral("phone-number-status__200__metadocs.json")).value(QStringLiteral("status")));
        return http::Reply::json(body);
    });
    const quint16 graphPort = graph->listen();
    QVERIFY(graphPort);
    startServer({{QStringLiteral("graph_base_url"), QStringLiteral("http://127.0.0.1:%1").arg(graphPort)}});
    const Seeded a = seed(QStringLiteral("acme"), QStringLiteral("106540352242922"));

    auto findings = [&] {
        const QJsonObject c = call("GET", QStringLiteral("/api/whatsapp/config"), a.adminToken).body;
        QJsonObject out;
        for (const char *key : {"display_phone_number", "verified_name", "quality_rating", "messaging_limit", "checked_at"})
            out.insert(QLatin1String(key), c.value(QLatin1String(key)));
        return out;
    };
    auto allNull = [](const QJsonObject &o) {
        return std::all_of(o.begin(), o.end(), [](const QJsonValue &v) { return v.isNull(); });
    };
    QVERIFY2(allNull(findings()), QJsonDocument(findings()).toJson().constData()); // never tested

    // Values typed in the form, before saving.
    Reply r = call("POST", QStringLiteral("/api/whatsapp/test-connection"), a.adminToken,
                   {{QStringLiteral("business_api_token"), QStringLiteral("good-token")}, {QStringLiteral("phone_number_id"), QStringLiteral("106540352242922")}});
    QCOMPARE(r.status, 200);
    QVERIFY2(r.body.value(QStringLiteral("ok")).toBool(), r.raw.constData());
    const QJsonObject number = r.body.value(QStringLiteral("phone_number")).toObject();
    QCOMPARE(number.value(QStringLiteral("verified_name")).toString(), QStringLiteral("Lucky Shrub"));
    QCOMPARE(number.value(QStringLiteral("display_phone_number")).toString(), QStringLiteral("+1 555-078-3881"));
    QCOMPARE(number.value(QStringLiteral("quality_rating")).toString(), QStringLiteral("GREEN"));
    QCOMPARE(number.value(QStringLiteral("messaging_limit")).toString(), QStringLiteral("TIER_250"));
    QCOMPARE(number.value(QStringLiteral("status")).toString(), QStringLiteral("CONNECTED"));

    // The saved (expired) token: Meta's 190/463 in plain words, and the
    // configuration is marked failing for admins to see.
    r = call("POST", QStringLiteral("/api/whatsapp/test-connection"), a.adminToken);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body.value(QStringLiteral("ok")).toBool(), false);
    const QJsonObject error = r.body.value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("kind")).toString(), QStringLiteral("unauthorized"));
    QCOMPARE(error.value(QStringLiteral("code")).toInt(), 190);
    QCOMPARE(error.value(QStringLiteral("subcode")).toInt(), 463);
    QVERIFY(error.value(QStringLiteral("explanation")).toString().contains(QStringLiteral("expired")));
    QCOMPARE(error.value(QStringLiteral("fbtrace_id")).toString(), QStringLiteral("AZ-HzGEkqc5Vf3E0gy-eAcV"));
    r = call("GET", QStringLiteral("/api/whatsapp/config"), a.adminToken);
    QCOMPARE(r.body.value(QStringLiteral("connection_status")).toString(), QStringLiteral("failing"));
    QVERIFY(r.body.value(QStringLiteral("last_error")).toString().contains(QStringLiteral("expired")));
    QVERIFY(seenAuth.contains(QStringLiteral("Bearer EAAB-token-of-acme"))); // the stored token, opened
    // The typed token worked, but it is not the saved one: nothing is stored about the number.
    QVERIFY2(allNull(findings()), QJsonDocument(findings()).toJson().constData());

    // A successful test of the saved values stores what Meta said about the number.
    const QJsonObject goodConfig{{QStringLiteral("business_api_token"), QStringLiteral("good-token")},
                                 {QStringLiteral("phone_number_id"), QStringLiteral("106540352242922")},
                                 {QStringLiteral("business_account_id"), QStringLiteral("9106540352242922")}};
    // Saving exactly the values the form tested keeps that test's result
    // (issue 23, bug 5): not "not checked yet" after a successful test.
    r = call("POST", QStringLiteral("/api/whatsapp/config"), a.adminToken, goodConfig);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body.value(QStringLiteral("verified_name")).toString(), QStringLiteral("Lucky Shrub"));
    QCOMPARE(r.body.value(QStringLiteral("connection_status")).toString(), QStringLiteral("connected"));
    QVERIFY(findings().value(QStringLiteral("checked_at")).toInteger() > 0);
    const qint64 beforeTest = QDateTime::currentMSecsSinceEpoch();
    r = call("POST", QStringLiteral("/api/whatsapp/test-connection"), a.adminToken);
    QVERIFY2(r.body.value(QStringLiteral("ok")).toBool(), r.raw.constData());
    QJsonObject found = findings();
    QCOMPARE(found.value(QStringLiteral("display_phone_number")).toString(), QStringLiteral("+1 555-078-3881"));
    QCOMPARE(found.value(QStringLiteral("verified_name")).toString(), QStringLiteral("Lucky Shrub"));
    QCOMPARE(found.value(QStringLiteral("quality_rating")).toString(), QStringLiteral("GREEN"));
    QCOMPARE(found.value(QStringLiteral("messaging_limit")).toString(), QStringLiteral("TIER_250"));
    QVERIFY2(found.value(QStringLiteral("checked_at")).toInteger() >= beforeTest, QJsonDocument(found).toJson().constData());
    QCOMPARE(call("GET", QStringLiteral("/api/whatsapp/config"), a.adminToken).body.value(QStringLiteral("connection_status")).toString(),
             QStringLiteral("connected"));

    // A later failure keeps the last success (checked_at dates it) and says it is failing now.
    goodTokenExpired = true;
    r = call("POST", QStringLiteral("/api/whatsapp/test-connection"), a.adminToken);
    QCOMPARE(r.body.value(QStringLiteral("ok")).toBool(), false);
    QCOMPARE(findings(), found);
    QCOMPARE(call("GET", QStringLiteral("/api/whatsapp/config"), a.adminToken).body.value(QStringLiteral("connection_status")).toString(),
             QStringLiteral("failing"));
    goodTokenExpired = false;

    // Saving the same number (another verify token) keeps them; another number clears them.
    QJsonObject sameNumber = goodConfig;
    sameNumber.insert(QStringLiteral("webhook_verify_token"), QStringLiteral("another-verify-token"));
    r = call("POST", QStringLiteral("/api/whatsapp/config"), a.adminToken, sameNumber);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body.value(QStringLiteral("verified_name")).toString(), QStringLiteral("Lucky Shrub"));
    QCOMPARE(findings(), found);
    QJsonObject otherNumber = goodConfig;
    otherNumber.insert(QStringLiteral("phone_number_id"), QStringLiteral("106540352242923"));
    r = call("POST", QStringLiteral("/api/whatsapp/config"), a.adminToken, otherNumber);
    QCOMPARE(r.status, 200);
    QVERIFY2(r.body.value(QStringLiteral("verified_name")).isNull(), r.raw.constData());
    QVERIFY2(allNull(findings()), QJsonDocument(findings()).toJson().constData());

    // A wrong phone number id.
    r = call("POST", QStringLiteral("/api/whatsapp/test-connection"), a.adminToken,
             {{QStringLiteral("business_api_token"), QStringLiteral("good-token")}, {QStringLiteral("phone_number_id"), QStringLiteral("999")}});
    QCOMPARE(r.body.value(QStringLiteral("error")).toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("invalid_parameter"));
    QVERIFY(r.body.value(QStringLiteral("error")).toObject().value(QStringLiteral("explanation")).toString().contains(QStringLiteral("phone number ID")));

    // Meta unreachable: a network error, explained.
    graph.reset();
    startServer({{QStringLiteral("graph_base_url"), QStringLiteral("http://127.0.0.1:1")}});
    const QString token = login(QStringLiteral("admin@acme.example"));
    r = call("POST", QStringLiteral("/api/whatsapp/test-connection"), token);
    QCOMPARE(r.body.value(QStringLiteral("error")).toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("network"));
}

// ---------------------------------------------------------------- conversations

void TestApi::slowMetaHoldsNoRestThread()
{
    // Meta hangs: more connection tests than the API has threads (16) wait
    // for it at once, and the rest of the API still answers meanwhile.
    FakeServer graph;
    QList<http::Answer> held;
    graph.routeLater(QStringLiteral("/v23.0/"), [&](const QString &, const http::Request &, http::Answer answer) { held.append(answer); });
    const quint16 graphPort = graph.listen();
    QVERIFY(graphPort);
    startServer({{QStringLiteral("graph_base_url"), QStringLiteral("http://127.0.0.1:%1").arg(graphPort)},
                 {QStringLiteral("rate_limit_user_per_second"), QStringLiteral("1000")},
                 {QStringLiteral("rate_limit_user_burst"), QStringLiteral("1000")},
                 {QStringLiteral("rate_limit_tenant_burst"), QStringLiteral("1000")}});
    const Seeded a = seed(QStringLiteral("acme"), QStringLiteral("106540352242922"));
    QList<QNetworkReply *> tests;
    for (int i = 0; i < 24; ++i) {
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/api/whatsapp/test-connection").arg(m_port)));
        request.setRawHeader("Authorization", "Bearer " + a.adminToken.toUtf8());
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setTransferTimeout(60'000);
        // Plain HTTP/1.1 allows six connections per host: separate managers.
        auto *manager = new QNetworkAccessManager(this);
        tests.append(manager->post(request, QByteArrayLiteral("{}")));
    }
    // They wait in the Graph client (six at a time reach a plain-HTTP
    // Meta, all at once over HTTP/2), not on REST threads: with 24 blocking
    // handlers the API's 16 threads would all be held and this would wait.
    QTRY_VERIFY_WITH_TIMEOUT(held.size() >= 6, 20'000);
    const Reply me = call("GET", QStringLiteral("/api/me"), a.agentToken);
    QCOMPARE(me.status, 200);
    for (QNetworkReply *reply : std::as_const(tests))
        QVERIFY(!reply->isFinished());
    // Meta answers (an expired token, say): every test answers with it.
    graph.routeLater(QStringLiteral("/v23.0/"), [&](const QString &, const http::Request &, http::Answer answer) {
        answer.send(http::Reply::json(readFixture(QStringLiteral("error-190-463-session-expired__issue-chatwoot-9708.json")), 401));
    });
    for (http::Answer &answer : held)
        answer.send(http::Reply::json(readFixture(QStringLiteral("error-190-463-session-expired__issue-chatwoot-9708.json")), 401));
    for (QNetworkReply *reply : std::as_const(tests)) {
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 20'000);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(QJsonDocument::fromJson(reply->readAll()).object().value(QStringLiteral("ok")).toBool(true), false);
        reply->manager()->deleteLater();
    }
}

void TestApi::conversationsListSearchFilterPage()
{
    const Seeded a = seed(QStringLiteral("acme"), QStringLiteral("1001"));
    // Two more conversations, older than the seeded one, one archived and assigned.
    {
        Transaction tx(db());
        for (int i = 0; i < 2; ++i) {
            const QString name = i == 0 ? QStringLiteral("Ángela Ruiz") : QStringLiteral("Pedro Gómez");
            Sql q(tx.connection(), QStringLiteral("INSERT INTO whatsapp_conversations (tenant_id, conversation_id, contact_wa_id, contact_phone, contact_name, "
                                                  "search_text, status, assigned_user_id, last_message_at, unread_count, created_at, updated_at) "
                                                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)"));
            q.bind(a.tenant.value).bind(QStringLiteral("5255000000%1").arg(i)).bind(QStringLiteral("5255000000%1").arg(i))
                .bind(QStringLiteral("+5255000000%1").arg(i)).bind(name).bind(rows::searchText(name, QStringLiteral("5255000000%1").arg(i)))
                .bind(i == 0 ? QStringLiteral("archived") : QStringLiteral("active"))
                .bind(i == 0 ? QVariant(a.agentId.value) : QVariant(QMetaType(QMetaType::LongLong)))
                .bind(nowMs() - 10'000 * (i + 1)).bind(nowMs()).bind(nowMs());
            QVERIFY(q.exec());
        }
        QVERIFY(tx.commit());
    }
    auto ids = [](const Reply &r) {
        QList<qint64> out;
        for (const QJsonValue &v : r.body.value(QStringLiteral("items")).toArray())
            out.append(v.toObject().value(QStringLiteral("id")).toInteger());
        return out;
    };
    Reply all = call("GET", QStringLiteral("/api/whatsapp/conversations"), a.agentToken);
    QCOMPARE(all.status, 200);
    QCOMPARE(ids(all).size(), 3);
    QCOMPARE(ids(all).first(), a.conversationId); // newest activity first
    const QJsonObject first = all.body.value(QStringLiteral("items")).toArray().first().toObject();
    QCOMPARE(first.value(QStringLiteral("unread_count")).toInt(), 2);
    QVERIFY(first.value(QStringLiteral("window_open_until")).toInteger() > nowMs());
    QCOMPARE(first.value(QStringLiteral("preview")).toString(), QStringLiteral("hola"));
    QVERIFY(first.value(QStringLiteral("phone_display")).toString().startsWith(QStringLiteral("+34 61")));
    // The unread total covers every conversation, whatever the filter, on the first page only.
    QCOMPARE(all.body.value(QStringLiteral("unread_total")).toInteger(), 2);
    QCOMPARE(call("GET", QStringLiteral("/api/whatsapp/conversations?status=archived"), a.agentToken).body.value(QStringLiteral("unread_total")).toInteger(), 2);

    // Search: name (accents, case), phone digits, message text.
    QCOMPARE(ids(call("GET", QStringLiteral("/api/whatsapp/conversations?q=%C3%A1ngela"), a.agentToken)).size(), 1);
    QCOMPARE(ids(call("GET", QStringLiteral("/api/whatsapp/conversations?q=ANGELA"), a.agentToken)).size(), 1);
    QCOMPARE(ids(call("GET", QStringLiteral("/api/whatsapp/conversations?q=g%C3%B3mez"), a.agentToken)).size(), 1);
    QCOMPARE(ids(call("GET", QStringLiteral("/api/whatsapp/conversations?q=PEDRO"), a.agentToken)).size(), 1);
    QCOMPARE(ids(call("GET", QStringLiteral("/api/whatsapp/conversations?q=55%2000%2000%2000"), a.agentToken)).size(), 2);
    QCOMPARE(ids(call("GET", QStringLiteral("/api/whatsapp/conversations?q=busco%20trabajo"), a.agentToken)), QList<qint64>{a.conversationId});
    QCOMPARE(ids(call("GET", QStringLiteral("/api/whatsapp/conversations?q=%25"), a.agentToken)).size(), 0); // % is literal
    // Filters.
    QCOMPARE(ids(call("GET", QStringLiteral("/api/whatsapp/conversations?status=archived"), a.agentToken)).size(), 1);
    QCOMPARE(ids(call("GET", QStringLiteral("/api/whatsapp/conversations?assigned=me"), a.agentToken)).size(), 1);
    QCOMPARE(ids(call("GET", QStringLiteral("/api/whatsapp/conversations?assigned=me"), a.adminToken)).size(), 0);
    QCOMPARE(ids(call("GET", QStringLiteral("/api/whatsapp/conversations?assigned=unassigned"), a.agentToken)).size(), 2);
    QCOMPARE(ids(call("GET", QStringLiteral("/api/whatsapp/conversations?assigned=%1").arg(a.agentId.value), a.adminToken)).size(), 1);
    QCOMPARE(call("GET", QStringLiteral("/api/whatsapp/conversations?status=deleted"), a.agentToken).status, 400);
    // Paging with a cursor: every conversation once, in order.
    QList<qint64> paged;
    QString cursor;
    for (int page = 0; page < 5; ++page) {
        const Reply r = call("GET", QStringLiteral("/api/whatsapp/conversations?limit=1") + (cursor.isEmpty() ? QString() : QStringLiteral("&cursor=") + cursor),
                             a.agentToken);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body.contains(QStringLiteral("unread_total")), cursor.isEmpty());
        paged += ids(r);
        cursor = r.body.value(QStringLiteral("next_cursor")).toString();
        if (cursor.isEmpty())
            break;
    }
    QCOMPARE(paged, ids(all));
    const Reply badCursor = call("GET", QStringLiteral("/api/whatsapp/conversations?cursor=%21%21"), a.agentToken);
    QCOMPARE(badCursor.status, 400);
    QCOMPARE(badCursor.code(), QStringLiteral("invalid_cursor"));
}

void TestApi::startConversationByPhone()
{
    const Seeded a = seed(QStringLiteral("acme"), QStringLiteral("1001"));
    for (const QString &bad : {QStringLiteral("12"), QStringLiteral("hola"), QStringLiteral("+34 123"), QStringLiteral("+999 612 345 678")}) {
        const Reply r = call("POST", QStringLiteral("/api/whatsapp/conversations"), a.agentToken, {{QStringLiteral("phone"), bad}});
        QVERIFY2(r.status == 422, qPrintable(bad));
        QCOMPARE(r.code(), QStringLiteral("invalid_phone_number"));
        QCOMPARE(r.field(), QStringLiteral("phone"));
    }
    Reply r = call("POST", QStringLiteral("/api/whatsapp/conversations"), a.agentToken,
                   {{QStringLiteral("phone"), QStringLiteral("+34 699 11 22 33")}, {QStringLiteral("name"), QStringLiteral("Marta")}});
    QCOMPARE(r.status, 201);
    QCOMPARE(r.body.value(QStringLiteral("phone")).toString(), QStringLiteral("+34699112233"));
    QCOMPARE(r.body.value(QStringLiteral("phone_display")).toString(), QStringLiteral("+34 699 11 22 33"));
    QCOMPARE(r.body.value(QStringLiteral("name")).toString(), QStringLiteral("Marta"));
    const qint64 id = r.body.value(QStringLiteral("id")).toInteger();
    // The same number written differently (national, with 00): the same conversation.
    for (const QString &same : {QStringLiteral("699112233"), QStringLiteral("0034 699-112-233")}) {
        r = call("POST", QStringLiteral("/api/whatsapp/conversations"), a.agentToken, {{QStringLiteral("phone"), same}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body.value(QStringLiteral("id")).toInteger(), id);
    }
    // A new conversation has no open window: only templates.
    QVERIFY(r.body.value(QStringLiteral("window_open_until")).isNull());
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM events WHERE tenant_id = ? AND type = 'conversation.updated'"), {a.tenant.value}), qint64(1));
}

void TestApi::patchAndReadConversation()
{
    const Seeded a = seed(QStringLiteral("acme"), QStringLiteral("1001"));
    const Seeded b = seed(QStringLiteral("bravo"), QStringLiteral("2002"));
    const QString path = QStringLiteral("/api/whatsapp/conversations/%1").arg(a.conversationId);
    Reply r = call("PATCH", path, a.agentToken, {{QStringLiteral("assigned_user_id"), a.agentId.value}, {QStringLiteral("status"), QStringLiteral("archived")}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body.value(QStringLiteral("assigned_user_id")).toInteger(), a.agentId.value);
    QCOMPARE(r.body.value(QStringLiteral("status")).toString(), QStringLiteral("archived"));
    r = call("PATCH", path, a.agentToken, {{QStringLiteral("assigned_user_id"), QJsonValue()}});
    QCOMPARE(r.status, 200);
    QVERIFY(r.body.value(QStringLiteral("assigned_user_id")).isNull());
    // Another tenant's user cannot be assigned; nor can an unknown status be set.
    r = call("PATCH", path, a.agentToken, {{QStringLiteral("assigned_user_id"), b.agentId.value}});
    QCOMPARE(r.status, 422);
    QCOMPARE(r.field(), QStringLiteral("assigned_user_id"));
    r = call("PATCH", path, a.agentToken, {{QStringLiteral("status"), QStringLiteral("deleted")}});
    QCOMPARE(r.status, 422);
    QCOMPARE(r.field(), QStringLiteral("status"));
    QCOMPARE(call("PATCH", path, a.agentToken, {{QStringLiteral("nothing"), 1}}).status, 422);
    // Mark read.
    r = call("POST", path + QStringLiteral("/read"), a.agentToken);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body.value(QStringLiteral("unread_count")).toInt(), 0);
    QCOMPARE(count(QStringLiteral("SELECT unread_count FROM whatsapp_conversations WHERE id = ?"), {a.conversationId}), qint64(0));
    QVERIFY(count(QStringLiteral("SELECT COUNT(*) FROM events WHERE tenant_id = ? AND type = 'conversation.updated'"), {a.tenant.value}) >= 3);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE tenant_id = ? AND action = 'conversation.updated'"), {a.tenant.value}), qint64(2));
}

void TestApi::sendMessages()
{
    const Seeded a = seed(QStringLiteral("acme"), QStringLiteral("1001"));
    const QString path = QStringLiteral("/api/whatsapp/conversations/%1/messages").arg(a.conversationId);
    // The seed's body.
    Reply r = call("POST", path, a.agentToken, {{QStringLiteral("message"), QStringLiteral("Hola")}, {QStringLiteral("type"), QStringLiteral("text")}});
    QCOMPARE(r.status, 202);
    QCOMPARE(r.body.value(QStringLiteral("status")).toString(), QStringLiteral("queued"));
    QCOMPARE(r.body.value(QStringLiteral("direction")).toString(), QStringLiteral("outbound"));
    QCOMPARE(r.body.value(QStringLiteral("content")).toString(), QStringLiteral("Hola"));
    QCOMPARE(r.body.value(QStringLiteral("sent_by_user_id")).toInteger(), a.agentId.value);
    const qint64 id = r.body.value(QStringLiteral("id")).toInteger();
    // The message and its outbox row, together.
    Sql outbox(db().connection(), QStringLiteral("SELECT request, state FROM outbox WHERE message_id = ?"));
    outbox.bind(id);
    QVERIFY(outbox.exec() && outbox.next());
    const QJsonObject request = QJsonDocument::fromJson(outbox.text(0).toUtf8()).object();
    QCOMPARE(outbox.text(1), QStringLiteral("pending"));
    QCOMPARE(request.value(QStringLiteral("text")).toString(), QStringLiteral("Hola"));
    outbox.finish(); // an open read would hold an old snapshot on this thread
    QVERIFY(request.value(QStringLiteral("to")).toString().startsWith(QStringLiteral("3461")));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM events WHERE tenant_id = ? AND type = 'message.created'"), {a.tenant.value}), qint64(1));

    // Reply and reaction to a message of this conversation.
    r = call("POST", path, a.agentToken, {{QStringLiteral("message"), QStringLiteral("¿Cuándo puedes?")}, {QStringLiteral("reply_to"), a.messageId}});
    QCOMPARE(r.status, 202);
    QCOMPARE(r.body.value(QStringLiteral("reply_to")).toString(), QStringLiteral("wamid.acme.0"));
    r = call("POST", path, a.agentToken, {{QStringLiteral("type"), QStringLiteral("reaction")}, {QStringLiteral("emoji"), QStringLiteral("👍")},
                                          {QStringLiteral("reply_to"), a.messageId}});
    QCOMPARE(r.status, 202);
    QCOMPARE(r.body.value(QStringLiteral("reaction")).toString(), QStringLiteral("👍"));
    // Media by id or https link, and template.
    r = call("POST", path, a.agentToken, {{QStringLiteral("type"), QStringLiteral("document")}, {QStringLiteral("media_id"), QStringLiteral("1234")},
                                          {QStringLiteral("filename"), QStringLiteral("contrato.pdf")}, {QStringLiteral("caption"), QStringLiteral("Tu contrato")}});
    QCOMPARE(r.status, 202);
    r = call("POST", path, a.agentToken, {{QStringLiteral("type"), QStringLiteral("image")}, {QStringLiteral("link"), QStringLiteral("http://insecure.example/x.jpg")}});
    QCOMPARE(r.status, 422);
    QCOMPARE(r.field(), QStringLiteral("link"));
    r = call("POST", path, a.agentToken, {{QStringLiteral("type"), QStringLiteral("audio")}, {QStringLiteral("media_id"), QStringLiteral("1")},
                                          {QStringLiteral("caption"), QStringLiteral("no")}});
    QCOMPARE(r.field(), QStringLiteral("caption"));
    // Invalid forms: 422 with the field, nothing queued.
    const qint64 queuedBefore = count(QStringLiteral("SELECT COUNT(*) FROM outbox"));
    struct Bad { QJsonObject body; QString field; };
    const QList<Bad> bad = {
        {{{QStringLiteral("message"), QStringLiteral("   ")}}, QStringLiteral("message")},
        {{{QStringLiteral("message"), QString(4097, QLatin1Char('a'))}}, QStringLiteral("message")},
        {{{QStringLiteral("type"), QStringLiteral("fax")}}, QStringLiteral("type")},
        {{{QStringLiteral("type"), QStringLiteral("reaction")}, {QStringLiteral("emoji"), QStringLiteral("👍")}}, QStringLiteral("reply_to")},
        {{{QStringLiteral("message"), QStringLiteral("x")}, {QStringLiteral("reply_to"), 999999}}, QStringLiteral("reply_to")},
        {{{QStringLiteral("type"), QStringLiteral("image")}}, QStringLiteral("media_id")},
        {{{QStringLiteral("type"), QStringLiteral("template")}, {QStringLiteral("template"), QJsonObject{{QStringLiteral("name"), QStringLiteral("x")}}}},
         QStringLiteral("template.language")},
        {{{QStringLiteral("message"), 5}}, QStringLiteral("message")},
    };
    for (const Bad &b : bad) {
        r = call("POST", path, a.agentToken, b.body);
        QVERIFY2(r.status == 422 && r.field() == b.field, qPrintable(QString::fromUtf8(r.raw)));
    }
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM outbox")), queuedBefore);

    // The 24-hour window: free text refused before anything is queued; a template goes.
    {
        Transaction tx(db());
        Sql q(tx.connection(), QStringLiteral("UPDATE whatsapp_conversations SET last_inbound_at = ? WHERE id = ?"));
        q.bind(nowMs() - 25 * 3'600'000LL).bind(a.conversationId);
        PUENTE_VERIFY_OK(q.exec());
        QVERIFY(tx.commit());
    }
    r = call("POST", path, a.agentToken, {{QStringLiteral("message"), QStringLiteral("¿Sigues ahí?")}});
    QCOMPARE(r.status, 422);
    QCOMPARE(r.code(), QStringLiteral("window_closed"));
    QVERIFY(r.body.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString().contains(QStringLiteral("template")));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM outbox")), queuedBefore);
    r = call("POST", path, a.apiKey, {{QStringLiteral("type"), QStringLiteral("template")},
                                      {QStringLiteral("template"), QJsonObject{{QStringLiteral("name"), QStringLiteral("entrevista_programada")},
                                                                              {QStringLiteral("language"), QStringLiteral("es")},
                                                                              {QStringLiteral("components"), QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("body")}}}}}}});
    QCOMPARE(r.status, 202);
    QCOMPARE(r.body.value(QStringLiteral("template")).toString(), QStringLiteral("entrevista_programada"));
    QVERIFY(!r.body.contains(QStringLiteral("sent_by_user_id"))); // sent by the CRM's key
    // Blocked contacts and tenants without WhatsApp: 409 with what to do.
    QCOMPARE(call("PATCH", QStringLiteral("/api/whatsapp/conversations/%1").arg(a.conversationId), a.agentToken,
                  {{QStringLiteral("status"), QStringLiteral("blocked")}}).status, 200);
    r = call("POST", path, a.agentToken, {{QStringLiteral("type"), QStringLiteral("template")},
                                          {QStringLiteral("template"), QJsonObject{{QStringLiteral("name"), QStringLiteral("t")}, {QStringLiteral("language"), QStringLiteral("es")}}}});
    QCOMPARE(r.status, 409);
    QCOMPARE(r.code(), QStringLiteral("contact_blocked"));
    QCOMPARE(call("PATCH", QStringLiteral("/api/whatsapp/conversations/%1").arg(a.conversationId), a.agentToken,
                  {{QStringLiteral("status"), QStringLiteral("active")}}).status, 200);
    {
        Transaction tx(db());
        QVERIFY(Sql::run(tx.connection(), QStringLiteral("UPDATE whatsapp_config SET is_active = 0")));
        QVERIFY(tx.commit());
    }
    r = call("POST", path, a.agentToken, {{QStringLiteral("type"), QStringLiteral("template")},
                                          {QStringLiteral("template"), QJsonObject{{QStringLiteral("name"), QStringLiteral("t")}, {QStringLiteral("language"), QStringLiteral("es")}}}});
    QCOMPARE(r.status, 409);
    QCOMPARE(r.code(), QStringLiteral("whatsapp_not_configured"));
}

void TestApi::messagesPaging()
{
    const Seeded a = seed(QStringLiteral("acme"), QStringLiteral("1001"));
    openWindow(a.conversationId);
    const QString path = QStringLiteral("/api/whatsapp/conversations/%1/messages").arg(a.conversationId);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(call("POST", path, a.agentToken, {{QStringLiteral("message"), QStringLiteral("mensaje %1").arg(i)}}).status, 202);
    QList<qint64> seen;
    QString before;
    for (int page = 0; page < 10; ++page) {
        const Reply r = call("GET", path + QStringLiteral("?limit=3") + (before.isEmpty() ? QString() : QStringLiteral("&before=") + before), a.agentToken);
        QCOMPARE(r.status, 200);
        for (const QJsonValue &v : r.body.value(QStringLiteral("items")).toArray())
            seen.append(v.toObject().value(QStringLiteral("id")).toInteger());
        before = r.body.value(QStringLiteral("next_cursor")).toString();
        if (before.isEmpty())
            break;
    }
    QCOMPARE(seen.size(), 8); // three seeded + five sent
    QList<qint64> sorted = seen;
    std::sort(sorted.begin(), sorted.end(), std::greater<>());
    QCOMPARE(seen, sorted); // newest first, no gap, no repeat
    QCOMPARE(call("GET", path + QStringLiteral("?before=abc"), a.agentToken).status, 400);
    QCOMPARE(call("GET", path + QStringLiteral("?before=999999"), a.agentToken).code(), QStringLiteral("invalid_cursor"));
}

void TestApi::retryAndDismissFailedMessages()
{
    const Seeded a = seed(QStringLiteral("acme"), QStringLiteral("1001"));
    const QString retry = QStringLiteral("/api/whatsapp/messages/%1/retry").arg(a.failedMessageId);
    // The window is open (the contact wrote a moment ago): back to the outbox.
    Reply r = call("POST", retry, a.agentToken);
    QCOMPARE(r.status, 202);
    QCOMPARE(r.body.value(QStringLiteral("status")).toString(), QStringLiteral("queued"));
    QVERIFY(!r.body.contains(QStringLiteral("error")));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE message_id = ? AND state = 'pending' AND attempts = 0"), {a.failedMessageId}), qint64(1));
    // Queued again, it is not retryable (nor dismissable) until it fails.
    QCOMPARE(call("POST", retry, a.agentToken).code(), QStringLiteral("not_retryable"));
    QCOMPARE(call("POST", QStringLiteral("/api/whatsapp/messages/%1/dismiss").arg(a.failedMessageId), a.agentToken).status, 409);
    // Only outgoing messages with an outbox row.
    QCOMPARE(call("POST", QStringLiteral("/api/whatsapp/messages/%1/retry").arg(a.messageId), a.agentToken).status, 404);
    // An interrupted one: dismissed, it stays failed and loses its flag.
    {
        Transaction tx(db());
        Sql q(tx.connection(), QStringLiteral("UPDATE whatsapp_messages SET status = 'failed', attention = 'interrupted' WHERE id = ?"));
        q.bind(a.failedMessageId);
        QVERIFY(q.exec());
        Sql o(tx.connection(), QStringLiteral("UPDATE outbox SET state = 'needs_attention' WHERE message_id = ?"));
        o.bind(a.failedMessageId);
        QVERIFY(o.exec());
        QVERIFY(tx.commit());
    }
    r = call("POST", QStringLiteral("/api/whatsapp/messages/%1/dismiss").arg(a.failedMessageId), a.agentToken);
    QCOMPARE(r.status, 200);
    QVERIFY(!r.body.contains(QStringLiteral("attention")));
    QCOMPARE(r.body.value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE message_id = ? AND state = 'failed'"), {a.failedMessageId}), qint64(1));
    // Outside the window a text cannot be retried.
    {
        Transaction tx(db());
        Sql q(tx.connection(), QStringLiteral("UPDATE whatsapp_conversations SET last_inbound_at = ? WHERE id = ?"));
        q.bind(nowMs() - 25 * 3'600'000LL).bind(a.conversationId);
        QVERIFY(q.exec());
        QVERIFY(tx.commit());
    }
    QCOMPARE(call("POST", retry, a.agentToken).code(), QStringLiteral("window_closed"));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action IN ('message.retried', 'message.dismissed')")), qint64(2));
}

void TestApi::mediaIsServedToItsTenantOnly()
{
    const Seeded a = seed(QStringLiteral("acme"), QStringLiteral("1001"));
    const Seeded b = seed(QStringLiteral("bravo"), QStringLiteral("2002"));
    Reply r = call("GET", QStringLiteral("/api/whatsapp/media/%1").arg(a.mediaMessageId), a.agentToken);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.raw, QByteArrayLiteral("image bytes of acme"));
    QCOMPARE(r.header("Content-Type"), QByteArrayLiteral("image/jpeg"));
    QCOMPARE(r.header("X-Content-Type-Options"), QByteArrayLiteral("nosniff"));
    QCOMPARE(call("GET", QStringLiteral("/api/whatsapp/media/%1").arg(b.mediaMessageId), a.agentToken).status, 404);
    QCOMPARE(call("GET", QStringLiteral("/api/whatsapp/media/%1").arg(a.messageId), a.agentToken).status, 404); // a text has no media
    // Anything but pictures, sound and video is a download, never inline.
    {
        Transaction tx(db());
        Sql q(tx.connection(), QStringLiteral("UPDATE whatsapp_messages SET media_mime_type = 'text/html' WHERE id = ?"));
        q.bind(a.mediaMessageId);
        QVERIFY(q.exec());
        QVERIFY(tx.commit());
    }
    r = call("GET", QStringLiteral("/api/whatsapp/media/%1").arg(a.mediaMessageId), a.agentToken);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Content-Type"), QByteArrayLiteral("application/octet-stream"));
    QVERIFY(r.header("Content-Disposition").startsWith("attachment"));
    // Known but not downloaded yet: says so.
    {
        Transaction tx(db());
        Sql q(tx.connection(), QStringLiteral("UPDATE whatsapp_messages SET media_file = NULL WHERE id = ?"));
        q.bind(a.mediaMessageId);
        QVERIFY(q.exec());
        QVERIFY(tx.commit());
    }
    r = call("GET", QStringLiteral("/api/whatsapp/media/%1").arg(a.mediaMessageId), a.agentToken);
    QCOMPARE(r.status, 409);
    QCOMPARE(r.code(), QStringLiteral("media_not_available"));
    // A stored name that is not a content hash is never used as a path.
    {
        Transaction tx(db());
        Sql q(tx.connection(), QStringLiteral("UPDATE whatsapp_messages SET media_file = '../../master.key' WHERE id = ?"));
        q.bind(a.mediaMessageId);
        QVERIFY(q.exec());
        QVERIFY(tx.commit());
    }
    QCOMPARE(call("GET", QStringLiteral("/api/whatsapp/media/%1").arg(a.mediaMessageId), a.agentToken).status, 409);
}

// ---------------------------------------------------------------- admin

void TestApi::apiKeys()
{
    const Seeded a = seed(QStringLiteral("acme"), QStringLiteral("1001"));
    Reply r = call("POST", QStringLiteral("/api/api-keys"), a.adminToken,
                   {{QStringLiteral("name"), QStringLiteral("ATS notices")}, {QStringLiteral("scopes"), QJsonArray{QStringLiteral("messages:send")}}});
    QCOMPARE(r.status, 201);
    const QString key = r.body.value(QStringLiteral("key")).toString();
    const qint64 id = r.body.value(QStringLiteral("api_key")).toObject().value(QStringLiteral("id")).toInteger();
    QVERIFY(key.startsWith(QStringLiteral("pk_")));
    QVERIFY(key.startsWith(r.body.value(QStringLiteral("api_key")).toObject().value(QStringLiteral("prefix")).toString() + QLatin1Char('_')));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM api_keys WHERE key_hash = ?"), {key}), qint64(0)); // hashed
    // Listed without the key.
    r = call("GET", QStringLiteral("/api/api-keys"), a.adminToken);
    QCOMPARE(r.status, 200);
    QVERIFY(!r.raw.contains(key.toUtf8()));
    QCOMPARE(r.body.value(QStringLiteral("items")).toArray().size(), 2);
    // Scoped: may send, may not read.
    openWindow(a.conversationId);
    QCOMPARE(call("POST", QStringLiteral("/api/whatsapp/conversations/%1/messages").arg(a.conversationId), key, {{QStringLiteral("message"), QStringLiteral("Recibimos tu solicitud")}}).status, 202);
    r = call("GET", QStringLiteral("/api/whatsapp/conversations"), key);
    QCOMPARE(r.status, 403);
    QVERIFY(r.body.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString().contains(QStringLiteral("conversations:read")));
    QVERIFY(count(QStringLiteral("SELECT last_used_at FROM api_keys WHERE id = ?"), {id}) > 0);
    // Bad scopes and names.
    r = call("POST", QStringLiteral("/api/api-keys"), a.adminToken, {{QStringLiteral("name"), QStringLiteral("x")}, {QStringLiteral("scopes"), QJsonArray{QStringLiteral("admin:all")}}});
    QCOMPARE(r.status, 422);
    QCOMPARE(r.field(), QStringLiteral("scopes"));
    QCOMPARE(call("POST", QStringLiteral("/api/api-keys"), a.adminToken, {{QStringLiteral("name"), QStringLiteral(" ")}}).status, 422);
    // Revoked: refused at once; revoking twice is 404.
    QCOMPARE(call("DELETE", QStringLiteral("/api/api-keys/%1").arg(id), a.adminToken).status, 204);
    r = call("POST", QStringLiteral("/api/whatsapp/conversations"), key, {{QStringLiteral("phone"), QStringLiteral("+34 699 11 22 33")}});
    QCOMPARE(r.status, 401);
    QCOMPARE(call("DELETE", QStringLiteral("/api/api-keys/%1").arg(id), a.adminToken).status, 404);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action IN ('api_key.created', 'api_key.revoked') AND actor_user_id = ?"), {a.adminId.value}), qint64(2));
}

void TestApi::usersAdministration()
{
    const Seeded a = seed(QStringLiteral("acme"), QStringLiteral("1001"));
    Reply r = call("POST", QStringLiteral("/api/users"), a.adminToken,
                   {{QStringLiteral("email"), QStringLiteral("Lucia@ACME.example")}, {QStringLiteral("name"), QStringLiteral("Lucía")},
                    {QStringLiteral("role"), QStringLiteral("agent")}, {QStringLiteral("password"), kPassword}});
    QCOMPARE(r.status, 201);
    const qint64 lucia = r.body.value(QStringLiteral("id")).toInteger();
    QCOMPARE(r.body.value(QStringLiteral("email")).toString(), QStringLiteral("lucia@acme.example"));
    QVERIFY(!r.raw.contains("password"));
    // No platform admins from a tenant.
    r = call("POST", QStringLiteral("/api/users"), a.adminToken,
             {{QStringLiteral("email"), QStringLiteral("x@acme.example")}, {QStringLiteral("name"), QStringLiteral("X")},
              {QStringLiteral("role"), QStringLiteral("platform_admin")}, {QStringLiteral("password"), kPassword}});
    QCOMPARE(r.status, 422);
    QCOMPARE(r.field(), QStringLiteral("role"));
    r = call("GET", QStringLiteral("/api/users"), a.adminToken);
    QCOMPARE(r.body.value(QStringLiteral("items")).toArray().size(), 3);
    // Promote, then the last-admin rule.
    QCOMPARE(call("PATCH", QStringLiteral("/api/users/%1").arg(lucia), a.adminToken, {{QStringLiteral("role"), QStringLiteral("tenant_admin")}}).status, 200);
    QCOMPARE(call("PATCH", QStringLiteral("/api/users/%1").arg(lucia), a.adminToken, {{QStringLiteral("role"), QStringLiteral("agent")}}).status, 200);
    r = call("PATCH", QStringLiteral("/api/users/%1").arg(a.adminId.value), a.adminToken, {{QStringLiteral("role"), QStringLiteral("agent")}});
    QCOMPARE(r.status, 409);
    QCOMPARE(r.code(), QStringLiteral("last_admin"));
    QCOMPARE(call("DELETE", QStringLiteral("/api/users/%1").arg(a.adminId.value), a.adminToken).status, 409);
    // Password reset and deactivation end the user's sessions.
    const QString luciaToken = login(QStringLiteral("lucia@acme.example"));
    QVERIFY(!luciaToken.isEmpty());
    r = call("PATCH", QStringLiteral("/api/users/%1").arg(lucia), a.adminToken, {{QStringLiteral("password"), QStringLiteral("otra clave segura 99")}});
    QCOMPARE(r.status, 200);
    QCOMPARE(call("GET", QStringLiteral("/api/me"), luciaToken).status, 401);
    QCOMPARE(call("POST", QStringLiteral("/api/auth/login"), {},
                  {{QStringLiteral("email"), QStringLiteral("lucia@acme.example")}, {QStringLiteral("password"), QStringLiteral("otra clave segura 99")}}).status,
             200);
    r = call("DELETE", QStringLiteral("/api/users/%1").arg(a.agentId.value), a.adminToken);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body.value(QStringLiteral("active")).toBool(), false);
    QCOMPARE(call("GET", QStringLiteral("/api/whatsapp/conversations"), a.agentToken).status, 401);
    QCOMPARE(call("POST", QStringLiteral("/api/auth/login"), {},
                  {{QStringLiteral("email"), QStringLiteral("agent@acme.example")}, {QStringLiteral("password"), kPassword}}).status,
             401);
    // The audit says what happened, never the password.
    r = call("GET", QStringLiteral("/api/audit-log?action=user."), a.adminToken);
    QStringList actions;
    for (const QJsonValue &v : r.body.value(QStringLiteral("items")).toArray())
        actions.append(v.toObject().value(QStringLiteral("action")).toString());
    QVERIFY(actions.contains(QStringLiteral("user.created")));
    QVERIFY(actions.contains(QStringLiteral("user.password_reset")));
    QVERIFY(actions.contains(QStringLiteral("user.deactivated")));
    QVERIFY(!r.raw.contains("otra clave"));
}

void TestApi::tenantsAdministration()
{
    seed(QStringLiteral("acme"), QStringLiteral("1001"));
    platformAdmin();
    const QString ops = login(QStringLiteral("ops@puente.example"));
    Reply r = call("POST", QStringLiteral("/api/admin/tenants"), ops,
                   {{QStringLiteral("slug"), QStringLiteral("nueva")}, {QStringLiteral("name"), QStringLiteral("Nueva S.A.")}, {QStringLiteral("plan"), QStringLiteral("enterprise")},
                    {QStringLiteral("admin"), QJsonObject{{QStringLiteral("email"), QStringLiteral("jefa@nueva.example")}, {QStringLiteral("name"), QStringLiteral("Jefa")},
                                                         {QStringLiteral("password"), kPassword}}}});
    QCOMPARE(r.status, 201);
    const qint64 id = r.body.value(QStringLiteral("tenant")).toObject().value(QStringLiteral("id")).toInteger();
    QCOMPARE(r.body.value(QStringLiteral("tenant")).toObject().value(QStringLiteral("plan")).toString(), QStringLiteral("enterprise"));
    QCOMPARE(r.body.value(QStringLiteral("admin")).toObject().value(QStringLiteral("role")).toString(), QStringLiteral("tenant_admin"));
    QVERIFY(!login(QStringLiteral("jefa@nueva.example")).isEmpty());
    // Errors: slug, duplicate, plan, a weak first password leaves no tenant behind.
    QCOMPARE(call("POST", QStringLiteral("/api/admin/tenants"), ops, {{QStringLiteral("slug"), QStringLiteral("Bad Slug")}, {QStringLiteral("name"), QStringLiteral("x")}}).field(),
             QStringLiteral("slug"));
    QCOMPARE(call("POST", QStringLiteral("/api/admin/tenants"), ops, {{QStringLiteral("slug"), QStringLiteral("nueva")}, {QStringLiteral("name"), QStringLiteral("x")}}).status, 409);
    QCOMPARE(call("POST", QStringLiteral("/api/admin/tenants"), ops,
                  {{QStringLiteral("slug"), QStringLiteral("otra")}, {QStringLiteral("name"), QStringLiteral("x")}, {QStringLiteral("plan"), QStringLiteral("gold")}}).field(),
             QStringLiteral("plan"));
    r = call("POST", QStringLiteral("/api/admin/tenants"), ops,
             {{QStringLiteral("slug"), QStringLiteral("otra")}, {QStringLiteral("name"), QStringLiteral("Otra")},
              {QStringLiteral("admin"), QJsonObject{{QStringLiteral("email"), QStringLiteral("a@otra.example")}, {QStringLiteral("name"), QStringLiteral("A")},
                                                   {QStringLiteral("password"), QStringLiteral("123")}}}});
    QCOMPARE(r.status, 422);
    QCOMPARE(r.field(), QStringLiteral("admin.password"));
    r = call("POST", QStringLiteral("/api/admin/tenants"), ops,
             {{QStringLiteral("slug"), QStringLiteral("otra")}, {QStringLiteral("name"), QStringLiteral("Otra")},
              {QStringLiteral("admin"), QJsonObject{{QStringLiteral("email"), QStringLiteral("a@otra.example")}, {QStringLiteral("name"), QString(201, QLatin1Char('n'))},
                                                   {QStringLiteral("password"), kPassword}}}});
    QCOMPARE(r.field(), QStringLiteral("admin.name"));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM tenants WHERE slug = 'otra'")), qint64(0));
    // List with figures; edit plan and name.
    r = call("GET", QStringLiteral("/api/admin/tenants"), ops);
    QCOMPARE(r.body.value(QStringLiteral("items")).toArray().size(), 2);
    const QJsonObject acme = r.body.value(QStringLiteral("items")).toArray().first().toObject();
    QCOMPARE(acme.value(QStringLiteral("slug")).toString(), QStringLiteral("acme"));
    QCOMPARE(acme.value(QStringLiteral("phone_number_id")).toString(), QStringLiteral("1001"));
    QCOMPARE(acme.value(QStringLiteral("active_users")).toInt(), 2);
    r = call("PATCH", QStringLiteral("/api/admin/tenants/%1").arg(id), ops, {{QStringLiteral("plan"), QStringLiteral("pro")}, {QStringLiteral("name"), QStringLiteral("Nueva SL")}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body.value(QStringLiteral("plan")).toString(), QStringLiteral("pro"));
    QCOMPARE(call("PATCH", QStringLiteral("/api/admin/tenants/999999"), ops, {{QStringLiteral("plan"), QStringLiteral("pro")}}).status, 404);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE tenant_id = ? AND action = 'tenant.updated'"), {id}), qint64(1));
}

void TestApi::suspendedTenant()
{
    const Seeded a = seed(QStringLiteral("acme"), QStringLiteral("1001"));
    platformAdmin();
    const QString ops = login(QStringLiteral("ops@puente.example"));
    Reply r = call("PATCH", QStringLiteral("/api/admin/tenants/%1").arg(a.tenant.value), ops,
                   {{QStringLiteral("status"), QStringLiteral("suspended")}, {QStringLiteral("suspended_reason"), QStringLiteral("factura impagada")}});
    QCOMPARE(r.status, 200);
    // Its users and keys are told why; sends are refused; nothing queued.
    r = call("GET", QStringLiteral("/api/whatsapp/conversations"), a.agentToken);
    QCOMPARE(r.status, 403);
    QCOMPARE(r.code(), QStringLiteral("tenant_suspended"));
    QVERIFY(r.body.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString().contains(QStringLiteral("factura impagada")));
    openWindow(a.conversationId);
    QCOMPARE(call("POST", QStringLiteral("/api/whatsapp/conversations/%1/messages").arg(a.conversationId), a.apiKey, {{QStringLiteral("message"), QStringLiteral("x")}}).status, 403);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE state = 'pending'")), qint64(0));
    r = call("POST", QStringLiteral("/api/auth/login"), {}, {{QStringLiteral("email"), QStringLiteral("agent@acme.example")}, {QStringLiteral("password"), kPassword}});
    QCOMPARE(r.status, 403);
    QCOMPARE(r.code(), QStringLiteral("tenant_suspended"));
    // /api/me still answers, with the reason (the console shows it).
    r = call("GET", QStringLiteral("/api/me"), a.agentToken);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body.value(QStringLiteral("user")).toObject().value(QStringLiteral("tenant")).toObject().value(QStringLiteral("suspended_reason")).toString(),
             QStringLiteral("factura impagada"));
    // Resumed: works again.
    QCOMPARE(call("PATCH", QStringLiteral("/api/admin/tenants/%1").arg(a.tenant.value), ops, {{QStringLiteral("status"), QStringLiteral("active")}}).status, 200);
    QCOMPARE(call("GET", QStringLiteral("/api/whatsapp/conversations"), a.agentToken).status, 200);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE tenant_id = ? AND action IN ('tenant.suspended', 'tenant.resumed')"), {a.tenant.value}), qint64(2));
}

void TestApi::auditLogFilters()
{
    const Seeded a = seed(QStringLiteral("acme"), QStringLiteral("1001"));
    const Seeded b = seed(QStringLiteral("bravo"), QStringLiteral("2002"));
    platformAdmin();
    const QString ops = login(QStringLiteral("ops@puente.example"));
    const qint64 mark = nowMs();
    QTest::qWait(5);
    QCOMPARE(call("POST", QStringLiteral("/api/users"), a.adminToken,
                  {{QStringLiteral("email"), QStringLiteral("n1@acme.example")}, {QStringLiteral("name"), QStringLiteral("N1")},
                   {QStringLiteral("role"), QStringLiteral("agent")}, {QStringLiteral("password"), kPassword}}).status, 201);
    QCOMPARE(call("POST", QStringLiteral("/api/api-keys"), a.adminToken, {{QStringLiteral("name"), QStringLiteral("k")}}).status, 201);
    auto actions = [](const Reply &r) {
        QStringList out;
        for (const QJsonValue &v : r.body.value(QStringLiteral("items")).toArray())
            out.append(v.toObject().value(QStringLiteral("action")).toString());
        return out;
    };
    QCOMPARE(actions(call("GET", QStringLiteral("/api/audit-log?from=%1").arg(mark), a.adminToken)),
             (QStringList{QStringLiteral("api_key.created"), QStringLiteral("user.created")}));
    QCOMPARE(actions(call("GET", QStringLiteral("/api/audit-log?action=api_key.&from=%1").arg(mark), a.adminToken)), QStringList{QStringLiteral("api_key.created")});
    QCOMPARE(actions(call("GET", QStringLiteral("/api/audit-log?actor=%1&from=%2").arg(a.adminId.value).arg(mark), a.adminToken)).size(), 2);
    QCOMPARE(actions(call("GET", QStringLiteral("/api/audit-log?actor=admin%40acme.example&from=%1").arg(mark), a.adminToken)).size(), 2);
    QCOMPARE(actions(call("GET", QStringLiteral("/api/audit-log?to=%1").arg(mark - 100'000'000), a.adminToken)).size(), 0);
    QCOMPARE(call("GET", QStringLiteral("/api/audit-log?from=yesterday"), a.adminToken).status, 400);
    const QString iso = QDateTime::fromMSecsSinceEpoch(mark, Qt::UTC).toString(Qt::ISODateWithMs);
    QCOMPARE(actions(call("GET", QStringLiteral("/api/audit-log?from=") + QString::fromLatin1(QUrl::toPercentEncoding(iso)), a.adminToken)).size(), 2);
    // B's admin sees none of A's entries; the platform admin sees both, or one tenant.
    QCOMPARE(actions(call("GET", QStringLiteral("/api/audit-log?from=%1").arg(mark), b.adminToken)).size(), 0);
    QVERIFY(actions(call("GET", QStringLiteral("/api/audit-log?from=%1").arg(mark), ops)).size() >= 2);
    QCOMPARE(actions(call("GET", QStringLiteral("/api/audit-log?from=%1").arg(mark), ops, {}, {{"X-Puente-Tenant", "bravo"}})),
             QStringList{QStringLiteral("platform_admin.entered_tenant")});
    // Paging.
    const Reply page1 = call("GET", QStringLiteral("/api/audit-log?limit=1"), a.adminToken);
    const QString next = page1.body.value(QStringLiteral("next_cursor")).toString();
    QVERIFY(!next.isEmpty());
    const Reply page2 = call("GET", QStringLiteral("/api/audit-log?limit=1&before=") + next, a.adminToken);
    QVERIFY(page2.body.value(QStringLiteral("items")).toArray().first().toObject().value(QStringLiteral("id")).toInteger() < next.toLongLong());
    // Append-only: no route changes or deletes entries.
    for (const QString &route : m_front->routes())
        QVERIFY(!route.contains(QStringLiteral("audit")) || route.startsWith(QStringLiteral("GET ")));
}

// The server serves exactly the routes of protocol/routes.h (which the
// console calls and tst_protocol checks against docs/openapi.yaml), besides
// the webhook, the WebSocket, the document and the operations endpoints.
void TestApi::routesAreTheProtocolCatalogue()
{
    QStringList catalogue;
    std::apply([&](auto... routes) { (catalogue.append(QStringLiteral("%1 %2").arg(protocol::enumName(decltype(routes)::verb), QLatin1String(decltype(routes)::path))), ...); },
               protocol::AllRoutes{});
    const QStringList others = {QStringLiteral("GET /healthz"), QStringLiteral("GET /readyz"), QStringLiteral("GET /metrics"),
                                QStringLiteral("GET /api/openapi.yaml"), QStringLiteral("GET /api/whatsapp/webhook"),
                                QStringLiteral("POST /api/whatsapp/webhook"), QStringLiteral("GET /api/ws")};
    QStringList served = m_front->routes();
    for (const QString &route : served)
        QVERIFY2(catalogue.contains(route) || others.contains(route), qPrintable(QStringLiteral("served but not in protocol/routes.h: ") + route));
    for (const QString &route : std::as_const(catalogue))
        QVERIFY2(served.contains(route), qPrintable(QStringLiteral("in protocol/routes.h but not served: ") + route));
}

// Secrets and passwords never appear in an answer (beyond the one that
// hands out a new token or key) nor in a log line.
void TestApi::secretsNeverInResponsesOrLogs()
{
    static QStringList captured;
    static QMutex capturedMutex;
    captured.clear();
    const QtMessageHandler previous = qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &msg) {
        QMutexLocker lock(&capturedMutex);
        captured.append(msg);
    });
    QSet<QByteArray> secrets;
    {
        const Seeded a = seed(QStringLiteral("acme"), QStringLiteral("1001"));
        QList<Reply> replies;
        const QString token = login(QStringLiteral("admin@acme.example"));
        secrets << token.toUtf8() << kPassword.toUtf8() << a.agentToken.toUtf8() << a.apiKey.toUtf8();
        replies << call("POST", QStringLiteral("/api/auth/login"), {}, {{QStringLiteral("email"), QStringLiteral("admin@acme.example")}, {QStringLiteral("password"), QStringLiteral("wrong-password-1")}});
        secrets << "wrong-password-1";
        replies << call("POST", QStringLiteral("/api/whatsapp/config"), token,
                        {{QStringLiteral("business_api_token"), QStringLiteral("EAAGsupersecrettoken777")}, {QStringLiteral("phone_number_id"), QStringLiteral("1001")},
                         {QStringLiteral("business_account_id"), QStringLiteral("77")}, {QStringLiteral("app_secret"), QStringLiteral("appsecret-supersecret-888")}});
        secrets << "EAAGsupersecrettoken777" << "appsecret-supersecret-888";
        replies << call("POST", QStringLiteral("/api/users"), token,
                        {{QStringLiteral("email"), QStringLiteral("p@acme.example")}, {QStringLiteral("name"), QStringLiteral("P")}, {QStringLiteral("role"), QStringLiteral("agent")},
                         {QStringLiteral("password"), QStringLiteral("nueva-clave-secreta-999")}});
        secrets << "nueva-clave-secreta-999";
        replies << call("PATCH", QStringLiteral("/api/users/%1").arg(a.agentId.value), token, {{QStringLiteral("password"), QStringLiteral("reset-clave-secreta-111")}});
        secrets << "reset-clave-secreta-111";
        replies << call("GET", QStringLiteral("/api/whatsapp/config"), token) << call("GET", QStringLiteral("/api/audit-log?limit=500"), token)
                << call("GET", QStringLiteral("/api/api-keys"), token) << call("GET", QStringLiteral("/api/users"), token) << call("GET", QStringLiteral("/api/me"), token);
        replies << call("GET", QStringLiteral("/api/whatsapp/conversations"), QStringLiteral("bogus-token-zzz"));
        replies << call("POST", QStringLiteral("/api/auth/logout"), token);
        for (const Reply &r : replies)
            for (const QByteArray &s : secrets)
                QVERIFY2(!r.raw.contains(s), qPrintable(QStringLiteral("a secret in an answer: ") + QString::fromUtf8(r.raw.left(300))));
        // Nor stored anywhere in clear.
        for (const QString &table : {QStringLiteral("audit_log"), QStringLiteral("whatsapp_config"), QStringLiteral("users"), QStringLiteral("sessions")}) {
            Sql q(db().connection(), QStringLiteral("SELECT * FROM ") + table);
            QVERIFY(q.exec());
            while (q.next())
                for (int i = 0; i < 20 && q.value(i).isValid(); ++i)
                    for (const QByteArray &s : secrets)
                        QVERIFY2(!q.value(i).toString().toUtf8().contains(s), qPrintable(table));
        }
    }
    cleanup(); // shut the server down so its last log lines are in
    qInstallMessageHandler(previous);
    QVERIFY(!captured.isEmpty());
    for (const QString &line : captured)
        for (const QByteArray &s : secrets)
            QVERIFY2(!line.toUtf8().contains(s), qPrintable(QStringLiteral("a secret in the log: ") + line));
    init(); // for the framework's cleanup()
}

void TestApi::metricsCountRequests()
{
    const Seeded a = seed(QStringLiteral("acme"), QStringLiteral("1001"));
    openWindow(a.conversationId);
    QCOMPARE(call("GET", QStringLiteral("/api/whatsapp/conversations"), a.agentToken).status, 200);
    QCOMPARE(call("GET", QStringLiteral("/api/whatsapp/conversations/%1").arg(a.conversationId), a.agentToken).status, 200);
    QCOMPARE(call("GET", QStringLiteral("/api/whatsapp/conversations/999999"), a.agentToken).status, 404);
    QCOMPARE(call("POST", QStringLiteral("/api/whatsapp/conversations/%1/messages").arg(a.conversationId), a.agentToken, {{QStringLiteral("message"), QStringLiteral("x")}}).status, 202);
    const Reply m = call("GET", QStringLiteral("/metrics"));
    QCOMPARE(m.status, 200);
    QVERIFY2(m.raw.contains("puente_http_requests_total{route=\"/api/whatsapp/conversations\",status=\"200\"} 1"), m.raw.constData());
    QVERIFY(m.raw.contains("puente_http_requests_total{route=\"/api/whatsapp/conversations/{id}\",status=\"200\"} 1"));
    QVERIFY(m.raw.contains("puente_http_requests_total{route=\"/api/whatsapp/conversations/{id}\",status=\"404\"} 1"));
    QVERIFY(m.raw.contains("puente_outbox_depth 1\n"));
    QVERIFY(m.raw.contains("puente_websocket_clients 0\n"));
}

QTEST_GUILESS_MAIN(TestApi)
void TestApi::planLimitsAndUsage()
{
    const Seeded a = seed(QStringLiteral("acme"), QStringLiteral("1001"));
    platformAdmin();
    const QString ops = login(QStringLiteral("ops@puente.example"));
    QCOMPARE(call("PATCH", QStringLiteral("/api/admin/tenants/%1").arg(a.tenant.value), ops, {{QStringLiteral("plan"), QStringLiteral("basic")}}).status, 200);
    Reply r = call("GET", QStringLiteral("/api/admin/plans"), a.agentToken);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body.value(QStringLiteral("items")).toArray().first().toObject().value(QStringLiteral("limits")).toObject().value(QStringLiteral("users")).toInt(), 5);

    // Seats: the basic plan's five active users, then a clear refusal.
    const auto newUser = [&](int i) {
        return call("POST", QStringLiteral("/api/users"), a.adminToken,
                    {{QStringLiteral("email"), QStringLiteral("u%1@acme.example").arg(i)}, {QStringLiteral("name"), QStringLiteral("U %1").arg(i)},
                     {QStringLiteral("role"), QStringLiteral("agent")}, {QStringLiteral("password"), kPassword}});
    };
    qint64 third = 0;
    for (int i = 0; i < 3; ++i) {
        r = newUser(i);
        QCOMPARE(r.status, 201);
        third = r.body.value(QStringLiteral("id")).toInteger();
    }
    r = newUser(3);
    QCOMPARE(r.status, 409);
    QCOMPARE(r.code(), QStringLiteral("plan_limit_reached"));
    QCOMPARE(r.field(), QStringLiteral("plan"));
    QVERIFY(r.body.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString().contains(QStringLiteral("5 active users")));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM users WHERE tenant_id = ?"), {a.tenant.value}), qint64(5));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE tenant_id = ? AND action = 'plan.limit_reached' AND details LIKE '%users%'"),
                   {a.tenant.value}), qint64(1));
    // A deactivated user frees a seat; taking it back needs one again.
    QCOMPARE(call("DELETE", QStringLiteral("/api/users/%1").arg(third), a.adminToken).status, 200);
    QCOMPARE(newUser(3).status, 201);
    r = call("PATCH", QStringLiteral("/api/users/%1").arg(third), a.adminToken, {{QStringLiteral("active"), true}});
    QCOMPARE(r.code(), QStringLiteral("plan_limit_reached"));
    // A bigger plan lifts it.
    QCOMPARE(call("PATCH", QStringLiteral("/api/admin/tenants/%1").arg(a.tenant.value), ops, {{QStringLiteral("plan"), QStringLiteral("pro")}}).status, 200);
    QCOMPARE(call("PATCH", QStringLiteral("/api/users/%1").arg(third), a.adminToken, {{QStringLiteral("active"), true}}).status, 200);
    r = call("GET", QStringLiteral("/api/usage"), a.adminToken);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body.value(QStringLiteral("plan")).toString(), QStringLiteral("pro"));
    QCOMPARE(r.body.value(QStringLiteral("usage")).toObject().value(QStringLiteral("users")).toInt(), 6);
    QCOMPARE(r.body.value(QStringLiteral("limits")).toObject().value(QStringLiteral("users")).toInt(), 25);
    QCOMPARE(r.body.value(QStringLiteral("usage")).toObject().value(QStringLiteral("messages")).toInt(), 3); // the seed's
    QVERIFY(r.body.value(QStringLiteral("period_start")).toInteger() <= nowMs() && r.body.value(QStringLiteral("period_end")).toInteger() > nowMs());

    // Conversations the company starts (a template outside the contact's
    // window): 999 of the basic plan's 1,000 used already this month.
    QCOMPARE(call("PATCH", QStringLiteral("/api/admin/tenants/%1").arg(a.tenant.value), ops, {{QStringLiteral("plan"), QStringLiteral("basic")}}).status, 200);
    {
        Transaction tx(db());
        for (int i = 0; i < 999; ++i) {
            Sql m(tx.connection(), QStringLiteral("INSERT INTO whatsapp_messages (tenant_id, conversation_id, direction, type, status, timestamp, "
                                                  "opens_conversation, created_at, updated_at) VALUES (?, ?, 'outbound', 'template', 'delivered', ?, 1, ?, ?)"));
            m.bind(a.tenant.value).bind(a.conversationId).bind(nowMs()).bind(nowMs()).bind(nowMs());
            PUENTE_VERIFY_OK(m.exec());
        }
        QVERIFY(tx.commit());
    }
    const auto startConversation = [&](const QString &phone) {
        return call("POST", QStringLiteral("/api/whatsapp/conversations"), a.agentToken, {{QStringLiteral("phone"), phone}})
            .body.value(QStringLiteral("id")).toInteger();
    };
    const auto sendTemplate = [&](qint64 conversation) {
        return call("POST", QStringLiteral("/api/whatsapp/conversations/%1/messages").arg(conversation), a.agentToken,
                    {{QStringLiteral("type"), QStringLiteral("template")},
                     {QStringLiteral("template"), QJsonObject{{QStringLiteral("name"), QStringLiteral("entrevista_programada")},
                                                             {QStringLiteral("language"), QStringLiteral("es")},
                                                             {QStringLiteral("components"), QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("body")}}}}}}});
    };
    const qint64 second = startConversation(QStringLiteral("+34 600 000 002"));
    const qint64 third2 = startConversation(QStringLiteral("+34 600 000 003"));
    QVERIFY(second > 0 && third2 > 0);
    r = sendTemplate(second);
    QCOMPARE(r.status, 202); // the 1,000th
    const qint64 opened = r.body.value(QStringLiteral("id")).toInteger();
    QCOMPARE(sendTemplate(second).status, 202); // same contact within 24 hours: the same conversation
    r = sendTemplate(third2);
    QCOMPARE(r.status, 409);
    QCOMPARE(r.code(), QStringLiteral("plan_limit_reached"));
    QVERIFY(r.body.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString().contains(QStringLiteral("1000 conversations")));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE tenant_id = ? AND action = 'plan.limit_reached' "
                                  "AND details LIKE '%business_conversations%'"), {a.tenant.value}), qint64(1));
    QCOMPARE(call("GET", QStringLiteral("/api/usage"), a.adminToken).body.value(QStringLiteral("usage")).toObject()
                 .value(QStringLiteral("business_conversations")).toInt(), 1000);
    // A template inside the contact's open window costs nothing.
    QCOMPARE(sendTemplate(a.conversationId).status, 202);
    // A send Meta refused opened nothing: the allowance comes back.
    {
        Transaction tx(db());
        Sql q(tx.connection(), QStringLiteral("UPDATE whatsapp_messages SET status = 'failed' WHERE id = ?"));
        q.bind(opened);
        PUENTE_VERIFY_OK(q.exec());
        QVERIFY(tx.commit());
    }
    QCOMPARE(sendTemplate(third2).status, 202);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE tenant_id = ? AND opens_conversation = 1 AND status <> 'failed'"),
                   {a.tenant.value}), qint64(1000));

    // The platform's tenant list carries the same figures.
    r = call("GET", QStringLiteral("/api/admin/tenants"), ops);
    const QJsonObject listed = r.body.value(QStringLiteral("items")).toArray().first().toObject();
    QCOMPARE(listed.value(QStringLiteral("usage")).toObject().value(QStringLiteral("business_conversations")).toInt(), 1000);
    QCOMPARE(listed.value(QStringLiteral("limits")).toObject().value(QStringLiteral("business_conversations")).toInt(), 1000);
    QCOMPARE(listed.value(QStringLiteral("active_users")).toInt(), 6);
    QVERIFY(listed.value(QStringLiteral("messages_this_month")).toInt() >= 1003);
}

void TestApi::healthAndDeadLetters()
{
    const Seeded a = seed(QStringLiteral("acme"), QStringLiteral("1001"));
    const Seeded b = seed(QStringLiteral("bravo"), QStringLiteral("2002"));
    platformAdmin();
    const QString ops = login(QStringLiteral("ops@puente.example"));
    // What the dispatcher records, plus one incident too old to count.
    {
        Transaction tx(db());
        for (int i = 0; i < 3; ++i)
            PUENTE_VERIFY_OK(Health::record(tx.connection(), a.tenant, Health::Kind::RateLimited, 130429, QStringLiteral("Rate limit hit")));
        PUENTE_VERIFY_OK(Health::record(tx.connection(), a.tenant, Health::Kind::TokenRefused, 190, QStringLiteral("Error validating access token")));
        PUENTE_VERIFY_OK(Health::record(tx.connection(), b.tenant, Health::Kind::RateLimited, 130429, QStringLiteral("bravo's")));
        Sql old(tx.connection(), QStringLiteral("INSERT INTO health_events (tenant_id, kind, code, detail, created_at) VALUES (?, 'rate_limited', 4, 'old', ?)"));
        old.bind(a.tenant.value).bind(nowMs() - 30 * 3'600'000LL);
        PUENTE_VERIFY_OK(old.exec());
        QVERIFY(tx.commit());
    }
    // A dead letter of acme (a message for its number that failed), and an unroutable one.
    const QJsonObject change{{QStringLiteral("field"), QStringLiteral("messages")},
                             {QStringLiteral("entry_id"), QStringLiteral("91001")},
                             {QStringLiteral("value"), QJsonObject{
                                  {QStringLiteral("messaging_product"), QStringLiteral("whatsapp")},
                                  {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("phone_number_id"), QStringLiteral("1001")}}},
                                  {QStringLiteral("contacts"), QJsonArray{QJsonObject{{QStringLiteral("wa_id"), QStringLiteral("34699887766")}}}},
                                  {QStringLiteral("messages"), QJsonArray{QJsonObject{{QStringLiteral("from"), QStringLiteral("34699887766")},
                                                                                      {QStringLiteral("id"), QStringLiteral("wamid.replayed")},
                                                                                      {QStringLiteral("timestamp"), QStringLiteral("1700000000")},
                                                                                      {QStringLiteral("type"), QStringLiteral("text")},
                                                                                      {QStringLiteral("text"), QJsonObject{{QStringLiteral("body"), QStringLiteral("de vuelta")}}}}}}}}};
    qint64 ours = 0, unroutable = 0;
    {
        Transaction tx(db());
        for (bool routed : {true, false}) {
            Sql q(tx.connection(), QStringLiteral("INSERT INTO dead_letters (tenant_id, reason, field, routing_key, payload, created_at) "
                                                  "VALUES (?, ?, 'messages', ?, ?, ?) RETURNING id"));
            q.bind(routed ? QVariant(a.tenant.value) : QVariant(QMetaType(QMetaType::LongLong)))
                .bind(routed ? QStringLiteral("processing failed 5 times: disk full") : QStringLiteral("no tenant owns phone number id 5555"))
                .bind(routed ? QStringLiteral("1001") : QStringLiteral("5555"))
                .bind(QString::fromUtf8(QJsonDocument(change).toJson(QJsonDocument::Compact))
                          .replace(routed ? QStringLiteral("1001") : QStringLiteral("\"1001\""), routed ? QStringLiteral("1001") : QStringLiteral("\"5555\"")))
                .bind(nowMs());
            QVERIFY(q.exec() && q.next());
            (routed ? ours : unroutable) = q.int64(0);
        }
        QVERIFY(tx.commit());
    }

    Reply r = call("GET", QStringLiteral("/api/whatsapp/health"), a.adminToken);
    QCOMPARE(r.status, 200);
    const QJsonObject whatsapp = r.body.value(QStringLiteral("whatsapp")).toObject();
    QVERIFY(whatsapp.value(QStringLiteral("configured")).toBool());
    QCOMPARE(whatsapp.value(QStringLiteral("phone_number_id")).toString(), QStringLiteral("1001"));
    QVERIFY(whatsapp.value(QStringLiteral("last_webhook_at")).isNull());
    const QJsonArray failed = r.body.value(QStringLiteral("failed_sends")).toArray();
    QCOMPARE(failed.size(), 1); // the seed's
    QCOMPARE(failed.first().toObject().value(QStringLiteral("code")).toInt(), 131026);
    QCOMPARE(failed.first().toObject().value(QStringLiteral("count")).toInt(), 1);
    QCOMPARE(r.body.value(QStringLiteral("rate_limit_hits")).toObject().value(QStringLiteral("count")).toInt(), 3);
    const QJsonObject token = r.body.value(QStringLiteral("token_problems")).toObject();
    QCOMPARE(token.value(QStringLiteral("count")).toInt(), 1);
    QCOMPARE(token.value(QStringLiteral("last_code")).toInt(), 190);
    QCOMPARE(r.body.value(QStringLiteral("dead_letters")).toObject().value(QStringLiteral("waiting")).toInt(), 1);

    // A tenant admin sees their own dead letters; a platform admin all of them.
    r = call("GET", QStringLiteral("/api/dead-letters"), a.adminToken);
    QCOMPARE(r.body.value(QStringLiteral("items")).toArray().size(), 1);
    QCOMPARE(r.body.value(QStringLiteral("items")).toArray().first().toObject().value(QStringLiteral("id")).toInteger(), ours);
    QCOMPARE(call("GET", QStringLiteral("/api/dead-letters"), b.adminToken).body.value(QStringLiteral("items")).toArray().size(), 0);
    r = call("GET", QStringLiteral("/api/dead-letters?limit=1"), ops);
    QCOMPARE(r.body.value(QStringLiteral("items")).toArray().size(), 1);
    QCOMPARE(r.body.value(QStringLiteral("items")).toArray().first().toObject().value(QStringLiteral("id")).toInteger(), unroutable);
    QVERIFY(r.body.value(QStringLiteral("items")).toArray().first().toObject().value(QStringLiteral("tenant_id")).isNull());
    r = call("GET", QStringLiteral("/api/dead-letters?limit=1&before=") + r.body.value(QStringLiteral("next_cursor")).toString(), ops);
    QCOMPARE(r.body.value(QStringLiteral("items")).toArray().first().toObject().value(QStringLiteral("id")).toInteger(), ours);
    QCOMPARE(call("GET", QStringLiteral("/api/dead-letters?before=x"), ops).status, 400);
    r = call("GET", QStringLiteral("/api/dead-letters?unroutable=true"), ops, {}, {{"X-Puente-Tenant", "acme"}});
    QCOMPARE(r.body.value(QStringLiteral("items")).toArray().size(), 1);
    QCOMPARE(r.body.value(QStringLiteral("items")).toArray().first().toObject().value(QStringLiteral("id")).toInteger(), unroutable);
    QCOMPARE(call("GET", QStringLiteral("/api/dead-letters?unroutable=true"), a.adminToken).status, 403);

    // Replaying: the unroutable one is not acme's to touch; its own comes back as a message.
    QCOMPARE(call("POST", QStringLiteral("/api/dead-letters/%1/replay").arg(unroutable), a.adminToken).status, 404);
    r = call("POST", QStringLiteral("/api/dead-letters/%1/replay").arg(ours), a.adminToken);
    QCOMPARE(r.status, 202);
    QVERIFY(r.body.value(QStringLiteral("inbox_id")).toInteger() > 0);
    QTRY_COMPARE_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE tenant_id = ? AND provider_message_id = 'wamid.replayed'"),
                                    {a.tenant.value}), qint64(1), 10000);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE tenant_id = ? AND action = 'dead_letter.replayed' AND target_id = ?"),
                   {a.tenant.value, QString::number(ours)}), qint64(1));
    r = call("GET", QStringLiteral("/api/whatsapp/health"), a.adminToken);
    QCOMPARE(r.body.value(QStringLiteral("dead_letters")).toObject().value(QStringLiteral("waiting")).toInt(), 0);
    // The replayed webhook counts as the last one received for acme.
    QVERIFY(r.body.value(QStringLiteral("whatsapp")).toObject().value(QStringLiteral("last_webhook_at")).toInteger() > nowMs() - 60'000);
    // Platform admins replay the unroutable one (it stays dead: still nobody's number).
    QCOMPARE(call("POST", QStringLiteral("/api/dead-letters/%1/replay").arg(unroutable), ops).status, 202);
    QTRY_COMPARE_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM dead_letters WHERE tenant_id IS NULL AND replayed_at IS NULL")), qint64(1), 10000);
}

#include "tst_api.moc"
