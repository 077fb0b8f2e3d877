#include "requestparser.h"

#include <QUrl>

#include <array>

namespace puente::http {

namespace {

// RFC 9110 token characters.
constexpr std::array<bool, 256> makeTchar()
{
    std::array<bool, 256> t{};
    for (int c = '0'; c <= '9'; ++c)
        t[c] = true;
    for (int c = 'a'; c <= 'z'; ++c)
        t[c] = true;
    for (int c = 'A'; c <= 'Z'; ++c)
        t[c] = true;
    for (char c : {'!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~'})
        t[uchar(c)] = true;
    return t;
}
constexpr std::array<bool, 256> kTchar = makeTchar();

bool isToken(QByteArrayView v)
{
    if (v.isEmpty())
        return false;
    for (char c : v)
        if (!kTchar[uchar(c)])
            return false;
    return true;
}

QByteArrayView trimBlanks(QByteArrayView v)
{
    while (!v.isEmpty() && (v.front() == ' ' || v.front() == '\t'))
        v = v.sliced(1);
    while (!v.isEmpty() && (v.back() == ' ' || v.back() == '\t'))
        v.chop(1);
    return v;
}

// Does the comma-separated list hold this token (case-insensitive)?
bool listHas(QByteArrayView list, QByteArrayView token)
{
    while (!list.isEmpty()) {
        const qsizetype comma = list.indexOf(',');
        const QByteArrayView item = trimBlanks(comma < 0 ? list : list.first(comma));
        if (item.compare(token, Qt::CaseInsensitive) == 0)
            return true;
        if (comma < 0)
            break;
        list = list.sliced(comma + 1);
    }
    return false;
}

// Fields that mean one thing: a repeat is either a mistake or an attempt to
// make this server and a proxy read different values.
bool isSingleton(QByteArrayView lowerName)
{
    static const QByteArrayView names[] = {"host", "content-length", "transfer-encoding", "authorization", "x-puente-tenant",
                                           "content-type", "x-hub-signature-256", "x-real-ip", "x-forwarded-host",
                                           "x-forwarded-proto", "expect", "upgrade", "sec-websocket-key"};
    for (QByteArrayView n : names)
        if (n == lowerName)
            return true;
    return false;
}

} // namespace

bool isValidHost(QByteArrayView host)
{
    if (host.isEmpty() || host.size() > 255)
        return false;
    for (char c : host) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_'
                        || c == ':' || c == '[' || c == ']';
        if (!ok)
            return false;
    }
    return true;
}

QByteArray RequestHead::field(QByteArrayView lowerName) const
{
    for (const auto &[name, value] : fields)
        if (name == lowerName)
            return value;
    return {};
}

bool RequestParser::fail(int status, const char *code, const QString &message)
{
    m_state = State::Failed;
    m_error = ParseError{status, QString::fromLatin1(code), message};
    m_pending.clear();
    return false;
}

void RequestParser::reset()
{
    m_state = State::Head;
    m_head = RequestHead{};
    m_error = ParseError{};
    m_pending.clear();
    m_started = false;
    m_maxBody = 0;
    m_bodyReceived = 0;
    m_remaining = 0;
    m_chunk = Chunk::Size;
    m_trailerBytes = 0;
}

qsizetype RequestParser::feedHead(QByteArrayView data)
{
    if (m_state != State::Head)
        return 0;
    qsizetype consumed = 0;
    // Blank lines before a request line are allowed (RFC 9112 §2.2).
    if (m_pending.isEmpty()) {
        while (consumed < data.size() && (data[consumed] == '\r' || data[consumed] == '\n'))
            ++consumed;
        data = data.sliced(consumed);
        if (data.isEmpty())
            return consumed;
    }
    m_started = true;
    // A request starts with a method token: anything else (a TLS handshake
    // sent to plain HTTP, binary junk) is refused at its first byte, not
    // after the header timeout.
    if (m_pending.isEmpty() || m_pending.indexOf(' ') < 0) {
        for (char c : data) {
            if (c == ' ')
                break;
            if (!kTchar[uchar(c)]) {
                fail(400, "bad_request", QStringLiteral("this is not an HTTP request"));
                return consumed + data.size();
            }
        }
    }
    // The common case: the whole head in one read, parsed in place.
    if (m_pending.isEmpty()) {
        const qsizetype end = data.first(std::min<qsizetype>(data.size(), m_limits.maxHead)).indexOf("\r\n\r\n");
        if (end >= 0) {
            parseHead(data.first(end + 2));
            return consumed + end + 4;
        }
    }
    // Split across reads: gather it (bounded), looking only at the new bytes
    // and the three before them.
    const qsizetype before = m_pending.size();
    const qsizetype room = m_limits.maxHead + 4 - before;
    const qsizetype take = std::min(room, data.size());
    m_pending.append(data.first(take));
    const qsizetype from = std::max<qsizetype>(0, before - 3);
    const qsizetype end = QByteArrayView(m_pending).indexOf("\r\n\r\n", from);
    if (end >= 0) {
        const qsizetype used = end + 4 - before; // of this read
        const QByteArray head = m_pending.left(end + 2);
        m_pending.clear();
        parseHead(head);
        return consumed + used;
    }
    if (m_pending.size() > m_limits.maxHead) {
        // Tell a long request line from long fields.
        const qsizetype lineEnd = m_pending.indexOf("\r\n");
        if (lineEnd < 0 || lineEnd > m_limits.maxRequestLine)
            fail(414, "uri_too_long", QStringLiteral("the request line is longer than %1 bytes").arg(m_limits.maxRequestLine));
        else
            fail(431, "headers_too_large", QStringLiteral("the request's header fields are larger than %1 bytes").arg(m_limits.maxHead));
        return consumed + take;
    }
    // A request line that cannot end within the limit fails early.
    if (m_pending.indexOf("\r\n") < 0 && m_pending.size() > m_limits.maxRequestLine)
        fail(414, "uri_too_long", QStringLiteral("the request line is longer than %1 bytes").arg(m_limits.maxRequestLine));
    return consumed + take;
}

bool RequestParser::parseHead(QByteArrayView head)
{
    // head ends with the CRLF of its last line.
    qsizetype lineEnd = head.indexOf("\r\n");
    if (!parseRequestLine(head.first(lineEnd)))
        return false;
    qsizetype pos = lineEnd + 2;
    while (pos < head.size()) {
        lineEnd = head.indexOf("\r\n", pos);
        if (!parseField(head.sliced(pos, lineEnd - pos)))
            return false;
        pos = lineEnd + 2;
    }
    if (!checkFields())
        return false;
    m_state = State::HeadDone;
    return true;
}

bool RequestParser::parseRequestLine(QByteArrayView line)
{
    if (line.size() > m_limits.maxRequestLine)
        return fail(414, "uri_too_long", QStringLiteral("the request line is longer than %1 bytes").arg(m_limits.maxRequestLine));
    const qsizetype sp1 = line.indexOf(' ');
    const qsizetype sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
    if (sp1 <= 0 || sp2 < 0 || line.indexOf(' ', sp2 + 1) >= 0)
        return fail(400, "bad_request", QStringLiteral("the request line is not \"METHOD target HTTP/1.1\""));
    const QByteArrayView method = line.first(sp1);
    const QByteArrayView target = line.sliced(sp1 + 1, sp2 - sp1 - 1);
    const QByteArrayView version = line.sliced(sp2 + 1);
    if (!isToken(method))
        return fail(400, "bad_request", QStringLiteral("the method is not a token"));
    if (version == "HTTP/1.1")
        m_head.minorVersion = 1;
    else if (version == "HTTP/1.0")
        m_head.minorVersion = 0;
    else if (version.size() == 8 && version.startsWith("HTTP/") && version[5] >= '0' && version[5] <= '9' && version[6] == '.'
             && version[7] >= '0' && version[7] <= '9')
        return fail(505, "http_version_not_supported", QStringLiteral("this server speaks HTTP/1.1 and HTTP/1.0"));
    else
        return fail(400, "bad_request", QStringLiteral("the HTTP version is malformed"));
    if (target.isEmpty())
        return fail(400, "bad_request", QStringLiteral("the request target is empty"));
    for (char c : target)
        if (uchar(c) <= 0x20 || uchar(c) >= 0x7f)
            return fail(400, "bad_request", QStringLiteral("the request target holds a character that must be percent-encoded"));
    m_head.methodToken = method.toByteArray();
    m_head.method = methodFromToken(method);
    m_head.target = target.toByteArray();

    QByteArrayView pathAndQuery = target;
    if (target.front() != '/') {
        // absolute-form (RFC 9112 §3.2.2): the path is what counts here.
        if (target == "*" && m_head.method == Method::Options) {
            m_head.path = QStringLiteral("*");
            return true;
        }
        const qsizetype scheme = target.indexOf("://");
        if (scheme <= 0 || !(target.first(scheme).compare("http", Qt::CaseInsensitive) == 0
                             || target.first(scheme).compare("https", Qt::CaseInsensitive) == 0))
            return fail(400, "bad_request", QStringLiteral("the request target must be a path (\"/api/...\")"));
        const qsizetype slash = target.indexOf('/', scheme + 3);
        pathAndQuery = slash < 0 ? QByteArrayView("/") : target.sliced(slash);
    }
    const qsizetype q = pathAndQuery.indexOf('?');
    const QByteArrayView rawPath = q < 0 ? pathAndQuery : pathAndQuery.first(q);
    if (q >= 0)
        m_head.query = pathAndQuery.sliced(q + 1).toByteArray();
    const QByteArray decoded = rawPath.contains('%') ? QByteArray::fromPercentEncoding(rawPath.toByteArray()) : rawPath.toByteArray();
    for (char c : decoded)
        if (uchar(c) < 0x20 || uchar(c) == 0x7f)
            return fail(400, "bad_request", QStringLiteral("the path holds a control character"));
    m_head.path = QString::fromUtf8(decoded);
    if (m_head.path.contains(QChar::ReplacementCharacter) && !decoded.contains("\xEF\xBF\xBD"))
        return fail(400, "bad_request", QStringLiteral("the path is not UTF-8"));
    return true;
}

bool RequestParser::parseField(QByteArrayView line)
{
    if (m_head.fields.size() >= m_limits.maxFields)
        return fail(431, "headers_too_large", QStringLiteral("the request has more than %1 header fields").arg(m_limits.maxFields));
    if (line.isEmpty() || line.front() == ' ' || line.front() == '\t')
        return fail(400, "bad_request", QStringLiteral("folded header lines are not accepted"));
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0)
        return fail(400, "bad_request", QStringLiteral("a header line has no name"));
    const QByteArrayView name = line.first(colon);
    if (!isToken(name))
        return fail(400, "bad_request", QStringLiteral("a header name is not a token (no blank before the colon)"));
    const QByteArrayView value = trimBlanks(line.sliced(colon + 1));
    for (char c : value)
        if ((uchar(c) < 0x20 && c != '\t') || uchar(c) == 0x7f)
            return fail(400, "bad_request", QStringLiteral("the header %1 holds a control character").arg(QString::fromLatin1(name)));
    QByteArray lower = name.toByteArray().toLower();
    if (isSingleton(lower))
        for (const auto &[n, v] : std::as_const(m_head.fields))
            if (n == lower)
                return fail(400, "duplicate_header", QStringLiteral("the header %1 appears more than once").arg(QString::fromLatin1(lower)));
    m_head.fields.append({std::move(lower), value.toByteArray()});
    return true;
}

bool RequestParser::checkFields()
{
    RequestHead &h = m_head;
    const bool http11 = h.minorVersion == 1;
    bool hasHost = false;
    bool hasLength = false;
    bool hasEncoding = false;
    QByteArray connection;
    for (const auto &[name, value] : std::as_const(h.fields)) {
        if (name == "host") {
            hasHost = true;
            if (!isValidHost(value))
                return fail(400, "bad_request", QStringLiteral("the Host header is not a host name and port"));
        } else if (name == "content-length") {
            hasLength = true;
            if (value.isEmpty() || value.size() > 18)
                return fail(400, "bad_request", QStringLiteral("Content-Length is not a number"));
            for (char c : value)
                if (c < '0' || c > '9')
                    return fail(400, "bad_request", QStringLiteral("Content-Length is not a number"));
            h.contentLength = value.toLongLong();
        } else if (name == "transfer-encoding") {
            hasEncoding = true;
            if (!http11)
                return fail(400, "bad_request", QStringLiteral("Transfer-Encoding is not allowed in HTTP/1.0"));
            const qsizetype comma = value.lastIndexOf(',');
            const QByteArrayView last = trimBlanks(QByteArrayView(value).sliced(comma + 1));
            if (last.compare("chunked", Qt::CaseInsensitive) != 0)
                return fail(400, "bad_request", QStringLiteral("a request's transfer coding must end with chunked"));
            if (comma >= 0)
                return fail(501, "not_implemented", QStringLiteral("only the chunked transfer coding is supported"));
            h.chunked = true;
        } else if (name == "connection") {
            connection = value;
        } else if (name == "expect") {
            if (value.compare("100-continue", Qt::CaseInsensitive) != 0)
                return fail(417, "expectation_failed", QStringLiteral("only \"Expect: 100-continue\" is supported"));
            h.expectContinue = http11;
        }
    }
    if (hasLength && hasEncoding)
        return fail(400, "bad_request", QStringLiteral("Content-Length and Transfer-Encoding together are not accepted"));
    if (http11 && !hasHost)
        return fail(400, "bad_request", QStringLiteral("an HTTP/1.1 request needs a Host header"));
    h.keepAlive = http11 ? !listHas(connection, "close") : listHas(connection, "keep-alive");
    h.upgradeWebSocket = h.method == Method::Get && listHas(connection, "upgrade") && listHas(h.field("upgrade"), "websocket");
    return true;
}

bool RequestParser::beginBody(qint64 maxBody)
{
    if (m_state != State::HeadDone)
        return false;
    m_maxBody = maxBody;
    if (m_head.chunked) {
        m_state = State::Body;
        m_chunk = Chunk::Size;
        return true;
    }
    if (m_head.contentLength > maxBody)
        return fail(413, "too_large", QStringLiteral("the request body is larger than %1 bytes").arg(maxBody));
    m_remaining = m_head.contentLength;
    m_state = m_remaining > 0 ? State::Body : State::Done;
    return true;
}

qsizetype RequestParser::feedBody(QByteArrayView data, const std::function<bool(QByteArrayView)> &sink)
{
    if (m_state != State::Body)
        return 0;
    if (m_head.chunked)
        return feedChunked(data, sink);
    const qsizetype take = qsizetype(std::min<qint64>(m_remaining, data.size()));
    if (take > 0 && !sink(data.first(take))) {
        fail(500, "body_not_stored", QStringLiteral("the request body could not be stored"));
        return take;
    }
    m_remaining -= take;
    m_bodyReceived += take;
    if (m_remaining == 0)
        m_state = State::Done;
    return take;
}

qsizetype RequestParser::feedChunked(QByteArrayView data, const std::function<bool(QByteArrayView)> &sink)
{
    constexpr qsizetype kMaxChunkLine = 1024;
    qsizetype pos = 0;
    while (pos < data.size() && m_state == State::Body) {
        switch (m_chunk) {
        case Chunk::Size:
        case Chunk::Trailer: {
            // A line: the chunk size (with extensions), or a trailer field.
            const qsizetype lf = data.indexOf('\n', pos);
            const qsizetype take = lf < 0 ? data.size() - pos : lf + 1 - pos;
            m_pending.append(data.sliced(pos, take));
            pos += take;
            if (m_chunk == Chunk::Trailer)
                m_trailerBytes += take;
            if (m_pending.size() > kMaxChunkLine || m_trailerBytes > m_limits.maxHead) {
                fail(400, "bad_request", QStringLiteral("a chunk size line or trailer is too long"));
                return pos;
            }
            if (lf < 0)
                return pos;
            if (!m_pending.endsWith("\r\n")) {
                fail(400, "bad_request", QStringLiteral("a chunk line does not end with CRLF"));
                return pos;
            }
            const QByteArray line = m_pending.chopped(2);
            m_pending.clear();
            if (line.contains('\r')) {
                fail(400, "bad_request", QStringLiteral("a chunk line holds a bare CR"));
                return pos;
            }
            if (m_chunk == Chunk::Trailer) {
                if (line.isEmpty())
                    m_state = State::Done; // trailer fields are read and ignored
                continue;
            }
            const qsizetype semi = line.indexOf(';');
            const QByteArray hex = (semi < 0 ? line : line.left(semi)).trimmed();
            bool ok = !hex.isEmpty() && hex.size() <= 15;
            for (char c : hex)
                ok = ok && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
            const qint64 size = ok ? hex.toLongLong(&ok, 16) : 0;
            if (!ok) {
                fail(400, "bad_request", QStringLiteral("a chunk size is not a hexadecimal number"));
                return pos;
            }
            if (m_bodyReceived + size > m_maxBody) {
                fail(413, "too_large", QStringLiteral("the request body is larger than %1 bytes").arg(m_maxBody));
                return pos;
            }
            if (size == 0) {
                m_chunk = Chunk::Trailer;
            } else {
                m_remaining = size;
                m_chunk = Chunk::Data;
            }
            break;
        }
        case Chunk::Data: {
            const qsizetype take = qsizetype(std::min<qint64>(m_remaining, data.size() - pos));
            if (!sink(data.sliced(pos, take))) {
                fail(500, "body_not_stored", QStringLiteral("the request body could not be stored"));
                return pos + take;
            }
            pos += take;
            m_remaining -= take;
            m_bodyReceived += take;
            if (m_remaining == 0)
                m_chunk = Chunk::DataEnd;
            break;
        }
        case Chunk::DataEnd: {
            // The CRLF after a chunk's data, possibly split across reads.
            m_pending.append(data[pos]);
            ++pos;
            if (m_pending.size() == 2) {
                if (m_pending != "\r\n") {
                    fail(400, "bad_request", QStringLiteral("a chunk's data is not followed by CRLF"));
                    return pos;
                }
                m_pending.clear();
                m_chunk = Chunk::Size;
            }
            break;
        }
        }
    }
    return pos;
}

} // namespace puente::http
