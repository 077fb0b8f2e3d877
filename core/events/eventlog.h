#pragma once

#include "common/result.h"
#include "domain/ids.h"

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QSqlDatabase>

#include <limits>

namespace puente {

class Database;

// One change a tenant's consoles should see: "message.created",
// "message.updated", "conversation.updated", "account.event", ...
// `seq` grows by one per tenant, so a client can resume without gaps.
struct Event {
    TenantId tenantId;
    qint64 seq = 0;
    QString type;
    QJsonObject data;
    qint64 createdAt = 0;

    // {"seq":N,"type":"...","data":{...}}: the WebSocket frame.
    QJsonObject toFrame() const;
};

// The durable event log behind WebSocket resume.
namespace EventLog {
// Appends inside the caller's transaction and returns the event with its seq.
Result<Event> append(QSqlDatabase tx, TenantId tenant, const QString &type, const QJsonObject &data);
// Events with seq > afterSeq, oldest first, at most `limit`.
Result<QList<Event>> since(Database &db, TenantId tenant, qint64 afterSeq, int limit);
// The last seq handed out for the tenant (0 if none).
Result<qint64> lastSeq(Database &db, TenantId tenant);
// Deletes events older than `maxAgeMs` (see deleteOlderThan); clients
// further behind get a resync.
Result<qint64> prune(Database &db, qint64 maxAgeMs, int maxChunks = std::numeric_limits<int>::max());
} // namespace EventLog

// Events of one transaction, written together just before it commits:
// each tenant's counter is advanced once (by the number of its events) and
// the events go in by multi-row INSERTs, instead of two statements per
// event. On PostgreSQL the counter rows are locked at the end, in tenant
// order, after the rows the transaction changed, as every writer does.
// Seqs are handed out by write(): events() is complete after it.
class EventBatch {
public:
    explicit EventBatch(QSqlDatabase tx) : m_tx(tx) {}
    void append(TenantId tenant, const QString &type, const QJsonObject &data);
    // One of another batch's events not written yet (seq still 0).
    void append(const Event &event) { m_events.append(event); }
    // Before the commit; may be called again for events appended since.
    Status write();
    const QList<Event> &events() const { return m_events; }

private:
    QSqlDatabase m_tx;
    QList<Event> m_events;
    qsizetype m_written = 0;
};

// In-process fan-out of committed events. publish() may be called from any
// thread; receivers connect with Qt::QueuedConnection to get them on their own.
class EventBus : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    void publish(const QList<Event> &events) { if (!events.isEmpty()) Q_EMIT published(events); }

Q_SIGNALS:
    void published(const QList<puente::Event> &events);
};

} // namespace puente

Q_DECLARE_METATYPE(puente::Event)
