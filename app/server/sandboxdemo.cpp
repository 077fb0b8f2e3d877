#include "sandboxdemo.h"

#include "crypto/crypto.h"
#include "domain/phonenumber.h"
#include "logging/logging.h"
#include "sandbox/sandbox.h"
#include "servercontext.h"
#include "storage/tenantrepository.h"
#include "storage/userrepository.h"
#include "storage/whatsappconfigrepository.h"

#include "accounts/apikeys.h"
#include "messaging/notifications.h"
#include "messaging/templates.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

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
    // The platform's Meta app is the Sandbox's: its app token inspects tokens.
    if (settings.value(QStringLiteral("app_id")).isEmpty())
        settings.setOverride(QStringLiteral("app_id"), options.appId);
    else
        options.appId = settings.value(QStringLiteral("app_id"));
    options.numbers.append({kPhoneNumberId, kWabaId, QStringLiteral("15550100001"), QStringLiteral("Reclutamiento Demo"), kToken, 80});
    options.candidates = candidates;
    options.delayScale = delayScale;
    demo->m_candidates = candidates;
    demo->m_delayScale = delayScale;
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
    m_serverPort = serverPort;
    if (auto s = seedNotifications(context, tenant.value); !s)
        qCWarning(lcHttp).noquote() << "Sandbox demo: the demo CRM's notifications are off:" << s.error().message;
    qCInfo(lcHttp).noquote() << "Sandbox demo: sign in as" << accounts.adminEmail << "or" << accounts.agentEmail << "with password"
                             << accounts.password;
    return accounts;
}

// The demo's templates as Meta lists them, its two notification rules
// (ignoring quiet hours, so that a newcomer sees notices at any hour), and
// a fresh API key for the demo CRM (the previous run's is revoked).
Status SandboxDemo::seedNotifications(ServerContext &context, qint64 tenantId)
{
    Database &db = context.database();
    const TenantId tenant(tenantId);
    TemplateService templates(db, context.keyring());
    auto stored = templates.list(tenant);
    if (!stored)
        return stored.error();
    if (stored->isEmpty()) {
        QList<meta::Template> list;
        for (const QJsonValue &v : sandbox::sandboxscript::templates()) {
            const QJsonObject o = v.toObject();
            list.append({o.value(QStringLiteral("id")).toString(), o.value(QStringLiteral("name")).toString(),
                         o.value(QStringLiteral("language")).toString(), o.value(QStringLiteral("category")).toString(),
                         o.value(QStringLiteral("status")).toString(), o.value(QStringLiteral("rejected_reason")).toString(),
                         o.value(QStringLiteral("quality_score")).toObject().value(QStringLiteral("score")).toString(),
                         o.value(QStringLiteral("components")).toArray(), o});
        }
        if (auto s = templates.store(tenant, kWabaId, list); !s)
            return s.error();
    }
    NotificationService notifications(db, context.keyring(), &context.eventBus());
    auto rules = notifications.rules(tenant);
    if (!rules)
        return rules.error();
    const Actor sandbox(QStringLiteral("sandbox"));
    auto data = [](const char *path) { return protocol::ParameterSource{QStringLiteral("data"), QLatin1String(path)}; };
    if (rules->isEmpty()) {
        QString field;
        protocol::CreateNotificationRule received{QStringLiteral("application_received"), QStringLiteral("seguimiento_postulacion"),
                                                  QStringLiteral("es"), {}, {data("candidate.first_name"), data("job.title")}, {}, false, true};
        if (auto r = notifications.createRule(tenant, received, sandbox, &field); !r)
            return r.error();
        protocol::CreateNotificationRule interview{
            QStringLiteral("interview_scheduled"), QStringLiteral("confirmacion_entrevista"), QStringLiteral("es"), {},
            {data("candidate.first_name"), data("job.title"), {QStringLiteral("datetime"), QStringLiteral("interview.at")}},
            {{0, {QStringLiteral("text"), QStringLiteral("CONFIRMO")}}, {1, {QStringLiteral("text"), QStringLiteral("REPROGRAMAR")}}},
            false, true};
        if (auto r = notifications.createRule(tenant, interview, sandbox, &field); !r)
            return r.error();
    }
    // The demo CRM runs with the scripted candidates (not in tests that
    // want a quiet demo): its key too.
    if (!m_candidates)
        return {};
    ApiKeyRepository keys(db);
    const QString name = QStringLiteral("CRM demo (Sandbox)");
    auto existing = keys.list(tenant);
    if (!existing)
        return existing.error();
    for (const ApiKey &k : std::as_const(existing.value()))
        if (k.name == name && !k.revokedAt)
            (void)keys.revoke(tenant, k.id, sandbox);
    auto key = keys.create(tenant, name, {ApiScope::Notifications}, sandbox);
    if (!key)
        return key.error();
    m_crmKey = key->key;
    m_network = std::make_unique<QNetworkAccessManager>();
    m_crmTimer = std::make_unique<QTimer>();
    m_crmTimer->setInterval(int(45'000 * m_delayScale));
    QObject::connect(m_crmTimer.get(), &QTimer::timeout, m_crmTimer.get(), [this] { fireCrmEvent(); });
    m_crmTimer->start();
    QTimer::singleShot(int(8'000 * m_delayScale), m_crmTimer.get(), [this] { fireCrmEvent(); });
    return {};
}

void SandboxDemo::fireCrmEvent()
{
    if (!m_network || m_crmKey.isEmpty())
        return;
    static const char *const names[] = {"Lucía", "Mateo", "Valeria", "Hugo", "Martina", "Leo", "Sofía", "Daniel"};
    static const char *const jobs[] = {"auxiliar de almacén", "repartidor", "cajera", "operario de producción", "dependienta"};
    const int n = m_events++;
    const QString first = QString::fromUtf8(names[n % 8]);
    const bool interview = n % 2 == 1;
    QJsonObject data{{QStringLiteral("candidate"), QJsonObject{{QStringLiteral("first_name"), first}}},
                     {QStringLiteral("job"), QJsonObject{{QStringLiteral("title"), QString::fromUtf8(jobs[n % 5])}}}};
    if (interview) {
        const QDateTime at(QDate::currentDate().addDays(2), QTime(10, 0));
        data.insert(QStringLiteral("interview"), QJsonObject{{QStringLiteral("at"), at.toString(Qt::ISODate)}});
    }
    const QJsonObject body{{QStringLiteral("event"), interview ? QStringLiteral("interview_scheduled") : QStringLiteral("application_received")},
                           {QStringLiteral("to"), QJsonObject{{QStringLiteral("phone"), QStringLiteral("+34 699 10 %1 %2").arg(n / 10 % 100, 2, 10, QLatin1Char('0')).arg(n % 10 * 11, 2, 10, QLatin1Char('0'))},
                                                              {QStringLiteral("name"), first + QStringLiteral(" (CRM)")}}},
                           {QStringLiteral("reference"), QStringLiteral("demo-%1").arg(n)},
                           {QStringLiteral("data"), data}};
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/api/notifications").arg(m_serverPort)));
    request.setTransferTimeout(10'000);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Authorization", "Bearer " + m_crmKey.toUtf8());
    request.setRawHeader("Idempotency-Key", QStringLiteral("demo-%1-%2").arg(QDateTime::currentMSecsSinceEpoch()).arg(n).toUtf8());
    QNetworkReply *reply = m_network->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    QObject::connect(reply, &QNetworkReply::finished, reply, [reply] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status != 202)
            qCWarning(lcHttp).noquote() << "Sandbox demo CRM: the notification was answered" << status << reply->readAll().left(300);
    });
}

} // namespace puente::server
