#include "messaging/notificationworker.h"

#include "common/clock.h"
#include "crypto/crypto.h"
#include "events/eventlog.h"
#include "meta/graphclient.h"
#include "messaging/campaigns.h"
#include "messaging/notifications.h"

#include <QHostAddress>
#include <QHostInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QPromise>
#include <QTimer>
#include <QUrl>

#include <QLoggingCategory>

namespace puente {

Q_LOGGING_CATEGORY(lcNotify, "puente.notifications")

QByteArray callbackSignature(const QByteArray &secret, const QByteArray &body)
{
    return "sha256=" + crypto::hmacSha256(secret, body).toHex();
}

class NotificationWorker::Worker : public QObject {
public:
    Worker(NotificationWorker &owner) : m_owner(owner), m_poll(this), m_soon(this), m_pace(this) {}

    void begin()
    {
        m_service = std::make_unique<NotificationService>(m_owner.m_db, m_owner.m_keyring, m_owner.m_bus);
        m_service->setDefaults(m_owner.m_settings.defaultRegion, m_owner.m_settings.callbackPrivateNetwork);
        m_service->setRetryBase(m_owner.m_settings.retryBaseMs);
        if (m_owner.m_clock)
            m_service->setClock(m_owner.m_clock);
        m_network = std::make_unique<QNetworkAccessManager>();
        m_poll.setInterval(m_owner.m_settings.pollMs);
        QObject::connect(&m_poll, &QTimer::timeout, this, [this] { tick(); });
        m_poll.start();
        m_soon.setSingleShot(true);
        m_soon.setInterval(20);
        QObject::connect(&m_soon, &QTimer::timeout, this, [this] { tick(); });
        m_campaigns = std::make_unique<CampaignService>(m_owner.m_db, m_owner.m_keyring, m_owner.m_bus);
        m_campaigns->setDefaultRegion(m_owner.m_settings.defaultRegion);
        if (m_owner.m_clock)
            m_campaigns->setClock(m_owner.m_clock);
        m_pace.setSingleShot(true);
        QObject::connect(&m_pace, &QTimer::timeout, this, [this] { pace(); });
        tick();
        pace();
    }

    // Campaigns: soon again while one runs, else once a second.
    void pace()
    {
        if (m_stopped)
            return;
        auto running = m_campaigns->advance();
        if (!running)
            qCWarning(lcNotify).noquote() << "campaigns:" << running.error().message;
        m_pace.start(running && running.value() > 0 ? m_owner.m_settings.campaignPaceMs : 1000);
    }

    void end()
    {
        m_stopped = true;
        m_poll.stop();
        m_soon.stop();
        m_pace.stop();
        m_campaigns.reset();
        // Callbacks still open are simply attempted again after a restart
        // (the CRM tells them apart by X-Puente-Delivery).
        m_network.reset();
        m_service.reset();
    }

    void wake()
    {
        if (!m_stopped && !m_soon.isActive())
            m_soon.start();
    }

    void tick()
    {
        if (m_stopped)
            return;
        if (auto r = m_service->releaseDue(); !r)
            qCWarning(lcNotify).noquote() << "scheduled notifications:" << r.error().message;
        if (auto r = m_service->followEvents(); !r)
            qCWarning(lcNotify).noquote() << "following events:" << r.error().message;
        else if (r.value() > 0)
            wake(); // there may be more
        sendCallbacks();
        if (nowMs() - m_prunedAt > 3'600'000) {
            m_prunedAt = nowMs();
            if (auto s = m_service->prune(); !s)
                qCWarning(lcNotify).noquote() << "pruning:" << s.error().message;
        }
    }

    void sendCallbacks()
    {
        const int room = m_owner.m_settings.maxInFlight - int(m_busy.size());
        if (room <= 0)
            return;
        auto due = m_service->dueCallbacks(room, m_busy);
        if (!due) {
            qCWarning(lcNotify).noquote() << "callbacks:" << due.error().message;
            return;
        }
        for (const NotificationService::DueCallback &d : std::as_const(due.value())) {
            m_busy.insert(d.id);
            post(d, [this, d](bool delivered, std::optional<int> status, const QString &answer) {
                m_busy.remove(d.id);
                if (!m_service)
                    return;
                if (auto s = m_service->recordCallback(d, delivered, status, answer); !s)
                    qCWarning(lcNotify).noquote() << "recording a callback:" << s.error().message;
                if (delivered)
                    wake(); // the notification's next one may go now
            });
        }
    }

    using Done = std::function<void(bool delivered, std::optional<int> status, const QString &answer)>;

    // The URL checked again (a name may resolve anywhere), then POSTed.
    void post(const NotificationService::DueCallback &d, Done done)
    {
        if (d.url.isEmpty())
            return done(false, std::nullopt, QStringLiteral("no callback URL is set any more"));
        if (const Status allowed = notify::checkCallbackUrl(d.url, m_owner.m_settings.callbackPrivateNetwork); !allowed)
            return done(false, std::nullopt, allowed.error().message);
        const QUrl url(d.url);
        QHostAddress literal;
        const QString host = url.host().toLower();
        if (m_owner.m_settings.callbackPrivateNetwork || host == QLatin1String("localhost") || literal.setAddress(host))
            return send(d, std::move(done));
        QPointer<Worker> self(this);
        QHostInfo::lookupHost(host, this, [self, d, done = std::move(done)](const QHostInfo &info) mutable {
            if (!self || self->m_stopped)
                return;
            if (info.error() != QHostInfo::NoError || info.addresses().isEmpty())
                return done(false, std::nullopt, QStringLiteral("cannot resolve %1: %2").arg(QUrl(d.url).host(), info.errorString()));
            for (const QHostAddress &a : info.addresses())
                if (!meta::isPublicAddress(a))
                    return done(false, std::nullopt, QStringLiteral("%1 resolves to a private address (%2); not sent").arg(QUrl(d.url).host(), a.toString()));
            self->send(d, std::move(done));
        });
    }

    void send(const NotificationService::DueCallback &d, Done done)
    {
        QNetworkRequest request{QUrl(d.url)};
        request.setTransferTimeout(m_owner.m_settings.timeoutMs);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("Puente-Callbacks/1"));
        request.setRawHeader("X-Puente-Signature", callbackSignature(d.secret, d.body));
        request.setRawHeader("X-Puente-Delivery", QByteArray::number(d.id));
        request.setRawHeader("X-Puente-Event", d.kind.toUtf8());
        QNetworkReply *reply = m_network->post(request, d.body);
        QObject::connect(reply, &QNetworkReply::finished, this, [reply, done = std::move(done)] {
            reply->deleteLater();
            const QVariant code = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
            const QString answer = QString::fromUtf8(reply->read(500));
            if (!code.isValid())
                return done(false, std::nullopt, reply->errorString());
            const int status = code.toInt();
            done(status >= 200 && status < 300, status, answer);
        });
    }

    void testCallback(TenantId tenant, std::shared_ptr<QPromise<Result<protocol::CallbackDelivery>>> promise)
    {
        auto finish = [promise](Result<protocol::CallbackDelivery> r) {
            promise->addResult(std::move(r));
            promise->finish();
        };
        if (!m_service)
            return finish(makeError("unavailable", QStringLiteral("the server is stopping")));
        auto d = m_service->testCallback(tenant);
        if (!d)
            return finish(d.error());
        const NotificationService::DueCallback delivery = d.value();
        post(delivery, [this, delivery, finish](bool delivered, std::optional<int> status, const QString &answer) {
            if (!m_service)
                return finish(makeError("unavailable", QStringLiteral("the server is stopping")));
            if (auto s = m_service->recordCallback(delivery, delivered, status, answer); !s)
                return finish(s.error());
            finish(m_service->delivery(delivery.tenant, delivery.id));
        });
    }

private:
    NotificationWorker &m_owner;
    std::unique_ptr<NotificationService> m_service;
    std::unique_ptr<CampaignService> m_campaigns;
    std::unique_ptr<QNetworkAccessManager> m_network;
    QTimer m_poll;
    QTimer m_soon;
    QTimer m_pace;
    QSet<qint64> m_busy;
    qint64 m_prunedAt = 0;
    bool m_stopped = false;
};

NotificationWorker::NotificationWorker(Database &db, crypto::KeyringPtr keyring, EventBus *bus, NotificationWorkerSettings settings)
    : m_db(db), m_keyring(std::move(keyring)), m_bus(bus), m_settings(std::move(settings))
{
    m_thread.setObjectName(QStringLiteral("notifications"));
}

NotificationWorker::~NotificationWorker()
{
    stop();
}

void NotificationWorker::setClock(std::function<qint64()> clock)
{
    m_clock = std::move(clock);
}

void NotificationWorker::start()
{
    if (m_worker)
        return;
    m_worker = new Worker(*this);
    m_worker->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
    QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->begin(); }, Qt::QueuedConnection);
    if (m_bus)
        QObject::connect(m_bus, &EventBus::published, m_worker, [w = m_worker](const QList<Event> &) { w->wake(); }, Qt::QueuedConnection);
}

void NotificationWorker::stop()
{
    if (!m_worker)
        return;
    QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->end(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    m_worker = nullptr;
}

void NotificationWorker::wake()
{
    if (m_worker)
        QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->wake(); }, Qt::QueuedConnection);
}

QFuture<Result<protocol::CallbackDelivery>> NotificationWorker::testCallback(TenantId tenant)
{
    auto promise = std::make_shared<QPromise<Result<protocol::CallbackDelivery>>>();
    promise->start();
    QFuture<Result<protocol::CallbackDelivery>> future = promise->future();
    if (!m_worker) {
        promise->addResult(makeError("unavailable", QStringLiteral("notifications are not running on this server")));
        promise->finish();
        return future;
    }
    QMetaObject::invokeMethod(m_worker, [w = m_worker, tenant, promise] { w->testCallback(tenant, promise); }, Qt::QueuedConnection);
    return future;
}

} // namespace puente
