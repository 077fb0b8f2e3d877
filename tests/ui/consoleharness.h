#pragma once

// A whole demo for console tests: a server on SQLite in a temporary folder,
// the Sandbox (Cloud API emulator) beside it with the demo tenant, and
// signed-in API clients for its agent and admin.

#include "../server/runningserver.h"
#include "client/apiclient.h"
#include "sandbox/sandbox.h"
#include "sandboxdemo.h"
#include "storage/tenantrepository.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTranslator>
#include <QTest>

#include <memory>

namespace puente::test {

// Waits for a reply; the JSON answer, or an empty object after a failure.
inline QJsonObject await(client::ApiReply *reply, client::ApiError *error = nullptr)
{
    QJsonObject answer;
    bool done = false;
    reply->then(reply->parent(), [&](const QJsonObject &json) { answer = json; done = true; },
                [&](const client::ApiError &e) { if (error) *error = e; done = true; });
    (void)QTest::qWaitFor([&] { return done; }, 20000);
    return answer;
}

struct ConsoleHarness {
    QTemporaryDir dir;
    std::unique_ptr<server::SandboxDemo> demo;
    RunningServer server;
    server::SandboxDemo::Accounts accounts;
    std::unique_ptr<client::ApiClient> agent;
    std::unique_ptr<client::ApiClient> admin;
    protocol::Me agentUser;
    protocol::Me adminUser;

    QString start()
    {
        Settings settings;
        settings.setOverride(QStringLiteral("data_dir"), dir.path());
        settings.setOverride(QStringLiteral("password_hash_log_n"), QStringLiteral("10"));
        settings.setOverride(QStringLiteral("rate_limit_user_per_second"), QStringLiteral("10000"));
        settings.setOverride(QStringLiteral("rate_limit_tenant_per_second"), QStringLiteral("10000"));
        settings.setOverride(QStringLiteral("rate_limit_user_burst"), QStringLiteral("10000"));
        settings.setOverride(QStringLiteral("rate_limit_tenant_burst"), QStringLiteral("10000"));
        auto prepared = server::SandboxDemo::prepare(settings, false, 0.05);
        if (!prepared)
            return prepared.error().message;
        demo = std::move(prepared).value();
        auto running = RunningServer::start(settings);
        if (!running)
            return running.error().message;
        server = std::move(running).value();
        auto attached = demo->attach(*server.context, server.port);
        if (!attached)
            return attached.error().message;
        accounts = attached.value();
        agent = signIn(accounts.agentEmail, &agentUser);
        admin = signIn(accounts.adminEmail, &adminUser);
        return agent && admin ? QString() : QStringLiteral("sign-in failed");
    }

    QUrl baseUrl() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(server.port)); }

    std::unique_ptr<client::ApiClient> signIn(const QString &email, protocol::Me *user)
    {
        auto api = std::make_unique<client::ApiClient>(baseUrl());
        const QJsonObject answer = await(api->post(QStringLiteral("api/auth/login"),
                                                   {{QStringLiteral("email"), email}, {QStringLiteral("password"), accounts.password}}));
        if (!answer.contains(QStringLiteral("token")))
            return nullptr;
        api->setToken(answer.value(QStringLiteral("token")).toString());
        *user = protocol::meOf(protocol::fromJson<protocol::LoginUser>(answer.value(QStringLiteral("user")).toObject()));
        return api;
    }

    // The demo tenant's templates read from the Sandbox (as the admin's
    // "Sync" does): an error message, or empty.
    QString syncTemplates()
    {
        client::ApiError error;
        await(admin->post(QStringLiteral("api/whatsapp/templates/sync"), {}), &error);
        return error.message;
    }

    TenantId demoTenant()
    {
        return TenantRepository(server.context->database()).findByIdOrSlug(accounts.tenantSlug).value()->id;
    }

    void candidateWrites(const QString &waId, const QString &name, const QString &text)
    {
        demo->sandbox().candidateWrites(server::SandboxDemo::phoneNumberId(), waId, name, text);
    }
};

// The console in one language for screenshots ("es" or "en": Puente's
// translation and the matching locale), undone when it goes out of scope.
struct ScreenshotLanguage {
    QTranslator translator;
    bool loaded = false;
    explicit ScreenshotLanguage(const QString &language)
    {
        const bool spanish = language == QLatin1String("es");
        loaded = translator.load(QLocale(spanish ? QLocale::Spanish : QLocale::English), QStringLiteral("puente"), QStringLiteral("_"),
                                 QStringLiteral(":/i18n"));
        if (loaded)
            QCoreApplication::installTranslator(&translator);
        QLocale::setDefault(spanish ? QLocale(QLocale::Spanish, QLocale::Spain) : QLocale(QLocale::English, QLocale::UnitedStates));
    }
    ~ScreenshotLanguage()
    {
        QCoreApplication::removeTranslator(&translator);
        QLocale::setDefault(QLocale::system());
    }
};

} // namespace puente::test
