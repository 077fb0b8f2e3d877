#include "protocol/media.h"

#include <QStringList>

namespace puente::protocol {

std::optional<MediaKind> mediaKindFor(const QString &mime)
{
    struct Kind {
        const char *type;
        QStringList mimes;
        qint64 max;
    };
    static const QList<Kind> kinds = {
        {"image", {QStringLiteral("image/jpeg"), QStringLiteral("image/png")}, 5LL << 20},
        {"audio", {QStringLiteral("audio/aac"), QStringLiteral("audio/amr"), QStringLiteral("audio/mpeg"), QStringLiteral("audio/mp4"),
                   QStringLiteral("audio/ogg")}, 16LL << 20},
        {"video", {QStringLiteral("video/mp4"), QStringLiteral("video/3gpp")}, 16LL << 20},
        {"sticker", {QStringLiteral("image/webp")}, 500LL << 10},
        {"document", {QStringLiteral("application/pdf"), QStringLiteral("text/plain"), QStringLiteral("application/msword"),
                      QStringLiteral("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
                      QStringLiteral("application/vnd.ms-excel"),
                      QStringLiteral("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                      QStringLiteral("application/vnd.ms-powerpoint"),
                      QStringLiteral("application/vnd.openxmlformats-officedocument.presentationml.presentation")}, kMaxUploadBytes},
    };
    for (const Kind &k : kinds)
        if (k.mimes.contains(mime))
            return MediaKind{QString::fromLatin1(k.type), k.max};
    return std::nullopt;
}

} // namespace puente::protocol
