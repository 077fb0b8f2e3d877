#include "crypto/passwordhash.h"

#include "crypto/crypto.h"

#include <QRegularExpression>

namespace puente::crypto {

namespace {
constexpr int kSaltBytes = 16;
constexpr int kHashBytes = 32;

struct Parsed {
    ScryptParams params;
    QByteArray salt;
    QByteArray hash;
};

std::optional<Parsed> parse(const QString &encoded)
{
    static const QRegularExpression re(
        QStringLiteral(R"(^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$)"));
    const auto m = re.match(encoded);
    if (!m.hasMatch())
        return std::nullopt;
    Parsed out;
    out.params = {m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt()};
    // Bounds keep a forged hash string from making verification allocate
    // gigabytes or spin for minutes.
    if (out.params.logN < 1 || out.params.logN > 20 || out.params.r < 1 || out.params.r > 32
        || out.params.p < 1 || out.params.p > 16)
        return std::nullopt;
    auto salt = fromBase64Url(m.captured(4).toLatin1());
    auto hash = fromBase64Url(m.captured(5).toLatin1());
    if (!salt || !hash || hash.value().size() < 16)
        return std::nullopt;
    out.salt = salt.value();
    out.hash = hash.value();
    return out;
}
} // namespace

QString hashPassword(const QString &password, ScryptParams params)
{
    const QByteArray salt = randomBytes(kSaltBytes);
    auto derived = scrypt(password.toUtf8(), salt, quint64(1) << params.logN, quint64(params.r),
                          quint64(params.p), kHashBytes);
    if (!derived)
        qFatal("scrypt failed with built-in parameters");
    return QStringLiteral("$scrypt$ln=%1,r=%2,p=%3$%4$%5")
        .arg(params.logN)
        .arg(params.r)
        .arg(params.p)
        .arg(QString::fromLatin1(base64Url(salt)), QString::fromLatin1(base64Url(derived.value())));
}

bool verifyPassword(const QString &password, const QString &encodedHash)
{
    const auto parsed = parse(encodedHash);
    if (!parsed)
        return false;
    auto derived = scrypt(password.toUtf8(), parsed->salt, quint64(1) << parsed->params.logN,
                          quint64(parsed->params.r), quint64(parsed->params.p), int(parsed->hash.size()));
    return derived && constantTimeEquals(derived.value(), parsed->hash);
}

bool needsRehash(const QString &encodedHash, ScryptParams current)
{
    const auto parsed = parse(encodedHash);
    return !parsed || parsed->params.logN < current.logN || parsed->params.r < current.r
        || parsed->params.p < current.p;
}

} // namespace puente::crypto
