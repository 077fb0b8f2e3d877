#pragma once

#include "common/result.h"
#include "crypto/secretbox.h"

#include <QFileDevice>
#include <QList>
#include <QString>

namespace puente::secrets {

// A key file that other users may read or write is refused
// ("insecure_permissions", with the chmod that fixes it) rather than
// tightened or merely warned about: whoever could read it may have the key,
// and the operator has to know. A missing file passes.
Status checkKeyFilePermissions(const QString &path);
// "755": the owner, group and others bits of `p` as chmod takes them.
QString permissionMode(QFileDevice::Permissions p);

// Where the master key lives. Either the environment (PUENTE_MASTER_KEY, the
// current key, base64 of 32 bytes, plus PUENTE_MASTER_KEY_PREVIOUS, a comma
// list of older keys still accepted for reading), or a key file
// `<data dir>/master.key` created with mode 0600 on first start. The file
// holds one base64 key per line, the current key first; during a rotation it
// holds the new key and the old ones until every secret is re-sealed.
class MasterKeyStore {
public:
    static MasterKeyStore fromEnvironment(const QString &currentKey, const QString &previousKeys);
    static MasterKeyStore fromFile(const QString &path);

    bool isEnvironment() const { return m_env; }
    QString filePath() const { return m_path; }
    QString describe() const;

    // Reads the keys (current first). With createIfMissing, a missing key
    // file is created with a fresh random key. A key file open to other
    // users is refused (checkKeyFilePermissions).
    Result<QList<QByteArray>> readKeys(bool createIfMissing = false) const;
    // Replaces the key file atomically, mode 0600. File stores only.
    Status writeKeys(const QList<QByteArray> &keys) const;

    // A keyring that re-reads this store when it meets an unknown key id.
    Result<crypto::KeyringPtr> keyring(bool createIfMissing = false) const;

private:
    bool m_env = false;
    QString m_current;
    QString m_previous;
    QString m_path;
};

} // namespace puente::secrets
