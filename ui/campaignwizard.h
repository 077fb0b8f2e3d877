#pragma once

#include "protocol/templatetext.h"
#include "protocol/types.h"

#include <QDialog>
#include <QHash>

#include <optional>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QFileDialog;
class QGridLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QStackedWidget;
class QTableWidget;

namespace puente::client {
class ApiClient;
struct ApiError;
}

namespace puente::ui {


// The start of a CSV file of candidates, read here before it is sent: its
// columns (as the file names them and as keys) and its first rows.
struct AudiencePreview {
    QStringList headers;        // as the file's first line has them
    QStringList keys;           // audienceColumnKey of each ("" for none)
    QList<QStringList> rows;    // up to five, as read
    QList<qint64> lines;        // where each starts in the file
    int phoneColumn = -1;       // the column the server reads numbers from
    int nameColumn = -1;
    QString error;              // the reader's complaint, as it said it
    QString openError;          // the file could not be opened: why
    // Reads `path`'s first line and up to `rows` rows.
    static AudiencePreview read(const QString &path, int rows = 5);
    // The index of the first column with this key, or -1.
    int columnOf(const QString &key) const { return int(keys.indexOf(key)); }
};

// The new campaign wizard (issue 19): (1) the CSV file of candidates, its
// columns and first rows read here; (2) an approved template and, per
// placeholder, the column (or fixed text) it takes; (3) the message as
// the first candidates would receive it; (4) the name and, if wanted, when
// it starts; then the campaign is created and its file uploaded, and (5)
// the server's report on every row, how long sending takes at the number's
// pace and how much of Meta's messaging limit it uses, with "Start now"
// and "Keep as draft".
class CampaignWizard : public QDialog {
    Q_OBJECT
public:
    enum Step { FileStep, TemplateStep, PreviewStep, DetailsStep, ReportStep };

    explicit CampaignWizard(client::ApiClient *api, QWidget *parent = nullptr);

    int step() const;
    QPushButton *backButton() const { return m_back; }
    QPushButton *nextButton() const { return m_next; }
    QPushButton *startButton() const { return m_startNow; }
    QPushButton *draftButton() const { return m_keepDraft; }
    // The line at the foot for what no field is to blame for.
    QString noticeText() const;

    // 1. The file
    QPushButton *chooseFileButton() const { return m_chooseFile; }
    // Reads the file (as "Choose file…" does); false if it cannot be used.
    bool setFile(const QString &path);
    QString filePath() const { return m_path; }
    QString fileError() const;
    QTableWidget *columnsTable() const { return m_columns; }
    QLabel *columnsNote() const { return m_columnsNote; }
    const AudiencePreview &audiencePreview() const { return m_preview; }

    // 2. The template and where each placeholder takes its value from
    QComboBox *templateChooser() const { return m_template; }
    bool templatesLoaded() const { return m_templatesLoaded; }
    bool selectTemplate(const QString &name, const QString &language);
    int mappingCount() const { return int(m_mappings.size()); }
    QString mappingLabel(int i) const;
    // The column chooser of placeholder `i`: its columns, then "Fixed text…".
    QComboBox *columnChooser(int i) const;
    QLineEdit *fixedTextEdit(int i) const;
    // Chooses column `key` for placeholder `i`, or fixed `text` when key is empty.
    bool mapPlaceholder(int i, const QString &key, const QString &text = {});
    QString mappingError(int i) const;
    // "e.g. Ana Ruiz": the first row's value of the chosen column.
    QString mappingSample(int i) const;

    // 3. The preview
    QComboBox *previewRowChooser() const { return m_previewRow; }
    QString previewText() const;
    QString previewWarning() const;

    // 4. The name and start
    QLineEdit *nameEdit() const { return m_name; }
    QRadioButton *startLaterButton() const { return m_later; }
    QDateTimeEdit *startEdit() const { return m_startAt; }
    QCheckBox *pauseOnYellowBox() const { return m_pauseOnYellow; }
    // The line under a field the server named (name, start_at, template…).
    QString fieldError(const QString &field) const;

    // 5. The report
    const protocol::AudienceReport &report() const { return m_report; }
    QLabel *reportCounts() const { return m_counts; }
    QTableWidget *issuesTable() const { return m_issues; }
    QPushButton *saveIssuesButton() const { return m_saveIssues; }
    QLabel *paceSummary() const { return m_pace; }

    // The campaign made (0 before), and what became of it.
    qint64 campaignId() const { return m_campaign.id; }
    QString campaignName() const { return m_campaign.name; }
    bool wasStarted() const { return m_started; }
    protocol::CampaignState startedState() const { return m_campaign.state; }
    std::optional<qint64> startAt() const { return m_campaign.startAt; }
    // The campaign as it would be created from what is chosen now.
    protocol::CreateCampaign definition() const;

public Q_SLOTS:
    // Not while the campaign is being created or its file checked (Esc,
    // the window's close button): what the server answers is shown.
    void reject() override;
    void chooseFile();
    void goBack();
    // The next step, or on the last form step creating the campaign.
    void goNext();
    void startNow();
    void keepAsDraft();
    void chooseIssuesFile();
    void saveIssues(const QString &path);

Q_SIGNALS:
    void stepChanged(int step);
    void templatesReady();
    // The campaign was created and its file checked (the report is shown),
    // or creating or uploading failed (the reason is shown).
    void reportShown();
    void creationFailed();
    void campaignStarted(const protocol::Campaign &campaign);
    void startFailed();
    void issuesSaved(const QString &path, bool ok);

private:
    struct Mapping {
        QString part;        // header, body, button
        qint64 index = 0;    // a button's index
        QString name;        // the placeholder's name ("1")
        QLabel *label = nullptr;
        QComboBox *column = nullptr;
        QLineEdit *text = nullptr;
        QLabel *sample = nullptr; // the first row's value of the chosen column
        QLabel *error = nullptr;
    };
    QWidget *buildFileStep();
    QWidget *buildTemplateStep();
    QWidget *buildPreviewStep();
    QWidget *buildDetailsStep();
    QWidget *buildReportStep();
    void setStep(int step);
    void loadTemplates();
    void loadConfig();
    const protocol::Template *currentTemplate() const;
    void templateChanged();
    void addMapping(const QString &part, qint64 index, const QString &name, const QString &label);
    void fillColumnChooser(QComboBox *chooser, const QString &keep) const;
    void mappingChanged(int i);
    QString valueFor(const Mapping &m, int row) const;
    bool checkMappings();
    void updatePreview();
    bool checkDetails();
    void create();
    void upload();
    void creationRefused(const client::ApiError &error, bool uploading);
    void showReport(const protocol::AudienceReport &report);
    void updatePace();
    void showNotice(const QString &text, bool error = true);
    void clearErrors();
    void setBusy(bool busy, const QString &text = {});
    void updateButtons();

    client::ApiClient *m_api;
    QStackedWidget *m_steps = nullptr;
    QLabel *m_stepTitle = nullptr;
    QLabel *m_stepHint = nullptr;
    QLabel *m_notice = nullptr;
    QLabel *m_busy = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_back = nullptr;
    QPushButton *m_next = nullptr;
    QPushButton *m_keepDraft = nullptr;
    QPushButton *m_startNow = nullptr;
    bool m_working = false;

    QPushButton *m_chooseFile = nullptr;
    QLabel *m_fileName = nullptr;
    QLabel *m_fileError = nullptr;
    QTableWidget *m_columns = nullptr;
    QLabel *m_columnsNote = nullptr;
    QString m_path;
    AudiencePreview m_preview;
    bool m_fileOk = false;      // read, with a phone column and candidates

    QComboBox *m_template = nullptr;
    QLabel *m_templateError = nullptr;
    QLabel *m_templateText = nullptr;
    QWidget *m_mappingBox = nullptr;
    QGridLayout *m_mappingGrid = nullptr;
    QLabel *m_noPlaceholders = nullptr;
    QList<Mapping> m_mappings;
    QList<protocol::Template> m_templates;
    bool m_templatesLoaded = false;

    QComboBox *m_previewRow = nullptr;
    QLabel *m_bubble = nullptr;
    QLabel *m_previewWarning = nullptr;
    QString m_previewText;

    QLineEdit *m_name = nullptr;
    QLabel *m_nameError = nullptr;
    QRadioButton *m_now = nullptr;
    QRadioButton *m_later = nullptr;
    QDateTimeEdit *m_startAt = nullptr;
    QLabel *m_startError = nullptr;
    QCheckBox *m_pauseOnYellow = nullptr;

    QLabel *m_counts = nullptr;
    QTableWidget *m_issues = nullptr;
    QLabel *m_issuesNote = nullptr;
    QPushButton *m_saveIssues = nullptr;
    QLabel *m_issuesSaved = nullptr;
    QLabel *m_pace = nullptr;

    QHash<QString, QLabel *> m_fieldErrors;
    std::optional<protocol::WhatsAppConfig> m_config;
    bool m_configLoaded = false;
    protocol::Campaign m_campaign;
    protocol::AudienceReport m_report;
    bool m_started = false;
};

} // namespace puente::ui
