#include "crypto/crypto.h"
#include "secrets/keyrotation.h"
#include "secrets/masterkeystore.h"
#include "storage/sql.h"
#include "storage/migrations.h"
#include "storage/tenantrepository.h"
#include "storage/whatsappconfigrepository.h"
#include "testsupport.h"

#include <QFile>
#include <QFileInfo>

using namespace puente;
using namespace puente::secrets;
using namespace puente::test;

// Master key storage and rotation, against SQLite and PostgreSQL.
class TestSecrets : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void keyFileCreatedPrivate();
    void keyFileOpenToOthersRefused();
    void keyFromEnvironment();
    void badKeys();
    void wrongMasterKeyDetected();
    void rotationRoundTrip();
    void rotationInterruptedAndResumed();
    void readerSurvivesRotation();
    void environmentRotation();
    void rotationWithWrongKeyChangesNothing();

private:
    // Three tenants with configs sealed under `ring`.
    void seedTenants(const crypto::KeyringPtr &ring);
    void expectTokensOpenWith(const crypto::KeyringPtr &ring);
    int sealedWithKey(const QString &keyId);

    std::unique_ptr<TestDatabase> m_test;
    std::unique_ptr<Database> m_db;
    QList<TenantId> m_tenants;
};

void TestSecrets::initTestCase()
{
    QVERIFY(checkBackendAvailable());
}

void TestSecrets::init()
{
    auto opened = TestDatabase::createOpened(true);
    PUENTE_VERIFY_OK(opened);
    std::tie(m_test, m_db) = std::move(opened).value();
    m_tenants.clear();
}

void TestSecrets::cleanup()
{
    m_db.reset();
    m_test.reset();
}

void TestSecrets::seedTenants(const crypto::KeyringPtr &ring)
{
    TenantRepository tenants(*m_db);
    WhatsAppConfigRepository configs(*m_db, ring);
    for (int i = 0; i < 3; ++i) {
        auto t = tenants.create(QStringLiteral("tenant-%1").arg(i), QStringLiteral("Tenant %1").arg(i), Plan::Basic);
        PUENTE_VERIFY_OK(t);
        m_tenants.append(t->id);
        WhatsAppConfig c;
        c.businessApiToken = QStringLiteral("EAAtoken%1xxxxxxxxxxxx").arg(i);
        c.appSecret = QStringLiteral("app-secret-%1").arg(i);
        c.phoneNumberId = QStringLiteral("10000%1").arg(i);
        PUENTE_VERIFY_OK(configs.save(t->id, c, QStringLiteral("test")));
    }
    PUENTE_VERIFY_OK(verifyMasterKey(*m_db, *ring));
}

void TestSecrets::expectTokensOpenWith(const crypto::KeyringPtr &ring)
{
    WhatsAppConfigRepository configs(*m_db, ring);
    for (int i = 0; i < m_tenants.size(); ++i) {
        auto c = configs.find(m_tenants[i], ApiType::BusinessApi);
        PUENTE_VERIFY_OK(c);
        QCOMPARE(c.value()->businessApiToken, QStringLiteral("EAAtoken%1xxxxxxxxxxxx").arg(i));
        QCOMPARE(c.value()->appSecret, QStringLiteral("app-secret-%1").arg(i));
    }
    PUENTE_VERIFY_OK(verifyMasterKey(*m_db, *ring));
}

int TestSecrets::sealedWithKey(const QString &keyId)
{
    int n = 0;
    Sql q(m_db->connection(), QStringLiteral("SELECT business_api_token, app_secret FROM whatsapp_config"));
    if (!q.exec())
        return -1;
    while (q.next())
        for (int i = 0; i < 2; ++i)
            n += crypto::Keyring::keyIdOfSealed(q.text(i)) == keyId ? 1 : 0;
    Sql s(m_db->connection(), QStringLiteral("SELECT value FROM system_settings"));
    if (!s.exec())
        return -1;
    while (s.next())
        n += crypto::Keyring::keyIdOfSealed(s.text(0)) == keyId ? 1 : 0;
    return n;
}

void TestSecrets::keyFileCreatedPrivate()
{
    const QString path = m_test->dir() + QStringLiteral("/data/master.key");
    const MasterKeyStore store = MasterKeyStore::fromFile(path);
    PUENTE_VERIFY_ERROR(store.readKeys(false), "no_master_key");
    auto created = store.readKeys(true);
    PUENTE_VERIFY_OK(created);
    QCOMPARE(created->size(), 1);
    QCOMPARE(created->first().size(), 32);
    QCOMPARE(QFileInfo(path).permissions() & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
             QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    // Second start: the same key.
    auto again = store.readKeys(true);
    PUENTE_VERIFY_OK(again);
    QCOMPARE(again.value(), created.value());
}

void TestSecrets::keyFileOpenToOthersRefused()
{
    const QString path = m_test->dir() + QStringLiteral("/master.key");
    const MasterKeyStore store = MasterKeyStore::fromFile(path);
    PUENTE_VERIFY_OK(store.readKeys(true));
    const auto owner = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    // Read or write by the group or others: refused, with the fix. Execute
    // bits give nothing away.
    for (const auto open : {QFileDevice::ReadGroup, QFileDevice::ReadOther, QFileDevice::WriteGroup, QFileDevice::WriteOther}) {
        QVERIFY(QFile::setPermissions(path, owner | open));
        auto refused = store.readKeys(true);
        PUENTE_VERIFY_ERROR(refused, "insecure_permissions");
        QVERIFY2(refused.error().message.endsWith(QStringLiteral("; run: chmod 600 ") + path), qPrintable(refused.error().message));
        PUENTE_VERIFY_ERROR(store.keyring(), "insecure_permissions");
    }
    QVERIFY(QFile::setPermissions(path, owner | QFileDevice::ExeGroup | QFileDevice::ExeOther));
    PUENTE_VERIFY_OK(store.readKeys());
}

void TestSecrets::keyFromEnvironment()
{
    const QByteArray k1 = crypto::randomBytes(32);
    const QByteArray k2 = crypto::randomBytes(32);
    const MasterKeyStore store = MasterKeyStore::fromEnvironment(QString::fromLatin1(k1.toBase64()),
                                                                 QString::fromLatin1(k2.toBase64(QByteArray::Base64UrlEncoding)));
    auto keys = store.readKeys();
    PUENTE_VERIFY_OK(keys);
    QCOMPARE(keys.value(), (QList<QByteArray>{k1, k2}));
    PUENTE_VERIFY_ERROR(store.writeKeys({k1}), "master_key_in_environment");
}

void TestSecrets::badKeys()
{
    PUENTE_VERIFY_ERROR(MasterKeyStore::fromEnvironment(QStringLiteral("not base64!"), {}).readKeys(), "bad_master_key");
    PUENTE_VERIFY_ERROR(MasterKeyStore::fromEnvironment(QString::fromLatin1(QByteArray(16, 'x').toBase64()), {}).readKeys(),
                        "bad_master_key");
    PUENTE_VERIFY_ERROR(MasterKeyStore::fromEnvironment(QString(), {}).readKeys(), "bad_master_key");
    const QString path = m_test->dir() + QStringLiteral("/broken.key");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("# comment only\n");
    f.close();
    QVERIFY(f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    PUENTE_VERIFY_ERROR(MasterKeyStore::fromFile(path).readKeys(), "bad_master_key");
}

void TestSecrets::wrongMasterKeyDetected()
{
    auto right = crypto::Keyring::create({crypto::randomBytes(32)});
    auto wrong = crypto::Keyring::create({crypto::randomBytes(32)});
    // First start writes the check value; the same key passes again.
    PUENTE_VERIFY_OK(verifyMasterKey(*m_db, *right.value()));
    PUENTE_VERIFY_OK(verifyMasterKey(*m_db, *right.value()));
    auto s = verifyMasterKey(*m_db, *wrong.value());
    PUENTE_VERIFY_ERROR(s, "wrong_master_key");
    QVERIFY(s.error().message.contains(QLatin1String("PUENTE_MASTER_KEY")));
}

void TestSecrets::rotationRoundTrip()
{
    const MasterKeyStore store = MasterKeyStore::fromFile(m_test->dir() + QStringLiteral("/master.key"));
    auto ring = store.keyring(true);
    PUENTE_VERIFY_OK(ring);
    const QString oldId = ring.value()->currentKeyId();
    seedTenants(ring.value());
    QCOMPARE(sealedWithKey(oldId), 7);

    auto report = rotateMasterKey(*m_db, store, std::chrono::milliseconds(0));
    PUENTE_VERIFY_OK(report);
    QVERIFY(report->finished);
    QVERIFY(!report->resumed);
    QCOMPARE(report->resealed, 7);
    QVERIFY(report->newKeyId != oldId);
    QCOMPARE(sealedWithKey(report->newKeyId), 7);
    QCOMPARE(sealedWithKey(oldId), 0);

    // The file now holds only the new key, and everything opens with it.
    auto keys = store.readKeys();
    PUENTE_VERIFY_OK(keys);
    QCOMPARE(keys->size(), 1);
    auto newRing = store.keyring();
    QCOMPARE(newRing.value()->currentKeyId(), report->newKeyId);
    expectTokensOpenWith(newRing.value());
}

void TestSecrets::rotationInterruptedAndResumed()
{
    const MasterKeyStore store = MasterKeyStore::fromFile(m_test->dir() + QStringLiteral("/master.key"));
    auto ring = store.keyring(true);
    const QString oldId = ring.value()->currentKeyId();
    seedTenants(ring.value());

    // "Crash" after three rows.
    auto partial = rotateMasterKey(*m_db, store, std::chrono::milliseconds(0), 3);
    PUENTE_VERIFY_OK(partial);
    QVERIFY(!partial->finished);
    QCOMPARE(partial->resealed, 3);
    QCOMPARE(sealedWithKey(partial->newKeyId), 3);
    QCOMPARE(sealedWithKey(oldId), 4);
    // Mid-rotation the file holds both keys and every secret still opens.
    QCOMPARE(store.readKeys()->size(), 2);
    expectTokensOpenWith(store.keyring().value());

    auto resumed = rotateMasterKey(*m_db, store, std::chrono::milliseconds(0));
    PUENTE_VERIFY_OK(resumed);
    QVERIFY(resumed->resumed);
    QVERIFY(resumed->finished);
    QCOMPARE(resumed->newKeyId, partial->newKeyId); // same new key, no third one
    QCOMPARE(resumed->resealed, 4);
    QCOMPARE(sealedWithKey(partial->newKeyId), 7);
    QCOMPARE(store.readKeys()->size(), 1);
    expectTokensOpenWith(store.keyring().value());
}

void TestSecrets::readerSurvivesRotation()
{
    const MasterKeyStore store = MasterKeyStore::fromFile(m_test->dir() + QStringLiteral("/master.key"));
    auto readerRing = store.keyring(true); // a running server loaded the old key
    PUENTE_VERIFY_OK(readerRing);
    seedTenants(readerRing.value());
    auto report = rotateMasterKey(*m_db, store, std::chrono::milliseconds(0));
    PUENTE_VERIFY_OK(report);
    // The reader meets the new key id, reloads the file and keeps working.
    expectTokensOpenWith(readerRing.value());
    QCOMPARE(readerRing.value()->currentKeyId(), report->newKeyId);
    // And what it seals now uses the new key.
    QCOMPARE(crypto::Keyring::keyIdOfSealed(readerRing.value()->seal("x", "y")), report->newKeyId);
}

void TestSecrets::environmentRotation()
{
    const QByteArray oldKey = crypto::randomBytes(32);
    const QByteArray newKey = crypto::randomBytes(32);
    auto oldRing = MasterKeyStore::fromEnvironment(QString::fromLatin1(oldKey.toBase64()), {}).keyring();
    PUENTE_VERIFY_OK(oldRing);
    seedTenants(oldRing.value());
    // The operator sets the new key and keeps the old one as previous.
    const MasterKeyStore store = MasterKeyStore::fromEnvironment(QString::fromLatin1(newKey.toBase64()),
                                                                 QString::fromLatin1(oldKey.toBase64()));
    auto report = rotateMasterKey(*m_db, store, std::chrono::milliseconds(0));
    PUENTE_VERIFY_OK(report);
    QCOMPARE(report->resealed, 7);
    QCOMPARE(report->newKeyId, crypto::Keyring::keyIdOf(newKey));
    expectTokensOpenWith(MasterKeyStore::fromEnvironment(QString::fromLatin1(newKey.toBase64()), {}).keyring().value());
}

void TestSecrets::rotationWithWrongKeyChangesNothing()
{
    auto ring = crypto::Keyring::create({crypto::randomBytes(32)});
    seedTenants(ring.value());
    const QString path = m_test->dir() + QStringLiteral("/wrong.key");
    const MasterKeyStore wrong = MasterKeyStore::fromFile(path);
    PUENTE_VERIFY_OK(wrong.readKeys(true));
    const QByteArray fileBefore = [&] { QFile f(path); f.open(QIODevice::ReadOnly); return f.readAll(); }();
    PUENTE_VERIFY_ERROR(rotateMasterKey(*m_db, wrong, std::chrono::milliseconds(0)), "wrong_master_key");
    QCOMPARE(sealedWithKey(ring.value()->currentKeyId()), 7);
    const QByteArray fileAfter = [&] { QFile f(path); f.open(QIODevice::ReadOnly); return f.readAll(); }();
    QCOMPARE(fileAfter, fileBefore);
}

QTEST_GUILESS_MAIN(TestSecrets)
#include "tst_secrets.moc"
