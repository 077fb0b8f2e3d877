#include "crypto/secretbox.h"

#include "crypto/crypto.h"

#include <QDateTime>

namespace puente::crypto {

namespace {
constexpr QLatin1StringView kVersion("v1");
constexpr int kNonceBytes = 12;
constexpr int kKeyBytes = 32;

QByteArray associatedData(const QString &keyId, const QByteArray &context)
{
    return QByteArray(kVersion.data(), kVersion.size()) + '.' + keyId.toLatin1() + '|' + context;
}
} // namespace

Result<std::shared_ptr<Keyring>> Keyring::create(const QList<QByteArray> &keys, Reloader reloader, qint64 reloadAfterMs)
{
    std::shared_ptr<Keyring> ring(new Keyring);
    if (auto s = ring->setKeys(keys); !s)
        return s.error();
    ring->m_reloader = std::move(reloader);
    ring->m_reloadAfterMs = reloadAfterMs;
    return ring;
}

Status Keyring::setKeys(const QList<QByteArray> &keys)
{
    if (keys.isEmpty())
        return makeError("no_master_key", QStringLiteral("no master key given"));
    QList<Key> parsed;
    for (const QByteArray &k : keys) {
        if (k.size() != kKeyBytes)
            return makeError("bad_master_key",
                             QStringLiteral("a master key must be 32 bytes (base64 of 32 random bytes), got %1")
                                 .arg(k.size()));
        parsed.append({keyIdOf(k), k});
    }
    QWriteLocker locker(&m_lock);
    m_keys = std::move(parsed);
    m_loadedAtMs = QDateTime::currentMSecsSinceEpoch();
    return {};
}

QString Keyring::keyIdOf(const QByteArray &key)
{
    return QString::fromLatin1(sha256(key).left(8).toHex());
}

QString Keyring::keyIdOfSealed(const QString &sealed)
{
    const QStringList parts = sealed.split(QLatin1Char('.'));
    if (parts.size() != 3 || parts[0] != kVersion || parts[1].size() != 16)
        return {};
    return parts[1];
}

QString Keyring::currentKeyId() const
{
    QReadLocker locker(&m_lock);
    return m_keys.first().id;
}

QStringList Keyring::keyIds() const
{
    QReadLocker locker(&m_lock);
    QStringList ids;
    for (const Key &k : m_keys)
        ids.append(k.id);
    return ids;
}

const Keyring::Key *Keyring::find(const QString &id) const
{
    for (const Key &k : m_keys)
        if (k.id == id)
            return &k;
    return nullptr;
}

QString Keyring::seal(const QByteArray &plaintext, const QByteArray &context) const
{
    if (m_reloader && QDateTime::currentMSecsSinceEpoch() - m_loadedAtMs >= m_reloadAfterMs) {
        if (auto keys = m_reloader(); keys.ok())
            (void)const_cast<Keyring *>(this)->setKeys(keys.value());
        else
            m_loadedAtMs = QDateTime::currentMSecsSinceEpoch(); // keep the ring we have; try again later
    }
    QReadLocker locker(&m_lock);
    const Key &key = m_keys.first();
    const QByteArray nonce = randomBytes(kNonceBytes);
    const QByteArray box = aes256GcmSeal(key.bytes, nonce, plaintext, associatedData(key.id, context));
    return kVersion + QLatin1Char('.') + key.id + QLatin1Char('.')
        + QString::fromLatin1(base64Url(nonce + box));
}

Result<QByteArray> Keyring::open(const QString &sealed, const QByteArray &context) const
{
    const QString id = keyIdOfSealed(sealed);
    if (id.isEmpty())
        return makeError("secret_malformed", QStringLiteral("stored secret is not in a known sealed format"));
    auto raw = fromBase64Url(QStringView(sealed).mid(sealed.lastIndexOf(QLatin1Char('.')) + 1).toLatin1());
    if (!raw || raw.value().size() < kNonceBytes + 16)
        return makeError("secret_malformed", QStringLiteral("stored secret is truncated or not base64url"));

    QByteArray keyBytes;
    {
        QReadLocker locker(&m_lock);
        if (const Key *k = find(id))
            keyBytes = k->bytes;
    }
    if (keyBytes.isEmpty() && m_reloader) {
        if (auto keys = m_reloader(); keys.ok()) {
            auto *self = const_cast<Keyring *>(this);
            if (self->setKeys(keys.value())) {
                QReadLocker locker(&m_lock);
                if (const Key *k = find(id))
                    keyBytes = k->bytes;
            }
        }
    }
    if (keyBytes.isEmpty())
        return makeError("unknown_master_key",
                         QStringLiteral("secret was sealed with master key %1, which is not configured; "
                                        "check PUENTE_MASTER_KEY or the key file in the data folder")
                             .arg(id));
    auto opened = aes256GcmOpen(keyBytes, raw.value().left(kNonceBytes), raw.value().mid(kNonceBytes),
                                associatedData(id, context));
    if (!opened)
        return makeError("secret_tampered",
                         QStringLiteral("stored secret failed authentication: it was altered or moved "
                                        "from another record"));
    return opened;
}

} // namespace puente::crypto
