#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QList>
#include <QReadWriteLock>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

namespace puente::crypto {

// Seals small secrets (Meta access tokens, app secrets) with AES-256-GCM.
//
// Sealed form: "v1.<key id>.<base64url(nonce || ciphertext || tag)>", where the
// key id is the first 8 bytes of SHA-256(key) in hex. The version and key id
// are authenticated together with a caller-given context (for example
// "whatsapp_config/7/business_api_token"), so a sealed value copied into
// another row or tenant does not open.
//
// A keyring holds the current key (used to seal) and older keys (still
// accepted to open) so the master key can rotate without downtime. When a
// value names a key the ring does not know, the ring asks its reloader once
// for the keys again: a reader keeps working while another process rotates.
class Keyring {
public:
    using Reloader = std::function<Result<QList<QByteArray>>()>;
    static constexpr qint64 kReloadAfterMs = 30000;

    // First key is the current one. Every key must be 32 bytes.
    static Result<std::shared_ptr<Keyring>> create(const QList<QByteArray> &keys, Reloader reloader = {},
                                                   qint64 reloadAfterMs = kReloadAfterMs);

    static QString keyIdOf(const QByteArray &key);
    // The key id named in a sealed value, or an empty string if malformed.
    static QString keyIdOfSealed(const QString &sealed);

    QString currentKeyId() const;
    QStringList keyIds() const;

    // Seals with the current key. A ring with a reloader re-reads its keys
    // first when they are older than reloadAfterMs (30 s by default), so a
    // process that only writes still moves to a rotated key within that time.
    QString seal(const QByteArray &plaintext, const QByteArray &context) const;
    Result<QByteArray> open(const QString &sealed, const QByteArray &context) const;

private:
    struct Key {
        QString id;
        QByteArray bytes;
    };
    Keyring() = default;
    Status setKeys(const QList<QByteArray> &keys);
    const Key *find(const QString &id) const;

    mutable QReadWriteLock m_lock;
    QList<Key> m_keys;
    Reloader m_reloader;
    qint64 m_reloadAfterMs = kReloadAfterMs;
    mutable std::atomic<qint64> m_loadedAtMs{0};
};

using KeyringPtr = std::shared_ptr<Keyring>;

} // namespace puente::crypto
