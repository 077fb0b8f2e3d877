#include "consolecontroller.h"

#include "client/apiclient.h"
#include "mainwindow.h"
#include "setupdialog.h"
#include "signindialog.h"
#include "tokenstore.h"
#include "translations.h"

#include <QApplication>
#include <QMessageBox>
#include <QSettings>

#include <optional>

namespace puente::ui {

namespace {
const QString kRemembered = QStringLiteral("session/account");
const QString kRememberedServer = QStringLiteral("session/server"); // "local" or the URL
}

ConsoleController::ConsoleController(LocalMode local, QObject *parent)
    : QObject(parent), m_local(std::move(local)), m_tokens(new TokenStore(this))
{
}

ConsoleController::~ConsoleController()
{
    delete m_window.data();
}

void ConsoleController::replaceApi(std::unique_ptr<client::ApiClient> api)
{
    // The old client may be in the middle of emitting a reply: let it finish.
    if (m_api)
        m_api.release()->deleteLater();
    m_api = std::move(api);
}

void ConsoleController::applyLanguage(const QString &language)
{
    installTranslations(*qApp, language.isEmpty() ? QLocale::system() : QLocale(language));
}

void ConsoleController::start(bool demo)
{
    if (demo) {
        startDemo();
        return;
    }
    // The first start on this computer (nobody chose a remote server): the
    // local server has no company yet, so offer to set one up or the demo.
    if (QSettings().value(QStringLiteral("signin/server")).toString() != QLatin1String("remote") && m_local.needsSetup) {
        QString error;
        const QUrl url = startLocal(false, &error);
        if (!url.isEmpty() && m_local.needsSetup()) {
            runSetup(url);
            return;
        }
    }
    resumeRemembered();
}

void ConsoleController::runSetup(const QUrl &url)
{
    SetupDialog setup;
    setup.setCompanyCreator(m_local.createFirstTenant);
    if (setup.exec() != QDialog::Accepted) {
        showSignIn(QString());
        return;
    }
    if (setup.choice() == SetupDialog::Choice::Demo) {
        startDemo();
        return;
    }
    // Signed in as the admin just created.
    signInAndOpen(url, setup.email(), setup.password(), [](const QString &message) { return message; });
}

QUrl ConsoleController::startLocal(bool demo, QString *error)
{
    if (!m_localUrl.isEmpty() && m_localIsDemo == demo)
        return m_localUrl;
    // An empty local server may give way to the demo (first start).
    if (!m_localUrl.isEmpty() && demo && m_local.needsSetup && m_local.needsSetup())
        m_localUrl.clear();
    if (!m_localUrl.isEmpty()) {
        *error = tr("Puente already runs its local server for %1 in this window; restart Puente to switch.")
                     .arg(m_localIsDemo ? tr("the demo") : tr("your company"));
        return {};
    }
    auto url = m_local.start(demo);
    if (!url) {
        *error = tr("The local server could not start: %1").arg(url.error().message);
        return {};
    }
    m_localUrl = url.value();
    m_localIsDemo = demo;
    return m_localUrl;
}

void ConsoleController::startDemo()
{
    QString error;
    const QUrl url = startLocal(true, &error);
    if (url.isEmpty()) {
        showSignIn(error);
        return;
    }
    const LocalMode::DemoAccounts demo = m_local.demoAccounts();
    signInAndOpen(url, demo.recruiter, demo.password, [](const QString &message) { return tr("The demo could not sign in: %1").arg(message); });
}

void ConsoleController::signInAndOpen(const QUrl &url, const QString &email, const QString &password,
                                      const std::function<QString(const QString &)> &explain)
{
    auto api = std::make_unique<client::ApiClient>(url);
    api->call<protocol::route::Login>({email, password, {}}).then(this, [this, url](const protocol::LoginResult &login) {
        openMainWindow(url, login.token, protocol::meOf(login.user), QString());
    }, [this, explain](const client::ApiError &e) { showSignIn(explain(e.message)); });
    replaceApi(std::move(api));
}

void ConsoleController::resumeRemembered()
{
    const QString account = QSettings().value(kRemembered).toString();
    const QString server = QSettings().value(kRememberedServer).toString();
    if (account.isEmpty() || server.isEmpty()) {
        showSignIn(QString());
        return;
    }
    connect(m_tokens, &TokenStore::loaded, this, [this, account, server](const QString &token, const QString &) {
        if (token.isEmpty()) {
            showSignIn(QString());
            return;
        }
        QUrl url;
        if (server == QLatin1String("local")) {
            QString error;
            url = startLocal(false, &error);
            if (url.isEmpty()) {
                showSignIn(error);
                return;
            }
        } else {
            url = QUrl(server);
        }
        auto api = std::make_unique<client::ApiClient>(url);
        api->setToken(token);
        api->call<protocol::route::GetMe>().then(this, [this, url, token, account](const protocol::MeResult &me) {
            openMainWindow(url, token, me.user, account);
        }, [this](const client::ApiError &e) {
            if (e.kind == client::ApiError::Kind::SessionEnded)
                endSession(tr("Your session has ended (it expired or was closed elsewhere). Sign in again."), true);
            else if (e.isConnectionProblem())
                showSignIn(tr("Cannot reach the server you used last time. Check the address and your connection."));
            else
                showSignIn(e.message);
        });
        replaceApi(std::move(api));
    }, Qt::SingleShotConnection);
    m_tokens->load(account);
}

void ConsoleController::showSignIn(const QString &reason)
{
    auto *dialog = new SignInDialog;
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setTokenStore(m_tokens);
    if (!reason.isEmpty())
        dialog->setReason(reason);
    // In a window that runs the demo, "this computer" is the demo: its
    // accounts are shown, so that signing out leads somewhere.
    const bool demo = m_localIsDemo && !m_localUrl.isEmpty();
    if (demo && m_local.demoAccounts) {
        const LocalMode::DemoAccounts accounts = m_local.demoAccounts();
        dialog->setLocalServerNote(tr("This computer (the demo)"),
                                   tr("The demo's accounts: %1 (recruiter) or %2 (administrator), password %3.")
                                       .arg(accounts.recruiter, accounts.admin, accounts.password));
    }
    dialog->setServerResolver([this, dialog, demo](bool local, const QUrl &typed, const SignInDialog::ServerAnswer &answer) {
        if (!local) {
            answer(typed, QString());
            return;
        }
        QString error;
        QUrl url = startLocal(demo, &error);
        if (url.isEmpty()) {
            answer({}, error);
            return;
        }
        if (m_local.needsSetup && m_local.needsSetup()) {
            // Nobody to sign in as yet: the setup first.
            answer({}, QString());
            dialog->disconnect(this);
            dialog->close();
            runSetup(url);
            return;
        }
        answer(url, QString());
    });
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const QString account = dialog->rememberMe() ? dialog->sessionAccount() : QString();
        QSettings settings;
        if (!account.isEmpty()) {
            settings.setValue(kRemembered, account);
            settings.setValue(kRememberedServer, dialog->isLocal() ? QStringLiteral("local") : dialog->baseUrl().toString());
        } else {
            settings.remove(kRemembered);
            settings.remove(kRememberedServer);
        }
        openMainWindow(dialog->baseUrl(), dialog->token(), dialog->user(), account);
    });
    connect(dialog, &QDialog::rejected, this, [this] {
        if (!m_window)
            Q_EMIT finished();
    });
    dialog->show();
}

void ConsoleController::openMainWindow(const QUrl &baseUrl, const QString &token, const protocol::Me &user, const QString &account)
{
    // Often called from inside a reply of the current client: reuse it
    // rather than destroy it under its own feet.
    if (!m_api || m_api->baseUrl() != baseUrl)
        replaceApi(std::make_unique<client::ApiClient>(baseUrl));
    m_api->setToken(token);
    m_api->setActingTenant(QString());
    m_user = user;
    m_account = account;
    rebuildWindow(QString());
}

void ConsoleController::rebuildWindow(const QString &language)
{
    QRect geometry;
    std::optional<MainWindow::ViewState> view;
    if (m_window) {
        geometry = m_window->geometry();
        // Another language, same work: the open chat, drafts and search stay.
        // Another company (a platform admin's choice) starts afresh.
        if (!language.isNull())
            view = m_window->viewState();
        m_window->disconnect(this);
        m_window->deleteLater();
    }
    if (!language.isNull())
        applyLanguage(language);
    m_window = new MainWindow(m_api.get(), m_user);
    if (geometry.isValid())
        m_window->setGeometry(geometry);
    if (view)
        m_window->restoreViewState(*view);
    connect(m_window, &MainWindow::sessionEnded, this, [this](const QString &reason) { endSession(reason, true); });
    connect(m_window, &MainWindow::signedOut, this, [this] { endSession(QString(), true); });
    connect(m_window, &MainWindow::actingTenantChosen, this, [this](const QString &tenant) {
        m_api->setActingTenant(tenant);
        QMetaObject::invokeMethod(this, [this] { rebuildWindow(QString()); }, Qt::QueuedConnection);
    });
    connect(m_window, &MainWindow::languageChangeRequested, this, [this](const QString &code) {
        // Rebuilt in the new language, same session (after this event).
        QMetaObject::invokeMethod(this, [this, code] { rebuildWindow(code); }, Qt::QueuedConnection);
    });
    m_window->show();
}

void ConsoleController::endSession(const QString &reason, bool forgetToken)
{
    if (forgetToken) {
        const QString account = m_account.isEmpty() ? QSettings().value(kRemembered).toString() : m_account;
        if (!account.isEmpty())
            m_tokens->forget(account);
        QSettings().remove(kRemembered);
        QSettings().remove(kRememberedServer);
    }
    if (m_window) {
        m_window->disconnect(this);
        m_window->close();
        m_window->deleteLater();
    }
    showSignIn(reason);
}

} // namespace puente::ui
