#pragma once

#include "common/result.h"
#include "domain/ids.h"
#include "events/eventlog.h"
#include "protocol/types.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>

namespace puente {
class Sql;
}

// A message and a conversation as the API carries them (the same in
// WebSocket events and REST answers), read from a row that selected the columns below
// (in this order, first).
namespace puente::rows {

extern const QString kMessageColumns;
protocol::Message message(const Sql &row);
inline QJsonObject messageJson(const Sql &row) { return protocol::toJson(message(row)); }

extern const QString kConversationColumns;
protocol::Conversation conversation(const Sql &row);
inline QJsonObject conversationJson(const Sql &row) { return protocol::toJson(conversation(row)); }

// What conversation search matches: the contact's name folded (lower case,
// accents removed: "Ángela" is found by "angela") and the digits of the number.
QString searchText(const QString &name, const QString &waIdOrPhone);
// The digits of a number however it is written ("+52 81 5425-4667" → "528154254667").
QString digitsOf(const QString &number);
QString foldForSearch(const QString &text);

// The row a `… RETURNING kMessageColumns` (or kConversationColumns)
// statement is positioned on, recorded as an event of `type` inside the same
// transaction (its data is the row's JSON). Finishes the statement.
using RowJson = QJsonObject (*)(const Sql &row);
Result<Event> recordEvent(QSqlDatabase tx, TenantId tenant, const QString &type, Sql &returned, RowJson toJson);
// The same, answering the row as its protocol type too.
template<typename T>
struct Recorded {
    Event event;
    T row;
};
Result<Recorded<protocol::Conversation>> recordConversation(QSqlDatabase tx, TenantId tenant, Sql &returned);
Result<Recorded<protocol::Message>> recordMessage(QSqlDatabase tx, TenantId tenant, const QString &type, Sql &returned);

// A JSON value as the compact text stored in TEXT columns, and back.
QString compactJson(const QJsonObject &object);
QString compactJson(const QJsonArray &array);
QJsonArray jsonArray(const QString &text);
// A list of protocol values as a JSON array column, and back.
template<typename T>
QJsonArray arrayOf(const QList<T> &list)
{
    QJsonArray out;
    for (const T &v : list)
        out.append(protocol::toJson(v));
    return out;
}
template<typename T>
QList<T> listOf(const QString &text)
{
    QList<T> out;
    for (const QJsonValue &v : jsonArray(text))
        out.append(protocol::fromJson<T>(v.toObject()));
    return out;
}

// Free-form messages are allowed until 24 hours after the contact last wrote.
constexpr qint64 kServiceWindowMs = 24LL * 3600 * 1000;

} // namespace puente::rows
