#include "messaging/webhookinbox.h"

#include "storage/database.h"


namespace puente {

struct WebhookInbox::Item {
    QByteArray body;
    TenantId signedBy;
    StoredCallback stored;
};

WebhookInbox::WebhookInbox(Database &db, CommittedCallback onCommitted, bool powerSafe)
    : m_db(db)
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
        return stored(Result<qint64>(makeError("shutting_down", QStringLiteral("the server is stopping"))));
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

void WebhookInbox::run()
{
    constexpr int kMaxBatch = 512;
    // WAL with synchronous=NORMAL already survives a crash of the process
    // (kill -9); FULL also survives a power cut or kernel crash, at the cost of
    // an fsync per group commit. The setting is per connection.
    if (m_db.dialect() == Dialect::Sqlite && m_powerSafe)
        (void)Sql::run(m_db.connection(), QStringLiteral("PRAGMA synchronous=FULL"));
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
        QList<Result<qint64>> results;
        Status committed;
        {
            Transaction tx(m_db, Transaction::Priority::Urgent);
            committed = tx.begun();
            if (committed) {
                for (Item *item : std::as_const(batch)) {
                    Result<qint64> id = insert(tx.connection(), item->body, item->signedBy);
                    if (!id) {
                        committed = id.error();
                        break;
                    }
                    results.append(id);
                }
                if (committed)
                    committed = tx.commit();
            }
        }
        for (int i = 0; i < batch.size(); ++i) {
            Item *item = batch[i];
            item->stored(committed ? results.value(i, makeError("storage_error", QStringLiteral("no id"))) : Result<qint64>(committed.error()));
            delete item;
        }
        if (committed && m_onCommitted)
            m_onCommitted();
    }
}

} // namespace puente
