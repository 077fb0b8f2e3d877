#include "storage/sessionrepository.h"

#include "crypto/crypto.h"
#include "storage/database.h"

namespace puente {

QString SessionRepository::hashToken(const QString &token)
{
    return QString::fromLatin1(crypto::sha256(token.toUtf8()).toHex());
}

Result<SessionRepository::Created> SessionRepository::create(UserId user, qint64 ttlMs)
{
    const QString token = crypto::randomToken(32);
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    const qint64 now = nowMs();
    Sql q(tx.connection(), QStringLiteral("INSERT INTO sessions (user_id, tenant_id, token_hash, created_at, last_seen_at, expires_at, "
                                          "absolute_expires_at) SELECT id, tenant_id, ?, ?, ?, ?, ? FROM users WHERE id = ? AND active = 1 "
                                          "RETURNING id, tenant_id"));
    q.bind(hashToken(token)).bind(now).bind(now).bind(now + ttlMs).bind(now + ttlMs).bind(user.value);
    if (auto s = q.exec(); !s)
        return s.error();
    if (!q.next())
        return makeError("not_found", QStringLiteral("no active user with id %1").arg(user.value));
    Created c{token, {q.int64(0), user, TenantId(q.isNull(1) ? 0 : q.int64(1)), Role::Agent, now + ttlMs}};
    q.finish();
    if (auto s = tx.commit(); !s)
        return s.error();
    return c;
}

Result<std::optional<Session>> SessionRepository::findByToken(const QString &token)
{
    if (token.isEmpty())
        return std::optional<Session>();
    Sql q(m_db.connection(), QStringLiteral("SELECT s.id, s.user_id, s.tenant_id, u.role, s.expires_at FROM sessions s "
                                            "JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.revoked_at IS NULL "
                                            "AND s.expires_at > ? AND s.absolute_expires_at > ? AND u.active = 1"));
    const qint64 now = nowMs();
    q.bind(hashToken(token)).bind(now).bind(now);
    if (auto s = q.exec(); !s)
        return s.error();
    if (!q.next())
        return std::optional<Session>();
    return std::optional<Session>(Session{q.int64(0), UserId(q.int64(1)), TenantId(q.isNull(2) ? 0 : q.int64(2)),
                                          roleFromString(q.text(3)).value_or(Role::Agent), q.int64(4)});
}

Status SessionRepository::revoke(const QString &token)
{
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun();
    Sql q(tx.connection(), QStringLiteral("UPDATE sessions SET revoked_at = ? WHERE token_hash = ?"));
    q.bind(nowMs()).bind(hashToken(token));
    if (auto s = q.exec(); !s)
        return s;
    return tx.commit();
}

} // namespace puente
