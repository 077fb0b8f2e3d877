#pragma once

#include <QAbstractListModel>
#include <QHash>
#include <QList>
#include <QMap>
#include <QPointer>
#include <QSet>

#include "protocol/types.h"

namespace puente::client {
class ApiClient;
class ApiReply;
struct ApiError;
}

namespace puente::ui {

// One conversation's messages, oldest first (row 0 is the oldest loaded), as
// the chat shows them. Opens with the newest page; older history is paged in
// at the top with fetchMore() (rows inserted at 0). Live events update
// statuses in place and add new messages at the end. Reactions are not rows:
// they are shown on the message they react to.
class MessageModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        DirectionRole,  // protocol::Direction
        TypeRole,       // text, image, document, audio, video, sticker, location, contacts, template, ...
        TextRole,       // content (text, caption, readable location/contacts)
        StatusRole,     // protocol::MessageStatus
        TimestampRole,  // QDateTime (local)
        ErrorRole,      // Meta's reason when failed, else empty
        QuoteRole,      // the text of the message this one replies to, or empty
        ReactionsRole,  // the reactions on this message, e.g. "👍 ❤️"
        DayBreakRole,   // bool: the first loaded message of its day
        MessageRole,    // the whole protocol::Message
    };

    explicit MessageModel(client::ApiClient *api, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    // Loads the next older page (rows inserted at the top).
    void fetchMore(const QModelIndex &parent) override;

    // Shows `conversationId`'s newest messages (0: nothing).
    void open(qint64 conversationId);
    qint64 conversationId() const { return m_conversation; }
    bool isLoading() const { return !m_inFlight.isNull(); }
    // A message.created / message.updated event, or a send's answer.
    void applyMessage(const protocol::Message &message);
    int rowOfId(qint64 messageId) const;
    protocol::Message message(int row) const { return row >= 0 && row < m_rows.size() ? m_rows.at(row) : protocol::Message(); }
    int pageSize() const { return m_pageSize; }
    void setPageSize(int size) { m_pageSize = size; }

Q_SIGNALS:
    void loadFailed(const puente::client::ApiError &error);
    // A page arrived (`older`: at the top); `count` rows were added.
    void pageLoaded(bool older, int count);

private:
    void requestPage(bool older);
    // Remembers what replies and reactions need to know about `m`; true when
    // `m` is a reaction (not a row).
    bool absorb(const protocol::Message &m);
    void reactionsChanged(const QString &wamid);
    bool dayBreakAt(int row) const;

    client::ApiClient *m_api;
    qint64 m_conversation = 0;
    QList<protocol::Message> m_rows;
    QString m_before; // cursor of the next older page
    bool m_atStart = true;
    QPointer<client::ApiReply> m_inFlight;
    quint64 m_generation = 0;
    int m_pageSize = 50;
    QList<qint64> m_days;   // each row's local day (Julian day), kept beside m_rows
    QSet<qint64> m_ids;     // the ids of the rows, for duplicate checks
    QHash<QString, QString> m_textByWamid;                 // for quotes
    QHash<QString, QMap<protocol::Direction, QString>> m_reactions; // wamid → direction → emoji
};

} // namespace puente::ui
