#pragma once

#include "http/message.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

// Meta's error catalogue as the Sandbox answers it: Graph errors with the
// HTTP status Meta uses for each code, and the webhook form of an error.
namespace puente::sandbox {

// Meta's title for a code ("Re-engagement message"), or "Error N".
QString errorTitle(int code);
// Meta's longer explanation of a code, empty when the Sandbox has none.
QString errorDetails(int code);
// The HTTP status Meta answers with for a Graph error code (401 for 190,
// 429 for rate limits, 500/503 for transient ones, 400 otherwise).
int httpStatusFor(int code);

// {"error":{message, type, code, error_data?, error_subcode?, is_transient?, fbtrace_id}}
http::Reply graphError(int code, const QString &details = {}, const QString &message = {}, int subcode = 0,
                       const QString &type = QStringLiteral("OAuthException"));
http::Reply invalidToken();
// Meta's answer for an id that does not exist or is not the caller's.
http::Reply unknownObject(const QString &id, http::Method method);
http::Reply invalidParameter(const QString &details);

// The webhook form of an error: {code, title, message, error_data{details}, href}.
QJsonObject webhookError(int code, const QString &details);

// Meta posts JSON with every non-ASCII character and '/' escaped ("\u00e9",
// "\/") and signs exactly those bytes: the receiver must verify the raw
// body, not a re-serialisation.
QByteArray metaJson(const QJsonObject &object);

} // namespace puente::sandbox
