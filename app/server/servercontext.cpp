#include "servercontext.h"

#include "importing/chatimportjobs.h"
#include "logging/logging.h"
#include "messaging/dispatcher.h"
#include "messaging/inboundprocessor.h"
#include "messaging/mediafetcher.h"
#include "messaging/tokenwatch.h"
#include "messaging/notificationworker.h"
#include "messaging/webhookinbox.h"
#include "secrets/keyrotation.h"
#include "storage/database.h"
#include "storage/migrations.h"

#include <QDir>
#include <QFileInfo>
#include <QHostAddress>
#include <QUrl>
#include <QStandardPaths>

namespace puente::server {

QString dataDir(const Settings &settings)
{
    const QString configured = settings.value(QStringLiteral("data_dir"));
    if (!configured.isEmpty())
        return QDir(configured).absolutePath();
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/puente-server");
}

QString databaseUrl(const Settings &settings)
{
    const QString configured = settings.value(QStringLiteral("database"));
    if (!configured.isEmpty())
        return configured;
    return QStringLiteral("sqlite://") + dataDir(settings) + QStringLiteral("/puente.db");
}

QString mediaRoot(const Settings &settings)
{
    return dataDir(settings) + QStringLiteral("/media");
}

meta::GraphSettings graphSettings(const Settings &settings)
{
    meta::GraphSettings graph;
    graph.baseUrl = settings.value(QStringLiteral("graph_base_url"), graph.baseUrl);
    while (graph.baseUrl.endsWith(QLatin1Char('/')))
        graph.baseUrl.chop(1);
    graph.version = settings.value(QStringLiteral("graph_version"), graph.version);
    bool ok = false;
    const int timeout = settings.value(QStringLiteral("graph_timeout_ms")).toInt(&ok);
    if (ok && timeout > 0)
        graph.timeoutMs = timeout;
    // Graph pointed at an emulator on this machine (the Sandbox): its media
    // comes from that same address, and only from there.
    const QUrl base(graph.baseUrl);
    QHostAddress baseAddress;
    const bool localGraph = base.host() == QLatin1String("localhost") || (baseAddress.setAddress(base.host()) && baseAddress.isLoopback());
    if (const QString hosts = settings.value(QStringLiteral("media_download_hosts")); !hosts.isEmpty())
        graph.mediaHosts = hosts.split(QLatin1Char(','), Qt::SkipEmptyParts);
    else if (localGraph)
        graph.mediaHosts = {QStringLiteral("%1:%2").arg(base.host()).arg(base.port(base.scheme() == QLatin1String("https") ? 443 : 80))};
    graph.mediaPrivateNetwork = settings.value(QStringLiteral("media_download_private_network"), localGraph ? QStringLiteral("true") : QString())
                                == QLatin1String("true");
    return graph;
}

TokenWatchSettings tokenWatchSettings(const Settings &settings)
{
    TokenWatchSettings t;
    t.platformAppId = settings.value(QStringLiteral("app_id"));
    t.platformAppSecret = settings.value(QStringLiteral("app_secret"));
    return t;
}

secrets::MasterKeyStore masterKeyStore(const Settings &settings)
{
    if (settings.contains(QStringLiteral("master_key")))
        return secrets::MasterKeyStore::fromEnvironment(settings.value(QStringLiteral("master_key")),
                                                        settings.value(QStringLiteral("master_key_previous")));
    return secrets::MasterKeyStore::fromFile(dataDir(settings) + QStringLiteral("/master.key"));
}

Status prepareDataDir(const Settings &settings, bool create)
{
    const QString dir = QDir::cleanPath(dataDir(settings));
    const QFileInfo info(dir);
    if (!info.exists()) {
        if (!create)
            return {};
        // Made 0700 from the start (mkdir's mode), never visible to others
        // for a moment. The folders above it that are missing too are the
        // server's as well: the console makes its demo's folder inside its
        // own data folder first, and that one must not be found open later.
        QStringList missing;
        for (QString path = dir; !QFileInfo::exists(path); path = QFileInfo(path).absolutePath()) {
            if (missing.contains(path))
                break; // the root, which always exists
            missing.prepend(path);
        }
        for (const QString &path : std::as_const(missing))
            if (!QDir().mkdir(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner) && !QFileInfo(path).isDir())
                return makeError("io_error", QStringLiteral("cannot create the data folder %1").arg(path));
        return {};
    }
    if (!info.isDir())
        return makeError("io_error", QStringLiteral("the data folder %1 is not a folder").arg(dir));
    // The console's own local server keeps its data in the desktop user's
    // folder, which the user never chose nor set up (and which a console
    // from before this check made 0755): it is tightened, with a note.
    if (settings.value(QStringLiteral("data_dir_permissions")) == QLatin1String("tighten")) {
        const QFileDevice::Permissions owner = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
        const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
                                                | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
        if (info.permissions() & others) {
            qCWarning(lcSecrets).noquote() << "the data folder" << dir << "was open to other users; made it 0700";
            QFile::setPermissions(dir, owner);
        }
        const QString key = dir + QStringLiteral("/master.key");
        if (QFileInfo::exists(key) && !secrets::checkKeyFilePermissions(key)) {
            qCWarning(lcSecrets).noquote() << "the master key file" << key << "was open to other users; made it 0600";
            QFile::setPermissions(key, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        }
    }
    const QFileDevice::Permissions p = QFileInfo(dir).permissions();
    const QFileDevice::Permissions read = QFileDevice::ReadGroup | QFileDevice::ReadOther;
    const QFileDevice::Permissions write = QFileDevice::WriteGroup | QFileDevice::WriteOther;
    const QFileDevice::Permissions enter = QFileDevice::ExeGroup | QFileDevice::ExeOther;
    if (p & (read | write | enter)) {
        const QString how = p & read ? QStringLiteral("readable") : p & write ? QStringLiteral("writable") : QStringLiteral("enterable");
        return makeError("insecure_permissions", QStringLiteral("the data folder %1 is %2 by other users (mode %3); run: chmod 700 %1")
                                                     .arg(dir, how, secrets::permissionMode(p)));
    }
    // Also when the key comes from PUENTE_MASTER_KEY: a key file left here
    // still opens what it sealed.
    return secrets::checkKeyFilePermissions(dir + QStringLiteral("/master.key"));
}

Result<std::unique_ptr<ServerContext>> ServerContext::start(const Settings &settings)
{
    std::unique_ptr<ServerContext> ctx(new ServerContext);
    ctx->m_settings = settings;
    if (auto s = prepareDataDir(settings, true); !s)
        return s.error();

    auto db = Database::open(databaseUrl(settings));
    if (!db)
        return db.error();
    ctx->m_db = std::move(db).value();
    auto applied = migrations::migrate(*ctx->m_db);
    if (!applied)
        return applied.error();

    auto keyring = masterKeyStore(settings).keyring(true);
    if (!keyring)
        return keyring.error();
    ctx->m_keyring = keyring.value();
    if (auto s = secrets::verifyMasterKey(*ctx->m_db, *ctx->m_keyring); !s)
        return s.error();
    qCInfo(lcStorage).noquote() << "database" << ctx->m_db->url().redacted() << "at schema version"
                                << migrations::latestVersion();

    ctx->m_graph = std::make_unique<meta::GraphClient>(graphSettings(settings));
    ctx->m_processor = std::make_unique<InboundProcessor>(*ctx->m_db, &ctx->m_bus);
    InboundProcessor *processor = ctx->m_processor.get();
    const bool powerSafe = settings.value(QStringLiteral("sqlite_inbox_sync"), QStringLiteral("normal")) == QLatin1String("full");
    ctx->m_inbox = std::make_unique<WebhookInbox>(*ctx->m_db, [processor] { processor->wake(); }, powerSafe);
    processor->watchArrivals(ctx->m_inbox.get());
    if (ctx->m_db->dialect() == Dialect::Sqlite)
        processor->markThrough(ctx->m_inbox.get());
    ctx->m_processor->start();
    if (settings.value(QStringLiteral("dispatcher"), QStringLiteral("on")) != QLatin1String("off")) {
        DispatcherSettings d;
        d.graph = graphSettings(settings);
        ctx->m_dispatcher = std::make_unique<OutboxDispatcher>(*ctx->m_db, ctx->m_keyring, &ctx->m_bus, d);
        ctx->m_dispatcher->start();
    }
    if (settings.value(QStringLiteral("media_fetcher"), QStringLiteral("on")) != QLatin1String("off")) {
        ctx->m_mediaFetcher = std::make_unique<MediaFetcher>(*ctx->m_db, ctx->m_keyring, &ctx->m_bus, *ctx->m_graph, mediaRoot(settings));
        ctx->m_mediaFetcher->start();
    }
    if (settings.value(QStringLiteral("notifications"), QStringLiteral("on")) != QLatin1String("off")) {
        NotificationWorkerSettings n;
        n.defaultRegion = settings.value(QStringLiteral("default_phone_region"));
        n.callbackPrivateNetwork = settings.value(QStringLiteral("callback_private_network")) == QLatin1String("true");
        if (const qint64 base = settings.value(QStringLiteral("callback_retry_base_ms")).toLongLong(); base > 0)
            n.retryBaseMs = base;
        ctx->m_notifications = std::make_unique<NotificationWorker>(*ctx->m_db, ctx->m_keyring, &ctx->m_bus, n);
        ctx->m_notifications->start();
    }
    ctx->m_chatImports = std::make_unique<ChatImportJobs>(*ctx->m_db, &ctx->m_bus, mediaRoot(settings), dataDir(settings) + QStringLiteral("/imports"));
    ctx->m_chatImports->start();
    if (settings.value(QStringLiteral("token_watch"), QStringLiteral("on")) != QLatin1String("off")) {
        ctx->m_tokenWatch = std::make_unique<TokenWatch>(*ctx->m_db, ctx->m_keyring, &ctx->m_bus, *ctx->m_graph, tokenWatchSettings(settings));
        ctx->m_tokenWatch->start();
    }
    return ctx;
}

ServerContext::~ServerContext()
{
    // Sends first (outcomes already known are recorded), then the processor
    // (it hands its last marks to the inbox), then the inbox, which commits
    // what is queued.
    m_tokenWatch.reset();
    m_chatImports.reset();
    m_notifications.reset();
    m_dispatcher.reset();
    m_mediaFetcher.reset();
    if (m_processor)
        m_processor->stop();
    m_inbox.reset();
    m_processor.reset();
    m_graph.reset();
}

void ServerContext::wakeInbound()
{
    if (m_processor)
        m_processor->wake();
}

} // namespace puente::server
