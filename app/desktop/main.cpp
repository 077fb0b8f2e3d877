#include "consolecontroller.h"
#include "localserver.h"

#include <QApplication>
#include <QSettings>
#include <QStandardPaths>

#include <cstdio>
#include <memory>

// The console: wires the server module (local mode) into the UI's
// controller, which does the rest (language, remembered session, sign-in,
// first-start setup, main window).
int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("puente"));
    QApplication::setOrganizationName(QStringLiteral("Puente"));
    QApplication::setApplicationVersion(QStringLiteral(PUENTE_VERSION));
    // Ties the windows to puente.desktop (the dock's icon on Wayland/GNOME).
    QGuiApplication::setDesktopFileName(QStringLiteral("puente"));
    QApplication::setQuitOnLastWindowClosed(true);
    puente::ui::ConsoleController::applyLanguage(QSettings().value(QStringLiteral("ui/language")).toString());

    std::unique_ptr<puente::server::LocalServer> server;
    QString demoAccounts;
    const QString dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    puente::ui::LocalMode local;
    local.start = [&](bool demo) -> puente::Result<QUrl> {
        server.reset(); // an empty local server gives way to the demo
        // The demo (Cloud API emulator, demo company, scripted candidates)
        // keeps its own data folder: it never mixes with real data.
        auto started = puente::server::LocalServer::start(dataDir + (demo ? QStringLiteral("/sandbox-demo") : QString()), demo);
        if (!started)
            return started.error();
        server = std::move(started).value();
        if (demo) {
            std::printf("Sandbox demo at %s: sign in as %s\n", qPrintable(server->baseUrl().toString()), qPrintable(server->demoAccounts()));
            std::fflush(stdout);
        }
        return server->baseUrl();
    };
    local.needsSetup = [&] { return server && server->needsSetup(); };
    local.createFirstTenant = [&](const QString &company, const QString &name, const QString &email, const QString &password) -> puente::Status {
        if (!server)
            return puente::makeError("not_running", QStringLiteral("the local server is not running"));
        return server->createFirstTenant(company, name, email, password);
    };
    local.demoAccounts = [] {
        return puente::ui::LocalMode::DemoAccounts{QStringLiteral("agente@demo.puente"), QStringLiteral("admin@demo.puente"),
                                                  QStringLiteral("demo-puente-2026")};
    };

    puente::ui::ConsoleController console(std::move(local));
    QObject::connect(&console, &puente::ui::ConsoleController::finished, &app, &QApplication::quit);
    console.start(QApplication::arguments().contains(QStringLiteral("--sandbox")));
    const int code = QApplication::exec();
    return code;
}
