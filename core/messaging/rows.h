#pragma once

#include "common/result.h"
#include "domain/ids.h"
#include "events/eventlog.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>

namespace puente {
class Sql;
}

// The JSON shape of a message and of a conversation, the same in WebSocket
// events and REST answers, read from a row that selected the columns below
// (in this order, first).
namespace puente::rows {

extern const QString kMessageColumns;
QJsonObject messageJson(const Sql &row);

extern const QString kConversationColumns;
QJsonObject conversationJson(const Sql &row);

// What conversation search matches: the contact's name folded (lower case,
// accents removed: "Ángela" is found by "angela") and the digits of the number.
QString searchText(const QString &name, const QString &waIdOrPhone);
QString foldForSearch(const QString &text);

// The row a `… RETURNING kMessageColumns` (or kConversationColumns)
// statement is positioned on, recorded as an event of `type` inside the same
// transaction (its data is the row's JSON). Finishes the statement.
using RowJson = QJsonObject (*)(const Sql &row);
Result<Event> recordEvent(QSqlDatabase tx, TenantId tenant, const QString &type, Sql &returned, RowJson toJson);

// Free-form messages are allowed until 24 hours after the contact last wrote.
constexpr qint64 kServiceWindowMs = 24LL * 3600 * 1000;

} // namespace puente::rows
