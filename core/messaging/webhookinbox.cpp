#include "messaging/webhookinbox.h"

#include "storage/sql.h"

namespace puente {

struct WebhookInbox::Item {
    QByteArray body;
    TenantId signedBy;
    StoredCallback stored;
};

WebhookInbox::WebhookInbox(Database &db, CommittedCallback onCommitted, bool powerSafe)
    : m_db(db.inbox())
    , m_onCommitted(std::move(onCommitted))
    , m_powerSafe(powerSafe)
{
    m_worker.start([this] { run(); });
}

WebhookInbox::~WebhookInbox()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true; // nothing more is queued; what is queued is written
    }
    m_worker.stop();
}

void WebhookInbox::submit(const QByteArray &body, TenantId signedBy, StoredCallback stored, bool wakeNow)
{
    bool queued = false;
    bool wasEmpty = false;
    {
        std::lock_guard lock(m_mutex);
        if (!m_stopping) {
            wasEmpty = m_queue.isEmpty();
            m_queue.append(new Item{body, signedBy, std::move(stored)});
            queued = true;
        }
    }
    if (!queued)
        return stored(makeError("shutting_down", QStringLiteral("the server is stopping")));
    // The writer only sleeps on an empty queue.
    if (wasEmpty && wakeNow)
        m_worker.wake();
}

void WebhookInbox::markDone(const QList<qint64> &ids, StoredCallback marked)
{
    bool queued = false;
    bool wasIdle = false;
    {
        std::lock_guard lock(m_mutex);
        if (!m_stopping) {
            wasIdle = m_queue.isEmpty() && m_marks.isEmpty();
            m_marks.append({ids, std::move(marked)});
            queued = true;
        }
    }
    if (!queued)
        return marked(makeError("shutting_down", QStringLiteral("the server is stopping")));
    if (wasIdle)
        m_worker.wake();
}

Result<qint64> WebhookInbox::insert(QSqlDatabase tx, const QByteArray &body, TenantId signedBy)
{
    Sql q(tx, QStringLiteral("INSERT INTO webhook_inbox (received_at, body, signed_by_tenant_id, status) VALUES (?, ?, ?, 'pending') RETURNING id"));
    q.bind(nowMs()).bind(body).bind(signedBy.isValid() ? QVariant(signedBy.value) : QVariant(QMetaType(QMetaType::LongLong)));
    if (auto s = q.exec(); !s)
        return s.error();
    if (!q.next())
        return makeError("storage_error", QStringLiteral("inbox insert returned no row"));
    return q.int64(0);
}

Result<qint64> WebhookInbox::insertAlone(Database &inbox, const QByteArray &body, TenantId signedBy)
{
    Transaction tx(inbox);
    if (!tx.begun())
        return tx.begun().error();
    auto id = insert(tx.connection(), body, signedBy);
    if (!id)
        return id;
    if (auto s = tx.commit(); !s)
        return s.error();
    return id;
}

Status WebhookInbox::markRows(QSqlDatabase tx, const QList<qint64> &ids)
{
    const qint64 now = nowMs();
    constexpr qsizetype kChunk = 256;
    for (qsizetype from = 0; from < ids.size(); from += kChunk) {
        const qsizetype count = std::min(kChunk, ids.size() - from);
        QString sql = QStringLiteral("UPDATE webhook_inbox SET status = 'done', processed_at = ?, attempts = attempts + 1 WHERE id IN (");
        for (qsizetype i = 0; i < count; ++i)
            sql += i ? QStringLiteral(", ?") : QStringLiteral("?");
        Sql q(tx, sql + QLatin1Char(')'));
        q.bind(now);
        for (qsizetype i = 0; i < count; ++i)
            q.bind(ids[from + i]);
        if (auto s = q.exec(); !s)
            return s;
    }
    return {};
}

Result<qint64> WebhookInbox::prune(Database &inbox, qint64 maxAgeMs, int maxChunks)
{
    return deleteOlderThan(inbox, QStringLiteral("webhook_inbox"), QStringLiteral("received_at"), nowMs() - maxAgeMs,
                           QStringLiteral("status = 'done'"), maxChunks);
}

namespace {
// One INSERT of `count` rows (fewer statements to run than bodies).
QString insertRows(int count)
{
    QString sql = QStringLiteral("INSERT INTO webhook_inbox (received_at, body, signed_by_tenant_id, status) VALUES ");
    for (int i = 0; i < count; ++i)
        sql += i ? QStringLiteral(", (?, ?, ?, 'pending')") : QStringLiteral("(?, ?, ?, 'pending')");
    return sql;
}
} // namespace

void WebhookInbox::run()
{
    constexpr int kMaxBatch = 512;
    // Statement shapes: a batch is written as chunks of these many rows.
    static const int kChunks[] = {64, 16, 4, 1};
    static const QString kInsert[] = {insertRows(64), insertRows(16), insertRows(4), insertRows(1)};
    if (m_db.dialect() == Dialect::Sqlite) {
        // WAL with synchronous=NORMAL already survives a crash of the process
        // (kill -9); FULL also survives a power cut or kernel crash, at the
        // cost of an fsync per group commit. The setting is per connection.
        if (m_powerSafe)
            (void)Sql::run(m_db.connection(), QStringLiteral("PRAGMA synchronous=FULL"));
        // Checkpoints (copying the WAL back into the database) are left to
        // the other connections' commits, the processor's above all, so that
        // acknowledgements never wait for one.
        (void)Sql::run(m_db.connection(), QStringLiteral("PRAGMA wal_autocheckpoint=0"));
    }
    for (;;) {
        QList<Item *> batch;
        QList<Mark> marks;
        {
            std::lock_guard lock(m_mutex);
            batch = m_queue.mid(0, kMaxBatch);
            m_queue.remove(0, batch.size());
            marks.swap(m_marks);
        }
        if (batch.isEmpty() && marks.isEmpty()) {
            // Stopping: what was queued before has been written.
            if (!m_worker.waitForWork())
                break;
            continue;
        }
        Status committed;
        Status marked;
        {
            Transaction tx(m_db, Transaction::Priority::Urgent);
            committed = tx.begun();
            const qint64 now = nowMs();
            for (qsizetype done = 0; committed && done < batch.size();) {
                int shape = 0;
                while (kChunks[shape] > batch.size() - done)
                    ++shape;
                Sql q(tx.connection(), kInsert[shape]);
                for (int i = 0; i < kChunks[shape]; ++i) {
                    const Item *item = batch[done + i];
                    q.bind(now).bind(item->body).bind(item->signedBy.isValid() ? QVariant(item->signedBy.value)
                                                                             : QVariant(QMetaType(QMetaType::LongLong)));
                }
                committed = q.exec();
                done += kChunks[shape];
            }
            // A failed mark (an I/O error, say) ends the transaction like
            // any failed statement: the bodies are answered 503 (Meta
            // sends them again) and the processed rows stay pending.
            for (const Mark &mark : std::as_const(marks))
                if (committed && marked)
                    marked = markRows(tx.connection(), mark.ids);
            if (committed)
                committed = tx.commit();
        }
        if (committed)
            m_stored.fetch_add(batch.size(), std::memory_order_relaxed);
        for (Item *item : std::as_const(batch)) {
            item->stored(committed);
            delete item;
        }
        for (const Mark &mark : std::as_const(marks))
            mark.marked(committed ? marked : committed);
        if (committed && !batch.isEmpty() && m_onCommitted)
            m_onCommitted();
    }
}

} // namespace puente
