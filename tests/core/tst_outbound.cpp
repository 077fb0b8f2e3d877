// Outbound: Meta's request bodies, error classification, and the outbox
// dispatcher against a scripted transport (SQLite and PostgreSQL).
#include "crypto/crypto.h"
#include "messaging/conversations.h"
#include "messaging/dispatcher.h"
#include "messaging/inboundstore.h"
#include "messaging/mediafetcher.h"
#include "storage/sql.h"
#include "storage/tenantrepository.h"
#include "storage/whatsappconfigrepository.h"
#include "fakeserver.h"
#include "testsupport.h"

#include <QFile>
#include <QTcpServer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QtConcurrent/QtConcurrentRun>
#include <QTimer>

#include <functional>

using namespace puente;
using namespace puente::test;

namespace {
QJsonObject obj(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

QByteArray readGraphFixture(const char *name)
{
    QFile f(QStringLiteral(PUENTE_FIXTURES_DIR "/graph-responses/") + QString::fromLatin1(name));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// A transport whose answers the test scripts; it records every call.
class ScriptedTransport : public Transport {
public:
    struct Call {
        QString phoneNumberId;
        QString token;
        QJsonObject body;
        qint64 atMs;
    };
    using Script = std::function<Outcome(const Call &call, int index)>;

    ScriptedTransport(std::shared_ptr<QList<Call>> calls, std::shared_ptr<QMutex> mutex, Script script)
        : m_calls(std::move(calls)), m_mutex(std::move(mutex)), m_script(std::move(script))
    {
    }
    QString name() const override { return QStringLiteral("scripted"); }
    void send(const Channel &channel, const QJsonObject &body, std::function<void(Outcome)> done) override
    {
        Call call{channel.phoneNumberId, channel.token, body, nowMs()};
        int index;
        {
            QMutexLocker lock(m_mutex.get());
            index = int(m_calls->size());
            m_calls->append(call);
        }
        const Outcome outcome = m_script(call, index);
        QTimer::singleShot(1, [done = std::move(done), outcome] { done(outcome); });
    }

private:
    std::shared_ptr<QList<Call>> m_calls;
    std::shared_ptr<QMutex> m_mutex;
    Script m_script;
};

Transport::Outcome accepted(const QString &wamid)
{
    Transport::Outcome o;
    o.accepted = true;
    o.sent.wamid = wamid;
    return o;
}

Transport::Outcome failure(int httpStatus, const QByteArray &body)
{
    Transport::Outcome o;
    o.error = meta::parseGraphError(httpStatus, body);
    return o;
}

Transport::Outcome networkFailure()
{
    Transport::Outcome o;
    o.error.kind = meta::GraphError::Kind::Network;
    o.error.message = QStringLiteral("Connection refused");
    return o;
}
} // namespace

namespace {
// Runs `work` (which waits for Graph calls) on another thread while this
// one keeps serving the stand-in servers, and returns its result.
template<typename Work>
auto aside(Work &&work)
{
    auto future = QtConcurrent::run(std::forward<Work>(work));
    while (!future.isFinished())
        QTest::qWait(5);
    return future.result();
}
} // namespace

class TestOutbound : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void messageBodies_data();
    void messageBodies();
    void bodyRefusesContactWithoutAddress();
    void graphErrorsClassified_data();
    void graphErrorsClassified();
    void fallbackOnlyWhenPrimaryUnavailable();

    void sendRecordsWamidAndEarlyStatuses();
    void answersAreRecordedTogether();
    void retryThenSuccess();
    void permanentFailuresKeepMetasError();
    void invalidTokenMarksConfigurationFailing();
    void retryableFailuresEndAfterMaxAttempts();
    void interruptedAttemptIsFlaggedNeverResent();
    void fairAndWithinEachNumbersThroughput();
    void peopleGoBeforeACampaignOnTheSameNumber();
    void unconfiguredTenantFailsClearly();
    void anOutcomeThatCannotBeStoredDoesNotBlockTheOthers();
    void mediaIsFetchedCheckedAndStored();
    void mediaRequestsGoOnlyToMeta();
    void mediaUrlPolicy_data();
    void mediaUrlPolicy();
    void dueMediaIsFoundWithoutReadingEveryMessage();
    void refusedTokenHoldsTheRestOfTheQueue();
    void suspendedTenantsQueueIsHeldUntilResumed();
    void unreadableAcceptanceIsLeftToTheAgent();

private:
    struct Tenant {
        TenantId id;
        qint64 conversation = 0;
    };
    Tenant seedTenant(const QString &slug, const QString &phoneNumberId, int throughput = 80);
    qint64 queue(const Tenant &t, const QString &text);
    // A "delivered" webhook for `wamid` stored before the send's answer (parked).
    void deliveredBeforeTheAnswer(const Tenant &t, const QString &wamid);
    void startDispatcher(ScriptedTransport::Script script, DispatcherSettings settings = {});
    qint64 count(const QString &sql, const QVariantList &binds = {});
    QString text(const QString &sql, const QVariantList &binds = {});

    std::unique_ptr<TestDatabase> m_test;
    std::unique_ptr<Database> m_db;
    crypto::KeyringPtr m_ring;
    EventBus m_bus;
    QList<Event> m_published;
    std::unique_ptr<OutboxDispatcher> m_dispatcher;
    std::shared_ptr<QList<ScriptedTransport::Call>> m_calls;
    std::shared_ptr<QMutex> m_callsMutex;
};

void TestOutbound::initTestCase()
{
    QVERIFY(checkBackendAvailable());
    connect(&m_bus, &EventBus::published, this, [this](const QList<Event> &e) { m_published += e; });
}

void TestOutbound::init()
{
    auto opened = TestDatabase::createOpened(true);
    PUENTE_VERIFY_OK(opened);
    std::tie(m_test, m_db) = std::move(opened).value();
    m_ring = crypto::Keyring::create({crypto::randomBytes(32)}).value();
    m_published.clear();
    m_calls = std::make_shared<QList<ScriptedTransport::Call>>();
    m_callsMutex = std::make_shared<QMutex>();
}

void TestOutbound::cleanup()
{
    m_dispatcher.reset();
    m_db.reset();
    m_test.reset();
}

qint64 TestOutbound::count(const QString &sql, const QVariantList &binds)
{
    return test::queryCount(*m_db, sql, binds);
}

QString TestOutbound::text(const QString &sql, const QVariantList &binds)
{
    return test::queryText(*m_db, sql, binds);
}

TestOutbound::Tenant TestOutbound::seedTenant(const QString &slug, const QString &phoneNumberId, int throughput)
{
    Tenant t;
    t.id = TenantRepository(*m_db).create(slug, slug, Plan::Pro).value().id;
    WhatsAppConfig c;
    c.businessApiToken = QStringLiteral("EAAtoken-") + slug;
    c.phoneNumberId = phoneNumberId;
    c.businessAccountId = QStringLiteral("9") + phoneNumberId;
    if (!WhatsAppConfigRepository(*m_db, m_ring).save(t.id, c, QStringLiteral("test")))
        qFatal("config");
    Transaction tx(*m_db);
    Sql th(tx.connection(), QStringLiteral("UPDATE whatsapp_config SET throughput_per_second = ? WHERE tenant_id = ?"));
    th.bind(throughput).bind(t.id.value);
    if (!th.exec())
        qFatal("throughput");
    Sql q(tx.connection(), QStringLiteral("INSERT INTO whatsapp_conversations (tenant_id, conversation_id, contact_wa_id, contact_phone, status, "
                                          "last_inbound_at, unread_count, created_at, updated_at) VALUES (?, ?, ?, ?, 'active', ?, 0, ?, ?) RETURNING id"));
    q.bind(t.id.value).bind(QStringLiteral("34600111222")).bind(QStringLiteral("34600111222")).bind(QStringLiteral("+34600111222"))
        .bind(nowMs()).bind(nowMs()).bind(nowMs());
    if (!q.exec() || !q.next())
        qFatal("conversation");
    t.conversation = q.int64(0);
    q.finish();
    if (!tx.commit())
        qFatal("commit");
    return t;
}

qint64 TestOutbound::queue(const Tenant &t, const QString &body)
{
    OutboundRequest r;
    r.message = body;
    auto q = ConversationService(*m_db, &m_bus).enqueue(t.id, t.conversation, r, UserId());
    if (!q)
        qFatal("enqueue: %s", qPrintable(q.error().message));
    return q->message.id;
}

void TestOutbound::startDispatcher(ScriptedTransport::Script script, DispatcherSettings settings)
{
    auto calls = m_calls;
    auto mutex = m_callsMutex;
    m_dispatcher = std::make_unique<OutboxDispatcher>(*m_db, m_ring, &m_bus, settings);
    m_dispatcher->setTransportFactory([calls, mutex, script](const meta::GraphSettings &) {
        return std::make_unique<ScriptedTransport>(calls, mutex, script);
    });
    m_dispatcher->start();
}

// ---------------------------------------------------------------- bodies

void TestOutbound::messageBodies_data()
{
    QTest::addColumn<QJsonObject>("request");
    QTest::addColumn<QJsonObject>("expected");
    // Expected bodies follow Meta's documented send shapes (see
    // ../shared/reference/meta-cloud-api.md §6).
    QTest::newRow("text with preview") << obj(R"({"type":"text","to":"34600111222","text":"Hola https://x.es","preview_url":true})")
                                       << obj(R"({"messaging_product":"whatsapp","recipient_type":"individual","to":"+34600111222","type":"text",
                                                  "text":{"preview_url":true,"body":"Hola https://x.es"}})");
    QTest::newRow("reply") << obj(R"({"type":"text","to":"+34600111222","text":"Sí","context_message_id":"wamid.A"})")
                           << obj(R"({"messaging_product":"whatsapp","recipient_type":"individual","to":"+34600111222","type":"text",
                                      "text":{"preview_url":false,"body":"Sí"},"context":{"message_id":"wamid.A"}})");
    QTest::newRow("image by id") << obj(R"({"type":"image","to":"1555","media_id":"1037543291543636","caption":"Oferta"})")
                                 << obj(R"({"messaging_product":"whatsapp","recipient_type":"individual","to":"+1555","type":"image",
                                            "image":{"id":"1037543291543636","caption":"Oferta"}})");
    QTest::newRow("document by link") << obj(R"({"type":"document","to":"1555","link":"https://x.es/c.pdf","caption":"Contrato","filename":"c.pdf"})")
                                      << obj(R"({"messaging_product":"whatsapp","recipient_type":"individual","to":"+1555","type":"document",
                                                 "document":{"link":"https://x.es/c.pdf","caption":"Contrato","filename":"c.pdf"}})");
    QTest::newRow("audio has no caption") << obj(R"({"type":"audio","to":"1555","media_id":"7","caption":"ignored"})")
                                          << obj(R"({"messaging_product":"whatsapp","recipient_type":"individual","to":"+1555","type":"audio","audio":{"id":"7"}})");
    QTest::newRow("video") << obj(R"({"type":"video","to":"1555","media_id":"8","caption":"Tour"})")
                           << obj(R"({"messaging_product":"whatsapp","recipient_type":"individual","to":"+1555","type":"video","video":{"id":"8","caption":"Tour"}})");
    QTest::newRow("sticker") << obj(R"({"type":"sticker","to":"1555","media_id":"9"})")
                             << obj(R"({"messaging_product":"whatsapp","recipient_type":"individual","to":"+1555","type":"sticker","sticker":{"id":"9"}})");
    QTest::newRow("reaction is not a reply") << obj(R"({"type":"reaction","to":"1555","emoji":"👍","context_message_id":"wamid.T"})")
                                             << obj(R"({"messaging_product":"whatsapp","recipient_type":"individual","to":"+1555","type":"reaction",
                                                        "reaction":{"message_id":"wamid.T","emoji":"👍"}})");
    QTest::newRow("template") << obj(R"({"type":"template","to":"1555","template":{"name":"entrevista","language":"es",
                                          "components":[{"type":"body","parameters":[{"type":"text","text":"Ana"}]}]}})")
                              << obj(R"({"messaging_product":"whatsapp","recipient_type":"individual","to":"+1555","type":"template",
                                         "template":{"name":"entrevista","language":{"code":"es"},
                                                     "components":[{"type":"body","parameters":[{"type":"text","text":"Ana"}]}]}})");
    QTest::newRow("template without parameters") << obj(R"({"type":"template","to":"1555","template":{"name":"hello_world","language":"en_US"}})")
                                                 << obj(R"({"messaging_product":"whatsapp","recipient_type":"individual","to":"+1555","type":"template",
                                                            "template":{"name":"hello_world","language":{"code":"en_US"}}})");
    QTest::newRow("location as strings") << obj(R"({"type":"location","to":"1555","location":{"latitude":40.4168,"longitude":-3.7038,"name":"Oficina","address":"Gran Vía 1"}})")
                                         << obj(R"({"messaging_product":"whatsapp","recipient_type":"individual","to":"+1555","type":"location",
                                                    "location":{"latitude":"40.4168","longitude":"-3.7038","name":"Oficina","address":"Gran Vía 1"}})");
    QTest::newRow("contacts") << obj(R"({"type":"contacts","to":"1555","contacts":[{"name":{"formatted_name":"RR.HH."},"phones":[{"phone":"+34911222333"}]}]})")
                              << obj(R"({"messaging_product":"whatsapp","recipient_type":"individual","to":"+1555","type":"contacts",
                                         "contacts":[{"name":{"formatted_name":"RR.HH."},"phones":[{"phone":"+34911222333"}]}]})");
    QTest::newRow("interactive buttons") << obj(R"({"type":"interactive","to":"1555","interactive":{"type":"button","body":{"text":"¿Vienes?"},
                                                   "action":{"buttons":[{"type":"reply","reply":{"id":"si","title":"Sí"}}]}}})")
                                         << obj(R"({"messaging_product":"whatsapp","recipient_type":"individual","to":"+1555","type":"interactive",
                                                    "interactive":{"type":"button","body":{"text":"¿Vienes?"},
                                                    "action":{"buttons":[{"type":"reply","reply":{"id":"si","title":"Sí"}}]}}})");
    QTest::newRow("username user by BSUID") << obj(R"({"type":"text","to":"","to_user_id":"US.13491208655302741918","text":"Hola"})")
                                            << obj(R"({"messaging_product":"whatsapp","recipient_type":"individual","to":"US.13491208655302741918","type":"text",
                                                       "text":{"preview_url":false,"body":"Hola"}})");
}

void TestOutbound::messageBodies()
{
    QFETCH(QJsonObject, request);
    QFETCH(QJsonObject, expected);
    auto body = meta::buildMessageBody(request);
    PUENTE_VERIFY_OK(body);
    QCOMPARE(QString::fromUtf8(QJsonDocument(body.value()).toJson(QJsonDocument::Compact)),
             QString::fromUtf8(QJsonDocument(expected).toJson(QJsonDocument::Compact)));
}

void TestOutbound::bodyRefusesContactWithoutAddress()
{
    PUENTE_VERIFY_ERROR(meta::buildMessageBody(obj(R"({"type":"text","text":"x"})")), "invalid_message");
    PUENTE_VERIFY_ERROR(meta::buildMessageBody(obj(R"({"type":"fax","to":"1"})")), "invalid_message");
    QCOMPARE(meta::buildMarkReadBody(QStringLiteral("wamid.X")),
             obj(R"({"messaging_product":"whatsapp","status":"read","message_id":"wamid.X"})"));
}

void TestOutbound::graphErrorsClassified_data()
{
    QTest::addColumn<int>("http");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<bool>("retryable");
    using K = meta::GraphError::Kind;
    Q_UNUSED(K::Network);
    QTest::newRow("190/463 expired (fixture)") << 401 << readGraphFixture("error-190-463-session-expired__issue-chatwoot-9708.json")
                                               << QStringLiteral("unauthorized") << false;
    QTest::newRow("131009 (fixture)") << 400 << readGraphFixture("error-131009-duplicate-button-id__400__issue-restfb-1341.json")
                                      << QStringLiteral("invalid_parameter") << false;
    QTest::newRow("100/33 (fixture)") << 400 << readGraphFixture("error-100-33-unsupported-post-request__issue-whatsapp-cloud-api-rs-3.json")
                                      << QStringLiteral("invalid_parameter") << false;
    QTest::newRow("130429 throughput") << 400 << QByteArray(R"({"error":{"message":"(#130429) Rate limit hit","code":130429}})")
                                       << QStringLiteral("rate_limited") << true;
    QTest::newRow("131056 pair rate") << 400 << QByteArray(R"({"error":{"message":"(#131056) Pair rate limit hit","code":131056}})")
                                      << QStringLiteral("rate_limited") << true;
    QTest::newRow("131047 window") << 400 << QByteArray(R"({"error":{"message":"(#131047) Re-engagement message","code":131047}})")
                                   << QStringLiteral("window_closed") << false;
    QTest::newRow("131026 undeliverable") << 400 << QByteArray(R"({"error":{"message":"(#131026) Message Undeliverable","code":131026}})")
                                          << QStringLiteral("recipient_unavailable") << false;
    QTest::newRow("500 with no body") << 500 << QByteArray("oops") << QStringLiteral("meta_error") << true;
    QTest::newRow("132001 template") << 400 << QByteArray(R"({"error":{"message":"(#132001) Template name does not exist","code":132001}})")
                                     << QStringLiteral("invalid_parameter") << false;
}

void TestOutbound::graphErrorsClassified()
{
    QFETCH(int, http);
    QFETCH(QByteArray, body);
    QFETCH(QString, kind);
    QFETCH(bool, retryable);
    QVERIFY(!body.isEmpty());
    const meta::GraphError e = meta::parseGraphError(http, body);
    QCOMPARE(e.kindName(), kind);
    QCOMPARE(e.retryable(), retryable);
    QVERIFY(!e.explain().isEmpty());
    if (kind == QLatin1String("unauthorized")) {
        QCOMPARE(e.subcode, 463);
        QCOMPARE(e.fbtraceId, QStringLiteral("AZ-HzGEkqc5Vf3E0gy-eAcV"));
        QVERIFY(e.explain().contains(QStringLiteral("expired")));
    }
    if (e.code == 131009)
        QCOMPARE(e.details, QStringLiteral("Duplicate button id"));
}

void TestOutbound::fallbackOnlyWhenPrimaryUnavailable()
{
    meta::GraphError e;
    e.kind = meta::GraphError::Kind::Network;
    QVERIFY(fallbackAllowed(e));
    e.kind = meta::GraphError::Kind::Timeout;
    QVERIFY(fallbackAllowed(e));
    QVERIFY(fallbackAllowed(meta::parseGraphError(401, readGraphFixture("error-190-463-session-expired__issue-chatwoot-9708.json"))));
    QVERIFY(fallbackAllowed(meta::parseGraphError(503, "down")));
    // Policy errors never go round the rules through another transport.
    QVERIFY(!fallbackAllowed(meta::parseGraphError(400, R"({"error":{"code":131047}})")));
    QVERIFY(!fallbackAllowed(meta::parseGraphError(400, R"({"error":{"code":130429}})")));
    QVERIFY(!fallbackAllowed(meta::parseGraphError(400, R"({"error":{"code":131026}})")));
}

// ---------------------------------------------------------------- dispatcher

void TestOutbound::deliveredBeforeTheAnswer(const Tenant &t, const QString &wamid)
{
    Transaction tx(*m_db);
    EventBatch events(tx.connection());
    meta::StatusUpdate s;
    s.id = wamid;
    s.status = QStringLiteral("delivered");
    s.timestampMs = nowMs();
    s.raw = QJsonObject{{QStringLiteral("id"), wamid}, {QStringLiteral("status"), QStringLiteral("delivered")},
                        {QStringLiteral("timestamp"), QStringLiteral("1750000000")}, {QStringLiteral("recipient_id"), QStringLiteral("34600111222")}};
    PUENTE_VERIFY_OK(InboundStore(tx.connection(), t.id, events).applyStatus(s));
    PUENTE_VERIFY_OK(events.write());
    PUENTE_VERIFY_OK(tx.commit());
}

void TestOutbound::sendRecordsWamidAndEarlyStatuses()
{
    const Tenant t = seedTenant(QStringLiteral("acme"), QStringLiteral("1001"));
    const qint64 id = queue(t, QStringLiteral("Hola, ¿sigues interesada?"));
    // Meta's "delivered" can arrive before the answer to the send is stored.
    deliveredBeforeTheAnswer(t, QStringLiteral("wamid.early"));
    if (QTest::currentTestFailed())
        return;
    startDispatcher([](const ScriptedTransport::Call &, int) { return accepted(QStringLiteral("wamid.early")); });
    QTRY_COMPARE_WITH_TIMEOUT(text(QStringLiteral("SELECT status FROM whatsapp_messages WHERE id = ?"), {id}), QStringLiteral("delivered"), 10000);
    QCOMPARE(text(QStringLiteral("SELECT provider_message_id FROM whatsapp_messages WHERE id = ?"), {id}), QStringLiteral("wamid.early"));
    QCOMPARE(text(QStringLiteral("SELECT state FROM outbox WHERE message_id = ?"), {id}), QStringLiteral("done"));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM pending_statuses")), qint64(0));
    QCOMPARE(m_calls->size(), 1);
    const ScriptedTransport::Call call = m_calls->first();
    QCOMPARE(call.phoneNumberId, QStringLiteral("1001"));
    QCOMPARE(call.token, QStringLiteral("EAAtoken-acme")); // opened from its sealed column
    QCOMPARE(call.body.value(QStringLiteral("to")).toString(), QStringLiteral("+34600111222"));
    QCOMPARE(call.body.value(QStringLiteral("text")).toObject().value(QStringLiteral("body")).toString(), QStringLiteral("Hola, ¿sigues interesada?"));
    QTRY_VERIFY(std::any_of(m_published.begin(), m_published.end(), [](const Event &e) {
        return e.type == QLatin1String("message.updated") && e.data.value(QStringLiteral("status")).toString() == QLatin1String("sent");
    }));
    QCOMPARE(m_dispatcher->counters().accepted.load(), quint64(1));
}

// Outcomes are stored 32 rows per statement: across chunks and tenants,
// each message keeps its own wamid and event, an early status reaches only
// its own tenant's message.
void TestOutbound::answersAreRecordedTogether()
{
    const Tenant a = seedTenant(QStringLiteral("acme"), QStringLiteral("1001"), 1000);
    const Tenant b = seedTenant(QStringLiteral("bravo"), QStringLiteral("1002"), 1000);
    QHash<qint64, QString> wamidOf;
    for (int i = 0; i < 45; ++i) {
        wamidOf.insert(queue(a, QStringLiteral("a%1").arg(i)), QStringLiteral("wamid.a%1").arg(i));
        wamidOf.insert(queue(b, QStringLiteral("b%1").arg(i)), QStringLiteral("wamid.b%1").arg(i));
    }
    // "delivered" for b40 before its answer; the same wamid parked for
    // acme (which never sent it) must stay parked.
    for (const Tenant &t : {b, a})
        deliveredBeforeTheAnswer(t, QStringLiteral("wamid.b40"));
    if (QTest::currentTestFailed())
        return;
    const qint64 eventsBefore = count(QStringLiteral("SELECT COUNT(*) FROM events"));
    startDispatcher([](const ScriptedTransport::Call &call, int) {
        return accepted(QStringLiteral("wamid.") + call.body.value(QStringLiteral("text")).toObject().value(QStringLiteral("body")).toString());
    });
    QTRY_COMPARE_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE state = 'done'")), qint64(90), 15000);
    for (auto it = wamidOf.cbegin(); it != wamidOf.cend(); ++it) {
        QCOMPARE(text(QStringLiteral("SELECT provider_message_id FROM whatsapp_messages WHERE id = ?"), {it.key()}), it.value());
        QCOMPARE(text(QStringLiteral("SELECT status FROM whatsapp_messages WHERE id = ?"), {it.key()}),
                 it.value() == QLatin1String("wamid.b40") ? QStringLiteral("delivered") : QStringLiteral("sent"));
    }
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM pending_statuses WHERE tenant_id = ?"), {a.id.value}), qint64(1));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM pending_statuses WHERE tenant_id = ?"), {b.id.value}), qint64(0));
    // One "sent" event per message (plus b40's "delivered"), sequences
    // without gaps or repeats per tenant.
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM events")) - eventsBefore, qint64(91));
    for (const Tenant &t : {a, b})
        QCOMPARE(count(QStringLiteral("SELECT COUNT(DISTINCT seq) - (MAX(seq) - MIN(seq) + 1) FROM events WHERE tenant_id = ?"), {t.id.value}), qint64(0));
    QCOMPARE(m_dispatcher->counters().accepted.load(), quint64(90));
    QCOMPARE(m_calls->size(), 90);
}

void TestOutbound::retryThenSuccess()
{
    const Tenant t = seedTenant(QStringLiteral("acme"), QStringLiteral("1001"));
    const qint64 id = queue(t, QStringLiteral("uno"));
    DispatcherSettings s;
    s.backoffBaseMs = 50;
    startDispatcher([](const ScriptedTransport::Call &, int index) {
        switch (index) {
        case 0: return networkFailure();
        case 1: return failure(400, R"({"error":{"message":"(#130429) Rate limit hit","code":130429}})");
        case 2: return failure(503, "Service Unavailable");
        default: return accepted(QStringLiteral("wamid.after-retries"));
        }
    }, s);
    QTRY_COMPARE_WITH_TIMEOUT(text(QStringLiteral("SELECT status FROM whatsapp_messages WHERE id = ?"), {id}), QStringLiteral("sent"), 15000);
    QCOMPARE(m_calls->size(), 4);
    // Each retry waited (backoff), never hammered.
    for (int i = 1; i < 4; ++i)
        QVERIFY2(m_calls->at(i).atMs - m_calls->at(i - 1).atMs >= 25, qPrintable(QString::number(m_calls->at(i).atMs - m_calls->at(i - 1).atMs)));
    QCOMPARE(count(QStringLiteral("SELECT attempts FROM outbox WHERE message_id = ?"), {id}), qint64(4));
    QCOMPARE(m_dispatcher->counters().retried.load(), quint64(3));
    QCOMPARE(m_dispatcher->counters().rateLimited.load(), quint64(1));
    // The rate-limit hit is kept for the health panel.
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM health_events WHERE tenant_id = ? AND kind = 'rate_limited' AND code = 130429"), {t.id.value}),
             qint64(1));
}

void TestOutbound::permanentFailuresKeepMetasError()
{
    const Tenant t = seedTenant(QStringLiteral("acme"), QStringLiteral("1001"));
    const qint64 window = queue(t, QStringLiteral("fuera de ventana"));
    const qint64 invalid = queue(t, QStringLiteral("botón repetido"));
    startDispatcher([](const ScriptedTransport::Call &call, int) {
        if (call.body.value(QStringLiteral("text")).toObject().value(QStringLiteral("body")).toString().startsWith(QStringLiteral("fuera")))
            return failure(400, R"({"error":{"message":"(#131047) Re-engagement message","type":"OAuthException","code":131047,
                                  "error_data":{"messaging_product":"whatsapp","details":"Message failed to send because more than 24 hours have passed"},"fbtrace_id":"Abc"}})");
        return failure(400, readGraphFixture("error-131009-duplicate-button-id__400__issue-restfb-1341.json"));
    });
    QTRY_COMPARE_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE status = 'failed'")), qint64(2), 10000);
    QCOMPARE(count(QStringLiteral("SELECT error_code FROM whatsapp_messages WHERE id = ?"), {window}), qint64(131047));
    QVERIFY(text(QStringLiteral("SELECT error_title FROM whatsapp_messages WHERE id = ?"), {window}).contains(QStringLiteral("Re-engagement")));
    QVERIFY(text(QStringLiteral("SELECT error_message FROM whatsapp_messages WHERE id = ?"), {window}).contains(QStringLiteral("template")));
    QVERIFY(text(QStringLiteral("SELECT error_details FROM whatsapp_messages WHERE id = ?"), {window}).contains(QStringLiteral("24 hours")));
    QCOMPARE(count(QStringLiteral("SELECT error_code FROM whatsapp_messages WHERE id = ?"), {invalid}), qint64(131009));
    QCOMPARE(text(QStringLiteral("SELECT error_details FROM whatsapp_messages WHERE id = ?"), {invalid}), QStringLiteral("Duplicate button id"));
    QCOMPARE(m_calls->size(), 2); // never retried
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE state = 'failed'")), qint64(2));
    // The configuration is untouched by policy errors.
    QCOMPARE(text(QStringLiteral("SELECT connection_status FROM whatsapp_config WHERE tenant_id = ?"), {t.id.value}), QStringLiteral("unknown"));
}

void TestOutbound::invalidTokenMarksConfigurationFailing()
{
    const Tenant t = seedTenant(QStringLiteral("acme"), QStringLiteral("1001"));
    const qint64 id = queue(t, QStringLiteral("hola"));
    startDispatcher([](const ScriptedTransport::Call &, int) {
        return failure(401, readGraphFixture("error-190-463-session-expired__issue-chatwoot-9708.json"));
    });
    QTRY_COMPARE_WITH_TIMEOUT(text(QStringLiteral("SELECT status FROM whatsapp_messages WHERE id = ?"), {id}), QStringLiteral("failed"), 10000);
    QCOMPARE(count(QStringLiteral("SELECT error_code FROM whatsapp_messages WHERE id = ?"), {id}), qint64(190));
    QCOMPARE(text(QStringLiteral("SELECT connection_status FROM whatsapp_config WHERE tenant_id = ?"), {t.id.value}), QStringLiteral("failing"));
    QVERIFY(text(QStringLiteral("SELECT last_error FROM whatsapp_config WHERE tenant_id = ?"), {t.id.value}).contains(QStringLiteral("token")));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM health_events WHERE tenant_id = ? AND kind = 'token_refused' AND code = 190"), {t.id.value}),
             qint64(1));
}

void TestOutbound::suspendedTenantsQueueIsHeldUntilResumed()
{
    const Tenant t = seedTenant(QStringLiteral("acme"), QStringLiteral("1001"));
    PUENTE_VERIFY_OK(TenantRepository(*m_db).setStatus(t.id, TenantStatus::Suspended, QStringLiteral("factura impagada")));
    const qint64 id = queue(t, QStringLiteral("hola"));
    startDispatcher([](const ScriptedTransport::Call &, int) { return accepted(QStringLiteral("wamid.after-resume")); });
    QTest::qWait(1500);
    QCOMPARE(m_calls->size(), 0);
    QCOMPARE(text(QStringLiteral("SELECT status FROM whatsapp_messages WHERE id = ?"), {id}), QStringLiteral("queued"));
    PUENTE_VERIFY_OK(TenantRepository(*m_db).setStatus(t.id, TenantStatus::Active, {}));
    m_dispatcher->wake();
    QTRY_COMPARE_WITH_TIMEOUT(text(QStringLiteral("SELECT status FROM whatsapp_messages WHERE id = ?"), {id}), QStringLiteral("sent"), 10000);
}

void TestOutbound::retryableFailuresEndAfterMaxAttempts()
{
    const Tenant t = seedTenant(QStringLiteral("acme"), QStringLiteral("1001"));
    const qint64 id = queue(t, QStringLiteral("hola"));
    DispatcherSettings s;
    s.backoffBaseMs = 20;
    s.maxAttempts = 3;
    startDispatcher([](const ScriptedTransport::Call &, int) { return failure(500, R"({"error":{"message":"(#131000) Something went wrong","code":131000}})"); }, s);
    QTRY_COMPARE_WITH_TIMEOUT(text(QStringLiteral("SELECT status FROM whatsapp_messages WHERE id = ?"), {id}), QStringLiteral("failed"), 10000);
    QCOMPARE(m_calls->size(), 3);
    QCOMPARE(count(QStringLiteral("SELECT error_code FROM whatsapp_messages WHERE id = ?"), {id}), qint64(131000));
}

void TestOutbound::interruptedAttemptIsFlaggedNeverResent()
{
    const Tenant t = seedTenant(QStringLiteral("acme"), QStringLiteral("1001"));
    const qint64 id = queue(t, QStringLiteral("¿Te viene bien el lunes?"));
    // A previous run claimed it and died after the request left.
    {
        Transaction tx(*m_db);
        Sql q(tx.connection(), QStringLiteral("UPDATE outbox SET state = 'in_flight', attempts = 1, updated_at = ? WHERE message_id = ?"));
        q.bind(nowMs() - 10 * 60'000).bind(id);
        PUENTE_VERIFY_OK(q.exec());
        PUENTE_VERIFY_OK(tx.commit());
    }
    startDispatcher([](const ScriptedTransport::Call &, int index) { return accepted(QStringLiteral("wamid.retried.%1").arg(index)); });
    QTRY_COMPARE_WITH_TIMEOUT(text(QStringLiteral("SELECT state FROM outbox WHERE message_id = ?"), {id}), QStringLiteral("needs_attention"), 10000);
    QCOMPARE(text(QStringLiteral("SELECT status FROM whatsapp_messages WHERE id = ?"), {id}), QStringLiteral("failed"));
    QCOMPARE(text(QStringLiteral("SELECT attention FROM whatsapp_messages WHERE id = ?"), {id}), QStringLiteral("interrupted"));
    QTest::qWait(400);
    QCOMPARE(m_calls->size(), 0); // not re-sent on its own
    QCOMPARE(m_dispatcher->counters().flagged.load(), quint64(1));
    // A fresh in-flight attempt (another node sending right now) is left alone.
    const qint64 other = queue(t, QStringLiteral("otro"));
    {
        Transaction tx(*m_db);
        Sql q(tx.connection(), QStringLiteral("UPDATE outbox SET state = 'in_flight', updated_at = ? WHERE message_id = ?"));
        q.bind(nowMs()).bind(other);
        PUENTE_VERIFY_OK(q.exec());
        PUENTE_VERIFY_OK(tx.commit());
    }
    auto flagged = OutboxDispatcher::flagInterrupted(*m_db, &m_bus, DispatcherSettings().leaseMs);
    PUENTE_VERIFY_OK(flagged);
    QCOMPARE(flagged.value(), 0);
    // The agent retries: it is sent.
    auto retried = ConversationService(*m_db, &m_bus).retry(t.id, id, QStringLiteral("agent"));
    PUENTE_VERIFY_OK(retried);
    QCOMPARE(retried->status, protocol::MessageStatus::Queued);
    QVERIFY(retried->attention.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(text(QStringLiteral("SELECT status FROM whatsapp_messages WHERE id = ?"), {id}), QStringLiteral("sent"), 10000);
    // Retrying a sent message is refused.
    PUENTE_VERIFY_ERROR(ConversationService(*m_db, &m_bus).retry(t.id, id, QStringLiteral("agent")), "not_retryable");
}

void TestOutbound::fairAndWithinEachNumbersThroughput()
{
    // A tenant's campaign of 120 and another tenant's 5 chats, 20 msg/s each.
    const Tenant campaign = seedTenant(QStringLiteral("campaign"), QStringLiteral("2001"), 20);
    const Tenant chats = seedTenant(QStringLiteral("chats"), QStringLiteral("2002"), 20);
    for (int i = 0; i < 120; ++i)
        queue(campaign, QStringLiteral("oferta %1").arg(i));
    for (int i = 0; i < 5; ++i)
        queue(chats, QStringLiteral("chat %1").arg(i));
    qint64 seq = 0;
    startDispatcher([&seq](const ScriptedTransport::Call &, int) { return accepted(QStringLiteral("wamid.%1").arg(++seq)); });
    QTRY_COMPARE_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE status = 'sent'")), qint64(125), 20000);
    QList<qint64> campaignTimes, chatTimes;
    for (const auto &c : std::as_const(*m_calls))
        (c.phoneNumberId == QLatin1String("2001") ? campaignTimes : chatTimes).append(c.atMs);
    QCOMPARE(campaignTimes.size(), 120);
    QCOMPARE(chatTimes.size(), 5);
    // The chats did not wait for the campaign.
    QVERIFY2(chatTimes.last() < campaignTimes[60], "the small tenant waited behind the campaign");
    // No number ever exceeded its throughput in any one-second window.
    for (const QList<qint64> &times : {campaignTimes, chatTimes}) {
        for (int i = 0; i < times.size(); ++i) {
            int inWindow = 0;
            for (int j = i; j < times.size() && times[j] - times[i] < 1000; ++j)
                ++inWindow;
            QVERIFY2(inWindow <= 20, qPrintable(QStringLiteral("%1 sends within one second").arg(inWindow)));
        }
    }
    // 120 at 20/s takes about six seconds.
    QVERIFY(campaignTimes.last() - campaignTimes.first() >= 5000);
}

void TestOutbound::peopleGoBeforeACampaignOnTheSameNumber()
{
    // Thirty campaign messages wait on a number of 10 msg/s; a recruiter's
    // reply queued once the campaign is going leaves next, not 3 s later.
    const Tenant t = seedTenant(QStringLiteral("acme"), QStringLiteral("3001"), 10);
    for (int i = 0; i < 30; ++i)
        queue(t, QStringLiteral("oferta %1").arg(i));
    {
        Transaction tx(*m_db);
        PUENTE_VERIFY_OK(tx.begun());
        PUENTE_VERIFY_OK(Sql::run(tx.connection(), QStringLiteral("UPDATE whatsapp_messages SET campaign_id = 7")));
        PUENTE_VERIFY_OK(tx.commit());
    }
    qint64 seq = 0;
    startDispatcher([&seq](const ScriptedTransport::Call &, int) { return accepted(QStringLiteral("wamid.%1").arg(++seq)); });
    QTRY_VERIFY_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE status = 'sent'")) >= 3, 10000);
    queue(t, QStringLiteral("Hola Ana, ¿puedes venir el lunes?"));
    QTRY_COMPARE_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE status = 'sent'")), qint64(31), 20000);
    qsizetype position = -1;
    for (qsizetype i = 0; i < m_calls->size(); ++i)
        if (m_calls->at(i).body[QStringLiteral("text")][QStringLiteral("body")].toString().startsWith(QLatin1String("Hola Ana")))
            position = i;
    // Queued after the third send: it goes within the next second's sends.
    QVERIFY2(position >= 3 && position <= 14, qPrintable(QString::number(position)));
}

void TestOutbound::unconfiguredTenantFailsClearly()
{
    const Tenant t = seedTenant(QStringLiteral("acme"), QStringLiteral("1001"));
    const qint64 id = queue(t, QStringLiteral("hola"));
    {
        Transaction tx(*m_db);
        PUENTE_VERIFY_OK(Sql::run(tx.connection(), QStringLiteral("UPDATE whatsapp_config SET is_active = 0")));
        PUENTE_VERIFY_OK(tx.commit());
    }
    startDispatcher([](const ScriptedTransport::Call &, int) { return accepted(QStringLiteral("wamid.never")); });
    QTRY_COMPARE_WITH_TIMEOUT(text(QStringLiteral("SELECT status FROM whatsapp_messages WHERE id = ?"), {id}), QStringLiteral("failed"), 10000);
    QVERIFY(text(QStringLiteral("SELECT error_title FROM whatsapp_messages WHERE id = ?"), {id}).contains(QStringLiteral("not connected")));
    QCOMPARE(m_calls->size(), 0);
}

void TestOutbound::anOutcomeThatCannotBeStoredDoesNotBlockTheOthers()
{
    // Two accepted sends answered with the same wamid (Meta never does
    // this; a stand-in for any row the database refuses): the second cannot
    // be stored, is flagged for the agent, and the rest go on.
    const Tenant t = seedTenant(QStringLiteral("acme"), QStringLiteral("1001"));
    const qint64 a = queue(t, QStringLiteral("uno"));
    const qint64 b = queue(t, QStringLiteral("dos"));
    const qint64 c = queue(t, QStringLiteral("tres"));
    startDispatcher([](const ScriptedTransport::Call &call, int) {
        const QString text = call.body.value(QStringLiteral("text")).toObject().value(QStringLiteral("body")).toString();
        return accepted(text == QLatin1String("tres") ? QStringLiteral("wamid.3") : QStringLiteral("wamid.same"));
    });
    QTRY_COMPARE_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE state IN ('done', 'needs_attention')")), qint64(3), 10000);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE state = 'needs_attention'")), qint64(1));
    QCOMPARE(text(QStringLiteral("SELECT status FROM whatsapp_messages WHERE id = ?"), {c}), QStringLiteral("sent"));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE id IN (?, ?) AND attention = 'interrupted'"), {a, b}), qint64(1));
}

void TestOutbound::mediaIsFetchedCheckedAndStored()
{
    // A stand-in for Graph's media endpoints.
    const QByteArray bytes = "%PDF-1.4 curriculum " + QByteArray(3000, 'c');
    FakeServer graph;
    QStringList auth;
    graph.route(QStringLiteral("/v23.0/"), [&](const QString &id, const http::Request &request) {
        auth.append(QString::fromUtf8(request.header("authorization")));
        return http::Reply::json(QJsonObject{{QStringLiteral("messaging_product"), QStringLiteral("whatsapp")},
                                             {QStringLiteral("url"), QStringLiteral("http://127.0.0.1:%1/download/%2").arg(graph.port()).arg(id)},
                                             {QStringLiteral("mime_type"), QStringLiteral("application/pdf")},
                                             {QStringLiteral("sha256"), QString::fromLatin1(crypto::sha256(bytes).toHex())},
                                             {QStringLiteral("file_size"), bytes.size()},
                                             {QStringLiteral("id"), id}});
    });
    graph.route(QStringLiteral("/download/"), [&](const QString &, const http::Request &request) {
        if (request.header("authorization") != "Bearer EAAtoken-acme")
            return http::Reply::error(401, QStringLiteral("unauthorized"), QStringLiteral("no"));
        return http::Reply{200, "application/pdf", bytes, {}};
    });
    const quint16 port = graph.listen();
    QVERIFY(port);
    const Tenant t = seedTenant(QStringLiteral("acme"), QStringLiteral("1001"));
    // Two inbound documents: one whose webhook sha256 (base64, as Meta sends
    // it) matches the bytes, one whose does not.
    qint64 good = 0, bad = 0;
    {
        Transaction tx(*m_db);
        for (const auto &[id, sha] : {std::pair{QStringLiteral("1001001"), QString::fromLatin1(crypto::sha256(bytes).toBase64())},
                                      std::pair{QStringLiteral("1001002"), QString::fromLatin1(crypto::sha256("something else").toBase64())}}) {
            Sql q(tx.connection(), QStringLiteral("INSERT INTO whatsapp_messages (tenant_id, conversation_id, provider_message_id, direction, type, status, "
                                                  "timestamp, media_id, media_sha256, created_at, updated_at) VALUES (?, ?, ?, 'inbound', 'document', 'received', ?, ?, ?, ?, ?) RETURNING id"));
            q.bind(t.id.value).bind(t.conversation).bind(QStringLiteral("wamid.") + id).bind(nowMs()).bind(id).bind(sha).bind(nowMs()).bind(nowMs());
            PUENTE_VERIFY_OK(q.exec());
            QVERIFY(q.next());
            (id == QLatin1String("1001001") ? good : bad) = q.int64(0);
        }
        PUENTE_VERIFY_OK(tx.commit());
    }
    meta::GraphSettings settings;
    settings.baseUrl = QStringLiteral("http://127.0.0.1:%1").arg(port);
    settings.mediaHosts = {QStringLiteral("127.0.0.1:%1").arg(port)};
    settings.mediaPrivateNetwork = true;
    meta::GraphClient graphClient(settings);
    MediaFetcher fetcher(*m_db, m_ring, &m_bus, graphClient, m_test->dir() + QStringLiteral("/media"));
    auto fetched = aside([&] { return fetcher.fetchDue(); });
    PUENTE_VERIFY_OK(fetched);
    QCOMPARE(fetched.value(), 1);
    const QString sha = QString::fromLatin1(crypto::sha256(bytes).toHex());
    QCOMPARE(text(QStringLiteral("SELECT media_file FROM whatsapp_messages WHERE id = ?"), {good}), sha);
    QFile stored(MediaFetcher::pathFor(m_test->dir() + QStringLiteral("/media"), sha));
    QVERIFY(stored.open(QIODevice::ReadOnly));
    QCOMPARE(stored.readAll(), bytes);
    // The mismatch is refused, explained, and tried again later (not at once).
    QCOMPARE(text(QStringLiteral("SELECT COALESCE(media_file, 'none') FROM whatsapp_messages WHERE id = ?"), {bad}), QStringLiteral("none"));
    QVERIFY(text(QStringLiteral("SELECT media_error FROM whatsapp_messages WHERE id = ?"), {bad}).contains(QStringLiteral("sha256")));
    QCOMPARE(count(QStringLiteral("SELECT media_attempts FROM whatsapp_messages WHERE id = ?"), {bad}), qint64(1));
    QVERIFY(count(QStringLiteral("SELECT media_next_at FROM whatsapp_messages WHERE id = ?"), {bad}) > nowMs() + 20'000);
    PUENTE_VERIFY_OK(aside([&] { return fetcher.fetchDue(); }));
    QCOMPARE(count(QStringLiteral("SELECT media_attempts FROM whatsapp_messages WHERE id = ?"), {bad}), qint64(1));
    QVERIFY(auth.contains(QStringLiteral("Bearer EAAtoken-acme")));
}

void TestOutbound::mediaRequestsGoOnlyToMeta()
{
    // The attack (issue 26): a tenant admin signs a webhook whose media id
    // is a URL, or whose Graph answer points the download somewhere inside.
    // An "internal" server records every request that reaches it.
    FakeServer internal;
    QStringList internalHits;
    internal.route(QStringLiteral("/"), [&](const QString &path, const http::Request &request) {
        internalHits.append(path + QLatin1Char(' ') + QString::fromUtf8(request.header("authorization")));
        return http::Reply{200, "text/plain", QByteArrayLiteral("puente_http_requests_total 42"), {}};
    });
    const quint16 internalPort = internal.listen();
    QVERIFY(internalPort);
    const QString internalUrl = QStringLiteral("http://127.0.0.1:%1/metrics").arg(internalPort);

    // Graph: media 2002002 points inside, 2002003 redirects inside, 2002004
    // has no checksum anywhere.
    FakeServer graph;
    QStringList graphHits;
    quint16 graphPort = 0;
    graph.route(QStringLiteral("/v23.0/"), [&](const QString &id, const http::Request &) {
        graphHits.append(id);
        QString url = QStringLiteral("http://127.0.0.1:%1/download/%2").arg(graphPort).arg(id);
        if (id == QLatin1String("2002002"))
            url = internalUrl;
        QJsonObject o{{QStringLiteral("url"), url}, {QStringLiteral("mime_type"), QStringLiteral("image/jpeg")}, {QStringLiteral("id"), id}};
        if (id != QLatin1String("2002004"))
            o.insert(QStringLiteral("sha256"), QString::fromLatin1(crypto::sha256("x").toHex()));
        return http::Reply::json(o);
    });
    QStringList downloads;
    graph.route(QStringLiteral("/download/"), [&](const QString &id, const http::Request &) {
        downloads.append(id);
        if (id == QLatin1String("2002003"))
            return http::Reply{302, {}, {}, {{QByteArrayLiteral("Location"), internalUrl.toUtf8()}}};
        return http::Reply{200, "image/jpeg", QByteArrayLiteral("x"), {}};
    });
    graphPort = graph.listen();
    QVERIFY(graphPort);

    const Tenant t = seedTenant(QStringLiteral("acme"), QStringLiteral("1001"));
    QHash<QString, qint64> ids;
    {
        Transaction tx(*m_db);
        int n = 0;
        for (const QString &mediaId : {internalUrl, QStringLiteral("../../v23.0/me"), QStringLiteral("2002002"), QStringLiteral("2002003"),
                                       QStringLiteral("2002004")}) {
            Sql q(tx.connection(), QStringLiteral("INSERT INTO whatsapp_messages (tenant_id, conversation_id, provider_message_id, direction, type, status, "
                                                  "timestamp, media_id, created_at, updated_at) VALUES (?, ?, ?, 'inbound', 'image', 'received', ?, ?, ?, ?) RETURNING id"));
            q.bind(t.id.value).bind(t.conversation).bind(QStringLiteral("wamid.ssrf%1").arg(++n)).bind(nowMs()).bind(mediaId).bind(nowMs()).bind(nowMs());
            PUENTE_VERIFY_OK(q.exec());
            QVERIFY(q.next());
            ids.insert(mediaId, q.int64(0));
        }
        PUENTE_VERIFY_OK(tx.commit());
    }
    meta::GraphSettings settings;
    settings.baseUrl = QStringLiteral("http://127.0.0.1:%1").arg(graphPort);
    settings.mediaHosts = {QStringLiteral("127.0.0.1:%1").arg(graphPort)}; // the emulator, not the rest of this host
    settings.mediaPrivateNetwork = true;
    meta::GraphClient graphClient(settings);
    MediaFetcher fetcher(*m_db, m_ring, &m_bus, graphClient, m_test->dir() + QStringLiteral("/media"));
    auto fetched = aside([&] { return fetcher.fetchDue(); });
    PUENTE_VERIFY_OK(fetched);
    QCOMPARE(fetched.value(), 0);

    // Nothing (and no token) ever reached the internal server.
    QVERIFY2(internalHits.isEmpty(), qPrintable(internalHits.join(QLatin1Char(';'))));
    // Ids that are not Meta's were never looked up, and are given up at once.
    QCOMPARE(graphHits.size(), 3);
    QVERIFY(!graphHits.contains(internalUrl));
    for (const QString &bad : {internalUrl, QStringLiteral("../../v23.0/me"), QStringLiteral("2002002")}) {
        QCOMPARE(count(QStringLiteral("SELECT media_attempts FROM whatsapp_messages WHERE id = ?"), {ids.value(bad)}), qint64(MediaFetcher::kMaxAttempts));
        QVERIFY(text(QStringLiteral("SELECT media_file FROM whatsapp_messages WHERE id = ?"), {ids.value(bad)}).isEmpty());
    }
    QVERIFY(text(QStringLiteral("SELECT media_error FROM whatsapp_messages WHERE id = ?"), {ids.value(internalUrl)}).contains(QStringLiteral("not a Meta media id")));
    QVERIFY(text(QStringLiteral("SELECT media_error FROM whatsapp_messages WHERE id = ?"), {ids.value(QStringLiteral("2002002"))})
                .contains(QStringLiteral("not one of Meta's media hosts")));
    // The redirect was not followed; the file without a checksum not kept.
    QCOMPARE(downloads, QStringList{QStringLiteral("2002003")});
    QVERIFY(text(QStringLiteral("SELECT media_error FROM whatsapp_messages WHERE id = ?"), {ids.value(QStringLiteral("2002004"))})
                .contains(QStringLiteral("no sha256")));
    // A console asking for those files hears that they will not come.
    auto gone = ConversationService(*m_db, &m_bus).media(t.id, ids.value(internalUrl), m_test->dir() + QStringLiteral("/media"));
    PUENTE_VERIFY_ERROR(gone, "not_found");
}

void TestOutbound::mediaUrlPolicy_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("allowed");
    // Meta's hosts only, over https, resolving to public addresses.
    QTest::addRow("lookaside") << QStringLiteral("https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1") << true;
    QTest::addRow("plain http") << QStringLiteral("http://lookaside.fbsbx.com/x") << false;
    QTest::addRow("look-alike host") << QStringLiteral("https://lookaside.fbsbx.com.evil.example/x") << false;
    QTest::addRow("other host") << QStringLiteral("https://evil.example/x") << false;
    QTest::addRow("user info") << QStringLiteral("https://user@lookaside.fbsbx.com/x") << false;
    QTest::addRow("file") << QStringLiteral("file:///etc/passwd") << false;
}

void TestOutbound::mediaUrlPolicy()
{
    QFETCH(QString, url);
    QFETCH(bool, allowed);
    meta::GraphSettings meta;
    // The host check comes first; for the allowed case resolve nothing: an
    // address literal in the list stands for Meta's host.
    const Status s = meta::checkMediaUrl(QUrl(url), meta);
    if (allowed)
        QVERIFY(s.ok() || s.error().message.contains(QStringLiteral("resolve"))); // no DNS in the sandbox
    else
        QVERIFY(!s.ok());

    // Private, loopback and link-local addresses are refused even when the
    // host is listed, unless the installation allows them.
    meta::GraphSettings listed;
    for (const QString &host : {QStringLiteral("127.0.0.1"), QStringLiteral("10.1.2.3"), QStringLiteral("169.254.169.254"),
                                QStringLiteral("192.168.1.10"), QStringLiteral("172.20.0.1"), QStringLiteral("100.64.0.1"), QStringLiteral("[::1]"),
                                QStringLiteral("[fd00::1]"), QStringLiteral("[fe80::1]"), QStringLiteral("[::ffff:127.0.0.1]"), QStringLiteral("0.0.0.0")}) {
        listed.mediaHosts = {QString(host).remove(QLatin1Char('[')).remove(QLatin1Char(']'))};
        QVERIFY2(!meta::checkMediaUrl(QUrl(QStringLiteral("https://%1/x").arg(host)), listed).ok(), qPrintable(host));
    }
    listed.mediaHosts = {QStringLiteral("8.8.8.8")};
    QVERIFY(meta::checkMediaUrl(QUrl(QStringLiteral("https://8.8.8.8/x")), listed).ok());
    QVERIFY(meta::isMetaMediaId(QStringLiteral("1234567890123456")));
    for (const QString &id : {QString(), QStringLiteral("http://127.0.0.1/x"), QStringLiteral("12/34"), QStringLiteral("12?a"), QStringLiteral("١٢٣")})
        QVERIFY2(!meta::isMetaMediaId(id), qPrintable(id));
    QVERIFY(!meta::isGraphPath(QStringLiteral("http://127.0.0.1:1/x")));
    QVERIFY(!meta::isGraphPath(QStringLiteral("../me")));
    QVERIFY(meta::isGraphPath(QStringLiteral("106540352242922/messages")));
}

void TestOutbound::dueMediaIsFoundWithoutReadingEveryMessage()
{
    const Tenant t = seedTenant(QStringLiteral("acme"), QStringLiteral("1001"));
    auto insert = [&](QSqlDatabase tx, const QString &wamid, const QVariant &mediaId, int attempts) {
        Sql q(tx, QStringLiteral("INSERT INTO whatsapp_messages (tenant_id, conversation_id, provider_message_id, direction, type, status, "
                                 "timestamp, media_id, media_attempts, created_at, updated_at) VALUES (?, ?, ?, 'inbound', 'image', 'received', ?, ?, ?, ?, ?) RETURNING id"));
        q.bind(t.id.value).bind(t.conversation).bind(wamid).bind(nowMs()).bind(mediaId).bind(attempts).bind(nowMs()).bind(nowMs());
        return q.exec() && q.next() ? q.int64(0) : 0;
    };
    qint64 due = 0, givenUp = 0;
    {
        Transaction tx(*m_db);
        for (int i = 0; i < 500; ++i)
            QVERIFY(insert(tx.connection(), QStringLiteral("wamid.text.%1").arg(i), QVariant(QMetaType(QMetaType::QString)), 0));
        due = insert(tx.connection(), QStringLiteral("wamid.due"), QStringLiteral("media-due"), 2);
        givenUp = insert(tx.connection(), QStringLiteral("wamid.given-up"), QStringLiteral("media-given-up"), MediaFetcher::kMaxAttempts);
        QVERIFY(due && givenUp);
        PUENTE_VERIFY_OK(tx.commit());
    }
    Sql q(m_db->connection(), MediaFetcher::dueQuery());
    q.bind(nowMs()).bind(10);
    PUENTE_VERIFY_OK(q.exec());
    QList<qint64> found;
    while (q.next())
        found.append(q.int64(0));
    QCOMPARE(found, QList<qint64>{due});
    if (m_db->dialect() == Dialect::Sqlite) {
        // The fetcher asks every two seconds: a scan of every message each
        // time would grow with the history.
        Sql plan(m_db->connection(), QStringLiteral("EXPLAIN QUERY PLAN ") + MediaFetcher::dueQuery());
        plan.bind(nowMs()).bind(10);
        PUENTE_VERIFY_OK(plan.exec());
        QStringList steps;
        while (plan.next())
            steps.append(plan.text(3));
        QVERIFY2(steps.join(QLatin1Char('\n')).contains(QStringLiteral("USING INDEX whatsapp_messages_media_due")), qPrintable(steps.join(QLatin1Char('\n'))));
    }
}

void TestOutbound::refusedTokenHoldsTheRestOfTheQueue()
{
    // One message a second, so the first answer (190) comes before the rest leave.
    const Tenant t = seedTenant(QStringLiteral("acme"), QStringLiteral("1001"), 1);
    const qint64 first = queue(t, QStringLiteral("uno"));
    queue(t, QStringLiteral("dos"));
    queue(t, QStringLiteral("tres"));
    startDispatcher([](const ScriptedTransport::Call &, int) {
        return failure(401, readGraphFixture("error-190-463-session-expired__issue-chatwoot-9708.json"));
    });
    QTRY_COMPARE_WITH_TIMEOUT(text(QStringLiteral("SELECT status FROM whatsapp_messages WHERE id = ?"), {first}), QStringLiteral("failed"), 10000);
    QTest::qWait(2500);
    // The others wait (still pending) for a new token instead of failing too.
    QCOMPARE(m_calls->size(), 1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE state = 'pending'")), qint64(2));
}

void TestOutbound::unreadableAcceptanceIsLeftToTheAgent()
{
    const Tenant t = seedTenant(QStringLiteral("acme"), QStringLiteral("1001"));
    const qint64 id = queue(t, QStringLiteral("hola"));
    startDispatcher([](const ScriptedTransport::Call &, int) {
        Transport::Outcome o; // 200 without a message id: maybe sent
        o.unconfirmed = true;
        o.error.httpStatus = 200;
        return o;
    });
    QTRY_COMPARE_WITH_TIMEOUT(text(QStringLiteral("SELECT state FROM outbox WHERE message_id = ?"), {id}), QStringLiteral("needs_attention"), 10000);
    QCOMPARE(text(QStringLiteral("SELECT attention FROM whatsapp_messages WHERE id = ?"), {id}), QStringLiteral("interrupted"));
    QTest::qWait(300);
    QCOMPARE(m_calls->size(), 1); // not retried on its own
}

QTEST_GUILESS_MAIN(TestOutbound)
#include "tst_outbound.moc"
