#include "adminwidgets.h"

#include "theme.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QProgressBar>

namespace puente::ui {

namespace {
QColor usageColour(qint64 used, qint64 limit)
{
    if (used >= limit)
        return theme::danger();
    if (used * 10 >= limit * 8)
        return QColor(0xe3, 0x74, 0x00);
    return theme::accent();
}
} // namespace

UsageBar::UsageBar(const QString &label, QWidget *parent) : QWidget(parent)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 2, 0, 2);
    m_label = new QLabel(label, this);
    m_label->setMinimumWidth(260);
    m_bar = new QProgressBar(this);
    m_bar->setTextVisible(false);
    m_bar->setFixedHeight(10);
    m_bar->setMinimumWidth(180);
    m_numbers = new QLabel(this);
    m_numbers->setMinimumWidth(140);
    layout->addWidget(m_label);
    layout->addWidget(m_bar, 1);
    layout->addWidget(m_numbers);
}

void UsageBar::setUsage(qint64 used, std::optional<qint64> limit)
{
    m_numbers->setText(UsageBarDelegate::usageText(used, limit ? QVariant(*limit) : QVariant()));
    m_atLimit = limit && used >= *limit;
    m_bar->setVisible(bool(limit));
    if (!limit)
        return;
    m_bar->setRange(0, int(std::max<qint64>(1, *limit)));
    m_bar->setValue(int(std::min(used, *limit)));
    QPalette p = m_bar->palette();
    p.setColor(QPalette::Highlight, usageColour(used, *limit));
    m_bar->setPalette(p);
    m_numbers->setStyleSheet(m_atLimit ? QStringLiteral("color: %1; font-weight: bold").arg(theme::danger().name()) : QString());
}

QString UsageBar::text() const
{
    return m_label->text() + QLatin1Char(' ') + m_numbers->text();
}

QString UsageBarDelegate::usageText(qint64 used, const QVariant &limit)
{
    if (!limit.isValid() || limit.isNull())
        return UsageBar::tr("%1 (no limit)").arg(QLocale().toString(used));
    return UsageBar::tr("%1 of %2").arg(QLocale().toString(used), QLocale().toString(limit.toLongLong()));
}

void UsageBarDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    QApplication::style()->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);
    const qint64 used = index.data(kUsedRole).toLongLong();
    const QVariant limit = index.data(kLimitRole);
    const QRect r = option.rect.adjusted(6, 4, -6, -4);
    painter->save();
    const QString label = usageText(used, limit);
    if (limit.isValid() && !limit.isNull()) {
        const qint64 max = std::max<qint64>(1, limit.toLongLong());
        const QRect track(r.left(), r.bottom() - 5, r.width(), 5);
        painter->setPen(Qt::NoPen);
        painter->setBrush(theme::separator());
        painter->drawRoundedRect(track, 2, 2);
        painter->setBrush(usageColour(used, max));
        painter->drawRoundedRect(QRect(track.left(), track.top(), int(track.width() * std::min<double>(1.0, double(used) / double(max))), track.height()), 2, 2);
        painter->setPen(used >= max ? theme::danger() : opt.palette.color(QPalette::Text));
        painter->drawText(QRect(r.left(), r.top(), r.width(), r.height() - 7), Qt::AlignLeft | Qt::AlignVCenter, label);
    } else {
        painter->setPen(theme::muted());
        painter->drawText(r, Qt::AlignLeft | Qt::AlignVCenter, label);
    }
    painter->restore();
}

QSize UsageBarDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QSize base = QStyledItemDelegate::sizeHint(option, index);
    const int width = option.fontMetrics.horizontalAdvance(usageText(index.data(kUsedRole).toLongLong(), index.data(kLimitRole))) + 24;
    return QSize(std::max(width, 130), std::max(base.height(), option.fontMetrics.height() + 16));
}

} // namespace puente::ui
