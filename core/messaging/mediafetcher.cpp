#include "messaging/mediafetcher.h"

#include "crypto/crypto.h"
#include "logging/logging.h"
#include "messaging/rows.h"
#include "messaging/templates.h"
#include "secrets/sealedcolumns.h"
#include "storage/sql.h"
#include "storage/whatsappconfigrepository.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QThread>

namespace puente {

MediaFetcher::MediaFetcher(Database &db, crypto::KeyringPtr keyring, EventBus *bus, meta::GraphClient &graph, QString mediaRoot)
    : m_db(db)
    , m_keyring(std::move(keyring))
    , m_bus(bus)
    , m_graph(graph)
    , m_root(std::move(mediaRoot))
{
}

MediaFetcher::~MediaFetcher()
{
    stop();
}

QString MediaFetcher::pathFor(const QString &root, const QString &sha)
{
    return root + QLatin1Char('/') + sha.left(2) + QLatin1Char('/') + sha;
}

QString MediaFetcher::dueQuery()
{
    // The conditions match the partial index whatsapp_messages_media_due
    // (migration 7) word for word, and the order is the index's (new media
    // first, then the longest overdue): SQLite then reads the index alone
    // instead of every message (with ORDER BY id it chose a full scan).
    static_assert(kMaxAttempts == 6, "migration 7's index assumes 6 attempts");
    return QStringLiteral("SELECT id, tenant_id, media_id, media_sha256, media_attempts FROM whatsapp_messages "
                          "WHERE media_file IS NULL AND media_id IS NOT NULL AND media_attempts < 6 "
                          "AND COALESCE(media_next_at, 0) <= ? AND direction = 'inbound' "
                          "ORDER BY COALESCE(media_next_at, 0), id LIMIT ?");
}

void MediaFetcher::start()
{
    if (m_worker.running())
        return;
    m_worker.start([this] {
        while (m_worker.waitForWork(std::chrono::seconds(2))) {
            if (nowMs() - m_templatesCheckedAt > 60'000)
                syncTemplatesDue();
            while (!m_worker.stopping()) {
                auto fetched = fetchDue();
                if (!fetched || fetched.value() == 0)
                    break;
            }
        }
    });
    if (m_bus)
        QObject::connect(m_bus, &EventBus::published, m_worker.thread(), [this](const QList<Event> &events) {
            for (const Event &e : events)
                if (e.type == QLatin1String("message.created") && e.data.contains(QStringLiteral("media"))) {
                    wake();
                    return;
                }
        }, Qt::QueuedConnection); // runs on the owner's thread, never after stop()
}

void MediaFetcher::stop()
{
    if (!m_worker.running())
        return;
    if (m_bus)
        QObject::disconnect(m_bus, nullptr, m_worker.thread(), nullptr);
    m_worker.stop();
}

void MediaFetcher::wake()
{
    m_worker.wake();
}

Result<int> MediaFetcher::fetchDue(int max)
{
    struct Due {
        qint64 id;
        TenantId tenant;
        QString mediaId;
        QString sha256;
        int attempts;
    };
    QList<Due> due;
    const qint64 now = nowMs();
    {
        Sql q(m_db.connection(), dueQuery());
        q.bind(now).bind(max);
        if (auto s = q.exec(); !s)
            return s.error();
        while (q.next())
            due.append({q.int64(0), TenantId(q.int64(1)), q.text(2), q.text(3), int(q.int64(4))});
    }
    int stored = 0;
    for (const Due &d : std::as_const(due)) {
        if (m_worker.stopping())
            break;
        QString error;
        bool giveUp = false; // retrying cannot help
        QString sha;
        qint64 size = 0;
        QString mime;
        // The tenant's token.
        QString token;
        if (auto channel = WhatsAppConfigRepository(m_db, m_keyring).channel(d.tenant); channel && channel.value())
            token = channel.value()->token;
        if (!meta::isMetaMediaId(d.mediaId)) {
            // A webhook may carry anything here (a URL, a path): only Meta's
            // own ids are looked up, and nothing else is requested.
            error = QStringLiteral("the webhook's media id is not a Meta media id; nothing was downloaded");
            giveUp = true;
            qCWarning(lcHttp).noquote() << "security: message" << d.id << "of tenant" << d.tenant.value << "carries a media id that is not Meta's";
        } else if (token.isEmpty()) {
            error = QStringLiteral("WhatsApp is not connected for this company");
        } else if (const auto info = m_graph.mediaInfo(d.mediaId, token).result(); const auto *e = std::get_if<meta::GraphError>(&info)) {
            error = e->explain();
        } else {
            const meta::MediaInfo &mi = std::get<meta::MediaInfo>(info);
            mime = mi.mimeType;
            // Webhooks give base64, Graph gives hex: either must match, and
            // a file nobody vouches for is not kept.
            const QString expected = !d.sha256.isEmpty() ? d.sha256 : mi.sha256;
            if (const Status allowed = meta::checkMediaUrl(QUrl(mi.url), m_graph.settings()); !allowed) {
                error = allowed.error().message;
                giveUp = true;
                qCWarning(lcHttp).noquote() << "security: media of message" << d.id << "not downloaded:" << error;
            } else if (expected.isEmpty()) {
                error = QStringLiteral("Meta gave no sha256 for this file, so it cannot be checked; it was not kept");
            } else if (const auto bytes = m_graph.download(mi.url, token, kMaxBytes).result(); const auto *de = std::get_if<meta::GraphError>(&bytes)) {
                error = de->explain();
            } else {
                const QByteArray &data = std::get<QByteArray>(bytes);
                const QByteArray digest = crypto::sha256(data);
                sha = QString::fromLatin1(digest.toHex());
                size = data.size();
                const bool matches = expected.compare(sha, Qt::CaseInsensitive) == 0 || expected == QString::fromLatin1(digest.toBase64());
                if (!matches) {
                    error = QStringLiteral("the downloaded file does not match Meta's sha256 (damaged on the way); it will be fetched again");
                } else {
                    const QString path = pathFor(m_root, sha);
                    QDir().mkpath(QFileInfo(path).absolutePath());
                    if (!QFile::exists(path)) {
                        QSaveFile file(path);
                        if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit())
                            error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
                    }
                }
            }
        }
        QList<Event> events;
        Transaction tx(m_db, Transaction::Priority::Background);
        if (!tx.begun())
            return tx.begun().error();
        if (error.isEmpty()) {
            Sql up(tx.connection(), QStringLiteral("UPDATE whatsapp_messages SET media_file = ?, media_size = COALESCE(media_size, ?), "
                                                   "media_mime_type = COALESCE(media_mime_type, ?), media_error = NULL, updated_at = ? "
                                                   "WHERE id = ? RETURNING ") + rows::kMessageColumns);
            up.bind(sha).bind(size).bind(nullIfEmpty(mime)).bind(nowMs()).bind(d.id);
            if (auto s = up.exec(); !s)
                return s.error();
            if (up.next()) {
                auto e = rows::recordEvent(tx.connection(), d.tenant, QStringLiteral("message.updated"), up, rows::messageJson);
                if (!e)
                    return e.error();
                events.append(e.value());
            }
            ++stored;
        } else {
            static const qint64 delays[] = {30'000, 120'000, 600'000, 1'800'000, 3'600'000, 3'600'000};
            Sql up(tx.connection(), QStringLiteral("UPDATE whatsapp_messages SET media_attempts = ?, media_next_at = ?, "
                                                   "media_error = ? WHERE id = ?"));
            up.bind(giveUp ? kMaxAttempts : d.attempts + 1).bind(nowMs() + delays[std::min(d.attempts, 5)]).bind(error).bind(d.id);
            if (auto s = up.exec(); !s)
                return s.error();
            qCInfo(lcHttp).noquote() << "media of message" << d.id << "not fetched (attempt" << d.attempts + 1 << "):" << error;
        }
        if (auto s = tx.commit(); !s)
            return s.error();
        if (m_bus)
            m_bus->publish(events);
    }
    return stored;
}

void MediaFetcher::syncTemplatesDue()
{
    const qint64 now = nowMs();
    m_templatesCheckedAt = now;
    constexpr qint64 kEvery = 6LL * 3600 * 1000;
    QList<qint64> due;
    {
        Sql q(m_db.connection(), QStringLiteral("SELECT w.tenant_id, (SELECT MAX(synced_at) FROM message_templates t WHERE t.tenant_id = w.tenant_id) "
                                                "FROM whatsapp_config w WHERE w.api_type = 'business_api' AND w.is_active = 1 "
                                                "AND w.business_account_id IS NOT NULL"));
        if (!q.exec())
            return;
        while (q.next()) {
            const qint64 tenant = q.int64(0);
            const qint64 synced = q.isNull(1) ? 0 : q.int64(1);
            if (now - synced > kEvery && now - m_templatesTriedAt.value(tenant) > kEvery)
                due.append(tenant);
        }
    }
    for (qint64 tenant : std::as_const(due)) {
        if (m_worker.stopping())
            return;
        m_templatesTriedAt.insert(tenant, now);
        auto synced = TemplateService(m_db, m_keyring).sync(TenantId(tenant), m_graph);
        if (!synced)
            qCInfo(lcHttp).noquote() << "templates of tenant" << tenant << "not synced:" << synced.error().message;
        if (m_worker.stopping())
            return;
    }
}

} // namespace puente
