#pragma once

#include "common/result.h"
#include "crypto/secretbox.h"
#include "domain/ids.h"
#include "events/eventlog.h"
#include "protocol/routes.h"
#include "storage/auditlog.h"

#include <QHash>
#include <QIODevice>

#include <atomic>
#include <functional>
#include <optional>

namespace puente {

class Database;

// Counted per process for /metrics: recipients handed to the outbox, skipped
// at the send, and automatic pauses.
struct CampaignCounters {
    std::atomic<quint64> queued{0};
    std::atomic<quint64> skipped{0};
    std::atomic<quint64> pausedAutomatically{0};
};
CampaignCounters &campaignCounters();

// Mass sends (docs/architecture.md, "Campaigns"): one approved template to
// an audience imported from a CSV file, sent through the outbox at the
// number's pace and within Meta's messaging limit. Every method is
// tenant-scoped; another tenant's campaign is not_found.
class CampaignService {
public:
    CampaignService(Database &db, crypto::KeyringPtr keyring, EventBus *bus);

    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }
    // The installation's default country (a tenant's own setting wins).
    void setDefaultRegion(const QString &region) { m_defaultRegion = region; }

    Result<QList<protocol::Campaign>> list(TenantId tenant);
    Result<protocol::Campaign> get(TenantId tenant, qint64 id);
    // Errors: invalid_field (field), not_found, campaign_not_editable.
    Result<protocol::Campaign> create(TenantId tenant, const protocol::CreateCampaign &input, const Actor &actor, QString *field);
    Result<protocol::Campaign> update(TenantId tenant, qint64 id, const protocol::UpdateCampaign &input, const Actor &actor, QString *field);
    Status remove(TenantId tenant, qint64 id, const Actor &actor);

    // The audience from a CSV file (read as it goes, never whole), which
    // replaces the draft's previous one. Errors: invalid_audience (the file
    // as a whole: not UTF-8, no phone column, a column a placeholder needs),
    // plan_limit_reached, campaign_not_editable.
    Result<protocol::AudienceReport> importAudience(TenantId tenant, qint64 id, QIODevice *csv, const Actor &actor);
    Result<protocol::AudienceReport> audienceReport(TenantId tenant, qint64 id);
    // Every row not taken, as CSV (line, column, code, reason, value).
    Result<QByteArray> audienceIssuesCsv(TenantId tenant, qint64 id);

    // Errors: campaign_not_ready (no audience, a broken template, WhatsApp not
    // connected), invalid_state (not from this state).
    Result<protocol::Campaign> start(TenantId tenant, qint64 id, const Actor &actor);
    Result<protocol::Campaign> pause(TenantId tenant, qint64 id, const Actor &actor);
    Result<protocol::Campaign> resume(TenantId tenant, qint64 id, const Actor &actor);
    Result<protocol::Campaign> cancel(TenantId tenant, qint64 id, const Actor &actor);

    // status: pending, queued, sent, delivered, read, replied, failed,
    // skipped, cancelled. Errors: invalid_parameter (field), not_found.
    Result<protocol::CampaignRecipientPage> recipients(TenantId tenant, qint64 id, const protocol::RecipientQuery &query, QString *field);
    Result<QByteArray> resultsCsv(TenantId tenant, qint64 id);

    // --- the worker's job ---
    // Starts scheduled campaigns whose time has come, pauses those that must
    // stop (quality, Meta's refusals), hands each running one's next
    // recipients to the outbox within the number's pace and the messaging
    // limit, and finishes those with nobody left. The number of campaigns
    // still running (the worker comes back soon while there are some).
    Result<int> advance();

    // Meta's messaging limit as a number of users per 24 hours
    // ("TIER_2K", "2000"); nullopt: unlimited. Unknown or empty: 250, the
    // limit of a new business.
    static std::optional<int> messagingLimit(const QString &tier);
    // How many recipients may wait in the outbox at once: a second of the
    // number's throughput (the dispatcher never runs dry between two passes;
    // a recruiter's reply goes ahead of them in the dispatcher anyway).
    static int backlogAllowance(int throughputPerSecond);

private:
public:
    struct Row;

private:
    static Row readRow(const class Sql &q);
    // The tenant's campaign; not_found for none (or another tenant's).
    Result<Row> load(QSqlDatabase c, TenantId tenant, qint64 id);
    // The campaign as `tx` left it, audited as campaign.<action> (with
    // `detail` of it, or the whole campaign), then committed.
    Result<protocol::Campaign> commitAudited(class Transaction &tx, TenantId tenant, qint64 id, const Actor &actor, const QString &action,
                                             const std::function<QJsonObject(const protocol::Campaign &)> &detail = {});
    Result<protocol::Campaign> finish(QSqlDatabase c, const Row &row);
    Result<protocol::CampaignFunnel> funnel(QSqlDatabase c, qint64 campaignId);
    Result<protocol::Campaign> transition(TenantId tenant, qint64 id, const Actor &actor, const QString &action);
    Status pauseAutomatically(QSqlDatabase c, const Row &row, const QString &code, const QString &reason);
    Result<int> release(const Row &row, int count, bool *pausedOut);
    Status checkRefusals(QSqlDatabase c, const Row &row, const QString &quality, bool *paused);

    Database &m_db;
    crypto::KeyringPtr m_keyring;
    EventBus *m_bus = nullptr;
    std::function<qint64()> m_clock;
    QString m_defaultRegion;
};

} // namespace puente
