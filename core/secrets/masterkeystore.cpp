#include "secrets/masterkeystore.h"

#include "crypto/crypto.h"
#include "logging/logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace puente::secrets {

namespace {
Result<QByteArray> decodeKey(const QString &text, const QString &where)
{
    auto decoded = QByteArray::fromBase64Encoding(text.trimmed().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) // also accept base64url
        decoded = QByteArray::fromBase64Encoding(text.trimmed().toLatin1(),
                                                 QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != 32)
        return makeError("bad_master_key",
                         QStringLiteral("%1 is not a master key: expected base64 of 32 bytes "
                                        "(make one with: openssl rand -base64 32)")
                             .arg(where));
    return decoded.decoded;
}
} // namespace

QString permissionMode(QFileDevice::Permissions p)
{
    // Qt keeps owner, group and others in three nibbles of its flags.
    const int bits = int(p);
    return QString::number(((bits >> 12) & 7) << 6 | ((bits >> 4) & 7) << 3 | (bits & 7), 8);
}

Status checkKeyFilePermissions(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return {};
    const QFileDevice::Permissions p = info.permissions();
    // Execute bits give nothing away; reading copies the key, writing
    // replaces it with one the writer knows.
    const bool readable = p & (QFileDevice::ReadGroup | QFileDevice::ReadOther);
    if (!readable && !(p & (QFileDevice::WriteGroup | QFileDevice::WriteOther)))
        return {};
    return makeError("insecure_permissions", QStringLiteral("the master key file %1 is %2 by other users (mode %3); run: chmod 600 %1")
                                                 .arg(path, readable ? QStringLiteral("readable") : QStringLiteral("writable"),
                                                      permissionMode(p)));
}

MasterKeyStore MasterKeyStore::fromEnvironment(const QString &currentKey, const QString &previousKeys)
{
    MasterKeyStore s;
    s.m_env = true;
    s.m_current = currentKey;
    s.m_previous = previousKeys;
    return s;
}

MasterKeyStore MasterKeyStore::fromFile(const QString &path)
{
    MasterKeyStore s;
    s.m_path = path;
    return s;
}

QString MasterKeyStore::describe() const
{
    return m_env ? QStringLiteral("PUENTE_MASTER_KEY") : m_path;
}

Result<QList<QByteArray>> MasterKeyStore::readKeys(bool createIfMissing) const
{
    QList<QByteArray> keys;
    if (m_env) {
        auto current = decodeKey(m_current, QStringLiteral("PUENTE_MASTER_KEY"));
        if (!current)
            return current.error();
        keys.append(current.value());
        const QStringList previous = m_previous.split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (const QString &p : previous) {
            auto k = decodeKey(p, QStringLiteral("a key in PUENTE_MASTER_KEY_PREVIOUS"));
            if (!k)
                return k.error();
            keys.append(k.value());
        }
        return keys;
    }

    QFile file(m_path);
    if (!file.exists()) {
        if (!createIfMissing)
            return makeError("no_master_key",
                             QStringLiteral("no master key: %1 does not exist and PUENTE_MASTER_KEY is not set").arg(m_path));
        const QList<QByteArray> fresh{crypto::randomBytes(32)};
        if (auto s = writeKeys(fresh); !s)
            return s.error();
        qCInfo(lcSecrets).noquote() << "created a new master key file" << m_path;
        return fresh;
    }
    if (auto s = checkKeyFilePermissions(m_path); !s)
        return s.error();
    if (!file.open(QIODevice::ReadOnly))
        return makeError("no_master_key", QStringLiteral("cannot read the master key file %1: %2").arg(m_path, file.errorString()));
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray &raw : lines) {
        const QByteArray line = raw.trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        auto k = decodeKey(QString::fromLatin1(line), QStringLiteral("a line of %1").arg(m_path));
        if (!k)
            return k.error();
        keys.append(k.value());
    }
    if (keys.isEmpty())
        return makeError("bad_master_key", QStringLiteral("the master key file %1 holds no key").arg(m_path));
    return keys;
}

Status MasterKeyStore::writeKeys(const QList<QByteArray> &keys) const
{
    if (m_env)
        return makeError("master_key_in_environment",
                         QStringLiteral("the master key comes from PUENTE_MASTER_KEY; change it there"));
    const QFileInfo info(m_path);
    if (!QDir().mkpath(info.absolutePath()))
        return makeError("io_error", QStringLiteral("cannot create folder %1").arg(info.absolutePath()));
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError("io_error", QStringLiteral("cannot write %1: %2").arg(m_path, file.errorString()));
    // Restrict before any key byte is written.
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QByteArray text = "# Puente master key: the first line is current. Keep this file secret and backed up.\n";
    for (const QByteArray &k : keys)
        text += k.toBase64() + '\n';
    file.write(text);
    if (!file.commit())
        return makeError("io_error", QStringLiteral("cannot write %1: %2").arg(m_path, file.errorString()));
    return {};
}

Result<crypto::KeyringPtr> MasterKeyStore::keyring(bool createIfMissing) const
{
    auto keys = readKeys(createIfMissing);
    if (!keys)
        return keys.error();
    const MasterKeyStore copy = *this;
    return crypto::Keyring::create(keys.value(), [copy] { return copy.readKeys(false); });
}

} // namespace puente::secrets
