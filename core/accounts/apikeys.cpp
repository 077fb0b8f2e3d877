#include "accounts/apikeys.h"

#include "crypto/crypto.h"
#include "storage/expiringcache.h"
#include "storage/sql.h"

#include <QJsonArray>
#include <QJsonObject>

namespace puente {

QStringList ApiScope::all()
{
    return {ConversationsRead, ConversationsWrite, MessagesSend, Notifications, Campaigns};
}

namespace {
const QString kColumns = QStringLiteral("id, tenant_id, name, key_prefix, scopes, created_by_user_id, created_at, last_used_at, revoked_at");

ApiKey readKey(const Sql &q)
{
    ApiKey k;
    k.id = q.int64(0);
    k.tenantId = TenantId(q.int64(1));
    k.name = q.text(2);
    k.prefix = q.text(3);
    k.scopes = q.text(4).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    k.createdBy = UserId(q.isNull(5) ? 0 : q.int64(5));
    k.createdAt = q.int64(6);
    k.lastUsedAt = q.isNull(7) ? 0 : q.int64(7);
    k.revokedAt = q.isNull(8) ? 0 : q.int64(8);
    return k;
}

QString hashKey(const QString &key)
{
    return QString::fromLatin1(crypto::sha256(key.toUtf8()).toHex());
}

// Live keys recently read: the CRM calls with the same key hundreds of
// times a second, and on SQLite every commit makes each request thread's
// connection read its pages again (14 % of an accepted notification's
// processor time was this one SELECT). A revocation through this process
// drops the key at once; on another node of the same PostgreSQL database it
// takes effect within 5 seconds.
ExpiringCache<ApiKey> &keyCache()
{
    static ExpiringCache<ApiKey> cache(5'000);
    return cache;
}
} // namespace

Result<ApiKeyRepository::Created> ApiKeyRepository::create(TenantId tenant, const QString &name, const QStringList &scopes,
                                                           const Actor &actor)
{
    const QString cleanName = name.trimmed();
    if (cleanName.isEmpty() || cleanName.size() > 100)
        return makeError("invalid_name", QStringLiteral("give the key a name of 1-100 characters, such as the program that uses it"));
    QStringList clean;
    for (const QString &s : scopes) {
        if (!ApiScope::all().contains(s))
            return makeError("invalid_scope", QStringLiteral("unknown scope \"%1\"; scopes are %2").arg(s, ApiScope::all().join(QStringLiteral(", "))));
        if (!clean.contains(s))
            clean.append(s);
    }
    if (clean.isEmpty())
        return makeError("invalid_scope", QStringLiteral("a key needs at least one scope: %1").arg(ApiScope::all().join(QStringLiteral(", "))));

    const QString prefix = QStringLiteral("pk_") + QString::fromLatin1(crypto::randomBytes(4).toHex());
    const QString key = prefix + QLatin1Char('_') + crypto::randomToken(32);
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    Sql q(tx.connection(), QStringLiteral("INSERT INTO api_keys (tenant_id, name, key_prefix, key_hash, scopes, created_by_user_id, created_at) "
                                          "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING ") + kColumns);
    q.bind(tenant.value).bind(cleanName).bind(prefix).bind(hashKey(key)).bind(clean.join(QLatin1Char(' ')))
        .bind(actor.userId.isValid() ? QVariant(actor.userId.value) : QVariant(QMetaType(QMetaType::LongLong)))
        .bind(nowMs());
    if (auto s = q.exec(); !s)
        return s.error();
    if (!q.next())
        return makeError("storage_error", QStringLiteral("insert returned no row"));
    ApiKey k = readKey(q);
    q.finish();
    if (auto s = AuditLog::append(tx.connection(), actor, tenant, QStringLiteral("api_key.created"), QStringLiteral("api_key"),
                                  QString::number(k.id),
                                  {{QStringLiteral("name"), k.name}, {QStringLiteral("prefix"), k.prefix},
                                   {QStringLiteral("scopes"), QJsonArray::fromStringList(k.scopes)}});
        !s)
        return s.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    return Created{key, k};
}

Result<QList<ApiKey>> ApiKeyRepository::list(TenantId tenant)
{
    Sql q(m_db.connection(), QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM api_keys WHERE tenant_id = ? ORDER BY id DESC"));
    q.bind(tenant.value);
    if (auto s = q.exec(); !s)
        return s.error();
    QList<ApiKey> out;
    while (q.next())
        out.append(readKey(q));
    return out;
}

Status ApiKeyRepository::revoke(TenantId tenant, qint64 id, const Actor &actor)
{
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun();
    Sql q(tx.connection(), QStringLiteral("UPDATE api_keys SET revoked_at = ? WHERE tenant_id = ? AND id = ? AND revoked_at IS NULL "
                                          "RETURNING name, key_prefix"));
    q.bind(nowMs()).bind(tenant.value).bind(id);
    if (auto s = q.exec(); !s)
        return s;
    if (!q.next())
        return makeError("not_found", QStringLiteral("no such API key (or it is already revoked)"));
    const QJsonObject details{{QStringLiteral("name"), q.text(0)}, {QStringLiteral("prefix"), q.text(1)}};
    q.finish();
    if (auto s = AuditLog::append(tx.connection(), actor, tenant, QStringLiteral("api_key.revoked"), QStringLiteral("api_key"),
                                  QString::number(id), details);
        !s)
        return s;
    if (auto s = tx.commit(); !s)
        return s;
    // A request after this one must not find the key, nor a request that
    // read it before the commit put it back.
    keyCache().forget([id](const ApiKey &key) { return key.id == id; });
    return {};
}

Result<std::optional<ApiKey>> ApiKeyRepository::authenticate(const QString &key)
{
    if (!key.startsWith(QLatin1String("pk_")) || key.size() > 200)
        return std::optional<ApiKey>();
    const qint64 now = nowMs();
    const QString hash = hashKey(key);
    const QString cached = ExpiringCache<ApiKey>::scope(m_db.url()) + hash;
    quint64 generation = 0;
    std::optional<ApiKey> found = keyCache().find(cached, now, &generation);
    if (!found) {
        Sql q(m_db.connection(), QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL"));
        q.bind(hash);
        if (auto s = q.exec(); !s)
            return s.error();
        if (!q.next())
            return found;
        found = readKey(q);
        keyCache().store(cached, *found, now, generation);
    }
    if (now - found->lastUsedAt >= 60'000) {
        Transaction tx(m_db);
        if (!tx.begun())
            return tx.begun().error();
        // Only a live key is touched: this also confirms the key now, so the
        // cache may keep it from now on.
        Sql up(tx.connection(), QStringLiteral("UPDATE api_keys SET last_used_at = ? WHERE id = ? AND revoked_at IS NULL"));
        up.bind(now).bind(found->id);
        if (auto s = up.exec(); !s)
            return s.error();
        const bool live = up.rowsAffected() == 1;
        if (auto s = tx.commit(); !s)
            return s.error();
        if (!live)
            return std::optional<ApiKey>();
        found->lastUsedAt = now;
        keyCache().store(cached, *found, now, generation);
    }
    return found;
}

} // namespace puente
