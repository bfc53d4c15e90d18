#pragma once

#include "LatencyHistogram.h"
#include "SeriesBuffer.h"
#include "SimulationCounters.h"

#include <QMetaType>
#include <QString>

#include <memory>
#include <vector>

namespace vs {

// What a run looks like at one moment: an immutable value published ~10 times per wall second
// (and once more when the run ends). Readers on other threads get a shared_ptr to it and never
// block the engine.
struct SimulationSnapshot
{
    enum class State
    {
        Idle, // created or reset, not started
        Running,
        Paused,
        Finished, // reached the scenario's duration
        Stopped,  // stopped early by the user
        Failed,   // the target could not be used (e.g. http target unreachable)
    };

    State state = State::Idle;
    double simulatedS = 0;
    double durationS = 0;
    double speed = 0;    // simulated seconds per wall second over the last interval
    double wallS = 0;    // wall time spent running (pauses excluded)
    qint64 events = 0;   // discrete events processed so far
    qint64 inFlight = 0; // requests sent and not yet answered (http)

    int activeStreams = 0;
    int viewersWatching = 0;
    qint64 capacity = -1; // sum of the users' limits; -1 when unknown (http target)
    qint64 limitViolations = 0;
    SimulationCounters totals;
    LatencySummary latency; // whole run so far
    // usersByActiveCount[k]: users holding k active streams now (the last entry is "k or more").
    std::vector<int> usersByActiveCount;
    SeriesBuffer series;
    QString error; // why the run failed, when it did
};

using SnapshotPointer = std::shared_ptr<const SimulationSnapshot>;

QString toString(SimulationSnapshot::State state);

} // namespace vs

Q_DECLARE_METATYPE(vs::SnapshotPointer)
