#include "mediacache.h"

#include "client/apiclient.h"

#include <QImage>
#include <QtConcurrent/QtConcurrentRun>

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
    auto *reply = m_api->downloadMedia(messageId);
    connect(reply, &client::ApiReply::finished, this, [this, reply, messageId, box] {
        if (!reply->ok()) {
            m_pending.remove(messageId);
            // A network hiccup is tried again at the next paint; a file that
            // is missing is not.
            if (!reply->error().isConnectionProblem())
                m_failed.insert(messageId);
            return;
        }
        // Decoding and scaling a photo of several MB takes long enough to
        // stutter the chat: done on a worker, only the pixmap here.
        QtConcurrent::run([bytes = reply->body(), box] {
            QImage image;
            return image.loadFromData(bytes) ? image.scaled(box, Qt::KeepAspectRatio, Qt::SmoothTransformation) : QImage();
        }).then(this, [this, messageId](const QImage &scaled) {
            m_pending.remove(messageId);
            if (scaled.isNull()) {
                m_failed.insert(messageId); // not an image
                return;
            }
            auto *pixmap = new QPixmap(QPixmap::fromImage(scaled));
            m_thumbnails.insert(messageId, pixmap, int(pixmap->width() * pixmap->height() * 4));
            Q_EMIT thumbnailReady(messageId);
        });
    });
    return {};
}

void MediaCache::fetch(qint64 messageId, const std::function<void(const QByteArray &, const QString &)> &done)
{
    auto *reply = m_api->downloadMedia(messageId);
    connect(reply, &client::ApiReply::finished, this, [reply, done] {
        if (reply->ok())
            done(reply->body(), QString());
        else
            done({}, reply->error().message.isEmpty() ? reply->error().codeName : reply->error().message);
    });
}

} // namespace puente::ui
