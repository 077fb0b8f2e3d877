#include "notificationtestdialog.h"

#include "adminpage.h"
#include "client/apiclient.h"
#include "notificationruledialog.h"
#include "notificationspage.h"
#include "theme.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace puente::ui {

namespace {

// A field with its error line under it, as one row of a form.
QWidget *withError(QWidget *field, QLabel *error, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field);
    layout->addWidget(error);
    return box;
}

} // namespace

NotificationTestDialog::NotificationTestDialog(client::ApiClient *api, const protocol::NotificationRule &rule, QWidget *parent)
    : QDialog(parent), m_api(api), m_rule(rule)
{
    setObjectName(QStringLiteral("notificationTest"));
    setWindowTitle(tr("Send a test notification"));
    setMinimumWidth(600);
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Puente sends this rule's template now, as if your CRM had reported the event with this data. Use a "
                                "number of yours: the message really goes out."), this);
    intro->setWordWrap(true);
    intro->setStyleSheet(QStringLiteral("color: %1").arg(theme::muted().name()));
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_event = new QLineEdit(rule.event, this);
    m_event->setObjectName(QStringLiteral("event"));
    m_event->setReadOnly(true);
    // Read-only looks it: the rule's event, not something to type.
    QPalette readOnly = m_event->palette();
    readOnly.setColor(QPalette::Base, readOnly.color(QPalette::Window));
    m_event->setPalette(readOnly);
    m_event->setAccessibleName(tr("Event"));
    m_event->setToolTip(NotificationText::eventText(rule.event));
    form->addRow(tr("Event"), m_event);
    auto *templateName = new QLabel(QStringLiteral("%1 (%2)").arg(rule.templateName, rule.language), this);
    templateName->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(tr("Template"), templateName);

    m_phone = new QLineEdit(this);
    m_phone->setObjectName(QStringLiteral("phone"));
    m_phone->setPlaceholderText(QStringLiteral("+34 612 345 678"));
    m_phone->setAccessibleName(tr("Phone number"));
    m_phoneError = errorLine(this, QStringLiteral("phoneError"));
    form->addRow(tr("Phone number"), withError(m_phone, m_phoneError, this));

    m_data = new QPlainTextEdit(this);
    m_data->setObjectName(QStringLiteral("data"));
    m_data->setAccessibleName(tr("Event data (JSON)"));
    QFont mono = m_data->font();
    mono.setFamily(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    m_data->setFont(mono);
    m_data->setMinimumHeight(200);
    QJsonObject sample = NotificationRuleDialog::sampleData(rule.event);
    m_data->setPlainText(QString::fromUtf8(QJsonDocument(sample).toJson(QJsonDocument::Indented)));
    m_dataError = errorLine(this, QStringLiteral("dataError"));
    form->addRow(tr("Event data (JSON)"), withError(m_data, m_dataError, this));
    layout->addLayout(form, 1);

    m_error = errorLine(this);
    layout->addWidget(m_error);
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("result"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->hide();
    layout->addWidget(m_result);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setText(tr("Close"));
    m_send = buttons->addButton(tr("Send"), QDialogButtonBox::AcceptRole);
    m_send->setObjectName(QStringLiteral("send"));
    m_send->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &NotificationTestDialog::send);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    connect(m_phone, &QLineEdit::textEdited, m_phoneError, &QWidget::hide);
    connect(m_data, &QPlainTextEdit::textChanged, m_dataError, &QWidget::hide);
    m_phone->setFocus();
    resize(660, 600);
}

void NotificationTestDialog::clearErrors()
{
    for (QLabel *l : {m_phoneError, m_dataError, m_error}) {
        l->clear();
        l->hide();
    }
}

void NotificationTestDialog::showError(QLabel *where, QWidget *field, const QString &text)
{
    where->setText(text);
    where->show();
    if (field)
        field->setFocus(Qt::OtherFocusReason);
    growToFit(this);
}

void NotificationTestDialog::send()
{
    clearErrors();
    m_result->hide();
    const QString phone = m_phone->text().trimmed();
    protocol::SendNotification request;
    request.event = m_rule.event;
    request.to.phone = phone;
    // Checked here: a broken JSON never reaches the server.
    const QByteArray json = m_data->toPlainText().trimmed().toUtf8();
    if (!json.isEmpty()) {
        QJsonParseError parseError{};
        const QJsonDocument data = QJsonDocument::fromJson(json, &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            showError(m_dataError, m_data,
                      tr("The event data is not valid JSON (%1, at character %2).").arg(parseError.errorString()).arg(parseError.offset));
            Q_EMIT failed();
            return;
        }
        if (!data.isObject()) {
            showError(m_dataError, m_data, tr("The event data must be a JSON object: { … }."));
            Q_EMIT failed();
            return;
        }
        request.data = data.object();
    }
    if (phone.isEmpty()) {
        showError(m_phoneError, m_phone, tr("Type the number to send the test to, with its country code."));
        Q_EMIT failed();
        return;
    }
    m_send->setEnabled(false);
    m_result->setStyleSheet(QStringLiteral("color: %1").arg(theme::muted().name()));
    m_result->setText(tr("Sending…"));
    m_result->show();
    m_api->call<protocol::route::SendNotification>(request).then(this, [this](const protocol::Notification &n) {
        m_send->setEnabled(true);
        // Mid-sentence: "Notification 12: queued."
        QString status = NotificationText::statusText(n.status);
        status = status.left(1).toLower() + status.mid(1);
        QString text;
        bool ok = true;
        switch (n.status) {
        case protocol::NotificationStatus::Scheduled:
            text = tr("Notification %1 accepted. It waits for the end of quiet hours; goes out: %2.")
                       .arg(n.id)
                       .arg(AdminText::when(n.dueAt, QString()));
            break;
        case protocol::NotificationStatus::Skipped:
        case protocol::NotificationStatus::Failed:
        case protocol::NotificationStatus::Cancelled:
            ok = false;
            text = tr("Notification %1: %2. %3").arg(n.id).arg(status, NotificationText::reasonText(n.reasonCode, n.reason, n.errorCode));
            break;
        default:
            text = tr("Notification %1: %2. Follow it on the History tab.").arg(n.id).arg(status);
        }
        m_result->setStyleSheet(QStringLiteral("color: %1").arg(ok ? theme::accent().darker(130).name() : theme::danger().name()));
        m_result->setText(text);
        growToFit(this);
        Q_EMIT sent(n);
    }, [this](const client::ApiError &error) {
        m_send->setEnabled(true);
        m_result->hide();
        showRefusal(error);
        Q_EMIT failed();
    });
}

void NotificationTestDialog::showRefusal(const client::ApiError &error)
{
    using protocol::ErrorCode;
    if (error.code == ErrorCode::InvalidPhoneNumber || error.field == QLatin1String("to.phone") || error.field == QLatin1String("to")) {
        showError(m_phoneError, m_phone, tr("That is not a phone number: write it with its country code, such as +34 612 345 678."));
        return;
    }
    if (error.code == ErrorCode::MissingData || error.field.startsWith(QLatin1String("data"))) {
        QString path = error.field;
        if (path.startsWith(QLatin1String("data.")))
            path = path.mid(5);
        // The rule editor's words speak of its sample; here it is the event's data.
        showError(m_dataError, m_data,
                  error.message.startsWith(QLatin1String("the event's data has no value at")) && !path.isEmpty()
                      ? tr("The event data has no value at “%1”, which the rule puts in the message. Add it, or check the rule.").arg(path)
                      : NotificationText::previewError(error.message));
        return;
    }
    if (error.code == ErrorCode::NoRule) {
        showError(m_error, nullptr, tr("No enabled rule sends “%1” any more: enable it on the Rules tab.").arg(m_rule.event));
        return;
    }
    if (error.code == ErrorCode::RuleBroken) {
        showError(m_error, nullptr, NotificationText::ruleError(error));
        return;
    }
    if (error.code == ErrorCode::PlanLimitReached) {
        showError(m_error, nullptr, NotificationText::reasonText(QStringLiteral("plan_limit_reached"), QString(), std::nullopt));
        return;
    }
    showError(m_error, nullptr, error.isConnectionProblem() ? tr("The server did not answer: look at the History tab before sending it again.") : AdminText::actionError(error));
}

} // namespace puente::ui
