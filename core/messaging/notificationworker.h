#pragma once

#include "common/result.h"
#include "crypto/secretbox.h"
#include "domain/ids.h"
#include "protocol/types.h"

#include <QFuture>
#include <QThread>

#include <functional>
#include <memory>

namespace puente {

class Database;
class EventBus;
class NotificationService;

struct NotificationWorkerSettings {
    int pollMs = 1000;
    int timeoutMs = 10'000;       // one callback POST
    int maxInFlight = 16;         // callback POSTs at once
    QString defaultRegion;        // the installation's default_phone_region
    bool callbackPrivateNetwork = false;
    qint64 retryBaseMs = 10'000;  // the first callback retry's delay (doubling)
    int campaignPaceMs = 100;     // campaigns hand recipients to the outbox this often while any runs (else once a second)
};

// The notifications' background work, on a thread of its own with an event
// loop: scheduled notifications whose time has come, the event log followed
// for statuses, opt-outs and replies (NotificationService::followEvents),
// and the callbacks POSTed to the CRMs (signed, retried, in order per
// notification). Woken by every committed event; polls once a second.
// Campaigns go out from here too (CampaignService::advance), every 100 ms
// while one runs.
class NotificationWorker {
public:
    NotificationWorker(Database &db, crypto::KeyringPtr keyring, EventBus *bus, NotificationWorkerSettings settings);
    ~NotificationWorker();

    void start();
    void stop();
    void wake();
    // The time the service goes by (tests). Set before start().
    void setClock(std::function<qint64()> clock);

    // A test POST to the tenant's callback URL, answered with its record.
    QFuture<Result<protocol::CallbackDelivery>> testCallback(TenantId tenant);

private:
    class Worker;
    Database &m_db;
    crypto::KeyringPtr m_keyring;
    EventBus *m_bus;
    NotificationWorkerSettings m_settings;
    std::function<qint64()> m_clock;
    QThread m_thread;
    Worker *m_worker = nullptr;
};

// The signature header of a callback body: "sha256=<hex HMAC-SHA256>".
QByteArray callbackSignature(const QByteArray &secret, const QByteArray &body);

} // namespace puente
