#include "cli.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

int main(int argc, char *argv[])
{
    // Qt's own event dispatcher rather than GLib's: GLib writes its wake-up
    // eventfd whenever a socket notifier is switched on or off, about two
    // extra syscalls per HTTP request (21 -> 16-18 µs of CPU per health
    // check; performance.md, session 6). QT_NO_GLIB=0 brings GLib back.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("puente-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PUENTE_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    QTextStream in(stdin);
    return puente::server::runCli(QCoreApplication::arguments(), QProcessEnvironment::systemEnvironment(), out, err, in);
}
