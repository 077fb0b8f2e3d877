#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

namespace puente::protocol {

// Every error code the API answers with, once: its wire name, its HTTP
// status and the request field it usually concerns. The server maps a
// failure to its status through this table (a code it does not know is a
// compile error, not a silent 500); the console compares codes as values.
enum class ErrorCode {
    // 400
    BadRequest,         // bad_request: a malformed HTTP request
    DuplicateHeader,    // duplicate_header
    MalformedJson,      // malformed_json
    InvalidParameter,   // invalid_parameter: a query parameter
    InvalidCursor,      // invalid_cursor
    TenantHeaderNeeded, // tenant_required (400: a platform admin on a tenant route without X-Puente-Tenant)
    // 401
    Unauthenticated,    // unauthenticated
    InvalidToken,       // invalid_token
    InvalidCredentials, // invalid_credentials
    InvalidSignature,   // invalid_signature (webhooks)
    // 403
    Forbidden,          // forbidden
    TenantSuspended,    // tenant_suspended
    VerificationFailed, // verification_failed (webhook handshake)
    // 404
    NotFound,       // not_found
    TenantNotFound, // tenant_not_found
    // 405, 408
    MethodNotAllowed, // method_not_allowed
    RequestTimeout,   // request_timeout
    // 409
    EmailTaken,            // email_taken
    SlugTaken,             // slug_taken
    PhoneNumberTaken,      // phone_number_taken
    BusinessAccountTaken,  // business_account_taken
    LastAdmin,             // last_admin
    ContactBlocked,        // contact_blocked
    WhatsAppNotConfigured, // whatsapp_not_configured
    MediaNotAvailable,     // media_not_available
    NotRetryable,          // not_retryable
    NotReplayable,         // not_replayable
    PlanLimitReached,      // plan_limit_reached
    RuleTaken,             // rule_taken: another enabled rule has the event
    RuleBroken,            // rule_broken: the rule's template is gone or not approved
    NotCancellable,        // not_cancellable: the notification has left already
    IdempotencyKeyReused,  // idempotency_key_reused: the key came with another body
    CampaignNotEditable,   // campaign_not_editable: only a draft changes
    InvalidState,          // invalid_state: the campaign cannot go there from its state
    // 413-431
    TooLarge,             // too_large
    PayloadTooLarge,      // payload_too_large (webhooks)
    UriTooLong,           // uri_too_long
    UnsupportedMediaType, // unsupported_media_type
    ExpectationFailed,    // expectation_failed
    UpgradeRequired,      // upgrade_required
    HeadersTooLarge,      // headers_too_large
    // 422
    MissingField,             // missing_field
    InvalidField,             // invalid_field
    InvalidEmail,             // invalid_email
    InvalidName,              // invalid_name
    WeakPassword,             // weak_password
    InvalidRole,              // invalid_role
    InvalidSlug,              // invalid_slug
    InvalidPlan,              // invalid_plan
    InvalidScope,             // invalid_scope
    InvalidStatus,            // invalid_status
    InvalidAssignee,          // invalid_assignee
    InvalidPhoneNumber,       // invalid_phone_number
    InvalidPhoneNumberId,     // invalid_phone_number_id
    InvalidBusinessAccountId, // invalid_business_account_id
    InvalidMessage,           // invalid_message
    WindowClosed,             // window_closed
    NoRule,                   // no_rule: no enabled notification rule for the event
    MissingData,              // missing_data: the event's data lacks what a placeholder needs (field: the path)
    InvalidAudience,          // invalid_audience: a campaign's audience file cannot be read as a whole
    CampaignNotReady,         // campaign_not_ready: no audience, a broken template, still importing
    TenantRequired,           // tenant_required (422: sign-in: the email has accounts in several companies)
    TokenInvalid,             // token_invalid: Meta says the access token is not valid
    TokenExpired,             // token_expired
    TokenMissingScope,        // token_missing_scope: whatsapp_business_messaging / _management missing
    TokenNotGranted,          // token_not_granted: not granted for the configured WhatsApp Business account
    // 429
    RateLimited,     // rate_limited
    TooManyAttempts, // too_many_attempts
    // 5xx
    InternalError,           // internal_error
    NotImplemented,          // not_implemented
    GraphError,              // graph_<kind>: Meta refused or could not be reached (502)
    Unavailable,             // unavailable
    HttpVersionNotSupported, // http_version_not_supported
    // A code this build does not know (a newer server): its status decides.
    Unknown,
};

// The wire name ("invalid_email"; "graph_" for GraphError).
QString errorName(ErrorCode code);
// The code of a wire name; graph_<kind> is GraphError; Unknown otherwise.
ErrorCode errorCodeFromName(const QString &name);
// The HTTP status the code is answered with.
int httpStatus(ErrorCode code);
// The request field the code concerns when the answer names none.
QString defaultField(ErrorCode code);

// What the API answers when it refuses: {"error":{"code","message","field"?}}.
struct ApiProblem {
    ErrorCode code = ErrorCode::Unknown;
    QString name; // as sent ("graph_unauthorized", or a code this build does not know)
    QString message;
    QString field;

    QJsonObject toJson() const;
    static std::optional<ApiProblem> fromJson(const QJsonObject &body);
};

} // namespace puente::protocol
