#pragma once

#include <QtGlobal>

namespace vs {

// Counts of what happened, for a whole run or for one simulated second.
struct SimulationCounters
{
    qint64 attempts = 0;  // start requests sent (first tries and retries)
    qint64 grants = 0;    // a new stream took a slot
    qint64 reuses = 0;    // same user, same video: the active stream was renewed
    qint64 denials = 0;   // at the limit
    qint64 stops = 0;     // streams ended by the client
    qint64 expiries = 0;  // leases that ran out without a heartbeat
    qint64 evictions = 0; // streams ended by evict_oldest
    qint64 errors = 0;    // transport errors, timeouts, unexpected answers
    qint64 heartbeats = 0;
    qint64 requests = 0; // every call to the target: starts, heartbeats, stops

    SimulationCounters &operator+=(const SimulationCounters &other);
    friend bool operator==(const SimulationCounters &, const SimulationCounters &) = default;
};

} // namespace vs
