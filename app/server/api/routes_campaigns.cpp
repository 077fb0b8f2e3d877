// Campaigns: mass sends of one template to an audience imported from CSV.
#include "accounts/apikeys.h"
#include "messaging/campaigns.h"
#include "restapi.h"

#include <QBuffer>
#include <QFile>

namespace puente::server::api {

namespace {
CampaignService service(Environment &env)
{
    CampaignService s(env.db, env.keyring, &env.bus);
    s.setDefaultRegion(env.defaultRegion);
    return s;
}

// Tenant admins, and the CRM with a key of the campaigns scope.
Access adminsAndCrm()
{
    Access a = Access::tenantAdmins();
    a.scope = ApiScope::Campaigns;
    return a;
}

Reply noCampaign()
{
    return notFound(QStringLiteral("campaign"));
}

Reply csv(const QByteArray &body, const QString &filename)
{
    Reply reply{200, QByteArrayLiteral("text/csv; charset=utf-8"), body, {}};
    reply.headers.append({QByteArrayLiteral("Content-Disposition"), "attachment; filename=\"" + filename.toUtf8() + "\""});
    return reply;
}

template<typename R>
void addTransition(Router &router, Environment &env, Result<protocol::Campaign> (CampaignService::*action)(TenantId, qint64, const Actor &))
{
    router.add<R>(adminsAndCrm(), [&env, action](Request &r) {
        const auto id = r.id();
        if (!id)
            return noCampaign();
        CampaignService s = service(env);
        auto c = (s.*action)(r.principal.tenant, *id, r.actor());
        if (!c)
            return fromError(c.error());
        return answer<R>(c.value());
    });
}
} // namespace

// Audience files: 100,000 candidates with a few columns fit in well under this.
constexpr qint64 kMaxAudienceBytes = 64LL * 1024 * 1024;

void registerCampaignRoutes(Router &router, Environment &env)
{
    router.add<route::ListCampaigns>(adminsAndCrm(), [&env](Request &r) {
        auto list = service(env).list(r.principal.tenant);
        if (!list)
            return fromError(list.error());
        return answer<route::ListCampaigns>(protocol::CampaignList{list.value()});
    });

    router.add<route::CreateCampaign>(adminsAndCrm(), [&env](Request &r, const protocol::CreateCampaign &in) {
        QString field;
        auto c = service(env).create(r.principal.tenant, in, r.actor(), &field);
        if (!c)
            return fromError(c.error(), field);
        return answer<route::CreateCampaign>(c.value());
    });

    router.add<route::GetCampaign>(adminsAndCrm(), [&env](Request &r) {
        const auto id = r.id();
        if (!id)
            return noCampaign();
        auto c = service(env).get(r.principal.tenant, *id);
        if (!c)
            return fromError(c.error());
        return answer<route::GetCampaign>(c.value());
    });

    router.add<route::UpdateCampaign>(adminsAndCrm(), [&env](Request &r) {
        const auto id = r.id();
        if (!id)
            return noCampaign();
        auto body = decode<protocol::UpdateCampaign>(r.json);
        if (auto *refused = std::get_if<Reply>(&body))
            return *refused;
        QString field;
        auto c = service(env).update(r.principal.tenant, *id, std::get<protocol::UpdateCampaign>(body), r.actor(), &field);
        if (!c)
            return fromError(c.error(), field);
        return answer<route::UpdateCampaign>(c.value());
    });

    router.add<route::DeleteCampaign>(adminsAndCrm(), [&env](Request &r) {
        const auto id = r.id();
        if (!id)
            return noCampaign();
        if (auto s = service(env).remove(r.principal.tenant, *id, r.actor()); !s)
            return fromError(s.error());
        return Reply::noContent();
    });

    // The body is the CSV file, streamed to disk by the front and read from
    // there a chunk at a time.
    Access upload = adminsAndCrm();
    upload.rawBody = true;
    upload.maxBody = kMaxAudienceBytes;
    router.add<route::UploadAudience>(upload, [&env](Request &r) {
        const auto id = r.id();
        if (!id)
            return noCampaign();
        const QByteArray type = r.header("content-type").split(';').first().trimmed().toLower();
        if (!type.isEmpty() && type != "text/csv" && type != "text/plain" && type != "application/csv" && type != "application/vnd.ms-excel")
            return problem(ErrorCode::UnsupportedMediaType, QStringLiteral("send the audience as CSV (Content-Type: text/csv); from a spreadsheet, "
                                                                           "save it as \"CSV UTF-8\""));
        // An empty body is the service's to refuse (after it found the campaign).
        QBuffer none;
        QFile file(r.bodyFile ? r.bodyFile->path() : QString());
        QIODevice *in = r.bodyFile ? static_cast<QIODevice *>(&file) : &none;
        if (!in->open(QIODevice::ReadOnly))
            return fromError(makeError("storage_error", QStringLiteral("cannot read the upload: %1").arg(in->errorString())));
        auto report = service(env).importAudience(r.principal.tenant, *id, in, r.actor());
        if (!report)
            return fromError(report.error());
        return answer<route::UploadAudience>(report.value());
    });

    router.add<route::GetAudienceReport>(adminsAndCrm(), [&env](Request &r) {
        const auto id = r.id();
        if (!id)
            return noCampaign();
        auto report = service(env).audienceReport(r.principal.tenant, *id);
        if (!report)
            return fromError(report.error());
        return answer<route::GetAudienceReport>(report.value());
    });

    router.add<route::DownloadAudienceIssues>(adminsAndCrm(), [&env](Request &r) {
        const auto id = r.id();
        if (!id)
            return noCampaign();
        auto body = service(env).audienceIssuesCsv(r.principal.tenant, *id);
        if (!body)
            return fromError(body.error());
        return csv(body.value(), QStringLiteral("campaign-%1-audience-issues.csv").arg(*id));
    });

    addTransition<route::StartCampaign>(router, env, &CampaignService::start);
    addTransition<route::PauseCampaign>(router, env, &CampaignService::pause);
    addTransition<route::ResumeCampaign>(router, env, &CampaignService::resume);
    addTransition<route::CancelCampaign>(router, env, &CampaignService::cancel);

    router.add<route::ListRecipients>(adminsAndCrm(), [&env](Request &r) {
        const auto id = r.id();
        if (!id)
            return noCampaign();
        protocol::RecipientQuery q;
        q.status = r.queryValue(QStringLiteral("status"));
        q.cursor = r.queryValue(QStringLiteral("cursor"));
        if (const QString limit = r.queryValue(QStringLiteral("limit")); !limit.isEmpty()) {
            bool ok = false;
            q.limit = limit.toLongLong(&ok);
            if (!ok || q.limit <= 0)
                return problem(ErrorCode::InvalidParameter, QStringLiteral("limit is a positive number (at most 500)"), QStringLiteral("limit"));
        }
        QString field;
        auto page = service(env).recipients(r.principal.tenant, *id, q, &field);
        if (!page)
            return fromError(page.error(), field);
        return answer<route::ListRecipients>(page.value());
    });

    router.add<route::DownloadResults>(adminsAndCrm(), [&env](Request &r) {
        const auto id = r.id();
        if (!id)
            return noCampaign();
        auto body = service(env).resultsCsv(r.principal.tenant, *id);
        if (!body)
            return fromError(body.error());
        return csv(body.value(), QStringLiteral("campaign-%1-results.csv").arg(*id));
    });
}

} // namespace puente::server::api
