#pragma once
// Graph as production reaches it: TLS with HTTP/2 in front of the Sandbox.
// Debian's nginx (nginx-light) with a throwaway self-signed certificate,
// proxying to the Sandbox over kept-alive HTTP/1.1 connections; the
// certificate is added to this process's trusted authorities, so every
// QNetworkAccessManager made afterwards (the dispatcher's too) trusts it.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSslConfiguration>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <memory>

namespace puente::bench {

class TlsFront {
public:
    ~TlsFront()
    {
        if (m_nginx) {
            m_nginx->terminate();
            if (!m_nginx->waitForFinished(5000))
                m_nginx->kill();
        }
    }

    // Starts nginx on a free loopback port in front of 127.0.0.1:`upstreamPort`.
    // Returns an error message, or an empty string.
    QString start(const QString &dir, quint16 upstreamPort, int workers, int streams = 128)
    {
        QString nginx = QStandardPaths::findExecutable(QStringLiteral("nginx"));
        if (nginx.isEmpty())
            nginx = QStandardPaths::findExecutable(QStringLiteral("nginx"), {QStringLiteral("/usr/sbin")});
        const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
        if (nginx.isEmpty() || openssl.isEmpty())
            return QStringLiteral("nginx and openssl are needed (apt-get install nginx-light openssl), or pass --plain");
        QDir().mkpath(dir + QStringLiteral("/logs"));
        const QString cert = dir + QStringLiteral("/cert.pem"), key = dir + QStringLiteral("/key.pem");
        QProcess gen;
        gen.start(openssl, {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                            QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"), QStringLiteral("-days"), QStringLiteral("1"),
                            QStringLiteral("-subj"), QStringLiteral("/CN=graph.localhost"), QStringLiteral("-addext"),
                            QStringLiteral("subjectAltName=IP:127.0.0.1,DNS:localhost"), QStringLiteral("-keyout"), key, QStringLiteral("-out"), cert});
        if (!gen.waitForFinished(30'000) || gen.exitCode() != 0)
            return QStringLiteral("openssl could not make a certificate: ") + QString::fromUtf8(gen.readAllStandardError());
        m_port = freePort();
        // keepalive_requests: an HTTP/2 connection is closed after this many
        // requests (1,000 by default); Graph keeps its connections far longer.
        const QString conf = QStringLiteral(R"(worker_processes %1;
daemon off;
pid %2/nginx.pid;
error_log %2/logs/error.log warn;
events { worker_connections 16384; }
http {
    access_log off;
    client_body_temp_path %2/body;
    proxy_temp_path %2/proxy;
    upstream sandbox { server 127.0.0.1:%3; keepalive 4096; keepalive_requests 1000000; }
    server {
        listen 127.0.0.1:%4 ssl http2;
        ssl_certificate %5;
        ssl_certificate_key %6;
        keepalive_requests 10000000;
        http2_max_concurrent_streams %7;
        location / {
            proxy_pass http://sandbox;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_buffering off;
        }
    }
}
)")
                                 .arg(workers)
                                 .arg(dir)
                                 .arg(upstreamPort)
                                 .arg(m_port)
                                 .arg(cert, key)
                                 .arg(streams);
        QFile f(dir + QStringLiteral("/nginx.conf"));
        if (!f.open(QIODevice::WriteOnly) || f.write(conf.toUtf8()) < 0)
            return QStringLiteral("cannot write ") + f.fileName();
        f.close();
        m_nginx = std::make_unique<QProcess>();
        m_nginx->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_nginx->start(nginx, {QStringLiteral("-p"), dir, QStringLiteral("-c"), f.fileName(), QStringLiteral("-e"), dir + QStringLiteral("/logs/error.log")});
        if (!m_nginx->waitForStarted(10'000))
            return QStringLiteral("nginx did not start");
        for (int i = 0; i < 100; ++i) {
            QTcpSocket probe;
            probe.connectToHost(QStringLiteral("127.0.0.1"), m_port);
            if (probe.waitForConnected(100))
                break;
            if (m_nginx->state() == QProcess::NotRunning)
                return QStringLiteral("nginx stopped: see ") + dir + QStringLiteral("/logs/error.log");
            QThread::msleep(50);
        }
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.addCaCertificates(cert);
        QSslConfiguration::setDefaultConfiguration(ssl);
        return {};
    }

    QString baseUrl() const { return QStringLiteral("https://127.0.0.1:%1").arg(m_port); }

    // nginx's processes (master and workers), for their CPU time.
    QList<qint64> pids() const
    {
        if (!m_nginx)
            return {};
        const qint64 master = m_nginx->processId();
        QList<qint64> out{master};
        QFile children(QStringLiteral("/proc/%1/task/%1/children").arg(master));
        if (children.open(QIODevice::ReadOnly))
            for (const QByteArray &pid : children.readAll().split(' '))
                if (pid.trimmed().toLongLong() > 0)
                    out.append(pid.trimmed().toLongLong());
        return out;
    }

private:
    static quint16 freePort()
    {
        QTcpServer s;
        s.listen(QHostAddress::LocalHost, 0);
        return s.serverPort();
    }

    std::unique_ptr<QProcess> m_nginx;
    quint16 m_port = 0;
};

} // namespace puente::bench
