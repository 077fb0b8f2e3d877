#pragma once

// What the HTTP load benchmarks share (bench_loadgen, bench_notifications):
// a cheap keep-alive HTTP/1.1 connection, a closed loop over C of them,
// percentiles, the CPU each server thread used and memory (from /proc), and starting a
// puente-server on a free port with its log in a file.
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <functional>

#include <unistd.h>

namespace puente::bench {

// A field of /proc/PID/status in kB ("VmRSS:", "VmHWM:"); "self" for this
// process; -1 when it cannot be read.
inline qint64 statusKilobytes(const QString &pid, const char *field)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(field))
            return line.mid(qsizetype(qstrlen(field))).trimmed().split(' ').first().toLongLong();
    return -1;
}

// Command-line options the load benchmarks share: `name N` and
// `name A,B,C`, removed from `args` once read (what is left is positional).
inline int takeIntOption(QStringList &args, const QString &name, int fallback)
{
    const int i = int(args.indexOf(name));
    if (i < 0 || i + 1 >= args.size())
        return fallback;
    const int v = args[i + 1].toInt();
    args.remove(i, 2);
    return v;
}
inline QList<int> takeIntListOption(QStringList &args, const QString &name, const QList<int> &fallback)
{
    QList<int> out;
    if (const int i = int(args.indexOf(name)); i >= 0 && i + 1 < args.size()) {
        for (const QString &c : args[i + 1].split(QLatin1Char(',')))
            if (c.toInt() > 0)
                out.append(c.toInt());
        args.remove(i, 2);
    }
    return out.isEmpty() ? fallback : out;
}

inline double percentile(QList<double> v, double p)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min<qsizetype>(v.size() - 1, qsizetype(p * double(v.size())))];
}

// One keep-alive HTTP/1.1 connection, one request in flight (no pipelining).
class Connection : public QObject {
public:
    Connection(quint16 port, QObject *parent) : QObject(parent)
    {
        m_socket.connectToHost(QStringLiteral("127.0.0.1"), port);
        m_socket.waitForConnected(5000);
        connect(&m_socket, &QTcpSocket::readyRead, this, [this] { onRead(); });
    }
    bool busy() const { return bool(m_done); }
    void send(const QByteArray &request, std::function<void(int)> done)
    {
        m_done = std::move(done);
        m_buffer.clear();
        m_socket.write(request);
    }
    // The whole last answer (head and body), for a caller that needs it.
    const QByteArray &lastAnswer() const { return m_buffer; }

private:
    void onRead()
    {
        m_buffer += m_socket.readAll();
        const qsizetype headerEnd = m_buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        // Cheap on purpose: the generator shares the cores with the server.
        const QByteArrayView head(m_buffer.constData(), headerEnd);
        qsizetype at = head.indexOf("Content-Length:");
        if (at < 0)
            at = head.indexOf("content-length:");
        qsizetype bodyLength = 0;
        if (at >= 0) {
            at += 15;
            while (at < headerEnd && head[at] == ' ')
                ++at;
            while (at < headerEnd && head[at] >= '0' && head[at] <= '9')
                bodyLength = bodyLength * 10 + (head[at++] - '0');
        }
        if (m_buffer.size() < headerEnd + 4 + bodyLength)
            return;
        const int status = m_buffer.mid(9, 3).toInt();
        auto done = std::exchange(m_done, {});
        done(status);
    }
    QTcpSocket m_socket;
    QByteArray m_buffer;
    std::function<void(int)> m_done;
};

struct Stats {
    int ok = 0;
    int failed = 0;
    QList<double> latenciesMs;
    double seconds = 0;
    QMap<int, int> failedByStatus;
    QByteArray firstFailure; // the first unexpected answer, to show
};

// Closed loop: every connection sends its next request as soon as the last
// is answered; an answer with `okStatus` counts as ok.
inline Stats closedLoop(quint16 port, int connections, int seconds, const std::function<QByteArray(qint64)> &makeRequest, int okStatus = 200)
{
    Stats stats;
    QList<Connection *> conns;
    for (int i = 0; i < connections; ++i)
        conns.append(new Connection(port, qApp));
    QElapsedTimer clock;
    clock.start();
    qint64 n = 0;
    std::function<void(Connection *)> next = [&](Connection *c) {
        if (clock.elapsed() >= seconds * 1000)
            return;
        const qint64 started = clock.nsecsElapsed();
        c->send(makeRequest(n++), [&, c, started](int status) {
            stats.latenciesMs.append(double(clock.nsecsElapsed() - started) / 1e6);
            if (status == okStatus) {
                ++stats.ok;
            } else {
                ++stats.failed;
                ++stats.failedByStatus[status];
                if (stats.firstFailure.isEmpty())
                    stats.firstFailure = c->lastAnswer().left(600);
            }
            next(c);
        });
    };
    for (Connection *c : conns)
        next(c);
    // Sleep until something happens (an answer, or the end of the phase):
    // a generator that polls would take a core from the server.
    QTimer end;
    end.start(seconds * 1000 + 1);
    while (clock.elapsed() < seconds * 1000 || std::any_of(conns.cbegin(), conns.cend(), [](Connection *c) { return c->busy(); }))
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    stats.seconds = double(clock.nsecsElapsed()) / 1e9;
    qDeleteAll(conns);
    return stats;
}

// CPU time (µs) of each thread of a process, summed by thread name, from
// /proc: what a phase cost the server, whatever else the machine was doing.
inline QMap<QString, double> cpuByThread(qint64 pid)
{
    QMap<QString, double> out;
    static const double tick = 1e6 / double(::sysconf(_SC_CLK_TCK));
    const QString task = QStringLiteral("/proc/%1/task").arg(pid);
    for (const QString &tid : QDir(task).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile f(task + QLatin1Char('/') + tid + QStringLiteral("/stat"));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray stat = f.readAll();
        const qsizetype open = stat.indexOf('('), close = stat.lastIndexOf(')');
        const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
        if (open < 0 || close < 0 || fields.size() < 13)
            continue;
        // utime and stime are fields 14 and 15 of stat(5); 12 and 13 after the name.
        out[QString::fromUtf8(stat.mid(open + 1, close - open - 1))] += double(fields[11].toLongLong() + fields[12].toLongLong()) * tick;
    }
    return out;
}

// Adds what each thread used between two readings of cpuByThread.
inline void addUsed(QMap<QString, double> &total, const QMap<QString, double> &before, const QMap<QString, double> &after)
{
    for (auto it = after.cbegin(); it != after.cend(); ++it)
        total[it.key()] += it.value() - before.value(it.key());
}

// "123.4 µs per request (thread 12.3, ...)": threads that used at least
// half a microsecond per request.
inline QString cpuReport(const QMap<QString, double> &before, const QMap<QString, double> &after, double requests)
{
    QStringList parts;
    double total = 0;
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        const double used = it.value() - before.value(it.key());
        total += used;
        if (used / requests >= 0.5)
            parts.append(QStringLiteral("%1 %2").arg(it.key()).arg(used / requests, 0, 'f', 1));
    }
    return QStringLiteral("%1 µs per request (%2)").arg(total / requests, 0, 'f', 1).arg(parts.join(QStringLiteral(", ")));
}

// Until the process has been idle for a moment (below 3 % of a core): work
// left from the last slice (a checkpoint, say) must not slow the next.
inline void waitQuiet(qint64 pid)
{
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < 30000) {
        const auto before = cpuByThread(pid);
        QThread::msleep(200);
        QMap<QString, double> used;
        addUsed(used, before, cpuByThread(pid));
        double sum = 0;
        for (double v : used)
            sum += v;
        if (sum < 0.03 * 200'000)
            return;
    }
}

// Starts `binary serve --listen 127.0.0.1:0` with `env`, its log (JSON) in
// `logPath` (a pipe nobody reads during the phases would fill and block
// the server on its next log line). Returns the port, 0 if it did not start.
inline quint16 startServer(QProcess &server, const QString &binary, const QProcessEnvironment &env, const QString &logPath,
                           const QStringList &serveArgs = {})
{
    server.setProcessEnvironment(env);
    server.setProcessChannelMode(QProcess::ForwardedOutputChannel);
    server.setStandardErrorFile(logPath);
    server.start(binary, QStringList{QStringLiteral("--log-format"), QStringLiteral("json"), QStringLiteral("serve"), QStringLiteral("--listen"),
                                     QStringLiteral("127.0.0.1:0")}
                             + serveArgs);
    server.waitForStarted();
    static const QRegularExpression listening(QStringLiteral("listening on http://127\\.0\\.0\\.1:(\\d+)"));
    QElapsedTimer wait;
    wait.start();
    while (wait.elapsed() < 30000 && server.state() == QProcess::Running) {
        QThread::msleep(50);
        QFile f(logPath);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        if (auto m = listening.match(QString::fromUtf8(f.readAll())); m.hasMatch())
            return quint16(m.captured(1).toUInt());
    }
    return 0;
}

} // namespace puente::bench
