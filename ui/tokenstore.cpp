#include "tokenstore.h"

#include <qt6keychain/keychain.h>

namespace puente::ui {

namespace {
const QString kService = QStringLiteral("Puente");

// QtKeychain falls back to a plain-text QSettings file when asked to; the
// token must never land there, so every job says no explicitly.
//
// No parent: a job deletes itself when it finishes (autoDelete). Owned by the
// store, a job in flight died with it (a window closing, the console
// quitting) while libsecret still held it, and its answer then crashed the
// process.
template<typename Job>
Job *makeJob(const QString &account)
{
    auto *job = new Job(kService);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(account);
    return job;
}

// Never empty: the UI tells the user why their session is not remembered.
QString reasonOf(const QKeychain::Job *job)
{
    const QString s = job->errorString();
    return s.isEmpty() ? QStringLiteral("keychain error %1").arg(int(job->error())) : s;
}
} // namespace

TokenStore::TokenStore(QObject *parent) : QObject(parent)
{
}

QString TokenStore::accountFor(const QUrl &server, const QString &email)
{
    // "https://host" and "https://host/" are one server.
    QString url = server.toString();
    while (url.endsWith(QLatin1Char('/')))
        url.chop(1);
    return url + QLatin1Char(' ') + email.trimmed().toLower();
}

void TokenStore::save(const QString &account, const QString &token)
{
    auto *job = makeJob<QKeychain::WritePasswordJob>(account);
    job->setTextData(token);
    connect(job, &QKeychain::Job::finished, this, [this](QKeychain::Job *j) {
        const bool ok = j->error() == QKeychain::NoError;
        Q_EMIT saved(ok, ok ? QString() : reasonOf(j));
    });
    job->start();
}

void TokenStore::load(const QString &account)
{
    auto *job = makeJob<QKeychain::ReadPasswordJob>(account);
    connect(job, &QKeychain::Job::finished, this, [this, job](QKeychain::Job *) {
        switch (job->error()) {
        case QKeychain::NoError:
            Q_EMIT loaded(job->textData(), {});
            break;
        case QKeychain::EntryNotFound:
            Q_EMIT loaded({}, {});
            break;
        default:
            Q_EMIT loaded({}, reasonOf(job));
        }
    });
    job->start();
}

void TokenStore::forget(const QString &account)
{
    auto *job = makeJob<QKeychain::DeletePasswordJob>(account);
    connect(job, &QKeychain::Job::finished, this, [this](QKeychain::Job *j) {
        const bool ok = j->error() == QKeychain::NoError || j->error() == QKeychain::EntryNotFound;
        Q_EMIT forgotten(ok, ok ? QString() : reasonOf(j));
    });
    job->start();
}

} // namespace puente::ui
