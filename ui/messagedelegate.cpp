#include "messagedelegate.h"

#include "mediacache.h"
#include "messagemodel.h"
#include "theme.h"

#include <QAbstractItemView>
#include <QDateTime>
#include <QFileInfo>
#include <QPainter>
#include <QPainterPath>

namespace puente::ui {

namespace {

constexpr int kMargin = 10;     // between the view's edge and a bubble
constexpr int kPadding = 8;     // inside a bubble
constexpr int kDayHeight = 34;
const QSize kThumbBox(260, 200);
constexpr int kFileRowHeight = 44;

bool isImage(const QString &type)
{
    return type == QLatin1String("image") || type == QLatin1String("sticker");
}

bool isFile(const QString &type)
{
    return type == QLatin1String("document") || type == QLatin1String("audio") || type == QLatin1String("video");
}

QFont smallFont(const QFont &base)
{
    QFont f = base;
    f.setPointSizeF(base.pointSizeF() * 0.82);
    return f;
}

void drawTick(QPainter *p, QPointF at, const QColor &colour)
{
    QPainterPath path;
    path.moveTo(at + QPointF(0, 4));
    path.lineTo(at + QPointF(3, 7));
    path.lineTo(at + QPointF(9, 0));
    p->setPen(QPen(colour, 1.5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p->setBrush(Qt::NoBrush);
    p->drawPath(path);
}

// 16 px wide status mark: clock, one tick, two ticks (blue when read), "!".
void drawStatus(QPainter *p, const QRect &r, protocol::MessageStatus status)
{
    using protocol::MessageStatus;
    const QPointF at(r.left(), r.center().y() - 4);
    if (status == MessageStatus::Queued) {
        p->setPen(QPen(theme::muted(), 1.2));
        p->setBrush(Qt::NoBrush);
        const QRectF clock(at.x() + 2, at.y() - 1, 10, 10);
        p->drawEllipse(clock);
        p->drawLine(clock.center(), clock.center() + QPointF(0, -3.5));
        p->drawLine(clock.center(), clock.center() + QPointF(2.5, 0));
    } else if (status == MessageStatus::Sent) {
        drawTick(p, at + QPointF(3, 0), theme::muted());
    } else if (status == MessageStatus::Delivered || status == MessageStatus::Read || status == MessageStatus::Played) {
        const QColor c = status == MessageStatus::Delivered ? theme::muted() : theme::readTicks();
        drawTick(p, at, c);
        drawTick(p, at + QPointF(5, 0), c);
    } else if (status == MessageStatus::Failed) {
        p->setPen(Qt::NoPen);
        p->setBrush(theme::danger());
        const QRectF dot(at.x() + 1, at.y() - 2, 12, 12);
        p->drawEllipse(dot);
        p->setPen(Qt::white);
        QFont f = p->font();
        f.setBold(true);
        p->setFont(f);
        p->drawText(dot, Qt::AlignCenter, QStringLiteral("!"));
    }
}

QString humanSize(qint64 bytes, const QLocale &locale)
{
    return bytes > 0 ? locale.formattedDataSize(bytes, 1) : QString();
}

} // namespace

struct MessageDelegate::Layout {
    QRect day;
    QRect bubble;
    QRect quote;
    QRect media;
    QRect text;
    QRect footer;
    QRect error;
    QRect reactions;
    QString body;
    QString footerText;
    QString errorText;
    int height = 0;
};

MessageDelegate::MessageDelegate(MediaCache *media, QObject *parent) : QStyledItemDelegate(parent), m_media(media) {}

QString MessageDelegate::statusText(protocol::MessageStatus status)
{
    switch (status) {
    case protocol::MessageStatus::Queued: return tr("Waiting to be sent");
    case protocol::MessageStatus::Sent: return tr("Sent");
    case protocol::MessageStatus::Delivered: return tr("Delivered");
    case protocol::MessageStatus::Read: return tr("Read");
    case protocol::MessageStatus::Played: return tr("Played");
    case protocol::MessageStatus::Failed: return tr("Not sent");
    case protocol::MessageStatus::Received: break;
    }
    return QString();
}

QString MessageDelegate::dayLabel(const QDate &day, const QLocale &locale)
{
    const QDate today = QDate::currentDate();
    if (day == today)
        return tr("Today");
    if (day == today.addDays(-1))
        return tr("Yesterday");
    return locale.toString(day, QLocale::LongFormat);
}

QString MessageDelegate::bodyText(const QModelIndex &index, bool *notice)
{
    if (notice)
        *notice = false;
    const auto m = index.data(MessageModel::MessageRole).value<protocol::Message>();
    const QString &type = m.type;
    const QString &text = m.content;
    if (m.revoked) {
        if (notice)
            *notice = true;
        return tr("This message was deleted");
    }
    if (type == QLatin1String("location"))
        return tr("Location: %1").arg(text);
    if (type == QLatin1String("contacts"))
        return tr("Contact card: %1").arg(text);
    if (type == QLatin1String("template"))
        return text.isEmpty() ? tr("Template \"%1\"").arg(m.templateName) : text;
    // An imported chat's media that the export left out.
    if (type == QLatin1String("media_omitted")) {
        if (notice)
            *notice = text.isEmpty();
        const QString what = m.media && !m.media->filename.isEmpty() ? tr("File not included in the export: %1").arg(m.media->filename)
                                                                     : tr("Media not included in the export");
        return text.isEmpty() ? what : what + QLatin1Char('\n') + text;
    }
    if (isImage(type) || isFile(type))
        return text; // the caption; the file shows itself
    static const QStringList known{QStringLiteral("text"), QStringLiteral("interactive"), QStringLiteral("button"),
                                   QStringLiteral("order"), QStringLiteral("system"), QStringLiteral("request_welcome")};
    if (notice)
        *notice = text.isEmpty();
    if (!known.contains(type) && text.isEmpty())
        return tr("Unsupported message (%1): WhatsApp does not let Puente show it; ask the contact to send it another way.").arg(type);
    if (text.isEmpty() && type == QLatin1String("request_welcome"))
        return tr("The contact opened the chat for the first time.");
    return text;
}

MessageDelegate::Layout MessageDelegate::layout(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    Layout l;
    const QRect r = option.rect;
    const QFontMetrics fm(option.font);
    const QFontMetrics sfm(smallFont(option.font));
    const auto m = index.data(MessageModel::MessageRole).value<protocol::Message>();
    const bool outgoing = m.direction == protocol::Direction::Outbound;
    const QString &type = m.type;
    const QString quote = index.data(MessageModel::QuoteRole).toString();
    const QString reactions = index.data(MessageModel::ReactionsRole).toString();
    const bool revoked = m.revoked;

    int y = r.top() + 2;
    if (index.data(MessageModel::DayBreakRole).toBool()) {
        l.day = QRect(r.left(), y, r.width(), kDayHeight);
        y += kDayHeight;
    }
    const int maxBubble = std::max(160, std::min(int(r.width() * 0.72), 600));
    const int inner = maxBubble - 2 * kPadding;
    int contentWidth = 0;
    int h = kPadding;

    l.body = bodyText(index);
    const QDateTime at = index.data(MessageModel::TimestampRole).toDateTime();
    l.footerText = option.locale.toString(at.time(), QLocale::ShortFormat);
    if (m.edited)
        l.footerText = tr("edited") + QStringLiteral(" · ") + l.footerText;
    // Sent by the CRM through a notification rule, not by a recruiter.
    if (m.notificationId)
        l.footerText = tr("automatic: %1").arg(m.event) + QStringLiteral(" · ") + l.footerText;
    // From an old chat brought in: no ticks (what WhatsApp knew is not in the export).
    const bool imported = !m.importSource.isEmpty();
    if (imported)
        l.footerText = tr("imported") + QStringLiteral(" · ") + l.footerText;
    const int footerWidth = sfm.horizontalAdvance(l.footerText) + (outgoing && !imported ? 20 : 0);

    if (!quote.isEmpty()) {
        l.quote = QRect(0, h, inner, fm.height() + 2 * 6);
        h += l.quote.height() + 6;
        contentWidth = std::max(contentWidth, std::min(inner, fm.horizontalAdvance(quote) + 20));
    }
    if (!revoked && isImage(type)) {
        l.media = QRect(0, h, kThumbBox.width(), kThumbBox.height());
        h += l.media.height() + 4;
        contentWidth = std::max(contentWidth, kThumbBox.width());
    } else if (!revoked && isFile(type)) {
        l.media = QRect(0, h, std::min(inner, 280), kFileRowHeight);
        h += l.media.height() + 4;
        contentWidth = std::max(contentWidth, l.media.width());
    }
    if (!l.body.isEmpty()) {
        const QRect textBounds = fm.boundingRect(QRect(0, 0, inner, 100000), Qt::TextWordWrap, l.body);
        l.text = QRect(0, h, textBounds.width(), textBounds.height());
        h += textBounds.height();
        contentWidth = std::max(contentWidth, textBounds.width());
    }
    // The time goes beside a short last line, below a long one.
    const bool footerBeside = !l.body.isEmpty() && l.media.isEmpty() && l.quote.isEmpty()
                              && fm.horizontalAdvance(l.body) + footerWidth + 12 <= inner && !l.body.contains(QLatin1Char('\n'));
    if (footerBeside) {
        contentWidth = fm.horizontalAdvance(l.body) + 12 + footerWidth;
        l.footer = QRect(contentWidth - footerWidth, h - sfm.height(), footerWidth, sfm.height());
    } else {
        contentWidth = std::max(contentWidth, footerWidth);
        l.footer = QRect(0, h + 2, 0, sfm.height()); // x set below
        h += sfm.height() + 2;
    }
    if (m.status == protocol::MessageStatus::Failed) {
        const bool interrupted = m.attention == QLatin1String("interrupted");
        l.errorText = interrupted
            ? tr("Sending was interrupted: it is not known whether it arrived. Right-click to send it again or dismiss.")
            : tr("Not delivered: %1. Right-click to send it again.").arg(index.data(MessageModel::ErrorRole).toString());
        const QRect e = sfm.boundingRect(QRect(0, 0, inner, 100000), Qt::TextWordWrap, l.errorText);
        l.error = QRect(0, h + 4, e.width(), e.height());
        h += e.height() + 4;
        contentWidth = std::max(contentWidth, e.width());
    }
    h += kPadding;
    contentWidth = std::min(contentWidth, inner);
    const int bubbleWidth = contentWidth + 2 * kPadding;
    const int bubbleLeft = outgoing ? r.right() - kMargin - bubbleWidth : r.left() + kMargin;
    l.bubble = QRect(bubbleLeft, y + 3, bubbleWidth, h);
    const QPoint origin(bubbleLeft + kPadding, y + 3);
    auto place = [&](QRect &rect) {
        if (!rect.isNull())
            rect.translate(origin);
    };
    if (!l.quote.isNull())
        l.quote.setWidth(contentWidth);
    place(l.quote);
    place(l.media);
    place(l.text);
    place(l.error);
    if (!footerBeside)
        l.footer = QRect(contentWidth - footerWidth, l.footer.top(), footerWidth, l.footer.height());
    l.footer.translate(origin);
    y = l.bubble.bottom() + 3;
    if (!reactions.isEmpty()) {
        const int w = fm.horizontalAdvance(reactions) + 14;
        l.reactions = QRect(outgoing ? l.bubble.right() - w - 8 : l.bubble.left() + 8, l.bubble.bottom() - 4, w, fm.height() + 6);
        y = l.reactions.bottom() + 2;
    }
    l.height = y - r.top() + 2;
    return l;
}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    // Views ask before they know the width; the viewport's is the one that counts.
    if (const auto *view = qobject_cast<const QAbstractItemView *>(option.widget))
        opt.rect = QRect(0, 0, view->viewport()->width(), 0);
    if (opt.rect.width() != m_sizesWidth) {
        m_sizes.clear();
        m_sizesWidth = opt.rect.width();
    }
    const qint64 id = index.data(MessageModel::IdRole).toLongLong();
    if (const auto it = m_sizes.constFind(id); it != m_sizes.constEnd())
        return *it;
    const QSize size(opt.rect.width(), layout(opt, index).height);
    m_sizes.insert(id, size);
    return size;
}

QRect MessageDelegate::mediaRect(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    return layout(option, index).media;
}

void MessageDelegate::paint(QPainter *p, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const Layout l = layout(option, index);
    const auto m = index.data(MessageModel::MessageRole).value<protocol::Message>();
    const bool outgoing = m.direction == protocol::Direction::Outbound;
    const QString &type = m.type;
    const QFont small = smallFont(option.font);
    p->save();
    p->setRenderHint(QPainter::Antialiasing);

    if (!l.day.isNull()) {
        const QString label = dayLabel(index.data(MessageModel::TimestampRole).toDateTime().date(), option.locale);
        p->setFont(small);
        const int w = QFontMetrics(small).horizontalAdvance(label) + 20;
        const QRect pill(l.day.center().x() - w / 2, l.day.top() + 7, w, l.day.height() - 12);
        p->setPen(Qt::NoPen);
        p->setBrush(QColor(0xff, 0xff, 0xff, 0xe0));
        p->drawRoundedRect(pill, 7, 7);
        p->setPen(theme::muted());
        p->drawText(pill, Qt::AlignCenter, label);
    }

    // Bubble (a darker edge when selected).
    p->setPen(option.state & QStyle::State_Selected ? QPen(theme::accent(), 1.5) : QPen(QColor(0, 0, 0, 25)));
    p->setBrush(outgoing ? theme::outgoingBubble() : theme::incomingBubble());
    p->drawRoundedRect(l.bubble, 8, 8);

    if (!l.quote.isNull()) {
        p->setPen(Qt::NoPen);
        p->setBrush(QColor(0, 0, 0, 18));
        p->drawRoundedRect(l.quote, 5, 5);
        p->setBrush(theme::accent());
        p->drawRect(QRect(l.quote.left(), l.quote.top(), 4, l.quote.height()));
        p->setFont(option.font);
        p->setPen(theme::muted());
        const QRect textRect = l.quote.adjusted(10, 0, -6, 0);
        p->drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft,
                    QFontMetrics(option.font).elidedText(index.data(MessageModel::QuoteRole).toString().simplified(), Qt::ElideRight, textRect.width()));
    }

    if (!l.media.isNull()) {
        const protocol::MessageMedia media = m.media.value_or(protocol::MessageMedia{});
        const qint64 id = m.id;
        if (isImage(type)) {
            const QPixmap pixmap = media.downloaded && m_media ? m_media->thumbnail(id, kThumbBox) : QPixmap();
            if (!pixmap.isNull()) {
                const QRect target(l.media.left() + (l.media.width() - pixmap.width()) / 2, l.media.top() + (l.media.height() - pixmap.height()) / 2,
                                   pixmap.width(), pixmap.height());
                p->drawPixmap(target, pixmap);
            } else {
                p->setPen(Qt::NoPen);
                p->setBrush(QColor(0, 0, 0, 20));
                p->drawRoundedRect(l.media, 6, 6);
                p->setPen(theme::muted());
                p->setFont(small);
                p->drawText(l.media, Qt::AlignCenter, media.downloaded ? tr("Loading image…") : tr("Image not downloaded yet"));
            }
        } else {
            QString name = media.filename;
            if (name.isEmpty())
                name = type == QLatin1String("audio") ? tr("Audio") : type == QLatin1String("video") ? tr("Video") : tr("Document");
            QString extension = QFileInfo(name).suffix().toUpper().left(4);
            if (extension.isEmpty())
                extension = media.mimeType.section(QLatin1Char('/'), 1).toUpper().left(4);
            p->setPen(Qt::NoPen);
            p->setBrush(QColor(0, 0, 0, 15));
            p->drawRoundedRect(l.media, 6, 6);
            const QRect icon(l.media.left() + 6, l.media.top() + 6, 32, l.media.height() - 12);
            p->setBrush(type == QLatin1String("audio") ? QColor(0xff, 0x98, 0x00) : type == QLatin1String("video") ? QColor(0x9c, 0x27, 0xb0) : QColor(0x3f, 0x51, 0xb5));
            p->drawRoundedRect(icon, 4, 4);
            p->setPen(Qt::white);
            QFont iconFont = small;
            iconFont.setBold(true);
            iconFont.setPointSizeF(small.pointSizeF() * 0.85);
            p->setFont(iconFont);
            p->drawText(icon, Qt::AlignCenter, extension);
            const QRect text = l.media.adjusted(46, 4, -6, -4);
            p->setFont(option.font);
            p->setPen(option.palette.text().color());
            p->drawText(QRect(text.left(), text.top(), text.width(), text.height() / 2), Qt::AlignLeft | Qt::AlignVCenter,
                        QFontMetrics(option.font).elidedText(name, Qt::ElideMiddle, text.width()));
            p->setFont(small);
            p->setPen(theme::muted());
            QString detail = humanSize(media.size.value_or(0), option.locale);
            const QString action = media.downloaded ? tr("Click to open") : tr("Not downloaded yet");
            detail = detail.isEmpty() ? action : detail + QStringLiteral(" · ") + action;
            p->drawText(QRect(text.left(), text.center().y(), text.width(), text.height() / 2), Qt::AlignLeft | Qt::AlignVCenter, detail);
        }
    }

    if (!l.text.isNull()) {
        QFont f = option.font;
        bool meta = false;
        bodyText(index, &meta);
        f.setItalic(meta);
        p->setFont(f);
        p->setPen(meta ? theme::muted() : option.palette.text().color());
        p->drawText(l.text.adjusted(0, 0, 2, 0), Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, l.body);
    }

    p->setFont(small);
    p->setPen(theme::muted());
    const bool ticks = outgoing && m.importSource.isEmpty();
    const QRect timeRect = ticks ? l.footer.adjusted(0, 0, -20, 0) : l.footer;
    p->drawText(timeRect, Qt::AlignRight | Qt::AlignVCenter, l.footerText);
    if (ticks)
        drawStatus(p, QRect(l.footer.right() - 16, l.footer.top(), 16, l.footer.height()), m.status);

    if (!l.error.isNull()) {
        p->setFont(small);
        p->setPen(theme::danger());
        p->drawText(l.error.adjusted(0, 0, 2, 0), Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, l.errorText);
    }

    if (!l.reactions.isNull()) {
        p->setPen(QPen(QColor(0, 0, 0, 30)));
        p->setBrush(Qt::white);
        p->drawRoundedRect(l.reactions, l.reactions.height() / 2.0, l.reactions.height() / 2.0);
        p->setFont(option.font);
        p->setPen(option.palette.text().color());
        p->drawText(l.reactions, Qt::AlignCenter, index.data(MessageModel::ReactionsRole).toString());
    }
    p->restore();
}

} // namespace puente::ui
