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
    qint64 expiresAt = 0;
};

// Console sessions. The token is random and shown once; only its SHA-256 is
// stored. (Sign-in, sliding expiry and revocation through the API come with
// the accounts issue; this is the part the WebSocket hub needs.)
class SessionRepository {
public:
    explicit SessionRepository(Database &db) : m_db(db) {}

    struct Created {
        QString token;
        Session session;
    };
    Result<Created> create(UserId user, qint64 ttlMs);
    // The live session for a token: unknown, expired, revoked or belonging to
    // a deactivated user → nullopt.
    Result<std::optional<Session>> findByToken(const QString &token);
    Status revoke(const QString &token);

    static QString hashToken(const QString &token);

private:
    Database &m_db;
};

} // namespace puente
