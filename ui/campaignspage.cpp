#include "campaignspage.h"

#include "campaignwizard.h"
#include "metatext.h"
#include "notificationspage.h"
#include "theme.h"

#include <QApplication>
#include <QDateTime>
#include <QFileDialog>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLocale>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSaveFile>
#include <QScrollArea>
#include <QSplitter>
#include <QStandardPaths>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <limits>

namespace puente::ui {

using protocol::CampaignState;

// --- words ----------------------------------------------------------------------------------

QString CampaignText::stateText(CampaignState state)
{
    switch (state) {
    case CampaignState::Draft: return tr("Draft");
    case CampaignState::Scheduled: return tr("Scheduled");
    case CampaignState::Running: return tr("Running");
    case CampaignState::Paused: return tr("Paused");
    case CampaignState::Finished: return tr("Finished");
    case CampaignState::Cancelled: return tr("Cancelled");
    }
    return protocol::enumName(state);
}

QString CampaignText::at(qint64 msecs)
{
    if (msecs <= 0)
        return QString();
    const QDateTime when = QDateTime::fromMSecsSinceEpoch(msecs);
    const QDate today = QDate::currentDate();
    const QString time = QLocale().toString(when.time(), QLocale::ShortFormat);
    if (when.date() == today)
        return tr("today at %1").arg(time);
    if (when.date() == today.addDays(1))
        return tr("tomorrow at %1").arg(time);
    if (when.date() == today.addDays(-1))
        return tr("yesterday at %1").arg(time);
    return tr("%1 at %2").arg(QLocale().toString(when.date(), QLocale::ShortFormat), time);
}

QString CampaignText::duration(qint64 seconds)
{
    if (seconds <= 1)
        return tr("a second or less");
    if (seconds < 60)
        return tr("about %n second(s)", nullptr, int(std::max<qint64>(1, seconds)));
    if (seconds < 3600)
        return tr("about %n minute(s)", nullptr, int((seconds + 59) / 60));
    if (seconds < 48 * 3600)
        return tr("about %n hour(s)", nullptr, int((seconds + 3599) / 3600));
    return tr("about %n day(s)", nullptr, int((seconds + 86399) / 86400));
}

QString CampaignText::pauseText(const protocol::Campaign &c, bool brief)
{
    const QString &code = c.pauseCode;
    const QString &reason = c.pauseReason;
    if (code == QLatin1String("paused_by_user")) {
        const QString who = reason.startsWith(QLatin1String("paused by ")) ? reason.mid(10).trimmed() : QString();
        return who.isEmpty() ? tr("Paused by hand. Resume it to go on.") : tr("Paused by %1. Resume it to go on.").arg(who);
    }
    if (brief) {
        if (code == QLatin1String("quality_low"))
            return tr("Paused by Puente: the number's quality dropped to red.");
        if (code == QLatin1String("quality_medium"))
            return tr("Paused by Puente: the number's quality dropped to yellow.");
        if (code == QLatin1String("spam_rate_limit"))
            return tr("Paused by Puente: Meta limits the number for spam.");
        if (code == QLatin1String("ecosystem_limit"))
            return tr("Paused by Puente: Meta held messages back.");
        if (code == QLatin1String("token_invalid"))
            return tr("Paused by Puente: Meta refused the access token.");
        if (code == QLatin1String("template_broken"))
            return tr("Paused by Puente: the template cannot be sent.");
        if (code == QLatin1String("plan_limit_reached"))
            return tr("Paused by Puente: the plan's message limit was reached.");
        if (code == QLatin1String("whatsapp_not_configured"))
            return tr("Paused by Puente: WhatsApp is not connected.");
    }
    if (code == QLatin1String("quality_low"))
        return tr("Puente paused it: your number's quality rating dropped to red (low), and Meta may lower its limits or block it. "
                  "Check the templates' feedback in WhatsApp Manager before resuming.");
    if (code == QLatin1String("quality_medium"))
        return tr("Puente paused it: your number's quality rating dropped to yellow (medium), and this campaign was set to pause then.");
    if (code == QLatin1String("spam_rate_limit"))
        return tr("Puente paused it: Meta limits this number for spam (error 131048) because many people blocked or reported it. Wait, "
                  "and review the campaign before resuming.");
    if (code == QLatin1String("ecosystem_limit")) {
        static const QRegularExpression held(QStringLiteral("held back (\\d+) messages"));
        const QRegularExpressionMatch m = held.match(reason);
        return tr("Puente paused it: Meta held back %1 messages in a minute to protect people's experience (error 131049). Resume "
                  "later, or send to fewer people.").arg(m.hasMatch() ? m.captured(1) : QStringLiteral("10"));
    }
    if (code == QLatin1String("token_invalid"))
        return tr("Puente paused it: Meta refused the access token (error 190). Enter a new one on the WhatsApp page, then resume.");
    if (code == QLatin1String("template_broken")) {
        const qsizetype colon = reason.indexOf(QLatin1String(": "));
        const QString why = colon > 0 ? NotificationText::brokenText(reason.mid(colon + 2)) : QString();
        return why.isEmpty() ? tr("Puente paused it: its template cannot be sent any more.")
                             : tr("Puente paused it: its template cannot be sent any more. %1").arg(why);
    }
    if (code == QLatin1String("plan_limit_reached"))
        return tr("Puente paused it: your plan's message limit was reached. An administrator of Puente can raise it; then resume.");
    if (code == QLatin1String("whatsapp_not_configured"))
        return tr("Puente paused it: WhatsApp (Cloud API) is no longer connected for your company. Set it up on the WhatsApp page, "
                  "then resume.");
    return reason.isEmpty() ? tr("Paused.") : tr("Paused: %1").arg(reason);
}

QString CampaignText::waitingText(const protocol::Campaign &c, bool brief)
{
    if (c.waitingCode == QLatin1String("messaging_limit") && brief)
        return c.waitingUntil ? tr("Waiting for Meta's daily limit; goes on by itself %1.").arg(at(c.waitingUntil))
                              : tr("Waiting for Meta's daily limit; goes on by itself.");
    if (c.waitingCode == QLatin1String("messaging_limit")) {
        static const QRegularExpression limit(QStringLiteral("limit of (\\d+) people"));
        const QRegularExpressionMatch m = limit.match(c.waitingReason);
        const QString people = m.hasMatch() ? QLocale().toString(m.captured(1).toLongLong()) : QString();
        const QString until = at(c.waitingUntil);
        if (!people.isEmpty() && !until.isEmpty())
            return tr("Waiting: Meta's limit of %1 people every 24 hours is reached. It goes on by itself %2.").arg(people, until);
        if (!until.isEmpty())
            return tr("Waiting: Meta's messaging limit is reached. It goes on by itself %1.").arg(until);
        return tr("Waiting: Meta's messaging limit is reached. It goes on by itself.");
    }
    return c.waitingReason.isEmpty() ? tr("Waiting.") : tr("Waiting: %1").arg(c.waitingReason);
}

QString CampaignText::note(const protocol::Campaign &c, bool brief)
{
    switch (c.state) {
    case CampaignState::Draft:
        return c.funnel.audience > 0 ? tr("Not started: %n candidate(s) ready.", nullptr, int(c.funnel.audience))
                                     : tr("No list of candidates yet.");
    case CampaignState::Scheduled:
        return c.startAt ? tr("Starts %1.").arg(at(c.startAt)) : tr("Starts soon.");
    case CampaignState::Running:
        if (!c.waitingCode.isEmpty())
            return waitingText(c, brief);
        if (c.expectedEndAt && c.funnel.pending > 0)
            return tr("Sending; ends %1.").arg(at(c.expectedEndAt));
        return tr("Sending the last messages.");
    case CampaignState::Paused:
        return pauseText(c, brief);
    case CampaignState::Finished:
        return c.finishedAt ? tr("Finished %1.").arg(at(c.finishedAt)) : tr("Finished.");
    case CampaignState::Cancelled:
        return c.finishedAt ? tr("Cancelled %1.").arg(at(c.finishedAt)) : tr("Cancelled.");
    }
    return QString();
}

QString CampaignText::issueText(const protocol::AudienceIssue &issue)
{
    const QString &code = issue.code;
    if (code == QLatin1String("invalid_phone_number"))
        return issue.value.isEmpty() ? tr("Not a phone number.")
                                     : tr("“%1” is not a phone number. Write it with its country code, such as +34 612 345 678.").arg(issue.value);
    if (code == QLatin1String("missing_value"))
        return issue.reason == QLatin1String("no phone number") || issue.column.isEmpty()
            ? tr("No phone number.")
            : tr("“%1” is empty, and the message needs it.").arg(issue.column);
    if (code == QLatin1String("value_too_long"))
        return tr("“%1” is longer than WhatsApp allows there (60 characters in a header, 1,024 in the text).").arg(issue.column);
    if (code == QLatin1String("invalid_value"))
        return tr("“%1” cannot be used in the message.").arg(issue.column);
    if (code == QLatin1String("duplicate"))
        return tr("The same number is on an earlier line.");
    if (code == QLatin1String("opted_out") || code == QLatin1String("contact_blocked"))
        return skipText(code, issue.reason);
    return issue.reason;
}

QString CampaignText::skipText(const QString &code, const QString &reason)
{
    if (code == QLatin1String("opted_out"))
        return tr("The candidate asked for no more automatic messages (opt-out).");
    if (code == QLatin1String("contact_blocked"))
        return tr("The candidate is blocked in Conversations.");
    if (code == QLatin1String("missing_data") || code == QLatin1String("missing_value"))
        return tr("A value the message needs was empty.");
    if (code == QLatin1String("plan_limit_reached"))
        return tr("Your plan's message limit was reached.");
    if (code == QLatin1String("whatsapp_not_configured"))
        return tr("WhatsApp was not connected.");
    if (code == QLatin1String("cancelled"))
        return tr("The campaign was cancelled before it was their turn.");
    return reason.isEmpty() ? code : reason;
}

QString CampaignText::failureText(const QString &code, const QString &reason)
{
    bool ok = false;
    const int meta = code.toInt(&ok);
    if (!ok)
        return reason.isEmpty() ? tr("WhatsApp did not say why.") : reason;
    const QString known = MetaText::knownFailure(meta);
    if (!known.isEmpty())
        return known;
    return reason.isEmpty() ? tr("WhatsApp refused the message (Meta's error %1).").arg(meta)
                            : tr("WhatsApp refused the message (Meta's error %1: %2).").arg(meta).arg(reason);
}

QString CampaignText::fileError(const QString &error)
{
    static const QRegularExpression utf16(QStringLiteral("saved as UTF-16"));
    static const QRegularExpression binary(QStringLiteral("^line (\\d+) contains binary data"));
    static const QRegularExpression past(QStringLiteral("could not be read past line (\\d+)"));
    static const QRegularExpression quote(QStringLiteral("^line (\\d+) opens a quotation mark"));
    static const QRegularExpression longLine(QStringLiteral("^line (\\d+) is longer than"));
    static const QRegularExpression longValue(QStringLiteral("^line (\\d+) has a value longer than"));
    static const QRegularExpression columns(QStringLiteral("^line (\\d+) has more than (\\d+) columns"));
    static const QRegularExpression notUtf8(QStringLiteral("^line (\\d+) is not UTF-8"));
    static const QRegularExpression empty(QStringLiteral("^the file is empty"));
    static const QRegularExpression noPhone(QStringLiteral("has no phone column"));
    static const QRegularExpression needs(QStringLiteral("needs a column (\\S+) that the file does not have"));
    QRegularExpressionMatch m;
    if (utf16.match(error).hasMatch())
        return tr("The file is saved as UTF-16 (“Unicode text”), not UTF-8. Save it as “CSV UTF-8” and choose it again.");
    if ((m = binary.match(error)).hasMatch())
        return tr("Line %1 contains binary data: this is not a CSV text file. Save it as “CSV UTF-8” and choose it again.").arg(m.captured(1));
    if ((m = past.match(error)).hasMatch())
        return tr("The file could not be read past line %1. Choose it again.").arg(m.captured(1));
    if ((m = quote.match(error)).hasMatch())
        return tr("Line %1 opens a quotation mark (\") that is never closed. Close it in the file and choose the file again.").arg(m.captured(1));
    if ((m = longLine.match(error)).hasMatch() || (m = longValue.match(error)).hasMatch())
        return tr("Line %1 is far longer than in any list of candidates. Check that every quotation mark (\") is closed, or that this is "
                  "the right file.").arg(m.captured(1));
    if ((m = columns.match(error)).hasMatch())
        return tr("Line %1 has more than %2 columns. Check that the file is separated by commas or semicolons, or that this is the "
                  "right file.").arg(m.captured(1), m.captured(2));
    if ((m = notUtf8.match(error)).hasMatch())
        return tr("Line %1 is not UTF-8 text. Save the file as “CSV UTF-8” and choose it again.").arg(m.captured(1));
    if (empty.match(error).hasMatch())
        return tr("The file is empty. Its first line names the columns (telefono, nombre…), then one line per candidate.");
    if (noPhone.match(error).hasMatch())
        return tr("The file has no column with the phone numbers. Its first line must name one “telefono” (or phone, movil, celular, "
                  "mobile, whatsapp, numero).");
    if ((m = needs.match(error)).hasMatch())
        return tr("The template needs the column “%1”, which the file does not have.").arg(m.captured(1));
    return tr("The file cannot be used: %1").arg(error);
}

QString CampaignText::actionError(const client::ApiError &error)
{
    using protocol::ErrorCode;
    const QString &message = error.message;
    switch (error.code) {
    case ErrorCode::CampaignNotReady: {
        if (message.contains(QLatin1String("nobody to send to")))
            return tr("This campaign has nobody to send to yet: give it a list of candidates (a CSV file) first.");
        if (message.contains(QLatin1String("still being imported")))
            return tr("Its list of candidates is still being checked. Try again in a moment.");
        static const QRegularExpression broken(QStringLiteral("cannot be sent: (.*)$"));
        if (const QRegularExpressionMatch m = broken.match(message); m.hasMatch())
            return tr("The campaign cannot be sent: %1").arg(NotificationText::brokenText(m.captured(1)));
        if (message.contains(QLatin1String("is gone")))
            return tr("The campaign's template no longer exists. Sync the templates, or make a new campaign with another one.");
        return tr("The campaign is not ready to start: %1").arg(message);
    }
    case ErrorCode::WhatsAppNotConfigured:
        return tr("Campaigns go out through the WhatsApp Cloud API, and it is not connected for your company. Set it up on the WhatsApp "
                  "page first.");
    case ErrorCode::InvalidState:
        return tr("The campaign cannot do that in its current state: someone may have changed it meanwhile. The list has been reloaded.");
    case ErrorCode::CampaignNotEditable:
        return tr("Only a draft can be changed or deleted. Cancel the campaign instead.");
    case ErrorCode::PlanLimitReached: {
        static const QRegularExpression most(QStringLiteral("at most (\\d+) recipients"));
        if (const QRegularExpressionMatch m = most.match(message); m.hasMatch())
            return tr("Your plan sends a campaign to at most %1 candidates, and the file has more. Split the file, or ask for a bigger plan.")
                .arg(QLocale().toString(m.captured(1).toLongLong()));
        return tr("Your plan's limit was reached. An administrator of Puente can raise it.");
    }
    case ErrorCode::InvalidAudience:
        return fileError(message);
    case ErrorCode::InvalidField:
    case ErrorCode::MissingField:
        if (error.field == QLatin1String("name"))
            return tr("Give the campaign a name (at most 200 characters).");
        if (error.field == QLatin1String("template") || error.field == QLatin1String("language"))
            return tr("That template no longer exists in this language. Sync the templates, or choose another one.");
        if (error.field.startsWith(QLatin1String("header")) || error.field.startsWith(QLatin1String("body"))
            || error.field.startsWith(QLatin1String("buttons")))
            return tr("Choose a column, or write the fixed text.");
        return AdminText::actionError(error);
    case ErrorCode::TooLarge:
        return tr("The file is too large: at most 64 MB.");
    case ErrorCode::UnsupportedMediaType:
        return tr("The file must be CSV: from a spreadsheet, save it as “CSV UTF-8”.");
    case ErrorCode::NotFound:
        return tr("The campaign no longer exists: someone may have deleted it. The list has been reloaded.");
    default:
        return AdminText::actionError(error);
    }
}

qint64 CampaignText::handedOver(const protocol::CampaignFunnel &f)
{
    return std::max<qint64>(0, f.audience - f.pending - f.cancelled);
}

// --- the page -------------------------------------------------------------------------------

namespace {

enum Column { NameColumn, StateColumn, ProgressColumn, SentColumn, DeliveredColumn, ReadColumn, RepliedColumn, FailedColumn, NoteColumn };
enum RecipientColumn { PhoneColumn, CandidateColumn, CodeColumn, ReasonColumn };
constexpr int kIdRole = Qt::UserRole + 1;
constexpr int kDoneRole = Qt::UserRole + 2;
constexpr int kTotalRole = Qt::UserRole + 3;
constexpr int kRefreshMs = 3000;
constexpr qint64 kTrailingMs = 2 * 60 * 1000; // statuses still arriving after the end

// The funnel as people read it: each step counts those who got at least
// that far (a read message was also sent and delivered).
qint64 sentOf(const protocol::CampaignFunnel &f)
{
    return f.sent + f.delivered + f.read;
}
qint64 deliveredOf(const protocol::CampaignFunnel &f)
{
    return f.delivered + f.read;
}

// A progress bar painted in the cell: handed to WhatsApp of the audience.
class ProgressDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem item = option;
        initStyleOption(&item, index);
        const QString text = item.text;
        item.text.clear();
        const QWidget *widget = option.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &item, painter, widget);
        QStyleOptionProgressBar bar;
        bar.rect = option.rect.adjusted(4, 3, -8, -3);
        bar.state = QStyle::State_Enabled | QStyle::State_Horizontal;
        bar.direction = option.direction;
        bar.fontMetrics = option.fontMetrics;
        bar.palette = option.palette;
        bar.minimum = 0;
        bar.maximum = int(std::max<qint64>(1, index.data(kTotalRole).toLongLong()));
        bar.progress = int(std::min<qint64>(bar.maximum, index.data(kDoneRole).toLongLong()));
        bar.text = text;
        bar.textVisible = true;
        bar.textAlignment = Qt::AlignCenter;
        style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
    }
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QSize size = QStyledItemDelegate::sizeHint(option, index);
        size.setWidth(std::max(size.width() + 24, 150));
        return size;
    }
};

QLabel *mutedLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: %1").arg(theme::muted().name()));
    return label;
}

QLabel *boldLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    return label;
}

QString number(qint64 n)
{
    return QLocale().toString(n);
}

QString stateStyle(CampaignState state)
{
    QString colour = theme::muted().name();
    if (state == CampaignState::Running)
        colour = theme::accent().darker(130).name();
    else if (state == CampaignState::Paused)
        colour = QStringLiteral("#b06000");
    else if (state == CampaignState::Scheduled)
        colour = QStringLiteral("#1a73e8");
    return QStringLiteral("color: %1; font-weight: bold").arg(colour);
}

} // namespace

CampaignsPage::CampaignsPage(client::ApiClient *api, QWidget *parent)
    : AdminPage(api, tr("Campaigns"),
                tr("A campaign sends one approved template to a list of candidates from a CSV file, at your number's pace and within "
                   "Meta's limits. Follow how many received, read and answered it, and why some did not."),
                parent)
{
    m_new = addAction(tr("New campaign…"), &CampaignsPage::newCampaign);
    m_new->setObjectName(QStringLiteral("newCampaign"));
    auto *reload = addAction(tr("Refresh"), &CampaignsPage::refresh);
    reload->setObjectName(QStringLiteral("refresh"));
    addNotice();
    addState();

    m_empty = new QWidget(body());
    m_empty->setObjectName(QStringLiteral("emptyState"));
    auto *emptyLayout = new QVBoxLayout(m_empty);
    emptyLayout->setContentsMargins(0, 48, 0, 0);
    // A column of fixed width, so that the wrapped text gets its lines.
    auto *emptyColumn = new QWidget(m_empty);
    emptyColumn->setFixedWidth(560);
    auto *emptyColumnLayout = new QVBoxLayout(emptyColumn);
    emptyColumnLayout->setSpacing(10);
    auto *emptyTitle = boldLabel(tr("No campaigns yet."), emptyColumn);
    QFont emptyFont = emptyTitle->font();
    emptyFont.setPointSizeF(emptyFont.pointSizeF() * 1.2);
    emptyTitle->setFont(emptyFont);
    emptyTitle->setAlignment(Qt::AlignHCenter);
    emptyColumnLayout->addWidget(emptyTitle);
    auto *emptyText = mutedLabel(tr("Export your candidates from a spreadsheet as a CSV file (a column with their phone numbers, and any "
                                    "others the message needs), choose an approved template, and Puente sends it to each of them."),
                                 emptyColumn);
    emptyText->setAlignment(Qt::AlignHCenter);
    emptyColumnLayout->addWidget(emptyText);
    m_emptyNew = new QPushButton(tr("New campaign…"), emptyColumn);
    m_emptyNew->setObjectName(QStringLiteral("emptyNewCampaign"));
    emptyColumnLayout->addWidget(m_emptyNew, 0, Qt::AlignHCenter);
    // Centred by stretches, not by alignment: an aligned widget gets the
    // height of its size hint, too short for the wrapped text.
    auto *centred = new QHBoxLayout;
    centred->addStretch();
    centred->addWidget(emptyColumn);
    centred->addStretch();
    emptyLayout->addLayout(centred);
    emptyLayout->addStretch();
    connect(m_emptyNew, &QPushButton::clicked, this, &CampaignsPage::newCampaign);
    m_empty->hide();
    column()->addWidget(m_empty, 1);

    m_split = new QSplitter(Qt::Vertical, body());
    m_split->setChildrenCollapsible(false);
    m_table = new QTableWidget(0, 9, m_split);
    m_table->setObjectName(QStringLiteral("campaigns"));
    m_table->setAccessibleName(tr("Campaigns"));
    m_table->setHorizontalHeaderLabels({tr("Campaign"), tr("State"), tr("Progress"), tr("Sent"), tr("Delivered"), tr("Read"), tr("Replied"),
                                        tr("Failed"), tr("Why / when")});
    setUpTable(m_table, NoteColumn);
    m_table->setItemDelegateForColumn(ProgressColumn, new ProgressDelegate(m_table));
    m_table->horizontalHeaderItem(ProgressColumn)->setToolTip(tr("Messages handed to WhatsApp, of the candidates on the list"));
    for (int c = SentColumn; c <= FailedColumn; ++c)
        m_table->horizontalHeaderItem(c)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_split->addWidget(m_table);
    m_split->addWidget(buildView(m_split));
    m_split->setStretchFactor(0, 1);
    m_split->setStretchFactor(1, 2);
    // The view needs its room; a few campaigns fit above it (the
    // splitter moves for more).
    m_split->setSizes({220, 500});
    m_split->hide();
    column()->addWidget(m_split, 1);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &CampaignsPage::showView);

    m_timer = new QTimer(this);
    m_timer->setObjectName(QStringLiteral("refreshTimer"));
    m_timer->setInterval(kRefreshMs);
    connect(m_timer, &QTimer::timeout, this, &CampaignsPage::load);
    refresh();
}

QWidget *CampaignsPage::buildView(QWidget *parent)
{
    auto *scroll = new QScrollArea(parent);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_view = new QWidget(scroll);
    m_view->setObjectName(QStringLiteral("campaignView"));
    auto *outer = new QVBoxLayout(m_view);
    outer->setContentsMargins(0, 8, 0, 0);
    m_viewPlaceholder = mutedLabel(tr("Select a campaign to see how it is going."), m_view);
    outer->addWidget(m_viewPlaceholder);
    m_viewBody = new QWidget(m_view);
    outer->addWidget(m_viewBody, 1);
    auto *layout = new QVBoxLayout(m_viewBody);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *head = new QHBoxLayout;
    m_viewTitle = new QLabel(m_viewBody);
    m_viewTitle->setObjectName(QStringLiteral("viewTitle"));
    QFont big = m_viewTitle->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.2);
    m_viewTitle->setFont(big);
    m_viewTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    head->addWidget(m_viewTitle);
    m_viewState = new QLabel(m_viewBody);
    m_viewState->setObjectName(QStringLiteral("viewState"));
    head->addWidget(m_viewState);
    head->addStretch();
    m_start = new QPushButton(tr("Start"), m_viewBody);
    m_start->setObjectName(QStringLiteral("start"));
    m_pause = new QPushButton(tr("Pause"), m_viewBody);
    m_pause->setObjectName(QStringLiteral("pause"));
    m_resume = new QPushButton(tr("Resume"), m_viewBody);
    m_resume->setObjectName(QStringLiteral("resume"));
    m_cancel = new QPushButton(tr("Cancel campaign…"), m_viewBody);
    m_cancel->setObjectName(QStringLiteral("cancelCampaign"));
    m_delete = new QPushButton(tr("Delete…"), m_viewBody);
    m_delete->setObjectName(QStringLiteral("deleteCampaign"));
    m_download = new QPushButton(tr("Download results…"), m_viewBody);
    m_download->setObjectName(QStringLiteral("downloadResults"));
    for (QPushButton *b : {m_start, m_pause, m_resume, m_cancel, m_delete, m_download})
        head->addWidget(b);
    layout->addLayout(head);
    connect(m_start, &QPushButton::clicked, this, &CampaignsPage::startCampaign);
    connect(m_pause, &QPushButton::clicked, this, &CampaignsPage::pauseCampaign);
    connect(m_resume, &QPushButton::clicked, this, &CampaignsPage::resumeCampaign);
    connect(m_cancel, &QPushButton::clicked, this, &CampaignsPage::cancelCampaign);
    connect(m_delete, &QPushButton::clicked, this, &CampaignsPage::deleteCampaign);
    connect(m_download, &QPushButton::clicked, this, &CampaignsPage::chooseResultsFile);

    m_viewNote = new QLabel(m_viewBody);
    m_viewNote->setObjectName(QStringLiteral("viewNote"));
    m_viewNote->setWordWrap(true);
    m_viewNote->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_viewNote);
    m_viewTimes = mutedLabel(QString(), m_viewBody);
    m_viewTimes->setObjectName(QStringLiteral("viewTimes"));
    layout->addWidget(m_viewTimes);

    auto *columns = new QHBoxLayout;
    columns->setSpacing(16);
    layout->addLayout(columns, 1);

    auto *funnelBox = new QGroupBox(tr("Funnel"), m_viewBody);
    funnelBox->setObjectName(QStringLiteral("funnel"));
    auto *funnelGrid = new QGridLayout(funnelBox);
    funnelGrid->setVerticalSpacing(4);
    funnelGrid->setColumnStretch(1, 1);
    const std::pair<const char *, QString> steps[] = {
        {"audience", tr("Candidates")},
        {"pending", tr("Waiting their turn")},
        {"queued", tr("Being sent")},
        {"sent", tr("Sent")},
        {"delivered", tr("Delivered")},
        {"read", tr("Read")},
        {"replied", tr("Replied")},
        {"failed", tr("Failed")},
        {"skipped", tr("Not sent")},
        {"cancelled", tr("Cancelled")},
    };
    int row = 0;
    for (const auto &[key, label] : steps) {
        FunnelRow f;
        f.label = new QLabel(label, funnelBox);
        f.bar = new QProgressBar(funnelBox);
        f.bar->setObjectName(QStringLiteral("funnel_%1").arg(QLatin1String(key)));
        f.bar->setTextVisible(false);
        f.bar->setMaximumHeight(12);
        f.bar->setMinimumWidth(120);
        f.bar->setAccessibleName(label);
        f.number = new QLabel(funnelBox);
        f.number->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        f.number->setMinimumWidth(90);
        funnelGrid->addWidget(f.label, row, 0);
        funnelGrid->addWidget(f.bar, row, 1);
        funnelGrid->addWidget(f.number, row, 2);
        m_funnel.insert(QLatin1String(key), f);
        ++row;
    }
    funnelGrid->addWidget(mutedLabel(tr("Each step counts everyone who got that far: a message read was also sent and delivered. "
                                        "Replied: wrote back within 72 hours."), funnelBox),
                          row, 0, 1, 3);
    // The funnel at its own height, the room under it left empty.
    auto *left = new QVBoxLayout;
    left->addWidget(funnelBox);
    left->addStretch();
    columns->addLayout(left, 2);

    auto *right = new QVBoxLayout;
    columns->addLayout(right, 3);
    auto *whyBox = new QGroupBox(tr("Why some did not receive it"), m_viewBody);
    auto *whyLayout = new QVBoxLayout(whyBox);
    m_failures = new QLabel(whyBox);
    m_failures->setObjectName(QStringLiteral("failures"));
    m_failures->setWordWrap(true);
    m_failures->setTextFormat(Qt::RichText);
    m_failures->setTextInteractionFlags(Qt::TextSelectableByMouse);
    whyLayout->addWidget(m_failures);
    m_skips = new QLabel(whyBox);
    m_skips->setObjectName(QStringLiteral("skips"));
    m_skips->setWordWrap(true);
    m_skips->setTextFormat(Qt::RichText);
    m_skips->setTextInteractionFlags(Qt::TextSelectableByMouse);
    whyLayout->addWidget(m_skips);
    whyBox->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    right->addWidget(whyBox);
    right->addWidget(boldLabel(tr("Failed recipients"), m_viewBody));
    m_failedNote = mutedLabel(QString(), m_viewBody);
    m_failedNote->setObjectName(QStringLiteral("failedNote"));
    right->addWidget(m_failedNote);
    m_failed = new QTableWidget(0, 4, m_viewBody);
    m_failed->setObjectName(QStringLiteral("failedRecipients"));
    m_failed->setAccessibleName(tr("Failed recipients"));
    m_failed->setHorizontalHeaderLabels({tr("Phone"), tr("Candidate"), tr("Error"), tr("Why")});
    setUpTable(m_failed, ReasonColumn);
    m_failed->setMinimumHeight(110);
    right->addWidget(m_failed, 1);
    // Takes the room while the table is hidden (none failed).
    right->addStretch();

    scroll->setWidget(m_view);
    scroll->viewport()->setAutoFillBackground(false);
    m_view->setAutoFillBackground(false);
    m_viewBody->hide();
    return scroll;
}

void CampaignsPage::refresh()
{
    load();
}

void CampaignsPage::showEvent(QShowEvent *event)
{
    AdminPage::showEvent(event);
    // Coming back to the page: what changed meanwhile, then the timer.
    if (m_loadedOnce)
        load();
    updateTimer();
}

void CampaignsPage::hideEvent(QHideEvent *event)
{
    AdminPage::hideEvent(event);
    m_timer->stop();
}

void CampaignsPage::updateTimer()
{
    // While one runs or waits to start, and for a while after one ended:
    // WhatsApp's statuses (delivered, read) and replies still come in.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    bool live = false;
    for (const protocol::Campaign &c : std::as_const(m_campaigns))
        live = live || c.state == CampaignState::Running || c.state == CampaignState::Scheduled
               || (c.finishedAt && now - *c.finishedAt < kTrailingMs && c.funnel.audience > c.funnel.cancelled);
    if (live && isVisible()) {
        if (!m_timer->isActive())
            m_timer->start();
    } else {
        m_timer->stop();
    }
}

void CampaignsPage::load()
{
    const int seq = ++m_loadSeq;
    m_state->load(m_api->call<protocol::route::ListCampaigns>(), this, tr("the campaigns"), [this, seq](const protocol::CampaignList &list) {
        if (seq != m_loadSeq)
            return;
        m_loadedOnce = true;
        m_campaigns = list.items;
        showCampaigns();
        Q_EMIT campaignsLoaded();
        Q_EMIT loaded(true);
    }, [this, seq](const client::ApiError &) {
        if (seq != m_loadSeq)
            return;
        // A list already shown stays (the state says it could not be
        // refreshed); without one, nothing but the state.
        if (m_campaigns.isEmpty()) {
            m_split->hide();
            m_empty->hide();
        }
        m_timer->stop();
        Q_EMIT loaded(false);
    }, m_campaigns.isEmpty() && !m_loadedOnce ? PageState::Loading::Shown : PageState::Loading::Quiet);
}

int CampaignsPage::rowOf(const QString &name) const
{
    for (int row = 0; row < m_table->rowCount(); ++row)
        if (const QTableWidgetItem *item = m_table->item(row, NameColumn); item && item->text() == name)
            return row;
    return -1;
}

std::pair<qint64, qint64> CampaignsPage::progressOf(int row) const
{
    const QTableWidgetItem *item = m_table->item(row, ProgressColumn);
    return item ? std::pair{item->data(kDoneRole).toLongLong(), item->data(kTotalRole).toLongLong()} : std::pair<qint64, qint64>{0, 0};
}

qint64 CampaignsPage::selectedCampaignId() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return 0;
    const QTableWidgetItem *first = m_table->item(rows.first().row(), NameColumn);
    return first ? first->data(kIdRole).toLongLong() : 0;
}

bool CampaignsPage::selectCampaign(qint64 id)
{
    for (int row = 0; id != 0 && row < m_table->rowCount(); ++row)
        if (m_table->item(row, NameColumn) && m_table->item(row, NameColumn)->data(kIdRole).toLongLong() == id) {
            m_table->selectRow(row);
            return true;
        }
    return false;
}

std::optional<protocol::Campaign> CampaignsPage::selected() const
{
    const qint64 id = selectedCampaignId();
    for (const protocol::Campaign &c : m_campaigns)
        if (id != 0 && c.id == id)
            return c;
    return std::nullopt;
}

void CampaignsPage::showCampaigns()
{
    const qint64 selectedId = selectedCampaignId();
    {
        const QSignalBlocker block(m_table);
        m_table->setRowCount(0);
        m_table->setRowCount(int(m_campaigns.size()));
        for (int row = 0; row < m_campaigns.size(); ++row)
            showRow(row, m_campaigns.at(row));
        // The one selected stays; without one, the newest is shown.
        if (!selectCampaign(selectedId) && !m_campaigns.isEmpty())
            m_table->selectRow(0);
    }
    const bool none = m_campaigns.isEmpty();
    m_empty->setVisible(none);
    m_split->setVisible(!none);
    showView();
    updateTimer();
}

void CampaignsPage::showRow(int row, const protocol::Campaign &c)
{
    const bool muted = c.state == CampaignState::Cancelled;
    auto cell = [&](int column, const QString &text) {
        auto *item = new QTableWidgetItem(text);
        if (muted)
            item->setForeground(theme::muted());
        m_table->setItem(row, column, item);
        return item;
    };
    QTableWidgetItem *name = cell(NameColumn, c.name);
    name->setData(kIdRole, c.id);
    name->setToolTip(QStringLiteral("%1 (%2)").arg(c.templateName, c.language));
    QTableWidgetItem *state = cell(StateColumn, CampaignText::stateText(c.state));
    if (c.state == CampaignState::Paused)
        state->setForeground(QColor(QStringLiteral("#b06000")));
    else if (c.state == CampaignState::Running)
        state->setForeground(theme::accent().darker(130));
    const protocol::CampaignFunnel &f = c.funnel;
    const qint64 done = CampaignText::handedOver(f);
    QTableWidgetItem *progress = cell(ProgressColumn, f.audience > 0 ? tr("%1 of %2").arg(number(done), number(f.audience)) : tr("No list"));
    progress->setData(kDoneRole, done);
    progress->setData(kTotalRole, f.audience);
    progress->setToolTip(tr("%1 of %2 candidates handed to WhatsApp").arg(number(done), number(f.audience)));
    for (const auto &[column, value] : {std::pair{int(SentColumn), sentOf(f)}, std::pair{int(DeliveredColumn), deliveredOf(f)},
                                       std::pair{int(ReadColumn), f.read}, std::pair{int(RepliedColumn), f.replied},
                                       std::pair{int(FailedColumn), f.failed}}) {
        QTableWidgetItem *item = cell(column, number(value));
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        if (column == FailedColumn && value > 0)
            item->setForeground(theme::danger());
    }
    cell(NoteColumn, CampaignText::note(c, true))->setToolTip(CampaignText::note(c));
}

QString CampaignsPage::funnelValue(const QString &key) const
{
    const auto it = m_funnel.constFind(key);
    return it == m_funnel.constEnd() ? QString() : it->number->text();
}

void CampaignsPage::showView()
{
    const auto c = selected();
    m_viewPlaceholder->setVisible(!c);
    m_viewBody->setVisible(bool(c));
    if (!c) {
        m_failedFor = 0;
        return;
    }
    m_viewTitle->setText(c->name);
    m_viewState->setText(CampaignText::stateText(c->state));
    m_viewState->setStyleSheet(stateStyle(c->state));
    // What the times below do not say already: why it is paused or
    // waiting, how it goes, how many are ready.
    const bool saysMore = c->state == CampaignState::Paused || c->state == CampaignState::Running || c->state == CampaignState::Draft;
    m_viewNote->setText(saysMore ? CampaignText::note(*c) : QString());
    m_viewNote->setVisible(saysMore);
    m_viewNote->setStyleSheet(c->state == CampaignState::Paused || !c->waitingCode.isEmpty()
                                  ? QStringLiteral("QLabel { background: %1; border-radius: 6px; padding: 6px 10px; }")
                                        .arg(theme::warningBackground().name())
                                  : QString());

    QStringList times;
    times.append(tr("Template: %1 (%2)").arg(c->templateName, c->language));
    times.append(tr("Created %1").arg(CampaignText::at(c->createdAt)));
    if (c->startedAt)
        times.append(tr("started %1").arg(CampaignText::at(c->startedAt)));
    else if (c->startAt && (c->state == CampaignState::Scheduled || c->state == CampaignState::Draft || c->state == CampaignState::Paused))
        times.append(tr("starts %1").arg(CampaignText::at(c->startAt)));
    if (c->expectedEndAt && c->state == CampaignState::Running)
        times.append(tr("expected to end %1").arg(CampaignText::at(c->expectedEndAt)));
    if (c->finishedAt)
        times.append(c->state == CampaignState::Cancelled ? tr("cancelled %1").arg(CampaignText::at(c->finishedAt))
                                                          : tr("finished %1").arg(CampaignText::at(c->finishedAt)));
    m_viewTimes->setText(times.join(QStringLiteral(" · ")));

    const protocol::CampaignFunnel &f = c->funnel;
    const qint64 audience = std::max<qint64>(1, f.audience);
    const std::pair<const char *, qint64> values[] = {
        {"audience", f.audience}, {"pending", f.pending}, {"queued", f.queued},     {"sent", sentOf(f)},       {"delivered", deliveredOf(f)},
        {"read", f.read},         {"replied", f.replied}, {"failed", f.failed},     {"skipped", f.skipped},    {"cancelled", f.cancelled},
    };
    for (const auto &[key, value] : values) {
        FunnelRow &row = m_funnel[QLatin1String(key)];
        row.bar->setMaximum(int(std::min<qint64>(audience, std::numeric_limits<int>::max())));
        row.bar->setValue(int(std::min<qint64>(value, row.bar->maximum())));
        const int percent = f.audience > 0 ? qRound(double(value) * 100.0 / double(f.audience)) : 0;
        row.number->setText(qstrcmp(key, "audience") == 0 || f.audience == 0 ? number(value)
                                                                             : QStringLiteral("%1 (%2 %)").arg(number(value)).arg(percent));
        const bool bad = (qstrcmp(key, "failed") == 0 || qstrcmp(key, "skipped") == 0) && value > 0;
        row.bar->setStyleSheet(bad ? QStringLiteral("QProgressBar::chunk { background: %1; }").arg(theme::danger().name()) : QString());
    }

    auto list = [](const QList<protocol::CampaignCount> &counts, const std::function<QString(const protocol::CampaignCount &)> &words) {
        QStringList lines;
        for (const protocol::CampaignCount &k : counts)
            lines.append(QStringLiteral("<b>%1</b> — %2").arg(number(k.count), words(k).toHtmlEscaped()));
        return lines.join(QStringLiteral("<br>"));
    };
    m_failures->setText(f.failures.isEmpty()
                            ? tr("No message failed.")
                            : tr("Failed, by Meta's error:") + QStringLiteral("<br>")
                                  + list(f.failures, [](const protocol::CampaignCount &k) {
                                        bool isCode = false;
                                        k.code.toInt(&isCode);
                                        const QString words = CampaignText::failureText(k.code, k.reason);
                                        return isCode ? QStringLiteral("%1 (%2)").arg(words, k.code) : words;
                                    }));
    m_skips->setText(f.skips.isEmpty() ? tr("Nobody was left out.")
                                       : tr("Not sent:") + QStringLiteral("<br>")
                                             + list(f.skips, [](const protocol::CampaignCount &k) { return CampaignText::skipText(k.code, k.reason); }));

    const CampaignState s = c->state;
    m_start->setVisible(s == CampaignState::Draft);
    m_start->setText(c->startAt && *c->startAt > QDateTime::currentMSecsSinceEpoch() ? tr("Schedule") : tr("Start"));
    m_pause->setVisible(s == CampaignState::Running || s == CampaignState::Scheduled);
    m_resume->setVisible(s == CampaignState::Paused);
    m_cancel->setVisible(s != CampaignState::Finished && s != CampaignState::Cancelled);
    m_delete->setVisible(s == CampaignState::Draft);

    if (m_failedFor != c->id || m_failedCount != f.failed)
        loadFailed(c->id);
    m_failedCount = f.failed;
}

void CampaignsPage::loadFailed(qint64 id)
{
    if (m_failedFor != id) {
        m_failed->setRowCount(0);
        m_failedNote->setText(tr("Loading…"));
    }
    m_failedFor = id;
    const int seq = ++m_failedSeq;
    protocol::RecipientQuery q;
    q.status = QStringLiteral("failed");
    q.limit = 100;
    m_api->callOn<protocol::route::ListRecipients>(id, {}, q).then(this, [this, id, seq](const protocol::CampaignRecipientPage &page) {
        if (seq != m_failedSeq)
            return;
        m_failed->setRowCount(0);
        m_failed->setRowCount(int(page.items.size()));
        for (int row = 0; row < page.items.size(); ++row) {
            const protocol::CampaignRecipient &r = page.items.at(row);
            auto cell = [&](int column, const QString &text) {
                auto *item = new QTableWidgetItem(text);
                m_failed->setItem(row, column, item);
                return item;
            };
            cell(PhoneColumn, r.phone)->setData(kIdRole, r.id);
            cell(CandidateColumn, r.name);
            cell(CodeColumn, r.errorCode ? QString::number(*r.errorCode) : QString());
            const QString why = r.errorCode ? CampaignText::failureText(QString::number(*r.errorCode), r.reason)
                                            : CampaignText::skipText(r.reasonCode, r.reason);
            cell(ReasonColumn, why)->setToolTip(r.reason.isEmpty() ? why : QStringLiteral("%1\n\n%2").arg(why, r.reason));
        }
        m_failed->setVisible(!page.items.isEmpty());
        m_failedNote->setText(page.items.isEmpty()
                                  ? tr("No failed messages.")
                                  : page.nextCursor ? tr("The first %n failed; download the results for all of them.", nullptr, int(page.items.size()))
                                                    : QString());
        m_failedNote->setVisible(!m_failedNote->text().isEmpty());
        Q_EMIT recipientsLoaded(id);
    }, [this, id, seq](const client::ApiError &error) {
        if (seq != m_failedSeq)
            return;
        m_failedNote->setText(error.isConnectionProblem() ? tr("Cannot load the failed recipients: the server does not answer.")
                                                          : tr("Cannot load the failed recipients: %1").arg(CampaignText::actionError(error)));
        m_failedNote->show();
        Q_EMIT recipientsLoaded(id);
    });
}

void CampaignsPage::newCampaign()
{
    auto *wizard = new CampaignWizard(m_api, this);
    connect(wizard, &QDialog::finished, this, [this, wizard] {
        const qint64 id = wizard->campaignId();
        if (id == 0)
            return;
        if (wizard->wasStarted())
            m_notice->showInfo(wizard->startedState() == CampaignState::Scheduled
                                   ? tr("Campaign “%1” scheduled: it starts %2.").arg(wizard->campaignName(), CampaignText::at(wizard->startAt()))
                                   : tr("Campaign “%1” started.").arg(wizard->campaignName()));
        else
            m_notice->showInfo(tr("Campaign “%1” kept as a draft: start it when you are ready.").arg(wizard->campaignName()));
        // The new campaign, selected, once the list has it.
        auto once = std::make_shared<QMetaObject::Connection>();
        *once = connect(this, &CampaignsPage::campaignsLoaded, this, [this, id, once] {
            disconnect(*once);
            selectCampaign(id);
        });
        load();
    });
    openDialog(wizard);
    Q_EMIT wizardOpened(wizard);
}

template<typename R>
void CampaignsPage::transition(std::function<QString(const protocol::Campaign &)> done)
{
    const auto c = selected();
    if (!c)
        return;
    m_api->callOn<R>(c->id).then(this, [this, done](const protocol::Campaign &changed) {
        m_notice->showInfo(done(changed));
        load();
    }, [this](const client::ApiError &error) { actionFailed(error); });
}

void CampaignsPage::actionFailed(const client::ApiError &error)
{
    m_notice->showError(CampaignText::actionError(error));
    load();
}

void CampaignsPage::startCampaign()
{
    transition<protocol::route::StartCampaign>([](const protocol::Campaign &c) {
        return c.state == CampaignState::Scheduled ? tr("Campaign “%1” scheduled: it starts %2.").arg(c.name, CampaignText::at(c.startAt))
                                                   : tr("Campaign “%1” started.").arg(c.name);
    });
}

void CampaignsPage::pauseCampaign()
{
    transition<protocol::route::PauseCampaign>(
        [](const protocol::Campaign &c) { return tr("Campaign “%1” paused: nothing more is sent until you resume it.").arg(c.name); });
}

void CampaignsPage::resumeCampaign()
{
    transition<protocol::route::ResumeCampaign>([](const protocol::Campaign &c) { return tr("Campaign “%1” resumed.").arg(c.name); });
}

void CampaignsPage::cancelCampaign()
{
    const auto c = selected();
    if (!c)
        return;
    const qint64 left = c->funnel.pending;
    confirm(this, tr("Cancel campaign"),
            tr("Cancel “%1”? Nobody else receives it (%n candidate(s) still waiting). What was sent stays sent, and the campaign "
               "cannot be started again.", nullptr, int(left)).arg(c->name),
            tr("Cancel campaign"), [this] {
                transition<protocol::route::CancelCampaign>(
                    [](const protocol::Campaign &cancelled) { return tr("Campaign “%1” cancelled.").arg(cancelled.name); });
            });
}

void CampaignsPage::deleteCampaign()
{
    const auto c = selected();
    if (!c)
        return;
    const qint64 id = c->id;
    const QString name = c->name;
    confirm(this, tr("Delete campaign"), tr("Delete the draft “%1” and its list of candidates?").arg(name), tr("Delete"), [this, id, name] {
        m_api->callOn<protocol::route::DeleteCampaign>(id).then(this, [this, name] {
            m_notice->showInfo(tr("Campaign “%1” deleted.").arg(name));
            load();
        }, [this](const client::ApiError &error) { actionFailed(error); });
    });
}

void CampaignsPage::chooseResultsFile()
{
    const auto c = selected();
    if (!c)
        return;
    QString base = c->name;
    base.replace(QRegularExpression(QStringLiteral("[\\\\/:*?\"<>|]")), QStringLiteral("-"));
    const QString suggested = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + QLatin1Char('/')
                              + tr("%1 - results.csv").arg(base);
    auto *dialog = new QFileDialog(this, tr("Save the campaign's results"), suggested, tr("CSV files (*.csv)"));
    dialog->setObjectName(QStringLiteral("resultsFile"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("csv"));
    connect(dialog, &QFileDialog::fileSelected, this, &CampaignsPage::saveResults);
    dialog->open();
}

void CampaignsPage::saveResults(const QString &path)
{
    const auto c = selected();
    if (!c)
        return;
    m_download->setEnabled(false);
    client::ApiReply *reply = m_api->get(protocol::routePath<protocol::route::DownloadResults>({c->id}));
    reply->then(this, [this, reply, path](const QJsonObject &) {
        m_download->setEnabled(true);
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(reply->body()) != reply->body().size() || !file.commit()) {
            m_notice->showError(tr("Cannot write %1: %2").arg(path, file.errorString()));
            Q_EMIT resultsSaved(path, false);
            return;
        }
        m_notice->showInfo(tr("Results saved to %1.").arg(path));
        Q_EMIT resultsSaved(path, true);
    }, [this, path](const client::ApiError &error) {
        m_download->setEnabled(true);
        m_notice->showError(tr("The results were not saved: %1").arg(CampaignText::actionError(error)));
        Q_EMIT resultsSaved(path, false);
    });
}

} // namespace puente::ui
