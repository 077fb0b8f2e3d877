#include "adminpage.h"

#include "client/apiclient.h"
#include "theme.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLayout>
#include <QTableWidget>
#include <QMessageBox>
#include <QPushButton>

namespace puente::ui {

PageState::PageState(QWidget *parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("pageState"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    layout->addWidget(m_text, 1);
    m_retry = new QPushButton(tr("Retry"), this);
    m_retry->setObjectName(QStringLiteral("retry"));
    layout->addWidget(m_retry, 0, Qt::AlignVCenter);
    connect(m_retry, &QPushButton::clicked, this, &PageState::retryRequested);
    clear();
}

QString PageState::text() const
{
    return m_state == State::Hidden ? QString() : m_text->text();
}

void PageState::set(State state, const QString &text, bool retry, bool alarming)
{
    m_state = state;
    m_text->setText(text);
    m_retry->setVisible(retry);
    setStyleSheet(alarming ? QStringLiteral("#pageState { background: %1; border-radius: 6px; }").arg(theme::warningBackground().name())
                           : QString());
    m_text->setStyleSheet(alarming ? QString() : QStringLiteral("color: %1").arg(theme::muted().name()));
    setVisible(state != State::Hidden);
}

void PageState::showLoading()
{
    set(State::Loading, tr("Loading…"), false, false);
}

void PageState::showEmpty(const QString &text)
{
    set(State::Empty, text, false, false);
}

void PageState::showError(const client::ApiError &error, const QString &what)
{
    using Kind = client::ApiError::Kind;
    switch (error.kind) {
    case Kind::Network:
    case Kind::Timeout:
    case Kind::Unavailable:
        set(State::Error, tr("Cannot load %1: the server does not answer. Check that it is running and that you are connected, then retry.").arg(what),
            true, true);
        return;
    case Kind::Forbidden:
        set(State::Error, tr("You do not have permission to see %1: only your company's administrators have access.").arg(what),
            false, true);
        return;
    case Kind::RateLimited:
        set(State::Error, tr("Too many requests to the server. Wait a moment and retry."), true, true);
        return;
    default:
        set(State::Error, tr("Cannot load %1: %2").arg(what, error.message), true, true);
    }
}

void PageState::clear()
{
    set(State::Hidden, QString(), false, false);
}

Notice::Notice(QWidget *parent) : QLabel(parent)
{
    setObjectName(QStringLiteral("notice"));
    setWordWrap(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    hide();
}

void Notice::showInfo(const QString &text)
{
    m_error = false;
    setStyleSheet(QStringLiteral("color: %1").arg(theme::accent().darker(130).name()));
    setText(text);
    setVisible(!text.isEmpty());
}

void Notice::showError(const QString &text)
{
    m_error = true;
    setStyleSheet(QStringLiteral("color: %1").arg(theme::danger().name()));
    setText(text);
    setVisible(!text.isEmpty());
}

QString AdminText::actionError(const client::ApiError &error)
{
    using Kind = client::ApiError::Kind;
    switch (error.kind) {
    case Kind::Network:
    case Kind::Timeout:
    case Kind::Unavailable:
        return tr("The server does not answer, so nothing was changed. Try again when it is back.");
    case Kind::Forbidden:
        return tr("You do not have permission to do this: only your company's administrators can.");
    case Kind::RateLimited:
        return tr("Too many requests to the server. Wait a moment and try again.");
    case Kind::NotFound:
        return tr("It no longer exists: someone else may have changed it. The list has been reloaded.");
    default:
        return error.message;
    }
}

QString AdminText::when(qint64 msecs, const QString &never)
{
    if (msecs <= 0)
        return never;
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(msecs);
    const QDate today = QDate::currentDate();
    const QString time = QLocale().toString(at.time(), QLocale::ShortFormat);
    if (at.date() == today)
        return tr("Today %1").arg(time);
    if (at.date() == today.addDays(-1))
        return tr("Yesterday %1").arg(time);
    return QLocale().toString(at.date(), QLocale::ShortFormat);
}

QString AdminText::planName(const QString &plan)
{
    if (plan == QLatin1String("basic"))
        return tr("Basic");
    if (plan == QLatin1String("pro"))
        return tr("Pro");
    if (plan == QLatin1String("enterprise"))
        return tr("Enterprise");
    return plan;
}

void setUpTable(QTableWidget *table, int stretch)
{
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->hide();
    table->setShowGrid(false);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->setStyleSheet(QStringLiteral("QTableView::item { padding: 0 10px 0 4px; }"));
    QHeaderView *header = table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(stretch, QHeaderView::Stretch);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setMinimumSectionSize(70);
}

QLabel *pageTitle(const QString &text, QWidget *parent)
{
    auto *title = new QLabel(text, parent);
    QFont f = title->font();
    f.setPointSizeF(f.pointSizeF() * 1.4);
    f.setBold(true);
    title->setFont(f);
    return title;
}

void growToFit(QWidget *dialog)
{
    if (dialog->layout())
        dialog->layout()->activate();
    const int height = dialog->sizeHint().height();
    if (dialog->height() < height)
        dialog->resize(dialog->width(), height);
}

void confirm(QWidget *parent, const QString &title, const QString &text, const QString &yes, std::function<void()> onYes)
{
    auto *box = new QMessageBox(QMessageBox::Question, title, text, QMessageBox::Ok | QMessageBox::Cancel, parent);
    box->setObjectName(QStringLiteral("confirm"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->button(QMessageBox::Ok)->setText(yes);
    box->button(QMessageBox::Cancel)->setText(QCoreApplication::translate("puente::ui::AdminText", "Cancel"));
    box->setDefaultButton(QMessageBox::Cancel);
    QObject::connect(box, &QMessageBox::buttonClicked, box, [box, onYes = std::move(onYes)](QAbstractButton *button) {
        if (button == box->button(QMessageBox::Ok))
            onYes();
    });
    box->open();
}

} // namespace puente::ui
