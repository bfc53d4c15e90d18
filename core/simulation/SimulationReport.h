#pragma once

#include "LatencyHistogram.h"
#include "Scenario.h"
#include "SeriesBuffer.h"
#include "SimulationCounters.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <vector>

namespace vs {

struct ThresholdResult
{
    QString name; // e.g. "denial_ratio_max"
    double limit = 0;
    double value = 0;
    bool passed = true;
};

// The outcome of a run. Holds nothing that depends on the wall clock, so in virtual time the
// same scenario and seed give a byte-identical JSON and CSV.
struct SimulationReport
{
    Scenario scenario;
    bool completed = false; // reached the duration (false: stopped early or failed)
    QString error;
    double simulatedS = 0;
    qint64 events = 0;

    SimulationCounters totals;
    double denialRatio = 0; // denials / attempts
    double errorRatio = 0;  // errors / requests
    int peakActive = 0;
    double meanActive = 0; // time-averaged active streams
    double meanWatching = 0;
    qint64 limitViolations = 0;
    LatencySummary latency;
    std::vector<int> usersByActiveCount; // at the end
    std::vector<ThresholdResult> thresholds;
    SeriesBuffer series;

    // Fills `thresholds` from the scenario's thresholds and the summary.
    void evaluateThresholds();
    bool passed() const;

    // {"scenario", "summary", "thresholds", "users_by_active_count", "series"}
    QJsonObject toJson() const;
    QByteArray toJsonBytes() const;
    // One line per simulated second, with a header line.
    QByteArray toCsv() const;
};

} // namespace vs
