#include "importing/chatimport.h"

#include "crypto/crypto.h"
#include "domain/phonenumber.h"
#include "importing/chatexport.h"
#include "importing/exportarchive.h"
#include "messaging/conversations.h"
#include "messaging/mediafetcher.h"
#include "messaging/notifications.h"
#include "messaging/rows.h"
#include "storage/sql.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QMimeDatabase>
#include <QTemporaryFile>

namespace puente {

using namespace chatexport;

namespace {

const QString kColumns = QStringLiteral(
    "tenant_id, conversation_id, direction, type, content, status, timestamp, media_file, media_mime_type, media_size, "
    "media_filename, media_caption, edited, revoked, import_key, import_source, created_at, updated_at");
constexpr int kColumnCount = 18;

struct Row {
    bool outbound = false;
    QString type;
    QString content;
    qint64 timestamp = 0;
    QString mediaFile, mimeType, filename;
    qint64 size = -1;
    bool edited = false, revoked = false;
    QByteArray key;
};

QString fold(const QString &s)
{
    return rows::foldForSearch(s.simplified());
}

QString digits(const QString &s)
{
    QString d;
    for (QChar c : s)
        if (c.isDigit())
            d += c;
    return d;
}

// Whether an author of the file is the company as named (by name, or by
// number written any way).
bool sameAuthor(const QString &author, const QString &wanted)
{
    if (wanted.trimmed().isEmpty())
        return false;
    if (fold(author) == fold(wanted))
        return true;
    const QString a = phoneFromAuthor(author);
    const QString w = digits(wanted);
    return !a.isEmpty() && w.size() >= 6 && contactKey(a) == contactKey(w);
}

} // namespace

ChatImporter::ChatImporter(Database &db, EventBus *bus, QString mediaRoot) : m_db(db), m_bus(bus), m_mediaRoot(std::move(mediaRoot)) {}

Result<protocol::ChatImportReport> ChatImporter::run(TenantId tenant, const QString &path, const ChatImportOptions &options, const Actor &actor,
                                                     const Progress &progress)
{
    QElapsedTimer clock;
    clock.start();
    protocol::ChatImportReport report;
    const QString fileName = options.fileName.isEmpty() ? QFileInfo(path).fileName() : QFileInfo(options.fileName).fileName();

    // The text: the file itself, the .txt inside the zip, or either
    // converted from UTF-16.
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError("storage_error", QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    QIODevice *text = &file;
    std::unique_ptr<ExportArchive> archive;
    QTemporaryFile unpacked, converted;
    if (ExportArchive::looksLikeZip(&file)) {
        auto opened = ExportArchive::open(path);
        if (!opened)
            return opened.error();
        archive = std::move(opened.value());
        if (!unpacked.open())
            return makeError("storage_error", QStringLiteral("cannot make a temporary file: %1").arg(unpacked.errorString()));
        if (auto s = archive->extractChat(&unpacked); !s)
            return s.error();
        unpacked.seek(0);
        text = &unpacked;
    }
    if (!converted.open())
        return makeError("storage_error", QStringLiteral("cannot make a temporary file: %1").arg(converted.errorString()));
    auto wasUtf16 = toUtf8File(text, &converted);
    if (!wasUtf16)
        return wasUtf16.error();
    if (wasUtf16.value()) {
        converted.seek(0);
        text = &converted;
    }

    auto settings = NotificationService(m_db, {}, nullptr).settings(tenant);
    if (!settings)
        return settings.error();
    const QString zoneName = options.timeZone.trimmed().isEmpty() ? settings->timeZone : options.timeZone.trimmed();
    const QTimeZone zone(zoneName.toUtf8());
    if (!zone.isValid())
        return makeError("invalid_time_zone", QStringLiteral("%1 is not a time zone; use an IANA name such as Europe/Madrid or America/Mexico_City")
                                                  .arg(zoneName.left(64)));

    Reader reader(text, zone);
    auto scanned = reader.scan();
    if (!scanned)
        return scanned.error();
    const Summary &summary = scanned.value();
    report.layout = summary.ios ? QStringLiteral("ios") : QStringLiteral("android");
    report.dayFirst = summary.dayFirst;
    report.encoding = wasUtf16.value() ? QStringLiteral("utf-16") : summary.encoding;
    if (summary.isGroup())
        return makeError("group_chat", QStringLiteral("this is a group's chat (%1 people wrote in it): Puente's conversations are with one "
                                                      "contact each, so only one-to-one chats can be imported")
                                           .arg(qMax<qsizetype>(summary.authors.size(), 3)));
    if (summary.authors.isEmpty())
        return makeError("empty_chat", QStringLiteral("the chat holds no messages, only WhatsApp's notices"));

    // Which author is the company: the one named, or the account's own
    // name or number as WhatsApp shows it.
    QStringList wanted;
    if (!options.companyName.trimmed().isEmpty()) {
        wanted << options.companyName.trimmed();
    } else {
        Sql account(m_db.connection(), QStringLiteral("SELECT verified_name, display_phone_number FROM whatsapp_config WHERE tenant_id = ?"));
        account.bind(tenant.value);
        if (auto s = account.exec(); !s)
            return s.error();
        while (account.next())
            wanted << account.text(0) << account.text(1);
    }
    QString company;
    for (const QString &author : summary.authors)
        for (const QString &w : std::as_const(wanted))
            if (company.isEmpty() && sameAuthor(author, w))
                company = author;
    const QString authorList = QLatin1Char('"') + summary.authors.join(QStringLiteral("\", \"")) + QLatin1Char('"');
    if (company.isEmpty() && !(summary.authors.size() == 1 && !options.companyName.trimmed().isEmpty())) {
        if (!options.companyName.trimmed().isEmpty())
            return makeError("company_side_unknown", QStringLiteral("\"%1\" did not write in this chat; its authors are %2: say which one is "
                                                                    "your company").arg(options.companyName.trimmed().left(100), authorList));
        return makeError("company_side_unknown", QStringLiteral("say which author is your company: %1").arg(authorList));
    }
    for (const QString &author : summary.authors)
        if (author != company)
            report.contactAuthor = author;
    report.companyAuthor = company.isEmpty() ? options.companyName.trimmed() : company;

    // The contact's number: given, in the file's name, or the author's.
    QString e164, contactName = phoneFromAuthor(report.contactAuthor).isEmpty() ? report.contactAuthor : QString();
    if (!options.contact.trimmed().isEmpty()) {
        auto n = normalizePhoneNumber(options.contact, settings->defaultRegion);
        if (!n)
            return n.error();
        e164 = n.value();
    } else {
        for (const QString &name : {fileName, archive ? archive->chatName() : QString()}) {
            const NameHint hint = hintFromFileName(name);
            if (e164.isEmpty())
                e164 = hint.phone;
            if (contactName.isEmpty())
                contactName = hint.name;
        }
        if (e164.isEmpty())
            e164 = phoneFromAuthor(report.contactAuthor);
    }
    if (e164.isEmpty())
        return makeError("contact_number_missing", QStringLiteral("the contact's number is neither in the file's name nor in the chat: "
                                                                  "give it with the import (for %1)")
                                                       .arg(report.contactAuthor.isEmpty() ? QStringLiteral("the contact") : report.contactAuthor));
    report.contactPhone = e164;

    ConversationService conversations(m_db, m_bus);
    auto started = conversations.start(tenant, e164, contactName, actor);
    if (!started)
        return started.error();
    const qint64 conversationId = started->conversation.id;
    report.conversationId = conversationId;

    const QString key = contactKey(e164);
    const QString source = QStringLiteral("chat-export: ") + fileName.left(200);
    const QByteArray keyPrefix = key.toUtf8() + '\x1f';
    QByteArray material = keyPrefix; // the key's text, rebuilt in place per message
    QString author;
    QByteArray authorUtf8;
    QMimeDatabase mimes;
    QList<Row> batch;
    batch.reserve(kRowsPerStatement);
    std::optional<Transaction> tx;
    int inTransaction = 0;
    qint64 newest = 0;
    QString newestPreview;
    QList<std::pair<QByteArray, int>> seen; // this minute's messages (a few): the same words twice are two messages
    qint64 seenAt = -1;

    auto flush = [&]() -> Status {
        if (batch.isEmpty())
            return {};
        if (!tx) {
            tx.emplace(m_db, Transaction::Priority::Background);
            if (!tx->begun())
                return tx->begun();
        }
        Sql insert(tx->connection(), QStringLiteral("INSERT INTO whatsapp_messages (") + kColumns + QStringLiteral(") VALUES ")
                                         + placeholders(batch.size(), QLatin1Char('(') + placeholders(kColumnCount) + QLatin1Char(')'))
                                         + QStringLiteral(" ON CONFLICT DO NOTHING"));
        const qint64 now = nowMs();
        for (const Row &r : std::as_const(batch)) {
            insert.bind(tenant.value).bind(conversationId).bind(r.outbound ? QStringLiteral("outbound") : QStringLiteral("inbound"))
                .bind(r.type).bind(nullIfEmpty(r.content)).bind(r.outbound ? QStringLiteral("sent") : QStringLiteral("received"))
                .bind(r.timestamp).bind(nullIfEmpty(r.mediaFile)).bind(nullIfEmpty(r.mimeType))
                .bind(r.size >= 0 ? QVariant(r.size) : nullInt()).bind(nullIfEmpty(r.filename))
                .bind(r.type == QLatin1String("text") ? QVariant(QMetaType(QMetaType::QString)) : nullIfEmpty(r.content))
                .bind(r.edited ? 1 : 0).bind(r.revoked ? 1 : 0).bind(QString::fromLatin1(r.key)).bind(source).bind(now).bind(now);
        }
        if (auto s = insert.exec(); !s)
            return s;
        const int added = insert.rowsAffected();
        report.imported += added;
        report.duplicates += batch.size() - added;
        inTransaction += int(batch.size());
        batch.clear();
        if (inTransaction >= kMessagesPerTransaction) {
            if (auto s = tx->commit(); !s)
                return s;
            tx.reset();
            inTransaction = 0;
            if (progress)
                progress(reader.position(), report.messages);
        }
        return {};
    };

    Message m;
    while (reader.next(&m)) {
        if (m.kind == Kind::System) {
            ++report.systemLines;
            continue;
        }
        ++report.messages;
        Row r;
        r.outbound = !company.isEmpty() && m.author == company;
        r.timestamp = m.timeMs;
        r.edited = m.edited;
        r.content = m.text;
        r.type = QStringLiteral("text");
        if (m.kind == Kind::Deleted) {
            r.revoked = true;
        } else if (m.kind == Kind::Media) {
            r.filename = m.attachment;
            r.type = QStringLiteral("media_omitted");
            if (archive && !m.attachment.isEmpty() && archive->has(m.attachment)) {
                QDir().mkpath(m_mediaRoot);
                QTemporaryFile copy(m_mediaRoot + QStringLiteral("/import-XXXXXX"));
                if (!copy.open())
                    return makeError("storage_error", QStringLiteral("cannot write under %1: %2").arg(m_mediaRoot, copy.errorString()));
                auto size = archive->extract(m.attachment, &copy);
                if (!size && size.error().code != QLatin1String("too_large"))
                    return size.error();
                if (size) {
                    copy.seek(0);
                    QCryptographicHash hash(QCryptographicHash::Sha256);
                    hash.addData(&copy);
                    const QString sha = QString::fromLatin1(hash.result().toHex());
                    const QString target = MediaFetcher::pathFor(m_mediaRoot, sha);
                    QDir().mkpath(QFileInfo(target).absolutePath());
                    copy.close();
                    if (!QFile::exists(target)) {
                        if (!copy.rename(target))
                            return makeError("storage_error", QStringLiteral("cannot store %1 under %2").arg(m.attachment, target));
                        copy.setAutoRemove(false);
                    }
                    r.mediaFile = sha;
                    r.size = size.value();
                    r.mimeType = mimes.mimeTypeForFile(m.attachment, QMimeDatabase::MatchExtension).name();
                    r.type = m.mediaType.isEmpty() ? mediaTypeForFile(m.attachment) : m.mediaType;
                    ++report.media;
                }
            }
            if (r.mediaFile.isEmpty())
                ++report.mediaMissing;
        }
        // The stable key: the contact, the time, who wrote and what, and
        // which of this minute's identical messages it is (not its line:
        // an overlapping export puts the same message on another line).
        // It starts with the time, so the unique index fills in time order
        // (a random key cost twice the insert: performance.md).
        if (m.author != author) {
            author = m.author;
            authorUtf8 = author.toUtf8();
        }
        material.truncate(keyPrefix.size());
        material += QByteArray::number(m.timeMs);
        material += '\x1f';
        material += r.outbound ? 'o' : 'i';
        material += '\x1f';
        material += authorUtf8;
        material += '\x1f';
        material += char('0' + int(m.kind));
        material += '\x1f';
        material += m.text.toUtf8();
        material += '\x1f';
        material += m.attachment.toUtf8();
        const QByteArray digest = crypto::sha256(material);
        if (m.timeMs != seenAt) {
            seen.clear();
            seenAt = m.timeMs;
        }
        const auto same = std::find_if(seen.begin(), seen.end(), [&](const auto &e) { return e.first == digest; });
        const int occurrence = same == seen.end() ? 0 : same->second++;
        if (same == seen.end())
            seen.append({digest, 1});
        r.key = QByteArray::number(m.timeMs, 16).rightJustified(12, '0') + digest.toHex().left(40);
        if (occurrence > 0)
            r.key += '.' + QByteArray::number(occurrence);
        if (!report.firstAt || m.timeMs < *report.firstAt)
            report.firstAt = m.timeMs;
        if (!report.lastAt || m.timeMs > *report.lastAt)
            report.lastAt = m.timeMs;
        if (m.timeMs >= newest) {
            newest = m.timeMs;
            newestPreview = r.revoked ? QString()
                : !r.content.isEmpty() ? r.content
                : !r.filename.isEmpty() ? QStringLiteral("📄 ") + r.filename
                : r.type == QLatin1String("text") ? QString() : QLatin1Char('[') + r.type + QLatin1Char(']');
        }
        batch.append(std::move(r));
        if (batch.size() == kRowsPerStatement)
            if (auto s = flush(); !s)
                return s.error();
    }
    if (auto s = flush(); !s)
        return s.error();
    report.notUnderstood = reader.notUnderstood();
    for (int line : reader.notUnderstoodLines())
        report.notUnderstoodLines << line;

    // The conversation shows the import in its place by time; the window,
    // the unread count and the contact's details stay as they were.
    if (!tx) {
        tx.emplace(m_db, Transaction::Priority::Background);
        if (!tx->begun())
            return tx->begun().error();
    }
    QList<Event> events;
    if (report.imported > 0) {
        Sql touch(tx->connection(), QStringLiteral(
            "UPDATE whatsapp_conversations SET "
            "last_message_preview = CASE WHEN COALESCE(last_message_at, 0) <= ? THEN ? ELSE last_message_preview END, "
            "last_message_at = CASE WHEN COALESCE(last_message_at, 0) < ? THEN ? ELSE last_message_at END, updated_at = ? "
            "WHERE tenant_id = ? AND id = ? RETURNING ") + rows::kConversationColumns);
        touch.bind(newest).bind(newestPreview.simplified().left(200)).bind(newest).bind(newest).bind(nowMs()).bind(tenant.value).bind(conversationId);
        if (auto s = touch.exec(); !s)
            return s.error();
        if (touch.next()) {
            auto e = rows::recordEvent(tx->connection(), tenant, QStringLiteral("conversation.updated"), touch, rows::conversationJson);
            if (!e)
                return e.error();
            events << e.value();
        }
    }
    report.durationMs = clock.elapsed();
    if (auto s = AuditLog::append(tx->connection(), actor, tenant, QStringLiteral("chat.imported"), QStringLiteral("conversation"),
                                  QString::number(conversationId),
                                  {{QStringLiteral("file"), fileName.left(200)},
                                   {QStringLiteral("messages"), report.messages},
                                   {QStringLiteral("imported"), report.imported},
                                   {QStringLiteral("duplicates"), report.duplicates},
                                   {QStringLiteral("media"), report.media}});
        !s)
        return s.error();
    if (auto s = tx->commit(); !s)
        return s.error();
    if (m_bus)
        m_bus->publish(events);
    if (progress)
        progress(reader.position(), report.messages);
    return report;
}

} // namespace puente
