#include "storage/sessionrepository.h"

#include "crypto/crypto.h"
#include "storage/sql.h"

#include <algorithm>

namespace puente {

QString SessionRepository::hashToken(const QString &token)
{
    return QString::fromLatin1(crypto::sha256(token.toUtf8()).toHex());
}

Result<SessionRepository::Created> SessionRepository::create(UserId user, qint64 idleMs, qint64 absoluteMs,
                                                             const QString &clientAddress, const QString &userAgent)
{
    const QString token = crypto::randomToken(32);
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    const qint64 now = nowMs();
    const qint64 absolute = now + absoluteMs;
    const qint64 expires = std::min(now + idleMs, absolute);
    Sql q(tx.connection(), QStringLiteral("INSERT INTO sessions (user_id, tenant_id, token_hash, created_at, last_seen_at, expires_at, "
                                          "absolute_expires_at, client_address, user_agent) SELECT id, tenant_id, ?, ?, ?, ?, ?, ?, ? "
                                          "FROM users WHERE id = ? AND active = 1 RETURNING id, tenant_id, "
                                          "(SELECT role FROM users WHERE id = ?)"));
    q.bind(hashToken(token)).bind(now).bind(now).bind(expires).bind(absolute).bind(nullIfEmpty(clientAddress))
        .bind(nullIfEmpty(userAgent.left(300))).bind(user.value).bind(user.value);
    if (auto s = q.exec(); !s)
        return s.error();
    if (!q.next())
        return makeError("not_found", QStringLiteral("no active user with id %1").arg(user.value));
    Created c{token, {q.int64(0), user, TenantId(q.isNull(1) ? 0 : q.int64(1)), roleFromString(q.text(2)).value_or(Role::Agent),
                      expires, absolute, now, {}, {}}};
    q.finish();
    if (auto s = tx.commit(); !s)
        return s.error();
    return c;
}

Result<std::optional<Session>> SessionRepository::findByToken(const QString &token, qint64 slideIdleMs)
{
    if (token.isEmpty())
        return std::optional<Session>();
    const qint64 now = nowMs();
    Session found;
    {
        Sql q(m_db.connection(), QStringLiteral("SELECT s.id, s.user_id, s.tenant_id, u.role, s.expires_at, s.absolute_expires_at, "
                                                "s.last_seen_at, u.email, u.name FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? "
                                                "AND s.revoked_at IS NULL AND s.expires_at > ? AND s.absolute_expires_at > ? AND u.active = 1"));
        q.bind(hashToken(token)).bind(now).bind(now);
        if (auto s = q.exec(); !s)
            return s.error();
        if (!q.next())
            return std::optional<Session>();
        found = Session{q.int64(0), UserId(q.int64(1)), TenantId(q.isNull(2) ? 0 : q.int64(2)),
                        roleFromString(q.text(3)).value_or(Role::Agent), q.int64(4), q.int64(5), q.int64(6), q.text(7), q.text(8)};
    }
    if (slideIdleMs > 0 && now - found.lastSeenAt >= 60'000) {
        const qint64 expires = std::min(now + slideIdleMs, found.absoluteExpiresAt);
        Transaction tx(m_db);
        if (!tx.begun())
            return tx.begun().error();
        Sql up(tx.connection(), QStringLiteral("UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id = ?"));
        up.bind(now).bind(expires).bind(found.id);
        if (auto s = up.exec(); !s)
            return s.error();
        if (auto s = tx.commit(); !s)
            return s.error();
        found.lastSeenAt = now;
        found.expiresAt = expires;
    }
    return std::optional<Session>(found);
}

Status SessionRepository::revoke(const QString &token)
{
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun();
    Sql q(tx.connection(), QStringLiteral("UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL"));
    q.bind(nowMs()).bind(hashToken(token));
    if (auto s = q.exec(); !s)
        return s;
    return tx.commit();
}

} // namespace puente
