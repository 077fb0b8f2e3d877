#include "sandbox/sendvalidation.h"

#include "sandbox/wamid.h"

#include <QJsonArray>
#include <QSet>
#include <QStringList>
#include <QUrl>

namespace puente::sandbox {

namespace {
constexpr int kMaxTextLength = 4096;
} // namespace

QString validateSend(const QJsonObject &body, int *code)
{
    *code = 100;
    if (body.value(QStringLiteral("messaging_product")).toString() != QLatin1String("whatsapp"))
        return QStringLiteral("The parameter messaging_product is required and must be \"whatsapp\".");
    const QString recipientType = body.value(QStringLiteral("recipient_type")).toString(QStringLiteral("individual"));
    if (recipientType != QLatin1String("individual") && recipientType != QLatin1String("group"))
        return QStringLiteral("Param recipient_type must be one of {individual, group}.");
    const QString to = body.value(QStringLiteral("to")).toString();
    if (to.isEmpty())
        return QStringLiteral("The parameter to is required.");
    if (recipientFor(to).isEmpty())
        return QStringLiteral("Param to must be a phone number with its country code or a business-scoped user id.");
    const QString type = body.value(QStringLiteral("type")).toString(QStringLiteral("text"));
    static const QStringList types
        = {QStringLiteral("text"),        QStringLiteral("image"),    QStringLiteral("video"),    QStringLiteral("audio"),
           QStringLiteral("document"),    QStringLiteral("sticker"),  QStringLiteral("location"), QStringLiteral("contacts"),
           QStringLiteral("interactive"), QStringLiteral("reaction"), QStringLiteral("template")};
    if (!types.contains(type))
        return QStringLiteral("Param type must be one of {%1}; got \"%2\".").arg(types.join(QStringLiteral(", ")), type);
    const QJsonValue objectValue = body.value(type);
    if (type == QLatin1String("contacts") ? !objectValue.isArray() : !objectValue.isObject())
        return QStringLiteral("The parameter %1 is required for messages of type %1.").arg(type);
    const QJsonObject object = objectValue.toObject();
    if (body.contains(QStringLiteral("context"))
        && body.value(QStringLiteral("context")).toObject().value(QStringLiteral("message_id")).toString().isEmpty())
        return QStringLiteral("Param context['message_id'] is required.");

    if (type == QLatin1String("text")) {
        const QString text = object.value(QStringLiteral("body")).toString();
        if (text.trimmed().isEmpty())
            return QStringLiteral("Param text['body'] is required and must not be empty.");
        if (text.size() > kMaxTextLength)
            return QStringLiteral("Param text['body'] must be at most %1 characters long; got %2.").arg(kMaxTextLength).arg(text.size());
    } else if (type == QLatin1String("image") || type == QLatin1String("video") || type == QLatin1String("audio")
               || type == QLatin1String("document") || type == QLatin1String("sticker")) {
        const bool hasId = !object.value(QStringLiteral("id")).toString().isEmpty();
        const QString link = object.value(QStringLiteral("link")).toString();
        if (hasId == !link.isEmpty())
            return QStringLiteral("Param %1 must have exactly one of 'id' or 'link'.").arg(type);
        if (!link.isEmpty()) {
            const QUrl url(link);
            if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) || url.host().isEmpty())
                return QStringLiteral("Param %1['link'] must be an http or https URL.").arg(type);
        }
        if (object.value(QStringLiteral("caption")).toString().size() > 1024)
            return QStringLiteral("Param %1['caption'] must be at most 1024 characters long.").arg(type);
    } else if (type == QLatin1String("location")) {
        for (const QString &key : {QStringLiteral("latitude"), QStringLiteral("longitude")}) {
            const QJsonValue v = object.value(key);
            bool ok = v.isDouble();
            if (v.isString())
                v.toString().toDouble(&ok);
            if (!ok)
                return QStringLiteral("Param location['%1'] is required and must be a number.").arg(key);
        }
    } else if (type == QLatin1String("contacts")) {
        const QJsonArray contacts = objectValue.toArray();
        if (contacts.isEmpty())
            return QStringLiteral("Param contacts must contain at least one contact.");
        for (qsizetype i = 0; i < contacts.size(); ++i)
            if (contacts.at(i)
                    .toObject()
                    .value(QStringLiteral("name"))
                    .toObject()
                    .value(QStringLiteral("formatted_name"))
                    .toString()
                    .isEmpty())
                return QStringLiteral("Param contacts[%1]['name']['formatted_name'] is required.").arg(i);
    } else if (type == QLatin1String("interactive")) {
        const QString kind = object.value(QStringLiteral("type")).toString();
        static const QStringList kinds = {QStringLiteral("button"),
                                          QStringLiteral("list"),
                                          QStringLiteral("cta_url"),
                                          QStringLiteral("flow"),
                                          QStringLiteral("product"),
                                          QStringLiteral("product_list"),
                                          QStringLiteral("location_request_message"),
                                          QStringLiteral("address_message"),
                                          QStringLiteral("call_permission_request")};
        if (!kinds.contains(kind))
            return QStringLiteral("Param interactive['type'] must be one of {%1}.").arg(kinds.join(QStringLiteral(", ")));
        if (!object.value(QStringLiteral("action")).isObject() && kind != QLatin1String("location_request_message"))
            return QStringLiteral("The parameter interactive['action'] is required.");
        const QJsonObject action = object.value(QStringLiteral("action")).toObject();
        if ((kind == QLatin1String("button") || kind == QLatin1String("list"))
            && object.value(QStringLiteral("body")).toObject().value(QStringLiteral("text")).toString().isEmpty())
            return QStringLiteral("The parameter interactive['body']['text'] is required.");
        if (kind == QLatin1String("button")) {
            const QJsonArray buttons = action.value(QStringLiteral("buttons")).toArray();
            if (buttons.isEmpty() || buttons.size() > 3)
                return QStringLiteral("Param interactive['action']['buttons'] must have 1 to 3 buttons.");
            QSet<QString> ids;
            for (const QJsonValue &b : buttons) {
                const QJsonObject reply = b.toObject().value(QStringLiteral("reply")).toObject();
                const QString id = reply.value(QStringLiteral("id")).toString();
                const QString title = reply.value(QStringLiteral("title")).toString();
                if (id.isEmpty() || title.isEmpty())
                    return QStringLiteral("Each button needs reply['id'] and reply['title'].");
                if (title.size() > 20)
                    return QStringLiteral("Button title length invalid. Should be at most 20 characters: \"%1\".").arg(title);
                if (ids.contains(id)) {
                    *code = 131009;
                    return QStringLiteral("Duplicate button id");
                }
                ids.insert(id);
            }
        } else if (kind == QLatin1String("list")) {
            const QString button = action.value(QStringLiteral("button")).toString();
            if (button.isEmpty() || button.size() > 20)
                return QStringLiteral("Param interactive['action']['button'] is required and must be at most 20 characters long.");
            const QJsonArray sections = action.value(QStringLiteral("sections")).toArray();
            qsizetype rows = 0;
            for (const QJsonValue &s : sections)
                rows += s.toObject().value(QStringLiteral("rows")).toArray().size();
            if (sections.isEmpty() || sections.size() > 10 || rows == 0 || rows > 10)
                return QStringLiteral("Param interactive['action']['sections'] must have 1 to 10 sections and 1 to 10 rows in total.");
        }
    } else if (type == QLatin1String("reaction")) {
        if (object.value(QStringLiteral("message_id")).toString().isEmpty())
            return QStringLiteral("Param reaction['message_id'] is required.");
    } else if (type == QLatin1String("template")) {
        if (object.value(QStringLiteral("name")).toString().isEmpty())
            return QStringLiteral("Param template['name'] is required.");
        if (object.value(QStringLiteral("language")).toObject().value(QStringLiteral("code")).toString().isEmpty())
            return QStringLiteral("Param template['language']['code'] is required.");
    }
    return {};
}

} // namespace puente::sandbox
