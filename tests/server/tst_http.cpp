#include "httpfront.h"
#include "servercontext.h"
#include "storage/database.h"
#include "testsupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>

using namespace puente;
using namespace puente::server;
using namespace puente::test;

class TestHttp : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void healthz();
    void readyz();
    void readyzReportsOldSchema();
    void unknownPathIsJson404();
    void listenAddresses();

private:
    struct Reply {
        int status = 0;
        QJsonObject body;
        QByteArray contentType;
    };
    Reply get(const QString &path);

    std::unique_ptr<TestDatabase> m_test;
    std::unique_ptr<ServerContext> m_context;
    std::unique_ptr<HttpFront> m_front;
    quint16 m_port = 0;
    QNetworkAccessManager m_network;
};

void TestHttp::initTestCase()
{
    QVERIFY(checkBackendAvailable());
}

void TestHttp::init()
{
    auto t = TestDatabase::create();
    PUENTE_VERIFY_OK(t);
    m_test = std::move(t).value();
    Settings settings;
    settings.setOverride(QStringLiteral("database"), m_test->url());
    settings.setOverride(QStringLiteral("data_dir"), m_test->dir());
    auto ctx = ServerContext::start(settings);
    PUENTE_VERIFY_OK(ctx);
    m_context = std::move(ctx).value();
    m_front = std::make_unique<HttpFront>(*m_context);
    auto port = m_front->listen(QHostAddress::LocalHost, 0);
    PUENTE_VERIFY_OK(port);
    m_port = port.value();
}

void TestHttp::cleanup()
{
    m_front.reset();
    m_context.reset();
    m_test.reset();
}

TestHttp::Reply TestHttp::get(const QString &path)
{
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path)));
    request.setTransferTimeout(10000);
    QNetworkReply *reply = m_network.get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(15000))
        return {};
    Reply r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    r.body = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return r;
}

void TestHttp::healthz()
{
    const Reply r = get(QStringLiteral("/healthz"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.contentType, QByteArray("application/json"));
    QCOMPARE(r.body, (QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}}));
}

void TestHttp::readyz()
{
    const Reply r = get(QStringLiteral("/readyz"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body.value(QStringLiteral("status")).toString(), QStringLiteral("ready"));
    QCOMPARE(r.body.value(QStringLiteral("database")).toString(), QStringLiteral("ok"));
    QVERIFY(r.body.value(QStringLiteral("schema_version")).toInt() >= 1);
}

void TestHttp::readyzReportsOldSchema()
{
    // Another node rolled the schema back (or a restore went wrong):
    // not ready, and the answer says why.
    Sql q(m_context->database().connection(), QStringLiteral("DELETE FROM schema_migrations"));
    PUENTE_VERIFY_OK(q.exec());
    const Reply r = get(QStringLiteral("/readyz"));
    QCOMPARE(r.status, 503);
    QCOMPARE(r.body.value(QStringLiteral("status")).toString(), QStringLiteral("unavailable"));
    QVERIFY(r.body.value(QStringLiteral("database")).toString().contains(QLatin1String("schema version 0")));
}

void TestHttp::unknownPathIsJson404()
{
    const Reply r = get(QStringLiteral("/nope"));
    QCOMPARE(r.status, 404);
    QCOMPARE(r.body.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
             QStringLiteral("not_found"));
}

void TestHttp::listenAddresses()
{
    auto v4 = parseListenAddress(QStringLiteral("127.0.0.1:8080"));
    PUENTE_VERIFY_OK(v4);
    QCOMPARE(v4->first, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(v4->second, quint16(8080));
    auto v6 = parseListenAddress(QStringLiteral("[::1]:9000"));
    PUENTE_VERIFY_OK(v6);
    QCOMPARE(v6->first, QHostAddress(QHostAddress::LocalHostIPv6));
    auto any = parseListenAddress(QStringLiteral(":80"));
    PUENTE_VERIFY_OK(any);
    QCOMPARE(any->first, QHostAddress(QHostAddress::Any));
    PUENTE_VERIFY_ERROR(parseListenAddress(QStringLiteral("8080")), "bad_listen");
    PUENTE_VERIFY_ERROR(parseListenAddress(QStringLiteral("127.0.0.1:99999")), "bad_listen");
    PUENTE_VERIFY_ERROR(parseListenAddress(QStringLiteral("example.com:80")), "bad_listen");
}

QTEST_GUILESS_MAIN(TestHttp)
#include "tst_http.moc"
