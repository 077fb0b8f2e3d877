#include "campaignwizard.h"

#include "adminpage.h"
#include "campaignspage.h"
#include "client/apiclient.h"
#include "common/csvreader.h"
#include "messaging/campaigns.h"
#include "theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QScrollBar>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSaveFile>
#include <QScrollArea>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace puente::ui {

namespace tt = protocol::templatetext;

namespace {

constexpr int kKeyRole = Qt::UserRole + 1;   // a column's key
constexpr int kFixedRole = Qt::UserRole + 2; // the "Fixed text…" entry
constexpr int kStepCount = 5;
constexpr qint64 kDefaultThroughput = 80;     // messages a second, when the number's is not known
constexpr int kHeaderMax = 60;               // Meta's limit on a text header's value

struct ButtonSlot {
    int index;
    QString text;
};
// The URL buttons whose link ends in a placeholder.
QList<ButtonSlot> urlButtons(const QJsonArray &components)
{
    QList<ButtonSlot> out;
    const auto parts = tt::parts(components);
    for (int i = 0; i < parts.buttons.size(); ++i) {
        const auto &b = parts.buttons.at(i);
        if (b.type.toUpper() == QLatin1String("URL") && tt::placeholderCount(b.url) > 0)
            out.append({i, b.text});
    }
    return out;
}

bool mediaHeader(const QString &format)
{
    return format == QLatin1String("IMAGE") || format == QLatin1String("VIDEO") || format == QLatin1String("DOCUMENT");
}

QLabel *mutedLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: %1").arg(theme::muted().name()));
    return label;
}

QString number(qint64 n)
{
    return QLocale().toString(n);
}

} // namespace

AudiencePreview AudiencePreview::read(const QString &path, int rows)
{
    AudiencePreview p;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        p.openError = file.errorString();
        return p;
    }
    CsvReader reader(&file);
    qint64 line = 0;
    if (!reader.next(&p.headers, &line)) {
        p.error = reader.error().isEmpty() ? QStringLiteral("the file is empty") : reader.error();
        return p;
    }
    for (const QString &h : std::as_const(p.headers)) {
        const QString key = csvColumnKey(h);
        // A second column with the same key is not read (as on the server).
        p.keys.append(key.isEmpty() || p.keys.contains(key) ? QString() : key);
    }
    p.phoneColumn = audiencePhoneColumn(p.keys);
    p.nameColumn = audienceNameColumn(p.keys);
    QStringList fields;
    while (p.rows.size() < rows && reader.next(&fields, &line)) {
        bool blank = true;
        for (const QString &f : std::as_const(fields))
            blank = blank && f.trimmed().isEmpty();
        if (blank)
            continue;
        p.rows.append(fields);
        p.lines.append(line);
    }
    if (!reader.error().isEmpty())
        p.error = reader.error();
    return p;
}

CampaignWizard::CampaignWizard(client::ApiClient *api, QWidget *parent) : QDialog(parent), m_api(api)
{
    setObjectName(QStringLiteral("campaignWizard"));
    setWindowTitle(tr("New campaign"));
    auto *layout = new QVBoxLayout(this);
    m_stepTitle = new QLabel(this);
    m_stepTitle->setObjectName(QStringLiteral("stepTitle"));
    QFont big = m_stepTitle->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.25);
    m_stepTitle->setFont(big);
    layout->addWidget(m_stepTitle);
    m_stepHint = mutedLabel(QString(), this);
    layout->addWidget(m_stepHint);

    m_steps = new QStackedWidget(this);
    m_steps->addWidget(buildFileStep());
    m_steps->addWidget(buildTemplateStep());
    m_steps->addWidget(buildPreviewStep());
    m_steps->addWidget(buildDetailsStep());
    m_steps->addWidget(buildReportStep());
    layout->addWidget(m_steps, 1);

    m_notice = errorLine(this, QStringLiteral("notice"));
    layout->addWidget(m_notice);
    auto *buttons = new QHBoxLayout;
    m_busy = mutedLabel(QString(), this);
    m_busy->setObjectName(QStringLiteral("busy"));
    m_busy->hide();
    m_cancel = new QPushButton(QCoreApplication::translate("puente::ui::AdminText", "Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancel"));
    m_back = new QPushButton(tr("Back"), this);
    m_back->setObjectName(QStringLiteral("back"));
    m_next = new QPushButton(tr("Next"), this);
    m_next->setObjectName(QStringLiteral("next"));
    m_next->setDefault(true);
    m_keepDraft = new QPushButton(tr("Keep as draft"), this);
    m_keepDraft->setObjectName(QStringLiteral("keepDraft"));
    m_startNow = new QPushButton(tr("Start now"), this);
    m_startNow->setObjectName(QStringLiteral("startNow"));
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_busy, 1);
    buttons->addStretch();
    buttons->addWidget(m_back);
    buttons->addWidget(m_next);
    buttons->addWidget(m_keepDraft);
    buttons->addWidget(m_startNow);
    layout->addLayout(buttons);
    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_back, &QPushButton::clicked, this, &CampaignWizard::goBack);
    connect(m_next, &QPushButton::clicked, this, &CampaignWizard::goNext);
    connect(m_keepDraft, &QPushButton::clicked, this, &CampaignWizard::keepAsDraft);
    connect(m_startNow, &QPushButton::clicked, this, &CampaignWizard::startNow);

    setStep(FileStep);
    loadTemplates();
    loadConfig();
    resize(920, 660);
}

// --- the steps ----------------------------------------------------------------------------------

QWidget *CampaignWizard::buildFileStep()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 8, 0, 0);
    auto *row = new QHBoxLayout;
    m_chooseFile = new QPushButton(tr("Choose file…"), page);
    m_chooseFile->setObjectName(QStringLiteral("chooseFile"));
    row->addWidget(m_chooseFile);
    m_fileName = new QLabel(tr("No file chosen yet."), page);
    m_fileName->setObjectName(QStringLiteral("fileName"));
    m_fileName->setTextInteractionFlags(Qt::TextSelectableByMouse);
    row->addWidget(m_fileName, 1);
    layout->addLayout(row);
    connect(m_chooseFile, &QPushButton::clicked, this, &CampaignWizard::chooseFile);
    m_fileError = errorLine(page, QStringLiteral("fileError"));
    layout->addWidget(m_fileError);
    m_fieldErrors.insert(QStringLiteral("audience"), m_fileError);
    m_columns = new QTableWidget(0, 0, page);
    m_columns->setObjectName(QStringLiteral("columns"));
    m_columns->setAccessibleName(tr("The file's first rows"));
    setUpList(m_columns);
    m_columns->setWordWrap(false);
    m_columns->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_columns->horizontalHeader()->setStretchLastSection(true);
    m_columns->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_columns->verticalHeader()->show();
    m_columns->hide();
    layout->addWidget(m_columns);
    m_columnsNote = new QLabel(page);
    m_columnsNote->setObjectName(QStringLiteral("columnsNote"));
    m_columnsNote->setWordWrap(true);
    m_columnsNote->setTextFormat(Qt::RichText);
    m_columnsNote->hide();
    layout->addWidget(m_columnsNote);
    layout->addStretch();
    return page;
}

QWidget *CampaignWizard::buildTemplateStep()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 8, 0, 0);
    auto *form = new QFormLayout;
    m_template = new QComboBox(page);
    m_template->setObjectName(QStringLiteral("template"));
    m_template->setAccessibleName(tr("Template"));
    m_template->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    form->addRow(tr("Template"), m_template);
    layout->addLayout(form);
    m_templateError = errorLine(page, QStringLiteral("templateError"));
    layout->addWidget(m_templateError);
    m_fieldErrors.insert(QStringLiteral("template"), m_templateError);
    m_templateText = new QLabel(page);
    m_templateText->setObjectName(QStringLiteral("templateText"));
    m_templateText->setWordWrap(true);
    m_templateText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_templateText->setStyleSheet(QStringLiteral("QLabel { background: %1; border-radius: 6px; padding: 8px 10px; color: %2; }")
                                      .arg(theme::incomingBubble().name(), theme::muted().darker(150).name()));
    layout->addWidget(m_templateText);

    auto *box = new QGroupBox(tr("Where each placeholder takes its value from"), page);
    auto *boxLayout = new QVBoxLayout(box);
    m_mappingGrid = new QGridLayout;
    m_mappingGrid->setColumnStretch(2, 1);
    m_mappingGrid->setHorizontalSpacing(10);
    m_mappingGrid->setVerticalSpacing(4);
    boxLayout->addLayout(m_mappingGrid);
    m_noPlaceholders = mutedLabel(tr("This template has no placeholders: every candidate receives the same text."), box);
    boxLayout->addWidget(m_noPlaceholders);
    boxLayout->addStretch();
    m_mappingBox = box;
    auto *scroll = new QScrollArea(page);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(box);
    scroll->viewport()->setAutoFillBackground(false);
    layout->addWidget(scroll, 1);
    connect(m_template, &QComboBox::currentIndexChanged, this, &CampaignWizard::templateChanged);
    return page;
}

QWidget *CampaignWizard::buildPreviewStep()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 8, 0, 0);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    m_previewRow = new QComboBox(page);
    m_previewRow->setObjectName(QStringLiteral("previewRow"));
    m_previewRow->setAccessibleName(tr("Candidate"));
    m_previewRow->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    form->addRow(tr("As received by"), m_previewRow);
    layout->addLayout(form);
    connect(m_previewRow, &QComboBox::currentIndexChanged, this, &CampaignWizard::updatePreview);

    // The chat's background with the message in its bubble.
    auto *chat = new QFrame(page);
    chat->setObjectName(QStringLiteral("chat"));
    chat->setStyleSheet(QStringLiteral("#chat { background: %1; border-radius: 8px; }").arg(theme::chatBackground().name()));
    auto *chatLayout = new QHBoxLayout(chat);
    chatLayout->setContentsMargins(16, 16, 16, 16);
    m_bubble = new QLabel(chat);
    m_bubble->setObjectName(QStringLiteral("bubble"));
    m_bubble->setWordWrap(true);
    m_bubble->setTextFormat(Qt::RichText);
    m_bubble->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_bubble->setMaximumWidth(480);
    m_bubble->setMinimumWidth(380);
    m_bubble->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    m_bubble->setStyleSheet(QStringLiteral("QLabel { background: %1; border-radius: 8px; padding: 8px 10px; color: #111b21; }")
                                .arg(theme::incomingBubble().name()));
    chatLayout->addWidget(m_bubble, 0, Qt::AlignTop | Qt::AlignLeft);
    chatLayout->addStretch();
    layout->addWidget(chat, 1);
    m_previewWarning = new QLabel(page);
    m_previewWarning->setObjectName(QStringLiteral("previewWarning"));
    m_previewWarning->setWordWrap(true);
    m_previewWarning->setStyleSheet(QStringLiteral("QLabel { background: %1; border-radius: 6px; padding: 6px 10px; }")
                                        .arg(theme::warningBackground().name()));
    m_previewWarning->hide();
    layout->addWidget(m_previewWarning);
    layout->addWidget(mutedLabel(tr("Values go in exactly as the file has them: check dates, amounts and capital letters."), page));
    return page;
}

QWidget *CampaignWizard::buildDetailsStep()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 8, 0, 0);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto *nameBox = new QWidget(page);
    auto *nameLayout = new QVBoxLayout(nameBox);
    nameLayout->setContentsMargins(0, 0, 0, 0);
    nameLayout->setSpacing(2);
    m_name = new QLineEdit(nameBox);
    m_name->setObjectName(QStringLiteral("name"));
    m_name->setAccessibleName(tr("Name"));
    m_name->setMaxLength(200);
    m_name->setPlaceholderText(tr("Warehouse staff, Valencia – March"));
    nameLayout->addWidget(m_name);
    m_nameError = errorLine(nameBox, QStringLiteral("nameError"));
    nameLayout->addWidget(m_nameError);
    nameLayout->addWidget(mutedLabel(tr("Only your team sees it: the candidates receive the template."), nameBox));
    m_fieldErrors.insert(QStringLiteral("name"), m_nameError);
    form->addRow(tr("Name"), nameBox);

    auto *whenBox = new QWidget(page);
    auto *whenLayout = new QVBoxLayout(whenBox);
    whenLayout->setContentsMargins(0, 0, 0, 0);
    whenLayout->setSpacing(4);
    m_now = new QRadioButton(tr("When I start it"), whenBox);
    m_now->setObjectName(QStringLiteral("startWhenStarted"));
    m_now->setChecked(true);
    whenLayout->addWidget(m_now);
    auto *laterRow = new QHBoxLayout;
    m_later = new QRadioButton(tr("Not before"), whenBox);
    m_later->setObjectName(QStringLiteral("startLater"));
    laterRow->addWidget(m_later);
    m_startAt = new QDateTimeEdit(whenBox);
    m_startAt->setObjectName(QStringLiteral("startAt"));
    m_startAt->setAccessibleName(tr("Start time"));
    m_startAt->setCalendarPopup(true);
    // The year in full and the day's name: no doubt about which day.
    m_startAt->setDisplayFormat(QLocale().dateFormat(QLocale::LongFormat) + QStringLiteral("  ") + QLocale().timeFormat(QLocale::ShortFormat));
    m_startAt->setDateTime(QDateTime(QDate::currentDate().addDays(1), QTime(9, 0)));
    m_startAt->setEnabled(false);
    laterRow->addWidget(m_startAt);
    laterRow->addStretch();
    whenLayout->addLayout(laterRow);
    m_startError = errorLine(whenBox, QStringLiteral("startAtError"));
    whenLayout->addWidget(m_startError);
    m_fieldErrors.insert(QStringLiteral("start_at"), m_startError);
    whenLayout->addWidget(mutedLabel(tr("With a time, starting it schedules it: it goes out from then on, in your computer's time zone."),
                                     whenBox));
    connect(m_later, &QRadioButton::toggled, m_startAt, &QWidget::setEnabled);
    form->addRow(tr("Start"), whenBox);

    m_pauseOnYellow = new QCheckBox(tr("Pause it if the number's quality drops to yellow (medium), not only to red"), page);
    m_pauseOnYellow->setObjectName(QStringLiteral("pauseOnYellow"));
    form->addRow(QString(), m_pauseOnYellow);
    layout->addLayout(form);
    layout->addStretch();
    return page;
}

QWidget *CampaignWizard::buildReportStep()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 8, 0, 0);
    m_counts = new QLabel(page);
    m_counts->setObjectName(QStringLiteral("reportCounts"));
    m_counts->setTextFormat(Qt::RichText);
    m_counts->setWordWrap(true);
    layout->addWidget(m_counts);
    m_pace = new QLabel(page);
    m_pace->setObjectName(QStringLiteral("paceSummary"));
    m_pace->setWordWrap(true);
    m_pace->setStyleSheet(QStringLiteral("QLabel { background: %1; border-radius: 6px; padding: 8px 10px; }").arg(theme::hover().name()));
    layout->addWidget(m_pace);
    auto *issuesRow = new QHBoxLayout;
    auto *issuesTitle = new QLabel(tr("Rows left out"), page);
    QFont bold = issuesTitle->font();
    bold.setBold(true);
    issuesTitle->setFont(bold);
    issuesRow->addWidget(issuesTitle);
    issuesRow->addStretch();
    m_issuesSaved = new QLabel(page);
    m_issuesSaved->setObjectName(QStringLiteral("issuesSaved"));
    m_issuesSaved->setWordWrap(true);
    issuesRow->addWidget(m_issuesSaved, 1);
    m_saveIssues = new QPushButton(tr("Save all issues…"), page);
    m_saveIssues->setObjectName(QStringLiteral("saveIssues"));
    issuesRow->addWidget(m_saveIssues);
    layout->addLayout(issuesRow);
    connect(m_saveIssues, &QPushButton::clicked, this, &CampaignWizard::chooseIssuesFile);
    m_issuesNote = mutedLabel(QString(), page);
    m_issuesNote->setObjectName(QStringLiteral("issuesNote"));
    layout->addWidget(m_issuesNote);
    m_issues = new QTableWidget(0, 3, page);
    m_issues->setObjectName(QStringLiteral("issues"));
    m_issues->setAccessibleName(tr("Rows left out"));
    m_issues->setHorizontalHeaderLabels({tr("Line"), tr("Column"), tr("Why")});
    setUpTable(m_issues, 2);
    layout->addWidget(m_issues, 1);
    return page;
}

int CampaignWizard::step() const
{
    return m_steps->currentIndex();
}

void CampaignWizard::setStep(int step)
{
    m_steps->setCurrentIndex(step);
    QString title, hint;
    switch (step) {
    case FileStep:
        title = tr("The candidates");
        hint = tr("Choose the CSV file with your candidates: a column with their phone numbers (telefono), and the others the message "
                  "needs (nombre, puesto…). From a spreadsheet, save it as “CSV UTF-8”.");
        break;
    case TemplateStep:
        title = tr("The message");
        hint = tr("Choose an approved template and, for each placeholder, the column of the file that fills it in, or a text that is the "
                  "same for everyone.");
        break;
    case PreviewStep:
        title = tr("Preview");
        hint = tr("The message as these candidates will receive it on WhatsApp.");
        updatePreview();
        break;
    case DetailsStep:
        title = tr("Name and start");
        hint = tr("Next, Puente creates the campaign as a draft and checks every row of the file. Nothing is sent until you start it.");
        if (m_name->text().trimmed().isEmpty() && !m_path.isEmpty())
            m_name->setText(QFileInfo(m_path).completeBaseName());
        break;
    case ReportStep:
        title = tr("The list, checked");
        hint = tr("The campaign is created. This is what Puente found in the file: start it now, or keep it as a draft and start it later "
                  "from the list.");
        break;
    default:
        break;
    }
    m_stepTitle->setText(tr("Step %1 of %2 · %3").arg(step + 1).arg(kStepCount).arg(title));
    m_stepHint->setText(hint);
    updateButtons();
    Q_EMIT stepChanged(step);
}

void CampaignWizard::updateButtons()
{
    const int s = step();
    const bool report = s == ReportStep;
    m_cancel->setVisible(!report);
    m_back->setVisible(s > FileStep && !report);
    m_next->setVisible(!report);
    m_keepDraft->setVisible(report);
    m_startNow->setVisible(report);
    m_next->setText(s == DetailsStep ? tr("Create campaign") : tr("Next"));
    m_next->setEnabled(!m_working && (s != FileStep || m_fileOk)
                       && (s != TemplateStep || currentTemplate()));
    m_back->setEnabled(!m_working);
    m_cancel->setEnabled(!m_working);
    const bool scheduled = m_campaign.startAt && *m_campaign.startAt > QDateTime::currentMSecsSinceEpoch();
    m_startNow->setText(scheduled ? tr("Schedule") : tr("Start now"));
    m_startNow->setEnabled(!m_working && m_report.accepted > 0);
    m_keepDraft->setEnabled(!m_working);
    m_startNow->setDefault(report);
    m_next->setDefault(!report);
}

void CampaignWizard::setBusy(bool busy, const QString &text)
{
    m_working = busy;
    m_busy->setText(text);
    m_busy->setVisible(busy && !text.isEmpty());
    updateButtons();
}

QString CampaignWizard::noticeText() const
{
    return m_notice->isHidden() ? QString() : m_notice->text();
}

void CampaignWizard::showNotice(const QString &text, bool error)
{
    m_notice->setStyleSheet(QStringLiteral("color: %1").arg(error ? theme::danger().name() : theme::accent().darker(130).name()));
    m_notice->setText(text);
    m_notice->setVisible(!text.isEmpty());
}

QString CampaignWizard::fieldError(const QString &field) const
{
    const QLabel *label = m_fieldErrors.value(field);
    return label && !label->isHidden() ? label->text() : QString();
}

void CampaignWizard::clearErrors()
{
    for (QLabel *label : std::as_const(m_fieldErrors))
        label->hide();
    for (const Mapping &m : std::as_const(m_mappings))
        m.error->hide();
    // That there is no template to choose stays said.
    m_templateError->setVisible(m_templatesLoaded && m_templates.isEmpty());
    showNotice(QString());
}

void CampaignWizard::goBack()
{
    if (m_working || step() == FileStep || step() == ReportStep)
        return;
    showNotice(QString());
    setStep(step() - 1);
}

void CampaignWizard::goNext()
{
    if (m_working)
        return;
    switch (step()) {
    case FileStep:
        if (!m_fileOk)
            return;
        showNotice(QString());
        setStep(TemplateStep);
        return;
    case TemplateStep:
        if (!checkMappings())
            return;
        showNotice(QString());
        setStep(PreviewStep);
        return;
    case PreviewStep:
        setStep(DetailsStep);
        return;
    case DetailsStep:
        if (!checkDetails())
            return;
        create();
        return;
    default:
        return;
    }
}

// --- 1. the file --------------------------------------------------------------------------------

void CampaignWizard::chooseFile()
{
    const QString start = m_path.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) : QFileInfo(m_path).path();
    auto *dialog = new QFileDialog(this, tr("Choose the file of candidates"), start, tr("CSV files (*.csv *.txt);;All files (*)"));
    dialog->setObjectName(QStringLiteral("audienceFile"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) { setFile(path); });
    dialog->open();
}

bool CampaignWizard::setFile(const QString &path)
{
    m_path = path;
    m_preview = AudiencePreview::read(path);
    m_fileName->setText(QFileInfo(path).fileName());
    m_fileName->setToolTip(path);
    clearErrors();
    QString error;
    if (!m_preview.openError.isEmpty())
        error = tr("Cannot open %1: %2").arg(QFileInfo(path).fileName(), m_preview.openError);
    else if (!m_preview.error.isEmpty())
        error = CampaignText::fileError(m_preview.error);
    m_columns->clear();
    m_columns->setColumnCount(int(m_preview.headers.size()));
    m_columns->setRowCount(int(m_preview.rows.size()));
    QStringList labels;
    for (const QString &h : std::as_const(m_preview.headers))
        labels.append(h.trimmed());
    m_columns->setHorizontalHeaderLabels(labels);
    QStringList lineLabels;
    for (qint64 line : std::as_const(m_preview.lines))
        lineLabels.append(QString::number(line));
    m_columns->setVerticalHeaderLabels(lineLabels);
    for (int c = 0; c < m_preview.headers.size(); ++c) {
        QTableWidgetItem *head = m_columns->horizontalHeaderItem(c);
        const QString key = m_preview.keys.value(c);
        if (head)
            head->setToolTip(key.isEmpty() ? tr("Not read: the column has no name, or the same name as an earlier one.")
                                           : tr("Read as “%1”").arg(key));
        if (head && c == m_preview.phoneColumn) {
            QFont bold = m_columns->font();
            bold.setBold(true);
            head->setFont(bold);
        }
    }
    for (int r = 0; r < m_preview.rows.size(); ++r)
        for (int c = 0; c < m_preview.headers.size(); ++c)
            m_columns->setItem(r, c, new QTableWidgetItem(m_preview.rows.at(r).value(c)));
    m_columns->setVisible(!m_preview.headers.isEmpty());
    // As tall as its rows: the note follows right under them.
    m_columns->resizeRowsToContents();
    int tableHeight = m_columns->horizontalHeader()->sizeHint().height() + 2 * m_columns->frameWidth() + 2;
    for (int r = 0; r < m_columns->rowCount(); ++r)
        tableHeight += m_columns->rowHeight(r);
    if (m_columns->horizontalScrollBar()->isVisible() || m_columns->horizontalHeader()->length() > m_columns->viewport()->width())
        tableHeight += m_columns->horizontalScrollBar()->sizeHint().height();
    m_columns->setFixedHeight(tableHeight);

    if (error.isEmpty() && m_preview.phoneColumn < 0)
        error = CampaignText::fileError(QStringLiteral("has no phone column"));
    if (error.isEmpty() && m_preview.rows.isEmpty())
        error = tr("The file has its column names but no candidates: add one line per candidate.");
    if (error.isEmpty()) {
        QStringList used;
        QStringList ignored;
        for (int c = 0; c < m_preview.headers.size(); ++c) {
            if (c == m_preview.phoneColumn)
                continue;
            if (m_preview.keys.at(c).isEmpty())
                ignored.append(tr("“%1”").arg(m_preview.headers.at(c).trimmed().toHtmlEscaped()));
            else
                used.append(tr("“%1”").arg(m_preview.headers.at(c).trimmed().toHtmlEscaped()));
        }
        QString note = tr("Phone numbers come from the column <b>“%1”</b>. Numbers without a country code are read as numbers of your "
                          "company's country.").arg(m_preview.headers.at(m_preview.phoneColumn).trimmed().toHtmlEscaped());
        if (!used.isEmpty())
            note += QStringLiteral("<br>") + tr("The message can use %1.").arg(used.join(QStringLiteral(", ")));
        if (!ignored.isEmpty())
            note += QStringLiteral("<br>") + tr("Not read (no name, or a name already used): %1.").arg(ignored.join(QStringLiteral(", ")));
        note += QStringLiteral("<br>") + tr("The first %n row(s) are shown; every row is checked once the campaign is created.", nullptr,
                                            int(m_preview.rows.size()));
        m_columnsNote->setText(note);
    }
    m_columnsNote->setVisible(error.isEmpty());
    m_fileError->setText(error);
    m_fileError->setVisible(!error.isEmpty());
    m_fileOk = error.isEmpty();
    // The placeholders' choices (and their guesses) follow the file's columns.
    if (m_templatesLoaded)
        templateChanged();
    updateButtons();
    return m_fileOk;
}

QString CampaignWizard::fileError() const
{
    return m_fileError->isHidden() ? QString() : m_fileError->text();
}

// --- 2. the template ----------------------------------------------------------------------------

void CampaignWizard::loadTemplates()
{
    m_api->call<protocol::route::ListTemplates>().then(this, [this](const protocol::TemplateList &list) {
        m_templates.clear();
        for (const protocol::Template &t : list.items)
            if (t.status.toUpper() == QLatin1String("APPROVED"))
                m_templates.append(t);
        std::sort(m_templates.begin(), m_templates.end(), [](const auto &a, const auto &b) {
            return a.name == b.name ? a.language < b.language : a.name < b.name;
        });
        {
            const QSignalBlocker block(m_template);
            m_template->clear();
            for (const protocol::Template &t : std::as_const(m_templates))
                m_template->addItem(QStringLiteral("%1 (%2)").arg(t.name, t.language));
        }
        m_templatesLoaded = true;
        templateChanged();
        Q_EMIT templatesReady();
    }, [this](const client::ApiError &error) {
        m_templateError->setText(error.isConnectionProblem() ? tr("Cannot load the templates: the server does not answer.")
                                                             : tr("Cannot load the templates: %1").arg(CampaignText::actionError(error)));
        m_templateError->show();
        Q_EMIT templatesReady();
    });
}

void CampaignWizard::loadConfig()
{
    m_api->call<protocol::route::GetWhatsAppConfig>().then(this, [this](const protocol::WhatsAppConfig &config) {
        m_config = config;
        m_configLoaded = true;
        updatePace();
    }, [this](const client::ApiError &) {
        m_configLoaded = true;
        updatePace();
    });
}

const protocol::Template *CampaignWizard::currentTemplate() const
{
    const int i = m_template->currentIndex();
    return i >= 0 && i < m_templates.size() ? &m_templates.at(i) : nullptr;
}

bool CampaignWizard::selectTemplate(const QString &name, const QString &language)
{
    for (int i = 0; i < m_templates.size(); ++i)
        if (m_templates.at(i).name == name && m_templates.at(i).language == language) {
            if (m_template->currentIndex() == i)
                templateChanged();
            else
                m_template->setCurrentIndex(i);
            return true;
        }
    return false;
}

void CampaignWizard::templateChanged()
{
    for (const Mapping &m : std::as_const(m_mappings)) {
        delete m.label;
        delete m.column;
        delete m.text;
        delete m.sample;
        delete m.error;
    }
    m_mappings.clear();
    const protocol::Template *t = currentTemplate();
    if (t) {
        m_templateError->hide();
    } else if (m_templatesLoaded && m_templates.isEmpty()) {
        m_templateError->setText(tr("There is no approved template yet. Create one in WhatsApp Manager, then sync the templates on the "
                                    "Templates page."));
        m_templateError->show();
    }
    m_templateText->setText(t ? tt::received(t->components, {}) : QString());
    m_templateText->setVisible(t != nullptr);
    if (t) {
        const auto parts = tt::parts(t->components);
        if (mediaHeader(parts.headerFormat))
            addMapping(QStringLiteral("header"), 0, QString(), tr("Header file (an https link)"));
        for (const tt::Placeholder &p : tt::textPlaceholders(t->components))
            addMapping(p.component, 0, p.name,
                       p.component == QLatin1String("header") ? tr("Header {{%1}}").arg(p.name) : tr("Text {{%1}}").arg(p.name));
        for (const ButtonSlot &b : urlButtons(t->components))
            addMapping(QStringLiteral("button"), b.index, QString(), tr("Button “%1”: end of its link").arg(b.text));
    }
    m_noPlaceholders->setVisible(t && m_mappings.isEmpty());
    updateButtons();
}

void CampaignWizard::fillColumnChooser(QComboBox *chooser, const QString &keep) const
{
    const QSignalBlocker block(chooser);
    const bool fixed = chooser->currentData(kFixedRole).toBool();
    chooser->clear();
    chooser->addItem(tr("Choose a column…"));
    for (int c = 0; c < m_preview.headers.size(); ++c) {
        const QString key = m_preview.keys.value(c);
        if (key.isEmpty() || c == m_preview.phoneColumn)
            continue;
        chooser->addItem(tr("Column “%1”").arg(m_preview.headers.at(c).trimmed()));
        chooser->setItemData(chooser->count() - 1, key, kKeyRole);
    }
    chooser->insertSeparator(chooser->count());
    chooser->addItem(tr("Fixed text…"));
    chooser->setItemData(chooser->count() - 1, true, kFixedRole);
    int index = 0;
    if (fixed)
        index = chooser->count() - 1;
    for (int i = 0; !keep.isEmpty() && i < chooser->count(); ++i)
        if (chooser->itemData(i, kKeyRole).toString() == keep)
            index = i;
    chooser->setCurrentIndex(index);
}

void CampaignWizard::addMapping(const QString &part, qint64 index, const QString &name, const QString &label)
{
    const int i = int(m_mappings.size());
    Mapping m;
    m.part = part;
    m.index = index;
    m.name = name;
    m.label = new QLabel(label, m_mappingBox);
    m.column = new QComboBox(m_mappingBox);
    m.column->setObjectName(QStringLiteral("column%1").arg(i));
    m.column->setAccessibleName(tr("Value of %1").arg(label));
    m.column->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m.column->setMinimumWidth(220);
    m.text = new QLineEdit(m_mappingBox);
    m.text->setObjectName(QStringLiteral("text%1").arg(i));
    m.text->setAccessibleName(tr("Fixed text for %1").arg(label));
    m.text->setPlaceholderText(part == QLatin1String("header") && name.isEmpty() ? QStringLiteral("https://…")
                                                                                 : tr("The same text for everyone"));
    m.label->setBuddy(m.column);
    m.sample = mutedLabel(QString(), m_mappingBox);
    m.sample->setObjectName(QStringLiteral("sample%1").arg(i));
    m.sample->setWordWrap(false);
    m.error = errorLine(m_mappingBox, QStringLiteral("mappingError%1").arg(i));
    m_mappingGrid->addWidget(m.label, 2 * i, 0);
    m_mappingGrid->addWidget(m.column, 2 * i, 1);
    m_mappingGrid->addWidget(m.text, 2 * i, 2);
    m_mappingGrid->addWidget(m.sample, 2 * i, 2);
    m_mappingGrid->addWidget(m.error, 2 * i + 1, 1, 1, 2);
    // A guess: a column named as the placeholder, or the candidate's name
    // for the text's first one.
    QString guess;
    if (!name.isEmpty() && m_preview.columnOf(csvColumnKey(name)) >= 0)
        guess = csvColumnKey(name);
    else if (part == QLatin1String("body") && name == QLatin1String("1") && m_preview.nameColumn >= 0)
        guess = m_preview.keys.at(m_preview.nameColumn);
    fillColumnChooser(m.column, guess);
    m_mappings.append(m);
    connect(m.column, &QComboBox::currentIndexChanged, this, [this, i] {
        mappingChanged(i);
        if (m_mappings.at(i).column->currentData(kFixedRole).toBool())
            m_mappings.at(i).text->setFocus();
    });
    connect(m.text, &QLineEdit::textChanged, this, [this, i] { m_mappings.at(i).error->hide(); });
    mappingChanged(i);
}

void CampaignWizard::mappingChanged(int i)
{
    const Mapping &m = m_mappings.at(i);
    const bool fixed = m.column->currentData(kFixedRole).toBool();
    m.text->setVisible(fixed);
    m.error->hide();
    const QString key = m.column->currentData(kKeyRole).toString();
    const int column = m_preview.columnOf(key);
    const QString first = !fixed && column >= 0 && !m_preview.rows.isEmpty() ? m_preview.rows.first().value(column).trimmed() : QString();
    m.sample->setText(first.isEmpty() ? QString() : tr("e.g. %1").arg(first));
    m.sample->setVisible(!fixed && !first.isEmpty());
    m.column->setToolTip(first.isEmpty() ? QString() : tr("First row: %1").arg(first));
}

QString CampaignWizard::mappingSample(int i) const
{
    return i >= 0 && i < m_mappings.size() && !m_mappings.at(i).sample->isHidden() ? m_mappings.at(i).sample->text() : QString();
}

bool CampaignWizard::mapPlaceholder(int i, const QString &key, const QString &text)
{
    if (i < 0 || i >= m_mappings.size())
        return false;
    const Mapping &m = m_mappings.at(i);
    for (int k = 0; k < m.column->count(); ++k)
        if ((key.isEmpty() && m.column->itemData(k, kFixedRole).toBool()) || (!key.isEmpty() && m.column->itemData(k, kKeyRole).toString() == key)) {
            m.column->setCurrentIndex(k);
            if (key.isEmpty())
                m.text->setText(text);
            return true;
        }
    return false;
}

QString CampaignWizard::mappingLabel(int i) const
{
    return i >= 0 && i < m_mappings.size() ? m_mappings.at(i).label->text() : QString();
}

QComboBox *CampaignWizard::columnChooser(int i) const
{
    return i >= 0 && i < m_mappings.size() ? m_mappings.at(i).column : nullptr;
}

QLineEdit *CampaignWizard::fixedTextEdit(int i) const
{
    return i >= 0 && i < m_mappings.size() ? m_mappings.at(i).text : nullptr;
}

QString CampaignWizard::mappingError(int i) const
{
    return i >= 0 && i < m_mappings.size() && !m_mappings.at(i).error->isHidden() ? m_mappings.at(i).error->text() : QString();
}

bool CampaignWizard::checkMappings()
{
    if (!currentTemplate()) {
        m_templateError->setText(tr("Choose a template."));
        m_templateError->show();
        return false;
    }
    bool ok = true;
    for (const Mapping &m : std::as_const(m_mappings)) {
        const bool fixed = m.column->currentData(kFixedRole).toBool();
        QString error;
        if (fixed && m.text->text().trimmed().isEmpty())
            error = tr("Write the text, or choose a column.");
        else if (!fixed && m.column->currentData(kKeyRole).toString().isEmpty())
            error = tr("Choose the column that fills it in, or “Fixed text…”.");
        m.error->setText(error);
        m.error->setVisible(!error.isEmpty());
        if (!error.isEmpty() && ok) {
            (fixed ? static_cast<QWidget *>(m.text) : m.column)->setFocus();
            ok = false;
        }
    }
    return ok;
}

protocol::CreateCampaign CampaignWizard::definition() const
{
    protocol::CreateCampaign d;
    d.name = m_name->text().trimmed();
    if (const protocol::Template *t = currentTemplate()) {
        d.templateName = t->name;
        d.language = t->language;
    }
    for (const Mapping &m : m_mappings) {
        const bool fixed = m.column->currentData(kFixedRole).toBool();
        const protocol::ParameterSource source = fixed ? protocol::ParameterSource{QStringLiteral("text"), m.text->text().trimmed()}
                                                       : protocol::ParameterSource{QStringLiteral("column"), m.column->currentData(kKeyRole).toString()};
        if (m.part == QLatin1String("header"))
            d.header.append(source);
        else if (m.part == QLatin1String("body"))
            d.body.append(source);
        else
            d.buttons.append({m.index, source});
    }
    if (m_later->isChecked())
        d.startAt = m_startAt->dateTime().toMSecsSinceEpoch();
    if (m_pauseOnYellow->isChecked())
        d.pauseOnYellow = true;
    return d;
}

// --- 3. the preview ------------------------------------------------------------------------------

QString CampaignWizard::valueFor(const Mapping &m, int row) const
{
    if (m.column->currentData(kFixedRole).toBool())
        return m.text->text().trimmed();
    const int column = m_preview.columnOf(m.column->currentData(kKeyRole).toString());
    if (column < 0 || row < 0 || row >= m_preview.rows.size())
        return QString();
    return m_preview.rows.at(row).value(column).trimmed();
}

void CampaignWizard::updatePreview()
{
    {
        const QSignalBlocker block(m_previewRow);
        const int keep = std::max(0, m_previewRow->currentIndex());
        m_previewRow->clear();
        for (int r = 0; r < m_preview.rows.size(); ++r) {
            const QStringList &fields = m_preview.rows.at(r);
            const QString who = m_preview.nameColumn >= 0 && !fields.value(m_preview.nameColumn).trimmed().isEmpty()
                ? QStringLiteral("%1 · %2").arg(fields.value(m_preview.nameColumn).trimmed(), fields.value(m_preview.phoneColumn).trimmed())
                : fields.value(m_preview.phoneColumn).trimmed();
            m_previewRow->addItem(tr("Line %1: %2").arg(m_preview.lines.value(r)).arg(who));
        }
        m_previewRow->setCurrentIndex(std::min(keep, m_previewRow->count() - 1));
    }
    const protocol::Template *t = currentTemplate();
    if (!t) {
        m_previewText.clear();
        m_bubble->clear();
        return;
    }
    const int row = std::max(0, m_previewRow->currentIndex());
    QList<tt::Placeholder> placeholders;
    QStringList values;
    QStringList warnings;
    for (const Mapping &m : std::as_const(m_mappings)) {
        const QString value = valueFor(m, row);
        if (!m.column->currentData(kFixedRole).toBool() && value.isEmpty())
            warnings.append(tr("This row has nothing in “%1”: this candidate will be left out.").arg(m.column->currentText()));
        if (m.part == QLatin1String("header") && !m.name.isEmpty() && value.size() > kHeaderMax)
            warnings.append(tr("The header's value is longer than 60 characters, WhatsApp's limit: this candidate will be left out."));
        if ((m.part == QLatin1String("header") || m.part == QLatin1String("body")) && !m.name.isEmpty()) {
            placeholders.append({m.part, m.name});
            values.append(value);
        }
    }
    const protocol::TemplateSend send = tt::send(t->name, t->language, placeholders, values);
    m_previewText = tt::received(t->components, send.components);

    // As WhatsApp shows it: the text header in bold, the footer small and
    // grey, the buttons under the text.
    const auto parts = tt::parts(t->components);
    const bool textHeader = parts.headerFormat == QLatin1String("TEXT") && !parts.header.isEmpty();
    const QStringList chunks = m_previewText.split(QStringLiteral("\n\n"));
    QStringList html;
    for (int i = 0; i < chunks.size(); ++i) {
        const QString &chunk = chunks.at(i);
        QString escaped = chunk.toHtmlEscaped();
        escaped.replace(QLatin1Char('\n'), QStringLiteral("<br>"));
        if (i == 0 && textHeader)
            html.append(QStringLiteral("<p style=\"margin:0 0 6px 0\"><b>%1</b></p>").arg(escaped));
        else if (!parts.buttons.isEmpty() && chunk.startsWith(QLatin1Char('[')) && i == chunks.size() - 1) {
            QStringList buttons;
            for (const QString &line : chunk.split(QLatin1Char('\n')))
                buttons.append(QStringLiteral("<p align=\"center\" style=\"margin:6px 0 0 0; color:#027eb5\">%1</p>")
                                   .arg(line.mid(1, line.size() - 2).toHtmlEscaped()));
            html.append(QStringLiteral("<hr>") + buttons.join(QString()));
        } else if (!parts.footer.isEmpty() && chunk == parts.footer)
            html.append(QStringLiteral("<p style=\"margin:6px 0 0 0; color:%1\"><small>%2</small></p>").arg(theme::muted().name(), escaped));
        else
            html.append(QStringLiteral("<p style=\"margin:0\">%1</p>").arg(escaped));
    }
    m_bubble->setText(html.join(QString()));
    m_previewWarning->setText(warnings.join(QLatin1Char('\n')));
    m_previewWarning->setVisible(!warnings.isEmpty());
}

QString CampaignWizard::previewText() const
{
    return m_previewText;
}

QString CampaignWizard::previewWarning() const
{
    return m_previewWarning->isHidden() ? QString() : m_previewWarning->text();
}

// --- 4. name and start, then create and upload ------------------------------------------------------

bool CampaignWizard::checkDetails()
{
    clearErrors();
    bool ok = true;
    if (m_name->text().trimmed().isEmpty()) {
        m_nameError->setText(tr("Give the campaign a name, such as “Warehouse staff, Valencia”."));
        m_nameError->show();
        m_name->setFocus();
        ok = false;
    }
    if (m_later->isChecked() && m_startAt->dateTime() <= QDateTime::currentDateTime()) {
        m_startError->setText(tr("Choose a time in the future, or “When I start it”."));
        m_startError->show();
        if (ok)
            m_startAt->setFocus();
        ok = false;
    }
    return ok;
}

void CampaignWizard::create()
{
    clearErrors();
    setBusy(true, tr("Creating the campaign…"));
    m_api->call<protocol::route::CreateCampaign>(definition()).then(this, [this](const protocol::Campaign &created) {
        m_campaign = created;
        upload();
    }, [this](const client::ApiError &error) {
        setBusy(false);
        creationRefused(error, false);
    });
}

void CampaignWizard::upload()
{
    QFile file(m_path);
    QByteArray csv;
    const bool read = file.open(QIODevice::ReadOnly);
    if (read)
        csv = file.readAll();
    const qint64 id = m_campaign.id;
    // A campaign whose file did not go through is not left behind as an
    // empty draft: the next try makes it again.
    auto discard = [this, id] {
        m_api->callOn<protocol::route::DeleteCampaign>(id).then(this, [] {}, [](const client::ApiError &) {});
        m_campaign = protocol::Campaign();
    };
    if (!read || file.error() != QFileDevice::NoError) {
        discard();
        setBusy(false);
        m_fileError->setText(tr("Cannot read %1: %2").arg(QFileInfo(m_path).fileName(), file.errorString()));
        m_fileError->show();
        setStep(FileStep);
        Q_EMIT creationFailed();
        return;
    }
    setBusy(true, tr("Checking every row of the file…"));
    m_api->uploadAudience(id, csv).then(this, [this](const protocol::AudienceReport &report) {
        setBusy(false);
        showReport(report);
    }, [this, discard](const client::ApiError &error) {
        discard();
        setBusy(false);
        creationRefused(error, true);
    });
}

void CampaignWizard::creationRefused(const client::ApiError &error, bool uploading)
{
    using protocol::ErrorCode;
    const QString text = CampaignText::actionError(error);
    const QString &field = error.field;
    static const QRegularExpression indexed(QStringLiteral("^(header|body|buttons)\\[(\\d+)\\]"));
    const QRegularExpressionMatch m = indexed.match(field);
    if (m.hasMatch()) {
        const QString part = m.captured(1) == QLatin1String("buttons") ? QStringLiteral("button") : m.captured(1);
        int nth = m.captured(2).toInt();
        for (const Mapping &mapping : std::as_const(m_mappings))
            if (mapping.part == part && nth-- == 0) {
                mapping.error->setText(text);
                mapping.error->show();
                setStep(TemplateStep);
                Q_EMIT creationFailed();
                return;
            }
    }
    if (field == QLatin1String("name") || field == QLatin1String("start_at")) {
        QLabel *label = m_fieldErrors.value(field);
        label->setText(text);
        label->show();
        setStep(DetailsStep);
    } else if (field == QLatin1String("template") || field == QLatin1String("language")
               || (uploading && error.code == ErrorCode::CampaignNotReady)) {
        m_templateError->setText(text);
        m_templateError->show();
        setStep(TemplateStep);
    } else if (uploading && (error.code == ErrorCode::InvalidAudience || error.code == ErrorCode::PlanLimitReached
                             || error.code == ErrorCode::TooLarge || error.code == ErrorCode::UnsupportedMediaType)) {
        m_fileError->setText(text);
        m_fileError->show();
        m_columnsNote->hide();
        setStep(FileStep);
    } else {
        showNotice(uploading ? tr("The file was not taken, and the campaign was not kept: %1").arg(text)
                             : tr("The campaign was not created: %1").arg(text));
    }
    Q_EMIT creationFailed();
}

// --- 5. the report --------------------------------------------------------------------------------

void CampaignWizard::showReport(const protocol::AudienceReport &report)
{
    m_report = report;
    const QString row = QStringLiteral("<tr><td style=\"padding:2px 16px 2px 0\">%1</td><td align=\"right\" style=\"padding:2px 0\"><b>%2</b></td></tr>");
    QString html = QStringLiteral("<p style=\"font-size:large; margin:0 0 6px 0\"><b>%1</b></p>")
                       .arg(tr("%n candidate(s) will receive it", nullptr, int(report.accepted)).toHtmlEscaped());
    html += QStringLiteral("<table>");
    html += row.arg(tr("Rows read").toHtmlEscaped(), number(report.rows));
    html += row.arg(tr("Taken").toHtmlEscaped(), number(report.accepted));
    html += row.arg(tr("Repeated numbers").toHtmlEscaped(), number(report.duplicates));
    html += row.arg(tr("Not valid (number or values)").toHtmlEscaped(), number(report.invalid));
    html += row.arg(tr("Asked for no more messages (opt-out)").toHtmlEscaped(), number(report.optedOut));
    html += row.arg(tr("Blocked in Conversations").toHtmlEscaped(), number(report.blocked));
    html += QStringLiteral("</table>");
    m_counts->setText(html);

    m_issues->setRowCount(0);
    m_issues->setRowCount(int(report.issues.size()));
    for (int r = 0; r < report.issues.size(); ++r) {
        const protocol::AudienceIssue &issue = report.issues.at(r);
        auto *line = new QTableWidgetItem(QString::number(issue.line));
        line->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_issues->setItem(r, 0, line);
        int column = -1;
        for (int c = 0; c < m_preview.keys.size(); ++c)
            if (m_preview.keys.at(c) == issue.column)
                column = c;
        m_issues->setItem(r, 1, new QTableWidgetItem(column >= 0 ? m_preview.headers.at(column).trimmed() : issue.column));
        const QString why = CampaignText::issueText(issue);
        auto *reason = new QTableWidgetItem(why);
        reason->setToolTip(issue.value.isEmpty() ? why : tr("%1\nThe file has: %2").arg(why, issue.value));
        m_issues->setItem(r, 2, reason);
    }
    const qint64 left = report.duplicates + report.invalid + report.optedOut + report.blocked;
    m_issues->setVisible(!report.issues.isEmpty());
    m_saveIssues->setVisible(left > 0);
    m_issuesSaved->clear();
    m_issuesNote->setText(left == 0 ? tr("None: every row can receive it.")
                          : left > report.issues.size()
                              ? tr("The first %1 of %2 rows left out; save all of them to see the rest.").arg(number(report.issues.size()), number(left))
                              : QString());
    m_issuesNote->setVisible(!m_issuesNote->text().isEmpty());
    updatePace();
    setStep(ReportStep);
    Q_EMIT reportShown();
}

void CampaignWizard::updatePace()
{
    if (step() != ReportStep && m_report.rows == 0)
        return;
    const qint64 accepted = m_report.accepted;
    QStringList lines;
    if (m_config && !m_config->configured) {
        lines.append(tr("WhatsApp is not connected yet: the campaign cannot start until an administrator sets it up on the WhatsApp page."));
    } else {
        const qint64 perSecond = m_config ? std::max<qint64>(1, m_config->throughputPerSecond) : kDefaultThroughput;
        const qint64 seconds = (accepted + perSecond - 1) / perSecond;
        lines.append(tr("At your number's pace (%1 messages a second), sending it takes %2.").arg(number(perSecond), CampaignText::duration(seconds)));
        const QString tier = m_config ? m_config->messagingLimit.value_or(QString()) : QString();
        const std::optional<int> limit = CampaignService::messagingLimit(tier);
        if (!limit) {
            lines.append(tr("Meta does not limit how many people your number may start conversations with."));
        } else {
            QString line;
            if (accepted <= *limit) {
                const double share = *limit > 0 ? 100.0 * double(accepted) / double(*limit) : 0;
                const QString percent = share > 0 && share < 1 ? tr("under 1 %") : QStringLiteral("%1 %").arg(qRound(share));
                line = tr("It uses %1 of the %2 people Meta lets your number start conversations with every 24 hours (%3); other "
                          "conversations you start count too.").arg(number(accepted), number(*limit), percent);
            } else {
                const qint64 days = (accepted + *limit - 1) / *limit;
                line = tr("Meta lets your number start conversations with %1 people every 24 hours, so this campaign takes at least %n "
                          "day(s): it waits for the limit and goes on by itself.", nullptr, int(days)).arg(number(*limit));
            }
            if (tier.isEmpty())
                line += QLatin1Char(' ') + tr("(Meta has not told your number's limit yet: Puente counts 250, the limit of a new number.)");
            lines.append(line);
        }
    }
    m_pace->setText(lines.join(QLatin1Char('\n')));
}

void CampaignWizard::chooseIssuesFile()
{
    QString base = m_campaign.name;
    base.replace(QRegularExpression(QStringLiteral("[\\\\/:*?\"<>|]")), QStringLiteral("-"));
    const QString suggested = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + QLatin1Char('/')
                              + tr("%1 - rows left out.csv").arg(base);
    auto *dialog = new QFileDialog(this, tr("Save the rows left out"), suggested, tr("CSV files (*.csv)"));
    dialog->setObjectName(QStringLiteral("issuesFile"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("csv"));
    connect(dialog, &QFileDialog::fileSelected, this, &CampaignWizard::saveIssues);
    dialog->open();
}

void CampaignWizard::saveIssues(const QString &path)
{
    if (m_campaign.id == 0)
        return;
    m_saveIssues->setEnabled(false);
    client::ApiReply *reply = m_api->get(protocol::routePath<protocol::route::DownloadAudienceIssues>({m_campaign.id}));
    reply->then(this, [this, reply, path](const QJsonObject &) {
        m_saveIssues->setEnabled(true);
        QSaveFile file(path);
        const bool ok = file.open(QIODevice::WriteOnly) && file.write(reply->body()) == reply->body().size() && file.commit();
        m_issuesSaved->setStyleSheet(QStringLiteral("color: %1").arg(ok ? theme::accent().darker(130).name() : theme::danger().name()));
        m_issuesSaved->setText(ok ? tr("Saved to %1.").arg(QFileInfo(path).fileName()) : tr("Cannot write %1: %2").arg(path, file.errorString()));
        Q_EMIT issuesSaved(path, ok);
    }, [this, path](const client::ApiError &error) {
        m_saveIssues->setEnabled(true);
        m_issuesSaved->setStyleSheet(QStringLiteral("color: %1").arg(theme::danger().name()));
        m_issuesSaved->setText(tr("Not saved: %1").arg(CampaignText::actionError(error)));
        Q_EMIT issuesSaved(path, false);
    });
}

void CampaignWizard::startNow()
{
    if (m_campaign.id == 0 || m_working)
        return;
    showNotice(QString());
    setBusy(true, tr("Starting…"));
    m_api->callOn<protocol::route::StartCampaign>(m_campaign.id).then(this, [this](const protocol::Campaign &started) {
        setBusy(false);
        m_campaign = started;
        m_started = true;
        Q_EMIT campaignStarted(started);
        accept();
    }, [this](const client::ApiError &error) {
        setBusy(false);
        showNotice(tr("The campaign did not start: %1").arg(CampaignText::actionError(error)));
        Q_EMIT startFailed();
    });
}

void CampaignWizard::reject()
{
    if (m_working)
        return;
    QDialog::reject();
}

void CampaignWizard::keepAsDraft()
{
    if (m_working)
        return;
    accept();
}

} // namespace puente::ui
