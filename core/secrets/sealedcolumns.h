#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace puente::secrets {

// Every database column that holds a sealed secret. The sealing context binds
// a value to its table, scope (tenant id, or setting name) and column, so a
// ciphertext copied elsewhere does not open. Key rotation walks this list:
// a new sealed column must be added here.
struct SealedColumn {
    QString table;
    QString keyColumn;   // primary key
    QString scopeColumn; // what the context is bound to
    QString column;
};

inline const QList<SealedColumn> &sealedColumns()
{
    static const QList<SealedColumn> list = {
        {QStringLiteral("whatsapp_config"), QStringLiteral("id"), QStringLiteral("tenant_id"), QStringLiteral("business_api_token")},
        {QStringLiteral("whatsapp_config"), QStringLiteral("id"), QStringLiteral("tenant_id"), QStringLiteral("app_secret")},
        {QStringLiteral("system_settings"), QStringLiteral("name"), QStringLiteral("name"), QStringLiteral("value")},
        {QStringLiteral("tenant_settings"), QStringLiteral("tenant_id"), QStringLiteral("tenant_id"), QStringLiteral("callback_secret")},
    };
    return list;
}

inline QByteArray sealingContext(const QString &table, const QString &scope, const QString &column)
{
    return (table + QLatin1Char('/') + scope + QLatin1Char('/') + column).toUtf8();
}

} // namespace puente::secrets
