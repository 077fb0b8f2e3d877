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
    m_api->get(QStringLiteral("api/whatsapp/config"))->then(this, [this](const QJsonObject &config) { show(config); },
                                                          [this](const client::ApiError &error) {
        m_summary->setText(error.isConnectionProblem() ? tr("Cannot read the configuration: no connection to the server.")
                                                       : tr("Cannot read the configuration: %1").arg(error.message.toHtmlEscaped()));
    });
}

void WhatsAppPage::show(const QJsonObject &config)
{
    auto rowHtml = [](const QString &label, const QString &valueHtml) {
        return QStringLiteral("<tr><td style='padding:4px 16px 4px 0; color:%1'>%2</td><td style='padding:4px 0'>%3</td></tr>")
            .arg(theme::muted().name(), label.toHtmlEscaped(), valueHtml);
    };
    auto row = [&rowHtml](const QString &label, const QString &value) { return rowHtml(label, value.toHtmlEscaped()); };
    if (!config.value(QStringLiteral("configured")).toBool()) {
        m_summary->setText(tr("<p>WhatsApp is not set up yet. You need, from Meta's WhatsApp Manager: an access token, the phone number ID and "
                              "the WhatsApp Business account ID. Then paste this webhook URL into Meta's app settings:</p><p><b>%1</b></p>")
                               .arg(config.value(QStringLiteral("webhook_url")).toString().toHtmlEscaped()));
        m_configure->setText(tr("Set up WhatsApp…"));
        return;
    }
    m_configure->setText(tr("Configure WhatsApp…"));
    const QString status = config.value(QStringLiteral("connection_status")).toString();
    QString statusText = status == QLatin1String("connected") ? tr("Connected via Business API")
                         : status == QLatin1String("failing") ? tr("Failing: %1").arg(config.value(QStringLiteral("last_error")).toString())
                                                               : tr("Not checked yet: use Test connection in the configuration");
    QString html = QStringLiteral("<table>");
    html += row(tr("Status"), statusText);
    const QString number = config.value(QStringLiteral("display_phone_number")).toString();
    if (!number.isEmpty())
        html += row(tr("Number"), number.startsWith(QLatin1Char('+')) ? number : QLatin1Char('+') + number);
    const QString verified = config.value(QStringLiteral("verified_name")).toString();
    if (!verified.isEmpty())
        html += row(tr("Verified name"), verified);
    const QString quality = config.value(QStringLiteral("quality_rating")).toString();
    if (!quality.isEmpty())
        html += rowHtml(tr("Quality"), MetaText::qualityHtml(quality));
    const QString limit = config.value(QStringLiteral("messaging_limit")).toString();
    if (!limit.isEmpty())
        html += row(tr("Messaging limit"), MetaText::messagingLimitText(limit));
    html += row(tr("Phone number ID"), config.value(QStringLiteral("phone_number_id")).toString());
    html += row(tr("Business account ID"), config.value(QStringLiteral("business_account_id")).toString());
    const qint64 checked = config.value(QStringLiteral("checked_at")).toInteger();
    if (checked > 0)
        html += row(tr("Last checked"), QLocale().toString(QDateTime::fromMSecsSinceEpoch(checked), QLocale::ShortFormat));
    html += row(tr("Webhook URL"), config.value(QStringLiteral("webhook_url")).toString());
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
