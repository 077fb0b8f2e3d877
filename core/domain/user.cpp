#include "domain/user.h"

#include <QRegularExpression>
#include <QSet>

namespace puente {

QString toString(Role role)
{
    switch (role) {
    case Role::PlatformAdmin: return QStringLiteral("platform_admin");
    case Role::TenantAdmin: return QStringLiteral("tenant_admin");
    case Role::Agent: return QStringLiteral("agent");
    }
    return {};
}

std::optional<Role> roleFromString(const QString &s)
{
    for (Role r : {Role::PlatformAdmin, Role::TenantAdmin, Role::Agent})
        if (toString(r) == s)
            return r;
    return std::nullopt;
}

Result<QString> normalizeEmail(const QString &email)
{
    const QString e = email.trimmed().toLower();
    static const QRegularExpression re(QStringLiteral(R"(^[^@\s]+@[^@\s]+\.[^@\s]+$)"));
    if (e.size() > 254 || !re.match(e).hasMatch())
        return makeError("invalid_email", QStringLiteral("\"%1\" is not a valid email address").arg(email.trimmed()));
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
