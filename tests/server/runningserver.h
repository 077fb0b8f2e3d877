#pragma once

#include "httpfront.h"
#include "servercontext.h"

#include <memory>

namespace puente::test {

// A whole server (context + HTTP front) on a free loopback port, as the
// server test suites start it.
struct RunningServer {
    std::unique_ptr<server::ServerContext> context;
    std::unique_ptr<server::HttpFront> front;
    quint16 port = 0;

    static Result<RunningServer> start(const Settings &settings)
    {
        auto context = server::ServerContext::start(settings);
        if (!context)
            return context.error();
        RunningServer running;
        running.context = std::move(context).value();
        running.front = std::make_unique<server::HttpFront>(*running.context);
        auto port = running.front->listen(QHostAddress::LocalHost, 0);
        if (!port)
            return port.error();
        running.port = port.value();
        return running;
    }
};

} // namespace puente::test
