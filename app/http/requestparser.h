#pragma once

#include "message.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <functional>

namespace puente::http {

// What the parser accepts before it refuses (each refusal has its status).
struct ParserLimits {
    qsizetype maxRequestLine = 8 * 1024; // 414 beyond
    qsizetype maxHead = 32 * 1024;       // request line + fields; 431 beyond
    int maxFields = 100;                 // 431 beyond
};

// The parsed request line and header fields.
struct RequestHead {
    Method method = Method::Unknown;
    QByteArray methodToken;
    QByteArray target; // as sent
    QString path;      // percent-decoded
    QByteArray query;  // raw, without '?'
    int minorVersion = 1;
    QList<std::pair<QByteArray, QByteArray>> fields; // names lower-case, values without surrounding blanks
    qint64 contentLength = 0;
    bool chunked = false;
    bool keepAlive = true;
    bool expectContinue = false;
    bool upgradeWebSocket = false;

    QByteArray field(QByteArrayView lowerName) const;
};

// A Host (or X-Forwarded-Host) value: a host name or IP literal and an
// optional port, nothing else (no path, user info or blanks).
bool isValidHost(QByteArrayView host);

// Why a request was refused: the status to answer with (the connection is
// then closed: after a malformed request nobody knows where the next begins).
struct ParseError {
    int status = 400;
    QString code;
    QString message;
};

// An incremental HTTP/1.1 request parser (RFC 9112) with no I/O: bytes in,
// a head, then the body's bytes out. Strict where laxness lets a request
// mean two things to two parsers (request smuggling): Content-Length with
// Transfer-Encoding, repeated Content-Length, Host, Authorization or other
// single-valued fields, bare CR or LF, folded lines, blanks before the colon,
// control characters are refused. A body never grows past the limit the
// owner sets once it has seen the head; a chunked one is counted as it comes.
class RequestParser {
public:
    enum class State {
        Head,     // reading the request line and fields
        HeadDone, // head() is ready; call beginBody()
        Body,     // reading the body
        Done,     // the whole request is read
        Failed,   // error() says why
    };

    explicit RequestParser(ParserLimits limits = {}) : m_limits(limits) {}

    State state() const { return m_state; }
    const RequestHead &head() const { return m_head; }
    const ParseError &error() const { return m_error; }
    // Whether any byte of the current request has been seen (for timeouts).
    bool started() const { return m_started; }

    // Reads the head from data; returns how many bytes it consumed (never
    // more than the head). State becomes HeadDone or Failed, or stays Head.
    qsizetype feedHead(QByteArrayView data);
    // After HeadDone: accept a body of at most maxBody bytes. Fails (413)
    // at once when Content-Length says more. State becomes Body or Done.
    bool beginBody(qint64 maxBody);
    // Reads body bytes from data, hands the decoded body to sink (which may
    // refuse: the parser then fails with 500) and returns how many bytes it
    // consumed (never past the end of the request).
    qsizetype feedBody(QByteArrayView data, const std::function<bool(QByteArrayView)> &sink);
    // The body bytes decoded so far.
    qint64 bodyReceived() const { return m_bodyReceived; }
    // Ready for the next request on the connection.
    void reset();

private:
    enum class Chunk { Size, Data, DataEnd, Trailer };
    bool fail(int status, const char *code, const QString &message);
    bool parseHead(QByteArrayView head);
    bool parseRequestLine(QByteArrayView line);
    bool parseField(QByteArrayView line);
    bool checkFields();
    qsizetype feedChunked(QByteArrayView data, const std::function<bool(QByteArrayView)> &sink);

    ParserLimits m_limits;
    State m_state = State::Head;
    RequestHead m_head;
    ParseError m_error;
    QByteArray m_pending; // a head (or chunk line) split across reads
    bool m_started = false;
    qint64 m_maxBody = 0;
    qint64 m_bodyReceived = 0;
    qint64 m_remaining = 0; // of the body (Content-Length) or the current chunk
    Chunk m_chunk = Chunk::Size;
    qsizetype m_trailerBytes = 0;
};

} // namespace puente::http
