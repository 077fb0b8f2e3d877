#include "secretdialog.h"

#include "theme.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace puente::ui {

SecretDialog::SecretDialog(const QString &title, const QString &explanation, const QString &secret, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("secretDialog"));
    setWindowTitle(title);
    setMinimumWidth(520);
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(explanation, this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *row = new QHBoxLayout;
    m_secret = new QLineEdit(secret, this);
    m_secret->setObjectName(QStringLiteral("secret"));
    m_secret->setReadOnly(true);
    m_secret->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_secret->setCursorPosition(0);
    row->addWidget(m_secret, 1);
    m_copy = new QPushButton(tr("Copy"), this);
    m_copy->setObjectName(QStringLiteral("copy"));
    connect(m_copy, &QPushButton::clicked, this, &SecretDialog::copy);
    row->addWidget(m_copy);
    layout->addLayout(row);

    auto *warning = new QLabel(tr("Copy it now: it will not be shown again. If it is lost, make a new one."), this);
    warning->setObjectName(QStringLiteral("warning"));
    warning->setWordWrap(true);
    warning->setStyleSheet(QStringLiteral("QLabel { background: %1; padding: 6px; border-radius: 4px; }").arg(theme::warningBackground().name()));
    layout->addWidget(warning);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setText(tr("Done"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::accept);
    layout->addWidget(buttons);
}

QString SecretDialog::secret() const
{
    return m_secret->text();
}

void SecretDialog::copy()
{
    QGuiApplication::clipboard()->setText(m_secret->text());
    m_copy->setText(tr("Copied"));
}

} // namespace puente::ui
