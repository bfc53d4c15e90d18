#include "SeriesDecimator.h"

#include <QCoreApplication>

#include <algorithm>

namespace vs {

ChartPoints SeriesDecimator::decimate(const SeriesBuffer &series, TimeUnit unit, int maxPoints)
{
    ChartPoints points;
    const int size = series.size();
    if (size == 0 || maxPoints <= 0)
        return points;

    const int bucketCount = std::min(size, maxPoints);
    const double unitSeconds = secondsPer(unit);
    for (QList<QPointF> *line :
         {&points.active, &points.viewers, &points.grants, &points.denials, &points.expiries,
          &points.evictions, &points.latencyP50, &points.latencyP99}) {
        line->reserve(bucketCount);
    }

    for (int bucket = 0; bucket < bucketCount; ++bucket) {
        // Integer bounds so every second lands in exactly one bucket.
        const int first = int(qint64(bucket) * size / bucketCount);
        const int last = int(qint64(bucket + 1) * size / bucketCount) - 1;
        const int step = std::max(1, (last - first + 1) / samplesPerBucket);

        double grants = 0;
        double denials = 0;
        double expiries = 0;
        double evictions = 0;
        double p50Sum = 0;
        double p99Max = 0;
        int samples = 0;
        int latencySamples = 0;
        for (int i = first; i <= last; i += step) {
            const SeriesPoint &point = series.at(i);
            grants += double(point.counters.grants);
            denials += double(point.counters.denials);
            expiries += double(point.counters.expiries);
            evictions += double(point.counters.evictions);
            if (point.latency.count > 0) {
                p50Sum += point.latency.p50Ms;
                p99Max = std::max(p99Max, point.latency.p99Ms);
                ++latencySamples;
            }
            ++samples;
        }

        // The bucket's last point: gauges show where the bucket ended, as a live chart should.
        const SeriesPoint &end = series.at(last);
        const double x = double(end.second) / unitSeconds;
        points.active.append(QPointF(x, end.activeStreams));
        points.viewers.append(QPointF(x, end.viewersWatching));
        points.grants.append(QPointF(x, grants / samples));
        points.denials.append(QPointF(x, denials / samples));
        points.expiries.append(QPointF(x, expiries / samples));
        points.evictions.append(QPointF(x, evictions / samples));
        points.latencyP50.append(QPointF(x, latencySamples > 0 ? p50Sum / latencySamples : 0.0));
        points.latencyP99.append(QPointF(x, p99Max));

        points.maxCount =
            std::max({points.maxCount, double(end.activeStreams), double(end.viewersWatching)});
        points.maxRate = std::max({points.maxRate, grants / samples, denials / samples,
                                   expiries / samples, evictions / samples});
        points.maxLatency = std::max(points.maxLatency, p99Max);
    }
    return points;
}

SeriesDecimator::TimeUnit SeriesDecimator::unitFor(double durationS)
{
    if (durationS <= 600)
        return TimeUnit::Seconds;
    if (durationS <= 3 * 3600)
        return TimeUnit::Minutes;
    return TimeUnit::Hours;
}

double SeriesDecimator::secondsPer(TimeUnit unit)
{
    switch (unit) {
    case TimeUnit::Seconds:
        return 1;
    case TimeUnit::Minutes:
        return 60;
    case TimeUnit::Hours:
        return 3600;
    }
    return 1;
}

QString SeriesDecimator::axisTitle(TimeUnit unit)
{
    switch (unit) {
    case TimeUnit::Seconds:
        return QCoreApplication::translate("SeriesDecimator", "Simulated time (s)");
    case TimeUnit::Minutes:
        return QCoreApplication::translate("SeriesDecimator", "Simulated time (min)");
    case TimeUnit::Hours:
        return QCoreApplication::translate("SeriesDecimator", "Simulated time (h)");
    }
    return {};
}

} // namespace vs
