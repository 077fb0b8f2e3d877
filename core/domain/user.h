#pragma once

#include "protocol/enums.h"

#include "common/result.h"
#include "domain/ids.h"

#include <QString>

#include <optional>

namespace puente {

using protocol::Role; // the API's words (protocol/enums.h)

QString toString(Role role);
std::optional<Role> roleFromString(const QString &s);

struct User {
    UserId id;
    TenantId tenantId; // invalid for platform admins
    QString email;
    QString name;
    Role role = Role::Agent;
    bool active = true;
    qint64 createdAt = 0;
    qint64 lastLoginAt = 0;
};

// Lower-cased, trimmed; an error when it is not a plausible address.
Result<QString> normalizeEmail(const QString &email);

// The password rules every account follows. The message says what to fix.
Status checkPasswordPolicy(const QString &password);

} // namespace puente
