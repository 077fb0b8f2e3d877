#include "templatepickerdialog.h"

#include "client/apiclient.h"
#include "templatetext.h"
#include "theme.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace puente::ui {

using templatetext::component;
using templatetext::placeholdersIn;

TemplatePickerDialog::TemplatePickerDialog(client::ApiClient *api, const QString &contactName, QWidget *parent)
    : QDialog(parent), m_api(api)
{
    setWindowTitle(tr("Send a template"));
    setMinimumWidth(520);
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("WhatsApp only lets you write first to %1 with a template Meta has approved. "
                                "Once they answer, you can write freely for 24 hours.").arg(contactName.toHtmlEscaped()), this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    m_name = new QComboBox(this);
    m_language = new QComboBox(this);
    form->addRow(tr("Template"), m_name);
    form->addRow(tr("Language"), m_language);
    layout->addLayout(form);

    m_parametersForm = new QFormLayout;
    layout->addLayout(m_parametersForm);

    layout->addWidget(new QLabel(tr("Preview"), this));
    m_preview = new QTextBrowser(this);
    m_preview->setMinimumHeight(110);
    m_preview->setStyleSheet(QStringLiteral("QTextBrowser { background: %1; border-radius: 6px; padding: 6px; }").arg(theme::outgoingBubble().name()));
    layout->addWidget(m_preview);

    m_state = new QLabel(tr("Loading templates…"), this);
    m_state->setWordWrap(true);
    layout->addWidget(m_state);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_send = buttons->addButton(tr("Send template"), QDialogButtonBox::AcceptRole);
    m_send->setEnabled(false);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        for (int i = 0; i < m_fields.size(); ++i)
            if (m_fields.at(i)->text().trimmed().isEmpty()) {
                m_state->setText(tr("Fill in every field: WhatsApp refuses a template with an empty parameter."));
                m_state->setStyleSheet(QStringLiteral("color: %1").arg(theme::danger().name()));
                m_fields.at(i)->setFocus();
                return;
            }
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(m_name, &QComboBox::currentIndexChanged, this, &TemplatePickerDialog::nameChanged);
    connect(m_language, &QComboBox::currentIndexChanged, this, &TemplatePickerDialog::languageChanged);
    if (m_api)
        load();
}

void TemplatePickerDialog::load()
{
    m_api->get(QStringLiteral("api/whatsapp/templates"))->then(this, [this](const QJsonObject &answer) {
        setTemplates(answer.value(QStringLiteral("items")).toArray());
    }, [this](const client::ApiError &error) {
        m_state->setText(error.isConnectionProblem() ? tr("Cannot load the templates: no connection to the server.")
                                                     : tr("Cannot load the templates: %1").arg(error.message));
        m_state->setStyleSheet(QStringLiteral("color: %1").arg(theme::danger().name()));
    });
}

void TemplatePickerDialog::setTemplates(const QJsonArray &templates)
{
    m_templates = {};
    QStringList names;
    for (const QJsonValue &v : templates) {
        const QJsonObject t = v.toObject();
        if (t.value(QStringLiteral("status")).toString() != QLatin1String("APPROVED"))
            continue;
        m_templates.append(t);
        const QString name = t.value(QStringLiteral("name")).toString();
        if (!names.contains(name))
            names.append(name);
    }
    names.sort();
    m_name->blockSignals(true);
    m_name->clear();
    m_name->addItems(names);
    m_name->blockSignals(false);
    if (names.isEmpty()) {
        m_state->setText(tr("There is no approved template. An administrator can create one in WhatsApp Manager and sync the templates."));
        m_state->setStyleSheet(QStringLiteral("color: %1").arg(theme::danger().name()));
    } else {
        m_state->clear();
        m_state->setStyleSheet(QString());
    }
    nameChanged();
    Q_EMIT templatesLoaded(int(m_templates.size()));
}

void TemplatePickerDialog::nameChanged()
{
    const QString name = m_name->currentText();
    QStringList languages;
    for (const QJsonValue &v : std::as_const(m_templates))
        if (v.toObject().value(QStringLiteral("name")).toString() == name)
            languages.append(v.toObject().value(QStringLiteral("language")).toString());
    m_language->blockSignals(true);
    m_language->clear();
    for (const QString &code : languages) {
        const QLocale locale(code);
        const QString label = locale.language() == QLocale::C ? code : QStringLiteral("%1 (%2)").arg(QLocale::languageToString(locale.language()), code);
        m_language->addItem(label, code);
    }
    // The user's own language first, when the template has it.
    const int own = m_language->findData(QLocale().name().section(QLatin1Char('_'), 0, 0), Qt::UserRole, Qt::MatchStartsWith);
    if (own >= 0)
        m_language->setCurrentIndex(own);
    m_language->blockSignals(false);
    languageChanged();
}

QJsonObject TemplatePickerDialog::current() const
{
    const QString name = m_name->currentText();
    const QString language = m_language->currentData().toString();
    for (const QJsonValue &v : m_templates)
        if (v.toObject().value(QStringLiteral("name")).toString() == name && v.toObject().value(QStringLiteral("language")).toString() == language)
            return v.toObject();
    return {};
}

void TemplatePickerDialog::languageChanged()
{
    while (m_parametersForm->rowCount() > 0)
        m_parametersForm->removeRow(0);
    m_fields.clear();
    m_placeholders.clear();
    const QJsonObject tmpl = current();
    const QJsonObject header = component(tmpl, QStringLiteral("HEADER"));
    if (header.value(QStringLiteral("format")).toString().compare(QLatin1String("TEXT"), Qt::CaseInsensitive) == 0 || header.contains(QStringLiteral("text")))
        for (const QString &n : placeholdersIn(header.value(QStringLiteral("text")).toString()))
            m_placeholders.append({QStringLiteral("header"), n});
    for (const QString &n : placeholdersIn(component(tmpl, QStringLiteral("BODY")).value(QStringLiteral("text")).toString()))
        m_placeholders.append({QStringLiteral("body"), n});
    for (const Placeholder &ph : std::as_const(m_placeholders)) {
        auto *field = new QLineEdit(this);
        field->setPlaceholderText(tr("Value for {{%1}}").arg(ph.name));
        connect(field, &QLineEdit::textChanged, this, &TemplatePickerDialog::updatePreview);
        m_parametersForm->addRow(ph.component == QLatin1String("header") ? tr("Header {{%1}}").arg(ph.name) : tr("Text {{%1}}").arg(ph.name), field);
        m_fields.append(field);
    }
    m_send->setEnabled(!tmpl.isEmpty());
    updatePreview();
}

QString TemplatePickerDialog::previewText() const
{
    const QJsonObject tmpl = current();
    auto fill = [this](const QString &componentName, QString text) {
        for (int i = 0; i < m_placeholders.size(); ++i) {
            if (m_placeholders.at(i).component != componentName)
                continue;
            const QString value = m_fields.at(i)->text();
            text.replace(QRegularExpression(QStringLiteral("\\{\\{\\s*%1\\s*\\}\\}").arg(QRegularExpression::escape(m_placeholders.at(i).name))),
                         value.isEmpty() ? QStringLiteral("[%1]").arg(m_placeholders.at(i).name) : value);
        }
        return text;
    };
    QStringList parts;
    const QString header = component(tmpl, QStringLiteral("HEADER")).value(QStringLiteral("text")).toString();
    if (!header.isEmpty())
        parts.append(fill(QStringLiteral("header"), header));
    parts.append(fill(QStringLiteral("body"), component(tmpl, QStringLiteral("BODY")).value(QStringLiteral("text")).toString()));
    const QString footer = component(tmpl, QStringLiteral("FOOTER")).value(QStringLiteral("text")).toString();
    if (!footer.isEmpty())
        parts.append(footer);
    return parts.join(QStringLiteral("\n\n"));
}

void TemplatePickerDialog::updatePreview()
{
    m_preview->setPlainText(previewText());
}

QJsonObject TemplatePickerDialog::templatePayload() const
{
    QJsonArray components;
    for (const QString &componentName : {QStringLiteral("header"), QStringLiteral("body")}) {
        QJsonArray parameters;
        for (int i = 0; i < m_placeholders.size(); ++i) {
            if (m_placeholders.at(i).component != componentName)
                continue;
            QJsonObject parameter{{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), m_fields.at(i)->text().trimmed()}};
            // Named placeholders ({{nombre}}) are sent by name.
            bool numeric = false;
            m_placeholders.at(i).name.toInt(&numeric);
            if (!numeric)
                parameter.insert(QStringLiteral("parameter_name"), m_placeholders.at(i).name);
            parameters.append(parameter);
        }
        if (!parameters.isEmpty())
            components.append(QJsonObject{{QStringLiteral("type"), componentName}, {QStringLiteral("parameters"), parameters}});
    }
    QJsonObject payload{{QStringLiteral("name"), m_name->currentText()}, {QStringLiteral("language"), m_language->currentData().toString()}};
    if (!components.isEmpty())
        payload.insert(QStringLiteral("components"), components);
    return payload;
}

} // namespace puente::ui
