#pragma once

#include <QStyledItemDelegate>

namespace puente::ui {

// One contact in the conversation list: initials, name, time of the last
// message, preview, unread badge, and a mark for archived/blocked.
class ConversationDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // "14:32" today, "Ayer" yesterday, the weekday this week, else the date.
    static QString shortTime(const QDateTime &at, const QLocale &locale);
};

} // namespace puente::ui
