#pragma once

#include "common/result.h"

#include <QUrl>

#include <memory>

namespace puente::server {

class HttpFront;
class SandboxDemo;
class ServerContext;

// The server module run inside the desktop console (local mode): SQLite and
// the key file in `dataDir`, HTTP on 127.0.0.1 at a free port.
class LocalServer {
public:
    // With `sandbox`, the Sandbox (Cloud API emulator) runs beside it with a
    // demo tenant and scripted candidates (use a data folder of its own).
    static Result<std::unique_ptr<LocalServer>> start(const QString &dataDir, bool sandbox = false);
    ~LocalServer();

    QUrl baseUrl() const { return m_url; }
    QString databaseLocation() const;
    // "admin@demo.puente / agente@demo.puente, password ..." in sandbox mode.
    QString demoAccounts() const { return m_demoAccounts; }
    // The Sandbox demo in sandbox mode (null otherwise).
    SandboxDemo *demo() const { return m_demo.get(); }

    // First start: the database has no tenant and no user yet, so nobody
    // could sign in. (False when the database cannot be read: the sign-in
    // screen then shows the real problem.)
    bool needsSetup() const;
    // Creates the company (its slug derived from `company`: lower-case ASCII,
    // accents dropped, dashes, made unique) and its first tenant_admin. Only
    // while needsSetup() (else already_set_up). Checks the person's fields
    // before creating anything, so that a weak password leaves no half-made
    // company behind. Errors: already_set_up, invalid_name, invalid_email,
    // weak_password, and storage errors.
    Result<void> createFirstTenant(const QString &company, const QString &adminName, const QString &email, const QString &password);

private:
    LocalServer() = default;
    std::unique_ptr<SandboxDemo> m_demo; // before the context: it outlives it
    std::unique_ptr<ServerContext> m_context;
    std::unique_ptr<HttpFront> m_front;
    QUrl m_url;
    QString m_demoAccounts;
};

} // namespace puente::server
