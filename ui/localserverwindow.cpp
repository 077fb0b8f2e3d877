#include "localserverwindow.h"

#include <QFormLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QTime>
#include <QVBoxLayout>

namespace puente::ui {

LocalServerWindow::LocalServerWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_network(new QNetworkAccessManager(this))
{
    setWindowTitle(tr("Puente"));
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(24, 24, 24, 24);
    layout->setSpacing(16);

    m_heading = new QLabel(tr("Starting the local server…"), central);
    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.4);
    headingFont.setBold(true);
    m_heading->setFont(headingFont);
    layout->addWidget(m_heading);

    auto *form = new QFormLayout;
    m_address = new QLabel(central);
    m_address->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_database = new QLabel(central);
    m_database->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_database->setWordWrap(true);
    form->addRow(tr("Address:"), m_address);
    form->addRow(tr("Database:"), m_database);
    layout->addLayout(form);

    // Full width below the form: a wrapped label inside a QFormLayout row
    // does not get the height it needs.
    m_status = new QLabel(central);
    m_status->setWordWrap(true);
    m_status->setFrameShape(QFrame::StyledPanel);
    m_status->setMargin(8);
    layout->addWidget(m_status);

    m_check = new QPushButton(tr("Check again"), central);
    m_check->setEnabled(false);
    connect(m_check, &QPushButton::clicked, this, &LocalServerWindow::checkReadiness);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_check);
    layout->addLayout(buttons);
    layout->addStretch();

    setCentralWidget(central);
    resize(560, 260);
}

void LocalServerWindow::showRunning(const QUrl &baseUrl, const QString &databaseLocation)
{
    m_baseUrl = baseUrl;
    m_heading->setText(tr("Local server running"));
    m_address->setText(baseUrl.toString());
    m_database->setText(databaseLocation);
    m_check->setEnabled(true);
    checkReadiness();
}

void LocalServerWindow::showFailed(const QString &reason)
{
    m_heading->setText(tr("The local server could not start"));
    m_address->setText(tr("none"));
    m_status->setText(reason);
    m_check->setEnabled(false);
}

QString LocalServerWindow::statusText() const
{
    return m_status->text();
}

void LocalServerWindow::checkReadiness()
{
    if (!m_baseUrl.isValid())
        return;
    m_status->setText(tr("Checking…"));
    m_check->setEnabled(false);
    QNetworkRequest request(m_baseUrl.resolved(QUrl(QStringLiteral("/readyz"))));
    request.setTransferTimeout(5000);
    QNetworkReply *reply = m_network->get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        m_check->setEnabled(true);
        const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
        const QString time = QLocale().toString(QTime::currentTime(), QLocale::ShortFormat);
        const bool ready = reply->error() == QNetworkReply::NoError
            && body.value(QStringLiteral("status")).toString() == QLatin1String("ready");
        if (ready) {
            m_status->setText(tr("Ready: database schema version %1 (checked at %2)")
                                  .arg(QLocale().toString(body.value(QStringLiteral("schema_version")).toInt()), time));
        } else if (reply->error() == QNetworkReply::ConnectionRefusedError
                   || reply->error() == QNetworkReply::OperationCanceledError
                   || reply->error() == QNetworkReply::TimeoutError) {
            m_status->setText(tr("The server does not answer (checked at %1). Restart Puente.").arg(time));
        } else {
            const QString why = body.value(QStringLiteral("database")).toString();
            m_status->setText(tr("Not ready: %1 (checked at %2)").arg(why.isEmpty() ? reply->errorString() : why, time));
        }
        Q_EMIT readinessChecked(ready);
    });
}

} // namespace puente::ui
