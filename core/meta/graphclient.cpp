#include "meta/graphclient.h"

#include <QEventLoop>
#include <QFile>
#include <QHostAddress>
#include <QHostInfo>
#include <QHttpMultiPart>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
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

namespace {
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

Status checkMediaUrl(const QUrl &url, const GraphSettings &settings)
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
    if (literal.setAddress(url.host())) {
        addresses.append(literal);
    } else {
        const QHostInfo info = QHostInfo::fromName(url.host());
        if (info.error() != QHostInfo::NoError)
            return makeError("media_url_refused", QStringLiteral("cannot resolve %1: %2").arg(url.host(), info.errorString()));
        addresses = info.addresses();
    }
    if (addresses.isEmpty())
        return makeError("media_url_refused", QStringLiteral("%1 has no address").arg(url.host()));
    for (const QHostAddress &a : std::as_const(addresses))
        if (!isPublicAddress(a))
            return makeError("media_url_refused", QStringLiteral("%1 resolves to a private address (%2); not downloaded").arg(url.host(), a.toString()));
    return {};
}

QNetworkRequest GraphClient::request(const QString &path, const QString &token, const QUrlQuery &query) const
{
    // Only ever a path under the configured Graph API: an id taken from a
    // webhook or a client must not turn into a request elsewhere, carrying a
    // tenant's token.
    QUrl url;
    if (isGraphPath(path)) {
        url = QUrl(m_settings.baseUrl + QLatin1Char('/') + m_settings.version + QLatin1Char('/') + path);
        if (!query.isEmpty())
            url.setQuery(query);
    }
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    request.setTransferTimeout(m_settings.timeoutMs);
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

namespace {
// Runs one request to completion on this thread.
template<typename Start>
QNetworkReply *runBlocking(QNetworkAccessManager &manager, Start &&start)
{
    QNetworkReply *reply = start(manager);
    if (!reply->isFinished()) {
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return reply;
}
} // namespace

GraphResult GraphClient::get(const QString &path, const QUrlQuery &query, const QString &token) const
{
    QNetworkAccessManager manager;
    QNetworkReply *reply = runBlocking(manager, [&](QNetworkAccessManager &m) { return m.get(request(path, token, query)); });
    GraphResult r = readReply(reply);
    delete reply;
    return r;
}

GraphResult GraphClient::postJson(const QString &path, const QJsonObject &body, const QString &token) const
{
    QNetworkAccessManager manager;
    QNetworkRequest req = request(path, token);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = runBlocking(manager, [&](QNetworkAccessManager &m) { return m.post(req, QJsonDocument(body).toJson(QJsonDocument::Compact)); });
    GraphResult r = readReply(reply);
    delete reply;
    return r;
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

std::variant<SendAccepted, GraphError> GraphClient::sendMessage(const QString &phoneNumberId, const QJsonObject &body, const QString &token) const
{
    const GraphResult r = postJson(phoneNumberId + QStringLiteral("/messages"), body, token);
    if (const auto *e = std::get_if<GraphError>(&r))
        return *e;
    SendAccepted a = parseSendAccepted(std::get<QJsonObject>(r));
    if (a.wamid.isEmpty()) {
        GraphError e;
        e.httpStatus = 200;
        e.message = QStringLiteral("Meta accepted the message but returned no message id");
        return e;
    }
    return a;
}

std::variant<bool, GraphError> GraphClient::markRead(const QString &phoneNumberId, const QString &wamid, const QString &token) const
{
    const GraphResult r = postJson(phoneNumberId + QStringLiteral("/messages"), buildMarkReadBody(wamid), token);
    if (const auto *e = std::get_if<GraphError>(&r))
        return *e;
    return std::get<QJsonObject>(r).value(QStringLiteral("success")).toBool();
}

std::variant<QString, GraphError> GraphClient::uploadMedia(const QString &phoneNumberId, const QString &filePath, const QString &mimeType,
                                                           const QString &filename, const QString &token) const
{
    auto *multipart = new QHttpMultiPart(QHttpMultiPart::FormDataType);
    QHttpPart product;
    product.setHeader(QNetworkRequest::ContentDispositionHeader, QByteArrayLiteral("form-data; name=\"messaging_product\""));
    product.setBody(QByteArrayLiteral("whatsapp"));
    QHttpPart type;
    type.setHeader(QNetworkRequest::ContentDispositionHeader, QByteArrayLiteral("form-data; name=\"type\""));
    type.setBody(mimeType.toUtf8());
    QHttpPart file;
    QString safeName = filename;
    safeName.remove(QLatin1Char('"')).remove(QLatin1Char('\r')).remove(QLatin1Char('\n'));
    file.setHeader(QNetworkRequest::ContentDispositionHeader,
                   QByteArray("form-data; name=\"file\"; filename=\"") + (safeName.isEmpty() ? QByteArrayLiteral("file") : safeName.toUtf8()) + '"');
    file.setHeader(QNetworkRequest::ContentTypeHeader, mimeType.toUtf8());
    auto *device = new QFile(filePath, multipart);
    if (!device->open(QIODevice::ReadOnly)) {
        delete multipart;
        GraphError e;
        e.kind = GraphError::Kind::Network;
        e.message = QStringLiteral("the file to upload cannot be read: %1").arg(device->errorString());
        return e;
    }
    file.setBodyDevice(device);
    multipart->append(product);
    multipart->append(type);
    multipart->append(file);
    QNetworkAccessManager manager;
    QNetworkReply *reply = runBlocking(manager, [&](QNetworkAccessManager &m) {
        QNetworkReply *rep = m.post(request(phoneNumberId + QStringLiteral("/media"), token), multipart);
        multipart->setParent(rep);
        return rep;
    });
    GraphResult r = readReply(reply);
    delete reply;
    if (const auto *e = std::get_if<GraphError>(&r))
        return *e;
    const QString id = std::get<QJsonObject>(r).value(QStringLiteral("id")).toString();
    if (id.isEmpty()) {
        GraphError e;
        e.httpStatus = 200;
        e.message = QStringLiteral("Meta stored the file but returned no media id");
        return e;
    }
    return id;
}

std::variant<MediaInfo, GraphError> GraphClient::mediaInfo(const QString &mediaId, const QString &token) const
{
    if (!isMetaMediaId(mediaId)) {
        GraphError e;
        e.kind = GraphError::Kind::InvalidParameter;
        e.message = QStringLiteral("\"%1\" is not a Meta media id (digits only); nothing was requested").arg(mediaId.left(80));
        return e;
    }
    const GraphResult r = get(mediaId, {}, token);
    if (const auto *e = std::get_if<GraphError>(&r))
        return *e;
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
        return e;
    }
    return info;
}

std::variant<QByteArray, GraphError> GraphClient::download(const QString &url, const QString &token, qint64 maxBytes) const
{
    const auto refused = [](const QString &why) {
        GraphError e;
        e.kind = GraphError::Kind::InvalidParameter;
        e.message = why;
        return e;
    };
    QUrl target(url);
    QNetworkAccessManager manager;
    // Redirects are followed by hand, at most three, each one checked like
    // the first URL: the token goes only to Meta's media hosts.
    for (int hop = 0; hop <= 3; ++hop) {
        if (const Status allowed = checkMediaUrl(target, m_settings); !allowed)
            return refused(allowed.error().message);
        QNetworkRequest request(target);
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        request.setTransferTimeout(m_settings.timeoutMs);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        std::unique_ptr<QNetworkReply> reply(runBlocking(manager, [&](QNetworkAccessManager &m) {
            QNetworkReply *rep = m.get(request);
            // Abort as soon as the size says it is too big.
            QObject::connect(rep, &QNetworkReply::downloadProgress, rep, [rep, maxBytes](qint64 received, qint64 total) {
                if (received > maxBytes || total > maxBytes)
                    rep->abort();
            });
            return rep;
        }));
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status >= 300 && status < 400) {
            const QUrl next = reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl();
            if (!next.isValid())
                return refused(QStringLiteral("Meta's media URL redirected nowhere (HTTP %1)").arg(status));
            target = target.resolved(next);
            continue;
        }
        if (status >= 200 && status < 300 && reply->error() == QNetworkReply::NoError)
            return reply->readAll();
        const bool tooBig = reply->error() == QNetworkReply::OperationCanceledError && status >= 200 && status < 300;
        if (tooBig)
            return refused(QStringLiteral("the file is larger than %1 bytes").arg(maxBytes));
        GraphResult r = readReply(reply.get());
        if (const auto *e = std::get_if<GraphError>(&r))
            return *e;
        GraphError e;
        e.httpStatus = status;
        e.message = QStringLiteral("the download failed");
        return e;
    }
    return refused(QStringLiteral("Meta's media URL redirected more than three times"));
}

std::variant<QList<Template>, GraphError> GraphClient::templates(const QString &wabaId, const QString &token) const
{
    QList<Template> out;
    QString after;
    for (int page = 0; page < 200; ++page) { // 200 pages × 100: far beyond any WABA
        QUrlQuery query{{QStringLiteral("limit"), QStringLiteral("100")},
                        {QStringLiteral("fields"), QStringLiteral("id,name,language,category,status,rejected_reason,quality_score,components")}};
        if (!after.isEmpty())
            query.addQueryItem(QStringLiteral("after"), after);
        const GraphResult r = get(wabaId + QStringLiteral("/message_templates"), query, token);
        if (const auto *e = std::get_if<GraphError>(&r))
            return *e;
        const QJsonObject o = std::get<QJsonObject>(r);
        for (const QJsonValue &v : o.value(QStringLiteral("data")).toArray()) {
            const QJsonObject t = v.toObject();
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
            if (!tpl.name.isEmpty())
                out.append(tpl);
        }
        const QJsonObject paging = o.value(QStringLiteral("paging")).toObject();
        after = paging.value(QStringLiteral("cursors")).toObject().value(QStringLiteral("after")).toString();
        if (!paging.contains(QStringLiteral("next")) || after.isEmpty())
            break;
    }
    return out;
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

std::variant<PhoneNumberInfo, GraphError> GraphClient::phoneNumber(const QString &phoneNumberId, const QString &token) const
{
    const auto result = get(phoneNumberId,
                            QUrlQuery{{QStringLiteral("fields"), QStringLiteral("display_phone_number,verified_name,quality_rating,"
                                                                                "code_verification_status,platform_type,throughput,status")}},
                            token);
    if (const auto *e = std::get_if<GraphError>(&result))
        return *e;
    const QJsonObject o = std::get<QJsonObject>(result);
    PhoneNumberInfo info;
    info.id = o.value(QStringLiteral("id")).toString(phoneNumberId);
    info.displayPhoneNumber = o.value(QStringLiteral("display_phone_number")).toString();
    info.verifiedName = o.value(QStringLiteral("verified_name")).toString();
    info.qualityRating = o.value(QStringLiteral("quality_rating")).toString();
    info.status = o.value(QStringLiteral("status")).toString();
    info.throughputLevel = o.value(QStringLiteral("throughput")).toObject().value(QStringLiteral("level")).toString();
    info.codeVerificationStatus = o.value(QStringLiteral("code_verification_status")).toString();
    // The tier moved between Graph versions; ask for the new name, then the old.
    for (const QString &field : {QStringLiteral("whatsapp_business_manager_messaging_limit"), QStringLiteral("messaging_limit_tier")}) {
        const auto tier = get(phoneNumberId, QUrlQuery{{QStringLiteral("fields"), field}}, token);
        if (const auto *t = std::get_if<QJsonObject>(&tier); t && t->contains(field)) {
            info.messagingLimit = t->value(field).toString();
            break;
        }
    }
    return info;
}

} // namespace puente::meta
