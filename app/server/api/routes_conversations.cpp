// Conversations, messages and media: what agents and the CRM use.
#include "accounts/apikeys.h"
#include "domain/phonenumber.h"
#include "crypto/crypto.h"
#include "logging/logging.h"
#include "messaging/conversations.h"
#include "messaging/mediafetcher.h"
#include "storage/whatsappconfigrepository.h"
#include "restapi.h"

#include <QFile>
#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

namespace puente::server::api {

namespace {
// Meta's media types and sizes (../shared/reference/meta-cloud-api.md §7):
// the message type a file can be sent as.
Result<QString> mediaKindFor(const QString &mime, qint64 size)
{
    struct Kind {
        const char *type;
        QStringList mimes;
        qint64 max;
    };
    static const QList<Kind> kinds = {
        {"image", {QStringLiteral("image/jpeg"), QStringLiteral("image/png")}, 5LL << 20},
        {"audio", {QStringLiteral("audio/aac"), QStringLiteral("audio/amr"), QStringLiteral("audio/mpeg"), QStringLiteral("audio/mp4"),
                   QStringLiteral("audio/ogg")}, 16LL << 20},
        {"video", {QStringLiteral("video/mp4"), QStringLiteral("video/3gpp")}, 16LL << 20},
        {"sticker", {QStringLiteral("image/webp")}, 500LL << 10},
        {"document", {QStringLiteral("application/pdf"), QStringLiteral("text/plain"), QStringLiteral("application/msword"),
                      QStringLiteral("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
                      QStringLiteral("application/vnd.ms-excel"),
                      QStringLiteral("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                      QStringLiteral("application/vnd.ms-powerpoint"),
                      QStringLiteral("application/vnd.openxmlformats-officedocument.presentationml.presentation")}, 100LL << 20},
    };
    for (const Kind &k : kinds) {
        if (!k.mimes.contains(mime))
            continue;
        if (size > k.max)
            return makeError("too_large", QStringLiteral("WhatsApp accepts %1 files up to %2 MB; this one has %3 MB")
                                              .arg(QString::fromLatin1(k.type)).arg(double(k.max) / (1 << 20), 0, 'g', 3)
                                              .arg(double(size) / (1 << 20), 0, 'f', 1));
        return QString::fromLatin1(k.type);
    }
    return makeError("unsupported_media_type", QStringLiteral("WhatsApp does not take %1 files; send JPEG or PNG images, MP4 video, AAC/MP3/OGG "
                                                              "audio, WebP stickers, or PDF/Word/Excel/PowerPoint/text documents")
                                                   .arg(mime.isEmpty() ? QStringLiteral("untyped") : mime));
}

Reply notFound(const QString &what)
{
    return Reply::error(404, QStringLiteral("not_found"), QStringLiteral("no such %1").arg(what));
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
    router.add(Method::Get, QStringLiteral("/api/whatsapp/conversations"), Access::agents(ApiScope::ConversationsRead), [&env](Request &r) {
        ConversationFilter f;
        f.status = r.queryValue(QStringLiteral("status"));
        if (!f.status.isEmpty() && f.status != QLatin1String("active") && f.status != QLatin1String("archived") && f.status != QLatin1String("blocked"))
            return Reply::error(400, QStringLiteral("invalid_parameter"), QStringLiteral("status must be active, archived or blocked"), QStringLiteral("status"));
        f.query = r.queryValue(QStringLiteral("q")).left(200);
        const QString assigned = r.queryValue(QStringLiteral("assigned"));
        if (assigned == QLatin1String("me")) {
            if (!r.principal.userId.isValid())
                return Reply::error(400, QStringLiteral("invalid_parameter"), QStringLiteral("an API key has no \"me\""), QStringLiteral("assigned"));
            f.assigned = ConversationFilter::Assigned::Me;
            f.assignedUser = r.principal.userId;
        } else if (assigned == QLatin1String("unassigned")) {
            f.assigned = ConversationFilter::Assigned::Unassigned;
        } else if (!assigned.isEmpty() && assigned != QLatin1String("any") && assigned != QLatin1String("all")) {
            bool ok = false;
            f.assignedUser = UserId(assigned.toLongLong(&ok));
            if (!ok)
                return Reply::error(400, QStringLiteral("invalid_parameter"), QStringLiteral("assigned must be me, unassigned, any or a user id"),
                                    QStringLiteral("assigned"));
            f.assigned = ConversationFilter::Assigned::User;
        }
        f.limit = limitParam(r, 50);
        f.cursor = r.queryValue(QStringLiteral("cursor"));
        ConversationService service(env.db, &env.bus);
        auto page = service.list(r.principal.tenant, f);
        if (!page)
            return fromError(page.error());
        QJsonObject answer{{QStringLiteral("items"), page->items},
                           {QStringLiteral("next_cursor"), page->nextCursor.isEmpty() ? QJsonValue() : QJsonValue(page->nextCursor)}};
        // The first page also tells the console its unread total.
        if (f.cursor.isEmpty()) {
            auto unread = service.unreadTotal(r.principal.tenant);
            if (!unread)
                return fromError(unread.error());
            answer.insert(QStringLiteral("unread_total"), unread.value());
        }
        return Reply::json(answer);
    });

    router.add(Method::Post, QStringLiteral("/api/whatsapp/conversations"), Access::agents(ApiScope::MessagesSend), [&env](Request &r) {
        BodyReader body{r.json, {}};
        const auto phone = body.string(QStringLiteral("phone"), true, 40);
        const auto name = body.string(QStringLiteral("name"), false, 200);
        if (body.error)
            return *body.error;
        auto e164 = normalizePhoneNumber(*phone, env.defaultRegion);
        if (!e164)
            return fromError(e164.error());
        auto started = ConversationService(env.db, &env.bus).start(r.principal.tenant, e164.value(), name.value_or(QString()), r.actor());
        if (!started)
            return fromError(started.error());
        return Reply::json(started->conversation, started->created ? 201 : 200);
    });

    router.add(Method::Get, QStringLiteral("/api/whatsapp/conversations/{id}"), Access::agents(ApiScope::ConversationsRead), [&env](Request &r) {
        const auto id = r.id();
        if (!id)
            return notFound(QStringLiteral("conversation"));
        auto c = ConversationService(env.db, &env.bus).find(r.principal.tenant, *id);
        if (!c)
            return fromError(c.error());
        return c.value() ? Reply::json(*c.value()) : notFound(QStringLiteral("conversation"));
    });

    router.add(Method::Patch, QStringLiteral("/api/whatsapp/conversations/{id}"), Access::agents(ApiScope::ConversationsWrite), [&env](Request &r) {
        const auto id = r.id();
        if (!id)
            return notFound(QStringLiteral("conversation"));
        BodyReader body{r.json, {}};
        ConversationChanges changes;
        changes.status = body.string(QStringLiteral("status"), false, 20);
        if (body.has(QStringLiteral("assigned_user_id"))) {
            const QJsonValue v = r.json.value(QStringLiteral("assigned_user_id"));
            if (v.isNull())
                changes.assignee = std::optional<UserId>();
            else if (const auto user = body.integer(QStringLiteral("assigned_user_id")))
                changes.assignee = std::optional<UserId>(UserId(*user));
        }
        if (body.error)
            return *body.error;
        if (!changes.status && !changes.assignee)
            return Reply::error(422, QStringLiteral("missing_field"), QStringLiteral("send status and/or assigned_user_id"));
        auto updated = ConversationService(env.db, &env.bus).update(r.principal.tenant, *id, changes, r.actor());
        if (!updated)
            return fromError(updated.error());
        return Reply::json(updated.value());
    });

    router.add(Method::Post, QStringLiteral("/api/whatsapp/conversations/{id}/read"), Access::agents(ApiScope::ConversationsWrite), [&env](Request &r) {
        const auto id = r.id();
        if (!id)
            return notFound(QStringLiteral("conversation"));
        auto updated = ConversationService(env.db, &env.bus).markRead(r.principal.tenant, *id);
        if (!updated)
            return fromError(updated.error());
        // The read receipt (blue ticks) is queued with it and sent by the
        // dispatcher: no REST thread waits for Meta.
        return Reply::json(updated.value());
    });

    router.add(Method::Get, QStringLiteral("/api/whatsapp/conversations/{id}/messages"), Access::agents(ApiScope::ConversationsRead), [&env](Request &r) {
        const auto id = r.id();
        if (!id)
            return notFound(QStringLiteral("conversation"));
        qint64 before = 0;
        if (const QString b = r.queryValue(QStringLiteral("before")); !b.isEmpty()) {
            bool ok = false;
            before = b.toLongLong(&ok);
            if (!ok || before <= 0)
                return Reply::error(400, QStringLiteral("invalid_parameter"), QStringLiteral("before must be a message id (next_cursor)"), QStringLiteral("before"));
        }
        auto page = ConversationService(env.db, &env.bus).messages(r.principal.tenant, *id, before, limitParam(r, 50));
        if (!page)
            return fromError(page.error());
        return Reply::json(QJsonObject{{QStringLiteral("items"), page->items},
                                       {QStringLiteral("next_cursor"), page->nextCursor.isEmpty() ? QJsonValue() : QJsonValue(page->nextCursor)}});
    });

    router.add(Method::Post, QStringLiteral("/api/whatsapp/conversations/{id}/messages"), Access::agents(ApiScope::MessagesSend), [&env](Request &r) {
        const auto id = r.id();
        if (!id)
            return notFound(QStringLiteral("conversation"));
        BodyReader body{r.json, {}};
        OutboundRequest o;
        o.type = body.string(QStringLiteral("type"), false, 20).value_or(QStringLiteral("text"));
        o.text = body.string(QStringLiteral("message"), false, 5000, true).value_or(QString());
        o.previewUrl = body.boolean(QStringLiteral("preview_url")).value_or(false);
        o.replyTo = body.integer(QStringLiteral("reply_to")).value_or(0);
        if (body.has(QStringLiteral("reply_to")) && !r.json.value(QStringLiteral("reply_to")).isNull() && o.replyTo <= 0 && !body.error)
            return Reply::error(422, QStringLiteral("invalid_field"), QStringLiteral("reply_to must be the id of a message in this conversation"),
                                QStringLiteral("reply_to"));
        o.emoji = body.string(QStringLiteral("emoji"), false, 32).value_or(QString());
        o.mediaId = body.string(QStringLiteral("media_id"), false, 200).value_or(QString());
        o.mediaLink = body.string(QStringLiteral("link"), false, 2000).value_or(QString());
        o.caption = body.string(QStringLiteral("caption"), false, 2000, true).value_or(QString());
        o.filename = body.string(QStringLiteral("filename"), false, 255).value_or(QString());
        if (body.has(QStringLiteral("template"))) {
            const QJsonObject t = r.json.value(QStringLiteral("template")).toObject();
            o.templateName = t.value(QStringLiteral("name")).toString();
            o.templateLanguage = t.value(QStringLiteral("language")).toString();
            o.templateComponents = t.value(QStringLiteral("components")).toArray();
        }
        o.location = r.json.value(QStringLiteral("location")).toObject();
        o.contacts = r.json.value(QStringLiteral("contacts")).toArray();
        o.interactive = r.json.value(QStringLiteral("interactive")).toObject();
        if (body.error)
            return *body.error;
        QString field;
        auto queued = ConversationService(env.db, &env.bus).enqueue(r.principal.tenant, *id, o, r.principal.userId, &field);
        if (!queued)
            return fromError(queued.error(), field);
        return Reply::json(queued->message, 202);
    });

    // Outbound files: the body is the file itself (Content-Type: its type),
    // checked against Meta's types and sizes, uploaded to Meta with the
    // tenant's token and kept here (content-addressed) for the console.
    Access upload = Access::agents(ApiScope::MessagesSend);
    upload.rawBody = true;
    upload.maxBody = 100LL * 1024 * 1024;
    router.add(Method::Post, QStringLiteral("/api/whatsapp/media"), upload, AsyncHandler([&env](Request &r) -> QFuture<Reply> {
        const auto now = [](Reply reply) { return QtFuture::makeReadyFuture(std::move(reply)); };
        const QString mime = QString::fromLatin1(r.header("content-type").split(';').first().trimmed().toLower());
        const QString filename = r.queryValue(QStringLiteral("filename")).left(255);
        auto kind = mediaKindFor(mime, r.bodySize);
        if (!kind)
            return now(Reply::error(kind.error().code == QLatin1String("too_large") ? 413 : 415, kind.error().code, kind.error().message));
        if (r.bodySize == 0 || !r.bodyFile)
            return now(Reply::error(422, QStringLiteral("missing_field"), QStringLiteral("the body is empty: send the file's bytes")));
        auto channel = WhatsAppConfigRepository(env.db, env.keyring).channel(r.principal.tenant);
        if (!channel)
            return now(fromError(channel.error()));
        if (!channel.value())
            return now(Reply::error(409, QStringLiteral("whatsapp_not_configured"), QStringLiteral("WhatsApp is not connected for this company yet")));
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
                return Reply::error(502, QStringLiteral("graph_") + e->kindName(), e->explain());
            const QString mediaId = std::get<QString>(uploaded);
            const QString path = MediaFetcher::pathFor(env.mediaRoot, sha);
            QDir().mkpath(QFileInfo(path).absolutePath());
            // The upload already lies beside the store: moved, not copied.
            if (!QFile::exists(path) && !QFile::rename(file->path(), path) && !QFile::copy(file->path(), path))
                return fromError(makeError("storage_error", QStringLiteral("cannot store the file under %1").arg(path)));
            if (auto s = ConversationService(env.db, &env.bus).recordUpload(tenant, mediaId, sha, mime, size, filename); !s)
                return fromError(s.error());
            return Reply::json(QJsonObject{{QStringLiteral("media_id"), mediaId}, {QStringLiteral("type"), type},
                                           {QStringLiteral("mime_type"), mime}, {QStringLiteral("size"), size},
                                           {QStringLiteral("sha256"), sha}}, 201);
        });
    }));

    router.add(Method::Post, QStringLiteral("/api/whatsapp/messages/{id}/retry"), Access::agents(ApiScope::MessagesSend), [&env](Request &r) {
        const auto id = r.id();
        if (!id)
            return notFound(QStringLiteral("message"));
        auto message = ConversationService(env.db, &env.bus).retry(r.principal.tenant, *id, r.actor());
        if (!message)
            return fromError(message.error());
        return Reply::json(message.value(), 202);
    });

    router.add(Method::Post, QStringLiteral("/api/whatsapp/messages/{id}/dismiss"), Access::agents(ApiScope::ConversationsWrite), [&env](Request &r) {
        const auto id = r.id();
        if (!id)
            return notFound(QStringLiteral("message"));
        auto message = ConversationService(env.db, &env.bus).dismiss(r.principal.tenant, *id, r.actor());
        if (!message)
            return fromError(message.error());
        return Reply::json(message.value());
    });

    router.add(Method::Get, QStringLiteral("/api/whatsapp/media/{id}"), Access::agents(ApiScope::ConversationsRead), [&env](Request &r) {
        const auto id = r.id();
        if (!id)
            return notFound(QStringLiteral("media"));
        auto media = ConversationService(env.db, &env.bus).media(r.principal.tenant, *id, env.mediaRoot);
        if (!media)
            return fromError(media.error());
        QFile f(media->path);
        if (!f.open(QIODevice::ReadOnly))
            return Reply::error(409, QStringLiteral("media_not_available"), QStringLiteral("the file cannot be read on the server"));
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
