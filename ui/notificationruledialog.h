#pragma once

#include "protocol/types.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;
class QGridLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTextBrowser;
class QTimer;

namespace puente::client {
class ApiClient;
}

namespace puente::ui {

// Adding or editing a notification rule: the CRM's event, an approved
// template, where each of its placeholders takes its value from (a path in
// the event's data, fixed text, or a date or time formatted from the data),
// and a live preview of the message rendered by the server from sample
// event data (POST /api/notification-rules/preview).
class NotificationRuleDialog : public QDialog {
    Q_OBJECT
public:
    // A new rule (`rule` empty) or the rule to edit; `templates` as the
    // template list gave them (only approved ones are offered, plus the
    // rule's own).
    NotificationRuleDialog(client::ApiClient *api, const QList<protocol::Template> &templates,
                           const std::optional<protocol::NotificationRule> &rule, QWidget *parent = nullptr);

    QComboBox *eventEdit() const { return m_event; }
    QComboBox *templateChooser() const { return m_template; }
    QCheckBox *enabledBox() const { return m_enabled; }
    QPlainTextEdit *sampleEdit() const { return m_sample; }
    QPushButton *saveButton() const { return m_save; }
    // The placeholders of the chosen template, one row each.
    int mappingCount() const { return int(m_mappings.size()); }
    QString mappingLabel(int i) const;
    QComboBox *sourceChooser(int i) const;
    QLineEdit *valueEdit(int i) const;
    // Selects the template `name` in `language`; false if not offered.
    bool selectTemplate(const QString &name, const QString &language);
    QString previewText() const;
    QString previewError() const;
    QString errorText() const;

    // The rule as edited.
    protocol::CreateNotificationRule rule() const;
    // Event data to try a rule on: a candidate, a job, an interview.
    static QJsonObject sampleData(const QString &event);

public Q_SLOTS:
    // Asks the server for the preview now (edits ask after a short pause).
    void updatePreview();

Q_SIGNALS:
    void saved(const protocol::NotificationRule &rule);
    // A preview came back (or could not be asked for).
    void previewUpdated();

private:
    struct Mapping {
        QString part;     // header, body, button
        qint64 index = 0; // a button's index
        bool required = true;
        QLabel *label = nullptr;
        QComboBox *source = nullptr;
        QLineEdit *value = nullptr;
    };
    const protocol::Template *current() const;
    void templateChanged();
    void addMapping(const QString &part, qint64 index, bool required, const QString &label, const protocol::ParameterSource &initial,
                    const QString &hint);
    void sourceChanged(Mapping &mapping);
    void schedulePreview();
    void showPreview(const QString &text, const QString &error);
    void showError(const QString &text);
    void save();

    client::ApiClient *m_api;
    std::optional<protocol::NotificationRule> m_rule;
    QList<protocol::Template> m_templates;
    QComboBox *m_event = nullptr;
    QComboBox *m_template = nullptr;
    QLabel *m_templateState = nullptr;
    QGridLayout *m_mappingGrid = nullptr;
    QLabel *m_noPlaceholders = nullptr;
    QList<Mapping> m_mappings;
    QCheckBox *m_quietHours = nullptr;
    QCheckBox *m_enabled = nullptr;
    QPlainTextEdit *m_sample = nullptr;
    QTextBrowser *m_preview = nullptr;
    QLabel *m_previewError = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_save = nullptr;
    QTimer *m_previewTimer = nullptr;
    int m_previewSeq = 0;
};

} // namespace puente::ui
