#pragma once

#include <QProcessEnvironment>
#include <QStringList>

class QTextStream;

namespace puente::server {

// Exit codes of every puente-server command.
enum ExitCode { ExitOk = 0, ExitFailure = 1, ExitUsage = 2 };

// Runs `puente-server` with its arguments (argv[0] first). Output and errors
// go to the given streams; a failure prints one line "puente-server: error:
// <reason>" and returns ExitFailure. `serve` runs the event loop until SIGINT
// or SIGTERM.
int runCli(const QStringList &arguments, const QProcessEnvironment &env, QTextStream &out, QTextStream &err,
           QTextStream &in);

} // namespace puente::server
