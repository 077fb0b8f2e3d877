#include "common/csvreader.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTemporaryFile>
#include <QTest>

#include <cstring>

using namespace puente;

namespace {

// A sequential device (a pipe, an upload in flight) that hands over at most
// `step` bytes per readData(), so every split point of the data falls
// between two reads: inside a UTF-8 character, inside "", between CR and LF.
class TrickleDevice : public QIODevice {
public:
    TrickleDevice(QByteArray data, qint64 step) : m_data(std::move(data)), m_step(step)
    {
        open(QIODevice::ReadOnly);
    }
    bool isSequential() const override { return true; }
    qint64 largestRead() const { return m_largestRead; }

protected:
    qint64 readData(char *out, qint64 maxSize) override
    {
        const qint64 n = qMin(qMin(maxSize, m_step), qint64(m_data.size()) - m_offset);
        std::memcpy(out, m_data.constData() + m_offset, size_t(n));
        m_offset += n;
        m_largestRead = qMax(m_largestRead, n);
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_step;
    qint64 m_offset = 0;
    qint64 m_largestRead = 0;
};

struct Parsed {
    QList<QStringList> records;
    QList<qint64> lines;
    QString error;
    qint64 errorLine = 0;
    QChar delimiter;
};

Parsed parseDevice(QIODevice *device, CsvReader::Limits limits = CsvReader::Limits())
{
    Parsed parsed;
    CsvReader reader(device, limits);
    QStringList fields;
    qint64 line = 0;
    while (reader.next(&fields, &line)) {
        parsed.records.append(fields);
        parsed.lines.append(line);
    }
    parsed.error = reader.error();
    parsed.errorLine = reader.errorLine();
    parsed.delimiter = reader.delimiter();
    // Once finished it stays finished, with the same error.
    if (reader.next(&fields, &line) || reader.error() != parsed.error)
        parsed.error = QStringLiteral("next() after the end changed the result");
    return parsed;
}

Parsed parse(const QByteArray &data, CsvReader::Limits limits = CsvReader::Limits())
{
    QBuffer buffer;
    buffer.setData(data);
    buffer.open(QIODevice::ReadOnly);
    return parseDevice(&buffer, limits);
}

Parsed parseTrickle(const QByteArray &data, qint64 step, CsvReader::Limits limits = CsvReader::Limits())
{
    TrickleDevice device(data, step);
    return parseDevice(&device, limits);
}

QString describe(const Parsed &parsed)
{
    QStringList out;
    for (qsizetype i = 0; i < parsed.records.size(); ++i)
        out << QStringLiteral("%1: [%2]").arg(parsed.lines.at(i)).arg(parsed.records.at(i).join(QStringLiteral("|")));
    if (!parsed.error.isEmpty())
        out << QStringLiteral("error at %1: %2").arg(parsed.errorLine).arg(parsed.error);
    return out.join(QStringLiteral("\n"));
}

// Compares records and their lines, printing everything on a mismatch.
#define COMPARE_RECORDS(parsed, expectedRecords, expectedLines)                                        \
    do {                                                                                               \
        const Parsed &p_ = (parsed);                                                                   \
        QVERIFY2(p_.records == (expectedRecords) && p_.lines == (expectedLines),                       \
                 qPrintable(describe(p_)));                                                            \
    } while (false)

// The same data through a QBuffer and through reads of every size from 1 to 7
// bytes gives the same result.
#define FOR_EACH_DEVICE(data, body)                                                                    \
    do {                                                                                               \
        for (qint64 step_ = 0; step_ <= 7; ++step_) {                                                  \
            const Parsed parsed = step_ == 0 ? parse(data) : parseTrickle(data, step_);                \
            body                                                                                       \
        }                                                                                              \
    } while (false)

QStringList fields(std::initializer_list<QString> values)
{
    return QStringList(values);
}

} // namespace

class TestCsv : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void columnKeys();
    void simpleRecords();
    void byteOrderMark();
    void emptyInput_data();
    void emptyInput();
    void invalidUtf8_data();
    void invalidUtf8();
    void validReplacementCharacter();
    void utf16_data();
    void utf16();
    void nulBytes_data();
    void nulBytes();
    void delimiter_data();
    void delimiter();
    void quoting();
    void quoteInsideUnquotedField();
    void textAfterClosingQuote();
    void lineEndings_data();
    void lineEndings();
    void blankLines();
    void lastRecordWithoutNewline();
    void embeddedNewlinesLineNumbers();
    void unterminatedQuote();
    void fieldTooLong();
    void tooManyColumns();
    void recordTooLong();
    void noLineBreaksStopsEarly();
    void chunkBoundariesSmallReads();
    void chunkBoundariesAtChunkSize();
    void largeFile();
    void randomBytes();
    void randomCsvLikeText();
};

void TestCsv::simpleRecords()
{
    const Parsed parsed = parse("name,phone\nAna,+34 600 111 222\nLuis, 611 \n");
    COMPARE_RECORDS(parsed,
                    (QList<QStringList>{fields({QStringLiteral("name"), QStringLiteral("phone")}),
                                        fields({QStringLiteral("Ana"), QStringLiteral("+34 600 111 222")}),
                                        fields({QStringLiteral("Luis"), QStringLiteral(" 611 ")})}),
                    (QList<qint64>{1, 2, 3}));
    QCOMPARE(parsed.error, QString());
    QCOMPARE(parsed.errorLine, 0);
    QCOMPARE(parsed.delimiter, QLatin1Char(','));
}

void TestCsv::byteOrderMark()
{
    const QList<QStringList> expected{fields({QStringLiteral("nombre"), QStringLiteral("teléfono")}),
                                      fields({QStringLiteral("José"), QStringLiteral("600")})};
    FOR_EACH_DEVICE(QByteArray("\xEF\xBB\xBFnombre;teléfono\nJosé;600\n"), {
        COMPARE_RECORDS(parsed, expected, (QList<qint64>{1, 2}));
        QCOMPARE(parsed.delimiter, QLatin1Char(';'));
    });
    FOR_EACH_DEVICE(QByteArray("nombre;teléfono\nJosé;600\n"),
                    { COMPARE_RECORDS(parsed, expected, (QList<qint64>{1, 2})); });
    // Only the first BOM is a BOM: a U+FEFF later is text.
    const Parsed twice = parse("\xEF\xBB\xBF\xEF\xBB\xBFx\n");
    QCOMPARE(twice.records, QList<QStringList>{fields({QStringLiteral("\uFEFFx")})});
}

void TestCsv::emptyInput_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::newRow("nothing") << QByteArray();
    QTest::newRow("bom only") << QByteArray("\xEF\xBB\xBF");
    QTest::newRow("blank lines") << QByteArray("\n\r\n\r\r\n");
    QTest::newRow("bom and blank lines") << QByteArray("\xEF\xBB\xBF\n\n");
}

void TestCsv::emptyInput()
{
    QFETCH(QByteArray, data);
    FOR_EACH_DEVICE(data, {
        QVERIFY2(parsed.records.isEmpty(), qPrintable(describe(parsed)));
        QCOMPARE(parsed.error, QString());
        QCOMPARE(parsed.errorLine, 0);
        QCOMPARE(parsed.delimiter, QLatin1Char(','));
    });
}

void TestCsv::invalidUtf8_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<int>("records");
    QTest::addColumn<qint64>("line");
    QTest::newRow("latin-1 byte") << QByteArray("a,b\nc,Jos\xE9\n") << 1 << qint64(2);
    QTest::newRow("first byte") << QByteArray("\xFF,b\n") << 0 << qint64(1);
    QTest::newRow("overlong") << QByteArray("a\n\xC0\xAF,b\n") << 1 << qint64(2);
    QTest::newRow("surrogate") << QByteArray("a\n\n\xED\xA0\x80\n") << 1 << qint64(3);
    QTest::newRow("bad continuation") << QByteArray("a\nb\nc\xC3\x28\n") << 2 << qint64(3);
    QTest::newRow("in quotes, after embedded newlines")
        << QByteArray("a,b\r\n\"x\r\ny\n\xC3\x28\"\r\n") << 1 << qint64(4);
    QTest::newRow("after a closing quote") << QByteArray("a\n\"x\"\xFF\n") << 1 << qint64(2);
    QTest::newRow("cut off at the end") << QByteArray("a,b\nc,\xE2\x82") << 1 << qint64(2);
    QTest::newRow("cut off after a line break") << QByteArray("a,b\n\xF0\x9F\x98") << 1 << qint64(2);
}

void TestCsv::invalidUtf8()
{
    QFETCH(QByteArray, data);
    QFETCH(int, records);
    QFETCH(qint64, line);
    FOR_EACH_DEVICE(data, {
        QVERIFY2(parsed.records.size() == records, qPrintable(describe(parsed)));
        QCOMPARE(parsed.errorLine, line);
        QCOMPARE(parsed.error, QStringLiteral("line %1 is not UTF-8 text: save the file as \"CSV UTF-8\" and "
                                              "upload it again")
                                   .arg(line));
    });
}

void TestCsv::validReplacementCharacter()
{
    // U+FFFD written as UTF-8 is text, unlike a byte that is not UTF-8.
    FOR_EACH_DEVICE(QByteArray("a,\xEF\xBF\xBD\n"), {
        QCOMPARE(parsed.error, QString());
        QCOMPARE(parsed.records, QList<QStringList>{fields({QStringLiteral("a"), QStringLiteral("\uFFFD")})});
    });
}

void TestCsv::utf16_data()
{
    QTest::addColumn<QByteArray>("data");
    const QString text = QStringLiteral("nombre,teléfono\nJosé,600\n");
    QByteArray le(reinterpret_cast<const char *>(text.utf16()), text.size() * 2);
    QByteArray be;
    for (qsizetype i = 0; i < le.size(); i += 2)
        be.append(le.at(i + 1)).append(le.at(i));
    QTest::newRow("LE with BOM") << QByteArray("\xFF\xFE") + le;
    QTest::newRow("BE with BOM") << QByteArray("\xFE\xFF") + be;
    QTest::newRow("LE without BOM") << le;
    QTest::newRow("BE without BOM") << be;
}

void TestCsv::utf16()
{
    QFETCH(QByteArray, data);
    FOR_EACH_DEVICE(data, {
        QVERIFY2(parsed.records.isEmpty(), qPrintable(describe(parsed)));
        QCOMPARE(parsed.errorLine, 1);
        QVERIFY2(parsed.error.contains(QStringLiteral("UTF-16")) && parsed.error.contains(QStringLiteral("\"CSV UTF-8\"")),
                 qPrintable(parsed.error));
    });
}

void TestCsv::nulBytes_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<int>("records");
    QTest::addColumn<qint64>("line");
    QTest::newRow("second line") << QByteArray("a,b\nc\0d,e\n", 10) << 1 << qint64(2);
    QTest::newRow("first byte") << QByteArray("\0\0\0\0PK", 6) << 0 << qint64(1);
    QTest::newRow("in quotes") << QByteArray("a\n\"x\ny\0\"\n", 9) << 1 << qint64(3);
    QTest::newRow("right after a line break") << QByteArray("a,b\r\n\0", 6) << 1 << qint64(2);
}

void TestCsv::nulBytes()
{
    QFETCH(QByteArray, data);
    QFETCH(int, records);
    QFETCH(qint64, line);
    FOR_EACH_DEVICE(data, {
        QVERIFY2(parsed.records.size() == records, qPrintable(describe(parsed)));
        QCOMPARE(parsed.errorLine, line);
        QVERIFY2(parsed.error.startsWith(QStringLiteral("line %1 ").arg(line))
                     && parsed.error.contains(QStringLiteral("not a CSV")),
                 qPrintable(parsed.error));
    });
}

void TestCsv::delimiter_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QChar>("delimiter");
    QTest::addColumn<QStringList>("header");
    QTest::newRow("comma") << QByteArray("a,b,c\n1;2,3\n") << QChar(u',')
                           << fields({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
    QTest::newRow("semicolon") << QByteArray("a;b;c\n1,5;2;3\n") << QChar(u';')
                               << fields({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
    QTest::newRow("tab") << QByteArray("a\tb, c\td\n") << QChar(u'\t')
                         << fields({QStringLiteral("a"), QStringLiteral("b, c"), QStringLiteral("d")});
    QTest::newRow("semicolons in quotes") << QByteArray("\"x;y;z\",b\n") << QChar(u',')
                                          << fields({QStringLiteral("x;y;z"), QStringLiteral("b")});
    QTest::newRow("commas in quotes") << QByteArray("\"a, b, c\";d;e\n") << QChar(u';')
                                      << fields({QStringLiteral("a, b, c"), QStringLiteral("d"), QStringLiteral("e")});
    QTest::newRow("escaped quote in quotes")
        << QByteArray("\"x\"\";\"\";y\",a\n") << QChar(u',')
        << fields({QStringLiteral("x\";\";y"), QStringLiteral("a")});
    QTest::newRow("line break in quotes") << QByteArray("\"a\n;;;\",b,c\n") << QChar(u',')
                                          << fields({QStringLiteral("a\n;;;"), QStringLiteral("b"), QStringLiteral("c")});
    QTest::newRow("none") << QByteArray("phone\n600;700\n") << QChar(u',') << fields({QStringLiteral("phone")});
    QTest::newRow("tie") << QByteArray("a,b;c\n") << QChar(u',')
                         << fields({QStringLiteral("a"), QStringLiteral("b;c")});
    QTest::newRow("after blank lines") << QByteArray("\n\r\na;b\n") << QChar(u';')
                                       << fields({QStringLiteral("a"), QStringLiteral("b")});
    QTest::newRow("header without line break") << QByteArray("a;b") << QChar(u';')
                                               << fields({QStringLiteral("a"), QStringLiteral("b")});
}

void TestCsv::delimiter()
{
    QFETCH(QByteArray, data);
    QFETCH(QChar, delimiter);
    QFETCH(QStringList, header);
    FOR_EACH_DEVICE(data, {
        QCOMPARE(parsed.error, QString());
        QCOMPARE(parsed.delimiter, delimiter);
        QVERIFY(!parsed.records.isEmpty());
        QCOMPARE(parsed.records.first(), header);
    });
}

void TestCsv::quoting()
{
    FOR_EACH_DEVICE(QByteArray("name,note,x\n\"Ana, María\",\"say \"\"hi\"\"\",\"\"\n\"\"\"\",\"a\"\"\",\" \"\n"), {
        COMPARE_RECORDS(parsed,
                        (QList<QStringList>{
                            fields({QStringLiteral("name"), QStringLiteral("note"), QStringLiteral("x")}),
                            fields({QStringLiteral("Ana, María"), QStringLiteral("say \"hi\""), QString()}),
                            fields({QStringLiteral("\""), QStringLiteral("a\""), QStringLiteral(" ")})}),
                        (QList<qint64>{1, 2, 3}));
    });
}

void TestCsv::quoteInsideUnquotedField()
{
    // Spreadsheets write 12" or O"Brien unquoted; the quote is kept as text.
    // So is a field that starts with a space and then a quote.
    FOR_EACH_DEVICE(QByteArray("a,b,c\nO\"Brien,12\",x\"\"y\n \"q\",z\"\n"), {
        COMPARE_RECORDS(parsed,
                        (QList<QStringList>{
                            fields({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}),
                            fields({QStringLiteral("O\"Brien"), QStringLiteral("12\""), QStringLiteral("x\"\"y")}),
                            fields({QStringLiteral(" \"q\""), QStringLiteral("z\"")})}),
                        (QList<qint64>{1, 2, 3}));
    });
}

void TestCsv::textAfterClosingQuote()
{
    // "ab"c is read as spreadsheets read it: abc. Quotes after that are text.
    FOR_EACH_DEVICE(QByteArray("a,b\n\"ab\"c,d\n\"x\" ,\"y\"z\"w\n\"p\"\"q\"r,s"), {
        COMPARE_RECORDS(parsed,
                        (QList<QStringList>{fields({QStringLiteral("a"), QStringLiteral("b")}),
                                            fields({QStringLiteral("abc"), QStringLiteral("d")}),
                                            fields({QStringLiteral("x "), QStringLiteral("yz\"w")}),
                                            fields({QStringLiteral("p\"qr"), QStringLiteral("s")})}),
                        (QList<qint64>{1, 2, 3, 4}));
    });
}

void TestCsv::lineEndings_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::newRow("LF") << QByteArray("a,b\n1,2\n\"3\",4\n");
    QTest::newRow("CRLF") << QByteArray("a,b\r\n1,2\r\n\"3\",4\r\n");
    QTest::newRow("CR") << QByteArray("a,b\r1,2\r\"3\",4\r");
    QTest::newRow("mixed") << QByteArray("a,b\r1,2\r\n\"3\",4\n");
    QTest::newRow("no final line break") << QByteArray("a,b\r\n1,2\r\n\"3\",4");
}

void TestCsv::lineEndings()
{
    QFETCH(QByteArray, data);
    FOR_EACH_DEVICE(data, {
        COMPARE_RECORDS(parsed,
                        (QList<QStringList>{fields({QStringLiteral("a"), QStringLiteral("b")}),
                                            fields({QStringLiteral("1"), QStringLiteral("2")}),
                                            fields({QStringLiteral("3"), QStringLiteral("4")})}),
                        (QList<qint64>{1, 2, 3}));
        QCOMPARE(parsed.error, QString());
    });
}

void TestCsv::blankLines()
{
    // Blank lines are skipped but still counted; a line of delimiters or of
    // spaces is a record.
    FOR_EACH_DEVICE(QByteArray("\n\na,b\n\n\r\n\rc,d\r\n\r\n,\n \n\n"), {
        COMPARE_RECORDS(parsed,
                        (QList<QStringList>{fields({QStringLiteral("a"), QStringLiteral("b")}),
                                            fields({QStringLiteral("c"), QStringLiteral("d")}),
                                            fields({QString(), QString()}), fields({QStringLiteral(" ")})}),
                        (QList<qint64>{3, 7, 9, 10}));
    });
}

void TestCsv::lastRecordWithoutNewline()
{
    FOR_EACH_DEVICE(QByteArray("a,b\nc,d"), {
        COMPARE_RECORDS(parsed,
                        (QList<QStringList>{fields({QStringLiteral("a"), QStringLiteral("b")}),
                                            fields({QStringLiteral("c"), QStringLiteral("d")})}),
                        (QList<qint64>{1, 2}));
    });
    FOR_EACH_DEVICE(QByteArray("a,b\n\"x\""), {
        COMPARE_RECORDS(parsed,
                        (QList<QStringList>{fields({QStringLiteral("a"), QStringLiteral("b")}),
                                            fields({QStringLiteral("x")})}),
                        (QList<qint64>{1, 2}));
    });
    FOR_EACH_DEVICE(QByteArray("a,b\nc,"), {
        COMPARE_RECORDS(parsed,
                        (QList<QStringList>{fields({QStringLiteral("a"), QStringLiteral("b")}),
                                            fields({QStringLiteral("c"), QString()})}),
                        (QList<qint64>{1, 2}));
    });
}

void TestCsv::embeddedNewlinesLineNumbers()
{
    const QByteArray data = "id,note\n"                  // 1
                            "1,\"first\nsecond\"\n"      // 2-3
                            "2,x\n"                      // 4
                            "3,\"a\r\nb\rc\n\"\r\n"      // 5-8
                            "\n"                         // 9
                            "4,\"\n\n\"\"\n\"\"\",end\n" // 10-13
                            "5,y";                       // 14
    FOR_EACH_DEVICE(data, {
        COMPARE_RECORDS(parsed,
                        (QList<QStringList>{fields({QStringLiteral("id"), QStringLiteral("note")}),
                                            fields({QStringLiteral("1"), QStringLiteral("first\nsecond")}),
                                            fields({QStringLiteral("2"), QStringLiteral("x")}),
                                            fields({QStringLiteral("3"), QStringLiteral("a\r\nb\rc\n")}),
                                            fields({QStringLiteral("4"), QStringLiteral("\n\n\"\n\""),
                                                    QStringLiteral("end")}),
                                            fields({QStringLiteral("5"), QStringLiteral("y")})}),
                        (QList<qint64>{1, 2, 4, 5, 10, 14}));
    });
}

void TestCsv::unterminatedQuote()
{
    FOR_EACH_DEVICE(QByteArray("a,b\nc,d\ne,\"open\nmore\r\nstuff,\"\"x\n"), {
        QCOMPARE(parsed.records.size(), 2);
        QCOMPARE(parsed.errorLine, 3);
        QVERIFY2(parsed.error.startsWith(QStringLiteral("line 3 ")) && parsed.error.contains(QStringLiteral("never closed")),
                 qPrintable(parsed.error));
    });
    // The line is where the quoted field starts, not where its record does.
    const Parsed second = parse("a,b\nc,\"x\ny\",\"z\nw");
    QCOMPARE(second.errorLine, 3);
}

void TestCsv::fieldTooLong()
{
    CsvReader::Limits limits;
    limits.maxFieldChars = 10;
    const Parsed fits = parse("a,b\n1234567890,\"12345678\"\"\"\n", limits);
    QCOMPARE(fits.error, QString());
    QCOMPARE(fits.records.last(), fields({QStringLiteral("1234567890"), QStringLiteral("12345678\"")}));

    for (const QByteArray &data : {QByteArray("a,b\n12345678901,x\n"), QByteArray("a,b\nx,\"12345\n\n678\"\"\"\n"),
                                   QByteArray("a,b\nx,\"12\"345678901\n")}) {
        for (qint64 step : {qint64(0), qint64(1), qint64(3)}) {
            const Parsed parsed = step == 0 ? parse(data, limits) : parseTrickle(data, step, limits);
            QCOMPARE(parsed.records.size(), 1);
            QCOMPARE(parsed.errorLine, 2);
            QVERIFY2(parsed.error.startsWith(QStringLiteral("line 2 has a value longer than 10 characters")),
                     qPrintable(parsed.error));
        }
    }

    // The default: 4096 characters.
    const QByteArray max(4096, 'x');
    QCOMPARE(parse("a\n" + max + "\n").records.size(), 2);
    const Parsed tooLong = parse("a\n" + max + "x\n");
    QCOMPARE(tooLong.errorLine, 2);
    QVERIFY2(tooLong.error.contains(QStringLiteral("4096")), qPrintable(tooLong.error));
}

void TestCsv::tooManyColumns()
{
    CsvReader::Limits limits;
    limits.maxColumns = 3;
    const QByteArray data = "a,b,c\n1,2,3\n\n1,\"2\n\",3,4\n";
    const Parsed parsed = parse(data, limits);
    QCOMPARE(parsed.records.size(), 2);
    QCOMPARE(parsed.errorLine, 4);
    QVERIFY2(parsed.error.startsWith(QStringLiteral("line 4 has more than 3 columns")), qPrintable(parsed.error));
    // A trailing empty field counts too.
    QCOMPARE(parse("a,b,c,\n", limits).errorLine, 1);

    QByteArray many = "a" + QByteArray(199, ',') + "\n";
    QCOMPARE(parse(many).records.value(0).size(), 200);
    many = "a" + QByteArray(200, ',') + "\n";
    const Parsed defaults = parse(many);
    QCOMPARE(defaults.errorLine, 1);
    QVERIFY2(defaults.error.contains(QStringLiteral("200 columns")), qPrintable(defaults.error));
}

void TestCsv::recordTooLong()
{
    CsvReader::Limits limits;
    limits.maxRecordChars = 20;
    // 20 characters exactly (delimiters and quotes count; the line break does not).
    const Parsed fits = parse("a,b\n12345,12345,\"12\n456\"\n", limits);
    QCOMPARE(fits.error, QString());
    QCOMPARE(fits.records.size(), 2);
    for (qint64 step : {qint64(0), qint64(1), qint64(7)}) {
        const QByteArray data("a,b\r\n\r\n12345,12345,\"12\n4567\"\n");
        const Parsed parsed = step == 0 ? parse(data, limits) : parseTrickle(data, step, limits);
        QCOMPARE(parsed.records.size(), 1);
        QCOMPARE(parsed.errorLine, 3);
        QVERIFY2(parsed.error.startsWith(QStringLiteral("line 3 is longer than 20 characters")),
                 qPrintable(parsed.error));
    }
}

void TestCsv::noLineBreaksStopsEarly()
{
    // 10 MB without a line break: refused after a chunk or two, not after
    // building a 10 MB string.
    for (const char fill : {'x', ','}) {
        QBuffer buffer;
        buffer.setData(QByteArray(10 * 1024 * 1024, fill));
        buffer.open(QIODevice::ReadOnly);
        CsvReader reader(&buffer);
        QStringList record;
        qint64 line = 0;
        QElapsedTimer timer;
        timer.start();
        QVERIFY(!reader.next(&record, &line));
        QCOMPARE(reader.errorLine(), 1);
        QVERIFY2(reader.error().startsWith(QStringLiteral("line 1 ")), qPrintable(reader.error()));
        QVERIFY2(reader.bytesRead() <= 3 * CsvReader::ChunkBytes, qPrintable(QString::number(reader.bytesRead())));
        QVERIFY(timer.elapsed() < 2000);
    }
    // The same inside quotes.
    QBuffer quoted;
    quoted.setData("\"" + QByteArray(10 * 1024 * 1024, 'y'));
    quoted.open(QIODevice::ReadOnly);
    CsvReader reader(&quoted);
    QVERIFY(!reader.next(nullptr, nullptr));
    QVERIFY2(reader.error().startsWith(QStringLiteral("line 1 has a value longer than 4096")), qPrintable(reader.error()));
    QVERIFY(reader.bytesRead() <= 3 * CsvReader::ChunkBytes);
}

namespace {

// Multi-byte characters of 2, 3 and 4 bytes, "", CRLF, a lone CR, embedded
// line breaks, a blank line, a stray quote, text after a closing quote and no
// final line break: every split of this is a case.
const QByteArray tricky = "José;+34 600 111 222;\"dice \"\"hola\"\"; adiós\"\r\n"
                          "\r\n"
                          "Zoë 😀;\"línea 1\r\nlínea 2\rlínea 3\n\";\"\"\"\"\r"
                          "Ñandú;;x\"y\n"
                          "\"ab\"c;€;last";

const QList<QStringList> &trickyRecords()
{
    static const QList<QStringList> records{
        {QStringLiteral("José"), QStringLiteral("+34 600 111 222"), QStringLiteral("dice \"hola\"; adiós")},
        {QStringLiteral("Zoë 😀"), QStringLiteral("línea 1\r\nlínea 2\rlínea 3\n"), QStringLiteral("\"")},
        {QStringLiteral("Ñandú"), QString(), QStringLiteral("x\"y")},
        {QStringLiteral("abc"), QStringLiteral("€"), QStringLiteral("last")},
    };
    return records;
}

const QList<qint64> trickyLines{1, 3, 7, 8};

} // namespace

void TestCsv::chunkBoundariesSmallReads()
{
    const QByteArray data = "\xEF\xBB\xBFnombre;teléfono;nota\r\n" + tricky;
    QList<QStringList> records{fields({QStringLiteral("nombre"), QStringLiteral("teléfono"), QStringLiteral("nota")})};
    records += trickyRecords();
    QList<qint64> lines{1};
    for (qint64 line : trickyLines)
        lines.append(line + 1);
    for (qint64 step = 1; step <= 7; ++step) {
        TrickleDevice device(data, step);
        const Parsed parsed = parseDevice(&device);
        QCOMPARE(device.largestRead(), step);
        QCOMPARE(parsed.error, QString());
        QCOMPARE(parsed.delimiter, QLatin1Char(';'));
        COMPARE_RECORDS(parsed, records, lines);
    }
    const Parsed whole = parse(data);
    COMPARE_RECORDS(whole, records, lines);

    // A bad byte after a split character is still found, on its line.
    const QByteArray bad = "a;b\nñ;\xC3\xA9\xC3\n";
    for (qint64 step = 1; step <= 7; ++step) {
        const Parsed parsed = parseTrickle(bad, step);
        QCOMPARE(parsed.records.size(), 1);
        QCOMPARE(parsed.errorLine, 2);
    }
}

void TestCsv::chunkBoundariesAtChunkSize()
{
    // A QBuffer is read ChunkBytes at a time: pad the start so that the
    // boundary falls on each byte of `tricky` in turn.
    for (qsizetype offset = 0; offset <= tricky.size(); ++offset) {
        QByteArray data = "h1;h2\n";
        qint64 paddingLines = 1;
        const qsizetype paddingSize = CsvReader::ChunkBytes - offset;
        while (data.size() < paddingSize) {
            const qsizetype n = qMin<qsizetype>(paddingSize - data.size(), 1000);
            data += QByteArray(n - 1, 'p') + '\n';
            ++paddingLines;
        }
        QCOMPARE(data.size(), paddingSize);
        data += tricky;
        const Parsed parsed = parse(data);
        QCOMPARE(parsed.error, QString());
        QVERIFY(parsed.records.size() >= trickyRecords().size());
        const qsizetype first = parsed.records.size() - trickyRecords().size();
        QList<qint64> expectedLines;
        for (qint64 line : trickyLines)
            expectedLines.append(line + paddingLines);
        QVERIFY2(parsed.records.mid(first) == trickyRecords() && parsed.lines.mid(first) == expectedLines,
                 qPrintable(QStringLiteral("offset %1:\n").arg(offset) + describe(parsed).right(600)));
    }
}

void TestCsv::largeFile()
{
    // 100,000 contacts (~8 MB); every 1000th has a note on two lines.
    QTemporaryFile file;
    QVERIFY(file.open());
    file.write("id,name,phone,email,address,note\n");
    QByteArray batch;
    for (int i = 1; i <= 100000; ++i) {
        const QByteArray n = QByteArray::number(i);
        batch += n + ",Ana María " + n + ",+34600" + n.rightJustified(6, '0') + ",ana." + n
                 + "@example.com,\"Calle Mayor, " + n + "\","
                 + (i % 1000 == 0 ? QByteArray("\"nota\nsegunda línea\"") : QByteArray("\"vip \"\"oro\"\"\"")) + "\n";
        if (batch.size() > 1024 * 1024) {
            file.write(batch);
            batch.clear();
        }
    }
    file.write(batch);
    QVERIFY(file.size() > 7 * 1000 * 1000);
    file.seek(0);

    CsvReader reader(&file);
    QStringList record;
    qint64 line = 0;
    QElapsedTimer timer;
    timer.start();
    QVERIFY(reader.next(&record, &line));
    QCOMPARE(record.size(), 6);
    // The header comes from the first chunk: nothing more was read.
    QVERIFY(reader.bytesRead() <= CsvReader::ChunkBytes);
    qint64 count = 0;
    while (reader.next(&record, &line)) {
        ++count;
        const qint64 expectedLine = 1 + count + (count - 1) / 1000;
        if (record.size() != 6 || line != expectedLine || record.at(0) != QString::number(count))
            QFAIL(qPrintable(QStringLiteral("record %1 at line %2: %3").arg(count).arg(line).arg(record.join(u'|'))));
        if (count == 1000)
            QCOMPARE(record.at(5), QStringLiteral("nota\nsegunda línea"));
        if (count == 1001) {
            QCOMPARE(record.at(1), QStringLiteral("Ana María 1001"));
            QCOMPARE(record.at(4), QStringLiteral("Calle Mayor, 1001"));
            QCOMPARE(record.at(5), QStringLiteral("vip \"oro\""));
        }
    }
    const qint64 ms = timer.elapsed();
    QCOMPARE(reader.error(), QString());
    QCOMPARE(count, 100000);
    QCOMPARE(line, 100000 + 1 + 99);
    QCOMPARE(reader.bytesRead(), file.size());
    qInfo("100,000 rows, %lld bytes parsed in %lld ms", file.size(), ms);
}

void TestCsv::randomBytes()
{
    QByteArray data(10 * 1024 * 1024, Qt::Uninitialized);
    QRandomGenerator random(20240611);
    random.fillRange(reinterpret_cast<quint32 *>(data.data()), data.size() / 4);
    QBuffer buffer(&data);
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(&buffer);
    QStringList record;
    qint64 line = 0;
    qint64 records = 0;
    while (reader.next(&record, &line))
        ++records;
    QVERIFY(!reader.error().isEmpty());
    QVERIFY(reader.errorLine() >= 1);
    QVERIFY2(reader.error().contains(QStringLiteral("line %1").arg(reader.errorLine())), qPrintable(reader.error()));
    QVERIFY(reader.bytesRead() < data.size());

    // Bytes that are not all rejected at once: valid UTF-8 made of the
    // characters the parser cares about. Whatever it makes of them, it ends.
    static const char *const pieces[] = {"a", "b", ",", ";", "\"", "\"\"", "\r", "\n", "\r\n", " ", "é", "😀"};
    for (quint32 seed : {1u, 2u, 3u}) {
        QRandomGenerator textRandom(seed);
        QByteArray text;
        text.reserve(1024 * 1024 + 8);
        while (text.size() < 1024 * 1024)
            text += pieces[textRandom.bounded(quint32(std::size(pieces)))];
        const Parsed parsed = parse(text);
        if (!parsed.error.isEmpty()) {
            QVERIFY(parsed.errorLine >= 1);
            QVERIFY(parsed.error.contains(QStringLiteral("line %1").arg(parsed.errorLine)));
        }
        for (qsizetype i = 1; i < parsed.lines.size(); ++i)
            QVERIFY(parsed.lines.at(i) > parsed.lines.at(i - 1));
    }
}

void TestCsv::randomCsvLikeText()
{
    // Random well-formed records written with quoting where needed read back
    // exactly, through a QBuffer and through small reads.
    QRandomGenerator random(7);
    static const QString alphabet = QStringLiteral("ab ,;\"\r\néñ😀\t");
    QList<QStringList> written;
    QList<qint64> lines;
    QByteArray data = "h1;h2;h3\r\n";
    written.append(fields({QStringLiteral("h1"), QStringLiteral("h2"), QStringLiteral("h3")}));
    lines.append(1);
    qint64 line = 2;
    for (int r = 0; r < 300; ++r) {
        QStringList record;
        QStringList encoded;
        lines.append(line);
        for (int f = 0; f < 3; ++f) {
            QString value;
            const int length = int(random.bounded(6));
            for (int c = 0; c < length; ++c) {
                const qsizetype at = random.bounded(alphabet.size());
                // The emoji is two UTF-16 units: take both.
                if (alphabet.at(at).isSurrogate())
                    value += alphabet.mid(alphabet.at(at).isHighSurrogate() ? at : at - 1, 2);
                else
                    value += alphabet.at(at);
            }
            record.append(value);
            QString copy = value;
            encoded.append(QLatin1Char('"') + copy.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"'));
            // Count the physical lines the value spans (CRLF is one).
            for (qsizetype i = 0; i < value.size(); ++i) {
                if (value.at(i) == u'\n' || (value.at(i) == u'\r' && (i + 1 == value.size() || value.at(i + 1) != u'\n')))
                    ++line;
            }
        }
        written.append(record);
        data += encoded.join(QLatin1Char(';')).toUtf8() + (r % 2 ? "\n" : "\r\n");
        ++line;
    }
    FOR_EACH_DEVICE(data, {
        QCOMPARE(parsed.error, QString());
        COMPARE_RECORDS(parsed, written, lines);
    });
}

void TestCsv::columnKeys()
{
    QCOMPARE(csvColumnKey(QStringLiteral("Teléfono móvil")), QStringLiteral("telefono_movil"));
    QCOMPARE(csvColumnKey(QStringLiteral("  E-mail ")), QStringLiteral("e_mail"));
    QCOMPARE(csvColumnKey(QStringLiteral("Nº de candidato")), QStringLiteral("no_de_candidato"));
    QCOMPARE(csvColumnKey(QStringLiteral("AÑO")), QStringLiteral("ano"));
    QCOMPARE(csvColumnKey(QStringLiteral("first_name")), QStringLiteral("first_name"));
    QCOMPARE(csvColumnKey(QStringLiteral("__x__y__")), QStringLiteral("x_y"));
    QCOMPARE(csvColumnKey(QStringLiteral("¿?")), QString());
    // Which column holds the numbers, and the name.
    auto keys = [](std::initializer_list<const char *> headers) {
        QStringList out;
        for (const char *h : headers)
            out.append(csvColumnKey(QString::fromUtf8(h)));
        return out;
    };
    QCOMPARE(audiencePhoneColumn(keys({"Nombre", "Teléfono"})), 1);
    QCOMPARE(audiencePhoneColumn(keys({"Nombre", "Teléfono móvil", "Ciudad"})), 1);
    QCOMPARE(audiencePhoneColumn(keys({"Número de teléfono", "Nombre"})), 0);
    QCOMPARE(audiencePhoneColumn(keys({"telefono_fijo", "Móvil"})), 1); // an exact name first
    QCOMPARE(audiencePhoneColumn(keys({"Nombre", "Ciudad"})), -1);
    QCOMPARE(audienceNameColumn(keys({"Teléfono", "Nombre completo"})), 1);
    QCOMPARE(audienceNameColumn(keys({"Teléfono", "Apellidos"})), -1);
}

QTEST_GUILESS_MAIN(TestCsv)
#include "tst_csv.moc"
