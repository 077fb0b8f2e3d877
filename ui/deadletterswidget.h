#pragma once

#include "protocol/types.h"

#include <QHash>
#include <QWidget>

class QLabel;
class QPushButton;
class QStandardItemModel;
class QTableView;

namespace puente::client {
class ApiClient;
}

namespace puente::ui {

class PageState;

// Webhook changes Puente could not route or process: when, why, and a
// Replay button (after the cause is fixed, e.g. the number connected).
// A tenant's own on its health panel; the ones no tenant owns on the
// platform admin's companies panel (`Scope::Unroutable`).
class DeadLettersWidget : public QWidget {
    Q_OBJECT
public:
    enum class Scope { Tenant, Unroutable };
    DeadLettersWidget(client::ApiClient *api, Scope scope, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    QStandardItemModel *model() const { return m_model; }
    QPushButton *replayButton() const { return m_replay; }
    QString statusText() const;
    qint64 idAt(int row) const;
    // The server's reason (English, for logs) in the user's words, when known.
    static QString readableReason(const QString &reason);

public Q_SLOTS:
    void refresh();
    // Replays the selected dead letter.
    void replaySelected();
    void showDetails();

Q_SIGNALS:
    void loaded(int count);
    void replayed(qint64 id);

private:
    void fill(const QList<protocol::DeadLetter> &items);
    void updateButtons();

    client::ApiClient *m_api;
    Scope m_scope;
    QTableView *m_table;
    QStandardItemModel *m_model;
    PageState *m_status;
    QLabel *m_empty;
    QLabel *m_result;
    QPushButton *m_replay;
    QPushButton *m_details;
    QHash<qint64, protocol::DeadLetter> m_rows;
};

} // namespace puente::ui
