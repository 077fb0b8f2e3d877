#include "common/csvreader.h"

#include <QIODevice>

#include <cstring>
#include <iterator>
#include <utility>

namespace puente {

namespace {

// Invalid UTF-8 decodes to U+0000 (ConvertInvalidToNull) rather than U+FFFD,
// so a real U+FFFD in the file stays valid text and the parser finds a bad
// sequence where it is, by its line. Raw NUL bytes never reach the decoder
// (decode() stops at them), so a U+0000 in the text is always a bad sequence.
// ConvertInitialBom keeps the BOM so that it is dropped here, the same way
// however the first bytes are split across reads.
constexpr auto DecoderFlags = QStringConverter::Flag::ConvertInvalidToNull | QStringConverter::Flag::ConvertInitialBom;

constexpr char16_t Bom = 0xFEFF;

QString uploadAgain()
{
    return QStringLiteral("save the file as \"CSV UTF-8\" and upload it again");
}

} // namespace

CsvReader::CsvReader(QIODevice *device) : CsvReader(device, Limits{}) {}

CsvReader::CsvReader(QIODevice *device, Limits limits)
    : m_device(device), m_limits(limits), m_decoder(QStringDecoder::Utf8, DecoderFlags)
{
}

bool CsvReader::next(QStringList *fields, qint64 *line)
{
    if (m_finished)
        return false;
    if (!m_delimiterKnown)
        detectDelimiter();
    for (;;) {
        if (m_pos >= m_buf.size()) {
            if (!m_inputDone) {
                fill();
                continue;
            }
            return finishData(fields, line);
        }
        switch (parse()) {
        case Step::Record:
            takeRecord(fields, line);
            return true;
        case Step::Error:
            return false;
        case Step::NeedData:
            break;
        }
    }
}

// Scans the first record (without consuming it) for the delimiter. It reads
// ahead as far as that record goes, but never further than a record may be
// long: past that the parse reports the record as too long anyway.
void CsvReader::detectDelimiter()
{
    static constexpr char16_t candidates[] = {u',', u';', u'\t'};
    qsizetype counts[std::size(candidates)] = {};
    bool inQuotes = false;
    bool fieldStart = true;
    bool seen = false; // leading blank lines are not the header
    qsizetype i = m_pos;
    for (;;) {
        if (i >= m_buf.size()) {
            if (m_inputDone)
                break;
            fill();
            continue;
        }
        if (i - m_pos > m_limits.maxRecordChars)
            break;
        const char16_t c = m_buf.at(i).unicode();
        if (inQuotes) {
            if (c == u'"') {
                if (i + 1 >= m_buf.size() && !m_inputDone) {
                    fill(); // "" or the closing quote: the next character tells
                    continue;
                }
                if (i + 1 < m_buf.size() && m_buf.at(i + 1) == u'"') {
                    i += 2;
                    continue;
                }
                inQuotes = false;
            }
            ++i;
            continue;
        }
        if (c == u'\n' || c == u'\r') {
            if (seen)
                break;
            ++i;
            continue;
        }
        seen = true;
        // Only a quote that starts a field opens quotes, as in the parse; a
        // field may start after any of the candidates.
        if (c == u'"' && fieldStart)
            inQuotes = true;
        fieldStart = false;
        for (size_t k = 0; k < std::size(candidates); ++k) {
            if (c == candidates[k]) {
                ++counts[k];
                fieldStart = true;
            }
        }
        ++i;
    }
    size_t best = 0;
    for (size_t k = 1; k < std::size(candidates); ++k) {
        if (counts[k] > counts[best])
            best = k;
    }
    m_delimiter = QChar(candidates[best]);
    m_delimiterKnown = true;
}

// Reads one chunk and appends its text to m_buf; sets m_inputDone at the end
// of the data or at the first thing that is not UTF-8 text.
void CsvReader::fill()
{
    if (m_inputDone)
        return;
    if (m_raw.size() != ChunkBytes)
        m_raw.resize(ChunkBytes);
    const qint64 n = m_device->read(m_raw.data(), ChunkBytes);
    if (n < 0) {
        failInput(InputError::ReadFailed);
        return;
    }
    if (n == 0) {
        endInput();
        return;
    }
    m_bytesRead += n;
    const QByteArrayView bytes(m_raw.constData(), n);
    if (m_sniffed) {
        decode(bytes);
        return;
    }
    // A sequential device may hand over a single byte first; the UTF-16
    // signatures need two.
    m_head.append(bytes);
    if (m_head.size() < 2)
        return;
    m_sniffed = true;
    const auto b0 = static_cast<uchar>(m_head.at(0));
    const auto b1 = static_cast<uchar>(m_head.at(1));
    // FF FE / FE FF: the BOM of "Unicode Text" exports (UTF-16, also the start
    // of UTF-32LE). Without a BOM, UTF-16 text of Latin letters starts with a
    // letter and a zero byte; decoding it as UTF-8 would only say "binary".
    const bool utf16Bom = (b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF);
    const bool utf16Text = (b0 == 0) != (b1 == 0) && (b0 >= 0x20 || b1 >= 0x20);
    if (utf16Bom || utf16Text) {
        failInput(InputError::Utf16);
        return;
    }
    const QByteArray head = std::exchange(m_head, QByteArray());
    decode(head);
}

void CsvReader::decode(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return;
    const auto *nul = static_cast<const char *>(std::memchr(bytes.data(), 0, size_t(bytes.size())));
    if (nul)
        bytes = bytes.first(nul - bytes.data()); // the text before it is parsed, so the error names its line
    appendText(m_decoder.decode(bytes));
    if (nul)
        failInput(InputError::Binary);
}

void CsvReader::appendText(const QString &text)
{
    if (text.isEmpty())
        return;
    // What the parser consumed is never needed again (fields under
    // construction live in m_field), so the buffer holds one chunk or so.
    if (m_pos > 0) {
        m_buf.remove(0, m_pos);
        m_pos = 0;
    }
    if (!m_bomChecked) {
        m_bomChecked = true;
        if (text.front().unicode() == Bom) {
            m_buf.append(QStringView(text).sliced(1));
            return;
        }
    }
    m_buf.append(text);
}

void CsvReader::endInput()
{
    if (!m_sniffed) {
        m_sniffed = true;
        const QByteArray head = std::exchange(m_head, QByteArray());
        decode(head); // one byte: too short to be UTF-16
        if (m_inputDone)
            return;
    }
    // The decoder keeps the start of a character until its last byte comes;
    // at the end of the data an LF tells whether anything is still waiting.
    // A character cut short becomes a U+0000, which the parser reports as
    // not UTF-8 on the line where it is.
    const QString tail = m_decoder.decode(QByteArrayView("\n", 1));
    if (tail != QStringLiteral("\n"))
        appendText(QString(QChar(0)));
    m_inputDone = true;
}

void CsvReader::failInput(InputError error)
{
    m_inputError = error;
    m_inputDone = true;
}

// Parses m_buf from m_pos until a record ends (Record), the text runs out
// (NeedData; the state carries over to the next chunk) or an error.
// Unquoted text and quoted text without quotes are taken as slices.
CsvReader::Step CsvReader::parse()
{
    const QChar *data = m_buf.constData();
    const qsizetype size = m_buf.size();
    const char16_t delimiter = m_delimiter.unicode();
    qsizetype i = m_pos;
    const auto endRecord = [&](qsizetype at) {
        m_pos = at;
        return endField() ? Step::Record : Step::Error;
    };

    while (i < size) {
        char16_t c = data[i].unicode();
        if (m_afterCr) {
            m_afterCr = false;
            if (c == u'\n') { // CRLF: one line break
                ++i;
                if (m_state == State::Quoted && !appendToField(data + i - 1, 1))
                    return Step::Error;
                continue;
            }
        }
        switch (m_state) {
        case State::FieldStart:
            if (c == u'"') {
                startRecord();
                m_fieldLine = m_line;
                m_state = State::Quoted;
                ++i;
                if (!countRecordChars(1))
                    return Step::Error;
                continue;
            }
            [[fallthrough]];
        case State::Unquoted: {
            // A quote here is kept as text: spreadsheets write 12" unquoted.
            qsizetype j = i;
            while (j < size) {
                const char16_t d = data[j].unicode();
                if (d == delimiter || d == u'\n' || d == u'\r' || d == 0)
                    break;
                ++j;
            }
            if (j > i) {
                startRecord();
                m_state = State::Unquoted;
                if (!appendToField(data + i, j - i))
                    return Step::Error;
                i = j;
            }
            if (j == size)
                break;
            c = data[j].unicode();
            i = j + 1;
            if (c == delimiter) {
                startRecord();
                if (!countRecordChars(1) || !endField())
                    return Step::Error;
                m_state = State::FieldStart;
                continue;
            }
            if (c == 0) {
                m_pos = j;
                failInvalidText();
                return Step::Error;
            }
            ++m_line;
            m_afterCr = c == u'\r';
            if (!m_recordStarted) // a blank line
                continue;
            return endRecord(i);
        }
        case State::Quoted: {
            qsizetype j = i;
            while (j < size) {
                const char16_t d = data[j].unicode();
                if (d == u'"' || d == u'\n' || d == u'\r' || d == 0)
                    break;
                ++j;
            }
            if (j > i && !appendToField(data + i, j - i))
                return Step::Error;
            i = j;
            if (j == size)
                break;
            c = data[j].unicode();
            i = j + 1;
            if (c == u'"') {
                m_state = State::QuoteInQuoted;
                if (!countRecordChars(1))
                    return Step::Error;
                continue;
            }
            if (c == 0) {
                m_pos = j;
                failInvalidText();
                return Step::Error;
            }
            // A line break inside quotes is part of the value, and a physical line.
            if (!appendToField(data + j, 1))
                return Step::Error;
            ++m_line;
            m_afterCr = c == u'\r';
            continue;
        }
        case State::QuoteInQuoted:
            if (c == u'"') { // "" inside quotes: one quote
                m_state = State::Quoted;
                ++i;
                if (!appendToField(data + i - 1, 1)) // the second quote; the first was counted already
                    return Step::Error;
                continue;
            }
            if (c == delimiter) {
                m_state = State::FieldStart;
                ++i;
                if (!countRecordChars(1) || !endField())
                    return Step::Error;
                continue;
            }
            if (c == u'\n' || c == u'\r') {
                ++i;
                ++m_line;
                m_afterCr = c == u'\r';
                return endRecord(i);
            }
            if (c == 0) {
                m_pos = i;
                failInvalidText();
                return Step::Error;
            }
            // Text after the closing quote ("ab"c): RFC 4180 has no such
            // thing, and spreadsheets read it as one value, "abc". Doing the
            // same imports what the person sees in their spreadsheet rather
            // than refusing a file that opens fine there.
            m_state = State::Unquoted;
            continue;
        }
    }
    m_pos = i;
    return Step::NeedData;
}

// The end of the text: either an input error that stopped it, or the end of
// the data, where the last record may lack its line break.
bool CsvReader::finishData(QStringList *fields, qint64 *line)
{
    switch (m_inputError) {
    case InputError::None:
        break;
    case InputError::Utf16:
        return fail(QStringLiteral("the file is saved as UTF-16 (\"Unicode text\"), not UTF-8: %1").arg(uploadAgain()), 1);
    case InputError::Binary:
        return fail(QStringLiteral("line %1 contains binary data (a NUL byte), so this is not a CSV text file: "
                                   "%2")
                        .arg(m_line)
                        .arg(uploadAgain()),
                    m_line);
    case InputError::ReadFailed:
        return fail(QStringLiteral("the file could not be read past line %1: upload it again").arg(m_line), m_line);
    }
    if (m_state == State::Quoted) {
        return fail(QStringLiteral("line %1 opens a quotation mark (\") that is never closed: add the closing "
                                   "quotation mark in the file and upload it again")
                        .arg(m_fieldLine),
                    m_fieldLine);
    }
    if (!m_recordStarted) {
        m_finished = true;
        return false;
    }
    if (!endField())
        return false;
    takeRecord(fields, line);
    return true;
}

void CsvReader::startRecord()
{
    if (m_recordStarted)
        return;
    m_recordStarted = true;
    m_recordLine = m_line;
}

bool CsvReader::countRecordChars(qsizetype count)
{
    m_recordChars += count;
    if (m_recordChars <= m_limits.maxRecordChars)
        return true;
    return fail(QStringLiteral("line %1 is longer than %2 characters, which no contact list has: check that "
                               "every quotation mark (\") in the file is closed, or that this is the right file, "
                               "and upload it again")
                    .arg(m_recordLine)
                    .arg(m_limits.maxRecordChars),
                m_recordLine);
}

bool CsvReader::appendToField(const QChar *text, qsizetype count)
{
    // Checked before appending, so a file without line breaks stops at the
    // limit instead of growing a string of its whole size.
    if (m_field.size() + count > m_limits.maxFieldChars) {
        return fail(QStringLiteral("line %1 has a value longer than %2 characters: check that every quotation "
                                   "mark (\") in the file is closed, or that this is the right file, and upload "
                                   "it again")
                        .arg(m_recordLine)
                        .arg(m_limits.maxFieldChars),
                    m_recordLine);
    }
    if (!countRecordChars(count)) // the text of a field is part of its record
        return false;
    m_field.append(text, count);
    return true;
}

bool CsvReader::endField()
{
    if (m_fields.size() >= m_limits.maxColumns) {
        return fail(QStringLiteral("line %1 has more than %2 columns: check that the file is separated by "
                                   "commas or semicolons, or that this is the right file, and upload it again")
                        .arg(m_recordLine)
                        .arg(m_limits.maxColumns),
                    m_recordLine);
    }
    if (m_fields.isEmpty() && m_lastColumns > 0)
        m_fields.reserve(m_lastColumns);
    m_fields.append(std::exchange(m_field, QString()));
    return true;
}

void CsvReader::takeRecord(QStringList *fields, qint64 *line)
{
    m_lastColumns = m_fields.size();
    if (fields)
        *fields = std::exchange(m_fields, QStringList());
    else
        m_fields.clear();
    if (line)
        *line = m_recordLine;
    m_state = State::FieldStart;
    m_recordStarted = false;
    m_recordChars = 0;
}

bool CsvReader::fail(const QString &message, qint64 line)
{
    m_error = message;
    m_errorLine = line;
    m_finished = true;
    m_fields.clear();
    m_field.clear();
    m_buf.clear();
    m_pos = 0;
    return false;
}

bool CsvReader::failInvalidText()
{
    return fail(QStringLiteral("line %1 is not UTF-8 text: %2").arg(m_line).arg(uploadAgain()), m_line);
}

QString csvColumnKey(const QString &header)
{
    const QString folded = header.trimmed().normalized(QString::NormalizationForm_KD).toLower();
    QString out;
    for (QChar ch : folded) {
        if (ch.category() == QChar::Mark_NonSpacing)
            continue;
        if ((ch >= QLatin1Char('a') && ch <= QLatin1Char('z')) || (ch >= QLatin1Char('0') && ch <= QLatin1Char('9')))
            out += ch;
        else if (!out.isEmpty() && !out.endsWith(QLatin1Char('_')))
            out += QLatin1Char('_');
    }
    while (out.endsWith(QLatin1Char('_')))
        out.chop(1);
    return out;
}

namespace {
const QStringList kPhoneWords = {QStringLiteral("phone"), QStringLiteral("telefono"), QStringLiteral("movil"), QStringLiteral("celular"),
                                 QStringLiteral("mobile"), QStringLiteral("whatsapp"), QStringLiteral("numero")};
} // namespace

int audiencePhoneColumn(const QStringList &keys)
{
    for (const QString &word : kPhoneWords)
        if (const qsizetype i = keys.indexOf(word); i >= 0)
            return int(i);
    for (qsizetype i = 0; i < keys.size(); ++i)
        for (const QString &part : keys.at(i).split(QLatin1Char('_'), Qt::SkipEmptyParts))
            if (kPhoneWords.contains(part))
                return int(i);
    return -1;
}

int audienceNameColumn(const QStringList &keys)
{
    for (const char *name : {"name", "nombre", "first_name", "nombre_completo"})
        if (const qsizetype i = keys.indexOf(QLatin1String(name)); i >= 0)
            return int(i);
    return -1;
}

} // namespace puente
