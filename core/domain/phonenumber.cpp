#include "domain/phonenumber.h"

#include <QHash>
#include <QReadWriteLock>

#include <optional>

#include <phonenumbers/phonenumberutil.h>

namespace puente {

namespace {
using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

// Display forms already made, shared by every thread: every conversation
// row shown or sent as an event is formatted, mostly the same few numbers
// again, and libphonenumber's parse (regular expressions) was 6 % of the
// inbound processor's time. A number normalised for a new contact is put
// here at once, so its row is not parsed a second time. Emptied when large.
struct DisplayCache {
    QReadWriteLock lock;
    QHash<QString, QString> forms;

    std::optional<QString> find(const QString &number)
    {
        QReadLocker read(&lock);
        if (const auto hit = forms.constFind(number); hit != forms.cend())
            return *hit;
        return std::nullopt;
    }
    void insert(const QString &number, const QString &formatted)
    {
        QWriteLocker write(&lock);
        if (forms.size() >= 16384)
            forms.clear();
        forms.insert(number, formatted);
    }
};
DisplayCache &displayCache()
{
    static DisplayCache cache;
    return cache;
}
} // namespace

Result<QString> normalizePhoneNumber(const QString &input, const QString &defaultRegion)
{
    const QString trimmed = input.trimmed();
    if (trimmed.isEmpty())
        return makeError("invalid_phone_number", QStringLiteral("enter a phone number, with its country code (for example +34 612 345 678)"));
    if (trimmed.size() > 40)
        return makeError("invalid_phone_number", QStringLiteral("that is too long to be a phone number"));
    const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    const std::string region = defaultRegion.isEmpty() ? std::string("ZZ") : defaultRegion.toUpper().toStdString();
    const auto parsed = util->Parse(trimmed.toStdString(), region, &number);
    if (parsed == PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR)
        return makeError("invalid_phone_number", QStringLiteral("\"%1\" has no valid country code; write it with + and the country code "
                                                                "(for example +34 612 345 678)").arg(trimmed));
    if (parsed != PhoneNumberUtil::NO_PARSING_ERROR)
        return makeError("invalid_phone_number", QStringLiteral("\"%1\" is not a phone number").arg(trimmed));
    if (!util->IsValidNumber(number))
        return makeError("invalid_phone_number", QStringLiteral("\"%1\" is not a valid number for its country; check the digits").arg(trimmed));
    std::string e164, international;
    util->Format(number, PhoneNumberUtil::E164, &e164);
    util->Format(number, PhoneNumberUtil::INTERNATIONAL, &international);
    const QString normalized = QString::fromStdString(e164);
    displayCache().insert(normalized, QString::fromStdString(international));
    return normalized;
}

bool isKnownPhoneRegion(const QString &region)
{
    return region.size() == 2 && PhoneNumberUtil::GetInstance()->GetCountryCodeForRegion(region.toUpper().toStdString()) != 0;
}

QString formatPhoneNumberForDisplay(const QString &number)
{
    if (number.isEmpty())
        return number;
    if (auto hit = displayCache().find(number))
        return *hit;
    const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();
    PhoneNumber parsed;
    const QString withPlus = number.startsWith(QLatin1Char('+')) ? number : QLatin1Char('+') + number;
    QString formatted = number;
    if (util->Parse(withPlus.toStdString(), "ZZ", &parsed) == PhoneNumberUtil::NO_PARSING_ERROR) {
        std::string out;
        util->Format(parsed, PhoneNumberUtil::INTERNATIONAL, &out);
        formatted = QString::fromStdString(out);
    }
    displayCache().insert(number, formatted);
    return formatted;
}

QString contactKey(const QString &number)
{
    const QString digits = number.startsWith(QLatin1Char('+')) ? number.mid(1) : number;
    if (digits.size() == 13 && digits.startsWith(QLatin1String("521")))
        return QStringLiteral("52") + digits.mid(3);
    if (digits.size() == 12 && digits.startsWith(QLatin1String("54")) && digits.at(2) != QLatin1Char('9'))
        return QStringLiteral("549") + digits.mid(2);
    return digits;
}

QString contactKeyPrefix(const QString &digits)
{
    if (digits.startsWith(QLatin1String("521")))
        return QStringLiteral("52") + digits.mid(3);
    if (digits.size() >= 3 && digits.startsWith(QLatin1String("54")) && digits.at(2) != QLatin1Char('9'))
        return QStringLiteral("549") + digits.mid(2);
    return digits;
}

} // namespace puente
