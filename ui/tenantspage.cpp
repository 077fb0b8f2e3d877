#include "tenantspage.h"

#include "adminpage.h"
#include "adminwidgets.h"
#include "userdialogs.h"
#include "client/apiclient.h"
#include "deadletterswidget.h"
#include "metatext.h"
#include "theme.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace puente::ui {

namespace {
constexpr int kTenantRole = Qt::UserRole + 1;

QString limitsText(const QJsonObject &limits)
{
    auto part = [&limits](const QString &key, const QString &withLimit, const QString &unlimited) {
        const QJsonValue v = limits.value(key);
        return v.isDouble() ? withLimit.arg(QLocale().toString(v.toInteger())) : unlimited;
    };
    return QStringList{part(QStringLiteral("users"), TenantDialog::tr("up to %1 users"), TenantDialog::tr("unlimited users")),
                       part(QStringLiteral("business_conversations"), TenantDialog::tr("%1 conversations started per month"),
                            TenantDialog::tr("unlimited conversations")),
                       part(QStringLiteral("campaign_recipients"), TenantDialog::tr("campaigns of up to %1 people"),
                            TenantDialog::tr("campaigns of any size"))}
        .join(QStringLiteral(", "));
}

// "Reclutamiento Ñandú S.A." → "reclutamiento-nandu-s-a".
QString slugFrom(const QString &name)
{
    QString s;
    for (QChar c : name.normalized(QString::NormalizationForm_D).toLower()) {
        if (c.category() == QChar::Mark_NonSpacing)
            continue;
        s += (c.isLetterOrNumber() && c.unicode() < 128) ? c : QLatin1Char('-');
    }
    static const QRegularExpression dashes(QStringLiteral("-+"));
    s.replace(dashes, QStringLiteral("-"));
    while (s.startsWith(QLatin1Char('-')))
        s.remove(0, 1);
    s.truncate(63);
    while (s.endsWith(QLatin1Char('-')))
        s.chop(1);
    return s;
}

QStandardItem *item(const QString &text, const QString &tip = {})
{
    auto *i = new QStandardItem(text);
    i->setToolTip(tip.isEmpty() ? text : tip);
    return i;
}
} // namespace

TenantDialog::TenantDialog(client::ApiClient *api, const QJsonObject &tenant, const QJsonArray &plans, QWidget *parent)
    : QDialog(parent), m_api(api), m_tenant(tenant)
{
    const bool creating = tenant.isEmpty();
    setWindowTitle(creating ? tr("New company") : tr("Edit %1").arg(tenant.value(QStringLiteral("name")).toString()));
    setMinimumWidth(520);
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_name = new QLineEdit(tenant.value(QStringLiteral("name")).toString(), this);
    m_name->setPlaceholderText(tr("As its people call it, e.g. Reclutamiento Andino"));
    form->addRow(tr("Name"), m_name);
    if (creating) {
        m_slug = new QLineEdit(this);
        m_slug->setPlaceholderText(tr("lower-case letters, digits and hyphens"));
        m_slug->setToolTip(tr("Names the company in addresses and when signing in; cannot be changed later."));
        form->addRow(tr("Short name"), m_slug);
        connect(m_name, &QLineEdit::textEdited, this, [this](const QString &name) {
            if (!m_slugTouched)
                m_slug->setText(slugFrom(name));
        });
        connect(m_slug, &QLineEdit::textEdited, this, [this] { m_slugTouched = true; });
    }
    m_plan = new QComboBox(this);
    for (const QJsonValue &v : plans) {
        const QJsonObject p = v.toObject();
        m_plan->addItem(AdminText::planName(p.value(QStringLiteral("plan")).toString()), p.value(QStringLiteral("plan")).toString());
        m_plan->setItemData(m_plan->count() - 1, limitsText(p.value(QStringLiteral("limits")).toObject()), Qt::ToolTipRole);
    }
    if (m_plan->count() == 0)
        for (const QString &p : {QStringLiteral("basic"), QStringLiteral("pro"), QStringLiteral("enterprise")})
            m_plan->addItem(AdminText::planName(p), p);
    m_plan->setCurrentIndex(std::max(0, m_plan->findData(tenant.value(QStringLiteral("plan")).toString(QStringLiteral("basic")))));
    form->addRow(tr("Plan"), m_plan);
    m_planLimits = new QLabel(this);
    m_planLimits->setWordWrap(true);
    m_planLimits->setStyleSheet(QStringLiteral("color: %1").arg(theme::muted().name()));
    form->addRow(QString(), m_planLimits);
    auto showLimits = [this] { m_planLimits->setText(m_plan->currentData(Qt::ToolTipRole).toString()); };
    connect(m_plan, &QComboBox::currentIndexChanged, this, showLimits);
    showLimits();
    layout->addLayout(form);

    if (creating) {
        auto *adminBox = new QGroupBox(tr("First administrator"), this);
        auto *adminForm = new QFormLayout(adminBox);
        m_adminName = new QLineEdit(adminBox);
        m_adminEmail = new QLineEdit(adminBox);
        m_adminEmail->setPlaceholderText(tr("name@company.com"));
        m_adminPassword = new QLineEdit(generatePassword(), adminBox);
        auto *generate = new QPushButton(tr("Generate"), adminBox);
        connect(generate, &QPushButton::clicked, this, [this] { m_adminPassword->setText(generatePassword()); });
        auto *passwordRow = new QHBoxLayout;
        passwordRow->addWidget(m_adminPassword, 1);
        passwordRow->addWidget(generate);
        adminForm->addRow(tr("Name"), m_adminName);
        adminForm->addRow(tr("Email"), m_adminEmail);
        adminForm->addRow(tr("Password"), passwordRow);
        auto *hint = new QLabel(tr("Pass the password on privately; they can change it after signing in."), adminBox);
        hint->setWordWrap(true);
        hint->setStyleSheet(QStringLiteral("color: %1").arg(theme::muted().name()));
        adminForm->addRow(QString(), hint);
        layout->addWidget(adminBox);
    }
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: %1").arg(theme::danger().name()));
    m_error->hide();
    layout->addWidget(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_save = buttons->addButton(creating ? tr("Create company") : tr("Save"), QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_save, &QPushButton::clicked, this, &TenantDialog::save);
    layout->addWidget(buttons);
}

QString TenantDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void TenantDialog::save()
{
    for (QLineEdit *e : {m_name, m_slug, m_adminName, m_adminEmail, m_adminPassword})
        if (e)
            e->setStyleSheet({});
    m_error->hide();
    m_errorField.clear();
    QJsonObject body{{QStringLiteral("name"), m_name->text().trimmed()}, {QStringLiteral("plan"), m_plan->currentData().toString()}};
    client::ApiReply *reply = nullptr;
    if (m_tenant.isEmpty()) {
        body.insert(QStringLiteral("slug"), m_slug->text().trimmed());
        body.insert(QStringLiteral("admin"), QJsonObject{{QStringLiteral("name"), m_adminName->text().trimmed()},
                                                         {QStringLiteral("email"), m_adminEmail->text().trimmed()},
                                                         {QStringLiteral("password"), m_adminPassword->text()}});
        reply = m_api->post(QStringLiteral("api/admin/tenants"), body);
    } else {
        reply = m_api->patch(QStringLiteral("api/admin/tenants/%1").arg(m_tenant.value(QStringLiteral("id")).toInteger()), body);
    }
    m_save->setEnabled(false);
    reply->then(this, [this](const QJsonObject &answer) {
        m_save->setEnabled(true);
        Q_EMIT saved(answer.contains(QStringLiteral("tenant")) ? answer.value(QStringLiteral("tenant")).toObject() : answer);
        accept();
    }, [this](const client::ApiError &error) {
        m_save->setEnabled(true);
        showError(error);
    });
}

void TenantDialog::showError(const client::ApiError &error)
{
    m_errorField = error.field;
    const QHash<QString, QLineEdit *> fields{{QStringLiteral("name"), m_name},          {QStringLiteral("slug"), m_slug},
                                             {QStringLiteral("admin.name"), m_adminName}, {QStringLiteral("admin.email"), m_adminEmail},
                                             {QStringLiteral("admin.password"), m_adminPassword}};
    QString text = AdminText::actionError(error);
    if (error.code == QLatin1String("slug_taken"))
        text = tr("Another company already uses this short name. Choose a different one.");
    else if (error.code == QLatin1String("invalid_slug"))
        text = tr("The short name may only have lower-case letters, digits and hyphens (2–63), and not only digits.");
    else if (error.code == QLatin1String("weak_password"))
        text = tr("The password is too weak: %1").arg(error.message);
    else if (error.code == QLatin1String("invalid_email"))
        text = tr("That email address does not look right.");
    if (QLineEdit *e = fields.value(error.field)) {
        e->setStyleSheet(QStringLiteral("border: 1px solid %1").arg(theme::danger().name()));
        e->setFocus();
    }
    m_error->setText(text);
    m_error->show();
}

TenantsPage::TenantsPage(client::ApiClient *api, QWidget *parent) : QWidget(parent), m_api(api)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 20);
    auto *header = new QHBoxLayout;
    auto *title = pageTitle(tr("Companies"), this);
    header->addWidget(title);
    header->addStretch();
    m_create = new QPushButton(tr("New company…"), this);
    m_edit = new QPushButton(tr("Edit…"), this);
    m_suspend = new QPushButton(tr("Suspend…"), this);
    m_resume = new QPushButton(tr("Resume"), this);
    auto *refreshButton = new QPushButton(tr("Refresh"), this);
    for (QPushButton *b : {m_create, m_edit, m_suspend, m_resume, refreshButton})
        header->addWidget(b);
    layout->addLayout(header);
    m_status = new PageState(this);
    layout->addWidget(m_status);
    m_result = new QLabel(this);
    m_result->setWordWrap(true);
    m_result->hide();
    layout->addWidget(m_result);

    m_model = new QStandardItemModel(0, ColumnCount, this);
    m_model->setHorizontalHeaderLabels({tr("Company"), tr("Plan"), tr("Status"), tr("WhatsApp"), tr("Last webhook"), tr("Messages this month"),
                                        tr("Users"), tr("Conversations started")});
    m_table = new QTableView(this);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->setSortingEnabled(false);
    auto *bars = new UsageBarDelegate(m_table);
    m_table->setItemDelegateForColumn(Users, bars);
    m_table->setItemDelegateForColumn(Conversations, bars);
    m_table->horizontalHeader()->setSectionResizeMode(Name, QHeaderView::Stretch);
    layout->addWidget(m_table, 2);

    auto *unroutableBox = new QGroupBox(tr("Webhooks that belong to no company"), this);
    auto *unroutableLayout = new QVBoxLayout(unroutableBox);
    auto *explain = new QLabel(tr("Meta sent these for a number or business account no company has connected. Connect it to the right "
                                  "company (WhatsApp configuration), then replay them."), unroutableBox);
    explain->setWordWrap(true);
    unroutableLayout->addWidget(explain);
    m_unroutable = new DeadLettersWidget(api, DeadLettersWidget::Scope::Unroutable, unroutableBox);
    unroutableLayout->addWidget(m_unroutable);
    layout->addWidget(unroutableBox, 1);

    connect(m_status, &PageState::retryRequested, this, &TenantsPage::refresh);
    connect(refreshButton, &QPushButton::clicked, this, &TenantsPage::refresh);
    connect(m_create, &QPushButton::clicked, this, &TenantsPage::createTenant);
    connect(m_edit, &QPushButton::clicked, this, &TenantsPage::editSelected);
    connect(m_suspend, &QPushButton::clicked, this, &TenantsPage::suspendSelected);
    connect(m_resume, &QPushButton::clicked, this, &TenantsPage::resumeSelected);
    connect(m_table, &QTableView::doubleClicked, this, &TenantsPage::editSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &TenantsPage::updateButtons);
    updateButtons();
    refresh();
}

void TenantsPage::refresh()
{
    m_status->showLoading();
    m_api->get(QStringLiteral("api/admin/plans"))->then(this, [this](const QJsonObject &answer) {
        m_plans = answer.value(QStringLiteral("items")).toArray();
    }, [](const client::ApiError &) {});
    m_api->get(QStringLiteral("api/admin/tenants"))->then(this, [this](const QJsonObject &answer) {
        m_status->clear();
        fill(answer.value(QStringLiteral("items")).toArray());
    }, [this](const client::ApiError &error) { m_status->showError(error, tr("the companies")); });
    m_unroutable->refresh();
}

void TenantsPage::fill(const QJsonArray &items)
{
    const QString selected = tenantAt(selectedRow()).value(QStringLiteral("slug")).toString();
    m_model->removeRows(0, m_model->rowCount());
    for (const QJsonValue &v : items) {
        const QJsonObject t = v.toObject();
        auto *name = item(t.value(QStringLiteral("name")).toString(), t.value(QStringLiteral("slug")).toString());
        name->setData(t, kTenantRole);
        const bool suspended = t.value(QStringLiteral("status")).toString() == QLatin1String("suspended");
        const QString reason = t.value(QStringLiteral("suspended_reason")).toString();
        auto *status = item(suspended ? (reason.isEmpty() ? tr("Suspended") : tr("Suspended: %1").arg(reason)) : tr("Active"));
        if (suspended)
            status->setForeground(theme::danger());
        const QString connection = t.value(QStringLiteral("connection_status")).toString();
        QString number = t.value(QStringLiteral("display_phone_number")).toString();
        QString whatsapp;
        if (connection == QLatin1String("not_configured"))
            whatsapp = tr("Not connected");
        else if (connection == QLatin1String("failing"))
            whatsapp = tr("Failing");
        else if (!number.isEmpty())
            whatsapp = number.startsWith(QLatin1Char('+')) ? number : QLatin1Char('+') + number;
        else
            whatsapp = connection == QLatin1String("connected") ? tr("Connected") : tr("Not tested");
        auto *wa = item(whatsapp);
        if (connection == QLatin1String("failing") || connection == QLatin1String("not_configured"))
            wa->setForeground(connection == QLatin1String("failing") ? theme::danger() : theme::muted());
        const qint64 lastWebhook = t.value(QStringLiteral("last_webhook_at")).toInteger();
        auto *webhook = item(MetaText::ago(lastWebhook),
                             lastWebhook > 0 ? QLocale().toString(QDateTime::fromMSecsSinceEpoch(lastWebhook), QLocale::LongFormat) : QString());
        auto *messages = item(QLocale().toString(t.value(QStringLiteral("messages_this_month")).toInteger()));
        messages->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        const QJsonObject usage = t.value(QStringLiteral("usage")).toObject();
        const QJsonObject limits = t.value(QStringLiteral("limits")).toObject();
        auto bar = [&](const QString &key) {
            auto *i = new QStandardItem;
            i->setData(usage.value(key).toInteger(), UsageBarDelegate::kUsedRole);
            if (limits.value(key).isDouble())
                i->setData(limits.value(key).toInteger(), UsageBarDelegate::kLimitRole);
            i->setToolTip(UsageBarDelegate::usageText(usage.value(key).toInteger(), i->data(UsageBarDelegate::kLimitRole)));
            return i;
        };
        m_model->appendRow({name, item(AdminText::planName(t.value(QStringLiteral("plan")).toString())), status, wa, webhook, messages,
                            bar(QStringLiteral("users")), bar(QStringLiteral("business_conversations"))});
    }
    for (int c = Plan; c < ColumnCount; ++c)
        m_table->resizeColumnToContents(c);
    if (const int row = rowOf(selected); row >= 0)
        m_table->selectRow(row);
    updateButtons();
}

int TenantsPage::rowOf(const QString &slug) const
{
    for (int r = 0; r < m_model->rowCount(); ++r)
        if (tenantAt(r).value(QStringLiteral("slug")).toString() == slug)
            return r;
    return -1;
}

QJsonObject TenantsPage::tenantAt(int row) const
{
    return row < 0 ? QJsonObject() : m_model->index(row, Name).data(kTenantRole).toJsonObject();
}

int TenantsPage::selectedRow() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

void TenantsPage::updateButtons()
{
    const QJsonObject t = tenantAt(selectedRow());
    const bool suspended = t.value(QStringLiteral("status")).toString() == QLatin1String("suspended");
    m_edit->setEnabled(!t.isEmpty());
    m_suspend->setEnabled(!t.isEmpty() && !suspended);
    m_resume->setEnabled(!t.isEmpty() && suspended);
}

TenantDialog *TenantsPage::createTenant()
{
    auto *dialog = new TenantDialog(m_api, {}, m_plans, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &TenantDialog::saved, this, [this](const QJsonObject &t) {
        m_result->setText(tr("%1 is ready. Its administrator can sign in now and connect WhatsApp.").arg(t.value(QStringLiteral("name")).toString()));
        m_result->show();
        refresh();
        Q_EMIT tenantsChanged();
    });
    dialog->open();
    return dialog;
}

TenantDialog *TenantsPage::editSelected()
{
    const QJsonObject t = tenantAt(selectedRow());
    if (t.isEmpty())
        return nullptr;
    auto *dialog = new TenantDialog(m_api, t, m_plans, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &TenantDialog::saved, this, [this] {
        refresh();
        Q_EMIT tenantsChanged();
    });
    dialog->open();
    return dialog;
}

void TenantsPage::patchSelected(const QJsonObject &body, const std::function<void(const client::ApiError &)> &failed)
{
    const QJsonObject t = tenantAt(selectedRow());
    if (t.isEmpty())
        return;
    m_api->patch(QStringLiteral("api/admin/tenants/%1").arg(t.value(QStringLiteral("id")).toInteger()), body)->then(this, [this](const QJsonObject &) {
        refresh();
        Q_EMIT tenantsChanged();
    }, failed);
}

QDialog *TenantsPage::suspendSelected()
{
    const QJsonObject t = tenantAt(selectedRow());
    if (t.isEmpty())
        return nullptr;
    auto *dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Suspend %1").arg(t.value(QStringLiteral("name")).toString()));
    dialog->setMinimumWidth(480);
    auto *layout = new QVBoxLayout(dialog);
    auto *explain = new QLabel(tr("Its users are signed out and shown the reason below. Webhooks from Meta are still stored; messages "
                                  "already queued wait, and new ones are refused, until you resume it."), dialog);
    explain->setWordWrap(true);
    layout->addWidget(explain);
    auto *reason = new QLineEdit(dialog);
    reason->setObjectName(QStringLiteral("reason"));
    reason->setMaxLength(500);
    reason->setPlaceholderText(tr("Reason, e.g. unpaid invoice of October"));
    layout->addWidget(reason);
    auto *error = new QLabel(dialog);
    error->setStyleSheet(QStringLiteral("color: %1").arg(theme::danger().name()));
    error->setWordWrap(true);
    error->setObjectName(QStringLiteral("error"));
    error->hide();
    layout->addWidget(error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, dialog);
    auto *confirm = buttons->addButton(tr("Suspend"), QDialogButtonBox::AcceptRole);
    confirm->setEnabled(false);
    connect(reason, &QLineEdit::textChanged, dialog, [confirm](const QString &text) { confirm->setEnabled(!text.trimmed().isEmpty()); });
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    connect(confirm, &QPushButton::clicked, dialog, [this, dialog, reason, error] {
        patchSelected({{QStringLiteral("status"), QStringLiteral("suspended")}, {QStringLiteral("suspended_reason"), reason->text().trimmed()}},
                      [error](const client::ApiError &e) {
                          error->setText(AdminText::actionError(e));
                          error->show();
                      });
        // Closed once the server agreed (the list refreshes then).
        connect(this, &TenantsPage::tenantsChanged, dialog, &QDialog::accept, Qt::SingleShotConnection);
    });
    layout->addWidget(buttons);
    dialog->open();
    return dialog;
}

void TenantsPage::resumeSelected()
{
    const QJsonObject t = tenantAt(selectedRow());
    if (t.isEmpty())
        return;
    m_result->hide();
    patchSelected({{QStringLiteral("status"), QStringLiteral("active")}}, [this](const client::ApiError &e) {
        m_result->setText(AdminText::actionError(e));
        m_result->show();
    });
}

} // namespace puente::ui
