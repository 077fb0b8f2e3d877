#include "messaging/inboundprocessor.h"

#include "events/eventlog.h"
#include "logging/logging.h"
#include "messaging/burstgate.h"
#include "messaging/inboundstore.h"
#include "messaging/webhookinbox.h"
#include "meta/webhookparser.h"
#include "storage/sql.h"
#include "storage/health.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>


namespace puente {

namespace {

constexpr int kMaxAttempts = 5;

QString changeJson(const meta::WebhookChange &c)
{
    const QJsonObject o{{QStringLiteral("entry_id"), c.entryId}, {QStringLiteral("field"), c.field}, {QStringLiteral("value"), c.value}};
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QVariant nullableId(TenantId id)
{
    return id.isValid() ? QVariant(id.value) : QVariant(QMetaType(QMetaType::LongLong));
}

// `kind`: unparseable, unroutable, foreign_signature, unknown_status,
// failed_repeatedly. `signedBy`: the tenant whose own app secret signed the
// body (none: the platform's).
Status deadLetter(QSqlDatabase tx, qint64 inboxId, TenantId tenant, const char *kind, TenantId signedBy, const QString &reason,
                  const QString &field, const QString &routingKey, const QString &payload)
{
    qCWarning(lcStorage).noquote() << "dead letter:" << reason;
    Sql q(tx, QStringLiteral("INSERT INTO dead_letters (inbox_id, tenant_id, kind, signed_by_tenant_id, reason, field, routing_key, payload, created_at) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.bind(inboxId).bind(nullableId(tenant)).bind(QString::fromLatin1(kind)).bind(nullableId(signedBy))
        .bind(reason).bind(nullIfEmpty(field)).bind(nullIfEmpty(routingKey)).bind(payload).bind(nowMs());
    return q.exec();
}

// The tenant owning a routing key (phone number id or WABA id; each has
// one owner), or an invalid id.
Result<TenantId> ownerOf(QSqlDatabase tx, const QString &column, const QString &value)
{
    if (value.isEmpty())
        return TenantId();
    Sql q(tx, QStringLiteral("SELECT tenant_id FROM whatsapp_config WHERE %1 = ? ORDER BY tenant_id LIMIT 1").arg(column));
    q.bind(value);
    if (auto s = q.exec(); !s)
        return s.error();
    return q.next() ? TenantId(q.int64(0)) : TenantId();
}

bool isMessagesLike(const meta::WebhookChange &c)
{
    return !c.phoneNumberId.isEmpty()
        && (c.field == QLatin1String("messages") || c.field == QLatin1String("smb_message_echoes") || !c.messages.isEmpty()
            || !c.statuses.isEmpty());
}

// How often a tenant's last_webhook_at is written, at most.
constexpr qint64 kNoteWebhookEveryMs = 10'000;

// How often the processor checkpoints the SQLite inbox's WAL (in rows marked done).
constexpr qint64 kRowsPerCheckpoint = 2048;

} // namespace

InboundProcessor::InboundProcessor(Database &db, EventBus *bus)
    : m_db(db)
    , m_bus(bus)
{
}

InboundProcessor::~InboundProcessor()
{
    stop();
}

void InboundProcessor::start()
{
    // Woken at once: whatever a previous run left is resumed.
    m_worker.start([this] { run(); });
}

void InboundProcessor::stop()
{
    m_worker.stop();
}

void InboundProcessor::wake()
{
    m_worker.wake();
}

void InboundProcessor::run()
{
    // The event log only backs WebSocket resume, health events a week's
    // report: a week of each.
    constexpr qint64 kRetentionMs = 7LL * 24 * 3600 * 1000;
    qint64 nextPrune = 0;
    BurstGate gate;
    for (;;) {
        if (nowMs() >= nextPrune) {
            // The event log, health events and processed webhook bodies
            // (dead letters keep their own copy of what failed) are kept a
            // week. At most 10,000 rows of each a pass, so that processing
            // goes on in between: while one has more, the next pass is due
            // a second later, else in an hour.
            constexpr int kChunks = 20;
            bool more = false;
            auto check = [&more](const char *what, const Result<qint64> &pruned) {
                if (!pruned)
                    qCWarning(lcStorage).noquote() << what << "pruning failed:" << pruned.error().message;
                else if (pruned.value() == qint64(kChunks) * kDeleteChunk)
                    more = true;
            };
            check("event log", EventLog::prune(m_db, kRetentionMs, kChunks));
            check("health event", Health::prune(m_db, kRetentionMs, kChunks));
            check("webhook inbox", WebhookInbox::prune(m_db.inbox(), kRetentionMs, kChunks));
            nextPrune = nowMs() + (more ? 1000 : 3600 * 1000);
        }
        // Also poll now and then: another node may have written rows.
        if (!m_worker.waitForWork(std::chrono::seconds(2)))
            return;
        for (;;) {
            QElapsedTimer took;
            took.start();
            auto handled = processPending(kBatchRows);
            if (!handled) {
                qCWarning(lcStorage).noquote() << "inbound processing failed, retrying:" << handled.error().message;
                break;
            }
            if (handled.value() == 0)
                break;
            // A full batch means a backlog: is it a burst to give way to?
            if (m_arrivals && handled.value() == kBatchRows) {
                gate.batch(kBatchRows, took.nsecsElapsed() / 1000);
                gate.arrivals(nowMs(), m_arrivals->storedBodies());
                if (deferDuringBurst(gate))
                    return;
            }
            if (m_worker.stopping())
                return;
        }
    }
}

bool InboundProcessor::deferDuringBurst(BurstGate &gate)
{
    if (!gate.shouldDefer(nowMs() - m_lastReceivedAt))
        return false;
    qCInfo(lcStorage).noquote() << QStringLiteral("webhooks arrive at %1/s, faster than they are processed (%2/s): "
                                                  "processing waits for the burst to pass")
                                       .arg(qRound(gate.arrivalsPerSecond()))
                                       .arg(qRound(gate.processedPerSecond()));
    QElapsedTimer waited;
    waited.start();
    do {
        // A sleep, not waitForWork: each group commit wakes the processor,
        // which would only cost this thread a context switch per commit.
        if (!m_worker.sleepFor(std::chrono::milliseconds(50)))
            return true;
        gate.arrivals(nowMs(), m_arrivals->storedBodies());
    } while (gate.shouldDefer(nowMs() - m_lastReceivedAt));
    qCInfo(lcStorage).noquote() << QStringLiteral("processing resumes after %1 ms (arrivals now %2/s)")
                                       .arg(waited.elapsed())
                                       .arg(qRound(gate.arrivalsPerSecond()));
    return false;
}

Result<int> InboundProcessor::processPending(int maxRows)
{
    struct Row {
        qint64 id;
        qint64 receivedAt;
        QByteArray body;
        TenantId signedBy;
        meta::ParsedWebhook parsed;
    };
    QList<Row> rows;
    const bool sqlite = m_db.dialect() == Dialect::Sqlite;
    auto selectPending = [&](QSqlDatabase db) -> Status {
        QSet<qint64> unmarked;
        {
            std::lock_guard lock(m_marksMutex);
            unmarked = m_unmarked;
        }
        // SKIP LOCKED: several nodes share the inbox without waiting on each other.
        Sql select(db, QStringLiteral("SELECT id, received_at, body, signed_by_tenant_id FROM webhook_inbox WHERE status = 'pending' ORDER BY id LIMIT ?")
                           + (sqlite ? QString() : QStringLiteral(" FOR UPDATE SKIP LOCKED")));
        select.bind(maxRows + int(unmarked.size()));
        if (auto s = select.exec(); !s)
            return s;
        while (select.next() && rows.size() < maxRows) {
            if (unmarked.contains(select.int64(0)))
                continue;
            rows.append({select.int64(0), select.int64(1), select.value(2).toByteArray(), TenantId(select.isNull(3) ? 0 : select.int64(3)), {}});
        }
        for (Row &row : rows)
            row.parsed = meta::parseWebhook(row.body);
        return {};
    };
    // SQLite has one processor (this one): read and parse the rows before
    // taking the one writer lock, which acknowledgements wait for.
    if (sqlite) {
        if (auto s = selectPending(m_db.inbox().connection()); !s)
            return s.error();
        if (rows.isEmpty())
            return 0;
    }
    {
        Transaction tx(m_db, Transaction::Priority::Background);
        if (!tx.begun())
            return tx.begun().error();
        EventBatch events(tx.connection());
        if (!sqlite) {
            if (auto s = selectPending(tx.connection()); !s)
                return s.error();
            if (rows.isEmpty())
                return 0;
        }
        Status batch;
        bool pendingStatuses = true;
        Sql anyPending(tx.connection(), QStringLiteral("SELECT COUNT(*) FROM (SELECT 1 FROM pending_statuses LIMIT 1) p"));
        if (auto s = anyPending.exec(); !s)
            return s.error();
        if (anyPending.next())
            pendingStatuses = anyPending.int64(0) > 0;
        anyPending.finish();
        m_touched.clear();
        QList<qint64> ids;
        for (const Row &row : std::as_const(rows)) {
            batch = processParsed(tx.connection(), row.id, row.body, row.parsed, row.signedBy, events, &pendingStatuses);
            if (!batch)
                break;
            ids.append(row.id);
            // Another writer (an API request) waits: commit what is done;
            // the rest of the rows come back in the next batch.
            if (tx.othersWaiting())
                break;
        }
        if (batch)
            batch = events.write();
        if (batch)
            batch = touchTenants(tx.connection());
        if (batch && !sqlite)
            batch = WebhookInbox::markRows(tx.connection(), ids);
        if (batch)
            batch = tx.commit();
        if (batch) {
            committed();
            if (!ids.isEmpty())
                m_lastReceivedAt = rows[ids.size() - 1].receivedAt;
            if (m_bus)
                m_bus->publish(events.events());
            // SQLite: the inbox is another file, marked after the main commit.
            if (sqlite)
                markDoneLater(ids);
            return int(ids.size());
        }
        qCWarning(lcStorage).noquote() << "batch failed, processing its rows one by one:" << batch.error().message;
    }

    // One bad row must not hold the others back: retry each on its own.
    int handled = 0;
    for (const Row &row : std::as_const(rows)) {
        QList<Event> rowEvents;
        Status s;
        {
            Transaction tx(m_db);
            EventBatch events(tx.connection());
            s = tx.begun();
            bool stillPending = false;
            if (s) {
                // Another node may have taken the row since the batch let go of it.
                Sql check(sqlite ? m_db.inbox().connection() : tx.connection(),
                          QStringLiteral("SELECT 1 FROM webhook_inbox WHERE id = ? AND status = 'pending'")
                              + (sqlite ? QString() : QStringLiteral(" FOR UPDATE SKIP LOCKED")));
                check.bind(row.id);
                s = check.exec();
                stillPending = s && check.next();
            }
            if (s && !stillPending)
                continue;
            m_touched.clear();
            if (s)
                s = processParsed(tx.connection(), row.id, row.body, row.parsed, row.signedBy, events, nullptr);
            if (s)
                s = events.write();
            if (s)
                s = touchTenants(tx.connection());
            if (s && !sqlite)
                s = WebhookInbox::markRows(tx.connection(), {row.id});
            if (s)
                s = tx.commit();
            if (s)
                committed();
            if (s && sqlite)
                markDoneLater({row.id});
            if (s)
                rowEvents = events.events();
        }
        if (s) {
            ++handled;
            if (m_bus)
                m_bus->publish(rowEvents);
        } else if (auto f = recordFailure(row.id, s.error().message); !f) {
            return f.error();
        }
    }
    return handled;
}

Status InboundProcessor::recordFailure(qint64 inboxId, const QString &error)
{
    QString body;
    TenantId signedBy;
    {
        Transaction tx(m_db.inbox());
        if (!tx.begun())
            return tx.begun();
        Sql q(tx.connection(), QStringLiteral("UPDATE webhook_inbox SET attempts = attempts + 1, last_error = ? WHERE id = ? "
                                              "RETURNING attempts, body, signed_by_tenant_id"));
        q.bind(error).bind(inboxId);
        if (auto s = q.exec(); !s)
            return s;
        if (q.next() && q.int64(0) >= kMaxAttempts) {
            body = QString::fromUtf8(q.value(1).toByteArray());
            signedBy = TenantId(q.isNull(2) ? 0 : q.int64(2));
        }
        q.finish();
        if (auto s = tx.commit(); !s)
            return s;
    }
    if (body.isNull())
        return {};
    // Given up on: a dead letter (main database), then the row is done.
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun();
    if (auto s = deadLetter(tx.connection(), inboxId, {}, "failed_repeatedly", signedBy,
                            QStringLiteral("processing failed %1 times: %2").arg(kMaxAttempts).arg(error), {}, {}, body);
        !s)
        return s;
    if (auto s = tx.commit(); !s)
        return s;
    return markDoneAlone({inboxId});
}

Status InboundProcessor::markDoneAlone(const QList<qint64> &ids)
{
    Transaction tx(m_db.inbox());
    if (!tx.begun())
        return tx.begun();
    if (auto s = WebhookInbox::markRows(tx.connection(), ids); !s)
        return s;
    return tx.commit();
}

void InboundProcessor::markDoneLater(const QList<qint64> &ids)
{
    // If this fails (or the process dies first), the rows are processed
    // again: messages and statuses are not stored twice (an account event
    // or dead letter can be).
    auto failed = [](const Status &s) {
        qCWarning(lcStorage).noquote() << "processed webhooks not marked done; they will be processed again:" << s.error().message;
    };
    if (!m_inbox) {
        if (auto s = markDoneAlone(ids); !s)
            failed(s);
        return;
    }
    {
        std::lock_guard lock(m_marksMutex);
        for (qint64 id : ids)
            m_unmarked.insert(id);
    }
    m_inbox->markDone(ids, [this, ids, failed](const Status &s) {
        if (!s)
            failed(s);
        std::lock_guard lock(m_marksMutex);
        for (qint64 id : ids)
            m_unmarked.remove(id);
    });
    // The inbox writer never checkpoints (acknowledgements must not wait
    // for one); the processor copies the inbox's WAL back now and then. A
    // passive checkpoint waits for no lock: what a reader or the writer
    // still needs is left for the next one.
    m_markedSinceCheckpoint += ids.size();
    if (m_markedSinceCheckpoint >= kRowsPerCheckpoint) {
        m_markedSinceCheckpoint = 0;
        Sql q(m_db.inbox().connection(), QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)"));
        if (auto s = q.exec(); !s)
            qCWarning(lcStorage).noquote() << "inbox checkpoint failed:" << s.error().message;
    }
}

Status InboundProcessor::touchTenants(QSqlDatabase tx)
{
    // At most once per tenant every kNoteWebhookEveryMs: admins read it as
    // "last webhook: a minute ago", and the row is one more page to write.
    const qint64 now = nowMs();
    m_noting.clear();
    for (qint64 tenant : std::as_const(m_touched)) {
        if (now - m_noted.value(tenant, 0) < kNoteWebhookEveryMs)
            continue;
        Sql q(tx, QStringLiteral("UPDATE whatsapp_config SET last_webhook_at = ? WHERE tenant_id = ? AND api_type = 'business_api'"));
        q.bind(now).bind(tenant);
        if (auto s = q.exec(); !s)
            return s;
        m_noting.insert(tenant, now);
    }
    m_touched.clear();
    return {};
}

void InboundProcessor::committed()
{
    m_noted.insert(m_noting);
    m_noting.clear();
}

Status InboundProcessor::processParsed(QSqlDatabase tx, qint64 inboxId, const QByteArray &body, const meta::ParsedWebhook &parsed,
                                       TenantId signedBy, EventBatch &events, bool *pendingStatuses)
{
    if (!parsed.ok) {
        if (auto s = deadLetter(tx, inboxId, {}, "unparseable", signedBy, parsed.error, {}, {}, QString::fromUtf8(body)); !s)
            return s;
    }
    for (const meta::WebhookChange &change : parsed.changes) {
        // Message and status changes by phone number id; template, quality,
        // account, security ... fields by WABA id (waba_info's, else entry's).
        const bool messagesLike = isMessagesLike(change);
        const QString what = messagesLike ? QStringLiteral("phone number id") : QStringLiteral("WhatsApp Business account");
        const QString key = messagesLike ? change.phoneNumberId : change.wabaId;
        auto owner = ownerOf(tx, messagesLike ? QStringLiteral("phone_number_id") : QStringLiteral("business_account_id"), key);
        if (owner && !owner.value().isValid() && !messagesLike && change.wabaId != change.entryId)
            owner = ownerOf(tx, QStringLiteral("business_account_id"), change.entryId);
        if (!owner)
            return owner.error();
        QString refusal;
        const char *kind = "unroutable";
        if (!owner.value().isValid()) {
            refusal = QStringLiteral("no tenant owns %1 %2").arg(what, key);
        } else if (signedBy.isValid() && owner.value() != signedBy) {
            // Signed with one tenant's own app secret, but about another
            // tenant: never delivered to that other tenant.
            refusal = QStringLiteral("change for %1 %2 was signed by another tenant's app secret").arg(what, key);
            kind = "foreign_signature";
        }
        if (!refusal.isEmpty()) {
            if (auto s = deadLetter(tx, inboxId, {}, kind, signedBy, refusal, change.field, key, changeJson(change)); !s)
                return s;
            continue;
        }

        m_touched.insert(owner.value().value);
        InboundStore store(tx, owner.value(), events, pendingStatuses);
        if (!messagesLike) {
            if (auto s = store.storeAccountEvent(change, inboxId); !s)
                return s;
            continue;
        }
        for (const meta::InboundMessage &m : change.messages)
            if (auto s = store.storeMessage(change, m); !s)
                return s;
        for (const meta::StatusUpdate &st : change.statuses) {
            Status s = store.applyStatus(st);
            if (!s && s.error().code == QLatin1String("unknown_status")) {
                meta::WebhookChange only = change; // just this status, so a replay carries nothing else
                QJsonObject value = only.value;
                value.remove(QStringLiteral("messages"));
                value.insert(QStringLiteral("statuses"), QJsonArray{st.raw});
                only.value = value;
                s = deadLetter(tx, inboxId, owner.value(), "unknown_status", signedBy, s.error().message, change.field, key, changeJson(only));
            }
            if (!s)
                return s;
        }
        // Anything else in the value (errors, calls, preferences): keep it for admins.
        if (!change.errors.isEmpty() || (change.messages.isEmpty() && change.statuses.isEmpty()))
            if (auto s = store.storeAccountEvent(change, inboxId); !s)
                return s;
    }
    return {};
}

Result<qint64> DeadLetters::replay(Database &db, qint64 deadLetterId, TenantId onlyTenant, const Actor *actor)
{
    Transaction tx(db);
    if (!tx.begun())
        return tx.begun().error();
    Sql q(tx.connection(), QStringLiteral("SELECT payload, tenant_id, reason, kind, signed_by_tenant_id FROM dead_letters WHERE id = ?")
                               + (onlyTenant.isValid() ? QStringLiteral(" AND tenant_id = ?") : QString()));
    q.bind(deadLetterId);
    if (onlyTenant.isValid())
        q.bind(onlyTenant.value);
    if (auto s = q.exec(); !s)
        return s.error();
    if (!q.next())
        return makeError("not_found", QStringLiteral("no dead letter with id %1").arg(deadLetterId));
    const QString payloadText = q.text(0);
    const TenantId owner(q.isNull(1) ? 0 : q.int64(1));
    const QString reason = q.text(2);
    const QString kind = q.text(3);
    const TenantId signedBy(q.isNull(4) ? 0 : q.int64(4));
    q.finish();
    // A change signed with one tenant's app secret about another tenant's
    // number is a forgery (or a misconfigured secret): no replay can make
    // it valid, and replaying it as the platform would deliver it.
    if (kind == QLatin1String("foreign_signature"))
        return makeError("not_replayable", QStringLiteral("dead letter %1 was signed with another company's app secret; it can never be "
                                                          "delivered (a forgery, or a company using the wrong app secret)")
                                               .arg(deadLetterId));
    const QJsonObject payload = QJsonDocument::fromJson(payloadText.toUtf8()).object();
    // A single change is wrapped back into a webhook body; a whole body
    // (unparseable, or failed repeatedly) goes back as it was.
    QByteArray body = payloadText.toUtf8();
    if (payload.contains(QStringLiteral("value"))) {
        const QJsonObject change{{QStringLiteral("field"), payload.value(QStringLiteral("field"))},
                                 {QStringLiteral("value"), payload.value(QStringLiteral("value"))}};
        const QJsonObject root{{QStringLiteral("object"), QStringLiteral("whatsapp_business_account")},
                               {QStringLiteral("entry"), QJsonArray{QJsonObject{{QStringLiteral("id"), payload.value(QStringLiteral("entry_id"))},
                                                                              {QStringLiteral("changes"), QJsonArray{change}}}}}};
        body = QJsonDocument(root).toJson(QJsonDocument::Compact);
    }
    // SQLite: the inbox is another file; the body is queued (and committed)
    // first, so that a failure below can only queue it twice, never lose it.
    // Requeued with the signer it came with: a change vouched for only by a
    // tenant's own secret is again delivered only to that tenant.
    auto inboxId = &db.inbox() == &db ? WebhookInbox::insert(tx.connection(), body, signedBy)
                                      : WebhookInbox::insertAlone(db.inbox(), body, signedBy);
    if (!inboxId)
        return inboxId.error();
    Sql mark(tx.connection(), QStringLiteral("UPDATE dead_letters SET replayed_at = ?, replay_count = replay_count + 1 WHERE id = ?"));
    mark.bind(nowMs()).bind(deadLetterId);
    if (auto s = mark.exec(); !s)
        return s.error();
    if (actor)
        if (auto s = AuditLog::append(tx.connection(), *actor, owner, QStringLiteral("dead_letter.replayed"), QStringLiteral("dead_letter"),
                                      QString::number(deadLetterId), {{QStringLiteral("reason"), reason}, {QStringLiteral("inbox_id"), inboxId.value()}});
            !s)
            return s.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    return inboxId.value();
}

Result<QList<protocol::DeadLetter>> DeadLetters::list(Database &db, TenantId tenant, qint64 beforeId, int limit, bool unroutableOnly)
{
    QString sql = QStringLiteral("SELECT id, tenant_id, reason, field, routing_key, payload, created_at, replayed_at, replay_count, kind "
                                 "FROM dead_letters WHERE 1 = 1");
    if (unroutableOnly)
        sql += QStringLiteral(" AND tenant_id IS NULL");
    else if (tenant.isValid())
        sql += QStringLiteral(" AND tenant_id = ?");
    if (beforeId > 0)
        sql += QStringLiteral(" AND id < ?");
    sql += QStringLiteral(" ORDER BY id DESC LIMIT ?");
    Sql q(db.connection(), sql);
    if (tenant.isValid() && !unroutableOnly)
        q.bind(tenant.value);
    if (beforeId > 0)
        q.bind(beforeId);
    q.bind(limit);
    if (auto s = q.exec(); !s)
        return s.error();
    QList<protocol::DeadLetter> out;
    const auto text = [&q](int i) { return q.isNull(i) ? std::nullopt : std::optional<QString>(q.text(i)); };
    const auto number = [&q](int i) { return q.isNull(i) ? std::nullopt : std::optional<qint64>(q.int64(i)); };
    while (q.next()) {
        protocol::DeadLetter d;
        d.id = q.int64(0);
        d.tenantId = number(1);
        d.reason = q.text(2);
        d.field_ = text(3);
        d.routingKey = text(4);
        d.payload = q.text(5);
        d.createdAt = q.int64(6);
        d.replayedAt = number(7);
        d.replayCount = q.int64(8);
        d.kind = protocol::enumFromName<protocol::DeadLetterKind>(q.text(9)).value_or(protocol::DeadLetterKind::Other);
        d.replayable = d.kind != protocol::DeadLetterKind::ForeignSignature;
        out.append(d);
    }
    return out;
}

} // namespace puente
