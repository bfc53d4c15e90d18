#pragma once

#include <QtGlobal>

#include <array>

namespace vs {

struct LatencySummary
{
    double p50Ms = 0;
    double p95Ms = 0;
    double p99Ms = 0;
    double maxMs = 0;
    qint64 count = 0;
    friend bool operator==(const LatencySummary &, const LatencySummary &) = default;
};

// Request latencies in log-spaced buckets (HdrHistogram's idea, coarser): 16 sub-buckets per
// power of two from 1 µs to ~1 h, so any percentile is within ~4.5% of the true value, adding
// is O(1) and merging is a loop over a fixed array. The maximum is kept exactly.
class LatencyHistogram
{
public:
    static constexpr int subBucketBits = 4;
    static constexpr int subBuckets = 1 << subBucketBits;
    static constexpr int powers = 32;
    static constexpr int bucketCount = subBuckets * powers;

    void add(qint64 latencyUs);
    void merge(const LatencyHistogram &other);
    void clear();

    qint64 count() const { return m_count; }
    qint64 maxUs() const { return m_maxUs; }
    // The latency below which `fraction` (0..1) of the samples fall, in µs (bucket midpoint).
    double percentileUs(double fraction) const;
    LatencySummary summary() const;

    static int bucketFor(qint64 latencyUs);
    static double bucketMidpointUs(int bucket);

private:
    std::array<qint64, bucketCount> m_buckets{};
    qint64 m_count = 0;
    qint64 m_maxUs = 0;
};

} // namespace vs
