#pragma once

#include <QColor>
#include <QString>

// The console's few colours, in one place (WhatsApp-like greens on a light
// background, readable with the system font).
namespace puente::ui::theme {

QColor accent();        // unread badges, primary actions
QColor muted();         // secondary text
QColor separator();
QColor selection();
QColor hover();
QColor chatBackground();
QColor outgoingBubble();
QColor incomingBubble();
QColor readTicks();     // blue ticks
QColor danger();        // failed messages, errors
QColor warningBackground(); // banners
QColor avatarColour(const QString &name);
QString initials(const QString &name);

} // namespace puente::ui::theme
