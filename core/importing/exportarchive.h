#pragma once

#include "common/result.h"

#include <QFile>
#include <QHash>
#include <QIODevice>
#include <QString>
#include <QTemporaryFile>

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

// An export opened for reading, as the importer and the console's dialog
// both need it: its chat's text (the file itself, or the .txt unpacked from
// the zip; either converted to UTF-8 when it was UTF-16), and the zip for
// its attachments.
class OpenedExport {
public:
    // Errors: storage_error, encoding, and ExportArchive::open's.
    static Result<std::unique_ptr<OpenedExport>> open(const QString &path);

    QIODevice *text() { return m_text; }
    const ExportArchive *archive() const { return m_archive.get(); }
    bool wasUtf16() const { return m_utf16; }

private:
    OpenedExport() = default;
    QFile m_file;
    std::unique_ptr<ExportArchive> m_archive;
    QTemporaryFile m_unpacked, m_converted;
    QIODevice *m_text = nullptr;
    bool m_utf16 = false;
};

} // namespace puente::chatexport
