#pragma once

#include "adminpage.h"
#include "protocol/types.h"

class QStandardItemModel;
class QTableView;

namespace puente::ui {

class DeadLettersWidget;
class UsageBar;

// A tenant's health, for its admins: the plan and this month's usage, how
// WhatsApp is connected (status, quality rating, messaging limit, last
// webhook), what went wrong in the last 24 hours (failed sends by reason,
// rate-limit hits, refused tokens), and webhooks waiting for a replay —
// each with what to do about it.
class HealthPage : public AdminPage {
    Q_OBJECT
public:
    explicit HealthPage(client::ApiClient *api, QWidget *parent = nullptr);

    // Everything the page says, as plain text (tests, screen readers).
    QString text() const;
    QStandardItemModel *failures() const { return m_failures; }
    DeadLettersWidget *deadLetters() const { return m_deadLetters; }
    UsageBar *usersBar() const { return m_users; }
    UsageBar *conversationsBar() const { return m_conversations; }
    PageState *status() const { return pageState(); }

public Q_SLOTS:
    void refresh() override;

Q_SIGNALS:
    // "Open the WhatsApp configuration" was pressed.
    void configureWhatsAppRequested();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void showUsage(const protocol::Usage &usage);
    void showHealth(const protocol::Health &health);

    QLabel *m_plan;
    UsageBar *m_users;
    UsageBar *m_conversations;
    QLabel *m_messages;
    QLabel *m_connection;
    QPushButton *m_configure;
    QLabel *m_incidents;
    QTableView *m_failuresView;
    QStandardItemModel *m_failures;
    QLabel *m_noFailures;
    DeadLettersWidget *m_deadLetters;
    QLabel *m_deadLettersTitle;
};

} // namespace puente::ui
