#pragma once

#include "SeriesBuffer.h"

#include <QList>
#include <QPointF>
#include <QString>

namespace vs {

// The chart lines of one snapshot, x in `TimeUnit`s of simulated time.
struct ChartPoints
{
    QList<QPointF> active;
    QList<QPointF> viewers;
    QList<QPointF> grants;
    QList<QPointF> denials;
    QList<QPointF> expiries;
    QList<QPointF> evictions;
    QList<QPointF> latencyP50;
    QList<QPointF> latencyP99;
    double maxCount = 0;   // largest value of active and viewers
    double maxRate = 0;    // largest per-second rate
    double maxLatency = 0; // largest p99, ms
};

// Reduces the per-second series of a run to at most `maxPoints` points per line, so a chart of a
// day-long run draws as fast as one of a minute. Gauges keep the last value of each bucket,
// rates the bucket's mean per second, p50 the mean and p99 the maximum (tails stay visible).
// Very long buckets are sampled (at most samplesPerBucket points read each), which bounds the
// work per refresh whatever the run's length.
class SeriesDecimator
{
public:
    enum class TimeUnit
    {
        Seconds,
        Minutes,
        Hours,
    };

    static constexpr int defaultMaxPoints = 300; // about one per two pixels of a chart
    static constexpr int samplesPerBucket = 32;

    static ChartPoints decimate(const SeriesBuffer &series, TimeUnit unit,
                                int maxPoints = defaultMaxPoints);

    // The unit that keeps axis labels short for a run of `durationS` seconds.
    static TimeUnit unitFor(double durationS);
    static double secondsPer(TimeUnit unit);
    static QString axisTitle(TimeUnit unit);
};

} // namespace vs
