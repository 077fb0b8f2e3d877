#include "cli.h"

#include "config/settings.h"
#include "httpfront.h"
#include "logging/logging.h"
#include "importing/chatimport.h"
#include "messaging/inboundprocessor.h"
#include "secrets/keyrotation.h"
#include "sandboxdemo.h"
#include "servercontext.h"
#include "storage/database.h"
#include "storage/migrations.h"
#include "storage/tenantrepository.h"
#include "storage/userrepository.h"
#include "unixsignals.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QCoreApplication>
#include <QDateTime>
#include <QTimeZone>
#include <QTextStream>

#include <optional>

#include <unistd.h>

namespace puente::server {

namespace {

const QString kHelpIntro = QStringLiteral(
    "Puente server: one webhook URL for every tenant's WhatsApp Cloud API traffic,\n"
    "durable storage, REST API and WebSocket events.\n"
    "\n"
    "Commands:\n"
    "  serve [--listen HOST:PORT]      migrate, then serve HTTP (default 127.0.0.1:8080)\n"
    "        [--sandbox]               ...with the Sandbox (a Cloud API emulator), a demo tenant and\n"
    "                                  scripted candidates: for demos and development only\n"
    "  migrate                         bring the database schema up to date\n"
    "  tenant create SLUG --name NAME [--plan basic|pro|enterprise]\n"
    "  tenant list\n"
    "  user create --tenant SLUG --email E --name N --role tenant_admin|agent --password-stdin\n"
    "  admin create --email E --name N --password-stdin   (platform admin)\n"
    "  rotate-master-key               re-encrypt every stored secret under a new master key\n"
    "  dead-letters list               webhook changes that could not be routed or parsed\n"
    "  dead-letters replay ID          queue a dead letter again (after fixing its cause)\n"
    "  import chat-export --tenant SLUG [--contact +34...] [--company-name NAME]\n"
    "        [--time-zone Europe/Madrid] FILE...\n"
    "                                  import WhatsApp \"Export chat\" files (.txt or .zip) into the\n"
    "                                  contacts' conversations; running it again adds nothing twice"
    "\n"
    "Every setting can also come from the environment as PUENTE_<KEY> (PUENTE_DATABASE,\n"
    "PUENTE_DATA_DIR, PUENTE_MASTER_KEY, ...) or from the --config INI file.\n"
    "Exit codes: 0 ok, 1 failure, 2 usage error.");

struct UsageError {
    QString message;
};

class Command {
public:
    Command(const QCommandLineParser &parser, Settings settings, QTextStream &out, QTextStream &err, QTextStream &in)
        : m_parser(parser), m_settings(std::move(settings)), m_out(out), m_err(err), m_in(in)
    {
    }

    int run(const QStringList &words);

private:
    int fail(const Error &e)
    {
        m_err << "puente-server: error: " << e.message << Qt::endl;
        return ExitFailure;
    }
    int usage(const QString &message)
    {
        m_err << "puente-server: " << message << "\nTry 'puente-server --help'." << Qt::endl;
        return ExitUsage;
    }
    // Only the options a command takes may be given.
    std::optional<int> checkOptions(const QString &command, const QStringList &allowed, const QStringList &required);
    Status checkDataDir();
    Result<std::unique_ptr<Database>> openMigrated();
    Result<QString> readPassword();

    int serve();
    int migrate();
    int tenantCreate(const QString &slug);
    int tenantList();
    int userCreate();
    int adminCreate();
    int rotateMasterKey();
    int deadLettersList();
    int deadLettersReplay(const QString &id);
    int importChatExports(const QStringList &files);

    const QCommandLineParser &m_parser;
    Settings m_settings;
    QTextStream &m_out;
    QTextStream &m_err;
    QTextStream &m_in;
};

const QStringList kGlobalOptions = {QStringLiteral("database"), QStringLiteral("data-dir"), QStringLiteral("config"),
                                    QStringLiteral("log-format")};

std::optional<int> Command::checkOptions(const QString &command, const QStringList &allowed, const QStringList &required)
{
    const QStringList given = m_parser.optionNames();
    for (const QString &name : given) {
        if (!kGlobalOptions.contains(name) && !allowed.contains(name))
            return usage(QStringLiteral("option --%1 does not apply to '%2'").arg(name, command));
    }
    for (const QString &name : required) {
        if (!m_parser.isSet(name) || (name != QLatin1String("password-stdin") && m_parser.value(name).trimmed().isEmpty()))
            return usage(QStringLiteral("'%1' needs --%2").arg(command, name));
    }
    return std::nullopt;
}

int Command::run(const QStringList &words)
{
    const QString cmd = words.value(0);
    const QString sub = words.value(1);
    auto expectWords = [&](int n) -> std::optional<int> {
        if (words.size() != n)
            return usage(QStringLiteral("'%1' takes %2 word(s), got: %3").arg(words.mid(0, 2).join(QLatin1Char(' '))).arg(n).arg(words.join(QLatin1Char(' '))));
        return std::nullopt;
    };
    if (cmd == QLatin1String("serve")) {
        if (auto r = expectWords(1)) return *r;
        if (auto r = checkOptions(cmd, {QStringLiteral("listen"), QStringLiteral("sandbox")}, {})) return *r;
        return serve();
    }
    if (cmd == QLatin1String("migrate")) {
        if (auto r = expectWords(1)) return *r;
        if (auto r = checkOptions(cmd, {}, {})) return *r;
        return migrate();
    }
    if (cmd == QLatin1String("rotate-master-key")) {
        if (auto r = expectWords(1)) return *r;
        if (auto r = checkOptions(cmd, {}, {})) return *r;
        return rotateMasterKey();
    }
    if (cmd == QLatin1String("tenant") && sub == QLatin1String("create")) {
        if (words.size() != 3)
            return usage(QStringLiteral("usage: tenant create SLUG --name NAME [--plan basic|pro|enterprise]"));
        if (auto r = checkOptions(QStringLiteral("tenant create"), {QStringLiteral("name"), QStringLiteral("plan")}, {QStringLiteral("name")})) return *r;
        return tenantCreate(words[2]);
    }
    if (cmd == QLatin1String("tenant") && sub == QLatin1String("list")) {
        if (auto r = expectWords(2)) return *r;
        if (auto r = checkOptions(QStringLiteral("tenant list"), {}, {})) return *r;
        return tenantList();
    }
    if (cmd == QLatin1String("user") && sub == QLatin1String("create")) {
        if (auto r = expectWords(2)) return *r;
        const QStringList opts = {QStringLiteral("tenant"), QStringLiteral("email"), QStringLiteral("name"),
                                  QStringLiteral("role"), QStringLiteral("password-stdin")};
        if (auto r = checkOptions(QStringLiteral("user create"), opts, opts)) return *r;
        return userCreate();
    }
    if (cmd == QLatin1String("admin") && sub == QLatin1String("create")) {
        if (auto r = expectWords(2)) return *r;
        const QStringList opts = {QStringLiteral("email"), QStringLiteral("name"), QStringLiteral("password-stdin")};
        if (auto r = checkOptions(QStringLiteral("admin create"), opts, opts)) return *r;
        return adminCreate();
    }
    if (cmd == QLatin1String("dead-letters") && sub == QLatin1String("list")) {
        if (auto r = expectWords(2)) return *r;
        if (auto r = checkOptions(QStringLiteral("dead-letters list"), {}, {})) return *r;
        return deadLettersList();
    }
    if (cmd == QLatin1String("dead-letters") && sub == QLatin1String("replay")) {
        if (words.size() != 3)
            return usage(QStringLiteral("usage: dead-letters replay ID"));
        if (auto r = checkOptions(QStringLiteral("dead-letters replay"), {}, {})) return *r;
        return deadLettersReplay(words[2]);
    }
    if (cmd == QLatin1String("import") && sub == QLatin1String("chat-export")) {
        if (words.size() < 3)
            return usage(QStringLiteral("usage: import chat-export --tenant SLUG FILE..."));
        if (auto r = checkOptions(QStringLiteral("import chat-export"),
                                  {QStringLiteral("tenant"), QStringLiteral("contact"), QStringLiteral("company-name"), QStringLiteral("time-zone")},
                                  {QStringLiteral("tenant")}))
            return *r;
        return importChatExports(words.mid(2));
    }
    if (cmd.isEmpty())
        return usage(QStringLiteral("no command given"));
    return usage(QStringLiteral("unknown command '%1'").arg(words.join(QLatin1Char(' '))));
}

Status Command::checkDataDir()
{
    // As serve does: an installation whose data folder is open to others is
    // refused whatever the command. The folder is made here only when the
    // SQLite database is about to be created in it (a first `migrate`), so
    // that serve finds it private later.
    const auto url = DatabaseUrl::parse(databaseUrl(m_settings));
    const bool sqliteInDataDir = url && url->dialect == Dialect::Sqlite
                                 && QDir::cleanPath(QFileInfo(url->path).absolutePath()) == QDir::cleanPath(dataDir(m_settings));
    return prepareDataDir(m_settings, sqliteInDataDir);
}

Result<std::unique_ptr<Database>> Command::openMigrated()
{
    if (auto s = checkDataDir(); !s)
        return s.error();
    auto db = Database::open(databaseUrl(m_settings));
    if (!db)
        return db.error();
    auto applied = migrations::migrate(*db.value());
    if (!applied)
        return applied.error();
    return db;
}

Result<QString> Command::readPassword()
{
    QString password = m_in.readAll();
    // One trailing newline belongs to `echo`, not to the password.
    if (password.endsWith(QLatin1Char('\n')))
        password.chop(1);
    if (password.endsWith(QLatin1Char('\r')))
        password.chop(1);
    if (auto s = checkPasswordPolicy(password); !s)
        return s.error();
    return password;
}

int Command::serve()
{
    auto listen = parseListenAddress(m_parser.isSet(QStringLiteral("listen"))
                                         ? m_parser.value(QStringLiteral("listen"))
                                         : m_settings.value(QStringLiteral("listen"), QStringLiteral("127.0.0.1:8080")));
    if (!listen)
        return usage(listen.error().message);
    std::optional<std::pair<QHostAddress, quint16>> operations;
    if (const QString ops = m_settings.value(QStringLiteral("metrics_listen")); !ops.isEmpty()) {
        auto parsed = parseListenAddress(ops);
        if (!parsed)
            return usage(QStringLiteral("metrics_listen: ") + parsed.error().message);
        operations = parsed.value();
    }
    std::unique_ptr<SandboxDemo> demo;
    if (m_parser.isSet(QStringLiteral("sandbox"))) {
        auto prepared = SandboxDemo::prepare(m_settings);
        if (!prepared)
            return fail(prepared.error());
        demo = std::move(prepared).value();
    }
    auto context = ServerContext::start(m_settings);
    if (!context)
        return fail(context.error());
    HttpFront front(*context.value());
    auto port = front.listen(listen->first, listen->second);
    if (!port)
        return fail(port.error());
    if (operations) {
        auto opsPort = front.listenOperations(operations->first, operations->second);
        if (!opsPort)
            return fail(opsPort.error());
        qCInfo(lcHttp).noquote() << QStringLiteral("/metrics and /readyz on http://%1:%2").arg(operations->first.toString()).arg(opsPort.value());
    }
    if (demo) {
        auto accounts = demo->attach(*context.value(), port.value());
        if (!accounts)
            return fail(accounts.error());
        m_out << QStringLiteral("Sandbox demo running: sign in as %1 (admin) or %2 (agent), password %3")
                     .arg(accounts->adminEmail, accounts->agentEmail, accounts->password)
              << Qt::endl;
    }
    const QString host = listen->first.protocol() == QAbstractSocket::IPv6Protocol
                             ? QLatin1Char('[') + listen->first.toString() + QLatin1Char(']')
                             : listen->first.toString();
    qCInfo(lcHttp).noquote() << QStringLiteral("listening on http://%1:%2").arg(host).arg(port.value());
    UnixSignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &UnixSignalWatcher::terminationRequested, qApp, [](int signal) {
        qCInfo(lcHttp) << "signal" << signal << "received: shutting down";
        QCoreApplication::quit();
    });
    QCoreApplication::exec();
    return ExitOk;
}

int Command::migrate()
{
    if (auto s = checkDataDir(); !s)
        return fail(s.error());
    auto db = Database::open(databaseUrl(m_settings));
    if (!db)
        return fail(db.error());
    auto before = migrations::currentVersion(*db.value());
    if (!before)
        return fail(before.error());
    auto applied = migrations::migrate(*db.value());
    if (!applied)
        return fail(applied.error());
    m_out << QStringLiteral("schema at version %1 (was %2; applied %3 migration(s))")
                 .arg(migrations::latestVersion())
                 .arg(before.value())
                 .arg(applied.value())
          << Qt::endl;
    return ExitOk;
}

int Command::tenantCreate(const QString &slug)
{
    const QString planName = m_parser.isSet(QStringLiteral("plan")) ? m_parser.value(QStringLiteral("plan")) : QStringLiteral("basic");
    const auto plan = planFromString(planName);
    if (!plan)
        return usage(QStringLiteral("unknown plan '%1': use basic, pro or enterprise").arg(planName));
    auto db = openMigrated();
    if (!db)
        return fail(db.error());
    TenantRepository tenants(*db.value());
    auto created = tenants.create(slug, m_parser.value(QStringLiteral("name")), *plan);
    if (!created)
        return fail(created.error());
    m_out << QStringLiteral("created tenant %1 (id %2, plan %3)")
                 .arg(created->slug)
                 .arg(created->id.value)
                 .arg(toString(created->plan))
          << Qt::endl;
    return ExitOk;
}

int Command::tenantList()
{
    auto db = openMigrated();
    if (!db)
        return fail(db.error());
    TenantRepository tenants(*db.value());
    auto list = tenants.list();
    if (!list)
        return fail(list.error());
    m_out << QStringLiteral("%1  %2  %3  %4  %5")
                 .arg(QStringLiteral("ID").leftJustified(5), QStringLiteral("SLUG").leftJustified(24),
                      QStringLiteral("PLAN").leftJustified(10), QStringLiteral("STATUS").leftJustified(9),
                      QStringLiteral("NAME"))
          << Qt::endl;
    for (const Tenant &t : list.value()) {
        m_out << QStringLiteral("%1  %2  %3  %4  %5")
                     .arg(QString::number(t.id.value).leftJustified(5), t.slug.leftJustified(24),
                          toString(t.plan).leftJustified(10), toString(t.status).leftJustified(9), t.name)
              << Qt::endl;
    }
    return ExitOk;
}

int Command::userCreate()
{
    const auto role = roleFromString(m_parser.value(QStringLiteral("role")));
    if (!role || *role == Role::PlatformAdmin)
        return usage(QStringLiteral("--role must be tenant_admin or agent (platform admins: 'admin create')"));
    auto password = readPassword();
    if (!password)
        return fail(password.error());
    auto db = openMigrated();
    if (!db)
        return fail(db.error());
    TenantRepository tenants(*db.value());
    const QString slug = m_parser.value(QStringLiteral("tenant"));
    auto tenant = tenants.findBySlug(slug);
    if (!tenant)
        return fail(tenant.error());
    if (!tenant.value())
        return fail(makeError("not_found", QStringLiteral("no tenant with slug \"%1\" (see 'tenant list')").arg(slug)));
    UserRepository users(*db.value());
    auto created = users.create({tenant.value()->id, m_parser.value(QStringLiteral("email")),
                                 m_parser.value(QStringLiteral("name")), *role, password.value()},
                                QStringLiteral("cli"));
    if (!created)
        return fail(created.error());
    m_out << QStringLiteral("created %1 %2 in tenant %3").arg(toString(created->role), created->email, slug) << Qt::endl;
    return ExitOk;
}

int Command::adminCreate()
{
    auto password = readPassword();
    if (!password)
        return fail(password.error());
    auto db = openMigrated();
    if (!db)
        return fail(db.error());
    UserRepository users(*db.value());
    auto created = users.create({TenantId(), m_parser.value(QStringLiteral("email")), m_parser.value(QStringLiteral("name")),
                                 Role::PlatformAdmin, password.value()},
                                QStringLiteral("cli"));
    if (!created)
        return fail(created.error());
    m_out << QStringLiteral("created platform admin %1").arg(created->email) << Qt::endl;
    return ExitOk;
}

int Command::rotateMasterKey()
{
    auto db = openMigrated();
    if (!db)
        return fail(db.error());
    const secrets::MasterKeyStore store = masterKeyStore(m_settings);
    // Running servers re-read the key file at least every 30 s before sealing.
    const int grace = m_settings.value(QStringLiteral("rotation_grace_seconds"), QStringLiteral("65")).toInt();
    auto report = secrets::rotateMasterKey(*db.value(), store, std::chrono::seconds(std::max(0, grace)));
    if (!report)
        return fail(report.error());
    m_out << QStringLiteral("%1: re-encrypted %2 secret(s) under master key %3")
                 .arg(report->resumed ? QStringLiteral("resumed an interrupted rotation") : QStringLiteral("rotated"))
                 .arg(report->resealed)
                 .arg(report->newKeyId)
          << Qt::endl;
    if (store.isEnvironment())
        m_out << "Every secret now opens with PUENTE_MASTER_KEY; remove PUENTE_MASTER_KEY_PREVIOUS from every node."
              << Qt::endl;
    return ExitOk;
}

int Command::deadLettersList()
{
    auto db = openMigrated();
    if (!db)
        return fail(db.error());
    auto tenants = TenantRepository(*db.value()).list();
    if (!tenants)
        return fail(tenants.error());
    QHash<qint64, QString> slugs;
    for (const Tenant &t : tenants.value())
        slugs.insert(t.id.value, t.slug);
    // Oldest first, read newest-first a page at a time.
    QList<protocol::DeadLetter> all;
    for (qint64 before = 0;;) {
        auto page = DeadLetters::list(*db.value(), {}, before, 500);
        if (!page)
            return fail(page.error());
        for (const protocol::DeadLetter &d : page.value())
            all.prepend(d);
        if (page->size() < 500)
            break;
        before = page->last().id;
    }
    m_out << QStringLiteral("%1  %2  %3  %4  %5  %6")
                 .arg(QStringLiteral("ID").leftJustified(6), QStringLiteral("RECEIVED (UTC)").leftJustified(20),
                      QStringLiteral("TENANT").leftJustified(16), QStringLiteral("FIELD").leftJustified(24),
                      QStringLiteral("REPLAYS"), QStringLiteral("REASON"))
          << Qt::endl;
    for (const protocol::DeadLetter &d : std::as_const(all)) {
        const QString field = d.field_.value_or(QString());
        m_out << QStringLiteral("%1  %2  %3  %4  %5  %6")
                     .arg(QString::number(d.id).leftJustified(6),
                          QDateTime::fromMSecsSinceEpoch(d.createdAt, Qt::UTC).toString(Qt::ISODate).leftJustified(20),
                          (d.tenantId ? slugs.value(*d.tenantId, QStringLiteral("-")) : QStringLiteral("-")).leftJustified(16),
                          (field.isEmpty() ? QStringLiteral("-") : field).leftJustified(24),
                          QString::number(d.replayCount).leftJustified(7), logging::escapeControls(d.reason))
              << Qt::endl;
    }
    return ExitOk;
}

int Command::deadLettersReplay(const QString &idText)
{
    bool ok = false;
    const qint64 id = idText.toLongLong(&ok);
    if (!ok || id <= 0)
        return usage(QStringLiteral("dead letter ID must be a number, got '%1'").arg(idText));
    auto db = openMigrated();
    if (!db)
        return fail(db.error());
    const Actor actor(QStringLiteral("cli"));
    auto inboxId = DeadLetters::replay(*db.value(), id, {}, &actor);
    if (!inboxId)
        return fail(inboxId.error());
    m_out << QStringLiteral("dead letter %1 queued again as inbox row %2; a running server processes it within seconds")
                 .arg(id)
                 .arg(inboxId.value())
          << Qt::endl;
    return ExitOk;
}

int Command::importChatExports(const QStringList &files)
{
    auto db = openMigrated();
    if (!db)
        return fail(db.error());
    auto tenant = TenantRepository(*db.value()).findBySlug(m_parser.value(QStringLiteral("tenant")));
    if (!tenant)
        return fail(tenant.error());
    if (!tenant.value())
        return fail(makeError("not_found", QStringLiteral("no tenant '%1' (see 'tenant list')").arg(m_parser.value(QStringLiteral("tenant")))));
    ChatImporter importer(*db.value(), nullptr, mediaRoot(m_settings));
    int failures = 0;
    for (const QString &file : files) {
        ChatImportOptions o;
        o.fileName = QFileInfo(file).fileName();
        o.contact = m_parser.value(QStringLiteral("contact"));
        o.companyName = m_parser.value(QStringLiteral("company-name"));
        o.timeZone = m_parser.value(QStringLiteral("time-zone"));
        // A progress line where someone watches (a terminal), cleared after.
        const bool terminal = isatty(STDERR_FILENO);
        const auto progress = [&](qint64 done, qint64 total, qint64 messages) {
            if (terminal)
                m_err << QStringLiteral("\r\033[K%1: %2 messages read (%3 %)").arg(o.fileName).arg(messages).arg(100 * done / qMax<qint64>(total, 1))
                      << Qt::flush;
            return true;
        };
        auto report = importer.run(tenant.value()->id, file, o, Actor(QStringLiteral("cli")), progress);
        if (terminal)
            m_err << QStringLiteral("\r\033[K") << Qt::flush;
        if (!report) {
            m_err << QStringLiteral("puente-server: error: %1: %2").arg(file, report.error().message) << Qt::endl;
            ++failures;
            continue;
        }
        const protocol::ChatImportReport &r = report.value();
        m_out << QStringLiteral("%1: %2 messages with %3 (%4), %5 imported, %6 duplicates skipped, %7 media stored, %8 media not in the "
                                "export, %9 system lines skipped")
                     .arg(o.fileName)
                     .arg(r.messages)
                     .arg(r.contactAuthor.isEmpty() ? r.contactPhone : r.contactAuthor, r.contactPhone)
                     .arg(r.imported)
                     .arg(r.duplicates)
                     .arg(r.media)
                     .arg(r.mediaMissing)
                     .arg(r.systemLines)
              << Qt::endl;
        if (r.notUnderstood > 0) {
            QStringList lines;
            for (qint64 line : r.notUnderstoodLines)
                lines << QString::number(line);
            m_out << QStringLiteral("  %1 lines not understood (line %2%3)")
                         .arg(r.notUnderstood)
                         .arg(lines.join(QStringLiteral(", ")), r.notUnderstood > lines.size() ? QStringLiteral(", ...") : QString())
                  << Qt::endl;
        }
    }
    return failures ? ExitFailure : ExitOk;
}

} // namespace

int runCli(const QStringList &arguments, const QProcessEnvironment &env, QTextStream &out, QTextStream &err,
           QTextStream &in)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(kHelpIntro);
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    const QCommandLineOption version({QStringLiteral("v"), QStringLiteral("version")}, QStringLiteral("Show the version."));
    parser.addOptions({
        help,
        version,
        {QStringLiteral("database"), QStringLiteral("Database URL: sqlite:///path/puente.db or postgres://user:pass@host:port/db."), QStringLiteral("URL")},
        {QStringLiteral("data-dir"), QStringLiteral("Folder for the SQLite database, the master key file and media."), QStringLiteral("DIR")},
        {QStringLiteral("config"), QStringLiteral("INI file with settings (database, data_dir, listen, log_format, ...)."), QStringLiteral("FILE")},
        {QStringLiteral("log-format"), QStringLiteral("Log lines as 'human' (default) or 'json'."), QStringLiteral("FORMAT")},
        {QStringLiteral("listen"), QStringLiteral("serve: address and port to listen on."), QStringLiteral("HOST:PORT")},
        {QStringLiteral("sandbox"), QStringLiteral("serve: run the Sandbox (Cloud API emulator) with a demo tenant; demos only.")},
        {QStringLiteral("name"), QStringLiteral("tenant/user/admin create: display name."), QStringLiteral("NAME")},
        {QStringLiteral("plan"), QStringLiteral("tenant create: basic, pro or enterprise."), QStringLiteral("PLAN")},
        {QStringLiteral("tenant"), QStringLiteral("user create, import chat-export: the tenant's slug."), QStringLiteral("SLUG")},
        {QStringLiteral("email"), QStringLiteral("user/admin create: email address."), QStringLiteral("EMAIL")},
        {QStringLiteral("role"), QStringLiteral("user create: tenant_admin or agent."), QStringLiteral("ROLE")},
        {QStringLiteral("password-stdin"), QStringLiteral("user/admin create: read the password from standard input.")},
        {QStringLiteral("contact"), QStringLiteral("import chat-export: the contact's number (when the file's name does not give it)."), QStringLiteral("NUMBER")},
        {QStringLiteral("company-name"), QStringLiteral("import chat-export: the author, as the chat writes it, who is the company."), QStringLiteral("NAME")},
        {QStringLiteral("time-zone"), QStringLiteral("import chat-export: the zone of the file's times (default: the company's)."), QStringLiteral("ZONE")},
    });
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("What to do (see Commands above)."));

    if (!parser.parse(arguments)) {
        err << "puente-server: " << parser.errorText() << "\nTry 'puente-server --help'." << Qt::endl;
        return ExitUsage;
    }
    if (parser.isSet(help)) {
        out << parser.helpText() << Qt::endl;
        return ExitOk;
    }
    if (parser.isSet(version)) {
        out << "puente-server " << PUENTE_VERSION << Qt::endl;
        return ExitOk;
    }

    auto settings = Settings::load(parser.value(QStringLiteral("config")), env);
    if (!settings) {
        err << "puente-server: error: " << settings.error().message << Qt::endl;
        return ExitFailure;
    }
    if (parser.isSet(QStringLiteral("database")))
        settings.value().setOverride(QStringLiteral("database"), parser.value(QStringLiteral("database")));
    if (parser.isSet(QStringLiteral("data-dir")))
        settings.value().setOverride(QStringLiteral("data_dir"), parser.value(QStringLiteral("data-dir")));
    if (parser.isSet(QStringLiteral("log-format")))
        settings.value().setOverride(QStringLiteral("log_format"), parser.value(QStringLiteral("log-format")));
    const auto format = logging::parseFormat(settings->value(QStringLiteral("log_format"), QStringLiteral("human")));
    if (!format) {
        err << "puente-server: --log-format must be 'human' or 'json'" << Qt::endl;
        return ExitUsage;
    }
    logging::install(*format);

    Command command(parser, settings.value(), out, err, in);
    return command.run(parser.positionalArguments());
}

} // namespace puente::server
