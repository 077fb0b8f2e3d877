#pragma once

#include "protocol/types.h"

#include "common/result.h"
#include "crypto/secretbox.h"
#include "domain/ids.h"
#include "meta/graphclient.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlDatabase>

namespace puente {

class Database;

// A tenant's message templates, synced from Meta (all pages) and kept up to
// date by template webhooks. Sends are checked against them.
class TemplateService {
public:
    TemplateService(Database &db, crypto::KeyringPtr keyring) : m_db(db), m_keyring(std::move(keyring)) {}

    // Reads every template of the tenant's WABA and replaces the stored list,
    // waiting for Meta: for background workers only. Errors:
    // whatsapp_not_configured, or the Graph error (code "graph_<kind>" with
    // Meta's explanation).
    Result<int> sync(TenantId tenant, meta::GraphClient &graph);
    // Stores what Meta listed for the tenant's WABA (the second half of a
    // sync, for callers that asked Meta asynchronously).
    Result<int> store(TenantId tenant, const QString &wabaId, const std::variant<QList<meta::Template>, meta::GraphError> &listed);
    // {name, language, category, status, rejected_reason, quality, components,
    //  parameters: {header: n, body: n, buttons: [n...]}, synced_at}, by name.
    Result<QList<protocol::Template>> list(TenantId tenant);

    // Checks a template send: known (when the tenant has synced templates),
    // approved, and with as many parameters as the template has placeholders
    // in its header and body. `field` names what is wrong; `received` gets
    // the text the contact will read (empty while nothing is synced).
    static Status checkSend(QSqlDatabase c, TenantId tenant, const QString &name, const QString &language, const QJsonArray &components,
                            QString *field, QString *received = nullptr);

    // message_template_status_update / template_category_update webhooks
    // (inside the inbound processor's transaction).
    static Status applyWebhook(QSqlDatabase tx, TenantId tenant, const QString &field, const QJsonObject &value);

    // Distinct {{n}} / {{name}} placeholders in a text.
    static int placeholders(const QString &text);

private:
    Database &m_db;
    crypto::KeyringPtr m_keyring;
};

} // namespace puente
