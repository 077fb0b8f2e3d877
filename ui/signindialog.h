#pragma once

#include "protocol/types.h"

#include <QDialog>
#include <QPointer>
#include <QUrl>

#include <functional>

class QCheckBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QTimer;

namespace puente::client {
class ApiClient;
struct ApiError;
} // namespace puente::client

namespace puente::ui {

class TokenStore;

// The console's sign-in: which server (this computer, or one at an
// address), email, password, "Remember me", and the company when the email
// has accounts in several. It signs in with POST /api/auth/login and accepts
// with the session in baseUrl() / token() / loginJson().
//
// The dialog never starts a server. When the user submits it asks the
// caller's ServerResolver for the base URL: in local mode the caller starts
// (or already runs) the in-process server and answers with its address; for
// a server at an address the default resolver answers with the typed URL.
// The resolver answers exactly once, at once or later, with a base URL or a
// sentence saying why there is none.
//
// With "Remember me" and a TokenStore, the token goes to the keychain before
// the dialog accepts; when the keychain is missing the dialog says that the
// session will not be remembered and accepts on "Continue". Without
// "Remember me" any token remembered for this account is forgotten.
//
// The last server choice, address, email and "Remember me" are kept in
// QSettings (group "signin"); the password and token never are.
class SignInDialog : public QDialog {
    Q_OBJECT
public:
    using ServerAnswer = std::function<void(const QUrl &baseUrl, const QString &error)>;
    using ServerResolver = std::function<void(bool local, const QUrl &typedUrl, const ServerAnswer &answer)>;

    explicit SignInDialog(QWidget *parent = nullptr);
    ~SignInDialog() override;

    void setServerResolver(ServerResolver resolver);
    void setTokenStore(TokenStore *store);
    // A line on top saying why sign-in is needed ("Your session expired").
    void setReason(const QString &reason);
    // Renames the "this computer" choice and shows `note` under it (the
    // demo's accounts).
    void setLocalServerNote(const QString &label, const QString &note);
    // Milliseconds the sign-in call may take (default 20 s).
    void setTimeout(int ms) { m_timeoutMs = ms; }

    // "puente.example.com" → https://puente.example.com/. An empty QUrl, and
    // `error` in words, when the text is not an http(s) address.
    static QUrl serverUrlFromText(const QString &text, QString *error = nullptr);

    bool isLocal() const;
    // Valid after a successful sign-in.
    QUrl baseUrl() const { return m_baseUrl; }
    QString token() const { return m_token; }
    // Who signed in.
    const protocol::Me &user() const { return m_user; }
    bool rememberMe() const;
    // The TokenStore account this session is remembered under: "local
    // <email>" for this computer (its port changes every start), else
    // "<server URL> <email>".
    QString sessionAccount() const;

    // What the message area says now (an error, a countdown, a notice).
    QString messageText() const;
    bool isBusy() const { return m_busy; }

public Q_SLOTS:
    // Signs in with what the form holds (the sign-in button, Enter).
    void submit();

Q_SIGNALS:
    // A sign-in attempt failed; `message` is what the dialog shows.
    void signInFailed(const QString &message);

private:
    void resolved(const QUrl &baseUrl, const QString &error);
    void succeeded(const QUrl &baseUrl, const protocol::LoginResult &login);
    void failed(const QUrl &baseUrl, const client::ApiError &error);
    void showError(const QString &message);
    void showNotice(const QString &message);
    void setBusy(bool busy);
    void startCountdown(int seconds);
    void tick();
    void showTenantField();
    void saveChoices() const;
    void updateServerFields();
    void fitHeight();

    ServerResolver m_resolver;
    QPointer<TokenStore> m_store;
    int m_timeoutMs = 20000;
    int m_attempt = 0; // answers to an earlier submit are stale
    bool m_busy = false;
    bool m_signedIn = false; // only "Continue" is left to do
    int m_waitLeft = 0;

    QLabel *m_reason = nullptr;
    QLabel *m_localNote = nullptr;
    QRadioButton *m_local = nullptr;
    QRadioButton *m_remote = nullptr;
    QLineEdit *m_url = nullptr;
    QLineEdit *m_email = nullptr;
    QLineEdit *m_password = nullptr;
    QFormLayout *m_form = nullptr;
    QLabel *m_tenantHelp = nullptr;
    QLineEdit *m_tenant = nullptr;
    QCheckBox *m_remember = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_signIn = nullptr;
    QTimer *m_countdown = nullptr;
    client::ApiClient *m_client = nullptr;

    QUrl m_baseUrl;
    QString m_token;
    protocol::Me m_user;
};

} // namespace puente::ui
