#include "templatepickerdialog.h"

#include "client/apiclient.h"
#include "theme.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace puente::ui {

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
    m_api->call<protocol::route::ListTemplates>().then(this, [this](const protocol::TemplateList &list) { setTemplates(list.items); },
                                                       [this](const client::ApiError &error) {
        m_state->setText(error.isConnectionProblem() ? tr("Cannot load the templates: no connection to the server.")
                                                     : tr("Cannot load the templates: %1").arg(error.message));
        m_state->setStyleSheet(QStringLiteral("color: %1").arg(theme::danger().name()));
    });
}

void TemplatePickerDialog::setTemplates(const QList<protocol::Template> &templates)
{
    m_templates = {};
    QStringList names;
    for (const protocol::Template &t : templates) {
        if (t.status != QLatin1String("APPROVED"))
            continue;
        m_templates.append(t);
        if (!names.contains(t.name))
            names.append(t.name);
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
    for (const protocol::Template &t : std::as_const(m_templates))
        if (t.name == name)
            languages.append(t.language);
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

const protocol::Template *TemplatePickerDialog::current() const
{
    const QString name = m_name->currentText();
    const QString language = m_language->currentData().toString();
    for (const protocol::Template &t : m_templates)
        if (t.name == name && t.language == language)
            return &t;
    return nullptr;
}

void TemplatePickerDialog::languageChanged()
{
    while (m_parametersForm->rowCount() > 0)
        m_parametersForm->removeRow(0);
    m_fields.clear();
    const protocol::Template *tmpl = current();
    m_placeholders = tmpl ? protocol::templatetext::textPlaceholders(tmpl->components) : QList<protocol::templatetext::Placeholder>();
    for (const protocol::templatetext::Placeholder &ph : std::as_const(m_placeholders)) {
        auto *field = new QLineEdit(this);
        field->setPlaceholderText(tr("Value for {{%1}}").arg(ph.name));
        connect(field, &QLineEdit::textChanged, this, &TemplatePickerDialog::updatePreview);
        m_parametersForm->addRow(ph.component == QLatin1String("header") ? tr("Header {{%1}}").arg(ph.name) : tr("Text {{%1}}").arg(ph.name), field);
        m_fields.append(field);
    }
    m_send->setEnabled(tmpl != nullptr);
    updatePreview();
}

QString TemplatePickerDialog::previewText() const
{
    const protocol::Template *tmpl = current();
    const protocol::templatetext::Parts text = tmpl ? protocol::templatetext::parts(tmpl->components) : protocol::templatetext::Parts();
    // A placeholder shows its value, or its name in brackets while empty.
    auto fill = [this](const QString &componentName, const QString &part) {
        return protocol::templatetext::fill(part, [&](const QString &name) {
            for (qsizetype i = 0; i < m_placeholders.size(); ++i)
                if (m_placeholders.at(i).component == componentName && m_placeholders.at(i).name == name) {
                    const QString value = m_fields.at(i)->text();
                    return value.isEmpty() ? QStringLiteral("[%1]").arg(name) : value;
                }
            return QStringLiteral("[%1]").arg(name);
        });
    };
    QStringList shown;
    if (!text.header.isEmpty())
        shown.append(fill(QStringLiteral("header"), text.header));
    shown.append(fill(QStringLiteral("body"), text.body));
    if (!text.footer.isEmpty())
        shown.append(text.footer);
    return shown.join(QStringLiteral("\n\n"));
}

void TemplatePickerDialog::updatePreview()
{
    m_preview->setPlainText(previewText());
}

protocol::TemplateSend TemplatePickerDialog::templateSend() const
{
    QStringList values;
    for (const QLineEdit *field : m_fields)
        values.append(field->text());
    return protocol::templatetext::send(m_name->currentText(), m_language->currentData().toString(), m_placeholders, values);
}

} // namespace puente::ui
