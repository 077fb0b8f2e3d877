#pragma once

// What the admin pages (users, API keys, templates) share: the state of the
// list (loading, empty, cannot load), the line that reports what an action
// did, a confirmation box and how dates read.

#include <QCoreApplication>
#include <QFrame>
#include <QLabel>

#include <functional>

class QPushButton;
class QTableWidget;

namespace puente::client {
struct ApiError;
}

namespace puente::ui {

// Loading / empty / error, shown in place of (or above) a page's list.
// Connection problems offer "Retry"; a refusal (403) says who may do it.
class PageState : public QFrame {
    Q_OBJECT
public:
    enum class State { Hidden, Loading, Empty, Error };

    explicit PageState(QWidget *parent = nullptr);

    State state() const { return m_state; }
    QString text() const;
    QPushButton *retryButton() const { return m_retry; }

    void showLoading();
    void showEmpty(const QString &text);
    // `what` names the list in a sentence: "the users".
    void showError(const client::ApiError &error, const QString &what);
    void clear();

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
    // when `msecs` is 0.
    static QString when(qint64 msecs, const QString &never);
    // A plan's name ("basic" → "Basic"); an unknown plan as it is.
    static QString planName(const QString &plan);
};

// The admin lists' look: whole rows selected, read-only, no grid, columns
// sized to their contents with room between them; `stretch` takes the rest.
void setUpTable(QTableWidget *table, int stretch);

// A page's title: bold, 1.4 times the parent's font size.
QLabel *pageTitle(const QString &text, QWidget *parent);

// Makes a dialog tall enough again after an error line appeared in it.
void growToFit(QWidget *dialog);

// A question on the heap (open(), not exec()), named "confirm" so tests can
// find it; `onYes` runs only if the user presses `yes`.
void confirm(QWidget *parent, const QString &title, const QString &text, const QString &yes, std::function<void()> onYes);

} // namespace puente::ui
