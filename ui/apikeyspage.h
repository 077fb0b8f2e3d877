#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QWidget>

class QPushButton;
class QTableWidget;

namespace puente::client {
class ApiClient;
}

namespace puente::ui {

class Notice;
class PageState;

// Tenant admins' API keys (GET /api/api-keys): name, prefix, scopes,
// created, last used, revoked (greyed). Creating one shows its secret once;
// revoking asks first.
class ApiKeysPage : public QWidget {
    Q_OBJECT
public:
    explicit ApiKeysPage(client::ApiClient *api, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    PageState *pageState() const { return m_state; }
    Notice *notice() const { return m_notice; }
    QPushButton *createButton() const { return m_create; }
    QPushButton *revokeButton() const { return m_revoke; }

    // The row of the key with that name, or -1.
    int rowOf(const QString &name) const;
    bool selectKey(const QString &name);
    QJsonObject selectedKey() const;

public Q_SLOTS:
    void refresh();
    void createKey();
    void revokeKey();

Q_SIGNALS:
    void loaded(bool ok);
    void keyCreated(const QJsonObject &apiKey);
    void keyRevoked(qint64 id);

private:
    void showKeys(const QJsonArray &keys);
    void updateActions();

    client::ApiClient *m_api;
    QTableWidget *m_table = nullptr;
    PageState *m_state = nullptr;
    Notice *m_notice = nullptr;
    QPushButton *m_create = nullptr;
    QPushButton *m_revoke = nullptr;
};

} // namespace puente::ui
