#include "localserver.h"
#include "localserverwindow.h"
#include "translations.h"

#include <QApplication>
#include <QStandardPaths>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("puente"));
    QApplication::setOrganizationName(QStringLiteral("Puente"));
    QApplication::setApplicationVersion(QStringLiteral(PUENTE_VERSION));
    puente::ui::installTranslations(app, QLocale());

    puente::ui::LocalServerWindow window;
    auto server = puente::server::LocalServer::start(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation));
    if (server)
        window.showRunning(server.value()->baseUrl(), server.value()->databaseLocation());
    else
        window.showFailed(server.error().message);
    window.show();
    return QApplication::exec();
}
