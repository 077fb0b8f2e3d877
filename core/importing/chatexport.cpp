#include "importing/chatexport.h"

#include "domain/phonenumber.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QStringEncoder>

#include <algorithm>
#include <optional>

namespace puente::chatexport {

namespace {

constexpr QChar kLrm(0x200E);
constexpr int kScanLinesWithoutHeader = 200; // this many lines and no message: not an export
constexpr qint64 kMaxLineBytes = 1 << 20;
constexpr qsizetype kMaxMessageChars = 65536;

// Spaces phones put inside the date and time: a normal one, a no-break one
// and (Android 13+, iOS 17+) a narrow no-break one before "AM"/"p. m.".
#define PUENTE_SP "[ \\x{00A0}\\x{202F}]"
#define PUENTE_DATE_TIME \
    "(\\d{1,4})([./-])(\\d{1,2})\\2(\\d{1,4}),?" PUENTE_SP "(\\d{1,2})[:.](\\d{2})(?:[:.](\\d{2}))?" \
    "(?:" PUENTE_SP "?([aApP])\\.?" PUENTE_SP "?[mM]\\.?)?"

const QRegularExpression &androidHeader()
{
    static const QRegularExpression re(QStringLiteral("^" PUENTE_DATE_TIME PUENTE_SP "?[-\\x{2013}]" PUENTE_SP "(.*)$"));
    return re;
}

const QRegularExpression &iosHeader()
{
    static const QRegularExpression re(QStringLiteral("^\\[" PUENTE_DATE_TIME "\\]" PUENTE_SP "(.*)$"));
    return re;
}

// Marks phones put before lines and inside them: left-to-right and
// right-to-left marks, embeddings, a byte-order mark.
bool isMark(QChar c)
{
    const ushort u = c.unicode();
    return u == 0x200E || u == 0x200F || u == 0xFEFF || (u >= 0x202A && u <= 0x202E);
}

// (Most lines have none: those are returned shared, not copied.)
QString withoutMarks(const QString &s)
{
    if (std::none_of(s.cbegin(), s.cend(), isMark))
        return s;
    QString out = s;
    out.removeIf(isMark);
    return out;
}

// Android writes system lines without an author; a few of them hold ": "
// (a group's new subject), so the part before it is checked too.
const QRegularExpression &systemBeforeColon()
{
    static const QRegularExpression re(
        QStringLiteral("(changed the subject|cambió el asunto|changed the group description|cambió la descripción|"
                       "end-to-end encrypted|cifrados de extremo a extremo|changed their phone number|cambió su número)"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

// WhatsApp's own notices (Spanish and English): encryption, blocking,
// security codes, business accounts, new numbers, disappearing messages,
// missed calls, group events. A line without an author, or an iOS text
// marked left-to-right, is a notice only when it reads like one; anything
// else is somebody's words.
const QRegularExpression &notice()
{
    static const QRegularExpression re(
        QStringLiteral("(cifrados de extremo a extremo|end-to-end encrypted|bloqueaste|desbloqueaste|blocked this contact|"
                       "unblocked this contact|c(ó|o)digo de seguridad|security code|cuenta de empresa|business account|"
                       "cambi(ó|o) su n(ú|u)mero|changed their phone number|changed to a new number|mensajes temporales|"
                       "disappearing messages|llamada de voz perdida|videollamada perdida|missed voice call|missed video call|"
                       "cre(ó|o) (el|este) grupo|created (this )?group|a(ñ|n)adi(ó|o) a|agreg(ó|o) a| added | left$|sali(ó|o) del grupo|"
                       "elimin(ó|o) a |removed |cambi(ó|o) el asunto|changed the subject|cambi(ó|o) la descripci(ó|o)n|"
                       "changed the group description|cambi(ó|o) el (í|i)cono|changed this group's icon|se uni(ó|o)|joined using|"
                       "ahora es admin|now an admin|this chat is with|este chat es con|tap to learn more|toca para|"
                       "te a(ñ|n)adi(ó|o)|te agreg(ó|o)|added you)"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

// The notices only a group has (whatever else is ambiguous stays out).
const QRegularExpression &groupNotice()
{
    static const QRegularExpression re(
        QStringLiteral("(created group|cre(ó|o) el grupo|cre(ó|o) este grupo|created this group|changed the subject|cambi(ó|o) el asunto|"
                       "te a(ñ|n)adi(ó|o)|te agreg(ó|o)|added you|"
                       "changed this group's icon|cambi(ó|o) el (í|i)cono del grupo|joined using this group's invite link|"
                       "se uni(ó|o) (usando|con) el enlace)"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression &deletedText()
{
    static const QRegularExpression re(
        QStringLiteral("^(Se eliminó este mensaje|Eliminaste este mensaje|Este mensaje fue eliminado|Mensaje eliminado|"
                       "This message was deleted|You deleted this message)\\.?$"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression &editedMarker()
{
    static const QRegularExpression re(QStringLiteral("\\s*<(Se editó este mensaje|This message was edited|Mensaje editado|Editado|Edited)\\.?>\\s*$"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression &omittedMedia()
{
    static const QRegularExpression re(QStringLiteral("^<(Multimedia omitido|Multimedia omitida|Media omitted|Archivo omitido|Archivo multimedia omitido)>$"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression &omittedTyped()
{
    static const QRegularExpression re(
        QStringLiteral("^(imagen|image|video|vídeo|audio|sticker|GIF|documento|document|Contact card|Tarjeta de contacto)"
                       "\\s+(omitid[oa]|omitted)$"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression &attachedAndroid()
{
    static const QRegularExpression re(QStringLiteral("^(.+?\\.[A-Za-z0-9]{1,5})\\s+\\((archivo adjunto|file attached|adjunto)\\)$"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re;
}

// iOS, a document without media: "CV Ana.pdf • 3 pages document omitted".
const QRegularExpression &omittedDocument()
{
    static const QRegularExpression re(QStringLiteral("^(.*?)(?:\\s*\\x{2022}.*)?\\s+(document omitted|documento omitido)$"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression &attachedIos()
{
    static const QRegularExpression re(QStringLiteral("<(?:attached|adjunto|archivo adjunto):\\s*([^>]+)>\\s*$"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re;
}

QString typeOfOmitted(const QString &word)
{
    const QString w = word.toLower();
    if (w == QLatin1String("imagen") || w == QLatin1String("image"))
        return QStringLiteral("image");
    if (w == QLatin1String("video") || w == QStringLiteral("vídeo") || w == QLatin1String("gif"))
        return QStringLiteral("video");
    if (w == QLatin1String("audio"))
        return QStringLiteral("audio");
    if (w == QLatin1String("sticker"))
        return QStringLiteral("sticker");
    if (w == QLatin1String("documento") || w == QLatin1String("document"))
        return QStringLiteral("document");
    return {};
}

struct Classified {
    Kind kind = Kind::Text;
    QString mediaType;
    QString attachment;
};

// What a message's first line is, from its text after the author. iOS
// marks its notices (and media) with a left-to-right mark before the text.
// Each pattern is tried only when the text could match it (how it ends,
// how long it is): most messages are plain text and meet no expression.
Classified classify(const QString &firstLine)
{
    Classified c;
    const bool marked = firstLine.startsWith(kLrm);
    const QString s = withoutMarks(firstLine).trimmed();
    const bool endsWithAngle = s.endsWith(QLatin1Char('>'));
    QString plain = s;
    if (endsWithAngle)
        plain.remove(editedMarker());
    if (plain.size() <= 40 && deletedText().match(plain).hasMatch()) {
        c.kind = Kind::Deleted;
        return c;
    }
    if (endsWithAngle && s.startsWith(QLatin1Char('<')) && omittedMedia().match(s).hasMatch()) {
        c.kind = Kind::Media;
        return c;
    }
    if (s.size() <= 40 && (s.endsWith(QLatin1String("omitted"), Qt::CaseInsensitive) || s.endsWith(QLatin1String("omitido"), Qt::CaseInsensitive)
                           || s.endsWith(QLatin1String("omitida"), Qt::CaseInsensitive))) {
        if (auto m = omittedTyped().match(s); m.hasMatch()) {
            c.kind = Kind::Media;
            c.mediaType = typeOfOmitted(m.captured(1));
            return c;
        }
    }
    if (s.endsWith(QLatin1Char(')'))) {
        if (auto m = attachedAndroid().match(s); m.hasMatch()) {
            c.kind = Kind::Media;
            c.attachment = m.captured(1).trimmed();
            c.mediaType = mediaTypeForFile(c.attachment);
            return c;
        }
    }
    if (s.endsWith(QLatin1String("omitted"), Qt::CaseInsensitive) || s.endsWith(QLatin1String("omitido"), Qt::CaseInsensitive)) {
        if (auto m = omittedDocument().match(s); m.hasMatch()) {
            c.kind = Kind::Media;
            c.mediaType = QStringLiteral("document");
            c.attachment = m.captured(1).trimmed();
            return c;
        }
    }
    if (endsWithAngle) {
        if (auto m = attachedIos().match(s); m.hasMatch()) {
            c.kind = Kind::Media;
            c.attachment = m.captured(1).trimmed();
            c.mediaType = mediaTypeForFile(c.attachment);
            return c;
        }
    }
    if (marked && notice().match(s).hasMatch())
        c.kind = Kind::System;
    return c;
}

// "Name: text" or a system line; the author empty for the latter.
void splitAuthor(const QString &rest, bool ios, QString *author, QString *text)
{
    const qsizetype colon = rest.indexOf(QLatin1String(": "));
    if (colon <= 0 || (!ios && systemBeforeColon().match(rest.left(colon)).hasMatch())) {
        author->clear();
        *text = rest;
        return;
    }
    *author = withoutMarks(rest.left(colon)).trimmed();
    *text = rest.mid(colon + 2);
}

qint64 dayKey(int y, int m, int d)
{
    return (qint64(y) * 100 + m) * 100 + d;
}

} // namespace

struct Reader::Header {
    int a = 0, b = 0, c = 0;
    int aDigits = 0, cDigits = 0;
    int hour = 0, minute = 0, second = 0;
    QChar ampm; // 'a', 'p' or none
    bool dotted = false; // "a. m." rather than "AM"
    QString rest;
    // The layout's details, the same on every header of one file: a line
    // that differs is somebody's text ("16/01/20 11:00 - oficina").
    QChar separator;
    bool ios = false;
    bool comma = false;
    bool seconds = false;
    bool sameShape(const Header &o) const
    {
        return ios == o.ios && separator == o.separator && comma == o.comma && seconds == o.seconds && (aDigits == 4) == (o.aDigits == 4)
               && cDigits == o.cDigits && ampm.isNull() == o.ampm.isNull();
    }
};

Reader::Reader(QIODevice *file, QTimeZone zone) : m_file(file), m_zone(std::move(zone)) {}

Reader::~Reader() = default;

bool Reader::readLine(QString *line)
{
    if (m_file->atEnd())
        return false;
    // One buffer for every line: QIODevice::readLine(max) would allocate
    // `max` bytes per line, and the heap grew with the file.
    if (m_buffer.size() != kMaxLineBytes + 1)
        m_buffer.resize(kMaxLineBytes + 1);
    qint64 n = m_file->readLine(m_buffer.data(), m_buffer.size());
    if (n <= 0)
        return false;
    m_position += n;
    ++m_lineNo;
    const char *raw = m_buffer.constData();
    // A line longer than WhatsApp ever writes is cut (the rest skipped):
    // hostile files only.
    if (raw[n - 1] != '\n' && !m_file->atEnd()) {
        char rest[4096];
        qint64 got;
        while ((got = m_file->readLine(rest, sizeof rest)) > 0) {
            m_position += got;
            if (rest[got - 1] == '\n')
                break;
        }
    }
    while (n > 0 && (raw[n - 1] == '\n' || raw[n - 1] == '\r'))
        --n;
    const QByteArrayView bytes(raw, n);
    *line = m_latin1 ? QString::fromLatin1(bytes) : m_utf8.decode(bytes);
    if (line->contains(QChar(0)))
        line->remove(QChar(0)); // PostgreSQL keeps no NUL in text
    if (m_lineNo == 1 && line->startsWith(QChar(0xFEFF)))
        line->remove(0, 1);
    return true;
}

bool Reader::parseHeader(const QString &line, Header *h) const
{
    // Quick refusal: a header starts with a digit or '[' (after marks).
    qsizetype start = 0;
    while (start < line.size() && isMark(line[start]))
        ++start;
    if (start >= line.size())
        return false;
    const QChar first = line[start];
    if (!(first.isDigit() || first == QLatin1Char('[')))
        return false;
    const QStringView view = QStringView(line).mid(start);
    const bool iosLine = first == QLatin1Char('[');
    const QRegularExpressionMatch m = (iosLine ? iosHeader() : androidHeader()).match(view);
    if (!m.hasMatch())
        return false;
    h->a = m.capturedView(1).toInt();
    h->aDigits = int(m.capturedLength(1));
    h->b = m.capturedView(3).toInt();
    h->c = m.capturedView(4).toInt();
    h->cDigits = int(m.capturedLength(4));
    h->hour = m.capturedView(5).toInt();
    h->minute = m.capturedView(6).toInt();
    h->second = m.capturedLength(7) ? m.capturedView(7).toInt() : 0;
    h->ampm = m.capturedLength(8) ? m.capturedView(8).at(0).toLower() : QChar();
    h->dotted = m.capturedLength(8) && view.size() > m.capturedEnd(8) && view.at(m.capturedEnd(8)) == QLatin1Char('.');
    h->rest = m.captured(9);
    h->separator = m.capturedView(2).at(0);
    h->ios = iosLine;
    h->comma = view.size() > m.capturedEnd(4) && view.at(m.capturedEnd(4)) == QLatin1Char(',');
    h->seconds = m.capturedLength(7) > 0;
    return !m_shape || m_shape->sameShape(*h);
}

namespace {
// A header's date under one reading; invalid when impossible.
QDate dateOf(int a, int aDigits, int b, int c, int cDigits, bool dayFirst)
{
    if (aDigits == 4)
        return QDate(a, b, c);
    const int year = cDigits <= 2 ? 2000 + c : c;
    return dayFirst ? QDate(year, b, a) : QDate(year, a, b);
}

QTime timeOf(int hour, int minute, int second, QChar ampm)
{
    if (!ampm.isNull()) {
        if (hour < 1 || hour > 12)
            return {};
        hour = hour % 12 + (ampm == QLatin1Char('p') ? 12 : 0);
    }
    return QTime(hour, minute, second);
}
} // namespace

Result<Summary> Reader::scan()
{
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (!m_file->seek(0))
            return makeError("storage_error", QStringLiteral("cannot read the file from its start: %1").arg(m_file->errorString()));
        const QByteArray head = m_file->peek(64 * 1024);
        if (head.startsWith("\xFF\xFE") || head.startsWith("\xFE\xFF"))
            return makeError("encoding", QStringLiteral("the file is UTF-16 text; convert it to UTF-8 first"));
        if (head.contains('\0'))
            return makeError("binary_file", QStringLiteral("this is not a text file (it holds binary data): choose the chat's .txt, or "
                                                           "the .zip WhatsApp made with it"));
        m_summary = Summary{};
        m_summary.encoding = m_latin1 ? QStringLiteral("latin-1") : QStringLiteral("utf-8");
        m_utf8 = QStringDecoder(QStringDecoder::Utf8);
        m_position = 0;
        m_lineNo = 0;
        bool dayEvidence = false, monthEvidence = false, undottedAmPm = false, twoDigitYears = false;
        qint64 backwardsDM = 0, backwardsMD = 0, lastDM = 0, lastMD = 0;
        std::optional<Header> firstHeader, lastHeader;
        m_shape.reset();
        m_strays.clear();
        bool invalidUtf8 = false, validMultibyte = false;
        QString line;
        Header h;
        bool restart = false;
        while (readLine(&line)) {
            if (!m_latin1) {
                if (line.contains(QChar::ReplacementCharacter))
                    invalidUtf8 = true;
                else if (!validMultibyte && std::any_of(line.cbegin(), line.cend(), [](QChar c) { return c.unicode() > 0x7F; }))
                    validMultibyte = true;
            }
            if (!m_shape && m_lineNo > kScanLinesWithoutHeader)
                break;
            if (!parseHeader(line, &h))
                continue;
            if (!m_shape) {
                m_shape = std::make_unique<Header>(h);
                m_summary.ios = h.ios;
            }
            QString author, text;
            splitAuthor(h.rest, m_summary.ios, &author, &text);
            // A line without an author is a notice only when it reads like
            // one (otherwise it is text that looks like a message's start);
            // only a text marked left-to-right can be an iOS notice.
            if (author.isEmpty() && !notice().match(text).hasMatch())
                continue;
            if (!firstHeader)
                firstHeader = h;
            lastHeader = h;
            if (h.aDigits != 4) {
                if (h.a > 12)
                    dayEvidence = true;
                if (h.b > 12)
                    monthEvidence = true;
                const int year = h.cDigits <= 2 ? 2000 + h.c : h.c;
                const qint64 dm = dayKey(year, h.b, h.a) * 10000 + h.hour * 100 + h.minute;
                const qint64 md = dayKey(year, h.a, h.b) * 10000 + h.hour * 100 + h.minute;
                backwardsDM += dm / 10000 < lastDM / 10000 ? 1 : 0;
                backwardsMD += md / 10000 < lastMD / 10000 ? 1 : 0;
                lastDM = dm;
                lastMD = md;
                twoDigitYears = twoDigitYears || h.cDigits <= 2;
            }
            if (!h.ampm.isNull() && !h.dotted)
                undottedAmPm = true;
            if (author.isEmpty() || (text.startsWith(kLrm) && classify(text).kind == Kind::System)) {
                if (groupNotice().match(withoutMarks(text)).hasMatch())
                    m_summary.groupNotices = true;
                continue;
            }
            ++m_summary.messages;
            if (!m_summary.messagesBy.contains(author))
                m_summary.authors << author;
            ++m_summary.messagesBy[author];
        }
        // Not UTF-8 at all (no valid accented letter anywhere, invalid
        // bytes): Windows' Latin-1 keeps Spanish letters. A stray bad byte
        // in a UTF-8 file stays a replacement character.
        if (!m_latin1 && invalidUtf8 && !validMultibyte) {
            m_latin1 = true;
            restart = true;
        }
        // A third "author" of a line or two in a long chat between two
        // people is text that looks like a message ("Lugar: oficina").
        if (!restart && m_summary.authors.size() > 2 && m_summary.messages >= 20) {
            for (const QString &author : std::as_const(m_summary.authors))
                if (m_summary.messagesBy.value(author) <= 2)
                    m_strays.insert(author);
            if (m_summary.authors.size() - m_strays.size() >= 2) {
                for (const QString &stray : std::as_const(m_strays)) {
                    m_summary.messages -= m_summary.messagesBy.take(stray);
                    m_summary.authors.removeAll(stray);
                }
            } else {
                m_strays.clear();
            }
        }
        if (restart)
            continue;
        if (!m_shape || !firstHeader)
            return makeError("not_a_chat_export", QStringLiteral("no line of the file looks like a WhatsApp message (\"24/12/19, 11:23 - Name: "
                                                                 "text\" or \"[24/12/19, 11:23:45] Name: text\"): it is not a chat export"));
        if (dayEvidence != monthEvidence)
            m_summary.dayFirst = dayEvidence;
        else if (backwardsDM != backwardsMD)
            m_summary.dayFirst = backwardsDM < backwardsMD;
        else
            m_summary.dayFirst = !(undottedAmPm && twoDigitYears); // US English phones write 12/24/19, 11:23 PM
        m_summary.lines = m_lineNo;
        m_summary.firstDate = dateOf(firstHeader->a, firstHeader->aDigits, firstHeader->b, firstHeader->c, firstHeader->cDigits, m_summary.dayFirst);
        m_summary.lastDate = dateOf(lastHeader->a, lastHeader->aDigits, lastHeader->b, lastHeader->c, lastHeader->cDigits, m_summary.dayFirst);
        break;
    }
    if (!m_file->seek(0))
        return makeError("storage_error", QStringLiteral("cannot read the file again: %1").arg(m_file->errorString()));
    m_utf8 = QStringDecoder(QStringDecoder::Utf8);
    m_position = 0;
    m_lineNo = 0;
    m_scanned = true;
    m_pending.reset();
    m_atEnd = false;
    m_skipping = false;
    m_notUnderstood = 0;
    m_notUnderstoodLines.clear();
    return m_summary;
}

void Reader::noteNotUnderstood(int line)
{
    ++m_notUnderstood;
    if (m_notUnderstoodLines.size() < 100)
        m_notUnderstoodLines << line;
}

qint64 Reader::toUtc(const QDate &d, const QTime &t)
{
    const qint64 key = d.toJulianDay() * 24 + t.hour();
    auto it = m_offsets.constFind(key);
    int offset;
    if (it != m_offsets.cend()) {
        offset = *it;
    } else {
        offset = QDateTime(d, QTime(t.hour(), 30), m_zone).offsetFromUtc();
        if (m_offsets.size() > 100000)
            m_offsets.clear();
        m_offsets.insert(key, offset);
    }
    const qint64 localMs = (d.toJulianDay() - 2440588) * 86400000LL + t.msecsSinceStartOfDay();
    return localMs - qint64(offset) * 1000;
}

void Reader::finish(Message *m)
{
    // m->text holds the whole raw text (first line, then the others).
    const qsizetype nl = m->text.indexOf(QLatin1Char('\n'));
    const QString firstLine = nl < 0 ? m->text : m->text.left(nl);
    if (m->kind != Kind::System) {
        const Classified c = classify(firstLine);
        m->kind = c.kind;
        m->mediaType = c.mediaType;
        m->attachment = c.attachment;
        if (c.kind == Kind::System)
            m->author.clear();
    }
    QString text = withoutMarks(m->text);
    qsizetype last = text.size() - 1;
    while (last >= 0 && text.at(last).isSpace())
        --last;
    if (last >= 0 && text.at(last) == QLatin1Char('>')) {
        if (auto e = editedMarker().match(text); e.hasMatch()) {
            m->edited = true;
            text.truncate(e.capturedStart());
        }
    }
    switch (m->kind) {
    case Kind::Deleted:
        text.clear();
        break;
    case Kind::Media:
        text = nl < 0 ? QString() : withoutMarks(m->text.mid(nl + 1));
        if (m->edited)
            text.remove(editedMarker());
        text = text.trimmed();
        break;
    default:
        break;
    }
    m->text = text;
}

bool Reader::next(Message *out)
{
    if (!m_scanned || m_atEnd)
        return false;
    QString line;
    Header h;
    while (true) {
        if (!readLine(&line)) {
            m_atEnd = true;
            if (!m_pending)
                return false;
            finish(m_pending.get());
            *out = std::move(*m_pending);
            m_pending.reset();
            return true;
        }
        if (parseHeader(line, &h)) {
            QString author, text;
            splitAuthor(h.rest, m_summary.ios, &author, &text);
            // As the first pass decided: a line without an author that is
            // no notice, or one of a stray "author", is the message's text.
            const bool isText = author.isEmpty() ? !notice().match(text).hasMatch() : m_strays.contains(author);
            if (!isText) {
                const QDate date = dateOf(h.a, h.aDigits, h.b, h.c, h.cDigits, m_summary.dayFirst);
                const QTime time = timeOf(h.hour, h.minute, h.second, h.ampm);
                if (!date.isValid() || !time.isValid()) {
                    // Its lines are not understood either, not added to the message before.
                    noteNotUnderstood(m_lineNo);
                    m_skipping = true;
                    continue;
                }
                m_skipping = false;
                auto message = std::make_unique<Message>();
                message->line = m_lineNo;
                message->date = date;
                message->time = time;
                message->timeMs = toUtc(date, time);
                message->author = author;
                message->text = text;
                if (author.isEmpty())
                    message->kind = Kind::System;
                std::swap(message, m_pending);
                if (message) {
                    finish(message.get());
                    *out = std::move(*message);
                    return true;
                }
                continue;
            }
        }
        // WhatsApp allows 65,536 characters a message: more is no message.
        if (m_pending && !m_skipping && m_pending->text.size() + line.size() < kMaxMessageChars) {
            m_pending->text += QLatin1Char('\n');
            m_pending->text += line;
        } else {
            noteNotUnderstood(m_lineNo);
        }
    }
}

Result<bool> toUtf8File(QIODevice *in, QIODevice *out)
{
    const QByteArray head = in->peek(2);
    QStringDecoder::Encoding encoding;
    if (head.startsWith("\xFF\xFE"))
        encoding = QStringDecoder::Utf16LE;
    else if (head.startsWith("\xFE\xFF"))
        encoding = QStringDecoder::Utf16BE;
    else
        return false;
    in->read(2);
    QStringDecoder decoder(encoding);
    QStringEncoder encoder(QStringEncoder::Utf8);
    while (!in->atEnd()) {
        const QByteArray chunk = in->read(1 << 20);
        if (chunk.isEmpty())
            break;
        const QByteArray utf8 = encoder.encode(decoder.decode(chunk));
        if (out->write(utf8) != utf8.size())
            return makeError("storage_error", QStringLiteral("cannot write the converted text: %1").arg(out->errorString()));
    }
    if (decoder.hasError())
        return makeError("encoding", QStringLiteral("the file starts as UTF-16 text but is not valid UTF-16"));
    return true;
}

NameHint hintFromFileName(const QString &fileName)
{
    NameHint hint;
    // A browser's or a file manager's copy mark ("… (1).txt") is no digit of the number.
    static const QRegularExpression copyMark(QStringLiteral("\\s*(\\(\\d{1,3}\\)|-\\s*copia|-\\s*copy)$"), QRegularExpression::CaseInsensitiveOption);
    const QString base = QFileInfo(fileName).completeBaseName().remove(copyMark);
    static const QRegularExpression number(QStringLiteral("\\+\\d[\\d \\x{00A0}\\x{202F}().-]{5,}\\d"));
    if (auto m = number.match(base); m.hasMatch()) {
        if (auto e164 = normalizePhoneNumber(m.captured(0)))
            hint.phone = e164.value();
        return hint;
    }
    static const QRegularExpression named(QStringLiteral("^(?:WhatsApp Chat (?:with|-)|Chat de WhatsApp con|WhatsApp-Chat mit)\\s+(.+)$"),
                                          QRegularExpression::CaseInsensitiveOption);
    if (auto m = named.match(base); m.hasMatch())
        hint.name = m.captured(1).trimmed();
    return hint;
}

QString phoneFromAuthor(const QString &author)
{
    static const QRegularExpression number(QStringLiteral("^\\+\\d[\\d \\x{00A0}\\x{202F}().-]{5,}\\d$"));
    if (!number.match(author).hasMatch())
        return {};
    auto e164 = normalizePhoneNumber(author);
    return e164 ? e164.value() : QString();
}

QString mediaTypeForFile(const QString &fileName)
{
    const QString name = fileName.toUpper();
    const QString ext = QFileInfo(fileName).suffix().toLower();
    if (name.startsWith(QLatin1String("IMG-")) || name.contains(QLatin1String("-PHOTO-")))
        return QStringLiteral("image");
    if (name.startsWith(QLatin1String("VID-")) || name.contains(QLatin1String("-VIDEO-")) || name.contains(QLatin1String("-GIF-")))
        return QStringLiteral("video");
    if (name.startsWith(QLatin1String("AUD-")) || name.startsWith(QLatin1String("PTT-")) || name.contains(QLatin1String("-AUDIO-")))
        return QStringLiteral("audio");
    if (name.startsWith(QLatin1String("STK-")) || name.contains(QLatin1String("-STICKER-")))
        return QStringLiteral("sticker");
    static const QStringList images{QStringLiteral("jpg"), QStringLiteral("jpeg"), QStringLiteral("png"), QStringLiteral("heic"), QStringLiteral("gif")};
    static const QStringList videos{QStringLiteral("mp4"), QStringLiteral("3gp"), QStringLiteral("mov"), QStringLiteral("m4v")};
    static const QStringList audios{QStringLiteral("opus"), QStringLiteral("ogg"), QStringLiteral("m4a"), QStringLiteral("mp3"),
                                    QStringLiteral("aac"), QStringLiteral("amr"), QStringLiteral("wav")};
    if (images.contains(ext))
        return QStringLiteral("image");
    if (videos.contains(ext))
        return QStringLiteral("video");
    if (audios.contains(ext))
        return QStringLiteral("audio");
    if (ext == QLatin1String("webp"))
        return QStringLiteral("sticker");
    return QStringLiteral("document");
}

} // namespace puente::chatexport
