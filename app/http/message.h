#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrlQuery>

#include <memory>

namespace puente::http {

enum class Method : quint8 { Unknown, Get, Head, Post, Put, Patch, Delete, Options };

// "GET" → Method::Get; any other token → Unknown (routes answer 405 or 404).
Method methodFromToken(QByteArrayView token);
QString methodName(Method method);

// A request body the server wrote to a file instead of memory (routes that
// take large uploads). The file is removed when the last holder lets go.
class BodyFile {
public:
    explicit BodyFile(QString path) : m_path(std::move(path)) {}
    ~BodyFile();
    BodyFile(const BodyFile &) = delete;
    BodyFile &operator=(const BodyFile &) = delete;
    const QString &path() const { return m_path; }

private:
    QString m_path;
};

// One request as a handler sees it: a value, safe to copy to a worker.
struct Request {
    Method method = Method::Unknown;
    QString path;  // percent-decoded, without the query
    QUrlQuery query;
    QHash<QByteArray, QByteArray> headers; // names lower-case; singletons are unique (the parser refuses repeats)
    QByteArray body;                       // empty when bodyFile holds it
    std::shared_ptr<BodyFile> bodyFile;    // set on routes that stream their body to disk
    qint64 bodySize = 0;                   // of body or bodyFile
    QString clientAddress;                 // the peer (or, behind a trusted proxy, X-Real-IP)
    bool peerIsLoopback = false;           // the TCP peer itself, whatever the headers say

    QByteArray header(QByteArrayView name) const { return headers.value(name.toByteArray().toLower()); }
    QString queryValue(const QString &name) const { return query.queryItemValue(name, QUrl::FullyDecoded); }
};

struct Reply {
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers;
    // Close the connection instead of answering (an emulator playing a
    // server that hangs up; status and body are ignored).
    bool dropConnection = false;

    static Reply json(const QJsonObject &object, int status = 200);
    static Reply json(const QJsonArray &array, int status = 200);
    static Reply noContent() { return Reply{204, {}, {}, {}}; }
    // {"error":{"code","message","field"?}}: the one error shape of every answer.
    static Reply error(int status, const QString &code, const QString &message, const QString &field = {});
};

// The reason phrase of a status code ("Not Found").
QByteArray reasonPhrase(int status);

} // namespace puente::http
