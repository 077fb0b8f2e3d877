#pragma once

#include "common/result.h"
#include "crypto/passwordhash.h"
#include "domain/user.h"

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

class UserRepository {
public:
    explicit UserRepository(Database &db, crypto::ScryptParams params = {}) : m_db(db), m_params(params) {}

    // Validates email, name, role/tenant pairing and the password policy;
    // stores only a scrypt hash. Errors: invalid_email, invalid_name,
    // weak_password, invalid_role, email_taken.
    Result<User> create(const NewUser &user, const QString &actorLabel);
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
