#include "client/apiclient.h"
#include "localserver.h"
#include "setupdialog.h"
#include "signindialog.h"
#include "storage/database.h"
#include "storage/tenantrepository.h"
#include "storage/userrepository.h"
#include "testsupport.h"
#include "tokenstore.h"
#include "translations.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>

using namespace puente;

namespace {
const QString kAdmin = QStringLiteral("admin@demo.puente");
const QString kDemoPassword = QStringLiteral("demo-puente-2026");
const QString kGoodPassword = QStringLiteral("Vela-roja-2026");

// The dialog's widgets, by the object names it gives them.
struct Form {
    explicit Form(QDialog &d)
        : local(d.findChild<QRadioButton *>(QStringLiteral("serverLocal")))
        , remote(d.findChild<QRadioButton *>(QStringLiteral("serverRemote")))
        , url(d.findChild<QLineEdit *>(QStringLiteral("serverUrl")))
        , email(d.findChild<QLineEdit *>(QStringLiteral("email")))
        , password(d.findChild<QLineEdit *>(QStringLiteral("password")))
        , tenant(d.findChild<QLineEdit *>(QStringLiteral("tenant")))
        , remember(d.findChild<QCheckBox *>(QStringLiteral("rememberMe")))
        , signIn(d.findChild<QPushButton *>(QStringLiteral("signIn")))
    {
    }
    QRadioButton *local;
    QRadioButton *remote;
    QLineEdit *url;
    QLineEdit *email;
    QLineEdit *password;
    QLineEdit *tenant;
    QCheckBox *remember;
    QPushButton *signIn;
};

// Local mode answered by an already running server, as the console does.
void answerWith(ui::SignInDialog &dialog, const QUrl &url)
{
    dialog.setServerResolver([url](bool local, const QUrl &, const ui::SignInDialog::ServerAnswer &answer) {
        if (local)
            answer(url, {});
        else
            answer({}, QStringLiteral("test: remote mode not expected"));
    });
}

// One attempt through the form; returns once the dialog is idle again.
void attempt(ui::SignInDialog &dialog, const QString &email, const QString &password)
{
    Form f(dialog);
    f.email->setText(email);
    f.password->setText(password);
    QVERIFY(f.signIn->isEnabled());
    QTest::mouseClick(f.signIn, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isBusy(), 15000);
}

// A server that takes the connection and then says `answer` (nothing at all
// when empty): timeouts and broken servers.
class FakeServer : public QTcpServer {
public:
    explicit FakeServer(QByteArray answer) : m_answer(std::move(answer))
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, s, [this, s] {
                    s->readAll();
                    if (!m_answer.isEmpty()) {
                        s->write(m_answer);
                        s->disconnectFromHost();
                    }
                });
            }
        });
        listen(QHostAddress::LocalHost, 0);
    }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(serverPort())); }

private:
    QByteArray m_answer;
};
} // namespace

// The sign-in dialog, the first-start setup and the local server's setup
// calls, against real in-process servers.
class TestSignIn : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void serverUrlFromText_data();
    void serverUrlFromText();
    void signInSucceeds();
    void remoteSignInAndRememberedChoices();
    void enterSubmitsAndButtonWaits();
    void wrongPasswordSaysSoAndClearsIt();
    void throttledCountsDown();
    void unreachableServer();
    void typedAddressWithoutSchemeUsesHttps();
    void timeoutAndServerError();
    void firstStartSetup();
    void tenantRequiredAsksForCompany();
    void suspendedCompanyShowsReason();
    void keychainMissingIsSaid();
    void setupValidation();
    void setupWeakPasswordFromServer();
    void setupDemoChoice();
    void screenshotsEnglish();
    void screenshotsSpanish(); // last: the Spanish translator stays installed

private:
    static void saveScreenshot(QWidget &w, const QString &name);
    static Status addSecondTenantAccount(const QString &dataDir, const QString &email, const QString &password);

    QTemporaryDir m_config;
    QTemporaryDir m_demoDir;
    std::unique_ptr<server::LocalServer> m_demo;
};

void TestSignIn::initTestCase()
{
    // No keychain: "Remember me" fails the honest way here, and the suite
    // never writes into the keychain of whoever runs it.
    for (const char *name : {"DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY", "XDG_RUNTIME_DIR"})
        qunsetenv(name);
    QVERIFY(m_config.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("PuenteTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_signin"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_config.path());
    // What the console installs for an English desktop (plural forms).
    ui::installTranslations(*qApp, QLocale(QLocale::English, QLocale::UnitedStates));
    auto demo = server::LocalServer::start(m_demoDir.path(), true);
    PUENTE_VERIFY_OK(demo);
    m_demo = std::move(demo).value();
}

void TestSignIn::init()
{
    QSettings().clear(); // each test starts from a first sign-in
}

void TestSignIn::saveScreenshot(QWidget &w, const QString &name)
{
    const QString dir = qEnvironmentVariable("PUENTE_SCREENSHOT_DIR", QStringLiteral(PUENTE_SCREENSHOT_DIR));
    QDir().mkpath(dir);
    QVERIFY(w.grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png")));
}

Status TestSignIn::addSecondTenantAccount(const QString &dataDir, const QString &email, const QString &password)
{
    // A second handle on the local server's SQLite file, as the CLI would.
    auto db = Database::open(QStringLiteral("sqlite://") + dataDir + QStringLiteral("/puente.db"));
    if (!db)
        return db.error();
    auto tenant = TenantRepository(*db.value()).create(QStringLiteral("otra-empresa"), QStringLiteral("Otra Empresa"), Plan::Basic);
    if (!tenant)
        return tenant.error();
    auto user = UserRepository(*db.value()).create({tenant->id, email, QStringLiteral("Ana"), Role::Agent, password}, Actor(QStringLiteral("test")));
    if (!user)
        return user.error();
    return {};
}

void TestSignIn::serverUrlFromText_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("url"); // empty: refused
    QTest::addRow("host only: https") << QStringLiteral("puente.example.com") << QStringLiteral("https://puente.example.com");
    QTest::addRow("host and port") << QStringLiteral(" puente.example.com:8443 ") << QStringLiteral("https://puente.example.com:8443");
    QTest::addRow("this computer: http") << QStringLiteral("127.0.0.1:8099") << QStringLiteral("http://127.0.0.1:8099");
    QTest::addRow("localhost: http") << QStringLiteral("LocalHost:8080") << QStringLiteral("http://localhost:8080");
    QTest::addRow("IPv6 loopback: http") << QStringLiteral("[::1]:8080") << QStringLiteral("http://[::1]:8080");
    QTest::addRow("https typed for this computer kept") << QStringLiteral("https://127.0.0.1:8443") << QStringLiteral("https://127.0.0.1:8443");
    QTest::addRow("a LAN address: https") << QStringLiteral("192.168.1.20:8443") << QStringLiteral("https://192.168.1.20:8443");
    QTest::addRow("http kept") << QStringLiteral("http://192.168.1.20:8080/") << QStringLiteral("http://192.168.1.20:8080/");
    QTest::addRow("scheme case") << QStringLiteral("HTTPS://Puente.Example.com/puente") << QStringLiteral("https://puente.example.com/puente");
    QTest::addRow("empty") << QString() << QString();
    QTest::addRow("ftp") << QStringLiteral("ftp://puente.example.com") << QString();
    QTest::addRow("spaces") << QStringLiteral("puente example com") << QString();
    QTest::addRow("query") << QStringLiteral("https://puente.example.com/?x=1") << QString();
}

void TestSignIn::serverUrlFromText()
{
    QFETCH(QString, typed);
    QFETCH(QString, url);
    QString error = QStringLiteral("stale");
    const QUrl parsed = ui::SignInDialog::serverUrlFromText(typed, &error);
    QCOMPARE(parsed.toString(), url);
    QCOMPARE(error.isEmpty(), !url.isEmpty());
}

void TestSignIn::signInSucceeds()
{
    ui::SignInDialog dialog;
    answerWith(dialog, m_demo->baseUrl());
    Form f(dialog);
    QVERIFY(f.local->isChecked()); // this computer first
    QVERIFY(!f.url->isEnabled());
    QVERIFY(f.tenant->isHidden());
    dialog.show();
    f.email->setText(QStringLiteral("  Admin@Demo.Puente "));
    f.password->setText(kDemoPassword);
    QTest::mouseClick(f.signIn, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(dialog.result(), int(QDialog::Accepted), 15000);
    QVERIFY(!dialog.isVisible());
    QCOMPARE(dialog.baseUrl(), m_demo->baseUrl());
    QVERIFY(!dialog.token().isEmpty());
    const protocol::Me &user = dialog.user();
    QCOMPARE(user.email, kAdmin);
    QCOMPARE(user.role, protocol::Role::TenantAdmin);
    QVERIFY(user.tenant);
    QCOMPARE(user.tenant->slug, QStringLiteral("demo"));
    QVERIFY(f.password->text().isEmpty()); // not kept once signed in
    QCOMPARE(dialog.sessionAccount(), QStringLiteral("local ") + kAdmin);

    // The token is a working session.
    client::ApiClient api(dialog.baseUrl());
    api.setToken(dialog.token());
    int status = 0;
    QString email;
    api.get(QStringLiteral("api/me"))->then(&api, [&](const QJsonObject &json) {
        status = 200;
        email = json.value(QStringLiteral("user")).toObject().value(QStringLiteral("email")).toString();
    }, [&](const client::ApiError &e) { status = e.status ? e.status : -1; });
    QTRY_VERIFY_WITH_TIMEOUT(status != 0, 10000);
    QCOMPARE(status, 200);
    QCOMPARE(email, kAdmin);
}

void TestSignIn::remoteSignInAndRememberedChoices()
{
    {
        ui::SignInDialog dialog; // the default resolver: the typed address
        Form f(dialog);
        f.remote->setChecked(true);
        QVERIFY(f.url->isEnabled());
        f.url->setText(m_demo->baseUrl().toString());
        f.remember->setChecked(false);
        attempt(dialog, QStringLiteral("agente@demo.puente"), kDemoPassword);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.sessionAccount(), QStringLiteral("http://127.0.0.1:%1 agente@demo.puente").arg(m_demo->baseUrl().port()));
    }
    // The next sign-in starts where this one ended; the password is not kept.
    ui::SignInDialog next;
    Form f(next);
    QVERIFY(f.remote->isChecked());
    QCOMPARE(f.url->text(), m_demo->baseUrl().toString());
    QCOMPARE(f.email->text(), QStringLiteral("agente@demo.puente"));
    QVERIFY(f.password->text().isEmpty());
    QVERIFY(!QSettings().allKeys().join(QLatin1Char(' ')).contains(QLatin1String("password")));
    QVERIFY(!QSettings().allKeys().join(QLatin1Char(' ')).contains(QLatin1String("token")));

    // Local mode without a resolver of the caller's: told, not crashed.
    f.local->setChecked(true);
    attempt(next, kAdmin, kDemoPassword);
    QCOMPARE(next.result(), int(QDialog::Rejected));
    QVERIFY2(next.messageText().contains(QLatin1String("Server at an address")), qPrintable(next.messageText()));
}

void TestSignIn::enterSubmitsAndButtonWaits()
{
    ui::SignInDialog dialog;
    // The server's address comes a moment later (a local server starting).
    ui::SignInDialog::ServerAnswer pending;
    dialog.setServerResolver([&pending](bool, const QUrl &, const ui::SignInDialog::ServerAnswer &answer) { pending = answer; });
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    Form f(dialog);
    f.email->setText(kAdmin);
    f.password->setText(kDemoPassword);
    QTest::keyClick(f.password, Qt::Key_Return);
    QVERIFY(pending);
    QVERIFY(dialog.isBusy());
    QVERIFY(!f.signIn->isEnabled());
    const auto first = std::exchange(pending, nullptr);
    // Enter again while in flight: no second attempt.
    QTest::keyClick(f.email, Qt::Key_Return);
    QVERIFY(!pending);
    QVERIFY(dialog.isVisible());
    first(m_demo->baseUrl(), {});
    QTRY_COMPARE_WITH_TIMEOUT(dialog.result(), int(QDialog::Accepted), 15000);
}

void TestSignIn::wrongPasswordSaysSoAndClearsIt()
{
    ui::SignInDialog dialog;
    answerWith(dialog, m_demo->baseUrl());
    dialog.show();
    QSignalSpy failed(&dialog, &ui::SignInDialog::signInFailed);
    attempt(dialog, kAdmin, QStringLiteral("not-the-password"));
    QCOMPARE(failed.count(), 1);
    QCOMPARE(dialog.messageText(), QStringLiteral("Wrong email or password. Check both and try again."));
    QCOMPARE(failed.first().first().toString(), dialog.messageText());
    Form f(dialog);
    QVERIFY(f.password->text().isEmpty());
    QCOMPARE(f.email->text(), kAdmin);
    QVERIFY(f.signIn->isEnabled());
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(dialog.token().isEmpty());

    // An unknown email reads exactly the same: the dialog never says which.
    attempt(dialog, QStringLiteral("nobody@demo.puente"), QStringLiteral("not-the-password"));
    QCOMPARE(dialog.messageText(), QStringLiteral("Wrong email or password. Check both and try again."));

    // Nothing typed: said before asking the server.
    f.password->clear();
    QTest::mouseClick(f.signIn, Qt::LeftButton);
    QVERIFY(!dialog.isBusy());
    QCOMPARE(dialog.messageText(), QStringLiteral("Type your email and your password."));
}

void TestSignIn::throttledCountsDown()
{
    // A server of its own: the sign-in limits it trips are per server.
    QTemporaryDir dir;
    auto started = server::LocalServer::start(dir.path());
    PUENTE_VERIFY_OK(started);
    auto &server = started.value();
    PUENTE_VERIFY_OK(server->createFirstTenant(QStringLiteral("Acme"), QStringLiteral("Ana"), QStringLiteral("ana@acme.test"), kGoodPassword));
    ui::SignInDialog dialog;
    answerWith(dialog, server->baseUrl());
    dialog.show();
    Form f(dialog);
    // Five failures per email in 15 minutes, then each further attempt
    // waits 1, 2, 4... seconds after the last failure (AuthPolicy).
    for (int i = 0; i < 5; ++i) {
        attempt(dialog, QStringLiteral("ana@acme.test"), QStringLiteral("wrong-password-%1").arg(i));
        QCOMPARE(dialog.messageText(), QStringLiteral("Wrong email or password. Check both and try again."));
    }
    attempt(dialog, QStringLiteral("ana@acme.test"), QStringLiteral("wrong-again"));
    QCOMPARE(dialog.messageText(), QStringLiteral("Too many sign-in attempts. Wait 1 second and try again."));
    QVERIFY(!f.signIn->isEnabled());
    QVERIFY(f.password->text().isEmpty());
    // Enter does nothing while waiting.
    f.password->setText(kGoodPassword);
    QTest::keyClick(f.password, Qt::Key_Return);
    QVERIFY(!dialog.isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(f.signIn->isEnabled(), 3000);
    QCOMPARE(dialog.messageText(), QStringLiteral("You can try again now."));

    attempt(dialog, QStringLiteral("ana@acme.test"), QStringLiteral("wrong-once-more"));
    QCOMPARE(dialog.messageText(), QStringLiteral("Wrong email or password. Check both and try again."));
    attempt(dialog, QStringLiteral("ana@acme.test"), QStringLiteral("and-again"));
    QCOMPARE(dialog.messageText(), QStringLiteral("Too many sign-in attempts. Wait 2 seconds and try again."));
    QVERIFY(!f.signIn->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(dialog.messageText(), QStringLiteral("Too many sign-in attempts. Wait 1 second and try again."), 1500);
    QVERIFY(!f.signIn->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(f.signIn->isEnabled(), 1500);

    // The wait was long enough: the right password now works.
    attempt(dialog, QStringLiteral("ana@acme.test"), kGoodPassword);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

void TestSignIn::unreachableServer()
{
    ui::SignInDialog dialog;
    Form f(dialog);
    f.remote->setChecked(true);
    f.url->setText(QStringLiteral("http://127.0.0.1:1"));
    attempt(dialog, kAdmin, kDemoPassword);
    QCOMPARE(dialog.messageText(),
             QStringLiteral("Cannot reach the server at http://127.0.0.1:1. Check the address and your connection."));
    QCOMPARE(f.password->text(), kDemoPassword); // kept: the address was wrong, not the password
    QCOMPARE(dialog.result(), int(QDialog::Rejected));

    // Not an address at all: said without asking anyone.
    f.url->setText(QStringLiteral("ftp://puente.example.com"));
    f.password->setText(kDemoPassword);
    QTest::mouseClick(f.signIn, Qt::LeftButton);
    QVERIFY(!dialog.isBusy());
    QCOMPARE(dialog.messageText(), QStringLiteral("“ftp://puente.example.com” is not a server address. Type it like https://puente.example.com."));
}

void TestSignIn::typedAddressWithoutSchemeUsesHttps()
{
    // A server on this computer typed as host:port is plain http (the
    // demo's is): the sign-in goes through.
    const QUrl url = m_demo->baseUrl();
    {
        ui::SignInDialog dialog;
        Form f(dialog);
        f.remote->setChecked(true);
        f.url->setText(QStringLiteral("127.0.0.1:%1").arg(url.port()));
        attempt(dialog, kAdmin, kDemoPassword);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.baseUrl().scheme(), QStringLiteral("http"));
    }
    // Any other address is https, and a failure names the https address
    // used: the demo again, as 0.0.0.0 (which Linux connects to this
    // computer, but which is not loopback text), fails the TLS handshake.
    ui::SignInDialog dialog;
    Form f(dialog);
    f.remote->setChecked(true);
    const QString typed = QStringLiteral("0.0.0.0:%1").arg(url.port());
    f.url->setText(typed);
    attempt(dialog, kAdmin, kDemoPassword);
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY2(dialog.messageText().startsWith(QStringLiteral("Cannot reach the server at https://") + typed + QLatin1Char('.')),
             qPrintable(dialog.messageText()));
    QCOMPARE(f.password->text(), kDemoPassword);
}

void TestSignIn::timeoutAndServerError()
{
    FakeServer silent({});
    ui::SignInDialog dialog;
    dialog.setTimeout(300);
    Form f(dialog);
    f.remote->setChecked(true);
    f.url->setText(silent.url().toString());
    attempt(dialog, kAdmin, kDemoPassword);
    QCOMPARE(dialog.messageText(), QStringLiteral("The server at %1 did not answer in time. Check your connection and try again.")
                                       .arg(silent.url().toString()));

    const QByteArray body = R"({"error":{"code":"internal","message":"boom"}})";
    FakeServer broken("HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\nContent-Length: "
                      + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    f.url->setText(broken.url().toString());
    attempt(dialog, kAdmin, kDemoPassword);
    QCOMPARE(dialog.messageText(),
             QStringLiteral("The server at %1 has a problem right now (error 500). Try again in a few minutes; if it keeps "
                            "happening, tell whoever runs your Puente server.").arg(broken.url().toString()));
    QCOMPARE(f.password->text(), kDemoPassword);
    QVERIFY(f.signIn->isEnabled());
}

void TestSignIn::firstStartSetup()
{
    QTemporaryDir dir;
    auto started = server::LocalServer::start(dir.path());
    PUENTE_VERIFY_OK(started);
    auto &server = started.value();
    QVERIFY(server->needsSetup());
    QVERIFY(!m_demo->needsSetup()); // the demo brings its company

    // Refused before anything is created: still a first start afterwards.
    PUENTE_VERIFY_ERROR(server->createFirstTenant(QStringLiteral("Acme"), QStringLiteral("Ana"), QStringLiteral("ana@acme.test"),
                                                  QStringLiteral("short")),
                        "weak_password");
    PUENTE_VERIFY_ERROR(server->createFirstTenant(QStringLiteral("  "), QStringLiteral("Ana"), QStringLiteral("ana@acme.test"), kGoodPassword),
                        "invalid_name");
    PUENTE_VERIFY_ERROR(server->createFirstTenant(QStringLiteral("Acme"), QStringLiteral("Ana"), QStringLiteral("ana-at-acme"), kGoodPassword),
                        "invalid_email");
    QVERIFY(server->needsSetup());

    PUENTE_VERIFY_OK(server->createFirstTenant(QStringLiteral("Reclutamiento Peñalver & Asociados, S.A."), QStringLiteral("Ana Peñalver"),
                                               QStringLiteral("ana@penalver.test"), kGoodPassword));
    QVERIFY(!server->needsSetup());
    PUENTE_VERIFY_ERROR(server->createFirstTenant(QStringLiteral("Otra"), QStringLiteral("Ana"), QStringLiteral("otra@acme.test"), kGoodPassword),
                        "already_set_up");

    // Its administrator signs in, in the company with the derived slug.
    ui::SignInDialog dialog;
    answerWith(dialog, server->baseUrl());
    attempt(dialog, QStringLiteral("ana@penalver.test"), kGoodPassword);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const protocol::Me &user = dialog.user();
    QCOMPARE(user.role, protocol::Role::TenantAdmin);
    QCOMPARE(user.name, QStringLiteral("Ana Peñalver"));
    QVERIFY(user.tenant);
    QCOMPARE(user.tenant->slug, QStringLiteral("reclutamiento-penalver-asociados-s-a"));
    QCOMPARE(user.tenant->name, QStringLiteral("Reclutamiento Peñalver & Asociados, S.A."));
}

void TestSignIn::tenantRequiredAsksForCompany()
{
    QTemporaryDir dir;
    auto started = server::LocalServer::start(dir.path());
    PUENTE_VERIFY_OK(started);
    auto &server = started.value();
    PUENTE_VERIFY_OK(server->createFirstTenant(QStringLiteral("Selección Ñandú"), QStringLiteral("Ana"), QStringLiteral("ana@example.com"), kGoodPassword));
    PUENTE_VERIFY_OK(addSecondTenantAccount(dir.path(), QStringLiteral("ana@example.com"), kGoodPassword));

    ui::SignInDialog dialog;
    answerWith(dialog, server->baseUrl());
    dialog.show();
    Form f(dialog);
    QVERIFY(f.tenant->isHidden());
    attempt(dialog, QStringLiteral("ana@example.com"), kGoodPassword);
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(!f.tenant->isHidden());
    const QLabel *help = dialog.findChild<QLabel *>(QStringLiteral("tenantHelp"));
    QVERIFY(!help->isHidden());
    QVERIFY(help->text().startsWith(QLatin1String("This email has accounts in several companies: type the company's short name")));
    QCOMPARE(dialog.messageText(), QStringLiteral("Type the company's short name and sign in again."));
    QCOMPARE(f.password->text(), kGoodPassword); // it was right: kept
    QCOMPARE(dialog.focusWidget(), f.tenant);

    // An empty company is caught before asking the server.
    QTest::mouseClick(f.signIn, Qt::LeftButton);
    QVERIFY(!dialog.isBusy());
    QCOMPARE(dialog.messageText(), QStringLiteral("Type the company's short name."));

    f.tenant->setText(QStringLiteral("Seleccion-Nandu")); // case does not matter
    QTest::keyClick(f.tenant, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(dialog.result(), int(QDialog::Accepted), 15000);
    QVERIFY(dialog.user().tenant);
    QCOMPARE(dialog.user().tenant->slug, QStringLiteral("seleccion-nandu"));
}

void TestSignIn::suspendedCompanyShowsReason()
{
    QTemporaryDir dir;
    auto started = server::LocalServer::start(dir.path());
    PUENTE_VERIFY_OK(started);
    auto &server = started.value();
    PUENTE_VERIFY_OK(server->createFirstTenant(QStringLiteral("Acme"), QStringLiteral("Ana"), QStringLiteral("ana@acme.test"), kGoodPassword));
    {
        auto db = Database::open(QStringLiteral("sqlite://") + dir.path() + QStringLiteral("/puente.db"));
        PUENTE_VERIFY_OK(db);
        TenantRepository tenants(*db.value());
        auto acme = tenants.findBySlug(QStringLiteral("acme"));
        PUENTE_VERIFY_OK(acme);
        QVERIFY(acme.value().has_value());
        PUENTE_VERIFY_OK(tenants.setStatus(acme.value()->id, TenantStatus::Suspended, QStringLiteral("unpaid invoice 2026-10")));
    }
    ui::SignInDialog dialog;
    answerWith(dialog, server->baseUrl());
    attempt(dialog, QStringLiteral("ana@acme.test"), kGoodPassword);
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY2(dialog.messageText().startsWith(QLatin1String("Your company's access to Puente is suspended.")), qPrintable(dialog.messageText()));
    QVERIFY2(dialog.messageText().contains(QLatin1String("unpaid invoice 2026-10")), qPrintable(dialog.messageText()));
}

void TestSignIn::keychainMissingIsSaid()
{
    ui::TokenStore store; // no D-Bus session in this suite: saving fails
    ui::SignInDialog dialog;
    dialog.setTokenStore(&store);
    answerWith(dialog, m_demo->baseUrl());
    dialog.show();
    Form f(dialog);
    f.remember->setChecked(true);
    f.email->setText(kAdmin);
    f.password->setText(kDemoPassword);
    QTest::mouseClick(f.signIn, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.messageText().startsWith(QLatin1String("You are signed in, but this session will not be remembered")), 20000);
    QCOMPARE(dialog.result(), int(QDialog::Rejected)); // not until the user read it
    QVERIFY(dialog.isVisible());
    QVERIFY(!dialog.token().isEmpty());
    QCOMPARE(f.signIn->text(), QStringLiteral("Continue"));
    QVERIFY(f.signIn->isEnabled());
    saveScreenshot(dialog, QStringLiteral("signin-not-remembered-en"));
    QTest::mouseClick(f.signIn, Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

void TestSignIn::setupValidation()
{
    ui::SetupDialog dialog;
    int created = 0;
    dialog.setCompanyCreator([&created](const QString &, const QString &, const QString &, const QString &) {
        ++created;
        return Status();
    });
    dialog.show();
    QCOMPARE(dialog.choice(), ui::SetupDialog::Choice::Company);
    auto *ok = dialog.findChild<QPushButton *>(QStringLiteral("ok"));
    QCOMPARE(ok->text(), QStringLiteral("Create my company"));

    QTest::mouseClick(ok, Qt::LeftButton);
    QCOMPARE(dialog.errorText(QStringLiteral("company")), QStringLiteral("Type your company's name."));
    QCOMPARE(dialog.errorText(QStringLiteral("name")), QStringLiteral("Type your name."));
    QCOMPARE(dialog.errorText(QStringLiteral("email")), QStringLiteral("Type a valid email address, like ana@company.com."));
    QCOMPARE(dialog.errorText(QStringLiteral("password")), QStringLiteral("Choose a password."));
    QCOMPARE(dialog.focusWidget(), dialog.findChild<QLineEdit *>(QStringLiteral("company")));

    dialog.findChild<QLineEdit *>(QStringLiteral("name"))->setText(QStringLiteral("Ana"));
    dialog.findChild<QLineEdit *>(QStringLiteral("email"))->setText(QStringLiteral("ana@acme.test"));
    dialog.findChild<QLineEdit *>(QStringLiteral("password"))->setText(kGoodPassword);
    dialog.findChild<QLineEdit *>(QStringLiteral("confirmation"))->setText(kGoodPassword + QLatin1Char('x'));
    QTest::keyClick(dialog.findChild<QLineEdit *>(QStringLiteral("confirmation")), Qt::Key_Return);
    QCOMPARE(dialog.errorText(QStringLiteral("company")), QStringLiteral("Type your company's name."));
    QCOMPARE(dialog.errorText(QStringLiteral("name")), QString());
    QCOMPARE(dialog.errorText(QStringLiteral("email")), QString());
    QCOMPARE(dialog.errorText(QStringLiteral("confirmation")), QStringLiteral("The two passwords are different: type the same password twice."));
    QCOMPARE(created, 0);
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(dialog.isVisible());
    saveScreenshot(dialog, QStringLiteral("setup-errors-en"));

    dialog.findChild<QLineEdit *>(QStringLiteral("company"))->setText(QStringLiteral("  Acme  "));
    dialog.findChild<QLineEdit *>(QStringLiteral("confirmation"))->setText(kGoodPassword);
    QTest::mouseClick(ok, Qt::LeftButton);
    QCOMPARE(created, 1);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.company(), QStringLiteral("Acme"));
}

void TestSignIn::setupWeakPasswordFromServer()
{
    QTemporaryDir dir;
    auto started = server::LocalServer::start(dir.path());
    PUENTE_VERIFY_OK(started);
    auto &server = started.value();
    ui::SetupDialog dialog;
    dialog.setCompanyCreator([&server](const QString &company, const QString &name, const QString &email, const QString &password) {
        return server->createFirstTenant(company, name, email, password);
    });
    dialog.show();
    const QString weak = QStringLiteral("aaaaabbbbbb"); // long enough, too few different characters
    dialog.findChild<QLineEdit *>(QStringLiteral("company"))->setText(QStringLiteral("Acme"));
    dialog.findChild<QLineEdit *>(QStringLiteral("name"))->setText(QStringLiteral("Ana"));
    dialog.findChild<QLineEdit *>(QStringLiteral("email"))->setText(QStringLiteral("ana@acme.test"));
    dialog.findChild<QLineEdit *>(QStringLiteral("password"))->setText(weak);
    dialog.findChild<QLineEdit *>(QStringLiteral("confirmation"))->setText(weak);
    auto *ok = dialog.findChild<QPushButton *>(QStringLiteral("ok"));
    QTest::mouseClick(ok, Qt::LeftButton);
    QCOMPARE(dialog.errorText(QStringLiteral("password")),
             QStringLiteral("This password is too weak. Use at least 10 characters, with at least 5 different ones, and "
                            "not a common password like “password123”."));
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(server->needsSetup());
    QVERIFY(dialog.findChild<QLineEdit *>(QStringLiteral("password"))->text().isEmpty());
    // Typing a new one takes the error away at once (issue 23, bug 10).
    QTest::keyClick(dialog.findChild<QLineEdit *>(QStringLiteral("password")), Qt::Key_A);
    QVERIFY(dialog.errorText(QStringLiteral("password")).isEmpty());

    // Other refusals of the server are shown below the form as it said them.
    dialog.showServerError(QStringLiteral("storage_error"), QStringLiteral("disk full"));
    QCOMPARE(dialog.errorText(QStringLiteral("form")), QStringLiteral("The company could not be created: disk full"));

    dialog.findChild<QLineEdit *>(QStringLiteral("password"))->setText(kGoodPassword);
    dialog.findChild<QLineEdit *>(QStringLiteral("confirmation"))->setText(kGoodPassword);
    QTest::mouseClick(ok, Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.errorText(QStringLiteral("password")), QString());
    QVERIFY(!server->needsSetup());
}

void TestSignIn::setupDemoChoice()
{
    ui::SetupDialog dialog;
    int created = 0;
    dialog.setCompanyCreator([&created](const QString &, const QString &, const QString &, const QString &) {
        ++created;
        return Status();
    });
    dialog.show();
    auto *form = dialog.findChild<QLineEdit *>(QStringLiteral("company"));
    QVERIFY(form->isVisible());
    dialog.findChild<QRadioButton *>(QStringLiteral("demoChoice"))->setChecked(true);
    QVERIFY(!form->isVisible()); // the company form is for the other choice
    auto *ok = dialog.findChild<QPushButton *>(QStringLiteral("ok"));
    QCOMPARE(ok->text(), QStringLiteral("Start the demo"));
    QTest::mouseClick(ok, Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.choice(), ui::SetupDialog::Choice::Demo);
    QCOMPARE(created, 0);
}

void TestSignIn::screenshotsEnglish()
{
    ui::SignInDialog signIn;
    signIn.setReason(QStringLiteral("Your session expired: sign in again."));
    signIn.show();
    QVERIFY(QTest::qWaitForWindowExposed(&signIn));
    QVERIFY(!signIn.findChild<QLabel *>(QStringLiteral("reason"))->isHidden());
    saveScreenshot(signIn, QStringLiteral("signin-en"));

    ui::SetupDialog setup;
    setup.show();
    QVERIFY(QTest::qWaitForWindowExposed(&setup));
    saveScreenshot(setup, QStringLiteral("setup-en"));
}

void TestSignIn::screenshotsSpanish()
{
    QVERIFY(ui::installTranslations(*qApp, QLocale(QLocale::Spanish, QLocale::Spain)));
    {
        ui::SignInDialog signIn;
        signIn.show();
        QVERIFY(QTest::qWaitForWindowExposed(&signIn));
        Form f(signIn);
        QCOMPARE(f.signIn->text(), QStringLiteral("Iniciar sesión"));
        QCOMPARE(f.local->text(), QStringLiteral("Este equipo (local)"));
        QCOMPARE(f.remember->text(), QStringLiteral("Recordarme en este equipo"));
        saveScreenshot(signIn, QStringLiteral("signin-es"));
    }
    {
        ui::SignInDialog signIn;
        answerWith(signIn, m_demo->baseUrl());
        signIn.show();
        QVERIFY(QTest::qWaitForWindowExposed(&signIn));
        attempt(signIn, kAdmin, QStringLiteral("not-the-password"));
        QCOMPARE(signIn.messageText(), QStringLiteral("Correo electrónico o contraseña incorrectos. Revisa ambos e inténtalo de nuevo."));
        saveScreenshot(signIn, QStringLiteral("signin-error-es"));
    }
    {
        ui::SignInDialog signIn;
        Form f(signIn);
        f.remote->setChecked(true);
        f.url->setText(QStringLiteral("http://127.0.0.1:1"));
        attempt(signIn, kAdmin, kDemoPassword);
        QVERIFY2(signIn.messageText().startsWith(QStringLiteral("No se puede conectar con el servidor en http://127.0.0.1:1.")),
                 qPrintable(signIn.messageText()));
    }
    ui::SetupDialog setup;
    setup.show();
    QVERIFY(QTest::qWaitForWindowExposed(&setup));
    QCOMPARE(setup.windowTitle(), QStringLiteral("Te damos la bienvenida a Puente"));
    saveScreenshot(setup, QStringLiteral("setup-es"));
}

QTEST_MAIN(TestSignIn)
#include "tst_signin.moc"
