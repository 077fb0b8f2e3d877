#include "protocol/errorcode.h"

#include <array>

namespace puente::protocol {

namespace {

struct Entry {
    ErrorCode code;
    const char *name;
    int status;
    const char *field;
};

// In enumerator order: errorName and httpStatus index it directly.
constexpr std::array kTable = {
    Entry{ErrorCode::BadRequest, "bad_request", 400, ""},
    Entry{ErrorCode::DuplicateHeader, "duplicate_header", 400, ""},
    Entry{ErrorCode::MalformedJson, "malformed_json", 400, ""},
    Entry{ErrorCode::InvalidParameter, "invalid_parameter", 400, ""},
    Entry{ErrorCode::InvalidCursor, "invalid_cursor", 400, "cursor"},
    Entry{ErrorCode::TenantHeaderNeeded, "tenant_required", 400, ""},
    Entry{ErrorCode::Unauthenticated, "unauthenticated", 401, ""},
    Entry{ErrorCode::InvalidToken, "invalid_token", 401, ""},
    Entry{ErrorCode::InvalidCredentials, "invalid_credentials", 401, ""},
    Entry{ErrorCode::InvalidSignature, "invalid_signature", 401, ""},
    Entry{ErrorCode::Forbidden, "forbidden", 403, ""},
    Entry{ErrorCode::TenantSuspended, "tenant_suspended", 403, ""},
    Entry{ErrorCode::VerificationFailed, "verification_failed", 403, ""},
    Entry{ErrorCode::NotFound, "not_found", 404, ""},
    Entry{ErrorCode::TenantNotFound, "tenant_not_found", 404, ""},
    Entry{ErrorCode::MethodNotAllowed, "method_not_allowed", 405, ""},
    Entry{ErrorCode::RequestTimeout, "request_timeout", 408, ""},
    Entry{ErrorCode::EmailTaken, "email_taken", 409, "email"},
    Entry{ErrorCode::SlugTaken, "slug_taken", 409, "slug"},
    Entry{ErrorCode::PhoneNumberTaken, "phone_number_taken", 409, "phone_number_id"},
    Entry{ErrorCode::BusinessAccountTaken, "business_account_taken", 409, "business_account_id"},
    Entry{ErrorCode::LastAdmin, "last_admin", 409, "role"},
    Entry{ErrorCode::ContactBlocked, "contact_blocked", 409, "status"},
    Entry{ErrorCode::WhatsAppNotConfigured, "whatsapp_not_configured", 409, ""},
    Entry{ErrorCode::MediaNotAvailable, "media_not_available", 409, ""},
    Entry{ErrorCode::NotRetryable, "not_retryable", 409, ""},
    Entry{ErrorCode::NotReplayable, "not_replayable", 409, ""},
    Entry{ErrorCode::PlanLimitReached, "plan_limit_reached", 409, "plan"},
    Entry{ErrorCode::RuleTaken, "rule_taken", 409, "event"},
    Entry{ErrorCode::RuleBroken, "rule_broken", 409, "event"},
    Entry{ErrorCode::NotCancellable, "not_cancellable", 409, "status"},
    Entry{ErrorCode::IdempotencyKeyReused, "idempotency_key_reused", 409, "Idempotency-Key"},
    Entry{ErrorCode::CampaignNotEditable, "campaign_not_editable", 409, "state"},
    Entry{ErrorCode::InvalidState, "invalid_state", 409, "state"},
    Entry{ErrorCode::TooLarge, "too_large", 413, ""},
    Entry{ErrorCode::PayloadTooLarge, "payload_too_large", 413, ""},
    Entry{ErrorCode::UriTooLong, "uri_too_long", 414, ""},
    Entry{ErrorCode::UnsupportedMediaType, "unsupported_media_type", 415, ""},
    Entry{ErrorCode::ExpectationFailed, "expectation_failed", 417, ""},
    Entry{ErrorCode::UpgradeRequired, "upgrade_required", 426, ""},
    Entry{ErrorCode::HeadersTooLarge, "headers_too_large", 431, ""},
    Entry{ErrorCode::MissingField, "missing_field", 422, ""},
    Entry{ErrorCode::InvalidField, "invalid_field", 422, ""},
    Entry{ErrorCode::InvalidEmail, "invalid_email", 422, "email"},
    Entry{ErrorCode::InvalidName, "invalid_name", 422, "name"},
    Entry{ErrorCode::WeakPassword, "weak_password", 422, "password"},
    Entry{ErrorCode::InvalidRole, "invalid_role", 422, "role"},
    Entry{ErrorCode::InvalidSlug, "invalid_slug", 422, "slug"},
    Entry{ErrorCode::InvalidPlan, "invalid_plan", 422, "plan"},
    Entry{ErrorCode::InvalidScope, "invalid_scope", 422, "scopes"},
    Entry{ErrorCode::InvalidStatus, "invalid_status", 422, "status"},
    Entry{ErrorCode::InvalidAssignee, "invalid_assignee", 422, "assigned_user_id"},
    Entry{ErrorCode::InvalidPhoneNumber, "invalid_phone_number", 422, "phone"},
    Entry{ErrorCode::InvalidPhoneNumberId, "invalid_phone_number_id", 422, "phone_number_id"},
    Entry{ErrorCode::InvalidBusinessAccountId, "invalid_business_account_id", 422, "business_account_id"},
    Entry{ErrorCode::InvalidMessage, "invalid_message", 422, ""},
    Entry{ErrorCode::WindowClosed, "window_closed", 422, "type"},
    Entry{ErrorCode::NoRule, "no_rule", 422, "event"},
    Entry{ErrorCode::MissingData, "missing_data", 422, "data"},
    Entry{ErrorCode::InvalidAudience, "invalid_audience", 422, "audience"},
    Entry{ErrorCode::CampaignNotReady, "campaign_not_ready", 422, ""},
    Entry{ErrorCode::TenantRequired, "tenant_required", 422, "tenant"},
    Entry{ErrorCode::TokenInvalid, "token_invalid", 422, "business_api_token"},
    Entry{ErrorCode::TokenExpired, "token_expired", 422, "business_api_token"},
    Entry{ErrorCode::TokenMissingScope, "token_missing_scope", 422, "business_api_token"},
    Entry{ErrorCode::TokenNotGranted, "token_not_granted", 422, "business_account_id"},
    Entry{ErrorCode::RateLimited, "rate_limited", 429, ""},
    Entry{ErrorCode::TooManyAttempts, "too_many_attempts", 429, ""},
    Entry{ErrorCode::InternalError, "internal_error", 500, ""},
    Entry{ErrorCode::NotImplemented, "not_implemented", 501, ""},
    Entry{ErrorCode::GraphError, "graph_", 502, ""},
    Entry{ErrorCode::Unavailable, "unavailable", 503, ""},
    Entry{ErrorCode::HttpVersionNotSupported, "http_version_not_supported", 505, ""},
    Entry{ErrorCode::Unknown, "", 500, ""},
};

constexpr bool inOrder()
{
    for (std::size_t i = 0; i < kTable.size(); ++i)
        if (static_cast<std::size_t>(kTable[i].code) != i)
            return false;
    return true;
}
static_assert(inOrder(), "kTable must list the codes in enumerator order");

const Entry &entry(ErrorCode code)
{
    return kTable[static_cast<std::size_t>(code)];
}

} // namespace

QString errorName(ErrorCode code)
{
    return QString::fromLatin1(entry(code).name);
}

ErrorCode errorCodeFromName(const QString &name)
{
    if (name.startsWith(QLatin1String("graph_")))
        return ErrorCode::GraphError;
    // tenant_required means two things by status; the sign-in one (422) is
    // the one a caller reacts to.
    if (name == QLatin1String("tenant_required"))
        return ErrorCode::TenantRequired;
    for (const Entry &e : kTable)
        if (name == QLatin1String(e.name) && e.code != ErrorCode::Unknown)
            return e.code;
    return ErrorCode::Unknown;
}

int httpStatus(ErrorCode code)
{
    return entry(code).status;
}

QString defaultField(ErrorCode code)
{
    return QString::fromLatin1(entry(code).field);
}

QJsonObject ApiProblem::toJson() const
{
    QJsonObject e{{QStringLiteral("code"), name.isEmpty() ? errorName(code) : name}, {QStringLiteral("message"), message}};
    if (!field.isEmpty())
        e.insert(QStringLiteral("field"), field);
    return QJsonObject{{QStringLiteral("error"), e}};
}

std::optional<ApiProblem> ApiProblem::fromJson(const QJsonObject &body)
{
    const QJsonValue error = body.value(QStringLiteral("error"));
    if (!error.isObject())
        return std::nullopt;
    const QJsonObject e = error.toObject();
    ApiProblem p;
    p.name = e.value(QStringLiteral("code")).toString();
    p.code = errorCodeFromName(p.name);
    p.message = e.value(QStringLiteral("message")).toString();
    p.field = e.value(QStringLiteral("field")).toString();
    return p;
}

} // namespace puente::protocol
