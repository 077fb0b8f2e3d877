#include "messaging/campaigns.h"

#include "common/clock.h"
#include "common/csvreader.h"
#include "crypto/crypto.h"
#include "domain/phonenumber.h"
#include "messaging/conversations.h"
#include "messaging/notifications.h"
#include "messaging/rows.h"
#include "protocol/templatetext.h"
#include "storage/database.h"
#include "storage/planusage.h"
#include "storage/sql.h"
#include "storage/tenantrepository.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace puente {

Q_LOGGING_CATEGORY(lcCampaigns, "puente.campaigns")

CampaignCounters &campaignCounters()
{
    static CampaignCounters c;
    return c;
}

namespace {

constexpr qint64 kReplyWindowMs = 72LL * 3600 * 1000;
constexpr qint64 kDayMs = 24LL * 3600 * 1000;
constexpr int kReportIssues = 200; // in the JSON answer; the CSV has all
constexpr int kInsertChunk = 500;  // audience rows per transaction
// A burst of 131049 ("healthy ecosystem engagement"): at least this many in
// a minute (and a quarter of the campaign's answered messages then).
constexpr int kEcosystemBurst = 10;

const QStringList kSources = {QStringLiteral("column"), QStringLiteral("text"), QStringLiteral("date"), QStringLiteral("time"),
                              QStringLiteral("datetime")};
QVariant optionalInt(const std::optional<qint64> &v)
{
    return v ? QVariant(*v) : nullInt();
}

// The campaign's parameters as a notification rule over data {column: value}.
protocol::ParameterSource asRuleSource(const protocol::ParameterSource &s)
{
    return {s.source == QLatin1String("column") ? QStringLiteral("data") : s.source, s.value.trimmed()};
}

QString csvField(const QString &v)
{
    if (!v.contains(QLatin1Char(',')) && !v.contains(QLatin1Char('"')) && !v.contains(QLatin1Char('\n')) && !v.contains(QLatin1Char('\r')))
        return v;
    QString q = v;
    q.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}
QByteArray csvLine(const QStringList &fields)
{
    QStringList out;
    for (const QString &f : fields)
        out.append(csvField(f));
    return out.join(QLatin1Char(',')).toUtf8() + "\r\n";
}

const char *const kColumns = "id, tenant_id, name, template_name, language, header, body, buttons, state, start_at, pause_on_yellow, "
                             "audience_columns, report, importing, pause_code, pause_reason, waiting_code, waiting_reason, waiting_until, "
                             "started_at, finished_at, created_at, updated_at, refusals_since";
} // namespace

struct CampaignService::Row {
    protocol::Campaign wire;
    TenantId tenant;
    QJsonObject report;
    bool importing = false;
    qint64 refusalsSince = 0; // Meta's refusals count from here (the last resume)
};

CampaignService::CampaignService(Database &db, crypto::KeyringPtr keyring, EventBus *bus)
    : m_db(db), m_keyring(std::move(keyring)), m_bus(bus), m_clock(&nowMs)
{
}

std::optional<int> CampaignService::messagingLimit(const QString &tier)
{
    QString t = tier.trimmed().toUpper();
    if (t.startsWith(QLatin1String("TIER_")))
        t = t.mid(5);
    if (t == QLatin1String("UNLIMITED"))
        return std::nullopt;
    int factor = 1;
    if (t.endsWith(QLatin1Char('K'))) {
        factor = 1000;
        t.chop(1);
    }
    bool ok = false;
    const int n = t.toInt(&ok);
    if (!ok || n <= 0)
        return 250;
    return n * factor;
}

int CampaignService::backlogAllowance(int throughputPerSecond)
{
    return std::max(1, throughputPerSecond);
}

Result<CampaignService::Row> CampaignService::load(QSqlDatabase c, TenantId tenant, qint64 id)
{
    Sql q(c, QStringLiteral("SELECT %1 FROM campaigns WHERE tenant_id = ? AND id = ?").arg(QLatin1String(kColumns)));
    q.bind(tenant.value).bind(id);
    if (auto s = q.exec(); !s)
        return s.error();
    if (!q.next())
        return makeError("not_found", QStringLiteral("no such campaign"));
    return readRow(q);
}

CampaignService::Row CampaignService::readRow(const Sql &q)
{
    CampaignService::Row r;
    protocol::Campaign &w = r.wire;
    w.id = q.int64(0);
    r.tenant = TenantId(q.int64(1));
    w.name = q.text(2);
    w.templateName = q.text(3);
    w.language = q.text(4);
    w.header = rows::listOf<protocol::ParameterSource>(q.text(5));
    w.body = rows::listOf<protocol::ParameterSource>(q.text(6));
    w.buttons = rows::listOf<protocol::ButtonParameter>(q.text(7));
    w.state = protocol::enumFromName<protocol::CampaignState>(q.text(8)).value_or(protocol::CampaignState::Draft);
    if (!q.isNull(9))
        w.startAt = q.int64(9);
    w.pauseOnYellow = q.int64(10) != 0;
    for (const QJsonValue &v : rows::jsonArray(q.text(11)))
        w.columns.append(v.toString());
    r.report = QJsonDocument::fromJson(q.text(12).toUtf8()).object();
    r.importing = q.int64(13) != 0;
    w.pauseCode = q.text(14);
    w.pauseReason = q.text(15);
    w.waitingCode = q.text(16);
    w.waitingReason = q.text(17);
    if (!q.isNull(18))
        w.waitingUntil = q.int64(18);
    if (!q.isNull(19))
        w.startedAt = q.int64(19);
    if (!q.isNull(20))
        w.finishedAt = q.int64(20);
    w.createdAt = q.int64(21);
    w.updatedAt = q.int64(22);
    r.refusalsSince = q.int64(23);
    return r;
}

Result<protocol::CampaignFunnel> CampaignService::funnel(QSqlDatabase c, qint64 campaignId)
{
    protocol::CampaignFunnel f;
    QHash<QString, protocol::CampaignCount> failures, skips;
    Sql q(c, QStringLiteral("SELECT r.state, m.status, m.error_code, MAX(m.error_title), r.reason_code, MAX(r.reason), COUNT(*) "
                            "FROM campaign_recipients r LEFT JOIN whatsapp_messages m ON m.id = r.message_id WHERE r.campaign_id = ? "
                            "GROUP BY r.state, m.status, m.error_code, r.reason_code"));
    q.bind(campaignId);
    if (auto s = q.exec(); !s)
        return s.error();
    while (q.next()) {
        const QString state = q.text(0), status = q.text(1);
        const qint64 n = q.int64(6);
        f.audience += n;
        if (state == QLatin1String("pending")) {
            f.pending += n;
        } else if (state == QLatin1String("cancelled")) {
            f.cancelled += n;
        } else if (state == QLatin1String("skipped")) {
            f.skipped += n;
            auto &k = skips[q.text(4)];
            k.code = q.text(4);
            k.reason = q.text(5);
            k.count += n;
        } else if (status == QLatin1String("sent")) {
            f.sent += n;
        } else if (status == QLatin1String("delivered")) {
            f.delivered += n;
        } else if (status == QLatin1String("read") || status == QLatin1String("played")) {
            f.read += n;
        } else if (status == QLatin1String("failed")) {
            f.failed += n;
            const QString code = q.isNull(2) ? QStringLiteral("unknown") : QString::number(q.int64(2));
            auto &k = failures[code];
            k.code = code;
            k.reason = q.text(3);
            k.count += n;
        } else {
            f.queued += n; // queued, or its message is gone
        }
    }
    q.finish();
    auto sorted = [](const QHash<QString, protocol::CampaignCount> &h) {
        QList<protocol::CampaignCount> out = h.values();
        std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.count != b.count ? a.count > b.count : a.code < b.code; });
        return out;
    };
    f.failures = sorted(failures);
    f.skips = sorted(skips);
    Sql replied(c, QStringLiteral("SELECT COUNT(*) FROM campaign_recipients r WHERE r.campaign_id = ? AND r.state = 'queued' AND EXISTS ("
                                  "SELECT 1 FROM whatsapp_messages i WHERE i.conversation_id = r.conversation_id AND i.direction = 'inbound' "
                                  "AND i.timestamp > r.queued_at AND i.timestamp <= r.queued_at + ?)"));
    replied.bind(campaignId).bind(kReplyWindowMs);
    if (auto s = replied.exec(); !s)
        return s.error();
    if (replied.next())
        f.replied = replied.int64(0);
    return f;
}

Result<protocol::Campaign> CampaignService::finish(QSqlDatabase c, const Row &row)
{
    protocol::Campaign w = row.wire;
    auto f = funnel(c, w.id);
    if (!f)
        return f.error();
    w.funnel = f.value();
    if (w.state == protocol::CampaignState::Running && w.funnel.pending > 0) {
        Sql rate(c, QStringLiteral("SELECT throughput_per_second FROM whatsapp_config WHERE tenant_id = ? AND api_type = 'business_api'"));
        rate.bind(row.tenant.value);
        if (auto s = rate.exec(); !s)
            return s.error();
        const qint64 perSecond = rate.next() ? std::max<qint64>(1, rate.int64(0)) : 80;
        w.expectedEndAt = std::max(m_clock(), w.waitingUntil.value_or(0)) + w.funnel.pending * 1000 / perSecond;
    }
    return w;
}

Result<protocol::Campaign> CampaignService::commitAudited(Transaction &tx, TenantId tenant, qint64 id, const Actor &actor, const QString &action,
                                                          const std::function<QJsonObject(const protocol::Campaign &)> &detail)
{
    auto row = load(tx.connection(), tenant, id);
    if (!row)
        return row.error();
    auto out = finish(tx.connection(), row.value());
    if (!out)
        return out.error();
    if (auto s = AuditLog::append(tx.connection(), actor, tenant, QStringLiteral("campaign.") + action, QStringLiteral("campaign"), QString::number(id),
                                  detail ? detail(out.value()) : protocol::toJson(out.value()));
        !s)
        return s.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    return out;
}

Result<QList<protocol::Campaign>> CampaignService::list(TenantId tenant)
{
    QSqlDatabase c = m_db.connection();
    Sql q(c, QStringLiteral("SELECT %1 FROM campaigns WHERE tenant_id = ? ORDER BY id DESC LIMIT 100").arg(QLatin1String(kColumns)));
    q.bind(tenant.value);
    if (auto s = q.exec(); !s)
        return s.error();
    QList<Row> rows;
    while (q.next())
        rows.append(readRow(q));
    q.finish();
    QList<protocol::Campaign> out;
    for (const Row &r : std::as_const(rows)) {
        auto w = finish(c, r);
        if (!w)
            return w.error();
        out.append(w.value());
    }
    return out;
}

Result<protocol::Campaign> CampaignService::get(TenantId tenant, qint64 id)
{
    QSqlDatabase c = m_db.connection();
    auto row = load(c, tenant, id);
    if (!row)
        return row.error();
    return finish(c, row.value());
}

namespace {
// The checks a campaign's definition passes to be saved: sources, and the
// template known (its parameters are checked at start, and the audience's
// columns at import).
Status validate(QSqlDatabase c, TenantId tenant, const protocol::CreateCampaign &in, QString *field)
{
    auto invalid = [&](const QString &name, const QString &message) {
        *field = name;
        return makeError("invalid_field", message);
    };
    if (in.name.trimmed().isEmpty())
        return invalid(QStringLiteral("name"), QStringLiteral("give the campaign a name"));
    auto checkSource = [&](const protocol::ParameterSource &s, const QString &where) -> Status {
        if (!kSources.contains(s.source))
            return invalid(where, QStringLiteral("a parameter's source is column, text, date, time or datetime"));
        if (s.value.trimmed().isEmpty())
            return invalid(where, s.source == QLatin1String("text") ? QStringLiteral("a fixed text cannot be empty")
                                                                    : QStringLiteral("give the column of the audience file (first_name)"));
        if (s.source != QLatin1String("text") && csvColumnKey(s.value) != s.value.trimmed())
            return invalid(where, QStringLiteral("%1 is not a column name as the audience report gives them (lower case: %2)")
                                      .arg(s.value, csvColumnKey(s.value)));
        return {};
    };
    for (int i = 0; i < in.header.size(); ++i)
        if (auto s = checkSource(in.header.at(i), QStringLiteral("header[%1]").arg(i)); !s)
            return s;
    for (int i = 0; i < in.body.size(); ++i)
        if (auto s = checkSource(in.body.at(i), QStringLiteral("body[%1]").arg(i)); !s)
            return s;
    for (int i = 0; i < in.buttons.size(); ++i)
        if (auto s = checkSource(in.buttons.at(i).value, QStringLiteral("buttons[%1]").arg(i)); !s)
            return s;
    Sql t(c, QStringLiteral("SELECT 1 FROM message_templates WHERE tenant_id = ? AND name = ? AND language = ?"));
    t.bind(tenant.value).bind(in.templateName.trimmed()).bind(in.language.trimmed());
    if (auto s = t.exec(); !s)
        return s;
    if (!t.next())
        return invalid(QStringLiteral("template"), QStringLiteral("there is no template %1 in language %2; sync the templates or pick another")
                                                       .arg(in.templateName.trimmed(), in.language.trimmed()));
    return {};
}

// An upload of the audience is running (one that died over ten minutes ago
// does not count: the next upload takes over).
bool importingNow(bool importing, const protocol::Campaign &w, qint64 now)
{
    return importing && w.updatedAt >= now - 10 * 60'000;
}
Error uploadRunning()
{
    return makeError("campaign_not_editable", QStringLiteral("its audience is being uploaded right now; wait for the upload to finish"));
}

Error notEditable(const protocol::Campaign &w)
{
    return makeError("campaign_not_editable", QStringLiteral("the campaign is %1: only a draft can be changed").arg(protocol::enumName(w.state)));
}

// What the rule-rendering of notifications needs, from a campaign.
protocol::NotificationRule asRule(const protocol::Campaign &w)
{
    protocol::NotificationRule rule;
    rule.templateName = w.templateName;
    rule.language = w.language;
    for (const auto &s : w.header)
        rule.header.append(asRuleSource(s));
    for (const auto &s : w.body)
        rule.body.append(asRuleSource(s));
    for (const auto &b : w.buttons)
        rule.buttons.append({b.index, asRuleSource(b.value)});
    return rule;
}

// The columns the campaign's parameters read.
QStringList neededColumns(const protocol::Campaign &w)
{
    QStringList out;
    auto add = [&](const protocol::ParameterSource &s) {
        if (s.source != QLatin1String("text") && !out.contains(s.value.trimmed()))
            out.append(s.value.trimmed());
    };
    for (const auto &s : w.header)
        add(s);
    for (const auto &s : w.body)
        add(s);
    for (const auto &b : w.buttons)
        add(b.value);
    return out;
}

struct TemplateRow {
    QString status;
    QJsonArray components;
};
Result<std::optional<TemplateRow>> templateOf(QSqlDatabase c, TenantId tenant, const protocol::Campaign &w)
{
    Sql t(c, QStringLiteral("SELECT status, components FROM message_templates WHERE tenant_id = ? AND name = ? AND language = ?"));
    t.bind(tenant.value).bind(w.templateName).bind(w.language);
    if (auto s = t.exec(); !s)
        return s.error();
    if (!t.next())
        return std::optional<TemplateRow>();
    return std::optional<TemplateRow>(TemplateRow{t.text(0), rows::jsonArray(t.text(1))});
}
} // namespace

Result<protocol::Campaign> CampaignService::create(TenantId tenant, const protocol::CreateCampaign &in, const Actor &actor, QString *field)
{
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    QSqlDatabase c = tx.connection();
    if (auto s = validate(c, tenant, in, field); !s)
        return s.error();
    const qint64 now = m_clock();
    Sql q(c, QStringLiteral("INSERT INTO campaigns (tenant_id, name, template_name, language, header, body, buttons, start_at, pause_on_yellow, "
                            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    q.bind(tenant.value).bind(in.name.trimmed()).bind(in.templateName.trimmed()).bind(in.language.trimmed())
        .bind(rows::compactJson(rows::arrayOf(in.header))).bind(rows::compactJson(rows::arrayOf(in.body))).bind(rows::compactJson(rows::arrayOf(in.buttons)))
        .bind(in.startAt && *in.startAt > 0 ? QVariant(*in.startAt) : nullInt()).bind(in.pauseOnYellow.value_or(false) ? 1 : 0).bind(now).bind(now);
    if (auto s = q.exec(); !s)
        return s.error();
    q.next();
    const qint64 id = q.int64(0);
    q.finish();
    return commitAudited(tx, tenant, id, actor, QStringLiteral("created"));
}

Result<protocol::Campaign> CampaignService::update(TenantId tenant, qint64 id, const protocol::UpdateCampaign &in, const Actor &actor, QString *field)
{
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    QSqlDatabase c = tx.connection();
    auto row = load(c, tenant, id);
    if (!row)
        return row.error();
    const protocol::Campaign &old = row->wire;
    if (old.state != protocol::CampaignState::Draft)
        return notEditable(old);
    if (importingNow(row->importing, old, m_clock()))
        return uploadRunning();
    const protocol::CreateCampaign merged{in.name.value_or(old.name),     in.templateName.value_or(old.templateName),
                                          in.language.value_or(old.language), in.header.value_or(old.header),
                                          in.body.value_or(old.body),         in.buttons.value_or(old.buttons),
                                          in.startAt ? in.startAt : old.startAt, in.pauseOnYellow.value_or(old.pauseOnYellow)};
    if (auto s = validate(c, tenant, merged, field); !s)
        return s.error();
    Sql q(c, QStringLiteral("UPDATE campaigns SET name = ?, template_name = ?, language = ?, header = ?, body = ?, buttons = ?, start_at = ?, "
                            "pause_on_yellow = ?, updated_at = ? WHERE tenant_id = ? AND id = ?"));
    q.bind(merged.name.trimmed()).bind(merged.templateName.trimmed()).bind(merged.language.trimmed()).bind(rows::compactJson(rows::arrayOf(merged.header)))
        .bind(rows::compactJson(rows::arrayOf(merged.body))).bind(rows::compactJson(rows::arrayOf(merged.buttons)))
        .bind(merged.startAt && *merged.startAt > 0 ? QVariant(*merged.startAt) : nullInt()).bind(*merged.pauseOnYellow ? 1 : 0).bind(m_clock())
        .bind(tenant.value).bind(id);
    if (auto s = q.exec(); !s)
        return s.error();
    return commitAudited(tx, tenant, id, actor, QStringLiteral("updated"));
}

Status CampaignService::remove(TenantId tenant, qint64 id, const Actor &actor)
{
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun();
    auto row = load(tx.connection(), tenant, id);
    if (!row)
        return row.error();
    if (row->wire.state != protocol::CampaignState::Draft)
        return makeError("campaign_not_editable", QStringLiteral("only a draft can be deleted; cancel the campaign instead"));
    if (importingNow(row->importing, row->wire, m_clock()))
        return uploadRunning();
    Sql q(tx.connection(), QStringLiteral("DELETE FROM campaigns WHERE tenant_id = ? AND id = ?"));
    q.bind(tenant.value).bind(id);
    if (auto s = q.exec(); !s)
        return s;
    if (auto s = AuditLog::append(tx.connection(), actor, tenant, QStringLiteral("campaign.deleted"), QStringLiteral("campaign"), QString::number(id),
                                  QJsonObject{{QStringLiteral("name"), row->wire.name}});
        !s)
        return s;
    return tx.commit();
}

// --- the audience ----------------------------------------------------------------

namespace {
struct Accepted {
    qint64 line;
    QString phone, waId, name, data;
};

Status insertRecipients(QSqlDatabase c, qint64 campaign, TenantId tenant, const QList<Accepted> &rows)
{
    // Multi-row statements of a fixed size (each is prepared once per
    // connection), the rest one by one.
    constexpr int kPerStatement = 50;
    static const QString one = QStringLiteral("(?, ?, ?, ?, ?, ?, ?, 'pending')");
    static const QString head = QStringLiteral("INSERT INTO campaign_recipients (campaign_id, tenant_id, line, phone, wa_id, name, data, state) VALUES ");
    static const QString many = [] {
        QStringList values;
        for (int i = 0; i < kPerStatement; ++i)
            values.append(one);
        return head + values.join(QStringLiteral(", "));
    }();
    qsizetype i = 0;
    auto bindRow = [&](Sql &q, const Accepted &a) {
        q.bind(campaign).bind(tenant.value).bind(a.line).bind(a.phone).bind(a.waId).bind(nullIfEmpty(a.name)).bind(a.data);
    };
    for (; i + kPerStatement <= rows.size(); i += kPerStatement) {
        Sql q(c, many);
        for (int k = 0; k < kPerStatement; ++k)
            bindRow(q, rows.at(i + k));
        if (auto s = q.exec(); !s)
            return s;
    }
    for (; i < rows.size(); ++i) {
        Sql q(c, head + one);
        bindRow(q, rows.at(i));
        if (auto s = q.exec(); !s)
            return s;
    }
    return {};
}

Status insertIssues(QSqlDatabase c, qint64 campaign, const QList<protocol::AudienceIssue> &issues)
{
    for (const auto &i : issues) {
        Sql q(c, QStringLiteral("INSERT INTO campaign_audience_issues (campaign_id, line, column_name, code, reason, value) VALUES (?, ?, ?, ?, ?, ?)"));
        q.bind(campaign).bind(i.line).bind(nullIfEmpty(i.column)).bind(i.code).bind(i.reason).bind(nullIfEmpty(i.value.left(200)));
        if (auto s = q.exec(); !s)
            return s;
    }
    return {};
}

// One statement in a transaction of its own (SQLite's writers take turns
// through Transaction).
Status writeOne(Database &db, const QString &statement, const QVariantList &binds)
{
    Transaction tx(db);
    if (!tx.begun())
        return tx.begun();
    Sql q(tx.connection(), statement);
    for (const QVariant &b : binds)
        q.bind(b);
    if (auto s = q.exec(); !s)
        return s;
    return tx.commit();
}

// A draft's audience and its issues gone (inside the caller's transaction).
Status clearAudience(QSqlDatabase tx, qint64 campaign)
{
    for (const char *table : {"campaign_recipients", "campaign_audience_issues"}) {
        Sql q(tx, QStringLiteral("DELETE FROM %1 WHERE campaign_id = ?").arg(QLatin1String(table)));
        q.bind(campaign);
        if (auto s = q.exec(); !s)
            return s;
    }
    return {};
}
} // namespace

Result<protocol::AudienceReport> CampaignService::importAudience(TenantId tenant, qint64 id, QIODevice *csv, const Actor &actor)
{
    QSqlDatabase read = m_db.connection();
    auto found = load(read, tenant, id);
    if (!found)
        return found.error();
    const protocol::Campaign campaign = found->wire;
    if (campaign.state != protocol::CampaignState::Draft)
        return notEditable(campaign);
    auto tpl = templateOf(read, tenant, campaign);
    if (!tpl)
        return tpl.error();
    if (!tpl.value())
        return makeError("campaign_not_ready", QStringLiteral("the campaign's template %1 (%2) is gone; pick another before importing")
                                                   .arg(campaign.templateName, campaign.language));
    auto settings = NotificationService(m_db, m_keyring, nullptr);
    settings.setDefaults(m_defaultRegion, false);
    auto wire = settings.settings(tenant);
    if (!wire)
        return wire.error();
    const QString region = wire->defaultRegion;
    const QTimeZone zone(wire->timeZone.toUtf8());
    const QString language = wire->language;
    auto tenantRow = TenantRepository(m_db).find(tenant);
    if (!tenantRow)
        return tenantRow.error();
    const auto planLimit = tenantRow.value() ? limitsFor(tenantRow.value()->plan).campaignRecipients : std::nullopt;
    const qint64 sizeLimit = planLimit ? qint64(*planLimit) : -1; // -1: none

    // Who may not be written to.
    QSet<QString> optedOut, blocked;
    {
        Sql q(read, QStringLiteral("SELECT contact_key, status, opted_out_at FROM whatsapp_conversations WHERE tenant_id = ? "
                                   "AND (status = 'blocked' OR opted_out_at IS NOT NULL)"));
        q.bind(tenant.value);
        if (auto s = q.exec(); !s)
            return s.error();
        while (q.next()) {
            if (q.text(1) == QLatin1String("blocked"))
                blocked.insert(q.text(0));
            else
                optedOut.insert(q.text(0));
        }
    }

    CsvReader reader(csv);
    QStringList header;
    qint64 headerLine = 0;
    if (!reader.next(&header, &headerLine)) {
        if (!reader.error().isEmpty())
            return makeError("invalid_audience", reader.error());
        return makeError("invalid_audience", QStringLiteral("the file is empty: give a CSV file with a header line (phone, name, ...) and one "
                                                            "line per candidate"));
    }
    protocol::AudienceReport report;
    QHash<QString, int> index;
    QStringList keys; // per column; "" for one not read (no name, or a repeated one)
    for (int i = 0; i < header.size(); ++i) {
        const QString key = csvColumnKey(header.at(i));
        if (key.isEmpty() || index.contains(key)) {
            keys.append(QString());
            continue;
        }
        keys.append(key);
        index.insert(key, i);
        report.columns.append(key);
    }
    const int phoneColumn = audiencePhoneColumn(keys), nameColumn = audienceNameColumn(keys);
    if (phoneColumn < 0)
        return makeError("invalid_audience", QStringLiteral("the file has no phone column: its first line must name the columns, one of them "
                                                            "\"phone\" (or teléfono, móvil, celular, número); it has %1")
                                                 .arg(report.columns.isEmpty() ? QStringLiteral("none") : report.columns.join(QStringLiteral(", "))));
    const QStringList needed = neededColumns(campaign);
    for (const QString &column : needed)
        if (!index.contains(column))
            return makeError("invalid_audience", QStringLiteral("the campaign's template needs a column %1 that the file does not have (it has %2)")
                                                     .arg(column, report.columns.join(QStringLiteral(", "))));

    // Claimed: a draft, with no other import running (one that died over
    // ten minutes ago does not count), its old audience cleared, at once.
    {
        const qint64 now = m_clock();
        Transaction claim(m_db);
        if (!claim.begun())
            return claim.begun().error();
        Sql mark(claim.connection(), QStringLiteral("UPDATE campaigns SET importing = 1, updated_at = ? WHERE tenant_id = ? AND id = ? "
                                                    "AND state = 'draft' AND (importing = 0 OR updated_at < ?)"));
        mark.bind(now).bind(tenant.value).bind(id).bind(now - 10 * 60'000);
        if (auto s = mark.exec(); !s)
            return s.error();
        if (mark.rowsAffected() == 0)
            return makeError("campaign_not_editable", QStringLiteral("the campaign is no longer a draft, or another upload of its audience is "
                                                                     "running; wait for it and try again"));
        if (auto s = clearAudience(claim.connection(), id); !s)
            return s.error();
        if (auto s = claim.commit(); !s)
            return s.error();
    }
    const protocol::NotificationRule rule = asRule(campaign);
    bool formatted = false, renderedOnce = false;
    for (const auto *sources : {&campaign.header, &campaign.body})
        for (const protocol::ParameterSource &src : *sources)
            formatted = formatted || (src.source != QLatin1String("column") && src.source != QLatin1String("text"));
    for (const protocol::ButtonParameter &b : campaign.buttons)
        formatted = formatted || (b.value.source != QLatin1String("column") && b.value.source != QLatin1String("text"));
    // A failed import leaves no audience (never half of one).
    auto failImport = [&](const Error &e) -> Error {
        const Status cleared = [&]() -> Status {
            Transaction tx(m_db, Transaction::Priority::Background);
            if (!tx.begun())
                return tx.begun();
            if (auto s = clearAudience(tx.connection(), id); !s)
                return s;
            Sql unmark(tx.connection(), QStringLiteral("UPDATE campaigns SET importing = 0, report = NULL, audience_columns = '[]' WHERE id = ?"));
            unmark.bind(id);
            if (auto s = unmark.exec(); !s)
                return s;
            return tx.commit();
        }();
        if (!cleared)
            qCWarning(lcCampaigns).noquote() << "campaign" << id << "clearing a failed import:" << cleared.error().message;
        return e;
    };

    QSet<QString> seen;
    QList<Accepted> accepted;
    QList<protocol::AudienceIssue> issues;
    auto flush = [&]() -> Status {
        if (accepted.isEmpty() && issues.isEmpty())
            return {};
        Transaction tx(m_db, Transaction::Priority::Background);
        if (!tx.begun())
            return tx.begun();
        if (auto s = insertRecipients(tx.connection(), id, tenant, accepted); !s)
            return s;
        if (auto s = insertIssues(tx.connection(), id, issues); !s)
            return s;
        if (auto s = tx.commit(); !s)
            return s;
        accepted.clear();
        issues.clear();
        return {};
    };
    auto issue = [&](qint64 line, const QString &column, const QString &code, const QString &reason, const QString &value) {
        protocol::AudienceIssue i{line, column, code, reason, value};
        if (report.issues.size() < kReportIssues)
            report.issues.append(i);
        issues.append(i);
    };

    const QString phoneKey = keys.at(phoneColumn);
    QStringList fields;
    qint64 line = 0;
    while (reader.next(&fields, &line)) {
        bool blank = true;
        for (const QString &f : std::as_const(fields))
            blank = blank && f.trimmed().isEmpty();
        if (blank)
            continue;
        ++report.rows;
        auto value = [&](int column) { return column < fields.size() ? fields.at(column).trimmed() : QString(); };
        const QString raw = value(phoneColumn);
        if (raw.isEmpty()) {
            ++report.invalid;
            issue(line, phoneKey, QStringLiteral("missing_value"), QStringLiteral("no phone number"), {});
            continue;
        }
        auto phone = normalizePhoneNumber(raw, region);
        if (!phone) {
            ++report.invalid;
            issue(line, phoneKey, QStringLiteral("invalid_phone_number"), phone.error().message, raw);
            continue;
        }
        // One person per key: "+54 9 11 …" and "+54 11 …" are the same
        // candidate (contactKey), as WhatsApp sees them.
        const QString waId = contactKey(phone.value());
        if (seen.contains(waId)) {
            ++report.duplicates;
            issue(line, phoneKey, QStringLiteral("duplicate"), QStringLiteral("the same number is on an earlier line"), raw);
            continue;
        }
        if (blocked.contains(waId)) {
            ++report.blocked;
            issue(line, phoneKey, QStringLiteral("contact_blocked"), QStringLiteral("the contact is blocked in the conversations"), raw);
            continue;
        }
        if (optedOut.contains(waId)) {
            ++report.optedOut;
            issue(line, phoneKey, QStringLiteral("opted_out"), QStringLiteral("the contact asked for no more automatic messages"), raw);
            continue;
        }
        QJsonObject data;
        for (auto it = index.constBegin(); it != index.constEnd(); ++it)
            data.insert(it.key(), value(it.value()));
        QString empty;
        for (const QString &column : needed)
            if (empty.isEmpty() && data.value(column).toString().isEmpty())
                empty = column;
        if (!empty.isEmpty()) {
            ++report.invalid;
            issue(line, empty, QStringLiteral("missing_value"), QStringLiteral("no value for %1, which the template needs").arg(empty), {});
            continue;
        }
        // Rendered once to check the campaign against its template, and for
        // every row when a parameter is a date or time to read (the rest was
        // checked above: 100,000 renderings were most of an import's time).
        QString problemField;
        auto rendered = !renderedOnce || formatted ? notify::render(rule, tpl.value()->components, data, zone, language, &problemField)
                                                   : Result<notify::Rendered>(notify::Rendered{});
        renderedOnce = true;
        if (!rendered) {
            ++report.invalid;
            const QString column = problemField.startsWith(QLatin1String("data.")) ? problemField.mid(5) : problemField;
            const bool missing = rendered.error().code == QLatin1String("missing_data");
            issue(line, column, missing ? QStringLiteral("missing_value") : QStringLiteral("invalid_value"),
                  missing && data.value(column).toString().isEmpty() ? QStringLiteral("no value for %1").arg(column) : rendered.error().message,
                  data.value(column).toString());
            if (!missing && rendered.error().code == QLatin1String("rule_broken"))
                return failImport(makeError("campaign_not_ready", rendered.error().message));
            continue;
        }
        // Meta's lengths: a text header's value at most 60 characters, a
        // body's 1,024 (line breaks, tabs and runs of spaces Meta refuses
        // are evened out as for notifications, not refused).
        QString tooLong;
        int limit = 0;
        for (const auto &[sources, max] : {std::pair{&campaign.header, 60}, std::pair{&campaign.body, 1024}})
            for (const protocol::ParameterSource &src : *sources)
                if (tooLong.isEmpty() && src.source == QLatin1String("column") && data.value(src.value).toString().size() > max) {
                    tooLong = src.value;
                    limit = max;
                }
        if (!tooLong.isEmpty()) {
            ++report.invalid;
            issue(line, tooLong, QStringLiteral("value_too_long"),
                  QStringLiteral("%1 is over %2 characters, WhatsApp's limit there").arg(tooLong).arg(limit), data.value(tooLong).toString());
            continue;
        }
        seen.insert(waId);
        ++report.accepted;
        if (sizeLimit >= 0 && report.accepted > sizeLimit)
            return failImport(makeError("plan_limit_reached", QStringLiteral("the plan sends a campaign to at most %1 recipients and the file has "
                                                                             "more; split it, or move to a bigger plan")
                                                                  .arg(sizeLimit)));
        accepted.append({line, phone.value(), waId, nameColumn >= 0 ? value(nameColumn) : QString(), rows::compactJson(data)});
        if (accepted.size() + issues.size() >= kInsertChunk)
            if (auto s = flush(); !s)
                return failImport(s.error());
    }
    if (!reader.error().isEmpty())
        return failImport(makeError("invalid_audience", reader.error()));
    if (auto s = flush(); !s)
        return failImport(s.error());

    protocol::AudienceReport counts = report;
    counts.issues.clear();
    Transaction tx(m_db);
    if (!tx.begun())
        return failImport(tx.begun().error());
    Sql done(tx.connection(), QStringLiteral("UPDATE campaigns SET importing = 0, report = ?, audience_columns = ?, updated_at = ? WHERE id = ?"));
    QJsonArray columns;
    for (const QString &c : std::as_const(report.columns))
        columns.append(c);
    done.bind(rows::compactJson(protocol::toJson(counts))).bind(rows::compactJson(columns)).bind(m_clock()).bind(id);
    if (auto s = done.exec(); !s)
        return failImport(s.error());
    QJsonObject audit = protocol::toJson(counts);
    if (auto s = AuditLog::append(tx.connection(), actor, tenant, QStringLiteral("campaign.audience_imported"), QStringLiteral("campaign"),
                                  QString::number(id), audit);
        !s)
        return failImport(s.error());
    if (auto s = tx.commit(); !s)
        return failImport(s.error());
    qCInfo(lcCampaigns).noquote() << "campaign" << id << "audience:" << report.accepted << "of" << report.rows << "rows taken";
    return report;
}

Result<protocol::AudienceReport> CampaignService::audienceReport(TenantId tenant, qint64 id)
{
    QSqlDatabase c = m_db.connection();
    auto row = load(c, tenant, id);
    if (!row)
        return row.error();
    auto report = protocol::fromJson<protocol::AudienceReport>(row->report);
    Sql q(c, QStringLiteral("SELECT line, column_name, code, reason, value FROM campaign_audience_issues WHERE campaign_id = ? ORDER BY id LIMIT ?"));
    q.bind(id).bind(qint64(kReportIssues));
    if (auto s = q.exec(); !s)
        return s.error();
    while (q.next())
        report.issues.append({q.int64(0), q.text(1), q.text(2), q.text(3), q.text(4)});
    return report;
}

Result<QByteArray> CampaignService::audienceIssuesCsv(TenantId tenant, qint64 id)
{
    QSqlDatabase c = m_db.connection();
    auto row = load(c, tenant, id);
    if (!row)
        return row.error();
    QByteArray out = "\xEF\xBB\xBF" + csvLine({QStringLiteral("line"), QStringLiteral("column"), QStringLiteral("code"), QStringLiteral("reason"),
                                               QStringLiteral("value")});
    Sql q(c, QStringLiteral("SELECT line, column_name, code, reason, value FROM campaign_audience_issues WHERE campaign_id = ? ORDER BY id"));
    q.bind(id);
    if (auto s = q.exec(); !s)
        return s.error();
    while (q.next())
        out += csvLine({QString::number(q.int64(0)), q.text(1), q.text(2), q.text(3), q.text(4)});
    return out;
}

// --- states -----------------------------------------------------------------------

Result<protocol::Campaign> CampaignService::start(TenantId tenant, qint64 id, const Actor &actor)
{
    return transition(tenant, id, actor, QStringLiteral("started"));
}
Result<protocol::Campaign> CampaignService::pause(TenantId tenant, qint64 id, const Actor &actor)
{
    return transition(tenant, id, actor, QStringLiteral("paused"));
}
Result<protocol::Campaign> CampaignService::resume(TenantId tenant, qint64 id, const Actor &actor)
{
    return transition(tenant, id, actor, QStringLiteral("resumed"));
}
Result<protocol::Campaign> CampaignService::cancel(TenantId tenant, qint64 id, const Actor &actor)
{
    return transition(tenant, id, actor, QStringLiteral("cancelled"));
}

Result<protocol::Campaign> CampaignService::transition(TenantId tenant, qint64 id, const Actor &actor, const QString &action)
{
    using S = protocol::CampaignState;
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    QSqlDatabase c = tx.connection();
    auto row = load(c, tenant, id);
    if (!row)
        return row.error();
    const protocol::Campaign &w = row->wire;
    const qint64 now = m_clock();
    auto refuse = [&](const QString &what) {
        return makeError("invalid_state", QStringLiteral("a %1 campaign cannot be %2").arg(protocol::enumName(w.state), what));
    };
    QString set;
    QVariantList binds;
    if (action == QLatin1String("started")) {
        if (w.state != S::Draft)
            return refuse(QStringLiteral("started"));
        if (row->importing)
            return makeError("campaign_not_ready", QStringLiteral("its audience is still being imported (or the last upload did not finish: "
                                                                  "upload the file again)"));
        Sql pending(c, QStringLiteral("SELECT COUNT(*) FROM campaign_recipients WHERE campaign_id = ? AND state = 'pending'"));
        pending.bind(id);
        if (auto s = pending.exec(); !s)
            return s.error();
        if (!pending.next() || pending.int64(0) == 0)
            return makeError("campaign_not_ready", QStringLiteral("the campaign has nobody to send to: upload its audience (a CSV file) first"));
        pending.finish();
        auto tpl = templateOf(c, tenant, w);
        if (!tpl)
            return tpl.error();
        const protocol::NotificationRule rule = asRule(w);
        const QString broken = notify::brokenReason(rule, tpl.value() ? std::optional<QString>(tpl.value()->status) : std::nullopt,
                                                    tpl.value() ? tpl.value()->components : QJsonArray());
        if (!broken.isEmpty())
            return makeError("campaign_not_ready", QStringLiteral("the campaign cannot be sent: %1").arg(broken));
        for (const QString &column : neededColumns(w))
            if (!w.columns.contains(column))
                return makeError("campaign_not_ready", QStringLiteral("the campaign's message needs a column %1 that its audience file does not "
                                                                      "have; upload the file again (or change the message)")
                                                           .arg(column));
        Sql config(c, QStringLiteral("SELECT 1 FROM whatsapp_config WHERE tenant_id = ? AND api_type = 'business_api' AND is_active = 1"));
        config.bind(tenant.value);
        if (auto s = config.exec(); !s)
            return s.error();
        if (!config.next())
            return makeError("whatsapp_not_configured", QStringLiteral("campaigns go out through the WhatsApp Cloud API only, and it is not connected "
                                                                       "for this company; an administrator sets it up under WhatsApp configuration"));
        const bool later = w.startAt && *w.startAt > now;
        set = later ? QStringLiteral("state = 'scheduled'") : QStringLiteral("state = 'running', started_at = ?");
        if (!later)
            binds << now;
    } else if (action == QLatin1String("paused")) {
        if (w.state != S::Running && w.state != S::Scheduled)
            return refuse(QStringLiteral("paused"));
        set = QStringLiteral("state = 'paused', pause_code = 'paused_by_user', pause_reason = ?, waiting_code = NULL, waiting_reason = NULL, "
                             "waiting_until = NULL");
        binds << QStringLiteral("paused by %1").arg(actor.label);
    } else if (action == QLatin1String("resumed")) {
        if (w.state != S::Paused)
            return refuse(QStringLiteral("resumed"));
        const bool later = !w.startedAt && w.startAt && *w.startAt > now;
        set = later ? QStringLiteral("state = 'scheduled', pause_code = NULL, pause_reason = NULL")
                    : QStringLiteral("state = 'running', pause_code = NULL, pause_reason = NULL, started_at = COALESCE(started_at, ?)");
        if (!later)
            binds << now;
        // Meta's refusals before the resume do not pause it again.
        set += QStringLiteral(", refusals_since = ?");
        binds << now;
    } else {
        if (w.state == S::Finished || w.state == S::Cancelled)
            return refuse(QStringLiteral("cancelled"));
        if (importingNow(row->importing, w, now))
            return uploadRunning();
        set = QStringLiteral("state = 'cancelled', finished_at = ?, waiting_code = NULL, waiting_reason = NULL, waiting_until = NULL");
        binds << now;
        Sql left(c, QStringLiteral("UPDATE campaign_recipients SET state = 'cancelled', reason_code = 'cancelled', reason = 'the campaign was cancelled' "
                                   "WHERE campaign_id = ? AND state = 'pending'"));
        left.bind(id);
        if (auto s = left.exec(); !s)
            return s.error();
    }
    Sql q(c, QStringLiteral("UPDATE campaigns SET %1, updated_at = ? WHERE id = ?").arg(set));
    for (const QVariant &b : std::as_const(binds))
        q.bind(b);
    q.bind(now).bind(id);
    if (auto s = q.exec(); !s)
        return s.error();
    qCInfo(lcCampaigns).noquote() << "campaign" << id << action << "by" << actor.label;
    return commitAudited(tx, tenant, id, actor, action, [](const protocol::Campaign &out) {
        return QJsonObject{{QStringLiteral("name"), out.name}, {QStringLiteral("state"), protocol::enumName(out.state)}};
    });
}

// --- recipients ---------------------------------------------------------------------

namespace {
const char *const kRecipientSelect =
    "SELECT r.id, r.line, r.phone, r.name, r.state, r.reason_code, r.reason, r.conversation_id, r.message_id, r.queued_at, r.data, "
    "m.status, m.error_code, m.error_title, "
    "(SELECT MIN(i.timestamp) FROM whatsapp_messages i WHERE i.conversation_id = r.conversation_id AND i.direction = 'inbound' "
    "AND i.timestamp > r.queued_at AND i.timestamp <= r.queued_at + 259200000) "
    "FROM campaign_recipients r LEFT JOIN whatsapp_messages m ON m.id = r.message_id WHERE r.campaign_id = ?";

protocol::CampaignRecipient readRecipient(const Sql &q)
{
    protocol::CampaignRecipient r;
    r.id = q.int64(0);
    r.line = q.int64(1);
    r.phone = q.text(2);
    r.name = q.text(3);
    const QString state = q.text(4);
    r.reasonCode = q.text(5);
    r.reason = q.text(6);
    if (!q.isNull(7))
        r.conversationId = q.int64(7);
    if (!q.isNull(8))
        r.messageId = q.int64(8);
    if (!q.isNull(9))
        r.queuedAt = q.int64(9);
    r.data = QJsonDocument::fromJson(q.text(10).toUtf8()).object();
    if (state != QLatin1String("queued")) {
        r.status = state;
    } else {
        const QString status = q.text(11);
        r.status = status == QLatin1String("played") ? QStringLiteral("read") : status.isEmpty() ? QStringLiteral("queued") : status;
        if (status == QLatin1String("failed")) {
            if (!q.isNull(12))
                r.errorCode = q.int64(12);
            r.reasonCode = QStringLiteral("whatsapp_error");
            r.reason = q.text(13);
        }
    }
    if (!q.isNull(14))
        r.repliedAt = q.int64(14);
    return r;
}
} // namespace

Result<protocol::CampaignRecipientPage> CampaignService::recipients(TenantId tenant, qint64 id, const protocol::RecipientQuery &query, QString *field)
{
    QSqlDatabase c = m_db.connection();
    auto row = load(c, tenant, id);
    if (!row)
        return row.error();
    QString sql = QString::fromLatin1(kRecipientSelect);
    QVariantList binds{id};
    const QString status = query.status.trimmed();
    if (!status.isEmpty()) {
        if (status == QLatin1String("pending") || status == QLatin1String("skipped") || status == QLatin1String("cancelled")) {
            sql += QStringLiteral(" AND r.state = ?");
            binds << status;
        } else if (status == QLatin1String("queued")) {
            sql += QStringLiteral(" AND r.state = 'queued' AND (m.status = 'queued' OR m.id IS NULL)");
        } else if (status == QLatin1String("sent") || status == QLatin1String("delivered") || status == QLatin1String("failed")) {
            sql += QStringLiteral(" AND r.state = 'queued' AND m.status = ?");
            binds << status;
        } else if (status == QLatin1String("read")) {
            sql += QStringLiteral(" AND r.state = 'queued' AND m.status IN ('read', 'played')");
        } else if (status == QLatin1String("replied")) {
            sql += QStringLiteral(" AND r.state = 'queued' AND EXISTS (SELECT 1 FROM whatsapp_messages i WHERE i.conversation_id = r.conversation_id "
                                  "AND i.direction = 'inbound' AND i.timestamp > r.queued_at AND i.timestamp <= r.queued_at + 259200000)");
        } else {
            *field = QStringLiteral("status");
            return makeError("invalid_parameter", QStringLiteral("status is one of pending, queued, sent, delivered, read, replied, failed, skipped, "
                                                                 "cancelled"));
        }
    }
    if (!query.cursor.isEmpty()) {
        bool ok = false;
        const qint64 after = query.cursor.toLongLong(&ok);
        if (!ok) {
            *field = QStringLiteral("cursor");
            return makeError("invalid_cursor", QStringLiteral("the cursor is not one this server gave"));
        }
        sql += QStringLiteral(" AND r.id > ?");
        binds << after;
    }
    const int limit = query.limit > 0 ? int(std::min<qint64>(query.limit, 500)) : 100;
    sql += QStringLiteral(" ORDER BY r.id LIMIT ?");
    binds << qint64(limit + 1);
    Sql q(c, sql);
    for (const QVariant &b : std::as_const(binds))
        q.bind(b);
    if (auto s = q.exec(); !s)
        return s.error();
    protocol::CampaignRecipientPage page;
    while (q.next()) {
        if (page.items.size() == limit) {
            page.nextCursor = QString::number(page.items.last().id);
            break;
        }
        page.items.append(readRecipient(q));
    }
    return page;
}

Result<QByteArray> CampaignService::resultsCsv(TenantId tenant, qint64 id)
{
    QSqlDatabase c = m_db.connection();
    auto row = load(c, tenant, id);
    if (!row)
        return row.error();
    QStringList head{QStringLiteral("line"), QStringLiteral("phone"), QStringLiteral("name"), QStringLiteral("status"), QStringLiteral("reason_code"),
                     QStringLiteral("reason"), QStringLiteral("error_code"), QStringLiteral("queued_at"), QStringLiteral("replied_at")};
    QByteArray out = "\xEF\xBB\xBF" + csvLine(head);
    Sql q(c, QString::fromLatin1(kRecipientSelect) + QStringLiteral(" ORDER BY r.id"));
    q.bind(id);
    if (auto s = q.exec(); !s)
        return s.error();
    auto iso = [](const std::optional<qint64> &ms) {
        return ms ? QDateTime::fromMSecsSinceEpoch(*ms, QTimeZone::utc()).toString(Qt::ISODate) : QString();
    };
    while (q.next()) {
        const auto r = readRecipient(q);
        out += csvLine({QString::number(r.line), r.phone, r.name, r.status, r.reasonCode, r.reason, r.errorCode ? QString::number(*r.errorCode) : QString(),
                        iso(r.queuedAt), iso(r.repliedAt)});
    }
    return out;
}

// --- sending ----------------------------------------------------------------------

Status CampaignService::pauseAutomatically(QSqlDatabase c, const Row &row, const QString &code, const QString &reason)
{
    Sql q(c, QStringLiteral("UPDATE campaigns SET state = 'paused', pause_code = ?, pause_reason = ?, waiting_code = NULL, waiting_reason = NULL, "
                            "waiting_until = NULL, updated_at = ? WHERE id = ? AND state = 'running'"));
    q.bind(code).bind(reason).bind(m_clock()).bind(row.wire.id);
    if (auto s = q.exec(); !s)
        return s;
    if (q.rowsAffected() == 0)
        return {}; // paused, cancelled or finished meanwhile: nothing to say
    qCWarning(lcCampaigns).noquote() << "campaign" << row.wire.id << "paused:" << reason;
    campaignCounters().pausedAutomatically.fetch_add(1, std::memory_order_relaxed);
    return AuditLog::append(c, Actor(QStringLiteral("system")), row.tenant, QStringLiteral("campaign.paused"), QStringLiteral("campaign"),
                            QString::number(row.wire.id),
                            QJsonObject{{QStringLiteral("name"), row.wire.name}, {QStringLiteral("pause_code"), code}, {QStringLiteral("reason"), reason}});
}

Status CampaignService::checkRefusals(QSqlDatabase c, const Row &row, const QString &quality, bool *paused)
{
    *paused = false;
    auto stop = [&](const QString &code, const QString &reason) -> Status {
        Transaction tx(m_db);
        if (!tx.begun())
            return tx.begun();
        if (auto s = pauseAutomatically(tx.connection(), row, code, reason); !s)
            return s;
        *paused = true;
        return tx.commit();
    };
    if (quality == QLatin1String("RED"))
        return stop(QStringLiteral("quality_low"), QStringLiteral("the number's quality rating dropped to red (low): Meta may lower its limits or "
                                                                   "block it; check the templates' feedback before resuming"));
    if (quality == QLatin1String("YELLOW") && row.wire.pauseOnYellow)
        return stop(QStringLiteral("quality_medium"), QStringLiteral("the number's quality rating dropped to yellow (medium), and this campaign "
                                                                      "pauses then"));
    const qint64 since = std::max(m_clock() - 60'000, row.refusalsSince);
    Sql q(c, QStringLiteral("SELECT error_code, COUNT(*) FROM whatsapp_messages WHERE campaign_id = ? AND status = 'failed' AND updated_at > ? "
                            "GROUP BY error_code"));
    q.bind(row.wire.id).bind(since);
    if (auto s = q.exec(); !s)
        return s;
    QHash<qint64, qint64> failed;
    while (q.next())
        failed.insert(q.int64(0), q.int64(1));
    q.finish();
    if (failed.value(190) > 0)
        return stop(QStringLiteral("token_invalid"), QStringLiteral("Meta refused the access token (190): an administrator enters a new one under "
                                                                    "WhatsApp configuration, then resumes"));
    if (failed.value(131048) > 0)
        return stop(QStringLiteral("spam_rate_limit"), QStringLiteral("Meta limits this number for spam (131048): too many recipients blocked or "
                                                                      "reported it; wait and review the campaign before resuming"));
    // 131049 is Meta capping how many marketing messages one user gets: a
    // few in every large campaign are normal. A burst is a quarter or more
    // of what got an answer from Meta in the minute.
    if (const qint64 heldBack = failed.value(131049); heldBack >= kEcosystemBurst) {
        Sql answered(c, QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE campaign_id = ? AND status <> 'queued' AND updated_at > ?"));
        answered.bind(row.wire.id).bind(since);
        if (auto s = answered.exec(); !s)
            return s;
        const qint64 total = answered.next() ? answered.int64(0) : 0;
        answered.finish();
        if (heldBack * 4 >= total)
            return stop(QStringLiteral("ecosystem_limit"), QStringLiteral("Meta held back %1 of %2 messages in a minute to keep users' engagement "
                                                                          "healthy (131049); resume later or send to fewer people")
                                                               .arg(heldBack)
                                                               .arg(total));
    }
    return {};
}

Result<int> CampaignService::release(const Row &row, int count, bool *pausedOut)
{
    *pausedOut = false;
    const TenantId tenant = row.tenant;
    QSqlDatabase read = m_db.connection();
    auto tpl = templateOf(read, tenant, row.wire);
    if (!tpl)
        return tpl.error();
    const protocol::NotificationRule rule = asRule(row.wire);
    const QString broken = notify::brokenReason(rule, tpl.value() ? std::optional<QString>(tpl.value()->status) : std::nullopt,
                                                tpl.value() ? tpl.value()->components : QJsonArray());
    if (!broken.isEmpty()) {
        Transaction tx(m_db);
        if (!tx.begun())
            return tx.begun().error();
        if (auto s = pauseAutomatically(tx.connection(), row, QStringLiteral("template_broken"),
                                        QStringLiteral("the template cannot be sent any more: %1").arg(broken));
            !s)
            return s.error();
        if (auto s = tx.commit(); !s)
            return s.error();
        *pausedOut = true;
        return 0;
    }
    NotificationService notifications(m_db, m_keyring, nullptr);
    notifications.setDefaults(m_defaultRegion, false);
    auto settings = notifications.settings(tenant);
    if (!settings)
        return settings.error();
    const QTimeZone zone(settings->timeZone.toUtf8());

    ConversationService conversations(m_db, m_bus);
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    QSqlDatabase c = tx.connection();
    // Still running? Taken first, this row lock makes releases (other
    // nodes' too) and pause or cancel take turns: nothing goes out after a
    // pause, and no recipient is picked twice.
    {
        Sql still(c, QStringLiteral("UPDATE campaigns SET updated_at = ? WHERE id = ? AND state = 'running'"));
        still.bind(m_clock()).bind(row.wire.id);
        if (auto s = still.exec(); !s)
            return s.error();
        if (still.rowsAffected() == 0) {
            *pausedOut = true;
            return 0;
        }
    }
    EventBatch events(c);
    Sql pick(c, QStringLiteral("SELECT id, phone, name, data FROM campaign_recipients WHERE campaign_id = ? AND state = 'pending' ORDER BY id LIMIT ?"));
    pick.bind(row.wire.id).bind(qint64(count));
    if (auto s = pick.exec(); !s)
        return s.error();
    struct Pending {
        qint64 id;
        QString phone, name;
        QJsonObject data;
    };
    QList<Pending> due;
    while (pick.next())
        due.append({pick.int64(0), pick.text(1), pick.text(2), QJsonDocument::fromJson(pick.text(3).toUtf8()).object()});
    pick.finish();
    int released = 0, skipped = 0;
    auto skip = [&](qint64 recipient, const QString &code, const QString &reason, std::optional<qint64> conversation) -> Status {
        ++skipped;
        Sql q(c, QStringLiteral("UPDATE campaign_recipients SET state = 'skipped', reason_code = ?, reason = ?, conversation_id = ? WHERE id = ?"));
        q.bind(code).bind(reason).bind(optionalInt(conversation)).bind(recipient);
        return q.exec();
    };
    for (const Pending &p : std::as_const(due)) {
        auto started = conversations.startIn(c, events, tenant, p.phone, p.name);
        if (!started)
            return started.error();
        const protocol::Conversation &conversation = started->conversation;
        if (conversation.status == protocol::ConversationStatus::Blocked) {
            if (auto s = skip(p.id, QStringLiteral("contact_blocked"), QStringLiteral("the contact is blocked in the conversations"), conversation.id); !s)
                return s.error();
            continue;
        }
        if (conversation.optedOutAt) {
            if (auto s = skip(p.id, QStringLiteral("opted_out"), QStringLiteral("the contact asked for no more automatic messages"), conversation.id); !s)
                return s.error();
            continue;
        }
        QString field;
        auto rendered = notify::render(rule, tpl.value()->components, p.data, zone, settings->language, &field);
        if (!rendered) {
            if (auto s = skip(p.id, rendered.error().code, rendered.error().message, conversation.id); !s)
                return s.error();
            continue;
        }
        protocol::SendMessage send;
        send.type = QStringLiteral("template");
        send.templateSend = protocol::TemplateSend{row.wire.templateName, row.wire.language, rendered->components};
        ConversationService::Automatic automatic;
        automatic.campaignId = row.wire.id;
        automatic.conversation = &conversation;
        automatic.received = rendered->text;
        auto message = conversations.enqueueIn(c, events, tenant, conversation.id, send, UserId{}, &field, &automatic);
        if (!message) {
            const QString code = message.error().code;
            if (code == QLatin1String("plan_limit_reached") || code == QLatin1String("whatsapp_not_configured")) {
                // Nobody further can be written to either: the campaign
                // waits for an administrator (what was queued stays).
                if (auto s = pauseAutomatically(c, row, code, message.error().message); !s)
                    return s.error();
                *pausedOut = true;
                break;
            }
            // What is about this recipient skips it; anything else (the
            // database) is not theirs: the pass ends and is tried again.
            static const QStringList kTheirs = {QStringLiteral("invalid_message"), QStringLiteral("contact_blocked"), QStringLiteral("window_closed"),
                                                QStringLiteral("missing_data"), QStringLiteral("invalid_phone_number")};
            if (!kTheirs.contains(code))
                return message.error();
            if (auto s = skip(p.id, code, message.error().message, conversation.id); !s)
                return s.error();
            continue;
        }
        Sql queued(c, QStringLiteral("UPDATE campaign_recipients SET state = 'queued', conversation_id = ?, message_id = ?, queued_at = ? "
                                     "WHERE id = ? AND state = 'pending'"));
        queued.bind(conversation.id).bind(message->id).bind(message->timestamp).bind(p.id);
        if (auto s = queued.exec(); !s)
            return s.error();
        ++released;
    }
    if (auto s = events.write(); !s)
        return s.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    if (m_bus)
        m_bus->publish(events.events());
    campaignCounters().queued.fetch_add(quint64(released), std::memory_order_relaxed);
    campaignCounters().skipped.fetch_add(quint64(skipped), std::memory_order_relaxed);
    return released;
}

Result<int> CampaignService::advance()
{
    const qint64 now = m_clock();
    QSqlDatabase read = m_db.connection();
    // Scheduled ones whose time has come.
    {
        Sql due(read, QStringLiteral("SELECT %1 FROM campaigns WHERE state = 'scheduled' AND start_at <= ?").arg(QLatin1String(kColumns)));
        due.bind(now);
        if (auto s = due.exec(); !s)
            return s.error();
        QList<Row> starting;
        while (due.next())
            starting.append(readRow(due));
        due.finish();
        auto startOne = [&](const Row &r) -> Status {
            Transaction tx(m_db);
            if (!tx.begun())
                return tx.begun().error();
            Sql go(tx.connection(), QStringLiteral("UPDATE campaigns SET state = 'running', started_at = COALESCE(started_at, ?), updated_at = ? "
                                                   "WHERE id = ? AND state = 'scheduled'"));
            go.bind(now).bind(now).bind(r.wire.id);
            if (auto s = go.exec(); !s)
                return s.error();
            if (go.rowsAffected() == 0)
                return {}; // another node started it
            if (auto s = AuditLog::append(tx.connection(), Actor(QStringLiteral("system")), r.tenant, QStringLiteral("campaign.started"),
                                          QStringLiteral("campaign"), QString::number(r.wire.id),
                                          QJsonObject{{QStringLiteral("name"), r.wire.name}, {QStringLiteral("scheduled"), true}});
                !s)
                return s.error();
            return tx.commit();
        };
        for (const Row &r : std::as_const(starting))
            if (auto s = startOne(r); !s)
                qCWarning(lcCampaigns).noquote() << "campaign" << r.wire.id << "could not start:" << s.error().message;
    }
    Sql running(read, QStringLiteral("SELECT %1 FROM campaigns WHERE state = 'running' ORDER BY tenant_id, id").arg(QLatin1String(kColumns)));
    if (auto s = running.exec(); !s)
        return s.error();
    QList<Row> rows;
    while (running.next())
        rows.append(readRow(running));
    running.finish();
    int stillRunning = 0;
    QHash<qint64, int> roomOf; // tenant → recipients it may still hand the outbox this pass
    QHash<qint64, std::optional<int>> limitLeft;
    // Each campaign on its own: one tenant's trouble (a setting that cannot
    // be read, a failing statement) holds back no other campaign.
    auto advanceOne = [&](const Row &r) -> Status {
        const qint64 tenant = r.tenant.value;
        Sql config(read, QStringLiteral("SELECT throughput_per_second, quality_rating, messaging_limit FROM whatsapp_config "
                                        "WHERE tenant_id = ? AND api_type = 'business_api' AND is_active = 1"));
        config.bind(tenant);
        if (auto s = config.exec(); !s)
            return s.error();
        if (!config.next()) {
            config.finish();
            Transaction tx(m_db);
            if (!tx.begun())
                return tx.begun().error();
            if (auto s = pauseAutomatically(tx.connection(), r, QStringLiteral("whatsapp_not_configured"),
                                            QStringLiteral("WhatsApp (Cloud API) is not connected for this company any more"));
                !s)
                return s.error();
            if (auto s = tx.commit(); !s)
                return s.error();
            return {};
        }
        const int rate = int(std::max<qint64>(1, config.int64(0)));
        const QString quality = config.text(1).toUpper();
        const std::optional<int> limit = messagingLimit(config.text(2));
        config.finish();
        bool paused = false;
        if (auto s = checkRefusals(read, r, quality, &paused); !s)
            return s.error();
        if (paused)
            return {};
        ++stillRunning;
        if (!roomOf.contains(tenant)) {
            Sql backlog(read, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE tenant_id = ? AND state IN ('pending', 'in_flight')"));
            backlog.bind(tenant);
            if (auto s = backlog.exec(); !s)
                return s.error();
            const qint64 waiting = backlog.next() ? backlog.int64(0) : 0;
            backlog.finish();
            roomOf.insert(tenant, int(std::max<qint64>(0, backlogAllowance(rate) - waiting)));
            if (limit) {
                // Users reached outside a customer-service window in the
                // last 24 hours: every company-started conversation, from
                // campaigns, notifications or recruiters.
                Sql used(read, QStringLiteral("SELECT COUNT(*), MIN(created_at) FROM whatsapp_messages WHERE tenant_id = ? AND opens_conversation = 1 "
                                              "AND status <> 'failed' AND created_at > ?"));
                used.bind(tenant).bind(now - kDayMs);
                if (auto s = used.exec(); !s)
                    return s.error();
                used.next();
                const qint64 count = used.int64(0);
                const qint64 oldest = used.isNull(1) ? now : used.int64(1);
                used.finish();
                limitLeft.insert(tenant, int(std::max<qint64>(0, *limit - count)));
                if (count >= *limit) {
                    const QString why = QStringLiteral("Meta's messaging limit of %1 people in 24 hours is reached; the campaign goes on by itself")
                                            .arg(*limit);
                    if (auto s = writeOne(m_db, QStringLiteral("UPDATE campaigns SET waiting_code = 'messaging_limit', waiting_reason = ?, "
                                                               "waiting_until = ?, updated_at = ? WHERE tenant_id = ? AND state = 'running'"),
                                          {why, oldest + kDayMs, now, tenant});
                        !s)
                        return s.error();
                }
            } else {
                limitLeft.insert(tenant, std::nullopt);
            }
        }
        int allowed = roomOf.value(tenant);
        if (const auto left = limitLeft.value(tenant))
            allowed = std::min(allowed, *left);
        if (allowed <= 0)
            return {};
        if (!r.wire.waitingCode.isEmpty())
            if (auto s = writeOne(m_db, QStringLiteral("UPDATE campaigns SET waiting_code = NULL, waiting_reason = NULL, waiting_until = NULL, "
                                                       "updated_at = ? WHERE id = ?"),
                                  {now, r.wire.id});
                !s)
                return s.error();
        bool stopped = false;
        auto released = release(r, allowed, &stopped);
        if (!released)
            return released.error();
        roomOf[tenant] -= released.value();
        if (auto left = limitLeft.value(tenant))
            limitLeft[tenant] = *left - released.value();
        if (stopped) {
            --stillRunning;
            return {};
        }
        // Nobody left: finished.
        Sql left(read, QStringLiteral("SELECT 1 FROM campaign_recipients WHERE campaign_id = ? AND state = 'pending' LIMIT 1"));
        left.bind(r.wire.id);
        if (auto s = left.exec(); !s)
            return s.error();
        const bool more = left.next();
        left.finish();
        if (!more) {
            Transaction tx(m_db);
            if (!tx.begun())
                return tx.begun().error();
            Sql done(tx.connection(), QStringLiteral("UPDATE campaigns SET state = 'finished', finished_at = ?, updated_at = ? WHERE id = ? "
                                                     "AND state = 'running'"));
            done.bind(now).bind(now).bind(r.wire.id);
            if (auto s = done.exec(); !s)
                return s.error();
            if (done.rowsAffected() == 0)
                return {}; // cancelled or paused meanwhile
            if (auto s = AuditLog::append(tx.connection(), Actor(QStringLiteral("system")), r.tenant, QStringLiteral("campaign.finished"),
                                          QStringLiteral("campaign"), QString::number(r.wire.id), QJsonObject{{QStringLiteral("name"), r.wire.name}});
                !s)
                return s.error();
            if (auto s = tx.commit(); !s)
                return s.error();
            --stillRunning;
        }
        return {};
    };
    for (const Row &r : std::as_const(rows))
        if (auto s = advanceOne(r); !s)
            qCWarning(lcCampaigns).noquote() << "campaign" << r.wire.id << "of tenant" << r.tenant.value << ":" << s.error().message;
    return stillRunning;
}

} // namespace puente
