#include "sandbox/sandbox.h"

#include "crypto/crypto.h"
#include "http/server.h"
#include "sandbox/metaerrors.h"
#include "sandbox/multipart.h"
#include "sandbox/sendvalidation.h"
#include "sandbox/wamid.h"

#include <QDateTime>
#include <QFile>
#include <QSaveFile>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTimeZone>
#include <QTimer>
#include <QUrlQuery>
#include <algorithm>

Q_LOGGING_CATEGORY(lcSandbox, "puente.sandbox", QtInfoMsg)

namespace puente::sandbox {

using http::Reply;

// One outgoing message's status webhooks, posted one after the other:
// the next is scheduled only once Puente has answered the previous, so
// sent → delivered → read arrive in order even with no delay.
struct Sandbox::StatusJob {
    SandboxNumber from;
    QString wamid;
    QString recipient;
    QString callbackData;
    Outcome outcome;
    QList<std::pair<QString, int>> steps; // status, ms after the send (before delayScale)
};

namespace {

constexpr qint64 kMaxUploadBytes = 100LL * 1024 * 1024;
constexpr qint64 kServiceWindowMs = 24LL * 3600 * 1000;
constexpr int kSentMs = 300;
constexpr int kDeliveredMs = 1200;
constexpr int kReadMs = 4000;
constexpr int kCandidateAnswerMs = 3000;
constexpr int kWebhookTimeoutMs = 10000;

QString unixSeconds(qint64 ms)
{
    return QString::number(ms / 1000);
}

QString formatDisplayNumber(const QString &digits)
{
    if (digits.size() == 11 && digits.startsWith(QLatin1Char('1')))
        return QStringLiteral("+1 %1-%2-%3").arg(digits.mid(1, 3), digits.mid(4, 3), digits.mid(7));
    return QLatin1Char('+') + digits;
}

QString randomDigits(int count)
{
    QString out = QString::number(1 + QRandomGenerator::global()->bounded(9));
    while (out.size() < count)
        out += QLatin1Char(char('0' + QRandomGenerator::global()->bounded(10)));
    return out;
}

QString baseMimeType(const QString &mime)
{
    return mime.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
}

const QStringList &supportedMediaTypes()
{
    static const QStringList list = {QStringLiteral("audio/aac"),
                                     QStringLiteral("audio/amr"),
                                     QStringLiteral("audio/mpeg"),
                                     QStringLiteral("audio/mp4"),
                                     QStringLiteral("audio/ogg"),
                                     QStringLiteral("text/plain"),
                                     QStringLiteral("application/pdf"),
                                     QStringLiteral("application/vnd.ms-excel"),
                                     QStringLiteral("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                                     QStringLiteral("application/msword"),
                                     QStringLiteral("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
                                     QStringLiteral("application/vnd.ms-powerpoint"),
                                     QStringLiteral("application/vnd.openxmlformats-officedocument.presentationml.presentation"),
                                     QStringLiteral("image/jpeg"),
                                     QStringLiteral("image/png"),
                                     QStringLiteral("image/webp"),
                                     QStringLiteral("video/3gpp"),
                                     QStringLiteral("video/mp4")};
    return list;
}

QString cursorFor(qsizetype index)
{
    return QString::fromLatin1(crypto::base64Url("sandbox-cursor:" + QByteArray::number(index)));
}

qsizetype indexOfCursor(const QString &cursor)
{
    const auto raw = crypto::fromBase64Url(cursor.toLatin1());
    if (!raw || !raw.value().startsWith("sandbox-cursor:"))
        return -1;
    bool ok = false;
    const qsizetype index = raw.value().mid(15).toLongLong(&ok);
    return ok ? index : -1;
}

QJsonObject onlyFields(const QJsonObject &object, const QString &fields)
{
    if (fields.isEmpty())
        return object;
    QJsonObject out{{QStringLiteral("id"), object.value(QStringLiteral("id"))}};
    for (const QString &f : fields.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString name = f.trimmed();
        if (object.contains(name))
            out.insert(name, object.value(name));
    }
    return out;
}

} // namespace

Sandbox::Sandbox(SandboxOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_http(std::make_unique<http::Server>())
    , m_network(new QNetworkAccessManager(this))
    , m_candidateTimer(new QTimer(this))
{
    m_clock.start();
    m_epochAtStartMs = QDateTime::currentMSecsSinceEpoch();
    for (const SandboxNumber &n : std::as_const(m_options.numbers))
        if (!n.accessToken.isEmpty() && !m_tokens.contains(n.accessToken))
            m_tokens.insert(n.accessToken, SandboxToken{n.wabaId, QStringLiteral("SYSTEM_USER"), 0, SandboxToken().scopes, n.phoneNumberId});
    m_candidateTimer->setInterval(std::max(1, m_options.candidateIntervalMs));
    connect(m_candidateTimer, &QTimer::timeout, this, &Sandbox::spawnCandidate);
    registerRoutes();
    loadState();
}

void Sandbox::loadState()
{
    if (m_options.stateFile.isEmpty())
        return;
    QFile file(m_options.stateFile);
    if (!file.open(QIODevice::ReadOnly))
        return; // first start
    const QJsonObject windows = QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("last_inbound_ms")).toObject();
    const qint64 now = nowMs();
    for (auto it = windows.begin(); it != windows.end(); ++it)
        if (const qint64 at = it.value().toInteger(-1); at >= 0 && now - at < kServiceWindowMs)
            m_lastInboundMs.insert(it.key(), at);
}

void Sandbox::candidateWrote(const QString &phoneNumberId, const QString &waId)
{
    m_lastInboundMs.insert(pairKey(phoneNumberId, waId), nowMs());
    if (m_options.stateFile.isEmpty())
        return;
    // Closed windows are forgotten; a candidate writes every few seconds at
    // most (the demo's script), so the whole file is rewritten each time.
    const qint64 now = nowMs();
    QJsonObject windows;
    for (auto it = m_lastInboundMs.cbegin(); it != m_lastInboundMs.cend(); ++it)
        if (now - it.value() < kServiceWindowMs)
            windows.insert(it.key(), it.value());
    QSaveFile file(m_options.stateFile);
    if (!file.open(QIODevice::WriteOnly)
        || file.write(QJsonDocument(QJsonObject{{QStringLiteral("last_inbound_ms"), windows}}).toJson(QJsonDocument::Compact)) < 0
        || !file.commit())
        qCWarning(lcSandbox) << "cannot keep the 24-hour windows in" << m_options.stateFile << file.errorString();
}

Sandbox::~Sandbox() = default;

Result<quint16> Sandbox::listen(const QHostAddress &address, quint16 port)
{
    auto listened = m_http->listen(address, port);
    if (!listened)
        return makeError("listen_failed",
                         QStringLiteral("the sandbox cannot listen on %1:%2 (in use, or not allowed)").arg(address.toString()).arg(port));
    const quint16 bound = listened.value();
    m_port = bound;
    const bool anyOrLoopback
        = address == QHostAddress::Any || address == QHostAddress::AnyIPv4 || address == QHostAddress::AnyIPv6 || address.isLoopback();
    m_host = anyOrLoopback ? QStringLiteral("127.0.0.1") : address.toString();
    qCInfo(lcSandbox).noquote() << "Cloud API sandbox listening on" << baseUrl().toString() << "with" << m_options.numbers.size()
                                << "numbers";
    if (m_options.candidates && !m_options.numbers.isEmpty()) {
        m_candidateTimer->start();
        QTimer::singleShot(std::min(3000, m_options.candidateIntervalMs), this, &Sandbox::spawnCandidate);
    }
    return bound;
}

QUrl Sandbox::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(m_host.isEmpty() ? QStringLiteral("127.0.0.1") : m_host);
    url.setPort(m_port);
    return url;
}

void Sandbox::registerRoutes()
{
    // Uploads up to Meta's 100 MB, in memory: an emulator for tests and demos.
    m_http->setBodyPolicy([](const http::RequestHead &) { return http::BodyPolicy{kMaxUploadBytes + (1 << 20), {}, {}, {}}; });
    m_http->setFallback([this](http::Request request, http::Answer answer) { route(request, answer); });
}

void Sandbox::route(const http::Request &request, const http::Answer &answer)
{
    // "/v23.0/<id>", "/v23.0/<id>/<edge>", "/media-download/<token>"
    const QStringList parts = request.path.split(QLatin1Char('/'));
    const bool graph = parts.size() >= 3 && parts.value(1) == m_options.graphVersion && !parts.value(2).isEmpty();
    const QString id = graph ? parts.value(2) : QString();
    const QString edge = parts.size() == 4 ? parts.value(3) : QString();
    if (graph && parts.size() == 3 && id == QLatin1String("debug_token") && request.method == http::Method::Get)
        return answer.send(handleDebugToken(request));
    if (graph && parts.size() == 4 && id == QLatin1String("oauth") && edge == QLatin1String("access_token")
        && request.method == http::Method::Get)
        return answer.send(handleTokenExchange(request));
    if (graph && parts.size() == 4 && edge == QLatin1String("messages") && request.method == http::Method::Post)
        return handleSend(id, request, answer);
    if (graph && parts.size() == 4 && edge == QLatin1String("media") && request.method == http::Method::Post)
        return answer.send(handleUpload(id, request));
    if (graph && parts.size() == 4 && edge == QLatin1String("message_templates") && request.method == http::Method::Get)
        return answer.send(handleTemplates(id, request));
    if (graph && parts.size() == 3 && request.method == http::Method::Get)
        return answer.send(handleNode(id, request));
    if (parts.size() == 3 && parts.value(1) == QLatin1String("media-download") && request.method == http::Method::Get)
        return answer.send(handleDownload(parts.value(2), request));
    answer.send(handleUnknown(request));
}

// --- Graph endpoints -------------------------------------------------------

void Sandbox::handleSend(const QString &phoneNumberId, const http::Request &request, const http::Answer &responder)
{
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    if (!body.isEmpty())
        m_lastBody.insert(phoneNumberId, body);
    const bool markRead = body.value(QStringLiteral("status")).toString() == QLatin1String("read");
    const QString to = body.value(QStringLiteral("to")).toString();
    QString type = body.value(QStringLiteral("type")).toString();
    if (type.isEmpty() && !markRead && !body.contains(QStringLiteral("type")))
        type = QStringLiteral("text"); // Meta's default
    qint64 acceptedAt = -1;
    auto answer = [&](Reply &&response, const QString &wamid = {}) {
        m_log.append({phoneNumberId, to, markRead ? QStringLiteral("mark_read") : type, wamid, acceptedAt >= 0 ? acceptedAt : nowMs(),
                      response.status});
        if (m_options.responseDelayMs <= 0)
            return responder.send(std::move(response));
        QTimer::singleShot(m_options.responseDelayMs, this, [responder, late = std::make_shared<Reply>(std::move(response))] {
            responder.send(std::move(*late));
        });
    };

    const QString token = bearer(request);
    const SandboxNumber *from = number(phoneNumberId);
    if (!knownToken(token))
        return answer(refuseToken(token));
    if (!from || !serves(token, from->wabaId, from->phoneNumberId))
        return answer(unknownObject(phoneNumberId, request.method));

    if (markRead) {
        const QString messageId = body.value(QStringLiteral("message_id")).toString();
        if (body.value(QStringLiteral("messaging_product")).toString() != QLatin1String("whatsapp"))
            return answer(invalidParameter(QStringLiteral("The parameter messaging_product is required and must be \"whatsapp\".")));
        if (messageId.isEmpty())
            return answer(invalidParameter(QStringLiteral("The parameter message_id is required.")));
        return answer(Reply::json(QJsonObject{{QStringLiteral("success"), true}}));
    }

    QList<Injection> &injected = m_injections[phoneNumberId];
    if (!injected.isEmpty()) {
        const int code = injected.first().code;
        if (--injected.first().remaining <= 0)
            injected.removeFirst();
        if (code == -1 || code == -2) {
            m_log.append({phoneNumberId, to, type, {}, nowMs(), 0});
            if (code == -1) {
                Reply hangUp;
                hangUp.dropConnection = true;
                responder.send(std::move(hangUp));
            }
            // -2: never answered; the client times out.
            return;
        }
        if (code == 190)
            return answer(invalidToken());
        return answer(graphError(code, !errorDetails(code).isEmpty() ? errorDetails(code) : QStringLiteral("Sandbox: injected failure")));
    }

    int code = 100;
    const QString problem = validateSend(body, &code);
    if (!problem.isEmpty())
        return answer(graphError(code, problem));

    acceptedAt = takeThroughput(phoneNumberId, from->throughputPerSecond);
    if (acceptedAt < 0)
        return answer(graphError(130429, errorDetails(130429)));

    const QString recipient = recipientFor(to);
    const QString wamid = uniqueWamid(recipient, false);
    QJsonObject message{{QStringLiteral("id"), wamid}};
    if (type == QLatin1String("template"))
        message.insert(QStringLiteral("message_status"), QStringLiteral("accepted"));
    QJsonObject contact{{QStringLiteral("input"), to}, {QStringLiteral("wa_id"), isBsuid(recipient) ? QString() : recipient}};
    if (isBsuid(recipient))
        contact.insert(QStringLiteral("user_id"), recipient);
    const QJsonObject response{{QStringLiteral("messaging_product"), QStringLiteral("whatsapp")},
                               {QStringLiteral("contacts"), QJsonArray{contact}},
                               {QStringLiteral("messages"), QJsonArray{message}}};
    const Outcome outcome = outcomeFor(phoneNumberId, recipient, body);
    const SandboxNumber sender = *from;
    answer(Reply::json(response), wamid);
    scheduleStatuses(sender, wamid, recipient, outcome, body.value(QStringLiteral("biz_opaque_callback_data")).toString());
}

Sandbox::Fate Sandbox::marketingFate(const QString &waId)
{
    // FNV-1a of the number: stable across runs and platforms (qHash is seeded).
    quint32 h = 2166136261u;
    for (const char c : waId.toLatin1())
        h = (h ^ quint8(c)) * 16777619u;
    const int slot = int(h % 100);
    Fate f;
    if (slot < 3)
        f.errorCode = 131026;
    else if (slot < 5)
        f.errorCode = 131049;
    else if (slot < 38)
        f.read = false;
    else
        f.replies = slot < 44;
    return f;
}

void Sandbox::setQuality(const QString &phoneNumberId, const QString &rating)
{
    const SandboxNumber *n = number(phoneNumberId);
    if (!n)
        return;
    const QString before = m_quality.value(phoneNumberId, QStringLiteral("GREEN"));
    const QString now = rating.toUpper();
    if (now == QLatin1String("GREEN"))
        m_quality.remove(phoneNumberId);
    else
        m_quality.insert(phoneNumberId, now);
    QString event;
    if (now == QLatin1String("RED"))
        event = QStringLiteral("FLAGGED");
    else if (before == QLatin1String("RED"))
        event = QStringLiteral("UNFLAGGED");
    if (event.isEmpty())
        return;
    const QString tier = n->messagingLimit <= 0 ? QStringLiteral("TIER_UNLIMITED")
                         : n->messagingLimit % 1000 == 0 ? QStringLiteral("TIER_%1K").arg(n->messagingLimit / 1000)
                                                         : QStringLiteral("TIER_%1").arg(n->messagingLimit);
    postWebhook(envelope(*n, QJsonObject{{QStringLiteral("display_phone_number"), n->displayPhoneNumber}, {QStringLiteral("event"), event},
                                         {QStringLiteral("current_limit"), tier}},
                         QStringLiteral("phone_number_quality_update")));
}

Sandbox::Outcome Sandbox::outcomeFor(const QString &phoneNumberId, const QString &waId, const QJsonObject &body)
{
    Outcome outcome;
    const QString key = pairKey(phoneNumberId, waId);
    const qint64 lastInbound = m_lastInboundMs.value(key, -1);
    const bool windowOpen = lastInbound >= 0 && nowMs() - lastInbound < kServiceWindowMs;
    const QString type = body.value(QStringLiteral("type")).toString(QStringLiteral("text"));
    const QJsonObject object = body.value(type).toObject();

    if (type == QLatin1String("template")) {
        const QString name = object.value(QStringLiteral("name")).toString();
        const QString language = object.value(QStringLiteral("language")).toObject().value(QStringLiteral("code")).toString();
        QJsonObject found;
        for (const QJsonValue &t : sandboxscript::templates()) {
            const QJsonObject o = t.toObject();
            if (o.value(QStringLiteral("name")).toString() == name && o.value(QStringLiteral("language")).toString() == language)
                found = o;
        }
        if (found.isEmpty() || found.value(QStringLiteral("status")).toString() != QLatin1String("APPROVED")) {
            outcome.errorCode = 132001;
            outcome.errorDetails = QStringLiteral("template name (%1) does not exist in %2 or is not approved").arg(name, language);
            return outcome;
        }
        outcome.category = found.value(QStringLiteral("category")).toString().toLower();
        // Utility templates inside an open window are free; everything else is billed.
        const bool free = windowOpen && outcome.category == QLatin1String("utility");
        outcome.billable = !free;
        outcome.pricingType = free ? QStringLiteral("free_customer_service") : QStringLiteral("regular");
        // The messaging limit: users reached outside a window in 24 hours.
        const SandboxNumber *from = number(phoneNumberId);
        if (!windowOpen && from && from->messagingLimit > 0) {
            QHash<QString, qint64> &reached = m_reached[phoneNumberId];
            const qint64 now = nowMs();
            for (auto it = reached.begin(); it != reached.end();)
                it = now - it.value() >= kServiceWindowMs ? reached.erase(it) : std::next(it);
            if (!reached.contains(waId) && reached.size() >= from->messagingLimit) {
                outcome.errorCode = 131049;
                outcome.errorDetails = QStringLiteral("Sandbox: the number reached its messaging limit of %1 users in 24 hours").arg(from->messagingLimit);
                return outcome;
            }
            reached.insert(waId, now);
        }
        if (outcome.category == QLatin1String("marketing")) {
            const Fate fate = marketingFate(waId);
            outcome.errorCode = fate.errorCode;
            outcome.read = fate.read;
            if (fate.replies)
                outcome.reply = QStringLiteral("Sí, me interesa");
        }
        return outcome;
    }
    if (!windowOpen) {
        outcome.errorCode = 131047;
        return outcome;
    }
    const QString mediaId = object.value(QStringLiteral("id")).toString();
    if (!mediaId.isEmpty() && type != QLatin1String("interactive")
        && (!m_media.contains(mediaId) || m_media.value(mediaId).phoneNumberId != phoneNumberId)) {
        outcome.errorCode = 131053;
        outcome.errorDetails = QStringLiteral("Media id %1 was not uploaded from this phone number or has expired.").arg(mediaId);
        return outcome;
    }
    outcome.onlySent = type == QLatin1String("reaction");
    const auto candidate = m_candidates.constFind(key);
    outcome.candidateAnswers = type == QLatin1String("text") && candidate != m_candidates.constEnd() && !candidate->replying;
    return outcome;
}

qint64 Sandbox::takeThroughput(const QString &phoneNumberId, int limit)
{
    std::deque<qint64> &window = m_window[phoneNumberId];
    const qint64 now = nowMs();
    while (!window.empty() && window.front() <= now - 1000)
        window.pop_front();
    if (qsizetype(window.size()) >= std::max(1, limit))
        return -1;
    window.push_back(now);
    return now;
}

Reply Sandbox::handleUpload(const QString &phoneNumberId, const http::Request &request)
{
    const QString token = bearer(request);
    const SandboxNumber *owner = number(phoneNumberId);
    if (!knownToken(token))
        return refuseToken(token);
    if (!owner || !serves(token, owner->wabaId, owner->phoneNumberId))
        return unknownObject(phoneNumberId, request.method);
    const QByteArray contentType = request.header("content-type");
    if (!contentType.toLower().startsWith("multipart/form-data"))
        return invalidParameter(
            QStringLiteral("The request must be multipart/form-data with the fields file, type and messaging_product."));
    const QList<FormPart> parts = parseMultipart(contentType, request.body);
    QString product, declaredType;
    const FormPart *file = nullptr;
    for (const FormPart &p : parts) {
        if (p.name == QLatin1String("messaging_product"))
            product = QString::fromUtf8(p.body).trimmed();
        else if (p.name == QLatin1String("type"))
            declaredType = QString::fromUtf8(p.body).trimmed();
        else if (p.name == QLatin1String("file"))
            file = &p;
    }
    if (product != QLatin1String("whatsapp"))
        return invalidParameter(QStringLiteral("The parameter messaging_product is required and must be \"whatsapp\"."));
    if (!file || file->filename.isEmpty())
        return invalidParameter(QStringLiteral("The parameter file is required: a form part named \"file\" with a filename."));
    if (file->body.isEmpty())
        return invalidParameter(QStringLiteral("Param file must not be empty."));
    if (file->body.size() > kMaxUploadBytes)
        return invalidParameter(QStringLiteral("Param file must be at most 100 MB; got %1 bytes.").arg(file->body.size()));
    const QString mime = baseMimeType(!declaredType.isEmpty() ? declaredType : file->contentType);
    if (!supportedMediaTypes().contains(mime))
        return invalidParameter(QStringLiteral("Param file must be a file with one of the following types: %1. Received file of type '%2'.")
                                    .arg(supportedMediaTypes().join(QStringLiteral(", ")), mime));
    const QString id = storeMedia(phoneNumberId, file->body, !declaredType.isEmpty() ? declaredType : file->contentType, file->filename);
    return Reply::json(QJsonObject{{QStringLiteral("id"), id}});
}

Reply Sandbox::handleTemplates(const QString &wabaId, const http::Request &request)
{
    const QString token = bearer(request);
    if (!knownToken(token))
        return refuseToken(token);
    bool allowed = false;
    for (const SandboxNumber &n : m_options.numbers)
        allowed = allowed || (n.wabaId == wabaId && serves(token, n.wabaId));
    if (!allowed)
        return unknownObject(wabaId, request.method);

    const QUrlQuery query = request.query;
    auto param = [&query](const char *name) { return query.queryItemValue(QLatin1String(name), QUrl::FullyDecoded); };
    bool limitOk = false;
    qsizetype limit = param("limit").toInt(&limitOk);
    if (!limitOk || limit <= 0)
        limit = 25;
    limit = std::min<qsizetype>(limit, 1000);
    QList<QJsonObject> list;
    const QString status = param("status");
    const QString name = param("name");
    for (const QJsonValue &t : sandboxscript::templates()) {
        const QJsonObject o = t.toObject();
        if (!status.isEmpty() && o.value(QStringLiteral("status")).toString().compare(status, Qt::CaseInsensitive) != 0)
            continue;
        if (!name.isEmpty() && !o.value(QStringLiteral("name")).toString().contains(name, Qt::CaseInsensitive))
            continue;
        list.append(o);
    }
    qsizetype start = 0;
    if (!param("after").isEmpty()) {
        const qsizetype index = indexOfCursor(param("after"));
        if (index < 0)
            return invalidParameter(QStringLiteral("Param after is not a valid cursor."));
        start = index + 1;
    } else if (!param("before").isEmpty()) {
        const qsizetype index = indexOfCursor(param("before"));
        if (index < 0)
            return invalidParameter(QStringLiteral("Param before is not a valid cursor."));
        start = std::max<qsizetype>(0, index - limit);
    }
    start = std::min(start, list.size());
    const qsizetype end = std::min(start + limit, list.size());

    QJsonArray data;
    for (qsizetype i = start; i < end; ++i)
        data.append(onlyFields(list.at(i), param("fields")));
    QJsonObject answer{{QStringLiteral("data"), data}};
    if (end > start) {
        auto pageUrl = [&](const char *key, const QString &cursor) {
            QUrlQuery q(query);
            q.removeAllQueryItems(QStringLiteral("after"));
            q.removeAllQueryItems(QStringLiteral("before"));
            q.removeAllQueryItems(QStringLiteral("access_token"));
            q.addQueryItem(QLatin1String(key), cursor);
            QUrl url = baseUrl();
            url.setPath(request.path);
            url.setQuery(q);
            return url.toString(QUrl::FullyEncoded);
        };
        QJsonObject paging{{QStringLiteral("cursors"),
                            QJsonObject{{QStringLiteral("before"), cursorFor(start)}, {QStringLiteral("after"), cursorFor(end - 1)}}}};
        if (end < list.size())
            paging.insert(QStringLiteral("next"), pageUrl("after", cursorFor(end - 1)));
        if (start > 0)
            paging.insert(QStringLiteral("previous"), pageUrl("before", cursorFor(start)));
        answer.insert(QStringLiteral("paging"), paging);
    }
    return Reply::json(answer);
}

QJsonObject Sandbox::phoneNumberNode(const QString &phoneNumberId) const
{
    const SandboxNumber *n = number(phoneNumberId);
    if (!n)
        return {};
    const QString tier = n->messagingLimit <= 0 ? QStringLiteral("TIER_UNLIMITED")
                         : n->messagingLimit % 1000 == 0 ? QStringLiteral("TIER_%1K").arg(n->messagingLimit / 1000)
                                                         : QStringLiteral("TIER_%1").arg(n->messagingLimit);
    return QJsonObject{
        {QStringLiteral("id"), n->phoneNumberId},
        {QStringLiteral("verified_name"), n->verifiedName},
        {QStringLiteral("code_verification_status"), QStringLiteral("VERIFIED")},
        {QStringLiteral("display_phone_number"), formatDisplayNumber(n->displayPhoneNumber)},
        {QStringLiteral("quality_rating"), m_quality.value(n->phoneNumberId, QStringLiteral("GREEN"))},
        {QStringLiteral("platform_type"), QStringLiteral("CLOUD_API")},
        {QStringLiteral("throughput"),
         QJsonObject{{QStringLiteral("level"), n->throughputPerSecond > 80 ? QStringLiteral("HIGH") : QStringLiteral("STANDARD")}}},
        {QStringLiteral("webhook_configuration"), QJsonObject{{QStringLiteral("application"), m_options.webhookUrl.toString()}}},
        {QStringLiteral("status"), QStringLiteral("CONNECTED")},
        {QStringLiteral("name_status"), QStringLiteral("APPROVED")},
        {QStringLiteral("account_mode"), QStringLiteral("LIVE")},
        {QStringLiteral("is_official_business_account"), false},
        {QStringLiteral("is_pin_enabled"), true},
        {QStringLiteral("is_on_biz_app"), false},
        {QStringLiteral("messaging_limit_tier"), tier},
        {QStringLiteral("whatsapp_business_manager_messaging_limit"), tier},
    };
}

Reply Sandbox::handleNode(const QString &id, const http::Request &request)
{
    const QString token = bearer(request);
    if (!knownToken(token))
        return refuseToken(token);
    const QString fields = request.queryValue(QStringLiteral("fields"));

    if (const SandboxNumber *n = number(id)) {
        if (!serves(token, n->wabaId, n->phoneNumberId))
            return unknownObject(id, request.method);
        const QJsonObject all = phoneNumberNode(id);
        if (fields.isEmpty()) {
            QJsonObject answer;
            for (const char *key : {"id", "verified_name", "code_verification_status", "display_phone_number", "quality_rating",
                                    "platform_type", "throughput", "webhook_configuration", "status"})
                answer.insert(QLatin1String(key), all.value(QLatin1String(key)));
            return Reply::json(answer);
        }
        for (const QString &f : fields.split(QLatin1Char(','), Qt::SkipEmptyParts))
            if (!all.contains(f.trimmed()))
                return graphError(100, {},
                                  QStringLiteral("(#100) Tried accessing nonexisting field (%1) on node type (WhatsAppBusinessPhoneNumber)")
                                      .arg(f.trimmed()));
        return Reply::json(onlyFields(all, fields));
    }

    if (m_media.contains(id)) {
        const Media &media = m_media[id];
        const SandboxNumber *owner = number(media.phoneNumberId);
        if (!owner || !serves(token, owner->wabaId, owner->phoneNumberId))
            return unknownObject(id, request.method);
        const QString onlyFor = request.queryValue(QStringLiteral("phone_number_id"));
        if (!onlyFor.isEmpty() && onlyFor != media.phoneNumberId)
            return invalidParameter(QStringLiteral("Param phone_number_id does not match the phone number the media belongs to."));
        QUrl url = baseUrl();
        url.setPath(QStringLiteral("/media-download/") + media.downloadToken);
        return Reply::json(QJsonObject{{QStringLiteral("messaging_product"), QStringLiteral("whatsapp")},
                                               {QStringLiteral("url"), url.toString()},
                                               {QStringLiteral("mime_type"), media.mimeType},
                                               {QStringLiteral("sha256"), QString::fromLatin1(crypto::sha256(media.bytes).toHex())},
                                               {QStringLiteral("file_size"), qint64(media.bytes.size())},
                                               {QStringLiteral("id"), media.id}});
    }
    return unknownObject(id, request.method);
}

Reply Sandbox::handleDownload(const QString &token, const http::Request &request)
{
    const auto it = m_mediaByToken.constFind(token);
    if (it == m_mediaByToken.constEnd() || !m_media.contains(*it))
        return Reply{404, "text/plain", QByteArrayLiteral("URL signature mismatch or expired"), {}};
    const Media &media = m_media[*it];
    const SandboxNumber *owner = number(media.phoneNumberId);
    if (!owner || !serves(bearer(request), owner->wabaId, owner->phoneNumberId))
        return refuseToken(bearer(request));
    return Reply{200, media.mimeType.toUtf8(), media.bytes, {}};
}

Reply Sandbox::handleUnknown(const http::Request &request)
{
    const QString &path = request.path;
    const QString prefix = QLatin1Char('/') + m_options.graphVersion + QLatin1Char('/');
    if (path.startsWith(prefix)) {
        if (!knownToken(bearer(request)))
            return refuseToken(bearer(request));
        return unknownObject(path.mid(prefix.size()).section(QLatin1Char('/'), 0, 0), request.method);
    }
    return graphError(2500, {}, QStringLiteral("Unknown path components: %1").arg(path));
}

// --- Failure injection, candidates, records --------------------------------

void Sandbox::injectFailure(const QString &phoneNumberId, int code, int count)
{
    if (count > 0)
        m_injections[phoneNumberId].append({code, count});
}

void Sandbox::candidateWrites(const QString &phoneNumberId, const QString &waId, const QString &name, const QString &text)
{
    const SandboxNumber *to = number(phoneNumberId);
    if (!to) {
        qCWarning(lcSandbox) << "candidateWrites: unknown phone number id" << phoneNumberId;
        return;
    }
    candidateWrote(phoneNumberId, waId);
    const QJsonObject message{{QStringLiteral("from"), waId},
                              {QStringLiteral("id"), uniqueWamid(waId, true)},
                              {QStringLiteral("timestamp"), unixSeconds(nowMs())},
                              {QStringLiteral("text"), QJsonObject{{QStringLiteral("body"), text}}},
                              {QStringLiteral("type"), QStringLiteral("text")}};
    postInbound(*to, waId, name, message);
}

void Sandbox::candidateSendsImage(const QString &phoneNumberId, const QString &waId, const QString &name, const QByteArray &bytes,
                                  const QString &mimeType, const QString &caption)
{
    const SandboxNumber *to = number(phoneNumberId);
    if (!to) {
        qCWarning(lcSandbox) << "candidateSendsImage: unknown phone number id" << phoneNumberId;
        return;
    }
    candidateWrote(phoneNumberId, waId);
    const QString id = storeMedia(phoneNumberId, bytes, mimeType, {});
    QUrl url = baseUrl();
    url.setPath(QStringLiteral("/media-download/") + m_media.value(id).downloadToken);
    QJsonObject image{{QStringLiteral("mime_type"), mimeType},
                      {QStringLiteral("sha256"), QString::fromLatin1(crypto::sha256(bytes).toBase64())},
                      {QStringLiteral("id"), id},
                      {QStringLiteral("url"), url.toString()}};
    if (!caption.isEmpty())
        image.insert(QStringLiteral("caption"), caption);
    const QJsonObject message{{QStringLiteral("from"), waId},
                              {QStringLiteral("id"), uniqueWamid(waId, true)},
                              {QStringLiteral("timestamp"), unixSeconds(nowMs())},
                              {QStringLiteral("type"), QStringLiteral("image")},
                              {QStringLiteral("image"), image}};
    postInbound(*to, waId, name, message);
}

QList<Sandbox::SendRecord> Sandbox::sendLog() const
{
    return m_log;
}

int Sandbox::maxSendsInAnySecond(const QString &phoneNumberId) const
{
    QList<qint64> times;
    for (const SendRecord &r : m_log)
        if (r.phoneNumberId == phoneNumberId && r.httpStatus == 200 && r.type != QLatin1String("mark_read"))
            times.append(r.atMs);
    std::sort(times.begin(), times.end());
    int best = 0;
    qsizetype first = 0;
    for (qsizetype i = 0; i < times.size(); ++i) {
        while (times.at(i) - times.at(first) >= 1000)
            ++first;
        best = std::max(best, int(i - first + 1));
    }
    return best;
}

QJsonObject Sandbox::lastRequestBody(const QString &phoneNumberId) const
{
    return m_lastBody.value(phoneNumberId);
}

void Sandbox::spawnCandidate()
{
    if (m_options.numbers.isEmpty())
        return;
    const SandboxNumber &to = m_options.numbers.at(int(QRandomGenerator::global()->bounded(quint32(m_options.numbers.size()))));
    const sandboxscript::Person person = sandboxscript::randomPerson();
    ScriptedCandidate candidate;
    candidate.phoneNumberId = to.phoneNumberId;
    candidate.waId = person.waId;
    candidate.name = person.name;
    candidate.dialogue = int(QRandomGenerator::global()->bounded(quint32(sandboxscript::dialogues().size())));
    m_candidates.insert(pairKey(to.phoneNumberId, person.waId), candidate);
    qCInfo(lcSandbox).noquote() << "scripted candidate" << person.name << "writes to" << to.phoneNumberId;
    candidateWrites(to.phoneNumberId, person.waId, person.name, sandboxscript::dialogues().at(candidate.dialogue).opener);
    if (QRandomGenerator::global()->bounded(3) == 0) {
        QTimer::singleShot(std::max(200, delayMs(1500)), this, [this, phone = to.phoneNumberId, person] {
            candidateSendsImage(phone, person.waId, person.name, sandboxscript::cvImagePng(), QStringLiteral("image/png"),
                                QStringLiteral("Mi CV"));
        });
    }
}

void Sandbox::candidateAnswers(const QString &phoneNumberId, const QString &waId)
{
    const QString key = pairKey(phoneNumberId, waId);
    auto it = m_candidates.find(key);
    if (it == m_candidates.end() || it->replying)
        return;
    const QStringList &replies = sandboxscript::dialogues().at(it->dialogue).replies;
    if (it->nextLine >= replies.size())
        return; // the conversation is over
    it->replying = true;
    QTimer::singleShot(delayMs(kCandidateAnswerMs), this, [this, key] {
        auto c = m_candidates.find(key);
        if (c == m_candidates.end())
            return;
        c->replying = false;
        const QString line = sandboxscript::dialogues().at(c->dialogue).replies.at(c->nextLine++);
        const ScriptedCandidate copy = *c;
        candidateWrites(copy.phoneNumberId, copy.waId, copy.name, line);
    });
}

// --- Webhooks --------------------------------------------------------------

void Sandbox::scheduleStatuses(const SandboxNumber &from, const QString &wamid, const QString &recipient, const Outcome &outcome,
                               const QString &callbackData)
{
    auto job = std::make_shared<StatusJob>();
    job->from = from;
    job->wamid = wamid;
    job->recipient = recipient;
    job->callbackData = callbackData;
    job->outcome = outcome;
    if (outcome.errorCode)
        job->steps = {{QStringLiteral("failed"), kSentMs}};
    else if (outcome.onlySent)
        job->steps = {{QStringLiteral("sent"), kSentMs}};
    else if (!outcome.read)
        job->steps = {{QStringLiteral("sent"), kSentMs}, {QStringLiteral("delivered"), kDeliveredMs}};
    else
        job->steps = {{QStringLiteral("sent"), kSentMs}, {QStringLiteral("delivered"), kDeliveredMs}, {QStringLiteral("read"), kReadMs}};
    runStatusStep(job, 0);
}

void Sandbox::runStatusStep(std::shared_ptr<StatusJob> job, int step)
{
    if (step >= job->steps.size()) {
        if (job->outcome.candidateAnswers)
            candidateAnswers(job->from.phoneNumberId, job->recipient);
        if (!job->outcome.reply.isEmpty())
            QTimer::singleShot(delayMs(kCandidateAnswerMs), this, [this, job] {
                candidateWrites(job->from.phoneNumberId, job->recipient, QString(), job->outcome.reply);
            });
        return;
    }
    const int waitMs = job->steps.at(step).second - (step > 0 ? job->steps.at(step - 1).second : 0);
    QTimer::singleShot(delayMs(waitMs), this, [this, job, step] {
        const QString status = job->steps.at(step).first;
        const Outcome &outcome = job->outcome;
        const qint64 now = nowMs();
        QJsonObject s{{QStringLiteral("id"), job->wamid},
                      {QStringLiteral("status"), status},
                      {QStringLiteral("timestamp"), unixSeconds(now)},
                      {QStringLiteral("recipient_id"), isBsuid(job->recipient) ? QString() : job->recipient}};
        if (isBsuid(job->recipient))
            s.insert(QStringLiteral("recipient_user_id"), job->recipient);
        if (!job->callbackData.isEmpty())
            s.insert(QStringLiteral("biz_opaque_callback_data"), job->callbackData);
        if (status == QLatin1String("failed")) {
            s.insert(QStringLiteral("errors"), QJsonArray{webhookError(outcome.errorCode, outcome.errorDetails)});
        } else if (status != QLatin1String("read")) {
            // v23 and lower: conversation on every sent/delivered, with its
            // expiry on "sent"; pricing on sent and delivered.
            const Conversation c = conversation(job->from.phoneNumberId, job->recipient, outcome.category);
            QJsonObject conv{{QStringLiteral("id"), c.id},
                             {QStringLiteral("origin"), QJsonObject{{QStringLiteral("type"), outcome.category}}}};
            if (status == QLatin1String("sent"))
                conv.insert(QStringLiteral("expiration_timestamp"), QString::number(c.expiresSecs));
            s.insert(QStringLiteral("conversation"), conv);
            s.insert(QStringLiteral("pricing"),
                     QJsonObject{{QStringLiteral("billable"), outcome.billable},
                                 {QStringLiteral("pricing_model"), QStringLiteral("PMP")},
                                 {QStringLiteral("type"), outcome.pricingType},
                                 {QStringLiteral("category"), outcome.category}});
        }
        const QJsonObject value{{QStringLiteral("messaging_product"), QStringLiteral("whatsapp")},
                                {QStringLiteral("metadata"),
                                 QJsonObject{{QStringLiteral("display_phone_number"), job->from.displayPhoneNumber},
                                             {QStringLiteral("phone_number_id"), job->from.phoneNumberId}}},
                                {QStringLiteral("statuses"), QJsonArray{s}}};
        postWebhook(envelope(job->from, value), [this, job, step] { runStatusStep(job, step + 1); });
    });
}

void Sandbox::postInbound(const SandboxNumber &to, const QString &waId, const QString &name, const QJsonObject &message)
{
    const QJsonObject value{{QStringLiteral("messaging_product"), QStringLiteral("whatsapp")},
                            {QStringLiteral("metadata"),
                             QJsonObject{{QStringLiteral("display_phone_number"), to.displayPhoneNumber},
                                         {QStringLiteral("phone_number_id"), to.phoneNumberId}}},
                            {QStringLiteral("contacts"),
                             QJsonArray{QJsonObject{{QStringLiteral("profile"), QJsonObject{{QStringLiteral("name"), name}}},
                                                    {QStringLiteral("wa_id"), waId}}}},
                            {QStringLiteral("messages"), QJsonArray{message}}};
    postWebhook(envelope(to, value));
}

QJsonObject Sandbox::envelope(const SandboxNumber &number, const QJsonObject &value, const QString &field) const
{
    const QJsonObject change{{QStringLiteral("value"), value}, {QStringLiteral("field"), field}};
    return {{QStringLiteral("object"), QStringLiteral("whatsapp_business_account")},
            {QStringLiteral("entry"),
             QJsonArray{QJsonObject{{QStringLiteral("id"), number.wabaId}, {QStringLiteral("changes"), QJsonArray{change}}}}}};
}

void Sandbox::postWebhook(const QJsonObject &payload, std::function<void()> then)
{
    if (!m_options.webhookUrl.isValid() || m_options.webhookUrl.isEmpty()) {
        if (then)
            then();
        return;
    }
    const QByteArray body = metaJson(payload);
    QNetworkRequest request(m_options.webhookUrl);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("facebookexternalua"));
    request.setRawHeader("X-Hub-Signature-256", "sha256=" + crypto::hmacSha256(m_options.appSecret, body).toHex());
    request.setTransferTimeout(kWebhookTimeoutMs);
    QNetworkReply *reply = m_network->post(request, body);
    connect(reply, &QNetworkReply::finished, this, [this, reply, then = std::move(then)] {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 0)
            qCWarning(lcSandbox).noquote() << "webhook not delivered:" << reply->errorString();
        else if (status != 200)
            qCInfo(lcSandbox) << "webhook answered HTTP" << status;
        reply->deleteLater();
        Q_EMIT webhookPosted(status);
        if (then)
            then();
    });
}

// --- Helpers ---------------------------------------------------------------

const SandboxNumber *Sandbox::number(const QString &phoneNumberId) const
{
    for (const SandboxNumber &n : m_options.numbers)
        if (n.phoneNumberId == phoneNumberId)
            return &n;
    return nullptr;
}

bool Sandbox::knownToken(const QString &token) const
{
    const auto it = m_tokens.constFind(token);
    return !token.isEmpty() && it != m_tokens.constEnd() && (it->expiresAt == 0 || it->expiresAt > nowMs() / 1000);
}

bool Sandbox::serves(const QString &token, const QString &wabaId, const QString &phoneNumberId) const
{
    if (!knownToken(token))
        return false;
    const SandboxToken &t = *m_tokens.constFind(token);
    return (t.wabaId.isEmpty() || t.wabaId == wabaId)
           && (phoneNumberId.isEmpty() || t.phoneNumberId.isEmpty() || t.phoneNumberId == phoneNumberId);
}

Reply Sandbox::refuseToken(const QString &token) const
{
    const auto it = m_tokens.constFind(token);
    if (it != m_tokens.constEnd() && it->expiresAt > 0 && it->expiresAt <= nowMs() / 1000)
        return graphError(190, {},
                          QStringLiteral("Error validating access token: Session has expired on %1. The current time is %2.")
                              .arg(QDateTime::fromSecsSinceEpoch(it->expiresAt, QTimeZone::utc()).toString(Qt::RFC2822Date),
                                   QDateTime::fromMSecsSinceEpoch(nowMs(), QTimeZone::utc()).toString(Qt::RFC2822Date)),
                          463);
    return invalidToken();
}

void Sandbox::setToken(const QString &token, const SandboxToken &grant)
{
    m_tokens.insert(token, grant);
}

std::optional<SandboxToken> Sandbox::token(const QString &token) const
{
    const auto it = m_tokens.constFind(token);
    return it == m_tokens.constEnd() ? std::nullopt : std::optional<SandboxToken>(*it);
}

// GET /debug_token?input_token=…, authorised by the app token
// ("APP_ID|APP_SECRET") or by any token Meta accepts (a token may inspect
// itself). Meta's shape: {"data":{app_id, type, application, expires_at,
// data_access_expires_at, is_valid, issued_at, scopes, granular_scopes,
// error?}}.
Reply Sandbox::handleDebugToken(const http::Request &request)
{
    const QString access = bearer(request);
    const QString appToken = m_options.appId + QLatin1Char('|') + QString::fromUtf8(m_options.appSecret);
    if (access != appToken && !knownToken(access))
        return refuseToken(access);
    const QString input = request.queryValue(QStringLiteral("input_token"));
    if (input.isEmpty())
        return graphError(100, {}, QStringLiteral("(#100) The parameter input_token is required"), 0, QStringLiteral("GraphMethodException"));
    const auto it = m_tokens.constFind(input);
    if (it == m_tokens.constEnd())
        return Reply::json(QJsonObject{{QStringLiteral("data"),
                                        QJsonObject{{QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), 190},
                                                                                           {QStringLiteral("message"),
                                                                                            QStringLiteral("Invalid OAuth access token.")}}},
                                                    {QStringLiteral("is_valid"), false},
                                                    {QStringLiteral("scopes"), QJsonArray()}}}});
    const SandboxToken &t = *it;
    QJsonArray granular;
    for (const QString &scope : t.scopes) {
        QJsonObject g{{QStringLiteral("scope"), scope}};
        if (!t.wabaId.isEmpty() && scope.startsWith(QLatin1String("whatsapp_business_")))
            g.insert(QStringLiteral("target_ids"), QJsonArray{t.wabaId});
        granular.append(g);
    }
    QJsonObject data{{QStringLiteral("app_id"), m_options.appId},
                     {QStringLiteral("type"), t.type},
                     {QStringLiteral("application"), QStringLiteral("Puente Sandbox")},
                     {QStringLiteral("data_access_expires_at"), t.expiresAt == 0 ? 0 : t.expiresAt + 30LL * 86400},
                     {QStringLiteral("expires_at"), t.expiresAt},
                     {QStringLiteral("is_valid"), knownToken(input)},
                     {QStringLiteral("issued_at"), m_epochAtStartMs / 1000},
                     {QStringLiteral("scopes"), QJsonArray::fromStringList(t.scopes)},
                     {QStringLiteral("granular_scopes"), granular},
                     {QStringLiteral("user_id"), QStringLiteral("104169029247128")}};
    if (!knownToken(input))
        data.insert(QStringLiteral("error"),
                    QJsonObject{{QStringLiteral("code"), 190},
                                {QStringLiteral("message"), QStringLiteral("Error validating access token: Session has expired on %1.")
                                                                .arg(QDateTime::fromSecsSinceEpoch(t.expiresAt, QTimeZone::utc())
                                                                         .toString(Qt::RFC2822Date))},
                                {QStringLiteral("subcode"), 463}});
    return Reply::json(QJsonObject{{QStringLiteral("data"), data}});
}

// GET /oauth/access_token?grant_type=fb_exchange_token&client_id&client_secret&fb_exchange_token:
// a long-lived user token (60 days) for a user token of this app.
Reply Sandbox::handleTokenExchange(const http::Request &request)
{
    if (request.queryValue(QStringLiteral("grant_type")) != QLatin1String("fb_exchange_token"))
        return graphError(100, {}, QStringLiteral("Invalid grant_type"));
    if (request.queryValue(QStringLiteral("client_id")) != m_options.appId)
        return graphError(101, {}, QStringLiteral("Error validating application. Invalid application ID."));
    if (m_options.appSecret.isEmpty() || request.queryValue(QStringLiteral("client_secret")) != QString::fromUtf8(m_options.appSecret))
        return graphError(1, {}, QStringLiteral("Error validating client secret."));
    if (m_failExchanges > 0) {
        --m_failExchanges;
        return graphError(2, {}, QStringLiteral("An unexpected error has occurred. Please retry your request later."));
    }
    const QString old = request.queryValue(QStringLiteral("fb_exchange_token"));
    if (!knownToken(old))
        return refuseToken(old);
    SandboxToken renewed = m_tokens.value(old);
    if (renewed.type != QLatin1String("USER"))
        return graphError(100, {}, QStringLiteral("(#100) fb_exchange_token must be a user access token"));
    const qint64 kLongLivedSecs = m_exchangedLifeSecs; // ~60 days by default, as Meta answers
    renewed.expiresAt = nowMs() / 1000 + kLongLivedSecs;
    const QString fresh = QStringLiteral("EAAS") + crypto::randomToken(48);
    m_tokens.insert(fresh, renewed);
    ++m_exchanges;
    return Reply::json(QJsonObject{{QStringLiteral("access_token"), fresh},
                                   {QStringLiteral("token_type"), QStringLiteral("bearer")},
                                   {QStringLiteral("expires_in"), kLongLivedSecs}});
}

QString Sandbox::bearer(const http::Request &request)
{
    const QByteArray header = request.header("authorization").trimmed();
    if (header.size() > 7 && header.left(7).toLower() == "bearer ")
        return QString::fromUtf8(header.mid(7).trimmed());
    return request.queryValue(QStringLiteral("access_token"));
}

Sandbox::Conversation Sandbox::conversation(const QString &phoneNumberId, const QString &waId, const QString &category)
{
    const QString key = pairKey(phoneNumberId, waId) + QLatin1Char('|') + category;
    const qint64 nowSecs = nowMs() / 1000;
    auto it = m_conversations.find(key);
    if (it == m_conversations.end() || it->expiresSecs <= nowSecs)
        it = m_conversations.insert(key, {QString::fromLatin1(crypto::randomBytes(16).toHex()), nowSecs + kServiceWindowMs / 1000});
    return *it;
}

QString Sandbox::storeMedia(const QString &phoneNumberId, const QByteArray &bytes, const QString &mimeType, const QString &filename)
{
    QString id;
    do
        id = randomDigits(16);
    while (m_ids.contains(id));
    m_ids.insert(id);
    Media media{id, phoneNumberId, bytes, mimeType, filename, crypto::randomToken(24)};
    m_mediaByToken.insert(media.downloadToken, id);
    m_media.insert(id, std::move(media));
    return id;
}

// Wamids are never handed out twice (nor equal to a media id).
QString Sandbox::uniqueWamid(const QString &waId, bool inbound)
{
    QString wamid;
    do
        wamid = newWamid(waId, inbound);
    while (m_ids.contains(wamid));
    m_ids.insert(wamid);
    return wamid;
}

qint64 Sandbox::nowMs() const
{
    return m_epochAtStartMs + m_clock.elapsed();
}

int Sandbox::delayMs(int baseMs) const
{
    if (m_options.delayScale <= 0)
        return 0;
    const double jitter = 0.8 + 0.4 * QRandomGenerator::global()->generateDouble();
    return int(baseMs * m_options.delayScale * jitter);
}

QString Sandbox::pairKey(const QString &phoneNumberId, const QString &waId)
{
    return phoneNumberId + QLatin1Char('|') + waId;
}

} // namespace puente::sandbox
