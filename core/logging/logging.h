#pragma once

#include <QLoggingCategory>
#include <QString>

Q_DECLARE_LOGGING_CATEGORY(lcStorage)
Q_DECLARE_LOGGING_CATEGORY(lcSecrets)
Q_DECLARE_LOGGING_CATEGORY(lcHttp)
Q_DECLARE_LOGGING_CATEGORY(lcCli)
Q_DECLARE_LOGGING_CATEGORY(lcAuth)

namespace puente::logging {

enum class Format { Human, Json };

// Installs the process-wide message handler: one line per message on stderr,
// "2026-11-27T21:00:00.123Z info  puente.storage: text" or, with Json, one JSON
// object per line {"ts","level","category","msg"}. Anything that looks like a
// Meta access token or a bearer token is masked before it is written.
void install(Format format);

// The line the handler writes for one message (newline included): what
// reaches stderr, after the masking. Tests that look for secrets in the log
// read these.
QByteArray formatLine(Format format, QtMsgType type, const QMessageLogContext &context, const QString &message);

// The masking the handler applies; exposed for tests.
QString redactSecrets(const QString &message);
// Control characters (line breaks, ANSI escapes, bidi overrides) written as
// \n, \u001b...: a value from a request can never start a log line of its
// own or recolour the terminal. The human format applies it to every line.
QString escapeControls(const QString &text);

std::optional<Format> parseFormat(const QString &name);

} // namespace puente::logging
