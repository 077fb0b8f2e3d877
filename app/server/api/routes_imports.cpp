// Old chats brought in: WhatsApp chat exports uploaded by tenant admins and
// imported as jobs (ChatImportJobs).
#include "domain/phonenumber.h"
#include "importing/chatimportjobs.h"
#include "messaging/notifications.h"
#include "restapi.h"

#include <QTimeZone>

namespace puente::server::api {

namespace {
// A chat export is text, or the zip WhatsApp makes with its media. The
// biggest exports (years of chat with media) stay under this.
constexpr qint64 kMaxExportBytes = 2LL * 1024 * 1024 * 1024;
} // namespace

void registerImportRoutes(Router &router, Environment &env)
{
    // The body is the .txt or .zip, streamed to disk by the front; the
    // options ride in the query. Checked here what can be checked at once
    // (the caller hears about a typo now, not in the job's report).
    Access upload = Access::tenantAdmins();
    upload.rawBody = true;
    upload.maxBody = kMaxExportBytes;
    router.add<route::CreateChatImport>(upload, [&env](Request &r) {
        const QByteArray type = r.header("content-type").split(';').first().trimmed().toLower();
        static const QList<QByteArray> accepted{"text/plain", "application/zip", "application/x-zip-compressed", "application/octet-stream", ""};
        if (!accepted.contains(type))
            return problem(ErrorCode::UnsupportedMediaType, QStringLiteral("send the chat's .txt (text/plain) or the .zip WhatsApp made "
                                                                           "(application/zip)"));
        if (r.bodySize == 0 || !r.bodyFile)
            return problem(ErrorCode::MissingField, QStringLiteral("the body is empty: send the exported chat's file"));
        ChatImportOptions o;
        o.fileName = r.queryValue(QStringLiteral("file_name")).left(255);
        o.contact = r.queryValue(QStringLiteral("contact")).left(64);
        o.companyName = r.queryValue(QStringLiteral("company_name")).left(200);
        o.timeZone = r.queryValue(QStringLiteral("time_zone")).left(64);
        if (o.fileName.isEmpty())
            o.fileName = QStringLiteral("chat.txt");
        if (!o.timeZone.isEmpty() && !QTimeZone(o.timeZone.toUtf8()).isValid())
            return problem(ErrorCode::InvalidField, QStringLiteral("%1 is not a time zone; use an IANA name such as Europe/Madrid").arg(o.timeZone),
                           QStringLiteral("time_zone"));
        if (!o.contact.isEmpty()) {
            // Read in the company's country, as the import will.
            auto settings = NotificationService(env.db, env.keyring, nullptr).settings(r.principal.tenant);
            if (!settings)
                return fromError(settings.error());
            if (auto n = normalizePhoneNumber(o.contact, settings->defaultRegion); !n)
                return problem(ErrorCode::InvalidPhoneNumber, n.error().message, QStringLiteral("contact"));
        }
        auto job = env.chatImports->submit(r.principal.tenant, r.bodyFile->path(), o, r.actor());
        if (!job)
            return fromError(job.error());
        return answer<route::CreateChatImport>(job.value());
    });

    router.add<route::ListChatImports>(Access::tenantAdmins(), [&env](Request &r) {
        auto jobs = env.chatImports->list(r.principal.tenant);
        if (!jobs)
            return fromError(jobs.error());
        return answer<route::ListChatImports>({jobs.value()});
    });

    router.add<route::GetChatImport>(Access::tenantAdmins(), [&env](Request &r) {
        const auto id = r.id();
        if (!id)
            return notFound(QStringLiteral("import"));
        auto job = env.chatImports->get(r.principal.tenant, *id);
        if (!job)
            return fromError(job.error());
        return answer<route::GetChatImport>(job.value());
    });
}

} // namespace puente::server::api
