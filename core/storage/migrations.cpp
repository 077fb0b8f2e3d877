#include "storage/migrations.h"

#include "logging/logging.h"
#include "storage/sql.h"

#include <QList>
#include <QStringList>

namespace puente::migrations {

namespace {

struct Migration {
    int version;
    const char *name;
    QList<const char *> statements;
};

// The webhook inbox: created by migration 2 in the main database, and on
// SQLite in the inbox file too (prepareInbox).
const char *const kInboxTable = R"(CREATE TABLE webhook_inbox (
    id %PK%,
    received_at BIGINT NOT NULL,
    body %BLOB% NOT NULL,
    signed_by_tenant_id BIGINT,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    processed_at BIGINT))";
const char *const kInboxIndex = "CREATE INDEX webhook_inbox_pending ON webhook_inbox (status, id)";
// The SQLite inbox file's table: the same, keyed by a plain rowid. Without
// AUTOINCREMENT a commit writes no sqlite_sequence page: one WAL frame of
// the three or four each group commit writes (performance.md, session 8).
// Ids still only grow, as long as the newest row is never deleted
// (WebhookInbox::prune keeps it), so dead letters' inbox_id never points at
// a later body. Older inbox files keep
// AUTOINCREMENT; both work alike.
const char *const kInboxFileTable = R"(CREATE TABLE webhook_inbox (
    id INTEGER PRIMARY KEY,
    received_at BIGINT NOT NULL,
    body BLOB NOT NULL,
    signed_by_tenant_id BIGINT,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    processed_at BIGINT))";

// Portable SQL with two placeholders: %PK% (an auto-increment primary key)
// and timestamps stored as BIGINT Unix milliseconds. TEXT + CHECK stands in
// for MySQL's ENUM. Later issues append migrations; never edit a released one.
const QList<Migration> &all()
{
    static const QList<Migration> list = {
        {1, "initial schema", {
R"(CREATE TABLE tenants (
    id %PK%,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    plan TEXT NOT NULL DEFAULT 'basic' CHECK (plan IN ('basic', 'pro', 'enterprise')),
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
    suspended_reason TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL))",
R"(CREATE TABLE users (
    id %PK%,
    tenant_id BIGINT REFERENCES tenants(id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('platform_admin', 'tenant_admin', 'agent')),
    password_hash TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    last_login_at BIGINT,
    CHECK ((role = 'platform_admin' AND tenant_id IS NULL) OR (role <> 'platform_admin' AND tenant_id IS NOT NULL))))",
"CREATE UNIQUE INDEX users_tenant_email ON users (tenant_id, email) WHERE tenant_id IS NOT NULL",
"CREATE UNIQUE INDEX users_platform_email ON users (email) WHERE tenant_id IS NULL",
R"(CREATE TABLE sessions (
    id %PK%,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    tenant_id BIGINT REFERENCES tenants(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    absolute_expires_at BIGINT NOT NULL,
    revoked_at BIGINT,
    client_address TEXT,
    user_agent TEXT))",
"CREATE INDEX sessions_user ON sessions (user_id)",
R"(CREATE TABLE api_keys (
    id %PK%,
    tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    key_prefix TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    scopes TEXT NOT NULL DEFAULT '',
    created_by_user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at BIGINT))",
"CREATE INDEX api_keys_tenant ON api_keys (tenant_id)",
R"(CREATE TABLE audit_log (
    id %PK%,
    tenant_id BIGINT REFERENCES tenants(id) ON DELETE CASCADE,
    actor_user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    actor_label TEXT NOT NULL,
    action TEXT NOT NULL,
    target_type TEXT,
    target_id TEXT,
    details TEXT NOT NULL DEFAULT '{}',
    client_address TEXT,
    created_at BIGINT NOT NULL))",
"CREATE INDEX audit_log_tenant_time ON audit_log (tenant_id, created_at)",
R"(CREATE TABLE whatsapp_config (
    id %PK%,
    tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    api_type TEXT NOT NULL CHECK (api_type IN ('business_api', 'whatsapp_web')),
    business_api_token TEXT,
    phone_number_id TEXT,
    business_account_id TEXT,
    webhook_verify_token TEXT,
    app_secret TEXT,
    fallback_enabled INTEGER NOT NULL DEFAULT 0 CHECK (fallback_enabled IN (0, 1)),
    is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    connection_status TEXT NOT NULL DEFAULT 'unknown',
    last_error TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (tenant_id, api_type)))",
"CREATE UNIQUE INDEX whatsapp_config_phone_number ON whatsapp_config (phone_number_id) WHERE phone_number_id IS NOT NULL",
"CREATE INDEX whatsapp_config_waba ON whatsapp_config (business_account_id)",
R"(CREATE TABLE whatsapp_conversations (
    id %PK%,
    tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    conversation_id TEXT NOT NULL,
    contact_wa_id TEXT,
    contact_user_id TEXT,
    contact_phone TEXT,
    contact_name TEXT,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived', 'blocked')),
    assigned_user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    last_message_at BIGINT,
    last_inbound_at BIGINT,
    last_message_preview TEXT,
    unread_count INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (tenant_id, conversation_id)))",
"CREATE INDEX whatsapp_conversations_activity ON whatsapp_conversations (tenant_id, last_message_at)",
R"(CREATE TABLE whatsapp_messages (
    id %PK%,
    tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    conversation_id BIGINT NOT NULL REFERENCES whatsapp_conversations(id) ON DELETE CASCADE,
    provider_message_id TEXT,
    direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
    type TEXT NOT NULL DEFAULT 'text',
    content TEXT,
    media_url TEXT,
    status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'delivered', 'read', 'played', 'failed', 'received')),
    timestamp BIGINT NOT NULL,
    error_code INTEGER,
    error_title TEXT,
    raw_json TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (tenant_id, provider_message_id)))",
"CREATE INDEX whatsapp_messages_conversation_time ON whatsapp_messages (conversation_id, timestamp)",
R"(CREATE TABLE system_settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at BIGINT NOT NULL))",
        }},
        {2, "inbound webhooks, dead letters, events", {
kInboxTable,
kInboxIndex,
R"(CREATE TABLE dead_letters (
    id %PK%,
    inbox_id BIGINT REFERENCES webhook_inbox(id) ON DELETE SET NULL,
    tenant_id BIGINT REFERENCES tenants(id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    field TEXT,
    routing_key TEXT,
    payload TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    replayed_at BIGINT,
    replay_count INTEGER NOT NULL DEFAULT 0))",
"CREATE INDEX dead_letters_tenant ON dead_letters (tenant_id, created_at)",
R"(CREATE TABLE account_events (
    id %PK%,
    tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    inbox_id BIGINT,
    field TEXT NOT NULL,
    waba_id TEXT,
    payload TEXT NOT NULL,
    created_at BIGINT NOT NULL))",
"CREATE INDEX account_events_tenant ON account_events (tenant_id, created_at)",
R"(CREATE TABLE pending_statuses (
    id %PK%,
    tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    provider_message_id TEXT NOT NULL,
    status TEXT NOT NULL,
    status_at BIGINT NOT NULL,
    payload TEXT NOT NULL,
    created_at BIGINT NOT NULL))",
"CREATE INDEX pending_statuses_message ON pending_statuses (tenant_id, provider_message_id)",
R"(CREATE TABLE events (
    id %PK%,
    tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (tenant_id, seq)))",
R"(CREATE TABLE tenant_event_counters (
    tenant_id BIGINT PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
    last_seq BIGINT NOT NULL))",
"CREATE UNIQUE INDEX whatsapp_config_waba_owner ON whatsapp_config (business_account_id) WHERE business_account_id IS NOT NULL",
"CREATE INDEX whatsapp_conversations_wa_id ON whatsapp_conversations (tenant_id, contact_wa_id)",
"CREATE INDEX whatsapp_conversations_user_id ON whatsapp_conversations (tenant_id, contact_user_id)",
"ALTER TABLE whatsapp_messages ADD COLUMN status_at BIGINT",
"ALTER TABLE whatsapp_messages ADD COLUMN error_message TEXT",
"ALTER TABLE whatsapp_messages ADD COLUMN error_details TEXT",
"ALTER TABLE whatsapp_messages ADD COLUMN media_id TEXT",
"ALTER TABLE whatsapp_messages ADD COLUMN media_mime_type TEXT",
"ALTER TABLE whatsapp_messages ADD COLUMN media_sha256 TEXT",
"ALTER TABLE whatsapp_messages ADD COLUMN media_size BIGINT",
"ALTER TABLE whatsapp_messages ADD COLUMN media_caption TEXT",
"ALTER TABLE whatsapp_messages ADD COLUMN media_filename TEXT",
"ALTER TABLE whatsapp_messages ADD COLUMN context_message_id TEXT",
"ALTER TABLE whatsapp_messages ADD COLUMN forwarded INTEGER NOT NULL DEFAULT 0",
"ALTER TABLE whatsapp_messages ADD COLUMN reaction_emoji TEXT",
"ALTER TABLE whatsapp_messages ADD COLUMN edited INTEGER NOT NULL DEFAULT 0",
"ALTER TABLE whatsapp_messages ADD COLUMN revoked INTEGER NOT NULL DEFAULT 0",
"ALTER TABLE whatsapp_messages ADD COLUMN sender_user_id TEXT",
"ALTER TABLE whatsapp_messages ADD COLUMN pricing TEXT",
"ALTER TABLE whatsapp_messages ADD COLUMN conversation_info TEXT",
        }},
        {3, "accounts, API, outbox", {
R"(CREATE TABLE login_throttle (
    throttle_key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    first_failure_at BIGINT NOT NULL,
    last_failure_at BIGINT NOT NULL,
    locked_until BIGINT NOT NULL DEFAULT 0))",
R"(CREATE TABLE outbox (
    id %PK%,
    tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    message_id BIGINT NOT NULL REFERENCES whatsapp_messages(id) ON DELETE CASCADE,
    request TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'in_flight', 'done', 'failed', 'needs_attention')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    last_error TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (message_id)))",
"CREATE INDEX outbox_due ON outbox (state, next_attempt_at)",
"CREATE INDEX outbox_tenant_due ON outbox (tenant_id, state, id)",
"ALTER TABLE whatsapp_messages ADD COLUMN sent_by_user_id BIGINT REFERENCES users(id) ON DELETE SET NULL",
"ALTER TABLE whatsapp_messages ADD COLUMN media_file TEXT",
"ALTER TABLE whatsapp_messages ADD COLUMN template_name TEXT",
"ALTER TABLE whatsapp_conversations ADD COLUMN search_text TEXT",
"ALTER TABLE whatsapp_messages ADD COLUMN attention TEXT",
"ALTER TABLE whatsapp_config ADD COLUMN throughput_per_second INTEGER NOT NULL DEFAULT 80",
R"(CREATE TABLE message_templates (
    id %PK%,
    tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    waba_id TEXT NOT NULL,
    template_id TEXT,
    name TEXT NOT NULL,
    language TEXT NOT NULL,
    category TEXT,
    status TEXT NOT NULL,
    rejected_reason TEXT,
    quality TEXT,
    components TEXT NOT NULL DEFAULT '[]',
    synced_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (tenant_id, name, language)))",
R"(CREATE TABLE media_uploads (
    id %PK%,
    tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    media_id TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    mime_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    filename TEXT,
    created_at BIGINT NOT NULL,
    UNIQUE (tenant_id, media_id)))",
"ALTER TABLE whatsapp_messages ADD COLUMN media_attempts INTEGER NOT NULL DEFAULT 0",
"ALTER TABLE whatsapp_messages ADD COLUMN media_next_at BIGINT",
"ALTER TABLE whatsapp_messages ADD COLUMN media_error TEXT",
"CREATE INDEX whatsapp_messages_media_pending ON whatsapp_messages (media_next_at) WHERE media_file IS NULL AND media_id IS NOT NULL",
"CREATE INDEX whatsapp_messages_tenant_provider ON whatsapp_messages (tenant_id, id)",
"CREATE INDEX audit_log_tenant_actor ON audit_log (tenant_id, actor_user_id, created_at)",
"CREATE INDEX login_throttle_last ON login_throttle (last_failure_at)",
        }},
        {4, "what the last connection test found", {
"ALTER TABLE whatsapp_config ADD COLUMN display_phone_number TEXT",
"ALTER TABLE whatsapp_config ADD COLUMN verified_name TEXT",
"ALTER TABLE whatsapp_config ADD COLUMN quality_rating TEXT",
"ALTER TABLE whatsapp_config ADD COLUMN messaging_limit TEXT",
"ALTER TABLE whatsapp_config ADD COLUMN checked_at BIGINT",
        }},
        {5, "plans, usage and health", {
"ALTER TABLE whatsapp_config ADD COLUMN last_webhook_at BIGINT",
"ALTER TABLE whatsapp_messages ADD COLUMN opens_conversation INTEGER NOT NULL DEFAULT 0",
"CREATE INDEX whatsapp_messages_tenant_created ON whatsapp_messages (tenant_id, created_at)",
R"(CREATE TABLE health_events (
    id %PK%,
    tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('rate_limited', 'token_refused')),
    code INTEGER,
    detail TEXT,
    created_at BIGINT NOT NULL))",
"CREATE INDEX health_events_tenant_time ON health_events (tenant_id, created_at)",
        }},
        // On SQLite the inbox moves to its own file (see prepareInbox), so a
        // dead letter's inbox id can no longer be a foreign key.
        {6, "dead letters keep the inbox id as a plain column", {
"postgres:ALTER TABLE dead_letters DROP CONSTRAINT IF EXISTS dead_letters_inbox_id_fkey",
R"(sqlite:CREATE TABLE dead_letters_new (
    id %PK%,
    inbox_id BIGINT,
    tenant_id BIGINT REFERENCES tenants(id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    field TEXT,
    routing_key TEXT,
    payload TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    replayed_at BIGINT,
    replay_count INTEGER NOT NULL DEFAULT 0))",
"sqlite:INSERT INTO dead_letters_new (id, inbox_id, tenant_id, reason, field, routing_key, payload, created_at, replayed_at, replay_count) "
    "SELECT id, inbox_id, tenant_id, reason, field, routing_key, payload, created_at, replayed_at, replay_count FROM dead_letters",
"sqlite:DROP TABLE dead_letters",
"sqlite:ALTER TABLE dead_letters_new RENAME TO dead_letters",
"sqlite:CREATE INDEX dead_letters_tenant ON dead_letters (tenant_id, created_at)",
        }},
        // The media fetcher's query could not use the old index (it compares
        // COALESCE(media_next_at, 0)) and scanned every message each time.
        // Media given up on (MediaFetcher::kMaxAttempts = 6) leave the index.
        {7, "due media found through an index", {
"DROP INDEX whatsapp_messages_media_pending",
"CREATE INDEX whatsapp_messages_media_due ON whatsapp_messages ((COALESCE(media_next_at, 0))) "
    "WHERE media_file IS NULL AND media_id IS NOT NULL AND media_attempts < 6",
        }},
        // No query reads messages by (tenant, id): every tenant's query
        // goes by conversation, provider id or creation time, and those
        // indexes start with the tenant too (deleting a tenant uses them).
        // One B-tree less to write per stored message.
        {8, "one unused message index less", {
"DROP INDEX whatsapp_messages_tenant_provider",
        }},
        // A dead letter says what kind it is (a change signed with another
        // tenant's app secret can never be replayed) and whose app secret
        // vouched for it: a replay is held to the same ownership check.
        {9, "dead letters keep their kind and signer", {
"ALTER TABLE dead_letters ADD COLUMN kind TEXT NOT NULL DEFAULT 'other'",
"ALTER TABLE dead_letters ADD COLUMN signed_by_tenant_id BIGINT",
"UPDATE dead_letters SET kind = 'foreign_signature' WHERE reason LIKE '%signed by another tenant%'",
"UPDATE dead_letters SET kind = 'unroutable' WHERE reason LIKE 'no tenant owns %'",
"UPDATE dead_letters SET kind = 'failed_repeatedly' WHERE reason LIKE 'processing failed %'",
        }},
        // The CRM's notifications (issue 18): per-tenant settings, rules,
        // notifications with their history, idempotency keys, the callback
        // queue, and the event-log cursor of the notification worker.
        {10, "notifications", {
R"(CREATE TABLE tenant_settings (
    tenant_id BIGINT PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
    default_region TEXT,
    time_zone TEXT,
    language TEXT,
    quiet_hours_enabled INTEGER NOT NULL DEFAULT 1,
    quiet_start INTEGER NOT NULL DEFAULT 1260,
    quiet_end INTEGER NOT NULL DEFAULT 480,
    opt_out_keywords TEXT,
    opt_out_reply TEXT,
    callback_url TEXT,
    callback_secret TEXT,
    updated_at BIGINT NOT NULL))",
R"(CREATE TABLE notification_rules (
    id %PK%,
    tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    event TEXT NOT NULL,
    template_name TEXT NOT NULL,
    language TEXT NOT NULL,
    header TEXT NOT NULL DEFAULT '[]',
    body TEXT NOT NULL DEFAULT '[]',
    buttons TEXT NOT NULL DEFAULT '[]',
    quiet_hours INTEGER NOT NULL DEFAULT 1,
    enabled INTEGER NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL))",
"CREATE UNIQUE INDEX notification_rules_enabled ON notification_rules (tenant_id, event) WHERE enabled = 1",
"CREATE INDEX notification_rules_tenant ON notification_rules (tenant_id, event)",
R"(CREATE TABLE notifications (
    id %PK%,
    tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    rule_id BIGINT REFERENCES notification_rules(id) ON DELETE SET NULL,
    event TEXT NOT NULL,
    reference TEXT,
    phone TEXT NOT NULL,
    name TEXT,
    data TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('accepted', 'scheduled', 'queued', 'sent', 'delivered', 'read', 'failed', 'skipped', 'cancelled')),
    reason TEXT,
    error_code BIGINT,
    conversation_id BIGINT REFERENCES whatsapp_conversations(id) ON DELETE SET NULL,
    message_id BIGINT REFERENCES whatsapp_messages(id) ON DELETE SET NULL,
    send_at BIGINT,
    due_at BIGINT NOT NULL,
    reply_message_id BIGINT,
    reply_payload TEXT,
    reply_text TEXT,
    replied_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL))",
"CREATE INDEX notifications_tenant ON notifications (tenant_id, id)",
"CREATE INDEX notifications_due ON notifications (due_at) WHERE status = 'scheduled'",
"CREATE INDEX notifications_reference ON notifications (tenant_id, reference)",
"CREATE INDEX notifications_phone ON notifications (tenant_id, phone)",
R"(CREATE TABLE notification_history (
    id %PK%,
    notification_id BIGINT NOT NULL REFERENCES notifications(id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    reason TEXT,
    error_code BIGINT,
    at BIGINT NOT NULL))",
"CREATE INDEX notification_history_of ON notification_history (notification_id, id)",
R"(CREATE TABLE idempotency_keys (
    tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    idem_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status INTEGER NOT NULL DEFAULT 0,
    answer TEXT,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, idem_key)))",
"CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at)",
R"(CREATE TABLE callback_deliveries (
    id %PK%,
    tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    notification_id BIGINT REFERENCES notifications(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    last_status INTEGER,
    last_answer TEXT,
    created_at BIGINT NOT NULL,
    delivered_at BIGINT,
    updated_at BIGINT NOT NULL))",
"CREATE INDEX callback_deliveries_due ON callback_deliveries (next_attempt_at) WHERE state = 'pending'",
"CREATE INDEX callback_deliveries_tenant ON callback_deliveries (tenant_id, id)",
R"(CREATE TABLE event_cursors (
    consumer TEXT NOT NULL,
    tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    last_seq BIGINT NOT NULL,
    PRIMARY KEY (consumer, tenant_id)))",
"ALTER TABLE whatsapp_conversations ADD COLUMN opted_out_at BIGINT",
"ALTER TABLE whatsapp_messages ADD COLUMN notification_id BIGINT",
"ALTER TABLE whatsapp_messages ADD COLUMN notification_event TEXT",
"ALTER TABLE whatsapp_messages ADD COLUMN reply_payload TEXT",
// The worker starts after what happened before notifications existed.
"INSERT INTO event_cursors (consumer, tenant_id, last_seq) SELECT 'notifications', tenant_id, last_seq FROM tenant_event_counters",
        }},
        // Whether a template opens a paid conversation, and the plan's count
        // of them, read only the few messages that opened one (they walked
        // every message of the conversation, or of the month). Why a
        // notification was skipped gets a column of its own (older rows
        // keep it in front of the sentence; the reader splits them).
        {11, "opening-message indexes, notification reason codes", {
"CREATE INDEX whatsapp_messages_opens ON whatsapp_messages (conversation_id, created_at) WHERE opens_conversation = 1",
"CREATE INDEX whatsapp_messages_tenant_opens ON whatsapp_messages (tenant_id, created_at) WHERE opens_conversation = 1",
"ALTER TABLE notifications ADD COLUMN reason_code TEXT",
"ALTER TABLE notification_history ADD COLUMN reason_code TEXT",
        }},
        // Campaigns (issue 19): the campaign, one durable row per recipient
        // (pending until the transaction that queues its message), the rows
        // of the audience file that were not taken, and the campaign on the
        // messages it sent.
        {12, "campaigns", {
R"(CREATE TABLE campaigns (
    id %PK%,
    tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    template_name TEXT NOT NULL,
    language TEXT NOT NULL,
    header TEXT NOT NULL DEFAULT '[]',
    body TEXT NOT NULL DEFAULT '[]',
    buttons TEXT NOT NULL DEFAULT '[]',
    state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'scheduled', 'running', 'paused', 'finished', 'cancelled')),
    start_at BIGINT,
    pause_on_yellow INTEGER NOT NULL DEFAULT 0,
    audience_columns TEXT NOT NULL DEFAULT '[]',
    report TEXT,
    importing INTEGER NOT NULL DEFAULT 0,
    pause_code TEXT,
    pause_reason TEXT,
    waiting_code TEXT,
    waiting_reason TEXT,
    waiting_until BIGINT,
    refusals_since BIGINT,
    started_at BIGINT,
    finished_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL))",
"CREATE INDEX campaigns_tenant ON campaigns (tenant_id, id)",
"CREATE INDEX campaigns_active ON campaigns (state) WHERE state IN ('scheduled', 'running')",
R"(CREATE TABLE campaign_recipients (
    id %PK%,
    campaign_id BIGINT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    line BIGINT NOT NULL,
    phone TEXT NOT NULL,
    wa_id TEXT NOT NULL,
    name TEXT,
    data TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'queued', 'skipped', 'cancelled')),
    reason_code TEXT,
    reason TEXT,
    conversation_id BIGINT REFERENCES whatsapp_conversations(id) ON DELETE SET NULL,
    message_id BIGINT REFERENCES whatsapp_messages(id) ON DELETE SET NULL,
    queued_at BIGINT,
    UNIQUE (campaign_id, wa_id)))",
"CREATE INDEX campaign_recipients_order ON campaign_recipients (campaign_id, id)",
"CREATE INDEX campaign_recipients_pending ON campaign_recipients (campaign_id, id) WHERE state = 'pending'",
R"(CREATE TABLE campaign_audience_issues (
    id %PK%,
    campaign_id BIGINT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    line BIGINT NOT NULL,
    column_name TEXT,
    code TEXT NOT NULL,
    reason TEXT NOT NULL,
    value TEXT))",
"CREATE INDEX campaign_audience_issues_of ON campaign_audience_issues (campaign_id, id)",
"ALTER TABLE whatsapp_messages ADD COLUMN campaign_id BIGINT",
"CREATE INDEX whatsapp_messages_campaign ON whatsapp_messages (campaign_id, status) WHERE campaign_id IS NOT NULL",
        }},
        // One person, one conversation (issue 23): contacts are found by a
        // canonical key (contactKey in domain/phonenumber: Mexico's 521… and
        // Argentina's 54… without the 9 evened out), and conversations that
        // were two spellings of one number are merged into the oldest: its
        // messages, notifications and campaign rows move over; it keeps the
        // latest activity, the unread counts added up, the wa_id WhatsApp
        // last wrote from, any opt-out, a block.
        {13, "contacts keyed by one canonical number", {
"ALTER TABLE whatsapp_conversations ADD COLUMN contact_key TEXT",
R"(UPDATE whatsapp_conversations SET contact_key = CASE
    WHEN contact_wa_id LIKE '521%' AND LENGTH(contact_wa_id) = 13 THEN '52' || SUBSTR(contact_wa_id, 4)
    WHEN contact_wa_id LIKE '54%' AND LENGTH(contact_wa_id) = 12 AND SUBSTR(contact_wa_id, 3, 1) <> '9' THEN '549' || SUBSTR(contact_wa_id, 3)
    ELSE contact_wa_id END
    WHERE contact_wa_id IS NOT NULL)",
"CREATE INDEX whatsapp_conversations_key ON whatsapp_conversations (tenant_id, contact_key)",
"DROP INDEX whatsapp_conversations_wa_id",
R"(UPDATE whatsapp_messages SET conversation_id = (SELECT MIN(k.id) FROM whatsapp_conversations d JOIN whatsapp_conversations k
    ON k.tenant_id = d.tenant_id AND k.contact_key = d.contact_key WHERE d.id = whatsapp_messages.conversation_id)
    WHERE conversation_id IN (SELECT d.id FROM whatsapp_conversations d WHERE EXISTS (SELECT 1 FROM whatsapp_conversations k
    WHERE k.tenant_id = d.tenant_id AND k.contact_key = d.contact_key AND k.id < d.id)))",
R"(UPDATE notifications SET conversation_id = (SELECT MIN(k.id) FROM whatsapp_conversations d JOIN whatsapp_conversations k
    ON k.tenant_id = d.tenant_id AND k.contact_key = d.contact_key WHERE d.id = notifications.conversation_id)
    WHERE conversation_id IN (SELECT d.id FROM whatsapp_conversations d WHERE EXISTS (SELECT 1 FROM whatsapp_conversations k
    WHERE k.tenant_id = d.tenant_id AND k.contact_key = d.contact_key AND k.id < d.id)))",
R"(UPDATE campaign_recipients SET conversation_id = (SELECT MIN(k.id) FROM whatsapp_conversations d JOIN whatsapp_conversations k
    ON k.tenant_id = d.tenant_id AND k.contact_key = d.contact_key WHERE d.id = campaign_recipients.conversation_id)
    WHERE conversation_id IN (SELECT d.id FROM whatsapp_conversations d WHERE EXISTS (SELECT 1 FROM whatsapp_conversations k
    WHERE k.tenant_id = d.tenant_id AND k.contact_key = d.contact_key AND k.id < d.id)))",
R"(UPDATE whatsapp_conversations SET
    unread_count = (SELECT SUM(o.unread_count) FROM whatsapp_conversations o
        WHERE o.tenant_id = whatsapp_conversations.tenant_id AND o.contact_key = whatsapp_conversations.contact_key),
    last_message_preview = (SELECT o.last_message_preview FROM whatsapp_conversations o
        WHERE o.tenant_id = whatsapp_conversations.tenant_id AND o.contact_key = whatsapp_conversations.contact_key
        ORDER BY COALESCE(o.last_message_at, 0) DESC, o.id DESC LIMIT 1),
    last_message_at = (SELECT MAX(o.last_message_at) FROM whatsapp_conversations o
        WHERE o.tenant_id = whatsapp_conversations.tenant_id AND o.contact_key = whatsapp_conversations.contact_key),
    last_inbound_at = (SELECT MAX(o.last_inbound_at) FROM whatsapp_conversations o
        WHERE o.tenant_id = whatsapp_conversations.tenant_id AND o.contact_key = whatsapp_conversations.contact_key),
    contact_wa_id = COALESCE((SELECT o.contact_wa_id FROM whatsapp_conversations o
        WHERE o.tenant_id = whatsapp_conversations.tenant_id AND o.contact_key = whatsapp_conversations.contact_key
        AND o.last_inbound_at IS NOT NULL ORDER BY o.last_inbound_at DESC, o.id DESC LIMIT 1), contact_wa_id),
    contact_phone = COALESCE((SELECT o.contact_phone FROM whatsapp_conversations o
        WHERE o.tenant_id = whatsapp_conversations.tenant_id AND o.contact_key = whatsapp_conversations.contact_key
        AND o.last_inbound_at IS NOT NULL ORDER BY o.last_inbound_at DESC, o.id DESC LIMIT 1), contact_phone),
    contact_user_id = COALESCE(contact_user_id, (SELECT MAX(o.contact_user_id) FROM whatsapp_conversations o
        WHERE o.tenant_id = whatsapp_conversations.tenant_id AND o.contact_key = whatsapp_conversations.contact_key)),
    contact_name = COALESCE(contact_name, (SELECT MAX(o.contact_name) FROM whatsapp_conversations o
        WHERE o.tenant_id = whatsapp_conversations.tenant_id AND o.contact_key = whatsapp_conversations.contact_key)),
    search_text = COALESCE(search_text, (SELECT MAX(o.search_text) FROM whatsapp_conversations o
        WHERE o.tenant_id = whatsapp_conversations.tenant_id AND o.contact_key = whatsapp_conversations.contact_key)),
    assigned_user_id = COALESCE(assigned_user_id, (SELECT MAX(o.assigned_user_id) FROM whatsapp_conversations o
        WHERE o.tenant_id = whatsapp_conversations.tenant_id AND o.contact_key = whatsapp_conversations.contact_key)),
    opted_out_at = (SELECT MIN(o.opted_out_at) FROM whatsapp_conversations o
        WHERE o.tenant_id = whatsapp_conversations.tenant_id AND o.contact_key = whatsapp_conversations.contact_key),
    status = CASE
        WHEN EXISTS (SELECT 1 FROM whatsapp_conversations o WHERE o.tenant_id = whatsapp_conversations.tenant_id
            AND o.contact_key = whatsapp_conversations.contact_key AND o.status = 'blocked') THEN 'blocked'
        WHEN EXISTS (SELECT 1 FROM whatsapp_conversations o WHERE o.tenant_id = whatsapp_conversations.tenant_id
            AND o.contact_key = whatsapp_conversations.contact_key AND o.status = 'active') THEN 'active'
        ELSE status END
    WHERE EXISTS (SELECT 1 FROM whatsapp_conversations o WHERE o.tenant_id = whatsapp_conversations.tenant_id
        AND o.contact_key = whatsapp_conversations.contact_key AND o.id > whatsapp_conversations.id)
    AND NOT EXISTS (SELECT 1 FROM whatsapp_conversations o WHERE o.tenant_id = whatsapp_conversations.tenant_id
        AND o.contact_key = whatsapp_conversations.contact_key AND o.id < whatsapp_conversations.id))",
R"(DELETE FROM whatsapp_conversations WHERE EXISTS (SELECT 1 FROM whatsapp_conversations k
    WHERE k.tenant_id = whatsapp_conversations.tenant_id AND k.contact_key = whatsapp_conversations.contact_key
    AND k.id < whatsapp_conversations.id))",
        }},
        {14, "imported chats", {
// An imported message keeps its stable key (one per message of an export,
// whichever file or run it came in) and where it came from.
"ALTER TABLE whatsapp_messages ADD COLUMN import_key TEXT",
"ALTER TABLE whatsapp_messages ADD COLUMN import_source TEXT",
"CREATE UNIQUE INDEX whatsapp_messages_import_key ON whatsapp_messages (tenant_id, import_key) WHERE import_key IS NOT NULL",
R"(CREATE TABLE chat_imports (
    id %PK%,
    tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
    file_name TEXT NOT NULL,
    file_path TEXT,
    file_size BIGINT NOT NULL DEFAULT 0,
    options TEXT NOT NULL,
    bytes_read BIGINT NOT NULL DEFAULT 0,
    messages_read BIGINT NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    report TEXT,
    error_code TEXT,
    error_message TEXT,
    created_by_user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL))",
"CREATE INDEX chat_imports_tenant ON chat_imports (tenant_id, id)",
"CREATE INDEX chat_imports_status ON chat_imports (status, id)",
        }},
        {15, "access token watch", {
// What Graph's debug_token last said about the tenant's access token, the
// tenant's own Meta app id (beside its app secret: together they renew a
// user token), and which expiry warning (14, 7 or 1 days) was given last.
"ALTER TABLE whatsapp_config ADD COLUMN app_id TEXT",
"ALTER TABLE whatsapp_config ADD COLUMN token_type TEXT",
"ALTER TABLE whatsapp_config ADD COLUMN token_expires_at BIGINT",
"ALTER TABLE whatsapp_config ADD COLUMN token_scopes TEXT",
"ALTER TABLE whatsapp_config ADD COLUMN token_checked_at BIGINT",
"ALTER TABLE whatsapp_config ADD COLUMN token_problem TEXT",
"ALTER TABLE whatsapp_config ADD COLUMN token_warned_days INTEGER",
"ALTER TABLE whatsapp_config ADD COLUMN token_renewed_at BIGINT",
"ALTER TABLE whatsapp_config ADD COLUMN token_renewal_error TEXT",
        }},
    };
    return list;
}

// Any 64-bit number unique to Puente: "puente" in ASCII.
constexpr qint64 kAdvisoryLockKey = 0x7075656e7465;

QString render(const QString &sql, Dialect dialect)
{
    QString s = sql;
    s.replace(QLatin1String("%PK%"), dialect == Dialect::Sqlite
                                         ? QStringLiteral("INTEGER PRIMARY KEY AUTOINCREMENT")
                                         : QStringLiteral("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"));
    s.replace(QLatin1String("%BLOB%"), dialect == Dialect::Sqlite ? QStringLiteral("BLOB") : QStringLiteral("BYTEA"));
    return s;
}

Result<int> readVersion(QSqlDatabase c, Dialect dialect)
{
    Sql exists(c, dialect == Dialect::Sqlite
                      ? QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
                      : QStringLiteral("SELECT COUNT(*) FROM information_schema.tables "
                                       "WHERE table_schema = current_schema() AND table_name = 'schema_migrations'"));
    if (auto s = exists.exec(); !s)
        return s.error();
    if (!exists.next() || exists.int64(0) == 0)
        return 0;
    Sql q(c, QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
    if (auto s = q.exec(); !s)
        return s.error();
    return q.next() ? int(q.int64(0)) : 0;
}

Error tooNew(int found)
{
    return makeError("schema_too_new",
                     QStringLiteral("the database schema is version %1 but this Puente knows only up to version %2; "
                                    "upgrade Puente (the database was not changed)")
                         .arg(found)
                         .arg(latestVersion()));
}

Result<int> applyPending(Database &db, int upTo)
{
    {
        Transaction tx(db);
        if (!tx.begun())
            return tx.begun().error();
        if (auto s = Sql::run(tx.connection(),
                              QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations ("
                                             "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)"));
            !s)
            return s.error();
        if (auto s = tx.commit(); !s)
            return s.error();
    }
    int applied = 0;
    for (const Migration &m : all()) {
        if (m.version > upTo)
            break;
        Transaction tx(db);
        if (!tx.begun())
            return tx.begun().error();
        auto version = readVersion(tx.connection(), db.dialect());
        if (!version)
            return version.error();
        if (version.value() >= m.version)
            continue; // another node got here first
        for (const char *statement : m.statements) {
            // "sqlite:" and "postgres:" mark a statement for one dialect only.
            QString sql = QString::fromUtf8(statement);
            for (const auto &[prefix, dialect] : {std::pair{QLatin1String("sqlite:"), Dialect::Sqlite},
                                                  std::pair{QLatin1String("postgres:"), Dialect::Postgres}}) {
                if (sql.startsWith(prefix)) {
                    sql = dialect == db.dialect() ? sql.mid(prefix.size()) : QString();
                    break;
                }
            }
            if (sql.isEmpty())
                continue;
            if (auto s = Sql::run(tx.connection(), render(sql, db.dialect())); !s)
                return makeError("migration_failed", QStringLiteral("migration %1 (%2) failed: %3")
                                                         .arg(m.version)
                                                         .arg(QString::fromUtf8(m.name), s.error().message));
        }
        Sql record(tx.connection(), QStringLiteral("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)"));
        record.bind(m.version).bind(QString::fromUtf8(m.name)).bind(nowMs());
        if (auto s = record.exec(); !s)
            return s.error();
        if (auto s = tx.commit(); !s)
            return s.error();
        qCInfo(lcStorage).noquote() << "applied migration" << m.version << QString::fromUtf8(m.name);
        ++applied;
    }
    return applied;
}

} // namespace

int latestVersion()
{
    return all().last().version;
}

Result<int> currentVersion(Database &db)
{
    QSqlDatabase c = db.connection();
    if (!c.isOpen())
        return db.ping().error();
    return readVersion(c, db.dialect());
}

Result<int> migrateMain(Database &db, int upTo);

namespace {
// SQLite keeps webhook bodies in a file of their own (Database::inbox()).
// Its one table is created here, and bodies still pending in the main file
// (written before the split) move over once; they are processed at least
// once, as every body is.
Status prepareInbox(Database &db)
{
    if (db.dialect() != Dialect::Sqlite)
        return {};
    Database &inbox = db.inbox();
    {
        Transaction tx(inbox);
        if (!tx.begun())
            return tx.begun();
        Sql exists(tx.connection(), QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'webhook_inbox'"));
        if (auto s = exists.exec(); !s)
            return s;
        const bool created = exists.next() && exists.int64(0) > 0;
        exists.finish();
        if (!created) {
            for (const char *sql : {kInboxFileTable, kInboxIndex})
                if (auto s = Sql::run(tx.connection(), render(QString::fromUtf8(sql), Dialect::Sqlite)); !s)
                    return s;
        }
        if (auto s = tx.commit(); !s)
            return s;
    }
    Sql pending(db.connection(), QStringLiteral("SELECT id, received_at, body, signed_by_tenant_id, attempts FROM webhook_inbox "
                                                "WHERE status = 'pending' ORDER BY id"));
    if (auto s = pending.exec(); !s)
        return s;
    QList<qint64> moved;
    Transaction tx(inbox);
    if (!tx.begun())
        return tx.begun();
    while (pending.next()) {
        Sql copy(tx.connection(), QStringLiteral("INSERT INTO webhook_inbox (received_at, body, signed_by_tenant_id, attempts, status) "
                                                 "VALUES (?, ?, ?, ?, 'pending')"));
        copy.bind(pending.int64(1)).bind(pending.value(2).toByteArray()).bind(pending.value(3)).bind(pending.int64(4));
        if (auto s = copy.exec(); !s)
            return s;
        moved.append(pending.int64(0));
    }
    pending.finish();
    if (moved.isEmpty())
        return {};
    if (auto s = tx.commit(); !s)
        return s;
    Transaction main(db);
    if (!main.begun())
        return main.begun();
    for (qint64 id : std::as_const(moved)) {
        Sql done(main.connection(), QStringLiteral("UPDATE webhook_inbox SET status = 'done', last_error = 'moved to the inbox file' WHERE id = ?"));
        done.bind(id);
        if (auto s = done.exec(); !s)
            return s;
    }
    qCInfo(lcStorage).noquote() << "moved" << moved.size() << "pending webhooks to" << inbox.url().path;
    return main.commit();
}
} // namespace

Result<int> migrate(Database &db)
{
    return migrate(db, latestVersion());
}

Result<int> migrate(Database &db, int upTo)
{
    auto applied = migrateMain(db, upTo);
    if (!applied)
        return applied;
    if (auto s = prepareInbox(db); !s)
        return makeError("migration_failed", QStringLiteral("preparing the webhook inbox failed: %1").arg(s.error().message));
    return applied;
}

Result<int> migrateMain(Database &db, int upTo)
{
    auto before = currentVersion(db);
    if (!before)
        return before.error();
    if (before.value() > latestVersion())
        return tooNew(before.value());
    if (before.value() >= upTo)
        return 0;

    if (db.dialect() == Dialect::Sqlite)
        return applyPending(db, upTo);

    QSqlDatabase c = db.connection();
    Sql lock(c, QStringLiteral("SELECT pg_advisory_lock(?)"));
    lock.bind(kAdvisoryLockKey);
    if (auto s = lock.exec(); !s)
        return s.error();
    auto result = applyPending(db, upTo);
    Sql unlock(c, QStringLiteral("SELECT pg_advisory_unlock(?)"));
    unlock.bind(kAdvisoryLockKey);
    (void)unlock.exec();
    return result;
}

} // namespace puente::migrations
