#pragma once

#include "common/result.h"
#include "crypto/secretbox.h"
#include "domain/ids.h"
#include "events/eventlog.h"
#include "protocol/routes.h"
#include "storage/auditlog.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QSqlDatabase>
#include <QTimeZone>

#include <array>
#include <atomic>
#include <functional>
#include <optional>

namespace puente {

class Database;
class ConversationService;

// The CRM's notifications (docs/architecture.md, "Notifications"): events
// become template messages through a tenant's rules.
namespace notify {

// application_received, interview_scheduled... and custom names:
// [a-z][a-z0-9_.]{2,63}.
bool validEventName(const QString &event);
const QStringList &knownEvents();

// A tenant's quiet hours: minutes after local midnight; start == end, or
// disabled, means none.
struct QuietHours {
    bool enabled = true;
    int start = 21 * 60;
    int end = 8 * 60;
    QTimeZone zone;
};
bool inQuietHours(qint64 atMs, const QuietHours &quiet);
// When a notification asked for `sendAt` (or now) goes out: at once, at
// its time, or at the end of the quiet hours it falls in.
qint64 dueAt(qint64 nowMs, std::optional<qint64> sendAtMs, const QuietHours &quiet, bool ruleKeepsQuietHours);

// send_at: ISO 8601 with or without an offset (none: the tenant's zone), a
// date alone, or Unix milliseconds. nullopt: not a time.
std::optional<qint64> parseTime(const QJsonValue &value, const QTimeZone &zone);
// "jueves 10 de diciembre", "10:00", "jueves 10 de diciembre, 10:00" (es);
// "Thursday, December 10", "10:00 AM", ... (en). `kind`: date, time, datetime.
QString formatTime(qint64 atMs, const QString &kind, const QTimeZone &zone, const QString &language);

// An opt-out keyword or a message, folded: case, accents and spacing ignored.
QString foldKeyword(const QString &text);

// A rule's template parameters from an event's data: the send's components
// and the text the contact will read. Errors: missing_data (`field`: the
// path, "data.candidate.first_name"), rule_broken (the rule and the
// template disagree: `field` "template").
struct Rendered {
    QJsonArray components;
    QString text;
};
Result<Rendered> render(const protocol::NotificationRule &rule, const QJsonArray &templateComponents, const QJsonObject &data,
                        const QTimeZone &zone, const QString &language, QString *field);
// Why a rule cannot be sent with its template as stored (empty: it can):
// gone, not approved, or other parameters than the rule gives.
QString brokenReason(const protocol::NotificationRule &rule, const std::optional<QString> &templateStatus, const QJsonArray &templateComponents);

// Counted once per status a notification reaches (per process), for /metrics.
using StatusCounters = std::array<std::atomic<quint64>, 9>;
StatusCounters &counters();

// Where a callback may go: https, or http(s) to this machine (a CRM on the
// same host); never to a private address unless the installation allows it.
// Names are checked again once resolved (checkCallbackAddress).
Status checkCallbackUrl(const QString &url, bool allowPrivateNetwork);

} // namespace notify

// Rules, settings, notifications, callbacks and what follows them. Every
// method is tenant-scoped; another tenant's id is not_found.
class NotificationService {
public:
    NotificationService(Database &db, crypto::KeyringPtr keyring, EventBus *bus);
    ~NotificationService();
    NotificationService(NotificationService &&) noexcept;

    // The time everything here goes by (tests move it).
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }
    // The installation's default country for numbers without one (the
    // tenant's setting wins) and whether callbacks may reach private networks.
    void setDefaults(const QString &region, bool callbackPrivateNetwork)
    {
        m_defaultRegion = region;
        m_callbackPrivateNetwork = callbackPrivateNetwork;
    }

    Result<protocol::TenantSettings> settings(TenantId tenant);
    // Errors: invalid_field (with the field).
    Result<protocol::TenantSettings> updateSettings(TenantId tenant, const protocol::UpdateTenantSettings &input, const Actor &actor,
                                                    QString *field);

    Result<QList<protocol::NotificationRule>> rules(TenantId tenant);
    // Errors: invalid_field (field), rule_taken, not_found.
    Result<protocol::NotificationRule> createRule(TenantId tenant, const protocol::CreateNotificationRule &input, const Actor &actor,
                                                  QString *field);
    Result<protocol::NotificationRule> updateRule(TenantId tenant, qint64 id, const protocol::UpdateNotificationRule &input,
                                                  const Actor &actor, QString *field);
    Status deleteRule(TenantId tenant, qint64 id, const Actor &actor);
    Result<protocol::RulePreview> preview(TenantId tenant, const protocol::PreviewNotificationRule &input);

    // POST /api/notifications. `idempotencyKey` may be empty; `bodyHash`
    // tells a repeated request from another one with the same key.
    // Errors: invalid_field, invalid_phone_number (to.phone), no_rule,
    // rule_broken, missing_data (the path), plan_limit_reached,
    // idempotency_key_reused, whatsapp_not_configured.
    struct Submitted {
        protocol::Notification notification;
        QByteArray answer; // the JSON answered (the first one, when replayed)
        bool replayed = false;
    };
    Result<Submitted> submit(TenantId tenant, const protocol::SendNotification &input, const QString &idempotencyKey,
                             const QByteArray &bodyHash, QString *field);
    Result<protocol::NotificationPage> list(TenantId tenant, const protocol::NotificationQuery &query, QString *field);
    Result<protocol::Notification> get(TenantId tenant, qint64 id);
    // Errors: not_found, not_cancellable (it has left already).
    Result<protocol::Notification> cancel(TenantId tenant, qint64 id, const Actor &actor);
    // The last 100 callback deliveries, newest first.
    Result<protocol::CallbackDeliveryList> deliveries(TenantId tenant);

    // --- the notification worker's jobs ---
    // Scheduled notifications whose time has come go out (or are skipped).
    Result<int> releaseDue(int limit = 200);
    // Reads the tenants' event logs from where it stopped: statuses of
    // notification messages, opt-out keywords, button replies.
    Result<int> followEvents(int limit = 500);
    struct DueCallback {
        qint64 id = 0;
        TenantId tenant;
        qint64 notificationId = 0;
        QString kind;
        QString url;
        QByteArray secret;
        QByteArray body;
        int attempts = 0;
        qint64 createdAt = 0;
    };
    // Pending deliveries whose time has come, at most one per notification
    // (the oldest: callbacks of a notification go in order), skipping `busy`.
    Result<QList<DueCallback>> dueCallbacks(int limit, const QSet<qint64> &busy);
    // After an attempt: delivered, or retried with backoff, or given up
    // after 24 hours.
    Status recordCallback(const DueCallback &delivery, bool delivered, std::optional<int> httpStatus, const QString &answer);
    // A test delivery to the tenant's callback URL (not retried). Errors:
    // invalid_field (callback_url: none set).
    Result<DueCallback> testCallback(TenantId tenant);
    Result<protocol::CallbackDelivery> delivery(TenantId tenant, qint64 id);
    // Idempotency keys older than 7 days, callback deliveries older than 30.
    Status prune();

    // The first retry's delay; each next one doubles it (at most an hour).
    void setRetryBase(qint64 ms) { m_retryBaseMs = ms; }

    static constexpr qint64 kIdempotencyMs = 7LL * 24 * 3600 * 1000;
    static constexpr qint64 kCallbackGiveUpMs = 24LL * 3600 * 1000;

private:
    struct Row;
    struct Settings;
    Result<Settings> loadSettings(QSqlDatabase c, TenantId tenant);
    Result<protocol::NotificationRule> validateRule(QSqlDatabase c, TenantId tenant, const protocol::CreateNotificationRule &input, QString *field);
    Result<Row> notificationRow(QSqlDatabase c, TenantId tenant, qint64 id);
    // What a key already used answers: the first answer, nothing (`used`
    // says whether the key is taken: unused, or older than 7 days), or
    // idempotency_key_reused.
    Result<std::optional<Submitted>> replay(QSqlDatabase c, TenantId tenant, const QString &key, const QString &hash, qint64 now, bool *used,
                                            QString *field);
    // Why a notification is skipped, failed or cancelled: a reason code
    // (protocol::Notification::reasonCode) and a sentence.
    struct Why {
        QString code;
        QString text;
    };
    Status recordHistory(QSqlDatabase c, const Row &row, protocol::NotificationStatus status, const Why &why,
                         std::optional<qint64> errorCode, qint64 at);
    Status changeStatus(QSqlDatabase c, TenantId tenant, Row &row, protocol::NotificationStatus status, const Why &why,
                        std::optional<qint64> errorCode, const Settings &settings);
    Status queueCallback(QSqlDatabase c, TenantId tenant, const Settings &settings, std::optional<qint64> notificationId, const QString &kind,
                         const QJsonObject &payload);
    // Sends a notification now with its rule's rendered template: its
    // conversation, the template message through the outbox, or skipped.
    // `refuse`: errors that a request should get (plan limit) are returned
    // instead of skipping.
    Status deliver(QSqlDatabase c, EventBatch &events, TenantId tenant, Row &row, const Settings &settings,
                   const protocol::NotificationRule &rule, const notify::Rendered &rendered, bool refuse, QString *field);
    // A scheduled one at its time: the rule as it is then (deleted, disabled,
    // broken or missing data: skipped), then deliver().
    Status releaseOne(QSqlDatabase c, EventBatch &events, TenantId tenant, Row &row, const Settings &settings);
    Status followTenant(TenantId tenant, qint64 fromSeq, qint64 toSeq, int limit, int *handled);
    protocol::Notification toProtocol(const Row &row) const;

    Database &m_db;
    crypto::KeyringPtr m_keyring;
    EventBus *m_bus;
    std::unique_ptr<ConversationService> m_conversations;
    std::function<qint64()> m_clock;
    QString m_defaultRegion;
    bool m_callbackPrivateNetwork = false;
    qint64 m_retryBaseMs = 10'000;
};

} // namespace puente
