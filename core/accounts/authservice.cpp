#include "accounts/authservice.h"

#include "crypto/passwordhash.h"
#include "logging/logging.h"
#include "storage/auditlog.h"
#include "storage/sql.h"
#include "storage/tenantrepository.h"
#include "storage/userrepository.h"

#include <QJsonObject>

#include <algorithm>

namespace puente {

namespace {
Error invalidCredentials()
{
    return makeError("invalid_credentials", QStringLiteral("wrong email or password"));
}
} // namespace

AuthService::AuthService(Database &db, AuthPolicy policy)
    : m_db(db)
    , m_policy(policy)
    , m_dummyHash(crypto::hashPassword(QStringLiteral("no such account, same cost"), policy.scrypt))
{
}

Result<qint64> AuthService::admit(const QString &key, int slowAfter, int lockAfter, qint64 now)
{
    // The attempt is counted as a failure before its password is checked,
    // in a transaction holding the key's row: parallel attempts queue here,
    // and past the limit none of them reaches scrypt. A success gives the
    // count back (release, clearFailures).
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    Sql ensure(tx.connection(), QStringLiteral("INSERT INTO login_throttle (throttle_key, failures, first_failure_at, last_failure_at, locked_until) "
                                               "VALUES (?, 0, ?, 0, 0) ON CONFLICT (throttle_key) DO NOTHING"));
    ensure.bind(key).bind(now);
    if (auto s = ensure.exec(); !s)
        return s.error();
    Sql q(tx.connection(), QStringLiteral("SELECT failures, first_failure_at, last_failure_at, locked_until FROM login_throttle WHERE throttle_key = ?")
                               + (m_db.dialect() == Dialect::Postgres ? QStringLiteral(" FOR UPDATE") : QString()));
    q.bind(key);
    if (auto s = q.exec(); !s)
        return s.error();
    if (!q.next())
        return makeError("storage_error", QStringLiteral("the sign-in throttle row is missing"));
    qint64 failures = q.int64(0), first = q.int64(1);
    const qint64 last = q.int64(2), lockedUntil = q.int64(3);
    q.finish();
    if (lockedUntil > now)
        return lockedUntil - now;
    if (now - first > m_policy.windowMs) {
        failures = 0;
        first = now;
    }
    if (failures >= slowAfter) {
        const qint64 delay = 1000LL << std::min<qint64>(failures - slowAfter, 10);
        if (last + delay > now)
            return last + delay - now;
    }
    ++failures;
    Sql up(tx.connection(), QStringLiteral("UPDATE login_throttle SET failures = ?, first_failure_at = ?, last_failure_at = ?, locked_until = ? "
                                           "WHERE throttle_key = ?"));
    up.bind(failures).bind(first).bind(now).bind(failures >= lockAfter ? now + m_policy.lockMs : qint64(0)).bind(key);
    if (auto s = up.exec(); !s)
        return s.error();
    // Old rows tell nothing: keep the table small.
    Sql prune(tx.connection(), QStringLiteral("DELETE FROM login_throttle WHERE last_failure_at < ? AND locked_until < ? AND throttle_key <> ?"));
    prune.bind(now - 2 * m_policy.windowMs).bind(now).bind(key);
    if (auto s = prune.exec(); !s)
        return s.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    return qint64(0);
}

Status AuthService::release(const QString &key)
{
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun();
    Sql q(tx.connection(), QStringLiteral("UPDATE login_throttle SET failures = failures - 1 WHERE throttle_key = ? AND failures > 0"));
    q.bind(key);
    if (auto s = q.exec(); !s)
        return s;
    return tx.commit();
}

Status AuthService::clearFailures(const QString &key)
{
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun();
    Sql q(tx.connection(), QStringLiteral("DELETE FROM login_throttle WHERE throttle_key = ?"));
    q.bind(key);
    if (auto s = q.exec(); !s)
        return s;
    return tx.commit();
}

Result<LoginResult> AuthService::login(const LoginRequest &r, qint64 *retryAfterMs)
{
    // Checked before it is used anywhere (throttle keys, the log, the audit
    // log): an "email" with a line break or an escape sequence in it could
    // forge a log line.
    const auto normalized = normalizeEmail(r.email);
    if (!normalized)
        return normalized.error();
    const QString email = normalized.value();
    if (r.password.isEmpty() || r.password.size() > 1024)
        return invalidCredentials();
    const qint64 now = nowMs();
    const QString emailKey = QStringLiteral("email:") + email;
    const QString addressKey = QStringLiteral("address:") + r.clientAddress;

    qint64 wait = 0;
    QList<QString> counted; // keys this attempt was counted against
    for (const auto &[key, slow, lock] : {std::tuple{emailKey, m_policy.emailSlowAfter, m_policy.emailLockAfter},
                                          std::tuple{addressKey, m_policy.addressSlowAfter, m_policy.addressLockAfter}}) {
        if (key == addressKey && r.clientAddress.isEmpty())
            continue;
        auto w = admit(key, slow, lock, now);
        if (!w)
            return w.error();
        if (w.value() > 0) {
            wait = std::max(wait, w.value());
            break;
        }
        counted.append(key);
    }
    // Not a failed password: the counts taken for this attempt go back.
    const auto giveBack = [this, &counted] {
        for (const QString &key : std::as_const(counted))
            (void)release(key);
    };
    if (wait > 0) {
        giveBack();
        qCInfo(lcAuth).noquote() << "sign-in throttled for" << email << "from" << r.clientAddress;
        if (retryAfterMs)
            *retryAfterMs = wait;
        return makeError("too_many_attempts", QStringLiteral("too many failed sign-ins; try again in %1 seconds").arg((wait + 999) / 1000));
    }

    UserRepository users(m_db, m_policy.scrypt);
    auto candidates = users.signInCandidates(email);
    if (!candidates)
        return candidates.error();
    TenantRepository tenants(m_db);
    std::optional<Tenant> wantedTenant;
    if (!r.tenantSlug.isEmpty()) {
        auto t = tenants.findBySlug(r.tenantSlug.trimmed().toLower());
        if (!t)
            return t.error();
        wantedTenant = t.value();
    }
    QList<UserRepository::Candidate> matches;
    bool verified = false;
    for (const auto &c : candidates.value()) {
        if (!r.tenantSlug.isEmpty() && (!wantedTenant || c.user.tenantId != wantedTenant->id))
            continue;
        verified = true;
        if (crypto::verifyPassword(r.password, c.passwordHash))
            matches.append(c);
    }
    if (!verified)
        (void)crypto::verifyPassword(r.password, m_dummyHash);

    auto audit = [&](TenantId tenant, UserId user, const QString &action, const QJsonObject &details) {
        Transaction tx(m_db);
        if (!tx.begun())
            return tx.begun();
        if (auto s = AuditLog::append(tx.connection(), Actor(user, email, r.clientAddress), tenant, action, QStringLiteral("user"),
                                      user.isValid() ? QString::number(user.value) : QString(), details);
            !s)
            return s;
        return tx.commit();
    };

    if (matches.isEmpty()) {
        // Already counted (admit). Into the log of each tenant where the email exists (its admins
        // should see attacks on their people), else platform-wide.
        bool logged = false;
        for (const auto &c : candidates.value()) {
            if (!r.tenantSlug.isEmpty() && (!wantedTenant || c.user.tenantId != wantedTenant->id))
                continue;
            (void)audit(c.user.tenantId, c.user.id, QStringLiteral("auth.login_failed"), {{QStringLiteral("reason"), QStringLiteral("wrong_password")}});
            logged = true;
        }
        if (!logged)
            (void)audit(TenantId(), UserId(), QStringLiteral("auth.login_failed"), {{QStringLiteral("reason"), QStringLiteral("unknown_account")}});
        // One line per failure, for fail2ban-style watchers.
        qCInfo(lcAuth).noquote() << "sign-in failed for" << email << "from" << r.clientAddress;
        return invalidCredentials();
    }
    giveBack();
    if (matches.size() > 1)
        return makeError("tenant_required", QStringLiteral("this email has accounts in several companies; choose the company"));

    const User user = matches.first().user;
    std::optional<Tenant> tenant;
    if (user.tenantId.isValid()) {
        auto t = tenants.find(user.tenantId);
        if (!t)
            return t.error();
        tenant = t.value();
        if (tenant && tenant->status == TenantStatus::Suspended) {
            (void)audit(user.tenantId, user.id, QStringLiteral("auth.login_failed"), {{QStringLiteral("reason"), QStringLiteral("tenant_suspended")}});
            return makeError("tenant_suspended", tenant->suspendedReason.isEmpty()
                                                     ? QStringLiteral("%1 is suspended; contact the platform operator").arg(tenant->name)
                                                     : QStringLiteral("%1 is suspended: %2").arg(tenant->name, tenant->suspendedReason));
        }
    }
    if (auto s = clearFailures(emailKey); !s)
        return s.error();
    auto session = SessionRepository(m_db).create(user.id, m_policy.sessionIdleMs, m_policy.sessionAbsoluteMs, r.clientAddress, r.userAgent);
    if (!session)
        return session.error();
    const QString rehash = crypto::needsRehash(matches.first().passwordHash, m_policy.scrypt) ? crypto::hashPassword(r.password, m_policy.scrypt) : QString();
    if (auto s = users.recordLogin(user.id, rehash); !s)
        return s.error();
    if (auto s = audit(user.tenantId, user.id, QStringLiteral("auth.login"), {}); !s)
        return s.error();
    qCInfo(lcAuth).noquote() << "signed in:" << email << "user" << user.id.value << "from" << r.clientAddress;
    return LoginResult{session->token, session->session, user, tenant};
}

} // namespace puente
