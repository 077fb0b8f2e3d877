#include "crypto/crypto.h"
#include "crypto/passwordhash.h"
#include "crypto/secretbox.h"
#include "testsupport.h"

#include <QRegularExpression>
#include <QSet>

using namespace puente;
using namespace puente::crypto;

class TestCrypto : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void hmacRfc4231_data();
    void hmacRfc4231();
    void verifyHmacHex();
    void aesGcmNist_data();
    void aesGcmNist();
    void aesGcmRejectsTampering();
    void scryptRfc7914_data();
    void scryptRfc7914();
    void passwordHashRoundTrip();
    void passwordHashRejectsMalformed();
    void randomTokens();
    void secretBoxRoundTrip();
    void secretBoxRejectsTamperingAndMovedValues();
    void secretBoxKeyRotation();
    void secretBoxReloadsUnknownKey();
    void secretBoxRejectsBadKeys();
    void secretBoxWriterMovesToRotatedKey();
};

static QByteArray hex(const char *h)
{
    return QByteArray::fromHex(QByteArray(h));
}

void TestCrypto::hmacRfc4231_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QByteArray>("mac");
    QTest::addRow("case 1") << QByteArray(20, '\x0b') << QByteArray("Hi There")
                            << hex("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    QTest::addRow("case 2") << QByteArray("Jefe") << QByteArray("what do ya want for nothing?")
                            << hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    QTest::addRow("case 3") << QByteArray(20, '\xaa') << QByteArray(50, '\xdd')
                            << hex("773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
    QTest::addRow("case 4") << hex("0102030405060708090a0b0c0d0e0f10111213141516171819") << QByteArray(50, '\xcd')
                            << hex("82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
    QTest::addRow("case 6") << QByteArray(131, '\xaa')
                            << QByteArray("Test Using Larger Than Block-Size Key - Hash Key First")
                            << hex("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    QTest::addRow("case 7") << QByteArray(131, '\xaa')
                            << QByteArray("This is a test using a larger than block-size key and a larger than "
                                          "block-size data. The key needs to be hashed before being used by the "
                                          "HMAC algorithm.")
                            << hex("9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
    // Not in RFC 4231: an empty key (OpenSSL's EVP_MAC_init refuses one).
    QTest::addRow("empty key") << QByteArray() << QByteArray()
                               << hex("b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

void TestCrypto::hmacRfc4231()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, mac);
    QCOMPARE(hmacSha256(key, data).toHex(), mac.toHex());
    QVERIFY(verifyHmacSha256Hex(key, data, mac.toHex()));
}

void TestCrypto::verifyHmacHex()
{
    const QByteArray key("app-secret");
    const QByteArray body(R"({"object":"whatsapp_business_account","entry":[]})");
    const QByteArray good = hmacSha256(key, body).toHex();
    QVERIFY(verifyHmacSha256Hex(key, body, good));
    QVERIFY(verifyHmacSha256Hex(key, body, good.toUpper()));
    QVERIFY(!verifyHmacSha256Hex(key, body + ' ', good));            // one byte more in the body
    QVERIFY(!verifyHmacSha256Hex("other-secret", body, good));       // wrong key
    QByteArray flipped = good;
    flipped[63] = flipped[63] == '0' ? '1' : '0';
    QVERIFY(!verifyHmacSha256Hex(key, body, flipped));               // last digit differs
    QVERIFY(!verifyHmacSha256Hex(key, body, good.left(62)));         // truncated
    QVERIFY(!verifyHmacSha256Hex(key, body, QByteArray(64, 'g')));  // not hex
    QVERIFY(!verifyHmacSha256Hex(key, body, QByteArray()));
}

void TestCrypto::aesGcmNist_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("iv");
    QTest::addColumn<QByteArray>("plaintext");
    QTest::addColumn<QByteArray>("aad");
    QTest::addColumn<QByteArray>("ciphertext");
    QTest::addColumn<QByteArray>("tag");
    // McGrew & Viega, "The Galois/Counter Mode of Operation", appendix B (NIST).
    QTest::addRow("test case 13") << QByteArray(32, 0) << QByteArray(12, 0) << QByteArray() << QByteArray()
                                  << QByteArray() << hex("530f8afbc74536b9a963b4f1c4cb738b");
    QTest::addRow("test case 14") << QByteArray(32, 0) << QByteArray(12, 0) << QByteArray(16, 0) << QByteArray()
                                  << hex("cea7403d4d606b6e074ec5d3baf39d18") << hex("d0d1c8a799996bf0265b98b5d48ab919");
    QTest::addRow("test case 16")
        << hex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308") << hex("cafebabefacedbaddecaf888")
        << hex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b1"
               "6aedf5aa0de657ba637b39")
        << hex("feedfacedeadbeeffeedfacedeadbeefabaddad2")
        << hex("522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838"
               "c5f61e6393ba7a0abcc9f662")
        << hex("76fc6ece0f4e1768cddf8853bb2d551b");
}

void TestCrypto::aesGcmNist()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, iv);
    QFETCH(QByteArray, plaintext);
    QFETCH(QByteArray, aad);
    QFETCH(QByteArray, ciphertext);
    QFETCH(QByteArray, tag);
    const QByteArray sealed = aes256GcmSeal(key, iv, plaintext, aad);
    QCOMPARE(sealed.toHex(), (ciphertext + tag).toHex());
    auto opened = aes256GcmOpen(key, iv, sealed, aad);
    PUENTE_VERIFY_OK(opened);
    QCOMPARE(opened.value(), plaintext);
}

void TestCrypto::aesGcmRejectsTampering()
{
    const QByteArray key = randomBytes(32);
    const QByteArray iv = randomBytes(12);
    const QByteArray sealed = aes256GcmSeal(key, iv, "EAAB-token-value", "ctx");
    for (int i = 0; i < sealed.size(); ++i) {
        QByteArray bad = sealed;
        bad[i] = char(bad[i] ^ 0x01);
        PUENTE_VERIFY_ERROR(aes256GcmOpen(key, iv, bad, "ctx"), "decrypt_failed");
    }
    PUENTE_VERIFY_ERROR(aes256GcmOpen(key, iv, sealed, "other ctx"), "decrypt_failed");
    PUENTE_VERIFY_ERROR(aes256GcmOpen(randomBytes(32), iv, sealed, "ctx"), "decrypt_failed");
    PUENTE_VERIFY_ERROR(aes256GcmOpen(key, iv, sealed.left(10), "ctx"), "decrypt_failed");
}

void TestCrypto::scryptRfc7914_data()
{
    QTest::addColumn<QByteArray>("password");
    QTest::addColumn<QByteArray>("salt");
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("r");
    QTest::addColumn<int>("p");
    QTest::addColumn<QByteArray>("expected");
    QTest::addRow("empty") << QByteArray() << QByteArray() << 16 << 1 << 1
                           << hex("77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442"
                                  "fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906");
    QTest::addRow("password/NaCl") << QByteArray("password") << QByteArray("NaCl") << 1024 << 8 << 16
                                   << hex("fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
                                          "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640");
}

void TestCrypto::scryptRfc7914()
{
    QFETCH(QByteArray, password);
    QFETCH(QByteArray, salt);
    QFETCH(int, n);
    QFETCH(int, r);
    QFETCH(int, p);
    QFETCH(QByteArray, expected);
    auto derived = scrypt(password, salt, quint64(n), quint64(r), quint64(p), 64);
    PUENTE_VERIFY_OK(derived);
    QCOMPARE(derived.value().toHex(), expected.toHex());
}

void TestCrypto::passwordHashRoundTrip()
{
    const ScryptParams fast{10, 8, 1};
    const QString hash = hashPassword(QStringLiteral("contraseña segura 2026"), fast);
    QVERIFY2(hash.startsWith(QLatin1String("$scrypt$ln=10,r=8,p=1$")), qPrintable(hash));
    QVERIFY(verifyPassword(QStringLiteral("contraseña segura 2026"), hash));
    QVERIFY(!verifyPassword(QStringLiteral("contrasena segura 2026"), hash));
    QVERIFY(!verifyPassword(QString(), hash));
    // Same password, new salt: a different hash.
    QVERIFY(hashPassword(QStringLiteral("contraseña segura 2026"), fast) != hash);
    QVERIFY(needsRehash(hash, ScryptParams{}));
    QVERIFY(!needsRehash(hash, fast));
}

void TestCrypto::passwordHashRejectsMalformed()
{
    const QString good = hashPassword(QStringLiteral("correct horse battery"), {10, 8, 1});
    QVERIFY(!verifyPassword(QStringLiteral("correct horse battery"), QString()));
    QVERIFY(!verifyPassword(QStringLiteral("correct horse battery"), QStringLiteral("plain text")));
    QString tooExpensive = good;
    tooExpensive.replace(QLatin1String("ln=10"), QLatin1String("ln=30"));
    QVERIFY(!verifyPassword(QStringLiteral("correct horse battery"), tooExpensive));
    QString otherParams = good;
    otherParams.replace(QLatin1String("ln=10"), QLatin1String("ln=11"));
    QVERIFY(!verifyPassword(QStringLiteral("correct horse battery"), otherParams));
}

void TestCrypto::randomTokens()
{
    QSet<QString> seen;
    static const QRegularExpression urlSafe(QStringLiteral("^[A-Za-z0-9_-]{43}$"));
    for (int i = 0; i < 200; ++i) {
        const QString t = randomToken(32);
        QVERIFY2(urlSafe.match(t).hasMatch(), qPrintable(t));
        seen.insert(t);
    }
    QCOMPARE(seen.size(), 200);
    QCOMPARE(randomToken(16).size(), 22);
}

void TestCrypto::secretBoxRoundTrip()
{
    auto ring = Keyring::create({randomBytes(32)});
    PUENTE_VERIFY_OK(ring);
    const QByteArray token("EAABsbCS1iHgBAKZCZB3Xw0ZD");
    const QString sealed = ring.value()->seal(token, "whatsapp_config/1/business_api_token");
    QVERIFY(sealed.startsWith(QLatin1String("v1.") + ring.value()->currentKeyId() + QLatin1Char('.')));
    QVERIFY(!sealed.contains(QLatin1String("EAAB")));
    auto opened = ring.value()->open(sealed, "whatsapp_config/1/business_api_token");
    PUENTE_VERIFY_OK(opened);
    QCOMPARE(opened.value(), token);
    // A random nonce: sealing twice gives two different values.
    QVERIFY(ring.value()->seal(token, "c") != ring.value()->seal(token, "c"));
    auto empty = ring.value()->open(ring.value()->seal(QByteArray(), "c"), "c");
    PUENTE_VERIFY_OK(empty);
    QVERIFY(empty.value().isEmpty());
}

void TestCrypto::secretBoxRejectsTamperingAndMovedValues()
{
    auto ring = Keyring::create({randomBytes(32)});
    PUENTE_VERIFY_OK(ring);
    const QString sealed = ring.value()->seal("secret", "whatsapp_config/1/app_secret");
    // Copied to another tenant's row: does not open.
    PUENTE_VERIFY_ERROR(ring.value()->open(sealed, "whatsapp_config/2/app_secret"), "secret_tampered");
    // One character of the payload changed.
    QString bad = sealed;
    const qsizetype i = bad.size() - 5;
    bad[i] = bad[i] == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
    PUENTE_VERIFY_ERROR(ring.value()->open(bad, "whatsapp_config/1/app_secret"), "secret_tampered");
    PUENTE_VERIFY_ERROR(ring.value()->open(QStringLiteral("v1.abc"), "x"), "secret_malformed");
    PUENTE_VERIFY_ERROR(ring.value()->open(QStringLiteral("plain-token"), "x"), "secret_malformed");
    PUENTE_VERIFY_ERROR(ring.value()->open(sealed.left(sealed.size() - 30), "whatsapp_config/1/app_secret"),
                        "secret_malformed");
}

void TestCrypto::secretBoxKeyRotation()
{
    const QByteArray oldKey = randomBytes(32);
    const QByteArray newKey = randomBytes(32);
    auto oldRing = Keyring::create({oldKey});
    auto bothRing = Keyring::create({newKey, oldKey});
    auto newRing = Keyring::create({newKey});
    PUENTE_VERIFY_OK(oldRing);
    PUENTE_VERIFY_OK(bothRing);
    PUENTE_VERIFY_OK(newRing);
    const QString underOld = oldRing.value()->seal("token", "ctx");
    // During rotation both keys open; new values use the new key.
    auto opened = bothRing.value()->open(underOld, "ctx");
    PUENTE_VERIFY_OK(opened);
    const QString resealed = bothRing.value()->seal(opened.value(), "ctx");
    QCOMPARE(Keyring::keyIdOfSealed(resealed), Keyring::keyIdOf(newKey));
    auto afterRotation = newRing.value()->open(resealed, "ctx");
    PUENTE_VERIFY_OK(afterRotation);
    QCOMPARE(afterRotation.value(), QByteArray("token"));
    // Once the old key is retired, old values no longer open.
    PUENTE_VERIFY_ERROR(newRing.value()->open(underOld, "ctx"), "unknown_master_key");
}

void TestCrypto::secretBoxReloadsUnknownKey()
{
    const QByteArray k1 = randomBytes(32);
    const QByteArray k2 = randomBytes(32);
    QList<QByteArray> stored{k1};
    int reloads = 0;
    auto reader = Keyring::create({k1}, [&] {
        ++reloads;
        return Result<QList<QByteArray>>(stored);
    });
    PUENTE_VERIFY_OK(reader);
    auto writer = Keyring::create({k2, k1});
    const QString sealed = writer.value()->seal("v", "c");
    PUENTE_VERIFY_ERROR(reader.value()->open(sealed, "c"), "unknown_master_key");
    QCOMPARE(reloads, 1);
    stored = {k2, k1}; // another process rotated the key file
    auto opened = reader.value()->open(sealed, "c");
    PUENTE_VERIFY_OK(opened);
    QCOMPARE(reloads, 2);
    QCOMPARE(reader.value()->currentKeyId(), Keyring::keyIdOf(k2));
    PUENTE_VERIFY_OK(reader.value()->open(sealed, "c"));
    QCOMPARE(reloads, 2); // known now: no further reload
}

void TestCrypto::secretBoxRejectsBadKeys()
{
    PUENTE_VERIFY_ERROR(Keyring::create({}), "no_master_key");
    PUENTE_VERIFY_ERROR(Keyring::create({QByteArray(16, 'k')}), "bad_master_key");
}

void TestCrypto::secretBoxWriterMovesToRotatedKey()
{
    // A process that only writes never meets an unknown key id; it must
    // still pick up a rotated key file before sealing again.
    const QByteArray oldKey = randomBytes(32);
    const QByteArray newKey = randomBytes(32);
    QList<QByteArray> file{oldKey};
    auto writer = Keyring::create({oldKey}, [&] { return Result<QList<QByteArray>>(file); }, 0);
    PUENTE_VERIFY_OK(writer);
    QCOMPARE(Keyring::keyIdOfSealed(writer.value()->seal("a", "c")), Keyring::keyIdOf(oldKey));
    file = {newKey, oldKey}; // rotate-master-key wrote the new key
    QCOMPARE(Keyring::keyIdOfSealed(writer.value()->seal("b", "c")), Keyring::keyIdOf(newKey));
    // With the default interval, a fresh ring does not re-read on every seal.
    int reads = 0;
    auto lazy = Keyring::create({oldKey}, [&] { ++reads; return Result<QList<QByteArray>>(file); });
    (void)lazy.value()->seal("x", "c");
    QCOMPARE(reads, 0);
}

QTEST_GUILESS_MAIN(TestCrypto)
#include "tst_crypto.moc"
