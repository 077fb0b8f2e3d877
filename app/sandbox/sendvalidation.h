#pragma once

#include <QJsonObject>
#include <QString>

namespace puente::sandbox {

// What Meta says about a POST /<PHONE_NUMBER_ID>/messages body before it
// accepts it: empty when the body is well-formed, else the error details,
// with the Graph error code in *code (100, or 131009 for a duplicate button
// id). Window, template and media checks come later (they depend on state).
QString validateSend(const QJsonObject &body, int *code);

} // namespace puente::sandbox
