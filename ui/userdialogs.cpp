#include "userdialogs.h"

#include "adminpage.h"
#include "client/apiclient.h"
#include "theme.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSet>
#include <QVBoxLayout>

namespace puente::ui {

QString generatePassword()
{
    // No 0/O, 1/l/I: the password may be read out or copied by hand.
    static const QString alphabet = QStringLiteral("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_.!?#");
    QString password;
    do {
        password.clear();
        for (int i = 0; i < 16; ++i)
            password += alphabet.at(int(QRandomGenerator::system()->bounded(quint32(alphabet.size()))));
    } while (QSet<QChar>(password.cbegin(), password.cend()).size() < 8);
    return password;
}

namespace {

// A field with its error line under it, as one form row.
QWidget *withError(QWidget *field, QLabel *error, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field);
    layout->addWidget(error);
    return box;
}

QString weakPasswordText()
{
    return QCoreApplication::translate("puente::ui::NewUserDialog",
                                       "Too weak: use at least 10 characters with at least 5 different ones, and not a common password "
                                       "(or press Generate).");
}

} // namespace

NewUserDialog::NewUserDialog(client::ApiClient *api, QWidget *parent) : QDialog(parent), m_api(api)
{
    setObjectName(QStringLiteral("newUserDialog"));
    setWindowTitle(tr("New user"));
    setMinimumWidth(500);
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_name = new QLineEdit(this);
    m_name->setPlaceholderText(tr("First and last name"));
    m_nameError = errorLine(this, QStringLiteral("nameError"));
    form->addRow(tr("Name"), withError(m_name, m_nameError, this));

    m_email = new QLineEdit(this);
    m_email->setPlaceholderText(tr("name@company.com"));
    m_emailError = errorLine(this, QStringLiteral("emailError"));
    form->addRow(tr("Email"), withError(m_email, m_emailError, this));

    m_role = new QComboBox(this);
    m_role->addItem(tr("Agent: answers conversations"), protocol::enumName(protocol::Role::Agent));
    m_role->addItem(tr("Administrator: also manages users, keys and WhatsApp"), protocol::enumName(protocol::Role::TenantAdmin));
    form->addRow(tr("Role"), m_role);

    m_password = new QLineEdit(this);
    m_password->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_password->setPlaceholderText(tr("At least 10 characters"));
    auto *generateButton = new QPushButton(tr("Generate"), this);
    generateButton->setObjectName(QStringLiteral("generate"));
    connect(generateButton, &QPushButton::clicked, this, &NewUserDialog::generate);
    auto *copyButton = new QPushButton(tr("Copy"), this);
    copyButton->setObjectName(QStringLiteral("copy"));
    connect(copyButton, &QPushButton::clicked, this, [this] { QGuiApplication::clipboard()->setText(m_password->text()); });
    auto *passwordRow = new QWidget(this);
    auto *row = new QHBoxLayout(passwordRow);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_password, 1);
    row->addWidget(generateButton);
    row->addWidget(copyButton);
    m_passwordError = errorLine(this, QStringLiteral("passwordError"));
    form->addRow(tr("First password"), withError(passwordRow, m_passwordError, this));
    layout->addLayout(form);
    // A field's error goes as soon as the field is corrected, not at the
    // next submit.
    for (auto [edit, label] : {std::pair{m_name, m_nameError}, std::pair{m_email, m_emailError}, std::pair{m_password, m_passwordError}})
        connect(edit, &QLineEdit::textEdited, this, [this, label = label] { setFieldError(label, QString()); });

    auto *hint = new QLabel(tr("Give the password to the new user yourself; they sign in with their email and this password."), this);
    hint->setWordWrap(true);
    hint->setStyleSheet(QStringLiteral("color: %1").arg(theme::muted().name()));
    layout->addWidget(hint);

    m_error = errorLine(this, QStringLiteral("error"));
    layout->addWidget(m_error);

    m_create = addDialogButtons(this, layout, tr("Create user"), QStringLiteral("create"), [this] { create(); });
}

QString NewUserDialog::errorText(const QString &field) const
{
    const QLabel *label = field == QLatin1String("name")       ? m_nameError
                          : field == QLatin1String("email")    ? m_emailError
                          : field == QLatin1String("password") ? m_passwordError
                                                               : m_error;
    return label->isHidden() ? QString() : label->text();
}

void NewUserDialog::generate()
{
    m_password->setText(generatePassword());
    setFieldError(m_passwordError, QString());
}

void NewUserDialog::setFieldError(QLabel *label, const QString &text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
    growToFit(this);
}

void NewUserDialog::clearErrors()
{
    for (QLabel *l : {m_nameError, m_emailError, m_passwordError, m_error})
        setFieldError(l, QString());
}

void NewUserDialog::create()
{
    clearErrors();
    bool missing = false;
    for (auto [edit, label] : {std::pair{m_name, m_nameError}, std::pair{m_email, m_emailError}, std::pair{m_password, m_passwordError}})
        if (edit->text().trimmed().isEmpty()) {
            setFieldError(label, tr("Required."));
            if (!missing)
                edit->setFocus();
            missing = true;
        }
    if (missing) {
        Q_EMIT failed();
        return;
    }
    m_create->setEnabled(false);
    const protocol::CreateUser body{m_email->text().trimmed(), m_name->text().trimmed(), m_role->currentData().toString(), m_password->text()};
    m_api->call<protocol::route::CreateUser>(body).then(this, [this](const protocol::User &user) {
        m_create->setEnabled(true);
        Q_EMIT created(user);
        accept();
    }, [this](const client::ApiError &error) {
        m_create->setEnabled(true);
        showError(error);
        Q_EMIT failed();
    });
}

void NewUserDialog::showError(const client::ApiError &error)
{
    using protocol::ErrorCode;
    const ErrorCode code = error.code;
    if (code == ErrorCode::InvalidEmail) {
        setFieldError(m_emailError, tr("This is not a valid email address."));
        m_email->setFocus();
    } else if (code == ErrorCode::EmailTaken) {
        setFieldError(m_emailError, tr("Someone in your company already uses this email."));
        m_email->setFocus();
    } else if (code == ErrorCode::WeakPassword) {
        setFieldError(m_passwordError, weakPasswordText());
        m_password->setFocus();
    } else if (code == ErrorCode::InvalidName) {
        setFieldError(m_nameError, tr("Write a name of up to 200 characters."));
        m_name->setFocus();
    } else if (code == ErrorCode::PlanLimitReached) {
        setFieldError(m_error, tr("Your company's plan has no room for more active users. Deactivate someone who no longer needs access, "
                                  "or ask your platform operator for a bigger plan."));
    } else {
        setFieldError(m_error, AdminText::actionError(error));
    }
}

ResetPasswordDialog::ResetPasswordDialog(client::ApiClient *api, const protocol::User &user, QWidget *parent)
    : QDialog(parent), m_api(api), m_user(user)
{
    setObjectName(QStringLiteral("resetPasswordDialog"));
    setWindowTitle(tr("Reset password"));
    setMinimumWidth(480);
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Set a new password for %1 (%2). They are signed out everywhere and sign in again with the new password.")
                                 .arg(user.name, user.email),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *row = new QHBoxLayout;
    m_password = new QLineEdit(this);
    m_password->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    row->addWidget(m_password, 1);
    auto *generateButton = new QPushButton(tr("Generate"), this);
    generateButton->setObjectName(QStringLiteral("generate"));
    connect(generateButton, &QPushButton::clicked, this, &ResetPasswordDialog::generate);
    row->addWidget(generateButton);
    layout->addLayout(row);
    m_error = errorLine(this, QStringLiteral("error"));
    layout->addWidget(m_error);
    m_set = addDialogButtons(this, layout, tr("Set password"), QStringLiteral("set"), [this] { reset(); });
    generate();
}

QString ResetPasswordDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void ResetPasswordDialog::generate()
{
    m_password->setText(generatePassword());
    m_error->hide();
}

void ResetPasswordDialog::reset()
{
    m_error->hide();
    m_set->setEnabled(false);
    const QString password = m_password->text();
    protocol::UpdateUser changes;
    changes.password = password;
    m_api->callOn<protocol::route::UpdateUser>(m_user.id, changes).then(this, [this, password](const protocol::User &user) {
        m_set->setEnabled(true);
        Q_EMIT passwordReset(user, password);
        accept();
    }, [this](const client::ApiError &error) {
        m_set->setEnabled(true);
        m_error->setText(error.code == protocol::ErrorCode::WeakPassword ? weakPasswordText() : AdminText::actionError(error));
        m_error->show();
        growToFit(this);
        Q_EMIT failed();
    });
}

} // namespace puente::ui
