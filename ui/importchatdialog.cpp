#include "importchatdialog.h"

#include "client/apiclient.h"
#include "domain/phonenumber.h"
#include "importing/chatexport.h"
#include "importing/exportarchive.h"
#include "theme.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace puente::ui {

using namespace chatexport;

ImportChatDialog::ImportChatDialog(client::ApiClient *api, const QString &path, const QString &contactPhone, QWidget *parent)
    : QDialog(parent), m_api(api), m_path(path)
{
    setObjectName(QStringLiteral("importChat"));
    setWindowTitle(tr("Import chat"));
    setMinimumWidth(520);
    auto *layout = new QVBoxLayout(this);

    auto *file = new QLabel(QStringLiteral("<b>%1</b>").arg(QFileInfo(path).fileName().toHtmlEscaped()), this);
    file->setTextFormat(Qt::RichText);
    layout->addWidget(file);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("importSummary"));
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);

    m_form = new QWidget(this);
    auto *form = new QFormLayout(m_form);
    form->setContentsMargins(0, 8, 0, 8);
    m_company = new QComboBox(m_form);
    m_company->setObjectName(QStringLiteral("importCompany"));
    m_company->setToolTip(tr("The chat's messages written by this author become your company's (outbound); the other author is the contact."));
    form->addRow(tr("Your company in this chat:"), m_company);
    m_contact = new QLineEdit(m_form);
    m_contact->setObjectName(QStringLiteral("importContact"));
    m_contact->setPlaceholderText(tr("+34 612 34 56 78"));
    m_contact->setText(contactPhone.isEmpty() ? QString() : formatPhoneNumberForDisplay(contactPhone));
    form->addRow(tr("Contact's number:"), m_contact);
    m_zone = new QComboBox(m_form);
    m_zone->setObjectName(QStringLiteral("importTimeZone"));
    m_zone->addItem(tr("Your company's time zone"), QString());
    for (const char *zone : {"Europe/Madrid", "Atlantic/Canary", "America/Mexico_City", "America/Bogota", "America/Lima",
                             "America/Argentina/Buenos_Aires", "America/Santiago", "America/Caracas", "America/New_York", "Europe/London", "UTC"})
        m_zone->addItem(QString::fromLatin1(zone), QString::fromLatin1(zone));
    m_zone->setToolTip(tr("The time zone of the phone the chat was exported from: the file's times are read in it."));
    form->addRow(tr("Times of the file in:"), m_zone);
    auto *note = new QLabel(tr("Imported messages are marked as such, never count as unread and do not reopen the 24-hour window. "
                               "Importing the same chat again adds nothing twice."),
                            m_form);
    note->setWordWrap(true);
    note->setStyleSheet(QStringLiteral("color: %1").arg(theme::muted().name()));
    form->addRow(note);
    layout->addWidget(m_form);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("importProgress"));
    m_progress->setVisible(false);
    layout->addWidget(m_progress);
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("importResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->setVisible(false);
    layout->addWidget(m_result);
    layout->addStretch(1);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_import = m_buttons->addButton(tr("Import"), QDialogButtonBox::AcceptRole);
    m_import->setObjectName(QStringLiteral("importStart"));
    m_open = m_buttons->addButton(tr("Open the conversation"), QDialogButtonBox::ActionRole);
    m_open->setObjectName(QStringLiteral("importOpen"));
    m_open->setVisible(false);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_import, &QPushButton::clicked, this, &ImportChatDialog::start);
    connect(m_open, &QPushButton::clicked, this, [this] {
        Q_EMIT openConversation(m_conversation);
        accept();
    });
    connect(m_company, &QComboBox::currentIndexChanged, this, &ImportChatDialog::updateImportButton);

    m_poll = new QTimer(this);
    m_poll->setInterval(700);
    connect(m_poll, &QTimer::timeout, this, &ImportChatDialog::poll);

    readLocally();
}

QString ImportChatDialog::explain(const QString &code, const QString &serverMessage)
{
    if (code == QLatin1String("not_a_chat_export"))
        return tr("This file is not a WhatsApp chat export. In WhatsApp, open the chat, choose More > Export chat, and import the "
                  ".txt or .zip it makes.");
    if (code == QLatin1String("binary_file"))
        return tr("This is not a text file. Choose the chat's .txt, or the .zip WhatsApp made with it.");
    if (code == QLatin1String("encoding"))
        return tr("The file's text cannot be read. Export the chat again from WhatsApp and import that file unchanged.");
    if (code == QLatin1String("group_chat"))
        return tr("This is a group's chat. Puente's conversations are with one contact each: export the one-to-one chat with the "
                  "candidate instead.");
    if (code == QLatin1String("empty_chat"))
        return tr("The chat holds no messages, only WhatsApp's notices.");
    if (code == QLatin1String("company_side_unknown"))
        return tr("Choose which author of the chat is your company.") + QStringLiteral(" (") + serverMessage + QLatin1Char(')');
    if (code == QLatin1String("contact_number_missing"))
        return tr("The contact's number is not in the file's name nor in the chat: type it in \"Contact's number\".");
    if (code == QLatin1String("invalid_phone_number"))
        return tr("The contact's number is not valid: write it with its country code, such as +34 612 34 56 78.");
    if (code == QLatin1String("invalid_time_zone") || code == QLatin1String("invalid_field"))
        return tr("That time zone is not known: choose one from the list.");
    if (code == QLatin1String("zip_unsafe_path"))
        return tr("The zip holds files outside its folder, which WhatsApp never makes: it was not imported. Export the chat again.");
    if (code == QLatin1String("zip_bomb") || code == QLatin1String("zip_too_large"))
        return tr("The zip is far larger unpacked than any chat export: it was not imported.");
    if (code == QLatin1String("zip_unreadable"))
        return tr("The zip is damaged and cannot be read. Export the chat again.");
    if (code == QLatin1String("too_large"))
        return tr("The file is larger than the server accepts (2 GB).");
    if (code == QLatin1String("forbidden"))
        return tr("Only your company's administrators can import chats.");
    if (code == QLatin1String("network") || code == QLatin1String("timeout"))
        return tr("The server cannot be reached; nothing was imported. Try again when the connection is back.");
    return tr("The chat could not be imported: %1").arg(serverMessage);
}

namespace {
// What reading the file here found (on a worker thread: a zip of years of
// chat is unpacked and read whole).
struct LocalReading {
    QString errorCode, errorMessage;
    bool zip = false;
    QString chatName;
    Summary summary;
};

LocalReading readExport(const QString &path)
{
    LocalReading r;
    auto opened = OpenedExport::open(path);
    if (!opened) {
        r.errorCode = opened.error().code;
        r.errorMessage = opened.error().message;
        return r;
    }
    r.zip = (*opened)->archive() != nullptr;
    r.chatName = r.zip ? (*opened)->archive()->chatName() : QString();
    Reader reader((*opened)->text());
    auto summary = reader.scan();
    if (!summary) {
        r.errorCode = summary.error().code;
        r.errorMessage = summary.error().message;
        return r;
    }
    r.summary = summary.value();
    if (r.summary.isGroup())
        r.errorCode = QStringLiteral("group_chat");
    else if (r.summary.authors.isEmpty())
        r.errorCode = QStringLiteral("empty_chat");
    return r;
}
} // namespace

void ImportChatDialog::readLocally()
{
    // The same reader the server uses: what the file is, before sending it.
    m_summary->setText(tr("Reading the file…"));
    m_form->setEnabled(false);
    auto *watcher = new QFutureWatcher<LocalReading>(this);
    connect(watcher, &QFutureWatcher<LocalReading>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const LocalReading r = watcher->result();
        m_form->setEnabled(true);
        if (!r.errorCode.isEmpty()) {
            m_summary->clear();
            fail(r.errorCode == QLatin1String("storage_error") ? tr("The file cannot be read: %1").arg(r.errorMessage)
                                                               : explain(r.errorCode, r.errorMessage));
            Q_EMIT fileRead();
            return;
        }
        m_zip = r.zip;
        const Summary &summary = r.summary;
        const QLocale locale;
        m_summary->setText(tr("%1 export with %n message(s), from %2 to %3.", "", int(summary.messages))
                               .arg(summary.ios ? tr("iPhone") : tr("Android"), locale.toString(summary.firstDate, QLocale::ShortFormat),
                                    locale.toString(summary.lastDate, QLocale::ShortFormat)));
        m_company->addItem(tr("Choose…"), QString());
        for (const QString &author : summary.authors)
            m_company->addItem(tr("%1 (%n message(s))", "", int(summary.messagesBy.value(author))).arg(author), author);
        if (m_contact->text().isEmpty()) {
            for (const QString &name : {QFileInfo(m_path).fileName(), r.chatName})
                if (const NameHint hint = hintFromFileName(name); m_contact->text().isEmpty() && !hint.phone.isEmpty())
                    m_contact->setText(formatPhoneNumberForDisplay(hint.phone));
            for (const QString &author : summary.authors)
                if (const QString phone = phoneFromAuthor(author); m_contact->text().isEmpty() && !phone.isEmpty())
                    m_contact->setText(formatPhoneNumberForDisplay(phone));
        }
        updateImportButton();
        Q_EMIT fileRead();
    });
    watcher->setFuture(QtConcurrent::run(readExport, m_path));
}

void ImportChatDialog::updateImportButton()
{
    m_import->setEnabled(m_form->isEnabled() && !m_company->currentData().toString().isEmpty() && m_jobId == 0);
}

void ImportChatDialog::fail(const QString &text)
{
    m_poll->stop();
    // A refusal the admin can fix here (the number, the author) leaves the
    // form; a file that cannot be imported leaves only Close.
    const bool fixable = m_company->count() > 0;
    m_form->setVisible(fixable);
    m_import->setVisible(fixable);
    m_progress->setVisible(false);
    m_result->setVisible(true);
    m_result->setStyleSheet(QStringLiteral("color: %1").arg(theme::danger().name()));
    m_result->setText(text);
    m_jobId = 0;
    updateImportButton();
}

void ImportChatDialog::start()
{
    auto *file = new QFile(m_path);
    if (!file->open(QIODevice::ReadOnly)) {
        fail(tr("The file cannot be read: %1").arg(file->errorString()));
        delete file;
        return;
    }
    protocol::ChatImportQuery query;
    query.fileName = QFileInfo(m_path).fileName();
    query.contact = m_contact->text().trimmed();
    query.companyName = m_company->currentData().toString();
    query.timeZone = m_zone->currentData().toString();
    m_form->setEnabled(false);
    m_import->setEnabled(false);
    m_result->setVisible(true);
    m_result->setStyleSheet(QString());
    m_result->setText(tr("Sending the file…"));
    m_progress->setVisible(true);
    m_progress->setRange(0, 0);
    m_api->uploadChatExport(file, m_zip, query)
        .then(this, [this](const protocol::ChatImport &job) {
            m_jobId = job.id;
            showJob(job);
            if (job.status == QLatin1String("queued") || job.status == QLatin1String("running"))
                m_poll->start();
        }, [this](const client::ApiError &e) {
            m_form->setEnabled(true);
            fail(explain(e.codeName, e.message));
        });
}

void ImportChatDialog::poll()
{
    m_api->callOn<protocol::route::GetChatImport>(m_jobId).then(this, [this](const protocol::ChatImport &job) { showJob(job); },
                                                                 [this](const client::ApiError &e) {
        if (!e.isConnectionProblem())
            fail(explain(e.codeName, e.message)); // a dropped connection: the next poll tries again
    });
}

void ImportChatDialog::showJob(const protocol::ChatImport &job)
{
    if (job.status == QLatin1String("failed")) {
        m_form->setEnabled(true);
        const QString code = job.error ? job.error->code : QString();
        fail(explain(code, job.error ? job.error->message : QString()));
        Q_EMIT finished(job);
        return;
    }
    if (job.status != QLatin1String("done")) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(job.fileSize > 0 ? int(1000 * job.bytesRead / job.fileSize) : 0);
        m_result->setText(job.status == QLatin1String("queued") ? tr("Waiting for the server to start the import…")
                                                                : tr("Importing: %n message(s) read…", "", int(job.messagesRead)));
        return;
    }
    m_poll->stop();
    m_progress->setRange(0, 1000);
    m_progress->setValue(1000);
    m_progress->setVisible(false);
    m_form->setVisible(false);
    m_import->setVisible(false);
    const protocol::ChatImportReport r = job.report.value_or(protocol::ChatImportReport{});
    m_conversation = r.conversationId;
    // The number never breaks across lines.
    const QString phone = formatPhoneNumberForDisplay(r.contactPhone).replace(QLatin1Char(' '), QChar(0x00A0));
    const QString contact = r.contactAuthor.isEmpty() || phoneFromAuthor(r.contactAuthor) == r.contactPhone
        ? phone
        : QStringLiteral("%1 (%2)").arg(r.contactAuthor, phone);
    QStringList lines;
    lines << tr("%n message(s) imported into the conversation with %1.", "", int(r.imported)).arg(contact);
    if (r.duplicates > 0)
        lines << tr("%n message(s) were already there and were skipped.", "", int(r.duplicates));
    if (r.media > 0)
        lines << tr("%n file(s) from the zip stored.", "", int(r.media));
    if (r.mediaMissing > 0)
        lines << tr("%n photo(s), audio(s) or document(s) were not included in the export.", "", int(r.mediaMissing));
    if (r.systemLines > 0)
        lines << tr("%n WhatsApp notice(s) skipped (encryption, blocked contact…).", "", int(r.systemLines));
    if (r.notUnderstood > 0) {
        QStringList numbers;
        for (qint64 n : r.notUnderstoodLines.mid(0, 10))
            numbers << QString::number(n);
        lines << tr("%n line(s) of the file were not understood (line %1).", "", int(r.notUnderstood)).arg(numbers.join(QStringLiteral(", ")));
    }
    m_result->setStyleSheet(QString());
    m_result->setText(lines.join(QLatin1Char('\n')));
    m_open->setVisible(m_conversation > 0);
    m_open->setDefault(true);
    Q_EMIT finished(job);
}

} // namespace puente::ui
