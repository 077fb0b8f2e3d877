#include "messaging/inboundstore.h"

#include "domain/phonenumber.h"

#include "storage/whatsappconfigrepository.h"

#include "messaging/rows.h"
#include "messaging/templates.h"
#include "storage/sql.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace puente {

namespace {

// "+16505551234" for a wa_id made of digits; empty otherwise.
QString phoneFromWaId(const QString &waId)
{
    static const QRegularExpression digits(QStringLiteral("^[0-9]{6,15}$"));
    return digits.match(waId).hasMatch() ? QLatin1Char('+') + waId : QString();
}

using rows::conversationJson;
using rows::kConversationColumns;
using rows::kMessageColumns;
using rows::messageJson;
} // namespace

int InboundStore::statusRank(const QString &status)
{
    static const QHash<QString, int> ranks = {
        {QStringLiteral("queued"), 0}, {QStringLiteral("sent"), 1},   {QStringLiteral("delivered"), 2},
        {QStringLiteral("read"), 3},   {QStringLiteral("played"), 4}, {QStringLiteral("failed"), 5},
    };
    return ranks.value(status, -1);
}

// Statements that change a message or conversation return the row
// (RETURNING), and the event is built from it: no second read.
void InboundStore::recordMessage(const char *type, Sql &returned)
{
    m_events.append(m_tenant, QString::fromLatin1(type), messageJson(returned));
    returned.finish();
}

void InboundStore::recordConversation(Sql &returned)
{
    m_events.append(m_tenant, QStringLiteral("conversation.updated"), conversationJson(returned));
    returned.finish();
}

Result<InboundStore::Conversation> InboundStore::findOrCreateConversation(const meta::WebhookContact &contact, const meta::InboundMessage &m)
{
    const QString waId = !contact.waId.isEmpty() ? contact.waId : m.from;
    const QString userId = !contact.userId.isEmpty() ? contact.userId : m.fromUserId;
    // By business-scoped user id first (stable across number changes), then
    // by the wa_id's canonical key (one person however the number was
    // written: contactKey): two indexed lookups.
    const QString key = contactKey(waId);
    for (const auto &[column, value] : {std::pair{QStringLiteral("contact_user_id"), userId}, std::pair{QStringLiteral("contact_key"), key}}) {
        if (value.isEmpty())
            continue;
        Sql find(m_tx, QStringLiteral("SELECT id, contact_wa_id, contact_user_id, contact_phone, contact_name, search_text "
                                      "FROM whatsapp_conversations WHERE tenant_id = ? AND %1 = ? ORDER BY id LIMIT 1").arg(column));
        find.bind(m_tenant.value).bind(value);
        if (auto s = find.exec(); !s)
            return s.error();
        if (find.next()) {
            // What the webhook says of the contact now, for the touch to
            // store; nothing when it says what is stored already (then the
            // touch leaves the contact columns, and their indexes, alone).
            const QString knownWaId = !waId.isEmpty() ? waId : find.text(1);
            Conversation c{find.int64(0), {waId, userId, phoneFromWaId(waId), contact.name,
                                           contact.name.isEmpty() ? QString() : rows::searchText(contact.name, knownWaId)}};
            const QString *given[] = {&c.contact.waId, &c.contact.userId, &c.contact.phone, &c.contact.name, &c.contact.searchText};
            bool changes = false;
            for (int i = 0; i < 5; ++i)
                changes = changes || (!given[i]->isEmpty() && *given[i] != find.text(i + 1));
            if (!changes)
                c.contact = {};
            return c;
        }
    }
    // A new contact: keyed by the business-scoped user id when there is one
    // (stable across number changes), else by wa_id.
    QString conversationKey = !userId.isEmpty() ? userId : waId;
    if (conversationKey.isEmpty())
        conversationKey = QStringLiteral("unknown:") + m.id;
    const qint64 now = nowMs();
    Sql insert(m_tx, QStringLiteral("INSERT INTO whatsapp_conversations (tenant_id, conversation_id, contact_wa_id, contact_key, contact_user_id, "
                                    "contact_phone, contact_name, search_text, status, unread_count, created_at, updated_at) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'active', 0, ?, ?) RETURNING id"));
    insert.bind(m_tenant.value).bind(conversationKey).bind(nullIfEmpty(waId)).bind(nullIfEmpty(key)).bind(nullIfEmpty(userId))
        .bind(nullIfEmpty(phoneFromWaId(waId)))
        .bind(nullIfEmpty(contact.name)).bind(rows::searchText(contact.name, waId)).bind(now).bind(now);
    if (auto s = insert.exec(); !s)
        return s.error();
    if (!insert.next())
        return makeError("storage_error", QStringLiteral("conversation insert returned no row"));
    const qint64 id = insert.int64(0);
    insert.finish();
    return Conversation{id, {}};
}

Status InboundStore::touchConversation(const Conversation &c, const meta::InboundMessage &m, bool inbound, bool countsAsUnread)
{
    // Media without words: "[image]" (the console says it in its language),
    // a document by its file name.
    QString preview = !m.text.isEmpty()                                     ? m.text
        : m.type == QLatin1String("document") && !m.filename.isEmpty() ? QStringLiteral("📄 ") + m.filename
                                                                          : QLatin1Char('[') + m.type + QLatin1Char(']');
    preview = preview.simplified().left(200);
    // One statement: the contact's details as this webhook gives them (a
    // field the webhook leaves out keeps its value) when they changed, and
    // the activity.
    const bool contactChanged = !c.contact.waId.isEmpty() || !c.contact.userId.isEmpty() || !c.contact.phone.isEmpty()
        || !c.contact.name.isEmpty() || !c.contact.searchText.isEmpty();
    static const QString kActivity = QStringLiteral(
        "last_message_preview = CASE WHEN COALESCE(last_message_at, 0) <= ? THEN ? ELSE last_message_preview END, "
        "last_message_at = CASE WHEN COALESCE(last_message_at, 0) < ? THEN ? ELSE last_message_at END, "
        "last_inbound_at = CASE WHEN ? = 1 AND COALESCE(last_inbound_at, 0) < ? THEN ? ELSE last_inbound_at END, "
        "unread_count = unread_count + ?, updated_at = ? WHERE id = ? RETURNING ") + kConversationColumns;
    static const QString kTouch = QStringLiteral("UPDATE whatsapp_conversations SET ") + kActivity;
    static const QString kTouchWithContact = QStringLiteral(
        "UPDATE whatsapp_conversations SET contact_wa_id = COALESCE(?, contact_wa_id), contact_key = COALESCE(?, contact_key), "
        "contact_user_id = COALESCE(?, contact_user_id), "
        "contact_phone = COALESCE(?, contact_phone), contact_name = COALESCE(?, contact_name), search_text = COALESCE(?, search_text), ") + kActivity;
    Sql q(m_tx, contactChanged ? kTouchWithContact : kTouch);
    if (contactChanged)
        q.bind(nullIfEmpty(c.contact.waId)).bind(nullIfEmpty(contactKey(c.contact.waId)))
            .bind(nullIfEmpty(c.contact.userId)).bind(nullIfEmpty(c.contact.phone))
            .bind(nullIfEmpty(c.contact.name)).bind(nullIfEmpty(c.contact.searchText));
    q.bind(m.timestampMs).bind(preview).bind(m.timestampMs).bind(m.timestampMs)
        .bind(inbound ? 1 : 0).bind(m.timestampMs).bind(m.timestampMs)
        .bind(countsAsUnread ? 1 : 0).bind(nowMs()).bind(c.id);
    if (auto s = q.exec(); !s)
        return s;
    if (q.next())
        recordConversation(q);
    return {};
}

Result<qint64> InboundStore::messageIdFor(const QString &providerMessageId)
{
    Sql q(m_tx, QStringLiteral("SELECT id FROM whatsapp_messages WHERE tenant_id = ? AND provider_message_id = ?"));
    q.bind(m_tenant.value).bind(providerMessageId);
    if (auto s = q.exec(); !s)
        return s.error();
    return q.next() ? q.int64(0) : 0;
}

Status InboundStore::storeMessage(const meta::WebhookChange &change, const meta::InboundMessage &input)
{
    meta::InboundMessage m = input;
    if (m.timestampMs <= 0)
        m.timestampMs = nowMs(); // unreadable timestamp: the time we got it
    const bool echo = change.echoes;
    if (m.id.isEmpty())
        m.id = QStringLiteral("puente:") + QString::fromLatin1(QCryptographicHash::hash(QJsonDocument(m.raw).toJson(), QCryptographicHash::Sha256).toHex().left(32));

    meta::WebhookContact contact = meta::contactFor(change, m);
    if (echo) // the business wrote it: the contact is the recipient
        contact = {m.raw.value(QStringLiteral("to")).toString(), m.raw.value(QStringLiteral("to_user_id")).toString(), {}, {}, {}};
    auto found = findOrCreateConversation(contact, m);
    if (!found)
        return found.error();
    Conversation conversation = found.value();

    const meta::MetaError firstError = m.errors.value(0);
    Sql insert(m_tx, QStringLiteral(
        "INSERT INTO whatsapp_messages (tenant_id, conversation_id, provider_message_id, direction, type, content, media_url, "
        "status, timestamp, error_code, error_title, error_message, error_details, raw_json, media_id, media_mime_type, "
        "media_sha256, media_size, media_caption, media_filename, context_message_id, forwarded, sender_user_id, "
        "reply_payload, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (tenant_id, provider_message_id) DO NOTHING RETURNING ") + kMessageColumns);
    const qint64 now = nowMs();
    insert.bind(m_tenant.value).bind(conversation.id).bind(m.id)
        .bind(echo ? QStringLiteral("outbound") : QStringLiteral("inbound"))
        .bind(m.type.isEmpty() ? QStringLiteral("unknown") : m.type)
        .bind(nullIfEmpty(m.text)).bind(nullIfEmpty(m.mediaUrl))
        .bind(echo ? QStringLiteral("sent") : QStringLiteral("received"))
        .bind(m.timestampMs)
        .bind(m.errors.isEmpty() ? nullInt() : QVariant(qint64(firstError.code)))
        .bind(nullIfEmpty(firstError.title)).bind(nullIfEmpty(firstError.message)).bind(nullIfEmpty(firstError.details))
        .bind(rows::compactJson(m.raw))
        .bind(nullIfEmpty(m.mediaId)).bind(nullIfEmpty(m.mimeType)).bind(nullIfEmpty(m.sha256))
        .bind(m.fileSize >= 0 ? QVariant(m.fileSize) : nullInt())
        .bind(nullIfEmpty(m.caption)).bind(nullIfEmpty(m.filename))
        .bind(nullIfEmpty(!m.contextId.isEmpty() ? m.contextId : (!m.reactionTo.isEmpty() ? m.reactionTo : m.targetId)))
        .bind(m.frequentlyForwarded ? 2 : (m.forwarded ? 1 : 0))
        .bind(nullIfEmpty(m.fromUserId))
        .bind(nullIfEmpty(m.replyPayload))
        .bind(now).bind(now);
    if (auto s = insert.exec(); !s)
        return s;
    if (!insert.next())
        return {}; // stored already: Meta re-delivered it
    recordMessage("message.created", insert);

    // Reactions, edits and revokes change their target message.
    const QString target = !m.reactionTo.isEmpty() ? m.reactionTo : m.targetId;
    if (!target.isEmpty()) {
        QString set;
        if (m.type == QLatin1String("reaction"))
            set = QStringLiteral("reaction_emoji = ?");
        else if (m.type == QLatin1String("edit"))
            set = QStringLiteral("content = ?, edited = 1");
        else if (m.type == QLatin1String("revoke"))
            set = QStringLiteral("revoked = 1, content = COALESCE(?, content)");
        if (!set.isEmpty()) {
            Sql update(m_tx, QStringLiteral("UPDATE whatsapp_messages SET ") + set
                                 + QStringLiteral(", updated_at = ? WHERE tenant_id = ? AND provider_message_id = ? RETURNING ") + kMessageColumns);
            update.bind(m.type == QLatin1String("revoke") ? QVariant(QMetaType(QMetaType::QString)) : nullIfEmpty(m.text))
                .bind(now).bind(m_tenant.value).bind(target);
            if (auto s = update.exec(); !s)
                return s;
            if (update.next())
                recordMessage("message.updated", update);
        }
    }

    // System notices: a contact's new number.
    if (m.systemType == QLatin1String("user_changed_number") && !m.newWaId.isEmpty()) {
        Sql update(m_tx, QStringLiteral("UPDATE whatsapp_conversations SET contact_wa_id = ?, contact_key = ?, contact_phone = ?, updated_at = ? "
                                        "WHERE id = ?"));
        update.bind(m.newWaId).bind(contactKey(m.newWaId)).bind(nullIfEmpty(phoneFromWaId(m.newWaId))).bind(now).bind(conversation.id);
        if (auto s = update.exec(); !s)
            return s;
        conversation.contact.waId.clear(); // the old number the webhook names must not come back
        conversation.contact.phone.clear();
    }

    const bool sideEffectOnly = m.type == QLatin1String("reaction") || m.type == QLatin1String("edit")
        || m.type == QLatin1String("revoke") || m.type == QLatin1String("system");
    if (auto s = touchConversation(conversation, m, !echo, !echo && !sideEffectOnly); !s)
        return s;
    if (m_pendingStatuses && !*m_pendingStatuses)
        return {};
    return applyPendingStatuses(m.id);
}

Status InboundStore::applyStatus(const meta::StatusUpdate &input)
{
    meta::StatusUpdate st = input;
    if (st.timestampMs <= 0)
        st.timestampMs = nowMs();
    const int rank = statusRank(st.status);
    if (rank < 1)
        return makeError("unknown_status", QStringLiteral("unknown message status \"%1\"").arg(st.status));
    auto messageId = messageIdFor(st.id);
    if (!messageId)
        return messageId.error();
    if (messageId.value() == 0) {
        // Not stored yet (the send's answer and this webhook raced): keep it.
        Sql keep(m_tx, QStringLiteral("INSERT INTO pending_statuses (tenant_id, provider_message_id, status, status_at, payload, created_at) "
                                      "VALUES (?, ?, ?, ?, ?, ?)"));
        keep.bind(m_tenant.value).bind(st.id).bind(st.status).bind(st.timestampMs).bind(rows::compactJson(st.raw)).bind(nowMs());
        if (m_pendingStatuses)
            *m_pendingStatuses = true;
        return keep.exec();
    }
    const meta::MetaError err = st.errors.value(0);
    const bool failed = st.status == QLatin1String("failed");
    // Only forward: a late "delivered" never overwrites "read"; "failed" is final.
    Sql update(m_tx, QStringLiteral(
        "UPDATE whatsapp_messages SET status = ?, status_at = ?, "
        "error_code = CASE WHEN ? = 1 THEN ? ELSE error_code END, error_title = CASE WHEN ? = 1 THEN ? ELSE error_title END, "
        "error_message = CASE WHEN ? = 1 THEN ? ELSE error_message END, error_details = CASE WHEN ? = 1 THEN ? ELSE error_details END, "
        "updated_at = ? WHERE id = ? AND (CASE status WHEN 'queued' THEN 0 WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2 "
        "WHEN 'read' THEN 3 WHEN 'played' THEN 4 WHEN 'failed' THEN 5 ELSE -1 END) < ? RETURNING ") + kMessageColumns);
    update.bind(st.status).bind(st.timestampMs)
        .bind(failed ? 1 : 0).bind(st.errors.isEmpty() ? nullInt() : QVariant(qint64(err.code)))
        .bind(failed ? 1 : 0).bind(nullIfEmpty(err.title))
        .bind(failed ? 1 : 0).bind(nullIfEmpty(err.message))
        .bind(failed ? 1 : 0).bind(nullIfEmpty(err.details))
        .bind(nowMs()).bind(messageId.value()).bind(rank);
    if (auto s = update.exec(); !s)
        return s;
    if (update.next())
        recordMessage("message.updated", update);
    // Pricing and conversation objects ride on sent and delivered/read; keep the latest seen.
    if (!st.pricing.isEmpty() || !st.conversation.isEmpty()) {
        Sql extra(m_tx, QStringLiteral("UPDATE whatsapp_messages SET pricing = COALESCE(?, pricing), "
                                       "conversation_info = COALESCE(?, conversation_info) WHERE id = ?"));
        extra.bind(st.pricing.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(rows::compactJson(st.pricing)))
            .bind(st.conversation.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(rows::compactJson(st.conversation)))
            .bind(messageId.value());
        if (auto s = extra.exec(); !s)
            return s;
    }
    return {};
}

Status InboundStore::applyPendingStatuses(const QString &providerMessageId)
{
    Sql q(m_tx, QStringLiteral("SELECT id, payload FROM pending_statuses WHERE tenant_id = ? AND provider_message_id = ? ORDER BY status_at, id"));
    q.bind(m_tenant.value).bind(providerMessageId);
    if (auto s = q.exec(); !s)
        return s;
    QList<std::pair<qint64, QJsonObject>> pending;
    while (q.next())
        pending.append({q.int64(0), QJsonDocument::fromJson(q.text(1).toUtf8()).object()});
    q.finish();
    for (const auto &[id, payload] : pending) {
        if (auto s = applyStatus(meta::parseStatus(payload)); !s)
            return s;
        Sql del(m_tx, QStringLiteral("DELETE FROM pending_statuses WHERE id = ?"));
        del.bind(id);
        if (auto s = del.exec(); !s)
            return s;
    }
    return {};
}

Status InboundStore::storeAccountEvent(const meta::WebhookChange &change, qint64 inboxId)
{
    Sql q(m_tx, QStringLiteral("INSERT INTO account_events (tenant_id, inbox_id, field, waba_id, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)"));
    q.bind(m_tenant.value).bind(inboxId).bind(change.field.isEmpty() ? QStringLiteral("unknown") : change.field)
        .bind(nullIfEmpty(change.wabaId)).bind(rows::compactJson(change.value)).bind(nowMs());
    if (auto s = q.exec(); !s)
        return s;
    if (auto s = TemplateService::applyWebhook(m_tx, m_tenant, change.field, change.value); !s)
        return s;
    if (auto s = WhatsAppConfigRepository::applyAccountWebhook(m_tx, m_tenant, change.field, change.value); !s)
        return s;
    m_events.append(m_tenant, QStringLiteral("account.event"), {{QStringLiteral("field"), change.field}, {QStringLiteral("value"), change.value}});
    return {};
}

} // namespace puente
