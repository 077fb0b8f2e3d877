#include "localserver.h"

#include "httpfront.h"
#include "logging/logging.h"
#include "sandboxdemo.h"
#include "servercontext.h"
#include "storage/database.h"
#include "storage/tenantrepository.h"
#include "storage/userrepository.h"

namespace puente::server {

namespace {
// "Reclutamiento Peñalver S.A." → "reclutamiento-penalver-s-a": what
// isValidSlug accepts, readable in URLs and on the command line.
QString slugFromName(const QString &name)
{
    QString slug;
    bool dash = false;
    for (const QChar c : name.normalized(QString::NormalizationForm_KD)) {
        if (c.category() == QChar::Mark_NonSpacing)
            continue; // the accent of a decomposed "é", the tilde of "ñ"
        const QChar l = c.toLower();
        if ((l >= QLatin1Char('a') && l <= QLatin1Char('z')) || (l >= QLatin1Char('0') && l <= QLatin1Char('9'))) {
            if (dash && !slug.isEmpty())
                slug += QLatin1Char('-');
            slug += l;
            dash = false;
        } else {
            dash = true;
        }
    }
    slug.truncate(56); // room for "-NNN" and isValidSlug's 63
    while (slug.endsWith(QLatin1Char('-')))
        slug.chop(1);
    if (!isValidSlug(slug))
        slug = slug.isEmpty() ? QStringLiteral("company") : QStringLiteral("company-") + slug;
    return slug;
}
} // namespace

Result<std::unique_ptr<LocalServer>> LocalServer::start(const QString &dataDir, bool sandbox)
{
    Settings settings;
    settings.setOverride(QStringLiteral("data_dir"), dataDir);
    // The desktop user's own folder: made private rather than refused.
    settings.setOverride(QStringLiteral("data_dir_permissions"), QStringLiteral("tighten"));
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

bool LocalServer::needsSetup() const
{
    const auto empty = TenantRepository(m_context->database()).installationIsEmpty();
    if (!empty) {
        qCWarning(lcStorage).noquote() << "cannot tell whether the database is empty:" << empty.error().message;
        return false;
    }
    return empty.value();
}

Result<void> LocalServer::createFirstTenant(const QString &company, const QString &adminName, const QString &email, const QString &password)
{
    if (!needsSetup())
        return makeError("already_set_up", QStringLiteral("this Puente already has a company; sign in instead"));
    const QString name = company.simplified();
    if (name.isEmpty())
        return makeError("invalid_name", QStringLiteral("the company needs a name"));
    if (adminName.trimmed().isEmpty())
        return makeError("invalid_name", QStringLiteral("type your name"));
    if (auto e = normalizeEmail(email); !e)
        return e.error();
    if (auto s = checkPasswordPolicy(password); !s)
        return s.error();

    Database &db = m_context->database();
    TenantRepository tenants(db);
    const QString base = slugFromName(name);
    QString slug = base;
    for (int n = 2;; ++n) {
        auto existing = tenants.findBySlug(slug);
        if (!existing)
            return existing.error();
        if (!existing.value())
            break;
        slug = base + QLatin1Char('-') + QString::number(n);
    }
    const Actor actor(QStringLiteral("first start"));
    auto tenant = tenants.create(slug, name, Plan::Basic, actor);
    if (!tenant)
        return tenant.error();
    auto user = UserRepository(db).create({tenant->id, email, adminName, Role::TenantAdmin, password}, actor);
    if (!user)
        return user.error();
    qCInfo(lcHttp).noquote() << "first start: created company" << slug << "with its administrator" << user->email;
    return {};
}

QString LocalServer::databaseLocation() const
{
    return m_context->database().url().redacted();
}

} // namespace puente::server
