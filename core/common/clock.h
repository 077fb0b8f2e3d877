#pragma once

#include <QDateTime>

namespace puente {

// Current time as Unix milliseconds (all timestamps are stored this way).
inline qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace puente
