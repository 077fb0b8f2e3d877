#pragma once

#include "domain/ids.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace puente {

enum class ApiType { BusinessApi, WhatsAppWeb };

QString toString(ApiType type);
std::optional<ApiType> apiTypeFromString(const QString &s);

// What Graph's debug_token last said about the channel's access token.
struct TokenState {
    QString type;          // SYSTEM_USER, USER, PAGE... (empty: never inspected)
    qint64 expiresAt = -1; // Unix ms; 0: never expires; -1: not known
    QStringList scopes;
    qint64 checkedAt = 0;  // 0: never inspected
    QString problem;       // why Meta does not accept it (empty: it does)
    int warnedDays = 0;    // the last expiry warning given: 14, 7 or 1 (0: none)
    qint64 renewedAt = 0;  // when Puente last renewed it (0: never)
    QString renewalError;  // why the last renewal failed (empty: it did not)
};

// A tenant's WhatsApp channel (the seed's `whatsapp_config`). Secrets are in
// clear here, in memory only; storage keeps them sealed.
struct WhatsAppConfig {
    qint64 id = 0;
    TenantId tenantId;
    ApiType apiType = ApiType::BusinessApi;
    QString businessApiToken;  // secret
    QString phoneNumberId;     // the routing key for inbound webhooks
    QString businessAccountId; // WABA id
    QString webhookVerifyToken;
    QString appSecret;         // secret; empty when the platform's Meta app is used
    QString appId;             // the tenant's own Meta app (with appSecret: renews user tokens)
    bool fallbackEnabled = false;
    int throughputPerSecond = 80; // Meta's messages per second for this number (80 by default, up to 1,000)
    bool active = true;
    QString connectionStatus = QStringLiteral("unknown");
    QString lastError;
    qint64 updatedAt = 0;
    // What the last successful connection test of the stored configuration
    // found; empty (checkedAt 0) until then, and again after the phone
    // number id changes.
    QString displayPhoneNumber;
    QString verifiedName;
    QString qualityRating;  // GREEN, YELLOW, RED, NA, UNKNOWN
    QString messagingLimit; // TIER_250, TIER_1K, ...
    qint64 checkedAt = 0;
    TokenState token; // the stored access token's last inspection
};

// "EAAB…x9Qz": enough to recognise a token, never enough to use it.
QString maskSecret(const QString &secret);

// A tenant's Cloud API channel as senders and Graph callers need it: its
// number, its account and its access token (opened).
struct Channel {
    TenantId tenant;
    QString phoneNumberId;
    QString wabaId;
    QString token;
    int throughputPerSecond = 80;
};

} // namespace puente
