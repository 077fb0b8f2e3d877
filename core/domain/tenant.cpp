#include "domain/tenant.h"

#include <QRegularExpression>

namespace puente {

QString toString(Plan plan)
{
    switch (plan) {
    case Plan::Basic: return QStringLiteral("basic");
    case Plan::Pro: return QStringLiteral("pro");
    case Plan::Enterprise: return QStringLiteral("enterprise");
    }
    return {};
}

std::optional<Plan> planFromString(const QString &s)
{
    for (Plan p : {Plan::Basic, Plan::Pro, Plan::Enterprise})
        if (toString(p) == s)
            return p;
    return std::nullopt;
}

QString toString(TenantStatus status)
{
    return status == TenantStatus::Active ? QStringLiteral("active") : QStringLiteral("suspended");
}

std::optional<TenantStatus> tenantStatusFromString(const QString &s)
{
    if (s == QLatin1String("active"))
        return TenantStatus::Active;
    if (s == QLatin1String("suspended"))
        return TenantStatus::Suspended;
    return std::nullopt;
}

bool isValidSlug(const QString &slug)
{
    static const QRegularExpression re(QStringLiteral("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])$"));
    static const QRegularExpression digits(QStringLiteral("^[0-9]+$"));
    // All digits would read as a tenant id in X-Puente-Tenant.
    return re.match(slug).hasMatch() && !digits.match(slug).hasMatch();
}

} // namespace puente
