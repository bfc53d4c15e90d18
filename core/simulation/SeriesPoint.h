#pragma once

#include "LatencyHistogram.h"
#include "SimulationCounters.h"

namespace vs {

// One second of simulated time. Gauges are sampled at the end of the second; counters and
// latencies cover the second.
struct SeriesPoint
{
    qint64 second = 0; // simulated seconds since the start; this point covers [second-1, second)
    int activeStreams = 0;
    int viewersWatching = 0;
    SimulationCounters counters;
    LatencySummary latency;

    friend bool operator==(const SeriesPoint &, const SeriesPoint &) = default;
};

} // namespace vs
