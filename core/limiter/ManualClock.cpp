#include "ManualClock.h"

namespace vs {

ManualClock::ManualClock(qint64 startMs)
    : m_nowMs(startMs)
{}

qint64 ManualClock::nowMs() const
{
    return m_nowMs.load(std::memory_order_acquire);
}

void ManualClock::setNowMs(qint64 ms)
{
    m_nowMs.store(ms, std::memory_order_release);
}

void ManualClock::advanceMs(qint64 deltaMs)
{
    m_nowMs.fetch_add(deltaMs, std::memory_order_acq_rel);
}

} // namespace vs
