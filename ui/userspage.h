#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QWidget>

class QPushButton;
class QTableWidget;

namespace puente::client {
class ApiClient;
struct ApiError;
} // namespace puente::client

namespace puente::ui {

class Notice;
class PageState;

// Tenant admins' list of the company's users (GET /api/users): name, email,
// role, active or deactivated, last sign-in; new user, change role,
// deactivate / reactivate and reset password for the selected one.
class UsersPage : public QWidget {
    Q_OBJECT
public:
    // `currentUserId`: the signed-in user, who cannot deactivate themselves.
    explicit UsersPage(client::ApiClient *api, qint64 currentUserId = 0, QWidget *parent = nullptr);

    void setCurrentUserId(qint64 id);
    qint64 currentUserId() const { return m_currentUserId; }

    QTableWidget *table() const { return m_table; }
    PageState *pageState() const { return m_state; }
    Notice *notice() const { return m_notice; }
    QPushButton *newUserButton() const { return m_new; }
    QPushButton *roleButton() const { return m_role; }
    QPushButton *activeButton() const { return m_active; }
    QPushButton *resetPasswordButton() const { return m_reset; }

    // The row showing that email, or -1.
    int rowOf(const QString &email) const;
    // Selects that user's row; false if not listed.
    bool selectUser(const QString &email);
    QJsonObject selectedUser() const;

public Q_SLOTS:
    void refresh();
    // Each opens a dialog or a confirmation (open(), never exec()).
    void newUser();
    void changeRole();
    void toggleActive();
    void resetPassword();

Q_SIGNALS:
    // The list was (re)loaded, or could not be (`ok` false).
    void loaded(bool ok);
    // An action changed a user (created, role, active, password).
    void userChanged(const QJsonObject &user);

private:
    void showUsers(const QJsonArray &users);
    void updateActions();
    void update(const QJsonObject &user, const QJsonObject &changes, const QString &done);
    void actionFailed(const QJsonObject &user, const client::ApiError &error);

    client::ApiClient *m_api;
    qint64 m_currentUserId = 0;
    QTableWidget *m_table = nullptr;
    PageState *m_state = nullptr;
    Notice *m_notice = nullptr;
    QPushButton *m_new = nullptr;
    QPushButton *m_role = nullptr;
    QPushButton *m_active = nullptr;
    QPushButton *m_reset = nullptr;
};

} // namespace puente::ui
