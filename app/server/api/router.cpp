#include "api.h"

#include "protocol/text.h"
#include "logging/logging.h"

#include <QJsonDocument>

namespace puente::server::api {

Actor Principal::actor(const QString &clientAddress) const
{
    switch (kind) {
    case Kind::Session: return Actor(userId, email, clientAddress);
    case Kind::ApiKey: return Actor(UserId(), QStringLiteral("api-key:") + apiKeyName, clientAddress);
    case Kind::Anonymous: break;
    }
    return Actor(UserId(), QStringLiteral("anonymous"), clientAddress);
}

std::optional<qint64> Request::id(int i) const
{
    bool ok = false;
    const qint64 v = params.value(i).toLongLong(&ok);
    return ok && v > 0 ? std::optional<qint64>(v) : std::nullopt;
}

Reply fromError(const Error &error, const QString &fieldHint)
{
    static const QHash<QString, std::pair<int, QString>> known = {
        {QStringLiteral("not_found"), {404, {}}},
        {QStringLiteral("email_taken"), {409, QStringLiteral("email")}},
        {QStringLiteral("slug_taken"), {409, QStringLiteral("slug")}},
        {QStringLiteral("phone_number_taken"), {409, QStringLiteral("phone_number_id")}},
        {QStringLiteral("business_account_taken"), {409, QStringLiteral("business_account_id")}},
        {QStringLiteral("last_admin"), {409, QStringLiteral("role")}},
        {QStringLiteral("contact_blocked"), {409, QStringLiteral("status")}},
        {QStringLiteral("whatsapp_not_configured"), {409, {}}},
        {QStringLiteral("media_not_available"), {409, {}}},
        {QStringLiteral("not_retryable"), {409, {}}},
        {QStringLiteral("not_replayable"), {409, {}}},
        {QStringLiteral("invalid_email"), {422, QStringLiteral("email")}},
        {QStringLiteral("invalid_name"), {422, QStringLiteral("name")}},
        {QStringLiteral("weak_password"), {422, QStringLiteral("password")}},
        {QStringLiteral("invalid_role"), {422, QStringLiteral("role")}},
        {QStringLiteral("invalid_slug"), {422, QStringLiteral("slug")}},
        {QStringLiteral("invalid_scope"), {422, QStringLiteral("scopes")}},
        {QStringLiteral("invalid_status"), {422, QStringLiteral("status")}},
        {QStringLiteral("invalid_assignee"), {422, QStringLiteral("assigned_user_id")}},
        {QStringLiteral("invalid_phone_number"), {422, QStringLiteral("phone")}},
        {QStringLiteral("invalid_phone_number_id"), {422, QStringLiteral("phone_number_id")}},
        {QStringLiteral("invalid_business_account_id"), {422, QStringLiteral("business_account_id")}},
        {QStringLiteral("invalid_message"), {422, {}}},
        {QStringLiteral("window_closed"), {422, QStringLiteral("type")}},
        {QStringLiteral("tenant_required"), {422, QStringLiteral("tenant")}},
        {QStringLiteral("invalid_cursor"), {400, QStringLiteral("cursor")}},
        {QStringLiteral("invalid_credentials"), {401, {}}},
        {QStringLiteral("tenant_suspended"), {403, {}}},
        {QStringLiteral("plan_limit_reached"), {409, QStringLiteral("plan")}},
        {QStringLiteral("too_many_attempts"), {429, {}}},
    };
    const auto it = known.constFind(error.code);
    if (it != known.constEnd())
        return Reply::error(it->first, error.code, error.message, fieldHint.isEmpty() ? it->second : fieldHint);
    // Storage and other internal errors: the detail goes to the log, the
    // client gets a stable code.
    qCWarning(lcHttp).noquote() << "request failed:" << error.code << error.message;
    if (error.code == QLatin1String("database_unavailable") || error.code == QLatin1String("storage_error"))
        return Reply::error(503, QStringLiteral("unavailable"), QStringLiteral("the server cannot reach its database right now; try again shortly"));
    return Reply::error(500, QStringLiteral("internal_error"), QStringLiteral("something went wrong on the server; it has been logged"));
}


void Router::add(Method method, const QString &pattern, Access access, Handler handler)
{
    m_routes.append({method, pattern, pattern.split(QLatin1Char('/')), std::move(access), std::move(handler), false});
}

void Router::add(Method method, const QString &pattern, Access access, AsyncHandler handler)
{
    m_routes.append({method, pattern, pattern.split(QLatin1Char('/')), std::move(access), {}, false, std::move(handler)});
}

bool PoolGate::start(std::function<void()> work)
{
    std::lock_guard lock(m_mutex);
    if (!m_pool)
        return false;
    m_pool->start(std::move(work));
    return true;
}

void PoolGate::close()
{
    std::lock_guard lock(m_mutex);
    m_pool = nullptr;
}

void Router::addExternal(Method method, const QString &pattern)
{
    m_routes.append({method, pattern, pattern.split(QLatin1Char('/')), Access::publicRoute(), {}, true});
}

Router::Match Router::match(Method method, const QString &path) const
{
    const QStringList segments = path.split(QLatin1Char('/'));
    Match m;
    for (const Route &r : m_routes) {
        if (r.segments.size() != segments.size())
            continue;
        QStringList params;
        bool same = true;
        for (int i = 0; i < segments.size() && same; ++i) {
            const QString &want = r.segments[i];
            if (want.startsWith(QLatin1Char('{')))
                params.append(segments[i]);
            else
                same = want == segments[i];
        }
        if (!same || params.contains(QString()))
            continue;
        if (r.method == method || (method == Method::Head && r.method == Method::Get && r.external)) {
            m.route = &r;
            m.params = params;
            m.allowed.clear();
            return m;
        }
        if (!m.allowed.contains(methodName(r.method)))
            m.allowed.append(methodName(r.method));
    }
    return m;
}

QStringList Router::routes() const
{
    QStringList out;
    for (const Route &r : m_routes)
        out.append(methodName(r.method) + QLatin1Char(' ') + r.pattern);
    return out;
}

std::optional<QString> BodyReader::string(const QString &field, bool required, int maxLength, bool multiline)
{
    const QJsonValue v = json.value(field);
    if (v.isUndefined() || v.isNull()) {
        if (required && !error)
            error = Reply::error(422, QStringLiteral("missing_field"), QStringLiteral("%1 is required").arg(field), field);
        return std::nullopt;
    }
    if (!v.isString()) {
        if (!error)
            error = Reply::error(422, QStringLiteral("invalid_field"), QStringLiteral("%1 must be a string").arg(field), field);
        return std::nullopt;
    }
    if (v.toString().size() > maxLength) {
        if (!error)
            error = Reply::error(422, QStringLiteral("invalid_field"), QStringLiteral("%1 is longer than %2 characters").arg(field).arg(maxLength), field);
        return std::nullopt;
    }
    if (const QString problem = text::problem(v.toString(), multiline ? text::Kind::Multiline : text::Kind::Line); !problem.isEmpty()) {
        if (!error)
            error = Reply::error(422, QStringLiteral("invalid_field"), QStringLiteral("%1 %2").arg(field, problem), field);
        return std::nullopt;
    }
    if (required && v.toString().trimmed().isEmpty()) {
        if (!error)
            error = Reply::error(422, QStringLiteral("missing_field"), QStringLiteral("%1 must not be empty").arg(field), field);
        return std::nullopt;
    }
    return v.toString();
}

std::optional<bool> BodyReader::boolean(const QString &field)
{
    const QJsonValue v = json.value(field);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    if (!v.isBool()) {
        if (!error)
            error = Reply::error(422, QStringLiteral("invalid_field"), QStringLiteral("%1 must be true or false").arg(field), field);
        return std::nullopt;
    }
    return v.toBool();
}

std::optional<qint64> BodyReader::integer(const QString &field)
{
    const QJsonValue v = json.value(field);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    if (!v.isDouble() || v.toDouble() != double(v.toInteger())) {
        if (!error)
            error = Reply::error(422, QStringLiteral("invalid_field"), QStringLiteral("%1 must be a whole number").arg(field), field);
        return std::nullopt;
    }
    return v.toInteger();
}

} // namespace puente::server::api
