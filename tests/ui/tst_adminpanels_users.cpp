#include "adminpage.h"
#include "apikeydialog.h"
#include "apikeyspage.h"
#include "client/apiclient.h"
#include "consoleharness.h"
#include "secretdialog.h"
#include "storage/database.h"
#include "storage/tenantrepository.h"
#include "storage/userrepository.h"
#include "templatespage.h"
#include "theme.h"
#include "userdialogs.h"
#include "userspage.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QTcpServer>
#include <QTextBrowser>
#include <QTranslator>

using namespace puente;

// The admin pages of the console (users, API keys, templates) against a
// real server with the Sandbox demo tenant.
class TestAdminPanelsUsers : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void listsTheCompanysUsers();
    void createUserAppearsInTheList();
    void serverRefusalsShownAtTheField();
    void planLimitIsExplained();
    void changeRoleAndLastAdminRefused();
    void deactivateAndReactivate();
    void resetPasswordThenSignInWithIt();
    void agentSeesPermissionDenied();
    void unreachableServerOffersRetry();
    void apiKeyWorksUntilRevoked();
    void templatesSyncFillsTheListAndPreview();
    void templatesSyncWithoutWhatsApp();
    void screenshots_data();
    void screenshots();

private:
    // Presses the confirmation's yes button.
    static bool confirmYes(QWidget *page);
    static void saveScreenshot(QWidget &w, const QString &name);
    std::unique_ptr<client::ApiClient> login(const QString &email, const QString &password, QString *error = nullptr);
    int conversationsStatus(client::ApiClient &api);

    std::unique_ptr<test::ConsoleHarness> m_h;
};

void TestAdminPanelsUsers::init()
{
    m_h = std::make_unique<test::ConsoleHarness>();
    const QString error = m_h->start();
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestAdminPanelsUsers::cleanup()
{
    m_h.reset();
}

bool TestAdminPanelsUsers::confirmYes(QWidget *page)
{
    QMessageBox *box = nullptr;
    if (!QTest::qWaitFor([&] { return (box = page->findChild<QMessageBox *>(QStringLiteral("confirm"))) != nullptr; }, 5000))
        return false;
    box->button(QMessageBox::Ok)->click();
    return true;
}

void TestAdminPanelsUsers::saveScreenshot(QWidget &w, const QString &name)
{
    const QString dir = qEnvironmentVariable("PUENTE_SCREENSHOT_DIR", QStringLiteral(PUENTE_SCREENSHOT_DIR));
    QDir().mkpath(dir);
    QVERIFY(w.grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png")));
}

std::unique_ptr<client::ApiClient> TestAdminPanelsUsers::login(const QString &email, const QString &password, QString *error)
{
    auto api = std::make_unique<client::ApiClient>(m_h->baseUrl());
    client::ApiError e;
    const QJsonObject answer = test::await(
        api->post(QStringLiteral("api/auth/login"), {{QStringLiteral("email"), email}, {QStringLiteral("password"), password}}), &e);
    if (!answer.contains(QStringLiteral("token"))) {
        if (error)
            *error = e.codeName;
        return nullptr;
    }
    api->setToken(answer.value(QStringLiteral("token")).toString());
    return api;
}

int TestAdminPanelsUsers::conversationsStatus(client::ApiClient &api)
{
    client::ApiError error;
    bool done = false;
    int status = 0;
    client::ApiReply *reply = api.get(QStringLiteral("api/whatsapp/conversations"));
    reply->then(reply, [&](const QJsonObject &) { status = 200; done = true; },
                [&](const client::ApiError &e) { error = e; status = e.status; done = true; });
    (void)QTest::qWaitFor([&] { return done; }, 20000);
    return status;
}

void TestAdminPanelsUsers::listsTheCompanysUsers()
{
    ui::UsersPage page(m_h->admin.get(), m_h->adminUser.id);
    QCOMPARE(page.pageState()->state(), ui::PageState::State::Loading);
    QTRY_COMPARE(page.table()->rowCount(), 2);
    QCOMPARE(page.pageState()->state(), ui::PageState::State::Hidden);
    const int admin = page.rowOf(m_h->accounts.adminEmail);
    const int agent = page.rowOf(m_h->accounts.agentEmail);
    QVERIFY(admin >= 0 && agent >= 0);
    QCOMPARE(page.table()->item(admin, 2)->text(), QStringLiteral("Administrator"));
    QCOMPARE(page.table()->item(agent, 2)->text(), QStringLiteral("Agent"));
    QCOMPARE(page.table()->item(agent, 3)->text(), QStringLiteral("Active"));
    QVERIFY(page.table()->item(admin, 0)->text().endsWith(QStringLiteral("(you)")));
    // Both signed in a moment ago (the harness did).
    QVERIFY(page.table()->item(admin, 4)->text().startsWith(QStringLiteral("Today")));
    // Nothing to act on until a row is chosen; never deactivate yourself.
    QVERIFY(!page.roleButton()->isEnabled());
    QVERIFY(page.selectUser(m_h->accounts.adminEmail));
    QVERIFY(page.roleButton()->isEnabled());
    QVERIFY(!page.activeButton()->isEnabled());
    QVERIFY(page.selectUser(m_h->accounts.agentEmail));
    QVERIFY(page.activeButton()->isEnabled());
}

void TestAdminPanelsUsers::createUserAppearsInTheList()
{
    ui::UsersPage page(m_h->admin.get(), m_h->adminUser.id);
    QTRY_COMPARE(page.table()->rowCount(), 2);
    page.newUser();
    auto *dialog = page.findChild<ui::NewUserDialog *>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    dialog->nameEdit()->setText(QStringLiteral("Lucía Fernández"));
    dialog->emailEdit()->setText(QStringLiteral("lucia@demo.puente"));
    dialog->roleBox()->setCurrentIndex(dialog->roleBox()->findData(QStringLiteral("agent")));
    dialog->generate();
    const QString password = dialog->passwordEdit()->text();
    QCOMPARE(password.size(), 16);
    dialog->generate();
    QVERIFY(dialog->passwordEdit()->text() != password);
    QSignalSpy created(dialog, &ui::NewUserDialog::created);
    dialog->findChild<QPushButton *>(QStringLiteral("create"))->click();
    QTRY_COMPARE(created.count(), 1);
    QTRY_COMPARE(page.table()->rowCount(), 3);
    const int row = page.rowOf(QStringLiteral("lucia@demo.puente"));
    QVERIFY(row >= 0);
    QCOMPARE(page.table()->item(row, 0)->text(), QStringLiteral("Lucía Fernández"));
    QCOMPARE(page.table()->item(row, 4)->text(), QStringLiteral("Never"));
    QVERIFY(page.notice()->text().contains(QStringLiteral("lucia@demo.puente")));
    QVERIFY(!page.notice()->isError());
}

void TestAdminPanelsUsers::serverRefusalsShownAtTheField()
{
    ui::UsersPage page(m_h->admin.get(), m_h->adminUser.id);
    QTRY_COMPARE(page.table()->rowCount(), 2);
    page.newUser();
    auto *dialog = page.findChild<ui::NewUserDialog *>();
    QVERIFY(dialog);
    QSignalSpy failed(dialog, &ui::NewUserDialog::failed);
    auto *create = dialog->findChild<QPushButton *>(QStringLiteral("create"));

    // Empty fields: refused here, nothing sent.
    create->click();
    QCOMPARE(failed.count(), 1);
    QCOMPARE(dialog->errorText(QStringLiteral("name")), QStringLiteral("Required."));

    dialog->nameEdit()->setText(QStringLiteral("Pedro Gómez"));
    dialog->emailEdit()->setText(QStringLiteral("pedro-at-demo"));
    dialog->passwordEdit()->setText(QStringLiteral("Fuerte-y-larga-2026"));
    create->click();
    QTRY_COMPARE(failed.count(), 2);
    QCOMPARE(dialog->errorText(QStringLiteral("email")), QStringLiteral("This is not a valid email address."));
    QVERIFY(dialog->errorText(QStringLiteral("password")).isEmpty());

    dialog->emailEdit()->setText(QStringLiteral("pedro@demo.puente"));
    dialog->passwordEdit()->setText(QStringLiteral("corta"));
    create->click();
    QTRY_COMPARE(failed.count(), 3);
    QVERIFY(dialog->errorText(QStringLiteral("email")).isEmpty());
    QVERIFY(dialog->errorText(QStringLiteral("password")).startsWith(QStringLiteral("Too weak")));

    dialog->emailEdit()->setText(m_h->accounts.agentEmail);
    dialog->passwordEdit()->setText(QStringLiteral("Fuerte-y-larga-2026"));
    create->click();
    QTRY_COMPARE(failed.count(), 4);
    QCOMPARE(dialog->errorText(QStringLiteral("email")), QStringLiteral("Someone in your company already uses this email."));
    QVERIFY(dialog->isVisible());
    QCOMPARE(page.table()->rowCount(), 2);
    // Correcting the field takes its error away at once (issue 23, bug 10).
    QTest::keyClick(dialog->emailEdit(), Qt::Key_Backspace);
    QVERIFY(dialog->errorText(QStringLiteral("email")).isEmpty());
    QCOMPARE(dialog->errorText(QStringLiteral("password")), QString());
}

void TestAdminPanelsUsers::planLimitIsExplained()
{
    // The demo company on the basic plan (5 active users) with 3 more users: full.
    Database &db = m_h->server.context->database();
    const auto tenant = TenantRepository(db).findByIdOrSlug(m_h->accounts.tenantSlug);
    QVERIFY(tenant && tenant.value());
    TenantChanges plan;
    plan.plan = Plan::Basic;
    QVERIFY(TenantRepository(db).update(tenant.value()->id, plan, Actor(QStringLiteral("test"))));
    qint64 lastId = 0;
    for (int i = 0; i < 3; ++i) {
        auto u = UserRepository(db).create({tenant.value()->id, QStringLiteral("extra%1@demo.puente").arg(i), QStringLiteral("Extra %1").arg(i),
                                            Role::Agent, m_h->accounts.password}, Actor(QStringLiteral("test")));
        QVERIFY(u);
        lastId = u->id.value;
    }
    ui::UsersPage page(m_h->admin.get(), m_h->adminUser.id);
    QTRY_COMPARE(page.table()->rowCount(), 5);
    page.newUser();
    auto *dialog = page.findChild<ui::NewUserDialog *>();
    QVERIFY(dialog);
    QSignalSpy failed(dialog, &ui::NewUserDialog::failed);
    dialog->nameEdit()->setText(QStringLiteral("Sexta Persona"));
    dialog->emailEdit()->setText(QStringLiteral("sexta@demo.puente"));
    dialog->passwordEdit()->setText(QStringLiteral("Fuerte-y-larga-2026"));
    dialog->findChild<QPushButton *>(QStringLiteral("create"))->click();
    QTRY_COMPARE(failed.count(), 1);
    QVERIFY2(dialog->errorText(QString()).contains(QStringLiteral("plan has no room for more active users")), qPrintable(dialog->errorText(QString())));
    dialog->reject();
    // A deactivated user frees the seat; taking it back is refused with the reason.
    UserChanges off;
    off.active = false;
    QVERIFY(UserRepository(db).update(tenant.value()->id, UserId(lastId), off, Actor(QStringLiteral("test"))));
    QVERIFY(UserRepository(db).create({tenant.value()->id, QStringLiteral("sexta@demo.puente"), QStringLiteral("Sexta"), Role::Agent,
                                       m_h->accounts.password}, Actor(QStringLiteral("test"))));
    page.refresh();
    QTRY_COMPARE(page.table()->rowCount(), 6);
    QVERIFY(page.selectUser(QStringLiteral("extra2@demo.puente")));
    page.toggleActive();
    auto *box = page.findChild<QMessageBox *>(QStringLiteral("confirm"));
    QVERIFY(box);
    box->button(QMessageBox::Ok)->click();
    QTRY_VERIFY(page.notice()->text().contains(QStringLiteral("cannot be reactivated")));
}

void TestAdminPanelsUsers::changeRoleAndLastAdminRefused()
{
    ui::UsersPage page(m_h->admin.get(), m_h->adminUser.id);
    QTRY_COMPARE(page.table()->rowCount(), 2);
    // The only admin cannot become an agent.
    QVERIFY(page.selectUser(m_h->accounts.adminEmail));
    page.roleButton()->click();
    QVERIFY(confirmYes(&page));
    QTRY_VERIFY(page.notice()->isError() && !page.notice()->isHidden());
    QVERIFY2(page.notice()->text().contains(QStringLiteral("last active administrator")), qPrintable(page.notice()->text()));

    // The agent becomes an admin, then back.
    QVERIFY(page.selectUser(m_h->accounts.agentEmail));
    page.roleButton()->click();
    QVERIFY(confirmYes(&page));
    QTRY_COMPARE(page.table()->item(page.rowOf(m_h->accounts.agentEmail), 2)->text(), QStringLiteral("Administrator"));
    QVERIFY(!page.notice()->isError());
    client::ApiError error;
    const QJsonObject me = test::await(m_h->agent->get(QStringLiteral("api/users")), &error);
    QVERIFY2(me.contains(QStringLiteral("items")), qPrintable(error.codeName)); // the agent now may manage users
    QVERIFY(page.selectUser(m_h->accounts.agentEmail));
    page.roleButton()->click();
    QVERIFY(confirmYes(&page));
    QTRY_COMPARE(page.table()->item(page.rowOf(m_h->accounts.agentEmail), 2)->text(), QStringLiteral("Agent"));
}

void TestAdminPanelsUsers::deactivateAndReactivate()
{
    ui::UsersPage page(m_h->admin.get(), m_h->adminUser.id);
    QTRY_COMPARE(page.table()->rowCount(), 2);
    QVERIFY(page.selectUser(m_h->accounts.agentEmail));
    QCOMPARE(page.activeButton()->text(), QStringLiteral("Deactivate…"));
    // Cancel changes nothing.
    page.activeButton()->click();
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = page.findChild<QMessageBox *>(QStringLiteral("confirm"))));
    box->button(QMessageBox::Cancel)->click();
    QTest::qWait(200);
    QCOMPARE(page.table()->item(page.rowOf(m_h->accounts.agentEmail), 3)->text(), QStringLiteral("Active"));

    page.activeButton()->click();
    QVERIFY(confirmYes(&page));
    QTRY_COMPARE(page.table()->item(page.rowOf(m_h->accounts.agentEmail), 3)->text(), QStringLiteral("Deactivated"));
    QCOMPARE(page.table()->item(page.rowOf(m_h->accounts.agentEmail), 0)->foreground().color(), ui::theme::muted());
    // The agent's session ended; signing in is refused.
    QCOMPARE(conversationsStatus(*m_h->agent), 401);
    QVERIFY(!login(m_h->accounts.agentEmail, m_h->accounts.password));

    QVERIFY(page.selectUser(m_h->accounts.agentEmail));
    QCOMPARE(page.activeButton()->text(), QStringLiteral("Reactivate…"));
    QVERIFY(!page.resetPasswordButton()->isEnabled());
    page.activeButton()->click();
    QVERIFY(confirmYes(&page));
    QTRY_COMPARE(page.table()->item(page.rowOf(m_h->accounts.agentEmail), 3)->text(), QStringLiteral("Active"));
    QVERIFY(login(m_h->accounts.agentEmail, m_h->accounts.password));
}

void TestAdminPanelsUsers::resetPasswordThenSignInWithIt()
{
    ui::UsersPage page(m_h->admin.get(), m_h->adminUser.id);
    QTRY_COMPARE(page.table()->rowCount(), 2);
    QVERIFY(page.selectUser(m_h->accounts.agentEmail));
    page.resetPasswordButton()->click();
    auto *dialog = page.findChild<ui::ResetPasswordDialog *>();
    QVERIFY(dialog);
    // A weak one is refused by the server, shown in the dialog.
    QSignalSpy failed(dialog, &ui::ResetPasswordDialog::failed);
    dialog->passwordEdit()->setText(QStringLiteral("aaaaaaaaaaaa"));
    dialog->findChild<QPushButton *>(QStringLiteral("set"))->click();
    QTRY_COMPARE(failed.count(), 1);
    QVERIFY(dialog->errorText().startsWith(QStringLiteral("Too weak")));
    dialog->generate();
    const QString password = dialog->passwordEdit()->text();
    dialog->findChild<QPushButton *>(QStringLiteral("set"))->click();
    ui::SecretDialog *shown = nullptr;
    QTRY_VERIFY((shown = page.findChild<ui::SecretDialog *>()));
    QCOMPARE(shown->secret(), password);
    shown->copyButton()->click();
    QCOMPARE(QGuiApplication::clipboard()->text(), password);
    // The old session is over, the old password refused, the new one works.
    QCOMPARE(conversationsStatus(*m_h->agent), 401);
    QVERIFY(!login(m_h->accounts.agentEmail, m_h->accounts.password));
    auto agent = login(m_h->accounts.agentEmail, password);
    QVERIFY(agent);
    QCOMPARE(conversationsStatus(*agent), 200);
}

void TestAdminPanelsUsers::agentSeesPermissionDenied()
{
    ui::UsersPage users(m_h->agent.get(), m_h->agentUser.id);
    ui::ApiKeysPage keys(m_h->agent.get());
    QTRY_COMPARE(users.pageState()->state(), ui::PageState::State::Error);
    QTRY_COMPARE(keys.pageState()->state(), ui::PageState::State::Error);
    QVERIFY2(users.pageState()->text().contains(QStringLiteral("permission")), qPrintable(users.pageState()->text()));
    QVERIFY(keys.pageState()->text().contains(QStringLiteral("permission")));
    QVERIFY(users.pageState()->retryButton()->isHidden());
    QVERIFY(!users.newUserButton()->isEnabled());
    QVERIFY(!keys.createButton()->isEnabled());
    QCOMPARE(users.table()->rowCount(), 0);
    // Agents may read templates but not sync them.
    ui::TemplatesPage templates(m_h->agent.get());
    QSignalSpy synced(&templates, &ui::TemplatesPage::synced);
    templates.sync();
    QTRY_COMPARE(synced.count(), 1);
    QVERIFY(templates.notice()->isError());
    QVERIFY(templates.notice()->text().contains(QStringLiteral("permission")));
}

void TestAdminPanelsUsers::unreachableServerOffersRetry()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        port = probe.serverPort();
    }
    client::ApiClient api(QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port)));
    api.setToken(m_h->admin->token());
    ui::UsersPage page(&api, 1);
    QSignalSpy loaded(&page, &ui::UsersPage::loaded);
    QTRY_COMPARE(loaded.count(), 1);
    QCOMPARE(loaded.at(0).at(0).toBool(), false);
    QCOMPARE(page.pageState()->state(), ui::PageState::State::Error);
    QVERIFY2(page.pageState()->text().contains(QStringLiteral("server does not answer")), qPrintable(page.pageState()->text()));
    QVERIFY(!page.pageState()->retryButton()->isHidden());
    // Retry asks again (and still finds nobody there).
    page.pageState()->retryButton()->click();
    QCOMPARE(page.pageState()->state(), ui::PageState::State::Loading);
    QTRY_COMPARE(loaded.count(), 2);
    QCOMPARE(page.pageState()->state(), ui::PageState::State::Error);
    QVERIFY(page.table()->isHidden());
}

void TestAdminPanelsUsers::apiKeyWorksUntilRevoked()
{
    ui::ApiKeysPage page(m_h->admin.get());
    QTRY_COMPARE(page.pageState()->state(), ui::PageState::State::Empty);
    page.createButton()->click();
    auto *dialog = page.findChild<ui::CreateApiKeyDialog *>();
    QVERIFY(dialog);
    // A key without a name is refused in words; typing one takes the complaint away.
    dialog->findChild<QPushButton *>(QStringLiteral("create"))->click();
    QVERIFY(dialog->errorText().contains(QStringLiteral("Give the key a name")));
    QTest::keyClicks(dialog->nameEdit(), QStringLiteral("CRM"));
    QVERIFY(dialog->errorText().isEmpty());
    dialog->nameEdit()->setText(QStringLiteral("CRM sync"));
    dialog->scopeBox(QStringLiteral("conversations:write"))->setChecked(false);
    dialog->scopeBox(QStringLiteral("messages:send"))->setChecked(false);
    dialog->scopeBox(QStringLiteral("notifications"))->setChecked(false);
    dialog->scopeBox(QStringLiteral("campaigns"))->setChecked(false);
    dialog->findChild<QPushButton *>(QStringLiteral("create"))->click();
    ui::SecretDialog *shown = nullptr;
    QTRY_VERIFY((shown = page.findChild<ui::SecretDialog *>()));
    const QString secret = shown->secret();
    QVERIFY(secret.startsWith(QStringLiteral("pk_")));
    shown->copyButton()->click();
    QCOMPARE(QGuiApplication::clipboard()->text(), secret);
    QTRY_COMPARE(page.table()->rowCount(), 1);
    const int row = page.rowOf(QStringLiteral("CRM sync"));
    QVERIFY(secret.startsWith(page.table()->item(row, 1)->text().chopped(1)));
    QCOMPARE(page.table()->item(row, 2)->text(), QStringLiteral("read"));
    QCOMPARE(page.table()->item(row, 2)->toolTip(), QStringLiteral("Read conversations and messages"));
    QCOMPARE(page.table()->item(row, 4)->text(), QStringLiteral("Never"));
    QCOMPARE(page.table()->item(row, 5)->text(), QStringLiteral("Active"));

    // The key works for what it is scoped to, and not for users.
    client::ApiClient crm(m_h->baseUrl());
    crm.setToken(secret);
    QCOMPARE(conversationsStatus(crm), 200);
    client::ApiError error;
    test::await(crm.get(QStringLiteral("api/users")), &error);
    QCOMPARE(error.status, 403);
    page.refresh();
    QTRY_VERIFY(page.table()->item(page.rowOf(QStringLiteral("CRM sync")), 4)->text().startsWith(QStringLiteral("Today")));

    QVERIFY(page.selectKey(QStringLiteral("CRM sync")));
    page.revokeButton()->click();
    QVERIFY(confirmYes(&page));
    QTRY_VERIFY(page.table()->item(page.rowOf(QStringLiteral("CRM sync")), 5)->text().startsWith(QStringLiteral("Revoked")));
    QCOMPARE(page.table()->item(page.rowOf(QStringLiteral("CRM sync")), 0)->foreground().color(), ui::theme::muted());
    QVERIFY(page.selectKey(QStringLiteral("CRM sync")));
    QVERIFY(!page.revokeButton()->isEnabled());
    QCOMPARE(conversationsStatus(crm), 401);
}

void TestAdminPanelsUsers::templatesSyncFillsTheListAndPreview()
{
    ui::TemplatesPage page(m_h->admin.get());
    // Empty at first, unless the server's periodic sync came first.
    QTRY_VERIFY(page.pageState()->state() == ui::PageState::State::Empty || page.table()->rowCount() == 13);
    QSignalSpy synced(&page, &ui::TemplatesPage::synced);
    page.syncButton()->click();
    QVERIFY(!page.syncButton()->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(synced.count(), 1, 20000);
    QCOMPARE(synced.at(0).at(0).toBool(), true);
    QCOMPARE(synced.at(0).at(1).toInt(), 13);
    QCOMPARE(page.table()->rowCount(), 13);
    QVERIFY(page.notice()->text().contains(QStringLiteral("Meta has 13 template")));
    QCOMPARE(page.pageState()->state(), ui::PageState::State::Hidden);

    QVERIFY(page.selectTemplate(QStringLiteral("promo_referidos"), QStringLiteral("es")));
    const int rejected = page.table()->selectionModel()->selectedRows().first().row();
    QCOMPARE(page.table()->item(rejected, 3)->text(), QStringLiteral("Rejected: invalid format"));
    QCOMPARE(page.table()->item(rejected, 2)->text(), QStringLiteral("Marketing"));
    QVERIFY(page.selectTemplate(QStringLiteral("bienvenida_primer_dia"), QStringLiteral("es")));
    QCOMPARE(page.table()->item(page.table()->selectionModel()->selectedRows().first().row(), 3)->text(), QStringLiteral("Pending review"));

    QVERIFY(page.selectTemplate(QStringLiteral("vacante_disponible"), QStringLiteral("es_MX")));
    const int row = page.table()->selectionModel()->selectedRows().first().row();
    QCOMPARE(page.table()->item(row, 3)->text(), QStringLiteral("Approved"));
    QCOMPARE(page.table()->item(row, 4)->text(), QStringLiteral("High"));
    const QString text = page.preview()->toPlainText();
    QVERIFY2(text.contains(QStringLiteral("Nueva vacante: {{1}}")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("Hola {{1}}, tenemos una vacante de {{2}} en {{3}}")));
    QVERIFY(text.contains(QStringLiteral("Responde BAJA")));
    QVERIFY(text.contains(QStringLiteral("Me interesa")));
    // Each placeholder is marked.
    QCOMPARE(page.previewHtml().count(QStringLiteral("font-weight:600'>{{")), 5);

    // The list is kept: a new page shows it without syncing.
    ui::TemplatesPage again(m_h->admin.get());
    QTRY_COMPARE(again.table()->rowCount(), 13);
}

void TestAdminPanelsUsers::templatesSyncWithoutWhatsApp()
{
    Database &db = m_h->server.context->database();
    auto tenant = TenantRepository(db).create(QStringLiteral("sin-whatsapp"), QStringLiteral("Sin WhatsApp"), Plan::Basic);
    QVERIFY(tenant);
    QVERIFY(UserRepository(db).create({tenant.value().id, QStringLiteral("jefa@sinwhatsapp.example"), QStringLiteral("Jefa"),
                                       Role::TenantAdmin, m_h->accounts.password},
                                      Actor(QStringLiteral("test"))));
    auto api = login(QStringLiteral("jefa@sinwhatsapp.example"), m_h->accounts.password);
    QVERIFY(api);
    ui::TemplatesPage page(api.get());
    QTRY_COMPARE(page.pageState()->state(), ui::PageState::State::Empty);
    QSignalSpy synced(&page, &ui::TemplatesPage::synced);
    page.sync();
    QTRY_COMPARE(synced.count(), 1);
    QCOMPARE(synced.at(0).at(0).toBool(), false);
    QVERIFY(page.notice()->isError());
    QVERIFY2(page.notice()->text().startsWith(QStringLiteral("WhatsApp is not set up")), qPrintable(page.notice()->text()));
    QVERIFY(page.syncButton()->isEnabled());
    QCOMPARE(page.table()->rowCount(), 0);
}

void TestAdminPanelsUsers::screenshots_data()
{
    QTest::addColumn<QString>("language");
    QTest::addRow("es") << QStringLiteral("es");
    QTest::addRow("en") << QStringLiteral("en");
}

void TestAdminPanelsUsers::screenshots()
{
    QFETCH(QString, language);
    const test::ScreenshotLanguage screenLanguage(language);
    QVERIFY(screenLanguage.loaded);
    const QSize size(1040, 600);
    // Users: a few colleagues, one deactivated.
    for (const auto &[name, email] : {std::pair{QStringLiteral("Lucía Fernández"), QStringLiteral("lucia@demo.puente")},
                                      std::pair{QStringLiteral("Jorge Ramírez"), QStringLiteral("jorge@demo.puente")}})
        QVERIFY(!test::await(m_h->admin->post(QStringLiteral("api/users"), {{QStringLiteral("name"), name},
                                                                            {QStringLiteral("email"), email},
                                                                            {QStringLiteral("role"), QStringLiteral("agent")},
                                                                            {QStringLiteral("password"), ui::generatePassword()}}))
                     .isEmpty());
    {
        ui::UsersPage users(m_h->admin.get(), m_h->adminUser.id);
        users.resize(size);
        users.show();
        QTRY_COMPARE(users.table()->rowCount(), 4);
        QVERIFY(users.selectUser(QStringLiteral("jorge@demo.puente")));
        users.activeButton()->click();
        QVERIFY(confirmYes(&users));
        QTRY_VERIFY(!users.notice()->text().isEmpty());
        QTRY_COMPARE(users.table()->item(users.rowOf(QStringLiteral("jorge@demo.puente")), 0)->foreground().color(), ui::theme::muted());
        QVERIFY(users.selectUser(m_h->accounts.agentEmail));
        QTest::qWait(100);
        saveScreenshot(users, QStringLiteral("admin_users_%1").arg(language));

        users.newUser();
        auto *dialog = users.findChild<ui::NewUserDialog *>();
        QVERIFY(dialog);
        dialog->nameEdit()->setText(QStringLiteral("Pedro Gómez"));
        dialog->emailEdit()->setText(QStringLiteral("pedro@demo"));
        dialog->generate();
        QSignalSpy failed(dialog, &ui::NewUserDialog::failed);
        dialog->findChild<QPushButton *>(QStringLiteral("create"))->click();
        QTRY_COMPARE(failed.count(), 1);
        QTest::qWait(100);
        saveScreenshot(*dialog, QStringLiteral("admin_users_new_%1").arg(language));
        dialog->reject();

        ui::UsersPage denied(m_h->agent.get());
        denied.resize(size);
        denied.show();
        QTRY_COMPARE(denied.pageState()->state(), ui::PageState::State::Error);
        saveScreenshot(denied, QStringLiteral("admin_users_denied_%1").arg(language));
    }
    {
        client::ApiClient offline(QUrl(QStringLiteral("http://127.0.0.1:1/")));
        ui::ApiKeysPage keys(&offline);
        keys.resize(size);
        keys.show();
        QTRY_COMPARE(keys.pageState()->state(), ui::PageState::State::Error);
        saveScreenshot(keys, QStringLiteral("admin_apikeys_offline_%1").arg(language));
    }
    {
        ui::ApiKeysPage keys(m_h->admin.get());
        keys.resize(size);
        keys.show();
        QTRY_COMPARE(keys.pageState()->state(), ui::PageState::State::Empty);
        saveScreenshot(keys, QStringLiteral("admin_apikeys_empty_%1").arg(language));
        for (const QString &name : {QStringLiteral("Zapier (antiguo)"), QStringLiteral("CRM Hubspot")}) {
            keys.createKey();
            auto *dialog = keys.findChild<ui::CreateApiKeyDialog *>();
            QVERIFY(dialog);
            dialog->nameEdit()->setText(name);
            if (name.startsWith(QLatin1String("CRM")))
                saveScreenshot(*dialog, QStringLiteral("admin_apikeys_create_%1").arg(language));
            dialog->findChild<QPushButton *>(QStringLiteral("create"))->click();
            ui::SecretDialog *shown = nullptr;
            QTRY_VERIFY((shown = keys.findChild<ui::SecretDialog *>()));
            QTRY_COMPARE(keys.rowOf(name) >= 0, true);
            if (name.startsWith(QLatin1String("CRM"))) {
                QTest::qWait(100);
                saveScreenshot(*shown, QStringLiteral("admin_apikeys_shown_%1").arg(language));
            }
            shown->accept();
            QTRY_VERIFY(!keys.findChild<ui::SecretDialog *>());
        }
        QVERIFY(keys.selectKey(QStringLiteral("Zapier (antiguo)")));
        keys.revokeKey();
        QVERIFY(confirmYes(&keys));
        QTRY_VERIFY(!keys.revokeButton()->isEnabled());
        QVERIFY(keys.selectKey(QStringLiteral("CRM Hubspot")));
        QTest::qWait(100);
        saveScreenshot(keys, QStringLiteral("admin_apikeys_%1").arg(language));
    }
    {
        // A company without WhatsApp: no templates, and syncing says why.
        Database &db = m_h->server.context->database();
        auto tenant = TenantRepository(db).create(QStringLiteral("sin-whatsapp"), QStringLiteral("Sin WhatsApp"), Plan::Basic);
        QVERIFY(tenant);
        QVERIFY(UserRepository(db).create({tenant.value().id, QStringLiteral("jefa@sinwhatsapp.example"), QStringLiteral("Jefa"),
                                           Role::TenantAdmin, m_h->accounts.password},
                                          Actor(QStringLiteral("test"))));
        auto other = login(QStringLiteral("jefa@sinwhatsapp.example"), m_h->accounts.password);
        QVERIFY(other);
        ui::TemplatesPage empty(other.get());
        empty.resize(size);
        empty.show();
        QTRY_COMPARE(empty.pageState()->state(), ui::PageState::State::Empty);
        QSignalSpy refused(&empty, &ui::TemplatesPage::synced);
        empty.sync();
        QTRY_COMPARE(refused.count(), 1);
        saveScreenshot(empty, QStringLiteral("admin_templates_empty_%1").arg(language));

        ui::TemplatesPage templates(m_h->admin.get());
        templates.resize(size);
        templates.show();
        QSignalSpy synced(&templates, &ui::TemplatesPage::synced);
        templates.sync();
        QTRY_COMPARE_WITH_TIMEOUT(synced.count(), 1, 20000);
        QVERIFY(templates.selectTemplate(QStringLiteral("vacante_disponible"), QStringLiteral("es_MX")));
        QTest::qWait(100);
        saveScreenshot(templates, QStringLiteral("admin_templates_%1").arg(language));
        QVERIFY(templates.selectTemplate(QStringLiteral("promo_referidos"), QStringLiteral("es")));
        QTest::qWait(100);
        saveScreenshot(templates, QStringLiteral("admin_templates_rejected_%1").arg(language));
    }
}

QTEST_MAIN(TestAdminPanelsUsers)
#include "tst_adminpanels_users.moc"
