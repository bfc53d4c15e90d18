#pragma once

#include "Clock.h"

#include <atomic>

namespace vs {

// A clock that moves only when told to. Thread-safe: one thread may advance it while others read.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(qint64 startMs = 1'700'000'000'000);

    qint64 nowMs() const override;
    void setNowMs(qint64 ms);
    void advanceMs(qint64 deltaMs);

private:
    std::atomic<qint64> m_nowMs;
};

} // namespace vs
