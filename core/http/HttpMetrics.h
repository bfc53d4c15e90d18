#pragma once

#include "ConnectionCounters.h"
#include "LimiterObserver.h"

#include <QByteArray>
#include <QList>

#include <array>
#include <atomic>
#include <functional>
#include <memory>

namespace vs {

// Counters behind GET /metrics (Prometheus text format 0.0.4): requests by route template and
// status, one request latency histogram, and the limiter's events. Lock-free: every counter is
// an atomic, so request threads and limiter observers may update it from anywhere.
class HttpMetrics final : public LimiterObserver
{
public:
    // Upper bounds of the latency buckets, in microseconds (+Inf is implied).
    static constexpr std::array<qint64, 14> latencyBucketsUs{
        50,     100,    250,    500,     1'000,   2'500,   5'000,
        10'000, 25'000, 50'000, 100'000, 250'000, 500'000, 1'000'000};

    // One label set per route (`method="...",route="..."`); requests that match no route are
    // counted under route="unmatched".
    explicit HttpMetrics(const QList<QByteArray> &routeLabels);
    ~HttpMetrics() override;

    // routeIndex -1: matched no route.
    void recordRequest(int routeIndex, int status, qint64 durationUs);
    void onLimiterEvent(const LimiterEvent &event) override;

    quint64 eventCount(LimiterEvent::Type type) const;
    quint64 requestCount(int routeIndex, int status) const;

    // The listener's connection counters, rendered next to the request counters: refusals by
    // the connection guard (413, 414, 431, 429, 503, timeouts) never reach a route. They are read
    // at scrape time on the server thread, which is the only thread that writes them. Without a
    // source (the default) they are left out.
    void setConnectionSource(std::function<ConnectionCounters()> source)
    {
        m_connectionSource = std::move(source);
    }

    // `activeStreams` comes from the store at scrape time.
    QByteArray render(qint64 activeStreams) const;

private:
    static constexpr int statusCount = 600;
    static constexpr int eventTypeCount = 7;

    std::atomic<quint64> &requestCounter(int routeIndex, int status) const;

    QList<QByteArray> m_routeLabels;                    // index routes().size() is "unmatched"
    std::unique_ptr<std::atomic<quint64>[]> m_requests; // [route][status]
    std::array<std::atomic<quint64>, latencyBucketsUs.size() + 1> m_latencyBuckets{};
    std::atomic<quint64> m_latencySumUs{0};
    std::array<std::atomic<quint64>, eventTypeCount> m_events{};
    std::function<ConnectionCounters()> m_connectionSource;
};

} // namespace vs
