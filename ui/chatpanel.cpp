#include "chatpanel.h"

#include "protocol/media.h"

#include "client/apiclient.h"
#include "mediacache.h"
#include "messagedelegate.h"
#include "messagemodel.h"
#include "templatepickerdialog.h"
#include "theme.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QIdentityProxyModel>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QMimeDatabase>
#include <QPushButton>
#include <QScrollBar>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

namespace puente::ui {

namespace {

// The view's own paging is for lists that grow downwards; the chat pages
// upwards, so the view must not ask the model itself.
class NoFetchProxy : public QIdentityProxyModel {
public:
    using QIdentityProxyModel::QIdentityProxyModel;
    bool canFetchMore(const QModelIndex &) const override { return false; }
    void fetchMore(const QModelIndex &) override {}
};

constexpr qint64 kMaxUpload = protocol::kMaxUploadBytes;

} // namespace

void ComposerEdit::keyPressEvent(QKeyEvent *event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && !(event->modifiers() & Qt::ShiftModifier)) {
        Q_EMIT submitted();
        return;
    }
    if (enter) { // Shift+Enter: a new line, whatever the platform would do
        insertPlainText(QStringLiteral("\n"));
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

ChatView::ChatView(QWidget *parent) : QListView(parent)
{
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setResizeMode(QListView::Adjust);
    setUniformItemSizes(false);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setFrameShape(QFrame::NoFrame);
    setMouseTracking(true);
    setContextMenuPolicy(Qt::CustomContextMenu);
    QPalette pal = palette();
    pal.setColor(QPalette::Base, theme::chatBackground());
    setPalette(pal);
    verticalScrollBar()->setSingleStep(24);
    connect(verticalScrollBar(), &QScrollBar::rangeChanged, this, [this](int, int max) {
        // Follow the newest messages when the reader was at the bottom;
        // when older ones arrived above, keep on screen what was there.
        if (m_followBottom)
            verticalScrollBar()->setValue(max);
        else if (m_prepended)
            verticalScrollBar()->setValue(max - m_distanceFromBottom);
        m_prepended = false;
    });
}

void ChatView::setMessageModel(MessageModel *model)
{
    m_model = model;
    m_proxy = new NoFetchProxy(this);
    m_proxy->setSourceModel(model);
    setModel(m_proxy);
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        m_followBottom = true;
        m_distanceFromBottom = 0;
    });
    connect(model, &QAbstractItemModel::rowsAboutToBeInserted, this, [this](const QModelIndex &, int first) {
        if (first == 0 && m_model->rowCount() > 0) {
            m_prepended = true;
            m_distanceFromBottom = verticalScrollBar()->maximum() - verticalScrollBar()->value();
        }
    });
    connect(model, &MessageModel::pageLoaded, this, [this](bool, int) {
        // A first page that does not fill the view: get more right away
        // (once laid out: before that the view has no height to fill).
        if (!isVisible())
            return;
        executeDelayedItemsLayout();
        if (verticalScrollBar()->maximum() == 0 && m_model->canFetchMore({}))
            m_model->fetchMore({});
    });
}

bool ChatView::isAtBottom() const
{
    return verticalScrollBar()->maximum() - verticalScrollBar()->value() < 16;
}

void ChatView::verticalScrollbarValueChanged(int value)
{
    QListView::verticalScrollbarValueChanged(value);
    const QScrollBar *bar = verticalScrollBar();
    m_followBottom = bar->maximum() - value < 16;
    if (m_model && value <= bar->minimum() + 40 && bar->maximum() > 0 && m_model->canFetchMore({}))
        m_model->fetchMore({});
}

void ChatView::mouseReleaseEvent(QMouseEvent *event)
{
    QListView::mouseReleaseEvent(event);
    const QModelIndex index = indexAt(event->position().toPoint());
    if (!index.isValid() || event->button() != Qt::LeftButton)
        return;
    auto *delegate = qobject_cast<MessageDelegate *>(itemDelegate());
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    option.rect = visualRect(index);
    if (delegate && delegate->mediaRect(option, index).contains(event->position().toPoint()))
        Q_EMIT mediaClicked(m_proxy->mapToSource(index));
}

ChatPanel::ChatPanel(client::ApiClient *api, MediaCache *media, QWidget *parent)
    : QWidget(parent), m_api(api), m_media(media), m_model(new MessageModel(api, this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    // Header.
    auto *header = new QWidget(this);
    header->setObjectName(QStringLiteral("chatHeader"));
    header->setStyleSheet(QStringLiteral("#chatHeader { background: #f0f2f5; border-bottom: 1px solid #e0e0e0; }"));
    auto *headerLayout = new QHBoxLayout(header);
    auto *who = new QVBoxLayout;
    m_name = new QLabel(header);
    QFont nameFont = m_name->font();
    nameFont.setBold(true);
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.1);
    m_name->setFont(nameFont);
    m_phone = new QLabel(header);
    m_phone->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_window = new QLabel(header);
    auto *subtitle = new QHBoxLayout;
    subtitle->addWidget(m_phone);
    subtitle->addWidget(m_window);
    subtitle->addStretch();
    who->addWidget(m_name);
    who->addLayout(subtitle);
    headerLayout->addLayout(who, 1);
    auto makeButton = [header](const QString &text) {
        auto *b = new QToolButton(header);
        b->setText(text);
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        b->setAutoRaise(true);
        return b;
    };
    m_assign = makeButton(tr("Assign"));
    m_assign->setPopupMode(QToolButton::InstantPopup);
    auto *assignMenu = new QMenu(m_assign);
    assignMenu->addAction(tr("Assign to me"), this, [this] { patch(protocol::UpdateConversation::assignTo(m_me)); });
    assignMenu->addAction(tr("Unassign"), this, [this] { patch(protocol::UpdateConversation::unassign()); });
    m_assign->setMenu(assignMenu);
    m_archive = makeButton(tr("Archive"));
    m_block = makeButton(tr("Block"));
    m_read = makeButton(tr("Mark read"));
    // The contact wrote an opt-out keyword (BAJA, STOP...): the CRM's
    // notifications skip them until a recruiter allows them again.
    m_optedOut = makeButton(tr("No automatic notices"));
    m_optedOut->setPopupMode(QToolButton::InstantPopup);
    m_optedOut->setStyleSheet(QStringLiteral("color: %1").arg(theme::danger().name()));
    m_optedOut->setToolTip(tr("This contact asked for no more automatic notices (opt-out). Allow them again only if they ask for it."));
    auto *optOutMenu = new QMenu(m_optedOut);
    optOutMenu->addAction(tr("Allow automatic notices again"), this, [this] { patch(protocol::UpdateConversation::setOptedOut(false)); });
    m_optedOut->setMenu(optOutMenu);
    connect(m_archive, &QToolButton::clicked, this, [this] {
        const bool archived = m_conversation.status == protocol::ConversationStatus::Archived;
        patch(protocol::UpdateConversation::toStatus(archived ? protocol::ConversationStatus::Active : protocol::ConversationStatus::Archived));
    });
    connect(m_block, &QToolButton::clicked, this, [this] {
        const bool blocked = m_conversation.status == protocol::ConversationStatus::Blocked;
        patch(protocol::UpdateConversation::toStatus(blocked ? protocol::ConversationStatus::Active : protocol::ConversationStatus::Blocked));
    });
    connect(m_read, &QToolButton::clicked, this, &ChatPanel::markRead);
    for (QToolButton *b : {m_optedOut, m_assign, m_archive, m_block, m_read})
        headerLayout->addWidget(b);
    layout->addWidget(header);

    // Messages.
    m_view = new ChatView(this);
    m_delegate = new MessageDelegate(media, m_view);
    m_view->setItemDelegate(m_delegate);
    m_view->setMessageModel(m_model);
    // A message whose status, reactions or day heading changed may change height.
    connect(m_model, &QAbstractItemModel::dataChanged, m_delegate, [this](const QModelIndex &from, const QModelIndex &to, const QList<int> &roles) {
        if (roles == QList<int>{MessageModel::QuoteRole})
            return; // the quote's box has a fixed height
        for (int row = from.row(); row <= to.row(); ++row)
            m_delegate->forget(m_model->index(row).data(MessageModel::IdRole).toLongLong());
    });
    connect(m_model, &QAbstractItemModel::modelReset, m_delegate, &MessageDelegate::forgetAll);
    // A contact known only from an imported chat: the closed window's words
    // follow the history as it loads.
    const auto historyChanged = [this] {
        if (m_conversation.lastInboundAt <= 0 && !windowOpen())
            updateComposerMode();
    };
    connect(m_model, &QAbstractItemModel::modelReset, this, historyChanged);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, historyChanged);
    layout->addWidget(m_view, 1);
    connect(m_view, &ChatView::mediaClicked, this, [this](const QModelIndex &index) { openMedia(index, false); });
    connect(m_view, &QWidget::customContextMenuRequested, this, &ChatPanel::contextMenu);
    connect(media, &MediaCache::thumbnailReady, m_view->viewport(), qOverload<>(&QWidget::update));

    // Reply bar.
    m_replyBar = new QWidget(this);
    m_replyBar->setObjectName(QStringLiteral("replyBar"));
    m_replyBar->setStyleSheet(QStringLiteral("#replyBar { background: #f0f2f5; border-left: 4px solid %1; }").arg(theme::accent().name()));
    auto *replyLayout = new QHBoxLayout(m_replyBar);
    m_replyText = new QLabel(m_replyBar);
    m_replyText->setTextFormat(Qt::PlainText);
    auto *cancelReply = new QToolButton(m_replyBar);
    cancelReply->setText(QStringLiteral("✕"));
    cancelReply->setToolTip(tr("Cancel the reply"));
    cancelReply->setAutoRaise(true);
    connect(cancelReply, &QToolButton::clicked, this, [this] { setReplyTo(0); });
    replyLayout->addWidget(m_replyText, 1);
    replyLayout->addWidget(cancelReply);
    m_replyBar->hide();
    layout->addWidget(m_replyBar);

    m_notice = new QLabel(this);
    m_notice->setWordWrap(true);
    m_notice->setContentsMargins(10, 4, 10, 4);
    m_notice->hide();
    layout->addWidget(m_notice);

    // Composer, or the closed-window panel.
    m_composerStack = new QStackedWidget(this);
    auto *composerPage = new QWidget(m_composerStack);
    auto *composerLayout = new QHBoxLayout(composerPage);
    m_attach = new QToolButton(composerPage);
    m_attach->setText(tr("Attach"));
    m_attach->setToolTip(tr("Send a file: image, document, audio or video"));
    connect(m_attach, &QToolButton::clicked, this, [this] { attachFile(); });
    m_composer = new ComposerEdit(composerPage);
    m_composer->setPlaceholderText(tr("Write a message (Enter sends, Shift+Enter for a new line)"));
    m_composer->setFixedHeight(m_composer->fontMetrics().lineSpacing() * 3 + 14);
    m_composer->setTabChangesFocus(true);
    connect(m_composer, &ComposerEdit::submitted, this, &ChatPanel::sendText);
    m_send = new QPushButton(tr("Send"), composerPage);
    m_send->setDefault(true);
    connect(m_send, &QPushButton::clicked, this, &ChatPanel::sendText);
    composerLayout->addWidget(m_attach, 0, Qt::AlignBottom);
    composerLayout->addWidget(m_composer, 1);
    composerLayout->addWidget(m_send, 0, Qt::AlignBottom);
    m_composerStack->addWidget(composerPage);

    auto *closedPage = new QWidget(m_composerStack);
    closedPage->setObjectName(QStringLiteral("windowClosed"));
    closedPage->setStyleSheet(QStringLiteral("#windowClosed { background: %1; }").arg(theme::warningBackground().name()));
    auto *closedLayout = new QHBoxLayout(closedPage);
    m_closedText = new QLabel(closedPage);
    m_closedText->setWordWrap(true);
    m_templateButton = new QPushButton(tr("Choose a template…"), closedPage);
    connect(m_templateButton, &QPushButton::clicked, this, &ChatPanel::chooseTemplate);
    closedLayout->addWidget(m_closedText, 1);
    closedLayout->addWidget(m_templateButton);
    m_composerStack->addWidget(closedPage);
    layout->addWidget(m_composerStack);

    setEnabled(false);
}

qint64 ChatPanel::conversationId() const
{
    return m_conversation.id;
}

QHash<qint64, QString> ChatPanel::drafts() const
{
    QHash<qint64, QString> all = m_drafts;
    if (conversationId() > 0 && !m_composer->toPlainText().trimmed().isEmpty())
        all.insert(conversationId(), m_composer->toPlainText());
    return all;
}

void ChatPanel::showConversation(const protocol::Conversation &conversation)
{
    const qint64 previous = conversationId();
    const bool same = conversation.id == previous;
    m_conversation = conversation;
    setEnabled(conversation.id > 0);
    if (!same) {
        // Each chat keeps its own unsent text.
        if (previous > 0) {
            const QString draft = m_composer->toPlainText();
            if (draft.trimmed().isEmpty())
                m_drafts.remove(previous);
            else
                m_drafts.insert(previous, draft);
        }
        setReplyTo(0);
        m_notice->hide();
        m_composer->setPlainText(m_drafts.take(conversationId()));
        m_model->open(conversationId());
    }
    updateHeader();
    updateComposerMode();
}

void ChatPanel::updateConversation(const protocol::Conversation &conversation)
{
    if (conversation.id != conversationId())
        return;
    // An answer and an event can cross: never go back to an older copy.
    if (conversation.updatedAt < m_conversation.updatedAt)
        return;
    m_conversation = conversation;
    updateHeader();
    updateComposerMode();
}

bool ChatPanel::windowOpen() const
{
    return m_conversation.windowOpenUntil.value_or(0) > QDateTime::currentMSecsSinceEpoch();
}

QString ChatPanel::noticeText() const
{
    return m_notice->isVisible() ? m_notice->text() : QString();
}

void ChatPanel::updateHeader()
{
    const QString &name = m_conversation.name;
    const QString &phone = m_conversation.phoneDisplay;
    m_name->setText(name.isEmpty() ? phone : name);
    m_phone->setText(name.isEmpty() ? QString() : phone);
    const qint64 until = m_conversation.windowOpenUntil.value_or(0);
    const qint64 left = until - QDateTime::currentMSecsSinceEpoch();
    if (left > 0) {
        const int hours = int(left / 3600000);
        m_window->setText(hours >= 1 ? tr("· window open for %n more hour(s)", nullptr, hours) : tr("· window closes in less than an hour"));
        m_window->setStyleSheet(QStringLiteral("color: %1").arg(theme::muted().name()));
    } else {
        m_window->setText(tr("· window closed: templates only"));
        m_window->setStyleSheet(QStringLiteral("color: %1").arg(theme::danger().name()));
    }
    const protocol::ConversationStatus status = m_conversation.status;
    m_archive->setText(status == protocol::ConversationStatus::Archived ? tr("Unarchive") : tr("Archive"));
    m_block->setText(status == protocol::ConversationStatus::Blocked ? tr("Unblock") : tr("Block"));
    const qint64 assignee = m_conversation.assignedUserId.value_or(0);
    m_assign->setText(assignee == 0 ? tr("Assign") : assignee == m_me ? tr("Assigned to me") : tr("Assigned"));
    m_read->setEnabled(m_online && m_conversation.unreadCount > 0);
    m_optedOut->setVisible(m_conversation.optedOutAt.has_value());
}

void ChatPanel::updateComposerMode()
{
    if (m_conversation.status == protocol::ConversationStatus::Blocked) {
        m_closedText->setText(tr("This contact is blocked: nothing can be sent. Unblock them to write again."));
        m_templateButton->hide();
        m_composerStack->setCurrentIndex(1);
        return;
    }
    m_templateButton->show();
    if (windowOpen()) {
        m_composerStack->setCurrentIndex(0);
        return;
    }
    const qint64 lastInbound = m_conversation.lastInboundAt;
    const QString name = m_name->text();
    // An imported chat's messages never open the window: the contact has
    // written, but not on WhatsApp since the import.
    qint64 importedInbound = 0;
    for (int row = m_model->rowCount() - 1; lastInbound <= 0 && row >= 0 && !importedInbound; --row) {
        const auto m = m_model->index(row).data(MessageModel::MessageRole).value<protocol::Message>();
        if (m.direction == protocol::Direction::Inbound && !m.importSource.isEmpty())
            importedInbound = m.timestamp;
    }
    if (importedInbound > 0)
        m_closedText->setText(tr("The 24-hour window is closed: %1 last wrote on %2, in the imported chat. WhatsApp only allows an approved "
                                 "template until they answer.")
                                  .arg(name, QLocale().toString(QDateTime::fromMSecsSinceEpoch(importedInbound), QLocale::ShortFormat)));
    else if (lastInbound <= 0)
        m_closedText->setText(tr("%1 has not written to you yet. WhatsApp only allows an approved template until they answer.").arg(name));
    else
        m_closedText->setText(tr("The 24-hour window is closed: %1 last wrote on %2. WhatsApp only allows an approved template until they answer.")
                                  .arg(name, QLocale().toString(QDateTime::fromMSecsSinceEpoch(lastInbound), QLocale::ShortFormat)));
    m_composerStack->setCurrentIndex(1);
}

void ChatPanel::setOnline(bool online)
{
    // Back online: a notice that only said the server could not be reached
    // no longer holds.
    if (online && !m_online && m_noticeAboutConnection)
        showNotice(QString(), false);
    m_online = online;
    // Nothing the server must do can be done meanwhile.
    for (QWidget *action : {static_cast<QWidget *>(m_assign), static_cast<QWidget *>(m_archive), static_cast<QWidget *>(m_block),
                            static_cast<QWidget *>(m_optedOut)})
        action->setEnabled(online);
    m_read->setEnabled(online && m_conversation.unreadCount > 0);
    m_send->setEnabled(online);
    m_attach->setEnabled(online);
    m_templateButton->setEnabled(online);
    m_composer->setPlaceholderText(online ? tr("Write a message (Enter sends, Shift+Enter for a new line)")
                                          : tr("No connection to the server: you can write, and send once it is back"));
}

void ChatPanel::setReplyTo(qint64 messageId)
{
    m_replyTo = messageId;
    const int row = m_model->rowOfId(messageId);
    if (messageId == 0 || row < 0) {
        m_replyTo = 0;
        m_replyBar->hide();
        return;
    }
    const QString text = MessageDelegate::bodyText(m_model->index(row)).simplified();
    m_replyText->setText(tr("Replying to: %1").arg(text.left(120)));
    m_replyBar->show();
    m_composer->setFocus();
}

void ChatPanel::showNotice(const QString &text, bool error, bool aboutConnection)
{
    m_noticeAboutConnection = aboutConnection && !text.isEmpty();
    m_notice->setText(text);
    m_notice->setStyleSheet(error ? QStringLiteral("background: #fdecea; color: %1").arg(theme::danger().name())
                                  : QStringLiteral("background: %1").arg(theme::warningBackground().name()));
    m_notice->setVisible(!text.isEmpty());
}

void ChatPanel::showRefusal(const client::ApiError &error, Action action)
{
    const QString text = describe(error, action);
    if (!text.isEmpty())
        showNotice(text, true, error.isConnectionProblem());
}

QString ChatPanel::describe(const client::ApiError &error, Action action) const
{
    if (error.isConnectionProblem()) {
        switch (action) {
        case Action::Send:
            return tr("Not sent: there is no connection to the server. Your message is kept here; send it again when the connection is back.");
        case Action::Upload:
            return tr("Not sent: there is no connection to the server. Attach the file again when the connection is back.");
        case Action::Change:
            return tr("Not saved: there is no connection to the server. Try again when the connection is back.");
        case Action::Retry:
            return tr("Not sent again: there is no connection to the server. Try again when the connection is back.");
        case Action::Dismiss:
            return tr("Not dismissed: there is no connection to the server. Try again when the connection is back.");
        case Action::MarkRead:
            return {}; // done again when the chat is next looked at
        }
    }
    if (action == Action::Send || action == Action::Upload || action == Action::Retry) {
        switch (error.code) {
        case protocol::ErrorCode::WindowClosed:
            return tr("Not sent: the 24-hour window is closed. Send a template instead.");
        case protocol::ErrorCode::ContactBlocked:
            return tr("Not sent: this contact is blocked. Unblock them to write.");
        case protocol::ErrorCode::WhatsAppNotConfigured:
            return tr("Not sent: WhatsApp is not set up for your company yet. Ask an administrator to configure it.");
        case protocol::ErrorCode::TenantSuspended:
            return tr("Not sent: your company's account is suspended (%1).").arg(error.message);
        default:
            break;
        }
    }
    if (error.kind == client::ApiError::Kind::RateLimited)
        return tr("Too many requests: wait %n second(s) and try again.", nullptr, std::max(1, error.retryAfterSeconds));
    if (error.kind == client::ApiError::Kind::Forbidden)
        return tr("Not allowed: %1").arg(error.message);
    const QString reason = error.message.isEmpty() ? error.codeName : error.message;
    switch (action) {
    case Action::Send:
    case Action::Upload:
    case Action::Retry:
        return tr("Not sent: %1").arg(reason);
    case Action::Change:
        return tr("Not saved: %1").arg(reason);
    case Action::Dismiss:
        return tr("Not dismissed: %1").arg(reason);
    case Action::MarkRead:
        return tr("Not marked as read: %1").arg(reason);
    }
    return reason;
}

void ChatPanel::sendText()
{
    const QString text = m_composer->toPlainText().trimmed();
    if (text.isEmpty() || conversationId() == 0)
        return;
    if (!m_online) {
        showNotice(tr("No connection to the server: the message was not sent and is kept here. Send it again when the connection is back."), true, true);
        return;
    }
    protocol::SendMessage body;
    body.message = text;
    if (m_replyTo > 0)
        body.replyTo = m_replyTo;
    m_composer->clear();
    setReplyTo(0);
    send(conversationId(), body, text);
}

void ChatPanel::send(qint64 conversation, const protocol::SendMessage &body, const QString &restoreText)
{
    m_api->callOn<protocol::route::SendMessage>(conversation, body).then(this, [this, conversation](const protocol::Message &message) {
        if (conversation != conversationId())
            return; // sent from a chat no longer open: it shows there when reopened
        showNotice(QString(), false);
        m_model->applyMessage(message);
        m_view->scrollToBottom();
        Q_EMIT messageQueued(message);
    }, [this, restoreText, conversation](const client::ApiError &error) {
        // Never lose what was typed: back into its chat's text box (or its
        // draft, when another chat is open now), ahead of anything typed since.
        if (conversation != conversationId()) {
            if (!restoreText.isEmpty())
                m_drafts.insert(conversation, restoreText + (m_drafts.contains(conversation) ? QStringLiteral("\n") + m_drafts.value(conversation) : QString()));
            return;
        }
        if (!restoreText.isEmpty()) {
            const QString typedSince = m_composer->toPlainText();
            m_composer->setPlainText(typedSince.isEmpty() ? restoreText : restoreText + QLatin1Char('\n') + typedSince);
        }
        showRefusal(error, Action::Send);
        if (error.code == protocol::ErrorCode::WindowClosed) {
            // The window closed while the chat was open: reload its state.
            m_api->callOn<protocol::route::GetConversation>(conversation).then(this, [this](const protocol::Conversation &c) {
                updateConversation(c);
                Q_EMIT conversationChanged(c);
            }, [](const client::ApiError &) {});
        }
    });
}

void ChatPanel::chooseTemplate()
{
    // Not exec(): the window may be torn down (session ended) while it is open.
    auto *dialog = new TemplatePickerDialog(m_api, m_name->text(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const qint64 conversation = conversationId();
    connect(dialog, &QDialog::accepted, this, [this, dialog, conversation] {
        protocol::SendMessage body;
        body.type = QStringLiteral("template");
        body.templateSend = dialog->templateSend();
        send(conversation, body, QString());
    });
    dialog->open();
}

void ChatPanel::attachFile(const QString &givenPath)
{
    const QString path = givenPath.isEmpty()
        ? QFileDialog::getOpenFileName(this, tr("Send a file"), QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
        : givenPath;
    if (path.isEmpty())
        return;
    QFile file(path);
    if (file.size() > kMaxUpload) {
        showNotice(tr("The file is too large for WhatsApp (at most 100 MB)."), true);
        return;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        showNotice(tr("Cannot read the file: %1").arg(file.errorString()), true);
        return;
    }
    const QByteArray data = file.readAll();
    const QString mime = QMimeDatabase().mimeTypeForFileNameAndData(path, data).name();
    const QString name = QFileInfo(path).fileName();
    const QString caption = m_composer->toPlainText().trimmed();
    showNotice(tr("Uploading %1…").arg(name), false);
    const qint64 conversation = conversationId();
    const qint64 replyTo = m_replyTo;
    m_api->uploadMedia(data, mime, name).then(this, [this, name, caption, conversation, replyTo](const protocol::UploadedMedia &uploaded) {
        // The server says what WhatsApp takes the file as (image, video...).
        protocol::SendMessage body;
        body.type = uploaded.type;
        body.mediaId = uploaded.mediaId;
        if (!caption.isEmpty() && uploaded.type != QLatin1String("audio") && uploaded.type != QLatin1String("sticker")) {
            body.caption = caption;
            if (conversation == conversationId() && m_composer->toPlainText().trimmed() == caption)
                m_composer->clear();
        }
        if (uploaded.type == QLatin1String("document"))
            body.filename = name;
        if (replyTo > 0)
            body.replyTo = replyTo;
        if (conversation == conversationId() && m_replyTo == replyTo)
            setReplyTo(0);
        send(conversation, body, QString());
    }, [this, name](const client::ApiError &error) {
        if (error.code == protocol::ErrorCode::UnsupportedMediaType || error.code == protocol::ErrorCode::TooLarge)
            showNotice(tr("WhatsApp does not take %1: %2").arg(name, error.message), true);
        else
            showRefusal(error, Action::Upload);
    });
}

void ChatPanel::retry(qint64 messageId)
{
    m_api->callOn<protocol::route::RetryMessage>(messageId).then(this, [this](const protocol::Message &message) {
        m_model->applyMessage(message);
    }, [this](const client::ApiError &error) { showRefusal(error, Action::Retry); });
}

void ChatPanel::dismiss(qint64 messageId)
{
    m_api->callOn<protocol::route::DismissMessage>(messageId).then(this, [this](const protocol::Message &message) {
        m_model->applyMessage(message);
    }, [this](const client::ApiError &error) { showRefusal(error, Action::Dismiss); });
}

void ChatPanel::markRead()
{
    if (conversationId() == 0)
        return;
    m_api->callOn<protocol::route::MarkRead>(conversationId()).then(this, [this](const protocol::Conversation &c) {
        updateConversation(c);
        Q_EMIT conversationChanged(c);
    }, [this](const client::ApiError &error) { showRefusal(error, Action::MarkRead); });
}

void ChatPanel::patch(const protocol::UpdateConversation &changes)
{
    m_api->callOn<protocol::route::UpdateConversation>(conversationId(), changes).then(this, [this](const protocol::Conversation &c) {
        updateConversation(c);
        Q_EMIT conversationChanged(c);
    }, [this](const client::ApiError &error) { showRefusal(error, Action::Change); });
}

void ChatPanel::contextMenu(const QPoint &pos)
{
    const QModelIndex viewIndex = m_view->indexAt(pos);
    if (!viewIndex.isValid())
        return;
    const protocol::Message m = m_model->message(viewIndex.row());
    const qint64 id = m.id;
    // Actions find their message by id when chosen: rows may have moved
    // (history paged in above) while the menu was open.
    auto indexOf = [this, id] { return m_model->index(m_model->rowOfId(id)); };
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    if (!m.providerMessageId.isEmpty() && windowOpen())
        menu->addAction(tr("Reply"), this, [this, id] { setReplyTo(id); });
    const QString text = MessageDelegate::bodyText(m_model->index(viewIndex.row()));
    if (!text.isEmpty())
        menu->addAction(tr("Copy text"), this, [text] { QGuiApplication::clipboard()->setText(text); });
    if (m.media && m.media->downloaded) {
        menu->addAction(tr("Open"), this, [this, indexOf] { openMedia(indexOf(), false); });
        menu->addAction(tr("Save as…"), this, [this, indexOf] { openMedia(indexOf(), true); });
    }
    if (m.status == protocol::MessageStatus::Failed) {
        menu->addAction(tr("Send again"), this, [this, id] { retry(id); });
        if (!m.attention.isEmpty())
            menu->addAction(tr("Dismiss"), this, [this, id] { dismiss(id); });
    }
    if (menu->isEmpty())
        delete menu;
    else
        menu->popup(m_view->viewport()->mapToGlobal(pos));
}

void ChatPanel::openMedia(const QModelIndex &index, bool saveAs)
{
    if (!index.isValid())
        return;
    const auto m = index.data(MessageModel::MessageRole).value<protocol::Message>();
    const protocol::MessageMedia media = m.media.value_or(protocol::MessageMedia{});
    if (!media.downloaded) {
        showNotice(tr("This file has not been downloaded from WhatsApp yet; try again in a moment."), false);
        return;
    }
    QString name = media.filename;
    if (name.isEmpty()) {
        const QStringList suffixes = QMimeDatabase().mimeTypeForName(media.mimeType).suffixes();
        name = QStringLiteral("whatsapp-%1%2").arg(m.id).arg(suffixes.isEmpty() ? QString() : QLatin1Char('.') + suffixes.first());
    }
    name = QFileInfo(name).fileName(); // never a path from the other side
    QString target;
    if (saveAs) {
        target = QFileDialog::getSaveFileName(this, tr("Save file"), QStandardPaths::writableLocation(QStandardPaths::DownloadLocation) + QLatin1Char('/') + name);
        if (target.isEmpty())
            return;
    } else {
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/media");
        QDir().mkpath(dir);
        target = dir + QLatin1Char('/') + name;
    }
    m_media->fetch(m.id, [this, target, saveAs](const QByteArray &bytes, const QString &error) {
        if (!error.isEmpty()) {
            showNotice(tr("Cannot get the file: %1").arg(error), true);
            return;
        }
        QFile out(target);
        if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size()) {
            showNotice(tr("Cannot write %1: %2").arg(target, out.errorString()), true);
            return;
        }
        out.close();
        if (!saveAs)
            QDesktopServices::openUrl(QUrl::fromLocalFile(target));
        else
            showNotice(tr("Saved to %1").arg(target), false);
    });
}

} // namespace puente::ui
