#pragma once

#include "protocol/types.h"

#include <QHash>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QStackedWidget;
class QTimer;
class QToolButton;

namespace puente::client {
class ApiClient;
}

namespace puente::ui {

class ChatPanel;
class ConversationListModel;
class ImportChatDialog;
class MediaCache;

// The conversations tab: the contact list (search, filters, new
// conversation) on the left, the open chat on the right.
class ConversationsPage : public QWidget {
    Q_OBJECT
public:
    ConversationsPage(client::ApiClient *api, qint64 currentUserId, QWidget *parent = nullptr);

    ConversationListModel *listModel() const { return m_list; }
    ChatPanel *chat() const { return m_chat; }
    QListView *listView() const { return m_listView; }
    QLineEdit *searchField() const { return m_search; }
    QComboBox *assignedFilter() const { return m_assigned; }
    QComboBox *statusFilter() const { return m_status; }
    QLabel *listState() const { return m_listState; }

    // What the recruiter was doing, carried over when the window is rebuilt
    // (a language switch): the open chat, the drafts, the search and filters.
    struct ViewState {
        qint64 openConversation = 0;
        QHash<qint64, QString> drafts;
        QString search;
        int assignedFilter = 0;
        int statusFilter = 0;
    };
    ViewState viewState() const;
    void restoreViewState(const ViewState &state);

    // Opens the chat with this conversation (selects it when listed).
    void openConversation(qint64 conversationId);
    // Live events from the server.
    void applyConversation(const protocol::Conversation &conversation);
    void applyMessage(const protocol::Message &message);
    // Reload everything (after a resync or a reconnect to another server).
    void reload();
    void setOnline(bool online);
    // Company admins may import old chats (the button, and files dropped
    // on the page).
    void setCanImport(bool can);
    QToolButton *importButton() const { return m_importButton; }

public Q_SLOTS:
    // Asks for a phone number and starts (or finds) the conversation.
    void newConversation();
    // The same without a dialog (tests, and the dialog's accept).
    void startConversation(const QString &phone, const QString &name);
    // "Import chat": the file (asked for when empty), into the contact's
    // conversation (`contactPhone`: the chat it was dropped on).
    ImportChatDialog *importChat(const QString &path = {}, const QString &contactPhone = {});

Q_SIGNALS:
    void conversationOpened(qint64 conversationId);
    void startFailed(const QString &message);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void applyFilter();
    void updateEmptyState();
    // The list keeps still while the pointer is over it and for a moment
    // after a click: a row must not move away under the mouse.
    void updateHold();
    void showFromList(const QModelIndex &index);

    client::ApiClient *m_api;
    qint64 m_me;
    ConversationListModel *m_list;
    MediaCache *m_media;
    QLineEdit *m_search = nullptr;
    QComboBox *m_assigned = nullptr;
    QComboBox *m_status = nullptr;
    QToolButton *m_new = nullptr;
    QToolButton *m_importButton = nullptr;
    bool m_canImport = false;
    QListView *m_listView = nullptr;
    QLabel *m_listState = nullptr;
    bool m_listLoaded = false; // the first page answered: the state label follows the rows
    QStackedWidget *m_right = nullptr;
    ChatPanel *m_chat = nullptr;
    QTimer *m_searchDelay = nullptr;
    qint64 m_pendingOpen = 0;
    bool m_removingRows = false;
    bool m_pointerOverList = false;
    QTimer *m_clickHold = nullptr;
};

} // namespace puente::ui
