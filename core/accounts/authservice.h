#pragma once

#include "common/result.h"
#include "crypto/passwordhash.h"
#include "domain/tenant.h"
#include "domain/user.h"
#include "storage/sessionrepository.h"

#include <optional>

namespace puente {

class Database;

// How long sessions live and how sign-in failures are throttled.
struct AuthPolicy {
    qint64 sessionIdleMs = 12LL * 3600 * 1000;        // unused this long: signed out
    qint64 sessionAbsoluteMs = 7LL * 24 * 3600 * 1000; // signed out this long after sign-in, used or not
    // Per email address: after `slowAfter` failures in `windowMs` each further
    // attempt waits 1, 2, 4... seconds after the last failure; at `lockAfter`
    // failures the address is locked for `lockMs`. Per client address the
    // thresholds are higher (offices share one address).
    int emailSlowAfter = 5;
    int emailLockAfter = 10;
    int addressSlowAfter = 20;
    int addressLockAfter = 50;
    qint64 windowMs = 15 * 60 * 1000;
    qint64 lockMs = 15 * 60 * 1000;
    crypto::ScryptParams scrypt; // for new hashes and re-hashing weaker ones at sign-in
};

struct LoginRequest {
    QString email;
    QString password;
    QString tenantSlug; // needed only when the email has accounts in several tenants
    QString clientAddress;
    QString userAgent;
};

struct LoginResult {
    QString token;
    Session session;
    User user;
    std::optional<Tenant> tenant; // none for a platform admin
};

// Sign-in. Errors (code → what the API answers):
//  invalid_credentials (401) — wrong email or password, never which one;
//  too_many_attempts (429) — throttled, `retryAfterMs` says how long;
//  tenant_required (422) — the password fits accounts in several tenants;
//  tenant_suspended (403) — with the reason the platform gave.
// Every attempt is audited (auth.login, auth.login_failed).
class AuthService {
public:
    // Makes one password hash (the cost of a sign-in): create one per server.
    explicit AuthService(Database &db, AuthPolicy policy = {});

    Result<LoginResult> login(const LoginRequest &request, qint64 *retryAfterMs = nullptr);
    const AuthPolicy &policy() const { return m_policy; }

private:
    // Counts an attempt against `key` unless it must wait; returns the wait
    // (0: admitted and counted).
    Result<qint64> admit(const QString &key, int slowAfter, int lockAfter, qint64 now);
    // Takes back one counted attempt (it was not a wrong password).
    Status release(const QString &key);
    Status clearFailures(const QString &key);

    Database &m_db;
    AuthPolicy m_policy;
    // Verified against when no account matches, so that a wrong email costs
    // the same time as a wrong password.
    QString m_dummyHash;
};

} // namespace puente
