#include "adminpage.h"
#include "consolecontroller.h"
#include "consoleharness.h"
#include "metatext.h"
#include "notificationruledialog.h"
#include "notificationspage.h"
#include "notificationtestdialog.h"
#include "secretdialog.h"
#include "storage/sql.h"
#include "storage/tenantrepository.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDir>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTextBrowser>
#include <QTimeEdit>

using namespace puente;

// The Notifications page against a real server with the Sandbox's synced
// templates: a rule made in the editor with its live preview, a broken
// rule's warning, the history with its filters and reasons in words, the
// CRM callback with its once-shown secret and its test, the tenant's
// notification settings, and a test notification sent from a rule.
class TestNotifications : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void ruleIsMadeInTheEditorWithALivePreview();
    void brokenRuleIsWarnedAbout();
    void historyFiltersAndSaysWhy();
    void callbackSecretIsShownOnceAndTested();
    void settingsShowTheServersValues();
    void settingsSaveOnlyWhatChanged();
    void settingsRefusedAreShownByTheirField();
    void testNotificationIsSentFromARule();
    void testNotificationRefusalsByField();
    void screenshots_data();
    void screenshots();

private:
    std::unique_ptr<test::ConsoleHarness> m_h;
    TenantId m_tenant;

    Database &db() { return m_h->server.context->database(); }
    void exec(const QString &sql, const QVariantList &binds = {});
    qint64 createRule(const QString &event, const QString &tmpl, const QString &language, const QList<protocol::ParameterSource> &body);
    qint64 insertNotification(const QString &event, const QString &phone, const QString &name, const QString &status, const QString &reason,
                              std::optional<qint64> errorCode, qint64 ageMs);
    void saveScreenshot(QWidget &w, const QString &name);
    protocol::TenantSettings serverSettings();
    QJsonArray notificationsOnServer();
};

void TestNotifications::initTestCase()
{
    ui::ConsoleController::applyLanguage(QStringLiteral("en"));
}

void TestNotifications::init()
{
    m_h = std::make_unique<test::ConsoleHarness>();
    const QString error = m_h->start();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QString syncError = m_h->syncTemplates();
    QVERIFY2(syncError.isEmpty(), qPrintable(syncError));
    m_tenant = m_h->demoTenant();
    // Each test starts without the demo CRM's two rules.
    exec(QStringLiteral("DELETE FROM notification_rules WHERE tenant_id = ?"), {m_tenant.value});
}

void TestNotifications::cleanup()
{
    m_h.reset();
}

void TestNotifications::exec(const QString &sql, const QVariantList &binds)
{
    Sql q(db().connection(), sql);
    for (const QVariant &b : binds)
        q.bind(b);
    QVERIFY2(q.exec(), qPrintable(sql));
}

qint64 TestNotifications::createRule(const QString &event, const QString &tmpl, const QString &language,
                                     const QList<protocol::ParameterSource> &body)
{
    protocol::CreateNotificationRule rule;
    rule.event = event;
    rule.templateName = tmpl;
    rule.language = language;
    rule.body = body;
    client::ApiError error;
    const QJsonObject answer = test::await(m_h->admin->call<protocol::route::CreateNotificationRule>(rule).reply(), &error);
    if (!error.message.isEmpty())
        qWarning("createRule: %s", qPrintable(error.message));
    return answer.value(QStringLiteral("id")).toInteger();
}

qint64 TestNotifications::insertNotification(const QString &event, const QString &phone, const QString &name, const QString &status,
                                             const QString &reason, std::optional<qint64> errorCode, qint64 ageMs)
{
    const qint64 at = QDateTime::currentMSecsSinceEpoch() - ageMs;
    const QJsonObject data{{QStringLiteral("candidate"), QJsonObject{{QStringLiteral("first_name"), name.section(QLatin1Char(' '), 0, 0)}}},
                           {QStringLiteral("job"), QJsonObject{{QStringLiteral("title"), QStringLiteral("repartidor")}}}};
    Sql q(db().connection(), QStringLiteral("INSERT INTO notifications (tenant_id, event, reference, phone, name, data, status, reason, error_code, "
                                            "due_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    q.bind(m_tenant.value).bind(event).bind(QStringLiteral("cand-%1").arg(phone.right(4))).bind(phone).bind(name)
        .bind(QString::fromUtf8(QJsonDocument(data).toJson(QJsonDocument::Compact))).bind(status)
        .bind(reason.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(reason))
        .bind(errorCode ? QVariant(*errorCode) : QVariant(QMetaType(QMetaType::LongLong))).bind(at).bind(at).bind(at);
    if (!q.exec() || !q.next())
        return 0;
    const qint64 id = q.int64(0);
    q.finish();
    Sql h(db().connection(), QStringLiteral("INSERT INTO notification_history (notification_id, status, reason, error_code, at) VALUES (?, ?, ?, ?, ?)"));
    h.bind(id).bind(QStringLiteral("accepted")).bind(QVariant(QMetaType(QMetaType::QString))).bind(QVariant(QMetaType(QMetaType::LongLong))).bind(at);
    (void)h.exec();
    Sql h2(db().connection(), QStringLiteral("INSERT INTO notification_history (notification_id, status, reason, error_code, at) VALUES (?, ?, ?, ?, ?)"));
    h2.bind(id).bind(status).bind(reason.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(reason))
        .bind(errorCode ? QVariant(*errorCode) : QVariant(QMetaType(QMetaType::LongLong))).bind(at + 1000);
    (void)h2.exec();
    return id;
}

static ui::NotificationRuleDialog *openEditor(ui::NotificationsPage &page, bool edit)
{
    QSignalSpy opened(&page, &ui::NotificationsPage::ruleEditorOpened);
    if (edit)
        page.editRuleButton()->click();
    else
        page.addRuleButton()->click();
    if (opened.count() != 1)
        return nullptr;
    return qobject_cast<ui::NotificationRuleDialog *>(opened.first().first().value<QDialog *>());
}

void TestNotifications::ruleIsMadeInTheEditorWithALivePreview()
{
    ui::NotificationsPage page(m_h->admin.get());
    page.resize(1100, 700);
    page.show();
    QTRY_VERIFY(page.rulesEmpty()->isVisible() && page.addRuleButton()->isEnabled());
    QVERIFY(page.rulesEmpty()->text().startsWith(QStringLiteral("No rules yet")));
    QVERIFY(!page.editRuleButton()->isEnabled());

    ui::NotificationRuleDialog *editor = openEditor(page, false);
    QVERIFY(editor);
    // Only approved templates are offered.
    for (int i = 0; i < editor->templateChooser()->count(); ++i) {
        QVERIFY(!editor->templateChooser()->itemText(i).startsWith(QStringLiteral("promo_referidos")));
        QVERIFY(!editor->templateChooser()->itemText(i).startsWith(QStringLiteral("bienvenida_primer_dia")));
    }
    editor->eventEdit()->setCurrentText(QStringLiteral("interview_scheduled"));
    QVERIFY(editor->selectTemplate(QStringLiteral("confirmacion_entrevista"), QStringLiteral("es")));
    // Three body placeholders, then the two quick replies' optional payloads.
    QCOMPARE(editor->mappingCount(), 5);
    QCOMPARE(editor->mappingLabel(0), QStringLiteral("Body {{1}}"));
    QCOMPARE(editor->mappingLabel(2), QStringLiteral("Body {{3}}"));
    QVERIFY(editor->mappingLabel(3).contains(QStringLiteral("Confirmo")));
    QCOMPARE(editor->valueEdit(0)->text(), QStringLiteral("candidate.first_name"));
    // Not all mapped yet: the preview says which is missing, without asking the server.
    QTRY_VERIFY(editor->previewError().contains(QStringLiteral("Body {{2}}")));

    editor->valueEdit(1)->setText(QStringLiteral("job.title"));
    editor->sourceChooser(2)->setCurrentIndex(editor->sourceChooser(2)->findData(QStringLiteral("datetime")));
    editor->valueEdit(2)->setText(QStringLiteral("interview.at"));
    QTRY_VERIFY_WITH_TIMEOUT(editor->previewText().contains(QStringLiteral("Hola Lucía, tu entrevista para el puesto de auxiliar de almacén")), 10000);
    QVERIFY2(editor->previewError().isEmpty(), qPrintable(editor->previewError()));
    // The date is written in the company's language and zone (Spanish by default).
    QVERIFY2(editor->previewText().contains(QStringLiteral("10 de diciembre")), qPrintable(editor->previewText()));

    // The preview follows the sample data.
    QString sample = editor->sampleEdit()->toPlainText();
    sample.replace(QStringLiteral("Lucía"), QStringLiteral("Rocío"));
    editor->sampleEdit()->setPlainText(sample);
    QTRY_VERIFY_WITH_TIMEOUT(editor->previewText().contains(QStringLiteral("Hola Rocío,")), 10000);
    // A path the data lacks is named.
    editor->valueEdit(1)->setText(QStringLiteral("job.puesto"));
    QTRY_VERIFY_WITH_TIMEOUT(editor->previewError().contains(QStringLiteral("“job.puesto”")), 10000);
    QVERIFY(editor->previewText().contains(QStringLiteral("{{2}}")));
    // Broken JSON is said before asking the server.
    editor->sampleEdit()->setPlainText(QStringLiteral("{\"candidate\": "));
    QTRY_VERIFY(editor->previewError().contains(QStringLiteral("not valid JSON")));
    editor->sampleEdit()->setPlainText(sample);
    editor->valueEdit(1)->setText(QStringLiteral("job.title"));
    QTRY_VERIFY_WITH_TIMEOUT(editor->previewText().contains(QStringLiteral("auxiliar de almacén")) && editor->previewError().isEmpty(), 10000);

    QSignalSpy saved(editor, &ui::NotificationRuleDialog::saved);
    editor->saveButton()->click();
    QTRY_COMPARE(saved.count(), 1);
    QTRY_VERIFY(page.ruleRow(QStringLiteral("interview_scheduled")) >= 0);
    QVERIFY(!page.rulesEmpty()->isVisible());
    QVERIFY(!page.brokenWarning()->isVisible());
    const int row = page.ruleRow(QStringLiteral("interview_scheduled"));
    QCOMPARE(page.rulesTable()->item(row, 1)->text(), QStringLiteral("confirmacion_entrevista (es)"));
    QCOMPARE(page.rulesTable()->item(row, 3)->text(), QStringLiteral("Enabled"));
    QVERIFY(page.notice()->text().contains(QStringLiteral("interview_scheduled")));

    // As stored: one source per body placeholder, no empty button payloads.
    const QJsonObject rules = test::await(m_h->admin->get(QStringLiteral("api/notification-rules")));
    const QJsonObject stored = rules.value(QStringLiteral("items")).toArray().first().toObject();
    const QJsonArray body = stored.value(QStringLiteral("body")).toArray();
    QCOMPARE(body.size(), 3);
    QCOMPARE(body.at(2).toObject().value(QStringLiteral("source")).toString(), QStringLiteral("datetime"));
    QCOMPARE(body.at(2).toObject().value(QStringLiteral("value")).toString(), QStringLiteral("interview.at"));
    QVERIFY(stored.value(QStringLiteral("buttons")).toArray().isEmpty());

    // A second enabled rule for the same event is refused in words.
    editor = openEditor(page, false);
    QVERIFY(editor);
    editor->eventEdit()->setCurrentText(QStringLiteral("interview_scheduled"));
    QVERIFY(editor->selectTemplate(QStringLiteral("seguimiento_postulacion"), QStringLiteral("es")));
    editor->valueEdit(1)->setText(QStringLiteral("job.title"));
    editor->saveButton()->click();
    QTRY_VERIFY(editor->errorText().contains(QStringLiteral("Another enabled rule already sends this event")));
    // Filling the form in code keeps the complaint; the user's change of the event takes it away.
    editor->valueEdit(1)->setText(QStringLiteral("job.title"));
    QVERIFY(!editor->errorText().isEmpty());
    QTest::keyClicks(editor->eventEdit()->lineEdit(), QStringLiteral("_2"));
    QVERIFY(editor->errorText().isEmpty());
    editor->reject();

    // Editing keeps the rule's values; disabling greys it.
    QVERIFY(page.rulesTable()->selectionModel());
    page.rulesTable()->selectRow(page.ruleRow(QStringLiteral("interview_scheduled")));
    editor = openEditor(page, true);
    QVERIFY(editor);
    QCOMPARE(editor->valueEdit(1)->text(), QStringLiteral("job.title"));
    QCOMPARE(editor->sourceChooser(2)->currentData().toString(), QStringLiteral("datetime"));
    editor->reject();
    QCOMPARE(page.toggleRuleButton()->text(), QStringLiteral("Disable"));
    page.toggleRuleButton()->click();
    QTRY_COMPARE(page.rulesTable()->item(page.ruleRow(QStringLiteral("interview_scheduled")), 3)->text(), QStringLiteral("Disabled"));
}

void TestNotifications::brokenRuleIsWarnedAbout()
{
    QVERIFY(createRule(QStringLiteral("offer_sent"), QStringLiteral("oferta_laboral"), QStringLiteral("es_MX"),
                       {{QStringLiteral("data"), QStringLiteral("candidate.first_name")}, {QStringLiteral("data"), QStringLiteral("job.title")},
                        {QStringLiteral("date"), QStringLiteral("offer.start_date")}}) == 0); // its URL button needs a value
    protocol::CreateNotificationRule offer;
    offer.event = QStringLiteral("offer_sent");
    offer.templateName = QStringLiteral("oferta_laboral");
    offer.language = QStringLiteral("es_MX");
    offer.body = {{QStringLiteral("data"), QStringLiteral("candidate.first_name")}, {QStringLiteral("data"), QStringLiteral("job.title")},
                  {QStringLiteral("date"), QStringLiteral("offer.start_date")}};
    offer.buttons = {{0, {QStringLiteral("data"), QStringLiteral("job.id")}}};
    client::ApiError error;
    test::await(m_h->admin->call<protocol::route::CreateNotificationRule>(offer).reply(), &error);
    QVERIFY2(error.message.isEmpty(), qPrintable(error.message));
    QVERIFY(createRule(QStringLiteral("application_received"), QStringLiteral("seguimiento_postulacion"), QStringLiteral("es"),
                       {{QStringLiteral("data"), QStringLiteral("candidate.first_name")}, {QStringLiteral("data"), QStringLiteral("job.title")}}) > 0);
    // Meta paused the offer's template since.
    exec(QStringLiteral("UPDATE message_templates SET status = 'PAUSED' WHERE tenant_id = ? AND name = 'oferta_laboral'"), {m_tenant.value});

    ui::NotificationsPage page(m_h->admin.get());
    page.resize(1100, 700);
    page.show();
    QTRY_VERIFY(page.ruleRow(QStringLiteral("offer_sent")) >= 0);
    QVERIFY(page.brokenWarning()->isVisible());
    QVERIFY2(page.brokenWarning()->text().contains(QStringLiteral("1 rule cannot be sent")), qPrintable(page.brokenWarning()->text()));
    QVERIFY2(page.brokenWarning()->text().contains(QStringLiteral("oferta_laboral (es_MX) is not approved at Meta (paused)")),
             qPrintable(page.brokenWarning()->text()));
    const QTableWidgetItem *status = page.rulesTable()->item(page.ruleRow(QStringLiteral("offer_sent")), 3);
    QCOMPARE(status->text(), QStringLiteral("⚠ Cannot be sent"));
    QVERIFY(status->toolTip().contains(QStringLiteral("pick another one")));
    QCOMPARE(page.rulesTable()->item(page.ruleRow(QStringLiteral("application_received")), 3)->text(), QStringLiteral("Enabled"));

    // The editor on the broken rule says its template is not approved and keeps its values.
    page.rulesTable()->selectRow(page.ruleRow(QStringLiteral("offer_sent")));
    ui::NotificationRuleDialog *editor = openEditor(page, true);
    QVERIFY(editor);
    QCOMPARE(editor->templateChooser()->currentText(), QStringLiteral("oferta_laboral (es_MX)"));
    QCOMPARE(editor->mappingCount(), 4);
    QCOMPARE(editor->valueEdit(3)->text(), QStringLiteral("job.id"));
    QVERIFY(editor->findChild<QLabel *>(QStringLiteral("templateState"))->isVisibleTo(editor));
    editor->reject();
}

void TestNotifications::historyFiltersAndSaysWhy()
{
    const qint64 rule = createRule(QStringLiteral("application_received"), QStringLiteral("seguimiento_postulacion"), QStringLiteral("es"),
                                   {{QStringLiteral("data"), QStringLiteral("candidate.first_name")}, {QStringLiteral("data"), QStringLiteral("job.title")}});
    QVERIFY(rule > 0);
    insertNotification(QStringLiteral("application_received"), QStringLiteral("+34600111001"), QStringLiteral("Ana Ruiz"), QStringLiteral("delivered"),
                       {}, std::nullopt, 3 * 3600 * 1000);
    const qint64 failed = insertNotification(QStringLiteral("interview_scheduled"), QStringLiteral("+34600111002"), QStringLiteral("Jorge Pérez"),
                                             QStringLiteral("failed"), QStringLiteral("Message undeliverable"), 131026, 2 * 3600 * 1000);
    insertNotification(QStringLiteral("application_received"), QStringLiteral("+34600111003"), QStringLiteral("Camila Soto"), QStringLiteral("skipped"),
                       QStringLiteral("opted_out: the contact asked for no more notifications"), std::nullopt, 3600 * 1000);
    // One scheduled through the API, for next month.
    protocol::SendNotification send;
    send.event = QStringLiteral("application_received");
    send.to = {QStringLiteral("+34600111004"), QStringLiteral("Valentina Gómez")};
    send.data = QJsonObject{{QStringLiteral("candidate"), QJsonObject{{QStringLiteral("first_name"), QStringLiteral("Valentina")}}},
                            {QStringLiteral("job"), QJsonObject{{QStringLiteral("title"), QStringLiteral("cajera")}}}};
    send.sendAt = QDateTime::currentMSecsSinceEpoch() + 30LL * 24 * 3600 * 1000;
    send.reference = QStringLiteral("cand-0004");
    client::ApiError error;
    test::await(m_h->admin->call<protocol::route::SendNotification>(send).reply(), &error);
    QVERIFY2(error.message.isEmpty(), qPrintable(error.message));

    ui::NotificationsPage page(m_h->admin.get());
    page.resize(1200, 700);
    page.tabs()->setCurrentIndex(1);
    page.show();
    QTRY_COMPARE(page.historyTable()->rowCount(), 4);

    // Failed: Meta's code in words.
    QSignalSpy loaded(&page, &ui::NotificationsPage::historyLoaded);
    page.statusFilter()->setCurrentIndex(page.statusFilter()->findData(QStringLiteral("failed")));
    Q_EMIT page.statusFilter()->activated(page.statusFilter()->currentIndex());
    QTRY_VERIFY(loaded.count() >= 1 && page.historyTable()->rowCount() == 1);
    QCOMPARE(page.historyTable()->item(0, 2)->text(), QStringLiteral("Jorge Pérez · +34600111002"));
    QCOMPARE(page.historyTable()->item(0, 3)->text(), QStringLiteral("Failed"));
    QCOMPARE(page.historyTable()->item(0, 4)->text(), ui::MetaText::knownFailure(131026));

    // Its details: the status history in words and the event's data.
    QSignalSpy details(&page, &ui::NotificationsPage::detailsLoaded);
    page.historyTable()->selectRow(0);
    QTRY_VERIFY(details.count() >= 1 && details.last().first().toLongLong() == failed);
    QVERIFY(page.detailsHistory()->text().contains(QStringLiteral("Accepted")));
    QVERIFY(page.detailsHistory()->text().contains(QStringLiteral("cannot receive WhatsApp messages")));
    QVERIFY(page.detailsData()->toPlainText().contains(QStringLiteral("\"first_name\": \"Jorge\"")));
    QVERIFY(page.detailsSummary()->text().contains(QStringLiteral("cand-1002")));

    // Skipped: the server's reason by its prefix.
    page.statusFilter()->setCurrentIndex(page.statusFilter()->findData(QStringLiteral("skipped")));
    Q_EMIT page.statusFilter()->activated(page.statusFilter()->currentIndex());
    QTRY_VERIFY(page.historyTable()->rowCount() == 1 && page.historyTable()->item(0, 2)->text().startsWith(QStringLiteral("Camila")));
    QCOMPARE(page.historyTable()->item(0, 3)->text(), QStringLiteral("Not sent"));
    QVERIFY(page.historyTable()->item(0, 4)->text().startsWith(QStringLiteral("The candidate asked not to receive more notifications")));

    // Event and phone filters together; then nothing matches.
    page.statusFilter()->setCurrentIndex(0);
    page.eventFilter()->setCurrentIndex(page.eventFilter()->findData(QStringLiteral("application_received")));
    Q_EMIT page.eventFilter()->activated(page.eventFilter()->currentIndex());
    QTRY_COMPARE(page.historyTable()->rowCount(), 3);
    page.phoneFilter()->setText(QStringLiteral("+34600111001"));
    Q_EMIT page.phoneFilter()->returnPressed();
    QTRY_VERIFY(page.historyTable()->rowCount() == 1 && page.historyTable()->item(0, 3)->text() == QStringLiteral("Delivered"));
    page.phoneFilter()->setText(QStringLiteral("+34699999999"));
    Q_EMIT page.phoneFilter()->returnPressed();
    QTRY_VERIFY(page.historyEmpty()->isVisible());
    QCOMPARE(page.historyEmpty()->text(), QStringLiteral("No notification matches these filters."));

    // The scheduled one can be cancelled from its details.
    page.phoneFilter()->clear();
    page.eventFilter()->setCurrentIndex(0);
    page.statusFilter()->setCurrentIndex(page.statusFilter()->findData(QStringLiteral("scheduled")));
    Q_EMIT page.statusFilter()->activated(page.statusFilter()->currentIndex());
    QTRY_VERIFY(page.historyTable()->rowCount() == 1 && page.historyTable()->item(0, 3)->text().startsWith(QStringLiteral("Scheduled for")));
    page.historyTable()->selectRow(0);
    QTRY_VERIFY(page.cancelButton()->isVisible());
    page.cancelButton()->click();
    auto *box = page.findChild<QMessageBox *>(QStringLiteral("confirm"));
    QVERIFY(box);
    box->button(QMessageBox::Ok)->click();
    QTRY_VERIFY(page.notice()->text() == QStringLiteral("Notification cancelled."));
    QTRY_VERIFY(page.historyTable()->rowCount() == 0);
    const QJsonObject cancelled = test::await(m_h->admin->get(QStringLiteral("api/notifications?status=cancelled")));
    QCOMPARE(cancelled.value(QStringLiteral("items")).toArray().size(), 1);
}

void TestNotifications::callbackSecretIsShownOnceAndTested()
{
    // The CRM: answers every call with 204.
    QTcpServer crm;
    QVERIFY(crm.listen(QHostAddress::LocalHost));
    int calls = 0;
    connect(&crm, &QTcpServer::newConnection, &crm, [&] {
        while (QTcpSocket *s = crm.nextPendingConnection()) {
            connect(s, &QTcpSocket::readyRead, s, [s, &calls] {
                const QByteArray request = s->readAll();
                if (request.startsWith("POST")) {
                    ++calls;
                    s->write("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    s->disconnectFromHost();
                }
            });
        }
    });

    ui::NotificationsPage page(m_h->admin.get());
    page.resize(1100, 700);
    page.tabs()->setCurrentIndex(2);
    QSignalSpy settings(&page, &ui::NotificationsPage::settingsLoaded);
    QSignalSpy secrets(&page, &ui::NotificationsPage::secretShown);
    page.show();
    QTRY_COMPARE(settings.count(), 1);
    QVERIFY(page.callbackUrlEdit()->text().isEmpty());
    QVERIFY(!page.testCallbackButton()->isEnabled());
    QVERIFY(page.secretState()->text().startsWith(QStringLiteral("None yet")));

    // Not an address: said, nothing saved.
    page.callbackUrlEdit()->setText(QStringLiteral("crm puente"));
    page.saveCallbackButton()->click();
    auto *error = page.findChild<QLabel *>(QStringLiteral("callbackError"));
    QTRY_VERIFY(error->isVisibleTo(&page));
    QVERIFY2(error->text().contains(QStringLiteral("https")), qPrintable(error->text()));

    page.callbackUrlEdit()->setText(QStringLiteral("http://localhost:%1/puente").arg(crm.serverPort()));
    page.saveCallbackButton()->click();
    QTRY_COMPARE(secrets.count(), 1);
    auto *dialog = qobject_cast<ui::SecretDialog *>(secrets.first().first().value<QDialog *>());
    QVERIFY(dialog);
    const QString secret = dialog->secret();
    QVERIFY(secret.size() >= 20);
    QVERIFY(dialog->copyButton());
    dialog->accept();
    QVERIFY(page.secretState()->text().startsWith(QStringLiteral("Set.")));
    QVERIFY(!page.secretState()->text().contains(secret));
    QCOMPARE(page.notice()->text(), QStringLiteral("Callback address saved."));
    QVERIFY(page.testCallbackButton()->isEnabled());

    // Shown once: a new page (or a reload) does not show it again.
    {
        ui::NotificationsPage again(m_h->admin.get());
        QSignalSpy againSettings(&again, &ui::NotificationsPage::settingsLoaded);
        QSignalSpy againSecrets(&again, &ui::NotificationsPage::secretShown);
        QTRY_COMPARE(againSettings.count(), 1);
        QCOMPARE(againSecrets.count(), 0);
        QCOMPARE(again.callbackUrlEdit()->text(), QStringLiteral("http://localhost:%1/puente").arg(crm.serverPort()));
    }

    // The test call reaches the CRM and is listed.
    QSignalSpy tested(&page, &ui::NotificationsPage::callbackTested);
    page.testCallbackButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(tested.count(), 1, 15000);
    QCOMPARE(calls, 1);
    QCOMPARE(page.testResult()->text(), QStringLiteral("It works: your CRM answered 204."));
    QTRY_COMPARE(page.deliveriesTable()->rowCount(), 1);
    QCOMPARE(page.deliveriesTable()->item(0, 1)->text(), QStringLiteral("Test"));
    QCOMPARE(page.deliveriesTable()->item(0, 2)->text(), QStringLiteral("Delivered"));

    // A new secret: asked first, shown once, different.
    page.rotateSecretButton()->click();
    auto *box = page.findChild<QMessageBox *>(QStringLiteral("confirm"));
    QVERIFY(box);
    box->button(QMessageBox::Ok)->click();
    QTRY_COMPARE(secrets.count(), 2);
    auto *rotated = qobject_cast<ui::SecretDialog *>(secrets.last().first().value<QDialog *>());
    QVERIFY(rotated && rotated->secret() != secret && !rotated->secret().isEmpty());
    rotated->accept();

    // The CRM is gone: the test says so.
    crm.close();
    page.callbackUrlEdit()->setText(QStringLiteral("http://localhost:1/puente"));
    page.saveCallbackButton()->click();
    QTRY_COMPARE(page.notice()->text(), QStringLiteral("Callback address saved."));
    page.testCallbackButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(tested.count(), 2, 15000);
    QVERIFY2(page.testResult()->text().startsWith(QStringLiteral("Could not reach your CRM")), qPrintable(page.testResult()->text()));
    QCOMPARE(secrets.count(), 2); // saving the address again made no new secret
}

protocol::TenantSettings TestNotifications::serverSettings()
{
    return protocol::fromJson<protocol::TenantSettings>(test::await(m_h->admin->get(QStringLiteral("api/tenant-settings"))));
}

QJsonArray TestNotifications::notificationsOnServer()
{
    return test::await(m_h->admin->get(QStringLiteral("api/notifications"))).value(QStringLiteral("items")).toArray();
}

static ui::NotificationsPage *settingsPage(ui::NotificationsPage &page)
{
    page.resize(1100, 700);
    page.tabs()->setCurrentIndex(3);
    page.show();
    return &page;
}

// Types into an editable combo's line as a person would.
static void typeInto(QComboBox *combo, const QString &text)
{
    combo->lineEdit()->selectAll();
    QTest::keyClick(combo->lineEdit(), Qt::Key_Backspace);
    QTest::keyClicks(combo->lineEdit(), text);
}

void TestNotifications::settingsShowTheServersValues()
{
    protocol::UpdateTenantSettings set;
    set.defaultRegion = QStringLiteral("MX");
    set.timeZone = QStringLiteral("America/Mexico_City");
    set.language = QStringLiteral("en");
    set.quietHoursEnabled = false;
    set.quietStart = QStringLiteral("22:30");
    set.quietEnd = QStringLiteral("07:15");
    set.optOutKeywords = QStringList{QStringLiteral("baja"), QStringLiteral("no más")};
    set.optOutReply = QStringLiteral("Listo, no te escribiremos más.");
    client::ApiError error;
    test::await(m_h->admin->call<protocol::route::UpdateTenantSettings>(set).reply(), &error);
    QVERIFY2(error.message.isEmpty(), qPrintable(error.message));

    ui::NotificationsPage page(m_h->admin.get());
    QSignalSpy loaded(&page, &ui::NotificationsPage::settingsLoaded);
    settingsPage(page);
    QCOMPARE(page.tabs()->tabText(3), QStringLiteral("Settings"));
    QTRY_COMPARE(loaded.count(), 1);
    QVERIFY(page.findChild<QWidget *>(QStringLiteral("settingsForm"))->isEnabled());
    QVERIFY(!page.findChild<QLabel *>(QStringLiteral("settingsLoading"))->isVisibleTo(&page));
    QCOMPARE(page.regionEdit()->currentText(), QStringLiteral("Mexico (MX)"));
    QCOMPARE(page.timeZoneEdit()->currentText(), QStringLiteral("America/Mexico_City"));
    QCOMPARE(page.languageEdit()->currentText(), QStringLiteral("English"));
    QCOMPARE(page.languageEdit()->currentData().toString(), QStringLiteral("en"));
    QVERIFY(!page.quietHoursBox()->isChecked());
    QVERIFY(!page.quietStartEdit()->isEnabled()); // off: the hours are greyed
    QCOMPARE(page.quietStartEdit()->time(), QTime(22, 30));
    QCOMPARE(page.quietEndEdit()->time(), QTime(7, 15));
    QCOMPARE(page.optOutKeywordsEdit()->toPlainText(), QStringLiteral("baja\nno más"));
    QCOMPARE(page.optOutReplyEdit()->toPlainText(), QStringLiteral("Listo, no te escribiremos más."));
    // Nothing changed yet: nothing to save or discard.
    QVERIFY(!page.saveSettingsButton()->isEnabled());
    QVERIFY(!page.discardSettingsButton()->isEnabled());
    // The time zones are the system's, to choose from or search.
    QVERIFY(page.timeZoneEdit()->findText(QStringLiteral("Europe/Madrid")) >= 0);
    QVERIFY(page.timeZoneEdit()->completer());
    QCOMPARE(page.timeZoneEdit()->completer()->filterMode(), Qt::MatchContains);
    QVERIFY(page.regionEdit()->findText(QStringLiteral("Spain (ES)")) >= 0);

    // A server that does not answer: said, with a way to try again.
    client::ApiClient gone(QUrl(QStringLiteral("http://127.0.0.1:1/")));
    gone.setToken(m_h->admin->token());
    ui::NotificationsPage unreachable(&gone);
    settingsPage(unreachable);
    auto *loadError = unreachable.findChild<QLabel *>(QStringLiteral("settingsLoadError"));
    QTRY_VERIFY_WITH_TIMEOUT(loadError->isVisibleTo(&unreachable), 15000);
    QVERIFY2(loadError->text().contains(QStringLiteral("the server does not answer")), qPrintable(loadError->text()));
    QVERIFY(unreachable.findChild<QPushButton *>(QStringLiteral("settingsRetry"))->isVisibleTo(&unreachable));
    QVERIFY(!unreachable.findChild<QWidget *>(QStringLiteral("settingsForm"))->isEnabled());
    QVERIFY(!unreachable.saveSettingsButton()->isEnabled());
}

void TestNotifications::settingsSaveOnlyWhatChanged()
{
    ui::NotificationsPage page(m_h->admin.get());
    QSignalSpy loaded(&page, &ui::NotificationsPage::settingsLoaded);
    settingsPage(page);
    QTRY_COMPARE(loaded.count(), 1);
    const protocol::TenantSettings before = serverSettings();
    QCOMPARE(page.timeZoneEdit()->currentText(), before.timeZone);
    QVERIFY(page.quietHoursBox()->isChecked());

    // An edit, then discarded: the server's value again, nothing to save.
    page.optOutReplyEdit()->setPlainText(QStringLiteral("Vale."));
    QVERIFY(page.saveSettingsButton()->isEnabled());
    QVERIFY(page.discardSettingsButton()->isEnabled());
    page.discardSettingsButton()->click();
    QCOMPARE(page.optOutReplyEdit()->toPlainText(), before.optOutReply);
    QVERIFY(!page.saveSettingsButton()->isEnabled());

    // A country typed by its name is its code.
    typeInto(page.regionEdit(), QStringLiteral("colombia"));
    QCOMPARE(page.settingsChanges().defaultRegion.value_or(QString()), QStringLiteral("CO"));
    page.discardSettingsButton()->click();
    QCOMPARE(page.regionEdit()->currentData().toString(), before.defaultRegion);
    QVERIFY(!page.settingsChanges().defaultRegion);

    // Quiet hours and keywords change; only they are sent.
    page.quietStartEdit()->setTime(QTime(22, 0));
    page.quietEndEdit()->setTime(QTime(7, 30));
    page.optOutKeywordsEdit()->setPlainText(QStringLiteral("baja\n  STOP  \n\nno me escribas\n"));
    QVERIFY(page.saveSettingsButton()->isEnabled());
    QSignalSpy saved(&page, &ui::NotificationsPage::notificationSettingsSaved);
    page.saveSettingsButton()->click();
    QTRY_COMPARE(saved.count(), 1);
    QCOMPARE(saved.first().first().toBool(), true);
    QCOMPARE(page.settingsResult()->text(), QStringLiteral("Saved."));
    QVERIFY(page.settingsResult()->isVisibleTo(&page));
    QVERIFY(!page.saveSettingsButton()->isEnabled());
    QVERIFY(!page.discardSettingsButton()->isEnabled());

    // Read back from the server.
    const protocol::TenantSettings after = serverSettings();
    QCOMPARE(after.quietStart, QStringLiteral("22:00"));
    QCOMPARE(after.quietEnd, QStringLiteral("07:30"));
    QCOMPARE(after.optOutKeywords, (QStringList{QStringLiteral("baja"), QStringLiteral("STOP"), QStringLiteral("no me escribas")}));
    QVERIFY(after.quietHoursEnabled);
    QCOMPARE(after.timeZone, before.timeZone);
    QCOMPARE(after.defaultRegion, before.defaultRegion);
    QCOMPARE(after.optOutReply, before.optOutReply);
    // The audit log records what the PATCH carried: the changed fields only.
    const QJsonArray audit = test::await(m_h->admin->get(QStringLiteral("api/audit-log"), QUrlQuery(QStringLiteral("action=tenant_settings.updated"))))
                                 .value(QStringLiteral("items")).toArray();
    QCOMPARE(audit.size(), 1);
    QStringList sent = audit.first().toObject().value(QStringLiteral("details")).toObject().keys();
    sent.sort();
    QCOMPARE(sent, (QStringList{QStringLiteral("opt_out_keywords"), QStringLiteral("quiet_end"), QStringLiteral("quiet_start")}));

    // Quiet hours off: the hours grey out, and that is saved too.
    page.quietHoursBox()->setChecked(false);
    QVERIFY(!page.quietStartEdit()->isEnabled());
    QVERIFY(!page.settingsResult()->isVisibleTo(&page)); // "Saved." was about the last save
    page.saveSettingsButton()->click();
    QTRY_COMPARE(saved.count(), 2);
    QVERIFY(!serverSettings().quietHoursEnabled);

    // Unsaved edits survive a save on the callback tab.
    page.optOutReplyEdit()->setPlainText(QStringLiteral("Hecho."));
    page.callbackUrlEdit()->setText(QStringLiteral("http://localhost:1/puente"));
    QSignalSpy secrets(&page, &ui::NotificationsPage::secretShown);
    page.saveCallbackButton()->click();
    QTRY_COMPARE(secrets.count(), 1);
    secrets.first().first().value<QDialog *>()->accept();
    QCOMPARE(page.optOutReplyEdit()->toPlainText(), QStringLiteral("Hecho."));
    QVERIFY(page.saveSettingsButton()->isEnabled());
}

void TestNotifications::settingsRefusedAreShownByTheirField()
{
    ui::NotificationsPage page(m_h->admin.get());
    QSignalSpy loaded(&page, &ui::NotificationsPage::settingsLoaded);
    settingsPage(page);
    QTRY_COMPARE(loaded.count(), 1);
    const protocol::TenantSettings before = serverSettings();
    QSignalSpy saved(&page, &ui::NotificationsPage::notificationSettingsSaved);

    // An unknown time zone typed in, with another change: refused whole.
    typeInto(page.timeZoneEdit(), QStringLiteral("Mars/Olympus_Mons"));
    page.optOutReplyEdit()->setPlainText(QStringLiteral("Vale, no más mensajes."));
    QCOMPARE(page.settingsChanges().timeZone.value_or(QString()), QStringLiteral("Mars/Olympus_Mons"));
    page.saveSettingsButton()->click();
    QTRY_COMPARE(saved.count(), 1);
    QCOMPARE(saved.first().first().toBool(), false);
    QLabel *zoneError = page.settingsFieldError(QStringLiteral("time_zone"));
    QVERIFY(zoneError && zoneError->isVisibleTo(&page));
    QVERIFY2(zoneError->text().contains(QStringLiteral("“Mars/Olympus_Mons” is not a time zone")), qPrintable(zoneError->text()));
    // Under its own field, not elsewhere.
    QCOMPARE(zoneError->parentWidget(), page.timeZoneEdit()->parentWidget());
    QVERIFY(!page.settingsFieldError(QStringLiteral("default_region"))->isVisibleTo(&page));
    QVERIFY(!page.settingsFieldError(QStringLiteral("opt_out_reply"))->isVisibleTo(&page));
    QVERIFY(!page.settingsResult()->isVisibleTo(&page));
    QVERIFY(page.saveSettingsButton()->isEnabled()); // the edits stay, to correct
    QCOMPARE(page.optOutReplyEdit()->toPlainText(), QStringLiteral("Vale, no más mensajes."));
    QCOMPARE(serverSettings().timeZone, before.timeZone);
    QCOMPARE(serverSettings().optOutReply, before.optOutReply);

    // Correcting the field takes its error away.
    typeInto(page.timeZoneEdit(), before.timeZone);
    QVERIFY(!zoneError->isVisibleTo(&page));

    // Two letters that name no country: refused before asking (the server
    // would store them).
    typeInto(page.regionEdit(), QStringLiteral("ZZ"));
    page.saveSettingsButton()->click();
    QTRY_COMPARE(saved.count(), 2);
    QLabel *regionError = page.settingsFieldError(QStringLiteral("default_region"));
    QVERIFY(regionError->isVisibleTo(&page));
    QVERIFY2(regionError->text().contains(QStringLiteral("“ZZ” is not a country")), qPrintable(regionError->text()));
    QCOMPARE(regionError->parentWidget(), page.regionEdit()->parentWidget());
    // Not two letters at all: the server's refusal, by the field.
    typeInto(page.regionEdit(), QStringLiteral("Narnia"));
    page.saveSettingsButton()->click();
    QTRY_COMPARE(saved.count(), 3);
    QTRY_VERIFY(regionError->isVisibleTo(&page));
    QVERIFY2(regionError->text().startsWith(QStringLiteral("Choose a country from the list")), qPrintable(regionError->text()));
    QCOMPARE(serverSettings().defaultRegion, before.defaultRegion);
    QCOMPARE(serverSettings().optOutReply, before.optOutReply);

    // An empty confirmation reply.
    page.discardSettingsButton()->click();
    QVERIFY(!regionError->isVisibleTo(&page));
    page.optOutReplyEdit()->setPlainText(QStringLiteral("   "));
    page.saveSettingsButton()->click();
    QTRY_COMPARE(saved.count(), 4);
    QVERIFY(page.settingsFieldError(QStringLiteral("opt_out_reply"))->isVisibleTo(&page));
    QCOMPARE(serverSettings().optOutReply, before.optOutReply);
}

static ui::NotificationTestDialog *openTestDialog(ui::NotificationsPage &page)
{
    QSignalSpy opened(&page, &ui::NotificationsPage::testDialogOpened);
    page.sendTestButton()->click();
    if (opened.count() != 1)
        return nullptr;
    return qobject_cast<ui::NotificationTestDialog *>(opened.first().first().value<QDialog *>());
}

void TestNotifications::testNotificationIsSentFromARule()
{
    const QList<protocol::ParameterSource> nameJobAndTime{{QStringLiteral("data"), QStringLiteral("candidate.first_name")},
                                                          {QStringLiteral("data"), QStringLiteral("job.title")},
                                                          {QStringLiteral("datetime"), QStringLiteral("interview.at")}};
    QVERIFY(createRule(QStringLiteral("interview_scheduled"), QStringLiteral("confirmacion_entrevista"), QStringLiteral("es"), nameJobAndTime) > 0);
    const qint64 off = createRule(QStringLiteral("application_received"), QStringLiteral("seguimiento_postulacion"), QStringLiteral("es"),
                                  {nameJobAndTime.at(0), nameJobAndTime.at(1)});
    QVERIFY(off > 0);
    protocol::UpdateNotificationRule disable;
    disable.enabled = false;
    client::ApiError error;
    test::await(m_h->admin->callOn<protocol::route::UpdateNotificationRule>(off, disable).reply(), &error);
    QVERIFY2(error.message.isEmpty(), qPrintable(error.message));
    // It goes out now, whatever the hour of the run.
    protocol::UpdateTenantSettings noQuietHours;
    noQuietHours.quietHoursEnabled = false;
    test::await(m_h->admin->call<protocol::route::UpdateTenantSettings>(noQuietHours).reply(), &error);
    QVERIFY2(error.message.isEmpty(), qPrintable(error.message));

    ui::NotificationsPage page(m_h->admin.get());
    page.resize(1100, 700);
    page.show();
    QTRY_VERIFY(page.ruleRow(QStringLiteral("application_received")) >= 0 && page.ruleRow(QStringLiteral("interview_scheduled")) >= 0);
    QTRY_VERIFY(!page.historyEmpty()->isHidden()); // the history (another tab) loaded, empty
    QVERIFY(!page.sendTestButton()->isEnabled()); // nothing selected
    page.rulesTable()->selectRow(page.ruleRow(QStringLiteral("application_received")));
    QVERIFY(!page.sendTestButton()->isEnabled()); // disabled rule
    QVERIFY(page.sendTestButton()->toolTip().contains(QStringLiteral("disabled")));
    page.rulesTable()->selectRow(page.ruleRow(QStringLiteral("interview_scheduled")));
    QVERIFY(page.sendTestButton()->isEnabled());

    ui::NotificationTestDialog *dialog = openTestDialog(page);
    QVERIFY(dialog);
    QCOMPARE(dialog->eventEdit()->text(), QStringLiteral("interview_scheduled"));
    QVERIFY(dialog->eventEdit()->isReadOnly());
    QCOMPARE(dialog->phoneEdit()->placeholderText(), QStringLiteral("+34 612 345 678"));
    // The rule editor's sample data for this event.
    const QJsonDocument prefilled = QJsonDocument::fromJson(dialog->dataEdit()->toPlainText().toUtf8());
    QCOMPARE(prefilled.object(), ui::NotificationRuleDialog::sampleData(QStringLiteral("interview_scheduled")));

    QTest::keyClicks(dialog->phoneEdit(), QStringLiteral("+34 612 345 678"));
    QSignalSpy sent(dialog, &ui::NotificationTestDialog::sent);
    QSignalSpy history(&page, &ui::NotificationsPage::historyLoaded);
    dialog->sendButton()->click();
    QTRY_COMPARE(sent.count(), 1);
    const auto notification = sent.first().first().value<protocol::Notification>();
    QVERIFY(notification.id > 0);
    QString status = ui::NotificationText::statusText(notification.status);
    status = status.left(1).toLower() + status.mid(1);
    QCOMPARE(dialog->resultLabel()->text(), QStringLiteral("Notification %1: %2. Follow it on the History tab.").arg(notification.id).arg(status));
    QVERIFY(!dialog->phoneError()->isVisibleTo(dialog) && !dialog->dataError()->isVisibleTo(dialog) && !dialog->errorLabel()->isVisibleTo(dialog));

    // It exists on the server, as the CRM would have sent it.
    const QJsonObject stored = test::await(m_h->admin->get(QStringLiteral("api/notifications/%1").arg(notification.id)));
    QCOMPARE(stored.value(QStringLiteral("event")).toString(), QStringLiteral("interview_scheduled"));
    QCOMPARE(stored.value(QStringLiteral("phone")).toString(), QStringLiteral("+34612345678"));
    QCOMPARE(stored.value(QStringLiteral("data")).toObject(), ui::NotificationRuleDialog::sampleData(QStringLiteral("interview_scheduled")));
    // And the history shows it without a refresh by hand.
    QTRY_VERIFY(history.count() >= 1 && page.historyTable()->rowCount() == 1);
    QCOMPARE(page.historyTable()->item(0, 2)->text(), QStringLiteral("+34612345678"));
    QCOMPARE(page.historyTable()->item(0, 1)->text(), QStringLiteral("Interview scheduled"));
    dialog->reject();
}

void TestNotifications::testNotificationRefusalsByField()
{
    QVERIFY(createRule(QStringLiteral("interview_scheduled"), QStringLiteral("confirmacion_entrevista"), QStringLiteral("es"),
                       {{QStringLiteral("data"), QStringLiteral("candidate.first_name")}, {QStringLiteral("data"), QStringLiteral("job.title")},
                        {QStringLiteral("datetime"), QStringLiteral("interview.at")}}) > 0);
    ui::NotificationsPage page(m_h->admin.get());
    page.resize(1100, 700);
    page.show();
    QTRY_VERIFY(page.ruleRow(QStringLiteral("interview_scheduled")) >= 0);
    page.rulesTable()->selectRow(page.ruleRow(QStringLiteral("interview_scheduled")));
    ui::NotificationTestDialog *dialog = openTestDialog(page);
    QVERIFY(dialog);
    QSignalSpy failed(dialog, &ui::NotificationTestDialog::failed);
    const QString sample = dialog->dataEdit()->toPlainText();

    // Broken JSON: refused here, before any request.
    dialog->phoneEdit()->setText(QStringLiteral("+34 612 345 678"));
    dialog->dataEdit()->setPlainText(QStringLiteral("{\"candidate\": "));
    dialog->sendButton()->click();
    QCOMPARE(failed.count(), 1); // at once: no server involved
    QVERIFY(dialog->dataError()->isVisibleTo(dialog));
    QVERIFY2(dialog->dataError()->text().contains(QStringLiteral("not valid JSON")), qPrintable(dialog->dataError()->text()));
    dialog->dataEdit()->setPlainText(QStringLiteral("[1, 2]"));
    dialog->sendButton()->click();
    QCOMPARE(failed.count(), 2);
    QVERIFY(dialog->dataError()->text().contains(QStringLiteral("JSON object")));

    // No number: said here too.
    dialog->dataEdit()->setPlainText(sample);
    QVERIFY(!dialog->dataError()->isVisibleTo(dialog));
    dialog->phoneEdit()->clear();
    dialog->sendButton()->click();
    QCOMPARE(failed.count(), 3);
    QVERIFY(dialog->phoneError()->isVisibleTo(dialog));

    // Not a phone number: the server's refusal, under the phone.
    dialog->phoneEdit()->setText(QStringLiteral("12345"));
    dialog->sendButton()->click();
    QTRY_COMPARE(failed.count(), 4);
    QVERIFY(dialog->phoneError()->isVisibleTo(dialog));
    QVERIFY2(dialog->phoneError()->text().startsWith(QStringLiteral("That is not a phone number")), qPrintable(dialog->phoneError()->text()));
    QVERIFY(!dialog->dataError()->isVisibleTo(dialog) && !dialog->errorLabel()->isVisibleTo(dialog));

    // Data the template needs is missing: the path is named, under the data.
    dialog->phoneEdit()->setText(QStringLiteral("+34 612 345 678"));
    QJsonObject data = ui::NotificationRuleDialog::sampleData(QStringLiteral("interview_scheduled"));
    data.remove(QStringLiteral("interview"));
    dialog->dataEdit()->setPlainText(QString::fromUtf8(QJsonDocument(data).toJson()));
    dialog->sendButton()->click();
    QTRY_COMPARE(failed.count(), 5);
    QVERIFY(!dialog->phoneError()->isVisibleTo(dialog));
    QVERIFY(dialog->dataError()->isVisibleTo(dialog));
    QVERIFY2(dialog->dataError()->text().contains(QStringLiteral("“interview.at”")), qPrintable(dialog->dataError()->text()));

    // The rule was disabled meanwhile: said in words.
    exec(QStringLiteral("UPDATE notification_rules SET enabled = 0 WHERE tenant_id = ?"), {m_tenant.value});
    dialog->dataEdit()->setPlainText(sample);
    dialog->sendButton()->click();
    QTRY_COMPARE(failed.count(), 6);
    QVERIFY(dialog->errorLabel()->isVisibleTo(dialog));
    QVERIFY2(dialog->errorLabel()->text().contains(QStringLiteral("enable it")), qPrintable(dialog->errorLabel()->text()));

    // None of these made a notification.
    QVERIFY(notificationsOnServer().isEmpty());
    dialog->reject();
}

void TestNotifications::saveScreenshot(QWidget &w, const QString &name)
{
    const QString dir = qEnvironmentVariable("PUENTE_SCREENSHOT_DIR", QStringLiteral(PUENTE_SCREENSHOT_DIR));
    QDir().mkpath(dir);
    QVERIFY(w.grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png")));
}

void TestNotifications::screenshots_data()
{
    QTest::addColumn<QString>("language");
    QTest::addRow("es") << QStringLiteral("es");
    QTest::addRow("en") << QStringLiteral("en");
}

void TestNotifications::screenshots()
{
    QFETCH(QString, language);
    const test::ScreenshotLanguage screenLanguage(language);
    QVERIFY(screenLanguage.loaded);
    const QList<protocol::ParameterSource> nameAndJob{{QStringLiteral("data"), QStringLiteral("candidate.first_name")},
                                                      {QStringLiteral("data"), QStringLiteral("job.title")}};
    QVERIFY(createRule(QStringLiteral("application_received"), QStringLiteral("seguimiento_postulacion"), QStringLiteral("es"), nameAndJob) > 0);
    QVERIFY(createRule(QStringLiteral("interview_scheduled"), QStringLiteral("confirmacion_entrevista"), QStringLiteral("es"),
                       {nameAndJob.at(0), nameAndJob.at(1), {QStringLiteral("datetime"), QStringLiteral("interview.at")}}) > 0);
    QVERIFY(createRule(QStringLiteral("application_rejected"), QStringLiteral("vacante_cerrada"), QStringLiteral("es"), nameAndJob) > 0);
    exec(QStringLiteral("UPDATE message_templates SET status = 'PAUSED' WHERE tenant_id = ? AND name = 'vacante_cerrada'"), {m_tenant.value});
    insertNotification(QStringLiteral("application_received"), QStringLiteral("+34600111001"), QStringLiteral("Ana Ruiz"), QStringLiteral("read"),
                       {}, std::nullopt, 5 * 3600 * 1000);
    insertNotification(QStringLiteral("interview_scheduled"), QStringLiteral("+34600111002"), QStringLiteral("Jorge Pérez"), QStringLiteral("failed"),
                       QStringLiteral("Message undeliverable"), 131026, 4 * 3600 * 1000);
    insertNotification(QStringLiteral("application_received"), QStringLiteral("+34600111003"), QStringLiteral("Camila Soto"), QStringLiteral("skipped"),
                       QStringLiteral("opted_out: the contact asked for no more notifications"), std::nullopt, 3 * 3600 * 1000);
    insertNotification(QStringLiteral("interview_scheduled"), QStringLiteral("+34600111005"), QStringLiteral("Santiago Ortega"),
                       QStringLiteral("delivered"), {}, std::nullopt, 2 * 3600 * 1000);
    insertNotification(QStringLiteral("application_rejected"), QStringLiteral("+34600111006"), QStringLiteral("Paola Medina"), QStringLiteral("skipped"),
                       QStringLiteral("rule_broken: the template vacante_cerrada (es) is paused at Meta; only approved templates can be sent"),
                       std::nullopt, 3600 * 1000);

    ui::NotificationsPage page(m_h->admin.get());
    page.resize(1180, 680);
    page.show();
    QTRY_VERIFY(page.ruleRow(QStringLiteral("application_rejected")) >= 0 && page.historyTable()->rowCount() == 5 && page.addRuleButton()->isEnabled());
    page.rulesTable()->selectRow(page.ruleRow(QStringLiteral("interview_scheduled")));
    QTest::qWait(100);
    saveScreenshot(page, QStringLiteral("notifications-rules-%1").arg(language));

    ui::NotificationRuleDialog *editor = openEditor(page, true);
    QVERIFY(editor);
    QTRY_VERIFY_WITH_TIMEOUT(editor->previewText().contains(QStringLiteral("Lucía")), 10000);
    QTest::qWait(100);
    saveScreenshot(*editor, QStringLiteral("notifications-rule-editor-%1").arg(language));
    editor->reject();

    page.tabs()->setCurrentIndex(1);
    QSignalSpy details(&page, &ui::NotificationsPage::detailsLoaded);
    for (int row = 0; row < page.historyTable()->rowCount(); ++row)
        if (page.historyTable()->item(row, 2)->text().startsWith(QStringLiteral("Jorge")))
            page.historyTable()->selectRow(row);
    QTRY_COMPARE(details.count(), 1);
    QTest::qWait(100);
    saveScreenshot(page, QStringLiteral("notifications-history-%1").arg(language));

    page.tabs()->setCurrentIndex(2);
    QSignalSpy secrets(&page, &ui::NotificationsPage::secretShown);
    page.callbackUrlEdit()->setText(QStringLiteral("http://localhost:1/puente"));
    page.saveCallbackButton()->click();
    QTRY_COMPARE(secrets.count(), 1);
    auto *secret = secrets.first().first().value<QDialog *>();
    secret->adjustSize();
    QTest::qWait(100);
    saveScreenshot(*secret, QStringLiteral("notifications-secret-%1").arg(language));
    secret->accept();
    QSignalSpy tested(&page, &ui::NotificationsPage::callbackTested);
    page.testCallbackButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(tested.count(), 1, 15000);
    QTRY_COMPARE(page.deliveriesTable()->rowCount(), 1);
    QTest::qWait(100);
    saveScreenshot(page, QStringLiteral("notifications-callback-%1").arg(language));

    // The settings, just saved.
    page.tabs()->setCurrentIndex(3);
    QTRY_VERIFY(page.findChild<QWidget *>(QStringLiteral("settingsForm"))->isEnabled());
    page.optOutKeywordsEdit()->appendPlainText(QStringLiteral("no me escribas"));
    QSignalSpy savedSettings(&page, &ui::NotificationsPage::notificationSettingsSaved);
    page.saveSettingsButton()->click();
    QTRY_COMPARE(savedSettings.count(), 1);
    QVERIFY(savedSettings.first().first().toBool());
    QTest::qWait(100);
    saveScreenshot(page, QStringLiteral("notifications-settings-%1").arg(language));

    // A test notification from a rule, and the server's answer. Without
    // quiet hours it goes out now, whatever the hour of the run.
    protocol::UpdateTenantSettings noQuietHours;
    noQuietHours.quietHoursEnabled = false;
    client::ApiError error;
    test::await(m_h->admin->call<protocol::route::UpdateTenantSettings>(noQuietHours).reply(), &error);
    QVERIFY2(error.message.isEmpty(), qPrintable(error.message));
    page.tabs()->setCurrentIndex(0);
    page.rulesTable()->selectRow(page.ruleRow(QStringLiteral("interview_scheduled")));
    QSignalSpy opened(&page, &ui::NotificationsPage::testDialogOpened);
    page.sendTestButton()->click();
    QCOMPARE(opened.count(), 1);
    auto *testDialog = qobject_cast<ui::NotificationTestDialog *>(opened.first().first().value<QDialog *>());
    QVERIFY(testDialog);
    testDialog->phoneEdit()->setText(QStringLiteral("+34 612 345 678"));
    QSignalSpy sent(testDialog, &ui::NotificationTestDialog::sent);
    testDialog->sendButton()->click();
    QTRY_COMPARE(sent.count(), 1);
    QTest::qWait(100);
    saveScreenshot(*testDialog, QStringLiteral("notifications-test-%1").arg(language));
    testDialog->reject();
}

QTEST_MAIN(TestNotifications)
#include "tst_notifications.moc"
