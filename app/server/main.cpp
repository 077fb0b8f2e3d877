#include "cli.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("puente-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PUENTE_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    QTextStream in(stdin);
    return puente::server::runCli(QCoreApplication::arguments(), QProcessEnvironment::systemEnvironment(), out, err, in);
}
