#pragma once

#include <QByteArray>
#include <QChar>
#include <QString>
#include <QStringDecoder>
#include <QStringList>

class QIODevice;

namespace puente {

// Reads a CSV file (a campaign's list of contacts, from a spreadsheet export)
// one record at a time, so a 100,000-row upload is never held whole in
// memory: the device is read in chunks of ChunkBytes and only the record
// being parsed is kept.
//
//   CsvReader reader(&file);
//   QStringList fields;
//   qint64 line = 0;
//   while (reader.next(&fields, &line))
//       import(fields, line);
//   if (!reader.error().isEmpty())
//       return fail(reader.error());   // a sentence for the person uploading
//
// The text must be UTF-8 (a BOM is allowed and dropped). Quoting follows
// RFC 4180 ("" for a quote, delimiters and line breaks inside quotes) and is
// as tolerant as spreadsheets are about stray quotes. Lines end in LF, CRLF
// or a lone CR; lines with no characters at all are skipped. Anything that
// cannot be a contact list (another encoding, binary data, a row or value far
// longer than any real one) stops the reading with an error that names the
// line, instead of being imported as garbage.
class CsvReader {
public:
    // Bounds on what a real list holds: they stop a wrong file early, before
    // megabytes of it are turned into one string.
    struct Limits {
        qsizetype maxFieldChars = 4096;       // a longer field is an error
        int maxColumns = 200;                 // a record with more fields is an error
        qsizetype maxRecordChars = 64 * 1024; // quotes, delimiters and line breaks inside quotes included
    };

    // How much is read from the device at a time.
    static constexpr qsizetype ChunkBytes = 64 * 1024;

    // `device` is already open and outlives the reader; it may be sequential
    // (a QFile, a QBuffer, a pipe). A read() that returns 0 is taken as the end
    // of the data, so a socket should be drained to a file first.
    explicit CsvReader(QIODevice *device);
    CsvReader(QIODevice *device, Limits limits);

    CsvReader(const CsvReader &) = delete;
    CsvReader &operator=(const CsvReader &) = delete;

    // The next record: its fields (unquoted, "" unescaped, not trimmed) and
    // the 1-based physical line where it starts. False at the end of the data
    // or on an error (then error() is set); false again on every later call.
    bool next(QStringList *fields, qint64 *line);

    // Empty when there was no error. Otherwise one English sentence that tells
    // a non-technical user what is wrong and what to do, starting with the
    // line ("line 12 is not UTF-8 text: ...").
    QString error() const { return m_error; }
    // The 1-based line error() is about; 0 when there is no error.
    qint64 errorLine() const { return m_errorLine; }

    // ',', ';' or '\t', whichever appears most often outside quotes in the
    // first record (the header); ',' when none does, ties in that order.
    // Decided by the first call to next(); ',' before it.
    QChar delimiter() const { return m_delimiter; }

    // Bytes taken from the device so far (for a progress bar).
    qint64 bytesRead() const { return m_bytesRead; }

private:
    enum class State : quint8 {
        FieldStart,    // nothing of the current field seen yet
        Unquoted,      // inside a field that did not start with a quote
        Quoted,        // inside quotes
        QuoteInQuoted, // after a quote inside quotes: "" or the closing quote
    };
    enum class InputError : quint8 { None, Utf16, Binary, ReadFailed };
    enum class Step : quint8 { Record, NeedData, Error };

    void detectDelimiter();
    void fill();
    void decode(QByteArrayView bytes);
    void appendText(const QString &text);
    void endInput();
    void failInput(InputError error);

    Step parse();
    bool finishData(QStringList *fields, qint64 *line);
    void startRecord();
    bool countRecordChars(qsizetype count);
    bool appendToField(const QChar *text, qsizetype count);
    bool endField();
    void takeRecord(QStringList *fields, qint64 *line);
    bool fail(const QString &message, qint64 line);
    bool failInvalidText();

    QIODevice *m_device;
    Limits m_limits;
    QStringDecoder m_decoder;
    QByteArray m_raw;  // the chunk being read
    QByteArray m_head; // the first bytes, until there are two to recognise UTF-16 by
    bool m_sniffed = false;
    bool m_bomChecked = false;
    bool m_inputDone = false; // no more text will be appended to m_buf
    InputError m_inputError = InputError::None;
    qint64 m_bytesRead = 0;

    QString m_buf;       // decoded text not parsed yet starts at m_pos
    qsizetype m_pos = 0;
    QChar m_delimiter = QLatin1Char(',');
    bool m_delimiterKnown = false;

    State m_state = State::FieldStart;
    bool m_afterCr = false;       // the last character was a CR: an LF now is the same line break
    bool m_recordStarted = false; // the current record has a character (a blank line has none)
    qint64 m_line = 1;            // the physical line being read
    qint64 m_recordLine = 1;
    qint64 m_fieldLine = 1;       // where the open quote of the current field is
    qsizetype m_recordChars = 0;
    QString m_field;
    QStringList m_fields;
    qsizetype m_lastColumns = 0;

    bool m_finished = false;
    QString m_error;
    qint64 m_errorLine = 0;
};

// A column's name as Puente keys it (campaign audiences): lower case, accents
// dropped, every run of other characters one "_", none at the ends:
// "Teléfono móvil" → "telefono_movil", "  E-mail " → "e_mail".
QString csvColumnKey(const QString &header);

// A campaign audience's columns (keys as csvColumnKey gives them, "" for a
// column not read): the one with the numbers is the first named phone,
// telefono, movil, celular, mobile, whatsapp or numero, else the first whose
// name holds one of those words (telefono_movil, numero_de_telefono,
// phone_number); the contact's name is name, nombre, first_name or
// nombre_completo. -1: none.
int audiencePhoneColumn(const QStringList &keys);
int audienceNameColumn(const QStringList &keys);

} // namespace puente
