#pragma once

#include "Scenario.h"
#include "SimulationReport.h"
#include "SimulationSnapshot.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>

namespace vs {

class EmbeddedTarget;
class SimulationRun;
class Target;

// The part of SimulationEngine that lives on the engine's thread: owns the target and the run,
// and steps simulated time in slices so that control calls (queued to this thread) get through
// between slices. Internal to core/simulation.
class SimulationWorker : public QObject
{
    Q_OBJECT

public:
    SimulationWorker(const Scenario &scenario, const std::atomic<double> &speed);
    ~SimulationWorker() override;

    // Thread-safe readers.
    SnapshotPointer latestSnapshot() const { return m_latest.load(std::memory_order_acquire); }
    SimulationReport finalReport() const;
    bool waitForFinished(int timeoutMs);
    EmbeddedTarget *embeddedTarget() const { return m_embedded; }

    // Called on the worker's thread (queued by the engine).
    void start();
    void pause();
    void resume();
    void stop();

signals:
    void published(vs::SnapshotPointer snapshot);
    void stateChanged(vs::SimulationSnapshot::State state);
    void finished();

private:
    void step();
    void scheduleStep(int delayMs);
    void publish();
    void setState(SimulationSnapshot::State state);
    void finishRun(SimulationSnapshot::State state, const QString &error = {});
    qint64 pacedTargetUs();
    void rebase();

    Scenario m_scenario;
    const std::atomic<double> &m_speed;
    std::unique_ptr<Target> m_target;
    EmbeddedTarget *m_embedded = nullptr; // m_target, when embedded
    std::unique_ptr<SimulationRun> m_run;
    SimulationSnapshot::State m_state = SimulationSnapshot::State::Idle;
    QTimer m_stepTimer;

    QElapsedTimer m_wall;     // runs while Running
    qint64 m_wallSpentNs = 0; // completed running intervals
    qint64 m_baseWallNs = 0;  // pacing base
    qint64 m_baseSimulatedUs = 0;
    double m_baseSpeed = -1;
    qint64 m_lastPublishNs = 0;
    qint64 m_lastPublishSimulatedUs = 0;
    double m_measuredSpeed = 0;
    qint64 m_endReachedNs = -1; // waiting for late answers after the duration

    std::atomic<SnapshotPointer> m_latest;
    mutable std::mutex m_doneMutex;
    std::condition_variable m_doneCondition;
    bool m_done = false;
    SimulationReport m_report;
};

} // namespace vs
