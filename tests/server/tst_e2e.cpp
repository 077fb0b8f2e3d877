// End to end against the Sandbox: the API queues, the dispatcher sends
// through the real Cloud API transport, the Sandbox answers like Meta and
// posts signed status webhooks back, the inbound path applies them.
#include "httpfront.h"
#include "messaging/dispatcher.h"
#include "sandbox/sandbox.h"
#include "sandboxdemo.h"
#include "servercontext.h"
#include "storage/sql.h"
#include "runningserver.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>

using namespace puente;
using namespace puente::server;
using namespace puente::sandbox;
using namespace puente::test;

class TestEndToEnd : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(checkBackendAvailable()); }
    void init();
    void cleanup();
    void sendReachesReadOverTheWebhookPath();
    void templateOutsideTheWindowAndRefusedText();
    void metaRefusalsEndFailedWithTheirCode();
    void throughputRefusalIsRetried();
    void demoRefusesARealDatabase();
    void templatesSyncAndChecks();
    void inboundMediaIsFetchedAndServed();
    void outboundMediaUploadAndSend();
    void timeoutAndDroppedConnectionAreRetried();
    void readReceiptAndRichMessages();

private:
    struct Reply {
        int status = 0;
        QJsonObject body;
    };
    Reply call(const QByteArray &method, const QString &path, const QJsonObject &body = {});
    QJsonObject message(qint64 conversation, qint64 id);
    qint64 conversationOf(const QString &waId);

    std::unique_ptr<TestDatabase> m_test;
    std::unique_ptr<SandboxDemo> m_demo;
    std::unique_ptr<ServerContext> m_context;
    std::unique_ptr<HttpFront> m_front;
    quint16 m_port = 0;
    QString m_token;
    QNetworkAccessManager m_network;
};

void TestEndToEnd::init()
{
    auto t = TestDatabase::create();
    PUENTE_VERIFY_OK(t);
    m_test = std::move(t).value();
    Settings settings;
    settings.setOverride(QStringLiteral("database"), m_test->url());
    settings.setOverride(QStringLiteral("data_dir"), m_test->dir());
    settings.setOverride(QStringLiteral("password_hash_log_n"), QStringLiteral("10"));
    // The test polls the API while it waits: no rate limit in the way.
    settings.setOverride(QStringLiteral("rate_limit_user_per_second"), QStringLiteral("10000"));
    settings.setOverride(QStringLiteral("rate_limit_tenant_per_second"), QStringLiteral("10000"));
    settings.setOverride(QStringLiteral("graph_timeout_ms"), QStringLiteral("1500")); // a Meta that never answers, quickly
    auto demo = SandboxDemo::prepare(settings, false, 0.02);
    PUENTE_VERIFY_OK(demo);
    m_demo = std::move(demo).value();
    auto running = RunningServer::start(settings);
    PUENTE_VERIFY_OK(running);
    m_context = std::move(running.value().context);
    m_front = std::move(running.value().front);
    m_port = running->port;
    auto accounts = m_demo->attach(*m_context, m_port);
    PUENTE_VERIFY_OK(accounts);
    const Reply login = call("POST", QStringLiteral("/api/auth/login"),
                             {{QStringLiteral("email"), accounts->agentEmail}, {QStringLiteral("password"), accounts->password}});
    QCOMPARE(login.status, 200);
    m_token = login.body.value(QStringLiteral("token")).toString();
}

void TestEndToEnd::cleanup()
{
    m_front.reset();
    m_context.reset();
    m_demo.reset();
    m_test.reset();
}

TestEndToEnd::Reply TestEndToEnd::call(const QByteArray &method, const QString &path, const QJsonObject &body)
{
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path)));
    request.setTransferTimeout(20000);
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    QByteArray payload;
    if (!body.isEmpty()) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        payload = QJsonDocument(body).toJson(QJsonDocument::Compact);
    }
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, payload);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(25000))
        return {};
    Reply r{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), QJsonDocument::fromJson(reply->readAll()).object()};
    reply->deleteLater();
    return r;
}

QJsonObject TestEndToEnd::message(qint64 conversation, qint64 id)
{
    const Reply r = call("GET", QStringLiteral("/api/whatsapp/conversations/%1/messages?limit=200").arg(conversation));
    for (const QJsonValue &v : r.body.value(QStringLiteral("items")).toArray())
        if (v.toObject().value(QStringLiteral("id")).toInteger() == id)
            return v.toObject();
    return {};
}

qint64 TestEndToEnd::conversationOf(const QString &waId)
{
    const Reply r = call("GET", QStringLiteral("/api/whatsapp/conversations?q=") + waId);
    const QJsonArray items = r.body.value(QStringLiteral("items")).toArray();
    return items.isEmpty() ? 0 : items.first().toObject().value(QStringLiteral("id")).toInteger();
}

void TestEndToEnd::sendReachesReadOverTheWebhookPath()
{
    m_demo->sandbox().candidateWrites(QStringLiteral("100000000000001"), QStringLiteral("34611222333"), QStringLiteral("Lucía Pérez"),
                                      QStringLiteral("Hola, ¿sigue abierta la vacante de mozo de almacén?"));
    qint64 conversation = 0;
    QTRY_VERIFY_WITH_TIMEOUT((conversation = conversationOf(QStringLiteral("34611222333"))) > 0, 15000);
    const Reply sent = call("POST", QStringLiteral("/api/whatsapp/conversations/%1/messages").arg(conversation),
                            {{QStringLiteral("message"), QStringLiteral("¡Hola Lucía! Sí, sigue abierta.")}, {QStringLiteral("type"), QStringLiteral("text")}});
    QCOMPARE(sent.status, 202);
    const qint64 id = sent.body.value(QStringLiteral("id")).toInteger();
    QTRY_COMPARE_WITH_TIMEOUT(message(conversation, id).value(QStringLiteral("status")).toString(), QStringLiteral("read"), 20000);
    const QJsonObject m = message(conversation, id);
    QVERIFY(m.value(QStringLiteral("provider_message_id")).toString().startsWith(QStringLiteral("wamid.")));
    // What reached "Meta" is Meta's body shape.
    const QJsonObject body = m_demo->sandbox().lastRequestBody(QStringLiteral("100000000000001"));
    QCOMPARE(body.value(QStringLiteral("to")).toString(), QStringLiteral("+34611222333"));
    QCOMPARE(body.value(QStringLiteral("text")).toObject().value(QStringLiteral("body")).toString(), QStringLiteral("¡Hola Lucía! Sí, sigue abierta."));
    QCOMPARE(m_context->dispatcher()->counters().accepted.load(), quint64(1));
}

void TestEndToEnd::templateOutsideTheWindowAndRefusedText()
{
    const Reply started = call("POST", QStringLiteral("/api/whatsapp/conversations"), {{QStringLiteral("phone"), QStringLiteral("+34 622 33 44 55")}});
    QCOMPARE(started.status, 201);
    const qint64 conversation = started.body.value(QStringLiteral("id")).toInteger();
    const QString path = QStringLiteral("/api/whatsapp/conversations/%1/messages").arg(conversation);
    // Free text is refused before Meta is asked.
    QCOMPARE(call("POST", path, {{QStringLiteral("message"), QStringLiteral("hola")}}).status, 422);
    QVERIFY(m_demo->sandbox().sendLog().isEmpty());
    // A template goes, and is read.
    const Reply sent = call("POST", path, {{QStringLiteral("type"), QStringLiteral("template")},
                                           {QStringLiteral("template"), QJsonObject{{QStringLiteral("name"), QStringLiteral("hello_world")},
                                                                                   {QStringLiteral("language"), QStringLiteral("en_US")}}}});
    QCOMPARE(sent.status, 202);
    const qint64 id = sent.body.value(QStringLiteral("id")).toInteger();
    QTRY_COMPARE_WITH_TIMEOUT(message(conversation, id).value(QStringLiteral("status")).toString(), QStringLiteral("read"), 20000);
}

void TestEndToEnd::metaRefusalsEndFailedWithTheirCode()
{
    // Puente believes the window is open, Meta knows it is not: 131047
    // arrives as a failed status webhook.
    const Reply started = call("POST", QStringLiteral("/api/whatsapp/conversations"), {{QStringLiteral("phone"), QStringLiteral("+34 633 44 55 66")}});
    const qint64 conversation = started.body.value(QStringLiteral("id")).toInteger();
    {
        Transaction tx(m_context->database());
        Sql q(tx.connection(), QStringLiteral("UPDATE whatsapp_conversations SET last_inbound_at = ? WHERE id = ?"));
        q.bind(nowMs()).bind(conversation);
        PUENTE_VERIFY_OK(q.exec());
        PUENTE_VERIFY_OK(tx.commit());
    }
    const QString path = QStringLiteral("/api/whatsapp/conversations/%1/messages").arg(conversation);
    Reply sent = call("POST", path, {{QStringLiteral("message"), QStringLiteral("hola")}});
    QCOMPARE(sent.status, 202);
    const qint64 windowId = sent.body.value(QStringLiteral("id")).toInteger();
    QTRY_COMPARE_WITH_TIMEOUT(message(conversation, windowId).value(QStringLiteral("status")).toString(), QStringLiteral("failed"), 20000);
    QCOMPARE(message(conversation, windowId).value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(), 131047);
    // An undeliverable number, refused at once by the API call.
    m_demo->sandbox().injectFailure(QStringLiteral("100000000000001"), 131026);
    sent = call("POST", path, {{QStringLiteral("message"), QStringLiteral("otra vez")}});
    const qint64 undeliverable = sent.body.value(QStringLiteral("id")).toInteger();
    QTRY_COMPARE_WITH_TIMEOUT(message(conversation, undeliverable).value(QStringLiteral("status")).toString(), QStringLiteral("failed"), 20000);
    QCOMPARE(message(conversation, undeliverable).value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(), 131026);
    // An invalid token: failed with 190 and the configuration marked failing.
    m_demo->sandbox().injectFailure(QStringLiteral("100000000000001"), 190);
    sent = call("POST", path, {{QStringLiteral("message"), QStringLiteral("y otra")}});
    const qint64 unauthorized = sent.body.value(QStringLiteral("id")).toInteger();
    QTRY_COMPARE_WITH_TIMEOUT(message(conversation, unauthorized).value(QStringLiteral("status")).toString(), QStringLiteral("failed"), 20000);
    QCOMPARE(message(conversation, unauthorized).value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(), 190);
    const QString adminToken = [&] {
        const QString saved = m_token;
        m_token.clear();
        const Reply r = call("POST", QStringLiteral("/api/auth/login"),
                             {{QStringLiteral("email"), QStringLiteral("admin@demo.puente")}, {QStringLiteral("password"), QStringLiteral("demo-puente-2026")}});
        m_token = saved;
        return r.body.value(QStringLiteral("token")).toString();
    }();
    const QString agent = m_token;
    m_token = adminToken;
    QCOMPARE(call("GET", QStringLiteral("/api/whatsapp/config")).body.value(QStringLiteral("connection_status")).toString(), QStringLiteral("failing"));
    m_token = agent;
}

void TestEndToEnd::throughputRefusalIsRetried()
{
    m_demo->sandbox().candidateWrites(QStringLiteral("100000000000001"), QStringLiteral("34644555666"), QStringLiteral("Pablo"), QStringLiteral("Hola"));
    qint64 conversation = 0;
    QTRY_VERIFY_WITH_TIMEOUT((conversation = conversationOf(QStringLiteral("34644555666"))) > 0, 15000);
    m_demo->sandbox().injectFailure(QStringLiteral("100000000000001"), 130429);
    const Reply sent = call("POST", QStringLiteral("/api/whatsapp/conversations/%1/messages").arg(conversation),
                            {{QStringLiteral("message"), QStringLiteral("Te escribo de nuevo")}});
    const qint64 id = sent.body.value(QStringLiteral("id")).toInteger();
    QTRY_COMPARE_WITH_TIMEOUT(message(conversation, id).value(QStringLiteral("status")).toString(), QStringLiteral("read"), 30000);
    int refused = 0, accepted = 0;
    for (const auto &r : m_demo->sandbox().sendLog())
        (r.httpStatus == 200 ? accepted : refused) += r.type == QLatin1String("text") ? 1 : 0;
    QCOMPARE(refused, 1);
    QCOMPARE(accepted, 1); // retried once, sent once: no duplicate
}

void TestEndToEnd::demoRefusesARealDatabase()
{
    Transaction tx(m_context->database());
    PUENTE_VERIFY_OK(Sql::run(tx.connection(), QStringLiteral("UPDATE whatsapp_config SET phone_number_id = '555000111'")));
    PUENTE_VERIFY_OK(tx.commit());
    PUENTE_VERIFY_ERROR(m_demo->attach(*m_context, m_port), "not_a_demo_database");
}

void TestEndToEnd::templatesSyncAndChecks()
{
    // Agents cannot sync; admins can.
    QCOMPARE(call("POST", QStringLiteral("/api/whatsapp/templates/sync")).status, 403);
    const QString agent = m_token;
    m_token.clear();
    m_token = call("POST", QStringLiteral("/api/auth/login"),
                   {{QStringLiteral("email"), QStringLiteral("admin@demo.puente")}, {QStringLiteral("password"), QStringLiteral("demo-puente-2026")}})
                  .body.value(QStringLiteral("token")).toString();
    const Reply synced = call("POST", QStringLiteral("/api/whatsapp/templates/sync"));
    QCOMPARE(synced.status, 200);
    QCOMPARE(synced.body.value(QStringLiteral("synced")).toInt(), 13);
    m_token = agent;
    const Reply list = call("GET", QStringLiteral("/api/whatsapp/templates"));
    QCOMPARE(list.body.value(QStringLiteral("items")).toArray().size(), 13);
    QJsonObject confirmation;
    for (const QJsonValue &v : list.body.value(QStringLiteral("items")).toArray())
        if (v.toObject().value(QStringLiteral("name")).toString() == QLatin1String("confirmacion_entrevista"))
            confirmation = v.toObject();
    QCOMPARE(confirmation.value(QStringLiteral("status")).toString(), QStringLiteral("APPROVED"));
    QCOMPARE(confirmation.value(QStringLiteral("parameters")).toObject().value(QStringLiteral("body")).toInt(), 3);

    const Reply started = call("POST", QStringLiteral("/api/whatsapp/conversations"), {{QStringLiteral("phone"), QStringLiteral("+34 655 66 77 88")}});
    const QString path = QStringLiteral("/api/whatsapp/conversations/%1/messages").arg(started.body.value(QStringLiteral("id")).toInteger());
    auto templateBody = [](const QString &name, const QString &language, int parameters) {
        QJsonArray params;
        for (int i = 0; i < parameters; ++i)
            params.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), QStringLiteral("p%1").arg(i)}});
        return QJsonObject{{QStringLiteral("type"), QStringLiteral("template")},
                           {QStringLiteral("template"), QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("language"), language},
                                                                   {QStringLiteral("components"), QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("body")},
                                                                                                                        {QStringLiteral("parameters"), params}}}}}}};
    };
    Reply r = call("POST", path, templateBody(QStringLiteral("confirmacion_entrevista"), QStringLiteral("es"), 2));
    QCOMPARE(r.status, 422);
    QCOMPARE(r.body.value(QStringLiteral("error")).toObject().value(QStringLiteral("field")).toString(), QStringLiteral("template.components"));
    r = call("POST", path, templateBody(QStringLiteral("promo_referidos"), QStringLiteral("es"), 0));
    QCOMPARE(r.status, 422);
    QVERIFY(r.body.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString().contains(QStringLiteral("rejected")));
    r = call("POST", path, templateBody(QStringLiteral("no_existe"), QStringLiteral("es"), 0));
    QCOMPARE(r.body.value(QStringLiteral("error")).toObject().value(QStringLiteral("field")).toString(), QStringLiteral("template.name"));
    r = call("POST", path, templateBody(QStringLiteral("confirmacion_entrevista"), QStringLiteral("es"), 3));
    QCOMPARE(r.status, 202);
    const qint64 id = r.body.value(QStringLiteral("id")).toInteger();
    QTRY_COMPARE_WITH_TIMEOUT(message(started.body.value(QStringLiteral("id")).toInteger(), id).value(QStringLiteral("status")).toString(),
                              QStringLiteral("read"), 20000);
}

void TestEndToEnd::inboundMediaIsFetchedAndServed()
{
    const QByteArray jpeg = QByteArray("\xff\xd8\xff\xe0" "fake jpeg of a CV") + QByteArray(2000, 'x');
    m_demo->sandbox().candidateSendsImage(QStringLiteral("100000000000001"), QStringLiteral("34677888999"), QStringLiteral("Marta"), jpeg,
                                          QStringLiteral("image/jpeg"), QStringLiteral("Mi CV"));
    qint64 conversation = 0;
    QTRY_VERIFY_WITH_TIMEOUT((conversation = conversationOf(QStringLiteral("34677888999"))) > 0, 15000);
    qint64 id = 0;
    QTRY_VERIFY_WITH_TIMEOUT([&] {
        const Reply r = call("GET", QStringLiteral("/api/whatsapp/conversations/%1/messages").arg(conversation));
        const QJsonObject m = r.body.value(QStringLiteral("items")).toArray().first().toObject();
        id = m.value(QStringLiteral("id")).toInteger();
        return m.value(QStringLiteral("media")).toObject().value(QStringLiteral("downloaded")).toBool();
    }(), 20000);
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/api/whatsapp/media/%2").arg(m_port).arg(id)));
    request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    QNetworkReply *reply = m_network.get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(reply->readAll(), jpeg); // checked against Meta's sha256 on the way in
    reply->deleteLater();
}

void TestEndToEnd::outboundMediaUploadAndSend()
{
    m_demo->sandbox().candidateWrites(QStringLiteral("100000000000001"), QStringLiteral("34688999000"), QStringLiteral("Iván"), QStringLiteral("Hola"));
    qint64 conversation = 0;
    QTRY_VERIFY_WITH_TIMEOUT((conversation = conversationOf(QStringLiteral("34688999000"))) > 0, 15000);
    auto upload = [&](const QByteArray &bytes, const QByteArray &type) {
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/api/whatsapp/media?filename=oferta.pdf").arg(m_port)));
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
        request.setHeader(QNetworkRequest::ContentTypeHeader, type);
        QNetworkReply *reply = m_network.post(request, bytes);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        finished.wait(20000);
        Reply r{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), QJsonDocument::fromJson(reply->readAll()).object()};
        reply->deleteLater();
        return r;
    };
    QCOMPARE(upload("MZ\x90\x00 not a document", "application/x-msdownload").status, 415);
    QCOMPARE(upload(QByteArray(6 * 1024 * 1024, 'j'), "image/jpeg").status, 413);
    const QByteArray pdf = "%PDF-1.4 oferta de trabajo " + QByteArray(5000, 'p');
    const Reply uploaded = upload(pdf, "application/pdf");
    QCOMPARE(uploaded.status, 201);
    QCOMPARE(uploaded.body.value(QStringLiteral("type")).toString(), QStringLiteral("document"));
    const QString mediaId = uploaded.body.value(QStringLiteral("media_id")).toString();
    QVERIFY(!mediaId.isEmpty());
    const Reply sent = call("POST", QStringLiteral("/api/whatsapp/conversations/%1/messages").arg(conversation),
                            {{QStringLiteral("type"), QStringLiteral("document")}, {QStringLiteral("media_id"), mediaId},
                             {QStringLiteral("caption"), QStringLiteral("La oferta")}});
    QCOMPARE(sent.status, 202);
    const qint64 id = sent.body.value(QStringLiteral("id")).toInteger();
    QCOMPARE(sent.body.value(QStringLiteral("media")).toObject().value(QStringLiteral("downloaded")).toBool(), true);
    QTRY_COMPARE_WITH_TIMEOUT(message(conversation, id).value(QStringLiteral("status")).toString(), QStringLiteral("read"), 20000);
    const QJsonObject body = m_demo->sandbox().lastRequestBody(QStringLiteral("100000000000001"));
    QCOMPARE(body.value(QStringLiteral("document")).toObject().value(QStringLiteral("id")).toString(), mediaId);
    QCOMPARE(body.value(QStringLiteral("document")).toObject().value(QStringLiteral("filename")).toString(), QStringLiteral("oferta.pdf"));
}

void TestEndToEnd::timeoutAndDroppedConnectionAreRetried()
{
    m_demo->sandbox().candidateWrites(QStringLiteral("100000000000001"), QStringLiteral("34699000111"), QStringLiteral("Rosa"), QStringLiteral("Hola"));
    qint64 conversation = 0;
    QTRY_VERIFY_WITH_TIMEOUT((conversation = conversationOf(QStringLiteral("34699000111"))) > 0, 15000);
    const QString path = QStringLiteral("/api/whatsapp/conversations/%1/messages").arg(conversation);
    // Meta never answers: the transfer timeout ends the attempt, a retry sends it.
    m_demo->sandbox().injectFailure(QStringLiteral("100000000000001"), -2);
    qint64 id = call("POST", path, {{QStringLiteral("message"), QStringLiteral("uno")}}).body.value(QStringLiteral("id")).toInteger();
    QTRY_COMPARE_WITH_TIMEOUT(message(conversation, id).value(QStringLiteral("status")).toString(), QStringLiteral("read"), 30000);
    // Meta closes the connection twice without answering (once is absorbed by
    // QNetworkAccessManager's own re-send): a network error, then a retry.
    m_demo->sandbox().injectFailure(QStringLiteral("100000000000001"), -1, 2);
    id = call("POST", path, {{QStringLiteral("message"), QStringLiteral("dos")}}).body.value(QStringLiteral("id")).toInteger();
    QTRY_COMPARE_WITH_TIMEOUT(message(conversation, id).value(QStringLiteral("status")).toString(), QStringLiteral("read"), 30000);
    QVERIFY(m_context->dispatcher()->counters().retried.load() >= 2);
}

void TestEndToEnd::readReceiptAndRichMessages()
{
    m_demo->sandbox().candidateWrites(QStringLiteral("100000000000001"), QStringLiteral("34611000999"), QStringLiteral("Hugo"), QStringLiteral("¿Dónde es?"));
    qint64 conversation = 0;
    QTRY_VERIFY_WITH_TIMEOUT((conversation = conversationOf(QStringLiteral("34611000999"))) > 0, 15000);
    // Reading the chat queues Meta's read receipt for the newest inbound
    // message; the dispatcher sends it (the REST answer does not wait).
    QCOMPARE(call("POST", QStringLiteral("/api/whatsapp/conversations/%1/read").arg(conversation)).status, 200);
    const auto receipts = [this] {
        int n = 0;
        for (const auto &r : m_demo->sandbox().sendLog())
            n += r.type == QLatin1String("mark_read") && r.httpStatus == 200;
        return n;
    };
    QTRY_COMPARE_WITH_TIMEOUT(receipts(), 1, 10000);
    // Opened again with nothing new: no second receipt.
    QCOMPARE(call("POST", QStringLiteral("/api/whatsapp/conversations/%1/read").arg(conversation)).status, 200);
    QTest::qWait(500);
    QCOMPARE(receipts(), 1);
    const QString path = QStringLiteral("/api/whatsapp/conversations/%1/messages").arg(conversation);
    Reply r = call("POST", path, {{QStringLiteral("type"), QStringLiteral("location")},
                                  {QStringLiteral("location"), QJsonObject{{QStringLiteral("latitude"), 40.4168}, {QStringLiteral("longitude"), -3.7038},
                                                                          {QStringLiteral("name"), QStringLiteral("Oficina Centro")}}}});
    QCOMPARE(r.status, 202);
    QTRY_COMPARE_WITH_TIMEOUT(message(conversation, r.body.value(QStringLiteral("id")).toInteger()).value(QStringLiteral("status")).toString(),
                              QStringLiteral("read"), 20000);
    QCOMPARE(m_demo->sandbox().lastRequestBody(QStringLiteral("100000000000001")).value(QStringLiteral("location")).toObject()
                 .value(QStringLiteral("latitude")).toString(), QStringLiteral("40.4168"));
    const QJsonObject buttons{{QStringLiteral("type"), QStringLiteral("button")},
                              {QStringLiteral("body"), QJsonObject{{QStringLiteral("text"), QStringLiteral("¿Te viene bien el lunes?")}}},
                              {QStringLiteral("action"), QJsonObject{{QStringLiteral("buttons"), QJsonArray{
                                   QJsonObject{{QStringLiteral("type"), QStringLiteral("reply")}, {QStringLiteral("reply"), QJsonObject{{QStringLiteral("id"), QStringLiteral("si")}, {QStringLiteral("title"), QStringLiteral("Sí")}}}},
                                   QJsonObject{{QStringLiteral("type"), QStringLiteral("reply")}, {QStringLiteral("reply"), QJsonObject{{QStringLiteral("id"), QStringLiteral("no")}, {QStringLiteral("title"), QStringLiteral("Otro día")}}}}}}}}};
    r = call("POST", path, {{QStringLiteral("type"), QStringLiteral("interactive")}, {QStringLiteral("interactive"), buttons}});
    QCOMPARE(r.status, 202);
    QTRY_COMPARE_WITH_TIMEOUT(message(conversation, r.body.value(QStringLiteral("id")).toInteger()).value(QStringLiteral("status")).toString(),
                              QStringLiteral("read"), 20000);
    // Meta's limits are checked before queueing: four buttons, duplicate ids.
    QJsonObject tooMany = buttons;
    QJsonObject action = tooMany.value(QStringLiteral("action")).toObject();
    QJsonArray list = action.value(QStringLiteral("buttons")).toArray();
    list.append(list.at(0));
    action.insert(QStringLiteral("buttons"), list);
    tooMany.insert(QStringLiteral("action"), action);
    r = call("POST", path, {{QStringLiteral("type"), QStringLiteral("interactive")}, {QStringLiteral("interactive"), tooMany}});
    QCOMPARE(r.status, 422);
    QCOMPARE(r.body.value(QStringLiteral("error")).toObject().value(QStringLiteral("field")).toString(), QStringLiteral("interactive.action"));
    r = call("POST", path, {{QStringLiteral("type"), QStringLiteral("contacts")},
                            {QStringLiteral("contacts"), QJsonArray{QJsonObject{{QStringLiteral("phones"), QJsonArray{}}}}}});
    QCOMPARE(r.status, 422);
}

QTEST_GUILESS_MAIN(TestEndToEnd)
#include "tst_e2e.moc"
