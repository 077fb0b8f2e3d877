#include "apiclient.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace puente::client {

namespace {

ApiError::Kind kindForStatus(int status, protocol::ErrorCode code)
{
    switch (status) {
    case 401:
        return code == protocol::ErrorCode::InvalidCredentials ? ApiError::Kind::Credentials : ApiError::Kind::SessionEnded;
    case 403:
        return ApiError::Kind::Forbidden;
    case 404:
        return ApiError::Kind::NotFound;
    case 409:
        return ApiError::Kind::Conflict;
    case 429:
        return ApiError::Kind::RateLimited;
    case 502:
    case 503:
        return ApiError::Kind::Unavailable;
    default:
        if (status >= 400 && status < 500)
            return ApiError::Kind::Invalid;
        return ApiError::Kind::Server;
    }
}

} // namespace

ApiReply::ApiReply(QNetworkReply *reply, QObject *parent) : QObject(parent), m_reply(reply)
{
    connect(reply, &QNetworkReply::finished, this, &ApiReply::complete);
}

void ApiReply::abort()
{
    m_aborted = true;
    if (m_reply)
        m_reply->abort();
}

void ApiReply::complete()
{
    if (m_done || !m_reply)
        return;
    m_done = true;
    QNetworkReply *reply = m_reply;
    reply->deleteLater();
    if (m_aborted) {
        deleteLater();
        return;
    }
    m_status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    m_body = reply->readAll();
    m_contentType = reply->header(QNetworkRequest::ContentTypeHeader).toString();
    QJsonParseError parseError{};
    const QJsonDocument doc = m_contentType.startsWith(QLatin1String("application/json"))
        ? QJsonDocument::fromJson(m_body, &parseError) : QJsonDocument();
    if (doc.isObject())
        m_json = doc.object();
    else if (doc.isArray())
        m_json = QJsonObject{{QStringLiteral("items"), doc.array()}};

    if (m_status == 0) {
        m_error.kind = reply->error() == QNetworkReply::OperationCanceledError || reply->error() == QNetworkReply::TimeoutError
            ? ApiError::Kind::Timeout : ApiError::Kind::Network;
        m_error.codeName = m_error.kind == ApiError::Kind::Timeout ? QStringLiteral("timeout") : QStringLiteral("network");
        m_error.message = reply->errorString();
    } else if (m_status >= 200 && m_status < 300) {
        m_ok = true;
    } else {
        const protocol::ApiProblem problem = protocol::ApiProblem::fromJson(m_json).value_or(protocol::ApiProblem{});
        m_error.status = m_status;
        m_error.code = problem.code;
        m_error.codeName = problem.name;
        m_error.message = problem.message;
        m_error.field = problem.field;
        m_error.kind = kindForStatus(m_status, m_error.code);
        m_error.retryAfterSeconds = reply->rawHeader("Retry-After").toInt();
        if (m_error.codeName.isEmpty())
            m_error.codeName = QStringLiteral("http_%1").arg(m_status);
    }
    Q_EMIT finished();
    deleteLater();
}

ApiClient::ApiClient(const QUrl &baseUrl, QObject *parent)
    : QObject(parent), m_baseUrl(baseUrl), m_network(new QNetworkAccessManager(this))
{
    if (!m_baseUrl.path().endsWith(QLatin1Char('/')))
        m_baseUrl.setPath(m_baseUrl.path() + QLatin1Char('/'));
}

ApiClient::~ApiClient() = default;

ApiReply *ApiClient::get(const QString &path, const QUrlQuery &query)
{
    return send("GET", path, query, {}, {}, m_timeoutMs);
}

ApiReply *ApiClient::post(const QString &path, const QJsonObject &body)
{
    return send("POST", path, {}, QJsonDocument(body).toJson(QJsonDocument::Compact), "application/json", m_timeoutMs);
}

ApiReply *ApiClient::patch(const QString &path, const QJsonObject &body)
{
    return send("PATCH", path, {}, QJsonDocument(body).toJson(QJsonDocument::Compact), "application/json", m_timeoutMs);
}

ApiReply *ApiClient::remove(const QString &path)
{
    return send("DELETE", path, {}, {}, {}, m_timeoutMs);
}

Call<protocol::route::UploadMedia> ApiClient::uploadMedia(const QByteArray &data, const QString &contentType, const QString &fileName)
{
    using R = protocol::route::UploadMedia;
    // Files up to 100 MB: give them minutes, not the usual seconds.
    return Call<R>(send("POST", protocol::routePath<R>(), protocol::toQuery(protocol::UploadQuery{fileName}), data, contentType.toUtf8(),
                        std::max(m_timeoutMs, 300000)));
}

Call<protocol::route::UploadAudience> ApiClient::uploadAudience(qint64 id, const QByteArray &csv)
{
    using R = protocol::route::UploadAudience;
    // Up to 64 MB, checked row by row on the server: minutes, not seconds.
    return Call<R>(send("POST", protocol::routePath<R>({id}), {}, csv, "text/csv", std::max(m_timeoutMs, 300000)));
}

ApiReply *ApiClient::downloadMedia(qint64 messageId)
{
    return send("GET", protocol::routePath<protocol::route::DownloadMedia>({messageId}), {}, {}, {}, m_timeoutMs);
}

QUrl ApiClient::webSocketUrl() const
{
    QUrl url = m_baseUrl.resolved(QUrl(QStringLiteral("api/ws")));
    url.setScheme(m_baseUrl.scheme() == QLatin1String("https") ? QStringLiteral("wss") : QStringLiteral("ws"));
    return url;
}

QNetworkRequest ApiClient::makeRequest(const QString &path, const QUrlQuery &query, const QByteArray &contentType, int timeoutMs) const
{
    QString relative = path;
    while (relative.startsWith(QLatin1Char('/')))
        relative.remove(0, 1);
    QUrl url = m_baseUrl.resolved(QUrl(relative));
    if (!query.isEmpty())
        url.setQuery(query);
    QNetworkRequest request(url);
    request.setTransferTimeout(timeoutMs);
    request.setRawHeader("Accept", "application/json");
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    if (!m_tenant.isEmpty())
        request.setRawHeader("X-Puente-Tenant", m_tenant.toUtf8());
    if (!contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QString::fromUtf8(contentType));
    return request;
}

ApiReply *ApiClient::track(QNetworkReply *reply)
{
    auto *apiReply = new ApiReply(reply, this);
    connect(apiReply, &ApiReply::finished, this, [this, apiReply] { noteOutcome(apiReply); });
    return apiReply;
}

ApiReply *ApiClient::send(const QByteArray &verb, const QString &path, const QUrlQuery &query, const QByteArray &body,
                          const QByteArray &contentType, int timeoutMs)
{
    const QNetworkRequest request = makeRequest(path, query, contentType, timeoutMs);
    return track(body.isNull() && verb != "POST" && verb != "PATCH" ? m_network->sendCustomRequest(request, verb)
                                                                     : m_network->sendCustomRequest(request, verb, body));
}

Call<protocol::route::CreateChatImport> ApiClient::uploadChatExport(QIODevice *file, bool zip, const protocol::ChatImportQuery &query)
{
    using R = protocol::route::CreateChatImport;
    // Streamed from the file (exports reach hundreds of MB); the upload is
    // what takes time, the import then runs as a job on the server.
    QNetworkRequest request = makeRequest(protocol::routePath<R>(), protocol::toQuery(query), zip ? "application/zip" : "text/plain",
                                          std::max(m_timeoutMs, 600000));
    request.setHeader(QNetworkRequest::ContentLengthHeader, file->size());
    QNetworkReply *reply = m_network->post(request, file);
    file->setParent(reply);
    return Call<R>(track(reply));
}

void ApiClient::noteOutcome(const ApiReply *reply)
{
    const bool reachable = reply->ok() || !reply->error().isConnectionProblem();
    if (reachable != m_reachable) {
        m_reachable = reachable;
        Q_EMIT reachabilityChanged(reachable);
    }
    // A suspended company ends its users' sessions too (with the reason).
    if (!reply->ok() && (reply->error().kind == ApiError::Kind::SessionEnded || reply->error().code == protocol::ErrorCode::TenantSuspended)
        && !m_token.isEmpty())
        Q_EMIT sessionEnded(reply->error().code, reply->error().message);
}

} // namespace puente::client
