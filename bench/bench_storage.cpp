// Measures the foundation's hot paths against a baseline taken in the same
// run, so a shared, noisy machine still gives a fair ratio:
//   - sealing a secret (Keyring::seal/open) vs raw AES-256-GCM
//   - creating a tenant through TenantRepository (transaction + audit entry)
//     vs a bare INSERT in its own transaction
// Usage: bench_storage [database-url]   (default: a temporary SQLite file)
#include "crypto/crypto.h"
#include "crypto/passwordhash.h"
#include "crypto/secretbox.h"
#include "storage/sql.h"
#include "storage/migrations.h"
#include "storage/tenantrepository.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTextStream>

#include <functional>

using namespace puente;

namespace {
QTextStream out(stdout);

double perSecond(int n, const std::function<void(int)> &body)
{
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < n; ++i)
        body(i);
    return n * 1e9 / double(t.nsecsElapsed());
}

void report(const char *what, double ops, double baseline)
{
    out << QStringLiteral("%1 %2 ops/s   baseline %3 ops/s   ratio %4")
               .arg(QString::fromLatin1(what).leftJustified(34))
               .arg(ops, 10, 'f', 0)
               .arg(baseline, 10, 'f', 0)
               .arg(ops / baseline, 5, 'f', 2)
        << Qt::endl;
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    const QString url = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("sqlite://") + dir.path() + QStringLiteral("/bench.db");

    const QByteArray key = crypto::randomBytes(32);
    auto ring = crypto::Keyring::create({key});
    const QByteArray token(200, 'E');
    QString sealed;
    const QByteArray nonce = crypto::randomBytes(12);
    const QByteArray rawBox = crypto::aes256GcmSeal(key, nonce, token, "ctx");
    const double rawSeal = perSecond(20000, [&](int) { crypto::aes256GcmSeal(key, crypto::randomBytes(12), token, "ctx"); });
    const double seal = perSecond(20000, [&](int) { sealed = ring.value()->seal(token, "ctx"); });
    report("seal 200-byte secret (vs raw GCM)", seal, rawSeal);
    const double rawOpen = perSecond(20000, [&](int) { (void)crypto::aes256GcmOpen(key, nonce, rawBox, "ctx"); });
    const double open = perSecond(20000, [&](int) { (void)ring.value()->open(sealed, "ctx"); });
    report("open 200-byte secret (vs raw GCM)", open, rawOpen);

    QElapsedTimer t;
    t.start();
    const QString hash = crypto::hashPassword(QStringLiteral("bench password 123"));
    out << QStringLiteral("scrypt hash (ln=15,r=8,p=1)        %1 ms").arg(t.elapsed()) << Qt::endl;

    auto db = Database::open(url);
    if (!db || !migrations::migrate(*db.value())) {
        out << "cannot open " << url << Qt::endl;
        return 1;
    }
    const int n = 500;
    const double bare = perSecond(n, [&](int i) {
        Transaction tx(*db.value());
        Sql q(tx.connection(), QStringLiteral("INSERT INTO tenants (slug, name, plan, status, created_at, updated_at) "
                                              "VALUES (?, 'Bench', 'basic', 'active', 0, 0)"));
        q.bind(QStringLiteral("bare-%1").arg(i));
        (void)q.exec();
        (void)tx.commit();
    });
    TenantRepository repo(*db.value());
    const double viaRepo = perSecond(n, [&](int i) { (void)repo.create(QStringLiteral("repo-%1").arg(i), QStringLiteral("Bench"), Plan::Basic); });
    report(qPrintable(QStringLiteral("tenant create (%1)").arg(db.value()->dialect() == Dialect::Sqlite ? QStringLiteral("sqlite") : QStringLiteral("postgres"))),
           viaRepo, bare);
    return 0;
}
