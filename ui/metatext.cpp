#include "metatext.h"

#include <QDateTime>
#include <QLocale>
#include <QRegularExpression>

namespace puente::ui {

QString MetaText::qualityHtml(const QString &rating)
{
    QString colour = QStringLiteral("#80868b");
    QString words = tr("Not rated yet");
    if (rating == QLatin1String("GREEN")) {
        colour = QStringLiteral("#1e8e3e");
        words = tr("High (green)");
    } else if (rating == QLatin1String("YELLOW")) {
        colour = QStringLiteral("#e37400");
        words = tr("Medium (yellow)");
    } else if (rating == QLatin1String("RED")) {
        colour = QStringLiteral("#d93025");
        words = tr("Low (red)");
    }
    return QStringLiteral("<span style=\"color:%1\">&#9679;</span> %2").arg(colour, words.toHtmlEscaped());
}

QString MetaText::messagingLimitText(const QString &tier)
{
    if (tier.isEmpty())
        return tr("Meta did not say");
    if (tier == QLatin1String("TIER_UNLIMITED"))
        return tr("Unlimited");
    static const QRegularExpression re(QStringLiteral("^TIER_([0-9]+)(K?)$"));
    const auto m = re.match(tier);
    if (!m.hasMatch())
        return tier;
    const qint64 count = m.captured(1).toLongLong() * (m.captured(2).isEmpty() ? 1 : 1000);
    return tr("%1 customers every 24 hours").arg(QLocale().toString(count));
}

QString MetaText::failureAdvice(int code)
{
    const QString known = knownFailure(code);
    return !known.isEmpty()
        ? known
        : tr("Look up Meta's error code %1 in the Cloud API documentation, or give the code to whoever set up WhatsApp.").arg(code);
}

QString MetaText::knownFailure(int code)
{
    switch (code) {
    case 190: return tr("Meta refused the access token. Paste a new one under WhatsApp → Configure (a System User token does not expire).");
    case 4:
    case 80007:
    case 130429: return tr("Meta limited how fast this number sends. Puente slows down and retries by itself; if it happens every day, spread "
                           "campaigns over more time.");
    case 131056: return tr("Too many messages to the same person in a short time. Wait a few seconds between messages to one contact.");
    case 131048: return tr("Meta is limiting this number because people blocked or reported it. Send fewer unsolicited messages.");
    case 131026: return tr("The number cannot receive WhatsApp messages (not on WhatsApp, an old app, or it has not accepted the new terms). "
                           "Reach the candidate another way.");
    case 131030: return tr("A test number can only write to the numbers on its allowed list in Meta's app. Add the number there or use the "
                           "production number.");
    case 131047: return tr("More than 24 hours since the candidate last wrote: send an approved template instead of free text.");
    case 131049: return tr("Meta held back this marketing message to protect the person's experience. Try again after 24 hours, or use a "
                           "utility template.");
    case 131050: return tr("The person has stopped marketing messages from your company.");
    case 131042: return tr("There is a billing problem with the WhatsApp Business account. Check the payment method in Meta Business Suite.");
    case 131031:
    case 368: return tr("Meta has restricted or locked the account for a policy reason. Check Account quality in WhatsApp Manager.");
    case 131052:
    case 131053: return tr("The file could not be sent. Check its type and size (images up to 5 MB, videos and audio up to 16 MB, documents up "
                           "to 100 MB).");
    case 131016:
    case 131000: return tr("A temporary problem at Meta. Retry later; if it keeps happening, contact Meta support.");
    case 131008:
    case 131009:
    case 132000:
    case 132008:
    case 132012: return tr("The template's parameters do not match what Meta approved. Check the template's placeholders and sync templates.");
    case 132001: return tr("The template does not exist in that language or is not approved yet. Sync templates and check its status.");
    case 132007: return tr("The template content breaks WhatsApp's policies. Edit it in WhatsApp Manager.");
    case 132015:
    case 132016: return tr("The template is paused or disabled because of low quality. Check it in WhatsApp Manager and use another one.");
    case 133010: return tr("The phone number is not registered with the Cloud API. Register it in WhatsApp Manager, then test the connection.");
    case 0: return tr("Puente could not confirm the send. Check the conversation and retry the message if it did not arrive.");
    default: break;
    }
    return {};
}

QString MetaText::ago(qint64 ms)
{
    if (ms <= 0)
        return tr("never");
    const qint64 seconds = std::max<qint64>(0, (QDateTime::currentMSecsSinceEpoch() - ms) / 1000);
    if (seconds < 60)
        return tr("just now");
    if (seconds < 3600)
        return tr("%n minute(s) ago", nullptr, int(seconds / 60));
    if (seconds < 48 * 3600)
        return tr("%n hour(s) ago", nullptr, int(seconds / 3600));
    return tr("%n day(s) ago", nullptr, int(seconds / 86400));
}

MetaText::TokenLine MetaText::tokenLine(const protocol::AccessTokenInfo &token, qint64 nowMs)
{
    TokenLine line;
    const QString systemUserHowTo = tr("A System User token never expires: in Meta Business Suite, Business settings → Users → System "
                                       "users → Generate new token, with whatsapp_business_messaging and whatsapp_business_management.");
    if (token.problem) {
        line.ok = false;
        line.text = tr("Meta does not accept the access token: %1").arg(*token.problem);
        line.advice = systemUserHowTo;
        return line;
    }
    if (!token.checkedAt)
        return line;
    const QString type = token.type.value_or(QString());
    if (token.neverExpires) {
        line.text = type == QLatin1String("SYSTEM_USER") ? tr("System User token: it never expires.") : tr("The access token never expires.");
    } else if (token.expiresAt) {
        const qint64 left = *token.expiresAt - nowMs;
        const int days = int((left + 86'400'000 - 1) / 86'400'000);
        const QString date = QLocale().toString(QDateTime::fromMSecsSinceEpoch(*token.expiresAt).date(), QLocale::LongFormat);
        line.text = left < 86'400'000 ? tr("The access token expires in less than a day (%1).").arg(date)
                                      : tr("The access token expires in %n day(s) (%1).", nullptr, days).arg(date);
        if (token.renewable) {
            line.text += QLatin1Char(' ') + tr("Puente renews it before then.");
        } else if (left < 14LL * 86'400'000) {
            line.ok = false;
            line.advice = tr("Paste a new token before then, or give your app ID and app secret so that Puente renews it. %1")
                              .arg(systemUserHowTo);
        }
    }
    if (token.renewalError) {
        line.ok = false;
        line.text += QLatin1Char(' ') + tr("The last renewal failed: %1").arg(*token.renewalError);
        line.advice = tr("Puente tries again tomorrow; check the app ID and app secret. %1").arg(systemUserHowTo);
    }
    return line;
}

} // namespace puente::ui
