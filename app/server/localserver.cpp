#include "localserver.h"

#include "httpfront.h"
#include "sandboxdemo.h"
#include "servercontext.h"

namespace puente::server {

Result<std::unique_ptr<LocalServer>> LocalServer::start(const QString &dataDir, bool sandbox)
{
    Settings settings;
    settings.setOverride(QStringLiteral("data_dir"), dataDir);
    std::unique_ptr<LocalServer> server(new LocalServer);
    if (sandbox) {
        auto demo = SandboxDemo::prepare(settings);
        if (!demo)
            return demo.error();
        server->m_demo = std::move(demo).value();
    }
    auto context = ServerContext::start(settings);
    if (!context)
        return context.error();
    server->m_context = std::move(context).value();
    server->m_front = std::make_unique<HttpFront>(*server->m_context);
    auto port = server->m_front->listen(QHostAddress::LocalHost, 0);
    if (!port)
        return port.error();
    server->m_url = QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port.value()));
    if (server->m_demo) {
        auto accounts = server->m_demo->attach(*server->m_context, port.value());
        if (!accounts)
            return accounts.error();
        server->m_demoAccounts = QStringLiteral("%1 / %2, password %3").arg(accounts->adminEmail, accounts->agentEmail, accounts->password);
    }
    return server;
}

LocalServer::~LocalServer()
{
    m_front.reset();
    m_context.reset();
    m_demo.reset();
}

QString LocalServer::databaseLocation() const
{
    return m_context->database().url().redacted();
}

} // namespace puente::server
