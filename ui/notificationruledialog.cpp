#include "notificationruledialog.h"

#include "adminpage.h"
#include "client/apiclient.h"
#include "notificationspage.h"
#include "protocol/templatetext.h"
#include "theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace puente::ui {

namespace tt = protocol::templatetext;

namespace {

// The template's buttons that take a parameter: a URL button with a
// placeholder in its URL (required) and a quick reply (its payload, optional).
struct ButtonSlot {
    int index;
    QString type;
    QString text;
};
QList<ButtonSlot> buttonSlots(const QJsonArray &components)
{
    QList<ButtonSlot> out;
    const auto parts = tt::parts(components);
    for (int i = 0; i < parts.buttons.size(); ++i) {
        const auto &b = parts.buttons.at(i);
        const QString type = b.type.toUpper();
        if ((type == QLatin1String("URL") && tt::placeholderCount(b.url) > 0) || type == QLatin1String("QUICK_REPLY"))
            out.append({i, type, b.text});
    }
    return out;
}

bool mediaHeader(const QString &format)
{
    return format == QLatin1String("IMAGE") || format == QLatin1String("VIDEO") || format == QLatin1String("DOCUMENT");
}

QString templateLabel(const protocol::Template &t)
{
    return QStringLiteral("%1 (%2)").arg(t.name, t.language);
}

} // namespace

NotificationRuleDialog::NotificationRuleDialog(client::ApiClient *api, const QList<protocol::Template> &templates,
                                               const std::optional<protocol::NotificationRule> &rule, QWidget *parent)
    : QDialog(parent), m_api(api), m_rule(rule)
{
    setObjectName(QStringLiteral("ruleEditor"));
    setWindowTitle(rule ? tr("Edit notification rule") : tr("New notification rule"));
    setMinimumWidth(760);
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("When your CRM reports this event, Puente sends the candidate this WhatsApp template, "
                                "filled in with the event's data."), this);
    intro->setWordWrap(true);
    intro->setStyleSheet(QStringLiteral("color: %1").arg(theme::muted().name()));
    layout->addWidget(intro);

    auto *columns = new QHBoxLayout;
    layout->addLayout(columns, 1);
    auto *left = new QVBoxLayout;
    columns->addLayout(left, 3);

    auto *form = new QFormLayout;
    m_event = new QComboBox(this);
    m_event->setObjectName(QStringLiteral("event"));
    m_event->setEditable(true);
    m_event->setInsertPolicy(QComboBox::NoInsert);
    m_event->setAccessibleName(tr("Event"));
    for (const QString &event : NotificationText::knownEvents())
        m_event->addItem(event);
    m_event->setToolTip(tr("The event name your CRM sends, such as interview_scheduled: lower-case letters, digits, “_” or “.”."));
    form->addRow(tr("Event"), m_event);

    m_template = new QComboBox(this);
    m_template->setObjectName(QStringLiteral("template"));
    m_template->setAccessibleName(tr("Template"));
    for (const protocol::Template &t : templates) {
        const bool own = rule && t.name == rule->templateName && t.language == rule->language;
        if (t.status != QLatin1String("APPROVED") && !own)
            continue;
        m_templates.append(t);
    }
    std::sort(m_templates.begin(), m_templates.end(), [](const auto &a, const auto &b) {
        return a.name == b.name ? a.language < b.language : a.name < b.name;
    });
    for (const protocol::Template &t : std::as_const(m_templates))
        m_template->addItem(templateLabel(t));
    form->addRow(tr("Template"), m_template);
    left->addLayout(form);
    m_templateState = new QLabel(this);
    m_templateState->setObjectName(QStringLiteral("templateState"));
    m_templateState->setWordWrap(true);
    m_templateState->setStyleSheet(QStringLiteral("color: %1").arg(theme::danger().name()));
    m_templateState->hide();
    left->addWidget(m_templateState);

    auto *mapping = new QGroupBox(tr("Where each placeholder takes its value from"), this);
    auto *mappingLayout = new QVBoxLayout(mapping);
    m_mappingGrid = new QGridLayout;
    m_mappingGrid->setColumnStretch(1, 1);
    m_mappingGrid->setVerticalSpacing(4);
    mappingLayout->addLayout(m_mappingGrid);
    m_noPlaceholders = new QLabel(tr("This template has no placeholders: every candidate receives the same text."), mapping);
    m_noPlaceholders->setWordWrap(true);
    m_noPlaceholders->setStyleSheet(QStringLiteral("color: %1").arg(theme::muted().name()));
    mappingLayout->addWidget(m_noPlaceholders);
    auto *pathHelp = new QLabel(tr("“Event data” takes a value from the data your CRM sends, by its path: candidate.first_name, "
                                   "interview.at. Dates and times are written in your company's language and time zone."), mapping);
    pathHelp->setWordWrap(true);
    pathHelp->setStyleSheet(QStringLiteral("color: %1").arg(theme::muted().name()));
    mappingLayout->addWidget(pathHelp);
    left->addWidget(mapping);

    m_quietHours = new QCheckBox(tr("Wait for the end of quiet hours (no messages at night)"), this);
    m_quietHours->setObjectName(QStringLiteral("quietHours"));
    m_quietHours->setChecked(rule ? rule->quietHours : true);
    left->addWidget(m_quietHours);
    m_enabled = new QCheckBox(tr("Enabled: send notifications for this event"), this);
    m_enabled->setObjectName(QStringLiteral("enabled"));
    m_enabled->setChecked(rule ? rule->enabled : true);
    left->addWidget(m_enabled);
    left->addStretch();

    auto *right = new QVBoxLayout;
    columns->addLayout(right, 2);
    right->addWidget(new QLabel(tr("Sample event data (JSON)"), this));
    m_sample = new QPlainTextEdit(this);
    m_sample->setObjectName(QStringLiteral("sample"));
    m_sample->setAccessibleName(tr("Sample event data"));
    QFont mono = m_sample->font();
    mono.setFamily(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    m_sample->setFont(mono);
    m_sample->setMinimumHeight(150);
    right->addWidget(m_sample, 1);
    auto *previewLabel = new QLabel(tr("Preview: what the candidate reads"), this);
    right->addWidget(previewLabel);
    m_preview = new QTextBrowser(this);
    m_preview->setObjectName(QStringLiteral("preview"));
    m_preview->setAccessibleName(tr("Preview"));
    m_preview->setMinimumHeight(140);
    m_preview->setStyleSheet(QStringLiteral("QTextBrowser { background: %1; border-radius: 6px; padding: 6px; }").arg(theme::outgoingBubble().name()));
    right->addWidget(m_preview, 1);
    m_previewError = errorLine(this, QStringLiteral("previewError"));
    right->addWidget(m_previewError);

    m_error = errorLine(this);
    layout->addWidget(m_error);
    m_save = addDialogButtons(this, layout, rule ? tr("Save rule") : tr("Add rule"), QStringLiteral("save"), [this] { save(); });

    m_previewTimer = new QTimer(this);
    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(300);
    connect(m_previewTimer, &QTimer::timeout, this, &NotificationRuleDialog::updatePreview);

    const QString event = rule ? rule->event : NotificationText::knownEvents().value(1);
    m_event->setCurrentText(event);
    m_sample->setPlainText(QString::fromUtf8(QJsonDocument(sampleData(event)).toJson(QJsonDocument::Indented)));
    connect(m_sample, &QPlainTextEdit::textChanged, this, &NotificationRuleDialog::schedulePreview);
    connect(m_template, &QComboBox::currentIndexChanged, this, &NotificationRuleDialog::templateChanged);
    // The complaint goes when the user changes what it is about (the
    // user's own edits: filling the form in code keeps it).
    connect(m_event->lineEdit(), &QLineEdit::textEdited, m_error, &QLabel::hide);
    connect(m_event, &QComboBox::activated, m_error, &QLabel::hide);
    connect(m_template, &QComboBox::activated, m_error, &QLabel::hide);

    if (m_templates.isEmpty()) {
        m_templateState->setText(tr("There is no approved template yet. Create one in WhatsApp Manager, then sync the templates on the "
                                    "Templates page."));
        m_templateState->show();
    }
    if (!rule || !selectTemplate(rule->templateName, rule->language))
        templateChanged();
    resize(980, 680);
}

const protocol::Template *NotificationRuleDialog::current() const
{
    const int i = m_template->currentIndex();
    return i >= 0 && i < m_templates.size() ? &m_templates.at(i) : nullptr;
}

bool NotificationRuleDialog::selectTemplate(const QString &name, const QString &language)
{
    for (int i = 0; i < m_templates.size(); ++i)
        if (m_templates.at(i).name == name && m_templates.at(i).language == language) {
            if (m_template->currentIndex() == i)
                templateChanged();
            else
                m_template->setCurrentIndex(i);
            return true;
        }
    return false;
}

QString NotificationRuleDialog::mappingLabel(int i) const
{
    return i >= 0 && i < m_mappings.size() ? m_mappings.at(i).label->text() : QString();
}

QComboBox *NotificationRuleDialog::sourceChooser(int i) const
{
    return i >= 0 && i < m_mappings.size() ? m_mappings.at(i).source : nullptr;
}

QLineEdit *NotificationRuleDialog::valueEdit(int i) const
{
    return i >= 0 && i < m_mappings.size() ? m_mappings.at(i).value : nullptr;
}

QString NotificationRuleDialog::previewText() const
{
    return m_preview->toPlainText();
}

QString NotificationRuleDialog::previewError() const
{
    return m_previewError->isHidden() ? QString() : m_previewError->text();
}

QString NotificationRuleDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void NotificationRuleDialog::templateChanged()
{
    for (const Mapping &m : std::as_const(m_mappings)) {
        delete m.label;
        delete m.source;
        delete m.value;
    }
    m_mappings.clear();
    const protocol::Template *t = current();
    const bool sameAsRule = t && m_rule && t->name == m_rule->templateName && t->language == m_rule->language;
    if (t && t->status != QLatin1String("APPROVED")) {
        m_templateState->setText(tr("This template is not approved at Meta any more: pick another one."));
        m_templateState->show();
    } else if (t) {
        m_templateState->hide();
    }
    if (t) {
        const auto parts = tt::parts(t->components);
        // The rule's own values when it is its template; otherwise the
        // candidate's first name first, the rest to fill in.
        auto initial = [&](const QList<protocol::ParameterSource> &given, int i, const protocol::ParameterSource &fallback) {
            return sameAsRule && i < given.size() ? given.at(i) : fallback;
        };
        const protocol::ParameterSource data{QStringLiteral("data"), QString()};
        int headerIndex = 0, bodyIndex = 0;
        if (mediaHeader(parts.headerFormat))
            addMapping(QStringLiteral("header"), 0, true, tr("Header file"),
                       initial(m_rule ? m_rule->header : QList<protocol::ParameterSource>{}, 0, {QStringLiteral("text"), QString()}),
                       tr("An https link to the file, or a media id"));
        for (const tt::Placeholder &p : tt::textPlaceholders(t->components)) {
            const bool header = p.component == QLatin1String("header");
            const int i = header ? headerIndex++ : bodyIndex++;
            protocol::ParameterSource fallback = data;
            if (!header && i == 0)
                fallback.value = QStringLiteral("candidate.first_name");
            const QList<protocol::ParameterSource> given = m_rule ? (header ? m_rule->header : m_rule->body) : QList<protocol::ParameterSource>{};
            addMapping(p.component, 0, true,
                       header ? tr("Header {{%1}}").arg(p.name) : tr("Body {{%1}}").arg(p.name), initial(given, i, fallback),
                       QStringLiteral("job.title"));
        }
        for (const ButtonSlot &slot : buttonSlots(t->components)) {
            protocol::ParameterSource value = slot.type == QLatin1String("URL") ? data : protocol::ParameterSource{QStringLiteral("text"), QString()};
            if (sameAsRule)
                for (const protocol::ButtonParameter &b : m_rule->buttons)
                    if (b.index == slot.index)
                        value = b.value;
            const bool url = slot.type == QLatin1String("URL");
            addMapping(QStringLiteral("button"), slot.index, url,
                       url ? tr("Button “%1”: end of its link").arg(slot.text) : tr("Button “%1”: reply payload (optional)").arg(slot.text),
                       value, url ? QStringLiteral("job.id") : tr("What your CRM receives when the candidate taps it"));
        }
    }
    m_noPlaceholders->setVisible(t && m_mappings.isEmpty());
    updatePreview();
}

void NotificationRuleDialog::addMapping(const QString &part, qint64 index, bool required, const QString &label,
                                        const protocol::ParameterSource &initial, const QString &hint)
{
    const int row = int(m_mappings.size());
    Mapping m;
    m.part = part;
    m.index = index;
    m.required = required;
    m.label = new QLabel(label, this);
    m.source = new QComboBox(this);
    m.source->setObjectName(QStringLiteral("source%1").arg(row));
    m.source->setAccessibleName(tr("Source of %1").arg(label));
    m.source->addItem(tr("Event data"), QStringLiteral("data"));
    m.source->addItem(tr("Fixed text"), QStringLiteral("text"));
    m.source->addItem(tr("Date from the data"), QStringLiteral("date"));
    m.source->addItem(tr("Time from the data"), QStringLiteral("time"));
    m.source->addItem(tr("Date and time from the data"), QStringLiteral("datetime"));
    m.source->setCurrentIndex(std::max(0, m.source->findData(initial.source)));
    m.value = new QLineEdit(initial.value, this);
    m.value->setObjectName(QStringLiteral("value%1").arg(row));
    m.value->setAccessibleName(label);
    m.value->setPlaceholderText(hint);
    m.label->setBuddy(m.value);
    // The placeholder's name over its source and value: the names of
    // buttons are long, the paths need room.
    m.value->setMinimumWidth(200);
    m_mappingGrid->addWidget(m.label, 2 * row, 0, 1, 2);
    m_mappingGrid->addWidget(m.source, 2 * row + 1, 0);
    m_mappingGrid->addWidget(m.value, 2 * row + 1, 1);
    m_mappings.append(m);
    connect(m.value, &QLineEdit::textEdited, m_error, &QLabel::hide);
    connect(m.source, &QComboBox::activated, m_error, &QLabel::hide);
    connect(m.value, &QLineEdit::textChanged, this, &NotificationRuleDialog::schedulePreview);
    connect(m.source, &QComboBox::currentIndexChanged, this, [this, row] {
        sourceChanged(m_mappings[row]);
        schedulePreview();
    });
    sourceChanged(m_mappings.last());
}

void NotificationRuleDialog::sourceChanged(Mapping &m)
{
    const QString source = m.source->currentData().toString();
    if (source == QLatin1String("text") && m.part == QLatin1String("button") && !m.required)
        m.value->setPlaceholderText(tr("What your CRM receives when the candidate taps it"));
    else if (source == QLatin1String("text"))
        m.value->setPlaceholderText(m.part == QLatin1String("header") && !m.label->text().contains(QLatin1String("{{"))
                                        ? tr("An https link to the file, or a media id")
                                        : tr("The same text for every candidate"));
    else if (source == QLatin1String("data"))
        m.value->setPlaceholderText(QStringLiteral("candidate.first_name"));
    else
        m.value->setPlaceholderText(QStringLiteral("interview.at"));
}

protocol::CreateNotificationRule NotificationRuleDialog::rule() const
{
    protocol::CreateNotificationRule r;
    r.event = m_event->currentText().trimmed();
    if (const protocol::Template *t = current()) {
        r.templateName = t->name;
        r.language = t->language;
    }
    for (const Mapping &m : m_mappings) {
        const protocol::ParameterSource source{m.source->currentData().toString(), m.value->text().trimmed()};
        if (m.part == QLatin1String("header"))
            r.header.append(source);
        else if (m.part == QLatin1String("body"))
            r.body.append(source);
        else if (m.required || !source.value.isEmpty())
            r.buttons.append({m.index, source});
    }
    r.quietHours = m_quietHours->isChecked();
    r.enabled = m_enabled->isChecked();
    return r;
}

QJsonObject NotificationRuleDialog::sampleData(const QString &event)
{
    QJsonObject data{
        {QStringLiteral("candidate"), QJsonObject{{QStringLiteral("first_name"), QStringLiteral("Lucía")},
                                                  {QStringLiteral("last_name"), QStringLiteral("Fernández")}}},
        {QStringLiteral("job"), QJsonObject{{QStringLiteral("id"), QStringLiteral("8841")},
                                            {QStringLiteral("title"), QStringLiteral("auxiliar de almacén")},
                                            {QStringLiteral("location"), QStringLiteral("Tlalnepantla")}}},
    };
    if (event.startsWith(QLatin1String("interview")))
        data.insert(QStringLiteral("interview"), QJsonObject{{QStringLiteral("at"), QStringLiteral("2026-12-10T10:00:00+01:00")},
                                                             {QStringLiteral("address"), QStringLiteral("Av. Insurgentes Sur 1234")},
                                                             {QStringLiteral("recruiter"), QStringLiteral("Marta Díaz")}});
    if (event == QLatin1String("offer_sent"))
        data.insert(QStringLiteral("offer"), QJsonObject{{QStringLiteral("start_date"), QStringLiteral("2026-09-01")},
                                                         {QStringLiteral("salary"), QStringLiteral("$11,500")}});
    return data;
}

void NotificationRuleDialog::schedulePreview()
{
    m_previewTimer->start();
}

void NotificationRuleDialog::showPreview(const QString &text, const QString &error)
{
    m_preview->setPlainText(text);
    m_previewError->setText(error);
    m_previewError->setVisible(!error.isEmpty());
    Q_EMIT previewUpdated();
}

void NotificationRuleDialog::updatePreview()
{
    m_previewTimer->stop();
    const int seq = ++m_previewSeq;
    const protocol::Template *t = current();
    if (!t) {
        showPreview(QString(), QString());
        return;
    }
    const QString draft = tt::received(t->components, {});
    QJsonParseError parseError{};
    const QJsonDocument sample = QJsonDocument::fromJson(m_sample->toPlainText().toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !sample.isObject()) {
        showPreview(draft, parseError.error != QJsonParseError::NoError
                               ? tr("The sample data is not valid JSON (%1, at character %2).").arg(parseError.errorString()).arg(parseError.offset)
                               : tr("The sample data must be a JSON object: { … }."));
        return;
    }
    for (const Mapping &m : std::as_const(m_mappings))
        if (m.required && m.value->text().trimmed().isEmpty()) {
            showPreview(draft, tr("Say where “%1” takes its value from.").arg(m.label->text()));
            return;
        }
    if (!m_api)
        return;
    protocol::PreviewNotificationRule request;
    request.rule = rule();
    request.data = sample.object();
    m_api->call<protocol::route::PreviewNotificationRule>(request).then(this, [this, seq](const protocol::RulePreview &answer) {
        if (seq != m_previewSeq)
            return;
        showPreview(answer.text, answer.ok ? QString() : NotificationText::previewError(answer.error));
    }, [this, seq, draft](const client::ApiError &error) {
        if (seq != m_previewSeq)
            return;
        showPreview(draft, error.isConnectionProblem() ? tr("No preview: the server does not answer.")
                                                       : tr("No preview: %1").arg(NotificationText::ruleError(error)));
    });
}

void NotificationRuleDialog::showError(const QString &text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
    growToFit(this);
}

void NotificationRuleDialog::save()
{
    const protocol::CreateNotificationRule r = rule();
    if (r.event.isEmpty()) {
        showError(tr("Choose or type the event your CRM sends."));
        m_event->setFocus();
        return;
    }
    if (!current()) {
        showError(tr("Choose a template."));
        return;
    }
    for (const Mapping &m : std::as_const(m_mappings))
        if (m.required && m.value->text().trimmed().isEmpty()) {
            showError(tr("Say where “%1” takes its value from.").arg(m.label->text()));
            m.value->setFocus();
            return;
        }
    m_save->setEnabled(false);
    auto done = [this](const protocol::NotificationRule &stored) {
        Q_EMIT saved(stored);
        accept();
    };
    auto failed = [this](const client::ApiError &error) {
        m_save->setEnabled(true);
        showError(NotificationText::ruleError(error));
    };
    if (m_rule) {
        protocol::UpdateNotificationRule u;
        u.event = r.event;
        u.templateName = r.templateName;
        u.language = r.language;
        u.header = r.header;
        u.body = r.body;
        u.buttons = r.buttons;
        u.quietHours = r.quietHours;
        u.enabled = r.enabled;
        m_api->callOn<protocol::route::UpdateNotificationRule>(m_rule->id, u).then(this, done, failed);
    } else {
        m_api->call<protocol::route::CreateNotificationRule>(r).then(this, done, failed);
    }
}

} // namespace puente::ui
