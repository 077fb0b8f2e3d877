#pragma once

#include "common/result.h"

#include <QStringList>
#include <QUrl>

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QFuture>
#include <QHostAddress>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QString>
#include <QUrlQuery>

#include <memory>
#include <variant>

class QThread;

namespace puente::meta {

// Where the Graph API is and how long a call may take. The base URL points
// at the Sandbox in demos and tests.
struct GraphSettings {
    QString baseUrl = QStringLiteral("https://graph.facebook.com");
    QString version = QStringLiteral("v23.0");
    int timeoutMs = 15'000;
    // Connections the outbox dispatcher sends on. Over TLS each speaks
    // HTTP/2 and multiplexes up to the server's stream limit (~100 at
    // once); Graph answers in 100-300 ms, so thousands of sends a second
    // need several. Over plain HTTP (an emulator) each is a pool of six
    // HTTP/1.1 connections.
    int sendConnections = 16;
    // Where media files may be downloaded from (with the tenant's token):
    // host names, "*.domain" for its subdomains, or "host:port". Meta's
    // media hosts by default.
    QStringList mediaHosts = {QStringLiteral("*.fbsbx.com"), QStringLiteral("*.fbcdn.net"), QStringLiteral("*.whatsapp.net")};
    // Downloads to loopback, private, link-local and other non-public
    // addresses are refused unless the installation allows them (an
    // emulator on this machine).
    bool mediaPrivateNetwork = false;
};

// A media id as Meta hands them out: digits only. Anything else (a URL, a
// path) is refused before any request is made.
bool isMetaMediaId(const QString &id);
// A Graph path relative to the base URL and version ("123/messages"):
// letters, digits, '_', '-', '.', separated by '/'; never a URL or "..".
bool isGraphPath(const QString &path);
// Whether a download URL may be fetched with a tenant's token: http(s), on
// one of settings.mediaHosts, never a private address (unless
// mediaPrivateNetwork). Checks the name as written; `addresses`, when
// given, are what it resolves to (all must be public). The error says why.
Status checkMediaUrl(const QUrl &url, const GraphSettings &settings, const QList<QHostAddress> *addresses = nullptr);
// Not loopback, private, link-local, carrier NAT, multicast or reserved.
bool isPublicAddress(const QHostAddress &address);

// A failed Graph call, classified from Meta's error body
// ({"error":{"message","type","code","error_subcode","error_data":{"details"},"fbtrace_id"}}).
struct GraphError {
    enum class Kind {
        Network,              // no answer: DNS, refused, reset, TLS
        Timeout,              // no answer in time
        Unauthorized,         // 190 and permission errors: the tenant must fix its token
        RateLimited,          // 4, 80007, 130429, 131056: retry later
        WindowClosed,         // 131047: only a template may be sent
        InvalidParameter,     // 100, 131008, 131009, 132xxx: the request is wrong
        RecipientUnavailable, // 131026, 131030: this contact cannot get messages
        MetaError,            // anything else Meta answered
    };
    Kind kind = Kind::MetaError;
    int httpStatus = 0;
    int code = 0;
    int subcode = 0;
    QString message; // Meta's message (or the network error)
    QString details; // error_data.details
    QString fbtraceId;

    // Worth trying again later (network, timeout, rate limits, Meta 5xx).
    bool retryable() const;
    // Stable snake_case name of the kind: "unauthorized", "rate_limited"...
    QString kindName() const;
    // One or two sentences for an admin: what happened and what to do.
    QString explain() const;
};

GraphError::Kind classifyGraphError(int httpStatus, int code, int subcode);
// Reads Meta's error body (tolerant: any shape gives a MetaError).
GraphError parseGraphError(int httpStatus, const QByteArray &body);

using GraphResult = std::variant<QJsonObject, GraphError>;

// What "test connection" shows about a phone number.
struct PhoneNumberInfo {
    QString id;
    QString displayPhoneNumber;
    QString verifiedName;
    QString qualityRating;   // GREEN, YELLOW, RED, NA, UNKNOWN
    QString status;          // CONNECTED, ...
    QString messagingLimit;  // TIER_250, TIER_1K, ... (empty when Meta did not say)
    QString throughputLevel; // STANDARD, HIGH, NOT_APPLICABLE
    QString codeVerificationStatus;
};

// Meta accepted a message: its wamid (and, for templates, the pacing state).
struct SendAccepted {
    QString wamid;
    QString waId;          // contacts[0].wa_id: Meta's normalised recipient
    QString messageStatus; // "accepted" / "held_for_quality_assessment" for templates, else empty
};
SendAccepted parseSendAccepted(const QJsonObject &body);

// Puente's outbox request (what ConversationService::enqueue stores, or a
// read receipt {"type":"mark_read","message_id":wamid}:
// {"type","to","to_user_id","text","preview_url","context_message_id",
// "media_id","link","caption","filename","emoji","template":{...},
// "location":{...},"contacts":[...],"interactive":{...}}) → the body of
// POST /<PHONE_NUMBER_ID>/messages in Meta's shape.
Result<QJsonObject> buildMessageBody(const QJsonObject &request);
// {"messaging_product":"whatsapp","status":"read","message_id":wamid}
QJsonObject buildMarkReadBody(const QString &wamid);

struct MediaInfo {
    QString url; // valid ~5 minutes; download with the bearer token
    QString mimeType;
    QString sha256; // as Meta gives it (hex from Graph; base64 in webhooks)
    qint64 fileSize = -1;
    QString id;
};

struct Template {
    QString id;
    QString name;
    QString language;
    QString category;
    QString status;
    QString rejectedReason;
    QString qualityScore;
    QJsonArray components;
    QJsonObject raw;
};

// Graph API calls, one client per process: a thread of its own with one
// QNetworkAccessManager (connections reused, HTTP/2 to Meta), every call
// asynchronous with a transfer timeout. Callers continue with QFuture::then
// (a REST handler, on its pool) or wait on the future (a background worker).
// The token is sent as a bearer header and never logged. Meta's error bodies
// arrive classified (GraphError); a caller never parses one itself.
class GraphClient {
public:
    explicit GraphClient(GraphSettings settings);
    // Calls still running end with a Network error ("shutting down").
    ~GraphClient();
    GraphClient(const GraphClient &) = delete;
    GraphClient &operator=(const GraphClient &) = delete;

    const GraphSettings &settings() const { return m_settings; }

    // Building blocks for asynchronous callers with a network manager of
    // their own (the dispatcher): the request for a Graph path with the
    // bearer header and transfer timeout, and the classified result of its
    // finished reply.
    static QNetworkRequest request(const GraphSettings &settings, const QString &path, const QString &token, const QUrlQuery &query = {});
    static GraphResult readReply(QNetworkReply *reply);

    QFuture<GraphResult> get(const QString &path, const QUrlQuery &query, const QString &token);
    QFuture<std::variant<PhoneNumberInfo, GraphError>> phoneNumber(const QString &phoneNumberId, const QString &token);
    // Multipart upload of the file at filePath (streamed); the media id.
    QFuture<std::variant<QString, GraphError>> uploadMedia(const QString &phoneNumberId, const QString &filePath, const QString &mimeType,
                                                           const QString &filename, const QString &token);
    QFuture<std::variant<MediaInfo, GraphError>> mediaInfo(const QString &mediaId, const QString &token);
    // The bytes behind a media URL (sent with the bearer token), at most
    // maxBytes; only from the media hosts the settings allow (checkMediaUrl),
    // redirects followed by hand and checked the same way.
    QFuture<std::variant<QByteArray, GraphError>> download(const QString &url, const QString &token, qint64 maxBytes);
    // Every template of the WABA, following Meta's paging.
    QFuture<std::variant<QList<Template>, GraphError>> templates(const QString &wabaId, const QString &token);

    class Worker;

private:
    GraphSettings m_settings;
    std::unique_ptr<QThread> m_thread;
    Worker *m_worker = nullptr; // lives on m_thread
};

} // namespace puente::meta
