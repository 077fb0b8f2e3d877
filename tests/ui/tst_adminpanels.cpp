#include "adminpage.h"
#include "auditlogpage.h"
#include "adminwidgets.h"
#include "client/eventstream.h"
#include "consolecontroller.h"
#include "consoleharness.h"
#include "deadletterswidget.h"
#include "healthpage.h"
#include "mainwindow.h"
#include "events/eventlog.h"
#include "storage/sql.h"
#include "storage/health.h"
#include "storage/tenantrepository.h"
#include "storage/userrepository.h"
#include "tenantspage.h"

#include <QApplication>
#include <QComboBox>
#include <QKeyEvent>
#include <QDir>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTranslator>

using namespace puente;

// The platform admin's companies panel and a company's health panel
// against a real server with the Sandbox, and who sees which panel.
class TestAdminPanels : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void navigationFollowsTheRole();
    void healthSaysWhatIsWrongAndWhatToDo();
    void deadLetterIsReplayedFromTheHealthPanel();
    void panelsShowPermissionAndConnectionProblems();
    void platformAdminCreatesACompany();
    void suspendingACompanyTellsItsOpenConsoles();
    void auditEntriesReadAsSentencesWithoutSecrets();
    void auditFiltersAndPaging();
    void auditExportsEveryEntryToCsv();
    void accessTokenExpiryReachesAdmins();
    void screenshots_data();
    void screenshots();

private:
    std::unique_ptr<test::ConsoleHarness> m_h;
    protocol::Me m_opsUser;
    std::unique_ptr<client::ApiClient> m_ops;

    void signInPlatformAdmin();
    Database &db() { return m_h->server.context->database(); }
    qint64 count(const QString &sql, const QVariantList &binds = {});
    qint64 insertDeadLetter(bool ours);
    void saveScreenshot(QWidget &w, const QString &name);
};

void TestAdminPanels::initTestCase()
{
    ui::ConsoleController::applyLanguage(QStringLiteral("en")); // English plurals
}

// Types like a person, accents included (QTest::keyClicks takes ASCII only).
static void typeText(QWidget *w, const QString &text)
{
    for (QChar c : text) {
        QKeyEvent press(QEvent::KeyPress, Qt::Key_unknown, Qt::NoModifier, QString(c));
        QKeyEvent release(QEvent::KeyRelease, Qt::Key_unknown, Qt::NoModifier, QString(c));
        QApplication::sendEvent(w, &press);
        QApplication::sendEvent(w, &release);
    }
}

// A failed outbound text ("hola") in each of the tenant's conversations, with
// Meta's error code and title.
static Status insertFailedSend(const QSqlDatabase &connection, TenantId tenant, int errorCode, const QString &errorTitle)
{
    Sql failed(connection, QStringLiteral("INSERT INTO whatsapp_messages (tenant_id, conversation_id, direction, type, content, status, "
                                          "timestamp, error_code, error_title, status_at, created_at, updated_at) SELECT tenant_id, id, "
                                          "'outbound', 'text', 'hola', 'failed', ?, ?, ?, ?, ?, ? "
                                          "FROM whatsapp_conversations WHERE tenant_id = ?"));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    failed.bind(now).bind(errorCode).bind(errorTitle).bind(now).bind(now).bind(now).bind(tenant.value);
    return failed.exec();
}

void TestAdminPanels::init()
{
    m_h = std::make_unique<test::ConsoleHarness>();
    const QString error = m_h->start();
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestAdminPanels::cleanup()
{
    m_ops.reset();
    m_h.reset();
}

void TestAdminPanels::signInPlatformAdmin()
{
    UserRepository users(db());
    QVERIFY(users.create({TenantId(), QStringLiteral("ops@puente.example"), QStringLiteral("Operaciones"), Role::PlatformAdmin,
                          m_h->accounts.password}, Actor(QStringLiteral("test"))));
    m_ops = m_h->signIn(QStringLiteral("ops@puente.example"), &m_opsUser);
    QVERIFY(m_ops);
}

qint64 TestAdminPanels::count(const QString &sql, const QVariantList &binds)
{
    Sql q(db().connection(), sql);
    for (const QVariant &b : binds)
        q.bind(b);
    return q.exec() && q.next() ? q.int64(0) : -1;
}

// A message for the demo's number that failed processing (ours), or one for
// a number no company has.
qint64 TestAdminPanels::insertDeadLetter(bool ours)
{
    const QString number = ours ? server::SandboxDemo::phoneNumberId() : QStringLiteral("5550001111");
    const QJsonObject change{{QStringLiteral("field"), QStringLiteral("messages")},
                             {QStringLiteral("entry_id"), QStringLiteral("1")},
                             {QStringLiteral("value"), QJsonObject{
                                  {QStringLiteral("messaging_product"), QStringLiteral("whatsapp")},
                                  {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("phone_number_id"), number}}},
                                  {QStringLiteral("contacts"), QJsonArray{QJsonObject{{QStringLiteral("wa_id"), QStringLiteral("34677001122")},
                                                                                      {QStringLiteral("profile"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Rocío")}}}}}},
                                  {QStringLiteral("messages"), QJsonArray{QJsonObject{{QStringLiteral("from"), QStringLiteral("34677001122")},
                                                                                      {QStringLiteral("id"), QStringLiteral("wamid.dead.%1").arg(ours)},
                                                                                      {QStringLiteral("timestamp"), QString::number(QDateTime::currentSecsSinceEpoch())},
                                                                                      {QStringLiteral("type"), QStringLiteral("text")},
                                                                                      {QStringLiteral("text"), QJsonObject{{QStringLiteral("body"), QStringLiteral("¿Me recibieron el CV?")}}}}}}}}};
    const auto tenant = TenantRepository(db()).findByIdOrSlug(m_h->accounts.tenantSlug);
    Transaction tx(db());
    Sql q(tx.connection(), QStringLiteral("INSERT INTO dead_letters (tenant_id, reason, field, routing_key, payload, created_at) "
                                          "VALUES (?, ?, 'messages', ?, ?, ?) RETURNING id"));
    q.bind(ours ? QVariant(tenant.value()->id.value) : QVariant(QMetaType(QMetaType::LongLong)))
        .bind(ours ? QStringLiteral("processing failed 5 times: database is locked") : QStringLiteral("no tenant owns phone number id %1").arg(number))
        .bind(number)
        .bind(QString::fromUtf8(QJsonDocument(change).toJson(QJsonDocument::Compact)))
        .bind(QDateTime::currentMSecsSinceEpoch());
    if (!q.exec() || !q.next())
        return 0;
    const qint64 id = q.int64(0);
    q.finish();
    return tx.commit() ? id : 0;
}

void TestAdminPanels::navigationFollowsTheRole()
{
    {
        ui::MainWindow agent(m_h->agent.get(), m_h->agentUser);
        QCOMPARE(agent.navigationItems(), QStringList{QStringLiteral("Conversations")});
    }
    {
        ui::MainWindow admin(m_h->admin.get(), m_h->adminUser);
        const QStringList items = admin.navigationItems();
        for (const QString &page : {QStringLiteral("Conversations"), QStringLiteral("WhatsApp"), QStringLiteral("Templates"), QStringLiteral("Users"),
                                    QStringLiteral("API keys"), QStringLiteral("Health")})
            QVERIFY2(items.contains(page), qPrintable(items.join(QLatin1Char(','))));
        QVERIFY(!items.contains(QStringLiteral("Companies"))); // a tenant admin never sees the companies
        QVERIFY(qobject_cast<ui::HealthPage *>(admin.page(QStringLiteral("Health"))));
    }
    signInPlatformAdmin();
    {
        // No company chosen: the companies, nothing of any one company.
        ui::MainWindow ops(m_ops.get(), m_opsUser);
        const QStringList items = ops.navigationItems();
        QVERIFY(items.contains(QStringLiteral("Companies")));
        for (const QString &page : {QStringLiteral("Health"), QStringLiteral("WhatsApp"), QStringLiteral("Users"), QStringLiteral("API keys"),
                                    QStringLiteral("Templates")})
            QVERIFY2(!items.contains(page), qPrintable(page));
        QVERIFY(qobject_cast<ui::TenantsPage *>(ops.page(QStringLiteral("Companies")))->isVisibleTo(&ops));
    }
    m_ops->setActingTenant(m_h->accounts.tenantSlug);
    ui::MainWindow inCompany(m_ops.get(), m_opsUser);
    const QStringList items = inCompany.navigationItems();
    for (const QString &page : {QStringLiteral("Companies"), QStringLiteral("Health"), QStringLiteral("WhatsApp"), QStringLiteral("Users"),
                                QStringLiteral("API keys"), QStringLiteral("Templates")})
        QVERIFY2(items.contains(page), qPrintable(page));
}

void TestAdminPanels::healthSaysWhatIsWrongAndWhatToDo()
{
    m_h->candidateWrites(QStringLiteral("34611000001"), QStringLiteral("Lucía Pérez"), QStringLiteral("Hola"));
    const auto tenant = TenantRepository(db()).findByIdOrSlug(m_h->accounts.tenantSlug);
    const TenantId id = tenant.value()->id;
    QTRY_VERIFY_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_config WHERE tenant_id = ? AND last_webhook_at IS NOT NULL"),
                                   {id.value}) == 1, 10000);
    {
        Transaction tx(db());
        for (int i = 0; i < 2; ++i)
            QVERIFY(Health::record(tx.connection(), id, Health::Kind::RateLimited, 130429, QStringLiteral("Rate limit hit")));
        QVERIFY(Health::record(tx.connection(), id, Health::Kind::TokenRefused, 190, QStringLiteral("Error validating access token")));
        QVERIFY(insertFailedSend(tx.connection(), id, 131026, QStringLiteral("Message undeliverable")));
        QVERIFY(tx.commit());
    }
    ui::HealthPage page(m_h->admin.get());
    page.resize(900, 1000);
    page.show();
    QTRY_VERIFY(page.text().contains(QStringLiteral("Last webhook from Meta: just now")));
    const QString text = page.text();
    QVERIFY2(text.contains(QStringLiteral("Connected via the Business API")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("Meta slowed down your sends 2 times")));
    QVERIFY(text.contains(QStringLiteral("Meta refused the access token 1 time")));
    QVERIFY(text.contains(QStringLiteral("Paste a new one under WhatsApp")));
    QCOMPARE(page.failures()->rowCount(), 1);
    QCOMPARE(page.failures()->item(0, 0)->text(), QStringLiteral("1"));
    QVERIFY(page.failures()->item(0, 1)->text().contains(QStringLiteral("131026")));
    QVERIFY(page.failures()->item(0, 2)->text().contains(QStringLiteral("cannot receive WhatsApp messages")));
    // The plan: the demo company is on Pro (25 users), with its admin and agent.
    QVERIFY2(page.usersBar()->text().contains(QStringLiteral("2 of 25")), qPrintable(page.usersBar()->text()));
    QVERIFY(!page.usersBar()->atLimit());

    // "Open the WhatsApp configuration" leads there.
    QSignalSpy configure(&page, &ui::HealthPage::configureWhatsAppRequested);
    for (QPushButton *b : page.findChildren<QPushButton *>())
        if (b->text().startsWith(QStringLiteral("Open the WhatsApp configuration")))
            b->click();
    QCOMPARE(configure.count(), 1);
}

void TestAdminPanels::deadLetterIsReplayedFromTheHealthPanel()
{
    const qint64 ours = insertDeadLetter(true);
    const qint64 unroutable = insertDeadLetter(false);
    QVERIFY(ours > 0 && unroutable > 0);
    ui::HealthPage page(m_h->admin.get());
    page.show();
    ui::DeadLettersWidget *dead = page.deadLetters();
    QTRY_COMPARE(dead->model()->rowCount(), 1); // only its own
    QCOMPARE(dead->idAt(0), ours);
    QCOMPARE(dead->model()->item(0, 2)->text(),
             QStringLiteral("Storing it failed 5 times (database is locked). Replay it once the server is healthy."));
    QVERIFY(!dead->replayButton()->isEnabled());
    dead->table()->selectRow(0);
    QVERIFY(dead->replayButton()->isEnabled());
    QSignalSpy replayed(dead, &ui::DeadLettersWidget::replayed);
    dead->replayButton()->click();
    QTRY_COMPARE(replayed.count(), 1);
    QVERIFY(dead->statusText().contains(QStringLiteral("Queued again")));
    // The candidate's message is in the inbox now, and the row says replayed.
    QTRY_COMPARE_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE provider_message_id = 'wamid.dead.1'")), qint64(1), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(dead->model()->rowCount() == 1 && dead->model()->item(0, 3)->text().startsWith(QStringLiteral("Replayed")), 10000);
    QVERIFY(!dead->replayButton()->isEnabled() || dead->table()->selectionModel()->selectedRows().isEmpty());
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'dead_letter.replayed'")), qint64(1));
}

void TestAdminPanels::panelsShowPermissionAndConnectionProblems()
{
    // An agent's client (the UI never offers it, but the server decides).
    ui::HealthPage denied(m_h->agent.get());
    denied.show();
    QTRY_VERIFY(denied.status()->text().contains(QStringLiteral("permission")));
    QVERIFY(!denied.status()->retryButton()->isVisibleTo(&denied));
    // A tenant admin's client on the companies panel.
    ui::TenantsPage notOps(m_h->admin.get());
    QTRY_VERIFY(notOps.status()->text().contains(QStringLiteral("permission")));

    // The server cannot be reached: said, with Retry.
    client::ApiClient nowhere(QUrl(QStringLiteral("http://127.0.0.1:1/")));
    nowhere.setToken(QStringLiteral("x"));
    ui::TenantsPage offline(&nowhere);
    offline.show();
    QTRY_VERIFY(offline.status()->text().contains(QStringLiteral("the server does not answer")));
    QVERIFY(offline.status()->retryButton()->isVisibleTo(&offline));
    QCOMPARE(offline.model()->rowCount(), 0);
}

void TestAdminPanels::platformAdminCreatesACompany()
{
    signInPlatformAdmin();
    QVERIFY(insertDeadLetter(true) > 0);
    QVERIFY(insertDeadLetter(false) > 0);
    ui::TenantsPage page(m_ops.get());
    page.show();
    QTRY_VERIFY(page.rowOf(m_h->accounts.tenantSlug) >= 0);
    // Below the list: only the webhook no company owns, said in words.
    QTRY_COMPARE(page.unroutable()->model()->rowCount(), 1);
    QCOMPARE(page.unroutable()->model()->item(0, 2)->text(),
             QStringLiteral("No company has the phone number ID 5550001111 connected. Connect it to the right company, then replay."));
    const int demo = page.rowOf(m_h->accounts.tenantSlug);
    QCOMPARE(page.model()->item(demo, ui::TenantsPage::Plan)->text(), QStringLiteral("Pro"));
    QCOMPARE(page.model()->item(demo, ui::TenantsPage::Users)->data(ui::UsageBarDelegate::kUsedRole).toInt(), 2);
    QCOMPARE(page.model()->item(demo, ui::TenantsPage::Users)->data(ui::UsageBarDelegate::kLimitRole).toInt(), 25);
    QVERIFY(page.model()->item(demo, ui::TenantsPage::WhatsApp)->text().startsWith(QLatin1Char('+')));

    ui::TenantDialog *dialog = page.createTenant();
    typeText(dialog->nameEdit(), QStringLiteral("Reclutamiento Ñandú"));
    QCOMPARE(dialog->slugEdit()->text(), QStringLiteral("reclutamiento-nandu")); // made from the name
    dialog->adminNameEdit()->setText(QStringLiteral("Marta Díaz"));
    dialog->adminEmailEdit()->setText(QStringLiteral("marta@"));
    QVERIFY(dialog->adminPasswordEdit()->text().size() >= 16); // generated
    dialog->save();
    QTRY_COMPARE(dialog->errorField(), QStringLiteral("admin.email"));
    QVERIFY(dialog->errorText().contains(QStringLiteral("email")));
    // The slug of an existing company.
    dialog->adminEmailEdit()->setText(QStringLiteral("marta@nandu.example"));
    dialog->slugEdit()->setText(m_h->accounts.tenantSlug);
    dialog->save();
    QTRY_COMPARE(dialog->errorField(), QStringLiteral("slug"));
    QVERIFY(dialog->errorText().contains(QStringLiteral("already uses")));
    dialog->slugEdit()->setText(QStringLiteral("nandu"));
    const QString password = dialog->adminPasswordEdit()->text();
    QSignalSpy changed(&page, &ui::TenantsPage::tenantsChanged);
    dialog->save();
    QTRY_COMPARE(changed.count(), 1);
    QTRY_VERIFY(page.rowOf(QStringLiteral("nandu")) >= 0);
    const int row = page.rowOf(QStringLiteral("nandu"));
    QCOMPARE(page.model()->item(row, ui::TenantsPage::WhatsApp)->text(), QStringLiteral("Not connected"));
    QCOMPARE(page.model()->item(row, ui::TenantsPage::LastWebhook)->text(), QStringLiteral("never"));
    QCOMPARE(page.model()->item(row, ui::TenantsPage::Users)->data(ui::UsageBarDelegate::kLimitRole).toInt(), 5); // basic
    // Its first admin signs in with the generated password.
    client::ApiClient marta(m_h->baseUrl());
    const QJsonObject login = test::await(marta.post(QStringLiteral("api/auth/login"), {{QStringLiteral("email"), QStringLiteral("marta@nandu.example")},
                                                                                       {QStringLiteral("password"), password}}));
    QCOMPARE(login.value(QStringLiteral("user")).toObject().value(QStringLiteral("role")).toString(), QStringLiteral("tenant_admin"));

    // Edit: a bigger plan.
    page.table()->selectRow(row);
    ui::TenantDialog *edit = page.editSelected();
    QVERIFY(edit && !edit->slugEdit());
    edit->planCombo()->setCurrentIndex(edit->planCombo()->findData(QStringLiteral("enterprise")));
    edit->save();
    QTRY_COMPARE(changed.count(), 2);
    QTRY_COMPARE(page.model()->item(page.rowOf(QStringLiteral("nandu")), ui::TenantsPage::Plan)->text(), QStringLiteral("Enterprise"));
    QTRY_VERIFY(page.model()->item(page.rowOf(QStringLiteral("nandu")), ui::TenantsPage::Users)->data(ui::UsageBarDelegate::kLimitRole).isNull()
                || !page.model()->item(page.rowOf(QStringLiteral("nandu")), ui::TenantsPage::Users)->data(ui::UsageBarDelegate::kLimitRole).isValid());
}

void TestAdminPanels::suspendingACompanyTellsItsOpenConsoles()
{
    signInPlatformAdmin();
    auto agentWindow = std::make_unique<ui::MainWindow>(m_h->agent.get(), m_h->agentUser);
    agentWindow->events()->setReconnectDelays(200, 1000);
    agentWindow->show();
    QTRY_VERIFY(agentWindow->events()->state() == client::EventStream::State::Connected);
    QSignalSpy ended(agentWindow.get(), &ui::MainWindow::sessionEnded);

    ui::TenantsPage page(m_ops.get());
    page.show();
    QTRY_VERIFY(page.rowOf(m_h->accounts.tenantSlug) >= 0);
    page.table()->selectRow(page.rowOf(m_h->accounts.tenantSlug));
    QVERIFY(page.suspendButton()->isEnabled());
    QDialog *dialog = page.suspendSelected();
    auto *reason = dialog->findChild<QLineEdit *>(QStringLiteral("reason"));
    QPushButton *confirm = nullptr;
    for (QPushButton *b : dialog->findChildren<QPushButton *>())
        if (b->text() == QStringLiteral("Suspend"))
            confirm = b;
    QVERIFY(reason && confirm);
    QVERIFY(!confirm->isEnabled()); // a reason is required
    QTest::keyClicks(reason, QStringLiteral("factura de octubre sin pagar"));
    confirm->click();
    // The recruiter's open console is told why, at once.
    QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, 10000);
    QVERIFY2(ended.at(0).at(0).toString().contains(QStringLiteral("factura de octubre sin pagar")), qPrintable(ended.at(0).at(0).toString()));
    QVERIFY(ended.at(0).at(0).toString().contains(QStringLiteral("suspended")));
    QTRY_VERIFY(page.model()->item(page.rowOf(m_h->accounts.tenantSlug), ui::TenantsPage::Status)->text().contains(QStringLiteral("factura")));
    // Its users cannot sign in; resuming lets them back.
    client::ApiError error;
    client::ApiClient again(m_h->baseUrl());
    test::await(again.post(QStringLiteral("api/auth/login"), {{QStringLiteral("email"), m_h->accounts.agentEmail},
                                                               {QStringLiteral("password"), m_h->accounts.password}}), &error);
    QCOMPARE(error.code, protocol::ErrorCode::TenantSuspended);
    page.table()->selectRow(page.rowOf(m_h->accounts.tenantSlug));
    page.resumeSelected();
    QTRY_VERIFY(page.model()->item(page.rowOf(m_h->accounts.tenantSlug), ui::TenantsPage::Status)->text() == QStringLiteral("Active"));
    const QJsonObject login = test::await(again.post(QStringLiteral("api/auth/login"), {{QStringLiteral("email"), m_h->accounts.agentEmail},
                                                                                         {QStringLiteral("password"), m_h->accounts.password}}));
    QVERIFY(login.contains(QStringLiteral("token")));
}

// Issue 25: what debug_token said shows on Health; the token watch's
// whatsapp.token events raise a notice in admins' windows, never agents'.
void TestAdminPanels::accessTokenExpiryReachesAdmins()
{
    client::ApiClient *api = m_h->admin.get();
    const QString token = QStringLiteral("EAAUserTokenForTenDays0000000000");
    const qint64 expires = QDateTime::currentSecsSinceEpoch() + 10 * 86400 - 3600;
    m_h->demo->sandbox().setToken(token, {QStringLiteral("200000000000001"), QStringLiteral("USER"), expires});
    const QJsonObject config = test::await(api->get(QStringLiteral("api/whatsapp/config")));
    const QJsonObject saved = test::await(api->post(QStringLiteral("api/whatsapp/config"),
                                                    {{QStringLiteral("business_api_token"), token},
                                                     {QStringLiteral("phone_number_id"), config.value(QStringLiteral("phone_number_id")).toString()},
                                                     {QStringLiteral("business_account_id"), config.value(QStringLiteral("business_account_id")).toString()}}));
    QCOMPARE(saved.value(QStringLiteral("token")).toObject().value(QStringLiteral("expires_at")).toInteger(), expires * 1000);

    ui::HealthPage health(api);
    health.resize(900, 1000);
    health.show();
    QTRY_VERIFY(health.text().contains(QStringLiteral("expires in 10 days")));
    QVERIFY2(health.text().contains(QStringLiteral("System User token never expires")), qPrintable(health.text()));
    saveScreenshot(health, QStringLiteral("health-token-en"));

    auto admin = std::make_unique<ui::MainWindow>(m_h->admin.get(), m_h->adminUser);
    auto agent = std::make_unique<ui::MainWindow>(m_h->agent.get(), m_h->agentUser);
    for (ui::MainWindow *w : {admin.get(), agent.get()}) {
        w->show();
        QTRY_VERIFY(w->events()->state() == client::EventStream::State::Connected);
    }
    QVERIFY(admin->tokenNoticeText().isEmpty());
    // What the token watch publishes seven days before the expiry.
    const TenantId tenant = m_h->demoTenant();
    auto publish = [&](const protocol::TokenNotice &notice) {
        Transaction tx(db());
        auto event = EventLog::append(tx.connection(), tenant, QStringLiteral("whatsapp.token"), protocol::toJson(notice));
        QVERIFY(event);
        QVERIFY(tx.commit());
        m_h->server.context->eventBus().publish(QList<Event>{event.value()});
    };
    publish({protocol::TokenNoticeKind::Expiring, 7, expires * 1000, std::nullopt});
    QTRY_VERIFY(admin->tokenNoticeText().contains(QStringLiteral("expires in 7 days")));
    QVERIFY(admin->tokenNoticeText().contains(QStringLiteral("Paste a new one")));
    admin->resize(1180, 760);
    saveScreenshot(*admin, QStringLiteral("token-notice-en"));
    // A renewal clears it; agents never see it.
    publish({protocol::TokenNoticeKind::Renewed, std::nullopt, expires * 1000 + 50LL * 86400 * 1000, std::nullopt});
    QTRY_VERIFY(admin->tokenNoticeText().isEmpty());
    QVERIFY(agent->tokenNoticeText().isEmpty());
    publish({protocol::TokenNoticeKind::Expired, std::nullopt, expires * 1000, QStringLiteral("expired")});
    QTRY_VERIFY(admin->tokenNoticeText().contains(QStringLiteral("has expired")));
    QTest::qWait(200);
    QVERIFY(agent->tokenNoticeText().isEmpty());

    // The audit page words the watch's entries.
    protocol::AuditEntry entry;
    entry.action = QStringLiteral("whatsapp_config.token_expiring");
    entry.details = QJsonObject{{QStringLiteral("days_left"), 7}};
    QCOMPARE(ui::AuditLogPage::describe(entry, QStringLiteral("system")), QStringLiteral("The access token expires in 7 days"));
    entry.action = QStringLiteral("whatsapp_config.token_renewal_failed");
    QCOMPARE(ui::AuditLogPage::describe(entry, QStringLiteral("system")), QStringLiteral("Puente could not renew the access token"));
}

// An audit entry at a given time (the log itself stamps "now").
static bool addAudit(QSqlDatabase tx, TenantId tenant, qint64 userId, const QString &label, const QString &action, const QString &targetType,
                     const QString &targetId, const QJsonObject &details, const QString &address, qint64 at)
{
    Sql q(tx, QStringLiteral("INSERT INTO audit_log (tenant_id, actor_user_id, actor_label, action, target_type, target_id, details, client_address, "
                             "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.bind(tenant.value).bind(userId > 0 ? QVariant(userId) : QVariant(QMetaType(QMetaType::LongLong))).bind(label).bind(action)
        .bind(targetType).bind(targetId).bind(QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact))).bind(address).bind(at);
    return bool(q.exec());
}

// The sentences of the audit page, top to bottom.
static QStringList auditRows(ui::AuditLogPage &page)
{
    QStringList rows;
    for (int r = 0; r < page.table()->rowCount(); ++r)
        rows << page.table()->item(r, 2)->text();
    return rows;
}

void TestAdminPanels::auditEntriesReadAsSentencesWithoutSecrets()
{
    const QString admin = m_h->adminUser.name;
    const QString agent = m_h->agentUser.name;
    client::ApiClient *api = m_h->admin.get();
    QVERIFY(!test::await(api->post(QStringLiteral("api/users"), {{QStringLiteral("email"), QStringLiteral("nuevo@demo.puente")},
                                                                  {QStringLiteral("name"), QStringLiteral("Nuevo")},
                                                                  {QStringLiteral("role"), QStringLiteral("agent")},
                                                                  {QStringLiteral("password"), m_h->accounts.password}})).isEmpty());
    const QJsonObject config = test::await(api->get(QStringLiteral("api/whatsapp/config")));
    const QString secretToken = QStringLiteral("EAAVerySecretToken1234567890abcdef");
    m_h->demo->sandbox().setToken(secretToken, {}); // Meta knows it: the server asks debug_token before saving
    QVERIFY(!test::await(api->post(QStringLiteral("api/whatsapp/config"),
                                   {{QStringLiteral("business_api_token"), secretToken},
                                    {QStringLiteral("phone_number_id"), config.value(QStringLiteral("phone_number_id")).toString()},
                                    {QStringLiteral("business_account_id"), config.value(QStringLiteral("business_account_id")).toString()}})).isEmpty());
    const QJsonObject key = test::await(api->post(QStringLiteral("api/api-keys"), {{QStringLiteral("name"), QStringLiteral("CRM")},
                                                                                    {QStringLiteral("scopes"), QJsonArray{QStringLiteral("messages:send")}}}));
    const qint64 keyId = key.value(QStringLiteral("api_key")).toObject().value(QStringLiteral("id")).toInteger();
    QVERIFY(keyId > 0);
    test::await(api->remove(QStringLiteral("api/api-keys/%1").arg(keyId)));
    client::ApiClient stranger(m_h->baseUrl());
    test::await(stranger.post(QStringLiteral("api/auth/login"), {{QStringLiteral("email"), m_h->accounts.agentEmail},
                                                                  {QStringLiteral("password"), QStringLiteral("not-the-password")}}));

    ui::AuditLogPage page(api);
    page.show();
    QTRY_VERIFY(page.table()->rowCount() >= 5);
    QTRY_VERIFY(auditRows(page).contains(QStringLiteral("%1 created the user nuevo@demo.puente (agent)").arg(admin)));
    const QStringList rows = auditRows(page);
    QVERIFY2(rows.contains(QStringLiteral("%1 changed the access token").arg(admin)), qPrintable(rows.join(QLatin1Char('\n'))));
    QVERIFY(rows.contains(QStringLiteral("%1 created the API key “CRM”").arg(admin)));
    QVERIFY(rows.contains(QStringLiteral("%1 revoked the API key “CRM”").arg(admin)));
    QVERIFY(rows.contains(QStringLiteral("%1 could not sign in: wrong password").arg(agent)));
    // The token itself is nowhere: not in the sentences, not in the details shown on hover.
    for (int r = 0; r < page.table()->rowCount(); ++r)
        for (int c = 0; c < page.table()->columnCount(); ++c) {
            QVERIFY(!page.table()->item(r, c)->text().contains(QStringLiteral("VerySecret")));
            QVERIFY(!page.table()->item(r, c)->toolTip().contains(QStringLiteral("VerySecret")));
        }
    // Agents are not shown the log.
    ui::AuditLogPage denied(m_h->agent.get());
    denied.show();
    QTRY_VERIFY(denied.pageState()->text().contains(QStringLiteral("permission")));
    QCOMPARE(denied.table()->rowCount(), 0);
    // Nor does an unreachable server look like an empty log.
    client::ApiClient nowhere(QUrl(QStringLiteral("http://127.0.0.1:1/")));
    nowhere.setToken(QStringLiteral("x"));
    ui::AuditLogPage offline(&nowhere);
    offline.show();
    QTRY_VERIFY(offline.pageState()->text().contains(QStringLiteral("the server does not answer")));
    QVERIFY(offline.pageState()->retryButton()->isVisibleTo(&offline));
}

void TestAdminPanels::auditFiltersAndPaging()
{
    const TenantId id = TenantRepository(db()).findByIdOrSlug(m_h->accounts.tenantSlug).value()->id;
    const qint64 agentId = m_h->agentUser.id;
    // 150 sign-ins of the agent in the last hours, and one user change 40 days ago.
    {
        Transaction tx(db());
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (int i = 0; i < 150; ++i)
            QVERIFY(addAudit(tx.connection(), id, agentId, m_h->accounts.agentEmail, QStringLiteral("auth.login"), {}, {}, {},
                             QStringLiteral("10.0.0.%1").arg(i % 250), now - 3'600'000 + i));
        QVERIFY(addAudit(tx.connection(), id, 0, QStringLiteral("system"), QStringLiteral("user.deactivated"), QStringLiteral("user"),
                         QStringLiteral("1"), {{QStringLiteral("email"), QStringLiteral("viejo@demo.puente")}}, {}, now - 40LL * 24 * 3'600'000));
        QVERIFY(tx.commit());
    }
    ui::AuditLogPage page(m_h->admin.get());
    page.show();
    QTRY_COMPARE(page.table()->rowCount(), 100); // a page
    QVERIFY(page.olderButton()->isVisible());
    page.olderButton()->click();
    QTRY_VERIFY(page.table()->rowCount() > 150);
    QTRY_VERIFY(!page.olderButton()->isVisible());
    QVERIFY(!auditRows(page).join(QLatin1Char('\n')).contains(QStringLiteral("viejo@demo.puente"))); // older than 30 days

    // Period: all time shows the old entry.
    page.periodFilter()->setCurrentIndex(page.periodFilter()->findData(0));
    Q_EMIT page.periodFilter()->activated(page.periodFilter()->currentIndex());
    QTRY_VERIFY(page.table()->rowCount() == 100 && page.olderButton()->isVisible());
    // Action: user changes only.
    page.actionFilter()->setCurrentIndex(page.actionFilter()->findData(QStringLiteral("user.")));
    Q_EMIT page.actionFilter()->activated(page.actionFilter()->currentIndex());
    QTRY_VERIFY(page.table()->rowCount() >= 1 && page.table()->rowCount() < 10);
    for (int r = 0; r < page.table()->rowCount(); ++r)
        QVERIFY2(page.entryAt(r).action.startsWith(QStringLiteral("user.")),
                 qPrintable(page.table()->item(r, 2)->text()));
    QVERIFY(auditRows(page).contains(QStringLiteral("Puente (system) deactivated the user viejo@demo.puente")));
    // Person: the agent's entries only (sign-ins), last 24 hours.
    page.actionFilter()->setCurrentIndex(0);
    page.periodFilter()->setCurrentIndex(page.periodFilter()->findData(1));
    QTRY_VERIFY(page.personFilter()->findData(QString::number(agentId)) > 0); // names loaded
    page.personFilter()->setCurrentIndex(page.personFilter()->findData(QString::number(agentId)));
    Q_EMIT page.personFilter()->activated(page.personFilter()->currentIndex());
    QTRY_COMPARE(page.table()->rowCount(), 100);
    page.olderButton()->click();
    QTRY_VERIFY(!page.olderButton()->isVisible());
    QVERIFY(page.table()->rowCount() >= 150);
    for (int r = 0; r < page.table()->rowCount(); ++r)
        QCOMPARE(page.table()->item(r, 1)->text(), m_h->agentUser.name);
    // Nothing matches: said so.
    page.actionFilter()->setCurrentIndex(page.actionFilter()->findData(QStringLiteral("api_key.")));
    Q_EMIT page.actionFilter()->activated(page.actionFilter()->currentIndex());
    QTRY_VERIFY(page.pageState()->text().contains(QStringLiteral("No entries")));
    QCOMPARE(page.table()->rowCount(), 0);
}

void TestAdminPanels::auditExportsEveryEntryToCsv()
{
    // An admin whose name needs quoting (and has accents), and more entries than one page of the export.
    const QString tricky = QStringLiteral("Pérez, \"Pepe\" Núñez");
    QVERIFY(!test::await(m_h->admin->patch(QStringLiteral("api/users/%1").arg(m_h->adminUser.id),
                                           {{QStringLiteral("name"), tricky}})).isEmpty());
    QVERIFY(!test::await(m_h->admin->post(QStringLiteral("api/users"), {{QStringLiteral("email"), QStringLiteral("pepe@demo.puente")},
                                                                        {QStringLiteral("name"), QStringLiteral("Pepe")},
                                                                        {QStringLiteral("role"), QStringLiteral("agent")},
                                                                        {QStringLiteral("password"), m_h->accounts.password}})).isEmpty());
    const TenantId id = TenantRepository(db()).findByIdOrSlug(m_h->accounts.tenantSlug).value()->id;
    {
        Transaction tx(db());
        for (int i = 0; i < 620; ++i)
            QVERIFY(addAudit(tx.connection(), id, 0, QStringLiteral("api-key:CRM"), QStringLiteral("conversation.started"), QStringLiteral("conversation"),
                             QString::number(i), {{QStringLiteral("phone"), QStringLiteral("+3461200%1").arg(i, 4, 10, QLatin1Char('0'))}}, {},
                             QDateTime::currentMSecsSinceEpoch() - 1000 - i));
        QVERIFY(tx.commit());
    }
    const qint64 expected = [&] {
        Sql q(db().connection(), QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE tenant_id = ? AND created_at >= ?"));
        q.bind(id.value).bind(QDateTime::currentMSecsSinceEpoch() - 30LL * 24 * 3'600'000);
        return q.exec() && q.next() ? q.int64(0) : -1;
    }();
    QVERIFY(expected > 620);

    ui::AuditLogPage page(m_h->admin.get());
    page.show();
    QTRY_VERIFY(page.table()->rowCount() > 0 && page.personFilter()->count() > 3); // entries and names
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("audit.csv"));
    QSignalSpy exported(&page, &ui::AuditLogPage::exported);
    page.exportCsv(path);
    QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, 20000);
    QCOMPARE(exported.at(0).at(0).toLongLong(), expected);

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray raw = file.readAll();
    QVERIFY(raw.startsWith("\xEF\xBB\xBF")); // BOM
    const QString text = QString::fromUtf8(raw.mid(3));
    // A small CSV reader: quoted fields may hold commas, quotes and newlines.
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false;
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                field += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            record << field;
            field.clear();
        } else if (c == QLatin1Char('\r')) {
        } else if (c == QLatin1Char('\n')) {
            record << field;
            records << record;
            record.clear();
            field.clear();
        } else {
            field += c;
        }
    }
    QCOMPARE(records.first(), (QStringList{QStringLiteral("Time"), QStringLiteral("Person"), QStringLiteral("What happened"), QStringLiteral("Action"),
                                            QStringLiteral("Target"), QStringLiteral("From"), QStringLiteral("Details")}));
    QCOMPARE(records.size() - 1, expected);
    bool sawPepe = false;
    for (const QStringList &r : records) {
        QCOMPARE(r.size(), 7);
        if (r.at(3) == QLatin1String("user.created") && r.at(1) == tricky)
            sawPepe = r.at(2) == QStringLiteral("%1 created the user pepe@demo.puente (agent)").arg(tricky);
    }
    QVERIFY(sawPepe);
    QVERIFY(text.contains(QStringLiteral("\"Pérez, \"\"Pepe\"\" Núñez\"")));
    QVERIFY(records.at(1).at(0).contains(QLatin1Char('T'))); // ISO 8601
    QVERIFY(std::any_of(records.cbegin(), records.cend(), [](const QStringList &r) {
        return r.at(1) == QStringLiteral("The API key “CRM”") && r.at(2).startsWith(QStringLiteral("The API key “CRM” started a conversation with +3461200"));
    }));
}

void TestAdminPanels::saveScreenshot(QWidget &w, const QString &name)
{
    const QString dir = qEnvironmentVariable("PUENTE_SCREENSHOT_DIR", QStringLiteral(PUENTE_SCREENSHOT_DIR));
    QDir().mkpath(dir);
    QVERIFY(w.grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png")));
}

void TestAdminPanels::screenshots_data()
{
    QTest::addColumn<QString>("language");
    QTest::addRow("es") << QStringLiteral("es");
    QTest::addRow("en") << QStringLiteral("en");
}

void TestAdminPanels::screenshots()
{
    QFETCH(QString, language);
    const test::ScreenshotLanguage screenLanguage(language);
    QVERIFY(screenLanguage.loaded);
    // A company that has lived a little: webhooks, a failure, throttling, a dead letter.
    m_h->candidateWrites(QStringLiteral("34611000002"), QStringLiteral("María José García"), QStringLiteral("Hola"));
    const TenantId id = TenantRepository(db()).findByIdOrSlug(m_h->accounts.tenantSlug).value()->id;
    QTRY_VERIFY_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_config WHERE tenant_id = ? AND last_webhook_at IS NOT NULL"),
                                   {id.value}) == 1, 10000);
    {
        Transaction tx(db());
        QVERIFY(Health::record(tx.connection(), id, Health::Kind::RateLimited, 131056, QStringLiteral("Pair rate limit hit")));
        QVERIFY(insertFailedSend(tx.connection(), id, 131047, QStringLiteral("Re-engagement message")));
        QVERIFY(tx.commit());
    }
    insertDeadLetter(true);
    insertDeadLetter(false);
    signInPlatformAdmin();
    for (const auto &[slug, name] : {std::pair{QStringLiteral("andina"), QStringLiteral("Reclutamiento Andino")},
                                     std::pair{QStringLiteral("talento-sur"), QStringLiteral("Talento Sur")}})
        test::await(m_ops->post(QStringLiteral("api/admin/tenants"), {{QStringLiteral("slug"), slug}, {QStringLiteral("name"), name},
                                                                        {QStringLiteral("plan"), QStringLiteral("basic")}}));
    const QJsonObject sur = test::await(m_ops->get(QStringLiteral("api/admin/tenants")));
    for (const QJsonValue &v : sur.value(QStringLiteral("items")).toArray())
        if (v.toObject().value(QStringLiteral("slug")).toString() == QLatin1String("talento-sur"))
            test::await(m_ops->patch(QStringLiteral("api/admin/tenants/%1").arg(v.toObject().value(QStringLiteral("id")).toInteger()),
                                     {{QStringLiteral("status"), QStringLiteral("suspended")},
                                      {QStringLiteral("suspended_reason"), language == QLatin1String("es") ? QStringLiteral("factura pendiente")
                                                                                                           : QStringLiteral("unpaid invoice")}}));

    ui::TenantsPage tenants(m_ops.get());
    tenants.resize(1180, 720);
    tenants.show();
    QTRY_VERIFY(tenants.rowOf(QStringLiteral("talento-sur")) >= 0 && tenants.unroutable()->model()->rowCount() == 1);
    tenants.table()->selectRow(tenants.rowOf(m_h->accounts.tenantSlug));
    QTest::qWait(100);
    saveScreenshot(tenants, QStringLiteral("admin-companies-%1").arg(language));
    ui::TenantDialog *dialog = tenants.createTenant();
    typeText(dialog->nameEdit(), QStringLiteral("Reclutamiento Ñandú"));
    dialog->adminNameEdit()->setText(QStringLiteral("Marta Díaz"));
    dialog->adminEmailEdit()->setText(QStringLiteral("marta@nandu.example"));
    dialog->adminPasswordEdit()->setText(QStringLiteral("k7Pq-Zt3m-Wx9b-Hn4c"));
    dialog->adjustSize();
    QTest::qWait(100);
    saveScreenshot(*dialog, QStringLiteral("admin-company-new-%1").arg(language));
    dialog->reject();

    ui::HealthPage health(m_h->admin.get());
    health.resize(1000, 760);
    health.show();
    QTRY_VERIFY(health.failures()->rowCount() == 1 && health.deadLetters()->model()->rowCount() == 1);
    QTest::qWait(200);
    saveScreenshot(health, QStringLiteral("admin-health-%1").arg(language));

    ui::AuditLogPage audit(m_h->admin.get());
    audit.resize(1180, 520);
    audit.show();
    QTRY_VERIFY(audit.table()->rowCount() > 3 && audit.personFilter()->count() > 1);
    QTest::qWait(100);
    saveScreenshot(audit, QStringLiteral("admin-audit-%1").arg(language));
}

QTEST_MAIN(TestAdminPanels)
#include "tst_adminpanels.moc"
