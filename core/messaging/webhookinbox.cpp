#include "messaging/webhookinbox.h"

#include "storage/database.h"

#include <pthread.h>


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
    , m_thread([this] { run(); })
{
}

WebhookInbox::~WebhookInbox()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

void WebhookInbox::submit(const QByteArray &body, TenantId signedBy, StoredCallback stored)
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
    if (wasEmpty)
        m_wake.notify_one();
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

Result<qint64> WebhookInbox::insertAlone(Database &inbox, const QByteArray &body)
{
    Transaction tx(inbox);
    if (!tx.begun())
        return tx.begun().error();
    auto id = insert(tx.connection(), body);
    if (!id)
        return id;
    if (auto s = tx.commit(); !s)
        return s.error();
    return id;
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
    ::pthread_setname_np(::pthread_self(), "inbox-writer");
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
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_queue.isEmpty(); });
            if (m_queue.isEmpty() && m_stopping)
                break;
            batch = m_queue.mid(0, kMaxBatch);
            m_queue.remove(0, batch.size());
        }
        Status committed;
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
            if (committed)
                committed = tx.commit();
        }
        for (Item *item : std::as_const(batch)) {
            item->stored(committed);
            delete item;
        }
        if (committed && m_onCommitted)
            m_onCommitted();
    }
}

} // namespace puente
