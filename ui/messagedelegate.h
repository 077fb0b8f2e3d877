#pragma once

#include "protocol/enums.h"

#include <QHash>
#include <QStyledItemDelegate>

namespace puente::ui {

class MediaCache;

// A chat message as a bubble: incoming on the left, outgoing on the right,
// a day separator above the first message of each day, the quoted message
// of a reply, an image thumbnail or a file row, the text, the time with
// delivery ticks, Meta's reason when sending failed, and reactions.
class MessageDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit MessageDelegate(MediaCache *media, QObject *parent = nullptr);
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // Where the image or file row is (clicks there open it); empty if none.
    QRect mediaRect(const QStyleOptionViewItem &option, const QModelIndex &index) const;
    // Sizes are remembered per message for the current width (laying out
    // text is what scrolling costs); a row whose look changed is forgotten.
    void forget(qint64 messageId) { m_sizes.remove(messageId); }
    void forgetAll() { m_sizes.clear(); }
    // The words shown for a message (text, or what the type means).
    // `notice`: the words stand for something not shown (deleted, unsupported).
    static QString bodyText(const QModelIndex &index, bool *notice = nullptr);
    static QString dayLabel(const QDate &day, const QLocale &locale);
    static QString statusText(protocol::MessageStatus status);

private:
    struct Layout;
    Layout layout(const QStyleOptionViewItem &option, const QModelIndex &index) const;

    MediaCache *m_media;
    mutable QHash<qint64, QSize> m_sizes;
    mutable int m_sizesWidth = -1;
};

} // namespace puente::ui
