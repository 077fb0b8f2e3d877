#pragma once

#include "http/server.h"

#include <QHostAddress>
#include <QList>
#include <QString>

#include <functional>
#include <memory>

namespace puente::test {

// A stand-in for a remote HTTP API (Meta's Graph API, a Puente server) on a
// free loopback port, on the project's own HTTP server. Handlers are chosen
// by the longest matching path prefix and get the rest of the path.
//
//   FakeServer graph;
//   graph.route(QStringLiteral("/v23.0/"), [](const QString &id, const http::Request &) {
//       return http::Reply::json(QJsonObject{{QStringLiteral("id"), id}});
//   });
//   const quint16 port = graph.listen();
class FakeServer {
public:
    using Handler = std::function<http::Reply(const QString &rest, const http::Request &request)>;
    // Answers when it likes (or never): a remote that hangs.
    using LaterHandler = std::function<void(const QString &rest, const http::Request &request, http::Answer answer)>;

    FakeServer()
    {
        m_http->setBodyPolicy([](const http::RequestHead &) { return http::BodyPolicy{200 << 20, {}, {}, {}}; });
        m_http->setFallback([this](http::Request request, http::Answer answer) {
            const Route *best = nullptr;
            for (const Route &r : m_routes)
                if (request.path.startsWith(r.prefix) && (!best || r.prefix.size() > best->prefix.size()))
                    best = &r;
            if (!best)
                return answer.send(http::Reply::error(404, QStringLiteral("not_found"), request.path));
            if (best->later)
                return best->later(request.path.mid(best->prefix.size()), request, answer);
            answer.send(best->handler(request.path.mid(best->prefix.size()), request));
        });
    }

    // A route replaces the one with the same prefix, if any.
    void route(const QString &prefix, Handler handler) { put({prefix, std::move(handler), {}}); }
    void routeLater(const QString &prefix, LaterHandler handler) { put({prefix, {}, std::move(handler)}); }
    // Listens on 127.0.0.1; returns the port (0 when it could not).
    quint16 listen()
    {
        auto port = m_http->listen(QHostAddress::LocalHost, 0);
        return port ? port.value() : 0;
    }
    quint16 port() const { return m_http->port(); }

private:
    struct Route {
        QString prefix;
        Handler handler;
        LaterHandler later;
    };
    void put(Route route)
    {
        m_routes.removeIf([&route](const Route &r) { return r.prefix == route.prefix; });
        m_routes.append(std::move(route));
    }
    std::unique_ptr<http::Server> m_http = std::make_unique<http::Server>();
    QList<Route> m_routes;
};

} // namespace puente::test
