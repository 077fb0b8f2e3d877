#include "conversationlistmodel.h"

#include "client/apiclient.h"

#include <QDateTime>
#include <QTimer>

#include <algorithm>

namespace puente::ui {

namespace {

// The server's order: the last message's time, or creation while there is none.
qint64 activity(const protocol::Conversation &c)
{
    return c.lastMessageAt > 0 ? c.lastMessageAt : c.createdAt;
}

} // namespace

ConversationListModel::ConversationListModel(client::ApiClient *api, QObject *parent) : QAbstractListModel(parent), m_api(api) {}

int ConversationListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ConversationListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const protocol::Conversation &c = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        if (!c.name.isEmpty())
            return c.name;
        return c.phoneDisplay.isEmpty() ? c.contactKey : c.phoneDisplay;
    case PhoneRole:
        return c.phoneDisplay;
    case PreviewRole:
        return previewText(c.preview);
    case LastMessageAtRole:
        return c.lastMessageAt > 0 ? QDateTime::fromMSecsSinceEpoch(c.lastMessageAt) : QDateTime();
    case UnreadRole:
        return int(c.unreadCount);
    case StatusRole:
        return QVariant::fromValue(c.status);
    case AssignedRole:
        return c.assignedUserId.value_or(0);
    case WindowOpenRole:
        return c.windowOpenUntil.value_or(0) > QDateTime::currentMSecsSinceEpoch();
    case ConversationRole:
        return QVariant::fromValue(c);
    case IdRole:
        return c.id;
    default:
        return {};
    }
}

QHash<int, QByteArray> ConversationListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, "conversationId");
    names.insert(NameRole, "name");
    names.insert(PhoneRole, "phone");
    names.insert(PreviewRole, "preview");
    names.insert(LastMessageAtRole, "lastMessageAt");
    names.insert(UnreadRole, "unread");
    names.insert(StatusRole, "status");
    names.insert(AssignedRole, "assigned");
    names.insert(WindowOpenRole, "windowOpen");
    names.insert(ConversationRole, "conversation");
    return names;
}

bool ConversationListModel::canFetchMore(const QModelIndex &parent) const
{
    // Cheap, and false while a page is on its way: views call this often.
    return !parent.isValid() && !m_atEnd && m_inFlight.isNull();
}

void ConversationListModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        requestPage(false);
}

void ConversationListModel::setFilter(const Filter &filter)
{
    m_filter = filter;
    reload();
}

void ConversationListModel::reload()
{
    if (m_inFlight)
        m_inFlight->abort();
    ++m_generation;
    m_deferred.clear(); // the page read afresh has them where they belong
    beginResetModel();
    m_rows.clear();
    m_cursor.clear();
    m_atEnd = true;
    endResetModel();
    requestPage(true);
}

void ConversationListModel::requestPage(bool first)
{
    protocol::ConversationQuery query;
    if (m_filter.status)
        query.status = protocol::enumName(*m_filter.status);
    query.assigned = m_filter.assigned;
    query.q = m_filter.query.trimmed();
    if (!first)
        query.cursor = m_cursor;
    query.limit = 50;
    const auto call = m_api->call<protocol::route::ListConversations>({}, query);
    m_inFlight = call.reply();
    const quint64 generation = m_generation;
    call.then(this, [this, generation](const protocol::ConversationPage &page) {
        if (generation != m_generation)
            return;
        m_inFlight.clear();
        QList<protocol::Conversation> incoming;
        for (const protocol::Conversation &c : page.items) {
            // A live event may have put it here already.
            if (rowOf(c.id) < 0)
                incoming.append(c);
        }
        if (page.unreadTotal)
            setUnreadTotal(int(*page.unreadTotal));
        m_cursor = page.nextCursor.value_or(QString());
        m_atEnd = m_cursor.isEmpty();
        if (!incoming.isEmpty()) {
            beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + incoming.size() - 1));
            m_rows.append(incoming);
            endInsertRows();
        }
        Q_EMIT pageLoaded();
    }, [this, generation](const client::ApiError &error) {
        if (generation != m_generation)
            return;
        m_inFlight.clear();
        // Leave m_atEnd as it was: scrolling again retries the page.
        if (m_rows.isEmpty())
            m_atEnd = false;
        Q_EMIT loadFailed(error);
    });
}

int ConversationListModel::rowOf(qint64 conversationId) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).id == conversationId)
            return i;
    return -1;
}

std::optional<protocol::Conversation> ConversationListModel::conversation(qint64 conversationId) const
{
    const int row = rowOf(conversationId);
    return row < 0 ? std::nullopt : std::optional(m_rows.at(row));
}

bool ConversationListModel::matchesFilter(const protocol::Conversation &c) const
{
    if (m_filter.status && c.status != *m_filter.status)
        return false;
    const qint64 assignee = c.assignedUserId.value_or(0);
    if (m_filter.assigned == QLatin1String("me") && assignee != m_me)
        return false;
    if (m_filter.assigned == QLatin1String("unassigned") && assignee != 0)
        return false;
    return true;
}

QString ConversationListModel::previewText(const QString &stored)
{
    if (!stored.startsWith(QLatin1Char('[')) || !stored.endsWith(QLatin1Char(']')))
        return stored;
    const QString inner = stored.mid(1, stored.size() - 2);
    if (inner == QLatin1String("image"))
        return QStringLiteral("📷 ") + tr("Photo");
    if (inner == QLatin1String("video"))
        return QStringLiteral("🎥 ") + tr("Video");
    if (inner == QLatin1String("audio"))
        return QStringLiteral("🎤 ") + tr("Voice message");
    if (inner == QLatin1String("document"))
        return QStringLiteral("📄 ") + tr("Document");
    if (inner == QLatin1String("sticker"))
        return tr("Sticker");
    if (inner == QLatin1String("media_omitted"))
        return tr("Media not included in the export");
    if (inner.startsWith(QLatin1String("template: ")))
        return tr("Template %1").arg(inner.mid(10));
    return stored;
}

bool ConversationListModel::newerFirst(const protocol::Conversation &a, const protocol::Conversation &b)
{
    const qint64 at = activity(a), bt = activity(b);
    if (at != bt)
        return at > bt;
    return a.id > b.id;
}

void ConversationListModel::applyConversation(const protocol::Conversation &c)
{
    const qint64 id = c.id;
    const int row = rowOf(id);
    // An answer and an event can cross: never go back to an older copy.
    qint64 &seen = m_lastUpdate[id];
    if (c.updatedAt < seen)
        return;
    seen = c.updatedAt;
    if (m_held) {
        // In place now (new text, unread count), placed when let go.
        if (row >= 0) {
            m_rows[row] = c;
            Q_EMIT dataChanged(index(row), index(row));
        }
        m_deferred.removeIf([id](const protocol::Conversation &d) { return d.id == id; });
        m_deferred.append(c);
        refreshUnreadTotal();
        return;
    }
    place(c);
    refreshUnreadTotal();
}

void ConversationListModel::setHeld(bool held)
{
    if (held == m_held)
        return;
    m_held = held;
    if (held)
        return;
    const QList<protocol::Conversation> deferred = std::exchange(m_deferred, {});
    for (const protocol::Conversation &c : deferred)
        place(c);
}

void ConversationListModel::place(const protocol::Conversation &c)
{
    const qint64 id = c.id;
    const int row = rowOf(id);
    const bool keep = matchesFilter(c);
    if (row >= 0 && !keep) {
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        endRemoveRows();
    } else if (row >= 0) {
        // Where it belongs now (activity moves it up); it never moves down
        // past rows that are not loaded.
        int target = 0;
        for (int i = 0; i < m_rows.size(); ++i)
            if (i != row && newerFirst(m_rows.at(i), c))
                ++target;
        if (target != row) {
            beginMoveRows({}, row, row, {}, target > row ? target + 1 : target);
            m_rows.move(row, target);
            endMoveRows();
        }
        m_rows[target] = c;
        Q_EMIT dataChanged(index(target), index(target));
    } else if (keep && m_filter.query.trimmed().isEmpty()) {
        // A search only shows what the server matched; elsewhere a new or
        // newly matching conversation joins in its place.
        const auto pos = std::lower_bound(m_rows.begin(), m_rows.end(), c, &ConversationListModel::newerFirst);
        const int at = int(pos - m_rows.begin());
        if (at < m_rows.size() || m_atEnd) {
            beginInsertRows({}, at, at);
            m_rows.insert(at, c);
            endInsertRows();
        }
    }
}

void ConversationListModel::setUnreadTotal(int total)
{
    if (total == m_unreadTotal)
        return;
    m_unreadTotal = total;
    Q_EMIT unreadTotalChanged(total);
}

void ConversationListModel::refreshUnreadTotal()
{
    // One small request for a burst of events.
    if (m_unreadRefreshQueued)
        return;
    m_unreadRefreshQueued = true;
    QTimer::singleShot(300, this, [this] {
        m_unreadRefreshQueued = false;
        protocol::ConversationQuery query;
        query.limit = 1;
        m_api->call<protocol::route::ListConversations>({}, query).then(this, [this](const protocol::ConversationPage &page) {
            setUnreadTotal(int(page.unreadTotal.value_or(0)));
        }, [](const client::ApiError &) {});
    });
}

} // namespace puente::ui
