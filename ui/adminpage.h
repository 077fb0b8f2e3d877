#pragma once

// What the admin pages (users, API keys, templates, audit log, companies,
// health) share: the state of the list (loading, empty, cannot load) and
// how a page loads what it shows, the line that reports what an action
// did, the page's frame (title, intro, actions) and its list, a
// confirmation box and how dates read.

#include "client/apiclient.h"
#include "protocol/enums.h"

#include <QCoreApplication>
#include <QFrame>
#include <QLabel>
#include <QPointer>

#include <functional>

class QBoxLayout;
class QDialog;
class QHBoxLayout;
class QPushButton;
class QTableView;
class QTableWidget;
class QTableWidgetItem;
class QVBoxLayout;

namespace puente::ui {

// Loading / empty / error, shown in place of (or above) a page's list.
// Connection problems offer "Retry"; a refusal (403) says who may do it.
class PageState : public QFrame {
    Q_OBJECT
public:
    enum class State { Hidden, Loading, Empty, Error };
    // Whether loading says "Loading…" (Quiet: a list is already shown).
    enum class Loading { Shown, Quiet };

    explicit PageState(QWidget *parent = nullptr);

    State state() const { return m_state; }
    QString text() const;
    QPushButton *retryButton() const { return m_retry; }

    void showLoading();
    void showEmpty(const QString &text);
    // `what` names the list in a sentence: "the users".
    void showError(const client::ApiError &error, const QString &what);
    void clear();

    // Follows a call that loads what a page shows: "Loading…", then
    // `show(answer)` with this cleared, or the error ("Cannot load `what`…")
    // and `failed(error)`. Nothing happens once `context` is gone.
    template<typename R, typename Show>
    void load(client::Call<R> call, QObject *context, const QString &what, Show show,
              std::function<void(const client::ApiError &)> failed = {}, Loading loading = Loading::Shown)
    {
        if (loading == Loading::Shown)
            showLoading();
        QPointer<PageState> self(this);
        call.then(context, [self, show](const typename R::Response &answer) {
            if (self)
                self->clear();
            show(answer);
        }, [self, what, failed](const client::ApiError &error) {
            if (self)
                self->showError(error, what);
            if (failed)
                failed(error);
        });
    }

Q_SIGNALS:
    void retryRequested();

private:
    void set(State state, const QString &text, bool retry, bool alarming);

    State m_state = State::Hidden;
    QLabel *m_text = nullptr;
    QPushButton *m_retry = nullptr;
};

// One line under a page's buttons: what the last action did, or why not.
class Notice : public QLabel {
    Q_OBJECT
public:
    explicit Notice(QWidget *parent = nullptr);
    void showInfo(const QString &text);
    void showError(const QString &text);
    bool isError() const { return m_error; }

private:
    bool m_error = false;
};

struct AdminText {
    Q_DECLARE_TR_FUNCTIONS(puente::ui::AdminText)
public:
    // Why an action failed, for errors a page has no better words for.
    static QString actionError(const client::ApiError &error);
    // "Today 10:32", "Yesterday 18:05", or the local short date; `never`
    // when `msecs` is 0 (or absent).
    static QString when(qint64 msecs, const QString &never);
    static QString when(std::optional<qint64> msecs, const QString &never) { return when(msecs.value_or(0), never); }
    // A plan's name: "Basic", "Pro", "Enterprise".
    static QString planName(protocol::Plan plan);
    // The same from its wire name; an unknown plan as it is.
    static QString planName(const QString &plan);
};

// The look of a list of records: whole rows selected, one at a time,
// read-only, no row numbers.
void setUpList(QTableView *view);

// The admin lists' look: setUpList, no grid, columns sized to their
// contents with room between them; `stretch` takes the rest.
void setUpTable(QTableWidget *table, int stretch);

// A page's title: bold, 1.4 times the parent's font size.
QLabel *pageTitle(const QString &text, QWidget *parent);

// A page's title on a row of its own, pushed left; buttons added to the
// row go to its right.
QHBoxLayout *titleRow(const QString &text, QWidget *parent);

// Makes a dialog tall enough again after an error line appeared in it.
void growToFit(QWidget *dialog);

// A dialog's line for what went wrong (red, hidden until there is
// something to say), named `name` so tests can find it.
QLabel *errorLine(QWidget *parent, const QString &name = QStringLiteral("error"));

// Makes `window` as tall as its wrapped labels need at its width (a window
// does not grow by itself: it squeezes its contents over each other);
// `shrink` also gives back height no longer needed.
void fitHeight(QWidget *window, bool shrink = false);

// Cancel and `accept` (named `name`) at the foot of `dialog`, in `layout`:
// `accept` calls `onAccept`, which closes the dialog when it is done.
QPushButton *addDialogButtons(QDialog *dialog, QBoxLayout *layout, const QString &accept, const QString &name, std::function<void()> onAccept);

// A question on the heap (open(), not exec()), named "confirm" so tests can
// find it; `onYes` runs only if the user presses `yes`.
void confirm(QWidget *parent, const QString &title, const QString &text, const QString &yes, std::function<void()> onYes);

// Opens `dialog` (open(), not exec()) and deletes it when it closes.
void openDialog(QDialog *dialog);

// An admin page: its title and, under it, an intro with a row of actions
// (or, without an intro, the actions on the title's row); below them what
// the page shows, with the line that says what the last action did
// (Notice) and the state of what it shows (PageState, whose Retry
// reloads). Each page says what it shows and how it loads it.
class AdminPage : public QWidget {
    Q_OBJECT
public:
    PageState *pageState() const { return m_state; }
    Notice *notice() const { return m_notice; }

public Q_SLOTS:
    // Loads (again) what the page shows.
    virtual void refresh() = 0;

Q_SIGNALS:
    // What the page shows was (re)loaded, or could not be (`ok` false).
    void loaded(bool ok);

protected:
    // Plain: the page is its column; Scrolling: the column scrolls.
    enum class Body { Plain, Scrolling };
    AdminPage(client::ApiClient *api, const QString &title, const QString &intro, QWidget *parent, Body body = Body::Plain);

    // A button in the page's row of actions, calling `slot` when clicked.
    template<typename Page, typename Result>
    QPushButton *addAction(const QString &text, Result (Page::*slot)())
    {
        return addAction(text, [page = static_cast<Page *>(this), slot] { (page->*slot)(); });
    }
    QPushButton *addAction(const QString &text, std::function<void()> onClick);
    // The state and the notice, in the column where they are added.
    PageState *addState();
    Notice *addNotice();
    // The page's column, for what goes below the actions, and the widget
    // that holds it (the page, or what scrolls).
    QVBoxLayout *column() const { return m_column; }
    QWidget *body() const { return m_body; }

    client::ApiClient *m_api;
    PageState *m_state = nullptr;
    Notice *m_notice = nullptr;

private:
    QWidget *m_body;
    QVBoxLayout *m_column;
    QBoxLayout *m_actions;
    int m_actionsEnd; // where the next action goes in m_actions
};

// An admin page around one list of records (a QTableWidget): the rows are
// the page's own typed records, each row's first cell holding the record's
// id (kIdRole); refreshing keeps the selected record selected.
class AdminTablePage : public AdminPage {
    Q_OBJECT
public:
    QTableWidget *table() const { return m_table; }
    // The row of the record whose key (its email, its name) reads `key`,
    // or -1.
    int rowOf(const QString &key) const;

protected:
    static constexpr int kIdRole = Qt::UserRole + 1;
    // Above the list, the notice first or the state first.
    enum class Order { NoticeFirst, StateFirst };

    using AdminPage::AdminPage;

    // The notice, the state and the list with these columns (`stretch`
    // takes the rest), in `container` (a splitter) when given.
    void addList(const QStringList &columns, int stretch, QWidget *container = nullptr, Order order = Order::NoticeFirst);
    // The column that names a record (rowOf), and how it compares.
    void setKeyColumn(int column, Qt::CaseSensitivity sensitivity = Qt::CaseSensitive);

    // Asks route R for the list ("Loading…" while the list is empty), then
    // `show(answer)` and loaded(true); or the error, listFailed() and
    // loaded(false). The call, to abort it.
    template<typename R, typename Show>
    client::ApiReply *loadList(const QString &what, Show show, const typename R::Query &query = {})
    {
        const client::Call<R> call = m_api->call<R>({}, query);
        m_state->load(call, this, what, [this, show](const typename R::Response &answer) {
            show(answer);
            Q_EMIT loaded(true);
        }, [this](const client::ApiError &) {
            listFailed();
            Q_EMIT loaded(false);
        }, listEmpty() ? PageState::Loading::Shown : PageState::Loading::Quiet);
        return call.reply();
    }

    // loadList of a route answering {items}: they become `records` and
    // the rows (showRecords).
    template<typename R, typename T, typename Fill>
    client::ApiReply *loadRows(const QString &what, QList<T> &records, Fill fill, const QString &emptyText)
    {
        return loadList<R>(what, [this, &records, fill, emptyText](const typename R::Response &answer) {
            showRecords(records, answer.items, fill, emptyText);
        });
    }
    // Shows `items`, kept in `records`, one a row: `fill(row, record)`
    // sets the row's cells (showRows).
    template<typename T, typename Fill>
    void showRecords(QList<T> &records, const QList<T> &items, Fill fill, const QString &emptyText)
    {
        records = items;
        showRows(int(records.size()), [&records, fill](int row) { fill(row, std::as_const(records).at(row)); }, emptyText);
    }
    // Replaces the rows: `count` of them, each filled by `fill(row)` (with
    // setCell); then the record selected before is selected again, the
    // state says `emptyText` when there are none, and the actions follow.
    void showRows(int count, const std::function<void(int row)> &fill, const QString &emptyText);
    // A cell of the list, greyed when `muted`.
    QTableWidgetItem *setCell(int row, int column, const QString &text, bool muted = false);
    bool listEmpty() const;
    // The selected row and its record's id; -1 and 0 without a selection.
    int selectedRow() const;
    qint64 selectedId() const;
    // Selects the row of the record with that id; false if not listed.
    bool selectId(qint64 id);
    // Selects `row`; false for -1.
    bool selectRow(int row);
    // The selected record among `records` (the rows' records, by id).
    template<typename T>
    std::optional<T> selectedIn(const QList<T> &records) const
    {
        const qint64 id = selectedId();
        for (const T &record : records)
            if (id != 0 && record.id == id)
                return record;
        return std::nullopt;
    }

    // The list could not be loaded: by default it is emptied and hidden
    // (the state says why) and the actions follow.
    virtual void listFailed();
    // The selection or the rows changed: the page's buttons follow.
    virtual void updateActions() {}

    QTableWidget *m_table = nullptr;

private:
    int m_keyColumn = 0;
    Qt::CaseSensitivity m_keySensitivity = Qt::CaseSensitive;
};

} // namespace puente::ui
