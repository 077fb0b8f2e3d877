#pragma once

#include <QString>

namespace puente::text {

// What a piece of text from a client may hold. Names and other one-line
// values: no line breaks or tabs. Message text: line breaks and tabs.
// Neither: NUL, other control characters (C0, DEL, C1), bidirectional
// overrides and isolates (they make "exe.pdf" look like "fdp.exe"), or
// unpaired surrogates. They would reach Meta, the log and other people's
// screens as they are.
enum class Kind { Line, Multiline };

// Empty when the text is acceptable; otherwise what is wrong, for a 422
// ("holds a control character (U+001B)").
QString problem(const QString &text, Kind kind);
// CRLF and lone CR become LF: WhatsApp text has one kind of line break.
QString normalizeNewlines(const QString &text);

} // namespace puente::text
