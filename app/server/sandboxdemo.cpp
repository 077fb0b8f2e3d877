#include "sandboxdemo.h"

#include "crypto/crypto.h"
#include "domain/phonenumber.h"
#include "logging/logging.h"
#include "sandbox/sandbox.h"
#include "servercontext.h"
#include "storage/tenantrepository.h"
#include "storage/userrepository.h"
#include "storage/whatsappconfigrepository.h"

#include <QDir>

namespace puente::server {

namespace {
const QString kPhoneNumberId = QStringLiteral("100000000000001");
const QString kWabaId = QStringLiteral("200000000000001");
const QString kToken = QStringLiteral("EAASandboxDemoToken0000000000000000");
const QString kSlug = QStringLiteral("demo");
} // namespace

SandboxDemo::~SandboxDemo() = default;

QString SandboxDemo::phoneNumberId()
{
    return kPhoneNumberId;
}

Result<std::unique_ptr<SandboxDemo>> SandboxDemo::prepare(Settings &settings, bool candidates, double delayScale)
{
    std::unique_ptr<SandboxDemo> demo(new SandboxDemo);
    sandbox::SandboxOptions options;
    options.graphVersion = settings.value(QStringLiteral("graph_version"), options.graphVersion);
    QString secret = settings.value(QStringLiteral("app_secret"));
    if (secret.isEmpty()) {
        secret = crypto::randomToken(24);
        settings.setOverride(QStringLiteral("app_secret"), secret);
    }
    options.appSecret = secret.toUtf8();
    options.numbers.append({kPhoneNumberId, kWabaId, QStringLiteral("15550100001"), QStringLiteral("Reclutamiento Demo"), kToken, 80});
    options.candidates = candidates;
    options.delayScale = delayScale;
    options.candidateIntervalMs = 25'000;
    // The demo's conversations outlive a restart: so do Meta's windows.
    options.stateFile = QDir(dataDir(settings)).filePath(QStringLiteral("sandbox-state.json"));
    demo->m_sandbox = std::make_unique<Sandbox>(options);
    auto port = demo->m_sandbox->listen(QHostAddress::LocalHost, 0);
    if (!port)
        return port.error();
    settings.setOverride(QStringLiteral("graph_base_url"), demo->m_sandbox->baseUrl().toString());
    return demo;
}

Result<SandboxDemo::Accounts> SandboxDemo::attach(ServerContext &context, quint16 serverPort)
{
    Database &db = context.database();
    // Nothing but the demo may be configured: the Sandbox answers every
    // Graph call of this server.
    {
        auto others = WhatsAppConfigRepository(db, context.keyring()).otherConfigurations(kSlug, kPhoneNumberId);
        if (!others)
            return others.error();
        if (!others->isEmpty())
            return makeError("not_a_demo_database",
                             QStringLiteral("tenant \"%1\" has a real WhatsApp configuration in this database; the Sandbox would receive its "
                                            "messages. Start the demo with its own data folder (--data-dir).").arg(others->first()));
    }
    Accounts accounts{kSlug, QStringLiteral("admin@demo.puente"), QStringLiteral("agente@demo.puente"), QStringLiteral("demo-puente-2026")};
    TenantRepository tenants(db);
    auto existing = tenants.findBySlug(kSlug);
    if (!existing)
        return existing.error();
    TenantId tenant;
    if (existing.value()) {
        tenant = existing.value()->id;
    } else {
        auto created = tenants.create(kSlug, QStringLiteral("Reclutamiento Demo"), Plan::Pro, Actor(QStringLiteral("sandbox")));
        if (!created)
            return created.error();
        tenant = created->id;
        UserRepository users(db);
        for (const auto &[email, name, role] : {std::tuple{accounts.adminEmail, QStringLiteral("Ana Admin"), Role::TenantAdmin},
                                                 std::tuple{accounts.agentEmail, QStringLiteral("Carlos Agente"), Role::Agent}}) {
            auto user = users.create({tenant, email, name, role, accounts.password}, Actor(QStringLiteral("sandbox")));
            if (!user)
                return user.error();
        }
    }
    WhatsAppConfig config;
    config.businessApiToken = kToken;
    config.phoneNumberId = kPhoneNumberId;
    config.businessAccountId = kWabaId;
    config.webhookVerifyToken = QStringLiteral("demo-verify-token");
    WhatsAppConfigRepository configs(db, context.keyring());
    auto saved = configs.save(tenant, config, Actor(QStringLiteral("sandbox")));
    if (!saved)
        return saved.error();
    // The demo starts as if its connection had just been tested: the
    // console shows the number the Sandbox would report.
    const QJsonObject node = m_sandbox->phoneNumberNode(kPhoneNumberId);
    (void)configs.recordSuccessfulTest(tenant, ApiType::BusinessApi, kPhoneNumberId,
                                       {formatPhoneNumberForDisplay(node.value(QStringLiteral("display_phone_number")).toString()),
                                        node.value(QStringLiteral("verified_name")).toString(),
                                        node.value(QStringLiteral("quality_rating")).toString(),
                                        node.value(QStringLiteral("whatsapp_business_manager_messaging_limit")).toString()});
    m_sandbox->setWebhookUrl(QUrl(QStringLiteral("http://127.0.0.1:%1/api/whatsapp/webhook").arg(serverPort)));
    qCInfo(lcHttp).noquote() << "Sandbox demo: sign in as" << accounts.adminEmail << "or" << accounts.agentEmail << "with password"
                             << accounts.password;
    return accounts;
}

} // namespace puente::server
