#include "mainwindow.h"

#include "apikeyspage.h"
#include "auditlogpage.h"
#include "campaignspage.h"
#include "chatpanel.h"
#include "client/apiclient.h"
#include "client/eventstream.h"
#include "conversationlistmodel.h"
#include "conversationspage.h"
#include "healthpage.h"
#include "templatespage.h"
#include "notificationspage.h"
#include "tenantspage.h"
#include "theme.h"
#include "userspage.h"
#include "whatsapppage.h"

#include <QActionGroup>
#include <QComboBox>
#include <QApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTimer>
#include <QVBoxLayout>

namespace puente::ui {

MainWindow::MainWindow(client::ApiClient *api, const protocol::Me &user, QWidget *parent)
    : QMainWindow(parent), m_api(api), m_events(new client::EventStream(api, this)), m_user(user)
{
    setWindowIcon(QIcon(QStringLiteral(":/puente/puente.svg")));
    resize(1180, 760);
    auto *central = new QWidget(this);
    auto *outer = new QVBoxLayout(central);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(0);
    m_banner = new QLabel(central);
    m_banner->setAlignment(Qt::AlignCenter);
    m_banner->setWordWrap(true);
    m_banner->setContentsMargins(8, 6, 8, 6);
    m_banner->setStyleSheet(QStringLiteral("background: %1; color: #5c4400;").arg(theme::warningBackground().name()));
    m_banner->hide();
    outer->addWidget(m_banner);
    m_tokenNotice = new QLabel(central);
    m_tokenNotice->setObjectName(QStringLiteral("tokenNotice"));
    m_tokenNotice->setAlignment(Qt::AlignCenter);
    m_tokenNotice->setWordWrap(true);
    m_tokenNotice->setTextFormat(Qt::RichText);
    m_tokenNotice->setContentsMargins(8, 6, 8, 6);
    m_tokenNotice->setStyleSheet(QStringLiteral("background: %1; color: #5c4400;").arg(theme::warningBackground().name()));
    m_tokenNotice->hide();
    connect(m_tokenNotice, &QLabel::linkActivated, this, [this] {
        if (!m_whatsApp)
            return;
        showPage(m_whatsApp);
        m_whatsApp->configure();
    });
    outer->addWidget(m_tokenNotice);
    auto *body = new QHBoxLayout;
    body->setSpacing(0);
    m_nav = new QListWidget(central);
    m_nav->setFixedWidth(170);
    m_nav->setFrameShape(QFrame::NoFrame);
    m_nav->setStyleSheet(QStringLiteral("QListWidget { background: #f0f2f5; padding-top: 6px; outline: none; } "
                                        "QListWidget::item { padding: 10px 12px; background: transparent; color: black; } "
                                        "QListWidget::item:selected { background: #d9dee3; color: black; }"));
    m_pages = new QStackedWidget(central);
    auto *side = new QVBoxLayout;
    side->setSpacing(0);
    if (isPlatformAdmin()) {
        // Platform admins belong to no company: they choose one to work in.
        m_tenantChooser = new QComboBox(central);
        m_tenantChooser->setFixedWidth(170);
        m_tenantChooser->setToolTip(tr("The company you are working in"));
        m_tenantChooser->addItem(tr("Choose a company…"), QString());
        side->addWidget(m_tenantChooser);
        loadTenantChooser();
        connect(m_tenantChooser, &QComboBox::activated, this, [this](int index) {
            const QString slug = m_tenantChooser->itemData(index).toString();
            if (!slug.isEmpty() && slug != m_api->actingTenant())
                Q_EMIT actingTenantChosen(slug);
        });
    }
    side->addWidget(m_nav, 1);
    body->addLayout(side);
    body->addWidget(m_pages, 1);
    outer->addLayout(body, 1);
    setCentralWidget(central);
    connect(m_nav, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);

    // Navigation by role: agents see conversations; a company's admins
    // also its administration; platform admins the companies, and a
    // company's pages once they have chosen one.
    const bool inCompany = !isPlatformAdmin() || !api->actingTenant().isEmpty();
    m_conversations = new ConversationsPage(api, user.id, this);
    m_conversations->setCanImport(isAdmin() && inCompany);
    addPage(tr("Conversations"), m_conversations);
    if (isAdmin() && inCompany) {
        auto *whatsApp = new WhatsAppPage(api, this);
        m_whatsApp = whatsApp;
        addPage(tr("WhatsApp"), whatsApp);
        connect(whatsApp, &WhatsAppPage::configurationChanged, this, &MainWindow::refreshWhatsAppStatus);
        // A saved configuration answers the notice (a new token, an app id).
        connect(whatsApp, &WhatsAppPage::configurationChanged, m_tokenNotice, &QWidget::hide);
        addPage(tr("Templates"), new TemplatesPage(api, this));
        addPage(tr("Notifications"), new NotificationsPage(api, this));
        addPage(tr("Campaigns"), new CampaignsPage(api, this));
        addPage(tr("Users"), new UsersPage(api, user.id, this));
        addPage(tr("API keys"), new ApiKeysPage(api, this));
        auto *health = new HealthPage(api, this);
        addPage(tr("Health"), health);
        connect(health, &HealthPage::configureWhatsAppRequested, this, [this, whatsApp] {
            showPage(whatsApp);
            whatsApp->configure();
        });
    }
    // The audit log: a company's for its admins; everything for a platform
    // admin who has not chosen a company.
    if (isAdmin())
        addPage(tr("Audit log"), new AuditLogPage(api, this));
    if (isPlatformAdmin()) {
        m_tenants = new TenantsPage(api, this);
        addPage(tr("Companies"), m_tenants);
        connect(m_tenants, &TenantsPage::tenantsChanged, this, &MainWindow::loadTenantChooser);
    }
    m_nav->setCurrentRow(inCompany ? 0 : m_pages->indexOf(m_tenants));

    m_serverStatus = new QLabel(this);
    m_whatsAppStatus = new QLabel(this);
    m_whatsAppStatus->setTextFormat(Qt::PlainText);
    statusBar()->addWidget(m_serverStatus, 1);
    statusBar()->addPermanentWidget(m_whatsAppStatus);

    buildMenus();

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(windowIcon(), this);
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            showNormal();
            raise();
            activateWindow();
            if (m_lastNotified > 0)
                m_conversations->openConversation(m_lastNotified);
        });
        connect(m_tray, &QSystemTrayIcon::activated, this, [this] {
            showNormal();
            raise();
            activateWindow();
        });
        m_tray->show();
    }

    connect(m_events, &client::EventStream::messageCreated, this, &MainWindow::onMessageCreated);
    connect(m_events, &client::EventStream::messageUpdated, m_conversations, &ConversationsPage::applyMessage);
    connect(m_events, &client::EventStream::conversationUpdated, m_conversations, &ConversationsPage::applyConversation);
    connect(m_events, &client::EventStream::accountChanged, this, &MainWindow::refreshWhatsAppStatus);
    connect(m_events, &client::EventStream::tokenNotice, this, &MainWindow::showTokenNotice);
    connect(m_events, &client::EventStream::tenantSuspended, this, [this](const protocol::TenantNotice &notice) {
        if (!isPlatformAdmin())
            endSession(protocol::ErrorCode::TenantSuspended, notice.reason.isEmpty() ? notice.name : notice.reason);
    });
    connect(m_events, &client::EventStream::stateChanged, this, &MainWindow::onStreamState);
    connect(m_events, &client::EventStream::resyncRequired, m_conversations, &ConversationsPage::reload);
    // The server refused the session on the stream or on a call: said once.
    connect(m_events, &client::EventStream::authenticationFailed, this, &MainWindow::endSession);
    connect(api, &client::ApiClient::sessionEnded, this, &MainWindow::endSession);
    connect(api, &client::ApiClient::reachabilityChanged, this, &MainWindow::onStreamState);
    connect(m_conversations->listModel(), &ConversationListModel::unreadTotalChanged, this, [this](int total) {
        m_unread = total;
        updateTitle();
    });

    m_statusTimer = new QTimer(this);
    m_statusTimer->setInterval(60000);
    connect(m_statusTimer, &QTimer::timeout, this, &MainWindow::refreshWhatsAppStatus);
    m_statusTimer->start();
    // A platform admin sees a company's events once they have chosen one.
    if (!isPlatformAdmin() || !api->actingTenant().isEmpty()) {
        refreshWhatsAppStatus();
        m_events->start();
    }
    onStreamState();
    updateTitle();
}

MainWindow::~MainWindow()
{
    m_events->stop();
}

bool MainWindow::isPlatformAdmin() const
{
    return m_user.role == protocol::Role::PlatformAdmin;
}

bool MainWindow::isAdmin() const
{
    return m_user.role == protocol::Role::TenantAdmin || m_user.role == protocol::Role::PlatformAdmin;
}

void MainWindow::addPage(const QString &label, QWidget *page)
{
    m_nav->addItem(label);
    m_pages->addWidget(page);
}

MainWindow::ViewState MainWindow::viewState() const
{
    ViewState state;
    state.page = m_nav->currentRow();
    if (m_conversations)
        state.conversations = m_conversations->viewState();
    return state;
}

void MainWindow::restoreViewState(const ViewState &state)
{
    if (state.page >= 0 && state.page < m_nav->count())
        m_nav->setCurrentRow(state.page);
    if (m_conversations)
        m_conversations->restoreViewState(state.conversations);
}

void MainWindow::showPage(QWidget *page)
{
    if (const int i = m_pages->indexOf(page); i >= 0)
        m_nav->setCurrentRow(i);
}

QWidget *MainWindow::page(const QString &label) const
{
    for (int i = 0; i < m_nav->count(); ++i)
        if (m_nav->item(i)->text() == label)
            return m_pages->widget(i);
    return nullptr;
}

void MainWindow::loadTenantChooser()
{
    m_api->call<protocol::route::ListTenants>().then(this, [this](const protocol::TenantSummaryList &tenants) {
        while (m_tenantChooser->count() > 1)
            m_tenantChooser->removeItem(1);
        for (const protocol::TenantSummary &t : tenants.items) {
            QString name = t.name;
            if (t.status == protocol::TenantStatus::Suspended)
                name = tr("%1 (suspended)").arg(name);
            m_tenantChooser->addItem(name, t.slug);
        }
        const int current = m_tenantChooser->findData(m_api->actingTenant());
        m_tenantChooser->setCurrentIndex(std::max(0, current));
        updateTitle();
    }, [](const client::ApiError &) {});
}

QStringList MainWindow::navigationItems() const
{
    QStringList items;
    for (int i = 0; i < m_nav->count(); ++i)
        items.append(m_nav->item(i)->text());
    return items;
}

void MainWindow::buildMenus()
{
    QMenu *menu = menuBar()->addMenu(tr("&Puente"));
    QMenu *language = menu->addMenu(tr("Language"));
    auto *group = new QActionGroup(language);
    const QString chosen = QSettings().value(QStringLiteral("ui/language")).toString();
    const std::pair<QString, QString> languages[] = {{QString(), tr("System language")}, {QStringLiteral("es"), QStringLiteral("Español")},
                                                     {QStringLiteral("en"), QStringLiteral("English")}};
    for (const auto &[code, label] : languages) {
        QAction *action = language->addAction(label);
        action->setCheckable(true);
        action->setChecked(code == chosen);
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, code = code] {
            QSettings().setValue(QStringLiteral("ui/language"), code);
            Q_EMIT languageChangeRequested(code);
        });
    }
    menu->addSeparator();
    menu->addAction(tr("Sign out"), this, &MainWindow::signOut);
    menu->addAction(tr("Quit"), QKeySequence::Quit, qApp, &QApplication::quit);
}

void MainWindow::endSession(protocol::ErrorCode code, const QString &message)
{
    if (std::exchange(m_ended, true))
        return;
    m_events->stop();
    if (code == protocol::ErrorCode::TenantSuspended)
        Q_EMIT sessionEnded(tr("Your company's access to Puente has been suspended. The server says: “%1”. Contact whoever runs your "
                               "Puente; nothing was lost, and you can sign in again once it is resumed.").arg(message));
    else
        Q_EMIT sessionEnded(tr("Your session has ended (it expired or was closed elsewhere). Sign in again."));
}

void MainWindow::signOut()
{
    auto *reply = m_api->call<protocol::route::Logout>().reply();
    m_ended = true;
    m_events->stop();
    // Signed out locally whatever the server answers.
    connect(reply, &client::ApiReply::finished, this, [this] { Q_EMIT signedOut(); });
}

QString MainWindow::serverStatusText() const
{
    return m_serverStatus->text();
}

QString MainWindow::whatsAppStatusText() const
{
    return m_whatsAppStatus->text();
}

bool MainWindow::offlineBannerVisible() const
{
    return !m_banner->isHidden();
}

QString MainWindow::tokenNoticeText() const
{
    return m_tokenNotice->isHidden() ? QString() : m_tokenNotice->text();
}

// Only a company's admins can do something about the token; agents see
// nothing (their sends say so if it comes to that).
void MainWindow::showTokenNotice(const protocol::TokenNotice &notice)
{
    if (!m_whatsApp)
        return;
    using Kind = protocol::TokenNoticeKind;
    const QString link = QStringLiteral("<a href=\"configure\">%1</a>");
    QString text;
    switch (notice.kind) {
    case Kind::Renewed:
        m_tokenNotice->hide();
        refreshWhatsAppStatus();
        return;
    case Kind::Expiring:
        text = tr("The WhatsApp access token expires in %n day(s): after that nothing can be sent.", nullptr, int(notice.daysLeft.value_or(1)))
                   .toHtmlEscaped()
               + QLatin1Char(' ') + link.arg(tr("Paste a new one").toHtmlEscaped());
        break;
    case Kind::Expired:
        text = tr("The WhatsApp access token has expired: nothing can be sent.").toHtmlEscaped() + QLatin1Char(' ')
               + link.arg(tr("Paste a new one").toHtmlEscaped());
        break;
    case Kind::Refused:
        text = tr("Meta no longer accepts the WhatsApp access token: nothing can be sent.").toHtmlEscaped() + QLatin1Char(' ')
               + link.arg(tr("Paste a new one").toHtmlEscaped());
        break;
    case Kind::RenewalFailed:
        text = tr("Puente could not renew the WhatsApp access token; it tries again tomorrow.").toHtmlEscaped() + QLatin1Char(' ')
               + link.arg(tr("Check the configuration").toHtmlEscaped());
        break;
    }
    m_tokenNotice->setText(text);
    m_tokenNotice->show();
    refreshWhatsAppStatus();
}

void MainWindow::onStreamState()
{
    if (isPlatformAdmin() && m_api->actingTenant().isEmpty()) {
        m_serverStatus->setText(tr("Choose a company at the top left to see its conversations."));
        m_conversations->setOnline(false);
        return;
    }
    const bool live = m_events->state() == client::EventStream::State::Connected;
    const bool reachable = m_api->isReachable();
    const QString host = m_api->baseUrl().host() == QLatin1String("127.0.0.1") ? tr("this computer") : m_api->baseUrl().host();
    const bool online = live && reachable;
    if (online) {
        m_serverStatus->setText(tr("● Connected to the server (%1)").arg(host));
        m_serverStatus->setStyleSheet(QStringLiteral("color: %1").arg(theme::accent().name()));
        m_banner->hide();
        // Back: what WhatsApp's state is now (it was not known meanwhile).
        if (!m_wasOnline)
            refreshWhatsAppStatus();
    } else if (m_events->state() == client::EventStream::State::Connecting) {
        m_serverStatus->setText(tr("● Connecting to the server (%1)…").arg(host));
        m_serverStatus->setStyleSheet(QStringLiteral("color: %1").arg(theme::muted().name()));
    } else {
        m_serverStatus->setText(tr("● No connection to the server (%1)").arg(host));
        m_serverStatus->setStyleSheet(QStringLiteral("color: %1").arg(theme::danger().name()));
        m_banner->setText(tr("No connection to the server. Puente keeps trying; new messages will appear when it is back. "
                             "Nothing can be sent meanwhile: what you write stays in the text box."));
        m_banner->show();
        // Without the server Puente cannot know whether WhatsApp works: no
        // green light from before the connection was lost.
        m_whatsAppStatus->setText(tr("WhatsApp status unknown (no connection)"));
        m_whatsAppStatus->setStyleSheet(QStringLiteral("color: %1; padding-right: 8px").arg(theme::muted().name()));
    }
    m_wasOnline = online;
    m_conversations->setOnline(online || m_events->state() == client::EventStream::State::Connecting);
}

void MainWindow::refreshWhatsAppStatus()
{
    m_api->call<protocol::route::GetWhatsAppConfig>().then(this, [this](const protocol::WhatsAppConfig &config) {
        using protocol::ConnectionStatus;
        const QString who = isAdmin() ? tr("you can fix it under WhatsApp") : tr("ask an administrator");
        QString number = config.displayPhoneNumber.value_or(QString());
        if (number.isEmpty())
            number = tr("number ID %1").arg(config.phoneNumberId);
        else if (!number.startsWith(QLatin1Char('+')))
            number.prepend(QLatin1Char('+'));
        QString text;
        QColor colour = theme::muted();
        if (!config.configured) {
            text = tr("WhatsApp is not set up yet: %1").arg(who);
            colour = theme::danger();
        } else if (config.connectionStatus == ConnectionStatus::Connected) {
            text = tr("Connected via Business API · %1").arg(number);
            colour = theme::accent();
        } else if (config.connectionStatus == ConnectionStatus::Failing) {
            text = tr("WhatsApp is failing (%1): %2").arg(config.lastError.value_or(QString()), who);
            colour = theme::danger();
        } else {
            text = tr("WhatsApp set up (%1), not checked yet").arg(number);
        }
        m_whatsAppStatus->setText(text);
        m_whatsAppStatus->setStyleSheet(QStringLiteral("color: %1; padding-right: 8px").arg(colour.name()));
    }, [this](const client::ApiError &error) {
        if (error.isConnectionProblem())
            return; // the server line says it
        m_whatsAppStatus->setText(tr("WhatsApp status unknown: %1").arg(error.message));
    });
}

void MainWindow::onMessageCreated(const protocol::Message &message)
{
    m_conversations->applyMessage(message);
    if (message.direction != protocol::Direction::Inbound || message.type == QLatin1String("reaction"))
        return;
    const qint64 conversation = message.conversationId;
    const bool looking = isActiveWindow() && m_conversations->chat()->conversationId() == conversation && m_conversations->isVisible();
    if (looking) {
        m_conversations->chat()->markRead();
        return;
    }
    QString text = message.content;
    if (text.isEmpty())
        text = tr("Sent a %1").arg(message.type);
    text = text.left(200);
    auto titled = [this, conversation, text](const protocol::Conversation &c) {
        QString title = c.name;
        if (title.isEmpty())
            title = c.phoneDisplay;
        if (title.isEmpty())
            title = tr("New WhatsApp message");
        notify(conversation, title, text);
    };
    if (const auto known = m_conversations->listModel()->conversation(conversation)) {
        titled(*known);
        return;
    }
    // A contact the list has not seen yet: ask who it is.
    m_api->callOn<protocol::route::GetConversation>(conversation).then(this, titled, [titled](const client::ApiError &) {
        titled({});
    });
}

void MainWindow::notify(qint64 conversationId, const QString &title, const QString &text)
{
    m_lastNotified = conversationId;
    if (m_tray)
        m_tray->showMessage(title, text, windowIcon(), 8000);
    Q_EMIT notificationShown(conversationId, title, text);
}

void MainWindow::updateTitle()
{
    QString tenant = m_user.tenant ? m_user.tenant->name : QString();
    if (m_tenantChooser && m_tenantChooser->currentIndex() > 0)
        tenant = m_tenantChooser->currentText();
    QString title = tenant.isEmpty() ? QStringLiteral("Puente") : QStringLiteral("Puente — %1").arg(tenant);
    if (m_unread > 0)
        title.prepend(QStringLiteral("(%1) ").arg(QLocale().toString(m_unread)));
    setWindowTitle(title);
    if (m_tray)
        m_tray->setToolTip(m_unread > 0 ? tr("Puente: %n unread message(s)", nullptr, m_unread) : QStringLiteral("Puente"));
}

void MainWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    // Back in front: the open chat counts as read.
    if (event->type() == QEvent::ActivationChange && isActiveWindow()) {
        ChatPanel *chat = m_conversations->chat();
        if (chat->conversationId() > 0 && chat->conversation().unreadCount > 0)
            chat->markRead();
    }
}

} // namespace puente::ui
