#include "messaging/dispatcher.h"

#include "logging/logging.h"
#include "messaging/inboundstore.h"
#include "messaging/rows.h"
#include "secrets/sealedcolumns.h"
#include "storage/sql.h"
#include "storage/whatsappconfigrepository.h"
#include "storage/health.h"

#include <QHash>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSet>
#include <QTimer>

#include <algorithm>
#include <deque>
#include <unordered_map>

namespace puente {

namespace {
struct Job {
    qint64 outboxId = 0;
    qint64 messageId = 0;
    TenantId tenant;
    QJsonObject request;
    int attempts = 0; // including the one being made
    bool bulk = false; // a campaign's: people's own messages go before it
};

struct Done {
    Job job;
    Transport::Outcome outcome;
    friend bool operator==(const Done &a, const Done &b) { return a.job.outboxId == b.job.outboxId; }
};

struct Bucket {
    std::deque<qint64> sent; // request times within the last second
    qint64 pausedUntilMs = 0;
};

qint64 backoff(const DispatcherSettings &s, int attempts, const meta::GraphError &e)
{
    const qint64 exp = std::min<qint64>(s.backoffMaxMs, s.backoffBaseMs << std::min(attempts - 1, 20));
    // "Full jitter" over the upper half: spreads retries of a burst apart.
    qint64 delay = exp / 2 + qint64(QRandomGenerator::global()->bounded(quint64(exp / 2 + 1)));
    if (e.code == 131056) // pair rate: one message per ~6 s to the same user
        delay = std::max<qint64>(delay, 6'000);
    return delay;
}

constexpr int kFlushMs = 20;

bool isRetryable(const meta::GraphError &e)
{
    // Meta's temporary errors besides the classified kinds.
    static const QSet<int> temporary = {1, 2, 131000, 131016, 131057, 133004, 131048};
    return e.retryable() || temporary.contains(e.code);
}
} // namespace

class OutboxDispatcher::Worker : public QObject {
public:
    // The timers are children so that they move to the worker's thread with it.
    Worker(OutboxDispatcher &owner) : m_owner(owner), m_poll(this), m_flushTimer(this) {}

    void begin()
    {
        m_transport = m_owner.m_factory ? m_owner.m_factory(m_owner.m_settings.graph)
                                        : std::make_unique<CloudApiTransport>(m_owner.m_settings.graph);
        m_poll.setInterval(m_owner.m_settings.pollMs);
        QObject::connect(&m_poll, &QTimer::timeout, this, [this] { tick(); });
        m_poll.start();
        m_flushTimer.setSingleShot(true);
        QObject::connect(&m_flushTimer, &QTimer::timeout, this, [this] { flush(); });
        sweep();
        tick();
    }

    void end()
    {
        m_stopped = true;
        m_poll.stop();
        m_flushTimer.stop();
        // Outcomes already known are recorded; requests still open stay
        // in_flight and are flagged after the lease (they may have arrived).
        flush();
        m_transport.reset();
    }

    // The next poll (within pollMs) loads: a burst of new messages costs one
    // load, not one each.
    void wake() { m_woken = true; }

private:
    // Swaps in a fresh list only when it could be read: a failed read never
    // makes configured tenants look unconnected.
    bool loadChannels(qint64 now)
    {
        QHash<qint64, Channel> fresh;
        auto channels = WhatsAppConfigRepository(m_owner.m_db, m_owner.m_keyring).activeChannels();
        if (!channels) {
            m_channelsAt = now - 9'000; // try again in a second
            m_channelsRead = false;
            return false;
        }
        for (const Channel &c : std::as_const(channels.value())) {
            // A new token lifts the pause that a refused one put on the tenant.
            const auto old = m_channels.constFind(c.tenant.value);
            if (old != m_channels.constEnd() && old->token != c.token)
                m_buckets[c.tenant.value].pausedUntilMs = 0;
            fresh.insert(c.tenant.value, c);
        }
        m_channels = fresh;
        m_channelsAt = now;
        m_channelsRead = true;
        return true;
    }

    void load(qint64 now)
    {
        // One probe per tenant into outbox_tenant_due (its pending rows in
        // id order, the first usually due), not a walk over every pending
        // row of every tenant: 30,000 queued made that ~30 ms a load. The
        // "+ 0" keeps SQLite's planner off outbox_due (state, next_attempt_at),
        // which it otherwise prefers and walks once per tenant.
        Sql tenants(m_owner.m_db.connection(), QStringLiteral(
            "SELECT t.id FROM tenants t WHERE t.status = 'active' AND EXISTS (SELECT 1 FROM outbox o WHERE o.tenant_id = t.id "
            "AND o.state = 'pending' AND o.next_attempt_at + 0 <= ?)"));
        tenants.bind(now);
        if (!tenants.exec())
            return;
        QList<qint64> due;
        while (tenants.next())
            due.append(tenants.int64(0));
        tenants.finish();
        for (qint64 tenant : due) {
            std::deque<Job> &queue = m_queues[tenant];
            const int rate = m_channels.contains(tenant) ? m_channels.value(tenant).throughputPerSecond : 16;
            const int want = std::max(16, rate * 2); // two seconds' worth
            // With half of that loaded already, only people's own messages
            // (not a campaign's) are looked for: they go ahead of the queue.
            const bool full = int(queue.size()) >= want / 2;
            if (full && std::none_of(queue.begin(), queue.end(), [](const Job &j) { return j.bulk; }))
                continue;
            Sql rows(m_owner.m_db.connection(),
                     QStringLiteral("SELECT o.id, o.message_id, o.request, o.attempts, CASE WHEN m.campaign_id IS NULL THEN 0 ELSE 1 END "
                                    "FROM outbox o JOIN whatsapp_messages m ON m.id = o.message_id WHERE o.tenant_id = ? "
                                    "AND o.state = 'pending' AND o.next_attempt_at <= ?%1 ORDER BY o.id LIMIT ?")
                         .arg(full ? QStringLiteral(" AND m.campaign_id IS NULL") : QString()));
            const qint64 loadedHere = m_loadedPerTenant.value(tenant);
            rows.bind(tenant).bind(now).bind(full ? qint64(16) + loadedHere : qint64(want) + loadedHere);
            if (!rows.exec())
                continue;
            const int room = full ? int(queue.size()) + 16 : want;
            while (rows.next() && int(queue.size()) < room) {
                const qint64 id = rows.int64(0);
                if (m_loaded.contains(id))
                    continue;
                m_loaded.insert(id);
                ++m_loadedPerTenant[tenant];
                Job job{id, rows.int64(1), TenantId(tenant), QJsonDocument::fromJson(rows.text(2).toUtf8()).object(), int(rows.int64(3)) + 1,
                        rows.int64(4) != 0};
                // A recruiter's reply (or a notification) goes ahead of the
                // campaign messages already waiting: they share the number's
                // throughput, and a campaign keeps half a second of it queued.
                auto at = job.bulk ? queue.end() : std::find_if(queue.begin(), queue.end(), [](const Job &j) { return j.bulk; });
                queue.insert(at, std::move(job));
            }
            if (!m_rotation.contains(tenant))
                m_rotation.append(tenant);
        }
    }

    // A sliding one-second window per number: never more than `rate` sends
    // in any second (what Meta counts), unlike a token bucket, whose burst
    // plus refill can reach twice the rate within one second.
    bool takeToken(qint64 tenant, int rate, qint64 now)
    {
        Bucket &b = m_buckets[tenant];
        if (b.pausedUntilMs > now)
            return false;
        // The window is a little longer than a second: requests reach Meta
        // with some jitter, and a gap that shrinks by a few ms on the way
        // must not put rate + 1 into one of Meta's seconds.
        while (!b.sent.empty() && now - b.sent.front() >= 1000 + m_owner.m_settings.windowMarginMs)
            b.sent.pop_front();
        if (int(b.sent.size()) >= rate)
            return false;
        // And spread over the second: about an eighth of the rate in any
        // eighth of a second. A window filled in one burst held every send
        // after it (a recruiter's reply among them) for most of a second.
        // The slice is shortened by half a poll: a slot that frees between
        // two passes is taken at the next (the second's window above stays
        // exact; this only smooths, and at 125 ms it cost 10 % of the rate).
        const int perSlice = std::max(1, (rate + 7) / 8);
        const qint64 slice = std::max<qint64>(50, 125 - m_owner.m_settings.pollMs / 2);
        int inSlice = 0;
        for (auto it = b.sent.rbegin(); it != b.sent.rend() && now - *it < slice; ++it)
            ++inSlice;
        if (inSlice >= perSlice)
            return false;
        b.sent.push_back(now);
        return true;
    }

    void tick()
    {
        if (m_stopped)
            return;
        const qint64 now = nowMs();
        if (now - m_channelsAt > 10'000)
            loadChannels(now);
        if (now - m_sweptAt > 60'000)
            sweep();
        if (m_woken || now - m_loadedAt >= 200) {
            m_woken = false;
            m_loadedAt = now;
            load(now);
        }
        // Round-robin over tenants, one message each per pass, each number
        // within its one-second window. Each pass starts after the tenant served last, so that when only a
        // few request slots free up per tick they go round, not to the
        // tenants at the front.
        QList<Job> picked;
        bool progress = true;
        while (progress && m_inFlight + picked.size() < m_owner.m_settings.maxInFlight) {
            progress = false;
            const int n = int(m_rotation.size());
            for (int k = 0; k < n; ++k) {
                const qint64 tenant = m_rotation[(m_nextInRotation + k) % n];
                auto it = m_queues.find(tenant);
                if (it == m_queues.end() || it->second.empty())
                    continue;
                if (m_inFlight + picked.size() >= m_owner.m_settings.maxInFlight)
                    break;
                const auto channel = m_channels.constFind(tenant);
                // No channel: truly not configured (its messages fail at
                // once, no rate applies) only if the configurations were read.
                if (channel == m_channels.constEnd() && !m_channelsRead)
                    continue;
                const int rate = channel != m_channels.constEnd() ? channel->throughputPerSecond : 1000;
                if (!takeToken(tenant, rate, now))
                    continue;
                picked.append(it->second.front());
                it->second.pop_front();
                progress = true;
                m_nextInRotation = (m_nextInRotation + k + 1) % n;
                break; // the next pick starts after this tenant
            }
        }
        // Forget tenants with nothing queued.
        for (auto it = m_queues.begin(); it != m_queues.end();) {
            if (it->second.empty()) {
                m_rotation.removeAll(it->first);
                it = m_queues.erase(it);
            } else {
                ++it;
            }
        }
        if (!picked.isEmpty())
            claimAndSend(picked, now);
    }

    void forget(const Job &job)
    {
        m_loaded.remove(job.outboxId);
        if (--m_loadedPerTenant[job.tenant.value] <= 0)
            m_loadedPerTenant.remove(job.tenant.value);
    }

    void claimAndSend(const QList<Job> &jobs, qint64 now)
    {
        QList<Job> claimed;
        {
            Transaction tx(m_owner.m_db, Transaction::Priority::Background);
            if (!tx.begun()) {
                for (const Job &j : jobs)
                    forget(j);
                return;
            }
            // One statement per 32 rows (a round trip each on PostgreSQL).
            QSet<qint64> won;
            bool read = true;
            for (qsizetype from = 0; read && from < jobs.size(); from += kRowsPerStatement) {
                const qsizetype n = std::min(kRowsPerStatement, jobs.size() - from);
                // Joined to the ids, not "id IN (…) AND state = …": SQLite
                // would walk the state index (every pending row) instead.
                Sql q(tx.connection(), QStringLiteral("WITH claim (claimed_id) AS (VALUES %1) UPDATE outbox SET state = 'in_flight', "
                                                      "attempts = attempts + 1, updated_at = ? FROM claim WHERE id = claim.claimed_id "
                                                      "AND state = 'pending' RETURNING id")
                                                          .arg(placeholders(n, QStringLiteral("(CAST(? AS BIGINT))"))));
                for (qsizetype i = from; i < from + n; ++i)
                    q.bind(jobs[i].outboxId);
                q.bind(now);
                read = bool(q.exec());
                while (read && q.next())
                    won.insert(q.int64(0));
            }
            QList<Job> taken;
            for (const Job &j : jobs)
                (won.contains(j.outboxId) ? claimed : taken).append(j); // taken: another node claimed it
            // Committed before any request leaves: a crash from here on
            // leaves the rows in_flight, to be flagged, not re-sent.
            if (!read || !tx.commit()) {
                for (const Job &j : jobs)
                    forget(j); // still pending: loaded again later
                return;
            }
            for (const Job &j : std::as_const(taken))
                forget(j);
        }
        // A tenant connected since the configurations were last read: read
        // them again before failing its messages.
        // The window counts when requests leave, not when they were picked:
        // a slow claim transaction must not squeeze two seconds' worth into one.
        const qint64 sentAt = nowMs();
        if (sentAt != now) {
            QSet<qint64> tenants;
            for (const Job &job : jobs)
                tenants.insert(job.tenant.value);
            for (qint64 tenant : std::as_const(tenants)) {
                auto &sent = m_buckets[tenant].sent;
                for (auto it = sent.rbegin(); it != sent.rend() && *it == now; ++it)
                    *it = sentAt;
            }
        }
        bool channelsRead = true;
        for (const Job &job : std::as_const(claimed))
            if (!m_channels.contains(job.tenant.value)) {
                channelsRead = loadChannels(now);
                break;
            }
        for (const Job &job : std::as_const(claimed)) {
            const auto channel = m_channels.constFind(job.tenant.value);
            if (channel == m_channels.constEnd()) {
                Transport::Outcome o;
                // Unknown because the configurations could not be read: try
                // again later; really not configured: failed for good.
                o.error.kind = channelsRead ? meta::GraphError::Kind::InvalidParameter : meta::GraphError::Kind::Network;
                o.error.message = channelsRead ? QStringLiteral("WhatsApp is not connected for this company (no active configuration)")
                                               : QStringLiteral("the WhatsApp configuration could not be read");
                m_done.append({job, o});
                continue;
            }
            auto body = meta::buildMessageBody(job.request);
            if (!body) {
                Transport::Outcome o;
                o.error.kind = meta::GraphError::Kind::InvalidParameter;
                o.error.message = body.error().message;
                m_done.append({job, o});
                continue;
            }
            if (!m_transport)
                break; // stopping: the rows stay in_flight and are flagged after the lease
            ++m_inFlight;
            m_transport->send(*channel, body.value(), [this, job](Transport::Outcome outcome) {
                --m_inFlight;
                m_done.append({job, outcome});
                // Outcomes are stored together: 128 of them, or what came
                // within kFlushMs of the first (a send shows "sent" that
                // much later; each transaction costs a commit).
                if (m_done.size() >= 128)
                    flush();
                else if (!m_flushTimer.isActive())
                    m_flushTimer.start(kFlushMs);
            });
        }
        if (!m_done.isEmpty() && !m_flushTimer.isActive())
            m_flushTimer.start(kFlushMs);
    }

    // Records every known outcome in one transaction. If that fails (a
    // database error, or one outcome that cannot be stored), each outcome is
    // recorded on its own, so one bad row never holds up the others.
    void flush()
    {
        if (m_done.isEmpty())
            return;
        // Oldest tenant first, then message: every writer of the per-tenant
        // event counters takes them in the same order (no deadlocks).
        std::sort(m_done.begin(), m_done.end(), [](const Done &a, const Done &b) {
            return std::pair(a.job.tenant.value, a.job.messageId) < std::pair(b.job.tenant.value, b.job.messageId);
        });
        if (!recordBatch(m_done)) {
            QList<Done> stuck;
            for (const Done &d : std::as_const(m_done))
                if (!recordBatch({d}) && !(m_owner.m_db.ping() && giveUp(d)))
                    stuck.append(d);
            for (const Done &d : std::as_const(m_done))
                if (!stuck.contains(d))
                    forget(d.job);
            m_done = stuck;
            if (!m_done.isEmpty())
                m_flushTimer.start(500); // the database is away: try again
            return;
        }
        for (const Done &d : std::as_const(m_done))
            forget(d.job);
        m_done.clear();
    }

    bool recordBatch(const QList<Done> &batch)
    {
        const qint64 now = nowMs();
        Transaction tx(m_owner.m_db, Transaction::Priority::Background);
        if (!tx.begun())
            return false;
        // Every event of the batch, written at the end: the per-tenant
        // counters are taken once each, in tenant order.
        EventBatch events(tx.connection());
        QSet<qint64> unauthorizedTenants;
        Counters counts;
        QList<const Done *> accepted; // the common case, recorded together
        for (const Done &d : batch) {
            if (d.outcome.accepted && !isReceipt(d.job))
                accepted.append(&d);
            else if (!record(tx.connection(), d, now, events, &unauthorizedTenants, counts))
                return false;
        }
        if (!recordAccepted(tx.connection(), accepted, now, events, counts))
            return false;
        for (qint64 tenant : std::as_const(unauthorizedTenants)) {
            Sql q(tx.connection(), QStringLiteral("UPDATE whatsapp_config SET connection_status = 'failing', last_error = ?, updated_at = ? "
                                                  "WHERE tenant_id = ? AND api_type = 'business_api'"));
            q.bind(QStringLiteral("Meta refused the access token while sending. Paste a valid token in WhatsApp configuration."))
                .bind(now).bind(tenant);
            if (!q.exec())
                return false;
        }
        if (!events.write() || !tx.commit())
            return false;
        Counters &c = m_owner.m_counters;
        c.accepted += counts.accepted;
        c.failed += counts.failed;
        c.retried += counts.retried;
        c.rateLimited += counts.rateLimited;
        c.flagged += counts.flagged;
        if (!unauthorizedTenants.isEmpty())
            m_channelsAt = 0; // reload: the admin may have fixed it
        if (m_owner.m_bus)
            m_owner.m_bus->publish(events.events());
        return true;
    }

    // Sends Meta accepted: their wamids, `sent`, the outbox rows done and
    // statuses that came before the answer, 32 rows per statement.
    bool recordAccepted(QSqlDatabase tx, const QList<const Done *> &accepted, qint64 now, EventBatch &events, Counters &counts)
    {
        QHash<qint64, TenantId> tenantOf; // message id -> tenant
        for (const Done *d : accepted)
            tenantOf.insert(d->job.messageId, d->job.tenant);
        for (qsizetype from = 0; from < accepted.size(); from += kRowsPerStatement) {
            const qsizetype n = std::min(kRowsPerStatement, accepted.size() - from);
            Sql m(tx, QStringLiteral("WITH sent_now (mid, wamid) AS (VALUES %1) UPDATE whatsapp_messages SET provider_message_id = sent_now.wamid, "
                                     "status = CASE WHEN status = 'queued' THEN 'sent' ELSE status END, status_at = ?, updated_at = ? "
                                     "FROM sent_now WHERE id = sent_now.mid RETURNING %2")
                          .arg(placeholders(n, QStringLiteral("(CAST(? AS BIGINT), ?)")), rows::kMessageColumns));
            for (qsizetype i = from; i < from + n; ++i)
                m.bind(accepted[i]->job.messageId).bind(accepted[i]->outcome.sent.wamid);
            m.bind(now).bind(now);
            if (!m.exec())
                return false;
            while (m.next())
                events.append(tenantOf.value(m.int64(0)), QStringLiteral("message.updated"), rows::messageJson(m));
            m.finish();
            Sql ob(tx, QStringLiteral("UPDATE outbox SET state = 'done', last_error = NULL, updated_at = ? WHERE id IN (%1)").arg(placeholders(n)));
            ob.bind(now);
            for (qsizetype i = from; i < from + n; ++i)
                ob.bind(accepted[i]->job.outboxId);
            if (!ob.exec())
                return false;
            // Statuses Meta sent before we stored the wamid (rare): looked
            // for all at once, applied one by one.
            Sql early(tx, QStringLiteral("WITH answered (tid, wamid) AS (VALUES %1) SELECT DISTINCT p.tenant_id, p.provider_message_id "
                                         "FROM answered JOIN pending_statuses p ON p.tenant_id = answered.tid AND p.provider_message_id = answered.wamid")
                              .arg(placeholders(n, QStringLiteral("(CAST(? AS BIGINT), ?)"))));
            for (qsizetype i = from; i < from + n; ++i)
                early.bind(accepted[i]->job.tenant.value).bind(accepted[i]->outcome.sent.wamid);
            if (!early.exec())
                return false;
            QList<std::pair<qint64, QString>> found;
            while (early.next())
                found.append({early.int64(0), early.text(1)});
            early.finish();
            for (const auto &[tenant, wamid] : std::as_const(found))
                if (!InboundStore(tx, TenantId(tenant), events).applyPendingStatuses(wamid))
                    return false;
            counts.accepted += quint64(n);
        }
        return true;
    }

    // Meta answered 2xx without a readable message id: it may well have
    // accepted the message, so it is not failed (a retry could duplicate it)
    // but left for the agent.
    bool giveUpIn(QSqlDatabase tx, const Done &d, qint64 now, EventBatch &events, Counters &counts)
    {
        Sql q(tx, QStringLiteral("UPDATE outbox SET state = 'needs_attention', last_error = ?, updated_at = ? WHERE id = ?"));
        q.bind(QStringLiteral("Meta's answer could not be read")).bind(now).bind(d.job.outboxId);
        if (!q.exec())
            return false;
        Sql m(tx, QStringLiteral("UPDATE whatsapp_messages SET status = 'failed', attention = 'interrupted', error_title = ?, error_message = ?, "
                                 "status_at = ?, updated_at = ? WHERE id = ? RETURNING ") + rows::kMessageColumns);
        m.bind(QStringLiteral("Sending could not be confirmed"))
            .bind(QStringLiteral("Meta answered without a message id; the message may have reached the contact. Retry or dismiss it."))
            .bind(now).bind(now).bind(d.job.messageId);
        if (!m.exec() || !messageEvent(m, d.job.tenant, events))
            return false;
        ++counts.flagged; // counted once the batch commits
        return true;
    }

    // An outcome that cannot be stored as it is (the database refuses it):
    // the row is left for the agent, like an interrupted attempt.
    bool giveUp(const Done &d)
    {
        Transaction tx(m_owner.m_db, Transaction::Priority::Background);
        if (!tx.begun())
            return false;
        if (isReceipt(d.job)) {
            Sql q(tx.connection(), QStringLiteral("UPDATE outbox SET state = 'failed', updated_at = ? WHERE id = ?"));
            q.bind(nowMs()).bind(d.job.outboxId);
            return q.exec() && tx.commit();
        }
        Sql q(tx.connection(), QStringLiteral("UPDATE outbox SET state = 'needs_attention', last_error = ?, updated_at = ? WHERE id = ?"));
        q.bind(QStringLiteral("the outcome of the send could not be stored")).bind(nowMs()).bind(d.job.outboxId);
        if (!q.exec())
            return false;
        Sql m(tx.connection(), QStringLiteral("UPDATE whatsapp_messages SET status = 'failed', attention = 'interrupted', error_title = ?, "
                                              "error_message = ?, updated_at = ? WHERE id = ?"));
        m.bind(QStringLiteral("Sending could not be confirmed"))
            .bind(QStringLiteral("Meta answered but Puente could not store the answer; the message may have reached the contact. Retry or dismiss it."))
            .bind(nowMs()).bind(d.job.messageId);
        if (!m.exec())
            return false;
        if (!tx.commit())
            return false;
        ++m_owner.m_counters.flagged;
        qCWarning(lcHttp).noquote() << "outcome of message" << d.job.messageId << "could not be stored; flagged for the agent";
        return true;
    }

    static bool messageEvent(Sql &returned, TenantId tenant, EventBatch &events)
    {
        if (returned.next())
            events.append(tenant, QStringLiteral("message.updated"), rows::messageJson(returned));
        returned.finish();
        return true;
    }

    // A read receipt: its row ends done or failed, and the inbound message
    // it names is never touched (it is the contact's).
    static bool isReceipt(const Job &job) { return job.request.value(QStringLiteral("type")).toString() == QLatin1String("mark_read"); }

    bool recordReceipt(QSqlDatabase tx, const Done &d, qint64 now, Counters &counts)
    {
        const Job &job = d.job;
        const Transport::Outcome &o = d.outcome;
        const meta::GraphError &e = o.error;
        const bool retry = !o.accepted && !o.unconfirmed && isRetryable(e) && job.attempts < m_owner.m_settings.maxAttempts;
        Sql ob(tx, QStringLiteral("UPDATE outbox SET state = ?, next_attempt_at = ?, last_error = ?, updated_at = ? WHERE id = ?"));
        ob.bind(o.accepted || o.unconfirmed ? QStringLiteral("done") : retry ? QStringLiteral("pending") : QStringLiteral("failed"))
            .bind(retry ? now + backoff(m_owner.m_settings, job.attempts, e) : now)
            .bind(o.accepted ? QVariant(QMetaType(QMetaType::QString)) : QVariant(e.kindName() + QStringLiteral(": ") + e.message))
            .bind(now)
            .bind(job.outboxId);
        if (!ob.exec())
            return false;
        o.accepted ? ++counts.accepted : retry ? ++counts.retried : ++counts.failed;
        return true;
    }

    bool record(QSqlDatabase tx, const Done &d, qint64 now, EventBatch &events, QSet<qint64> *unauthorized, Counters &counts)
    {
        const Job &job = d.job;
        const Transport::Outcome &o = d.outcome;
        if (isReceipt(job))
            return recordReceipt(tx, d, now, counts);
        Q_ASSERT(!o.accepted); // recordAccepted
        const meta::GraphError &e = o.error;
        if (o.unconfirmed)
            return giveUpIn(tx, d, now, events, counts);
        if (e.kind == meta::GraphError::Kind::RateLimited) {
            ++counts.rateLimited;
            if (!Health::record(tx, job.tenant, Health::Kind::RateLimited, e.code, e.message))
                return false;
            // The number's throughput: slow it down for a second; the
            // account's request limits (4, 80007, 613): for a minute; the
            // pair rate (131056) concerns one contact only.
            if (e.code == 4 || e.code == 80007 || e.code == 613)
                m_buckets[job.tenant.value].pausedUntilMs = now + 60'000;
            else if (e.code != 131056)
                m_buckets[job.tenant.value].pausedUntilMs = now + 1'000;
        }
        if (isRetryable(e) && job.attempts < m_owner.m_settings.maxAttempts) {
            Sql ob(tx, QStringLiteral("UPDATE outbox SET state = 'pending', next_attempt_at = ?, last_error = ?, updated_at = ? WHERE id = ?"));
            ob.bind(now + backoff(m_owner.m_settings, job.attempts, e)).bind(e.kindName() + QStringLiteral(": ") + e.message).bind(now).bind(job.outboxId);
            if (!ob.exec())
                return false;
            ++counts.retried;
            return true;
        }
        Sql ob(tx, QStringLiteral("UPDATE outbox SET state = 'failed', last_error = ?, updated_at = ? WHERE id = ?"));
        ob.bind(e.kindName() + QStringLiteral(": ") + e.message).bind(now).bind(job.outboxId);
        if (!ob.exec())
            return false;
        Sql m(tx, QStringLiteral("UPDATE whatsapp_messages SET status = 'failed', error_code = ?, error_title = ?, error_message = ?, "
                                 "error_details = ?, status_at = ?, updated_at = ? WHERE id = ? RETURNING ") + rows::kMessageColumns);
        m.bind(qint64(e.code)).bind(e.message).bind(e.explain()).bind(nullIfEmpty(e.details)).bind(now).bind(now).bind(job.messageId);
        if (!m.exec() || !messageEvent(m, job.tenant, events))
            return false;
        if (e.kind == meta::GraphError::Kind::Unauthorized) {
            unauthorized->insert(job.tenant.value);
            if (!Health::record(tx, job.tenant, Health::Kind::TokenRefused, e.code, e.message))
                return false;
            // The rest of the tenant's queue would fail the same way: hold
            // it (still pending) until the token changes, or ten minutes.
            m_buckets[job.tenant.value].pausedUntilMs = now + 10 * 60'000;
            if (auto q = m_queues.find(job.tenant.value); q != m_queues.end()) {
                for (const Job &held : q->second)
                    forget(held);
                q->second.clear();
            }
        }
        ++counts.failed;
        qCInfo(lcHttp).noquote() << "send failed for good: tenant" << job.tenant.value << "message" << job.messageId << e.kindName() << e.code;
        return true;
    }

    void sweep()
    {
        m_sweptAt = nowMs();
        reconcilePendingStatuses();
        auto flagged = OutboxDispatcher::flagInterrupted(m_owner.m_db, m_owner.m_bus, m_owner.m_settings.leaseMs);
        if (flagged && flagged.value() > 0)
            m_owner.m_counters.flagged += quint64(flagged.value());
    }

    // On PostgreSQL a status can be parked (message unknown) in the same
    // moment the dispatcher stores that message's wamid, each transaction
    // missing the other: apply such leftovers every minute.
    void reconcilePendingStatuses()
    {
        QList<std::pair<qint64, QString>> found;
        {
            Sql q(m_owner.m_db.connection(), QStringLiteral("SELECT DISTINCT p.tenant_id, p.provider_message_id FROM pending_statuses p "
                                                            "JOIN whatsapp_messages m ON m.tenant_id = p.tenant_id AND m.provider_message_id = p.provider_message_id "
                                                            "LIMIT 500"));
            if (!q.exec())
                return;
            while (q.next())
                found.append({q.int64(0), q.text(1)});
        }
        if (found.isEmpty())
            return;
        Transaction tx(m_owner.m_db, Transaction::Priority::Background);
        if (!tx.begun())
            return;
        EventBatch events(tx.connection());
        for (const auto &[tenant, wamid] : std::as_const(found))
            if (!InboundStore(tx.connection(), TenantId(tenant), events).applyPendingStatuses(wamid))
                return;
        if (events.write() && tx.commit() && m_owner.m_bus)
            m_owner.m_bus->publish(events.events());
    }

    OutboxDispatcher &m_owner;
    std::unique_ptr<Transport> m_transport;
    QTimer m_poll;
    QTimer m_flushTimer;
    QHash<qint64, Channel> m_channels;
    qint64 m_channelsAt = 0;
    qint64 m_loadedAt = 0;
    qint64 m_sweptAt = 0;
    bool m_woken = false;
    std::unordered_map<qint64, std::deque<Job>> m_queues;
    QList<qint64> m_rotation;
    int m_nextInRotation = 0;
    QSet<qint64> m_loaded;
    QHash<qint64, int> m_loadedPerTenant;
    QHash<qint64, Bucket> m_buckets;
    int m_inFlight = 0;
    QList<Done> m_done;
    bool m_stopped = false;
    bool m_channelsRead = false;
};

OutboxDispatcher::OutboxDispatcher(Database &db, crypto::KeyringPtr keyring, EventBus *bus, DispatcherSettings settings)
    : m_db(db)
    , m_keyring(std::move(keyring))
    , m_bus(bus)
    , m_settings(std::move(settings))
{
    m_thread.setObjectName(QStringLiteral("outbox-dispatcher"));
}

OutboxDispatcher::~OutboxDispatcher()
{
    stop();
}

void OutboxDispatcher::setTransportFactory(std::function<std::unique_ptr<Transport>(const meta::GraphSettings &)> factory)
{
    m_factory = std::move(factory);
}

void OutboxDispatcher::start()
{
    if (m_worker)
        return;
    m_worker = new Worker(*this);
    m_worker->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
    QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->begin(); }, Qt::QueuedConnection);
    // Whoever queues a message (API, campaigns) publishes message.created:
    // that wakes the dispatcher at once instead of at its next poll.
    if (m_bus)
        QObject::connect(m_bus, &EventBus::published, m_worker, [w = m_worker](const QList<Event> &events) {
            for (const Event &e : events)
                if ((e.type == QLatin1String("message.created") || e.type == QLatin1String("message.updated"))
                    && e.data.value(QStringLiteral("status")).toString() == QLatin1String("queued")) {
                    w->wake();
                    return;
                }
        });
}

void OutboxDispatcher::stop()
{
    if (!m_worker)
        return;
    QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->end(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    m_worker = nullptr;
}

void OutboxDispatcher::wake()
{
    if (m_worker)
        QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->wake(); }, Qt::QueuedConnection);
}

Result<int> OutboxDispatcher::flagInterrupted(Database &db, EventBus *bus, qint64 leaseMs)
{
    const qint64 now = nowMs();
    QList<Event> events;
    Transaction tx(db, Transaction::Priority::Background);
    if (!tx.begun())
        return tx.begun().error();
    QList<std::tuple<qint64, qint64, qint64>> stale;
    {
        Sql q(tx.connection(), QStringLiteral("UPDATE outbox SET state = 'needs_attention', updated_at = ? WHERE state = 'in_flight' "
                                              "AND updated_at < ? RETURNING id, tenant_id, message_id"));
        q.bind(now).bind(now - leaseMs);
        if (auto s = q.exec(); !s)
            return s.error();
        while (q.next())
            stale.append({q.int64(0), q.int64(1), q.int64(2)});
    }
    for (const auto &[outboxId, tenant, messageId] : stale) {
        Sql m(tx.connection(), QStringLiteral("UPDATE whatsapp_messages SET status = 'failed', attention = 'interrupted', error_code = NULL, "
                                              "error_title = ?, error_message = ?, status_at = ?, updated_at = ? WHERE id = ? AND status = 'queued' "
                                              "RETURNING ") + rows::kMessageColumns);
        m.bind(QStringLiteral("Sending was interrupted"))
            .bind(QStringLiteral("Puente stopped while this message was being sent, so it may or may not have reached the contact. "
                                 "Retry it or dismiss it."))
            .bind(now).bind(now).bind(messageId);
        if (auto s = m.exec(); !s)
            return s.error();
        if (m.next()) {
            auto e = rows::recordEvent(tx.connection(), TenantId(tenant), QStringLiteral("message.updated"), m, rows::messageJson);
            if (!e)
                return e.error();
            events.append(e.value());
        }
        Q_UNUSED(outboxId);
    }
    if (auto s = tx.commit(); !s)
        return s.error();
    if (bus)
        bus->publish(events);
    if (!stale.isEmpty())
        qCWarning(lcHttp).noquote() << stale.size() << "send(s) interrupted by a stop were flagged for the agents to retry or dismiss";
    return int(stale.size());
}

Result<qint64> OutboxDispatcher::waiting(Database &db)
{
    Sql q(db.connection(), QStringLiteral("SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'in_flight')"));
    if (auto s = q.exec(); !s)
        return s.error();
    return q.next() ? q.int64(0) : qint64(0);
}

} // namespace puente
