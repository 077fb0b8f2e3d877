#include "logging/logging.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <atomic>
#include <cstdio>

Q_LOGGING_CATEGORY(lcStorage, "puente.storage", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSecrets, "puente.secrets", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHttp, "puente.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCli, "puente.cli", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAuth, "puente.auth", QtInfoMsg)

namespace puente::logging {

namespace {
std::atomic<Format> s_format{Format::Human};

const char *levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg: return "debug";
    case QtInfoMsg: return "info";
    case QtWarningMsg: return "warning";
    case QtCriticalMsg: return "error";
    case QtFatalMsg: return "fatal";
    }
    return "info";
}

void handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QString ts = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    const QString category = QString::fromLatin1(context.category ? context.category : "default");
    const QString text = redactSecrets(message);
    QByteArray line;
    if (s_format.load() == Format::Json) {
        QJsonObject o{{QStringLiteral("ts"), ts},
                      {QStringLiteral("level"), QString::fromLatin1(levelName(type))},
                      {QStringLiteral("category"), category},
                      {QStringLiteral("msg"), text}};
        line = QJsonDocument(o).toJson(QJsonDocument::Compact);
    } else {
        line = QStringLiteral("%1 %2 %3: %4")
                   .arg(ts, QString::fromLatin1(levelName(type)).leftJustified(7), category, text)
                   .toUtf8();
    }
    line += '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
}
} // namespace

void install(Format format)
{
    s_format = format;
    qInstallMessageHandler(handler);
}

QString redactSecrets(const QString &message)
{
    // Meta user/system tokens start with "EAA"; also mask anything after
    // "Bearer " and sealed values' payloads.
    static const QRegularExpression patterns(
        QStringLiteral(R"(\bEAA[A-Za-z0-9]{16,}|(?<=Bearer )[A-Za-z0-9._~+/=-]{8,})"));
    QString out = message;
    out.replace(patterns, QStringLiteral("[redacted]"));
    return out;
}

std::optional<Format> parseFormat(const QString &name)
{
    if (name == QLatin1String("human") || name == QLatin1String("text"))
        return Format::Human;
    if (name == QLatin1String("json"))
        return Format::Json;
    return std::nullopt;
}

} // namespace puente::logging
