#include "tenantspage.h"

#include "adminwidgets.h"
#include "deadletterswidget.h"
#include "userdialogs.h"
#include "metatext.h"
#include "theme.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
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
constexpr int kIdRole = Qt::UserRole + 1;

QString limitsText(const protocol::PlanLimits &limits)
{
    auto part = [](std::optional<qint64> limit, const QString &withLimit, const QString &unlimited) {
        return limit ? withLimit.arg(QLocale().toString(*limit)) : unlimited;
    };
    return QStringList{part(limits.users, TenantDialog::tr("up to %1 users"), TenantDialog::tr("unlimited users")),
                       part(limits.businessConversations, TenantDialog::tr("%1 conversations started per month"),
                            TenantDialog::tr("unlimited conversations")),
                       part(limits.campaignRecipients, TenantDialog::tr("campaigns of up to %1 people"),
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

TenantDialog::TenantDialog(client::ApiClient *api, const std::optional<protocol::TenantSummary> &tenant, const QList<protocol::PlanInfo> &plans,
                           QWidget *parent)
    : QDialog(parent), m_api(api), m_tenant(tenant)
{
    const bool creating = !tenant;
    setWindowTitle(creating ? tr("New company") : tr("Edit %1").arg(tenant->name));
    setMinimumWidth(520);
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_name = new QLineEdit(tenant ? tenant->name : QString(), this);
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
    for (const protocol::PlanInfo &p : plans) {
        m_plan->addItem(AdminText::planName(p.plan), protocol::enumName(p.plan));
        m_plan->setItemData(m_plan->count() - 1, limitsText(p.limits), Qt::ToolTipRole);
    }
    if (m_plan->count() == 0)
        for (protocol::Plan p : {protocol::Plan::Basic, protocol::Plan::Pro, protocol::Plan::Enterprise})
            m_plan->addItem(AdminText::planName(p), protocol::enumName(p));
    m_plan->setCurrentIndex(std::max(0, m_plan->findData(protocol::enumName(tenant ? tenant->plan : protocol::Plan::Basic))));
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
    m_error = errorLine(this);
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
    const QString name = m_name->text().trimmed();
    const QString plan = m_plan->currentData().toString();
    auto done = [this](const protocol::Tenant &tenant) {
        m_save->setEnabled(true);
        Q_EMIT saved(tenant);
        accept();
    };
    auto failed = [this](const client::ApiError &error) {
        m_save->setEnabled(true);
        showError(error);
    };
    m_save->setEnabled(false);
    if (!m_tenant) {
        const protocol::NewAdmin admin{m_adminEmail->text().trimmed(), m_adminName->text().trimmed(), m_adminPassword->text()};
        m_api->call<protocol::route::CreateTenant>(protocol::CreateTenant{m_slug->text().trimmed(), name, plan, admin})
            .then(this, [done](const protocol::CreatedTenant &created) { done(created.tenant); }, failed);
    } else {
        protocol::UpdateTenant changes;
        changes.name = name;
        changes.plan = plan;
        m_api->callOn<protocol::route::UpdateTenant>(m_tenant->id, changes).then(this, done, failed);
    }
}

void TenantDialog::showError(const client::ApiError &error)
{
    m_errorField = error.field;
    const QHash<QString, QLineEdit *> fields{{QStringLiteral("name"), m_name},          {QStringLiteral("slug"), m_slug},
                                             {QStringLiteral("admin.name"), m_adminName}, {QStringLiteral("admin.email"), m_adminEmail},
                                             {QStringLiteral("admin.password"), m_adminPassword}};
    QString text = AdminText::actionError(error);
    using protocol::ErrorCode;
    if (error.code == ErrorCode::SlugTaken)
        text = tr("Another company already uses this short name. Choose a different one.");
    else if (error.code == ErrorCode::InvalidSlug)
        text = tr("The short name may only have lower-case letters, digits and hyphens (2–63), and not only digits.");
    else if (error.code == ErrorCode::WeakPassword)
        text = tr("The password is too weak: %1").arg(error.message);
    else if (error.code == ErrorCode::InvalidEmail)
        text = tr("That email address does not look right.");
    if (QLineEdit *e = fields.value(error.field)) {
        e->setStyleSheet(QStringLiteral("border: 1px solid %1").arg(theme::danger().name()));
        e->setFocus();
    }
    m_error->setText(text);
    m_error->show();
}

TenantsPage::TenantsPage(client::ApiClient *api, QWidget *parent) : AdminPage(api, tr("Companies"), QString(), parent)
{
    m_create = addAction(tr("New company…"), &TenantsPage::createTenant);
    m_edit = addAction(tr("Edit…"), &TenantsPage::editSelected);
    m_suspend = addAction(tr("Suspend…"), &TenantsPage::suspendSelected);
    m_resume = addAction(tr("Resume"), &TenantsPage::resumeSelected);
    addAction(tr("Refresh"), &TenantsPage::refresh);
    addState();
    QVBoxLayout *layout = column();
    m_result = new QLabel(this);
    m_result->setWordWrap(true);
    m_result->hide();
    layout->addWidget(m_result);

    m_model = new QStandardItemModel(0, ColumnCount, this);
    m_model->setHorizontalHeaderLabels({tr("Company"), tr("Plan"), tr("Status"), tr("WhatsApp"), tr("Last webhook"), tr("Messages this month"),
                                        tr("Users"), tr("Conversations started")});
    m_table = new QTableView(this);
    m_table->setModel(m_model);
    setUpList(m_table);
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

    connect(m_table, &QTableView::doubleClicked, this, &TenantsPage::editSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &TenantsPage::updateButtons);
    updateButtons();
    refresh();
}

void TenantsPage::refresh()
{
    m_api->call<protocol::route::ListPlans>().then(this, [this](const protocol::PlanList &plans) { m_plans = plans.items; },
                                                   [](const client::ApiError &) {});
    m_state->load(m_api->call<protocol::route::ListTenants>(), this, tr("the companies"), [this](const protocol::TenantSummaryList &list) {
        fill(list.items);
        Q_EMIT loaded(true);
    }, [this](const client::ApiError &) { Q_EMIT loaded(false); });
    m_unroutable->refresh();
}

void TenantsPage::fill(const QList<protocol::TenantSummary> &items)
{
    const auto before = tenantAt(selectedRow());
    const QString selected = before ? before->slug : QString();
    m_model->removeRows(0, m_model->rowCount());
    m_tenants = items;
    for (const protocol::TenantSummary &t : items) {
        auto *name = item(t.name, t.slug);
        name->setData(t.id, kIdRole);
        const bool suspended = t.status == protocol::TenantStatus::Suspended;
        const QString reason = t.suspendedReason.value_or(QString());
        auto *status = item(suspended ? (reason.isEmpty() ? tr("Suspended") : tr("Suspended: %1").arg(reason)) : tr("Active"));
        if (suspended)
            status->setForeground(theme::danger());
        using protocol::ConnectionStatus;
        const ConnectionStatus connection = t.connectionStatus;
        const QString number = t.displayPhoneNumber.value_or(QString());
        QString whatsapp;
        if (connection == ConnectionStatus::NotConfigured)
            whatsapp = tr("Not connected");
        else if (connection == ConnectionStatus::Failing)
            whatsapp = tr("Failing");
        else if (!number.isEmpty())
            whatsapp = number.startsWith(QLatin1Char('+')) ? number : QLatin1Char('+') + number;
        else
            whatsapp = connection == ConnectionStatus::Connected ? tr("Connected") : tr("Not tested");
        auto *wa = item(whatsapp);
        if (connection == ConnectionStatus::Failing || connection == ConnectionStatus::NotConfigured)
            wa->setForeground(connection == ConnectionStatus::Failing ? theme::danger() : theme::muted());
        const qint64 lastWebhook = t.lastWebhookAt.value_or(0);
        auto *webhook = item(MetaText::ago(lastWebhook),
                             lastWebhook > 0 ? QLocale().toString(QDateTime::fromMSecsSinceEpoch(lastWebhook), QLocale::LongFormat) : QString());
        auto *messages = item(QLocale().toString(t.messagesThisMonth));
        messages->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        auto bar = [](qint64 used, std::optional<qint64> limit) {
            auto *i = new QStandardItem;
            i->setData(used, UsageBarDelegate::kUsedRole);
            if (limit)
                i->setData(*limit, UsageBarDelegate::kLimitRole);
            i->setToolTip(UsageBarDelegate::usageText(used, i->data(UsageBarDelegate::kLimitRole)));
            return i;
        };
        m_model->appendRow({name, item(AdminText::planName(t.plan)), status, wa, webhook, messages, bar(t.usage.users, t.limits.users),
                            bar(t.usage.businessConversations, t.limits.businessConversations)});
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
        if (const auto t = tenantAt(r); t && t->slug == slug)
            return r;
    return -1;
}

std::optional<protocol::TenantSummary> TenantsPage::tenantAt(int row) const
{
    const qint64 id = row < 0 ? 0 : m_model->index(row, Name).data(kIdRole).toLongLong();
    for (const protocol::TenantSummary &t : m_tenants)
        if (id != 0 && t.id == id)
            return t;
    return std::nullopt;
}

int TenantsPage::selectedRow() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

void TenantsPage::updateButtons()
{
    const auto t = tenantAt(selectedRow());
    const bool suspended = t && t->status == protocol::TenantStatus::Suspended;
    m_edit->setEnabled(t.has_value());
    m_suspend->setEnabled(t && !suspended);
    m_resume->setEnabled(t && suspended);
}

TenantDialog *TenantsPage::createTenant()
{
    auto *dialog = new TenantDialog(m_api, std::nullopt, m_plans, this);
    connect(dialog, &TenantDialog::saved, this, [this](const protocol::Tenant &t) {
        m_result->setText(tr("%1 is ready. Its administrator can sign in now and connect WhatsApp.").arg(t.name));
        m_result->show();
        refresh();
        Q_EMIT tenantsChanged();
    });
    openDialog(dialog);
    return dialog;
}

TenantDialog *TenantsPage::editSelected()
{
    const auto t = tenantAt(selectedRow());
    if (!t)
        return nullptr;
    auto *dialog = new TenantDialog(m_api, t, m_plans, this);
    connect(dialog, &TenantDialog::saved, this, [this] {
        refresh();
        Q_EMIT tenantsChanged();
    });
    openDialog(dialog);
    return dialog;
}

void TenantsPage::patchSelected(const protocol::UpdateTenant &changes, const std::function<void(const client::ApiError &)> &failed)
{
    const auto t = tenantAt(selectedRow());
    if (!t)
        return;
    m_api->callOn<protocol::route::UpdateTenant>(t->id, changes).then(this, [this](const protocol::Tenant &) {
        refresh();
        Q_EMIT tenantsChanged();
    }, failed);
}

QDialog *TenantsPage::suspendSelected()
{
    const auto t = tenantAt(selectedRow());
    if (!t)
        return nullptr;
    auto *dialog = new QDialog(this);
    dialog->setWindowTitle(tr("Suspend %1").arg(t->name));
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
    auto *error = errorLine(dialog);
    layout->addWidget(error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, dialog);
    auto *confirm = buttons->addButton(tr("Suspend"), QDialogButtonBox::AcceptRole);
    confirm->setEnabled(false);
    connect(reason, &QLineEdit::textChanged, dialog, [confirm](const QString &text) { confirm->setEnabled(!text.trimmed().isEmpty()); });
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    connect(confirm, &QPushButton::clicked, dialog, [this, dialog, reason, error] {
        protocol::UpdateTenant changes;
        changes.status = protocol::enumName(protocol::TenantStatus::Suspended);
        changes.suspendedReason = reason->text().trimmed();
        patchSelected(changes, [error](const client::ApiError &e) {
            error->setText(AdminText::actionError(e));
            error->show();
        });
        // Closed once the server agreed (the list refreshes then).
        connect(this, &TenantsPage::tenantsChanged, dialog, &QDialog::accept, Qt::SingleShotConnection);
    });
    layout->addWidget(buttons);
    openDialog(dialog);
    return dialog;
}

void TenantsPage::resumeSelected()
{
    if (!tenantAt(selectedRow()))
        return;
    m_result->hide();
    protocol::UpdateTenant changes;
    changes.status = protocol::enumName(protocol::TenantStatus::Active);
    patchSelected(changes, [this](const client::ApiError &e) {
        m_result->setText(AdminText::actionError(e));
        m_result->show();
    });
}

} // namespace puente::ui
