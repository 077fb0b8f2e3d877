#pragma once

#include "adminpage.h"
#include "protocol/types.h"

namespace puente::ui {

// Tenant admins' list of the company's users (GET /api/users): name, email,
// role, active or deactivated, last sign-in; new user, change role,
// deactivate / reactivate and reset password for the selected one.
class UsersPage : public AdminTablePage {
    Q_OBJECT
public:
    // `currentUserId`: the signed-in user, who cannot deactivate themselves.
    explicit UsersPage(client::ApiClient *api, qint64 currentUserId = 0, QWidget *parent = nullptr);

    void setCurrentUserId(qint64 id);
    qint64 currentUserId() const { return m_currentUserId; }

    QPushButton *newUserButton() const { return m_new; }
    QPushButton *roleButton() const { return m_role; }
    QPushButton *activeButton() const { return m_active; }
    QPushButton *resetPasswordButton() const { return m_reset; }

    // rowOf(email); selects that user's row, false if not listed.
    bool selectUser(const QString &email) { return selectRow(rowOf(email)); }
    std::optional<protocol::User> selectedUser() const { return selectedIn(m_users); }

public Q_SLOTS:
    void refresh() override;
    // Each opens a dialog or a confirmation (open(), never exec()).
    void newUser();
    void changeRole();
    void toggleActive();
    void resetPassword();

Q_SIGNALS:
    // An action changed a user (created, role, active, password).
    void userChanged(const puente::protocol::User &user);

private:
    void updateActions() override;
    void update(const protocol::User &user, const protocol::UpdateUser &changes, const QString &done);
    void actionFailed(const protocol::User &user, const client::ApiError &error);

    qint64 m_currentUserId = 0;
    QList<protocol::User> m_users;
    QPushButton *m_new = nullptr;
    QPushButton *m_role = nullptr;
    QPushButton *m_active = nullptr;
    QPushButton *m_reset = nullptr;
};

} // namespace puente::ui
