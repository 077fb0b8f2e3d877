#include "domain/whatsappconfig.h"

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
    if (secret.size() < 12)
        return QStringLiteral("…");
    return secret.left(4) + QChar(0x2026) + secret.right(4);
}

} // namespace puente
