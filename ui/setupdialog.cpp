#include "setupdialog.h"

#include "adminpage.h"

#include "domain/user.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace puente::ui {

namespace {
const QString kForm = QStringLiteral("form");

QLabel *explanation(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    // Under its radio button's text, not under the button's circle.
    label->setContentsMargins(24, 0, 0, 0);
    return label;
}

QLabel *errorLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #a4262c;"));
    label->hide();
    return label;
}
} // namespace

SetupDialog::SetupDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Welcome to Puente"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 24, 24, 24);
    layout->setSpacing(10);

    auto *heading = new QLabel(tr("Welcome to Puente"), this);
    QFont headingFont = heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.4);
    headingFont.setBold(true);
    heading->setFont(headingFont);
    layout->addWidget(heading);
    auto *intro = new QLabel(tr("Nobody uses this computer's Puente yet. How do you want to start?"), this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addSpacing(6);

    m_companyChoice = new QRadioButton(tr("Set up my company"), this);
    m_companyChoice->setObjectName(QStringLiteral("companyChoice"));
    m_companyChoice->setChecked(true);
    layout->addWidget(m_companyChoice);
    layout->addWidget(explanation(tr("Create your company's account. You will be its administrator and can add your "
                                     "team afterwards."),
                                  this));

    m_companyForm = new QWidget(this);
    auto *form = new QFormLayout(m_companyForm);
    form->setContentsMargins(24, 4, 0, 8);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto addField = [&](const QString &key, const QString &label, QLineEdit *edit, const QString &hint = {}) {
        edit->setObjectName(key);
        auto *column = new QVBoxLayout;
        column->setSpacing(2);
        column->addWidget(edit);
        if (!hint.isEmpty()) {
            auto *h = explanation(hint, m_companyForm);
            h->setContentsMargins(0, 0, 0, 0);
            column->addWidget(h);
        }
        auto *error = errorLabel(key + QStringLiteral("Error"), m_companyForm);
        column->addWidget(error);
        m_errors.insert(key, error);
        connect(edit, &QLineEdit::textEdited, error, &QWidget::hide); // corrected by the user: the error goes
        form->addRow(label, column);
    };
    m_company = new QLineEdit(m_companyForm);
    m_company->setPlaceholderText(tr("for example: Acme Recruiting"));
    addField(QStringLiteral("company"), tr("Company name:"), m_company);
    m_name = new QLineEdit(m_companyForm);
    addField(QStringLiteral("name"), tr("Your name:"), m_name);
    m_email = new QLineEdit(m_companyForm);
    m_email->setPlaceholderText(tr("name@company.com"));
    addField(QStringLiteral("email"), tr("Your email:"), m_email);
    m_password = new QLineEdit(m_companyForm);
    m_password->setEchoMode(QLineEdit::Password);
    addField(QStringLiteral("password"), tr("Password:"), m_password, tr("At least 10 characters."));
    m_confirmation = new QLineEdit(m_companyForm);
    m_confirmation->setEchoMode(QLineEdit::Password);
    addField(QStringLiteral("confirmation"), tr("Password again:"), m_confirmation);
    layout->addWidget(m_companyForm);

    m_demoChoice = new QRadioButton(tr("Try the demo (Sandbox)"), this);
    m_demoChoice->setObjectName(QStringLiteral("demoChoice"));
    layout->addWidget(m_demoChoice);
    layout->addWidget(explanation(tr("A WhatsApp emulator with sample candidates who write in, so that you can try "
                                     "everything. Nothing is sent to WhatsApp. You can set up your company later."),
                                  this));

    auto *formError = errorLabel(QStringLiteral("formError"), this);
    m_errors.insert(kForm, formError);
    layout->addWidget(formError);
    layout->addStretch();

    auto *buttons = new QDialogButtonBox(this);
    m_ok = buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_ok->setObjectName(QStringLiteral("ok"));
    m_ok->setDefault(true);
    buttons->addButton(QDialogButtonBox::Cancel)->setAutoDefault(false); // Enter in a field creates, never cancels
    connect(buttons, &QDialogButtonBox::accepted, this, &SetupDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(m_companyChoice, &QRadioButton::toggled, this, &SetupDialog::updateChoice);
    updateChoice();
    m_company->setFocus();
    resize(520, 0);
    fitHeight();
}

SetupDialog::~SetupDialog() = default;

void SetupDialog::setCompanyCreator(CompanyCreator create)
{
    m_create = std::move(create);
}

SetupDialog::Choice SetupDialog::choice() const
{
    return m_demoChoice->isChecked() ? Choice::Demo : Choice::Company;
}

QString SetupDialog::company() const
{
    return m_company->text().simplified();
}

QString SetupDialog::adminName() const
{
    return m_name->text().simplified();
}

QString SetupDialog::email() const
{
    return m_email->text().trimmed();
}

QString SetupDialog::password() const
{
    return m_password->text();
}

QString SetupDialog::errorText(const QString &field) const
{
    const QLabel *label = m_errors.value(field);
    return label && !label->isHidden() ? label->text() : QString();
}

void SetupDialog::submit()
{
    clearErrors();
    if (choice() == Choice::Demo) {
        accept();
        return;
    }
    if (!validate())
        return;
    if (!m_create) {
        accept();
        return;
    }
    m_ok->setEnabled(false);
    const Status created = m_create(company(), adminName(), email(), password());
    m_ok->setEnabled(true);
    if (!created) {
        showServerError(created.error().code, created.error().message);
        return;
    }
    accept();
}

bool SetupDialog::validate()
{
    QLineEdit *first = nullptr;
    auto problem = [&](const QString &field, QLineEdit *edit, const QString &message) {
        setFieldError(field, message);
        if (!first)
            first = edit;
    };
    if (company().isEmpty())
        problem(QStringLiteral("company"), m_company, tr("Type your company's name."));
    if (adminName().isEmpty())
        problem(QStringLiteral("name"), m_name, tr("Type your name."));
    if (!normalizeEmail(email()))
        problem(QStringLiteral("email"), m_email, tr("Type a valid email address, like ana@company.com."));
    if (password().isEmpty())
        problem(QStringLiteral("password"), m_password, tr("Choose a password."));
    else if (m_confirmation->text() != password())
        problem(QStringLiteral("confirmation"), m_confirmation, tr("The two passwords are different: type the same password twice."));
    if (first)
        first->setFocus();
    return !first;
}

void SetupDialog::showServerError(const QString &code, const QString &message)
{
    if (code == QLatin1String("weak_password")) {
        // The server's rules (checkPasswordPolicy), in the user's language.
        setFieldError(QStringLiteral("password"),
                      tr("This password is too weak. Use at least 10 characters, with at least 5 different ones, and "
                         "not a common password like “password123”."));
        m_password->clear();
        m_confirmation->clear();
        m_password->setFocus();
    } else if (code == QLatin1String("invalid_email") || code == QLatin1String("email_taken")) {
        setFieldError(QStringLiteral("email"), tr("Type a valid email address, like ana@company.com."));
        m_email->setFocus();
    } else if (code == QLatin1String("already_set_up")) {
        setFieldError(kForm, tr("This Puente already has a company: close this window and sign in."));
    } else {
        setFieldError(kForm, tr("The company could not be created: %1").arg(message));
    }
}

void SetupDialog::setFieldError(const QString &field, const QString &message)
{
    if (QLabel *label = m_errors.value(field)) {
        label->setText(message);
        label->setVisible(!message.isEmpty());
    }
    fitHeight();
}

void SetupDialog::fitHeight(bool shrink)
{
    ui::fitHeight(this, shrink);
}

void SetupDialog::clearErrors()
{
    for (QLabel *label : std::as_const(m_errors))
        label->hide();
}

void SetupDialog::updateChoice()
{
    const bool company = m_companyChoice->isChecked();
    m_companyForm->setVisible(company);
    m_ok->setText(company ? tr("Create my company") : tr("Start the demo"));
    fitHeight(true); // the company form comes and goes
}

} // namespace puente::ui
