#pragma once

#include "conversationspage.h"

#include "protocol/errorcode.h"
#include "protocol/types.h"

#include <QMainWindow>

class QComboBox;
class QLabel;
class QListWidget;
class QStackedWidget;
class QSystemTrayIcon;
class QTimer;

namespace puente::client {
class ApiClient;
class EventStream;
}

namespace puente::ui {

class TenantsPage;
class WhatsAppPage;

// The console once signed in: navigation by role on the left (Conversations
// for everyone; WhatsApp for admins), the pages, an offline banner, and a
// status line with the connection to the server and to WhatsApp. Live
// events come over one EventStream; new inbound messages raise a tray
// notification when the window is not in front.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // `user` is the signed-in user as /api/me or the sign-in answer give it.
    MainWindow(client::ApiClient *api, const protocol::Me &user, QWidget *parent = nullptr);
    ~MainWindow() override;

    ConversationsPage *conversations() const { return m_conversations; }
    client::EventStream *events() const { return m_events; }
    bool isAdmin() const;
    bool isPlatformAdmin() const;
    QComboBox *tenantChooser() const { return m_tenantChooser; }
    QStringList navigationItems() const;
    // The page a navigation entry shows (by its label); nullptr if absent.
    QWidget *page(const QString &label) const;
    void showPage(QWidget *page);
    // The page shown and the conversations tab's state, for a rebuild of
    // the window in another language.
    struct ViewState {
        int page = 0;
        ConversationsPage::ViewState conversations;
    };
    ViewState viewState() const;
    void restoreViewState(const ViewState &state);
    QString serverStatusText() const;
    QString whatsAppStatusText() const;
    bool offlineBannerVisible() const;
    // The access token notice for admins (whatsapp.token events); empty when hidden.
    QString tokenNoticeText() const;
    int unreadTotal() const { return m_unread; }

public Q_SLOTS:
    void refreshWhatsAppStatus();
    void showTokenNotice(const protocol::TokenNotice &notice);
    void signOut();

Q_SIGNALS:
    // The session is over (expired, signed out elsewhere): `reason` says why.
    void sessionEnded(const QString &reason);
    void signedOut();
    // "" for the system's language, "es", "en".
    void languageChangeRequested(const QString &language);
    // A platform admin chose the company to work in (its slug).
    void actingTenantChosen(const QString &tenant);
    // A notification was raised (also without a system tray).
    void notificationShown(qint64 conversationId, const QString &title, const QString &text);

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildMenus();
    // `code` "tenant_suspended" says the company was suspended (`message`: why).
    void endSession(protocol::ErrorCode code = protocol::ErrorCode::Unknown, const QString &message = {});
    void onMessageCreated(const protocol::Message &message);
    void onStreamState();
    void updateTitle();
    void notify(qint64 conversationId, const QString &title, const QString &text);
    void addPage(const QString &label, QWidget *page);
    void loadTenantChooser();

    client::ApiClient *m_api;
    client::EventStream *m_events;
    protocol::Me m_user;
    ConversationsPage *m_conversations = nullptr;
    TenantsPage *m_tenants = nullptr;
    QListWidget *m_nav = nullptr;
    QComboBox *m_tenantChooser = nullptr;
    QStackedWidget *m_pages = nullptr;
    QLabel *m_banner = nullptr;
    QLabel *m_tokenNotice = nullptr;   // admins: the access token expires soon, has expired...
    WhatsAppPage *m_whatsApp = nullptr; // null for agents
    QLabel *m_serverStatus = nullptr;
    QLabel *m_whatsAppStatus = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    QTimer *m_statusTimer = nullptr;
    qint64 m_lastNotified = 0;
    int m_unread = 0;
    bool m_ended = false;
    bool m_wasOnline = true; // the last onStreamState found the server reachable
};

} // namespace puente::ui
