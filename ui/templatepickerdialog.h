#pragma once

#include <QDialog>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QTextBrowser;

namespace puente::client {
class ApiClient;
}

namespace puente::ui {

// Choosing an approved message template for a contact whose 24-hour window
// is closed: template, language, one field per placeholder, and a preview
// of the message as the contact will read it.
class TemplatePickerDialog : public QDialog {
    Q_OBJECT
public:
    explicit TemplatePickerDialog(client::ApiClient *api, const QString &contactName, QWidget *parent = nullptr);

    // {"name","language","components":[...]} for POST .../messages (type template).
    QJsonObject templatePayload() const;
    QString previewText() const;
    // The templates as GET /api/whatsapp/templates gave them (tests).
    void setTemplates(const QJsonArray &templates);

Q_SIGNALS:
    void templatesLoaded(int approved);

private:
    struct Placeholder {
        QString component; // header / body
        QString name;      // "1" or a named parameter
    };
    void load();
    void nameChanged();
    void languageChanged();
    void updatePreview();
    QJsonObject current() const;

    client::ApiClient *m_api;
    QJsonArray m_templates; // approved only
    QComboBox *m_name = nullptr;
    QComboBox *m_language = nullptr;
    QFormLayout *m_parametersForm = nullptr;
    QList<QLineEdit *> m_fields;
    QList<Placeholder> m_placeholders;
    QTextBrowser *m_preview = nullptr;
    QLabel *m_state = nullptr;
    QPushButton *m_send = nullptr;
};

} // namespace puente::ui
