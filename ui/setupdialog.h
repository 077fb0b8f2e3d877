#pragma once

#include "common/result.h"

#include <QDialog>
#include <QHash>

#include <functional>

class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QWidget;

namespace puente::ui {

// The first start in local mode, when the database is empty ("Welcome to
// Puente"): set up the company (its name, the first administrator's name,
// email and password) or try the demo (the Sandbox). The form is checked
// here (required fields, email, the two passwords the same); the password
// rules are the server's, whose refusal the dialog shows next to the field.
//
// With a CompanyCreator (the caller's LocalServer::createFirstTenant) the
// dialog creates the company itself, stays open on an error and accepts on
// success. Without one it accepts once the form is valid, and the caller
// creates the company and may reopen it with showServerError(). Choosing the
// demo accepts with choice() == Demo: the caller restarts in Sandbox mode.
class SetupDialog : public QDialog {
    Q_OBJECT
public:
    enum class Choice { Company, Demo };
    using CompanyCreator = std::function<Status(const QString &company, const QString &adminName, const QString &email,
                                                const QString &password)>;

    explicit SetupDialog(QWidget *parent = nullptr);
    ~SetupDialog() override;

    void setCompanyCreator(CompanyCreator create);

    Choice choice() const;
    QString company() const;
    QString adminName() const;
    QString email() const;
    QString password() const;

    // The server refused the company: `code` (weak_password, invalid_email,
    // ...) says which field it concerns, `message` is the server's English
    // for codes the dialog has no words of its own for.
    void showServerError(const QString &code, const QString &message);
    // What is shown under `field` ("company", "name", "email", "password",
    // "confirmation") or, with "form", below the form; empty when nothing.
    QString errorText(const QString &field) const;

public Q_SLOTS:
    // The main button: checks the form and creates the company, or accepts
    // the demo.
    void submit();

private:
    bool validate();
    void setFieldError(const QString &field, const QString &message);
    void clearErrors();
    void updateChoice();
    void fitHeight(bool shrink = false);

    CompanyCreator m_create;
    QRadioButton *m_companyChoice = nullptr;
    QRadioButton *m_demoChoice = nullptr;
    QWidget *m_companyForm = nullptr;
    QLineEdit *m_company = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_email = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_confirmation = nullptr;
    QHash<QString, QLabel *> m_errors;
    QPushButton *m_ok = nullptr;
};

} // namespace puente::ui
