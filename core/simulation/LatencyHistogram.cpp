#include "LatencyHistogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace vs {

int LatencyHistogram::bucketFor(qint64 latencyUs)
{
    if (latencyUs < subBuckets)
        return int(std::max<qint64>(latencyUs, 0));
    const int power = std::bit_width(quint64(latencyUs)) - 1; // >= subBucketBits
    const int sub = int((quint64(latencyUs) >> (power - subBucketBits)) & (subBuckets - 1));
    return std::min((power - subBucketBits + 1) * subBuckets + sub, bucketCount - 1);
}

double LatencyHistogram::bucketMidpointUs(int bucket)
{
    if (bucket < subBuckets)
        return bucket;
    const int power = bucket / subBuckets + subBucketBits - 1;
    const int sub = bucket % subBuckets;
    const double width = std::ldexp(1.0, power - subBucketBits);
    return (subBuckets + sub) * width + width / 2;
}

void LatencyHistogram::add(qint64 latencyUs)
{
    ++m_buckets[std::size_t(bucketFor(latencyUs))];
    ++m_count;
    m_maxUs = std::max(m_maxUs, latencyUs);
}

void LatencyHistogram::merge(const LatencyHistogram &other)
{
    if (other.m_count == 0)
        return;
    for (std::size_t i = 0; i < m_buckets.size(); ++i)
        m_buckets[i] += other.m_buckets[i];
    m_count += other.m_count;
    m_maxUs = std::max(m_maxUs, other.m_maxUs);
}

void LatencyHistogram::clear()
{
    if (m_count == 0)
        return;
    m_buckets.fill(0);
    m_count = 0;
    m_maxUs = 0;
}

double LatencyHistogram::percentileUs(double fraction) const
{
    if (m_count == 0)
        return 0;
    const qint64 rank =
        std::clamp<qint64>(qint64(std::ceil(fraction * double(m_count))), 1, m_count);
    qint64 seen = 0;
    for (int bucket = 0; bucket < bucketCount; ++bucket) {
        seen += m_buckets[std::size_t(bucket)];
        if (seen >= rank)
            return std::min(bucketMidpointUs(bucket), double(m_maxUs));
    }
    return double(m_maxUs);
}

LatencySummary LatencyHistogram::summary() const
{
    LatencySummary summary;
    summary.count = m_count;
    summary.p50Ms = percentileUs(0.50) / 1000.0;
    summary.p95Ms = percentileUs(0.95) / 1000.0;
    summary.p99Ms = percentileUs(0.99) / 1000.0;
    summary.maxMs = double(m_maxUs) / 1000.0;
    return summary;
}

} // namespace vs
