// Meta access tokens watched and renewed (issue 25, part 2): debug_token
// read the way Meta answers it, a token refused on save when it is not
// valid, has expired, lacks a permission or is not granted for the
// account, warnings 14/7/1 days before expiry with a fake clock, renewal of
// a user token through the company's own app, and a renewal that fails.
#include "meta/accesstoken.h"
#include "messaging/tokenwatch.h"
#include "runningserver.h"
#include "sandbox/sandbox.h"
#include "sandboxdemo.h"
#include "storage/database.h"
#include "storage/whatsappconfigrepository.h"
#include "testsupport.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrlQuery>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QtConcurrent/QtConcurrentRun>

using namespace puente;
using namespace puente::server;
using namespace puente::sandbox;
using namespace puente::test;

namespace {
constexpr qint64 kDay = 24LL * 3600 * 1000;
const QString kWaba = QStringLiteral("200000000000001");
const QString kNumber = QStringLiteral("100000000000001");

QJsonObject fixture(const QString &name)
{
    QFile f(QStringLiteral(PUENTE_FIXTURES_DIR "/graph-responses/") + name);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

// The Sandbox answers on this thread: work that waits on Graph runs on
// another while this one turns the event loop.
template<typename F>
auto offThread(F f)
{
    auto future = QtConcurrent::run(std::move(f));
    while (!future.isFinished())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    return future.result();
}
} // namespace

class TestTokens : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(checkBackendAvailable()); }
    void init();
    void cleanup();

    void readsMetasDebugTokenAnswer();
    void checksScopesAccountsAndExpiry();
    void sandboxAnswersInMetasShapes();
    void warningDueAt14_7_1Days();
    void saveRefusesWhatMetaRefuses_data();
    void saveRefusesWhatMetaRefuses();
    void saveKeepsWhatMetaSaidAndHealthShowsIt();
    void watchWarnsOnceAt14_7_1DaysThenExpired();
    void watchRenewsAUserTokenOfTheCompanysApp();
    void failedRenewalKeepsTheOldTokenAndWarns();
    void renewalThatDoesNotExtendIsAFailure();
    void wrongAppSecretIsRefusedOnSave();
    void systemUserTokenNeverExpiresAndIsNotRenewed();

private:
    HttpReply call(const QByteArray &method, const QString &path, const QJsonObject &body = {});
    QJsonObject saveBody(const QString &token, const QJsonObject &extra = {}) const;
    // A user token Meta knows, expiring `days` after the fake clock's now,
    // saved with the company's own app (the Sandbox's id and secret): renewable.
    int saveWithOwnApp(const QString &token, int days);
    std::unique_ptr<TokenWatch> watch();
    WhatsAppConfig stored();
    QStringList auditActions();

    std::unique_ptr<TestDatabase> m_test;
    DemoServer m_server;
    QString m_token;
    TenantId m_tenant;
    qint64 m_now = 0; // the watch's fake clock
    QNetworkAccessManager m_network;
};

void TestTokens::init()
{
    auto t = TestDatabase::create();
    PUENTE_VERIFY_OK(t);
    m_test = std::move(t).value();
    // The token watch off: the test drives its own, with a fake clock.
    Settings settings = RunningServer::quietSettings(m_test->url(), m_test->dir());
    auto started = DemoServer::start(settings);
    PUENTE_VERIFY_OK(started);
    m_server = std::move(started).value();
    m_tenant = m_server.tenant;
    const auto &accounts = m_server.accounts;
    const HttpReply login = call("POST", QStringLiteral("/api/auth/login"),
                                 {{QStringLiteral("email"), accounts.adminEmail}, {QStringLiteral("password"), accounts.password}});
    QCOMPARE(login.status, 200);
    m_token = login.body.value(QStringLiteral("token")).toString();
    m_now = QDateTime::currentMSecsSinceEpoch();
}

void TestTokens::cleanup()
{
    m_server.stop();
    m_test.reset();
}

HttpReply TestTokens::call(const QByteArray &method, const QString &path, const QJsonObject &body)
{
    return waitForReply(sendRequest(m_network, m_server.port, method, path, m_token,
                                    body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact)));
}

QJsonObject TestTokens::saveBody(const QString &token, const QJsonObject &extra) const
{
    QJsonObject body{{QStringLiteral("business_api_token"), token},
                     {QStringLiteral("phone_number_id"), kNumber},
                     {QStringLiteral("business_account_id"), kWaba}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        body.insert(it.key(), it.value());
    return body;
}

int TestTokens::saveWithOwnApp(const QString &token, int days)
{
    m_server.demo->sandbox().setToken(token, {kWaba, QStringLiteral("USER"), m_now / 1000 + days * 86400LL, meta::requiredTokenScopes()});
    return call("POST", QStringLiteral("/api/whatsapp/config"),
                saveBody(token, {{QStringLiteral("app_id"), QStringLiteral("1234567890")},
                                 {QStringLiteral("app_secret"), m_server.context->settings().value(QStringLiteral("app_secret"))}}))
        .status;
}

std::unique_ptr<TokenWatch> TestTokens::watch()
{
    TokenWatchSettings s;
    s.platformAppId = m_server.context->settings().value(QStringLiteral("app_id"));
    s.platformAppSecret = m_server.context->settings().value(QStringLiteral("app_secret"));
    s.clock = [this] { return m_now; };
    return std::make_unique<TokenWatch>(m_server.context->database(), m_server.context->keyring(), &m_server.context->eventBus(), m_server.context->graph(), s);
}

static WhatsAppConfig stored_(ServerContext &c, TenantId tenant)
{
    auto found = WhatsAppConfigRepository(c.database(), c.keyring()).find(tenant, ApiType::BusinessApi);
    return found && found.value() ? *found.value() : WhatsAppConfig();
}

WhatsAppConfig TestTokens::stored()
{
    return stored_(*m_server.context, m_tenant);
}

QStringList TestTokens::auditActions()
{
    QStringList out;
    QSqlDatabase c = m_server.context->database().connection();
    QSqlQuery q(c);
    q.prepare(QStringLiteral("SELECT action FROM audit_log WHERE tenant_id = ? AND action LIKE 'whatsapp_config.token%' ORDER BY id"));
    q.addBindValue(m_tenant.value);
    q.exec();
    while (q.next())
        out.append(q.value(0).toString());
    return out;
}

void TestTokens::readsMetasDebugTokenAnswer()
{
    const QJsonObject body = fixture(QStringLiteral("debug-token__200__metadocs.json"));
    QVERIFY(!body.isEmpty());
    const meta::TokenInspection t = meta::parseDebugToken(body);
    QVERIFY(t.valid);
    QCOMPARE(t.type, QStringLiteral("SYSTEM_USER"));
    QCOMPARE(t.appId, QStringLiteral("634974688087057"));
    QCOMPARE(t.expiresAt, 0);
    QCOMPARE(t.scopes, (QStringList{QStringLiteral("whatsapp_business_management"), QStringLiteral("whatsapp_business_messaging")}));
    QVERIFY(t.grantedWabaIds.isEmpty()); // Meta's example grants no particular account
    QVERIFY(meta::checkTokenFor(t, kWaba, 1'700'000'000).ok());
    // Tolerant of other shapes: no data at all, numbers as strings.
    QVERIFY(!meta::parseDebugToken({}).valid);
    const meta::TokenInspection odd = meta::parseDebugToken(QJsonDocument::fromJson(R"({"data":{"is_valid":true,"app_id":634974688087057,
        "expires_at":1900000000,"granular_scopes":[{"scope":"whatsapp_business_messaging","target_ids":[102290129340398]}]}})").object());
    QCOMPARE(odd.appId, QStringLiteral("634974688087057"));
    QCOMPARE(odd.expiresAt, 1900000000);
    QCOMPARE(odd.grantedWabaIds, QStringList{QStringLiteral("102290129340398")});
}

// Meta's documented answers read as expected, and the Sandbox answers
// with the same keys (what the tests against it prove holds against Meta).
void TestTokens::sandboxAnswersInMetasShapes()
{
    const QJsonObject user = fixture(QStringLiteral("debug-token-user__200__metadocs.json"));
    const QJsonObject expired = fixture(QStringLiteral("debug-token-expired__200__composed-from-metadocs.json"));
    const QJsonObject exchange = fixture(QStringLiteral("oauth-fb-exchange-token__200__metadocs.json"));
    QVERIFY(!user.isEmpty() && !expired.isEmpty() && !exchange.isEmpty());
    const meta::TokenInspection u = meta::parseDebugToken(user);
    QVERIFY(u.valid);
    QCOMPARE(u.type, QStringLiteral("USER"));
    QCOMPARE(u.expiresAt, 1570820400);
    QVERIFY(u.grantedWabaIds.isEmpty()); // page grants are not WhatsApp grants
    auto lacking = meta::checkTokenFor(u, kWaba, 1570000000);
    PUENTE_VERIFY_ERROR(lacking, "token_missing_scope"); // a Facebook Login token without the WhatsApp permissions
    PUENTE_VERIFY_ERROR(meta::checkTokenFor(u, kWaba, 1570820400), "token_expired");
    const meta::TokenInspection e = meta::parseDebugToken(expired);
    QVERIFY(!e.valid);
    QCOMPARE(e.errorCode, 190);
    QCOMPARE(e.errorSubcode, 463);
    auto gone = meta::checkTokenFor(e, kWaba, 1);
    PUENTE_VERIFY_ERROR(gone, "token_expired"); // by its subcode, whatever the clock says

    // The Sandbox's answers: a user token, an expired one, an exchange.
    sandbox::Sandbox &box = m_server.demo->sandbox();
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    box.setToken(QStringLiteral("EAAUserTokenShape"), {kWaba, QStringLiteral("USER"), now + 3600});
    box.setToken(QStringLiteral("EAAExpiredShape"), {kWaba, QStringLiteral("USER"), now - 3600});
    const QString appToken = m_server.context->settings().value(QStringLiteral("app_id")) + QLatin1Char('|')
                             + m_server.context->settings().value(QStringLiteral("app_secret"));
    auto get = [&](const QString &path, const QUrlQuery &query, const QString &bearer) {
        QUrl url = box.baseUrl();
        url.setPath(path);
        url.setQuery(query);
        QNetworkRequest request(url);
        request.setRawHeader("Authorization", "Bearer " + bearer.toUtf8());
        request.setTransferTimeout(10000);
        QNetworkReply *reply = m_network.get(request);
        QSignalSpy done(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            done.wait(10000);
        reply->deleteLater();
        return QJsonDocument::fromJson(reply->readAll()).object();
    };
    const auto keys = [](const QJsonObject &o) {
        QStringList k = o.keys();
        k.sort();
        return k;
    };
    const QJsonObject sandboxUser = get(QStringLiteral("/v23.0/debug_token"), QUrlQuery{{QStringLiteral("input_token"), QStringLiteral("EAAUserTokenShape")}}, appToken);
    // Meta adds issued_at for long-lived tokens; the Sandbox always does.
    QStringList userKeys = keys(user.value(QStringLiteral("data")).toObject()) << QStringLiteral("issued_at");
    userKeys.sort();
    QCOMPARE(keys(sandboxUser.value(QStringLiteral("data")).toObject()), userKeys);
    const QJsonObject sandboxExpired = get(QStringLiteral("/v23.0/debug_token"), QUrlQuery{{QStringLiteral("input_token"), QStringLiteral("EAAExpiredShape")}}, appToken);
    QStringList expiredKeys = keys(expired.value(QStringLiteral("data")).toObject()) << QStringLiteral("granular_scopes") << QStringLiteral("issued_at");
    expiredKeys.sort();
    QCOMPARE(keys(sandboxExpired.value(QStringLiteral("data")).toObject()), expiredKeys);
    QCOMPARE(keys(sandboxExpired.value(QStringLiteral("data")).toObject().value(QStringLiteral("error")).toObject()),
             keys(expired.value(QStringLiteral("data")).toObject().value(QStringLiteral("error")).toObject()));
    PUENTE_VERIFY_ERROR(meta::checkTokenFor(meta::parseDebugToken(sandboxExpired), kWaba, now), "token_expired");
    const QJsonObject sandboxExchange = get(QStringLiteral("/v23.0/oauth/access_token"),
                                            QUrlQuery{{QStringLiteral("grant_type"), QStringLiteral("fb_exchange_token")},
                                                      {QStringLiteral("client_id"), m_server.context->settings().value(QStringLiteral("app_id"))},
                                                      {QStringLiteral("client_secret"), m_server.context->settings().value(QStringLiteral("app_secret"))},
                                                      {QStringLiteral("fb_exchange_token"), QStringLiteral("EAAUserTokenShape")}},
                                            QString());
    QCOMPARE(keys(sandboxExchange), keys(exchange));
    QCOMPARE(sandboxExchange.value(QStringLiteral("expires_in")).toInteger(), exchange.value(QStringLiteral("expires_in")).toInteger());
    // A wrong app secret or an expired token is refused, as Meta does.
    const QJsonObject wrongSecret = get(QStringLiteral("/v23.0/oauth/access_token"),
                                        QUrlQuery{{QStringLiteral("grant_type"), QStringLiteral("fb_exchange_token")},
                                                  {QStringLiteral("client_id"), m_server.context->settings().value(QStringLiteral("app_id"))},
                                                  {QStringLiteral("client_secret"), QStringLiteral("nope")},
                                                  {QStringLiteral("fb_exchange_token"), QStringLiteral("EAAUserTokenShape")}},
                                        QString());
    QVERIFY(wrongSecret.contains(QStringLiteral("error")));
    const QJsonObject expiredExchange = get(QStringLiteral("/v23.0/oauth/access_token"),
                                            QUrlQuery{{QStringLiteral("grant_type"), QStringLiteral("fb_exchange_token")},
                                                      {QStringLiteral("client_id"), m_server.context->settings().value(QStringLiteral("app_id"))},
                                                      {QStringLiteral("client_secret"), m_server.context->settings().value(QStringLiteral("app_secret"))},
                                                      {QStringLiteral("fb_exchange_token"), QStringLiteral("EAAExpiredShape")}},
                                            QString());
    QCOMPARE(expiredExchange.value(QStringLiteral("error")).toObject().value(QStringLiteral("error_subcode")).toInt(), 463);
}

void TestTokens::checksScopesAccountsAndExpiry()
{
    meta::TokenInspection t;
    t.valid = true;
    t.scopes = meta::requiredTokenScopes();
    QVERIFY(meta::checkTokenFor(t, kWaba, 1000).ok());
    t.scopes = {QStringLiteral("whatsapp_business_management")};
    auto missing = meta::checkTokenFor(t, kWaba, 1000);
    PUENTE_VERIFY_ERROR(missing, "token_missing_scope");
    QVERIFY(missing.error().message.contains(QStringLiteral("whatsapp_business_messaging")));
    t.scopes = meta::requiredTokenScopes();
    t.grantedWabaIds = {QStringLiteral("999")};
    auto other = meta::checkTokenFor(t, kWaba, 1000);
    PUENTE_VERIFY_ERROR(other, "token_not_granted");
    QVERIFY(other.error().message.contains(kWaba));
    t.grantedWabaIds = {QStringLiteral("999"), kWaba};
    QVERIFY(meta::checkTokenFor(t, kWaba, 1000).ok());
    t.expiresAt = 1000;
    PUENTE_VERIFY_ERROR(meta::checkTokenFor(t, kWaba, 1000), "token_expired");
    QVERIFY(meta::checkTokenFor(t, kWaba, 999).ok());
    t = {};
    t.error = QStringLiteral("Invalid OAuth access token.");
    auto invalid = meta::checkTokenFor(t, kWaba, 1000);
    PUENTE_VERIFY_ERROR(invalid, "token_invalid");
    QVERIFY(invalid.error().message.contains(QStringLiteral("Invalid OAuth access token.")));
}

void TestTokens::warningDueAt14_7_1Days()
{
    QCOMPARE(TokenWatch::warningDue(30 * kDay, 0), 0);
    QCOMPARE(TokenWatch::warningDue(14 * kDay + 1, 0), 0);
    QCOMPARE(TokenWatch::warningDue(14 * kDay, 0), 14);
    QCOMPARE(TokenWatch::warningDue(10 * kDay, 14), 0);
    QCOMPARE(TokenWatch::warningDue(7 * kDay, 14), 7);
    QCOMPARE(TokenWatch::warningDue(3 * kDay, 0), 7); // first seen at 3 days: the 7-day warning
    QCOMPARE(TokenWatch::warningDue(3 * kDay, 7), 0);
    QCOMPARE(TokenWatch::warningDue(kDay / 2, 7), 1);
    QCOMPARE(TokenWatch::warningDue(kDay / 2, 1), 0);
}

void TestTokens::saveRefusesWhatMetaRefuses_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<qint64>("expiresInSecs"); // 0: never; < 0: expired that long ago
    QTest::addColumn<QStringList>("scopes");
    QTest::addColumn<QString>("waba");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("says");
    const QStringList both = meta::requiredTokenScopes();
    QTest::newRow("unknown") << QStringLiteral("EAAUnknownToken") << qint64(0) << QStringList() << QString() << QStringLiteral("token_invalid")
                             << QStringLiteral("not valid");
    QTest::newRow("expired") << QStringLiteral("EAAExpiredToken") << qint64(-3600) << both << kWaba << QStringLiteral("token_expired")
                             << QStringLiteral("expired");
    QTest::newRow("under-scoped") << QStringLiteral("EAANoMessaging") << qint64(0) << QStringList{QStringLiteral("whatsapp_business_management")}
                                  << kWaba << QStringLiteral("token_missing_scope") << QStringLiteral("whatsapp_business_messaging");
    QTest::newRow("other account") << QStringLiteral("EAAOtherAccount") << qint64(0) << both << QStringLiteral("200000000000999")
                                   << QStringLiteral("token_not_granted") << kWaba;
}

void TestTokens::saveRefusesWhatMetaRefuses()
{
    QFETCH(QString, token);
    QFETCH(qint64, expiresInSecs);
    QFETCH(QStringList, scopes);
    QFETCH(QString, waba);
    QFETCH(QString, code);
    QFETCH(QString, says);
    if (!waba.isEmpty()) {
        SandboxToken grant{waba, QStringLiteral("USER"), expiresInSecs == 0 ? 0 : QDateTime::currentSecsSinceEpoch() + expiresInSecs, scopes};
        m_server.demo->sandbox().setToken(token, grant);
    }
    const QString before = stored().businessApiToken;
    const HttpReply r = call("POST", QStringLiteral("/api/whatsapp/config"), saveBody(token));
    QCOMPARE(r.status, 422);
    QCOMPARE(r.code(), code);
    QVERIFY2(r.body.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString().contains(says), r.raw.constData());
    QCOMPARE(stored().businessApiToken, before); // nothing saved
}

void TestTokens::saveKeepsWhatMetaSaidAndHealthShowsIt()
{
    const qint64 expires = QDateTime::currentSecsSinceEpoch() + 20 * 86400;
    m_server.demo->sandbox().setToken(QStringLiteral("EAAUserToken20Days"), {kWaba, QStringLiteral("USER"), expires, meta::requiredTokenScopes()});
    const HttpReply r = call("POST", QStringLiteral("/api/whatsapp/config"), saveBody(QStringLiteral("EAAUserToken20Days")));
    QCOMPARE(r.status, 200);
    const QJsonObject token = r.body.value(QStringLiteral("token")).toObject();
    QCOMPARE(token.value(QStringLiteral("type")).toString(), QStringLiteral("USER"));
    QCOMPARE(token.value(QStringLiteral("expires_at")).toInteger(), expires * 1000);
    QCOMPARE(token.value(QStringLiteral("never_expires")).toBool(), false);
    QCOMPARE(token.value(QStringLiteral("renewable")).toBool(), false); // no app id of the company's own
    QVERIFY(token.value(QStringLiteral("checked_at")).toInteger() > 0);
    QVERIFY(!token.contains(QStringLiteral("problem")) || token.value(QStringLiteral("problem")).isNull());

    const HttpReply health = call("GET", QStringLiteral("/api/whatsapp/health"));
    QCOMPARE(health.status, 200);
    const QJsonObject h = health.body.value(QStringLiteral("whatsapp")).toObject().value(QStringLiteral("token")).toObject();
    QCOMPARE(h.value(QStringLiteral("expires_at")).toInteger(), expires * 1000);

    // With the company's own app id and secret the token is renewable;
    // a malformed app id is refused.
    const HttpReply bad = call("POST", QStringLiteral("/api/whatsapp/config"), saveBody(QStringLiteral("EAAUserToken20Days"), {{QStringLiteral("app_id"), QStringLiteral("12ab")}}));
    QCOMPARE(bad.status, 422);
    QCOMPARE(bad.field(), QStringLiteral("app_id"));
    const HttpReply own = call("POST", QStringLiteral("/api/whatsapp/config"),
                               saveBody(QStringLiteral("EAAUserToken20Days"), {{QStringLiteral("app_id"), QStringLiteral("1234567890")},
                                                                               {QStringLiteral("app_secret"), m_server.context->settings().value(QStringLiteral("app_secret"))}}));
    QCOMPARE(own.status, 200);
    QCOMPARE(own.body.value(QStringLiteral("app_id")).toString(), QStringLiteral("1234567890"));
    QCOMPARE(own.body.value(QStringLiteral("token")).toObject().value(QStringLiteral("renewable")).toBool(), true);
    // The sealed token and secret never reach the answer in clear.
    QVERIFY(!own.raw.contains("EAAUserToken20Days"));
}

void TestTokens::watchWarnsOnceAt14_7_1DaysThenExpired()
{
    const qint64 expires = m_now / 1000 + 20 * 86400;
    m_server.demo->sandbox().setToken(QStringLiteral("EAAUserToken20Days"), {kWaba, QStringLiteral("USER"), expires, meta::requiredTokenScopes()});
    QCOMPARE(call("POST", QStringLiteral("/api/whatsapp/config"), saveBody(QStringLiteral("EAAUserToken20Days"))).status, 200);
    auto w = watch();
    QSignalSpy published(&m_server.context->eventBus(), &EventBus::published);

    // Day 0 and day 5: nothing due (20 and 15 days left).
    QVERIFY(offThread([&] { return w->check(m_tenant).ok(); }));
    m_now += 5 * kDay;
    QVERIFY(offThread([&] { return w->check(m_tenant).ok(); }));
    QVERIFY(auditActions().isEmpty());
    // Day 6: 14 days left, warned once; again the same day: nothing new.
    m_now += kDay;
    QVERIFY(offThread([&] { return w->check(m_tenant).ok(); }));
    QCOMPARE(auditActions(), QStringList{QStringLiteral("whatsapp_config.token_expiring")});
    QCOMPARE(stored().token.warnedDays, 14);
    QVERIFY(offThread([&] { return w->check(m_tenant).ok(); }));
    QCOMPARE(auditActions().size(), 1);
    // checkDue skips a token inspected less than a day ago.
    QCOMPARE(offThread([&] { return w->checkDue(); }), 0);
    // Day 13: 7 days; day 19.5: 1 day.
    m_now += 7 * kDay;
    QCOMPARE(offThread([&] { return w->checkDue(); }), 1);
    m_now += 6 * kDay + kDay / 2;
    QCOMPARE(offThread([&] { return w->checkDue(); }), 1);
    QCOMPARE(auditActions(), (QStringList{QStringLiteral("whatsapp_config.token_expiring"), QStringLiteral("whatsapp_config.token_expiring"),
                                          QStringLiteral("whatsapp_config.token_expiring")}));
    QCOMPARE(stored().token.warnedDays, 1);
    // The consoles heard each as whatsapp.token {kind: expiring, days_left}.
    QList<qint64> daysLeft;
    for (const QList<QVariant> &signal : std::as_const(published))
        for (const Event &e : signal.at(0).value<QList<Event>>())
            if (e.type == QLatin1String("whatsapp.token")) {
                QCOMPARE(e.data.value(QStringLiteral("kind")).toString(), QStringLiteral("expiring"));
                QCOMPARE(e.data.value(QStringLiteral("expires_at")).toInteger(), expires * 1000);
                daysLeft.append(e.data.value(QStringLiteral("days_left")).toInteger());
            }
    QCOMPARE(daysLeft, (QList<qint64>{14, 7, 1}));
    QCOMPARE(queryCount(m_server.context->database(), QStringLiteral("SELECT COUNT(*) FROM events WHERE tenant_id = ? AND type = 'whatsapp.token'"),
                        {m_tenant.value}),
             3);

    // Past the expiry Meta refuses it (190/463): announced once as expired,
    // and the configuration says so.
    m_server.demo->sandbox().setToken(QStringLiteral("EAAUserToken20Days"),
                               {kWaba, QStringLiteral("USER"), QDateTime::currentSecsSinceEpoch() - 60, meta::requiredTokenScopes()});
    m_now = expires * 1000 + kDay;
    QVERIFY(offThread([&] { return w->check(m_tenant).ok(); }));
    QVERIFY(offThread([&] { return w->check(m_tenant).ok(); }));
    QCOMPARE(auditActions().last(), QStringLiteral("whatsapp_config.token_expired"));
    QCOMPARE(auditActions().count(QStringLiteral("whatsapp_config.token_expired")), 1);
    QVERIFY2(stored().token.problem.contains(QStringLiteral("expired")), qPrintable(stored().token.problem));
    const HttpReply config = call("GET", QStringLiteral("/api/whatsapp/config"));
    QVERIFY(config.body.value(QStringLiteral("token")).toObject().value(QStringLiteral("problem")).toString().contains(QStringLiteral("expired")));
}

void TestTokens::watchRenewsAUserTokenOfTheCompanysApp()
{
    QCOMPARE(saveWithOwnApp(QStringLiteral("EAAUserToken10Days"), 10), 200);
    auto w = watch();
    auto state = offThread([&] { return w->check(m_tenant); });
    PUENTE_VERIFY_OK(state);
    QCOMPARE(m_server.demo->sandbox().tokenExchanges(), 1);
    const WhatsAppConfig after = stored();
    QVERIFY(after.businessApiToken != QLatin1String("EAAUserToken10Days"));
    QVERIFY(after.businessApiToken.startsWith(QLatin1String("EAAS")));
    QVERIFY(after.token.expiresAt > m_now + 50 * kDay); // long-lived: ~60 days
    QCOMPARE(after.token.renewedAt, m_now);
    QCOMPARE(after.token.warnedDays, 0);
    QVERIFY(after.token.problem.isEmpty());
    // The new token works with Meta; stored sealed, never in clear.
    QVERIFY(m_server.demo->sandbox().token(after.businessApiToken).has_value());
    QCOMPARE(queryCount(m_server.context->database(), QStringLiteral("SELECT COUNT(*) FROM whatsapp_config WHERE business_api_token LIKE ?"),
                        {QStringLiteral("%EAAS%")}),
             0);
    QCOMPARE(auditActions(), QStringList{QStringLiteral("whatsapp_config.token_renewed")});
    const QString details = queryText(m_server.context->database(),
                                      QStringLiteral("SELECT details FROM audit_log WHERE action = 'whatsapp_config.token_renewed'"));
    QVERIFY(details.contains(QStringLiteral("expires_at")));
    QVERIFY(!details.contains(QStringLiteral("EAA")));
    // Renewed tokens have two months: the next round renews nothing.
    m_now += kDay + 1;
    QCOMPARE(offThread([&] { return w->checkDue(); }), 1);
    QCOMPARE(m_server.demo->sandbox().tokenExchanges(), 1);
}

void TestTokens::failedRenewalKeepsTheOldTokenAndWarns()
{
    QCOMPARE(saveWithOwnApp(QStringLiteral("EAAUserToken5Days"), 5), 200);
    m_server.demo->sandbox().failTokenExchanges(1);
    auto w = watch();
    PUENTE_VERIFY_OK(offThread([&] { return w->check(m_tenant); }));
    QCOMPARE(m_server.demo->sandbox().tokenExchanges(), 0);
    QCOMPARE(stored().businessApiToken, QStringLiteral("EAAUserToken5Days"));
    QCOMPARE(auditActions(), (QStringList{QStringLiteral("whatsapp_config.token_renewal_failed"), QStringLiteral("whatsapp_config.token_expiring")}));
    QCOMPARE(stored().token.warnedDays, 7);
    const HttpReply health = call("GET", QStringLiteral("/api/whatsapp/health"));
    const QJsonObject token = health.body.value(QStringLiteral("whatsapp")).toObject().value(QStringLiteral("token")).toObject();
    QVERIFY2(token.value(QStringLiteral("renewal_error")).toString().contains(QStringLiteral("Meta error 2")), health.raw.constData());
    QVERIFY(token.value(QStringLiteral("problem")).isNull()); // the old token still works
    // Meta refused nothing while sending: the token-problem count stays 0.
    QCOMPARE(health.body.value(QStringLiteral("token_problems")).toObject().value(QStringLiteral("count")).toInteger(), 0);
    // The next day it is tried again and succeeds.
    m_now += kDay + 1;
    QCOMPARE(offThread([&] { return w->checkDue(); }), 1);
    QCOMPARE(m_server.demo->sandbox().tokenExchanges(), 1);
    QVERIFY(stored().businessApiToken != QLatin1String("EAAUserToken5Days"));
    QVERIFY(stored().token.renewalError.isEmpty());
}

// Meta answering the exchange with a token that expires as soon is no
// renewal: the old token stays, the warnings go on (review finding).
void TestTokens::renewalThatDoesNotExtendIsAFailure()
{
    QCOMPARE(saveWithOwnApp(QStringLiteral("EAAUserToken5Days"), 5), 200);
    m_server.demo->sandbox().setExchangedTokenLife(5 * 86400);
    auto w = watch();
    PUENTE_VERIFY_OK(offThread([&] { return w->check(m_tenant); }));
    QCOMPARE(m_server.demo->sandbox().tokenExchanges(), 1);
    QCOMPARE(stored().businessApiToken, QStringLiteral("EAAUserToken5Days"));
    QVERIFY2(stored().token.renewalError.contains(QStringLiteral("expires too soon")), qPrintable(stored().token.renewalError));
    QCOMPARE(auditActions(), (QStringList{QStringLiteral("whatsapp_config.token_renewal_failed"), QStringLiteral("whatsapp_config.token_expiring")}));
    // The same failure the next day is not announced again; the 1-day warning still comes.
    m_now += 4 * kDay + kDay / 2;
    PUENTE_VERIFY_OK(offThread([&] { return w->check(m_tenant); }));
    QCOMPARE(auditActions().count(QStringLiteral("whatsapp_config.token_renewal_failed")), 1);
    QCOMPARE(auditActions().last(), QStringLiteral("whatsapp_config.token_expiring"));
    QCOMPARE(stored().token.warnedDays, 1);
}

void TestTokens::wrongAppSecretIsRefusedOnSave()
{
    m_server.demo->sandbox().setToken(QStringLiteral("EAAUserToken20Days"),
                                      {kWaba, QStringLiteral("USER"), m_now / 1000 + 20 * 86400, meta::requiredTokenScopes()});
    const HttpReply r = call("POST", QStringLiteral("/api/whatsapp/config"),
                             saveBody(QStringLiteral("EAAUserToken20Days"), {{QStringLiteral("app_id"), QStringLiteral("1234567890")},
                                                                            {QStringLiteral("app_secret"), QStringLiteral("not-the-app-secret")}}));
    QCOMPARE(r.status, 422);
    QCOMPARE(r.field(), QStringLiteral("app_secret"));
    QVERIFY(!r.raw.contains("not-the-app-secret"));
    QVERIFY(stored().businessApiToken != QLatin1String("EAAUserToken20Days"));
}

void TestTokens::systemUserTokenNeverExpiresAndIsNotRenewed()
{
    // The demo's own token: a System User token of the Sandbox's app.
    auto w = watch();
    auto state = offThread([&] { return w->check(m_tenant); });
    PUENTE_VERIFY_OK(state);
    QCOMPARE(state->type, QStringLiteral("SYSTEM_USER"));
    QCOMPARE(state->expiresAt, 0);
    QVERIFY(state->problem.isEmpty());
    const HttpReply config = call("GET", QStringLiteral("/api/whatsapp/config"));
    QCOMPARE(config.body.value(QStringLiteral("token")).toObject().value(QStringLiteral("never_expires")).toBool(), true);
    m_now += 400 * kDay;
    QVERIFY(offThread([&] { return w->check(m_tenant).ok(); }));
    QVERIFY(auditActions().isEmpty());
    QCOMPARE(m_server.demo->sandbox().tokenExchanges(), 0);
}

QTEST_MAIN(TestTokens)
#include "tst_tokens.moc"
