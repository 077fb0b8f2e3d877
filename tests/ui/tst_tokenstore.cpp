#include "localserver.h"
#include "signindialog.h"
#include "testsupport.h"
#include "tokenstore.h"

#include <QCheckBox>
#include <QDirIterator>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUuid>

using namespace puente;

// The session token in a real keychain. CTest runs this binary twice:
//  tst_tokenstore_keychain — the keychain* functions inside a private D-Bus
//    session with gnome-keyring unlocked in a throwaway folder (see
//    tests/CMakeLists.txt), the Secret Service a desktop session has;
//  tst_tokenstore_headless — the headless* functions with no D-Bus session
//    at all, as on a server or in a bare container.
// Run by hand, pass the function names the same way: one process cannot be
// both (its D-Bus connection, once made, stays).
class TestTokenStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void keychainRoundTrip();
    void keychainAccountsAreSeparate();
    void keychainForget();
    void keychainNoPlainTextOnDisk();
    void keychainSignInRemembersSession();
    void keychainJobsOutliveTheirStore();
    void headlessSaveFails();

private:
    static QString uniqueToken() { return QStringLiteral("tok_") + QUuid::createUuid().toString(QUuid::Id128); }
    static QString uniqueAccount()
    {
        return ui::TokenStore::accountFor(QUrl(QStringLiteral("https://puente.example.com/")),
                                          QUuid::createUuid().toString(QUuid::Id128) + QStringLiteral("@example.com"));
    }
    QTemporaryDir m_config;
};

void TestTokenStore::initTestCase()
{
    QVERIFY(m_config.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("PuenteTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_tokenstore"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_config.path());
}

void TestTokenStore::keychainRoundTrip()
{
    ui::TokenStore store;
    QSignalSpy saved(&store, &ui::TokenStore::saved);
    QSignalSpy loaded(&store, &ui::TokenStore::loaded);
    const QString account = uniqueAccount();
    const QString token = uniqueToken();

    store.load(account);
    QVERIFY(loaded.wait(10000));
    QCOMPARE(loaded.last().at(0).toString(), QString()); // nothing yet
    QCOMPARE(loaded.last().at(1).toString(), QString()); // and that is no error

    store.save(account, token);
    QVERIFY(saved.wait(10000));
    QVERIFY2(saved.last().at(0).toBool(), qPrintable(saved.last().at(1).toString()));
    QCOMPARE(saved.last().at(1).toString(), QString());

    // Another store (the next start of the console) finds it.
    ui::TokenStore next;
    QSignalSpy nextLoaded(&next, &ui::TokenStore::loaded);
    next.load(account);
    QVERIFY(nextLoaded.wait(10000));
    QCOMPARE(nextLoaded.last().at(0).toString(), token);
    QCOMPARE(nextLoaded.last().at(1).toString(), QString());
}

void TestTokenStore::keychainAccountsAreSeparate()
{
    const QUrl server(QStringLiteral("https://puente.example.com/"));
    const QString email = QUuid::createUuid().toString(QUuid::Id128) + QStringLiteral("@example.com");
    const QString a = ui::TokenStore::accountFor(server, email);
    const QString b = ui::TokenStore::accountFor(QUrl(QStringLiteral("http://127.0.0.1:8080")), email);
    QCOMPARE(a, QStringLiteral("https://puente.example.com ") + email);
    QVERIFY(a != b);
    ui::TokenStore store;
    QSignalSpy saved(&store, &ui::TokenStore::saved);
    QSignalSpy loaded(&store, &ui::TokenStore::loaded);
    store.save(a, QStringLiteral("token-a"));
    store.save(b, QStringLiteral("token-b"));
    QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 2, 10000);
    QVERIFY(saved.at(0).at(0).toBool() && saved.at(1).at(0).toBool());
    store.load(a);
    store.load(b);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 2, 10000);
    QCOMPARE(loaded.at(0).at(0).toString(), QStringLiteral("token-a"));
    QCOMPARE(loaded.at(1).at(0).toString(), QStringLiteral("token-b"));
}

void TestTokenStore::keychainForget()
{
    ui::TokenStore store;
    QSignalSpy saved(&store, &ui::TokenStore::saved);
    QSignalSpy loaded(&store, &ui::TokenStore::loaded);
    QSignalSpy forgotten(&store, &ui::TokenStore::forgotten);
    const QString account = uniqueAccount();
    store.save(account, uniqueToken());
    QVERIFY(saved.wait(10000));
    QVERIFY(saved.last().at(0).toBool());
    store.forget(account);
    QVERIFY(forgotten.wait(10000));
    QVERIFY2(forgotten.last().at(0).toBool(), qPrintable(forgotten.last().at(1).toString()));
    store.load(account);
    QVERIFY(loaded.wait(10000));
    QCOMPARE(loaded.last().at(0).toString(), QString());
    QCOMPARE(loaded.last().at(1).toString(), QString());
    // Forgetting what is not there is no error (sign-out twice, "Remember
    // me" unticked on a first sign-in).
    store.forget(account);
    QVERIFY(forgotten.wait(10000));
    QVERIFY(forgotten.last().at(0).toBool());
}

void TestTokenStore::keychainJobsOutliveTheirStore()
{
    // The console's window (and its store) may go while the keychain is
    // still answering: signing out, switching language, quitting. The
    // answer must find its job alive, and what was asked is still done.
    const QString kept = uniqueAccount();
    const QString token = uniqueToken();
    {
        ui::TokenStore store;
        store.save(kept, token);
        store.load(uniqueAccount());
        store.forget(uniqueAccount());
    } // gone, three jobs in flight
    QTest::qWait(1500); // their answers arrive (this crashed when the store owned its jobs)
    ui::TokenStore next;
    QSignalSpy loaded(&next, &ui::TokenStore::loaded);
    next.load(kept);
    QVERIFY(loaded.wait(10000));
    QCOMPARE(loaded.last().at(0).toString(), token);
}

void TestTokenStore::keychainNoPlainTextOnDisk()
{
    ui::TokenStore store;
    QSignalSpy saved(&store, &ui::TokenStore::saved);
    const QString token = uniqueToken();
    store.save(uniqueAccount(), token);
    QVERIFY(saved.wait(10000));
    QVERIFY(saved.last().at(0).toBool());
    // The keyring's own files (the wrapper points XDG_DATA_HOME at a fresh
    // folder) and the settings hold the token only encrypted, if at all.
    const QStringList folders{qEnvironmentVariable("XDG_DATA_HOME"), m_config.path()};
    QVERIFY2(!folders.first().isEmpty(), "run under the keychain wrapper (XDG_DATA_HOME)");
    int keyringFiles = 0;
    for (const QString &folder : folders) {
        QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (path.endsWith(QLatin1String(".keyring")))
                ++keyringFiles;
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(!f.readAll().contains(token.toUtf8()), qPrintable(path));
        }
    }
    QVERIFY2(keyringFiles > 0, "no keyring file: the scan looked in the wrong place");
}

void TestTokenStore::keychainSignInRemembersSession()
{
    QTemporaryDir dir;
    auto server = server::LocalServer::start(dir.path(), true);
    PUENTE_VERIFY_OK(server);
    const QUrl url = server.value()->baseUrl();
    ui::TokenStore store;
    ui::SignInDialog dialog;
    dialog.setTokenStore(&store);
    dialog.setServerResolver([url](bool, const QUrl &, const ui::SignInDialog::ServerAnswer &answer) { answer(url, {}); });
    dialog.findChild<QRadioButton *>(QStringLiteral("serverLocal"))->setChecked(true);
    dialog.findChild<QLineEdit *>(QStringLiteral("email"))->setText(QStringLiteral("admin@demo.puente"));
    dialog.findChild<QLineEdit *>(QStringLiteral("password"))->setText(QStringLiteral("demo-puente-2026"));
    dialog.findChild<QCheckBox *>(QStringLiteral("rememberMe"))->setChecked(true);
    dialog.show();
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("signIn")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(dialog.result(), int(QDialog::Accepted), 15000);
    QVERIFY(!dialog.token().isEmpty());
    QCOMPARE(dialog.sessionAccount(), QStringLiteral("local admin@demo.puente"));

    QSignalSpy loaded(&store, &ui::TokenStore::loaded);
    store.load(dialog.sessionAccount());
    QVERIFY(loaded.wait(10000));
    QCOMPARE(loaded.last().at(0).toString(), dialog.token());

    // Signing in again without "Remember me" drops it.
    ui::SignInDialog again;
    again.setTokenStore(&store);
    again.setServerResolver([url](bool, const QUrl &, const ui::SignInDialog::ServerAnswer &answer) { answer(url, {}); });
    QCOMPARE(again.findChild<QLineEdit *>(QStringLiteral("email"))->text(), QStringLiteral("admin@demo.puente"));
    again.findChild<QLineEdit *>(QStringLiteral("password"))->setText(QStringLiteral("demo-puente-2026"));
    again.findChild<QCheckBox *>(QStringLiteral("rememberMe"))->setChecked(false);
    QSignalSpy forgotten(&store, &ui::TokenStore::forgotten);
    again.submit();
    QTRY_COMPARE_WITH_TIMEOUT(again.result(), int(QDialog::Accepted), 15000);
    // The dialog does not wait for the keychain to forget: it may be done already.
    QTRY_COMPARE_WITH_TIMEOUT(forgotten.count(), 1, 10000);
    QVERIFY(forgotten.first().first().toBool());
    store.load(again.sessionAccount());
    QVERIFY(loaded.wait(10000));
    QCOMPARE(loaded.last().at(0).toString(), QString());
}

void TestTokenStore::headlessSaveFails()
{
    // No session bus to find: what a server or a bare container has.
    for (const char *name : {"DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY", "XDG_RUNTIME_DIR"})
        qunsetenv(name);
    ui::TokenStore store;
    QSignalSpy saved(&store, &ui::TokenStore::saved);
    QSignalSpy loaded(&store, &ui::TokenStore::loaded);
    const QString token = uniqueToken();
    store.save(uniqueAccount(), token);
    QVERIFY(saved.wait(20000));
    QCOMPARE(saved.last().at(0).toBool(), false);
    const QString reason = saved.last().at(1).toString();
    QVERIFY(!reason.isEmpty());
    qInfo().noquote() << "keychain unavailable:" << reason;
    store.load(uniqueAccount());
    QVERIFY(loaded.wait(20000));
    QCOMPARE(loaded.last().at(0).toString(), QString());
    QVERIFY(!loaded.last().at(1).toString().isEmpty());
    // And no fallback file appeared in its place.
    QDirIterator it(m_config.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY2(!f.readAll().contains(token.toUtf8()), qPrintable(f.fileName()));
    }
}

QTEST_MAIN(TestTokenStore)
#include "tst_tokenstore.moc"
