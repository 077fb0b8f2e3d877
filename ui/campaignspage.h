#pragma once

#include "adminpage.h"
#include "protocol/types.h"

#include <QCoreApplication>
#include <QHash>

class QFileDialog;
class QGridLayout;
class QProgressBar;
class QSplitter;
class QTimer;

namespace puente::ui {

// Words for what the campaigns API reports: states, why a campaign is
// paused or waiting, why a row of the file was not taken, why recipients
// were not sent to or failed, and why an action was refused.
class CampaignText {
    Q_DECLARE_TR_FUNCTIONS(puente::ui::CampaignText)
public:
    static QString stateText(protocol::CampaignState state);
    // A paused campaign: why, by pause_code (the server's reason
    // otherwise); `brief`: in a few words, for the list.
    static QString pauseText(const protocol::Campaign &c, bool brief = false);
    // A running campaign waiting for Meta's messaging limit: why and until when.
    static QString waitingText(const protocol::Campaign &c, bool brief = false);
    // What is said beside the state: why it is paused or waiting, when it
    // starts, ends or ended.
    static QString note(const protocol::Campaign &c, bool brief = false);
    // A moment in local time with its day: "Today 14:05", "Tomorrow 09:00".
    static QString at(qint64 msecs);
    static QString at(std::optional<qint64> msecs) { return msecs ? at(*msecs) : QString(); }
    // "about 3 minutes".
    static QString duration(qint64 seconds);
    // A row of the file that was not taken.
    static QString issueText(const protocol::AudienceIssue &issue);
    // Recipients not sent to, by the reason's code.
    static QString skipText(const QString &code, const QString &reason);
    // Failed sends, by Meta's code.
    static QString failureText(const QString &code, const QString &reason);
    // The CSV reader's (or the server's) complaint about a file as a whole.
    static QString fileError(const QString &error);
    // Why an action on a campaign (start, pause, create, upload…) was refused.
    static QString actionError(const client::ApiError &error);
    // Recipients handed to WhatsApp: audience − pending − cancelled.
    static qint64 handedOver(const protocol::CampaignFunnel &f);
};

// The tenant's campaigns (issue 19): every campaign with its state, its
// progress and its counts, refreshed while one is running or scheduled
// (and for two minutes after one ended, as statuses still come in);
// the selected campaign's funnel, failures and skips, its actions (start,
// pause, resume, cancel, delete, download the results) and its failed
// recipients; and the wizard that makes a new one from a CSV file.
class CampaignsPage : public AdminPage {
    Q_OBJECT
public:
    explicit CampaignsPage(client::ApiClient *api, QWidget *parent = nullptr);

    // The list
    QTableWidget *campaignTable() const { return m_table; }
    QWidget *emptyState() const { return m_empty; }
    QPushButton *newCampaignButton() const { return m_new; }
    QPushButton *emptyNewCampaignButton() const { return m_emptyNew; }
    QTimer *refreshTimer() const { return m_timer; }
    int rowOf(const QString &name) const;
    const QList<protocol::Campaign> &campaigns() const { return m_campaigns; }
    // The progress shown in a row: handed to WhatsApp, and the audience.
    std::pair<qint64, qint64> progressOf(int row) const;

    // The campaign view
    QWidget *campaignView() const { return m_view; }
    QLabel *viewTitle() const { return m_viewTitle; }
    QLabel *viewState() const { return m_viewState; }
    QLabel *viewNote() const { return m_viewNote; }
    QLabel *viewTimes() const { return m_viewTimes; }
    QLabel *failuresLabel() const { return m_failures; }
    QLabel *skipsLabel() const { return m_skips; }
    QPushButton *startButton() const { return m_start; }
    QPushButton *pauseButton() const { return m_pause; }
    QPushButton *resumeButton() const { return m_resume; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *deleteButton() const { return m_delete; }
    QPushButton *downloadButton() const { return m_download; }
    QTableWidget *failedTable() const { return m_failed; }
    // The funnel's number for `key` (audience, pending, queued, sent,
    // delivered, read, replied, failed, skipped, cancelled) as shown.
    QString funnelValue(const QString &key) const;
    qint64 selectedCampaignId() const;
    bool selectCampaign(qint64 id);

public Q_SLOTS:
    void refresh() override;
    void newCampaign();
    void startCampaign();
    void pauseCampaign();
    void resumeCampaign();
    void cancelCampaign();
    void deleteCampaign();
    // Asks where to save the selected campaign's results (results.csv).
    void chooseResultsFile();
    // Saves them there.
    void saveResults(const QString &path);

Q_SIGNALS:
    void campaignsLoaded();
    void recipientsLoaded(qint64 campaignId);
    void wizardOpened(QDialog *wizard);
    void resultsSaved(const QString &path, bool ok);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    struct FunnelRow {
        QLabel *label = nullptr;
        QProgressBar *bar = nullptr;
        QLabel *number = nullptr;
    };
    QWidget *buildView(QWidget *parent);
    void load();
    void showCampaigns();
    void showRow(int row, const protocol::Campaign &c);
    void showView();
    void loadFailed(qint64 id);
    void updateTimer();
    std::optional<protocol::Campaign> selected() const;
    // Route R on the selected campaign; `done` words what became of it.
    template<typename R>
    void transition(std::function<QString(const protocol::Campaign &)> done);
    void actionFailed(const client::ApiError &error);

    QPushButton *m_new = nullptr;
    QWidget *m_empty = nullptr;
    QPushButton *m_emptyNew = nullptr;
    QSplitter *m_split = nullptr;
    QTableWidget *m_table = nullptr;
    QList<protocol::Campaign> m_campaigns;
    QTimer *m_timer = nullptr;
    int m_loadSeq = 0;
    bool m_loadedOnce = false;

    QWidget *m_view = nullptr;
    QLabel *m_viewPlaceholder = nullptr;
    QWidget *m_viewBody = nullptr;
    QLabel *m_viewTitle = nullptr;
    QLabel *m_viewState = nullptr;
    QLabel *m_viewNote = nullptr;
    QLabel *m_viewTimes = nullptr;
    QPushButton *m_start = nullptr;
    QPushButton *m_pause = nullptr;
    QPushButton *m_resume = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_delete = nullptr;
    QPushButton *m_download = nullptr;
    QHash<QString, FunnelRow> m_funnel;
    QLabel *m_failures = nullptr;
    QLabel *m_skips = nullptr;
    QTableWidget *m_failed = nullptr;
    QLabel *m_failedNote = nullptr;
    qint64 m_failedFor = 0;       // the campaign whose failed recipients are shown
    qint64 m_failedCount = -1;    // its failed count when they were loaded
    int m_failedSeq = 0;
};

} // namespace puente::ui
