#include "meta/graphclient.h"

#include <QFile>
#include <QHostAddress>
#include <QHostInfo>
#include <QHttpMultiPart>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QPromise>
#include <QThread>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrl>

#include <memory>

namespace puente::meta {

GraphError::Kind classifyGraphError(int httpStatus, int code, int subcode)
{
    Q_UNUSED(subcode);
    using K = GraphError::Kind;
    switch (code) {
    case 190: return K::Unauthorized;
    case 10: return K::Unauthorized;
    case 4: case 80007: case 130429: case 131056: case 613: return K::RateLimited;
    case 131047: return K::WindowClosed;
    case 100: case 131008: case 131009: case 131021: case 131051: case 131052: case 131053: return K::InvalidParameter;
    case 131026: case 131030: return K::RecipientUnavailable;
    default: break;
    }
    if (code >= 200 && code <= 299)
        return K::Unauthorized; // permission errors
    if (code >= 132000 && code < 133000)
        return K::InvalidParameter; // template errors
    if (code == 0 && httpStatus == 401)
        return K::Unauthorized;
    if (code == 0 && httpStatus == 429)
        return K::RateLimited;
    return K::MetaError;
}

GraphError parseGraphError(int httpStatus, const QByteArray &body)
{
    GraphError e;
    e.httpStatus = httpStatus;
    const QJsonObject error = QJsonDocument::fromJson(body).object().value(QStringLiteral("error")).toObject();
    e.code = error.value(QStringLiteral("code")).toInt();
    e.subcode = error.value(QStringLiteral("error_subcode")).toInt();
    e.message = error.value(QStringLiteral("message")).toString();
    if (e.message.isEmpty())
        e.message = error.value(QStringLiteral("error_user_msg")).toString();
    if (e.message.isEmpty())
        e.message = QStringLiteral("Meta answered HTTP %1").arg(httpStatus);
    e.details = error.value(QStringLiteral("error_data")).toObject().value(QStringLiteral("details")).toString();
    e.fbtraceId = error.value(QStringLiteral("fbtrace_id")).toString();
    e.kind = classifyGraphError(httpStatus, e.code, e.subcode);
    return e;
}

bool GraphError::retryable() const
{
    return kind == Kind::Network || kind == Kind::Timeout || kind == Kind::RateLimited || (kind == Kind::MetaError && httpStatus >= 500);
}

QString GraphError::kindName() const
{
    switch (kind) {
    case Kind::Network: return QStringLiteral("network");
    case Kind::Timeout: return QStringLiteral("timeout");
    case Kind::Unauthorized: return QStringLiteral("unauthorized");
    case Kind::RateLimited: return QStringLiteral("rate_limited");
    case Kind::WindowClosed: return QStringLiteral("window_closed");
    case Kind::InvalidParameter: return QStringLiteral("invalid_parameter");
    case Kind::RecipientUnavailable: return QStringLiteral("recipient_unavailable");
    case Kind::MetaError: return QStringLiteral("meta_error");
    }
    return {};
}

QString GraphError::explain() const
{
    const QString meta = code ? QStringLiteral(" (Meta error %1%2: %3)").arg(code).arg(subcode ? QStringLiteral("/%1").arg(subcode) : QString(), message)
                              : QStringLiteral(" (%1)").arg(message);
    switch (kind) {
    case Kind::Network:
        return QStringLiteral("Puente could not reach Meta's servers") + meta + QStringLiteral(". Check the server's internet connection and try again.");
    case Kind::Timeout:
        return QStringLiteral("Meta did not answer in time. Try again in a minute.");
    case Kind::Unauthorized:
        if (subcode == 463)
            return QStringLiteral("The access token has expired") + meta
                   + QStringLiteral(". Create a new token (a System User token does not expire) and paste it here.");
        return QStringLiteral("Meta refused the access token") + meta
               + QStringLiteral(". Check that the token is complete, belongs to this WhatsApp Business account and has the "
                                "whatsapp_business_messaging and whatsapp_business_management permissions.");
    case Kind::RateLimited:
        return QStringLiteral("Meta is limiting requests right now") + meta + QStringLiteral(". Wait a little and try again.");
    case Kind::WindowClosed:
        return QStringLiteral("The contact has not written in the last 24 hours, so WhatsApp only allows a template") + meta + QLatin1Char('.');
    case Kind::InvalidParameter:
        if (code == 100 && subcode == 33)
            return QStringLiteral("Meta did not accept the request") + meta
                   + QStringLiteral(". Check the phone number ID: it is the number's ID in WhatsApp Manager, not the phone number itself.");
        return QStringLiteral("Meta did not accept the request") + meta + (details.isEmpty() ? QString() : QStringLiteral(": ") + details) + QLatin1Char('.');
    case Kind::RecipientUnavailable:
        return QStringLiteral("This contact cannot receive WhatsApp messages") + meta + QLatin1Char('.');
    case Kind::MetaError:
        return QStringLiteral("Meta answered with an error") + meta
               + (fbtraceId.isEmpty() ? QString() : QStringLiteral(". If it persists, give Meta support this trace id: %1").arg(fbtraceId))
               + QLatin1Char('.');
    }
    return message;
}

bool isMetaMediaId(const QString &id)
{
    if (id.isEmpty() || id.size() > 32)
        return false;
    return std::all_of(id.cbegin(), id.cend(), [](QChar c) { return c >= QLatin1Char('0') && c <= QLatin1Char('9'); });
}

bool isGraphPath(const QString &path)
{
    if (path.isEmpty() || path.size() > 512)
        return false;
    for (const QStringView segment : QStringView(path).split(QLatin1Char('/'))) {
        if (segment.isEmpty() || segment == QLatin1String(".") || segment == QLatin1String(".."))
            return false;
        for (QChar c : segment) {
            const bool ok = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
                            || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('_') || c == QLatin1Char('-')
                            || c == QLatin1Char('.');
            if (!ok)
                return false;
        }
    }
    return true;
}

bool isPublicAddress(const QHostAddress &a)
{
    if (a.isLoopback() || a.isLinkLocal() || a.isSiteLocal() || a.isUniqueLocalUnicast() || a.isMulticast() || a.isBroadcast()
        || a.isNull() || a == QHostAddress::AnyIPv4 || a == QHostAddress::AnyIPv6)
        return false;
    bool v4 = false;
    const quint32 ip = a.toIPv4Address(&v4); // also IPv4-mapped IPv6
    if (v4) {
        const auto in = [ip](quint32 net, int bits) { return (ip >> (32 - bits)) == (net >> (32 - bits)); };
        // 0/8, 10/8, 100.64/10 (carrier NAT), 127/8, 169.254/16, 172.16/12,
        // 192.0.0/24, 192.168/16, 198.18/15 (benchmarks), 240/4.
        if (in(0x00000000, 8) || in(0x0A000000, 8) || in(0x64400000, 10) || in(0x7F000000, 8) || in(0xA9FE0000, 16)
            || in(0xAC100000, 12) || in(0xC0000000, 24) || in(0xC0A80000, 16) || in(0xC6120000, 15) || in(0xF0000000, 4))
            return false;
    }
    return true;
}

namespace {
bool hostAllowed(const QUrl &url, const QStringList &patterns)
{
    const QString host = url.host().toLower();
    const int port = url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
    for (const QString &raw : patterns) {
        QString p = raw.trimmed().toLower();
        int wantPort = -1;
        if (const int colon = p.lastIndexOf(QLatin1Char(':')); colon > 0 && !p.endsWith(QLatin1Char(']'))) {
            wantPort = p.mid(colon + 1).toInt();
            p = p.left(colon);
        }
        if (wantPort >= 0 && wantPort != port)
            continue;
        if (p.startsWith(QLatin1String("*."))) {
            const QString domain = p.mid(2);
            if (host == domain || host.endsWith(QLatin1Char('.') + domain))
                return true;
        } else if (host == p) {
            return true;
        }
    }
    return false;
}
} // namespace

Status checkMediaUrl(const QUrl &url, const GraphSettings &settings, const QList<QHostAddress> *resolved)
{
    if (!url.isValid() || url.host().isEmpty() || !url.userInfo().isEmpty())
        return makeError("media_url_refused", QStringLiteral("Meta's media URL is not a valid URL"));
    const bool https = url.scheme() == QLatin1String("https");
    if (!https && !(url.scheme() == QLatin1String("http") && settings.mediaPrivateNetwork))
        return makeError("media_url_refused", QStringLiteral("media is only downloaded over https (got %1)").arg(url.scheme()));
    if (!hostAllowed(url, settings.mediaHosts))
        return makeError("media_url_refused", QStringLiteral("%1 is not one of Meta's media hosts; not downloaded (media_download_hosts)")
                                                  .arg(url.host()));
    if (settings.mediaPrivateNetwork)
        return {};
    QList<QHostAddress> addresses;
    QHostAddress literal;
    if (literal.setAddress(url.host()))
        addresses.append(literal);
    else if (resolved)
        addresses = *resolved;
    else
        return {}; // a name: checked again once resolved
    if (addresses.isEmpty())
        return makeError("media_url_refused", QStringLiteral("%1 has no address").arg(url.host()));
    for (const QHostAddress &a : std::as_const(addresses))
        if (!isPublicAddress(a))
            return makeError("media_url_refused", QStringLiteral("%1 resolves to a private address (%2); not downloaded").arg(url.host(), a.toString()));
    return {};
}

QNetworkRequest GraphClient::request(const GraphSettings &settings, const QString &path, const QString &token, const QUrlQuery &query)
{
    // Only ever a path under the configured Graph API: an id taken from a
    // webhook or a client must not turn into a request elsewhere, carrying a
    // tenant's token.
    QUrl url;
    if (isGraphPath(path)) {
        url = QUrl(settings.baseUrl + QLatin1Char('/') + settings.version + QLatin1Char('/') + path);
        if (!query.isEmpty())
            url.setQuery(query);
    }
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    request.setTransferTimeout(settings.timeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    return request;
}

GraphResult GraphClient::readReply(QNetworkReply *reply)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    if (status == 0) {
        GraphError e;
        const auto error = reply->error();
        e.kind = error == QNetworkReply::OperationCanceledError || error == QNetworkReply::TimeoutError ? GraphError::Kind::Timeout
                                                                                                       : GraphError::Kind::Network;
        e.message = reply->errorString();
        return e;
    }
    if (status < 200 || status >= 300)
        return parseGraphError(status, body);
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (!doc.isObject()) {
        GraphError e;
        e.httpStatus = status;
        e.message = QStringLiteral("Meta's answer was not JSON");
        return e;
    }
    return doc.object();
}

SendAccepted parseSendAccepted(const QJsonObject &body)
{
    SendAccepted a;
    const QJsonObject message = body.value(QStringLiteral("messages")).toArray().first().toObject();
    a.wamid = message.value(QStringLiteral("id")).toString();
    a.messageStatus = message.value(QStringLiteral("message_status")).toString();
    a.waId = body.value(QStringLiteral("contacts")).toArray().first().toObject().value(QStringLiteral("wa_id")).toString();
    return a;
}

QJsonObject buildMarkReadBody(const QString &wamid)
{
    return {{QStringLiteral("messaging_product"), QStringLiteral("whatsapp")}, {QStringLiteral("status"), QStringLiteral("read")},
            {QStringLiteral("message_id"), wamid}};
}

Result<QJsonObject> buildMessageBody(const QJsonObject &r)
{
    const QString type = r.value(QStringLiteral("type")).toString();
    // A read receipt (the blue ticks) for an inbound message.
    if (type == QLatin1String("mark_read")) {
        const QString wamid = r.value(QStringLiteral("message_id")).toString();
        if (wamid.isEmpty())
            return makeError("invalid_message", QStringLiteral("a read receipt needs the message's WhatsApp id"));
        return buildMarkReadBody(wamid);
    }
    QString to = r.value(QStringLiteral("to")).toString();
    const QString toUserId = r.value(QStringLiteral("to_user_id")).toString();
    QJsonObject body{{QStringLiteral("messaging_product"), QStringLiteral("whatsapp")}, {QStringLiteral("recipient_type"), QStringLiteral("individual")}};
    if (!to.isEmpty()) {
        // With '+': otherwise Meta prepends the business number's country code.
        body.insert(QStringLiteral("to"), to.startsWith(QLatin1Char('+')) ? to : QLatin1Char('+') + to);
    } else if (!toUserId.isEmpty()) {
        body.insert(QStringLiteral("to"), toUserId); // a business-scoped user id (username users have no number)
    } else {
        return makeError("invalid_message", QStringLiteral("the contact has neither a phone number nor a WhatsApp user id"));
    }
    body.insert(QStringLiteral("type"), type);
    const QString context = r.value(QStringLiteral("context_message_id")).toString();
    if (type == QLatin1String("text")) {
        body.insert(QStringLiteral("text"), QJsonObject{{QStringLiteral("preview_url"), r.value(QStringLiteral("preview_url")).toBool()},
                                                        {QStringLiteral("body"), r.value(QStringLiteral("text")).toString()}});
    } else if (type == QLatin1String("image") || type == QLatin1String("video") || type == QLatin1String("document")
               || type == QLatin1String("audio") || type == QLatin1String("sticker")) {
        QJsonObject media;
        const QString id = r.value(QStringLiteral("media_id")).toString();
        if (!id.isEmpty())
            media.insert(QStringLiteral("id"), id);
        else
            media.insert(QStringLiteral("link"), r.value(QStringLiteral("link")).toString());
        const QString caption = r.value(QStringLiteral("caption")).toString();
        if (!caption.isEmpty() && type != QLatin1String("audio") && type != QLatin1String("sticker"))
            media.insert(QStringLiteral("caption"), caption);
        const QString filename = r.value(QStringLiteral("filename")).toString();
        if (!filename.isEmpty() && type == QLatin1String("document"))
            media.insert(QStringLiteral("filename"), filename);
        body.insert(type, media);
    } else if (type == QLatin1String("reaction")) {
        // A reaction names its target itself and cannot be a contextual reply.
        body.insert(QStringLiteral("reaction"), QJsonObject{{QStringLiteral("message_id"), context},
                                                            {QStringLiteral("emoji"), r.value(QStringLiteral("emoji")).toString()}});
        return body;
    } else if (type == QLatin1String("template")) {
        const QJsonObject t = r.value(QStringLiteral("template")).toObject();
        QJsonObject tpl{{QStringLiteral("name"), t.value(QStringLiteral("name")).toString()},
                        {QStringLiteral("language"), QJsonObject{{QStringLiteral("code"), t.value(QStringLiteral("language")).toString()}}}};
        const QJsonArray components = t.value(QStringLiteral("components")).toArray();
        if (!components.isEmpty())
            tpl.insert(QStringLiteral("components"), components);
        body.insert(QStringLiteral("template"), tpl);
    } else if (type == QLatin1String("location")) {
        const QJsonObject l = r.value(QStringLiteral("location")).toObject();
        QJsonObject loc;
        // Meta's example sends coordinates as strings.
        for (const QString &key : {QStringLiteral("latitude"), QStringLiteral("longitude")})
            loc.insert(key, l.value(key).isDouble() ? QString::number(l.value(key).toDouble(), 'g', 10) : l.value(key).toString());
        for (const QString &key : {QStringLiteral("name"), QStringLiteral("address")})
            if (l.contains(key))
                loc.insert(key, l.value(key).toString());
        body.insert(QStringLiteral("location"), loc);
    } else if (type == QLatin1String("contacts")) {
        body.insert(QStringLiteral("contacts"), r.value(QStringLiteral("contacts")).toArray());
    } else if (type == QLatin1String("interactive")) {
        body.insert(QStringLiteral("interactive"), r.value(QStringLiteral("interactive")).toObject());
    } else {
        return makeError("invalid_message", QStringLiteral("unknown message type \"%1\"").arg(type));
    }
    if (!context.isEmpty())
        body.insert(QStringLiteral("context"), QJsonObject{{QStringLiteral("message_id"), context}});
    return body;
}

// --- The asynchronous client --------------------------------------------

namespace {

GraphError networkError(const QString &message)
{
    GraphError e;
    e.kind = GraphError::Kind::Network;
    e.message = message;
    return e;
}

GraphError refused(const QString &why)
{
    GraphError e;
    e.kind = GraphError::Kind::InvalidParameter;
    e.message = why;
    return e;
}

PhoneNumberInfo phoneNumberFrom(const QJsonObject &o, const QString &phoneNumberId)
{
    PhoneNumberInfo info;
    info.id = o.value(QStringLiteral("id")).toString(phoneNumberId);
    info.displayPhoneNumber = o.value(QStringLiteral("display_phone_number")).toString();
    info.verifiedName = o.value(QStringLiteral("verified_name")).toString();
    info.qualityRating = o.value(QStringLiteral("quality_rating")).toString();
    info.status = o.value(QStringLiteral("status")).toString();
    info.throughputLevel = o.value(QStringLiteral("throughput")).toObject().value(QStringLiteral("level")).toString();
    info.codeVerificationStatus = o.value(QStringLiteral("code_verification_status")).toString();
    return info;
}

Template templateFrom(const QJsonObject &t)
{
    Template tpl;
    tpl.id = t.value(QStringLiteral("id")).toVariant().toString();
    tpl.name = t.value(QStringLiteral("name")).toString();
    tpl.language = t.value(QStringLiteral("language")).toString();
    tpl.category = t.value(QStringLiteral("category")).toString();
    tpl.status = t.value(QStringLiteral("status")).toString();
    tpl.rejectedReason = t.value(QStringLiteral("rejected_reason")).toString();
    const QJsonValue quality = t.value(QStringLiteral("quality_score"));
    tpl.qualityScore = quality.isObject() ? quality.toObject().value(QStringLiteral("score")).toString() : quality.toString();
    tpl.components = t.value(QStringLiteral("components")).toArray();
    tpl.raw = t;
    return tpl;
}

// A promise fulfilled once, from the Graph thread.
template<typename T>
struct Pending {
    std::shared_ptr<QPromise<T>> promise = std::make_shared<QPromise<T>>();
    Pending() { promise->start(); }
    void operator()(T value) const
    {
        promise->addResult(std::move(value));
        promise->finish();
    }
};

} // namespace

// Lives on the Graph thread; every method runs there.
class GraphClient::Worker : public QObject {
public:
    explicit Worker(GraphSettings settings) : m_settings(std::move(settings)) {}

    // Ends every call still running (their callbacks see the abort).
    void shutDown()
    {
        m_stopping = true;
        if (!m_network)
            return;
        const auto replies = m_network->findChildren<QNetworkReply *>();
        for (QNetworkReply *reply : replies)
            reply->abort();
        delete m_network;
        m_network = nullptr;
    }

    // Sends one request; `done` gets the finished reply (deleted after), or
    // null when the client is shutting down. Returns the reply (null then).
    QNetworkReply *send(const QNetworkRequest &request, const QByteArray &verb, const QByteArray &body, QHttpMultiPart *multipart,
                        std::function<void(QNetworkReply *)> done)
    {
        if (m_stopping) {
            delete multipart;
            done(nullptr);
            return nullptr;
        }
        if (!m_network)
            m_network = new QNetworkAccessManager(this);
        QNetworkReply *reply = multipart ? m_network->post(request, multipart)
                               : verb == "POST" ? m_network->post(request, body)
                                                : m_network->get(request);
        if (multipart)
            multipart->setParent(reply);
        connect(reply, &QNetworkReply::finished, this, [reply, done = std::move(done)] {
            done(reply);
            reply->deleteLater();
        });
        return reply;
    }

    void get(const QString &path, const QUrlQuery &query, const QString &token, std::function<void(GraphResult)> done)
    {
        send(GraphClient::request(m_settings, path, token, query), "GET", {}, nullptr, [done = std::move(done)](QNetworkReply *reply) {
            done(reply ? GraphClient::readReply(reply) : GraphResult(networkError(QStringLiteral("the server is shutting down"))));
        });
    }

    void templatesFrom(const QString &wabaId, const QString &token, QList<Template> found, const QString &after, int page,
                       std::function<void(std::variant<QList<Template>, GraphError>)> done)
    {
        QUrlQuery query{{QStringLiteral("limit"), QStringLiteral("100")},
                        {QStringLiteral("fields"), QStringLiteral("id,name,language,category,status,rejected_reason,quality_score,components")}};
        if (!after.isEmpty())
            query.addQueryItem(QStringLiteral("after"), after);
        get(wabaId + QStringLiteral("/message_templates"), query, token,
            [this, wabaId, token, found = std::move(found), page, done = std::move(done)](GraphResult r) mutable {
                if (const auto *e = std::get_if<GraphError>(&r))
                    return done(*e);
                const QJsonObject o = std::get<QJsonObject>(r);
                for (const QJsonValue &v : o.value(QStringLiteral("data")).toArray())
                    if (Template t = templateFrom(v.toObject()); !t.name.isEmpty())
                        found.append(std::move(t));
                const QJsonObject paging = o.value(QStringLiteral("paging")).toObject();
                const QString next = paging.value(QStringLiteral("cursors")).toObject().value(QStringLiteral("after")).toString();
                // 200 pages of 100: far beyond any WABA.
                if (!paging.contains(QStringLiteral("next")) || next.isEmpty() || page >= 199)
                    return done(std::move(found));
                templatesFrom(wabaId, token, std::move(found), next, page + 1, std::move(done));
            });
    }

    void phoneNumber(const QString &id, const QString &token, std::function<void(std::variant<PhoneNumberInfo, GraphError>)> done)
    {
        const QUrlQuery fields{{QStringLiteral("fields"), QStringLiteral("display_phone_number,verified_name,quality_rating,"
                                                                         "code_verification_status,platform_type,throughput,status")}};
        get(id, fields, token, [this, id, token, done = std::move(done)](GraphResult r) mutable {
            if (const auto *e = std::get_if<GraphError>(&r))
                return done(*e);
            tierOf(id, token, phoneNumberFrom(std::get<QJsonObject>(r), id), 0, std::move(done));
        });
    }

    // The tier moved between Graph versions: the new field, then the old.
    void tierOf(const QString &id, const QString &token, PhoneNumberInfo info, int which,
                std::function<void(std::variant<PhoneNumberInfo, GraphError>)> done)
    {
        static const QString fields[] = {QStringLiteral("whatsapp_business_manager_messaging_limit"), QStringLiteral("messaging_limit_tier")};
        if (which >= 2)
            return done(std::move(info));
        const QString field = fields[which];
        get(id, QUrlQuery{{QStringLiteral("fields"), field}}, token,
            [this, id, token, info = std::move(info), which, field, done = std::move(done)](GraphResult r) mutable {
                if (const auto *o = std::get_if<QJsonObject>(&r); o && o->contains(field)) {
                    info.messagingLimit = o->value(field).toString();
                    return done(std::move(info));
                }
                tierOf(id, token, std::move(info), which + 1, std::move(done));
            });
    }

    void upload(const QString &phoneNumberId, const QString &filePath, const QString &mimeType, const QString &filename, const QString &token,
                std::function<void(std::variant<QString, GraphError>)> done)
    {
        auto *multipart = new QHttpMultiPart(QHttpMultiPart::FormDataType);
        auto *device = new QFile(filePath, multipart);
        if (!device->open(QIODevice::ReadOnly)) {
            const QString why = device->errorString();
            delete multipart;
            return done(networkError(QStringLiteral("the file to upload cannot be read: %1").arg(why)));
        }
        QHttpPart product;
        product.setHeader(QNetworkRequest::ContentDispositionHeader, QByteArrayLiteral("form-data; name=\"messaging_product\""));
        product.setBody(QByteArrayLiteral("whatsapp"));
        QHttpPart type;
        type.setHeader(QNetworkRequest::ContentDispositionHeader, QByteArrayLiteral("form-data; name=\"type\""));
        type.setBody(mimeType.toUtf8());
        QHttpPart file;
        QString safeName = filename;
        safeName.remove(QLatin1Char('"')).remove(QLatin1Char('\r')).remove(QLatin1Char('\n'));
        file.setHeader(QNetworkRequest::ContentDispositionHeader, QByteArray("form-data; name=\"file\"; filename=\"")
                                                                       + (safeName.isEmpty() ? QByteArrayLiteral("file") : safeName.toUtf8()) + '"');
        file.setHeader(QNetworkRequest::ContentTypeHeader, mimeType.toUtf8());
        file.setBodyDevice(device);
        multipart->append(product);
        multipart->append(type);
        multipart->append(file);
        send(GraphClient::request(m_settings, phoneNumberId + QStringLiteral("/media"), token), "POST", {}, multipart,
             [done = std::move(done)](QNetworkReply *reply) {
                 if (!reply)
                     return done(networkError(QStringLiteral("the server is shutting down")));
                 const GraphResult r = GraphClient::readReply(reply);
                 if (const auto *e = std::get_if<GraphError>(&r))
                     return done(*e);
                 const QString id = std::get<QJsonObject>(r).value(QStringLiteral("id")).toString();
                 if (id.isEmpty()) {
                     GraphError e;
                     e.httpStatus = 200;
                     e.message = QStringLiteral("Meta stored the file but returned no media id");
                     return done(e);
                 }
                 done(id);
             });
    }

    void mediaInfo(const QString &mediaId, const QString &token, std::function<void(std::variant<MediaInfo, GraphError>)> done)
    {
        if (!isMetaMediaId(mediaId))
            return done(refused(QStringLiteral("\"%1\" is not a Meta media id (digits only); nothing was requested").arg(mediaId.left(80))));
        get(mediaId, {}, token, [mediaId, done = std::move(done)](GraphResult r) {
            if (const auto *e = std::get_if<GraphError>(&r))
                return done(*e);
            const QJsonObject o = std::get<QJsonObject>(r);
            MediaInfo info;
            info.url = o.value(QStringLiteral("url")).toString();
            info.mimeType = o.value(QStringLiteral("mime_type")).toString();
            info.sha256 = o.value(QStringLiteral("sha256")).toString();
            const QJsonValue size = o.value(QStringLiteral("file_size"));
            info.fileSize = size.isString() ? size.toString().toLongLong() : (size.isDouble() ? size.toInteger() : -1);
            info.id = o.value(QStringLiteral("id")).toString(mediaId);
            if (info.url.isEmpty()) {
                GraphError e;
                e.httpStatus = 200;
                e.message = QStringLiteral("Meta returned no URL for media %1").arg(mediaId);
                return done(e);
            }
            done(info);
        });
    }

    // Redirects are followed by hand, at most three, each one checked like
    // the first URL (its name resolved, asynchronously): the token goes only
    // to Meta's media hosts.
    void download(const QUrl &url, const QString &token, qint64 maxBytes, int hop, std::function<void(std::variant<QByteArray, GraphError>)> done)
    {
        if (hop > 3)
            return done(refused(QStringLiteral("Meta's media URL redirected more than three times")));
        if (const Status allowed = checkMediaUrl(url, m_settings); !allowed)
            return done(refused(allowed.error().message));
        QHostAddress literal;
        if (m_settings.mediaPrivateNetwork || literal.setAddress(url.host()))
            return fetch(url, token, maxBytes, hop, std::move(done));
        QHostInfo::lookupHost(url.host(), this, [this, url, token, maxBytes, hop, done = std::move(done)](const QHostInfo &info) mutable {
            if (info.error() != QHostInfo::NoError)
                return done(refused(QStringLiteral("cannot resolve %1: %2").arg(url.host(), info.errorString())));
            const QList<QHostAddress> addresses = info.addresses();
            if (const Status allowed = checkMediaUrl(url, m_settings, &addresses); !allowed)
                return done(refused(allowed.error().message));
            fetch(url, token, maxBytes, hop, std::move(done));
        });
    }

    void fetch(const QUrl &url, const QString &token, qint64 maxBytes, int hop, std::function<void(std::variant<QByteArray, GraphError>)> done)
    {
        QNetworkRequest request(url);
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        request.setTransferTimeout(m_settings.timeoutMs);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        auto tooBig = std::make_shared<bool>(false);
        QNetworkReply *started = send(request, "GET", {}, nullptr, [this, url, token, maxBytes, hop, tooBig, done = std::move(done)](QNetworkReply *reply) mutable {
            if (!reply)
                return done(networkError(QStringLiteral("the server is shutting down")));
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (status >= 300 && status < 400) {
                const QUrl next = reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl();
                if (!next.isValid())
                    return done(refused(QStringLiteral("Meta's media URL redirected nowhere (HTTP %1)").arg(status)));
                return download(url.resolved(next), token, maxBytes, hop + 1, std::move(done));
            }
            if (*tooBig)
                return done(refused(QStringLiteral("the file is larger than %1 bytes").arg(maxBytes)));
            if (status >= 200 && status < 300 && reply->error() == QNetworkReply::NoError)
                return done(reply->readAll());
            const GraphResult r = GraphClient::readReply(reply);
            if (const auto *e = std::get_if<GraphError>(&r))
                return done(*e);
            GraphError e;
            e.httpStatus = status;
            e.message = QStringLiteral("the download failed");
            done(e);
        });
        // Abort as soon as the size says it is too big.
        if (started)
            connect(started, &QNetworkReply::downloadProgress, started, [started, maxBytes, tooBig](qint64 received, qint64 total) {
                if (received > maxBytes || total > maxBytes) {
                    *tooBig = true;
                    started->abort();
                }
            });
    }

private:
    GraphSettings m_settings;
    QNetworkAccessManager *m_network = nullptr; // created on the Graph thread
    bool m_stopping = false;
};

GraphClient::GraphClient(GraphSettings settings)
    : m_settings(std::move(settings))
    , m_thread(std::make_unique<QThread>())
    , m_worker(new Worker(m_settings))
{
    m_thread->setObjectName(QStringLiteral("graph"));
    m_worker->moveToThread(m_thread.get());
    m_thread->start();
}

GraphClient::~GraphClient()
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->shutDown(); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_worker;
}

namespace {
// Runs `start` on the Graph thread with a callback that fulfils the future.
template<typename T, typename Start>
QFuture<T> onGraphThread(GraphClient::Worker *worker, Start &&start)
{
    Pending<T> pending;
    QFuture<T> future = pending.promise->future();
    QMetaObject::invokeMethod(worker, [worker, pending, start = std::forward<Start>(start)]() mutable { start(*worker, pending); },
                              Qt::QueuedConnection);
    return future;
}
} // namespace

QFuture<GraphResult> GraphClient::get(const QString &path, const QUrlQuery &query, const QString &token)
{
    return onGraphThread<GraphResult>(m_worker, [path, query, token](Worker &w, Pending<GraphResult> done) { w.get(path, query, token, done); });
}

QFuture<std::variant<PhoneNumberInfo, GraphError>> GraphClient::phoneNumber(const QString &phoneNumberId, const QString &token)
{
    using R = std::variant<PhoneNumberInfo, GraphError>;
    return onGraphThread<R>(m_worker, [phoneNumberId, token](Worker &w, Pending<R> done) { w.phoneNumber(phoneNumberId, token, done); });
}

QFuture<std::variant<QString, GraphError>> GraphClient::uploadMedia(const QString &phoneNumberId, const QString &filePath, const QString &mimeType,
                                                                    const QString &filename, const QString &token)
{
    using R = std::variant<QString, GraphError>;
    return onGraphThread<R>(m_worker, [=](Worker &w, Pending<R> done) { w.upload(phoneNumberId, filePath, mimeType, filename, token, done); });
}

QFuture<std::variant<MediaInfo, GraphError>> GraphClient::mediaInfo(const QString &mediaId, const QString &token)
{
    using R = std::variant<MediaInfo, GraphError>;
    return onGraphThread<R>(m_worker, [mediaId, token](Worker &w, Pending<R> done) { w.mediaInfo(mediaId, token, done); });
}

QFuture<std::variant<QByteArray, GraphError>> GraphClient::download(const QString &url, const QString &token, qint64 maxBytes)
{
    using R = std::variant<QByteArray, GraphError>;
    return onGraphThread<R>(m_worker, [url, token, maxBytes](Worker &w, Pending<R> done) { w.download(QUrl(url), token, maxBytes, 0, done); });
}

QFuture<std::variant<QList<Template>, GraphError>> GraphClient::templates(const QString &wabaId, const QString &token)
{
    using R = std::variant<QList<Template>, GraphError>;
    return onGraphThread<R>(m_worker, [wabaId, token](Worker &w, Pending<R> done) { w.templatesFrom(wabaId, token, {}, {}, 0, done); });
}

} // namespace puente::meta
