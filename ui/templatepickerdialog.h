#pragma once

#include "protocol/templatetext.h"
#include "protocol/types.h"

#include <QDialog>
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

    // The chosen template with its values, for a send of type template
    // (SendMessage::templateSend).
    protocol::TemplateSend templateSend() const;
    QString previewText() const;
    // The templates as the template list gave them (tests); only approved
    // ones are offered.
    void setTemplates(const QList<protocol::Template> &templates);

Q_SIGNALS:
    void templatesLoaded(int approved);

private:
    void load();
    void nameChanged();
    void languageChanged();
    void updatePreview();
    // The chosen template, or null.
    const protocol::Template *current() const;

    client::ApiClient *m_api;
    QList<protocol::Template> m_templates; // approved only
    QComboBox *m_name = nullptr;
    QComboBox *m_language = nullptr;
    QFormLayout *m_parametersForm = nullptr;
    QList<QLineEdit *> m_fields;
    QList<protocol::templatetext::Placeholder> m_placeholders;
    QTextBrowser *m_preview = nullptr;
    QLabel *m_state = nullptr;
    QPushButton *m_send = nullptr;
};

} // namespace puente::ui
