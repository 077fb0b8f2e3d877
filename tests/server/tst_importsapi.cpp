// Chat imports through the REST API (issue 21): the export uploaded by a
// tenant admin, imported as a job whose progress and report the console
// follows; failures in words; who may; a job a stopped server left behind
// runs on the next start. A real server on a loopback port, both stores.
#include "importing/chatimportjobs.h"
#include "servercontext.h"
#include "storage/sql.h"
#include "storage/sessionrepository.h"
#include "storage/tenantrepository.h"
#include "storage/userrepository.h"
#include "storage/whatsappconfigrepository.h"
#include "accounts/apikeys.h"
#include "runningserver.h"
#include "testsupport.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QUrl>

using namespace puente;
using namespace puente::server;
using namespace puente::test;

namespace {
const QString kPassword = QStringLiteral("reclutar candidatos 2026");
const QString kSample = QStringLiteral("Chat de WhatsApp con +34 612 00 00 01.txt");

QByteArray fixture(const QString &name)
{
    QFile f(QStringLiteral(PUENTE_FIXTURES_DIR "/chat-exports/") + name);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

class TestImportsApi : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(checkBackendAvailable()); }
    void init();
    void cleanup();

    void importAndFollowTheJob();
    void failedJobsSayWhy();
    void whoMayAndWhatIsRefusedAtOnce();
    void jobLeftBehindRunsOnTheNextStart();
    void jobThatStoppedTheServerTwiceIsNotTriedAgain();
    void largeUploadsNeedASessionFirst();

private:
    using Reply = test::HttpReply;
    void startServer();
    Reply upload(const QByteArray &body, const QString &query, const QString &token = {}, const QByteArray &type = "text/plain")
    {
        return waitForReply(sendRequest(m_network, m_server.port, "POST", QStringLiteral("/api/whatsapp/imports?") + query,
                                        token.isEmpty() ? m_adminToken : token, body, {{"Content-Type", type}}));
    }
    Reply get(const QString &path, const QString &token = {})
    {
        return waitForReply(sendRequest(m_network, m_server.port, "GET", path, token.isEmpty() ? m_adminToken : token, {}));
    }
    // Polls the job until it ends (done or failed).
    QJsonObject finished(qint64 id);
    QString session(TenantId tenant, const QString &email, Role role);

    std::unique_ptr<TestDatabase> m_test;
    RunningServer m_server;
    QNetworkAccessManager m_network;
    TenantId m_tenant;
    QString m_adminToken, m_agentToken, m_otherAdminToken, m_apiKey;
};

void TestImportsApi::init()
{
    auto created = TestDatabase::create();
    PUENTE_VERIFY_OK(created);
    m_test = std::move(created).value();
    startServer();
    auto tenant = TenantRepository(m_server.context->database()).create(QStringLiteral("talento"), QStringLiteral("Talento Norte"), Plan::Pro);
    PUENTE_VERIFY_OK(tenant);
    m_tenant = tenant->id;
    WhatsAppConfig c;
    c.businessApiToken = QStringLiteral("EAAB-token");
    c.phoneNumberId = QStringLiteral("1001");
    c.businessAccountId = QStringLiteral("91001");
    PUENTE_VERIFY_OK(WhatsAppConfigRepository(m_server.context->database(), m_server.context->keyring()).save(m_tenant, c, QStringLiteral("test")));
    m_adminToken = session(m_tenant, QStringLiteral("admin@talento.example"), Role::TenantAdmin);
    m_agentToken = session(m_tenant, QStringLiteral("agente@talento.example"), Role::Agent);
    auto other = TenantRepository(m_server.context->database()).create(QStringLiteral("otra"), QStringLiteral("Otra"), Plan::Pro);
    PUENTE_VERIFY_OK(other);
    m_otherAdminToken = session(other->id, QStringLiteral("admin@otra.example"), Role::TenantAdmin);
    auto key = ApiKeyRepository(m_server.context->database()).create(m_tenant, QStringLiteral("CRM"), {ApiScope::ConversationsRead},
                                                                      QStringLiteral("test"));
    PUENTE_VERIFY_OK(key);
    m_apiKey = key->key;
}

QString TestImportsApi::session(TenantId tenant, const QString &email, Role role)
{
    UserRepository users(m_server.context->database(), crypto::ScryptParams{10, 8, 1});
    auto user = users.create({tenant, email, email.section(QLatin1Char('@'), 0, 0), role, kPassword}, QStringLiteral("test"));
    if (!user)
        return {};
    return SessionRepository(m_server.context->database()).create(user->id, 3'600'000)->token;
}

void TestImportsApi::startServer()
{
    m_server.front.reset();
    m_server.context.reset();
    Settings settings = RunningServer::quietSettings(m_test->url(), m_test->dir());
    settings.setOverride(QStringLiteral("notifications"), QStringLiteral("off"));
    auto running = RunningServer::start(settings);
    PUENTE_VERIFY_OK(running);
    m_server = std::move(running).value();
}

void TestImportsApi::cleanup()
{
    m_server.front.reset();
    m_server.context.reset();
    m_test.reset();
}

QJsonObject TestImportsApi::finished(qint64 id)
{
    QDeadlineTimer deadline(30'000);
    while (!deadline.hasExpired()) {
        const Reply r = get(QStringLiteral("/api/whatsapp/imports/%1").arg(id));
        const QString status = r.body.value(QStringLiteral("status")).toString();
        if (r.status != 200 || status == QLatin1String("done") || status == QLatin1String("failed"))
            return r.body;
        QTest::qWait(50);
    }
    return {};
}

void TestImportsApi::importAndFollowTheJob()
{
    const QByteArray chat = fixture(kSample);
    QVERIFY(!chat.isEmpty());
    const QString query = QStringLiteral("file_name=%1&company_name=%2")
                              .arg(QString::fromLatin1(QUrl::toPercentEncoding(kSample)),
                                   QString::fromLatin1(QUrl::toPercentEncoding(QStringLiteral("Talento Norte RRHH"))));
    const Reply queued = upload(chat, query);
    QCOMPARE(queued.status, 202);
    QCOMPARE(queued.body.value(QStringLiteral("status")).toString(), QStringLiteral("queued"));
    QCOMPARE(queued.body.value(QStringLiteral("file_name")).toString(), kSample);
    QCOMPARE(queued.body.value(QStringLiteral("file_size")).toInteger(), qint64(chat.size()));
    const QJsonObject job = finished(queued.body.value(QStringLiteral("id")).toInteger());
    QCOMPARE(job.value(QStringLiteral("status")).toString(), QStringLiteral("done"));
    const QJsonObject report = job.value(QStringLiteral("report")).toObject();
    QVERIFY(report.value(QStringLiteral("imported")).toInteger() > 20);
    QCOMPARE(report.value(QStringLiteral("contact_phone")).toString(), QStringLiteral("+34612000001"));
    QCOMPARE(job.value(QStringLiteral("bytes_read")).toInteger(), qint64(chat.size()));

    // The conversation and its messages, marked as imported.
    const qint64 conversation = report.value(QStringLiteral("conversation_id")).toInteger();
    const Reply messages = get(QStringLiteral("/api/whatsapp/conversations/%1/messages?limit=100").arg(conversation), m_agentToken);
    QCOMPARE(messages.status, 200);
    const QJsonArray items = messages.body.value(QStringLiteral("items")).toArray();
    QCOMPARE(items.size(), int(report.value(QStringLiteral("imported")).toInteger()));
    for (const QJsonValue &m : items)
        QCOMPARE(m.toObject().value(QStringLiteral("import_source")).toString(), QStringLiteral("chat-export: ") + kSample);

    // Again: nothing added; both runs listed, newest first.
    const Reply again = upload(chat, query);
    QCOMPARE(again.status, 202);
    const QJsonObject second = finished(again.body.value(QStringLiteral("id")).toInteger());
    QCOMPARE(second.value(QStringLiteral("report")).toObject().value(QStringLiteral("imported")).toInteger(), qint64(0));
    QCOMPARE(second.value(QStringLiteral("report")).toObject().value(QStringLiteral("duplicates")).toInteger(),
             report.value(QStringLiteral("messages")).toInteger());
    const Reply list = get(QStringLiteral("/api/whatsapp/imports"));
    QCOMPARE(list.status, 200);
    QCOMPARE(list.body.value(QStringLiteral("items")).toArray().size(), 2);
    QCOMPARE(list.body.value(QStringLiteral("items")).toArray().at(0).toObject().value(QStringLiteral("id")).toInteger(),
             again.body.value(QStringLiteral("id")).toInteger());
    // The spooled uploads are gone once imported.
    QCOMPARE(QDir(m_test->dir() + QStringLiteral("/imports")).entryList(QDir::Files).size(), 0);
}

void TestImportsApi::failedJobsSayWhy()
{
    const Reply notChat = upload(fixture(QStringLiteral("not-a-chat.txt")), QStringLiteral("file_name=cv.txt&contact=%2B34612000002"));
    QCOMPARE(notChat.status, 202);
    const QJsonObject failed = finished(notChat.body.value(QStringLiteral("id")).toInteger());
    QCOMPARE(failed.value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
    QCOMPARE(failed.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(), QStringLiteral("not_a_chat_export"));
    QVERIFY(!failed.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString().isEmpty());

    // Which side is the company cannot be guessed: the authors are named.
    const Reply unsure = upload(fixture(QStringLiteral("android-es-12h-ampm.txt")), QStringLiteral("contact=%2B34612000003"));
    const QJsonObject job = finished(unsure.body.value(QStringLiteral("id")).toInteger());
    QCOMPARE(job.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(), QStringLiteral("company_side_unknown"));
    QCOMPARE(test::queryCount(m_server.context->database(), QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages")), qint64(0));
}

void TestImportsApi::whoMayAndWhatIsRefusedAtOnce()
{
    const QByteArray chat = fixture(kSample);
    QCOMPARE(upload(chat, {}, m_agentToken).status, 403);
    QCOMPARE(upload(chat, {}, m_apiKey).status, 403);
    QCOMPARE(upload(chat, {}, {}, "image/png").status, 415);
    const Reply zone = upload(chat, QStringLiteral("time_zone=Mars/Olympus"));
    QCOMPARE(zone.status, 422);
    QCOMPARE(zone.field(), QStringLiteral("time_zone"));
    const Reply phone = upload(chat, QStringLiteral("contact=12"));
    QCOMPARE(phone.status, 422);
    QCOMPARE(phone.code(), QStringLiteral("invalid_phone_number"));
    QCOMPARE(upload({}, {}).status, 422);
    // Another company's import is not there for them.
    const Reply mine = upload(chat, QStringLiteral("company_name=Talento%20Norte%20RRHH&contact=%2B34612000001"));
    QCOMPARE(mine.status, 202);
    const qint64 id = mine.body.value(QStringLiteral("id")).toInteger();
    QCOMPARE(get(QStringLiteral("/api/whatsapp/imports/%1").arg(id), m_otherAdminToken).status, 404);
    QCOMPARE(get(QStringLiteral("/api/whatsapp/imports"), m_otherAdminToken).body.value(QStringLiteral("items")).toArray().size(), 0);
    QCOMPARE(get(QStringLiteral("/api/whatsapp/imports/%1").arg(id), m_agentToken).status, 403);
    QCOMPARE(finished(id).value(QStringLiteral("status")).toString(), QStringLiteral("done"));
}

void TestImportsApi::jobLeftBehindRunsOnTheNextStart()
{
    // The worker is stopped (as by a server going down): the job waits.
    m_server.context->chatImports().stop();
    const Reply queued = upload(fixture(kSample), QStringLiteral("company_name=Talento%20Norte%20RRHH&contact=%2B34612000001"));
    QCOMPARE(queued.status, 202);
    const qint64 id = queued.body.value(QStringLiteral("id")).toInteger();
    QTest::qWait(200);
    QCOMPARE(get(QStringLiteral("/api/whatsapp/imports/%1").arg(id)).body.value(QStringLiteral("status")).toString(), QStringLiteral("queued"));
    startServer();
    const QJsonObject job = finished(id);
    QCOMPARE(job.value(QStringLiteral("status")).toString(), QStringLiteral("done"));
    QVERIFY(job.value(QStringLiteral("report")).toObject().value(QStringLiteral("imported")).toInteger() > 20);
}

void TestImportsApi::jobThatStoppedTheServerTwiceIsNotTriedAgain()
{
    m_server.context->chatImports().stop();
    const Reply queued = upload(fixture(kSample), QStringLiteral("company_name=Talento%20Norte%20RRHH&contact=%2B34612000001"));
    QCOMPARE(queued.status, 202);
    const qint64 id = queued.body.value(QStringLiteral("id")).toInteger();
    // As a job looks after two starts that died during it.
    {
        Transaction tx(m_server.context->database());
        Sql q(tx.connection(), QStringLiteral("UPDATE chat_imports SET status = 'running', attempts = 2 WHERE id = ?"));
        q.bind(id);
        PUENTE_VERIFY_OK(q.exec());
        PUENTE_VERIFY_OK(tx.commit());
    }
    startServer();
    const QJsonObject job = finished(id);
    QCOMPARE(job.value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
    QCOMPARE(job.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(), QStringLiteral("import_interrupted"));
    QTRY_COMPARE(QDir(m_test->dir() + QStringLiteral("/imports")).entryList(QDir::Files).size(), 0);
    QCOMPARE(test::queryCount(m_server.context->database(), QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages")), qint64(0));
}

void TestImportsApi::largeUploadsNeedASessionFirst()
{
    // Up to 2 GB: no body is kept for a token that is not a live session.
    const QByteArray chat = fixture(kSample);
    const Reply stale = upload(chat, {}, QStringLiteral("not-a-session"));
    QCOMPARE(stale.status, 401);
    QCOMPARE(stale.code(), QStringLiteral("invalid_token"));
    QCOMPARE(upload(chat, {}, m_apiKey).status, 403);
    QCOMPARE(QDir(m_test->dir() + QStringLiteral("/media/.incoming")).entryList(QDir::Files).size(), 0);
}

QTEST_GUILESS_MAIN(TestImportsApi)
#include "tst_importsapi.moc"
