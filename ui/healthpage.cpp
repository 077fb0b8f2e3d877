#include "healthpage.h"

#include "adminpage.h"
#include "adminwidgets.h"
#include "client/apiclient.h"
#include "deadletterswidget.h"
#include "metatext.h"
#include "theme.h"

#include <QDateTime>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QStandardItemModel>
#include <QTableView>
#include <QTextDocument>
#include <QVBoxLayout>

namespace puente::ui {

namespace {
QLabel *richLabel(QWidget *parent)
{
    auto *l = new QLabel(parent);
    l->setTextFormat(Qt::RichText);
    l->setWordWrap(true);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return l;
}

std::optional<qint64> limitOf(const QJsonObject &limits, const QString &key)
{
    const QJsonValue v = limits.value(key);
    return v.isDouble() ? std::optional<qint64>(v.toInteger()) : std::nullopt;
}

// One finding: a coloured mark, what is the case, and what to do.
QString finding(bool ok, const QString &what, const QString &todo = {})
{
    const QString mark = ok ? QStringLiteral("<span style='color:#1e8e3e'>&#10004;</span>")
                            : QStringLiteral("<span style='color:%1'>&#9888;</span>").arg(theme::danger().name());
    QString html = QStringLiteral("<p style='margin:4px 0'>%1 %2").arg(mark, what.toHtmlEscaped());
    if (!todo.isEmpty())
        html += QStringLiteral("<br><span style='color:%1'>%2</span>").arg(theme::muted().name(), todo.toHtmlEscaped());
    return html + QStringLiteral("</p>");
}
} // namespace

HealthPage::HealthPage(client::ApiClient *api, QWidget *parent) : QWidget(parent), m_api(api)
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    outer->addWidget(scroll);
    auto *content = new QWidget(scroll);
    scroll->setWidget(content);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(24, 20, 24, 20);
    layout->setSpacing(12);

    auto *header = new QHBoxLayout;
    auto *title = pageTitle(tr("Health"), content);
    header->addWidget(title);
    header->addStretch();
    auto *refreshButton = new QPushButton(tr("Refresh"), content);
    connect(refreshButton, &QPushButton::clicked, this, &HealthPage::refresh);
    header->addWidget(refreshButton);
    layout->addLayout(header);
    m_status = new PageState(content);
    connect(m_status, &PageState::retryRequested, this, &HealthPage::refresh);
    layout->addWidget(m_status);

    auto *planBox = new QGroupBox(tr("Plan and usage this month"), content);
    auto *planLayout = new QVBoxLayout(planBox);
    m_plan = richLabel(planBox);
    planLayout->addWidget(m_plan);
    m_users = new UsageBar(tr("Active users"), planBox);
    m_conversations = new UsageBar(tr("Conversations started by your company"), planBox);
    planLayout->addWidget(m_users);
    planLayout->addWidget(m_conversations);
    m_messages = new QLabel(planBox);
    m_messages->setStyleSheet(QStringLiteral("color: %1").arg(theme::muted().name()));
    m_messages->setWordWrap(true);
    planLayout->addWidget(m_messages);
    layout->addWidget(planBox);

    auto *connectionBox = new QGroupBox(tr("Connection with WhatsApp"), content);
    auto *connectionLayout = new QVBoxLayout(connectionBox);
    m_connection = richLabel(connectionBox);
    connectionLayout->addWidget(m_connection);
    m_configure = new QPushButton(tr("Open the WhatsApp configuration…"), connectionBox);
    connect(m_configure, &QPushButton::clicked, this, &HealthPage::configureWhatsAppRequested);
    auto *configureRow = new QHBoxLayout;
    configureRow->addWidget(m_configure);
    configureRow->addStretch();
    connectionLayout->addLayout(configureRow);
    layout->addWidget(connectionBox);

    auto *recentBox = new QGroupBox(tr("Last 24 hours"), content);
    auto *recentLayout = new QVBoxLayout(recentBox);
    m_incidents = richLabel(recentBox);
    recentLayout->addWidget(m_incidents);
    m_noFailures = new QLabel(tr("No message failed to send."), recentBox);
    recentLayout->addWidget(m_noFailures);
    m_failures = new QStandardItemModel(0, 3, this);
    m_failures->setHorizontalHeaderLabels({tr("Messages"), tr("Why they failed"), tr("What to do")});
    m_failuresView = new QTableView(recentBox);
    m_failuresView->setModel(m_failures);
    m_failuresView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_failuresView->setSelectionMode(QAbstractItemView::NoSelection);
    m_failuresView->verticalHeader()->hide();
    m_failuresView->setWordWrap(true);
    m_failuresView->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_failuresView->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_failuresView->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_failuresView->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    m_failuresView->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_failuresView->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Maximum);
    recentLayout->addWidget(m_failuresView);
    layout->addWidget(recentBox);

    auto *deadBox = new QGroupBox(tr("Webhooks not processed"), content);
    auto *deadLayout = new QVBoxLayout(deadBox);
    m_deadLettersTitle = new QLabel(tr("Changes Meta sent that Puente could not store. Nothing is lost: once the cause is fixed, replay them."),
                                    deadBox);
    m_deadLettersTitle->setWordWrap(true);
    deadLayout->addWidget(m_deadLettersTitle);
    m_deadLetters = new DeadLettersWidget(api, DeadLettersWidget::Scope::Tenant, deadBox);
    deadLayout->addWidget(m_deadLetters);
    layout->addWidget(deadBox);
    layout->addStretch(1);
}

void HealthPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

void HealthPage::refresh()
{
    m_status->showLoading();
    m_api->get(QStringLiteral("api/usage"))->then(this, [this](const QJsonObject &usage) { showUsage(usage); },
                                                [this](const client::ApiError &error) { m_status->showError(error, tr("the health report")); });
    m_api->get(QStringLiteral("api/whatsapp/health"))->then(this, [this](const QJsonObject &health) {
        m_status->clear();
        showHealth(health);
    }, [this](const client::ApiError &error) { m_status->showError(error, tr("the health report")); });
    m_deadLetters->refresh();
}

void HealthPage::showUsage(const QJsonObject &u)
{
    const QJsonObject limits = u.value(QStringLiteral("limits")).toObject();
    const QJsonObject usage = u.value(QStringLiteral("usage")).toObject();
    const QDate end = QDateTime::fromMSecsSinceEpoch(u.value(QStringLiteral("period_end")).toInteger()).date();
    m_plan->setText(tr("Plan <b>%1</b>. The month's counts start again on %2.")
                        .arg(AdminText::planName(u.value(QStringLiteral("plan")).toString()).toHtmlEscaped(), QLocale().toString(end, QLocale::LongFormat)));
    m_users->setUsage(usage.value(QStringLiteral("users")).toInteger(), limitOf(limits, QStringLiteral("users")));
    m_conversations->setUsage(usage.value(QStringLiteral("business_conversations")).toInteger(),
                              limitOf(limits, QStringLiteral("business_conversations")));
    QString more = tr("%n message(s) sent and received this month.", nullptr, int(usage.value(QStringLiteral("messages")).toInteger()));
    if (const auto campaign = limitOf(limits, QStringLiteral("campaign_recipients")))
        more += QLatin1Char(' ') + tr("Campaigns reach up to %1 people each.").arg(QLocale().toString(*campaign));
    if (m_users->atLimit() || m_conversations->atLimit())
        more += QLatin1Char(' ') + tr("A limit is reached: ask whoever runs your Puente for a bigger plan.");
    m_messages->setText(more);
}

void HealthPage::showHealth(const QJsonObject &h)
{
    const QJsonObject w = h.value(QStringLiteral("whatsapp")).toObject();
    QString html;
    if (!w.value(QStringLiteral("configured")).toBool()) {
        html += finding(false, tr("WhatsApp is not set up."),
                        tr("Set it up with the access token, phone number ID and business account ID from Meta's WhatsApp Manager."));
    } else {
        const QString status = w.value(QStringLiteral("connection_status")).toString();
        const QString number = w.value(QStringLiteral("display_phone_number")).toString();
        if (status == QLatin1String("connected"))
            html += finding(true, number.isEmpty() ? tr("Connected via the Business API.") : tr("Connected via the Business API: %1.").arg(number));
        else if (status == QLatin1String("failing"))
            html += finding(false, tr("The connection is failing: %1").arg(w.value(QStringLiteral("last_error")).toString()),
                            tr("Open the WhatsApp configuration, fix what it says and press Test connection."));
        else
            html += finding(false, tr("The connection has not been tested yet."), tr("Open the WhatsApp configuration and press Test connection."));
        if (!w.value(QStringLiteral("active")).toBool(true))
            html += finding(false, tr("The configuration is switched off: nothing is sent."), tr("Switch it on in the WhatsApp configuration."));
        const QString quality = w.value(QStringLiteral("quality_rating")).toString();
        const QString qualityAdvice = quality == QLatin1String("RED")
                                          ? tr("Many people blocked or reported your messages. Send fewer templates to people who did not ask for "
                                               "them, or Meta may lower your messaging limit.")
                                      : quality == QLatin1String("YELLOW")
                                          ? tr("Quality is dropping: check which templates people block or report.")
                                          : QString();
        html += QStringLiteral("<p style='margin:4px 0'>%1 %2</p>").arg(tr("Quality rating:").toHtmlEscaped(), MetaText::qualityHtml(quality));
        if (!qualityAdvice.isEmpty())
            html += QStringLiteral("<p style='margin:0 0 4px 0; color:%1'>%2</p>").arg(theme::muted().name(), qualityAdvice.toHtmlEscaped());
        html += QStringLiteral("<p style='margin:4px 0'>%1 %2</p>")
                    .arg(tr("Messaging limit:").toHtmlEscaped(),
                         MetaText::messagingLimitText(w.value(QStringLiteral("messaging_limit")).toString()).toHtmlEscaped());
        const qint64 lastWebhook = w.value(QStringLiteral("last_webhook_at")).toInteger();
        if (lastWebhook <= 0)
            html += finding(false, tr("No webhook from Meta has arrived yet."),
                            tr("Until one arrives, candidates' replies and delivery ticks do not reach Puente. Check that the webhook URL "
                               "and verify token are set in Meta's app and that the 'messages' field is subscribed."));
        else if (QDateTime::currentMSecsSinceEpoch() - lastWebhook > 3LL * 24 * 3600 * 1000)
            html += finding(false, tr("Last webhook from Meta: %1.").arg(MetaText::ago(lastWebhook)),
                            tr("That is a long time: if candidates have written since, check the webhook subscription in Meta's app."));
        else
            html += finding(true, tr("Last webhook from Meta: %1.").arg(MetaText::ago(lastWebhook)));
    }
    m_connection->setText(html);

    QString incidents;
    const QJsonObject rate = h.value(QStringLiteral("rate_limit_hits")).toObject();
    const int rateCount = rate.value(QStringLiteral("count")).toInt();
    incidents += rateCount == 0 ? finding(true, tr("Meta did not slow down your sends."))
                                : finding(false, tr("Meta slowed down your sends %n time(s), the last %1.", nullptr, rateCount)
                                                     .arg(MetaText::ago(rate.value(QStringLiteral("last_at")).toInteger())),
                                          MetaText::failureAdvice(rate.value(QStringLiteral("last_code")).toInt(130429)));
    const QJsonObject token = h.value(QStringLiteral("token_problems")).toObject();
    const int tokenCount = token.value(QStringLiteral("count")).toInt();
    incidents += tokenCount == 0 ? finding(true, tr("The access token worked."))
                                 : finding(false, tr("Meta refused the access token %n time(s), the last %1.", nullptr, tokenCount)
                                                      .arg(MetaText::ago(token.value(QStringLiteral("last_at")).toInteger())),
                                           MetaText::failureAdvice(190));
    m_incidents->setText(incidents);

    m_failures->removeRows(0, m_failures->rowCount());
    for (const QJsonValue &v : h.value(QStringLiteral("failed_sends")).toArray()) {
        const QJsonObject f = v.toObject();
        const int code = f.value(QStringLiteral("code")).toInt();
        QString why = f.value(QStringLiteral("title")).toString();
        if (why.isEmpty())
            why = f.value(QStringLiteral("message")).toString();
        if (code > 0)
            why = tr("%1 (Meta error %2)").arg(why).arg(code);
        auto *count = new QStandardItem(QLocale().toString(f.value(QStringLiteral("count")).toInteger()));
        count->setTextAlignment(Qt::AlignCenter);
        auto *advice = new QStandardItem(MetaText::failureAdvice(code));
        advice->setToolTip(advice->text());
        m_failures->appendRow({count, new QStandardItem(why), advice});
    }
    m_failuresView->resizeRowsToContents();
    m_failuresView->setVisible(m_failures->rowCount() > 0);
    m_noFailures->setVisible(m_failures->rowCount() == 0);
}

QString HealthPage::text() const
{
    auto plain = [](const QString &html) {
        QTextDocument d;
        d.setHtml(html);
        return d.toPlainText();
    };
    QStringList parts{m_status->text(), plain(m_plan->text()), m_users->text(), m_conversations->text(), m_messages->text(),
                      plain(m_connection->text()), plain(m_incidents->text())};
    for (int r = 0; r < m_failures->rowCount(); ++r)
        for (int c = 0; c < m_failures->columnCount(); ++c)
            parts.append(m_failures->item(r, c)->text());
    return parts.join(QLatin1Char('\n'));
}

} // namespace puente::ui
