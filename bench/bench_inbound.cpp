// The inbound processor alone, in process, without HTTP: what one webhook
// costs between the inbox and the events (issue 3's two numbers both come
// down to it). The same bodies as bench_loadgen (a text from one of 5,000
// contacts spread over 20 tenants).
//   1. history: H webhooks processed first, so the tables and indexes have
//      a realistic size (the paced phase of bench_loadgen runs at ~250k);
//   2. backlog: N webhooks queued, then processed in batches of 32;
//   3. one at a time: each webhook queued and processed on its own, as at a
//      steady 1,000/s;
//   and the baseline, in the same run and on the same database: each body
//   parsed and its message inserted into a bare table, batched the same way.
// Reports the processor's thread CPU per webhook and the ratio to the baseline.
// Usage: bench_inbound [DATABASE_URL] [--history H] [--webhooks N]
#include "benchseed.h"
#include "messaging/inboundprocessor.h"
#include "messaging/webhookinbox.h"
#include "meta/webhookparser.h"
#include "secrets/masterkeystore.h"
#include "storage/sql.h"
#include "storage/migrations.h"

#include <QCoreApplication>
#include <QTemporaryDir>
#include <QTextStream>

#include <ctime>
#include <functional>

using namespace puente;

namespace {
QTextStream out(stdout);
constexpr int kTenants = 20;

QByteArray webhookBody(qint64 n)
{
    return QStringLiteral(
               R"({"object":"whatsapp_business_account","entry":[{"id":"4%1","changes":[{"field":"messages","value":{)"
               R"("messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"%1"},)"
               R"("contacts":[{"profile":{"name":"Candidata %2"},"wa_id":"34600%3"}],"messages":[{"from":"34600%3",)"
               R"("id":"wamid.bench.%2","timestamp":"1750000000","type":"text","text":{"body":"¿Sigue abierta la vacante? %2"}}]}}]}]})")
        .arg(QStringLiteral("7000%1").arg(n % kTenants))
        .arg(n)
        .arg(n % 5000, 6, 10, QLatin1Char('0'))
        .toUtf8();
}

qint64 threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

bool queue(Database &db, qint64 from, int count)
{
    Transaction tx(db.inbox());
    if (!tx.begun())
        return false;
    for (int i = 0; i < count; ++i)
        if (!WebhookInbox::insert(tx.connection(), webhookBody(from + i)))
            return false;
    return bool(tx.commit());
}

// CPU µs per webhook of `work`, which handles `count` webhooks.
double cpuMicros(int count, const std::function<bool()> &work)
{
    const qint64 start = threadCpuNs();
    if (!work()) {
        out << "the benchmark's work failed" << Qt::endl;
        std::exit(1);
    }
    return double(threadCpuNs() - start) / 1000.0 / count;
}

// The floor: parse the body and insert its message into a bare table, in
// one transaction per `batch` bodies.
bool bare(Database &db, qint64 from, int count, int batch)
{
    for (int done = 0; done < count;) {
        Transaction tx(db, Transaction::Priority::Background);
        if (!tx.begun())
            return false;
        for (int i = 0; i < batch && done < count; ++i, ++done) {
            const QByteArray body = webhookBody(from + done);
            const meta::ParsedWebhook parsed = meta::parseWebhook(body);
            for (const meta::WebhookChange &change : parsed.changes)
                for (const meta::InboundMessage &m : change.messages) {
                    Sql q(tx.connection(), QStringLiteral("INSERT INTO bench_bare (wamid, sender, content, raw_json) VALUES (?, ?, ?, ?)"));
                    q.bind(m.id).bind(m.from).bind(m.text).bind(QString::fromUtf8(body));
                    if (!q.exec())
                        return false;
                }
        }
        if (!tx.commit())
            return false;
    }
    return true;
}

void report(const char *what, double micros, double baseline)
{
    out << QStringLiteral("%1 %2 µs/webhook   baseline %3 µs   ratio %4")
               .arg(QString::fromUtf8(what).leftJustified(28))
               .arg(micros, 7, 'f', 1)
               .arg(baseline, 6, 'f', 1)
               .arg(micros / baseline, 5, 'f', 2)
        << Qt::endl;
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    auto option = [&](const QString &name, int fallback) {
        const int i = args.indexOf(name);
        return i > 0 && i + 1 < args.size() ? args[i + 1].toInt() : fallback;
    };
    const int history = option(QStringLiteral("--history"), 100000);
    const int webhooks = option(QStringLiteral("--webhooks"), 20000);
    const int single = webhooks / 10;
    QTemporaryDir dir;
    const QString url = args.size() > 1 && !args[1].startsWith(QLatin1String("--")) ? args[1]
                                                                                     : QStringLiteral("sqlite://") + dir.path() + QStringLiteral("/bench.db");
    auto opened = Database::open(url);
    if (!opened || !migrations::migrate(*opened.value())) {
        out << "cannot open " << url << Qt::endl;
        return 1;
    }
    Database &db = *opened.value();
    auto ring = secrets::MasterKeyStore::fromFile(dir.path() + QStringLiteral("/master.key")).keyring(true);
    auto seeded = ring ? bench::seedTenants(db, ring.value(), kTenants) : Result<QList<TenantId>>(ring.error());
    if (!seeded) {
        out << "cannot seed " << url << ": " << seeded.error().message << Qt::endl;
        return 1;
    }
    if (!Sql::run(db.connection(), QStringLiteral("CREATE TABLE bench_bare (id %1, wamid TEXT NOT NULL, sender TEXT, content TEXT, raw_json TEXT)")
                                       .arg(db.dialect() == Dialect::Sqlite ? QStringLiteral("INTEGER PRIMARY KEY") : QStringLiteral("BIGSERIAL PRIMARY KEY")))) {
        out << "cannot create the baseline table" << Qt::endl;
        return 1;
    }

    InboundProcessor processor(db, nullptr);
    auto drain = [&] {
        for (;;) {
            auto handled = processor.processPending(32);
            if (!handled)
                return false;
            if (handled.value() == 0)
                return true;
        }
    };
    qint64 next = 0;
    out << QStringLiteral("%1, history %2 webhooks, %3 in a backlog, %4 one at a time")
               .arg(url.section(QLatin1Char(':'), 0, 0)).arg(history).arg(webhooks).arg(single)
        << Qt::endl;
    for (int done = 0; done < history; done += 10000) {
        const int n = std::min(10000, history - done);
        if (!queue(db, next, n) || !drain()) {
            out << "the history could not be processed" << Qt::endl;
            return 1;
        }
        next += n;
    }

    // Alternate processor and baseline, so drift on a shared machine hits both.
    double backlog = 0, backlogBase = 0, one = 0, oneBase = 0;
    const int rounds = 2;
    for (int r = 0; r < rounds; ++r) {
        const int n = webhooks / rounds;
        if (!queue(db, next, n))
            return 1;
        backlog += cpuMicros(n, drain) / rounds;
        next += n;
        backlogBase += cpuMicros(n, [&] { return bare(db, next, n, 32); }) / rounds;
        next += n;
        const int k = single / rounds;
        double spent = 0;
        for (int i = 0; i < k; ++i) {
            if (!queue(db, next++, 1))
                return 1;
            spent += cpuMicros(1, drain);
        }
        one += spent / k / rounds;
        oneBase += cpuMicros(k, [&] { return bare(db, next, k, 1); }) / rounds;
        next += k;
    }
    report("backlog (batches of 32)", backlog, backlogBase);
    report("one at a time", one, oneBase);
    return 0;
}
