// libFuzzer target for the HTTP/1.1 request parser: any bytes, split at
// any points, in; no crash, no undefined behaviour, and the parser's
// promises hold: it never consumes more than it is given, never hands out
// more body than the limit, and a refusal always says why.
#include "http/requestparser.h"

#include <cstdint>
#include <cstdlib>

using namespace puente::http;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    // The first two bytes choose the read size and the body limit.
    const qsizetype step = 1 + data[0] % 64;
    const qint64 maxBody = qint64(data[1]) * 97;
    const QByteArrayView input(reinterpret_cast<const char *>(data) + 2, qsizetype(size) - 2);
    ParserLimits limits;
    limits.maxHead = 2048;
    limits.maxRequestLine = 512;
    limits.maxFields = 20;
    RequestParser parser(limits);
    qint64 body = 0;
    const auto sink = [&body](QByteArrayView d) {
        body += d.size();
        return true;
    };
    qsizetype pos = 0;
    int requests = 0;
    while (pos < input.size() && requests < 50) {
        const QByteArrayView piece = input.sliced(pos, std::min(step, input.size() - pos));
        qsizetype used = 0;
        while (used < piece.size() || parser.state() == RequestParser::State::HeadDone || parser.state() == RequestParser::State::Done) {
            const QByteArrayView rest = piece.sliced(used);
            qsizetype n = 0;
            switch (parser.state()) {
            case RequestParser::State::Head:
                n = parser.feedHead(rest);
                break;
            case RequestParser::State::HeadDone:
                parser.beginBody(maxBody);
                continue;
            case RequestParser::State::Body:
                n = parser.feedBody(rest, sink);
                break;
            case RequestParser::State::Done:
                if (body > maxBody)
                    std::abort();
                body = 0;
                ++requests;
                parser.reset();
                continue;
            case RequestParser::State::Failed:
                if (parser.error().status < 400 || parser.error().message.isEmpty() || parser.error().code.isEmpty())
                    std::abort();
                return 0;
            }
            if (n < 0 || n > rest.size())
                std::abort();
            if (n == 0 && !rest.isEmpty() && (parser.state() == RequestParser::State::Head || parser.state() == RequestParser::State::Body))
                std::abort(); // data offered and nothing taken: a stall
            used += n;
            if (rest.isEmpty())
                break;
        }
        if (body > maxBody)
            std::abort();
        pos += piece.size();
    }
    return 0;
}
