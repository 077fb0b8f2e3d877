// The HTTP/1.1 request parser on its own: what it accepts, what it refuses
// (with which status), and that a request split anywhere reads the same.

#include "http/requestparser.h"

#include <QTest>

using namespace puente::http;

class TestHttpParser : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void refusals_data();
    void refusals();
    void acceptsAndReadsFields();
    void splitAnywhereReadsTheSame();
    void chunkedBodies();
    void chunkedBodyOverTheLimitFailsAsItGrows();
    void contentLengthOverTheLimitFailsBeforeTheBody();
    void nonHttpFailsAtTheFirstByte();
    void slowHeadCannotGrowPastTheLimit();
    void connectionSemantics();
};

namespace {
struct Parsed {
    RequestParser parser;
    QByteArray body;
    qsizetype consumed = 0;
};

// Feeds `bytes` in pieces of `step` bytes (0: all at once), as a
// connection does, until the request is read or refused.
std::unique_ptr<Parsed> parse(const QByteArray &bytes, qint64 maxBody = 1 << 20, qsizetype step = 0)
{
    auto p = std::make_unique<Parsed>();
    RequestParser &parser = p->parser;
    const auto sink = [&p](QByteArrayView d) {
        p->body.append(d);
        return true;
    };
    const auto finished = [&parser] {
        return parser.state() == RequestParser::State::Done || parser.state() == RequestParser::State::Failed;
    };
    for (qsizetype pos = 0; pos < bytes.size() && !finished(); pos += step > 0 ? step : bytes.size()) {
        QByteArrayView rest = QByteArrayView(bytes).sliced(pos, step > 0 ? std::min(step, bytes.size() - pos) : bytes.size() - pos);
        while (!finished()) {
            if (parser.state() == RequestParser::State::HeadDone) {
                parser.beginBody(maxBody);
                continue;
            }
            if (rest.isEmpty())
                break;
            const qsizetype used = parser.state() == RequestParser::State::Head ? parser.feedHead(rest) : parser.feedBody(rest, sink);
            p->consumed += used;
            rest = rest.sliced(used);
        }
    }
    return p;
}
} // namespace

void TestHttpParser::refusals_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");

    const QByteArray host = "Host: puente.example\r\n";
    // Request smuggling: a proxy and this server must never disagree on
    // where a request ends or who sent it.
    QTest::addRow("Content-Length with Transfer-Encoding")
        << QByteArray("POST /x HTTP/1.1\r\n" + host + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n") << 400 << "bad_request";
    QTest::addRow("two Content-Length values")
        << QByteArray("POST /x HTTP/1.1\r\n" + host + "Content-Length: 5\r\nContent-Length: 7\r\n\r\n") << 400 << "duplicate_header";
    QTest::addRow("the same Content-Length twice")
        << QByteArray("POST /x HTTP/1.1\r\n" + host + "Content-Length: 5\r\nContent-Length: 5\r\n\r\n") << 400 << "duplicate_header";
    QTest::addRow("Content-Length list") << QByteArray("POST /x HTTP/1.1\r\n" + host + "Content-Length: 5, 5\r\n\r\n") << 400 << "bad_request";
    QTest::addRow("negative Content-Length") << QByteArray("POST /x HTTP/1.1\r\n" + host + "Content-Length: -1\r\n\r\n") << 400 << "bad_request";
    QTest::addRow("two Authorization headers")
        << QByteArray("GET /x HTTP/1.1\r\n" + host + "Authorization: Bearer a\r\nAuthorization: Bearer b\r\n\r\n") << 400 << "duplicate_header";
    QTest::addRow("two X-Puente-Tenant headers")
        << QByteArray("GET /x HTTP/1.1\r\n" + host + "X-Puente-Tenant: acme\r\nx-puente-tenant: bravo\r\n\r\n") << 400 << "duplicate_header";
    QTest::addRow("two Host headers") << QByteArray("GET /x HTTP/1.1\r\n" + host + host + "\r\n") << 400 << "duplicate_header";
    QTest::addRow("two signatures")
        << QByteArray("POST /x HTTP/1.1\r\n" + host + "X-Hub-Signature-256: sha256=aa\r\nX-Hub-Signature-256: sha256=bb\r\n\r\n") << 400
        << "duplicate_header";
    QTest::addRow("gzip, chunked") << QByteArray("POST /x HTTP/1.1\r\n" + host + "Transfer-Encoding: gzip, chunked\r\n\r\n") << 501 << "not_implemented";
    QTest::addRow("chunked, gzip") << QByteArray("POST /x HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked, gzip\r\n\r\n") << 400 << "bad_request";
    QTest::addRow("Transfer-Encoding in HTTP/1.0") << QByteArray("POST /x HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n") << 400 << "bad_request";
    QTest::addRow("blank before the colon") << QByteArray("GET /x HTTP/1.1\r\n" + host + "Authorization : Bearer a\r\n\r\n") << 400 << "bad_request";
    QTest::addRow("folded line") << QByteArray("GET /x HTTP/1.1\r\n" + host + "X-A: 1\r\n  continued\r\n\r\n") << 400 << "bad_request";
    QTest::addRow("bare LF in a field") << QByteArray("GET /x HTTP/1.1\r\n" + host + "X-A: 1\nX-B: 2\r\n\r\n") << 400 << "bad_request";
    QTest::addRow("bare CR in a field") << QByteArray("GET /x HTTP/1.1\r\n" + host + "X-A: 1\rX-B: 2\r\n\r\n") << 400 << "bad_request";
    QTest::addRow("NUL in a field") << QByteArray("GET /x HTTP/1.1\r\n" + host + QByteArray("X-A: a\0b\r\n\r\n", 12)) << 400 << "bad_request";
    QTest::addRow("no Host in HTTP/1.1") << QByteArray("GET /x HTTP/1.1\r\n\r\n") << 400 << "bad_request";
    QTest::addRow("Host with a path") << QByteArray("GET /x HTTP/1.1\r\nHost: evil.example/phish?x=\r\n\r\n") << 400 << "bad_request";
    QTest::addRow("Host with user info") << QByteArray("GET /x HTTP/1.1\r\nHost: a@evil.example\r\n\r\n") << 400 << "bad_request";
    QTest::addRow("empty Host") << QByteArray("GET /x HTTP/1.1\r\nHost:\r\n\r\n") << 400 << "bad_request";
    QTest::addRow("HTTP/2.0") << QByteArray("GET /x HTTP/2.0\r\n" + host + "\r\n") << 505 << "http_version_not_supported";
    QTest::addRow("HTTP/1.1 misspelt") << QByteArray("GET /x HTTPS/1.1\r\n" + host + "\r\n") << 400 << "bad_request";
    QTest::addRow("two blanks") << QByteArray("GET  /x HTTP/1.1\r\n" + host + "\r\n") << 400 << "bad_request";
    QTest::addRow("blank in the target") << QByteArray("GET /x y HTTP/1.1\r\n" + host + "\r\n") << 400 << "bad_request";
    QTest::addRow("not a path") << QByteArray("GET x HTTP/1.1\r\n" + host + "\r\n") << 400 << "bad_request";
    QTest::addRow("encoded NUL in the path") << QByteArray("GET /api/%00x HTTP/1.1\r\n" + host + "\r\n") << 400 << "bad_request";
    QTest::addRow("encoded CRLF in the path") << QByteArray("GET /a%0d%0aX-Evil:1 HTTP/1.1\r\n" + host + "\r\n") << 400 << "bad_request";
    QTest::addRow("Expect something else") << QByteArray("POST /x HTTP/1.1\r\n" + host + "Expect: 200-ok\r\n\r\n") << 417 << "expectation_failed";
    QTest::addRow("request line too long") << QByteArray("GET /" + QByteArray(9000, 'a') + " HTTP/1.1\r\n" + host + "\r\n") << 414 << "uri_too_long";
    QTest::addRow("one field too long") << QByteArray("GET / HTTP/1.1\r\n" + host + "X-A: " + QByteArray(40000, 'a') + "\r\n\r\n") << 431
                                        << "headers_too_large";
    QByteArray many = "GET / HTTP/1.1\r\n" + host;
    for (int i = 0; i < 101; ++i)
        many += "X-" + QByteArray::number(i) + ": 1\r\n";
    QTest::addRow("101 fields") << QByteArray(many + "\r\n") << 431 << "headers_too_large";
    QTest::addRow("bad chunk size") << QByteArray("POST /x HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\nzz\r\n") << 400 << "bad_request";
    QTest::addRow("chunk without CRLF")
        << QByteArray("POST /x HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n0\r\n\r\n") << 400 << "bad_request";
    QTest::addRow("chunk size overflow")
        << QByteArray("POST /x HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n") << 400 << "bad_request";
}

void TestHttpParser::refusals()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    QFETCH(QString, code);
    for (const qsizetype step : {qsizetype(0), qsizetype(1), qsizetype(7)}) {
        const auto p = parse(request, 1 << 20, step);
        QVERIFY2(p->parser.state() == RequestParser::State::Failed, qPrintable(QStringLiteral("accepted with step %1").arg(step)));
        QCOMPARE(p->parser.error().status, status);
        QCOMPARE(p->parser.error().code, code);
        QVERIFY(!p->parser.error().message.isEmpty());
    }
}

void TestHttpParser::acceptsAndReadsFields()
{
    const QByteArray request = "\r\nPOST /api/whatsapp/conversations/7/messages?x=1&y=%C3%B1 HTTP/1.1\r\n"
                               "Host: 127.0.0.1:8080\r\n"
                               "Content-Type:  application/json \r\n"
                               "Accept: a\r\nAccept: b\r\n"
                               "Content-Length: 11\r\n\r\n"
                               "{\"a\":\"b\"}\r\nGET /next HTTP/1.1\r\n";
    const auto p = parse(request);
    QCOMPARE(p->parser.state(), RequestParser::State::Done);
    const RequestHead &h = p->parser.head();
    QCOMPARE(h.method, Method::Post);
    QCOMPARE(h.path, QStringLiteral("/api/whatsapp/conversations/7/messages"));
    QCOMPARE(h.query, QByteArrayLiteral("x=1&y=%C3%B1"));
    QCOMPARE(h.field("content-type"), QByteArrayLiteral("application/json"));
    QCOMPARE(h.contentLength, 11);
    QCOMPARE(p->body, QByteArrayLiteral("{\"a\":\"b\"}\r\n"));
    // It stops at the end of its request: the pipelined one stays unread.
    QCOMPARE(p->consumed, request.indexOf("GET /next"));
    QVERIFY(h.keepAlive);

    // The path is percent-decoded as UTF-8; absolute-form keeps only the path.
    QCOMPARE(parse("GET /api/users/%C3%B1 HTTP/1.1\r\nHost: x\r\n\r\n")->parser.head().path, QStringLiteral("/api/users/ñ"));
    QCOMPARE(parse("GET http://x/healthz?a HTTP/1.1\r\nHost: x\r\n\r\n")->parser.head().path, QStringLiteral("/healthz"));
    // Unknown methods are parsed (routes answer 405); HTTP/1.0 needs no Host.
    QCOMPARE(parse("BREW /pot HTTP/1.1\r\nHost: x\r\n\r\n")->parser.head().method, Method::Unknown);
    QCOMPARE(parse("GET / HTTP/1.0\r\n\r\n")->parser.state(), RequestParser::State::Done);
}

void TestHttpParser::splitAnywhereReadsTheSame()
{
    const QByteArray request = "POST /api/whatsapp/webhook HTTP/1.1\r\nHost: h\r\nX-Hub-Signature-256: sha256=ab\r\n"
                               "Transfer-Encoding: chunked\r\n\r\n"
                               "5;ext=1\r\nhello\r\n1\r\n \r\n5\r\nworld\r\n0\r\nTrailer: x\r\n\r\n";
    for (qsizetype step = 1; step <= request.size(); ++step) {
        const auto p = parse(request, 1 << 20, step);
        QVERIFY2(p->parser.state() == RequestParser::State::Done, qPrintable(QString::number(step)));
        QCOMPARE(p->body, QByteArrayLiteral("hello world"));
        QCOMPARE(p->consumed, request.size());
        QCOMPARE(p->parser.head().field("x-hub-signature-256"), QByteArrayLiteral("sha256=ab"));
    }
}

void TestHttpParser::chunkedBodies()
{
    const auto p = parse("POST /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: Chunked\r\n\r\nA\r\n0123456789\r\n0\r\n\r\n");
    QCOMPARE(p->parser.state(), RequestParser::State::Done);
    QCOMPARE(p->body, QByteArrayLiteral("0123456789"));
    QCOMPARE(p->parser.bodyReceived(), 10);
}

void TestHttpParser::chunkedBodyOverTheLimitFailsAsItGrows()
{
    // A chunked body has no size up front: it fails when a chunk would take
    // it past the limit, before that chunk's data is read.
    QByteArray request = "POST /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 5; ++i)
        request += "400\r\n" + QByteArray(1024, 'x') + "\r\n";
    const auto p = parse(request, 3000);
    QCOMPARE(p->parser.state(), RequestParser::State::Failed);
    QCOMPARE(p->parser.error().status, 413);
    QCOMPARE(p->parser.error().code, QStringLiteral("too_large"));
    QVERIFY(p->body.size() <= 3000);
    // A single chunk claiming more than the limit fails at its size line.
    const auto q = parse("POST /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n10000000\r\nabc", 3000);
    QCOMPARE(q->parser.error().status, 413);
    QVERIFY(q->body.isEmpty());
}

void TestHttpParser::contentLengthOverTheLimitFailsBeforeTheBody()
{
    RequestParser parser;
    const QByteArray head = "POST /api/whatsapp/webhook HTTP/1.1\r\nHost: h\r\nContent-Length: 268435456\r\n\r\n";
    QCOMPARE(parser.feedHead(head), head.size());
    QCOMPARE(parser.state(), RequestParser::State::HeadDone);
    QVERIFY(!parser.beginBody(3 * 1024 * 1024));
    QCOMPARE(parser.error().status, 413);
}

void TestHttpParser::nonHttpFailsAtTheFirstByte()
{
    // A TLS ClientHello sent to the plain-HTTP port.
    RequestParser parser;
    parser.feedHead(QByteArrayView("\x16\x03\x01\x02\x00", 5));
    QCOMPARE(parser.state(), RequestParser::State::Failed);
    QCOMPARE(parser.error().status, 400);
}

void TestHttpParser::slowHeadCannotGrowPastTheLimit()
{
    // A byte at a time, never ending: the parser holds at most its limit.
    RequestParser parser;
    parser.feedHead("GET /");
    qsizetype fed = 5;
    while (parser.state() == RequestParser::State::Head && fed < 100'000) {
        parser.feedHead("a");
        ++fed;
    }
    QCOMPARE(parser.state(), RequestParser::State::Failed);
    QCOMPARE(parser.error().status, 414);
    QVERIFY(fed <= ParserLimits{}.maxHead + 4);
}

void TestHttpParser::connectionSemantics()
{
    QVERIFY(!parse("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")->parser.head().keepAlive);
    QVERIFY(!parse("GET / HTTP/1.0\r\n\r\n")->parser.head().keepAlive);
    QVERIFY(parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n")->parser.head().keepAlive);
    const auto ws = parse("GET /api/ws HTTP/1.1\r\nHost: h\r\nConnection: keep-alive, Upgrade\r\nUpgrade: websocket\r\n"
                          "Sec-WebSocket-Key: x\r\n\r\n");
    QVERIFY(ws->parser.head().upgradeWebSocket);
    QVERIFY(!parse("POST /api/ws HTTP/1.1\r\nHost: h\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n")->parser.head().upgradeWebSocket);
    const auto expect = parse("POST /x HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\n");
    QVERIFY(expect->parser.head().expectContinue);
}

QTEST_GUILESS_MAIN(TestHttpParser)
#include "tst_httpparser.moc"
