#include "conversationspage.h"

#include "adminpage.h"

#include "chatpanel.h"
#include "client/apiclient.h"
#include "conversationdelegate.h"
#include "conversationlistmodel.h"
#include "importchatdialog.h"
#include "mediacache.h"
#include "messagemodel.h"
#include "theme.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QEvent>
#include <QListView>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTimer>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QMimeData>
#include <QStandardPaths>
#include <QToolButton>
#include <QVBoxLayout>

namespace puente::ui {

ConversationsPage::ConversationsPage(client::ApiClient *api, qint64 currentUserId, QWidget *parent)
    : QWidget(parent), m_api(api), m_me(currentUserId), m_list(new ConversationListModel(api, this)), m_media(new MediaCache(api, this))
{
    m_list->setCurrentUserId(currentUserId);
    // Before the view connects: its selection model moves the current row
    // while rows are removed, and must find the flag already set.
    connect(m_list, &QAbstractItemModel::rowsAboutToBeRemoved, this, [this] { m_removingRows = true; });
    connect(m_list, &QAbstractItemModel::rowsRemoved, this, [this] { m_removingRows = false; });
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *splitter = new QSplitter(this);
    layout->addWidget(splitter);

    // Left: search, filters, list.
    auto *left = new QWidget(splitter);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(8, 8, 0, 0);
    auto *searchRow = new QHBoxLayout;
    m_search = new QLineEdit(left);
    m_search->setPlaceholderText(tr("Search by name, number or message"));
    m_search->setClearButtonEnabled(true);
    m_new = new QToolButton(left);
    m_new->setText(tr("New"));
    m_new->setToolTip(tr("Start a conversation with a phone number"));
    connect(m_new, &QToolButton::clicked, this, &ConversationsPage::newConversation);
    m_importButton = new QToolButton(left);
    m_importButton->setObjectName(QStringLiteral("importChat"));
    m_importButton->setText(tr("Import"));
    m_importButton->setToolTip(tr("Import an old WhatsApp chat (the .txt or .zip of \"Export chat\"); you can also drop the file on a chat"));
    m_importButton->setVisible(false);
    connect(m_importButton, &QToolButton::clicked, this, [this] { importChat(); });
    searchRow->addWidget(m_search, 1);
    searchRow->addWidget(m_new);
    searchRow->addWidget(m_importButton);
    leftLayout->addLayout(searchRow);
    auto *filterRow = new QHBoxLayout;
    m_assigned = new QComboBox(left);
    m_assigned->addItem(tr("All"), QStringLiteral("all"));
    m_assigned->addItem(tr("Mine"), QStringLiteral("me"));
    m_assigned->addItem(tr("Unassigned"), QStringLiteral("unassigned"));
    m_status = new QComboBox(left);
    m_status->addItem(tr("Active"), QVariant::fromValue(protocol::ConversationStatus::Active));
    m_status->addItem(tr("Archived"), QVariant::fromValue(protocol::ConversationStatus::Archived));
    m_status->addItem(tr("Blocked"), QVariant::fromValue(protocol::ConversationStatus::Blocked));
    m_status->addItem(tr("Any status"), QVariant());
    filterRow->addWidget(m_assigned, 1);
    filterRow->addWidget(m_status, 1);
    leftLayout->addLayout(filterRow);
    m_listView = new QListView(left);
    m_listView->setModel(m_list);
    m_listView->setItemDelegate(new ConversationDelegate(m_listView));
    m_listView->setUniformItemSizes(true);
    m_listView->setMouseTracking(true);
    m_listView->setFrameShape(QFrame::NoFrame);
    m_listView->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    leftLayout->addWidget(m_listView, 1);
    m_listState = new QLabel(left);
    m_listState->setWordWrap(true);
    m_listState->setAlignment(Qt::AlignCenter);
    m_listState->setStyleSheet(QStringLiteral("color: %1; padding: 12px").arg(theme::muted().name()));
    leftLayout->addWidget(m_listState);
    left->setMinimumWidth(280);
    splitter->addWidget(left);

    // Right: a hint, or the chat.
    m_right = new QStackedWidget(splitter);
    auto *empty = new QLabel(tr("Choose a conversation on the left, or start one with New."), m_right);
    empty->setAlignment(Qt::AlignCenter);
    empty->setWordWrap(true);
    empty->setStyleSheet(QStringLiteral("color: %1; background: %2").arg(theme::muted().name(), theme::chatBackground().name()));
    m_right->addWidget(empty);
    m_chat = new ChatPanel(api, m_media, m_right);
    m_chat->setCurrentUserId(currentUserId);
    m_right->addWidget(m_chat);
    splitter->addWidget(m_right);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({340, 700});

    m_clickHold = new QTimer(this);
    m_clickHold->setSingleShot(true);
    m_clickHold->setInterval(1500);
    connect(m_clickHold, &QTimer::timeout, this, &ConversationsPage::updateHold);
    m_listView->viewport()->installEventFilter(this);

    m_searchDelay = new QTimer(this);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(250);
    connect(m_searchDelay, &QTimer::timeout, this, &ConversationsPage::applyFilter);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_assigned, &QComboBox::currentIndexChanged, this, &ConversationsPage::applyFilter);
    connect(m_status, &QComboBox::currentIndexChanged, this, &ConversationsPage::applyFilter);
    // Only the recruiter opens chats: a click, or moving through the list
    // with the keyboard. When the open chat leaves the list (archived,
    // reassigned), the view moves its current row to a neighbour: that must
    // not open (and mark read) a chat nobody chose.
    connect(m_listView, &QListView::clicked, this, [this](const QModelIndex &index) { showFromList(index); });
    connect(m_listView->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &current) {
        if (m_listView->hasFocus() && !m_removingRows)
            showFromList(current);
    });

    connect(m_chat, &ChatPanel::conversationChanged, m_list, &ConversationListModel::applyConversation);
    connect(m_list, &ConversationListModel::pageLoaded, this, [this] {
        m_listLoaded = true;
        updateEmptyState();
        if (m_pendingOpen > 0 && m_list->rowOf(m_pendingOpen) >= 0)
            openConversation(m_pendingOpen);
    });
    // A chat arriving live, or the last one leaving the filter, changes
    // whether the list is empty after it loaded.
    connect(m_list, &QAbstractItemModel::rowsInserted, this, &ConversationsPage::updateEmptyState);
    connect(m_list, &QAbstractItemModel::rowsRemoved, this, &ConversationsPage::updateEmptyState);
    connect(m_list, &ConversationListModel::loadFailed, this, [this](const client::ApiError &error) {
        m_listLoaded = false;
        m_listState->setVisible(true);
        if (error.code == protocol::ErrorCode::TenantHeaderNeeded || error.code == protocol::ErrorCode::TenantRequired) {
            m_listState->setText(tr("Choose a company at the top left to see its conversations."));
            return;
        }
        m_listState->setText(error.isConnectionProblem()
                                 ? tr("Cannot load the conversations: no connection to the server. They will load when it is back.")
                                 : tr("Cannot load the conversations: %1").arg(error.message));
    });
    applyFilter();
}

ConversationsPage::ViewState ConversationsPage::viewState() const
{
    ViewState state;
    state.openConversation = m_right->currentWidget() == m_chat ? m_chat->conversationId() : 0;
    state.drafts = m_chat->drafts();
    state.search = m_search->text();
    state.assignedFilter = m_assigned->currentIndex();
    state.statusFilter = m_status->currentIndex();
    return state;
}

void ConversationsPage::restoreViewState(const ViewState &state)
{
    m_chat->setDrafts(state.drafts);
    m_assigned->setCurrentIndex(state.assignedFilter);
    m_status->setCurrentIndex(state.statusFilter);
    m_search->setText(state.search);
    if (state.openConversation > 0)
        openConversation(state.openConversation);
}

void ConversationsPage::updateEmptyState()
{
    if (!m_listLoaded) // loading, or a load error is shown
        return;
    m_listState->setVisible(m_list->rowCount() == 0);
    m_listState->setText(m_search->text().trimmed().isEmpty() ? tr("No conversations here yet.") : tr("Nothing matches your search."));
}

void ConversationsPage::applyFilter()
{
    m_listLoaded = false;
    ConversationListModel::Filter f;
    if (const QVariant status = m_status->currentData(); status.isValid())
        f.status = status.value<protocol::ConversationStatus>();
    f.assigned = m_assigned->currentData().toString();
    f.query = m_search->text();
    if (f == m_list->filter() && m_list->rowCount() > 0)
        return;
    m_list->setFilter(f);
}

void ConversationsPage::reload()
{
    m_list->reload();
    if (m_chat->conversationId() > 0) {
        const qint64 id = m_chat->conversationId();
        m_chat->model()->open(id);
    }
}

void ConversationsPage::setOnline(bool online)
{
    m_chat->setOnline(online);
    m_new->setEnabled(online);
}

void ConversationsPage::showFromList(const QModelIndex &current)
{
    if (!current.isValid())
        return;
    const auto c = current.data(ConversationListModel::ConversationRole).value<protocol::Conversation>();
    if (c.id == m_chat->conversationId() && m_right->currentWidget() == m_chat) {
        Q_EMIT conversationOpened(m_chat->conversationId());
        return;
    }
    m_chat->showConversation(c);
    m_right->setCurrentWidget(m_chat);
    m_pendingOpen = 0;
    // Opening a chat reads it, as on WhatsApp (the contact sees blue ticks).
    if (c.unreadCount > 0)
        m_chat->markRead();
    Q_EMIT conversationOpened(c.id);
}

void ConversationsPage::openConversation(qint64 conversationId)
{
    const int row = m_list->rowOf(conversationId);
    if (row >= 0) {
        m_listView->setCurrentIndex(m_list->index(row));
        m_listView->scrollTo(m_list->index(row));
        showFromList(m_list->index(row));
        return;
    }
    // Not in the list (filtered out, or not loaded): open it directly.
    m_pendingOpen = conversationId;
    m_api->callOn<protocol::route::GetConversation>(conversationId).then(this, [this, conversationId](const protocol::Conversation &c) {
        if (m_pendingOpen != conversationId)
            return;
        m_listView->clearSelection();
        m_chat->showConversation(c);
        m_right->setCurrentWidget(m_chat);
        Q_EMIT conversationOpened(conversationId);
    }, [](const client::ApiError &) {});
}

void ConversationsPage::applyConversation(const protocol::Conversation &conversation)
{
    m_list->applyConversation(conversation);
    m_chat->updateConversation(conversation);
}

void ConversationsPage::applyMessage(const protocol::Message &message)
{
    m_chat->model()->applyMessage(message);
}

void ConversationsPage::setCanImport(bool can)
{
    m_canImport = can;
    m_importButton->setVisible(can);
    setAcceptDrops(can);
}

namespace {
// The local .txt or .zip among dropped files.
QString chatExportIn(const QMimeData *mime)
{
    if (!mime || !mime->hasUrls())
        return {};
    for (const QUrl &url : mime->urls()) {
        const QString path = url.toLocalFile();
        if (path.endsWith(QLatin1String(".txt"), Qt::CaseInsensitive) || path.endsWith(QLatin1String(".zip"), Qt::CaseInsensitive))
            return path;
    }
    return {};
}
} // namespace

void ConversationsPage::dragEnterEvent(QDragEnterEvent *event)
{
    if (m_canImport && !chatExportIn(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void ConversationsPage::dropEvent(QDropEvent *event)
{
    const QString path = chatExportIn(event->mimeData());
    if (!m_canImport || path.isEmpty())
        return;
    event->acceptProposedAction();
    // Dropped on an open chat: into that contact's conversation.
    const bool onChat = m_right->currentWidget() == m_chat && m_chat->geometry().contains(m_chat->parentWidget()->mapFrom(this, event->position().toPoint()));
    importChat(path, onChat ? m_chat->conversation().phone : QString());
}

ImportChatDialog *ConversationsPage::importChat(const QString &path, const QString &contactPhone)
{
    QString file = path;
    if (file.isEmpty())
        file = QFileDialog::getOpenFileName(this, tr("Import chat"), QStandardPaths::writableLocation(QStandardPaths::DownloadLocation),
                                            tr("WhatsApp chat exports (*.txt *.zip)"));
    if (file.isEmpty())
        return nullptr;
    auto *dialog = new ImportChatDialog(m_api, file, contactPhone, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ImportChatDialog::openConversation, this, &ConversationsPage::openConversation);
    // The imported conversation shows in the list in its place by time.
    connect(dialog, &ImportChatDialog::finished, this, [this](const protocol::ChatImport &job) {
        if (job.status == QLatin1String("done"))
            reload();
    });
    dialog->show();
    return dialog;
}

void ConversationsPage::newConversation()
{
    // On the heap and not modal-blocking: the window may go away (session
    // ended) while it is open.
    auto *dialogPtr = new QDialog(this);
    dialogPtr->setAttribute(Qt::WA_DeleteOnClose);
    QDialog &dialog = *dialogPtr;
    dialog.setWindowTitle(tr("New conversation"));
    dialog.setObjectName(QStringLiteral("newConversation"));
    dialog.setMinimumWidth(420);
    auto *layout = new QVBoxLayout(&dialog);
    auto *form = new QFormLayout;
    auto *phone = new QLineEdit(&dialog);
    phone->setObjectName(QStringLiteral("phone"));
    phone->setPlaceholderText(tr("+34 612 345 678"));
    auto *name = new QLineEdit(&dialog);
    name->setPlaceholderText(tr("Optional"));
    form->addRow(tr("Phone number"), phone);
    form->addRow(tr("Name"), name);
    layout->addLayout(form);
    auto *hint = new QLabel(tr("With the country code. The first message to a new contact must be an approved template."), &dialog);
    hint->setObjectName(QStringLiteral("hint"));
    hint->setWordWrap(true);
    hint->setStyleSheet(QStringLiteral("color: %1").arg(theme::muted().name()));
    layout->addWidget(hint);
    auto *error = new QLabel(&dialog);
    error->setObjectName(QStringLiteral("error"));
    error->setWordWrap(true);
    error->setStyleSheet(QStringLiteral("color: %1").arg(theme::danger().name()));
    error->hide();
    layout->addWidget(error);
    // A correction makes the old complaint stale.
    connect(phone, &QLineEdit::textEdited, error, &QLabel::hide);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, &dialog);
    auto *start = buttons->addButton(tr("Start"), QDialogButtonBox::AcceptRole);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    // The dialog grows when a wrapped error appears, instead of the error
    // covering the fields.
    auto showError = [dialogPtr, error](const QString &message) {
        error->setText(message);
        error->show();
        fitHeight(dialogPtr);
    };
    connect(this, &ConversationsPage::startFailed, &dialog, [showError, start](const QString &message) {
        showError(message);
        start->setEnabled(true);
    });
    connect(this, &ConversationsPage::conversationOpened, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, [this, phone, name, showError, start] {
        if (phone->text().trimmed().isEmpty()) {
            showError(tr("Type the phone number."));
            phone->setFocus();
            return;
        }
        start->setEnabled(false);
        startConversation(phone->text(), name->text());
    });
    dialog.open();
}

void ConversationsPage::startConversation(const QString &phone, const QString &name)
{
    m_api->call<protocol::route::StartConversation>({phone.trimmed(), name.trimmed()}).then(this, [this](const protocol::Conversation &c) {
        m_list->applyConversation(c);
        openConversation(c.id);
    }, [this](const client::ApiError &error) {
        if (error.code == protocol::ErrorCode::InvalidPhoneNumber)
            Q_EMIT startFailed(tr("That is not a valid phone number. Type it with the country code, e.g. +34 612 345 678."));
        else if (error.isConnectionProblem())
            Q_EMIT startFailed(tr("No connection to the server. Try again when it is back."));
        else
            Q_EMIT startFailed(error.message);
    });
}

bool ConversationsPage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_listView->viewport()) {
        switch (event->type()) {
        case QEvent::Enter:
            m_pointerOverList = true;
            updateHold();
            break;
        case QEvent::Leave:
            m_pointerOverList = false;
            updateHold();
            break;
        case QEvent::MouseButtonPress:
            m_clickHold->start();
            updateHold();
            break;
        default:
            break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void ConversationsPage::updateHold()
{
    m_list->setHeld(m_pointerOverList || m_clickHold->isActive());
}

} // namespace puente::ui
