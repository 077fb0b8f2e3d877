#include "messagemodel.h"

#include "metatext.h"

#include "client/apiclient.h"

#include <QDateTime>

namespace puente::ui {

namespace {

const QString kReaction = QStringLiteral("reaction");

qint64 localDay(const protocol::Message &m)
{
    return QDateTime::fromMSecsSinceEpoch(m.timestamp).date().toJulianDay();
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
    const protocol::Message &m = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case TextRole:
        return m.content;
    case IdRole:
        return m.id;
    case DirectionRole:
        return QVariant::fromValue(m.direction);
    case TypeRole:
        return m.type;
    case StatusRole:
        return QVariant::fromValue(m.status);
    case TimestampRole:
        return QDateTime::fromMSecsSinceEpoch(m.timestamp);
    case ErrorRole: {
        if (m.status != protocol::MessageStatus::Failed)
            return QString();
        const protocol::MessageError e = m.error.value_or(protocol::MessageError{});
        // A code the console knows reads in its language, with what to do;
        // Meta's own words (English) only for the others.
        if (QString known = e.code > 0 ? MetaText::knownFailure(int(e.code)) : QString(); !known.isEmpty()) {
            if (known.endsWith(QLatin1Char('.')))
                known.chop(1);
            return QStringLiteral("%1 (%2)").arg(known).arg(e.code);
        }
        QString reason = e.details;
        if (reason.isEmpty())
            reason = e.message;
        if (reason.isEmpty())
            reason = e.title;
        return e.code != 0 ? QStringLiteral("%1 (%2)").arg(reason).arg(e.code) : reason;
    }
    case QuoteRole:
        return m.replyTo.isEmpty() ? QVariant() : QVariant(m_textByWamid.value(m.replyTo, QStringLiteral("…")));
    case ReactionsRole: {
        const auto it = m_reactions.constFind(m.providerMessageId);
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
    case MessageRole:
        return QVariant::fromValue(m);
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
    protocol::MessageQuery query;
    query.limit = m_pageSize;
    if (older)
        query.before = m_before;
    const auto call = m_api->callOn<protocol::route::ListMessages>(m_conversation, {}, query);
    m_inFlight = call.reply();
    const quint64 generation = m_generation;
    call.then(this, [this, generation, older](const protocol::MessagePage &page) {
        if (generation != m_generation)
            return;
        m_inFlight.clear();
        // The page is newest first; rows are oldest first.
        QList<protocol::Message> incoming;
        for (qsizetype i = page.items.size() - 1; i >= 0; --i) {
            const protocol::Message &m = page.items.at(i);
            if (absorb(m) || m_ids.contains(m.id))
                continue;
            incoming.append(m);
        }
        if (!incoming.isEmpty()) {
            if (older || m_rows.isEmpty()) {
                QList<qint64> days;
                days.reserve(incoming.size());
                for (const protocol::Message &m : std::as_const(incoming)) {
                    days.append(localDay(m));
                    m_ids.insert(m.id);
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
                for (const protocol::Message &m : incoming)
                    applyMessage(m);
            }
        }
        // Only now: while merging, a first page's messages must still count
        // as the start of the loaded history (live events may have come first).
        m_before = page.nextCursor.value_or(QString());
        m_atStart = m_before.isEmpty();
        // Quotes of rows already shown whose message just arrived.
        if (older) {
            QSet<QString> arrived;
            for (const protocol::Message &m : std::as_const(incoming))
                arrived.insert(m.providerMessageId);
            for (int i = int(incoming.size()); i < m_rows.size(); ++i)
                if (arrived.contains(m_rows.at(i).replyTo))
                    Q_EMIT dataChanged(index(i), index(i), {QuoteRole});
        }
        Q_EMIT pageLoaded(older, int(incoming.size()));
    }, [this, generation](const client::ApiError &error) {
        if (generation != m_generation)
            return;
        m_inFlight.clear();
        if (m_rows.isEmpty())
            m_atStart = true; // reopen to retry
        Q_EMIT loadFailed(error);
    });
}

bool MessageModel::absorb(const protocol::Message &m)
{
    if (m.type == kReaction) {
        if (!m.replyTo.isEmpty()) {
            m_reactions[m.replyTo][m.direction] = m.reaction;
            reactionsChanged(m.replyTo);
        }
        return true;
    }
    if (!m.providerMessageId.isEmpty()) {
        QString text = m.content;
        if (text.isEmpty()) {
            text = m.media ? m.media->filename : QString();
            if (text.isEmpty())
                text = QStringLiteral("[%1]").arg(m.type);
        }
        m_textByWamid.insert(m.providerMessageId, text.left(160));
    }
    return false;
}

void MessageModel::reactionsChanged(const QString &wamid)
{
    for (int i = int(m_rows.size()) - 1; i >= 0; --i)
        if (m_rows.at(i).providerMessageId == wamid) {
            Q_EMIT dataChanged(index(i), index(i), {ReactionsRole});
            return;
        }
}

int MessageModel::rowOfId(qint64 messageId) const
{
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) // recent ones are asked about most
        if (m_rows.at(i).id == messageId)
            return i;
    return -1;
}

void MessageModel::applyMessage(const protocol::Message &m)
{
    if (m.conversationId != m_conversation || m_conversation == 0)
        return;
    if (absorb(m))
        return;
    const int row = rowOfId(m.id);
    if (row >= 0) {
        // A send's answer and the status events can cross: a status never
        // goes back (queued → sent → delivered → read). Failed is outside
        // the order: Meta fails a sent message, a retry queues a failed one.
        auto rank = [](protocol::MessageStatus status) {
            switch (status) {
            case protocol::MessageStatus::Queued: return 0;
            case protocol::MessageStatus::Sent: return 1;
            case protocol::MessageStatus::Delivered: return 2;
            case protocol::MessageStatus::Read:
            case protocol::MessageStatus::Played: return 3;
            case protocol::MessageStatus::Failed:
            case protocol::MessageStatus::Received: break;
            }
            return -1;
        };
        const int incoming = rank(m.status), current = rank(m_rows.at(row).status);
        if (incoming >= 0 && current >= 0 && incoming < current)
            return;
        const QString oldWamid = m_rows.at(row).providerMessageId;
        m_rows[row] = m;
        m_days[row] = localDay(m);
        Q_EMIT dataChanged(index(row), index(row));
        // The wamid arrives with `sent`: reactions may already wait for it.
        if (oldWamid != m.providerMessageId)
            reactionsChanged(m.providerMessageId);
        return;
    }
    // New messages go at the end; one older than the newest shown (a late
    // webhook) goes where its time puts it, unless it is older than all
    // loaded history (it will come with that page).
    int pos = int(m_rows.size());
    while (pos > 0 && m_rows.at(pos - 1).timestamp > m.timestamp)
        --pos;
    if (pos == 0 && !m_rows.isEmpty() && !m_atStart)
        return;
    beginInsertRows({}, pos, pos);
    m_rows.insert(pos, m);
    m_days.insert(pos, localDay(m));
    m_ids.insert(m.id);
    endInsertRows();
    if (pos + 1 < m_rows.size())
        Q_EMIT dataChanged(index(pos + 1), index(pos + 1), {DayBreakRole});
}

} // namespace puente::ui
