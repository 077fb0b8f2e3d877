#pragma once

#include "common/result.h"
#include "domain/ids.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>

namespace puente {

struct AuditEntry {
    TenantId tenantId;     // invalid for platform-wide actions
    UserId actorUserId;    // invalid for the system or the command line
    QString actorLabel;    // who, readable: an email, "system", "cli"
    QString action;        // dotted verb: "tenant.created", "whatsapp_config.token_changed"
    QString targetType;
    QString targetId;
    QJsonObject details;   // never a secret
    QString clientAddress = {};
};

namespace AuditLog {
// Appends inside the caller's transaction, so the entry and the change it
// describes commit (or roll back) together.
Status append(QSqlDatabase connection, const AuditEntry &entry);
} // namespace AuditLog

} // namespace puente
