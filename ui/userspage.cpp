#include "userspage.h"

#include "secretdialog.h"
#include "userdialogs.h"

#include <QPushButton>
#include <QTableWidget>

namespace puente::ui {

namespace {
enum Column { NameColumn, EmailColumn, RoleColumn, StatusColumn, LastSignInColumn };

bool isAdmin(const protocol::User &user)
{
    return user.role == protocol::Role::TenantAdmin;
}
} // namespace

UsersPage::UsersPage(client::ApiClient *api, qint64 currentUserId, QWidget *parent)
    : AdminTablePage(api, tr("Users"),
                     tr("The people of your company who use Puente. Agents answer conversations; administrators also manage "
                        "users, API keys, templates and WhatsApp."),
                     parent),
      m_currentUserId(currentUserId)
{
    m_new = addAction(tr("New user…"), &UsersPage::newUser);
    m_role = addAction(tr("Change role…"), &UsersPage::changeRole);
    m_active = addAction(tr("Deactivate…"), &UsersPage::toggleActive);
    m_reset = addAction(tr("Reset password…"), &UsersPage::resetPassword);
    addList({tr("Name"), tr("Email"), tr("Role"), tr("Status"), tr("Last sign-in")}, EmailColumn);
    setKeyColumn(EmailColumn, Qt::CaseInsensitive);
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
    loadRows<protocol::route::ListUsers>(tr("the users"), m_users, [this](int row, const protocol::User &user) {
        const bool muted = !user.active;
        setCell(row, NameColumn, user.id == m_currentUserId ? tr("%1 (you)").arg(user.name) : user.name, muted)->setData(kIdRole, user.id);
        setCell(row, EmailColumn, user.email, muted);
        setCell(row, RoleColumn, isAdmin(user) ? tr("Administrator") : tr("Agent"), muted);
        setCell(row, StatusColumn, user.active ? tr("Active") : tr("Deactivated"), muted);
        setCell(row, LastSignInColumn, AdminText::when(user.lastLoginAt, tr("Never")), muted);
    }, tr("No users yet. Use “New user…” to add your colleagues."));
}

void UsersPage::updateActions()
{
    const auto user = selectedUser();
    const bool active = user && user->active;
    const bool you = user && user->id == m_currentUserId;
    m_new->setEnabled(!m_table->isHidden());
    m_role->setEnabled(active);
    m_reset->setEnabled(active);
    m_active->setText(user && !active ? tr("Reactivate…") : tr("Deactivate…"));
    m_active->setEnabled(user && !you);
    m_active->setToolTip(you ? tr("You cannot deactivate yourself. Another administrator can.") : QString());
}

void UsersPage::newUser()
{
    auto *dialog = new NewUserDialog(m_api, this);
    connect(dialog, &NewUserDialog::created, this, [this](const protocol::User &user) {
        m_notice->showInfo(tr("%1 can now sign in with %2 and the password you gave them.").arg(user.name, user.email));
        Q_EMIT userChanged(user);
        refresh();
    });
    openDialog(dialog);
}

void UsersPage::changeRole()
{
    const auto user = selectedUser();
    if (!user)
        return;
    const bool admin = isAdmin(*user);
    const bool you = user->id == m_currentUserId;
    QString text = admin ? tr("Make %1 an agent? They will answer conversations but no longer manage users, API keys, templates or "
                              "WhatsApp.").arg(user->name)
                         : tr("Make %1 an administrator? They will also manage users, API keys, templates and WhatsApp.").arg(user->name);
    if (you && admin)
        text += QLatin1Char(' ') + tr("You will lose access to this page yourself.");
    confirm(this, tr("Change role"), text, admin ? tr("Make agent") : tr("Make administrator"), [this, user = *user, admin] {
        protocol::UpdateUser changes;
        changes.role = protocol::enumName(admin ? protocol::Role::Agent : protocol::Role::TenantAdmin);
        update(user, changes, admin ? tr("%1 is now an agent.").arg(user.name) : tr("%1 is now an administrator.").arg(user.name));
    });
}

void UsersPage::toggleActive()
{
    const auto user = selectedUser();
    if (!user || user->id == m_currentUserId)
        return;
    protocol::UpdateUser changes;
    changes.active = !user->active;
    if (user->active) {
        confirm(this, tr("Deactivate user"),
                tr("Deactivate %1? They are signed out at once and cannot sign in until reactivated. Their messages stay in the "
                   "conversations.").arg(user->name),
                tr("Deactivate"), [this, user = *user, changes] { update(user, changes, tr("%1 is deactivated.").arg(user.name)); });
    } else {
        confirm(this, tr("Reactivate user"), tr("Reactivate %1? They can sign in again with their password.").arg(user->name),
                tr("Reactivate"), [this, user = *user, changes] { update(user, changes, tr("%1 can sign in again.").arg(user.name)); });
    }
}

void UsersPage::resetPassword()
{
    const auto user = selectedUser();
    if (!user)
        return;
    auto *dialog = new ResetPasswordDialog(m_api, *user, this);
    connect(dialog, &ResetPasswordDialog::passwordReset, this, [this](const protocol::User &changed, const QString &password) {
        m_notice->showInfo(tr("%1 has a new password and was signed out everywhere.").arg(changed.name));
        Q_EMIT userChanged(changed);
        openDialog(new SecretDialog(tr("New password"),
                                    tr("Give this password to %1. They sign in with %2 and this password.").arg(changed.name, changed.email),
                                    password, this));
        refresh();
    });
    openDialog(dialog);
}

void UsersPage::update(const protocol::User &user, const protocol::UpdateUser &changes, const QString &done)
{
    m_notice->showInfo(QString());
    m_api->callOn<protocol::route::UpdateUser>(user.id, changes).then(this, [this, done](const protocol::User &changed) {
        m_notice->showInfo(done);
        Q_EMIT userChanged(changed);
        refresh();
    }, [this, user](const client::ApiError &error) { actionFailed(user, error); });
}

void UsersPage::actionFailed(const protocol::User &user, const client::ApiError &error)
{
    if (error.code == protocol::ErrorCode::LastAdmin)
        m_notice->showError(tr("%1 is your company's last active administrator: someone must stay one. Make another user an "
                               "administrator first.").arg(user.name));
    else if (error.code == protocol::ErrorCode::PlanLimitReached)
        m_notice->showError(tr("%1 cannot be reactivated: your company's plan has no room for more active users. Deactivate someone who "
                               "no longer needs access, or ask your platform operator for a bigger plan.").arg(user.name));
    else
        m_notice->showError(AdminText::actionError(error));
    if (error.kind == client::ApiError::Kind::NotFound)
        refresh();
}

} // namespace puente::ui
