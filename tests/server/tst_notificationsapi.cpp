// The CRM's notifications end to end (issue 18): rules, the event API with
// idempotency, scheduling and quiet hours, broken rules, opt-out, status
// callbacks with retries, replies. A real server on a loopback port, on
// SQLite and PostgreSQL; webhooks are signed and go through the inbound path.
#include "accounts/apikeys.h"
#include "crypto/crypto.h"
#include "httpfront.h"
#include "messaging/notifications.h"
#include "messaging/notificationworker.h"
#include "messaging/templates.h"
#include "servercontext.h"
#include "storage/sessionrepository.h"
#include "storage/sql.h"
#include "storage/tenantrepository.h"
#include "storage/userrepository.h"
#include "storage/whatsappconfigrepository.h"
#include "fakeserver.h"
#include "runningserver.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>

using namespace puente;
using namespace puente::server;
using namespace puente::test;

namespace {
const QString kPassword = QStringLiteral("reclutar candidatos 2026");
const QString kPhoneNumberId = QStringLiteral("1001");
const QByteArray kAppSecret = "acme-app-secret";

// "Hola {{1}}, tu entrevista es el {{2}}." with two quick replies.
const QJsonArray kInterviewTemplate = QJsonDocument::fromJson(R"([
  {"type":"BODY","text":"Hola {{1}}, tu entrevista es el {{2}}."},
  {"type":"BUTTONS","buttons":[{"type":"QUICK_REPLY","text":"Confirmo la entrevista"},{"type":"QUICK_REPLY","text":"Necesito cambiarla"}]}
])").array();
} // namespace

class TestNotifications : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void quietHoursAndTimes();
    void rulesAreValidated();
    void eventBecomesATemplateMessage();
    void eventErrorsNameWhatIsWrong();
    void idempotencyKeys();
    void concurrentIdenticalRequestsSendOnce();
    void schedulingAndCancelling();
    void brokenRuleAfterTemplateWebhook();
    void optOutKeywordsAndClearing();
    void statusesReachTheCrmInOrderWithRetries();
    void buttonReplyReachesTheCrm();
    void listFiltersAndPaging();
    void callbackUrlPolicyAndTestCallback();
    void planLimitRefusesOrSkips();
    void oneCandidateWhicheverWayTheNumberIsWritten();

private:
    using Reply = test::HttpReply;
    void startServer(const QHash<QString, QString> &extra = {});
    QNetworkReply *send(const QByteArray &method, const QString &path, const QString &token, const QJsonObject &body,
                        const QList<std::pair<QByteArray, QByteArray>> &headers = {});
    Reply wait(QNetworkReply *reply);
    Reply call(const QByteArray &method, const QString &path, const QString &token, const QJsonObject &body = {},
               const QList<std::pair<QByteArray, QByteArray>> &headers = {})
    {
        return wait(send(method, path, token, body, headers));
    }
    Reply notify(const QJsonObject &body, const QByteArray &key = {})
    {
        QList<std::pair<QByteArray, QByteArray>> h;
        if (!key.isEmpty())
            h.append({"Idempotency-Key", key});
        return call("POST", QStringLiteral("/api/notifications"), m_apiKey, body, h);
    }
    QJsonObject interview(const QString &phone, const QString &name = QStringLiteral("Lucía"), const QString &reference = {}) const;
    void seed();
    void addRule(bool quietHours = false);
    void quietHoursOff();
    qint64 count(const QString &sql, const QVariantList &binds = {});
    QString text(const QString &sql, const QVariantList &binds = {});
    void webhook(const QJsonObject &value);
    void inboundText(const QString &from, const QString &wamid, const QString &body);
    void status(const QString &wamid, const QString &status, const QString &to, int errorCode = 0);

    Database &db() { return m_server.context->database(); }

    std::unique_ptr<TestDatabase> m_test;
    RunningServer m_server;
    QNetworkAccessManager m_network;
    TenantId m_tenant;
    QString m_adminToken, m_agentToken, m_apiKey;
    qint64 m_ruleId = 0;
};

void TestNotifications::initTestCase()
{
    QVERIFY(checkBackendAvailable());
}

void TestNotifications::init()
{
    auto t = TestDatabase::create();
    PUENTE_VERIFY_OK(t);
    m_test = std::move(t).value();
    startServer();
    seed();
}

void TestNotifications::startServer(const QHash<QString, QString> &extra)
{
    m_server.front.reset();
    m_server.context.reset();
    // No dispatcher: messages stay queued; the test plays Meta.
    Settings settings = RunningServer::quietSettings(m_test->url(), m_test->dir());
    settings.setOverride(QStringLiteral("app_secret"), QString::fromLatin1(kAppSecret));
    settings.setOverride(QStringLiteral("callback_retry_base_ms"), QStringLiteral("200"));
    settings.setOverride(QStringLiteral("rate_limit_user_per_second"), QStringLiteral("1000"));
    settings.setOverride(QStringLiteral("rate_limit_user_burst"), QStringLiteral("1000"));
    settings.setOverride(QStringLiteral("rate_limit_tenant_per_second"), QStringLiteral("1000"));
    settings.setOverride(QStringLiteral("rate_limit_tenant_burst"), QStringLiteral("1000"));
    for (auto it = extra.cbegin(); it != extra.cend(); ++it)
        settings.setOverride(it.key(), it.value());
    auto running = RunningServer::start(settings);
    PUENTE_VERIFY_OK(running);
    m_server = std::move(running).value();
}

void TestNotifications::cleanup()
{
    m_server.front.reset();
    m_server.context.reset();
    m_test.reset();
}

QNetworkReply *TestNotifications::send(const QByteArray &method, const QString &path, const QString &token, const QJsonObject &body,
                                       const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    const QByteArray payload = body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
    return sendRequest(m_network, m_server.port, method, path, token, payload, headers);
}

TestNotifications::Reply TestNotifications::wait(QNetworkReply *reply)
{
    return waitForReply(reply);
}

qint64 TestNotifications::count(const QString &sql, const QVariantList &binds)
{
    return test::queryCount(db(), sql, binds);
}

QString TestNotifications::text(const QString &sql, const QVariantList &binds)
{
    return test::queryText(db(), sql, binds);
}

void TestNotifications::seed()
{
    auto tenant = TenantRepository(db()).create(QStringLiteral("acme"), QStringLiteral("Acme Reclutamiento"), Plan::Enterprise);
    PUENTE_VERIFY_OK(tenant);
    m_tenant = tenant->id;
    WhatsAppConfig c;
    c.businessApiToken = QStringLiteral("EAAB-token-of-acme");
    c.phoneNumberId = kPhoneNumberId;
    c.businessAccountId = QStringLiteral("91001");
    c.webhookVerifyToken = QStringLiteral("acme-verify");
    PUENTE_VERIFY_OK(WhatsAppConfigRepository(db(), m_server.context->keyring()).save(m_tenant, c, QStringLiteral("test")));
    UserRepository users(db(), crypto::ScryptParams{10, 8, 1});
    auto admin = users.create({m_tenant, QStringLiteral("admin@acme.example"), QStringLiteral("Admin"), Role::TenantAdmin, kPassword}, QStringLiteral("test"));
    auto agent = users.create({m_tenant, QStringLiteral("agent@acme.example"), QStringLiteral("Agente"), Role::Agent, kPassword}, QStringLiteral("test"));
    PUENTE_VERIFY_OK(admin);
    PUENTE_VERIFY_OK(agent);
    m_adminToken = SessionRepository(db()).create(admin->id, 3'600'000)->token;
    m_agentToken = SessionRepository(db()).create(agent->id, 3'600'000)->token;
    auto key = ApiKeyRepository(db()).create(m_tenant, QStringLiteral("CRM"), {ApiScope::Notifications}, QStringLiteral("test"));
    PUENTE_VERIFY_OK(key);
    m_apiKey = key->key;
    meta::Template t;
    t.id = QStringLiteral("555");
    t.name = QStringLiteral("entrevista");
    t.language = QStringLiteral("es");
    t.category = QStringLiteral("UTILITY");
    t.status = QStringLiteral("APPROVED");
    t.components = kInterviewTemplate;
    PUENTE_VERIFY_OK(TemplateService(db(), m_server.context->keyring()).store(m_tenant, QStringLiteral("91001"), QList<meta::Template>{t}));
}

void TestNotifications::addRule(bool quietHours)
{
    const Reply r = call("POST", QStringLiteral("/api/notification-rules"), m_adminToken,
                         {{QStringLiteral("event"), QStringLiteral("interview_scheduled")},
                          {QStringLiteral("template"), QStringLiteral("entrevista")},
                          {QStringLiteral("language"), QStringLiteral("es")},
                          {QStringLiteral("quiet_hours"), quietHours},
                          {QStringLiteral("body"), QJsonArray{QJsonObject{{QStringLiteral("source"), QStringLiteral("data")},
                                                                          {QStringLiteral("value"), QStringLiteral("candidate.first_name")}},
                                                              QJsonObject{{QStringLiteral("source"), QStringLiteral("datetime")},
                                                                          {QStringLiteral("value"), QStringLiteral("data.interview.at")}}}},
                          {QStringLiteral("buttons"), QJsonArray{QJsonObject{{QStringLiteral("index"), 0},
                                                                             {QStringLiteral("value"), QJsonObject{{QStringLiteral("source"), QStringLiteral("text")},
                                                                                                                   {QStringLiteral("value"), QStringLiteral("CONFIRMO")}}}},
                                                                 QJsonObject{{QStringLiteral("index"), 1},
                                                                             {QStringLiteral("value"), QJsonObject{{QStringLiteral("source"), QStringLiteral("text")},
                                                                                                                   {QStringLiteral("value"), QStringLiteral("CAMBIAR")}}}}}}});
    QVERIFY2(r.status == 201, r.raw.constData());
    QCOMPARE(r.body.value(QStringLiteral("broken")).toBool(), false);
    m_ruleId = r.body.value(QStringLiteral("id")).toInteger();
}

void TestNotifications::quietHoursOff()
{
    const Reply r = call("PATCH", QStringLiteral("/api/tenant-settings"), m_adminToken, {{QStringLiteral("quiet_hours_enabled"), false}});
    QVERIFY2(r.status == 200, r.raw.constData());
}

QJsonObject TestNotifications::interview(const QString &phone, const QString &name, const QString &reference) const
{
    QJsonObject body{{QStringLiteral("event"), QStringLiteral("interview_scheduled")},
                     {QStringLiteral("to"), QJsonObject{{QStringLiteral("phone"), phone}, {QStringLiteral("name"), name}}},
                     {QStringLiteral("data"), QJsonObject{{QStringLiteral("candidate"), QJsonObject{{QStringLiteral("first_name"), name}}},
                                                          {QStringLiteral("interview"), QJsonObject{{QStringLiteral("at"), QStringLiteral("2026-12-10T10:00:00+01:00")}}}}}};
    if (!reference.isEmpty())
        body.insert(QStringLiteral("reference"), reference);
    return body;
}

void TestNotifications::webhook(const QJsonObject &value)
{
    QJsonObject v = value;
    v.insert(QStringLiteral("messaging_product"), QStringLiteral("whatsapp"));
    v.insert(QStringLiteral("metadata"), QJsonObject{{QStringLiteral("display_phone_number"), QStringLiteral("34910000000")},
                                                     {QStringLiteral("phone_number_id"), kPhoneNumberId}});
    const Reply r = postWebhook(m_network, m_server.port, kAppSecret, QStringLiteral("91001"), QStringLiteral("messages"), v);
    QCOMPARE(r.status, 200);
}

void TestNotifications::inboundText(const QString &from, const QString &wamid, const QString &body)
{
    webhook({{QStringLiteral("contacts"), QJsonArray{QJsonObject{{QStringLiteral("wa_id"), from},
                                                                 {QStringLiteral("profile"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Lucía")}}}}}},
             {QStringLiteral("messages"), QJsonArray{QJsonObject{{QStringLiteral("from"), from},
                                                                 {QStringLiteral("id"), wamid},
                                                                 {QStringLiteral("timestamp"), QString::number(nowMs() / 1000)},
                                                                 {QStringLiteral("type"), QStringLiteral("text")},
                                                                 {QStringLiteral("text"), QJsonObject{{QStringLiteral("body"), body}}}}}}});
}

void TestNotifications::status(const QString &wamid, const QString &s, const QString &to, int errorCode)
{
    QJsonObject st{{QStringLiteral("id"), wamid},
                   {QStringLiteral("status"), s},
                   {QStringLiteral("timestamp"), QString::number(nowMs() / 1000)},
                   {QStringLiteral("recipient_id"), to}};
    if (errorCode)
        st.insert(QStringLiteral("errors"), QJsonArray{QJsonObject{{QStringLiteral("code"), errorCode},
                                                                   {QStringLiteral("title"), QStringLiteral("Message undeliverable")},
                                                                   {QStringLiteral("message"), QStringLiteral("Message undeliverable")}}});
    webhook({{QStringLiteral("statuses"), QJsonArray{st}}});
}

// ---------------------------------------------------------------------------

void TestNotifications::quietHoursAndTimes()
{
    const QTimeZone madrid(QByteArrayLiteral("Europe/Madrid"));
    const notify::QuietHours quiet{true, 21 * 60, 8 * 60, madrid};
    auto at = [&](const QString &local) { return QDateTime::fromString(local, Qt::ISODate).toTimeZone(madrid).toMSecsSinceEpoch(); };
    auto madridTime = [&](int y, int mo, int d, int h, int mi) { return QDateTime(QDate(y, mo, d), QTime(h, mi), madrid).toMSecsSinceEpoch(); };
    // 22:30 waits for 08:00 the next morning; 07:00 for 08:00 the same day;
    // noon goes at once; a rule that ignores quiet hours goes at once.
    QCOMPARE(notify::dueAt(madridTime(2026, 12, 9, 22, 30), std::nullopt, quiet, true), madridTime(2026, 12, 10, 8, 0));
    QCOMPARE(notify::dueAt(madridTime(2026, 12, 10, 7, 0), std::nullopt, quiet, true), madridTime(2026, 12, 10, 8, 0));
    QCOMPARE(notify::dueAt(madridTime(2026, 12, 10, 12, 0), std::nullopt, quiet, true), madridTime(2026, 12, 10, 12, 0));
    QCOMPARE(notify::dueAt(madridTime(2026, 12, 9, 22, 30), std::nullopt, quiet, false), madridTime(2026, 12, 9, 22, 30));
    // A send_at inside the quiet hours moves too; one in the past is now.
    QCOMPARE(notify::dueAt(madridTime(2026, 12, 9, 12, 0), madridTime(2026, 12, 9, 23, 59), quiet, true), madridTime(2026, 12, 10, 8, 0));
    QCOMPARE(notify::dueAt(madridTime(2026, 12, 9, 12, 0), madridTime(2026, 12, 9, 11, 0), quiet, true), madridTime(2026, 12, 9, 12, 0));
    // A daytime window (13:00-15:00) and none at all.
    const notify::QuietHours lunch{true, 13 * 60, 15 * 60, madrid};
    QCOMPARE(notify::dueAt(madridTime(2026, 12, 9, 14, 0), std::nullopt, lunch, true), madridTime(2026, 12, 9, 15, 0));
    QCOMPARE(notify::dueAt(madridTime(2026, 12, 9, 22, 0), std::nullopt, {false, 21 * 60, 8 * 60, madrid}, true), madridTime(2026, 12, 9, 22, 0));
    // Times as CRMs write them.
    QCOMPARE(notify::parseTime(QJsonValue(QStringLiteral("2026-12-10T10:00:00+01:00")), madrid), at(QStringLiteral("2026-12-10T10:00:00+01:00")));
    QCOMPARE(notify::parseTime(QJsonValue(QStringLiteral("2026-12-10T09:00:00Z")), madrid), at(QStringLiteral("2026-12-10T10:00:00+01:00")));
    QCOMPARE(notify::parseTime(QJsonValue(QStringLiteral("2026-12-10T10:00:00")), madrid), madridTime(2026, 12, 10, 10, 0)); // the tenant's zone
    QCOMPARE(notify::parseTime(QJsonValue(double(1'765'357'200'000)), madrid), qint64(1'765'357'200'000));
    QVERIFY(!notify::parseTime(QJsonValue(QStringLiteral("el jueves")), madrid));
    // Formatted in the tenant's zone and language.
    const qint64 thursday = madridTime(2026, 12, 10, 10, 0);
    QCOMPARE(notify::formatTime(thursday, QStringLiteral("datetime"), madrid, QStringLiteral("es")), QStringLiteral("jueves 10 de diciembre, 10:00"));
    QCOMPARE(notify::formatTime(thursday, QStringLiteral("date"), madrid, QStringLiteral("en")), QStringLiteral("Thursday, December 10"));
    QCOMPARE(notify::formatTime(thursday, QStringLiteral("time"), QTimeZone(QByteArrayLiteral("America/Mexico_City")), QStringLiteral("es")),
             QStringLiteral("03:00"));
    // Opt-out keywords: case, accents, spacing and punctuation do not matter.
    QCOMPARE(notify::foldKeyword(QStringLiteral("  ¡No   molestar! ")), notify::foldKeyword(QStringLiteral("NO MOLESTAR")));
    QCOMPARE(notify::foldKeyword(QStringLiteral("Bája.")), notify::foldKeyword(QStringLiteral("BAJA")));
    QVERIFY(notify::foldKeyword(QStringLiteral("no me des de baja")) != notify::foldKeyword(QStringLiteral("BAJA")));
    QVERIFY(notify::validEventName(QStringLiteral("application_received")));
    QVERIFY(notify::validEventName(QStringLiteral("crm.stage_changed")));
    QVERIFY(!notify::validEventName(QStringLiteral("Interview")));
    QVERIFY(!notify::validEventName(QStringLiteral("ab")));
}

void TestNotifications::rulesAreValidated()
{
    auto rule = [&](const QJsonObject &overrides) {
        QJsonObject body{{QStringLiteral("event"), QStringLiteral("interview_scheduled")},
                         {QStringLiteral("template"), QStringLiteral("entrevista")},
                         {QStringLiteral("language"), QStringLiteral("es")},
                         {QStringLiteral("body"), QJsonArray{QJsonObject{{QStringLiteral("source"), QStringLiteral("data")}, {QStringLiteral("value"), QStringLiteral("a")}},
                                                             QJsonObject{{QStringLiteral("source"), QStringLiteral("text")}, {QStringLiteral("value"), QStringLiteral("b")}}}}};
        for (auto it = overrides.begin(); it != overrides.end(); ++it)
            body.insert(it.key(), it.value());
        return call("POST", QStringLiteral("/api/notification-rules"), m_adminToken, body);
    };
    Reply r = rule({{QStringLiteral("event"), QStringLiteral("Entrevista!")}});
    QCOMPARE(r.status, 422);
    QCOMPARE(r.field(), QStringLiteral("event"));
    r = rule({{QStringLiteral("template"), QStringLiteral("no_such_template")}});
    QCOMPARE(r.status, 422);
    QCOMPARE(r.field(), QStringLiteral("template"));
    r = rule({{QStringLiteral("body"), QJsonArray{QJsonObject{{QStringLiteral("source"), QStringLiteral("data")}, {QStringLiteral("value"), QStringLiteral("a")}}}}});
    QCOMPARE(r.status, 422); // the template has two placeholders
    QVERIFY(r.body.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString().contains(QLatin1String("2")));
    r = rule({{QStringLiteral("body"), QJsonArray{QJsonObject{{QStringLiteral("source"), QStringLiteral("weather")}, {QStringLiteral("value"), QStringLiteral("a")}},
                                                  QJsonObject{{QStringLiteral("source"), QStringLiteral("text")}, {QStringLiteral("value"), QStringLiteral("b")}}}}});
    QCOMPARE(r.status, 422);
    QCOMPARE(r.field(), QStringLiteral("body[0]"));
    r = rule({});
    QCOMPARE(r.status, 201);
    const qint64 first = r.body.value(QStringLiteral("id")).toInteger();
    // At most one enabled rule per event; a disabled second one is fine.
    r = rule({});
    QCOMPARE(r.status, 409);
    QCOMPARE(r.code(), QStringLiteral("rule_taken"));
    r = rule({{QStringLiteral("enabled"), false}});
    QCOMPARE(r.status, 201);
    const qint64 second = r.body.value(QStringLiteral("id")).toInteger();
    QCOMPARE(call("PATCH", QStringLiteral("/api/notification-rules/%1").arg(second), m_adminToken, {{QStringLiteral("enabled"), true}}).code(),
             QStringLiteral("rule_taken"));
    QCOMPARE(call("PATCH", QStringLiteral("/api/notification-rules/%1").arg(first), m_adminToken, {{QStringLiteral("enabled"), false}}).status, 200);
    QCOMPARE(call("PATCH", QStringLiteral("/api/notification-rules/%1").arg(second), m_adminToken, {{QStringLiteral("enabled"), true}}).status, 200);
    QCOMPARE(call("DELETE", QStringLiteral("/api/notification-rules/%1").arg(first), m_adminToken).status, 204);
    QCOMPARE(call("DELETE", QStringLiteral("/api/notification-rules/%1").arg(first), m_adminToken).status, 404);
    const Reply list = call("GET", QStringLiteral("/api/notification-rules"), m_adminToken);
    QCOMPARE(list.body.value(QStringLiteral("items")).toArray().size(), 1);
    // Agents do not edit rules; every change is audited.
    QCOMPARE(call("GET", QStringLiteral("/api/notification-rules"), m_agentToken).status, 403);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'notification_rule.created'")), qint64(2));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'notification_rule.updated'")), qint64(2));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'notification_rule.deleted'")), qint64(1));

    // The preview renders sample data, or says what is missing.
    const QJsonObject sample{{QStringLiteral("candidate"), QJsonObject{{QStringLiteral("first_name"), QStringLiteral("Marta")}}},
                             {QStringLiteral("interview"), QJsonObject{{QStringLiteral("at"), QStringLiteral("2026-12-10T10:00:00+01:00")}}}};
    QJsonObject draft{{QStringLiteral("event"), QStringLiteral("interview_scheduled")}, {QStringLiteral("template"), QStringLiteral("entrevista")},
                      {QStringLiteral("language"), QStringLiteral("es")},
                      {QStringLiteral("body"), QJsonArray{QJsonObject{{QStringLiteral("source"), QStringLiteral("data")}, {QStringLiteral("value"), QStringLiteral("candidate.first_name")}},
                                                          QJsonObject{{QStringLiteral("source"), QStringLiteral("datetime")}, {QStringLiteral("value"), QStringLiteral("interview.at")}}}}};
    Reply preview = call("POST", QStringLiteral("/api/notification-rules/preview"), m_adminToken,
                         {{QStringLiteral("rule"), draft}, {QStringLiteral("data"), sample}});
    QCOMPARE(preview.status, 200);
    QCOMPARE(preview.body.value(QStringLiteral("ok")).toBool(), true);
    QVERIFY2(preview.body.value(QStringLiteral("text")).toString().startsWith(QLatin1String("Hola Marta, tu entrevista es el jueves 10 de diciembre, 10:00.")),
             preview.raw.constData());
    preview = call("POST", QStringLiteral("/api/notification-rules/preview"), m_adminToken, {{QStringLiteral("rule"), draft}, {QStringLiteral("data"), QJsonObject{}}});
    QCOMPARE(preview.body.value(QStringLiteral("ok")).toBool(), false);
    QCOMPARE(preview.body.value(QStringLiteral("field")).toString(), QStringLiteral("data.candidate.first_name"));
}

void TestNotifications::eventBecomesATemplateMessage()
{
    addRule();
    quietHoursOff();
    const Reply r = notify(interview(QStringLiteral("612 34 56 78"), QStringLiteral("Lucía"), QStringLiteral("app-77")), "k-1");
    QVERIFY2(r.status == 202, r.raw.constData());
    QCOMPARE(r.body.value(QStringLiteral("status")).toString(), QStringLiteral("queued"));
    QCOMPARE(r.body.value(QStringLiteral("phone")).toString(), QStringLiteral("+34612345678")); // the tenant's country
    QCOMPARE(r.body.value(QStringLiteral("reference")).toString(), QStringLiteral("app-77"));
    const qint64 messageId = r.body.value(QStringLiteral("message_id")).toInteger();
    const qint64 conversationId = r.body.value(QStringLiteral("conversation_id")).toInteger();
    QVERIFY(messageId > 0 && conversationId > 0);
    // The recruiters see it in the contact's chat, marked as automatic.
    const Reply messages = call("GET", QStringLiteral("/api/whatsapp/conversations/%1/messages").arg(conversationId), m_agentToken);
    QCOMPARE(messages.status, 200);
    const QJsonObject m = messages.body.value(QStringLiteral("items")).toArray().first().toObject();
    QCOMPARE(m.value(QStringLiteral("id")).toInteger(), messageId);
    QCOMPARE(m.value(QStringLiteral("type")).toString(), QStringLiteral("template"));
    QCOMPARE(m.value(QStringLiteral("event")).toString(), QStringLiteral("interview_scheduled"));
    QCOMPARE(m.value(QStringLiteral("notification_id")).toInteger(), r.body.value(QStringLiteral("id")).toInteger());
    QVERIFY2(m.value(QStringLiteral("content")).toString().startsWith(QStringLiteral("Hola Lucía, tu entrevista es el jueves 10 de diciembre, 10:00.")),
             qPrintable(m.value(QStringLiteral("content")).toString()));
    // What goes to Meta: the template with its parameters and button payloads.
    const QJsonObject request = QJsonDocument::fromJson(text(QStringLiteral("SELECT request FROM outbox WHERE message_id = ?"), {messageId}).toUtf8()).object();
    const QJsonObject tpl = request.value(QStringLiteral("template")).toObject();
    QCOMPARE(tpl.value(QStringLiteral("name")).toString(), QStringLiteral("entrevista"));
    const QJsonArray components = tpl.value(QStringLiteral("components")).toArray();
    QCOMPARE(components.size(), 3); // body + two quick replies
    QCOMPARE(components.at(0).toObject().value(QStringLiteral("parameters")).toArray().at(1).toObject().value(QStringLiteral("text")).toString(),
             QStringLiteral("jueves 10 de diciembre, 10:00"));
    QCOMPARE(components.at(2).toObject().value(QStringLiteral("parameters")).toArray().at(0).toObject().value(QStringLiteral("payload")).toString(),
             QStringLiteral("CAMBIAR"));
    // A second event for the same person lands in the same conversation.
    const Reply again = notify(interview(QStringLiteral("+34 612 345 678")), "k-2");
    QCOMPARE(again.body.value(QStringLiteral("conversation_id")).toInteger(), conversationId);
    // Its history so far.
    const Reply one = call("GET", QStringLiteral("/api/notifications/%1").arg(r.body.value(QStringLiteral("id")).toInteger()), m_apiKey);
    QCOMPARE(one.status, 200);
    QStringList history;
    for (const QJsonValue &h : one.body.value(QStringLiteral("history")).toArray())
        history.append(h.toObject().value(QStringLiteral("status")).toString());
    QCOMPARE(history, (QStringList{QStringLiteral("accepted"), QStringLiteral("queued")}));
}

void TestNotifications::eventErrorsNameWhatIsWrong()
{
    addRule();
    quietHoursOff();
    Reply r = notify(interview(QStringLiteral("12")));
    QCOMPARE(r.status, 422);
    QCOMPARE(r.code(), QStringLiteral("invalid_phone_number"));
    QCOMPARE(r.field(), QStringLiteral("to.phone"));
    QJsonObject body = interview(QStringLiteral("612345678"));
    body.insert(QStringLiteral("data"), QJsonObject{{QStringLiteral("candidate"), QJsonObject{{QStringLiteral("first_name"), QStringLiteral("Ana")}}}});
    r = notify(body);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.code(), QStringLiteral("missing_data"));
    QCOMPARE(r.field(), QStringLiteral("data.interview.at"));
    body = interview(QStringLiteral("612345678"));
    body.insert(QStringLiteral("event"), QStringLiteral("offer_sent"));
    r = notify(body);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.code(), QStringLiteral("no_rule"));
    body = interview(QStringLiteral("612345678"));
    body.insert(QStringLiteral("send_at"), QStringLiteral("mañana"));
    r = notify(body);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.field(), QStringLiteral("send_at"));
    r = notify(QJsonObject{{QStringLiteral("to"), QJsonObject{{QStringLiteral("phone"), QStringLiteral("612345678")}}}});
    QCOMPARE(r.status, 422);
    QCOMPARE(r.field(), QStringLiteral("event"));
    // Nothing of it was stored.
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM notifications")), qint64(0));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages")), qint64(0));
    // A key without the scope, an agent: 403.
    auto key = ApiKeyRepository(db()).create(m_tenant, QStringLiteral("reader"), {ApiScope::ConversationsRead}, QStringLiteral("test"));
    QCOMPARE(call("POST", QStringLiteral("/api/notifications"), key->key, interview(QStringLiteral("612345678"))).status, 403);
    QCOMPARE(call("POST", QStringLiteral("/api/notifications"), m_agentToken, interview(QStringLiteral("612345678"))).status, 403);
    // A default country libphonenumber does not know is refused (it was
    // stored, and every number without +country failed after it).
    for (const QString &region : {QStringLiteral("ZZ"), QStringLiteral("QQ"), QStringLiteral("España")}) {
        r = call("PATCH", QStringLiteral("/api/tenant-settings"), m_adminToken, {{QStringLiteral("default_region"), region}});
        QCOMPARE(r.status, 422);
        QCOMPARE(r.field(), QStringLiteral("default_region"));
    }
    r = call("PATCH", QStringLiteral("/api/tenant-settings"), m_adminToken, {{QStringLiteral("default_region"), QStringLiteral("mx")}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body.value(QStringLiteral("default_region")).toString(), QStringLiteral("MX"));
    r = notify(interview(QStringLiteral("81 5425 4667")));
    QCOMPARE(r.status, 202);
    QCOMPARE(r.body.value(QStringLiteral("phone")).toString(), QStringLiteral("+528154254667"));
}

void TestNotifications::idempotencyKeys()
{
    addRule();
    quietHoursOff();
    const Reply first = notify(interview(QStringLiteral("612000001")), "crm-42");
    QCOMPARE(first.status, 202);
    QVERIFY(first.header("Idempotent-Replayed").isEmpty());
    // The same body, keys in another order: the first answer again.
    QJsonObject reordered;
    const QJsonObject original = interview(QStringLiteral("612000001"));
    for (auto it = original.end(); it != original.begin();) {
        --it;
        reordered.insert(it.key(), it.value());
    }
    const Reply second = notify(reordered, "crm-42");
    QCOMPARE(second.status, 202);
    QCOMPARE(second.header("Idempotent-Replayed"), QByteArray("true"));
    QCOMPARE(second.body.value(QStringLiteral("id")), first.body.value(QStringLiteral("id")));
    QCOMPARE(second.raw, first.raw);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages")), qint64(1));
    // The same key with another body is a mistake.
    const Reply other = notify(interview(QStringLiteral("612000002")), "crm-42");
    QCOMPARE(other.status, 409);
    QCOMPARE(other.code(), QStringLiteral("idempotency_key_reused"));
    // A refused request stores nothing under its key: fixed, it goes.
    QJsonObject broken = interview(QStringLiteral("612000003"));
    broken.insert(QStringLiteral("data"), QJsonObject());
    QCOMPARE(notify(broken, "crm-43").status, 422);
    QCOMPARE(notify(interview(QStringLiteral("612000003")), "crm-43").status, 202);
    // After 7 days a key is free again.
    {
        Transaction tx(db());
        Sql q(tx.connection(), QStringLiteral("UPDATE idempotency_keys SET created_at = ? WHERE idem_key = 'crm-42'"));
        q.bind(nowMs() - NotificationService::kIdempotencyMs - 1000);
        QVERIFY(q.exec());
        QVERIFY(tx.commit());
    }
    const Reply later = notify(interview(QStringLiteral("612000002")), "crm-42");
    QCOMPARE(later.status, 202);
    QVERIFY(later.body.value(QStringLiteral("id")) != first.body.value(QStringLiteral("id")));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages")), qint64(3));
}

void TestNotifications::concurrentIdenticalRequestsSendOnce()
{
    addRule();
    quietHoursOff();
    // Ten connections at once with the same key and body (two QNetworkAccessManagers: Qt opens 6 connections per host each).
    QNetworkAccessManager second;
    QList<QNetworkReply *> replies;
    const QByteArray payload = QJsonDocument(interview(QStringLiteral("612000009"))).toJson(QJsonDocument::Compact);
    for (int i = 0; i < 10; ++i) {
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/api/notifications").arg(m_server.port)));
        request.setTransferTimeout(30000);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setRawHeader("Authorization", "Bearer " + m_apiKey.toUtf8());
        request.setRawHeader("Idempotency-Key", "same-event");
        replies.append((i % 2 ? second : m_network).post(request, payload));
    }
    QSet<qint64> ids;
    int replayed = 0;
    for (QNetworkReply *reply : std::as_const(replies)) {
        const Reply r = wait(reply);
        QVERIFY2(r.status == 202, r.raw.constData());
        ids.insert(r.body.value(QStringLiteral("id")).toInteger());
        replayed += r.header("Idempotent-Replayed") == "true" ? 1 : 0;
    }
    QCOMPARE(ids.size(), 1);
    QCOMPARE(replayed, 9);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM notifications")), qint64(1));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages")), qint64(1));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM outbox")), qint64(1));
    // Ten different new contacts at once: all accepted (PostgreSQL once
    // deadlocked here on the plan's lock of the tenant row).
    replies.clear();
    for (int i = 0; i < 10; ++i) {
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/api/notifications").arg(m_server.port)));
        request.setTransferTimeout(30000);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setRawHeader("Authorization", "Bearer " + m_apiKey.toUtf8());
        request.setRawHeader("Idempotency-Key", "other-" + QByteArray::number(i));
        replies.append((i % 2 ? second : m_network).post(request, QJsonDocument(interview(QStringLiteral("61300001%1").arg(i))).toJson(QJsonDocument::Compact)));
    }
    for (QNetworkReply *reply : std::as_const(replies)) {
        const Reply r = wait(reply);
        QVERIFY2(r.status == 202, r.raw.constData());
    }
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages")), qint64(11));
}

void TestNotifications::schedulingAndCancelling()
{
    addRule(true); // keeps quiet hours
    // Scheduled for later: no message yet.
    QJsonObject body = interview(QStringLiteral("612000010"));
    const qint64 at = nowMs() + 3 * 3600 * 1000;
    body.insert(QStringLiteral("send_at"), QDateTime::fromMSecsSinceEpoch(at, QTimeZone::utc()).toString(Qt::ISODate));
    Reply r = notify(body, "s-1");
    QCOMPARE(r.status, 202);
    QCOMPARE(r.body.value(QStringLiteral("status")).toString(), QStringLiteral("scheduled"));
    const qint64 due = r.body.value(QStringLiteral("due_at")).toInteger();
    QVERIFY(due >= at / 1000 * 1000);
    QCOMPARE(r.body.value(QStringLiteral("message_id")), QJsonValue(QJsonValue::Null));
    const qint64 scheduled = r.body.value(QStringLiteral("id")).toInteger();
    // A second one, cancelled: the interview was called off.
    r = notify(body, "s-2");
    const qint64 cancelled = r.body.value(QStringLiteral("id")).toInteger();
    Reply c = call("DELETE", QStringLiteral("/api/notifications/%1").arg(cancelled), m_apiKey);
    QCOMPARE(c.status, 200);
    QCOMPARE(c.body.value(QStringLiteral("status")).toString(), QStringLiteral("cancelled"));
    QCOMPARE(c.body.value(QStringLiteral("reason_code")).toString(), QStringLiteral("cancelled"));
    QCOMPARE(call("DELETE", QStringLiteral("/api/notifications/%1").arg(cancelled), m_apiKey).status, 200); // twice is harmless

    // Time passes (a service with its own clock plays the worker): the
    // scheduled one goes, the cancelled one does not.
    NotificationService worker(db(), m_server.context->keyring(), &m_server.context->eventBus());
    worker.setDefaults(QStringLiteral("ES"), false);
    worker.setClock([due] { return due + 1000; });
    auto released = worker.releaseDue();
    PUENTE_VERIFY_OK(released);
    QCOMPARE(released.value(), 1);
    r = call("GET", QStringLiteral("/api/notifications/%1").arg(scheduled), m_apiKey);
    QCOMPARE(r.body.value(QStringLiteral("status")).toString(), QStringLiteral("queued"));
    QVERIFY(r.body.value(QStringLiteral("message_id")).toInteger() > 0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages")), qint64(1));
    // What has left cannot be cancelled.
    c = call("DELETE", QStringLiteral("/api/notifications/%1").arg(scheduled), m_apiKey);
    QCOMPARE(c.status, 409);
    QCOMPARE(c.code(), QStringLiteral("not_cancellable"));

    // Quiet hours with a fake clock: an event at 23:00 Madrid time waits
    // until 08:00 and goes then.
    const QTimeZone madrid(QByteArrayLiteral("Europe/Madrid"));
    const qint64 late = QDateTime(QDate::currentDate().addDays(1), QTime(23, 0), madrid).toMSecsSinceEpoch();
    const qint64 morning = QDateTime(QDate::currentDate().addDays(2), QTime(8, 0), madrid).toMSecsSinceEpoch();
    NotificationService night(db(), m_server.context->keyring(), &m_server.context->eventBus());
    night.setDefaults(QStringLiteral("ES"), false);
    night.setClock([late] { return late; });
    QString field;
    protocol::SendNotification event = protocol::fromJson<protocol::SendNotification>(interview(QStringLiteral("612000011")));
    auto submitted = night.submit(m_tenant, event, {}, QByteArray("x"), &field);
    PUENTE_VERIFY_OK(submitted);
    QCOMPARE(submitted->notification.status, protocol::NotificationStatus::Scheduled);
    QCOMPARE(submitted->notification.dueAt, morning);
    night.setClock([morning] { return morning - 60'000; });
    QCOMPARE(night.releaseDue().value(), 0);
    night.setClock([morning] { return morning; });
    QCOMPARE(night.releaseDue().value(), 1);
    QCOMPARE(night.get(m_tenant, submitted->notification.id)->status, protocol::NotificationStatus::Queued);
}

void TestNotifications::brokenRuleAfterTemplateWebhook()
{
    addRule();
    quietHoursOff();
    QJsonObject later = interview(QStringLiteral("612000020"));
    later.insert(QStringLiteral("send_at"), QDateTime::fromMSecsSinceEpoch(nowMs() + 3'600'000, QTimeZone::utc()).toString(Qt::ISODate));
    const qint64 scheduled = notify(later).body.value(QStringLiteral("id")).toInteger();
    // Meta pauses the template (message_template_status_update).
    {
        Transaction tx(db());
        PUENTE_VERIFY_OK(TemplateService::applyWebhook(tx.connection(), m_tenant, QStringLiteral("message_template_status_update"),
                                                       {{QStringLiteral("event"), QStringLiteral("PAUSED")},
                                                        {QStringLiteral("message_template_id"), 555},
                                                        {QStringLiteral("message_template_name"), QStringLiteral("entrevista")},
                                                        {QStringLiteral("message_template_language"), QStringLiteral("es")},
                                                        {QStringLiteral("reason"), QStringLiteral("LOW_QUALITY")}}));
        PUENTE_VERIFY_OK(tx.commit());
    }
    const Reply rules = call("GET", QStringLiteral("/api/notification-rules"), m_adminToken);
    const QJsonObject rule = rules.body.value(QStringLiteral("items")).toArray().first().toObject();
    QCOMPARE(rule.value(QStringLiteral("broken")).toBool(), true);
    QVERIFY2(rule.value(QStringLiteral("broken_reason")).toString().contains(QLatin1String("paused")), qPrintable(rule.value(QStringLiteral("broken_reason")).toString()));
    // New events are refused with the reason, not sent wrong.
    const Reply refused = notify(interview(QStringLiteral("612000021")));
    QCOMPARE(refused.status, 409);
    QCOMPARE(refused.code(), QStringLiteral("rule_broken"));
    // The scheduled one is skipped when its time comes.
    NotificationService worker(db(), m_server.context->keyring(), &m_server.context->eventBus());
    worker.setClock([] { return nowMs() + 2 * 3'600'000; });
    QCOMPARE(worker.releaseDue().value(), 1);
    const auto n = worker.get(m_tenant, scheduled);
    PUENTE_VERIFY_OK(n);
    QCOMPARE(n->status, protocol::NotificationStatus::Skipped);
    QCOMPARE(n->reasonCode, QStringLiteral("rule_broken"));
    QVERIFY2(n->reason.contains(QLatin1String("paused")), qPrintable(n->reason));
    QCOMPARE(n->history.last().reasonCode, QStringLiteral("rule_broken"));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages")), qint64(0));
}

void TestNotifications::optOutKeywordsAndClearing()
{
    addRule();
    quietHoursOff();
    const Reply sent = notify(interview(QStringLiteral("612000030")), "o-1");
    const qint64 conversation = sent.body.value(QStringLiteral("conversation_id")).toInteger();
    // The candidate answers "¡Baja!" (any case, accents, punctuation).
    inboundText(QStringLiteral("34612000030"), QStringLiteral("wamid.in.baja"), QStringLiteral("  ¡Baja! "));
    QTRY_VERIFY_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_conversations WHERE id = ? AND opted_out_at IS NOT NULL"), {conversation}) == 1,
                             15000);
    // Answered once with the tenant's confirmation (inside the 24 h window).
    QTRY_COMPARE_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE conversation_id = ? AND direction = 'outbound' "
                                                   "AND type = 'text' AND content LIKE 'Listo:%'"), {conversation}),
                              qint64(1), 10000);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'contact.opted_out'")), qint64(1));
    const Reply conv = call("GET", QStringLiteral("/api/whatsapp/conversations/%1").arg(conversation), m_agentToken);
    QVERIFY(conv.body.value(QStringLiteral("opted_out_at")).toInteger() > 0);
    // A second "STOP" does not answer again.
    inboundText(QStringLiteral("34612000030"), QStringLiteral("wamid.in.stop"), QStringLiteral("STOP"));
    QTRY_COMPARE_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE id IN (SELECT id FROM whatsapp_messages WHERE provider_message_id = 'wamid.in.stop')")),
                              qint64(1), 10000);
    QTest::qWait(1500);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE conversation_id = ? AND content LIKE 'Listo:%'"), {conversation}), qint64(1));
    // Their notifications are skipped now.
    Reply skipped = notify(interview(QStringLiteral("612000030")), "o-2");
    QCOMPARE(skipped.status, 202);
    QCOMPARE(skipped.body.value(QStringLiteral("status")).toString(), QStringLiteral("skipped"));
    // Why, for the CRM's program and for people.
    QCOMPARE(skipped.body.value(QStringLiteral("reason_code")).toString(), QStringLiteral("opted_out"));
    QCOMPARE(skipped.body.value(QStringLiteral("reason")).toString(), QStringLiteral("the contact asked for no more notifications"));
    // A message that merely contains the word is not an opt-out.
    inboundText(QStringLiteral("34612000031"), QStringLiteral("wamid.in.other"), QStringLiteral("¿Cómo me doy de baja del proceso?"));
    QTest::qWait(1500);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_conversations WHERE opted_out_at IS NOT NULL")), qint64(1));
    // The recruiter clears it when the candidate asks again: audited.
    const Reply cleared = call("PATCH", QStringLiteral("/api/whatsapp/conversations/%1").arg(conversation), m_agentToken, {{QStringLiteral("opted_out"), false}});
    QCOMPARE(cleared.status, 200);
    QVERIFY(!cleared.body.contains(QStringLiteral("opted_out_at")));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'contact.opt_out_cleared'")), qint64(1));
    QCOMPARE(notify(interview(QStringLiteral("612000030")), "o-3").body.value(QStringLiteral("status")).toString(), QStringLiteral("queued"));
    // The tenant's own keywords.
    QCOMPARE(call("PATCH", QStringLiteral("/api/tenant-settings"), m_adminToken, {{QStringLiteral("opt_out_keywords"), QJsonArray{QStringLiteral("Cancelar avisos")}}}).status,
             200);
    inboundText(QStringLiteral("34612000030"), QStringLiteral("wamid.in.custom"), QStringLiteral("cancelar AVISOS"));
    QTRY_VERIFY_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_conversations WHERE id = ? AND opted_out_at IS NOT NULL"), {conversation}) == 1,
                             15000);
}

void TestNotifications::statusesReachTheCrmInOrderWithRetries()
{
    // The CRM's endpoint fails the first two attempts.
    struct Received {
        QByteArray body, signature, delivery, event;
    };
    QMutex mutex;
    QList<Received> received;
    int attempts = 0;
    FakeServer crm;
    crm.route(QStringLiteral("/hooks/puente"), [&](const QString &, const http::Request &request) {
        QMutexLocker lock(&mutex);
        if (++attempts <= 2)
            return http::Reply::error(503, QStringLiteral("busy"), QStringLiteral("try later"));
        received.append({request.body, request.header("x-puente-signature"), request.header("x-puente-delivery"), request.header("x-puente-event")});
        return http::Reply::json(QJsonObject{{QStringLiteral("ok"), true}});
    });
    const quint16 port = crm.listen();
    QVERIFY(port);
    addRule();
    quietHoursOff();
    Reply settings = call("PATCH", QStringLiteral("/api/tenant-settings"), m_adminToken,
                          {{QStringLiteral("callback_url"), QStringLiteral("http://127.0.0.1:%1/hooks/puente").arg(port)}});
    QCOMPARE(settings.status, 200);
    const QByteArray secret = settings.body.value(QStringLiteral("callback_secret")).toString().toUtf8();
    QVERIFY(secret.startsWith("whsec_"));
    QCOMPARE(settings.body.value(QStringLiteral("callback_secret_set")).toBool(), true);
    // Shown once: reading the settings again does not show it.
    QVERIFY(!call("GET", QStringLiteral("/api/tenant-settings"), m_adminToken).body.contains(QStringLiteral("callback_secret")));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM tenant_settings WHERE callback_secret LIKE 'whsec_%'")), qint64(0)); // sealed

    const Reply a = notify(interview(QStringLiteral("612000040")), "c-1");
    const Reply b = notify(interview(QStringLiteral("612000041")), "c-2");
    const qint64 aId = a.body.value(QStringLiteral("id")).toInteger(), bId = b.body.value(QStringLiteral("id")).toInteger();
    // The dispatcher would have sent them: their wamids, then Meta's statuses.
    {
        Transaction tx(db());
        Sql q(tx.connection(), QStringLiteral("UPDATE whatsapp_messages SET provider_message_id = 'wamid.n' || CAST(notification_id AS TEXT), status = 'sent' "
                                              "WHERE notification_id IS NOT NULL"));
        QVERIFY(q.exec());
        QVERIFY(tx.commit());
    }
    const QString aWamid = QStringLiteral("wamid.n%1").arg(aId), bWamid = QStringLiteral("wamid.n%1").arg(bId);
    status(aWamid, QStringLiteral("delivered"), QStringLiteral("34612000040"));
    status(aWamid, QStringLiteral("read"), QStringLiteral("34612000040"));
    status(bWamid, QStringLiteral("failed"), QStringLiteral("34612000041"), 131026);
    status(aWamid, QStringLiteral("delivered"), QStringLiteral("34612000040")); // late and older: changes nothing

    auto payloadsOf = [&](qint64 id) {
        QMutexLocker lock(&mutex);
        QStringList statuses;
        for (const Received &r : std::as_const(received)) {
            const QJsonObject o = QJsonDocument::fromJson(r.body).object();
            if (o.value(QStringLiteral("id")).toInteger() == id)
                statuses.append(o.value(QStringLiteral("status")).toString());
        }
        return statuses;
    };
    QTRY_COMPARE_WITH_TIMEOUT(payloadsOf(aId), (QStringList{QStringLiteral("queued"), QStringLiteral("delivered"), QStringLiteral("read")}), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(payloadsOf(bId), (QStringList{QStringLiteral("queued"), QStringLiteral("failed")}), 20000);
    QTest::qWait(1000);
    QMutexLocker lock(&mutex);
    QCOMPARE(received.size(), 5); // nothing duplicated
    QSet<QByteArray> deliveries;
    for (const Received &r : std::as_const(received)) {
        // Verifiable by the CRM with its secret.
        QCOMPARE(r.signature, "sha256=" + crypto::hmacSha256(secret, r.body).toHex());
        QCOMPARE(r.event, QByteArray("notification.status"));
        deliveries.insert(r.delivery);
        const QJsonObject o = QJsonDocument::fromJson(r.body).object();
        if (o.value(QStringLiteral("status")).toString() == QLatin1String("failed")) {
            QCOMPARE(o.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(), 131026);
            QCOMPARE(o.value(QStringLiteral("error")).toObject().value(QStringLiteral("reason_code")).toString(), QStringLiteral("whatsapp_error"));
            QCOMPARE(o.value(QStringLiteral("event")).toString(), QStringLiteral("interview_scheduled"));
        }
    }
    QCOMPARE(deliveries.size(), 5);
    lock.unlock();
    // The admins see the deliveries and their answers; the first needed retries.
    const Reply list = call("GET", QStringLiteral("/api/callback-deliveries"), m_adminToken);
    QCOMPARE(list.body.value(QStringLiteral("items")).toArray().size(), 5);
    int retried = 0;
    for (const QJsonValue &d : list.body.value(QStringLiteral("items")).toArray()) {
        QCOMPARE(d.toObject().value(QStringLiteral("state")).toString(), QStringLiteral("delivered"));
        QCOMPARE(d.toObject().value(QStringLiteral("last_status")).toInt(), 200);
        retried += d.toObject().value(QStringLiteral("attempts")).toInt() > 1 ? 1 : 0;
    }
    QVERIFY(retried >= 1);
    // The notification's whole history.
    const Reply one = call("GET", QStringLiteral("/api/notifications/%1").arg(aId), m_apiKey);
    QStringList history;
    for (const QJsonValue &h : one.body.value(QStringLiteral("history")).toArray())
        history.append(h.toObject().value(QStringLiteral("status")).toString());
    QCOMPARE(history, (QStringList{QStringLiteral("accepted"), QStringLiteral("queued"), QStringLiteral("delivered"), QStringLiteral("read")}));
    const Reply failed = call("GET", QStringLiteral("/api/notifications/%1").arg(bId), m_apiKey);
    QCOMPARE(failed.body.value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
    QCOMPARE(failed.body.value(QStringLiteral("error_code")).toInt(), 131026);
    QCOMPARE(failed.body.value(QStringLiteral("reason_code")).toString(), QStringLiteral("whatsapp_error"));
    // Counted for /metrics.
    const QNetworkRequest metrics(QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(m_server.port)));
    const Reply m = wait(m_network.get(metrics));
    QVERIFY2(m.raw.contains("puente_notifications_total{status=\"read\"}"), m.raw.constData());
}

void TestNotifications::buttonReplyReachesTheCrm()
{
    QMutex mutex;
    QList<QJsonObject> received;
    FakeServer crm;
    crm.route(QStringLiteral("/cb"), [&](const QString &, const http::Request &request) {
        QMutexLocker lock(&mutex);
        received.append(QJsonDocument::fromJson(request.body).object());
        return http::Reply::json(QJsonObject());
    });
    const quint16 port = crm.listen();
    addRule();
    quietHoursOff();
    QCOMPARE(call("PATCH", QStringLiteral("/api/tenant-settings"), m_adminToken,
                  {{QStringLiteral("callback_url"), QStringLiteral("http://localhost:%1/cb").arg(port)}}).status, 200);
    const Reply sent = notify(interview(QStringLiteral("612000050"), QStringLiteral("Lucía"), QStringLiteral("interview-9")), "b-1");
    const qint64 id = sent.body.value(QStringLiteral("id")).toInteger();
    {
        Transaction tx(db());
        Sql q(tx.connection(), QStringLiteral("UPDATE whatsapp_messages SET provider_message_id = 'wamid.out.1', status = 'sent' WHERE notification_id = ?"));
        q.bind(id);
        QVERIFY(q.exec());
        QVERIFY(tx.commit());
    }
    // The candidate taps "Confirmo la entrevista".
    webhook({{QStringLiteral("messages"), QJsonArray{QJsonObject{{QStringLiteral("from"), QStringLiteral("34612000050")},
                                                                 {QStringLiteral("id"), QStringLiteral("wamid.in.button")},
                                                                 {QStringLiteral("timestamp"), QString::number(nowMs() / 1000)},
                                                                 {QStringLiteral("type"), QStringLiteral("button")},
                                                                 {QStringLiteral("context"), QJsonObject{{QStringLiteral("from"), QStringLiteral("34910000000")},
                                                                                                         {QStringLiteral("id"), QStringLiteral("wamid.out.1")}}},
                                                                 {QStringLiteral("button"), QJsonObject{{QStringLiteral("payload"), QStringLiteral("CONFIRMO")},
                                                                                                        {QStringLiteral("text"), QStringLiteral("Confirmo la entrevista")}}}}}}});
    auto reply = [&]() -> QJsonObject {
        QMutexLocker lock(&mutex);
        for (const QJsonObject &o : std::as_const(received))
            if (o.value(QStringLiteral("type")).toString() == QLatin1String("notification.reply"))
                return o;
        return {};
    };
    QTRY_VERIFY_WITH_TIMEOUT(!reply().isEmpty(), 15000);
    const QJsonObject r = reply();
    QCOMPARE(r.value(QStringLiteral("id")).toInteger(), id);
    QCOMPARE(r.value(QStringLiteral("reference")).toString(), QStringLiteral("interview-9"));
    QCOMPARE(r.value(QStringLiteral("payload")).toString(), QStringLiteral("CONFIRMO"));
    QCOMPARE(r.value(QStringLiteral("text")).toString(), QStringLiteral("Confirmo la entrevista"));
    // Stored: the notification knows its answer, the message API shows the payload.
    const Reply n = call("GET", QStringLiteral("/api/notifications/%1").arg(id), m_apiKey);
    QCOMPARE(n.body.value(QStringLiteral("reply")).toObject().value(QStringLiteral("payload")).toString(), QStringLiteral("CONFIRMO"));
    const Reply messages = call("GET", QStringLiteral("/api/whatsapp/conversations/%1/messages").arg(sent.body.value(QStringLiteral("conversation_id")).toInteger()),
                                m_agentToken);
    QJsonObject tapped;
    for (const QJsonValue &v : messages.body.value(QStringLiteral("items")).toArray())
        if (v.toObject().value(QStringLiteral("type")).toString() == QLatin1String("button"))
            tapped = v.toObject();
    QCOMPARE(tapped.value(QStringLiteral("reply_payload")).toString(), QStringLiteral("CONFIRMO"));
    QCOMPARE(tapped.value(QStringLiteral("reply_to")).toString(), QStringLiteral("wamid.out.1"));
}

void TestNotifications::listFiltersAndPaging()
{
    addRule();
    quietHoursOff();
    for (int i = 0; i < 5; ++i)
        QCOMPARE(notify(interview(QStringLiteral("61200006%1").arg(i), QStringLiteral("C%1").arg(i), QStringLiteral("ref-%1").arg(i % 2))).status, 202);
    Reply page = call("GET", QStringLiteral("/api/notifications?limit=2"), m_apiKey);
    QCOMPARE(page.body.value(QStringLiteral("items")).toArray().size(), 2);
    QSet<qint64> seen;
    int pages = 0;
    QString cursor;
    do {
        page = call("GET", QStringLiteral("/api/notifications?limit=2") + (cursor.isEmpty() ? QString() : QStringLiteral("&cursor=") + cursor), m_apiKey);
        QCOMPARE(page.status, 200);
        for (const QJsonValue &v : page.body.value(QStringLiteral("items")).toArray())
            seen.insert(v.toObject().value(QStringLiteral("id")).toInteger());
        cursor = page.body.value(QStringLiteral("next_cursor")).toString();
        ++pages;
    } while (!cursor.isEmpty() && pages < 10);
    QCOMPARE(seen.size(), 5);
    QCOMPARE(pages, 3);
    QCOMPARE(call("GET", QStringLiteral("/api/notifications?reference=ref-1"), m_apiKey).body.value(QStringLiteral("items")).toArray().size(), 2);
    QCOMPARE(call("GET", QStringLiteral("/api/notifications?phone=612%20000%20063"), m_apiKey).body.value(QStringLiteral("items")).toArray().size(), 1);
    QCOMPARE(call("GET", QStringLiteral("/api/notifications?status=queued&event=interview_scheduled"), m_apiKey).body.value(QStringLiteral("items")).toArray().size(), 5);
    QCOMPARE(call("GET", QStringLiteral("/api/notifications?status=read"), m_apiKey).body.value(QStringLiteral("items")).toArray().size(), 0);
    QCOMPARE(call("GET", QStringLiteral("/api/notifications?from=2000-01-01&to=2000-01-02"), m_apiKey).body.value(QStringLiteral("items")).toArray().size(), 0);
    QCOMPARE(call("GET", QStringLiteral("/api/notifications?status=lost"), m_apiKey).status, 400);
    QCOMPARE(call("GET", QStringLiteral("/api/notifications?cursor=nonsense!"), m_apiKey).status, 400);
}

void TestNotifications::callbackUrlPolicyAndTestCallback()
{
    auto setUrl = [&](const QString &url) { return call("PATCH", QStringLiteral("/api/tenant-settings"), m_adminToken, {{QStringLiteral("callback_url"), url}}); };
    for (const QString &bad : {QStringLiteral("http://crm.example.com/hook"), QStringLiteral("https://10.0.0.5/hook"), QStringLiteral("https://169.254.169.254/x"),
                               QStringLiteral("ftp://crm.example.com"), QStringLiteral("https://user:pw@crm.example.com/")}) {
        const Reply r = setUrl(bad);
        QVERIFY2(r.status == 422, qPrintable(bad));
        QCOMPARE(r.field(), QStringLiteral("callback_url"));
    }
    QCOMPARE(setUrl(QStringLiteral("https://crm.example.com/hook")).status, 200);
    Reply r = call("PATCH", QStringLiteral("/api/tenant-settings"), m_adminToken, {{QStringLiteral("time_zone"), QStringLiteral("Mars/Olympus")}});
    QCOMPARE(r.status, 422);
    QCOMPARE(r.field(), QStringLiteral("time_zone"));
    r = call("PATCH", QStringLiteral("/api/tenant-settings"), m_adminToken, {{QStringLiteral("quiet_start"), QStringLiteral("25:00")}});
    QCOMPARE(r.field(), QStringLiteral("quiet_start"));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'tenant_settings.updated'")), qint64(1));

    // "Send a test callback" against a CRM on this machine.
    QByteArray signature, body;
    FakeServer crm;
    crm.route(QStringLiteral("/test"), [&](const QString &, const http::Request &request) {
        signature = request.header("x-puente-signature");
        body = request.body;
        return http::Reply::json(QJsonObject{{QStringLiteral("received"), true}});
    });
    const quint16 port = crm.listen();
    r = call("PATCH", QStringLiteral("/api/tenant-settings"), m_adminToken,
             {{QStringLiteral("callback_url"), QStringLiteral("http://127.0.0.1:%1/test").arg(port)}, {QStringLiteral("rotate_callback_secret"), true}});
    const QByteArray secret = r.body.value(QStringLiteral("callback_secret")).toString().toUtf8();
    QVERIFY(!secret.isEmpty());
    r = call("POST", QStringLiteral("/api/tenant-settings/test-callback"), m_adminToken);
    QVERIFY2(r.status == 200, r.raw.constData());
    QCOMPARE(r.body.value(QStringLiteral("state")).toString(), QStringLiteral("delivered"));
    QCOMPARE(r.body.value(QStringLiteral("last_status")).toInt(), 200);
    QVERIFY(r.body.value(QStringLiteral("last_answer")).toString().contains(QLatin1String("received")));
    QCOMPARE(signature, "sha256=" + crypto::hmacSha256(secret, body).toHex());
    // A CRM that is down: the test says so (and is not retried).
    crm.route(QStringLiteral("/test"), [](const QString &, const http::Request &) { return http::Reply::error(500, QStringLiteral("boom"), QStringLiteral("down")); });
    r = call("POST", QStringLiteral("/api/tenant-settings/test-callback"), m_adminToken);
    QCOMPARE(r.body.value(QStringLiteral("state")).toString(), QStringLiteral("failed"));
    QCOMPARE(r.body.value(QStringLiteral("last_status")).toInt(), 500);
}

void TestNotifications::planLimitRefusesOrSkips()
{
    addRule();
    quietHoursOff();
    QJsonObject later = interview(QStringLiteral("612000070"));
    later.insert(QStringLiteral("send_at"), QDateTime::fromMSecsSinceEpoch(nowMs() + 3'600'000, QTimeZone::utc()).toString(Qt::ISODate));
    const qint64 scheduled = notify(later).body.value(QStringLiteral("id")).toInteger();
    const qint64 conversation = notify(interview(QStringLiteral("612000071"))).body.value(QStringLiteral("conversation_id")).toInteger();
    // The basic plan (changed as the platform operator does), its 1,000
    // company-started conversations used up this month.
    {
        TenantChanges basic;
        basic.plan = Plan::Basic;
        QVERIFY(TenantRepository(db()).update(m_tenant, basic, Actor(QStringLiteral("test"))));
        Transaction tx(db());
        Sql fill(tx.connection(), QStringLiteral(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) "
            "INSERT INTO whatsapp_messages (tenant_id, conversation_id, direction, type, status, timestamp, opens_conversation, created_at, updated_at) "
            "SELECT ?, ?, 'outbound', 'template', 'sent', ?, 1, ?, ? FROM n"));
        fill.bind(m_tenant.value).bind(conversation).bind(nowMs()).bind(nowMs()).bind(nowMs());
        QVERIFY(fill.exec());
        QVERIFY(tx.commit());
    }
    const Reply refused = notify(interview(QStringLiteral("612000072")));
    QCOMPARE(refused.status, 409);
    QCOMPARE(refused.code(), QStringLiteral("plan_limit_reached"));
    NotificationService worker(db(), m_server.context->keyring(), &m_server.context->eventBus());
    worker.setClock([] { return nowMs() + 2 * 3'600'000; });
    QCOMPARE(worker.releaseDue().value(), 1);
    const auto n = worker.get(m_tenant, scheduled);
    QCOMPARE(n->status, protocol::NotificationStatus::Skipped);
    QCOMPARE(n->reasonCode, QStringLiteral("plan_limit_reached"));
}

// Mexico (WhatsApp writes from 521…, people write +52 81 …) and Argentina
// (549…, often written +54 11 …): one person, one conversation, found by a
// search for the number as shown, reached by notifications either way, and
// an opt-out given under one spelling holds for the other (issue 23, bug 3).
void TestNotifications::oneCandidateWhicheverWayTheNumberIsWritten()
{
    addRule();
    quietHoursOff();
    auto ids = [](const Reply &r) {
        QList<qint64> out;
        for (const QJsonValue &v : r.body.value(QStringLiteral("items")).toArray())
            out.append(v.toObject().value(QStringLiteral("id")).toInteger());
        return out;
    };
    // Mexico: the candidate writes first, from WhatsApp's 521 form.
    inboundText(QStringLiteral("5218154254667"), QStringLiteral("wamid.in.mx"), QStringLiteral("Hola, vi la vacante"));
    QTRY_COMPARE_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_conversations WHERE tenant_id = ?"), {m_tenant.value}), qint64(1), 15000);
    const qint64 mexican = count(QStringLiteral("SELECT id FROM whatsapp_conversations WHERE contact_wa_id = '5218154254667'"));
    const Reply shown = call("GET", QStringLiteral("/api/whatsapp/conversations/%1").arg(mexican), m_agentToken);
    QCOMPARE(shown.body.value(QStringLiteral("phone_display")).toString(), QStringLiteral("+52 81 5425 4667"));
    // The recruiter types the number as shown: the same conversation.
    Reply started = call("POST", QStringLiteral("/api/whatsapp/conversations"), m_agentToken, {{QStringLiteral("phone"), QStringLiteral("+52 81 5425 4667")}});
    QCOMPARE(started.status, 200);
    QCOMPARE(started.body.value(QStringLiteral("id")).toInteger(), mexican);
    QCOMPARE(ids(call("GET", QStringLiteral("/api/whatsapp/conversations?q=%2B52%2081%205425"), m_agentToken)), QList<qint64>{mexican});
    // The CRM's notification to the number as its form has it.
    const Reply mx = notify(interview(QStringLiteral("+52 81 5425 4667")), "mx-1");
    QCOMPARE(mx.status, 202);
    QCOMPARE(mx.body.value(QStringLiteral("conversation_id")).toInteger(), mexican);

    // Argentina: the recruiter starts with "+54 11 …" (libphonenumber's
    // landline form), then the candidate answers from 549….
    started = call("POST", QStringLiteral("/api/whatsapp/conversations"), m_agentToken, {{QStringLiteral("phone"), QStringLiteral("+54 11 2345 6789")}});
    QCOMPARE(started.status, 201);
    const qint64 argentine = started.body.value(QStringLiteral("id")).toInteger();
    inboundText(QStringLiteral("5491123456789"), QStringLiteral("wamid.in.ar"), QStringLiteral("BAJA"));
    QTRY_COMPARE_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE provider_message_id = 'wamid.in.ar' AND conversation_id = ?"),
                                    {argentine}),
                              qint64(1), 15000);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_conversations WHERE tenant_id = ?"), {m_tenant.value}), qint64(2));
    QCOMPARE(text(QStringLiteral("SELECT contact_wa_id FROM whatsapp_conversations WHERE id = ?"), {argentine}), QStringLiteral("5491123456789"));
    for (const QString &q : {QStringLiteral("%2B54%2011%202345"), QStringLiteral("%2B54%209%2011%202345"), QStringLiteral("1123456789")})
        QCOMPARE(ids(call("GET", QStringLiteral("/api/whatsapp/conversations?q=") + q, m_agentToken)), QList<qint64>{argentine});
    // "BAJA" from 549… holds for a notification to "+54 9 11 …".
    QTRY_VERIFY_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_conversations WHERE id = ? AND opted_out_at IS NOT NULL"), {argentine}) == 1,
                             15000);
    const Reply ar = notify(interview(QStringLiteral("+54 9 11 2345 6789")), "ar-1");
    QCOMPARE(ar.status, 202);
    QCOMPARE(ar.body.value(QStringLiteral("status")).toString(), QStringLiteral("skipped"));
    QCOMPARE(ar.body.value(QStringLiteral("reason_code")).toString(), QStringLiteral("opted_out"));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_conversations WHERE tenant_id = ?"), {m_tenant.value}), qint64(2));
}

QTEST_MAIN(TestNotifications)
#include "tst_notificationsapi.moc"
