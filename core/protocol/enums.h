#pragma once

#include "protocol/codec.h"

// The closed sets of words the API uses, as enums with their wire names.
namespace puente::protocol {

enum class Role { PlatformAdmin, TenantAdmin, Agent };
template<>
struct EnumNames<Role> {
    static constexpr const char *names[] = {"platform_admin", "tenant_admin", "agent"};
};

enum class Plan { Basic, Pro, Enterprise };
template<>
struct EnumNames<Plan> {
    static constexpr const char *names[] = {"basic", "pro", "enterprise"};
};

enum class TenantStatus { Active, Suspended };
template<>
struct EnumNames<TenantStatus> {
    static constexpr const char *names[] = {"active", "suspended"};
};

// whatsapp_web joins when the WhatsApp Web gateway does.
enum class ApiType { BusinessApi };
template<>
struct EnumNames<ApiType> {
    static constexpr const char *names[] = {"business_api"};
};

enum class ApiScope { ConversationsRead, ConversationsWrite, MessagesSend, Notifications, Campaigns };
template<>
struct EnumNames<ApiScope> {
    static constexpr const char *names[] = {"conversations:read", "conversations:write", "messages:send", "notifications", "campaigns"};
};

enum class ConnectionStatus { NotConfigured, Unknown, Connected, Failing };
template<>
struct EnumNames<ConnectionStatus> {
    static constexpr const char *names[] = {"not_configured", "unknown", "connected", "failing"};
};

// whatsapp.token events: what happened to the tenant's access token.
enum class TokenNoticeKind { Expiring, Expired, Renewed, RenewalFailed, Refused };
template<>
struct EnumNames<TokenNoticeKind> {
    static constexpr const char *names[] = {"expiring", "expired", "renewed", "renewal_failed", "refused"};
};

enum class ConversationStatus { Active, Archived, Blocked };
template<>
struct EnumNames<ConversationStatus> {
    static constexpr const char *names[] = {"active", "archived", "blocked"};
};

enum class Direction { Inbound, Outbound };
template<>
struct EnumNames<Direction> {
    static constexpr const char *names[] = {"inbound", "outbound"};
};

// Outbound messages move forward queued → sent → delivered → read (→ played
// for voice notes); failed is outside the order; inbound ones are received.
enum class MessageStatus { Queued, Sent, Delivered, Read, Played, Failed, Received };
template<>
struct EnumNames<MessageStatus> {
    static constexpr const char *names[] = {"queued", "sent", "delivered", "read", "played", "failed", "received"};
};

// A notification's life (docs/decisions.md, "Notifications"): accepted →
// scheduled → queued → sent → delivered → read, or failed, skipped
// (opted out, blocked, broken rule, plan limit) or cancelled.
enum class NotificationStatus { Accepted, Scheduled, Queued, Sent, Delivered, Read, Failed, Skipped, Cancelled };
template<>
struct EnumNames<NotificationStatus> {
    static constexpr const char *names[] = {"accepted", "scheduled", "queued", "sent", "delivered", "read", "failed", "skipped", "cancelled"};
};

// A campaign's life (docs/decisions.md, "Campaigns"): draft → scheduled →
// running ⇄ paused → finished, or cancelled from any but finished.
enum class CampaignState { Draft, Scheduled, Running, Paused, Finished, Cancelled };
template<>
struct EnumNames<CampaignState> {
    static constexpr const char *names[] = {"draft", "scheduled", "running", "paused", "finished", "cancelled"};
};

enum class DeadLetterKind { Unroutable, ForeignSignature, UnknownStatus, Unparseable, FailedRepeatedly, Other };
template<>
struct EnumNames<DeadLetterKind> {
    static constexpr const char *names[] = {"unroutable", "foreign_signature", "unknown_status", "unparseable", "failed_repeatedly", "other"};
};

} // namespace puente::protocol
