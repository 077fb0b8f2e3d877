#pragma once

#include "protocol/types.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTimer;

namespace puente::client {
class ApiClient;
struct ApiError;
}

namespace puente::ui {

// "Import chat": an old WhatsApp chat (the .txt or .zip of "Export chat")
// brought into Puente. The file is read here first — what it is, who wrote
// it, the contact's number if the file's name gives it — so the admin says
// which author is the company before anything is sent; then it is uploaded
// and followed as a job on the server until its report.
class ImportChatDialog : public QDialog {
    Q_OBJECT
public:
    // `contactPhone`: the chat the file was dropped on (empty: from the file).
    ImportChatDialog(client::ApiClient *api, const QString &path, const QString &contactPhone, QWidget *parent = nullptr);

    // What a job's (or the local reading's) error code means, in words.
    static QString explain(const QString &code, const QString &serverMessage);

    // For tests and screenshots.
    QLabel *summary() const { return m_summary; }
    QComboBox *companyChoice() const { return m_company; }
    QLineEdit *contactField() const { return m_contact; }
    QComboBox *timeZoneChoice() const { return m_zone; }
    QPushButton *importButton() const { return m_import; }
    QLabel *result() const { return m_result; }
    QPushButton *openButton() const { return m_open; }
    QProgressBar *progress() const { return m_progress; }

Q_SIGNALS:
    // The file has been read here (its summary and authors shown, or why not).
    void fileRead();
    void openConversation(qint64 conversationId);
    void finished(const protocol::ChatImport &job);

private:
    void readLocally();
    void start();
    void poll();
    void showJob(const protocol::ChatImport &job);
    void fail(const QString &text);
    void updateImportButton();

    client::ApiClient *m_api;
    QString m_path;
    bool m_zip = false;
    qint64 m_jobId = 0;
    qint64 m_conversation = 0;
    QLabel *m_summary = nullptr;
    QWidget *m_form = nullptr;
    QComboBox *m_company = nullptr;
    QLineEdit *m_contact = nullptr;
    QComboBox *m_zone = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_result = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_import = nullptr;
    QPushButton *m_open = nullptr;
    QTimer *m_poll = nullptr;
};

} // namespace puente::ui
