#pragma once

#include "common/result.h"
#include "crypto/passwordhash.h"
#include "domain/user.h"
#include "storage/auditlog.h"

#include <QList>

#include <optional>

namespace puente {

class Database;

struct NewUser {
    TenantId tenantId; // invalid for a platform admin
    QString email;
    QString name;
    Role role = Role::Agent;
    QString password;
};

struct UserChanges {
    std::optional<QString> name;
    std::optional<Role> role;
    std::optional<bool> active;
    std::optional<QString> password; // a reset: every session of the user ends
};

class UserRepository {
public:
    explicit UserRepository(Database &db, crypto::ScryptParams params = {}) : m_db(db), m_params(params) {}

    // Validates email, name, role/tenant pairing and the password policy;
    // stores only a scrypt hash. Errors: invalid_email, invalid_name,
    // weak_password, invalid_role, email_taken.
    Result<User> create(const NewUser &user, const Actor &actor);
    // The tenant's users, by name. Tenant-scoped like every lookup here.
    Result<QList<User>> list(TenantId tenant);
    Result<std::optional<User>> find(TenantId tenant, UserId id);
    // Errors: not_found (also for another tenant's user), invalid_name,
    // invalid_role, weak_password, last_admin (a tenant keeps at least one
    // active tenant_admin). Deactivating or resetting the password ends the
    // user's sessions; the audit entry names the fields, never the password.
    Result<User> update(TenantId tenant, UserId id, const UserChanges &changes, const Actor &actor);
    // Every active account with this email (platform admin and tenant users),
    // with its password hash: the sign-in candidates.
    struct Candidate {
        User user;
        QString passwordHash;
    };
    Result<QList<Candidate>> signInCandidates(const QString &email);
    Status recordLogin(UserId id, const QString &rehashedPassword = {});
    // Tenant-scoped lookup: a user of another tenant is not found.
    Result<std::optional<User>> findByEmail(TenantId tenant, const QString &email);
    Result<std::optional<User>> findPlatformAdmin(const QString &email);
    // The stored password hash, for sign-in checks.
    Result<QString> passwordHash(UserId id);

private:
    Database &m_db;
    crypto::ScryptParams m_params;
};

} // namespace puente
