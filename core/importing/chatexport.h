#pragma once

#include "common/result.h"

#include <QDate>
#include <QHash>
#include <QIODevice>
#include <QList>
#include <QSet>
#include <QStringDecoder>
#include <QStringList>
#include <QTime>
#include <QTimeZone>

#include <memory>

namespace puente::chatexport {

// WhatsApp's "Export chat" text, as phones write it (Android and iOS, any
// language's digits-and-punctuation date layout, 12 or 24 hours), read a
// line at a time. Nothing is configured by hand: the layout is detected per
// file, and whether "03/04" is the 3rd of April or March the 4th is decided
// from the whole file (a field above 12 settles it; otherwise the reading
// under which the dates run forwards; otherwise day first, except for US
// English "AM/PM" exports).

enum class Kind { Text, Media, Deleted, System };

struct Message {
    int line = 0;     // 1-based line of its first line
    QDate date;       // wall time as written in the file
    QTime time;
    qint64 timeMs = 0; // that wall time in the reader's time zone, Unix ms
    QString author;   // empty for system lines
    Kind kind = Kind::Text;
    QString text;       // without placeholders and markers; a media's caption
    QString mediaType;  // image, video, audio, sticker, document; empty if unknown
    QString attachment; // the file name it refers to (media)
    bool edited = false;
};

struct Summary {
    bool ios = false;
    bool dayFirst = true;
    QString encoding;     // utf-8, utf-16, latin-1 (not UTF-8 at all)
    QStringList authors;  // in order of first appearance (system lines excluded)
    QHash<QString, qint64> messagesBy;
    qint64 messages = 0; // system lines apart
    qint64 lines = 0;
    QDate firstDate, lastDate; // of the first and last line with a date
    // A line of the file that names a group being made or people added.
    bool groupNotices = false;
    // Whether the chat is a group's (more than two people wrote, or the
    // group notices say so). Puente's conversations are one-to-one.
    bool isGroup() const { return authors.size() > 2 || groupNotices; }
};

// Reads one export. The device must be seekable: it is read twice, once to
// detect the layout (scan) and once for the messages (next). Memory stays
// bounded whatever the file's size: a message at a time.
class Reader {
public:
    explicit Reader(QIODevice *file, QTimeZone zone = QTimeZone::utc());
    ~Reader();

    // The first pass. Errors: binary_file, not_a_chat_export (with what was
    // found), encoding (UTF-16 must be converted first: see toUtf8File).
    Result<Summary> scan();
    // The messages in file order, after scan(); false at the end.
    bool next(Message *out);
    // Lines that are neither a message's first line nor its continuation
    // (text before the first message, impossible dates): how many, and the
    // first 100 of their numbers.
    qint64 notUnderstood() const { return m_notUnderstood; }
    const QList<int> &notUnderstoodLines() const { return m_notUnderstoodLines; }
    // How far the second pass has read, in bytes of the device.
    qint64 position() const { return m_position; }

private:
    struct Header;
    bool readLine(QString *line);
    bool parseHeader(const QString &line, Header *h) const;
    qint64 toUtc(const QDate &d, const QTime &t);
    void finish(Message *m);
    void noteNotUnderstood(int line);

    QIODevice *m_file;
    QTimeZone m_zone;
    Summary m_summary;
    bool m_scanned = false;
    bool m_latin1 = false;
    QStringDecoder m_utf8{QStringDecoder::Utf8};
    QByteArray m_buffer;
    qint64 m_position = 0;
    int m_lineNo = 0;
    std::unique_ptr<Message> m_pending;
    bool m_atEnd = false;
    bool m_skipping = false; // after a header with an impossible date: its lines too
    qint64 m_notUnderstood = 0;
    QList<int> m_notUnderstoodLines;
    QHash<qint64, int> m_offsets; // (julian day * 24 + hour) -> seconds east of UTC
    std::unique_ptr<Header> m_shape; // the file's first header: the others look the same
    QSet<QString> m_strays;          // "authors" of a line or two: text that looks like a message
};

// A device's text as UTF-8 in `out` when it starts with a UTF-16 byte-order
// mark (Windows' Notepad "Unicode"); false (nothing written) otherwise.
Result<bool> toUtf8File(QIODevice *in, QIODevice *out);

// What a file name says about the contact: "Chat de WhatsApp con +34 612 00
// 00 01.txt", "WhatsApp Chat with Ana García.txt", "WhatsApp Chat - +52 81 5425 4667.zip".
struct NameHint {
    QString phone; // E.164 ("+34612000001"), when the name holds a valid number
    QString name;  // the contact's name otherwise
};
NameHint hintFromFileName(const QString &fileName);

// An author written as a phone number ("+44 7700 900123"), in E.164; empty
// for a name.
QString phoneFromAuthor(const QString &author);

// image, video, audio, sticker or document from an attachment's name.
QString mediaTypeForFile(const QString &fileName);

} // namespace puente::chatexport
