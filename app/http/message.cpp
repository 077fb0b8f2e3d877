#include "message.h"

#include <QFile>
#include <QJsonDocument>

namespace puente::http {

Method methodFromToken(QByteArrayView token)
{
    switch (token.size()) {
    case 3:
        if (token == "GET")
            return Method::Get;
        if (token == "PUT")
            return Method::Put;
        break;
    case 4:
        if (token == "POST")
            return Method::Post;
        if (token == "HEAD")
            return Method::Head;
        break;
    case 5:
        if (token == "PATCH")
            return Method::Patch;
        break;
    case 6:
        if (token == "DELETE")
            return Method::Delete;
        break;
    case 7:
        if (token == "OPTIONS")
            return Method::Options;
        break;
    default:
        break;
    }
    return Method::Unknown;
}

QString methodName(Method method)
{
    switch (method) {
    case Method::Get: return QStringLiteral("GET");
    case Method::Head: return QStringLiteral("HEAD");
    case Method::Post: return QStringLiteral("POST");
    case Method::Put: return QStringLiteral("PUT");
    case Method::Patch: return QStringLiteral("PATCH");
    case Method::Delete: return QStringLiteral("DELETE");
    case Method::Options: return QStringLiteral("OPTIONS");
    case Method::Unknown: break;
    }
    return QStringLiteral("UNKNOWN");
}

BodyFile::~BodyFile()
{
    QFile::remove(m_path);
}

Reply Reply::json(const QJsonObject &object, int status)
{
    return Reply{status, "application/json", QJsonDocument(object).toJson(QJsonDocument::Compact), {}};
}

Reply Reply::json(const QJsonArray &array, int status)
{
    return Reply{status, "application/json", QJsonDocument(array).toJson(QJsonDocument::Compact), {}};
}

Reply Reply::error(int status, const QString &code, const QString &message, const QString &field)
{
    QJsonObject e{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}};
    if (!field.isEmpty())
        e.insert(QStringLiteral("field"), field);
    return json(QJsonObject{{QStringLiteral("error"), e}}, status);
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 101: return "Switching Protocols";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 206: return "Partial Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 411: return "Length Required";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 416: return "Range Not Satisfiable";
    case 417: return "Expectation Failed";
    case 422: return "Unprocessable Content";
    case 426: return "Upgrade Required";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    case 505: return "HTTP Version Not Supported";
    default: break;
    }
    return status < 300 ? "OK" : status < 400 ? "Redirect" : status < 500 ? "Client Error" : "Server Error";
}

} // namespace puente::http
