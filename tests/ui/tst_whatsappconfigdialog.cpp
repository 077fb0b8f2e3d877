#include "client/apiclient.h"
#include "fakeserver.h"
#include "localserver.h"
#include "sandbox/sandbox.h"
#include "sandboxdemo.h"
#include "translations.h"
#include "whatsappconfigdialog.h"
#include "testsupport.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDateTime>
#include <QDir>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QToolButton>

#include <memory>

using namespace puente;

namespace {
// What one API call answered, filled in when it finishes.
struct Answer {
    bool done = false;
    bool ok = false;
    QJsonObject json;
    client::ApiError error;
};

std::shared_ptr<Answer> collect(client::ApiReply *reply, QObject *context)
{
    auto answer = std::make_shared<Answer>();
    reply->then(
        context,
        [answer](const QJsonObject &json) {
            answer->done = answer->ok = true;
            answer->json = json;
        },
        [answer](const client::ApiError &error) {
            answer->done = true;
            answer->error = error;
        });
    return answer;
}

constexpr int kTimeoutMs = 20000;
} // namespace

#define AWAIT_OK(answer)                                                                                              \
    do {                                                                                                              \
        QTRY_VERIFY_WITH_TIMEOUT((answer)->done, kTimeoutMs);                                                         \
        QVERIFY2((answer)->ok, qPrintable((answer)->error.codeName + QStringLiteral(": ") + (answer)->error.message)); \
    } while (false)

// The console's WhatsApp configuration modal against a real in-process
// server whose Graph API is the Sandbox (demo tenant, admin account).
class TestWhatsAppConfigDialog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { ui::installTranslations(*qApp, QLocale(QLocale::English, QLocale::UnitedStates)); } // English plurals
    void init();
    void cleanup();

    void loadsStoredConfig();
    void onlyTheBusinessApi();
    void validationRefusesAndSendsNothing();
    void missingTokenWhenNoneStored();
    void testConnectionShowsTheNumber();
    void failingTestShowsMetasExplanation();
    void refusedValuesSavedAfterConfirming();
    void saveRoundTrips();
    void testedValuesKeepTheirResultWhenSaved();
    void serverRefusalsByTheField();
    void accessTokenLineAndMetasRefusals();
    void generateMakesANewToken();
    void copyPutsTheUrlOnTheClipboard();
    // Last: installs the Spanish translation for the rest of the run.
    void spanish();

private:
    QJsonObject storedConfig();
    // Stores a token the Sandbox does not know (Meta answers 190).
    void storeUnknownToken();
    std::unique_ptr<ui::WhatsAppConfigDialog> openDialog();
    template<typename T>
    static T *child(QWidget &w, const char *name);
    static void saveScreenshot(QWidget &w, const QString &name);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<server::LocalServer> m_server;
    std::unique_ptr<client::ApiClient> m_api;
};

template<typename T>
T *TestWhatsAppConfigDialog::child(QWidget &w, const char *name)
{
    T *found = w.findChild<T *>(QLatin1String(name));
    if (!found)
        qWarning("no child named %s", name);
    return found;
}

void TestWhatsAppConfigDialog::saveScreenshot(QWidget &w, const QString &name)
{
    const QString dir = qEnvironmentVariable("PUENTE_SCREENSHOT_DIR", QStringLiteral(PUENTE_SCREENSHOT_DIR));
    QDir().mkpath(dir);
    QVERIFY(w.grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png")));
}

void TestWhatsAppConfigDialog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    auto started = server::LocalServer::start(m_dir->path(), /*sandbox*/ true);
    PUENTE_VERIFY_OK(started);
    m_server = std::move(started.value());
    m_api = std::make_unique<client::ApiClient>(m_server->baseUrl());
    auto login = collect(m_api->post(QStringLiteral("/api/auth/login"), {{QStringLiteral("email"), QStringLiteral("admin@demo.puente")},
                                                                         {QStringLiteral("password"), QStringLiteral("demo-puente-2026")}}),
                         this);
    AWAIT_OK(login);
    m_api->setToken(login->json.value(QStringLiteral("token")).toString());
    QVERIFY(!m_api->token().isEmpty());
}

void TestWhatsAppConfigDialog::cleanup()
{
    m_api.reset();
    m_server.reset();
    m_dir.reset();
}

QJsonObject TestWhatsAppConfigDialog::storedConfig()
{
    auto a = collect(m_api->get(QStringLiteral("/api/whatsapp/config")), this);
    if (!QTest::qWaitFor([&] { return a->done; }, kTimeoutMs) || !a->ok)
        qWarning("GET config failed: %s", qPrintable(a->error.message));
    return a->json;
}

std::unique_ptr<ui::WhatsAppConfigDialog> TestWhatsAppConfigDialog::openDialog()
{
    auto dialog = std::make_unique<ui::WhatsAppConfigDialog>(m_api.get());
    QSignalSpy loaded(dialog.get(), &ui::WhatsAppConfigDialog::configLoaded);
    dialog->show();
    if (!loaded.wait(kTimeoutMs) || !loaded.first().first().toBool())
        qWarning("the dialog did not load the configuration");
    return dialog;
}

void TestWhatsAppConfigDialog::loadsStoredConfig()
{
    const QJsonObject stored = storedConfig();
    QVERIFY(stored.value(QStringLiteral("has_token")).toBool());
    auto dialog = openDialog();
    QVERIFY(!dialog->isBusy());
    QCOMPARE(dialog->windowTitle(), QStringLiteral("WhatsApp configuration"));

    auto *token = child<QLineEdit>(*dialog, "accessToken");
    QVERIFY(token->text().isEmpty()); // never filled with a secret
    QCOMPARE(token->echoMode(), QLineEdit::Password);
    const QString masked = stored.value(QStringLiteral("business_api_token")).toString();
    QVERIFY2(masked.contains(QChar(0x2026)), qPrintable(masked));
    QVERIFY2(token->placeholderText().contains(masked) && token->placeholderText().contains(QLatin1String("leave empty to keep it")),
             qPrintable(token->placeholderText()));
    QCOMPARE(child<QLineEdit>(*dialog, "phoneNumberId")->text(), QStringLiteral("100000000000001"));
    QCOMPARE(child<QLineEdit>(*dialog, "businessAccountId")->text(), QStringLiteral("200000000000001"));
    QCOMPARE(child<QLineEdit>(*dialog, "verifyToken")->text(), QStringLiteral("demo-verify-token"));
    auto *url = child<QLineEdit>(*dialog, "webhookUrl");
    QCOMPARE(url->text(), m_server->baseUrl().resolved(QUrl(QStringLiteral("/api/whatsapp/webhook"))).toString());
    QVERIFY(url->isReadOnly());
    QVERIFY(child<QLineEdit>(*dialog, "appSecret")->placeholderText().contains(QLatin1String("platform's app")));

    // The show/hide toggle.
    auto *show = child<QToolButton>(*dialog, "showToken");
    show->click();
    QCOMPARE(token->echoMode(), QLineEdit::Normal);
    show->click();
    QCOMPARE(token->echoMode(), QLineEdit::Password);

    // The Sandbox demo starts tested: the last successful test is shown.
    const QString result = child<QLabel>(*dialog, "testResult")->text();
    QVERIFY2(result.contains(QLatin1String("Last successful test")) && result.contains(QLatin1String("Reclutamiento Demo")),
             qPrintable(result));
}

void TestWhatsAppConfigDialog::onlyTheBusinessApi()
{
    auto dialog = openDialog();
    auto *type = child<QComboBox>(*dialog, "connectionType");
    QCOMPARE(type->count(), 1);
    QCOMPARE(type->itemText(0), QStringLiteral("WhatsApp Business API (recommended)"));
    QCOMPARE(type->itemData(0).toString(), QStringLiteral("business_api"));
    for (const QComboBox *combo : dialog->findChildren<QComboBox *>())
        for (int i = 0; i < combo->count(); ++i)
            QVERIFY2(!combo->itemText(i).contains(QLatin1String("Web"), Qt::CaseInsensitive), qPrintable(combo->itemText(i)));
}

void TestWhatsAppConfigDialog::validationRefusesAndSendsNothing()
{
    const QJsonObject before = storedConfig();
    auto dialog = openDialog();
    QSignalSpy saved(dialog.get(), &ui::WhatsAppConfigDialog::saved);
    QSignalSpy failed(dialog.get(), &ui::WhatsAppConfigDialog::saveFailed);
    auto *phone = child<QLineEdit>(*dialog, "phoneNumberId");
    auto *phoneError = child<QLabel>(*dialog, "phoneNumberIdError");
    auto *waba = child<QLineEdit>(*dialog, "businessAccountId");
    auto *wabaError = child<QLabel>(*dialog, "businessAccountIdError");
    auto *verify = child<QLineEdit>(*dialog, "verifyToken");
    auto *verifyError = child<QLabel>(*dialog, "verifyTokenError");

    // Typing the phone number explains at once.
    phone->clear();
    QTest::keyClicks(phone, QStringLiteral("+34 600"));
    QVERIFY(phoneError->isVisible());
    QCOMPARE(phoneError->text(), QStringLiteral("This is the number's ID from WhatsApp Manager, not the phone number"));
    phone->clear();
    QTest::keyClicks(phone, QStringLiteral("123"));
    QVERIFY(!phoneError->isVisible());

    // Save refuses, each message by its field, the first field focused.
    phone->setText(QStringLiteral("+34 612 34 56 78"));
    waba->setText(QStringLiteral("abc"));
    verify->setText(QStringLiteral("short"));
    dialog->save();
    QCOMPARE(failed.count(), 1);
    QVERIFY(phoneError->isVisible());
    QVERIFY(phoneError->text().contains(QLatin1String("not the phone number")));
    QVERIFY(wabaError->isVisible());
    QCOMPARE(wabaError->text(), QStringLiteral("Digits only, at most 32."));
    QVERIFY(verifyError->isVisible());
    QVERIFY(verifyError->text().contains(QLatin1String("At least 8 characters")));
    QTRY_VERIFY(phone->hasFocus());
    QVERIFY(!dialog->isBusy()); // nothing in flight
    saveScreenshot(*dialog, QStringLiteral("whatsapp-config-error-en"));

    // Too long an id.
    phone->setText(QString(33, QLatin1Char('1')));
    waba->setText(QStringLiteral("200000000000001"));
    verify->setText(QStringLiteral("long-enough-token"));
    dialog->save();
    QCOMPARE(failed.count(), 2);
    QVERIFY(phoneError->isVisible());
    QVERIFY(!wabaError->isVisible() && !verifyError->isVisible());

    QTest::qWait(300); // a request, had one been sent, would have landed
    QCOMPARE(saved.count(), 0);
    QCOMPARE(dialog->result(), int(QDialog::Rejected));
    QVERIFY(dialog->isVisible());
    const QJsonObject after = storedConfig();
    for (const char *key : {"phone_number_id", "business_account_id", "webhook_verify_token", "updated_at"})
        QCOMPARE(after.value(QLatin1String(key)), before.value(QLatin1String(key)));
}

void TestWhatsAppConfigDialog::missingTokenWhenNoneStored()
{
    // A tenant with no configuration yet, served by a stand-in that counts
    // what the dialog sends.
    test::FakeServer fake;
    int saves = 0;
    fake.route(QStringLiteral("/api/whatsapp/"), [&](const QString &what, const http::Request &request) {
        if (what == QLatin1String("config") && request.method == http::Method::Get)
            return http::Reply::json(QJsonObject{{QStringLiteral("configured"), false},
                                                 {QStringLiteral("connection_status"), QStringLiteral("not_configured")},
                                                 {QStringLiteral("webhook_url"), QStringLiteral("https://puente.example.com/api/whatsapp/webhook")}});
        ++saves;
        return http::Reply::error(500, QStringLiteral("internal_error"), QStringLiteral("no"));
    });
    const quint16 port = fake.listen();
    QVERIFY(port);
    client::ApiClient api(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
    ui::WhatsAppConfigDialog dialog(&api);
    QSignalSpy loaded(&dialog, &ui::WhatsAppConfigDialog::configLoaded);
    dialog.show();
    QVERIFY(loaded.wait(kTimeoutMs));
    QCOMPARE(loaded.first().first().toBool(), true);
    auto *token = child<QLineEdit>(dialog, "accessToken");
    QVERIFY2(token->placeholderText().contains(QLatin1String("required")), qPrintable(token->placeholderText()));
    child<QLineEdit>(dialog, "phoneNumberId")->setText(QStringLiteral("100000000000001"));
    child<QLineEdit>(dialog, "businessAccountId")->setText(QStringLiteral("200000000000001"));
    QSignalSpy failed(&dialog, &ui::WhatsAppConfigDialog::saveFailed);
    dialog.save();
    QCOMPARE(failed.count(), 1);
    auto *tokenError = child<QLabel>(dialog, "accessTokenError");
    QVERIFY(tokenError->isVisible());
    QVERIFY(tokenError->text().contains(QLatin1String("required the first time")));
    QTRY_VERIFY(token->hasFocus());
    // Testing needs a token too.
    QSignalSpy tested(&dialog, &ui::WhatsAppConfigDialog::connectionTested);
    dialog.testConnection();
    QCOMPARE(tested.count(), 1);
    QCOMPARE(tested.first().first().toBool(), false);
    QTest::qWait(300);
    QCOMPARE(saves, 0);
}

void TestWhatsAppConfigDialog::testConnectionShowsTheNumber()
{
    auto dialog = openDialog();
    auto *result = child<QLabel>(*dialog, "testResult");
    QSignalSpy tested(dialog.get(), &ui::WhatsAppConfigDialog::connectionTested);
    QTest::mouseClick(child<QPushButton>(*dialog, "testConnection"), Qt::LeftButton);
    QVERIFY(dialog->isBusy());
    QVERIFY(tested.wait(kTimeoutMs));
    QCOMPARE(tested.first().first().toBool(), true);
    const QString text = result->text();
    QVERIFY2(text.contains(QLatin1String("Connected")), qPrintable(text));
    QVERIFY2(!text.contains(QLatin1String("Last successful test")), qPrintable(text)); // the new answer, not the stored one
    QVERIFY2(text.contains(QLatin1String("+1 555-010-0001")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("Reclutamiento Demo")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("High (green)")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("1,000 customers every 24 hours")), qPrintable(text));
    QVERIFY2(!text.contains(QLatin1String("not saved yet")), qPrintable(text)); // the stored values were tested
    QVERIFY(!dialog->isBusy());
    saveScreenshot(*dialog, QStringLiteral("whatsapp-config-en"));

    // Values typed but not saved are tested as typed, and said to be unsaved.
    tested.clear();
    child<QLineEdit>(*dialog, "accessToken")->setText(QStringLiteral("EAASandboxDemoToken0000000000000000"));
    dialog->testConnection();
    QVERIFY(tested.wait(kTimeoutMs));
    QCOMPARE(tested.first().first().toBool(), true);
    QVERIFY2(result->text().contains(QLatin1String("not saved yet")), qPrintable(result->text()));
}

void TestWhatsAppConfigDialog::storeUnknownToken()
{
    // Meta accepts the token when it is saved (the server asks debug_token)
    // and forgets it afterwards, as when its system user is removed.
    const QString token = QStringLiteral("EAAUnknownTokenForTheSandbox1234");
    sandbox::Sandbox &meta = m_server->demo()->sandbox();
    meta.setToken(token, {QStringLiteral("200000000000001")});
    const QJsonObject config{{QStringLiteral("business_api_token"), token},
                             {QStringLiteral("phone_number_id"), QStringLiteral("100000000000001")},
                             {QStringLiteral("business_account_id"), QStringLiteral("200000000000001")}};
    auto savedWrong = collect(m_api->post(QStringLiteral("/api/whatsapp/config"), config), this);
    AWAIT_OK(savedWrong);
    meta.revokeToken(token);
}

void TestWhatsAppConfigDialog::failingTestShowsMetasExplanation()
{
    // A stored token the Sandbox does not know: Meta's 190.
    storeUnknownToken();
    if (QTest::currentTestFailed())
        return;
    // What the server itself says about it, for comparison.
    auto direct = collect(m_api->post(QStringLiteral("/api/whatsapp/test-connection")), this);
    AWAIT_OK(direct);
    QCOMPARE(direct->json.value(QStringLiteral("ok")).toBool(), false);
    const QJsonObject error = direct->json.value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toInt(), 190);
    const QString explanation = error.value(QStringLiteral("explanation")).toString();
    QVERIFY(!explanation.isEmpty());

    auto dialog = openDialog();
    auto *result = child<QLabel>(*dialog, "testResult");
    // On open: the failure the server recorded.
    QVERIFY2(result->text().contains(QLatin1String("The last test failed")), qPrintable(result->text()));
    QSignalSpy tested(dialog.get(), &ui::WhatsAppConfigDialog::connectionTested);
    dialog->testConnection();
    QVERIFY(tested.wait(kTimeoutMs));
    QCOMPARE(tested.first().first().toBool(), false);
    const QString text = result->text();
    QVERIFY2(text.contains(QLatin1String("The connection failed")), qPrintable(text));
    QVERIFY2(text.contains(explanation.toHtmlEscaped()), qPrintable(text + QStringLiteral(" / ") + explanation));
    QVERIFY2(text.contains(QLatin1String("#c5221f")), qPrintable(text)); // in red
    QVERIFY2(!text.contains(QLatin1String("internet access")), qPrintable(text)); // not a network problem

    // Saving the values Meta just refused asks first; "Cancel" saves nothing.
    QSignalSpy saved(dialog.get(), &ui::WhatsAppConfigDialog::saved);
    child<QLineEdit>(*dialog, "businessAccountId")->setText(QStringLiteral("200000000000009"));
    dialog->save();
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = dialog->findChild<QMessageBox *>(QStringLiteral("confirm"))) != nullptr);
    QVERIFY2(box->text().contains(explanation), qPrintable(box->text()));
    box->button(QMessageBox::Cancel)->click();
    QTest::qWait(200);
    QCOMPARE(saved.count(), 0);
    QCOMPARE(storedConfig().value(QStringLiteral("business_account_id")).toString(), QStringLiteral("200000000000001"));
    // A corrected token (tested or not) saves without asking.
    child<QLineEdit>(*dialog, "businessAccountId")->setText(QStringLiteral("200000000000001"));
    child<QLineEdit>(*dialog, "accessToken")->setText(QStringLiteral("EAASandboxDemoToken0000000000000000"));
    dialog->save();
    QVERIFY(saved.wait(kTimeoutMs));
    QVERIFY(!dialog->findChild<QMessageBox *>(QStringLiteral("confirm")) || !dialog->findChild<QMessageBox *>(QStringLiteral("confirm"))->isVisible());
}

void TestWhatsAppConfigDialog::refusedValuesSavedAfterConfirming()
{
    // A phone number id Meta does not know (its token is fine): the test
    // fails, and the dialog knows from that test on open.
    const QJsonObject config{{QStringLiteral("phone_number_id"), QStringLiteral("100000000000077")},
                             {QStringLiteral("business_account_id"), QStringLiteral("200000000000001")}};
    auto stored = collect(m_api->post(QStringLiteral("/api/whatsapp/config"), config), this);
    AWAIT_OK(stored);
    auto tested = collect(m_api->post(QStringLiteral("/api/whatsapp/test-connection")), this);
    AWAIT_OK(tested);
    QCOMPARE(tested->json.value(QStringLiteral("ok")).toBool(), false);
    auto dialog = openDialog();
    QSignalSpy saved(dialog.get(), &ui::WhatsAppConfigDialog::saved);
    child<QLineEdit>(*dialog, "verifyToken")->setText(QStringLiteral("another-verify-token"));
    dialog->save();
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = dialog->findChild<QMessageBox *>(QStringLiteral("confirm"))) != nullptr);
    QPushButton *yes = nullptr;
    for (QAbstractButton *b : box->buttons())
        if (b->text() == QLatin1String("Save anyway"))
            yes = qobject_cast<QPushButton *>(b);
    QVERIFY(yes);
    yes->click();
    QVERIFY(saved.wait(kTimeoutMs));
    QCOMPARE(storedConfig().value(QStringLiteral("webhook_verify_token")).toString(), QStringLiteral("another-verify-token"));
}

// Issue 23, bug 5: a successful test of typed values, then Save: the page
// shows what the test found, not "Not checked yet".
void TestWhatsAppConfigDialog::testedValuesKeepTheirResultWhenSaved()
{
    storeUnknownToken();
    auto dialog = openDialog();
    QSignalSpy tested(dialog.get(), &ui::WhatsAppConfigDialog::connectionTested);
    QSignalSpy saved(dialog.get(), &ui::WhatsAppConfigDialog::saved);
    child<QLineEdit>(*dialog, "accessToken")->setText(QStringLiteral("EAASandboxDemoToken0000000000000000"));
    dialog->testConnection();
    QVERIFY(tested.wait(kTimeoutMs));
    QCOMPARE(tested.first().first().toBool(), true);
    QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save), Qt::LeftButton);
    QVERIFY(saved.wait(kTimeoutMs));
    const auto config = saved.first().first().value<protocol::WhatsAppConfig>();
    QCOMPARE(config.connectionStatus, protocol::ConnectionStatus::Connected);
    QCOMPARE(config.verifiedName.value_or(QString()), QStringLiteral("Reclutamiento Demo"));
    QVERIFY(config.checkedAt.has_value());
}

void TestWhatsAppConfigDialog::saveRoundTrips()
{
    // The demo's token, granted for every account of the business (the
    // server asks Meta whether it is granted for the account saved).
    m_server->demo()->sandbox().setToken(QStringLiteral("EAASandboxDemoToken0000000000000000"), {});
    auto dialog = openDialog();
    QSignalSpy saved(dialog.get(), &ui::WhatsAppConfigDialog::saved);
    child<QLineEdit>(*dialog, "businessAccountId")->setText(QStringLiteral(" 200000000000002 "));
    child<QLineEdit>(*dialog, "verifyToken")->setText(QStringLiteral("a-new-verify-token-42"));
    child<QLineEdit>(*dialog, "appSecret")->setText(QStringLiteral("tenant-own-app-secret"));
    auto *buttons = dialog->findChild<QDialogButtonBox *>();
    QVERIFY(buttons);
    QPushButton *save = buttons->button(QDialogButtonBox::Save);
    QCOMPARE(save->text(), QStringLiteral("Save"));
    QTest::mouseClick(save, Qt::LeftButton);
    QVERIFY(!save->isEnabled()); // no second save while the first is in flight
    QVERIFY(!buttons->button(QDialogButtonBox::Cancel)->isEnabled());
    QVERIFY(saved.wait(kTimeoutMs));
    QCOMPARE(dialog->result(), int(QDialog::Accepted));
    QVERIFY(!dialog->isVisible());
    const auto emitted = saved.first().first().value<protocol::WhatsAppConfig>();
    QCOMPARE(emitted.businessAccountId, QStringLiteral("200000000000002"));

    const QJsonObject after = storedConfig();
    QCOMPARE(after.value(QStringLiteral("business_account_id")).toString(), QStringLiteral("200000000000002"));
    QCOMPARE(after.value(QStringLiteral("webhook_verify_token")).toString(), QStringLiteral("a-new-verify-token-42"));
    QCOMPARE(after.value(QStringLiteral("has_app_secret")).toBool(), true);
    QCOMPARE(after.value(QStringLiteral("phone_number_id")).toString(), QStringLiteral("100000000000001"));
    // The token field was left empty: the stored token is kept (the test still connects).
    QCOMPARE(after.value(QStringLiteral("has_token")).toBool(), true);
    auto test = collect(m_api->post(QStringLiteral("/api/whatsapp/test-connection")), this);
    AWAIT_OK(test);
    QVERIFY2(test->json.value(QStringLiteral("ok")).toBool(), QJsonDocument(test->json).toJson().constData());

    // A reopened dialog shows what was saved.
    auto again = openDialog();
    QCOMPARE(child<QLineEdit>(*again, "businessAccountId")->text(), QStringLiteral("200000000000002"));
    QCOMPARE(child<QLineEdit>(*again, "verifyToken")->text(), QStringLiteral("a-new-verify-token-42"));
    QVERIFY(child<QLineEdit>(*again, "appSecret")->text().isEmpty());
    QVERIFY(child<QLineEdit>(*again, "appSecret")->placeholderText().contains(QLatin1String("Stored:")));
}

// Issue 25: the token line says what Meta's debug_token found; tokens Meta
// refuses are refused under the field they concern, in the console's words.
void TestWhatsAppConfigDialog::accessTokenLineAndMetasRefusals()
{
    sandbox::Sandbox &meta = m_server->demo()->sandbox();
    const QString token = QStringLiteral("EAAUserTokenForTenDays0000000000");
    meta.setToken(token, {QStringLiteral("200000000000001"), QStringLiteral("USER"), QDateTime::currentSecsSinceEpoch() + 10 * 86400 - 3600});
    auto stored = collect(m_api->post(QStringLiteral("/api/whatsapp/config"),
                                      {{QStringLiteral("business_api_token"), token},
                                       {QStringLiteral("phone_number_id"), QStringLiteral("100000000000001")},
                                       {QStringLiteral("business_account_id"), QStringLiteral("200000000000001")}}),
                          this);
    AWAIT_OK(stored);
    auto dialog = openDialog();
    auto *line = child<QLabel>(*dialog, "tokenStatus");
    QVERIFY(line->isVisible());
    QVERIFY2(line->text().contains(QStringLiteral("expires in 10 days")), qPrintable(line->text()));
    QVERIFY2(line->text().contains(QStringLiteral("app ID and app secret")), qPrintable(line->text()));
    QVERIFY(child<QLineEdit>(*dialog, "appId")->isVisible());
    saveScreenshot(*dialog, QStringLiteral("whatsapp-config-token-en"));

    // A token without the messaging permission: refused, saying which.
    meta.setToken(QStringLiteral("EAANoMessagingPermission00000000"),
                  {QStringLiteral("200000000000001"), QStringLiteral("SYSTEM_USER"), 0, {QStringLiteral("whatsapp_business_management")}});
    QSignalSpy failed(dialog.get(), &ui::WhatsAppConfigDialog::saveFailed);
    child<QLineEdit>(*dialog, "accessToken")->setText(QStringLiteral("EAANoMessagingPermission00000000"));
    QVERIFY(!line->isVisible()); // it spoke of the stored token
    dialog->save();
    QVERIFY(failed.wait(kTimeoutMs));
    auto *tokenError = child<QLabel>(*dialog, "accessTokenError");
    QVERIFY2(tokenError->isVisible() && tokenError->text().contains(QStringLiteral("lacks the permission whatsapp_business_messaging")),
             qPrintable(tokenError->text()));
    // A token of another account: under the account's field.
    meta.setToken(QStringLiteral("EAAOtherAccountToken000000000000"), {QStringLiteral("200000000000999")});
    child<QLineEdit>(*dialog, "accessToken")->setText(QStringLiteral("EAAOtherAccountToken000000000000"));
    failed.clear();
    dialog->save();
    QVERIFY(failed.wait(kTimeoutMs));
    auto *accountError = child<QLabel>(*dialog, "businessAccountIdError");
    QVERIFY2(accountError->isVisible() && accountError->text().contains(QStringLiteral("not granted for this WhatsApp Business account")),
             qPrintable(accountError->text()));
    // A malformed app id never leaves the console.
    child<QLineEdit>(*dialog, "accessToken")->clear();
    child<QLineEdit>(*dialog, "appId")->setText(QStringLiteral("12ab"));
    failed.clear();
    dialog->save();
    QCOMPARE(failed.count(), 1);
    QVERIFY(child<QLabel>(*dialog, "appIdError")->isVisible());
}

void TestWhatsAppConfigDialog::serverRefusalsByTheField()
{
    // Refusals the demo server cannot produce (another company's number, a
    // non-admin) from a stand-in.
    test::FakeServer fake;
    int posts = 0;
    QString answer;
    fake.route(QStringLiteral("/api/whatsapp/"), [&](const QString &, const http::Request &request) {
        if (request.method == http::Method::Get)
            return http::Reply::json(QJsonObject{{QStringLiteral("configured"), true},
                                                   {QStringLiteral("has_token"), true},
                                                   {QStringLiteral("business_api_token"), QStringLiteral("EAAG…x9Zk")},
                                                   {QStringLiteral("phone_number_id"), QStringLiteral("100000000000001")},
                                                   {QStringLiteral("business_account_id"), QStringLiteral("200000000000001")},
                                                   {QStringLiteral("webhook_url"), QStringLiteral("https://puente.example.com/api/whatsapp/webhook")}});
        ++posts;
        if (answer == QLatin1String("taken"))
            return http::Reply::json(
                QJsonObject{{QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), QStringLiteral("phone_number_taken")},
                                                                  {QStringLiteral("message"), QStringLiteral("phone number ID is already connected to another tenant")},
                                                                  {QStringLiteral("field"), QStringLiteral("phone_number_id")}}}},
                409);
        if (answer == QLatin1String("invalid"))
            return http::Reply::json(
                QJsonObject{{QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), QStringLiteral("invalid_field")},
                                                                  {QStringLiteral("message"), QStringLiteral("the verify token is not acceptable")},
                                                                  {QStringLiteral("field"), QStringLiteral("webhook_verify_token")}}}},
                422);
        return http::Reply::json(
            QJsonObject{{QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), QStringLiteral("forbidden")},
                                                              {QStringLiteral("message"), QStringLiteral("tenant admins only")}}}},
            403);
    });
    const quint16 port = fake.listen();
    QVERIFY(port);
    client::ApiClient api(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
    api.setToken(QStringLiteral("any"));
    ui::WhatsAppConfigDialog dialog(&api);
    QSignalSpy loaded(&dialog, &ui::WhatsAppConfigDialog::configLoaded);
    dialog.show();
    QVERIFY(loaded.wait(kTimeoutMs));
    QSignalSpy failed(&dialog, &ui::WhatsAppConfigDialog::saveFailed);

    answer = QStringLiteral("taken");
    dialog.save();
    QVERIFY(failed.wait(kTimeoutMs));
    QCOMPARE(posts, 1);
    auto *phoneError = child<QLabel>(dialog, "phoneNumberIdError");
    QVERIFY(phoneError->isVisible());
    QCOMPARE(phoneError->text(), QStringLiteral("This number is already connected to another company"));
    QVERIFY(dialog.isVisible());
    // Correcting the field takes its error away at once (issue 23, bug 10).
    QTest::keyClick(child<QLineEdit>(dialog, "phoneNumberId"), Qt::Key_1);
    QVERIFY(!phoneError->isVisible());

    answer = QStringLiteral("invalid");
    dialog.save();
    QVERIFY(failed.wait(kTimeoutMs));
    QVERIFY(!phoneError->isVisible());
    auto *verifyError = child<QLabel>(dialog, "verifyTokenError");
    QVERIFY(verifyError->isVisible());
    QCOMPARE(verifyError->text(), QStringLiteral("the verify token is not acceptable"));
    QTest::keyClick(child<QLineEdit>(dialog, "verifyToken"), Qt::Key_X);
    QVERIFY(!verifyError->isVisible());
    QTest::keyClick(child<QLineEdit>(dialog, "verifyToken"), Qt::Key_Backspace); // the value as it was

    answer = QStringLiteral("forbidden");
    dialog.save();
    QVERIFY(failed.wait(kTimeoutMs));
    auto *general = child<QLabel>(dialog, "saveError");
    QVERIFY(general->isVisible());
    QCOMPARE(general->text(), QStringLiteral("Only administrators can change this."));
    QCOMPARE(posts, 3);
}

void TestWhatsAppConfigDialog::generateMakesANewToken()
{
    auto dialog = openDialog();
    auto *verify = child<QLineEdit>(*dialog, "verifyToken");
    const QString before = verify->text();
    QTest::mouseClick(child<QPushButton>(*dialog, "generateVerifyToken"), Qt::LeftButton);
    const QString first = verify->text();
    static const QRegularExpression urlSafe(QStringLiteral("^[A-Za-z0-9_-]{32}$"));
    QVERIFY2(urlSafe.match(first).hasMatch(), qPrintable(first));
    QVERIFY(first != before);
    QTest::mouseClick(child<QPushButton>(*dialog, "generateVerifyToken"), Qt::LeftButton);
    QVERIFY2(urlSafe.match(verify->text()).hasMatch(), qPrintable(verify->text()));
    QVERIFY(verify->text() != first);
}

void TestWhatsAppConfigDialog::copyPutsTheUrlOnTheClipboard()
{
    auto dialog = openDialog();
    QGuiApplication::clipboard()->setText(QStringLiteral("something else"));
    auto *copy = child<QPushButton>(*dialog, "copyWebhookUrl");
    QTest::mouseClick(copy, Qt::LeftButton);
    const QString expected = storedConfig().value(QStringLiteral("webhook_url")).toString();
    QVERIFY(expected.endsWith(QLatin1String("/api/whatsapp/webhook")));
    QCOMPARE(QGuiApplication::clipboard()->text(), expected);
    QCOMPARE(copy->text(), QStringLiteral("Copied"));
    QTRY_COMPARE(copy->text(), QStringLiteral("Copy"));
}

void TestWhatsAppConfigDialog::spanish()
{
    // The English texts of a dialog, to find any left untranslated.
    QSet<QString> english;
    {
        auto dialog = openDialog();
        for (const QLabel *l : dialog->findChildren<QLabel *>())
            if (l->buddy())
                english << l->text();
        for (const QAbstractButton *b : dialog->findChildren<QAbstractButton *>())
            english << b->text();
        for (const QLineEdit *e : dialog->findChildren<QLineEdit *>())
            english << e->placeholderText();
        english << dialog->windowTitle();
        english.remove(QString());
    }
    QVERIFY(english.size() > 12);

    QVERIFY(ui::installTranslations(*qApp, QLocale(QLocale::Spanish, QLocale::Spain)));
    auto dialog = openDialog();
    QCOMPARE(dialog->windowTitle(), QStringLiteral("Configuración de WhatsApp"));
    QCOMPARE(child<QPushButton>(*dialog, "testConnection")->text(), QStringLiteral("Probar conexión"));
    QStringList texts;
    for (const QLabel *l : dialog->findChildren<QLabel *>())
        if (l->buddy())
            texts << l->text();
    for (const QAbstractButton *b : dialog->findChildren<QAbstractButton *>())
        texts << b->text();
    for (const QLineEdit *e : dialog->findChildren<QLineEdit *>())
        texts << e->placeholderText();
    for (const QString &t : std::as_const(texts))
        QVERIFY2(!english.contains(t), qPrintable(QStringLiteral("left in English: ") + t));

    QSignalSpy tested(dialog.get(), &ui::WhatsAppConfigDialog::connectionTested);
    dialog->testConnection();
    QVERIFY(tested.wait(kTimeoutMs));
    QCOMPARE(tested.first().first().toBool(), true);
    const QString result = child<QLabel>(*dialog, "testResult")->text();
    QVERIFY2(result.contains(QStringLiteral("Conectado")) && result.contains(QStringLiteral("Reclutamiento Demo")), qPrintable(result));
    // Numbers the Spanish way ("1000", CLDR groups from five digits), not "1,000".
    QVERIFY2(result.contains(QLocale(QLocale::Spanish, QLocale::Spain).toString(1000) + QStringLiteral(" clientes cada 24 horas"))
                 && !result.contains(QLatin1String("1,000")),
             qPrintable(result));
    saveScreenshot(*dialog, QStringLiteral("whatsapp-config-es"));

    auto *phone = child<QLineEdit>(*dialog, "phoneNumberId");
    phone->setText(QStringLiteral("+34 612 34 56 78"));
    child<QLineEdit>(*dialog, "verifyToken")->setText(QStringLiteral("corto"));
    dialog->save();
    auto *phoneError = child<QLabel>(*dialog, "phoneNumberIdError");
    QVERIFY(phoneError->isVisible());
    QCOMPARE(phoneError->text(), QStringLiteral("Es el identificador del número en WhatsApp Manager, no el número de teléfono"));
    saveScreenshot(*dialog, QStringLiteral("whatsapp-config-error-es"));
}

QTEST_MAIN(TestWhatsAppConfigDialog)
#include "tst_whatsappconfigdialog.moc"
