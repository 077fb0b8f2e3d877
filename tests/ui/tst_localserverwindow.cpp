#include "localserver.h"
#include "localserverwindow.h"
#include "storage/migrations.h"
#include "translations.h"
#include "testsupport.h"

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTranslator>

using namespace puente;

// The console's local-mode window, with a real in-process server.
class TestLocalServerWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void runningServerIsReady();
    void checkAgainNoticesAStoppedServer();
    void failureIsShown();
    void spanishTranslation();

private:
    static void saveScreenshot(QWidget &w, const QString &name);
};

void TestLocalServerWindow::saveScreenshot(QWidget &w, const QString &name)
{
    // ./puente.sh screenshots points this at docs/screenshots; plain test
    // runs keep theirs in the build folder.
    const QString dir = qEnvironmentVariable("PUENTE_SCREENSHOT_DIR", QStringLiteral(PUENTE_SCREENSHOT_DIR));
    QDir().mkpath(dir);
    QVERIFY(w.grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png")));
}

void TestLocalServerWindow::runningServerIsReady()
{
    QTemporaryDir dir;
    auto server = server::LocalServer::start(dir.path());
    PUENTE_VERIFY_OK(server);
    QVERIFY(server.value()->baseUrl().toString().startsWith(QLatin1String("http://127.0.0.1:")));

    ui::LocalServerWindow window;
    QSignalSpy checked(&window, &ui::LocalServerWindow::readinessChecked);
    window.showRunning(server.value()->baseUrl(), server.value()->databaseLocation());
    window.show();
    QVERIFY(checked.wait(15000));
    QCOMPARE(checked.first().first().toBool(), true);
    QVERIFY2(window.statusText().startsWith(QStringLiteral("Ready: database schema version %1").arg(migrations::latestVersion())),
             qPrintable(window.statusText()));
    QVERIFY(window.findChild<QPushButton *>()->isEnabled());
    saveScreenshot(window, QStringLiteral("local-server-en"));
}

void TestLocalServerWindow::checkAgainNoticesAStoppedServer()
{
    QTemporaryDir dir;
    auto server = server::LocalServer::start(dir.path());
    PUENTE_VERIFY_OK(server);
    const QUrl url = server.value()->baseUrl();
    ui::LocalServerWindow window;
    QSignalSpy checked(&window, &ui::LocalServerWindow::readinessChecked);
    window.showRunning(url, server.value()->databaseLocation());
    QVERIFY(checked.wait(15000));
    server.value().reset(); // the server goes away

    auto *button = window.findChild<QPushButton *>();
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(checked.wait(15000));
    QCOMPARE(checked.last().first().toBool(), false);
    QVERIFY2(window.statusText().contains(QLatin1String("does not answer")), qPrintable(window.statusText()));
}

void TestLocalServerWindow::failureIsShown()
{
    // The data folder is a file: the server cannot create its database.
    QTemporaryDir dir;
    const QString notAFolder = dir.filePath(QStringLiteral("file"));
    QFile f(notAFolder);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    auto server = server::LocalServer::start(notAFolder);
    QVERIFY(!server.ok());
    ui::LocalServerWindow window;
    window.showFailed(server.error().message);
    QCOMPARE(window.statusText(), server.error().message);
    QVERIFY(!window.findChild<QPushButton *>()->isEnabled());
}

void TestLocalServerWindow::spanishTranslation()
{
    QVERIFY(ui::installTranslations(*qApp, QLocale(QLocale::Spanish, QLocale::Spain)));
    QTemporaryDir dir;
    auto server = server::LocalServer::start(dir.path());
    PUENTE_VERIFY_OK(server);
    ui::LocalServerWindow window;
    QSignalSpy checked(&window, &ui::LocalServerWindow::readinessChecked);
    window.showRunning(server.value()->baseUrl(), server.value()->databaseLocation());
    window.show();
    QVERIFY(checked.wait(15000));
    QVERIFY2(window.statusText().startsWith(QStringLiteral("Listo")), qPrintable(window.statusText()));
    const auto labels = window.findChildren<QLabel *>();
    QStringList texts;
    for (const QLabel *l : labels)
        texts << l->text();
    QVERIFY2(texts.contains(QStringLiteral("Servidor local en marcha")), qPrintable(texts.join(QLatin1Char('|'))));
    QCOMPARE(window.findChild<QPushButton *>()->text(), QStringLiteral("Comprobar de nuevo"));
    saveScreenshot(window, QStringLiteral("local-server-es"));
}

QTEST_MAIN(TestLocalServerWindow)
#include "tst_localserverwindow.moc"
