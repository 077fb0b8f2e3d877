// Old chats brought into Puente (issue 21): WhatsApp exports imported into
// the contact's conversation, in order, once however often they are run,
// without opening the 24-hour window or waking anything up; bad files get
// a clear error and leave nothing behind. Both stores.
#include "crypto/crypto.h"
#include "importing/chatimport.h"
#include "messaging/conversations.h"
#include "messaging/mediafetcher.h"
#include "storage/sql.h"
#include "storage/tenantrepository.h"
#include "storage/whatsappconfigrepository.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimeZone>


using namespace puente;
using namespace puente::test;

namespace {
QString sample(const QString &name)
{
    return QStringLiteral(PUENTE_FIXTURES_DIR "/chat-exports/") + name;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The messages (system lines apart) a sample's expected file lists.
int expectedMessages(const QString &name)
{
    const QJsonObject o = QJsonDocument::fromJson(readAll(sample(name + QStringLiteral(".expected.json")))).object();
    int n = 0;
    for (const QJsonValue &m : o.value(QStringLiteral("messages")).toArray())
        n += m.toObject().value(QStringLiteral("kind")).toString() != QLatin1String("system");
    return n;
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

} // namespace

class TestChatImport : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(checkBackendAvailable()); }
    void init();
    void cleanup();

    void importsIntoTheContactsConversation();
    void everySampleIsStoredAsWritten_data();
    void everySampleIsStoredAsWritten();
    void runningItAgainAddsNothing();
    void overlappingExportsMerge();
    void keysDoNotDependOnNamesZonesOrMediaFiles();
    void zipMediaIsStored();
    void sameNumberWrittenAnotherWayIsTheSamePerson();
    void timeZoneOfTheImport();
    void companyFromTheAccountsName();
    void existingConversationKeepsItsWindow();
    void badFilesAreRefusedAndLeaveNothing();

private:
    TenantId seedTenant(const QString &slug);
    Result<protocol::ChatImportReport> import(const QString &path, ChatImportOptions options = {});
    qint64 count(const QString &sql, const QVariantList &binds = {}) { return queryCount(*m_db, sql, binds); }

    std::unique_ptr<TestDatabase> m_test;
    std::unique_ptr<Database> m_db;
    EventBus m_bus;
    crypto::KeyringPtr m_ring;
    TenantId m_tenant;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestChatImport::init()
{
    auto opened = TestDatabase::createOpened(true);
    PUENTE_VERIFY_OK(opened);
    std::tie(m_test, m_db) = std::move(opened).value();
    m_ring = crypto::Keyring::create({crypto::randomBytes(32)}).value();
    m_dir = std::make_unique<QTemporaryDir>();
    m_tenant = seedTenant(QStringLiteral("talento"));
}

void TestChatImport::cleanup()
{
    m_db.reset();
    m_test.reset();
}

TenantId TestChatImport::seedTenant(const QString &slug)
{
    const TenantId id = TenantRepository(*m_db).create(slug, slug, Plan::Pro).value().id;
    WhatsAppConfig c;
    c.businessApiToken = QStringLiteral("EAAtoken");
    c.phoneNumberId = QStringLiteral("1100");
    c.businessAccountId = QStringLiteral("2200");
    if (!WhatsAppConfigRepository(*m_db, m_ring).save(id, c, QStringLiteral("test")))
        qFatal("config");
    return id;
}

Result<protocol::ChatImportReport> TestChatImport::import(const QString &path, ChatImportOptions options)
{
    if (options.companyName.isEmpty())
        options.companyName = QStringLiteral("Talento Norte RRHH");
    return ChatImporter(*m_db, &m_bus, m_dir->filePath(QStringLiteral("media"))).run(m_tenant, path, options, Actor(QStringLiteral("test")));
}

void TestChatImport::importsIntoTheContactsConversation()
{
    const QString name = QStringLiteral("Chat de WhatsApp con +34 612 00 00 01");
    QSignalSpy events(&m_bus, &EventBus::published);
    auto report = import(sample(name + QStringLiteral(".txt")));
    PUENTE_VERIFY_OK(report);
    const int expected = expectedMessages(name);
    QCOMPARE(report->messages, qint64(expected));
    QCOMPARE(report->imported, qint64(expected));
    QCOMPARE(report->duplicates, qint64(0));
    QCOMPARE(report->contactPhone, QStringLiteral("+34612000001")); // from the file's name
    QCOMPARE(report->contactAuthor, QStringLiteral("Ana García"));
    QCOMPARE(report->systemLines, qint64(1));
    QVERIFY(report->mediaMissing > 0); // a .txt alone carries no files
    QCOMPARE(report->layout, QStringLiteral("android"));

    // One conversation, the contact's, named as the chat names her.
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_conversations WHERE tenant_id = ?"), {m_tenant.value}), qint64(1));
    const qint64 conversation = report->conversationId;
    QCOMPARE(queryText(*m_db, QStringLiteral("SELECT contact_key FROM whatsapp_conversations WHERE id = ?"), {conversation}),
             QStringLiteral("34612000001"));
    QCOMPARE(queryText(*m_db, QStringLiteral("SELECT contact_name FROM whatsapp_conversations WHERE id = ?"), {conversation}),
             QStringLiteral("Ana García"));
    // The company's lines are outbound, hers inbound, in the file's order.
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE conversation_id = ? AND import_key IS NOT NULL"), {conversation}),
             qint64(expected));
    QCOMPARE(queryText(*m_db, QStringLiteral("SELECT direction FROM whatsapp_messages WHERE conversation_id = ? ORDER BY timestamp, id LIMIT 1"),
                       {conversation}),
             QStringLiteral("outbound"));
    QVERIFY(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE conversation_id = ? AND direction = 'inbound'"), {conversation}) > 5);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE conversation_id = ? AND revoked = 1"), {conversation}), qint64(2));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE conversation_id = ? AND edited = 1"), {conversation}), qint64(1));
    QCOMPARE(queryText(*m_db, QStringLiteral("SELECT import_source FROM whatsapp_messages WHERE conversation_id = ? LIMIT 1"), {conversation}),
             QStringLiteral("chat-export: ") + name + QStringLiteral(".txt"));

    // Imported messages open no window, count as unread for nobody, send
    // nothing and start nothing.
    QCOMPARE(queryText(*m_db, QStringLiteral("SELECT COALESCE(CAST(last_inbound_at AS TEXT), 'none') FROM whatsapp_conversations WHERE id = ?"),
                       {conversation}),
             QStringLiteral("none"));
    QCOMPARE(count(QStringLiteral("SELECT unread_count FROM whatsapp_conversations WHERE id = ?"), {conversation}), qint64(0));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM outbox")), qint64(0));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM notifications")), qint64(0));
    protocol::SendMessage reply;
    reply.message = QStringLiteral("Hola de nuevo, Ana");
    PUENTE_VERIFY_ERROR(ConversationService(*m_db, &m_bus).enqueue(m_tenant, conversation, reply, UserId()), "window_closed");
    // The last message's time and words show in the list.
    QCOMPARE(count(QStringLiteral("SELECT last_message_at FROM whatsapp_conversations WHERE id = ?"), {conversation}), *report->lastAt);
    // Events: the conversation's, never one per message.
    int messageEvents = 0;
    for (const QList<QVariant> &call : std::as_const(events))
        for (const Event &e : call.at(0).value<QList<Event>>())
            messageEvents += e.type.startsWith(QLatin1String("message."));
    QCOMPARE(messageEvents, 0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'chat.imported' AND tenant_id = ?"), {m_tenant.value}), qint64(1));
}

void TestChatImport::everySampleIsStoredAsWritten_data()
{
    QTest::addColumn<QString>("name");
    const QStringList files = QDir(sample(QString())).entryList({QStringLiteral("*.expected.json")}, QDir::Files, QDir::Name);
    for (const QString &f : files) {
        const QString name = f.chopped(int(qstrlen(".expected.json")));
        if (!QJsonDocument::fromJson(readAll(sample(f))).object().contains(QStringLiteral("error")))
            QTest::newRow(qPrintable(name)) << name;
    }
}

// Each sample, imported: its messages in the store in the file's order,
// each with its direction, words, time and marks.
void TestChatImport::everySampleIsStoredAsWritten()
{
    QFETCH(QString, name);
    const QJsonObject expected = QJsonDocument::fromJson(readAll(sample(name + QStringLiteral(".expected.json")))).object();
    const QStringList authors = [&] {
        QStringList out;
        for (const QJsonValue &a : expected.value(QStringLiteral("authors")).toArray())
            out << a.toString();
        return out;
    }();
    const QString company = authors.contains(QStringLiteral("Acme Recruiting")) ? QStringLiteral("Acme Recruiting") : QStringLiteral("Talento Norte RRHH");
    ChatImportOptions o;
    o.companyName = company;
    o.contact = QStringLiteral("+34 699 00 00 01");
    o.timeZone = QStringLiteral("Europe/Madrid");
    auto report = import(sample(name + QStringLiteral(".txt")), o);
    PUENTE_VERIFY_OK(report);
    QList<QJsonObject> messages;
    for (const QJsonValue &m : expected.value(QStringLiteral("messages")).toArray())
        if (m.toObject().value(QStringLiteral("kind")).toString() != QLatin1String("system"))
            messages << m.toObject();
    QCOMPARE(report->imported, qint64(messages.size()));
    QCOMPARE(report->systemLines, qint64(expected.value(QStringLiteral("messages")).toArray().size() - messages.size()));

    Sql q(m_db->connection(), QStringLiteral("SELECT direction, type, COALESCE(content, ''), timestamp, edited, revoked, COALESCE(media_filename, '') "
                                             "FROM whatsapp_messages WHERE conversation_id = ? ORDER BY timestamp, id"));
    q.bind(report->conversationId);
    PUENTE_VERIFY_OK(q.exec());
    int i = 0;
    while (q.next()) {
        QVERIFY(i < messages.size());
        const QJsonObject e = messages.at(i);
        const QString where = QStringLiteral("message %1 (line %2)").arg(i + 1).arg(e.value(QStringLiteral("line")).toInt());
        const QString kind = e.value(QStringLiteral("kind")).toString();
        QVERIFY2(q.text(0) == (e.value(QStringLiteral("author")).toString() == company ? QLatin1String("outbound") : QLatin1String("inbound")),
                 qPrintable(where));
        QVERIFY2(q.text(2) == e.value(QStringLiteral("text")).toString(), qPrintable(where + QStringLiteral(": ") + q.text(2)));
        const QDateTime wall = QDateTime::fromString(e.value(QStringLiteral("time")).toString(), Qt::ISODate);
        QCOMPARE(q.int64(3), QDateTime(wall.date(), wall.time(), QTimeZone(QByteArrayLiteral("Europe/Madrid"))).toMSecsSinceEpoch());
        QCOMPARE(q.int64(4) != 0, e.value(QStringLiteral("edited")).toBool());
        QCOMPARE(q.int64(5) != 0, kind == QLatin1String("deleted"));
        if (kind == QLatin1String("media")) {
            QCOMPARE(q.text(1), QStringLiteral("media_omitted")); // a .txt alone carries no files
            QCOMPARE(q.text(6), e.value(QStringLiteral("attachment")).toString());
        } else {
            QCOMPARE(q.text(1), QStringLiteral("text"));
        }
        ++i;
    }
    QCOMPARE(i, messages.size());
}

void TestChatImport::runningItAgainAddsNothing()
{
    const QString path = sample(QStringLiteral("ios-es.txt"));
    ChatImportOptions o;
    o.contact = QStringLiteral("612 00 00 02"); // the company's region (ES) applies
    auto first = import(path, o);
    PUENTE_VERIFY_OK(first);
    QCOMPARE(first->contactPhone, QStringLiteral("+34612000002"));
    QCOMPARE(first->layout, QStringLiteral("ios"));
    QVERIFY(first->imported > 10);
    const qint64 stored = count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages"));
    auto again = import(path, o);
    PUENTE_VERIFY_OK(again);
    QCOMPARE(again->imported, qint64(0));
    QCOMPARE(again->duplicates, first->messages);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages")), stored);
    QCOMPARE(again->conversationId, first->conversationId);
}

void TestChatImport::overlappingExportsMerge()
{
    // Two exports of one chat: January to the 20th, then the 10th to the
    // end (the days between are in both), with the same words twice in one
    // minute, which are two messages.
    QByteArray early, late;
    for (int day = 1; day <= 30; ++day) {
        const QByteArray date = QStringLiteral("%1/01/20").arg(day, 2, 10, QLatin1Char('0')).toLatin1();
        QByteArray lines = date + " 10:00 - Ana García: Buenos días, día " + QByteArray::number(day) + "\n"
                           + date + " 10:05 - Talento Norte RRHH: ok\n" + date + " 10:05 - Talento Norte RRHH: ok\n"
                           + date + " 10:06 - Ana García: Línea uno\nlínea dos\n";
        if (day <= 20)
            early += lines;
        if (day >= 10)
            late += lines;
    }
    const QString a = m_dir->filePath(QStringLiteral("early.txt")), b = m_dir->filePath(QStringLiteral("late.txt"));
    QVERIFY(writeFile(a, early));
    QVERIFY(writeFile(b, late));
    ChatImportOptions o;
    o.contact = QStringLiteral("+34 612 00 00 03");
    auto first = import(a, o);
    PUENTE_VERIFY_OK(first);
    QCOMPARE(first->imported, qint64(20 * 4));
    auto second = import(b, o);
    PUENTE_VERIFY_OK(second);
    QCOMPARE(second->messages, qint64(21 * 4));
    QCOMPARE(second->duplicates, qint64(11 * 4)); // the 10th to the 20th
    QCOMPARE(second->imported, qint64(10 * 4));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages")), qint64(30 * 4));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE content = 'ok'")), qint64(60));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE content = ?"), {QStringLiteral("Línea uno\nlínea dos")}), qint64(30));
}

void TestChatImport::keysDoNotDependOnNamesZonesOrMediaFiles()
{
    // The same chat exported twice: first from a phone where the candidate
    // was not saved (a number) and without media, read in Madrid's time;
    // then saved as "Ana García", with media, read in Mexico City's time.
    const QByteArray first = "24/12/19 11:23 - +34 612 00 00 07: Hola, os mando la foto\n"
                             "24/12/19 11:23 - +34 612 00 00 07: <Multimedia omitido>\n"
                             "24/12/19 11:25 - Talento Norte RRHH: ok\n"
                             "24/12/19 11:26 - Talento Norte RRHH: ok\n"
                             "24/12/19 11:25 - Talento Norte RRHH: ok\n"; // out of order, same words: three messages
    const QByteArray second = "24/12/19 11:23 - Ana García: Hola, os mando la foto\n"
                              "24/12/19 11:23 - Ana García: IMG-20191224-WA0001.jpg (archivo adjunto)\n"
                              "24/12/19 11:25 - Talento Norte RRHH: ok\n"
                              "24/12/19 11:26 - Talento Norte RRHH: ok\n"
                              "24/12/19 11:25 - Talento Norte RRHH: ok\n";
    const QString txt = m_dir->filePath(QStringLiteral("first.txt")), zip = m_dir->filePath(QStringLiteral("second.zip"));
    QVERIFY(writeFile(txt, first));
    const QByteArray photo = QByteArray("\xFF\xD8\xFF\xE0", 4) + QByteArray(2000, 'f');
    QVERIFY(writeZip(zip, {{"WhatsApp Chat with Ana García.txt", second}, {"IMG-20191224-WA0001.jpg", photo}}));
    ChatImportOptions o;
    o.contact = QStringLiteral("+34 612 00 00 07");
    auto a = import(txt, o);
    PUENTE_VERIFY_OK(a);
    QCOMPARE(a->imported, qint64(5));
    QCOMPARE(a->mediaMissing, qint64(1));
    o.timeZone = QStringLiteral("America/Mexico_City");
    auto b = import(zip, o);
    PUENTE_VERIFY_OK(b);
    QCOMPARE(b->imported, qint64(0));
    QCOMPARE(b->duplicates, qint64(5));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages")), qint64(5));
    // The photo the first export left out is there now.
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE type = 'image' AND media_file IS NOT NULL")), qint64(1));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE type = 'media_omitted'")), qint64(0));
}

void TestChatImport::zipMediaIsStored()
{
    const QByteArray chat = "[24/12/19, 11:23:45] Ana García: Os mando el CV\n"
                            "[24/12/19, 11:23:50] Ana García: \xE2\x80\x8E<attached: 00000012-PHOTO-2019-12-24-11-23-50.jpg>\n"
                            "[24/12/19, 11:24:10] Ana García: \xE2\x80\x8E<attached: 00000013-CV Ana.pdf>\n"
                            "[24/12/19, 11:25:00] Talento Norte RRHH: \xE2\x80\x8E<attached: 00000014-PHOTO-2019-12-24-11-25-00.jpg>\n"
                            "[24/12/19, 11:26:00] Talento Norte RRHH: Recibido, gracias\n";
    const QByteArray photo = QByteArray("\xFF\xD8\xFF\xE0", 4) + QByteArray(3000, 'p');
    const QByteArray pdf = "%PDF-1.4 a CV";
    const QString path = m_dir->filePath(QStringLiteral("WhatsApp Chat - +34 612 00 00 04.zip"));
    QVERIFY(writeZip(path, {{"_chat.txt", chat}, {"00000012-PHOTO-2019-12-24-11-23-50.jpg", photo}, {"00000013-CV Ana.pdf", pdf}}));
    auto report = import(path);
    PUENTE_VERIFY_OK(report);
    QCOMPARE(report->contactPhone, QStringLiteral("+34612000004"));
    QCOMPARE(report->messages, qint64(5));
    QCOMPARE(report->media, qint64(2));
    QCOMPARE(report->mediaMissing, qint64(1)); // the third file is not in the zip
    const QString sha = QString::fromLatin1(crypto::sha256(photo).toHex());
    QVERIFY(QFile::exists(MediaFetcher::pathFor(m_dir->filePath(QStringLiteral("media")), sha)));
    const qint64 photoMessage = count(QStringLiteral("SELECT id FROM whatsapp_messages WHERE media_file = ?"), {sha});
    QVERIFY(photoMessage > 0);
    QCOMPARE(queryText(*m_db, QStringLiteral("SELECT type FROM whatsapp_messages WHERE id = ?"), {photoMessage}), QStringLiteral("image"));
    QCOMPARE(queryText(*m_db, QStringLiteral("SELECT media_mime_type FROM whatsapp_messages WHERE id = ?"), {photoMessage}), QStringLiteral("image/jpeg"));
    QCOMPARE(queryText(*m_db, QStringLiteral("SELECT type FROM whatsapp_messages WHERE media_filename = ?"), {QStringLiteral("00000013-CV Ana.pdf")}),
             QStringLiteral("document"));
    QCOMPARE(queryText(*m_db, QStringLiteral("SELECT type FROM whatsapp_messages WHERE media_filename LIKE '00000014%'")),
             QStringLiteral("media_omitted"));
    // The console shows it from the stored copy, as any file.
    auto file = ConversationService(*m_db, &m_bus).media(m_tenant, photoMessage, m_dir->filePath(QStringLiteral("media")));
    PUENTE_VERIFY_OK(file);
    QCOMPARE(readAll(file->path), photo);
    QCOMPARE(file->mimeType, QStringLiteral("image/jpeg"));
}

void TestChatImport::sameNumberWrittenAnotherWayIsTheSamePerson()
{
    // The candidate wrote from WhatsApp's Mexican wa_id (521…); the export
    // is named with the number as people write it (+52 81 …).
    auto started = ConversationService(*m_db, &m_bus).start(m_tenant, QStringLiteral("+5218154254667"), QStringLiteral("Luis"), Actor(QStringLiteral("t")));
    PUENTE_VERIFY_OK(started);
    ChatImportOptions o;
    o.companyName = QStringLiteral("Acme Recruiting");
    auto report = import(sample(QStringLiteral("WhatsApp Chat with +52 81 5425 4667.txt")), o);
    PUENTE_VERIFY_OK(report);
    QCOMPARE(report->conversationId, started->conversation.id);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_conversations")), qint64(1));
    QCOMPARE(report->imported, qint64(expectedMessages(QStringLiteral("WhatsApp Chat with +52 81 5425 4667"))));
}

void TestChatImport::timeZoneOfTheImport()
{
    const QByteArray chat = "24/12/19 11:23 - Ana García: hola\n24/12/19 11:24 - Talento Norte RRHH: hola Ana\n";
    const QString path = m_dir->filePath(QStringLiteral("tz.txt"));
    QVERIFY(writeFile(path, chat));
    ChatImportOptions o;
    o.contact = QStringLiteral("+52 55 1234 5678");
    o.timeZone = QStringLiteral("America/Mexico_City");
    auto report = import(path, o);
    PUENTE_VERIFY_OK(report);
    // 11:23 in Mexico City (UTC−6 in December) is 17:23 UTC.
    QCOMPARE(*report->firstAt, QDateTime(QDate(2019, 12, 24), QTime(17, 23), QTimeZone::utc()).toMSecsSinceEpoch());
    // Without one, the company's (Europe/Madrid by default: UTC+1).
    o.contact = QStringLiteral("+34 612 00 00 09");
    o.timeZone.clear();
    auto madrid = import(path, o);
    PUENTE_VERIFY_OK(madrid);
    QCOMPARE(*madrid->firstAt, QDateTime(QDate(2019, 12, 24), QTime(10, 23), QTimeZone::utc()).toMSecsSinceEpoch());
    o.timeZone = QStringLiteral("Mars/Olympus_Mons");
    PUENTE_VERIFY_ERROR(import(path, o), "invalid_time_zone");
}

void TestChatImport::companyFromTheAccountsName()
{
    // No company named: the account's verified name as WhatsApp shows it.
    const QString path = sample(QStringLiteral("android-es-24h-ddmmyy.txt"));
    ChatImportOptions o;
    o.contact = QStringLiteral("+34 612 00 00 05");
    o.companyName = QStringLiteral(" ");
    auto unknown = ChatImporter(*m_db, &m_bus, m_dir->path()).run(m_tenant, path, o, Actor(QStringLiteral("t")));
    PUENTE_VERIFY_ERROR(unknown, "company_side_unknown");
    QVERIFY(unknown.error().message.contains(QStringLiteral("Ana García")));
    QVERIFY(unknown.error().message.contains(QStringLiteral("Talento Norte RRHH")));
    {
        Transaction tx(*m_db);
        Sql q(tx.connection(), QStringLiteral("UPDATE whatsapp_config SET verified_name = 'TALENTO NORTE RRHH' WHERE tenant_id = ?"));
        q.bind(m_tenant.value);
        PUENTE_VERIFY_OK(q.exec());
        PUENTE_VERIFY_OK(tx.commit());
    }
    auto known = ChatImporter(*m_db, &m_bus, m_dir->path()).run(m_tenant, path, o, Actor(QStringLiteral("t")));
    PUENTE_VERIFY_OK(known);
    QCOMPARE(known->companyAuthor, QStringLiteral("Talento Norte RRHH"));
    // A name that did not write in the chat is refused with the authors.
    o.companyName = QStringLiteral("Otra Empresa");
    PUENTE_VERIFY_ERROR(import(path, o), "company_side_unknown");
}

void TestChatImport::existingConversationKeepsItsWindow()
{
    // The contact wrote an hour ago: her window stays as it was, and the
    // list keeps showing her latest words, not the old chat's.
    auto started = ConversationService(*m_db, &m_bus).start(m_tenant, QStringLiteral("+34612000001"), QStringLiteral("Ana"), Actor(QStringLiteral("t")));
    PUENTE_VERIFY_OK(started);
    const qint64 recent = nowMs() - 3600 * 1000;
    {
        Transaction tx(*m_db);
        Sql q(tx.connection(), QStringLiteral("UPDATE whatsapp_conversations SET last_inbound_at = ?, last_message_at = ?, "
                                              "last_message_preview = 'hola otra vez', unread_count = 1 WHERE id = ?"));
        q.bind(recent).bind(recent).bind(started->conversation.id);
        PUENTE_VERIFY_OK(q.exec());
        PUENTE_VERIFY_OK(tx.commit());
    }
    auto report = import(sample(QStringLiteral("Chat de WhatsApp con +34 612 00 00 01.txt")));
    PUENTE_VERIFY_OK(report);
    QCOMPARE(report->conversationId, started->conversation.id);
    QCOMPARE(count(QStringLiteral("SELECT last_inbound_at FROM whatsapp_conversations WHERE id = ?"), {started->conversation.id}), recent);
    QCOMPARE(count(QStringLiteral("SELECT last_message_at FROM whatsapp_conversations WHERE id = ?"), {started->conversation.id}), recent);
    QCOMPARE(count(QStringLiteral("SELECT unread_count FROM whatsapp_conversations WHERE id = ?"), {started->conversation.id}), qint64(1));
    QCOMPARE(queryText(*m_db, QStringLiteral("SELECT last_message_preview FROM whatsapp_conversations WHERE id = ?"), {started->conversation.id}),
             QStringLiteral("hola otra vez"));
    protocol::SendMessage reply;
    reply.message = QStringLiteral("¿Sigues interesada?");
    PUENTE_VERIFY_OK(ConversationService(*m_db, &m_bus).enqueue(m_tenant, started->conversation.id, reply, UserId()));
}

void TestChatImport::badFilesAreRefusedAndLeaveNothing()
{
    ChatImportOptions o;
    o.contact = QStringLiteral("+34 612 00 00 06");
    PUENTE_VERIFY_ERROR(import(sample(QStringLiteral("not-a-chat.txt")), o), "not_a_chat_export");
    PUENTE_VERIFY_ERROR(import(sample(QStringLiteral("group-es.txt")), o), "group_chat");
    const QString png = m_dir->filePath(QStringLiteral("photo.txt"));
    QVERIFY(writeFile(png, QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)));
    PUENTE_VERIFY_ERROR(import(png, o), "binary_file");
    const QString evil = m_dir->filePath(QStringLiteral("evil.zip"));
    QVERIFY(writeZip(evil, {{"_chat.txt", "[24/12/19, 11:23:45] Ana: hola\n"}, {"../../../home/x/.bashrc", "rm -rf"}}));
    PUENTE_VERIFY_ERROR(import(evil, o), "zip_unsafe_path");
    // No number anywhere: the file's name is no help and the author is a name.
    PUENTE_VERIFY_ERROR(import(sample(QStringLiteral("android-es-24h-ddmmyy.txt"))), "contact_number_missing");
    o.contact = QStringLiteral("12");
    PUENTE_VERIFY_ERROR(import(sample(QStringLiteral("android-es-24h-ddmmyy.txt")), o), "invalid_phone_number");
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages")), qint64(0));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_conversations")), qint64(0));
}

QTEST_GUILESS_MAIN(TestChatImport)
#include "tst_chatimport.moc"
