#pragma once

#include "common/result.h"
#include "domain/ids.h"
#include "storage/auditlog.h"

#include <QList>
#include <QStringList>

#include <optional>

namespace puente {

class Database;

// What an API key may do. A key acts for its tenant through the routes its
// scopes open, never through the admin routes.
namespace ApiScope {
inline const QString ConversationsRead = QStringLiteral("conversations:read");
inline const QString ConversationsWrite = QStringLiteral("conversations:write");
inline const QString MessagesSend = QStringLiteral("messages:send");
inline const QString Notifications = QStringLiteral("notifications");
inline const QString Campaigns = QStringLiteral("campaigns");
QStringList all();
} // namespace ApiScope

struct ApiKey {
    qint64 id = 0;
    TenantId tenantId;
    QString name;
    QString prefix; // "pk_3f9a2b1c": shown in lists so people can tell keys apart
    QStringList scopes;
    UserId createdBy;
    qint64 createdAt = 0;
    qint64 lastUsedAt = 0;
    qint64 revokedAt = 0;
};

// Keys for programs (the CRM): "pk_<8 hex>_<43 random>", shown once, stored
// as SHA-256. Tenant-scoped like every repository.
class ApiKeyRepository {
public:
    explicit ApiKeyRepository(Database &db) : m_db(db) {}

    struct Created {
        QString key; // the only time the whole key exists outside the caller
        ApiKey apiKey;
    };
    // Errors: invalid_name, invalid_scope.
    Result<Created> create(TenantId tenant, const QString &name, const QStringList &scopes, const Actor &actor);
    Result<QList<ApiKey>> list(TenantId tenant);
    // not_found also for another tenant's key or one already revoked.
    Status revoke(TenantId tenant, qint64 id, const Actor &actor);
    // The live key for a presented secret (last use is written at most once
    // a minute); nullopt when unknown or revoked.
    Result<std::optional<ApiKey>> authenticate(const QString &key);

private:
    Database &m_db;
};

} // namespace puente
