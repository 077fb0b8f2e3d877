#pragma once

#include "protocol/types.h"

#include <QDialog>

#include <optional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;

namespace puente::client {
class ApiClient;
struct ApiError;
} // namespace puente::client

namespace puente::ui {

// The tenant's WhatsApp Business API configuration (admins only; the caller
// decides who may open it): loads the stored configuration
// (route::GetWhatsAppConfig), tests the connection against Meta through the
// server (route::TestConnection), saves (route::SaveWhatsAppConfig). Secrets are never shown back: a stored token
// appears masked as the placeholder of an empty field.
class WhatsAppConfigDialog : public QDialog {
    Q_OBJECT
public:
    explicit WhatsAppConfigDialog(client::ApiClient *api, QWidget *parent = nullptr);

    // True while a load, test or save is in flight.
    bool isBusy() const { return m_busy; }

public Q_SLOTS:
    void reload();
    void testConnection();
    void save();
    void generateVerifyToken();
    void copyWebhookUrl();

Q_SIGNALS:
    // The stored configuration arrived (or could not be read: `ok` false).
    void configLoaded(bool ok);
    // A connection test finished: Meta accepted the values (`ok`) or not.
    void connectionTested(bool ok);
    // Saved; the dialog accepts right after.
    void saved(const puente::protocol::WhatsAppConfig &config);
    // Refused before sending (validation) or by the server.
    void saveFailed();

private:
    struct Field {
        QLineEdit *edit = nullptr;
        QLabel *error = nullptr;
    };

    void refit();
    Field *fieldFor(const QString &apiField);
    void showConfig(const protocol::WhatsAppConfig &config);
    void showLoadError(const client::ApiError &error);
    void showLastCheck(const protocol::WhatsAppConfig &config);
    void showTokenStatus(const protocol::AccessTokenInfo &token);
    void showTestResult(const protocol::ConnectionTest &answer);
    QString showRequestError(const client::ApiError &error);
    void setFieldError(Field &field, const QString &message, bool focus);
    void clearErrors();
    bool validate();
    void updateIdHint(Field &field);
    bool testsUnsavedValues() const;
    void saveNow();
    // The values of the last test Meta refused (the token field as typed,
    // empty for the stored one), and why: saving them asks first.
    struct RefusedTest {
        QString token;
        QString phoneNumberId;
        QString reason;
    };
    std::optional<RefusedTest> m_refusedTest;
    void setBusy(bool busy, bool saving = false);
    protocol::WhatsAppConfigInput formBody() const;

    client::ApiClient *m_api;
    bool m_busy = false;
    bool m_loaded = false;
    bool m_hasToken = false;
    protocol::WhatsAppConfig m_stored;

    QLabel *m_status = nullptr;      // loading / could not load
    QPushButton *m_retry = nullptr;
    QWidget *m_form = nullptr;
    QComboBox *m_connectionType = nullptr;
    Field m_token;
    QToolButton *m_showToken = nullptr;
    QLabel *m_tokenStatus = nullptr; // what Meta's debug_token said: type, expiry, problem
    Field m_phoneNumberId;
    Field m_businessAccountId;
    Field m_appId;
    Field m_appSecret;
    Field m_verifyToken;
    QPushButton *m_generate = nullptr;
    QLineEdit *m_webhookUrl = nullptr;
    QPushButton *m_copy = nullptr;
    QPushButton *m_test = nullptr;
    QLabel *m_testResult = nullptr;
    QLabel *m_saveError = nullptr;   // errors that belong to no field
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_save = nullptr;
};

} // namespace puente::ui
