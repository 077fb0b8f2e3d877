#pragma once

#include "common/result.h"

#include <QString>

namespace puente {

class Database;

// Versioned schema migrations, applied at start-up. Each step runs in its own
// transaction and records itself in `schema_migrations`; running them twice,
// or on several nodes at once, is safe: PostgreSQL serialises migrators with
// an advisory lock, SQLite with `BEGIN IMMEDIATE`, and every step re-checks
// the version inside its transaction.
namespace migrations {

// The schema version this build knows.
int latestVersion();

// The version recorded in the database (0 for an empty database).
Result<int> currentVersion(Database &db);

// Brings the schema to latestVersion(). Refuses, changing nothing, when the
// database was written by a newer Puente. Returns how many steps it applied.
Result<int> migrate(Database &db);
// The same, stopping after version `upTo`: a database as an older release
// left it (upgrade tests).
Result<int> migrate(Database &db, int upTo);

} // namespace migrations
} // namespace puente
