#include "messaging/rows.h"

#include "domain/phonenumber.h"
#include "storage/sql.h"

namespace puente::rows {

const QString kMessageColumns = QStringLiteral(
    "id, conversation_id, provider_message_id, direction, type, content, status, timestamp, error_code, error_title, "
    "error_message, error_details, media_id, media_mime_type, media_sha256, media_size, media_caption, media_filename, "
    "context_message_id, forwarded, reaction_emoji, edited, revoked, status_at, sent_by_user_id, media_file, template_name, attention");

// The event payload of a message, from a row of kMessageColumns.
QJsonObject messageJson(const Sql &q)
{
    QJsonObject m{
        {QStringLiteral("id"), q.int64(0)},
        {QStringLiteral("conversation_id"), q.int64(1)},
        {QStringLiteral("provider_message_id"), q.text(2)},
        {QStringLiteral("direction"), q.text(3)},
        {QStringLiteral("type"), q.text(4)},
        {QStringLiteral("content"), q.text(5)},
        {QStringLiteral("status"), q.text(6)},
        {QStringLiteral("timestamp"), q.int64(7)},
        {QStringLiteral("forwarded"), q.int64(19) != 0},
        {QStringLiteral("edited"), q.int64(21) != 0},
        {QStringLiteral("revoked"), q.int64(22) != 0},
    };
    if (!q.isNull(8))
        m.insert(QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), q.int64(8)},
                                                      {QStringLiteral("title"), q.text(9)},
                                                      {QStringLiteral("message"), q.text(10)},
                                                      {QStringLiteral("details"), q.text(11)}});
    if (!q.isNull(12))
        m.insert(QStringLiteral("media"), QJsonObject{{QStringLiteral("id"), q.text(12)},
                                                      {QStringLiteral("mime_type"), q.text(13)},
                                                      {QStringLiteral("sha256"), q.text(14)},
                                                      {QStringLiteral("size"), q.isNull(15) ? QJsonValue() : QJsonValue(q.int64(15))},
                                                      {QStringLiteral("caption"), q.text(16)},
                                                      {QStringLiteral("filename"), q.text(17)}});
    if (!q.isNull(18))
        m.insert(QStringLiteral("reply_to"), q.text(18));
    if (!q.isNull(20))
        m.insert(QStringLiteral("reaction"), q.text(20));
    if (!q.isNull(23))
        m.insert(QStringLiteral("status_at"), q.int64(23));
    if (!q.isNull(24))
        m.insert(QStringLiteral("sent_by_user_id"), q.int64(24));
    if (!q.isNull(12) || !q.isNull(25)) {
        QJsonObject media = m.value(QStringLiteral("media")).toObject();
        media.insert(QStringLiteral("downloaded"), !q.isNull(25));
        m.insert(QStringLiteral("media"), media);
    }
    if (!q.isNull(26))
        m.insert(QStringLiteral("template"), q.text(26));
    // Set when the agent must decide (an interrupted send: retry or dismiss).
    if (!q.isNull(27))
        m.insert(QStringLiteral("attention"), q.text(27));
    return m;
}

const QString kConversationColumns = QStringLiteral(
    "id, conversation_id, contact_wa_id, contact_user_id, contact_phone, contact_name, status, last_message_at, "
    "last_inbound_at, last_message_preview, unread_count, assigned_user_id, created_at, updated_at");

QJsonObject conversationJson(const Sql &q)
{
    const qint64 lastInbound = q.isNull(8) ? 0 : q.int64(8);
    return {
        {QStringLiteral("id"), q.int64(0)},
        {QStringLiteral("contact_key"), q.text(1)},
        {QStringLiteral("wa_id"), q.text(2)},
        {QStringLiteral("user_id"), q.text(3)},
        {QStringLiteral("phone"), q.text(4)},
        {QStringLiteral("name"), q.text(5)},
        {QStringLiteral("status"), q.text(6)},
        {QStringLiteral("last_message_at"), q.int64(7)},
        {QStringLiteral("last_inbound_at"), q.int64(8)},
        {QStringLiteral("preview"), q.text(9)},
        {QStringLiteral("unread_count"), q.int64(10)},
        {QStringLiteral("assigned_user_id"), q.isNull(11) ? QJsonValue() : QJsonValue(q.int64(11))},
        {QStringLiteral("phone_display"), formatPhoneNumberForDisplay(q.text(4))},
        {QStringLiteral("window_open_until"), lastInbound ? QJsonValue(lastInbound + kServiceWindowMs) : QJsonValue()},
        {QStringLiteral("created_at"), q.int64(12)},
        {QStringLiteral("updated_at"), q.int64(13)},
    };
}

Result<Event> recordEvent(QSqlDatabase tx, TenantId tenant, const QString &type, Sql &returned, RowJson toJson)
{
    const QJsonObject data = toJson(returned);
    returned.finish();
    return EventLog::append(tx, tenant, type, data);
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

QString searchText(const QString &name, const QString &waIdOrPhone)
{
    QString digits;
    for (QChar c : waIdOrPhone)
        if (c.isDigit())
            digits.append(c);
    return (foldForSearch(name) + QLatin1Char(' ') + digits).trimmed();
}

} // namespace puente::rows
