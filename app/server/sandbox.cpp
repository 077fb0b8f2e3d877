#include "sandbox.h"

#include "crypto/crypto.h"

#include <QDateTime>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>
#include <algorithm>
#include <cstdio>

Q_LOGGING_CATEGORY(lcSandbox, "puente.sandbox", QtInfoMsg)

namespace puente::server {

using StatusCode = QHttpServerResponse::StatusCode;

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
constexpr int kMaxTextLength = 4096;
constexpr int kSentMs = 300;
constexpr int kDeliveredMs = 1200;
constexpr int kReadMs = 4000;
constexpr int kCandidateAnswerMs = 3000;
constexpr int kWebhookTimeoutMs = 10000;

const QString kErrorHref = QStringLiteral("https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/");

QString str(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

// Meta's texts for the codes the Sandbox produces or tests inject.
struct ErrorText {
    int code;
    const char *title;
    const char *details;
};
constexpr ErrorText kErrorTexts[] = {
    {1, "An unknown error occurred", "An unknown error occurred"},
    {2, "Service temporarily unavailable", "Temporary issue due to downtime or overload."},
    {4, "Application request limit reached", "The app has reached its API call rate limit."},
    {100, "Invalid parameter", "Invalid parameter"},
    {80007, "Rate limit issues", "The WhatsApp Business Account has reached its rate limit."},
    {130429, "Rate limit hit", "Cloud API message throughput has been reached."},
    {131000, "Something went wrong", "Message failed to send due to an unknown error."},
    {131005, "Access denied", "Permission is either not granted or has been removed."},
    {131008, "Required parameter is missing", "A required parameter is missing."},
    {131009, "Parameter value is not valid", "One or more parameter values are invalid."},
    {131016, "Service unavailable", "A service is temporarily unavailable."},
    {131021, "Recipient cannot be sender", "Sender and recipient phone number is the same."},
    {131026, "Message undeliverable", "Unable to deliver message."},
    {131031, "Business Account locked", "The WhatsApp Business Account is restricted or disabled."},
    {131042, "Business eligibility payment issue", "There was an error related to your payment method."},
    {131047, "Re-engagement message",
     "Message failed to send because more than 24 hours have passed since the customer last replied to this number."},
    {131048, "Spam rate limit hit",
     "Message failed to send because there are restrictions on how many messages can be sent from this phone number."},
    {131049, "This message was not delivered to maintain healthy ecosystem engagement.",
     "In order to maintain a healthy ecosystem engagement, the message failed to be delivered."},
    {131053, "Media upload error", "Unable to upload the media used in the message."},
    {131056, "(Business Account, Consumer Account) pair rate limit hit",
     "Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period "
     "of time."},
    {132001, "Template name does not exist in the translation", "The template does not exist in this language."},
    {133010, "Account not registered", "The phone number is not registered on the WhatsApp Business Platform."},
};

const ErrorText *errorText(int code)
{
    for (const ErrorText &t : kErrorTexts)
        if (t.code == code)
            return &t;
    return nullptr;
}

QString errorTitle(int code)
{
    const ErrorText *t = errorText(code);
    return t ? str(t->title) : QStringLiteral("Error %1").arg(code);
}

// The HTTP status Meta answers with for a Graph error code.
StatusCode httpStatusFor(int code)
{
    switch (code) {
    case 190:
        return StatusCode::Unauthorized;
    case 4:
    case 80007:
    case 130429:
    case 131056:
        return StatusCode::TooManyRequests;
    case 1:
    case 2:
    case 131000:
        return StatusCode::InternalServerError;
    case 131016:
        return StatusCode::ServiceUnavailable;
    default:
        return StatusCode::BadRequest;
    }
}

// {"error":{message, type, code, error_data?, error_subcode?, is_transient?, fbtrace_id}}
QHttpServerResponse graphError(int code, const QString &details = {}, const QString &message = {}, int subcode = 0,
                               const QString &type = QStringLiteral("OAuthException"))
{
    QJsonObject error{{QStringLiteral("message"), message.isEmpty() ? QStringLiteral("(#%1) %2").arg(code).arg(errorTitle(code)) : message},
                      {QStringLiteral("type"), type},
                      {QStringLiteral("code"), code}};
    if (!details.isEmpty())
        error.insert(QStringLiteral("error_data"),
                     QJsonObject{{QStringLiteral("messaging_product"), QStringLiteral("whatsapp")}, {QStringLiteral("details"), details}});
    if (subcode)
        error.insert(QStringLiteral("error_subcode"), subcode);
    if (code == 1 || code == 2)
        error.insert(QStringLiteral("is_transient"), true);
    error.insert(QStringLiteral("fbtrace_id"), crypto::randomToken(17)); // 23 characters, like Meta's
    return QHttpServerResponse(QJsonObject{{QStringLiteral("error"), error}}, httpStatusFor(code));
}

QHttpServerResponse invalidToken()
{
    return graphError(190, {}, QStringLiteral("Invalid OAuth access token."));
}

QHttpServerResponse unknownObject(const QString &id, const QHttpServerRequest &request)
{
    const QString method = request.method() == QHttpServerRequest::Method::Get ? QStringLiteral("get") : QStringLiteral("post");
    return graphError(
        100, {},
        QStringLiteral(
            "Unsupported %1 request. Object with ID '%2' does not exist, cannot be loaded due to missing permissions, or does not support "
            "this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api")
            .arg(method, id),
        33, QStringLiteral("GraphMethodException"));
}

QHttpServerResponse invalidParameter(const QString &details)
{
    return graphError(100, details);
}

// The webhook form of an error: {code, title, message, error_data{details}, href}.
QJsonObject webhookError(int code, const QString &details)
{
    const ErrorText *t = errorText(code);
    const QString title = errorTitle(code);
    return {{QStringLiteral("code"), code},
            {QStringLiteral("title"), title},
            {QStringLiteral("message"), title},
            {QStringLiteral("error_data"),
             QJsonObject{{QStringLiteral("details"),
                          !details.isEmpty() ? details
                              : t            ? str(t->details)
                                             : title}}},
            {QStringLiteral("href"), kErrorHref}};
}

// Meta posts JSON with every non-ASCII character and '/' escaped
// ("\u00e9", "\/") and signs exactly those bytes: the receiver must verify
// the raw body, not a re-serialisation.
QByteArray metaJson(const QJsonObject &object)
{
    const QString text = QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
    QByteArray out;
    out.reserve(text.size() + text.size() / 8);
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u == u'/') {
            out += "\\/";
        } else if (u < 0x80) {
            out += char(u);
        } else {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", unsigned(u));
            out += escaped;
        }
    }
    return out;
}

QString unixSeconds(qint64 ms)
{
    return QString::number(ms / 1000);
}

bool isBsuid(const QString &id)
{
    static const QRegularExpression re(QStringLiteral("^[A-Z]{2}\\.[A-Za-z0-9]+$"));
    return re.match(id).hasMatch();
}

// The wa_id Meta answers for a `to`: the digits of a phone number, or the
// user id itself for a business-scoped user id. Empty when neither.
QString recipientFor(const QString &to)
{
    if (isBsuid(to))
        return to;
    static const QRegularExpression phone(QStringLiteral("^\\+?[0-9][0-9 ()\\-.]{5,24}$"));
    if (!phone.match(to).hasMatch())
        return {};
    QString digits;
    for (const QChar c : to)
        if (c.isDigit())
            digits += c;
    return digits;
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

struct FormPart {
    QString name;
    QString filename;
    QString contentType;
    QByteArray body;
};

// multipart/form-data (RFC 7578), enough for what HTTP clients send.
QList<FormPart> parseMultipart(const QByteArray &contentType, const QByteArray &body)
{
    QByteArray boundary;
    for (QByteArray param : contentType.split(';')) {
        param = param.trimmed();
        if (param.toLower().startsWith("boundary=")) {
            boundary = param.mid(9);
            if (boundary.size() >= 2 && boundary.startsWith('"') && boundary.endsWith('"'))
                boundary = boundary.mid(1, boundary.size() - 2);
        }
    }
    QList<FormPart> parts;
    if (boundary.isEmpty())
        return parts;
    const QByteArray delimiter = "--" + boundary;
    qsizetype pos = body.indexOf(delimiter);
    while (pos >= 0) {
        pos += delimiter.size();
        if (body.mid(pos, 2) != "\r\n")
            break; // "--": the closing delimiter
        pos += 2;
        const qsizetype headersEnd = body.indexOf("\r\n\r\n", pos);
        if (headersEnd < 0)
            break;
        const qsizetype next = body.indexOf("\r\n" + delimiter, headersEnd + 4);
        if (next < 0)
            break;
        FormPart part;
        for (const QByteArray &line : body.mid(pos, headersEnd - pos).split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon < 0)
                continue;
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            if (name == "content-type") {
                part.contentType = QString::fromUtf8(value);
            } else if (name == "content-disposition") {
                for (QByteArray param : value.split(';')) {
                    param = param.trimmed();
                    const qsizetype eq = param.indexOf('=');
                    if (eq < 0)
                        continue;
                    QByteArray v = param.mid(eq + 1).trimmed();
                    if (v.size() >= 2 && v.startsWith('"') && v.endsWith('"'))
                        v = v.mid(1, v.size() - 2);
                    const QByteArray key = param.left(eq).trimmed().toLower();
                    if (key == "name")
                        part.name = QString::fromUtf8(v);
                    else if (key == "filename")
                        part.filename = QString::fromUtf8(v);
                }
            }
        }
        part.body = body.mid(headersEnd + 4, next - headersEnd - 4);
        parts.append(std::move(part));
        pos = next + 2;
    }
    return parts;
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
    , m_http(std::make_unique<QHttpServer>())
    , m_network(new QNetworkAccessManager(this))
    , m_candidateTimer(new QTimer(this))
{
    m_clock.start();
    m_epochAtStartMs = QDateTime::currentMSecsSinceEpoch();
    m_candidateTimer->setInterval(std::max(1, m_options.candidateIntervalMs));
    connect(m_candidateTimer, &QTimer::timeout, this, &Sandbox::spawnCandidate);
    registerRoutes();
}

Sandbox::~Sandbox() = default;

Result<quint16> Sandbox::listen(const QHostAddress &address, quint16 port)
{
    const quint16 bound = m_http->listen(address, port);
    if (bound == 0)
        return makeError("listen_failed",
                         QStringLiteral("the sandbox cannot listen on %1:%2 (in use, or not allowed)").arg(address.toString()).arg(port));
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
    using Method = QHttpServerRequest::Method;
    const QString version = QLatin1Char('/') + QRegularExpression::escape(m_options.graphVersion);

    m_http->route(version + QStringLiteral("/<arg>/messages"), Method::Post,
                  [this](const QString &id, const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                      handleSend(id, request, std::move(responder));
                  });
    m_http->route(version + QStringLiteral("/<arg>/media"), Method::Post,
                  [this](const QString &id, const QHttpServerRequest &request) { return handleUpload(id, request); });
    m_http->route(version + QStringLiteral("/<arg>/message_templates"), Method::Get,
                  [this](const QString &id, const QHttpServerRequest &request) { return handleTemplates(id, request); });
    m_http->route(version + QStringLiteral("/<arg>"), Method::Get,
                  [this](const QString &id, const QHttpServerRequest &request) { return handleNode(id, request); });
    m_http->route(QStringLiteral("/media-download/<arg>"), Method::Get,
                  [this](const QString &token, const QHttpServerRequest &request) { return handleDownload(token, request); });
    m_http->setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        handleUnknown(request).write(std::move(responder));
    });
}

// --- Graph endpoints -------------------------------------------------------

void Sandbox::handleSend(const QString &phoneNumberId, const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
    if (!body.isEmpty())
        m_lastBody.insert(phoneNumberId, body);
    const bool markRead = body.value(QStringLiteral("status")).toString() == QLatin1String("read");
    const QString to = body.value(QStringLiteral("to")).toString();
    QString type = body.value(QStringLiteral("type")).toString();
    if (type.isEmpty() && !markRead && !body.contains(QStringLiteral("type")))
        type = QStringLiteral("text"); // Meta's default
    qint64 acceptedAt = -1;
    auto answer = [&](QHttpServerResponse &&response, const QString &wamid = {}) {
        m_log.append({phoneNumberId, to, markRead ? QStringLiteral("mark_read") : type, wamid, acceptedAt >= 0 ? acceptedAt : nowMs(),
                      int(response.statusCode())});
        response.write(std::move(responder));
    };

    const QString token = bearer(request);
    const SandboxNumber *from = number(phoneNumberId);
    if (!knownToken(token))
        return answer(invalidToken());
    if (!from || from->accessToken != token)
        return answer(unknownObject(phoneNumberId, request));

    if (markRead) {
        const QString messageId = body.value(QStringLiteral("message_id")).toString();
        if (body.value(QStringLiteral("messaging_product")).toString() != QLatin1String("whatsapp"))
            return answer(invalidParameter(QStringLiteral("The parameter messaging_product is required and must be \"whatsapp\".")));
        if (messageId.isEmpty())
            return answer(invalidParameter(QStringLiteral("The parameter message_id is required.")));
        return answer(QHttpServerResponse(QJsonObject{{QStringLiteral("success"), true}}));
    }

    QList<Injection> &injected = m_injections[phoneNumberId];
    if (!injected.isEmpty()) {
        const int code = injected.first().code;
        if (--injected.first().remaining <= 0)
            injected.removeFirst();
        if (code == -1 || code == -2) {
            m_log.append({phoneNumberId, to, type, {}, nowMs(), 0});
            if (code == -1)
                responder.socket()->abort();
            // -2: the responder goes out of scope unanswered; the client times out.
            return;
        }
        if (code == 190)
            return answer(invalidToken());
        return answer(graphError(code, errorText(code) ? str(errorText(code)->details) : QStringLiteral("Sandbox: injected failure")));
    }

    int code = 100;
    const QString problem = validateSend(body, &code);
    if (!problem.isEmpty())
        return answer(graphError(code, problem));

    acceptedAt = takeThroughput(phoneNumberId, from->throughputPerSecond);
    if (acceptedAt < 0)
        return answer(graphError(130429, str(errorText(130429)->details)));

    const QString recipient = recipientFor(to);
    const QString wamid = newWamid(recipient, false);
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
    answer(QHttpServerResponse(response), wamid);
    scheduleStatuses(sender, wamid, recipient, outcome, body.value(QStringLiteral("biz_opaque_callback_data")).toString());
}

QString Sandbox::validateSend(const QJsonObject &body, int *code) const
{
    *code = 100;
    if (body.value(QStringLiteral("messaging_product")).toString() != QLatin1String("whatsapp"))
        return QStringLiteral("The parameter messaging_product is required and must be \"whatsapp\".");
    const QString recipientType = body.value(QStringLiteral("recipient_type")).toString(QStringLiteral("individual"));
    if (recipientType != QLatin1String("individual") && recipientType != QLatin1String("group"))
        return QStringLiteral("Param recipient_type must be one of {individual, group}.");
    const QString to = body.value(QStringLiteral("to")).toString();
    if (to.isEmpty())
        return QStringLiteral("The parameter to is required.");
    if (recipientFor(to).isEmpty())
        return QStringLiteral("Param to must be a phone number with its country code or a business-scoped user id.");
    const QString type = body.value(QStringLiteral("type")).toString(QStringLiteral("text"));
    static const QStringList types
        = {QStringLiteral("text"),        QStringLiteral("image"),    QStringLiteral("video"),    QStringLiteral("audio"),
           QStringLiteral("document"),    QStringLiteral("sticker"),  QStringLiteral("location"), QStringLiteral("contacts"),
           QStringLiteral("interactive"), QStringLiteral("reaction"), QStringLiteral("template")};
    if (!types.contains(type))
        return QStringLiteral("Param type must be one of {%1}; got \"%2\".").arg(types.join(QStringLiteral(", ")), type);
    const QJsonValue objectValue = body.value(type);
    if (type == QLatin1String("contacts") ? !objectValue.isArray() : !objectValue.isObject())
        return QStringLiteral("The parameter %1 is required for messages of type %1.").arg(type);
    const QJsonObject object = objectValue.toObject();
    if (body.contains(QStringLiteral("context"))
        && body.value(QStringLiteral("context")).toObject().value(QStringLiteral("message_id")).toString().isEmpty())
        return QStringLiteral("Param context['message_id'] is required.");

    if (type == QLatin1String("text")) {
        const QString text = object.value(QStringLiteral("body")).toString();
        if (text.trimmed().isEmpty())
            return QStringLiteral("Param text['body'] is required and must not be empty.");
        if (text.size() > kMaxTextLength)
            return QStringLiteral("Param text['body'] must be at most %1 characters long; got %2.").arg(kMaxTextLength).arg(text.size());
    } else if (type == QLatin1String("image") || type == QLatin1String("video") || type == QLatin1String("audio")
               || type == QLatin1String("document") || type == QLatin1String("sticker")) {
        const bool hasId = !object.value(QStringLiteral("id")).toString().isEmpty();
        const QString link = object.value(QStringLiteral("link")).toString();
        if (hasId == !link.isEmpty())
            return QStringLiteral("Param %1 must have exactly one of 'id' or 'link'.").arg(type);
        if (!link.isEmpty()) {
            const QUrl url(link);
            if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) || url.host().isEmpty())
                return QStringLiteral("Param %1['link'] must be an http or https URL.").arg(type);
        }
        if (object.value(QStringLiteral("caption")).toString().size() > 1024)
            return QStringLiteral("Param %1['caption'] must be at most 1024 characters long.").arg(type);
    } else if (type == QLatin1String("location")) {
        for (const QString &key : {QStringLiteral("latitude"), QStringLiteral("longitude")}) {
            const QJsonValue v = object.value(key);
            bool ok = v.isDouble();
            if (v.isString())
                v.toString().toDouble(&ok);
            if (!ok)
                return QStringLiteral("Param location['%1'] is required and must be a number.").arg(key);
        }
    } else if (type == QLatin1String("contacts")) {
        const QJsonArray contacts = objectValue.toArray();
        if (contacts.isEmpty())
            return QStringLiteral("Param contacts must contain at least one contact.");
        for (qsizetype i = 0; i < contacts.size(); ++i)
            if (contacts.at(i)
                    .toObject()
                    .value(QStringLiteral("name"))
                    .toObject()
                    .value(QStringLiteral("formatted_name"))
                    .toString()
                    .isEmpty())
                return QStringLiteral("Param contacts[%1]['name']['formatted_name'] is required.").arg(i);
    } else if (type == QLatin1String("interactive")) {
        const QString kind = object.value(QStringLiteral("type")).toString();
        static const QStringList kinds = {QStringLiteral("button"),
                                          QStringLiteral("list"),
                                          QStringLiteral("cta_url"),
                                          QStringLiteral("flow"),
                                          QStringLiteral("product"),
                                          QStringLiteral("product_list"),
                                          QStringLiteral("location_request_message"),
                                          QStringLiteral("address_message"),
                                          QStringLiteral("call_permission_request")};
        if (!kinds.contains(kind))
            return QStringLiteral("Param interactive['type'] must be one of {%1}.").arg(kinds.join(QStringLiteral(", ")));
        if (!object.value(QStringLiteral("action")).isObject() && kind != QLatin1String("location_request_message"))
            return QStringLiteral("The parameter interactive['action'] is required.");
        const QJsonObject action = object.value(QStringLiteral("action")).toObject();
        if ((kind == QLatin1String("button") || kind == QLatin1String("list"))
            && object.value(QStringLiteral("body")).toObject().value(QStringLiteral("text")).toString().isEmpty())
            return QStringLiteral("The parameter interactive['body']['text'] is required.");
        if (kind == QLatin1String("button")) {
            const QJsonArray buttons = action.value(QStringLiteral("buttons")).toArray();
            if (buttons.isEmpty() || buttons.size() > 3)
                return QStringLiteral("Param interactive['action']['buttons'] must have 1 to 3 buttons.");
            QSet<QString> ids;
            for (const QJsonValue &b : buttons) {
                const QJsonObject reply = b.toObject().value(QStringLiteral("reply")).toObject();
                const QString id = reply.value(QStringLiteral("id")).toString();
                const QString title = reply.value(QStringLiteral("title")).toString();
                if (id.isEmpty() || title.isEmpty())
                    return QStringLiteral("Each button needs reply['id'] and reply['title'].");
                if (title.size() > 20)
                    return QStringLiteral("Button title length invalid. Should be at most 20 characters: \"%1\".").arg(title);
                if (ids.contains(id)) {
                    *code = 131009;
                    return QStringLiteral("Duplicate button id");
                }
                ids.insert(id);
            }
        } else if (kind == QLatin1String("list")) {
            const QString button = action.value(QStringLiteral("button")).toString();
            if (button.isEmpty() || button.size() > 20)
                return QStringLiteral("Param interactive['action']['button'] is required and must be at most 20 characters long.");
            const QJsonArray sections = action.value(QStringLiteral("sections")).toArray();
            qsizetype rows = 0;
            for (const QJsonValue &s : sections)
                rows += s.toObject().value(QStringLiteral("rows")).toArray().size();
            if (sections.isEmpty() || sections.size() > 10 || rows == 0 || rows > 10)
                return QStringLiteral("Param interactive['action']['sections'] must have 1 to 10 sections and 1 to 10 rows in total.");
        }
    } else if (type == QLatin1String("reaction")) {
        if (object.value(QStringLiteral("message_id")).toString().isEmpty())
            return QStringLiteral("Param reaction['message_id'] is required.");
    } else if (type == QLatin1String("template")) {
        if (object.value(QStringLiteral("name")).toString().isEmpty())
            return QStringLiteral("Param template['name'] is required.");
        if (object.value(QStringLiteral("language")).toObject().value(QStringLiteral("code")).toString().isEmpty())
            return QStringLiteral("Param template['language']['code'] is required.");
    }
    return {};
}

Sandbox::Outcome Sandbox::outcomeFor(const QString &phoneNumberId, const QString &waId, const QJsonObject &body) const
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

QHttpServerResponse Sandbox::handleUpload(const QString &phoneNumberId, const QHttpServerRequest &request)
{
    const QString token = bearer(request);
    const SandboxNumber *owner = number(phoneNumberId);
    if (!knownToken(token))
        return invalidToken();
    if (!owner || owner->accessToken != token)
        return unknownObject(phoneNumberId, request);
    const QByteArray contentType = request.value(QByteArrayLiteral("Content-Type"));
    if (!contentType.toLower().startsWith("multipart/form-data"))
        return invalidParameter(
            QStringLiteral("The request must be multipart/form-data with the fields file, type and messaging_product."));
    const QList<FormPart> parts = parseMultipart(contentType, request.body());
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
    return QHttpServerResponse(QJsonObject{{QStringLiteral("id"), id}});
}

QHttpServerResponse Sandbox::handleTemplates(const QString &wabaId, const QHttpServerRequest &request)
{
    const QString token = bearer(request);
    if (!knownToken(token))
        return invalidToken();
    bool allowed = false;
    for (const SandboxNumber &n : m_options.numbers)
        allowed = allowed || (n.wabaId == wabaId && n.accessToken == token);
    if (!allowed)
        return unknownObject(wabaId, request);

    const QUrlQuery query = request.query();
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
            url.setPath(request.url().path());
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
    return QHttpServerResponse(answer);
}

QJsonObject Sandbox::phoneNumberNode(const QString &phoneNumberId) const
{
    const SandboxNumber *n = number(phoneNumberId);
    if (!n)
        return {};
    const QString tier = QStringLiteral("TIER_1K");
    return QJsonObject{
        {QStringLiteral("id"), n->phoneNumberId},
        {QStringLiteral("verified_name"), n->verifiedName},
        {QStringLiteral("code_verification_status"), QStringLiteral("VERIFIED")},
        {QStringLiteral("display_phone_number"), formatDisplayNumber(n->displayPhoneNumber)},
        {QStringLiteral("quality_rating"), QStringLiteral("GREEN")},
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

QHttpServerResponse Sandbox::handleNode(const QString &id, const QHttpServerRequest &request)
{
    const QString token = bearer(request);
    if (!knownToken(token))
        return invalidToken();
    const QString fields = request.query().queryItemValue(QStringLiteral("fields"), QUrl::FullyDecoded);

    if (const SandboxNumber *n = number(id)) {
        if (n->accessToken != token)
            return unknownObject(id, request);
        const QJsonObject all = phoneNumberNode(id);
        if (fields.isEmpty()) {
            QJsonObject answer;
            for (const char *key : {"id", "verified_name", "code_verification_status", "display_phone_number", "quality_rating",
                                    "platform_type", "throughput", "webhook_configuration", "status"})
                answer.insert(QLatin1String(key), all.value(QLatin1String(key)));
            return QHttpServerResponse(answer);
        }
        for (const QString &f : fields.split(QLatin1Char(','), Qt::SkipEmptyParts))
            if (!all.contains(f.trimmed()))
                return graphError(100, {},
                                  QStringLiteral("(#100) Tried accessing nonexisting field (%1) on node type (WhatsAppBusinessPhoneNumber)")
                                      .arg(f.trimmed()));
        return QHttpServerResponse(onlyFields(all, fields));
    }

    if (m_media.contains(id)) {
        const Media &media = m_media[id];
        const SandboxNumber *owner = number(media.phoneNumberId);
        if (!owner || owner->accessToken != token)
            return unknownObject(id, request);
        const QString onlyFor = request.query().queryItemValue(QStringLiteral("phone_number_id"));
        if (!onlyFor.isEmpty() && onlyFor != media.phoneNumberId)
            return invalidParameter(QStringLiteral("Param phone_number_id does not match the phone number the media belongs to."));
        QUrl url = baseUrl();
        url.setPath(QStringLiteral("/media-download/") + media.downloadToken);
        return QHttpServerResponse(QJsonObject{{QStringLiteral("messaging_product"), QStringLiteral("whatsapp")},
                                               {QStringLiteral("url"), url.toString()},
                                               {QStringLiteral("mime_type"), media.mimeType},
                                               {QStringLiteral("sha256"), QString::fromLatin1(crypto::sha256(media.bytes).toHex())},
                                               {QStringLiteral("file_size"), qint64(media.bytes.size())},
                                               {QStringLiteral("id"), media.id}});
    }
    return unknownObject(id, request);
}

QHttpServerResponse Sandbox::handleDownload(const QString &token, const QHttpServerRequest &request)
{
    const auto it = m_mediaByToken.constFind(token);
    if (it == m_mediaByToken.constEnd() || !m_media.contains(*it))
        return QHttpServerResponse(QByteArrayLiteral("text/plain"), QByteArrayLiteral("URL signature mismatch or expired"),
                                   StatusCode::NotFound);
    const Media &media = m_media[*it];
    const SandboxNumber *owner = number(media.phoneNumberId);
    if (!owner || bearer(request) != owner->accessToken)
        return invalidToken();
    return QHttpServerResponse(media.mimeType.toUtf8(), media.bytes);
}

QHttpServerResponse Sandbox::handleUnknown(const QHttpServerRequest &request)
{
    const QString path = request.url().path();
    const QString prefix = QLatin1Char('/') + m_options.graphVersion + QLatin1Char('/');
    if (path.startsWith(prefix)) {
        if (!knownToken(bearer(request)))
            return invalidToken();
        return unknownObject(path.mid(prefix.size()).section(QLatin1Char('/'), 0, 0), request);
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
    m_lastInboundMs.insert(pairKey(phoneNumberId, waId), nowMs());
    const QJsonObject message{{QStringLiteral("from"), waId},
                              {QStringLiteral("id"), newWamid(waId, true)},
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
    m_lastInboundMs.insert(pairKey(phoneNumberId, waId), nowMs());
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
                              {QStringLiteral("id"), newWamid(waId, true)},
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
    else
        job->steps = {{QStringLiteral("sent"), kSentMs}, {QStringLiteral("delivered"), kDeliveredMs}, {QStringLiteral("read"), kReadMs}};
    runStatusStep(job, 0);
}

void Sandbox::runStatusStep(std::shared_ptr<StatusJob> job, int step)
{
    if (step >= job->steps.size()) {
        if (job->outcome.candidateAnswers)
            candidateAnswers(job->from.phoneNumberId, job->recipient);
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

QJsonObject Sandbox::envelope(const SandboxNumber &number, const QJsonObject &value) const
{
    const QJsonObject change{{QStringLiteral("value"), value}, {QStringLiteral("field"), QStringLiteral("messages")}};
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
    if (token.isEmpty())
        return false;
    for (const SandboxNumber &n : m_options.numbers)
        if (n.accessToken == token)
            return true;
    return false;
}

QString Sandbox::bearer(const QHttpServerRequest &request)
{
    const QByteArray header = request.value(QByteArrayLiteral("Authorization")).trimmed();
    if (header.size() > 7 && header.left(7).toLower() == "bearer ")
        return QString::fromUtf8(header.mid(7).trimmed());
    return request.query().queryItemValue(QStringLiteral("access_token"), QUrl::FullyDecoded);
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

// Meta's wamids are base64 of a small binary record holding the user's
// number and a message key; the Sandbox builds them the same way.
QString Sandbox::newWamid(const QString &waId, bool inbound)
{
    QString wamid;
    do {
        const QByteArray user = waId.toLatin1().left(120);
        QByteArray raw;
        raw += char(0x1C);
        raw += char(0x18);
        raw += char(user.size());
        raw += user;
        raw += char(0x15);
        raw += char(0x02);
        raw += char(0x00);
        if (inbound) {
            raw += char(0x12);
            raw += char(0x18);
            raw += char(0x14);
            raw += "3A" + crypto::randomBytes(9).toHex().toUpper();
        } else {
            raw += char(0x11);
            raw += char(0x18);
            raw += char(0x12);
            raw += crypto::randomBytes(9).toHex().toUpper();
        }
        raw += char(0x00);
        wamid = QStringLiteral("wamid.") + QString::fromLatin1(raw.toBase64());
    } while (m_ids.contains(wamid));
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

} // namespace puente::server
