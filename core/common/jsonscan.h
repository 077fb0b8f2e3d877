#pragma once

#include <QByteArrayView>
#include <QString>

#include <optional>

namespace puente::json {

// The first key that appears twice in one object of `document` (valid
// JSON, already parsed), as "path.to.key"; nullopt when there is none.
// QJsonDocument keeps one of the two silently, and two parsers reading the
// same body differently is how a check is slipped past.
std::optional<QString> duplicateKey(QByteArrayView document);

} // namespace puente::json
