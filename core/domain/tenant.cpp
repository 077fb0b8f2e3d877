#include "domain/tenant.h"

#include <QRegularExpression>

namespace puente {

QString toString(Plan plan)
{
    return protocol::enumName(plan);
}

std::optional<Plan> planFromString(const QString &s)
{
    return protocol::enumFromName<Plan>(s);
}

QString toString(TenantStatus status)
{
    return protocol::enumName(status);
}

std::optional<TenantStatus> tenantStatusFromString(const QString &s)
{
    return protocol::enumFromName<TenantStatus>(s);
}

bool isValidSlug(const QString &slug)
{
    static const QRegularExpression re(QStringLiteral("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])$"));
    static const QRegularExpression digits(QStringLiteral("^[0-9]+$"));
    // All digits would read as a tenant id in X-Puente-Tenant.
    return re.match(slug).hasMatch() && !digits.match(slug).hasMatch();
}

} // namespace puente
