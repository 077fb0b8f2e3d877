#pragma once

#include "common/result.h"
#include "domain/user.h"

#include <optional>

namespace puente {

class Database;

struct Session {
    qint64 id = 0;
    UserId userId;
    TenantId tenantId;
    Role role = Role::Agent;
    qint64 expiresAt = 0;         // idle expiry: moves forward while the session is used
    qint64 absoluteExpiresAt = 0; // never moves
    qint64 lastSeenAt = 0;
    QString email; // the user's (findByToken)
    QString name;
};

// Console sessions. The token is random and shown once; only its SHA-256 is
// stored. Expiry slides with use (idle limit) up to an absolute limit.
class SessionRepository {
public:
    explicit SessionRepository(Database &db) : m_db(db) {}

    struct Created {
        QString token;
        Session session;
    };
    Result<Created> create(UserId user, qint64 idleMs, qint64 absoluteMs, const QString &clientAddress = {},
                           const QString &userAgent = {});
    Result<Created> create(UserId user, qint64 ttlMs) { return create(user, ttlMs, ttlMs); }
    // The live session for a token: unknown, expired, revoked or belonging to
    // a deactivated user → nullopt. With `slideIdleMs` > 0 a used session's
    // idle expiry moves to now + slideIdleMs (capped by the absolute limit);
    // the write happens at most once a minute per session.
    Result<std::optional<Session>> findByToken(const QString &token, qint64 slideIdleMs = 0);
    Status revoke(const QString &token);

    static QString hashToken(const QString &token);

private:
    Database &m_db;
};

} // namespace puente
