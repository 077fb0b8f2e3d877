#include "conversationlistmodel.h"

#include "client/apiclient.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTimer>

#include <algorithm>

namespace puente::ui {

namespace {

// The server's order: the last message's time, or creation while there is none.
qint64 activity(const QJsonObject &c)
{
    const qint64 last = c.value(QStringLiteral("last_message_at")).toInteger();
    return last > 0 ? last : c.value(QStringLiteral("created_at")).toInteger();
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
    const QJsonObject &c = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole: {
        const QString name = c.value(QStringLiteral("name")).toString();
        if (!name.isEmpty())
            return name;
        const QString phone = c.value(QStringLiteral("phone_display")).toString();
        return phone.isEmpty() ? c.value(QStringLiteral("contact_key")).toString() : phone;
    }
    case PhoneRole:
        return c.value(QStringLiteral("phone_display")).toString();
    case PreviewRole:
        return c.value(QStringLiteral("preview")).toString();
    case LastMessageAtRole: {
        const qint64 at = c.value(QStringLiteral("last_message_at")).toInteger();
        return at > 0 ? QDateTime::fromMSecsSinceEpoch(at) : QDateTime();
    }
    case UnreadRole:
        return c.value(QStringLiteral("unread_count")).toInt();
    case StatusRole:
        return c.value(QStringLiteral("status")).toString();
    case AssignedRole:
        return c.value(QStringLiteral("assigned_user_id")).toInteger();
    case WindowOpenRole:
        return c.value(QStringLiteral("window_open_until")).toInteger() > QDateTime::currentMSecsSinceEpoch();
    case JsonRole:
        return c;
    case IdRole:
        return c.value(QStringLiteral("id")).toInteger();
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
    names.insert(JsonRole, "json");
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
    beginResetModel();
    m_rows.clear();
    m_cursor.clear();
    m_atEnd = true;
    endResetModel();
    requestPage(true);
}

void ConversationListModel::requestPage(bool first)
{
    QUrlQuery query;
    if (!m_filter.status.isEmpty())
        query.addQueryItem(QStringLiteral("status"), m_filter.status);
    if (!m_filter.assigned.isEmpty())
        query.addQueryItem(QStringLiteral("assigned"), m_filter.assigned);
    if (!m_filter.query.trimmed().isEmpty())
        query.addQueryItem(QStringLiteral("q"), m_filter.query.trimmed());
    if (!first)
        query.addQueryItem(QStringLiteral("cursor"), m_cursor);
    query.addQueryItem(QStringLiteral("limit"), QStringLiteral("50"));
    m_inFlight = m_api->get(QStringLiteral("api/whatsapp/conversations"), query);
    const quint64 generation = m_generation;
    m_inFlight->then(this, [this, generation](const QJsonObject &page) {
        if (generation != m_generation)
            return;
        m_inFlight.clear();
        QList<QJsonObject> incoming;
        for (const QJsonValue &v : page.value(QStringLiteral("items")).toArray()) {
            const QJsonObject c = v.toObject();
            // A live event may have put it here already.
            if (rowOf(c.value(QStringLiteral("id")).toInteger()) < 0)
                incoming.append(c);
        }
        if (page.contains(QStringLiteral("unread_total")))
            setUnreadTotal(page.value(QStringLiteral("unread_total")).toInt());
        m_cursor = page.value(QStringLiteral("next_cursor")).toString();
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
        Q_EMIT loadFailed(error.code, error.message);
    });
}

int ConversationListModel::rowOf(qint64 conversationId) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).value(QStringLiteral("id")).toInteger() == conversationId)
            return i;
    return -1;
}

QJsonObject ConversationListModel::conversation(qint64 conversationId) const
{
    const int row = rowOf(conversationId);
    return row < 0 ? QJsonObject() : m_rows.at(row);
}

bool ConversationListModel::matchesFilter(const QJsonObject &c) const
{
    if (!m_filter.status.isEmpty() && c.value(QStringLiteral("status")).toString() != m_filter.status)
        return false;
    const qint64 assignee = c.value(QStringLiteral("assigned_user_id")).toInteger();
    if (m_filter.assigned == QLatin1String("me") && assignee != m_me)
        return false;
    if (m_filter.assigned == QLatin1String("unassigned") && assignee != 0)
        return false;
    return true;
}

bool ConversationListModel::newerFirst(const QJsonObject &a, const QJsonObject &b)
{
    const qint64 at = activity(a), bt = activity(b);
    if (at != bt)
        return at > bt;
    return a.value(QStringLiteral("id")).toInteger() > b.value(QStringLiteral("id")).toInteger();
}

void ConversationListModel::applyConversation(const QJsonObject &c)
{
    const qint64 id = c.value(QStringLiteral("id")).toInteger();
    const int row = rowOf(id);
    // An answer and an event can cross: never go back to an older copy.
    qint64 &seen = m_lastUpdate[id];
    if (c.value(QStringLiteral("updated_at")).toInteger() < seen)
        return;
    seen = c.value(QStringLiteral("updated_at")).toInteger();
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
    refreshUnreadTotal();
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
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("limit"), QStringLiteral("1"));
        m_api->get(QStringLiteral("api/whatsapp/conversations"), query)->then(this, [this](const QJsonObject &page) {
            setUnreadTotal(page.value(QStringLiteral("unread_total")).toInt());
        }, [](const client::ApiError &) {});
    });
}

} // namespace puente::ui
