#include "whatsappconfigdialog.h"

#include "adminpage.h"
#include "metatext.h"
#include "theme.h"

#include "client/apiclient.h"

#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace puente::ui {

namespace {
const QString kErrorStyle = QStringLiteral("color: #c5221f;");
const QString kHelpStyle = QStringLiteral("color: #5f6368;");

bool isId(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("^[0-9]{1,32}$"));
    return re.match(s).hasMatch();
}

// Someone pasted the phone number (or a formatted id) instead of the id.
bool looksLikePhoneNumber(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("[+\\s]"));
    return s.contains(re);
}

QString line(const QString &label, const QString &valueHtml)
{
    return QStringLiteral("<b>%1</b> %2").arg(label.toHtmlEscaped(), valueHtml);
}

// What Meta reports about the number (a connection test, or the stored
// result of the last one).
struct NumberDetails {
    QString displayPhoneNumber;
    QString verifiedName;
    QString qualityRating;
    QString messagingLimit;
};

NumberDetails detailsOf(const protocol::TestedNumber &n)
{
    return {n.displayPhoneNumber, n.verifiedName, n.qualityRating, n.messagingLimit};
}

NumberDetails detailsOf(const protocol::WhatsAppConfig &c)
{
    return {c.displayPhoneNumber.value_or(QString()), c.verifiedName.value_or(QString()), c.qualityRating.value_or(QString()),
            c.messagingLimit.value_or(QString())};
}

QString numberDetailsHtml(const NumberDetails &n)
{
    return QStringList{line(WhatsAppConfigDialog::tr("Number:"), n.displayPhoneNumber.toHtmlEscaped()),
                       line(WhatsAppConfigDialog::tr("Verified name:"), n.verifiedName.toHtmlEscaped()),
                       line(WhatsAppConfigDialog::tr("Quality:"), MetaText::qualityHtml(n.qualityRating)),
                       line(WhatsAppConfigDialog::tr("Messaging limit:"), MetaText::messagingLimitText(n.messagingLimit).toHtmlEscaped())}
        .join(QStringLiteral("<br>"));
}

QString errorHtml(const QString &text)
{
    return QStringLiteral("<span style=\"color:#c5221f\">%1</span>").arg(text.toHtmlEscaped());
}

// What went wrong with a call to the Puente server, in the user's words.
QString describe(const client::ApiError &e)
{
    using Kind = client::ApiError::Kind;
    switch (e.kind) {
    case Kind::Network:
    case Kind::Timeout:
        return WhatsAppConfigDialog::tr("The Puente server does not answer. Check your connection and try again.");
    case Kind::SessionEnded:
        return WhatsAppConfigDialog::tr("Your session has ended. Sign in again.");
    case Kind::Forbidden:
        return WhatsAppConfigDialog::tr("Only administrators can change this.");
    case Kind::RateLimited:
        return WhatsAppConfigDialog::tr("Too many requests. Wait a moment and try again.");
    case Kind::Server:
    case Kind::Unavailable:
        return WhatsAppConfigDialog::tr("The Puente server could not do this right now. Try again in a moment.");
    default:
        // The server's own sentence (English) beats a vague one.
        return e.message.isEmpty() ? WhatsAppConfigDialog::tr("The server refused the request (HTTP %1).").arg(e.status) : e.message;
    }
}
} // namespace

WhatsAppConfigDialog::WhatsAppConfigDialog(client::ApiClient *api, QWidget *parent)
    : QDialog(parent)
    , m_api(api)
{
    setWindowTitle(tr("WhatsApp configuration"));
    setMinimumWidth(640);
    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(12);

    auto *statusRow = new QHBoxLayout;
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    m_retry = new QPushButton(tr("Try again"), this);
    m_retry->setObjectName(QStringLiteral("retry"));
    m_retry->hide();
    connect(m_retry, &QPushButton::clicked, this, &WhatsAppConfigDialog::reload);
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_retry);
    layout->addLayout(statusRow);

    // Labels above the fields: the Spanish ones are too long to sit beside.
    m_form = new QWidget(this);
    auto *form = new QVBoxLayout(m_form);
    form->setContentsMargins(0, 0, 0, 0);
    form->setSpacing(10);
    auto newEdit = [&](const QString &name) {
        auto *edit = new QLineEdit(m_form);
        edit->setObjectName(name);
        return edit;
    };
    // One field: its label, the row (field and buttons), the error line
    // under it, and an optional help line.
    auto addField = [&](const QString &label, QWidget *buddy, const QList<QWidget *> &row, const QString &errorName,
                        const QString &help = {}) -> QLabel * {
        auto *block = new QVBoxLayout;
        block->setSpacing(3);
        auto *title = new QLabel(label, m_form);
        title->setBuddy(buddy);
        title->setWordWrap(true);
        block->addWidget(title);
        auto *line = new QHBoxLayout;
        for (QWidget *w : row)
            line->addWidget(w, w == row.first() ? 1 : 0);
        block->addLayout(line);
        QLabel *error = nullptr;
        if (!errorName.isEmpty()) {
            error = new QLabel(m_form);
            error->setObjectName(errorName);
            error->setWordWrap(true);
            error->setStyleSheet(kErrorStyle);
            error->hide();
            block->addWidget(error);
        }
        if (!help.isEmpty()) {
            auto *helpLabel = new QLabel(help, m_form);
            helpLabel->setWordWrap(true);
            helpLabel->setStyleSheet(kHelpStyle);
            block->addWidget(helpLabel);
        }
        form->addLayout(block);
        return error;
    };

    m_connectionType = new QComboBox(m_form);
    m_connectionType->setObjectName(QStringLiteral("connectionType"));
    // WhatsApp Web comes later; the server refuses it until then.
    m_connectionType->addItem(tr("WhatsApp Business API (recommended)"), protocol::enumName(protocol::ApiType::BusinessApi));
    addField(tr("Connection type"), m_connectionType, {m_connectionType}, {});

    m_token.edit = newEdit(QStringLiteral("accessToken"));
    m_token.edit->setEchoMode(QLineEdit::Password);
    m_showToken = new QToolButton(m_form);
    m_showToken->setObjectName(QStringLiteral("showToken"));
    m_showToken->setCheckable(true);
    m_showToken->setText(tr("Show"));
    connect(m_showToken, &QToolButton::toggled, this, [this](bool shown) {
        m_token.edit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        m_showToken->setText(shown ? tr("Hide") : tr("Show"));
    });
    m_token.error = addField(tr("Access token"), m_token.edit, {m_token.edit, m_showToken}, QStringLiteral("accessTokenError"));
    m_tokenStatus = new QLabel(m_form);
    m_tokenStatus->setObjectName(QStringLiteral("tokenStatus"));
    m_tokenStatus->setWordWrap(true);
    m_tokenStatus->setTextFormat(Qt::RichText);
    m_tokenStatus->hide();
    form->addWidget(m_tokenStatus);
    // The line is about the stored token: it goes while another is typed.
    connect(m_token.edit, &QLineEdit::textChanged, this, [this](const QString &typed) {
        m_tokenStatus->setVisible(typed.isEmpty() && !m_tokenStatus->text().isEmpty());
    });

    m_phoneNumberId.edit = newEdit(QStringLiteral("phoneNumberId"));
    m_phoneNumberId.edit->setPlaceholderText(tr("e.g. 106540352242922"));
    m_phoneNumberId.error = addField(tr("Phone number ID"), m_phoneNumberId.edit, {m_phoneNumberId.edit}, QStringLiteral("phoneNumberIdError"));

    m_businessAccountId.edit = newEdit(QStringLiteral("businessAccountId"));
    m_businessAccountId.edit->setPlaceholderText(tr("e.g. 102290129340398"));
    m_businessAccountId.error = addField(tr("WhatsApp Business account ID"), m_businessAccountId.edit, {m_businessAccountId.edit},
                                         QStringLiteral("businessAccountIdError"));
    for (Field *f : {&m_phoneNumberId, &m_businessAccountId})
        connect(f->edit, &QLineEdit::textEdited, this, [this, f] { updateIdHint(*f); });

    m_appId.edit = newEdit(QStringLiteral("appId"));
    m_appId.edit->setPlaceholderText(tr("Optional: your own Meta app's ID"));
    m_appId.error = addField(tr("App ID"), m_appId.edit, {m_appId.edit}, QStringLiteral("appIdError"));
    m_appSecret.edit = newEdit(QStringLiteral("appSecret"));
    m_appSecret.edit->setEchoMode(QLineEdit::Password);
    m_appSecret.error = addField(tr("App secret"), m_appSecret.edit, {m_appSecret.edit}, QStringLiteral("appSecretError"),
                                 tr("With your own app's ID and secret, Puente renews a user access token before it expires."));

    m_verifyToken.edit = newEdit(QStringLiteral("verifyToken"));
    m_generate = new QPushButton(tr("Generate"), m_form);
    m_generate->setObjectName(QStringLiteral("generateVerifyToken"));
    connect(m_generate, &QPushButton::clicked, this, &WhatsAppConfigDialog::generateVerifyToken);
    m_verifyToken.error = addField(tr("Webhook verify token"), m_verifyToken.edit, {m_verifyToken.edit, m_generate},
                                   QStringLiteral("verifyTokenError"));
    // A field's error goes as soon as the field is edited, not at the next
    // save (the two ids say at each keystroke what is wrong, above).
    for (Field *f : {&m_token, &m_appId, &m_appSecret, &m_verifyToken})
        connect(f->edit, &QLineEdit::textEdited, f->error, &QWidget::hide);

    m_webhookUrl = newEdit(QStringLiteral("webhookUrl"));
    m_webhookUrl->setReadOnly(true);
    m_copy = new QPushButton(tr("Copy"), m_form);
    m_copy->setObjectName(QStringLiteral("copyWebhookUrl"));
    connect(m_copy, &QPushButton::clicked, this, &WhatsAppConfigDialog::copyWebhookUrl);
    addField(tr("Webhook URL"), m_webhookUrl, {m_webhookUrl, m_copy}, {},
             tr("Paste this URL and the verify token into the Webhooks section of your Meta app."));
    layout->addWidget(m_form);

    // Full width below the form: wrapped rich text needs the whole width.
    auto *testRow = new QHBoxLayout;
    m_test = new QPushButton(tr("Test connection"), this);
    m_test->setObjectName(QStringLiteral("testConnection"));
    connect(m_test, &QPushButton::clicked, this, &WhatsAppConfigDialog::testConnection);
    testRow->addWidget(m_test);
    testRow->addStretch();
    layout->addLayout(testRow);
    m_testResult = new QLabel(this);
    m_testResult->setObjectName(QStringLiteral("testResult"));
    m_testResult->setTextFormat(Qt::RichText);
    m_testResult->setWordWrap(true);
    m_testResult->setFrameShape(QFrame::StyledPanel);
    m_testResult->setMargin(8);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_testResult->hide();
    layout->addWidget(m_testResult);

    m_saveError = new QLabel(this);
    m_saveError->setObjectName(QStringLiteral("saveError"));
    m_saveError->setWordWrap(true);
    m_saveError->setStyleSheet(kErrorStyle);
    m_saveError->hide();
    layout->addWidget(m_saveError);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_save = m_buttons->button(QDialogButtonBox::Save);
    // Our own words: the Qt translations for the standard buttons may be missing.
    m_save->setText(tr("Save"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &WhatsAppConfigDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &WhatsAppConfigDialog::reject);
    layout->addWidget(m_buttons);

    reload();
}

// Wrapped labels change height with their text, and a dialog does not grow
// by itself for that: without this, a long error or test result is cut.
void WhatsAppConfigDialog::refit()
{
    fitHeight(this);
}

void WhatsAppConfigDialog::reload()
{
    m_loaded = false;
    m_status->setStyleSheet(QString());
    m_status->setText(tr("Loading…"));
    m_status->show();
    m_retry->hide();
    setBusy(true);
    // An unconfigured tenant answers configured=false and the webhook URL.
    m_api->call<protocol::route::GetWhatsAppConfig>().then(
        this,
        [this](const protocol::WhatsAppConfig &config) {
            showConfig(config);
            setBusy(false);
            refit();
            Q_EMIT configLoaded(true);
        },
        [this](const client::ApiError &error) {
            setBusy(false);
            showLoadError(error);
            refit();
            Q_EMIT configLoaded(false);
        });
}

void WhatsAppConfigDialog::showConfig(const protocol::WhatsAppConfig &config)
{
    m_stored = config;
    m_loaded = true;
    m_status->hide();
    m_form->setEnabled(true);
    clearErrors();
    m_hasToken = config.hasToken;
    m_token.edit->clear();
    m_token.edit->setPlaceholderText(m_hasToken ? tr("Stored: %1 — leave empty to keep it").arg(config.businessApiToken)
                                                : tr("Paste the access token from Meta (required)"));
    m_phoneNumberId.edit->setText(config.phoneNumberId);
    m_businessAccountId.edit->setText(config.businessAccountId);
    m_appId.edit->setText(config.appId.value_or(QString()));
    showTokenStatus(config.token.value_or(protocol::AccessTokenInfo()));
    m_appSecret.edit->clear();
    m_appSecret.edit->setPlaceholderText(config.hasAppSecret ? tr("Stored: %1 — leave empty to keep it").arg(config.appSecret)
                                                             : tr("Optional: leave empty to use the platform's app"));
    m_verifyToken.edit->setText(config.webhookVerifyToken);
    m_verifyToken.edit->setPlaceholderText(tr("Leave empty and one is generated when you save"));
    m_webhookUrl->setText(config.webhookUrl);
    if (config.configured)
        showLastCheck(config);
    else
        m_testResult->hide();
}

void WhatsAppConfigDialog::showLoadError(const client::ApiError &error)
{
    m_form->setEnabled(false);
    m_test->setEnabled(false);
    m_save->setEnabled(false);
    m_status->setStyleSheet(kErrorStyle);
    m_status->setText(tr("Could not load the WhatsApp configuration. %1").arg(describe(error)));
    m_status->show();
    // Retrying does not help someone who may not see it.
    m_retry->setVisible(error.kind != client::ApiError::Kind::Forbidden && error.kind != client::ApiError::Kind::SessionEnded);
}

void WhatsAppConfigDialog::showTokenStatus(const protocol::AccessTokenInfo &token)
{
    const MetaText::TokenLine line = MetaText::tokenLine(token, QDateTime::currentMSecsSinceEpoch());
    if (line.text.isEmpty()) {
        // Never inspected (Meta unreachable when saved): how to get a lasting token.
        m_tokenStatus->setText(QStringLiteral("<span style=\"color:%1\">%2</span>")
                                   .arg(theme::muted().name(),
                                        tr("Recommended: a System User token, which never expires (Business settings → Users → "
                                           "System users → Generate new token).")
                                            .toHtmlEscaped()));
    } else {
        QString html = line.ok ? QStringLiteral("<span style=\"color:#1e8e3e\">&#10003;</span> %1").arg(line.text.toHtmlEscaped())
                               : errorHtml(line.text);
        if (!line.advice.isEmpty())
            html += QStringLiteral("<br><span style=\"color:%1\">%2</span>").arg(theme::muted().name(), line.advice.toHtmlEscaped());
        m_tokenStatus->setText(html);
    }
    m_tokenStatus->show();
}

// The server remembers what the last successful test found; showing it on
// open tells the admin which number is connected without a new test.
void WhatsAppConfigDialog::showLastCheck(const protocol::WhatsAppConfig &config)
{
    QStringList parts;
    if (config.checkedAt) {
        const QString when = QLocale().toString(QDateTime::fromMSecsSinceEpoch(*config.checkedAt), QLocale::ShortFormat);
        parts << QStringLiteral("<b>%1</b>").arg(tr("Last successful test: %1").arg(when).toHtmlEscaped()) << numberDetailsHtml(detailsOf(config));
    } else {
        parts << tr("Not tested yet. Test the connection to see the number Meta reports.").toHtmlEscaped();
    }
    if (config.connectionStatus == protocol::ConnectionStatus::Failing) {
        parts << errorHtml(tr("The last test failed: %1").arg(config.lastError.value_or(QString())));
        m_refusedTest = RefusedTest{QString(), config.phoneNumberId, config.lastError.value_or(QString())}; // the stored values
    }
    m_testResult->setText(parts.join(QStringLiteral("<br>")));
    m_testResult->show();
}

WhatsAppConfigDialog::Field *WhatsAppConfigDialog::fieldFor(const QString &apiField)
{
    const std::pair<const char *, Field *> fields[] = {{"business_api_token", &m_token},
                                                       {"phone_number_id", &m_phoneNumberId},
                                                       {"business_account_id", &m_businessAccountId},
                                                       {"app_secret", &m_appSecret},
                                                       {"app_id", &m_appId},
                                                       {"webhook_verify_token", &m_verifyToken}};
    for (const auto &[name, field] : fields)
        if (apiField == QLatin1String(name))
            return field;
    return nullptr;
}

void WhatsAppConfigDialog::setFieldError(Field &field, const QString &message, bool focus)
{
    field.error->setText(message);
    field.error->show();
    refit();
    if (focus) {
        field.edit->setFocus(Qt::OtherFocusReason);
        field.edit->selectAll();
    }
}

void WhatsAppConfigDialog::clearErrors()
{
    for (Field *f : {&m_token, &m_phoneNumberId, &m_businessAccountId, &m_appId, &m_appSecret, &m_verifyToken}) {
        f->error->clear();
        f->error->hide();
    }
    m_saveError->clear();
    m_saveError->hide();
}

namespace {
QString idProblem(const QString &text, bool phoneNumber)
{
    if (text.isEmpty())
        return WhatsAppConfigDialog::tr("Required.");
    if (looksLikePhoneNumber(text))
        return phoneNumber ? WhatsAppConfigDialog::tr("This is the number's ID from WhatsApp Manager, not the phone number")
                           : WhatsAppConfigDialog::tr("This is the account's ID from WhatsApp Manager: digits only, no + or spaces");
    if (!isId(text))
        return WhatsAppConfigDialog::tr("Digits only, at most 32.");
    return {};
}
} // namespace

void WhatsAppConfigDialog::updateIdHint(Field &field)
{
    // Explain as soon as the mistake is typed, not only on save.
    if (looksLikePhoneNumber(field.edit->text()))
        setFieldError(field, idProblem(field.edit->text(), &field == &m_phoneNumberId), false);
    else
        field.error->hide();
}

bool WhatsAppConfigDialog::validate()
{
    clearErrors();
    bool focus = true;
    auto fail = [&](Field &field, const QString &message) {
        setFieldError(field, message, focus);
        focus = false;
    };
    if (!m_hasToken && m_token.edit->text().trimmed().isEmpty())
        fail(m_token, tr("Paste the access token from Meta: it is required the first time."));
    if (const QString p = idProblem(m_phoneNumberId.edit->text().trimmed(), true); !p.isEmpty())
        fail(m_phoneNumberId, p);
    if (const QString p = idProblem(m_businessAccountId.edit->text().trimmed(), false); !p.isEmpty())
        fail(m_businessAccountId, p);
    if (const QString appId = m_appId.edit->text().trimmed(); !appId.isEmpty() && !isId(appId))
        fail(m_appId, tr("The app ID is digits only: Meta's App settings → Basic."));
    const QString verify = m_verifyToken.edit->text().trimmed();
    if (!verify.isEmpty() && verify.size() < 8)
        fail(m_verifyToken, tr("At least 8 characters (or press Generate)."));
    return focus;
}

protocol::WhatsAppConfigInput WhatsAppConfigDialog::formBody() const
{
    protocol::WhatsAppConfigInput body;
    body.apiType = m_connectionType->currentData().toString();
    body.phoneNumberId = m_phoneNumberId.edit->text().trimmed();
    body.businessAccountId = m_businessAccountId.edit->text().trimmed();
    body.appId = m_appId.edit->text().trimmed(); // empty: left out, the stored one is kept
    // Empty secrets are left out: the server keeps the stored ones.
    for (const auto &[member, edit] : {std::pair{&protocol::WhatsAppConfigInput::businessApiToken, m_token.edit},
                                       std::pair{&protocol::WhatsAppConfigInput::appSecret, m_appSecret.edit},
                                       std::pair{&protocol::WhatsAppConfigInput::webhookVerifyToken, m_verifyToken.edit}})
        if (const QString v = edit->text().trimmed(); !v.isEmpty())
            body.*member = v;
    return body;
}

bool WhatsAppConfigDialog::testsUnsavedValues() const
{
    return !m_token.edit->text().trimmed().isEmpty()
        || m_phoneNumberId.edit->text().trimmed() != m_stored.phoneNumberId;
}

void WhatsAppConfigDialog::testConnection()
{
    // The server tests the token and phone number ID sent with the request
    // (falling back to the stored ones), so the admin can try what they typed
    // before saving it; nothing is stored until Save. The result says when
    // the tested values are not saved yet.
    clearErrors();
    bool ok = true;
    if (!m_hasToken && m_token.edit->text().trimmed().isEmpty()) {
        setFieldError(m_token, tr("Paste the access token from Meta: it is required the first time."), true);
        ok = false;
    }
    if (const QString p = idProblem(m_phoneNumberId.edit->text().trimmed(), true); !p.isEmpty()) {
        setFieldError(m_phoneNumberId, p, ok);
        ok = false;
    }
    if (!ok) {
        Q_EMIT connectionTested(false);
        return;
    }
    protocol::TestConnection body;
    body.phoneNumberId = m_phoneNumberId.edit->text().trimmed();
    if (const QString token = m_token.edit->text().trimmed(); !token.isEmpty())
        body.businessApiToken = token;
    const bool unsaved = testsUnsavedValues();
    m_testResult->setText(tr("Asking Meta…").toHtmlEscaped());
    m_testResult->show();
    refit();
    setBusy(true);
    m_api->call<protocol::route::TestConnection>(body).then(
        this,
        [this, unsaved, tested = body](const protocol::ConnectionTest &answer) {
            setBusy(false);
            showTestResult(answer);
            const bool connected = answer.ok;
            m_refusedTest.reset();
            // Meta's refusal, not an unreachable Meta, makes a save ask first.
            const protocol::TestFailure error = answer.error.value_or(protocol::TestFailure());
            if (!connected && error.kind != QLatin1String("network") && error.kind != QLatin1String("timeout")) {
                m_refusedTest = RefusedTest{tested.businessApiToken.value_or(QString()), tested.phoneNumberId.value_or(QString()),
                                            error.explanation.isEmpty() ? error.message : error.explanation};
            }
            if (connected && unsaved)
                m_testResult->setText(m_testResult->text() + QStringLiteral("<br><i>%1</i>").arg(
                                          tr("These values are not saved yet: press Save to keep them.").toHtmlEscaped()));
            refit();
            Q_EMIT connectionTested(connected);
        },
        [this](const client::ApiError &error) {
            setBusy(false);
            const QString unplaced = showRequestError(error);
            if (unplaced.isEmpty())
                m_testResult->hide();
            else
                m_testResult->setText(errorHtml(unplaced));
            refit();
            Q_EMIT connectionTested(false);
        });
}

void WhatsAppConfigDialog::showTestResult(const protocol::ConnectionTest &answer)
{
    if (answer.ok) {
        m_testResult->setText(QStringLiteral("<b style=\"color:#1e8e3e\">%1</b><br>%2")
                                  .arg(tr("Connected: Meta accepted these values.").toHtmlEscaped(),
                                       numberDetailsHtml(detailsOf(answer.phoneNumber.value_or(protocol::TestedNumber())))));
        return;
    }
    const protocol::TestFailure error = answer.error.value_or(protocol::TestFailure());
    QString text = error.explanation;
    if (text.isEmpty())
        text = error.message;
    QString html = QStringLiteral("<b>%1</b><br>%2").arg(errorHtml(tr("The connection failed.")), errorHtml(text));
    if (error.kind == QLatin1String("network") || error.kind == QLatin1String("timeout"))
        html += QStringLiteral("<br>") + tr("The Puente server could not reach Meta. Check that the server has internet access "
                                              "(proxy, firewall) and try again.")
                                             .toHtmlEscaped();
    m_testResult->setText(html);
}

// Puts a refused request's message next to its field when it has one;
// otherwise returns it for the caller to show.
QString WhatsAppConfigDialog::showRequestError(const client::ApiError &error)
{
    QString message = describe(error);
    Field *field = fieldFor(error.field);
    using protocol::ErrorCode;
    if (error.code == ErrorCode::PhoneNumberTaken) {
        field = &m_phoneNumberId;
        message = tr("This number is already connected to another company");
    } else if (error.code == ErrorCode::BusinessAccountTaken) {
        field = &m_businessAccountId;
        message = tr("This WhatsApp Business account is already connected to another company");
    } else if (error.code == ErrorCode::InvalidPhoneNumberId) {
        message = idProblem(m_phoneNumberId.edit->text().trimmed(), true);
        if (message.isEmpty())
            message = tr("This is the number's ID from WhatsApp Manager, not the phone number");
    } else if (error.code == ErrorCode::InvalidBusinessAccountId) {
        message = tr("Digits only, at most 32.");
    } else if (field == &m_token && error.code == ErrorCode::MissingField) {
        message = tr("Paste the access token from Meta: it is required the first time.");
    } else if (error.code == ErrorCode::TokenInvalid) {
        message = tr("Meta says this access token is not valid. Copy it again from Meta, or make a System User token.");
    } else if (error.code == ErrorCode::TokenExpired) {
        message = tr("This access token has expired. Make a new one: a System User token never expires.");
    } else if (error.code == ErrorCode::TokenMissingScope) {
        // The server names the missing permissions (Meta's own names).
        static const QRegularExpression scope(QStringLiteral("whatsapp_business_(messaging|management)"));
        QStringList missing;
        for (auto it = scope.globalMatch(error.message.section(QLatin1Char(';'), 0, 0)); it.hasNext();)
            missing.append(it.next().captured(0));
        message = tr("This access token lacks the permission %1. Make it again with whatsapp_business_messaging and "
                     "whatsapp_business_management.")
                      .arg(QLocale().createSeparatedList(missing));
    } else if (error.code == ErrorCode::TokenNotGranted) {
        field = &m_businessAccountId;
        message = tr("The access token is not granted for this WhatsApp Business account. In Meta Business Suite, assign the "
                     "account to the token's system user, or check the ID.");
    }
    if (field && error.kind != client::ApiError::Kind::Forbidden) {
        setFieldError(*field, message, true);
        return {};
    }
    return message;
}

void WhatsAppConfigDialog::save()
{
    if (!m_loaded || m_busy)
        return;
    if (!validate()) {
        Q_EMIT saveFailed();
        return;
    }
    // Values Meta just refused would make every send fail: ask first.
    if (m_refusedTest && m_refusedTest->token == m_token.edit->text().trimmed()
        && m_refusedTest->phoneNumberId == m_phoneNumberId.edit->text().trimmed()) {
        confirm(this, tr("Save values Meta refused?"),
                tr("When you tested these values, Meta refused them: %1\n\nIf you save them, messages will fail until they "
                   "are corrected. Save anyway?")
                    .arg(m_refusedTest->reason),
                tr("Save anyway"), [this] { saveNow(); });
        return;
    }
    saveNow();
}

void WhatsAppConfigDialog::saveNow()
{
    if (m_busy)
        return;
    setBusy(true, true);
    m_api->call<protocol::route::SaveWhatsAppConfig>(formBody()).then(
        this,
        [this](const protocol::WhatsAppConfig &config) {
            setBusy(false);
            m_stored = config;
            Q_EMIT saved(config);
            accept();
        },
        [this](const client::ApiError &error) {
            setBusy(false);
            if (const QString unplaced = showRequestError(error); !unplaced.isEmpty()) {
                m_saveError->setText(unplaced);
                m_saveError->show();
                refit();
            }
            Q_EMIT saveFailed();
        });
}

void WhatsAppConfigDialog::generateVerifyToken()
{
    // URL-safe: Meta sends it back in a query string.
    static const QString alphabet = QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
    QString token;
    token.reserve(32);
    for (int i = 0; i < 32; ++i)
        token += alphabet.at(QRandomGenerator::system()->bounded(int(alphabet.size())));
    m_verifyToken.edit->setText(token);
    m_verifyToken.error->hide();
}

void WhatsAppConfigDialog::copyWebhookUrl()
{
    QGuiApplication::clipboard()->setText(m_webhookUrl->text());
    m_copy->setText(tr("Copied"));
    QTimer::singleShot(1500, m_copy, [this] { m_copy->setText(tr("Copy")); });
}

void WhatsAppConfigDialog::setBusy(bool busy, bool saving)
{
    m_busy = busy;
    m_form->setEnabled(!busy && m_loaded);
    m_test->setEnabled(!busy && m_loaded);
    m_save->setEnabled(!busy && m_loaded);
    // A slow load or test may be abandoned; a save in flight finishes first.
    m_buttons->button(QDialogButtonBox::Cancel)->setEnabled(!saving);
}

} // namespace puente::ui
