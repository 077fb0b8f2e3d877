#include "adminpage.h"
#include "campaignspage.h"
#include "campaignwizard.h"
#include "common/csvreader.h"
#include "testsupport.h"
#include "consolecontroller.h"
#include "consoleharness.h"
#include "mainwindow.h"
#include "metatext.h"
#include "sandbox/sandbox.h"
#include "storage/sql.h"
#include "storage/tenantrepository.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QTableWidget>
#include <QTimer>

using namespace puente;

// The Campaigns page against a real server and the Sandbox (its synced
// templates, its statuses, a failure it is told to answer): a campaign made
// in the wizard from a CSV file with a bad row and a repeated number, its
// report and start; the list with states and progress, refreshed while one
// runs; pause, resume, cancel and delete through the buttons; the failed
// recipients; refusals in words; and screenshots of each screen.
class TestCampaignsPage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void columnKeysAsTheServerMakesThem();
    void onlyAdminsHaveTheCampaignsPage();
    void wizardReadsTheFileAndRefusesBadOnes();
    void wizardMakesAndStartsACampaign();
    void pauseResumeCancelThroughTheButtons();
    void scheduledCampaignAndDraftActions();
    void refusalsAreShownInWords();
    void screenshots_data();
    void screenshots();

private:
    std::unique_ptr<test::ConsoleHarness> m_h;
    std::unique_ptr<QTemporaryDir> m_files;
    TenantId m_tenant;

    Database &db() { return m_h->server.context->database(); }
    void exec(const QString &sql, const QVariantList &binds = {});
    qint64 count(const QString &sql, const QVariantList &binds = {});
    QString writeFile(const QString &name, const QByteArray &content);
    // A campaign through the API, with `csv` as its audience: the utility
    // template seguimiento_postulacion (every send delivered and read), or
    // the marketing one vacante_disponible (the Sandbox gives each number
    // its fate: some unread, some failing, some answering).
    qint64 createCampaign(const QString &name, const QByteArray &csv, std::optional<qint64> startAt = std::nullopt, bool marketing = false);
    protocol::Campaign campaignOnServer(qint64 id);
    ui::CampaignWizard *openWizard(ui::CampaignsPage &page, QPushButton *button);
    // Steps 1 to 4 of the wizard with the good file and vacante_disponible.
    void fillWizard(ui::CampaignWizard *wizard, const QString &file, const QString &name);
    void selectByName(ui::CampaignsPage &page, const QString &name);
    QString stateOf(ui::CampaignsPage &page, const QString &name);
    void answerConfirm(QWidget *parent, bool yes);
    void saveScreenshot(QWidget &w, const QString &name);
};

namespace {

// Candidates as a spreadsheet exports them (semicolons, accents in the
// header): a number that is not one (line 4) and a number repeated (line 5).
const QByteArray kGoodFile =
    "Tel\xC3\xA9" "fono;Nombre;Puesto;Ciudad;Sueldo\r\n"
    "+34 612 345 601;Ana Ruiz;auxiliar de almac\xC3\xA9n;Valencia;$11,500\r\n"
    "+34 612 345 602;Jorge P\xC3\xA9rez;repartidor;Madrid;$12,000\r\n"
    "12345;Camila Soto;cajera;Sevilla;$10,000\r\n"
    "+34612345601;Ana Ruiz (otra vez);auxiliar;Valencia;$11,500\r\n"
    "+34 612 345 603;Luc\xC3\xAD" "a Fern\xC3\xA1ndez;mozo de almac\xC3\xA9n;Zaragoza;$11,000\r\n";

QByteArray candidates(int n, int from = 0)
{
    QByteArray csv = "telefono,nombre,puesto,ciudad\n";
    for (int i = from; i < from + n; ++i)
        csv += "+3461234" + QByteArray::number(5700 + i) + ",Candidato " + QByteArray::number(i) + ",mozo de almacén,Valencia\n";
    return csv;
}

protocol::ParameterSource column(const char *key)
{
    return {QStringLiteral("column"), QLatin1String(key)};
}

} // namespace

void TestCampaignsPage::initTestCase()
{
    ui::ConsoleController::applyLanguage(QStringLiteral("en"));
}

void TestCampaignsPage::init()
{
    m_h = std::make_unique<test::ConsoleHarness>();
    const QString error = m_h->start();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QString syncError = m_h->syncTemplates();
    QVERIFY2(syncError.isEmpty(), qPrintable(syncError));
    m_tenant = m_h->demoTenant();
    m_files = std::make_unique<QTemporaryDir>();
    QVERIFY(m_files->isValid());
}

void TestCampaignsPage::cleanup()
{
    m_h.reset();
    m_files.reset();
}

void TestCampaignsPage::exec(const QString &sql, const QVariantList &binds)
{
    Transaction tx(db());
    QVERIFY(tx.begun());
    Sql q(tx.connection(), sql);
    for (const QVariant &b : binds)
        q.bind(b);
    QVERIFY2(q.exec(), qPrintable(sql));
    QVERIFY(tx.commit());
}

qint64 TestCampaignsPage::count(const QString &sql, const QVariantList &binds)
{
    return test::queryCount(db(), sql, binds);
}

QString TestCampaignsPage::writeFile(const QString &name, const QByteArray &content)
{
    const QString path = m_files->filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        return QString();
    return path;
}

qint64 TestCampaignsPage::createCampaign(const QString &name, const QByteArray &csv, std::optional<qint64> startAt, bool marketing)
{
    protocol::CreateCampaign c;
    c.name = name;
    if (marketing) {
        c.templateName = QStringLiteral("vacante_disponible");
        c.language = QStringLiteral("es_MX");
        c.header = {column("puesto")};
        c.body = {column("nombre"), column("puesto"), column("ciudad"), {QStringLiteral("text"), QStringLiteral("$11,500")}};
    } else {
        c.templateName = QStringLiteral("seguimiento_postulacion");
        c.language = QStringLiteral("es");
        c.body = {column("nombre"), column("puesto")};
    }
    c.startAt = startAt;
    client::ApiError error;
    const QJsonObject created = test::await(m_h->admin->call<protocol::route::CreateCampaign>(c).reply(), &error);
    if (!error.message.isEmpty()) {
        qWarning("createCampaign: %s", qPrintable(error.message));
        return 0;
    }
    const qint64 id = created.value(QStringLiteral("id")).toInteger();
    if (!csv.isEmpty()) {
        test::await(m_h->admin->uploadAudience(id, csv).reply(), &error);
        if (!error.message.isEmpty()) {
            qWarning("uploadAudience: %s", qPrintable(error.message));
            return 0;
        }
    }
    return id;
}

protocol::Campaign TestCampaignsPage::campaignOnServer(qint64 id)
{
    return protocol::fromJson<protocol::Campaign>(test::await(m_h->admin->get(QStringLiteral("api/campaigns/%1").arg(id))));
}

ui::CampaignWizard *TestCampaignsPage::openWizard(ui::CampaignsPage &page, QPushButton *button)
{
    QSignalSpy opened(&page, &ui::CampaignsPage::wizardOpened);
    button->click();
    if (opened.count() != 1)
        return nullptr;
    auto *wizard = qobject_cast<ui::CampaignWizard *>(opened.first().first().value<QDialog *>());
    if (wizard && !wizard->templatesLoaded()) {
        QSignalSpy ready(wizard, &ui::CampaignWizard::templatesReady);
        ready.wait(10000);
    }
    return wizard;
}

void TestCampaignsPage::fillWizard(ui::CampaignWizard *wizard, const QString &file, const QString &name)
{
    QVERIFY(wizard->setFile(file));
    wizard->nextButton()->click();
    QCOMPARE(wizard->step(), int(ui::CampaignWizard::TemplateStep));
    QVERIFY(wizard->selectTemplate(QStringLiteral("vacante_disponible"), QStringLiteral("es_MX")));
    QCOMPARE(wizard->mappingCount(), 5);
    QVERIFY(wizard->mapPlaceholder(0, QStringLiteral("puesto")));
    QVERIFY(wizard->mapPlaceholder(2, QStringLiteral("puesto")));
    QVERIFY(wizard->mapPlaceholder(3, QStringLiteral("ciudad")));
    QVERIFY(wizard->mapPlaceholder(4, QStringLiteral("sueldo")));
    wizard->nextButton()->click();
    QCOMPARE(wizard->step(), int(ui::CampaignWizard::PreviewStep));
    wizard->nextButton()->click();
    QCOMPARE(wizard->step(), int(ui::CampaignWizard::DetailsStep));
    wizard->nameEdit()->setText(name);
}

void TestCampaignsPage::selectByName(ui::CampaignsPage &page, const QString &name)
{
    const int row = page.rowOf(name);
    QVERIFY2(row >= 0, qPrintable(name));
    page.campaignTable()->selectRow(row);
}

QString TestCampaignsPage::stateOf(ui::CampaignsPage &page, const QString &name)
{
    const int row = page.rowOf(name);
    return row < 0 || !page.campaignTable()->item(row, 1) ? QString() : page.campaignTable()->item(row, 1)->text();
}

void TestCampaignsPage::answerConfirm(QWidget *parent, bool yes)
{
    QMessageBox *box = nullptr;
    for (QMessageBox *b : parent->findChildren<QMessageBox *>(QStringLiteral("confirm")))
        if (b->isVisible())
            box = b;
    QVERIFY(box);
    box->button(yes ? QMessageBox::Ok : QMessageBox::Cancel)->click();
}

void TestCampaignsPage::saveScreenshot(QWidget &w, const QString &name)
{
    const QString dir = qEnvironmentVariable("PUENTE_SCREENSHOT_DIR", QStringLiteral(PUENTE_SCREENSHOT_DIR));
    QDir().mkpath(dir);
    QVERIFY(w.grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png")));
}

// --- the tests ---------------------------------------------------------------------------------------

void TestCampaignsPage::columnKeysAsTheServerMakesThem()
{
    QCOMPARE(csvColumnKey(QStringLiteral("Teléfono móvil")), QStringLiteral("telefono_movil"));
    QCOMPARE(csvColumnKey(QStringLiteral("Teléfono")), QStringLiteral("telefono"));
    QCOMPARE(csvColumnKey(QStringLiteral("Nombre Completo")), QStringLiteral("nombre_completo"));
    QCOMPARE(csvColumnKey(QStringLiteral("  Ciudad  ")), QStringLiteral("ciudad"));
    QCOMPARE(csvColumnKey(QStringLiteral("Año de nacimiento")), QStringLiteral("ano_de_nacimiento"));
    QCOMPARE(csvColumnKey(QStringLiteral("Nº de DNI")), QStringLiteral("no_de_dni"));
    QCOMPARE(csvColumnKey(QStringLiteral("E-mail")), QStringLiteral("e_mail"));
    QCOMPARE(csvColumnKey(QStringLiteral("¿Cuándo?")), QStringLiteral("cuando"));
    QCOMPARE(csvColumnKey(QStringLiteral("__Código  postal__")), QStringLiteral("codigo_postal"));
    QCOMPARE(csvColumnKey(QStringLiteral("first_name")), QStringLiteral("first_name"));
    QCOMPARE(csvColumnKey(QStringLiteral("Sueldo (€)")), QStringLiteral("sueldo"));
    QCOMPARE(csvColumnKey(QStringLiteral("Ünïcödé 2")), QStringLiteral("unicode_2"));
    QCOMPARE(csvColumnKey(QStringLiteral("€€")), QString());

    // The same headers through the server: the report names the columns as
    // the console does.
    const QStringList headers{QStringLiteral("Teléfono"),        QStringLiteral("Nombre Completo"), QStringLiteral("Año de nacimiento"),
                              QStringLiteral("Nº de DNI"),       QStringLiteral("E-mail"),          QStringLiteral("¿Cuándo?"),
                              QStringLiteral("__Código  postal__"), QStringLiteral("Sueldo (€)"),   QStringLiteral("Ünïcödé 2"),
                              QStringLiteral("Teléfono móvil")};
    QByteArray csv = headers.join(QLatin1Char(';')).toUtf8() + "\n";
    csv += "+34612345601;Ana;1990;123;a@b.es;hoy;46001;1000;x;+34612345602\n";
    protocol::CreateCampaign c;
    c.name = QStringLiteral("Columnas");
    c.templateName = QStringLiteral("seguimiento_postulacion");
    c.language = QStringLiteral("es");
    c.body = {column("nombre_completo"), column("sueldo")};
    client::ApiError error;
    const QJsonObject created = test::await(m_h->admin->call<protocol::route::CreateCampaign>(c).reply(), &error);
    QVERIFY2(error.message.isEmpty(), qPrintable(error.message));
    const QJsonObject report = test::await(m_h->admin->uploadAudience(created.value(QStringLiteral("id")).toInteger(), csv).reply(), &error);
    QVERIFY2(error.message.isEmpty(), qPrintable(error.message));
    QStringList ours;
    for (const QString &h : headers)
        ours.append(csvColumnKey(h));
    QStringList theirs;
    for (const QJsonValue &v : report.value(QStringLiteral("columns")).toArray())
        theirs.append(v.toString());
    QCOMPARE(theirs, ours);
    QCOMPARE(report.value(QStringLiteral("accepted")).toInteger(), 1);

    // The wizard reads the same file alike, and its phone column.
    const ui::AudiencePreview preview = ui::AudiencePreview::read(writeFile(QStringLiteral("columnas.csv"), csv));
    QVERIFY2(preview.error.isEmpty(), qPrintable(preview.error));
    QCOMPARE(preview.keys, ours);
    QCOMPARE(preview.phoneColumn, 0);
    QCOMPARE(preview.rows.size(), 1);
    QCOMPARE(preview.lines.value(0), 2);
}

void TestCampaignsPage::onlyAdminsHaveTheCampaignsPage()
{
    {
        ui::MainWindow agent(m_h->agent.get(), m_h->agentUser);
        QVERIFY(!agent.navigationItems().contains(QStringLiteral("Campaigns")));
    }
    ui::MainWindow admin(m_h->admin.get(), m_h->adminUser);
    const QStringList items = admin.navigationItems();
    QCOMPARE(items.indexOf(QStringLiteral("Campaigns")), items.indexOf(QStringLiteral("Notifications")) + 1);
    QVERIFY(qobject_cast<ui::CampaignsPage *>(admin.page(QStringLiteral("Campaigns"))));
}

void TestCampaignsPage::wizardReadsTheFileAndRefusesBadOnes()
{
    ui::CampaignsPage page(m_h->admin.get());
    page.resize(1180, 760);
    page.show();
    QTRY_VERIFY(page.emptyState()->isVisible());
    ui::CampaignWizard *wizard = openWizard(page, page.emptyNewCampaignButton());
    QVERIFY(wizard);
    QCOMPARE(wizard->step(), int(ui::CampaignWizard::FileStep));
    QVERIFY(!wizard->nextButton()->isEnabled());

    // Saved as UTF-16: the reader's complaint, in words.
    QByteArray utf16("\xFF\xFE");
    for (char ch : QByteArray("telefono,nombre\n+34612345601,Ana\n")) {
        utf16 += ch;
        utf16 += '\0';
    }
    QVERIFY(!wizard->setFile(writeFile(QStringLiteral("unicode.csv"), utf16)));
    QVERIFY2(wizard->fileError().contains(QStringLiteral("UTF-16")), qPrintable(wizard->fileError()));
    QVERIFY(wizard->fileError().contains(QStringLiteral("CSV UTF-8")));
    QVERIFY(!wizard->nextButton()->isEnabled());

    // A quotation mark never closed, in the first rows.
    QVERIFY(!wizard->setFile(writeFile(QStringLiteral("comillas.csv"), "telefono,nombre\n+34612345601,\"Ana\n")));
    QVERIFY2(wizard->fileError().startsWith(QStringLiteral("Line 2 opens a quotation mark")), qPrintable(wizard->fileError()));

    // No phone column: said before anything is made on the server.
    QVERIFY(!wizard->setFile(writeFile(QStringLiteral("sin-telefono.csv"), "Correo,nombre\nana@example.com,Ana\n")));
    QVERIFY2(wizard->fileError().contains(QStringLiteral("no column with the phone numbers")), qPrintable(wizard->fileError()));
    QVERIFY(!wizard->nextButton()->isEnabled());

    // A file that cannot be opened.
    QVERIFY(!wizard->setFile(m_files->filePath(QStringLiteral("missing.csv"))));
    QVERIFY2(wizard->fileError().startsWith(QStringLiteral("Cannot open missing.csv")), qPrintable(wizard->fileError()));

    // The good one: its columns as the file names them, its first five rows.
    QVERIFY(wizard->setFile(writeFile(QStringLiteral("candidatos.csv"), kGoodFile)));
    QVERIFY(wizard->fileError().isEmpty());
    QVERIFY(wizard->nextButton()->isEnabled());
    QCOMPARE(wizard->columnsTable()->columnCount(), 5);
    QCOMPARE(wizard->columnsTable()->rowCount(), 5);
    QCOMPARE(wizard->columnsTable()->horizontalHeaderItem(0)->text(), QStringLiteral("Teléfono"));
    QCOMPARE(wizard->columnsTable()->item(1, 1)->text(), QStringLiteral("Jorge Pérez"));
    QCOMPARE(wizard->audiencePreview().keys,
             (QStringList{QStringLiteral("telefono"), QStringLiteral("nombre"), QStringLiteral("puesto"), QStringLiteral("ciudad"),
                          QStringLiteral("sueldo")}));
    QVERIFY2(wizard->columnsNote()->text().contains(QStringLiteral("“Teléfono”")), qPrintable(wizard->columnsNote()->text()));

    // The template: every placeholder needs a column or a fixed text.
    wizard->nextButton()->click();
    QCOMPARE(wizard->step(), int(ui::CampaignWizard::TemplateStep));
    // Only approved templates.
    for (int i = 0; i < wizard->templateChooser()->count(); ++i) {
        QVERIFY(!wizard->templateChooser()->itemText(i).startsWith(QStringLiteral("promo_referidos")));
        QVERIFY(!wizard->templateChooser()->itemText(i).startsWith(QStringLiteral("bienvenida_primer_dia")));
    }
    QVERIFY(wizard->selectTemplate(QStringLiteral("vacante_disponible"), QStringLiteral("es_MX")));
    QCOMPARE(wizard->mappingCount(), 5);
    QCOMPARE(wizard->mappingLabel(0), QStringLiteral("Header {{1}}"));
    QCOMPARE(wizard->mappingLabel(1), QStringLiteral("Text {{1}}"));
    QCOMPARE(wizard->mappingLabel(4), QStringLiteral("Text {{4}}"));
    // The name column is guessed for the text's first placeholder.
    QCOMPARE(wizard->columnChooser(1)->currentText(), QStringLiteral("Column “Nombre”"));
    QCOMPARE(wizard->mappingSample(1), QStringLiteral("e.g. Ana Ruiz"));
    QVERIFY(wizard->mappingSample(0).isEmpty()); // nothing chosen yet
    // The phone column is not offered; "Fixed text…" is.
    for (int i = 0; i < wizard->columnChooser(0)->count(); ++i)
        QVERIFY(wizard->columnChooser(0)->itemText(i) != QStringLiteral("Column “Teléfono”"));
    wizard->nextButton()->click();
    QCOMPARE(wizard->step(), int(ui::CampaignWizard::TemplateStep));
    QCOMPARE(wizard->mappingError(0), QStringLiteral("Choose the column that fills it in, or “Fixed text…”."));
    QVERIFY(wizard->mappingError(1).isEmpty());
    QVERIFY(wizard->mapPlaceholder(0, QStringLiteral("puesto")));
    QVERIFY(wizard->mapPlaceholder(2, QStringLiteral("puesto")));
    QVERIFY(wizard->mapPlaceholder(3, QStringLiteral("ciudad")));
    QVERIFY(wizard->mapPlaceholder(4, QString(), QString()));
    QVERIFY(wizard->fixedTextEdit(4)->isVisibleTo(wizard));
    wizard->nextButton()->click();
    QCOMPARE(wizard->mappingError(4), QStringLiteral("Write the text, or choose a column."));
    wizard->fixedTextEdit(4)->setText(QStringLiteral("$11,500"));

    // The preview: the first row as WhatsApp shows it.
    wizard->nextButton()->click();
    QCOMPARE(wizard->step(), int(ui::CampaignWizard::PreviewStep));
    QVERIFY2(wizard->previewText().startsWith(QStringLiteral("Nueva vacante: auxiliar de almacén\n\nHola Ana Ruiz, tenemos una vacante de "
                                                             "auxiliar de almacén en Valencia con sueldo de $11,500 al mes.")),
             qPrintable(wizard->previewText()));
    QVERIFY(wizard->previewText().contains(QStringLiteral("[Me interesa]")));
    QVERIFY(wizard->previewWarning().isEmpty());
    QCOMPARE(wizard->previewRowChooser()->count(), 5);
    wizard->previewRowChooser()->setCurrentIndex(1);
    QVERIFY(wizard->previewText().contains(QStringLiteral("Hola Jorge Pérez, tenemos una vacante de repartidor en Madrid")));

    // Back keeps what was chosen.
    wizard->backButton()->click();
    QCOMPARE(wizard->step(), int(ui::CampaignWizard::TemplateStep));
    QCOMPARE(wizard->columnChooser(3)->currentText(), QStringLiteral("Column “Ciudad”"));
    wizard->nextButton()->click();
    wizard->nextButton()->click();
    QCOMPARE(wizard->step(), int(ui::CampaignWizard::DetailsStep));
    // The file's name is offered as the campaign's; a name is needed.
    QCOMPARE(wizard->nameEdit()->text(), QStringLiteral("candidatos"));
    wizard->nameEdit()->clear();
    wizard->nextButton()->click();
    QVERIFY(wizard->fieldError(QStringLiteral("name")).startsWith(QStringLiteral("Give the campaign a name")));
    // A start time in the past is refused here.
    wizard->nameEdit()->setText(QStringLiteral("Almacén Valencia"));
    wizard->startLaterButton()->setChecked(true);
    wizard->startEdit()->setDateTime(QDateTime::currentDateTime().addSecs(-3600));
    wizard->nextButton()->click();
    QVERIFY(!wizard->fieldError(QStringLiteral("start_at")).isEmpty());
    QCOMPARE(wizard->step(), int(ui::CampaignWizard::DetailsStep));
    // Nothing was made on the server.
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM campaigns")), 0);
    wizard->reject();
}

void TestCampaignsPage::wizardMakesAndStartsACampaign()
{
    ui::CampaignsPage page(m_h->admin.get());
    page.resize(1180, 760);
    page.show();
    QTRY_VERIFY(page.emptyState()->isVisible());
    QVERIFY(!page.campaignTable()->isVisible());

    QPointer<ui::CampaignWizard> wizard = openWizard(page, page.newCampaignButton());
    QVERIFY(wizard);
    fillWizard(wizard, writeFile(QStringLiteral("candidatos.csv"), kGoodFile), QStringLiteral("Almacén Valencia"));
    QSignalSpy shown(wizard, &ui::CampaignWizard::reportShown);
    wizard->nextButton()->click(); // Create campaign
    QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 20000);
    QCOMPARE(wizard->step(), int(ui::CampaignWizard::ReportStep));
    QVERIFY(wizard->campaignId() > 0);

    // The report: 3 taken, the bad number and the repeated one left out, in words.
    const protocol::AudienceReport &report = wizard->report();
    QCOMPARE(report.rows, 5);
    QCOMPARE(report.accepted, 3);
    QCOMPARE(report.duplicates, 1);
    QCOMPARE(report.invalid, 1);
    QCOMPARE(report.optedOut, 0);
    QVERIFY2(wizard->reportCounts()->text().contains(QStringLiteral("3 candidates will receive it")), qPrintable(wizard->reportCounts()->text()));
    QCOMPARE(wizard->issuesTable()->rowCount(), 2);
    QCOMPARE(wizard->issuesTable()->item(0, 0)->text(), QStringLiteral("4"));
    QCOMPARE(wizard->issuesTable()->item(0, 1)->text(), QStringLiteral("Teléfono"));
    QVERIFY2(wizard->issuesTable()->item(0, 2)->text().startsWith(QStringLiteral("“12345” is not a phone number")),
             qPrintable(wizard->issuesTable()->item(0, 2)->text()));
    QCOMPARE(wizard->issuesTable()->item(1, 0)->text(), QStringLiteral("5"));
    QCOMPARE(wizard->issuesTable()->item(1, 2)->text(), QStringLiteral("The same number is on an earlier line."));
    // The pace and Meta's limit (the Sandbox's number: 80 a second, TIER_1K).
    QVERIFY2(wizard->paceSummary()->text().contains(QStringLiteral("80 messages a second")), qPrintable(wizard->paceSummary()->text()));
    QVERIFY(wizard->paceSummary()->text().contains(QStringLiteral("sending it takes a second or less")));
    QVERIFY2(wizard->paceSummary()->text().contains(QStringLiteral("It uses 3 of the 1,000 people")), qPrintable(wizard->paceSummary()->text()));

    // Every issue, saved as CSV.
    QVERIFY(wizard->saveIssuesButton()->isVisible());
    wizard->saveIssuesButton()->click();
    auto *issuesDialog = wizard->findChild<QFileDialog *>(QStringLiteral("issuesFile"));
    QVERIFY(issuesDialog);
    issuesDialog->reject();
    QSignalSpy saved(wizard, &ui::CampaignWizard::issuesSaved);
    const QString issuesPath = m_files->filePath(QStringLiteral("issues.csv"));
    wizard->saveIssues(issuesPath);
    QTRY_COMPARE(saved.count(), 1);
    QVERIFY(saved.first().at(1).toBool());
    QFile issues(issuesPath);
    QVERIFY(issues.open(QIODevice::ReadOnly));
    const QByteArray issuesCsv = issues.readAll();
    QVERIFY2(issuesCsv.contains("4,telefono,invalid_phone_number") && issuesCsv.contains("5,telefono,duplicate"), issuesCsv.constData());

    // The campaign is stored as chosen.
    const QJsonObject stored = test::await(m_h->admin->get(QStringLiteral("api/campaigns/%1").arg(wizard->campaignId())));
    QCOMPARE(stored.value(QStringLiteral("state")).toString(), QStringLiteral("draft"));
    QCOMPARE(stored.value(QStringLiteral("template")).toString(), QStringLiteral("vacante_disponible"));
    const QJsonArray body = stored.value(QStringLiteral("body")).toArray();
    QCOMPARE(body.size(), 4);
    QCOMPARE(body.at(0).toObject().value(QStringLiteral("value")).toString(), QStringLiteral("nombre"));
    QCOMPARE(body.at(3).toObject().value(QStringLiteral("source")).toString(), QStringLiteral("column"));
    QCOMPARE(body.at(3).toObject().value(QStringLiteral("value")).toString(), QStringLiteral("sueldo"));

    // Meta refuses the first send: that candidate fails.
    m_h->demo->sandbox().injectFailure(server::SandboxDemo::phoneNumberId(), 131026, 1);
    const qint64 id = wizard->campaignId();
    QSignalSpy started(wizard, &ui::CampaignWizard::campaignStarted);
    QCOMPARE(wizard->startButton()->text(), QStringLiteral("Start now"));
    wizard->startButton()->click();
    QTRY_COMPARE(started.count(), 1);
    QTRY_VERIFY(!wizard || !wizard->isVisible());

    // The list has it, selected, with its state and progress; the empty state is gone.
    QTRY_VERIFY(page.rowOf(QStringLiteral("Almacén Valencia")) >= 0 && page.selectedCampaignId() == id);
    QVERIFY(!page.emptyState()->isVisible());
    QVERIFY(page.campaignTable()->isVisible());
    QVERIFY2(page.notice()->text().contains(QStringLiteral("started")), qPrintable(page.notice()->text()));
    QTRY_VERIFY_WITH_TIMEOUT(stateOf(page, QStringLiteral("Almacén Valencia")) == QStringLiteral("Finished"), 20000);
    const int row = page.rowOf(QStringLiteral("Almacén Valencia"));
    QCOMPARE(page.progressOf(row), (std::pair<qint64, qint64>{3, 3}));
    QCOMPARE(page.campaignTable()->item(row, 2)->text(), QStringLiteral("3 of 3"));
    QVERIFY(page.campaignTable()->item(row, 8)->text().startsWith(QStringLiteral("Finished today at")));
    // Just ended, WhatsApp's statuses still come in: the page keeps asking.
    QVERIFY(page.refreshTimer()->isActive());

    // Every status in (the Sandbox decides each number's fate); the page
    // then shows the server's funnel, each step counting who got that far.
    QTRY_VERIFY_WITH_TIMEOUT(campaignOnServer(id).funnel.queued + campaignOnServer(id).funnel.sent == 0, 20000);
    const protocol::CampaignFunnel f = campaignOnServer(id).funnel;
    QVERIFY(f.failed >= 1);
    auto pct = [](qint64 n, qint64 of) { return QStringLiteral("%1 (%2 %)").arg(n).arg(qRound(double(n) * 100.0 / double(of))); };
    QTRY_VERIFY_WITH_TIMEOUT(page.funnelValue(QStringLiteral("delivered")) == pct(f.delivered + f.read, 3)
                                 && page.funnelValue(QStringLiteral("read")) == pct(f.read, 3)
                                 && page.funnelValue(QStringLiteral("failed")) == pct(f.failed, 3),
                             20000);
    QCOMPARE(page.funnelValue(QStringLiteral("audience")), QStringLiteral("3"));
    QCOMPARE(page.funnelValue(QStringLiteral("sent")), pct(f.sent + f.delivered + f.read, 3));
    QCOMPARE(page.campaignTable()->item(page.rowOf(QStringLiteral("Almacén Valencia")), 7)->text(), QString::number(f.failed));
    QCOMPARE(page.viewTitle()->text(), QStringLiteral("Almacén Valencia"));
    QCOMPARE(page.viewState()->text(), QStringLiteral("Finished"));
    // The failure Meta answered, by its code in words, and who it was.
    QVERIFY(page.failuresLabel()->text().contains(ui::MetaText::knownFailure(131026).toHtmlEscaped()));
    QVERIFY(page.failuresLabel()->text().contains(QStringLiteral("(131026)")));
    QTRY_COMPARE(page.failedTable()->rowCount(), int(f.failed));
    int ana = -1;
    for (int r = 0; r < page.failedTable()->rowCount(); ++r)
        if (page.failedTable()->item(r, 0)->text() == QStringLiteral("+34612345601"))
            ana = r;
    QVERIFY(ana >= 0);
    QCOMPARE(page.failedTable()->item(ana, 1)->text(), QStringLiteral("Ana Ruiz"));
    QCOMPARE(page.failedTable()->item(ana, 2)->text(), QStringLiteral("131026"));
    QCOMPARE(page.failedTable()->item(ana, 3)->text(), ui::MetaText::knownFailure(131026));
    QVERIFY(!page.startButton()->isVisible() && !page.pauseButton()->isVisible() && !page.cancelButton()->isVisible());
    QVERIFY(page.downloadButton()->isVisible());

    // The results, downloaded.
    QSignalSpy results(&page, &ui::CampaignsPage::resultsSaved);
    const QString resultsPath = m_files->filePath(QStringLiteral("results.csv"));
    page.saveResults(resultsPath);
    QTRY_COMPARE(results.count(), 1);
    QVERIFY(results.first().at(1).toBool());
    QFile resultsFile(resultsPath);
    QVERIFY(resultsFile.open(QIODevice::ReadOnly));
    const QByteArray resultsCsv = resultsFile.readAll();
    QVERIFY2(resultsCsv.contains("+34612345601,Ana Ruiz,failed,whatsapp_error"), resultsCsv.constData());
    QVERIFY(page.notice()->text().startsWith(QStringLiteral("Results saved to")));
}

void TestCampaignsPage::pauseResumeCancelThroughTheButtons()
{
    // Meta lets the number reach 2 people a day: the campaign sends 2 and waits.
    exec(QStringLiteral("UPDATE whatsapp_config SET messaging_limit = 'TIER_2' WHERE tenant_id = ?"), {m_tenant.value});
    const qint64 id = createCampaign(QStringLiteral("Feria Monterrey"), candidates(4));
    QVERIFY(id > 0);

    ui::CampaignsPage page(m_h->admin.get());
    page.resize(1180, 760);
    page.show();
    QTRY_VERIFY(page.rowOf(QStringLiteral("Feria Monterrey")) >= 0);
    QVERIFY(!page.emptyState()->isVisible());
    QCOMPARE(stateOf(page, QStringLiteral("Feria Monterrey")), QStringLiteral("Draft"));
    QCOMPARE(page.campaignTable()->item(0, 8)->text(), QStringLiteral("Not started: 4 candidates ready."));
    QVERIFY(!page.refreshTimer()->isActive()); // nothing runs
    selectByName(page, QStringLiteral("Feria Monterrey"));
    QVERIFY(page.startButton()->isVisible() && page.deleteButton()->isVisible() && page.cancelButton()->isVisible());
    QVERIFY(!page.pauseButton()->isVisible() && !page.resumeButton()->isVisible());

    page.startButton()->click();
    QTRY_COMPARE(stateOf(page, QStringLiteral("Feria Monterrey")), QStringLiteral("Running"));
    QCOMPARE(page.notice()->text(), QStringLiteral("Campaign “Feria Monterrey” started."));
    // Running: the page follows it by itself.
    QVERIFY(page.refreshTimer()->isActive());
    QTRY_VERIFY_WITH_TIMEOUT(page.campaignTable()->item(0, 8)->text().startsWith(QStringLiteral("Waiting for Meta's daily limit; goes on by "
                                                                                                 "itself tomorrow at")),
                             20000);
    // In full in its tooltip and in the campaign's view.
    QVERIFY(page.campaignTable()->item(0, 8)->toolTip().startsWith(QStringLiteral("Waiting: Meta's limit of 2 people every 24 hours is "
                                                                                  "reached. It goes on by itself tomorrow at")));
    QCOMPARE(page.viewNote()->text(), page.campaignTable()->item(0, 8)->toolTip());
    QCOMPARE(page.progressOf(0), (std::pair<qint64, qint64>{2, 4}));
    QCOMPARE(page.campaignTable()->item(0, 2)->text(), QStringLiteral("2 of 4"));
    QCOMPARE(page.funnelValue(QStringLiteral("pending")), QStringLiteral("2 (50 %)"));
    // Hidden, it stops asking; shown again, it goes on.
    page.hide();
    QVERIFY(!page.refreshTimer()->isActive());
    page.show();
    QTRY_VERIFY(page.refreshTimer()->isActive());

    QVERIFY(page.pauseButton()->isVisible() && page.cancelButton()->isVisible());
    QVERIFY(!page.startButton()->isVisible() && !page.deleteButton()->isVisible());
    page.pauseButton()->click();
    QTRY_COMPARE(stateOf(page, QStringLiteral("Feria Monterrey")), QStringLiteral("Paused"));
    QVERIFY2(page.campaignTable()->item(0, 8)->text().startsWith(QStringLiteral("Paused by ")), qPrintable(page.campaignTable()->item(0, 8)->text()));
    QCOMPARE(page.viewState()->text(), QStringLiteral("Paused"));
    QVERIFY(page.resumeButton()->isVisible() && !page.pauseButton()->isVisible());
    QTRY_VERIFY(!page.refreshTimer()->isActive()); // nothing runs

    page.resumeButton()->click();
    QTRY_COMPARE(stateOf(page, QStringLiteral("Feria Monterrey")), QStringLiteral("Running"));
    QCOMPARE(page.notice()->text(), QStringLiteral("Campaign “Feria Monterrey” resumed."));

    // Cancel asks first: "Cancel" in the box changes nothing.
    page.cancelButton()->click();
    answerConfirm(&page, false);
    QTest::qWait(300);
    QCOMPARE(stateOf(page, QStringLiteral("Feria Monterrey")), QStringLiteral("Running"));
    page.cancelButton()->click();
    answerConfirm(&page, true);
    QTRY_COMPARE(stateOf(page, QStringLiteral("Feria Monterrey")), QStringLiteral("Cancelled"));
    QCOMPARE(page.notice()->text(), QStringLiteral("Campaign “Feria Monterrey” cancelled."));
    QCOMPARE(page.funnelValue(QStringLiteral("cancelled")), QStringLiteral("2 (50 %)"));
    QCOMPARE(page.progressOf(0), (std::pair<qint64, qint64>{2, 4}));
    QVERIFY(!page.cancelButton()->isVisible() && !page.resumeButton()->isVisible() && !page.pauseButton()->isVisible());
    const QJsonObject stored = test::await(m_h->admin->get(QStringLiteral("api/campaigns/%1").arg(id)));
    QCOMPARE(stored.value(QStringLiteral("state")).toString(), QStringLiteral("cancelled"));
}

void TestCampaignsPage::scheduledCampaignAndDraftActions()
{
    const qint64 tomorrow = QDateTime(QDate::currentDate().addDays(1), QTime(9, 0)).toMSecsSinceEpoch();
    QVERIFY(createCampaign(QStringLiteral("Turno de noche"), candidates(3), tomorrow) > 0);
    QVERIFY(createCampaign(QStringLiteral("Borrador"), candidates(2)) > 0);

    ui::CampaignsPage page(m_h->admin.get());
    page.resize(1180, 760);
    page.show();
    QTRY_VERIFY(page.rowOf(QStringLiteral("Turno de noche")) >= 0 && page.rowOf(QStringLiteral("Borrador")) >= 0);
    selectByName(page, QStringLiteral("Turno de noche"));
    // With a start time, starting it schedules it.
    QCOMPARE(page.startButton()->text(), QStringLiteral("Schedule"));
    page.startButton()->click();
    QTRY_COMPARE(stateOf(page, QStringLiteral("Turno de noche")), QStringLiteral("Scheduled"));
    const QString startsAt = QLocale().toString(QTime(9, 0), QLocale::ShortFormat);
    QCOMPARE(page.notice()->text(), QStringLiteral("Campaign “Turno de noche” scheduled: it starts tomorrow at %1.").arg(startsAt));
    QCOMPARE(page.campaignTable()->item(page.rowOf(QStringLiteral("Turno de noche")), 8)->text(),
             QStringLiteral("Starts tomorrow at %1.").arg(startsAt));
    QVERIFY(page.refreshTimer()->isActive());
    QVERIFY(page.pauseButton()->isVisible() && page.cancelButton()->isVisible());
    page.pauseButton()->click();
    QTRY_COMPARE(stateOf(page, QStringLiteral("Turno de noche")), QStringLiteral("Paused"));
    page.resumeButton()->click();
    QTRY_COMPARE(stateOf(page, QStringLiteral("Turno de noche")), QStringLiteral("Scheduled"));
    page.cancelButton()->click();
    answerConfirm(&page, true);
    QTRY_COMPARE(stateOf(page, QStringLiteral("Turno de noche")), QStringLiteral("Cancelled"));
    QCOMPARE(page.funnelValue(QStringLiteral("cancelled")), QStringLiteral("3 (100 %)"));

    // A draft is deleted after a confirmation.
    selectByName(page, QStringLiteral("Borrador"));
    QVERIFY(page.deleteButton()->isVisible());
    QVERIFY(page.downloadButton()->isVisible()); // its list, all waiting
    page.deleteButton()->click();
    answerConfirm(&page, true);
    QTRY_VERIFY(page.rowOf(QStringLiteral("Borrador")) < 0);
    QCOMPARE(page.notice()->text(), QStringLiteral("Campaign “Borrador” deleted."));
    QVERIFY(!page.emptyState()->isVisible()); // the cancelled one is still there
    QVERIFY(page.campaignTable()->isVisible());
}

void TestCampaignsPage::refusalsAreShownInWords()
{
    // A draft without its list: starting it is refused, in words.
    QVERIFY(createCampaign(QStringLiteral("Sin lista"), QByteArray()) > 0);
    ui::CampaignsPage page(m_h->admin.get());
    page.resize(1180, 760);
    page.show();
    QTRY_VERIFY(page.rowOf(QStringLiteral("Sin lista")) >= 0);
    QCOMPARE(page.campaignTable()->item(0, 8)->text(), QStringLiteral("No list of candidates yet."));
    QCOMPARE(page.campaignTable()->item(0, 2)->text(), QStringLiteral("No list"));
    selectByName(page, QStringLiteral("Sin lista"));
    page.startButton()->click();
    QTRY_VERIFY(page.notice()->isError());
    QCOMPARE(page.notice()->text(),
             QStringLiteral("This campaign has nobody to send to yet: give it a list of candidates (a CSV file) first."));
    QCOMPARE(stateOf(page, QStringLiteral("Sin lista")), QStringLiteral("Draft"));

    // The template vanished while the wizard was open: the refusal goes
    // under the template, and nothing is left on the server.
    ui::CampaignWizard *wizard = openWizard(page, page.newCampaignButton());
    QVERIFY(wizard);
    fillWizard(wizard, writeFile(QStringLiteral("candidatos.csv"), kGoodFile), QStringLiteral("Almacén Valencia"));
    exec(QStringLiteral("DELETE FROM message_templates WHERE tenant_id = ? AND name = 'vacante_disponible'"), {m_tenant.value});
    QSignalSpy failed(wizard, &ui::CampaignWizard::creationFailed);
    wizard->nextButton()->click();
    QTRY_COMPARE(failed.count(), 1);
    QCOMPARE(wizard->step(), int(ui::CampaignWizard::TemplateStep));
    QCOMPARE(wizard->fieldError(QStringLiteral("template")),
             QStringLiteral("That template no longer exists in this language. Sync the templates, or choose another one."));
    QCOMPARE(wizard->campaignId(), 0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM campaigns WHERE name = 'Almacén Valencia'")), 0);
    wizard->reject();

    // WhatsApp no longer connected: the file goes in, starting is refused in words.
    wizard = openWizard(page, page.newCampaignButton());
    QVERIFY(wizard);
    QVERIFY(wizard->setFile(writeFile(QStringLiteral("candidatos.csv"), kGoodFile)));
    wizard->nextButton()->click();
    QVERIFY(wizard->selectTemplate(QStringLiteral("seguimiento_postulacion"), QStringLiteral("es")));
    QCOMPARE(wizard->mappingCount(), 2);
    QVERIFY(wizard->mapPlaceholder(1, QStringLiteral("puesto")));
    wizard->nextButton()->click();
    QVERIFY2(wizard->previewText().startsWith(QStringLiteral("Hola Ana Ruiz, seguimos revisando tu postulación a auxiliar de almacén.")),
             qPrintable(wizard->previewText()));
    wizard->nextButton()->click();
    wizard->nameEdit()->setText(QStringLiteral("Seguimiento"));
    QSignalSpy shown(wizard, &ui::CampaignWizard::reportShown);
    wizard->nextButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 20000);
    exec(QStringLiteral("UPDATE whatsapp_config SET is_active = 0 WHERE tenant_id = ?"), {m_tenant.value});
    QSignalSpy startFailed(wizard, &ui::CampaignWizard::startFailed);
    wizard->startButton()->click();
    QTRY_COMPARE(startFailed.count(), 1);
    QVERIFY2(wizard->noticeText().startsWith(QStringLiteral("The campaign did not start: Campaigns go out through the WhatsApp Cloud API")),
             qPrintable(wizard->noticeText()));
    QVERIFY(!wizard->noticeText().contains(QStringLiteral("whatsapp_not_configured")));
    // Kept as a draft, it is in the list, selected.
    const qint64 kept = wizard->campaignId();
    wizard->draftButton()->click();
    QTRY_VERIFY(page.rowOf(QStringLiteral("Seguimiento")) >= 0);
    QTRY_COMPARE(page.selectedCampaignId(), kept);
    QCOMPARE(page.notice()->text(), QStringLiteral("Campaign “Seguimiento” kept as a draft: start it when you are ready."));
}

void TestCampaignsPage::screenshots_data()
{
    QTest::addColumn<QString>("language");
    QTest::addRow("es") << QStringLiteral("es");
    QTest::addRow("en") << QStringLiteral("en");
}

void TestCampaignsPage::screenshots()
{
    QFETCH(QString, language);
    const test::ScreenshotLanguage screenLanguage(language);
    QVERIFY(screenLanguage.loaded);

    {
        ui::CampaignsPage empty(m_h->admin.get());
        empty.resize(1280, 800);
        empty.show();
        QTRY_VERIFY(empty.emptyState()->isVisible());
        QTest::qWait(100);
        saveScreenshot(empty, QStringLiteral("campaigns-empty-%1").arg(language));
    }

    // A finished campaign with a failure and a candidate blocked after the import.
    m_h->candidateWrites(QStringLiteral("34612345704"), QStringLiteral("Candidato 4"), QStringLiteral("Hola"));
    QTRY_VERIFY(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_conversations WHERE contact_wa_id = '34612345704'")) == 1);
    const qint64 finished = createCampaign(QStringLiteral("Almacén Valencia"), candidates(6), std::nullopt, true);
    QVERIFY(finished > 0);
    exec(QStringLiteral("UPDATE whatsapp_conversations SET status = 'blocked' WHERE contact_wa_id = '34612345704'"));
    m_h->demo->sandbox().injectFailure(server::SandboxDemo::phoneNumberId(), 131026, 1);
    client::ApiError error;
    test::await(m_h->admin->callOn<protocol::route::StartCampaign>(finished).reply(), &error);
    QVERIFY2(error.message.isEmpty(), qPrintable(error.message));
    QTRY_VERIFY_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM campaigns WHERE id = ? AND state = 'finished'"), {finished}) == 1, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE campaign_id = ? AND status IN ('queued', 'sent')"),
                                   {finished}) == 0,
                             20000);
    // A candidate or two answer (the Sandbox's fates): shown as replied.
    (void)QTest::qWaitFor([&] { return count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE direction = 'inbound'")) > 1; }, 8000);
    // One waiting for Meta's limit (reached by the first), one paused, one scheduled, one draft.
    const qint64 used = count(QStringLiteral("SELECT COUNT(*) FROM whatsapp_messages WHERE opens_conversation = 1 AND status <> 'failed'"));
    exec(QStringLiteral("UPDATE whatsapp_config SET messaging_limit = ? WHERE tenant_id = ?"), {QStringLiteral("TIER_%1").arg(used), m_tenant.value});
    const qint64 waiting = createCampaign(QStringLiteral("Feria de empleo Monterrey"), candidates(40, 100));
    test::await(m_h->admin->callOn<protocol::route::StartCampaign>(waiting).reply(), &error);
    const qint64 tomorrow = QDateTime(QDate::currentDate().addDays(1), QTime(9, 0)).toMSecsSinceEpoch();
    const qint64 paused = createCampaign(QStringLiteral("Repartidores Madrid"), candidates(12, 200), tomorrow);
    test::await(m_h->admin->callOn<protocol::route::StartCampaign>(paused).reply(), &error);
    test::await(m_h->admin->callOn<protocol::route::PauseCampaign>(paused).reply(), &error);
    const qint64 scheduled = createCampaign(QStringLiteral("Turno de noche Zaragoza"), candidates(25, 300), tomorrow);
    test::await(m_h->admin->callOn<protocol::route::StartCampaign>(scheduled).reply(), &error);
    QVERIFY(createCampaign(QStringLiteral("Cajeras Sevilla"), candidates(8, 400)) > 0);
    QVERIFY2(error.message.isEmpty(), qPrintable(error.message));
    QTRY_VERIFY_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM campaigns WHERE id = ? AND waiting_code IS NOT NULL"), {waiting}) == 1, 20000);

    ui::CampaignsPage page(m_h->admin.get());
    page.resize(1280, 800);
    page.show();
    QTRY_VERIFY(page.rowOf(QStringLiteral("Cajeras Sevilla")) >= 0);
    QTest::qWait(100);
    saveScreenshot(page, QStringLiteral("campaigns-list-%1").arg(language));
    QSignalSpy recipients(&page, &ui::CampaignsPage::recipientsLoaded);
    selectByName(page, QStringLiteral("Almacén Valencia"));
    QTRY_VERIFY(recipients.count() >= 1 && page.failedTable()->rowCount() == 1);
    QTest::qWait(100);
    saveScreenshot(page, QStringLiteral("campaigns-view-%1").arg(language));
    selectByName(page, QStringLiteral("Feria de empleo Monterrey"));
    QTest::qWait(100);
    saveScreenshot(page, QStringLiteral("campaigns-waiting-%1").arg(language));
    selectByName(page, QStringLiteral("Repartidores Madrid"));
    QTest::qWait(100);
    saveScreenshot(page, QStringLiteral("campaigns-paused-%1").arg(language));

    // The wizard, step by step.
    exec(QStringLiteral("UPDATE whatsapp_config SET messaging_limit = 'TIER_1K' WHERE tenant_id = ?"), {m_tenant.value});
    ui::CampaignWizard *wizard = openWizard(page, page.newCampaignButton());
    QVERIFY(wizard);
    QVERIFY(wizard->setFile(writeFile(QStringLiteral("candidatos.csv"), kGoodFile)));
    QTest::qWait(100);
    saveScreenshot(*wizard, QStringLiteral("campaigns-wizard-1-file-%1").arg(language));
    wizard->nextButton()->click();
    QVERIFY(wizard->selectTemplate(QStringLiteral("vacante_disponible"), QStringLiteral("es_MX")));
    QVERIFY(wizard->mapPlaceholder(0, QStringLiteral("puesto")));
    QVERIFY(wizard->mapPlaceholder(2, QStringLiteral("puesto")));
    QVERIFY(wizard->mapPlaceholder(3, QStringLiteral("ciudad")));
    QVERIFY(wizard->mapPlaceholder(4, QString(), QStringLiteral("$11,500")));
    QTest::qWait(100);
    saveScreenshot(*wizard, QStringLiteral("campaigns-wizard-2-template-%1").arg(language));
    wizard->nextButton()->click();
    QTest::qWait(100);
    saveScreenshot(*wizard, QStringLiteral("campaigns-wizard-3-preview-%1").arg(language));
    wizard->nextButton()->click();
    wizard->nameEdit()->setText(QStringLiteral("Almacén Valencia – marzo"));
    QTest::qWait(100);
    saveScreenshot(*wizard, QStringLiteral("campaigns-wizard-4-details-%1").arg(language));
    QSignalSpy shown(wizard, &ui::CampaignWizard::reportShown);
    wizard->nextButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 20000);
    QTest::qWait(100);
    saveScreenshot(*wizard, QStringLiteral("campaigns-wizard-5-report-%1").arg(language));
    wizard->draftButton()->click();

}

QTEST_MAIN(TestCampaignsPage)
#include "tst_campaignspage.moc"
