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

    // What the API suites start from: their database and folder, cheap
    // password hashing, Spain as the default country, Meta unreachable, and
    // no dispatcher, media fetcher or token watch (the suites play Meta
    // themselves).
    static Settings quietSettings(const QString &databaseUrl, const QString &dataDir)
    {
        Settings settings;
        settings.setOverride(QStringLiteral("database"), databaseUrl);
        settings.setOverride(QStringLiteral("data_dir"), dataDir);
        settings.setOverride(QStringLiteral("password_hash_log_n"), QStringLiteral("10"));
        settings.setOverride(QStringLiteral("default_phone_region"), QStringLiteral("ES"));
        settings.setOverride(QStringLiteral("graph_base_url"), QStringLiteral("http://127.0.0.1:1"));
        settings.setOverride(QStringLiteral("dispatcher"), QStringLiteral("off"));
        settings.setOverride(QStringLiteral("media_fetcher"), QStringLiteral("off"));
        settings.setOverride(QStringLiteral("token_watch"), QStringLiteral("off"));
        return settings;
    }

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
