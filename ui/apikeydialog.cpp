#include "apikeydialog.h"

#include "adminpage.h"
#include "client/apiclient.h"
#include "theme.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace puente::ui {

QStringList CreateApiKeyDialog::scopes()
{
    return {QStringLiteral("conversations:read"), QStringLiteral("conversations:write"), QStringLiteral("messages:send")};
}

QString CreateApiKeyDialog::scopeText(const QString &scope)
{
    if (scope == QLatin1String("conversations:read"))
        return tr("Read conversations and messages");
    if (scope == QLatin1String("conversations:write"))
        return tr("Change conversations (assign, archive, mark read)");
    if (scope == QLatin1String("messages:send"))
        return tr("Send messages");
    return scope;
}

QString CreateApiKeyDialog::scopeShortText(const QString &scope)
{
    if (scope == QLatin1String("conversations:read"))
        return tr("read");
    if (scope == QLatin1String("conversations:write"))
        return tr("change");
    if (scope == QLatin1String("messages:send"))
        return tr("send");
    return scope;
}

CreateApiKeyDialog::CreateApiKeyDialog(client::ApiClient *api, QWidget *parent) : QDialog(parent), m_api(api)
{
    setObjectName(QStringLiteral("createApiKeyDialog"));
    setWindowTitle(tr("Create API key"));
    setMinimumWidth(480);
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("An API key lets another program of your company (a CRM, a script) use Puente. It can only do what "
                                "you tick here, never manage users or settings."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    m_name = new QLineEdit(this);
    m_name->setPlaceholderText(tr("What uses it, such as “CRM sync”"));
    form->addRow(tr("Name"), m_name);
    auto *scopesBox = new QWidget(this);
    auto *scopesLayout = new QVBoxLayout(scopesBox);
    scopesLayout->setContentsMargins(0, 0, 0, 0);
    for (const QString &scope : scopes()) {
        auto *box = new QCheckBox(scopeText(scope), scopesBox);
        box->setObjectName(scope);
        box->setChecked(true);
        scopesLayout->addWidget(box);
        m_scopes.append(box);
    }
    form->addRow(tr("Allowed to"), scopesBox);
    layout->addLayout(form);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: %1").arg(theme::danger().name()));
    m_error->hide();
    layout->addWidget(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    m_create = buttons->addButton(tr("Create key"), QDialogButtonBox::AcceptRole);
    m_create->setObjectName(QStringLiteral("create"));
    connect(buttons, &QDialogButtonBox::accepted, this, &CreateApiKeyDialog::create);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

QCheckBox *CreateApiKeyDialog::scopeBox(const QString &scope) const
{
    for (QCheckBox *box : m_scopes)
        if (box->objectName() == scope)
            return box;
    return nullptr;
}

QString CreateApiKeyDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void CreateApiKeyDialog::create()
{
    auto fail = [this](const QString &text) {
        m_error->setText(text);
        m_error->show();
        growToFit(this);
        Q_EMIT failed();
    };
    QJsonArray scopes;
    for (QCheckBox *box : std::as_const(m_scopes))
        if (box->isChecked())
            scopes.append(box->objectName());
    if (m_name->text().trimmed().isEmpty()) {
        m_name->setFocus();
        return fail(tr("Give the key a name, so you know later what uses it."));
    }
    if (scopes.isEmpty())
        return fail(tr("Tick at least one thing the key may do."));
    m_error->hide();
    m_create->setEnabled(false);
    m_api->post(QStringLiteral("api/api-keys"), {{QStringLiteral("name"), m_name->text().trimmed()}, {QStringLiteral("scopes"), scopes}})
        ->then(this, [this](const QJsonObject &answer) {
            m_create->setEnabled(true);
            Q_EMIT created(answer.value(QStringLiteral("key")).toString(), answer.value(QStringLiteral("api_key")).toObject());
            accept();
        }, [this, fail](const client::ApiError &error) {
            m_create->setEnabled(true);
            if (error.code == QLatin1String("invalid_name"))
                fail(tr("The name must have 1 to 100 characters."));
            else if (error.code == QLatin1String("invalid_scope"))
                fail(tr("The server does not accept these permissions: %1").arg(error.message));
            else
                fail(AdminText::actionError(error));
        });
}

} // namespace puente::ui
