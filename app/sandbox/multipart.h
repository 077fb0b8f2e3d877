#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace puente::sandbox {

// One part of a multipart/form-data body.
struct FormPart {
    QString name;
    QString filename;
    QString contentType;
    QByteArray body;
};

// multipart/form-data (RFC 7578), enough for what HTTP clients send: the
// parts of `body` under the boundary named in `contentType`.
QList<FormPart> parseMultipart(const QByteArray &contentType, const QByteArray &body);

} // namespace puente::sandbox
