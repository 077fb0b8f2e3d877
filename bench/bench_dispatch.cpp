// The outbox dispatcher against the Sandbox: many tenants, each with its own
// number and throughput, all sending at once. Reports the aggregate send
// rate, the Sandbox's own count of the busiest second per number (never above
// the limit), and every tenant's progress over time; the baseline is the
// Sandbox answering plain HTTP sends with no database behind them, measured
// in the same run.
//
//   bench_dispatch [DATABASE_URL] [--tenants N] [--per-tenant N] [--rate N] [--in-flight N]
//                  [--delay MS] [--connections N] [--nginx-workers N] [--plain]
//
// As production runs: the Sandbox answers each send after --delay ms (150,
// Graph's typical latency) behind nginx with TLS and HTTP/2 (tlsfront.h);
// --plain talks to the Sandbox over plain HTTP/1.1 instead.
#include "crypto/crypto.h"
#include "messaging/dispatcher.h"
#include "sandbox/sandbox.h"
#include "storage/sql.h"
#include "storage/migrations.h"
#include "storage/tenantrepository.h"
#include "storage/whatsappconfigrepository.h"
#include "httpload.h"
#include "tlsfront.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <atomic>
#include <cstdio>

using namespace puente;
using namespace puente::sandbox;

namespace {
QTextStream out(stdout);

QString phoneFor(int i)
{
    return QString::number(300000000000000LL + i);
}

// Sends straight to the stand-in (Sandbox, behind nginx unless --plain),
// `inFlight` at a time over `lanes` network managers (connections), no
// database, no dispatcher: the most this machine pushes through it.
// CPU time (µs) by part: this process's threads by name, nginx's processes together.
QMap<QString, double> cpuNow(const bench::TlsFront &front)
{
    QMap<QString, double> cpu = bench::cpuByThread(QCoreApplication::applicationPid());
    for (qint64 pid : front.pids())
        for (double v : bench::cpuByThread(pid))
            cpu[QStringLiteral("nginx")] += v;
    // PostgreSQL's processes (on this machine: the benchmark's database).
    for (const QString &pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(QStringLiteral("/proc/%1/comm").arg(pid));
        if (pid.toLongLong() > 0 && comm.open(QIODevice::ReadOnly) && comm.readAll().trimmed() == "postgres")
            for (double v : bench::cpuByThread(pid.toLongLong()))
                cpu[QStringLiteral("postgres")] += v;
    }
    return cpu;
}
struct Ceiling {
    QMap<QString, double> cpuAtEnd; // before its HTTP threads end with it
    double perSecond = 0;
    int http2 = 0;
};

Ceiling baseline(const bench::TlsFront &front, const QString &baseUrl, const QString &phone, const QString &token, int total, int inFlight, int lanes)
{
    std::vector<std::unique_ptr<QNetworkAccessManager>> nams;
    for (int i = 0; i < lanes; ++i)
        nams.push_back(std::make_unique<QNetworkAccessManager>());
    QNetworkRequest request(QUrl(baseUrl + QStringLiteral("/v23.0/%1/messages").arg(phone)));
    request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(30'000);
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("messaging_product"), QStringLiteral("whatsapp")},
                                                      {QStringLiteral("to"), QStringLiteral("+34600000000")},
                                                      {QStringLiteral("type"), QStringLiteral("template")},
                                                      {QStringLiteral("template"), QJsonObject{{QStringLiteral("name"), QStringLiteral("hello_world")},
                                                                                               {QStringLiteral("language"), QJsonObject{{QStringLiteral("code"), QStringLiteral("en_US")}}}}}})
                                .toJson(QJsonDocument::Compact);
    int started = 0, done = 0, ok = 0, failed = 0;
    Ceiling c;
    QEventLoop loop;
    QElapsedTimer timer;
    timer.start();
    std::function<void()> next = [&] {
        if (started >= total)
            return;
        QNetworkReply *reply = nams[size_t(started % lanes)]->post(request, body);
        ++started;
        QObject::connect(reply, &QNetworkReply::finished, reply, [&, reply] {
            reply->deleteLater();
            const bool good = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200;
            ok += good;
            if (!good && ++failed <= 3)
                std::fprintf(stderr, "baseline send failed: %d %s %s\n", reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                             qPrintable(reply->errorString()), reply->readAll().left(200).constData());
            c.http2 += reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool();
            if (++done == total)
                loop.quit();
            else
                next();
        });
    };
    for (int i = 0; i < inFlight; ++i)
        next();
    loop.exec();
    c.perSecond = ok * 1000.0 / double(std::max<qint64>(1, timer.elapsed()));
    c.cpuAtEnd = cpuNow(front);
    if (ok != total)
        std::fprintf(stderr, "baseline: %d of %d sends failed\n", total - ok, total);
    return c;
}
} // namespace

int main(int argc, char **argv)
{
    // Qt's own event dispatcher, as puente-server runs (app/server/main.cpp).
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    auto option = [&](const QString &name, int fallback) { return bench::takeIntOption(args, name, fallback); };
    const int tenants = option(QStringLiteral("--tenants"), 100);
    const int perTenant = option(QStringLiteral("--per-tenant"), 400);
    const int rate = option(QStringLiteral("--rate"), 80);
    const int inFlight = option(QStringLiteral("--in-flight"), DispatcherSettings().maxInFlight);
    const int delay = option(QStringLiteral("--delay"), 150);
    const int connections = option(QStringLiteral("--connections"), meta::GraphSettings().sendConnections);
    const int nginxWorkers = option(QStringLiteral("--nginx-workers"), 2);
    const int streams = option(QStringLiteral("--streams"), 128);
    const bool plain = args.removeAll(QStringLiteral("--plain")) > 0;
    QTemporaryDir dir;
    const QString url = args.isEmpty() ? QStringLiteral("sqlite://") + dir.path() + QStringLiteral("/bench.db") : args.first();

    auto opened = Database::open(url);
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().message));
        return 1;
    }
    std::unique_ptr<Database> db = std::move(opened).value();
    // A fresh schema: drop what an earlier run left (PostgreSQL bench database).
    if (db->dialect() == Dialect::Postgres) {
        Transaction tx(*db);
        (void)Sql::run(tx.connection(), QStringLiteral("DROP SCHEMA public CASCADE"));
        (void)Sql::run(tx.connection(), QStringLiteral("CREATE SCHEMA public"));
        (void)tx.commit();
    }
    if (auto m = migrations::migrate(*db); !m) {
        std::fprintf(stderr, "%s\n", qPrintable(m.error().message));
        return 1;
    }
    auto keyring = crypto::Keyring::create({crypto::randomBytes(32)}).value();

    SandboxOptions options;
    for (int i = 0; i < tenants; ++i)
        options.numbers.append({phoneFor(i), QStringLiteral("4%1").arg(i), QStringLiteral("1555%1").arg(i, 7, 10, QLatin1Char('0')),
                                QStringLiteral("Empresa %1").arg(i), QStringLiteral("EAAtoken%1").arg(i), rate});
    options.numbers.append({phoneFor(99999), QStringLiteral("499999"), QStringLiteral("15559999999"), QStringLiteral("Baseline"),
                            QStringLiteral("EAAbaseline"), 1'000'000});
    options.delayScale = 0; // no webhookUrl: statuses are not posted
    options.responseDelayMs = delay;
    Sandbox sandbox(options);
    auto listening = sandbox.listen(QHostAddress::LocalHost, 0);
    if (!listening) {
        std::fprintf(stderr, "sandbox did not start\n");
        return 1;
    }
    bench::TlsFront front;
    if (!plain) {
        if (const QString e = front.start(dir.path() + QStringLiteral("/nginx"), listening.value(), nginxWorkers, streams); !e.isEmpty()) {
            std::fprintf(stderr, "%s\n", qPrintable(e));
            return 1;
        }
    }
    const QString graphUrl = plain ? sandbox.baseUrl().toString() : front.baseUrl();

    // Tenants, configurations, one open conversation each, and the queue.
    QElapsedTimer setup;
    setup.start();
    QList<TenantId> ids;
    for (int i = 0; i < tenants; ++i) {
        auto t = TenantRepository(*db).create(QStringLiteral("t%1").arg(i), QStringLiteral("Tenant %1").arg(i), Plan::Pro);
        WhatsAppConfig c;
        c.businessApiToken = QStringLiteral("EAAtoken%1").arg(i);
        c.phoneNumberId = phoneFor(i);
        c.businessAccountId = QStringLiteral("4%1").arg(i);
        if (!t || !WhatsAppConfigRepository(*db, keyring).save(t->id, c, QStringLiteral("bench"))) {
            std::fprintf(stderr, "setup failed\n");
            return 1;
        }
        ids.append(t->id);
    }
    {
        Transaction tx(*db);
        Sql th(tx.connection(), QStringLiteral("UPDATE whatsapp_config SET throughput_per_second = ?"));
        th.bind(rate);
        (void)th.exec();
        const qint64 now = nowMs();
        for (int i = 0; i < tenants; ++i) {
            Sql conv(tx.connection(), QStringLiteral("INSERT INTO whatsapp_conversations (tenant_id, conversation_id, contact_wa_id, contact_phone, status, "
                                                     "last_inbound_at, unread_count, created_at, updated_at) VALUES (?, ?, ?, ?, 'active', ?, 0, ?, ?) RETURNING id"));
            conv.bind(ids[i].value).bind(QStringLiteral("3460000%1").arg(i, 4, 10, QLatin1Char('0'))).bind(QStringLiteral("3460000%1").arg(i, 4, 10, QLatin1Char('0')))
                .bind(QStringLiteral("+3460000%1").arg(i, 4, 10, QLatin1Char('0'))).bind(now).bind(now).bind(now);
            if (!conv.exec() || !conv.next())
                return 1;
            const qint64 conversation = conv.int64(0);
            conv.finish();
            const QString request = QString::fromUtf8(QJsonDocument(QJsonObject{
                {QStringLiteral("type"), QStringLiteral("template")}, {QStringLiteral("to"), QStringLiteral("3460000%1").arg(i, 4, 10, QLatin1Char('0'))},
                {QStringLiteral("template"), QJsonObject{{QStringLiteral("name"), QStringLiteral("hello_world")}, {QStringLiteral("language"), QStringLiteral("en_US")}}}})
                                                          .toJson(QJsonDocument::Compact));
            for (int m = 0; m < perTenant; ++m) {
                Sql msg(tx.connection(), QStringLiteral("INSERT INTO whatsapp_messages (tenant_id, conversation_id, direction, type, status, timestamp, "
                                                        "template_name, created_at, updated_at) VALUES (?, ?, 'outbound', 'template', 'queued', ?, 'hello_world', ?, ?) RETURNING id"));
                msg.bind(ids[i].value).bind(conversation).bind(now).bind(now).bind(now);
                if (!msg.exec() || !msg.next())
                    return 1;
                const qint64 id = msg.int64(0);
                msg.finish();
                Sql ob(tx.connection(), QStringLiteral("INSERT INTO outbox (tenant_id, message_id, request, state, attempts, next_attempt_at, created_at, updated_at) "
                                                       "VALUES (?, ?, ?, 'pending', 0, ?, ?, ?)"));
                ob.bind(ids[i].value).bind(id).bind(request).bind(now).bind(now).bind(now);
                if (!ob.exec())
                    return 1;
            }
        }
        if (!tx.commit())
            return 1;
    }
    const int total = tenants * perTenant;
    out << "bench_dispatch: " << (db->dialect() == Dialect::Sqlite ? "SQLite" : "PostgreSQL") << ", " << tenants << " tenants x " << perTenant
        << " messages, " << rate << "/s per number, " << inFlight << " requests in flight at most over " << connections << " connections ("
        << total << " in all; set up in " << setup.elapsed() << " ms)" << Qt::endl;
    out << "  stand-in: the Sandbox answering after " << delay << " ms, "
        << (plain ? QStringLiteral("plain HTTP/1.1") : QStringLiteral("behind nginx (%1 workers) with TLS and HTTP/2").arg(nginxWorkers)) << Qt::endl;

    const int baselineSends = 30'000;
    const QMap<QString, double> cpuBeforeBaseline = cpuNow(front);
    const Ceiling ceiling = baseline(front, graphUrl, phoneFor(99999), QStringLiteral("EAAbaseline"), baselineSends, inFlight, connections);
    out << "  baseline: sends straight to the stand-in, " << inFlight << " in flight over " << connections << " connections, no database: "
        << qRound(ceiling.perSecond) << " /s (" << ceiling.http2 << " answers over HTTP/2)" << Qt::endl;
    out << "    CPU: " << bench::cpuReport(cpuBeforeBaseline, ceiling.cpuAtEnd, baselineSends)
        << " [bench_dispatch = the Sandbox and this client's event loop, QNetworkAccessM = Qt's HTTP threads]" << Qt::endl;

    DispatcherSettings settings;
    settings.graph.baseUrl = graphUrl;
    settings.graph.sendConnections = connections;
    settings.maxInFlight = inFlight;
    OutboxDispatcher dispatcher(*db, keyring, nullptr, settings);
    std::atomic<quint64> answers{0}, http2Answers{0};
    dispatcher.setTransportFactory([&](const meta::GraphSettings &graph) -> std::unique_ptr<Transport> {
        // CloudApiTransport as production makes it, counting its HTTP/2 answers.
        struct Counting : CloudApiTransport {
            Counting(const meta::GraphSettings &g, std::atomic<quint64> &a, std::atomic<quint64> &h) : CloudApiTransport(g), all(a), h2(h) {}
            ~Counting() override
            {
                all = answers();
                h2 = http2Answers();
            }
            std::atomic<quint64> &all, &h2;
        };
        return std::make_unique<Counting>(graph, answers, http2Answers);
    });
    QElapsedTimer timer;
    QList<QList<int>> progress; // per sample, sent per tenant
    QTimer sampler;
    auto sample = [&] {
        Sql q(db->connection(), QStringLiteral("SELECT tenant_id, COUNT(*) FROM outbox WHERE state = 'done' GROUP BY tenant_id"));
        QList<int> row(tenants, 0);
        if (q.exec())
            while (q.next())
                row[ids.indexOf(TenantId(q.int64(0)))] = int(q.int64(1));
        progress.append(row);
        int done = 0;
        for (int v : row)
            done += v;
        return done;
    };
    qint64 finishedMs = 0;
    QObject::connect(&sampler, &QTimer::timeout, &app, [&] {
        const int done = sample();
        if (done >= total || timer.elapsed() > 600'000) {
            finishedMs = timer.elapsed();
            app.quit();
        }
    });
    const QMap<QString, double> cpuBefore = cpuNow(front);
    timer.start();
    dispatcher.start();
    sampler.start(1000);
    app.exec();
    const QMap<QString, double> cpuAfter = cpuNow(front);
    dispatcher.stop();

    int accepted = 0, refused = 0;
    for (const Sandbox::SendRecord &r : sandbox.sendLog()) {
        if (r.phoneNumberId == phoneFor(99999))
            continue;
        (r.httpStatus == 200 ? accepted : refused) += 1;
    }
    int busiest = 0;
    QString busiestNumber;
    for (int i = 0; i < tenants; ++i) {
        const int m = sandbox.maxSendsInAnySecond(phoneFor(i));
        if (m > busiest) {
            busiest = m;
            busiestNumber = phoneFor(i);
        }
    }
    // Every tenant progressed in every sampled second until it was done.
    int stalls = 0;
    for (int s = 1; s < progress.size(); ++s)
        for (int t = 0; t < tenants; ++t)
            if (progress[s][t] == progress[s - 1][t] && progress[s][t] < perTenant)
                ++stalls;
    const double achieved = accepted * 1000.0 / double(std::max<qint64>(1, finishedMs));
    out << "  dispatcher: " << accepted << " accepted in " << finishedMs << " ms = " << qRound(achieved) << " sends/s aggregate ("
        << qRound(100.0 * achieved / (double(tenants) * rate)) << " % of " << tenants * rate << "/s, the sum of the numbers' limits; "
        << qRound(100.0 * achieved / ceiling.perSecond) << " % of the baseline); " << http2Answers << " of " << answers
        << " answers over HTTP/2" << Qt::endl;
    out << "    CPU: " << bench::cpuReport(cpuBefore, cpuAfter, accepted)
        << " [bench_dispatch = the Sandbox (and a progress query a second), outbox-dispatch = the dispatcher]" << Qt::endl;
    out << "  Sandbox's log: busiest second of any number " << busiest << " (limit " << rate << ", number " << busiestNumber << "); "
        << refused << " refused with 130429" << Qt::endl;
    out << "  fairness: " << stalls << " tenant-seconds without progress while the tenant still had messages, over " << progress.size()
        << " one-second samples" << Qt::endl;
    const bool ok = accepted == total && busiest <= rate;
    out << (ok ? "  OK" : "  FAILED: not every message was sent within the limits") << Qt::endl;
    return ok ? 0 : 1;
}
