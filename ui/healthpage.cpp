#include "healthpage.h"

#include "adminwidgets.h"
#include "deadletterswidget.h"
#include "metatext.h"
#include "theme.h"

#include <QDateTime>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
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

HealthPage::HealthPage(client::ApiClient *api, QWidget *parent) : AdminPage(api, tr("Health"), QString(), parent, Body::Scrolling)
{
    QWidget *content = body();
    QVBoxLayout *layout = column();
    layout->setSpacing(12);
    addAction(tr("Refresh"), &HealthPage::refresh);
    addState();

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
    m_api->call<protocol::route::GetUsage>().then(this, [this](const protocol::Usage &usage) { showUsage(usage); },
                                                  [this](const client::ApiError &error) { m_state->showError(error, tr("the health report")); });
    m_state->load(m_api->call<protocol::route::GetHealth>(), this, tr("the health report"), [this](const protocol::Health &health) {
        showHealth(health);
        Q_EMIT loaded(true);
    }, [this](const client::ApiError &) { Q_EMIT loaded(false); });
    m_deadLetters->refresh();
}

void HealthPage::showUsage(const protocol::Usage &u)
{
    const QDate end = QDateTime::fromMSecsSinceEpoch(u.periodEnd).date();
    m_plan->setText(tr("Plan <b>%1</b>. The month's counts start again on %2.")
                        .arg(AdminText::planName(u.plan).toHtmlEscaped(), QLocale().toString(end, QLocale::LongFormat)));
    m_users->setUsage(u.usage.users, u.limits.users);
    m_conversations->setUsage(u.usage.businessConversations, u.limits.businessConversations);
    QString more = tr("%n message(s) sent and received this month.", nullptr, int(u.usage.messages));
    if (const auto campaign = u.limits.campaignRecipients)
        more += QLatin1Char(' ') + tr("Campaigns reach up to %1 people each.").arg(QLocale().toString(*campaign));
    if (m_users->atLimit() || m_conversations->atLimit())
        more += QLatin1Char(' ') + tr("A limit is reached: ask whoever runs your Puente for a bigger plan.");
    m_messages->setText(more);
}

void HealthPage::showHealth(const protocol::Health &h)
{
    const protocol::HealthWhatsApp &w = h.whatsapp;
    QString html;
    if (!w.configured) {
        html += finding(false, tr("WhatsApp is not set up."),
                        tr("Set it up with the access token, phone number ID and business account ID from Meta's WhatsApp Manager."));
    } else {
        const QString number = w.displayPhoneNumber.value_or(QString());
        if (w.connectionStatus == protocol::ConnectionStatus::Connected)
            html += finding(true, number.isEmpty() ? tr("Connected via the Business API.") : tr("Connected via the Business API: %1.").arg(number));
        else if (w.connectionStatus == protocol::ConnectionStatus::Failing)
            html += finding(false, tr("The connection is failing: %1").arg(w.lastError.value_or(QString())),
                            tr("Open the WhatsApp configuration, fix what it says and press Test connection."));
        else
            html += finding(false, tr("The connection has not been tested yet."), tr("Open the WhatsApp configuration and press Test connection."));
        if (w.token) {
            const MetaText::TokenLine token = MetaText::tokenLine(*w.token, QDateTime::currentMSecsSinceEpoch());
            if (!token.text.isEmpty())
                html += finding(token.ok, token.text, token.advice);
        }
        if (!w.active.value_or(true))
            html += finding(false, tr("The configuration is switched off: nothing is sent."), tr("Switch it on in the WhatsApp configuration."));
        const QString quality = w.qualityRating.value_or(QString());
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
                         MetaText::messagingLimitText(w.messagingLimit.value_or(QString())).toHtmlEscaped());
        const qint64 lastWebhook = w.lastWebhookAt.value_or(0);
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
    const protocol::Incidents &rate = h.rateLimitHits;
    const int rateCount = int(rate.count);
    incidents += rateCount == 0 ? finding(true, tr("Meta did not slow down your sends."))
                                : finding(false, tr("Meta slowed down your sends %n time(s), the last %1.", nullptr, rateCount)
                                                     .arg(MetaText::ago(rate.lastAt.value_or(0))),
                                          MetaText::failureAdvice(int(rate.lastCode.value_or(130429))));
    const protocol::Incidents &token = h.tokenProblems;
    const int tokenCount = int(token.count);
    incidents += tokenCount == 0 ? finding(true, tr("The access token worked."))
                                 : finding(false, tr("Meta refused the access token %n time(s), the last %1.", nullptr, tokenCount)
                                                      .arg(MetaText::ago(token.lastAt.value_or(0))),
                                           MetaText::failureAdvice(190));
    m_incidents->setText(incidents);

    m_failures->removeRows(0, m_failures->rowCount());
    for (const protocol::FailedSends &f : h.failedSends) {
        const int code = int(f.code);
        QString why = f.title.value_or(QString());
        if (why.isEmpty())
            why = f.message.value_or(QString());
        if (code > 0)
            why = tr("%1 (Meta error %2)").arg(why).arg(code);
        auto *count = new QStandardItem(QLocale().toString(f.count));
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
    QStringList parts{m_state->text(), plain(m_plan->text()), m_users->text(), m_conversations->text(), m_messages->text(),
                      plain(m_connection->text()), plain(m_incidents->text())};
    for (int r = 0; r < m_failures->rowCount(); ++r)
        for (int c = 0; c < m_failures->columnCount(); ++c)
            parts.append(m_failures->item(r, c)->text());
    return parts.join(QLatin1Char('\n'));
}

} // namespace puente::ui
