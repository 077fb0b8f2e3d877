#include "meta/webhookparser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace puente::meta {

namespace {

// Meta sends ids and timestamps as strings, but a tolerant reader accepts numbers too.
QString str(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble()) {
        // Ids sent as numbers (message_template_id): integral when they fit.
        const double d = v.toDouble();
        if (d > -9.0e15 && d < 9.0e15)
            return QString::number(qint64(d));
        return QString::number(d, 'g', 17);
    }
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return {};
}

qint64 secondsToMs(const QJsonValue &v)
{
    // Anything that is not a plausible Unix time in seconds (up to year
    // 5138) counts as missing.
    constexpr qint64 kMaxSeconds = 100'000'000'000;
    bool ok = v.isDouble();
    qint64 s = 0;
    if (ok) {
        const double d = v.toDouble();
        ok = d > 0 && d < double(kMaxSeconds);
        s = ok ? qint64(d) : 0;
    } else {
        s = v.toString().toLongLong(&ok);
    }
    return ok && s > 0 && s < kMaxSeconds ? s * 1000 : 0;
}

QList<MetaError> parseErrors(const QJsonValue &v)
{
    QList<MetaError> out;
    const QJsonArray arr = v.toArray();
    for (const QJsonValue &e : arr) {
        const QJsonObject o = e.toObject();
        MetaError err;
        err.code = o.value(QStringLiteral("code")).toInt();
        err.title = str(o.value(QStringLiteral("title")));
        err.message = str(o.value(QStringLiteral("message")));
        err.details = str(o.value(QStringLiteral("error_data")).toObject().value(QStringLiteral("details")));
        if (err.details.isEmpty())
            err.details = str(o.value(QStringLiteral("details")));
        err.href = str(o.value(QStringLiteral("href")));
        out.append(err);
    }
    return out;
}

void readMedia(InboundMessage &m, const QJsonObject &media)
{
    m.mediaId = str(media.value(QStringLiteral("id")));
    m.mimeType = str(media.value(QStringLiteral("mime_type")));
    m.sha256 = str(media.value(QStringLiteral("sha256")));
    m.caption = str(media.value(QStringLiteral("caption")));
    m.filename = str(media.value(QStringLiteral("filename")));
    m.mediaUrl = str(media.value(QStringLiteral("url")));
    const QJsonValue size = media.value(QStringLiteral("file_size"));
    if (size.isDouble() || size.isString())
        m.fileSize = size.isDouble() ? qint64(size.toDouble()) : size.toString().toLongLong();
    m.text = !m.caption.isEmpty() ? m.caption : m.filename;
}

QString contactsText(const QJsonArray &contacts)
{
    QStringList names;
    for (const QJsonValue &c : contacts) {
        const QJsonObject name = c.toObject().value(QStringLiteral("name")).toObject();
        QString n = str(name.value(QStringLiteral("formatted_name")));
        if (n.isEmpty())
            n = (str(name.value(QStringLiteral("first_name"))) + QLatin1Char(' ') + str(name.value(QStringLiteral("last_name")))).trimmed();
        const QJsonArray phones = c.toObject().value(QStringLiteral("phones")).toArray();
        if (!phones.isEmpty())
            n += QStringLiteral(" (%1)").arg(str(phones.first().toObject().value(QStringLiteral("phone"))));
        if (!n.trimmed().isEmpty())
            names.append(n.trimmed());
    }
    return names.join(QStringLiteral(", "));
}

InboundMessage parseMessage(const QJsonObject &o)
{
    InboundMessage m;
    m.raw = o;
    m.id = str(o.value(QStringLiteral("id")));
    m.from = str(o.value(QStringLiteral("from")));
    m.fromUserId = str(o.value(QStringLiteral("from_user_id")));
    m.type = str(o.value(QStringLiteral("type")));
    m.timestampMs = secondsToMs(o.value(QStringLiteral("timestamp")));
    m.errors = parseErrors(o.value(QStringLiteral("errors")));
    m.referral = o.value(QStringLiteral("referral")).toObject();

    const QJsonObject context = o.value(QStringLiteral("context")).toObject();
    m.contextId = str(context.value(QStringLiteral("id")));
    m.contextFrom = str(context.value(QStringLiteral("from")));
    m.forwarded = context.value(QStringLiteral("forwarded")).toBool();
    m.frequentlyForwarded = context.value(QStringLiteral("frequently_forwarded")).toBool();

    const QJsonObject body = o.value(m.type).toObject(); // the type's own object, if any
    if (m.type == QLatin1String("text")) {
        m.text = str(body.value(QStringLiteral("body")));
    } else if (m.type == QLatin1String("image") || m.type == QLatin1String("video") || m.type == QLatin1String("audio")
               || m.type == QLatin1String("document") || m.type == QLatin1String("sticker")) {
        readMedia(m, body);
    } else if (m.type == QLatin1String("location")) {
        const QString place = QStringList{str(body.value(QStringLiteral("name"))), str(body.value(QStringLiteral("address")))}
                                  .filter(QRegularExpression(QStringLiteral("\\S")))
                                  .join(QStringLiteral(", "));
        const QString coords = QStringLiteral("%1, %2")
                                   .arg(body.value(QStringLiteral("latitude")).toVariant().toString(),
                                        body.value(QStringLiteral("longitude")).toVariant().toString());
        m.text = place.isEmpty() ? coords : place + QStringLiteral(" (") + coords + QLatin1Char(')');
    } else if (m.type == QLatin1String("contacts")) {
        m.text = contactsText(o.value(QStringLiteral("contacts")).toArray());
    } else if (m.type == QLatin1String("interactive")) {
        const QString kind = str(body.value(QStringLiteral("type")));
        const QJsonObject reply = body.value(kind).toObject();
        m.replyPayload = str(reply.value(QStringLiteral("id")));
        m.text = str(reply.value(QStringLiteral("title")));
        if (m.text.isEmpty())
            m.text = str(reply.value(QStringLiteral("body")));
        const QString description = str(reply.value(QStringLiteral("description")));
        if (!description.isEmpty())
            m.text += QStringLiteral(" — ") + description;
        if (m.text.isEmpty())
            m.text = kind;
    } else if (m.type == QLatin1String("button")) {
        m.replyPayload = str(body.value(QStringLiteral("payload")));
        m.text = str(body.value(QStringLiteral("text")));
        if (m.text.isEmpty())
            m.text = str(body.value(QStringLiteral("payload")));
    } else if (m.type == QLatin1String("reaction")) {
        m.reactionTo = str(body.value(QStringLiteral("message_id")));
        m.text = str(body.value(QStringLiteral("emoji")));
    } else if (m.type == QLatin1String("order")) {
        const int items = body.value(QStringLiteral("product_items")).toArray().size();
        m.text = str(body.value(QStringLiteral("text")));
        if (m.text.isEmpty())
            m.text = QStringLiteral("%1 item(s)").arg(items);
    } else if (m.type == QLatin1String("system")) {
        m.text = str(body.value(QStringLiteral("body")));
        m.systemType = str(body.value(QStringLiteral("type")));
        m.newWaId = str(body.value(QStringLiteral("wa_id")));
    } else if (m.type == QLatin1String("edit")) {
        m.targetId = str(body.value(QStringLiteral("original_message_id")));
        const QJsonObject inner = body.value(QStringLiteral("message")).toObject();
        const InboundMessage edited = parseMessage(inner);
        m.text = edited.text;
    } else if (m.type == QLatin1String("revoke")) {
        m.targetId = str(body.value(QStringLiteral("original_message_id")));
    } else if (m.type == QLatin1String("unsupported") || m.type == QLatin1String("unknown")) {
        const QString what = str(body.value(QStringLiteral("type")));
        m.text = !m.errors.isEmpty() ? m.errors.first().title : QString();
        if (!what.isEmpty())
            m.text = m.text.isEmpty() ? what : m.text + QStringLiteral(" (") + what + QLatin1Char(')');
    } else if (!body.isEmpty()) {
        // A type this build does not know yet: keep whatever text it has.
        for (const char *key : {"body", "text", "caption", "title"}) {
            m.text = str(body.value(QLatin1String(key)));
            if (!m.text.isEmpty())
                break;
        }
    }
    return m;
}

} // namespace

StatusUpdate parseStatus(const QJsonObject &o)
{
    StatusUpdate s;
    s.raw = o;
    s.id = str(o.value(QStringLiteral("id")));
    s.status = str(o.value(QStringLiteral("status")));
    s.timestampMs = secondsToMs(o.value(QStringLiteral("timestamp")));
    s.recipientId = str(o.value(QStringLiteral("recipient_id")));
    s.recipientUserId = str(o.value(QStringLiteral("recipient_user_id")));
    s.bizOpaqueCallbackData = str(o.value(QStringLiteral("biz_opaque_callback_data")));
    s.conversation = o.value(QStringLiteral("conversation")).toObject();
    s.pricing = o.value(QStringLiteral("pricing")).toObject();
    s.errors = parseErrors(o.value(QStringLiteral("errors")));
    return s;
}

ParsedWebhook parseWebhook(const QByteArray &body)
{
    ParsedWebhook out;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        out.error = QStringLiteral("invalid JSON at offset %1: %2").arg(error.offset).arg(error.errorString());
        return out;
    }
    if (!doc.isObject()) {
        out.error = QStringLiteral("the body is not a JSON object");
        return out;
    }
    const QJsonObject root = doc.object();
    out.ok = true;
    out.object = str(root.value(QStringLiteral("object")));
    const QJsonArray entries = root.value(QStringLiteral("entry")).toArray();
    for (const QJsonValue &entryValue : entries) {
        const QJsonObject entry = entryValue.toObject();
        const QString entryId = str(entry.value(QStringLiteral("id")));
        const QJsonArray changes = entry.value(QStringLiteral("changes")).toArray();
        for (const QJsonValue &changeValue : changes) {
            const QJsonObject change = changeValue.toObject();
            WebhookChange c;
            c.field = str(change.value(QStringLiteral("field")));
            c.entryId = entryId;
            c.value = change.value(QStringLiteral("value")).toObject();
            const QString partnerWaba = str(c.value.value(QStringLiteral("waba_info")).toObject().value(QStringLiteral("waba_id")));
            c.wabaId = partnerWaba.isEmpty() ? entryId : partnerWaba;
            const QJsonObject metadata = c.value.value(QStringLiteral("metadata")).toObject();
            c.phoneNumberId = str(metadata.value(QStringLiteral("phone_number_id")));
            c.displayPhoneNumber = str(metadata.value(QStringLiteral("display_phone_number")));
            if (c.displayPhoneNumber.isEmpty())
                c.displayPhoneNumber = str(c.value.value(QStringLiteral("display_phone_number")));
            const QJsonArray contacts = c.value.value(QStringLiteral("contacts")).toArray();
            for (const QJsonValue &cv : contacts) {
                const QJsonObject co = cv.toObject();
                const QJsonObject profile = co.value(QStringLiteral("profile")).toObject();
                c.contacts.append({str(co.value(QStringLiteral("wa_id"))), str(co.value(QStringLiteral("user_id"))),
                                   str(co.value(QStringLiteral("parent_user_id"))), str(profile.value(QStringLiteral("name"))),
                                   str(profile.value(QStringLiteral("username")))});
            }
            QJsonArray messages = c.value.value(QStringLiteral("messages")).toArray();
            if (messages.isEmpty() && c.value.contains(QStringLiteral("message_echoes"))) {
                messages = c.value.value(QStringLiteral("message_echoes")).toArray();
                c.echoes = true;
            }
            for (const QJsonValue &mv : messages)
                c.messages.append(parseMessage(mv.toObject()));
            const QJsonArray statuses = c.value.value(QStringLiteral("statuses")).toArray();
            for (const QJsonValue &sv : statuses)
                c.statuses.append(parseStatus(sv.toObject()));
            c.errors = parseErrors(c.value.value(QStringLiteral("errors")));
            out.changes.append(c);
        }
    }
    return out;
}

WebhookContact contactFor(const WebhookChange &change, const InboundMessage &message)
{
    for (const WebhookContact &c : change.contacts) {
        if ((!message.from.isEmpty() && c.waId == message.from)
            || (!message.fromUserId.isEmpty() && c.userId == message.fromUserId))
            return c;
    }
    if (!change.contacts.isEmpty())
        return change.contacts.first();
    return {message.from, message.fromUserId, {}, {}, {}};
}

} // namespace puente::meta
