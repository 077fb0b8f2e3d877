#include "theme.h"

#include <QStringList>

namespace puente::ui::theme {

QColor accent() { return QColor(0x25, 0xa2, 0x5a); }
QColor muted() { return QColor(0x66, 0x75, 0x81); }
QColor separator() { return QColor(0xe9, 0xed, 0xef); }
QColor selection() { return QColor(0xe8, 0xf0, 0xf2); }
QColor hover() { return QColor(0xf5, 0xf6, 0xf6); }
QColor chatBackground() { return QColor(0xef, 0xea, 0xe2); }
QColor outgoingBubble() { return QColor(0xd9, 0xfd, 0xd3); }
QColor incomingBubble() { return QColor(0xff, 0xff, 0xff); }
QColor readTicks() { return QColor(0x53, 0xbd, 0xeb); }
QColor danger() { return QColor(0xc6, 0x28, 0x28); }
QColor warningBackground() { return QColor(0xff, 0xf3, 0xc4); }

QColor avatarColour(const QString &name)
{
    static const QColor palette[] = {QColor(0x00, 0x96, 0x88), QColor(0x3f, 0x51, 0xb5), QColor(0xe9, 0x1e, 0x63), QColor(0xff, 0x98, 0x00),
                                     QColor(0x79, 0x55, 0x48), QColor(0x60, 0x7d, 0x8b), QColor(0x9c, 0x27, 0xb0), QColor(0x43, 0xa0, 0x47)};
    return palette[qHash(name) % (sizeof(palette) / sizeof(palette[0]))];
}

QString initials(const QString &name)
{
    QString out;
    const QStringList words = name.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString &w : words) {
        if (w.front().isLetter())
            out += w.front().toUpper();
        if (out.size() == 2)
            break;
    }
    if (out.isEmpty())
        out = QStringLiteral("#");
    return out;
}

} // namespace puente::ui::theme
