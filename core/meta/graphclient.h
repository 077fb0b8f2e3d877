#pragma once

#include <QJsonObject>
#include <QString>
#include <QUrlQuery>

#include <variant>

namespace puente::meta {

// Where the Graph API is and how long a call may take. The base URL points
// at the Sandbox in demos and tests.
struct GraphSettings {
    QString baseUrl = QStringLiteral("https://graph.facebook.com");
    QString version = QStringLiteral("v23.0");
    int timeoutMs = 15'000;
};

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

// Blocking Graph calls for worker threads (each call runs its own event loop
// with a transfer timeout; never call it on the HTTP thread). The token is
// sent as a bearer header and never logged.
class GraphClient {
public:
    explicit GraphClient(GraphSettings settings) : m_settings(std::move(settings)) {}

    GraphResult get(const QString &path, const QUrlQuery &query, const QString &token) const;
    std::variant<PhoneNumberInfo, GraphError> phoneNumber(const QString &phoneNumberId, const QString &token) const;

private:
    GraphSettings m_settings;
};

} // namespace puente::meta
