#include "messaging/conversations.h"

#include "crypto/crypto.h"
#include "domain/phonenumber.h"
#include "protocol/text.h"
#include "messaging/mediafetcher.h"
#include "messaging/rows.h"
#include "messaging/templates.h"
#include "storage/planusage.h"
#include "storage/sql.h"
#include "storage/tenantrepository.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QJsonDocument>
#include <QUrl>

#include <string_view>

namespace puente {

namespace {
using rows::kConversationColumns;
using rows::kMessageColumns;

// "activity:id" of the last row of a page, opaque to clients.
QString makeCursor(qint64 activity, qint64 id)
{
    return QString::fromLatin1(crypto::base64Url(QStringLiteral("%1:%2").arg(activity).arg(id).toLatin1()));
}

bool readCursor(const QString &cursor, qint64 *activity, qint64 *id)
{
    auto raw = crypto::fromBase64Url(cursor.toLatin1());
    if (!raw)
        return false;
    const QList<QByteArray> parts = raw.value().split(':');
    bool ok1 = false, ok2 = false;
    if (parts.size() != 2)
        return false;
    *activity = parts[0].toLongLong(&ok1);
    *id = parts[1].toLongLong(&ok2);
    return ok1 && ok2;
}

QString likePattern(const QString &text, bool lower = true)
{
    QString escaped = lower ? text.toLower() : text;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char('%'), QLatin1String("\\%")).replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

const QStringList kStatuses = {QStringLiteral("active"), QStringLiteral("archived"), QStringLiteral("blocked")};
const QStringList kMediaTypes = {QStringLiteral("image"), QStringLiteral("document"), QStringLiteral("audio"), QStringLiteral("video"),
                                 QStringLiteral("sticker")};

Result<protocol::Conversation> conversationRow(QSqlDatabase c, TenantId tenant, qint64 id)
{
    Sql q(c, QStringLiteral("SELECT ") + kConversationColumns + QStringLiteral(" FROM whatsapp_conversations WHERE tenant_id = ? AND id = ?"));
    q.bind(tenant.value).bind(id);
    if (auto s = q.exec(); !s)
        return s.error();
    if (!q.next())
        return makeError("not_found", QStringLiteral("no such conversation"));
    return rows::conversation(q);
}
} // namespace

Status ConversationService::publish(QList<Event> events)
{
    if (m_bus)
        m_bus->publish(events);
    return {};
}

Result<qint64> ConversationService::unreadTotal(TenantId tenant)
{
    Sql q(m_db.connection(), QStringLiteral("SELECT COALESCE(SUM(unread_count), 0) FROM whatsapp_conversations "
                                            "WHERE tenant_id = ? AND status <> 'blocked'"));
    q.bind(tenant.value);
    if (auto s = q.exec(); !s)
        return s.error();
    return q.next() ? q.int64(0) : qint64(0);
}

Result<protocol::ConversationPage> ConversationService::list(TenantId tenant, const ConversationFilter &f)
{
    const QString activity = QStringLiteral("COALESCE(last_message_at, created_at)");
    QString sql = QStringLiteral("SELECT ") + kConversationColumns + QStringLiteral(", ") + activity
                  + QStringLiteral(" FROM whatsapp_conversations c WHERE tenant_id = ?");
    QVariantList binds{tenant.value};
    if (!f.status.isEmpty()) {
        sql += QStringLiteral(" AND status = ?");
        binds << f.status;
    }
    switch (f.assigned) {
    case ConversationFilter::Assigned::Any: break;
    case ConversationFilter::Assigned::Unassigned: sql += QStringLiteral(" AND assigned_user_id IS NULL"); break;
    case ConversationFilter::Assigned::Me:
    case ConversationFilter::Assigned::User:
        sql += QStringLiteral(" AND assigned_user_id = ?");
        binds << f.assignedUser.value;
        break;
    }
    const QString q = f.query.trimmed();
    if (!q.isEmpty()) {
        // Names through their folded search text (accents and case do not
        // matter); message text through LOWER (SQLite folds ASCII only) and
        // as typed.
        const QString pattern = likePattern(q);
        QString digits = q;
        digits.remove(QRegularExpression(QStringLiteral("[^0-9]")));
        sql += QStringLiteral(" AND (COALESCE(search_text, LOWER(COALESCE(contact_name, ''))) LIKE ? ESCAPE '\\' "
                              "OR COALESCE(contact_phone, '') LIKE ? ESCAPE '\\' OR COALESCE(contact_key, '') LIKE ? ESCAPE '\\' "
                              "OR EXISTS (SELECT 1 FROM whatsapp_messages m WHERE m.conversation_id = c.id AND m.tenant_id = c.tenant_id "
                              "AND (LOWER(COALESCE(m.content, '')) LIKE ? ESCAPE '\\' OR m.content LIKE ? ESCAPE '\\')))");
        // The key too, with the typed number's start evened out the same
        // way: "+52 81 5425" finds 5218154254667, "+54 11 2345" 5491123456789.
        binds << likePattern(rows::foldForSearch(q)) << (digits.size() >= 3 ? likePattern(digits) : pattern)
              << (digits.size() >= 3 ? likePattern(contactKeyPrefix(digits)) : pattern) << pattern << likePattern(q, false);
    }
    if (!f.cursor.isEmpty()) {
        qint64 at = 0, id = 0;
        if (!readCursor(f.cursor, &at, &id))
            return makeError("invalid_cursor", QStringLiteral("the cursor is not one this server handed out"));
        sql += QStringLiteral(" AND (%1 < ? OR (%1 = ? AND id < ?))").arg(activity);
        binds << at << at << id;
    }
    const int limit = qBound(1, f.limit, 200);
    sql += QStringLiteral(" ORDER BY %1 DESC, id DESC LIMIT ?").arg(activity);
    binds << qint64(limit + 1);
    Sql query(m_db.connection(), sql);
    for (const QVariant &b : binds)
        query.bind(b);
    if (auto s = query.exec(); !s)
        return s.error();
    protocol::ConversationPage page;
    qint64 lastActivity = 0, lastId = 0;
    while (query.next()) {
        if (page.items.size() == limit) {
            page.nextCursor = makeCursor(lastActivity, lastId);
            break;
        }
        page.items.append(rows::conversation(query));
        lastActivity = query.int64(15);
        lastId = page.items.last().id;
    }
    return page;
}

Result<std::optional<protocol::Conversation>> ConversationService::find(TenantId tenant, qint64 id)
{
    using Found = std::optional<protocol::Conversation>;
    auto c = conversationRow(m_db.connection(), tenant, id);
    if (!c)
        return c.error().code == QLatin1String("not_found") ? Result<Found>(Found()) : Result<Found>(c.error());
    return Found(c.value());
}

Result<protocol::MessagePage> ConversationService::messages(TenantId tenant, qint64 conversationId, qint64 beforeId, int limit)
{
    auto conversation = find(tenant, conversationId);
    if (!conversation)
        return conversation.error();
    if (!conversation.value())
        return makeError("not_found", QStringLiteral("no such conversation"));
    limit = qBound(1, limit, 200);
    QString sql = QStringLiteral("SELECT ") + kMessageColumns + QStringLiteral(" FROM whatsapp_messages WHERE tenant_id = ? AND conversation_id = ?");
    QVariantList binds{tenant.value, conversationId};
    if (beforeId > 0) {
        Sql known(m_db.connection(), QStringLiteral("SELECT 1 FROM whatsapp_messages WHERE tenant_id = ? AND conversation_id = ? AND id = ?"));
        known.bind(tenant.value).bind(conversationId).bind(beforeId);
        if (auto s = known.exec(); !s)
            return s.error();
        if (!known.next())
            return makeError("invalid_cursor", QStringLiteral("before must be a message of this conversation (the next_cursor of a previous page)"));
        sql += QStringLiteral(" AND (timestamp, id) < (SELECT timestamp, id FROM whatsapp_messages WHERE tenant_id = ? AND conversation_id = ? AND id = ?)");
        binds << tenant.value << conversationId << beforeId;
    }
    sql += QStringLiteral(" ORDER BY timestamp DESC, id DESC LIMIT ?");
    binds << qint64(limit + 1);
    Sql q(m_db.connection(), sql);
    for (const QVariant &b : binds)
        q.bind(b);
    if (auto s = q.exec(); !s)
        return s.error();
    protocol::MessagePage page;
    while (q.next()) {
        if (page.items.size() == limit) {
            page.nextCursor = QString::number(page.items.last().id);
            break;
        }
        page.items.append(rows::message(q));
    }
    return page;
}

Result<ConversationService::Started> ConversationService::start(TenantId tenant, const QString &e164, const QString &name, const Actor &actor,
                                                                 bool retried)
{
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    EventBatch events(tx.connection());
    auto started = startIn(tx.connection(), events, tenant, e164, name);
    if (!started) {
        // Someone else started it at the same moment (PostgreSQL): theirs.
        if (started.error().code == QLatin1String("unique_violation") && !retried) {
            tx.rollbackNow();
            return start(tenant, e164, name, actor, true);
        }
        return started.error();
    }
    if (started->created) {
        if (auto s = AuditLog::append(tx.connection(), actor, tenant, QStringLiteral("conversation.started"), QStringLiteral("conversation"),
                                      QString::number(started->conversation.id), {{QStringLiteral("phone"), e164}});
            !s)
            return s.error();
        if (auto s = events.write(); !s)
            return s.error();
    }
    if (auto s = tx.commit(); !s)
        return s.error();
    (void)publish(events.events());
    return started;
}

Result<ConversationService::Started> ConversationService::startIn(QSqlDatabase c, EventBatch &events, TenantId tenant, const QString &e164,
                                                                   const QString &name)
{
    const QString waId = e164.startsWith(QLatin1Char('+')) ? e164.mid(1) : e164;
    // By the canonical key alone (indexed): "+52 81 …" finds the Mexican
    // candidate who writes from 521…, "+54 11 …" the Argentine one at 549….
    const QString key = contactKey(waId);
    Sql existing(c, QStringLiteral("SELECT ") + kConversationColumns
                        + QStringLiteral(" FROM whatsapp_conversations WHERE tenant_id = ? AND contact_key = ? ORDER BY id LIMIT 1"));
    existing.bind(tenant.value).bind(key);
    if (auto s = existing.exec(); !s)
        return s.error();
    if (existing.next())
        return Started{rows::conversation(existing), false};
    existing.finish();
    const qint64 now = nowMs();
    Sql insert(c, QStringLiteral("INSERT INTO whatsapp_conversations (tenant_id, conversation_id, contact_wa_id, contact_key, contact_phone, "
                                 "contact_name, search_text, status, unread_count, created_at, updated_at) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, 'active', 0, ?, ?) RETURNING ") + kConversationColumns);
    insert.bind(tenant.value).bind(waId).bind(waId).bind(key).bind(e164).bind(nullIfEmpty(name.trimmed().left(200)))
        .bind(rows::searchText(name.trimmed().left(200), waId)).bind(now).bind(now);
    if (auto s = insert.exec(); !s)
        return s.error();
    if (!insert.next())
        return makeError("storage_error", QStringLiteral("conversation insert returned no row"));
    const protocol::Conversation row = rows::conversation(insert);
    insert.finish();
    events.append(tenant, QStringLiteral("conversation.updated"), protocol::toJson(row));
    return Started{row, true};
}

Result<protocol::Conversation> ConversationService::update(TenantId tenant, qint64 id, const ConversationChanges &changes, const Actor &actor)
{
    if (changes.status && !kStatuses.contains(*changes.status))
        return makeError("invalid_status", QStringLiteral("status must be one of: %1").arg(kStatuses.join(QStringLiteral(", "))));
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    auto before = conversationRow(tx.connection(), tenant, id);
    if (!before)
        return before.error();
    if (changes.assignee && *changes.assignee) {
        Sql user(tx.connection(), QStringLiteral("SELECT 1 FROM users WHERE tenant_id = ? AND id = ? AND active = 1"));
        user.bind(tenant.value).bind((*changes.assignee)->value);
        if (auto s = user.exec(); !s)
            return s.error();
        if (!user.next())
            return makeError("invalid_assignee", QStringLiteral("the assignee must be an active user of this company"));
    }
    QString sql = QStringLiteral("UPDATE whatsapp_conversations SET updated_at = ?");
    QVariantList binds{nowMs()};
    QJsonObject audit;
    if (changes.status) {
        sql += QStringLiteral(", status = ?");
        binds << *changes.status;
        audit.insert(QStringLiteral("status"), *changes.status);
    }
    if (changes.assignee) {
        sql += QStringLiteral(", assigned_user_id = ?");
        binds << (*changes.assignee ? QVariant((*changes.assignee)->value) : QVariant(QMetaType(QMetaType::LongLong)));
        audit.insert(QStringLiteral("assigned_user_id"), *changes.assignee ? QJsonValue((*changes.assignee)->value) : QJsonValue());
    }
    if (changes.optedOut) {
        sql += *changes.optedOut ? QStringLiteral(", opted_out_at = COALESCE(opted_out_at, ?)") : QStringLiteral(", opted_out_at = NULL");
        if (*changes.optedOut)
            binds << nowMs();
    }
    sql += QStringLiteral(" WHERE tenant_id = ? AND id = ? RETURNING ") + kConversationColumns;
    binds << tenant.value << id;
    Sql q(tx.connection(), sql);
    for (const QVariant &b : binds)
        q.bind(b);
    if (auto s = q.exec(); !s)
        return s.error();
    if (!q.next())
        return makeError("not_found", QStringLiteral("no such conversation"));
    auto event = rows::recordConversation(tx.connection(), tenant, q);
    if (!event)
        return event.error();
    if (!audit.isEmpty()) {
        if (auto s = AuditLog::append(tx.connection(), actor, tenant, QStringLiteral("conversation.updated"), QStringLiteral("conversation"),
                                      QString::number(id), audit);
            !s)
            return s.error();
    }
    // Opt-outs are the contact's wish: changed by hand, audited on their own.
    if (changes.optedOut && *changes.optedOut != before->optedOutAt.has_value()) {
        if (auto s = AuditLog::append(tx.connection(), actor, tenant,
                                      *changes.optedOut ? QStringLiteral("contact.opted_out") : QStringLiteral("contact.opt_out_cleared"),
                                      QStringLiteral("conversation"), QString::number(id), {{QStringLiteral("phone"), before->phone}});
            !s)
            return s.error();
    }
    if (auto s = tx.commit(); !s)
        return s.error();
    (void)publish({event->event});
    return event->row;
}

Result<protocol::Conversation> ConversationService::markRead(TenantId tenant, qint64 id)
{
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    Sql q(tx.connection(), QStringLiteral("UPDATE whatsapp_conversations SET unread_count = 0, updated_at = ? WHERE tenant_id = ? AND id = ? RETURNING ")
                               + kConversationColumns);
    q.bind(nowMs()).bind(tenant.value).bind(id);
    if (auto s = q.exec(); !s)
        return s.error();
    if (!q.next())
        return makeError("not_found", QStringLiteral("no such conversation"));
    auto event = rows::recordConversation(tx.connection(), tenant, q);
    if (!event)
        return event.error();
    // The contact sees blue ticks: a read receipt for the newest inbound
    // message (it covers the earlier ones), sent by the dispatcher like any
    // message, once per message however often the chat is opened.
    Sql last(tx.connection(), QStringLiteral("SELECT id, provider_message_id FROM whatsapp_messages WHERE tenant_id = ? AND conversation_id = ? "
                                             "AND direction = 'inbound' AND provider_message_id LIKE 'wamid.%' "
                                             "ORDER BY timestamp DESC, id DESC LIMIT 1"));
    last.bind(tenant.value).bind(id);
    if (auto s = last.exec(); !s)
        return s.error();
    if (last.next()) {
        const qint64 messageId = last.int64(0);
        const QString wamid = last.text(1);
        last.finish();
        const qint64 now = nowMs();
        Sql receipt(tx.connection(), QStringLiteral(
            "INSERT INTO outbox (tenant_id, message_id, request, state, attempts, next_attempt_at, created_at, updated_at) "
            "SELECT ?, ?, ?, 'pending', 0, ?, ?, ? WHERE EXISTS (SELECT 1 FROM whatsapp_config WHERE tenant_id = ? "
            "AND api_type = 'business_api' AND is_active = 1) ON CONFLICT (message_id) DO NOTHING"));
        receipt.bind(tenant.value).bind(messageId)
            .bind(QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("type"), QStringLiteral("mark_read")},
                                                               {QStringLiteral("message_id"), wamid}}).toJson(QJsonDocument::Compact)))
            .bind(now).bind(now).bind(now).bind(tenant.value);
        if (auto s = receipt.exec(); !s)
            return s.error();
    }
    if (auto s = tx.commit(); !s)
        return s.error();
    (void)publish({event->event});
    return event->row;
}

Result<ConversationService::Prepared> ConversationService::prepare(const OutboundRequest &r, QString *errorField)
{
    auto invalid = [&](const char *field, const QString &message) {
        if (errorField)
            *errorField = QString::fromLatin1(field);
        return makeError("invalid_message", message);
    };
    // The request as the dispatcher will send it, and the preview agents see.
    QJsonObject request{{QStringLiteral("type"), r.type}};
    QString content, preview, templateName;
    if (r.type == QLatin1String("text")) {
        const QString text = text::normalizeNewlines(r.message).trimmed();
        if (text.isEmpty())
            return invalid("message", QStringLiteral("the message is empty"));
        if (text.size() > 4096)
            return invalid("message", QStringLiteral("a WhatsApp text message holds at most 4096 characters; this one has %1").arg(text.size()));
        request.insert(QStringLiteral("text"), text);
        request.insert(QStringLiteral("preview_url"), r.previewUrl);
        content = preview = text;
    } else if (r.type == QLatin1String("template")) {
        const protocol::TemplateSend t = r.templateSend.value_or(protocol::TemplateSend{});
        if (t.name.trimmed().isEmpty())
            return invalid("template.name", QStringLiteral("name the template to send"));
        if (t.language.trimmed().isEmpty())
            return invalid("template.language", QStringLiteral("give the template's language code, such as es or en_US"));
        templateName = t.name.trimmed();
        request.insert(QStringLiteral("template"), QJsonObject{{QStringLiteral("name"), templateName},
                                                               {QStringLiteral("language"), t.language.trimmed()},
                                                               {QStringLiteral("components"), t.components}});
        preview = QStringLiteral("[template: %1]").arg(templateName);
    } else if (kMediaTypes.contains(r.type)) {
        if (r.mediaId.isEmpty() == r.link.isEmpty())
            return invalid("media_id", QStringLiteral("give either media_id (an uploaded file) or link (an https address)"));
        if (!r.link.isEmpty()) {
            const QUrl url(r.link);
            if (!url.isValid() || url.scheme() != QLatin1String("https") || url.host().isEmpty())
                return invalid("link", QStringLiteral("the link must be an https address"));
        }
        if (!r.caption.isEmpty() && (r.type == QLatin1String("audio") || r.type == QLatin1String("sticker")))
            return invalid("caption", QStringLiteral("%1 messages have no caption").arg(r.type));
        if (r.caption.size() > 1024)
            return invalid("caption", QStringLiteral("a caption holds at most 1024 characters"));
        request.insert(QStringLiteral("media_id"), r.mediaId);
        request.insert(QStringLiteral("link"), r.link);
        request.insert(QStringLiteral("caption"), r.caption);
        request.insert(QStringLiteral("filename"), r.filename);
        content = r.caption;
        preview = !r.caption.isEmpty()                                         ? r.caption
            : r.type == QLatin1String("document") && !r.filename.isEmpty() ? QStringLiteral("📄 ") + r.filename
                                                                             : QLatin1Char('[') + r.type + QLatin1Char(']');
    } else if (r.type == QLatin1String("reaction")) {
        if (r.replyTo.value_or(0) <= 0)
            return invalid("reply_to", QStringLiteral("a reaction needs the message it reacts to (reply_to)"));
        if (r.emoji.size() > 16)
            return invalid("emoji", QStringLiteral("a reaction is one emoji (or empty to remove it)"));
        request.insert(QStringLiteral("emoji"), r.emoji);
        preview = r.emoji;
    } else if (r.type == QLatin1String("location")) {
        // Decoding took numbers only ("0x10" or " 5 " are not coordinates)
        // and one-line names and addresses of at most 1000 characters.
        if (!r.location)
            return invalid("location", QStringLiteral("a location needs latitude (-90..90) and longitude (-180..180) as numbers"));
        const protocol::Location &l = *r.location;
        if (l.latitude < -90 || l.latitude > 90)
            return invalid("location.latitude", QStringLiteral("latitude must be between -90 and 90"));
        if (l.longitude < -180 || l.longitude > 180)
            return invalid("location.longitude", QStringLiteral("longitude must be between -180 and 180"));
        const QJsonObject location = protocol::toJson(l);
        request.insert(QStringLiteral("location"), location);
        content = location.value(QStringLiteral("name")).toString();
        preview = QStringLiteral("📍 ") + (content.isEmpty() ? location.value(QStringLiteral("address")).toString() : content);
    } else if (r.type == QLatin1String("contacts")) {
        if (r.contacts.isEmpty() || r.contacts.size() > 257)
            return invalid("contacts", QStringLiteral("send 1 to 257 contact cards"));
        for (const QJsonValue &c : r.contacts) {
            if (c.toObject().value(QStringLiteral("name")).toObject().value(QStringLiteral("formatted_name")).toString().isEmpty())
                return invalid("contacts", QStringLiteral("every contact card needs name.formatted_name"));
            if (QJsonDocument(c.toObject()).toJson(QJsonDocument::Compact).size() > 4096)
                return invalid("contacts", QStringLiteral("a contact card holds at most 4 KB of names, phones, emails and addresses"));
        }
        request.insert(QStringLiteral("contacts"), r.contacts);
        preview = QStringLiteral("👤 ") + r.contacts.first().toObject().value(QStringLiteral("name")).toObject().value(QStringLiteral("formatted_name")).toString();
    } else if (r.type == QLatin1String("interactive")) {
        // Meta's limits (reference §6): ≤3 reply buttons with unique ids and
        // titles ≤20; lists ≤10 rows in all, titles ≤24, button ≤20.
        const QString kind = r.interactive.value(QStringLiteral("type")).toString();
        const QString body = r.interactive.value(QStringLiteral("body")).toObject().value(QStringLiteral("text")).toString();
        const QJsonObject action = r.interactive.value(QStringLiteral("action")).toObject();
        if (body.trimmed().isEmpty() || body.size() > 1024)
            return invalid("interactive.body", QStringLiteral("an interactive message needs body.text of 1-1024 characters"));
        // Header: text of at most 60 characters, or a picture, video or
        // document; footer: at most 60 characters.
        if (const QJsonValue h = r.interactive.value(QStringLiteral("header")); !h.isUndefined() && !h.isNull()) {
            const QJsonObject header = h.toObject();
            const QString type = header.value(QStringLiteral("type")).toString();
            if (type == QLatin1String("text")) {
                const QString t = header.value(QStringLiteral("text")).toString();
                if (t.trimmed().isEmpty() || t.size() > 60 || !text::problem(t, text::Kind::Line).isEmpty())
                    return invalid("interactive.header", QStringLiteral("a text header is one line of 1-60 characters"));
            } else if (type == QLatin1String("image") || type == QLatin1String("video") || type == QLatin1String("document")) {
                const QJsonObject media = header.value(type).toObject();
                const QString id = media.value(QStringLiteral("id")).toString(), link = media.value(QStringLiteral("link")).toString();
                if (id.isEmpty() == link.isEmpty() || id.size() > 200 || link.size() > 2000
                    || (!link.isEmpty() && QUrl(link).scheme() != QLatin1String("https")))
                    return invalid("interactive.header", QStringLiteral("a %1 header needs an uploaded media id or an https link").arg(type));
            } else {
                return invalid("interactive.header", QStringLiteral("the header type must be text, image, video or document"));
            }
            if (header.size() > 2)
                return invalid("interactive.header", QStringLiteral("the header holds only its type and its content"));
        }
        if (const QJsonValue f = r.interactive.value(QStringLiteral("footer")); !f.isUndefined() && !f.isNull()) {
            const QString t = f.toObject().value(QStringLiteral("text")).toString();
            if (t.trimmed().isEmpty() || t.size() > 60)
                return invalid("interactive.footer", QStringLiteral("a footer holds 1-60 characters"));
        }
        if (kind == QLatin1String("button")) {
            const QJsonArray buttons = action.value(QStringLiteral("buttons")).toArray();
            QSet<QString> ids;
            if (buttons.isEmpty() || buttons.size() > 3)
                return invalid("interactive.action", QStringLiteral("give 1 to 3 reply buttons"));
            for (const QJsonValue &b : buttons) {
                const QJsonObject reply = b.toObject().value(QStringLiteral("reply")).toObject();
                const QString id = reply.value(QStringLiteral("id")).toString(), title = reply.value(QStringLiteral("title")).toString();
                if (id.isEmpty() || id.size() > 256 || ids.contains(id) || title.isEmpty() || title.size() > 20)
                    return invalid("interactive.action", QStringLiteral("each button needs a unique id and a title of 1-20 characters"));
                ids.insert(id);
            }
        } else if (kind == QLatin1String("list")) {
            const QString button = action.value(QStringLiteral("button")).toString();
            int rows = 0;
            for (const QJsonValue &section : action.value(QStringLiteral("sections")).toArray())
                for (const QJsonValue &row : section.toObject().value(QStringLiteral("rows")).toArray()) {
                    ++rows;
                    const QString title = row.toObject().value(QStringLiteral("title")).toString();
                    const QString rowId = row.toObject().value(QStringLiteral("id")).toString();
                    if (rowId.isEmpty() || rowId.size() > 200 || title.isEmpty() || title.size() > 24
                        || row.toObject().value(QStringLiteral("description")).toString().size() > 72)
                        return invalid("interactive.action", QStringLiteral("each row needs an id (≤200), a title of 1-24 characters and at most 72 of description"));
                }
            if (button.isEmpty() || button.size() > 20 || rows == 0 || rows > 10)
                return invalid("interactive.action", QStringLiteral("a list needs a button label of 1-20 characters and 1-10 rows"));
        } else {
            return invalid("interactive.type", QStringLiteral("interactive type must be button or list"));
        }
        request.insert(QStringLiteral("interactive"), r.interactive);
        content = preview = body;
    } else {
        return invalid("type", QStringLiteral("type must be text, template, image, document, audio, video, sticker, reaction, location, "
                                              "contacts or interactive"));
    }

    return Prepared{request, content, preview, templateName};
}

Result<ConversationService::Queued> ConversationService::enqueue(TenantId tenant, qint64 conversationId, const OutboundRequest &r,
                                                                 UserId sender, QString *errorField)
{
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    EventBatch events(tx.connection());
    auto message = enqueueIn(tx.connection(), events, tenant, conversationId, r, sender, errorField, nullptr);
    if (!message)
        return message.error();
    if (auto s = events.write(); !s)
        return s.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    (void)publish(events.events());
    return Queued{message.value()};
}

Result<protocol::Message> ConversationService::enqueueIn(QSqlDatabase c, EventBatch &events, TenantId tenant, qint64 conversationId,
                                                         const OutboundRequest &r, UserId sender, QString *errorField, const Automatic *automatic)
{
    auto invalid = [&](const char *field, const QString &message) {
        if (errorField)
            *errorField = QString::fromLatin1(field);
        return makeError("invalid_message", message);
    };
    auto prepared = prepare(r, errorField);
    if (!prepared)
        return prepared.error();
    QJsonObject request = prepared->request;
    QString content = prepared->content, preview = prepared->preview;
    const QString templateName = prepared->templateName;
    std::optional<protocol::Conversation> read;
    if (!automatic || !automatic->conversation || automatic->conversation->id != conversationId) {
        auto conversation = conversationRow(c, tenant, conversationId);
        if (!conversation)
            return conversation.error();
        read = std::move(conversation.value());
    }
    const protocol::Conversation &conv = read ? *read : *automatic->conversation;
    if (conv.status == protocol::ConversationStatus::Blocked)
        return makeError("contact_blocked", QStringLiteral("this contact is blocked; unblock the conversation to write"));
    {
        Sql config(c, QStringLiteral("SELECT 1 FROM whatsapp_config WHERE tenant_id = ? AND api_type = 'business_api' AND is_active = 1"));
        config.bind(tenant.value);
        if (auto s = config.exec(); !s)
            return s.error();
        if (!config.next())
            return makeError("whatsapp_not_configured", QStringLiteral("WhatsApp is not connected for this company yet; an administrator "
                                                                       "must set it up under WhatsApp configuration"));
    }
    if (r.type == QLatin1String("template") && automatic && !automatic->received.isEmpty()) {
        content = preview = automatic->received;
    } else if (r.type == QLatin1String("template")) {
        QString field;
        const protocol::TemplateSend &t = *r.templateSend;
        // What the contact reads is the message's text: the chat and the
        // list show it as WhatsApp does, not the template's name.
        QString received;
        if (auto s = TemplateService::checkSend(c, tenant, templateName, t.language.trimmed(), t.components, &field, &received);
            !s) {
            if (errorField)
                *errorField = field;
            return s.error();
        }
        if (!received.isEmpty())
            content = preview = received;
    }
    const qint64 now = nowMs();
    const bool windowOpen = conv.windowOpenUntil && *conv.windowOpenUntil > now;
    if (r.type != QLatin1String("template") && !windowOpen)
        return makeError("window_closed", QStringLiteral("the contact last wrote more than 24 hours ago (or never): WhatsApp only "
                                                         "allows a template message now"));
    // A template outside the contact's window starts a conversation the
    // business pays for, unless one it started is still open (24 hours):
    // those count against the plan's monthly allowance.
    bool opensConversation = false;
    if (r.type == QLatin1String("template") && !windowOpen) {
        Sql open(c, QStringLiteral("SELECT 1 FROM whatsapp_messages WHERE conversation_id = ? AND opens_conversation = 1 "
                                                 "AND status <> 'failed' AND created_at > ? LIMIT 1"));
        open.bind(conversationId).bind(now - 24 * 3600 * 1000LL);
        if (auto s = open.exec(); !s)
            return s.error();
        opensConversation = !open.next();
        open.finish();
        // A plan without a monthly limit needs no count (nor the lock that
        // serialises counting on PostgreSQL); the plan as read in the last
        // two seconds says which.
        auto recent = opensConversation ? TenantRepository(m_db).findRecent(tenant) : Result<std::optional<Tenant>>(std::nullopt);
        if (!recent)
            return recent.error();
        const bool unlimited = recent.value() && !limitsFor(recent.value()->plan).businessConversations;
        if (opensConversation && !unlimited)
            if (auto s = PlanUsageQuery::checkBusinessConversation(c, m_db.dialect() == Dialect::Postgres, tenant, now); !s)
                return s.error();
    }
    QString contextProviderId;
    if (r.replyTo.value_or(0) > 0) {
        Sql target(c, QStringLiteral("SELECT provider_message_id FROM whatsapp_messages WHERE tenant_id = ? AND conversation_id = ? AND id = ?"));
        target.bind(tenant.value).bind(conversationId).bind(*r.replyTo);
        if (auto s = target.exec(); !s)
            return s.error();
        if (!target.next())
            return invalid("reply_to", QStringLiteral("reply_to must be a message of this conversation"));
        contextProviderId = target.text(0);
        if (contextProviderId.isEmpty())
            return invalid("reply_to", QStringLiteral("that message has not reached WhatsApp yet, so it cannot be replied or reacted to"));
        request.insert(QStringLiteral("context_message_id"), contextProviderId);
    }
    request.insert(QStringLiteral("to"), conv.waId);
    request.insert(QStringLiteral("to_user_id"), conv.userId);

    // A file uploaded through Puente is shown from its stored copy.
    QString mediaFile, mediaMime, mediaName = r.filename;
    QVariant mediaSize(QMetaType(QMetaType::LongLong));
    if (!r.mediaId.isEmpty()) {
        Sql up(c, QStringLiteral("SELECT sha256, mime_type, size, filename FROM media_uploads WHERE tenant_id = ? AND media_id = ?"));
        up.bind(tenant.value).bind(r.mediaId);
        if (auto s = up.exec(); !s)
            return s.error();
        if (up.next()) {
            mediaFile = up.text(0);
            mediaMime = up.text(1);
            mediaSize = up.int64(2);
            if (mediaName.isEmpty()) {
                mediaName = up.text(3);
                if (r.type == QLatin1String("document"))
                    request.insert(QStringLiteral("filename"), mediaName); // what the contact sees
            }
        }
    }
    Sql insert(c, QStringLiteral(
        "INSERT INTO whatsapp_messages (tenant_id, conversation_id, direction, type, content, status, timestamp, media_id, media_caption, "
        "media_filename, context_message_id, reaction_emoji, sent_by_user_id, template_name, media_file, media_mime_type, media_size, "
        "opens_conversation, notification_id, notification_event, campaign_id, created_at, updated_at) "
        "VALUES (?, ?, 'outbound', ?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ")
        + kMessageColumns);
    insert.bind(tenant.value).bind(conversationId).bind(r.type).bind(nullIfEmpty(content)).bind(now).bind(nullIfEmpty(r.mediaId))
        .bind(nullIfEmpty(r.caption)).bind(nullIfEmpty(mediaName)).bind(nullIfEmpty(contextProviderId))
        .bind(r.type == QLatin1String("reaction") ? QVariant(r.emoji) : QVariant(QMetaType(QMetaType::QString)))
        .bind(sender.isValid() ? QVariant(sender.value) : QVariant(QMetaType(QMetaType::LongLong)))
        .bind(nullIfEmpty(templateName)).bind(nullIfEmpty(mediaFile)).bind(nullIfEmpty(mediaMime)).bind(mediaSize).bind(opensConversation ? 1 : 0)
        .bind(automatic && automatic->notificationId ? QVariant(automatic->notificationId) : QVariant(QMetaType(QMetaType::LongLong)))
        .bind(automatic ? nullIfEmpty(automatic->event) : QVariant(QMetaType(QMetaType::QString)))
        .bind(automatic && automatic->campaignId ? QVariant(automatic->campaignId) : QVariant(QMetaType(QMetaType::LongLong)))
        .bind(now).bind(now);
    if (auto s = insert.exec(); !s)
        return s.error();
    if (!insert.next())
        return makeError("storage_error", QStringLiteral("message insert returned no row"));
    const protocol::Message message = rows::message(insert);
    insert.finish();
    const qint64 messageId = message.id;
    Sql outbox(c, QStringLiteral("INSERT INTO outbox (tenant_id, message_id, request, state, attempts, next_attempt_at, created_at, updated_at) "
                                               "VALUES (?, ?, ?, 'pending', 0, ?, ?, ?)"));
    outbox.bind(tenant.value).bind(messageId).bind(rows::compactJson(request)).bind(now).bind(now).bind(now);
    if (auto s = outbox.exec(); !s)
        return s.error();
    // The events' counter is locked last (EventBatch::write), after the
    // conversation row, as the inbound processor does (no lock-order
    // deadlock on PostgreSQL).
    events.append(tenant, QStringLiteral("message.created"), protocol::toJson(message));
    if (r.type != QLatin1String("reaction")) {
        Sql touch(c, QStringLiteral("UPDATE whatsapp_conversations SET last_message_at = ?, last_message_preview = ?, updated_at = ? "
                                                  "WHERE id = ? RETURNING ") + kConversationColumns);
        touch.bind(now).bind(preview.simplified().left(200)).bind(now).bind(conversationId);
        if (auto s = touch.exec(); !s)
            return s.error();
        if (touch.next())
            events.append(tenant, QStringLiteral("conversation.updated"), rows::conversationJson(touch));
        touch.finish();
    }
    return message;
}

Result<ConversationService::MediaFile> ConversationService::media(TenantId tenant, qint64 messageId, const QString &mediaRoot)
{
    Sql q(m_db.connection(), QStringLiteral("SELECT media_id, media_file, media_mime_type, media_filename, direction, media_attempts, media_error "
                                            "FROM whatsapp_messages WHERE tenant_id = ? AND id = ?"));
    q.bind(tenant.value).bind(messageId);
    if (auto s = q.exec(); !s)
        return s.error();
    if (!q.next() || (q.isNull(0) && q.isNull(1)))
        return makeError("not_found", QStringLiteral("no such media"));
    if (q.isNull(1)) {
        // Only inbound media is fetched from WhatsApp, and only so often:
        // "try again" is for a file that may still come.
        if (q.text(4) != QLatin1String("inbound"))
            return makeError("not_found", QStringLiteral("this file was not uploaded through Puente, so there is nothing to show"));
        if (q.int64(5) >= MediaFetcher::kMaxAttempts)
            return makeError("not_found", QStringLiteral("this file could not be downloaded from WhatsApp: %1").arg(q.text(6)));
        return makeError("media_not_available", QStringLiteral("this file has not been downloaded from WhatsApp yet; try again in a minute"));
    }
    // Files are content-addressed (a sha256 name) under the media folder:
    // a stored name with a path in it is refused.
    const QString name = q.text(1);
    static const QRegularExpression safe(QStringLiteral("^[0-9a-f]{64}$"));
    if (!safe.match(name).hasMatch())
        return makeError("media_not_available", QStringLiteral("the stored file name is not valid"));
    const QString path = mediaRoot + QLatin1Char('/') + name.left(2) + QLatin1Char('/') + name;
    if (!QFileInfo::exists(path))
        return makeError("media_not_available", QStringLiteral("the file is missing from the media folder"));
    return MediaFile{path, q.text(2).isEmpty() ? QStringLiteral("application/octet-stream") : q.text(2), q.text(3)};
}

Status ConversationService::recordUpload(TenantId tenant, const QString &mediaId, const QString &sha256, const QString &mimeType, qint64 size,
                                         const QString &filename)
{
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun();
    Sql q(tx.connection(), QStringLiteral("INSERT INTO media_uploads (tenant_id, media_id, sha256, mime_type, size, filename, created_at) "
                                          "VALUES (?, ?, ?, ?, ?, ?, ?)"));
    q.bind(tenant.value).bind(mediaId).bind(sha256).bind(mimeType).bind(size).bind(nullIfEmpty(filename)).bind(nowMs());
    if (auto s = q.exec(); !s)
        return s;
    return tx.commit();
}

Result<protocol::Message> ConversationService::retry(TenantId tenant, qint64 messageId, const Actor &actor)
{
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    qint64 conversationId = 0;
    QString type;
    {
        Sql q(tx.connection(), QStringLiteral("SELECT m.conversation_id, m.type, m.status, o.state FROM whatsapp_messages m "
                                              "JOIN outbox o ON o.message_id = m.id WHERE m.tenant_id = ? AND m.id = ?"));
        q.bind(tenant.value).bind(messageId);
        if (auto s = q.exec(); !s)
            return s.error();
        if (!q.next())
            return makeError("not_found", QStringLiteral("no such outgoing message"));
        if (q.text(2) != QLatin1String("failed") || (q.text(3) != QLatin1String("failed") && q.text(3) != QLatin1String("needs_attention")))
            return makeError("not_retryable", QStringLiteral("only a failed message can be sent again"));
        conversationId = q.int64(0);
        type = q.text(1);
    }
    auto conversation = conversationRow(tx.connection(), tenant, conversationId);
    if (!conversation)
        return conversation.error();
    const qint64 now = nowMs();
    const auto until = conversation->windowOpenUntil;
    if (type != QLatin1String("template") && (!until || *until <= now))
        return makeError("window_closed", QStringLiteral("the contact last wrote more than 24 hours ago: WhatsApp only allows a template message now"));
    Sql o(tx.connection(), QStringLiteral("UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ?, last_error = NULL, updated_at = ? "
                                          "WHERE message_id = ?"));
    o.bind(now).bind(now).bind(messageId);
    if (auto s = o.exec(); !s)
        return s.error();
    Sql m(tx.connection(), QStringLiteral("UPDATE whatsapp_messages SET status = 'queued', error_code = NULL, error_title = NULL, error_message = NULL, "
                                          "error_details = NULL, attention = NULL, status_at = ?, updated_at = ? WHERE id = ? RETURNING ")
                               + kMessageColumns);
    m.bind(now).bind(now).bind(messageId);
    if (auto s = m.exec(); !s)
        return s.error();
    if (!m.next())
        return makeError("not_found", QStringLiteral("no such outgoing message"));
    // message.updated with status queued wakes the dispatcher, like a new one.
    auto event = rows::recordMessage(tx.connection(), tenant, QStringLiteral("message.updated"), m);
    if (!event)
        return event.error();
    if (auto s = AuditLog::append(tx.connection(), actor, tenant, QStringLiteral("message.retried"), QStringLiteral("message"),
                                  QString::number(messageId));
        !s)
        return s.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    (void)publish({event->event});
    return event->row;
}

Result<protocol::Message> ConversationService::dismiss(TenantId tenant, qint64 messageId, const Actor &actor)
{
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    {
        Sql q(tx.connection(), QStringLiteral("SELECT m.status FROM whatsapp_messages m JOIN outbox o ON o.message_id = m.id "
                                              "WHERE m.tenant_id = ? AND m.id = ?"));
        q.bind(tenant.value).bind(messageId);
        if (auto s = q.exec(); !s)
            return s.error();
        if (!q.next())
            return makeError("not_found", QStringLiteral("no such outgoing message"));
        if (q.text(0) != QLatin1String("failed"))
            return makeError("not_retryable", QStringLiteral("only a failed message can be dismissed"));
    }
    const qint64 now = nowMs();
    Sql o(tx.connection(), QStringLiteral("UPDATE outbox SET state = 'failed', updated_at = ? WHERE message_id = ?"));
    o.bind(now).bind(messageId);
    if (auto s = o.exec(); !s)
        return s.error();
    Sql m(tx.connection(), QStringLiteral("UPDATE whatsapp_messages SET attention = NULL, updated_at = ? WHERE id = ? RETURNING ") + kMessageColumns);
    m.bind(now).bind(messageId);
    if (auto s = m.exec(); !s)
        return s.error();
    if (!m.next())
        return makeError("not_found", QStringLiteral("no such outgoing message"));
    auto event = rows::recordMessage(tx.connection(), tenant, QStringLiteral("message.updated"), m);
    if (!event)
        return event.error();
    if (auto s = AuditLog::append(tx.connection(), actor, tenant, QStringLiteral("message.dismissed"), QStringLiteral("message"),
                                  QString::number(messageId));
        !s)
        return s.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    (void)publish({event->event});
    return event->row;
}

} // namespace puente
