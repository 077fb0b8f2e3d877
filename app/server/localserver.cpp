#include "localserver.h"

#include "httpfront.h"
#include "servercontext.h"

namespace puente::server {

Result<std::unique_ptr<LocalServer>> LocalServer::start(const QString &dataDir)
{
    Settings settings;
    settings.setOverride(QStringLiteral("data_dir"), dataDir);
    auto context = ServerContext::start(settings);
    if (!context)
        return context.error();
    std::unique_ptr<LocalServer> server(new LocalServer);
    server->m_context = std::move(context).value();
    server->m_front = std::make_unique<HttpFront>(*server->m_context);
    auto port = server->m_front->listen(QHostAddress::LocalHost, 0);
    if (!port)
        return port.error();
    server->m_url = QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port.value()));
    return server;
}

LocalServer::~LocalServer() = default;

QString LocalServer::databaseLocation() const
{
    return m_context->database().url().redacted();
}

} // namespace puente::server
