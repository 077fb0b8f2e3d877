#pragma once

#include "adminpage.h"
#include "protocol/types.h"

#include <QDialog>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStandardItemModel;
class QTableView;

namespace puente::ui {

class DeadLettersWidget;

// Create or edit a company: name, slug (made from the name until typed),
// plan with its limits, and for a new company its first administrator
// (with a generated password to pass on). Server refusals are shown at
// the field they concern.
class TenantDialog : public QDialog {
    Q_OBJECT
public:
    // No `tenant`: a new company.
    TenantDialog(client::ApiClient *api, const std::optional<protocol::TenantSummary> &tenant, const QList<protocol::PlanInfo> &plans,
                 QWidget *parent = nullptr);

    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *slugEdit() const { return m_slug; }
    QComboBox *planCombo() const { return m_plan; }
    QLineEdit *adminNameEdit() const { return m_adminName; }
    QLineEdit *adminEmailEdit() const { return m_adminEmail; }
    QLineEdit *adminPasswordEdit() const { return m_adminPassword; }
    QPushButton *saveButton() const { return m_save; }
    QString errorText() const;
    // The field the last refusal concerned ("slug", "admin.email"...).
    QString errorField() const { return m_errorField; }

public Q_SLOTS:
    void save();

Q_SIGNALS:
    void saved(const puente::protocol::Tenant &tenant);

private:
    void showError(const client::ApiError &error);

    client::ApiClient *m_api;
    std::optional<protocol::TenantSummary> m_tenant;
    QLineEdit *m_name;
    QLineEdit *m_slug = nullptr;
    QComboBox *m_plan;
    QLabel *m_planLimits;
    QLineEdit *m_adminName = nullptr;
    QLineEdit *m_adminEmail = nullptr;
    QLineEdit *m_adminPassword = nullptr;
    QLabel *m_error;
    QPushButton *m_save;
    QString m_errorField;
    bool m_slugTouched = false;
};

// Platform admins' companies: plan, status, WhatsApp number, last webhook,
// messages this month and usage bars against the plan's limits; create,
// edit, suspend (with a reason the company's users are shown) and resume.
// Below, the webhooks that belong to no company.
class TenantsPage : public AdminPage {
    Q_OBJECT
public:
    enum Column { Name, Plan, Status, WhatsApp, LastWebhook, Messages, Users, Conversations, ColumnCount };
    explicit TenantsPage(client::ApiClient *api, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    QStandardItemModel *model() const { return m_model; }
    PageState *status() const { return pageState(); }
    DeadLettersWidget *unroutable() const { return m_unroutable; }
    QPushButton *suspendButton() const { return m_suspend; }
    // The row of a company by slug; -1 if not listed.
    int rowOf(const QString &slug) const;
    std::optional<protocol::TenantSummary> tenantAt(int row) const;

public Q_SLOTS:
    void refresh() override;
    // Each opens its dialog (non-modal to the test, modal to the user).
    TenantDialog *createTenant();
    TenantDialog *editSelected();
    QDialog *suspendSelected();
    void resumeSelected();

Q_SIGNALS:
    // A company was created, renamed, suspended or resumed.
    void tenantsChanged();

private:
    void fill(const QList<protocol::TenantSummary> &items);
    void updateButtons();
    int selectedRow() const;
    void patchSelected(const protocol::UpdateTenant &changes, const std::function<void(const client::ApiError &)> &failed);

    QList<protocol::TenantSummary> m_tenants; // the rows, in order
    QTableView *m_table;
    QStandardItemModel *m_model;
    QPushButton *m_create;
    QPushButton *m_edit;
    QPushButton *m_suspend;
    QPushButton *m_resume;
    QLabel *m_result;
    QList<protocol::PlanInfo> m_plans;
    DeadLettersWidget *m_unroutable;
};

} // namespace puente::ui
