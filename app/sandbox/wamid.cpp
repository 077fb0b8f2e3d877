#include "sandbox/wamid.h"

#include "crypto/crypto.h"

#include <QRegularExpression>

namespace puente::sandbox {

QString newWamid(const QString &waId, bool inbound)
{
    const QByteArray user = waId.toLatin1().left(120);
    QByteArray raw;
    raw += char(0x1C);
    raw += char(0x18);
    raw += char(user.size());
    raw += user;
    raw += char(0x15);
    raw += char(0x02);
    raw += char(0x00);
    if (inbound) {
        raw += char(0x12);
        raw += char(0x18);
        raw += char(0x14);
        raw += "3A" + crypto::randomBytes(9).toHex().toUpper();
    } else {
        raw += char(0x11);
        raw += char(0x18);
        raw += char(0x12);
        raw += crypto::randomBytes(9).toHex().toUpper();
    }
    raw += char(0x00);
    return QStringLiteral("wamid.") + QString::fromLatin1(raw.toBase64());
}

bool isBsuid(const QString &id)
{
    static const QRegularExpression re(QStringLiteral("^[A-Z]{2}\\.[A-Za-z0-9]+$"));
    return re.match(id).hasMatch();
}

QString recipientFor(const QString &to)
{
    if (isBsuid(to))
        return to;
    static const QRegularExpression phone(QStringLiteral("^\\+?[0-9][0-9 ()\\-.]{5,24}$"));
    if (!phone.match(to).hasMatch())
        return {};
    QString digits;
    for (const QChar c : to)
        if (c.isDigit())
            digits += c;
    return digits;
}

} // namespace puente::sandbox
