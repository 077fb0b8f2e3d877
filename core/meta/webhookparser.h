#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

// WhatsApp Cloud API webhook bodies → typed events. Tolerant by design:
// unknown message types, unknown keys, missing objects and odd value types
// are kept (the raw JSON of every message and status travels along), never
// rejected. Only a body that is not a JSON object is an error.
namespace puente::meta {

struct MetaError {
    int code = 0;
    QString title;
    QString message;
    QString details; // error_data.details (or the legacy top-level "details")
    QString href;
};

struct WebhookContact {
    QString waId;         // phone-number id; may be empty or absent (usernames)
    QString userId;       // business-scoped user id (BSUID)
    QString parentUserId;
    QString name;
    QString username;
};

struct InboundMessage {
    QString id;            // wamid
    QString from;          // may be empty
    QString fromUserId;    // BSUID; may be empty
    QString type;          // as sent: text, image, ..., or anything new
    qint64 timestampMs = 0; // 0 when missing or unreadable
    QString text;          // the readable content for this type (body, caption, title, ...)

    // Media (image, video, audio, document, sticker).
    QString mediaId;
    QString mimeType;
    QString sha256;
    QString caption;
    QString filename;
    QString mediaUrl;
    qint64 fileSize = -1;

    // Context: replies, button taps, forwards.
    QString contextId;
    QString contextFrom;
    QString replyPayload;  // button: its payload; interactive: the reply's id
    bool forwarded = false;
    bool frequentlyForwarded = false;

    QString reactionTo;    // reaction: target wamid; emoji in `text` (empty = removed)
    QString targetId;      // edit / revoke: the original wamid
    QString systemType;    // system: user_changed_number, customer_identity_changed, ...
    QString newWaId;       // system user_changed_number: the new number
    QJsonObject referral;  // click-to-WhatsApp ads
    QList<MetaError> errors;
    QJsonObject raw;
};

struct StatusUpdate {
    QString id;            // wamid of our message
    QString status;        // sent, delivered, read, played, failed, or anything new
    qint64 timestampMs = 0;
    QString recipientId;
    QString recipientUserId;
    QString bizOpaqueCallbackData;
    QJsonObject conversation;
    QJsonObject pricing;
    QList<MetaError> errors;
    QJsonObject raw;
};

struct WebhookChange {
    QString field;              // "messages", "account_update", ...
    QString entryId;            // entry[].id: usually the WABA id
    QString wabaId;             // value.waba_info.waba_id when present, else entry[].id
    QString phoneNumberId;      // value.metadata.phone_number_id (messages-like fields)
    QString displayPhoneNumber;
    QList<WebhookContact> contacts;
    QList<InboundMessage> messages;   // value.messages (and message_echoes)
    bool echoes = false;              // messages are the business's own (smb_message_echoes)
    QList<StatusUpdate> statuses;
    QList<MetaError> errors;          // value.errors
    QJsonObject value;                // the whole change value, as received
};

struct ParsedWebhook {
    bool ok = false;
    QString error;           // why the body is unusable (when !ok)
    QString object;          // "whatsapp_business_account"
    QList<WebhookChange> changes;
};

ParsedWebhook parseWebhook(const QByteArray &body);

// One element of value.statuses (also for statuses kept aside and applied later).
StatusUpdate parseStatus(const QJsonObject &status);

// The contact of a message: matched by wa_id, else by user id, else the first.
WebhookContact contactFor(const WebhookChange &change, const InboundMessage &message);

} // namespace puente::meta
