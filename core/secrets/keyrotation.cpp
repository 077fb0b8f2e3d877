#include "secrets/keyrotation.h"

#include "crypto/crypto.h"
#include "logging/logging.h"
#include "secrets/masterkeystore.h"
#include "secrets/sealedcolumns.h"
#include "storage/sql.h"

#include <QThread>

namespace puente::secrets {

namespace {
const QString kSentinelName = QStringLiteral("master_key_check");
const QByteArray kSentinelPlain = QByteArrayLiteral("puente master key check");

QByteArray sentinelContext()
{
    return sealingContext(QStringLiteral("system_settings"), kSentinelName, QStringLiteral("value"));
}

Error wrongKey(const QString &detail)
{
    return makeError("wrong_master_key",
                     QStringLiteral("the master key does not open this database's secrets (%1); set the "
                                    "PUENTE_MASTER_KEY or key file this database was created with")
                         .arg(detail));
}
Status resealAll(Database &db, const crypto::Keyring &kr, const QString &currentPrefix, RotationReport &report, int stopAfter)
{
    for (const SealedColumn &col : sealedColumns()) {
        // Read the pending rows first, then update each in its own short
        // transaction: readers and writers are never blocked for long.
        Sql select(db.connection(), QStringLiteral("SELECT %1, %2, %3 FROM %4 WHERE %3 IS NOT NULL AND %3 NOT LIKE ?")
                                        .arg(col.keyColumn, col.scopeColumn, col.column, col.table));
        select.bind(currentPrefix + QLatin1Char('%'));
        if (auto s = select.exec(); !s)
            return s;
        struct Row {
            QVariant key;
            QString scope;
            QString sealed;
        };
        QList<Row> rows;
        while (select.next())
            rows.append({select.value(0), select.text(1), select.text(2)});
        select.finish();

        for (const Row &row : rows) {
            if (stopAfter >= 0 && report.resealed >= stopAfter)
                return {};
            const QByteArray context = sealingContext(col.table, row.scope, col.column);
            auto plain = kr.open(row.sealed, context);
            if (!plain)
                return wrongKey(plain.error().message);
            Transaction tx(db);
            if (!tx.begun())
                return tx.begun();
            Sql update(tx.connection(), QStringLiteral("UPDATE %1 SET %2 = ? WHERE %3 = ? AND %2 = ?")
                                            .arg(col.table, col.column, col.keyColumn));
            update.bind(kr.seal(plain.value(), context)).bind(row.key).bind(row.sealed);
            if (auto s = update.exec(); !s)
                return s;
            if (auto s = tx.commit(); !s)
                return s;
            // Zero rows: a writer replaced the value meanwhile; if it used an
            // old key, the second pass re-seals it.
            report.resealed += update.rowsAffected() > 0 ? 1 : 0;
        }
    }

    return {};
}
} // namespace

Status verifyMasterKey(Database &db, const crypto::Keyring &keyring)
{
    Sql q(db.connection(), QStringLiteral("SELECT value FROM system_settings WHERE name = ?"));
    q.bind(kSentinelName);
    if (auto s = q.exec(); !s)
        return s;
    if (q.next()) {
        auto opened = keyring.open(q.text(0), sentinelContext());
        if (!opened)
            return wrongKey(opened.error().message);
        return {};
    }
    Transaction tx(db);
    if (!tx.begun())
        return tx.begun();
    // ON CONFLICT: two nodes starting at once both try to write it.
    Sql insert(tx.connection(), QStringLiteral("INSERT INTO system_settings (name, value, updated_at) VALUES (?, ?, ?) "
                                               "ON CONFLICT (name) DO NOTHING"));
    insert.bind(kSentinelName).bind(keyring.seal(kSentinelPlain, sentinelContext())).bind(nowMs());
    if (auto s = insert.exec(); !s)
        return s;
    if (auto s = tx.commit(); !s)
        return s;
    return verifyMasterKey(db, keyring);
}

Result<RotationReport> rotateMasterKey(Database &db, const MasterKeyStore &store, std::chrono::milliseconds grace, int stopAfter)
{
    auto keys = store.readKeys(false);
    if (!keys)
        return keys.error();
    RotationReport report;
    QList<QByteArray> ring = keys.value();
    if (!store.isEnvironment()) {
        if (ring.size() > 1) {
            report.resumed = true;
        } else {
            // Check before adding a key: rotating a database with the wrong
            // key would strand its secrets.
            auto oldRing = crypto::Keyring::create(ring);
            if (!oldRing)
                return oldRing.error();
            if (auto s = verifyMasterKey(db, *oldRing.value()); !s)
                return s.error();
            ring.prepend(crypto::randomBytes(32));
            if (auto s = store.writeKeys(ring); !s)
                return s.error();
        }
    }
    auto keyring = crypto::Keyring::create(ring);
    if (!keyring)
        return keyring.error();
    const crypto::Keyring &kr = *keyring.value();
    report.newKeyId = kr.currentKeyId();
    const QString currentPrefix = QStringLiteral("v1.") + report.newKeyId + QLatin1Char('.');

    // Re-seal everything under an old key; then, once running servers have
    // had time to move to the new key, once more for what they wrote meanwhile.
    for (int pass = 0; pass < 2; ++pass) {
        if (pass == 1) {
            if (store.isEnvironment() || ring.size() < 2)
                break;
            if (grace.count() > 0) {
                qCInfo(lcSecrets) << "waiting" << grace.count() / 1000.0 << "s for running servers to load the new key";
                QThread::msleep(quint64(grace.count()));
            }
        }
        if (auto s = resealAll(db, kr, currentPrefix, report, stopAfter); !s)
            return s.error();
        if (stopAfter >= 0 && report.resealed >= stopAfter)
            return report;
    }

    if (!store.isEnvironment() && ring.size() > 1) {
        if (auto s = store.writeKeys({ring.first()}); !s)
            return s.error();
    }
    report.finished = true;
    qCInfo(lcSecrets).noquote() << "master key rotation finished: key" << report.newKeyId << "re-sealed" << report.resealed
                                << "secrets";
    return report;
}

} // namespace puente::secrets
