#include "messagemodel.h"

#include "client/apiclient.h"

#include <QDateTime>
#include <QJsonArray>

namespace puente::ui {

namespace {

const QString kReaction = QStringLiteral("reaction");

QString str(const QJsonObject &m, const char *key)
{
    return m.value(QLatin1String(key)).toString();
}

qint64 localDay(const QJsonObject &m)
{
    return QDateTime::fromMSecsSinceEpoch(m.value(QStringLiteral("timestamp")).toInteger()).date().toJulianDay();
}

} // namespace

MessageModel::MessageModel(client::ApiClient *api, QObject *parent) : QAbstractListModel(parent), m_api(api) {}

int MessageModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

bool MessageModel::dayBreakAt(int row) const
{
    // Days are worked out once per row: converting times is slow (time zone).
    return row == 0 || m_days.at(row) != m_days.at(row - 1);
}

QVariant MessageModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QJsonObject &m = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case TextRole:
        return str(m, "content");
    case IdRole:
        return m.value(QStringLiteral("id")).toInteger();
    case DirectionRole:
        return str(m, "direction");
    case TypeRole:
        return str(m, "type");
    case StatusRole:
        return str(m, "status");
    case TimestampRole:
        return QDateTime::fromMSecsSinceEpoch(m.value(QStringLiteral("timestamp")).toInteger());
    case ErrorRole: {
        if (str(m, "status") != QLatin1String("failed"))
            return QString();
        const QJsonObject e = m.value(QStringLiteral("error")).toObject();
        QString reason = e.value(QStringLiteral("details")).toString();
        if (reason.isEmpty())
            reason = e.value(QStringLiteral("message")).toString();
        if (reason.isEmpty())
            reason = e.value(QStringLiteral("title")).toString();
        const int code = e.value(QStringLiteral("code")).toInt();
        return code != 0 ? QStringLiteral("%1 (%2)").arg(reason).arg(code) : reason;
    }
    case MediaRole:
        return m.value(QStringLiteral("media")).toObject();
    case QuoteRole: {
        const QString target = str(m, "reply_to");
        return target.isEmpty() ? QVariant() : QVariant(m_textByWamid.value(target, QStringLiteral("…")));
    }
    case ReactionsRole: {
        const auto it = m_reactions.constFind(str(m, "provider_message_id"));
        if (it == m_reactions.constEnd())
            return QString();
        QStringList emoji;
        for (const QString &e : it.value())
            if (!e.isEmpty())
                emoji.append(e);
        return emoji.join(QLatin1Char(' '));
    }
    case DayBreakRole:
        return dayBreakAt(index.row());
    case AttentionRole:
        return str(m, "attention");
    case JsonRole:
        return m;
    default:
        return {};
    }
}

bool MessageModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_conversation > 0 && !m_atStart && m_inFlight.isNull();
}

void MessageModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        requestPage(true);
}

void MessageModel::open(qint64 conversationId)
{
    if (m_inFlight)
        m_inFlight->abort();
    ++m_generation;
    beginResetModel();
    m_conversation = conversationId;
    m_rows.clear();
    m_days.clear();
    m_ids.clear();
    m_textByWamid.clear();
    m_reactions.clear();
    m_before.clear();
    m_atStart = true;
    endResetModel();
    if (conversationId > 0)
        requestPage(false);
}

void MessageModel::requestPage(bool older)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("limit"), QString::number(m_pageSize));
    if (older)
        query.addQueryItem(QStringLiteral("before"), m_before);
    m_inFlight = m_api->get(QStringLiteral("api/whatsapp/conversations/%1/messages").arg(m_conversation), query);
    const quint64 generation = m_generation;
    m_inFlight->then(this, [this, generation, older](const QJsonObject &page) {
        if (generation != m_generation)
            return;
        m_inFlight.clear();
        const QJsonArray items = page.value(QStringLiteral("items")).toArray();
        // The page is newest first; rows are oldest first.
        QList<QJsonObject> incoming;
        for (qsizetype i = items.size() - 1; i >= 0; --i) {
            const QJsonObject m = items.at(i).toObject();
            if (absorb(m) || m_ids.contains(m.value(QStringLiteral("id")).toInteger()))
                continue;
            incoming.append(m);
        }
        if (!incoming.isEmpty()) {
            if (older || m_rows.isEmpty()) {
                QList<qint64> days;
                days.reserve(incoming.size());
                for (const QJsonObject &m : std::as_const(incoming)) {
                    days.append(localDay(m));
                    m_ids.insert(m.value(QStringLiteral("id")).toInteger());
                }
                beginInsertRows({}, 0, int(incoming.size() - 1));
                m_rows = incoming + m_rows;
                m_days = days + m_days;
                endInsertRows();
                // The old first row may no longer start its day.
                if (m_rows.size() > incoming.size()) {
                    const QModelIndex was = index(int(incoming.size()));
                    Q_EMIT dataChanged(was, was, {DayBreakRole});
                }
            } else {
                for (const QJsonObject &m : incoming)
                    applyMessage(m);
            }
        }
        // Only now: while merging, a first page's messages must still count
        // as the start of the loaded history (live events may have come first).
        m_before = page.value(QStringLiteral("next_cursor")).toString();
        m_atStart = m_before.isEmpty();
        // Quotes of rows already shown whose message just arrived.
        if (older) {
            QSet<QString> arrived;
            for (const QJsonObject &m : std::as_const(incoming))
                arrived.insert(str(m, "provider_message_id"));
            for (int i = int(incoming.size()); i < m_rows.size(); ++i)
                if (arrived.contains(str(m_rows.at(i), "reply_to")))
                    Q_EMIT dataChanged(index(i), index(i), {QuoteRole});
        }
        Q_EMIT pageLoaded(older, int(incoming.size()));
    }, [this, generation](const client::ApiError &error) {
        if (generation != m_generation)
            return;
        m_inFlight.clear();
        if (m_rows.isEmpty())
            m_atStart = true; // reopen to retry
        Q_EMIT loadFailed(error.code, error.message);
    });
}

bool MessageModel::absorb(const QJsonObject &m)
{
    const QString wamid = str(m, "provider_message_id");
    if (str(m, "type") == kReaction) {
        const QString target = str(m, "reply_to");
        if (!target.isEmpty()) {
            m_reactions[target][str(m, "direction")] = m.value(QStringLiteral("reaction")).toString();
            reactionsChanged(target);
        }
        return true;
    }
    if (!wamid.isEmpty()) {
        QString text = str(m, "content");
        if (text.isEmpty()) {
            const QJsonObject media = m.value(QStringLiteral("media")).toObject();
            text = media.value(QStringLiteral("filename")).toString();
            if (text.isEmpty())
                text = QStringLiteral("[%1]").arg(str(m, "type"));
        }
        m_textByWamid.insert(wamid, text.left(160));
    }
    return false;
}

void MessageModel::reactionsChanged(const QString &wamid)
{
    for (int i = int(m_rows.size()) - 1; i >= 0; --i)
        if (str(m_rows.at(i), "provider_message_id") == wamid) {
            Q_EMIT dataChanged(index(i), index(i), {ReactionsRole});
            return;
        }
}

int MessageModel::rowOfId(qint64 messageId) const
{
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) // recent ones are asked about most
        if (m_rows.at(i).value(QStringLiteral("id")).toInteger() == messageId)
            return i;
    return -1;
}

void MessageModel::applyMessage(const QJsonObject &m)
{
    if (m.value(QStringLiteral("conversation_id")).toInteger() != m_conversation || m_conversation == 0)
        return;
    if (absorb(m))
        return;
    const qint64 id = m.value(QStringLiteral("id")).toInteger();
    const int row = rowOfId(id);
    if (row >= 0) {
        // A send's answer and the status events can cross: a status never
        // goes back (queued → sent → delivered → read). Failed is outside
        // the order: Meta fails a sent message, a retry queues a failed one.
        auto rank = [](const QString &status) {
            static const QHash<QString, int> ranks{{QStringLiteral("queued"), 0}, {QStringLiteral("sent"), 1}, {QStringLiteral("delivered"), 2},
                                                   {QStringLiteral("read"), 3}, {QStringLiteral("played"), 3}};
            return ranks.value(status, -1);
        };
        const int incoming = rank(str(m, "status")), current = rank(str(m_rows.at(row), "status"));
        if (incoming >= 0 && current >= 0 && incoming < current)
            return;
        const QString oldWamid = str(m_rows.at(row), "provider_message_id");
        m_rows[row] = m;
        m_days[row] = localDay(m);
        Q_EMIT dataChanged(index(row), index(row));
        // The wamid arrives with `sent`: reactions may already wait for it.
        if (oldWamid != str(m, "provider_message_id"))
            reactionsChanged(str(m, "provider_message_id"));
        return;
    }
    // New messages go at the end; one older than the newest shown (a late
    // webhook) goes where its time puts it, unless it is older than all
    // loaded history (it will come with that page).
    const qint64 at = m.value(QStringLiteral("timestamp")).toInteger();
    int pos = int(m_rows.size());
    while (pos > 0 && m_rows.at(pos - 1).value(QStringLiteral("timestamp")).toInteger() > at)
        --pos;
    if (pos == 0 && !m_rows.isEmpty() && !m_atStart)
        return;
    beginInsertRows({}, pos, pos);
    m_rows.insert(pos, m);
    m_days.insert(pos, localDay(m));
    m_ids.insert(id);
    endInsertRows();
    if (pos + 1 < m_rows.size())
        Q_EMIT dataChanged(index(pos + 1), index(pos + 1), {DayBreakRole});
}

} // namespace puente::ui
