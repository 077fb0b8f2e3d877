#pragma once

#include "common/result.h"
#include "common/workerthread.h"
#include "domain/ids.h"
#include "importing/chatimport.h"
#include "protocol/types.h"

namespace puente {

// Chat imports run as jobs (POST /api/whatsapp/imports): the upload is
// moved into the spool folder and a chat_imports row queued; one worker
// thread imports them in turn, noting its progress on the row, and keeps
// the report (or the error) there. A job stopped with the server goes back
// to the queue and runs again on the next start (importing is idempotent);
// one begun twice without ending (it crashed the server) is failed instead.
class ChatImportJobs {
public:
    ChatImportJobs(Database &db, EventBus *bus, QString mediaRoot, QString spoolDir);
    ~ChatImportJobs();

    void start();
    void stop();

    // Queues `uploadedFile` (moved into the spool) for `tenant`.
    Result<protocol::ChatImport> submit(TenantId tenant, const QString &uploadedFile, const ChatImportOptions &options, const Actor &actor);
    Result<protocol::ChatImport> get(TenantId tenant, qint64 id);
    // The tenant's last 50 imports, newest first.
    Result<QList<protocol::ChatImport>> list(TenantId tenant);

    // Runs the queued jobs on the calling thread (the worker, and tests).
    Status runQueued();

private:
    Status runOne(qint64 id);
    // Ends a job: done with its report, or failed with the error.
    Status finishJob(qint64 id, const Result<protocol::ChatImportReport> &report);
    // At start: spooled uploads no waiting job names, half-written media.
    Status sweep();

    Database &m_db;
    EventBus *m_bus;
    QString m_mediaRoot;
    QString m_spool;
    WorkerThread m_worker{{"chat-import", 10}};
};

} // namespace puente
