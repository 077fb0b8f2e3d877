#pragma once

#include <QDialog>
#include <QJsonObject>
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
    static QStringList scopes();
    static QString scopeText(const QString &scope);
    // A few words for the list of keys.
    static QString scopeShortText(const QString &scope);

public Q_SLOTS:
    void create();

Q_SIGNALS:
    void created(const QString &key, const QJsonObject &apiKey);
    void failed();

private:
    client::ApiClient *m_api;
    QLineEdit *m_name = nullptr;
    QList<QCheckBox *> m_scopes;
    QLabel *m_error = nullptr;
    QPushButton *m_create = nullptr;
};

} // namespace puente::ui
