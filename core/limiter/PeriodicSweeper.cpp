#include "PeriodicSweeper.h"

#include "StreamLimiter.h"

namespace vs {

PeriodicSweeper::PeriodicSweeper(StreamLimiter &limiter, int intervalMs, QObject *parent)
    : QObject(parent)
    , m_limiter(limiter)
{
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &PeriodicSweeper::sweepNow);
}

void PeriodicSweeper::start()
{
    m_timer.start();
}

void PeriodicSweeper::stop()
{
    m_timer.stop();
}

void PeriodicSweeper::sweepNow()
{
    // Bounded batches keep each tick short; a backlog is worked off over the next ticks.
    const int expired = m_limiter.sweep();
    if (expired > 0)
        emit swept(expired);
}

} // namespace vs
