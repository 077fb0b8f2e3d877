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

Reply problem(ErrorCode code, const QString &message, const QString &field)
{
    return Reply::error(protocol::httpStatus(code), protocol::errorName(code), message, field.isEmpty() ? protocol::defaultField(code) : field);
}

Reply notFound(const QString &what)
{
    return problem(ErrorCode::NotFound, QStringLiteral("no such %1").arg(what));
}

Reply problem(const protocol::ApiProblem &p)
{
    return Reply::error(protocol::httpStatus(p.code), p.name.isEmpty() ? protocol::errorName(p.code) : p.name, p.message,
                        p.field.isEmpty() ? protocol::defaultField(p.code) : p.field);
}

Reply fromError(const Error &error, const QString &fieldHint)
{
    // Storage trouble: the client gets a stable code and retries.
    if (error.code == QLatin1String("database_unavailable") || error.code == QLatin1String("storage_error")) {
        qCWarning(lcHttp).noquote() << "request failed:" << error.code << error.message;
        return problem(ErrorCode::Unavailable, QStringLiteral("the server cannot reach its database right now; try again shortly"));
    }
    const ErrorCode code = protocol::errorCodeFromName(error.code);
    if (code != ErrorCode::Unknown && code != ErrorCode::InternalError)
        return problem(protocol::ApiProblem{code, error.code, error.message, fieldHint});
    // Anything else is a bug: the detail goes to the log.
    qCWarning(lcHttp).noquote() << "request failed:" << error.code << error.message;
    return problem(ErrorCode::InternalError, QStringLiteral("something went wrong on the server; it has been logged"));
}

Method Router::method(protocol::Verb verb)
{
    switch (verb) {
    case protocol::Verb::Get: return Method::Get;
    case protocol::Verb::Post: return Method::Post;
    case protocol::Verb::Patch: return Method::Patch;
    case protocol::Verb::Delete: return Method::Delete;
    }
    return Method::Get;
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

} // namespace puente::server::api
