#include "storage/auditlog.h"

#include "storage/database.h"

#include <QJsonDocument>

namespace puente {

Status AuditLog::append(QSqlDatabase connection, const AuditEntry &e)
{
    Sql q(connection, QStringLiteral("INSERT INTO audit_log (tenant_id, actor_user_id, actor_label, action, target_type, "
                                     "target_id, details, client_address, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.bind(e.tenantId.isValid() ? QVariant(e.tenantId.value) : QVariant(QMetaType(QMetaType::LongLong)))
        .bind(e.actorUserId.isValid() ? QVariant(e.actorUserId.value) : QVariant(QMetaType(QMetaType::LongLong)))
        .bind(e.actorLabel)
        .bind(e.action)
        .bind(nullIfEmpty(e.targetType))
        .bind(nullIfEmpty(e.targetId))
        .bind(QString::fromUtf8(QJsonDocument(e.details).toJson(QJsonDocument::Compact)))
        .bind(nullIfEmpty(e.clientAddress))
        .bind(nowMs());
    return q.exec();
}

} // namespace puente
