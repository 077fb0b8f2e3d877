#pragma once

#include "adminpage.h"
#include "protocol/routes.h"

#include <QHash>
#include <QPointer>

#include <functional>
#include <memory>

class QComboBox;

namespace puente::ui {

// The audit log for admins: who did what and when, each entry as a
// sentence ("Ana changed the access token"; never a secret, which the
// server does not record), filtered by person, kind of action and period,
// paged with "Show older", and exported whole to CSV.
class AuditLogPage : public AdminTablePage {
    Q_OBJECT
public:
    explicit AuditLogPage(client::ApiClient *api, QWidget *parent = nullptr);

    // One entry of GET /api/audit-log in words; `who` names its actor.
    static QString describe(const protocol::AuditEntry &entry, const QString &who);

    // The entry shown in that row.
    protocol::AuditEntry entryAt(int row) const { return m_entries.value(row); }
    QComboBox *personFilter() const { return m_person; }
    QComboBox *actionFilter() const { return m_action; }
    QComboBox *periodFilter() const { return m_period; }
    QPushButton *olderButton() const { return m_older; }
    QPushButton *exportButton() const { return m_export; }

public Q_SLOTS:
    void refresh() override;
    void loadOlder();
    // Writes every entry matching the filters (all pages) to `path`;
    // `exported(count)` or a notice when it is done.
    void exportCsv(const QString &path);
    void chooseExportFile();

Q_SIGNALS:
    void exported(int count, const QString &path);

protected:
    void showEvent(QShowEvent *event) override;

private:
    using Entries = QList<protocol::AuditEntry>;
    protocol::AuditQuery query(const QString &before, int limit) const;
    void load(const QString &before);
    void listFailed() override;
    void append(const Entries &entries);
    QString nameOf(const protocol::AuditEntry &entry) const;
    void fetchAll(const QString &before, std::shared_ptr<Entries> collected,
                  const std::function<void(const Entries &, const QString &error)> &done);

    QComboBox *m_person;
    QComboBox *m_action;
    QComboBox *m_period;
    QPushButton *m_older;
    QPushButton *m_export;
    Entries m_entries; // the rows, in order
    QString m_cursor;
    QHash<qint64, QString> m_names;      // user id → name
    QPointer<client::ApiReply> m_loading; // dropped when the filters change
    bool m_loadedOnce = false;
};

} // namespace puente::ui
