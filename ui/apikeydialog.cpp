#include "apikeydialog.h"

#include "adminpage.h"
#include "client/apiclient.h"
#include "theme.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace puente::ui {

namespace {
// Each scope in words, and in a few words for the list of keys.
struct ScopeWords {
    protocol::ApiScope scope;
    const char *text;
    const char *shortText;
};
constexpr ScopeWords kScopeWords[] = {
    {protocol::ApiScope::ConversationsRead, QT_TRANSLATE_NOOP("puente::ui::CreateApiKeyDialog", "Read conversations and messages"),
     QT_TRANSLATE_NOOP("puente::ui::CreateApiKeyDialog", "read")},
    {protocol::ApiScope::ConversationsWrite, QT_TRANSLATE_NOOP("puente::ui::CreateApiKeyDialog", "Change conversations (assign, archive, mark read)"),
     QT_TRANSLATE_NOOP("puente::ui::CreateApiKeyDialog", "change")},
    {protocol::ApiScope::MessagesSend, QT_TRANSLATE_NOOP("puente::ui::CreateApiKeyDialog", "Send messages"),
     QT_TRANSLATE_NOOP("puente::ui::CreateApiKeyDialog", "send")},
    {protocol::ApiScope::Notifications, QT_TRANSLATE_NOOP("puente::ui::CreateApiKeyDialog", "Send the CRM's notifications (events to templates)"),
     QT_TRANSLATE_NOOP("puente::ui::CreateApiKeyDialog", "notifications")},
    {protocol::ApiScope::Campaigns, QT_TRANSLATE_NOOP("puente::ui::CreateApiKeyDialog", "Run campaigns (one template to a list of candidates)"),
     QT_TRANSLATE_NOOP("puente::ui::CreateApiKeyDialog", "campaigns")},
};

const ScopeWords *wordsOf(protocol::ApiScope scope)
{
    for (const ScopeWords &w : kScopeWords)
        if (w.scope == scope)
            return &w;
    return nullptr;
}
} // namespace

QList<protocol::ApiScope> CreateApiKeyDialog::scopes()
{
    QList<protocol::ApiScope> all;
    for (const ScopeWords &w : kScopeWords)
        all.append(w.scope);
    return all;
}

QString CreateApiKeyDialog::scopeText(protocol::ApiScope scope)
{
    const ScopeWords *w = wordsOf(scope);
    return w ? tr(w->text) : protocol::enumName(scope);
}

QString CreateApiKeyDialog::scopeShortText(protocol::ApiScope scope)
{
    const ScopeWords *w = wordsOf(scope);
    return w ? tr(w->shortText) : protocol::enumName(scope);
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
    for (protocol::ApiScope scope : scopes()) {
        auto *box = new QCheckBox(scopeText(scope), scopesBox);
        box->setObjectName(protocol::enumName(scope));
        box->setChecked(true);
        scopesLayout->addWidget(box);
        m_scopes.append(box);
    }
    form->addRow(tr("Allowed to"), scopesBox);
    layout->addLayout(form);
    m_error = errorLine(this);
    layout->addWidget(m_error);
    m_create = addDialogButtons(this, layout, tr("Create key"), QStringLiteral("create"), [this] { create(); });
    // The complaint goes when the user changes what it is about.
    connect(m_name, &QLineEdit::textEdited, m_error, &QLabel::hide);
    for (QCheckBox *box : std::as_const(m_scopes))
        connect(box, &QCheckBox::clicked, m_error, &QLabel::hide);
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
    QStringList scopes;
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
    m_api->call<protocol::route::CreateApiKey>(protocol::CreateApiKey{m_name->text().trimmed(), scopes})
        .then(this, [this](const protocol::CreatedApiKey &answer) {
            m_create->setEnabled(true);
            Q_EMIT created(answer.key, answer.apiKey);
            accept();
        }, [this, fail](const client::ApiError &error) {
            m_create->setEnabled(true);
            if (error.code == protocol::ErrorCode::InvalidName)
                fail(tr("The name must have 1 to 100 characters."));
            else if (error.code == protocol::ErrorCode::InvalidScope)
                fail(tr("The server does not accept these permissions: %1").arg(error.message));
            else
                fail(AdminText::actionError(error));
        });
}

} // namespace puente::ui
