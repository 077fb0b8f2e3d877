#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QWidget>

#include <functional>
#include <memory>

class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;
class QUrlQuery;

namespace puente::client {
class ApiClient;
}

namespace puente::ui {

class Notice;
class PageState;

// The audit log for admins: who did what and when, each entry as a
// sentence ("Ana changed the access token"; never a secret, which the
// server does not record), filtered by person, kind of action and period,
// paged with "Show older", and exported whole to CSV.
class AuditLogPage : public QWidget {
    Q_OBJECT
public:
    explicit AuditLogPage(client::ApiClient *api, QWidget *parent = nullptr);

    // One entry of GET /api/audit-log in words; `who` names its actor.
    static QString describe(const QJsonObject &entry, const QString &who);

    QTableWidget *table() const { return m_table; }
    PageState *pageState() const { return m_state; }
    Notice *notice() const { return m_notice; }
    QComboBox *personFilter() const { return m_person; }
    QComboBox *actionFilter() const { return m_action; }
    QComboBox *periodFilter() const { return m_period; }
    QPushButton *olderButton() const { return m_older; }
    QPushButton *exportButton() const { return m_export; }

public Q_SLOTS:
    void refresh();
    void loadOlder();
    // Writes every entry matching the filters (all pages) to `path`;
    // `exported(count)` or a notice when it is done.
    void exportCsv(const QString &path);
    void chooseExportFile();

Q_SIGNALS:
    void loaded(bool ok);
    void exported(int count, const QString &path);

protected:
    void showEvent(QShowEvent *event) override;

private:
    QUrlQuery query(const QString &before) const;
    void load(const QString &before);
    void append(const QJsonArray &items);
    QString nameOf(const QJsonObject &entry) const;
    void fetchAll(const QString &before, std::shared_ptr<QJsonArray> collected,
                  const std::function<void(const QJsonArray &, const QString &error)> &done);

    client::ApiClient *m_api;
    PageState *m_state;
    Notice *m_notice;
    QComboBox *m_person;
    QComboBox *m_action;
    QComboBox *m_period;
    QTableWidget *m_table;
    QPushButton *m_older;
    QPushButton *m_export;
    QString m_cursor;
    QHash<qint64, QString> m_names; // user id → name
    int m_generation = 0;           // answers to an older filter are dropped
    bool m_loadedOnce = false;
};

} // namespace puente::ui
