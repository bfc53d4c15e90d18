#pragma once

#include "LimiterEvent.h"

namespace vs {

// Receives every event of a StreamLimiter. Called synchronously on the thread that made the
// decision, after the store has committed it and without any store lock held, so an observer
// may call back into the limiter. Implementations must be thread-safe and quick.
//
// Order: one thread's events arrive in the order it made its decisions, and each decision's
// events in order (expiries it found, evictions, then the grant). Events from different threads
// are not ordered: a Stopped event may arrive after the Granted event of the slot it freed, so a
// count of live streams built from events can briefly overshoot the limit although the store
// never did. Counts settle once the calls finish.
class LimiterObserver
{
public:
    virtual ~LimiterObserver() = default;
    virtual void onLimiterEvent(const LimiterEvent &event) = 0;
};

} // namespace vs
