#include "adminpage.h"

#include "client/apiclient.h"
#include "theme.h"

#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLayout>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QTableWidget>
#include <QVBoxLayout>

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

QString AdminText::planName(protocol::Plan plan)
{
    switch (plan) {
    case protocol::Plan::Basic:
        return tr("Basic");
    case protocol::Plan::Pro:
        return tr("Pro");
    case protocol::Plan::Enterprise:
        return tr("Enterprise");
    }
    return protocol::enumName(plan);
}

QString AdminText::planName(const QString &plan)
{
    const auto known = protocol::enumFromName<protocol::Plan>(plan);
    return known ? planName(*known) : plan;
}

void setUpList(QTableView *view)
{
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->verticalHeader()->hide();
}

void setUpTable(QTableWidget *table, int stretch)
{
    setUpList(table);
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

QHBoxLayout *titleRow(const QString &text, QWidget *parent)
{
    auto *row = new QHBoxLayout;
    row->addWidget(pageTitle(text, parent));
    row->addStretch();
    return row;
}

void growToFit(QWidget *dialog)
{
    if (dialog->layout())
        dialog->layout()->activate();
    const int height = dialog->sizeHint().height();
    if (dialog->height() < height)
        dialog->resize(dialog->width(), height);
}

QLabel *errorLine(QWidget *parent, const QString &name)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: %1").arg(theme::danger().name()));
    label->hide();
    return label;
}

void fitHeight(QWidget *window, bool shrink)
{
    QLayout *layout = window->layout();
    layout->activate();
    const int wanted = layout->hasHeightForWidth() ? layout->totalHeightForWidth(window->width()) : layout->totalSizeHint().height();
    if (wanted > window->height() || shrink)
        window->resize(window->width(), wanted);
}

QPushButton *addDialogButtons(QDialog *dialog, QBoxLayout *layout, const QString &accept, const QString &name, std::function<void()> onAccept)
{
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, dialog);
    buttons->button(QDialogButtonBox::Cancel)->setText(QCoreApplication::translate("puente::ui::AdminText", "Cancel"));
    QPushButton *button = buttons->addButton(accept, QDialogButtonBox::AcceptRole);
    button->setObjectName(name);
    QObject::connect(buttons, &QDialogButtonBox::accepted, dialog, std::move(onAccept));
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    layout->addWidget(buttons);
    return button;
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

void openDialog(QDialog *dialog)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

AdminPage::AdminPage(client::ApiClient *api, const QString &title, const QString &intro, QWidget *parent, Body body)
    : QWidget(parent), m_api(api), m_body(this)
{
    if (body == Body::Scrolling) {
        auto *outer = new QVBoxLayout(this);
        outer->setContentsMargins(0, 0, 0, 0);
        auto *scroll = new QScrollArea(this);
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        outer->addWidget(scroll);
        m_body = new QWidget(scroll);
        scroll->setWidget(m_body);
    }
    m_column = new QVBoxLayout(m_body);
    m_column->setContentsMargins(24, 20, 24, 20);
    if (intro.isEmpty()) {
        m_actions = titleRow(title, m_body);
        m_actionsEnd = m_actions->count();
    } else {
        m_column->addWidget(pageTitle(title, m_body));
        auto *text = new QLabel(intro, m_body);
        text->setWordWrap(true);
        text->setStyleSheet(QStringLiteral("color: %1").arg(theme::muted().name()));
        m_column->addWidget(text);
        m_actions = new QHBoxLayout;
        m_actions->addStretch();
        m_actionsEnd = 0;
    }
    m_column->addLayout(m_actions);
}

QPushButton *AdminPage::addAction(const QString &text, std::function<void()> onClick)
{
    auto *button = new QPushButton(text, m_body);
    m_actions->insertWidget(m_actionsEnd++, button);
    connect(button, &QPushButton::clicked, this, std::move(onClick));
    return button;
}

PageState *AdminPage::addState()
{
    m_state = new PageState(m_body);
    connect(m_state, &PageState::retryRequested, this, &AdminPage::refresh);
    m_column->addWidget(m_state);
    return m_state;
}

Notice *AdminPage::addNotice()
{
    m_notice = new Notice(m_body);
    m_column->addWidget(m_notice);
    return m_notice;
}

void AdminTablePage::addList(const QStringList &columns, int stretch, QWidget *container, Order order)
{
    if (order == Order::NoticeFirst) {
        addNotice();
        addState();
    } else {
        addState();
        addNotice();
    }
    m_table = new QTableWidget(0, int(columns.size()), container ? container : body());
    m_table->setHorizontalHeaderLabels(columns);
    setUpTable(m_table, stretch);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &AdminTablePage::updateActions);
    column()->addWidget(container ? container : m_table, 1);
    column()->addStretch(); // takes the room while the list is hidden (cannot load)
}

void AdminTablePage::setKeyColumn(int column, Qt::CaseSensitivity sensitivity)
{
    m_keyColumn = column;
    m_keySensitivity = sensitivity;
}

int AdminTablePage::rowOf(const QString &key) const
{
    for (int row = 0; row < m_table->rowCount(); ++row)
        if (const QTableWidgetItem *cell = m_table->item(row, m_keyColumn); cell && cell->text().compare(key, m_keySensitivity) == 0)
            return row;
    return -1;
}

void AdminTablePage::showRows(int count, const std::function<void(int row)> &fill, const QString &emptyText)
{
    const qint64 selected = selectedId();
    m_table->setVisible(true);
    m_table->setRowCount(0);
    m_table->setRowCount(count);
    for (int row = 0; row < count; ++row)
        fill(row);
    selectId(selected);
    if (count == 0)
        m_state->showEmpty(emptyText);
    else
        m_state->clear();
    updateActions();
}

QTableWidgetItem *AdminTablePage::setCell(int row, int column, const QString &text, bool muted)
{
    auto *item = new QTableWidgetItem(text);
    if (muted)
        item->setForeground(theme::muted());
    m_table->setItem(row, column, item);
    return item;
}

bool AdminTablePage::listEmpty() const
{
    return m_table->rowCount() == 0;
}

int AdminTablePage::selectedRow() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

qint64 AdminTablePage::selectedId() const
{
    const int row = selectedRow();
    const QTableWidgetItem *first = row < 0 ? nullptr : m_table->item(row, 0);
    return first ? first->data(kIdRole).toLongLong() : 0;
}

bool AdminTablePage::selectId(qint64 id)
{
    for (int row = 0; id != 0 && row < m_table->rowCount(); ++row)
        if (const QTableWidgetItem *first = m_table->item(row, 0); first && first->data(kIdRole).toLongLong() == id)
            return selectRow(row);
    return false;
}

bool AdminTablePage::selectRow(int row)
{
    if (row < 0)
        return false;
    m_table->selectRow(row);
    return true;
}

void AdminTablePage::listFailed()
{
    m_table->setRowCount(0);
    m_table->setVisible(false);
    updateActions();
}

} // namespace puente::ui
