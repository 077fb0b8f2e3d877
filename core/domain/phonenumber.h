#pragma once

#include "common/result.h"

#include <QString>

namespace puente {

// Phone numbers through libphonenumber. `defaultRegion` ("ES", "MX", "US")
// applies to numbers written without a country code; "+34 612 34 56 78",
// "0034612345678" and "612 345 678" with region ES all give "+34612345678".
// Error invalid_phone_number, with a message that says what is wrong.
Result<QString> normalizePhoneNumber(const QString &input, const QString &defaultRegion = {});

// Whether libphonenumber knows the region ("ES", "MX": ISO 3166 alpha-2).
bool isKnownPhoneRegion(const QString &region);

// The one form a person is known by, whichever way the number was written:
// the digits of a wa_id or E.164 number ("+" dropped), with WhatsApp's two
// national quirks evened out. Mexico: WhatsApp's wa_id is 521 + ten digits
// where the number is +52 + ten (libphonenumber's E.164 drops the 1): the
// key is 52 + ten. Argentina: the wa_id is 549 + ten digits for mobiles
// written +54 9 … or, often, +54 … (which libphonenumber reads as a landline):
// the key is 549 + ten. Anything else: its digits as given.
QString contactKey(const QString &number);
// The same quirks for the start of a number being typed (a search):
// "52181…" → "5281…", "5411…" → "54911…", judged from the prefix alone.
QString contactKeyPrefix(const QString &digits);

// "+34 612 34 56 78" for "+34612345678" (or a WhatsApp wa_id of digits);
// the input unchanged when it is not a number libphonenumber can parse.
QString formatPhoneNumberForDisplay(const QString &number);

} // namespace puente
