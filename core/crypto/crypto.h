#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QString>

// Thin, typed wrappers over OpenSSL EVP. Nothing here logs its inputs.
namespace puente::crypto {

QByteArray randomBytes(int count);

// A random token of `bytes` bytes of entropy, base64url without padding:
// safe in URLs, headers and file names.
QString randomToken(int bytes = 32);

QByteArray sha256(const QByteArray &data);
QByteArray hmacSha256(const QByteArray &key, const QByteArray &data);

// Constant-time comparison of two byte strings (length is not secret).
bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

// Checks `signatureHex` (lower- or upper-case hex) against HMAC-SHA256(key, data)
// without leaking through timing where the first differing byte is.
bool verifyHmacSha256Hex(const QByteArray &key, const QByteArray &data, QByteArrayView signatureHex);

// AES-256-GCM with a 96-bit nonce and a 128-bit tag. seal() returns
// ciphertext || tag; open() fails on any tampering.
QByteArray aes256GcmSeal(const QByteArray &key, const QByteArray &nonce, const QByteArray &plaintext,
                         const QByteArray &aad);
Result<QByteArray> aes256GcmOpen(const QByteArray &key, const QByteArray &nonce,
                                 const QByteArray &ciphertextAndTag, const QByteArray &aad);

// RFC 7914 scrypt.
Result<QByteArray> scrypt(const QByteArray &password, const QByteArray &salt, quint64 n, quint64 r,
                          quint64 p, int length);

QByteArray base64Url(const QByteArray &data);
Result<QByteArray> fromBase64Url(QByteArrayView text);

} // namespace puente::crypto
