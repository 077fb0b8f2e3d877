#include "crypto/crypto.h"
#include "events/eventlog.h"
#include "messaging/burstgate.h"
#include "messaging/inboundprocessor.h"
#include "messaging/inboundstore.h"
#include "messaging/webhookinbox.h"
#include "meta/webhookparser.h"
#include "storage/sql.h"
#include "storage/migrations.h"
#include "storage/tenantrepository.h"
#include "storage/whatsappconfigrepository.h"
#include "testsupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QThread>

#include <algorithm>
#include <atomic>

using namespace puente;
using namespace puente::test;

// Inbound processing against SQLite and PostgreSQL, fed with Meta's own
// example payloads copied into tests/fixtures/meta-webhooks.
class TestInbound : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void everyFixtureIsStoredOrKept_data();
    void everyFixtureIsStoredOrKept();
    void duplicateDeliveryStoresOnce();
    void statusesOnlyMoveForward_data();
    void statusesOnlyMoveForward();
    void failedKeepsItsError();
    void statusBeforeMessageWaits();
    void onePostTwoTenants();
    void contactKeyedByUserIdAndWaId();
    void reactionAttachesToTarget();
    void conversationWindowAndUnread();
    void unparseableAndUnroutableBecomeDeadLetters();
    void eventsHaveGaplessSeqPerTenant();
    void aBatchWritesItsEventsInOrder();
    void contactDetailsFollowTheLatestWebhook();
    void parserSurvivesMangledInput();
    void inboxOfAnOlderSqliteFileMovesToItsOwnFile();
    void processedRowsAreMarkedByTheInboxWriter();
    void burstGateDefersOnlyWhileArrivalsOutpaceProcessing();
    void burstGateIgnoresLumpyArrivalsAtASteadyRate();
    void processingCatchesUpAfterABurst();
    void processedBodiesArePrunedAfterAWeek();
    void eventsOlderThanAWeekArePruned();

private:
    qint64 count(const QString &sql, const QVariantList &binds = {});
    void ingest(const QByteArray &body);
    QByteArray textMessage(const QString &phoneNumberId, const QString &wamid, const QString &from, const QString &text,
                           qint64 ts = 1750000000, const QString &userId = {});
    QByteArray statusBody(const QString &wamid, const QString &status, qint64 ts);
    qint64 insertOutbound(TenantId tenant, const QString &wamid);

    std::unique_ptr<TestDatabase> m_test;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<InboundProcessor> m_processor;
    EventBus m_bus;
    QList<Event> m_published;
    TenantId m_lucky;
    TenantId m_other;
};

static const QString kLuckyPhone = QStringLiteral("106540352242922");
static const QString kLuckyWaba = QStringLiteral("102290129340398");
static const QString kOtherPhone = QStringLiteral("999000111");

void TestInbound::initTestCase()
{
    QVERIFY(checkBackendAvailable());
    connect(&m_bus, &EventBus::published, this, [this](const QList<Event> &e) { m_published += e; }, Qt::DirectConnection);
}

void TestInbound::init()
{
    auto opened = TestDatabase::createOpened(true);
    PUENTE_VERIFY_OK(opened);
    std::tie(m_test, m_db) = std::move(opened).value();
    auto ring = crypto::Keyring::create({crypto::randomBytes(32)});
    TenantRepository tenants(*m_db);
    WhatsAppConfigRepository configs(*m_db, ring.value());
    m_lucky = tenants.create(QStringLiteral("lucky-shrub"), QStringLiteral("Lucky Shrub"), Plan::Pro).value().id;
    m_other = tenants.create(QStringLiteral("other"), QStringLiteral("Other"), Plan::Basic).value().id;
    WhatsAppConfig c;
    c.businessApiToken = QStringLiteral("EAAtoken");
    c.phoneNumberId = kLuckyPhone;
    c.businessAccountId = kLuckyWaba;
    PUENTE_VERIFY_OK(configs.save(m_lucky, c, QStringLiteral("test")));
    c.phoneNumberId = kOtherPhone;
    c.businessAccountId = QStringLiteral("555000");
    PUENTE_VERIFY_OK(configs.save(m_other, c, QStringLiteral("test")));
    m_processor = std::make_unique<InboundProcessor>(*m_db, &m_bus);
    m_published.clear();
}

void TestInbound::cleanup()
{
    m_processor.reset();
    m_db.reset();
    m_test.reset();
}

qint64 TestInbound::count(const QString &sql, const QVariantList &binds)
{
    Sql q(connectionFor(*m_db, sql), sql);
    for (const QVariant &b : binds)
        q.bind(b);
    if (!q.exec() || !q.next())
        return -1;
    return q.int64(0);
}

void TestInbound::ingest(const QByteArray &body)
{
    Sql q(m_db->inbox().connection(), QStringLiteral("INSERT INTO webhook_inbox (received_at, body, status) VALUES (?, ?, 'pending')"));
    q.bind(nowMs()).bind(body);
    PUENTE_VERIFY_OK(q.exec());
    auto handled = m_processor->processPending();
    PUENTE_VERIFY_OK(handled);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_inbox WHERE status = 'pending'")), qint64(0));
}

// A webhook body with one "messages" change carrying `value`.
static QByteArray messagesBody(const QJsonObject &value)
{
    const QJsonObject root{{QStringLiteral("object"), QStringLiteral("whatsapp_business_account")},
                           {QStringLiteral("entry"), QJsonArray{QJsonObject{{QStringLiteral("id"), kLuckyWaba},
                                                                          {QStringLiteral("changes"), QJsonArray{QJsonObject{
                                                                               {QStringLiteral("value"), value}, {QStringLiteral("field"), QStringLiteral("messages")}}}}}}}};
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

QByteArray TestInbound::textMessage(const QString &phoneNumberId, const QString &wamid, const QString &from, const QString &text,
                                    qint64 ts, const QString &userId)
{
    QJsonObject contact{{QStringLiteral("profile"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Ana Candidata")}}},
                        {QStringLiteral("wa_id"), from}};
    QJsonObject message{{QStringLiteral("from"), from}, {QStringLiteral("id"), wamid}, {QStringLiteral("timestamp"), QString::number(ts)},
                        {QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), QJsonObject{{QStringLiteral("body"), text}}}};
    if (!userId.isEmpty()) {
        contact.insert(QStringLiteral("user_id"), userId);
        message.insert(QStringLiteral("from_user_id"), userId);
    }
    const QJsonObject value{{QStringLiteral("messaging_product"), QStringLiteral("whatsapp")},
                            {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("display_phone_number"), QStringLiteral("15550783881")},
                                                                     {QStringLiteral("phone_number_id"), phoneNumberId}}},
                            {QStringLiteral("contacts"), QJsonArray{contact}},
                            {QStringLiteral("messages"), QJsonArray{message}}};
    return messagesBody(value);
}

QByteArray TestInbound::statusBody(const QString &wamid, const QString &status, qint64 ts)
{
    QJsonObject st{{QStringLiteral("id"), wamid}, {QStringLiteral("status"), status}, {QStringLiteral("timestamp"), QString::number(ts)},
                   {QStringLiteral("recipient_id"), QStringLiteral("16505551234")}};
    if (status == QLatin1String("failed"))
        st.insert(QStringLiteral("errors"), QJsonArray{QJsonObject{{QStringLiteral("code"), 131047},
                                                                   {QStringLiteral("title"), QStringLiteral("Re-engagement message")},
                                                                   {QStringLiteral("message"), QStringLiteral("Re-engagement message")},
                                                                   {QStringLiteral("error_data"), QJsonObject{{QStringLiteral("details"), QStringLiteral("More than 24 hours have passed")}}}}});
    const QJsonObject value{{QStringLiteral("metadata"), QJsonObject{{QStringLiteral("phone_number_id"), kLuckyPhone}}},
                            {QStringLiteral("statuses"), QJsonArray{st}}};
    return messagesBody(value);
}

qint64 TestInbound::insertOutbound(TenantId tenant, const QString &wamid)
{
    // What the outbox will do: a conversation and a sent message with its wamid.
    Sql conv(m_db->connection(), QStringLiteral("INSERT INTO whatsapp_conversations (tenant_id, conversation_id, contact_wa_id, status, "
                                                "created_at, updated_at) VALUES (?, ?, '16505551234', 'active', 0, 0) "
                                                "ON CONFLICT (tenant_id, conversation_id) DO UPDATE SET updated_at = 0 RETURNING id"));
    conv.bind(tenant.value).bind(QStringLiteral("16505551234"));
    if (!conv.exec() || !conv.next())
        return 0;
    const qint64 conversation = conv.int64(0);
    conv.finish();
    Sql msg(m_db->connection(), QStringLiteral("INSERT INTO whatsapp_messages (tenant_id, conversation_id, provider_message_id, direction, type, "
                                               "content, status, timestamp, created_at, updated_at) VALUES (?, ?, ?, 'outbound', 'text', 'Hola', "
                                               "'sent', 1, 0, 0) RETURNING id"));
    msg.bind(tenant.value).bind(conversation).bind(wamid);
    if (!msg.exec() || !msg.next())
        return 0;
    return msg.int64(0);
}

void TestInbound::everyFixtureIsStoredOrKept_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(QStringLiteral(PUENTE_FIXTURES_DIR "/meta-webhooks"));
    const QStringList files = dir.entryList({QStringLiteral("*.json"), QStringLiteral("*.jsonc")}, QDir::Files, QDir::Name);
    QVERIFY2(files.size() >= 40, qPrintable(dir.absolutePath()));
    for (const QString &f : files)
        QTest::addRow("%s", qPrintable(f)) << dir.filePath(f);
}

void TestInbound::everyFixtureIsStoredOrKept()
{
    QFETCH(QString, path);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QByteArray body = f.readAll();
    if (path.endsWith(QLatin1String(".jsonc")))
        body = QString::fromUtf8(body).remove(QRegularExpression(QStringLiteral(R"(\s//[^\n]*)"))).toUtf8();
    const meta::ParsedWebhook parsed = meta::parseWebhook(body);
    QVERIFY2(parsed.ok, qPrintable(parsed.error));
    QVERIFY(!parsed.changes.isEmpty());
    ingest(body);

    for (const meta::WebhookChange &change : parsed.changes) {
        const bool routed = change.phoneNumberId == kLuckyPhone || (change.phoneNumberId.isEmpty() && (change.wabaId == kLuckyWaba || change.entryId == kLuckyWaba));
        if (!routed) {
            // Placeholder ids in Meta's examples: nobody owns them, so the
            // change is kept as a dead letter with the reason.
            QVERIFY2(count(QStringLiteral("SELECT COUNT(*) FROM dead_letters WHERE reason LIKE 'no tenant owns%'")) >= 1,
                     qPrintable(change.phoneNumberId + QLatin1Char('/') + change.wabaId));
            continue;
        }
        for (const meta::InboundMessage &m : change.messages) {
            Sql q(m_db->connection(), QStringLiteral("SELECT type, content, media_id, media_mime_type, media_sha256, media_caption, "
                                                     "media_filename, context_message_id, raw_json, tenant_id, direction FROM whatsapp_messages "
                                                     "WHERE provider_message_id = ?"));
            q.bind(m.id);
            PUENTE_VERIFY_OK(q.exec());
            QVERIFY2(q.next(), qPrintable(QStringLiteral("message %1 not stored").arg(m.id)));
            QCOMPARE(q.int64(9), m_lucky.value);
            QCOMPARE(q.text(0), m.type);
            QCOMPARE(q.text(1), m.text);
            QCOMPARE(q.text(2), m.mediaId);
            QCOMPARE(q.text(3), m.mimeType);
            QCOMPARE(q.text(4), m.sha256);
            QCOMPARE(q.text(5), m.caption);
            QCOMPARE(q.text(6), m.filename);
            const QString expectedContext = !m.contextId.isEmpty() ? m.contextId : (!m.reactionTo.isEmpty() ? m.reactionTo : m.targetId);
            QCOMPARE(q.text(7), expectedContext);
            QCOMPARE(QJsonDocument::fromJson(q.text(8).toUtf8()).object(), m.raw); // nothing of the payload lost
            // Every message belongs to a conversation of the tenant.
            QVERIFY(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_conversations WHERE tenant_id = ?"), {m_lucky.value}) >= 1);
        }
        for (const meta::StatusUpdate &st : change.statuses) {
            // Statuses for messages we never sent wait for them.
            QVERIFY(count(QStringLiteral("SELECT COUNT(*) FROM pending_statuses WHERE provider_message_id = ? AND status = ?"),
                          {st.id, st.status}) == 1);
        }
        if (change.messages.isEmpty() && change.statuses.isEmpty())
            QVERIFY2(count(QStringLiteral("SELECT COUNT(*) FROM account_events WHERE tenant_id = ? AND field = ?"),
                           {m_lucky.value, change.field}) >= 1, qPrintable(change.field));
        if (!change.errors.isEmpty())
            QVERIFY(count(QStringLiteral("SELECT COUNT(*) FROM account_events WHERE tenant_id = ?"), {m_lucky.value}) >= 1);
    }
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_inbox WHERE status = 'done'")), qint64(1));
}

void TestInbound::duplicateDeliveryStoresOnce()
{
    const QByteArray body = textMessage(kLuckyPhone, QStringLiteral("wamid.dup"), QStringLiteral("34600111222"), QStringLiteral("Hola"));
    for (int i = 0; i < 5; ++i)
        ingest(body);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE provider_message_id = 'wamid.dup'")), qint64(1));
    QCOMPARE(count(QStringLiteral("SELECT unread_count FROM whatsapp_conversations WHERE tenant_id = ?"), {m_lucky.value}), qint64(1));
    QCOMPARE(std::count_if(m_published.cbegin(), m_published.cend(), [](const Event &e) { return e.type == QLatin1String("message.created"); }), 1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_inbox WHERE status = 'done'")), qint64(5));
}

void TestInbound::statusesOnlyMoveForward_data()
{
    QTest::addColumn<QStringList>("order");
    QTest::addColumn<QString>("final");
    QStringList statuses{QStringLiteral("sent"), QStringLiteral("delivered"), QStringLiteral("read")};
    std::sort(statuses.begin(), statuses.end());
    do {
        QTest::addRow("%s", qPrintable(statuses.join(QLatin1Char(',')))) << statuses << QStringLiteral("read");
    } while (std::next_permutation(statuses.begin(), statuses.end()));
    QTest::addRow("read without delivered") << QStringList{QStringLiteral("sent"), QStringLiteral("read")} << QStringLiteral("read");
    QTest::addRow("played after read") << QStringList{QStringLiteral("read"), QStringLiteral("played"), QStringLiteral("delivered")} << QStringLiteral("played");
    QTest::addRow("repeated") << QStringList{QStringLiteral("delivered"), QStringLiteral("delivered"), QStringLiteral("sent")} << QStringLiteral("delivered");
}

void TestInbound::statusesOnlyMoveForward()
{
    QFETCH(QStringList, order);
    QFETCH(QString, final);
    QVERIFY(insertOutbound(m_lucky, QStringLiteral("wamid.out")) > 0);
    qint64 ts = 1750000000;
    for (const QString &s : order)
        ingest(statusBody(QStringLiteral("wamid.out"), s, ts++));
    Sql q(m_db->connection(), QStringLiteral("SELECT status FROM whatsapp_messages WHERE provider_message_id = 'wamid.out'"));
    PUENTE_VERIFY_OK(q.exec());
    QVERIFY(q.next());
    QCOMPARE(q.text(0), final);
}

void TestInbound::failedKeepsItsError()
{
    QVERIFY(insertOutbound(m_lucky, QStringLiteral("wamid.f")) > 0);
    ingest(statusBody(QStringLiteral("wamid.f"), QStringLiteral("failed"), 1750000001));
    ingest(statusBody(QStringLiteral("wamid.f"), QStringLiteral("sent"), 1750000000)); // late
    Sql q(m_db->connection(), QStringLiteral("SELECT status, error_code, error_title, error_details FROM whatsapp_messages WHERE provider_message_id = 'wamid.f'"));
    PUENTE_VERIFY_OK(q.exec());
    QVERIFY(q.next());
    QCOMPARE(q.text(0), QStringLiteral("failed"));
    QCOMPARE(q.int64(1), qint64(131047));
    QCOMPARE(q.text(2), QStringLiteral("Re-engagement message"));
    QCOMPARE(q.text(3), QStringLiteral("More than 24 hours have passed"));
}

void TestInbound::statusBeforeMessageWaits()
{
    ingest(statusBody(QStringLiteral("wamid.early"), QStringLiteral("delivered"), 1750000002));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM pending_statuses")), qint64(1));
    // The message appears (here as an echo of the business's own message).
    Transaction tx(*m_db);
    PUENTE_VERIFY_OK(tx.begun());
    QVERIFY(insertOutbound(m_lucky, QStringLiteral("wamid.early")) > 0);
    EventBatch events(tx.connection());
    InboundStore store(tx.connection(), m_lucky, events);
    PUENTE_VERIFY_OK(store.applyPendingStatuses(QStringLiteral("wamid.early")));
    PUENTE_VERIFY_OK(events.write());
    PUENTE_VERIFY_OK(tx.commit());
    QCOMPARE(events.events().size(), 1);
    QCOMPARE(events.events().first().type, QStringLiteral("message.updated"));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM pending_statuses")), qint64(0));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE provider_message_id = 'wamid.early' AND status = 'delivered'")), qint64(1));
}

void TestInbound::onePostTwoTenants()
{
    QJsonObject a = QJsonDocument::fromJson(textMessage(kLuckyPhone, QStringLiteral("wamid.a"), QStringLiteral("111"), QStringLiteral("para Lucky"))).object();
    const QJsonObject b = QJsonDocument::fromJson(textMessage(kOtherPhone, QStringLiteral("wamid.b"), QStringLiteral("222"), QStringLiteral("para Other"))).object();
    QJsonArray entries = a.value(QStringLiteral("entry")).toArray();
    entries.append(b.value(QStringLiteral("entry")).toArray().first());
    a.insert(QStringLiteral("entry"), entries);
    ingest(QJsonDocument(a).toJson());
    QCOMPARE(count(QStringLiteral("SELECT tenant_id FROM whatsapp_messages WHERE provider_message_id = 'wamid.a'")), m_lucky.value);
    QCOMPARE(count(QStringLiteral("SELECT tenant_id FROM whatsapp_messages WHERE provider_message_id = 'wamid.b'")), m_other.value);
    // Each tenant's events carry only its own message.
    for (const Event &e : std::as_const(m_published)) {
        if (e.type == QLatin1String("message.created"))
            QCOMPARE(e.data.value(QStringLiteral("content")).toString(),
                     e.tenantId == m_lucky ? QStringLiteral("para Lucky") : QStringLiteral("para Other"));
    }
}

void TestInbound::contactKeyedByUserIdAndWaId()
{
    ingest(textMessage(kLuckyPhone, QStringLiteral("wamid.1"), QStringLiteral("34600111222"), QStringLiteral("uno")));
    // Later the same person arrives with a business-scoped user id as well...
    ingest(textMessage(kLuckyPhone, QStringLiteral("wamid.2"), QStringLiteral("34600111222"), QStringLiteral("dos"), 1750000001, QStringLiteral("ES.1234")));
    // ...and then with the user id only (a username user: no phone number).
    ingest(textMessage(kLuckyPhone, QStringLiteral("wamid.3"), QString(), QStringLiteral("tres"), 1750000002, QStringLiteral("ES.1234")));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_conversations WHERE tenant_id = ?"), {m_lucky.value}), qint64(1));
    Sql q(m_db->connection(), QStringLiteral("SELECT contact_wa_id, contact_user_id, contact_phone, contact_name, last_message_preview, search_text "
                                             "FROM whatsapp_conversations"));
    PUENTE_VERIFY_OK(q.exec());
    QVERIFY(q.next());
    QCOMPARE(q.text(0), QStringLiteral("34600111222"));
    QCOMPARE(q.text(1), QStringLiteral("ES.1234"));
    QCOMPARE(q.text(2), QStringLiteral("+34600111222"));
    QCOMPARE(q.text(3), QStringLiteral("Ana Candidata"));
    QCOMPARE(q.text(4), QStringLiteral("tres"));
    QCOMPARE(q.text(5), QStringLiteral("ana candidata 34600111222")); // what conversation search matches
}

void TestInbound::reactionAttachesToTarget()
{
    ingest(textMessage(kLuckyPhone, QStringLiteral("wamid.target"), QStringLiteral("111"), QStringLiteral("¿Sigue abierta la vacante?")));
    QJsonObject body = QJsonDocument::fromJson(textMessage(kLuckyPhone, QStringLiteral("wamid.react"), QStringLiteral("111"), QString(), 1750000005)).object();
    // Turn the text message into a reaction.
    QJsonObject root = body;
    QJsonObject entry = root[QStringLiteral("entry")].toArray()[0].toObject();
    QJsonObject change = entry[QStringLiteral("changes")].toArray()[0].toObject();
    QJsonObject value = change[QStringLiteral("value")].toObject();
    QJsonObject msg = value[QStringLiteral("messages")].toArray()[0].toObject();
    msg.remove(QStringLiteral("text"));
    msg[QStringLiteral("type")] = QStringLiteral("reaction");
    msg[QStringLiteral("reaction")] = QJsonObject{{QStringLiteral("message_id"), QStringLiteral("wamid.target")}, {QStringLiteral("emoji"), QStringLiteral("👍")}};
    value[QStringLiteral("messages")] = QJsonArray{msg};
    change[QStringLiteral("value")] = value;
    entry[QStringLiteral("changes")] = QJsonArray{change};
    root[QStringLiteral("entry")] = QJsonArray{entry};
    ingest(QJsonDocument(root).toJson());
    Sql q(m_db->connection(), QStringLiteral("SELECT reaction_emoji FROM whatsapp_messages WHERE provider_message_id = 'wamid.target'"));
    PUENTE_VERIFY_OK(q.exec());
    QVERIFY(q.next());
    QCOMPARE(q.text(0), QStringLiteral("👍"));
    // A reaction is not an unread message.
    QCOMPARE(count(QStringLiteral("SELECT unread_count FROM whatsapp_conversations WHERE tenant_id = ?"), {m_lucky.value}), qint64(1));
    const bool updated = std::any_of(m_published.cbegin(), m_published.cend(), [](const Event &e) {
        return e.type == QLatin1String("message.updated") && e.data.value(QStringLiteral("reaction")).toString() == QStringLiteral("👍");
    });
    QVERIFY(updated);
}

void TestInbound::conversationWindowAndUnread()
{
    ingest(textMessage(kLuckyPhone, QStringLiteral("wamid.new"), QStringLiteral("111"), QStringLiteral("nuevo"), 1750000100));
    ingest(textMessage(kLuckyPhone, QStringLiteral("wamid.old"), QStringLiteral("111"), QStringLiteral("viejo"), 1750000050)); // arrives late
    Sql q(m_db->connection(), QStringLiteral("SELECT last_message_at, last_inbound_at, unread_count, last_message_preview FROM whatsapp_conversations"));
    PUENTE_VERIFY_OK(q.exec());
    QVERIFY(q.next());
    QCOMPARE(q.int64(0), qint64(1750000100000));
    QCOMPARE(q.int64(1), qint64(1750000100000)); // the 24-hour window runs from the newest inbound message
    QCOMPARE(q.int64(2), qint64(2));
    QCOMPARE(q.text(3), QStringLiteral("nuevo")); // a late older message does not replace the preview
}

void TestInbound::unparseableAndUnroutableBecomeDeadLetters()
{
    ingest(QByteArrayLiteral("{not json"));
    ingest(textMessage(QStringLiteral("777777"), QStringLiteral("wamid.lost"), QStringLiteral("111"), QStringLiteral("¿hola?")));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM dead_letters WHERE reason LIKE 'invalid JSON%'")), qint64(1));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM dead_letters WHERE reason = 'no tenant owns phone number id 777777'")), qint64(1));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages")), qint64(0));

    // The number gets connected; replaying the dead letter delivers the message.
    Sql move(m_db->connection(), QStringLiteral("UPDATE whatsapp_config SET phone_number_id = '777777' WHERE tenant_id = ?"));
    move.bind(m_other.value);
    PUENTE_VERIFY_OK(move.exec());
    const qint64 id = count(QStringLiteral("SELECT id FROM dead_letters WHERE routing_key = '777777'"));
    auto replayed = DeadLetters::replay(*m_db, id);
    PUENTE_VERIFY_OK(replayed);
    PUENTE_VERIFY_OK(m_processor->processPending());
    QCOMPARE(count(QStringLiteral("SELECT tenant_id FROM whatsapp_messages WHERE provider_message_id = 'wamid.lost'")), m_other.value);
    QCOMPARE(count(QStringLiteral("SELECT replay_count FROM dead_letters WHERE id = ?"), {id}), qint64(1));
    PUENTE_VERIFY_ERROR(DeadLetters::replay(*m_db, 987654), "not_found");
}

void TestInbound::eventsHaveGaplessSeqPerTenant()
{
    for (int i = 0; i < 5; ++i) {
        ingest(textMessage(kLuckyPhone, QStringLiteral("wamid.l%1").arg(i), QStringLiteral("111"), QStringLiteral("l")));
        ingest(textMessage(kOtherPhone, QStringLiteral("wamid.o%1").arg(i), QStringLiteral("222"), QStringLiteral("o")));
    }
    for (TenantId t : {m_lucky, m_other}) {
        auto events = EventLog::since(*m_db, t, 0, 1000);
        PUENTE_VERIFY_OK(events);
        QCOMPARE(events->size(), 10); // message.created + conversation.updated, five times
        for (int i = 0; i < events->size(); ++i)
            QCOMPARE(events->at(i).seq, qint64(i + 1));
        QCOMPARE(EventLog::lastSeq(*m_db, t).value(), qint64(10));
        auto tail = EventLog::since(*m_db, t, 7, 1000);
        QCOMPARE(tail->size(), 3);
        QCOMPARE(tail->first().seq, qint64(8));
    }
}

void TestInbound::aBatchWritesItsEventsInOrder()
{
    // 20 webhooks for two tenants in one batch: 40 events, written by
    // multi-row inserts of up to 32, with one counter update per tenant.
    for (int i = 0; i < 20; ++i) {
        Sql q(m_db->inbox().connection(), QStringLiteral("INSERT INTO webhook_inbox (received_at, body, status) VALUES (?, ?, 'pending')"));
        q.bind(nowMs()).bind(textMessage(i % 2 ? kOtherPhone : kLuckyPhone, QStringLiteral("wamid.batch%1").arg(i),
                                         QStringLiteral("34600%1").arg(i % 3), QStringLiteral("mensaje %1").arg(i)));
        PUENTE_VERIFY_OK(q.exec());
    }
    auto handled = m_processor->processPending(32);
    PUENTE_VERIFY_OK(handled);
    QCOMPARE(handled.value(), 20);
    QCOMPARE(m_published.size(), 40);
    // What was published is what the log holds, in the same order, with
    // seqs 1, 2, 3 ... per tenant.
    for (TenantId t : {m_lucky, m_other}) {
        QList<Event> published;
        for (const Event &e : std::as_const(m_published))
            if (e.tenantId == t)
                published.append(e);
        auto logged = EventLog::since(*m_db, t, 0, 1000);
        PUENTE_VERIFY_OK(logged);
        QCOMPARE(logged->size(), 20);
        QCOMPARE(published.size(), 20);
        for (int i = 0; i < 20; ++i) {
            QCOMPARE(published[i].seq, qint64(i + 1));
            QCOMPARE(logged->at(i).seq, published[i].seq);
            QCOMPARE(logged->at(i).type, published[i].type);
            QCOMPARE(logged->at(i).data, published[i].data);
            QCOMPARE(published[i].type, i % 2 ? QStringLiteral("conversation.updated") : QStringLiteral("message.created"));
        }
        QCOMPARE(EventLog::lastSeq(*m_db, t).value(), qint64(20));
    }
    // A single event written by itself in the same transaction as a batch
    // takes the next seq on either side of it.
    Transaction tx(*m_db);
    PUENTE_VERIFY_OK(tx.begun());
    auto before = EventLog::append(tx.connection(), m_lucky, QStringLiteral("test.before"), {});
    PUENTE_VERIFY_OK(before);
    QCOMPARE(before->seq, qint64(21));
    EventBatch batch(tx.connection());
    batch.append(m_lucky, QStringLiteral("test.batch"), {{QStringLiteral("n"), 1}});
    batch.append(m_other, QStringLiteral("test.batch"), {{QStringLiteral("n"), 2}});
    batch.append(m_lucky, QStringLiteral("test.batch"), {{QStringLiteral("n"), 3}});
    PUENTE_VERIFY_OK(batch.write());
    QCOMPARE(batch.events().size(), 3);
    QCOMPARE(batch.events()[0].seq, qint64(22));
    QCOMPARE(batch.events()[1].seq, qint64(21));
    QCOMPARE(batch.events()[2].seq, qint64(23));
    auto after = EventLog::append(tx.connection(), m_lucky, QStringLiteral("test.after"), {});
    QCOMPARE(after->seq, qint64(24));
    PUENTE_VERIFY_OK(tx.commit());
    auto tail = EventLog::since(*m_db, m_lucky, 20, 10);
    QCOMPARE(tail->size(), 4);
    QCOMPARE(tail->at(2).data.value(QStringLiteral("n")).toInt(), 3);
}

void TestInbound::contactDetailsFollowTheLatestWebhook()
{
    ingest(textMessage(kLuckyPhone, QStringLiteral("wamid.c1"), QStringLiteral("34600111222"), QStringLiteral("hola")));
    const QString find = QStringLiteral("SELECT COUNT(*) FROM whatsapp_conversations WHERE contact_wa_id = '34600111222' AND contact_name = ?");
    QCOMPARE(count(find, {QStringLiteral("Ana Candidata")}), qint64(1));
    // The same name again changes nothing but the activity; a new profile
    // name is stored, and the conversation is found by it in search.
    ingest(textMessage(kLuckyPhone, QStringLiteral("wamid.c2"), QStringLiteral("34600111222"), QStringLiteral("otra vez")));
    QCOMPARE(count(find, {QStringLiteral("Ana Candidata")}), qint64(1));
    QJsonObject body = QJsonDocument::fromJson(textMessage(kLuckyPhone, QStringLiteral("wamid.c3"), QStringLiteral("34600111222"),
                                                           QStringLiteral("ya con mi nombre"))).object();
    QByteArray renamed = QJsonDocument(body).toJson(QJsonDocument::Compact);
    renamed.replace("Ana Candidata", "\u00c1ngela Ruiz");
    ingest(renamed);
    QCOMPARE(count(find, {QStringLiteral("Ángela Ruiz")}), qint64(1));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_conversations WHERE search_text = 'angela ruiz 34600111222'")), qint64(1));
    QCOMPARE(count(QStringLiteral("SELECT unread_count FROM whatsapp_conversations WHERE contact_wa_id = '34600111222'")), qint64(3));
    // The last conversation.updated event carries the new name.
    QString lastName;
    for (const Event &e : std::as_const(m_published))
        if (e.type == QLatin1String("conversation.updated"))
            lastName = e.data.value(QStringLiteral("name")).toString();
    QCOMPARE(lastName, QStringLiteral("Ángela Ruiz"));
}

void TestInbound::parserSurvivesMangledInput()
{
    // Cheap in-suite fuzzing: truncations and byte flips of real payloads
    // never crash the parser and never come back half-parsed silently.
    const QDir dir(QStringLiteral(PUENTE_FIXTURES_DIR "/meta-webhooks"));
    QRandomGenerator rng(42);
    const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files);
    for (const QString &name : files) {
        QFile f(dir.filePath(name));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray original = f.readAll();
        for (int i = 0; i < 30; ++i) {
            QByteArray mangled = original.left(int(rng.bounded(original.size() + 1)));
            if (i % 2)
                mangled = original, mangled[int(rng.bounded(original.size()))] = char(rng.bounded(256));
            const meta::ParsedWebhook p = meta::parseWebhook(mangled);
            QVERIFY(p.ok || !p.error.isEmpty());
        }
    }
    // Wrong JSON types everywhere: kept, not crashed.
    const meta::ParsedWebhook odd = meta::parseWebhook(R"({"entry":[{"id":5,"changes":[{"field":"messages","value":{"metadata":{"phone_number_id":106540352242922},"messages":[{"id":7,"timestamp":"soon","type":"image","image":"not an object"}],"statuses":"nope"}}]}, 3, null]})");
    QVERIFY(odd.ok);
    QCOMPARE(odd.changes.size(), 1);
    QCOMPARE(odd.changes.first().phoneNumberId, QStringLiteral("106540352242922"));
    QCOMPARE(odd.changes.first().messages.first().id, QStringLiteral("7"));
    QCOMPARE(odd.changes.first().messages.first().timestampMs, qint64(0));

    // Found by the fuzzer: numbers beyond 64 bits (undefined behaviour when
    // converted carelessly) are kept as text, and absurd timestamps as missing.
    const meta::ParsedWebhook huge = meta::parseWebhook(
        R"({"entry":[{"id":5555555555555555555555555555555551739,"changes":[{"field":"messages","value":{"metadata":{"phone_number_id":1},"messages":[{"id":"w","timestamp":1e300}],"statuses":[{"id":"s","timestamp":-5}]}}]}],"object":5555555555555555555555555555555551739})");
    QVERIFY(huge.ok);
    QCOMPARE(huge.object, QStringLiteral("5.5555555555555554e+36"));
    QCOMPARE(huge.changes.first().entryId, QStringLiteral("5.5555555555555554e+36"));
    QCOMPARE(huge.changes.first().messages.first().timestampMs, qint64(0));
    QCOMPARE(huge.changes.first().statuses.first().timestampMs, qint64(0));
}

QTEST_GUILESS_MAIN(TestInbound)
void TestInbound::inboxOfAnOlderSqliteFileMovesToItsOwnFile()
{
    if (m_db->dialect() != Dialect::Sqlite) {
        // One database on PostgreSQL: no rows are locked by the inbox that
        // processing needs, so there is nothing to split.
        QCOMPARE(&m_db->inbox(), m_db.get());
        return;
    }
    QVERIFY(&m_db->inbox() != m_db.get());
    QVERIFY(QFileInfo::exists(m_db->inbox().url().path));
    {
        // The file's table has no AUTOINCREMENT (a commit writes no
        // sqlite_sequence page), and pending rows are found by the index.
        Sql seq(m_db->inbox().connection(), QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name = 'sqlite_sequence'"));
        PUENTE_VERIFY_OK(seq.exec());
        QVERIFY(seq.next());
        QCOMPARE(seq.int64(0), qint64(0));
        Sql plan(m_db->inbox().connection(),
                 QStringLiteral("EXPLAIN QUERY PLAN SELECT id, received_at, body, signed_by_tenant_id FROM webhook_inbox "
                                "WHERE status = 'pending' ORDER BY id LIMIT 32"));
        PUENTE_VERIFY_OK(plan.exec());
        QVERIFY(plan.next());
        QVERIFY2(plan.text(3).contains(QLatin1String("USING INDEX webhook_inbox_pending")), qPrintable(plan.text(3)));
    }
    // Before the split, bodies waited in the main file. One is still pending
    // when the new version starts: it moves over once and is processed.
    Sql old(m_db->connection(), QStringLiteral("INSERT INTO webhook_inbox (received_at, body, status) VALUES (?, ?, 'pending')"));
    old.bind(nowMs()).bind(textMessage(kLuckyPhone, QStringLiteral("wamid.before-split"), QStringLiteral("34600111222"),
                                       QStringLiteral("Escribí antes de la actualización"), 1750000000));
    PUENTE_VERIFY_OK(old.exec());
    PUENTE_VERIFY_OK(migrations::migrate(*m_db));
    PUENTE_VERIFY_OK(migrations::migrate(*m_db)); // and only once
    Sql left(m_db->connection(), QStringLiteral("SELECT COUNT(*) FROM webhook_inbox WHERE status = 'pending'"));
    PUENTE_VERIFY_OK(left.exec());
    QVERIFY(left.next());
    QCOMPARE(left.int64(0), qint64(0));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_inbox WHERE status = 'pending'")), qint64(1));
    PUENTE_VERIFY_OK(m_processor->processPending());
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE provider_message_id = 'wamid.before-split'")), qint64(1));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_inbox WHERE status = 'done'")), qint64(1));
}

void TestInbound::processedRowsAreMarkedByTheInboxWriter()
{
    for (int i = 0; i < 3; ++i)
        PUENTE_VERIFY_OK(WebhookInbox::insertAlone(m_db->inbox(), textMessage(kLuckyPhone, QStringLiteral("wamid.mark.%1").arg(i), QStringLiteral("34600111222"), QStringLiteral("hola"), 1750000000 + i)));
    if (m_db->dialect() != Dialect::Sqlite) {
        // One database: the rows are marked in the processing transaction.
        QCOMPARE(m_processor->processPending().value(), 3);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_inbox WHERE status = 'done'")), qint64(3));
        return;
    }
    WebhookInbox inbox(*m_db, {});
    m_processor->markThrough(&inbox);
    {
        // The inbox writer is held up (a long commit, say): the processor
        // neither waits for it nor takes the same rows again meanwhile.
        Transaction hold(m_db->inbox());
        PUENTE_VERIFY_OK(hold.begun());
        QCOMPARE(m_processor->processPending().value(), 3);
        QCOMPARE(m_processor->processPending().value(), 0);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE provider_message_id LIKE 'wamid.mark.%'")), qint64(3));
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_inbox WHERE status = 'done'")), qint64(0));
    }
    QTRY_COMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_inbox WHERE status = 'done'")), qint64(3));
    QCOMPARE(m_processor->processPending().value(), 0);
    // A new body after the marks: processed as usual.
    PUENTE_VERIFY_OK(WebhookInbox::insertAlone(m_db->inbox(), textMessage(kLuckyPhone, QStringLiteral("wamid.mark.3"), QStringLiteral("34600111222"),
                                                                          QStringLiteral("hola"), 1750000003)));
    QCOMPARE(m_processor->processPending().value(), 1);
    m_processor->markThrough(nullptr);
}

void TestInbound::burstGateDefersOnlyWhileArrivalsOutpaceProcessing()
{
    BurstGate gate;
    QVERIFY(!gate.shouldDefer(0)); // nothing known yet
    gate.batch(32, 6400);          // 5,000 rows/s
    qint64 stored = 0;
    qint64 t = 0;
    gate.arrivals(t, stored);
    QVERIFY(!gate.shouldDefer(0)); // one sample is no rate yet
    // A burst: 15,000/s, three times the processor's pace.
    for (; t < 1000; t += 50) {
        gate.arrivals(t, stored);
        stored += 750;
    }
    gate.arrivals(t, stored);
    QVERIFY(gate.arrivalsPerSecond() > 14'000);
    QVERIFY(gate.shouldDefer(100));
    QVERIFY(gate.shouldDefer(BurstGate::kMaxLagMs - 1));
    QVERIFY(!gate.shouldDefer(BurstGate::kMaxLagMs)); // never more than kMaxLagMs behind
    // The burst ends: within a window the processor goes back to work.
    t += 50;
    gate.arrivals(t, stored);
    QVERIFY(gate.shouldDefer(100)); // still inside the window
    t += BurstGate::kWindowMs;
    gate.arrivals(t, stored);
    QCOMPARE(gate.arrivalsPerSecond(), 0.0);
    QVERIFY(!gate.shouldDefer(100));
    // Arrivals slower than the pace never defer, however deep the backlog.
    for (int i = 0; i < 20; ++i) {
        t += 50;
        stored += 200; // 4,000/s
        gate.arrivals(t, stored);
        QVERIFY(!gate.shouldDefer(5000));
    }
    // A slower pace (the processor now shares the cores) counts too.
    for (int i = 0; i < 10; ++i)
        gate.batch(32, 16'000); // 2,000/s
    QVERIFY(gate.processedPerSecond() < 2'500);
    QVERIFY(gate.shouldDefer(100));
}

void TestInbound::burstGateIgnoresLumpyArrivalsAtASteadyRate()
{
    // 1,000/s, but committed in lumps: a commit that stalls 150 ms lets 150
    // bodies through at once. The processor (batches at 10,000/s) must not
    // take that for a burst (performance.md, session 7: a gate on group
    // sizes did, and the WebSocket p99 at 1,000/s went from 45 to 97 ms).
    BurstGate gate;
    gate.batch(32, 3200);
    qint64 stored = 0;
    for (qint64 t = 0; t < 5000; t += 10) {
        if (t % 400 < 150) {
            if (t % 400 == 140)
                stored += 150; // the stalled commit lands
        } else {
            stored += 10;
        }
        gate.arrivals(t, stored);
        QVERIFY2(!gate.shouldDefer(200), qPrintable(QStringLiteral("t=%1 ms, %2/s").arg(t).arg(gate.arrivalsPerSecond())));
    }
    QVERIFY(gate.arrivalsPerSecond() > 500 && gate.arrivalsPerSecond() < 2000);
}

void TestInbound::processingCatchesUpAfterABurst()
{
    // The worker with its gate, fed through the inbox as fast as the writer
    // commits: whether or not it paused meanwhile, it works the backlog off
    // as soon as the bodies stop coming (long before kMaxLagMs).
    m_processor.reset(); // the worker needs its own, started after the inbox
    InboundProcessor processor(*m_db, &m_bus);
    WebhookInbox inbox(*m_db, [&processor] { processor.wake(); });
    processor.watchArrivals(&inbox);
    if (m_db->dialect() == Dialect::Sqlite)
        processor.markThrough(&inbox);
    processor.start();
    // Also when a check below fails and returns: the worker uses the inbox,
    // which goes first.
    const auto stopWorker = qScopeGuard([&processor] { processor.stop(); });
    // Enough to outpace the processor for a few of the gate's windows
    // (PostgreSQL processes about a sixth as fast as SQLite here).
    const int kBodies = m_db->dialect() == Dialect::Sqlite ? 6000 : 2000;
    QList<QByteArray> bodies;
    for (int i = 0; i < kBodies; ++i)
        bodies.append(textMessage(kLuckyPhone, QStringLiteral("wamid.burst.%1").arg(i), QStringLiteral("3460%1").arg(i % 50),
                                  QStringLiteral("hola %1").arg(i), 1750000000 + i));
    std::atomic<int> stored = 0;
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < kBodies; ++i) {
        inbox.submit(bodies[i], {}, [&stored](const Status &s) { if (s) ++stored; });
        if (i % 500 == 499)
            QThread::msleep(40); // spread over a few of the gate's windows
    }
    QTRY_COMPARE_WITH_TIMEOUT(stored.load(), kBodies, 30'000);
    const qint64 burstMs = clock.elapsed();
    // (Well within kMaxLagMs: a gate that missed the end of the burst
    // would hold the backlog until then.)
    QTRY_COMPARE_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages")), qint64(kBodies), 25'000);
    qInfo() << "burst of" << kBodies << "stored in" << burstMs << "ms, all processed after" << clock.elapsed() << "ms";
}

void TestInbound::processedBodiesArePrunedAfterAWeek()
{
    // 1,200 processed bodies of eight days ago (more than one of prune's
    // transactions), one of them still pending, one processed today, and
    // the newest row, old and processed.
    constexpr int kOld = 1200;
    const qint64 eightDaysAgo = nowMs() - 8LL * 24 * 3600 * 1000;
    QList<qint64> ids;
    {
        Transaction tx(m_db->inbox());
        PUENTE_VERIFY_OK(tx.begun());
        for (int i = 0; i < kOld + 3; ++i) {
            auto id = WebhookInbox::insert(tx.connection(), QByteArray("{\"object\":\"whatsapp_business_account\",\"entry\":[]}"));
            PUENTE_VERIFY_OK(id);
            ids.append(id.value());
        }
        PUENTE_VERIFY_OK(tx.commit());
    }
    const qint64 pendingOld = ids[10];
    const qint64 doneToday = ids[kOld + 1];
    const qint64 newest = ids.last();
    auto run = [this](const QString &sql, const QVariantList &binds) {
        Sql q(m_db->inbox().connection(), sql);
        for (const QVariant &b : binds)
            q.bind(b);
        PUENTE_VERIFY_OK(q.exec());
    };
    run(QStringLiteral("UPDATE webhook_inbox SET status = 'done', received_at = ?"), {eightDaysAgo});
    run(QStringLiteral("UPDATE webhook_inbox SET status = 'pending' WHERE id = ?"), {pendingOld});
    run(QStringLiteral("UPDATE webhook_inbox SET received_at = ? WHERE id = ?"), {nowMs(), doneToday});

    // One transaction's worth when asked for one, then the rest.
    auto first = WebhookInbox::prune(m_db->inbox(), 7LL * 24 * 3600 * 1000, 1);
    PUENTE_VERIFY_OK(first);
    QCOMPARE(first.value(), qint64(kDeleteChunk));
    auto pruned = WebhookInbox::prune(m_db->inbox(), 7LL * 24 * 3600 * 1000);
    PUENTE_VERIFY_OK(pruned);
    // All but the pending one, today's and the newest.
    QCOMPARE(first.value() + pruned.value(), qint64(kOld));
    Sql left(m_db->inbox().connection(), QStringLiteral("SELECT id FROM webhook_inbox ORDER BY id"));
    PUENTE_VERIFY_OK(left.exec());
    QList<qint64> kept;
    while (left.next())
        kept.append(left.int64(0));
    QCOMPARE(kept, (QList<qint64>{pendingOld, doneToday, newest}));
    // Nothing left to prune: a second pass deletes nothing.
    QCOMPARE(WebhookInbox::prune(m_db->inbox(), 7LL * 24 * 3600 * 1000).value(), qint64(0));
}

void TestInbound::eventsOlderThanAWeekArePruned()
{
    // 1,100 events of eight days ago, then 3 of today: the old ones go (in
    // three of deleteOlderThan's transactions), the recent ones stay and
    // resume still finds them; a second pass deletes nothing.
    {
        Transaction tx(*m_db);
        PUENTE_VERIFY_OK(tx.begun());
        EventBatch batch(tx.connection());
        for (int i = 0; i < 1103; ++i)
            batch.append(m_lucky, QStringLiteral("test.event"), QJsonObject{{QStringLiteral("n"), i}});
        PUENTE_VERIFY_OK(batch.write());
        PUENTE_VERIFY_OK(tx.commit());
    }
    Sql age(m_db->connection(), QStringLiteral("UPDATE events SET created_at = ? WHERE tenant_id = ? AND seq <= 1100"));
    age.bind(nowMs() - 8LL * 24 * 3600 * 1000).bind(m_lucky.value);
    PUENTE_VERIFY_OK(age.exec());
    auto pruned = EventLog::prune(*m_db, 7LL * 24 * 3600 * 1000);
    PUENTE_VERIFY_OK(pruned);
    QCOMPARE(pruned.value(), qint64(1100));
    auto left = EventLog::since(*m_db, m_lucky, 0, 100);
    PUENTE_VERIFY_OK(left);
    QCOMPARE(left->size(), 3);
    QCOMPARE(left->first().seq, qint64(1101));
    QCOMPARE(EventLog::prune(*m_db, 7LL * 24 * 3600 * 1000).value(), qint64(0));
}

#include "tst_inbound.moc"
