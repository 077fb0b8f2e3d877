#include "httpfront.h"

#include "logging/logging.h"
#include "servercontext.h"
#include "storage/migrations.h"

#include <QHttpServer>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtConcurrent/QtConcurrentRun>

namespace puente::server {

namespace {
QJsonObject errorBody(const QString &code, const QString &message)
{
    return {{QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}}}};
}
} // namespace

HttpFront::HttpFront(ServerContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_http(std::make_unique<QHttpServer>())
{
    registerRoutes();
}

HttpFront::~HttpFront() = default;

void HttpFront::registerRoutes()
{
    m_http->route(QStringLiteral("/healthz"), QHttpServerRequest::Method::Get, [] {
        return QHttpServerResponse(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}});
    });

    Database *db = &m_context.database();
    m_http->route(QStringLiteral("/readyz"), QHttpServerRequest::Method::Get, [db] {
        return QtConcurrent::run([db] {
            auto version = migrations::currentVersion(*db);
            if (!version || version.value() != migrations::latestVersion()) {
                const QString why = version ? QStringLiteral("schema version %1, expected %2")
                                                  .arg(version.value())
                                                  .arg(migrations::latestVersion())
                                            : version.error().message;
                qCWarning(lcHttp).noquote() << "not ready:" << why;
                return QHttpServerResponse(QJsonObject{{QStringLiteral("status"), QStringLiteral("unavailable")},
                                                       {QStringLiteral("database"), why}},
                                           QHttpServerResponse::StatusCode::ServiceUnavailable);
            }
            return QHttpServerResponse(QJsonObject{{QStringLiteral("status"), QStringLiteral("ready")},
                                                   {QStringLiteral("database"), QStringLiteral("ok")},
                                                   {QStringLiteral("schema_version"), version.value()}});
        });
    });

    m_http->setMissingHandler([](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        responder.write(QJsonDocument(errorBody(QStringLiteral("not_found"),
                                                QStringLiteral("no such endpoint: %1").arg(request.url().path()))),
                        QHttpServerResponder::StatusCode::NotFound);
    });
}

Result<quint16> HttpFront::listen(const QHostAddress &address, quint16 port)
{
    const quint16 bound = m_http->listen(address, port);
    if (bound == 0)
        return makeError("listen_failed", QStringLiteral("cannot listen on %1:%2 (in use, or not allowed)")
                                              .arg(address.toString())
                                              .arg(port));
    return bound;
}

Result<std::pair<QHostAddress, quint16>> parseListenAddress(const QString &text)
{
    const int colon = text.lastIndexOf(QLatin1Char(':'));
    bool ok = false;
    const uint port = colon >= 0 ? text.mid(colon + 1).toUInt(&ok) : 0;
    if (colon < 0 || !ok || port > 65535)
        return makeError("bad_listen", QStringLiteral("--listen wants HOST:PORT, for example 127.0.0.1:8080; got \"%1\"").arg(text));
    QString host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    QHostAddress address;
    if (host.isEmpty() || host == QLatin1String("*"))
        address = QHostAddress::Any;
    else if (host == QLatin1String("localhost"))
        address = QHostAddress::LocalHost;
    else if (!address.setAddress(host))
        return makeError("bad_listen", QStringLiteral("\"%1\" is not an IP address").arg(host));
    return std::pair{address, quint16(port)};
}

} // namespace puente::server
