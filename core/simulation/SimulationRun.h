#pragma once

#include "EventQueue.h"
#include "InvariantChecker.h"
#include "LatencyHistogram.h"
#include "RandomGenerator.h"
#include "Scenario.h"
#include "SeriesBuffer.h"
#include "SimulationCounters.h"
#include "SimulationReport.h"
#include "SimulationSnapshot.h"
#include "Target.h"
#include "ZipfSampler.h"

#include <QStringList>

#include <functional>
#include <optional>
#include <vector>

namespace vs {

// The discrete-event model of the viewers, without threads or timers: whoever owns it says how
// far simulated time may go (SimulationEngine on its thread, or a test or benchmark directly).
//
// Viewers: attempts to start a stream arrive per user as a Poisson process (all users merged
// into one process, which is the same in distribution and keeps one arrival in the queue), pick
// a video from the catalog and send a watch. A granted or reused stream gains a viewer who
// watches for a drawn time and then stops, or with abandon_probability vanishes and leaves the
// lease to expire. Each stream with viewers heartbeats every heartbeat_s. Denied attempts retry
// with doubling backoff. Streams and users are integer indices on the hot path.
class SimulationRun final : public TargetListener
{
public:
    static constexpr int histogramBuckets = 9; // users holding 0..7 streams, and "8 or more"

    SimulationRun(const Scenario &scenario, Target &target);
    ~SimulationRun() override;

    SimulationRun(const SimulationRun &) = delete;
    SimulationRun &operator=(const SimulationRun &) = delete;

    // Each user's plan, drawn from plan_mix with its own stream of the seed (so it is known
    // before the target is built).
    static QStringList assignPlans(const Scenario &scenario);

    // Opens the target; `targetStartMs` is the target clock at simulated time 0. Returns an
    // error message when the target cannot be used.
    QString begin(qint64 targetStartMs);
    // For targets that answer later: how to read the current simulated time when a reply comes.
    void setRealTimeSource(std::function<qint64()> nowUs) { m_realNowUs = std::move(nowUs); }

    // Processes the events due before `untilUs` (never past the duration), at most `maxEvents`,
    // and moves simulated time to `untilUs` when all of them are done. Returns how many ran.
    qint64 runUntil(qint64 untilUs, qint64 maxEvents = EventQueue::never);
    // Runs everything to the duration (synchronous targets).
    void runToEnd();
    // Closes the series at the current time (the duration when reached).
    void finish();

    qint64 nowUs() const { return m_nowUs; }
    qint64 durationUs() const { return m_durationUs; }
    qint64 nextEventUs() const { return m_queue.nextTimeUs(); }
    bool reachedEnd() const { return m_nowUs >= m_durationUs; }
    qint64 events() const { return m_events; }
    bool isFinished() const { return m_finished; }

    SimulationSnapshot snapshot(SimulationSnapshot::State state) const;
    SimulationReport report() const;

    void onReply(const TargetReply &reply) override;

private:
    // One cache line each: a heartbeat touches one record, chosen at random among thousands.
    struct alignas(64) StreamRecord
    {
        quint32 user = 0;
        quint32 video = 0;
        quint32 generation = 0;          // changes when the record is freed
        quint32 heartbeatGeneration = 0; // changes when the heartbeat chain stops or restarts
        int viewers = 0;
        bool inUse = false;
        bool orphan = false; // every viewer vanished: no heartbeats, waiting for expiry
        qint64 expiresAtUs = EventQueue::never;
        qint64 nextHeartbeatUs = EventQueue::never;
        StreamId stream; // as the target reported it, handed back with heartbeats and the stop
    };

    void prefetchAhead() const;
    void process(const SimulationEvent &event);
    void advanceClock(qint64 toUs);
    void closeSecond(qint64 secondEndUs);
    void scheduleNextArrival();
    qint64 nextArrivalUs(qint64 fromUs);
    void sendWatch(quint32 user, quint32 video, int attempt);
    void onWatchReply(const TargetReply &reply);
    void onHeartbeatReply(const TargetReply &reply);
    void onViewerEnd(const SimulationEvent &event);
    void onHeartbeatDue(const SimulationEvent &event);
    void onExpiryDue(const SimulationEvent &event);

    StreamRecord *liveRecord(quint32 index, quint32 generation);
    quint32 findRecord(quint32 user, quint32 video) const; // noRecord when none
    quint32 createRecord(quint32 user, quint32 video);
    void freeRecord(quint32 index);
    void endStream(quint32 index);
    void addViewer(quint32 index);
    void applyExpiry(quint32 index, qint64 expiresAtMs);
    void moveUserBucket(int fromCount, int toCount);
    qint64 drawWatchUs();
    quint32 drawVideo();
    qint64 toSimulatedUs(qint64 targetMs) const;
    qint64 targetNowMs() const;

    static constexpr quint32 noRecord = 0xffffffffu;

    Scenario m_scenario;
    Target &m_target;
    RandomGenerator m_random;
    std::optional<ZipfSampler> m_zipf;
    EventQueue m_queue;
    InvariantChecker m_checker;
    std::function<qint64()> m_realNowUs;

    qint64 m_durationUs = 0;
    qint64 m_heartbeatUs = 0;
    double m_baseRatePerS = 0; // all users together, before stage multipliers
    double m_lognormalMu = 0;
    qint64 m_targetStartMs = 0;
    qint64 m_nowUs = 0;
    qint64 m_events = 0;
    bool m_finished = false;

    std::vector<StreamRecord> m_records;
    std::vector<quint32> m_freeRecords;
    std::vector<std::vector<quint32>> m_userRecords;
    std::vector<int> m_usersByCount;
    int m_active = 0;
    int m_watching = 0;
    int m_peakActive = 0;

    SimulationCounters m_total;  // closed seconds
    SimulationCounters m_second; // the current second
    LatencyHistogram m_latencyTotal;
    LatencyHistogram m_latencySecond;
    SeriesBuffer m_series;
    qint64 m_nextSecondUs = 1'000'000;
    qint64 m_lastIntegratedUs = 0;
    double m_activeArea = 0; // stream-µs, for the time average
    double m_watchingArea = 0;
};

} // namespace vs
