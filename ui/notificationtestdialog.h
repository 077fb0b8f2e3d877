#pragma once

#include "protocol/types.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace puente::client {
class ApiClient;
struct ApiError;
} // namespace puente::client

namespace puente::ui {

// Sends one notification of a rule's event to a number, as the CRM would
// (POST /api/notifications), to see what a candidate receives: the event
// is the rule's, the data starts as the rule editor's sample. The answer
// (the notification's id and status) or why it was refused stays on show,
// the refusal under the field it concerns.
class NotificationTestDialog : public QDialog {
    Q_OBJECT
public:
    NotificationTestDialog(client::ApiClient *api, const protocol::NotificationRule &rule, QWidget *parent = nullptr);

    QLineEdit *eventEdit() const { return m_event; }
    QLineEdit *phoneEdit() const { return m_phone; }
    QPlainTextEdit *dataEdit() const { return m_data; }
    QPushButton *sendButton() const { return m_send; }
    // Under the phone, under the data, and for the rest.
    QLabel *phoneError() const { return m_phoneError; }
    QLabel *dataError() const { return m_dataError; }
    QLabel *errorLabel() const { return m_error; }
    // What the server answered: the notification's id and status.
    QLabel *resultLabel() const { return m_result; }

public Q_SLOTS:
    void send();

Q_SIGNALS:
    // The server accepted it (whatever its status).
    void sent(const protocol::Notification &notification);
    // Refused here (not JSON, no phone) or by the server.
    void failed();

private:
    void clearErrors();
    void showRefusal(const client::ApiError &error);
    void showError(QLabel *where, QWidget *field, const QString &text);

    client::ApiClient *m_api;
    protocol::NotificationRule m_rule;
    QLineEdit *m_event = nullptr;
    QLineEdit *m_phone = nullptr;
    QLabel *m_phoneError = nullptr;
    QPlainTextEdit *m_data = nullptr;
    QLabel *m_dataError = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_result = nullptr;
    QPushButton *m_send = nullptr;
};

} // namespace puente::ui
