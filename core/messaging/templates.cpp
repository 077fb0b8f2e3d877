#include "messaging/templates.h"

#include "protocol/templatetext.h"

#include "secrets/sealedcolumns.h"
#include "messaging/rows.h"
#include "storage/sql.h"
#include "storage/whatsappconfigrepository.h"

#include <QJsonDocument>

namespace puente {

int TemplateService::placeholders(const QString &text)
{
    return protocol::templatetext::placeholderCount(text);
}

Result<int> TemplateService::sync(TenantId tenant, meta::GraphClient &graph)
{
    auto channel = WhatsAppConfigRepository(m_db, m_keyring).channel(tenant);
    if (!channel)
        return channel.error();
    if (!channel.value() || channel.value()->wabaId.isEmpty())
        return makeError("whatsapp_not_configured", QStringLiteral("WhatsApp is not connected for this company yet"));
    return store(tenant, channel.value()->wabaId, graph.templates(channel.value()->wabaId, channel.value()->token).result());
}

Result<int> TemplateService::store(TenantId tenant, const QString &waba, const std::variant<QList<meta::Template>, meta::GraphError> &listed)
{
    if (const auto *e = std::get_if<meta::GraphError>(&listed))
        return Error{QStringLiteral("graph_") + e->kindName(), e->explain()};
    const QList<meta::Template> &templates = std::get<QList<meta::Template>>(listed);
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    const qint64 now = nowMs();
    for (const meta::Template &t : templates) {
        Sql up(tx.connection(), QStringLiteral(
            "INSERT INTO message_templates (tenant_id, waba_id, template_id, name, language, category, status, rejected_reason, quality, "
            "components, synced_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (tenant_id, name, language) DO UPDATE SET waba_id = excluded.waba_id, template_id = excluded.template_id, "
            "category = excluded.category, status = excluded.status, rejected_reason = excluded.rejected_reason, quality = excluded.quality, "
            "components = excluded.components, synced_at = excluded.synced_at, updated_at = excluded.updated_at"));
        up.bind(tenant.value).bind(waba).bind(t.id).bind(t.name).bind(t.language).bind(t.category).bind(t.status.toUpper())
            .bind(nullIfEmpty(t.rejectedReason == QLatin1String("NONE") ? QString() : t.rejectedReason)).bind(nullIfEmpty(t.qualityScore))
            .bind(rows::compactJson(t.components)).bind(now).bind(now);
        if (auto s = up.exec(); !s)
            return s.error();
    }
    // Templates deleted at Meta disappear here too.
    Sql gone(tx.connection(), QStringLiteral("DELETE FROM message_templates WHERE tenant_id = ? AND synced_at < ?"));
    gone.bind(tenant.value).bind(now);
    if (auto s = gone.exec(); !s)
        return s.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    return int(templates.size());
}

Result<QList<protocol::Template>> TemplateService::list(TenantId tenant)
{
    Sql q(m_db.connection(), QStringLiteral("SELECT id, name, language, category, status, rejected_reason, quality, components, synced_at "
                                            "FROM message_templates WHERE tenant_id = ? ORDER BY name, language"));
    q.bind(tenant.value);
    if (auto s = q.exec(); !s)
        return s.error();
    QList<protocol::Template> out;
    while (q.next()) {
        protocol::Template t;
        t.id = q.int64(0);
        t.name = q.text(1);
        t.language = q.text(2);
        t.category = q.text(3);
        t.status = q.text(4);
        if (!q.isNull(5))
            t.rejectedReason = q.text(5);
        if (!q.isNull(6))
            t.quality = q.text(6);
        t.components = QJsonDocument::fromJson(q.text(7).toUtf8()).array(); // Meta's, as Meta gave them
        t.parameters = protocol::templatetext::parameters(t.components);
        t.syncedAt = q.int64(8);
        out.append(t);
    }
    return out;
}

Status TemplateService::checkSend(QSqlDatabase c, TenantId tenant, const QString &name, const QString &language, const QJsonArray &components,
                                  QString *field, QString *received)
{
    Sql q(c, QStringLiteral("SELECT status, components, rejected_reason FROM message_templates WHERE tenant_id = ? AND name = ? AND language = ?"));
    q.bind(tenant.value).bind(name).bind(language);
    if (auto s = q.exec(); !s)
        return s;
    if (!q.next()) {
        q.finish();
        Sql any(c, QStringLiteral("SELECT COUNT(*) FROM message_templates WHERE tenant_id = ?"));
        any.bind(tenant.value);
        if (auto s = any.exec(); !s)
            return s;
        if (any.next() && any.int64(0) == 0)
            return {}; // never synced: nothing to check against (Meta still checks)
        if (field)
            *field = QStringLiteral("template.name");
        return makeError("invalid_message", QStringLiteral("there is no template \"%1\" in language %2; sync the templates or pick another")
                                                .arg(name, language));
    }
    const QString status = q.text(0);
    const QJsonArray templateComponents = QJsonDocument::fromJson(q.text(1).toUtf8()).array();
    const protocol::TemplateParameters expected = protocol::templatetext::parameters(templateComponents);
    const QString reason = q.text(2);
    q.finish();
    if (status != QLatin1String("APPROVED")) {
        if (field)
            *field = QStringLiteral("template.name");
        return makeError("invalid_message", QStringLiteral("template \"%1\" is %2%3: only approved templates can be sent")
                                                .arg(name, status.toLower(), reason.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(reason)));
    }
    int header = 0, body = 0;
    for (const QJsonValue &v : components) {
        const QJsonObject comp = v.toObject();
        const int n = int(comp.value(QStringLiteral("parameters")).toArray().size());
        const QString type = comp.value(QStringLiteral("type")).toString().toLower();
        if (type == QLatin1String("header"))
            header += n;
        else if (type == QLatin1String("body"))
            body += n;
    }
    for (const auto &[part, given, want] : {std::tuple{QStringLiteral("header"), header, int(expected.header)},
                                            std::tuple{QStringLiteral("body"), body, int(expected.body)}}) {
        if (want != given) {
            if (field)
                *field = QStringLiteral("template.components");
            return makeError("invalid_message", QStringLiteral("template \"%1\" needs %2 %3 parameter(s); %4 given").arg(name).arg(want).arg(part).arg(given));
        }
    }
    if (received)
        *received = protocol::templatetext::received(templateComponents, components);
    return {};
}

Status TemplateService::applyWebhook(QSqlDatabase tx, TenantId tenant, const QString &field, const QJsonObject &v)
{
    const QString id = v.value(QStringLiteral("message_template_id")).toVariant().toString();
    const QString name = v.value(QStringLiteral("message_template_name")).toString();
    QString language = v.value(QStringLiteral("message_template_language")).toString();
    language.replace(QLatin1Char('-'), QLatin1Char('_')); // webhooks say "en-US", the API "en_US"
    QString set;
    QVariantList binds;
    if (field == QLatin1String("message_template_status_update")) {
        if (v.contains(QStringLiteral("event"))) {
            set = QStringLiteral("status = ?, rejected_reason = ?");
            const QString reason = v.value(QStringLiteral("reason")).toString();
            binds << v.value(QStringLiteral("event")).toString().toUpper()
                  << (reason.isEmpty() || reason == QLatin1String("NONE") ? QVariant(QMetaType(QMetaType::QString)) : QVariant(reason));
        } else if (v.contains(QStringLiteral("new_quality_score"))) {
            set = QStringLiteral("quality = ?");
            binds << v.value(QStringLiteral("new_quality_score")).toString();
        }
    } else if (field == QLatin1String("message_template_quality_update")) {
        set = QStringLiteral("quality = ?");
        binds << v.value(QStringLiteral("new_quality_score")).toString();
    } else if (field == QLatin1String("template_category_update") && v.contains(QStringLiteral("new_category"))) {
        set = QStringLiteral("category = ?");
        binds << v.value(QStringLiteral("new_category")).toString();
    }
    if (set.isEmpty())
        return {};
    Sql q(tx, QStringLiteral("UPDATE message_templates SET %1, updated_at = ? WHERE tenant_id = ? AND (template_id = ? OR (name = ? AND language = ?))").arg(set));
    for (const QVariant &b : binds)
        q.bind(b);
    q.bind(nowMs()).bind(tenant.value).bind(id).bind(name).bind(language);
    return q.exec();
}

} // namespace puente
