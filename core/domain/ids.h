#pragma once

#include <QtGlobal>

namespace puente {

// Distinct id types so a user id can never be passed where a tenant id is
// expected. Every tenant-scoped repository method takes a TenantId.
template<typename Tag>
struct Id {
    qint64 value = 0;
    constexpr Id() = default;
    constexpr explicit Id(qint64 v) : value(v) {}
    constexpr bool isValid() const { return value > 0; }
    friend constexpr bool operator==(Id a, Id b) { return a.value == b.value; }
};

using TenantId = Id<struct TenantTag>;
using UserId = Id<struct UserTag>;

} // namespace puente
