#include "templatetext.h"

#include "protocol/templatetext.h"
#include "theme.h"

namespace puente::ui::templatetext {

namespace {

// Escapes the text and marks every placeholder.
QString highlighted(const QString &text)
{
    QString html;
    qsizetype from = 0;
    auto it = protocol::templatetext::placeholderPattern().globalMatch(text);
    while (it.hasNext()) {
        const auto match = it.next();
        html += text.mid(from, match.capturedStart() - from).toHtmlEscaped();
        html += QStringLiteral("<span style='background:%1; font-weight:600'>%2</span>")
                    .arg(theme::warningBackground().name(), match.captured().toHtmlEscaped());
        from = match.capturedEnd();
    }
    html += text.mid(from).toHtmlEscaped();
    return html.replace(QLatin1Char('\n'), QStringLiteral("<br>"));
}

} // namespace

QString previewHtml(const protocol::Template &tmpl)
{
    const protocol::templatetext::Parts parts = protocol::templatetext::parts(tmpl.components);
    QString html;
    if (!parts.header.isEmpty())
        html += QStringLiteral("<p><b>%1</b></p>").arg(highlighted(parts.header));
    else if (!parts.headerFormat.isEmpty() && parts.headerFormat != QLatin1String("TEXT"))
        html += QStringLiteral("<p style='color:%1'>[%2]</p>").arg(theme::muted().name(), parts.headerFormat.toLower().toHtmlEscaped());
    html += QStringLiteral("<p>%1</p>").arg(highlighted(parts.body));
    if (!parts.footer.isEmpty())
        html += QStringLiteral("<p style='color:%1'><small>%2</small></p>").arg(theme::muted().name(), highlighted(parts.footer));
    for (const protocol::templatetext::Button &b : parts.buttons) {
        QString line = highlighted(b.text);
        const QString target = b.url + b.phoneNumber;
        if (!target.isEmpty())
            line += QStringLiteral(" <span style='color:%1'>→ %2</span>").arg(theme::muted().name(), highlighted(target));
        html += QStringLiteral("<p align='center' style='color:%1'>%2</p>").arg(theme::readTicks().darker(140).name(), line);
    }
    return html;
}

} // namespace puente::ui::templatetext
