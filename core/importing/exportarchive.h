#pragma once

#include "common/result.h"

#include <QHash>
#include <QIODevice>
#include <QString>

#include <memory>

struct zip;

namespace puente::chatexport {

// The .zip WhatsApp writes with "Include media": the chat's .txt and its
// attachments, read through libzip. Opening checks the whole directory
// first: a path outside the archive's folder ("../", "/etc/…"), more
// entries or bytes than a chat can have, or a compression ratio only a
// zip bomb has is refused before anything is read. Entries are read
// with a cap, whatever the directory claims.
class ExportArchive {
public:
    static constexpr qint64 kMaxEntries = 50000;
    static constexpr qint64 kMaxChatBytes = qint64(1) << 30;       // the .txt
    static constexpr qint64 kMaxTotalBytes = qint64(8) << 30;      // everything unpacked
    static constexpr qint64 kMaxAttachmentBytes = qint64(100) << 20; // WhatsApp's own document limit
    static constexpr qint64 kBombRatio = 200; // unpacked:packed above this (for entries over 10 MiB)

    // Whether the device starts like a zip ("PK\3\4", or an empty one's "PK\5\6").
    static bool looksLikeZip(QIODevice *device);

    // Errors: zip_unreadable, zip_unsafe_path, zip_too_large, zip_bomb,
    // not_a_chat_export (no .txt inside).
    static Result<std::unique_ptr<ExportArchive>> open(const QString &path);
    ~ExportArchive();

    QString chatName() const { return m_chatName; }
    // The chat's text into `out` (at most kMaxChatBytes).
    Status extractChat(QIODevice *out) const;
    int attachmentCount() const { return int(m_entries.size()) - 1; }
    bool has(const QString &attachment) const { return m_entries.contains(attachment); }
    // One attachment (by the name the chat gives) into `out`; too_large
    // beyond kMaxAttachmentBytes.
    Result<qint64> extract(const QString &attachment, QIODevice *out) const;

private:
    ExportArchive() = default;
    Result<qint64> copy(qint64 index, QIODevice *out, qint64 cap) const;

    zip *m_zip = nullptr;
    QString m_chatName;
    qint64 m_chatIndex = -1;
    QHash<QString, qint64> m_entries; // base name -> index
};

} // namespace puente::chatexport
