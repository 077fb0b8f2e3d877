#pragma once

#include "protocol/types.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace puente::client {
class ApiClient;
}

namespace puente::ui {

// Admins' WhatsApp page: how the company's number is connected (status,
// number, verified name, quality, messaging limit, last check, webhook URL)
// and the button to the configuration modal.
class WhatsAppPage : public QWidget {
    Q_OBJECT
public:
    explicit WhatsAppPage(client::ApiClient *api, QWidget *parent = nullptr);
    QString summaryText() const;

public Q_SLOTS:
    void refresh();
    // Opens the configuration modal; returns when it closes.
    void configure();

Q_SIGNALS:
    void configurationChanged();

private:
    void show(const protocol::WhatsAppConfig &config);

    client::ApiClient *m_api;
    QLabel *m_summary = nullptr;
    QPushButton *m_configure = nullptr;
};

} // namespace puente::ui
