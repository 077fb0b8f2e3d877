#include "webhookendpoint.h"

#include "crypto/crypto.h"
#include "logging/logging.h"
#include "messaging/webhookinbox.h"
#include "metrics.h"
#include "meta/webhookparser.h"
#include "secrets/sealedcolumns.h"
#include "storage/database.h"

#include <QHttpServerRequest>
#include <QJsonObject>
#include <QPromise>
#include <QSet>
#include <QUrlQuery>
#include <QtConcurrent/QtConcurrentRun>

namespace puente::server {

using StatusCode = QHttpServerResponse::StatusCode;

namespace {
// QtFuture::makeReadyFuture copies; responses can only move.
QFuture<QHttpServerResponse> ready(QHttpServerResponse &&response)
{
    QFutureInterface<QHttpServerResponse> f;
    f.reportStarted();
    f.reportAndMoveResult(std::move(response));
    f.reportFinished();
    return f.future();
}
} // namespace

QHttpServerResponse jsonError(const QString &code, const QString &message, StatusCode status)
{
    return QHttpServerResponse(
        QJsonObject{{QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}}}},
        status);
}

WebhookEndpoint::WebhookEndpoint(Database &db, crypto::KeyringPtr keyring, WebhookInbox &inbox, Metrics &metrics,
                                 QString platformVerifyToken, QString platformAppSecret, QThreadPool *pool)
    : m_db(db)
    , m_keyring(std::move(keyring))
    , m_inbox(inbox)
    , m_metrics(metrics)
    , m_platformVerifyToken(std::move(platformVerifyToken))
    , m_platformAppSecret(platformAppSecret.toUtf8())
    , m_pool(pool)
{
    // Waiters mostly sleep on a commit; enough of them to fill a group commit.
    m_waiters.setMaxThreadCount(64);
    m_waiters.setExpiryTimeout(60000);
}

WebhookEndpoint::~WebhookEndpoint()
{
    m_waiters.waitForDone();
}

QFuture<QHttpServerResponse> WebhookEndpoint::verify(const QHttpServerRequest &request)
{
    const QUrlQuery query(request.url());
    const QString mode = query.queryItemValue(QStringLiteral("hub.mode"), QUrl::FullyDecoded);
    const QString token = query.queryItemValue(QStringLiteral("hub.verify_token"), QUrl::FullyDecoded);
    const QString challenge = query.queryItemValue(QStringLiteral("hub.challenge"), QUrl::FullyDecoded);
    auto accept = [challenge] {
        QHttpServerResponse r(QByteArrayLiteral("text/plain"), challenge.toUtf8());
        return r;
    };
    auto refuse = [] {
        return jsonError(QStringLiteral("verification_failed"),
                         QStringLiteral("hub.verify_token does not match any configured verify token"), StatusCode::Forbidden);
    };
    if (mode != QLatin1String("subscribe") || token.isEmpty())
        return ready(refuse());
    if (!m_platformVerifyToken.isEmpty() && crypto::constantTimeEquals(token.toUtf8(), m_platformVerifyToken.toUtf8()))
        return ready(accept());
    Database *db = &m_db;
    return QtConcurrent::run(m_pool, [db, token, accept, refuse] {
        Sql q(db->connection(), QStringLiteral("SELECT COUNT(*) FROM whatsapp_config WHERE webhook_verify_token = ?"));
        q.bind(token);
        if (q.exec() && q.next() && q.int64(0) > 0)
            return accept();
        qCWarning(lcHttp) << "webhook verification refused: unknown verify token";
        return refuse();
    });
}

QFuture<QHttpServerResponse> WebhookEndpoint::receive(const QHttpServerRequest &request)
{
    ++m_metrics.webhooksReceived;
    const QByteArray body = request.body();
    if (body.size() > kMaxBody) {
        ++m_metrics.webhooksTooLarge;
        return ready(jsonError(QStringLiteral("payload_too_large"),
                                                   QStringLiteral("webhook bodies are limited to 3 MiB"), StatusCode::PayloadTooLarge));
    }
    const QByteArray header = request.value(QByteArrayLiteral("X-Hub-Signature-256"));
    const QHostAddress from = request.remoteAddress();
    auto unauthorized = [this, from](const char *why) {
        ++m_metrics.webhooksRejectedSignature;
        qCWarning(lcHttp).noquote() << "security: webhook from" << from.toString() << "refused:" << why;
        return jsonError(QStringLiteral("invalid_signature"),
                         QStringLiteral("X-Hub-Signature-256 is missing or does not match the app secret"), StatusCode::Unauthorized);
    };
    if (!header.startsWith("sha256="))
        return ready(unauthorized("no sha256 signature"));
    const QByteArray signature = header.mid(7);
    const bool platformSigned = !m_platformAppSecret.isEmpty() && crypto::verifyHmacSha256Hex(m_platformAppSecret, body, signature);
    // The answer waits for the inbox commit on a waiter thread (the commit
    // itself is grouped with every other pending body by the inbox writer).
    // Tenants with their own Meta app have their secrets looked up there too.
    // Why not QFuture::then on the inbox's future: QtHttpServer 6.4 crashes
    // on continuation futures (reportStarted on a null interface).
    return QtConcurrent::run(&m_waiters, [this, body, signature, platformSigned, unauthorized] {
        TenantId signedBy;
        if (!platformSigned) {
            signedBy = verifyWithTenantSecrets(body, signature);
            if (!signedBy.isValid())
                return unauthorized("signature matches no app secret");
        }
        // The global guard counts only signed deliveries, so junk cannot
        // use up the budget of Meta's real ones.
        if (const auto d = m_guard.take(QStringLiteral("webhook"), m_guardRate, m_guardBurst, nowMs()); !d.allowed) {
            ++m_metrics.webhooksThrottled;
            QHttpServerResponse r = jsonError(QStringLiteral("rate_limited"), QStringLiteral("too many webhook deliveries; retry later"),
                                              StatusCode::TooManyRequests);
            r.addHeader(QByteArrayLiteral("Retry-After"), QByteArray::number(std::max<qint64>(1, (d.retryAfterMs + 999) / 1000)));
            return r;
        }
        QFuture<Result<qint64>> stored = m_inbox.submit(body, signedBy);
        stored.waitForFinished();
        return toResponse(stored.result());
    });
}

QHttpServerResponse WebhookEndpoint::toResponse(const Result<qint64> &stored)
{
    if (!stored) {
        ++m_metrics.webhookStoreFailures;
        qCWarning(lcHttp).noquote() << "webhook not stored:" << stored.error().message;
        // Meta retries on anything but 200, for days: nothing is lost.
        return jsonError(QStringLiteral("unavailable"), QStringLiteral("the webhook could not be stored; retry later"),
                         StatusCode::ServiceUnavailable);
    }
    ++m_metrics.webhooksStored;
    return QHttpServerResponse(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}});
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
    if (phones.isEmpty() && wabas.isEmpty())
        return {};
    Sql q(m_db.connection(), QStringLiteral("SELECT tenant_id, app_secret, phone_number_id, business_account_id FROM whatsapp_config "
                                            "WHERE app_secret IS NOT NULL"));
    if (!q.exec())
        return {};
    while (q.next()) {
        if (!phones.contains(q.text(2)) && !wabas.contains(q.text(3)))
            continue;
        auto secret = m_keyring->open(q.text(1), secrets::sealingContext(QStringLiteral("whatsapp_config"), q.text(0),
                                                                         QStringLiteral("app_secret")));
        if (secret && crypto::verifyHmacSha256Hex(secret.value(), body, signatureHex))
            return TenantId(q.int64(0));
    }
    return {};
}

} // namespace puente::server
