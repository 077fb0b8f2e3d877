#include "events/eventlog.h"

#include "storage/database.h"

#include <QJsonDocument>

namespace puente {

QJsonObject Event::toFrame() const
{
    return {{QStringLiteral("seq"), seq}, {QStringLiteral("type"), type}, {QStringLiteral("data"), data}};
}

namespace EventLog {

Result<Event> append(QSqlDatabase tx, TenantId tenant, const QString &type, const QJsonObject &payload)
{
    // The counter row serialises writers of one tenant (a row lock on
    // PostgreSQL, the single writer on SQLite): seqs never repeat or skip.
    const QString data = QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact));
    const qint64 now = nowMs();
    if (tx.driverName() == QLatin1String("QPSQL")) {
        // One round trip instead of two.
        Sql q(tx, QStringLiteral("WITH c AS (INSERT INTO tenant_event_counters (tenant_id, last_seq) VALUES (?, 1) "
                                 "ON CONFLICT (tenant_id) DO UPDATE SET last_seq = tenant_event_counters.last_seq + 1 "
                                 "RETURNING last_seq) "
                                 "INSERT INTO events (tenant_id, seq, type, data, created_at) SELECT ?, last_seq, ?, ?, ? FROM c RETURNING seq"));
        q.bind(tenant.value).bind(tenant.value).bind(type).bind(data).bind(now);
        if (auto s = q.exec(); !s)
            return s.error();
        if (!q.next())
            return makeError("storage_error", QStringLiteral("event insert returned no row"));
        return Event{tenant, q.int64(0), type, payload, now};
    }
    Sql counter(tx, QStringLiteral("INSERT INTO tenant_event_counters (tenant_id, last_seq) VALUES (?, 1) "
                                   "ON CONFLICT (tenant_id) DO UPDATE SET last_seq = tenant_event_counters.last_seq + 1 "
                                   "RETURNING last_seq"));
    counter.bind(tenant.value);
    if (auto s = counter.exec(); !s)
        return s.error();
    if (!counter.next())
        return makeError("storage_error", QStringLiteral("event counter returned no row"));
    Event e{tenant, counter.int64(0), type, payload, now};
    counter.finish();
    Sql insert(tx, QStringLiteral("INSERT INTO events (tenant_id, seq, type, data, created_at) VALUES (?, ?, ?, ?, ?)"));
    insert.bind(tenant.value).bind(e.seq).bind(type).bind(data).bind(now);
    if (auto s = insert.exec(); !s)
        return s.error();
    return e;
}

Result<QList<Event>> since(Database &db, TenantId tenant, qint64 afterSeq, int limit)
{
    Sql q(db.connection(), QStringLiteral("SELECT seq, type, data, created_at FROM events WHERE tenant_id = ? AND seq > ? "
                                          "ORDER BY seq LIMIT ?"));
    q.bind(tenant.value).bind(afterSeq).bind(limit);
    if (auto s = q.exec(); !s)
        return s.error();
    QList<Event> out;
    while (q.next())
        out.append({tenant, q.int64(0), q.text(1), QJsonDocument::fromJson(q.text(2).toUtf8()).object(), q.int64(3)});
    return out;
}

Result<qint64> lastSeq(Database &db, TenantId tenant)
{
    Sql q(db.connection(), QStringLiteral("SELECT last_seq FROM tenant_event_counters WHERE tenant_id = ?"));
    q.bind(tenant.value);
    if (auto s = q.exec(); !s)
        return s.error();
    return q.next() ? q.int64(0) : 0;
}

Result<int> prune(Database &db, qint64 maxAgeMs)
{
    Transaction tx(db);
    if (!tx.begun())
        return tx.begun().error();
    Sql q(tx.connection(), QStringLiteral("DELETE FROM events WHERE created_at < ?"));
    q.bind(nowMs() - maxAgeMs);
    if (auto s = q.exec(); !s)
        return s.error();
    const int n = q.rowsAffected();
    if (auto s = tx.commit(); !s)
        return s.error();
    return n;
}

} // namespace EventLog
} // namespace puente
