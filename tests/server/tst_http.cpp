#include "crypto/crypto.h"
#include "httpfront.h"
#include "storage/sessionrepository.h"
#include "storage/tenantrepository.h"
#include "storage/userrepository.h"
#include "storage/whatsappconfigrepository.h"
#include "servercontext.h"
#include "storage/sql.h"
#include "runningserver.h"
#include "testsupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QUrlQuery>
#include <QWebSocket>

using namespace puente;
using namespace puente::server;
using namespace puente::test;

class TestHttp : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void healthz();
    void readyz();
    void readyzReportsOldSchema();
    void unknownPathIsJson404();
    void listenAddresses();
    void openApiMatchesRoutes();
    void webhookVerification_data();
    void webhookVerification();
    void signedWebhookIsStoredAndProcessed();
    void tenantAppSecretSignature();
    void badSignaturesAreRefusedAndCounted();
    void oversizedBodyIs413();
    void malformedJsonIsKept();
    void webhookGlobalGuard();
    void webSocketTenantIsolation();
    void webSocketRefusesBadTokens();
    void suspendedTenantIsToldAndLetGoButItsWebhooksAreKept();
    void webSocketResumeWithoutGapOrDuplicate();
    void webSocketDeliversEventsPublishedOutOfOrder();
    void pipelinedRequestsAreAnsweredInOrder();
    void clientsLeavingBeforeTheirAnswerAreForgotten();
    void webSocketPathWithoutUpgradeIs426();
    void acknowledgementsDoNotWaitForProcessing();

private:
    struct Reply {
        int status = 0;
        QJsonObject body;
        QByteArray contentType;
        QByteArray raw;
    };
    Reply get(const QString &path);
    Reply post(const QString &path, const QByteArray &body, const QByteArray &signature);
    QByteArray sign(const QByteArray &body, const QByteArray &secret = QByteArrayLiteral("platform-app-secret"));
    QByteArray textWebhook(const QString &phoneNumberId, const QString &wamid, const QString &text);
    qint64 count(const QString &sql);
    // A tenant with a connected number, a user and a session token.
    QString seedTenant(const QString &slug, const QString &phoneNumberId, const QString &appSecret = {});
    struct WsClient {
        std::unique_ptr<QWebSocket> socket;
        QList<QJsonObject> frames;
    };
    std::unique_ptr<WsClient> connectWs(const QString &token, bool viaHeader = true);
    static QList<qint64> seqs(const QList<QJsonObject> &frames);
    // Holds every writer off the database (the inbox writer included) while
    // it lives, so that answers that wait for a commit stay pending.
    struct Writers {
        std::unique_ptr<Transaction> main, inbox;
    };
    std::unique_ptr<Writers> blockWriters();
    // Raw HTTP/1.1 on one connection: the answers read so far, whole.
    static QByteArray request(const QByteArray &method, const QByteArray &path, const QByteArray &body = {},
                              const QByteArray &signature = {});
    static QList<std::pair<int, QByteArray>> answers(QByteArray &buffer);

    std::unique_ptr<TestDatabase> m_test;
    std::unique_ptr<ServerContext> m_context;
    std::unique_ptr<HttpFront> m_front;
    quint16 m_port = 0;
    QNetworkAccessManager m_network;
};

void TestHttp::initTestCase()
{
    QVERIFY(checkBackendAvailable());
}

void TestHttp::init()
{
    auto t = TestDatabase::create();
    PUENTE_VERIFY_OK(t);
    m_test = std::move(t).value();
    Settings settings;
    settings.setOverride(QStringLiteral("verify_token"), QStringLiteral("platform-verify"));
    settings.setOverride(QStringLiteral("app_secret"), QStringLiteral("platform-app-secret"));
    settings.setOverride(QStringLiteral("database"), m_test->url());
    settings.setOverride(QStringLiteral("data_dir"), m_test->dir());
    auto running = RunningServer::start(settings);
    PUENTE_VERIFY_OK(running);
    m_context = std::move(running.value().context);
    m_front = std::move(running.value().front);
    m_port = running->port;
}

void TestHttp::cleanup()
{
    m_front.reset();
    m_context.reset();
    m_test.reset();
}

TestHttp::Reply TestHttp::get(const QString &path)
{
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path)));
    request.setTransferTimeout(10000);
    QNetworkReply *reply = m_network.get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(15000))
        return {};
    Reply r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    r.raw = reply->readAll();
    r.body = QJsonDocument::fromJson(r.raw).object();
    reply->deleteLater();
    return r;
}

TestHttp::Reply TestHttp::post(const QString &path, const QByteArray &body, const QByteArray &signature)
{
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path)));
    request.setTransferTimeout(20000);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!signature.isEmpty())
        request.setRawHeader("X-Hub-Signature-256", signature);
    QNetworkReply *reply = m_network.post(request, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(25000))
        return {};
    Reply r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.raw = reply->readAll();
    r.body = QJsonDocument::fromJson(r.raw).object();
    reply->deleteLater();
    return r;
}

QByteArray TestHttp::sign(const QByteArray &body, const QByteArray &secret)
{
    return "sha256=" + crypto::hmacSha256(secret, body).toHex();
}

QByteArray TestHttp::textWebhook(const QString &phoneNumberId, const QString &wamid, const QString &text)
{
    // Non-ASCII on purpose: the signature covers the raw bytes as sent.
    const QJsonObject value{
        {QStringLiteral("messaging_product"), QStringLiteral("whatsapp")},
        {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("display_phone_number"), QStringLiteral("15550783881")},
                                                 {QStringLiteral("phone_number_id"), phoneNumberId}}},
        {QStringLiteral("contacts"), QJsonArray{QJsonObject{{QStringLiteral("profile"), QJsonObject{{QStringLiteral("name"), QStringLiteral("José Núñez")}}},
                                                            {QStringLiteral("wa_id"), QStringLiteral("34600111222")}}}},
        {QStringLiteral("messages"), QJsonArray{QJsonObject{{QStringLiteral("from"), QStringLiteral("34600111222")},
                                                            {QStringLiteral("id"), wamid},
                                                            {QStringLiteral("timestamp"), QStringLiteral("1750000000")},
                                                            {QStringLiteral("type"), QStringLiteral("text")},
                                                            {QStringLiteral("text"), QJsonObject{{QStringLiteral("body"), text}}}}}}};
    const QJsonObject root{{QStringLiteral("object"), QStringLiteral("whatsapp_business_account")},
                           {QStringLiteral("entry"), QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("102290129340398")},
                                                                          {QStringLiteral("changes"), QJsonArray{QJsonObject{
                                                                               {QStringLiteral("value"), value}, {QStringLiteral("field"), QStringLiteral("messages")}}}}}}}};
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

qint64 TestHttp::count(const QString &sql)
{
    Sql q(connectionFor(m_context->database(), sql), sql);
    if (!q.exec() || !q.next())
        return -1;
    return q.int64(0);
}

QString TestHttp::seedTenant(const QString &slug, const QString &phoneNumberId, const QString &appSecret)
{
    Database &db = m_context->database();
    auto tenant = TenantRepository(db).create(slug, slug, Plan::Basic);
    if (!tenant)
        return {};
    WhatsAppConfig c;
    c.businessApiToken = QStringLiteral("EAAtoken");
    c.phoneNumberId = phoneNumberId;
    c.businessAccountId = QStringLiteral("4%1").arg(phoneNumberId);
    c.webhookVerifyToken = slug + QStringLiteral("-verify");
    c.appSecret = appSecret;
    if (!WhatsAppConfigRepository(db, m_context->keyring()).save(tenant->id, c, QStringLiteral("test")))
        return {};
    auto user = UserRepository(db, crypto::ScryptParams{10, 8, 1})
                    .create({tenant->id, QStringLiteral("agent@%1.example").arg(slug), QStringLiteral("Agent"), Role::Agent,
                             QStringLiteral("reclutar candidatos 2026")},
                            QStringLiteral("test"));
    if (!user)
        return {};
    auto session = SessionRepository(db).create(user->id, 3600 * 1000);
    return session ? session->token : QString();
}

std::unique_ptr<TestHttp::WsClient> TestHttp::connectWs(const QString &token, bool viaHeader)
{
    auto client = std::make_unique<WsClient>();
    client->socket = std::make_unique<QWebSocket>();
    WsClient *raw = client.get();
    connect(client->socket.get(), &QWebSocket::textMessageReceived, this,
            [raw](const QString &text) { raw->frames.append(QJsonDocument::fromJson(text.toUtf8()).object()); });
    QNetworkRequest request(QUrl(QStringLiteral("ws://127.0.0.1:%1/api/ws").arg(m_port)));
    if (viaHeader && !token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    QSignalSpy connected(client->socket.get(), &QWebSocket::connected);
    client->socket->open(request);
    if (!connected.wait(10000))
        return nullptr;
    if (!viaHeader)
        client->socket->sendTextMessage(QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("type"), QStringLiteral("auth")},
                                                                                    {QStringLiteral("token"), token}}).toJson()));
    return client;
}

QList<qint64> TestHttp::seqs(const QList<QJsonObject> &frames)
{
    QList<qint64> out;
    for (const QJsonObject &f : frames)
        if (f.contains(QStringLiteral("seq")))
            out.append(qint64(f.value(QStringLiteral("seq")).toDouble()));
    return out;
}

void TestHttp::healthz()
{
    const Reply r = get(QStringLiteral("/healthz"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.contentType, QByteArray("application/json"));
    QCOMPARE(r.body, (QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}}));
}

void TestHttp::readyz()
{
    const Reply r = get(QStringLiteral("/readyz"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body.value(QStringLiteral("status")).toString(), QStringLiteral("ready"));
    QCOMPARE(r.body.value(QStringLiteral("database")).toString(), QStringLiteral("ok"));
    QVERIFY(r.body.value(QStringLiteral("schema_version")).toInt() >= 1);
}

void TestHttp::readyzReportsOldSchema()
{
    // Another node rolled the schema back (or a restore went wrong):
    // not ready, and the answer says why.
    Sql q(m_context->database().connection(), QStringLiteral("DELETE FROM schema_migrations"));
    PUENTE_VERIFY_OK(q.exec());
    const Reply r = get(QStringLiteral("/readyz"));
    QCOMPARE(r.status, 503);
    QCOMPARE(r.body.value(QStringLiteral("status")).toString(), QStringLiteral("unavailable"));
    QVERIFY(r.body.value(QStringLiteral("database")).toString().contains(QLatin1String("schema version 0")));
}

void TestHttp::unknownPathIsJson404()
{
    const Reply r = get(QStringLiteral("/nope"));
    QCOMPARE(r.status, 404);
    QCOMPARE(r.body.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
             QStringLiteral("not_found"));
}

void TestHttp::listenAddresses()
{
    auto v4 = parseListenAddress(QStringLiteral("127.0.0.1:8080"));
    PUENTE_VERIFY_OK(v4);
    QCOMPARE(v4->first, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(v4->second, quint16(8080));
    auto v6 = parseListenAddress(QStringLiteral("[::1]:9000"));
    PUENTE_VERIFY_OK(v6);
    QCOMPARE(v6->first, QHostAddress(QHostAddress::LocalHostIPv6));
    auto any = parseListenAddress(QStringLiteral(":80"));
    PUENTE_VERIFY_OK(any);
    QCOMPARE(any->first, QHostAddress(QHostAddress::Any));
    PUENTE_VERIFY_ERROR(parseListenAddress(QStringLiteral("8080")), "bad_listen");
    PUENTE_VERIFY_ERROR(parseListenAddress(QStringLiteral("127.0.0.1:99999")), "bad_listen");
    PUENTE_VERIFY_ERROR(parseListenAddress(QStringLiteral("example.com:80")), "bad_listen");
}

void TestHttp::openApiMatchesRoutes()
{
    const Reply r = get(QStringLiteral("/api/openapi.yaml"));
    QCOMPARE(r.status, 200);
    QFile source(QStringLiteral(PUENTE_SOURCE_DIR "/docs/openapi.yaml"));
    QVERIFY(source.open(QIODevice::ReadOnly));
    QCOMPARE(r.raw, source.readAll()); // served as written
    // "  /path:" then "    get:" / "    post:" lines.
    QStringList documented;
    QString path;
    static const QRegularExpression pathLine(QStringLiteral("^  (/\\S*):\\s*$"));
    static const QRegularExpression methodLine(QStringLiteral("^    (get|post|put|patch|delete):"));
    const QStringList lines = QString::fromUtf8(r.raw).split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (auto m = pathLine.match(line); m.hasMatch())
            path = m.captured(1);
        else if (auto mm = methodLine.match(line); mm.hasMatch() && !path.isEmpty())
            documented.append(mm.captured(1).toUpper() + QLatin1Char(' ') + path);
    }
    QStringList registered = m_front->routes();
    documented.sort();
    registered.sort();
    QCOMPARE(documented, registered);
    // And each registered route answers something other than the 404 fallback.
    for (const QString &route : std::as_const(registered)) {
        if (!route.startsWith(QLatin1String("GET ")) || route.endsWith(QLatin1String("/ws")))
            continue;
        QVERIFY2(get(route.mid(4)).body.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString()
                     != QLatin1String("not_found"),
                 qPrintable(route));
    }
}

void TestHttp::webhookVerification_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("status");
    QTest::addRow("platform token") << QStringLiteral("hub.mode=subscribe&hub.verify_token=platform-verify&hub.challenge=1158201444") << 200;
    QTest::addRow("tenant token") << QStringLiteral("hub.mode=subscribe&hub.verify_token=acme-verify&hub.challenge=1158201444") << 200;
    QTest::addRow("wrong token") << QStringLiteral("hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1158201444") << 403;
    QTest::addRow("no mode") << QStringLiteral("hub.verify_token=platform-verify&hub.challenge=1158201444") << 403;
    QTest::addRow("no token") << QStringLiteral("hub.mode=subscribe&hub.challenge=1158201444") << 403;
}

void TestHttp::webhookVerification()
{
    QFETCH(QString, query);
    QFETCH(int, status);
    QVERIFY(!seedTenant(QStringLiteral("acme"), QStringLiteral("111111")).isEmpty());
    const Reply r = get(QStringLiteral("/api/whatsapp/webhook?") + query);
    QCOMPARE(r.status, status);
    if (status == 200) {
        QCOMPARE(r.raw, QByteArray("1158201444"));
        QCOMPARE(r.contentType, QByteArray("text/plain"));
    }
}

std::unique_ptr<TestHttp::Writers> TestHttp::blockWriters()
{
    // SQLite: the transactions hold the writer locks of the main file and of
    // the inbox file. PostgreSQL: inserts into these tables wait for the lock.
    Database &db = m_context->database();
    auto held = std::make_unique<Writers>();
    held->main = std::make_unique<Transaction>(db);
    if (!held->main->begun())
        return {};
    if (db.dialect() == Dialect::Postgres)
        return Sql::run(held->main->connection(), QStringLiteral("LOCK TABLE webhook_inbox, sessions IN EXCLUSIVE MODE")) ? std::move(held) : nullptr;
    held->inbox = std::make_unique<Transaction>(db.inbox());
    return held->inbox->begun() ? std::move(held) : nullptr;
}

QByteArray TestHttp::request(const QByteArray &method, const QByteArray &path, const QByteArray &body, const QByteArray &signature)
{
    QByteArray r = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!signature.isEmpty())
        r += "X-Hub-Signature-256: " + signature + "\r\n";
    if (!body.isEmpty())
        r += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    return r + "\r\n" + body;
}

QList<std::pair<int, QByteArray>> TestHttp::answers(QByteArray &buffer)
{
    QList<std::pair<int, QByteArray>> out;
    for (;;) {
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return out;
        const QByteArray head = buffer.left(end);
        static const QRegularExpression length(QStringLiteral("(?i)content-length:\\s*(\\d+)"));
        const auto m = length.match(QString::fromLatin1(head));
        const qsizetype size = m.hasMatch() ? m.captured(1).toLongLong() : 0;
        if (buffer.size() < end + 4 + size)
            return out;
        out.append({head.mid(9, 3).toInt(), buffer.mid(end + 4, size)});
        buffer.remove(0, end + 4 + size);
    }
}

void TestHttp::pipelinedRequestsAreAnsweredInOrder()
{
    // A client may send its next request before the first is answered
    // (HTTP/1.1 pipelining). The answers must come back in the order asked,
    // even when the second is ready long before the first.
    QVERIFY(!seedTenant(QStringLiteral("acme"), QStringLiteral("111111")).isEmpty());
    const QByteArray body = textWebhook(QStringLiteral("111111"), QStringLiteral("wamid.pipe"), QStringLiteral("en orden"));
    QTcpSocket client;
    client.connectToHost(QStringLiteral("127.0.0.1"), m_port);
    QVERIFY(client.waitForConnected(5000));
    QByteArray received;
    connect(&client, &QTcpSocket::readyRead, this, [&] { received += client.readAll(); });
    {
        auto writers = blockWriters();
        QVERIFY(writers);
        client.write(request("POST", "/api/whatsapp/webhook", body, sign(body)) + request("GET", "/nope") + request("GET", "/healthz"));
        // The 404 and the health check are ready at once; they wait behind
        // the webhook, which waits for its commit.
        QTest::qWait(400);
        QCOMPARE(received, QByteArray());
    }
    QTRY_VERIFY_WITH_TIMEOUT(received.count("HTTP/1.1 ") == 3, 10000);
    const auto got = answers(received);
    QCOMPARE(got.size(), 3);
    QCOMPARE(got[0].first, 200);
    QCOMPARE(QJsonDocument::fromJson(got[0].second).object().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    QCOMPARE(got[1].first, 404);
    QCOMPARE(QJsonDocument::fromJson(got[1].second).object().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
             QStringLiteral("not_found"));
    QCOMPARE(got[2].first, 200);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_inbox")), qint64(1));
}

void TestHttp::clientsLeavingBeforeTheirAnswerAreForgotten()
{
    // Meta gives up on a slow answer and closes the connection; so does a
    // console on a bad network. The server must neither crash nor write to
    // the closed connection, and what it was doing still completes.
    QVERIFY(!seedTenant(QStringLiteral("acme"), QStringLiteral("111111")).isEmpty());
    const QByteArray body = textWebhook(QStringLiteral("111111"), QStringLiteral("wamid.gone"), QStringLiteral("me fui"));
    const QByteArray login = R"({"email":"agent@acme.example","password":"reclutar candidatos 2026"})";
    {
        auto writers = blockWriters();
        QVERIFY(writers);
        for (int i = 0; i < 2; ++i) {
            auto *client = new QTcpSocket(this);
            client->connectToHost(QStringLiteral("127.0.0.1"), m_port);
            QVERIFY(client->waitForConnected(5000));
            // A webhook waits for the inbox commit; a sign-in for its session row.
            client->write(i == 0 ? request("POST", "/api/whatsapp/webhook", body, sign(body)) : request("POST", "/api/auth/login", login));
            QTest::qWait(300);
            QCOMPARE(client->bytesAvailable(), qint64(0));
            client->abort();
            delete client;
        }
        QTest::qWait(200); // the server sees both connections close
    }
    // Both pieces of work finish after their clients left...
    QTRY_COMPARE_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE content = 'me fui'")), qint64(1), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM sessions")), qint64(2), 10000);
    // ...and the server goes on answering.
    QCOMPARE(get(QStringLiteral("/healthz")).status, 200);
    QCOMPARE(post(QStringLiteral("/api/whatsapp/webhook"), body, sign(body)).status, 200);
}

void TestHttp::acknowledgementsDoNotWaitForProcessing()
{
    // Processing writes to the main database; the inbox has its own file on
    // SQLite (its own rows on PostgreSQL). A long processing transaction
    // must not hold Meta's acknowledgements back.
    QVERIFY(!seedTenant(QStringLiteral("acme"), QStringLiteral("111111")).isEmpty());
    const QByteArray body = textWebhook(QStringLiteral("111111"), QStringLiteral("wamid.busy"), QStringLiteral("¿me oyen?"));
    {
        Transaction processing(m_context->database());
        QVERIFY(processing.begun());
        QElapsedTimer answered;
        answered.start();
        QCOMPARE(post(QStringLiteral("/api/whatsapp/webhook"), body, sign(body)).status, 200);
        QVERIFY2(answered.elapsed() < 5000, qPrintable(QString::number(answered.elapsed())));
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_inbox WHERE status = 'pending'")), qint64(1));
    }
    QTRY_COMPARE_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE content = '¿me oyen?'")), qint64(1), 10000);
}

void TestHttp::webSocketPathWithoutUpgradeIs426()
{
    const Reply r = get(QStringLiteral("/api/ws"));
    QCOMPARE(r.status, 426);
    QCOMPARE(r.body.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(), QStringLiteral("upgrade_required"));
}

void TestHttp::signedWebhookIsStoredAndProcessed()
{
    QVERIFY(!seedTenant(QStringLiteral("acme"), QStringLiteral("111111")).isEmpty());
    const QByteArray body = textWebhook(QStringLiteral("111111"), QStringLiteral("wamid.http1"), QStringLiteral("¿Hay vacantes en León?"));
    const Reply r = post(QStringLiteral("/api/whatsapp/webhook"), body, sign(body));
    QCOMPARE(r.status, 200);
    // Stored before the answer...
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_inbox")), qint64(1));
    // ...processed after it.
    QTRY_COMPARE_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE content = '¿Hay vacantes en León?'")), qint64(1), 10000);
    QTRY_COMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_inbox WHERE status = 'done'")), qint64(1));
}

void TestHttp::tenantAppSecretSignature()
{
    // A tenant with its own Meta app signs with its own secret.
    QVERIFY(!seedTenant(QStringLiteral("own-app"), QStringLiteral("222222"), QStringLiteral("tenant-secret")).isEmpty());
    const QByteArray body = textWebhook(QStringLiteral("222222"), QStringLiteral("wamid.own"), QStringLiteral("hola"));
    QCOMPARE(post(QStringLiteral("/api/whatsapp/webhook"), body, sign(body, "tenant-secret")).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE provider_message_id = 'wamid.own'")), qint64(1), 10000);
    // The same secret does not vouch for another tenant's number...
    QVERIFY(!seedTenant(QStringLiteral("other"), QStringLiteral("333333")).isEmpty());
    const QByteArray forged = textWebhook(QStringLiteral("333333"), QStringLiteral("wamid.forged"), QStringLiteral("hola"));
    QCOMPARE(post(QStringLiteral("/api/whatsapp/webhook"), forged, sign(forged, "tenant-secret")).status, 401);
    // ...not even smuggled into a body that also names the signer's own number.
    QJsonObject mixed = QJsonDocument::fromJson(textWebhook(QStringLiteral("222222"), QStringLiteral("wamid.own2"), QStringLiteral("mío"))).object();
    QJsonArray entries = mixed.value(QStringLiteral("entry")).toArray();
    entries.append(QJsonDocument::fromJson(textWebhook(QStringLiteral("333333"), QStringLiteral("wamid.smuggled"), QStringLiteral("falso")))
                       .object().value(QStringLiteral("entry")).toArray().first());
    mixed.insert(QStringLiteral("entry"), entries);
    const QByteArray smuggled = QJsonDocument(mixed).toJson(QJsonDocument::Compact);
    QCOMPARE(post(QStringLiteral("/api/whatsapp/webhook"), smuggled, sign(smuggled, "tenant-secret")).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE provider_message_id = 'wamid.own2'")), qint64(1), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM dead_letters WHERE reason LIKE '%signed by another tenant%'")), qint64(1), 10000);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE provider_message_id = 'wamid.smuggled'")), qint64(0));
}

void TestHttp::badSignaturesAreRefusedAndCounted()
{
    QVERIFY(!seedTenant(QStringLiteral("acme"), QStringLiteral("111111")).isEmpty());
    const QByteArray body = textWebhook(QStringLiteral("111111"), QStringLiteral("wamid.bad"), QStringLiteral("x"));
    QCOMPARE(post(QStringLiteral("/api/whatsapp/webhook"), body, QByteArray()).status, 401);
    QCOMPARE(post(QStringLiteral("/api/whatsapp/webhook"), body, sign(body, "wrong-secret")).status, 401);
    QCOMPARE(post(QStringLiteral("/api/whatsapp/webhook"), body, "sha1=" + crypto::hmacSha256("platform-app-secret", body).toHex()).status, 401);
    // Re-serialised JSON (whitespace changed) no longer matches.
    const QByteArray reformatted = QJsonDocument::fromJson(body).toJson(QJsonDocument::Indented);
    QCOMPARE(post(QStringLiteral("/api/whatsapp/webhook"), reformatted, sign(body)).status, 401);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_inbox")), qint64(0));
    const Reply metrics = get(QStringLiteral("/metrics"));
    QVERIFY2(metrics.raw.contains("puente_webhooks_rejected_signature_total 4"), metrics.raw.constData());
}

void TestHttp::oversizedBodyIs413()
{
    QByteArray big(3 * 1024 * 1024 + 1, ' ');
    big[0] = '{';
    big[big.size() - 1] = '}';
    const Reply r = post(QStringLiteral("/api/whatsapp/webhook"), big, sign(big));
    QCOMPARE(r.status, 413);
    QCOMPARE(r.body.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(), QStringLiteral("payload_too_large"));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_inbox")), qint64(0));
}

void TestHttp::webhookGlobalGuard()
{
    // A server whose webhook guard allows a burst of two and (almost) no refill.
    m_front.reset();
    m_context.reset();
    Settings settings;
    settings.setOverride(QStringLiteral("app_secret"), QStringLiteral("platform-app-secret"));
    settings.setOverride(QStringLiteral("database"), m_test->url());
    settings.setOverride(QStringLiteral("data_dir"), m_test->dir());
    settings.setOverride(QStringLiteral("webhook_rate_limit_per_second"), QStringLiteral("0.001"));
    settings.setOverride(QStringLiteral("webhook_rate_limit_burst"), QStringLiteral("2"));
    auto running = RunningServer::start(settings);
    PUENTE_VERIFY_OK(running);
    m_context = std::move(running.value().context);
    m_front = std::move(running.value().front);
    m_port = running->port;
    for (int i = 0; i < 2; ++i) {
        const QByteArray body = textWebhook(QStringLiteral("555"), QStringLiteral("wamid.guard.%1").arg(i), QStringLiteral("hola"));
        QCOMPARE(post(QStringLiteral("/api/whatsapp/webhook"), body, sign(body)).status, 200);
    }
    const QByteArray body = textWebhook(QStringLiteral("555"), QStringLiteral("wamid.guard.x"), QStringLiteral("hola"));
    const Reply r = post(QStringLiteral("/api/whatsapp/webhook"), body, sign(body));
    QCOMPARE(r.status, 429); // Meta retries later
    QCOMPARE(r.body.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(), QStringLiteral("rate_limited"));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_inbox")), qint64(2));
    QCOMPARE(m_context->metrics().webhooksThrottled.load(), quint64(1));
}

void TestHttp::malformedJsonIsKept()
{
    const QByteArray body("{\"object\": \"whatsapp_business_account\", \"entry\": [");
    QCOMPARE(post(QStringLiteral("/api/whatsapp/webhook"), body, sign(body)).status, 200); // Meta must not retry it for days
    QTRY_COMPARE_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM dead_letters WHERE reason LIKE 'invalid JSON%'")), qint64(1), 10000);
}

void TestHttp::webSocketTenantIsolation()
{
    const QString acmeToken = seedTenant(QStringLiteral("acme"), QStringLiteral("111111"));
    const QString betaToken = seedTenant(QStringLiteral("beta"), QStringLiteral("222222"));
    auto acme = connectWs(acmeToken);
    auto beta = connectWs(betaToken, false); // token in the first frame
    QVERIFY(acme && beta);
    QTRY_VERIFY(!acme->frames.isEmpty() && !beta->frames.isEmpty());
    QCOMPARE(acme->frames.first().value(QStringLiteral("type")).toString(), QStringLiteral("ready"));
    QCOMPARE(beta->frames.first().value(QStringLiteral("type")).toString(), QStringLiteral("ready"));

    const QByteArray body = textWebhook(QStringLiteral("111111"), QStringLiteral("wamid.ws1"), QStringLiteral("solo para acme"));
    QCOMPARE(post(QStringLiteral("/api/whatsapp/webhook"), body, sign(body)).status, 200);
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(acme->frames.cbegin(), acme->frames.cend(), [](const QJsonObject &f) {
        return f.value(QStringLiteral("type")).toString() == QLatin1String("message.created")
            && f.value(QStringLiteral("data")).toObject().value(QStringLiteral("content")).toString() == QLatin1String("solo para acme");
    }), 10000);
    QTRY_VERIFY(std::any_of(acme->frames.cbegin(), acme->frames.cend(), [](const QJsonObject &f) {
        return f.value(QStringLiteral("type")).toString() == QLatin1String("conversation.updated");
    }));
    QTest::qWait(300);
    QCOMPARE(beta->frames.size(), 1); // only its "ready"
}

void TestHttp::webSocketRefusesBadTokens()
{
    auto client = connectWs(QStringLiteral("not-a-session-token"));
    QVERIFY(client);
    // The server may close before a spy could be attached: watch the state.
    QTRY_VERIFY_WITH_TIMEOUT(client->socket->state() == QAbstractSocket::UnconnectedState, 15000);
    QVERIFY(!client->frames.isEmpty());
    QCOMPARE(client->frames.first().value(QStringLiteral("code")).toString(), QStringLiteral("unauthorized"));
    QVERIFY(get(QStringLiteral("/metrics")).raw.contains("puente_websocket_auth_failures_total 1"));
}

void TestHttp::suspendedTenantIsToldAndLetGoButItsWebhooksAreKept()
{
    const QString acmeToken = seedTenant(QStringLiteral("acme"), QStringLiteral("111111"));
    const QString betaToken = seedTenant(QStringLiteral("beta"), QStringLiteral("222222"));
    Database &db = m_context->database();
    auto ops = UserRepository(db).create({TenantId(), QStringLiteral("ops@puente.example"), QStringLiteral("Ops"), Role::PlatformAdmin,
                                          QStringLiteral("correct horse battery staple")}, QStringLiteral("test"));
    PUENTE_VERIFY_OK(ops);
    const QString opsToken = SessionRepository(db).create(ops->id, 3600 * 1000)->token;
    auto acme = connectWs(acmeToken);
    auto beta = connectWs(betaToken);
    QVERIFY(acme && beta);
    QTRY_VERIFY(!acme->frames.isEmpty() && !beta->frames.isEmpty());

    const auto acmeId = TenantRepository(db).findByIdOrSlug(QStringLiteral("acme"));
    QVERIFY(acmeId && acmeId.value());
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/api/admin/tenants/%2").arg(m_port).arg(acmeId.value()->id.value)));
    request.setRawHeader("Authorization", "Bearer " + opsToken.toUtf8());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *patch = m_network.sendCustomRequest(request, "PATCH", R"({"status":"suspended","suspended_reason":"factura impagada"})");
    QSignalSpy done(patch, &QNetworkReply::finished);
    QVERIFY(done.wait(10000));
    QCOMPARE(patch->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    patch->deleteLater();

    // Told why, then let go.
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(acme->frames.cbegin(), acme->frames.cend(), [](const QJsonObject &f) {
        return f.value(QStringLiteral("type")).toString() == QLatin1String("tenant.suspended")
            && f.value(QStringLiteral("data")).toObject().value(QStringLiteral("reason")).toString() == QLatin1String("factura impagada");
    }), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(acme->socket->state() == QAbstractSocket::UnconnectedState, 10000);
    // Its webhooks are still stored, and nothing reaches it while suspended.
    const QByteArray body = textWebhook(QStringLiteral("111111"), QStringLiteral("wamid.suspended"), QStringLiteral("sigo aquí"));
    QCOMPARE(post(QStringLiteral("/api/whatsapp/webhook"), body, sign(body)).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE provider_message_id = 'wamid.suspended'")), qint64(1), 10000);
    auto again = connectWs(acmeToken);
    QVERIFY(again);
    QTRY_VERIFY_WITH_TIMEOUT(again->socket->state() == QAbstractSocket::UnconnectedState, 15000);
    QVERIFY(!again->frames.isEmpty());
    QCOMPARE(again->frames.first().value(QStringLiteral("code")).toString(), QStringLiteral("tenant_suspended"));
    QVERIFY(again->frames.first().value(QStringLiteral("message")).toString().contains(QStringLiteral("factura impagada")));
    // The other tenant did not notice.
    QCOMPARE(beta->socket->state(), QAbstractSocket::ConnectedState);
    QCOMPARE(beta->frames.size(), 1);
}

void TestHttp::webSocketResumeWithoutGapOrDuplicate()
{
    const QString token = seedTenant(QStringLiteral("acme"), QStringLiteral("111111"));
    auto first = connectWs(token);
    QVERIFY(first);
    QTRY_VERIFY(!first->frames.isEmpty());
    for (int i = 0; i < 2; ++i) {
        const QByteArray body = textWebhook(QStringLiteral("111111"), QStringLiteral("wamid.r%1").arg(i), QStringLiteral("r%1").arg(i));
        QCOMPARE(post(QStringLiteral("/api/whatsapp/webhook"), body, sign(body)).status, 200);
    }
    QTRY_COMPARE_WITH_TIMEOUT(seqs(first->frames).size(), 4, 10000);
    const qint64 seen = seqs(first->frames).last();
    first->socket->close();
    first.reset();

    // While disconnected, more traffic.
    for (int i = 2; i < 5; ++i) {
        const QByteArray body = textWebhook(QStringLiteral("111111"), QStringLiteral("wamid.r%1").arg(i), QStringLiteral("r%1").arg(i));
        QCOMPARE(post(QStringLiteral("/api/whatsapp/webhook"), body, sign(body)).status, 200);
    }
    QTRY_COMPARE_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages")), qint64(5), 10000);

    auto second = connectWs(token);
    QVERIFY(second);
    QTRY_VERIFY(!second->frames.isEmpty());
    second->socket->sendTextMessage(QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("type"), QStringLiteral("resume")},
                                                                               {QStringLiteral("after_seq"), seen}}).toJson()));
    // Live traffic during the resume must neither be lost nor doubled.
    const QByteArray body = textWebhook(QStringLiteral("111111"), QStringLiteral("wamid.r5"), QStringLiteral("r5"));
    QCOMPARE(post(QStringLiteral("/api/whatsapp/webhook"), body, sign(body)).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(seqs(second->frames).size(), 8, 10000);
    QTest::qWait(200);
    const QList<qint64> got = seqs(second->frames);
    QCOMPARE(got.size(), 8);
    for (int i = 0; i < got.size(); ++i)
        QCOMPARE(got[i], seen + 1 + i);

    // Far behind the log: a resync hint instead of a flood.
    auto third = connectWs(token);
    QTRY_VERIFY(!third->frames.isEmpty());
    Sql prune(m_context->database().connection(), QStringLiteral("DELETE FROM events WHERE seq <= 3"));
    PUENTE_VERIFY_OK(prune.exec());
    third->socket->sendTextMessage(QStringLiteral(R"({"type":"resume","after_seq":1})"));
    QTRY_VERIFY_WITH_TIMEOUT(third->frames.size() >= 2, 10000);
    QCOMPARE(third->frames.at(1).value(QStringLiteral("type")).toString(), QStringLiteral("resync"));
}

void TestHttp::webSocketDeliversEventsPublishedOutOfOrder()
{
    // Two threads commit events of one tenant one after the other and
    // publish them the other way round: the client gets both.
    const QString token = seedTenant(QStringLiteral("acme"), QStringLiteral("111111"));
    auto client = connectWs(token);
    QVERIFY(client);
    QTRY_VERIFY(!client->frames.isEmpty());
    const qint64 ready = qint64(client->frames.first().value(QStringLiteral("last_seq")).toDouble());
    const auto acme = TenantRepository(m_context->database()).findByIdOrSlug(QStringLiteral("acme"));
    QVERIFY(acme && acme.value());
    const TenantId tenant = acme.value()->id;
    auto event = [&](qint64 seq) { return Event{tenant, seq, QStringLiteral("test.event"), {{QStringLiteral("n"), seq}}, nowMs()}; };
    m_context->eventBus().publish({event(ready + 2)});
    m_context->eventBus().publish({event(ready + 1)});
    m_context->eventBus().publish({event(ready + 3), event(ready + 2)}); // the second one again
    QTRY_COMPARE_WITH_TIMEOUT(seqs(client->frames).size(), 3, 10000);
    QTest::qWait(200);
    QCOMPARE(seqs(client->frames), (QList<qint64>{ready + 2, ready + 1, ready + 3}));
}

QTEST_GUILESS_MAIN(TestHttp)
#include "tst_http.moc"
