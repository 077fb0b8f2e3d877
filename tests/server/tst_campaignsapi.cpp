// Campaigns end to end (issue 19): the audience from CSV with its report,
// states and who may change them, sending at the number's pace within the
// messaging limit, automatic pauses, the funnel from Meta's statuses and
// replies, and a restart in the middle. A real server on a loopback port, on
// SQLite and PostgreSQL; the test plays the dispatcher and Meta (statuses
// come as signed webhooks through the inbound path), and drives the
// campaigns' pacing itself (CampaignService::advance) with a clock it moves.
#include "accounts/apikeys.h"
#include "httpfront.h"
#include "messaging/campaigns.h"
#include "messaging/conversations.h"
#include "messaging/templates.h"
#include "servercontext.h"
#include "storage/sessionrepository.h"
#include "storage/sql.h"
#include "storage/tenantrepository.h"
#include "storage/userrepository.h"
#include "storage/whatsappconfigrepository.h"
#include "runningserver.h"
#include "testsupport.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>

using namespace puente;
using namespace puente::server;
using namespace puente::test;

namespace {
const QString kPassword = QStringLiteral("reclutar candidatos 2026");
const QString kPhoneNumberId = QStringLiteral("1001");
const QByteArray kAppSecret = "acme-app-secret";

// "Hola {{1}}, hay vacantes de {{2}} en {{3}}."
const QJsonArray kVacancyTemplate = QJsonDocument::fromJson(R"([
  {"type":"HEADER","format":"TEXT","text":"Vacantes en {{1}}"},
  {"type":"BODY","text":"Hola {{1}}, hay vacantes de {{2}} en {{3}}. Responde SI si te interesa."}
])").array();

QJsonObject source(const QString &kind, const QString &value)
{
    return {{QStringLiteral("source"), kind}, {QStringLiteral("value"), value}};
}

// Spanish mobiles: +34 612 34 56 00 + i.
QString mobile(int i)
{
    return QStringLiteral("+346123%1").arg(45600 + i, 5, 10, QLatin1Char('0'));
}
} // namespace

class TestCampaigns : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void limitsAndTiers();
    void audienceReportTellsEveryRow();
    void audienceKnowsOnePersonByEitherSpelling();
    void audienceFilesThatCannotBeRead();
    void planLimitsTheAudience();
    void statesAndWhoMayChangeThem();
    void sendsWithinTheBacklogAndFinishes();
    void messagingLimitWaitsThenGoesOn();
    void automaticPauses();
    void funnelFromStatusesAndReplies();
    void restartResumesWithoutSendingTwice();
    void optOutAfterImportIsSkipped();
    void accountWebhooksSetQualityAndLimit();
    void heldBackMessagesPauseOnlyInABurst();
    void startNeedsTheColumnsTheMessageUses();

private:
    using Reply = test::HttpReply;
    void startServer();
    Reply call(const QByteArray &method, const QString &path, const QString &token, const QJsonObject &body = {})
    {
        const QByteArray payload = body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
        return waitForReply(sendRequest(m_network, m_server.port, method, path, token, payload));
    }
    Reply upload(qint64 campaign, const QByteArray &csv, const QString &token = {})
    {
        return waitForReply(sendRequest(m_network, m_server.port, "POST", QStringLiteral("/api/campaigns/%1/audience").arg(campaign),
                                        token.isEmpty() ? m_adminToken : token, csv, {{"Content-Type", "text/csv"}}));
    }
    qint64 createCampaign(const QString &name = QStringLiteral("Almacén Valencia"));
    // A draft with `n` candidates (mobile(0..n-1)), started.
    qint64 runningCampaign(int n);
    QByteArray audience(int n, int from = 0) const;
    qint64 count(const QString &sql, const QVariantList &binds = {});
    QString text(const QString &sql, const QVariantList &binds = {});
    void exec(const QString &sql, const QVariantList &binds = {});
    // What the dispatcher would do: every queued campaign message sent to
    // Meta (a wamid each), the outbox emptied.
    int drainOutbox();
    int advance();
    void webhook(const QJsonObject &value, const QString &field = QStringLiteral("messages"));
    void status(const QString &wamid, const QString &s, const QString &to, int errorCode = 0);
    void inboundText(const QString &from, const QString &wamid, const QString &body);

    Database &db() { return m_server.context->database(); }

    std::unique_ptr<TestDatabase> m_test;
    RunningServer m_server;
    QNetworkAccessManager m_network;
    TenantId m_tenant;
    QString m_adminToken, m_agentToken, m_campaignKey, m_notifyKey;
    qint64 m_clockOffset = 0;
    std::unique_ptr<CampaignService> m_pacer;
};

void TestCampaigns::initTestCase()
{
    QVERIFY(checkBackendAvailable());
}

void TestCampaigns::init()
{
    auto created = TestDatabase::create();
    PUENTE_VERIFY_OK(created);
    m_test = std::move(created).value();
    m_clockOffset = 0;
    startServer();
    auto tenant = TenantRepository(db()).create(QStringLiteral("acme"), QStringLiteral("Acme Reclutamiento"), Plan::Enterprise);
    PUENTE_VERIFY_OK(tenant);
    m_tenant = tenant->id;
    WhatsAppConfig c;
    c.businessApiToken = QStringLiteral("EAAB-token-of-acme");
    c.phoneNumberId = kPhoneNumberId;
    c.businessAccountId = QStringLiteral("91001");
    c.webhookVerifyToken = QStringLiteral("acme-verify");
    PUENTE_VERIFY_OK(WhatsAppConfigRepository(db(), m_server.context->keyring()).save(m_tenant, c, QStringLiteral("test")));
    exec(QStringLiteral("UPDATE whatsapp_config SET messaging_limit = 'TIER_UNLIMITED', quality_rating = 'GREEN'"));
    UserRepository users(db(), crypto::ScryptParams{10, 8, 1});
    auto admin = users.create({m_tenant, QStringLiteral("admin@acme.example"), QStringLiteral("Admin"), Role::TenantAdmin, kPassword}, QStringLiteral("test"));
    auto agent = users.create({m_tenant, QStringLiteral("agent@acme.example"), QStringLiteral("Agente"), Role::Agent, kPassword}, QStringLiteral("test"));
    PUENTE_VERIFY_OK(admin);
    PUENTE_VERIFY_OK(agent);
    m_adminToken = SessionRepository(db()).create(admin->id, 3'600'000)->token;
    m_agentToken = SessionRepository(db()).create(agent->id, 3'600'000)->token;
    auto key = ApiKeyRepository(db()).create(m_tenant, QStringLiteral("CRM"), {ApiScope::Campaigns}, QStringLiteral("test"));
    PUENTE_VERIFY_OK(key);
    m_campaignKey = key->key;
    auto other = ApiKeyRepository(db()).create(m_tenant, QStringLiteral("CRM avisos"), {ApiScope::Notifications}, QStringLiteral("test"));
    PUENTE_VERIFY_OK(other);
    m_notifyKey = other->key;
    meta::Template t;
    t.id = QStringLiteral("777");
    t.name = QStringLiteral("vacantes");
    t.language = QStringLiteral("es");
    t.category = QStringLiteral("MARKETING");
    t.status = QStringLiteral("APPROVED");
    t.components = kVacancyTemplate;
    PUENTE_VERIFY_OK(TemplateService(db(), m_server.context->keyring()).store(m_tenant, QStringLiteral("91001"), QList<meta::Template>{t}));
}

void TestCampaigns::startServer()
{
    m_pacer.reset();
    m_server.front.reset();
    m_server.context.reset();
    // No dispatcher (the test plays it) and no notification worker (the test paces the campaigns).
    Settings settings = RunningServer::quietSettings(m_test->url(), m_test->dir());
    settings.setOverride(QStringLiteral("notifications"), QStringLiteral("off"));
    settings.setOverride(QStringLiteral("app_secret"), QString::fromLatin1(kAppSecret));
    settings.setOverride(QStringLiteral("rate_limit_user_per_second"), QStringLiteral("1000"));
    settings.setOverride(QStringLiteral("rate_limit_user_burst"), QStringLiteral("1000"));
    settings.setOverride(QStringLiteral("rate_limit_tenant_per_second"), QStringLiteral("1000"));
    settings.setOverride(QStringLiteral("rate_limit_tenant_burst"), QStringLiteral("1000"));
    auto running = RunningServer::start(settings);
    PUENTE_VERIFY_OK(running);
    m_server = std::move(running).value();
    m_pacer = std::make_unique<CampaignService>(db(), m_server.context->keyring(), nullptr);
    m_pacer->setDefaultRegion(QStringLiteral("ES"));
    m_pacer->setClock([this] { return nowMs() + m_clockOffset; });
}

void TestCampaigns::cleanup()
{
    m_pacer.reset();
    m_server.front.reset();
    m_server.context.reset();
    m_test.reset();
}

qint64 TestCampaigns::count(const QString &sql, const QVariantList &binds)
{
    return test::queryCount(db(), sql, binds);
}

QString TestCampaigns::text(const QString &sql, const QVariantList &binds)
{
    return test::queryText(db(), sql, binds);
}

void TestCampaigns::exec(const QString &sql, const QVariantList &binds)
{
    Transaction tx(db());
    PUENTE_VERIFY_OK(tx.begun());
    Sql q(tx.connection(), sql);
    for (const QVariant &b : binds)
        q.bind(b);
    PUENTE_VERIFY_OK(q.exec());
    PUENTE_VERIFY_OK(tx.commit());
}

int TestCampaigns::drainOutbox()
{
    const int n = int(count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE state = 'pending'")));
    exec(QStringLiteral("UPDATE whatsapp_messages SET status = 'sent', provider_message_id = 'wamid.c' || CAST(id AS TEXT) "
                        "WHERE status = 'queued' AND direction = 'outbound'"));
    exec(QStringLiteral("UPDATE outbox SET state = 'done' WHERE state = 'pending'"));
    return n;
}

int TestCampaigns::advance()
{
    auto r = m_pacer->advance();
    if (!r) {
        qWarning().noquote() << r.error().message;
        return -1;
    }
    return r.value();
}

QByteArray TestCampaigns::audience(int n, int from) const
{
    QByteArray csv = "phone,nombre,puesto,ciudad\n";
    for (int i = from; i < from + n; ++i)
        csv += mobile(i).toUtf8() + ",Candidato " + QByteArray::number(i) + ",mozo de almacén,Valencia\n";
    return csv;
}

qint64 TestCampaigns::createCampaign(const QString &name)
{
    const Reply r = call("POST", QStringLiteral("/api/campaigns"), m_adminToken,
                         {{QStringLiteral("name"), name},
                          {QStringLiteral("template"), QStringLiteral("vacantes")},
                          {QStringLiteral("language"), QStringLiteral("es")},
                          {QStringLiteral("header"), QJsonArray{source(QStringLiteral("column"), QStringLiteral("ciudad"))}},
                          {QStringLiteral("body"), QJsonArray{source(QStringLiteral("column"), QStringLiteral("nombre")),
                                                              source(QStringLiteral("column"), QStringLiteral("puesto")),
                                                              source(QStringLiteral("column"), QStringLiteral("ciudad"))}}});
    if (r.status != 201)
        qWarning() << r.raw;
    return r.status == 201 ? r.body.value(QStringLiteral("id")).toInteger() : 0;
}

qint64 TestCampaigns::runningCampaign(int n)
{
    const qint64 id = createCampaign();
    const Reply imported = upload(id, audience(n));
    if (imported.status != 200 || imported.body.value(QStringLiteral("accepted")).toInteger() != n) {
        qWarning() << imported.raw;
        return 0;
    }
    const Reply started = call("POST", QStringLiteral("/api/campaigns/%1/start").arg(id), m_adminToken);
    if (started.status != 200 || started.body.value(QStringLiteral("state")).toString() != QLatin1String("running")) {
        qWarning() << started.raw;
        return 0;
    }
    return id;
}

void TestCampaigns::webhook(const QJsonObject &value, const QString &field)
{
    QJsonObject v = value;
    if (field == QLatin1String("messages")) {
        v.insert(QStringLiteral("messaging_product"), QStringLiteral("whatsapp"));
        v.insert(QStringLiteral("metadata"), QJsonObject{{QStringLiteral("display_phone_number"), QStringLiteral("34910000000")},
                                                         {QStringLiteral("phone_number_id"), kPhoneNumberId}});
    }
    const Reply r = postWebhook(m_network, m_server.port, kAppSecret, QStringLiteral("91001"), field, v);
    QCOMPARE(r.status, 200);
}

void TestCampaigns::status(const QString &wamid, const QString &s, const QString &to, int errorCode)
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

void TestCampaigns::inboundText(const QString &from, const QString &wamid, const QString &body)
{
    webhook({{QStringLiteral("contacts"), QJsonArray{QJsonObject{{QStringLiteral("wa_id"), from},
                                                                 {QStringLiteral("profile"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Ana")}}}}}},
             {QStringLiteral("messages"), QJsonArray{QJsonObject{{QStringLiteral("from"), from},
                                                                 {QStringLiteral("id"), wamid},
                                                                 {QStringLiteral("timestamp"), QString::number(nowMs() / 1000 + 1)},
                                                                 {QStringLiteral("type"), QStringLiteral("text")},
                                                                 {QStringLiteral("text"), QJsonObject{{QStringLiteral("body"), body}}}}}}});
}

// ---------------------------------------------------------------------------

void TestCampaigns::limitsAndTiers()
{
    QCOMPARE(CampaignService::messagingLimit(QStringLiteral("TIER_250")), std::optional<int>(250));
    QCOMPARE(CampaignService::messagingLimit(QStringLiteral("TIER_2K")), std::optional<int>(2000));
    QCOMPARE(CampaignService::messagingLimit(QStringLiteral("tier_100k")), std::optional<int>(100000));
    QCOMPARE(CampaignService::messagingLimit(QStringLiteral("10000")), std::optional<int>(10000)); // business_capability_update's number
    QCOMPARE(CampaignService::messagingLimit(QStringLiteral("TIER_UNLIMITED")), std::optional<int>());
    QCOMPARE(CampaignService::messagingLimit(QString()), std::optional<int>(250)); // Meta did not say: a new business's
    QCOMPARE(CampaignService::backlogAllowance(80), 80);
    QCOMPARE(CampaignService::backlogAllowance(1000), 1000);
    QCOMPARE(CampaignService::backlogAllowance(1), 1);
}

// Argentina's "+54 9 11 …" and "+54 11 …" are one candidate (a duplicate);
// a Mexican who opted out writing from 521… is opted out as "+52 1 81 …".
void TestCampaigns::audienceKnowsOnePersonByEitherSpelling()
{
    PUENTE_VERIFY_OK(ConversationService(db(), nullptr).start(m_tenant, QStringLiteral("+528154254667"), QString(), Actor(QStringLiteral("test"))));
    exec(QStringLiteral("UPDATE whatsapp_conversations SET contact_wa_id = '5218154254667', opted_out_at = 1 WHERE tenant_id = ?"), {m_tenant.value});
    const qint64 id = createCampaign();
    QVERIFY(id > 0);
    const QByteArray csv = "telefono,nombre,puesto,ciudad\n"
                           "+54 9 11 2345 6789,Sofía,mozo,Rosario\n"  // line 2
                           "+54 11 2345 6789,Sofía,mozo,Rosario\n"    // line 3: the same person
                           "+52 1 81 5425 4667,Juan,mozo,Monterrey\n"; // line 4: opted out
    const Reply r = upload(id, csv);
    QVERIFY2(r.status == 200, r.raw.constData());
    QVERIFY2(r.body.value(QStringLiteral("accepted")).toInteger() == 1, r.raw.constData());
    QCOMPARE(r.body.value(QStringLiteral("duplicates")).toInteger(), 1);
    QCOMPARE(r.body.value(QStringLiteral("opted_out")).toInteger(), 1);
    QHash<qint64, QString> codes;
    for (const QJsonValue &v : r.body.value(QStringLiteral("issues")).toArray())
        codes.insert(v[QStringLiteral("line")].toInteger(), v[QStringLiteral("code")].toString());
    QCOMPARE(codes.value(3), QStringLiteral("duplicate"));
    QCOMPARE(codes.value(4), QStringLiteral("opted_out"));
}

void TestCampaigns::audienceReportTellsEveryRow()
{
    // Two contacts who may not be written to.
    PUENTE_VERIFY_OK(ConversationService(db(), nullptr).start(m_tenant, mobile(90), QString(), Actor(QStringLiteral("test"))));
    PUENTE_VERIFY_OK(ConversationService(db(), nullptr).start(m_tenant, mobile(91), QString(), Actor(QStringLiteral("test"))));
    exec(QStringLiteral("UPDATE whatsapp_conversations SET opted_out_at = 1 WHERE contact_wa_id = ?"), {mobile(90).mid(1)});
    exec(QStringLiteral("UPDATE whatsapp_conversations SET status = 'blocked' WHERE contact_wa_id = ?"), {mobile(91).mid(1)});

    const qint64 id = createCampaign();
    QVERIFY(id > 0);
    // As Excel writes it in Spain: a BOM, ';', quoted fields, a column name
    // with an accent and capitals, a line break inside a quoted note.
    QByteArray csv = "\xEF\xBB\xBFTel\xC3\xA9" "fono;Nombre;Puesto;Ciudad;Notas\r\n"
                     "612 34 56 00;Ana;\"mozo; almac\xC3\xA9n\";Valencia;\"primera l\xC3\xADnea\r\nsegunda\"\r\n" // line 2 (3 with the note)
                     "abc;Luis;mozo;Valencia;\r\n"                                                                 // line 4: not a number
                     "+34 612-34-56-00;Ana otra vez;mozo;Valencia;\r\n"                                            // line 5: duplicate of line 2
                     "612345601;;mozo;Valencia;\r\n"                                                               // line 6: no name
                     "612345690;Opt;mozo;Valencia;\r\n"                                                            // line 7: opted out
                     "612345691;Blo;mozo;Valencia;\r\n"                                                            // line 8: blocked
                     ";;;;\r\n"                                                                                    // line 9: empty, ignored
                     "612345602;\"Eva\";\"carretillera     nocturna\";Valencia;\r\n"                              // line 10: spaces evened out
                     "612345604;Pau;mozo;" + QByteArray(61, 'V') + ";\r\n"                                      // line 11: a header over 60
                     "0034612345603;Marta;mozo;Valencia\r\n";                                                       // line 12: fine, fewer fields
    const Reply r = upload(id, csv);
    QVERIFY2(r.status == 200, r.raw.constData());
    QCOMPARE(r.body.value(QStringLiteral("rows")).toInteger(), 9);
    QCOMPARE(r.body.value(QStringLiteral("accepted")).toInteger(), 3);
    QCOMPARE(r.body.value(QStringLiteral("duplicates")).toInteger(), 1);
    QCOMPARE(r.body.value(QStringLiteral("invalid")).toInteger(), 3);
    QCOMPARE(r.body.value(QStringLiteral("opted_out")).toInteger(), 1);
    QCOMPARE(r.body.value(QStringLiteral("blocked")).toInteger(), 1);
    QCOMPARE(r.body.value(QStringLiteral("columns")).toArray(),
             (QJsonArray{QStringLiteral("telefono"), QStringLiteral("nombre"), QStringLiteral("puesto"), QStringLiteral("ciudad"), QStringLiteral("notas")}));
    QHash<qint64, QString> codes;
    for (const QJsonValue &v : r.body.value(QStringLiteral("issues")).toArray())
        codes.insert(v[QStringLiteral("line")].toInteger(), v[QStringLiteral("code")].toString() + QLatin1Char('/') + v[QStringLiteral("column")].toString());
    QCOMPARE(codes.value(4), QStringLiteral("invalid_phone_number/telefono"));
    QCOMPARE(codes.value(5), QStringLiteral("duplicate/telefono"));
    QCOMPARE(codes.value(6), QStringLiteral("missing_value/nombre"));
    QCOMPARE(codes.value(7), QStringLiteral("opted_out/telefono"));
    QCOMPARE(codes.value(8), QStringLiteral("contact_blocked/telefono"));
    QCOMPARE(codes.value(11), QStringLiteral("value_too_long/ciudad"));
    QCOMPARE(codes.size(), 6);

    // Stored: two recipients with their data, numbers in E.164.
    const Reply list = call("GET", QStringLiteral("/api/campaigns/%1/recipients").arg(id), m_adminToken);
    QCOMPARE(list.status, 200);
    const QJsonArray items = list.body.value(QStringLiteral("items")).toArray();
    QCOMPARE(items.size(), 3);
    QCOMPARE(items.at(0)[QStringLiteral("phone")].toString(), mobile(0));
    QCOMPARE(items.at(0)[QStringLiteral("line")].toInteger(), 2);
    QCOMPARE(items.at(0)[QStringLiteral("status")].toString(), QStringLiteral("pending"));
    QCOMPARE(items.at(0)[QStringLiteral("data")][QStringLiteral("puesto")].toString(), QStringLiteral("mozo; almacén"));
    QCOMPARE(items.at(0)[QStringLiteral("data")][QStringLiteral("notas")].toString(), QStringLiteral("primera línea\r\nsegunda"));
    QCOMPARE(items.at(1)[QStringLiteral("phone")].toString(), mobile(2));
    QCOMPARE(items.at(2)[QStringLiteral("phone")].toString(), mobile(3));
    QCOMPARE(items.at(2)[QStringLiteral("line")].toInteger(), 12);

    // The report again, and every issue as CSV.
    const Reply again = call("GET", QStringLiteral("/api/campaigns/%1/audience").arg(id), m_adminToken);
    QCOMPARE(again.status, 200);
    QCOMPARE(again.body.value(QStringLiteral("accepted")).toInteger(), 3);
    QCOMPARE(again.body.value(QStringLiteral("issues")).toArray().size(), 6);
    const Reply issues = call("GET", QStringLiteral("/api/campaigns/%1/audience/issues.csv").arg(id), m_adminToken);
    QCOMPARE(issues.status, 200);
    QVERIFY(issues.header("Content-Type").startsWith("text/csv"));
    const QList<QByteArray> lines = issues.raw.split('\n');
    QCOMPARE(lines.first().trimmed(), QByteArray("\xEF\xBB\xBFline,column,code,reason,value"));
    QCOMPARE(lines.size(), 1 + 6 + 1); // header, six issues, the last line break
    QVERIFY(lines.at(1).startsWith("4,telefono,invalid_phone_number,"));
    QVERIFY(lines.at(1).trimmed().endsWith(",abc"));

    // The campaign knows its columns; a new file replaces the old audience.
    QCOMPARE(call("GET", QStringLiteral("/api/campaigns/%1").arg(id), m_adminToken).body.value(QStringLiteral("funnel"))[QStringLiteral("audience")].toInteger(),
             3);
    const Reply replaced = upload(id, audience(5, 20));
    QCOMPARE(replaced.status, 200);
    QCOMPARE(replaced.body.value(QStringLiteral("accepted")).toInteger(), 5);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM campaign_recipients WHERE campaign_id = ?"), {id}), qint64(5));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM campaign_audience_issues WHERE campaign_id = ?"), {id}), qint64(0));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'campaign.audience_imported'")), qint64(2));
}

void TestCampaigns::audienceFilesThatCannotBeRead()
{
    const qint64 id = createCampaign();
    auto refused = [&](const QByteArray &csv, const QString &says) {
        const Reply r = upload(id, csv);
        QVERIFY2(r.status == 422, r.raw.constData());
        QCOMPARE(r.code(), QStringLiteral("invalid_audience"));
        QVERIFY2(r.body[QStringLiteral("error")][QStringLiteral("message")].toString().contains(says), r.raw.constData());
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM campaign_recipients WHERE campaign_id = ?"), {id}), qint64(0));
    };
    refused({}, QStringLiteral("empty"));
    refused("\n\n", QStringLiteral("empty"));
    refused("name,city\nAna,Valencia\n", QStringLiteral("no phone column"));
    refused("phone,nombre,ciudad\n612345600,Ana,Valencia\n", QStringLiteral("puesto")); // the template needs it
    // Latin-1, as an old spreadsheet saves it.
    refused("phone,nombre,puesto,ciudad\n612345600,Mar\xED" "a,mozo,Valencia\n", QStringLiteral("UTF-8"));
    // A file that stops inside a quoted field; the rows before it are not kept either.
    refused(audience(3) + "612345699,\"Ana,mozo,Valencia\n", QStringLiteral("quotation mark"));
    // 10 MB of noise: refused quickly, nothing kept, the server still answers.
    QByteArray noise(10 * 1024 * 1024, '\0');
    quint32 x = 12345;
    for (char &c : noise) {
        x = x * 1103515245u + 12345u;
        c = char(x >> 24);
    }
    const Reply garbage = upload(id, noise);
    QCOMPARE(garbage.status, 422);
    QCOMPARE(garbage.code(), QStringLiteral("invalid_audience"));
    QCOMPARE(call("GET", QStringLiteral("/api/campaigns/%1").arg(id), m_adminToken).status, 200);
    // Header only: taken, nobody in it; the campaign cannot start then.
    const Reply headerOnly = upload(id, "phone,nombre,puesto,ciudad\n");
    QCOMPARE(headerOnly.status, 200);
    QCOMPARE(headerOnly.body.value(QStringLiteral("accepted")).toInteger(), 0);
    const Reply start = call("POST", QStringLiteral("/api/campaigns/%1/start").arg(id), m_adminToken);
    QCOMPARE(start.status, 422);
    QCOMPARE(start.code(), QStringLiteral("campaign_not_ready"));
    // Not a CSV at all.
    const Reply json = waitForReply(sendRequest(m_network, m_server.port, "POST", QStringLiteral("/api/campaigns/%1/audience").arg(id), m_adminToken,
                                                "{}", {{"Content-Type", "application/json"}}));
    QCOMPARE(json.status, 415);
}

void TestCampaigns::planLimitsTheAudience()
{
    exec(QStringLiteral("UPDATE tenants SET plan = 'basic' WHERE id = ?"), {m_tenant.value});
    const qint64 id = createCampaign();
    const Reply over = upload(id, audience(1001));
    QCOMPARE(over.status, 409);
    QCOMPARE(over.code(), QStringLiteral("plan_limit_reached"));
    QVERIFY(over.body[QStringLiteral("error")][QStringLiteral("message")].toString().contains(QStringLiteral("1000")));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM campaign_recipients WHERE campaign_id = ?"), {id}), qint64(0));
    const Reply fits = upload(id, audience(1000));
    QCOMPARE(fits.status, 200);
    QCOMPARE(fits.body.value(QStringLiteral("accepted")).toInteger(), 1000);
}

void TestCampaigns::statesAndWhoMayChangeThem()
{
    const qint64 id = createCampaign();
    QVERIFY(id > 0);
    const QString path = QStringLiteral("/api/campaigns/%1").arg(id);
    // Definitions are checked.
    Reply bad = call("POST", QStringLiteral("/api/campaigns"), m_adminToken,
                     {{QStringLiteral("name"), QStringLiteral("x")}, {QStringLiteral("template"), QStringLiteral("no_such")}, {QStringLiteral("language"), QStringLiteral("es")}});
    QCOMPARE(bad.status, 422);
    QCOMPARE(bad.field(), QStringLiteral("template"));
    bad = call("PATCH", path, m_adminToken, {{QStringLiteral("body"), QJsonArray{source(QStringLiteral("column"), QStringLiteral("Nombre Completo"))}}});
    QCOMPARE(bad.status, 422);
    QCOMPARE(bad.field(), QStringLiteral("body[0]"));
    QVERIFY(bad.body[QStringLiteral("error")][QStringLiteral("message")].toString().contains(QStringLiteral("nombre_completo")));
    // Who: admins and keys of the campaigns scope; not agents, not other keys.
    QCOMPARE(call("GET", path, m_agentToken).status, 403);
    QCOMPARE(call("GET", path, m_notifyKey).status, 403);
    QCOMPARE(call("GET", path, m_campaignKey).status, 200);
    QCOMPARE(call("GET", QStringLiteral("/api/campaigns"), m_campaignKey).body.value(QStringLiteral("items")).toArray().size(), 1);
    // Another tenant's admin sees nothing of it.
    auto other = TenantRepository(db()).create(QStringLiteral("otra"), QStringLiteral("Otra"), Plan::Pro);
    PUENTE_VERIFY_OK(other);
    auto otherAdmin = UserRepository(db(), crypto::ScryptParams{10, 8, 1})
                          .create({other->id, QStringLiteral("admin@otra.example"), QStringLiteral("Otra"), Role::TenantAdmin, kPassword}, QStringLiteral("test"));
    PUENTE_VERIFY_OK(otherAdmin);
    const QString otherToken = SessionRepository(db()).create(otherAdmin->id, 3'600'000)->token;
    for (const auto &[method, p] : {std::pair<QByteArray, QString>{"GET", path}, {"PATCH", path}, {"DELETE", path}, {"POST", path + QStringLiteral("/start")},
                                    {"POST", path + QStringLiteral("/cancel")}, {"GET", path + QStringLiteral("/recipients")},
                                    {"GET", path + QStringLiteral("/results.csv")}, {"GET", path + QStringLiteral("/audience/issues.csv")}}) {
        const Reply r = call(method, p, otherToken, method == "PATCH" ? QJsonObject{{QStringLiteral("name"), QStringLiteral("mía")}} : QJsonObject{});
        QVERIFY2(r.status == 404, qPrintable(QString::fromLatin1(method) + QLatin1Char(' ') + p + QLatin1Char(' ') + QString::fromUtf8(r.raw)));
    }
    QCOMPARE(upload(id, audience(2), otherToken).status, 404);

    // A draft is edited; with an audience it starts (the CRM's key may).
    QCOMPARE(call("PATCH", path, m_adminToken, {{QStringLiteral("name"), QStringLiteral("Almacén Valencia (diciembre)")}}).status, 200);
    QCOMPARE(call("POST", path + QStringLiteral("/start"), m_adminToken).code(), QStringLiteral("campaign_not_ready"));
    QCOMPARE(upload(id, audience(3), m_campaignKey).status, 200);
    Reply r = call("POST", path + QStringLiteral("/start"), m_campaignKey);
    QVERIFY2(r.status == 200, r.raw.constData());
    QCOMPARE(r.body.value(QStringLiteral("state")).toString(), QStringLiteral("running"));
    QVERIFY(r.body.value(QStringLiteral("started_at")).toInteger() > 0);
    QCOMPARE(r.body.value(QStringLiteral("funnel"))[QStringLiteral("pending")].toInteger(), 3);
    QVERIFY(r.body.value(QStringLiteral("expected_end_at")).toInteger() > 0);
    // Running: no edits, no second start, no new audience, no delete.
    QCOMPARE(call("PATCH", path, m_adminToken, {{QStringLiteral("name"), QStringLiteral("otro")}}).code(), QStringLiteral("campaign_not_editable"));
    QCOMPARE(call("POST", path + QStringLiteral("/start"), m_adminToken).code(), QStringLiteral("invalid_state"));
    QCOMPARE(upload(id, audience(3)).code(), QStringLiteral("campaign_not_editable"));
    QCOMPARE(call("DELETE", path, m_adminToken).code(), QStringLiteral("campaign_not_editable"));
    QCOMPARE(call("POST", path + QStringLiteral("/resume"), m_adminToken).code(), QStringLiteral("invalid_state"));
    // Paused, nothing goes out; resumed, it does; cancelled, what is left stays.
    r = call("POST", path + QStringLiteral("/pause"), m_adminToken);
    QCOMPARE(r.body.value(QStringLiteral("state")).toString(), QStringLiteral("paused"));
    QCOMPARE(r.body.value(QStringLiteral("pause_code")).toString(), QStringLiteral("paused_by_user"));
    QCOMPARE(advance(), 0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE campaign_id = ?"), {id}), qint64(0));
    r = call("POST", path + QStringLiteral("/resume"), m_adminToken);
    QCOMPARE(r.body.value(QStringLiteral("state")).toString(), QStringLiteral("running"));
    QVERIFY(!r.body.contains(QStringLiteral("pause_code")));
    exec(QStringLiteral("UPDATE whatsapp_config SET throughput_per_second = 1")); // one waits in the outbox at a time
    QCOMPARE(advance(), 1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE campaign_id = ?"), {id}), qint64(1));
    r = call("POST", path + QStringLiteral("/cancel"), m_adminToken);
    QCOMPARE(r.body.value(QStringLiteral("state")).toString(), QStringLiteral("cancelled"));
    QCOMPARE(r.body.value(QStringLiteral("funnel"))[QStringLiteral("queued")].toInteger(), 1);
    QCOMPARE(r.body.value(QStringLiteral("funnel"))[QStringLiteral("cancelled")].toInteger(), 2);
    drainOutbox();
    QCOMPARE(advance(), 0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE campaign_id = ?"), {id}), qint64(1));
    QCOMPARE(call("POST", path + QStringLiteral("/cancel"), m_adminToken).code(), QStringLiteral("invalid_state"));
    // Who did what, in the audit log.
    for (const char *action : {"campaign.created", "campaign.updated", "campaign.audience_imported", "campaign.started", "campaign.paused",
                               "campaign.resumed", "campaign.cancelled"})
        QVERIFY2(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = ?"), {QString::fromLatin1(action)}) == 1, action);
    QCOMPARE(text(QStringLiteral("SELECT actor_label FROM audit_log WHERE action = 'campaign.paused'")), QStringLiteral("admin@acme.example"));
    // A draft can be deleted.
    const qint64 draft = createCampaign(QStringLiteral("borrador"));
    QCOMPARE(call("DELETE", QStringLiteral("/api/campaigns/%1").arg(draft), m_adminToken).status, 204);
    QCOMPARE(call("GET", QStringLiteral("/api/campaigns/%1").arg(draft), m_adminToken).status, 404);
}

void TestCampaigns::sendsWithinTheBacklogAndFinishes()
{
    const qint64 id = runningCampaign(100);
    QVERIFY(id > 0);
    // 80/s: at most 80 (a second's worth) wait in the outbox, however often
    // the pacer runs; then the campaign goes on as the outbox drains.
    QCOMPARE(advance(), 1);
    QCOMPARE(advance(), 1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE state = 'pending'")), qint64(80));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM campaign_recipients WHERE campaign_id = ? AND state = 'queued'"), {id}), qint64(80));
    int rounds = 0;
    while (advance() > 0 && rounds < 10) {
        QVERIFY(count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE state = 'pending'")) <= 80);
        drainOutbox();
        ++rounds;
    }
    QCOMPARE(rounds, 1); // 80, then the last 20 and done
    drainOutbox();
    const Reply done = call("GET", QStringLiteral("/api/campaigns/%1").arg(id), m_adminToken);
    QCOMPARE(done.body.value(QStringLiteral("state")).toString(), QStringLiteral("finished"));
    QVERIFY(done.body.value(QStringLiteral("finished_at")).toInteger() > 0);
    QCOMPARE(done.body.value(QStringLiteral("funnel"))[QStringLiteral("sent")].toInteger(), 100);
    // One message per recipient, in its conversation, tagged with the campaign, rendered.
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE campaign_id = ?"), {id}), qint64(100));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(DISTINCT conversation_id) FROM whatsapp_messages WHERE campaign_id = ?"), {id}), qint64(100));
    QCOMPARE(text(QStringLiteral("SELECT content FROM whatsapp_messages m JOIN whatsapp_conversations c ON c.id = m.conversation_id "
                                 "WHERE m.campaign_id = ? AND c.contact_wa_id = ?"),
                  {id, mobile(7).mid(1)}),
             QStringLiteral("Vacantes en Valencia\n\nHola Candidato 7, hay vacantes de mozo de almacén en Valencia. Responde SI si te interesa."));
    const QJsonObject request = QJsonDocument::fromJson(
        text(QStringLiteral("SELECT o.request FROM outbox o JOIN whatsapp_messages m ON m.id = o.message_id WHERE m.campaign_id = ? ORDER BY o.id LIMIT 1"), {id})
            .toUtf8()).object();
    QCOMPARE(request.value(QStringLiteral("to")).toString(), mobile(0).mid(1));
    QCOMPARE(request[QStringLiteral("template")][QStringLiteral("name")].toString(), QStringLiteral("vacantes"));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'campaign.finished'")), qint64(1));
}

void TestCampaigns::messagingLimitWaitsThenGoesOn()
{
    exec(QStringLiteral("UPDATE whatsapp_config SET messaging_limit = '5'"));
    const qint64 id = runningCampaign(8);
    QVERIFY(id > 0);
    QCOMPARE(advance(), 1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM campaign_recipients WHERE campaign_id = ? AND state = 'queued'"), {id}), qint64(5));
    drainOutbox();
    QCOMPARE(advance(), 1);
    Reply r = call("GET", QStringLiteral("/api/campaigns/%1").arg(id), m_adminToken);
    QCOMPARE(r.body.value(QStringLiteral("state")).toString(), QStringLiteral("running"));
    QCOMPARE(r.body.value(QStringLiteral("waiting_code")).toString(), QStringLiteral("messaging_limit"));
    const qint64 until = r.body.value(QStringLiteral("waiting_until")).toInteger();
    QVERIFY(until > nowMs() + 23 * 3600 * 1000LL && until <= nowMs() + 24 * 3600 * 1000LL);
    QVERIFY(r.body.value(QStringLiteral("expected_end_at")).toInteger() >= until);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM campaign_recipients WHERE campaign_id = ? AND state = 'queued'"), {id}), qint64(5));
    // A day later the window has moved: the rest go, and the wait is over.
    m_clockOffset = 24 * 3600 * 1000LL + 1000;
    QCOMPARE(advance(), 0); // finished
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM campaign_recipients WHERE campaign_id = ? AND state = 'queued'"), {id}), qint64(8));
    r = call("GET", QStringLiteral("/api/campaigns/%1").arg(id), m_adminToken);
    QVERIFY(!r.body.contains(QStringLiteral("waiting_code")));
}

void TestCampaigns::automaticPauses()
{
    exec(QStringLiteral("UPDATE whatsapp_config SET throughput_per_second = 2")); // two at a time
    const qint64 id = runningCampaign(20);
    QVERIFY(id > 0);
    const QString path = QStringLiteral("/api/campaigns/%1").arg(id);
    // Quality drops to red: paused with the reason, nothing more goes.
    exec(QStringLiteral("UPDATE whatsapp_config SET quality_rating = 'RED'"));
    QCOMPARE(advance(), 0);
    Reply r = call("GET", path, m_adminToken);
    QCOMPARE(r.body.value(QStringLiteral("state")).toString(), QStringLiteral("paused"));
    QCOMPARE(r.body.value(QStringLiteral("pause_code")).toString(), QStringLiteral("quality_low"));
    QVERIFY(r.body.value(QStringLiteral("pause_reason")).toString().contains(QStringLiteral("red")));
    QCOMPARE(text(QStringLiteral("SELECT actor_label FROM audit_log WHERE action = 'campaign.paused'")), QStringLiteral("system"));
    // Yellow pauses only a campaign that asked for it.
    exec(QStringLiteral("UPDATE whatsapp_config SET quality_rating = 'YELLOW'"));
    QCOMPARE(call("POST", path + QStringLiteral("/resume"), m_adminToken).status, 200);
    QCOMPARE(advance(), 1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE campaign_id = ?"), {id}), qint64(2));
    exec(QStringLiteral("UPDATE campaigns SET pause_on_yellow = 1 WHERE id = ?"), {id});
    QCOMPARE(advance(), 0);
    QCOMPARE(call("GET", path, m_adminToken).body.value(QStringLiteral("pause_code")).toString(), QStringLiteral("quality_medium"));
    exec(QStringLiteral("UPDATE whatsapp_config SET quality_rating = 'GREEN'"));
    QCOMPARE(call("POST", path + QStringLiteral("/resume"), m_adminToken).status, 200);
    // Meta's spam limit on one of its messages (a status webhook): paused.
    drainOutbox();
    const QString wamid = text(QStringLiteral("SELECT provider_message_id FROM whatsapp_messages WHERE campaign_id = ? ORDER BY id LIMIT 1"), {id});
    status(wamid, QStringLiteral("failed"), mobile(0).mid(1), 131048);
    QTRY_COMPARE(text(QStringLiteral("SELECT status FROM whatsapp_messages WHERE provider_message_id = ?"), {wamid}), QStringLiteral("failed"));
    QCOMPARE(advance(), 0);
    r = call("GET", path, m_adminToken);
    QCOMPARE(r.body.value(QStringLiteral("pause_code")).toString(), QStringLiteral("spam_rate_limit"));
    QCOMPARE(r.body.value(QStringLiteral("funnel"))[QStringLiteral("failed")].toInteger(), 1);
    // Resumed by an admin, the refusal before it does not pause it again.
    QCOMPARE(call("POST", path + QStringLiteral("/resume"), m_adminToken).status, 200);
    QCOMPARE(advance(), 1);
    QCOMPARE(call("GET", path, m_adminToken).body.value(QStringLiteral("state")).toString(), QStringLiteral("running"));
    // A template that is no longer approved: paused, not sent wrong.
    exec(QStringLiteral("UPDATE message_templates SET status = 'PAUSED'"));
    drainOutbox();
    QCOMPARE(advance(), 0);
    QCOMPARE(call("GET", path, m_adminToken).body.value(QStringLiteral("pause_code")).toString(), QStringLiteral("template_broken"));
}

void TestCampaigns::funnelFromStatusesAndReplies()
{
    const qint64 id = runningCampaign(6);
    QVERIFY(id > 0);
    QCOMPARE(advance(), 0); // all six handed to the outbox: finished
    drainOutbox();
    auto wamidOf = [&](int i) {
        return text(QStringLiteral("SELECT m.provider_message_id FROM whatsapp_messages m JOIN whatsapp_conversations c ON c.id = m.conversation_id "
                                   "WHERE m.campaign_id = ? AND c.contact_wa_id = ?"),
                    {id, mobile(i).mid(1)});
    };
    status(wamidOf(0), QStringLiteral("delivered"), mobile(0).mid(1));
    status(wamidOf(1), QStringLiteral("delivered"), mobile(1).mid(1));
    status(wamidOf(1), QStringLiteral("read"), mobile(1).mid(1));
    status(wamidOf(2), QStringLiteral("read"), mobile(2).mid(1));
    status(wamidOf(3), QStringLiteral("failed"), mobile(3).mid(1), 131026);
    status(wamidOf(4), QStringLiteral("failed"), mobile(4).mid(1), 131026);
    inboundText(mobile(2).mid(1), QStringLiteral("wamid.reply2"), QStringLiteral("SI, me interesa"));
    QJsonObject f;
    QTRY_VERIFY_WITH_TIMEOUT((f = call("GET", QStringLiteral("/api/campaigns/%1").arg(id), m_adminToken).body.value(QStringLiteral("funnel")).toObject(),
                              f.value(QStringLiteral("replied")).toInteger() == 1 && f.value(QStringLiteral("failed")).toInteger() == 2),
                             10000);
    QCOMPARE(f.value(QStringLiteral("audience")).toInteger(), 6);
    QCOMPARE(f.value(QStringLiteral("sent")).toInteger(), 1);
    QCOMPARE(f.value(QStringLiteral("delivered")).toInteger(), 1);
    QCOMPARE(f.value(QStringLiteral("read")).toInteger(), 2);
    QCOMPARE(f.value(QStringLiteral("pending")).toInteger(), 0);
    const QJsonArray failures = f.value(QStringLiteral("failures")).toArray();
    QCOMPARE(failures.size(), 1);
    QCOMPARE(failures.at(0)[QStringLiteral("code")].toString(), QStringLiteral("131026"));
    QCOMPARE(failures.at(0)[QStringLiteral("count")].toInteger(), 2);
    // Recipients by status, and the reply in the normal conversation.
    const Reply failed = call("GET", QStringLiteral("/api/campaigns/%1/recipients?status=failed").arg(id), m_adminToken);
    QCOMPARE(failed.body.value(QStringLiteral("items")).toArray().size(), 2);
    QCOMPARE(failed.body.value(QStringLiteral("items")).toArray().at(0)[QStringLiteral("error_code")].toInteger(), 131026);
    const Reply replied = call("GET", QStringLiteral("/api/campaigns/%1/recipients?status=replied").arg(id), m_adminToken);
    QCOMPARE(replied.body.value(QStringLiteral("items")).toArray().size(), 1);
    QCOMPARE(replied.body.value(QStringLiteral("items")).toArray().at(0)[QStringLiteral("phone")].toString(), mobile(2));
    QVERIFY(replied.body.value(QStringLiteral("items")).toArray().at(0)[QStringLiteral("replied_at")].toInteger() > 0);
    QCOMPARE(call("GET", QStringLiteral("/api/campaigns/%1/recipients?status=maybe").arg(id), m_adminToken).field(), QStringLiteral("status"));
    // Paging.
    const Reply first = call("GET", QStringLiteral("/api/campaigns/%1/recipients?limit=4").arg(id), m_adminToken);
    QCOMPARE(first.body.value(QStringLiteral("items")).toArray().size(), 4);
    const QString cursor = first.body.value(QStringLiteral("next_cursor")).toString();
    QVERIFY(!cursor.isEmpty());
    const Reply second = call("GET", QStringLiteral("/api/campaigns/%1/recipients?limit=4&cursor=%2").arg(id).arg(cursor), m_adminToken);
    QCOMPARE(second.body.value(QStringLiteral("items")).toArray().size(), 2);
    QVERIFY(second.body.value(QStringLiteral("next_cursor")).isNull());
    // The results as CSV: a line per recipient with its status.
    const Reply results = call("GET", QStringLiteral("/api/campaigns/%1/results.csv").arg(id), m_adminToken);
    QCOMPARE(results.status, 200);
    const QList<QByteArray> lines = results.raw.trimmed().split('\n');
    QCOMPARE(lines.size(), 7);
    QVERIFY(lines.at(4).contains(",failed,whatsapp_error,Message undeliverable,131026,"));
    QVERIFY(lines.at(3).contains(",read,"));
}

void TestCampaigns::restartResumesWithoutSendingTwice()
{
    exec(QStringLiteral("UPDATE whatsapp_config SET throughput_per_second = 10")); // ten at a time
    const qint64 id = runningCampaign(35);
    QVERIFY(id > 0);
    QCOMPARE(advance(), 1);
    drainOutbox();
    QCOMPARE(advance(), 1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE campaign_id = ?"), {id}), qint64(20));
    // The process ends (what is queued stays queued) and starts again.
    startServer();
    int rounds = 0;
    while (advance() > 0 && rounds++ < 10)
        drainOutbox();
    QCOMPARE(call("GET", QStringLiteral("/api/campaigns/%1").arg(id), m_adminToken).body.value(QStringLiteral("state")).toString(), QStringLiteral("finished"));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE campaign_id = ?"), {id}), qint64(35));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(DISTINCT conversation_id) FROM whatsapp_messages WHERE campaign_id = ?"), {id}), qint64(35));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM campaign_recipients WHERE campaign_id = ? AND message_id IS NULL"), {id}), qint64(0));
}

void TestCampaigns::optOutAfterImportIsSkipped()
{
    const qint64 id = runningCampaign(3);
    QVERIFY(id > 0);
    // Between import and send, one candidate says BAJA and another is blocked.
    PUENTE_VERIFY_OK(ConversationService(db(), nullptr).start(m_tenant, mobile(1), QString(), Actor(QStringLiteral("test"))));
    PUENTE_VERIFY_OK(ConversationService(db(), nullptr).start(m_tenant, mobile(2), QString(), Actor(QStringLiteral("test"))));
    exec(QStringLiteral("UPDATE whatsapp_conversations SET opted_out_at = 1 WHERE contact_wa_id = ?"), {mobile(1).mid(1)});
    exec(QStringLiteral("UPDATE whatsapp_conversations SET status = 'blocked' WHERE contact_wa_id = ?"), {mobile(2).mid(1)});
    QCOMPARE(advance(), 0);
    const QJsonObject f = call("GET", QStringLiteral("/api/campaigns/%1").arg(id), m_adminToken).body.value(QStringLiteral("funnel")).toObject();
    QCOMPARE(f.value(QStringLiteral("queued")).toInteger(), 1);
    QCOMPARE(f.value(QStringLiteral("skipped")).toInteger(), 2);
    QStringList skips;
    for (const QJsonValue &v : f.value(QStringLiteral("skips")).toArray())
        skips.append(v[QStringLiteral("code")].toString());
    skips.sort();
    QCOMPARE(skips, (QStringList{QStringLiteral("contact_blocked"), QStringLiteral("opted_out")}));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE campaign_id = ?"), {id}), qint64(1));
    // Counted for /metrics (per process: at least this test's).
    const Reply m = waitForReply(m_network.get(QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(m_server.port)))));
    static const QRegularExpression skipped(QStringLiteral("puente_campaign_recipients_skipped_total (\\d+)"));
    const auto match = skipped.match(QString::fromUtf8(m.raw));
    QVERIFY2(match.hasMatch() && match.captured(1).toInt() >= 2, m.raw.constData());
    QVERIFY(m.raw.contains("puente_campaign_recipients_queued_total "));
}

void TestCampaigns::accountWebhooksSetQualityAndLimit()
{
    const qint64 id = runningCampaign(4);
    QVERIFY(id > 0);
    // Meta's shapes (tests/fixtures/meta-webhooks): routed by the WABA id.
    webhook({{QStringLiteral("max_daily_conversations_per_business"), 2000}, {QStringLiteral("max_phone_numbers_per_waba"), 25}},
            QStringLiteral("business_capability_update"));
    QTRY_COMPARE(text(QStringLiteral("SELECT messaging_limit FROM whatsapp_config")), QStringLiteral("2000"));
    webhook({{QStringLiteral("display_phone_number"), QStringLiteral("34910000000")}, {QStringLiteral("event"), QStringLiteral("FLAGGED")},
             {QStringLiteral("current_limit"), QStringLiteral("TIER_250")}},
            QStringLiteral("phone_number_quality_update"));
    QTRY_COMPARE(text(QStringLiteral("SELECT quality_rating FROM whatsapp_config")), QStringLiteral("RED"));
    QCOMPARE(text(QStringLiteral("SELECT messaging_limit FROM whatsapp_config")), QStringLiteral("TIER_250"));
    // A flagged number pauses the campaign before it sends anything.
    QCOMPARE(advance(), 0);
    QCOMPARE(call("GET", QStringLiteral("/api/campaigns/%1").arg(id), m_adminToken).body.value(QStringLiteral("pause_code")).toString(),
             QStringLiteral("quality_low"));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE campaign_id = ?"), {id}), qint64(0));
    webhook({{QStringLiteral("display_phone_number"), QStringLiteral("34910000000")}, {QStringLiteral("event"), QStringLiteral("UNFLAGGED")}},
            QStringLiteral("phone_number_quality_update"));
    QTRY_COMPARE(text(QStringLiteral("SELECT quality_rating FROM whatsapp_config")), QStringLiteral("GREEN"));
    QCOMPARE(text(QStringLiteral("SELECT messaging_limit FROM whatsapp_config")), QStringLiteral("TIER_250"));
}

void TestCampaigns::heldBackMessagesPauseOnlyInABurst()
{
    exec(QStringLiteral("UPDATE whatsapp_config SET throughput_per_second = 100")); // a hundred at a time
    const qint64 id = runningCampaign(150);
    QVERIFY(id > 0);
    QCOMPARE(advance(), 1);
    drainOutbox();
    // Meta holds back a few marketing messages in any large campaign (131049
    // caps what one user receives): 12 of 100 in a minute is no reason to stop.
    auto holdBack = [&](int n) {
        exec(QStringLiteral("UPDATE whatsapp_messages SET status = 'failed', error_code = 131049 WHERE id IN (SELECT id FROM whatsapp_messages "
                            "WHERE campaign_id = ? AND status = 'sent' ORDER BY id LIMIT ?)"),
             {id, n});
    };
    holdBack(12);
    QCOMPARE(advance(), 0); // not paused: the last 50 go, and it is finished
    QCOMPARE(call("GET", QStringLiteral("/api/campaigns/%1").arg(id), m_adminToken).body.value(QStringLiteral("state")).toString(),
             QStringLiteral("finished"));
    // A quarter of what Meta answered in the minute is a burst.
    const qint64 second = runningCampaign(150);
    QVERIFY(second > 0);
    QCOMPARE(advance(), 1);
    drainOutbox();
    exec(QStringLiteral("UPDATE whatsapp_messages SET status = 'failed', error_code = 131049 WHERE id IN (SELECT id FROM whatsapp_messages "
                        "WHERE campaign_id = ? AND status = 'sent' ORDER BY id LIMIT 30)"),
         {second});
    QCOMPARE(advance(), 0);
    const Reply r = call("GET", QStringLiteral("/api/campaigns/%1").arg(second), m_adminToken);
    QCOMPARE(r.body.value(QStringLiteral("pause_code")).toString(), QStringLiteral("ecosystem_limit"));
    QVERIFY2(r.body.value(QStringLiteral("pause_reason")).toString().contains(QStringLiteral("30 of")), r.raw.constData());
}

void TestCampaigns::startNeedsTheColumnsTheMessageUses()
{
    const qint64 id = createCampaign();
    QCOMPARE(upload(id, audience(3)).status, 200);
    // The message changed after the upload to read a column the file lacks:
    // starting would skip everyone (missing data), so it is refused.
    const Reply changed = call("PATCH", QStringLiteral("/api/campaigns/%1").arg(id), m_adminToken,
                               {{QStringLiteral("body"), QJsonArray{source(QStringLiteral("column"), QStringLiteral("nombre")),
                                                                    source(QStringLiteral("column"), QStringLiteral("sueldo")),
                                                                    source(QStringLiteral("column"), QStringLiteral("ciudad"))}}});
    QCOMPARE(changed.status, 200);
    const Reply start = call("POST", QStringLiteral("/api/campaigns/%1/start").arg(id), m_adminToken);
    QCOMPARE(start.status, 422);
    QCOMPARE(start.code(), QStringLiteral("campaign_not_ready"));
    QVERIFY2(start.body[QStringLiteral("error")][QStringLiteral("message")].toString().contains(QStringLiteral("sueldo")), start.raw.constData());
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE campaign_id = ?"), {id}), qint64(0));
}

QTEST_MAIN(TestCampaigns)
#include "tst_campaignsapi.moc"
