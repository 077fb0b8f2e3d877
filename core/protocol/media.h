#pragma once

#include <QString>

#include <optional>

namespace puente::protocol {

// WhatsApp's media types and sizes (Meta's Cloud API reference, "Supported
// media types"): what a file of a MIME type is sent as, and how large it may
// be. The server checks uploads with it; the console checks before it sends.
struct MediaKind {
    QString type; // image, audio, video, sticker, document
    qint64 maxBytes = 0;
};
// nullopt: WhatsApp does not take files of this type.
std::optional<MediaKind> mediaKindFor(const QString &mimeType);
// The largest file of any type (documents).
inline constexpr qint64 kMaxUploadBytes = 100LL * 1024 * 1024;

} // namespace puente::protocol
