#pragma once

#include "common/result.h"
#include "protocol/types.h"
#include "domain/ids.h"

#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace puente {

class Database;

// Who did something, for the audit log: a signed-in user (id + email), an
// API key ("api-key:CRM"), "cli" or "system"; and from which address.
struct Actor {
    Actor() = default;
    Actor(const QString &label) : label(label) {} // NOLINT: a bare label is the common case
    Actor(UserId user, const QString &label, const QString &address = {}) : userId(user), label(label), clientAddress(address) {}
    UserId userId;
    QString label;
    QString clientAddress;
};

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

struct AuditQuery {
    std::optional<TenantId> tenant; // nullopt: every tenant and platform-wide entries
    UserId actor;                   // invalid: anyone
    QString actorLabel;             // exact match when not empty
    QString actionPrefix;           // "user." matches user.created, user.updated...
    qint64 fromMs = 0;
    qint64 toMs = 0;                // 0: now
    qint64 beforeId = 0;            // paging: entries older than this id
    int limit = 50;
};

namespace AuditLog {
// Appends inside the caller's transaction, so the entry and the change it
// describes commit (or roll back) together. The log is append-only: nothing
// in Puente updates or deletes its rows (tenant deletion cascades).
Status append(QSqlDatabase connection, const AuditEntry &entry);
// The same, with the actor's id, label and address filled from `actor`.
Status append(QSqlDatabase connection, const Actor &actor, TenantId tenant, const QString &action,
              const QString &targetType, const QString &targetId, const QJsonObject &details = {});
// The same in a transaction of its own: for actions that change nothing
// else (a sign-out, a read by a platform admin, a refusal).
Status record(Database &db, const Actor &actor, TenantId tenant, const QString &action, const QString &targetType,
              const QString &targetId, const QJsonObject &details = {});
// Newest first.
Result<QList<protocol::AuditEntry>> query(Database &db, const AuditQuery &query);
} // namespace AuditLog

} // namespace puente
