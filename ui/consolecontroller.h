#pragma once

#include "protocol/types.h"

#include "common/result.h"
#include "mainwindow.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>
#include <memory>

namespace puente::client {
class ApiClient;
}

namespace puente::ui {

class TokenStore;

// What the console needs from the server module to run one on this
// computer (local mode). main.cpp fills it in with puente::server::LocalServer;
// puente_ui itself never links the server.
struct LocalMode {
    // Starts the in-process server (once; `demo`: the Sandbox demo in a data
    // folder of its own) and answers its base URL, or an error.
    std::function<Result<QUrl>(bool demo)> start;
    std::function<bool()> needsSetup;
    std::function<Status(const QString &company, const QString &adminName, const QString &email, const QString &password)> createFirstTenant;
    // The demo's accounts, once the demo runs.
    struct DemoAccounts {
        QString recruiter;
        QString admin;
        QString password;
    };
    std::function<DemoAccounts()> demoAccounts;
};

// The console's life: the language, the remembered session (keychain), the
// sign-in (with the first-start setup in local mode), the main window, and
// back to sign-in when the session ends, with the reason.
class ConsoleController : public QObject {
    Q_OBJECT
public:
    explicit ConsoleController(LocalMode local, QObject *parent = nullptr);
    ~ConsoleController() override;

    // Applies the saved language ("" = the system's).
    static void applyLanguage(const QString &language);

    // Opens the console: the remembered session if it still works, else the
    // sign-in. With `demo`, straight into the Sandbox demo as its recruiter.
    void start(bool demo);
    MainWindow *mainWindow() const { return m_window; }

Q_SIGNALS:
    // Nothing to show any more (sign-in cancelled).
    void finished();

private:
    void showSignIn(const QString &reason);
    void openMainWindow(const QUrl &baseUrl, const QString &token, const protocol::Me &user, const QString &account);
    void resumeRemembered();
    void startDemo();
    // Signs in with a password and opens the main window; a failure goes to
    // the sign-in dialog, worded by `explain`.
    void signInAndOpen(const QUrl &url, const QString &email, const QString &password,
                       const std::function<QString(const QString &)> &explain);
    void replaceApi(std::unique_ptr<client::ApiClient> api);
    void runSetup(const QUrl &url);
    void endSession(const QString &reason, bool forgetToken);
    void rebuildWindow(const QString &language);
    QUrl startLocal(bool demo, QString *error);

    LocalMode m_local;
    std::unique_ptr<client::ApiClient> m_api;
    QPointer<MainWindow> m_window;
    TokenStore *m_tokens;
    protocol::Me m_user;
    QString m_account;
    QUrl m_localUrl;
    bool m_localIsDemo = false;
};

} // namespace puente::ui
