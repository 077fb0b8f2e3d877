#include "importing/chatimportjobs.h"

#include "logging/logging.h"
#include "messaging/rows.h"
#include "storage/sql.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QScopeGuard>
#include <QSet>
#include <QUuid>

using namespace std::chrono_literals;

namespace puente {

namespace {

const QString kColumns = QStringLiteral(
    "id, status, file_name, file_size, bytes_read, messages_read, report, error_code, error_message, created_at, updated_at");

protocol::ChatImport fromRow(const Sql &q)
{
    protocol::ChatImport j;
    j.id = q.int64(0);
    j.status = q.text(1);
    j.fileName = q.text(2);
    j.fileSize = q.int64(3);
    j.bytesRead = q.int64(4);
    j.messagesRead = q.int64(5);
    if (!q.isNull(6)) {
        j.report = protocol::fromJson<protocol::ChatImportReport>(QJsonDocument::fromJson(q.text(6).toUtf8()).object());
    }
    if (!q.isNull(7))
        j.error = protocol::ChatImportError{q.text(7), q.text(8)};
    j.createdAt = q.int64(9);
    j.updatedAt = q.int64(10);
    return j;
}

} // namespace

ChatImportJobs::ChatImportJobs(Database &db, EventBus *bus, QString mediaRoot, QString spoolDir)
    : m_db(db), m_bus(bus), m_mediaRoot(std::move(mediaRoot)), m_spool(std::move(spoolDir))
{
}

ChatImportJobs::~ChatImportJobs()
{
    stop();
}

void ChatImportJobs::start()
{
    m_worker.start([this] {
        if (auto s = sweep(); !s)
            qCWarning(lcStorage).noquote() << "chat imports:" << s.error().message;
        // Jobs left queued (or running when the last server stopped) first.
        do {
            if (auto s = runQueued(); !s)
                qCWarning(lcStorage).noquote() << "chat imports:" << s.error().message;
        } while (m_worker.waitForWork(30s));
    });
}

void ChatImportJobs::stop()
{
    m_worker.stop();
}

Result<protocol::ChatImport> ChatImportJobs::submit(TenantId tenant, const QString &uploadedFile, const ChatImportOptions &options,
                                                    const Actor &actor)
{
    if (!QDir().mkpath(m_spool))
        return makeError("storage_error", QStringLiteral("cannot make the import folder"));
    // The upload moves into the spool first (outside any transaction); it
    // goes again if the job cannot be recorded, and the start-up sweep takes
    // whatever a crash in between left.
    const QString spooled = m_spool + QStringLiteral("/import-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (!QFile::rename(uploadedFile, spooled) && !QFile::copy(uploadedFile, spooled))
        return makeError("storage_error", QStringLiteral("cannot keep the upload in the import folder"));
    auto removeSpooled = qScopeGuard([&] { QFile::remove(spooled); });
    const QJsonObject opts{{QStringLiteral("file_name"), options.fileName},
                           {QStringLiteral("contact"), options.contact},
                           {QStringLiteral("company_name"), options.companyName},
                           {QStringLiteral("time_zone"), options.timeZone},
                           {QStringLiteral("actor"), actor.label},
                           {QStringLiteral("address"), actor.clientAddress}};
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    const qint64 now = nowMs();
    Sql insert(tx.connection(), QStringLiteral("INSERT INTO chat_imports (tenant_id, status, file_name, file_path, file_size, options, "
                                               "created_by_user_id, created_at, updated_at) VALUES (?, 'queued', ?, ?, ?, ?, ?, ?, ?) RETURNING ")
                                    + kColumns);
    insert.bind(tenant.value).bind(options.fileName.left(255)).bind(spooled).bind(QFileInfo(spooled).size()).bind(rows::compactJson(opts))
        .bind(actor.userId.isValid() ? QVariant(actor.userId.value) : nullInt()).bind(now).bind(now);
    if (auto s = insert.exec(); !s)
        return s.error();
    if (!insert.next())
        return makeError("storage_error", QStringLiteral("import insert returned no row"));
    const protocol::ChatImport job = fromRow(insert);
    insert.finish();
    if (auto s = tx.commit(); !s)
        return s.error();
    removeSpooled.dismiss();
    m_worker.wake();
    return job;
}

Status ChatImportJobs::sweep()
{
    // Uploads no waiting job names (a crash between moving one in and
    // recording its job, or after a job ended), and media copies an
    // interrupted import left half-written.
    QSet<QString> wanted;
    Sql q(m_db.connection(), QStringLiteral("SELECT file_path FROM chat_imports WHERE status IN ('queued', 'running') AND file_path IS NOT NULL"));
    if (auto s = q.exec(); !s)
        return s;
    while (q.next())
        wanted.insert(q.text(0));
    for (const QFileInfo &f : QDir(m_spool).entryInfoList({QStringLiteral("import-*")}, QDir::Files))
        if (!wanted.contains(f.absoluteFilePath()) && !wanted.contains(f.filePath()))
            QFile::remove(f.absoluteFilePath());
    for (const QFileInfo &f : QDir(m_mediaRoot).entryInfoList({QStringLiteral("import-*")}, QDir::Files))
        QFile::remove(f.absoluteFilePath());
    return {};
}

Result<protocol::ChatImport> ChatImportJobs::get(TenantId tenant, qint64 id)
{
    Sql q(m_db.connection(), QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM chat_imports WHERE tenant_id = ? AND id = ?"));
    q.bind(tenant.value).bind(id);
    if (auto s = q.exec(); !s)
        return s.error();
    if (!q.next())
        return makeError("not_found", QStringLiteral("no such import"));
    return fromRow(q);
}

Result<QList<protocol::ChatImport>> ChatImportJobs::list(TenantId tenant)
{
    Sql q(m_db.connection(), QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM chat_imports WHERE tenant_id = ? ORDER BY id DESC LIMIT 50"));
    q.bind(tenant.value);
    if (auto s = q.exec(); !s)
        return s.error();
    QList<protocol::ChatImport> out;
    while (q.next())
        out << fromRow(q);
    return out;
}

Status ChatImportJobs::runQueued()
{
    while (!m_worker.stopping()) {
        Sql q(m_db.connection(), QStringLiteral("SELECT id, attempts, file_path FROM chat_imports WHERE status IN ('queued', 'running') "
                                                "ORDER BY id LIMIT 1"));
        if (auto s = q.exec(); !s)
            return s;
        if (!q.next())
            return {};
        const qint64 id = q.int64(0);
        const qint64 attempts = q.int64(1);
        const QString path = q.text(2);
        q.finish();
        // Begun twice and never ended: it stopped the server (or was
        // killed with it) both times; a third start would do the same.
        if (attempts >= 2) {
            if (auto s = finishJob(id, makeError("import_interrupted", QStringLiteral("the import was interrupted twice (the server stopped "
                                                                                      "during it); it was not tried again"))); !s)
                return s;
            if (!path.isEmpty())
                QFile::remove(path);
            continue;
        }
        if (auto s = runOne(id); !s)
            return s;
    }
    return {};
}

Status ChatImportJobs::runOne(qint64 id)
{
    TenantId tenant;
    QString path;
    QJsonObject opts;
    Actor actor;
    qint64 fileSize = 0;
    {
        Transaction tx(m_db, Transaction::Priority::Background);
        if (!tx.begun())
            return tx.begun();
        Sql q(tx.connection(), QStringLiteral("UPDATE chat_imports SET status = 'running', attempts = attempts + 1, updated_at = ? WHERE id = ? "
                                              "RETURNING tenant_id, file_path, options, created_by_user_id, file_size"));
        q.bind(nowMs()).bind(id);
        if (auto s = q.exec(); !s)
            return s;
        if (!q.next())
            return {};
        tenant = TenantId(q.int64(0));
        path = q.text(1);
        opts = QJsonDocument::fromJson(q.text(2).toUtf8()).object();
        actor = Actor(q.isNull(3) ? UserId() : UserId(q.int64(3)), opts.value(QStringLiteral("actor")).toString(),
                      opts.value(QStringLiteral("address")).toString());
        fileSize = q.int64(4);
        q.finish();
        if (auto s = tx.commit(); !s)
            return s;
    }
    ChatImportOptions options;
    options.fileName = opts.value(QStringLiteral("file_name")).toString();
    options.contact = opts.value(QStringLiteral("contact")).toString();
    options.companyName = opts.value(QStringLiteral("company_name")).toString();
    options.timeZone = opts.value(QStringLiteral("time_zone")).toString();

    QElapsedTimer sinceNote;
    sinceNote.start();
    // The share of the chat's text read, as bytes of the upload (a zip's
    // text is not the upload's size); false when the server is stopping.
    const auto progress = [&](qint64 done, qint64 total, qint64 messages) {
        if (m_worker.stopping())
            return false;
        if (sinceNote.elapsed() < 500)
            return true;
        sinceNote.restart();
        Transaction tx(m_db, Transaction::Priority::Background);
        if (!tx.begun())
            return true;
        Sql q(tx.connection(), QStringLiteral("UPDATE chat_imports SET bytes_read = ?, messages_read = ?, updated_at = ? WHERE id = ?"));
        q.bind(fileSize * qMin(done, total) / qMax<qint64>(total, 1)).bind(messages).bind(nowMs()).bind(id);
        if (q.exec())
            (void)tx.commit();
        return true;
    };
    auto report = path.isEmpty() ? Result<protocol::ChatImportReport>(makeError("storage_error", QStringLiteral("the upload is gone")))
                                 : ChatImporter(m_db, m_bus, m_mediaRoot).run(tenant, path, options, actor, progress);
    if (!report && report.error().code == QLatin1String("cancelled")) {
        // Stopped with the server: queued again as it was, its file kept.
        Transaction tx(m_db, Transaction::Priority::Background);
        if (!tx.begun())
            return tx.begun();
        Sql again(tx.connection(), QStringLiteral("UPDATE chat_imports SET status = 'queued', attempts = attempts - 1, updated_at = ? WHERE id = ?"));
        again.bind(nowMs()).bind(id);
        if (auto s = again.exec(); !s)
            return s;
        return tx.commit();
    }
    if (!report)
        qCInfo(lcStorage).noquote() << QStringLiteral("chat import %1 failed: %2").arg(id).arg(report.error().message);
    if (auto s = finishJob(id, report); !s)
        return s;
    if (!path.isEmpty())
        QFile::remove(path);
    return {};
}

Status ChatImportJobs::finishJob(qint64 id, const Result<protocol::ChatImportReport> &report)
{
    Transaction tx(m_db, Transaction::Priority::Background);
    if (!tx.begun())
        return tx.begun();
    Sql done(tx.connection(), QStringLiteral("UPDATE chat_imports SET status = ?, report = ?, error_code = ?, error_message = ?, "
                                             "bytes_read = file_size, messages_read = ?, file_path = NULL, updated_at = ? WHERE id = ?"));
    done.bind(report ? QStringLiteral("done") : QStringLiteral("failed"))
        .bind(report ? QVariant(rows::compactJson(protocol::toJson(report.value()))) : QVariant(QMetaType(QMetaType::QString)))
        .bind(report ? QVariant(QMetaType(QMetaType::QString)) : QVariant(report.error().code))
        .bind(report ? QVariant(QMetaType(QMetaType::QString)) : QVariant(report.error().message))
        .bind(report ? report->messages : qint64(0)).bind(nowMs()).bind(id);
    if (auto s = done.exec(); !s)
        return s;
    return tx.commit();
}

} // namespace puente
