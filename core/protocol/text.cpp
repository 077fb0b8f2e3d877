#include "protocol/text.h"

namespace puente::text {

namespace {
QString codePoint(char16_t u)
{
    return QStringLiteral("U+%1").arg(QString::number(uint(u), 16).toUpper(), 4, QLatin1Char('0'));
}

bool isBidiControl(char16_t u)
{
    return (u >= 0x202a && u <= 0x202e) || (u >= 0x2066 && u <= 0x2069) || u == 0x061c;
}
} // namespace

QString problem(const QString &text, Kind kind)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t u = text.at(i).unicode();
        if (u == '\n' || u == '\r' || u == '\t') {
            if (kind == Kind::Line)
                return u == '\t' ? QStringLiteral("holds a tab; it must be one line") : QStringLiteral("holds a line break; it must be one line");
            continue;
        }
        if (u < 0x20 || (u >= 0x7f && u < 0xa0))
            return QStringLiteral("holds a control character (%1)").arg(codePoint(u));
        if (isBidiControl(u))
            return QStringLiteral("holds an invisible text-direction override (%1)").arg(codePoint(u));
        if (QChar::isHighSurrogate(u)) {
            if (i + 1 < text.size() && QChar::isLowSurrogate(text.at(i + 1).unicode())) {
                ++i;
                continue;
            }
            return QStringLiteral("is not valid Unicode (a lone surrogate)");
        }
        if (QChar::isLowSurrogate(u))
            return QStringLiteral("is not valid Unicode (a lone surrogate)");
    }
    return {};
}

QString normalizeNewlines(const QString &text)
{
    if (!text.contains(QLatin1Char('\r')))
        return text;
    QString out = text;
    out.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    out.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    return out;
}

} // namespace puente::text
