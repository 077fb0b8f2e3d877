#include "logging/logging.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>
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
    const QByteArray line = formatLine(s_format.load(), type, context, message);
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
}
} // namespace

QByteArray formatLine(Format format, QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QString ts = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    const QString category = QString::fromLatin1(context.category ? context.category : "default");
    QByteArray line;
    if (format == Format::Json) {
        // JSON escapes control characters itself.
        const QString text = redactSecrets(message);
        QJsonObject o{{QStringLiteral("ts"), ts},
                      {QStringLiteral("level"), QString::fromLatin1(levelName(type))},
                      {QStringLiteral("category"), category},
                      {QStringLiteral("msg"), text}};
        line = QJsonDocument(o).toJson(QJsonDocument::Compact);
    } else {
        const QString text = escapeControls(redactSecrets(message));
        line = QStringLiteral("%1 %2 %3: %4")
                   .arg(ts, QString::fromLatin1(levelName(type)).leftJustified(7), category, text)
                   .toUtf8();
    }
    line += '\n';
    return line;
}

void install(Format format)
{
    s_format = format;
    qInstallMessageHandler(handler);
}

QString escapeControls(const QString &text)
{
    const auto isControl = [](QChar c) {
        const char16_t u = c.unicode();
        // C0, DEL, C1, and the bidirectional overrides and isolates that
        // reorder what a terminal shows.
        return u < 0x20 || (u >= 0x7f && u < 0xa0) || (u >= 0x202a && u <= 0x202e) || (u >= 0x2066 && u <= 0x2069) || u == 0x200e
               || u == 0x200f || u == 0x061c;
    };
    if (std::none_of(text.cbegin(), text.cend(), isControl))
        return text;
    QString out;
    out.reserve(text.size() + 16);
    for (QChar c : text) {
        if (!isControl(c)) {
            out += c;
        } else if (c == QLatin1Char('\n')) {
            out += QLatin1String("\\n");
        } else if (c == QLatin1Char('\r')) {
            out += QLatin1String("\\r");
        } else if (c == QLatin1Char('\t')) {
            out += QLatin1String("\\t");
        } else {
            out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
        }
    }
    return out;
}

QString redactSecrets(const QString &message)
{
    // Meta user/system tokens start with "EAA"; also mask anything after
    // "Bearer " and sealed values' payloads. Meta's own tokens are letters
    // and digits, but a token in base64url (the Sandbox's) also has '-' and
    // '_': stopping there would leave the rest of it in the log.
    static const QRegularExpression patterns(
        QStringLiteral(R"(\bEAA[A-Za-z0-9_-]{16,}|(?<=Bearer )[A-Za-z0-9._~+/=-]{8,})"));
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
