#pragma once

// A WhatsApp message template as the console shows it; reading its parts
// and placeholders is protocol/templatetext.h's.

#include "protocol/types.h"

#include <QString>

namespace puente::ui::templatetext {

// Header, body, footer and buttons as rich text, placeholders highlighted.
QString previewHtml(const protocol::Template &tmpl);

} // namespace puente::ui::templatetext
