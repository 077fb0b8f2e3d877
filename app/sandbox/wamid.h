#pragma once

#include <QString>

namespace puente::sandbox {

// A message id shaped like Meta's: "wamid." and base64 of a small binary
// record holding the user's number and a random message key (inbound ones
// carry the "3A" key prefix WhatsApp clients use).
QString newWamid(const QString &waId, bool inbound);

// A business-scoped user id ("US.13491208655302741918").
bool isBsuid(const QString &id);
// The wa_id Meta answers for a `to`: the digits of a phone number, or the
// user id itself for a business-scoped user id. Empty when neither.
QString recipientFor(const QString &to);

} // namespace puente::sandbox
