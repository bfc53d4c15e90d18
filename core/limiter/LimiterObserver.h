#pragma once

#include "LimiterEvent.h"

namespace vs {

// Receives every event of a StreamLimiter. Called synchronously on the thread that made the
// decision, after the store has committed it and without any store lock held, so an observer
// may call back into the limiter. Implementations must be thread-safe and quick.
class LimiterObserver
{
public:
    virtual ~LimiterObserver() = default;
    virtual void onLimiterEvent(const LimiterEvent &event) = 0;
};

} // namespace vs
