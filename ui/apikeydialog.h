#pragma once

#include "protocol/types.h"

#include <QDialog>
#include <QList>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace puente::client {
class ApiClient;
}

namespace puente::ui {

// A new API key for a program of the company (a CRM): its name and the
// scopes it may use. The secret comes back once, in `created`.
class CreateApiKeyDialog : public QDialog {
    Q_OBJECT
public:
    explicit CreateApiKeyDialog(client::ApiClient *api, QWidget *parent = nullptr);

    QLineEdit *nameEdit() const { return m_name; }
    // The checkbox of a scope ("conversations:read"...), or nullptr.
    QCheckBox *scopeBox(const QString &scope) const;
    QString errorText() const;

    // The scopes the server accepts (openapi ApiScope) and their words.
    static QList<protocol::ApiScope> scopes();
    static QString scopeText(protocol::ApiScope scope);
    // A few words for the list of keys.
    static QString scopeShortText(protocol::ApiScope scope);

public Q_SLOTS:
    void create();

Q_SIGNALS:
    void created(const QString &key, const puente::protocol::ApiKey &apiKey);
    void failed();

private:
    client::ApiClient *m_api;
    QLineEdit *m_name = nullptr;
    QList<QCheckBox *> m_scopes;
    QLabel *m_error = nullptr;
    QPushButton *m_create = nullptr;
};

} // namespace puente::ui
