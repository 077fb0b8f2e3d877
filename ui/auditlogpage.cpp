#include "auditlogpage.h"

#include <QComboBox>
#include <QDateTime>
#include <QLocale>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTableWidget>
#include <QVBoxLayout>

namespace puente::ui {

namespace {
constexpr int kPageSize = 100;
constexpr int kExportPageSize = 500;

QString roleWord(const QString &role)
{
    return role == QLatin1String("tenant_admin") ? AuditLogPage::tr("administrator")
           : role == QLatin1String("agent")      ? AuditLogPage::tr("agent")
                                                 : role;
}

QString configField(const QString &field)
{
    static const QHash<QString, const char *> words = {
        {QStringLiteral("business_api_token"), QT_TRANSLATE_NOOP("puente::ui::AuditLogPage", "the access token")},
        {QStringLiteral("phone_number_id"), QT_TRANSLATE_NOOP("puente::ui::AuditLogPage", "the phone number ID")},
        {QStringLiteral("business_account_id"), QT_TRANSLATE_NOOP("puente::ui::AuditLogPage", "the business account ID")},
        {QStringLiteral("webhook_verify_token"), QT_TRANSLATE_NOOP("puente::ui::AuditLogPage", "the webhook verify token")},
        {QStringLiteral("app_secret"), QT_TRANSLATE_NOOP("puente::ui::AuditLogPage", "the app secret")},
        {QStringLiteral("app_id"), QT_TRANSLATE_NOOP("puente::ui::AuditLogPage", "the app ID")},
        {QStringLiteral("fallback_enabled"), QT_TRANSLATE_NOOP("puente::ui::AuditLogPage", "the WhatsApp Web fallback")},
        {QStringLiteral("throughput_per_second"), QT_TRANSLATE_NOOP("puente::ui::AuditLogPage", "the sending speed")},
    };
    const char *w = words.value(field);
    return w ? AuditLogPage::tr(w) : field;
}

// "a, b and c" in the UI language.
QString listOf(const QStringList &parts)
{
    if (parts.size() <= 1)
        return parts.value(0);
    return AuditLogPage::tr("%1 and %2").arg(parts.mid(0, parts.size() - 1).join(QStringLiteral(", ")), parts.last());
}

QString csvField(QString s)
{
    if (s.contains(QLatin1Char(',')) || s.contains(QLatin1Char('"')) || s.contains(QLatin1Char('\n')) || s.contains(QLatin1Char('\r'))) {
        s.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        return QLatin1Char('"') + s + QLatin1Char('"');
    }
    return s;
}
} // namespace

QString AuditLogPage::describe(const protocol::AuditEntry &e, const QString &who)
{
    const QString &action = e.action;
    const auto &d = e.details; // as the server recorded them
    const QString email = d.value(QStringLiteral("email")).toString();
    const QString reason = d.value(QStringLiteral("reason")).toString();
    if (action == QLatin1String("auth.login"))
        return tr("%1 signed in").arg(who);
    if (action == QLatin1String("auth.logout"))
        return tr("%1 signed out").arg(who);
    if (action == QLatin1String("auth.login_failed")) {
        if (reason == QLatin1String("wrong_password"))
            return tr("%1 could not sign in: wrong password").arg(who);
        if (reason == QLatin1String("tenant_suspended"))
            return tr("%1 could not sign in: the company is suspended").arg(who);
        return tr("Someone tried to sign in as %1, an account that does not exist").arg(who);
    }
    if (action == QLatin1String("user.created"))
        return tr("%1 created the user %2 (%3)").arg(who, email, roleWord(d.value(QStringLiteral("role")).toString()));
    if (action == QLatin1String("user.deactivated"))
        return tr("%1 deactivated the user %2").arg(who, email);
    if (action == QLatin1String("user.password_reset"))
        return tr("%1 reset the password of %2").arg(who, email);
    if (action == QLatin1String("user.updated")) {
        QStringList changes;
        if (d.contains(QStringLiteral("role")))
            changes << tr("made them %1").arg(roleWord(d.value(QStringLiteral("role")).toString()));
        if (d.contains(QStringLiteral("name")))
            changes << tr("renamed them “%1”").arg(d.value(QStringLiteral("name")).toString());
        if (d.value(QStringLiteral("active")).toBool())
            changes << tr("reactivated them");
        if (d.contains(QStringLiteral("password")))
            changes << tr("reset their password");
        return changes.isEmpty() ? tr("%1 changed the user %2").arg(who, email) : tr("%1 changed the user %2: %3").arg(who, email, listOf(changes));
    }
    if (action == QLatin1String("api_key.created"))
        return tr("%1 created the API key “%2”").arg(who, d.value(QStringLiteral("name")).toString());
    if (action == QLatin1String("api_key.revoked"))
        return d.value(QStringLiteral("name")).toString().isEmpty() ? tr("%1 revoked an API key").arg(who)
                                                                    : tr("%1 revoked the API key “%2”").arg(who, d.value(QStringLiteral("name")).toString());
    if (action == QLatin1String("whatsapp_config.created"))
        return tr("%1 set up WhatsApp").arg(who);
    if (action == QLatin1String("whatsapp_config.updated")) {
        QStringList fields;
        const auto changed = d.value(QStringLiteral("changed")).toArray();
        for (const auto &f : changed)
            fields << configField(f.toString());
        return fields.isEmpty() ? tr("%1 saved the WhatsApp configuration without changes").arg(who)
                                : tr("%1 changed %2").arg(who, listOf(fields));
    }
    // The token watch (actor "system").
    if (action == QLatin1String("whatsapp_config.token_expiring"))
        return tr("The access token expires in %n day(s)", nullptr, d.value(QStringLiteral("days_left")).toInt());
    if (action == QLatin1String("whatsapp_config.token_expired"))
        return tr("The access token has expired");
    if (action == QLatin1String("whatsapp_config.token_refused"))
        return tr("Meta no longer accepts the access token");
    if (action == QLatin1String("whatsapp_config.token_renewed"))
        return tr("Puente renewed the access token; the new one expires on %1")
            .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(d.value(QStringLiteral("expires_at")).toInteger()).date(), QLocale::LongFormat));
    if (action == QLatin1String("whatsapp_config.token_renewal_failed"))
        return tr("Puente could not renew the access token");
    if (action == QLatin1String("templates.synced"))
        return tr("%1 synced the templates with Meta (%n found)", nullptr, d.value(QStringLiteral("count")).toInt()).arg(who);
    if (action == QLatin1String("message.retried"))
        return tr("%1 sent a failed message again").arg(who);
    if (action == QLatin1String("message.dismissed"))
        return tr("%1 dismissed a failed message").arg(who);
    if (action == QLatin1String("conversation.started"))
        return tr("%1 started a conversation with %2").arg(who, d.value(QStringLiteral("phone")).toString());
    if (action == QLatin1String("conversation.updated")) {
        const QString status = d.value(QStringLiteral("status")).toString();
        if (status == QLatin1String("archived"))
            return tr("%1 archived a conversation").arg(who);
        if (status == QLatin1String("blocked"))
            return tr("%1 blocked a contact").arg(who);
        if (status == QLatin1String("active"))
            return tr("%1 reopened a conversation").arg(who);
        if (d.contains(QStringLiteral("assigned_user_id")))
            return d.value(QStringLiteral("assigned_user_id")).isNull() ? tr("%1 unassigned a conversation").arg(who)
                                                                        : tr("%1 assigned a conversation").arg(who);
        return tr("%1 changed a conversation").arg(who);
    }
    if (action == QLatin1String("tenant.created"))
        return tr("%1 created the company %2").arg(who, d.value(QStringLiteral("slug")).toString());
    if (action == QLatin1String("tenant.updated")) {
        QStringList changes;
        if (d.contains(QStringLiteral("name")))
            changes << tr("renamed it “%1”").arg(d.value(QStringLiteral("name")).toString());
        if (d.contains(QStringLiteral("plan")))
            changes << tr("moved it to the %1 plan").arg(d.value(QStringLiteral("plan")).toString());
        return tr("%1 changed the company: %2").arg(who, listOf(changes));
    }
    if (action == QLatin1String("tenant.suspended"))
        return reason.isEmpty() ? tr("%1 suspended the company").arg(who) : tr("%1 suspended the company: “%2”").arg(who, reason);
    if (action == QLatin1String("tenant.resumed"))
        return tr("%1 resumed the company").arg(who);
    if (action == QLatin1String("platform_admin.entered_tenant"))
        return tr("%1 (platform operator) looked into this company").arg(who);
    if (action == QLatin1String("platform_admin.acted_in_tenant"))
        return tr("%1 (platform operator) made a change in this company").arg(who);
    if (action == QLatin1String("dead_letter.replayed"))
        return tr("%1 replayed a webhook that had not been processed").arg(who);
    if (action == QLatin1String("plan.limit_reached"))
        return d.value(QStringLiteral("limit")).toString() == QLatin1String("users")
                   ? tr("%1 ran into the plan's limit of active users").arg(who)
                   : tr("%1 ran into the plan's limit of conversations started this month").arg(who);
    return tr("%1 — %2").arg(who, action);
}

AuditLogPage::AuditLogPage(client::ApiClient *api, QWidget *parent) : AdminTablePage(api, tr("Audit log"), QString(), parent)
{
    m_export = addAction(tr("Export to CSV…"), &AuditLogPage::chooseExportFile);

    auto *filters = new QHBoxLayout;
    m_person = new QComboBox(this);
    m_person->setEditable(true);
    m_person->setMinimumWidth(220);
    m_person->addItem(tr("Everyone"), QString());
    m_person->lineEdit()->setPlaceholderText(tr("Everyone, or an email"));
    m_action = new QComboBox(this);
    const QList<std::pair<QString, QString>> kinds = {
        {tr("Every action"), QString()},           {tr("Sign-ins"), QStringLiteral("auth.")},
        {tr("Users"), QStringLiteral("user.")},     {tr("API keys"), QStringLiteral("api_key.")},
        {tr("WhatsApp configuration"), QStringLiteral("whatsapp_config.")},
        {tr("Templates"), QStringLiteral("templates.")}, {tr("Conversations"), QStringLiteral("conversation.")},
        {tr("Messages"), QStringLiteral("message.")}, {tr("Company and plan"), QStringLiteral("tenant.")},
        {tr("Plan limits"), QStringLiteral("plan.")}, {tr("Webhooks"), QStringLiteral("dead_letter.")},
        {tr("Platform operators"), QStringLiteral("platform_admin.")}};
    for (const auto &[label, prefix] : kinds)
        m_action->addItem(label, prefix);
    m_period = new QComboBox(this);
    m_period->addItem(tr("Last 24 hours"), 1);
    m_period->addItem(tr("Last 7 days"), 7);
    m_period->addItem(tr("Last 30 days"), 30);
    m_period->addItem(tr("Last 12 months"), 365);
    m_period->addItem(tr("All time"), 0);
    m_period->setCurrentIndex(2);
    filters->addWidget(new QLabel(tr("Person"), this));
    filters->addWidget(m_person);
    filters->addWidget(new QLabel(tr("Action"), this));
    filters->addWidget(m_action);
    filters->addWidget(new QLabel(tr("Period"), this));
    filters->addWidget(m_period);
    filters->addStretch();
    column()->addLayout(filters);

    addList({tr("When"), tr("Who"), tr("What happened"), tr("From")}, 2, nullptr, Order::StateFirst);
    auto *footer = new QHBoxLayout;
    m_older = new QPushButton(tr("Show older entries"), this);
    m_older->hide();
    footer->addWidget(m_older);
    footer->addStretch();
    column()->addLayout(footer);

    connect(m_person, &QComboBox::activated, this, &AuditLogPage::refresh);
    connect(m_person->lineEdit(), &QLineEdit::returnPressed, this, &AuditLogPage::refresh);
    connect(m_action, &QComboBox::activated, this, &AuditLogPage::refresh);
    connect(m_period, &QComboBox::activated, this, &AuditLogPage::refresh);
    connect(m_older, &QPushButton::clicked, this, &AuditLogPage::loadOlder);
}

void AuditLogPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!std::exchange(m_loadedOnce, true))
        refresh();
}

protocol::AuditQuery AuditLogPage::query(const QString &before, int limit) const
{
    protocol::AuditQuery q;
    const QString person = m_person->currentIndex() > 0 && m_person->currentText() == m_person->itemText(m_person->currentIndex())
                               ? m_person->currentData().toString()
                               : m_person->currentText().trimmed();
    if (person != m_person->itemText(0))
        q.actor = person;
    q.action = m_action->currentData().toString();
    if (const int days = m_period->currentData().toInt(); days > 0)
        q.from = QString::number(QDateTime::currentMSecsSinceEpoch() - qint64(days) * 24 * 3600 * 1000);
    q.before = before;
    q.limit = limit;
    return q;
}

void AuditLogPage::refresh()
{
    m_table->setRowCount(0);
    m_entries.clear();
    m_cursor.clear();
    m_older->hide();
    m_notice->clear();
    // Names for the people filter and the entries (admins of a company;
    // platform operators see labels).
    m_api->call<protocol::route::ListUsers>().then(this, [this](const protocol::UserList &users) {
        const QString typed = m_person->currentText();
        while (m_person->count() > 1)
            m_person->removeItem(1);
        for (const protocol::User &u : users.items) {
            m_names.insert(u.id, u.name);
            m_person->addItem(QStringLiteral("%1 <%2>").arg(u.name, u.email), QString::number(u.id));
        }
        const int again = m_person->findText(typed);
        if (again >= 0)
            m_person->setCurrentIndex(again);
        else
            m_person->setEditText(typed);
        for (int r = 0; r < m_table->rowCount(); ++r) {
            const protocol::AuditEntry &e = m_entries.at(r);
            m_table->item(r, 1)->setText(nameOf(e));
            m_table->item(r, 2)->setText(describe(e, nameOf(e)));
        }
    }, [](const client::ApiError &) {});
    load(QString());
}

void AuditLogPage::loadOlder()
{
    if (!m_cursor.isEmpty())
        load(m_cursor);
}

void AuditLogPage::load(const QString &before)
{
    // An answer to the filters before is not wanted any more.
    if (m_loading)
        m_loading->abort();
    m_older->setEnabled(false);
    m_loading = loadList<protocol::route::ListAuditLog>(tr("the audit log"), [this](const protocol::AuditPage &page) {
        append(page.items);
        m_cursor = page.nextCursor.value_or(QString());
        m_older->setVisible(!m_cursor.isEmpty());
        m_older->setEnabled(true);
        if (m_table->rowCount() == 0)
            m_state->showEmpty(tr("No entries for these filters."));
    }, query(before, kPageSize));
}

void AuditLogPage::listFailed()
{
    m_older->setEnabled(true);
}

QString AuditLogPage::nameOf(const protocol::AuditEntry &e) const
{
    const QString name = e.actorUserId ? m_names.value(*e.actorUserId) : QString();
    const QString &label = e.actor;
    if (!name.isEmpty())
        return name;
    if (label.startsWith(QLatin1String("api-key:")))
        return tr("The API key “%1”").arg(label.mid(8));
    if (label == QLatin1String("system") || label == QLatin1String("sandbox") || label == QLatin1String("cli"))
        return tr("Puente (%1)").arg(label);
    return label;
}

void AuditLogPage::append(const Entries &entries)
{
    for (const protocol::AuditEntry &e : entries) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_entries.append(e);
        const QDateTime when = QDateTime::fromMSecsSinceEpoch(e.createdAt);
        auto *time = setCell(row, 0, AdminText::when(e.createdAt, QString()));
        time->setToolTip(QLocale().toString(when, QLocale::LongFormat));
        time->setData(kIdRole, e.id);
        const QString who = nameOf(e);
        setCell(row, 1, who);
        setCell(row, 2, describe(e, who))
            ->setToolTip(QStringLiteral("%1\n%2").arg(e.action, QString::fromUtf8(QJsonDocument(e.details).toJson(QJsonDocument::Indented))));
        setCell(row, 3, e.clientAddress);
    }
}

void AuditLogPage::chooseExportFile()
{
    const QString suggested = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + QLatin1Char('/')
                              + tr("audit-log-%1.csv").arg(QDate::currentDate().toString(Qt::ISODate));
    auto *dialog = new QFileDialog(this, tr("Export the audit log"), suggested, tr("CSV files (*.csv)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("csv"));
    connect(dialog, &QFileDialog::fileSelected, this, &AuditLogPage::exportCsv);
    dialog->open();
}

void AuditLogPage::fetchAll(const QString &before, std::shared_ptr<Entries> collected,
                            const std::function<void(const Entries &, const QString &error)> &done)
{
    m_api->call<protocol::route::ListAuditLog>({}, query(before, kExportPageSize)).then(this, [this, collected, done](const protocol::AuditPage &page) {
        collected->append(page.items);
        m_notice->showInfo(tr("Exporting… %n entries so far", nullptr, int(collected->size())));
        const QString next = page.nextCursor.value_or(QString());
        if (next.isEmpty())
            done(*collected, QString());
        else
            fetchAll(next, collected, done);
    }, [done](const client::ApiError &error) { done({}, AdminText::actionError(error)); });
}

void AuditLogPage::exportCsv(const QString &path)
{
    m_export->setEnabled(false);
    fetchAll(QString(), std::make_shared<Entries>(), [this, path](const Entries &entries, const QString &error) {
        m_export->setEnabled(true);
        if (!error.isEmpty()) {
            m_notice->showError(tr("Nothing was exported: %1").arg(error));
            return;
        }
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly)) {
            m_notice->showError(tr("Cannot write %1: %2").arg(path, file.errorString()));
            return;
        }
        // UTF-8 with a byte-order mark, so spreadsheet programs read accents right.
        QByteArray out("\xEF\xBB\xBF");
        const QStringList header{tr("Time"), tr("Person"), tr("What happened"), tr("Action"), tr("Target"), tr("From"), tr("Details")};
        auto line = [](const QStringList &fields) {
            QStringList quoted;
            for (const QString &f : fields)
                quoted << csvField(f);
            return quoted.join(QLatin1Char(',')).toUtf8() + "\r\n";
        };
        out += line(header);
        for (const protocol::AuditEntry &e : entries) {
            const QString who = nameOf(e);
            const QString target = e.targetType.isEmpty() ? QString() : e.targetType + QLatin1Char(' ') + e.targetId;
            const QDateTime local = QDateTime::fromMSecsSinceEpoch(e.createdAt);
            out += line({local.toOffsetFromUtc(local.offsetFromUtc()).toString(Qt::ISODate), who, describe(e, who), e.action, target,
                         e.clientAddress, QString::fromUtf8(QJsonDocument(e.details).toJson(QJsonDocument::Compact))});
        }
        if (file.write(out) != out.size() || !file.commit()) {
            m_notice->showError(tr("Cannot write %1: %2").arg(path, file.errorString()));
            return;
        }
        m_notice->showInfo(tr("%n entries exported to %1.", nullptr, int(entries.size())).arg(path));
        Q_EMIT exported(int(entries.size()), path);
    });
}

} // namespace puente::ui
