// WhatsApp chat exports read as phones write them: every sample under
// fixtures/chat-exports/ against the messages written out beside it, and
// the zip checks (unsafe paths, bombs, the chat found inside).
#include "importing/chatexport.h"
#include "importing/exportarchive.h"
#include "testsupport.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>


using namespace puente;
using namespace puente::chatexport;
using puente::test::writeZip;

namespace {
QString fixtures()
{
    return QStringLiteral(PUENTE_FIXTURES_DIR "/chat-exports");
}

const char *kindName(Kind k)
{
    switch (k) {
    case Kind::Text:
        return "text";
    case Kind::Media:
        return "media";
    case Kind::Deleted:
        return "deleted";
    case Kind::System:
        return "system";
    }
    return "?";
}

} // namespace

class TestChatExport : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void samples_data();
    void samples();
    void utf16IsConverted();
    void latin1IsRead();
    void binaryIsRefused();
    void textThatLooksLikeAMessageStaysText();
    void iosDocumentsWithoutMedia();
    void oneBadByteKeepsUtf8();
    void endlessMessagesAreCut();
    void fileNameHints();
    void mediaTypes();
    void zipFindsTheChatAndItsMedia();
    void zipWithPathsOutsideIsRefused();
    void zipBombIsRefused();
    void notAZip();
};

void TestChatExport::samples_data()
{
    QTest::addColumn<QString>("name");
    const QStringList files = QDir(fixtures()).entryList({QStringLiteral("*.expected.json")}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 15);
    for (const QString &f : files) {
        const QString name = f.chopped(int(qstrlen(".expected.json")));
        QTest::newRow(qPrintable(name)) << name;
    }
}

void TestChatExport::samples()
{
    QFETCH(QString, name);
    QFile expectedFile(fixtures() + QLatin1Char('/') + name + QStringLiteral(".expected.json"));
    QVERIFY(expectedFile.open(QIODevice::ReadOnly));
    const QJsonObject expected = QJsonDocument::fromJson(expectedFile.readAll()).object();
    QFile file(fixtures() + QLatin1Char('/') + name + QStringLiteral(".txt"));
    QVERIFY(file.open(QIODevice::ReadOnly));

    // Times read in Madrid: the wall time written is kept in the message.
    Reader reader(&file, QTimeZone(QByteArrayLiteral("Europe/Madrid")));
    auto summary = reader.scan();
    if (expected.contains(QStringLiteral("error"))) {
        const QString code = expected.value(QStringLiteral("error")).toString();
        if (code == QLatin1String("group_chat")) {
            QVERIFY2(summary, qPrintable(summary ? QString() : summary.error().message));
            QVERIFY(summary->isGroup());
        } else {
            QVERIFY(!summary);
            QCOMPARE(summary.error().code, code);
        }
        return;
    }
    QVERIFY2(summary, qPrintable(summary ? QString() : summary.error().message));
    QVERIFY(!summary->isGroup());
    if (expected.contains(QStringLiteral("day_first")))
        QCOMPARE(summary->dayFirst, expected.value(QStringLiteral("day_first")).toBool());
    QCOMPARE(summary->ios, expected.value(QStringLiteral("ios")).toBool());
    QStringList authors;
    for (const QJsonValue &a : expected.value(QStringLiteral("authors")).toArray())
        authors << a.toString();
    QCOMPARE(summary->authors, authors);
    if (expected.contains(QStringLiteral("contact_from_file_name")))
        QCOMPARE(hintFromFileName(name + QStringLiteral(".txt")).phone, expected.value(QStringLiteral("contact_from_file_name")).toString());

    const QJsonArray messages = expected.value(QStringLiteral("messages")).toArray();
    Message m;
    int i = 0;
    qint64 previous = 0;
    while (reader.next(&m)) {
        QVERIFY2(i < messages.size(), qPrintable(QStringLiteral("an extra message at line %1: %2").arg(m.line).arg(m.text)));
        const QJsonObject e = messages.at(i).toObject();
        const QString where = QStringLiteral("message %1 (line %2)").arg(i + 1).arg(e.value(QStringLiteral("line")).toInt());
        QCOMPARE(m.line, e.value(QStringLiteral("line")).toInt());
        QCOMPARE(QDateTime(m.date, m.time).toString(Qt::ISODate), e.value(QStringLiteral("time")).toString());
        QVERIFY2(m.author == e.value(QStringLiteral("author")).toString(), qPrintable(where + QStringLiteral(": author ") + m.author));
        QVERIFY2(QLatin1String(kindName(m.kind)) == e.value(QStringLiteral("kind")).toString(),
                 qPrintable(where + QStringLiteral(": kind ") + QLatin1String(kindName(m.kind))));
        QVERIFY2(m.text == e.value(QStringLiteral("text")).toString(), qPrintable(where + QStringLiteral(": text \"") + m.text + QLatin1Char('"')));
        QCOMPARE(m.edited, e.value(QStringLiteral("edited")).toBool());
        if (m.kind == Kind::Media) {
            QVERIFY2(m.mediaType == e.value(QStringLiteral("media_type")).toString(), qPrintable(where + QStringLiteral(": media type ") + m.mediaType));
            QCOMPARE(m.attachment, e.value(QStringLiteral("attachment")).toString());
        }
        // The wall time in Madrid, as an instant.
        QCOMPARE(m.timeMs, QDateTime(m.date, m.time, QTimeZone(QByteArrayLiteral("Europe/Madrid"))).toMSecsSinceEpoch());
        QVERIFY(m.timeMs >= previous); // every sample runs forwards
        previous = m.timeMs;
        ++i;
    }
    QCOMPARE(i, messages.size());
    QCOMPARE(reader.notUnderstood(), qint64(0));
}

void TestChatExport::utf16IsConverted()
{
    QFile file(fixtures() + QStringLiteral("/android-es-24h-ddmmyy.txt"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    QByteArray utf16("\xFF\xFE", 2);
    utf16 += QByteArray(reinterpret_cast<const char *>(text.utf16()), text.size() * 2);
    QBuffer in(&utf16);
    QVERIFY(in.open(QIODevice::ReadOnly));
    // Unconverted, the reader says what to do; converted, it reads the same messages.
    Reader raw(&in);
    auto refused = raw.scan();
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, QStringLiteral("encoding"));
    QVERIFY(in.seek(0));
    QBuffer out;
    QVERIFY(out.open(QIODevice::ReadWrite));
    auto converted = toUtf8File(&in, &out);
    QVERIFY(converted && converted.value());
    QVERIFY(out.seek(0));
    Reader reader(&out);
    auto summary = reader.scan();
    QVERIFY(summary);
    QCOMPARE(summary->authors, (QStringList{QStringLiteral("Talento Norte RRHH"), QStringLiteral("Ana García")}));
}

void TestChatExport::latin1IsRead()
{
    QByteArray latin1 = QStringLiteral("24/12/19 11:23 - Ana García: ¿Mañana a las diez?\n24/12/19 11:24 - Talento Norte: Sí, perfecto\n").toLatin1();
    QBuffer in(&latin1);
    QVERIFY(in.open(QIODevice::ReadOnly));
    Reader reader(&in);
    auto summary = reader.scan();
    QVERIFY(summary);
    QCOMPARE(summary->encoding, QStringLiteral("latin-1"));
    Message m;
    QVERIFY(reader.next(&m));
    QCOMPARE(m.author, QStringLiteral("Ana García"));
    QCOMPARE(m.text, QStringLiteral("¿Mañana a las diez?"));
}

void TestChatExport::binaryIsRefused()
{
    QByteArray binary("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
    QBuffer in(&binary);
    QVERIFY(in.open(QIODevice::ReadOnly));
    Reader reader(&in);
    auto summary = reader.scan();
    QVERIFY(!summary);
    QCOMPARE(summary.error().code, QStringLiteral("binary_file"));
}

namespace {
QList<Message> readAllMessages(const QByteArray &text, Summary *summary = nullptr, Reader **keep = nullptr)
{
    static QBuffer *in = nullptr;
    static Reader *reader = nullptr;
    delete reader;
    delete in;
    in = new QBuffer;
    in->setData(text);
    in->open(QIODevice::ReadOnly);
    reader = new Reader(in);
    auto scanned = reader->scan();
    if (summary && scanned)
        *summary = scanned.value();
    if (keep)
        *keep = reader;
    QList<Message> out;
    Message m;
    while (scanned && reader->next(&m))
        out << m;
    return out;
}
} // namespace

void TestChatExport::textThatLooksLikeAMessageStaysText()
{
    // A recruiter pastes times and places: lines that start like a message
    // but differ from the file's layout, have no author, or have an
    // "author" met once, are the message's text.
    QByteArray chat;
    for (int i = 0; i < 12; ++i)
        chat += "15/01/20, 09:" + QByteArray::number(10 + i) + " - Ana García: hola " + QByteArray::number(i) + "\n"
                + "15/01/20, 09:" + QByteArray::number(10 + i) + " - Talento Norte RRHH: buenas " + QByteArray::number(i) + "\n";
    chat += "16/01/20, 10:00 - Talento Norte RRHH: Te propongo:\n"
            "16/01/20 11:00 - oficina de Gijón\n"          // no comma: another layout
            "16/01/20, 12:00 - oficina de Oviedo\n"        // no author, no notice
            "16/01/20, 13:00 - Lugar: oficina de Avilés\n" // an "author" of one line
            "Dime cuál prefieres\n"
            "16/01/20, 10:05 - Ana García: La de Oviedo\n";
    Summary summary;
    const QList<Message> messages = readAllMessages(chat, &summary);
    QCOMPARE(summary.authors, (QStringList{QStringLiteral("Ana García"), QStringLiteral("Talento Norte RRHH")}));
    QVERIFY(!summary.isGroup());
    QCOMPARE(messages.size(), 26);
    QCOMPARE(messages.at(24).text, QStringLiteral("Te propongo:\n16/01/20 11:00 - oficina de Gijón\n16/01/20, 12:00 - oficina de Oviedo\n"
                                                  "16/01/20, 13:00 - Lugar: oficina de Avilés\nDime cuál prefieres"));
    QCOMPARE(messages.at(25).text, QStringLiteral("La de Oviedo"));
    // A group's notices say it is one, whoever wrote.
    readAllMessages("16/01/20, 10:00 - Ana te añadió\n16/01/20, 10:05 - Ana: hola\n16/01/20, 10:06 - Luis: hola\n", &summary);
    QVERIFY(summary.isGroup());
}

void TestChatExport::iosDocumentsWithoutMedia()
{
    const QList<Message> messages = readAllMessages(
        "[24/12/19, 11:23:45] Ana García: Os mando el CV\n"
        "[24/12/19, 11:23:50] Ana García: \xE2\x80\x8E" "CV Ana Garc\xC3\xAD" "a.pdf \xE2\x80\xA2 \xE2\x80\x8E" "3 p\xC3\xA1ginas \xE2\x80\x8E" "documento omitido\n"
        "[24/12/19, 11:24:00] Ana García: \xE2\x80\x8E" "POLL: \xC2\xBF" "Qu\xC3\xA9 d\xC3\xAD" "a?\n"
        "[24/12/19, 11:25:00] Talento Norte RRHH: \xE2\x80\x8E" "Missed voice call\n");
    QCOMPARE(messages.size(), 4);
    QCOMPARE(int(messages.at(1).kind), int(Kind::Media));
    QCOMPARE(messages.at(1).mediaType, QStringLiteral("document"));
    QCOMPARE(messages.at(1).attachment, QStringLiteral("CV Ana García.pdf"));
    // A marked line that is no notice is somebody's words, kept.
    QCOMPARE(int(messages.at(2).kind), int(Kind::Text));
    QCOMPARE(messages.at(2).author, QStringLiteral("Ana García"));
    QCOMPARE(int(messages.at(3).kind), int(Kind::System));
}

void TestChatExport::oneBadByteKeepsUtf8()
{
    Summary summary;
    const QList<Message> messages = readAllMessages("24/12/19 11:23 - Ana García: ¿Mañana?\n24/12/19 11:24 - Talento: s\xFF\n", &summary);
    QCOMPARE(summary.encoding, QStringLiteral("utf-8"));
    QCOMPARE(messages.at(0).text, QStringLiteral("¿Mañana?"));
    QCOMPARE(messages.at(1).text, QStringLiteral("s") + QChar(QChar::ReplacementCharacter));
}

void TestChatExport::endlessMessagesAreCut()
{
    QByteArray chat = "24/12/19 11:23 - Ana: hola\n";
    for (int i = 0; i < 20000; ++i)
        chat += "aaaaaaaaaa\n";
    chat += "24/12/19 11:24 - Talento: adiós\n";
    Reader *reader = nullptr;
    const QList<Message> messages = readAllMessages(chat, nullptr, &reader);
    QCOMPARE(messages.size(), 2);
    QVERIFY(messages.at(0).text.size() <= 65536);
    QVERIFY(reader->notUnderstood() > 10000);
    QCOMPARE(messages.at(1).text, QStringLiteral("adiós"));
}

void TestChatExport::fileNameHints()
{
    QCOMPARE(hintFromFileName(QStringLiteral("Chat de WhatsApp con +34 612 00 00 01.txt")).phone, QStringLiteral("+34612000001"));
    QCOMPARE(hintFromFileName(QStringLiteral("/tmp/x/WhatsApp Chat - +52 81 5425 4667.zip")).phone, QStringLiteral("+528154254667"));
    QCOMPARE(hintFromFileName(QStringLiteral("Chat de WhatsApp con +34 612 00 00 01 (1).txt")).phone, QStringLiteral("+34612000001"));
    const NameHint named = hintFromFileName(QStringLiteral("WhatsApp Chat with Ana García.txt"));
    QVERIFY(named.phone.isEmpty());
    QCOMPARE(named.name, QStringLiteral("Ana García"));
    QVERIFY(hintFromFileName(QStringLiteral("_chat.txt")).phone.isEmpty());
    QCOMPARE(phoneFromAuthor(QStringLiteral("+34 612 34 56 78")), QStringLiteral("+34612345678"));
    QVERIFY(phoneFromAuthor(QStringLiteral("Ana García")).isEmpty());
}

void TestChatExport::mediaTypes()
{
    QCOMPARE(mediaTypeForFile(QStringLiteral("IMG-20191224-WA0001.jpg")), QStringLiteral("image"));
    QCOMPARE(mediaTypeForFile(QStringLiteral("00000012-PHOTO-2019-12-24-11-23-45.jpg")), QStringLiteral("image"));
    QCOMPARE(mediaTypeForFile(QStringLiteral("PTT-20191224-WA0002.opus")), QStringLiteral("audio"));
    QCOMPARE(mediaTypeForFile(QStringLiteral("VID-20191224-WA0003.mp4")), QStringLiteral("video"));
    QCOMPARE(mediaTypeForFile(QStringLiteral("STK-20191224-WA0004.webp")), QStringLiteral("sticker"));
    QCOMPARE(mediaTypeForFile(QStringLiteral("CV Ana García.pdf")), QStringLiteral("document"));
}

void TestChatExport::zipFindsTheChatAndItsMedia()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("WhatsApp Chat - Ana.zip"));
    QVERIFY(writeZip(path, {{"IMG-20191224-WA0001.jpg", QByteArray(5000, 'j')},
                            {"CV.txt", "a document sent in the chat"},
                            {"_chat.txt", "[24/12/19, 11:23:45] Ana: hola\n"}}));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(ExportArchive::looksLikeZip(&f));
    auto archive = ExportArchive::open(path);
    QVERIFY2(archive, qPrintable(archive ? QString() : archive.error().message));
    QCOMPARE((*archive)->chatName(), QStringLiteral("_chat.txt"));
    QBuffer chat;
    QVERIFY(chat.open(QIODevice::ReadWrite));
    QVERIFY((*archive)->extractChat(&chat));
    QCOMPARE(chat.data(), QByteArray("[24/12/19, 11:23:45] Ana: hola\n"));
    QVERIFY((*archive)->has(QStringLiteral("IMG-20191224-WA0001.jpg")));
    QBuffer image;
    QVERIFY(image.open(QIODevice::ReadWrite));
    auto size = (*archive)->extract(QStringLiteral("IMG-20191224-WA0001.jpg"), &image);
    QVERIFY(size);
    QCOMPARE(size.value(), qint64(5000));
    QCOMPARE(image.data(), QByteArray(5000, 'j'));
}

void TestChatExport::zipWithPathsOutsideIsRefused()
{
    QTemporaryDir dir;
    for (const QByteArray &evil : {QByteArray("../../etc/cron.d/x"), QByteArray("/etc/passwd"), QByteArray("media/../../x.jpg"),
                                   QByteArray("..\\..\\windows.txt")}) {
        const QString path = dir.filePath(QStringLiteral("evil.zip"));
        QVERIFY(writeZip(path, {{"_chat.txt", "[24/12/19, 11:23:45] Ana: hola\n"}, {evil, "x"}}));
        auto archive = ExportArchive::open(path);
        QVERIFY2(!archive, evil.constData());
        QCOMPARE(archive.error().code, QStringLiteral("zip_unsafe_path"));
    }
}

void TestChatExport::zipBombIsRefused()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bomb.zip"));
    // 64 MB of zeros packs to ~64 KB: a ratio of a thousand.
    QVERIFY(writeZip(path, {{"_chat.txt", "[24/12/19, 11:23:45] Ana: hola\n"}, {"IMG-1.jpg", QByteArray(64 << 20, '\0')}}));
    QVERIFY(QFileInfo(path).size() < (1 << 20));
    auto archive = ExportArchive::open(path);
    QVERIFY(!archive);
    QCOMPARE(archive.error().code, QStringLiteral("zip_bomb"));
}

void TestChatExport::notAZip()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("broken.zip"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("PK\x03\x04 then nothing a zip needs");
    f.close();
    auto archive = ExportArchive::open(path);
    QVERIFY(!archive);
    QCOMPARE(archive.error().code, QStringLiteral("zip_unreadable"));
    const QString empty = dir.filePath(QStringLiteral("nochat.zip"));
    QVERIFY(writeZip(empty, {{"IMG-1.jpg", "x"}}));
    auto none = ExportArchive::open(empty);
    QVERIFY(!none);
    QCOMPARE(none.error().code, QStringLiteral("not_a_chat_export"));
}

QTEST_GUILESS_MAIN(TestChatExport)
#include "tst_chatexport.moc"
