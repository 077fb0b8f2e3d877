#include "deadletterswidget.h"

#include "adminpage.h"
#include "client/apiclient.h"
#include "metatext.h"
#include "theme.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardItemModel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace puente::ui {

namespace {
constexpr int kIdRole = Qt::UserRole + 1;
}

QString DeadLettersWidget::readableReason(const QString &reason)
{
    // The server's reasons are for logs; the common ones are said here in the user's language.
    static const QRegularExpression noNumber(QStringLiteral("^no tenant owns phone number id (\\S+)$"));
    static const QRegularExpression noAccount(QStringLiteral("^no tenant owns WhatsApp Business account (\\S+)$"));
    static const QRegularExpression foreign(QStringLiteral("^change for .* (\\S+) was signed by another tenant's app secret$"));
    static const QRegularExpression failed(QStringLiteral("^processing failed (\\d+) times: (.*)$"));
    if (const auto m = noNumber.match(reason); m.hasMatch())
        return tr("No company has the phone number ID %1 connected. Connect it to the right company, then replay.").arg(m.captured(1));
    if (const auto m = noAccount.match(reason); m.hasMatch())
        return tr("No company has the WhatsApp Business account %1 connected. Connect it to the right company, then replay.").arg(m.captured(1));
    if (const auto m = foreign.match(reason); m.hasMatch())
        return tr("Signed with another company's app secret, so it was not trusted for %1 and can never be replayed. Check which Meta app sends it.")
            .arg(m.captured(1));
    if (const auto m = failed.match(reason); m.hasMatch())
        return tr("Storing it failed %1 times (%2). Replay it once the server is healthy.").arg(m.captured(1), m.captured(2));
    return reason;
}

DeadLettersWidget::DeadLettersWidget(client::ApiClient *api, Scope scope, QWidget *parent)
    : QWidget(parent), m_api(api), m_scope(scope)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_status = new PageState(this);
    connect(m_status, &PageState::retryRequested, this, &DeadLettersWidget::refresh);
    layout->addWidget(m_status);
    m_empty = new QLabel(scope == Scope::Tenant ? tr("Nothing waiting: every webhook Meta sent was processed.")
                                                : tr("Nothing waiting: every webhook belonged to a company."), this);
    m_empty->setStyleSheet(QStringLiteral("color: %1").arg(theme::muted().name()));
    m_empty->hide();
    layout->addWidget(m_empty);
    m_model = new QStandardItemModel(0, 4, this);
    m_model->setHorizontalHeaderLabels({tr("Received"), tr("Kind"), tr("Why it was not processed"), tr("Replays")});
    m_table = new QTableView(this);
    m_table->setModel(m_model);
    setUpList(m_table);
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_table->setWordWrap(true);
    // As tall as its rows (up to a point): the panels around it scroll.
    m_table->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    m_table->setMaximumHeight(320);
    m_table->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Maximum);
    layout->addWidget(m_table);
    auto *row = new QHBoxLayout;
    m_replay = new QPushButton(tr("Replay"), this);
    m_replay->setToolTip(tr("Process it again, once its cause is fixed (for example after connecting the number)."));
    m_details = new QPushButton(tr("Show content…"), this);
    m_result = new QLabel(this);
    m_result->setWordWrap(true);
    row->addWidget(m_replay);
    row->addWidget(m_details);
    row->addWidget(m_result, 1);
    layout->addLayout(row);
    connect(m_replay, &QPushButton::clicked, this, &DeadLettersWidget::replaySelected);
    connect(m_details, &QPushButton::clicked, this, &DeadLettersWidget::showDetails);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &DeadLettersWidget::updateButtons);
    connect(m_table, &QTableView::doubleClicked, this, &DeadLettersWidget::showDetails);
    updateButtons();
}

QString DeadLettersWidget::statusText() const
{
    return m_status->text() + m_result->text();
}

qint64 DeadLettersWidget::idAt(int row) const
{
    return m_model->index(row, 0).data(kIdRole).toLongLong();
}

void DeadLettersWidget::refresh()
{
    protocol::DeadLetterQuery query;
    query.limit = 200;
    query.unroutable = m_scope == Scope::Unroutable;
    m_status->load(m_api->call<protocol::route::ListDeadLetters>({}, query), this, tr("the webhooks not processed"),
                   [this](const protocol::DeadLetterPage &page) { fill(page.items); });
}

void DeadLettersWidget::fill(const QList<protocol::DeadLetter> &items)
{
    m_model->removeRows(0, m_model->rowCount());
    m_rows.clear();
    int waiting = 0;
    for (const protocol::DeadLetter &d : items) {
        m_rows.insert(d.id, d);
        const bool replayed = d.replayedAt.has_value();
        waiting += replayed || !d.replayable ? 0 : 1;
        auto *when = new QStandardItem(QLocale().toString(QDateTime::fromMSecsSinceEpoch(d.createdAt), QLocale::ShortFormat));
        when->setData(d.id, kIdRole);
        const QString field = d.field_.value_or(QString());
        auto *kind = new QStandardItem(field.isEmpty() ? tr("Whole webhook") : field);
        const QString why = readableReason(d.reason);
        auto *reason = new QStandardItem(why);
        reason->setToolTip(why);
        const int count = int(d.replayCount);
        auto *replays = new QStandardItem(!d.replayable ? tr("Cannot be replayed")
                                          : replayed    ? tr("Replayed %1").arg(MetaText::ago(*d.replayedAt))
                                          : count == 0  ? tr("Waiting")
                                                        : QLocale().toString(count));
        if (replayed || !d.replayable)
            for (QStandardItem *i : {when, kind, reason, replays})
                i->setForeground(theme::muted());
        m_model->appendRow({when, kind, reason, replays});
    }
    m_table->resizeColumnToContents(0);
    m_table->resizeColumnToContents(1);
    m_table->resizeColumnToContents(3);
    m_table->setVisible(!items.isEmpty());
    m_empty->setVisible(items.isEmpty());
    updateButtons();
    Q_EMIT loaded(waiting);
}

void DeadLettersWidget::updateButtons()
{
    const auto rows = m_table->selectionModel()->selectedRows();
    const bool selected = !rows.isEmpty();
    m_details->setEnabled(selected);
    const protocol::DeadLetter d = selected ? m_rows.value(idAt(rows.first().row())) : protocol::DeadLetter();
    m_replay->setEnabled(selected && !d.replayedAt && d.replayable);
    m_replay->setVisible(!m_rows.isEmpty());
    m_details->setVisible(!m_rows.isEmpty());
}

void DeadLettersWidget::replaySelected()
{
    const auto rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    const qint64 id = idAt(rows.first().row());
    m_replay->setEnabled(false);
    m_api->callOn<protocol::route::ReplayDeadLetter>(id).then(this, [this, id](const protocol::Replayed &) {
        m_result->setStyleSheet({});
        m_result->setText(tr("Queued again: Puente processes it within seconds. If it fails again it comes back here with the new reason."));
        Q_EMIT replayed(id);
        // Give the server a moment, then show where it stands.
        QTimer::singleShot(1500, this, &DeadLettersWidget::refresh);
    }, [this](const client::ApiError &error) {
        m_result->setStyleSheet(QStringLiteral("color: %1").arg(theme::danger().name()));
        m_result->setText(AdminText::actionError(error));
        updateButtons();
    });
}

void DeadLettersWidget::showDetails()
{
    const auto rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    const protocol::DeadLetter d = m_rows.value(idAt(rows.first().row()));
    const QByteArray payload = d.payload.toUtf8();
    const QJsonDocument doc = QJsonDocument::fromJson(payload);
    auto *box = new QMessageBox(QMessageBox::Information, tr("Webhook not processed"), d.reason, QMessageBox::Close, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(tr("What Meta sent is below (Show Details). It may contain personal data: do not share it outside your company."));
    box->setDetailedText(doc.isNull() ? QString::fromUtf8(payload) : QString::fromUtf8(doc.toJson(QJsonDocument::Indented)));
    box->open();
}

} // namespace puente::ui
