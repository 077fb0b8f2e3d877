#include "protocol/templatetext.h"

#include <QHash>
#include <QSet>

namespace puente::protocol::templatetext {

namespace {
// The first component of that type, or {}.
QJsonObject component(const QJsonArray &components, const QString &type)
{
    for (const QJsonValue &v : components)
        if (v.toObject().value(QStringLiteral("type")).toString().compare(type, Qt::CaseInsensitive) == 0)
            return v.toObject();
    return {};
}

QString textOf(const QJsonObject &component)
{
    return component.value(QStringLiteral("text")).toString();
}
} // namespace

const QRegularExpression &placeholderPattern()
{
    static const QRegularExpression pattern(QStringLiteral("\\{\\{\\s*([A-Za-z0-9_]+)\\s*\\}\\}"));
    return pattern;
}

QStringList placeholders(const QString &text)
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

int placeholderCount(const QString &text)
{
    QSet<QString> names;
    auto it = placeholderPattern().globalMatch(text);
    while (it.hasNext())
        names.insert(it.next().captured(1));
    return int(names.size());
}

QString fill(const QString &text, const std::function<QString(const QString &name)> &valueOf)
{
    QString out;
    qsizetype from = 0;
    auto it = placeholderPattern().globalMatch(text);
    while (it.hasNext()) {
        const auto match = it.next();
        out += text.mid(from, match.capturedStart() - from);
        out += valueOf(match.captured(1));
        from = match.capturedEnd();
    }
    out += text.mid(from);
    return out;
}

Parts parts(const QJsonArray &components)
{
    Parts p;
    const QJsonObject header = component(components, QStringLiteral("HEADER"));
    p.headerFormat = header.value(QStringLiteral("format")).toString().toUpper();
    p.header = textOf(header);
    p.body = textOf(component(components, QStringLiteral("BODY")));
    p.footer = textOf(component(components, QStringLiteral("FOOTER")));
    for (const QJsonValue &v : component(components, QStringLiteral("BUTTONS")).value(QStringLiteral("buttons")).toArray()) {
        const QJsonObject b = v.toObject();
        p.buttons.append({b.value(QStringLiteral("type")).toString(), textOf(b), b.value(QStringLiteral("url")).toString(),
                          b.value(QStringLiteral("phone_number")).toString()});
    }
    return p;
}

TemplateParameters parameters(const QJsonArray &components)
{
    TemplateParameters p;
    for (const QJsonValue &v : components) {
        const QJsonObject c = v.toObject();
        const QString type = c.value(QStringLiteral("type")).toString().toUpper();
        if (type == QLatin1String("HEADER") && c.value(QStringLiteral("format")).toString().toUpper() == QLatin1String("TEXT"))
            p.header = placeholderCount(textOf(c));
        else if (type == QLatin1String("HEADER") && !c.value(QStringLiteral("format")).toString().isEmpty())
            p.header = 1; // an image, video, document or location header takes one parameter
        else if (type == QLatin1String("BODY"))
            p.body = placeholderCount(textOf(c));
        else if (type == QLatin1String("BUTTONS"))
            for (const QJsonValue &b : c.value(QStringLiteral("buttons")).toArray())
                p.buttons.append(placeholderCount(b.toObject().value(QStringLiteral("url")).toString()));
    }
    return p;
}

QList<Placeholder> textPlaceholders(const QJsonArray &components)
{
    const Parts p = parts(components);
    QList<Placeholder> out;
    for (const QString &name : placeholders(p.header))
        out.append({QStringLiteral("header"), name});
    for (const QString &name : placeholders(p.body))
        out.append({QStringLiteral("body"), name});
    return out;
}

TemplateSend send(const QString &name, const QString &language, const QList<Placeholder> &placeholders, const QStringList &values)
{
    TemplateSend out{name, language, {}};
    for (const QString &componentName : {QStringLiteral("header"), QStringLiteral("body")}) {
        QJsonArray parameters;
        for (qsizetype i = 0; i < placeholders.size(); ++i) {
            if (placeholders.at(i).component != componentName)
                continue;
            QJsonObject parameter{{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), values.value(i).trimmed()}};
            // Named placeholders ({{nombre}}) are sent by name.
            bool numeric = false;
            placeholders.at(i).name.toInt(&numeric);
            if (!numeric)
                parameter.insert(QStringLiteral("parameter_name"), placeholders.at(i).name);
            parameters.append(parameter);
        }
        if (!parameters.isEmpty())
            out.components.append(QJsonObject{{QStringLiteral("type"), componentName}, {QStringLiteral("parameters"), parameters}});
    }
    return out;
}

QString received(const QJsonArray &templateComponents, const QJsonArray &sendComponents)
{
    // A send's parameter values for one component ("header", "body"):
    // by parameter_name when named, and by position (1, 2...).
    auto valuesOf = [&sendComponents](const QString &componentType) {
        QHash<QString, QString> values;
        const QJsonArray parameters = component(sendComponents, componentType).value(QStringLiteral("parameters")).toArray();
        for (qsizetype i = 0; i < parameters.size(); ++i) {
            const QJsonObject p = parameters.at(i).toObject();
            QString value = p.value(QStringLiteral("text")).toString();
            for (const QString &kind : {QStringLiteral("currency"), QStringLiteral("date_time")})
                if (value.isEmpty())
                    value = p.value(kind).toObject().value(QStringLiteral("fallback_value")).toString();
            values.insert(QString::number(i + 1), value);
            if (const QString name = p.value(QStringLiteral("parameter_name")).toString(); !name.isEmpty())
                values.insert(name, value);
        }
        return values;
    };
    auto filled = [](const QString &text, const QHash<QString, QString> &values) {
        return fill(text, [&values](const QString &name) {
            const auto it = values.constFind(name);
            return it == values.cend() ? QStringLiteral("{{%1}}").arg(name) : it.value();
        });
    };
    const Parts p = parts(templateComponents);
    QStringList out;
    if (p.headerFormat == QLatin1String("TEXT") || (p.headerFormat.isEmpty() && !p.header.isEmpty()))
        out.append(filled(p.header, valuesOf(QStringLiteral("header"))));
    out.append(filled(p.body, valuesOf(QStringLiteral("body"))));
    out.append(p.footer);
    QStringList buttons;
    for (const Button &b : p.buttons)
        buttons.append(QStringLiteral("[%1]").arg(b.text));
    out.append(buttons.join(QLatin1Char('\n')));
    out.removeAll(QString());
    return out.join(QStringLiteral("\n\n"));
}

} // namespace puente::protocol::templatetext
