#include "SystemClock.h"

#include <QDateTime>

namespace vs {

qint64 SystemClock::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace vs
