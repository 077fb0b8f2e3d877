// The CRM's event API (issue 18): accepted notifications per second through
// POST /api/notifications with an API key, against bare authenticated GETs
// of the same server in the same run.
//
// Starts puente-server (dispatcher off: the accepted messages stay queued in
// the outbox; rate limits raised so that they do not cap the measurement),
// seeds one tenant on the Enterprise plan with a WhatsApp number, a synced
// APPROVED template, an admin session and an API key of the "notifications"
// scope, then as the admin creates the rule for application_received and
// switches quiet hours off (inside them a notification is scheduled, not
// queued). Then, for each number of keep-alive connections C, in N rounds
// whose order rotates so that all phases see the same machine:
//   1. GET /api/me with the admin's session (the bare authenticated ceiling;
//      an API key may not read /api/me);
//   2. GET /api/notifications/{id} with the API key (the same key's
//      authentication plus one indexed read);
//   3. POST /api/notifications to a new phone number each time (each creates
//      a contact and conversation, a message and its outbox row);
//   4. POST /api/notifications to a small set of existing contacts.
// Every POST has its own Idempotency-Key; only 202 answers count as accepted.
//
// Usage: bench_notifications SERVER_BINARY [DATABASE_URL] [--seconds S] [--connections C[,C...]] [--rounds N] [--contacts K]
//                            [--phases me,key,new,contacts]
//   S: seconds of each phase per C in all (default 8), split over the rounds
//   (default 2); K: existing contacts (default 20).
#include "httpload.h"

#include "accounts/apikeys.h"
#include "messaging/templates.h"
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

using namespace puente;
using namespace puente::bench;

namespace {
QTextStream out(stdout);

QByteArray request(const QByteArray &method, const QByteArray &path, const QByteArray &token, const QByteArray &body = {},
                   const QByteArray &extraHeaders = {})
{
    QByteArray r = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n" + extraHeaders;
    if (!body.isEmpty() || method != "GET")
        r += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    return r + "\r\n" + body;
}

// One request, waited for: status and the whole answer.
std::pair<int, QByteArray> call(quint16 port, const QByteArray &raw)
{
    Connection c(port, nullptr);
    int status = 0;
    c.send(raw, [&](int s) { status = s; });
    QElapsedTimer t;
    t.start();
    while (!status && t.elapsed() < 10000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 100);
    return {status, c.lastAnswer()};
}

QByteArray notification(const QString &phone, qint64 n)
{
    return QJsonDocument(QJsonObject{
                             {QStringLiteral("event"), QStringLiteral("application_received")},
                             {QStringLiteral("to"), QJsonObject{{QStringLiteral("phone"), phone}, {QStringLiteral("name"), QStringLiteral("Candidata %1").arg(n)}}},
                             {QStringLiteral("data"), QJsonObject{{QStringLiteral("candidate"), QJsonObject{{QStringLiteral("first_name"), QStringLiteral("Lucía")}}},
                                                                  {QStringLiteral("job"), QJsonObject{{QStringLiteral("title"), QStringLiteral("Camarero/a de sala")}}}}},
                             {QStringLiteral("reference"), QStringLiteral("app-%1").arg(n)},
                         })
        .toJson(QJsonDocument::Compact);
}

QString newPhone(qint64 n)
{
    return QStringLiteral("+3462%1").arg(n, 7, 10, QLatin1Char('0'));
}

QString contactPhone(qint64 i)
{
    return QStringLiteral("+3461000%1").arg(i, 4, 10, QLatin1Char('0'));
}

struct Phase {
    QString name;
    int okStatus = 200;
    std::function<QByteArray(qint64)> make;
    Stats stats;
    QMap<QString, double> serverCpu;
};
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    auto option = [&args](const QString &name, int fallback) { return takeIntOption(args, name, fallback); };
    const int seconds = option(QStringLiteral("--seconds"), 8);
    const int rounds = std::max(1, option(QStringLiteral("--rounds"), 2));
    const int contacts = std::max(1, option(QStringLiteral("--contacts"), 20));
    const QList<int> sweep = takeIntListOption(args, QStringLiteral("--connections"), {1, 8, 32});
    // --phases me,key,new,contacts: a subset (to profile one of them).
    QStringList only;
    if (const int i = int(args.indexOf(QStringLiteral("--phases"))); i >= 0 && i + 1 < args.size()) {
        only = args[i + 1].split(QLatin1Char(','));
        args.remove(i, 2);
    }
    if (args.isEmpty()) {
        out << "usage: bench_notifications SERVER_BINARY [DATABASE_URL] [--seconds S] [--connections C[,C...]] [--rounds N] [--contacts K] "
               "[--phases me,key,new,contacts]"
            << Qt::endl;
        return 2;
    }
    QTemporaryDir dir;
    const QString url = args.size() > 1 ? args[1] : QStringLiteral("sqlite://") + dir.path() + QStringLiteral("/bench.db");
    const QString kTemplate = QStringLiteral("candidatura_recibida");

    // Seed: the tenant, its number and template, an admin session, a key.
    QByteArray adminToken, apiKey;
    {
        auto db = Database::open(url);
        if (!db || !migrations::migrate(*db.value())) {
            out << "cannot open " << url << Qt::endl;
            return 1;
        }
        auto ring = secrets::MasterKeyStore::fromFile(dir.path() + QStringLiteral("/master.key")).keyring(true);
        if (!ring) {
            out << "no keyring: " << ring.error().message << Qt::endl;
            return 1;
        }
        auto fail = [](const QString &what, const Error &e) {
            out << "cannot seed " << what << ": " << e.message << Qt::endl;
            return 1;
        };
        auto tenant = TenantRepository(*db.value()).create(QStringLiteral("notify-bench"), QStringLiteral("Notify Bench"), Plan::Enterprise);
        if (!tenant)
            return fail(QStringLiteral("the tenant (it must be an empty database)"), tenant.error());
        WhatsAppConfig config;
        config.businessApiToken = QStringLiteral("EAAbench");
        config.phoneNumberId = QStringLiteral("70009");
        config.businessAccountId = QStringLiteral("470009");
        if (auto saved = WhatsAppConfigRepository(*db.value(), ring.value()).save(tenant->id, config, QStringLiteral("bench")); !saved)
            return fail(QStringLiteral("the WhatsApp configuration"), saved.error());
        meta::Template t;
        t.id = QStringLiteral("900001");
        t.name = kTemplate;
        t.language = QStringLiteral("es");
        t.category = QStringLiteral("UTILITY");
        t.status = QStringLiteral("APPROVED");
        t.components = QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("BODY")},
                                              {QStringLiteral("text"), QStringLiteral("Hola {{1}}, hemos recibido tu candidatura para {{2}}. "
                                                                                      "Te escribiremos por aquí con los siguientes pasos.")}}};
        if (auto stored = TemplateService(*db.value(), ring.value()).store(tenant->id, config.businessAccountId, QList<meta::Template>{t}); !stored)
            return fail(QStringLiteral("the template"), stored.error());
        auto admin = UserRepository(*db.value(), {10, 8, 1}).create({tenant->id, QStringLiteral("admin@bench.example"), QStringLiteral("Admin"),
                                                                     Role::TenantAdmin, QStringLiteral("bench password 123")}, QStringLiteral("bench"));
        if (!admin)
            return fail(QStringLiteral("the admin"), admin.error());
        adminToken = SessionRepository(*db.value()).create(admin->id, 3600000).value().token.toUtf8();
        auto key = ApiKeyRepository(*db.value()).create(tenant->id, QStringLiteral("crm"), {ApiScope::Notifications}, QStringLiteral("bench"));
        if (!key)
            return fail(QStringLiteral("the API key"), key.error());
        apiKey = key->key.toUtf8();
    }

    QProcess server;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PUENTE_DATABASE"), url);
    env.insert(QStringLiteral("PUENTE_DATA_DIR"), dir.path());
    // Accepting is measured, not sending: without the dispatcher the
    // messages stay queued (no Graph calls failing against nothing).
    env.insert(QStringLiteral("PUENTE_DISPATCHER"), QStringLiteral("off"));
    // Capacity, not the REST limits (10/s per key, 50/s per tenant by default).
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
    const qint64 serverPid = server.processId();

    // As the admin: quiet hours off, the rule.
    {
        auto [s1, a1] = call(port, request("PATCH", "/api/tenant-settings", adminToken, R"({"quiet_hours_enabled":false})"));
        auto [s2, a2] = call(port, request("POST", "/api/notification-rules", adminToken,
                                           QJsonDocument(QJsonObject{{QStringLiteral("event"), QStringLiteral("application_received")},
                                                                     {QStringLiteral("template"), kTemplate},
                                                                     {QStringLiteral("language"), QStringLiteral("es")},
                                                                     {QStringLiteral("body"), QJsonArray{QJsonObject{{QStringLiteral("source"), QStringLiteral("data")},
                                                                                                                     {QStringLiteral("value"), QStringLiteral("candidate.first_name")}},
                                                                                                         QJsonObject{{QStringLiteral("source"), QStringLiteral("data")},
                                                                                                                     {QStringLiteral("value"), QStringLiteral("job.title")}}}}})
                                               .toJson(QJsonDocument::Compact)));
        if (s1 != 200 || s2 != 201) {
            out << "setup refused:\n" << a1 << "\n" << a2 << Qt::endl;
            return 1;
        }
    }
    qint64 idem = 0; // every POST has a key of its own
    auto post = [&](const QString &phone) {
        const qint64 n = idem++;
        return request("POST", "/api/notifications", apiKey, notification(phone, n), "Idempotency-Key: bench-" + QByteArray::number(n) + "\r\n");
    };
    // One to check, then one to each existing contact (their conversations).
    qint64 firstId = 0;
    {
        auto [status, answer] = call(port, post(contactPhone(0)));
        const QJsonObject body = QJsonDocument::fromJson(answer.mid(answer.indexOf("\r\n\r\n") + 4)).object();
        if (status != 202 || body.value(QStringLiteral("status")).toString() != QLatin1String("queued")) {
            out << "a notification was not queued (" << status << "):\n" << answer << Qt::endl;
            return 1;
        }
        firstId = body.value(QStringLiteral("id")).toInteger();
        for (int i = 1; i < contacts; ++i)
            if (auto [s, a] = call(port, post(contactPhone(i))); s != 202) {
                out << "seeding contact " << i << " refused: " << a << Qt::endl;
                return 1;
            }
    }
    qint64 fresh = 0;
    QStringList sweepText;
    for (int c : sweep)
        sweepText.append(QString::number(c));
    out << QStringLiteral("server %6 on %1, %2 connections, %3 s per phase and C in %4 rounds, %5 existing contacts")
               .arg(url.section(QLatin1Char(':'), 0, 0), sweepText.join(QLatin1Char('/')))
               .arg(seconds)
               .arg(rounds)
               .arg(contacts)
               .arg(serverPid)
        << Qt::endl;

    const QByteArray me = request("GET", "/api/me", adminToken);
    const QByteArray getOne = request("GET", "/api/notifications/" + QByteArray::number(firstId), apiKey);
    const int sliceSeconds = std::max(1, seconds / rounds);
    for (int c : sweep) {
        QList<Phase> phases = {
            {QStringLiteral("GET /api/me (session)"), 200, [&](qint64) { return me; }, {}, {}},
            {QStringLiteral("GET /api/notifications/{id} (key)"), 200, [&](qint64) { return getOne; }, {}, {}},
            {QStringLiteral("POST notifications, new phones"), 202, [&](qint64) { return post(newPhone(fresh++)); }, {}, {}},
            {QStringLiteral("POST notifications, %1 contacts").arg(contacts), 202, [&](qint64 n) { return post(contactPhone(n % contacts)); }, {}, {}},
        };
        if (!only.isEmpty()) {
            static const QStringList kKeys = {QStringLiteral("me"), QStringLiteral("key"), QStringLiteral("new"), QStringLiteral("contacts")};
            for (qsizetype k = kKeys.size() - 1; k >= 0; --k)
                if (!only.contains(kKeys[k]))
                    phases.removeAt(k);
        }
        for (int round = 0; round < rounds; ++round) {
            // The order rotates: no phase always follows the heaviest.
            for (qsizetype k = 0; k < phases.size(); ++k) {
                Phase &p = phases[(k + round) % phases.size()];
                waitQuiet(serverPid);
                const auto before = cpuByThread(serverPid);
                const Stats s = closedLoop(port, c, sliceSeconds, p.make, p.okStatus);
                addUsed(p.serverCpu, before, cpuByThread(serverPid));
                p.stats.ok += s.ok;
                p.stats.failed += s.failed;
                p.stats.latenciesMs += s.latenciesMs;
                p.stats.seconds += s.seconds;
                for (auto it = s.failedByStatus.cbegin(); it != s.failedByStatus.cend(); ++it)
                    p.stats.failedByStatus[it.key()] += it.value();
                if (p.stats.firstFailure.isEmpty())
                    p.stats.firstFailure = s.firstFailure;
            }
        }
        for (const Phase &p : std::as_const(phases)) {
            const Stats &s = p.stats;
            out << QStringLiteral("%1 conn  %2 %3 /s  (ok %4, other %5)  p50 %6 ms  p95 %7 ms  p99 %8 ms")
                       .arg(c, 2)
                       .arg(p.name.leftJustified(36))
                       .arg(s.ok / s.seconds, 7, 'f', 0)
                       .arg(s.ok)
                       .arg(s.failed)
                       .arg(percentile(s.latenciesMs, 0.5), 0, 'f', 2)
                       .arg(percentile(s.latenciesMs, 0.95), 0, 'f', 2)
                       .arg(percentile(s.latenciesMs, 0.99), 0, 'f', 2)
                << Qt::endl;
            out << QStringLiteral("%1 server %2").arg(QString().leftJustified(44)).arg(cpuReport({}, p.serverCpu, std::max(1, s.ok + s.failed))) << Qt::endl;
            if (s.failed) {
                QStringList byStatus;
                for (auto it = s.failedByStatus.cbegin(); it != s.failedByStatus.cend(); ++it)
                    byStatus.append(QStringLiteral("%1 × %2").arg(it.value()).arg(it.key()));
                out << QStringLiteral("%1 not ok: %2; first: %3")
                           .arg(QString().leftJustified(44), byStatus.join(QStringLiteral(", ")),
                                QString::fromUtf8(s.firstFailure).simplified().left(400))
                    << Qt::endl;
            }
        }
    }
    server.terminate();
    server.waitForFinished(30000);
    return 0;
}
