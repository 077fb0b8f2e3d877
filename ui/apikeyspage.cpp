#include "apikeyspage.h"

#include "apikeydialog.h"
#include "secretdialog.h"

#include <QPushButton>
#include <QTableWidget>

namespace puente::ui {

namespace {
enum Column { NameColumn, PrefixColumn, ScopesColumn, CreatedColumn, LastUsedColumn, StatusColumn };
} // namespace

ApiKeysPage::ApiKeysPage(client::ApiClient *api, QWidget *parent)
    : AdminTablePage(api, tr("API keys"),
                     tr("Keys let your company's other programs (a CRM, a script) read conversations and send messages through "
                        "Puente. They send the key as “Authorization: Bearer <key>”."),
                     parent)
{
    m_create = addAction(tr("Create key…"), &ApiKeysPage::createKey);
    m_revoke = addAction(tr("Revoke…"), &ApiKeysPage::revokeKey);
    addList({tr("Name"), tr("Prefix"), tr("Permissions"), tr("Created"), tr("Last used"), tr("Status")}, ScopesColumn);
    updateActions();
    refresh();
}

void ApiKeysPage::refresh()
{
    loadRows<protocol::route::ListApiKeys>(tr("the API keys"), m_keys, [this](int row, const protocol::ApiKey &key) {
        const bool revoked = key.revokedAt.value_or(0) > 0;
        QStringList scopes;
        QStringList scopesShort;
        for (protocol::ApiScope scope : key.scopes) {
            scopes.append(CreateApiKeyDialog::scopeText(scope));
            scopesShort.append(CreateApiKeyDialog::scopeShortText(scope));
        }
        setCell(row, NameColumn, key.name, revoked)->setData(kIdRole, key.id);
        setCell(row, PrefixColumn, key.prefix + QStringLiteral("…"), revoked);
        setCell(row, ScopesColumn, scopesShort.join(QStringLiteral(", ")), revoked)->setToolTip(scopes.join(QLatin1Char('\n')));
        setCell(row, CreatedColumn, AdminText::when(key.createdAt, QString()), revoked);
        setCell(row, LastUsedColumn, AdminText::when(key.lastUsedAt, tr("Never")), revoked);
        setCell(row, StatusColumn, revoked ? tr("Revoked · %1").arg(AdminText::when(key.revokedAt, QString())) : tr("Active"), revoked);
    }, tr("No API keys yet. Create one when a program of your company needs to use Puente."));
}

void ApiKeysPage::updateActions()
{
    const auto key = selectedKey();
    m_create->setEnabled(!m_table->isHidden());
    m_revoke->setEnabled(key && !key->revokedAt);
}

void ApiKeysPage::createKey()
{
    auto *dialog = new CreateApiKeyDialog(m_api, this);
    connect(dialog, &CreateApiKeyDialog::created, this, [this](const QString &secret, const protocol::ApiKey &key) {
        m_notice->showInfo(tr("Key “%1” created.").arg(key.name));
        Q_EMIT keyCreated(key);
        openDialog(new SecretDialog(tr("Your new API key"),
                                    tr("This is the key “%1”. Paste it into the program that will use it.").arg(key.name), secret, this));
        refresh();
    });
    openDialog(dialog);
}

void ApiKeysPage::revokeKey()
{
    const auto key = selectedKey();
    if (!key || key->revokedAt)
        return;
    const QString name = key->name;
    const qint64 id = key->id;
    confirm(this, tr("Revoke API key"),
            tr("Revoke the key “%1”? It stops working at once: whatever uses it can no longer reach Puente. This cannot be undone.")
                .arg(name),
            tr("Revoke"), [this, name, id] {
                m_api->callOn<protocol::route::RevokeApiKey>(id).then(this, [this, name, id] {
                    m_notice->showInfo(tr("Key “%1” revoked.").arg(name));
                    Q_EMIT keyRevoked(id);
                    refresh();
                }, [this](const client::ApiError &error) {
                    m_notice->showError(AdminText::actionError(error));
                    refresh();
                });
            });
}

} // namespace puente::ui
