#include "templatespage.h"

#include "adminpage.h"
#include "client/apiclient.h"
#include "templatetext.h"
#include "theme.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace puente::ui {

namespace {
enum Column { NameColumn, LanguageColumn, CategoryColumn, StatusColumn, QualityColumn, ColumnCount };
constexpr int TemplateRole = Qt::UserRole + 1;

QColor statusColour(const QString &status)
{
    if (status == QLatin1String("APPROVED"))
        return theme::accent().darker(120);
    if (status == QLatin1String("PENDING") || status == QLatin1String("PAUSED") || status == QLatin1String("IN_APPEAL"))
        return QColor(0xb2, 0x6a, 0x00);
    return theme::danger();
}

} // namespace

TemplatesPage::TemplatesPage(client::ApiClient *api, QWidget *parent) : QWidget(parent), m_api(api)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 20);
    auto *title = pageTitle(tr("Message templates"), this);
    layout->addWidget(title);
    auto *intro = new QLabel(tr("WhatsApp only lets you write first, or after 24 hours of silence, with a template Meta has approved. "
                                "Templates are created in Meta's WhatsApp Manager; sync to bring them here."),
                             this);
    intro->setWordWrap(true);
    intro->setStyleSheet(QStringLiteral("color: %1").arg(theme::muted().name()));
    layout->addWidget(intro);

    auto *actions = new QHBoxLayout;
    m_sync = new QPushButton(tr("Sync now"), this);
    connect(m_sync, &QPushButton::clicked, this, &TemplatesPage::sync);
    actions->addWidget(m_sync);
    actions->addStretch();
    layout->addLayout(actions);

    m_notice = new Notice(this);
    layout->addWidget(m_notice);
    m_state = new PageState(this);
    connect(m_state, &PageState::retryRequested, this, &TemplatesPage::refresh);
    layout->addWidget(m_state);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    m_table = new QTableWidget(0, ColumnCount, splitter);
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Language"), tr("Category"), tr("Status"), tr("Quality")});
    setUpTable(m_table, StatusColumn);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &TemplatesPage::showSelected);

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
    layout->addWidget(splitter, 1);

    showSelected();
    refresh();
}

QString TemplatesPage::statusText(const QJsonObject &tmpl)
{
    const QString status = tmpl.value(QStringLiteral("status")).toString();
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
        const QString reason = tmpl.value(QStringLiteral("rejected_reason")).toString();
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
    if (m_table->rowCount() == 0)
        m_state->showLoading();
    m_api->get(QStringLiteral("api/whatsapp/templates"))->then(this, [this](const QJsonObject &answer) {
        showTemplates(answer.value(QStringLiteral("items")).toArray());
        Q_EMIT loaded(true);
    }, [this](const client::ApiError &error) {
        m_table->setRowCount(0);
        m_state->showError(error, tr("the templates"));
        showSelected();
        Q_EMIT loaded(false);
    });
}

void TemplatesPage::showTemplates(const QJsonArray &templates)
{
    const QJsonObject before = selectedTemplate();
    m_table->setRowCount(0);
    m_table->setRowCount(int(templates.size()));
    for (int row = 0; row < templates.size(); ++row) {
        const QJsonObject t = templates.at(row).toObject();
        auto set = [&](int column, const QString &text) {
            auto *item = new QTableWidgetItem(text);
            m_table->setItem(row, column, item);
            return item;
        };
        set(NameColumn, t.value(QStringLiteral("name")).toString())->setData(TemplateRole, t);
        set(LanguageColumn, t.value(QStringLiteral("language")).toString());
        set(CategoryColumn, categoryText(t.value(QStringLiteral("category")).toString()));
        auto *status = set(StatusColumn, statusText(t));
        status->setToolTip(statusText(t));
        status->setForeground(statusColour(t.value(QStringLiteral("status")).toString()));
        set(QualityColumn, qualityText(t.value(QStringLiteral("quality")).toString()));
        if (t.value(QStringLiteral("name")) == before.value(QStringLiteral("name"))
            && t.value(QStringLiteral("language")) == before.value(QStringLiteral("language")))
            m_table->selectRow(row);
    }
    if (templates.isEmpty())
        m_state->showEmpty(tr("No templates yet. Press “Sync now” to read them from Meta."));
    else
        m_state->clear();
    if (m_table->selectionModel()->selectedRows().isEmpty() && m_table->rowCount() > 0)
        m_table->selectRow(0);
    showSelected();
}

bool TemplatesPage::selectTemplate(const QString &name, const QString &language)
{
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QJsonObject t = m_table->item(row, NameColumn)->data(TemplateRole).toJsonObject();
        if (t.value(QStringLiteral("name")).toString() == name && t.value(QStringLiteral("language")).toString() == language) {
            m_table->selectRow(row);
            return true;
        }
    }
    return false;
}

QJsonObject TemplatesPage::selectedTemplate() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    return m_table->item(rows.first().row(), NameColumn)->data(TemplateRole).toJsonObject();
}

QString TemplatesPage::previewHtml() const
{
    return templatetext::previewHtml(selectedTemplate());
}

void TemplatesPage::showSelected()
{
    const QJsonObject t = selectedTemplate();
    if (t.isEmpty()) {
        m_previewTitle->setText(tr("Preview"));
        m_previewStatus->clear();
        m_preview->setHtml(QStringLiteral("<p style='color:%1'>%2</p>")
                               .arg(theme::muted().name(), tr("Select a template to see it as the contact will.").toHtmlEscaped()));
        return;
    }
    m_previewTitle->setText(tr("Preview of %1").arg(t.value(QStringLiteral("name")).toString()));
    const QString status = t.value(QStringLiteral("status")).toString();
    QString explanation = status == QLatin1String("APPROVED") ? tr("Agents can send it.")
                          : status == QLatin1String("PENDING") ? tr("Meta is reviewing it; it can be sent once approved.")
                          : status == QLatin1String("REJECTED")
                              ? tr("Meta rejected it. Fix it in WhatsApp Manager and submit it again, then sync.")
                              : tr("It cannot be sent now.");
    m_previewStatus->setText(QStringLiteral("<span style='color:%1'>%2</span> — %3")
                                 .arg(statusColour(status).name(), statusText(t).toHtmlEscaped(), explanation.toHtmlEscaped()));
    m_preview->setHtml(templatetext::previewHtml(t));
}

void TemplatesPage::sync()
{
    m_sync->setEnabled(false);
    m_sync->setText(tr("Syncing…"));
    m_notice->showInfo(QString());
    m_api->post(QStringLiteral("api/whatsapp/templates/sync"))->then(this, [this](const QJsonObject &answer) {
        m_sync->setEnabled(true);
        m_sync->setText(tr("Sync now"));
        const int count = answer.value(QStringLiteral("synced")).toInt();
        m_notice->showInfo(tr("Synced: Meta has %n template(s) for your number.", nullptr, count));
        showTemplates(answer.value(QStringLiteral("items")).toArray());
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
    const QString &code = error.code;
    if (code == QLatin1String("whatsapp_not_configured"))
        m_notice->showError(tr("WhatsApp is not set up for your company yet. Set it up on the WhatsApp page (access token, phone number "
                               "ID and business account ID), then sync again."));
    else if (code == QLatin1String("graph_unauthorized"))
        m_notice->showError(tr("Meta refused the access token: %1. Replace the token in the WhatsApp configuration, then sync again.")
                                .arg(error.message));
    else if (code == QLatin1String("graph_network") || code == QLatin1String("graph_timeout"))
        m_notice->showError(tr("Meta could not be reached: %1. Nothing changed; try again in a few minutes.").arg(error.message));
    else if (code == QLatin1String("graph_rate_limited"))
        m_notice->showError(tr("Meta is limiting requests: %1. Wait a few minutes, then sync again.").arg(error.message));
    else if (code.startsWith(QLatin1String("graph_")))
        m_notice->showError(tr("Meta refused the sync: %1. Nothing changed; check the WhatsApp configuration, then sync again.")
                                .arg(error.message));
    else
        m_notice->showError(AdminText::actionError(error));
}

} // namespace puente::ui
