#pragma once

#include "common/result.h"

#include <QString>

namespace puente {

enum class Dialect { Sqlite, Postgres };

// A parsed database URL:
//   sqlite:///absolute/path/puente.db     (sqlite:relative/path.db is accepted too)
//   postgres://user:password@host:5432/dbname?sslmode=require
//   postgresql://user@/dbname?host=/run/postgresql   (Unix socket)
struct DatabaseUrl {
    Dialect dialect = Dialect::Sqlite;
    QString path;      // SQLite file
    QString host;      // PostgreSQL host name, address or socket folder
    int port = 5432;
    QString user;
    QString password;
    QString database;
    QString options;   // extra libpq options, "key=value;key=value"

    static Result<DatabaseUrl> parse(const QString &url);
    // The URL without its password, safe for logs and error messages.
    QString redacted() const;
};

} // namespace puente
