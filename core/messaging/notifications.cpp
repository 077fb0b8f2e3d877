#include "messaging/notifications.h"

#include "crypto/crypto.h"
#include "domain/phonenumber.h"
#include "messaging/conversations.h"
#include "messaging/rows.h"
#include "meta/graphclient.h"
#include "protocol/templatetext.h"
#include "protocol/text.h"
#include "secrets/sealedcolumns.h"
#include "storage/database.h"
#include "storage/groupcommit.h"
#include "storage/sql.h"

#include <QHostAddress>
#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

namespace puente {

using protocol::NotificationStatus;

namespace notify {

bool validEventName(const QString &event)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z][a-z0-9_.]{2,63}$"));
    return pattern.match(event).hasMatch();
}

const QStringList &knownEvents()
{
    static const QStringList events = {QStringLiteral("application_received"), QStringLiteral("interview_scheduled"),
                                       QStringLiteral("interview_reminder"),   QStringLiteral("interview_cancelled"),
                                       QStringLiteral("offer_sent"),           QStringLiteral("application_rejected")};
    return events;
}

namespace {
int minutesOf(const QDateTime &local)
{
    return local.time().hour() * 60 + local.time().minute();
}
} // namespace

bool inQuietHours(qint64 atMs, const QuietHours &q)
{
    if (!q.enabled || q.start == q.end)
        return false;
    const int m = minutesOf(QDateTime::fromMSecsSinceEpoch(atMs, q.zone));
    return q.start < q.end ? (m >= q.start && m < q.end) : (m >= q.start || m < q.end);
}

qint64 dueAt(qint64 nowMs, std::optional<qint64> sendAtMs, const QuietHours &q, bool ruleKeepsQuietHours)
{
    const qint64 t = std::max(nowMs, sendAtMs.value_or(nowMs));
    if (!ruleKeepsQuietHours || !inQuietHours(t, q))
        return t;
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(t, q.zone);
    QDate day = local.date();
    // Past the start of an overnight window: it ends tomorrow morning.
    if (q.start > q.end && minutesOf(local) >= q.start)
        day = day.addDays(1);
    const QDateTime end(day, QTime(q.end / 60, q.end % 60), q.zone);
    return std::max(t, end.toMSecsSinceEpoch());
}

std::optional<qint64> parseTime(const QJsonValue &value, const QTimeZone &zone)
{
    if (value.isDouble()) {
        const double v = value.toDouble();
        if (v < 0 || v > 32503680000000.0) // year 3000
            return std::nullopt;
        return qint64(v);
    }
    if (!value.isString())
        return std::nullopt;
    const QString s = value.toString().trimmed();
    if (s.isEmpty())
        return std::nullopt;
    static const QRegularExpression dateOnly(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    if (dateOnly.match(s).hasMatch()) {
        const QDate d = QDate::fromString(s, Qt::ISODate);
        if (!d.isValid())
            return std::nullopt;
        return QDateTime(d, QTime(0, 0), zone).toMSecsSinceEpoch();
    }
    QDateTime dt = QDateTime::fromString(s, Qt::ISODateWithMs);
    if (!dt.isValid())
        return std::nullopt;
    static const QRegularExpression hasOffset(QStringLiteral("(Z|[+-]\\d{2}:?\\d{2})$"));
    if (!hasOffset.match(s).hasMatch())
        dt = QDateTime(dt.date(), dt.time(), zone); // a wall-clock time in the tenant's zone
    return dt.toMSecsSinceEpoch();
}

QString formatTime(qint64 atMs, const QString &kind, const QTimeZone &zone, const QString &language)
{
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(atMs, zone);
    const bool en = language == QLatin1String("en");
    const QLocale locale = en ? QLocale(QLocale::English, QLocale::UnitedStates) : QLocale(QLocale::Spanish, QLocale::Spain);
    const QString date = locale.toString(local.date(), en ? QStringLiteral("dddd, MMMM d") : QStringLiteral("dddd d 'de' MMMM"));
    const QString time = locale.toString(local.time(), en ? QStringLiteral("h:mm AP") : QStringLiteral("HH:mm"));
    if (kind == QLatin1String("date"))
        return date;
    if (kind == QLatin1String("time"))
        return time;
    return date + QStringLiteral(", ") + time;
}

QString foldKeyword(const QString &text)
{
    QString folded = rows::foldForSearch(text);
    // "¡STOP!", "baja." : punctuation around the word does not matter.
    while (!folded.isEmpty() && !folded.front().isLetterOrNumber())
        folded.remove(0, 1);
    while (!folded.isEmpty() && !folded.back().isLetterOrNumber())
        folded.chop(1);
    return folded;
}

StatusCounters &counters()
{
    static StatusCounters c{};
    return c;
}

namespace {

const QStringList kSources = {QStringLiteral("data"), QStringLiteral("text"), QStringLiteral("date"), QStringLiteral("time"),
                              QStringLiteral("datetime")};

// "data.candidate.first_name" or "candidate.first_name" → the value, as text.
std::optional<QString> lookup(const QJsonObject &data, const QString &path)
{
    QString p = path.trimmed();
    if (p.startsWith(QLatin1String("data.")))
        p = p.mid(5);
    QJsonValue at(data);
    for (const QString &segment : p.split(QLatin1Char('.'))) {
        if (at.isObject())
            at = at.toObject().value(segment);
        else if (at.isArray()) {
            bool ok = false;
            const int i = segment.toInt(&ok);
            if (!ok || i < 0 || i >= at.toArray().size())
                return std::nullopt;
            at = at.toArray().at(i);
        } else
            return std::nullopt;
    }
    if (at.isString())
        return at.toString().trimmed().isEmpty() ? std::nullopt : std::optional<QString>(at.toString());
    if (at.isDouble())
        return at.toVariant().toString();
    if (at.isBool())
        return at.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return std::nullopt;
}

QString dataPath(const QString &path)
{
    return path.startsWith(QLatin1String("data.")) ? path : QStringLiteral("data.") + path;
}

// Meta refuses text parameters with line breaks, tabs or more than four
// spaces in a row.
QString parameterText(const QString &value)
{
    QString v = value;
    v.replace(QLatin1Char('\t'), QLatin1Char(' ')).replace(QLatin1Char('\r'), QLatin1Char(' ')).replace(QLatin1Char('\n'), QLatin1Char(' '));
    static const QRegularExpression spaces(QStringLiteral(" {4,}"));
    v.replace(spaces, QStringLiteral("   "));
    return v.trimmed().left(1024);
}

Result<QString> resolve(const protocol::ParameterSource &source, const QJsonObject &data, const QTimeZone &zone, const QString &language,
                        QString *field)
{
    if (source.source == QLatin1String("text"))
        return source.value;
    const auto value = lookup(data, source.value);
    if (!value) {
        *field = dataPath(source.value);
        return makeError("missing_data", QStringLiteral("the event's data has no value at %1").arg(dataPath(source.value)));
    }
    if (source.source == QLatin1String("data"))
        return *value;
    std::optional<qint64> at = parseTime(QJsonValue(*value), zone);
    bool isNumber = false;
    const qint64 n = value->toLongLong(&isNumber);
    if (isNumber)
        at = n < 100'000'000'000LL ? n * 1000 : n; // Unix seconds or milliseconds
    if (!at) {
        *field = dataPath(source.value);
        return makeError("missing_data", QStringLiteral("%1 is not a date and time (give ISO 8601, such as 2026-12-10T10:00:00+01:00)")
                                             .arg(dataPath(source.value)));
    }
    return formatTime(*at, source.source, zone, language);
}

QString headerFormat(const QJsonArray &components)
{
    return protocol::templatetext::parts(components).headerFormat;
}

bool mediaHeader(const QString &format)
{
    return format == QLatin1String("IMAGE") || format == QLatin1String("VIDEO") || format == QLatin1String("DOCUMENT");
}

// The template's buttons that take a parameter: URL buttons with a
// placeholder in their URL (required) and quick replies (optional payload).
struct ButtonSlot {
    int index;
    QString type; // URL or QUICK_REPLY
    bool required;
};
QList<ButtonSlot> buttonSlots(const QJsonArray &components)
{
    QList<ButtonSlot> out;
    const auto parts = protocol::templatetext::parts(components);
    for (int i = 0; i < parts.buttons.size(); ++i) {
        const auto &b = parts.buttons.at(i);
        const QString type = b.type.toUpper();
        if (type == QLatin1String("URL") && protocol::templatetext::placeholderCount(b.url) > 0)
            out.append({i, type, true});
        else if (type == QLatin1String("QUICK_REPLY"))
            out.append({i, type, false});
    }
    return out;
}

} // namespace

QString brokenReason(const protocol::NotificationRule &rule, const std::optional<QString> &status, const QJsonArray &components)
{
    if (!status)
        return QStringLiteral("the template %1 (%2) no longer exists at Meta; pick another template").arg(rule.templateName, rule.language);
    if (*status != QLatin1String("APPROVED"))
        return QStringLiteral("the template %1 (%2) is %3 at Meta; only approved templates can be sent").arg(rule.templateName, rule.language,
                                                                                                           status->toLower());
    const protocol::TemplateParameters p = protocol::templatetext::parameters(components);
    const QString format = headerFormat(components);
    const int headerWanted = mediaHeader(format) ? 1 : int(p.header);
    if (rule.header.size() != headerWanted)
        return QStringLiteral("the template's header takes %1 parameter(s) and the rule gives %2").arg(headerWanted).arg(rule.header.size());
    if (rule.body.size() != p.body)
        return QStringLiteral("the template's body takes %1 parameter(s) and the rule gives %2").arg(p.body).arg(rule.body.size());
    const QList<ButtonSlot> slots_ = buttonSlots(components);
    for (const ButtonSlot &slot : slots_) {
        const bool given = std::any_of(rule.buttons.begin(), rule.buttons.end(), [&](const auto &b) { return b.index == slot.index; });
        if (slot.required && !given)
            return QStringLiteral("the template's button %1 needs the end of its URL").arg(slot.index + 1);
    }
    for (const protocol::ButtonParameter &b : rule.buttons)
        if (std::none_of(slots_.begin(), slots_.end(), [&](const ButtonSlot &s) { return s.index == b.index; }))
            return QStringLiteral("the template has no button %1 that takes a parameter").arg(b.index + 1);
    return {};
}

Result<Rendered> render(const protocol::NotificationRule &rule, const QJsonArray &templateComponents, const QJsonObject &data,
                        const QTimeZone &zone, const QString &language, QString *field)
{
    QString ignored;
    if (!field)
        field = &ignored;
    const QString format = headerFormat(templateComponents);
    const QList<protocol::templatetext::Placeholder> placeholders = protocol::templatetext::textPlaceholders(templateComponents);
    QStringList values;
    int header = 0, body = 0;
    QJsonObject mediaParameter;
    for (const protocol::templatetext::Placeholder &p : placeholders) {
        const bool isHeader = p.component == QLatin1String("header");
        const QList<protocol::ParameterSource> &sources = isHeader ? rule.header : rule.body;
        const int i = isHeader ? header++ : body++;
        if (i >= sources.size()) {
            *field = QStringLiteral("template");
            return makeError("rule_broken", QStringLiteral("the rule gives no value for the template's %1 placeholder {{%2}}").arg(p.component, p.name));
        }
        auto v = resolve(sources.at(i), data, zone, language, field);
        if (!v)
            return v.error();
        values.append(parameterText(v.value()));
    }
    if (body != rule.body.size() || (!mediaHeader(format) && header != rule.header.size())) {
        *field = QStringLiteral("template");
        return makeError("rule_broken", QStringLiteral("the rule gives more parameters than the template has placeholders"));
    }
    protocol::TemplateSend send = protocol::templatetext::send(rule.templateName, rule.language, placeholders, values);
    QJsonArray components = send.components;
    if (mediaHeader(format)) {
        if (rule.header.size() != 1) {
            *field = QStringLiteral("header");
            return makeError("rule_broken", QStringLiteral("the template's %1 header needs a file (a link or a media id)").arg(format.toLower()));
        }
        auto v = resolve(rule.header.first(), data, zone, language, field);
        if (!v)
            return v.error();
        const QString type = format.toLower();
        const QString file = v.value().trimmed();
        QJsonObject media = file.startsWith(QLatin1String("https://")) ? QJsonObject{{QStringLiteral("link"), file}}
                                                                       : QJsonObject{{QStringLiteral("id"), file}};
        components.prepend(QJsonObject{{QStringLiteral("type"), QStringLiteral("header")},
                                       {QStringLiteral("parameters"), QJsonArray{QJsonObject{{QStringLiteral("type"), type}, {type, media}}}}});
    }
    const QList<ButtonSlot> slots_ = buttonSlots(templateComponents);
    for (const protocol::ButtonParameter &b : rule.buttons) {
        const auto slot = std::find_if(slots_.begin(), slots_.end(), [&](const ButtonSlot &s) { return s.index == b.index; });
        if (slot == slots_.end()) {
            *field = QStringLiteral("buttons");
            return makeError("rule_broken", QStringLiteral("the template has no button %1 that takes a parameter").arg(b.index + 1));
        }
        auto v = resolve(b.value, data, zone, language, field);
        if (!v)
            return v.error();
        const bool url = slot->type == QLatin1String("URL");
        components.append(QJsonObject{
            {QStringLiteral("type"), QStringLiteral("button")},
            {QStringLiteral("sub_type"), url ? QStringLiteral("url") : QStringLiteral("quick_reply")},
            {QStringLiteral("index"), QString::number(b.index)},
            {QStringLiteral("parameters"),
             QJsonArray{url ? QJsonObject{{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), parameterText(v.value())}}
                            : QJsonObject{{QStringLiteral("type"), QStringLiteral("payload")}, {QStringLiteral("payload"), v.value().left(256)}}}}});
    }
    for (const ButtonSlot &slot : slots_)
        if (slot.required && std::none_of(rule.buttons.begin(), rule.buttons.end(), [&](const auto &b) { return b.index == slot.index; })) {
            *field = QStringLiteral("buttons");
            return makeError("rule_broken", QStringLiteral("the template's button %1 needs the end of its URL").arg(slot.index + 1));
        }
    return Rendered{components, protocol::templatetext::received(templateComponents, components)};
}

Status checkCallbackUrl(const QString &text, bool allowPrivateNetwork)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() || !url.userInfo().isEmpty() || !url.fragment().isEmpty())
        return makeError("invalid_field", QStringLiteral("the callback URL is not a valid address (https://crm.example.com/puente)"));
    const QString host = url.host().toLower();
    QHostAddress literal;
    const bool isLiteral = literal.setAddress(host);
    const bool local = host == QLatin1String("localhost") || (isLiteral && literal.isLoopback());
    if (url.scheme() != QLatin1String("https") && !(local && url.scheme() == QLatin1String("http")))
        return makeError("invalid_field", QStringLiteral("the callback URL must be https (http only to this machine: localhost)"));
    if (!local && !allowPrivateNetwork && isLiteral && !meta::isPublicAddress(literal))
        return makeError("invalid_field", QStringLiteral("the callback URL points at a private address; use a public https address "
                                                         "(or allow private networks in the installation: callback_private_network)"));
    return {};
}

} // namespace notify

// ------------------------------------------------------------------------------

namespace {

const QStringList kDefaultKeywords = {QStringLiteral("BAJA"), QStringLiteral("STOP"), QStringLiteral("NO MOLESTAR"), QStringLiteral("UNSUBSCRIBE")};
const QString kDefaultReply = QStringLiteral("Listo: no te enviaremos más avisos automáticos. Si quieres volver a recibirlos, escríbenos.");
const QString kConsumer = QStringLiteral("notifications");

int rank(NotificationStatus s)
{
    switch (s) {
    case NotificationStatus::Accepted: return 0;
    case NotificationStatus::Scheduled: return 1;
    case NotificationStatus::Queued: return 2;
    case NotificationStatus::Sent: return 3;
    case NotificationStatus::Delivered: return 4;
    case NotificationStatus::Read: return 5;
    case NotificationStatus::Failed: return 6;
    case NotificationStatus::Skipped:
    case NotificationStatus::Cancelled: return 7;
    }
    return 0;
}

QString hhmm(int minutes)
{
    return QStringLiteral("%1:%2").arg(minutes / 60, 2, 10, QLatin1Char('0')).arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

std::optional<int> minutesFrom(const QString &hhmmText)
{
    static const QRegularExpression pattern(QStringLiteral("^([01]\\d|2[0-3]):([0-5]\\d)$"));
    const auto m = pattern.match(hhmmText.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    return m.captured(1).toInt() * 60 + m.captured(2).toInt();
}

const QString kNotificationColumns = QStringLiteral(
    "id, event, reference, phone, name, status, reason, error_code, rule_id, conversation_id, message_id, send_at, due_at, data, "
    "reply_message_id, reply_payload, reply_text, replied_at, created_at, updated_at, reason_code");

// Rows written before reason codes had a column kept the code in front of
// the sentence ("opted_out: the contact asked ..."): split them when read.
void splitLegacyReason(QString &code, QString &reason)
{
    static const QRegularExpression prefixed(QStringLiteral("^([a-z_]+): (.*)$"));
    if (!code.isEmpty() || reason.isEmpty())
        return;
    if (const auto m = prefixed.match(reason); m.hasMatch()) {
        code = m.captured(1);
        reason = m.captured(2);
    } else if (reason.startsWith(QLatin1String("cancelled by "))) {
        code = QStringLiteral("cancelled");
    }
}
} // namespace

struct NotificationService::Settings {
    protocol::TenantSettings wire;
    notify::QuietHours quiet;
    QStringList foldedKeywords;
    QByteArray secret;
};

struct NotificationService::Row {
    qint64 id = 0;
    QString event, reference, phone, name;
    NotificationStatus status = NotificationStatus::Accepted;
    QString reasonCode, reason;
    std::optional<qint64> errorCode, ruleId, conversationId, messageId, sendAt;
    qint64 dueAt = 0;
    QJsonObject data;
    std::optional<protocol::NotificationReply> reply;
    qint64 createdAt = 0, updatedAt = 0;

    static Row read(const Sql &q)
    {
        Row r;
        r.id = q.int64(0);
        r.event = q.text(1);
        r.reference = q.text(2);
        r.phone = q.text(3);
        r.name = q.text(4);
        r.status = protocol::enumFromName<NotificationStatus>(q.text(5)).value_or(NotificationStatus::Accepted);
        r.reason = q.text(6);
        auto opt = [&](int i) { return q.isNull(i) ? std::nullopt : std::optional<qint64>(q.int64(i)); };
        r.errorCode = opt(7);
        r.ruleId = opt(8);
        r.conversationId = opt(9);
        r.messageId = opt(10);
        r.sendAt = opt(11);
        r.dueAt = q.int64(12);
        r.data = QJsonDocument::fromJson(q.text(13).toUtf8()).object();
        if (!q.isNull(14))
            r.reply = protocol::NotificationReply{q.int64(14), q.text(15), q.text(16), q.int64(17)};
        r.createdAt = q.int64(18);
        r.updatedAt = q.int64(19);
        r.reasonCode = q.text(20);
        splitLegacyReason(r.reasonCode, r.reason);
        return r;
    }
};

NotificationService::NotificationService(Database &db, crypto::KeyringPtr keyring, EventBus *bus)
    : m_db(db), m_keyring(std::move(keyring)), m_bus(bus), m_conversations(std::make_unique<ConversationService>(db, bus))
    , m_clock(&nowMs)
{
}

NotificationService::~NotificationService() = default;
NotificationService::NotificationService(NotificationService &&) noexcept = default;

protocol::Notification NotificationService::toProtocol(const Row &r) const
{
    protocol::Notification n;
    n.id = r.id;
    n.event = r.event;
    n.reference = r.reference;
    n.phone = r.phone;
    n.name = r.name;
    n.status = r.status;
    n.reason = r.reason;
    n.reasonCode = r.reasonCode;
    n.errorCode = r.errorCode;
    n.ruleId = r.ruleId;
    n.conversationId = r.conversationId;
    n.messageId = r.messageId;
    n.sendAt = r.sendAt;
    n.dueAt = r.dueAt;
    n.data = r.data;
    n.reply = r.reply;
    n.createdAt = r.createdAt;
    n.updatedAt = r.updatedAt;
    return n;
}

// --- settings ---------------------------------------------------------------------

Result<NotificationService::Settings> NotificationService::loadSettings(QSqlDatabase c, TenantId tenant)
{
    Settings s;
    protocol::TenantSettings &w = s.wire;
    w.defaultRegion = m_defaultRegion.isEmpty() ? QStringLiteral("ES") : m_defaultRegion.toUpper();
    w.timeZone = QStringLiteral("Europe/Madrid");
    w.language = QStringLiteral("es");
    w.quietStart = hhmm(21 * 60);
    w.quietEnd = hhmm(8 * 60);
    w.optOutKeywords = kDefaultKeywords;
    w.optOutReply = kDefaultReply;
    Sql q(c, QStringLiteral("SELECT default_region, time_zone, language, quiet_hours_enabled, quiet_start, quiet_end, opt_out_keywords, "
                            "opt_out_reply, callback_url, callback_secret FROM tenant_settings WHERE tenant_id = ?"));
    q.bind(tenant.value);
    if (auto st = q.exec(); !st)
        return st.error();
    if (q.next()) {
        if (!q.isNull(0))
            w.defaultRegion = q.text(0);
        if (!q.isNull(1))
            w.timeZone = q.text(1);
        if (!q.isNull(2))
            w.language = q.text(2);
        w.quietHoursEnabled = q.int64(3) != 0;
        w.quietStart = hhmm(int(q.int64(4)));
        w.quietEnd = hhmm(int(q.int64(5)));
        if (!q.isNull(6)) {
            w.optOutKeywords.clear();
            for (const QJsonValue &v : rows::jsonArray(q.text(6)))
                w.optOutKeywords.append(v.toString());
        }
        if (!q.isNull(7))
            w.optOutReply = q.text(7);
        w.callbackUrl = q.text(8);
        if (!q.isNull(9)) {
            w.callbackSecretSet = true;
            auto opened = m_keyring->open(q.text(9), secrets::sealingContext(QStringLiteral("tenant_settings"), QString::number(tenant.value),
                                                                            QStringLiteral("callback_secret")));
            if (!opened)
                return opened.error();
            s.secret = opened.value();
        }
    }
    s.quiet.enabled = w.quietHoursEnabled;
    s.quiet.start = minutesFrom(w.quietStart).value_or(21 * 60);
    s.quiet.end = minutesFrom(w.quietEnd).value_or(8 * 60);
    s.quiet.zone = QTimeZone(w.timeZone.toUtf8());
    if (!s.quiet.zone.isValid())
        s.quiet.zone = QTimeZone(QByteArrayLiteral("Europe/Madrid"));
    for (const QString &k : std::as_const(w.optOutKeywords))
        s.foldedKeywords.append(notify::foldKeyword(k));
    return s;
}

Result<protocol::TenantSettings> NotificationService::settings(TenantId tenant)
{
    auto s = loadSettings(m_db.connection(), tenant);
    if (!s)
        return s.error();
    return s->wire;
}

Result<protocol::TenantSettings> NotificationService::updateSettings(TenantId tenant, const protocol::UpdateTenantSettings &in,
                                                                     const Actor &actor, QString *field)
{
    auto invalid = [&](const char *name, const QString &message) {
        *field = QString::fromLatin1(name);
        return makeError("invalid_field", message);
    };
    if (in.defaultRegion && !QRegularExpression(QStringLiteral("^[A-Za-z]{2}$")).match(*in.defaultRegion).hasMatch())
        return invalid("default_region", QStringLiteral("give the country as two letters (ES, MX, CO...)"));
    if (in.defaultRegion && !isKnownPhoneRegion(*in.defaultRegion))
        return invalid("default_region", QStringLiteral("%1 is not a country libphonenumber knows").arg(*in.defaultRegion));
    if (in.timeZone && !QTimeZone::isTimeZoneIdAvailable(in.timeZone->toUtf8()))
        return invalid("time_zone", QStringLiteral("%1 is not a time zone; use an IANA name such as Europe/Madrid or America/Mexico_City").arg(*in.timeZone));
    if (in.language && *in.language != QLatin1String("es") && *in.language != QLatin1String("en"))
        return invalid("language", QStringLiteral("language must be es or en"));
    if (in.quietStart && !minutesFrom(*in.quietStart))
        return invalid("quiet_start", QStringLiteral("give the time as HH:MM (21:00)"));
    if (in.quietEnd && !minutesFrom(*in.quietEnd))
        return invalid("quiet_end", QStringLiteral("give the time as HH:MM (08:00)"));
    if (in.optOutKeywords) {
        if (in.optOutKeywords->size() > 20)
            return invalid("opt_out_keywords", QStringLiteral("at most 20 keywords"));
        for (const QString &k : *in.optOutKeywords)
            if (notify::foldKeyword(k).isEmpty() || k.size() > 40)
                return invalid("opt_out_keywords", QStringLiteral("each keyword is a word or two of at most 40 characters"));
    }
    if (in.optOutReply && in.optOutReply->trimmed().isEmpty())
        return invalid("opt_out_reply", QStringLiteral("the confirmation cannot be empty"));
    if (in.callbackUrl && !in.callbackUrl->isEmpty())
        if (auto s = notify::checkCallbackUrl(*in.callbackUrl, m_callbackPrivateNetwork); !s)
            return invalid("callback_url", s.error().message);

    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    auto current = loadSettings(tx.connection(), tenant);
    if (!current)
        return current.error();
    protocol::TenantSettings w = current->wire;
    QJsonObject audit;
    auto set = [&](auto &member, const auto &value, const char *name) {
        if (value) {
            member = *value;
            audit.insert(QString::fromLatin1(name), protocol::encodeValue(*value));
        }
    };
    set(w.defaultRegion, in.defaultRegion, "default_region");
    w.defaultRegion = w.defaultRegion.toUpper();
    set(w.timeZone, in.timeZone, "time_zone");
    set(w.language, in.language, "language");
    set(w.quietHoursEnabled, in.quietHoursEnabled, "quiet_hours_enabled");
    set(w.quietStart, in.quietStart, "quiet_start");
    set(w.quietEnd, in.quietEnd, "quiet_end");
    set(w.optOutKeywords, in.optOutKeywords, "opt_out_keywords");
    set(w.optOutReply, in.optOutReply, "opt_out_reply");
    set(w.callbackUrl, in.callbackUrl, "callback_url");
    // A callback URL needs a secret to sign with: made the first time, and
    // again when asked (shown once, in this answer).
    QString newSecret;
    if ((!w.callbackUrl.isEmpty() && !current->wire.callbackSecretSet) || in.rotateCallbackSecret) {
        newSecret = QStringLiteral("whsec_") + crypto::randomToken(24);
        audit.insert(QStringLiteral("callback_secret"), QStringLiteral("rotated"));
    }
    Sql up(tx.connection(), QStringLiteral(
        "INSERT INTO tenant_settings (tenant_id, default_region, time_zone, language, quiet_hours_enabled, quiet_start, quiet_end, "
        "opt_out_keywords, opt_out_reply, callback_url, callback_secret, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (tenant_id) DO UPDATE SET default_region = excluded.default_region, time_zone = excluded.time_zone, "
        "language = excluded.language, quiet_hours_enabled = excluded.quiet_hours_enabled, quiet_start = excluded.quiet_start, "
        "quiet_end = excluded.quiet_end, opt_out_keywords = excluded.opt_out_keywords, opt_out_reply = excluded.opt_out_reply, "
        "callback_url = excluded.callback_url, callback_secret = COALESCE(excluded.callback_secret, tenant_settings.callback_secret), "
        "updated_at = excluded.updated_at"));
    QJsonArray keywords;
    for (const QString &k : std::as_const(w.optOutKeywords))
        keywords.append(k.trimmed());
    up.bind(tenant.value).bind(w.defaultRegion).bind(w.timeZone).bind(w.language).bind(w.quietHoursEnabled ? 1 : 0)
        .bind(*minutesFrom(w.quietStart)).bind(*minutesFrom(w.quietEnd)).bind(rows::compactJson(keywords)).bind(w.optOutReply.trimmed())
        .bind(nullIfEmpty(w.callbackUrl))
        .bind(newSecret.isEmpty() ? QVariant(QMetaType(QMetaType::QString))
                                  : QVariant(m_keyring->seal(newSecret.toUtf8(), secrets::sealingContext(QStringLiteral("tenant_settings"),
                                                                                                        QString::number(tenant.value),
                                                                                                        QStringLiteral("callback_secret")))))
        .bind(m_clock());
    if (auto s = up.exec(); !s)
        return s.error();
    if (!audit.isEmpty())
        if (auto s = AuditLog::append(tx.connection(), actor, tenant, QStringLiteral("tenant_settings.updated"), QStringLiteral("tenant"),
                                      QString::number(tenant.value), audit);
            !s)
            return s.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    auto after = settings(tenant);
    if (after && !newSecret.isEmpty())
        after->callbackSecret = newSecret;
    return after;
}

// --- rules ----------------------------------------------------------------------------

namespace {
const QString kRuleColumns = QStringLiteral(
    "r.id, r.event, r.template_name, r.language, r.header, r.body, r.buttons, r.quiet_hours, r.enabled, r.created_at, r.updated_at, "
    "t.status, t.components");
const QString kRuleFrom = QStringLiteral(
    " FROM notification_rules r LEFT JOIN message_templates t ON t.tenant_id = r.tenant_id AND t.name = r.template_name AND t.language = r.language ");

struct RuleWithTemplate {
    protocol::NotificationRule rule;
    std::optional<QString> templateStatus;
    QJsonArray components;
};

RuleWithTemplate readRule(const Sql &q)
{
    RuleWithTemplate r;
    protocol::NotificationRule &rule = r.rule;
    rule.id = q.int64(0);
    rule.event = q.text(1);
    rule.templateName = q.text(2);
    rule.language = q.text(3);
    rule.header = rows::listOf<protocol::ParameterSource>(q.text(4));
    rule.body = rows::listOf<protocol::ParameterSource>(q.text(5));
    rule.buttons = rows::listOf<protocol::ButtonParameter>(q.text(6));
    rule.quietHours = q.int64(7) != 0;
    rule.enabled = q.int64(8) != 0;
    rule.createdAt = q.int64(9);
    rule.updatedAt = q.int64(10);
    if (!q.isNull(11))
        r.templateStatus = q.text(11);
    r.components = rows::jsonArray(q.text(12));
    rule.brokenReason = notify::brokenReason(rule, r.templateStatus, r.components);
    rule.broken = !rule.brokenReason.isEmpty();
    return r;
}

Result<std::optional<RuleWithTemplate>> findRule(QSqlDatabase c, TenantId tenant, const QString &where, const QVariant &value)
{
    Sql q(c, QStringLiteral("SELECT ") + kRuleColumns + kRuleFrom + QStringLiteral("WHERE r.tenant_id = ? AND ") + where);
    q.bind(tenant.value).bind(value);
    if (auto s = q.exec(); !s)
        return s.error();
    if (!q.next())
        return std::optional<RuleWithTemplate>();
    return std::optional<RuleWithTemplate>(readRule(q));
}
} // namespace

Result<QList<protocol::NotificationRule>> NotificationService::rules(TenantId tenant)
{
    Sql q(m_db.connection(), QStringLiteral("SELECT ") + kRuleColumns + kRuleFrom + QStringLiteral("WHERE r.tenant_id = ? ORDER BY r.event, r.id"));
    q.bind(tenant.value);
    if (auto s = q.exec(); !s)
        return s.error();
    QList<protocol::NotificationRule> out;
    while (q.next())
        out.append(readRule(q).rule);
    return out;
}

Result<protocol::NotificationRule> NotificationService::validateRule(QSqlDatabase c, TenantId tenant, const protocol::CreateNotificationRule &in,
                                                                     QString *field)
{
    auto invalid = [&](const QString &name, const QString &message) {
        *field = name;
        return makeError("invalid_field", message);
    };
    protocol::NotificationRule rule;
    rule.event = in.event.trimmed();
    rule.templateName = in.templateName.trimmed();
    rule.language = in.language.trimmed();
    rule.header = in.header;
    rule.body = in.body;
    rule.buttons = in.buttons;
    rule.quietHours = in.quietHours.value_or(true);
    rule.enabled = in.enabled.value_or(true);
    if (!notify::validEventName(rule.event))
        return invalid(QStringLiteral("event"), QStringLiteral("an event name is 3-64 lower-case letters, digits, _ or ., starting with a letter "
                                                               "(application_received, interview_scheduled...)"));
    auto checkSource = [&](const protocol::ParameterSource &s, const QString &where) -> Status {
        if (!notify::kSources.contains(s.source))
            return invalid(where, QStringLiteral("a parameter's source is data, text, date, time or datetime"));
        if (s.value.trimmed().isEmpty())
            return invalid(where, s.source == QLatin1String("text") ? QStringLiteral("a fixed text cannot be empty")
                                                                    : QStringLiteral("give the path into the event's data (candidate.first_name)"));
        static const QRegularExpression path(QStringLiteral("^[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*$"));
        if (s.source != QLatin1String("text") && !path.match(s.value.trimmed()).hasMatch())
            return invalid(where, QStringLiteral("%1 is not a path into the event's data (candidate.first_name)").arg(s.value));
        return {};
    };
    for (int i = 0; i < rule.header.size(); ++i)
        if (auto s = checkSource(rule.header.at(i), QStringLiteral("header[%1]").arg(i)); !s)
            return s.error();
    for (int i = 0; i < rule.body.size(); ++i)
        if (auto s = checkSource(rule.body.at(i), QStringLiteral("body[%1]").arg(i)); !s)
            return s.error();
    for (int i = 0; i < rule.buttons.size(); ++i)
        if (auto s = checkSource(rule.buttons.at(i).value, QStringLiteral("buttons[%1]").arg(i)); !s)
            return s.error();
    Sql t(c, QStringLiteral("SELECT status, components FROM message_templates WHERE tenant_id = ? AND name = ? AND language = ?"));
    t.bind(tenant.value).bind(rule.templateName).bind(rule.language);
    if (auto s = t.exec(); !s)
        return s.error();
    if (!t.next())
        return invalid(QStringLiteral("template"), QStringLiteral("there is no template %1 in language %2; sync the templates or pick another")
                                                       .arg(rule.templateName, rule.language));
    const QString status = t.text(0);
    const QJsonArray components = rows::jsonArray(t.text(1));
    t.finish();
    rule.brokenReason = notify::brokenReason(rule, status, components);
    // A rule that can never be sent is refused; one whose template is not
    // approved (yet) is kept and shown broken.
    if (!rule.brokenReason.isEmpty() && status == QLatin1String("APPROVED"))
        return invalid(QStringLiteral("body"), rule.brokenReason);
    rule.broken = !rule.brokenReason.isEmpty();
    return rule;
}

Result<protocol::NotificationRule> NotificationService::createRule(TenantId tenant, const protocol::CreateNotificationRule &in, const Actor &actor,
                                                                   QString *field)
{
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    auto rule = validateRule(tx.connection(), tenant, in, field);
    if (!rule)
        return rule.error();
    const qint64 now = m_clock();
    Sql q(tx.connection(), QStringLiteral("INSERT INTO notification_rules (tenant_id, event, template_name, language, header, body, buttons, "
                                          "quiet_hours, enabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    q.bind(tenant.value).bind(rule->event).bind(rule->templateName).bind(rule->language).bind(rows::compactJson(rows::arrayOf(rule->header)))
        .bind(rows::compactJson(rows::arrayOf(rule->body))).bind(rows::compactJson(rows::arrayOf(rule->buttons))).bind(rule->quietHours ? 1 : 0).bind(rule->enabled ? 1 : 0)
        .bind(now).bind(now);
    if (auto s = q.exec(); !s) {
        if (s.error().code == QLatin1String("unique_violation")) {
            *field = QStringLiteral("event");
            return makeError("rule_taken", QStringLiteral("another enabled rule sends %1; disable it first").arg(rule->event));
        }
        return s.error();
    }
    q.next();
    rule->id = q.int64(0);
    rule->createdAt = rule->updatedAt = now;
    q.finish();
    if (auto s = AuditLog::append(tx.connection(), actor, tenant, QStringLiteral("notification_rule.created"), QStringLiteral("notification_rule"),
                                  QString::number(rule->id), protocol::toJson(*rule));
        !s)
        return s.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    return rule;
}

Result<protocol::NotificationRule> NotificationService::updateRule(TenantId tenant, qint64 id, const protocol::UpdateNotificationRule &in,
                                                                   const Actor &actor, QString *field)
{
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    auto found = findRule(tx.connection(), tenant, QStringLiteral("r.id = ?"), id);
    if (!found)
        return found.error();
    if (!found.value())
        return makeError("not_found", QStringLiteral("no such notification rule"));
    const protocol::NotificationRule &old = found.value()->rule;
    protocol::CreateNotificationRule merged{in.event.value_or(old.event),    in.templateName.value_or(old.templateName),
                                            in.language.value_or(old.language), in.header.value_or(old.header),
                                            in.body.value_or(old.body),         in.buttons.value_or(old.buttons),
                                            in.quietHours.value_or(old.quietHours), in.enabled.value_or(old.enabled)};
    auto rule = validateRule(tx.connection(), tenant, merged, field);
    if (!rule)
        return rule.error();
    const qint64 now = m_clock();
    Sql q(tx.connection(), QStringLiteral("UPDATE notification_rules SET event = ?, template_name = ?, language = ?, header = ?, body = ?, "
                                          "buttons = ?, quiet_hours = ?, enabled = ?, updated_at = ? WHERE tenant_id = ? AND id = ?"));
    q.bind(rule->event).bind(rule->templateName).bind(rule->language).bind(rows::compactJson(rows::arrayOf(rule->header))).bind(rows::compactJson(rows::arrayOf(rule->body)))
        .bind(rows::compactJson(rows::arrayOf(rule->buttons))).bind(rule->quietHours ? 1 : 0).bind(rule->enabled ? 1 : 0).bind(now).bind(tenant.value).bind(id);
    if (auto s = q.exec(); !s) {
        if (s.error().code == QLatin1String("unique_violation")) {
            *field = QStringLiteral("enabled");
            return makeError("rule_taken", QStringLiteral("another enabled rule sends %1; disable it first").arg(rule->event));
        }
        return s.error();
    }
    rule->id = id;
    rule->createdAt = old.createdAt;
    rule->updatedAt = now;
    if (auto s = AuditLog::append(tx.connection(), actor, tenant, QStringLiteral("notification_rule.updated"), QStringLiteral("notification_rule"),
                                  QString::number(id), protocol::toJson(*rule));
        !s)
        return s.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    return rule;
}

Status NotificationService::deleteRule(TenantId tenant, qint64 id, const Actor &actor)
{
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun();
    Sql q(tx.connection(), QStringLiteral("DELETE FROM notification_rules WHERE tenant_id = ? AND id = ? RETURNING event"));
    q.bind(tenant.value).bind(id);
    if (auto s = q.exec(); !s)
        return s;
    if (!q.next())
        return makeError("not_found", QStringLiteral("no such notification rule"));
    const QString event = q.text(0);
    q.finish();
    if (auto s = AuditLog::append(tx.connection(), actor, tenant, QStringLiteral("notification_rule.deleted"), QStringLiteral("notification_rule"),
                                  QString::number(id), {{QStringLiteral("event"), event}});
        !s)
        return s;
    return tx.commit();
}

Result<protocol::RulePreview> NotificationService::preview(TenantId tenant, const protocol::PreviewNotificationRule &in)
{
    protocol::RulePreview out;
    QString field;
    auto settings = loadSettings(m_db.connection(), tenant);
    if (!settings)
        return settings.error();
    Sql t(m_db.connection(), QStringLiteral("SELECT status, components FROM message_templates WHERE tenant_id = ? AND name = ? AND language = ?"));
    t.bind(tenant.value).bind(in.rule.templateName.trimmed()).bind(in.rule.language.trimmed());
    if (auto s = t.exec(); !s)
        return s.error();
    if (!t.next()) {
        out.error = QStringLiteral("there is no template %1 in language %2").arg(in.rule.templateName, in.rule.language);
        out.field = QStringLiteral("template");
        return out;
    }
    const QJsonArray components = rows::jsonArray(t.text(1));
    t.finish();
    protocol::NotificationRule rule;
    rule.templateName = in.rule.templateName.trimmed();
    rule.language = in.rule.language.trimmed();
    rule.header = in.rule.header;
    rule.body = in.rule.body;
    rule.buttons = in.rule.buttons;
    auto rendered = notify::render(rule, components, in.data, settings->quiet.zone, settings->wire.language, &field);
    if (!rendered) {
        out.error = rendered.error().message;
        out.field = field;
        // What it would read so far: the placeholders left as they are.
        out.text = protocol::templatetext::received(components, {});
        return out;
    }
    out.ok = true;
    out.text = rendered->text;
    out.components = rendered->components;
    return out;
}

// --- notifications ------------------------------------------------------------------------

Result<NotificationService::Row> NotificationService::notificationRow(QSqlDatabase c, TenantId tenant, qint64 id)
{
    Sql q(c, QStringLiteral("SELECT ") + kNotificationColumns + QStringLiteral(" FROM notifications WHERE tenant_id = ? AND id = ?"));
    q.bind(tenant.value).bind(id);
    if (auto s = q.exec(); !s)
        return s.error();
    if (!q.next())
        return makeError("not_found", QStringLiteral("no such notification"));
    return Row::read(q);
}

Status NotificationService::queueCallback(QSqlDatabase c, TenantId tenant, const Settings &settings, std::optional<qint64> notificationId,
                                          const QString &kind, const QJsonObject &payload)
{
    if (settings.wire.callbackUrl.isEmpty())
        return {};
    const qint64 now = m_clock();
    Sql q(c, QStringLiteral("INSERT INTO callback_deliveries (tenant_id, notification_id, kind, payload, state, attempts, next_attempt_at, "
                            "created_at, updated_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?, ?)"));
    q.bind(tenant.value).bind(notificationId ? QVariant(*notificationId) : nullInt()).bind(kind).bind(rows::compactJson(payload)).bind(now).bind(now).bind(now);
    return q.exec();
}

Status NotificationService::recordHistory(QSqlDatabase c, const Row &row, NotificationStatus status, const Why &why,
                                          std::optional<qint64> errorCode, qint64 at)
{
    Sql h(c, QStringLiteral("INSERT INTO notification_history (notification_id, status, reason_code, reason, error_code, at) VALUES (?, ?, ?, ?, ?, ?)"));
    h.bind(row.id).bind(protocol::enumName(status)).bind(nullIfEmpty(why.code)).bind(nullIfEmpty(why.text))
        .bind(errorCode ? QVariant(*errorCode) : nullInt()).bind(at);
    if (auto s = h.exec(); !s)
        return s;
    notify::counters()[std::size_t(status)].fetch_add(1, std::memory_order_relaxed);
    return {};
}

Status NotificationService::changeStatus(QSqlDatabase c, TenantId tenant, Row &row, NotificationStatus status, const Why &why,
                                         std::optional<qint64> errorCode, const Settings &settings)
{
    const qint64 now = m_clock();
    row.status = status;
    row.reasonCode = why.code;
    row.reason = why.text;
    row.errorCode = errorCode;
    row.updatedAt = now;
    Sql q(c, QStringLiteral("UPDATE notifications SET status = ?, reason_code = ?, reason = ?, error_code = ?, conversation_id = ?, message_id = ?, "
                            "updated_at = ? WHERE id = ?"));
    q.bind(protocol::enumName(status)).bind(nullIfEmpty(why.code)).bind(nullIfEmpty(why.text)).bind(errorCode ? QVariant(*errorCode) : nullInt())
        .bind(row.conversationId ? QVariant(*row.conversationId) : nullInt()).bind(row.messageId ? QVariant(*row.messageId) : nullInt())
        .bind(now).bind(row.id);
    if (auto s = q.exec(); !s)
        return s;
    if (auto s = recordHistory(c, row, status, why, errorCode, now); !s)
        return s;
    if (status == NotificationStatus::Accepted || settings.wire.callbackUrl.isEmpty())
        return {}; // the answer to the request says it; nobody to tell
    QJsonObject payload{{QStringLiteral("type"), QStringLiteral("notification.status")},
                        {QStringLiteral("id"), row.id},
                        {QStringLiteral("reference"), row.reference},
                        {QStringLiteral("event"), row.event},
                        {QStringLiteral("status"), protocol::enumName(status)},
                        {QStringLiteral("at"), QDateTime::fromMSecsSinceEpoch(now, QTimeZone::utc()).toString(Qt::ISODateWithMs)}};
    if (!why.code.isEmpty() || !why.text.isEmpty() || errorCode) {
        QJsonObject error{{QStringLiteral("reason_code"), why.code}, {QStringLiteral("message"), why.text}};
        if (errorCode)
            error.insert(QStringLiteral("code"), *errorCode);
        payload.insert(QStringLiteral("error"), error);
    }
    if (row.messageId)
        payload.insert(QStringLiteral("message_id"), *row.messageId);
    return queueCallback(c, tenant, settings, row.id, QStringLiteral("notification.status"), payload);
}

Status NotificationService::deliver(QSqlDatabase c, EventBatch &events, TenantId tenant, Row &row, const Settings &settings,
                                    const protocol::NotificationRule &rule, const notify::Rendered &rendered, bool refuse, QString *field)
{
    auto skip = [&](const QString &code, const QString &text) {
        return changeStatus(c, tenant, row, NotificationStatus::Skipped, {code, text}, std::nullopt, settings);
    };
    auto started = m_conversations->startIn(c, events, tenant, row.phone, row.name);
    if (!started)
        return started.error();
    const protocol::Conversation &conversation = started->conversation;
    row.conversationId = conversation.id;
    if (conversation.status == protocol::ConversationStatus::Blocked)
        return skip(QStringLiteral("contact_blocked"), QStringLiteral("the contact is blocked in the conversations"));
    if (conversation.optedOutAt)
        return skip(QStringLiteral("opted_out"), QStringLiteral("the contact asked for no more notifications"));
    protocol::SendMessage send;
    send.type = QStringLiteral("template");
    send.templateSend = protocol::TemplateSend{rule.templateName, rule.language, rendered.components};
    const ConversationService::Automatic automatic{row.id, row.event, &conversation, rendered.text};
    QString sendField;
    auto message = m_conversations->enqueueIn(c, events, tenant, conversation.id, send, UserId{}, &sendField, &automatic);
    if (!message) {
        if (refuse && message.error().code != QLatin1String("invalid_message")) {
            *field = sendField;
            return message.error();
        }
        return skip(message.error().code, message.error().message);
    }
    row.messageId = message->id;
    return changeStatus(c, tenant, row, NotificationStatus::Queued, {}, std::nullopt, settings);
}

Result<std::optional<NotificationService::Submitted>> NotificationService::replay(QSqlDatabase c, TenantId tenant, const QString &key,
                                                                                   const QString &hash, qint64 now, bool *used, QString *field)
{
    *used = false;
    Sql seen(c, QStringLiteral("SELECT request_hash, answer, created_at FROM idempotency_keys WHERE tenant_id = ? AND idem_key = ?"));
    seen.bind(tenant.value).bind(key);
    if (auto s = seen.exec(); !s)
        return s.error();
    if (!seen.next())
        return std::optional<Submitted>();
    *used = true;
    if (seen.int64(2) <= now - kIdempotencyMs)
        return std::optional<Submitted>(); // expired: the key is free again
    if (seen.text(0) != hash) {
        *field = QStringLiteral("Idempotency-Key");
        return makeError("idempotency_key_reused",
                         QStringLiteral("this Idempotency-Key came with another request in the last 7 days; use a new key for a new notification"));
    }
    Submitted first;
    first.answer = seen.text(1).toUtf8();
    first.notification = protocol::fromJson<protocol::Notification>(QJsonDocument::fromJson(first.answer).object());
    first.replayed = true;
    return std::optional<Submitted>(std::move(first));
}

Result<NotificationService::Submitted> NotificationService::submit(TenantId tenant, const protocol::SendNotification &in,
                                                                   const QString &idempotencyKey, const QByteArray &bodyHash, QString *field)
{
    const QString event = in.event.trimmed();
    if (!notify::validEventName(event)) {
        *field = QStringLiteral("event");
        return makeError("invalid_field", QStringLiteral("an event name is 3-64 lower-case letters, digits, _ or ., starting with a letter"));
    }
    if (!idempotencyKey.isEmpty() && (idempotencyKey.size() > 255 || !text::problem(idempotencyKey, text::Kind::Line).isEmpty())) {
        *field = QStringLiteral("Idempotency-Key");
        return makeError("invalid_field", QStringLiteral("an Idempotency-Key is one line of at most 255 characters"));
    }
    const qint64 now = m_clock();
    const QString hash = QString::fromLatin1(bodyHash.toHex());
    // Everything that only reads happens before the write transaction, on
    // this thread's connection: SQLite has one writer at a time, and the
    // writes of concurrent requests share one transaction (GroupCommit).
    QSqlDatabase read = m_db.connection();
    // A repeated request gets its first answer, whatever changed since.
    if (!idempotencyKey.isEmpty()) {
        bool used = false;
        auto first = replay(read, tenant, idempotencyKey, hash, now, &used, field);
        if (!first)
            return first.error();
        if (first.value())
            return std::move(*first.value());
    }
    auto settings = loadSettings(read, tenant);
    if (!settings)
        return settings.error();
    auto phone = normalizePhoneNumber(in.to.phone, settings->wire.defaultRegion);
    if (!phone) {
        *field = QStringLiteral("to.phone");
        return phone.error();
    }
    auto rule = findRule(read, tenant, QStringLiteral("r.event = ? AND r.enabled = 1"), event);
    if (!rule)
        return rule.error();
    if (!rule.value()) {
        *field = QStringLiteral("event");
        return makeError("no_rule", QStringLiteral("no enabled notification rule sends %1; an administrator adds one under Notifications").arg(event));
    }
    std::optional<qint64> sendAt;
    if (!in.sendAt.isUndefined() && !in.sendAt.isNull()) {
        sendAt = notify::parseTime(in.sendAt, settings->quiet.zone);
        if (!sendAt || *sendAt > now + 366LL * 24 * 3600 * 1000) {
            *field = QStringLiteral("send_at");
            return makeError("invalid_field", QStringLiteral("send_at is an ISO 8601 time (2026-12-10T09:00:00+01:00) or Unix milliseconds, "
                                                             "within a year"));
        }
    }
    // Checked now so that the CRM hears at once what is wrong; checked again
    // when a scheduled one goes out.
    if (rule.value()->rule.broken) {
        *field = QStringLiteral("event");
        return makeError("rule_broken", QStringLiteral("the rule for %1 cannot be sent: %2").arg(event, rule.value()->rule.brokenReason));
    }
    const auto rendered = notify::render(rule.value()->rule, rule.value()->components, in.data, settings->quiet.zone, settings->wire.language, field);
    if (!rendered)
        return rendered.error();

    Row prepared;
    prepared.event = event;
    prepared.reference = in.reference.trimmed();
    prepared.phone = phone.value();
    prepared.name = in.to.name.trimmed();
    prepared.data = in.data;
    prepared.ruleId = rule.value()->rule.id;
    prepared.sendAt = sendAt;
    prepared.dueAt = notify::dueAt(now, sendAt, settings->quiet, rule.value()->rule.quietHours);
    prepared.createdAt = prepared.updatedAt = now;
    const QString data = rows::compactJson(prepared.data);

    // The writes. The job may run twice (again alone when the batch it was
    // in failed), so it starts from `prepared` each time.
    Submitted out;
    const Status written = m_db.groupCommit().run([&](QSqlDatabase c, EventBatch &events) -> Status {
        out = {};
        if (!idempotencyKey.isEmpty()) {
            Sql claim(c, QStringLiteral("INSERT INTO idempotency_keys (tenant_id, idem_key, request_hash, status, created_at) VALUES (?, ?, ?, 0, ?) "
                                        "ON CONFLICT (tenant_id, idem_key) DO NOTHING RETURNING created_at"));
            claim.bind(tenant.value).bind(idempotencyKey).bind(hash).bind(now);
            if (auto s = claim.exec(); !s)
                return s;
            if (!claim.next()) {
                claim.finish();
                // Someone used the key since the check above (on
                // PostgreSQL the INSERT waited for them to commit; on
                // SQLite they may be earlier in this batch).
                bool used = false;
                auto first = replay(c, tenant, idempotencyKey, hash, now, &used, field);
                if (!first)
                    return first.error();
                if (first.value()) {
                    out = std::move(*first.value());
                    return {};
                }
                if (!used)
                    return makeError("storage_error", QStringLiteral("the idempotency key vanished; retry"));
                Sql renew(c, QStringLiteral("UPDATE idempotency_keys SET request_hash = ?, status = 0, answer = NULL, created_at = ? "
                                            "WHERE tenant_id = ? AND idem_key = ?"));
                renew.bind(hash).bind(now).bind(tenant.value).bind(idempotencyKey);
                if (auto s = renew.exec(); !s)
                    return s;
            }
        }
        Row row = prepared;
        Sql insert(c, QStringLiteral("INSERT INTO notifications (tenant_id, rule_id, event, reference, phone, name, data, status, send_at, due_at, "
                                     "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'accepted', ?, ?, ?, ?) RETURNING id"));
        insert.bind(tenant.value).bind(*row.ruleId).bind(row.event).bind(nullIfEmpty(row.reference)).bind(row.phone).bind(nullIfEmpty(row.name))
            .bind(data).bind(sendAt ? QVariant(*sendAt) : nullInt()).bind(row.dueAt).bind(now).bind(now);
        if (auto s = insert.exec(); !s)
            return s;
        insert.next();
        row.id = insert.int64(0);
        insert.finish();
        if (auto s = recordHistory(c, row, NotificationStatus::Accepted, {}, std::nullopt, now); !s)
            return s;
        if (row.dueAt > now + 1000) {
            if (auto s = changeStatus(c, tenant, row, NotificationStatus::Scheduled, {}, std::nullopt, *settings); !s)
                return s;
        } else if (auto s = deliver(c, events, tenant, row, *settings, rule.value()->rule, *rendered, true, field); !s) {
            return s;
        }
        out.notification = toProtocol(row);
        out.answer = QJsonDocument(protocol::toJson(out.notification)).toJson(QJsonDocument::Compact);
        if (!idempotencyKey.isEmpty()) {
            Sql done(c, QStringLiteral("UPDATE idempotency_keys SET status = 202, answer = ? WHERE tenant_id = ? AND idem_key = ?"));
            done.bind(QString::fromUtf8(out.answer)).bind(tenant.value).bind(idempotencyKey);
            if (auto s = done.exec(); !s)
                return s;
        }
        return {};
    }, m_bus);
    if (!written)
        return written.error();
    return out;
}

Result<protocol::NotificationPage> NotificationService::list(TenantId tenant, const protocol::NotificationQuery &query, QString *field)
{
    QString sql = QStringLiteral("SELECT ") + kNotificationColumns + QStringLiteral(" FROM notifications WHERE tenant_id = ?");
    QVariantList binds{tenant.value};
    if (!query.event.isEmpty()) {
        sql += QStringLiteral(" AND event = ?");
        binds << query.event;
    }
    if (!query.status.isEmpty()) {
        if (!protocol::enumFromName<NotificationStatus>(query.status)) {
            *field = QStringLiteral("status");
            return makeError("invalid_parameter", QStringLiteral("status is one of accepted, scheduled, queued, sent, delivered, read, failed, "
                                                                 "skipped, cancelled"));
        }
        sql += QStringLiteral(" AND status = ?");
        binds << query.status;
    }
    if (!query.reference.isEmpty()) {
        sql += QStringLiteral(" AND reference = ?");
        binds << query.reference;
    }
    if (!query.phone.isEmpty()) {
        auto settings = loadSettings(m_db.connection(), tenant);
        if (!settings)
            return settings.error();
        auto phone = normalizePhoneNumber(query.phone, settings->wire.defaultRegion);
        if (!phone) {
            *field = QStringLiteral("phone");
            return makeError("invalid_parameter", phone.error().message);
        }
        sql += QStringLiteral(" AND phone = ?");
        binds << phone.value();
    }
    for (const auto &[text, op, name] : {std::tuple{query.from, ">=", "from"}, std::tuple{query.to, "<", "to"}}) {
        if (text.isEmpty())
            continue;
        bool isNumber = false;
        qint64 ms = text.toLongLong(&isNumber);
        if (!isNumber) {
            const auto parsed = notify::parseTime(QJsonValue(text), QTimeZone::utc());
            if (!parsed) {
                *field = QString::fromLatin1(name);
                return makeError("invalid_parameter", QStringLiteral("%1 is an ISO date (2026-12-01) or Unix milliseconds").arg(QLatin1String(name)));
            }
            ms = *parsed;
        }
        sql += QStringLiteral(" AND created_at %1 ?").arg(QLatin1String(op));
        binds << ms;
    }
    if (!query.cursor.isEmpty()) {
        bool ok = false;
        const auto raw = crypto::fromBase64Url(query.cursor.toLatin1());
        const qint64 before = raw ? QString::fromLatin1(raw.value()).toLongLong(&ok) : 0;
        if (!ok) {
            *field = QStringLiteral("cursor");
            return makeError("invalid_cursor", QStringLiteral("the cursor is not one this server gave"));
        }
        sql += QStringLiteral(" AND id < ?");
        binds << before;
    }
    const int limit = query.limit > 0 ? int(std::min<qint64>(query.limit, 200)) : 50;
    sql += QStringLiteral(" ORDER BY id DESC LIMIT ?");
    binds << limit + 1;
    Sql q(m_db.connection(), sql);
    for (const QVariant &b : std::as_const(binds))
        q.bind(b);
    if (auto s = q.exec(); !s)
        return s.error();
    protocol::NotificationPage page;
    while (q.next())
        page.items.append(toProtocol(Row::read(q)));
    if (page.items.size() > limit) {
        page.items.removeLast();
        page.nextCursor = QString::fromLatin1(crypto::base64Url(QByteArray::number(page.items.last().id)));
    }
    return page;
}

Result<protocol::Notification> NotificationService::get(TenantId tenant, qint64 id)
{
    auto row = notificationRow(m_db.connection(), tenant, id);
    if (!row)
        return row.error();
    protocol::Notification n = toProtocol(row.value());
    Sql h(m_db.connection(), QStringLiteral("SELECT status, reason, error_code, at, reason_code FROM notification_history WHERE notification_id = ? "
                                            "ORDER BY id"));
    h.bind(id);
    if (auto s = h.exec(); !s)
        return s.error();
    while (h.next()) {
        protocol::NotificationChange change;
        change.status = protocol::enumFromName<NotificationStatus>(h.text(0)).value_or(NotificationStatus::Accepted);
        change.reason = h.text(1);
        change.reasonCode = h.text(4);
        splitLegacyReason(change.reasonCode, change.reason);
        if (!h.isNull(2))
            change.errorCode = h.int64(2);
        change.at = h.int64(3);
        n.history.append(change);
    }
    return n;
}

Result<protocol::Notification> NotificationService::cancel(TenantId tenant, qint64 id, const Actor &actor)
{
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    auto row = notificationRow(tx.connection(), tenant, id);
    if (!row)
        return row.error();
    if (row->status == NotificationStatus::Cancelled)
        return toProtocol(row.value()); // cancelling twice is harmless
    if (row->status != NotificationStatus::Scheduled && row->status != NotificationStatus::Accepted)
        return makeError("not_cancellable", QStringLiteral("this notification is %1 already; only scheduled ones can be cancelled")
                                                .arg(protocol::enumName(row->status)));
    auto settings = loadSettings(tx.connection(), tenant);
    if (!settings)
        return settings.error();
    if (auto s = changeStatus(tx.connection(), tenant, row.value(), NotificationStatus::Cancelled,
                              {QStringLiteral("cancelled"), QStringLiteral("cancelled by ") + actor.label}, std::nullopt, *settings);
        !s)
        return s.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    return get(tenant, id);
}

// --- the worker's jobs ---------------------------------------------------------------------------

// A scheduled notification at its time: the rule as it is now, else skipped.
Status NotificationService::releaseOne(QSqlDatabase c, EventBatch &events, TenantId tenant, Row &row, const Settings &settings)
{
    auto skip = [&](const QString &code, const QString &text) {
        return changeStatus(c, tenant, row, NotificationStatus::Skipped, {code, text}, std::nullopt, settings);
    };
    std::optional<RuleWithTemplate> rule;
    if (row.ruleId) {
        auto found = findRule(c, tenant, QStringLiteral("r.id = ?"), *row.ruleId);
        if (!found)
            return found.error();
        rule = found.value();
    }
    if (!rule || !rule->rule.enabled)
        return skip(QStringLiteral("rule_disabled"), QStringLiteral("the rule for %1 was deleted or disabled before it was sent").arg(row.event));
    if (rule->rule.broken)
        return skip(QStringLiteral("rule_broken"), rule->rule.brokenReason);
    QString field;
    auto rendered = notify::render(rule->rule, rule->components, row.data, settings.quiet.zone, settings.wire.language, &field);
    if (!rendered)
        return skip(rendered.error().code, rendered.error().message);
    return deliver(c, events, tenant, row, settings, rule->rule, *rendered, false, &field);
}

Result<int> NotificationService::releaseDue(int limit)
{
    Sql due(m_db.connection(), QStringLiteral("SELECT id, tenant_id FROM notifications WHERE status = 'scheduled' AND due_at <= ? ORDER BY due_at LIMIT ?"));
    due.bind(m_clock()).bind(limit);
    if (auto s = due.exec(); !s)
        return s.error();
    QList<std::pair<qint64, TenantId>> ids;
    while (due.next())
        ids.append({due.int64(0), TenantId{due.int64(1)}});
    due.finish();
    int released = 0;
    for (const auto &[id, tenant] : std::as_const(ids)) {
        Transaction tx(m_db, Transaction::Priority::Background);
        if (!tx.begun())
            return tx.begun().error();
        auto row = notificationRow(tx.connection(), tenant, id);
        if (!row)
            return row.error();
        if (row->status != NotificationStatus::Scheduled)
            continue; // cancelled meanwhile
        auto settings = loadSettings(tx.connection(), tenant);
        if (!settings)
            return settings.error();
        EventBatch events(tx.connection());
        if (auto s = releaseOne(tx.connection(), events, tenant, row.value(), *settings); !s)
            return s.error();
        if (auto s = events.write(); !s)
            return s.error();
        if (auto s = tx.commit(); !s)
            return s.error();
        (void)m_conversations->publish(events.events());
        ++released;
    }
    return released;
}

Result<int> NotificationService::followEvents(int limit)
{
    Sql q(m_db.connection(), QStringLiteral("SELECT c.tenant_id, c.last_seq, COALESCE(e.last_seq, 0) FROM tenant_event_counters c "
                                            "LEFT JOIN event_cursors e ON e.consumer = ? AND e.tenant_id = c.tenant_id "
                                            "WHERE c.last_seq > COALESCE(e.last_seq, 0)"));
    q.bind(kConsumer);
    if (auto s = q.exec(); !s)
        return s.error();
    QList<std::tuple<TenantId, qint64, qint64>> behind;
    while (q.next())
        behind.append({TenantId{q.int64(0)}, q.int64(2), q.int64(1)});
    q.finish();
    int handled = 0;
    for (const auto &[tenant, from, to] : std::as_const(behind))
        if (auto s = followTenant(tenant, from, to, limit, &handled); !s)
            return s.error();
    return handled;
}

Status NotificationService::followTenant(TenantId tenant, qint64 fromSeq, qint64 toSeq, int limit, int *handled)
{
    Transaction tx(m_db, Transaction::Priority::Background);
    if (!tx.begun())
        return tx.begun();
    QSqlDatabase c = tx.connection();
    Sql read(c, QStringLiteral("SELECT seq, type, data FROM events WHERE tenant_id = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?"));
    read.bind(tenant.value).bind(fromSeq).bind(toSeq).bind(limit);
    if (auto s = read.exec(); !s)
        return s;
    struct Item {
        qint64 seq;
        QString type;
        protocol::Message message;
    };
    QList<Item> items;
    qint64 last = fromSeq;
    while (read.next()) {
        last = read.int64(0);
        const QString type = read.text(1);
        if (type != QLatin1String("message.created") && type != QLatin1String("message.updated"))
            continue;
        const QString data = read.text(2);
        // Only notifications' messages and what contacts write matter.
        if (!data.contains(QLatin1String("\"notification_id\"")) && !data.contains(QLatin1String("\"direction\":\"inbound\"")))
            continue;
        items.append({last, type, protocol::fromJson<protocol::Message>(QJsonDocument::fromJson(data.toUtf8()).object())});
    }
    read.finish();
    if (last == fromSeq)
        last = toSeq; // the log was pruned past the cursor (a long stop): go on from its end
    std::optional<Settings> settings;
    EventBatch events(c);
    for (const Item &item : std::as_const(items)) {
        if (!settings) {
            auto loaded = loadSettings(c, tenant);
            if (!loaded)
                return loaded.error();
            settings = loaded.value();
        }
        const protocol::Message &m = item.message;
        if (m.notificationId && m.direction == protocol::Direction::Outbound) {
            // The notification follows its message.
            NotificationStatus status;
            switch (m.status) {
            case protocol::MessageStatus::Queued: status = NotificationStatus::Queued; break;
            case protocol::MessageStatus::Sent: status = NotificationStatus::Sent; break;
            case protocol::MessageStatus::Delivered: status = NotificationStatus::Delivered; break;
            case protocol::MessageStatus::Read:
            case protocol::MessageStatus::Played: status = NotificationStatus::Read; break;
            case protocol::MessageStatus::Failed: status = NotificationStatus::Failed; break;
            default: continue;
            }
            auto row = notificationRow(c, tenant, *m.notificationId);
            if (!row) {
                if (row.error().code == QLatin1String("not_found"))
                    continue;
                return row.error();
            }
            const NotificationStatus old = row->status;
            const bool retried = old == NotificationStatus::Failed && status == NotificationStatus::Queued;
            if (old == NotificationStatus::Skipped || old == NotificationStatus::Cancelled || (rank(status) <= rank(old) && !retried))
                continue;
            Why why;
            std::optional<qint64> code;
            if (status == NotificationStatus::Failed && m.error) {
                code = m.error->code;
                why = {QStringLiteral("whatsapp_error"), !m.error->message.isEmpty() ? m.error->message : m.error->title};
            } else if (status == NotificationStatus::Failed && m.attention == QLatin1String("interrupted")) {
                why = {QStringLiteral("interrupted"), QStringLiteral("the send was interrupted; an agent decides whether to retry it")};
            } else if (status == NotificationStatus::Failed) {
                why = {QStringLiteral("whatsapp_error"), QStringLiteral("WhatsApp did not deliver the message")};
            }
            if (auto s = changeStatus(c, tenant, row.value(), status, why, code, *settings); !s)
                return s;
            ++*handled;
            continue;
        }
        if (m.direction != protocol::Direction::Inbound || item.type != QLatin1String("message.created"))
            continue;
        // A button tapped under a notification: the CRM hears it.
        if (!m.replyTo.isEmpty() && (m.type == QLatin1String("button") || m.type == QLatin1String("interactive"))) {
            Sql n(c, QStringLiteral("SELECT notification_id FROM whatsapp_messages WHERE tenant_id = ? AND provider_message_id = ? "
                                    "AND notification_id IS NOT NULL"));
            n.bind(tenant.value).bind(m.replyTo);
            if (auto s = n.exec(); !s)
                return s;
            if (n.next()) {
                const qint64 notificationId = n.int64(0);
                n.finish();
                auto row = notificationRow(c, tenant, notificationId);
                if (!row)
                    return row.error();
                Sql up(c, QStringLiteral("UPDATE notifications SET reply_message_id = ?, reply_payload = ?, reply_text = ?, replied_at = ?, "
                                         "updated_at = ? WHERE id = ?"));
                up.bind(m.id).bind(m.replyPayload).bind(m.content).bind(m.timestamp).bind(m_clock()).bind(notificationId);
                if (auto s = up.exec(); !s)
                    return s;
                const QJsonObject payload{{QStringLiteral("type"), QStringLiteral("notification.reply")},
                                          {QStringLiteral("id"), notificationId},
                                          {QStringLiteral("reference"), row->reference},
                                          {QStringLiteral("event"), row->event},
                                          {QStringLiteral("payload"), m.replyPayload},
                                          {QStringLiteral("text"), m.content},
                                          {QStringLiteral("message_id"), m.id},
                                          {QStringLiteral("at"), QDateTime::fromMSecsSinceEpoch(m.timestamp, QTimeZone::utc()).toString(Qt::ISODateWithMs)}};
                if (auto s = queueCallback(c, tenant, *settings, notificationId, QStringLiteral("notification.reply"), payload); !s)
                    return s;
                ++*handled;
            }
            continue;
        }
        // An opt-out keyword, the whole message.
        if (m.type != QLatin1String("text") || !settings->foldedKeywords.contains(notify::foldKeyword(m.content)))
            continue;
        Sql out(c, QStringLiteral("UPDATE whatsapp_conversations SET opted_out_at = ?, updated_at = ? WHERE tenant_id = ? AND id = ? "
                                  "AND opted_out_at IS NULL RETURNING ") + rows::kConversationColumns);
        const qint64 now = m_clock();
        out.bind(now).bind(now).bind(tenant.value).bind(m.conversationId);
        if (auto s = out.exec(); !s)
            return s;
        if (!out.next())
            continue; // opted out already: answered once
        events.append(tenant, QStringLiteral("conversation.updated"), rows::conversationJson(out));
        out.finish();
        if (auto s = AuditLog::append(c, Actor(QStringLiteral("contact")), tenant, QStringLiteral("contact.opted_out"), QStringLiteral("conversation"),
                                      QString::number(m.conversationId), {{QStringLiteral("keyword"), m.content.left(40)}});
            !s)
            return s;
        protocol::SendMessage reply;
        reply.type = QStringLiteral("text");
        reply.message = settings->wire.optOutReply;
        QString field;
        // Within the 24-hour window they just opened: free. A reply that
        // cannot go (WhatsApp not configured) does not undo the opt-out.
        if (auto sent = m_conversations->enqueueIn(c, events, tenant, m.conversationId, reply, UserId{}, &field, nullptr); !sent)
            qWarning("opt-out confirmation not queued: %s", qPrintable(sent.error().message));
        ++*handled;
    }
    Sql cursor(c, QStringLiteral("INSERT INTO event_cursors (consumer, tenant_id, last_seq) VALUES (?, ?, ?) "
                                 "ON CONFLICT (consumer, tenant_id) DO UPDATE SET last_seq = excluded.last_seq"));
    cursor.bind(kConsumer).bind(tenant.value).bind(last);
    if (auto s = cursor.exec(); !s)
        return s;
    if (auto s = events.write(); !s)
        return s;
    if (auto s = tx.commit(); !s)
        return s;
    (void)m_conversations->publish(events.events());
    return {};
}

Result<QList<NotificationService::DueCallback>> NotificationService::dueCallbacks(int limit, const QSet<qint64> &busy)
{
    Sql q(m_db.connection(), QStringLiteral(
        "SELECT d.id, d.tenant_id, d.notification_id, d.kind, d.payload, d.attempts, d.created_at FROM callback_deliveries d "
        "WHERE d.state = 'pending' AND d.next_attempt_at <= ? AND NOT EXISTS (SELECT 1 FROM callback_deliveries o "
        "WHERE o.notification_id = d.notification_id AND o.state = 'pending' AND o.id < d.id) ORDER BY d.next_attempt_at, d.id LIMIT ?"));
    q.bind(m_clock()).bind(limit + busy.size());
    if (auto s = q.exec(); !s)
        return s.error();
    QList<DueCallback> out;
    while (q.next() && out.size() < limit) {
        DueCallback d;
        d.id = q.int64(0);
        if (busy.contains(d.id))
            continue;
        d.tenant = TenantId{q.int64(1)};
        d.notificationId = q.isNull(2) ? 0 : q.int64(2);
        d.kind = q.text(3);
        d.body = q.text(4).toUtf8();
        d.attempts = int(q.int64(5));
        d.createdAt = q.int64(6);
        out.append(d);
    }
    q.finish();
    QHash<qint64, Settings> byTenant;
    for (DueCallback &d : out) {
        if (!byTenant.contains(d.tenant.value)) {
            auto s = loadSettings(m_db.connection(), d.tenant);
            if (!s)
                return s.error();
            byTenant.insert(d.tenant.value, s.value());
        }
        const Settings &s = byTenant[d.tenant.value];
        d.url = s.wire.callbackUrl;
        d.secret = s.secret;
    }
    return out;
}

Status NotificationService::recordCallback(const DueCallback &d, bool delivered, std::optional<int> httpStatus, const QString &answer)
{
    const qint64 now = m_clock();
    const int attempts = d.attempts + 1;
    QString state = QStringLiteral("pending");
    qint64 next = now;
    if (delivered) {
        state = QStringLiteral("delivered");
    } else if (d.kind == QLatin1String("test") || d.url.isEmpty() || now - d.createdAt >= kCallbackGiveUpMs) {
        state = QStringLiteral("failed");
    } else {
        // 10 s, 20 s, 40 s... at most an hour apart, with a tenth of jitter.
        const qint64 delay = std::min<qint64>(m_retryBaseMs << std::min(attempts - 1, 20), 3'600'000);
        next = now + delay + qint64(crypto::randomBytes(2).toHex().toInt(nullptr, 16)) % (delay / 10 + 1);
    }
    Sql q(m_db.connection(), QStringLiteral("UPDATE callback_deliveries SET state = ?, attempts = ?, next_attempt_at = ?, last_status = ?, "
                                            "last_answer = ?, delivered_at = ?, updated_at = ? WHERE id = ?"));
    q.bind(state).bind(attempts).bind(next).bind(httpStatus ? QVariant(*httpStatus) : QVariant(QMetaType(QMetaType::Int)))
        .bind(answer.left(500)).bind(delivered ? QVariant(now) : nullInt()).bind(now).bind(d.id);
    return q.exec();
}

Result<NotificationService::DueCallback> NotificationService::testCallback(TenantId tenant)
{
    auto settings = loadSettings(m_db.connection(), tenant);
    if (!settings)
        return settings.error();
    if (settings->wire.callbackUrl.isEmpty())
        return makeError("invalid_field", QStringLiteral("set a callback URL first"));
    const qint64 now = m_clock();
    const QJsonObject payload{{QStringLiteral("type"), QStringLiteral("test")},
                              {QStringLiteral("message"), QStringLiteral("A test from Puente: your callback URL works.")},
                              {QStringLiteral("at"), QDateTime::fromMSecsSinceEpoch(now, QTimeZone::utc()).toString(Qt::ISODateWithMs)}};
    Sql q(m_db.connection(), QStringLiteral("INSERT INTO callback_deliveries (tenant_id, kind, payload, state, attempts, next_attempt_at, "
                                            "created_at, updated_at) VALUES (?, 'test', ?, 'pending', 0, ?, ?, ?) RETURNING id"));
    // Not due for the worker: the request sends it itself.
    q.bind(tenant.value).bind(rows::compactJson(payload)).bind(std::numeric_limits<qint64>::max()).bind(now).bind(now);
    if (auto s = q.exec(); !s)
        return s.error();
    q.next();
    DueCallback d;
    d.id = q.int64(0);
    d.tenant = tenant;
    d.kind = QStringLiteral("test");
    d.url = settings->wire.callbackUrl;
    d.secret = settings->secret;
    d.body = rows::compactJson(payload).toUtf8();
    d.createdAt = now;
    return d;
}

namespace {
const QString kDeliveryColumns = QStringLiteral(
    "id, notification_id, kind, state, attempts, last_status, last_answer, payload, created_at, next_attempt_at, delivered_at");
protocol::CallbackDelivery readDelivery(const Sql &q)
{
    protocol::CallbackDelivery d;
    d.id = q.int64(0);
    if (!q.isNull(1))
        d.notificationId = q.int64(1);
    d.kind = q.text(2);
    d.state = q.text(3);
    d.attempts = q.int64(4);
    if (!q.isNull(5))
        d.lastStatus = q.int64(5);
    d.lastAnswer = q.text(6);
    d.payload = QJsonDocument::fromJson(q.text(7).toUtf8()).object();
    d.createdAt = q.int64(8);
    if (d.state == QLatin1String("pending") && q.int64(9) < std::numeric_limits<qint64>::max())
        d.nextAttemptAt = q.int64(9);
    if (!q.isNull(10))
        d.deliveredAt = q.int64(10);
    return d;
}
} // namespace

Result<protocol::CallbackDeliveryList> NotificationService::deliveries(TenantId tenant)
{
    Sql q(m_db.connection(), QStringLiteral("SELECT ") + kDeliveryColumns
                                 + QStringLiteral(" FROM callback_deliveries WHERE tenant_id = ? ORDER BY id DESC LIMIT 100"));
    q.bind(tenant.value);
    if (auto s = q.exec(); !s)
        return s.error();
    protocol::CallbackDeliveryList out;
    while (q.next())
        out.items.append(readDelivery(q));
    return out;
}

Result<protocol::CallbackDelivery> NotificationService::delivery(TenantId tenant, qint64 id)
{
    Sql q(m_db.connection(), QStringLiteral("SELECT ") + kDeliveryColumns + QStringLiteral(" FROM callback_deliveries WHERE tenant_id = ? AND id = ?"));
    q.bind(tenant.value).bind(id);
    if (auto s = q.exec(); !s)
        return s.error();
    if (!q.next())
        return makeError("not_found", QStringLiteral("no such delivery"));
    return readDelivery(q);
}

Status NotificationService::prune()
{
    const qint64 now = m_clock();
    if (auto s = deleteOlderThan(m_db, QStringLiteral("callback_deliveries"), QStringLiteral("created_at"), now - 30LL * 24 * 3600 * 1000,
                                 QStringLiteral("state <> 'pending'"), 20);
        !s)
        return s.error();
    Transaction tx(m_db, Transaction::Priority::Background);
    if (!tx.begun())
        return tx.begun();
    Sql q(tx.connection(), QStringLiteral("DELETE FROM idempotency_keys WHERE created_at < ?"));
    q.bind(now - kIdempotencyMs);
    if (auto s = q.exec(); !s)
        return s;
    return tx.commit();
}

} // namespace puente
