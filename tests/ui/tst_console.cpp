#include "chatpanel.h"
#include "consolecontroller.h"
#include "signindialog.h"
#include "client/eventstream.h"
#include "consoleharness.h"
#include "testsupport.h"
#include "conversationlistmodel.h"
#include "conversationspage.h"
#include "mainwindow.h"
#include "mediacache.h"
#include "messagemodel.h"
#include "importchatdialog.h"
#include "templatepickerdialog.h"
#include "storage/userrepository.h"
#include "translations.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QDialog>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QTimer>
#include <QTranslator>
#include <QToolButton>
#include <QMenu>
#include <QFile>
#include <QTemporaryDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>
#include <QProgressBar>


using namespace puente;

namespace {
// A message row's status in the API's words ("read").
QString statusOf(const QModelIndex &index)
{
    return protocol::enumName(index.data(ui::MessageModel::StatusRole).value<protocol::MessageStatus>());
}
} // namespace

// The console's main window and conversations tab against a real server
// with the Sandbox: what a recruiter sees and does.
class TestConsole : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void liveInboundMessageArrivesWithBadgeAndNotification();
    void enterSendsShiftEnterDoesNot();
    void deliveryTicksFollowTheSandbox();
    void failedSendShowsMetaReasonAndRetries();
    void windowClosedComposerOffersTemplates();
    void templatePickerFillsParametersAndSends();
    void newConversationValidatesThePhoneNumber();
    void reconnectResumesWithoutGapsOrDuplicates();
    void offlineSendIsRefusedAndTextKept();
    void offlineNoticesSayWhatHappenedAndClearWhenBack();
    void listKeepsStillUnderThePointer();
    void expiredSessionEndsTheWindow();
    void olderHistoryLoadsWhenScrollingUp();
    void modelsPassTheModelTester();
    void navigationFollowsTheRole();
    void controllerDemoLanguageAndSessionEnd();
    void attachSendsAFile();
    void archiveAndAssignMoveTheConversation();
    void platformAdminChoosesACompany();
    void optedOutContactIsShownAndCanBeAllowedAgain();
    void importChatFromTheConversationsTab();
    void importChatScreenshots_data();
    void importChatScreenshots();
    void screenshots_data();
    void screenshots();

private:
    std::unique_ptr<test::ConsoleHarness> m_h;
    std::unique_ptr<ui::MainWindow> openWindow(client::ApiClient *api, const protocol::Me &user);
    qint64 conversationOf(const QString &waId);
    void saveScreenshot(QWidget &w, const QString &name);
};

void TestConsole::init()
{
    m_h = std::make_unique<test::ConsoleHarness>();
    const QString error = m_h->start();
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestConsole::cleanup()
{
    m_h.reset();
}

std::unique_ptr<ui::MainWindow> TestConsole::openWindow(client::ApiClient *api, const protocol::Me &user)
{
    auto window = std::make_unique<ui::MainWindow>(api, user);
    window->events()->setReconnectDelays(200, 1000);
    window->show();
    return window;
}

qint64 TestConsole::conversationOf(const QString &waId)
{
    const QJsonObject page = test::await(m_h->agent->get(QStringLiteral("api/whatsapp/conversations")));
    for (const QJsonValue &v : page.value(QStringLiteral("items")).toArray())
        if (v.toObject().value(QStringLiteral("wa_id")).toString() == waId)
            return v.toObject().value(QStringLiteral("id")).toInteger();
    return 0;
}

void TestConsole::liveInboundMessageArrivesWithBadgeAndNotification()
{
    auto window = openWindow(m_h->agent.get(), m_h->agentUser);
    ui::ConversationListModel *list = window->conversations()->listModel();
    QTRY_VERIFY(window->events()->state() == client::EventStream::State::Connected);
    QSignalSpy notified(window.get(), &ui::MainWindow::notificationShown);
    QTRY_VERIFY(window->conversations()->listState()->isVisible());
    QCOMPARE(window->conversations()->listState()->text(), QStringLiteral("No conversations here yet."));

    m_h->candidateWrites(QStringLiteral("34611111111"), QStringLiteral("Lucía Pérez"), QStringLiteral("Hola, ¿sigue abierta la vacante?"));
    QTRY_COMPARE_WITH_TIMEOUT(list->rowCount(), 1, 10000);
    QVERIFY(!window->conversations()->listState()->isVisible()); // the list no longer says it is empty under its row
    const QModelIndex row = list->index(0);
    QCOMPARE(row.data(ui::ConversationListModel::NameRole).toString(), QStringLiteral("Lucía Pérez"));
    QCOMPARE(row.data(ui::ConversationListModel::PreviewRole).toString(), QStringLiteral("Hola, ¿sigue abierta la vacante?"));
    QCOMPARE(row.data(ui::ConversationListModel::UnreadRole).toInt(), 1);
    QVERIFY(row.data(ui::ConversationListModel::WindowOpenRole).toBool());
    // The window is not in front (offscreen): a notification, and the unread total in the title.
    QTRY_COMPARE(notified.count(), 1);
    QCOMPARE(notified.at(0).at(1).toString(), QStringLiteral("Lucía Pérez"));
    QTRY_COMPARE(window->unreadTotal(), 1);
    QVERIFY(window->windowTitle().startsWith(QStringLiteral("(1) ")));

    // A second message moves nothing but the count; a second contact goes on top.
    m_h->candidateWrites(QStringLiteral("5215512345678"), QStringLiteral("Diego Ramírez"), QStringLiteral("Buenas tardes"));
    QTRY_COMPARE_WITH_TIMEOUT(list->rowCount(), 2, 10000);
    QTRY_COMPARE(list->index(0).data(ui::ConversationListModel::NameRole).toString(), QStringLiteral("Diego Ramírez"));
    QTest::qWait(1100); // WhatsApp's timestamps are whole seconds
    m_h->candidateWrites(QStringLiteral("34611111111"), QStringLiteral("Lucía Pérez"), QStringLiteral("Tengo experiencia"));
    QTRY_COMPARE(list->index(0).data(ui::ConversationListModel::NameRole).toString(), QStringLiteral("Lucía Pérez"));
    QTRY_COMPARE(list->index(0).data(ui::ConversationListModel::UnreadRole).toInt(), 2);
    QTRY_COMPARE(window->unreadTotal(), 3);

    // Opening the chat shows the messages; marking read clears the badge.
    window->conversations()->openConversation(list->index(0).data(ui::ConversationListModel::IdRole).toLongLong());
    ui::ChatPanel *chat = window->conversations()->chat();
    QTRY_COMPARE(chat->model()->rowCount(), 2);
    QCOMPARE(chat->model()->index(1).data(ui::MessageModel::TextRole).toString(), QStringLiteral("Tengo experiencia"));
    QCOMPARE(chat->model()->index(0).data(ui::MessageModel::DayBreakRole).toBool(), true);
    QCOMPARE(chat->model()->index(1).data(ui::MessageModel::DayBreakRole).toBool(), false);
    chat->markRead();
    QTRY_COMPARE(list->index(0).data(ui::ConversationListModel::UnreadRole).toInt(), 0);
    QTRY_COMPARE(window->unreadTotal(), 1);
}

void TestConsole::enterSendsShiftEnterDoesNot()
{
    m_h->candidateWrites(QStringLiteral("34622222222"), QStringLiteral("Ana Gómez"), QStringLiteral("Hola"));
    QTRY_VERIFY(conversationOf(QStringLiteral("34622222222")) > 0);
    auto window = openWindow(m_h->agent.get(), m_h->agentUser);
    window->conversations()->openConversation(conversationOf(QStringLiteral("34622222222")));
    ui::ChatPanel *chat = window->conversations()->chat();
    QTRY_COMPARE(chat->model()->rowCount(), 1);

    chat->composer()->setFocus();
    QTest::keyClicks(chat->composer(), QStringLiteral("Hola Ana,"));
    QTest::keyClick(chat->composer(), Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClicks(chat->composer(), QStringLiteral("¿puedes el jueves?"));
    QCOMPARE(chat->model()->rowCount(), 1); // Shift+Enter did not send
    QCOMPARE(chat->composer()->toPlainText(), QStringLiteral("Hola Ana,\n¿puedes el jueves?"));
    QTest::keyClick(chat->composer(), Qt::Key_Return);
    QTRY_COMPARE(chat->model()->rowCount(), 2);
    QCOMPARE(chat->composer()->toPlainText(), QString());
    const QModelIndex sent = chat->model()->index(1);
    QCOMPARE(sent.data(ui::MessageModel::DirectionRole).value<protocol::Direction>(), protocol::Direction::Outbound);
    QCOMPARE(sent.data(ui::MessageModel::TextRole).toString(), QStringLiteral("Hola Ana,\n¿puedes el jueves?"));
    // It reached the Sandbox as one text message.
    QTRY_COMPARE(m_h->demo->sandbox().lastRequestBody(server::SandboxDemo::phoneNumberId())
                     .value(QStringLiteral("text")).toObject().value(QStringLiteral("body")).toString(),
                 QStringLiteral("Hola Ana,\n¿puedes el jueves?"));
}

void TestConsole::deliveryTicksFollowTheSandbox()
{
    m_h->candidateWrites(QStringLiteral("34633333333"), QStringLiteral("Pablo Ruiz"), QStringLiteral("Hola"));
    QTRY_VERIFY(conversationOf(QStringLiteral("34633333333")) > 0);
    auto window = openWindow(m_h->agent.get(), m_h->agentUser);
    QTRY_VERIFY(window->events()->state() == client::EventStream::State::Connected);
    window->conversations()->openConversation(conversationOf(QStringLiteral("34633333333")));
    ui::ChatPanel *chat = window->conversations()->chat();
    QTRY_COMPARE(chat->model()->rowCount(), 1);
    chat->composer()->setPlainText(QStringLiteral("¿Cuándo puedes venir?"));
    chat->sendText();
    QTRY_COMPARE(chat->model()->rowCount(), 2);
    // queued → sent → delivered → read, each from a live event.
    QSet<QString> seen;
    QTRY_VERIFY_WITH_TIMEOUT((seen.insert(statusOf(chat->model()->index(1))),
                              statusOf(chat->model()->index(1)) == QLatin1String("read")), 15000);
    QVERIFY(seen.contains(QStringLiteral("read")));
}

void TestConsole::failedSendShowsMetaReasonAndRetries()
{
    m_h->candidateWrites(QStringLiteral("34644444444"), QStringLiteral("Marta Díaz"), QStringLiteral("Hola"));
    QTRY_VERIFY(conversationOf(QStringLiteral("34644444444")) > 0);
    auto window = openWindow(m_h->agent.get(), m_h->agentUser);
    QTRY_VERIFY(window->events()->state() == client::EventStream::State::Connected);
    window->conversations()->openConversation(conversationOf(QStringLiteral("34644444444")));
    ui::ChatPanel *chat = window->conversations()->chat();
    QTRY_COMPARE(chat->model()->rowCount(), 1);
    // Meta refuses the recipient (131026: message undeliverable).
    m_h->demo->sandbox().injectFailure(server::SandboxDemo::phoneNumberId(), 131026);
    chat->composer()->setPlainText(QStringLiteral("Te esperamos el lunes"));
    chat->sendText();
    QTRY_COMPARE(chat->model()->rowCount(), 2);
    const QModelIndex failed = chat->model()->index(1);
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(failed), QStringLiteral("failed"), 15000);
    QVERIFY2(failed.data(ui::MessageModel::ErrorRole).toString().contains(QStringLiteral("131026")),
             qPrintable(failed.data(ui::MessageModel::ErrorRole).toString()));
    // In the console's words (translated), not Meta's English ("Message undeliverable").
    QVERIFY2(failed.data(ui::MessageModel::ErrorRole).toString().startsWith(QStringLiteral("The number cannot receive WhatsApp messages")),
             qPrintable(failed.data(ui::MessageModel::ErrorRole).toString()));
    ui::ConsoleController::applyLanguage(QStringLiteral("es"));
    const QString spanish = failed.data(ui::MessageModel::ErrorRole).toString();
    ui::ConsoleController::applyLanguage(QStringLiteral("en"));
    QVERIFY2(spanish.startsWith(QStringLiteral("El número no puede recibir mensajes de WhatsApp")), qPrintable(spanish));
    chat->retry(failed.data(ui::MessageModel::IdRole).toLongLong());
    QTRY_VERIFY_WITH_TIMEOUT(statusOf(chat->model()->index(1)) != QLatin1String("failed"), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(chat->model()->index(1).data(ui::MessageModel::ErrorRole).toString(), QString(), 10000);
}

void TestConsole::windowClosedComposerOffersTemplates()
{
    auto window = openWindow(m_h->agent.get(), m_h->agentUser);
    ui::ConversationsPage *page = window->conversations();
    QSignalSpy opened(page, &ui::ConversationsPage::conversationOpened);
    page->startConversation(QStringLiteral("+34 655 555 555"), QStringLiteral("Raúl Soto"));
    QTRY_COMPARE(opened.count(), 1);
    ui::ChatPanel *chat = page->chat();
    QVERIFY(!chat->windowOpen());
    auto *stack = chat->findChild<QStackedWidget *>();
    QVERIFY(stack);
    QCOMPARE(stack->currentIndex(), 1); // the closed-window panel, not the text box
    auto *closed = stack->currentWidget()->findChild<QLabel *>();
    QVERIFY(closed->text().contains(QStringLiteral("Raúl Soto")));
    QVERIFY(closed->text().contains(QStringLiteral("template")));
    // A free text sent anyway (e.g. from a stale view) is refused by the server and kept.
    chat->composer()->setPlainText(QStringLiteral("Hola"));
    chat->sendText();
    QTRY_VERIFY(chat->noticeText().contains(QStringLiteral("window is closed")));
    QCOMPARE(chat->composer()->toPlainText(), QStringLiteral("Hola"));
}

void TestConsole::templatePickerFillsParametersAndSends()
{
    QVERIFY(!test::await(m_h->admin->post(QStringLiteral("api/whatsapp/templates/sync"))).isEmpty());
    auto window = openWindow(m_h->agent.get(), m_h->agentUser);
    ui::ConversationsPage *page = window->conversations();
    QSignalSpy opened(page, &ui::ConversationsPage::conversationOpened);
    page->startConversation(QStringLiteral("+34 666 666 666"), QStringLiteral("Elena Vidal"));
    QTRY_COMPARE(opened.count(), 1);
    ui::ChatPanel *chat = page->chat();

    bool sawPreview = false;
    QString problem;
    chat->chooseTemplate();
    [&] {
        auto *dialog = chat->findChild<ui::TemplatePickerDialog *>();
        if (!dialog) {
            problem = QStringLiteral("no picker");
            return;
        }
        QSignalSpy loaded(dialog, &ui::TemplatePickerDialog::templatesLoaded);
        if (!loaded.wait(10000)) {
            problem = QStringLiteral("templates not loaded");
            dialog->reject();
            return;
        }
        auto *name = dialog->findChildren<QComboBox *>().at(0);
        // A template with a body placeholder.
        int withParameter = -1;
        for (int i = 0; i < name->count() && withParameter < 0; ++i) {
            name->setCurrentIndex(i);
            if (!dialog->findChildren<QLineEdit *>().isEmpty())
                withParameter = i;
        }
        if (withParameter < 0) {
            problem = QStringLiteral("no template with parameters");
            dialog->reject();
            return;
        }
        const auto fields = dialog->findChildren<QLineEdit *>();
        for (QLineEdit *f : fields)
            f->setText(QStringLiteral("Elena"));
        sawPreview = dialog->previewText().contains(QStringLiteral("Elena")) && !dialog->previewText().contains(QStringLiteral("{{"));
        QTest::qWait(50); // fields added while shown appear on the next turn of the event loop
        saveScreenshot(*dialog, QStringLiteral("template-picker-en"));
        dialog->accept();
    }();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY(sawPreview);
    QTRY_COMPARE(chat->model()->rowCount(), 1);
    QCOMPARE(chat->model()->index(0).data(ui::MessageModel::TypeRole).toString(), QStringLiteral("template"));
    // The chat shows what Elena received, filled in, not the template's name.
    const QString received = chat->model()->index(0).data(ui::MessageModel::TextRole).toString();
    QVERIFY2(received.contains(QStringLiteral("Elena")) && !received.contains(QStringLiteral("{{")), qPrintable(received));
    QTRY_VERIFY_WITH_TIMEOUT(statusOf(chat->model()->index(0)) != QLatin1String("queued"), 10000);
    QVERIFY2(statusOf(chat->model()->index(0)) != QLatin1String("failed"),
             qPrintable(chat->model()->index(0).data(ui::MessageModel::ErrorRole).toString()));
}

void TestConsole::newConversationValidatesThePhoneNumber()
{
    auto window = openWindow(m_h->agent.get(), m_h->agentUser);
    ui::ConversationsPage *page = window->conversations();
    QSignalSpy failed(page, &ui::ConversationsPage::startFailed);
    QSignalSpy opened(page, &ui::ConversationsPage::conversationOpened);
    page->startConversation(QStringLiteral("12"), QString());
    QTRY_COMPARE(failed.count(), 1);
    QVERIFY(failed.at(0).at(0).toString().contains(QStringLiteral("country code")));
    QCOMPARE(opened.count(), 0);
    page->startConversation(QStringLiteral("+52 1 55 1234 5678"), QString());
    QTRY_COMPARE(opened.count(), 1);
    QVERIFY(page->chat()->conversation().phone.startsWith(QStringLiteral("+52")));

    // The dialog: its error makes room for itself, and goes when the number
    // is corrected.
    page->newConversation();
    QDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = page->findChild<QDialog *>(QStringLiteral("newConversation"))) && dialog->isVisible());
    auto *phone = dialog->findChild<QLineEdit *>(QStringLiteral("phone"));
    auto *error = dialog->findChild<QLabel *>(QStringLiteral("error"));
    QVERIFY(phone && error);
    const int before = dialog->height();
    phone->setText(QStringLiteral("12"));
    dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel)->setFocus();
    for (QAbstractButton *b : dialog->findChild<QDialogButtonBox *>()->buttons())
        if (b->text() == QLatin1String("Start"))
            b->click();
    QTRY_VERIFY(error->isVisible());
    QTest::qWait(50); // the layout settles on the next turn of the event loop
    saveScreenshot(*dialog, QStringLiteral("new-conversation-error-en"));
    // Nothing covered: the error sits between the hint and the buttons, whole.
    QVERIFY2(dialog->height() >= before, qPrintable(QStringLiteral("%1 < %2").arg(dialog->height()).arg(before)));
    auto *hint = dialog->findChild<QLabel *>(QStringLiteral("hint"));
    QVERIFY(hint);
    QVERIFY(error->geometry().top() > hint->geometry().bottom());
    QVERIFY(error->geometry().bottom() < dialog->findChild<QDialogButtonBox *>()->geometry().top());
    QVERIFY(error->height() >= error->heightForWidth(error->width()));
    QTest::keyClick(phone, Qt::Key_3);
    QVERIFY(!error->isVisible());
    dialog->reject();
}

void TestConsole::reconnectResumesWithoutGapsOrDuplicates()
{
    m_h->candidateWrites(QStringLiteral("34677777777"), QStringLiteral("Irene Sanz"), QStringLiteral("uno"));
    QTRY_VERIFY(conversationOf(QStringLiteral("34677777777")) > 0);
    auto window = openWindow(m_h->agent.get(), m_h->agentUser);
    client::EventStream *events = window->events();
    QTRY_VERIFY(events->state() == client::EventStream::State::Connected);
    window->conversations()->openConversation(conversationOf(QStringLiteral("34677777777")));
    ui::ChatPanel *chat = window->conversations()->chat();
    QTRY_COMPARE(chat->model()->rowCount(), 1);

    // Cut the line; while it is down the candidate writes three times.
    events->setReconnectDelays(1500, 1500);
    events->dropConnection();
    QTRY_VERIFY(events->state() == client::EventStream::State::Reconnecting);
    QVERIFY(window->offlineBannerVisible());
    QVERIFY(window->serverStatusText().contains(QStringLiteral("No connection")));
    for (const QString &text : {QStringLiteral("dos"), QStringLiteral("tres"), QStringLiteral("cuatro")})
        m_h->candidateWrites(QStringLiteral("34677777777"), QStringLiteral("Irene Sanz"), text);
    QTest::qWait(300);
    QCOMPARE(chat->model()->rowCount(), 1); // nothing arrives while down
    QTRY_VERIFY_WITH_TIMEOUT(events->state() == client::EventStream::State::Connected, 10000);
    QTRY_COMPARE(chat->model()->rowCount(), 4);
    QStringList texts;
    for (int i = 0; i < 4; ++i)
        texts << chat->model()->index(i).data(ui::MessageModel::TextRole).toString();
    // Meta's timestamps are whole seconds: same-second messages keep the server's order.
    QCOMPARE(texts.first(), QStringLiteral("uno"));
    texts.sort();
    QCOMPARE(texts, (QStringList{QStringLiteral("cuatro"), QStringLiteral("dos"), QStringLiteral("tres"), QStringLiteral("uno")}));
    QVERIFY(!window->offlineBannerVisible());
    QTest::qWait(300);
    QCOMPARE(chat->model()->rowCount(), 4); // and nothing twice
}

void TestConsole::offlineSendIsRefusedAndTextKept()
{
    m_h->candidateWrites(QStringLiteral("34688888888"), QStringLiteral("Tomás León"), QStringLiteral("Hola"));
    QTRY_VERIFY(conversationOf(QStringLiteral("34688888888")) > 0);
    auto window = openWindow(m_h->agent.get(), m_h->agentUser);
    client::EventStream *events = window->events();
    QTRY_VERIFY(events->state() == client::EventStream::State::Connected);
    window->conversations()->openConversation(conversationOf(QStringLiteral("34688888888")));
    ui::ChatPanel *chat = window->conversations()->chat();
    QTRY_COMPARE(chat->model()->rowCount(), 1);
    events->setReconnectDelays(60000, 60000);
    events->dropConnection();
    QTRY_VERIFY(window->offlineBannerVisible());
    chat->composer()->setPlainText(QStringLiteral("¿Sigues interesado?"));
    QTest::keyClick(chat->composer(), Qt::Key_Return);
    QVERIFY(chat->noticeText().contains(QStringLiteral("No connection")));
    QCOMPARE(chat->composer()->toPlainText(), QStringLiteral("¿Sigues interesado?"));
    QTest::qWait(200);
    QCOMPARE(chat->model()->rowCount(), 1);
    for (const auto &send : m_h->demo->sandbox().sendLog())
        QVERIFY(send.type != QLatin1String("text"));
}

// Issue 23, bug 7: while the server is away the header's actions wait, the
// WhatsApp light is not left green, a refusal says what did not happen
// (archiving is "not saved", not "not sent… kept here"), and a notice that
// only said the server was away goes when it is back.
void TestConsole::offlineNoticesSayWhatHappenedAndClearWhenBack()
{
    m_h->candidateWrites(QStringLiteral("34688888899"), QStringLiteral("Rocío Vidal"), QStringLiteral("Hola"));
    QTRY_VERIFY(conversationOf(QStringLiteral("34688888899")) > 0);
    auto window = openWindow(m_h->agent.get(), m_h->agentUser);
    client::EventStream *events = window->events();
    QTRY_VERIFY(events->state() == client::EventStream::State::Connected);
    QTRY_VERIFY(window->whatsAppStatusText().startsWith(QStringLiteral("Connected via Business API")));
    window->conversations()->openConversation(conversationOf(QStringLiteral("34688888899")));
    ui::ChatPanel *chat = window->conversations()->chat();
    QTRY_COMPARE(chat->model()->rowCount(), 1);
    auto button = [chat](const QString &text) {
        for (QToolButton *b : chat->findChildren<QToolButton *>())
            if (b->text() == text)
                return b;
        return static_cast<QToolButton *>(nullptr);
    };
    QVERIFY(button(QStringLiteral("Archive")) && button(QStringLiteral("Archive"))->isEnabled());

    events->setReconnectDelays(1500, 1500);
    events->dropConnection();
    QTRY_VERIFY(window->offlineBannerVisible());
    QVERIFY2(window->whatsAppStatusText().contains(QStringLiteral("unknown")), qPrintable(window->whatsAppStatusText()));
    for (const QString &action : {QStringLiteral("Archive"), QStringLiteral("Block"), QStringLiteral("Assign")})
        QVERIFY2(!button(action)->isEnabled(), qPrintable(action));
    chat->composer()->setPlainText(QStringLiteral("¿Sigues interesada?"));
    QTest::keyClick(chat->composer(), Qt::Key_Return);
    QVERIFY(chat->noticeText().contains(QStringLiteral("No connection")));
    window->resize(1180, 720);
    saveScreenshot(*window, QStringLiteral("console-offline-en"));

    // Back: the notice and the unknown light go by themselves; the text stays.
    QTRY_VERIFY_WITH_TIMEOUT(events->state() == client::EventStream::State::Connected, 10000);
    QTRY_COMPARE(chat->noticeText(), QString());
    QCOMPARE(chat->composer()->toPlainText(), QStringLiteral("¿Sigues interesada?"));
    QTRY_VERIFY(window->whatsAppStatusText().startsWith(QStringLiteral("Connected via Business API")));
    QVERIFY(button(QStringLiteral("Archive"))->isEnabled());

    // A change the server never got (it went away between the click and
    // the request) says so in its own words.
    client::ApiClient nowhere(QUrl(QStringLiteral("http://127.0.0.1:1/")));
    ui::MediaCache media(&nowhere);
    ui::ChatPanel alone(&nowhere, &media);
    protocol::Conversation c;
    c.id = 42;
    c.status = protocol::ConversationStatus::Active;
    alone.showConversation(c);
    alone.show();
    QToolButton *archive = nullptr;
    for (QToolButton *b : alone.findChildren<QToolButton *>())
        if (b->text() == QLatin1String("Archive"))
            archive = b;
    QVERIFY(archive);
    archive->click();
    QTRY_VERIFY(!alone.noticeText().isEmpty());
    QVERIFY2(alone.noticeText().startsWith(QStringLiteral("Not saved: there is no connection to the server")), qPrintable(alone.noticeText()));
    QVERIFY(!alone.noticeText().contains(QStringLiteral("kept here")));
    alone.setOnline(false);
    alone.setOnline(true);
    QCOMPARE(alone.noticeText(), QString());
}

// Issue 23, bug 10: while the pointer is over the list (or just after a
// click) rows do not move as candidates write: changes show in place, new
// rows and moves wait until the pointer leaves.
void TestConsole::listKeepsStillUnderThePointer()
{
    m_h->candidateWrites(QStringLiteral("34611000001"), QStringLiteral("Alba Mora"), QStringLiteral("uno"));
    QTRY_VERIFY(conversationOf(QStringLiteral("34611000001")) > 0);
    m_h->candidateWrites(QStringLiteral("34611000002"), QStringLiteral("Bruno Sanz"), QStringLiteral("dos"));
    QTRY_VERIFY(conversationOf(QStringLiteral("34611000002")) > 0);
    auto window = openWindow(m_h->agent.get(), m_h->agentUser);
    QTRY_VERIFY(window->events()->state() == client::EventStream::State::Connected);
    ui::ConversationListModel *list = window->conversations()->listModel();
    const qint64 alba = conversationOf(QStringLiteral("34611000001")), bruno = conversationOf(QStringLiteral("34611000002"));
    QTRY_VERIFY(list->rowOf(alba) >= 0 && list->rowOf(bruno) >= 0);
    QVERIFY(list->rowOf(bruno) < list->rowOf(alba));
    const int rows = list->rowCount();

    QWidget *viewport = window->conversations()->listView()->viewport();
    QEnterEvent enter(QPointF(10, 10), QPointF(10, 10), QPointF(10, 10));
    QCoreApplication::sendEvent(viewport, &enter);
    QVERIFY(list->isHeld());
    QTest::qWait(1100); // a later second: Meta's timestamps are whole seconds
    m_h->candidateWrites(QStringLiteral("34611000001"), QStringLiteral("Alba Mora"), QStringLiteral("tres"));
    m_h->candidateWrites(QStringLiteral("34611000003"), QStringLiteral("Carla Pons"), QStringLiteral("hola"));
    QTRY_COMPARE(list->index(list->rowOf(alba)).data(ui::ConversationListModel::PreviewRole).toString(), QStringLiteral("tres"));
    QTest::qWait(500);
    QVERIFY(list->rowOf(bruno) < list->rowOf(alba)); // still where it was
    QCOMPARE(list->rowCount(), rows);                 // Carla waits

    QEvent leave(QEvent::Leave);
    QCoreApplication::sendEvent(viewport, &leave);
    QVERIFY(!list->isHeld());
    QCOMPARE(list->rowCount(), rows + 1);
    QVERIFY(list->rowOf(conversationOf(QStringLiteral("34611000003"))) >= 0);
    QVERIFY(list->rowOf(alba) < list->rowOf(bruno));
}

void TestConsole::expiredSessionEndsTheWindow()
{
    auto window = openWindow(m_h->agent.get(), m_h->agentUser);
    QTRY_VERIFY(window->events()->state() == client::EventStream::State::Connected);
    QSignalSpy ended(window.get(), &ui::MainWindow::sessionEnded);
    // The session ends elsewhere (signed out from another place).
    auto other = std::make_unique<client::ApiClient>(m_h->baseUrl());
    other->setToken(m_h->agent->token());
    test::await(other->post(QStringLiteral("api/auth/logout")));
    window->refreshWhatsAppStatus();
    QTRY_COMPARE(ended.count(), 1);
    QVERIFY(ended.at(0).at(0).toString().contains(QStringLiteral("Sign in again")));
}

void TestConsole::olderHistoryLoadsWhenScrollingUp()
{
    for (int i = 0; i < 130; ++i)
        m_h->candidateWrites(QStringLiteral("34699999999"), QStringLiteral("Nuria Gil"), QStringLiteral("mensaje %1").arg(i));
    QTRY_VERIFY_WITH_TIMEOUT(test::await(m_h->agent->get(QStringLiteral("api/whatsapp/conversations"))).value(QStringLiteral("unread_total")).toInt() == 130,
                             20000);
    auto window = openWindow(m_h->agent.get(), m_h->agentUser);
    window->resize(1100, 700);
    window->conversations()->openConversation(conversationOf(QStringLiteral("34699999999")));
    ui::ChatPanel *chat = window->conversations()->chat();
    QTRY_COMPARE(chat->model()->rowCount(), 50);
    QTRY_VERIFY(chat->view()->isAtBottom());
    // The newest page (same-second messages keep the server's order).
    QVERIFY(chat->model()->index(49).data(ui::MessageModel::TextRole).toString().startsWith(QStringLiteral("mensaje 12")));
    // Scrolling to the top pages older messages in above, keeping the place.
    const QString topBefore = chat->model()->index(0).data(ui::MessageModel::TextRole).toString();
    chat->view()->scrollToTop();
    QTRY_COMPARE(chat->model()->rowCount(), 100);
    QCOMPARE(chat->model()->index(50).data(ui::MessageModel::TextRole).toString(), topBefore);
    QTRY_VERIFY(chat->view()->indexAt(QPoint(20, 20)).row() >= 45); // the view did not jump to the oldest
    chat->view()->scrollToTop();
    QTRY_COMPARE(chat->model()->rowCount(), 130);
    QSet<QString> distinct;
    for (int i = 0; i < 130; ++i)
        distinct.insert(chat->model()->index(i).data(ui::MessageModel::TextRole).toString());
    QCOMPARE(distinct.size(), 130);
    QVERIFY(!chat->model()->canFetchMore({}));
}

void TestConsole::modelsPassTheModelTester()
{
    for (int i = 0; i < 3; ++i)
        m_h->candidateWrites(QStringLiteral("3460000000%1").arg(i), QStringLiteral("Persona %1").arg(i), QStringLiteral("hola %1").arg(i));
    QTRY_VERIFY(conversationOf(QStringLiteral("34600000002")) > 0);
    ui::ConversationListModel list(m_h->agent.get());
    QAbstractItemModelTester listTester(&list, QAbstractItemModelTester::FailureReportingMode::QtTest);
    listTester.setUseFetchMore(true);
    list.setFilter({});
    QTRY_COMPARE(list.rowCount(), 3);
    ui::MessageModel messages(m_h->agent.get());
    messages.setPageSize(2);
    QAbstractItemModelTester messageTester(&messages, QAbstractItemModelTester::FailureReportingMode::QtTest);
    messageTester.setUseFetchMore(true);
    for (int i = 0; i < 4; ++i)
        m_h->candidateWrites(QStringLiteral("34600000000"), QStringLiteral("Persona 0"), QStringLiteral("más %1").arg(i));
    const qint64 persona0 = conversationOf(QStringLiteral("34600000000"));
    QTRY_VERIFY_WITH_TIMEOUT(test::await(m_h->agent->get(QStringLiteral("api/whatsapp/conversations/%1/messages").arg(persona0)))
                                 .value(QStringLiteral("items")).toArray().size() == 5, 10000);
    // A live update moves a conversation to the top.
    auto last = list.index(2).data(ui::ConversationListModel::ConversationRole).value<protocol::Conversation>();
    last.lastMessageAt = QDateTime::currentMSecsSinceEpoch() + 60000;
    list.applyConversation(last);
    QCOMPARE(list.index(0).data(ui::ConversationListModel::IdRole).toLongLong(), last.id);
    QCOMPARE(list.rowCount(), 3);
    messages.open(persona0);
    // The first page holds two; the tester itself may already page further.
    QTRY_VERIFY(messages.rowCount() >= 2);
    while (messages.canFetchMore({}) || messages.isLoading()) {
        messages.fetchMore({});
        QTest::qWait(20);
    }
    QCOMPARE(messages.rowCount(), 5);
    // Live changes under the tester: a new message and a status update.
    m_h->candidateWrites(QStringLiteral("34600000000"), QStringLiteral("Persona 0"), QStringLiteral("último"));
    protocol::Message copy = messages.message(4);
    copy.id += 1000;
    copy.timestamp += 1;
    messages.applyMessage(copy);
    QCOMPARE(messages.rowCount(), 6);
    list.reload();
    QTRY_COMPARE(list.rowCount(), 3);
}

void TestConsole::navigationFollowsTheRole()
{
    auto agentWindow = openWindow(m_h->agent.get(), m_h->agentUser);
    QCOMPARE(agentWindow->isAdmin(), false);
    QVERIFY(!agentWindow->navigationItems().contains(QStringLiteral("WhatsApp")));
    auto adminWindow = openWindow(m_h->admin.get(), m_h->adminUser);
    QCOMPARE(adminWindow->isAdmin(), true);
    QVERIFY(adminWindow->navigationItems().contains(QStringLiteral("WhatsApp")));
    // The status line names the connection.
    QTRY_VERIFY(agentWindow->whatsAppStatusText().contains(QStringLiteral("Business API")));
    QTRY_VERIFY(agentWindow->serverStatusText().contains(QStringLiteral("Connected")));
}

void TestConsole::controllerDemoLanguageAndSessionEnd()
{
    QCoreApplication::setOrganizationName(QStringLiteral("PuenteTest-%1").arg(QCoreApplication::applicationPid()));
    QSettings().clear();
    ui::LocalMode local;
    int starts = 0;
    local.start = [this, &starts](bool demo) -> Result<QUrl> {
        ++starts;
        if (!demo)
            return makeError("unexpected", QStringLiteral("the demo was asked for"));
        return m_h->baseUrl();
    };
    local.needsSetup = [] { return false; };
    local.demoAccounts = [this] { return ui::LocalMode::DemoAccounts{m_h->accounts.agentEmail, m_h->accounts.adminEmail, m_h->accounts.password}; };
    ui::ConsoleController console(local);
    console.start(true);
    // Straight into the demo, signed in as its recruiter.
    QTRY_VERIFY(console.mainWindow() && console.mainWindow()->isVisible());
    QCOMPARE(starts, 1);
    QCOMPARE(console.mainWindow()->isAdmin(), false);
    QVERIFY(console.mainWindow()->navigationItems().contains(QStringLiteral("Conversations")));

    // Switching to Spanish rebuilds the window in Spanish, same session,
    // and the recruiter's work stays: the open chat, its draft, the search.
    m_h->candidateWrites(QStringLiteral("34616161616"), QStringLiteral("Sara Molina"), QStringLiteral("Hola"));
    QTRY_VERIFY(conversationOf(QStringLiteral("34616161616")) > 0);
    const qint64 sara = conversationOf(QStringLiteral("34616161616"));
    ui::MainWindow *before = console.mainWindow();
    before->conversations()->openConversation(sara);
    QTRY_COMPARE(before->conversations()->chat()->conversationId(), sara);
    before->conversations()->chat()->composer()->setPlainText(QStringLiteral("Hola Sara, te escribo por la vacante"));
    before->conversations()->searchField()->setText(QStringLiteral("Sara"));
    Q_EMIT before->languageChangeRequested(QStringLiteral("es"));
    QTRY_VERIFY(console.mainWindow() && console.mainWindow() != before);
    QVERIFY(console.mainWindow()->navigationItems().contains(QStringLiteral("Conversaciones")));
    ui::ConversationsPage *after = console.mainWindow()->conversations();
    QTRY_COMPARE(after->chat()->conversationId(), sara);
    QCOMPARE(after->chat()->composer()->toPlainText(), QStringLiteral("Hola Sara, te escribo por la vacante"));
    QCOMPARE(after->searchField()->text(), QStringLiteral("Sara"));
    QTRY_VERIFY(console.mainWindow()->events()->state() == client::EventStream::State::Connected);
    ui::ConsoleController::applyLanguage(QStringLiteral("en"));

    // The session ends elsewhere: back to sign-in, saying why.
    auto other = std::make_unique<client::ApiClient>(m_h->baseUrl());
    QJsonObject login = test::await(other->post(QStringLiteral("api/auth/login"),
                                                {{QStringLiteral("email"), m_h->accounts.agentEmail}, {QStringLiteral("password"), m_h->accounts.password}}));
    QVERIFY(login.contains(QStringLiteral("token")));
    // Deactivating the agent ends every one of their sessions.
    const qint64 agentId = m_h->agentUser.id;
    QVERIFY(!test::await(m_h->admin->patch(QStringLiteral("api/users/%1").arg(agentId), {{QStringLiteral("active"), false}})).isEmpty());
    // The next request notices it (unless the event stream already has,
    // and the window is gone).
    if (ui::MainWindow *window = console.mainWindow())
        window->refreshWhatsAppStatus();
    ui::SignInDialog *signIn = nullptr;
    QTRY_VERIFY((signIn = [] {
        for (QWidget *w : QApplication::topLevelWidgets())
            if (auto *d = qobject_cast<ui::SignInDialog *>(w); d && d->isVisible())
                return d;
        return static_cast<ui::SignInDialog *>(nullptr);
    }()));
    QVERIFY(signIn->findChild<QLabel *>() != nullptr);
    bool reasonShown = false;
    for (QLabel *label : signIn->findChildren<QLabel *>())
        reasonShown = reasonShown || label->text().contains(QStringLiteral("session has ended"));
    QVERIFY(reasonShown);
    QTRY_VERIFY(!console.mainWindow());
    // Signed out of the demo, "this computer" is still the demo, and its
    // accounts are shown: the administrator signs in there.
    auto *note = signIn->findChild<QLabel *>(QStringLiteral("localNote"));
    QVERIFY(note && note->isVisible());
    QVERIFY2(note->text().contains(m_h->accounts.adminEmail), qPrintable(note->text()));
    QVERIFY(signIn->isLocal());
    signIn->findChild<QLineEdit *>(QStringLiteral("email"))->setText(m_h->accounts.adminEmail);
    signIn->findChild<QLineEdit *>(QStringLiteral("password"))->setText(m_h->accounts.password);
    signIn->findChild<QPushButton *>(QStringLiteral("signIn"))->click();
    QTRY_VERIFY(console.mainWindow() && console.mainWindow()->isVisible());
    QVERIFY(console.mainWindow()->isAdmin());
    QCOMPARE(starts, 1);
    QSettings().clear();
}

void TestConsole::attachSendsAFile()
{
    m_h->candidateWrites(QStringLiteral("34612121212"), QStringLiteral("Rosa Prieto"), QStringLiteral("¿Me mandas la oferta?"));
    QTRY_VERIFY(conversationOf(QStringLiteral("34612121212")) > 0);
    auto window = openWindow(m_h->agent.get(), m_h->agentUser);
    window->conversations()->openConversation(conversationOf(QStringLiteral("34612121212")));
    ui::ChatPanel *chat = window->conversations()->chat();
    QTRY_COMPARE(chat->model()->rowCount(), 1);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("oferta.pdf"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    file.close();
    chat->composer()->setPlainText(QStringLiteral("Aquí tienes la oferta"));
    chat->attachFile(path);
    QTRY_COMPARE_WITH_TIMEOUT(chat->model()->rowCount(), 2, 10000);
    const QModelIndex sent = chat->model()->index(1);
    QCOMPARE(sent.data(ui::MessageModel::TypeRole).toString(), QStringLiteral("document"));
    QCOMPARE(sent.data(ui::MessageModel::MessageRole).value<protocol::Message>().media.value_or(protocol::MessageMedia{}).filename, QStringLiteral("oferta.pdf"));
    QCOMPARE(sent.data(ui::MessageModel::TextRole).toString(), QStringLiteral("Aquí tienes la oferta"));
    QCOMPARE(chat->composer()->toPlainText(), QString()); // the text went as the caption
    // Meta got a document (the read receipt for the chat may reach it after).
    auto documentSent = [this] {
        const QList<sandbox::Sandbox::SendRecord> log = m_h->demo->sandbox().sendLog();
        return std::any_of(log.cbegin(), log.cend(), [](const auto &send) { return send.type == QLatin1String("document") && send.httpStatus == 200; });
    };
    QTRY_VERIFY(documentSent());
    // Without a caption the list names the file, not "[document]".
    ui::ConversationListModel *list = window->conversations()->listModel();
    const int row = list->rowOf(conversationOf(QStringLiteral("34612121212")));
    QTRY_COMPARE(list->index(row).data(ui::ConversationListModel::PreviewRole).toString(), QStringLiteral("Aquí tienes la oferta"));
    chat->attachFile(path);
    QTRY_COMPARE_WITH_TIMEOUT(chat->model()->rowCount(), 3, 10000);
    QTRY_COMPARE(list->index(list->rowOf(conversationOf(QStringLiteral("34612121212")))).data(ui::ConversationListModel::PreviewRole).toString(),
                 QStringLiteral("📄 oferta.pdf"));
    // Media without words reads in the console's language.
    QCOMPARE(ui::ConversationListModel::previewText(QStringLiteral("[image]")), QStringLiteral("📷 Photo"));
    QCOMPARE(ui::ConversationListModel::previewText(QStringLiteral("[template: hello_world]")), QStringLiteral("Template hello_world"));
    QCOMPARE(ui::ConversationListModel::previewText(QStringLiteral("[no es un tipo]")), QStringLiteral("[no es un tipo]"));
    // A file WhatsApp does not take is refused with the reason, nothing sent.
    const QString bad = dir.filePath(QStringLiteral("programa.exe"));
    QFile exe(bad);
    QVERIFY(exe.open(QIODevice::WriteOnly));
    exe.write(QByteArray("MZ") + QByteArray(64, '\0'));
    exe.close();
    chat->attachFile(bad);
    QTRY_VERIFY(chat->noticeText().contains(QStringLiteral("programa.exe")));
    QCOMPARE(chat->model()->rowCount(), 3);
}

void TestConsole::archiveAndAssignMoveTheConversation()
{
    m_h->candidateWrites(QStringLiteral("34613131314"), QStringLiteral("Lola Vega"), QStringLiteral("Buenas"));
    QTRY_VERIFY(conversationOf(QStringLiteral("34613131314")) > 0);
    QTest::qWait(1100); // Óscar's message a second later: first in the list
    m_h->candidateWrites(QStringLiteral("34613131313"), QStringLiteral("Óscar Peña"), QStringLiteral("Hola"));
    QTRY_VERIFY(conversationOf(QStringLiteral("34613131313")) > 0);
    auto window = openWindow(m_h->agent.get(), m_h->agentUser);
    ui::ConversationsPage *page = window->conversations();
    QTRY_COMPARE(page->listModel()->rowCount(), 2);
    page->openConversation(conversationOf(QStringLiteral("34613131313")));
    ui::ChatPanel *chat = page->chat();
    QTRY_VERIFY(chat->conversationId() > 0);
    const qint64 oscar = chat->conversationId();
    // Archiving with the "Active" filter: the chat leaves the list, and its
    // neighbour is not opened (nor marked read) in its place.
    const qint64 lola = conversationOf(QStringLiteral("34613131314"));
    page->listView()->setFocus();
    for (QToolButton *b : chat->findChildren<QToolButton *>())
        if (b->text() == QLatin1String("Archive"))
            b->click();
    QTRY_COMPARE(page->listModel()->rowCount(), 1);
    QTest::qWait(300);
    QCOMPARE(chat->conversationId(), oscar);
    QCOMPARE(page->listModel()->conversation(lola)->unreadCount, 1);
    for (QToolButton *b : chat->findChildren<QToolButton *>())
        if (b->text() == QLatin1String("Unarchive"))
            b->click();
    QTRY_COMPARE(page->listModel()->rowCount(), 2);
    // "Mine" shows nothing until it is assigned to me.
    page->assignedFilter()->setCurrentIndex(page->assignedFilter()->findData(QStringLiteral("me")));
    QTRY_COMPARE(page->listModel()->rowCount(), 0);
    QToolButton *assign = nullptr;
    for (QToolButton *b : chat->findChildren<QToolButton *>())
        if (b->menu() && b->text() == QLatin1String("Assign"))
            assign = b;
    QVERIFY(assign);
    assign->menu()->actions().at(0)->trigger(); // assign to me
    QTRY_COMPARE(chat->conversation().assignedUserId.value_or(0), m_h->agentUser.id);
    QTRY_COMPARE(page->listModel()->rowCount(), 1);
    QCOMPARE(chat->conversation().assignedUserId.value_or(0), m_h->agentUser.id);
    // Archiving takes it out of the active list; the archived filter shows it.
    QToolButton *archive = nullptr;
    for (QToolButton *b : chat->findChildren<QToolButton *>())
        if (b->text() == QLatin1String("Archive"))
            archive = b;
    QVERIFY(archive);
    archive->click();
    QTRY_COMPARE(page->listModel()->rowCount(), 0);
    QCOMPARE(archive->text(), QStringLiteral("Unarchive"));
    page->statusFilter()->setCurrentIndex(page->statusFilter()->findData(QVariant::fromValue(protocol::ConversationStatus::Archived)));
    QTRY_COMPARE(page->listModel()->rowCount(), 1);
}

void TestConsole::optedOutContactIsShownAndCanBeAllowedAgain()
{
    m_h->candidateWrites(QStringLiteral("34613131399"), QStringLiteral("Rita Sol"), QStringLiteral("Hola"));
    QTRY_VERIFY(conversationOf(QStringLiteral("34613131399")) > 0);
    auto window = openWindow(m_h->agent.get(), m_h->agentUser);
    ui::ConversationsPage *page = window->conversations();
    page->openConversation(conversationOf(QStringLiteral("34613131399")));
    ui::ChatPanel *chat = page->chat();
    QTRY_VERIFY(chat->conversationId() > 0);
    QToolButton *optedOut = nullptr;
    for (QToolButton *b : chat->findChildren<QToolButton *>())
        if (b->text() == QLatin1String("No automatic notices"))
            optedOut = b;
    QVERIFY(optedOut);
    QVERIFY(!optedOut->isVisibleTo(chat));
    // "BAJA" opts the contact out (the server's notification worker); the
    // header says so live.
    m_h->candidateWrites(QStringLiteral("34613131399"), QStringLiteral("Rita Sol"), QStringLiteral("BAJA"));
    QTRY_VERIFY_WITH_TIMEOUT(optedOut->isVisibleTo(chat), 15000);
    QVERIFY(chat->conversation().optedOutAt.has_value());
    // The recruiter allows notices again when she asks for them.
    optedOut->menu()->actions().at(0)->trigger();
    QTRY_VERIFY(!optedOut->isVisibleTo(chat));
    QVERIFY(!chat->conversation().optedOutAt.has_value());
}

void TestConsole::platformAdminChoosesACompany()
{
    UserRepository users(m_h->server.context->database());
    QVERIFY(users.create({TenantId(), QStringLiteral("ops@puente.example"), QStringLiteral("Operaciones"), Role::PlatformAdmin,
                          m_h->accounts.password}, Actor(QStringLiteral("test"))));
    protocol::Me opsUser;
    auto ops = m_h->signIn(QStringLiteral("ops@puente.example"), &opsUser);
    QVERIFY(ops);
    m_h->candidateWrites(QStringLiteral("34614141414"), QStringLiteral("Pilar Campos"), QStringLiteral("Hola"));
    QTRY_VERIFY(conversationOf(QStringLiteral("34614141414")) > 0);
    {
        auto window = openWindow(ops.get(), opsUser);
        QVERIFY(window->tenantChooser());
        QTRY_VERIFY(window->tenantChooser()->findData(m_h->accounts.tenantSlug) > 0);
        QCOMPARE(window->events()->state(), client::EventStream::State::Stopped); // no company yet
        QVERIFY(window->serverStatusText().contains(QStringLiteral("Choose a company")));
        QSignalSpy chosen(window.get(), &ui::MainWindow::actingTenantChosen);
        Q_EMIT window->tenantChooser()->activated(window->tenantChooser()->findData(m_h->accounts.tenantSlug));
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(chosen.at(0).at(0).toString(), m_h->accounts.tenantSlug);
    }
    ops->setActingTenant(m_h->accounts.tenantSlug);
    auto window = openWindow(ops.get(), opsUser);
    QTRY_COMPARE(window->conversations()->listModel()->rowCount(), 1);
    // Live events of that company reach the platform admin too.
    QTRY_VERIFY(window->events()->state() == client::EventStream::State::Connected);
    m_h->candidateWrites(QStringLiteral("34615151515"), QStringLiteral("Jaime Ruiz"), QStringLiteral("Buenas"));
    QTRY_COMPARE_WITH_TIMEOUT(window->conversations()->listModel()->rowCount(), 2, 10000);
}

namespace {
// A sample export copied under the name WhatsApp gives it (the contact's
// number is in it).
QString copySample(const QTemporaryDir &dir, const QString &sample, const QString &as)
{
    const QString path = dir.filePath(as);
    QFile::remove(path);
    return QFile::copy(QStringLiteral(PUENTE_FIXTURES_DIR "/chat-exports/") + sample, path) ? path : QString();
}

// The dialog once it has read its file (on a worker thread).
ui::ImportChatDialog *read(ui::ImportChatDialog *dialog)
{
    if (dialog) {
        QSignalSpy done(dialog, &ui::ImportChatDialog::fileRead);
        if (!done.wait(10000))
            return nullptr;
    }
    return dialog;
}

ui::ImportChatDialog *lastImportDialog(QWidget *page)
{
    const auto dialogs = page->findChildren<ui::ImportChatDialog *>();
    for (auto it = dialogs.crbegin(); it != dialogs.crend(); ++it)
        if ((*it)->isVisible())
            return *it;
    return nullptr;
}
} // namespace

void TestConsole::importChatFromTheConversationsTab()
{
    const test::ScreenshotLanguage english(QStringLiteral("en")); // the plurals' English forms
    QVERIFY(english.loaded);
    // Agents do not import: no button, no drops.
    {
        auto agentWindow = openWindow(m_h->agent.get(), m_h->agentUser);
        QVERIFY(agentWindow->conversations()->importButton()->isHidden());
        QVERIFY(!agentWindow->conversations()->acceptDrops());
    }
    auto window = openWindow(m_h->admin.get(), m_h->adminUser);
    ui::ConversationsPage *page = window->conversations();
    QVERIFY(!page->importButton()->isHidden());
    QTemporaryDir dir;
    const QString path = copySample(dir, QStringLiteral("android-es-24h-ddmmyy.txt"), QStringLiteral("Chat de WhatsApp con +34 612 00 00 01.txt"));
    QVERIFY(!path.isEmpty());

    // Read here first: what it is, who wrote, the number from the name.
    ui::ImportChatDialog *dialog = read(page->importChat(path));
    QVERIFY(dialog);
    QVERIFY2(dialog->summary()->text().contains(QStringLiteral("Android export with 28 messages")), qPrintable(dialog->summary()->text()));
    QCOMPARE(dialog->contactField()->text(), QStringLiteral("+34 612 00 00 01"));
    QCOMPARE(dialog->companyChoice()->count(), 3); // "Choose…" and the two authors
    QVERIFY(!dialog->importButton()->isEnabled()); // which author is the company must be said
    dialog->companyChoice()->setCurrentIndex(dialog->companyChoice()->findData(QStringLiteral("Talento Norte RRHH")));
    QVERIFY(dialog->importButton()->isEnabled());
    dialog->importButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(dialog->openButton()->isVisible(), 20000);
    QVERIFY2(dialog->result()->text().contains(QStringLiteral("28 messages imported into the conversation with Ana García (+34\u00A0612\u00A000\u00A000\u00A001).")),
             qPrintable(dialog->result()->text()));
    QVERIFY(dialog->result()->text().contains(QStringLiteral("not included in the export")));
    dialog->openButton()->click();

    // The conversation opens with its history, each message marked.
    ui::ChatPanel *chat = page->chat();
    QTRY_COMPARE_WITH_TIMEOUT(chat->model()->rowCount(), 28, 10000);
    const auto first = chat->model()->index(0).data(ui::MessageModel::MessageRole).value<protocol::Message>();
    QCOMPARE(first.importSource, QStringLiteral("chat-export: Chat de WhatsApp con +34 612 00 00 01.txt"));
    QTRY_VERIFY(page->listModel()->rowOf(chat->conversation().id) >= 0);

    // The same file dropped on the chat: its contact, nothing added twice.
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    const QPoint onChat = chat->mapTo(page, chat->rect().center());
    QDragEnterEvent enter(onChat, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(page, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(onChat), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(page, &drop);
    QTRY_VERIFY(lastImportDialog(page));
    dialog = lastImportDialog(page);
    QTRY_VERIFY(dialog->companyChoice()->count() > 0);
    QCOMPARE(dialog->contactField()->text(), QStringLiteral("+34 612 00 00 01"));
    dialog->companyChoice()->setCurrentIndex(dialog->companyChoice()->findData(QStringLiteral("Talento Norte RRHH")));
    dialog->importButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(dialog->openButton()->isVisible(), 20000);
    QVERIFY2(dialog->result()->text().contains(QStringLiteral("0 messages imported")) &&
                 dialog->result()->text().contains(QStringLiteral("28 messages were already there")),
             qPrintable(dialog->result()->text()));
    dialog->close();

    // A file that is no chat: said at once, nothing to send.
    dialog = read(page->importChat(QStringLiteral(PUENTE_FIXTURES_DIR "/chat-exports/not-a-chat.txt")));
    QVERIFY(dialog->result()->isVisible());
    QVERIFY2(dialog->result()->text().startsWith(QStringLiteral("This file is not a WhatsApp chat export.")), qPrintable(dialog->result()->text()));
    QVERIFY(dialog->importButton()->isHidden());
    dialog->close();
    // A group's chat likewise.
    dialog = read(page->importChat(QStringLiteral(PUENTE_FIXTURES_DIR "/chat-exports/group-es.txt")));
    QVERIFY(dialog->result()->text().startsWith(QStringLiteral("This is a group's chat.")));
    dialog->close();

    // The server's refusal after the upload, in words, the form kept to fix it.
    const QString unnamed = copySample(dir, QStringLiteral("ios-en.txt"), QStringLiteral("_chat.txt"));
    dialog = read(page->importChat(unnamed));
    QVERIFY(dialog->contactField()->text().isEmpty());
    dialog->companyChoice()->setCurrentIndex(1);
    dialog->importButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(dialog->result()->text().contains(QStringLiteral("The contact's number is not in the file's name nor in the chat")), 20000);
    QVERIFY(!dialog->importButton()->isHidden());
    QVERIFY(dialog->importButton()->isEnabled());
    dialog->close();
}

void TestConsole::importChatScreenshots_data()
{
    QTest::addColumn<QString>("language");
    QTest::addRow("es") << QStringLiteral("es");
    QTest::addRow("en") << QStringLiteral("en");
}

void TestConsole::importChatScreenshots()
{
    QFETCH(QString, language);
    const test::ScreenshotLanguage screenLanguage(language);
    QVERIFY(screenLanguage.loaded);
    auto window = openWindow(m_h->admin.get(), m_h->adminUser);
    window->resize(1180, 720);
    ui::ConversationsPage *page = window->conversations();
    // The zip WhatsApp makes "with media": the chat and two of its files.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("WhatsApp Chat - +34 612 00 00 01.zip"));
    {
        QFile chat(QStringLiteral(PUENTE_FIXTURES_DIR "/chat-exports/android-es-24h-ddmmyy.txt"));
        QVERIFY(chat.open(QIODevice::ReadOnly));
        const QByteArray text = chat.readAll(), photo = sandbox::sandboxscript::cvImagePng(), cv = "%PDF-1.4 CV";
        QVERIFY(test::writeZip(path, {{"Chat de WhatsApp con +34 612 00 00 01.txt", text}, {"IMG-20191224-WA0001.jpg", photo},
                                      {QByteArray("CV Ana García 2019.pdf"), cv}}));
    }
    ui::ImportChatDialog *dialog = read(page->importChat(path));
    QVERIFY2(dialog->result()->isHidden(), qPrintable(dialog->result()->text()));
    dialog->companyChoice()->setCurrentIndex(dialog->companyChoice()->findData(QStringLiteral("Talento Norte RRHH")));
    dialog->adjustSize();
    saveScreenshot(*dialog, QStringLiteral("import-chat-%1").arg(language));
    dialog->importButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(dialog->openButton()->isVisible(), 20000);
    dialog->adjustSize();
    saveScreenshot(*dialog, QStringLiteral("import-chat-report-%1").arg(language));
    dialog->openButton()->click();
    ui::ChatPanel *chat = page->chat();
    QTRY_COMPARE_WITH_TIMEOUT(chat->model()->rowCount(), 28, 10000);
    // The photo from the zip shows as any photo does.
    int photoRow = -1;
    for (int row = 0; row < chat->model()->rowCount(); ++row)
        if (chat->model()->index(row).data(ui::MessageModel::TypeRole).toString() == QLatin1String("image"))
            photoRow = row;
    QVERIFY(photoRow >= 0);
    QVERIFY(chat->model()->index(photoRow).data(ui::MessageModel::MessageRole).value<protocol::Message>().media->downloaded);
    QTest::qWait(500); // the chat settles at its newest message first
    chat->view()->scrollTo(chat->view()->model()->index(photoRow, 0), QAbstractItemView::PositionAtTop);
    QTest::qWait(500);
    saveScreenshot(*window, QStringLiteral("import-chat-conversation-%1").arg(language));
}

void TestConsole::saveScreenshot(QWidget &w, const QString &name)
{
    const QString dir = qEnvironmentVariable("PUENTE_SCREENSHOT_DIR", QStringLiteral(PUENTE_SCREENSHOT_DIR));
    QDir().mkpath(dir);
    QVERIFY(w.grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png")));
}

void TestConsole::screenshots_data()
{
    QTest::addColumn<QString>("language");
    QTest::addRow("es") << QStringLiteral("es");
    QTest::addRow("en") << QStringLiteral("en");
}

void TestConsole::screenshots()
{
    QFETCH(QString, language);
    const test::ScreenshotLanguage screenLanguage(language);
    QVERIFY(screenLanguage.loaded);
    // A lived-in inbox: several candidates, a chat with an image, replies and ticks.
    const QList<std::pair<QString, QString>> people{{QStringLiteral("34612000001"), QStringLiteral("María José García")},
                                                   {QStringLiteral("5215512000002"), QStringLiteral("Juan Carlos López")},
                                                   {QStringLiteral("34612000003"), QStringLiteral("Valentina Torres")},
                                                   {QStringLiteral("573001200004"), QStringLiteral("Andrés Morales")}};
    m_h->candidateWrites(people[3].first, people[3].second, QStringLiteral("Buenas tardes, me interesa el puesto de repartidor."));
    m_h->candidateWrites(people[2].first, people[2].second, QStringLiteral("¡Hola! Quisiera postularme para cajera 😊"));
    m_h->candidateWrites(people[1].first, people[1].second, QStringLiteral("Buen día, ¿todavía buscan ayudante de cocina?"));
    m_h->candidateWrites(people[0].first, people[0].second, QStringLiteral("Hola, vi la vacante de auxiliar de almacén, ¿sigue disponible?"));
    QTRY_VERIFY(conversationOf(people[0].first) > 0);
    QTRY_VERIFY(conversationOf(people[3].first) > 0);
    auto window = openWindow(m_h->agent.get(), m_h->agentUser);
    window->resize(1180, 720);
    QTRY_VERIFY(window->events()->state() == client::EventStream::State::Connected);
    ui::ChatPanel *chat = window->conversations()->chat();
    window->conversations()->openConversation(conversationOf(people[0].first));
    QTRY_COMPARE(chat->model()->rowCount(), 1);
    chat->composer()->setPlainText(QStringLiteral("¡Hola María José! Sí, sigue disponible. ¿Tienes experiencia en almacén?"));
    chat->sendText();
    QTRY_COMPARE(chat->model()->rowCount(), 2);
    m_h->demo->sandbox().candidateSendsImage(server::SandboxDemo::phoneNumberId(), people[0].first, people[0].second,
                                              sandbox::sandboxscript::cvImagePng(), QStringLiteral("image/png"), QStringLiteral("Mi CV"));
    m_h->candidateWrites(people[0].first, people[0].second, QStringLiteral("Sí, trabajé dos años en un centro de distribución: recepción de mercancía e inventarios."));
    QTRY_COMPARE_WITH_TIMEOUT(chat->model()->rowCount(), 4, 10000);
    // The image is downloaded by the server, then shown.
    auto imageDownloaded = [chat] {
        for (int i = 0; i < chat->model()->rowCount(); ++i)
            if (chat->model()->index(i).data(ui::MessageModel::MessageRole).value<protocol::Message>().media.value_or(protocol::MessageMedia{}).downloaded)
                return true;
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(imageDownloaded(), 15000);
    for (int i = chat->model()->rowCount() - 1; i >= 0; --i)
        if (chat->model()->index(i).data(ui::MessageModel::TextRole).toString().startsWith(QStringLiteral("Sí, trabajé"))) {
            chat->setReplyTo(chat->model()->index(i).data(ui::MessageModel::IdRole).toLongLong());
            break;
        }
    QVERIFY(chat->replyTo() > 0);
    chat->composer()->setPlainText(QStringLiteral("Perfecto. ¿Te viene bien el jueves a las 10:00?"));
    chat->sendText();
    QTRY_COMPARE(chat->model()->rowCount(), 5);
    QTRY_VERIFY_WITH_TIMEOUT(statusOf(chat->model()->index(4)) == QLatin1String("read"), 15000);
    m_h->candidateWrites(people[1].first, people[1].second, QStringLiteral("Tengo disponibilidad de tiempo completo."));
    QTest::qWait(600); // thumbnails and the last events
    saveScreenshot(*window, QStringLiteral("console-conversations-%1").arg(language));

    // A contact who never wrote: the closed-window composer.
    QSignalSpy opened(window->conversations(), &ui::ConversationsPage::conversationOpened);
    window->conversations()->startConversation(QStringLiteral("+34 699 123 456"), QStringLiteral("Sergio Vargas"));
    QTRY_VERIFY(opened.count() >= 1);
    QTRY_VERIFY(!chat->windowOpen());
    QTest::qWait(200);
    saveScreenshot(*window, QStringLiteral("console-window-closed-%1").arg(language));

    // Offline.
    window->events()->setReconnectDelays(60000, 60000);
    window->events()->dropConnection();
    QTRY_VERIFY(window->offlineBannerVisible());
    saveScreenshot(*window, QStringLiteral("console-offline-%1").arg(language));
}

QTEST_MAIN(TestConsole)
#include "tst_console.moc"
