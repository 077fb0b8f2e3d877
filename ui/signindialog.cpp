#include "signindialog.h"

#include "adminpage.h"
#include "theme.h"

#include "client/apiclient.h"
#include "tokenstore.h"

#include <QCheckBox>
#include <QHostAddress>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace puente::ui {

namespace {
const QString kServerKey = QStringLiteral("signin/server");
const QString kUrlKey = QStringLiteral("signin/url");
const QString kEmailKey = QStringLiteral("signin/email");
const QString kRememberKey = QStringLiteral("signin/remember");
const QString kLocal = QStringLiteral("local");
const QString kRemote = QStringLiteral("remote");

// As the user typed it: "http://127.0.0.1:1", not the client's
// "http://127.0.0.1:1/" (StripTrailingSlash keeps a root path's slash).
QString where(const QUrl &url)
{
    QString s = url.toDisplayString();
    while (s.endsWith(QLatin1Char('/')))
        s.chop(1);
    return s;
}
} // namespace

SignInDialog::SignInDialog(QWidget *parent)
    : QDialog(parent)
    , m_resolver([](bool local, const QUrl &typedUrl, const ServerAnswer &answer) {
        if (local)
            answer({}, tr("This console has no server of its own: choose “Server at an address”."));
        else
            answer(typedUrl, {});
    })
    , m_countdown(new QTimer(this))
{
    setWindowTitle(tr("Sign in — Puente"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 24, 24, 24);
    layout->setSpacing(14);

    auto *heading = new QLabel(tr("Sign in to Puente"), this);
    QFont headingFont = heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.4);
    headingFont.setBold(true);
    heading->setFont(headingFont);
    layout->addWidget(heading);

    m_reason = new QLabel(this);
    m_reason->setObjectName(QStringLiteral("reason"));
    m_reason->setWordWrap(true);
    m_reason->setFrameShape(QFrame::StyledPanel);
    m_reason->setMargin(8);
    m_reason->hide();
    layout->addWidget(m_reason);

    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_local = new QRadioButton(tr("This computer (local)"), this);
    m_local->setObjectName(QStringLiteral("serverLocal"));
    m_remote = new QRadioButton(tr("Server at an address"), this);
    m_remote->setObjectName(QStringLiteral("serverRemote"));
    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("serverUrl"));
    m_url->setPlaceholderText(QStringLiteral("https://puente.example.com"));
    auto *server = new QVBoxLayout;
    server->setSpacing(4);
    server->addWidget(m_local);
    m_localNote = new QLabel(this);
    m_localNote->setObjectName(QStringLiteral("localNote"));
    m_localNote->setWordWrap(true);
    m_localNote->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_localNote->setStyleSheet(QStringLiteral("color: %1").arg(theme::muted().name()));
    m_localNote->hide();
    server->addWidget(m_localNote);
    server->addWidget(m_remote);
    server->addWidget(m_url);
    m_form->addRow(tr("Server:"), server);

    m_email = new QLineEdit(this);
    m_email->setObjectName(QStringLiteral("email"));
    m_email->setPlaceholderText(tr("name@company.com"));
    m_form->addRow(tr("Email:"), m_email);
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_form->addRow(tr("Password:"), m_password);

    m_tenantHelp = new QLabel(tr("This email has accounts in several companies: type the company's short name "
                                 "(ask your administrator if you do not know it)."),
                              this);
    m_tenantHelp->setObjectName(QStringLiteral("tenantHelp"));
    m_tenantHelp->setWordWrap(true);
    m_form->addRow(m_tenantHelp);
    m_tenant = new QLineEdit(this);
    m_tenant->setObjectName(QStringLiteral("tenant"));
    m_tenant->setPlaceholderText(tr("for example: acme-recruiting"));
    m_form->addRow(tr("Company:"), m_tenant);
    m_form->setRowVisible(m_tenantHelp, false);
    m_form->setRowVisible(m_tenant, false);

    m_remember = new QCheckBox(tr("Remember me on this computer"), this);
    m_remember->setObjectName(QStringLiteral("rememberMe"));
    m_form->addRow(QString(), m_remember);
    layout->addLayout(m_form);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();
    layout->addWidget(m_message);
    layout->addStretch();

    auto *buttons = new QDialogButtonBox(this);
    m_signIn = buttons->addButton(tr("Sign in"), QDialogButtonBox::AcceptRole);
    m_signIn->setObjectName(QStringLiteral("signIn"));
    m_signIn->setDefault(true); // Enter in any field signs in
    // Focus lands on Cancel when the disabled form lets go of it: Enter there
    // must not cancel a sign-in in flight.
    buttons->addButton(QDialogButtonBox::Cancel)->setAutoDefault(false);
    connect(buttons, &QDialogButtonBox::accepted, this, &SignInDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    m_countdown->setInterval(1000);
    connect(m_countdown, &QTimer::timeout, this, &SignInDialog::tick);
    connect(m_local, &QRadioButton::toggled, this, &SignInDialog::updateServerFields);

    const QSettings settings;
    (settings.value(kServerKey, kLocal).toString() == kRemote ? m_remote : m_local)->setChecked(true);
    m_url->setText(settings.value(kUrlKey).toString());
    m_email->setText(settings.value(kEmailKey).toString());
    m_remember->setChecked(settings.value(kRememberKey, false).toBool());
    updateServerFields();
    if (!m_email->text().isEmpty())
        m_password->setFocus();
    else
        m_email->setFocus();
    resize(480, 0);
    fitHeight();
}

SignInDialog::~SignInDialog() = default;

void SignInDialog::setServerResolver(ServerResolver resolver)
{
    m_resolver = std::move(resolver);
}

void SignInDialog::setTokenStore(TokenStore *store)
{
    m_store = store;
}

void SignInDialog::setLocalServerNote(const QString &label, const QString &note)
{
    m_local->setText(label);
    m_localNote->setText(note);
    m_localNote->setVisible(!note.isEmpty());
    fitHeight();
}

void SignInDialog::setReason(const QString &reason)
{
    m_reason->setText(reason);
    m_reason->setVisible(!reason.isEmpty());
    fitHeight();
}

QUrl SignInDialog::serverUrlFromText(const QString &text, QString *error)
{
    const QString typed = text.trimmed();
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return QUrl();
    };
    if (typed.isEmpty())
        return fail(tr("Type the server's address, for example https://puente.example.com."));
    // Without a scheme: servers on the internet use https; one on this
    // computer ("127.0.0.1:8099", "localhost:8080") is plain http. The
    // address used is the one an error message names.
    const bool schemeTyped = typed.contains(QLatin1String("://"));
    QUrl url(schemeTyped ? typed : QStringLiteral("https://") + typed, QUrl::StrictMode);
    if (!schemeTyped && url.isValid()
        && (url.host().compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0 || QHostAddress(url.host()).isLoopback()))
        url.setScheme(QStringLiteral("http"));
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        || url.hasQuery() || url.hasFragment() || !url.userInfo().isEmpty())
        return fail(tr("“%1” is not a server address. Type it like https://puente.example.com.").arg(typed));
    url.setScheme(scheme);
    if (error)
        error->clear();
    return url;
}

bool SignInDialog::isLocal() const
{
    return m_local->isChecked();
}

bool SignInDialog::rememberMe() const
{
    return m_remember->isChecked();
}

QString SignInDialog::sessionAccount() const
{
    const QString email = m_email->text().trimmed().toLower();
    return isLocal() ? kLocal + QLatin1Char(' ') + email : TokenStore::accountFor(m_baseUrl, email);
}

QString SignInDialog::messageText() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

void SignInDialog::submit()
{
    if (m_signedIn) {
        accept();
        return;
    }
    if (m_busy || m_countdown->isActive())
        return;
    QUrl typed;
    if (!isLocal()) {
        QString why;
        typed = serverUrlFromText(m_url->text(), &why);
        if (typed.isEmpty()) {
            showError(why);
            m_url->setFocus();
            return;
        }
    }
    if (m_email->text().trimmed().isEmpty() || m_password->text().isEmpty()) {
        showError(tr("Type your email and your password."));
        (m_email->text().trimmed().isEmpty() ? m_email : m_password)->setFocus();
        return;
    }
    if (!m_tenant->isHidden() && m_tenant->text().trimmed().isEmpty()) {
        showError(tr("Type the company's short name."));
        m_tenant->setFocus();
        return;
    }
    setBusy(true);
    showNotice(tr("Signing in…"));
    const int attempt = ++m_attempt;
    QPointer<SignInDialog> self(this);
    m_resolver(isLocal(), typed, [self, attempt](const QUrl &baseUrl, const QString &error) {
        if (self && self->m_attempt == attempt)
            self->resolved(baseUrl, error);
    });
}

void SignInDialog::resolved(const QUrl &baseUrl, const QString &error)
{
    if (!error.isEmpty() || !baseUrl.isValid()) {
        setBusy(false);
        showError(error.isEmpty() ? tr("The server could not be found.") : error);
        Q_EMIT signInFailed(messageText());
        return;
    }
    if (m_client)
        m_client->deleteLater();
    m_client = new client::ApiClient(baseUrl, this);
    m_client->setTimeout(m_timeoutMs);
    protocol::LoginRequest body{m_email->text().trimmed(), m_password->text(), {}};
    if (!m_tenant->isHidden())
        body.tenant = m_tenant->text().trimmed().toLower();
    const int attempt = m_attempt;
    const QUrl used = m_client->baseUrl();
    m_client->call<protocol::route::Login>(body).then(
            this,
            [this, attempt, used](const protocol::LoginResult &login) {
                if (attempt == m_attempt)
                    succeeded(used, login);
            },
            [this, attempt, used](const client::ApiError &e) {
                if (attempt == m_attempt)
                    failed(used, e);
            });
}

void SignInDialog::succeeded(const QUrl &baseUrl, const protocol::LoginResult &login)
{
    m_baseUrl = baseUrl;
    m_token = login.token;
    m_user = protocol::meOf(login.user);
    m_password->clear(); // not needed any more, not kept
    saveChoices();
    if (!m_store) {
        setBusy(false);
        accept();
        return;
    }
    const QString account = sessionAccount();
    if (!rememberMe()) {
        // Unticking "Remember me" also drops what an earlier sign-in kept.
        m_store->forget(account);
        setBusy(false);
        accept();
        return;
    }
    showNotice(tr("Signed in. Saving the session in this computer's keychain…"));
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(m_store, &TokenStore::saved, this, [this, connection](bool ok, const QString &error) {
        disconnect(*connection);
        setBusy(false);
        if (ok) {
            accept();
            return;
        }
        m_signedIn = true;
        m_signIn->setText(tr("Continue"));
        m_signIn->setFocus();
        showNotice(tr("You are signed in, but this session will not be remembered: this computer's keychain is not "
                      "available (%1). You will have to sign in again next time.")
                       .arg(error));
    });
    m_store->save(account, m_token);
}

void SignInDialog::failed(const QUrl &baseUrl, const client::ApiError &e)
{
    using Kind = client::ApiError::Kind;
    setBusy(false);
    // Only a refused password is cleared: after a connection problem or a
    // wrong address the same password is tried again.
    bool clearPassword = false;
    QString message;
    switch (e.kind) {
    case Kind::Credentials:
        clearPassword = true;
        message = tr("Wrong email or password. Check both and try again.");
        break;
    case Kind::RateLimited:
        // Never fewer than one second: a missing Retry-After must not let the
        // button hammer the server.
        m_password->clear();
        startCountdown(std::max(1, e.retryAfterSeconds));
        Q_EMIT signInFailed(messageText());
        return;
    case Kind::Forbidden:
        message = e.code == protocol::ErrorCode::TenantSuspended
            ? tr("Your company's access to Puente is suspended. The server says: “%1”. Contact whoever runs your Puente "
                 "server.").arg(e.message)
            : tr("This account may not sign in here. The server says: “%1”.").arg(e.message);
        break;
    case Kind::Invalid:
        if (e.code == protocol::ErrorCode::TenantRequired) {
            // The password was right for several accounts: keep it, ask which.
            showTenantField();
            message = tr("Type the company's short name and sign in again.");
        } else {
            message = tr("The server did not accept the sign-in: “%1”. Check what you typed.").arg(e.message);
        }
        break;
    case Kind::Network:
        message = tr("Cannot reach the server at %1. Check the address and your connection.").arg(where(baseUrl));
        break;
    case Kind::Timeout:
        message = tr("The server at %1 did not answer in time. Check your connection and try again.").arg(where(baseUrl));
        break;
    case Kind::Server:
    case Kind::Unavailable:
        message = tr("The server at %1 has a problem right now (error %2). Try again in a few minutes; if it keeps "
                     "happening, tell whoever runs your Puente server.")
                      .arg(where(baseUrl))
                      .arg(e.status);
        break;
    case Kind::NotFound:
    case Kind::Conflict:
    case Kind::SessionEnded:
        message = tr("The address %1 does not look like a Puente server (error %2). Check the address.")
                      .arg(where(baseUrl))
                      .arg(e.status);
        break;
    }
    if (clearPassword)
        m_password->clear();
    showError(message);
    (m_tenant->isHidden() || !m_tenant->text().trimmed().isEmpty() ? m_password : m_tenant)->setFocus();
    Q_EMIT signInFailed(message);
}

void SignInDialog::showError(const QString &message)
{
    m_message->setStyleSheet(QStringLiteral("color: #a4262c;"));
    m_message->setText(message);
    m_message->show();
    fitHeight();
}

void SignInDialog::showNotice(const QString &message)
{
    m_message->setStyleSheet(QString());
    m_message->setText(message);
    m_message->show();
    fitHeight();
}

void SignInDialog::fitHeight()
{
    ui::fitHeight(this);
}

void SignInDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_signIn->setEnabled(!busy && !m_countdown->isActive());
    for (QWidget *w : std::initializer_list<QWidget *>{m_local, m_remote, m_email, m_password, m_tenant, m_remember})
        w->setEnabled(!busy);
    m_url->setEnabled(!busy && !isLocal());
}

void SignInDialog::startCountdown(int seconds)
{
    m_waitLeft = seconds;
    m_countdown->start();
    m_signIn->setEnabled(false);
    showError(tr("Too many sign-in attempts. Wait %n second(s) and try again.", nullptr, m_waitLeft));
}

void SignInDialog::tick()
{
    if (--m_waitLeft > 0) {
        showError(tr("Too many sign-in attempts. Wait %n second(s) and try again.", nullptr, m_waitLeft));
        return;
    }
    m_countdown->stop();
    m_signIn->setEnabled(!m_busy);
    showNotice(tr("You can try again now."));
    m_password->setFocus();
}

void SignInDialog::showTenantField()
{
    m_form->setRowVisible(m_tenantHelp, true);
    m_form->setRowVisible(m_tenant, true);
    fitHeight();
}

void SignInDialog::saveChoices() const
{
    QSettings settings;
    settings.setValue(kServerKey, isLocal() ? kLocal : kRemote);
    if (!isLocal())
        settings.setValue(kUrlKey, m_url->text().trimmed());
    settings.setValue(kEmailKey, m_email->text().trimmed());
    settings.setValue(kRememberKey, rememberMe());
}

void SignInDialog::updateServerFields()
{
    m_url->setEnabled(!isLocal() && !m_busy);
    if (!isLocal() && m_url->text().isEmpty())
        m_url->setFocus();
}

} // namespace puente::ui
