// The chat-export importer (issue 21): a 200,000-line Android export in
// Spanish imported into a fresh database by ChatImporter::run, in messages
// per second, against a baseline measured in the same run on the same
// database: a bare insert of the same messages into whatsapp_messages (the
// same 18 columns, the same rows per statement and per transaction, the
// same unique index on import_key) without parsing, hashing or a conflict
// clause. Then the same file again (every message a duplicate).
//   - the export: two authors, one-line messages of every length with
//     accents and emoji, ~10 % over 2–3 lines (continuation lines count
//     toward the lines), "<Multimedia omitido>", a few attachments, deleted
//     and edited messages, identical messages in the same minute, times
//     moving forward over about three years; generated from a fixed seed,
//     so every run reads the same file;
//   - memory: the process's RSS before the import, its high-water mark
//     during it (VmHWM, reset just before through /proc/self/clear_refs),
//     and its RSS after each committed chunk: bounded when the second half
//     of the file adds less than 2 MB (or 5 % of the file).
// Targets (SQLite): ≥ 50,000 messages/s, ≥ 0.3 of the bare insert, memory bounded.
// PostgreSQL is measured the same way, for information.
// Usage: bench_import [DATABASE_URL] [--lines N]   (default: a temporary SQLite file, 200,000)
#include "common/clock.h"
#include "httpload.h"
#include "importing/chatimport.h"
#include "messaging/conversations.h"
#include "storage/migrations.h"
#include "storage/sql.h"
#include "storage/tenantrepository.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimeZone>

#include <ctime>
#include <random>

using namespace puente;

namespace {
QTextStream out(stdout);

const QString kCompany = QStringLiteral("Talento Norte RRHH");
const QString kContact = QStringLiteral("Ana García");
const QString kFileName = QStringLiteral("Chat de WhatsApp con +34 612 00 00 01.txt");

// ChatImporter's columns (kColumns in core/importing/chatimport.cpp): keep in step.
const QString kColumns = QStringLiteral(
    "tenant_id, conversation_id, direction, type, content, status, timestamp, media_file, media_mime_type, media_size, "
    "media_filename, media_caption, edited, revoked, import_key, import_source, created_at, updated_at");
constexpr int kColumnCount = 18;

// What the recruiter and the candidate write: a message is one to four of
// these (a long one up to eight).
const QStringList kCompanyPhrases{
    QStringLiteral("Hola Ana, buenos días 👋"),
    QStringLiteral("Te escribimos de Talento Norte RRHH."),
    QStringLiteral("Hemos recibido tu candidatura para el puesto de Técnica de Administración en Santander."),
    QStringLiteral("¿Sigues interesada?"),
    QStringLiteral("Genial."),
    QStringLiteral("Nos gustaría hacerte una primera entrevista por videollamada."),
    QStringLiteral("¿Te viene bien el viernes a las 12:00?"),
    QStringLiteral("Apuntado ✅"),
    QStringLiteral("Te mandamos el enlace el mismo día por la mañana."),
    QStringLiteral("Gracias por tu tiempo, ha ido muy bien."),
    QStringLiteral("Para seguir con el proceso necesitamos tu CV actualizado, el DNI por ambas caras y el título."),
    QStringLiteral("Recibido todo, muchas gracias."),
    QStringLiteral("¡Felices fiestas! 🎄"),
    QStringLiteral("La segunda entrevista es con la responsable del departamento, en nuestra oficina de la calle Burgos 14."),
    QStringLiteral("Pregunta por Marta en recepción."),
    QStringLiteral("¿Qué disponibilidad tienes esta semana?"),
    QStringLiteral("El horario es de lunes a viernes, de 8:00 a 15:00, con una tarde a la semana."),
    QStringLiteral("El salario bruto anual es de 24.500 € en 14 pagas."),
    QStringLiteral("Te confirmo la incorporación para el día 1 🎉"),
    QStringLiteral("Recuerda traer el número de la Seguridad Social y una cuenta bancaria."),
    QStringLiteral("Vale 👍"),
    QStringLiteral("Perfecto, lo anoto."),
    QStringLiteral("Un saludo."),
    QStringLiteral("Te llamo en cinco minutos 📞"),
    QStringLiteral("¿Podrías enviarnos el certificado de antecedentes?"),
    QStringLiteral("La oferta sigue abierta hasta el viernes."),
    QStringLiteral("Nos ha encantado tu perfil, de verdad."),
    QStringLiteral("Tenemos otra vacante en Torrelavega que encaja contigo: auxiliar de almacén, turno de mañana."),
    QStringLiteral("¿Te parece bien?"),
    QStringLiteral("Mañana te digo algo sin falta 🙏"),
};
const QStringList kContactPhrases{
    QStringLiteral("¡Hola!"),
    QStringLiteral("Sí, muchas gracias por escribirme 😊"),
    QStringLiteral("Sigo muy interesada en el puesto."),
    QStringLiteral("Tengo disponibilidad inmediata."),
    QStringLiteral("El viernes me va perfecto 👍🏻"),
    QStringLiteral("Conectándome ya, ¡gracias!"),
    QStringLiteral("Claro, os lo mando en cuanto llegue a casa."),
    QStringLiteral("Ahí va todo."),
    QStringLiteral("¡Feliz Nochebuena! 🎄"),
    QStringLiteral("Perfecto, allí estaré."),
    QStringLiteral("¿Tengo que llevar algo?"),
    QStringLiteral("Acabo de salir de la entrevista."),
    QStringLiteral("Muchísimas gracias por todo 🙏"),
    QStringLiteral("Vale"),
    QStringLiteral("Ok 👌"),
    QStringLiteral("Genial 😄"),
    QStringLiteral("¿A qué hora sería?"),
    QStringLiteral("Ahora mismo no puedo hablar, estoy en el autobús 🚌"),
    QStringLiteral("Prefiero jornada de mañana, aunque soy flexible."),
    QStringLiteral("¿El contrato sería indefinido o temporal?"),
    QStringLiteral("Me pilla un poco lejos pero tengo coche 🚗"),
    QStringLiteral("Perdona la tardanza, he estado liada con la mudanza."),
    QStringLiteral("¿Cuándo empezaría?"),
    QStringLiteral("Sí"),
    QStringLiteral("No, eso no me lo pidieron."),
    QStringLiteral("Te lo reenvío ahora."),
    QStringLiteral("Jajaja 😂"),
    QStringLiteral("¡Qué bien! Muchas gracias, de verdad ❤️"),
    QStringLiteral("Tengo experiencia de tres años en contabilidad y facturación con SAP."),
    QStringLiteral("Buenas tardes, ¿hay alguna novedad sobre el proceso?"),
};
const QStringList kContinuations{
    QStringLiteral("- DNI por ambas caras"),
    QStringLiteral("- Currículum actualizado"),
    QStringLiteral("- Título de Técnico Superior"),
    QStringLiteral("Un saludo,"),
    QStringLiteral("Ana"),
    QStringLiteral("Talento Norte RRHH · Santander"),
    QStringLiteral("Horario: de 9:00 a 14:00 🕘"),
    QStringLiteral("1. Entrevista con Marta"),
    QStringLiteral("2. Prueba práctica (una hora, más o menos)"),
    QStringLiteral("Gracias 🙏"),
    QStringLiteral(""),
    QStringLiteral("Dirección: calle Burgos 14, 2.º izquierda"),
    QStringLiteral("https://meet.example.com/tn-entrevista-ana"),
    QStringLiteral("Prefiero jornada de mañana, aunque soy flexible."),
};

enum class Kind { System, Text, Media, Attached, Deleted };

struct Generated {
    QDateTime at; // wall time, no seconds
    bool company = false;
    Kind kind = Kind::Text;
    QStringList lines; // the text after "Author: ", then its continuation lines
    bool edited = false;
};

// The export, message by message, deterministic; stops at exactly `lines` lines.
class Generator {
public:
    explicit Generator(qint64 lines) : m_left(lines), m_at(QDate(2019, 1, 7), QTime(9, 0), QTimeZone::utc()) {}

    bool next(Generated *g)
    {
        if (m_left <= 0)
            return false;
        if (!m_started) {
            m_started = true;
            --m_left;
            *g = Generated{m_at, false, Kind::System,
                           {QStringLiteral("Los mensajes y las llamadas están cifrados de extremo a extremo. Nadie fuera de este chat, ni "
                                           "siquiera WhatsApp, puede leerlos ni escucharlos. Toca para obtener más información.")}};
            return true;
        }
        // The same message again in the same minute, now and then.
        if (m_last.kind != Kind::System && pick(1000) < 4) {
            Generated again = m_last;
            if (again.lines.size() > m_left)
                again.lines.resize(m_left);
            m_left -= again.lines.size();
            *g = again;
            return true;
        }
        advance();
        Generated n;
        n.at = m_at;
        // Conversations go back and forth; runs of one author are common.
        n.company = pick(100) < 35 ? !m_last.company : m_last.company;
        const int r = pick(1000);
        if (r < 40) {
            n.kind = Kind::Media;
            n.lines << QStringLiteral("<Multimedia omitido>");
        } else if (r < 50) {
            n.kind = Kind::Attached;
            n.lines << QStringLiteral("IMG-%1-WA%2.jpg (archivo adjunto)")
                           .arg(m_at.date().toString(QStringLiteral("yyyyMMdd")))
                           .arg(++m_attachments % 10000, 4, 10, QLatin1Char('0'));
        } else if (r < 65) {
            n.kind = Kind::Deleted;
            n.lines << (n.company ? QStringLiteral("Eliminaste este mensaje") : QStringLiteral("Se eliminó este mensaje"));
        } else {
            const QStringList &pool = n.company ? kCompanyPhrases : kContactPhrases;
            const int parts = pick(10) == 0 ? 4 + pick(5) : 1 + pick(pick(3) == 0 ? 4 : 2);
            QString text;
            for (int i = 0; i < parts; ++i)
                text += (i ? QStringLiteral(" ") : QString()) + pool[pick(int(pool.size()))];
            n.edited = pick(100) == 0;
            n.lines << text;
        }
        if (n.kind != Kind::Deleted && n.kind != Kind::Media && pick(10) == 0) // ~10 %: 2–3 lines
            for (int i = 1 + pick(2); i > 0; --i)
                n.lines << kContinuations[pick(int(kContinuations.size()))];
        if (n.edited) // WhatsApp marks the end of the whole message
            n.lines.last() += QStringLiteral(" <Se editó este mensaje.>");
        if (n.lines.size() > m_left)
            n.lines.resize(m_left);
        m_left -= n.lines.size();
        m_last = n;
        *g = std::move(n);
        return true;
    }

private:
    int pick(int n) { return int(m_random() % quint32(n)); }

    // Bursts of several messages a minute, pauses, nights and days off;
    // 08:00 to 22:00 (no daylight-saving gap to fall into).
    void advance()
    {
        const int r = pick(100);
        const int minutes = r < 60 ? 0 : r < 90 ? 1 + pick(3) : r < 98 ? 4 + pick(27) : 31 + pick(150);
        const QDate today = m_at.date();
        m_at = m_at.addSecs(minutes * 60);
        if (m_at.time().hour() >= 22 || m_at.date() != today) {
            const int days = 1 + (pick(3) == 0 ? 1 + pick(4) : 0);
            m_at = QDateTime(today.addDays(days), QTime(8, 0).addSecs(pick(120) * 60), QTimeZone::utc());
        }
    }

    std::mt19937 m_random{20261207};
    qint64 m_left;
    QDateTime m_at;
    bool m_started = false;
    Generated m_last;
    int m_attachments = 0;
};

struct Written {
    qint64 lines = 0, messages = 0, bytes = 0;
    QDate first, last;
};

Written writeExport(const QString &path, qint64 lines)
{
    Written w;
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return w;
    Generator gen(lines);
    Generated g;
    QByteArray buffer;
    while (gen.next(&g)) {
        QString line = g.at.toString(QStringLiteral("dd/MM/yy HH:mm")) + QStringLiteral(" - ");
        if (g.kind != Kind::System)
            line += (g.company ? kCompany : kContact) + QStringLiteral(": ");
        line += g.lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
        buffer += line.toUtf8();
        w.lines += g.lines.size();
        if (g.kind != Kind::System) {
            ++w.messages;
            if (!w.first.isValid())
                w.first = g.at.date();
            w.last = g.at.date();
        }
        if (buffer.size() > (1 << 20)) {
            f.write(buffer);
            buffer.clear();
        }
    }
    f.write(buffer);
    w.bytes = f.size();
    return w;
}

// This thread's CPU time: on a shared machine the wall time of a phase
// depends on what else runs; its CPU time much less.
qint64 threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

// One message as ChatImporter would store it, computed before the clock runs.
struct BareRow {
    bool outbound = false;
    QString type, content, filename;
    qint64 timestamp = 0;
    bool edited = false, revoked = false;
    QString key;
};

BareRow bareRow(const Generated &g, qint64 index)
{
    BareRow r;
    r.outbound = g.company;
    r.timestamp = g.at.toMSecsSinceEpoch();
    r.type = QStringLiteral("text");
    r.edited = g.edited;
    switch (g.kind) {
    case Kind::Deleted:
        r.revoked = true;
        break;
    case Kind::Media:
    case Kind::Attached:
        r.type = QStringLiteral("media_omitted");
        if (g.kind == Kind::Attached)
            r.filename = g.lines.first().section(QLatin1Char(' '), 0, 0);
        r.content = g.lines.mid(1).join(QLatin1Char('\n'));
        break;
    default:
        r.content = g.lines.join(QLatin1Char('\n')).remove(QStringLiteral(" <Se editó este mensaje.>"));
    }
    // Shaped as the importer's: the time (12 hex digits), then 40 hex digits of a hash.
    r.key = QString::fromLatin1(QByteArray::number(r.timestamp, 16).rightJustified(12, '0')
                                + QCryptographicHash::hash("bare\x1f" + QByteArray::number(index), QCryptographicHash::Sha256).toHex().left(40));
    return r;
}

// The floor: the same messages into whatsapp_messages of one conversation,
// kRowsPerStatement rows a statement, kMessagesPerTransaction a transaction,
// at background priority; only the statements and commits are timed.
// Returns rows per second (and per CPU second of this thread in *perCpuSecond); 0 on failure.
double bareInsert(Database &db, TenantId tenant, qint64 conversationId, qint64 lines, qint64 *rows, double *perCpuSecond)
{
    const QString one = QLatin1Char('(') + placeholders(kColumnCount) + QLatin1Char(')');
    const QString source = QStringLiteral("chat-export: ") + kFileName;
    Generator gen(lines);
    Generated g;
    QList<BareRow> chunk;
    qint64 timedNs = 0, cpuNs = 0;
    *rows = 0;
    for (bool more = true; more;) {
        chunk.clear();
        while (chunk.size() < ChatImporter::kMessagesPerTransaction && (more = gen.next(&g)))
            if (g.kind != Kind::System)
                chunk.append(bareRow(g, *rows + chunk.size()));
        if (chunk.isEmpty())
            break;
        QElapsedTimer t;
        t.start();
        const qint64 cpu = threadCpuNs();
        Transaction tx(db, Transaction::Priority::Background);
        if (!tx.begun())
            return 0;
        for (qsizetype from = 0; from < chunk.size(); from += kRowsPerStatement) {
            const qsizetype n = std::min<qsizetype>(kRowsPerStatement, chunk.size() - from);
            Sql insert(tx.connection(), QStringLiteral("INSERT INTO whatsapp_messages (") + kColumns + QStringLiteral(") VALUES ") + placeholders(n, one));
            const qint64 now = nowMs();
            for (qsizetype i = from; i < from + n; ++i) {
                const BareRow &r = chunk[i];
                insert.bind(tenant.value).bind(conversationId).bind(r.outbound ? QStringLiteral("outbound") : QStringLiteral("inbound"))
                    .bind(r.type).bind(nullIfEmpty(r.content)).bind(r.outbound ? QStringLiteral("sent") : QStringLiteral("received"))
                    .bind(r.timestamp).bind(QVariant(QMetaType(QMetaType::QString))).bind(QVariant(QMetaType(QMetaType::QString)))
                    .bind(nullInt()).bind(nullIfEmpty(r.filename))
                    .bind(r.type == QLatin1String("text") ? QVariant(QMetaType(QMetaType::QString)) : nullIfEmpty(r.content))
                    .bind(r.edited ? 1 : 0).bind(r.revoked ? 1 : 0).bind(r.key).bind(source).bind(now).bind(now);
            }
            if (!insert.exec())
                return 0;
        }
        if (!tx.commit())
            return 0;
        timedNs += t.nsecsElapsed();
        cpuNs += threadCpuNs() - cpu;
        *rows += chunk.size();
    }
    *perCpuSecond = cpuNs > 0 ? double(*rows) * 1e9 / double(cpuNs) : 0;
    return timedNs > 0 ? double(*rows) * 1e9 / double(timedNs) : 0;
}

// Starts a new high-water mark (Linux ≥ 4.0); false where it cannot.
bool resetPeakRss()
{
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    return f.open(QIODevice::WriteOnly) && f.write("5") == 1;
}

struct Run {
    protocol::ChatImportReport report;
    double seconds = 0, cpuSeconds = 0;
    qint64 rssBeforeKb = 0, peakKb = 0;
    bool peakIsOwn = false; // the high-water mark was reset before the run
    QList<std::pair<qint64, qint64>> rss; // (messages read, VmRSS kB) after each committed chunk

    // VmRSS once `share` of the messages were read (the first sample at or past it).
    qint64 rssAt(double share) const
    {
        for (const auto &[messages, kb] : rss)
            if (messages >= qint64(share * double(report.messages)))
                return kb;
        return rss.isEmpty() ? rssBeforeKb : rss.last().second;
    }
    // What the second half of the file added: about nothing when memory
    // is bounded (the page cache and the buffers are full by then), as
    // much as the first half when it grows with the file.
    qint64 secondHalfKb() const { return rssAt(1.0) - rssAt(0.5); }
};

std::optional<Run> import(Database &db, TenantId tenant, const QString &path, const QString &mediaRoot)
{
    Run run;
    run.peakIsOwn = resetPeakRss();
    run.rssBeforeKb = bench::statusKilobytes(QStringLiteral("self"), "VmRSS:");
    ChatImportOptions options;
    options.companyName = kCompany;
    QElapsedTimer t;
    t.start();
    const qint64 cpu = threadCpuNs();
    auto report = ChatImporter(db, nullptr, mediaRoot)
                      .run(tenant, path, options, Actor(QStringLiteral("bench")),
                           [&](qint64, qint64, qint64 messages) {
                               run.rss.append({messages, bench::statusKilobytes(QStringLiteral("self"), "VmRSS:")});
                               return true;
                           });
    run.seconds = double(t.nsecsElapsed()) / 1e9;
    run.cpuSeconds = double(threadCpuNs() - cpu) / 1e9;
    run.peakKb = bench::statusKilobytes(QStringLiteral("self"), "VmHWM:");
    if (!report) {
        out << "the import failed: " << report.error().code << ": " << report.error().message << Qt::endl;
        return std::nullopt;
    }
    run.report = report.value();
    return run;
}

QString mb(qint64 kb)
{
    return QString::number(double(kb) / 1024.0, 'f', 1) + QStringLiteral(" MB");
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    qint64 lines = 200'000;
    if (const int i = int(args.indexOf(QStringLiteral("--lines"))); i >= 0 && i + 1 < args.size()) {
        lines = args[i + 1].toLongLong();
        args.remove(i, 2);
    }
    QTemporaryDir dir;
    const QString url = !args.isEmpty() ? args.first() : QStringLiteral("sqlite://") + dir.path() + QStringLiteral("/bench.db");
    const QString path = dir.path() + QLatin1Char('/') + kFileName;

    const Written written = writeExport(path, lines);
    if (written.lines != lines) {
        out << "cannot write " << path << Qt::endl;
        return 1;
    }

    auto opened = Database::open(url);
    if (!opened || !migrations::migrate(*opened.value())) {
        out << "cannot open " << url << Qt::endl;
        return 1;
    }
    Database &db = *opened.value();
    const bool sqlite = db.dialect() == Dialect::Sqlite;
    auto tenant = TenantRepository(db).create(QStringLiteral("bench-import"), QStringLiteral("Talento Norte"), Plan::Pro);
    auto bareTenant = TenantRepository(db).create(QStringLiteral("bench-bare"), QStringLiteral("Bare insert"), Plan::Pro);
    if (!tenant || !bareTenant) {
        out << "cannot create the tenants (it must be an empty database)" << Qt::endl;
        return 1;
    }
    auto bareConversation = ConversationService(db, nullptr).start(bareTenant->id, QStringLiteral("+34612000002"), QStringLiteral("Bare"),
                                                                 Actor(QStringLiteral("bench")));
    if (!bareConversation) {
        out << "cannot create the baseline's conversation: " << bareConversation.error().message << Qt::endl;
        return 1;
    }

    out << QStringLiteral("%1: an Android export in Spanish, %2 lines, %3 messages (%4 to %5), %6 MB")
               .arg(sqlite ? QStringLiteral("SQLite") : QStringLiteral("PostgreSQL"))
               .arg(written.lines)
               .arg(written.messages)
               .arg(written.first.toString(Qt::ISODate), written.last.toString(Qt::ISODate))
               .arg(double(written.bytes) / 1048576.0, 0, 'f', 1)
        << Qt::endl;

    qint64 bareRows = 0;
    double bareCpu = 0;
    const double bare = bareInsert(db, bareTenant->id, bareConversation->conversation.id, lines, &bareRows, &bareCpu);
    if (bare <= 0 || bareRows != written.messages) {
        out << "the baseline failed" << Qt::endl;
        return 1;
    }

    const QString mediaRoot = dir.path() + QStringLiteral("/media");
    const auto first = import(db, tenant->id, path, mediaRoot);
    if (!first)
        return 1;
    const auto again = import(db, tenant->id, path, mediaRoot);
    if (!again)
        return 1;

    const protocol::ChatImportReport &r = first->report;
    const double rate = double(r.messages) / first->seconds;
    const double againRate = double(again->report.messages) / again->seconds;
    const double ratio = rate / bare;
    const qint64 fileKb = written.bytes / 1024;
    // Bounded: the second half of the file adds less than 2 MB or 5 % of its size.
    const bool bounded = first->secondHalfKb() <= std::max<qint64>(2048, fileKb / 20);
    const bool complete = r.messages == written.messages && r.imported == written.messages && r.notUnderstood == 0
        && again->report.imported == 0 && again->report.duplicates == written.messages;
    // Per CPU second of this thread too (SQLite works on it; PostgreSQL's
    // server does not count): steadier than wall time on a busy machine.
    const double cpuRate = double(r.messages) / first->cpuSeconds;
    out << QStringLiteral("bare insert (baseline)     %1 rows/s   %2 per CPU-s   (%3 rows, %4 per statement, %5 per transaction)")
               .arg(bare, 8, 'f', 0).arg(bareCpu, 8, 'f', 0).arg(bareRows).arg(kRowsPerStatement).arg(ChatImporter::kMessagesPerTransaction)
        << Qt::endl;
    out << QStringLiteral("import                     %1 msgs/s   %2 per CPU-s   %3 s, %4 imported, %5 duplicates, %6 media omitted; ratio %7 (CPU: %8)")
               .arg(rate, 8, 'f', 0).arg(cpuRate, 8, 'f', 0).arg(first->seconds, 0, 'f', 2).arg(r.imported).arg(r.duplicates)
               .arg(r.mediaMissing).arg(ratio, 0, 'f', 2).arg(cpuRate / bareCpu, 0, 'f', 2)
        << Qt::endl;
    out << QStringLiteral("re-import (all duplicates) %1 msgs/s   %2 per CPU-s   %3 s, %4 imported, %5 duplicates")
               .arg(againRate, 8, 'f', 0).arg(double(again->report.messages) / again->cpuSeconds, 8, 'f', 0).arg(again->seconds, 0, 'f', 2)
               .arg(again->report.imported).arg(again->report.duplicates)
        << Qt::endl;
    for (const auto &[label, run] : {std::pair{"import", &*first}, std::pair{"re-import", &*again}}) {
        out << QStringLiteral("memory, %1 RSS before %2, peak during %3 (+%4%5); RSS at 25/50/75/100 %: %6 / %7 / %8 / %9")
                   .arg(QString::fromLatin1(label).leftJustified(9))
                   .arg(mb(run->rssBeforeKb), mb(run->peakKb), mb(run->peakKb - run->rssBeforeKb))
                   .arg(run->peakIsOwn ? QString() : QStringLiteral("; the process's peak so far: the mark could not be reset"))
                   .arg(mb(run->rssAt(0.25)), mb(run->rssAt(0.5)), mb(run->rssAt(0.75)), mb(run->rssAt(1.0)))
            << Qt::endl;
    }
    out << QStringLiteral("memory, the second half of the %1 MB file added %2 to the import's RSS: %3")
               .arg(double(written.bytes) / 1048576.0, 0, 'f', 1)
               .arg(mb(first->secondHalfKb()))
               .arg(bounded ? QStringLiteral("bounded") : QStringLiteral("NOT bounded (it grows with the file)"))
        << Qt::endl;
    const bool fast = rate >= 50'000, fair = ratio >= 0.3;
    out << QStringLiteral("%1%2: %3 msgs/s (target ≥ 50,000) %4; %5 of the bare insert (target ≥ 0.30) %6; memory %7%8")
               .arg(complete ? (fast && fair && bounded ? QStringLiteral("PASS") : QStringLiteral("FAIL")) : QStringLiteral("FAIL (wrong counts)"))
               .arg(sqlite ? QString() : QStringLiteral(" (informative: the targets are SQLite's)"))
               .arg(rate, 0, 'f', 0).arg(fast ? QStringLiteral("met") : QStringLiteral("missed"))
               .arg(ratio, 0, 'f', 2).arg(fair ? QStringLiteral("met") : QStringLiteral("missed"))
               .arg(bounded ? QStringLiteral("bounded") : QStringLiteral("not bounded"))
               .arg(complete ? QString() : QStringLiteral("; counts: %1 read, %2 imported, %3 not understood, again %4 imported")
                                               .arg(r.messages).arg(r.imported).arg(r.notUnderstood).arg(again->report.imported))
        << Qt::endl;
    return complete ? 0 : 1;
}
