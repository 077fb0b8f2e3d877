#pragma once

#include "common/result.h"

#include <QJsonObject>
#include <QNetworkReply>
#include <QSqlDatabase>
#include <QString>
#include <QTest>

#include <memory>
#include <utility>

namespace puente {
class Database;
}

// QVERIFY for a puente::Result / Status that prints the error on failure.
#define PUENTE_VERIFY_OK(result)                                                                       \
    do {                                                                                               \
        const auto &puente_r_ = (result);                                                              \
        QVERIFY2(puente_r_.ok(),                                                                       \
                 qPrintable(puente_r_.ok() ? QString()                                                 \
                                           : puente_r_.error().code + QStringLiteral(": ")             \
                                                 + puente_r_.error().message));                        \
    } while (false)

// Checks that a Result failed with the given error code.
#define PUENTE_VERIFY_ERROR(result, expectedCode)                                                      \
    do {                                                                                               \
        const auto &puente_r_ = (result);                                                              \
        QVERIFY2(!puente_r_.ok(), "expected an error, got success");                                   \
        QCOMPARE(puente_r_.error().code, QStringLiteral(expectedCode));                                \
    } while (false)

namespace puente::test {

enum class Backend { Sqlite, Postgres };

// Which store this run of a storage suite uses: CTest runs every such suite
// twice, with PUENTE_TEST_BACKEND=sqlite and =postgres.
Backend backend();
QString backendName();

// A fresh, empty database for one test: a SQLite file in a temporary folder,
// or a new PostgreSQL database on the server named by PUENTE_TEST_PG_URL
// (dropped again afterwards). PostgreSQL runs fail, never skip, when that
// server is missing: ./puente.sh test starts one.
class TestDatabase {
public:
    static Result<std::unique_ptr<TestDatabase>> create();
    // A fresh database and a Database opened on it (optionally migrated).
    using Opened = std::pair<std::unique_ptr<TestDatabase>, std::unique_ptr<Database>>;
    static Result<Opened> createOpened(bool migrate);
    ~TestDatabase();

    QString url() const { return m_url; }
    // A folder that lives as long as this database (data dir for key files).
    QString dir() const;

private:
    TestDatabase() = default;
    QString m_url;
    QString m_pgName;
    std::unique_ptr<class QTemporaryDir> m_dir;
};

// Fails the current test when PostgreSQL is wanted but not configured.
bool checkBackendAvailable();

// An HTTP answer as the API tests read it (status 0: none came).
struct HttpReply {
    int status = 0;
    QJsonObject body;
    QByteArray raw;
    QList<QNetworkReply::RawHeaderPair> headers;
    QByteArray header(const QByteArray &name) const;
    QString code() const { return body.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(); }
    QString field() const { return body.value(QStringLiteral("error")).toObject().value(QStringLiteral("field")).toString(); }
};

// A request to a server on this machine: `token` as a bearer, `payload`
// (JSON) as the body, then `headers`.
QNetworkReply *sendRequest(QNetworkAccessManager &network, quint16 port, const QByteArray &method, const QString &path, const QString &token,
                           const QByteArray &payload, const QList<std::pair<QByteArray, QByteArray>> &headers = {});
// Waits (up to 35 s) for the answer and reads it; the reply is deleted later.
HttpReply waitForReply(QNetworkReply *reply);

// Meta's webhook POST of one change (`field`, `value`) of WABA `wabaId`,
// signed with `appSecret` as Meta signs it, to a server on this machine.
HttpReply postWebhook(QNetworkAccessManager &network, quint16 port, const QByteArray &appSecret, const QString &wabaId, const QString &field,
                      const QJsonObject &value);

// The first column of the first row of a query with `binds` (-1 / "<none>"
// when it fails or finds nothing), on the main database.
qint64 queryCount(Database &db, const QString &sql, const QVariantList &binds = {});
QString queryText(Database &db, const QString &sql, const QVariantList &binds = {});

// The connection a test query belongs on: webhook_inbox is a file of its own
// on SQLite (Database::inbox()), everything else is in the main database.
QSqlDatabase connectionFor(Database &db, const QString &sql);

// A zip at `path` with these entries (name -> bytes), written with libzip
// as WhatsApp's "Export chat" makes them (the names as given: tests put
// unsafe ones in on purpose).
bool writeZip(const QString &path, const QList<std::pair<QByteArray, QByteArray>> &entries);

} // namespace puente::test
