#include "common/jsonscan.h"

#include <QList>
#include <QSet>

namespace puente::json {

namespace {
// Reads the string literal starting at document[pos] (a '"'), decoded;
// pos ends after the closing quote.
QString readString(QByteArrayView d, qsizetype &pos)
{
    QString out;
    QByteArray run; // UTF-8 bytes since the last escape
    const auto flush = [&] {
        out += QString::fromUtf8(run);
        run.clear();
    };
    ++pos; // opening quote
    while (pos < d.size() && d[pos] != '"') {
        if (d[pos] != '\\') {
            run += d[pos++];
            continue;
        }
        if (pos + 1 >= d.size())
            break;
        const char e = d[pos + 1];
        pos += 2;
        switch (e) {
        case 'b': run += '\b'; break;
        case 'f': run += '\f'; break;
        case 'n': run += '\n'; break;
        case 'r': run += '\r'; break;
        case 't': run += '\t'; break;
        case 'u': {
            bool ok = false;
            const ushort unit = QByteArray(d.sliced(pos, std::min<qsizetype>(4, d.size() - pos)).toByteArray()).toUShort(&ok, 16);
            pos += 4;
            flush();
            out += QChar(ok ? unit : 0xfffd);
            break;
        }
        default: run += e; break; // \" \\ \/
        }
    }
    ++pos; // closing quote
    flush();
    return out;
}
} // namespace

std::optional<QString> duplicateKey(QByteArrayView d)
{
    struct Level {
        bool object = false;
        bool expectKey = false;
        QSet<QString> keys;
        QString name; // the key this container is the value of
    };
    QList<Level> stack;
    QString pendingKey;
    const auto path = [&stack](const QString &key) {
        QString p;
        for (const Level &l : stack)
            if (!l.name.isEmpty())
                p += l.name + QLatin1Char('.');
        return p + key;
    };
    qsizetype pos = 0;
    while (pos < d.size()) {
        const char c = d[pos];
        switch (c) {
        case '{':
        case '[':
            stack.append(Level{c == '{', c == '{', {}, pendingKey});
            pendingKey.clear();
            ++pos;
            break;
        case '}':
        case ']':
            if (!stack.isEmpty())
                stack.removeLast();
            ++pos;
            break;
        case ',':
            if (!stack.isEmpty() && stack.last().object)
                stack.last().expectKey = true;
            ++pos;
            break;
        case '"': {
            const QString s = readString(d, pos);
            if (!stack.isEmpty() && stack.last().object && stack.last().expectKey) {
                Level &l = stack.last();
                if (l.keys.contains(s))
                    return path(s);
                l.keys.insert(s);
                l.expectKey = false;
                pendingKey = s;
            } else {
                pendingKey.clear();
            }
            break;
        }
        default:
            if (c != ':' && c != ' ' && c != '\t' && c != '\n' && c != '\r')
                pendingKey.clear(); // a scalar value
            ++pos;
            break;
        }
    }
    return std::nullopt;
}

} // namespace puente::json
