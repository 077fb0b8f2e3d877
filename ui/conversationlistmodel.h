#pragma once

#include <QAbstractListModel>
#include <QHash>
#include <QList>
#include <QPointer>

#include "protocol/types.h"

namespace puente::client {
class ApiClient;
class ApiReply;
struct ApiError;
}

namespace puente::ui {

// The tenant's conversations, most recent activity first, as the contact
// list shows them. Pages in from GET /api/whatsapp/conversations as the list
// scrolls (canFetchMore/fetchMore), and live events update, move, add and
// remove rows without reloading.
class ConversationListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        NameRole,         // contact name, or the formatted number when there is none
        PhoneRole,        // formatted number (phone_display)
        PreviewRole,
        LastMessageAtRole, // QDateTime (local)
        UnreadRole,
        StatusRole,       // protocol::ConversationStatus
        AssignedRole,     // user id, 0 when unassigned
        WindowOpenRole,   // bool: the 24-hour window is open now
        ConversationRole, // the whole protocol::Conversation
    };

    struct Filter {
        std::optional<protocol::ConversationStatus> status; // none: active and archived
        QString assigned = QStringLiteral("all"); // me, unassigned, all (the API's words)
        QString query;
        bool operator==(const Filter &) const = default;
    };

    explicit ConversationListModel(client::ApiClient *api, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    // Empties the list and loads the first page for `filter`.
    void setFilter(const Filter &filter);
    const Filter &filter() const { return m_filter; }
    void reload();
    // Who "mine" is (the signed-in user's id).
    void setCurrentUserId(qint64 id) { m_me = id; }

    int rowOf(qint64 conversationId) const;
    // The server's preview in the console's words: "[image]" → "📷 Photo",
    // "[template: x]" → "Template x"; anything else as it is.
    static QString previewText(const QString &stored);
    std::optional<protocol::Conversation> conversation(qint64 conversationId) const;
    bool isLoading() const { return !m_inFlight.isNull(); }
    // Unread messages in all the tenant's conversations (not only the loaded ones).
    int unreadTotal() const { return m_unreadTotal; }

    // A conversation.updated event (or a REST answer with a Conversation).
    void applyConversation(const protocol::Conversation &conversation);
    // Held, the rows stay where they are (the pointer is over the list, or
    // the user just clicked): changes show in place, and moves, new rows
    // and removals wait until it is let go.
    void setHeld(bool held);
    bool isHeld() const { return m_held; }

Q_SIGNALS:
    void loadFailed(const puente::client::ApiError &error);
    void pageLoaded();
    void unreadTotalChanged(int total);

private:
    bool matchesFilter(const protocol::Conversation &c) const;
    void requestPage(bool first);
    void refreshUnreadTotal();
    void setUnreadTotal(int total);
    static bool newerFirst(const protocol::Conversation &a, const protocol::Conversation &b);
    void place(const protocol::Conversation &c); // where it belongs now

    client::ApiClient *m_api;
    Filter m_filter;
    QList<protocol::Conversation> m_rows;
    QHash<qint64, qint64> m_lastUpdate; // conversation id → newest updated_at applied
    QString m_cursor;
    bool m_atEnd = true;
    QPointer<client::ApiReply> m_inFlight;
    quint64 m_generation = 0;
    qint64 m_me = 0;
    int m_unreadTotal = 0;
    bool m_unreadRefreshQueued = false;
    bool m_held = false;
    QList<protocol::Conversation> m_deferred; // to place when let go, oldest first
};

} // namespace puente::ui
