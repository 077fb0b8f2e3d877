#pragma once

#include "adminpage.h"
#include "protocol/types.h"

#include <QCoreApplication>
#include <QHash>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QSplitter;
class QTabWidget;
class QTimeEdit;

namespace puente::ui {

// Words for what the notifications API reports: statuses, why a
// notification was skipped or failed (Meta's code, or the server's reason
// by its prefix), why a rule is broken, and what a preview lacks.
class NotificationText {
    Q_DECLARE_TR_FUNCTIONS(puente::ui::NotificationText)
public:
    static QString statusText(protocol::NotificationStatus status);
    // Why a notification ended as it did: Meta's code in words when the
    // console knows it, else the server's reason code (reason_code; older
    // servers put it in front of the sentence: "opted_out: …").
    static QString reasonText(const QString &code, const QString &reason, std::optional<qint64> errorCode);
    // A rule's broken_reason in words.
    static QString brokenText(const QString &reason);
    // What a preview of a rule says is missing (RulePreview::error).
    static QString previewError(const QString &error);
    // Why saving a rule failed.
    static QString ruleError(const client::ApiError &error);
    // A CRM event's name in words ("Interview scheduled"); a custom one as it is.
    static QString eventText(const QString &event);
    // The events Puente knows, and their sample data.
    static QStringList knownEvents();
};

// A tenant's notifications (issue 18): the rules that turn the CRM's
// events into template messages (and a test send of one), the history of
// notifications with their status and why, the callback the CRM is told
// through (its URL, its signing secret, a test, the last deliveries), and
// the settings notifications go by (country of numbers, time zone,
// language of dates, quiet hours, opt-out words and reply).
class NotificationsPage : public AdminPage {
    Q_OBJECT
public:
    explicit NotificationsPage(client::ApiClient *api, QWidget *parent = nullptr);

    QTabWidget *tabs() const { return m_tabs; }

    // Rules
    QTableWidget *rulesTable() const { return m_rules; }
    QLabel *brokenWarning() const { return m_broken; }
    QLabel *rulesEmpty() const { return m_rulesEmpty; }
    QPushButton *addRuleButton() const { return m_addRule; }
    QPushButton *editRuleButton() const { return m_editRule; }
    QPushButton *toggleRuleButton() const { return m_toggleRule; }
    QPushButton *deleteRuleButton() const { return m_deleteRule; }
    QPushButton *sendTestButton() const { return m_sendTest; }
    int ruleRow(const QString &event) const;
    const QList<protocol::NotificationRule> &rules() const { return m_ruleList; }
    const QList<protocol::Template> &templates() const { return m_templateList; }

    // History
    QTableWidget *historyTable() const { return m_history; }
    QComboBox *eventFilter() const { return m_eventFilter; }
    QComboBox *statusFilter() const { return m_statusFilter; }
    QLineEdit *phoneFilter() const { return m_phoneFilter; }
    QLineEdit *referenceFilter() const { return m_referenceFilter; }
    QComboBox *periodFilter() const { return m_periodFilter; }
    QLabel *historyEmpty() const { return m_historyEmpty; }
    QPushButton *moreButton() const { return m_more; }
    QLabel *detailsSummary() const { return m_detailSummary; }
    QLabel *detailsHistory() const { return m_detailHistory; }
    QPlainTextEdit *detailsData() const { return m_detailData; }
    QPushButton *cancelButton() const { return m_cancel; }
    const QList<protocol::Notification> &notifications() const { return m_notificationList; }

    // Callbacks
    QLineEdit *callbackUrlEdit() const { return m_callbackUrl; }
    QPushButton *saveCallbackButton() const { return m_saveCallback; }
    QPushButton *rotateSecretButton() const { return m_rotateSecret; }
    QPushButton *testCallbackButton() const { return m_testCallback; }
    QLabel *secretState() const { return m_secretState; }
    QLabel *testResult() const { return m_testResult; }
    QTableWidget *deliveriesTable() const { return m_deliveries; }

    // Settings
    QComboBox *regionEdit() const { return m_region; }
    QComboBox *timeZoneEdit() const { return m_timeZone; }
    QComboBox *languageEdit() const { return m_language; }
    QCheckBox *quietHoursBox() const { return m_quietHours; }
    QTimeEdit *quietStartEdit() const { return m_quietStart; }
    QTimeEdit *quietEndEdit() const { return m_quietEnd; }
    QPlainTextEdit *optOutKeywordsEdit() const { return m_optOutKeywords; }
    QPlainTextEdit *optOutReplyEdit() const { return m_optOutReply; }
    QPushButton *saveSettingsButton() const { return m_saveSettings; }
    QPushButton *discardSettingsButton() const { return m_discardSettings; }
    // "Saved.", or why saving failed when no field is to blame.
    QLabel *settingsResult() const { return m_settingsResult; }
    // The line under the field the API calls `field` (default_region,
    // time_zone, quiet_start...), or null.
    QLabel *settingsFieldError(const QString &field) const { return m_settingErrors.value(field); }
    // The settings as edited, only what differs from the server's.
    protocol::UpdateTenantSettings settingsChanges() const;

public Q_SLOTS:
    void refresh() override;
    void addRule();
    // Opens the editor on the selected rule.
    void editRule();
    void toggleRule();
    void deleteRule();
    void reloadHistory();
    void loadMoreHistory();
    void cancelNotification();
    void saveCallback();
    void rotateSecret();
    void testCallback();
    // Opens the test-send dialog on the selected rule.
    void sendTest();
    void saveNotificationSettings();
    void discardNotificationSettings();

Q_SIGNALS:
    void rulesLoaded();
    void historyLoaded();
    void detailsLoaded(qint64 id);
    void settingsLoaded();
    void ruleEditorOpened(QDialog *dialog);
    // A secret shown once (created or rotated).
    void secretShown(QDialog *dialog);
    void callbackTested();
    void testDialogOpened(QDialog *dialog);
    // The Settings tab's save came back (`ok` false: refused, nothing saved).
    void notificationSettingsSaved(bool ok);

private:
    QWidget *buildRulesTab();
    QWidget *buildHistoryTab();
    QWidget *buildCallbackTab();
    QWidget *buildSettingsTab();
    void loadTemplates();
    void loadRules();
    void showRules();
    void loadSettings();
    void showSettings(const protocol::TenantSettings &settings);
    void loadDeliveries();
    void loadHistory(bool more);
    void showHistoryRow(int row, const protocol::Notification &n);
    void showDetails();
    void updateRuleActions();
    void updateEventFilter();
    std::optional<protocol::NotificationRule> selectedRule() const;
    std::optional<protocol::Notification> selectedNotification() const;
    void secretCreated(const QString &secret);
    // Fills the Settings tab's fields from `settings` (the new m_settings)
    // when `fill`; without it (edits not saved yet, and a callback change or
    // a refresh came) they keep the edits, now compared with `settings`.
    void showNotificationSettings(const protocol::TenantSettings &settings, bool fill);
    void updateSettingsActions();
    void clearSettingsErrors();
    void showSettingsError(const client::ApiError &error);
    QString regionCode() const;
    QString unknownCountry(const QString &code) const;
    QStringList keywordList() const;

    QTabWidget *m_tabs = nullptr;

    QTableWidget *m_rules = nullptr;
    QLabel *m_broken = nullptr;
    QLabel *m_rulesEmpty = nullptr;
    QPushButton *m_addRule = nullptr;
    QPushButton *m_editRule = nullptr;
    QPushButton *m_toggleRule = nullptr;
    QPushButton *m_deleteRule = nullptr;
    QPushButton *m_sendTest = nullptr;
    QList<protocol::NotificationRule> m_ruleList;
    QList<protocol::Template> m_templateList;
    bool m_templatesLoaded = false;

    QTableWidget *m_history = nullptr;
    QComboBox *m_eventFilter = nullptr;
    QComboBox *m_statusFilter = nullptr;
    QLineEdit *m_phoneFilter = nullptr;
    QLineEdit *m_referenceFilter = nullptr;
    QComboBox *m_periodFilter = nullptr;
    QLabel *m_historyEmpty = nullptr;
    QLabel *m_historyError = nullptr;
    QPushButton *m_more = nullptr;
    QWidget *m_details = nullptr;
    QLabel *m_detailTitle = nullptr;
    QLabel *m_detailSummary = nullptr;
    QLabel *m_detailHistory = nullptr;
    QPlainTextEdit *m_detailData = nullptr;
    QPushButton *m_cancel = nullptr;
    QList<protocol::Notification> m_notificationList;
    std::optional<QString> m_nextCursor;
    int m_historySeq = 0;
    qint64 m_detailId = 0;

    QLineEdit *m_callbackUrl = nullptr;
    QPushButton *m_saveCallback = nullptr;
    QPushButton *m_rotateSecret = nullptr;
    QPushButton *m_testCallback = nullptr;
    QLabel *m_secretState = nullptr;
    QLabel *m_testResult = nullptr;
    QLabel *m_callbackError = nullptr;
    QTableWidget *m_deliveries = nullptr;
    QLabel *m_deliveriesEmpty = nullptr;
    protocol::TenantSettings m_settings;

    QLabel *m_settingsLoading = nullptr;
    QLabel *m_settingsLoadError = nullptr;
    QPushButton *m_settingsRetry = nullptr;
    QWidget *m_settingsForm = nullptr;
    QComboBox *m_region = nullptr;
    QComboBox *m_timeZone = nullptr;
    QComboBox *m_language = nullptr;
    QCheckBox *m_quietHours = nullptr;
    QTimeEdit *m_quietStart = nullptr;
    QTimeEdit *m_quietEnd = nullptr;
    QPlainTextEdit *m_optOutKeywords = nullptr;
    QPlainTextEdit *m_optOutReply = nullptr;
    QPushButton *m_saveSettings = nullptr;
    QPushButton *m_discardSettings = nullptr;
    QLabel *m_settingsResult = nullptr;
    QHash<QString, QLabel *> m_settingErrors;
    QHash<QString, QWidget *> m_settingFields;
    bool m_settingsShown = false;   // the Settings tab holds the server's values (once loaded)
    bool m_fillingSettings = false; // its fields are being set from the server's values, not edited
    bool m_savingSettings = false;
};

} // namespace puente::ui
