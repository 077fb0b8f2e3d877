#include "meta/graphclient.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrl>

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
        if (code == 100)
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

GraphResult GraphClient::get(const QString &path, const QUrlQuery &query, const QString &token) const
{
    QUrl url(m_settings.baseUrl + QLatin1Char('/') + m_settings.version + QLatin1Char('/') + path);
    url.setQuery(query);
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    request.setTransferTimeout(m_settings.timeoutMs);
    QNetworkAccessManager manager;
    QNetworkReply *reply = manager.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    const auto networkError = reply->error();
    const QString errorString = reply->errorString();
    reply->deleteLater();
    if (status == 0) {
        GraphError e;
        e.kind = networkError == QNetworkReply::OperationCanceledError || networkError == QNetworkReply::TimeoutError
                     ? GraphError::Kind::Timeout
                     : GraphError::Kind::Network;
        e.message = errorString;
        return e;
    }
    if (status < 200 || status >= 300)
        return parseGraphError(status, body);
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (!doc.isObject()) {
        GraphError e;
        e.httpStatus = status;
        e.message = QStringLiteral("Meta's answer was not JSON");
        return e;
    }
    return doc.object();
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
