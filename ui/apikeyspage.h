#pragma once

#include "adminpage.h"
#include "protocol/types.h"

namespace puente::ui {

// Tenant admins' API keys (GET /api/api-keys): name, prefix, scopes,
// created, last used, revoked (greyed). Creating one shows its secret once;
// revoking asks first.
class ApiKeysPage : public AdminTablePage {
    Q_OBJECT
public:
    explicit ApiKeysPage(client::ApiClient *api, QWidget *parent = nullptr);

    QPushButton *createButton() const { return m_create; }
    QPushButton *revokeButton() const { return m_revoke; }

    // rowOf(name); selects that key's row, false if not listed.
    bool selectKey(const QString &name) { return selectRow(rowOf(name)); }
    std::optional<protocol::ApiKey> selectedKey() const { return selectedIn(m_keys); }

public Q_SLOTS:
    void refresh() override;
    void createKey();
    void revokeKey();

Q_SIGNALS:
    void keyCreated(const puente::protocol::ApiKey &apiKey);
    void keyRevoked(qint64 id);

private:
    void updateActions() override;

    QList<protocol::ApiKey> m_keys;
    QPushButton *m_create = nullptr;
    QPushButton *m_revoke = nullptr;
};

} // namespace puente::ui
