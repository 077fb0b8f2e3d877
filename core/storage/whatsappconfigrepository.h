#pragma once

#include "common/result.h"
#include "crypto/secretbox.h"
#include "domain/whatsappconfig.h"
#include "storage/auditlog.h"
#include "protocol/types.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QStringList>

#include <functional>

#include <optional>

namespace puente {

class Database;
class Sql;

// What a successful connection test learnt about the number from Meta.
struct ConnectionCheck {
    QString displayPhoneNumber;
    QString verifiedName;
    QString qualityRating;
    QString messagingLimit;
};

// What the companies list shows of a tenant's channel.
struct ChannelSummary {
    QString phoneNumberId;
    QString connectionStatus; // not_configured, unknown, connected, failing
    QString displayPhoneNumber;
    qint64 lastWebhookAt = 0; // 0: never
    QString qualityRating;
};

// The token line of the configuration and Health: what the last
// inspection said, and whether Puente renews it (a user token with the
// company's own app id and secret).
protocol::AccessTokenInfo accessTokenInfo(const TokenState &token, bool renewable);
protocol::AccessTokenInfo accessTokenInfo(const WhatsAppConfig &config);

// The tenant's WhatsApp channels. Tokens and app secrets are sealed with the
// master keyring before they reach the database and opened on read, here
// and nowhere else.
class WhatsAppConfigRepository {
public:
    WhatsAppConfigRepository(Database &db, crypto::KeyringPtr keyring) : m_db(db), m_keyring(std::move(keyring)) {}

    // Inserts or replaces the tenant's config of that api_type. Errors:
    // invalid_phone_number_id, invalid_business_account_id, phone_number_taken
    // (the number belongs to another tenant).
    Result<WhatsAppConfig> save(TenantId tenant, const WhatsAppConfig &config, const Actor &actor);
    // What the last connection test or send found: "connected", "failing"
    // (with the reason shown to admins), "unknown".
    Status setConnectionStatus(TenantId tenant, ApiType type, const QString &status, const QString &lastError = {});
    // A successful test of the stored configuration: "connected", and what
    // Meta said about the number (kept until the next success or until the
    // phone number id changes; a failed test leaves it, checked_at dates it).
    // Changes nothing when `phoneNumberId` is no longer the stored one.
    Status recordSuccessfulTest(TenantId tenant, ApiType type, const QString &phoneNumberId, const ConnectionCheck &found);
    Result<std::optional<WhatsAppConfig>> find(TenantId tenant, ApiType type);

    // Access token inspections (TokenWatch). Each changes nothing and
    // answers false when the stored token is no longer `inspectedToken` /
    // `oldToken` (an admin saved another meanwhile).
    Result<bool> recordTokenInspection(TenantId tenant, const QString &inspectedToken, const TokenState &state);
    // A renewed token replaces the old one, sealed, with its inspection;
    // audited as whatsapp_config.token_renewed with `auditDetails` (never a
    // token).
    Result<bool> replaceToken(TenantId tenant, const QString &oldToken, const QString &newToken, const TokenState &state,
                              const Actor &actor, const QJsonObject &auditDetails);
    // Every active Cloud API channel with a token and when its token was
    // last inspected (0: never).
    Result<QList<std::pair<TenantId, qint64>>> tokenCheckTimes();
    // The token state from the columns token_type, token_expires_at,
    // token_scopes, token_checked_at, token_problem, token_warned_days,
    // token_renewed_at, token_renewal_error, in that order from `first`.
    static TokenState tokenState(const Sql &q, int first);

    // The tenant's active Cloud API channel with a token (nullopt otherwise).
    Result<std::optional<Channel>> channel(TenantId tenant);
    // Every active Cloud API channel with a token: the dispatcher's round.
    // A token that cannot be opened leaves its channel out.
    Result<QList<Channel>> activeChannels();
    // Whether `token` is any tenant's webhook verify token (Meta's GET handshake).
    Result<bool> isVerifyToken(const QString &token);
    // The tenant owning one of these numbers or accounts whose own app
    // secret `verifies` accepts (a webhook signed with a tenant's own Meta
    // app); nullopt when none does.
    Result<std::optional<TenantId>> tenantSignedWith(const QSet<QString> &phoneNumberIds, const QSet<QString> &wabaIds,
                                                    const std::function<bool(const QByteArray &secret)> &verifies);
    // Every tenant's Cloud API channel, by tenant id (for the companies list).
    Result<QHash<qint64, ChannelSummary>> summaries();
    // Slugs of tenants with a configuration other than (slug, phoneNumberId):
    // the demo refuses a database that has any.
    Result<QStringList> otherConfigurations(const QString &slug, const QString &phoneNumberId);

    // Routing lookups (the only cross-tenant reads): which tenant owns this
    // Cloud API phone number id / WhatsApp Business Account id.
    Result<std::optional<TenantId>> tenantForPhoneNumberId(const QString &phoneNumberId);
    Result<QList<TenantId>> tenantsForBusinessAccountId(const QString &wabaId);

    // Inside the inbound transaction: what an account webhook says about the
    // number. phone_number_quality_update: `current_limit` becomes the
    // messaging limit, FLAGGED makes the quality RED (UNFLAGGED: GREEN);
    // business_capability_update: max_daily_conversations_per_business. Other
    // fields change nothing.
    static Status applyAccountWebhook(QSqlDatabase tx, TenantId tenant, const QString &field, const QJsonObject &value);

private:
    // The stored sealed token when it opens to `token`; empty otherwise.
    Result<QString> sealedIfStored(QSqlDatabase c, TenantId tenant, const QString &token);

    Database &m_db;
    crypto::KeyringPtr m_keyring;
};

} // namespace puente
