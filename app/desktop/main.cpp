#include "localserver.h"
#include "localserverwindow.h"
#include "translations.h"

#include <QApplication>
#include <QStandardPaths>

#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("puente"));
    QApplication::setOrganizationName(QStringLiteral("Puente"));
    QApplication::setApplicationVersion(QStringLiteral(PUENTE_VERSION));
    puente::ui::installTranslations(app, QLocale());

    puente::ui::LocalServerWindow window;
    // --sandbox: the demo (Cloud API emulator, demo tenant, candidates) in a
    // data folder of its own.
    const bool sandbox = QApplication::arguments().contains(QStringLiteral("--sandbox"));
    const QString dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + (sandbox ? QStringLiteral("/sandbox-demo") : QString());
    auto server = puente::server::LocalServer::start(dataDir, sandbox);
    if (server)
        window.showRunning(server.value()->baseUrl(), server.value()->databaseLocation());
    if (server && sandbox) {
        std::printf("Sandbox demo at %s: sign in as %s\n", qPrintable(server.value()->baseUrl().toString()), qPrintable(server.value()->demoAccounts()));
        std::fflush(stdout);
    }
    else
        window.showFailed(server.error().message);
    window.show();
    return QApplication::exec();
}
