#include "sandbox/multipart.h"

namespace puente::sandbox {

namespace {
QByteArray unquoted(QByteArray v)
{
    v = v.trimmed();
    if (v.size() >= 2 && v.startsWith('"') && v.endsWith('"'))
        return v.mid(1, v.size() - 2);
    return v;
}
} // namespace

QList<FormPart> parseMultipart(const QByteArray &contentType, const QByteArray &body)
{
    QByteArray boundary;
    for (const QByteArray &param : contentType.split(';'))
        if (param.trimmed().toLower().startsWith("boundary="))
            boundary = unquoted(param.trimmed().mid(9));
    QList<FormPart> parts;
    if (boundary.isEmpty())
        return parts;
    const QByteArray delimiter = "--" + boundary;
    qsizetype pos = body.indexOf(delimiter);
    while (pos >= 0) {
        pos += delimiter.size();
        if (body.mid(pos, 2) != "\r\n")
            break; // "--": the closing delimiter
        pos += 2;
        const qsizetype headersEnd = body.indexOf("\r\n\r\n", pos);
        if (headersEnd < 0)
            break;
        const qsizetype next = body.indexOf("\r\n" + delimiter, headersEnd + 4);
        if (next < 0)
            break;
        FormPart part;
        for (const QByteArray &line : body.mid(pos, headersEnd - pos).split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon < 0)
                continue;
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            if (name == "content-type") {
                part.contentType = QString::fromUtf8(value);
            } else if (name == "content-disposition") {
                for (const QByteArray &param : value.split(';')) {
                    const qsizetype eq = param.indexOf('=');
                    if (eq < 0)
                        continue;
                    const QByteArray key = param.left(eq).trimmed().toLower();
                    if (key == "name")
                        part.name = QString::fromUtf8(unquoted(param.mid(eq + 1)));
                    else if (key == "filename")
                        part.filename = QString::fromUtf8(unquoted(param.mid(eq + 1)));
                }
            }
        }
        part.body = body.mid(headersEnd + 4, next - headersEnd - 4);
        parts.append(std::move(part));
        pos = next + 2;
    }
    return parts;
}

} // namespace puente::sandbox
