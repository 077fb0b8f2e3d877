#include "domain/user.h"

#include <QRegularExpression>
#include <QSet>

namespace puente {

QString toString(Role role)
{
    return protocol::enumName(role);
}

std::optional<Role> roleFromString(const QString &s)
{
    return protocol::enumFromName<Role>(s);
}

Result<QString> normalizeEmail(const QString &email)
{
    // Strict on purpose: an email ends up in logs, the audit log and
    // answers, so it may hold no control, bidi, quote or angle-bracket
    // characters (RFC 5322's atext in the local part, host-name labels in
    // the domain; letters of any script are fine).
    const QString e = email.trimmed().toLower();
    const qsizetype at = e.indexOf(QLatin1Char('@'));
    const auto invalid = [] { return makeError("invalid_email", QStringLiteral("that is not a valid email address (name@company.example)")); };
    if (e.size() > 254 || at <= 0 || at != e.lastIndexOf(QLatin1Char('@')) || at == e.size() - 1)
        return invalid();
    const QStringView local = QStringView(e).left(at);
    const QStringView domain = QStringView(e).mid(at + 1);
    static const QString atext = QStringLiteral("!#$%&'*+-/=?^_`{|}~.");
    if (local.size() > 64 || local.startsWith(QLatin1Char('.')) || local.endsWith(QLatin1Char('.')) || local.contains(QLatin1String("..")))
        return invalid();
    for (QChar c : local)
        if (!(c.isLetterOrNumber() || atext.contains(c)))
            return invalid();
    const auto labels = domain.split(QLatin1Char('.'));
    if (labels.size() < 2)
        return invalid();
    for (const QStringView label : labels) {
        if (label.isEmpty() || label.size() > 63 || label.startsWith(QLatin1Char('-')) || label.endsWith(QLatin1Char('-')))
            return invalid();
        for (QChar c : label)
            if (!(c.isLetterOrNumber() || c == QLatin1Char('-')))
                return invalid();
    }
    return e;
}

Status checkPasswordPolicy(const QString &password)
{
    constexpr int kMinLength = 10;
    if (password.isEmpty())
        return makeError("weak_password", QStringLiteral("the password is empty"));
    if (password.size() < kMinLength)
        return makeError("weak_password",
                         QStringLiteral("the password is too short: use at least %1 characters").arg(kMinLength));
    if (password.size() > 1024)
        return makeError("weak_password", QStringLiteral("the password is too long: use at most 1024 characters"));
    QSet<QChar> distinct;
    for (QChar c : password)
        distinct.insert(c);
    if (distinct.size() < 5)
        return makeError("weak_password",
                         QStringLiteral("the password repeats too few characters: use at least 5 different ones"));
    static const QSet<QString> common = {
        QStringLiteral("password123"), QStringLiteral("1234567890"), QStringLiteral("qwertyuiop"),
        QStringLiteral("password1234"), QStringLiteral("contrasena123"), QStringLiteral("contraseña123"),
        QStringLiteral("123456789a"), QStringLiteral("iloveyou123"), QStringLiteral("administrator"),
        QStringLiteral("qwerty12345"), QStringLiteral("1q2w3e4r5t"), QStringLiteral("abcdefghij"),
    };
    if (common.contains(password.toLower()))
        return makeError("weak_password", QStringLiteral("the password is too common: choose another one"));
    return {};
}

} // namespace puente
