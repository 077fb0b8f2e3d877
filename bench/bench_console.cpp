// The console's models and views against a server holding a big tenant:
// 10,000 conversations, one of them with 100,000 messages (issue 6). Reports,
// each repeated (median and p90 over the warm runs, plus the cold first run
// at start-up):
//   1. conversation list first paint: ConversationsPage created (1180x720)
//      until its list has painted the first page;
//   2. big chat first paint: the big conversation opened until the chat has
//      painted its newest page;
//   3. scrolling through 1,000 messages: from the newest, scrollToTop() until
//      1,000 are loaded, each older page painted;
//   4. the console process's memory (VmRSS at each stage, VmHWM);
// against the baseline measured in the same run: the same REST requests with
// a bare QNetworkAccessManager (round trip, then JSON parsing), so what the UI
// adds on top of the server is visible.
//
// The server is a separate puente-server process, so this process's memory
// is the console's alone. The data is prepared once by a child process (so
// SQLite's memory is not counted either) and cached next to this binary.
//
//   bench_console SERVER_BINARY [--runs N] [--scroll N] [--deep N] [--data-dir DIR]
#include "chatpanel.h"
#include "client/apiclient.h"
#include "conversationlistmodel.h"
#include "conversationspage.h"
#include "crypto/crypto.h"
#include "messagemodel.h"
#include "messaging/rows.h"
#include "storage/sql.h"
#include "storage/migrations.h"
#include "storage/tenantrepository.h"
#include "storage/userrepository.h"
#include "translations.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListView>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QScrollBar>
#include <QSysInfo>
#include <QTextStream>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <functional>

using namespace puente;

namespace {

QTextStream out(stdout);

constexpr int kConversations = 10'000;
constexpr int kBigMessages = 100'000;
constexpr int kMessagesPerOther = 3;
// Bump when the prepared data changes: a cached data folder of another
// version is rebuilt.
const QString kDataVersion = QStringLiteral("console-bench-1");
const QString kEmail = QStringLiteral("agente@bench.puente");
const QString kPassword = QStringLiteral("banco de pruebas 2026");
constexpr double kTargetPaintMs = 150;
constexpr double kTargetMemoryMb = 200;

QElapsedTimer g_clock;
double nowMsF()
{
    return double(g_clock.nsecsElapsed()) / 1e6;
}

// ---------------------------------------------------------------- data ----

const char *const kFirstNames[] = {"Lucía", "María", "Ángela", "Sofía", "Carmen", "Laura", "Paula", "Marta", "Begoña", "Nuria",
                                   "Elena", "Irene", "Alba", "Noelia", "Rocío", "José", "Antonio", "Manuel", "Javier", "Íñigo",
                                   "Raúl", "Martín", "Sergio", "Álvaro", "Rubén", "Andrés", "Jesús", "Adrián", "Óscar", "Hugo"};
const char *const kSurnames[] = {"García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez", "Gómez",
                                 "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez", "Romero",
                                 "Alonso", "Gutiérrez", "Navarro", "Torres", "Domínguez", "Vázquez", "Ramos", "Gil", "Ramírez",
                                 "Serrano", "Blanco", "Molina", "Ortega", "Castro", "Rubio", "Núñez", "Iglesias", "Peña"};
// What candidates and recruiters write: short answers, questions, and the
// odd long paragraph, so bubbles have realistic and varied heights.
const char *const kInbound[] = {
    "Hola, buenos días", "Vale, perfecto", "¡Muchas gracias!", "Sí", "De acuerdo, allí estaré", "¿A qué hora sería la entrevista?",
    "¿Sigue abierta la vacante de mozo de almacén?", "Tengo carné de conducir B y coche propio",
    "Ahora mismo estoy trabajando por las mañanas, ¿podría ser por la tarde?", "Os envío el currículum actualizado",
    "¿El contrato sería indefinido o por obra?", "Perdona, no había visto el mensaje 🙏",
    "Estuve tres años en un centro logístico en Getafe, manejando carretilla elevadora y preparando pedidos con radiofrecuencia. "
    "Tengo el curso de PRL de 60 horas y el carné de carretillero en vigor.",
    "¿Cuál sería el salario bruto anual? En la oferta pone «según convenio» pero no sé cuál aplica.",
    "Buenas tardes. Mañana no puedo ir porque tengo médico a las diez; ¿podríamos cambiarlo al jueves o al viernes a cualquier hora?",
    "Ok 👍", "¿Hace falta llevar algo el primer día? ¿DNI, número de la Seguridad Social, cuenta bancaria?",
    "Vivo en Alcalá de Henares, ¿hay transporte de empresa o tendría que ir por mi cuenta?", "Gracias a vosotros, un saludo",
    "Ya he rellenado el formulario"};
const char *const kOutbound[] = {
    "¡Hola! Soy Carlos, del equipo de selección. Gracias por tu interés en la vacante.", "Perfecto, te esperamos",
    "La entrevista es el martes a las 10:30 en la calle Alcalá 120, 3.º B. Pregunta por recepción.", "¿Te viene bien?",
    "El horario es de lunes a viernes de 8:00 a 16:00, con media hora de descanso.",
    "El salario es de 1.450 € brutos al mes en 14 pagas, según el convenio de logística de Madrid, y a los seis meses pasa a indefinido si todo va bien.",
    "Sí, sigue abierta", "Recibido, gracias. Lo paso al responsable del almacén y te decimos algo esta semana.",
    "Recuerda traer el DNI y el número de la Seguridad Social", "Hay lanzadera desde la estación de Cercanías a las 7:30 y a las 7:45.",
    "¿Podrías confirmarme tu disponibilidad para empezar el lunes 3?", "Un saludo",
    "Te escribo para confirmar la cita de mañana. Si no pudieras venir, avísanos por aquí con tiempo y buscamos otro hueco.",
    "¡Bienvenida al equipo! 🎉"};

template<size_t N>
QString pick(QRandomGenerator &rng, const char *const (&list)[N])
{
    return QString::fromUtf8(list[rng.bounded(int(N))]);
}

// Writes the tenant, the agent, the conversations and the messages, in a
// few big transactions. Runs in a child process.
int prepare(const QString &dirPath)
{
    QElapsedTimer timer;
    timer.start();
    QDir().mkpath(dirPath + QStringLiteral("/media"));
    auto opened = Database::open(QStringLiteral("sqlite://") + dirPath + QStringLiteral("/puente.db"));
    if (!opened) {
        out << "cannot open the database: " << opened.error().message << Qt::endl;
        return 1;
    }
    Database &db = *opened.value();
    if (auto m = migrations::migrate(db); !m) {
        out << "cannot migrate: " << m.error().message << Qt::endl;
        return 1;
    }
    auto tenant = TenantRepository(db).create(QStringLiteral("bench-console"), QStringLiteral("Reclutamiento Bench"), Plan::Pro);
    if (!tenant) {
        out << "cannot create the tenant: " << tenant.error().message << Qt::endl;
        return 1;
    }
    // The server's password_hash_log_n is set to 10 too, so sign-in is quick.
    auto agent = UserRepository(db, {10, 8, 1}).create({tenant->id, kEmail, QStringLiteral("Carlos Agente"), Role::Agent, kPassword}, QStringLiteral("bench"));
    if (!agent) {
        out << "cannot create the agent: " << agent.error().message << Qt::endl;
        return 1;
    }
    const qint64 tenantId = tenant->id.value;
    const qint64 agentId = agent->id.value;

    // A few downloaded photos (what candidates send: a document or a CV
    // photo), shared by all image messages, so the chat fetches, decodes and
    // scales real JPEGs. Noise keeps them at a realistic size.
    QStringList photos;
    QRandomGenerator pixels(7);
    for (int i = 0; i < 6; ++i) {
        QImage image(1280, 960, QImage::Format_RGB32);
        for (int y = 0; y < image.height(); ++y) {
            auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
            for (int x = 0; x < image.width(); ++x)
                line[x] = qRgb((x * 255 / 1280 + i * 40) % 256, (y * 255 / 960) % 256, int(pixels.bounded(256)) / 2 + 60);
        }
        QByteArray jpeg;
        {
            QFile tmp(dirPath + QStringLiteral("/photo.jpg"));
            if (!image.save(&tmp, "JPG", 85)) {
                out << "cannot write a JPEG (no image plugin?)" << Qt::endl;
                return 1;
            }
            tmp.close();
            tmp.open(QIODevice::ReadOnly);
            jpeg = tmp.readAll();
            tmp.remove();
        }
        const QString sha = QString::fromLatin1(crypto::sha256(jpeg).toHex());
        QDir().mkpath(dirPath + QStringLiteral("/media/") + sha.left(2));
        QFile f(dirPath + QStringLiteral("/media/") + sha.left(2) + QLatin1Char('/') + sha);
        if (!f.open(QIODevice::WriteOnly) || f.write(jpeg) != jpeg.size())
            return 1;
        photos.append(sha + QLatin1Char(' ') + QString::number(jpeg.size()));
    }

    QRandomGenerator rng(20261128);
    const qint64 now = nowMs();
    const qint64 day = 24LL * 3600 * 1000;
    const qint64 bigStart = now - 365 * day;
    const qint64 bigEnd = now - 60'000;
    qint64 bigId = 0;
    QString bigPreview;

    auto fail = [](const Status &s, const char *what) {
        out << "prepare: " << what << ": " << (s ? QString() : s.error().message) << Qt::endl;
        return 1;
    };

    // Conversations: the big one is the most recent (the top of the list,
    // as the busiest chat would be); the rest spread over a year.
    {
        Transaction tx(db);
        if (!tx.begun())
            return fail(tx.begun(), "begin");
        for (int i = 0; i < kConversations; ++i) {
            const bool big = i == 0;
            QString name = big ? QStringLiteral("Lucía Fernández Ortega")
                               : pick(rng, kFirstNames) + QLatin1Char(' ') + pick(rng, kSurnames) + QLatin1Char(' ') + pick(rng, kSurnames);
            if (!big && rng.bounded(20) == 0)
                name.clear(); // no profile name: the list shows the number
            const QString wa = QStringLiteral("346%1").arg((qint64(i) * 7919 + 1234567) % 100000000, 8, 10, QLatin1Char('0'));
            const qint64 last = big ? bigEnd : now - 120'000 - qint64(rng.bounded(365.0) * double(day));
            const int statusRoll = rng.bounded(50);
            const QString status = big || statusRoll >= 4 ? QStringLiteral("active") : statusRoll >= 1 ? QStringLiteral("archived") : QStringLiteral("blocked");
            const int unread = big || rng.bounded(5) != 0 ? 0 : 1 + rng.bounded(5);
            const QString preview = big ? QString() : pick(rng, kInbound).left(200);
            Sql q(tx.connection(), QStringLiteral("INSERT INTO whatsapp_conversations (tenant_id, conversation_id, contact_wa_id, contact_phone, contact_name, "
                                                  "search_text, status, assigned_user_id, last_message_at, last_inbound_at, last_message_preview, "
                                                  "unread_count, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
            q.bind(tenantId).bind(wa).bind(wa).bind(QLatin1Char('+') + wa).bind(nullIfEmpty(name)).bind(rows::searchText(name, wa)).bind(status)
                .bind(rng.bounded(10) < 3 ? QVariant(agentId) : QVariant(QMetaType(QMetaType::LongLong)))
                .bind(last).bind(last - 1000).bind(nullIfEmpty(preview)).bind(unread)
                .bind(big ? bigStart - day : last - qint64(rng.bounded(30)) * day).bind(last);
            if (auto s = q.exec(); !s || !q.next())
                return fail(s, "insert conversation");
            const qint64 id = q.int64(0);
            q.finish();
            if (big) {
                bigId = id;
                continue;
            }
            for (int m = 0; m < kMessagesPerOther; ++m) {
                const bool inbound = m != 1;
                Sql msg(tx.connection(), QStringLiteral("INSERT INTO whatsapp_messages (tenant_id, conversation_id, provider_message_id, direction, type, "
                                                        "content, status, timestamp, sent_by_user_id, created_at, updated_at) "
                                                        "VALUES (?, ?, ?, ?, 'text', ?, ?, ?, ?, ?, ?)"));
                const qint64 at = last - (kMessagesPerOther - 1 - m) * 90'000;
                msg.bind(tenantId).bind(id).bind(QStringLiteral("wamid.bench.%1.%2").arg(id).arg(m))
                    .bind(inbound ? QStringLiteral("inbound") : QStringLiteral("outbound"))
                    .bind(m == kMessagesPerOther - 1 ? preview : inbound ? pick(rng, kInbound) : pick(rng, kOutbound))
                    .bind(inbound ? QStringLiteral("received") : QStringLiteral("read")).bind(at)
                    .bind(inbound ? QVariant(QMetaType(QMetaType::LongLong)) : QVariant(agentId)).bind(at).bind(at);
                if (auto s = msg.exec(); !s)
                    return fail(s, "insert message");
            }
        }
        if (auto s = tx.commit(); !s)
            return fail(s, "commit");
    }

    // The big chat: 100,000 messages over a year, newest at bigEnd. Mostly
    // text in both directions; photos, CVs, replies, reactions, the odd
    // failed send.
    int written = 0;
    while (written < kBigMessages) {
        Transaction tx(db);
        if (!tx.begun())
            return fail(tx.begun(), "begin");
        for (int n = 0; n < 20'000 && written < kBigMessages; ++n, ++written) {
            const int i = written;
            const qint64 at = bigStart + (bigEnd - bigStart) * i / (kBigMessages - 1);
            const bool inbound = (i / 3 + rng.bounded(2)) % 2 == 0;
            const QString wamid = QStringLiteral("wamid.bench.big.%1").arg(i);
            const int roll = rng.bounded(1000);
            QString type = QStringLiteral("text");
            QString text = inbound ? pick(rng, kInbound) : pick(rng, kOutbound);
            QVariant mediaId, mime, sha, size, filename, mediaFile, context, reaction, errorCode, errorTitle, errorMessage;
            const QVariant noText(QMetaType(QMetaType::QString));
            const QVariant noNumber(QMetaType(QMetaType::LongLong));
            mediaId = mime = sha = filename = mediaFile = context = reaction = errorTitle = errorMessage = noText;
            size = errorCode = noNumber;
            QString status = inbound ? QStringLiteral("received") : (i > kBigMessages - 20 ? QStringLiteral("delivered") : QStringLiteral("read"));
            if (roll < 15 && inbound) { // a photo, downloaded
                const QStringList photo = photos.at(rng.bounded(int(photos.size()))).split(QLatin1Char(' '));
                type = QStringLiteral("image");
                text = rng.bounded(3) == 0 ? QStringLiteral("Foto del carné") : QString();
                mediaId = QStringLiteral("media-big-%1").arg(i);
                mime = QStringLiteral("image/jpeg");
                sha = mediaFile = photo.at(0);
                size = photo.at(1).toLongLong();
            } else if (roll < 25 && inbound) { // a CV, not downloaded yet
                type = QStringLiteral("document");
                text = QString();
                mediaId = QStringLiteral("media-big-%1").arg(i);
                mime = QStringLiteral("application/pdf");
                filename = QStringLiteral("CV_Lucia_Fernandez_%1.pdf").arg(i);
                size = 80'000 + rng.bounded(400'000);
            } else if (roll < 35 && i > 20) { // a reply quoting a recent message
                context = QStringLiteral("wamid.bench.big.%1").arg(i - 1 - rng.bounded(15));
            } else if (roll < 40 && i > 5) { // a reaction (not a row of its own in the chat)
                type = QStringLiteral("reaction");
                text = QString();
                context = QStringLiteral("wamid.bench.big.%1").arg(i - 1 - rng.bounded(4));
                reaction = rng.bounded(2) ? QStringLiteral("👍") : QStringLiteral("❤️");
            } else if (roll < 42 && !inbound) {
                status = QStringLiteral("failed");
                errorCode = 131049;
                errorTitle = QStringLiteral("This message was not delivered to maintain healthy ecosystem engagement.");
                errorMessage = errorTitle;
            }
            Sql q(tx.connection(), QStringLiteral("INSERT INTO whatsapp_messages (tenant_id, conversation_id, provider_message_id, direction, type, content, "
                                                  "status, timestamp, media_id, media_mime_type, media_sha256, media_size, media_filename, media_file, "
                                                  "context_message_id, reaction_emoji, error_code, error_title, error_message, sent_by_user_id, "
                                                  "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
            q.bind(tenantId).bind(bigId).bind(wamid).bind(inbound ? QStringLiteral("inbound") : QStringLiteral("outbound")).bind(type)
                .bind(nullIfEmpty(text)).bind(status).bind(at).bind(mediaId).bind(mime).bind(sha).bind(size).bind(filename).bind(mediaFile)
                .bind(context).bind(reaction).bind(errorCode).bind(errorTitle).bind(errorMessage)
                .bind(inbound ? noNumber : QVariant(agentId)).bind(at).bind(at);
            if (auto s = q.exec(); !s)
                return fail(s, "insert big-chat message");
            if (type == QLatin1String("text") || type == QLatin1String("image"))
                bigPreview = text;
        }
        if (auto s = tx.commit(); !s)
            return fail(s, "commit");
    }
    {
        Transaction tx(db);
        Sql q(tx.connection(), QStringLiteral("UPDATE whatsapp_conversations SET last_message_preview = ? WHERE id = ?"));
        q.bind(bigPreview).bind(bigId);
        if (auto s = q.exec(); !s)
            return fail(s, "update preview");
        if (auto s = tx.commit(); !s)
            return fail(s, "commit");
    }
    opened.value().reset();

    QFile marker(dirPath + QStringLiteral("/ready.json"));
    if (!marker.open(QIODevice::WriteOnly))
        return 1;
    marker.write(QJsonDocument(QJsonObject{{QStringLiteral("version"), kDataVersion},
                                           {QStringLiteral("big_conversation_id"), bigId},
                                           {QStringLiteral("prepared_in_ms"), timer.elapsed()}})
                     .toJson(QJsonDocument::Compact));
    return 0;
}

// ------------------------------------------------------------ measuring ----

double percentile(QList<double> v, double p)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min<qsizetype>(v.size() - 1, qsizetype(p * double(v.size())))];
}

double median(const QList<double> &v)
{
    return percentile(v, 0.5);
}

struct Memory {
    double rssMb = 0;
    double peakMb = 0;
};

// VmRSS and VmHWM of a process, from /proc/PID/status.
Memory memoryOf(const QString &pid = QStringLiteral("self"))
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    Memory m;
    if (!f.open(QIODevice::ReadOnly))
        return m;
    const QString status = QString::fromLatin1(f.readAll());
    static const QRegularExpression rss(QStringLiteral("VmRSS:\\s+(\\d+) kB")), hwm(QStringLiteral("VmHWM:\\s+(\\d+) kB"));
    m.rssMb = rss.match(status).captured(1).toDouble() / 1024.0;
    m.peakMb = hwm.match(status).captured(1).toDouble() / 1024.0;
    return m;
}

// Pumps the event loop (blocking, not spinning: the server shares the two
// cores) until `done`; false on timeout.
bool waitFor(const std::function<bool()> &done, int timeoutMs = 60000)
{
    QElapsedTimer t;
    t.start();
    QTimer tick; // wakes the blocking wait to check the deadline
    tick.start(100);
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}

// Counts the paint events a widget (a view's viewport) receives. A paint
// after the data arrived, with the event loop back from it, is the frame
// the user sees.
class PaintProbe : public QObject {
public:
    explicit PaintProbe(QWidget *widget) : m_widget(widget) { widget->installEventFilter(this); }
    ~PaintProbe() override
    {
        if (m_widget)
            m_widget->removeEventFilter(this);
    }
    int paints = 0;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == m_widget && event->type() == QEvent::Paint)
            ++paints;
        return false;
    }

private:
    QPointer<QWidget> m_widget;
};

// When the last HTTP reply of the console's client finished (before the
// client parsed it): splits "server + network" from "console".
double g_lastNetworkDone = 0;

struct Split {
    double total = 0;   // start until painted
    double network = 0; // start until the HTTP reply finished (the UI keeps working meanwhile: page built, shown)
    double model = 0;   // reply finished until pageLoaded was handled: JSON, rows inserted, and the
                        // views' slots on the way (ChatView lays out every row on pageLoaded)
    double paint = 0;   // then until the frame is painted
};

struct Series {
    QList<double> total, network, model, paint;
    void add(const Split &s)
    {
        total.append(s.total);
        network.append(s.network);
        model.append(s.model);
        paint.append(s.paint);
    }
};

struct ScrollRun {
    double totalMs = 0;
    QList<double> pageMs;
    QList<Split> pages;
    QList<int> rowsAfter; // rows loaded after each page (reactions are not rows)
    int rows = 0;
};

class Bench {
public:
    Bench(client::ApiClient *api, qint64 userId, qint64 bigId) : m_api(api), m_userId(userId), m_bigId(bigId) {}

    // 1. The contact list: created until its first page is painted.
    Split openList()
    {
        delete m_page; // the previous run's page
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        Split s;
        const double t0 = nowMsF();
        m_page = new ui::ConversationsPage(m_api, m_userId);
        m_page->setWindowTitle(QStringLiteral("Puente"));
        m_page->resize(1180, 720);
        PaintProbe probe(m_page->listView()->viewport());
        bool loaded = false;
        int paintsAtLoad = 0;
        QObject ctx;
        QObject::connect(m_page->listModel(), &ui::ConversationListModel::pageLoaded, &ctx, [&] {
            if (loaded)
                return;
            loaded = true;
            s.network = g_lastNetworkDone - t0;
            s.model = nowMsF() - g_lastNetworkDone;
            paintsAtLoad = probe.paints;
        });
        m_page->show();
        if (!waitFor([&] { return loaded && probe.paints > paintsAtLoad; }))
            qFatal("the conversation list never painted");
        s.total = nowMsF() - t0;
        s.paint = s.total - s.network - s.model;
        if (m_page->listModel()->rowCount() != 50)
            qFatal("the list has %d rows, expected a page of 50", m_page->listModel()->rowCount());
        return s;
    }

    // 2. The big chat: opened until its newest page is painted.
    Split openBigChat()
    {
        Split s;
        ui::ChatPanel *chat = m_page->chat();
        PaintProbe probe(chat->view()->viewport());
        bool loaded = false;
        int paintsAtLoad = 0;
        double loadedAt = 0;
        QObject ctx;
        const double t0 = nowMsF();
        QObject::connect(chat->model(), &ui::MessageModel::pageLoaded, &ctx, [&](bool older, int) {
            if (older || loaded)
                return;
            loaded = true;
            loadedAt = nowMsF();
            s.network = g_lastNetworkDone - t0;
            s.model = loadedAt - g_lastNetworkDone;
            paintsAtLoad = probe.paints;
        });
        m_page->openConversation(m_bigId);
        if (!waitFor([&] { return loaded && probe.paints > paintsAtLoad; }))
            qFatal("the big chat never painted");
        s.total = nowMsF() - t0;
        s.paint = nowMsF() - loadedAt;
        if (chat->conversationId() != m_bigId || chat->model()->rowCount() < 40)
            qFatal("the big chat did not open (%d rows)", chat->model()->rowCount());
        if (!chat->view()->isAtBottom())
            qFatal("the big chat did not open at the newest message");
        return s;
    }

    // 3. From where the chat is, to the top again and again until `target`
    // messages are loaded, each older page painted.
    ScrollRun scrollTo(int target)
    {
        ScrollRun run;
        ui::ChatPanel *chat = m_page->chat();
        PaintProbe probe(chat->view()->viewport());
        const double start = nowMsF();
        while (chat->model()->rowCount() < target) {
            Split s;
            bool loaded = false;
            int paintsAtLoad = 0;
            double loadedAt = 0;
            QObject ctx;
            const double t0 = nowMsF();
            QObject::connect(chat->model(), &ui::MessageModel::pageLoaded, &ctx, [&](bool older, int) {
                if (!older || loaded)
                    return;
                loaded = true;
                loadedAt = nowMsF();
                s.network = g_lastNetworkDone - t0;
                s.model = loadedAt - g_lastNetworkDone;
                paintsAtLoad = probe.paints;
            });
            const int before = chat->model()->rowCount();
            chat->view()->scrollToTop();
            if (!waitFor([&] { return loaded && probe.paints > paintsAtLoad; }))
                qFatal("an older page never painted (at %d rows)", before);
            s.total = nowMsF() - t0;
            s.paint = nowMsF() - loadedAt;
            run.pageMs.append(s.total);
            run.pages.append(s);
            if (chat->model()->rowCount() <= before)
                qFatal("scrolling to the top loaded nothing (at %d rows)", before);
            run.rowsAfter.append(chat->model()->rowCount());
        }
        run.totalMs = nowMsF() - start;
        run.rows = chat->model()->rowCount();
        return run;
    }

    void close()
    {
        delete m_page;
        m_page = nullptr;
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }

private:
    client::ApiClient *m_api;
    qint64 m_userId;
    qint64 m_bigId;
    ui::ConversationsPage *m_page = nullptr;
};

// The baseline: the same requests with a bare QNetworkAccessManager.
class Rest {
public:
    Rest(quint16 port, const QString &token) : m_port(port), m_token(token.toUtf8()) {}

    struct Answer {
        double roundTripMs = 0;
        double parseMs = 0;
        QJsonObject json;
        qsizetype bytes = 0;
    };

    Answer get(const QString &pathAndQuery)
    {
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/%2").arg(m_port).arg(pathAndQuery)));
        request.setRawHeader("Authorization", "Bearer " + m_token);
        request.setRawHeader("Accept", "application/json");
        Answer a;
        const double t0 = nowMsF();
        QNetworkReply *reply = m_nam.get(request);
        waitFor([reply] { return reply->isFinished(); });
        a.roundTripMs = nowMsF() - t0;
        const QByteArray body = reply->readAll();
        reply->deleteLater();
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200)
            qFatal("GET %s: HTTP %d", qPrintable(pathAndQuery), reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt());
        const double p0 = nowMsF();
        a.json = QJsonDocument::fromJson(body).object();
        a.parseMs = nowMsF() - p0;
        a.bytes = body.size();
        return a;
    }

private:
    QNetworkAccessManager m_nam;
    quint16 m_port;
    QByteArray m_token;
};

QString ms(double v)
{
    return QString::number(v, 'f', v < 10 ? 1 : 0);
}

QString row(const QString &what, const QString &a, const QString &b, const QString &c, const QString &d = QString())
{
    return what.leftJustified(52) + a.rightJustified(9) + b.rightJustified(10) + c.rightJustified(10) + QStringLiteral("  ") + d;
}

QJsonObject stats(const QList<double> &warm, double cold)
{
    return {{QStringLiteral("cold"), qRound(cold * 10) / 10.0},
            {QStringLiteral("median"), qRound(median(warm) * 10) / 10.0},
            {QStringLiteral("p90"), qRound(percentile(warm, 0.9) * 10) / 10.0}};
}

} // namespace

int main(int argc, char *argv[])
{
    g_clock.start();
    // Widgets without a display: the offscreen platform still lays out and
    // paints into a real backing store.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (argc == 3 && qstrcmp(argv[1], "--prepare") == 0) {
        QGuiApplication app(argc, argv); // QImage's JPEG writer
        return prepare(QString::fromLocal8Bit(argv[2]));
    }

    QApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    auto option = [&args](const QString &name, const QString &fallback) {
        const int i = int(args.indexOf(name));
        if (i < 0 || i + 1 >= args.size())
            return fallback;
        const QString v = args[i + 1];
        args.remove(i, 2);
        return v;
    };
    const int runs = std::max(1, option(QStringLiteral("--runs"), QStringLiteral("15")).toInt());
    const int scrollMessages = option(QStringLiteral("--scroll"), QStringLiteral("1000")).toInt();
    const int deep = option(QStringLiteral("--deep"), QStringLiteral("5000")).toInt();
    const QString dataDir = QDir(option(QStringLiteral("--data-dir"), QCoreApplication::applicationDirPath() + QStringLiteral("/bench_console_data"))).absolutePath();
    if (args.isEmpty()) {
        out << "usage: bench_console SERVER_BINARY [--runs N] [--scroll N] [--deep N] [--data-dir DIR]" << Qt::endl;
        return 2;
    }
    const QString serverBinary = args.first();
    // As a Spanish recruiter sees it: dates and the console's texts in Spanish.
    QLocale::setDefault(QLocale(QLocale::Spanish, QLocale::Spain));
    ui::installTranslations(app, QLocale(QLocale::Spanish, QLocale::Spain));
    const Memory atStart = memoryOf();

    // 1. The data, prepared once and reused while its version matches.
    qint64 bigId = 0;
    {
        auto readMarker = [&] {
            QFile f(dataDir + QStringLiteral("/ready.json"));
            if (!f.open(QIODevice::ReadOnly))
                return QJsonObject();
            const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
            return o.value(QStringLiteral("version")).toString() == kDataVersion ? o : QJsonObject();
        };
        QJsonObject marker = readMarker();
        if (marker.isEmpty()) {
            QDir(dataDir).removeRecursively();
            QDir().mkpath(dataDir);
            out << "preparing " << kConversations << " conversations and a chat of " << kBigMessages << " messages in " << dataDir << " ..." << Qt::endl;
            QElapsedTimer t;
            t.start();
            QProcess child;
            child.setProcessChannelMode(QProcess::ForwardedChannels);
            child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--prepare"), dataDir});
            if (!child.waitForFinished(600000) || child.exitCode() != 0) {
                out << "preparing the data failed" << Qt::endl;
                return 1;
            }
            marker = readMarker();
            out << "data prepared in " << QString::number(t.elapsed() / 1000.0, 'f', 1) << " s (not timed below)" << Qt::endl;
        } else {
            out << "data: reusing " << dataDir << " (prepared earlier in " << QString::number(marker.value(QStringLiteral("prepared_in_ms")).toInteger() / 1000.0, 'f', 1)
                << " s)" << Qt::endl;
        }
        bigId = marker.value(QStringLiteral("big_conversation_id")).toInteger();
        if (bigId <= 0) {
            out << "the data folder has no big conversation" << Qt::endl;
            return 1;
        }
    }

    // 2. The server, in its own process; its log goes to a file (read here
    // only for the port) so it costs this process no memory.
    QProcess server;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &key : env.keys())
        if (key.startsWith(QLatin1String("PUENTE_")))
            env.remove(key); // no database or master key of the caller's
    env.insert(QStringLiteral("PUENTE_RATE_LIMIT_USER_PER_SECOND"), QStringLiteral("100000"));
    env.insert(QStringLiteral("PUENTE_RATE_LIMIT_USER_BURST"), QStringLiteral("100000"));
    env.insert(QStringLiteral("PUENTE_RATE_LIMIT_TENANT_PER_SECOND"), QStringLiteral("100000"));
    env.insert(QStringLiteral("PUENTE_RATE_LIMIT_TENANT_BURST"), QStringLiteral("100000"));
    env.insert(QStringLiteral("PUENTE_DISPATCHER"), QStringLiteral("off"));
    env.insert(QStringLiteral("PUENTE_MEDIA_FETCHER"), QStringLiteral("off"));
    env.insert(QStringLiteral("PUENTE_PASSWORD_HASH_LOG_N"), QStringLiteral("10"));
    server.setProcessEnvironment(env);
    const QString logPath = dataDir + QStringLiteral("/server.log");
    server.setStandardOutputFile(QProcess::nullDevice());
    server.setStandardErrorFile(logPath, QIODevice::Truncate);
    server.start(serverBinary, {QStringLiteral("--data-dir"), dataDir, QStringLiteral("--log-format"), QStringLiteral("json"), QStringLiteral("serve"),
                                QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
    if (!server.waitForStarted()) {
        out << "cannot start " << serverBinary << Qt::endl;
        return 1;
    }
    quint16 port = 0;
    {
        static const QRegularExpression listening(QStringLiteral("listening on http://127\\.0\\.0\\.1:(\\d+)"));
        QElapsedTimer wait;
        wait.start();
        while (!port && wait.elapsed() < 30000 && server.state() == QProcess::Running) {
            QThread::msleep(50);
            QFile log(logPath);
            if (log.open(QIODevice::ReadOnly))
                if (auto m = listening.match(QString::fromUtf8(log.readAll())); m.hasMatch())
                    port = quint16(m.captured(1).toUInt());
        }
    }
    if (!port) {
        out << "the server did not start; see " << logPath << Qt::endl;
        return 1;
    }
    const QString serverPid = QString::number(server.processId());
    auto stopServer = qScopeGuard([&] {
        server.terminate();
        server.waitForFinished(30000);
    });

    // Sign in, as the console does.
    client::ApiClient api(QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port)));
    QObject::connect(api.network(), &QNetworkAccessManager::finished, [](QNetworkReply *) { g_lastNetworkDone = nowMsF(); });
    QString token;
    qint64 userId = 0;
    {
        bool done = false;
        api.post(QStringLiteral("api/auth/login"), {{QStringLiteral("email"), kEmail}, {QStringLiteral("password"), kPassword}})
            ->then(&app, [&](const QJsonObject &answer) {
                token = answer.value(QStringLiteral("token")).toString();
                userId = answer.value(QStringLiteral("user")).toObject().value(QStringLiteral("id")).toInteger();
                done = true;
            }, [&](const client::ApiError &e) {
                out << "sign-in failed: " << e.codeName << " " << e.message << Qt::endl;
                done = true;
            });
        waitFor([&] { return done; });
        if (token.isEmpty())
            return 1;
        api.setToken(token);
    }
    const Memory signedIn = memoryOf();

    out << QStringLiteral("bench_console: %1 conversations, big chat of %2 messages; window 1180x720 (%3); %4 warm runs after a cold one; Qt %5")
               .arg(kConversations).arg(kBigMessages).arg(QGuiApplication::platformName()).arg(runs).arg(QString::fromLatin1(qVersion()))
        << Qt::endl;

    Rest rest(port, token);
    const QString listQuery = QStringLiteral("api/whatsapp/conversations?status=active&assigned=all&limit=50");
    const QString chatQuery = QStringLiteral("api/whatsapp/conversations/%1/messages?limit=50").arg(bigId);
    Bench bench(&api, userId, bigId);

    Series list, chat;
    Split listCold, chatCold;
    QList<double> scrollTotal, scrollPage, scrollNetwork, scrollModel, scrollPaint;
    double scrollColdTotal = 0;
    QList<double> restList, restListParse, restChat, restChatParse, restPage, restPageParse, restScrollTotal;
    qsizetype listBytes = 0, chatBytes = 0;
    Memory afterList, afterChat, afterScroll;
    int scrolledRows = 0, scrollPages = 0;

    for (int r = 0; r <= runs; ++r) {
        const bool cold = r == 0;
        // The UI first (the cold run must be the process's first request of
        // each kind), then the baseline.
        const Split l = bench.openList();
        if (cold)
            afterList = memoryOf();
        const Split c = bench.openBigChat();
        if (cold)
            afterChat = memoryOf();
        const ScrollRun s = bench.scrollTo(scrollMessages);
        if (cold) {
            afterScroll = memoryOf();
            listCold = l;
            chatCold = c;
            scrollColdTotal = s.totalMs;
            scrolledRows = s.rows;
            scrollPages = int(s.pageMs.size());
        } else {
            list.add(l);
            chat.add(c);
            scrollTotal.append(s.totalMs);
            for (const Split &p : s.pages) {
                scrollPage.append(p.total);
                scrollNetwork.append(p.network);
                scrollModel.append(p.model);
                scrollPaint.append(p.paint);
            }
        }

        const Rest::Answer rl = rest.get(listQuery);
        const Rest::Answer rc = rest.get(chatQuery);
        listBytes = rl.bytes;
        chatBytes = rc.bytes;
        QString cursor = rc.json.value(QStringLiteral("next_cursor")).toString();
        int rows = int(rc.json.value(QStringLiteral("items")).toArray().size());
        const double scroll0 = nowMsF();
        while (rows < scrollMessages && !cursor.isEmpty()) {
            const Rest::Answer p = rest.get(chatQuery + QStringLiteral("&before=") + cursor);
            cursor = p.json.value(QStringLiteral("next_cursor")).toString();
            rows += int(p.json.value(QStringLiteral("items")).toArray().size());
            if (!cold) {
                restPage.append(p.roundTripMs);
                restPageParse.append(p.parseMs);
            }
        }
        if (!cold) {
            restScrollTotal.append(nowMsF() - scroll0);
            restList.append(rl.roundTripMs);
            restListParse.append(rl.parseMs);
            restChat.append(rc.roundTripMs);
            restChatParse.append(rc.parseMs);
        }
    }
    bench.close();

    // Deeper, once: how the cost of a page grows with the rows loaded.
    struct DeepPoint {
        int rows;
        double pageMs;
        double rssMb;
    };
    QList<DeepPoint> deepPoints;
    if (deep > scrollMessages) {
        bench.openList();
        bench.openBigChat();
        QList<double> window;
        int nextMark = 1000;
        const ScrollRun d = bench.scrollTo(deep);
        for (int i = 0; i < d.pageMs.size(); ++i) {
            window.append(d.pageMs.at(i));
            if (d.rowsAfter.at(i) >= nextMark) {
                deepPoints.append({d.rowsAfter.at(i), median(window), 0});
                window.clear();
                nextMark += 1000;
            }
        }
        if (!deepPoints.isEmpty())
            deepPoints.last().rssMb = memoryOf().rssMb;
        bench.close();
    }
    const Memory atEnd = memoryOf();
    const Memory serverMemory = memoryOf(serverPid);

    // ---------------------------------------------------------- report ----
    auto verdict = [](double v, double target) { return v < target ? QStringLiteral("ok (< %1)").arg(target) : QStringLiteral("MISSED (target %1)").arg(target); };
    out << Qt::endl << row(QStringLiteral("ms"), QStringLiteral("cold"), QStringLiteral("median"), QStringLiteral("p90")) << Qt::endl;
    out << row(QStringLiteral("conversation list: first paint"), ms(listCold.total), ms(median(list.total)), ms(percentile(list.total, 0.9)),
               verdict(std::max(listCold.total, percentile(list.total, 0.9)), kTargetPaintMs))
        << Qt::endl;
    out << row(QStringLiteral("  start until the HTTP reply finished"), ms(listCold.network), ms(median(list.network)), ms(percentile(list.network, 0.9))) << Qt::endl;
    out << row(QStringLiteral("  reply until handled (JSON, rows, view layout)"), ms(listCold.model), ms(median(list.model)), ms(percentile(list.model, 0.9))) << Qt::endl;
    out << row(QStringLiteral("  then until painted"), ms(listCold.paint), ms(median(list.paint)), ms(percentile(list.paint, 0.9))) << Qt::endl;
    out << row(QStringLiteral("  baseline: bare GET, 50 conversations (%1 KB)").arg(listBytes / 1024), QString(), ms(median(restList)),
               ms(percentile(restList, 0.9)), QStringLiteral("+ JSON parse %1").arg(ms(median(restListParse))))
        << Qt::endl;
    out << row(QStringLiteral("big chat: first paint"), ms(chatCold.total), ms(median(chat.total)), ms(percentile(chat.total, 0.9)),
               verdict(std::max(chatCold.total, percentile(chat.total, 0.9)), kTargetPaintMs))
        << Qt::endl;
    out << row(QStringLiteral("  start until the HTTP reply finished"), ms(chatCold.network), ms(median(chat.network)), ms(percentile(chat.network, 0.9))) << Qt::endl;
    out << row(QStringLiteral("  reply until handled (JSON, rows, view layout)"), ms(chatCold.model), ms(median(chat.model)), ms(percentile(chat.model, 0.9))) << Qt::endl;
    out << row(QStringLiteral("  then until painted"), ms(chatCold.paint), ms(median(chat.paint)), ms(percentile(chat.paint, 0.9))) << Qt::endl;
    out << row(QStringLiteral("  baseline: bare GET, 50 messages (%1 KB)").arg(chatBytes / 1024), QString(), ms(median(restChat)), ms(percentile(restChat, 0.9)),
               QStringLiteral("+ JSON parse %1").arg(ms(median(restChatParse))))
        << Qt::endl;
    out << row(QStringLiteral("scroll through %1 messages (%2 older pages): total").arg(scrolledRows).arg(scrollPages), ms(scrollColdTotal),
               ms(median(scrollTotal)), ms(percentile(scrollTotal, 0.9)))
        << Qt::endl;
    out << row(QStringLiteral("  one older page, scrolled to the top until painted"), QString(), ms(median(scrollPage)), ms(percentile(scrollPage, 0.9))) << Qt::endl;
    out << row(QStringLiteral("    start until the HTTP reply finished"), QString(), ms(median(scrollNetwork)), ms(percentile(scrollNetwork, 0.9))) << Qt::endl;
    out << row(QStringLiteral("    reply until handled (JSON, rows, view layout)"), QString(), ms(median(scrollModel)), ms(percentile(scrollModel, 0.9))) << Qt::endl;
    out << row(QStringLiteral("    then until painted"), QString(), ms(median(scrollPaint)), ms(percentile(scrollPaint, 0.9))) << Qt::endl;
    out << row(QStringLiteral("  baseline: the same pages with bare GETs: total"), QString(), ms(median(restScrollTotal)), ms(percentile(restScrollTotal, 0.9))) << Qt::endl;
    out << row(QStringLiteral("  baseline: one page"), QString(), ms(median(restPage)), ms(percentile(restPage, 0.9)),
               QStringLiteral("+ JSON parse %1").arg(ms(median(restPageParse))))
        << Qt::endl;
    if (!deepPoints.isEmpty()) {
        out << "deeper scroll, once (median ms per older page over each 1,000 rows):";
        for (const DeepPoint &p : deepPoints)
            out << "  " << p.rows << ": " << ms(p.pageMs);
        out << "  (VmRSS " << QString::number(deepPoints.last().rssMb, 'f', 0) << " MB at " << deepPoints.last().rows << " rows)" << Qt::endl;
    }
    out << Qt::endl << "memory of the console process (MB, VmRSS):" << Qt::endl;
    auto mb = [](double v) { return QString::number(v, 'f', 1); };
    out << row(QStringLiteral("  QApplication started"), mb(atStart.rssMb), QString(), QString()) << Qt::endl;
    out << row(QStringLiteral("  signed in"), mb(signedIn.rssMb), QString(), QString()) << Qt::endl;
    out << row(QStringLiteral("  conversation list shown"), mb(afterList.rssMb), QString(), QString()) << Qt::endl;
    out << row(QStringLiteral("  big chat shown"), mb(afterChat.rssMb), QString(), QString()) << Qt::endl;
    out << row(QStringLiteral("  %1 messages scrolled").arg(scrolledRows), mb(afterScroll.rssMb), QString(), QString()) << Qt::endl;
    out << row(QStringLiteral("  after the deeper scroll, pages closed"), mb(atEnd.rssMb), QString(), QString()) << Qt::endl;
    out << row(QStringLiteral("  peak (VmHWM)"), mb(atEnd.peakMb), QString(), QString(), verdict(atEnd.peakMb, kTargetMemoryMb)) << Qt::endl;
    out << row(QStringLiteral("  the server process, for reference (RSS / peak)"), mb(serverMemory.rssMb), mb(serverMemory.peakMb), QString()) << Qt::endl;

    const bool ok = std::max(listCold.total, percentile(list.total, 0.9)) < kTargetPaintMs
                    && std::max(chatCold.total, percentile(chat.total, 0.9)) < kTargetPaintMs && atEnd.peakMb < kTargetMemoryMb;
    QJsonArray deepJson;
    for (const DeepPoint &p : deepPoints)
        deepJson.append(QJsonObject{{QStringLiteral("rows"), p.rows}, {QStringLiteral("page_ms"), qRound(p.pageMs * 10) / 10.0}});
    const QJsonObject summary{
        {QStringLiteral("bench"), QStringLiteral("console")},
        {QStringLiteral("runs"), runs},
        {QStringLiteral("list_first_paint_ms"), stats(list.total, listCold.total)},
        {QStringLiteral("list_rest_ms"), stats(restList, 0)},
        {QStringLiteral("chat_first_paint_ms"), stats(chat.total, chatCold.total)},
        {QStringLiteral("chat_rest_ms"), stats(restChat, 0)},
        {QStringLiteral("scroll_messages"), scrolledRows},
        {QStringLiteral("scroll_total_ms"), stats(scrollTotal, scrollColdTotal)},
        {QStringLiteral("scroll_page_ms"), stats(scrollPage, 0)},
        {QStringLiteral("scroll_rest_total_ms"), stats(restScrollTotal, 0)},
        {QStringLiteral("deep_scroll"), deepJson},
        {QStringLiteral("rss_mb"), QJsonObject{{QStringLiteral("start"), qRound(atStart.rssMb)}, {QStringLiteral("signed_in"), qRound(signedIn.rssMb)},
                                               {QStringLiteral("list"), qRound(afterList.rssMb)}, {QStringLiteral("chat"), qRound(afterChat.rssMb)},
                                               {QStringLiteral("scrolled"), qRound(afterScroll.rssMb)}, {QStringLiteral("end"), qRound(atEnd.rssMb)},
                                               {QStringLiteral("peak"), qRound(atEnd.peakMb)}}},
        {QStringLiteral("server_rss_mb"), qRound(serverMemory.rssMb)},
        {QStringLiteral("targets_met"), ok},
    };
    out << Qt::endl << QJsonDocument(summary).toJson(QJsonDocument::Compact) << Qt::endl;
    return 0;
}
