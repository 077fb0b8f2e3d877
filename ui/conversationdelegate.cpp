#include "conversationdelegate.h"

#include "conversationlistmodel.h"
#include "theme.h"

#include <QApplication>
#include <QDateTime>
#include <QPainter>
#include <QPainterPath>

namespace puente::ui {

QString ConversationDelegate::shortTime(const QDateTime &at, const QLocale &locale)
{
    if (!at.isValid())
        return QString();
    const QDate today = QDate::currentDate();
    const QDate day = at.date();
    if (day == today)
        return locale.toString(at.time(), QLocale::ShortFormat);
    if (day == today.addDays(-1))
        return tr("Yesterday");
    if (day > today.addDays(-7))
        return locale.standaloneDayName(day.dayOfWeek(), QLocale::LongFormat);
    return locale.toString(day, QLocale::ShortFormat);
}

QSize ConversationDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const QFontMetrics fm(option.font);
    return {200, std::max(56, fm.height() * 2 + 22)};
}

void ConversationDelegate::paint(QPainter *p, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    const QRect r = option.rect;
    const bool selected = option.state & QStyle::State_Selected;
    p->fillRect(r, selected ? theme::selection() : (option.state & QStyle::State_MouseOver ? theme::hover() : option.palette.base().color()));

    const QString name = index.data(ConversationListModel::NameRole).toString();
    const int unread = index.data(ConversationListModel::UnreadRole).toInt();
    const auto status = index.data(ConversationListModel::StatusRole).value<protocol::ConversationStatus>();

    // Avatar: initials on a colour taken from the name.
    const int avatar = r.height() - 16;
    const QRect avatarRect(r.left() + 10, r.top() + 8, avatar, avatar);
    p->setPen(Qt::NoPen);
    p->setBrush(theme::avatarColour(name));
    p->drawEllipse(avatarRect);
    QFont initialsFont = option.font;
    initialsFont.setBold(true);
    p->setFont(initialsFont);
    p->setPen(Qt::white);
    p->drawText(avatarRect, Qt::AlignCenter, theme::initials(name));

    const int left = avatarRect.right() + 10;
    const int right = r.right() - 10;
    const QFontMetrics fm(option.font);
    const int line1 = r.top() + 8;
    const int line2 = line1 + fm.height() + 4;

    // Time, top right.
    const QString time = shortTime(index.data(ConversationListModel::LastMessageAtRole).toDateTime(), option.locale);
    QFont small = option.font;
    small.setPointSizeF(option.font.pointSizeF() * 0.85);
    p->setFont(small);
    const QFontMetrics sfm(small);
    const int timeWidth = sfm.horizontalAdvance(time);
    p->setPen(unread > 0 ? theme::accent() : theme::muted());
    p->drawText(QRect(right - timeWidth, line1, timeWidth, fm.height()), Qt::AlignRight | Qt::AlignVCenter, time);

    // Name.
    QFont nameFont = option.font;
    nameFont.setBold(unread > 0);
    p->setFont(nameFont);
    p->setPen(option.palette.text().color());
    const QFontMetrics nfm(nameFont);
    const int nameWidth = right - timeWidth - 8 - left;
    p->drawText(QRect(left, line1, nameWidth, fm.height()), Qt::AlignLeft | Qt::AlignVCenter, nfm.elidedText(name, Qt::ElideRight, nameWidth));

    // Badge, bottom right.
    int badgeWidth = 0;
    if (unread > 0) {
        const QString count = unread > 99 ? QStringLiteral("99+") : option.locale.toString(unread);
        p->setFont(small);
        badgeWidth = std::max(sfm.height() + 4, sfm.horizontalAdvance(count) + 12);
        const QRect badge(right - badgeWidth, line2, badgeWidth, sfm.height() + 4);
        p->setPen(Qt::NoPen);
        p->setBrush(theme::accent());
        p->drawRoundedRect(badge, badge.height() / 2.0, badge.height() / 2.0);
        p->setPen(Qt::white);
        p->drawText(badge, Qt::AlignCenter, count);
    }

    // Preview, with a tag for archived and blocked contacts.
    QString preview = index.data(ConversationListModel::PreviewRole).toString().simplified();
    if (status == protocol::ConversationStatus::Blocked)
        preview = tr("Blocked") + QStringLiteral(" · ") + preview;
    else if (status == protocol::ConversationStatus::Archived)
        preview = tr("Archived") + QStringLiteral(" · ") + preview;
    p->setFont(option.font);
    p->setPen(theme::muted());
    const int previewWidth = right - left - (badgeWidth ? badgeWidth + 8 : 0);
    p->drawText(QRect(left, line2, previewWidth, fm.height()), Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(preview, Qt::ElideRight, previewWidth));

    // Separator.
    p->setPen(theme::separator());
    p->drawLine(left, r.bottom(), r.right(), r.bottom());
    p->restore();
}

} // namespace puente::ui
