#include "storage/auditlog.h"

#include "storage/sql.h"

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

namespace puente {

Status AuditLog::append(QSqlDatabase connection, const Actor &actor, TenantId tenant, const QString &action,
                        const QString &targetType, const QString &targetId, const QJsonObject &details)
{
    return append(connection, AuditEntry{tenant, actor.userId, actor.label, action, targetType, targetId, details, actor.clientAddress});
}

Status AuditLog::record(Database &db, const Actor &actor, TenantId tenant, const QString &action, const QString &targetType,
                        const QString &targetId, const QJsonObject &details)
{
    Transaction tx(db);
    if (!tx.begun())
        return tx.begun();
    if (auto s = append(tx.connection(), actor, tenant, action, targetType, targetId, details); !s)
        return s;
    return tx.commit();
}

Result<QList<protocol::AuditEntry>> AuditLog::query(Database &db, const AuditQuery &aq)
{
    QString sql = QStringLiteral("SELECT id, tenant_id, actor_user_id, actor_label, action, target_type, target_id, details, "
                                 "client_address, created_at FROM audit_log WHERE 1 = 1");
    QVariantList binds;
    if (aq.tenant) {
        if (aq.tenant->isValid()) {
            sql += QStringLiteral(" AND tenant_id = ?");
            binds << aq.tenant->value;
        } else {
            sql += QStringLiteral(" AND tenant_id IS NULL");
        }
    }
    if (aq.actor.isValid()) {
        sql += QStringLiteral(" AND actor_user_id = ?");
        binds << aq.actor.value;
    }
    if (!aq.actorLabel.isEmpty()) {
        sql += QStringLiteral(" AND actor_label = ?");
        binds << aq.actorLabel;
    }
    if (!aq.actionPrefix.isEmpty()) {
        // A prefix match without LIKE's wildcards: substr is portable.
        sql += QStringLiteral(" AND substr(action, 1, ?) = ?");
        binds << qint64(aq.actionPrefix.size()) << aq.actionPrefix;
    }
    if (aq.fromMs > 0) {
        sql += QStringLiteral(" AND created_at >= ?");
        binds << aq.fromMs;
    }
    if (aq.toMs > 0) {
        sql += QStringLiteral(" AND created_at <= ?");
        binds << aq.toMs;
    }
    if (aq.beforeId > 0) {
        sql += QStringLiteral(" AND id < ?");
        binds << aq.beforeId;
    }
    sql += QStringLiteral(" ORDER BY id DESC LIMIT ?");
    binds << qint64(qBound(1, aq.limit, 500));
    Sql q(db.connection(), sql);
    for (const QVariant &b : binds)
        q.bind(b);
    if (auto s = q.exec(); !s)
        return s.error();
    QList<protocol::AuditEntry> out;
    while (q.next()) {
        protocol::AuditEntry e{q.int64(0), {}, {}, q.text(3), q.text(4), q.text(5), q.text(6),
                               QJsonDocument::fromJson(q.text(7).toUtf8()).object(), q.text(8), q.int64(9)};
        if (!q.isNull(1))
            e.tenantId = q.int64(1);
        if (!q.isNull(2))
            e.actorUserId = q.int64(2);
        out.append(e);
    }
    return out;
}

} // namespace puente
