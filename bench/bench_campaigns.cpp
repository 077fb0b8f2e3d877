// Campaigns (issue 19), as production runs them: puente-server with its
// dispatcher sending to the Sandbox (in this process), which answers like
// Meta and posts its statuses back as signed webhooks.
//
//   1. Import: a CSV of --rows candidates (default 100,000; five columns,
//      ~7 MB) uploaded to a draft: the wall time of the upload's answer and
//      the server's memory growth (VmHWM after minus VmRSS before).
//   2. Send: a campaign of --campaign candidates (default 10,000) of one
//      number at its 80 messages/s, started; meanwhile a recruiter answers one
//      of 20 candidates who wrote in, every second. Reported: from start to
//      the Sandbox's acceptance of the last campaign message (10,000 at 80/s
//      is 125 s), the busiest second the Sandbox saw, and how long each
//      recruiter's reply took from its POST being answered (queued) to the
//      Sandbox accepting it (p50, p99, max).
//
// Usage: bench_campaigns SERVER_BINARY [DATABASE_URL] [--rows N] [--campaign N] [--phases import,send]
#include "httpload.h"

#include "messaging/templates.h"
#include "sandbox/sandbox.h"
#include "secrets/masterkeystore.h"
#include "storage/migrations.h"
#include "storage/sessionrepository.h"
#include "storage/sql.h"
#include "storage/tenantrepository.h"
#include "storage/userrepository.h"
#include "storage/whatsappconfigrepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTextStream>
#include <QEventLoop>
#include <QTimer>

using namespace puente;
using namespace puente::bench;
using namespace puente::sandbox;

namespace {
QTextStream out(stdout);
const QString kPhoneNumberId = QStringLiteral("70009");
const QString kToken = QStringLiteral("EAAbench");
const QByteArray kAppSecret = "bench-app-secret";

QByteArray request(const QByteArray &method, const QByteArray &path, const QByteArray &token, const QByteArray &body = {},
                   const QByteArray &type = "application/json")
{
    QByteArray r = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n";
    if (!body.isEmpty() || method != "GET")
        r += "Content-Type: " + type + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    return r + "\r\n" + body;
}

// One request, waited for (the event loop runs meanwhile: the Sandbox lives on it).
std::pair<int, QJsonObject> call(quint16 port, const QByteArray &raw, int timeoutMs = 120000)
{
    Connection c(port, nullptr);
    int status = 0;
    // An event loop, not processEvents(flags, ms): with a time limit Qt
    // ignores WaitForMoreEvents and the wait spins a core the server needs.
    QEventLoop loop;
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    c.send(raw, [&](int s) {
        status = s;
        loop.quit();
    });
    if (!status)
        loop.exec();
    const QByteArray &a = c.lastAnswer();
    return {status, QJsonDocument::fromJson(a.mid(a.indexOf("\r\n\r\n") + 4)).object()};
}

QByteArray candidates(int n, int from)
{
    QByteArray csv = "telefono,nombre,puesto,ciudad,sueldo\n";
    csv.reserve(n * 64);
    for (int i = from; i < from + n; ++i)
        csv += "+52181" + QByteArray::number(10'000'000 + i) + ",Candidata " + QByteArray::number(i) + ",auxiliar de almac\xC3\xA9n,Monterrey,$11\xC2\xA0" "500\n";
    return csv;
}

void wait(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    const int rows = takeIntOption(args, QStringLiteral("--rows"), 100'000);
    const int campaignSize = takeIntOption(args, QStringLiteral("--campaign"), 10'000);
    QStringList phases{QStringLiteral("import"), QStringLiteral("send")};
    if (const int i = int(args.indexOf(QStringLiteral("--phases"))); i >= 0 && i + 1 < args.size()) {
        phases = args[i + 1].split(QLatin1Char(','));
        args.remove(i, 2);
    }
    if (args.isEmpty()) {
        out << "usage: bench_campaigns SERVER_BINARY [DATABASE_URL] [--rows N] [--campaign N] [--phases import,send]" << Qt::endl;
        return 2;
    }
    QTemporaryDir dir;
    const QString url = args.size() > 1 ? args[1] : QStringLiteral("sqlite://") + dir.path() + QStringLiteral("/bench.db");

    // The Sandbox's number: 80 messages/s, no messaging limit of its own.
    SandboxOptions options;
    options.appSecret = kAppSecret;
    options.delayScale = 1.0;
    options.numbers = {SandboxNumber{kPhoneNumberId, QStringLiteral("470009"), QStringLiteral("5218100000000"), QStringLiteral("Bench"), kToken, 80, 0}};
    Sandbox sandbox(options);
    if (!sandbox.listen(QHostAddress::LocalHost, 0)) {
        out << "the Sandbox did not start" << Qt::endl;
        return 1;
    }
    QJsonObject vacancy;
    for (const QJsonValue &t : sandboxscript::templates())
        if (t[QStringLiteral("name")].toString() == QLatin1String("vacante_disponible"))
            vacancy = t.toObject();

    QByteArray adminToken;
    {
        auto db = Database::open(url);
        if (!db || !migrations::migrate(*db.value())) {
            out << "cannot open " << url << Qt::endl;
            return 1;
        }
        auto ring = secrets::MasterKeyStore::fromFile(dir.path() + QStringLiteral("/master.key")).keyring(true);
        if (!ring)
            return 1;
        auto tenant = TenantRepository(*db.value()).create(QStringLiteral("campaign-bench"), QStringLiteral("Campaign Bench"), Plan::Enterprise);
        if (!tenant) {
            out << "cannot seed (it must be an empty database): " << tenant.error().message << Qt::endl;
            return 1;
        }
        WhatsAppConfig config;
        config.businessApiToken = kToken;
        config.phoneNumberId = kPhoneNumberId;
        config.businessAccountId = QStringLiteral("470009");
        if (!WhatsAppConfigRepository(*db.value(), ring.value()).save(tenant->id, config, QStringLiteral("bench")))
            return 1;
        Transaction tx(*db.value());
        Sql unlimited(tx.connection(), QStringLiteral("UPDATE whatsapp_config SET messaging_limit = 'TIER_UNLIMITED', quality_rating = 'GREEN'"));
        if (!unlimited.exec() || !tx.commit())
            return 1;
        meta::Template t;
        t.id = vacancy.value(QStringLiteral("id")).toString();
        t.name = QStringLiteral("vacante_disponible");
        t.language = QStringLiteral("es_MX");
        t.category = QStringLiteral("MARKETING");
        t.status = QStringLiteral("APPROVED");
        t.components = vacancy.value(QStringLiteral("components")).toArray();
        if (!TemplateService(*db.value(), ring.value()).store(tenant->id, config.businessAccountId, QList<meta::Template>{t}))
            return 1;
        auto admin = UserRepository(*db.value(), {10, 8, 1}).create({tenant->id, QStringLiteral("admin@bench.example"), QStringLiteral("Admin"),
                                                                     Role::TenantAdmin, QStringLiteral("bench password 123")}, QStringLiteral("bench"));
        if (!admin)
            return 1;
        adminToken = SessionRepository(*db.value()).create(admin->id, 3600000).value().token.toUtf8();
    }

    QProcess server;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PUENTE_DATABASE"), url);
    env.insert(QStringLiteral("PUENTE_DATA_DIR"), dir.path());
    env.insert(QStringLiteral("PUENTE_GRAPH_BASE_URL"), sandbox.baseUrl().toString());
    env.insert(QStringLiteral("PUENTE_APP_SECRET"), QString::fromLatin1(kAppSecret));
    for (const char *k : {"PUENTE_RATE_LIMIT_USER_PER_SECOND", "PUENTE_RATE_LIMIT_USER_BURST", "PUENTE_RATE_LIMIT_TENANT_PER_SECOND",
                          "PUENTE_RATE_LIMIT_TENANT_BURST"})
        env.insert(QString::fromLatin1(k), QStringLiteral("1000000"));
    const QString logPath = dir.path() + QStringLiteral("/server.log");
    const quint16 port = startServer(server, args[0], env, logPath);
    if (!port) {
        QFile f(logPath);
        (void)f.open(QIODevice::ReadOnly);
        out << "server did not start: " << f.readAll() << Qt::endl;
        return 1;
    }
    const qint64 pid = server.processId();
    sandbox.setWebhookUrl(QUrl(QStringLiteral("http://127.0.0.1:%1/api/whatsapp/webhook").arg(port)));
    out << "server " << pid << " on " << url.section(QLatin1Char(':'), 0, 0) << ", Sandbox at " << sandbox.baseUrl().toString() << Qt::endl;

    const QByteArray definition = QJsonDocument(QJsonObject{
        {QStringLiteral("name"), QStringLiteral("Almacén Monterrey")},
        {QStringLiteral("template"), QStringLiteral("vacante_disponible")},
        {QStringLiteral("language"), QStringLiteral("es_MX")},
        {QStringLiteral("header"), QJsonArray{QJsonObject{{QStringLiteral("source"), QStringLiteral("column")}, {QStringLiteral("value"), QStringLiteral("puesto")}}}},
        {QStringLiteral("body"), QJsonArray{QJsonObject{{QStringLiteral("source"), QStringLiteral("column")}, {QStringLiteral("value"), QStringLiteral("nombre")}},
                                            QJsonObject{{QStringLiteral("source"), QStringLiteral("column")}, {QStringLiteral("value"), QStringLiteral("puesto")}},
                                            QJsonObject{{QStringLiteral("source"), QStringLiteral("column")}, {QStringLiteral("value"), QStringLiteral("ciudad")}},
                                            QJsonObject{{QStringLiteral("source"), QStringLiteral("column")}, {QStringLiteral("value"), QStringLiteral("sueldo")}}}}})
                                       .toJson(QJsonDocument::Compact);
    auto createCampaign = [&]() -> qint64 {
        auto [status, body] = call(port, request("POST", "/api/campaigns", adminToken, definition));
        if (status != 201)
            out << "creating a campaign: " << status << " " << QJsonDocument(body).toJson(QJsonDocument::Compact) << Qt::endl;
        return status == 201 ? body.value(QStringLiteral("id")).toInteger() : 0;
    };

    if (phases.contains(QStringLiteral("import"))) {
        const qint64 id = createCampaign();
        const QByteArray csv = candidates(rows, 0);
        const qint64 before = bench::statusKilobytes(QString::number(pid), "VmRSS:");
        QElapsedTimer t;
        t.start();
        auto [status, report] = call(port, request("POST", "/api/campaigns/" + QByteArray::number(id) + "/audience", adminToken, csv, "text/csv"), 600000);
        const double seconds = double(t.elapsed()) / 1000.0;
        const qint64 peak = bench::statusKilobytes(QString::number(pid), "VmHWM:");
        out << QStringLiteral("import: %1 rows (%2 MB) in %3 s (%4 rows/s), answer %5, accepted %6; server memory %7 MB before, peak %8 MB "
                              "(growth %9 MB)")
                   .arg(rows)
                   .arg(double(csv.size()) / 1e6, 0, 'f', 1)
                   .arg(seconds, 0, 'f', 2)
                   .arg(qRound(rows / seconds))
                   .arg(status)
                   .arg(report.value(QStringLiteral("accepted")).toInteger())
                   .arg(double(before) / 1024, 0, 'f', 0)
                   .arg(double(peak) / 1024, 0, 'f', 0)
                   .arg(double(peak - before) / 1024, 0, 'f', 0)
            << Qt::endl;
        if (status != 200)
            return 1;
    }

    if (phases.contains(QStringLiteral("send"))) {
        // Twenty candidates write in (their windows open); a recruiter will
        // answer them one a second during the campaign.
        QList<std::pair<qint64, QString>> chats; // conversation id, the candidate's wa_id
        for (int i = 0; i < 20; ++i)
            sandbox.candidateWrites(kPhoneNumberId, QStringLiteral("52181900000%1").arg(i, 2, 10, QLatin1Char('0')), QStringLiteral("Ana %1").arg(i),
                                    QStringLiteral("Hola, ¿sigue abierta la vacante?"));
        for (int tries = 0; tries < 100 && chats.size() < 20; ++tries) {
            wait(200);
            auto [status, page] = call(port, request("GET", "/api/whatsapp/conversations?limit=50", adminToken));
            chats.clear();
            for (const QJsonValue &c : page.value(QStringLiteral("items")).toArray())
                chats.append({c[QStringLiteral("id")].toInteger(), c[QStringLiteral("wa_id")].toString()});
        }
        if (chats.size() < 20) {
            out << "the candidates' messages did not arrive" << Qt::endl;
            return 1;
        }
        const qint64 id = createCampaign();
        auto [imported, report] = call(port, request("POST", "/api/campaigns/" + QByteArray::number(id) + "/audience", adminToken,
                                                     candidates(campaignSize, 5'000'000), "text/csv"),
                                       600000);
        if (imported != 200 || report.value(QStringLiteral("accepted")).toInteger() != campaignSize) {
            out << "the campaign's audience was refused: " << QJsonDocument(report).toJson(QJsonDocument::Compact) << Qt::endl;
            return 1;
        }
        const qsizetype logBefore = sandbox.sendLog().size();
        const qint64 startedAt = QDateTime::currentMSecsSinceEpoch();
        if (auto [s, b] = call(port, request("POST", "/api/campaigns/" + QByteArray::number(id) + "/start", adminToken)); s != 200) {
            out << "start refused: " << QJsonDocument(b).toJson(QJsonDocument::Compact) << Qt::endl;
            return 1;
        }
        // The recruiter: one reply a second, each to another chat.
        struct Reply {
            QString to;
            qint64 queuedAt;
        };
        QList<Reply> replies;
        int sent = 0;
        QElapsedTimer clock;
        clock.start();
        qint64 lastCampaignSend = 0;
        int campaignSends = 0;
        while (clock.elapsed() < 400'000) {
            wait(1000);
            const auto &[chat, waId] = chats.at(sent % chats.size());
            const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                                              {QStringLiteral("message"), QStringLiteral("Sí, sigue abierta. ¿Puedes venir el lunes? (%1)").arg(sent)}})
                                        .toJson(QJsonDocument::Compact);
            auto [s, m] = call(port, request("POST", "/api/whatsapp/conversations/" + QByteArray::number(chat) + "/messages", adminToken, body));
            if (s == 202)
                replies.append({waId, QDateTime::currentMSecsSinceEpoch()});
            ++sent;
            campaignSends = 0;
            const QList<Sandbox::SendRecord> log = sandbox.sendLog();
            for (qsizetype i = logBefore; i < log.size(); ++i)
                if (log[i].type == QLatin1String("template") && !log[i].wamid.isEmpty()) {
                    ++campaignSends;
                    lastCampaignSend = log[i].atMs;
                }
            if (campaignSends >= campaignSize)
                break;
        }
        wait(2000); // the last reply's send
        // Each reply's delay: from its POST answered to the Sandbox accepting it.
        const QList<Sandbox::SendRecord> log = sandbox.sendLog();
        QList<double> delays;
        int missing = 0;
        for (const Reply &r : std::as_const(replies)) {
            qint64 at = -1;
            for (qsizetype i = logBefore; i < log.size() && at < 0; ++i)
                if (log[i].type == QLatin1String("text") && QString(log[i].to).remove(QLatin1Char('+')) == r.to && log[i].atMs >= r.queuedAt - 5
                    && !log[i].wamid.isEmpty())
                    at = log[i].atMs;
            if (at < 0)
                ++missing;
            else
                delays.append(double(at - r.queuedAt));
        }
        const double seconds = double(lastCampaignSend - startedAt) / 1000.0;
        out << QStringLiteral("send: %1 of %2 campaign messages accepted by the Sandbox in %3 s from start (%4/s; 80/s would take %5 s), "
                              "busiest second %6")
                   .arg(campaignSends)
                   .arg(campaignSize)
                   .arg(seconds, 0, 'f', 1)
                   .arg(double(campaignSends) / seconds, 0, 'f', 1)
                   .arg(double(campaignSize) / 80.0, 0, 'f', 1)
                   .arg(sandbox.maxSendsInAnySecond(kPhoneNumberId))
            << Qt::endl;
        out << QStringLiteral("recruiter's replies during it: %1, queued → accepted by Meta p50 %2 ms, p99 %3 ms, max %4 ms (%5 not seen)")
                   .arg(delays.size())
                   .arg(percentile(delays, 0.5), 0, 'f', 0)
                   .arg(percentile(delays, 0.99), 0, 'f', 0)
                   .arg(delays.isEmpty() ? 0.0 : *std::max_element(delays.begin(), delays.end()), 0, 'f', 0)
                   .arg(missing)
            << Qt::endl;
    }
    server.terminate();
    server.waitForFinished(10000);
    return 0;
}
