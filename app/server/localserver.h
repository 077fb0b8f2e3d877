#pragma once

#include "common/result.h"

#include <QUrl>

#include <memory>

namespace puente::server {

class HttpFront;
class ServerContext;

// The server module run inside the desktop console (local mode): SQLite and
// the key file in `dataDir`, HTTP on 127.0.0.1 at a free port.
class LocalServer {
public:
    static Result<std::unique_ptr<LocalServer>> start(const QString &dataDir);
    ~LocalServer();

    QUrl baseUrl() const { return m_url; }
    QString databaseLocation() const;

private:
    LocalServer() = default;
    std::unique_ptr<ServerContext> m_context;
    std::unique_ptr<HttpFront> m_front;
    QUrl m_url;
};

} // namespace puente::server
