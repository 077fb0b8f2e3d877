#include "sandbox/metaerrors.h"

#include "crypto/crypto.h"

#include <QJsonDocument>

#include <cstdio>

namespace puente::sandbox {

namespace {

const QString kErrorHref = QStringLiteral("https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/");

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

} // namespace

QString errorTitle(int code)
{
    const ErrorText *t = errorText(code);
    return t ? QString::fromLatin1(t->title) : QStringLiteral("Error %1").arg(code);
}

QString errorDetails(int code)
{
    const ErrorText *t = errorText(code);
    return t ? QString::fromLatin1(t->details) : QString();
}

int httpStatusFor(int code)
{
    switch (code) {
    case 190:
        return 401;
    case 4:
    case 80007:
    case 130429:
    case 131056:
        return 429;
    case 1:
    case 2:
    case 131000:
        return 500;
    case 131016:
        return 503;
    default:
        return 400;
    }
}

http::Reply graphError(int code, const QString &details, const QString &message, int subcode, const QString &type)
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
    return http::Reply::json(QJsonObject{{QStringLiteral("error"), error}}, httpStatusFor(code));
}

http::Reply invalidToken()
{
    return graphError(190, {}, QStringLiteral("Invalid OAuth access token."));
}

http::Reply unknownObject(const QString &id, http::Method method)
{
    return graphError(
        100, {},
        QStringLiteral(
            "Unsupported %1 request. Object with ID '%2' does not exist, cannot be loaded due to missing permissions, or does not support "
            "this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api")
            .arg(method == http::Method::Get ? QStringLiteral("get") : QStringLiteral("post"), id),
        33, QStringLiteral("GraphMethodException"));
}

http::Reply invalidParameter(const QString &details)
{
    return graphError(100, details);
}

QJsonObject webhookError(int code, const QString &details)
{
    const QString title = errorTitle(code);
    const QString known = errorDetails(code);
    return {{QStringLiteral("code"), code},
            {QStringLiteral("title"), title},
            {QStringLiteral("message"), title},
            {QStringLiteral("error_data"), QJsonObject{{QStringLiteral("details"), !details.isEmpty() ? details : !known.isEmpty() ? known : title}}},
            {QStringLiteral("href"), kErrorHref}};
}

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

} // namespace puente::sandbox
