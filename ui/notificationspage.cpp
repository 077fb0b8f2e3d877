#include "notificationspage.h"

#include "messaging/notifications.h"
#include "metatext.h"
#include "notificationruledialog.h"
#include "notificationtestdialog.h"
#include "secretdialog.h"
#include "theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDate>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimeEdit>
#include <QTimeZone>
#include <QVBoxLayout>

#include <algorithm>

#include <limits>

namespace puente::ui {

using protocol::NotificationStatus;

// --- words ----------------------------------------------------------------------------------

QString NotificationText::statusText(NotificationStatus status)
{
    switch (status) {
    case NotificationStatus::Accepted: return tr("Accepted");
    case NotificationStatus::Scheduled: return tr("Scheduled");
    case NotificationStatus::Queued: return tr("Queued");
    case NotificationStatus::Sent: return tr("Sent");
    case NotificationStatus::Delivered: return tr("Delivered");
    case NotificationStatus::Read: return tr("Read");
    case NotificationStatus::Failed: return tr("Failed");
    case NotificationStatus::Skipped: return tr("Not sent");
    case NotificationStatus::Cancelled: return tr("Cancelled");
    }
    return protocol::enumName(status);
}

QStringList NotificationText::knownEvents()
{
    return notify::knownEvents();
}

QString NotificationText::eventText(const QString &event)
{
    if (event == QLatin1String("application_received"))
        return tr("Application received");
    if (event == QLatin1String("interview_scheduled"))
        return tr("Interview scheduled");
    if (event == QLatin1String("interview_reminder"))
        return tr("Interview reminder");
    if (event == QLatin1String("interview_cancelled"))
        return tr("Interview cancelled");
    if (event == QLatin1String("offer_sent"))
        return tr("Offer sent");
    if (event == QLatin1String("application_rejected"))
        return tr("Application rejected");
    return event;
}

QString NotificationText::brokenText(const QString &reason)
{
    static const QRegularExpression gone(QStringLiteral("^the template (\\S+) \\(([^)]*)\\) no longer exists at Meta"));
    static const QRegularExpression notApproved(QStringLiteral("^the template (\\S+) \\(([^)]*)\\) is (\\S+) at Meta"));
    static const QRegularExpression count(QStringLiteral("^the template's (header|body) takes (\\d+) parameter\\(s\\) and the rule gives (\\d+)"));
    static const QRegularExpression url(QStringLiteral("^the template's button (\\d+) needs the end of its URL"));
    static const QRegularExpression noButton(QStringLiteral("^the template has no button (\\d+) that takes a parameter"));
    static const QRegularExpression noValue(QStringLiteral("^the rule gives no value for the template's (header|body) placeholder (\\{\\{[^}]*\\}\\})"));
    static const QRegularExpression tooMany(QStringLiteral("^the rule gives more parameters than the template has placeholders"));
    static const QRegularExpression file(QStringLiteral("^the template's (\\S+) header needs a file"));
    QRegularExpressionMatch m;
    if ((m = gone.match(reason)).hasMatch())
        return tr("The template %1 (%2) no longer exists at Meta. Pick another template.").arg(m.captured(1), m.captured(2));
    if ((m = notApproved.match(reason)).hasMatch()) {
        const QString status = m.captured(3);
        const QString words = status == QLatin1String("paused")     ? tr("paused")
                              : status == QLatin1String("pending")  ? tr("pending review")
                              : status == QLatin1String("rejected") ? tr("rejected")
                              : status == QLatin1String("disabled") ? tr("disabled")
                                                                    : status;
        return tr("The template %1 (%2) is not approved at Meta (%3). Only approved templates can be sent: pick another one or wait "
                  "for Meta's review.").arg(m.captured(1), m.captured(2), words);
    }
    if ((m = count.match(reason)).hasMatch()) {
        const int wanted = m.captured(2).toInt();
        const int given = m.captured(3).toInt();
        return m.captured(1) == QLatin1String("header")
            ? tr("The template's header now takes %n value(s) and the rule gives %1. Edit the rule.", nullptr, wanted).arg(given)
            : tr("The template's text now takes %n value(s) and the rule gives %1. Edit the rule.", nullptr, wanted).arg(given);
    }
    if ((m = url.match(reason)).hasMatch())
        return tr("The template's button %1 needs the end of its link. Edit the rule.").arg(m.captured(1));
    if ((m = noButton.match(reason)).hasMatch())
        return tr("The template has no button %1 that takes a value any more. Edit the rule.").arg(m.captured(1));
    if ((m = noValue.match(reason)).hasMatch())
        return m.captured(1) == QLatin1String("header") ? tr("The rule gives no value for the header's %1.").arg(m.captured(2))
                                                         : tr("The rule gives no value for the text's %1.").arg(m.captured(2));
    if (tooMany.match(reason).hasMatch())
        return tr("The rule gives more values than the template has placeholders. Edit the rule.");
    if ((m = file.match(reason)).hasMatch())
        return tr("The template's header needs a file: give an https link or a media id.");
    return reason;
}

QString NotificationText::previewError(const QString &error)
{
    static const QRegularExpression missing(QStringLiteral("^the event's data has no value at (\\S+)"));
    static const QRegularExpression notTime(QStringLiteral("^(\\S+) is not a date and time"));
    static const QRegularExpression noTemplate(QStringLiteral("^there is no template (\\S+) in language (\\S+)"));
    QRegularExpressionMatch m;
    if ((m = missing.match(error)).hasMatch()) {
        QString path = m.captured(1);
        if (path.startsWith(QLatin1String("data.")))
            path = path.mid(5);
        return tr("The sample data has no value at “%1”. Check the path, or add it to the sample.").arg(path);
    }
    if ((m = notTime.match(error)).hasMatch()) {
        QString path = m.captured(1);
        if (path.startsWith(QLatin1String("data.")))
            path = path.mid(5);
        return tr("“%1” is not a date and time. Your CRM should send it as 2026-12-10T10:00:00+01:00.").arg(path);
    }
    if ((m = noTemplate.match(error)).hasMatch())
        return tr("There is no template %1 in %2: sync the templates.").arg(m.captured(1), m.captured(2));
    return brokenText(error);
}

QString NotificationText::reasonText(const QString &code, const QString &reason, std::optional<qint64> errorCode)
{
    if (errorCode) {
        const QString known = MetaText::knownFailure(int(*errorCode));
        if (!known.isEmpty())
            return known;
        return reason.isEmpty() ? tr("WhatsApp refused the message (Meta's error %1).").arg(*errorCode)
                                : tr("WhatsApp refused the message (Meta's error %1: %2).").arg(*errorCode).arg(reason);
    }
    QString prefix = code;
    QString rest = reason;
    if (prefix.isEmpty()) {
        const qsizetype colon = reason.indexOf(QLatin1Char(':'));
        prefix = colon > 0 ? reason.left(colon) : reason;
        rest = colon > 0 ? reason.mid(colon + 1).trimmed() : QString();
    }
    if (prefix == QLatin1String("opted_out"))
        return tr("The candidate asked not to receive more notifications (they replied with an opt-out word).");
    if (prefix == QLatin1String("contact_blocked"))
        return tr("The candidate is blocked in Conversations.");
    if (prefix == QLatin1String("rule_broken"))
        return tr("The rule could not be sent: %1").arg(brokenText(rest));
    if (prefix == QLatin1String("rule_disabled"))
        return tr("The rule for this event was disabled or deleted before it was sent.");
    if (prefix == QLatin1String("plan_limit_reached"))
        return tr("Your plan's message limit was reached. An administrator of Puente can raise it.");
    if (prefix == QLatin1String("missing_data"))
        return tr("The event's data lacked a value the template needs: %1").arg(previewError(rest));
    if (reason.startsWith(QLatin1String("cancelled by ")))
        return tr("Cancelled by %1.").arg(reason.mid(13));
    if (prefix == QLatin1String("interrupted") || reason.startsWith(QLatin1String("the send was interrupted")))
        return tr("The send was interrupted; an agent decides in Conversations whether to retry it.");
    return reason;
}

QString NotificationText::ruleError(const client::ApiError &error)
{
    using protocol::ErrorCode;
    switch (error.code) {
    case ErrorCode::RuleTaken:
        return tr("Another enabled rule already sends this event. Disable that rule first, or save this one disabled.");
    case ErrorCode::RuleBroken:
        return tr("The rule cannot be sent: %1").arg(brokenText(error.message));
    case ErrorCode::InvalidField:
    case ErrorCode::MissingField:
        if (error.field == QLatin1String("event"))
            return tr("An event name is 3 to 64 lower-case letters, digits, “_” or “.”, starting with a letter.");
        if (error.field == QLatin1String("template") || error.field == QLatin1String("language"))
            return tr("Choose an approved template.");
        return brokenText(error.message);
    default:
        return AdminText::actionError(error);
    }
}

// --- the page -------------------------------------------------------------------------------

namespace {

enum RuleColumn { RuleEventColumn, RuleTemplateColumn, RuleValuesColumn, RuleStatusColumn };
enum HistoryColumn { WhenColumn, EventColumn, ContactColumn, StatusColumn, WhyColumn };
enum DeliveryColumn { DeliveryWhenColumn, DeliveryKindColumn, DeliveryStateColumn, DeliveryAttemptsColumn, DeliveryAnswerColumn };
constexpr int kIdRole = Qt::UserRole + 1;

QTableWidget *makeTable(const QStringList &columns, int stretch, QWidget *parent)
{
    auto *table = new QTableWidget(0, int(columns.size()), parent);
    table->setHorizontalHeaderLabels(columns);
    setUpTable(table, stretch);
    return table;
}

QTableWidgetItem *cell(QTableWidget *table, int row, int column, const QString &text, bool muted = false)
{
    auto *item = new QTableWidgetItem(text);
    if (muted)
        item->setForeground(theme::muted());
    table->setItem(row, column, item);
    return item;
}

QLabel *mutedLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: %1").arg(theme::muted().name()));
    return label;
}

qint64 idOfSelected(QTableWidget *table)
{
    const auto rows = table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return 0;
    const QTableWidgetItem *first = table->item(rows.first().row(), 0);
    return first ? first->data(kIdRole).toLongLong() : 0;
}

QString contactText(const protocol::Notification &n)
{
    return n.name.isEmpty() ? n.phone : QStringLiteral("%1 · %2").arg(n.name, n.phone);
}

bool hasChanges(const protocol::UpdateTenantSettings &c)
{
    return c.defaultRegion || c.timeZone || c.language || c.quietHoursEnabled || c.quietStart || c.quietEnd || c.optOutKeywords
           || c.optOutReply || c.callbackUrl || c.rotateCallbackSecret;
}

QStringList cleanKeywords(const QStringList &keywords)
{
    QStringList out;
    for (const QString &k : keywords)
        if (const QString t = k.trimmed(); !t.isEmpty())
            out.append(t);
    return out;
}

constexpr int kCountryNameRole = Qt::UserRole + 1;
const QString kTimeFormat = QStringLiteral("HH:mm");

} // namespace

NotificationsPage::NotificationsPage(client::ApiClient *api, QWidget *parent)
    : AdminPage(api, tr("Notifications"),
                tr("Your CRM reports events (an interview scheduled, an offer sent) and Puente sends the candidate a WhatsApp template "
                   "for each. Rules say which template and what goes in it; the history shows what was sent and why not."),
                parent)
{
    addNotice();
    addState();
    m_tabs = new QTabWidget(body());
    m_tabs->setObjectName(QStringLiteral("notificationTabs"));
    m_tabs->addTab(buildRulesTab(), tr("Rules"));
    m_tabs->addTab(buildHistoryTab(), tr("History"));
    m_tabs->addTab(buildCallbackTab(), tr("CRM callback"));
    m_tabs->addTab(buildSettingsTab(), tr("Settings"));
    column()->addWidget(m_tabs, 1);
    refresh();
}

QWidget *NotificationsPage::buildRulesTab()
{
    auto *tab = new QWidget(m_tabs);
    auto *layout = new QVBoxLayout(tab);
    auto *actions = new QHBoxLayout;
    m_addRule = new QPushButton(tr("Add rule…"), tab);
    m_addRule->setObjectName(QStringLiteral("addRule"));
    m_editRule = new QPushButton(tr("Edit…"), tab);
    m_editRule->setObjectName(QStringLiteral("editRule"));
    m_toggleRule = new QPushButton(tr("Disable"), tab);
    m_toggleRule->setObjectName(QStringLiteral("toggleRule"));
    m_deleteRule = new QPushButton(tr("Delete…"), tab);
    m_deleteRule->setObjectName(QStringLiteral("deleteRule"));
    m_sendTest = new QPushButton(tr("Send a test notification…"), tab);
    m_sendTest->setObjectName(QStringLiteral("sendTest"));
    for (QPushButton *b : {m_addRule, m_editRule, m_toggleRule, m_deleteRule})
        actions->addWidget(b);
    actions->addStretch();
    actions->addWidget(m_sendTest);
    layout->addLayout(actions);
    connect(m_addRule, &QPushButton::clicked, this, &NotificationsPage::addRule);
    connect(m_editRule, &QPushButton::clicked, this, &NotificationsPage::editRule);
    connect(m_toggleRule, &QPushButton::clicked, this, &NotificationsPage::toggleRule);
    connect(m_deleteRule, &QPushButton::clicked, this, &NotificationsPage::deleteRule);
    connect(m_sendTest, &QPushButton::clicked, this, &NotificationsPage::sendTest);

    m_broken = new QLabel(tab);
    m_broken->setObjectName(QStringLiteral("brokenWarning"));
    m_broken->setWordWrap(true);
    m_broken->setTextFormat(Qt::RichText);
    m_broken->setStyleSheet(QStringLiteral("QLabel { background: %1; border-radius: 6px; padding: 8px 12px; }").arg(theme::warningBackground().name()));
    m_broken->hide();
    layout->addWidget(m_broken);
    m_rulesEmpty = mutedLabel(tr("No rules yet. Add one to send a template when your CRM reports an event, such as an interview "
                                 "scheduled."), tab);
    m_rulesEmpty->setObjectName(QStringLiteral("rulesEmpty"));
    m_rulesEmpty->hide();
    layout->addWidget(m_rulesEmpty);
    m_rules = makeTable({tr("Event"), tr("Template"), tr("Values"), tr("Status")}, RuleValuesColumn, tab);
    m_rules->setObjectName(QStringLiteral("rules"));
    m_rules->setAccessibleName(tr("Notification rules"));
    layout->addWidget(m_rules, 1);
    connect(m_rules, &QTableWidget::itemSelectionChanged, this, &NotificationsPage::updateRuleActions);
    connect(m_rules, &QTableWidget::itemDoubleClicked, this, &NotificationsPage::editRule);
    updateRuleActions();
    return tab;
}

QWidget *NotificationsPage::buildHistoryTab()
{
    auto *tab = new QWidget(m_tabs);
    auto *layout = new QVBoxLayout(tab);
    auto *filters = new QHBoxLayout;
    m_eventFilter = new QComboBox(tab);
    m_eventFilter->setObjectName(QStringLiteral("eventFilter"));
    m_eventFilter->setAccessibleName(tr("Event"));
    m_statusFilter = new QComboBox(tab);
    m_statusFilter->setObjectName(QStringLiteral("statusFilter"));
    m_statusFilter->setAccessibleName(tr("Status"));
    m_statusFilter->addItem(tr("Any status"), QString());
    for (NotificationStatus s : {NotificationStatus::Scheduled, NotificationStatus::Queued, NotificationStatus::Sent, NotificationStatus::Delivered,
                                 NotificationStatus::Read, NotificationStatus::Failed, NotificationStatus::Skipped, NotificationStatus::Cancelled})
        m_statusFilter->addItem(NotificationText::statusText(s), protocol::enumName(s));
    m_phoneFilter = new QLineEdit(tab);
    m_phoneFilter->setObjectName(QStringLiteral("phoneFilter"));
    m_phoneFilter->setPlaceholderText(tr("Phone"));
    m_phoneFilter->setAccessibleName(tr("Phone"));
    m_phoneFilter->setClearButtonEnabled(true);
    m_referenceFilter = new QLineEdit(tab);
    m_referenceFilter->setObjectName(QStringLiteral("referenceFilter"));
    m_referenceFilter->setPlaceholderText(tr("CRM reference"));
    m_referenceFilter->setAccessibleName(tr("CRM reference"));
    m_referenceFilter->setClearButtonEnabled(true);
    m_periodFilter = new QComboBox(tab);
    m_periodFilter->setObjectName(QStringLiteral("periodFilter"));
    m_periodFilter->setAccessibleName(tr("Period"));
    m_periodFilter->addItem(tr("Any time"), -1);
    m_periodFilter->addItem(tr("Today"), 0);
    m_periodFilter->addItem(tr("Last 7 days"), 7);
    m_periodFilter->addItem(tr("Last 30 days"), 30);
    filters->addWidget(m_eventFilter);
    filters->addWidget(m_statusFilter);
    filters->addWidget(m_phoneFilter, 1);
    filters->addWidget(m_referenceFilter, 1);
    filters->addWidget(m_periodFilter);
    auto *reload = new QPushButton(tr("Refresh"), tab);
    filters->addWidget(reload);
    layout->addLayout(filters);
    updateEventFilter();
    connect(m_eventFilter, &QComboBox::activated, this, &NotificationsPage::reloadHistory);
    connect(m_statusFilter, &QComboBox::activated, this, &NotificationsPage::reloadHistory);
    connect(m_periodFilter, &QComboBox::activated, this, &NotificationsPage::reloadHistory);
    connect(m_phoneFilter, &QLineEdit::returnPressed, this, &NotificationsPage::reloadHistory);
    connect(m_referenceFilter, &QLineEdit::returnPressed, this, &NotificationsPage::reloadHistory);
    connect(reload, &QPushButton::clicked, this, &NotificationsPage::reloadHistory);

    m_historyError = new QLabel(tab);
    m_historyError->setWordWrap(true);
    m_historyError->setStyleSheet(QStringLiteral("color: %1").arg(theme::danger().name()));
    m_historyError->hide();
    layout->addWidget(m_historyError);
    m_historyEmpty = mutedLabel(QString(), tab);
    m_historyEmpty->setObjectName(QStringLiteral("historyEmpty"));
    m_historyEmpty->hide();
    layout->addWidget(m_historyEmpty);

    auto *split = new QSplitter(Qt::Horizontal, tab);
    split->setChildrenCollapsible(false);
    auto *listSide = new QWidget(split);
    auto *listLayout = new QVBoxLayout(listSide);
    listLayout->setContentsMargins(0, 0, 0, 0);
    m_history = makeTable({tr("When"), tr("Event"), tr("Candidate"), tr("Status"), tr("Why")}, WhyColumn, listSide);
    m_history->setObjectName(QStringLiteral("history"));
    m_history->setAccessibleName(tr("Notifications sent"));
    listLayout->addWidget(m_history, 1);
    m_more = new QPushButton(tr("Show older"), listSide);
    m_more->setObjectName(QStringLiteral("more"));
    m_more->hide();
    listLayout->addWidget(m_more, 0, Qt::AlignLeft);
    connect(m_more, &QPushButton::clicked, this, &NotificationsPage::loadMoreHistory);
    connect(m_history, &QTableWidget::itemSelectionChanged, this, &NotificationsPage::showDetails);

    m_details = new QWidget(split);
    m_details->setObjectName(QStringLiteral("details"));
    auto *details = new QVBoxLayout(m_details);
    details->setContentsMargins(8, 0, 0, 0);
    m_detailTitle = new QLabel(tr("Select a notification to see its details."), m_details);
    m_detailTitle->setWordWrap(true);
    QFont bold = m_detailTitle->font();
    bold.setBold(true);
    m_detailTitle->setFont(bold);
    details->addWidget(m_detailTitle);
    m_detailSummary = new QLabel(m_details);
    m_detailSummary->setObjectName(QStringLiteral("detailSummary"));
    m_detailSummary->setWordWrap(true);
    m_detailSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    details->addWidget(m_detailSummary);
    m_detailHistory = new QLabel(m_details);
    m_detailHistory->setObjectName(QStringLiteral("detailHistory"));
    m_detailHistory->setWordWrap(true);
    m_detailHistory->setTextFormat(Qt::RichText);
    m_detailHistory->setTextInteractionFlags(Qt::TextSelectableByMouse);
    details->addWidget(m_detailHistory);
    details->addWidget(new QLabel(tr("The event's data"), m_details));
    m_detailData = new QPlainTextEdit(m_details);
    m_detailData->setObjectName(QStringLiteral("detailData"));
    m_detailData->setAccessibleName(tr("The event's data"));
    m_detailData->setReadOnly(true);
    QFont mono = m_detailData->font();
    mono.setFamily(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    m_detailData->setFont(mono);
    details->addWidget(m_detailData, 1);
    m_cancel = new QPushButton(tr("Cancel this notification…"), m_details);
    m_cancel->setObjectName(QStringLiteral("cancelNotification"));
    m_cancel->hide();
    connect(m_cancel, &QPushButton::clicked, this, &NotificationsPage::cancelNotification);
    details->addWidget(m_cancel, 0, Qt::AlignLeft);
    split->addWidget(listSide);
    split->addWidget(m_details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);
    return tab;
}

QWidget *NotificationsPage::buildCallbackTab()
{
    auto *tab = new QWidget(m_tabs);
    auto *layout = new QVBoxLayout(tab);
    layout->addWidget(mutedLabel(tr("Puente tells your CRM what happened to each notification (sent, delivered, read, failed) and the "
                                    "candidate's answers by calling this address. Each call is signed with a secret so the CRM can check "
                                    "it comes from Puente."), tab));
    auto *form = new QFormLayout;
    auto *urlRow = new QHBoxLayout;
    m_callbackUrl = new QLineEdit(tab);
    m_callbackUrl->setObjectName(QStringLiteral("callbackUrl"));
    m_callbackUrl->setPlaceholderText(QStringLiteral("https://crm.example.com/puente"));
    m_callbackUrl->setAccessibleName(tr("Callback address"));
    urlRow->addWidget(m_callbackUrl, 1);
    m_saveCallback = new QPushButton(tr("Save"), tab);
    m_saveCallback->setObjectName(QStringLiteral("saveCallback"));
    urlRow->addWidget(m_saveCallback);
    form->addRow(tr("Callback address"), urlRow);
    auto *secretRow = new QHBoxLayout;
    m_secretState = new QLabel(tab);
    m_secretState->setObjectName(QStringLiteral("secretState"));
    m_secretState->setWordWrap(true);
    secretRow->addWidget(m_secretState, 1);
    m_rotateSecret = new QPushButton(tr("New secret…"), tab);
    m_rotateSecret->setObjectName(QStringLiteral("rotateSecret"));
    secretRow->addWidget(m_rotateSecret);
    form->addRow(tr("Signing secret"), secretRow);
    layout->addLayout(form);
    m_callbackError = errorLine(tab, QStringLiteral("callbackError"));
    layout->addWidget(m_callbackError);

    auto *testRow = new QHBoxLayout;
    m_testCallback = new QPushButton(tr("Send a test callback"), tab);
    m_testCallback->setObjectName(QStringLiteral("testCallback"));
    testRow->addWidget(m_testCallback);
    m_testResult = new QLabel(tab);
    m_testResult->setObjectName(QStringLiteral("testResult"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    testRow->addWidget(m_testResult, 1);
    layout->addLayout(testRow);
    connect(m_saveCallback, &QPushButton::clicked, this, &NotificationsPage::saveCallback);
    connect(m_callbackUrl, &QLineEdit::returnPressed, this, &NotificationsPage::saveCallback);
    connect(m_rotateSecret, &QPushButton::clicked, this, &NotificationsPage::rotateSecret);
    connect(m_testCallback, &QPushButton::clicked, this, &NotificationsPage::testCallback);

    auto *title = new QLabel(tr("Last calls to your CRM"), tab);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    layout->addWidget(title);
    m_deliveriesEmpty = mutedLabel(tr("No calls yet. They appear here once notifications are sent, or after a test."), tab);
    layout->addWidget(m_deliveriesEmpty);
    m_deliveries = makeTable({tr("When"), tr("What"), tr("Result"), tr("Attempts"), tr("CRM's answer")}, DeliveryAnswerColumn, tab);
    m_deliveries->setObjectName(QStringLiteral("deliveries"));
    m_deliveries->setAccessibleName(tr("Last calls to your CRM"));
    layout->addWidget(m_deliveries, 1);
    return tab;
}

QWidget *NotificationsPage::buildSettingsTab()
{
    auto *tab = new QWidget(m_tabs);
    auto *layout = new QVBoxLayout(tab);
    layout->addWidget(mutedLabel(tr("How Puente reads your candidates' numbers, writes and times every notification, and how a candidate "
                                    "stops them. They apply to every rule."), tab));
    auto *stateRow = new QHBoxLayout;
    m_settingsLoading = mutedLabel(tr("Loading the settings…"), tab);
    m_settingsLoading->setObjectName(QStringLiteral("settingsLoading"));
    m_settingsLoading->hide();
    stateRow->addWidget(m_settingsLoading, 1);
    m_settingsLoadError = errorLine(tab, QStringLiteral("settingsLoadError"));
    stateRow->addWidget(m_settingsLoadError, 1);
    m_settingsRetry = new QPushButton(tr("Retry"), tab);
    m_settingsRetry->setObjectName(QStringLiteral("settingsRetry"));
    m_settingsRetry->hide();
    stateRow->addWidget(m_settingsRetry);
    layout->addLayout(stateRow);
    connect(m_settingsRetry, &QPushButton::clicked, this, &NotificationsPage::loadSettings);

    auto *scroll = new QScrollArea(tab);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_settingsForm = new QWidget(scroll);
    m_settingsForm->setObjectName(QStringLiteral("settingsForm"));
    m_settingsForm->setEnabled(false);
    auto *columns = new QHBoxLayout(m_settingsForm);
    columns->setContentsMargins(0, 0, 0, 0);
    columns->setSpacing(16);
    auto *left = new QVBoxLayout;
    auto *right = new QVBoxLayout;
    columns->addLayout(left, 1);
    columns->addLayout(right, 1);

    // A field, its error line (named by the API's field) and its hint.
    auto field = [this](QWidget *widget, const QString &name, const QString &hint, QWidget *parent) {
        auto *box = new QWidget(parent);
        auto *boxLayout = new QVBoxLayout(box);
        boxLayout->setContentsMargins(0, 0, 0, 0);
        boxLayout->setSpacing(2);
        boxLayout->addWidget(widget);
        QLabel *error = errorLine(box, name + QStringLiteral("Error"));
        boxLayout->addWidget(error);
        if (!hint.isEmpty())
            boxLayout->addWidget(mutedLabel(hint, box));
        m_settingErrors.insert(name, error);
        m_settingFields.insert(name, widget);
        return box;
    };

    auto *numbers = new QGroupBox(tr("Numbers and dates"), m_settingsForm);
    auto *numbersForm = new QFormLayout(numbers);
    numbersForm->setLabelAlignment(Qt::AlignLeft | Qt::AlignTop);
    numbersForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_region = new QComboBox(numbers);
    m_region->setObjectName(QStringLiteral("defaultRegion"));
    m_region->setAccessibleName(tr("Default country"));
    m_region->setEditable(true);
    m_region->setInsertPolicy(QComboBox::NoInsert);
    const std::pair<const char *, QString> countries[] = {
        {"ES", tr("Spain")},         {"MX", tr("Mexico")},      {"CO", tr("Colombia")},           {"AR", tr("Argentina")},
        {"PE", tr("Peru")},          {"CL", tr("Chile")},       {"VE", tr("Venezuela")},          {"EC", tr("Ecuador")},
        {"GT", tr("Guatemala")},     {"CU", tr("Cuba")},        {"BO", tr("Bolivia")},            {"DO", tr("Dominican Republic")},
        {"HN", tr("Honduras")},      {"PY", tr("Paraguay")},    {"SV", tr("El Salvador")},        {"NI", tr("Nicaragua")},
        {"CR", tr("Costa Rica")},    {"PA", tr("Panama")},      {"UY", tr("Uruguay")},            {"PR", tr("Puerto Rico")},
        {"GQ", tr("Equatorial Guinea")}, {"US", tr("United States")}, {"GB", tr("United Kingdom")}, {"PT", tr("Portugal")},
        {"FR", tr("France")},        {"DE", tr("Germany")},     {"IT", tr("Italy")},
    };
    QList<std::pair<QString, QString>> sorted;
    for (const auto &[code, name] : countries)
        sorted.append({QString::fromLatin1(code), name});
    std::sort(sorted.begin(), sorted.end(), [](const auto &a, const auto &b) { return a.second.localeAwareCompare(b.second) < 0; });
    for (const auto &[code, name] : std::as_const(sorted)) {
        m_region->addItem(QStringLiteral("%1 (%2)").arg(name, code), code);
        m_region->setItemData(m_region->count() - 1, name, kCountryNameRole);
    }
    auto *regionCompleter = new QCompleter(m_region->model(), m_region);
    regionCompleter->setCaseSensitivity(Qt::CaseInsensitive);
    regionCompleter->setFilterMode(Qt::MatchContains);
    m_region->setCompleter(regionCompleter);
    // The sample number's spaces are non-breaking: it never splits over two lines.
    numbersForm->addRow(tr("Default country"),
                        field(m_region, QStringLiteral("default_region"),
                              tr("For numbers your CRM sends without +country code: 612 345 678 is read as a number of this country."),
                              numbers));

    m_timeZone = new QComboBox(numbers);
    m_timeZone->setObjectName(QStringLiteral("timeZone"));
    m_timeZone->setAccessibleName(tr("Time zone"));
    m_timeZone->setEditable(true);
    m_timeZone->setInsertPolicy(QComboBox::NoInsert);
    m_timeZone->setMaxVisibleItems(20);
    QList<QByteArray> zones = QTimeZone::availableTimeZoneIds();
    std::sort(zones.begin(), zones.end());
    for (const QByteArray &zone : std::as_const(zones))
        m_timeZone->addItem(QString::fromUtf8(zone));
    auto *zoneCompleter = new QCompleter(m_timeZone->model(), m_timeZone);
    zoneCompleter->setCaseSensitivity(Qt::CaseInsensitive);
    zoneCompleter->setFilterMode(Qt::MatchContains);
    m_timeZone->setCompleter(zoneCompleter);
    numbersForm->addRow(tr("Time zone"), field(m_timeZone, QStringLiteral("time_zone"),
                                               tr("Dates and times in notifications, and quiet hours, are in this time zone."), numbers));

    m_language = new QComboBox(numbers);
    m_language->setObjectName(QStringLiteral("language"));
    m_language->setAccessibleName(tr("Language of dates"));
    // Each language by its own name, as the console's language menu does.
    m_language->addItem(QStringLiteral("Español"), QStringLiteral("es"));
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    numbersForm->addRow(tr("Language of dates"),
                        field(m_language, QStringLiteral("language"),
                              tr("How notifications write dates: “10 de diciembre” or “December 10”."), numbers));
    left->addWidget(numbers);

    auto *quiet = new QGroupBox(tr("Quiet hours"), m_settingsForm);
    auto *quietLayout = new QVBoxLayout(quiet);
    m_quietHours = new QCheckBox(tr("Hold notifications during quiet hours"), quiet);
    m_quietHours->setObjectName(QStringLiteral("quietHoursEnabled"));
    quietLayout->addWidget(m_quietHours);
    auto *times = new QHBoxLayout;
    auto *fromLabel = new QLabel(tr("From"), quiet);
    m_quietStart = new QTimeEdit(quiet);
    m_quietStart->setObjectName(QStringLiteral("quietStart"));
    m_quietStart->setDisplayFormat(kTimeFormat);
    m_quietStart->setAccessibleName(tr("Quiet hours start"));
    fromLabel->setBuddy(m_quietStart);
    auto *toLabel = new QLabel(tr("to"), quiet);
    m_quietEnd = new QTimeEdit(quiet);
    m_quietEnd->setObjectName(QStringLiteral("quietEnd"));
    m_quietEnd->setDisplayFormat(kTimeFormat);
    m_quietEnd->setAccessibleName(tr("Quiet hours end"));
    toLabel->setBuddy(m_quietEnd);
    times->addWidget(fromLabel);
    times->addWidget(m_quietStart);
    times->addWidget(toLabel);
    times->addWidget(m_quietEnd);
    times->addStretch();
    quietLayout->addLayout(times);
    for (const QString &name : {QStringLiteral("quiet_hours_enabled"), QStringLiteral("quiet_start"), QStringLiteral("quiet_end")}) {
        QLabel *error = errorLine(quiet, name + QStringLiteral("Error"));
        quietLayout->addWidget(error);
        m_settingErrors.insert(name, error);
    }
    m_settingFields.insert(QStringLiteral("quiet_hours_enabled"), m_quietHours);
    m_settingFields.insert(QStringLiteral("quiet_start"), m_quietStart);
    m_settingFields.insert(QStringLiteral("quiet_end"), m_quietEnd);
    quietLayout->addWidget(mutedLabel(tr("A notification due inside them waits for their end. A rule can ignore them."), quiet));
    left->addWidget(quiet);
    left->addStretch();

    auto *optOut = new QGroupBox(tr("Opting out"), m_settingsForm);
    auto *optOutLayout = new QVBoxLayout(optOut);
    auto *keywordsLabel = new QLabel(tr("Opt-out keywords, one per line"), optOut);
    optOutLayout->addWidget(keywordsLabel);
    m_optOutKeywords = new QPlainTextEdit(optOut);
    m_optOutKeywords->setObjectName(QStringLiteral("optOutKeywords"));
    m_optOutKeywords->setAccessibleName(tr("Opt-out keywords"));
    m_optOutKeywords->setTabChangesFocus(true);
    m_optOutKeywords->setMinimumHeight(110);
    keywordsLabel->setBuddy(m_optOutKeywords);
    optOutLayout->addWidget(field(m_optOutKeywords, QStringLiteral("opt_out_keywords"),
                                  tr("A candidate who replies with one of them gets no more notifications. Case and accents do not "
                                     "matter, but it must be the whole reply: “BAJA” matches “baja”, “quiero la baja” does not."),
                                  optOut),
                            1);
    auto *replyLabel = new QLabel(tr("Confirmation reply"), optOut);
    optOutLayout->addWidget(replyLabel);
    m_optOutReply = new QPlainTextEdit(optOut);
    m_optOutReply->setObjectName(QStringLiteral("optOutReply"));
    m_optOutReply->setAccessibleName(tr("Confirmation reply"));
    m_optOutReply->setTabChangesFocus(true);
    m_optOutReply->setMinimumHeight(70);
    m_optOutReply->setMaximumHeight(110);
    replyLabel->setBuddy(m_optOutReply);
    optOutLayout->addWidget(field(m_optOutReply, QStringLiteral("opt_out_reply"),
                                  tr("Puente answers an opt-out with this message, so the candidate knows it was heard."), optOut));
    right->addWidget(optOut, 1);

    scroll->setWidget(m_settingsForm);
    // The tab's own background shows through, as on the other tabs
    // (setWidget turns filling on).
    scroll->viewport()->setAutoFillBackground(false);
    m_settingsForm->setAutoFillBackground(false);
    layout->addWidget(scroll, 1);

    auto *buttons = new QHBoxLayout;
    m_saveSettings = new QPushButton(tr("Save"), tab);
    m_saveSettings->setObjectName(QStringLiteral("saveSettings"));
    m_discardSettings = new QPushButton(tr("Discard changes"), tab);
    m_discardSettings->setObjectName(QStringLiteral("discardSettings"));
    m_settingsResult = new QLabel(tab);
    m_settingsResult->setObjectName(QStringLiteral("settingsResult"));
    m_settingsResult->setWordWrap(true);
    m_settingsResult->hide();
    buttons->addWidget(m_saveSettings);
    buttons->addWidget(m_discardSettings);
    buttons->addWidget(m_settingsResult, 1);
    buttons->addStretch(); // the buttons keep their size while the note is hidden
    layout->addLayout(buttons);
    connect(m_saveSettings, &QPushButton::clicked, this, &NotificationsPage::saveNotificationSettings);
    connect(m_discardSettings, &QPushButton::clicked, this, &NotificationsPage::discardNotificationSettings);

    // An edit: its field's error and the last save's note go, the buttons follow.
    auto edited = [this](const QString &name) {
        if (m_fillingSettings)
            return;
        if (QLabel *error = m_settingErrors.value(name))
            error->hide();
        m_settingsResult->hide();
        updateSettingsActions();
    };
    connect(m_region, &QComboBox::currentTextChanged, this, [edited] { edited(QStringLiteral("default_region")); });
    connect(m_timeZone, &QComboBox::currentTextChanged, this, [edited] { edited(QStringLiteral("time_zone")); });
    connect(m_language, &QComboBox::currentIndexChanged, this, [edited] { edited(QStringLiteral("language")); });
    connect(m_quietHours, &QCheckBox::toggled, this, [edited] { edited(QStringLiteral("quiet_hours_enabled")); });
    connect(m_quietStart, &QTimeEdit::timeChanged, this, [edited] { edited(QStringLiteral("quiet_start")); });
    connect(m_quietEnd, &QTimeEdit::timeChanged, this, [edited] { edited(QStringLiteral("quiet_end")); });
    connect(m_optOutKeywords, &QPlainTextEdit::textChanged, this, [edited] { edited(QStringLiteral("opt_out_keywords")); });
    connect(m_optOutReply, &QPlainTextEdit::textChanged, this, [edited] { edited(QStringLiteral("opt_out_reply")); });
    updateSettingsActions();
    return tab;
}

void NotificationsPage::refresh()
{
    loadTemplates();
    loadRules();
    loadHistory(false);
    loadSettings();
}

// --- rules ----------------------------------------------------------------------------------

void NotificationsPage::loadTemplates()
{
    m_api->call<protocol::route::ListTemplates>().then(this, [this](const protocol::TemplateList &list) {
        m_templateList = list.items;
        m_templatesLoaded = true;
        updateRuleActions();
    }, [](const client::ApiError &) {});
}

void NotificationsPage::loadRules()
{
    m_state->load(m_api->call<protocol::route::ListNotificationRules>(), this, tr("the notification rules"),
                  [this](const protocol::NotificationRuleList &list) {
        m_ruleList = list.items;
        showRules();
        Q_EMIT rulesLoaded();
        Q_EMIT loaded(true);
    }, [this](const client::ApiError &) {
        m_tabs->setEnabled(false);
        Q_EMIT loaded(false);
    }, m_ruleList.isEmpty() ? PageState::Loading::Shown : PageState::Loading::Quiet);
}

int NotificationsPage::ruleRow(const QString &event) const
{
    for (int row = 0; row < m_rules->rowCount(); ++row)
        if (m_rules->item(row, RuleEventColumn) && m_rules->item(row, RuleEventColumn)->data(Qt::UserRole + 2).toString() == event)
            return row;
    return -1;
}

void NotificationsPage::showRules()
{
    m_tabs->setEnabled(true);
    const qint64 selected = idOfSelected(m_rules);
    m_rules->setRowCount(0);
    m_rules->setRowCount(int(m_ruleList.size()));
    QStringList broken;
    for (int row = 0; row < m_ruleList.size(); ++row) {
        const protocol::NotificationRule &r = m_ruleList.at(row);
        const bool off = !r.enabled;
        const QString event = NotificationText::eventText(r.event);
        QTableWidgetItem *first = cell(m_rules, row, RuleEventColumn, event == r.event ? r.event : QStringLiteral("%1 (%2)").arg(event, r.event), off);
        first->setData(kIdRole, r.id);
        first->setData(Qt::UserRole + 2, r.event);
        cell(m_rules, row, RuleTemplateColumn, QStringLiteral("%1 (%2)").arg(r.templateName, r.language), off);
        QStringList values;
        for (const auto &list : {r.header, r.body})
            for (const protocol::ParameterSource &s : list)
                values.append(s.source == QLatin1String("text") ? QStringLiteral("“%1”").arg(s.value)
                                                                 : s.source == QLatin1String("data") ? s.value
                                                                                                     : QStringLiteral("%1 (%2)").arg(s.value, s.source));
        cell(m_rules, row, RuleValuesColumn, values.isEmpty() ? tr("None") : values.join(QStringLiteral(", ")), off);
        if (r.broken) {
            const QString why = NotificationText::brokenText(r.brokenReason);
            QTableWidgetItem *status = cell(m_rules, row, RuleStatusColumn, tr("⚠ Cannot be sent"));
            status->setForeground(theme::danger());
            status->setToolTip(why);
            broken.append(tr("<b>%1</b>: %2").arg(r.event.toHtmlEscaped(), why.toHtmlEscaped()));
        } else {
            cell(m_rules, row, RuleStatusColumn, r.enabled ? tr("Enabled") : tr("Disabled"), off);
        }
        if (selected == r.id)
            m_rules->selectRow(row);
    }
    m_rules->setVisible(!m_ruleList.isEmpty());
    m_rulesEmpty->setVisible(m_ruleList.isEmpty());
    m_broken->setText(broken.isEmpty() ? QString()
                                       : tr("⚠ %n rule(s) cannot be sent until you edit them:", nullptr, int(broken.size()))
                                             + QStringLiteral("<br>") + broken.join(QStringLiteral("<br>")));
    m_broken->setVisible(!broken.isEmpty());
    updateRuleActions();
    updateEventFilter();
}

std::optional<protocol::NotificationRule> NotificationsPage::selectedRule() const
{
    const qint64 id = idOfSelected(m_rules);
    for (const protocol::NotificationRule &r : m_ruleList)
        if (id != 0 && r.id == id)
            return r;
    return std::nullopt;
}

void NotificationsPage::updateRuleActions()
{
    const auto rule = selectedRule();
    m_addRule->setEnabled(m_templatesLoaded);
    m_editRule->setEnabled(rule && m_templatesLoaded);
    m_toggleRule->setEnabled(bool(rule));
    m_toggleRule->setText(rule && !rule->enabled ? tr("Enable") : tr("Disable"));
    m_deleteRule->setEnabled(bool(rule));
    m_sendTest->setEnabled(rule && rule->enabled && !rule->broken);
    m_sendTest->setToolTip(!rule            ? tr("Select a rule to try it on a number of yours.")
                           : !rule->enabled ? tr("The rule is disabled: enable it to try it.")
                           : rule->broken   ? tr("This rule cannot be sent until you edit it.")
                                            : tr("Sends this rule's template to a number of yours, now."));
}

void NotificationsPage::sendTest()
{
    const auto rule = selectedRule();
    if (!rule || !rule->enabled)
        return;
    auto *dialog = new NotificationTestDialog(m_api, *rule, this);
    // The history shows it at once.
    connect(dialog, &NotificationTestDialog::sent, this, [this](const protocol::Notification &) { loadHistory(false); });
    openDialog(dialog);
    Q_EMIT testDialogOpened(dialog);
}

void NotificationsPage::addRule()
{
    auto *dialog = new NotificationRuleDialog(m_api, m_templateList, std::nullopt, this);
    connect(dialog, &NotificationRuleDialog::saved, this, [this](const protocol::NotificationRule &rule) {
        m_notice->showInfo(tr("Rule for “%1” added.").arg(rule.event));
        loadRules();
    });
    openDialog(dialog);
    Q_EMIT ruleEditorOpened(dialog);
}

void NotificationsPage::editRule()
{
    const auto rule = selectedRule();
    if (!rule)
        return;
    auto *dialog = new NotificationRuleDialog(m_api, m_templateList, rule, this);
    connect(dialog, &NotificationRuleDialog::saved, this, [this](const protocol::NotificationRule &saved) {
        m_notice->showInfo(tr("Rule for “%1” saved.").arg(saved.event));
        loadRules();
    });
    openDialog(dialog);
    Q_EMIT ruleEditorOpened(dialog);
}

void NotificationsPage::toggleRule()
{
    const auto rule = selectedRule();
    if (!rule)
        return;
    protocol::UpdateNotificationRule change;
    change.enabled = !rule->enabled;
    const bool enabling = !rule->enabled;
    const QString event = rule->event;
    m_api->callOn<protocol::route::UpdateNotificationRule>(rule->id, change).then(this, [this, enabling, event](const protocol::NotificationRule &) {
        m_notice->showInfo(enabling ? tr("Rule for “%1” enabled.").arg(event) : tr("Rule for “%1” disabled: its events are no longer sent.").arg(event));
        loadRules();
    }, [this](const client::ApiError &error) {
        m_notice->showError(NotificationText::ruleError(error));
        loadRules();
    });
}

void NotificationsPage::deleteRule()
{
    const auto rule = selectedRule();
    if (!rule)
        return;
    const qint64 id = rule->id;
    const QString event = rule->event;
    confirm(this, tr("Delete rule"),
            tr("Delete the rule for “%1”? Your CRM's %1 events will be refused until you add another rule; notifications already "
               "scheduled are not sent.").arg(event),
            tr("Delete"), [this, id, event] {
                m_api->callOn<protocol::route::DeleteNotificationRule>(id).then(this, [this, event] {
                    m_notice->showInfo(tr("Rule for “%1” deleted.").arg(event));
                    loadRules();
                }, [this](const client::ApiError &error) {
                    m_notice->showError(AdminText::actionError(error));
                    loadRules();
                });
            });
}

// --- history --------------------------------------------------------------------------------

void NotificationsPage::updateEventFilter()
{
    const QString current = m_eventFilter->currentData().toString();
    QStringList events = NotificationText::knownEvents();
    for (const protocol::NotificationRule &r : std::as_const(m_ruleList))
        if (!events.contains(r.event))
            events.append(r.event);
    m_eventFilter->clear();
    m_eventFilter->addItem(tr("All events"), QString());
    for (const QString &e : std::as_const(events))
        m_eventFilter->addItem(NotificationText::eventText(e), e);
    m_eventFilter->setCurrentIndex(std::max(0, m_eventFilter->findData(current)));
}

void NotificationsPage::reloadHistory()
{
    loadHistory(false);
}

void NotificationsPage::loadMoreHistory()
{
    loadHistory(true);
}

void NotificationsPage::loadHistory(bool more)
{
    protocol::NotificationQuery q;
    q.event = m_eventFilter->currentData().toString();
    q.status = m_statusFilter->currentData().toString();
    q.phone = m_phoneFilter->text().trimmed();
    q.reference = m_referenceFilter->text().trimmed();
    if (const int days = m_periodFilter->currentData().toInt(); days >= 0)
        q.from = QDate::currentDate().addDays(-days).toString(Qt::ISODate);
    q.limit = 50;
    if (more && m_nextCursor)
        q.cursor = *m_nextCursor;
    const int seq = ++m_historySeq;
    m_api->call<protocol::route::ListNotifications>({}, q).then(this, [this, seq, more](const protocol::NotificationPage &page) {
        if (seq != m_historySeq)
            return;
        m_historyError->hide();
        const qint64 selected = idOfSelected(m_history);
        if (!more) {
            m_notificationList.clear();
            m_history->setRowCount(0);
        }
        for (const protocol::Notification &n : page.items) {
            const int row = m_history->rowCount();
            m_history->insertRow(row);
            m_notificationList.append(n);
            showHistoryRow(row, n);
            if (n.id == selected)
                m_history->selectRow(row);
        }
        m_nextCursor = page.nextCursor;
        m_more->setVisible(page.nextCursor.has_value() && !page.nextCursor->isEmpty());
        const bool filtered = m_eventFilter->currentIndex() > 0 || m_statusFilter->currentIndex() > 0 || !m_phoneFilter->text().trimmed().isEmpty()
                              || !m_referenceFilter->text().trimmed().isEmpty() || m_periodFilter->currentIndex() > 0;
        m_historyEmpty->setText(filtered ? tr("No notification matches these filters.")
                                         : tr("No notifications yet. They appear here as soon as your CRM reports an event."));
        m_historyEmpty->setVisible(m_notificationList.isEmpty());
        if (idOfSelected(m_history) == 0)
            showDetails();
        Q_EMIT historyLoaded();
    }, [this, seq](const client::ApiError &error) {
        if (seq != m_historySeq)
            return;
        m_historyError->setText(error.code == protocol::ErrorCode::InvalidParameter && error.field == QLatin1String("phone")
                                    ? tr("That is not a phone number: write it with its country code, such as +34 600 111 222.")
                                    : error.isConnectionProblem() ? tr("Cannot load the history: the server does not answer.")
                                                                  : tr("Cannot load the history: %1").arg(AdminText::actionError(error)));
        m_historyError->show();
        Q_EMIT historyLoaded();
    });
}

void NotificationsPage::showHistoryRow(int row, const protocol::Notification &n)
{
    const bool muted = n.status == NotificationStatus::Cancelled || n.status == NotificationStatus::Skipped;
    cell(m_history, row, WhenColumn, AdminText::when(n.createdAt, QString()), muted)->setData(kIdRole, n.id);
    cell(m_history, row, EventColumn, NotificationText::eventText(n.event), muted)->setToolTip(n.event);
    cell(m_history, row, ContactColumn, contactText(n), muted);
    QString status = NotificationText::statusText(n.status);
    if (n.status == NotificationStatus::Scheduled)
        status = tr("Scheduled for %1").arg(AdminText::when(n.dueAt, QString()));
    QTableWidgetItem *statusCell = cell(m_history, row, StatusColumn, status, muted);
    if (n.status == NotificationStatus::Failed)
        statusCell->setForeground(theme::danger());
    QString why;
    if (n.status == NotificationStatus::Failed || n.status == NotificationStatus::Skipped || n.status == NotificationStatus::Cancelled)
        why = NotificationText::reasonText(n.reasonCode, n.reason, n.errorCode);
    else if (n.reply)
        why = tr("Replied “%1”").arg(n.reply->text.isEmpty() ? n.reply->payload : n.reply->text);
    cell(m_history, row, WhyColumn, why, muted)->setToolTip(why);
}

std::optional<protocol::Notification> NotificationsPage::selectedNotification() const
{
    const qint64 id = idOfSelected(m_history);
    for (const protocol::Notification &n : m_notificationList)
        if (id != 0 && n.id == id)
            return n;
    return std::nullopt;
}

void NotificationsPage::showDetails()
{
    const auto n = selectedNotification();
    m_detailId = n ? n->id : 0;
    if (!n) {
        m_detailTitle->setText(tr("Select a notification to see its details."));
        m_detailSummary->clear();
        m_detailHistory->clear();
        m_detailData->clear();
        m_cancel->hide();
        return;
    }
    const qint64 id = n->id;
    auto show = [this](const protocol::Notification &shown) {
        m_detailTitle->setText(tr("%1 to %2").arg(NotificationText::eventText(shown.event), contactText(shown)));
        QStringList summary;
        summary.append(tr("Status: %1").arg(NotificationText::statusText(shown.status)));
        if (!shown.reference.isEmpty())
            summary.append(tr("CRM reference: %1").arg(shown.reference));
        if (shown.status == NotificationStatus::Scheduled || shown.status == NotificationStatus::Queued)
            summary.append(tr("Goes out: %1").arg(AdminText::when(shown.dueAt, QString())));
        if (!shown.reason.isEmpty() || shown.errorCode)
            summary.append(tr("Why: %1").arg(NotificationText::reasonText(shown.reasonCode, shown.reason, shown.errorCode)));
        if (shown.reply)
            summary.append(tr("The candidate replied: “%1”").arg(shown.reply->text.isEmpty() ? shown.reply->payload : shown.reply->text));
        m_detailSummary->setText(summary.join(QLatin1Char('\n')));
        QStringList lines;
        for (const protocol::NotificationChange &c : shown.history) {
            QString line = QStringLiteral("<b>%1</b> — %2").arg(AdminText::when(c.at, QString()).toHtmlEscaped(),
                                                                NotificationText::statusText(c.status).toHtmlEscaped());
            if (!c.reason.isEmpty() || c.errorCode)
                line += QStringLiteral("<br><span style=\"color:%1\">%2</span>")
                            .arg(theme::muted().name(), NotificationText::reasonText(c.reasonCode, c.reason, c.errorCode).toHtmlEscaped());
            lines.append(line);
        }
        m_detailHistory->setText(lines.join(QStringLiteral("<br>")));
        m_detailData->setPlainText(QString::fromUtf8(QJsonDocument(shown.data).toJson(QJsonDocument::Indented)));
        m_cancel->setVisible(shown.status == NotificationStatus::Scheduled);
    };
    show(*n);
    m_api->callOn<protocol::route::GetNotification>(id).then(this, [this, id, show](const protocol::Notification &full) {
        if (m_detailId != id)
            return;
        show(full);
        Q_EMIT detailsLoaded(id);
    }, [](const client::ApiError &) {});
}

void NotificationsPage::cancelNotification()
{
    const auto n = selectedNotification();
    if (!n)
        return;
    const qint64 id = n->id;
    confirm(this, tr("Cancel notification"), tr("Cancel this notification to %1? It will not be sent.").arg(contactText(*n)),
            tr("Cancel notification"), [this, id] {
                m_api->callOn<protocol::route::CancelNotification>(id).then(this, [this](const protocol::Notification &) {
                    m_notice->showInfo(tr("Notification cancelled."));
                    loadHistory(false);
                }, [this](const client::ApiError &error) {
                    m_notice->showError(error.code == protocol::ErrorCode::NotCancellable
                                            ? tr("It has already left: only scheduled notifications can be cancelled.")
                                            : AdminText::actionError(error));
                    loadHistory(false);
                });
            });
}

// --- callback -------------------------------------------------------------------------------

void NotificationsPage::loadSettings()
{
    if (!m_settingsShown) {
        m_settingsLoadError->hide();
        m_settingsRetry->hide();
        m_settingsLoading->show();
    }
    m_api->call<protocol::route::GetTenantSettings>().then(this, [this](const protocol::TenantSettings &settings) {
        showSettings(settings);
        Q_EMIT settingsLoaded();
    }, [this](const client::ApiError &error) {
        m_callbackError->setText(error.isConnectionProblem() ? tr("Cannot load the callback settings: the server does not answer.")
                                                             : tr("Cannot load the callback settings: %1").arg(AdminText::actionError(error)));
        m_callbackError->show();
        m_settingsLoading->hide();
        m_settingsLoadError->setText(error.isConnectionProblem()
                                         ? tr("Cannot load the notification settings: the server does not answer.")
                                         : tr("Cannot load the notification settings: %1").arg(AdminText::actionError(error)));
        m_settingsLoadError->show();
        m_settingsRetry->show();
    });
    loadDeliveries();
}

void NotificationsPage::showSettings(const protocol::TenantSettings &settings)
{
    // Against the values it showed: the Settings tab's edits not saved yet.
    const bool edited = m_settingsShown && hasChanges(settingsChanges());
    m_settings = settings;
    m_callbackUrl->setText(settings.callbackUrl);
    m_secretState->setText(settings.callbackSecretSet ? tr("Set. It was shown once, when it was created; make a new one if it is lost.")
                                                      : tr("None yet: one is made when you save an address."));
    m_rotateSecret->setEnabled(settings.callbackSecretSet);
    m_testCallback->setEnabled(!settings.callbackUrl.isEmpty());
    m_callbackError->hide();
    showNotificationSettings(settings, !edited);
    if (!settings.callbackSecret.isEmpty())
        secretCreated(settings.callbackSecret);
}

void NotificationsPage::secretCreated(const QString &secret)
{
    auto *dialog = new SecretDialog(tr("Your callback's signing secret"),
                                    tr("Puente signs each call to your CRM with this secret (the X-Puente-Signature header). Paste it into "
                                       "your CRM's settings now: it will not be shown again."),
                                    secret, this);
    openDialog(dialog);
    Q_EMIT secretShown(dialog);
}

void NotificationsPage::saveCallback()
{
    protocol::UpdateTenantSettings change;
    change.callbackUrl = m_callbackUrl->text().trimmed();
    m_saveCallback->setEnabled(false);
    m_api->call<protocol::route::UpdateTenantSettings>(change).then(this, [this](const protocol::TenantSettings &settings) {
        m_saveCallback->setEnabled(true);
        showSettings(settings);
        m_notice->showInfo(settings.callbackUrl.isEmpty() ? tr("Callback address removed: your CRM is no longer told.")
                                                          : tr("Callback address saved."));
    }, [this](const client::ApiError &error) {
        m_saveCallback->setEnabled(true);
        QString text = AdminText::actionError(error);
        if (error.code == protocol::ErrorCode::InvalidField && error.field == QLatin1String("callback_url")) {
            if (error.message.contains(QLatin1String("must be https")))
                text = tr("The address must start with https:// (http only for a CRM on this same machine).");
            else if (error.message.contains(QLatin1String("private address")))
                text = tr("The address points into a private network Puente may not call. Use your CRM's public https address.");
            else
                text = tr("That is not a valid address. Write it in full, such as https://crm.example.com/puente.");
        }
        m_callbackError->setText(text);
        m_callbackError->show();
    });
}

void NotificationsPage::rotateSecret()
{
    confirm(this, tr("New signing secret"),
            tr("Make a new secret? The current one stops working at once: your CRM will refuse Puente's calls until you paste the new "
               "one into it."),
            tr("Make a new secret"), [this] {
                protocol::UpdateTenantSettings change;
                change.rotateCallbackSecret = true;
                m_api->call<protocol::route::UpdateTenantSettings>(change).then(this, [this](const protocol::TenantSettings &settings) {
                    showSettings(settings);
                    m_notice->showInfo(tr("New signing secret made."));
                }, [this](const client::ApiError &error) { m_notice->showError(AdminText::actionError(error)); });
            });
}

void NotificationsPage::testCallback()
{
    m_testCallback->setEnabled(false);
    m_testResult->setStyleSheet(QStringLiteral("color: %1").arg(theme::muted().name()));
    m_testResult->setText(tr("Calling your CRM…"));
    m_api->call<protocol::route::TestCallback>().then(this, [this](const protocol::CallbackDelivery &d) {
        m_testCallback->setEnabled(true);
        const bool ok = d.state == QLatin1String("delivered");
        m_testResult->setStyleSheet(QStringLiteral("color: %1").arg(ok ? theme::accent().darker(130).name() : theme::danger().name()));
        if (ok)
            m_testResult->setText(tr("It works: your CRM answered %1.").arg(d.lastStatus.value_or(200)));
        else if (d.lastStatus)
            m_testResult->setText(tr("Your CRM answered %1 instead of a 2xx: %2").arg(*d.lastStatus).arg(d.lastAnswer.left(200)));
        else
            m_testResult->setText(tr("Could not reach your CRM: %1").arg(d.lastAnswer.left(200)));
        loadDeliveries();
        Q_EMIT callbackTested();
    }, [this](const client::ApiError &error) {
        m_testCallback->setEnabled(true);
        m_testResult->setStyleSheet(QStringLiteral("color: %1").arg(theme::danger().name()));
        m_testResult->setText(error.code == protocol::ErrorCode::InvalidField ? tr("Save a callback address first.") : AdminText::actionError(error));
        Q_EMIT callbackTested();
    });
}

void NotificationsPage::loadDeliveries()
{
    m_api->call<protocol::route::ListCallbackDeliveries>().then(this, [this](const protocol::CallbackDeliveryList &list) {
        m_deliveries->setRowCount(0);
        m_deliveries->setRowCount(int(list.items.size()));
        for (int row = 0; row < list.items.size(); ++row) {
            const protocol::CallbackDelivery &d = list.items.at(row);
            cell(m_deliveries, row, DeliveryWhenColumn, AdminText::when(d.createdAt, QString()))->setData(kIdRole, d.id);
            QString kind = d.kind;
            if (d.kind == QLatin1String("notification.status"))
                kind = tr("Status of a notification");
            else if (d.kind == QLatin1String("notification.reply"))
                kind = tr("Candidate's reply");
            else if (d.kind == QLatin1String("test"))
                kind = tr("Test");
            cell(m_deliveries, row, DeliveryKindColumn, kind);
            QString state = d.state;
            if (d.state == QLatin1String("delivered"))
                state = tr("Delivered");
            else if (d.state == QLatin1String("pending"))
                state = d.nextAttemptAt && *d.nextAttemptAt < std::numeric_limits<qint64>::max() / 2
                    ? tr("Retrying %1").arg(AdminText::when(*d.nextAttemptAt, QString()))
                    : tr("Pending");
            else if (d.state == QLatin1String("failed"))
                state = tr("Failed");
            QTableWidgetItem *stateCell = cell(m_deliveries, row, DeliveryStateColumn, state);
            if (d.state == QLatin1String("failed"))
                stateCell->setForeground(theme::danger());
            cell(m_deliveries, row, DeliveryAttemptsColumn, QString::number(d.attempts));
            const QString answer = d.lastStatus ? QStringLiteral("%1 %2").arg(*d.lastStatus).arg(d.lastAnswer.simplified()) : d.lastAnswer.simplified();
            cell(m_deliveries, row, DeliveryAnswerColumn, answer)->setToolTip(d.lastAnswer);
        }
        m_deliveries->setVisible(!list.items.isEmpty());
        m_deliveriesEmpty->setVisible(list.items.isEmpty());
    }, [](const client::ApiError &) {});
}

// --- settings -------------------------------------------------------------------------------

QString NotificationsPage::regionCode() const
{
    const QString text = m_region->currentText().trimmed();
    for (int i = 0; i < m_region->count(); ++i)
        if (m_region->itemText(i).compare(text, Qt::CaseInsensitive) == 0
            || m_region->itemData(i, kCountryNameRole).toString().compare(text, Qt::CaseInsensitive) == 0
            || m_region->itemData(i).toString().compare(text, Qt::CaseInsensitive) == 0)
            return m_region->itemData(i).toString();
    static const QRegularExpression code(QStringLiteral("\\(([A-Za-z]{2})\\)$"));
    if (const QRegularExpressionMatch m = code.match(text); m.hasMatch())
        return m.captured(1).toUpper();
    // Anything else goes as typed: the server says what is wrong with it.
    return text.size() == 2 ? text.toUpper() : text;
}

QStringList NotificationsPage::keywordList() const
{
    return cleanKeywords(m_optOutKeywords->toPlainText().split(QLatin1Char('\n')));
}

protocol::UpdateTenantSettings NotificationsPage::settingsChanges() const
{
    protocol::UpdateTenantSettings c;
    if (const QString region = regionCode(); region.compare(m_settings.defaultRegion, Qt::CaseInsensitive) != 0)
        c.defaultRegion = region;
    if (const QString zone = m_timeZone->currentText().trimmed(); zone != m_settings.timeZone)
        c.timeZone = zone;
    if (const QString language = m_language->currentData().toString(); language != m_settings.language)
        c.language = language;
    if (m_quietHours->isChecked() != m_settings.quietHoursEnabled)
        c.quietHoursEnabled = m_quietHours->isChecked();
    if (const QString start = m_quietStart->time().toString(kTimeFormat); start != m_settings.quietStart)
        c.quietStart = start;
    if (const QString end = m_quietEnd->time().toString(kTimeFormat); end != m_settings.quietEnd)
        c.quietEnd = end;
    if (const QStringList keywords = keywordList(); keywords != cleanKeywords(m_settings.optOutKeywords))
        c.optOutKeywords = keywords;
    if (const QString reply = m_optOutReply->toPlainText().trimmed(); reply != m_settings.optOutReply.trimmed())
        c.optOutReply = reply;
    return c;
}

void NotificationsPage::showNotificationSettings(const protocol::TenantSettings &settings, bool fill)
{
    m_settingsLoading->hide();
    m_settingsLoadError->hide();
    m_settingsRetry->hide();
    m_settingsForm->setEnabled(true);
    if (fill || !m_settingsShown) {
        m_fillingSettings = true;
        int region = m_region->findData(settings.defaultRegion.toUpper());
        if (region < 0 && !settings.defaultRegion.isEmpty()) {
            m_region->addItem(settings.defaultRegion.toUpper(), settings.defaultRegion.toUpper());
            region = m_region->count() - 1;
        }
        if (region >= 0)
            m_region->setCurrentIndex(region);
        m_region->setEditText(region >= 0 ? m_region->itemText(region) : QString());
        int zone = m_timeZone->findText(settings.timeZone);
        if (zone < 0 && !settings.timeZone.isEmpty()) {
            m_timeZone->addItem(settings.timeZone);
            zone = m_timeZone->count() - 1;
        }
        if (zone >= 0)
            m_timeZone->setCurrentIndex(zone);
        m_timeZone->setEditText(settings.timeZone);
        int language = m_language->findData(settings.language);
        if (language < 0) {
            m_language->addItem(settings.language, settings.language);
            language = m_language->count() - 1;
        }
        m_language->setCurrentIndex(language);
        m_quietHours->setChecked(settings.quietHoursEnabled);
        m_quietStart->setTime(QTime::fromString(settings.quietStart, kTimeFormat));
        m_quietEnd->setTime(QTime::fromString(settings.quietEnd, kTimeFormat));
        m_optOutKeywords->setPlainText(cleanKeywords(settings.optOutKeywords).join(QLatin1Char('\n')));
        m_optOutReply->setPlainText(settings.optOutReply);
        m_fillingSettings = false;
        clearSettingsErrors();
    }
    m_settingsShown = true;
    updateSettingsActions();
}

void NotificationsPage::updateSettingsActions()
{
    const bool changed = m_settingsShown && hasChanges(settingsChanges());
    m_saveSettings->setEnabled(changed && !m_savingSettings);
    m_discardSettings->setEnabled(changed && !m_savingSettings);
    m_quietStart->setEnabled(m_quietHours->isChecked());
    m_quietEnd->setEnabled(m_quietHours->isChecked());
}

void NotificationsPage::clearSettingsErrors()
{
    for (QLabel *error : std::as_const(m_settingErrors)) {
        error->clear();
        error->hide();
    }
    m_settingsResult->hide();
}

void NotificationsPage::discardNotificationSettings()
{
    showNotificationSettings(m_settings, true);
}

void NotificationsPage::saveNotificationSettings()
{
    const protocol::UpdateTenantSettings change = settingsChanges();
    if (!hasChanges(change) || m_savingSettings)
        return;
    clearSettingsErrors();
    // Two letters that name no country: the server stores them (its check
    // does not catch them) and every number without +country would fail.
    static const QRegularExpression twoLetters(QStringLiteral("^[A-Za-z]{2}$"));
    if (change.defaultRegion && twoLetters.match(*change.defaultRegion).hasMatch()
        && QLocale::codeToTerritory(*change.defaultRegion) == QLocale::AnyTerritory) {
        QLabel *error = m_settingErrors.value(QStringLiteral("default_region"));
        error->setText(unknownCountry(*change.defaultRegion));
        error->show();
        m_region->setFocus(Qt::OtherFocusReason);
        Q_EMIT notificationSettingsSaved(false);
        return;
    }
    m_savingSettings = true;
    updateSettingsActions();
    m_api->call<protocol::route::UpdateTenantSettings>(change).then(this, [this](const protocol::TenantSettings &settings) {
        m_savingSettings = false;
        m_settings = settings;
        showNotificationSettings(settings, true);
        m_settingsResult->setStyleSheet(QStringLiteral("color: %1").arg(theme::accent().darker(130).name()));
        m_settingsResult->setText(tr("Saved."));
        m_settingsResult->show();
        Q_EMIT notificationSettingsSaved(true);
    }, [this](const client::ApiError &error) {
        m_savingSettings = false;
        updateSettingsActions();
        showSettingsError(error);
        Q_EMIT notificationSettingsSaved(false);
    });
}

QString NotificationsPage::unknownCountry(const QString &code) const
{
    return tr("“%1” is not a country Puente knows. Choose one from the list, or type its two-letter code (ES, MX, CO…).").arg(code);
}

void NotificationsPage::showSettingsError(const client::ApiError &error)
{
    const QString &field = error.field;
    QString text;
    if (field == QLatin1String("default_region"))
        text = error.message.contains(QLatin1String("libphonenumber")) ? unknownCountry(regionCode())
                                                                       : tr("Choose a country from the list, or type its two-letter code (ES, MX, CO…).");
    else if (field == QLatin1String("time_zone"))
        text = tr("“%1” is not a time zone. Choose one from the list, such as Europe/Madrid or America/Mexico_City.")
                   .arg(m_timeZone->currentText().trimmed());
    else if (field == QLatin1String("language"))
        text = tr("Choose Español or English.");
    else if (field == QLatin1String("quiet_start") || field == QLatin1String("quiet_end"))
        text = tr("Give the time as HH:MM, such as 21:00.");
    else if (field == QLatin1String("opt_out_keywords"))
        text = error.message.contains(QLatin1String("at most 20")) ? tr("At most 20 keywords.")
                                                                   : tr("Each keyword is a word or two, at most 40 characters.");
    else if (field == QLatin1String("opt_out_reply"))
        text = error.message.contains(QLatin1String("longer than")) ? tr("The reply is too long: at most 1,024 characters.")
                                                                    : tr("Write the reply: it cannot be empty.");
    QLabel *label = m_settingErrors.value(field);
    if (label && !text.isEmpty() && error.kind == client::ApiError::Kind::Invalid) {
        label->setText(text);
        label->show();
        if (QWidget *widget = m_settingFields.value(field))
            widget->setFocus(Qt::OtherFocusReason);
        return;
    }
    m_settingsResult->setStyleSheet(QStringLiteral("color: %1").arg(theme::danger().name()));
    m_settingsResult->setText(tr("Not saved: %1").arg(AdminText::actionError(error)));
    m_settingsResult->show();
}

} // namespace puente::ui
