#include "testsupport.h"

#include <zip.h>

#include "crypto/crypto.h"
#include "storage/sql.h"
#include "storage/migrations.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUrl>

namespace puente::test {

namespace {
QString adminUrl()
{
    return qEnvironmentVariable("PUENTE_TEST_PG_URL");
}
} // namespace

Backend backend()
{
    return qEnvironmentVariable("PUENTE_TEST_BACKEND") == QLatin1String("postgres") ? Backend::Postgres : Backend::Sqlite;
}

QString backendName()
{
    return backend() == Backend::Postgres ? QStringLiteral("postgres") : QStringLiteral("sqlite");
}

qint64 queryCount(Database &db, const QString &sql, const QVariantList &binds)
{
    Sql q(db.connection(), sql);
    for (const QVariant &b : binds)
        q.bind(b);
    if (!q.exec() || !q.next())
        return -1;
    return q.int64(0);
}

QString queryText(Database &db, const QString &sql, const QVariantList &binds)
{
    Sql q(db.connection(), sql);
    for (const QVariant &b : binds)
        q.bind(b);
    if (!q.exec() || !q.next())
        return QStringLiteral("<none>");
    return q.text(0);
}

HttpReply postWebhook(QNetworkAccessManager &network, quint16 port, const QByteArray &appSecret, const QString &wabaId, const QString &field,
                      const QJsonObject &value)
{
    const QJsonObject body{{QStringLiteral("object"), QStringLiteral("whatsapp_business_account")},
                           {QStringLiteral("entry"), QJsonArray{QJsonObject{{QStringLiteral("id"), wabaId},
                                                                            {QStringLiteral("changes"), QJsonArray{QJsonObject{
                                                                                {QStringLiteral("field"), field}, {QStringLiteral("value"), value}}}}}}}};
    const QByteArray raw = QJsonDocument(body).toJson(QJsonDocument::Compact);
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/api/whatsapp/webhook").arg(port)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(30000);
    request.setRawHeader("X-Hub-Signature-256", "sha256=" + crypto::hmacSha256(appSecret, raw).toHex());
    return waitForReply(network.post(request, raw));
}

QSqlDatabase connectionFor(Database &db, const QString &sql)
{
    return sql.contains(QLatin1String("webhook_inbox")) ? db.inbox().connection() : db.connection();
}

bool checkBackendAvailable()
{
    if (backend() == Backend::Postgres && adminUrl().isEmpty()) {
        QTest::qFail("PUENTE_TEST_BACKEND=postgres but PUENTE_TEST_PG_URL is not set: PostgreSQL tests need a "
                     "server (./puente.sh test starts a throwaway one)",
                     __FILE__, __LINE__);
        return false;
    }
    return true;
}

Result<std::unique_ptr<TestDatabase>> TestDatabase::create()
{
    std::unique_ptr<TestDatabase> t(new TestDatabase);
    t->m_dir = std::make_unique<QTemporaryDir>();
    if (!t->m_dir->isValid())
        return makeError("io_error", QStringLiteral("no temporary folder"));
    if (backend() == Backend::Sqlite) {
        t->m_url = QStringLiteral("sqlite://") + t->m_dir->path() + QStringLiteral("/puente.db");
        return t;
    }
    const QString admin = adminUrl();
    if (admin.isEmpty())
        return makeError("no_postgres", QStringLiteral("PUENTE_TEST_PG_URL is not set"));
    auto adminDb = Database::open(admin);
    if (!adminDb)
        return adminDb.error();
    t->m_pgName = QStringLiteral("puente_t_") + QString::fromLatin1(crypto::randomBytes(6).toHex());
    if (auto s = Sql::run(adminDb.value()->connection(), QStringLiteral("CREATE DATABASE ") + t->m_pgName); !s)
        return s.error();
    QUrl url(admin);
    url.setPath(QLatin1Char('/') + t->m_pgName);
    t->m_url = url.toString();
    return t;
}

Result<TestDatabase::Opened> TestDatabase::createOpened(bool migrate)
{
    auto test = create();
    if (!test)
        return test.error();
    auto db = Database::open(test.value()->url());
    if (!db)
        return db.error();
    if (migrate) {
        if (auto applied = migrations::migrate(*db.value()); !applied)
            return applied.error();
    }
    return Opened{std::move(test).value(), std::move(db).value()};
}

QString TestDatabase::dir() const
{
    return m_dir->path();
}

TestDatabase::~TestDatabase()
{
    if (m_pgName.isEmpty())
        return;
    if (auto adminDb = Database::open(adminUrl()))
        (void)Sql::run(adminDb.value()->connection(),
                       QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_pgName));
}

QByteArray HttpReply::header(const QByteArray &name) const
{
    for (const auto &[k, v] : headers)
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    return {};
}

QNetworkReply *sendRequest(QNetworkAccessManager &network, quint16 port, const QByteArray &method, const QString &path, const QString &token,
                           const QByteArray &payload, const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path)));
    request.setTransferTimeout(30000);
    if (!payload.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    for (const auto &[k, v] : headers)
        request.setRawHeader(k, v);
    return network.sendCustomRequest(request, method, payload);
}

HttpReply waitForReply(QNetworkReply *reply)
{
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(35000))
        return {};
    HttpReply r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.raw = reply->readAll();
    r.body = QJsonDocument::fromJson(r.raw).object();
    r.headers = reply->rawHeaderPairs();
    reply->deleteLater();
    return r;
}

bool writeZip(const QString &path, const QList<std::pair<QByteArray, QByteArray>> &entries)
{
    int error = 0;
    zip_t *z = zip_open(QFile::encodeName(path).constData(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (!z)
        return false;
    // libzip reads the buffers when the archive is closed.
    for (const auto &[name, data] : entries) {
        zip_source_t *src = zip_source_buffer(z, data.constData(), zip_uint64_t(data.size()), 0);
        if (zip_file_add(z, name.constData(), src, ZIP_FL_ENC_UTF_8) < 0) {
            zip_source_free(src);
            zip_discard(z);
            return false;
        }
    }
    return zip_close(z) == 0;
}

} // namespace puente::test
