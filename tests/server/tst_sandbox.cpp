// The Cloud API sandbox end to end: real HTTP both ways on loopback. The
// Sandbox answers Graph calls; a small in-test server plays Puente's webhook
// endpoint and records every signed delivery.
#include "crypto/crypto.h"
#include "meta/webhookparser.h"
#include "fakeserver.h"
#include "sandbox/sandbox.h"
#include "testsupport.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QHttpMultiPart>
#include <QJsonArray>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QSignalSpy>
#include <QUrlQuery>
#include <QtEndian>

using namespace puente;
using namespace puente::sandbox;

namespace {

const QByteArray kAppSecret = QByteArrayLiteral("sandbox-app-secret-for-tests");
const QString kWaba = QStringLiteral("209876543210001");
const QString kPhoneA = QStringLiteral("109876543210001");
const QString kTokenA = QStringLiteral("EAAGsandboxTokenForNumberA");
const QString kPhoneB = QStringLiteral("109876543210002"); // throughput 5 a second
const QString kTokenB = QStringLiteral("EAAGsandboxTokenForNumberB");
const QString kCandidate = QStringLiteral("5215512345678");
const QString kStranger = QStringLiteral("34612345678");

QJsonObject fixture(const QString &path)
{
    QFile f(QStringLiteral(PUENTE_FIXTURES_DIR "/") + path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(path));
    return QJsonDocument::fromJson(f.readAll()).object();
}

// Shape comparison against Meta's samples: every key of `actual` exists in
// `reference` with the same JSON type (recursively; arrays by their first
// element) and, when `exact`, every key of `reference` exists in `actual`.
void compareShape(const QJsonValue &actual, const QJsonValue &reference, bool exact, const QString &path, QStringList *problems)
{
    if (actual.type() != reference.type()) {
        problems->append(QStringLiteral("%1: type %2, Meta has %3").arg(path).arg(actual.type()).arg(reference.type()));
        return;
    }
    if (actual.isObject()) {
        const QJsonObject a = actual.toObject(), r = reference.toObject();
        for (auto it = a.begin(); it != a.end(); ++it) {
            if (!r.contains(it.key()))
                problems->append(QStringLiteral("%1.%2: not in Meta's sample").arg(path, it.key()));
            else
                compareShape(it.value(), r.value(it.key()), exact, path + QLatin1Char('.') + it.key(), problems);
        }
        if (exact)
            for (auto it = r.begin(); it != r.end(); ++it)
                if (!a.contains(it.key()))
                    problems->append(QStringLiteral("%1.%2: missing").arg(path, it.key()));
    } else if (actual.isArray()) {
        const QJsonArray a = actual.toArray(), r = reference.toArray();
        if (!a.isEmpty() && !r.isEmpty())
            compareShape(a.first(), r.first(), exact, path + QStringLiteral("[0]"), problems);
        else if (exact && a.isEmpty() != r.isEmpty())
            problems->append(QStringLiteral("%1: one array is empty").arg(path));
    }
}

QString shapeProblems(const QJsonValue &actual, const QJsonValue &reference, bool exact)
{
    QStringList problems;
    compareShape(actual, reference, exact, QStringLiteral("$"), &problems);
    return problems.join(QStringLiteral("; "));
}

#define VERIFY_SHAPE(actual, reference, exact)                                                                                             \
    do {                                                                                                                                   \
        const QString problems_ = shapeProblems((actual), (reference), (exact));                                                           \
        QVERIFY2(problems_.isEmpty(), qPrintable(problems_));                                                                              \
    } while (false)

QJsonObject textMessage(const QString &to, const QString &body)
{
    return {{QStringLiteral("messaging_product"), QStringLiteral("whatsapp")},
            {QStringLiteral("recipient_type"), QStringLiteral("individual")},
            {QStringLiteral("to"), to},
            {QStringLiteral("type"), QStringLiteral("text")},
            {QStringLiteral("text"), QJsonObject{{QStringLiteral("preview_url"), false}, {QStringLiteral("body"), body}}}};
}

QJsonObject templateMessage(const QString &to, const QString &name, const QString &language)
{
    return {{QStringLiteral("messaging_product"), QStringLiteral("whatsapp")},
            {QStringLiteral("recipient_type"), QStringLiteral("individual")},
            {QStringLiteral("to"), to},
            {QStringLiteral("type"), QStringLiteral("template")},
            {QStringLiteral("template"),
             QJsonObject{{QStringLiteral("name"), name},
                         {QStringLiteral("language"), QJsonObject{{QStringLiteral("code"), language}}},
                         {QStringLiteral("components"),
                          QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("body")},
                                                 {QStringLiteral("parameters"),
                                                  QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                                                         {QStringLiteral("text"), QStringLiteral("Laura")}},
                                                             QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                                                         {QStringLiteral("text"), QStringLiteral("cajera")}}}}}}}}}};
}

// A template as Meta's list sample shows it (fields=name,category,status).
QJsonObject onlyNameCategoryStatus(const QJsonObject &t)
{
    QJsonObject out;
    for (const char *key : {"name", "category", "status", "id"})
        out.insert(QLatin1String(key), t.value(QLatin1String(key)));
    return out;
}

struct Hook {
    QByteArray body;
    QByteArray signature;
    QJsonObject json;

    QJsonObject value() const
    {
        return json.value(QStringLiteral("entry"))
            .toArray()
            .first()
            .toObject()
            .value(QStringLiteral("changes"))
            .toArray()
            .first()
            .toObject()
            .value(QStringLiteral("value"))
            .toObject();
    }
    QJsonObject status() const { return value().value(QStringLiteral("statuses")).toArray().first().toObject(); }
    QJsonObject message() const { return value().value(QStringLiteral("messages")).toArray().first().toObject(); }
};

} // namespace

class TestSandbox : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void missingOrWrongTokenIs401();
    void unknownNumberIs100Subcode33();
    void sendTextThenSignedStatusesInOrder();
    void textOutsideTheWindowFailsWith131047();
    void candidateWritesOpensTheWindow();
    void windowsOutliveARestartWithAStateFile();
    void candidateImageWebhookAndDownload();
    void templatesNeedNoWindow();
    void unknownTemplateFailsWith132001();
    void invalidBodies_data();
    void invalidBodies();
    void injectedFailureThenSuccess_data();
    void injectedFailureThenSuccess();
    void throughputLimit();
    void mediaUploadInfoDownload();
    void mediaUploadRefusals();
    void templatesPaging();
    void phoneNumberRead();
    void markRead();
    void closedConnection();
    void neverAnswered();
    void statusDelaysFollowDelayScale();
    void answersTakeTheResponseDelayWithoutBlocking();
    void scriptedCandidatesWriteAndAnswer();
    void cvImageIsAValidPng();
    void marketingTrafficMeetsEveryFate();
    void messagingLimitAndQuality();

private:
    struct Reply {
        int status = 0;
        QNetworkReply::NetworkError error = QNetworkReply::NoError;
        QByteArray raw;
        QJsonObject json;
        QByteArray contentType;
    };
    QUrl url(const QString &path, const QUrlQuery &query = {}) const;
    Reply finish(QNetworkReply *reply, int timeoutMs = 15000);
    Reply get(const QUrl &url, const QString &token);
    Reply post(const QUrl &url, const QString &token, const QByteArray &body, int timeoutMs = 15000);
    Reply send(const QString &phone, const QString &token, const QJsonObject &body);
    QList<QJsonObject> statusesFor(const QString &wamid) const;
    QList<Hook> inboundFrom(const QString &waId) const;
    void verifySignature(const Hook &hook);
    void startSandbox(SandboxOptions options);

    test::FakeServer m_hookServer;
    quint16 m_hookPort = 0;
    int m_generation = 0;
    QList<Hook> m_hooks;
    QNetworkAccessManager m_net;
    std::unique_ptr<Sandbox> m_sandbox;
};

void TestSandbox::initTestCase()
{
    // Each Sandbox posts to its own /webhook/<generation>: deliveries still
    // in flight from an earlier test's Sandbox are not this test's.
    m_hookServer.route(QStringLiteral("/webhook/"), [this](const QString &generation, const http::Request &request) {
        if (request.method == http::Method::Post && generation.toInt() == m_generation)
            m_hooks.append({request.body, request.header("x-hub-signature-256"), QJsonDocument::fromJson(request.body).object()});
        return http::Reply::json(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}});
    });
    m_hookPort = m_hookServer.listen();
    QVERIFY(m_hookPort != 0);
}

namespace {
SandboxOptions defaultOptions(quint16 hookPort)
{
    SandboxOptions o;
    o.webhookUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/webhook/").arg(hookPort));
    o.appSecret = kAppSecret;
    o.delayScale = 0;
    o.numbers = {SandboxNumber{kPhoneA, kWaba, QStringLiteral("15550001234"), QStringLiteral("Reclutamiento Norte"), kTokenA, 80},
                 SandboxNumber{kPhoneB, kWaba, QStringLiteral("15550005678"), QStringLiteral("Reclutamiento Sur"), kTokenB, 5}};
    return o;
}
} // namespace

void TestSandbox::startSandbox(SandboxOptions options)
{
    m_sandbox.reset();
    m_hooks.clear();
    ++m_generation;
    options.webhookUrl.setPath(options.webhookUrl.path() + QString::number(m_generation));
    m_sandbox = std::make_unique<Sandbox>(std::move(options));
    const auto port = m_sandbox->listen(QHostAddress::LocalHost, 0);
    PUENTE_VERIFY_OK(port);
    QCOMPARE(m_sandbox->baseUrl(), QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port.value())));
}

void TestSandbox::init()
{
    startSandbox(defaultOptions(m_hookPort));
}

void TestSandbox::cleanup()
{
    m_sandbox.reset();
}

QUrl TestSandbox::url(const QString &path, const QUrlQuery &query) const
{
    QUrl u = m_sandbox->baseUrl();
    u.setPath(path);
    if (!query.isEmpty())
        u.setQuery(query);
    return u;
}

TestSandbox::Reply TestSandbox::finish(QNetworkReply *reply, int timeoutMs)
{
    if (!reply->isFinished()) {
        QSignalSpy done(reply, &QNetworkReply::finished);
        done.wait(timeoutMs + 5000);
    }
    Reply r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.error = reply->error();
    r.raw = reply->isOpen() ? reply->readAll() : QByteArray();
    r.json = QJsonDocument::fromJson(r.raw).object();
    r.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    delete reply;
    return r;
}

TestSandbox::Reply TestSandbox::get(const QUrl &target, const QString &token)
{
    QNetworkRequest request(target);
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    request.setTransferTimeout(15000);
    return finish(m_net.get(request));
}

TestSandbox::Reply TestSandbox::post(const QUrl &target, const QString &token, const QByteArray &body, int timeoutMs)
{
    QNetworkRequest request(target);
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(timeoutMs);
    return finish(m_net.post(request, body), timeoutMs);
}

TestSandbox::Reply TestSandbox::send(const QString &phone, const QString &token, const QJsonObject &body)
{
    return post(url(QStringLiteral("/v23.0/%1/messages").arg(phone)), token, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

QList<QJsonObject> TestSandbox::statusesFor(const QString &wamid) const
{
    QList<QJsonObject> out;
    for (const Hook &h : m_hooks)
        if (h.status().value(QStringLiteral("id")).toString() == wamid)
            out.append(h.status());
    return out;
}

QList<Hook> TestSandbox::inboundFrom(const QString &waId) const
{
    QList<Hook> out;
    for (const Hook &h : m_hooks)
        if (h.message().value(QStringLiteral("from")).toString() == waId)
            out.append(h);
    return out;
}

void TestSandbox::verifySignature(const Hook &hook)
{
    QVERIFY2(hook.signature.startsWith("sha256="), hook.signature.constData());
    QCOMPARE(hook.signature.mid(7), crypto::hmacSha256(kAppSecret, hook.body).toHex());
    QVERIFY(crypto::verifyHmacSha256Hex(kAppSecret, hook.body, hook.signature.mid(7)));
    // Meta escapes non-ASCII characters: the raw body is plain ASCII.
    for (const char c : hook.body)
        QVERIFY2(quint8(c) < 0x80, "webhook body has a raw non-ASCII byte");
}

// ---------------------------------------------------------------------------

void TestSandbox::missingOrWrongTokenIs401()
{
    const QJsonObject expired = fixture(QStringLiteral("graph-responses/error-190-463-session-expired__issue-chatwoot-9708.json"));
    QSet<QString> traces;
    for (const QString &token : {QString(), QStringLiteral("EAAGnotARealToken")}) {
        const Reply r = send(kPhoneA, token, textMessage(kCandidate, QStringLiteral("Hola")));
        QCOMPARE(r.status, 401);
        const QJsonObject error = r.json.value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("code")).toInt(), 190);
        QCOMPARE(error.value(QStringLiteral("type")).toString(), QStringLiteral("OAuthException"));
        QCOMPARE(error.value(QStringLiteral("message")).toString(), QStringLiteral("Invalid OAuth access token."));
        QVERIFY(!error.contains(QStringLiteral("error_subcode")) || error.value(QStringLiteral("error_subcode")).toInt() == 460);
        // Chatwoot's logged body, minus the subcode: the same keys and types.
        QJsonObject reference = expired;
        QJsonObject refError = reference.value(QStringLiteral("error")).toObject();
        refError.remove(QStringLiteral("error_subcode"));
        reference.insert(QStringLiteral("error"), refError);
        VERIFY_SHAPE(r.json, reference, true);
        traces.insert(error.value(QStringLiteral("fbtrace_id")).toString());
    }
    QCOMPARE(traces.size(), 2); // random per answer

    // Every endpoint asks for the token; a token of another number is not enough for downloads.
    QCOMPARE(get(url(QStringLiteral("/v23.0/%1").arg(kPhoneA)), {}).status, 401);
    QCOMPARE(get(url(QStringLiteral("/v23.0/%1/message_templates").arg(kWaba)), QStringLiteral("nope")).status, 401);
    QCOMPARE(post(url(QStringLiteral("/v23.0/%1/media").arg(kPhoneA)), {}, QByteArrayLiteral("x")).status, 401);
    QVERIFY(m_sandbox->sendLog().size() == 2);
    QCOMPARE(m_sandbox->sendLog().first().httpStatus, 401);
    QCOMPARE(m_sandbox->sendLog().first().wamid, QString());
}

void TestSandbox::unknownNumberIs100Subcode33()
{
    const Reply r = send(QStringLiteral("999000111222333"), kTokenA, textMessage(kCandidate, QStringLiteral("Hola")));
    QCOMPARE(r.status, 400);
    const QJsonObject error = r.json.value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toInt(), 100);
    QCOMPARE(error.value(QStringLiteral("error_subcode")).toInt(), 33);
    QVERIFY(error.value(QStringLiteral("message")).toString().contains(QStringLiteral("Object with ID '999000111222333' does not exist")));
    VERIFY_SHAPE(
        r.json, fixture(QStringLiteral("graph-responses/error-100-33-unsupported-post-request__issue-whatsapp-cloud-api-rs-3.json")), true);

    // Another number's valid token has no access to this number (Meta: 100/33 too).
    QCOMPARE(send(kPhoneA, kTokenB, textMessage(kCandidate, QStringLiteral("Hola")))
                 .json.value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("error_subcode"))
                 .toInt(),
             33);
    const Reply media = get(url(QStringLiteral("/v23.0/1234567890123456")), kTokenA);
    QCOMPARE(media.status, 400);
    QCOMPARE(media.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(), 100);
    QCOMPARE(media.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("error_subcode")).toInt(), 33);
}

void TestSandbox::sendTextThenSignedStatusesInOrder()
{
    m_sandbox->candidateWrites(kPhoneA, kCandidate, QStringLiteral("Laura Méndez"), QStringLiteral("Hola, ¿sigue la vacante?"));
    QTRY_COMPARE(inboundFrom(kCandidate).size(), 1);
    QSignalSpy posted(m_sandbox.get(), &Sandbox::webhookPosted);

    const QString to = QLatin1Char('+') + kCandidate;
    const Reply r = send(kPhoneA, kTokenA, textMessage(to, QStringLiteral("¡Hola Laura! Sí, sigue abierta.")));
    QCOMPARE(r.status, 200);
    VERIFY_SHAPE(r.json, fixture(QStringLiteral("graph-responses/send-text__200__metadocs.json")), true);
    const QJsonObject contact = r.json.value(QStringLiteral("contacts")).toArray().first().toObject();
    QCOMPARE(contact.value(QStringLiteral("input")).toString(), to);
    QCOMPARE(contact.value(QStringLiteral("wa_id")).toString(), kCandidate);
    const QString wamid = r.json.value(QStringLiteral("messages")).toArray().first().toObject().value(QStringLiteral("id")).toString();
    QVERIFY2(wamid.startsWith(QStringLiteral("wamid.HBg")), qPrintable(wamid));
    QVERIFY(QByteArray::fromBase64(wamid.mid(6).toLatin1()).contains(kCandidate.toLatin1())); // Meta's record layout
    QVERIFY(!r.json.value(QStringLiteral("messages")).toArray().first().toObject().contains(QStringLiteral("message_status")));
    const Reply second = send(kPhoneA, kTokenA, textMessage(to, QStringLiteral("Te escribo los detalles.")));
    const QString secondWamid
        = second.json.value(QStringLiteral("messages")).toArray().first().toObject().value(QStringLiteral("id")).toString();
    QVERIFY(!secondWamid.isEmpty());
    QVERIFY(secondWamid != wamid);

    QTRY_COMPARE(statusesFor(wamid).size(), 3);
    QTRY_COMPARE(statusesFor(secondWamid).size(), 3);
    const QList<QJsonObject> statuses = statusesFor(wamid);
    QCOMPARE(statuses.at(0).value(QStringLiteral("status")).toString(), QStringLiteral("sent"));
    QCOMPARE(statuses.at(1).value(QStringLiteral("status")).toString(), QStringLiteral("delivered"));
    QCOMPARE(statuses.at(2).value(QStringLiteral("status")).toString(), QStringLiteral("read"));
    for (const Hook &h : m_hooks) {
        verifySignature(h);
        if (QTest::currentTestFailed())
            return;
    }
    QTRY_VERIFY(posted.size() >= 6);
    for (const QList<QVariant> &args : posted)
        QCOMPARE(args.at(0).toInt(), 200);

    // Shapes: exactly Meta's sent sample, delivered within Meta's samples, read like the bare one.
    const Hook *sent = nullptr;
    for (const Hook &h : m_hooks)
        if (h.status().value(QStringLiteral("id")).toString() == wamid
            && h.status().value(QStringLiteral("status")) == QStringLiteral("sent"))
            sent = &h;
    QVERIFY(sent);
    VERIFY_SHAPE(sent->json, fixture(QStringLiteral("meta-webhooks/status-sent__metadocs-status-l126.json")), true);
    QCOMPARE(sent->json.value(QStringLiteral("entry")).toArray().first().toObject().value(QStringLiteral("id")).toString(), kWaba);
    const QJsonObject metadata = sent->value().value(QStringLiteral("metadata")).toObject();
    QCOMPARE(metadata.value(QStringLiteral("phone_number_id")).toString(), kPhoneA);
    QCOMPARE(metadata.value(QStringLiteral("display_phone_number")).toString(), QStringLiteral("15550001234"));
    QCOMPARE(statuses.at(0).value(QStringLiteral("recipient_id")).toString(), kCandidate);
    bool isNumber = false;
    const qint64 ts = statuses.at(0).value(QStringLiteral("timestamp")).toString().toLongLong(&isNumber);
    QVERIFY(isNumber);
    QVERIFY(qAbs(ts - QDateTime::currentSecsSinceEpoch()) < 60);
    QCOMPARE(statuses.at(0).value(QStringLiteral("pricing")).toObject().value(QStringLiteral("category")).toString(),
             QStringLiteral("service"));
    QCOMPARE(statuses.at(0)
                 .value(QStringLiteral("conversation"))
                 .toObject()
                 .value(QStringLiteral("origin"))
                 .toObject()
                 .value(QStringLiteral("type"))
                 .toString(),
             QStringLiteral("service"));
    // The first status of a webhook body (entry[0].changes[0].value.statuses[0]).
    auto firstStatus = [](const QJsonObject &body) {
        return body.value(QStringLiteral("entry")).toArray().first().toObject().value(QStringLiteral("changes")).toArray().first().toObject()
            .value(QStringLiteral("value")).toObject().value(QStringLiteral("statuses")).toArray().first();
    };
    VERIFY_SHAPE(statuses.at(1),
                 firstStatus(fixture(QStringLiteral("meta-webhooks/status-sent__metadocs-status-l126.json"))),
                 false);
    const QJsonValue deliveredSample = firstStatus(fixture(QStringLiteral("meta-webhooks/status-delivered__metadocs-messages-l67.json")));
    VERIFY_SHAPE(deliveredSample, statuses.at(1), false); // Meta's delivered keys are all there
    const QJsonValue readSample = firstStatus(fixture(QStringLiteral("meta-webhooks/status-sent__metadocs-status-l172.json")));
    VERIFY_SHAPE(statuses.at(2), readSample, true);

    // Puente's own parser reads them as Meta's.
    const meta::ParsedWebhook parsed = meta::parseWebhook(sent->body);
    QVERIFY(parsed.ok);
    QCOMPARE(parsed.changes.size(), 1);
    QCOMPARE(parsed.changes.first().phoneNumberId, kPhoneA);
    QCOMPARE(parsed.changes.first().statuses.first().id, wamid);
    QCOMPARE(parsed.changes.first().statuses.first().status, QStringLiteral("sent"));

    const auto log = m_sandbox->sendLog();
    QCOMPARE(log.size(), 2);
    QCOMPARE(log.first().wamid, wamid);
    QCOMPARE(log.first().httpStatus, 200);
    QCOMPARE(log.first().type, QStringLiteral("text"));
    QCOMPARE(log.first().to, to);
    QCOMPARE(m_sandbox->lastRequestBody(kPhoneA), textMessage(to, QStringLiteral("Te escribo los detalles.")));
}

void TestSandbox::textOutsideTheWindowFailsWith131047()
{
    const Reply r = send(kPhoneA, kTokenA, textMessage(kStranger, QStringLiteral("Hola, ¿te interesa una vacante?")));
    QCOMPARE(r.status, 200); // accepted: the failure comes later, as Meta does it
    const QString wamid = r.json.value(QStringLiteral("messages")).toArray().first().toObject().value(QStringLiteral("id")).toString();
    QTRY_COMPARE(statusesFor(wamid).size(), 1);
    QTest::qWait(200); // nothing else follows a failure
    QCOMPARE(statusesFor(wamid).size(), 1);
    const QJsonObject failed = statusesFor(wamid).first();
    QCOMPARE(failed.value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
    const QJsonObject error = failed.value(QStringLiteral("errors")).toArray().first().toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toInt(), 131047);
    QCOMPARE(error.value(QStringLiteral("title")).toString(), QStringLiteral("Re-engagement message"));
    QCOMPARE(error.value(QStringLiteral("message")).toString(), QStringLiteral("Re-engagement message"));
    QCOMPARE(
        error.value(QStringLiteral("error_data")).toObject().value(QStringLiteral("details")).toString(),
        QStringLiteral("Message failed to send because more than 24 hours have passed since the customer last replied to this number."));
    QCOMPARE(error.value(QStringLiteral("href")).toString(),
             QStringLiteral("https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/"));
    for (const Hook &h : m_hooks) {
        verifySignature(h);
        VERIFY_SHAPE(h.json, fixture(QStringLiteral("meta-webhooks/status-failed-131049__metadocs-status-l205.json")), true);
        const meta::ParsedWebhook parsed = meta::parseWebhook(h.body);
        QCOMPARE(parsed.changes.first().statuses.first().errors.first().code, 131047);
    }
}

void TestSandbox::candidateWritesOpensTheWindow()
{
    // Closed first...
    const Reply before = send(kPhoneA, kTokenA, textMessage(kCandidate, QStringLiteral("Hola")));
    const QString failedWamid
        = before.json.value(QStringLiteral("messages")).toArray().first().toObject().value(QStringLiteral("id")).toString();
    QTRY_COMPARE(statusesFor(failedWamid).size(), 1);
    QCOMPARE(statusesFor(failedWamid).first().value(QStringLiteral("status")).toString(), QStringLiteral("failed"));

    // ...then the candidate writes: a signed inbound webhook in Meta's shape.
    const QString text = QStringLiteral("Hola, vi la vacante de auxiliar de almacén, ¿sigue disponible? 😊");
    m_sandbox->candidateWrites(kPhoneA, kCandidate, QStringLiteral("Laura Méndez"), text);
    QTRY_COMPARE(inboundFrom(kCandidate).size(), 1);
    const Hook inbound = inboundFrom(kCandidate).first();
    verifySignature(inbound);
    QVERIFY(inbound.body.contains("almac\\u00e9n"));
    QVERIFY(inbound.body.contains("\\ud83d\\ude0a"));
    QJsonObject reference = fixture(QStringLiteral("meta-webhooks/msg-text__metadocs-text-l106.json"));
    {
        // Meta's sample is a reply to a product (context); a plain message has none.
        QJsonObject entry = reference.value(QStringLiteral("entry")).toArray().first().toObject();
        QJsonObject change = entry.value(QStringLiteral("changes")).toArray().first().toObject();
        QJsonObject value = change.value(QStringLiteral("value")).toObject();
        QJsonObject message = value.value(QStringLiteral("messages")).toArray().first().toObject();
        message.remove(QStringLiteral("context"));
        value.insert(QStringLiteral("messages"), QJsonArray{message});
        change.insert(QStringLiteral("value"), value);
        entry.insert(QStringLiteral("changes"), QJsonArray{change});
        reference.insert(QStringLiteral("entry"), QJsonArray{entry});
    }
    VERIFY_SHAPE(inbound.json, reference, true);
    QCOMPARE(inbound.message().value(QStringLiteral("text")).toObject().value(QStringLiteral("body")).toString(), text);
    QVERIFY(inbound.message().value(QStringLiteral("id")).toString().startsWith(QStringLiteral("wamid.HBg")));
    QCOMPARE(inbound.value()
                 .value(QStringLiteral("contacts"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("profile"))
                 .toObject()
                 .value(QStringLiteral("name"))
                 .toString(),
             QStringLiteral("Laura Méndez"));
    const meta::ParsedWebhook parsed = meta::parseWebhook(inbound.body);
    QVERIFY(parsed.ok);
    QCOMPARE(parsed.changes.first().wabaId, kWaba);
    QCOMPARE(parsed.changes.first().messages.first().text, text);
    QCOMPARE(parsed.changes.first().messages.first().from, kCandidate);

    // Now the same send goes through; the window is per number.
    const Reply after = send(kPhoneA, kTokenA, textMessage(kCandidate, QStringLiteral("Hola")));
    const QString wamid = after.json.value(QStringLiteral("messages")).toArray().first().toObject().value(QStringLiteral("id")).toString();
    QTRY_COMPARE(statusesFor(wamid).size(), 3);
    QCOMPARE(statusesFor(wamid).last().value(QStringLiteral("status")).toString(), QStringLiteral("read"));
    const Reply otherNumber = send(kPhoneB, kTokenB, textMessage(kCandidate, QStringLiteral("Hola")));
    const QString otherWamid
        = otherNumber.json.value(QStringLiteral("messages")).toArray().first().toObject().value(QStringLiteral("id")).toString();
    QTRY_COMPARE(statusesFor(otherWamid).size(), 1);
    QCOMPARE(statusesFor(otherWamid).first().value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
}

void TestSandbox::windowsOutliveARestartWithAStateFile()
{
    // The demo's database keeps its conversations across a restart; Meta
    // keeps its 24-hour windows too. So does the Sandbox, given a state file.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    SandboxOptions options = defaultOptions(m_hookPort);
    options.stateFile = dir.filePath(QStringLiteral("sandbox-state.json"));
    startSandbox(options);
    m_sandbox->candidateWrites(kPhoneA, kCandidate, QStringLiteral("Laura Méndez"), QStringLiteral("Hola"));
    QTRY_COMPARE(inboundFrom(kCandidate).size(), 1);
    QVERIFY(QFileInfo::exists(options.stateFile));

    auto lastStatusOf = [this](const Reply &r) {
        const QString wamid = r.json.value(QStringLiteral("messages")).toArray().first().toObject().value(QStringLiteral("id")).toString();
        (void)QTest::qWaitFor([&] { return !statusesFor(wamid).isEmpty(); }, 10000);
        return statusesFor(wamid).isEmpty() ? QString() : statusesFor(wamid).first().value(QStringLiteral("status")).toString();
    };
    startSandbox(options); // a restart
    QCOMPARE(lastStatusOf(send(kPhoneA, kTokenA, textMessage(kCandidate, QStringLiteral("Hola, Laura")))), QStringLiteral("sent"));
    // The window is the candidate's with that number only.
    QCOMPARE(lastStatusOf(send(kPhoneB, kTokenB, textMessage(kCandidate, QStringLiteral("Hola")))), QStringLiteral("failed"));

    // Without the file (the tests' Sandboxes), a restart forgets.
    options.stateFile.clear();
    startSandbox(options);
    QCOMPARE(lastStatusOf(send(kPhoneA, kTokenA, textMessage(kCandidate, QStringLiteral("Hola otra vez")))), QStringLiteral("failed"));

    // A window older than 24 hours in the file is closed.
    {
        QFile file(dir.filePath(QStringLiteral("old.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        const qint64 dayAndASecondAgo = QDateTime::currentMSecsSinceEpoch() - 24LL * 3600 * 1000 - 1000;
        file.write(QJsonDocument(QJsonObject{{QStringLiteral("last_inbound_ms"),
                                              QJsonObject{{kPhoneA + QLatin1Char('|') + kCandidate, dayAndASecondAgo}}}})
                       .toJson());
    }
    options.stateFile = dir.filePath(QStringLiteral("old.json"));
    startSandbox(options);
    QCOMPARE(lastStatusOf(send(kPhoneA, kTokenA, textMessage(kCandidate, QStringLiteral("Hola")))), QStringLiteral("failed"));
}

void TestSandbox::candidateImageWebhookAndDownload()
{
    const QByteArray png = sandboxscript::cvImagePng();
    m_sandbox->candidateSendsImage(kPhoneA, kCandidate, QStringLiteral("Jorge Ruiz"), png, QStringLiteral("image/png"),
                                   QStringLiteral("Mi CV"));
    QTRY_COMPARE(inboundFrom(kCandidate).size(), 1);
    const Hook hook = inboundFrom(kCandidate).first();
    verifySignature(hook);
    VERIFY_SHAPE(hook.json, fixture(QStringLiteral("meta-webhooks/msg-image__metadocs-image-l123.json")), true);
    const QJsonObject image = hook.message().value(QStringLiteral("image")).toObject();
    QCOMPARE(image.value(QStringLiteral("caption")).toString(), QStringLiteral("Mi CV"));
    QCOMPARE(image.value(QStringLiteral("mime_type")).toString(), QStringLiteral("image/png"));
    QCOMPARE(image.value(QStringLiteral("sha256")).toString(),
             QString::fromLatin1(crypto::sha256(png).toBase64())); // base64 in webhooks

    // The media id resolves like an uploaded one, and the bytes come back.
    const Reply info = get(url(QStringLiteral("/v23.0/") + image.value(QStringLiteral("id")).toString()), kTokenA);
    QCOMPARE(info.status, 200);
    QCOMPARE(info.json.value(QStringLiteral("sha256")).toString(), QString::fromLatin1(crypto::sha256(png).toHex()));
    const Reply bytes = get(QUrl(info.json.value(QStringLiteral("url")).toString()), kTokenA);
    QCOMPARE(bytes.status, 200);
    QCOMPARE(bytes.raw, png);

    // An image opens the window too.
    const Reply r = send(kPhoneA, kTokenA, textMessage(kCandidate, QStringLiteral("¡Gracias por tu CV!")));
    const QString wamid = r.json.value(QStringLiteral("messages")).toArray().first().toObject().value(QStringLiteral("id")).toString();
    QTRY_COMPARE(statusesFor(wamid).size(), 3);
}

// As Graph's 100-300 ms: a send's answer waits responseDelayMs, and the
// Sandbox goes on answering others meanwhile (a read asked after the send
// comes back before it).
void TestSandbox::answersTakeTheResponseDelayWithoutBlocking()
{
    SandboxOptions options = defaultOptions(m_hookPort);
    options.responseDelayMs = 400;
    startSandbox(options);
    QNetworkRequest request(url(QStringLiteral("/v23.0/%1/messages").arg(kPhoneA)));
    request.setRawHeader("Authorization", "Bearer " + kTokenA.toUtf8());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(15000);
    QElapsedTimer clock;
    clock.start();
    QNetworkReply *sending = m_net.post(request, QJsonDocument(templateMessage(QLatin1Char('+') + kStranger, QStringLiteral("seguimiento_postulacion"),
                                                                               QStringLiteral("es"))).toJson(QJsonDocument::Compact));
    QList<QString> finished;
    connect(sending, &QNetworkReply::finished, this, [&] { finished.append(QStringLiteral("send")); });
    QTest::qWait(50); // the send has arrived and waits
    QNetworkRequest node(url(QStringLiteral("/v23.0/%1").arg(kPhoneA)));
    node.setRawHeader("Authorization", "Bearer " + kTokenA.toUtf8());
    QNetworkReply *reading = m_net.get(node);
    connect(reading, &QNetworkReply::finished, this, [&] { finished.append(QStringLiteral("read")); });
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 10000);
    QCOMPARE(finished, (QList<QString>{QStringLiteral("read"), QStringLiteral("send")}));
    QVERIFY2(clock.elapsed() >= 400, qPrintable(QString::number(clock.elapsed())));
    const Reply sent = finish(sending);
    QCOMPARE(sent.status, 200);
    QVERIFY(!sent.json.value(QStringLiteral("messages")).toArray().first().toObject().value(QStringLiteral("id")).toString().isEmpty());
    QCOMPARE(finish(reading).status, 200);
}

void TestSandbox::templatesNeedNoWindow()
{
    const Reply r = send(kPhoneA, kTokenA,
                         templateMessage(QLatin1Char('+') + kStranger, QStringLiteral("seguimiento_postulacion"), QStringLiteral("es")));
    QCOMPARE(r.status, 200);
    VERIFY_SHAPE(r.json, fixture(QStringLiteral("graph-responses/send-template__200-message_status-accepted__metadocs.json")), true);
    const QJsonObject message = r.json.value(QStringLiteral("messages")).toArray().first().toObject();
    QCOMPARE(message.value(QStringLiteral("message_status")).toString(), QStringLiteral("accepted"));
    const QString wamid = message.value(QStringLiteral("id")).toString();
    QTRY_COMPARE(statusesFor(wamid).size(), 3);
    const QList<QJsonObject> statuses = statusesFor(wamid);
    QCOMPARE(statuses.at(0).value(QStringLiteral("status")).toString(), QStringLiteral("sent"));
    QCOMPARE(statuses.at(1).value(QStringLiteral("status")).toString(), QStringLiteral("delivered"));
    QCOMPARE(statuses.at(2).value(QStringLiteral("status")).toString(), QStringLiteral("read"));
    const QJsonObject pricing = statuses.at(0).value(QStringLiteral("pricing")).toObject();
    QCOMPARE(pricing.value(QStringLiteral("category")).toString(), QStringLiteral("utility"));
    QCOMPARE(pricing.value(QStringLiteral("billable")).toBool(), true);
    QCOMPARE(pricing.value(QStringLiteral("type")).toString(), QStringLiteral("regular"));
    QCOMPARE(pricing.value(QStringLiteral("pricing_model")).toString(), QStringLiteral("PMP"));
    QCOMPARE(m_sandbox->sendLog().last().type, QStringLiteral("template"));

    // A template does not open the window: free text to the same contact still fails.
    const Reply text = send(kPhoneA, kTokenA, textMessage(kStranger, QStringLiteral("¿Te interesa?")));
    const QString textWamid
        = text.json.value(QStringLiteral("messages")).toArray().first().toObject().value(QStringLiteral("id")).toString();
    QTRY_COMPARE(statusesFor(textWamid).size(), 1);
    QCOMPARE(statusesFor(textWamid).first().value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
}

void TestSandbox::unknownTemplateFailsWith132001()
{
    for (const auto &[name, language] : {std::pair{QStringLiteral("no_existe"), QStringLiteral("es")},
                                         std::pair{QStringLiteral("seguimiento_postulacion"), QStringLiteral("en_US")},
                                         std::pair{QStringLiteral("promo_referidos"), QStringLiteral("es")}}) { // rejected
        const Reply r = send(kPhoneA, kTokenA, templateMessage(kStranger, name, language));
        QCOMPARE(r.status, 200);
        const QString wamid = r.json.value(QStringLiteral("messages")).toArray().first().toObject().value(QStringLiteral("id")).toString();
        QTRY_COMPARE(statusesFor(wamid).size(), 1);
        QCOMPARE(statusesFor(wamid).first().value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
        QCOMPARE(
            statusesFor(wamid).first().value(QStringLiteral("errors")).toArray().first().toObject().value(QStringLiteral("code")).toInt(),
            132001);
    }
}

void TestSandbox::invalidBodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("details");
    auto json = [](QJsonObject o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); };
    const QJsonObject good = textMessage(kCandidate, QStringLiteral("Hola"));
    QJsonObject o;

    QTest::addRow("not json") << QByteArrayLiteral("hola") << 100 << QStringLiteral("messaging_product");
    o = good;
    o.remove(QStringLiteral("messaging_product"));
    QTest::addRow("no messaging_product") << json(o) << 100 << QStringLiteral("messaging_product");
    o = good;
    o.insert(QStringLiteral("messaging_product"), QStringLiteral("sms"));
    QTest::addRow("wrong messaging_product") << json(o) << 100 << QStringLiteral("messaging_product");
    o = good;
    o.remove(QStringLiteral("to"));
    QTest::addRow("no to") << json(o) << 100 << QStringLiteral("to is required");
    o = good;
    o.insert(QStringLiteral("to"), QStringLiteral("not a number"));
    QTest::addRow("bad to") << json(o) << 100 << QStringLiteral("Param to");
    o = good;
    o.insert(QStringLiteral("type"), QStringLiteral("fax"));
    QTest::addRow("unknown type") << json(o) << 100 << QStringLiteral("Param type must be one of");
    o = good;
    o.remove(QStringLiteral("text"));
    QTest::addRow("no text object") << json(o) << 100 << QStringLiteral("The parameter text is required");
    QTest::addRow("empty body") << json(textMessage(kCandidate, QStringLiteral("  "))) << 100 << QStringLiteral("text['body']");
    QTest::addRow("body over 4096") << json(textMessage(kCandidate, QString(4097, QLatin1Char('a')))) << 100 << QStringLiteral("4096");
    QTest::addRow("body of 4096 is fine") << json(textMessage(kCandidate, QString(4096, QLatin1Char('a')))) << 0 << QString();
    o = good;
    o.insert(QStringLiteral("type"), QStringLiteral("image"));
    o.insert(QStringLiteral("image"), QJsonObject{{QStringLiteral("caption"), QStringLiteral("CV")}});
    QTest::addRow("image without id or link") << json(o) << 100 << QStringLiteral("'id' or 'link'");
    o = templateMessage(kCandidate, QStringLiteral("hello_world"), QStringLiteral("en_US"));
    o.insert(QStringLiteral("template"), QJsonObject{{QStringLiteral("name"), QStringLiteral("hello_world")}});
    QTest::addRow("template without language") << json(o) << 100 << QStringLiteral("template['language']['code']");
    o = good;
    o.insert(QStringLiteral("type"), QStringLiteral("reaction"));
    o.insert(QStringLiteral("reaction"), QJsonObject{{QStringLiteral("emoji"), QStringLiteral("👍")}});
    QTest::addRow("reaction without message_id") << json(o) << 100 << QStringLiteral("reaction['message_id']");
    o = good;
    o.insert(QStringLiteral("type"), QStringLiteral("interactive"));
    const QJsonObject button{{QStringLiteral("type"), QStringLiteral("reply")},
                             {QStringLiteral("reply"),
                              QJsonObject{{QStringLiteral("id"), QStringLiteral("si")}, {QStringLiteral("title"), QStringLiteral("Sí")}}}};
    o.insert(QStringLiteral("interactive"),
             QJsonObject{{QStringLiteral("type"), QStringLiteral("button")},
                         {QStringLiteral("body"), QJsonObject{{QStringLiteral("text"), QStringLiteral("¿Puedes mañana?")}}},
                         {QStringLiteral("action"), QJsonObject{{QStringLiteral("buttons"), QJsonArray{button, button}}}}});
    QTest::addRow("duplicate button ids") << json(o) << 131009 << QStringLiteral("Duplicate button id");
    o = good;
    o.insert(QStringLiteral("context"), QJsonObject{{QStringLiteral("message_id"), QString()}});
    QTest::addRow("empty context") << json(o) << 100 << QStringLiteral("context['message_id']");
}

void TestSandbox::invalidBodies()
{
    QFETCH(QByteArray, body);
    QFETCH(int, code);
    QFETCH(QString, details);
    m_sandbox->candidateWrites(kPhoneA, kCandidate, QStringLiteral("Laura"), QStringLiteral("Hola"));
    const Reply r = post(url(QStringLiteral("/v23.0/%1/messages").arg(kPhoneA)), kTokenA, body);
    if (code == 0) {
        QCOMPARE(r.status, 200);
        return;
    }
    QCOMPARE(r.status, 400);
    const QJsonObject error = r.json.value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toInt(), code);
    QCOMPARE(error.value(QStringLiteral("type")).toString(), QStringLiteral("OAuthException"));
    QVERIFY(error.value(QStringLiteral("message")).toString().startsWith(QStringLiteral("(#%1) ").arg(code)));
    const QString got = error.value(QStringLiteral("error_data")).toObject().value(QStringLiteral("details")).toString();
    QVERIFY2(got.contains(details), qPrintable(got));
    VERIFY_SHAPE(r.json, fixture(QStringLiteral("graph-responses/error-131009-duplicate-button-id__400__issue-restfb-1341.json")), true);
    QCOMPARE(m_sandbox->sendLog().last().httpStatus, 400);
    QTest::qWait(50);
    for (const Hook &h : m_hooks)
        QVERIFY(h.value().value(QStringLiteral("statuses")).toArray().isEmpty()); // nothing was sent
}

void TestSandbox::injectedFailureThenSuccess_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<int>("httpStatus");
    QTest::addRow("130429 throughput") << 130429 << 429;
    QTest::addRow("131056 pair rate") << 131056 << 429;
    QTest::addRow("4 app rate") << 4 << 429;
    QTest::addRow("131000 generic") << 131000 << 500;
    QTest::addRow("2 downtime") << 2 << 500;
    QTest::addRow("131016 unavailable") << 131016 << 503;
    QTest::addRow("190 token") << 190 << 401;
    QTest::addRow("131026 undeliverable") << 131026 << 400;
}

void TestSandbox::injectedFailureThenSuccess()
{
    QFETCH(int, code);
    QFETCH(int, httpStatus);
    m_sandbox->candidateWrites(kPhoneA, kCandidate, QStringLiteral("Laura"), QStringLiteral("Hola"));
    m_sandbox->injectFailure(kPhoneA, code, 2);
    for (int i = 0; i < 2; ++i) {
        const Reply r = send(kPhoneA, kTokenA, textMessage(kCandidate, QStringLiteral("Hola")));
        QCOMPARE(r.status, httpStatus);
        const QJsonObject error = r.json.value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("code")).toInt(), code);
        QVERIFY(!error.value(QStringLiteral("fbtrace_id")).toString().isEmpty());
        if (code == 130429) {
            QCOMPARE(error.value(QStringLiteral("message")).toString(), QStringLiteral("(#130429) Rate limit hit"));
            QCOMPARE(error.value(QStringLiteral("error_data")).toObject().value(QStringLiteral("details")).toString(),
                     QStringLiteral("Cloud API message throughput has been reached."));
        }
        if (code == 131000)
            VERIFY_SHAPE(r.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("error_data")),
                         fixture(QStringLiteral("graph-responses/error-131000-generic__issue-tawn33y-whatsapp-cloud-api-33.json"))
                             .value(QStringLiteral("error"))
                             .toObject()
                             .value(QStringLiteral("error_data")),
                         true);
    }
    // Injection is per number: the other one is untouched.
    m_sandbox->candidateWrites(kPhoneB, kCandidate, QStringLiteral("Laura"), QStringLiteral("Hola"));
    QCOMPARE(send(kPhoneB, kTokenB, textMessage(kCandidate, QStringLiteral("Hola"))).status, 200);
    const Reply ok = send(kPhoneA, kTokenA, textMessage(kCandidate, QStringLiteral("Hola")));
    QCOMPARE(ok.status, 200);
    QVERIFY(!ok.json.value(QStringLiteral("messages")).toArray().first().toObject().value(QStringLiteral("id")).toString().isEmpty());
    const auto log = m_sandbox->sendLog();
    QCOMPARE(log.size(), 4);
    QCOMPARE(log.at(0).httpStatus, httpStatus);
    QCOMPARE(log.at(0).wamid, QString());
}

void TestSandbox::throughputLimit()
{
    // Number B allows 5 sends a second; templates need no window.
    QList<QNetworkReply *> replies;
    for (int i = 0; i < 20; ++i) {
        QNetworkRequest request(url(QStringLiteral("/v23.0/%1/messages").arg(kPhoneB)));
        request.setRawHeader("Authorization", "Bearer " + kTokenB.toUtf8());
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        const QString to = QStringLiteral("+5255100000%1").arg(i, 2, 10, QLatin1Char('0'));
        replies.append(m_net.post(
            request,
            QJsonDocument(templateMessage(to, QStringLiteral("hello_world"), QStringLiteral("en_US"))).toJson(QJsonDocument::Compact)));
    }
    int accepted = 0, refused = 0;
    for (QNetworkReply *reply : replies) {
        const Reply r = finish(reply);
        if (r.status == 200) {
            ++accepted;
        } else {
            QCOMPARE(r.status, 429);
            QCOMPARE(r.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(), 130429);
            QCOMPARE(r.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString(),
                     QStringLiteral("(#130429) Rate limit hit"));
            ++refused;
        }
    }
    QVERIFY2(accepted >= 5, qPrintable(QString::number(accepted)));
    QVERIFY2(refused >= 1, qPrintable(QString::number(refused)));
    QCOMPARE(accepted + refused, 20);
    QCOMPARE(m_sandbox->maxSendsInAnySecond(kPhoneB), 5);
    QCOMPARE(m_sandbox->maxSendsInAnySecond(kPhoneA), 0);
    int logged = 0;
    for (const Sandbox::SendRecord &record : m_sandbox->sendLog())
        logged += record.phoneNumberId == kPhoneB ? 1 : 0;
    QCOMPARE(logged, 20);

    // A second later the window has moved on; the sliding window still holds.
    QTest::qWait(1050);
    QElapsedTimer elapsed;
    elapsed.start();
    int later = 0;
    for (int i = 0; i < 7; ++i)
        later += send(kPhoneB, kTokenB, templateMessage(kStranger, QStringLiteral("hello_world"), QStringLiteral("en_US"))).status == 200;
    if (elapsed.elapsed() < 900) // always, unless the machine is starved
        QCOMPARE(later, 5);
    QVERIFY(later >= 5);
    QCOMPARE(m_sandbox->maxSendsInAnySecond(kPhoneB), 5);
}

void TestSandbox::mediaUploadInfoDownload()
{
    const QByteArray pdf = QByteArrayLiteral("%PDF-1.4\n% Curriculum de prueba\n") + crypto::randomBytes(4096);
    auto *multipart = new QHttpMultiPart(QHttpMultiPart::FormDataType);
    QHttpPart product;
    product.setHeader(QNetworkRequest::ContentDispositionHeader, QByteArrayLiteral("form-data; name=\"messaging_product\""));
    product.setBody(QByteArrayLiteral("whatsapp"));
    QHttpPart type;
    type.setHeader(QNetworkRequest::ContentDispositionHeader, QByteArrayLiteral("form-data; name=\"type\""));
    type.setBody(QByteArrayLiteral("application/pdf"));
    QHttpPart file;
    file.setHeader(QNetworkRequest::ContentDispositionHeader, QByteArrayLiteral("form-data; name=\"file\"; filename=\"cv.pdf\""));
    file.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/pdf"));
    file.setBody(pdf);
    multipart->append(product);
    multipart->append(type);
    multipart->append(file);
    QNetworkRequest request(url(QStringLiteral("/v23.0/%1/media").arg(kPhoneA)));
    request.setRawHeader("Authorization", "Bearer " + kTokenA.toUtf8());
    QNetworkReply *reply = m_net.post(request, multipart);
    multipart->setParent(reply);
    const Reply uploaded = finish(reply);
    QCOMPARE(uploaded.status, 200);
    VERIFY_SHAPE(uploaded.json, fixture(QStringLiteral("graph-responses/media-upload__200__metadocs.json")), true);
    const QString id = uploaded.json.value(QStringLiteral("id")).toString();
    bool numeric = false;
    id.toULongLong(&numeric);
    QVERIFY2(numeric && id.size() >= 15, qPrintable(id));

    const Reply info = get(url(QStringLiteral("/v23.0/") + id), kTokenA);
    QCOMPARE(info.status, 200);
    QCOMPARE(info.json.value(QStringLiteral("messaging_product")).toString(), QStringLiteral("whatsapp"));
    QCOMPARE(info.json.value(QStringLiteral("mime_type")).toString(), QStringLiteral("application/pdf"));
    QCOMPARE(info.json.value(QStringLiteral("sha256")).toString(), QString::fromLatin1(crypto::sha256(pdf).toHex()));
    QVERIFY(info.json.value(QStringLiteral("file_size")).isDouble());
    QCOMPARE(info.json.value(QStringLiteral("file_size")).toInteger(), pdf.size());
    QCOMPARE(info.json.value(QStringLiteral("id")).toString(), id);
    const QUrl download(info.json.value(QStringLiteral("url")).toString());
    QVERIFY(download.toString().startsWith(m_sandbox->baseUrl().toString() + QStringLiteral("/media-download/")));
    QCOMPARE(get(url(QStringLiteral("/v23.0/") + id), kTokenB).status, 400); // another number's media

    const Reply bytes = get(download, kTokenA);
    QCOMPARE(bytes.status, 200);
    QCOMPARE(bytes.raw, pdf);
    QCOMPARE(bytes.contentType, QByteArrayLiteral("application/pdf"));
    QCOMPARE(crypto::sha256(bytes.raw).toHex(), info.json.value(QStringLiteral("sha256")).toString().toLatin1());
    const Reply anonymous = get(download, {});
    QCOMPARE(anonymous.status, 401);
    QCOMPARE(anonymous.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(), 190);
    QCOMPARE(get(download, kTokenB).status, 401);

    // The uploaded id can be sent by its number.
    m_sandbox->candidateWrites(kPhoneA, kCandidate, QStringLiteral("Laura"), QStringLiteral("Hola"));
    QJsonObject doc{
        {QStringLiteral("messaging_product"), QStringLiteral("whatsapp")},
        {QStringLiteral("to"), kCandidate},
        {QStringLiteral("type"), QStringLiteral("document")},
        {QStringLiteral("document"), QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("filename"), QStringLiteral("cv.pdf")}}}};
    const Reply sent = send(kPhoneA, kTokenA, doc);
    const QString wamid = sent.json.value(QStringLiteral("messages")).toArray().first().toObject().value(QStringLiteral("id")).toString();
    QTRY_COMPARE(statusesFor(wamid).size(), 3);
    // From the other number that id is unknown: Meta fails it with 131053.
    m_sandbox->candidateWrites(kPhoneB, kCandidate, QStringLiteral("Laura"), QStringLiteral("Hola"));
    const Reply foreign = send(kPhoneB, kTokenB, doc);
    const QString foreignWamid
        = foreign.json.value(QStringLiteral("messages")).toArray().first().toObject().value(QStringLiteral("id")).toString();
    QTRY_COMPARE(statusesFor(foreignWamid).size(), 1);
    QCOMPARE(statusesFor(foreignWamid)
                 .first()
                 .value(QStringLiteral("errors"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("code"))
                 .toInt(),
             131053);
}

void TestSandbox::mediaUploadRefusals()
{
    auto upload = [this](const QList<QHttpPart> &parts) {
        auto *multipart = new QHttpMultiPart(QHttpMultiPart::FormDataType);
        for (const QHttpPart &p : parts)
            multipart->append(p);
        QNetworkRequest request(url(QStringLiteral("/v23.0/%1/media").arg(kPhoneA)));
        request.setRawHeader("Authorization", "Bearer " + kTokenA.toUtf8());
        QNetworkReply *reply = m_net.post(request, multipart);
        multipart->setParent(reply);
        return finish(reply);
    };
    auto field = [](const char *name, const QByteArray &value) {
        QHttpPart p;
        p.setHeader(QNetworkRequest::ContentDispositionHeader, QByteArray("form-data; name=\"") + name + '"');
        p.setBody(value);
        return p;
    };
    auto filePart = [](const QByteArray &mime) {
        QHttpPart p;
        p.setHeader(QNetworkRequest::ContentDispositionHeader, QByteArrayLiteral("form-data; name=\"file\"; filename=\"x.bin\""));
        p.setHeader(QNetworkRequest::ContentTypeHeader, mime);
        p.setBody(QByteArrayLiteral("0123456789"));
        return p;
    };
    auto details = [](const Reply &r) {
        return r.json.value(QStringLiteral("error"))
            .toObject()
            .value(QStringLiteral("error_data"))
            .toObject()
            .value(QStringLiteral("details"))
            .toString();
    };

    Reply r = upload({field("messaging_product", "whatsapp"), field("type", "image/png")});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(), 100);
    QVERIFY2(details(r).contains(QStringLiteral("parameter file is required")), qPrintable(details(r)));

    r = upload({field("type", "image/png"), filePart("image/png")});
    QCOMPARE(r.status, 400);
    QVERIFY(details(r).contains(QStringLiteral("messaging_product")));

    r = upload({field("messaging_product", "whatsapp"), field("type", "application/x-msdownload"), filePart("application/x-msdownload")});
    QCOMPARE(r.status, 400);
    QVERIFY(details(r).contains(QStringLiteral("one of the following types")));

    r = post(url(QStringLiteral("/v23.0/%1/media").arg(kPhoneA)), kTokenA, QByteArrayLiteral("{}"));
    QCOMPARE(r.status, 400);
    QVERIFY(details(r).contains(QStringLiteral("multipart/form-data")));

    r = upload({field("messaging_product", "whatsapp"), field("type", "image/png"), filePart("image/png")});
    QCOMPARE(r.status, 200);
}

void TestSandbox::templatesPaging()
{
    QStringList names;
    QUrl next = url(QStringLiteral("/v23.0/%1/message_templates").arg(kWaba), QUrlQuery{{QStringLiteral("limit"), QStringLiteral("5")}});
    int pages = 0;
    QList<int> sizes;
    while (next.isValid() && pages < 10) {
        const Reply r = get(next, kTokenA);
        QCOMPARE(r.status, 200);
        ++pages;
        const QJsonArray data = r.json.value(QStringLiteral("data")).toArray();
        sizes.append(int(data.size()));
        for (const QJsonValue &v : data) {
            const QJsonObject t = v.toObject();
            names.append(t.value(QStringLiteral("name")).toString());
            QVERIFY(!t.value(QStringLiteral("id")).toString().isEmpty());
            QVERIFY(QStringList({QStringLiteral("es"), QStringLiteral("es_MX"), QStringLiteral("en_US")})
                        .contains(t.value(QStringLiteral("language")).toString()));
            QVERIFY(QStringList({QStringLiteral("UTILITY"), QStringLiteral("MARKETING")})
                        .contains(t.value(QStringLiteral("category")).toString()));
            bool hasBody = false;
            for (const QJsonValue &c : t.value(QStringLiteral("components")).toArray())
                hasBody = hasBody || c.toObject().value(QStringLiteral("type")).toString() == QLatin1String("BODY");
            QVERIFY(hasBody);
        }
        const QJsonObject paging = r.json.value(QStringLiteral("paging")).toObject();
        QVERIFY(!paging.value(QStringLiteral("cursors")).toObject().value(QStringLiteral("after")).toString().isEmpty());
        QVERIFY(!paging.value(QStringLiteral("cursors")).toObject().value(QStringLiteral("before")).toString().isEmpty());
        next = paging.contains(QStringLiteral("next")) ? QUrl(paging.value(QStringLiteral("next")).toString()) : QUrl();
        if (next.isValid())
            QCOMPARE(QUrlQuery(next).queryItemValue(QStringLiteral("limit")), QStringLiteral("5"));
        if (pages == 1) {
            QJsonObject shape = r.json;
            shape.insert(QStringLiteral("data"), QJsonArray{onlyNameCategoryStatus(data.first().toObject())});
            VERIFY_SHAPE(shape, fixture(QStringLiteral("graph-responses/templates-list-approved__200__metadocs.json")), true);
        }
    }
    QCOMPARE(pages, 3);
    QCOMPARE(sizes, (QList<int>{5, 5, 3}));
    QCOMPARE(QSet<QString>(names.begin(), names.end()).size(), names.size()); // each exactly once
    QStringList all;
    for (const QJsonValue &t : sandboxscript::templates())
        all.append(t.toObject().value(QStringLiteral("name")).toString());
    QCOMPARE(names, all);

    // Realistic content: statuses, a rejection reason, placeholders, header and buttons.
    QSet<QString> statuses;
    bool rejectedWithReason = false, placeholders = false, headerText = false, buttons = false;
    for (const QJsonValue &v : sandboxscript::templates()) {
        const QJsonObject t = v.toObject();
        statuses.insert(t.value(QStringLiteral("status")).toString());
        rejectedWithReason = rejectedWithReason
            || (t.value(QStringLiteral("status")) == QStringLiteral("REJECTED")
                && t.value(QStringLiteral("rejected_reason")).toString() != QLatin1String("NONE"));
        for (const QJsonValue &c : t.value(QStringLiteral("components")).toArray()) {
            const QJsonObject component = c.toObject();
            placeholders = placeholders || component.value(QStringLiteral("text")).toString().contains(QStringLiteral("{{2}}"));
            headerText = headerText || component.value(QStringLiteral("type")) == QStringLiteral("HEADER");
            buttons = buttons || component.value(QStringLiteral("type")) == QStringLiteral("BUTTONS");
        }
    }
    QCOMPARE(statuses, (QSet<QString>{QStringLiteral("APPROVED"), QStringLiteral("PENDING"), QStringLiteral("REJECTED")}));
    QVERIFY(rejectedWithReason && placeholders && headerText && buttons);

    // fields and status filters, as Puente asks for them.
    const Reply filtered = get(url(QStringLiteral("/v23.0/%1/message_templates").arg(kWaba),
                                   QUrlQuery{{QStringLiteral("fields"), QStringLiteral("name,status")},
                                             {QStringLiteral("status"), QStringLiteral("approved")},
                                             {QStringLiteral("limit"), QStringLiteral("100")}}),
                               kTokenB);
    QCOMPARE(filtered.status, 200);
    const QJsonArray approved = filtered.json.value(QStringLiteral("data")).toArray();
    QCOMPARE(approved.size(), 10);
    for (const QJsonValue &v : approved) {
        QCOMPARE(v.toObject().keys(), (QStringList{QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("status")}));
        QCOMPARE(v.toObject().value(QStringLiteral("status")).toString(), QStringLiteral("APPROVED"));
    }
    QVERIFY(!filtered.json.value(QStringLiteral("paging")).toObject().contains(QStringLiteral("next")));
    QCOMPARE(get(url(QStringLiteral("/v23.0/999/message_templates")), kTokenA).status, 400);
}

void TestSandbox::phoneNumberRead()
{
    const Reply r = get(url(QStringLiteral("/v23.0/%1").arg(kPhoneA)), kTokenA);
    QCOMPARE(r.status, 200);
    QJsonObject withoutStatus = r.json;
    withoutStatus.remove(QStringLiteral("status"));
    VERIFY_SHAPE(withoutStatus, fixture(QStringLiteral("graph-responses/phone-number-get__200__metadocs.json")), true);
    QCOMPARE(r.json.value(QStringLiteral("id")).toString(), kPhoneA);
    QCOMPARE(r.json.value(QStringLiteral("display_phone_number")).toString(), QStringLiteral("+1 555-000-1234"));
    QCOMPARE(r.json.value(QStringLiteral("verified_name")).toString(), QStringLiteral("Reclutamiento Norte"));
    QCOMPARE(r.json.value(QStringLiteral("quality_rating")).toString(), QStringLiteral("GREEN"));
    QCOMPARE(r.json.value(QStringLiteral("status")).toString(), QStringLiteral("CONNECTED"));
    QCOMPARE(r.json.value(QStringLiteral("throughput")).toObject().value(QStringLiteral("level")).toString(), QStringLiteral("STANDARD"));

    const Reply limit = get(url(QStringLiteral("/v23.0/%1").arg(kPhoneA),
                                QUrlQuery{{QStringLiteral("fields"), QStringLiteral("whatsapp_business_manager_messaging_limit")}}),
                            kTokenA);
    QCOMPARE(limit.status, 200);
    VERIFY_SHAPE(limit.json, fixture(QStringLiteral("graph-responses/phone-number-messaging-limit__200__metadocs.json")), true);
    QCOMPARE(limit.json.value(QStringLiteral("whatsapp_business_manager_messaging_limit")).toString(), QStringLiteral("TIER_1K"));

    // The exact field list GraphClient::phoneNumber asks for.
    const Reply asked = get(
        url(QStringLiteral("/v23.0/%1").arg(kPhoneB),
            QUrlQuery{{QStringLiteral("fields"),
                       QStringLiteral(
                           "display_phone_number,verified_name,quality_rating,code_verification_status,platform_type,throughput,status")}}),
        kTokenB);
    QCOMPARE(asked.status, 200);
    QCOMPARE(asked.json.keys().size(), 8);
    QCOMPARE(asked.json.value(QStringLiteral("status")).toString(), QStringLiteral("CONNECTED"));

    const Reply bad
        = get(url(QStringLiteral("/v23.0/%1").arg(kPhoneA), QUrlQuery{{QStringLiteral("fields"), QStringLiteral("nonsense")}}), kTokenA);
    QCOMPARE(bad.status, 400);
    QCOMPARE(bad.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(), 100);
}

void TestSandbox::markRead()
{
    const QJsonObject body{
        {QStringLiteral("messaging_product"), QStringLiteral("whatsapp")},
        {QStringLiteral("status"), QStringLiteral("read")},
        {QStringLiteral("message_id"), QStringLiteral("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=")}};
    const Reply r = send(kPhoneA, kTokenA, body);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json, fixture(QStringLiteral("graph-responses/mark-read__200__metadocs.json")));
    QCOMPARE(m_sandbox->lastRequestBody(kPhoneA), body);
    QCOMPARE(m_sandbox->sendLog().last().type, QStringLiteral("mark_read"));
    QCOMPARE(m_sandbox->maxSendsInAnySecond(kPhoneA), 0); // a receipt is not a send
    QTest::qWait(100);
    QVERIFY(m_hooks.isEmpty());

    QJsonObject missing = body;
    missing.remove(QStringLiteral("message_id"));
    const Reply bad = send(kPhoneA, kTokenA, missing);
    QCOMPARE(bad.status, 400);
    QCOMPARE(bad.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(), 100);
}

void TestSandbox::closedConnection()
{
    m_sandbox->candidateWrites(kPhoneA, kCandidate, QStringLiteral("Laura"), QStringLiteral("Hola"));
    // QNetworkAccessManager silently re-sends a POST once when the server
    // closes the connection before answering: one dropped connection is
    // invisible to the caller (and at Meta the message may go out twice).
    m_sandbox->injectFailure(kPhoneA, -1, 1);
    const Reply resent = send(kPhoneA, kTokenA, textMessage(kCandidate, QStringLiteral("Hola")));
    QCOMPARE(resent.status, 200);
    QCOMPARE(m_sandbox->sendLog().size(), 2);
    QCOMPARE(m_sandbox->sendLog().at(0).httpStatus, 0);
    QCOMPARE(m_sandbox->sendLog().at(1).httpStatus, 200);

    // Dropped twice, the caller sees the network error.
    m_sandbox->injectFailure(kPhoneA, -1, 2);
    const Reply r = send(kPhoneA, kTokenA, textMessage(kCandidate, QStringLiteral("Hola")));
    QCOMPARE(r.status, 0);
    QCOMPARE(r.error, QNetworkReply::RemoteHostClosedError);
    QCOMPARE(m_sandbox->sendLog().size(), 4);
    QCOMPARE(m_sandbox->sendLog().at(2).httpStatus, 0);
    QCOMPARE(m_sandbox->sendLog().at(3).httpStatus, 0);
    QCOMPARE(m_sandbox->sendLog().at(3).wamid, QString());
    QCOMPARE(send(kPhoneA, kTokenA, textMessage(kCandidate, QStringLiteral("Hola"))).status, 200);
}

void TestSandbox::neverAnswered()
{
    m_sandbox->candidateWrites(kPhoneA, kCandidate, QStringLiteral("Laura"), QStringLiteral("Hola"));
    m_sandbox->injectFailure(kPhoneA, -2, 1);
    QElapsedTimer timer;
    timer.start();
    const Reply r = post(url(QStringLiteral("/v23.0/%1/messages").arg(kPhoneA)), kTokenA,
                         QJsonDocument(textMessage(kCandidate, QStringLiteral("Hola"))).toJson(QJsonDocument::Compact), 500);
    QCOMPARE(r.status, 0);
    QVERIFY2(r.error == QNetworkReply::OperationCanceledError || r.error == QNetworkReply::TimeoutError,
             qPrintable(QString::number(r.error)));
    QVERIFY(timer.elapsed() >= 450);
    QCOMPARE(m_sandbox->sendLog().first().httpStatus, 0);
    QCOMPARE(send(kPhoneA, kTokenA, textMessage(kCandidate, QStringLiteral("Hola"))).status, 200);
}

void TestSandbox::statusDelaysFollowDelayScale()
{
    SandboxOptions options = defaultOptions(m_hookPort);
    options.delayScale = 0.1; // sent ~30 ms, delivered ~120 ms, read ~400 ms (±20 %)
    startSandbox(std::move(options));
    m_sandbox->candidateWrites(kPhoneA, kCandidate, QStringLiteral("Laura"), QStringLiteral("Hola"));
    QElapsedTimer clock;
    clock.start();
    const Reply r = send(kPhoneA, kTokenA, textMessage(kCandidate, QStringLiteral("Hola")));
    const QString wamid = r.json.value(QStringLiteral("messages")).toArray().first().toObject().value(QStringLiteral("id")).toString();
    QList<qint64> arrivals;
    while (arrivals.size() < 3 && clock.elapsed() < 5000) {
        QTest::qWait(5);
        if (statusesFor(wamid).size() > arrivals.size())
            arrivals.append(clock.elapsed());
    }
    QCOMPARE(arrivals.size(), 3);
    QVERIFY2(arrivals.at(0) >= 20, qPrintable(QString::number(arrivals.at(0))));
    QVERIFY2(arrivals.at(1) >= 90, qPrintable(QString::number(arrivals.at(1))));
    QVERIFY2(arrivals.at(2) >= 310, qPrintable(QString::number(arrivals.at(2))));
    QCOMPARE(statusesFor(wamid).last().value(QStringLiteral("status")).toString(), QStringLiteral("read"));
}

void TestSandbox::scriptedCandidatesWriteAndAnswer()
{
    SandboxOptions options = defaultOptions(m_hookPort);
    options.candidates = true;
    options.candidateIntervalMs = 300;
    startSandbox(std::move(options));

    // Someone writes in with a recruiting opener.
    QTRY_VERIFY(!m_hooks.isEmpty());
    const Hook first = m_hooks.first();
    verifySignature(first);
    const QString waId = first.message().value(QStringLiteral("from")).toString();
    const QString phone = first.value().value(QStringLiteral("metadata")).toObject().value(QStringLiteral("phone_number_id")).toString();
    const QString opener = first.message().value(QStringLiteral("text")).toObject().value(QStringLiteral("body")).toString();
    QVERIFY(phone == kPhoneA || phone == kPhoneB);
    QVERIFY2(waId.startsWith(QStringLiteral("34")) || waId.startsWith(QStringLiteral("521")) || waId.startsWith(QStringLiteral("57")),
             qPrintable(waId));
    const QString name = first.value()
                             .value(QStringLiteral("contacts"))
                             .toArray()
                             .first()
                             .toObject()
                             .value(QStringLiteral("profile"))
                             .toObject()
                             .value(QStringLiteral("name"))
                             .toString();
    QVERIFY(name.contains(QLatin1Char(' ')));
    const sandboxscript::Dialogue *dialogue = nullptr;
    for (const sandboxscript::Dialogue &d : sandboxscript::dialogues())
        if (d.opener == opener)
            dialogue = &d;
    QVERIFY2(dialogue, qPrintable(opener));
    QVERIFY(dialogue->replies.size() >= 4);

    // The business answers; the candidate replies with the next scripted line, in order.
    const QString token = phone == kPhoneA ? kTokenA : kTokenB;
    for (int line = 0; line < 2; ++line) {
        const Reply r = send(phone, token, textMessage(QLatin1Char('+') + waId, QStringLiteral("¡Hola! ¿Qué disponibilidad tienes?")));
        QCOMPARE(r.status, 200);
        auto texts = [&] {
            QStringList out;
            for (const Hook &h : inboundFrom(waId))
                if (h.message().value(QStringLiteral("type")) == QStringLiteral("text"))
                    out.append(h.message().value(QStringLiteral("text")).toObject().value(QStringLiteral("body")).toString());
            return out;
        };
        QTRY_COMPARE_WITH_TIMEOUT(texts().size(), line + 2, 10000);
        QCOMPARE(texts().last(), dialogue->replies.at(line));
    }
    QTRY_VERIFY(m_hooks.size() > 6); // more candidates keep coming
}

void TestSandbox::cvImageIsAValidPng()
{
    const QByteArray png = sandboxscript::cvImagePng();
    QVERIFY(png.startsWith(QByteArrayLiteral("\x89PNG\r\n\x1a\n")));
    QVERIFY(png.size() < 10 * 1024);
    // Walk the chunks: IHDR, IDAT, IEND with consistent lengths.
    qsizetype pos = 8;
    QByteArrayList types;
    QByteArray ihdr, idat;
    while (pos + 12 <= png.size()) {
        const quint32 length = qFromBigEndian<quint32>(png.constData() + pos);
        const QByteArray type = png.mid(pos + 4, 4);
        types.append(type);
        if (type == "IHDR")
            ihdr = png.mid(pos + 8, length);
        if (type == "IDAT")
            idat = png.mid(pos + 8, length);
        pos += 12 + length;
    }
    QCOMPARE(pos, png.size());
    QCOMPARE(types, (QByteArrayList{"IHDR", "IDAT", "IEND"}));
    const quint32 width = qFromBigEndian<quint32>(ihdr.constData());
    const quint32 height = qFromBigEndian<quint32>(ihdr.constData() + 4);
    QCOMPARE(ihdr.at(8), char(8)); // 8-bit
    QCOMPARE(ihdr.at(9), char(2)); // RGB
    // The IDAT zlib stream inflates to one filter byte plus RGB per row.
    const quint32 expected = height * (1 + width * 3);
    QByteArray sized(4, Qt::Uninitialized);
    qToBigEndian(expected, sized.data());
    QCOMPARE(quint32(qUncompress(sized + idat).size()), expected);
}

namespace {
QJsonObject vacancy(const QString &to)
{
    auto text = [](const char *t) { return QJsonObject{{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), QString::fromUtf8(t)}}; };
    return {{QStringLiteral("messaging_product"), QStringLiteral("whatsapp")},
            {QStringLiteral("to"), to},
            {QStringLiteral("type"), QStringLiteral("template")},
            {QStringLiteral("template"),
             QJsonObject{{QStringLiteral("name"), QStringLiteral("vacante_disponible")},
                         {QStringLiteral("language"), QJsonObject{{QStringLiteral("code"), QStringLiteral("es_MX")}}},
                         {QStringLiteral("components"),
                          QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("header")}, {QStringLiteral("parameters"), QJsonArray{text("mozo")}}},
                                     QJsonObject{{QStringLiteral("type"), QStringLiteral("body")},
                                                 {QStringLiteral("parameters"), QJsonArray{text("Ana"), text("mozo"), text("Monterrey"), text("$11,500")}}}}}}}};
}
} // namespace

void TestSandbox::marketingTrafficMeetsEveryFate()
{
    // Stable per number, and every fate among a few hundred numbers.
    QHash<QString, QString> example; // fate → a number that meets it
    int undeliverable = 0, heldBack = 0, unread = 0, replies = 0;
    for (int i = 0; i < 400; ++i) {
        const QString waId = QStringLiteral("5218100%1").arg(i, 6, 10, QLatin1Char('0'));
        const Sandbox::Fate f = Sandbox::marketingFate(waId);
        QCOMPARE(Sandbox::marketingFate(waId).errorCode, f.errorCode);
        const QString kind = f.errorCode ? QString::number(f.errorCode) : !f.read ? QStringLiteral("unread") : f.replies ? QStringLiteral("replies")
                                                                                                                     : QStringLiteral("read");
        example.insert(kind, waId);
        undeliverable += f.errorCode == 131026;
        heldBack += f.errorCode == 131049;
        unread += !f.errorCode && !f.read;
        replies += f.replies;
    }
    QVERIFY2(undeliverable >= 4 && undeliverable <= 24, qPrintable(QString::number(undeliverable))); // ~3 %
    QVERIFY2(heldBack >= 2 && heldBack <= 16, qPrintable(QString::number(heldBack)));               // ~2 %
    QVERIFY2(unread >= 100 && unread <= 170, qPrintable(QString::number(unread)));                   // ~33 %
    QVERIFY2(replies >= 10 && replies <= 40, qPrintable(QString::number(replies)));                  // ~6 %
    // Each fate as the webhooks tell it.
    auto sendTo = [&](const QString &waId) {
        const Reply r = send(kPhoneA, kTokenA, vacancy(waId));
        [&] { QCOMPARE(r.status, 200); }();
        return r.json.value(QStringLiteral("messages")).toArray().first().toObject().value(QStringLiteral("id")).toString();
    };
    for (const char *code : {"131026", "131049"}) {
        const QString wamid = sendTo(example.value(QString::fromLatin1(code)));
        QTRY_COMPARE(statusesFor(wamid).size(), 1);
        QCOMPARE(statusesFor(wamid).first().value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
        QCOMPARE(statusesFor(wamid).first()[QStringLiteral("errors")][0][QStringLiteral("code")].toInt(), QString::fromLatin1(code).toInt());
    }
    const QString unreadWamid = sendTo(example.value(QStringLiteral("unread")));
    const QString replyWamid = sendTo(example.value(QStringLiteral("replies")));
    QTRY_COMPARE(statusesFor(replyWamid).size(), 3);
    QTRY_COMPARE(inboundFrom(example.value(QStringLiteral("replies"))).size(), 1);
    QCOMPARE(inboundFrom(example.value(QStringLiteral("replies"))).first().message()[QStringLiteral("text")][QStringLiteral("body")].toString(),
             QStringLiteral("Sí, me interesa"));
    QCOMPARE(statusesFor(unreadWamid).size(), 2); // sent, delivered; never read
    QCOMPARE(statusesFor(unreadWamid).last().value(QStringLiteral("status")).toString(), QStringLiteral("delivered"));
}

void TestSandbox::messagingLimitAndQuality()
{
    SandboxOptions options = defaultOptions(m_hookPort);
    options.numbers[0].messagingLimit = 2;
    startSandbox(options);
    QCOMPARE(m_sandbox->phoneNumberNode(kPhoneA).value(QStringLiteral("messaging_limit_tier")).toString(), QStringLiteral("TIER_2"));
    // Two users reached in 24 hours; a third is refused, the first again is not.
    QStringList wamids;
    for (const QString &to : {QStringLiteral("34600000001"), QStringLiteral("34600000002"), QStringLiteral("34600000003"), QStringLiteral("34600000001")}) {
        const Reply r = send(kPhoneA, kTokenA, templateMessage(to, QStringLiteral("seguimiento_postulacion"), QStringLiteral("es")));
        QCOMPARE(r.status, 200);
        wamids.append(r.json.value(QStringLiteral("messages")).toArray().first().toObject().value(QStringLiteral("id")).toString());
    }
    QTRY_COMPARE(statusesFor(wamids.at(3)).size(), 3);
    QTRY_COMPARE(statusesFor(wamids.at(2)).size(), 1);
    QCOMPARE(statusesFor(wamids.at(2)).first()[QStringLiteral("errors")][0][QStringLiteral("code")].toInt(), 131049);
    QCOMPARE(statusesFor(wamids.at(1)).last().value(QStringLiteral("status")).toString(), QStringLiteral("read"));
    // A user who wrote in is inside a window: not counted.
    m_sandbox->candidateWrites(kPhoneA, QStringLiteral("34600000004"), QStringLiteral("Eva"), QStringLiteral("Hola"));
    const Reply inWindow = send(kPhoneA, kTokenA, templateMessage(QStringLiteral("34600000004"), QStringLiteral("seguimiento_postulacion"), QStringLiteral("es")));
    const QString inWindowWamid = inWindow.json.value(QStringLiteral("messages")).toArray().first().toObject().value(QStringLiteral("id")).toString();
    QTRY_COMPARE(statusesFor(inWindowWamid).size(), 3);

    // Quality on demand: the node says it and a webhook tells Puente.
    m_hooks.clear();
    m_sandbox->setQuality(kPhoneA, QStringLiteral("RED"));
    QCOMPARE(m_sandbox->phoneNumberNode(kPhoneA).value(QStringLiteral("quality_rating")).toString(), QStringLiteral("RED"));
    QTRY_COMPARE(m_hooks.size(), 1);
    const QJsonObject change = m_hooks.first().json[QStringLiteral("entry")][0][QStringLiteral("changes")][0].toObject();
    QCOMPARE(change.value(QStringLiteral("field")).toString(), QStringLiteral("phone_number_quality_update"));
    QCOMPARE(change[QStringLiteral("value")][QStringLiteral("event")].toString(), QStringLiteral("FLAGGED"));
    QCOMPARE(change[QStringLiteral("value")][QStringLiteral("current_limit")].toString(), QStringLiteral("TIER_2"));
    verifySignature(m_hooks.first());
    m_sandbox->setQuality(kPhoneA, QStringLiteral("GREEN"));
    QTRY_COMPARE(m_hooks.size(), 2);
    QCOMPARE(m_hooks.last().json[QStringLiteral("entry")][0][QStringLiteral("changes")][0][QStringLiteral("value")][QStringLiteral("event")].toString(),
             QStringLiteral("UNFLAGGED"));
    QCOMPARE(m_sandbox->phoneNumberNode(kPhoneA).value(QStringLiteral("quality_rating")).toString(), QStringLiteral("GREEN"));
}

QTEST_GUILESS_MAIN(TestSandbox)
#include "tst_sandbox.moc"
