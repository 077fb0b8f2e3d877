#pragma once

// The REST API's routes, once: method, path, query, request body, answer
// and its status. The server registers its handlers by these (Router::add<R>),
// the console calls them by these (ApiClient::call<R>), and the contract
// test checks each against docs/openapi.yaml. A route's path parameters are
// the "{id}" segments, filled in order.
#include "protocol/types.h"

#include <QUrlQuery>

namespace puente::protocol {

enum class Verb { Get, Post, Patch, Delete };
template<>
struct EnumNames<Verb> {
    static constexpr const char *names[] = {"GET", "POST", "PATCH", "DELETE"};
};

// No body (requests) or no JSON answer (204, files).
struct None {};
template<>
struct Codec<None> {
    static auto fields() { return std::tuple<>(); }
};

// --- query strings ------------------------------------------------------------

struct ConversationQuery {
    QString status; // active, archived, blocked; empty: active and archived
    QString q;
    QString assigned; // "me", "none" or a user id
    qint64 limit = 0;
    QString cursor;
};
template<>
struct Codec<ConversationQuery> {
    static auto fields()
    {
        return std::make_tuple(field("status", &ConversationQuery::status), field("q", &ConversationQuery::q),
                               field("assigned", &ConversationQuery::assigned), field("limit", &ConversationQuery::limit),
                               field("cursor", &ConversationQuery::cursor));
    }
};

struct MessageQuery {
    QString before; // a cursor
    qint64 limit = 0;
};
template<>
struct Codec<MessageQuery> {
    static auto fields() { return std::make_tuple(field("before", &MessageQuery::before), field("limit", &MessageQuery::limit)); }
};

// The import's options ride in the query; the body is the .txt or .zip.
struct ChatImportQuery {
    QString fileName;    // as the user's computer named it (the contact may be in it)
    QString contact;     // the contact's number, when neither the name nor the chat gives it
    QString companyName; // the author who is the company
    QString timeZone;    // IANA; empty: the company's
};
template<>
struct Codec<ChatImportQuery> {
    static auto fields()
    {
        return std::make_tuple(field("file_name", &ChatImportQuery::fileName), field("contact", &ChatImportQuery::contact),
                               field("company_name", &ChatImportQuery::companyName), field("time_zone", &ChatImportQuery::timeZone));
    }
};

struct AuditQuery {
    QString actor;
    QString action;
    QString from; // ISO date or Unix ms
    QString to;
    QString before;
    qint64 limit = 0;
};
template<>
struct Codec<AuditQuery> {
    static auto fields()
    {
        return std::make_tuple(field("actor", &AuditQuery::actor), field("action", &AuditQuery::action), field("from", &AuditQuery::from),
                               field("to", &AuditQuery::to), field("before", &AuditQuery::before), field("limit", &AuditQuery::limit));
    }
};

struct DeadLetterQuery {
    QString before;
    qint64 limit = 0;
    bool unroutable = false;
};
template<>
struct Codec<DeadLetterQuery> {
    static auto fields()
    {
        return std::make_tuple(field("before", &DeadLetterQuery::before), field("limit", &DeadLetterQuery::limit),
                               field("unroutable", &DeadLetterQuery::unroutable));
    }
};

struct NotificationQuery {
    QString event;
    QString status;
    QString phone;
    QString reference;
    QString from; // ISO date or Unix ms
    QString to;
    QString cursor;
    qint64 limit = 0;
};
template<>
struct Codec<NotificationQuery> {
    static auto fields()
    {
        return std::make_tuple(field("event", &NotificationQuery::event), field("status", &NotificationQuery::status),
                               field("phone", &NotificationQuery::phone), field("reference", &NotificationQuery::reference),
                               field("from", &NotificationQuery::from), field("to", &NotificationQuery::to), field("cursor", &NotificationQuery::cursor),
                               field("limit", &NotificationQuery::limit));
    }
};

struct RecipientQuery {
    QString status;
    QString cursor;
    qint64 limit = 0;
};
template<>
struct Codec<RecipientQuery> {
    static auto fields()
    {
        return std::make_tuple(field("status", &RecipientQuery::status), field("cursor", &RecipientQuery::cursor), field("limit", &RecipientQuery::limit));
    }
};

struct UploadQuery {
    QString filename;
};
template<>
struct Codec<UploadQuery> {
    static auto fields() { return std::make_tuple(field("filename", &UploadQuery::filename)); }
};

// A query struct as a query string; empty and zero values are left out.
template<typename Q>
QUrlQuery toQuery(const Q &q)
{
    QUrlQuery out;
    std::apply(
        [&](const auto &...f) {
            (([&] {
                 const auto &v = q.*(f.member);
                 if (isEmptyValue(v) || (std::is_same_v<std::decay_t<decltype(v)>, bool> && !encodeValue(v).toBool()))
                     return;
                 const QJsonValue j = encodeValue(v);
                 out.addQueryItem(QLatin1String(f.name), j.isString() ? j.toString() : j.isBool() ? QStringLiteral("true") : QString::number(j.toInteger()));
             }()),
             ...);
        },
        Codec<Q>::fields());
    return out;
}

// --- the routes -------------------------------------------------------------------

#define PUENTE_ROUTE(Name, V, Path, Q, Req, Resp, Status)                                                                                   \
    struct Name {                                                                                                                            \
        static constexpr Verb verb = Verb::V;                                                                                                \
        static constexpr const char *path = Path;                                                                                            \
        using Query = Q;                                                                                                                     \
        using Request = Req;                                                                                                                 \
        using Response = Resp;                                                                                                               \
        static constexpr int status = Status;                                                                                                \
        static constexpr const char *name = #Name;                                                                                           \
    };

namespace route {
// accounts
PUENTE_ROUTE(Login, Post, "/api/auth/login", None, LoginRequest, LoginResult, 200)
PUENTE_ROUTE(Logout, Post, "/api/auth/logout", None, None, None, 204)
PUENTE_ROUTE(GetMe, Get, "/api/me", None, None, MeResult, 200)
PUENTE_ROUTE(ListApiKeys, Get, "/api/api-keys", None, None, ApiKeyList, 200)
PUENTE_ROUTE(CreateApiKey, Post, "/api/api-keys", None, protocol::CreateApiKey, CreatedApiKey, 201)
PUENTE_ROUTE(RevokeApiKey, Delete, "/api/api-keys/{id}", None, None, None, 204)
PUENTE_ROUTE(ListUsers, Get, "/api/users", None, None, UserList, 200)
PUENTE_ROUTE(CreateUser, Post, "/api/users", None, protocol::CreateUser, User, 201)
PUENTE_ROUTE(UpdateUser, Patch, "/api/users/{id}", None, protocol::UpdateUser, User, 200)
PUENTE_ROUTE(DeactivateUser, Delete, "/api/users/{id}", None, None, User, 200)
// WhatsApp configuration and templates
PUENTE_ROUTE(GetWhatsAppConfig, Get, "/api/whatsapp/config", None, None, WhatsAppConfig, 200)
PUENTE_ROUTE(SaveWhatsAppConfig, Post, "/api/whatsapp/config", None, WhatsAppConfigInput, WhatsAppConfig, 200) // 201 when first saved
PUENTE_ROUTE(TestConnection, Post, "/api/whatsapp/test-connection", None, protocol::TestConnection, ConnectionTest, 200)
PUENTE_ROUTE(ListTemplates, Get, "/api/whatsapp/templates", None, None, TemplateList, 200)
PUENTE_ROUTE(SyncTemplates, Post, "/api/whatsapp/templates/sync", None, None, TemplateSync, 200)
// conversations and messages
PUENTE_ROUTE(ListConversations, Get, "/api/whatsapp/conversations", ConversationQuery, None, ConversationPage, 200)
PUENTE_ROUTE(StartConversation, Post, "/api/whatsapp/conversations", None, protocol::StartConversation, Conversation, 201) // 200 when it existed
PUENTE_ROUTE(GetConversation, Get, "/api/whatsapp/conversations/{id}", None, None, Conversation, 200)
PUENTE_ROUTE(UpdateConversation, Patch, "/api/whatsapp/conversations/{id}", None, protocol::UpdateConversation, Conversation, 200)
PUENTE_ROUTE(MarkRead, Post, "/api/whatsapp/conversations/{id}/read", None, None, Conversation, 200)
PUENTE_ROUTE(ListMessages, Get, "/api/whatsapp/conversations/{id}/messages", MessageQuery, None, MessagePage, 200)
PUENTE_ROUTE(SendMessage, Post, "/api/whatsapp/conversations/{id}/messages", None, protocol::SendMessage, Message, 202)
PUENTE_ROUTE(RetryMessage, Post, "/api/whatsapp/messages/{id}/retry", None, None, Message, 202)
PUENTE_ROUTE(DismissMessage, Post, "/api/whatsapp/messages/{id}/dismiss", None, None, Message, 200)
PUENTE_ROUTE(UploadMedia, Post, "/api/whatsapp/media", UploadQuery, None, UploadedMedia, 201) // the body is the file
PUENTE_ROUTE(DownloadMedia, Get, "/api/whatsapp/media/{id}", None, None, None, 200)           // the answer is the file
// administration
PUENTE_ROUTE(ListTenants, Get, "/api/admin/tenants", None, None, TenantSummaryList, 200)
PUENTE_ROUTE(CreateTenant, Post, "/api/admin/tenants", None, protocol::CreateTenant, CreatedTenant, 201)
PUENTE_ROUTE(UpdateTenant, Patch, "/api/admin/tenants/{id}", None, protocol::UpdateTenant, Tenant, 200)
PUENTE_ROUTE(ListPlans, Get, "/api/admin/plans", None, None, PlanList, 200)
PUENTE_ROUTE(GetUsage, Get, "/api/usage", None, None, Usage, 200)
PUENTE_ROUTE(GetHealth, Get, "/api/whatsapp/health", None, None, Health, 200)
PUENTE_ROUTE(CreateChatImport, Post, "/api/whatsapp/imports", ChatImportQuery, None, ChatImport, 202) // the body is the .txt or .zip
PUENTE_ROUTE(ListChatImports, Get, "/api/whatsapp/imports", None, None, ChatImportList, 200)
PUENTE_ROUTE(GetChatImport, Get, "/api/whatsapp/imports/{id}", None, None, ChatImport, 200)
PUENTE_ROUTE(ListAuditLog, Get, "/api/audit-log", AuditQuery, None, AuditPage, 200)
PUENTE_ROUTE(ListDeadLetters, Get, "/api/dead-letters", DeadLetterQuery, None, DeadLetterPage, 200)
PUENTE_ROUTE(ReplayDeadLetter, Post, "/api/dead-letters/{id}/replay", None, None, Replayed, 202)
// the CRM's notifications
PUENTE_ROUTE(GetTenantSettings, Get, "/api/tenant-settings", None, None, TenantSettings, 200)
PUENTE_ROUTE(UpdateTenantSettings, Patch, "/api/tenant-settings", None, protocol::UpdateTenantSettings, TenantSettings, 200)
PUENTE_ROUTE(TestCallback, Post, "/api/tenant-settings/test-callback", None, None, CallbackDelivery, 200)
PUENTE_ROUTE(ListCallbackDeliveries, Get, "/api/callback-deliveries", None, None, CallbackDeliveryList, 200)
PUENTE_ROUTE(ListNotificationRules, Get, "/api/notification-rules", None, None, NotificationRuleList, 200)
PUENTE_ROUTE(CreateNotificationRule, Post, "/api/notification-rules", None, protocol::CreateNotificationRule, NotificationRule, 201)
PUENTE_ROUTE(UpdateNotificationRule, Patch, "/api/notification-rules/{id}", None, protocol::UpdateNotificationRule, NotificationRule, 200)
PUENTE_ROUTE(DeleteNotificationRule, Delete, "/api/notification-rules/{id}", None, None, None, 204)
PUENTE_ROUTE(PreviewNotificationRule, Post, "/api/notification-rules/preview", None, protocol::PreviewNotificationRule, RulePreview, 200)
PUENTE_ROUTE(SendNotification, Post, "/api/notifications", None, protocol::SendNotification, Notification, 202)
PUENTE_ROUTE(ListNotifications, Get, "/api/notifications", NotificationQuery, None, NotificationPage, 200)
PUENTE_ROUTE(GetNotification, Get, "/api/notifications/{id}", None, None, Notification, 200)
PUENTE_ROUTE(CancelNotification, Delete, "/api/notifications/{id}", None, None, Notification, 200)
// campaigns
PUENTE_ROUTE(ListCampaigns, Get, "/api/campaigns", None, None, CampaignList, 200)
PUENTE_ROUTE(CreateCampaign, Post, "/api/campaigns", None, protocol::CreateCampaign, Campaign, 201)
PUENTE_ROUTE(GetCampaign, Get, "/api/campaigns/{id}", None, None, Campaign, 200)
PUENTE_ROUTE(UpdateCampaign, Patch, "/api/campaigns/{id}", None, protocol::UpdateCampaign, Campaign, 200)
PUENTE_ROUTE(DeleteCampaign, Delete, "/api/campaigns/{id}", None, None, None, 204)
PUENTE_ROUTE(UploadAudience, Post, "/api/campaigns/{id}/audience", None, None, AudienceReport, 200) // the body is the CSV
PUENTE_ROUTE(GetAudienceReport, Get, "/api/campaigns/{id}/audience", None, None, AudienceReport, 200)
PUENTE_ROUTE(DownloadAudienceIssues, Get, "/api/campaigns/{id}/audience/issues.csv", None, None, None, 200) // the answer is CSV
PUENTE_ROUTE(StartCampaign, Post, "/api/campaigns/{id}/start", None, None, Campaign, 200)
PUENTE_ROUTE(PauseCampaign, Post, "/api/campaigns/{id}/pause", None, None, Campaign, 200)
PUENTE_ROUTE(ResumeCampaign, Post, "/api/campaigns/{id}/resume", None, None, Campaign, 200)
PUENTE_ROUTE(CancelCampaign, Post, "/api/campaigns/{id}/cancel", None, None, Campaign, 200)
PUENTE_ROUTE(ListRecipients, Get, "/api/campaigns/{id}/recipients", RecipientQuery, None, CampaignRecipientPage, 200)
PUENTE_ROUTE(DownloadResults, Get, "/api/campaigns/{id}/results.csv", None, None, None, 200) // the answer is CSV
} // namespace route

#undef PUENTE_ROUTE

// Every route, for whoever walks them all (the contract test).
using AllRoutes =
    std::tuple<route::Login, route::Logout, route::GetMe, route::ListApiKeys, route::CreateApiKey, route::RevokeApiKey, route::ListUsers,
               route::CreateUser, route::UpdateUser, route::DeactivateUser, route::GetWhatsAppConfig, route::SaveWhatsAppConfig,
               route::TestConnection, route::ListTemplates, route::SyncTemplates, route::ListConversations, route::StartConversation,
               route::GetConversation, route::UpdateConversation, route::MarkRead, route::ListMessages, route::SendMessage,
               route::RetryMessage, route::DismissMessage, route::UploadMedia, route::DownloadMedia, route::ListTenants, route::CreateTenant,
               route::UpdateTenant, route::ListPlans, route::GetUsage, route::GetHealth, route::ListAuditLog, route::ListDeadLetters,
               route::ReplayDeadLetter, route::GetTenantSettings, route::UpdateTenantSettings, route::TestCallback,
               route::ListCallbackDeliveries, route::ListNotificationRules, route::CreateNotificationRule, route::UpdateNotificationRule,
               route::DeleteNotificationRule, route::PreviewNotificationRule, route::SendNotification, route::ListNotifications,
               route::GetNotification, route::CancelNotification, route::ListCampaigns, route::CreateCampaign, route::GetCampaign,
               route::UpdateCampaign, route::DeleteCampaign, route::UploadAudience, route::GetAudienceReport, route::DownloadAudienceIssues,
               route::StartCampaign, route::PauseCampaign, route::ResumeCampaign, route::CancelCampaign, route::ListRecipients, route::CreateChatImport, route::ListChatImports, route::GetChatImport,
               route::DownloadResults>;

// A route's path with its "{id}" segments filled in order.
template<typename R>
QString routePath(std::initializer_list<qint64> ids = {})
{
    QString p = QString::fromLatin1(R::path);
    for (qint64 id : ids)
        p.replace(p.indexOf(QLatin1String("{id}")), 4, QString::number(id));
    return p;
}

} // namespace puente::protocol
