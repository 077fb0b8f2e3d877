#include "storage/whatsappconfigrepository.h"

#include <algorithm>

#include "secrets/sealedcolumns.h"
#include "storage/auditlog.h"
#include "storage/sql.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QStringList>

namespace puente {

namespace {
const QString kTable = QStringLiteral("whatsapp_config");
const QString kColumns = QStringLiteral(
    "id, tenant_id, api_type, business_api_token, phone_number_id, business_account_id, webhook_verify_token, "
    "app_secret, fallback_enabled, is_active, connection_status, last_error, updated_at, throughput_per_second, "
    "display_phone_number, verified_name, quality_rating, messaging_limit, checked_at, app_id, token_type, token_expires_at, "
    "token_scopes, token_checked_at, token_problem, token_warned_days, token_renewed_at, token_renewal_error");

bool isDigits(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("^[0-9]{1,32}$"));
    return re.match(s).hasMatch();
}

QString keepIfSameNumber(const QString &column)
{
    return QStringLiteral("%1 = CASE WHEN whatsapp_config.phone_number_id = excluded.phone_number_id THEN whatsapp_config.%1 ELSE NULL END")
        .arg(column);
}

} // namespace

TokenState WhatsAppConfigRepository::tokenState(const Sql &q, int first)
{
    TokenState t;
    t.type = q.text(first);
    t.expiresAt = q.isNull(first + 1) ? -1 : q.int64(first + 1);
    t.scopes = q.text(first + 2).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    t.checkedAt = q.int64(first + 3);
    t.problem = q.text(first + 4);
    t.warnedDays = int(q.int64(first + 5));
    t.renewedAt = q.int64(first + 6);
    t.renewalError = q.text(first + 7);
    return t;
}

namespace {

// The binds of tokenColumns() in its order.
void bindToken(Sql &q, const TokenState &t)
{
    q.bind(nullIfEmpty(t.type))
        .bind(t.expiresAt < 0 ? nullInt() : QVariant(t.expiresAt))
        .bind(nullIfEmpty(t.scopes.join(QLatin1Char(' '))))
        .bind(t.checkedAt)
        .bind(nullIfEmpty(t.problem))
        .bind(t.warnedDays)
        .bind(t.renewedAt)
        .bind(nullIfEmpty(t.renewalError));
}

QByteArray context(TenantId tenant, const char *column)
{
    return secrets::sealingContext(kTable, QString::number(tenant.value), QString::fromLatin1(column));
}
} // namespace

protocol::AccessTokenInfo accessTokenInfo(const TokenState &t, bool renewable)
{
    protocol::AccessTokenInfo out;
    const auto orNull = [](const QString &s) { return s.isEmpty() ? std::nullopt : std::optional<QString>(s); };
    out.type = orNull(t.type);
    if (t.checkedAt > 0)
        out.checkedAt = t.checkedAt;
    if (t.expiresAt > 0)
        out.expiresAt = t.expiresAt;
    out.neverExpires = t.checkedAt > 0 && t.expiresAt == 0;
    out.problem = orNull(t.problem);
    if (t.renewedAt > 0)
        out.renewedAt = t.renewedAt;
    out.renewalError = orNull(t.renewalError);
    out.renewable = renewable && t.type == QLatin1String("USER");
    return out;
}

protocol::AccessTokenInfo accessTokenInfo(const WhatsAppConfig &c)
{
    return accessTokenInfo(c.token, !c.appId.isEmpty() && !c.appSecret.isEmpty());
}

Result<std::optional<WhatsAppConfig>> WhatsAppConfigRepository::find(TenantId tenant, ApiType type)
{
    Sql q(m_db.connection(), QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM whatsapp_config WHERE tenant_id = ? AND api_type = ?"));
    q.bind(tenant.value).bind(toString(type));
    if (auto s = q.exec(); !s)
        return s.error();
    if (!q.next())
        return std::optional<WhatsAppConfig>();
    WhatsAppConfig c;
    c.id = q.int64(0);
    c.tenantId = TenantId(q.int64(1));
    c.apiType = apiTypeFromString(q.text(2)).value_or(ApiType::BusinessApi);
    for (auto [index, column, target] : {std::tuple{3, "business_api_token", &c.businessApiToken},
                                          std::tuple{7, "app_secret", &c.appSecret}}) {
        if (q.isNull(index))
            continue;
        auto opened = m_keyring->open(q.text(index), context(tenant, column));
        if (!opened)
            return opened.error();
        *target = QString::fromUtf8(opened.value());
    }
    c.phoneNumberId = q.text(4);
    c.businessAccountId = q.text(5);
    c.webhookVerifyToken = q.text(6);
    c.fallbackEnabled = q.int64(8) != 0;
    c.active = q.int64(9) != 0;
    c.connectionStatus = q.text(10);
    c.lastError = q.text(11);
    c.updatedAt = q.int64(12);
    c.throughputPerSecond = int(q.int64(13));
    c.displayPhoneNumber = q.text(14);
    c.verifiedName = q.text(15);
    c.qualityRating = q.text(16);
    c.messagingLimit = q.text(17);
    c.checkedAt = q.int64(18);
    c.appId = q.text(19);
    c.token = tokenState(q, 20);
    return std::optional<WhatsAppConfig>(c);
}

Result<WhatsAppConfig> WhatsAppConfigRepository::save(TenantId tenant, const WhatsAppConfig &in, const Actor &actor)
{
    if (!in.phoneNumberId.isEmpty() && !isDigits(in.phoneNumberId))
        return makeError("invalid_phone_number_id", QStringLiteral("the phone number ID must be digits only"));
    if (!in.businessAccountId.isEmpty() && !isDigits(in.businessAccountId))
        return makeError("invalid_business_account_id",
                         QStringLiteral("the WhatsApp Business account ID must be digits only"));

    auto previous = find(tenant, in.apiType);
    // A config whose secrets no longer open (lost key) may still be replaced.
    const std::optional<WhatsAppConfig> before = previous ? previous.value() : std::nullopt;

    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    // Webhooks are routed by phone number id, and by WABA id for template,
    // quality and account fields: each has one owner.
    const struct {
        const char *column;
        QString value;
        const char *code;
        QString message;
    } routingKeys[] = {
        {"phone_number_id", in.phoneNumberId, "phone_number_taken",
         QStringLiteral("phone number ID %1 is already connected to another tenant").arg(in.phoneNumberId)},
        {"business_account_id", in.businessAccountId, "business_account_taken",
         QStringLiteral("WhatsApp Business account %1 is already connected to another tenant").arg(in.businessAccountId)},
    };
    for (const auto &key : routingKeys) {
        if (key.value.isEmpty())
            continue;
        Sql owner(tx.connection(), QStringLiteral("SELECT tenant_id FROM whatsapp_config WHERE %1 = ? AND tenant_id <> ?")
                                       .arg(QLatin1String(key.column)));
        owner.bind(key.value).bind(tenant.value);
        if (auto s = owner.exec(); !s)
            return s.error();
        if (owner.next())
            return makeError(key.code, key.message);
    }
    const qint64 now = nowMs();
    auto sealed = [&](const QString &secret, const char *column) {
        return secret.isEmpty() ? QVariant(QMetaType(QMetaType::QString))
                                : QVariant(m_keyring->seal(secret.toUtf8(), context(tenant, column)));
    };
    Sql q(tx.connection(),
          QStringLiteral("INSERT INTO whatsapp_config (tenant_id, api_type, business_api_token, phone_number_id, "
                         "business_account_id, webhook_verify_token, app_secret, fallback_enabled, is_active, "
                         "connection_status, created_at, updated_at, throughput_per_second, app_id, token_type, token_expires_at, "
                         "token_scopes, token_checked_at, token_problem, token_warned_days, token_renewed_at, token_renewal_error) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'unknown', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                         "ON CONFLICT (tenant_id, api_type) DO UPDATE SET business_api_token = excluded.business_api_token, "
                         "phone_number_id = excluded.phone_number_id, business_account_id = excluded.business_account_id, "
                         "webhook_verify_token = excluded.webhook_verify_token, app_secret = excluded.app_secret, "
                         "fallback_enabled = excluded.fallback_enabled, is_active = excluded.is_active, "
                         "connection_status = 'unknown', last_error = NULL, updated_at = excluded.updated_at, "
                         "throughput_per_second = excluded.throughput_per_second, app_id = excluded.app_id, "
                         "token_type = excluded.token_type, token_expires_at = excluded.token_expires_at, "
                         "token_scopes = excluded.token_scopes, token_checked_at = excluded.token_checked_at, "
                         "token_problem = excluded.token_problem, token_warned_days = excluded.token_warned_days, "
                         "token_renewed_at = excluded.token_renewed_at, token_renewal_error = excluded.token_renewal_error, ")
              // What a test found describes the number tested: another number
              // starts with nothing found.
              + QStringList{keepIfSameNumber(QStringLiteral("display_phone_number")), keepIfSameNumber(QStringLiteral("verified_name")),
                            keepIfSameNumber(QStringLiteral("quality_rating")), keepIfSameNumber(QStringLiteral("messaging_limit")),
                            keepIfSameNumber(QStringLiteral("checked_at"))}
                    .join(QStringLiteral(", ")));
    q.bind(tenant.value)
        .bind(toString(in.apiType))
        .bind(sealed(in.businessApiToken, "business_api_token"))
        .bind(nullIfEmpty(in.phoneNumberId))
        .bind(nullIfEmpty(in.businessAccountId))
        .bind(nullIfEmpty(in.webhookVerifyToken))
        .bind(sealed(in.appSecret, "app_secret"))
        .bind(in.fallbackEnabled ? 1 : 0)
        .bind(in.active ? 1 : 0)
        .bind(now)
        .bind(now)
        .bind(std::clamp(in.throughputPerSecond, 1, 1000))
        .bind(nullIfEmpty(in.appId));
    // What the caller's inspection found; without one, an unchanged token
    // keeps its last inspection and a new one starts with nothing.
    const bool sameToken = before && before->businessApiToken == in.businessApiToken;
    bindToken(q, in.token.checkedAt != 0 ? in.token : sameToken ? before->token : TokenState());
    if (auto s = q.exec(); !s) {
        if (s.error().code == QLatin1String("unique_violation"))
            return makeError("phone_number_taken",
                             QStringLiteral("phone number ID %1 is already connected to another tenant").arg(in.phoneNumberId));
        return s.error();
    }

    // The audit entry names what changed, never a value of a secret.
    QJsonArray changed;
    auto note = [&](const char *field, bool differs) {
        if (!before || differs)
            changed.append(QString::fromLatin1(field));
    };
    note("business_api_token", before && before->businessApiToken != in.businessApiToken);
    note("phone_number_id", before && before->phoneNumberId != in.phoneNumberId);
    note("business_account_id", before && before->businessAccountId != in.businessAccountId);
    note("webhook_verify_token", before && before->webhookVerifyToken != in.webhookVerifyToken);
    note("app_secret", before && before->appSecret != in.appSecret);
    note("app_id", before && before->appId != in.appId);
    note("fallback_enabled", before && before->fallbackEnabled != in.fallbackEnabled);
    note("throughput_per_second", before && before->throughputPerSecond != in.throughputPerSecond);
    if (auto s = AuditLog::append(tx.connection(), actor, tenant,
                                  before ? QStringLiteral("whatsapp_config.updated") : QStringLiteral("whatsapp_config.created"),
                                  kTable, toString(in.apiType), {{QStringLiteral("changed"), changed}});
        !s)
        return s.error();
    if (auto s = tx.commit(); !s)
        return s.error();

    auto saved = find(tenant, in.apiType);
    if (!saved)
        return saved.error();
    if (!saved.value())
        return makeError("storage_error", QStringLiteral("saved configuration vanished"));
    return *saved.value();
}

Result<QString> WhatsAppConfigRepository::sealedIfStored(QSqlDatabase c, TenantId tenant, const QString &token)
{
    Sql q(c, QStringLiteral("SELECT business_api_token FROM whatsapp_config WHERE tenant_id = ? AND api_type = 'business_api'"));
    q.bind(tenant.value);
    if (auto s = q.exec(); !s)
        return s.error();
    if (!q.next() || q.isNull(0))
        return QString();
    const QString sealedValue = q.text(0);
    auto opened = m_keyring->open(sealedValue, context(tenant, "business_api_token"));
    return opened && QString::fromUtf8(opened.value()) == token ? sealedValue : QString();
}

Result<bool> WhatsAppConfigRepository::recordTokenInspection(TenantId tenant, const QString &inspectedToken, const TokenState &state)
{
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    // Compare-and-swap on the sealed value read: a save committed in
    // between (PostgreSQL reads committed) changes it, and nothing is written.
    auto sealedValue = sealedIfStored(tx.connection(), tenant, inspectedToken);
    if (!sealedValue)
        return sealedValue.error();
    if (sealedValue.value().isEmpty())
        return false;
    Sql q(tx.connection(), QStringLiteral("UPDATE whatsapp_config SET token_type = ?, token_expires_at = ?, token_scopes = ?, "
                                          "token_checked_at = ?, token_problem = ?, token_warned_days = ?, token_renewed_at = ?, "
                                          "token_renewal_error = ? WHERE tenant_id = ? AND api_type = 'business_api' AND business_api_token = ?"));
    bindToken(q, state);
    q.bind(tenant.value).bind(sealedValue.value());
    if (auto s = q.exec(); !s)
        return s.error();
    if (q.rowsAffected() != 1)
        return false;
    if (auto s = tx.commit(); !s)
        return s.error();
    return true;
}

Result<bool> WhatsAppConfigRepository::replaceToken(TenantId tenant, const QString &oldToken, const QString &newToken, const TokenState &state,
                                                    const Actor &actor, const QJsonObject &auditDetails)
{
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    auto sealedValue = sealedIfStored(tx.connection(), tenant, oldToken);
    if (!sealedValue)
        return sealedValue.error();
    if (sealedValue.value().isEmpty())
        return false;
    Sql q(tx.connection(), QStringLiteral("UPDATE whatsapp_config SET business_api_token = ?, token_type = ?, token_expires_at = ?, "
                                          "token_scopes = ?, token_checked_at = ?, token_problem = ?, token_warned_days = ?, "
                                          "token_renewed_at = ?, token_renewal_error = ?, updated_at = ? "
                                          "WHERE tenant_id = ? AND api_type = 'business_api' AND business_api_token = ?"));
    q.bind(m_keyring->seal(newToken.toUtf8(), context(tenant, "business_api_token")));
    bindToken(q, state);
    q.bind(nowMs()).bind(tenant.value).bind(sealedValue.value());
    if (auto s = q.exec(); !s)
        return s.error();
    if (q.rowsAffected() != 1)
        return false; // saved meanwhile: the admin's token stands
    if (auto s = AuditLog::append(tx.connection(), actor, tenant, QStringLiteral("whatsapp_config.token_renewed"), kTable,
                                  QStringLiteral("business_api"), auditDetails);
        !s)
        return s.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    return true;
}

Result<QList<std::pair<TenantId, qint64>>> WhatsAppConfigRepository::tokenCheckTimes()
{
    Sql q(m_db.connection(), QStringLiteral("SELECT tenant_id, COALESCE(token_checked_at, 0) FROM whatsapp_config "
                                            "WHERE api_type = 'business_api' AND is_active = 1 AND business_api_token IS NOT NULL ORDER BY tenant_id"));
    if (auto s = q.exec(); !s)
        return s.error();
    QList<std::pair<TenantId, qint64>> out;
    while (q.next())
        out.append({TenantId(q.int64(0)), q.int64(1)});
    return out;
}

Result<std::optional<Channel>> WhatsAppConfigRepository::channel(TenantId tenant)
{
    Sql q(m_db.connection(), QStringLiteral("SELECT phone_number_id, business_account_id, business_api_token, throughput_per_second "
                                            "FROM whatsapp_config WHERE tenant_id = ? AND api_type = 'business_api' AND is_active = 1"));
    q.bind(tenant.value);
    if (auto s = q.exec(); !s)
        return s.error();
    if (!q.next() || q.isNull(2))
        return std::optional<Channel>();
    auto token = m_keyring->open(q.text(2), context(tenant, "business_api_token"));
    if (!token)
        return token.error();
    return std::optional<Channel>(Channel{tenant, q.text(0), q.text(1), QString::fromUtf8(token.value()), std::clamp(int(q.int64(3)), 1, 1000)});
}

Result<QList<Channel>> WhatsAppConfigRepository::activeChannels()
{
    Sql q(m_db.connection(), QStringLiteral("SELECT tenant_id, phone_number_id, business_account_id, business_api_token, throughput_per_second "
                                            "FROM whatsapp_config WHERE api_type = 'business_api' AND is_active = 1 "
                                            "AND business_api_token IS NOT NULL"));
    if (auto s = q.exec(); !s)
        return s.error();
    QList<Channel> out;
    while (q.next()) {
        const TenantId tenant(q.int64(0));
        auto token = m_keyring->open(q.text(3), context(tenant, "business_api_token"));
        if (!token || q.text(1).isEmpty())
            continue;
        out.append({tenant, q.text(1), q.text(2), QString::fromUtf8(token.value()), std::clamp(int(q.int64(4)), 1, 1000)});
    }
    return out;
}

Result<bool> WhatsAppConfigRepository::isVerifyToken(const QString &token)
{
    Sql q(m_db.connection(), QStringLiteral("SELECT COUNT(*) FROM whatsapp_config WHERE webhook_verify_token = ?"));
    q.bind(token);
    if (auto s = q.exec(); !s)
        return s.error();
    return q.next() && q.int64(0) > 0;
}

Result<std::optional<TenantId>> WhatsAppConfigRepository::tenantSignedWith(const QSet<QString> &phoneNumberIds, const QSet<QString> &wabaIds,
                                                                          const std::function<bool(const QByteArray &)> &verifies)
{
    if (phoneNumberIds.isEmpty() && wabaIds.isEmpty())
        return std::optional<TenantId>();
    Sql q(m_db.connection(), QStringLiteral("SELECT tenant_id, app_secret, phone_number_id, business_account_id FROM whatsapp_config "
                                            "WHERE app_secret IS NOT NULL"));
    if (auto s = q.exec(); !s)
        return s.error();
    while (q.next()) {
        if (!phoneNumberIds.contains(q.text(2)) && !wabaIds.contains(q.text(3)))
            continue;
        const TenantId tenant(q.int64(0));
        auto secret = m_keyring->open(q.text(1), context(tenant, "app_secret"));
        if (secret && verifies(secret.value()))
            return std::optional<TenantId>(tenant);
    }
    return std::optional<TenantId>();
}

Result<QHash<qint64, ChannelSummary>> WhatsAppConfigRepository::summaries()
{
    Sql q(m_db.connection(), QStringLiteral("SELECT tenant_id, phone_number_id, connection_status, display_phone_number, last_webhook_at, "
                                            "quality_rating FROM whatsapp_config WHERE api_type = 'business_api'"));
    if (auto s = q.exec(); !s)
        return s.error();
    QHash<qint64, ChannelSummary> out;
    while (q.next())
        out.insert(q.int64(0), {q.text(1), q.isNull(2) ? QStringLiteral("unknown") : q.text(2), q.text(3), q.isNull(4) ? 0 : q.int64(4), q.text(5)});
    return out;
}

Result<QStringList> WhatsAppConfigRepository::otherConfigurations(const QString &slug, const QString &phoneNumberId)
{
    Sql q(m_db.connection(), QStringLiteral("SELECT t.slug FROM whatsapp_config w JOIN tenants t ON t.id = w.tenant_id "
                                            "WHERE t.slug <> ? OR w.phone_number_id <> ?"));
    q.bind(slug).bind(phoneNumberId);
    if (auto s = q.exec(); !s)
        return s.error();
    QStringList out;
    while (q.next())
        out.append(q.text(0));
    return out;
}

Result<std::optional<TenantId>> WhatsAppConfigRepository::tenantForPhoneNumberId(const QString &phoneNumberId)
{
    Sql q(m_db.connection(), QStringLiteral("SELECT tenant_id FROM whatsapp_config WHERE phone_number_id = ?"));
    q.bind(phoneNumberId);
    if (auto s = q.exec(); !s)
        return s.error();
    return q.next() ? std::optional<TenantId>(TenantId(q.int64(0))) : std::nullopt;
}

Result<QList<TenantId>> WhatsAppConfigRepository::tenantsForBusinessAccountId(const QString &wabaId)
{
    Sql q(m_db.connection(), QStringLiteral("SELECT DISTINCT tenant_id FROM whatsapp_config WHERE business_account_id = ? ORDER BY tenant_id"));
    q.bind(wabaId);
    if (auto s = q.exec(); !s)
        return s.error();
    QList<TenantId> out;
    while (q.next())
        out.append(TenantId(q.int64(0)));
    return out;
}

Status WhatsAppConfigRepository::setConnectionStatus(TenantId tenant, ApiType type, const QString &status, const QString &lastError)
{
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun();
    Sql q(tx.connection(), QStringLiteral("UPDATE whatsapp_config SET connection_status = ?, last_error = ?, updated_at = ? "
                                          "WHERE tenant_id = ? AND api_type = ?"));
    q.bind(status).bind(nullIfEmpty(lastError)).bind(nowMs()).bind(tenant.value).bind(toString(type));
    if (auto s = q.exec(); !s)
        return s;
    return tx.commit();
}

Status WhatsAppConfigRepository::recordSuccessfulTest(TenantId tenant, ApiType type, const QString &phoneNumberId,
                                                     const ConnectionCheck &found)
{
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun();
    // Only while the tested number is still the stored one: an admin may have
    // saved another number while Meta was answering.
    Sql q(tx.connection(), QStringLiteral("UPDATE whatsapp_config SET connection_status = 'connected', last_error = NULL, "
                                          "display_phone_number = ?, verified_name = ?, quality_rating = ?, messaging_limit = ?, "
                                          "checked_at = ?, updated_at = ? WHERE tenant_id = ? AND api_type = ? AND phone_number_id = ?"));
    const qint64 now = nowMs();
    q.bind(nullIfEmpty(found.displayPhoneNumber))
        .bind(nullIfEmpty(found.verifiedName))
        .bind(nullIfEmpty(found.qualityRating))
        .bind(nullIfEmpty(found.messagingLimit))
        .bind(now)
        .bind(now)
        .bind(tenant.value)
        .bind(toString(type))
        .bind(phoneNumberId);
    if (auto s = q.exec(); !s)
        return s;
    return tx.commit();
}

Status WhatsAppConfigRepository::applyAccountWebhook(QSqlDatabase tx, TenantId tenant, const QString &field, const QJsonObject &value)
{
    QString set;
    QVariantList binds;
    if (field == QLatin1String("phone_number_quality_update")) {
        const QString limit = value.value(QStringLiteral("current_limit")).toString().trimmed();
        if (!limit.isEmpty()) {
            set = QStringLiteral("messaging_limit = ?");
            binds << limit;
        }
        const QString event = value.value(QStringLiteral("event")).toString().toUpper();
        if (event == QLatin1String("FLAGGED") || event == QLatin1String("UNFLAGGED")) {
            set += (set.isEmpty() ? QString() : QStringLiteral(", ")) + QStringLiteral("quality_rating = ?");
            binds << (event == QLatin1String("FLAGGED") ? QStringLiteral("RED") : QStringLiteral("GREEN"));
        }
    } else if (field == QLatin1String("business_capability_update")) {
        const qint64 perDay = value.value(QStringLiteral("max_daily_conversations_per_business")).toInteger();
        if (perDay > 0) {
            set = QStringLiteral("messaging_limit = ?");
            binds << QString::number(perDay);
        }
    }
    if (set.isEmpty())
        return {};
    Sql q(tx, QStringLiteral("UPDATE whatsapp_config SET %1, updated_at = ? WHERE tenant_id = ? AND api_type = 'business_api'").arg(set));
    for (const QVariant &b : std::as_const(binds))
        q.bind(b);
    q.bind(nowMs()).bind(tenant.value);
    return q.exec();
}

} // namespace puente
