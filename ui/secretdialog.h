#pragma once

#include <QDialog>

class QLineEdit;
class QPushButton;

namespace puente::ui {

// A secret shown once (a new API key, a password set by an admin): the
// value, a Copy button and the warning that it will not be shown again.
class SecretDialog : public QDialog {
    Q_OBJECT
public:
    SecretDialog(const QString &title, const QString &explanation, const QString &secret, QWidget *parent = nullptr);

    QString secret() const;
    QPushButton *copyButton() const { return m_copy; }

public Q_SLOTS:
    void copy();

private:
    QLineEdit *m_secret = nullptr;
    QPushButton *m_copy = nullptr;
};

} // namespace puente::ui
