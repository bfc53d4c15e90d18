#include "HttpMetrics.h"

namespace vs {

namespace {

struct EventMetric
{
    LimiterEvent::Type type;
    const char *name;
    const char *help;
};

constexpr EventMetric eventMetrics[] = {
    {LimiterEvent::Type::Granted, "videostreams_streams_granted_total",
     "Streams granted (new slot taken)"},
    {LimiterEvent::Type::Reused, "videostreams_streams_reused_total",
     "Watch requests answered with the user's existing stream of the same video"},
    {LimiterEvent::Type::Rejected, "videostreams_streams_denied_total",
     "Watch requests refused because the user was at the limit"},
    {LimiterEvent::Type::Renewed, "videostreams_streams_renewed_total",
     "Heartbeats that extended a lease"},
    {LimiterEvent::Type::Stopped, "videostreams_streams_stopped_total",
     "Streams ended by the client"},
    {LimiterEvent::Type::Expired, "videostreams_streams_expired_total",
     "Leases that ran out without a heartbeat"},
    {LimiterEvent::Type::Evicted, "videostreams_streams_evicted_total",
     "Streams ended by evict_oldest"},
};

// The guard's refusals, one label value per reason; the status each one answers is in
// docs/SECURITY.md.
struct RefusalMetric
{
    const char *reason;
    quint64 ConnectionCounters::*count;
};

constexpr RefusalMetric refusalMetrics[] = {
    {"too_many_connections", &ConnectionCounters::connectionsRefused},
    {"too_many_client_connections", &ConnectionCounters::clientConnectionsRefused},
    {"bad_request", &ConnectionCounters::badRequests},
    {"request_line_too_long", &ConnectionCounters::requestLinesTooLong},
    {"headers_too_large", &ConnectionCounters::headersTooLarge},
    {"body_too_large", &ConnectionCounters::bodiesTooLarge},
    {"rate_limited", &ConnectionCounters::rateLimited},
    {"timed_out", &ConnectionCounters::timedOut},
};

void renderConnections(const ConnectionCounters &connections, QByteArray &out)
{
    out += "# HELP videostreams_http_connections_open Client connections open now\n"
           "# TYPE videostreams_http_connections_open gauge\n"
           "videostreams_http_connections_open " +
           QByteArray::number(connections.openConnections) + '\n';
    out += "# HELP videostreams_http_connections_accepted_total Client connections accepted\n"
           "# TYPE videostreams_http_connections_accepted_total counter\n"
           "videostreams_http_connections_accepted_total " +
           QByteArray::number(connections.connectionsAccepted) + '\n';
    out += "# HELP videostreams_http_refusals_total Requests or connections the connection guard "
           "refused before any route ran, by reason\n"
           "# TYPE videostreams_http_refusals_total counter\n";
    for (const RefusalMetric &metric : refusalMetrics) {
        out += QByteArray("videostreams_http_refusals_total{reason=\"") + metric.reason + "\"} " +
               QByteArray::number(connections.*metric.count) + '\n';
    }
    out += "# HELP videostreams_http_idle_connections_closed_total Keep-alive connections closed "
           "after the idle timeout\n"
           "# TYPE videostreams_http_idle_connections_closed_total counter\n"
           "videostreams_http_idle_connections_closed_total " +
           QByteArray::number(connections.idleClosed) + '\n';
}

QByteArray microsecondsAsSeconds(qint64 us)
{
    return QByteArray::number(double(us) / 1e6, 'g', 10);
}

} // namespace

HttpMetrics::HttpMetrics(const QList<QByteArray> &routeLabels)
    : m_routeLabels(routeLabels)
{
    m_routeLabels.append(QByteArrayLiteral("method=\"\",route=\"unmatched\""));
    const auto size = std::size_t(m_routeLabels.size()) * statusCount;
    m_requests = std::make_unique<std::atomic<quint64>[]>(size);
    for (std::size_t i = 0; i < size; ++i)
        m_requests[i].store(0, std::memory_order_relaxed);
}

HttpMetrics::~HttpMetrics() = default;

std::atomic<quint64> &HttpMetrics::requestCounter(int routeIndex, int status) const
{
    const int lastRoute = int(m_routeLabels.size()) - 1;
    if (routeIndex < 0 || routeIndex > lastRoute)
        routeIndex = lastRoute;
    if (status < 0 || status >= statusCount)
        status = 0;
    return m_requests[std::size_t(routeIndex) * statusCount + std::size_t(status)];
}

void HttpMetrics::recordRequest(int routeIndex, int status, qint64 durationUs)
{
    requestCounter(routeIndex, status).fetch_add(1, std::memory_order_relaxed);
    std::size_t bucket = 0;
    while (bucket < latencyBucketsUs.size() && durationUs > latencyBucketsUs[bucket])
        ++bucket;
    m_latencyBuckets[bucket].fetch_add(1, std::memory_order_relaxed);
    m_latencySumUs.fetch_add(quint64(std::max<qint64>(durationUs, 0)), std::memory_order_relaxed);
}

void HttpMetrics::onLimiterEvent(const LimiterEvent &event)
{
    m_events[std::size_t(event.type)].fetch_add(1, std::memory_order_relaxed);
}

quint64 HttpMetrics::eventCount(LimiterEvent::Type type) const
{
    return m_events[std::size_t(type)].load(std::memory_order_relaxed);
}

quint64 HttpMetrics::requestCount(int routeIndex, int status) const
{
    return requestCounter(routeIndex, status).load(std::memory_order_relaxed);
}

QByteArray HttpMetrics::render(qint64 activeStreams) const
{
    QByteArray out;
    out.reserve(4096);

    out += "# HELP videostreams_http_requests_total HTTP requests by route template and status\n"
           "# TYPE videostreams_http_requests_total counter\n";
    for (int route = 0; route < int(m_routeLabels.size()); ++route) {
        for (int status = 0; status < statusCount; ++status) {
            const quint64 count = requestCounter(route, status).load(std::memory_order_relaxed);
            if (count == 0)
                continue;
            out += "videostreams_http_requests_total{" + m_routeLabels.at(route) + ",status=\"" +
                   QByteArray::number(status) + "\"} " + QByteArray::number(count) + '\n';
        }
    }

    out += "# HELP videostreams_http_request_duration_seconds Time from a complete request to "
           "its response being written\n"
           "# TYPE videostreams_http_request_duration_seconds histogram\n";
    quint64 cumulative = 0;
    for (std::size_t bucket = 0; bucket <= latencyBucketsUs.size(); ++bucket) {
        cumulative += m_latencyBuckets[bucket].load(std::memory_order_relaxed);
        const QByteArray bound = bucket < latencyBucketsUs.size()
                                     ? microsecondsAsSeconds(latencyBucketsUs[bucket])
                                     : QByteArrayLiteral("+Inf");
        out += "videostreams_http_request_duration_seconds_bucket{le=\"" + bound + "\"} " +
               QByteArray::number(cumulative) + '\n';
    }
    out += "videostreams_http_request_duration_seconds_sum " +
           microsecondsAsSeconds(qint64(m_latencySumUs.load(std::memory_order_relaxed))) + '\n';
    out +=
        "videostreams_http_request_duration_seconds_count " + QByteArray::number(cumulative) + '\n';

    for (const EventMetric &metric : eventMetrics) {
        out += QByteArray("# HELP ") + metric.name + ' ' + metric.help + '\n';
        out += QByteArray("# TYPE ") + metric.name + " counter\n";
        out += QByteArray(metric.name) + ' ' + QByteArray::number(eventCount(metric.type)) + '\n';
    }

    out += "# HELP videostreams_active_streams Leases held by the store (expired ones count "
           "until the next sweep, at most a second)\n"
           "# TYPE videostreams_active_streams gauge\n"
           "videostreams_active_streams " +
           QByteArray::number(activeStreams) + '\n';
    if (m_connectionSource)
        renderConnections(m_connectionSource(), out);
    return out;
}

} // namespace vs
