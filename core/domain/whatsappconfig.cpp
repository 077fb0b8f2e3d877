#include "domain/whatsappconfig.h"

#include <algorithm>

namespace puente {

QString toString(ApiType type)
{
    return type == ApiType::BusinessApi ? QStringLiteral("business_api") : QStringLiteral("whatsapp_web");
}

std::optional<ApiType> apiTypeFromString(const QString &s)
{
    if (s == QLatin1String("business_api"))
        return ApiType::BusinessApi;
    if (s == QLatin1String("whatsapp_web"))
        return ApiType::WhatsAppWeb;
    return std::nullopt;
}

QString maskSecret(const QString &secret)
{
    if (secret.isEmpty())
        return {};
    // At most a sixth of the secret shows at each end (four characters
    // at most): enough to tell two tokens apart, never enough to guess one.
    const qsizetype shown = std::min<qsizetype>(4, secret.size() / 6);
    if (shown == 0)
        return QStringLiteral("…");
    return secret.left(shown) + QChar(0x2026) + secret.right(shown);
}

} // namespace puente
