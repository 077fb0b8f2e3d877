#pragma once

#include "common/result.h"
#include "config/settings.h"

#include <QString>

#include <memory>

class QNetworkAccessManager;
class QTimer;

namespace puente::sandbox {
class Sandbox;
}

namespace puente::server {

class ServerContext;
using sandbox::Sandbox;

// The out-of-the-box demo: the Sandbox (a Cloud API emulator) beside the
// server, a demo tenant with an admin and an agent, its WhatsApp
// configuration pointing at the Sandbox, and scripted candidates writing in.
// Every Graph call of the server goes to the Sandbox, so the demo refuses a
// database that holds other tenants' configurations.
class SandboxDemo {
public:
    struct Accounts {
        QString tenantSlug;
        QString adminEmail;
        QString agentEmail;
        QString password;
    };

    // Starts the Sandbox on 127.0.0.1 and points `settings` at it
    // (graph_base_url; app_secret unless one is set).
    static Result<std::unique_ptr<SandboxDemo>> prepare(Settings &settings, bool candidates = true, double delayScale = 1.0);
    ~SandboxDemo();

    // Once the server runs: checks the database is a demo one, seeds the demo
    // tenant (idempotent) and tells the Sandbox where the webhook is.
    Result<Accounts> attach(ServerContext &context, quint16 serverPort);
    Sandbox &sandbox() { return *m_sandbox; }
    // The demo tenant's WhatsApp phone number id in the Sandbox.
    static QString phoneNumberId();

    // The demo CRM (with scripted candidates): now and then a new application
    // or an interview is posted to POST /api/notifications with a demo API
    // key, as a CRM would, so automatic notices arrive in the chats.
    void fireCrmEvent();

private:
    SandboxDemo() = default;
    Status seedNotifications(ServerContext &context, qint64 tenantId);
    std::unique_ptr<Sandbox> m_sandbox;
    bool m_candidates = true;
    double m_delayScale = 1.0;
    quint16 m_serverPort = 0;
    QString m_crmKey;
    int m_events = 0;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<QTimer> m_crmTimer;
};

} // namespace puente::server
