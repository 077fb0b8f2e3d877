#pragma once

#include "common/result.h"
#include "domain/ids.h"
#include "events/eventlog.h"
#include "protocol/types.h"
#include "storage/auditlog.h"


#include <optional>

namespace puente {

class Database;

struct ConversationFilter {
    QString status;             // active | archived | blocked | empty: any
    QString query;              // names, phones and message text
    enum class Assigned { Any, Me, Unassigned, User } assigned = Assigned::Any;
    UserId assignedUser;        // with Assigned::User; the viewer with Assigned::Me
    int limit = 50;
    QString cursor;             // from the previous page's next_cursor
};


struct ConversationChanges {
    std::optional<QString> status;
    std::optional<std::optional<UserId>> assignee; // set to nullopt inside: unassign
    std::optional<bool> optedOut;                  // false: the contact wants notifications again
};

// What an agent (or the CRM) asks to send is protocol::SendMessage: `type`
// text, template, image, document, audio, video, sticker, reaction, location,
// contacts or interactive.
using OutboundRequest = protocol::SendMessage;

// A tenant's conversations and messages as agents and the CRM see them.
// Every method is tenant-scoped: another tenant's id is not_found.
class ConversationService {
public:
    ConversationService(Database &db, EventBus *bus) : m_db(db), m_bus(bus) {}

    Result<protocol::ConversationPage> list(TenantId tenant, const ConversationFilter &filter);
    Result<std::optional<protocol::Conversation>> find(TenantId tenant, qint64 id);
    // Unread messages over the tenant's conversations that are not blocked
    // (what the console shows in its title and tray).
    Result<qint64> unreadTotal(TenantId tenant);
    // Newest first; `beforeId` (a message id) continues from an older page.
    Result<protocol::MessagePage> messages(TenantId tenant, qint64 conversationId, qint64 beforeId, int limit);

    // Finds or creates the conversation with this E.164 number. `created`
    // says which.
    struct Started {
        protocol::Conversation conversation;
        bool created = false;
    };
    Result<Started> start(TenantId tenant, const QString &e164, const QString &name, const Actor &actor, bool retried = false);
    // Errors: not_found, invalid_status, invalid_assignee.
    Result<protocol::Conversation> update(TenantId tenant, qint64 id, const ConversationChanges &changes, const Actor &actor);
    Result<protocol::Conversation> markRead(TenantId tenant, qint64 id);

    // Stores the message as `queued` with its outbox row, in one transaction.
    // Errors: not_found, invalid_message (with the field), window_closed (a
    // free-form message more than 24 h after the contact last wrote),
    // contact_blocked, whatsapp_not_configured.
    struct Queued {
        protocol::Message message;
    };
    Result<Queued> enqueue(TenantId tenant, qint64 conversationId, const OutboundRequest &request, UserId sender,
                           QString *errorField = nullptr);

    // The same two inside a caller's transaction (notifications): events go
    // to `events`, which the caller writes and publishes after its commit.
    // `startIn` finds the conversation with this E.164 number or creates it
    // (`created` says which); no audit entry.
    Result<Started> startIn(QSqlDatabase tx, EventBatch &events, TenantId tenant, const QString &e164, const QString &name);
    // A message sent for a CRM notification is marked with it. What the
    // caller read in the same transaction is not read again: the contact's
    // conversation, and the text the contact reads when the caller checked
    // the template against its stored form (the rule's rendering did).
    struct Automatic {
        qint64 notificationId = 0;
        QString event;
        const protocol::Conversation *conversation = nullptr;
        QString received;
        qint64 campaignId = 0; // a campaign's message instead
    };
    Result<protocol::Message> enqueueIn(QSqlDatabase tx, EventBatch &events, TenantId tenant, qint64 conversationId,
                                        const OutboundRequest &request, UserId sender, QString *errorField, const Automatic *automatic);

    // A failed (or interrupted) outbound message goes back to the outbox.
    // Errors: not_found, not_retryable (it is not failed), window_closed.
    Result<protocol::Message> retry(TenantId tenant, qint64 messageId, const Actor &actor);
    // The agent has seen an interrupted or failed message and leaves it.
    Result<protocol::Message> dismiss(TenantId tenant, qint64 messageId, const Actor &actor);

    struct MediaFile {
        QString path;
        QString mimeType;
        QString filename;
    };
    // The stored file of a message's media. not_found for a message without
    // media (or another tenant's); media_not_available when it is not
    // downloaded (yet).
    Result<MediaFile> media(TenantId tenant, qint64 messageId, const QString &mediaRoot);
    // A file an agent uploaded to Meta (POST /api/whatsapp/media), kept under
    // its sha256: a message sent with its media id shows the stored copy.
    Status recordUpload(TenantId tenant, const QString &mediaId, const QString &sha256, const QString &mimeType, qint64 size,
                        const QString &filename);

    Status publish(QList<Event> events);

private:
    // What a request becomes before any storage: Meta's request, the text
    // and preview. Error invalid_message.
    struct Prepared {
        QJsonObject request;
        QString content, preview, templateName;
    };
    static Result<Prepared> prepare(const OutboundRequest &r, QString *errorField);

    Database &m_db;
    EventBus *m_bus;
};

} // namespace puente
