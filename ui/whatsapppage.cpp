#include "whatsapppage.h"

#include "adminpage.h"
#include "client/apiclient.h"
#include "metatext.h"
#include "theme.h"
#include "whatsappconfigdialog.h"

#include <QDateTime>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace puente::ui {

WhatsAppPage::WhatsAppPage(client::ApiClient *api, QWidget *parent) : QWidget(parent), m_api(api)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 20);
    auto *title = pageTitle(tr("WhatsApp"), this);
    layout->addWidget(title);
    m_summary = new QLabel(tr("Loading…"), this);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);
    m_configure = new QPushButton(tr("Configure WhatsApp…"), this);
    connect(m_configure, &QPushButton::clicked, this, &WhatsAppPage::configure);
    auto *row = new QHBoxLayout;
    row->addWidget(m_configure);
    row->addStretch();
    layout->addLayout(row);
    layout->addStretch();
    refresh();
}

QString WhatsAppPage::summaryText() const
{
    return m_summary->text();
}

void WhatsAppPage::refresh()
{
    m_api->call<protocol::route::GetWhatsAppConfig>().then(this, [this](const protocol::WhatsAppConfig &config) { show(config); },
                                                           [this](const client::ApiError &error) {
        m_summary->setText(error.isConnectionProblem() ? tr("Cannot read the configuration: no connection to the server.")
                                                       : tr("Cannot read the configuration: %1").arg(error.message.toHtmlEscaped()));
    });
}

void WhatsAppPage::show(const protocol::WhatsAppConfig &config)
{
    auto rowHtml = [](const QString &label, const QString &valueHtml) {
        return QStringLiteral("<tr><td style='padding:4px 16px 4px 0; color:%1'>%2</td><td style='padding:4px 0'>%3</td></tr>")
            .arg(theme::muted().name(), label.toHtmlEscaped(), valueHtml);
    };
    auto row = [&rowHtml](const QString &label, const QString &value) { return rowHtml(label, value.toHtmlEscaped()); };
    if (!config.configured) {
        m_summary->setText(tr("<p>WhatsApp is not set up yet. You need, from Meta's WhatsApp Manager: an access token, the phone number ID and "
                              "the WhatsApp Business account ID. Then paste this webhook URL into Meta's app settings:</p><p><b>%1</b></p>")
                               .arg(config.webhookUrl.toHtmlEscaped()));
        m_configure->setText(tr("Set up WhatsApp…"));
        return;
    }
    m_configure->setText(tr("Configure WhatsApp…"));
    using protocol::ConnectionStatus;
    const QString statusText = config.connectionStatus == ConnectionStatus::Connected ? tr("Connected via Business API")
                               : config.connectionStatus == ConnectionStatus::Failing
                                   ? tr("Failing: %1").arg(config.lastError.value_or(QString()))
                                   : tr("Not checked yet: use Test connection in the configuration");
    QString html = QStringLiteral("<table>");
    html += row(tr("Status"), statusText);
    const QString number = config.displayPhoneNumber.value_or(QString());
    if (!number.isEmpty())
        html += row(tr("Number"), number.startsWith(QLatin1Char('+')) ? number : QLatin1Char('+') + number);
    const QString verified = config.verifiedName.value_or(QString());
    if (!verified.isEmpty())
        html += row(tr("Verified name"), verified);
    const QString quality = config.qualityRating.value_or(QString());
    if (!quality.isEmpty())
        html += rowHtml(tr("Quality"), MetaText::qualityHtml(quality));
    const QString limit = config.messagingLimit.value_or(QString());
    if (!limit.isEmpty())
        html += row(tr("Messaging limit"), MetaText::messagingLimitText(limit));
    html += row(tr("Phone number ID"), config.phoneNumberId);
    html += row(tr("Business account ID"), config.businessAccountId);
    const qint64 checked = config.checkedAt.value_or(0);
    if (checked > 0)
        html += row(tr("Last checked"), QLocale().toString(QDateTime::fromMSecsSinceEpoch(checked), QLocale::ShortFormat));
    html += row(tr("Webhook URL"), config.webhookUrl);
    html += QStringLiteral("</table>");
    m_summary->setText(html);
}

void WhatsAppPage::configure()
{
    // Not exec(): the window may be torn down (session ended) while it is open.
    auto *dialog = new WhatsAppConfigDialog(m_api, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &WhatsAppConfigDialog::saved, this, [this] {
        refresh();
        Q_EMIT configurationChanged();
    });
    connect(dialog, &WhatsAppConfigDialog::connectionTested, this, [this] {
        refresh();
        Q_EMIT configurationChanged();
    });
    dialog->open();
}

} // namespace puente::ui
