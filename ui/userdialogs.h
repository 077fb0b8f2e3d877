#pragma once

#include "protocol/types.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace puente::client {
class ApiClient;
struct ApiError;
} // namespace puente::client

namespace puente::ui {

// A strong random password to hand to a colleague (16 characters from
// letters, digits and a few symbols, none that are easily confused).
QString generatePassword();

// A new user of the company: name, email, role and a first password the
// admin passes on (typed or generated, shown in clear). The server's
// refusals appear under the field they are about.
class NewUserDialog : public QDialog {
    Q_OBJECT
public:
    explicit NewUserDialog(client::ApiClient *api, QWidget *parent = nullptr);

    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *emailEdit() const { return m_email; }
    QComboBox *roleBox() const { return m_role; }
    QLineEdit *passwordEdit() const { return m_password; }
    // The message under a field ("name", "email", "password"), or the
    // dialog's general one for "".
    QString errorText(const QString &field) const;

public Q_SLOTS:
    void generate();
    void create();

Q_SIGNALS:
    void created(const puente::protocol::User &user);
    void failed();

private:
    void showError(const client::ApiError &error);
    void setFieldError(QLabel *label, const QString &text);
    void clearErrors();

    client::ApiClient *m_api;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_email = nullptr;
    QComboBox *m_role = nullptr;
    QLineEdit *m_password = nullptr;
    QLabel *m_nameError = nullptr;
    QLabel *m_emailError = nullptr;
    QLabel *m_passwordError = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_create = nullptr;
};

// A new password for a user, generated (or typed) and set with
// PATCH /api/users/{id}; every session of the user ends.
class ResetPasswordDialog : public QDialog {
    Q_OBJECT
public:
    ResetPasswordDialog(client::ApiClient *api, const protocol::User &user, QWidget *parent = nullptr);

    QLineEdit *passwordEdit() const { return m_password; }
    QString errorText() const;

public Q_SLOTS:
    void generate();
    void reset();

Q_SIGNALS:
    void passwordReset(const puente::protocol::User &user, const QString &password);
    void failed();

private:
    client::ApiClient *m_api;
    protocol::User m_user;
    QLineEdit *m_password = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_set = nullptr;
};

} // namespace puente::ui
