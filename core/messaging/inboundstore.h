#pragma once

#include "common/result.h"
#include "domain/ids.h"
#include "events/eventlog.h"
#include "meta/webhookparser.h"

#include <QList>
#include <QSqlDatabase>

namespace puente {

// Writes one tenant's inbound traffic inside the caller's transaction and
// collects the events it causes.
//  - a message is stored once per (tenant, wamid), however often it comes;
//  - statuses only move forward (sent < delivered < read < played; failed is
//    final and keeps Meta's error); a status for a message not stored yet
//    waits in pending_statuses until the message appears;
//  - the conversation is found by business-scoped user id or wa_id (never
//    the phone alone) and keeps last message/inbound time, unread count and
//    a preview;
//  - reactions, edits and revokes are stored and applied to their target.
class InboundStore {
public:
    // `pendingStatuses` (optional) tells whether pending_statuses may hold
    // rows: when false, storing a message skips looking for its early
    // statuses. The store sets it when it parks one.
    // The events go to `events`, written by the caller before its commit.
    InboundStore(QSqlDatabase tx, TenantId tenant, EventBatch &events, bool *pendingStatuses = nullptr)
        : m_tx(tx), m_tenant(tenant), m_events(events), m_pendingStatuses(pendingStatuses) {}

    Status storeMessage(const meta::WebhookChange &change, const meta::InboundMessage &message);
    Status applyStatus(const meta::StatusUpdate &status);
    // Statuses that arrived before message `providerMessageId` was stored.
    Status applyPendingStatuses(const QString &providerMessageId);
    // Non-message fields (template, quality, account updates, alerts, ...).
    Status storeAccountEvent(const meta::WebhookChange &change, qint64 inboxId);

    // The rank statuses move along; -1 for a status this build does not know.
    static int statusRank(const QString &status);

private:
    struct Conversation {
        qint64 id = 0;
        // For a conversation found: the contact as the webhook gives it,
        // stored by the touch (empty fields keep what is stored).
        struct {
            QString waId, userId, phone, name, searchText;
        } contact;
    };
    Result<Conversation> findOrCreateConversation(const meta::WebhookContact &contact, const meta::InboundMessage &m);
    Status touchConversation(const Conversation &c, const meta::InboundMessage &m, bool inbound, bool countsAsUnread);
    void recordMessage(const char *type, class Sql &returned);
    void recordConversation(class Sql &returned);
    Result<qint64> messageIdFor(const QString &providerMessageId);

    QSqlDatabase m_tx;
    TenantId m_tenant;
    EventBatch &m_events;
    bool *m_pendingStatuses;
};

} // namespace puente
