// Webhook load generator: starts puente-server, seeds tenants, and reports in
// one run, against the same server:
//   for each number of keep-alive connections C (default 16, then 64), in
//   N rounds (default 4) that alternate 1 and 2, so that both see the same
//   machine (S seconds of each in all):
//   1. ceiling: GET /healthz as fast as C connections go;
//   2. durable ingest: signed webhook POSTs as fast as they are acknowledged
//      (each 200 means the body is committed), then the time the processor
//      takes for the backlog the burst left;
//   then the ratio of the two per C, and of the best of each (capacity);
//   3. paced: webhooks at a fixed rate with a WebSocket client connected,
//      measuring acknowledgement latency and webhook-to-WebSocket latency.
// Usage: bench_loadgen SERVER_BINARY [DATABASE_URL] [--seconds S] [--connections C[,C...]] [--rate R] [--tenants T] [--rounds N]
#include "benchseed.h"
#include "httpload.h"
#include "crypto/crypto.h"
#include "secrets/masterkeystore.h"
#include "storage/sql.h"
#include "storage/migrations.h"
#include "storage/sessionrepository.h"
#include "storage/tenantrepository.h"
#include "storage/userrepository.h"
#include "storage/whatsappconfigrepository.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QMap>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>
#include <QWebSocket>

#include <algorithm>
#include <functional>
#include <numeric>

#include <unistd.h>

using namespace puente;

namespace {
QTextStream out(stdout);
const QByteArray kSecret = "bench-app-secret";

using bench::Connection;
using bench::Stats;
using bench::closedLoop;
using bench::cpuByThread;
using bench::cpuReport;
using bench::percentile;

QByteArray webhookBody(const QString &phoneNumberId, qint64 n, qint64 sentAtUs)
{
    return QStringLiteral(
               R"({"object":"whatsapp_business_account","entry":[{"id":"4%1","changes":[{"field":"messages","value":{)"
               R"("messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"%1"},)"
               R"("contacts":[{"profile":{"name":"Candidata %2"},"wa_id":"34600%3"}],"messages":[{"from":"34600%3",)"
               R"("id":"wamid.bench.%2","timestamp":"1750000000","type":"text","text":{"body":"t=%4 ¿Sigue abierta la vacante?"}}]}}]}]})")
        .arg(phoneNumberId)
        .arg(n)
        .arg(n % 5000, 6, 10, QLatin1Char('0'))
        .arg(sentAtUs)
        .toUtf8();
}

QByteArray postRequest(const QByteArray &body)
{
    return "POST /api/whatsapp/webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Hub-Signature-256: sha256="
        + crypto::hmacSha256(kSecret, body).toHex() + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

void report(const char *what, const Stats &s)
{
    out << QStringLiteral("%1 %2 req/s  (ok %3, failed %4)  latency p50 %5 ms  p99 %6 ms")
               .arg(QString::fromLatin1(what).leftJustified(30))
               .arg(s.ok / s.seconds, 8, 'f', 0)
               .arg(s.ok)
               .arg(s.failed)
               .arg(percentile(s.latenciesMs, 0.5), 0, 'f', 2)
               .arg(percentile(s.latenciesMs, 0.99), 0, 'f', 2)
        << Qt::endl;
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    auto option = [&args](const QString &name, int fallback) { return bench::takeIntOption(args, name, fallback); };
    const int seconds = option(QStringLiteral("--seconds"), 10);
    const QList<int> sweep = bench::takeIntListOption(args, QStringLiteral("--connections"), {16, 64});
    // The paced phase's connection pool.
    const int connections = sweep.first();
    const int rate = option(QStringLiteral("--rate"), 1000);
    const int roundsOption = option(QStringLiteral("--rounds"), 4);
    const int tenants = option(QStringLiteral("--tenants"), 20);
    if (args.isEmpty()) {
        out << "usage: bench_loadgen SERVER_BINARY [DATABASE_URL] [--seconds S] [--connections C[,C...]] [--rate R] [--tenants T] [--rounds N]" << Qt::endl;
        return 2;
    }
    QTemporaryDir dir;
    const QString url = args.size() > 1 ? args[1] : QStringLiteral("sqlite://") + dir.path() + QStringLiteral("/bench.db");

    // Seed: tenants with numbers, an agent session for tenant 0.
    QString token;
    {
        auto db = Database::open(url);
        if (!db || !migrations::migrate(*db.value())) {
            out << "cannot open " << url << Qt::endl;
            return 1;
        }
        auto ring = secrets::MasterKeyStore::fromFile(dir.path() + QStringLiteral("/master.key")).keyring(true);
        auto seeded = ring ? bench::seedTenants(*db.value(), ring.value(), tenants) : Result<QList<TenantId>>(ring.error());
        if (!seeded) {
            out << "cannot seed " << url << ": " << seeded.error().message << Qt::endl;
            return 1;
        }
        auto user = UserRepository(*db.value(), {10, 8, 1}).create({seeded->first(), QStringLiteral("agent@bench.example"), QStringLiteral("Agent"),
                                                                    Role::Agent, QStringLiteral("bench password 123")}, QStringLiteral("bench"));
        token = SessionRepository(*db.value()).create(user->id, 3600000).value().token;
    }

    QProcess server;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PUENTE_DATABASE"), url);
    env.insert(QStringLiteral("PUENTE_DATA_DIR"), dir.path());
    env.insert(QStringLiteral("PUENTE_APP_SECRET"), QString::fromLatin1(kSecret));
    // Measure capacity, not the global guard (10,000/s by default).
    env.insert(QStringLiteral("PUENTE_WEBHOOK_RATE_LIMIT_PER_SECOND"), QStringLiteral("1000000"));
    env.insert(QStringLiteral("PUENTE_WEBHOOK_RATE_LIMIT_BURST"), QStringLiteral("1000000"));
    server.setProcessEnvironment(env);
    server.setProcessChannelMode(QProcess::ForwardedOutputChannel);
    // The server's log goes to a file: a pipe nobody reads during the
    // phases would fill and block the server on its next log line.
    const QString logPath = dir.path() + QStringLiteral("/server.log");
    server.setStandardErrorFile(logPath);
    server.start(args[0], {QStringLiteral("--log-format"), QStringLiteral("json"), QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
    server.waitForStarted();
    auto serverLog = [&logPath] {
        QFile f(logPath);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    };
    // How often the log says `what` from byte `from` on.
    auto logged = [&](const QByteArray &what, qsizetype from = 0) { return serverLog().mid(from).count(what); };
    QByteArray log;
    quint16 port = 0;
    static const QRegularExpression listening(QStringLiteral("listening on http://127\\.0\\.0\\.1:(\\d+)"));
    QElapsedTimer wait;
    wait.start();
    while (!port && wait.elapsed() < 30000 && server.state() == QProcess::Running) {
        QThread::msleep(50);
        log = serverLog();
        if (auto m = listening.match(QString::fromUtf8(log)); m.hasMatch())
            port = quint16(m.captured(1).toUInt());
    }
    if (!port) {
        out << "server did not start: " << log << Qt::endl;
        return 1;
    }
    QStringList sweepText;
    for (int c : sweep)
        sweepText.append(QString::number(c));
    out << QStringLiteral("server on %1, %2 tenants, %3 connections, %4 s per phase").arg(url.section(QLatin1Char(':'), 0, 0)).arg(tenants).arg(sweepText.join(QLatin1Char('/'))).arg(seconds) << Qt::endl;

    const qint64 serverPid = server.processId();
    // A phase's totals over its slices: requests, and CPU by thread.
    struct Phase {
        Stats stats;
        QMap<QString, double> serverCpu; // µs used per thread name
        QMap<QString, double> selfCpu;
        void print(const QString &what) const
        {
            report(qPrintable(what), stats);
            const double n = std::max(1, stats.ok + stats.failed);
            out << QStringLiteral("%1 server %2; generator %3")
                       .arg(QString().leftJustified(30))
                       .arg(cpuReport({}, serverCpu, n))
                       .arg(cpuReport({}, selfCpu, n).section(QLatin1Char(' '), 0, 2))
                << Qt::endl;
        }
    };
    // Adds what each thread used between two readings of cpuByThread.
    auto addUsed = [](QMap<QString, double> &total, const QMap<QString, double> &before, const QMap<QString, double> &after) {
        for (auto it = after.cbegin(); it != after.cend(); ++it)
            total[it.key()] += it.value() - before.value(it.key());
    };
    auto measure = [&](Phase &into, const std::function<Stats()> &slice) {
        const auto serverBefore = cpuByThread(serverPid);
        const auto selfBefore = cpuByThread(QCoreApplication::applicationPid());
        const Stats s = slice();
        addUsed(into.serverCpu, serverBefore, cpuByThread(serverPid));
        addUsed(into.selfCpu, selfBefore, cpuByThread(QCoreApplication::applicationPid()));
        into.stats.ok += s.ok;
        into.stats.failed += s.failed;
        into.stats.latenciesMs += s.latenciesMs;
        into.stats.seconds += s.seconds;
    };
    // Until the server has been idle for a moment (below 3 % of a core):
    // work left from the last slice (a checkpoint, say) must not slow the next.
    auto waitQuiet = [&] {
        QElapsedTimer waited;
        waited.start();
        while (waited.elapsed() < 30000) {
            const auto before = cpuByThread(serverPid);
            QThread::msleep(200);
            QMap<QString, double> used;
            addUsed(used, before, cpuByThread(serverPid));
            if (std::accumulate(used.cbegin(), used.cend(), 0.0) < 0.03 * 200'000)
                return;
        }
    };

    qint64 backlogTotal = 0;
    qint64 drainMsTotal = 0;
    auto drainBacklog = [&] {
        // The processor gives way during a burst; let it finish before the
        // next slice, and note how fast it worked through the backlog.
        auto db = Database::open(url);
        auto pending = [&] {
            Sql q(db.value()->inbox().connection(), QStringLiteral("SELECT COUNT(*) FROM webhook_inbox WHERE status = 'pending'"));
            return q.exec() && q.next() ? q.int64(0) : -1;
        };
        const qint64 backlog = pending();
        QElapsedTimer drainClock;
        drainClock.start();
        while (pending() > 0 && drainClock.elapsed() < 300000)
            QThread::msleep(100);
        backlogTotal += backlog;
        drainMsTotal += drainClock.elapsed();
    };

    // The machine's speed drifts (other guests on the host): a ceiling
    // measured at one moment and the durable rate at another can differ
    // by 1.5x for no reason of ours. So the two alternate, in `rounds`
    // slices each, and each total is compared with the other.
    const int rounds = std::max(1, std::min(seconds, roundsOption));
    const int sliceSeconds = std::max(1, seconds / rounds);
    double bestCeiling = 0;
    double bestDurable = 0;
    QStringList ratios;
    for (qsizetype phase = 0; phase < sweep.size(); ++phase) {
        const int c = sweep[phase];
        // Durable ingest, spread over all tenants. The requests are built
        // and signed beforehand (Meta does that on its own machines), so that
        // the generator costs the shared cores no more per request than for
        // the ceiling. Every request carries a new message id.
        QList<QByteArray> requests;
        requests.reserve(qsizetype(seconds) * 40'000);
        const qint64 first = qint64(phase) * requests.capacity();
        for (qint64 n = first; n < first + requests.capacity(); ++n)
            requests.append(postRequest(webhookBody(QStringLiteral("7000%1").arg(n % tenants), n, 0)));
        qint64 sent = 0;
        Phase ceiling;
        Phase durable;
        backlogTotal = 0;
        drainMsTotal = 0;
        for (int round = 0; round < rounds; ++round) {
            waitQuiet();
            // 1. Ceiling: a trivial route of the same server.
            measure(ceiling, [&] {
                return closedLoop(port, c, sliceSeconds, [](qint64) { return QByteArrayLiteral("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"); });
            });
            waitQuiet();
            // 2. Signed webhooks as fast as they are acknowledged.
            measure(durable, [&] {
                return closedLoop(port, c, sliceSeconds, [&](qint64) {
                    // (Past the prepared ones, Meta re-delivers: stored again, processed once.)
                    return requests[sent++ % requests.size()];
                });
            });
            drainBacklog();
        }
        requests = {};
        ceiling.print(QStringLiteral("%1 conn: GET /healthz").arg(c));
        durable.print(QStringLiteral("%1 conn: webhooks (POST)").arg(c));
        out << QStringLiteral("%1 %2 webhooks left after the bursts, processed in %3 s (%4 /s)")
                   .arg(QStringLiteral("backlog").leftJustified(30))
                   .arg(backlogTotal)
                   .arg(drainMsTotal / 1000.0, 0, 'f', 1)
                   .arg(backlogTotal * 1000.0 / std::max<qint64>(1, drainMsTotal), 0, 'f', 0)
            << Qt::endl;
        const double ceilingRate = ceiling.stats.ok / ceiling.stats.seconds;
        const double durableRate = durable.stats.ok / durable.stats.seconds;
        bestCeiling = std::max(bestCeiling, ceilingRate);
        bestDurable = std::max(bestDurable, durableRate);
        ratios.append(QStringLiteral("%1 % at %2 connections").arg(100 * durableRate / std::max(1.0, ceilingRate), 0, 'f', 0).arg(c));
    }
    // The processor pauses while webhooks outpace it (BurstGate).
    out << QStringLiteral("%1 %2 times during the bursts").arg(QStringLiteral("processor paused").leftJustified(30)).arg(logged("processing waits"))
        << Qt::endl;
    out << QStringLiteral("%1 %2; best of each %3 / %4 req/s = %5 %")
               .arg(QStringLiteral("durable / ceiling").leftJustified(30))
               .arg(ratios.join(QStringLiteral(", ")))
               .arg(bestDurable, 0, 'f', 0)
               .arg(bestCeiling, 0, 'f', 0)
               .arg(100 * bestDurable / std::max(1.0, bestCeiling), 0, 'f', 0)
        << Qt::endl;

    // 3. Paced, with a WebSocket client of tenant 0 timing delivery.
    const qsizetype logBeforePaced = serverLog().size();
    QWebSocket ws;
    QList<double> wsLatencies;
    QElapsedTimer clock;
    clock.start();
    static const QRegularExpression stamp(QStringLiteral("^t=(\\d+) "));
    bool wsReady = false;
    QObject::connect(&ws, &QWebSocket::textMessageReceived, [&](const QString &text) {
        const QJsonObject f = QJsonDocument::fromJson(text.toUtf8()).object();
        if (f.value(QStringLiteral("type")).toString() == QLatin1String("ready"))
            wsReady = true;
        if (f.value(QStringLiteral("type")).toString() != QLatin1String("message.created"))
            return;
        const auto m = stamp.match(f.value(QStringLiteral("data")).toObject().value(QStringLiteral("content")).toString());
        if (m.hasMatch() && m.captured(1).toLongLong() > 0)
            wsLatencies.append(double(clock.nsecsElapsed() / 1000 - m.captured(1).toLongLong()) / 1000.0);
    });
    QNetworkRequest wsRequest(QUrl(QStringLiteral("ws://127.0.0.1:%1/api/ws").arg(port)));
    wsRequest.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    ws.open(wsRequest);
    QElapsedTimer wsWait;
    wsWait.start();
    // Until the server has checked the session: events before that are not
    // the client's (and would be missed, not late).
    while (!wsReady && wsWait.elapsed() < 5000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    if (!wsReady)
        out << "the WebSocket client was not ready within 5 s: delivery is not measured" << Qt::endl;

    const auto pacedServerBefore = cpuByThread(serverPid);
    Stats paced;
    QList<Connection *> conns;
    for (int i = 0; i < connections; ++i)
        conns.append(new Connection(port, &app));
    const qint64 total = qint64(rate) * seconds;
    qint64 sent = 0;
    qint64 base = 10'000'000;
    QList<std::pair<qint64, QByteArray>> backlog; // (scheduled ns, request)
    const qint64 start = clock.nsecsElapsed();
    QTimer tick; // wakes the loop every millisecond to send what is due
    tick.setTimerType(Qt::PreciseTimer);
    tick.start(1);
    while (paced.ok + paced.failed < total && clock.nsecsElapsed() - start < qint64(seconds + 20) * 1'000'000'000) {
        const qint64 now = clock.nsecsElapsed();
        while (sent < total && start + sent * 1'000'000'000 / rate <= now) {
            const qint64 n = base + sent;
            // Every 4th webhook goes to tenant 0, whose client measures delivery.
            const QString phone = QStringLiteral("7000%1").arg(n % 4 == 0 ? 0 : n % tenants);
            backlog.append({start + sent * 1'000'000'000 / rate, postRequest(webhookBody(phone, n, now / 1000))});
            ++sent;
        }
        for (Connection *c : std::as_const(conns)) {
            if (backlog.isEmpty())
                break;
            if (c->busy())
                continue;
            const auto [scheduled, request] = backlog.takeFirst();
            c->send(request, [&, scheduled](int status) {
                paced.latenciesMs.append(double(clock.nsecsElapsed() - scheduled) / 1e6);
                (status == 200 ? paced.ok : paced.failed)++;
            });
        }
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    paced.seconds = double(clock.nsecsElapsed() - start) / 1e9;
    QElapsedTimer drain;
    drain.start();
    while (drain.elapsed() < 3000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    report(qPrintable(QStringLiteral("paced %1/s (ack)").arg(rate)), paced);
    out << QStringLiteral("%1 server %2").arg(QString().leftJustified(30)).arg(cpuReport(pacedServerBefore, cpuByThread(serverPid), std::max(1, paced.ok)))
        << Qt::endl;
    out << QStringLiteral("%1 %2 delivered  webhook-to-WebSocket p50 %3 ms  p99 %4 ms")
               .arg(QStringLiteral("paced %1/s (WebSocket)").arg(rate).leftJustified(30))
               .arg(wsLatencies.size())
               .arg(percentile(wsLatencies, 0.5), 0, 'f', 2)
               .arg(percentile(wsLatencies, 0.99), 0, 'f', 2)
        << Qt::endl;
    // At a steady rate it keeps up: a pause here would be a false alarm.
    out << QStringLiteral("%1 %2 times").arg(QStringLiteral("paced: processor paused").leftJustified(30)).arg(logged("processing waits", logBeforePaced))
        << Qt::endl;
    server.terminate();
    server.waitForFinished(30000);
    return 0;
}
