#include "storage/databaseurl.h"

#include <QDir>
#include <QUrl>
#include <QUrlQuery>

namespace puente {

Result<DatabaseUrl> DatabaseUrl::parse(const QString &text)
{
    DatabaseUrl out;
    if (text.startsWith(QLatin1String("sqlite:"))) {
        QString path = text.mid(7);
        if (path.startsWith(QLatin1String("//")))
            path = path.mid(2); // sqlite:///abs -> /abs ; sqlite://rel -> rel
        if (path.isEmpty())
            return makeError("bad_database_url", QStringLiteral("sqlite URL has no file path: %1").arg(text));
        out.dialect = Dialect::Sqlite;
        out.path = QDir::cleanPath(path);
        return out;
    }
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme();
    if (scheme != QLatin1String("postgres") && scheme != QLatin1String("postgresql")) {
        return makeError("bad_database_url",
                         QStringLiteral("unknown database URL scheme \"%1\": use sqlite:///path/puente.db or "
                                        "postgres://user:pass@host:port/db")
                             .arg(scheme.isEmpty() ? text.section(QLatin1Char(':'), 0, 0) : scheme));
    }
    if (!url.isValid())
        return makeError("bad_database_url", QStringLiteral("malformed PostgreSQL URL"));
    out.dialect = Dialect::Postgres;
    out.host = url.host();
    out.port = url.port(5432);
    out.user = url.userName();
    out.password = url.password();
    out.database = url.path().mid(1);
    QStringList options;
    const auto items = QUrlQuery(url).queryItems(QUrl::FullyDecoded);
    for (const auto &[key, value] : items) {
        if (key == QLatin1String("host"))
            out.host = value;
        else
            options.append(key + QLatin1Char('=') + value);
    }
    out.options = options.join(QLatin1Char(';'));
    if (out.database.isEmpty())
        return makeError("bad_database_url", QStringLiteral("PostgreSQL URL names no database: %1").arg(out.redacted()));
    return out;
}

QString DatabaseUrl::redacted() const
{
    if (dialect == Dialect::Sqlite)
        return QStringLiteral("sqlite://") + path;
    QString auth = user;
    if (!password.isEmpty())
        auth += QStringLiteral(":***");
    return QStringLiteral("postgres://%1@%2:%3/%4").arg(auth, host).arg(port).arg(database);
}

} // namespace puente
