#include "SimulationReport.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace vs {

namespace {

QJsonObject latencyJson(const LatencySummary &latency)
{
    return QJsonObject{{QStringLiteral("p50"), latency.p50Ms},
                       {QStringLiteral("p95"), latency.p95Ms},
                       {QStringLiteral("p99"), latency.p99Ms},
                       {QStringLiteral("max"), latency.maxMs},
                       {QStringLiteral("count"), double(latency.count)}};
}

QJsonArray intArray(const std::vector<int> &values)
{
    QJsonArray array;
    for (int value : values)
        array.append(value);
    return array;
}

// The series by column: compact, and what a chart reads.
QJsonObject seriesJson(const SeriesBuffer &series)
{
    QJsonArray second, active, watching, attempts, grants, reuses, denials, stops, expiries,
        evictions, errors, heartbeats, requests, p50, p95, p99, max;
    for (int i = 0; i < series.size(); ++i) {
        const SeriesPoint &p = series.at(i);
        second.append(double(p.second));
        active.append(p.activeStreams);
        watching.append(p.viewersWatching);
        attempts.append(double(p.counters.attempts));
        grants.append(double(p.counters.grants));
        reuses.append(double(p.counters.reuses));
        denials.append(double(p.counters.denials));
        stops.append(double(p.counters.stops));
        expiries.append(double(p.counters.expiries));
        evictions.append(double(p.counters.evictions));
        errors.append(double(p.counters.errors));
        heartbeats.append(double(p.counters.heartbeats));
        requests.append(double(p.counters.requests));
        p50.append(p.latency.p50Ms);
        p95.append(p.latency.p95Ms);
        p99.append(p.latency.p99Ms);
        max.append(p.latency.maxMs);
    }
    return QJsonObject{
        {QStringLiteral("second"), second},
        {QStringLiteral("active_streams"), active},
        {QStringLiteral("viewers_watching"), watching},
        {QStringLiteral("attempts"), attempts},
        {QStringLiteral("grants"), grants},
        {QStringLiteral("reuses"), reuses},
        {QStringLiteral("denials"), denials},
        {QStringLiteral("stops"), stops},
        {QStringLiteral("expiries"), expiries},
        {QStringLiteral("evictions"), evictions},
        {QStringLiteral("errors"), errors},
        {QStringLiteral("heartbeats"), heartbeats},
        {QStringLiteral("requests"), requests},
        {QStringLiteral("latency_p50_ms"), p50},
        {QStringLiteral("latency_p95_ms"), p95},
        {QStringLiteral("latency_p99_ms"), p99},
        {QStringLiteral("latency_max_ms"), max},
    };
}

} // namespace

void SimulationReport::evaluateThresholds()
{
    thresholds.clear();
    const Scenario::Thresholds &t = scenario.thresholds;
    auto add = [this](const QString &name, double limit, double value) {
        thresholds.push_back(ThresholdResult{name, limit, value, value <= limit});
    };
    if (t.denialRatioMax)
        add(QStringLiteral("denial_ratio_max"), *t.denialRatioMax, denialRatio);
    if (t.latencyP99MsMax)
        add(QStringLiteral("latency_p99_ms_max"), *t.latencyP99MsMax, latency.p99Ms);
    if (t.errorRatioMax)
        add(QStringLiteral("error_ratio_max"), *t.errorRatioMax, errorRatio);
    if (t.limitViolationsMax)
        add(QStringLiteral("limit_violations_max"), double(*t.limitViolationsMax),
            double(limitViolations));
}

bool SimulationReport::passed() const
{
    for (const ThresholdResult &threshold : thresholds) {
        if (!threshold.passed)
            return false;
    }
    return true;
}

QJsonObject SimulationReport::toJson() const
{
    QJsonObject summary{
        {QStringLiteral("completed"), completed},
        {QStringLiteral("simulated_s"), simulatedS},
        {QStringLiteral("events"), double(events)},
        {QStringLiteral("attempts"), double(totals.attempts)},
        {QStringLiteral("grants"), double(totals.grants)},
        {QStringLiteral("reuses"), double(totals.reuses)},
        {QStringLiteral("denials"), double(totals.denials)},
        {QStringLiteral("stops"), double(totals.stops)},
        {QStringLiteral("expiries"), double(totals.expiries)},
        {QStringLiteral("evictions"), double(totals.evictions)},
        {QStringLiteral("errors"), double(totals.errors)},
        {QStringLiteral("heartbeats"), double(totals.heartbeats)},
        {QStringLiteral("requests"), double(totals.requests)},
        {QStringLiteral("denial_ratio"), denialRatio},
        {QStringLiteral("error_ratio"), errorRatio},
        {QStringLiteral("peak_active"), peakActive},
        {QStringLiteral("mean_active"), meanActive},
        {QStringLiteral("mean_watching"), meanWatching},
        {QStringLiteral("limit_violations"), double(limitViolations)},
        {QStringLiteral("latency_ms"), latencyJson(latency)},
        {QStringLiteral("latency_p50_ms"), latency.p50Ms},
        {QStringLiteral("latency_p95_ms"), latency.p95Ms},
        {QStringLiteral("latency_p99_ms"), latency.p99Ms},
        {QStringLiteral("latency_max_ms"), latency.maxMs},
        {QStringLiteral("users_by_active_count"), intArray(usersByActiveCount)},
    };
    if (!error.isEmpty())
        summary.insert(QStringLiteral("error"), error);
    QJsonObject thresholdJson;
    for (const ThresholdResult &threshold : thresholds) {
        thresholdJson.insert(threshold.name,
                             QJsonObject{{QStringLiteral("limit"), threshold.limit},
                                         {QStringLiteral("value"), threshold.value},
                                         {QStringLiteral("passed"), threshold.passed}});
    }
    return QJsonObject{
        {QStringLiteral("scenario"), scenario.toJson()}, {QStringLiteral("summary"), summary},
        {QStringLiteral("thresholds"), thresholdJson},   {QStringLiteral("passed"), passed()},
        {QStringLiteral("series"), seriesJson(series)},
    };
}

QByteArray SimulationReport::toJsonBytes() const
{
    return QJsonDocument(toJson()).toJson(QJsonDocument::Indented);
}

QByteArray SimulationReport::toCsv() const
{
    QByteArray csv("second,active_streams,viewers_watching,attempts,grants,reuses,denials,stops,"
                   "expiries,evictions,errors,heartbeats,requests,latency_p50_ms,latency_p95_ms,"
                   "latency_p99_ms,latency_max_ms\n");
    csv.reserve(csv.size() + series.size() * 80);
    for (int i = 0; i < series.size(); ++i) {
        const SeriesPoint &p = series.at(i);
        const SimulationCounters &c = p.counters;
        for (qint64 value : {p.second, qint64(p.activeStreams), qint64(p.viewersWatching),
                             c.attempts, c.grants, c.reuses, c.denials, c.stops, c.expiries,
                             c.evictions, c.errors, c.heartbeats, c.requests}) {
            csv += QByteArray::number(value);
            csv += ',';
        }
        csv += QByteArray::number(p.latency.p50Ms, 'g', 10) + ',' +
               QByteArray::number(p.latency.p95Ms, 'g', 10) + ',' +
               QByteArray::number(p.latency.p99Ms, 'g', 10) + ',' +
               QByteArray::number(p.latency.maxMs, 'g', 10) + '\n';
    }
    return csv;
}

} // namespace vs
