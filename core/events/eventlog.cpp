#include "events/eventlog.h"

#include "storage/sql.h"

#include <QJsonDocument>

#include <map>

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
    if (tx.driverName() == QLatin1String("QPSQL")) {
        // One round trip instead of EventBatch's two.
        const QString data = QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact));
        const qint64 now = nowMs();
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
    EventBatch batch(tx);
    batch.append(tenant, type, payload);
    if (auto s = batch.write(); !s)
        return s.error();
    return batch.events().first();
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

Result<qint64> prune(Database &db, qint64 maxAgeMs, int maxChunks)
{
    return deleteOlderThan(db, QStringLiteral("events"), QStringLiteral("created_at"), nowMs() - maxAgeMs, {}, maxChunks);
}

} // namespace EventLog

void EventBatch::append(TenantId tenant, const QString &type, const QJsonObject &data)
{
    m_events.append(Event{tenant, 0, type, data, nowMs()});
}

Status EventBatch::write()
{
    if (m_written == m_events.size())
        return {};
    std::map<qint64, qint64> firstSeq; // tenant -> its events' count, then their first seq
    for (qsizetype i = m_written; i < m_events.size(); ++i)
        ++firstSeq[m_events[i].tenantId.value];
    for (auto &[tenant, next] : firstSeq) {
        Sql counter(m_tx, QStringLiteral("INSERT INTO tenant_event_counters (tenant_id, last_seq) VALUES (?, ?) "
                                         "ON CONFLICT (tenant_id) DO UPDATE SET last_seq = tenant_event_counters.last_seq + excluded.last_seq "
                                         "RETURNING last_seq"));
        counter.bind(tenant).bind(next);
        if (auto s = counter.exec(); !s)
            return s;
        if (!counter.next())
            return makeError("storage_error", QStringLiteral("event counter returned no row"));
        next = counter.int64(0) - next + 1;
    }
    for (qsizetype i = m_written; i < m_events.size(); ++i)
        m_events[i].seq = firstSeq[m_events[i].tenantId.value]++;
    while (m_written < m_events.size()) {
        const qsizetype n = std::min(kRowsPerStatement, m_events.size() - m_written);
        Sql insert(m_tx, QStringLiteral("INSERT INTO events (tenant_id, seq, type, data, created_at) VALUES ")
                             + placeholders(n, QStringLiteral("(?, ?, ?, ?, ?)")));
        for (qsizetype i = m_written; i < m_written + n; ++i) {
            const Event &e = m_events[i];
            insert.bind(e.tenantId.value).bind(e.seq).bind(e.type)
                .bind(QString::fromUtf8(QJsonDocument(e.data).toJson(QJsonDocument::Compact))).bind(e.createdAt);
        }
        if (auto s = insert.exec(); !s)
            return s;
        m_written += n;
    }
    return {};
}

} // namespace puente
