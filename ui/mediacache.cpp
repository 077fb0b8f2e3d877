#include "mediacache.h"

#include "client/apiclient.h"

#include <QImage>

namespace puente::ui {

MediaCache::MediaCache(client::ApiClient *api, QObject *parent) : QObject(parent), m_api(api)
{
    m_thumbnails.setMaxCost(64 * 1024 * 1024); // bytes of pixmaps
}

QPixmap MediaCache::thumbnail(qint64 messageId, const QSize &box)
{
    if (const QPixmap *p = m_thumbnails.object(messageId))
        return *p;
    if (m_pending.contains(messageId) || m_failed.contains(messageId))
        return {};
    m_pending.insert(messageId);
    auto *reply = m_api->get(QStringLiteral("api/whatsapp/media/%1").arg(messageId));
    connect(reply, &client::ApiReply::finished, this, [this, reply, messageId, box] {
        m_pending.remove(messageId);
        QImage image;
        if (!reply->ok() || !image.loadFromData(reply->body())) {
            // A network hiccup is tried again at the next paint; a file that
            // is missing or not an image is not.
            if (reply->ok() || !reply->error().isConnectionProblem())
                m_failed.insert(messageId);
            return;
        }
        auto *pixmap = new QPixmap(QPixmap::fromImage(image.scaled(box, Qt::KeepAspectRatio, Qt::SmoothTransformation)));
        m_thumbnails.insert(messageId, pixmap, int(pixmap->width() * pixmap->height() * 4));
        Q_EMIT thumbnailReady(messageId);
    });
    return {};
}

void MediaCache::fetch(qint64 messageId, const std::function<void(const QByteArray &, const QString &)> &done)
{
    auto *reply = m_api->get(QStringLiteral("api/whatsapp/media/%1").arg(messageId));
    connect(reply, &client::ApiReply::finished, this, [reply, done] {
        if (reply->ok())
            done(reply->body(), QString());
        else
            done({}, reply->error().message.isEmpty() ? reply->error().code : reply->error().message);
    });
}

} // namespace puente::ui
