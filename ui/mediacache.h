#pragma once

#include <QCache>
#include <QHash>
#include <QObject>
#include <QPixmap>
#include <QSet>

#include <functional>

namespace puente::client {
class ApiClient;
struct ApiError;
}

namespace puente::ui {

// Files of messages (GET /api/whatsapp/media/{message id}), fetched on
// demand: image thumbnails for the chat (a bounded cache of scaled pixmaps),
// and whole files to open or save.
class MediaCache : public QObject {
    Q_OBJECT
public:
    explicit MediaCache(client::ApiClient *api, QObject *parent = nullptr);

    // The thumbnail if it is here; otherwise null, and a download starts
    // (thumbnailReady follows).
    QPixmap thumbnail(qint64 messageId, const QSize &box);
    // The whole file, then `done(bytes, error)` (error empty on success).
    void fetch(qint64 messageId, const std::function<void(const QByteArray &, const QString &error)> &done);

Q_SIGNALS:
    void thumbnailReady(qint64 messageId);

private:
    client::ApiClient *m_api;
    QCache<qint64, QPixmap> m_thumbnails;
    QSet<qint64> m_pending;
    QSet<qint64> m_failed;
};

} // namespace puente::ui
