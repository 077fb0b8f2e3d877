#pragma once

#include "common/result.h"
#include "http/message.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QUrl>
#include <deque>
#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;
class QTimer;

namespace puente::http {
class Answer;
class Server;
struct Reply;
struct Request;
} // namespace puente::http

namespace puente::sandbox {

// One business number the Sandbox serves.
struct SandboxNumber {
    QString phoneNumberId;
    QString wabaId;
    QString displayPhoneNumber; // digits, e.g. "15550001234"
    QString verifiedName;
    QString accessToken;
    int throughputPerSecond = 80;
    // Users reached outside a customer service window in 24 hours (Meta's
    // messaging limit; 0: unlimited). Answered as TIER_1K... and enforced:
    // past it, templates to new users fail (131049).
    int messagingLimit = 1000;
};

// What Meta knows about an access token (GET /debug_token answers it).
struct SandboxToken {
    QString wabaId; // the WhatsApp Business account it is granted for (empty: every one)
    QString type = QStringLiteral("SYSTEM_USER"); // SYSTEM_USER never expires; USER tokens do
    qint64 expiresAt = 0; // Unix seconds; 0: never
    QStringList scopes{QStringLiteral("whatsapp_business_management"), QStringLiteral("whatsapp_business_messaging")};
    // The one number it may send from (a number's own token); empty: every
    // number of the account.
    QString phoneNumberId = {};
};

struct SandboxOptions {
    QString graphVersion = QStringLiteral("v23.0");
    QUrl webhookUrl; // Puente's POST /api/whatsapp/webhook
    QByteArray appSecret; // signs every webhook; with appId, the app token and token exchanges
    QString appId = QStringLiteral("1234567890");
    QList<SandboxNumber> numbers;
    double delayScale = 1.0; // status delays (sent ~0.3 s, delivered ~1.2 s, read ~4 s) times this; 0 = at once
    // How long a send's answer takes, as Graph's 100-300 ms: the answer
    // waits on a timer, the Sandbox's thread goes on with other requests.
    // 0 = at once (tests, the demo).
    int responseDelayMs = 0;
    bool candidates = false; // scripted candidates write in by themselves (demo mode)
    int candidateIntervalMs = 20000;
    // Where the Sandbox keeps what Meta remembers across its restarts (when
    // each candidate last wrote: the 24-hour windows). Empty: memory only.
    // The demo keeps it beside its database, whose conversations outlive a
    // restart too.
    QString stateFile;
};

// A Cloud API emulator: a real HTTP server (the project's own, app/http)
// speaking the Graph endpoints Puente uses with Meta's response shapes, and
// posting signed webhooks (inbound messages, statuses) back to Puente the
// way Meta does, 24-hour window and throughput limit included. Lives on the
// thread that creates it; every handler answers on that thread. Meta's error
// catalogue is in metaerrors.h, the send checks in sendvalidation.h, wamids
// in wamid.h, the demo's candidates in sandboxscript.cpp.
class Sandbox : public QObject {
    Q_OBJECT
public:
    explicit Sandbox(SandboxOptions options, QObject *parent = nullptr);
    ~Sandbox() override;

    Result<quint16> listen(const QHostAddress &address, quint16 port); // port 0 → any free port
    QUrl baseUrl() const; // "http://127.0.0.1:<port>": what PUENTE_GRAPH_BASE_URL should be
    // Where webhooks go, when it is known only after listen() (the demo
    // starts the Sandbox before the server it posts to).
    void setWebhookUrl(const QUrl &url) { m_options.webhookUrl = url; }

    // The next `count` sends from this number fail with Meta error `code`
    // (HTTP status as Meta: 400 for 100/131xxx, 401 for 190, 429 for
    // 130429/131056/4/80007, 500 for 131000/1/2, 503 for 131016). Code -1
    // closes the connection without an answer (QNetworkAccessManager quietly
    // re-sends a POST once after that: a QNAM caller sees the error only
    // with count >= 2); -2 never answers (the caller times out).
    void injectFailure(const QString &phoneNumberId, int code, int count = 1);

    // A candidate writes in: a signed inbound webhook is posted now and the
    // 24-hour customer service window opens for (number, waId).
    void candidateWrites(const QString &phoneNumberId, const QString &waId, const QString &name, const QString &text);
    void candidateSendsImage(const QString &phoneNumberId, const QString &waId, const QString &name, const QByteArray &bytes,
                             const QString &mimeType, const QString &caption);

    struct SendRecord {
        QString phoneNumberId;
        QString to;
        QString type; // the message type; "mark_read" for read receipts
        QString wamid; // empty when refused
        qint64 atMs = 0; // Unix ms, monotonic within one Sandbox
        int httpStatus = 0; // 0: the connection was closed or never answered
    };
    QList<SendRecord> sendLog() const; // every POST /messages answered, accepted or refused
    int maxSendsInAnySecond(const QString &phoneNumberId) const; // accepted sends, sliding 1-s window
    QJsonObject lastRequestBody(const QString &phoneNumberId) const; // the last /messages body received
    // Every field GET /<phone number id> can answer for one of the numbers
    // (empty for an unknown id).
    QJsonObject phoneNumberNode(const QString &phoneNumberId) const;

    // What happens to a marketing template sent to `waId`, the same every
    // time (campaign traffic, so that the demo and tests see every path):
    // about 3 % undeliverable (131026), 2 % held back by Meta (131049), a
    // third delivered but not read, the rest read, and one in ten of those
    // who read it answer "Sí, me interesa".
    struct Fate {
        int errorCode = 0;
        bool read = true;
        bool replies = false;
    };
    static Fate marketingFate(const QString &waId);
    // The number's quality rating changes, as Meta would report it: GET
    // /<id> answers it and a phone_number_quality_update webhook is posted
    // (RED: FLAGGED, GREEN after RED: UNFLAGGED).
    void setQuality(const QString &phoneNumberId, const QString &rating);

    // Access tokens as Meta knows them. Each number's accessToken is a
    // never-expiring System User token for its account; tests add user
    // tokens, expired and under-scoped ones. An expired token is refused
    // everywhere with 190/463, as Meta does.
    void setToken(const QString &token, const SandboxToken &grant);
    // Meta forgets the token (its user was removed, its password changed).
    void revokeToken(const QString &token) { m_tokens.remove(token); }
    std::optional<SandboxToken> token(const QString &token) const;
    // The next `count` exchanges (GET /oauth/access_token) fail with Meta's
    // transient error 2.
    void failTokenExchanges(int count) { m_failExchanges = count; }
    // How long exchanged tokens live (Meta: ~60 days).
    void setExchangedTokenLife(qint64 seconds) { m_exchangedLifeSecs = seconds; }
    int tokenExchanges() const { return m_exchanges; } // exchanges answered with a new token

Q_SIGNALS:
    void webhookPosted(int httpStatus); // what Puente answered; 0 on a network error

private:
    struct Media {
        QString id;
        QString phoneNumberId;
        QByteArray bytes;
        QString mimeType;
        QString filename;
        QString downloadToken;
    };
    struct Injection {
        int code = 0;
        int remaining = 0;
    };
    struct Conversation {
        QString id;
        qint64 expiresSecs = 0;
    };
    // How an accepted message ends: delivered and read, or a failed status.
    struct Outcome {
        int errorCode = 0; // 0 = delivered
        QString errorDetails;
        QString category = QStringLiteral("service"); // conversation origin and pricing category
        QString pricingType = QStringLiteral("free_customer_service");
        bool billable = false;
        bool onlySent = false; // reactions only ever get "sent"
        bool candidateAnswers = false; // a scripted candidate replies once it has read this
        bool read = true;              // false: delivered, never read
        QString reply;                 // the recipient writes this once it has read it
    };
    struct StatusJob;
    struct ScriptedCandidate {
        QString phoneNumberId;
        QString waId;
        QString name;
        int dialogue = 0;
        int nextLine = 0;
        bool replying = false;
    };

    void registerRoutes();
    // Routes "/<version>/<id>[/messages|/media|/message_templates]" and
    // "/media-download/<token>".
    void route(const http::Request &request, const http::Answer &answer);
    void handleSend(const QString &phoneNumberId, const http::Request &request, const http::Answer &answer);
    http::Reply handleUpload(const QString &phoneNumberId, const http::Request &request);
    http::Reply handleTemplates(const QString &wabaId, const http::Request &request);
    http::Reply handleNode(const QString &id, const http::Request &request);
    http::Reply handleDownload(const QString &token, const http::Request &request);
    http::Reply handleUnknown(const http::Request &request);
    http::Reply handleDebugToken(const http::Request &request);
    http::Reply handleTokenExchange(const http::Request &request);

    const SandboxNumber *number(const QString &phoneNumberId) const;
    // A token Meta accepts now (known, not expired).
    bool knownToken(const QString &token) const;
    // A known token granted for this WhatsApp Business account (and, when
    // given, this number of it).
    bool serves(const QString &token, const QString &wabaId, const QString &phoneNumberId = {}) const;
    // Meta's refusal of a token: 190, with subcode 463 when it has expired.
    http::Reply refuseToken(const QString &token) const;
    static QString bearer(const http::Request &request);
    Outcome outcomeFor(const QString &phoneNumberId, const QString &waId, const QJsonObject &body);
    qint64 takeThroughput(const QString &phoneNumberId, int limit); // the acceptance time, or -1 when over the limit

    void scheduleStatuses(const SandboxNumber &from, const QString &wamid, const QString &recipient, const Outcome &outcome,
                          const QString &callbackData);
    void runStatusStep(std::shared_ptr<StatusJob> job, int step);
    void postInbound(const SandboxNumber &to, const QString &waId, const QString &name, const QJsonObject &message);
    void postWebhook(const QJsonObject &payload, std::function<void()> then = {});
    QJsonObject envelope(const SandboxNumber &number, const QJsonObject &value, const QString &field = QStringLiteral("messages")) const;
    Conversation conversation(const QString &phoneNumberId, const QString &waId, const QString &category);
    QString storeMedia(const QString &phoneNumberId, const QByteArray &bytes, const QString &mimeType, const QString &filename);
    QString uniqueWamid(const QString &waId, bool inbound);
    qint64 nowMs() const;
    int delayMs(int baseMs) const;
    static QString pairKey(const QString &phoneNumberId, const QString &waId);

    void spawnCandidate();
    void candidateAnswers(const QString &phoneNumberId, const QString &waId);

    SandboxOptions m_options;
    std::unique_ptr<http::Server> m_http;
    QNetworkAccessManager *m_network = nullptr;
    QTimer *m_candidateTimer = nullptr;
    quint16 m_port = 0;
    QString m_host;
    QElapsedTimer m_clock;
    qint64 m_epochAtStartMs = 0;

    QHash<QString, Media> m_media; // by media id
    QHash<QString, SandboxToken> m_tokens; // access tokens Meta knows
    int m_failExchanges = 0;
    int m_exchanges = 0;
    qint64 m_exchangedLifeSecs = 5183944;
    QHash<QString, QString> m_mediaByToken; // download token → media id
    QHash<QString, qint64> m_lastInboundMs; // pairKey → when the candidate last wrote
    void candidateWrote(const QString &phoneNumberId, const QString &waId); // opens the window, kept in the state file
    void loadState();
    QHash<QString, QList<Injection>> m_injections;
    QHash<QString, std::deque<qint64>> m_window; // accepted sends in the last second, per number
    QHash<QString, QJsonObject> m_lastBody;
    QHash<QString, Conversation> m_conversations; // pairKey + category
    QHash<QString, ScriptedCandidate> m_candidates; // pairKey
    QSet<QString> m_ids; // every wamid and media id handed out
    QList<SendRecord> m_log;
    QHash<QString, QHash<QString, qint64>> m_reached; // per number: users reached outside a window → when (24 h)
    QHash<QString, QString> m_quality;                // per number, when not GREEN
};

// The scripted content of the demo mode (sandboxscript.cpp).
namespace sandboxscript {

struct Dialogue {
    QString opener;
    QStringList replies; // availability, experience, interview time, thanks
};
struct Person {
    QString name;
    QString waId; // Spanish, Mexican or Colombian mobile, digits only
};

const QList<Dialogue> &dialogues();
Person randomPerson();
// A small valid PNG (a sketched CV page), built without QtGui.
QByteArray cvImagePng();
// The WABA's message templates: recruiting templates in Spanish (and Meta's
// hello_world), approved, pending and rejected.
const QJsonArray &templates();

} // namespace sandboxscript

} // namespace puente::sandbox
