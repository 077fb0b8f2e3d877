#pragma once

#include "httpfront.h"
#include "sandboxdemo.h"
#include "servercontext.h"
#include "storage/tenantrepository.h"

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

// A whole server with the Sandbox as Meta and the demo company (its admin
// and agent), as the suites that play Meta through the Sandbox start it.
// Members end in reverse: the front, the context, then the Sandbox.
struct DemoServer {
    std::unique_ptr<server::SandboxDemo> demo;
    std::unique_ptr<server::ServerContext> context;
    std::unique_ptr<server::HttpFront> front;
    quint16 port = 0;
    server::SandboxDemo::Accounts accounts;
    TenantId tenant;

    // The front, the context, then the Sandbox (a move-assignment would
    // end the Sandbox first).
    void stop()
    {
        front.reset();
        context.reset();
        demo.reset();
    }

    // `settings`: quietSettings() and whatever the suite needs; the demo
    // points graph_base_url, app_id and app_secret at the Sandbox.
    static Result<DemoServer> start(Settings settings, double delayScale = 0)
    {
        DemoServer s;
        auto demo = server::SandboxDemo::prepare(settings, false, delayScale);
        if (!demo)
            return demo.error();
        s.demo = std::move(demo).value();
        auto running = RunningServer::start(settings);
        if (!running)
            return running.error();
        s.context = std::move(running.value().context);
        s.front = std::move(running.value().front);
        s.port = running->port;
        auto accounts = s.demo->attach(*s.context, s.port);
        if (!accounts)
            return accounts.error();
        s.accounts = accounts.value();
        auto tenant = TenantRepository(s.context->database()).findByIdOrSlug(s.accounts.tenantSlug);
        if (!tenant || !tenant.value())
            return makeError("not_found", QStringLiteral("the demo company is missing"));
        s.tenant = tenant.value()->id;
        return s;
    }
};

} // namespace puente::test
