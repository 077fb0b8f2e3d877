#pragma once

// Reading a WhatsApp message template as GET /api/whatsapp/templates gives
// it: its components, its placeholders ({{1}}, {{name}}) and a preview.

#include <QJsonObject>
#include <QRegularExpression>
#include <QStringList>

namespace puente::ui::templatetext {

// {{1}} or {{name}}, spaces allowed inside the braces.
const QRegularExpression &placeholderPattern();
// The component of that type (HEADER, BODY, FOOTER, BUTTONS), or {}.
QJsonObject component(const QJsonObject &tmpl, const QString &type);
// The placeholder names in order of first appearance, without repeats.
QStringList placeholdersIn(const QString &text);
// Header, body, footer and buttons as rich text, placeholders highlighted.
QString previewHtml(const QJsonObject &tmpl);

} // namespace puente::ui::templatetext
