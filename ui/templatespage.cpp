#include "templatespage.h"

#include "templatetext.h"
#include "theme.h"

#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace puente::ui {

namespace {
enum Column { NameColumn, LanguageColumn, CategoryColumn, StatusColumn, QualityColumn };

QColor statusColour(const QString &status)
{
    if (status == QLatin1String("APPROVED"))
        return theme::accent().darker(120);
    if (status == QLatin1String("PENDING") || status == QLatin1String("PAUSED") || status == QLatin1String("IN_APPEAL"))
        return QColor(0xb2, 0x6a, 0x00);
    return theme::danger();
}

} // namespace

TemplatesPage::TemplatesPage(client::ApiClient *api, QWidget *parent)
    : AdminTablePage(api, tr("Message templates"),
                     tr("WhatsApp only lets you write first, or after 24 hours of silence, with a template Meta has approved. "
                        "Templates are created in Meta's WhatsApp Manager; sync to bring them here."),
                     parent)
{
    m_sync = addAction(tr("Sync now"), &TemplatesPage::sync);
    auto *splitter = new QSplitter(Qt::Horizontal);
    addList({tr("Name"), tr("Language"), tr("Category"), tr("Status"), tr("Quality")}, StatusColumn, splitter);

    auto *side = new QWidget(splitter);
    auto *sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(8, 0, 0, 0);
    m_previewTitle = new QLabel(tr("Preview"), side);
    m_previewTitle->setStyleSheet(QStringLiteral("font-weight: bold"));
    sideLayout->addWidget(m_previewTitle);
    m_previewStatus = new QLabel(side);
    m_previewStatus->setWordWrap(true);
    sideLayout->addWidget(m_previewStatus);
    m_preview = new QTextBrowser(side);
    m_preview->setOpenLinks(false);
    m_preview->setStyleSheet(QStringLiteral("QTextBrowser { background: %1; border-radius: 6px; padding: 6px; }").arg(theme::outgoingBubble().name()));
    sideLayout->addWidget(m_preview, 1);
    auto *legend = new QLabel(tr("Marked: the placeholders ({{1}}, {{name}}) filled in for each contact when the template is sent."), side);
    legend->setWordWrap(true);
    legend->setStyleSheet(QStringLiteral("color: %1").arg(theme::muted().name()));
    sideLayout->addWidget(legend);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({680, 320});

    showSelected();
    refresh();
}

QString TemplatesPage::statusText(const protocol::Template &tmpl)
{
    const QString &status = tmpl.status;
    if (status == QLatin1String("APPROVED"))
        return tr("Approved");
    if (status == QLatin1String("PENDING"))
        return tr("Pending review");
    if (status == QLatin1String("PAUSED"))
        return tr("Paused by Meta");
    if (status == QLatin1String("DISABLED"))
        return tr("Disabled by Meta");
    if (status == QLatin1String("IN_APPEAL"))
        return tr("In appeal");
    if (status == QLatin1String("REJECTED")) {
        const QString reason = tmpl.rejectedReason.value_or(QString());
        QString why = reason == QLatin1String("INVALID_FORMAT")         ? tr("invalid format")
                      : reason == QLatin1String("INCORRECT_CATEGORY")   ? tr("wrong category")
                      : reason == QLatin1String("ABUSIVE_CONTENT")      ? tr("abusive content")
                      : reason == QLatin1String("SCAM")                 ? tr("looks like a scam")
                      : reason == QLatin1String("TAG_CONTENT_MISMATCH") ? tr("content does not match the category")
                      : reason == QLatin1String("PROMOTIONAL")          ? tr("promotional content")
                                                                        : reason.toLower().replace(QLatin1Char('_'), QLatin1Char(' '));
        return why.isEmpty() ? tr("Rejected") : tr("Rejected: %1").arg(why);
    }
    return status;
}

QString TemplatesPage::qualityText(const QString &quality)
{
    if (quality == QLatin1String("GREEN"))
        return tr("High");
    if (quality == QLatin1String("YELLOW"))
        return tr("Medium");
    if (quality == QLatin1String("RED"))
        return tr("Low");
    return tr("Not rated yet");
}

QString TemplatesPage::categoryText(const QString &category)
{
    if (category == QLatin1String("MARKETING"))
        return tr("Marketing");
    if (category == QLatin1String("UTILITY"))
        return tr("Utility");
    if (category == QLatin1String("AUTHENTICATION"))
        return tr("Authentication");
    return category;
}

void TemplatesPage::refresh()
{
    loadList<protocol::route::ListTemplates>(tr("the templates"), [this](const protocol::TemplateList &list) { showTemplates(list.items); });
}

void TemplatesPage::listFailed()
{
    m_table->setRowCount(0);
    showSelected();
}

void TemplatesPage::showTemplates(const QList<protocol::Template> &templates)
{
    showRecords(m_templates, templates, [this](int row, const protocol::Template &t) {
        setCell(row, NameColumn, t.name)->setData(kIdRole, t.id);
        setCell(row, LanguageColumn, t.language);
        setCell(row, CategoryColumn, categoryText(t.category));
        auto *status = setCell(row, StatusColumn, statusText(t));
        status->setToolTip(statusText(t));
        status->setForeground(statusColour(t.status));
        setCell(row, QualityColumn, qualityText(t.quality.value_or(QString())));
    }, tr("No templates yet. Press “Sync now” to read them from Meta."));
    if (selectedRow() < 0 && m_table->rowCount() > 0)
        m_table->selectRow(0);
    showSelected();
}

bool TemplatesPage::selectTemplate(const QString &name, const QString &language)
{
    for (const protocol::Template &t : std::as_const(m_templates))
        if (t.name == name && t.language == language)
            return selectId(t.id);
    return false;
}

QString TemplatesPage::previewHtml() const
{
    return templatetext::previewHtml(selectedTemplate().value_or(protocol::Template()));
}

void TemplatesPage::showSelected()
{
    const auto t = selectedTemplate();
    if (!t) {
        m_previewTitle->setText(tr("Preview"));
        m_previewStatus->clear();
        m_preview->setHtml(QStringLiteral("<p style='color:%1'>%2</p>")
                               .arg(theme::muted().name(), tr("Select a template to see it as the contact will.").toHtmlEscaped()));
        return;
    }
    m_previewTitle->setText(tr("Preview of %1").arg(t->name));
    const QString &status = t->status;
    QString explanation = status == QLatin1String("APPROVED") ? tr("Agents can send it.")
                          : status == QLatin1String("PENDING") ? tr("Meta is reviewing it; it can be sent once approved.")
                          : status == QLatin1String("REJECTED")
                              ? tr("Meta rejected it. Fix it in WhatsApp Manager and submit it again, then sync.")
                              : tr("It cannot be sent now.");
    m_previewStatus->setText(QStringLiteral("<span style='color:%1'>%2</span> — %3")
                                 .arg(statusColour(status).name(), statusText(*t).toHtmlEscaped(), explanation.toHtmlEscaped()));
    m_preview->setHtml(templatetext::previewHtml(*t));
}

void TemplatesPage::sync()
{
    m_sync->setEnabled(false);
    m_sync->setText(tr("Syncing…"));
    m_notice->showInfo(QString());
    m_api->call<protocol::route::SyncTemplates>().then(this, [this](const protocol::TemplateSync &answer) {
        m_sync->setEnabled(true);
        m_sync->setText(tr("Sync now"));
        const int count = int(answer.synced);
        m_notice->showInfo(tr("Synced: Meta has %n template(s) for your number.", nullptr, count));
        showTemplates(answer.items);
        Q_EMIT synced(true, count);
    }, [this](const client::ApiError &error) {
        m_sync->setEnabled(true);
        m_sync->setText(tr("Sync now"));
        syncFailed(error);
        Q_EMIT synced(false, 0);
    });
}

void TemplatesPage::syncFailed(const client::ApiError &error)
{
    // Meta's refusals are graph_<kind>: the kind says which.
    const QString &name = error.codeName;
    if (error.code == protocol::ErrorCode::WhatsAppNotConfigured)
        m_notice->showError(tr("WhatsApp is not set up for your company yet. Set it up on the WhatsApp page (access token, phone number "
                               "ID and business account ID), then sync again."));
    else if (error.code != protocol::ErrorCode::GraphError)
        m_notice->showError(AdminText::actionError(error));
    else if (name == QLatin1String("graph_unauthorized"))
        m_notice->showError(tr("Meta refused the access token: %1. Replace the token in the WhatsApp configuration, then sync again.")
                                .arg(error.message));
    else if (name == QLatin1String("graph_network") || name == QLatin1String("graph_timeout"))
        m_notice->showError(tr("Meta could not be reached: %1. Nothing changed; try again in a few minutes.").arg(error.message));
    else if (name == QLatin1String("graph_rate_limited"))
        m_notice->showError(tr("Meta is limiting requests: %1. Wait a few minutes, then sync again.").arg(error.message));
    else
        m_notice->showError(tr("Meta refused the sync: %1. Nothing changed; check the WhatsApp configuration, then sync again.")
                                .arg(error.message));
}

} // namespace puente::ui
