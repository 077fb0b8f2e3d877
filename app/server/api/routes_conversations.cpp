// Conversations, messages and media: what agents and the CRM use.
#include "accounts/apikeys.h"
#include "domain/phonenumber.h"
#include "crypto/crypto.h"
#include "logging/logging.h"
#include "messaging/conversations.h"
#include "messaging/mediafetcher.h"
#include "protocol/media.h"
#include "storage/whatsappconfigrepository.h"
#include "restapi.h"

#include <QFile>
#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

namespace puente::server::api {

namespace {
// What WhatsApp takes a file as (protocol/media.h), or why not.
Result<QString> mediaKindFor(const QString &mime, qint64 size)
{
    const auto kind = protocol::mediaKindFor(mime);
    if (!kind)
        return makeError("unsupported_media_type", QStringLiteral("WhatsApp does not take %1 files; send JPEG or PNG images, MP4 video, AAC/MP3/OGG "
                                                                  "audio, WebP stickers, or PDF/Word/Excel/PowerPoint/text documents")
                                                       .arg(mime.isEmpty() ? QStringLiteral("untyped") : mime));
    if (size > kind->maxBytes)
        return makeError("too_large", QStringLiteral("WhatsApp accepts %1 files up to %2 MB; this one has %3 MB")
                                          .arg(kind->type).arg(double(kind->maxBytes) / (1 << 20), 0, 'g', 3)
                                          .arg(double(size) / (1 << 20), 0, 'f', 1));
    return kind->type;
}


int limitParam(const Request &r, int fallback)
{
    bool ok = false;
    const int limit = r.queryValue(QStringLiteral("limit")).toInt(&ok);
    return ok ? limit : fallback;
}
} // namespace

void registerConversationRoutes(Router &router, Environment &env)
{
    router.add<route::ListConversations>(Access::agents(ApiScope::ConversationsRead), [&env](Request &r) {
        ConversationFilter f;
        f.status = r.queryValue(QStringLiteral("status"));
        if (!f.status.isEmpty() && f.status != QLatin1String("active") && f.status != QLatin1String("archived") && f.status != QLatin1String("blocked"))
            return problem(ErrorCode::InvalidParameter, QStringLiteral("status must be active, archived or blocked"), QStringLiteral("status"));
        f.query = r.queryValue(QStringLiteral("q")).left(200);
        const QString assigned = r.queryValue(QStringLiteral("assigned"));
        if (assigned == QLatin1String("me")) {
            if (!r.principal.userId.isValid())
                return problem(ErrorCode::InvalidParameter, QStringLiteral("an API key has no \"me\""), QStringLiteral("assigned"));
            f.assigned = ConversationFilter::Assigned::Me;
            f.assignedUser = r.principal.userId;
        } else if (assigned == QLatin1String("unassigned")) {
            f.assigned = ConversationFilter::Assigned::Unassigned;
        } else if (!assigned.isEmpty() && assigned != QLatin1String("any") && assigned != QLatin1String("all")) {
            bool ok = false;
            f.assignedUser = UserId(assigned.toLongLong(&ok));
            if (!ok)
                return problem(ErrorCode::InvalidParameter, QStringLiteral("assigned must be me, unassigned, any or a user id"),
                                    QStringLiteral("assigned"));
            f.assigned = ConversationFilter::Assigned::User;
        }
        f.limit = limitParam(r, 50);
        f.cursor = r.queryValue(QStringLiteral("cursor"));
        ConversationService service(env.db, &env.bus);
        auto page = service.list(r.principal.tenant, f);
        if (!page)
            return fromError(page.error());
        protocol::ConversationPage out = page.value();
        // The first page also tells the console its unread total.
        if (f.cursor.isEmpty()) {
            auto unread = service.unreadTotal(r.principal.tenant);
            if (!unread)
                return fromError(unread.error());
            out.unreadTotal = unread.value();
        }
        return answer<route::ListConversations>(out);
    });

    router.add<route::StartConversation>(Access::agents(ApiScope::MessagesSend), [&env](Request &r, const protocol::StartConversation &start) {
        auto e164 = normalizePhoneNumber(start.phone, env.defaultRegion);
        if (!e164)
            return fromError(e164.error());
        auto started = ConversationService(env.db, &env.bus).start(r.principal.tenant, e164.value(), start.name, r.actor());
        if (!started)
            return fromError(started.error());
        return answer<route::StartConversation>(started->conversation, started->created ? 201 : 200);
    });

    router.add<route::GetConversation>(Access::agents(ApiScope::ConversationsRead), [&env](Request &r) {
        const auto id = r.id();
        if (!id)
            return notFound(QStringLiteral("conversation"));
        auto c = ConversationService(env.db, &env.bus).find(r.principal.tenant, *id);
        if (!c)
            return fromError(c.error());
        return c.value() ? answer<route::GetConversation>(*c.value()) : notFound(QStringLiteral("conversation"));
    });

    router.add<route::UpdateConversation>(Access::agents(ApiScope::ConversationsWrite), [&env](Request &r) {
        const auto id = r.id();
        if (!id)
            return notFound(QStringLiteral("conversation"));
        auto body = decode<protocol::UpdateConversation>(r.json);
        if (auto *refused = std::get_if<Reply>(&body))
            return *refused;
        const auto &update = std::get<protocol::UpdateConversation>(body);
        ConversationChanges changes;
        changes.status = update.status;
        const QJsonValue &assignee = update.assignedUserId;
        if (assignee.isNull()) {
            changes.assignee = std::optional<UserId>();
        } else if (!assignee.isUndefined()) {
            if (!assignee.isDouble() || assignee.toDouble() != double(assignee.toInteger()))
                return problem(ErrorCode::InvalidField, QStringLiteral("assigned_user_id must be a whole number"), QStringLiteral("assigned_user_id"));
            changes.assignee = std::optional<UserId>(UserId(assignee.toInteger()));
        }
        changes.optedOut = update.optedOut;
        if (!changes.status && !changes.assignee && !changes.optedOut)
            return problem(ErrorCode::MissingField, QStringLiteral("send status, assigned_user_id and/or opted_out"));
        auto updated = ConversationService(env.db, &env.bus).update(r.principal.tenant, *id, changes, r.actor());
        if (!updated)
            return fromError(updated.error());
        return answer<route::UpdateConversation>(updated.value());
    });

    router.add<route::MarkRead>(Access::agents(ApiScope::ConversationsWrite), [&env](Request &r) {
        const auto id = r.id();
        if (!id)
            return notFound(QStringLiteral("conversation"));
        auto updated = ConversationService(env.db, &env.bus).markRead(r.principal.tenant, *id);
        if (!updated)
            return fromError(updated.error());
        // The read receipt (blue ticks) is queued with it and sent by the
        // dispatcher: no REST thread waits for Meta.
        return answer<route::MarkRead>(updated.value());
    });

    router.add<route::ListMessages>(Access::agents(ApiScope::ConversationsRead), [&env](Request &r) {
        const auto id = r.id();
        if (!id)
            return notFound(QStringLiteral("conversation"));
        qint64 before = 0;
        if (const QString b = r.queryValue(QStringLiteral("before")); !b.isEmpty()) {
            bool ok = false;
            before = b.toLongLong(&ok);
            if (!ok || before <= 0)
                return problem(ErrorCode::InvalidParameter, QStringLiteral("before must be a message id (next_cursor)"), QStringLiteral("before"));
        }
        auto page = ConversationService(env.db, &env.bus).messages(r.principal.tenant, *id, before, limitParam(r, 50));
        if (!page)
            return fromError(page.error());
        return answer<route::ListMessages>(page.value());
    });

    router.add<route::SendMessage>(Access::agents(ApiScope::MessagesSend), [&env](Request &r) {
        const auto id = r.id();
        if (!id)
            return notFound(QStringLiteral("conversation"));
        auto body = decode<protocol::SendMessage>(r.json);
        if (auto *refused = std::get_if<Reply>(&body))
            return *refused;
        const auto &send = std::get<protocol::SendMessage>(body);
        if (send.replyTo && *send.replyTo <= 0)
            return problem(ErrorCode::InvalidField, QStringLiteral("reply_to must be the id of a message in this conversation"), QStringLiteral("reply_to"));
        QString field;
        auto queued = ConversationService(env.db, &env.bus).enqueue(r.principal.tenant, *id, send, r.principal.userId, &field);
        if (!queued)
            return fromError(queued.error(), field);
        return answer<route::SendMessage>(queued->message);
    });

    // Outbound files: the body is the file itself (Content-Type: its type),
    // checked against Meta's types and sizes, uploaded to Meta with the
    // tenant's token and kept here (content-addressed) for the console.
    Access upload = Access::agents(ApiScope::MessagesSend);
    upload.rawBody = true;
    upload.maxBody = protocol::kMaxUploadBytes;
    router.addAsync<route::UploadMedia>(upload, [&env](Request &r) -> QFuture<Reply> {
        const auto now = [](Reply reply) { return QtFuture::makeReadyFuture(std::move(reply)); };
        const QString mime = QString::fromLatin1(r.header("content-type").split(';').first().trimmed().toLower());
        const QString filename = r.queryValue(QStringLiteral("filename")).left(255);
        auto kind = mediaKindFor(mime, r.bodySize);
        if (!kind)
            return now(fromError(kind.error())); // too_large (413) or unsupported_media_type (415)
        if (r.bodySize == 0 || !r.bodyFile)
            return now(problem(ErrorCode::MissingField, QStringLiteral("the body is empty: send the file's bytes")));
        auto channel = WhatsAppConfigRepository(env.db, env.keyring).channel(r.principal.tenant);
        if (!channel)
            return now(fromError(channel.error()));
        if (!channel.value())
            return now(problem(ErrorCode::WhatsAppNotConfigured, QStringLiteral("WhatsApp is not connected for this company yet")));
        QString sha;
        {
            QFile in(r.bodyFile->path());
            QCryptographicHash hash(QCryptographicHash::Sha256);
            if (!in.open(QIODevice::ReadOnly) || !hash.addData(&in))
                return now(fromError(makeError("storage_error", QStringLiteral("cannot read the upload: %1").arg(in.errorString()))));
            sha = QString::fromLatin1(hash.result().toHex());
        }
        // Meta answers on the Graph thread; the file is kept on the pool.
        const TenantId tenant = r.principal.tenant;
        const qint64 size = r.bodySize;
        const QString type = kind.value();
        return PoolGate::after(env.gate, env.graph.uploadMedia(channel.value()->phoneNumberId, r.bodyFile->path(), mime, filename, channel.value()->token),
                               [&env, tenant, file = r.bodyFile, sha, mime, size, filename, type](const std::variant<QString, meta::GraphError> &uploaded) {
            if (const auto *e = std::get_if<meta::GraphError>(&uploaded))
                return problem(protocol::ApiProblem{ErrorCode::GraphError, QStringLiteral("graph_") + e->kindName(), e->explain(), {}});
            const QString mediaId = std::get<QString>(uploaded);
            const QString path = MediaFetcher::pathFor(env.mediaRoot, sha);
            QDir().mkpath(QFileInfo(path).absolutePath());
            // The upload already lies beside the store: moved, not copied.
            if (!QFile::exists(path) && !QFile::rename(file->path(), path) && !QFile::copy(file->path(), path))
                return fromError(makeError("storage_error", QStringLiteral("cannot store the file under %1").arg(path)));
            if (auto s = ConversationService(env.db, &env.bus).recordUpload(tenant, mediaId, sha, mime, size, filename); !s)
                return fromError(s.error());
            return answer<route::UploadMedia>({mediaId, type, mime, size, sha});
        });
    });

    router.add<route::RetryMessage>(Access::agents(ApiScope::MessagesSend), [&env](Request &r) {
        const auto id = r.id();
        if (!id)
            return notFound(QStringLiteral("message"));
        auto message = ConversationService(env.db, &env.bus).retry(r.principal.tenant, *id, r.actor());
        if (!message)
            return fromError(message.error());
        return answer<route::RetryMessage>(message.value());
    });

    router.add<route::DismissMessage>(Access::agents(ApiScope::ConversationsWrite), [&env](Request &r) {
        const auto id = r.id();
        if (!id)
            return notFound(QStringLiteral("message"));
        auto message = ConversationService(env.db, &env.bus).dismiss(r.principal.tenant, *id, r.actor());
        if (!message)
            return fromError(message.error());
        return answer<route::DismissMessage>(message.value());
    });

    router.add<route::DownloadMedia>(Access::agents(ApiScope::ConversationsRead), [&env](Request &r) {
        const auto id = r.id();
        if (!id)
            return notFound(QStringLiteral("media"));
        auto media = ConversationService(env.db, &env.bus).media(r.principal.tenant, *id, env.mediaRoot);
        if (!media)
            return fromError(media.error());
        QFile f(media->path);
        if (!f.open(QIODevice::ReadOnly))
            return problem(ErrorCode::MediaNotAvailable, QStringLiteral("the file cannot be read on the server"));
        // The type comes from the contact's phone: only pictures, sound and
        // video are shown inline; anything else is a download that cannot run
        // script on this origin.
        const QString mime = media->mimeType.toLower();
        const bool inlineSafe = (mime.startsWith(QLatin1String("image/")) && mime != QLatin1String("image/svg+xml"))
                                || mime.startsWith(QLatin1String("audio/")) || mime.startsWith(QLatin1String("video/"));
        Reply reply{200, inlineSafe ? mime.toUtf8() : QByteArrayLiteral("application/octet-stream"), f.readAll(), {}};
        QString filename = media->filename;
        filename.remove(QLatin1Char('"')).remove(QLatin1Char('\r')).remove(QLatin1Char('\n'));
        QByteArray disposition = inlineSafe ? "inline" : "attachment";
        if (!filename.isEmpty())
            disposition += "; filename*=UTF-8''" + QUrl::toPercentEncoding(filename);
        reply.headers.append({QByteArray("Content-Disposition"), disposition});
        reply.headers.append({QByteArray("Content-Security-Policy"), QByteArray("sandbox")});
        reply.headers.append({QByteArray("Cache-Control"), QByteArray("private, max-age=86400")});
        return reply;
    });
}

} // namespace puente::server::api
