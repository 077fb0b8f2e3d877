#include "webhookendpoint.h"

#include "common/clock.h"
#include "crypto/crypto.h"
#include "logging/logging.h"
#include "messaging/webhookinbox.h"
#include "metrics.h"
#include "meta/webhookparser.h"
#include "storage/whatsappconfigrepository.h"

#include <QAbstractEventDispatcher>
#include <QThread>
#include <QJsonObject>
#include <QSet>
#include <QUrlQuery>

namespace puente::server {

using api::ErrorCode;
using api::problem;
using api::Reply;

WebhookEndpoint::WebhookEndpoint(Database &db, crypto::KeyringPtr keyring, WebhookInbox &inbox, Metrics &metrics,
                                 QString platformVerifyToken, QString platformAppSecret, QThreadPool *pool)
    : m_db(db)
    , m_keyring(std::move(keyring))
    , m_inbox(inbox)
    , m_metrics(metrics)
    , m_platformVerifyToken(std::move(platformVerifyToken))
    , m_platformAppSecret(platformAppSecret.toUtf8())
    , m_pool(pool)
    , m_thread(QThread::currentThread())
{
    // Qt's own dispatcher (puente-server's) emits awake() at the start of
    // each event-loop pass, after the last pass's sockets were read, and
    // aboutToBlock() before it waits (after the pass's posted events, which
    // may carry a request too): the moments to wake the writer once for
    // every body read meanwhile, instead of once per body (a futex call on
    // this thread each, and smaller group commits). GLib's dispatcher does
    // not emit them at those points: bodies read under it wake the writer at
    // once, as bodies from other threads do.
    QAbstractEventDispatcher *dispatcher = QAbstractEventDispatcher::instance();
    if (dispatcher && qstrcmp(dispatcher->metaObject()->className(), "QEventDispatcherUNIX") == 0) {
        auto flush = [this] {
            if (m_wakePending) {
                m_wakePending = false;
                m_inbox.wake();
            }
        };
        m_passDone = QObject::connect(dispatcher, &QAbstractEventDispatcher::awake, flush);
        m_beforeWait = QObject::connect(dispatcher, &QAbstractEventDispatcher::aboutToBlock, flush);
    }
}

WebhookEndpoint::~WebhookEndpoint()
{
    QObject::disconnect(m_passDone);
    QObject::disconnect(m_beforeWait);
    if (m_wakePending)
        m_inbox.wake();
}

void WebhookEndpoint::verify(const http::Request &request, http::Answer answer)
{
    const QUrlQuery &query = request.query;
    const QString mode = query.queryItemValue(QStringLiteral("hub.mode"), QUrl::FullyDecoded);
    const QString token = query.queryItemValue(QStringLiteral("hub.verify_token"), QUrl::FullyDecoded);
    const QString challenge = query.queryItemValue(QStringLiteral("hub.challenge"), QUrl::FullyDecoded);
    const Reply accept{200, QByteArrayLiteral("text/plain"), challenge.toUtf8(), {}};
    const Reply refuse = problem(ErrorCode::VerificationFailed,
                                      QStringLiteral("hub.verify_token does not match any configured verify token"));
    if (mode != QLatin1String("subscribe") || token.isEmpty())
        return answer.send(refuse);
    if (!m_platformVerifyToken.isEmpty() && crypto::constantTimeEquals(token.toUtf8(), m_platformVerifyToken.toUtf8()))
        return answer.send(accept);
    Database *db = &m_db;
    crypto::KeyringPtr keyring = m_keyring;
    m_pool->start([db, keyring, token, accept, refuse, answer] {
        if (const auto known = WhatsAppConfigRepository(*db, keyring).isVerifyToken(token); known && known.value())
            return answer.send(accept);
        qCWarning(lcHttp) << "webhook verification refused: unknown verify token";
        answer.send(refuse);
    });
}

void WebhookEndpoint::receive(const http::Request &request, http::Answer answer)
{
    // Counted as received (and refused when too large) by the HTTP front,
    // before the body was read.
    const QByteArray body = request.body;
    if (body.size() > kMaxBody) {
        ++m_metrics.webhooksTooLarge;
        return answer.send(problem(ErrorCode::PayloadTooLarge, QStringLiteral("webhook bodies are limited to 3 MiB")));
    }
    const QByteArray header = request.header("x-hub-signature-256");
    const QString from = request.clientAddress;
    auto unauthorized = [this, from](const char *why) {
        ++m_metrics.webhooksRejectedSignature;
        qCWarning(lcHttp).noquote() << "security: webhook from" << from << "refused:" << why;
        return problem(ErrorCode::InvalidSignature,
                            QStringLiteral("X-Hub-Signature-256 is missing or does not match the app secret"));
    };
    if (!header.startsWith("sha256="))
        return answer.send(unauthorized("no sha256 signature"));
    const QByteArray signature = header.mid(7);
    if (!m_platformAppSecret.isEmpty() && crypto::verifyHmacSha256Hex(m_platformAppSecret, body, signature))
        return store(body, {}, std::move(answer));
    // Tenants with their own Meta app: their secrets are in the database.
    m_pool->start([this, body, signature, unauthorized, answer] {
        const TenantId signedBy = verifyWithTenantSecrets(body, signature);
        if (!signedBy.isValid())
            return answer.send(unauthorized("signature matches no app secret"));
        store(body, signedBy, answer);
    });
}

void WebhookEndpoint::store(const QByteArray &body, TenantId signedBy, http::Answer answer)
{
    // The global guard counts only signed deliveries, so junk cannot use up
    // the budget of Meta's real ones.
    if (const auto d = m_guard.take(QStringLiteral("webhook"), m_guardRate, m_guardBurst, nowMs()); !d.allowed) {
        ++m_metrics.webhooksThrottled;
        Reply r = problem(ErrorCode::RateLimited, QStringLiteral("too many webhook deliveries; retry later"));
        r.headers.append({QByteArrayLiteral("Retry-After"), QByteArray::number(std::max<qint64>(1, (d.retryAfterMs + 999) / 1000))});
        return answer.send(std::move(r));
    }
    // The inbox writer commits this body with every other one queued
    // meanwhile, then answers from its own thread.
    // (The endpoint may be gone by then; the metrics live on.)
    const bool wakeLater = m_passDone && QThread::currentThread() == m_thread;
    m_inbox.submit(body, signedBy, [metrics = &m_metrics, answer](const Status &s) { answer.send(stored(*metrics, s)); }, !wakeLater);
    if (wakeLater)
        m_wakePending = true;
}

Reply WebhookEndpoint::stored(Metrics &metrics, const Status &stored)
{
    if (!stored) {
        ++metrics.webhookStoreFailures;
        qCWarning(lcHttp).noquote() << "webhook not stored:" << stored.error().message;
        // Meta retries on anything but 200, for days: nothing is lost.
        return problem(ErrorCode::Unavailable, QStringLiteral("the webhook could not be stored; retry later"));
    }
    ++metrics.webhooksStored;
    static const Reply ok = Reply::json(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}});
    return ok;
}

TenantId WebhookEndpoint::verifyWithTenantSecrets(const QByteArray &body, const QByteArray &signatureHex)
{
    const meta::ParsedWebhook parsed = meta::parseWebhook(body);
    QSet<QString> phones;
    QSet<QString> wabas;
    for (const meta::WebhookChange &c : parsed.changes) {
        if (!c.phoneNumberId.isEmpty())
            phones.insert(c.phoneNumberId);
        if (!c.wabaId.isEmpty())
            wabas.insert(c.wabaId);
    }
    const auto signer = WhatsAppConfigRepository(m_db, m_keyring).tenantSignedWith(phones, wabas, [&](const QByteArray &secret) {
        return crypto::verifyHmacSha256Hex(secret, body, signatureHex);
    });
    return signer && signer.value() ? *signer.value() : TenantId();
}

} // namespace puente::server
