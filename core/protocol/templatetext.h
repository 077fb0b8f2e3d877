#pragma once

// Reading a WhatsApp message template as Meta gives it (Template::components)
// and filling it in, once for the server and the console: the placeholder
// rule ({{1}}, {{name}}), how many parameters a send must give (the server
// checks sends against it), the text of each part, and the components of a
// send (TemplateSend::components).
#include "protocol/types.h"

#include <QRegularExpression>
#include <QStringList>

#include <functional>

namespace puente::protocol::templatetext {

// {{1}} or {{name}}: letters, digits and underscores, spaces allowed inside
// the braces. Capture 1 is the name.
const QRegularExpression &placeholderPattern();
// The placeholder names in order of first appearance, without repeats.
QStringList placeholders(const QString &text);
// How many distinct placeholders the text has ({{1}} twice counts once).
int placeholderCount(const QString &text);
// The text with every placeholder replaced by `valueOf(name)`, in one pass
// (a value holding "{{2}}" stays as it is, as Meta sends it).
QString fill(const QString &text, const std::function<QString(const QString &name)> &valueOf);

// One button of a BUTTONS component.
struct Button {
    QString type; // QUICK_REPLY, URL, PHONE_NUMBER...
    QString text;
    QString url;
    QString phoneNumber;
};

// The parts of a template, each from the first component of its type
// (HEADER, BODY, FOOTER, BUTTONS; any case); empty when it has none.
struct Parts {
    QString headerFormat; // upper case: TEXT, IMAGE, VIDEO, DOCUMENT, LOCATION
    QString header;       // the header's text
    QString body;
    QString footer;
    QList<Button> buttons;
};
Parts parts(const QJsonArray &components);

// The parameters a send must give per component: the placeholders of a text
// header (one for a media header), of the body, and of each button's URL.
// The server checks template sends against the header and body counts.
TemplateParameters parameters(const QJsonArray &components);

// One text placeholder a send fills.
struct Placeholder {
    QString component; // "header" or "body", as a send names them
    QString name;      // "1", or a named parameter
};
// The text placeholders of the header and then the body, in order.
QList<Placeholder> textPlaceholders(const QJsonArray &components);

// The send of template `name` in `language` with one value per placeholder
// (in the order of `placeholders`): text parameters grouped by component,
// named placeholders by name, values trimmed; no components when there are
// no placeholders.
TemplateSend send(const QString &name, const QString &language, const QList<Placeholder> &placeholders, const QStringList &values);

// The text the contact receives from a send of this template: the text
// header, the body, the footer (each filled in with the send's header and
// body parameters, by position or by name) and the buttons, one per line in
// brackets; parts separated by a blank line. A placeholder the send does not
// fill stays as it is; a media header is left out (the message shows no
// file for it).
QString received(const QJsonArray &templateComponents, const QJsonArray &sendComponents);

} // namespace puente::protocol::templatetext
