#pragma once

#include "protocol/errorcode.h"
#include "protocol/routes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <QUrlQuery>

class QIODevice;
class QNetworkAccessManager;
class QNetworkReply;

namespace puente::client {

// Why a call failed, as the console needs to tell it: the server's error
// body (code, message, field) when there is one, otherwise what the network
// said. The UI turns `code` into words; `message` is the server's English.
struct ApiError {
    enum class Kind {
        Network,      // no connection, refused, DNS, TLS
        Timeout,      // no answer in time
        SessionEnded, // 401 invalid_token / unauthenticated: sign in again
        Credentials,  // 401 invalid_credentials (sign-in)
        Forbidden,    // 403 (role, scope, tenant_suspended)
        NotFound,     // 404
        Conflict,     // 409
        Invalid,      // 400, 413, 415, 422: the request is wrong
        RateLimited,  // 429 (retryAfterSeconds)
        Server,       // 5xx other than 503, or an unreadable answer
        Unavailable,  // 503, 502
    };
    Kind kind = Kind::Network;
    int status = 0; // HTTP status; 0 when the server did not answer
    protocol::ErrorCode code = protocol::ErrorCode::Unknown;
    QString codeName; // as sent ("graph_unauthorized"); "network", "timeout" or "http_<status>" without an answer
    QString message;
    QString field;
    int retryAfterSeconds = 0;

    bool isConnectionProblem() const { return kind == Kind::Network || kind == Kind::Timeout; }
};

// One HTTP call (the job-object pattern): owns its QNetworkReply and emits
// `finished` exactly once, then deletes itself. A caller never parses an
// error body itself.
class ApiReply : public QObject {
    Q_OBJECT
public:
    bool ok() const { return m_ok; }
    int status() const { return m_status; }
    // The answer's JSON object (a JSON array answer is under "items").
    const QJsonObject &json() const { return m_json; }
    // The raw answer (downloads).
    const QByteArray &body() const { return m_body; }
    QString contentType() const { return m_contentType; }
    const ApiError &error() const { return m_error; }
    // Gives up on the call: `finished` is not emitted and the failure does
    // not count as the server being unreachable.
    void abort();

    // Calls `onOk(json)` or `onError(error)` when done, unless `context` is gone.
    template<typename Ok, typename Err>
    void then(QObject *context, Ok onOk, Err onError)
    {
        connect(this, &ApiReply::finished, context, [this, onOk, onError] {
            if (m_ok)
                onOk(m_json);
            else
                onError(m_error);
        });
    }

Q_SIGNALS:
    void finished();

private:
    friend class ApiClient;
    explicit ApiReply(QNetworkReply *reply, QObject *parent);
    void complete();

    QPointer<QNetworkReply> m_reply;
    bool m_ok = false;
    bool m_done = false;
    bool m_aborted = false; // the caller gave up: no callbacks, not a network failure
    int m_status = 0;
    QJsonObject m_json;
    QByteArray m_body;
    QString m_contentType;
    ApiError m_error;
};

// A call of one route of the catalogue (protocol/routes.h), in the style of
// libQuotient's jobs: its answer arrives as the route's protocol type.
template<typename R>
class Call {
public:
    using Response = typename R::Response;
    explicit Call(ApiReply *reply) : m_reply(reply) {}
    ApiReply *reply() const { return m_reply; }
    void abort() { m_reply->abort(); }

    // Calls `onOk(const Response &)` (no argument for answers without a
    // body) or `onError(const ApiError &)` when done, unless `context` is gone.
    template<typename Ok, typename Err>
    void then(QObject *context, Ok onOk, Err onError) const
    {
        m_reply->then(context, [onOk](const QJsonObject &json) {
            if constexpr (std::is_same_v<Response, protocol::None>) {
                (void)json;
                onOk();
            } else {
                onOk(protocol::fromJson<Response>(json));
            }
        }, onError);
    }

private:
    ApiReply *m_reply;
};

// The console's connection to one Puente server: REST calls with the
// session token, and the reachability every screen shows.
class ApiClient : public QObject {
    Q_OBJECT
public:
    explicit ApiClient(const QUrl &baseUrl, QObject *parent = nullptr);
    ~ApiClient() override;

    QUrl baseUrl() const { return m_baseUrl; }
    QString token() const { return m_token; }
    void setToken(const QString &token) { m_token = token; }
    // Platform admins act inside one tenant (X-Puente-Tenant); empty: none.
    void setActingTenant(const QString &tenant) { m_tenant = tenant; }
    QString actingTenant() const { return m_tenant; }
    // Milliseconds a call may take before it fails with Kind::Timeout.
    void setTimeout(int ms) { m_timeoutMs = ms; }

    // One route of the catalogue: `call<route::ListUsers>()`,
    // `call<route::ListConversations>({}, query)`, `callOn<route::UpdateUser>(id, changes)`.
    template<typename R>
    Call<R> call(const typename R::Request &body = {}, const typename R::Query &query = {}, std::initializer_list<qint64> ids = {})
    {
        QByteArray payload;
        QByteArray contentType;
        if constexpr (!std::is_same_v<typename R::Request, protocol::None>) {
            payload = QJsonDocument(protocol::toJson(body)).toJson(QJsonDocument::Compact);
            contentType = "application/json";
        }
        return Call<R>(send(protocol::enumName(R::verb).toLatin1(), protocol::routePath<R>(ids), protocol::toQuery(query), payload, contentType,
                            m_timeoutMs));
    }
    // A route with an "{id}" in its path.
    template<typename R>
    Call<R> callOn(qint64 id, const typename R::Request &body = {}, const typename R::Query &query = {})
    {
        return call<R>(body, query, {id});
    }
    // POST /api/whatsapp/media: the file is the body.
    Call<protocol::route::UploadMedia> uploadMedia(const QByteArray &data, const QString &contentType, const QString &fileName);
    // GET /api/whatsapp/media/{id}: the answer is the file (ApiReply::body).
    ApiReply *downloadMedia(qint64 messageId);
    // POST /api/campaigns/{id}/audience: the CSV file is the body (text/csv).
    Call<protocol::route::UploadAudience> uploadAudience(qint64 id, const QByteArray &csv);
    // POST /api/whatsapp/imports: the export (.txt or .zip), read from
    // `file` as it is sent; the call takes the file (it must have no parent).
    Call<protocol::route::CreateChatImport> uploadChatExport(QIODevice *file, bool zip, const protocol::ChatImportQuery &query);

    // Raw calls, for tests that speak HTTP as any client would. The console
    // uses the typed calls above.
    ApiReply *get(const QString &path, const QUrlQuery &query = {});
    ApiReply *post(const QString &path, const QJsonObject &body = {});
    ApiReply *patch(const QString &path, const QJsonObject &body);
    ApiReply *remove(const QString &path);

    // ws:// or wss:// address of the live events.
    QUrl webSocketUrl() const;
    QNetworkAccessManager *network() const { return m_network; }

    bool isReachable() const { return m_reachable; }

Q_SIGNALS:
    // An authenticated call was refused because the session is over
    // (expired, signed out elsewhere, user deactivated, tenant suspended).
    void sessionEnded(puente::protocol::ErrorCode code, const QString &message);
    // The server stopped or started answering.
    void reachabilityChanged(bool reachable);

private:
    ApiReply *send(const QByteArray &verb, const QString &path, const QUrlQuery &query, const QByteArray &body,
                   const QByteArray &contentType, int timeoutMs);
    QNetworkRequest makeRequest(const QString &path, const QUrlQuery &query, const QByteArray &contentType, int timeoutMs) const;
    ApiReply *track(QNetworkReply *reply);
    void noteOutcome(const ApiReply *reply);

    QUrl m_baseUrl;
    QString m_token;
    QString m_tenant;
    int m_timeoutMs = 30000;
    bool m_reachable = true;
    QNetworkAccessManager *m_network = nullptr;
};

} // namespace puente::client
