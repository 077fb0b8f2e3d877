#pragma once

#include "common/result.h"
#include "common/workerthread.h"
#include "crypto/secretbox.h"
#include "domain/whatsappconfig.h"
#include "events/eventlog.h"
#include "meta/accesstoken.h"
#include "protocol/types.h"

#include <QHash>

#include <QSet>

#include <functional>
#include <mutex>

namespace puente {

class Database;

struct TokenWatchSettings {
    // The platform's Meta app (PUENTE_APP_ID, PUENTE_APP_SECRET): inspects
    // the tokens of companies that use it.
    QString platformAppId;
    QString platformAppSecret;
    qint64 checkEveryMs = 24LL * 3600 * 1000;
    // A user token is renewed once it has less than this left.
    qint64 renewWithinMs = 14LL * 24 * 3600 * 1000;
    // The clock (Unix ms); tests move it.
    std::function<qint64()> clock;
};

// Watches each company's Meta access token ("rotación automática de
// tokens"): once a day it asks Graph's debug_token what the token is
// (type, expiry, validity, scopes, the WhatsApp accounts it is granted
// for) and stores that beside the token. Tenant admins are warned 14, 7
// and 1 days before it expires, once each, and when it has expired or Meta
// refuses it: an audit entry, a whatsapp.token event to open consoles, and
// the configuration's and Health's token line. Where the company gave its
// own Meta app id and secret, a user token is renewed before it expires by
// exchanging it for a long-lived one (stored sealed, audited, never
// logged); a renewal that fails keeps the old token and warns.
// System User tokens, which never expire, are the recommended path.
class TokenWatch {
public:
    TokenWatch(Database &db, crypto::KeyringPtr keyring, EventBus *bus, meta::GraphClient &graph, TokenWatchSettings settings);
    ~TokenWatch();

    // A thread of its own that looks for due tokens every minute.
    void start();
    void stop();

    // From any thread: look at the company's token on the next round (a
    // token just saved that expires soon: warn or renew it now).
    void checkSoon(TenantId tenant);

    // Checks every token not inspected for checkEveryMs (and those asked
    // for by checkSoon); how many were
    // inspected. Blocks on Graph: the worker calls it, and tests.
    int checkDue();
    // Inspects the company's stored token now (warnings and renewal
    // included) and returns what was stored.
    Result<TokenState> check(TenantId tenant);

    // What an inspection means for a company's stored state at `nowMs`.
    static TokenState stateFrom(const meta::TokenInspection &inspection, const QString &wabaId, qint64 nowMs);
    // The token that may inspect this company's tokens: its own app's
    // ("APP_ID|APP_SECRET"), the platform's when the company uses the
    // platform's app, or else the token itself.
    static QString inspectorFor(const WhatsAppConfig &config, const QString &inputToken, const TokenWatchSettings &settings);
    // The warning due for a token with `msLeft` to live that was last
    // warned at `warnedDays`: 14, 7, 1, or 0 for none.
    static int warningDue(qint64 msLeft, int warnedDays);

private:
    qint64 now() const;
    // The whatsapp.token event (and the audit entry `auditAction`, unless
    // empty), in one transaction.
    Status announce(TenantId tenant, const protocol::TokenNotice &notice, const QString &auditAction);

    Database &m_db;
    crypto::KeyringPtr m_keyring;
    EventBus *m_bus;
    meta::GraphClient &m_graph;
    TokenWatchSettings m_settings;
    WorkerThread m_worker{{"token-watch"}};
    std::mutex m_soonMutex;
    QSet<qint64> m_soon; // tenants checkSoon asked for
    QHash<qint64, qint64> m_triedAt; // tenant → last attempt that could not reach Meta (worker thread only)
};

} // namespace puente
