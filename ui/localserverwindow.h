#pragma once

#include <QMainWindow>
#include <QUrl>

class QLabel;
class QNetworkAccessManager;
class QPushButton;

namespace puente::ui {

// The console's first screen while it runs its own server on this computer
// (local mode): where the server listens, which database it uses, and a
// live readiness check against the server's /readyz.
class LocalServerWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit LocalServerWindow(QWidget *parent = nullptr);

    // The server is up at `baseUrl`; starts a readiness check at once.
    void showRunning(const QUrl &baseUrl, const QString &databaseLocation);
    // The server could not start; `reason` is shown as is.
    void showFailed(const QString &reason);

    QString statusText() const;

public Q_SLOTS:
    void checkReadiness();

Q_SIGNALS:
    void readinessChecked(bool ready);

private:
    QLabel *m_heading = nullptr;
    QLabel *m_address = nullptr;
    QLabel *m_database = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_check = nullptr;
    QNetworkAccessManager *m_network = nullptr;
    QUrl m_baseUrl;
};

} // namespace puente::ui
