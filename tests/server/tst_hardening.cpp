// What an outside probe of puente-server broke (issue 26), each attack
// reproduced against a real server on a loopback port, over raw sockets:
// memory and connection exhaustion, smuggling shapes, a forged replay, log
// injection, a raced sign-in lock, a Host-built webhook URL, loose input,
// and the operations endpoints and headers. The server-side request forgery
// is in tst_outbound (mediaRequestsGoOnlyToMeta), the file-descriptor limit
// in tst_cli (acceptBacksOffWhenDescriptorsRunOut).
#include "crypto/crypto.h"
#include "httpfront.h"
#include "logging/logging.h"
#include "messaging/inboundprocessor.h"
#include "runningserver.h"
#include "servercontext.h"
#include "storage/sql.h"
#include "storage/sessionrepository.h"
#include "storage/tenantrepository.h"
#include "storage/userrepository.h"
#include "storage/whatsappconfigrepository.h"
#include "accounts/apikeys.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QWebSocket>

using namespace puente;
using namespace puente::server;
using namespace puente::test;

namespace {
const QString kPassword = QStringLiteral("reclutar candidatos 2026");

// One answer read off the wire.
struct Answer {
    int status = 0;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QString code() const { return json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(); }
    QString field() const { return json().value(QStringLiteral("error")).toObject().value(QStringLiteral("field")).toString(); }
};

// A raw client connection: bytes out, whole answers in. The server runs on
// this thread, so every wait runs the event loop (never a blocking wait).
class Client {
public:
    explicit Client(quint16 port)
    {
        m_socket.connectToHost(QHostAddress::LocalHost, port);
        QElapsedTimer t;
        t.start();
        while (m_socket.state() != QAbstractSocket::ConnectedState && t.elapsed() < 5000)
            QTest::qWait(5);
    }
    bool connected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    void send(const QByteArray &bytes)
    {
        m_socket.write(bytes);
        m_socket.flush();
    }
    // Waits for the next answer (a HEAD one has no body).
    std::optional<Answer> next(int timeoutMs = 10'000, bool head = false)
    {
        QElapsedTimer t;
        t.start();
        while (true) {
            if (auto a = take(head))
                return a;
            if (t.elapsed() > timeoutMs || (m_socket.state() != QAbstractSocket::ConnectedState && m_socket.bytesAvailable() == 0))
                return std::nullopt;
            QTest::qWait(5);
            m_in += m_socket.readAll();
        }
    }
    // Whether the server closes the connection within timeoutMs.
    bool closedWithin(int timeoutMs)
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            if (m_socket.state() != QAbstractSocket::ConnectedState)
                return true;
            QTest::qWait(5);
            m_in += m_socket.readAll();
        }
        return m_socket.state() != QAbstractSocket::ConnectedState;
    }
    QByteArray unread() const { return m_in; }

private:
    std::optional<Answer> take(bool head)
    {
        const qsizetype end = m_in.indexOf("\r\n\r\n");
        if (end < 0)
            return std::nullopt;
        Answer a;
        const QList<QByteArray> lines = m_in.left(end).split('\n');
        a.status = lines.value(0).split(' ').value(1).toInt();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            a.headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
        }
        const qsizetype length = head ? 0 : a.headers.value("content-length").toLongLong();
        if (m_in.size() < end + 4 + length)
            return std::nullopt;
        a.body = m_in.mid(end + 4, length);
        m_in.remove(0, end + 4 + length);
        return a;
    }
    QTcpSocket m_socket;
    QByteArray m_in;
};
} // namespace

class TestHardening : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanup();

    // 2. Memory exhaustion without signing in
    void declaredHugeBodiesAreRefusedBeforeTheyAreRead();
    void chunkedBodiesAreCappedAsTheyArrive();
    void uploadsWithoutATokenAreNotRead();
    void webSocketFramesAreCappedBeforeSignIn();
    // 3. Timeouts and connection exhaustion
    void slowHeadersTimeOut();
    void stalledBodiesTimeOut();
    void idleConnectionsAreClosed();
    void theOldestIdleConnectionMakesRoom();
    // 4. A dead-letter replay delivering a cross-tenant forgery
    void forgedDeadLettersCannotBeReplayed();
    void replayKeepsTheSigner();
    // 5. Request smuggling shapes
    void smugglingShapesAre400_data();
    void smugglingShapesAre400();
    // 6. Log injection
    void emailsWithControlCharactersNeverReachTheLog();
    // 7. The sign-in lock raced
    void parallelWrongPasswordsCheckAtMostTheLimit();
    // 8. The webhook URL shown to admins
    void webhookUrlDoesNotTrustTheRequest();
    // 9. Loose input
    void looseInputIsRefusedNamingTheField_data();
    void looseInputIsRefusedNamingTheField();
    void lineBreaksInMessagesAreNormalised();
    // 10. Observability and headers
    void everyRateLimitedAnswerIsCounted();
    void operationsEndpointsAreNotPublic();
    void headHttp10AndConnectionClose();
    void securityHeadersOnEveryAnswer();
    void apiKeysOnTheWebSocketGetAnErrorFrame();
    void mediaNeverUploadedIs404();
    void databaseFilesAreOwnerOnly();

private:
    void start(const QHash<QString, QString> &extra = {});
    struct Tenant {
        TenantId id;
        QString adminToken, agentToken;
        qint64 conversation = 0;
    };
    Tenant seed(const QString &slug, const QString &phoneNumberId, const QString &appSecret = {}, int scryptLogN = 10);
    QString platformAdminToken();
    Answer call(const QByteArray &method, const QString &path, const QString &token = {}, const QByteArray &body = {},
                const QList<std::pair<QByteArray, QByteArray>> &headers = {});
    Answer callJson(const QByteArray &method, const QString &path, const QString &token, const QJsonObject &body)
    {
        return call(method, path, token, QJsonDocument(body).toJson(QJsonDocument::Compact), {{"Content-Type", "application/json"}});
    }
    // One entry with a text message change for each number (wamid + number).
    QByteArray textWebhook(const QStringList &phoneNumberIds, const QString &wamid);
    qint64 count(const QString &sql, const QVariantList &binds = {});
    Database &db() { return m_server.context->database(); }

    std::unique_ptr<TestDatabase> m_test;
    RunningServer m_server;
};

void TestHardening::initTestCase()
{
    QVERIFY(checkBackendAvailable());
}

void TestHardening::start(const QHash<QString, QString> &extra)
{
    auto t = TestDatabase::create();
    PUENTE_VERIFY_OK(t);
    m_test = std::move(t).value();
    Settings settings;
    settings.setOverride(QStringLiteral("app_secret"), QStringLiteral("platform-app-secret"));
    settings.setOverride(QStringLiteral("database"), m_test->url());
    settings.setOverride(QStringLiteral("data_dir"), m_test->dir());
    settings.setOverride(QStringLiteral("dispatcher"), QStringLiteral("off"));
    for (auto it = extra.cbegin(); it != extra.cend(); ++it)
        settings.setOverride(it.key(), it.value());
    auto running = RunningServer::start(settings);
    PUENTE_VERIFY_OK(running);
    m_server = std::move(running).value();
}

void TestHardening::cleanup()
{
    m_server.front.reset();
    m_server.context.reset();
    m_test.reset();
}

TestHardening::Tenant TestHardening::seed(const QString &slug, const QString &phoneNumberId, const QString &appSecret, int scryptLogN)
{
    Tenant t;
    auto tenant = TenantRepository(db()).create(slug, QStringLiteral("Empresa ") + slug, Plan::Pro);
    if (!tenant)
        qFatal("seed tenant");
    t.id = tenant->id;
    WhatsAppConfig c;
    c.businessApiToken = QStringLiteral("EAAB-token-of-") + slug;
    c.phoneNumberId = phoneNumberId;
    c.businessAccountId = QStringLiteral("9") + phoneNumberId;
    c.webhookVerifyToken = slug + QStringLiteral("-verify");
    c.appSecret = appSecret;
    if (!WhatsAppConfigRepository(db(), m_server.context->keyring()).save(t.id, c, QStringLiteral("test")))
        qFatal("seed config");
    UserRepository users(db(), crypto::ScryptParams{scryptLogN, 8, 1});
    auto admin = users.create({t.id, QStringLiteral("admin@%1.example").arg(slug), QStringLiteral("Admin"), Role::TenantAdmin, kPassword},
                              QStringLiteral("test"));
    auto agent = users.create({t.id, QStringLiteral("agent@%1.example").arg(slug), QStringLiteral("Agent"), Role::Agent, kPassword},
                              QStringLiteral("test"));
    if (!admin || !agent)
        qFatal("seed users");
    t.adminToken = SessionRepository(db()).create(admin->id, 3'600'000)->token;
    t.agentToken = SessionRepository(db()).create(agent->id, 3'600'000)->token;
    Transaction tx(db());
    const qint64 now = nowMs();
    Sql conv(tx.connection(), QStringLiteral("INSERT INTO whatsapp_conversations (tenant_id, conversation_id, contact_wa_id, contact_phone, "
                                             "contact_name, status, last_message_at, last_inbound_at, unread_count, created_at, updated_at) "
                                             "VALUES (?, ?, ?, ?, 'Ana', 'active', ?, ?, 0, ?, ?) RETURNING id"));
    const QString wa = QStringLiteral("34600") + phoneNumberId.rightJustified(6, QLatin1Char('0'));
    conv.bind(t.id.value).bind(wa).bind(wa).bind(QLatin1Char('+') + wa).bind(now).bind(now).bind(now).bind(now);
    if (!conv.exec() || !conv.next())
        qFatal("seed conversation");
    t.conversation = conv.int64(0);
    conv.finish();
    if (!tx.commit())
        qFatal("seed commit");
    return t;
}

QString TestHardening::platformAdminToken()
{
    auto u = UserRepository(db(), crypto::ScryptParams{10, 8, 1})
                 .create({TenantId(), QStringLiteral("ops@puente.example"), QStringLiteral("Ops"), Role::PlatformAdmin, kPassword}, QStringLiteral("test"));
    return u ? SessionRepository(db()).create(u->id, 3'600'000)->token : QString();
}

Answer TestHardening::call(const QByteArray &method, const QString &path, const QString &token, const QByteArray &body,
                           const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    Client c(m_server.port);
    QByteArray request = method + ' ' + path.toUtf8() + " HTTP/1.1\r\n";
    bool host = false;
    for (const auto &[name, value] : headers) {
        request += name + ": " + value + "\r\n";
        host = host || name.compare("host", Qt::CaseInsensitive) == 0;
    }
    if (!host)
        request += "Host: 127.0.0.1\r\n";
    if (!token.isEmpty())
        request += "Authorization: Bearer " + token.toUtf8() + "\r\n";
    if (!body.isEmpty() || method == "POST" || method == "PATCH")
        request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    request += "Connection: close\r\n\r\n" + body;
    c.send(request);
    return c.next(15'000, method == "HEAD").value_or(Answer{});
}

QByteArray TestHardening::textWebhook(const QStringList &phoneNumberIds, const QString &wamid)
{
    QJsonArray changes;
    for (const QString &phoneNumberId : phoneNumberIds) {
        const QJsonObject value{
            {QStringLiteral("messaging_product"), QStringLiteral("whatsapp")},
            {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("display_phone_number"), QStringLiteral("15550001111")},
                                                     {QStringLiteral("phone_number_id"), phoneNumberId}}},
            {QStringLiteral("contacts"), QJsonArray{QJsonObject{{QStringLiteral("profile"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Eve")}}},
                                                                {QStringLiteral("wa_id"), QStringLiteral("34600999888")}}}},
            {QStringLiteral("messages"), QJsonArray{QJsonObject{{QStringLiteral("from"), QStringLiteral("34600999888")},
                                                                {QStringLiteral("id"), wamid + phoneNumberId},
                                                                {QStringLiteral("timestamp"), QStringLiteral("1750000000")},
                                                                {QStringLiteral("type"), QStringLiteral("text")},
                                                                {QStringLiteral("text"), QJsonObject{{QStringLiteral("body"), QStringLiteral("forged")}}}}}}};
        changes.append(QJsonObject{{QStringLiteral("value"), value}, {QStringLiteral("field"), QStringLiteral("messages")}});
    }
    const QJsonObject root{{QStringLiteral("object"), QStringLiteral("whatsapp_business_account")},
                           {QStringLiteral("entry"), QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("9") + phoneNumberIds.first()},
                                                                          {QStringLiteral("changes"), changes}}}}};
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

qint64 TestHardening::count(const QString &sql, const QVariantList &binds)
{
    Sql q(connectionFor(db(), sql), sql);
    for (const QVariant &b : binds)
        q.bind(b);
    if (!q.exec() || !q.next())
        return -1;
    return q.int64(0);
}

// ------------------------------------------------------------------ 2

void TestHardening::declaredHugeBodiesAreRefusedBeforeTheyAreRead()
{
    start();
    // 256 MB announced, nothing sent: the answer comes from the head alone.
    for (const QByteArray &path : {QByteArrayLiteral("/api/whatsapp/webhook"), QByteArrayLiteral("/api/auth/login")}) {
        Client c(m_server.port);
        c.send("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 268435456\r\n\r\n{\"a\":");
        const auto a = c.next(5000);
        QVERIFY2(a, path.constData());
        QCOMPARE(a->status, 413);
        QCOMPARE(a->code(), path.contains("webhook") ? QStringLiteral("payload_too_large") : QStringLiteral("too_large"));
        QCOMPARE(a->headers.value("connection"), QByteArrayLiteral("close"));
        QVERIFY(c.closedWithin(5000));
    }
    QCOMPARE(m_server.context->metrics().webhooksTooLarge.load(), quint64(1));
    // The JSON limit is not the upload route's: a 5 MB body to the API is
    // refused, a 5 MB upload is not refused for its size.
    Client c(m_server.port);
    c.send("POST /api/users HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\n\r\n");
    QCOMPARE(c.next(5000)->status, 413);
}

void TestHardening::chunkedBodiesAreCappedAsTheyArrive()
{
    start({{QStringLiteral("api_max_body_bytes"), QStringLiteral("65536")}});
    Client c(m_server.port);
    c.send("POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
    // 16 KiB chunks: the fifth takes the body past 64 KiB.
    const QByteArray chunk = "4000\r\n" + QByteArray(16384, ' ') + "\r\n";
    int sent = 0;
    std::optional<Answer> a;
    while (!a && sent < 64) {
        c.send(chunk);
        ++sent;
        a = c.next(100);
    }
    QVERIFY(a);
    QCOMPARE(a->status, 413);
    QVERIFY2(sent <= 6, qPrintable(QString::number(sent)));
    QVERIFY(c.closedWithin(5000));
}

void TestHardening::uploadsWithoutATokenAreNotRead()
{
    start();
    Client c(m_server.port);
    c.send("POST /api/whatsapp/media HTTP/1.1\r\nHost: x\r\nContent-Type: image/jpeg\r\nContent-Length: 50000000\r\n\r\n");
    const auto a = c.next(5000);
    QVERIFY(a);
    QCOMPARE(a->status, 401);
    QVERIFY(QDir(m_test->dir() + QStringLiteral("/media/.incoming")).entryList(QDir::Files).isEmpty());
}

void TestHardening::webSocketFramesAreCappedBeforeSignIn()
{
    start();
    QWebSocket ws;
    QSignalSpy connected(&ws, &QWebSocket::connected);
    QSignalSpy disconnected(&ws, &QWebSocket::disconnected);
    ws.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/api/ws").arg(m_server.port)));
    QVERIFY(connected.wait(5000));
    // 64 KiB before any sign-in: refused as it comes, not buffered.
    ws.sendTextMessage(QString(65536, QLatin1Char('x')));
    QVERIFY(disconnected.wait(5000));
    QCOMPARE(ws.closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
}

// ------------------------------------------------------------------ 3

void TestHardening::slowHeadersTimeOut()
{
    start({{QStringLiteral("http_header_timeout_seconds"), QStringLiteral("0.5")}});
    Client c(m_server.port);
    c.send("GET /healthz HTTP/1.1\r\nHo");
    QElapsedTimer t;
    t.start();
    const auto a = c.next(5000);
    QVERIFY(a);
    QCOMPARE(a->status, 408);
    QVERIFY(c.closedWithin(3000));
    // A connection that never sends a byte goes too (no answer owed).
    Client silent(m_server.port);
    QVERIFY(silent.closedWithin(3000));
}

void TestHardening::stalledBodiesTimeOut()
{
    start({{QStringLiteral("http_body_timeout_seconds"), QStringLiteral("0.5")}});
    Client c(m_server.port);
    c.send("POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"email\":");
    const auto a = c.next(5000);
    QVERIFY(a);
    QCOMPARE(a->status, 408);
    QVERIFY(c.closedWithin(3000));
}

void TestHardening::idleConnectionsAreClosed()
{
    start({{QStringLiteral("http_idle_timeout_seconds"), QStringLiteral("0.5")}});
    Client c(m_server.port);
    c.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    QCOMPARE(c.next()->status, 200);
    QVERIFY(c.closedWithin(3000));
}

void TestHardening::theOldestIdleConnectionMakesRoom()
{
    start({{QStringLiteral("http_max_connections"), QStringLiteral("3")}});
    std::vector<std::unique_ptr<Client>> idle;
    for (int i = 0; i < 3; ++i) {
        idle.push_back(std::make_unique<Client>(m_server.port));
        idle.back()->send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        QCOMPARE(idle.back()->next()->status, 200);
        QTest::qWait(20);
    }
    // A fourth gets in; the first (idle longest) is closed for it.
    Client fourth(m_server.port);
    fourth.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    QCOMPARE(fourth.next()->status, 200);
    QVERIFY(idle[0]->closedWithin(3000));
    QVERIFY(!idle[2]->closedWithin(200));
}

// ------------------------------------------------------------------ 4

void TestHardening::forgedDeadLettersCannotBeReplayed()
{
    start();
    const Tenant a = seed(QStringLiteral("acme"), QStringLiteral("1001"));
    seed(QStringLiteral("bravo"), QStringLiteral("2002"), QStringLiteral("bravo-own-secret"));
    // Bravo's admin sets its own app secret and signs a body with a change
    // for bravo's number (so bravo's secret is the one checked) and one for
    // acme's.
    const QByteArray body = textWebhook({QStringLiteral("2002"), QStringLiteral("1001")}, QStringLiteral("wamid.forged"));
    const Answer posted = call("POST", QStringLiteral("/api/whatsapp/webhook"), {}, body,
                               {{"Content-Type", "application/json"},
                                {"X-Hub-Signature-256", "sha256=" + crypto::hmacSha256("bravo-own-secret", body).toHex()}});
    QCOMPARE(posted.status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM dead_letters WHERE kind = 'foreign_signature'")), qint64(1), 10000);
    const qint64 id = count(QStringLiteral("SELECT id FROM dead_letters WHERE kind = 'foreign_signature'"));
    // The platform admin's replay is refused, and says why.
    const QString ops = platformAdminToken();
    const Answer replay = call("POST", QStringLiteral("/api/dead-letters/%1/replay").arg(id), ops);
    QCOMPARE(replay.status, 409);
    QCOMPARE(replay.code(), QStringLiteral("not_replayable"));
    QVERIFY(replay.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString().contains(QStringLiteral("another company")));
    const Answer list = call("GET", QStringLiteral("/api/dead-letters"), ops);
    const QJsonObject item = list.json().value(QStringLiteral("items")).toArray().first().toObject();
    QCOMPARE(item.value(QStringLiteral("replayable")).toBool(true), false);
    QTest::qWait(300);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE tenant_id = ? AND provider_message_id = 'wamid.forged1001'"), {a.id.value}),
             qint64(0));
}

void TestHardening::replayKeepsTheSigner()
{
    start();
    const Tenant a = seed(QStringLiteral("acme"), QStringLiteral("1001"));
    seed(QStringLiteral("bravo"), QStringLiteral("2002"), QStringLiteral("bravo-own-secret"));
    // Signed by bravo's own secret, with a change about a number nobody owns
    // yet: unroutable.
    const QByteArray body = textWebhook({QStringLiteral("2002"), QStringLiteral("3003")}, QStringLiteral("wamid.later"));
    QCOMPARE(call("POST", QStringLiteral("/api/whatsapp/webhook"), {}, body,
                  {{"Content-Type", "application/json"},
                   {"X-Hub-Signature-256", "sha256=" + crypto::hmacSha256("bravo-own-secret", body).toHex()}})
                 .status,
             200);
    QTRY_COMPARE_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM dead_letters WHERE kind = 'unroutable'")), qint64(1), 10000);
    // Acme takes that number; a replay is held to bravo's signature again.
    {
        Transaction tx(db());
        Sql q(tx.connection(), QStringLiteral("UPDATE whatsapp_config SET phone_number_id = '3003' WHERE tenant_id = ?"));
        q.bind(a.id.value);
        PUENTE_VERIFY_OK(q.exec());
        PUENTE_VERIFY_OK(tx.commit());
    }
    const qint64 id = count(QStringLiteral("SELECT id FROM dead_letters WHERE kind = 'unroutable'"));
    QCOMPARE(call("POST", QStringLiteral("/api/dead-letters/%1/replay").arg(id), platformAdminToken()).status, 202);
    QTRY_COMPARE_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM dead_letters WHERE kind = 'foreign_signature'")), qint64(1), 10000);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE provider_message_id = 'wamid.later3003'")), qint64(0));
}

// ------------------------------------------------------------------ 5

void TestHardening::smugglingShapesAre400_data()
{
    QTest::addColumn<QByteArray>("request");
    // Each carries a second request a lenient parser would run.
    const QByteArray smuggled = "GET /api/me HTTP/1.1\r\nHost: x\r\n\r\n";
    QTest::addRow("Content-Length and Transfer-Encoding")
        << QByteArray("POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + smuggled);
    QTest::addRow("two Content-Length") << QByteArray("POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nContent-Length: "
                                                      + QByteArray::number(smuggled.size()) + "\r\n\r\n" + smuggled);
    QTest::addRow("two Authorization") << QByteArray("GET /api/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer a\r\nAuthorization: Bearer b\r\n\r\n"
                                                     + smuggled);
    QTest::addRow("two X-Puente-Tenant") << QByteArray("GET /api/me HTTP/1.1\r\nHost: x\r\nX-Puente-Tenant: acme\r\nX-Puente-Tenant: bravo\r\n\r\n"
                                                       + smuggled);
    QTest::addRow("Host with a path") << QByteArray("GET /api/me HTTP/1.1\r\nHost: evil.example/phish?x=\r\n\r\n" + smuggled);
}

void TestHardening::smugglingShapesAre400()
{
    QFETCH(QByteArray, request);
    start();
    Client c(m_server.port);
    c.send(request);
    const auto a = c.next(5000);
    QVERIFY(a);
    QCOMPARE(a->status, 400);
    QVERIFY(c.closedWithin(5000));
    // Nothing after the refused request was answered.
    QVERIFY2(!c.next(200), c.unread().constData());
}

// ------------------------------------------------------------------ 6

void TestHardening::emailsWithControlCharactersNeverReachTheLog()
{
    start();
    const Tenant a = seed(QStringLiteral("acme"), QStringLiteral("1001"));
    const QString forged = QStringLiteral("x@y.example\n2026-12-07T10:00:00.000Z info    puente.auth: signed in: root@acme.example\x1b[0m");
    const Answer r = callJson("POST", QStringLiteral("/api/auth/login"), {},
                              {{QStringLiteral("email"), forged}, {QStringLiteral("password"), QStringLiteral("whatever-long")}});
    QCOMPARE(r.status, 422);
    QCOMPARE(r.field(), QStringLiteral("email"));
    // An email that passes the body rules but is not an address (ESC inside a
    // single line) is refused by the email rule, before any use.
    const Answer esc = callJson("POST", QStringLiteral("/api/auth/login"), {},
                                {{QStringLiteral("email"), QStringLiteral("root@acme.example\u202e")}, {QStringLiteral("password"), QStringLiteral("x")}});
    QCOMPARE(esc.status, 422);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'auth.%'")), qint64(0));
    // The log handler escapes what any other field might carry.
    QCOMPARE(logging::escapeControls(QStringLiteral("a\nb\x1b[31mc\u202ed")), QStringLiteral("a\\nb\\u001b[31mc\\u202ed"));
    Q_UNUSED(a);
}

// ------------------------------------------------------------------ 7

void TestHardening::parallelWrongPasswordsCheckAtMostTheLimit()
{
    start();
    // A realistic password cost, so that checks overlap.
    seed(QStringLiteral("acme"), QStringLiteral("1001"), {}, 13);
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("email"), QStringLiteral("agent@acme.example")},
                                                      {QStringLiteral("password"), QStringLiteral("not the password at all")}})
                                .toJson(QJsonDocument::Compact);
    std::vector<std::unique_ptr<Client>> clients;
    for (int i = 0; i < 40; ++i)
        clients.push_back(std::make_unique<Client>(m_server.port));
    for (auto &c : clients)
        c->send("POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
                + "\r\n\r\n" + body);
    int checked = 0, throttled = 0;
    for (auto &c : clients) {
        const auto a = c->next(60'000);
        QVERIFY(a);
        checked += a->status == 401;
        throttled += a->status == 429;
    }
    QCOMPARE(checked + throttled, 40);
    // At most the lock's 10 attempts reached a password check.
    QVERIFY2(checked <= 10, qPrintable(QString::number(checked)));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.login_failed'")), qint64(checked));
}

// ------------------------------------------------------------------ 8

void TestHardening::webhookUrlDoesNotTrustTheRequest()
{
    start();
    const Tenant a = seed(QStringLiteral("acme"), QStringLiteral("1001"));
    const auto url = [&](const QList<std::pair<QByteArray, QByteArray>> &headers) {
        return call("GET", QStringLiteral("/api/whatsapp/config"), a.adminToken, {}, headers).json().value(QStringLiteral("webhook_url")).toString();
    };
    // Without trust_proxy, forwarded headers are the client's own words.
    QCOMPARE(url({{"Host", "puente.example.com"}, {"X-Forwarded-Host", "evil.example"}, {"X-Forwarded-Proto", "https"}}),
             QStringLiteral("http://puente.example.com/api/whatsapp/webhook"));
    QCOMPARE(call("GET", QStringLiteral("/api/whatsapp/config"), a.adminToken, {}, {{"Host", "evil.example/phish?x="}}).status, 400);
    cleanup();

    // Behind the bundled proxy (trust_proxy, loopback peer) they count, if valid.
    start({{QStringLiteral("trust_proxy"), QStringLiteral("true")}});
    const Tenant b = seed(QStringLiteral("acme"), QStringLiteral("1001"));
    const auto urlB = [&](const QList<std::pair<QByteArray, QByteArray>> &headers) {
        return call("GET", QStringLiteral("/api/whatsapp/config"), b.adminToken, {}, headers).json().value(QStringLiteral("webhook_url")).toString();
    };
    QCOMPARE(urlB({{"Host", "127.0.0.1:8080"}, {"X-Forwarded-Host", "puente.example.com"}, {"X-Forwarded-Proto", "https"}}),
             QStringLiteral("https://puente.example.com/api/whatsapp/webhook"));
    QCOMPARE(urlB({{"Host", "puente.example.com"}, {"X-Forwarded-Host", "evil.example/phish"}, {"X-Forwarded-Proto", "gopher"}}),
             QStringLiteral("http://puente.example.com/api/whatsapp/webhook"));
    cleanup();

    // public_url wins over everything.
    start({{QStringLiteral("public_url"), QStringLiteral("https://wa.puente.example")}, {QStringLiteral("trust_proxy"), QStringLiteral("true")}});
    const Tenant c = seed(QStringLiteral("acme"), QStringLiteral("1001"));
    QCOMPARE(call("GET", QStringLiteral("/api/whatsapp/config"), c.adminToken, {}, {{"Host", "evil.example"}, {"X-Forwarded-Host", "evil.example"}})
                 .json()
                 .value(QStringLiteral("webhook_url"))
                 .toString(),
             QStringLiteral("https://wa.puente.example/api/whatsapp/webhook"));
}

// ------------------------------------------------------------------ 9

void TestHardening::looseInputIsRefusedNamingTheField_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path"); // {c}: the conversation
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("field");
    const auto json = [](const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); };
    const QString users = QStringLiteral("/api/users");
    const QString messages = QStringLiteral("/api/whatsapp/conversations/{c}/messages");
    const auto user = [&](const QString &name) {
        return json({{QStringLiteral("email"), QStringLiteral("new@acme.example")}, {QStringLiteral("name"), name},
                     {QStringLiteral("role"), QStringLiteral("agent")}, {QStringLiteral("password"), QStringLiteral("una clave bastante larga")}});
    };
    QTest::addRow("NUL in a user name") << QByteArray("POST") << users << user(QString::fromUtf8("Ana\0Eve", 7)) << 422 << "name";
    QTest::addRow("CRLF in a user name") << QByteArray("POST") << users << user(QStringLiteral("Ana\r\nEve")) << 422 << "name";
    QTest::addRow("bidi override in a user name") << QByteArray("POST") << users << user(QStringLiteral("Ana\u202Egnp.exe")) << 422 << "name";
    QTest::addRow("newline in an API key name")
        << QByteArray("POST") << QStringLiteral("/api/api-keys")
        << json({{QStringLiteral("name"), QStringLiteral("crm\nforged")}, {QStringLiteral("scopes"), QJsonArray{QStringLiteral("messages:send")}}}) << 422
        << "name";
    QTest::addRow("contact name with ESC")
        << QByteArray("POST") << QStringLiteral("/api/whatsapp/conversations")
        << json({{QStringLiteral("phone"), QStringLiteral("+34600111222")}, {QStringLiteral("name"), QStringLiteral("Ana\x1b[2J")}}) << 422 << "name";
    QTest::addRow("NUL in message text") << QByteArray("POST") << messages << json({{QStringLiteral("message"), QString::fromUtf8("hola\0", 5)}}) << 422
                                         << "message";
    const auto location = [&](const QJsonValue &lat, const QJsonValue &lon, const QString &name = {}) {
        QJsonObject l{{QStringLiteral("latitude"), lat}, {QStringLiteral("longitude"), lon}};
        if (!name.isEmpty())
            l.insert(QStringLiteral("name"), name);
        return json({{QStringLiteral("type"), QStringLiteral("location")}, {QStringLiteral("location"), l}});
    };
    QTest::addRow("latitude 0x10") << QByteArray("POST") << messages << location(QStringLiteral("0x10"), 5) << 422 << "location.latitude";
    QTest::addRow("longitude with blanks") << QByteArray("POST") << messages << location(40, QStringLiteral("  5 ")) << 422 << "location.longitude";
    QTest::addRow("location name of 100 KB") << QByteArray("POST") << messages << location(40, 5, QString(100'000, QLatin1Char('a'))) << 422
                                             << "location.name";
    QTest::addRow("interactive header of 100 KB")
        << QByteArray("POST") << messages
        << json({{QStringLiteral("type"), QStringLiteral("interactive")},
                 {QStringLiteral("interactive"),
                  QJsonObject{{QStringLiteral("type"), QStringLiteral("button")},
                              {QStringLiteral("header"), QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                                                     {QStringLiteral("text"), QString(100'000, QLatin1Char('h'))}}},
                              {QStringLiteral("body"), QJsonObject{{QStringLiteral("text"), QStringLiteral("¿Vienes?")}}},
                              {QStringLiteral("action"), QJsonObject{{QStringLiteral("buttons"),
                                                                      QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("reply")},
                                                                                             {QStringLiteral("reply"), QJsonObject{{QStringLiteral("id"), QStringLiteral("si")},
                                                                                                                                   {QStringLiteral("title"), QStringLiteral("Sí")}}}}}}}}}}})
        << 422 << "interactive.header";
    QTest::addRow("reply_to -1") << QByteArray("POST") << messages
                                 << json({{QStringLiteral("message"), QStringLiteral("hola")}, {QStringLiteral("reply_to"), -1}}) << 422 << "reply_to";
    QTest::addRow("duplicate keys") << QByteArray("POST") << messages << QByteArray(R"({"message":"hola","message":"adiós"})") << 400 << "message";
    QTest::addRow("duplicate keys, escaped") << QByteArray("POST") << messages << QByteArray(R"({"type":"text","t\u0079pe":"template"})") << 400
                                             << "type";
    QTest::addRow("search starting with NUL") << QByteArray("GET") << QStringLiteral("/api/whatsapp/conversations?search=%00") << QByteArray() << 400
                                              << "search";
}

void TestHardening::looseInputIsRefusedNamingTheField()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, field);
    start();
    const Tenant a = seed(QStringLiteral("acme"), QStringLiteral("1001"));
    const QString target = QString(path).replace(QLatin1String("{c}"), QString::number(a.conversation));
    const Answer r = call(method, target, a.adminToken, body, body.isEmpty() ? QList<std::pair<QByteArray, QByteArray>>{}
                                                                             : QList<std::pair<QByteArray, QByteArray>>{{"Content-Type", "application/json"}});
    QCOMPARE(r.status, status);
    QCOMPARE(r.field(), field);
    QVERIFY(!r.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString().isEmpty());
    // Nothing was queued for Meta.
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM outbox")), qint64(0));
}

void TestHardening::lineBreaksInMessagesAreNormalised()
{
    start();
    const Tenant a = seed(QStringLiteral("acme"), QStringLiteral("1001"));
    const Answer r = callJson("POST", QStringLiteral("/api/whatsapp/conversations/%1/messages").arg(a.conversation), a.agentToken,
                              {{QStringLiteral("message"), QStringLiteral("hola\r\nqué tal\rbien")}});
    QCOMPARE(r.status, 202);
    QCOMPARE(r.json().value(QStringLiteral("content")).toString(), QStringLiteral("hola\nqué tal\nbien"));
}

// ------------------------------------------------------------------ 10

void TestHardening::everyRateLimitedAnswerIsCounted()
{
    start();
    seed(QStringLiteral("acme"), QStringLiteral("1001"));
    const QJsonObject wrong{{QStringLiteral("email"), QStringLiteral("agent@acme.example")}, {QStringLiteral("password"), QStringLiteral("wrong password")}};
    int refused = 0;
    for (int i = 0; i < 30; ++i)
        refused += callJson("POST", QStringLiteral("/api/auth/login"), {}, wrong).status == 429;
    // Invalid bearer tokens: the per-address limiter.
    for (int i = 0; i < 40; ++i)
        refused += call("GET", QStringLiteral("/api/me"), QStringLiteral("not-a-token")).status == 429;
    QVERIFY(refused > 20);
    QCOMPARE(m_server.context->metrics().rateLimited.load(), quint64(refused));
}

void TestHardening::operationsEndpointsAreNotPublic()
{
    start();
    QCOMPARE(call("GET", QStringLiteral("/metrics")).status, 200);
    QCOMPARE(call("GET", QStringLiteral("/readyz")).status, 200);
    // Through a proxy (which says whom it forwards for): not served.
    QCOMPARE(call("GET", QStringLiteral("/metrics"), {}, {}, {{"X-Forwarded-For", "203.0.113.9"}}).status, 404);
    QCOMPARE(call("GET", QStringLiteral("/readyz"), {}, {}, {{"X-Real-IP", "203.0.113.9"}}).status, 404);
    QCOMPARE(call("GET", QStringLiteral("/healthz"), {}, {}, {{"X-Forwarded-For", "203.0.113.9"}}).status, 200);
    // Refusals the server makes itself are counted by code.
    Client junk(m_server.port);
    junk.send("\x16\x03\x01 hello");
    QCOMPARE(junk.next()->status, 400);
    QVERIFY(call("GET", QStringLiteral("/metrics")).body.contains("puente_http_refused_total{code=\"bad_request\"} 1"));
    // On an address of their own (metrics_listen): gone from the main one.
    auto ops = m_server.front->listenOperations(QHostAddress::LocalHost, 0);
    PUENTE_VERIFY_OK(ops);
    QCOMPARE(call("GET", QStringLiteral("/metrics")).status, 404);
    Client direct(ops.value());
    direct.send("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
    QCOMPARE(direct.next()->status, 200);
    cleanup();

    // With a token: only its bearer reads them, wherever it comes from.
    start({{QStringLiteral("metrics_token"), QStringLiteral("scrape-me-please-123")}});
    QCOMPARE(call("GET", QStringLiteral("/metrics")).status, 404);
    QCOMPARE(call("GET", QStringLiteral("/metrics"), QStringLiteral("scrape-me-please-123"), {}, {{"X-Forwarded-For", "203.0.113.9"}}).status, 200);
    QCOMPARE(call("GET", QStringLiteral("/readyz"), QStringLiteral("wrong")).status, 404);
}

void TestHardening::headHttp10AndConnectionClose()
{
    start();
    // HEAD: GET's headers, no body.
    const Answer head = call("HEAD", QStringLiteral("/healthz"));
    QCOMPARE(head.status, 200);
    QCOMPARE(head.headers.value("content-length"), QByteArrayLiteral("15"));
    QVERIFY(head.body.isEmpty());
    {
        Client c(m_server.port);
        c.send("HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(c.next(5000, true)->body.isEmpty());
        QCOMPARE(c.next()->body, QByteArrayLiteral("{\"status\":\"ok\"}"));
    }
    // Connection: close and HTTP/1.0 are answered, then closed.
    for (const QByteArray &request : {QByteArrayLiteral("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
                                      QByteArrayLiteral("GET /healthz HTTP/1.0\r\n\r\n")}) {
        Client c(m_server.port);
        c.send(request);
        const auto a = c.next();
        QVERIFY(a);
        QCOMPARE(a->status, 200);
        QCOMPARE(a->headers.value("connection"), QByteArrayLiteral("close"));
        QVERIFY(c.closedWithin(3000));
    }
    // HTTP/1.0 asking to stay: it stays.
    Client keep(m_server.port);
    keep.send("GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    QCOMPARE(keep.next()->headers.value("connection"), QByteArrayLiteral("keep-alive"));
    QVERIFY(!keep.closedWithin(300));
}

void TestHardening::securityHeadersOnEveryAnswer()
{
    start();
    const Tenant a = seed(QStringLiteral("acme"), QStringLiteral("1001"));
    for (const Answer &r : {call("GET", QStringLiteral("/healthz")), call("GET", QStringLiteral("/nowhere")), call("GET", QStringLiteral("/api/me")),
                            call("GET", QStringLiteral("/api/me"), a.agentToken)})
        QCOMPARE(r.headers.value("x-content-type-options"), QByteArrayLiteral("nosniff"));
    // Answers that carry tokens are never cached.
    const Answer login = callJson("POST", QStringLiteral("/api/auth/login"), {},
                                  {{QStringLiteral("email"), QStringLiteral("agent@acme.example")}, {QStringLiteral("password"), kPassword}});
    QCOMPARE(login.status, 200);
    QCOMPARE(login.headers.value("cache-control"), QByteArrayLiteral("no-store"));
    QCOMPARE(call("GET", QStringLiteral("/api/me"), a.agentToken).headers.value("cache-control"), QByteArrayLiteral("no-store"));
}

void TestHardening::apiKeysOnTheWebSocketGetAnErrorFrame()
{
    start();
    const Tenant a = seed(QStringLiteral("acme"), QStringLiteral("1001"));
    auto key = ApiKeyRepository(db()).create(a.id, QStringLiteral("crm"), {ApiScope::ConversationsRead}, Actor(UserId(), QStringLiteral("test")));
    PUENTE_VERIFY_OK(key);
    QWebSocket ws;
    QStringList frames;
    connect(&ws, &QWebSocket::textMessageReceived, this, [&](const QString &t) { frames.append(t); });
    QSignalSpy disconnected(&ws, &QWebSocket::disconnected);
    QNetworkRequest request(QUrl(QStringLiteral("ws://127.0.0.1:%1/api/ws").arg(m_server.port)));
    request.setRawHeader("Authorization", "Bearer " + key->key.toUtf8());
    ws.open(request);
    QVERIFY(disconnected.wait(5000));
    QCOMPARE(frames.size(), 1);
    const QJsonObject error = QJsonDocument::fromJson(frames.first().toUtf8()).object();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("api_key_not_accepted"));
    QVERIFY(!error.value(QStringLiteral("message")).toString().isEmpty());
}

void TestHardening::mediaNeverUploadedIs404()
{
    start();
    const Tenant a = seed(QStringLiteral("acme"), QStringLiteral("1001"));
    qint64 id = 0;
    {
        Transaction tx(db());
        Sql q(tx.connection(), QStringLiteral("INSERT INTO whatsapp_messages (tenant_id, conversation_id, direction, type, status, timestamp, media_id, "
                                              "created_at, updated_at) VALUES (?, ?, 'outbound', 'image', 'sent', ?, '1234', ?, ?) RETURNING id"));
        q.bind(a.id.value).bind(a.conversation).bind(nowMs()).bind(nowMs()).bind(nowMs());
        PUENTE_VERIFY_OK(q.exec());
        QVERIFY(q.next());
        id = q.int64(0);
        q.finish();
        PUENTE_VERIFY_OK(tx.commit());
    }
    const Answer r = call("GET", QStringLiteral("/api/whatsapp/media/%1").arg(id), a.agentToken);
    QCOMPARE(r.status, 404);
}

void TestHardening::databaseFilesAreOwnerOnly()
{
    if (backend() != Backend::Sqlite)
        return; // PostgreSQL keeps its own files
    start();
    seed(QStringLiteral("acme"), QStringLiteral("1001"));
    QCOMPARE(call("POST", QStringLiteral("/api/whatsapp/webhook"), {}, "{}", {{"X-Hub-Signature-256", "sha256=" + crypto::hmacSha256("platform-app-secret", "{}").toHex()}})
                 .status,
             200);
    const QString dir = m_test->dir();
    int checked = 0;
    for (const QFileInfo &f : QDir(QFileInfo(db().url().path).absolutePath()).entryInfoList({QStringLiteral("*.db*")}, QDir::Files)) {
        QCOMPARE(f.permissions() & (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther | QFileDevice::WriteOther),
                 QFileDevice::Permissions());
        ++checked;
    }
    QVERIFY2(checked >= 4, qPrintable(QString::number(checked))); // main and inbox, each with its WAL
    Q_UNUSED(dir);
}

QTEST_GUILESS_MAIN(TestHardening)
#include "tst_hardening.moc"
