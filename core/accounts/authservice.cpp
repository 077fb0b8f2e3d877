#include "accounts/authservice.h"

#include "crypto/passwordhash.h"
#include "logging/logging.h"
#include "storage/auditlog.h"
#include "storage/database.h"
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

Result<qint64> AuthService::throttleWait(const QString &key, int slowAfter, int lockAfter, qint64 now)
{
    Sql q(m_db.connection(), QStringLiteral("SELECT failures, first_failure_at, last_failure_at, locked_until FROM login_throttle WHERE throttle_key = ?"));
    q.bind(key);
    if (auto s = q.exec(); !s)
        return s.error();
    if (!q.next())
        return qint64(0);
    const qint64 failures = q.int64(0), first = q.int64(1), last = q.int64(2), lockedUntil = q.int64(3);
    if (lockedUntil > now)
        return lockedUntil - now;
    if (now - first > m_policy.windowMs || failures < slowAfter)
        return qint64(0);
    Q_UNUSED(lockAfter);
    const qint64 delay = 1000LL << std::min<qint64>(failures - slowAfter, 10);
    return std::max<qint64>(0, last + delay - now);
}

Status AuthService::recordFailure(const QString &key, int lockAfter, qint64 now)
{
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun();
    // One atomic upsert, so that parallel failures all count and none lifts
    // a lock: while locked nothing changes; after the window (or a lock)
    // the count starts again.
    const QString fresh = QStringLiteral("(login_throttle.first_failure_at < ?)");
    const QString counted = QStringLiteral("(CASE WHEN %1 THEN 1 ELSE login_throttle.failures + 1 END)").arg(fresh);
    Sql up(tx.connection(), QStringLiteral(
        "INSERT INTO login_throttle (throttle_key, failures, first_failure_at, last_failure_at, locked_until) VALUES (?, 1, ?, ?, ?) "
        "ON CONFLICT (throttle_key) DO UPDATE SET "
        "failures = CASE WHEN login_throttle.locked_until > ? THEN login_throttle.failures ELSE %2 END, "
        "first_failure_at = CASE WHEN login_throttle.locked_until > ? THEN login_throttle.first_failure_at "
        "                        WHEN %1 THEN ? ELSE login_throttle.first_failure_at END, "
        "last_failure_at = ?, "
        "locked_until = CASE WHEN login_throttle.locked_until > ? THEN login_throttle.locked_until "
        "                    WHEN %2 >= ? THEN ? ELSE 0 END").arg(fresh, counted));
    const qint64 windowStart = now - m_policy.windowMs;
    up.bind(key).bind(now).bind(now).bind(lockAfter <= 1 ? now + m_policy.lockMs : 0) // insert
        .bind(now).bind(windowStart)                                                    // failures
        .bind(now).bind(windowStart).bind(now)                                          // first_failure_at
        .bind(now)                                                                      // last_failure_at
        .bind(now).bind(windowStart).bind(qint64(lockAfter)).bind(now + m_policy.lockMs); // locked_until
    if (auto s = up.exec(); !s)
        return s;
    // Old rows tell nothing: keep the table small.
    Sql prune(tx.connection(), QStringLiteral("DELETE FROM login_throttle WHERE last_failure_at < ? AND locked_until < ?"));
    prune.bind(now - 2 * m_policy.windowMs).bind(now);
    if (auto s = prune.exec(); !s)
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
    const QString email = r.email.trimmed().toLower();
    if (email.isEmpty() || r.password.isEmpty() || email.size() > 254 || r.password.size() > 1024)
        return invalidCredentials();
    const qint64 now = nowMs();
    const QString emailKey = QStringLiteral("email:") + email;
    const QString addressKey = QStringLiteral("address:") + r.clientAddress;

    qint64 wait = 0;
    for (const auto &[key, slow, lock] : {std::tuple{emailKey, m_policy.emailSlowAfter, m_policy.emailLockAfter},
                                          std::tuple{addressKey, m_policy.addressSlowAfter, m_policy.addressLockAfter}}) {
        if (key == addressKey && r.clientAddress.isEmpty())
            continue;
        auto w = throttleWait(key, slow, lock, now);
        if (!w)
            return w.error();
        wait = std::max(wait, w.value());
    }
    if (wait > 0) {
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
        for (const auto &[key, lock] : {std::pair{emailKey, m_policy.emailLockAfter}, std::pair{addressKey, m_policy.addressLockAfter}}) {
            if (key == addressKey && r.clientAddress.isEmpty())
                continue;
            if (auto s = recordFailure(key, lock, now); !s)
                return s.error();
        }
        // Into the log of each tenant where the email exists (its admins
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
