#include "messaging/rows.h"

#include "domain/phonenumber.h"
#include "storage/sql.h"

#include <QJsonDocument>

namespace puente::rows {

QString compactJson(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString compactJson(const QJsonArray &array)
{
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QJsonArray jsonArray(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).array();
}

const QString kMessageColumns = QStringLiteral(
    "id, conversation_id, provider_message_id, direction, type, content, status, timestamp, error_code, error_title, "
    "error_message, error_details, media_id, media_mime_type, media_sha256, media_size, media_caption, media_filename, "
    "context_message_id, forwarded, reaction_emoji, edited, revoked, status_at, sent_by_user_id, media_file, template_name, attention, "
    "notification_id, notification_event, reply_payload, import_source");

// A message, from a row of kMessageColumns.
protocol::Message message(const Sql &q)
{
    using namespace protocol;
    Message m;
    m.id = q.int64(0);
    m.conversationId = q.int64(1);
    m.providerMessageId = q.text(2);
    m.direction = enumFromName<Direction>(q.text(3)).value_or(Direction::Inbound);
    m.type = q.text(4);
    m.content = q.text(5);
    m.status = enumFromName<MessageStatus>(q.text(6)).value_or(MessageStatus::Received);
    m.timestamp = q.int64(7);
    m.forwarded = q.int64(19) != 0;
    m.edited = q.int64(21) != 0;
    m.revoked = q.int64(22) != 0;
    if (!q.isNull(8))
        m.error = MessageError{q.int64(8), q.text(9), q.text(10), q.text(11)};
    if (!q.isNull(12) || !q.isNull(25) || !q.isNull(17)) { // a media id, a stored file, or (imported) a file's name
        MessageMedia media;
        // An imported file has no WhatsApp media id, only the stored copy.
        media.id = q.text(12);
        media.mimeType = q.text(13);
        media.sha256 = q.text(14);
        if (!q.isNull(15))
            media.size = q.int64(15);
        media.caption = q.text(16);
        media.filename = q.text(17);
        media.downloaded = !q.isNull(25);
        m.media = media;
    }
    m.replyTo = q.text(18);
    m.reaction = q.text(20);
    if (!q.isNull(23))
        m.statusAt = q.int64(23);
    if (!q.isNull(24))
        m.sentByUserId = q.int64(24);
    m.templateName = q.text(26);
    // Set when the agent must decide (an interrupted send: retry or dismiss).
    m.attention = q.text(27);
    if (!q.isNull(28))
        m.notificationId = q.int64(28);
    m.event = q.text(29);
    m.replyPayload = q.text(30);
    m.importSource = q.text(31);
    return m;
}

const QString kConversationColumns = QStringLiteral(
    "id, conversation_id, contact_wa_id, contact_user_id, contact_phone, contact_name, status, last_message_at, "
    "last_inbound_at, last_message_preview, unread_count, assigned_user_id, created_at, updated_at, opted_out_at");

protocol::Conversation conversation(const Sql &q)
{
    protocol::Conversation c;
    c.id = q.int64(0);
    c.contactKey = q.text(1);
    c.waId = q.text(2);
    c.userId = q.text(3);
    c.phone = q.text(4);
    c.name = q.text(5);
    c.status = protocol::enumFromName<protocol::ConversationStatus>(q.text(6)).value_or(protocol::ConversationStatus::Active);
    c.lastMessageAt = q.int64(7);
    c.lastInboundAt = q.isNull(8) ? 0 : q.int64(8);
    c.preview = q.text(9);
    c.unreadCount = q.int64(10);
    if (!q.isNull(11))
        c.assignedUserId = q.int64(11);
    c.phoneDisplay = formatPhoneNumberForDisplay(c.phone);
    if (c.lastInboundAt)
        c.windowOpenUntil = c.lastInboundAt + kServiceWindowMs;
    c.createdAt = q.int64(12);
    c.updatedAt = q.int64(13);
    if (!q.isNull(14))
        c.optedOutAt = q.int64(14);
    return c;
}

Result<Event> recordEvent(QSqlDatabase tx, TenantId tenant, const QString &type, Sql &returned, RowJson toJson)
{
    const QJsonObject data = toJson(returned);
    returned.finish();
    return EventLog::append(tx, tenant, type, data);
}

Result<Recorded<protocol::Conversation>> recordConversation(QSqlDatabase tx, TenantId tenant, Sql &returned)
{
    protocol::Conversation row = conversation(returned);
    returned.finish();
    auto event = EventLog::append(tx, tenant, QStringLiteral("conversation.updated"), protocol::toJson(row));
    if (!event)
        return event.error();
    return Recorded<protocol::Conversation>{event.value(), std::move(row)};
}

Result<Recorded<protocol::Message>> recordMessage(QSqlDatabase tx, TenantId tenant, const QString &type, Sql &returned)
{
    protocol::Message row = message(returned);
    returned.finish();
    auto event = EventLog::append(tx, tenant, type, protocol::toJson(row));
    if (!event)
        return event.error();
    return Recorded<protocol::Message>{event.value(), std::move(row)};
}

QString foldForSearch(const QString &text)
{
    const QString decomposed = text.normalized(QString::NormalizationForm_KD);
    QString out;
    out.reserve(decomposed.size());
    for (QChar c : decomposed)
        if (c.category() != QChar::Mark_NonSpacing)
            out.append(c);
    return out.toCaseFolded().simplified();
}

QString digitsOf(const QString &number)
{
    QString digits;
    for (QChar c : number)
        if (c.isDigit())
            digits.append(c);
    return digits;
}

QString searchText(const QString &name, const QString &waIdOrPhone)
{
    return (foldForSearch(name) + QLatin1Char(' ') + digitsOf(waIdOrPhone)).trimmed();
}

} // namespace puente::rows
