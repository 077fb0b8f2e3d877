#include "templatetext.h"

#include "theme.h"

#include <QJsonArray>

namespace puente::ui::templatetext {

const QRegularExpression &placeholderPattern()
{
    static const QRegularExpression pattern(QStringLiteral("\\{\\{\\s*([A-Za-z0-9_]+)\\s*\\}\\}"));
    return pattern;
}

QJsonObject component(const QJsonObject &tmpl, const QString &type)
{
    for (const QJsonValue &v : tmpl.value(QStringLiteral("components")).toArray())
        if (v.toObject().value(QStringLiteral("type")).toString().compare(type, Qt::CaseInsensitive) == 0)
            return v.toObject();
    return {};
}

QStringList placeholdersIn(const QString &text)
{
    QStringList names;
    auto it = placeholderPattern().globalMatch(text);
    while (it.hasNext()) {
        const QString name = it.next().captured(1);
        if (!names.contains(name))
            names.append(name);
    }
    return names;
}

namespace {

// Escapes the text and marks every placeholder.
QString highlighted(const QString &text)
{
    QString html;
    qsizetype from = 0;
    auto it = placeholderPattern().globalMatch(text);
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

QString previewHtml(const QJsonObject &tmpl)
{
    QString html;
    const QJsonObject header = component(tmpl, QStringLiteral("HEADER"));
    const QString format = header.value(QStringLiteral("format")).toString().toUpper();
    if (!header.value(QStringLiteral("text")).toString().isEmpty())
        html += QStringLiteral("<p><b>%1</b></p>").arg(highlighted(header.value(QStringLiteral("text")).toString()));
    else if (!format.isEmpty() && format != QLatin1String("TEXT"))
        html += QStringLiteral("<p style='color:%1'>[%2]</p>").arg(theme::muted().name(), format.toLower().toHtmlEscaped());
    html += QStringLiteral("<p>%1</p>").arg(highlighted(component(tmpl, QStringLiteral("BODY")).value(QStringLiteral("text")).toString()));
    const QString footer = component(tmpl, QStringLiteral("FOOTER")).value(QStringLiteral("text")).toString();
    if (!footer.isEmpty())
        html += QStringLiteral("<p style='color:%1'><small>%2</small></p>").arg(theme::muted().name(), highlighted(footer));
    const QJsonArray buttons = component(tmpl, QStringLiteral("BUTTONS")).value(QStringLiteral("buttons")).toArray();
    for (const QJsonValue &v : buttons) {
        const QJsonObject b = v.toObject();
        QString line = highlighted(b.value(QStringLiteral("text")).toString());
        const QString target = b.value(QStringLiteral("url")).toString() + b.value(QStringLiteral("phone_number")).toString();
        if (!target.isEmpty())
            line += QStringLiteral(" <span style='color:%1'>→ %2</span>").arg(theme::muted().name(), highlighted(target));
        html += QStringLiteral("<p align='center' style='color:%1'>%2</p>").arg(theme::readTicks().darker(140).name(), line);
    }
    return html;
}

} // namespace puente::ui::templatetext
