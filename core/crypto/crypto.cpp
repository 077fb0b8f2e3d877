#include "crypto/crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <memory>

namespace puente::crypto {

namespace {
constexpr int kGcmTagSize = 16;
constexpr int kGcmNonceSize = 12;
constexpr int kAesKeySize = 32;

struct CipherCtxDeleter {
    void operator()(EVP_CIPHER_CTX *ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxDeleter>;

const unsigned char *bytes(const QByteArray &b)
{
    return reinterpret_cast<const unsigned char *>(b.constData());
}
unsigned char *bytes(QByteArray &b)
{
    return reinterpret_cast<unsigned char *>(b.data());
}
} // namespace

QByteArray randomBytes(int count)
{
    QByteArray out(count, Qt::Uninitialized);
    if (RAND_bytes(bytes(out), count) != 1)
        qFatal("OpenSSL RAND_bytes failed: no secure randomness available");
    return out;
}

QString randomToken(int bytesOfEntropy)
{
    return QString::fromLatin1(base64Url(randomBytes(bytesOfEntropy)));
}

QByteArray sha256(const QByteArray &data)
{
    QByteArray out(32, Qt::Uninitialized);
    unsigned int len = 0;
    EVP_Digest(data.constData(), size_t(data.size()), bytes(out), &len, EVP_sha256(), nullptr);
    return out;
}

QByteArray hmacSha256(const QByteArray &key, const QByteArray &data)
{
    QByteArray out(32, Qt::Uninitialized);
    // OpenSSL 3's one-shot HMAC() looks the MAC and the digest up in the
    // provider tables (under a lock) and builds a context on every call: two
    // thirds of the time a webhook's signature took. Each thread keeps a
    // context for the last key it used; a re-init with no key reuses the
    // key's prepared state.
    struct Cached {
        QByteArray key;
        EVP_MAC_CTX *ctx = nullptr;
        ~Cached() { EVP_MAC_CTX_free(ctx); }
    };
    static EVP_MAC *const mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    thread_local Cached cached;
    bool ok = mac && !key.isEmpty();
    if (ok && (!cached.ctx || cached.key != key)) {
        EVP_MAC_CTX_free(cached.ctx);
        cached.key.clear();
        cached.ctx = EVP_MAC_CTX_new(mac);
        char digest[] = "SHA256";
        const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string("digest", digest, 0), OSSL_PARAM_construct_end()};
        ok = cached.ctx && EVP_MAC_init(cached.ctx, bytes(key), size_t(key.size()), params) == 1;
        if (ok)
            cached.key = key;
    } else if (ok) {
        ok = EVP_MAC_init(cached.ctx, nullptr, 0, nullptr) == 1;
    }
    size_t len = 0;
    if (ok && EVP_MAC_update(cached.ctx, bytes(data), size_t(data.size())) == 1
        && EVP_MAC_final(cached.ctx, bytes(out), &len, size_t(out.size())) == 1 && len == size_t(out.size()))
        return out;
    if (ok) { // a context in an unknown state: start the next call afresh
        EVP_MAC_CTX_free(cached.ctx);
        cached.ctx = nullptr;
        cached.key.clear();
    }
    // An empty key (which EVP_MAC_init refuses), or OpenSSL failed above.
    unsigned int oneShot = 0;
    HMAC(EVP_sha256(), key.constData(), int(key.size()), bytes(data), size_t(data.size()), bytes(out), &oneShot);
    return out;
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    return CRYPTO_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

bool verifyHmacSha256Hex(const QByteArray &key, const QByteArray &data, QByteArrayView signatureHex)
{
    if (signatureHex.size() != 64)
        return false;
    for (char c : signatureHex) {
        const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (!hex)
            return false;
    }
    const QByteArray given = QByteArray::fromHex(signatureHex.toByteArray());
    return constantTimeEquals(hmacSha256(key, data), given);
}

QByteArray aes256GcmSeal(const QByteArray &key, const QByteArray &nonce, const QByteArray &plaintext,
                         const QByteArray &aad)
{
    Q_ASSERT(key.size() == kAesKeySize && nonce.size() == kGcmNonceSize);
    CipherCtx ctx(EVP_CIPHER_CTX_new());
    QByteArray out(plaintext.size() + kGcmTagSize, Qt::Uninitialized);
    int len = 0;
    int total = 0;
    bool ok = EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1
        && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kGcmNonceSize, nullptr) == 1
        && EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, bytes(key), bytes(nonce)) == 1;
    if (ok && !aad.isEmpty())
        ok = EVP_EncryptUpdate(ctx.get(), nullptr, &len, bytes(aad), int(aad.size())) == 1;
    if (ok && !plaintext.isEmpty()) {
        ok = EVP_EncryptUpdate(ctx.get(), bytes(out), &len, bytes(plaintext), int(plaintext.size())) == 1;
        total = len;
    }
    if (ok) {
        ok = EVP_EncryptFinal_ex(ctx.get(), bytes(out) + total, &len) == 1;
        total += len;
    }
    if (ok)
        ok = EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kGcmTagSize, bytes(out) + total) == 1;
    if (!ok)
        qFatal("OpenSSL AES-256-GCM encryption failed");
    return out;
}

Result<QByteArray> aes256GcmOpen(const QByteArray &key, const QByteArray &nonce,
                                 const QByteArray &ciphertextAndTag, const QByteArray &aad)
{
    if (key.size() != kAesKeySize || nonce.size() != kGcmNonceSize || ciphertextAndTag.size() < kGcmTagSize)
        return makeError("decrypt_failed", QStringLiteral("sealed value is malformed"));
    const qsizetype ctLen = ciphertextAndTag.size() - kGcmTagSize;
    QByteArray tag = ciphertextAndTag.right(kGcmTagSize);
    QByteArray out(ctLen, Qt::Uninitialized);
    CipherCtx ctx(EVP_CIPHER_CTX_new());
    int len = 0;
    int total = 0;
    bool ok = EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1
        && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kGcmNonceSize, nullptr) == 1
        && EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, bytes(key), bytes(nonce)) == 1;
    if (ok && !aad.isEmpty())
        ok = EVP_DecryptUpdate(ctx.get(), nullptr, &len, bytes(aad), int(aad.size())) == 1;
    if (ok && ctLen > 0) {
        ok = EVP_DecryptUpdate(ctx.get(), bytes(out), &len, bytes(ciphertextAndTag), int(ctLen)) == 1;
        total = len;
    }
    if (ok)
        ok = EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kGcmTagSize, bytes(tag)) == 1;
    if (ok)
        ok = EVP_DecryptFinal_ex(ctx.get(), bytes(out) + total, &len) == 1;
    if (!ok)
        return makeError("decrypt_failed",
                         QStringLiteral("sealed value failed authentication (wrong key or tampered data)"));
    out.truncate(total + len);
    return out;
}

Result<QByteArray> scrypt(const QByteArray &password, const QByteArray &salt, quint64 n, quint64 r, quint64 p,
                          int length)
{
    QByteArray out(length, Qt::Uninitialized);
    // Memory needed is 128 * N * r bytes (plus p * 128 * r); allow twice that.
    const quint64 maxmem = 2 * 128 * n * r + 128 * r * p + (1u << 20);
    if (EVP_PBE_scrypt(password.constData(), size_t(password.size()), bytes(salt), size_t(salt.size()), n, r,
                       p, maxmem, bytes(out), size_t(length))
        != 1)
        return makeError("scrypt_failed", QStringLiteral("scrypt parameters rejected"));
    return out;
}

QByteArray base64Url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

Result<QByteArray> fromBase64Url(QByteArrayView text)
{
    auto decoded = QByteArray::fromBase64Encoding(text.toByteArray(),
                                                  QByteArray::Base64UrlEncoding
                                                      | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return makeError("bad_base64", QStringLiteral("not valid base64url"));
    return *decoded;
}

} // namespace puente::crypto
