#include "userspage.h"

#include "adminpage.h"
#include "client/apiclient.h"
#include "secretdialog.h"
#include "theme.h"
#include "userdialogs.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace puente::ui {

namespace {
enum Column { NameColumn, EmailColumn, RoleColumn, StatusColumn, LastSignInColumn, ColumnCount };
constexpr int UserRole = Qt::UserRole + 1;

bool isAdmin(const QJsonObject &user)
{
    return user.value(QStringLiteral("role")).toString() == QLatin1String("tenant_admin");
}

QString nameOf(const QJsonObject &user)
{
    return user.value(QStringLiteral("name")).toString();
}
} // namespace

UsersPage::UsersPage(client::ApiClient *api, qint64 currentUserId, QWidget *parent)
    : QWidget(parent), m_api(api), m_currentUserId(currentUserId)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 20);
    auto *title = pageTitle(tr("Users"), this);
    layout->addWidget(title);
    auto *intro = new QLabel(tr("The people of your company who use Puente. Agents answer conversations; administrators also manage "
                                "users, API keys, templates and WhatsApp."),
                             this);
    intro->setWordWrap(true);
    intro->setStyleSheet(QStringLiteral("color: %1").arg(theme::muted().name()));
    layout->addWidget(intro);

    auto *actions = new QHBoxLayout;
    m_new = new QPushButton(tr("New user…"), this);
    m_role = new QPushButton(tr("Change role…"), this);
    m_active = new QPushButton(tr("Deactivate…"), this);
    m_reset = new QPushButton(tr("Reset password…"), this);
    for (QPushButton *b : {m_new, m_role, m_active, m_reset})
        actions->addWidget(b);
    actions->addStretch();
    layout->addLayout(actions);
    connect(m_new, &QPushButton::clicked, this, &UsersPage::newUser);
    connect(m_role, &QPushButton::clicked, this, &UsersPage::changeRole);
    connect(m_active, &QPushButton::clicked, this, &UsersPage::toggleActive);
    connect(m_reset, &QPushButton::clicked, this, &UsersPage::resetPassword);

    m_notice = new Notice(this);
    layout->addWidget(m_notice);
    m_state = new PageState(this);
    connect(m_state, &PageState::retryRequested, this, &UsersPage::refresh);
    layout->addWidget(m_state);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Email"), tr("Role"), tr("Status"), tr("Last sign-in")});
    setUpTable(m_table, EmailColumn);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &UsersPage::updateActions);
    layout->addWidget(m_table, 1);
    layout->addStretch(); // takes the room while the list is hidden (cannot load)

    updateActions();
    refresh();
}

void UsersPage::setCurrentUserId(qint64 id)
{
    m_currentUserId = id;
    updateActions();
}

void UsersPage::refresh()
{
    if (m_table->rowCount() == 0)
        m_state->showLoading();
    m_api->get(QStringLiteral("api/users"))->then(this, [this](const QJsonObject &answer) {
        showUsers(answer.value(QStringLiteral("items")).toArray());
        Q_EMIT loaded(true);
    }, [this](const client::ApiError &error) {
        m_table->setRowCount(0);
        m_table->setVisible(false);
        m_state->showError(error, tr("the users"));
        updateActions();
        Q_EMIT loaded(false);
    });
}

void UsersPage::showUsers(const QJsonArray &users)
{
    const qint64 selected = selectedUser().value(QStringLiteral("id")).toInteger();
    m_table->setVisible(true);
    m_table->setRowCount(0);
    m_table->setRowCount(int(users.size()));
    const QColor muted = theme::muted();
    for (int row = 0; row < users.size(); ++row) {
        const QJsonObject user = users.at(row).toObject();
        const bool active = user.value(QStringLiteral("active")).toBool();
        const bool you = user.value(QStringLiteral("id")).toInteger() == m_currentUserId;
        auto set = [&](int column, const QString &text) {
            auto *item = new QTableWidgetItem(text);
            if (!active)
                item->setForeground(muted);
            m_table->setItem(row, column, item);
            return item;
        };
        set(NameColumn, you ? tr("%1 (you)").arg(nameOf(user)) : nameOf(user))->setData(UserRole, user);
        set(EmailColumn, user.value(QStringLiteral("email")).toString());
        set(RoleColumn, isAdmin(user) ? tr("Administrator") : tr("Agent"));
        set(StatusColumn, active ? tr("Active") : tr("Deactivated"));
        set(LastSignInColumn, AdminText::when(user.value(QStringLiteral("last_login_at")).toInteger(), tr("Never")));
        if (user.value(QStringLiteral("id")).toInteger() == selected)
            m_table->selectRow(row);
    }
    if (users.isEmpty())
        m_state->showEmpty(tr("No users yet. Use “New user…” to add your colleagues."));
    else
        m_state->clear();
    updateActions();
}

int UsersPage::rowOf(const QString &email) const
{
    for (int row = 0; row < m_table->rowCount(); ++row)
        if (m_table->item(row, EmailColumn)->text().compare(email, Qt::CaseInsensitive) == 0)
            return row;
    return -1;
}

bool UsersPage::selectUser(const QString &email)
{
    const int row = rowOf(email);
    if (row < 0)
        return false;
    m_table->selectRow(row);
    return true;
}

QJsonObject UsersPage::selectedUser() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    return m_table->item(rows.first().row(), NameColumn)->data(UserRole).toJsonObject();
}

void UsersPage::updateActions()
{
    const QJsonObject user = selectedUser();
    const bool any = !user.isEmpty();
    const bool active = user.value(QStringLiteral("active")).toBool();
    const bool you = any && user.value(QStringLiteral("id")).toInteger() == m_currentUserId;
    m_new->setEnabled(!m_table->isHidden());
    m_role->setEnabled(any && active);
    m_reset->setEnabled(any && active);
    m_active->setText(any && !active ? tr("Reactivate…") : tr("Deactivate…"));
    m_active->setEnabled(any && !you);
    m_active->setToolTip(you ? tr("You cannot deactivate yourself. Another administrator can.") : QString());
}

void UsersPage::newUser()
{
    auto *dialog = new NewUserDialog(m_api, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &NewUserDialog::created, this, [this](const QJsonObject &user) {
        m_notice->showInfo(tr("%1 can now sign in with %2 and the password you gave them.")
                               .arg(nameOf(user), user.value(QStringLiteral("email")).toString()));
        Q_EMIT userChanged(user);
        refresh();
    });
    dialog->open();
}

void UsersPage::changeRole()
{
    const QJsonObject user = selectedUser();
    if (user.isEmpty())
        return;
    const bool admin = isAdmin(user);
    const bool you = user.value(QStringLiteral("id")).toInteger() == m_currentUserId;
    QString text = admin ? tr("Make %1 an agent? They will answer conversations but no longer manage users, API keys, templates or "
                              "WhatsApp.").arg(nameOf(user))
                         : tr("Make %1 an administrator? They will also manage users, API keys, templates and WhatsApp.").arg(nameOf(user));
    if (you && admin)
        text += QLatin1Char(' ') + tr("You will lose access to this page yourself.");
    confirm(this, tr("Change role"), text, admin ? tr("Make agent") : tr("Make administrator"), [this, user, admin] {
        update(user, {{QStringLiteral("role"), admin ? QStringLiteral("agent") : QStringLiteral("tenant_admin")}},
               admin ? tr("%1 is now an agent.").arg(nameOf(user)) : tr("%1 is now an administrator.").arg(nameOf(user)));
    });
}

void UsersPage::toggleActive()
{
    const QJsonObject user = selectedUser();
    if (user.isEmpty() || user.value(QStringLiteral("id")).toInteger() == m_currentUserId)
        return;
    if (user.value(QStringLiteral("active")).toBool()) {
        confirm(this, tr("Deactivate user"),
                tr("Deactivate %1? They are signed out at once and cannot sign in until reactivated. Their messages stay in the "
                   "conversations.").arg(nameOf(user)),
                tr("Deactivate"), [this, user] {
                    update(user, {{QStringLiteral("active"), false}}, tr("%1 is deactivated.").arg(nameOf(user)));
                });
    } else {
        confirm(this, tr("Reactivate user"), tr("Reactivate %1? They can sign in again with their password.").arg(nameOf(user)),
                tr("Reactivate"), [this, user] {
                    update(user, {{QStringLiteral("active"), true}}, tr("%1 can sign in again.").arg(nameOf(user)));
                });
    }
}

void UsersPage::resetPassword()
{
    const QJsonObject user = selectedUser();
    if (user.isEmpty())
        return;
    auto *dialog = new ResetPasswordDialog(m_api, user, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ResetPasswordDialog::passwordReset, this, [this](const QJsonObject &changed, const QString &password) {
        m_notice->showInfo(tr("%1 has a new password and was signed out everywhere.").arg(nameOf(changed)));
        Q_EMIT userChanged(changed);
        auto *shown = new SecretDialog(tr("New password"),
                                       tr("Give this password to %1. They sign in with %2 and this password.")
                                           .arg(nameOf(changed), changed.value(QStringLiteral("email")).toString()),
                                       password, this);
        shown->setAttribute(Qt::WA_DeleteOnClose);
        shown->open();
        refresh();
    });
    dialog->open();
}

void UsersPage::update(const QJsonObject &user, const QJsonObject &changes, const QString &done)
{
    m_notice->showInfo(QString());
    m_api->patch(QStringLiteral("api/users/%1").arg(user.value(QStringLiteral("id")).toInteger()), changes)
        ->then(this, [this, done](const QJsonObject &changed) {
            m_notice->showInfo(done);
            Q_EMIT userChanged(changed);
            refresh();
        }, [this, user](const client::ApiError &error) { actionFailed(user, error); });
}

void UsersPage::actionFailed(const QJsonObject &user, const client::ApiError &error)
{
    if (error.code == QLatin1String("last_admin"))
        m_notice->showError(tr("%1 is your company's last active administrator: someone must stay one. Make another user an "
                               "administrator first.").arg(nameOf(user)));
    else if (error.code == QLatin1String("plan_limit_reached"))
        m_notice->showError(tr("%1 cannot be reactivated: your company's plan has no room for more active users. Deactivate someone who "
                               "no longer needs access, or ask your platform operator for a bigger plan.").arg(nameOf(user)));
    else
        m_notice->showError(AdminText::actionError(error));
    if (error.kind == client::ApiError::Kind::NotFound)
        refresh();
}

} // namespace puente::ui
