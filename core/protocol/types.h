#pragma once

// Every resource the REST API and the event stream carry, as the server
// writes it and the console reads it (docs/openapi.yaml, components/schemas;
// tests/core/tst_protocol.cpp holds the two together). Timestamps are Unix
// milliseconds; optional members are null (or absent, where marked) on the
// wire.
#include "protocol/codec.h"
#include "protocol/enums.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace puente::protocol {

#define PUENTE_CODEC(Type, ...)                                                                                                              \
    template<>                                                                                                                               \
    struct Codec<Type> {                                                                                                                     \
        static auto fields() { return std::make_tuple(__VA_ARGS__); }                                                                        \
    };

// --- accounts ------------------------------------------------------------

struct TenantRef {
    qint64 id = 0;
    QString slug;
    QString name;
    TenantStatus status = TenantStatus::Active;
    QString suspendedReason; // GET /api/me, when suspended
};
PUENTE_CODEC(TenantRef, field("id", &TenantRef::id), field("slug", &TenantRef::slug), field("name", &TenantRef::name),
             field("status", &TenantRef::status), field("suspended_reason", &TenantRef::suspendedReason, OmitIfEmpty))

struct User {
    qint64 id = 0;
    QString email;
    QString name;
    Role role = Role::Agent;
    bool active = true;
    qint64 createdAt = 0;
    std::optional<qint64> lastLoginAt;
};
PUENTE_CODEC(User, field("id", &User::id), field("email", &User::email), field("name", &User::name), field("role", &User::role),
             field("active", &User::active), field("created_at", &User::createdAt), field("last_login_at", &User::lastLoginAt))

struct UserList {
    QList<User> items;
};
PUENTE_CODEC(UserList, field("items", &UserList::items))

struct LoginRequest {
    QString email;
    QString password;
    QString tenant; // the company's slug, when the email has accounts in several
};
PUENTE_CODEC(LoginRequest, field("email", &LoginRequest::email, Required, 254), field("password", &LoginRequest::password, Required, 1024),
             field("tenant", &LoginRequest::tenant, OmitIfEmpty, 63))

// The signed-in user as sign-in shows it: a User and their tenant.
struct LoginUser {
    qint64 id = 0;
    QString email;
    QString name;
    Role role = Role::Agent;
    bool active = true;
    qint64 createdAt = 0;
    std::optional<qint64> lastLoginAt;
    std::optional<TenantRef> tenant; // null for platform admins
};
PUENTE_CODEC(LoginUser, field("id", &LoginUser::id), field("email", &LoginUser::email), field("name", &LoginUser::name),
             field("role", &LoginUser::role), field("active", &LoginUser::active), field("created_at", &LoginUser::createdAt),
             field("last_login_at", &LoginUser::lastLoginAt), field("tenant", &LoginUser::tenant))

struct LoginResult {
    QString token;
    qint64 expiresAt = 0;
    qint64 absoluteExpiresAt = 0;
    LoginUser user;
};
PUENTE_CODEC(LoginResult, field("token", &LoginResult::token), field("expires_at", &LoginResult::expiresAt),
             field("absolute_expires_at", &LoginResult::absoluteExpiresAt), field("user", &LoginResult::user))

struct Me {
    qint64 id = 0;
    QString email;
    QString name;
    Role role = Role::Agent;
    bool active = true;
    std::optional<TenantRef> tenant;
};
PUENTE_CODEC(Me, field("id", &Me::id), field("email", &Me::email), field("name", &Me::name), field("role", &Me::role),
             field("active", &Me::active), field("tenant", &Me::tenant))

// The signed-in user as sign-in gave it, as GET /api/me would.
inline Me meOf(const LoginUser &u)
{
    return {u.id, u.email, u.name, u.role, u.active, u.tenant};
}

struct MeResult {
    Me user;
    qint64 expiresAt = 0;
};
PUENTE_CODEC(MeResult, field("user", &MeResult::user), field("expires_at", &MeResult::expiresAt))

struct CreateUser {
    QString email;
    QString name;
    QString role; // checked by the server (invalid_role)
    QString password;
};
PUENTE_CODEC(CreateUser, field("email", &CreateUser::email, Required, 254), field("name", &CreateUser::name, Required, 200),
             field("role", &CreateUser::role, Required, 30), field("password", &CreateUser::password, Required, 1024))

struct UpdateUser {
    std::optional<QString> name;
    std::optional<QString> role;
    std::optional<bool> active;
    std::optional<QString> password;
};
PUENTE_CODEC(UpdateUser, field("name", &UpdateUser::name, OmitIfEmpty, 200), field("role", &UpdateUser::role, OmitIfEmpty, 30),
             field("active", &UpdateUser::active, OmitIfEmpty), field("password", &UpdateUser::password, OmitIfEmpty, 1024))

struct ApiKey {
    qint64 id = 0;
    QString name;
    QString prefix;
    QList<ApiScope> scopes;
    std::optional<qint64> createdByUserId;
    qint64 createdAt = 0;
    std::optional<qint64> lastUsedAt;
    std::optional<qint64> revokedAt;
};
PUENTE_CODEC(ApiKey, field("id", &ApiKey::id), field("name", &ApiKey::name), field("prefix", &ApiKey::prefix),
             field("scopes", &ApiKey::scopes), field("created_by_user_id", &ApiKey::createdByUserId), field("created_at", &ApiKey::createdAt),
             field("last_used_at", &ApiKey::lastUsedAt), field("revoked_at", &ApiKey::revokedAt))

struct ApiKeyList {
    QList<ApiKey> items;
};
PUENTE_CODEC(ApiKeyList, field("items", &ApiKeyList::items))

struct CreateApiKey {
    QString name;
    std::optional<QStringList> scopes; // absent: every scope
};
PUENTE_CODEC(CreateApiKey, field("name", &CreateApiKey::name, Required, 100), field("scopes", &CreateApiKey::scopes, OmitIfEmpty))

struct CreatedApiKey {
    QString key; // shown once
    ApiKey apiKey;
};
PUENTE_CODEC(CreatedApiKey, field("key", &CreatedApiKey::key), field("api_key", &CreatedApiKey::apiKey))

// --- tenants, plans, usage --------------------------------------------------

struct Tenant {
    qint64 id = 0;
    QString slug;
    QString name;
    Plan plan = Plan::Basic;
    TenantStatus status = TenantStatus::Active;
    std::optional<QString> suspendedReason;
    qint64 createdAt = 0;
};
PUENTE_CODEC(Tenant, field("id", &Tenant::id), field("slug", &Tenant::slug), field("name", &Tenant::name), field("plan", &Tenant::plan),
             field("status", &Tenant::status), field("suspended_reason", &Tenant::suspendedReason), field("created_at", &Tenant::createdAt))

// null: no limit.
struct PlanLimits {
    std::optional<qint64> users;
    std::optional<qint64> businessConversations;
    std::optional<qint64> campaignRecipients;
};
PUENTE_CODEC(PlanLimits, field("users", &PlanLimits::users), field("business_conversations", &PlanLimits::businessConversations),
             field("campaign_recipients", &PlanLimits::campaignRecipients))

struct UsageCounts {
    qint64 users = 0;
    qint64 businessConversations = 0;
    qint64 messages = 0;
};
PUENTE_CODEC(UsageCounts, field("users", &UsageCounts::users), field("business_conversations", &UsageCounts::businessConversations),
             field("messages", &UsageCounts::messages))

struct Usage {
    Plan plan = Plan::Basic;
    qint64 periodStart = 0;
    qint64 periodEnd = 0;
    PlanLimits limits;
    UsageCounts usage;
};
PUENTE_CODEC(Usage, field("plan", &Usage::plan), field("period_start", &Usage::periodStart), field("period_end", &Usage::periodEnd),
             field("limits", &Usage::limits), field("usage", &Usage::usage))

// A tenant as the companies list shows it: the tenant and its WhatsApp
// connection and usage.
struct TenantSummary : Tenant {
    std::optional<QString> phoneNumberId;
    ConnectionStatus connectionStatus = ConnectionStatus::NotConfigured;
    qint64 activeUsers = 0;
    std::optional<QString> displayPhoneNumber;
    std::optional<qint64> lastWebhookAt;
    std::optional<QString> qualityRating;
    qint64 messagesThisMonth = 0;
    PlanLimits limits;
    UsageCounts usage;
};
PUENTE_CODEC(TenantSummary, field("id", &TenantSummary::id), field("slug", &TenantSummary::slug), field("name", &TenantSummary::name),
             field("plan", &TenantSummary::plan), field("status", &TenantSummary::status),
             field("suspended_reason", &TenantSummary::suspendedReason), field("created_at", &TenantSummary::createdAt),
             field("phone_number_id", &TenantSummary::phoneNumberId), field("connection_status", &TenantSummary::connectionStatus),
             field("active_users", &TenantSummary::activeUsers), field("display_phone_number", &TenantSummary::displayPhoneNumber),
             field("last_webhook_at", &TenantSummary::lastWebhookAt), field("quality_rating", &TenantSummary::qualityRating),
             field("messages_this_month", &TenantSummary::messagesThisMonth), field("limits", &TenantSummary::limits),
             field("usage", &TenantSummary::usage))

struct TenantSummaryList {
    QList<TenantSummary> items;
};
PUENTE_CODEC(TenantSummaryList, field("items", &TenantSummaryList::items))

struct PlanInfo {
    Plan plan = Plan::Basic;
    PlanLimits limits;
};
PUENTE_CODEC(PlanInfo, field("plan", &PlanInfo::plan), field("limits", &PlanInfo::limits))

struct PlanList {
    QList<PlanInfo> items;
};
PUENTE_CODEC(PlanList, field("items", &PlanList::items))

struct NewAdmin {
    QString email;
    QString name;
    QString password;
};
PUENTE_CODEC(NewAdmin, field("email", &NewAdmin::email, Required, 254), field("name", &NewAdmin::name, Required, 200),
             field("password", &NewAdmin::password, Required, 1024))

struct CreateTenant {
    QString slug;
    QString name;
    QString plan; // checked by the server (invalid_plan); empty: basic
    std::optional<NewAdmin> admin;
};
PUENTE_CODEC(CreateTenant, field("slug", &CreateTenant::slug, Required, 63), field("name", &CreateTenant::name, Required, 200),
             field("plan", &CreateTenant::plan, OmitIfEmpty, 20), field("admin", &CreateTenant::admin, OmitIfEmpty))

struct CreatedTenant {
    Tenant tenant;
    std::optional<User> admin;
};
PUENTE_CODEC(CreatedTenant, field("tenant", &CreatedTenant::tenant), field("admin", &CreatedTenant::admin, OmitIfEmpty))

struct UpdateTenant {
    std::optional<QString> name;
    std::optional<QString> plan;
    std::optional<QString> status;
    std::optional<QString> suspendedReason;
};
PUENTE_CODEC(UpdateTenant, field("name", &UpdateTenant::name, OmitIfEmpty, 200), field("plan", &UpdateTenant::plan, OmitIfEmpty, 20),
             field("status", &UpdateTenant::status, OmitIfEmpty, 20),
             field("suspended_reason", &UpdateTenant::suspendedReason, OmitIfEmpty, 500))

// --- health, dead letters, audit -----------------------------------------

// What Graph's debug_token last said about the stored access token.
struct AccessTokenInfo {
    std::optional<QString> type;      // SYSTEM_USER (never expires), USER, PAGE...
    std::optional<qint64> expiresAt;  // Unix ms; null: never (or not known, when checked_at is null)
    bool neverExpires = false;
    std::optional<qint64> checkedAt;  // null: not inspected yet
    std::optional<QString> problem;   // why Meta does not accept it
    std::optional<qint64> renewedAt;  // when Puente last renewed it
    std::optional<QString> renewalError; // why the last renewal failed (the old token is kept)
    bool renewable = false;           // a user token with the company's app id and secret: renewed before it expires
};
PUENTE_CODEC(AccessTokenInfo, field("type", &AccessTokenInfo::type), field("expires_at", &AccessTokenInfo::expiresAt),
             field("never_expires", &AccessTokenInfo::neverExpires), field("checked_at", &AccessTokenInfo::checkedAt),
             field("problem", &AccessTokenInfo::problem), field("renewed_at", &AccessTokenInfo::renewedAt),
             field("renewal_error", &AccessTokenInfo::renewalError),
             field("renewable", &AccessTokenInfo::renewable))

struct HealthWhatsApp {
    bool configured = false;
    std::optional<bool> active;
    ConnectionStatus connectionStatus = ConnectionStatus::NotConfigured;
    std::optional<QString> lastError;
    std::optional<QString> phoneNumberId;
    std::optional<QString> displayPhoneNumber;
    std::optional<QString> verifiedName;
    std::optional<QString> qualityRating;
    std::optional<QString> messagingLimit;
    std::optional<qint64> checkedAt;
    std::optional<qint64> lastWebhookAt;
    std::optional<AccessTokenInfo> token;
};
PUENTE_CODEC(HealthWhatsApp, field("configured", &HealthWhatsApp::configured), field("active", &HealthWhatsApp::active, OmitIfEmpty),
             field("connection_status", &HealthWhatsApp::connectionStatus), field("last_error", &HealthWhatsApp::lastError),
             field("phone_number_id", &HealthWhatsApp::phoneNumberId), field("display_phone_number", &HealthWhatsApp::displayPhoneNumber),
             field("verified_name", &HealthWhatsApp::verifiedName), field("quality_rating", &HealthWhatsApp::qualityRating),
             field("messaging_limit", &HealthWhatsApp::messagingLimit), field("checked_at", &HealthWhatsApp::checkedAt),
             field("last_webhook_at", &HealthWhatsApp::lastWebhookAt), field("token", &HealthWhatsApp::token, OmitIfEmpty))

struct FailedSends {
    qint64 code = 0;
    std::optional<QString> title;
    std::optional<QString> message;
    qint64 count = 0;
    qint64 lastAt = 0;
};
PUENTE_CODEC(FailedSends, field("code", &FailedSends::code), field("title", &FailedSends::title), field("message", &FailedSends::message),
             field("count", &FailedSends::count), field("last_at", &FailedSends::lastAt))

struct Incidents {
    qint64 count = 0;
    std::optional<qint64> lastAt;
    std::optional<qint64> lastCode;
    std::optional<QString> lastError;
};
PUENTE_CODEC(Incidents, field("count", &Incidents::count), field("last_at", &Incidents::lastAt), field("last_code", &Incidents::lastCode),
             field("last_error", &Incidents::lastError))

struct DeadLetterCount {
    qint64 waiting = 0;
    std::optional<qint64> lastAt;
};
PUENTE_CODEC(DeadLetterCount, field("waiting", &DeadLetterCount::waiting), field("last_at", &DeadLetterCount::lastAt))

struct Health {
    qint64 periodHours = 24;
    HealthWhatsApp whatsapp;
    QList<FailedSends> failedSends;
    Incidents rateLimitHits;
    Incidents tokenProblems;
    DeadLetterCount deadLetters;
};
PUENTE_CODEC(Health, field("period_hours", &Health::periodHours), field("whatsapp", &Health::whatsapp),
             field("failed_sends", &Health::failedSends), field("rate_limit_hits", &Health::rateLimitHits),
             field("token_problems", &Health::tokenProblems), field("dead_letters", &Health::deadLetters))

struct DeadLetter {
    qint64 id = 0;
    std::optional<qint64> tenantId;
    DeadLetterKind kind = DeadLetterKind::Other;
    bool replayable = true;
    QString reason;
    std::optional<QString> field_;
    std::optional<QString> routingKey;
    QString payload;
    qint64 createdAt = 0;
    std::optional<qint64> replayedAt;
    qint64 replayCount = 0;
};
PUENTE_CODEC(DeadLetter, field("id", &DeadLetter::id), field("tenant_id", &DeadLetter::tenantId), field("kind", &DeadLetter::kind),
             field("replayable", &DeadLetter::replayable), field("reason", &DeadLetter::reason), field("field", &DeadLetter::field_),
             field("routing_key", &DeadLetter::routingKey), field("payload", &DeadLetter::payload), field("created_at", &DeadLetter::createdAt),
             field("replayed_at", &DeadLetter::replayedAt), field("replay_count", &DeadLetter::replayCount))

struct DeadLetterPage {
    QList<DeadLetter> items;
    std::optional<QString> nextCursor;
};
PUENTE_CODEC(DeadLetterPage, field("items", &DeadLetterPage::items), field("next_cursor", &DeadLetterPage::nextCursor))

struct Replayed {
    qint64 id = 0;
    qint64 inboxId = 0;
};
PUENTE_CODEC(Replayed, field("id", &Replayed::id), field("inbox_id", &Replayed::inboxId))

struct AuditEntry {
    qint64 id = 0;
    std::optional<qint64> tenantId;
    std::optional<qint64> actorUserId;
    QString actor;
    QString action;
    QString targetType;
    QString targetId;
    QJsonObject details;
    QString clientAddress;
    qint64 createdAt = 0;
};
PUENTE_CODEC(AuditEntry, field("id", &AuditEntry::id), field("tenant_id", &AuditEntry::tenantId), field("actor_user_id", &AuditEntry::actorUserId),
             field("actor", &AuditEntry::actor), field("action", &AuditEntry::action), field("target_type", &AuditEntry::targetType),
             field("target_id", &AuditEntry::targetId), field("details", &AuditEntry::details), field("client_address", &AuditEntry::clientAddress),
             field("created_at", &AuditEntry::createdAt))

struct AuditPage {
    QList<AuditEntry> items;
    std::optional<QString> nextCursor;
};
PUENTE_CODEC(AuditPage, field("items", &AuditPage::items), field("next_cursor", &AuditPage::nextCursor))

// --- WhatsApp configuration and templates ---------------------------------

// With `configured` false only configured, connection_status and
// webhook_url are sent (WhatsAppConfig::unconfigured).
struct WhatsAppConfig {
    bool configured = false;
    ApiType apiType = ApiType::BusinessApi;
    QString businessApiToken; // masked
    bool hasToken = false;
    QString phoneNumberId;
    QString businessAccountId;
    QString webhookVerifyToken; // masked for agents
    QString appSecret;          // masked; empty with the platform's secret
    bool hasAppSecret = false;
    bool fallbackEnabled = false;
    qint64 throughputPerSecond = 80;
    ConnectionStatus connectionStatus = ConnectionStatus::NotConfigured;
    std::optional<QString> lastError;
    qint64 updatedAt = 0;
    std::optional<QString> displayPhoneNumber;
    std::optional<QString> verifiedName;
    std::optional<QString> qualityRating;
    std::optional<QString> messagingLimit;
    std::optional<qint64> checkedAt;
    QString webhookUrl;
    std::optional<QString> appId;
    std::optional<AccessTokenInfo> token;
};
PUENTE_CODEC(WhatsAppConfig, field("configured", &WhatsAppConfig::configured), field("api_type", &WhatsAppConfig::apiType),
             field("business_api_token", &WhatsAppConfig::businessApiToken), field("has_token", &WhatsAppConfig::hasToken),
             field("phone_number_id", &WhatsAppConfig::phoneNumberId), field("business_account_id", &WhatsAppConfig::businessAccountId),
             field("webhook_verify_token", &WhatsAppConfig::webhookVerifyToken), field("app_secret", &WhatsAppConfig::appSecret),
             field("has_app_secret", &WhatsAppConfig::hasAppSecret), field("fallback_enabled", &WhatsAppConfig::fallbackEnabled),
             field("throughput_per_second", &WhatsAppConfig::throughputPerSecond), field("connection_status", &WhatsAppConfig::connectionStatus),
             field("last_error", &WhatsAppConfig::lastError), field("updated_at", &WhatsAppConfig::updatedAt),
             field("display_phone_number", &WhatsAppConfig::displayPhoneNumber), field("verified_name", &WhatsAppConfig::verifiedName),
             field("quality_rating", &WhatsAppConfig::qualityRating), field("messaging_limit", &WhatsAppConfig::messagingLimit),
             field("checked_at", &WhatsAppConfig::checkedAt), field("webhook_url", &WhatsAppConfig::webhookUrl),
             field("app_id", &WhatsAppConfig::appId), field("token", &WhatsAppConfig::token, OmitIfEmpty))

struct UnconfiguredWhatsApp {
    bool configured = false;
    ConnectionStatus connectionStatus = ConnectionStatus::NotConfigured;
    QString webhookUrl;
};
PUENTE_CODEC(UnconfiguredWhatsApp, field("configured", &UnconfiguredWhatsApp::configured),
             field("connection_status", &UnconfiguredWhatsApp::connectionStatus), field("webhook_url", &UnconfiguredWhatsApp::webhookUrl))

struct WhatsAppConfigInput {
    QString apiType;
    std::optional<QString> businessApiToken;
    QString phoneNumberId;
    QString businessAccountId;
    std::optional<QString> webhookVerifyToken;
    std::optional<QString> appSecret;
    std::optional<QString> appId; // "" clears it
    std::optional<bool> fallbackEnabled;
    std::optional<qint64> throughputPerSecond;
};
PUENTE_CODEC(WhatsAppConfigInput, field("api_type", &WhatsAppConfigInput::apiType, OmitIfEmpty, 30),
             field("business_api_token", &WhatsAppConfigInput::businessApiToken, OmitIfEmpty, 4096),
             field("phone_number_id", &WhatsAppConfigInput::phoneNumberId, Required, 32),
             field("business_account_id", &WhatsAppConfigInput::businessAccountId, Required, 32),
             field("webhook_verify_token", &WhatsAppConfigInput::webhookVerifyToken, OmitIfEmpty, 200),
             field("app_secret", &WhatsAppConfigInput::appSecret, OmitIfEmpty, 200),
             field("app_id", &WhatsAppConfigInput::appId, OmitIfEmpty, 32),
             field("fallback_enabled", &WhatsAppConfigInput::fallbackEnabled, OmitIfEmpty),
             field("throughput_per_second", &WhatsAppConfigInput::throughputPerSecond, OmitIfEmpty))

struct TestConnection {
    std::optional<QString> businessApiToken; // left out: the stored one
    std::optional<QString> phoneNumberId;
};
PUENTE_CODEC(TestConnection, field("business_api_token", &TestConnection::businessApiToken, OmitIfEmpty, 4096),
             field("phone_number_id", &TestConnection::phoneNumberId, OmitIfEmpty, 32))

struct TestedNumber {
    QString id;
    QString displayPhoneNumber;
    QString verifiedName;
    QString qualityRating;
    QString status;
    QString messagingLimit;
    QString throughput;
    QString codeVerificationStatus;
};
PUENTE_CODEC(TestedNumber, field("id", &TestedNumber::id), field("display_phone_number", &TestedNumber::displayPhoneNumber),
             field("verified_name", &TestedNumber::verifiedName), field("quality_rating", &TestedNumber::qualityRating),
             field("status", &TestedNumber::status), field("messaging_limit", &TestedNumber::messagingLimit),
             field("throughput", &TestedNumber::throughput), field("code_verification_status", &TestedNumber::codeVerificationStatus))

struct TestFailure {
    QString kind; // network, timeout, unauthorized, rate_limited, window_closed, invalid_parameter, recipient_unavailable, meta_error
    qint64 code = 0;
    qint64 subcode = 0;
    QString message;
    QString explanation;
    QString fbtraceId;
};
PUENTE_CODEC(TestFailure, field("kind", &TestFailure::kind), field("code", &TestFailure::code), field("subcode", &TestFailure::subcode),
             field("message", &TestFailure::message), field("explanation", &TestFailure::explanation), field("fbtrace_id", &TestFailure::fbtraceId))

struct ConnectionTest {
    bool ok = false;
    std::optional<TestedNumber> phoneNumber;
    std::optional<TestFailure> error;
};
PUENTE_CODEC(ConnectionTest, field("ok", &ConnectionTest::ok), field("phone_number", &ConnectionTest::phoneNumber, OmitIfEmpty),
             field("error", &ConnectionTest::error, OmitIfEmpty))

struct TemplateParameters {
    qint64 header = 0;
    qint64 body = 0;
    QList<qint64> buttons;
};
PUENTE_CODEC(TemplateParameters, field("header", &TemplateParameters::header), field("body", &TemplateParameters::body),
             field("buttons", &TemplateParameters::buttons))

struct Template {
    qint64 id = 0;
    QString name;
    QString language;
    QString category; // MARKETING, UTILITY, AUTHENTICATION
    QString status;   // Meta's: APPROVED, PENDING, REJECTED, PAUSED, DISABLED...
    std::optional<QString> rejectedReason;
    std::optional<QString> quality;
    QJsonArray components; // as Meta gives them
    TemplateParameters parameters;
    qint64 syncedAt = 0;
};
PUENTE_CODEC(Template, field("id", &Template::id), field("name", &Template::name), field("language", &Template::language),
             field("category", &Template::category), field("status", &Template::status), field("rejected_reason", &Template::rejectedReason),
             field("quality", &Template::quality), field("components", &Template::components), field("parameters", &Template::parameters),
             field("synced_at", &Template::syncedAt))

struct TemplateList {
    QList<Template> items;
};
PUENTE_CODEC(TemplateList, field("items", &TemplateList::items))

struct TemplateSync {
    qint64 synced = 0;
    QList<Template> items;
};
PUENTE_CODEC(TemplateSync, field("synced", &TemplateSync::synced), field("items", &TemplateSync::items))

// --- conversations and messages ---------------------------------------------

struct Conversation {
    qint64 id = 0;
    QString contactKey;
    QString waId;
    QString userId;
    QString phone;
    QString name;
    ConversationStatus status = ConversationStatus::Active;
    qint64 lastMessageAt = 0;
    qint64 lastInboundAt = 0;
    QString preview;
    qint64 unreadCount = 0;
    std::optional<qint64> assignedUserId;
    QString phoneDisplay;
    std::optional<qint64> windowOpenUntil;
    qint64 createdAt = 0;
    qint64 updatedAt = 0; // of two copies, the later one is current
    std::optional<qint64> optedOutAt; // the contact asked for no more notifications (BAJA, STOP...)
};
PUENTE_CODEC(Conversation, field("id", &Conversation::id), field("contact_key", &Conversation::contactKey), field("wa_id", &Conversation::waId),
             field("user_id", &Conversation::userId), field("phone", &Conversation::phone), field("name", &Conversation::name),
             field("status", &Conversation::status), field("last_message_at", &Conversation::lastMessageAt),
             field("last_inbound_at", &Conversation::lastInboundAt), field("preview", &Conversation::preview),
             field("unread_count", &Conversation::unreadCount), field("assigned_user_id", &Conversation::assignedUserId),
             field("phone_display", &Conversation::phoneDisplay), field("window_open_until", &Conversation::windowOpenUntil),
             field("created_at", &Conversation::createdAt), field("updated_at", &Conversation::updatedAt),
             field("opted_out_at", &Conversation::optedOutAt, OmitIfEmpty))

struct ConversationPage {
    QList<Conversation> items;
    std::optional<QString> nextCursor;
    std::optional<qint64> unreadTotal; // first page only
};
PUENTE_CODEC(ConversationPage, field("items", &ConversationPage::items), field("next_cursor", &ConversationPage::nextCursor),
             field("unread_total", &ConversationPage::unreadTotal, OmitIfEmpty))

struct StartConversation {
    QString phone;
    QString name;
};
PUENTE_CODEC(StartConversation, field("phone", &StartConversation::phone, Required, 40), field("name", &StartConversation::name, OmitIfEmpty, 200))

// `assignedUserId`: absent leaves the assignee, null unassigns.
// `optedOut`: false clears a contact's opt-out (they asked again), true sets it.
struct UpdateConversation {
    std::optional<QString> status;
    QJsonValue assignedUserId = QJsonValue(QJsonValue::Undefined);
    std::optional<bool> optedOut;

    static UpdateConversation toStatus(ConversationStatus s) { return {enumName(s), QJsonValue(QJsonValue::Undefined), {}}; }
    static UpdateConversation assignTo(qint64 userId) { return {std::nullopt, QJsonValue(userId), {}}; }
    static UpdateConversation unassign() { return {std::nullopt, QJsonValue(QJsonValue::Null), {}}; }
    static UpdateConversation setOptedOut(bool out) { return {std::nullopt, QJsonValue(QJsonValue::Undefined), out}; }
};
PUENTE_CODEC(UpdateConversation, field("status", &UpdateConversation::status, OmitIfEmpty, 20),
             field("assigned_user_id", &UpdateConversation::assignedUserId), field("opted_out", &UpdateConversation::optedOut, OmitIfEmpty))

struct MessageError {
    qint64 code = 0;
    QString title;
    QString message;
    QString details;
};
PUENTE_CODEC(MessageError, field("code", &MessageError::code), field("title", &MessageError::title), field("message", &MessageError::message),
             field("details", &MessageError::details))

struct MessageMedia {
    QString id;
    QString mimeType;
    QString sha256;
    std::optional<qint64> size;
    QString caption;
    QString filename;
    bool downloaded = false;
};
PUENTE_CODEC(MessageMedia, field("id", &MessageMedia::id), field("mime_type", &MessageMedia::mimeType), field("sha256", &MessageMedia::sha256),
             field("size", &MessageMedia::size), field("caption", &MessageMedia::caption), field("filename", &MessageMedia::filename),
             field("downloaded", &MessageMedia::downloaded))

struct Message {
    qint64 id = 0;
    qint64 conversationId = 0;
    QString providerMessageId; // wamid; empty until sent
    Direction direction = Direction::Inbound;
    QString type; // text, template, image... (inbound may have other WhatsApp types)
    QString content;
    MessageStatus status = MessageStatus::Received;
    qint64 timestamp = 0;
    bool forwarded = false;
    bool edited = false;
    bool revoked = false;
    std::optional<MessageError> error;
    std::optional<MessageMedia> media;
    QString replyTo;  // the wamid it replies or reacts to
    QString reaction; // the emoji, on reactions
    std::optional<qint64> statusAt;
    std::optional<qint64> sentByUserId;
    QString templateName; // "template" on the wire
    QString attention;    // "interrupted": the agent decides
    std::optional<qint64> notificationId; // sent for a CRM notification (automatic)
    QString event;                        // that notification's event
    QString replyPayload;                 // a tapped button's payload or an interactive reply's id
    QString importSource;                 // imported from an old chat: where from ("chat-export: file.txt")
};
PUENTE_CODEC(Message, field("id", &Message::id), field("conversation_id", &Message::conversationId),
             field("provider_message_id", &Message::providerMessageId), field("direction", &Message::direction), field("type", &Message::type),
             field("content", &Message::content), field("status", &Message::status), field("timestamp", &Message::timestamp),
             field("forwarded", &Message::forwarded), field("edited", &Message::edited), field("revoked", &Message::revoked),
             field("error", &Message::error, OmitIfEmpty), field("media", &Message::media, OmitIfEmpty), field("reply_to", &Message::replyTo, OmitIfEmpty),
             field("reaction", &Message::reaction, OmitIfEmpty), field("status_at", &Message::statusAt, OmitIfEmpty),
             field("sent_by_user_id", &Message::sentByUserId, OmitIfEmpty), field("template", &Message::templateName, OmitIfEmpty),
             field("attention", &Message::attention, OmitIfEmpty), field("notification_id", &Message::notificationId, OmitIfEmpty),
             field("event", &Message::event, OmitIfEmpty), field("reply_payload", &Message::replyPayload, OmitIfEmpty),
             field("import_source", &Message::importSource, OmitIfEmpty))

struct MessagePage {
    QList<Message> items;
    std::optional<QString> nextCursor;
};
PUENTE_CODEC(MessagePage, field("items", &MessagePage::items), field("next_cursor", &MessagePage::nextCursor))

// --- imported chats -----------------------------------------------------------

// What one import did. Counts are of messages (system lines apart).
struct ChatImportReport {
    QString layout;   // android, ios
    bool dayFirst = true;
    QString encoding; // utf-8, utf-16, latin-1
    QString companyAuthor;
    QString contactAuthor;
    QString contactPhone; // E.164
    qint64 conversationId = 0;
    qint64 messages = 0;
    qint64 imported = 0;
    qint64 duplicates = 0;     // already there (an earlier run, an overlapping export)
    qint64 media = 0;          // attachments stored from the zip
    qint64 mediaMissing = 0;   // media the export left out (or too large)
    qint64 systemLines = 0;    // encryption notices, "blocked" and the like: skipped
    qint64 notUnderstood = 0;  // lines that are no message
    QList<qint64> notUnderstoodLines; // the first 100
    std::optional<qint64> firstAt;
    std::optional<qint64> lastAt;
    qint64 durationMs = 0;
};
PUENTE_CODEC(ChatImportReport, field("layout", &ChatImportReport::layout), field("day_first", &ChatImportReport::dayFirst),
             field("encoding", &ChatImportReport::encoding), field("company_author", &ChatImportReport::companyAuthor),
             field("contact_author", &ChatImportReport::contactAuthor), field("contact_phone", &ChatImportReport::contactPhone),
             field("conversation_id", &ChatImportReport::conversationId), field("messages", &ChatImportReport::messages),
             field("imported", &ChatImportReport::imported), field("duplicates", &ChatImportReport::duplicates),
             field("media", &ChatImportReport::media), field("media_missing", &ChatImportReport::mediaMissing),
             field("system_lines", &ChatImportReport::systemLines), field("not_understood", &ChatImportReport::notUnderstood),
             field("not_understood_lines", &ChatImportReport::notUnderstoodLines), field("first_at", &ChatImportReport::firstAt),
             field("last_at", &ChatImportReport::lastAt), field("duration_ms", &ChatImportReport::durationMs))

struct ChatImportError {
    QString code; // not_a_chat_export, binary_file, group_chat, company_side_unknown, contact_number_missing, zip_*
    QString message;
};
PUENTE_CODEC(ChatImportError, field("code", &ChatImportError::code), field("message", &ChatImportError::message))

// An import run as a job on the server.
struct ChatImport {
    qint64 id = 0;
    QString status; // queued, running, done, failed
    QString fileName;
    qint64 fileSize = 0;
    qint64 bytesRead = 0;
    qint64 messagesRead = 0;
    std::optional<ChatImportReport> report;
    std::optional<ChatImportError> error;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
};
PUENTE_CODEC(ChatImport, field("id", &ChatImport::id), field("status", &ChatImport::status), field("file_name", &ChatImport::fileName),
             field("file_size", &ChatImport::fileSize), field("bytes_read", &ChatImport::bytesRead),
             field("messages_read", &ChatImport::messagesRead), field("report", &ChatImport::report, OmitIfEmpty),
             field("error", &ChatImport::error, OmitIfEmpty), field("created_at", &ChatImport::createdAt),
             field("updated_at", &ChatImport::updatedAt))

struct ChatImportList {
    QList<ChatImport> items;
};
PUENTE_CODEC(ChatImportList, field("items", &ChatImportList::items))

struct TemplateSend {
    QString name;
    QString language;
    QJsonArray components;
};
PUENTE_CODEC(TemplateSend, field("name", &TemplateSend::name, Required, 512), field("language", &TemplateSend::language, Required, 15),
             field("components", &TemplateSend::components, OmitIfEmpty))

struct Location {
    double latitude = 0;
    double longitude = 0;
    QString name;
    QString address;
};
PUENTE_CODEC(Location, field("latitude", &Location::latitude, Required), field("longitude", &Location::longitude, Required),
             field("name", &Location::name, OmitIfEmpty, 1000), field("address", &Location::address, OmitIfEmpty, 1000))

struct SendMessage {
    QString type = QStringLiteral("text");
    QString message;
    bool previewUrl = false;
    std::optional<qint64> replyTo;
    QString emoji;
    QString mediaId;
    QString link;
    QString caption;
    QString filename;
    std::optional<TemplateSend> templateSend;
    std::optional<Location> location;
    QJsonArray contacts;
    QJsonObject interactive;
};
PUENTE_CODEC(SendMessage, field("type", &SendMessage::type, Plain, 20), field("message", &SendMessage::message, OmitIfEmpty | Multiline, 4096),
             field("preview_url", &SendMessage::previewUrl), field("reply_to", &SendMessage::replyTo, OmitIfEmpty),
             field("emoji", &SendMessage::emoji, OmitIfEmpty, 16), field("media_id", &SendMessage::mediaId, OmitIfEmpty, 200),
             field("link", &SendMessage::link, OmitIfEmpty, 2000), field("caption", &SendMessage::caption, OmitIfEmpty | Multiline, 1024),
             field("filename", &SendMessage::filename, OmitIfEmpty, 255), field("template", &SendMessage::templateSend, OmitIfEmpty),
             field("location", &SendMessage::location, OmitIfEmpty), field("contacts", &SendMessage::contacts, OmitIfEmpty),
             field("interactive", &SendMessage::interactive, OmitIfEmpty))

struct UploadedMedia {
    QString mediaId;
    QString type;
    QString mimeType;
    qint64 size = 0;
    QString sha256;
};
PUENTE_CODEC(UploadedMedia, field("media_id", &UploadedMedia::mediaId), field("type", &UploadedMedia::type),
             field("mime_type", &UploadedMedia::mimeType), field("size", &UploadedMedia::size), field("sha256", &UploadedMedia::sha256))

// --- notifications (the CRM's events) ------------------------------------------

// Where a template parameter's value comes from: `source` "data" (a path
// into the event's data, "candidate.first_name" or "data.candidate.first_name"),
// "text" (fixed), or a formatter of a data path in the tenant's time zone and
// language: "date" ("jueves 10 de diciembre"), "time" ("10:00"),
// "datetime" ("jueves 10 de diciembre, 10:00"). For a media header the value
// is an https link or an uploaded media id.
struct ParameterSource {
    QString source;
    QString value;
};
PUENTE_CODEC(ParameterSource, field("source", &ParameterSource::source, Required, 20), field("value", &ParameterSource::value, Required, 2000))

// A button's parameter: the URL suffix of a URL button, the payload of a
// quick-reply button (`index` counts the template's buttons from 0).
struct ButtonParameter {
    qint64 index = 0;
    ParameterSource value;
};
PUENTE_CODEC(ButtonParameter, field("index", &ButtonParameter::index, Required), field("value", &ButtonParameter::value, Required))

struct NotificationRule {
    qint64 id = 0;
    QString event;
    QString templateName; // "template"
    QString language;
    QList<ParameterSource> header; // a text header's placeholder, or a media header's file
    QList<ParameterSource> body;   // one per body placeholder, in order
    QList<ButtonParameter> buttons;
    bool quietHours = true; // wait for the end of the tenant's quiet hours
    bool enabled = true;
    bool broken = false;    // its template is gone, not approved, or needs other parameters
    QString brokenReason;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
};
PUENTE_CODEC(NotificationRule, field("id", &NotificationRule::id), field("event", &NotificationRule::event),
             field("template", &NotificationRule::templateName), field("language", &NotificationRule::language),
             field("header", &NotificationRule::header), field("body", &NotificationRule::body), field("buttons", &NotificationRule::buttons),
             field("quiet_hours", &NotificationRule::quietHours), field("enabled", &NotificationRule::enabled),
             field("broken", &NotificationRule::broken), field("broken_reason", &NotificationRule::brokenReason, OmitIfEmpty),
             field("created_at", &NotificationRule::createdAt), field("updated_at", &NotificationRule::updatedAt))

struct NotificationRuleList {
    QList<NotificationRule> items;
};
PUENTE_CODEC(NotificationRuleList, field("items", &NotificationRuleList::items))

struct CreateNotificationRule {
    QString event;
    QString templateName;
    QString language;
    QList<ParameterSource> header;
    QList<ParameterSource> body;
    QList<ButtonParameter> buttons;
    std::optional<bool> quietHours;
    std::optional<bool> enabled;
};
PUENTE_CODEC(CreateNotificationRule, field("event", &CreateNotificationRule::event, Required, 64),
             field("template", &CreateNotificationRule::templateName, Required, 512),
             field("language", &CreateNotificationRule::language, Required, 15), field("header", &CreateNotificationRule::header, OmitIfEmpty),
             field("body", &CreateNotificationRule::body, OmitIfEmpty), field("buttons", &CreateNotificationRule::buttons, OmitIfEmpty),
             field("quiet_hours", &CreateNotificationRule::quietHours, OmitIfEmpty), field("enabled", &CreateNotificationRule::enabled, OmitIfEmpty))

// Absent fields stay as they are; a given list replaces the rule's.
struct UpdateNotificationRule {
    std::optional<QString> event;
    std::optional<QString> templateName;
    std::optional<QString> language;
    std::optional<QList<ParameterSource>> header;
    std::optional<QList<ParameterSource>> body;
    std::optional<QList<ButtonParameter>> buttons;
    std::optional<bool> quietHours;
    std::optional<bool> enabled;
};
PUENTE_CODEC(UpdateNotificationRule, field("event", &UpdateNotificationRule::event, OmitIfEmpty, 64),
             field("template", &UpdateNotificationRule::templateName, OmitIfEmpty, 512),
             field("language", &UpdateNotificationRule::language, OmitIfEmpty, 15), field("header", &UpdateNotificationRule::header, OmitIfEmpty),
             field("body", &UpdateNotificationRule::body, OmitIfEmpty), field("buttons", &UpdateNotificationRule::buttons, OmitIfEmpty),
             field("quiet_hours", &UpdateNotificationRule::quietHours, OmitIfEmpty), field("enabled", &UpdateNotificationRule::enabled, OmitIfEmpty))

// A rule tried on sample data: the text the contact would read and the
// template's parameters, or what is missing.
struct PreviewNotificationRule {
    CreateNotificationRule rule;
    QJsonObject data;
};
PUENTE_CODEC(PreviewNotificationRule, field("rule", &PreviewNotificationRule::rule, Required), field("data", &PreviewNotificationRule::data))

struct RulePreview {
    bool ok = false;
    QString text;
    QJsonArray components;
    QString error; // what is wrong, naming the path or the placeholder
    QString field;
};
PUENTE_CODEC(RulePreview, field("ok", &RulePreview::ok), field("text", &RulePreview::text), field("components", &RulePreview::components),
             field("error", &RulePreview::error, OmitIfEmpty), field("field", &RulePreview::field, OmitIfEmpty))

struct NotificationRecipient {
    QString phone;
    QString name;
};
PUENTE_CODEC(NotificationRecipient, field("phone", &NotificationRecipient::phone, Required, 40),
             field("name", &NotificationRecipient::name, OmitIfEmpty, 200))

// POST /api/notifications (with an Idempotency-Key header). `send_at`: an
// ISO 8601 time with its offset ("2026-12-10T09:00:00+01:00") or Unix ms.
struct SendNotification {
    QString event;
    NotificationRecipient to;
    QJsonObject data;
    QJsonValue sendAt = QJsonValue(QJsonValue::Undefined);
    QString reference;
};
PUENTE_CODEC(SendNotification, field("event", &SendNotification::event, Required, 64), field("to", &SendNotification::to, Required),
             field("data", &SendNotification::data, OmitIfEmpty), field("send_at", &SendNotification::sendAt),
             field("reference", &SendNotification::reference, OmitIfEmpty, 200))

// Why a notification was skipped, failed or was cancelled, for programs
// (the sentence in `reason` is for people, in English): opted_out,
// contact_blocked, rule_disabled, rule_broken, missing_data,
// plan_limit_reached, whatsapp_not_configured, invalid_message,
// whatsapp_error (Meta's code in error_code), interrupted, cancelled. Other
// values may come: treat an unknown one like its status.
struct NotificationChange {
    NotificationStatus status = NotificationStatus::Accepted;
    QString reasonCode;
    QString reason;
    std::optional<qint64> errorCode;
    qint64 at = 0;
};
PUENTE_CODEC(NotificationChange, field("status", &NotificationChange::status),
             field("reason_code", &NotificationChange::reasonCode, OmitIfEmpty), field("reason", &NotificationChange::reason, OmitIfEmpty),
             field("error_code", &NotificationChange::errorCode, OmitIfEmpty), field("at", &NotificationChange::at))

// The contact's answer to a notification (a quick-reply button).
struct NotificationReply {
    qint64 messageId = 0;
    QString payload;
    QString text;
    qint64 at = 0;
};
PUENTE_CODEC(NotificationReply, field("message_id", &NotificationReply::messageId), field("payload", &NotificationReply::payload),
             field("text", &NotificationReply::text), field("at", &NotificationReply::at))

struct Notification {
    qint64 id = 0;
    QString event;
    QString reference;
    QString phone; // E.164
    QString name;
    NotificationStatus status = NotificationStatus::Accepted;
    QString reasonCode; // skipped, failed, cancelled: why (see NotificationChange)
    QString reason;
    std::optional<qint64> errorCode;
    std::optional<qint64> ruleId;
    std::optional<qint64> conversationId;
    std::optional<qint64> messageId;
    std::optional<qint64> sendAt; // asked for
    qint64 dueAt = 0;             // when it goes out (after quiet hours)
    QJsonObject data;
    std::optional<NotificationReply> reply;
    QList<NotificationChange> history; // GET /api/notifications/{id} only
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
};
PUENTE_CODEC(Notification, field("id", &Notification::id), field("event", &Notification::event),
             field("reference", &Notification::reference, OmitIfEmpty), field("phone", &Notification::phone), field("name", &Notification::name, OmitIfEmpty),
             field("status", &Notification::status), field("reason_code", &Notification::reasonCode, OmitIfEmpty),
             field("reason", &Notification::reason, OmitIfEmpty),
             field("error_code", &Notification::errorCode, OmitIfEmpty), field("rule_id", &Notification::ruleId),
             field("conversation_id", &Notification::conversationId), field("message_id", &Notification::messageId),
             field("send_at", &Notification::sendAt, OmitIfEmpty), field("due_at", &Notification::dueAt), field("data", &Notification::data),
             field("reply", &Notification::reply, OmitIfEmpty), field("history", &Notification::history, OmitIfEmpty),
             field("created_at", &Notification::createdAt), field("updated_at", &Notification::updatedAt))

struct NotificationPage {
    QList<Notification> items;
    std::optional<QString> nextCursor;
};
PUENTE_CODEC(NotificationPage, field("items", &NotificationPage::items), field("next_cursor", &NotificationPage::nextCursor))

// What a tenant's notifications go by. Quiet hours are "HH:MM" in its time
// zone; opt-out keywords match a whole message, ignoring case and accents.
struct TenantSettings {
    QString defaultRegion; // ES, MX, CO...: numbers written without +country
    QString timeZone;      // IANA: Europe/Madrid
    QString language;      // es or en: dates in notifications
    bool quietHoursEnabled = true;
    QString quietStart;
    QString quietEnd;
    QStringList optOutKeywords;
    QString optOutReply;
    QString callbackUrl;
    bool callbackSecretSet = false;
    QString callbackSecret; // only in the answer that created or rotated it
};
PUENTE_CODEC(TenantSettings, field("default_region", &TenantSettings::defaultRegion), field("time_zone", &TenantSettings::timeZone),
             field("language", &TenantSettings::language), field("quiet_hours_enabled", &TenantSettings::quietHoursEnabled),
             field("quiet_start", &TenantSettings::quietStart), field("quiet_end", &TenantSettings::quietEnd),
             field("opt_out_keywords", &TenantSettings::optOutKeywords), field("opt_out_reply", &TenantSettings::optOutReply),
             field("callback_url", &TenantSettings::callbackUrl), field("callback_secret_set", &TenantSettings::callbackSecretSet),
             field("callback_secret", &TenantSettings::callbackSecret, OmitIfEmpty))

struct UpdateTenantSettings {
    std::optional<QString> defaultRegion;
    std::optional<QString> timeZone;
    std::optional<QString> language;
    std::optional<bool> quietHoursEnabled;
    std::optional<QString> quietStart;
    std::optional<QString> quietEnd;
    std::optional<QStringList> optOutKeywords;
    std::optional<QString> optOutReply;
    std::optional<QString> callbackUrl; // "" removes it
    bool rotateCallbackSecret = false;
};
PUENTE_CODEC(UpdateTenantSettings, field("default_region", &UpdateTenantSettings::defaultRegion, OmitIfEmpty, 2),
             field("time_zone", &UpdateTenantSettings::timeZone, OmitIfEmpty, 64), field("language", &UpdateTenantSettings::language, OmitIfEmpty, 5),
             field("quiet_hours_enabled", &UpdateTenantSettings::quietHoursEnabled, OmitIfEmpty),
             field("quiet_start", &UpdateTenantSettings::quietStart, OmitIfEmpty, 5), field("quiet_end", &UpdateTenantSettings::quietEnd, OmitIfEmpty, 5),
             field("opt_out_keywords", &UpdateTenantSettings::optOutKeywords, OmitIfEmpty),
             field("opt_out_reply", &UpdateTenantSettings::optOutReply, OmitIfEmpty | Multiline, 1024),
             field("callback_url", &UpdateTenantSettings::callbackUrl, OmitIfEmpty, 2000),
             field("rotate_callback_secret", &UpdateTenantSettings::rotateCallbackSecret))

// One POST to the CRM's callback URL and how it went.
struct CallbackDelivery {
    qint64 id = 0;
    std::optional<qint64> notificationId;
    QString kind;  // notification.status, notification.reply, test
    QString state; // pending, delivered, failed (gave up after 24 h)
    qint64 attempts = 0;
    std::optional<qint64> lastStatus; // the CRM's HTTP status
    QString lastAnswer;               // the start of its answer, or the network error
    QJsonObject payload;
    qint64 createdAt = 0;
    std::optional<qint64> nextAttemptAt;
    std::optional<qint64> deliveredAt;
};
PUENTE_CODEC(CallbackDelivery, field("id", &CallbackDelivery::id), field("notification_id", &CallbackDelivery::notificationId),
             field("kind", &CallbackDelivery::kind), field("state", &CallbackDelivery::state), field("attempts", &CallbackDelivery::attempts),
             field("last_status", &CallbackDelivery::lastStatus), field("last_answer", &CallbackDelivery::lastAnswer),
             field("payload", &CallbackDelivery::payload), field("created_at", &CallbackDelivery::createdAt),
             field("next_attempt_at", &CallbackDelivery::nextAttemptAt), field("delivered_at", &CallbackDelivery::deliveredAt))

struct CallbackDeliveryList {
    QList<CallbackDelivery> items;
};
PUENTE_CODEC(CallbackDeliveryList, field("items", &CallbackDeliveryList::items))

// --- campaigns (mass sends to a list of candidates) ------------------------------

// A campaign's template parameters come from the audience's columns:
// ParameterSource with `source` "column" (the value of a column, named as
// the audience report gives it: lower case, "first_name"), "text", or
// "date"/"time"/"datetime" (a column formatted in the tenant's zone).
struct CampaignCount {
    QString code; // Meta's error code ("131026") or a skip's reason code
    QString reason;
    qint64 count = 0;
};
PUENTE_CODEC(CampaignCount, field("code", &CampaignCount::code), field("reason", &CampaignCount::reason, OmitIfEmpty),
             field("count", &CampaignCount::count))

// The funnel: every recipient is in exactly one of pending, queued, sent,
// delivered, read, failed, skipped, cancelled; replied counts those who
// wrote back within 72 hours of the send (they are also in their status).
struct CampaignFunnel {
    qint64 audience = 0;
    qint64 pending = 0;
    qint64 queued = 0;
    qint64 sent = 0;
    qint64 delivered = 0;
    qint64 read = 0;
    qint64 replied = 0;
    qint64 failed = 0;
    qint64 skipped = 0;
    qint64 cancelled = 0;
    QList<CampaignCount> failures; // by Meta's code, most first
    QList<CampaignCount> skips;    // by reason code, most first
};
PUENTE_CODEC(CampaignFunnel, field("audience", &CampaignFunnel::audience), field("pending", &CampaignFunnel::pending),
             field("queued", &CampaignFunnel::queued), field("sent", &CampaignFunnel::sent), field("delivered", &CampaignFunnel::delivered),
             field("read", &CampaignFunnel::read), field("replied", &CampaignFunnel::replied), field("failed", &CampaignFunnel::failed),
             field("skipped", &CampaignFunnel::skipped), field("cancelled", &CampaignFunnel::cancelled),
             field("failures", &CampaignFunnel::failures), field("skips", &CampaignFunnel::skips))

struct Campaign {
    qint64 id = 0;
    QString name;
    QString templateName; // "template"
    QString language;
    QList<ParameterSource> header;
    QList<ParameterSource> body;
    QList<ButtonParameter> buttons;
    CampaignState state = CampaignState::Draft;
    std::optional<qint64> startAt;    // asked for (scheduled)
    bool pauseOnYellow = false;       // pause when the number's quality turns YELLOW, not only RED
    QStringList columns;              // the audience's, once imported
    QString pauseCode;                // paused: why (paused_by_user, quality_low, spam_rate_limit, ...)
    QString pauseReason;
    QString waitingCode;              // running but waiting: messaging_limit
    QString waitingReason;
    std::optional<qint64> waitingUntil;
    std::optional<qint64> expectedEndAt; // running: at the current pace
    CampaignFunnel funnel;
    std::optional<qint64> startedAt;
    std::optional<qint64> finishedAt;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
};
PUENTE_CODEC(Campaign, field("id", &Campaign::id), field("name", &Campaign::name), field("template", &Campaign::templateName),
             field("language", &Campaign::language), field("header", &Campaign::header), field("body", &Campaign::body),
             field("buttons", &Campaign::buttons), field("state", &Campaign::state), field("start_at", &Campaign::startAt),
             field("pause_on_yellow", &Campaign::pauseOnYellow), field("columns", &Campaign::columns),
             field("pause_code", &Campaign::pauseCode, OmitIfEmpty), field("pause_reason", &Campaign::pauseReason, OmitIfEmpty),
             field("waiting_code", &Campaign::waitingCode, OmitIfEmpty), field("waiting_reason", &Campaign::waitingReason, OmitIfEmpty),
             field("waiting_until", &Campaign::waitingUntil, OmitIfEmpty), field("expected_end_at", &Campaign::expectedEndAt, OmitIfEmpty),
             field("funnel", &Campaign::funnel), field("started_at", &Campaign::startedAt), field("finished_at", &Campaign::finishedAt),
             field("created_at", &Campaign::createdAt), field("updated_at", &Campaign::updatedAt))

struct CampaignList {
    QList<Campaign> items;
};
PUENTE_CODEC(CampaignList, field("items", &CampaignList::items))

struct CreateCampaign {
    QString name;
    QString templateName;
    QString language;
    QList<ParameterSource> header;
    QList<ParameterSource> body;
    QList<ButtonParameter> buttons;
    std::optional<qint64> startAt;
    std::optional<bool> pauseOnYellow;
};
PUENTE_CODEC(CreateCampaign, field("name", &CreateCampaign::name, Required, 200), field("template", &CreateCampaign::templateName, Required, 512),
             field("language", &CreateCampaign::language, Required, 15), field("header", &CreateCampaign::header, OmitIfEmpty),
             field("body", &CreateCampaign::body, OmitIfEmpty), field("buttons", &CreateCampaign::buttons, OmitIfEmpty),
             field("start_at", &CreateCampaign::startAt, OmitIfEmpty), field("pause_on_yellow", &CreateCampaign::pauseOnYellow, OmitIfEmpty))

// Drafts only; what is left out stays.
struct UpdateCampaign {
    std::optional<QString> name;
    std::optional<QString> templateName;
    std::optional<QString> language;
    std::optional<QList<ParameterSource>> header;
    std::optional<QList<ParameterSource>> body;
    std::optional<QList<ButtonParameter>> buttons;
    std::optional<qint64> startAt; // 0 clears it
    std::optional<bool> pauseOnYellow;
};
PUENTE_CODEC(UpdateCampaign, field("name", &UpdateCampaign::name, OmitIfEmpty, 200), field("template", &UpdateCampaign::templateName, OmitIfEmpty, 512),
             field("language", &UpdateCampaign::language, OmitIfEmpty, 15), field("header", &UpdateCampaign::header, OmitIfEmpty),
             field("body", &UpdateCampaign::body, OmitIfEmpty), field("buttons", &UpdateCampaign::buttons, OmitIfEmpty),
             field("start_at", &UpdateCampaign::startAt, OmitIfEmpty), field("pause_on_yellow", &UpdateCampaign::pauseOnYellow, OmitIfEmpty))

// A row of the audience file that was not taken: `code` invalid_phone_number,
// missing_value, value_too_long, invalid_value, duplicate, opted_out,
// contact_blocked.
struct AudienceIssue {
    qint64 line = 0;
    QString column;
    QString code;
    QString reason;
    QString value;
};
PUENTE_CODEC(AudienceIssue, field("line", &AudienceIssue::line), field("column", &AudienceIssue::column, OmitIfEmpty),
             field("code", &AudienceIssue::code), field("reason", &AudienceIssue::reason), field("value", &AudienceIssue::value, OmitIfEmpty))

// The answer to an audience upload (and its CSV download has every issue).
struct AudienceReport {
    qint64 rows = 0;
    qint64 accepted = 0;
    qint64 duplicates = 0;
    qint64 invalid = 0;
    qint64 optedOut = 0;
    qint64 blocked = 0;
    QStringList columns;
    QList<AudienceIssue> issues; // the first 200; all of them in the CSV
};
PUENTE_CODEC(AudienceReport, field("rows", &AudienceReport::rows), field("accepted", &AudienceReport::accepted),
             field("duplicates", &AudienceReport::duplicates), field("invalid", &AudienceReport::invalid),
             field("opted_out", &AudienceReport::optedOut), field("blocked", &AudienceReport::blocked), field("columns", &AudienceReport::columns),
             field("issues", &AudienceReport::issues))

struct CampaignRecipient {
    qint64 id = 0;
    qint64 line = 0;
    QString phone; // E.164
    QString name;
    QString status; // pending, queued, sent, delivered, read, failed, skipped, cancelled
    QString reasonCode;
    QString reason;
    std::optional<qint64> errorCode;
    std::optional<qint64> conversationId;
    std::optional<qint64> messageId;
    std::optional<qint64> queuedAt;
    std::optional<qint64> repliedAt;
    QJsonObject data;
};
PUENTE_CODEC(CampaignRecipient, field("id", &CampaignRecipient::id), field("line", &CampaignRecipient::line), field("phone", &CampaignRecipient::phone),
             field("name", &CampaignRecipient::name, OmitIfEmpty), field("status", &CampaignRecipient::status),
             field("reason_code", &CampaignRecipient::reasonCode, OmitIfEmpty), field("reason", &CampaignRecipient::reason, OmitIfEmpty),
             field("error_code", &CampaignRecipient::errorCode, OmitIfEmpty), field("conversation_id", &CampaignRecipient::conversationId),
             field("message_id", &CampaignRecipient::messageId), field("queued_at", &CampaignRecipient::queuedAt),
             field("replied_at", &CampaignRecipient::repliedAt, OmitIfEmpty), field("data", &CampaignRecipient::data))

struct CampaignRecipientPage {
    QList<CampaignRecipient> items;
    std::optional<QString> nextCursor;
};
PUENTE_CODEC(CampaignRecipientPage, field("items", &CampaignRecipientPage::items), field("next_cursor", &CampaignRecipientPage::nextCursor))

// --- the event stream ---------------------------------------------------------

// tenant.suspended and tenant.resumed.
struct TenantNotice {
    QString name;
    QString reason;
};
PUENTE_CODEC(TenantNotice, field("name", &TenantNotice::name), field("reason", &TenantNotice::reason))

// whatsapp.token: the access token expires soon (days_left: 14, 7 or 1),
// has expired, was renewed, could not be renewed, or Meta refuses it.
struct TokenNotice {
    TokenNoticeKind kind = TokenNoticeKind::Expiring;
    std::optional<qint64> daysLeft;
    std::optional<qint64> expiresAt; // Unix ms
    std::optional<QString> reason;
};
PUENTE_CODEC(TokenNotice, field("kind", &TokenNotice::kind), field("days_left", &TokenNotice::daysLeft),
             field("expires_at", &TokenNotice::expiresAt), field("reason", &TokenNotice::reason))

// account.event: Meta changed something about the WhatsApp account
// (quality, limits, review); `value` is Meta's.
struct AccountChange {
    QString field;
    QJsonObject value;
};
PUENTE_CODEC(AccountChange, field("field", &AccountChange::field), field("value", &AccountChange::value))

// One frame of GET /api/ws: {"seq","type","data"}; data is a Message
// (message.created / .updated), a Conversation (conversation.updated), a
// TenantNotice (tenant.suspended / .resumed) or an AccountChange
// (account.event).
struct Event {
    qint64 seq = 0;
    QString type;
    QJsonObject data;
};
PUENTE_CODEC(Event, field("seq", &Event::seq), field("type", &Event::type), field("data", &Event::data))

#undef PUENTE_CODEC

} // namespace puente::protocol
