#include "apikeyspage.h"

#include "adminpage.h"
#include "apikeydialog.h"
#include "client/apiclient.h"
#include "secretdialog.h"
#include "theme.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace puente::ui {

namespace {
enum Column { NameColumn, PrefixColumn, ScopesColumn, CreatedColumn, LastUsedColumn, StatusColumn, ColumnCount };
constexpr int KeyRole = Qt::UserRole + 1;
} // namespace

ApiKeysPage::ApiKeysPage(client::ApiClient *api, QWidget *parent) : QWidget(parent), m_api(api)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 20);
    auto *title = pageTitle(tr("API keys"), this);
    layout->addWidget(title);
    auto *intro = new QLabel(tr("Keys let your company's other programs (a CRM, a script) read conversations and send messages through "
                                "Puente. They send the key as “Authorization: Bearer <key>”."),
                             this);
    intro->setWordWrap(true);
    intro->setStyleSheet(QStringLiteral("color: %1").arg(theme::muted().name()));
    layout->addWidget(intro);

    auto *actions = new QHBoxLayout;
    m_create = new QPushButton(tr("Create key…"), this);
    m_revoke = new QPushButton(tr("Revoke…"), this);
    actions->addWidget(m_create);
    actions->addWidget(m_revoke);
    actions->addStretch();
    layout->addLayout(actions);
    connect(m_create, &QPushButton::clicked, this, &ApiKeysPage::createKey);
    connect(m_revoke, &QPushButton::clicked, this, &ApiKeysPage::revokeKey);

    m_notice = new Notice(this);
    layout->addWidget(m_notice);
    m_state = new PageState(this);
    connect(m_state, &PageState::retryRequested, this, &ApiKeysPage::refresh);
    layout->addWidget(m_state);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Prefix"), tr("Permissions"), tr("Created"), tr("Last used"), tr("Status")});
    setUpTable(m_table, ScopesColumn);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &ApiKeysPage::updateActions);
    layout->addWidget(m_table, 1);
    layout->addStretch(); // takes the room while the list is hidden (cannot load)

    updateActions();
    refresh();
}

void ApiKeysPage::refresh()
{
    if (m_table->rowCount() == 0)
        m_state->showLoading();
    m_api->get(QStringLiteral("api/api-keys"))->then(this, [this](const QJsonObject &answer) {
        showKeys(answer.value(QStringLiteral("items")).toArray());
        Q_EMIT loaded(true);
    }, [this](const client::ApiError &error) {
        m_table->setRowCount(0);
        m_table->setVisible(false);
        m_state->showError(error, tr("the API keys"));
        updateActions();
        Q_EMIT loaded(false);
    });
}

void ApiKeysPage::showKeys(const QJsonArray &keys)
{
    const qint64 selected = selectedKey().value(QStringLiteral("id")).toInteger();
    m_table->setVisible(true);
    m_table->setRowCount(0);
    m_table->setRowCount(int(keys.size()));
    for (int row = 0; row < keys.size(); ++row) {
        const QJsonObject key = keys.at(row).toObject();
        const qint64 revokedAt = key.value(QStringLiteral("revoked_at")).toInteger();
        QStringList scopes;
        QStringList scopesShort;
        for (const QJsonValue &s : key.value(QStringLiteral("scopes")).toArray()) {
            scopes.append(CreateApiKeyDialog::scopeText(s.toString()));
            scopesShort.append(CreateApiKeyDialog::scopeShortText(s.toString()));
        }
        auto set = [&](int column, const QString &text) {
            auto *item = new QTableWidgetItem(text);
            if (revokedAt > 0)
                item->setForeground(theme::muted());
            m_table->setItem(row, column, item);
            return item;
        };
        set(NameColumn, key.value(QStringLiteral("name")).toString())->setData(KeyRole, key);
        set(PrefixColumn, key.value(QStringLiteral("prefix")).toString() + QStringLiteral("…"));
        set(ScopesColumn, scopesShort.join(QStringLiteral(", ")))->setToolTip(scopes.join(QLatin1Char('\n')));
        set(CreatedColumn, AdminText::when(key.value(QStringLiteral("created_at")).toInteger(), QString()));
        set(LastUsedColumn, AdminText::when(key.value(QStringLiteral("last_used_at")).toInteger(), tr("Never")));
        set(StatusColumn, revokedAt > 0 ? tr("Revoked · %1").arg(AdminText::when(revokedAt, QString())) : tr("Active"));
        if (key.value(QStringLiteral("id")).toInteger() == selected)
            m_table->selectRow(row);
    }
    if (keys.isEmpty())
        m_state->showEmpty(tr("No API keys yet. Create one when a program of your company needs to use Puente."));
    else
        m_state->clear();
    updateActions();
}

int ApiKeysPage::rowOf(const QString &name) const
{
    for (int row = 0; row < m_table->rowCount(); ++row)
        if (m_table->item(row, NameColumn)->text() == name)
            return row;
    return -1;
}

bool ApiKeysPage::selectKey(const QString &name)
{
    const int row = rowOf(name);
    if (row < 0)
        return false;
    m_table->selectRow(row);
    return true;
}

QJsonObject ApiKeysPage::selectedKey() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    return m_table->item(rows.first().row(), NameColumn)->data(KeyRole).toJsonObject();
}

void ApiKeysPage::updateActions()
{
    const QJsonObject key = selectedKey();
    m_create->setEnabled(!m_table->isHidden());
    m_revoke->setEnabled(!key.isEmpty() && key.value(QStringLiteral("revoked_at")).isNull());
}

void ApiKeysPage::createKey()
{
    auto *dialog = new CreateApiKeyDialog(m_api, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CreateApiKeyDialog::created, this, [this](const QString &secret, const QJsonObject &key) {
        m_notice->showInfo(tr("Key “%1” created.").arg(key.value(QStringLiteral("name")).toString()));
        Q_EMIT keyCreated(key);
        auto *shown = new SecretDialog(tr("Your new API key"),
                                       tr("This is the key “%1”. Paste it into the program that will use it.")
                                           .arg(key.value(QStringLiteral("name")).toString()),
                                       secret, this);
        shown->setAttribute(Qt::WA_DeleteOnClose);
        shown->open();
        refresh();
    });
    dialog->open();
}

void ApiKeysPage::revokeKey()
{
    const QJsonObject key = selectedKey();
    if (key.isEmpty() || !key.value(QStringLiteral("revoked_at")).isNull())
        return;
    const QString name = key.value(QStringLiteral("name")).toString();
    const qint64 id = key.value(QStringLiteral("id")).toInteger();
    confirm(this, tr("Revoke API key"),
            tr("Revoke the key “%1”? It stops working at once: whatever uses it can no longer reach Puente. This cannot be undone.")
                .arg(name),
            tr("Revoke"), [this, name, id] {
                m_api->remove(QStringLiteral("api/api-keys/%1").arg(id))->then(this, [this, name, id](const QJsonObject &) {
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
