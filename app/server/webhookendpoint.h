#pragma once

#include "common/ratelimiter.h"
#include "crypto/secretbox.h"
#include "domain/ids.h"

#include "api/api.h"
#include "http/server.h"

#include <QByteArray>
#include <QMetaObject>
#include <QString>
#include <QThreadPool>

class QThread;

namespace puente {
class Database;
class WebhookInbox;
}

namespace puente::server {

struct Metrics;

// GET/POST /api/whatsapp/webhook: Meta's verification handshake and signed
// deliveries for every tenant.
class WebhookEndpoint {
public:
    static constexpr qsizetype kMaxBody = 3 * 1024 * 1024;

    WebhookEndpoint(Database &db, crypto::KeyringPtr keyring, WebhookInbox &inbox, Metrics &metrics,
                    QString platformVerifyToken, QString platformAppSecret, QThreadPool *pool);
    ~WebhookEndpoint();
    // The global guard: at most `rate` POSTs a second (bursts of `burst`)
    // across every tenant; beyond it 429 with Retry-After (Meta retries).
    // The webhook route has no per-tenant limit: a tenant's traffic is Meta's.
    void setGuard(double rate, double burst) { m_guardRate = rate; m_guardBurst = burst; }

    // 200 with hub.challenge when hub.verify_token is the platform's or a
    // tenant's verify token; 403 otherwise.
    void verify(const http::Request &request, http::Answer answer);
    // Checks X-Hub-Signature-256 over the raw body (platform app secret, or
    // the app secret of the tenant owning the payload's number or WABA),
    // commits the body to the inbox, then answers 200. 401 for a bad
    // signature, 413 for a body over 3 MiB, 503 if it could not be stored.
    // The common case (signed with the platform's secret) never leaves the
    // HTTP thread but for the commit: the inbox writer answers directly.
    void receive(const http::Request &request, http::Answer answer);

private:
    // On a worker thread: the tenant named in the body whose own app secret
    // made this signature (invalid if none). Only that tenant's changes are
    // then accepted from the body.
    TenantId verifyWithTenantSecrets(const QByteArray &body, const QByteArray &signatureHex);
    // Past the signature: the global guard, then the inbox.
    void store(const QByteArray &body, TenantId signedBy, http::Answer answer);
    static api::Reply stored(Metrics &metrics, const Status &stored);

    Database &m_db;
    crypto::KeyringPtr m_keyring;
    WebhookInbox &m_inbox;
    Metrics &m_metrics;
    QString m_platformVerifyToken;
    QByteArray m_platformAppSecret;
    QThreadPool *m_pool;
    RateLimiter m_guard;
    double m_guardRate = 10'000;
    double m_guardBurst = 20'000;
    // Bodies read on this thread wake the inbox writer once per event-loop
    // pass (see the constructor); m_wakePending says one is owed.
    QThread *m_thread = nullptr;
    QMetaObject::Connection m_passDone;
    QMetaObject::Connection m_beforeWait;
    bool m_wakePending = false;
};

} // namespace puente::server
