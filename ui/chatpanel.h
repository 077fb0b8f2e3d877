#pragma once

#include <QHash>
#include <QListView>
#include <QPlainTextEdit>
#include <QWidget>

#include "protocol/types.h"

class QIdentityProxyModel;
class QLabel;
class QStackedWidget;
class QToolButton;
class QPushButton;

namespace puente::client {
class ApiClient;
struct ApiError;
}

namespace puente::ui {

class MediaCache;
class MessageDelegate;
class MessageModel;

// The composer's text box: Enter sends, Shift+Enter starts a new line.
class ComposerEdit : public QPlainTextEdit {
    Q_OBJECT
public:
    using QPlainTextEdit::QPlainTextEdit;
Q_SIGNALS:
    void submitted();
protected:
    void keyPressEvent(QKeyEvent *event) override;
};

// The message list of a chat. History is paged in when the top is reached
// (not at the bottom, where QListView would ask), the view keeps its place
// while older messages arrive above, and follows new messages when it was
// at the bottom.
class ChatView : public QListView {
    Q_OBJECT
public:
    explicit ChatView(QWidget *parent = nullptr);
    void setMessageModel(MessageModel *model);
    bool isAtBottom() const;

Q_SIGNALS:
    void mediaClicked(const QModelIndex &index);

protected:
    void verticalScrollbarValueChanged(int value) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    MessageModel *m_model = nullptr;
    QIdentityProxyModel *m_proxy = nullptr;
    int m_distanceFromBottom = 0;
    bool m_followBottom = true;
    bool m_prepended = false;
};

// The right side of the conversations tab: header (contact, window, assign,
// archive, block, mark read), the chat, and the composer or, when the
// 24-hour window is closed, the way to a template.
class ChatPanel : public QWidget {
    Q_OBJECT
public:
    ChatPanel(client::ApiClient *api, MediaCache *media, QWidget *parent = nullptr);

    // Shows this conversation (loads its newest messages).
    void showConversation(const protocol::Conversation &conversation);
    // A fresher copy of the shown conversation (a live event).
    void updateConversation(const protocol::Conversation &conversation);
    qint64 conversationId() const;
    const protocol::Conversation &conversation() const { return m_conversation; }
    void setCurrentUserId(qint64 id) { m_me = id; }
    // Without a connection to the server nothing can be sent: say so.
    void setOnline(bool online);

    MessageModel *model() const { return m_model; }
    ChatView *view() const { return m_view; }
    ComposerEdit *composer() const { return m_composer; }
    // Every chat's unsent text, the open one's included (kept over a
    // rebuild of the window); setDrafts before the chats are shown.
    QHash<qint64, QString> drafts() const;
    void setDrafts(const QHash<qint64, QString> &drafts) { m_drafts = drafts; }
    // The message a reply will quote (0: none).
    qint64 replyTo() const { return m_replyTo; }
    void setReplyTo(qint64 messageId);
    bool windowOpen() const;
    QString noticeText() const;

public Q_SLOTS:
    void sendText();
    void chooseTemplate();
    void attachFile(const QString &path = QString());
    void retry(qint64 messageId);
    void dismiss(qint64 messageId);
    void markRead();

Q_SIGNALS:
    // The server answered with a new state of the conversation.
    void conversationChanged(const puente::protocol::Conversation &conversation);
    void messageQueued(const puente::protocol::Message &message);

private:
    void updateHeader();
    void updateComposerMode();
    void patch(const protocol::UpdateConversation &changes);
    void send(qint64 conversation, const protocol::SendMessage &body, const QString &restoreText);
    // What the user asked for, so that a refusal says what did not happen.
    enum class Action { Send, Upload, Change, Retry, Dismiss, MarkRead };
    // `aboutConnection`: the notice is there because the server could not
    // be reached, and goes when the connection is back.
    void showNotice(const QString &text, bool error, bool aboutConnection = false);
    void showRefusal(const client::ApiError &error, Action action);
    QString describe(const client::ApiError &error, Action action) const;
    void contextMenu(const QPoint &pos);
    void openMedia(const QModelIndex &index, bool saveAs);

    client::ApiClient *m_api;
    MediaCache *m_media;
    MessageModel *m_model;
    protocol::Conversation m_conversation;
    qint64 m_me = 0;
    qint64 m_replyTo = 0;
    bool m_online = true;
    bool m_noticeAboutConnection = false;
    QHash<qint64, QString> m_drafts; // unsent text of chats not open now

    QLabel *m_name = nullptr;
    QLabel *m_phone = nullptr;
    QLabel *m_window = nullptr;
    QToolButton *m_assign = nullptr;
    QToolButton *m_archive = nullptr;
    QToolButton *m_block = nullptr;
    QToolButton *m_read = nullptr;
    QToolButton *m_optedOut = nullptr; // shown while the contact refuses notifications
    ChatView *m_view = nullptr;
    MessageDelegate *m_delegate = nullptr;
    QWidget *m_replyBar = nullptr;
    QLabel *m_replyText = nullptr;
    QLabel *m_notice = nullptr;
    QStackedWidget *m_composerStack = nullptr;
    ComposerEdit *m_composer = nullptr;
    QToolButton *m_attach = nullptr;
    QPushButton *m_send = nullptr;
    QLabel *m_closedText = nullptr;
    QPushButton *m_templateButton = nullptr;
};

} // namespace puente::ui
