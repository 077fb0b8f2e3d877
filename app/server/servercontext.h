#pragma once

#include "common/result.h"
#include "config/settings.h"
#include "crypto/secretbox.h"
#include "secrets/masterkeystore.h"
#include "events/eventlog.h"
#include "meta/graphclient.h"
#include "messaging/tokenwatch.h"
#include "metrics.h"

#include <memory>

namespace puente {
class ChatImportJobs;
class Database;
class InboundProcessor;
class MediaFetcher;
class NotificationWorker;
class OutboxDispatcher;
class TokenWatch;
class WebhookInbox;
}

namespace puente::server {

// What a running server holds: its settings, the database (migrated) and the
// master keyring (checked against the database).
class ServerContext {
public:
    // Makes or checks the data folder (prepareDataDir: refused when open to
    // other users), opens and migrates the database, loads the master key
    // (creating the key file on first start), checks it opens this
    // database's secrets, and starts the webhook inbox writer and the
    // inbound processor.
    static Result<std::unique_ptr<ServerContext>> start(const Settings &settings);

    ~ServerContext();
    ServerContext(const ServerContext &) = delete;
    ServerContext &operator=(const ServerContext &) = delete;

    const Settings &settings() const { return m_settings; }
    Database &database() { return *m_db; }
    crypto::KeyringPtr keyring() const { return m_keyring; }
    EventBus &eventBus() { return m_bus; }
    WebhookInbox &webhookInbox() { return *m_inbox; }
    InboundProcessor &inboundProcessor() { return *m_processor; }
    // Tells the inbound processor (once started) that rows are waiting.
    void wakeInbound();
    Metrics &metrics() { return m_metrics; }
    // The process's Graph API client (its own thread, asynchronous calls).
    meta::GraphClient &graph() { return *m_graph; }
    // Null when the settings turn it off (dispatcher=off: tests that look at
    // queued messages).
    OutboxDispatcher *dispatcher() { return m_dispatcher.get(); }
    // Null when the settings turn it off (notifications=off).
    NotificationWorker *notifications() { return m_notifications.get(); }
    // Chat imports queued through the API (always on).
    ChatImportJobs &chatImports() { return *m_chatImports; }
    TokenWatch *tokenWatch() { return m_tokenWatch.get(); }

private:
    ServerContext() = default;
    Settings m_settings;
    std::unique_ptr<Database> m_db;
    crypto::KeyringPtr m_keyring;
    EventBus m_bus;
    Metrics m_metrics;
    std::unique_ptr<meta::GraphClient> m_graph;
    std::unique_ptr<InboundProcessor> m_processor;
    std::unique_ptr<WebhookInbox> m_inbox;
    std::unique_ptr<OutboxDispatcher> m_dispatcher;
    std::unique_ptr<MediaFetcher> m_mediaFetcher;
    std::unique_ptr<NotificationWorker> m_notifications;
    std::unique_ptr<ChatImportJobs> m_chatImports;
    std::unique_ptr<TokenWatch> m_tokenWatch;
};

// Settings every command shares.
QString dataDir(const Settings &settings);
QString databaseUrl(const Settings &settings);
// <data_dir>/media: stored media files, content-addressed.
QString mediaRoot(const Settings &settings);
// Where the Graph API is (graph_base_url, graph_version, graph_timeout_ms).
meta::GraphSettings graphSettings(const Settings &settings);
// The token watch's settings: the platform's Meta app (app_id, app_secret).
TokenWatchSettings tokenWatchSettings(const Settings &settings);

// The master key store the settings select: PUENTE_MASTER_KEY, else the key file.
secrets::MasterKeyStore masterKeyStore(const Settings &settings);

// The data folder (SQLite files, master.key, media, chat imports) is the
// server user's alone. One that does not exist yet is made 0700 when
// `create` (with any folder above it that is missing, also 0700). One that
// exists and that group or others may read, write or enter, or a
// <data_dir>/master.key they may read or write, is refused
// ("insecure_permissions", saying the chmod that fixes it): never tightened
// behind the operator's back, who must learn that it was open and may want
// to rotate the key.
Status prepareDataDir(const Settings &settings, bool create);

} // namespace puente::server
