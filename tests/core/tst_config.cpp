#include "config/settings.h"
#include "domain/tenant.h"
#include "domain/user.h"
#include "domain/whatsappconfig.h"
#include "logging/logging.h"
#include "storage/databaseurl.h"
#include "testsupport.h"

#include <QTemporaryDir>

using namespace puente;

class TestConfig : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void databaseUrls();
    void badDatabaseUrls_data();
    void badDatabaseUrls();
    void settingsPrecedence();
    void settingsMissingFile();
    void logRedaction();
    void passwordPolicy_data();
    void passwordPolicy();
    void emailsAndSlugs();
    void masking();
};

void TestConfig::databaseUrls()
{
    auto sqlite = DatabaseUrl::parse(QStringLiteral("sqlite:///var/lib/puente/puente.db"));
    PUENTE_VERIFY_OK(sqlite);
    QCOMPARE(sqlite->dialect, Dialect::Sqlite);
    QCOMPARE(sqlite->path, QStringLiteral("/var/lib/puente/puente.db"));

    auto relative = DatabaseUrl::parse(QStringLiteral("sqlite:data/puente.db"));
    PUENTE_VERIFY_OK(relative);
    QCOMPARE(relative->path, QStringLiteral("data/puente.db"));

    auto pg = DatabaseUrl::parse(QStringLiteral("postgres://ana:s%40cret@db.internal:6432/puente?sslmode=require"));
    PUENTE_VERIFY_OK(pg);
    QCOMPARE(pg->dialect, Dialect::Postgres);
    QCOMPARE(pg->user, QStringLiteral("ana"));
    QCOMPARE(pg->password, QStringLiteral("s@cret"));
    QCOMPARE(pg->host, QStringLiteral("db.internal"));
    QCOMPARE(pg->port, 6432);
    QCOMPARE(pg->database, QStringLiteral("puente"));
    QCOMPARE(pg->options, QStringLiteral("sslmode=require"));
    QVERIFY(!pg->redacted().contains(QLatin1String("s@cret")));
    QVERIFY(pg->redacted().contains(QLatin1String("ana:***@db.internal:6432/puente")));

    auto socket = DatabaseUrl::parse(QStringLiteral("postgresql://puente@/puente?host=/run/postgresql"));
    PUENTE_VERIFY_OK(socket);
    QCOMPARE(socket->host, QStringLiteral("/run/postgresql"));
    QCOMPARE(socket->port, 5432);
}

void TestConfig::badDatabaseUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addRow("mysql") << QStringLiteral("mysql://root@localhost/puente");
    QTest::addRow("no scheme") << QStringLiteral("/var/lib/puente.db");
    QTest::addRow("empty sqlite path") << QStringLiteral("sqlite://");
    QTest::addRow("pg without database") << QStringLiteral("postgres://user@localhost:5432/");
    QTest::addRow("empty") << QString();
}

void TestConfig::badDatabaseUrls()
{
    QFETCH(QString, url);
    auto parsed = DatabaseUrl::parse(url);
    PUENTE_VERIFY_ERROR(parsed, "bad_database_url");
    QVERIFY(!parsed.error().message.isEmpty());
}

void TestConfig::settingsPrecedence()
{
    QTemporaryDir dir;
    const QString ini = dir.filePath(QStringLiteral("puente.ini"));
    QFile f(ini);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("database = sqlite:///from/file.db\nlisten = 0.0.0.0:9000\n[puente]\nlog_format = json\n"
            "media_download_hosts = *.fbsbx.com, media.example.com\n");
    f.close();

    QProcessEnvironment env;
    env.insert(QStringLiteral("PUENTE_LISTEN"), QStringLiteral("127.0.0.1:7000"));
    auto settings = Settings::load(ini, env);
    PUENTE_VERIFY_OK(settings);
    QCOMPARE(settings->value(QStringLiteral("database")), QStringLiteral("sqlite:///from/file.db"));
    QCOMPARE(settings->value(QStringLiteral("listen")), QStringLiteral("127.0.0.1:7000")); // env beats file
    QCOMPARE(settings->value(QStringLiteral("log_format")), QStringLiteral("json"));
    // Unquoted commas: QSettings reads a list; the setting keeps every item.
    QCOMPARE(settings->value(QStringLiteral("media_download_hosts")), QStringLiteral("*.fbsbx.com,media.example.com"));
    QCOMPARE(settings->value(QStringLiteral("data_dir"), QStringLiteral("/default")), QStringLiteral("/default"));
    QVERIFY(!settings->contains(QStringLiteral("data_dir")));
    settings.value().setOverride(QStringLiteral("listen"), QStringLiteral("[::1]:1"));
    QCOMPARE(settings->value(QStringLiteral("listen")), QStringLiteral("[::1]:1")); // command line beats env
    QCOMPARE(Settings::envName(QStringLiteral("data_dir")), QStringLiteral("PUENTE_DATA_DIR"));
}

void TestConfig::settingsMissingFile()
{
    PUENTE_VERIFY_ERROR(Settings::load(QStringLiteral("/nonexistent/puente.ini"), {}), "bad_config");
}

void TestConfig::logRedaction()
{
    const QString line = QStringLiteral(
        "calling Graph with EAABsbCS1iHgBAKZCZB3Xw0ZDxyz and Authorization: Bearer abc.def-ghi_123 done");
    const QString out = logging::redactSecrets(line);
    QVERIFY2(!out.contains(QLatin1String("EAABsbCS1iHg")), qPrintable(out));
    QVERIFY2(!out.contains(QLatin1String("abc.def-ghi_123")), qPrintable(out));
    QVERIFY(out.contains(QLatin1String("calling Graph with [redacted]")));
    QVERIFY(out.endsWith(QLatin1String(" done")));
    QCOMPARE(logging::redactSecrets(QStringLiteral("nothing secret")), QStringLiteral("nothing secret"));
    // A token with '-' or '_' (base64url, as the Sandbox makes them) is
    // masked whole, wherever they fall.
    QCOMPARE(logging::redactSecrets(QStringLiteral("renewed EAASWMS73pO1gr0_RrbANyDW-wBTF2ko29D3eKYN9ADd; done")),
             QStringLiteral("renewed [redacted]; done"));
    QCOMPARE(logging::redactSecrets(QStringLiteral("EAAS_-_-_-_-_-_-_-_-x")), QStringLiteral("[redacted]"));
}

void TestConfig::passwordPolicy_data()
{
    QTest::addColumn<QString>("password");
    QTest::addColumn<bool>("accepted");
    QTest::addRow("empty") << QString() << false;
    QTest::addRow("short") << QStringLiteral("abc123") << false;
    QTest::addRow("repetitive") << QStringLiteral("aaaaaaaaaaaabbbb") << false;
    QTest::addRow("common") << QStringLiteral("Password123") << false;
    QTest::addRow("good") << QStringLiteral("reclutar candidatos 2026") << true;
    QTest::addRow("good unicode") << QStringLiteral("señal-ñandú-42") << true;
}

void TestConfig::passwordPolicy()
{
    QFETCH(QString, password);
    QFETCH(bool, accepted);
    const Status s = checkPasswordPolicy(password);
    QCOMPARE(s.ok(), accepted);
    if (!accepted)
        QCOMPARE(s.error().code, QStringLiteral("weak_password"));
}

void TestConfig::emailsAndSlugs()
{
    auto e = normalizeEmail(QStringLiteral("  Ana.Garcia@Example.COM "));
    PUENTE_VERIFY_OK(e);
    QCOMPARE(e.value(), QStringLiteral("ana.garcia@example.com"));
    PUENTE_VERIFY_ERROR(normalizeEmail(QStringLiteral("ana@")), "invalid_email");
    PUENTE_VERIFY_ERROR(normalizeEmail(QStringLiteral("no at sign")), "invalid_email");
    QVERIFY(isValidSlug(QStringLiteral("acme")));
    QVERIFY(isValidSlug(QStringLiteral("acme-2")));
    QVERIFY(!isValidSlug(QStringLiteral("Acme")));
    QVERIFY(!isValidSlug(QStringLiteral("-acme")));
    QVERIFY(!isValidSlug(QStringLiteral("acme-")));
    QVERIFY(!isValidSlug(QStringLiteral("a")));
    QVERIFY(!isValidSlug(QStringLiteral("acme corp")));
    QVERIFY(!isValidSlug(QString(64, QLatin1Char('a'))));
}

void TestConfig::masking()
{
    QCOMPARE(maskSecret(QStringLiteral("EAABsbCS1iHgBAKZCZB3Xw0x9Qz")), QStringLiteral("EAAB…x9Qz"));
    QCOMPARE(maskSecret(QStringLiteral("short")), QStringLiteral("…"));
    // Short secrets show less: never more than a sixth at each end.
    QCOMPARE(maskSecret(QStringLiteral("abcdefghijk")), QStringLiteral("a…k"));
    QCOMPARE(maskSecret(QStringLiteral("abcdefghijkl")), QStringLiteral("ab…kl"));
    QCOMPARE(maskSecret(QStringLiteral("abcdefghijklmnopqrstuvwx")), QStringLiteral("abcd…uvwx"));
    QCOMPARE(maskSecret(QString()), QString());
}

QTEST_GUILESS_MAIN(TestConfig)
#include "tst_config.moc"
