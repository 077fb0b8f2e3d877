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

// Whether an author of the file is the company as named (by name, or by
// number written any way).
bool sameAuthor(const QString &author, const QString &wanted)
{
    if (wanted.trimmed().isEmpty())
        return false;
    if (rows::foldForSearch(author) == rows::foldForSearch(wanted)) // folded and simplified
        return true;
    const QString a = phoneFromAuthor(author);
    const QString w = rows::digitsOf(wanted);
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

    auto opened = OpenedExport::open(path);
    if (!opened)
        return opened.error();
    QIODevice *text = (*opened)->text();
    const ExportArchive *archive = (*opened)->archive();

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
    report.encoding = (*opened)->wasUtf16() ? QStringLiteral("utf-16") : summary.encoding;
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
    QMimeDatabase mimes;
    QList<Row> batch;
    batch.reserve(kRowsPerStatement);
    std::optional<Transaction> tx;
    int inTransaction = 0;
    qint64 newest = 0;
    QString newestPreview;
    // Identical messages of the same time are told apart by their order;
    // entries a day older than the newest message go (memory stays bounded,
    // and exports are in time order within far less than a day).
    QHash<QByteArray, std::pair<qint64, int>> seen;
    qint64 latest = 0;
    // Each attachment of the zip is unpacked once, whatever the chat's
    // mentions of it, within a budget of bytes actually unpacked.
    struct Stored {
        QString sha, mime, type;
        qint64 size = -1;
    };
    QHash<QString, std::optional<Stored>> attachments;
    qint64 unpackedBytes = 0;
    const qint64 textSize = qMax<qint64>(text->size(), 1);
    bool cancelled = false;
    const auto keepGoing = [&] {
        if (progress && !progress(reader.position(), textSize, report.messages))
            cancelled = true;
        return !cancelled;
    };

    const auto commit = [&]() -> Status {
        if (!tx)
            return {};
        if (auto s = tx->commit(); !s)
            return s;
        tx.reset();
        inTransaction = 0;
        return {};
    };
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
        insert.finish();
        report.imported += added;
        report.duplicates += batch.size() - added;
        // A media message imported before without its file (a .txt, then
        // the .zip of the same chat) gets the file now.
        if (added < batch.size()) {
            for (const Row &r : std::as_const(batch)) {
                if (r.mediaFile.isEmpty())
                    continue;
                Sql upgrade(tx->connection(), QStringLiteral("UPDATE whatsapp_messages SET type = ?, media_file = ?, media_mime_type = ?, "
                                                             "media_size = ?, media_filename = ?, updated_at = ? "
                                                             "WHERE tenant_id = ? AND import_key = ? AND media_file IS NULL"));
                upgrade.bind(r.type).bind(r.mediaFile).bind(nullIfEmpty(r.mimeType)).bind(r.size).bind(nullIfEmpty(r.filename)).bind(now)
                    .bind(tenant.value).bind(QString::fromLatin1(r.key));
                if (auto s = upgrade.exec(); !s)
                    return s;
            }
        }
        inTransaction += int(batch.size());
        batch.clear();
        // Others wait at most one chunk (or less, when they ask).
        if (inTransaction >= kMessagesPerTransaction || tx->othersWaiting()) {
            if (auto s = commit(); !s)
                return s;
            if (!keepGoing())
                return {};
        }
        return {};
    };
    // An attachment from the zip, stored content-addressed, outside any
    // transaction (unpacking a video must not hold the writer); nothing
    // when it cannot be (missing, damaged, too large, over the budget).
    const auto store = [&](const QString &name) -> std::optional<Stored> {
        if (!archive || name.isEmpty() || !archive->has(name))
            return std::nullopt;
        if (const auto it = attachments.constFind(name); it != attachments.cend())
            return *it;
        std::optional<Stored> result;
        QDir().mkpath(m_mediaRoot);
        QTemporaryFile copy(m_mediaRoot + QStringLiteral("/import-XXXXXX"));
        if (unpackedBytes < ExportArchive::kMaxTotalBytes && copy.open()) {
            auto size = archive->extract(name, &copy);
            unpackedBytes += size ? size.value() : ExportArchive::kMaxAttachmentBytes;
            if (size && copy.seek(0)) {
                QCryptographicHash hash(QCryptographicHash::Sha256);
                hash.addData(&copy);
                const QString sha = QString::fromLatin1(hash.result().toHex());
                const QString target = MediaFetcher::pathFor(m_mediaRoot, sha);
                QDir().mkpath(QFileInfo(target).absolutePath());
                copy.close();
                bool kept = QFile::exists(target);
                if (!kept && copy.rename(target)) {
                    copy.setAutoRemove(false);
                    kept = true;
                }
                if (kept)
                    result = Stored{sha, mimes.mimeTypeForFile(name, QMimeDatabase::MatchExtension).name(), mediaTypeForFile(name), size.value()};
            }
        }
        attachments.insert(name, result);
        return result;
    };

    Message m;
    while (!cancelled && reader.next(&m)) {
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
                if (auto s = flush(); !s)
                    return s.error();
                if (auto s = commit(); !s)
                    return s.error();
                if (!keepGoing())
                    break;
                if (const std::optional<Stored> stored = store(m.attachment)) {
                    r.mediaFile = stored->sha;
                    r.size = stored->size;
                    r.mimeType = stored->mime;
                    r.type = m.mediaType.isEmpty() ? stored->type : m.mediaType;
                    ++report.media;
                }
            }
            if (r.mediaFile.isEmpty())
                ++report.mediaMissing;
        }
        // The stable key: the time as the file writes it (not the instant:
        // another time zone must not make other keys), the direction, the
        // kind and the words (not the author's name, which the exporting
        // phone's contacts decide, nor a media's file name, absent from
        // an export without media), and which of the identical messages
        // of that time it is. It starts with that time, so the unique
        // index fills in time order (a random key cost twice the insert).
        const QByteArray wall = QByteArray::number(m.date.year() * 10000LL + m.date.month() * 100 + m.date.day()) + '.'
                                + QByteArray::number(m.time.hour() * 10000 + m.time.minute() * 100 + m.time.second()).rightJustified(6, '0');
        material.truncate(keyPrefix.size());
        material += wall;
        material += '\x1f';
        material += r.outbound ? 'o' : 'i';
        material += '\x1f';
        material += char('0' + int(m.kind));
        material += '\x1f';
        material += m.text.toUtf8();
        const QByteArray digest = crypto::sha256(material);
        latest = qMax(latest, m.timeMs);
        if (seen.size() > 10000)
            seen.removeIf([&](const auto &e) { return e.value().first < latest - 86400000LL; });
        auto &occurrence = seen[digest];
        occurrence.first = m.timeMs;
        r.key = wall + digest.toHex().left(40);
        if (occurrence.second > 0)
            r.key += '.' + QByteArray::number(occurrence.second);
        ++occurrence.second;
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
    if (cancelled) {
        if (auto s = commit(); !s)
            return s.error();
        return makeError("cancelled", QStringLiteral("the import stopped (the server is stopping); it goes on where it stopped next time"));
    }
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
        (void)progress(reader.position(), textSize, report.messages);
    return report;
}

} // namespace puente
