#pragma once

#include "domain/ids.h"
#include "protocol/enums.h"

#include <QString>

#include <optional>

namespace puente {

// The words of the API (protocol/enums.h) are the domain's.
using protocol::Plan;
using protocol::TenantStatus;

QString toString(Plan plan);
std::optional<Plan> planFromString(const QString &s);
QString toString(TenantStatus status);
std::optional<TenantStatus> tenantStatusFromString(const QString &s);

struct Tenant {
    TenantId id;
    QString slug;
    QString name;
    Plan plan = Plan::Basic;
    TenantStatus status = TenantStatus::Active;
    qint64 createdAt = 0;
    QString suspendedReason;
};

// A slug names a tenant in URLs and on the command line: 2–63 characters,
// lower-case letters, digits and inner hyphens, not digits only (that would
// read as a tenant id).
bool isValidSlug(const QString &slug);

} // namespace puente
